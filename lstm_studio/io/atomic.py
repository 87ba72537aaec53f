"""Writing a file so that it is either whole or not there: nothing a user made is lost.

The data goes to a temporary file in the destination's folder, which is flushed,
fsynced and then renamed onto the destination with ``os.replace`` (atomic on POSIX
and Windows). On any error the temporary file is removed and a file already at the
destination is left as it was.

A process killed while it writes cannot remove its temporary file, which may be as big as
a run. So the name says whose it is, ``.<name>.<pid>.<random>.tmp``, and the next write of
the same name (or ``remove_stale_temps``) removes those of processes that have gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sys
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
    remove_stale_temps(folder, path.name)
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
        tmp = os.path.join(folder, f".{name[:120]}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
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


_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[0-9a-f]{12}\.tmp$")


def remove_stale_temps(folder: str | os.PathLike, name: str | None = None) -> list[Path]:
    """Remove the temporary files that writes in ``folder`` (of ``name`` only, if given)
    left behind when their process was killed; return them. One whose process is still
    running is in use and stays; so does anything that is not ours. Best effort: a
    folder that cannot be read or a file that cannot be removed is left as it is."""
    folder = Path(os.fspath(folder))
    prefix = f".{name[:120]}." if name is not None else "."
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(prefix) or not entry.name.endswith(".tmp"):
            continue
        match = _TEMP.match(entry.name)
        if match is None or (name is not None and match["name"] != name[:120]):
            continue
        if process_alive(int(match["pid"])):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def process_alive(pid: int) -> bool:
    """Is process ``pid`` running (on this computer)? Yes when it can't be told."""
    if pid <= 0:
        return True
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would end it there
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: someone else's, running
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    try:
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    except (AttributeError, OSError):
        return True


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
