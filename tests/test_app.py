"""Launch the real application the two ways a user does, and let it quit on its own."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication

from lstm_studio import app
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
    assert len(shown) == 1
    # the window is deleted before main returns (pyqtgraph views must not outlive Qt)
    assert not shiboken6.isValid(shown[0])
