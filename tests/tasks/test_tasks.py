"""The tasks: what their batches hold, their held-out sets, metrics and errors."""

import math

import numpy as np
import pytest

from lstm_studio.engine import SequenceModel
from lstm_studio.tasks import (
    TASKS,
    AddingProblem,
    BinaryAddition,
    DataFileError,
    DelayedRecall,
    NextPrime,
    Param,
    SinToCos,
    make_task,
    primes_below,
)

GENERATED = [n for n in TASKS if n != "own-data"]


@pytest.fixture
def sine_csv(tmp_path):
    t = np.arange(600)
    rng = np.random.default_rng(3)
    rows = np.stack([np.sin(0.2 * t), np.cos(0.07 * t) + 0.01 * rng.standard_normal(600)], 1)
    path = tmp_path / "waves.csv"
    path.write_text("a,b\n" + "\n".join(f"{u:.6f},{v:.6f}" for u, v in rows) + "\n")
    return path


def _task(name, tmp_path=None, **params):
    if name == "own-data" and "path" not in params:
        path = tmp_path / "t.txt"
        path.write_text("hello world, hello there. " * 40)
        params["path"] = str(path)
    return make_task(name, **params)


@pytest.mark.parametrize("name", list(TASKS))
def test_batches_have_the_shapes_the_model_needs(name, tmp_path):
    task = _task(name, tmp_path)
    batch = task.sample(np.random.default_rng(0), 5)
    T, B, D = batch.x.shape
    assert (B, D) == (5, task.input_size)
    if task.loss == "cross_entropy":
        assert batch.target.shape == (T, B)
        assert batch.target.min() >= 0 and batch.target.max() < task.output_size
    else:
        assert batch.target.shape == (T, B, task.output_size)
    if batch.mask is not None:
        assert batch.mask.shape == (T,) and batch.mask.any()
    # the engine accepts the batch as is
    model = SequenceModel("gru", task.input_size, 4, task.output_size, seed=0)
    loss, _ = model.loss_and_gradients(batch.x, batch.target, task.loss, batch.mask)
    assert math.isfinite(loss)
    metrics = task.evaluate(model)
    assert "loss" in metrics and task.primary_metric in metrics
    assert all(math.isfinite(v) for v in metrics.values())
    assert task.solved(metrics) in (True, False)


@pytest.mark.parametrize("name", GENERATED)
def test_same_rng_same_batch_and_a_fixed_heldout_set(name):
    a, b = make_task(name), make_task(name)
    x1 = a.sample(np.random.default_rng(7), 4)
    x2 = b.sample(np.random.default_rng(7), 4)
    x3 = b.sample(np.random.default_rng(8), 4)
    assert np.array_equal(x1.x, x2.x) and np.array_equal(x1.target, x2.target)
    assert not (np.array_equal(x1.x, x3.x) and np.array_equal(x1.target, x3.target))
    assert np.array_equal(a.heldout().x, b.heldout().x)
    # the probe is one of the held-out sequences
    probe, held = a.probe().x, a.heldout().x
    assert probe.shape[1] == 1 and (held == probe).all(axis=(0, 2)).any()


def test_binary_addition_probe_shows_carries():
    task = BinaryAddition(bits=3)  # every pair held out, the first one is 0 + 0
    x = task.probe().x[:, 0]
    a, b = (int(x[:, k] @ 2 ** np.arange(4)) for k in (0, 1))
    assert bin((a + b) ^ a ^ b).count("1") >= 2


def test_binary_addition_encodes_the_sum_bits_lsb_first():
    task = BinaryAddition(bits=8)
    a = np.array([0, 1, 255, 200, 77])
    b = np.array([0, 1, 255, 100, 3])
    batch = task.encode(a, b)
    weights = 2 ** np.arange(9)
    assert np.array_equal(batch.x[:, :, 0].T @ weights, a)
    assert np.array_equal(batch.x[:, :, 1].T @ weights, b)
    assert np.array_equal(batch.target[:, :, 0].T @ weights, a + b)
    assert not batch.x[8].any()  # the step where only the carry comes out


def test_binary_addition_never_trains_on_a_heldout_pair():
    task = BinaryAddition(bits=6)  # 4096 pairs, 2048 held out: collisions are common
    keys = set(task.heldout_keys().tolist())
    assert len(keys) == 2048
    batch = task.sample(np.random.default_rng(0), 4000)
    w = 2 ** np.arange(7)
    a = (batch.x[:, :, 0].T @ w).astype(np.uint64)
    b = (batch.x[:, :, 1].T @ w).astype(np.uint64)
    drawn = set(((a << np.uint64(6)) | b).tolist())
    assert not drawn & keys


def test_binary_addition_small_numbers_hold_out_every_pair():
    task = BinaryAddition(bits=3)
    assert task.every_pair and task.heldout().size == 64


def test_binary_addition_metrics_count_whole_sums():
    task = BinaryAddition(bits=4)
    batch = task.heldout()
    logits = np.where(batch.target > 0.5, 5.0, -5.0)
    assert task._metrics(logits, batch) == {"bit_accuracy": 1.0, "sum_accuracy": 1.0}
    logits[2, 0, 0] *= -1  # one wrong bit in one sum
    m = task._metrics(logits, batch)
    assert m["sum_accuracy"] == pytest.approx(1 - 1 / batch.size)
    assert not task.solved(m)


def test_primes_below_match_trial_division():
    naive = [n for n in range(2, 500) if all(n % d for d in range(2, int(n**0.5) + 1))]
    assert primes_below(500).tolist() == naive


def test_next_prime_scores_the_prime_after_the_window():
    task = NextPrime(limit=100, window=4)
    hb = task.heldout()
    assert hb.size == 25 - 4  # every window that has a next prime
    assert np.allclose(hb.x[:, 0, 0] * 100, [2, 3, 5, 7])
    assert hb.target[-1, 0, 0] * 100 == pytest.approx(11)
    assert hb.mask.tolist() == [0, 0, 0, 1]
    # predictions within half a gap decode to the right prime, further ones do not
    y = hb.target.copy()
    assert task._metrics(y + 0.004, hb)["accuracy"] == 1.0
    y[-1, 0, 0] = 8.9 / 100  # nearer 7 than 11
    assert task._metrics(y, hb)["accuracy"] < 1.0


def test_next_prime_with_too_few_primes_says_so():
    with pytest.raises(ValueError, match="8 primes below 20"):
        NextPrime(limit=20, window=10)


def test_sin_to_cos_pairs_sine_and_cosine_of_one_angle():
    task = SinToCos(steps=30, warmup=4)
    b = task.sample(np.random.default_rng(1), 8)
    assert np.allclose(b.x**2 + b.target**2, 1)
    assert b.mask.tolist() == [0] * 4 + [1] * 26
    with pytest.raises(ValueError, match="warmup"):
        SinToCos(steps=10, warmup=10)
    with pytest.raises(ValueError, match="min_speed"):
        SinToCos(min_speed=0.5, max_speed=0.2)


def test_adding_problem_marks_one_value_in_each_half():
    task = AddingProblem(steps=20)
    b = task.sample(np.random.default_rng(2), 500)
    marks = b.x[:, :, 1]
    assert np.array_equal(marks.sum(axis=0), np.full(500, 2))
    assert np.array_equal(marks[:10].sum(axis=0), np.ones(500))
    expected = (b.x[:, :, 0] * marks).sum(axis=0)
    assert np.allclose(b.target[-1, :, 0], expected)
    assert b.mask.tolist() == [0] * 19 + [1]
    # guessing 1 everywhere scores about 1/6: the level a model without memory gets
    y = np.ones_like(b.target)
    assert task.loss_value(y, b) == pytest.approx(1 / 6, abs=0.03)


def test_copy_recalls_the_shown_symbols_after_the_delay():
    task = DelayedRecall(length=3, delay=4, symbols=5)
    b = task.sample(np.random.default_rng(3), 50)
    assert b.x.shape == (10, 50, 6)
    shown = b.x[:3, :, :5].argmax(axis=2)
    assert np.array_equal(b.target[7:], shown)
    assert not b.x[3:7].any()  # the delay is blank
    assert b.x[7:, :, 5].all()  # the recall flag
    assert b.mask.tolist() == [0] * 7 + [1] * 3


def test_text_task_holds_out_every_tenth_stretch_of_the_corpus():
    task = make_task("text", corpus="english", steps=32)
    hb = task.heldout()
    assert task.input_size == task.output_size == len(task.vocab)
    n = len(task.train_codes) + len(task.heldout_codes)
    assert 0.09 < len(task.heldout_codes) / n < 0.11
    # held-out inputs decode to text of the corpus, and the targets are the next characters
    decode = lambda codes: "".join(task.vocab[k] for k in codes)  # noqa: E731
    corpus = decode(task._codes)
    for b in (0, hb.size // 2, hb.size - 1):
        text = decode(hb.x[:, b].argmax(axis=1))
        nxt = decode(hb.target[:, b])
        assert text[1:] == nxt[:-1] and text + nxt[-1] in corpus
    # the held-out windows come from the whole text, not only its end
    starts = task._heldout_starts
    assert starts.min() < n / 4 and starts.max() > 3 * n / 4
    # and training never reads them: every held-out window lies in a held-out stretch,
    # and the training codes are exactly the other stretches
    size = max(33, n // 50)
    held = (np.arange(n) // size) % 10 == 9
    assert all(held[s : s + 33].all() for s in starts)
    assert np.array_equal(task.train_codes, task._codes[~held])
    assert 2.0 < task.unigram_bits < 6.0


def test_chinese_corpus_loads():
    task = make_task("text", corpus="chinese", steps=16)
    assert any("\u4e00" <= c <= "\u9fff" for c in task.vocab)


def test_text_generation_is_seeded_and_checks_the_prompt():
    task = make_task("text", corpus="english", steps=16)
    model = SequenceModel("lstm", task.input_size, 8, task.output_size, seed=0)
    a = task.generate(model, "The ", 40, temperature=1.0, seed=5)
    assert len(a) == 40 and set(a) <= set(task.vocab)
    assert a == task.generate(model, "The ", 40, temperature=1.0, seed=5)
    greedy = task.generate(model, "The ", 20, temperature=0)
    assert greedy == task.generate(model, "The ", 20, temperature=0, seed=9)
    with pytest.raises(ValueError, match="never uses"):
        task.generate(model, "The \x07", 5)
    with pytest.raises(ValueError, match="temperature"):
        task.generate(model, "The ", 5, temperature=-1)


def test_own_data_csv_predicts_the_next_row(sine_csv):
    task = make_task("own-data", path=str(sine_csv), steps=20)
    assert task.mode == "csv" and task.loss == "mse" and task.primary_metric == "r2"
    assert task.columns == ("a", "b") and task.input_size == 2
    b = task.sample(np.random.default_rng(0), 3)
    assert np.allclose(b.x[1:], b.target[:-1])  # the target is the next row
    # the held-out windows lie in the last fifth of the file
    hb = task.heldout()
    assert hb.x.shape[0] == 20
    m = task._metrics(hb.target, hb)
    assert m["r2"] == pytest.approx(1.0) and m["rmse"] == pytest.approx(0.0)
    assert 0.5 < m["persistence_r2"] < 1.0


def test_own_data_errors_name_the_file_and_the_problem(tmp_path):
    with pytest.raises(ValueError, match="path"):
        make_task("own-data")
    short = tmp_path / "short.csv"
    short.write_text("1,2\n3,4\n5,6\n")
    with pytest.raises(DataFileError, match="short.csv"):
        make_task("own-data", path=str(short), steps=32)
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("1,2\n3,4\n5\n" + "7,8\n" * 100)
    with pytest.raises(DataFileError, match="line 3"):
        make_task("own-data", path=str(ragged), steps=4)
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"abc\x00\x01" * 100)
    with pytest.raises(DataFileError, match="blob.txt"):
        make_task("own-data", path=str(binary), steps=4)


def test_unknown_tasks_and_parameters_are_named():
    with pytest.raises(ValueError, match="task must be one of"):
        make_task("addition")
    with pytest.raises(ValueError, match="no parameter 'bitz'"):
        make_task("binary-addition", bitz=4)
    with pytest.raises(ValueError, match="'bits' must be in 2 .. 32"):
        make_task("binary-addition", bits=40)
    with pytest.raises(ValueError, match="'delay' must be a whole number"):
        make_task("copy", delay="soon")
    with pytest.raises(ValueError, match="corpus"):
        make_task("text", corpus="klingon")
    with pytest.raises(ValueError, match="targets"):
        make_task("echo", targets="1, two")


def test_param_parses_command_line_strings():
    p = Param("n", int, 3, "", 1, 9)
    assert p.parse("7") == 7 and p.parse(7.0) == 7
    q = Param("on", bool, False, "")
    assert q.parse("yes") is True and q.parse("off") is False
    with pytest.raises(ValueError, match="true or false"):
        q.parse("maybe")
    r = Param("x", float, 1.0, "", 0.0, 1.0)
    with pytest.raises(ValueError, match="finite"):
        r.parse("nan")


@pytest.mark.parametrize("name", list(TASKS))
def test_every_task_describes_itself(name):
    text = TASKS[name].describe()
    assert name in text and "preset:" in text and "solved when:" in text
