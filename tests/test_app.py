"""Launch the real application the two ways a user does, and let it quit on its own."""

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from english_words import english_words
from PySide6.QtWidgets import QApplication

from lstm_studio import app
from lstm_studio.ui import collector
from lstm_studio.ui.main_window import MainWindow

REPO_ROOT = Path(__file__).resolve().parents[1]

# Lines the offscreen platform prints for every top-level window; harmless.
ALLOWED_STDERR = ("propagateSizeHints",)


def _launch(command: list[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{app.QUIT_AFTER_ENV: "300"})
    return subprocess.run(
        command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def _unexpected_stderr(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and not any(allowed in line for allowed in ALLOWED_STDERR)
    ]


def test_main_is_the_entry_point():
    assert callable(app.main)


def test_python_main_py_starts_and_quits():
    result = _launch([sys.executable, "main.py"])

    assert result.returncode == 0, result.stderr
    assert _unexpected_stderr(result.stderr) == []


def test_installed_launcher_starts_and_quits():
    # The suite runs after `pip install -e ".[test]"`, which puts the launcher next to python.
    launcher = Path(sys.executable).parent / "lstm-studio"
    assert launcher.is_file(), f"{launcher} missing: run `pip install -e .[test]` first"

    result = _launch([str(launcher)])

    assert result.returncode == 0, result.stderr
    assert _unexpected_stderr(result.stderr) == []


@pytest.mark.parametrize("value", ["soon", "-5"])
def test_bad_quit_after_value_is_a_clear_error(monkeypatch, value):
    monkeypatch.setenv(app.QUIT_AFTER_ENV, value)

    with pytest.raises(ValueError, match=app.QUIT_AFTER_ENV):
        app.main([])


def test_main_reuses_the_running_qapplication(qapp, monkeypatch):
    # Never run the real qapp.exec() inside the test session: after it returns, every later
    # QEventLoop (so qtbot.wait, waitUntil, waitSignal) was seen returning -1 at once, and
    # unrelated tests timed out. The subprocess tests above run the real event loop.
    shown = []

    def fake_exec(self):
        shown.extend(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        return 7

    monkeypatch.setattr(QApplication, "exec", fake_exec)

    assert app.main([]) == 7
    assert QApplication.instance() is qapp
    # cycles are collected in the GUI thread only (ui.collector); the window tests make
    # their own, so this one is put back as it was
    guard = qapp.findChild(collector.GuiCollector)
    assert guard is not None and not gc.isenabled()
    guard.stop()
    guard.setParent(None)
    assert len(shown) == 1
    # the window is deleted before main returns (pyqtgraph views must not outlive Qt)
    assert not shiboken6.isValid(shown[0])


def _without_display(language: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", app.QUIT_AFTER_ENV)
    }
    return {**env, "LSTM_STUDIO_LANG": language}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a display variable: X11/Wayland")
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_without_a_display_the_window_says_what_to_do(language):
    launcher = Path(sys.executable).parent / "lstm-studio"
    for command in ([sys.executable, "main.py"], [str(launcher)]):
        result = subprocess.run(
            command,
            cwd=REPO_ROOT,
            env=_without_display(language),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2, result.stderr
        assert result.stdout == ""
        assert "xvfb-run -a lstm-studio" in result.stderr and "lstm-studio --help" in result.stderr
        assert "xcb" not in result.stderr.replace("xvfb", "") and "Aborted" not in result.stderr
        if language == "zh_CN":
            assert "显示" in result.stderr
            kept = ("WAYLAND_DISPLAY", "DISPLAY", "xvfb-run -a lstm-studio", "lstm-studio --help")
            assert not english_words(_without(result.stderr, kept)), result.stderr
        else:
            assert "no display" in result.stderr


@pytest.mark.parametrize(
    "platform, env, args, missing",
    [
        ("linux", {}, ["lstm-studio"], True),
        ("freebsd13", {}, ["lstm-studio"], True),
        ("linux", {"DISPLAY": ":0"}, ["lstm-studio"], False),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0"}, ["lstm-studio"], False),
        ("linux", {"QT_QPA_PLATFORM": "offscreen"}, ["lstm-studio"], False),
        ("linux", {}, ["lstm-studio", "-platform", "offscreen"], False),
        ("darwin", {}, ["lstm-studio"], False),
        ("win32", {}, ["lstm-studio"], False),
    ],
)
def test_only_linux_and_bsd_need_a_display_variable(platform, env, args, missing):
    assert app.display_missing(args, env, platform) is missing


def test_the_command_line_needs_no_display():
    result = subprocess.run(
        [sys.executable, "main.py", "--help"],
        cwd=REPO_ROOT,
        env=_without_display("en"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "lstm-studio train" in result.stdout


def _without(text: str, names) -> str:
    for name in names:
        text = text.replace(name, "")
    return text


# ------------------------------------------------- files named on the command line (issue 19)
@pytest.mark.parametrize(
    "arg, is_file",
    [
        ("train", False),
        ("tasks", False),
        ("--help", False),
        ("trian", False),  # a typo of a command: the command line names it
        ("saved.lstmrun", True),  # missing: the window says so
        ("prices.csv", True),
    ],
)
def test_which_first_argument_is_a_file(arg, is_file):
    assert app.is_file_argument(arg) is is_file


def test_an_existing_file_without_a_suffix_is_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").write_text("1\n2\n3\n")
    assert app.is_file_argument("data")


def test_qt_options_are_not_files():
    args = ["lstm-studio", "-platform", "offscreen", "-style=fusion", "run.lstmrun"]
    assert app.window_files(args) == ["run.lstmrun"]


def test_a_file_named_on_the_command_line_opens_in_the_window(qapp, qtbot, monkeypatch, tmp_path):
    from lstm_studio.io import save_trainer
    from lstm_studio.training import TrainConfig, Trainer

    trainer = Trainer(TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=5))
    for _ in trainer.run(probes=False):
        pass
    path = tmp_path / "named.lstmrun"
    save_trainer(path, trainer)
    opened = []

    def fake_exec(self):
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        qtbot.waitUntil(lambda: window.session.last is not None and window.session.last.step == 5)
        opened.append(window.session.config.steps)
        window.files.forget_recent()  # the settings are the session's: leave them as found
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.chdir(tmp_path)

    assert app.main(["lstm-studio", "named.lstmrun"]) == 0
    guard = qapp.findChild(collector.GuiCollector)
    guard.stop()
    guard.setParent(None)
    assert opened == [5]
    assert not qapp.windowIcon().pixmap(64, 64).isNull()  # the window's icon
    assert qapp.desktopFileName() == "lstm-studio"


def test_python_m_lstm_studio_is_the_command():
    result = subprocess.run(
        [sys.executable, "-m", "lstm_studio", "--help"],
        cwd=REPO_ROOT,
        env=_without_display("en"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "lstm-studio train" in result.stdout


def test_a_missing_file_named_opens_the_window_not_a_usage_error(tmp_path):
    # before, the name was read as an unknown command: exit 2, "invalid choice"
    result = _launch([sys.executable, "-m", "lstm_studio", str(tmp_path / "gone.lstmrun")])

    assert result.returncode == 0, result.stderr
    assert _unexpected_stderr(result.stderr) == []
