"""Readers for the files a learner trains on: a CSV of numeric columns, or UTF-8 text.

Both read the whole file as bytes in one go, check it is UTF-8 text, and turn every
problem into a :class:`DataFileError` whose message names the file and, where there is
one, the line and column, in words a learner can act on. This module uses NumPy and the
standard library only.
"""

from __future__ import annotations

import csv
import os
import re
import stat
from dataclasses import dataclass

import numpy as np

from ..reading import open_regular
from ..translations import os_reason, tr, tr_n

__all__ = [
    "DataFileError",
    "NumericTable",
    "TooFewRowsError",
    "read_numeric_csv",
    "read_text",
    "sniff_kind",
]

_BOM = b"\xef\xbb\xbf"
_CSV_SUFFIXES = (".csv", ".tsv")
_TEXT_SUFFIXES = (".txt", ".md")
_CHUNK = 1 << 16  # numbers converted (or checked) at once: a few hundred microseconds
_DELIMITERS = (",", ";", "\t", None)  # None: runs of whitespace (str.split())
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_DATE_OR_TIME = re.compile(
    r"\d{1,4}([-/.])\d{1,2}\1\d{1,4}([ T]\d{1,2}:\d{2}(:\d{2})?)?|\d{1,2}:\d{2}(:\d{2})?"
)
_WORDS = re.compile(r'"[^"]*"|\S+')  # header cells split on whitespace; quotes keep spaces
# 1,000.5  12,345,678  1.000,5  1 000  1'000: digits grouped by threes (a spreadsheet's format)
_THOUSANDS = re.compile(
    r"(?P<sign>[+-]?)(?P<int>\d{1,3}(?P<sep>[,.' \u00a0\u202f])\d{3}(?:(?P=sep)\d{3})*)"
    r"(?:(?P<mark>[.,])(?P<frac>\d+))?"
)
_SNIFF_BYTES = 65_536
#: Most columns a CSV may have: each is an input and an output of the network.
MAX_COLUMNS = 1000
#: Longest line of a CSV, in characters (1000 columns of 20-digit numbers fit 5 times).
MAX_LINE_CHARS = 100_000


class DataFileError(ValueError):
    """A user data file that can't be used; the message names the file and the line or the problem.

    Parameters
    ----------
    message : str
        The whole message, ready to show to the learner.
    path : str, optional
        The file, as given by the caller.
    line, column : int, optional
        1-based position of the problem, when it has one.
    """

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ):
        super().__init__(message)
        self.path = path
        self.line = line
        self.column = column

    def __reduce__(self):
        return (type(self), (str(self), self.path, self.line, self.column))


class TooFewRowsError(DataFileError):
    """A CSV with fewer data rows than the caller asked for (the caller may say why)."""


@dataclass(frozen=True, eq=False)
class NumericTable:
    """The numbers of a CSV file.

    Attributes
    ----------
    values : numpy.ndarray
        ``(N, C)`` float64, rows in file order, all finite.
    columns : tuple of str
        The header names, or ``"column 1"``, ``"column 2"``, ... (in the user's language)
        when there is no header.
    path : str
        The file it came from.
    """

    values: np.ndarray
    columns: tuple[str, ...]
    path: str


# ------------------------------------------------------------------------------ reading bytes
def _name(path: str) -> str:
    return os.path.basename(os.path.normpath(path)) or path


def _size_text(n: int) -> str:
    if n < 1000:
        return tr_n("datafiles", n, "{n} byte", "{n} bytes", n=n)
    if n < 1_000_000:
        return f"{n / 1000:.3g} kB"
    return f"{n / 1_000_000:.4g} MB"


def _read_bytes(path: str, max_bytes: int) -> bytes:
    """Read a whole file, turning every OS problem and an oversized file into DataFileError."""
    name = _name(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise _folder(name, path)
        if info.st_size > max_bytes:
            raise _too_big(path, info.st_size, max_bytes)
        with open_regular(path) as f:
            # the file may have grown since stat; read(n) reserves n bytes at once
            data = f.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += f.read(max_bytes + 1 - len(data))
    except FileNotFoundError:
        raise _not_found(name, path) from None
    except PermissionError:
        raise DataFileError(
            tr(
                "datafiles",
                "{name} can't be read: permission denied (check who may read {path})",
                name=name,
                path=path,
            ),
            path,
        ) from None
    except IsADirectoryError:
        raise _folder(name, path) from None
    except OSError as exc:
        raise _unreadable(name, path, exc) from exc
    if len(data) > max_bytes:
        raise _too_big(path, len(data), max_bytes)
    return data


def _folder(name: str, path: str) -> DataFileError:
    return DataFileError(
        tr("datafiles", "{name} is a folder, not a file ({path})", name=name, path=path), path
    )


def _not_found(name: str, path: str) -> DataFileError:
    return DataFileError(
        tr("datafiles", "{name} was not found: there is no file at {path}", name=name, path=path),
        path,
    )


def _unreadable(name: str, path: str, exc: OSError) -> DataFileError:
    return DataFileError(
        tr(
            "datafiles",
            "{name} can't be read: {reason} ({path})",
            name=name,
            reason=os_reason(exc),
            path=path,
        ),
        path,
    )


def _too_big(path: str, size: int, max_bytes: int) -> DataFileError:
    return DataFileError(
        tr(
            "datafiles",
            "{name} is too big: {size}, and files up to {limit} can be used; "
            "use a shorter part of it",
            name=_name(path),
            size=_size_text(size),
            limit=_size_text(max_bytes),
        ),
        path,
    )


def _split_lines(text: str, piece: int = 1 << 20) -> list[str]:
    """``text.split("\n")``, a piece of about ``piece`` characters at a time: one split of
    a large file would hold the GIL for most of 100 ms, and the window reads it in a
    thread."""
    lines: list[str] = []
    start = 0
    while True:
        end = text.find("\n", start + piece)
        if end < 0:
            lines.extend(text[start:].split("\n"))
            return lines
        lines.extend(text[start:end].split("\n"))
        start = end + 1


def _decode(path: str, data: bytes) -> str:
    """UTF-8 bytes (an optional BOM is dropped) to str; anything else is not a text file."""
    start = len(_BOM) if data.startswith(_BOM) else 0
    nul = data.find(b"\x00", start)
    try:
        text = data[start:].decode("utf-8")
        bad = None
    except UnicodeDecodeError as exc:
        bad = start + exc.start
    if nul >= 0 and (bad is None or nul < bad):
        bad = nul
    if bad is None:
        return text
    line = data.count(b"\n", 0, bad) + 1
    if data[bad] == 0:
        what = tr("datafiles", "a NUL byte (0x00), which text files never contain")
    else:
        what = tr("datafiles", "the byte 0x{byte:02X}, which is not valid UTF-8", byte=data[bad])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        hint = tr("datafiles", "it looks like UTF-16 text; save it as UTF-8 instead")
    else:
        hint = tr("datafiles", "save it as UTF-8 text")
    raise DataFileError(
        tr(
            "datafiles",
            "{name} is not a text file (or not UTF-8): at byte offset {offset} "
            "(line {line}) there is {what}; {hint}",
            name=_name(path),
            offset=bad,
            line=line,
            what=what,
            hint=hint,
        ),
        path,
        line,
    )


# ---------------------------------------------------------------------------------- numbers
def _unquote(cell: str) -> str:
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        return cell[1:-1].strip()
    return cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _split(line: str, delimiter: str | None) -> list[str]:
    """The cells of a line; a quoted cell may hold the delimiter (``"1,000.5",2`` is two
    cells), as a spreadsheet writes it. Lines without a quote take the fast path."""
    if '"' not in line:
        return line.split(delimiter)
    if delimiter is None:
        return _WORDS.findall(line)
    try:
        return next(csv.reader([line], delimiter=delimiter, skipinitialspace=True))
    except csv.Error:  # a stray CR or NUL: no quoting rules then
        return line.split(delimiter)


def _plain_number(value: str) -> str | None:
    """``value`` without its thousands separators (``"1,000.5"`` -> ``"1000.5"``), when it
    is a number written with them; else None."""
    m = _THOUSANDS.fullmatch(value.strip())
    if m is None or m["mark"] == m["sep"]:
        return None
    plain = m["sign"] + m["int"].replace(m["sep"], "")
    return plain + "." + m["frac"] if m["frac"] else plain


def _numeric_delimiter(line: str) -> str | None | bool:
    """The first delimiter that splits ``line`` into numbers (or empty cells), else False."""
    for delimiter in _DELIMITERS:
        cells = [_unquote(c) for c in _split(line, delimiter)]
        if any(cells) and all(not c or _is_number(c) for c in cells):
            return delimiter
    return False


def _guess_delimiter(line: str) -> str | None:
    """For a line that isn't numbers at all: the delimiter it most likely uses."""
    for delimiter in ("\t", ";", ","):
        if delimiter in line:
            return delimiter
    return None


def _split_header(line: str, delimiter: str | None) -> list[str]:
    if delimiter is None:
        return [_unquote(c) for c in _WORDS.findall(line)]
    return [_unquote(c) for c in _split(line, delimiter)]


def _show(cell: str) -> str:
    cell = cell.strip()
    return repr(cell if len(cell) <= 40 else cell[:37] + "...")


def _delimiter_names(delimiter: str | None) -> str:
    """The delimiter, in the plural ("one of the commas too many")."""
    if delimiter == ",":
        return tr("datafiles", "commas")
    if delimiter == ";":
        return tr("datafiles", "semicolons")
    if delimiter == "\t":
        return tr("datafiles", "tabs")
    return tr("datafiles", "spaces")


def _cell_error(path: str, lineno: int, col: int, cell: str, delimiter, ncols: int):
    """The DataFileError for one cell that is empty or not a number."""
    name = _name(path)
    value = _unquote(cell)
    if not value:
        msg = tr(
            "datafiles",
            "{name}: line {line}, column {column} is empty (a missing value); a training set "
            "can't have gaps, so fill it in or remove the row",
            name=name,
            line=lineno,
            column=col,
        )
        if col == ncols and delimiter is not None:
            msg = tr(
                "datafiles",
                "{message} (or the line ends with one of the {delimiters} too many)",
                message=msg,
                delimiters=_delimiter_names(delimiter),
            )
        return DataFileError(msg, path, lineno, col)
    msg = tr(
        "datafiles",
        "{name}: line {line}, column {column}: {cell} is not a number",
        name=name,
        line=lineno,
        column=col,
        cell=_show(cell),
    )
    plain = _plain_number(value)
    if plain is not None and _DECIMAL_COMMA.fullmatch(value) and "." not in value:
        # 1,000 may be a thousand or one with a decimal comma: say both
        msg = tr(
            "datafiles",
            "{message} (numbers can't have thousands separators: write {plain}; "
            "if the comma is a decimal point, write {decimal})",
            message=msg,
            plain=plain,
            decimal=value.replace(",", "."),
        )
    elif plain is not None:
        msg = tr(
            "datafiles",
            "{message} (numbers can't have thousands separators: write {plain})",
            message=msg,
            plain=plain,
        )
    elif _DECIMAL_COMMA.fullmatch(value):
        msg = tr(
            "datafiles",
            "{message} (write decimals with a point, like 1.5, not a comma)",
            message=msg,
        )
    elif _DATE_OR_TIME.fullmatch(value):
        msg = tr(
            "datafiles",
            "{message} (a date or a time is not a number the network can use: delete that "
            "column and keep the rows in time order)",
            message=msg,
        )
    return DataFileError(msg, path, lineno, col)


def _parse_slow(path, lineno, cells, delimiter, ncols) -> list[float]:
    """Parse one row cell by cell, allowing quoted numbers; raise on the first bad cell."""
    out = []
    for col, cell in enumerate(cells, 1):
        value = _unquote(cell)
        try:
            if not value:
                raise ValueError
            out.append(float(value))
        except ValueError:
            raise _cell_error(path, lineno, col, cell, delimiter, ncols) from None
    return out


def _non_finite_error(path, flat, ncols, linenos, lines, delimiter):
    """The DataFileError for the first NaN or infinity in ``flat``, or None if there is none."""
    values = np.asarray(flat, dtype=np.float64)
    for start in range(0, values.size, _CHUNK):  # in slices: a thread reading a large file
        bad = np.flatnonzero(~np.isfinite(values[start : start + _CHUNK]))  # lets others run
        if bad.size:
            break
    else:
        return None
    row, col = divmod(start + int(bad[0]), ncols)
    lineno = linenos[row]
    cell = _split(lines[lineno - 1].strip(), delimiter)[col]
    return DataFileError(
        tr(
            "datafiles",
            "{name}: line {line}, column {column}: {cell} is not a finite number; "
            "a training set can't hold NaN or infinity, so fill in or remove that value",
            name=_name(path),
            line=lineno,
            column=col + 1,
            cell=_show(cell),
        ),
        path,
        lineno,
        col + 1,
    )


# ------------------------------------------------------------------------------- the readers
def read_numeric_csv(path, *, min_rows: int = 2, max_bytes: int = 50_000_000) -> NumericTable:
    """Read a file of numeric columns into a float64 array.

    The delimiter (comma, semicolon, tab or runs of whitespace) is detected from the first
    data line. The first non-empty line is a header if any of its cells is not a number;
    every other line must then be numbers. Blank lines, lines starting with ``#`` and lines
    of empty cells only are skipped; a UTF-8 BOM and CRLF (or old Mac CR) line ends are
    accepted, and cells may be quoted (``"a"``, ``"1.5"``).

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    min_rows : int, optional
        Fewest data rows the caller can use (e.g. window + 1).
    max_bytes : int, optional
        Largest file size accepted.

    Returns
    -------
    NumericTable
        ``values`` of shape ``(N, C)``, the column names and the path.

    Raises
    ------
    DataFileError
        When the file is missing, unreadable, too big, not UTF-8 text, empty, has too few
        data rows, or has a row of the wrong length, a cell that is not a number, an empty
        cell, NaN or infinity. The message names the file and the 1-based line and column.
    """
    path = os.fspath(path)
    name = _name(path)
    data = _read_bytes(path, max_bytes)
    _check_first_line(path, data)  # one endless line: refused before it is decoded
    text = _decode(path, data)
    del data
    lines = _split_lines(text.replace("\r\n", "\n").replace("\r", "\n"))
    if max(map(len, lines)) > MAX_LINE_CHARS:  # before a line is split into its cells
        at = next(i for i, line in enumerate(lines) if len(line) > MAX_LINE_CHARS)
        raise _long_line(path, at + 1, len(lines[at]))

    content = (  # lines with something in them: not blank, a comment or delimiters only
        i for i, raw in enumerate(lines) if (s := raw.strip()) and s[0] != "#" and s.strip(",;\t ")
    )
    first = next(content, None)
    if first is None:
        raise DataFileError(
            tr(
                "datafiles",
                "{name} is empty: it has no numbers, only blank lines or # comments",
                name=name,
            )
            if text.strip()
            else tr("datafiles", "{name} is empty", name=name),
            path,
        )

    header_line = None
    delimiter = _numeric_delimiter(lines[first].strip())
    if delimiter is False:  # the first line is a header
        header_line = first
        first = next(content, None)
        if first is None:
            has = tr("datafiles", "{name} has 0 data rows (only a header line)", name=name)
            raise TooFewRowsError(_too_few(has, min_rows), path)
        delimiter = _numeric_delimiter(lines[first].strip())
        if delimiter is False:
            delimiter = _guess_delimiter(lines[first].strip())
    ncols = len(_split(lines[first].strip(), delimiter))
    first_lineno = first + 1
    if ncols > MAX_COLUMNS:
        raise DataFileError(
            tr(
                "datafiles",
                "{name}: line {line} has {n:,} columns, more than the {limit:,} a CSV can have "
                "here (each column is an input and an output of the network): keep the "
                "columns to learn from",
                name=name,
                line=first_lineno,
                n=ncols,
                limit=MAX_COLUMNS,
            ),
            path,
            first_lineno,
        )

    if header_line is not None:
        names = _split_header(lines[header_line].strip(), delimiter)
        if all(_DECIMAL_COMMA.fullmatch(n) for n in names):  # 1,5;2,5 is not a header
            raise _cell_error(path, header_line + 1, 1, names[0], delimiter, len(names))
        grouped = [_plain_number(n) is not None for n in names]
        if any(grouped) and all(g or _is_number(n) for g, n in zip(grouped, names, strict=True)):
            # "1,000.5",2 is a row of numbers, not a header
            col = grouped.index(True)
            raise _cell_error(path, header_line + 1, col + 1, names[col], delimiter, len(names))
        if len(names) != ncols:
            raise DataFileError(
                tr_n(
                    "datafiles",
                    len(names),
                    "{name}: line {line} (the header) has {count} name, "
                    "expected {expected} like line {first}",
                    "{name}: line {line} (the header) has {count} names, "
                    "expected {expected} like line {first}",
                    name=name,
                    line=header_line + 1,
                    count=len(names),
                    expected=ncols,
                    first=first_lineno,
                ),
                path,
                header_line + 1,
            )
        columns = tuple(n or _column(j) for j, n in enumerate(names, 1))
    else:
        columns = tuple(_column(j) for j in range(1, ncols + 1))

    # the numbers go into one array a slice at a time: a list of them all, made an
    # array at once (and freed), would hold the GIL for most of a second on a large
    # file, and the window reads it in a thread. Every number takes at least 2 of the
    # text's characters (itself and what follows it): the array is never too small,
    # and the pages it does not fill are never touched.
    buffer = np.empty(len(text) // 2 + ncols + 1, dtype=np.float64)
    filled = 0
    flat: list[float] = []  # the numbers not in the buffer yet
    linenos: list[int] = []

    def flush() -> None:
        nonlocal filled
        buffer[filled : filled + len(flat)] = flat
        filled += len(flat)
        flat.clear()

    try:
        for i in range(first, len(lines)):
            line = lines[i].strip()
            if not line or line[0] == "#":
                continue
            cells = _split(line, delimiter)
            if len(cells) != ncols:
                if not any(c.strip() for c in cells):
                    continue  # a row of delimiters only, like ",,"
                raise DataFileError(
                    tr_n(
                        "datafiles",
                        len(cells),
                        "{name}: line {line} has {count} value, "
                        "expected {expected} like line {first}",
                        "{name}: line {line} has {count} values, "
                        "expected {expected} like line {first}",
                        name=name,
                        line=i + 1,
                        count=len(cells),
                        expected=ncols,
                        first=first_lineno,
                    ),
                    path,
                    i + 1,
                )
            start = len(flat)
            try:
                flat.extend(map(float, cells))  # the fast path: plain numbers
            except ValueError:
                del flat[start:]
                if not any(c.strip() for c in cells):
                    continue
                flat.extend(_parse_slow(path, i + 1, cells, delimiter, ncols))
            linenos.append(i + 1)
            if len(flat) >= _CHUNK:
                flush()
    except DataFileError as exc:  # report a NaN above the bad line first
        flush()
        earlier = _non_finite_error(path, buffer[:filled], ncols, linenos, lines, delimiter)
        raise (earlier or exc) from None
    flush()
    earlier = _non_finite_error(path, buffer[:filled], ncols, linenos, lines, delimiter)
    if earlier is not None:
        raise earlier
    if len(linenos) < min_rows:
        n = len(linenos)
        has = tr_n(
            "datafiles", n, "{name} has {n} data row", "{name} has {n} data rows", name=name, n=n
        )
        raise TooFewRowsError(_too_few(has, min_rows), path)
    values = buffer[:filled].reshape(len(linenos), ncols)
    return NumericTable(values=values, columns=columns, path=path)


def _long_line(path: str, line: int, n: int) -> DataFileError:
    return DataFileError(
        tr(
            "datafiles",
            "{name}: line {line} is {n:,} characters long, more than the {limit:,} a line "
            "of a CSV can have here (a CSV has one row of numbers per line)",
            name=_name(path),
            line=line,
            n=n,
            limit=MAX_LINE_CHARS,
        ),
        path,
        line,
    )


def _check_first_line(path: str, data: bytes) -> None:
    """A first line too long for a CSV (a UTF-8 character is at most 4 bytes), found
    with two byte searches: a file of one 40 MB line is refused in milliseconds."""
    start = len(_BOM) if data.startswith(_BOM) else 0
    most = start + 4 * MAX_LINE_CHARS
    if len(data) <= most or b"\n" in data[start:most] or b"\r" in data[start:most]:
        return
    ends = [at for at in (data.find(b"\n", most), data.find(b"\r", most)) if at >= 0]
    end = min(ends, default=len(data))
    n = end - start if data.isascii() else len(data[start:end].decode("utf-8", "replace"))
    raise _long_line(path, 1, n)


def _column(j: int) -> str:
    """The name of a column without a header name."""
    return tr("datafiles", "column {n}", n=j)


def _too_few(has: str, min_rows: int) -> str:
    """``has`` (how many data rows the file has), then how many are needed."""
    needed = tr_n(
        "datafiles",
        min_rows,
        "at least {min_rows} is needed",
        "at least {min_rows} are needed",
        min_rows=min_rows,
    )
    return tr("datafiles", "{has}; {needed}", has=has, needed=needed)


def read_text(path, *, min_chars: int = 2, max_bytes: int = 20_000_000) -> str:
    """Read a UTF-8 text file for a character-level task.

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    min_chars : int, optional
        Fewest characters the caller can use.
    max_bytes : int, optional
        Largest file size accepted.

    Returns
    -------
    str
        The text, without a BOM, with CRLF (and lone CR) line ends turned into LF.

    Raises
    ------
    DataFileError
        When the file is missing, unreadable, too big, not UTF-8 text, empty or
        whitespace only, or shorter than ``min_chars`` characters.
    """
    path = os.fspath(path)
    name = _name(path)
    text = _decode(path, _read_bytes(path, max_bytes))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DataFileError(
            tr("datafiles", "{name} is empty (it holds only whitespace)", name=name)
            if text
            else tr("datafiles", "{name} is empty", name=name),
            path,
        )
    if len(text) < min_chars:  # min_chars >= 2 here: an empty text was caught above
        raise DataFileError(
            tr_n(
                "datafiles",
                len(text),
                "{name} is too short: it has {n} character, and at least {min_chars} are needed",
                "{name} is too short: it has {n} characters, and at least {min_chars} are needed",
                name=name,
                n=len(text),
                min_chars=min_chars,
            ),
            path,
        )
    return text


def sniff_kind(path) -> str:
    """Guess whether a file is numeric columns (``"csv"``) or text (``"text"``).

    ``.csv`` and ``.tsv`` files are ``"csv"``, ``.txt`` and ``.md`` files ``"text"``
    (any case). Other files are ``"csv"`` when their first line that is neither blank nor
    a ``#`` comment is numbers split by commas, semicolons, tabs or whitespace, or when it
    is a header (as many cells as the next such line, none of them a number) over a line
    of two or more numbers; else ``"text"``. Only the first 64 kB are read.

    Parameters
    ----------
    path : str or os.PathLike
        The file.

    Returns
    -------
    str
        ``"csv"`` or ``"text"``.

    Raises
    ------
    DataFileError
        When a file of another extension is missing or can't be read.
    """
    path = os.fspath(path)
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _CSV_SUFFIXES:
        return "csv"
    if suffix in _TEXT_SUFFIXES:
        return "text"
    name = _name(path)
    try:
        if os.path.isdir(path):
            raise _folder(name, path)
        with open_regular(path) as f:
            data = f.read(_SNIFF_BYTES)
    except DataFileError:
        raise
    except FileNotFoundError:
        raise _not_found(name, path) from None
    except OSError as exc:
        raise _unreadable(name, path, exc) from exc
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = [s for raw in text.split("\n") if (s := raw.strip()) and s[0] != "#"][:2]
    if not lines:
        return "text"
    if _numeric_delimiter(lines[0]) is not False:
        return "csv"
    if len(lines) == 2:
        delimiter = _numeric_delimiter(lines[1])
        if delimiter is not False:
            ncols = len(_split(lines[1], delimiter))
            names = _split_header(lines[0], delimiter)
            if ncols >= 2 and len(names) == ncols and not any(map(_is_number, names)):
                return "csv"
    return "text"
