"""Read and write safetensors files with the ``safetensors`` package, in the user's words.

A safetensors file (https://github.com/huggingface/safetensors) is an 8-byte little-endian
length N, an N-byte UTF-8 JSON header and the data section:

    {"__metadata__": {"key": "value", ...},
     "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, ...}

The package's NumPy API does the byte-level work both ways (layout, padding, offsets,
byte order). Around it this module keeps what LSTM Studio promises:

- ``save_safetensors`` checks its inputs and names the offending key in the user's
  language, writes the metadata itself (sorted, so that the same inputs give the same
  bytes) and writes atomically (a temporary file renamed onto the target).
- ``load_safetensors`` checks the length field, the header and the layout before the
  package reads anything, so that a broken or foreign file gets a ``SafetensorsError``
  naming the file and the cause in the user's language; the package's own errors are
  English and name few causes, and never reach a user. Nothing here uses pickle.
"""

from __future__ import annotations

import json
import math
import os
import stat
from collections.abc import Mapping
from typing import Any, NoReturn

import numpy as np
import safetensors
import safetensors.numpy

from ..reading import open_regular
from ..translations import json_problem, tr, tr_n
from .atomic import atomic_write

__all__ = [
    "MAX_HEADER_BYTES",
    "MAX_TENSORS",
    "SafetensorsError",
    "load_safetensors",
    "save_safetensors",
]

#: Longest header ``load_safetensors`` accepts (the package's own limit is 100 MB): a
#: model's weights and a run take a few kB; parsing a longer one would cost seconds.
MAX_HEADER_BYTES = 1 << 20
#: Most tensors a file may hold (a run has about 10 per layer, plus its history).
MAX_TENSORS = 4096

# safetensors dtype code -> little-endian NumPy dtype.
_DTYPES: dict[str, np.dtype] = {
    code: np.dtype(spec)
    for code, spec in [
        ("F64", "<f8"),
        ("F32", "<f4"),
        ("F16", "<f2"),
        ("I64", "<i8"),
        ("I32", "<i4"),
        ("I16", "<i2"),
        ("I8", "i1"),
        ("U64", "<u8"),
        ("U32", "<u4"),
        ("U16", "<u2"),
        ("U8", "u1"),
        ("BOOL", "?"),
    ]
}
# (NumPy kind, item size) -> safetensors dtype code, for the writer.
_CODES: dict[tuple[str, int], str] = {(dt.kind, dt.itemsize): code for code, dt in _DTYPES.items()}
# Codes the format defines that have no NumPy counterpart here (the package reads C64; the
# app never writes it, so it is refused as before).
_UNSUPPORTED = frozenset(
    {"BF16", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4", "C64"}
)
_SUPPORTED_NAMES = ", ".join(dt.name for dt in _DTYPES.values())
_METADATA_KEY = "__metadata__"
_MAX_DIMS = 64  # NumPy's limit (NPY_MAXDIMS)
_MAX_INT = 2**63 - 1
# What the package may raise for input our checks let through (none is known): its own
# error, NumPy's while it shapes an array, a dtype it has no name for.
_PACKAGE_ERRORS = (safetensors.SafetensorError, ValueError, TypeError, KeyError, OverflowError)


class SafetensorsError(ValueError):
    """A file is not a valid safetensors file; the message names the file and the problem."""


# --------------------------------------------------------------------------------------
# Writing


def save_safetensors(
    path: str | os.PathLike,
    tensors: Mapping[str, np.ndarray],
    metadata: Mapping[str, str] | None = None,
) -> None:
    """Write arrays (and optional string metadata) to a safetensors file, atomically.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write. An existing file is replaced only once the new one is complete.
    tensors : Mapping[str, numpy.ndarray]
        Arrays by name. Names are non-empty strings other than ``"__metadata__"``; arrays
        are of a float (64, 32, 16 bit), signed or unsigned integer (64, 32, 16, 8 bit) or
        bool dtype, of any shape including 0-d and zero-size. They are stored little-endian
        in C order whatever their own layout.
    metadata : Mapping[str, str], optional
        Free-form text stored in the header as ``__metadata__``; omitted when empty.

    Raises
    ------
    ValueError
        An input is invalid; the message names the offending key. Nothing is written.
    OSError
        The file cannot be written (for instance the folder is missing or read-only, or the
        disk is full). No temporary file is left behind, and a file already at ``path``
        is left as it was.

    Notes
    -----
    The package lays the tensors out (larger dtypes first, then by name, so each starts at
    a multiple of its item size) and pads the header so that the data section starts at a
    multiple of 8 bytes. The data goes to a temporary file in the same folder, which is
    flushed, fsynced and then renamed onto ``path`` with ``os.replace``.
    """
    arrays = _checked_tensors(tensors)
    texts = _checked_metadata(metadata)
    try:
        raw = safetensors.numpy.save(arrays)
    except _PACKAGE_ERRORS as exc:
        raise ValueError(
            tr(
                "safetensors",
                "the safetensors library refuses these tensors, for a reason LSTM Studio does not "
                "check",
            )
        ) from exc
    start = 8 + int.from_bytes(raw[:8], "little")  # of the data section
    head = raw[:start]
    if texts:
        # The metadata goes into the package's header here, sorted: the package writes it
        # from a Rust HashMap, in an order that changes from one call to the next, and
        # without tensors into a header that is not JSON (safetensors issue #466; 0.8.0
        # still does so for an empty mapping).
        header = {_METADATA_KEY: dict(sorted(texts.items())), **json.loads(head[8:])}
        encoded = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
        encoded += b" " * (-len(encoded) % 8)  # 8 + len(header) is then a multiple of 8
        head = len(encoded).to_bytes(8, "little") + encoded
    with atomic_write(path) as f:
        f.write(head)
        f.write(memoryview(raw)[start:])


def _checked_tensors(tensors: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The arrays as the package must get them: little-endian and C-contiguous."""
    if not isinstance(tensors, Mapping):
        raise ValueError(
            tr(
                "safetensors",
                "tensors must be a mapping of names to arrays, not {kind}",
                kind=_kind(tensors),
            )
        )
    arrays = {}
    for name, value in tensors.items():
        if not isinstance(name, str) or not name:
            raise ValueError(
                tr("safetensors", "tensor name {name!r} is not a non-empty string", name=name)
            )
        if name == _METADATA_KEY:
            raise ValueError(
                tr("safetensors", "tensor name {name!r} is reserved for the metadata", name=name)
            )
        _check_utf8(name, tr("safetensors", "tensor name {name!r}", name=name))
        if not isinstance(value, np.ndarray):
            raise ValueError(
                tr(
                    "safetensors",
                    "tensor {name!r} is {kind}, not a NumPy array (use numpy.asarray)",
                    name=name,
                    kind=_kind(value),
                )
            )
        code = _CODES.get((value.dtype.kind, value.dtype.itemsize))
        if code is None:
            raise ValueError(
                tr(
                    "safetensors",
                    "tensor {name!r} has dtype {dtype}, which safetensors files here cannot "
                    "hold; supported: {supported}",
                    name=name,
                    dtype=value.dtype,
                    supported=_SUPPORTED_NAMES,
                )
            )
        # Always C-contiguous: safetensors 0.8.0 writes any other array's memory as if it
        # were in C order (safetensors issue #825). np.asarray(order="C") is
        # np.ascontiguousarray that keeps a 0-d array 0-d.
        arrays[name] = np.asarray(value, dtype=_DTYPES[code], order="C")
    return arrays


def _checked_metadata(metadata: Mapping[str, str] | None) -> dict[str, str]:
    if metadata is None:
        return {}
    if not isinstance(metadata, Mapping):
        raise ValueError(
            tr(
                "safetensors",
                "metadata must be a mapping of str to str, not {kind}",
                kind=_kind(metadata),
            )
        )
    for key, value in metadata.items():
        if not isinstance(key, str):
            raise ValueError(tr("safetensors", "metadata key {key!r} is not a string", key=key))
        if not isinstance(value, str):
            raise ValueError(
                tr(
                    "safetensors",
                    "metadata {key!r} has a value of {kind}, not a string",
                    key=key,
                    kind=_kind(value),
                )
            )
        _check_utf8(key, tr("safetensors", "metadata key {key!r}", key=key))
        _check_utf8(value, tr("safetensors", "metadata {key!r}", key=key))
    return dict(metadata)


def _check_utf8(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            tr(
                "safetensors",
                "{what} cannot be encoded as UTF-8 ({reason})",
                what=what,
                reason=exc.reason,
            )
        ) from None


def _kind(value: object) -> str:
    return tr("safetensors", "a {type}", type=type(value).__name__)


# --------------------------------------------------------------------------------------
# Reading


def load_safetensors(path: str | os.PathLike) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """Read every tensor and the metadata of a safetensors file.

    Parameters
    ----------
    path : str or os.PathLike
        The file to read.

    Returns
    -------
    tensors : dict[str, numpy.ndarray]
        Arrays by name, in the order of the header: native byte order, C-contiguous,
        writable and owning their memory (no memory map stays open).
    metadata : dict[str, str]
        The header's ``__metadata__``, or an empty dict when it has none.

    Raises
    ------
    SafetensorsError
        The file is not a valid safetensors file (too short, a header that is too long,
        not UTF-8 JSON or malformed, an unknown or unsupported dtype, offsets that are out
        of range, overlap, leave gaps, disagree with the shape, or leave trailing bytes, a
        BOOL tensor holding bytes other than 0 and 1). The message names the file and the
        problem.
    OSError
        The file cannot be opened or read.
    """
    try:
        with open_regular(path) as f:
            return _read(f)
    except _Bad as bad:
        raise SafetensorsError(
            tr(
                "safetensors",
                "cannot read safetensors file {path!r}: {problem}",
                path=os.fspath(path),
                problem=bad,
            )
        ) from bad.__cause__


class _Bad(Exception):
    """What is wrong with the file being read, in the user's words."""


def _read(f) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    info = os.fstat(f.fileno())
    if not stat.S_ISREG(info.st_mode):
        raise _Bad(tr("safetensors", "not a regular file"))
    size = info.st_size
    if size < 8:
        raise _Bad(
            tr_n(
                "safetensors",
                size,
                "the file is {size} byte long, too short for a safetensors file",
                "the file is {size} bytes long, too short for a safetensors file",
                size=size,
            )
        )
    n = int.from_bytes(_read_exactly(f, 8), "little")
    if n > MAX_HEADER_BYTES:
        raise _Bad(
            tr(
                "safetensors",
                "the header length field says {n} bytes, more than the {limit} byte limit "
                "for a weights or run file (is this a safetensors file?)",
                n=n,
                limit=MAX_HEADER_BYTES,
            )
        )
    if n > size - 8:
        raise _Bad(
            tr_n(
                "safetensors",
                size - 8,
                "the header length field says {n} bytes, longer than the {rest} byte that "
                "follows it (the file is truncated, or not a safetensors file)",
                "the header length field says {n} bytes, longer than the {rest} bytes that "
                "follow it (the file is truncated, or not a safetensors file)",
                n=n,
                rest=size - 8,
            )
        )
    head = _read_exactly(f, n)
    # every tensor's entry has a "data_offsets" key: an upper bound on the tensors, counted
    # before the JSON is parsed (a key spelled with escapes is counted after)
    _check_count(head.count(b'"data_offsets"'))
    header = _parse_header(head)
    _check_count(len(header) - (_METADATA_KEY in header))
    metadata = _parse_metadata(header.pop(_METADATA_KEY, None))
    specs = [_parse_entry(name, entry) for name, entry in header.items()]
    _check_layout(specs, size - 8 - n)
    # The header is sound: only now the data section, whatever its size, for the package.
    f.seek(0)
    raw = f.read(size)
    if len(raw) != size or memoryview(raw)[8 : 8 + n] != head:
        raise _Bad(_ended_early())
    try:
        loaded = safetensors.numpy.load(raw)
    except _PACKAGE_ERRORS as exc:
        raise _Bad(
            tr(
                "safetensors",
                "the safetensors library refuses it, for a reason LSTM Studio does not check",
            )
        ) from exc
    del raw
    tensors = {}
    for name, dtype, *_ in specs:  # in the order of the header; the package's is by offset
        # The package reads with native dtypes: the view makes the bytes little-endian on
        # any machine, np.array a native, writable copy that owns its memory.
        tensors[name] = np.array(loaded.pop(name).view(dtype), dtype=dtype.newbyteorder("="))
        # The format allows only 0 and 1; NumPy (and the package) would take any byte.
        if dtype.kind == "b" and tensors[name].view(np.uint8).max(initial=0) > 1:
            raise _Bad(
                tr(
                    "safetensors",
                    "BOOL tensor {name!r} holds bytes other than 0 and 1",
                    name=_short(name),
                )
            )
    return tensors, metadata


def _check_count(count: int) -> None:
    if count > MAX_TENSORS:
        raise _Bad(
            tr(
                "safetensors",
                "the header lists {count:,} tensors, more than the {limit:,} a weights or run "
                "file can have here",
                count=count,
                limit=MAX_TENSORS,
            )
        )


def _short(name: str) -> str:
    """A name as a message shows it: at most 60 characters."""
    return name if len(name) <= 60 else name[:57] + "..."


def _read_exactly(f, n: int) -> bytes:
    data = f.read(n)
    if len(data) != n:
        raise _Bad(_ended_early())
    return data


def _ended_early() -> str:
    return tr("safetensors", "the file ended early (was it changed while being read?)")


# The header is checked here before the package parses it again: its messages are English
# and name few causes, and it accepts what the format forbids (a header that does not
# start with "{"; a key given twice, where the last one wins; BOOL bytes other than 0, 1).


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Bad(
                    tr("safetensors", "the header has the key {key!r} twice", key=_short(key))
                )
            seen.add(key)
    return result


def _reject_constant(name: str) -> NoReturn:
    raise ValueError(tr("safetensors", "{name} is not valid JSON", name=name))


def _parse_header(raw: bytes) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Bad(
            tr(
                "safetensors",
                "the header is not UTF-8 text (bad byte at offset {offset})",
                offset=8 + exc.start,
            )
        ) from None
    if not text.startswith("{"):
        raise _Bad(tr("safetensors", "the header does not start with '{{' as the format requires"))
    try:
        header = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise _Bad(
            tr("safetensors", "the header is not valid JSON: {problem}", problem=json_problem(exc))
        ) from None
    except (ValueError, RecursionError) as exc:  # huge integers, NaN, deep nesting
        raise _Bad(
            tr(
                "safetensors",
                "the header is not valid JSON: {kind}: {detail}",
                kind=type(exc).__name__,
                detail=exc,
            )
        ) from None
    if not isinstance(header, dict):
        raise _Bad(
            tr("safetensors", "the header is a JSON {kind}, not an object", kind=_json_kind(header))
        )
    return header


def _json_kind(value: Any) -> str:
    """What a parsed JSON value is, in Python's word for it ("list", "int", ...)."""
    kinds = {
        dict: tr("safetensors", "dict"),
        list: tr("safetensors", "list"),
        str: tr("safetensors", "str"),
        int: tr("safetensors", "int"),
        float: tr("safetensors", "float"),
        bool: tr("safetensors", "bool"),
        type(None): tr("safetensors", "NoneType"),
    }
    return kinds.get(type(value), type(value).__name__)


def _parse_metadata(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Bad(
            tr(
                "safetensors",
                "{key} is a JSON {kind}, not an object",
                key=_METADATA_KEY,
                kind=_json_kind(value),
            )
        )
    for key, text in value.items():
        if not isinstance(text, str):
            raise _Bad(
                tr(
                    "safetensors",
                    "{metadata} {key!r} is a JSON {kind}, not a string",
                    metadata=_METADATA_KEY,
                    key=_short(key),
                    kind=_json_kind(text),
                )
            )
    return value


def _is_count(value: Any) -> bool:
    return type(value) is int and 0 <= value <= _MAX_INT


def _parse_entry(name: str, entry: Any) -> tuple[str, np.dtype, int, int]:
    """Check one tensor's header entry; return (name, dtype, begin, end)."""
    what = tr("safetensors", "tensor {name!r}", name=_short(name))
    if not isinstance(entry, dict):
        raise _Bad(
            tr(
                "safetensors",
                "{what} is described by a JSON {kind}, not an object",
                what=what,
                kind=_json_kind(entry),
            )
        )
    for field in ("dtype", "shape", "data_offsets"):
        if field not in entry:
            raise _Bad(tr("safetensors", "{what} has no {field!r} field", what=what, field=field))
    code, shape, offsets = entry["dtype"], entry["shape"], entry["data_offsets"]
    if not isinstance(code, str):
        raise _Bad(
            tr(
                "safetensors",
                "{what} has a dtype that is not a string: {code!r}",
                what=what,
                code=code,
            )
        )
    if code in _UNSUPPORTED:
        raise _Bad(
            tr(
                "safetensors",
                "{what} has dtype {code}, which is not supported here",
                what=what,
                code=code,
            )
        )
    if code not in _DTYPES:
        raise _Bad(tr("safetensors", "{what} has an unknown dtype {code!r}", what=what, code=code))
    if not isinstance(shape, list) or not all(_is_count(n) for n in shape):
        raise _Bad(
            tr(
                "safetensors",
                "{what} has a shape that is not a list of non-negative integers: {shape!r}",
                what=what,
                shape=shape,
            )
        )
    if len(shape) > _MAX_DIMS:
        raise _Bad(
            tr(
                "safetensors",
                "{what} has {count} dimensions, more than NumPy's {limit}",
                what=what,
                count=len(shape),
                limit=_MAX_DIMS,
            )
        )
    if not isinstance(offsets, list) or len(offsets) != 2 or not all(_is_count(n) for n in offsets):
        raise _Bad(
            tr(
                "safetensors",
                "{what} has data_offsets that are not two non-negative integers: {offsets!r}",
                what=what,
                offsets=offsets,
            )
        )
    dtype = _DTYPES[code]
    begin, end = offsets
    if end < begin:
        raise _Bad(
            tr(
                "safetensors",
                "{what} has data_offsets {offsets} that end before they begin",
                what=what,
                offsets=offsets,
            )
        )
    nbytes = math.prod(shape) * dtype.itemsize
    if end - begin != nbytes:
        raise _Bad(
            tr(
                "safetensors",
                "{what} has data_offsets {offsets} spanning {span}, but shape {shape} of "
                "{code} needs {needed}",
                what=what,
                offsets=offsets,
                span=_bytes(end - begin),
                shape=shape,
                code=code,
                needed=_bytes(nbytes),
            )
        )
    if nbytes == 0:  # a zero among giant dimensions; any other shape fits in the file
        try:
            np.empty(shape, dtype)
        except ValueError as exc:
            raise _Bad(
                tr(
                    "safetensors",
                    "tensor {name!r} has shape {shape}, which NumPy rejects: {detail}",
                    name=_short(name),
                    shape=shape,
                    detail=exc,
                )
            ) from None
    return name, dtype, begin, end


def _check_layout(specs: list[tuple[str, np.dtype, int, int]], data_size: int) -> None:
    """The tensors must tile the data section exactly: no overlap, gap or trailing bytes."""
    cursor, previous = 0, None
    for name, _, begin, end in sorted(specs, key=lambda s: (s[2], s[3])):
        if end > data_size:
            raise _Bad(
                tr(
                    "safetensors",
                    "tensor {name!r} has data_offsets [{begin}, {end}], out of range of the "
                    "{size}-byte data section (the file is truncated?)",
                    name=_short(name),
                    begin=begin,
                    end=end,
                    size=data_size,
                )
            )
        if begin < cursor:
            raise _Bad(
                tr(
                    "safetensors",
                    "tensors {first!r} and {second!r} have overlapping data_offsets",
                    first=_short(previous),
                    second=_short(name),
                )
            )
        if begin > cursor:
            raise _Bad(
                tr(
                    "safetensors",
                    "the data section has a gap of {gap} that no tensor covers, before tensor "
                    "{name!r}",
                    gap=_bytes(begin - cursor),
                    name=_short(name),
                )
            )
        cursor, previous = end, name
    if cursor != data_size:
        raise _Bad(
            tr_n(
                "safetensors",
                data_size - cursor,
                "the data section has {n} trailing byte that no tensor covers",
                "the data section has {n} trailing bytes that no tensor covers",
                n=data_size - cursor,
            )
        )


def _bytes(n: int) -> str:
    return tr_n("safetensors", n, "{n} byte", "{n} bytes", n=n)
