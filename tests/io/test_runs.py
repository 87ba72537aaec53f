"""Run files: a saved run continues exactly; a bad file is a clear error and nothing else."""

import json
import os

import numpy as np
import pytest

from lstm_studio.io import RunFileError, open_run, save_run, save_trainer
from lstm_studio.io.safetensors import load_safetensors, save_safetensors
from lstm_studio.training import TrainConfig, Trainer

CONFIG = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, hidden_size=8)


def _trained(steps=30, config=CONFIG):
    trainer = Trainer(config)
    for _ in range(steps):
        trainer.train_step()
    return trainer


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_an_opened_run_continues_with_the_losses_of_an_uninterrupted_one(tmp_path, cell):
    config = CONFIG.replace(cell=cell, optimizer="adam")
    straight = Trainer(config)
    expected = [straight.train_step() for _ in range(50)]
    first = Trainer(config)
    losses = [first.train_step() for _ in range(30)]
    first._evaluate()
    path = tmp_path / "run.lstmrun"
    save_trainer(path, first)
    again = open_run(path)
    assert again.step == 30 and again.config == config
    assert again.metrics == pytest.approx(first.metrics)
    losses += [again.train_step() for _ in range(20)]
    assert losses == expected  # exactly: same weights, optimizer moments, data stream
    rows = again.history.steps()
    np.testing.assert_array_equal(rows["loss"][:30], first.history.steps()["loss"])


def test_a_run_file_is_a_safetensors_file_with_pytorch_names(tmp_path):
    trainer = _trained(5)
    path = tmp_path / "run.lstmrun"
    save_trainer(path, trainer)
    arrays, metadata = load_safetensors(path)
    assert metadata["format"] == "lstm-studio-run"
    assert "model.rnn.weight_ih_l0" in arrays and "model.head.bias" in arrays
    assert json.loads(metadata["meta"])["step"] == 5


def _valid(tmp_path):
    path = tmp_path / "good.lstmrun"
    save_trainer(path, _trained(5))
    return path, *load_safetensors(path)


def test_foreign_future_and_mismatched_files_are_named(tmp_path):
    path, arrays, metadata = _valid(tmp_path)
    weights = tmp_path / "weights.safetensors"
    save_safetensors(weights, {"w": np.zeros(3, np.float32)}, {})
    with pytest.raises(RunFileError, match="not an LSTM Studio run"):
        open_run(weights)
    future = tmp_path / "future.lstmrun"
    save_safetensors(future, arrays, {**metadata, "version": "99"})
    with pytest.raises(RunFileError, match="newer LSTM Studio"):
        open_run(future)
    meta = json.loads(metadata["meta"])
    meta["config"]["hidden_size"] = 9  # weights for 8 units
    bigger = tmp_path / "bigger.lstmrun"
    save_run(bigger, arrays, meta)
    with pytest.raises(RunFileError, match="shape"):
        open_run(bigger)
    text = tmp_path / "notes.lstmrun"
    text.write_text("hello")
    with pytest.raises(RunFileError, match="notes.lstmrun"):
        open_run(text)
    with pytest.raises(RunFileError, match="cannot be read"):
        open_run(tmp_path / "missing.lstmrun")


def test_an_empty_a_cut_short_and_a_foreign_file_are_told_apart(tmp_path):
    """The first sentence says what the file is; the reader's byte-level reason follows."""
    saved = tmp_path / "whole.lstmrun"
    save_trainer(saved, _trained(3))
    data = saved.read_bytes()
    weights = tmp_path / "w.safetensors"
    save_safetensors(weights, {"w": np.zeros(300, np.float32)}, {})
    cases = {
        "empty.lstmrun": (b"", "is empty (0 bytes)"),
        "cut.lstmrun": (data[: len(data) // 2], "is an LSTM Studio run, but damaged or incomplete"),
        "cut_header.lstmrun": (data[:1000], "is an LSTM Studio run, but damaged or incomplete"),
        "cut.safetensors": (weights.read_bytes()[:200], "is a damaged or incomplete safetensors"),
        "notes.lstmrun": (b"hello, these are my notes, " * 3, "is not an LSTM Studio run file."),
        "stub.lstmrun": (data[:20], "is damaged or incomplete (cut short"),
    }
    for name, (content, first) in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(RunFileError) as e:
            open_run(tmp_path / name)
        assert str(e.value).startswith(f"{name} {first}"), str(e.value)
        assert "(Detail:" in str(e.value) or not content


def test_a_data_file_that_has_gone_is_named(tmp_path):
    data = tmp_path / "waves.csv"
    data.write_text("a\n" + "\n".join(f"{np.sin(0.3 * k):.4f}" for k in range(300)) + "\n")
    trainer = _trained(3, TrainConfig.from_preset("own-data", task_params={"path": str(data)}))
    path = tmp_path / "mine.lstmrun"
    save_trainer(path, trainer)
    data.unlink()
    with pytest.raises(RunFileError, match="waves.csv"):
        open_run(path)


def test_a_few_hundred_damaged_files_each_raise_a_run_file_error(tmp_path):
    path, arrays, metadata = _valid(tmp_path)
    good = path.read_bytes()
    rng = np.random.default_rng(0)
    bad = tmp_path / "bad.lstmrun"
    meta = json.loads(metadata["meta"])
    variants = []
    for _ in range(150):  # truncated
        variants.append(good[: int(rng.integers(0, len(good)))])
    for _ in range(150):  # bytes flipped in the header, where meaning is
        b = bytearray(good)
        for _ in range(int(rng.integers(1, 6))):
            j = int(rng.integers(0, min(len(b), 8 + 2000)))
            b[j] = int(rng.integers(0, 256))
        variants.append(bytes(b))
    variants += [b"", b"\x00" * 64, os.urandom(4096), b"PK\x03\x04" + os.urandom(100)]
    opened = 0
    for data in variants:
        bad.write_bytes(data)
        try:
            trainer = open_run(bad)
        except RunFileError as e:
            assert "bad.lstmrun" in str(e)
        else:  # a flip in padding or a digit may leave a valid run: it must be whole
            opened += 1
            assert all(np.isfinite(p).all() for p in trainer.model.parameters().values())
    assert opened < len(variants) // 4
    # well-formed files whose description lies
    for key, value in [
        ("step", -3),
        ("step", "many"),
        ("rng", {"bit_generator": "PCG64", "state": "x"}),
        ("config", {"task": "nonsense"}),
        ("metrics", None),
        ("elapsed", "soon"),
    ]:
        save_run(bad, arrays, {**meta, key: value})
        with pytest.raises(RunFileError):
            open_run(bad)
    for drop in ("config", "rng"):
        save_run(bad, arrays, {k: v for k, v in meta.items() if k != drop})
        with pytest.raises(RunFileError, match=drop):
            open_run(bad)
    broken = dict(arrays)
    broken["model.rnn.weight_hh_l0"] = np.full_like(broken["model.rnn.weight_hh_l0"], np.nan)
    save_run(bad, broken, meta)
    with pytest.raises(RunFileError, match="NaN"):
        open_run(bad)


def test_a_run_keeps_its_truncation_and_an_old_file_without_it_opens_as_full(tmp_path):
    truncated = CONFIG.replace(truncate=3)
    straight = Trainer(truncated)
    expected = [straight.train_step() for _ in range(10)]
    first = Trainer(truncated)
    losses = [first.train_step() for _ in range(5)]
    path = tmp_path / "run.lstmrun"
    save_trainer(path, first)
    again = open_run(path)
    assert again.config.truncate == 3
    losses += [again.train_step() for _ in range(5)]
    assert losses == expected  # the reopened run goes on with the truncated gradient
    # a file written before truncation existed: its config has no "truncate"
    arrays, metadata = load_safetensors(path)
    meta = json.loads(metadata["meta"])
    del meta["config"]["truncate"]
    old = tmp_path / "old.lstmrun"
    save_run(old, arrays, meta)
    assert open_run(old).config.truncate == 0


def test_a_run_file_whose_truncation_outgrows_its_task_is_refused(tmp_path):
    path = tmp_path / "run.lstmrun"
    save_trainer(path, _trained(2))
    arrays, metadata = load_safetensors(path)
    meta = json.loads(metadata["meta"])
    meta["config"]["truncate"] = 99  # binary addition of 4 bits: 5 steps
    bad = tmp_path / "bad.lstmrun"
    save_run(bad, arrays, meta)
    with pytest.raises(
        RunFileError, match=r"bad.lstmrun cannot be opened: truncating BPTT every 99 steps"
    ):
        open_run(bad)
