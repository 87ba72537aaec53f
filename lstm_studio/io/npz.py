"""Weights as a NumPy ``.npz`` file: what a user with nothing but NumPy can open.

The file holds the same arrays as ``weights.safetensors`` (the engine's state dict, in
PyTorch's names: ``rnn.weight_ih_l0`` ... ``head.bias``) plus ``__config__``, the run's
``TrainConfig`` as JSON text in a 0-d unicode array, so that no entry is an object array
and nothing needs pickle::

    import json
    import numpy as np

    with np.load("weights.npz") as f:                  # allow_pickle=False, the default
        weights = {name: f[name] for name in f.files if name != "__config__"}
        config = json.loads(f["__config__"].item())    # only if the run was saved with one

The layout is ``np.savez``'s (a zip of ``<name>.npy`` members, stored uncompressed), written
with ``atomic_write``: a failed save never leaves a partial file. ``load_npz`` trusts nothing
in the file: it checks the zip directory, every member's declared size and its ``.npy``
header before reading any data, refuses pickled (object) arrays without unpickling them,
and raises ``NpzError`` naming the file and the problem for anything it cannot vouch for.
"""

from __future__ import annotations

import errno
import io
import math
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Mapping
from typing import NoReturn

import numpy as np

from ..training.config import TrainConfig
from ..translations import tr, tr_n
from .atomic import atomic_write

__all__ = [
    "CONFIG_KEY",
    "MAX_ENTRIES",
    "MAX_FILE_BYTES",
    "MAX_INFLATED_BYTES",
    "NpzError",
    "load_npz",
    "save_npz",
]

#: The entry that holds the ``TrainConfig`` JSON.
CONFIG_KEY = "__config__"
#: Largest file ``load_npz`` opens, and the most that all members together may declare.
MAX_FILE_BYTES = 2 * 1024**3
#: Most members a file may have (a model has 4 per layer + 2 + the config).
MAX_ENTRIES = 4096

# A name is what a state dict uses: letters, digits, "_", "." and "-", not starting with
# "__" (reserved, like __config__) and never a path ("/", "\\") into or out of the zip.
_NAME = re.compile(r"(?!__)[A-Za-z0-9_][A-Za-z0-9_.\-]{0,199}")
# Deflate cannot expand data by more than ~1032:1; a member that claims more is a bomb.
_MAX_DEFLATE_RATIO = 1100
#: Most bytes the compressed members of a file may declare together: a small file may not
#: unpack into gigabytes (np.savez writes its members uncompressed, and weights hardly
#: compress: a model this large is saved with np.savez).
MAX_INFLATED_BYTES = 256 * 1024**2
# zip signatures: end of central directory, its zip64 form and the zip64 locator
_END, _END64, _END64_LOCATOR = b"PK\x05\x06", b"PK\x06\x06", b"PK\x06\x07"
# What a corrupt zip or .npy can make zipfile, zlib or numpy.lib.format raise; all of it
# means "not a valid file" here (reading goes through BytesIO, so no real I/O error hides
# among them).
_FORMAT_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    OverflowError,
    SyntaxError,
    RecursionError,
    NotImplementedError,
    RuntimeError,
    OSError,
)


class NpzError(ValueError):
    """A file is not a valid LSTM Studio ``.npz``; the message names the file and the problem."""


# --------------------------------------------------------------------------------------
# Writing


def save_npz(
    path: str | os.PathLike,
    state: Mapping[str, np.ndarray],
    config: TrainConfig | None = None,
) -> None:
    """Write a state dict (and the run's config) to an ``.npz`` file, atomically.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write. An existing file is replaced only once the new one is complete.
    state : Mapping[str, numpy.ndarray]
        Arrays by name, e.g. ``SequenceModel.state_dict()``. Names are letters, digits,
        ``_ . -`` (at most 200, not starting with ``__``); arrays are float16/32/64 or
        integer, any shape, finite. They are stored little-endian in C order.
    config : TrainConfig, optional
        Stored as JSON text in the 0-d unicode array ``__config__``; omitted when None.

    Raises
    ------
    ValueError
        An input is invalid; the message names the offending entry. Nothing is written.
    OSError
        The file cannot be written (the folder is missing or read-only, ``path`` is a
        folder, the disk is full). No partial or temporary file is left behind.
    """
    entries = _encode(state, config)
    with atomic_write(path) as f:
        # the same members np.savez writes: "<name>.npy", stored, zip64 allowed
        with zipfile.ZipFile(f, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as z:
            for name, array in entries:
                with z.open(name + ".npy", "w", force_zip64=True) as member:
                    np.lib.format.write_array(member, array, allow_pickle=False)


def _encode(
    state: Mapping[str, np.ndarray], config: TrainConfig | None
) -> list[tuple[str, np.ndarray]]:
    """Validate the inputs; return (name, little-endian C-ordered array) in file order."""
    if not isinstance(state, Mapping):
        raise ValueError(
            tr(
                "npz",
                "state must be a mapping of names to arrays, not a {kind}",
                kind=_kind(state),
            )
        )
    if config is not None and not isinstance(config, TrainConfig):
        raise ValueError(
            tr("npz", "config must be a TrainConfig or None, not a {kind}", kind=_kind(config))
        )
    entries = []
    for name, value in state.items():
        if not isinstance(name, str) or not _NAME.fullmatch(name):
            raise ValueError(
                tr(
                    "npz",
                    "array name {name!r} is not allowed: use letters, digits, '_', '.' and '-' "
                    "(at most 200, not starting with '__')",
                    name=name,
                )
            )
        if not isinstance(value, np.ndarray):
            raise ValueError(
                tr(
                    "npz",
                    "{name!r} is a {kind}, not a NumPy array (use numpy.asarray)",
                    name=name,
                    kind=_kind(value),
                )
            )
        problem = _dtype_problem(value.dtype, repr(name))
        if problem:
            raise ValueError(problem)
        if value.dtype.kind == "f" and not np.isfinite(value).all():
            raise ValueError(tr("npz", "{what} contains NaN or Inf", what=repr(name)))
        # np.asarray keeps 0-d arrays 0-d (np.ascontiguousarray would make them 1-d)
        entries.append((name, np.asarray(value, dtype=value.dtype.newbyteorder("<"), order="C")))
    if config is not None:
        entries.append((CONFIG_KEY, np.array(config.to_json(), dtype=np.str_)))
    return entries


def _dtype_problem(dtype: np.dtype, what: str) -> str | None:
    """Why ``what`` (an array of ``dtype``) cannot be a weight, or None when it can."""
    if dtype.hasobject:
        return tr("npz", "{what} is an object array (it would need pickle)", what=what)
    if dtype.names is not None or dtype.subdtype is not None:
        return tr(
            "npz",
            "{what} has the structured dtype {dtype}; expected float16, float32, float64 or "
            "an integer type",
            what=what,
            dtype=dtype,
        )
    if dtype.kind == "f" and dtype.itemsize in (2, 4, 8):
        return None
    if dtype.kind in "iu":
        return None
    return tr(
        "npz",
        "{what} has dtype {dtype}; expected float16, float32, float64 or an integer type",
        what=what,
        dtype=dtype,
    )


def _kind(value: object) -> str:
    return type(value).__name__


# --------------------------------------------------------------------------------------
# Reading


def load_npz(
    path: str | os.PathLike,
) -> tuple[dict[str, np.ndarray], TrainConfig | None]:
    """Read every array and the config of an ``.npz`` file that ``save_npz`` (or
    ``np.savez`` with weights alone) wrote.

    Returns
    -------
    arrays : dict[str, numpy.ndarray]
        Arrays by name in file order: native byte order, C-contiguous, writable, owning
        their memory. ``__config__`` is not among them.
    config : TrainConfig or None
        The config from ``__config__``, or None when the file has none.

    Raises
    ------
    NpzError
        The file is not a valid weights ``.npz``: larger than ``MAX_FILE_BYTES``, not a zip
        (corrupt, truncated, another kind of file), a member that is not ``<name>.npy``,
        a suspicious or duplicate name, an absurd declared size, an encrypted or
        unusually compressed member, a damaged ``.npy``, an object (pickled), bool,
        complex, text or structured array, a NaN or Inf, or a ``__config__`` that is not
        valid ``TrainConfig`` JSON. The message names the file and the problem.
    OSError
        The file cannot be opened or read (``FileNotFoundError`` when it does not exist,
        ``IsADirectoryError`` for a folder).
    """
    _check_size(os.stat(path), path)  # before open: opening a FIFO would block
    with open(path, "rb") as f:
        size = _check_size(os.fstat(f.fileno()), path)
        raw = f.read(size + 1)  # from here on only memory is parsed: no OSError is real I/O
    if len(raw) != size:
        _fail(path, tr("npz", "the file changed size while being read"))
    try:
        return _parse(raw, path)
    except NpzError:
        raise
    except _FORMAT_ERRORS as exc:
        _fail(
            path,
            tr("npz", "the file is damaged ({kind}: {detail})", kind=_kind(exc), detail=exc),
        )


def _check_size(info: os.stat_result, path) -> int:
    if stat.S_ISDIR(info.st_mode):  # what open() says, and load_safetensors
        raise IsADirectoryError(
            errno.EISDIR,
            tr("npz", "cannot read npz file {path!r}: it is a folder", path=os.fspath(path)),
        )
    if not stat.S_ISREG(info.st_mode):
        _fail(path, tr("npz", "not a regular file"))
    if info.st_size > MAX_FILE_BYTES:
        _fail(
            path,
            tr(
                "npz",
                "the file is {size} bytes long, more than the {limit} byte limit for a "
                "weights file",
                size=info.st_size,
                limit=MAX_FILE_BYTES,
            ),
        )
    return info.st_size


def _parse(raw: bytes, path) -> tuple[dict[str, np.ndarray], TrainConfig | None]:
    if len(raw) < 22 or not zipfile.is_zipfile(io.BytesIO(raw)):
        _fail(
            path,
            tr(
                "npz",
                "not an .npz file (no zip directory found: truncated, or another kind of file)",
            ),
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except _FORMAT_ERRORS as exc:
        _fail(
            path,
            tr("npz", "not a readable .npz file ({kind}: {detail})", kind=_kind(exc), detail=exc),
        )
    with archive:
        infos = archive.infolist()
        listed = _listed_members(raw)
        if listed != len(infos):
            # zipfile stops at the directory size the end record gives, and a damaged comment
            # length can swallow entries: members would vanish without a word
            _fail(
                path,
                tr_n(
                    "npz",
                    listed,
                    "the zip directory should list {listed} member but {found} were found "
                    "(the directory is damaged)",
                    "the zip directory should list {listed} members but {found} were found "
                    "(the directory is damaged)",
                    listed=listed,
                    found=len(infos),
                ),
            )
        members = _check_directory(infos, len(raw), path)
        arrays: dict[str, np.ndarray] = {}
        config_text = None
        for name, member in members:
            data = archive.read(member)  # checks the CRC and the declared size
            array = _parse_npy(data, name, path)
            if name == CONFIG_KEY:
                config_text = array.item()
            else:
                arrays[name] = array
    return arrays, (None if config_text is None else _parse_config(config_text, path))


def _listed_members(raw: bytes) -> int:
    """The member count the end of central directory record declares (its zip64 form
    when there is one), found exactly the way zipfile finds the record."""
    if raw[-22:-18] == _END and raw[-2:] == b"\0\0":
        at = len(raw) - 22
    else:  # a zip comment may follow the record
        at = raw.rfind(_END, max(0, len(raw) - 22 - 65536))
    (count,) = struct.unpack_from("<H", raw, at + 10)  # struct.error when cut short
    locator, record = at - 20, at - 20 - 56
    if record >= 0 and raw[locator : locator + 4] == _END64_LOCATOR:
        if raw[record : record + 4] == _END64:
            (count,) = struct.unpack_from("<Q", raw, record + 32)
    return count


def _check_directory(infos: list[zipfile.ZipInfo], size: int, path) -> list:
    """Names, sizes and flags of every member, before any of them is read."""
    if len(infos) > MAX_ENTRIES:
        _fail(
            path,
            tr(
                "npz",
                "the zip has {count} members, more than the {limit} limit",
                count=len(infos),
                limit=MAX_ENTRIES,
            ),
        )
    members, seen = [], set()
    declared_total = inflated = 0
    for info in infos:
        filename = info.filename
        if not filename.endswith(".npy"):
            _fail(
                path,
                tr(
                    "npz",
                    "member {member!r} is not a .npy array (is this an .npz of weights?)",
                    member=filename,
                ),
            )
        name = filename[: -len(".npy")]
        if name != CONFIG_KEY and not _NAME.fullmatch(name):
            _fail(
                path,
                tr(
                    "npz",
                    "member {member!r} has a suspicious name: expected letters, digits, '_', "
                    "'.' and '-' (no folders, not starting with '__')",
                    member=filename,
                ),
            )
        if name in seen:
            _fail(path, tr("npz", "the zip holds {member!r} twice", member=filename))
        seen.add(name)
        if info.flag_bits & 0x1:
            _fail(path, tr("npz", "member {member!r} is encrypted", member=filename))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            _fail(
                path,
                tr(
                    "npz",
                    "member {member!r} uses compression method {method}; only stored and "
                    "deflated members are read",
                    member=filename,
                    method=info.compress_type,
                ),
            )
        declared, packed = info.file_size, info.compress_size
        if declared > MAX_FILE_BYTES or packed > size or info.header_offset >= size:
            _fail(
                path,
                tr(
                    "npz",
                    "member {member!r} declares {declared} ({packed} packed, at offset "
                    "{offset}) in a {size} byte file: the zip directory is damaged",
                    member=filename,
                    declared=_bytes(declared),
                    packed=packed,
                    offset=info.header_offset,
                    size=size,
                ),
            )
        if info.compress_type == zipfile.ZIP_STORED and declared != packed:
            _fail(
                path,
                tr(
                    "npz",
                    "member {member!r} is stored uncompressed but declares {declared} bytes "
                    "and {packed} packed bytes",
                    member=filename,
                    declared=declared,
                    packed=packed,
                ),
            )
        if declared > _MAX_DEFLATE_RATIO * packed + 1024:
            _fail(
                path,
                tr(
                    "npz",
                    "member {member!r} declares {declared} bytes from {packed} compressed "
                    "bytes, more than deflate can produce (a zip bomb?)",
                    member=filename,
                    declared=declared,
                    packed=packed,
                ),
            )
        if info.compress_type != zipfile.ZIP_STORED:
            inflated += declared
            if inflated > MAX_INFLATED_BYTES:
                _fail(
                    path,
                    tr(
                        "npz",
                        "member {member!r} declares {declared} bytes from {packed} compressed "
                        "bytes: the compressed members would unpack to {total} bytes, more "
                        "than the {limit} byte limit (a zip bomb? weights saved with np.savez "
                        "are not compressed)",
                        member=filename,
                        declared=declared,
                        packed=packed,
                        total=inflated,
                        limit=MAX_INFLATED_BYTES,
                    ),
                )
        declared_total += declared
        if declared_total > MAX_FILE_BYTES:
            _fail(
                path,
                tr(
                    "npz",
                    "the members declare more than {limit} bytes together",
                    limit=MAX_FILE_BYTES,
                ),
            )
        members.append((name, info))
    return members


def _parse_npy(data: bytes, name: str, path) -> np.ndarray:
    """One member's array, its header checked before its data is touched."""
    what = CONFIG_KEY if name == CONFIG_KEY else tr("npz", "array {name!r}", name=name)
    fp = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(fp)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(fp)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(fp)
        else:
            _fail(
                path,
                tr(
                    "npz",
                    "{what} is in .npy format version {version}, which is not read here",
                    what=what,
                    version=version,
                ),
            )
    except NpzError:
        raise
    except _FORMAT_ERRORS as exc:
        _fail(
            path,
            tr(
                "npz",
                "{what} has a damaged .npy header ({kind}: {detail})",
                what=what,
                kind=_kind(exc),
                detail=exc,
            ),
        )
    if name == CONFIG_KEY:
        if dtype.kind != "U" or shape != ():
            _fail(
                path,
                tr(
                    "npz",
                    "{key} must be a 0-d unicode array, got dtype {dtype} shape {shape}",
                    key=CONFIG_KEY,
                    dtype=dtype,
                    shape=shape,
                ),
            )
    else:
        problem = _dtype_problem(dtype, what)
        if problem:
            _fail(path, problem)
    if not all(type(n) is int and 0 <= n <= MAX_FILE_BYTES for n in shape):
        _fail(path, tr("npz", "{what} has an impossible shape {shape}", what=what, shape=shape))
    offset = fp.tell()
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes != len(data) - offset:
        _fail(
            path,
            tr(
                "npz",
                "{what} has shape {shape} of {dtype}, which needs {needed}, but the member "
                "holds {held}",
                what=what,
                shape=shape,
                dtype=dtype,
                needed=_bytes(nbytes),
                held=len(data) - offset,
            ),
        )
    try:
        flat = np.frombuffer(data, dtype=dtype, count=math.prod(shape), offset=offset)
        array = flat.reshape(shape, order="F" if fortran else "C")
    except ValueError as exc:  # a shape NumPy cannot hold
        _fail(
            path,
            tr(
                "npz",
                "{what} has shape {shape}, which NumPy rejects: {detail}",
                what=what,
                shape=shape,
                detail=exc,
            ),
        )
    # a native, C-ordered, writable copy that owns its memory
    array = np.array(array, dtype=dtype.newbyteorder("="), order="C")
    if dtype.kind == "f" and not np.isfinite(array).all():
        _fail(path, tr("npz", "{what} contains NaN or Inf", what=what))
    return array


def _parse_config(text: str, path) -> TrainConfig:
    try:
        return TrainConfig.from_json(text)
    except Exception as exc:  # any failure means the text is not a config we can use
        _fail(
            path,
            tr("npz", "{key} is not a valid TrainConfig: {detail}", key=CONFIG_KEY, detail=exc),
        )


def _bytes(n: int) -> str:
    return tr_n("npz", n, "{n} byte", "{n} bytes", n=n)


def _fail(path: str | os.PathLike, problem: str) -> NoReturn:
    raise NpzError(
        tr("npz", "cannot read npz file {path!r}: {problem}", path=os.fspath(path), problem=problem)
    )
