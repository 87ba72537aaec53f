"""Opening a user's file for reading (standard library only): regular files only.

Opening a named pipe (FIFO) for reading waits until something writes into it, which
may be never, and a device may wait, or never end; a socket cannot be opened at all.
Every file the app reads for the user (data, runs, weights, configs) is opened by
``open_regular``: it checks what the path is before opening it, opens without waiting
(``O_NONBLOCK``), and checks the opened file again (the path may have been swapped in
between). Anything else is refused with ``NotAFileError``, an ``OSError`` whose reason
(``strerror``, what ``translations.os_reason`` gives) says what the path is; a folder
gives ``IsADirectoryError``, as ``open`` would.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from .translations import tr

__all__ = ["NotAFileError", "check_regular", "open_regular"]


class NotAFileError(OSError):
    """The path is a named pipe, a device or a socket, not a regular file."""

    def __init__(self, path: str | os.PathLike, mode: int) -> None:
        super().__init__(errno.EINVAL, _reason(mode), os.fspath(path))

    def __str__(self) -> str:
        return tr("reading", "{path}: {reason}", path=self.filename, reason=self.strerror)


def _reason(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return tr("reading", "it is a named pipe (FIFO), not a file; only files can be read")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return tr("reading", "it is a device, not a file; only files can be read")
    if stat.S_ISSOCK(mode):
        return tr("reading", "it is a socket, not a file; only files can be read")
    return tr("reading", "it is not a regular file; only files can be read")


def _check(mode: int, path) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
    if not stat.S_ISREG(mode):
        raise NotAFileError(path, mode)


def check_regular(path: str | os.PathLike) -> os.stat_result:
    """``os.stat(path)`` (symbolic links followed) when it is a regular file; else
    ``IsADirectoryError`` or ``NotAFileError`` (and ``OSError`` as ``os.stat`` raises)."""
    info = os.stat(path)
    _check(info.st_mode, path)
    return info


def open_regular(path: str | os.PathLike) -> BinaryIO:
    """``open(path, "rb")`` for a regular file, without ever waiting on anything else
    (see the module's docstring)."""
    check_regular(path)  # before opening: opening a FIFO waits, a device may act
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        _check(os.fstat(fd).st_mode, path)  # the path may have been swapped since the stat
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
