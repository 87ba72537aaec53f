"""The safetensors reader and writer (the ``safetensors`` package behind our own checks and
messages): round trips, byte layout, atomic saves, corrupt and foreign files, and interop
with the package's own file functions."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import stat
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest
import safetensors as reference  # the reference implementation, behind our module too
import safetensors.numpy as reference_numpy

import lstm_studio.io.safetensors as st_module
from lstm_studio.io import SafetensorsError, load_safetensors, save_safetensors

DTYPES = {
    "F64": np.float64,
    "F32": np.float32,
    "F16": np.float16,
    "I64": np.int64,
    "I32": np.int32,
    "I16": np.int16,
    "I8": np.int8,
    "U64": np.uint64,
    "U32": np.uint32,
    "U16": np.uint16,
    "U8": np.uint8,
    "BOOL": np.bool_,
}
SHAPES = [(), (0,), (2, 0, 3), (1,), (5,), (2, 3, 4)]


def sample(dtype, shape, seed=0) -> np.ndarray:
    """Values that use the whole range of the dtype (sign bits, high bytes, non-finite)."""
    rng = np.random.default_rng(seed)
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return np.asarray(rng.integers(0, 2, shape), dtype=bool)  # 0-d stays an array
    if dtype.kind == "f":
        a = np.asarray(rng.standard_normal(shape) * 1000, dtype=dtype)
        if a.size >= 3:
            a.flat[:3] = [np.inf, -np.inf, -0.0]
        return a
    info = np.iinfo(dtype)
    a = np.asarray(rng.integers(info.min, info.max, shape, dtype=dtype, endpoint=True))
    if a.size >= 2:
        a.flat[:2] = [info.min, info.max]
    return a


def every_tensor() -> dict[str, np.ndarray]:
    return {
        f"{code.lower()}/{'x'.join(map(str, shape)) or 'scalar'}": sample(dtype, shape, seed=i)
        for i, (code, dtype) in enumerate(DTYPES.items())
        for shape in SHAPES
    }


def assert_same(loaded: dict[str, np.ndarray], expected: dict[str, np.ndarray]) -> None:
    assert sorted(loaded) == sorted(expected)
    for name, want in expected.items():
        got = loaded[name]
        assert got.dtype == want.dtype.newbyteorder("="), name
        assert got.shape == want.shape, name
        native = want.astype(want.dtype.newbyteorder("="))
        np.testing.assert_array_equal(got, native, err_msg=name, strict=True)


def write_raw(path: Path, header: dict | bytes | str, data: bytes = b"", length=None) -> Path:
    """A file with the given header (JSON-encoded when a dict) and data section."""
    if isinstance(header, dict):
        header = json.dumps(header)
    if isinstance(header, str):
        header = header.encode("utf-8")
    n = len(header) if length is None else length
    path.write_bytes(struct.pack("<Q", n) + header + data)
    return path


def read_header(path: Path) -> dict:
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    return json.loads(raw[8 : 8 + n])


def entry(dtype="F32", shape=(1,), offsets=(0, 4)) -> dict:
    return {"dtype": dtype, "shape": list(shape), "data_offsets": list(offsets)}


def expect_error(path: Path, *words: str) -> str:
    with pytest.raises(SafetensorsError) as caught:
        load_safetensors(path)
    message = str(caught.value)
    assert str(path) in message
    for word in words:
        assert word in message, message
    return message


# ------------------------------------------------------------------------------------------
# Round trips


@pytest.mark.parametrize("code", list(DTYPES))
def test_round_trip_each_dtype_and_shape(tmp_path, code):
    tensors = {f"t{i}": sample(DTYPES[code], shape, seed=i) for i, shape in enumerate(SHAPES)}
    path = tmp_path / "t.safetensors"
    save_safetensors(path, tensors)
    loaded, metadata = load_safetensors(path)
    assert metadata == {}
    assert_same(loaded, tensors)
    header = read_header(path)
    assert {e["dtype"] for e in header.values()} == {code}


def test_round_trip_everything_in_one_file_with_metadata(tmp_path):
    tensors = every_tensor()
    metadata = {"format": "np", "epoch": "12", "": "empty key", "notes": 'ünïcödé ✓ \n"q"'}
    path = tmp_path / "all.safetensors"
    save_safetensors(str(path), tensors, metadata)  # str paths work as well as Path
    loaded, loaded_metadata = load_safetensors(str(path))
    assert_same(loaded, tensors)
    assert loaded_metadata == metadata


def test_loaded_arrays_are_native_writable_owned_copies(tmp_path):
    tensors = every_tensor()
    path = tmp_path / "t.safetensors"
    save_safetensors(path, tensors)
    loaded, _ = load_safetensors(path)
    for name, a in loaded.items():
        assert a.dtype.isnative, name
        assert a.flags.c_contiguous and a.flags.writeable and a.flags.owndata, name
    # The file is closed and not mapped: it can be removed and the arrays still change.
    path.unlink()
    loaded["f32/2x3x4"][...] = 7
    assert (loaded["f32/2x3x4"] == 7).all()


def test_unicode_names_and_empty_mapping(tmp_path):
    path = tmp_path / "u.safetensors"
    tensors = {"ключ": np.arange(3.0), "层.weight": np.eye(2, dtype=np.float32)}
    save_safetensors(path, tensors, {"ä": "ö"})
    loaded, metadata = load_safetensors(path)
    assert_same(loaded, tensors)
    assert metadata == {"ä": "ö"}

    save_safetensors(path, {})
    assert load_safetensors(path) == ({}, {})
    assert path.read_bytes() == struct.pack("<Q", 8) + b"{}      "


def test_any_input_layout_is_stored_little_endian_in_c_order(tmp_path):
    base = np.arange(24, dtype=np.float64).reshape(4, 6)
    tensors = {
        "big_endian": np.arange(6, dtype=">i4").reshape(2, 3),
        "big_endian_scalar": np.array(1.5, dtype=">f8"),
        "fortran": np.asfortranarray(base),
        "strided": base[::2, ::3],
        "transposed": base.T,
        "readonly": np.frombuffer(b"\x01\x02\x03", dtype=np.uint8),
    }
    path = tmp_path / "layouts.safetensors"
    save_safetensors(path, tensors)
    loaded, _ = load_safetensors(path)
    assert_same(loaded, tensors)
    raw = path.read_bytes()
    header = json.loads(raw[8 : 8 + struct.unpack("<Q", raw[:8])[0]])
    data = raw[8 + struct.unpack("<Q", raw[:8])[0] :]
    begin, end = header["big_endian"]["data_offsets"]
    assert data[begin:end] == np.arange(6, dtype="<i4").tobytes()
    begin, end = header["transposed"]["data_offsets"]
    assert data[begin:end] == np.ascontiguousarray(base.T).astype("<f8").tobytes()
    assert header["transposed"]["shape"] == [6, 4]
    assert header["big_endian_scalar"]["shape"] == []
    # The inputs are not modified.
    assert tensors["big_endian"].dtype == np.dtype(">i4")


# ------------------------------------------------------------------------------------------
# Byte layout


def test_exact_bytes_of_a_tiny_file(tmp_path):
    path = tmp_path / "tiny.safetensors"
    save_safetensors(path, {"b": np.array([1, 2], dtype=np.int16), "a": np.array([1.0], "f4")})
    json_text = (
        b'{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},'
        b'"b":{"dtype":"I16","shape":[2],"data_offsets":[4,8]}}'
    )
    assert len(json_text) == 107  # 8 + 107 = 115, so 5 spaces bring the data start to 120
    expected = (
        b"\x70\x00\x00\x00\x00\x00\x00\x00"  # N = 112, little-endian u64
        + json_text
        + b"     "
        + b"\x00\x00\x80\x3f"  # a: 1.0f
        + b"\x01\x00\x02\x00"  # b: 1, 2 as little-endian int16
    )
    assert path.read_bytes() == expected


def test_exact_bytes_with_metadata_and_a_scalar(tmp_path):
    path = tmp_path / "meta.safetensors"
    save_safetensors(path, {"x": np.array(200, dtype=np.uint8)}, {"k": "v"})
    json_text = b'{"__metadata__":{"k":"v"},"x":{"dtype":"U8","shape":[],"data_offsets":[0,1]}}'
    assert len(json_text) == 77  # padded to 80
    assert path.read_bytes() == b"\x50" + b"\x00" * 7 + json_text + b"   " + b"\xc8"


@pytest.mark.parametrize("name_length", range(1, 17))
def test_data_starts_at_a_multiple_of_8(tmp_path, name_length):
    path = tmp_path / "aligned.safetensors"
    save_safetensors(path, {"n" * name_length: np.zeros(3, np.float64)})
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    assert (8 + n) % 8 == 0
    assert raw[8 + n :] == bytes(24)
    assert raw[8:].decode("ascii", errors="replace")[:n].rstrip(" ").endswith("}")


def test_layout_is_deterministic_largest_items_first_then_by_name(tmp_path):
    tensors = {
        "c": np.zeros(3, np.int8),
        "a": np.zeros(1, np.int8),
        "z": np.zeros(2, np.float64),
        "m": np.zeros((), np.float16),
        "b": np.zeros(5, np.float32),
    }
    save_safetensors(tmp_path / "1.safetensors", tensors, {"y": "1", "x": "2"})
    shuffled = {name: tensors[name] for name in ["m", "b", "a", "z", "c"]}
    save_safetensors(tmp_path / "2.safetensors", shuffled, {"x": "2", "y": "1"})
    raw = (tmp_path / "1.safetensors").read_bytes()
    assert raw == (tmp_path / "2.safetensors").read_bytes()

    header = json.loads(raw[8 : 8 + struct.unpack("<Q", raw[:8])[0]])
    order = sorted((e["data_offsets"], name) for name, e in header.items() if name[0] != "_")
    assert [name for _, name in order] == ["z", "b", "m", "a", "c"]
    assert [offsets for offsets, _ in order] == [[0, 16], [16, 36], [36, 38], [38, 39], [39, 42]]


def test_metadata_is_written_in_key_order_every_time(tmp_path):
    """The package writes the metadata from a hash map, in an order that changes from one
    save to the next; sorted, the same inputs give the same bytes every time."""
    metadata = {f"key{k}": str(k) for k in (7, 3, 9, 1, 5, 8, 2, 6, 4, 0)}
    tensors = {"w": np.arange(6.0).reshape(2, 3), "n": np.arange(3, dtype=np.int8)}
    saved = []
    for k in range(5):
        save_safetensors(tmp_path / f"{k}.safetensors", tensors, metadata)
        saved.append((tmp_path / f"{k}.safetensors").read_bytes())
    assert all(raw == saved[0] for raw in saved)
    assert list(read_header(tmp_path / "0.safetensors")["__metadata__"]) == sorted(metadata)
    assert (8 + struct.unpack("<Q", saved[0][:8])[0]) % 8 == 0
    loaded, loaded_metadata = load_safetensors(tmp_path / "0.safetensors")
    assert_same(loaded, tensors)
    assert loaded_metadata == metadata


def test_metadata_without_tensors(tmp_path):
    """A header of metadata alone, which the package itself writes as a header that is not
    JSON (safetensors issue #466)."""
    path = tmp_path / "m.safetensors"
    save_safetensors(path, {}, {"b": "2", "a": "1"})
    json_text = b'{"__metadata__":{"a":"1","b":"2"}}'
    assert path.read_bytes() == struct.pack("<Q", 40) + json_text + b" " * 6
    assert load_safetensors(path) == ({}, {"a": "1", "b": "2"})
    with reference.safe_open(path, framework="np") as f:
        assert f.metadata() == {"a": "1", "b": "2"}


# ------------------------------------------------------------------------------------------
# Writer input checks


class NotAnArray:
    pass


@pytest.mark.parametrize(
    ("tensors", "metadata", "words"),
    [
        ({"": np.zeros(1)}, None, ["''", "non-empty"]),
        ({3: np.zeros(1)}, None, ["3", "string"]),
        ({"__metadata__": np.zeros(1)}, None, ["__metadata__", "reserved"]),
        ({"bad\ud800": np.zeros(1)}, None, ["bad", "UTF-8"]),
        ({"w": [1.0, 2.0]}, None, ["'w'", "list", "NumPy array"]),
        ({"w": np.float32(1.0)}, None, ["'w'", "NumPy array"]),
        ({"w": NotAnArray()}, None, ["'w'", "NotAnArray"]),
        ({"w": np.array([1, None], dtype=object)}, None, ["'w'", "object"]),
        ({"w": np.array(["a", "b"])}, None, ["'w'", "<U1"]),
        ({"w": np.zeros(2, np.complex64)}, None, ["'w'", "complex64"]),
        ({"w": np.zeros(2, "datetime64[s]")}, None, ["'w'", "datetime64"]),
        ({"w": np.zeros(2, [("x", "f4")])}, None, ["'w'", "supported"]),
        ({"w": np.zeros(1)}, {"k": 1}, ["'k'", "int", "string"]),
        ({"w": np.zeros(1)}, {"k": None}, ["'k'", "string"]),
        ({"w": np.zeros(1)}, {("t",): "v"}, ["('t',)", "string"]),
        ({"w": np.zeros(1)}, {"k": "\udc80"}, ["'k'", "UTF-8"]),
        ({"w": np.zeros(1)}, [("k", "v")], ["metadata", "mapping"]),
        ([("w", np.zeros(1))], None, ["tensors", "mapping"]),
    ],
)
def test_invalid_inputs_raise_value_error_naming_the_key(tmp_path, tensors, metadata, words):
    with pytest.raises(ValueError) as caught:
        save_safetensors(tmp_path / "x.safetensors", tensors, metadata)
    assert not isinstance(caught.value, SafetensorsError)  # that one is for files
    for word in words:
        assert word in str(caught.value), str(caught.value)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------------------
# Atomic saves


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def existing(tmp_path) -> Path:
    """A valid file already at the target path, with another file beside it."""
    path = tmp_path / "model.safetensors"
    save_safetensors(path, {"old": np.arange(10.0)}, {"version": "1"})
    (tmp_path / "notes.txt").write_text("keep me")
    return path


def test_overwrite_replaces_the_file(existing):
    save_safetensors(existing, {"new": np.ones(2, np.int32)})
    tensors, metadata = load_safetensors(existing)
    assert_same(tensors, {"new": np.ones(2, np.int32)})
    assert metadata == {}
    assert sorted(p.name for p in existing.parent.iterdir()) == ["model.safetensors", "notes.txt"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_saved_file_gets_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        save_safetensors(tmp_path / "p.safetensors", {"a": np.zeros(1)})
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "p.safetensors").stat().st_mode) == 0o644


def test_invalid_array_leaves_an_existing_file_intact(existing):
    before = listing(existing.parent)
    bad = {"fine": np.zeros(3), "bad": np.array([object()], dtype=object)}
    with pytest.raises(ValueError, match="'bad'"):
        save_safetensors(existing, bad)
    assert listing(existing.parent) == before


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_failure_mid_write_leaves_an_existing_file_intact(existing, monkeypatch, failing):
    before = listing(existing.parent)
    disk_full = OSError(errno.ENOSPC, "No space left on device")

    def fail(*args, **kwargs):
        raise disk_full

    if failing == "write":  # the disk fills up halfway through the 16000 bytes of data
        real_fdopen = os.fdopen

        class FailingFile(io.BufferedWriter):
            room = 8000

            def write(self, data):
                if len(data) > FailingFile.room:
                    super().write(memoryview(data)[: FailingFile.room])
                    raise disk_full
                FailingFile.room -= len(data)
                return super().write(data)

        def fdopen(fd, mode):
            return FailingFile(real_fdopen(fd, mode, buffering=0))

        monkeypatch.setattr(st_module.os, "fdopen", fdopen)
    else:
        monkeypatch.setattr(st_module.os, failing, fail)
    with pytest.raises(OSError) as caught:
        save_safetensors(existing, {"a": np.ones(1000), "b": np.ones(1000)})
    assert caught.value is disk_full
    monkeypatch.undo()
    assert listing(existing.parent) == before
    assert load_safetensors(existing)[1] == {"version": "1"}


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_real_file_size_limit_mid_write_leaves_an_existing_file_intact(existing):
    """A genuine short write: the kernel refuses bytes past RLIMIT_FSIZE (EFBIG), like a
    full disk would. Run in a child process so the limit cannot touch pytest's own files."""
    before = listing(existing.parent)
    script = textwrap.dedent(
        f"""
        import errno, resource, signal, sys
        import numpy as np
        from lstm_studio.io import save_safetensors
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, resource.RLIM_INFINITY))
        try:
            save_safetensors({str(existing)!r}, {{"big": np.ones((300, 300))}})
        except OSError as exc:
            sys.exit(0 if exc.errno == errno.EFBIG else 3)
        sys.exit(2)
        """
    )
    package_root = str(Path(st_module.__file__).resolve().parents[2])  # this checkout's package
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert listing(existing.parent) == before


def _make_unwritable(folder: Path, monkeypatch) -> str:
    """Make ``folder`` refuse new files even for root; return how."""
    folder.chmod(0o555)
    probe = folder / "probe"
    try:
        probe.touch()
    except PermissionError:
        return "chmod"
    probe.unlink()  # root ignores permission bits; try the immutable attribute instead
    chattr = shutil.which("chattr")
    if chattr and subprocess.run([chattr, "+i", str(folder)], capture_output=True).returncode == 0:
        return "chattr"
    folder.chmod(0o755)
    # last resort (a container without CAP_LINUX_IMMUTABLE): creating files in it fails
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if flags & os.O_CREAT and Path(path).parent == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    return "patched"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_folder_raises_and_leaves_it_unchanged(tmp_path, monkeypatch):
    folder = tmp_path / "ro"
    folder.mkdir()
    save_safetensors(folder / "model.safetensors", {"old": np.arange(3)})
    before = listing(folder)
    how = _make_unwritable(folder, monkeypatch)
    try:
        with pytest.raises(PermissionError) as caught:
            save_safetensors(folder / "model.safetensors", {"new": np.zeros(2)})
        with pytest.raises(PermissionError):
            save_safetensors(folder / "other.safetensors", {"new": np.zeros(2)})
    finally:
        if how == "chattr":
            subprocess.run([shutil.which("chattr"), "-i", str(folder)], check=True)
        folder.chmod(0o755)
    assert str(folder) in str(caught.value)
    assert listing(folder) == before


def test_missing_folder_or_a_file_as_folder_raises_os_error(tmp_path):
    (tmp_path / "plain").write_text("not a folder")
    with pytest.raises(FileNotFoundError, match="missing"):
        save_safetensors(tmp_path / "missing" / "m.safetensors", {"a": np.zeros(1)})
    with pytest.raises(NotADirectoryError, match="plain"):
        save_safetensors(tmp_path / "plain" / "m.safetensors", {"a": np.zeros(1)})
    assert listing(tmp_path) == {"plain": b"not a folder"}


def test_saving_onto_a_folder_raises_and_leaves_no_temp_file(tmp_path):
    (tmp_path / "dir.safetensors").mkdir()
    with pytest.raises(OSError):
        save_safetensors(tmp_path / "dir.safetensors", {"a": np.zeros(1)})
    assert [p.name for p in tmp_path.iterdir()] == ["dir.safetensors"]


# ------------------------------------------------------------------------------------------
# Corrupt files


def test_too_short(tmp_path):
    path = tmp_path / "short.safetensors"
    path.write_bytes(b"")
    expect_error(path, "0 bytes", "too short")
    path.write_bytes(b"\x02\x00\x00\x00\x00\x00\x00")
    expect_error(path, "7 bytes", "too short")


def test_header_length_beyond_the_file(tmp_path):
    path = write_raw(tmp_path / "h.safetensors", "{}", length=3)
    expect_error(path, "says 3 bytes", "longer than the 2 bytes")
    path = write_raw(tmp_path / "h.safetensors", b"", length=1)
    expect_error(path, "longer than the 0 bytes")


def test_absurd_header_length(tmp_path):
    path = write_raw(tmp_path / "h.safetensors", "{}", length=100_000_001)
    expect_error(path, "100000001", "limit")
    path = write_raw(tmp_path / "h.safetensors", "{}", length=2**64 - 1)
    expect_error(path, "limit")


@pytest.mark.parametrize(
    ("header", "words"),
    [
        (b"{\xff\xfe}", ["UTF-8", "offset 9"]),
        (b"", ["does not start with '{'"]),
        (b" {}", ["does not start with '{'"]),
        (b"\xef\xbb\xbf{}", ["does not start with '{'"]),
        (b"{'a': 1}", ["not valid JSON"]),
        (b'{"a": ', ["not valid JSON"]),
        (b"{} {}", ["not valid JSON", "Extra data"]),
        (b"{}\x00\x00", ["not valid JSON"]),
        (b'{"a": NaN}', ["not valid JSON", "NaN"]),
        (b'{"a": {"dtype": "F32", "shape": [' + b"1" * 5000 + b"]}}", ["not valid JSON"]),
        (b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", ["not valid JSON"]),
        (b"[]", ["does not start with"]),
        (b'{"a": {}, "a": {}}', ["'a'", "twice"]),
        (b'{"__metadata__": [], "__metadata__": []}', ["__metadata__", "twice"]),
    ],
)
def test_header_not_a_json_object(tmp_path, header, words):
    expect_error(write_raw(tmp_path / "bad.safetensors", header), *words)


@pytest.mark.parametrize(
    ("metadata", "words"),
    [
        ([], ["__metadata__", "list", "not an object"]),
        ("x", ["__metadata__", "str"]),
        ({"k": 1}, ["__metadata__ 'k'", "int", "not a string"]),
        ({"k": ["v"]}, ["__metadata__ 'k'", "list"]),
        ({"k": None}, ["__metadata__ 'k'"]),
    ],
)
def test_bad_metadata(tmp_path, metadata, words):
    path = write_raw(tmp_path / "m.safetensors", {"__metadata__": metadata})
    expect_error(path, *words)


def test_null_metadata_reads_as_empty(tmp_path):
    path = write_raw(tmp_path / "m.safetensors", {"__metadata__": None})
    assert load_safetensors(path) == ({}, {})


@pytest.mark.parametrize(
    ("tensor", "words"),
    [
        ([], ["'w'", "list", "not an object"]),
        ("F32", ["'w'", "not an object"]),
        ({"shape": [1], "data_offsets": [0, 4]}, ["'w'", "no 'dtype'"]),
        ({"dtype": "F32", "data_offsets": [0, 4]}, ["'w'", "no 'shape'"]),
        ({"dtype": "F32", "shape": [1]}, ["'w'", "no 'data_offsets'"]),
        ({"dtype": "F32", "shape": [1], "offsets": [0, 4]}, ["no 'data_offsets'"]),
        (entry(dtype=4), ["'w'", "dtype", "not a string"]),
        (entry(dtype=None), ["dtype", "not a string"]),
        (entry(dtype="f32"), ["'w'", "unknown dtype 'f32'"]),
        (entry(dtype="F128"), ["unknown dtype 'F128'"]),
        (entry(dtype="BF16", offsets=(0, 2)), ["'w'", "BF16", "not supported"]),
        (entry(dtype="F8_E4M3", offsets=(0, 1)), ["F8_E4M3", "not supported"]),
        ({**entry(), "shape": 1}, ["'w'", "shape", "non-negative integers"]),
        ({**entry(), "shape": "1"}, ["shape"]),
        ({**entry(), "shape": [-1]}, ["shape", "[-1]"]),
        ({**entry(), "shape": [1.0]}, ["shape", "[1.0]"]),
        ({**entry(), "shape": [True]}, ["shape", "[True]"]),
        ({**entry(), "shape": [None]}, ["shape"]),
        ({**entry(), "shape": [2**63]}, ["shape"]),
        ({**entry(), "shape": [0] * 65}, ["65 dimensions"]),
        ({**entry(), "data_offsets": [0]}, ["'w'", "data_offsets", "two non-negative"]),
        ({**entry(), "data_offsets": [0, 4, 8]}, ["data_offsets"]),
        ({**entry(), "data_offsets": [0, "4"]}, ["data_offsets", "'4'"]),
        ({**entry(), "data_offsets": [-4, 0]}, ["data_offsets"]),
        ({**entry(), "data_offsets": [0, 4.0]}, ["data_offsets"]),
        ({**entry(), "data_offsets": {"0": 4}}, ["data_offsets"]),
        ({**entry(), "data_offsets": None}, ["data_offsets"]),
        (entry(offsets=(4, 0)), ["'w'", "[4, 0]", "end before they begin"]),
        (entry(offsets=(0, 3)), ["'w'", "3 bytes", "[1] of F32 needs 4 bytes"]),
        (entry(shape=(2,)), ["'w'", "4 bytes", "needs 8 bytes"]),
        (entry(shape=(), offsets=(0, 0)), ["needs 4 bytes"]),
        (entry(shape=(2**40,)), ["needs 4398046511104 bytes"]),
        (entry(shape=(2**62, 2**62, 0)), ["needs 0 bytes"]),
    ],
)
def test_malformed_tensor_entry(tmp_path, tensor, words):
    path = write_raw(tmp_path / "e.safetensors", {"w": tensor}, b"\x00" * 4)
    expect_error(path, *words)


def test_zero_size_shape_that_numpy_cannot_hold(tmp_path):
    path = write_raw(tmp_path / "z.safetensors", {"w": entry(shape=(0, 2**62), offsets=(0, 0))})
    expect_error(path, "'w'", "NumPy rejects")


@pytest.mark.parametrize(
    ("tensors", "data_size", "words"),
    [
        ({"a": entry(offsets=(0, 4))}, 0, ["'a'", "out of range", "0-byte"]),
        ({"a": entry(offsets=(4, 8))}, 4, ["out of range", "4-byte"]),
        ({"a": entry(shape=(2,), offsets=(2**62, 2**62 + 8))}, 8, ["out of range"]),
        ({"a": entry(offsets=(0, 4)), "b": entry(offsets=(0, 4))}, 8, ["'a' and 'b'", "overlap"]),
        ({"a": entry(shape=(2,), offsets=(0, 8)), "b": entry(offsets=(4, 8))}, 8, ["overlap"]),
        ({"a": entry(shape=(2,), offsets=(0, 8)), "z": entry(shape=(0,), offsets=(4, 4))}, 8, []),
        ({"a": entry(offsets=(4, 8))}, 8, ["gap of 4 bytes", "before tensor 'a'"]),
        ({"a": entry(offsets=(0, 4)), "b": entry(offsets=(5, 9))}, 9, ["a gap of 1 byte ", "'b'"]),
        ({"a": entry(offsets=(0, 4))}, 5, ["1 trailing byte that"]),
        ({"a": entry(shape=(0,), offsets=(0, 0))}, 3, ["3 trailing bytes"]),
        ({}, 1, ["1 trailing byte that"]),
    ],
)
def test_offsets_must_tile_the_data_section(tmp_path, tensors, data_size, words):
    path = write_raw(tmp_path / "o.safetensors", tensors, b"\x00" * data_size)
    message = expect_error(path, *words)
    if not words:  # a zero-size tensor inside another one
        assert "overlap" in message


def test_bool_bytes_other_than_0_and_1(tmp_path):
    path = write_raw(
        tmp_path / "b.safetensors", {"m": entry("BOOL", (3,), (0, 3))}, b"\x00\x01\x02"
    )
    expect_error(path, "BOOL", "'m'", "0 and 1")


def test_truncated_file(tmp_path):
    path = tmp_path / "t.safetensors"
    save_safetensors(path, every_tensor(), {"k": "v"})
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    for cut in [1, 100, len(raw) - 8 - n]:
        path.write_bytes(raw[:-cut])
        expect_error(path, "out of range")
    for keep in [8 + n - 1, 20, 9]:
        path.write_bytes(raw[:keep])
        expect_error(path, "longer than")


def test_valid_headers_the_reader_accepts(tmp_path):
    """What the format allows beyond what the writer produces: unpadded headers, JSON
    whitespace inside and after the object, extra fields, no metadata, any order."""
    data = np.array([1.0, 2.0], "<f4").tobytes() + b"\x07"
    header = {
        "b": {"dtype": "U8", "shape": [1], "data_offsets": [8, 9], "extra": {"x": [1]}},
        "a": {"data_offsets": [0, 8], "shape": [2], "dtype": "F32"},
    }
    for text in [json.dumps(header), json.dumps(header, indent=2) + "\t\n  "]:
        path = write_raw(tmp_path / "ok.safetensors", text, data)
        tensors, metadata = load_safetensors(path)
        assert list(tensors) == ["b", "a"]  # header order
        assert_same(tensors, {"a": np.array([1.0, 2.0], "f4"), "b": np.array([7], np.uint8)})
        assert metadata == {}


# ------------------------------------------------------------------------------------------
# Foreign files


def png_bytes() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("model.safetensors", b"\x00" * 64)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (png_bytes(), ["limit"]),
        (zip_bytes(), ["limit"]),
        (b"LSTM Studio notes\nline two\n" * 10, ["limit"]),
        (b'{"a": 1, "b": [1, 2, 3]}\n', ["limit"]),
        (b"hello", ["too short"]),
        (b"\x00" * 64, ["does not start with '{'"]),
        (np.random.default_rng(1).bytes(100_000), ["safetensors"]),
        (struct.pack("<Q", 4) + b"null" + b"\x00" * 12, ["does not start with '{'"]),
        (struct.pack("<Q", 7) + b"{}     " + b"\x00" * 12, ["12 trailing bytes"]),
    ],
    ids=[
        "png",
        "zip",
        "text",
        "json",
        "tiny-text",
        "zeros",
        "random",
        "null-header",
        "padding-not-data",
    ],
)
def test_foreign_files_raise_safetensors_error(tmp_path, content, words):
    path = tmp_path / "foreign.safetensors"
    path.write_bytes(content)
    expect_error(path, *words)


def test_mutated_files_raise_only_safetensors_error(tmp_path):
    """Random byte flips, JSON-ish characters, deletions and cuts in a valid file: each
    either still loads or raises SafetensorsError, never anything else."""
    path = tmp_path / "fuzz.safetensors"
    save_safetensors(path, every_tensor(), {"k": "v"})
    raw = path.read_bytes()
    end_of_header = 8 + struct.unpack("<Q", raw[:8])[0]
    rng = np.random.default_rng(2024)
    outcomes = {"loaded": 0, "rejected": 0}
    for trial in range(600):
        data = bytearray(raw)
        where = int(rng.integers(0, end_of_header))
        if trial % 4 == 0:
            data[where] = int(rng.integers(256))
        elif trial % 4 == 1:
            data[max(where, 8)] = ord(rng.choice(list('0123456789[]{},:" -.eE')))
        elif trial % 4 == 2:
            del data[max(where, 8) : max(where, 8) + int(rng.integers(1, 5))]
        else:
            data = data[: int(rng.integers(len(data)))]
        path.write_bytes(bytes(data))
        try:
            load_safetensors(path)
            outcomes["loaded"] += 1
        except SafetensorsError:
            outcomes["rejected"] += 1
    assert outcomes["rejected"] > 500


def test_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_safetensors(tmp_path / "nope.safetensors")


def test_an_error_of_the_package_reaches_the_user_in_our_words(tmp_path, monkeypatch):
    """Whatever our checks let through and the package still refuses (no such file is
    known) gives our error and message, never the package's own."""
    path = tmp_path / "w.safetensors"
    save_safetensors(path, {"w": np.zeros(3)})

    def refuse(*args, **kwargs):
        raise reference.SafetensorError("Error while deserializing header: InvalidOffset")

    monkeypatch.setattr(reference_numpy, "load", refuse)
    message = expect_error(path, "the safetensors library refuses it")
    assert "deserializing" not in message
    monkeypatch.setattr(reference_numpy, "save", refuse)
    with pytest.raises(ValueError, match="refuses these tensors") as caught:
        save_safetensors(path, {"w": np.ones(3)})
    assert not isinstance(caught.value, SafetensorsError)  # that one is for files
    assert "deserializing" not in str(caught.value)
    monkeypatch.undo()
    assert load_safetensors(path)[0]["w"].tolist() == [0.0, 0.0, 0.0]  # left as it was


# ------------------------------------------------------------------------------------------
# Interop with the reference implementation (the `safetensors` package)


def test_reference_reads_our_files(tmp_path):
    tensors = every_tensor()
    metadata = {"app": "LSTM Studio", "ünï": "cödé"}
    path = tmp_path / "ours.safetensors"
    save_safetensors(path, tensors, metadata)
    assert_same(reference_numpy.load_file(path), tensors)
    with reference.safe_open(path, framework="np") as f:
        assert f.metadata() == metadata
    assert_same(reference_numpy.load(path.read_bytes()), tensors)


def test_we_read_reference_files(tmp_path):
    tensors = every_tensor()
    tensors["big_endian"] = np.arange(4, dtype=">i4")
    metadata = {"format": "np", "k": "v"}
    path = tmp_path / "theirs.safetensors"
    reference_numpy.save_file(tensors, path, metadata=metadata)
    loaded, loaded_metadata = load_safetensors(path)
    assert_same(loaded, tensors)
    assert loaded_metadata == metadata

    reference_numpy.save_file({"only": np.ones((2, 2), np.float16)}, path)
    loaded, loaded_metadata = load_safetensors(path)
    assert_same(loaded, {"only": np.ones((2, 2), np.float16)})
    assert loaded_metadata == {}


def test_reference_also_rejects_what_we_reject(tmp_path):
    """A sample of corrupt files: the reference must refuse them too, so that our reader
    is not stricter than the format where it matters (the BOOL check is ours alone)."""
    cases = {
        "gap": ({"a": entry(offsets=(4, 8))}, 8),
        "trailing": ({"a": entry(offsets=(0, 4))}, 5),
        "overlap": ({"a": entry(offsets=(0, 4)), "b": entry(offsets=(0, 4))}, 8),
        "size": ({"a": entry(offsets=(0, 3))}, 3),
        "range": ({"a": entry(offsets=(0, 4))}, 2),
        "dtype": ({"a": entry(dtype="F128")}, 4),
        "metadata": ({"__metadata__": {"k": 1}}, 0),
    }
    for name, (header, size) in cases.items():
        path = write_raw(tmp_path / f"{name}.safetensors", header, b"\x00" * size)
        with pytest.raises(SafetensorsError):
            load_safetensors(path)
        with pytest.raises(Exception):  # noqa: B017 - the reference raises several types
            reference_numpy.load_file(path)
