"""When something goes wrong in the window: a log file, and a dialog instead of silence.

``enable_fault_log`` points ``faulthandler`` at ``crash.log`` in the user's data folder, so a
crash of the interpreter or of Qt (a segfault, an abort, a deadlock dumped on a signal)
leaves every thread's Python traceback there; on Linux and macOS, ``kill -USR1 PID`` writes
them there too without stopping the app (for a window that froze). ``ErrorReporter`` replaces
``sys.excepthook`` and ``threading.excepthook``: an exception nobody caught (in a slot, a
timer, a paint event, a thread) is written to the log and to stderr, and a dialog says
what happened and where the log is. The window keeps running: Qt goes on with its event
loop after the hook returns.
"""

from __future__ import annotations

import contextlib
import datetime
import faulthandler
import os
import signal
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from lstm_studio import __version__

LOG_NAME = "crash.log"
MAX_LOG_BYTES = 1_000_000  # past this the log starts again (its old half is kept as .old)

_log_file = None  # the open log: faulthandler writes to its file descriptor at any time
_DUMP_SIGNAL = getattr(signal, "SIGUSR1", None)  # None on Windows


def enable_fault_log(folder: Path) -> Path | None:
    """Send faulthandler's tracebacks to ``folder/crash.log`` (appended to, with a line
    that says which run of the app follows); the path, or None when the folder can't take
    it (faulthandler then writes to stderr)."""
    global _log_file
    path = Path(folder) / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_suffix(".log.old"))
        log = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open as long as the app
        started = datetime.datetime.now().isoformat(timespec="seconds")
        dump = f"; kill -USR1 {os.getpid()} writes its tracebacks here" if _DUMP_SIGNAL else ""
        log.write(f"--- LSTM Studio {__version__}, pid {os.getpid()}, started {started}{dump}\n")
        log.flush()
    except OSError:
        with contextlib.suppress(RuntimeError, ValueError, OSError):
            faulthandler.enable(file=sys.__stderr__, all_threads=True)
        return None
    old, _log_file = _log_file, log
    faulthandler.enable(file=log, all_threads=True)
    if _DUMP_SIGNAL is not None:
        with contextlib.suppress(RuntimeError, ValueError, OSError):
            faulthandler.register(_DUMP_SIGNAL, file=log, all_threads=True, chain=False)
    if old is not None:
        old.close()
    return path


def disable_fault_log() -> None:
    """faulthandler back to stderr (an embedding program, a test), the log closed."""
    global _log_file
    if _log_file is None:
        return
    faulthandler.disable()
    if _DUMP_SIGNAL is not None:
        faulthandler.unregister(_DUMP_SIGNAL)
    with contextlib.suppress(RuntimeError, ValueError, OSError):
        faulthandler.enable(file=sys.__stderr__, all_threads=True)
    _log_file.close()
    _log_file = None


class ErrorReporter(QObject):
    """An uncaught exception: logged, printed, and shown in a dialog; the app goes on.

    One dialog at a time: the same error raised again while it is open (a paint event
    fails on every frame) is counted in it instead of opening another.
    """

    caught = Signal(str, str)  # the error in one line, its whole traceback

    def __init__(self, app: QApplication, log_path: Path | None) -> None:
        super().__init__(app)
        self.log_path = log_path
        self.box: QMessageBox | None = None
        self.last = ""  # the one-line error the dialog shows
        self.repeats = 0
        self.caught.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._old_hooks: tuple | None = None

    def install(self) -> ErrorReporter:
        self._old_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        if self._old_hooks is not None:
            if sys.excepthook == self.excepthook:
                sys.excepthook = self._old_hooks[0]
            if threading.excepthook == self._thread_hook:
                threading.excepthook = self._old_hooks[1]
            self._old_hooks = None

    def excepthook(self, kind, value, tb) -> None:
        if issubclass(kind, (KeyboardInterrupt, SystemExit)):
            (self._old_hooks or (sys.__excepthook__,))[0](kind, value, tb)
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        self._write(text)
        # queued: the dialog opens from the event loop, never inside the paint event or
        # the thread that failed
        self.caught.emit(self._one_line(kind, value), text)

    def _thread_hook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    @staticmethod
    def _one_line(kind, value) -> str:
        message = str(value).strip().splitlines()
        line = f"{kind.__name__}: {message[0]}" if message else kind.__name__
        return line if len(line) <= 300 else line[:299] + "…"

    def _write(self, text: str) -> None:
        print(text, file=sys.__stderr__ or sys.stderr, end="")
        if _log_file is not None:
            with contextlib.suppress(OSError, ValueError):
                when = datetime.datetime.now().isoformat(timespec="seconds")
                _log_file.write(f"--- uncaught exception at {when}\n{text}")
                _log_file.flush()

    def message(self) -> str:
        """What the dialog says, in the user's language."""
        text = self.tr(
            "Something went wrong in LSTM Studio:\n{0}\n\nThe window keeps running, but what it "
            "was doing may not have finished. If something looks wrong, save your run "
            "(File > Save run as…) and start LSTM Studio again."
        ).format(self.last)
        if self.log_path is not None:
            where = self.tr("The details are written to {0}").format(self.log_path)
        else:
            where = self.tr("The details are printed in the terminal.")
        text = f"{text}\n\n{where}"
        if self.repeats > 1:
            text += "\n\n" + self.tr("This happened {0} times.").format(self.repeats)
        return text

    @Slot(str, str)
    def _show(self, line: str, text: str) -> None:
        if self.box is not None and self.box.isVisible():
            if line == self.last:
                self.repeats += 1
                self.box.setText(self.message())
                return
        self.last, self.repeats = line, 1
        parent = QApplication.activeWindow()
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("LSTM Studio: an error"),
            self.message(),
            parent=parent,
        )
        box.setDetailedText(text)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._forget_box)
        box.open()  # not exec: the window stays usable behind it
        self.box = box

    @Slot()
    def _forget_box(self) -> None:
        self.box = None
