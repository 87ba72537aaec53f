"""Application entry points: ``lstm-studio`` (a console script: the command line, or the
window), ``lstm-studio-gui`` (a gui script: the window only, no console on Windows),
``python -m lstm_studio`` and ``python main.py``."""

import os
import sys
from collections.abc import Mapping, Sequence

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


#: where Qt needs a display server (X11 or Wayland) named by a variable to open a window
_DISPLAY_SYSTEMS = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly")
EXIT_NO_DISPLAY = 2


def display_missing(
    args: Sequence[str], env: Mapping[str, str] | None = None, platform: str | None = None
) -> bool:
    """Would Qt find no display to open the window on? Only on Linux and the BSDs, when
    neither DISPLAY nor WAYLAND_DISPLAY is set and no platform is chosen (by
    QT_QPA_PLATFORM or ``-platform``): Qt would abort there with a note about xcb."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith(_DISPLAY_SYSTEMS) or "-platform" in args[1:]:
        return False
    return not any(env.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def no_display_message() -> str:
    """What to do when there is no display, in the user's language."""
    from lstm_studio.translations import tr

    return tr(
        "app",
        "LSTM Studio: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the "
        "window cannot open.\n"
        "Start it in a desktop session, or without a screen through a virtual one: "
        "xvfb-run -a lstm-studio\n"
        "The command line needs no display: lstm-studio --help",
    )


#: the command line's commands (``lstm_studio.cli``); any other first word may be a file
COMMANDS = ("tasks", "train", "export")


def is_file_argument(arg: str) -> bool:
    """Is ``arg`` (the first argument) a file to open in the window rather than a command
    of the command line? A file that exists, or a name with a suffix (``run.lstmrun``: the
    window then says it is missing); a word like ``trian`` stays a command (a typo the
    command line names)."""
    if arg in COMMANDS or arg.startswith("-"):
        return False
    return os.path.isfile(arg) or "." in os.path.basename(arg).strip(".")


def window_files(args: Sequence[str]) -> list[str]:
    """The files named on the command line of the window: the arguments that are not
    Qt's options (``-platform offscreen``, ``-style=fusion``)."""
    files, rest = [], list(args[1:])
    while rest:
        arg = rest.pop(0)
        if arg in ("-platform", "-style", "-stylesheet", "-display", "-qwindowgeometry"):
            if rest:
                rest.pop(0)  # the option's value
        elif not arg.startswith("-"):
            files.append(arg)
    return files


def main(argv: Sequence[str] | None = None) -> int:
    """``lstm-studio``: the window (opening ``FILE`` when one is named), or a command of
    the command line (``train``, ``tasks``, ``export``, ``--help``), which runs without
    Qt; return the exit code."""
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-platform") and not is_file_argument(args[1]):
        from lstm_studio.cli import main as cli_main

        return cli_main(args[1:])
    return run_window(args)


def gui_main(argv: Sequence[str] | None = None) -> int:
    """``lstm-studio-gui``: the window only (a gui script, so no console on Windows),
    opening the file named, if any (a desktop entry's ``%f``)."""
    return run_window(list(sys.argv if argv is None else argv))


def run_window(args: list[str]) -> int:
    """Show the main window and run the Qt event loop; return the exit code."""
    from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from lstm_studio.ui import collector, errors, i18n
    from lstm_studio.ui.files import QuitOnSignals, data_folder
    from lstm_studio.ui.main_window import MainWindow, switch_language

    quit_after = _quit_after_ms()  # before any window, so a typo fails fast

    app = QApplication.instance()
    if app is None and display_missing(args):
        print(no_display_message(), file=sys.stderr)
        return EXIT_NO_DISPLAY
    if app is None:
        app = QApplication(args)
    elif not isinstance(app, QApplication):
        raise RuntimeError("a non-GUI QCoreApplication already exists; widgets need QApplication")
    app.setApplicationName("LSTM Studio")
    app.setApplicationVersion(__version__)
    set_icon(app)
    # reference cycles are collected in the GUI thread only: Qt objects destroyed in the
    # relay thread leave their timers behind, and a later timer event crashes the window
    collector.install(app)
    # a crash of Qt or Python leaves its traceback in the data folder; an exception no
    # one caught shows a dialog that says where, and the window goes on
    log = errors.enable_fault_log(data_folder())
    reporter = errors.ErrorReporter(app, log).install()

    settings = QSettings("LSTM Studio", "LSTM Studio")
    language = i18n.chosen_language(settings)
    i18n.install(language)
    windows = [MainWindow(settings=settings)]

    def rebuild(code: str) -> None:
        windows[0] = switch_language(windows[0], code)
        windows[0].language_requested.connect(rebuild)
        warn_if_no_cjk_font(windows[0], code)

    windows[0].language_requested.connect(rebuild)
    windows[0].show()
    warn_if_no_cjk_font(windows[0], language)
    named = window_files(args)
    if named:  # once the window is up: a message about the file needs it
        path = os.path.abspath(named[0])

        def open_named() -> None:
            # after the offer of an autosave left by a crash (a dialog) is answered:
            # the named file comes last, so it is what the window shows
            if QApplication.activeModalWidget() is not None:
                QTimer.singleShot(200, windows[0], open_named)
                return
            windows[0].files.open_path(path)

        QTimer.singleShot(0, windows[0], open_named)
    if quit_after is not None:
        QTimer.singleShot(quit_after, app.quit)
    signals = QuitOnSignals(app, windows)  # SIGTERM closes the window, saving its run
    code = app.exec()
    signals.uninstall()
    # delete the window while Qt is whole: pyqtgraph views left to interpreter teardown
    # can crash it (pyqtgraph issues #355, #1246)
    windows[0].deleteLater()
    windows.clear()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    reporter.uninstall()
    reporter.deleteLater()
    errors.disable_fault_log()
    return code


def set_icon(app) -> None:
    """The windows' icon, and the desktop entry a Wayland compositor matches them with
    (``python -m lstm_studio.desktop`` installs it)."""
    from PySide6.QtGui import QIcon

    from lstm_studio.desktop import APP_ID, ICON
    from lstm_studio.paths import resource

    try:
        app.setWindowIcon(QIcon(str(resource("icons", ICON))))
    except FileNotFoundError as e:  # a broken installation: the window opens without it
        print(f"LSTM Studio: {e}", file=sys.stderr)
    app.setDesktopFileName(APP_ID)


def warn_if_no_cjk_font(window, language: str) -> None:
    """Chinese without a Chinese font is boxes: say how to install one."""
    from lstm_studio.ui import i18n

    if language.startswith("zh") and not i18n.has_cjk_font():
        window.statusBar().showMessage(i18n.CJK_FONT_HELP, 60_000)
        print(f"LSTM Studio: {i18n.CJK_FONT_HELP}", file=sys.stderr)
