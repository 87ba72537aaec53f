"""Application entry point (``lstm-studio`` launcher and ``python main.py``)."""

import os
import sys
from collections.abc import Sequence

from lstm_studio import __version__

# Lets a smoke test (or a CI job) launch the real app and have it exit on its own.
QUIT_AFTER_ENV = "LSTM_STUDIO_QUIT_AFTER_MS"


def _quit_after_ms() -> int | None:
    raw = os.environ.get(QUIT_AFTER_ENV, "").strip()
    if not raw:
        return None
    try:
        ms = int(raw)
    except ValueError:
        raise ValueError(
            f"{QUIT_AFTER_ENV} must be a whole number of milliseconds, got {raw!r}"
        ) from None
    if ms < 0:
        raise ValueError(f"{QUIT_AFTER_ENV} must not be negative, got {ms}")
    return ms


def main(argv: Sequence[str] | None = None) -> int:
    """``lstm-studio``: the window, or a command of the command line (``train``,
    ``tasks``, ``--help``), which runs without Qt; return the exit code."""
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-platform"):
        from lstm_studio.cli import main as cli_main

        return cli_main(args[1:])
    return run_window(args)


def run_window(args: list[str]) -> int:
    """Show the main window and run the Qt event loop; return the exit code."""
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer
    from PySide6.QtWidgets import QApplication

    from lstm_studio.ui.main_window import MainWindow

    quit_after = _quit_after_ms()  # before any window, so a typo fails fast

    app = QApplication.instance()
    if app is None:
        app = QApplication(args)
    elif not isinstance(app, QApplication):
        raise RuntimeError("a non-GUI QCoreApplication already exists; widgets need QApplication")
    app.setApplicationName("LSTM Studio")
    app.setApplicationVersion(__version__)

    window = MainWindow()
    window.show()
    if quit_after is not None:
        QTimer.singleShot(quit_after, app.quit)
    code = app.exec()
    # delete the window while Qt is whole: pyqtgraph views left to interpreter teardown
    # can crash it (pyqtgraph issues #355, #1246)
    window.deleteLater()
    del window
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return code
