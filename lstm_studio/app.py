"""Application entry point (``lstm-studio`` launcher and ``python main.py``)."""

import os
import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from lstm_studio import __version__
from lstm_studio.ui.main_window import MainWindow

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
    """Show the main window and run the Qt event loop; return the exit code."""
    quit_after = _quit_after_ms()  # before any window, so a typo fails fast
    args = list(sys.argv if argv is None else argv)

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
    return app.exec()
