"""The files' error messages in Chinese: a user who chose Chinese meets no English when
a weights or run file is broken, foreign or for another model, or cannot be saved."""

import os
import re
import struct

import numpy as np
import pytest
from english_words import english_words

from lstm_studio.io import atomic
from lstm_studio.io.npz import NpzError, load_npz, save_npz
from lstm_studio.io.runs import RunFileError, open_run
from lstm_studio.io.safetensors import SafetensorsError, load_safetensors, save_safetensors
from lstm_studio.io.weights import WeightsFileError, load_weights, mismatch, save_weights
from lstm_studio.training import TrainConfig, build_model

# Names that stay as they are in a Chinese message, like the ones english_words already
# lets through: a file format ("zip", the container of .npz), Python's module for
# pickled objects, and the fields of a safetensors header (dtype, data_offsets,
# __metadata__). Each is removed only in the cases that name it, never from every message.
ZIP, PICKLE = r"\bzip\b", r"\bpickle\b"
FIELDS = [r"\bdtype\b", r"\bdata_offsets\b", r"\b__metadata__\b"]


def _chinese(text: str, tmp_path, name: str, technical=()) -> None:
    """``text`` names the file ``name`` and has no English once the temporary folder and
    the named technical terms are taken out."""
    assert name in text, text
    plain = text.replace(str(tmp_path), "")
    for pattern in technical:
        plain = re.sub(pattern, " ", plain)
    assert not english_words(plain), text
    assert re.search(r"[\u4e00-\u9fff]", plain), text  # and it is Chinese, not just empty


def _error(kind, call, *args) -> str:
    with pytest.raises(kind) as e:
        call(*args)
    return str(e.value)


def _tensors() -> dict[str, np.ndarray]:
    return {"rnn.weight_ih_l0": np.ones((4, 1), np.float32), "head.bias": np.zeros(1, np.float32)}


# ----------------------------------------------------------------------------- reading


def test_a_truncated_safetensors_file(tmp_path, chinese_messages):
    path = tmp_path / "cut.safetensors"
    save_safetensors(path, _tensors())
    raw = path.read_bytes()
    path.write_bytes(raw[:-6])  # the data section cut short
    text = _error(SafetensorsError, load_safetensors, path)
    _chinese(text, tmp_path, "cut.safetensors", FIELDS)
    (n,) = struct.unpack("<Q", raw[:8])
    path.write_bytes(raw[: 8 + n // 2])  # the header cut short
    _chinese(_error(SafetensorsError, load_safetensors, path), tmp_path, "cut.safetensors")
    path.write_bytes(raw[:5])  # not even the header's length
    _chinese(_error(SafetensorsError, load_safetensors, path), tmp_path, "cut.safetensors")


@pytest.mark.parametrize(
    "header",
    [
        b"{bad json",  # json's own reason ("Expecting property name ...") is translated
        b'{"a": 1,}',
        b"{} {}",
        b"[1, 2]",
        b'{"__metadata__": {"k": 1}}',
        b'{"w": {"dtype": "F99", "shape": [1], "data_offsets": [0, 4]}}',
        b'{"w": {"dtype": "F32", "shape": [1]}}',
        b"\xff{}",
    ],
)
def test_a_corrupt_safetensors_header(tmp_path, chinese_messages, header):
    path = tmp_path / "bad.safetensors"
    header += b" " * (-len(header) % 8)
    path.write_bytes(struct.pack("<Q", len(header)) + header)
    text = _error(SafetensorsError, load_safetensors, path)
    _chinese(text, tmp_path, "bad.safetensors", FIELDS)


def test_a_foreign_file_named_safetensors(tmp_path, chinese_messages):
    path = tmp_path / "notes.safetensors"
    path.write_text("hello, these are my notes and not a model", "utf-8")
    _chinese(_error(SafetensorsError, load_safetensors, path), tmp_path, "notes.safetensors")


def test_an_error_of_the_safetensors_package(tmp_path, chinese_messages, monkeypatch):
    """The package's own errors are English: what it refuses after our checks (no such
    file is known) is told in Chinese too."""
    import safetensors
    import safetensors.numpy

    path = tmp_path / "w.safetensors"
    save_safetensors(path, _tensors())

    def refuse(*args, **kwargs):
        raise safetensors.SafetensorError("Error while deserializing header: InvalidOffset")

    monkeypatch.setattr(safetensors.numpy, "load", refuse)
    monkeypatch.setattr(safetensors.numpy, "save", refuse)
    _chinese(_error(SafetensorsError, load_safetensors, path), tmp_path, "w.safetensors")
    text = _error(ValueError, save_safetensors, path, _tensors())
    assert not english_words(text) and re.search(r"[\u4e00-\u9fff]", text), text


def test_a_text_file_named_npz(tmp_path, chinese_messages):
    path = tmp_path / "notes.npz"
    path.write_text("hello, these are my notes and not a model", "utf-8")
    _chinese(_error(NpzError, load_npz, path), tmp_path, "notes.npz", [ZIP])
    # the same file as weights: the message passes through unchanged
    _chinese(_error(WeightsFileError, load_weights, path), tmp_path, "notes.npz", [ZIP])


def test_an_npz_with_a_pickled_object_array(tmp_path, chinese_messages):
    path = tmp_path / "evil.npz"
    np.savez(path, w=np.array([{"a": 1}], dtype=object))
    _chinese(_error(NpzError, load_npz, path), tmp_path, "evil.npz", [PICKLE])


def test_an_npz_with_nan_or_a_cut_array(tmp_path, chinese_messages):
    path = tmp_path / "nan.npz"
    np.savez(path, w=np.array([1.0, np.nan]))
    # "NaN or Inf": three-letter names, kept as they are
    _chinese(_error(NpzError, load_npz, path), tmp_path, "nan.npz", [r"\bNaN\b", r"\bInf\b"])


def test_a_weights_file_of_an_unknown_kind_or_missing(tmp_path, chinese_messages):
    (tmp_path / "w.txt").write_text("weights", "utf-8")
    _chinese(_error(WeightsFileError, load_weights, tmp_path / "w.txt"), tmp_path, "w.txt")
    missing = tmp_path / "missing.safetensors"
    _chinese(_error(WeightsFileError, load_weights, missing), tmp_path, "missing.safetensors")


def test_a_junk_run_file(tmp_path, chinese_messages):
    path = tmp_path / "junk.lstmrun"
    path.write_text("hello, this is not a run", "utf-8")
    _chinese(_error(RunFileError, open_run, path), tmp_path, "junk.lstmrun")
    path.write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{}" + b"\x00" * 14)
    _chinese(_error(RunFileError, open_run, path), tmp_path, "junk.lstmrun")


# ----------------------------------------------------------------------------- mismatch


def _model(cell: str, hidden: int, layers: int = 1):
    config = TrainConfig.from_preset("sin-to-cos", cell=cell, hidden_size=hidden, num_layers=layers)
    return config, build_model(config, 1, 1)


def test_a_weights_file_for_another_cell_or_size(tmp_path, chinese_messages):
    gru_config, gru = _model("gru", 8)
    lstm_config, lstm = _model("lstm", 16, 2)
    problems = mismatch(gru.state_dict(), lstm, gru_config)
    assert len(problems) > 2
    for text in problems:
        # the cell codes (gru, lstm) and the parameter names stay as they are
        assert not english_words(text), text
    assert "gru" in problems[0] and "lstm" in problems[0]
    partial = dict(lstm.state_dict())
    partial.pop("head.bias")
    partial["extra"] = np.zeros(2)
    partial["head.weight"] = np.full_like(partial["head.weight"], np.nan)
    problems = mismatch(partial, lstm, lstm_config)
    assert len(problems) == 3 and "extra" in problems[1] and "head.bias" in problems[0]
    for text in problems:
        # "extra" is the name of an entry in the file; NaN and Inf are kept as they are
        assert not english_words(re.sub(r"\bextra\b|\bNaN\b|\bInf\b", " ", text)), text


# ----------------------------------------------------------------------------- saving
# An OSError made with an errno prints as "[Errno 13] ..." (Python's prefix, not ours):
# its own text, ``strerror``, is the message.


def _os_error(call, *args) -> str:
    with pytest.raises(OSError) as e:
        call(*args)
    return e.value.strerror or str(e.value)


def test_saving_into_a_missing_folder(tmp_path, chinese_messages):
    path = tmp_path / "missing" / "w.safetensors"
    for save in (
        lambda: save_safetensors(path, _tensors()),
        lambda: save_npz(path.with_suffix(".npz"), _tensors()),
        lambda: save_weights(path, _tensors(), TrainConfig()),
    ):
        text = _os_error(save)
        assert "missing" in text  # the folder's name, in the path of the folder
        _chinese(text, tmp_path, "w.", [r"\bmissing\b"])


def test_saving_into_a_read_only_folder(tmp_path, chinese_messages, monkeypatch):
    real = os.open

    def read_only(path, flags, *args):  # what a read-only folder answers (root ignores chmod)
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", path)
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    text = _os_error(save_npz, tmp_path / "w.npz", _tensors())
    _chinese(text, tmp_path, "w.npz")
    assert os.listdir(tmp_path) == []


def test_saving_onto_a_folder(tmp_path, chinese_messages):
    folder = tmp_path / "w.safetensors"
    folder.mkdir()
    _chinese(_os_error(save_safetensors, folder, _tensors()), tmp_path, "w.safetensors")
    _chinese(_os_error(atomic.write_text_atomic, folder, "x"), tmp_path, "w.safetensors")


def test_an_unknown_suffix_to_save_as(tmp_path, chinese_messages):
    text = _error(ValueError, save_weights, tmp_path / "w.bin", {}, TrainConfig())
    _chinese(text, tmp_path, "w.bin")


def test_weights_of_another_task_name_both_tasks_in_chinese(chinese_messages):
    from lstm_studio.tasks import make_task

    def model(task):
        config = TrainConfig.from_preset(task)
        made = make_task(task, **config.task_params)
        return config, build_model(config, made.input_size, made.output_size)

    echo_config, echo = model("echo")
    adder_config, adder = model("binary-addition")
    for task in ("binary-addition", None):
        problems = mismatch(echo.state_dict(), adder, echo_config, task=task)
        assert "8 个输入" in problems[0] and "2 个输入" in problems[0], problems[0]
        assert "“回声：输出固定序列”" in problems[0]
        assert ("“二进制加法”" in problems[0]) == (task is not None)
        assert not english_words(problems[0]), problems[0]
