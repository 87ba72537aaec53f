"""The learner's own probe sequence, in each task's own terms (``Task.probe_params``,
``Task.make_probe``): the defaults are the held-out example, bad input is refused with
the field and the reason, in the user's language."""

import numpy as np
import pytest

from lstm_studio import translations
from lstm_studio.tasks import TASKS, make_task
from lstm_studio.tasks.base import ProbeError

# the tasks whose default fields rebuild the held-out example exactly (echo's fields are
# a seed; text's prompt adds the window's last target as a character)
REBUILT = ["binary-addition", "next-prime", "adding", "copy", "comes-again", "sin-to-cos"]


@pytest.fixture
def chinese():
    translations.set_language("zh_CN")
    yield
    translations.set_language("en")


@pytest.fixture
def rows_csv(tmp_path):
    t = np.arange(400)
    path = tmp_path / "rows.csv"
    rows = "\n".join(f"{np.sin(0.1 * k):.6f},{np.cos(0.1 * k):.6f}" for k in t)
    path.write_text("u,v\n" + rows + "\n")
    return path


@pytest.mark.parametrize("name", REBUILT)
def test_the_default_fields_are_the_held_out_example(name):
    task = make_task(name)
    mine, held = task.make_probe({}), task.probe()
    assert mine.x.shape == held.x.shape and mine.target.shape == held.target.shape
    # sin-to-cos rounds its speed to 4 decimals and its phase to 0.1 degree; adding its
    # values to 3 decimals: the form shows readable numbers
    np.testing.assert_allclose(mine.x, held.x, atol=0.01)
    np.testing.assert_allclose(mine.target, held.target, atol=0.01)
    assert (mine.mask is None) == (held.mask is None)
    if held.mask is not None:
        np.testing.assert_array_equal(mine.mask, held.mask)


@pytest.mark.parametrize("name", [n for n in TASKS if n != "own-data"])
def test_every_default_is_inside_its_own_range(name):
    task = make_task(name)
    params = task.probe_params()
    assert params, f"{name} offers no fields"
    for p in params:
        assert p.parse(p.default) == p.default
        assert p.help and p.help.strip() == p.help


def test_binary_addition_adds_the_numbers_typed():
    task = make_task("binary-addition", bits=8)
    batch = task.make_probe({"a": "200", "b": 100})
    assert task.numbers(batch) == (200, 100)
    w = 2 ** np.arange(task.T)
    assert int(w @ batch.target[:, 0, 0]) == 300  # the sum's 9 bits
    with pytest.raises(ProbeError) as e:
        task.make_probe({"a": 256})
    assert e.value.field == "a" and "0 .. 255" in str(e.value) and "256" in str(e.value)
    with pytest.raises(ProbeError) as e:
        task.make_probe({"b": "seven"})
    assert e.value.field == "b" and "whole number" in str(e.value)


def test_a_window_of_primes_must_be_consecutive_primes_below_the_limit():
    task = make_task("next-prime", limit=100, window=10)
    batch = task.make_probe({"primes": "11, 13, 17，19"})  # a full-width comma too
    np.testing.assert_allclose(batch.x[:, 0, 0] * 100, [11, 13, 17, 19])
    np.testing.assert_allclose(batch.target[:, 0, 0] * 100, [13, 17, 19, 23])
    np.testing.assert_array_equal(batch.mask, [0, 0, 0, 1])
    refused = {
        "11, 13, 19": "19 does not follow 13",
        "11, 15": "15 is not a prime",
        "89, 97": "the prime after 97",
        "7": "2 to 100 primes",
        "7, x": "'x' is not a whole number",
        "97, 101": "101 is not below the task's limit, 100",
    }
    for typed, reason in refused.items():
        with pytest.raises(ProbeError, match=reason) as e:
            task.make_probe({"primes": typed})
        assert e.value.field == "primes"
    assert "the next prime after 13 is 17" in _reason(task, {"primes": "11, 13, 19"})


def _reason(task, values) -> str:
    with pytest.raises(ProbeError) as e:
        task.make_probe(values)
    return str(e.value)


def test_sin_to_cos_takes_a_speed_and_a_phase_in_degrees():
    task = make_task("sin-to-cos", steps=20)
    batch = task.make_probe({"speed": 0.5, "phase": 90})
    angle = 0.5 * np.arange(20) + np.pi / 2
    np.testing.assert_allclose(batch.x[:, 0, 0], np.sin(angle), atol=1e-12)
    np.testing.assert_allclose(batch.target[:, 0, 0], np.cos(angle), atol=1e-12)
    assert _field(task, {"speed": 2}) == "speed"
    assert _field(task, {"phase": -1}) == "phase"


def _field(task, values):
    with pytest.raises(ProbeError) as e:
        task.make_probe(values)
    return e.value.field


def test_the_adding_problem_takes_two_marked_steps_one_in_each_half():
    task = make_task("adding", steps=20)
    held = task.probe()
    batch = task.make_probe({"first": 3, "first_value": 0.25, "second": 15, "second_value": 1})
    np.testing.assert_array_equal(np.flatnonzero(batch.x[:, 0, 1]), [3, 15])
    assert batch.x[3, 0, 0] == 0.25 and batch.x[15, 0, 0] == 1
    assert batch.target[-1, 0, 0] == 1.25
    others = np.setdiff1d(np.arange(20), [3, 15])  # the held-out example's other values
    np.testing.assert_array_equal(batch.x[others, 0, 0], held.x[others, 0, 0])
    assert "0 .. 9" in _reason(task, {"first": 12})
    assert _field(task, {"second": 5}) == "second"
    assert _field(task, {"first_value": 1.5}) == "first_value"


def test_copy_and_comes_again_take_letters_of_their_alphabet():
    copy = make_task("copy", length=3, delay=4, symbols=5)
    batch = copy.make_probe({"symbols": "c, a e"})
    np.testing.assert_array_equal(batch.target[-3:, 0], [2, 0, 4])
    np.testing.assert_array_equal(batch.x[:3, 0].argmax(axis=1), [2, 0, 4])
    assert batch.x[3:7, 0].sum() == 0 and batch.x[7:, 0, 5].all()  # the delay, then recall
    assert "'F' is not one of the 5 symbols A .. E" in _reason(copy, {"symbols": "A B F"})
    assert "exactly 3 symbols" in _reason(copy, {"symbols": "AB"})
    again = make_task("comes-again", steps=4, symbols=3)
    batch = again.make_probe({"symbols": "ABCA"})
    np.testing.assert_array_equal(batch.target[:, 0, 0], [1, 0, 0, 0])


def test_echo_draws_its_inputs_from_the_seed():
    task = make_task("echo")
    a, b = task.make_probe({"seed": 5}), task.make_probe({"seed": 5})
    np.testing.assert_array_equal(a.x, b.x)
    assert not np.array_equal(a.x, task.make_probe({"seed": 6}).x)


def test_a_text_prompt_is_read_character_by_character():
    task = make_task("text", corpus="english")
    batch = task.make_probe({"prompt": "the sea"})
    assert "".join(task.vocab[k] for k in batch.x[:, 0].argmax(axis=1)) == "the sea"
    assert "".join(task.vocab[k] for k in batch.target[:-1, 0]) == "he sea"
    np.testing.assert_array_equal(batch.mask, [1, 1, 1, 1, 1, 1, 0])  # nobody typed the 8th
    held, mine = task.probe(), task.make_probe({})  # the held-out window and its next one
    np.testing.assert_array_equal(mine.x[:-1], held.x)
    np.testing.assert_array_equal(mine.target[:-1], held.target)
    assert "the prompt is empty" in _reason(task, {"prompt": ""})
    assert "at least 2 characters" in _reason(task, {"prompt": "a"})
    assert "at most 1,000" in _reason(task, {"prompt": "a" * 1001})
    assert "'ж'" in _reason(task, {"prompt": "the ж"})
    with pytest.raises(ProbeError) as e:
        task.make_probe({"words": "x"})
    assert e.value.field is None and "prompt" in str(e.value)


def test_own_data_takes_a_row_range_or_a_prompt(rows_csv, tmp_path):
    task = make_task("own-data", path=str(rows_csv), steps=20)
    first, last = (p.default for p in task.probe_params())
    np.testing.assert_array_equal(task.make_probe({}).x, task.probe().x)
    assert last - first + 1 == 20
    batch = task.make_probe({"first": 1, "last": 10})
    np.testing.assert_array_equal(batch.x[:, 0], task.z[:10])
    np.testing.assert_array_equal(batch.target[:, 0], task.z[1:11])
    assert "choose 2 to 2,000" in _reason(task, {"first": 10, "last": 10})
    assert _field(task, {"first": 1, "last": 400}) == "last"  # its next row is missing
    text = tmp_path / "t.txt"
    text.write_text("hello world, hello there. " * 40)
    words = make_task("own-data", path=str(text))
    assert [p.name for p in words.probe_params()] == ["prompt"]
    assert "'z'" in _reason(words, {"prompt": "hazel"})


def test_the_reasons_are_in_chinese_in_the_chinese_window(chinese):
    primes = make_task("next-prime")
    text = make_task("text")
    copy = make_task("copy")
    reasons = [
        _reason(primes, {"primes": "11, 13, 19"}),
        _reason(primes, {"primes": "11, 15"}),
        _reason(text, {"prompt": ""}),
        _reason(text, {"prompt": "the ж"}),
        _reason(copy, {"symbols": "Z"}),
        _reason(make_task("binary-addition"), {"a": 999}),
    ]
    for reason in reasons:
        assert any("\u4e00" <= c <= "\u9fff" for c in reason), reason
