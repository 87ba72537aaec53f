"""Writing a file so that it is either whole or not there: nothing a user made is lost.

The data goes to a temporary file in the destination's folder, which is flushed,
fsynced and then renamed onto the destination with ``os.replace`` (atomic on POSIX
and Windows). On any error the temporary file is removed and a file already at the
destination is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..translations import os_reason, tr


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """``with atomic_write(path) as f: f.write(...)``: ``path`` appears, complete, when
    the block ends without an error.

    Raises OSError naming the file and the folder when the folder is missing,
    read-only or full, or when ``path`` is a folder.
    """
    path = Path(os.fspath(path))
    if path.is_dir():
        raise IsADirectoryError(
            tr("atomic", "cannot save {path!r}: it is a folder", path=str(path))
        )
    folder = path.parent
    fd, tmp = _create_temp(folder, path.name)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    with atomic_write(path) as f:
        f.write(data)


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    """UTF-8 text, written atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))


def _create_temp(folder: Path, name: str) -> tuple[int, str]:
    """Create an empty temporary file in ``folder``; return its descriptor and path.

    ``os.open`` with mode 0o666 gives the file the permissions a plain ``open`` would
    (the umask applies), unlike ``tempfile.mkstemp``'s 0o600.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = os.path.join(folder, f".{name[:120]}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
        except OSError as exc:
            # the callers name the file being saved; this names the folder and the cause
            if folder.exists() and not folder.is_dir():
                message = tr("atomic", "{folder} is a file, not a folder", folder=folder)
            else:
                message = tr(
                    "atomic",
                    "cannot create {name} in the folder {folder} ({reason})",
                    name=name,
                    folder=folder,
                    reason=os_reason(exc),
                )
            raise OSError(exc.errno, message) from exc
    raise FileExistsError(
        tr(
            "atomic",
            "cannot save {name!r}: no free temporary file name in {folder}",
            name=name,
            folder=folder,
        )
    )


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable where the platform allows it (POSIX); best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
