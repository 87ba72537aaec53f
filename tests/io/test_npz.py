"""Weights as ``.npz``: round trips, what plain ``np.load`` sees, atomic saves, and corrupt,
foreign and hostile files (each one an ``NpzError``, never another exception)."""

from __future__ import annotations

import io
import os
import struct
import warnings
import zipfile

import numpy as np
import pytest

from lstm_studio.engine import SequenceModel
from lstm_studio.io.npz import CONFIG_KEY, MAX_FILE_BYTES, NpzError, load_npz, save_npz
from lstm_studio.training import TrainConfig


def model_and_config(cell="peephole", layers=2, dtype="float32"):
    config = TrainConfig(cell=cell, hidden_size=4, num_layers=layers, dtype=dtype, seed=3)
    model = SequenceModel(cell, 2, 4, 3, layers, seed=3, dtype=dtype)
    return model, config


def every_array() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {
        "f16": rng.normal(size=(2, 3)).astype(np.float16),
        "f32": rng.normal(size=(4,)).astype(np.float32),
        "f64.scalar": np.array(-0.0),
        "f64.empty": np.zeros((2, 0, 3)),
        "f64.transposed": rng.normal(size=(3, 5)).T,  # not C-contiguous
        "f32.big-endian": rng.normal(size=(3,)).astype(">f4"),
        "i8": np.array([-128, 127], np.int8),
        "i64": np.array([[np.iinfo(np.int64).min, np.iinfo(np.int64).max]]),
        "u16": np.arange(5, dtype=np.uint16),
        "u64": np.array(np.iinfo(np.uint64).max, np.uint64),
    }


def assert_same(loaded: dict, expected: dict) -> None:
    assert list(loaded) == list(expected)
    for name, want in expected.items():
        got = loaded[name]
        assert got.dtype == want.dtype.newbyteorder("="), name
        assert got.dtype.isnative and got.flags.c_contiguous and got.flags.writeable, name
        assert got.shape == want.shape, name
        np.testing.assert_array_equal(got, want, strict=False)
        assert got.tobytes() == np.ascontiguousarray(want, got.dtype).tobytes(), name  # -0.0


def load_error(path, *words) -> str:
    with pytest.raises(NpzError) as info:
        load_npz(path)
    message = str(info.value)
    assert os.fspath(path) in message
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    return message


def npy_bytes(array: np.ndarray, allow_pickle=False) -> bytes:
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def write(path, data: bytes):
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------------------------------
# Round trips


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru", "peephole", "cifg"])
def test_state_dict_and_config_round_trip(tmp_path, cell):
    model, config = model_and_config(cell)
    path = tmp_path / "weights.npz"
    save_npz(path, model.state_dict(), config)
    arrays, loaded_config = load_npz(path)
    assert_same(arrays, model.state_dict())
    assert loaded_config == config
    assert loaded_config.to_json() == config.to_json()

    other = SequenceModel(cell, 2, 4, 3, 2, seed=99)
    other.load_state_dict(arrays)
    x = np.random.default_rng(1).normal(size=(6, 2, 2))
    np.testing.assert_array_equal(other.forward(x), model.forward(x))
    assert os.listdir(tmp_path) == ["weights.npz"]


def test_every_dtype_and_shape_round_trip(tmp_path):
    path = tmp_path / "all.npz"
    save_npz(path, every_array())
    arrays, config = load_npz(path)
    assert config is None
    assert_same(arrays, every_array())


def test_float64_model_keeps_float64(tmp_path):
    model, config = model_and_config("lstm", 1, "float64")
    save_npz(tmp_path / "w.npz", model.state_dict(), config)
    arrays, loaded = load_npz(tmp_path / "w.npz")
    assert {a.dtype for a in arrays.values()} == {np.dtype(np.float64)}
    assert loaded.dtype == "float64"


def test_plain_np_load_reads_the_same_arrays_without_pickle(tmp_path):
    model, config = model_and_config()
    path = tmp_path / "weights.npz"
    save_npz(path, model.state_dict(), config)
    with np.load(path) as f:  # allow_pickle=False, as a user would call it
        assert f.files == [*model.state_dict(), CONFIG_KEY]
        assert_same({k: f[k] for k in f.files if k != CONFIG_KEY}, model.state_dict())
        text = f[CONFIG_KEY]
        assert text.shape == () and text.dtype.kind == "U"
        assert TrainConfig.from_json(text.item()) == config
    with np.load(path, allow_pickle=False) as f:
        assert not any(f[k].dtype.hasobject for k in f.files)


def test_files_written_by_np_savez_load(tmp_path):
    arrays = every_array()
    np.savez(tmp_path / "plain.npz", **arrays)
    assert_same(load_npz(tmp_path / "plain.npz")[0], arrays)
    np.savez_compressed(tmp_path / "packed.npz", **arrays)
    assert_same(load_npz(tmp_path / "packed.npz")[0], arrays)
    fortran = np.asfortranarray(np.arange(6.0).reshape(2, 3))
    np.savez(tmp_path / "f.npz", w=fortran)
    np.testing.assert_array_equal(load_npz(tmp_path / "f.npz")[0]["w"], fortran)


def test_no_config_means_no_config_member(tmp_path):
    save_npz(tmp_path / "w.npz", {"w": np.ones(2, np.float32)})
    with np.load(tmp_path / "w.npz") as f:
        assert f.files == ["w"]
    assert load_npz(tmp_path / "w.npz")[1] is None
    save_npz(tmp_path / "empty.npz", {})
    assert load_npz(tmp_path / "empty.npz") == ({}, None)


# ------------------------------------------------------------------------------------------
# Saving: bad input, atomic writes


@pytest.mark.parametrize(
    ("state", "config", "words"),
    [
        ([np.ones(2)], None, ["mapping"]),
        ({"w": np.ones(2)}, {"cell": "lstm"}, ["TrainConfig"]),
        ({"": np.ones(2)}, None, ["''", "not allowed"]),
        ({"__config__": np.ones(2)}, None, ["'__config__'", "not allowed"]),
        ({"__x": np.ones(2)}, None, ["'__x'"]),
        ({"a/b": np.ones(2)}, None, ["'a/b'"]),
        ({"../w": np.ones(2)}, None, ["'../w'"]),
        ({"x" * 201: np.ones(2)}, None, ["not allowed"]),
        ({1: np.ones(2)}, None, ["1"]),
        ({"w": [1.0, 2.0]}, None, ["'w'", "list", "numpy.asarray"]),
        ({"w": np.array([{}], dtype=object)}, None, ["'w'", "object", "pickle"]),
        ({"w": np.array([True])}, None, ["'w'", "bool"]),
        ({"w": np.array([1j])}, None, ["'w'", "complex128"]),
        ({"w": np.array(["a"])}, None, ["'w'", "<U1"]),
        ({"w": np.zeros(2, [("a", "f4")])}, None, ["'w'", "structured"]),
        ({"w": np.zeros(2, np.longdouble)}, None, ["'w'", "float"]),
        ({"w": np.array([1.0, np.nan])}, None, ["'w'", "NaN"]),
        ({"w": np.array([np.inf], np.float16)}, None, ["'w'", "Inf"]),
    ],
)
def test_save_rejects_bad_input_and_writes_nothing(tmp_path, state, config, words):
    path = tmp_path / "w.npz"
    with pytest.raises(ValueError) as info:
        save_npz(path, state, config)
    for word in words:
        assert word in str(info.value)
    assert os.listdir(tmp_path) == []


def test_failed_save_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "w.npz"
    save_npz(path, {"w": np.ones(2)})
    before = path.read_bytes()
    with pytest.raises(ValueError):
        save_npz(path, {"w": np.array([np.nan])})
    with pytest.raises(IsADirectoryError, match="folder"):
        save_npz(tmp_path, {"w": np.ones(2)})
    with pytest.raises(OSError, match="missing"):
        save_npz(tmp_path / "missing" / "w.npz", {"w": np.ones(2)})
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["w.npz"]


# ------------------------------------------------------------------------------------------
# Loading: specific problems


def test_missing_file_and_folder_are_os_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_npz(tmp_path / "nope.npz")
    with pytest.raises(IsADirectoryError, match="folder"):
        load_npz(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.npz")
    load_error(tmp_path / "pipe.npz", "not a regular file")


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.npz"
    with open(path, "wb") as f:  # sparse: costs no disk and no time
        f.truncate(MAX_FILE_BYTES + 1)
    load_error(path, str(MAX_FILE_BYTES + 1), "limit")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ["not an .npz"]),
        (b"PK", ["not an .npz"]),
        (b"LSTM Studio notes\n" * 20, ["not an .npz"]),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, ["not an .npz"]),
        (npy_bytes(np.ones(3)), ["not an .npz"]),  # a bare .npy
        (struct.pack("<Q", 2) + b"{}", ["not an .npz"]),  # a safetensors file
        (zip_bytes({"readme.txt": b"hello"}), ["'readme.txt'", "not a .npy"]),
        (zip_bytes({"w": npy_bytes(np.ones(2))}), ["'w'", "not a .npy"]),
        (zip_bytes({"dir/": b""}), ["'dir/'"]),
        (zip_bytes({"../w.npy": npy_bytes(np.ones(2))}), ["'../w.npy'", "suspicious"]),
        (zip_bytes({"a/w.npy": npy_bytes(np.ones(2))}), ["'a/w.npy'", "suspicious"]),
        (zip_bytes({"__init__.npy": npy_bytes(np.ones(2))}), ["'__init__.npy'", "suspicious"]),
        (zip_bytes({".npy": npy_bytes(np.ones(2))}), ["'.npy'", "suspicious"]),
        (zip_bytes({"w.npy": b"not an array"}), ["'w'", "damaged .npy header"]),
        (zip_bytes({"w.npy": b"\x93NUMPY\x01\x00\x05\x00{'x'}"}), ["'w'", "damaged .npy header"]),
        (zip_bytes({"w.npy": npy_bytes(np.ones(4))[:-1]}), ["'w'", "needs 32 bytes", "holds 31"]),
        (zip_bytes({"w.npy": npy_bytes(np.ones(4)) + b"\x00"}), ["'w'", "holds 33"]),
        (zip_bytes({"w.npy": npy_bytes(np.array([1.0, np.nan]))}), ["'w'", "NaN or Inf"]),
        (zip_bytes({"w.npy": npy_bytes(np.array([-np.inf], "f2"))}), ["'w'", "NaN or Inf"]),
        (zip_bytes({"w.npy": npy_bytes(np.array([True]))}), ["'w'", "bool"]),
        (zip_bytes({"w.npy": npy_bytes(np.array([1j]))}), ["'w'", "complex"]),
        (zip_bytes({"w.npy": npy_bytes(np.array(["text"]))}), ["'w'", "<U4"]),
        (zip_bytes({"w.npy": npy_bytes(np.zeros(1, [("a", "f4")]))}), ["'w'", "structured"]),
        (
            zip_bytes({"w.npy": npy_bytes(np.array([{"a": 1}], object), allow_pickle=True)}),
            ["'w'", "object array", "pickle"],
        ),
        (
            zip_bytes({"w.npy": npy_bytes(np.ones(2)), "v.npy": npy_bytes(np.ones(2))}, 12),
            ["compression method 12"],
        ),
        (
            zip_bytes({"w.npy": b"\x93NUMPY\x03\x00" + npy_bytes(np.ones(1))[8:]}),
            ["'w'", "version (3, 0)"],
        ),
        (
            zip_bytes({"w.npy": npy_bytes(np.ones(4)).replace(b"(4,)", b"(-4,)")}),
            ["'w'", "impossible shape"],
        ),
        (zip_bytes({CONFIG_KEY + ".npy": npy_bytes(np.array("{}}"))}), ["__config__", "JSON"]),
        (
            zip_bytes({CONFIG_KEY + ".npy": npy_bytes(np.array('{"cell": "xlstm"}'))}),
            ["__config__", "not a valid TrainConfig", "cell"],
        ),
        (
            zip_bytes({CONFIG_KEY + ".npy": npy_bytes(np.array('{"colour": 1}'))}),
            ["__config__", "colour"],
        ),
        (zip_bytes({CONFIG_KEY + ".npy": npy_bytes(np.array("[1]"))}), ["__config__"]),
        (
            zip_bytes({CONFIG_KEY + ".npy": npy_bytes(np.array("[" * 100_000))}),
            ["__config__"],
        ),
        (zip_bytes({CONFIG_KEY + ".npy": npy_bytes(np.array(["{}"]))}), ["0-d unicode"]),
        (zip_bytes({CONFIG_KEY + ".npy": npy_bytes(np.array(b"{}"))}), ["0-d unicode", "S2"]),
    ],
)
def test_foreign_and_malformed_files(tmp_path, content, words):
    load_error(write(tmp_path / "bad.npz", content), *words)


def test_duplicate_member_names(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("w.npy", npy_bytes(np.ones(2)))
            z.writestr("w.npy", npy_bytes(np.zeros(2)))
        data = buffer.getvalue()
    load_error(write(tmp_path / "dup.npz", data), "'w.npy' twice")


def central_directory(raw: bytes) -> int:
    """Offset of the first central directory header."""
    return raw.index(b"PK\x01\x02")


def patched(raw: bytes, field: int, value: int, fmt: str = "<I") -> bytes:
    """``raw`` with a field of the first central directory header replaced."""
    at = central_directory(raw) + field
    return raw[:at] + struct.pack(fmt, value) + raw[at + struct.calcsize(fmt) :]


FLAGS, METHOD, PACKED, SIZE = 8, 10, 20, 24  # central directory header field offsets


def test_absurd_declared_sizes(tmp_path):
    stored = zip_bytes({"w.npy": npy_bytes(np.ones(100))})
    load_error(write(tmp_path / "a.npz", patched(stored, SIZE, 0xFFFFFFFE)), "4294967294 bytes")
    load_error(write(tmp_path / "b.npz", patched(stored, PACKED, 0xFFFFFFFE)), "damaged")
    load_error(write(tmp_path / "c.npz", patched(stored, SIZE, 929)), "stored uncompressed")
    deflated = zip_bytes({"w.npy": npy_bytes(np.zeros(100_000))}, zipfile.ZIP_DEFLATED)
    packed = struct.unpack_from("<I", deflated, central_directory(deflated) + PACKED)[0]
    bomb = patched(deflated, SIZE, 2000 * packed)
    load_error(write(tmp_path / "d.npz", bomb), "more than deflate can produce")


def test_directory_entries_hidden_in_a_comment(tmp_path):
    """A damaged comment length can swallow the next entries; zipfile then reports fewer
    members without complaint, and the weights would silently lose arrays."""
    path = tmp_path / "w.npz"
    save_npz(path, {"a": np.ones(2), "b": np.ones(3), "c": np.ones(4)})
    raw = path.read_bytes()
    start = central_directory(raw)
    size = struct.unpack_from("<I", raw, raw.rindex(b"PK\x05\x06") + 12)[0]
    first = 46 + len("a.npy") + struct.unpack_from("<H", raw, start + 30)[0]
    load_error(write(path, patched(raw, 32, size - first, "<H")), "list 3 members", "1 were")


def test_encrypted_member(tmp_path):
    raw = zip_bytes({"w.npy": npy_bytes(np.ones(2))})
    load_error(write(tmp_path / "e.npz", patched(raw, FLAGS, 1, "<H")), "encrypted")


def test_too_many_members(tmp_path, monkeypatch):
    import lstm_studio.io.npz as npz

    monkeypatch.setattr(npz, "MAX_ENTRIES", 3)
    save_npz(tmp_path / "w.npz", {f"w{k}": np.ones(1) for k in range(4)})
    load_error(tmp_path / "w.npz", "4 members", "limit")


# ------------------------------------------------------------------------------------------
# Fuzzing: hundreds of damaged files, each NpzError or (if the damage missed everything
# that matters) exactly the original content


def test_mutated_files_raise_only_npz_error(tmp_path):
    model, config = model_and_config("cifg", 1)
    good = tmp_path / "good.npz"
    save_npz(good, model.state_dict(), config)
    raw = good.read_bytes()
    expected = model.state_dict()
    rng = np.random.default_rng(20240611)
    path = tmp_path / "mutant.npz"
    outcomes = {"rejected": 0, "loaded": 0}
    for trial in range(400):
        kind = trial % 5
        data = bytearray(raw)
        if kind == 0:  # truncated anywhere
            data = data[: int(rng.integers(len(data)))]
        elif kind == 1:  # a few random bytes changed
            for _ in range(int(rng.integers(1, 4))):
                data[int(rng.integers(len(data)))] = int(rng.integers(256))
        elif kind == 2:  # one bit flipped in the zip directory (end of the file)
            where = int(rng.integers(max(0, len(data) - 400), len(data)))
            data[where] ^= 1 << int(rng.integers(8))
        elif kind == 3:  # random garbage, sometimes dressed as a zip
            data = bytearray(rng.bytes(int(rng.integers(0, 5000))))
            if trial % 2:
                data[:4] = b"PK\x03\x04"
                data += b"PK\x05\x06" + rng.bytes(18)
        else:  # bytes inserted or deleted
            where = int(rng.integers(len(data)))
            if trial % 2:
                data[where:where] = rng.bytes(int(rng.integers(1, 9)))
            else:
                del data[where : where + int(rng.integers(1, 9))]
        write(path, bytes(data))
        try:
            arrays, loaded_config = load_npz(path)
        except NpzError as exc:
            assert os.fspath(path) in str(exc)
            outcomes["rejected"] += 1
            continue
        # damage to a field nobody reads (a timestamp, a version): nothing may differ
        assert_same(arrays, expected)
        assert loaded_config == config
        outcomes["loaded"] += 1
    assert outcomes["rejected"] > 300, outcomes


def test_object_array_npz_is_refused_without_unpickling(tmp_path, monkeypatch):
    import pickle

    def no_unpickling(*args, **kwargs):
        raise AssertionError("load_npz must never unpickle")

    monkeypatch.setattr(pickle, "load", no_unpickling)
    monkeypatch.setattr(pickle, "loads", no_unpickling)
    path = tmp_path / "pickled.npz"
    np.savez(path, w=np.ones(2), evil=np.array([{"a": 1}, None], dtype=object))
    load_error(path, "'evil'", "object array")
