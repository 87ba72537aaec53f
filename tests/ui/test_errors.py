"""When something goes wrong: faulthandler's log in the data folder, and a dialog for an
exception no one caught, after which the app goes on (issue 19)."""

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from lstm_studio.ui import errors, i18n

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def reporter(qapp, tmp_path):
    log = errors.enable_fault_log(tmp_path / "data")
    reporter = errors.ErrorReporter(qapp, log).install()
    yield reporter
    reporter.uninstall()
    if reporter.box is not None:
        reporter.box.close()
    reporter.deleteLater()
    errors.disable_fault_log()


def _boom():
    raise RuntimeError("the panel could not draw step 12")


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_exception_shows_a_dialog_and_the_app_goes_on(qtbot, reporter, tmp_path):
    after = []
    QTimer.singleShot(0, _boom)  # Qt calls sys.excepthook, then goes on with its loop
    QTimer.singleShot(50, lambda: after.append(True))

    qtbot.waitUntil(lambda: reporter.box is not None and reporter.box.isVisible())
    qtbot.waitUntil(lambda: after == [True])

    text = reporter.box.text()
    log = tmp_path / "data" / errors.LOG_NAME
    assert "RuntimeError: the panel could not draw step 12" in text
    assert str(log) in text and "keeps running" in text
    assert "in _boom" in reporter.box.detailedText()
    written = log.read_text("utf-8")
    assert written.startswith("--- LSTM Studio") and "in _boom" in written


@pytest.mark.qt_no_exception_capture
def test_the_same_error_again_is_counted_in_one_dialog(qtbot, reporter):
    for _ in range(3):
        QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: reporter.repeats == 3)

    box = reporter.box
    assert "3 times" in box.text()
    QTimer.singleShot(0, _boom)
    qtbot.waitUntil(lambda: reporter.repeats == 4)
    assert reporter.box is box


def test_an_exception_in_a_thread_is_shown_in_the_gui_thread(qtbot, reporter):
    worker = threading.Thread(target=_boom)
    worker.start()
    worker.join()

    qtbot.waitUntil(lambda: reporter.box is not None and reporter.box.isVisible())
    assert "could not draw step 12" in reporter.box.text()


def test_the_dialog_speaks_chinese(qtbot, reporter):
    assert i18n.install("zh_CN")
    try:
        reporter.last, reporter.repeats = "RuntimeError: x", 2
        text = reporter.message()
    finally:
        i18n.install("en")
    assert "出错" in text and "2 次" in text and "keeps running" not in text


def test_a_crash_leaves_its_traceback_in_the_log(tmp_path):
    code = (
        "import faulthandler, sys; from pathlib import Path;"
        "from lstm_studio.ui.errors import enable_fault_log;"
        "print(enable_fault_log(Path(sys.argv[1])), flush=True);"
        "faulthandler._sigsegv()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stdout.strip() == str(tmp_path / errors.LOG_NAME)
    log = (tmp_path / errors.LOG_NAME).read_text("utf-8")
    assert "Segmentation fault" in log and "<string>" in log
    assert "Segmentation fault" not in result.stderr  # the log has it, not the terminal


def test_a_data_folder_that_is_a_file_leaves_faulthandler_on_stderr(tmp_path):
    (tmp_path / "data").write_text("not a folder")
    assert errors.enable_fault_log(tmp_path / "data") is None


@pytest.mark.skipif(not hasattr(signal, "SIGUSR1"), reason="no SIGUSR1 on Windows")
def test_sigusr1_writes_every_thread_to_the_log_and_the_app_goes_on(tmp_path):
    code = (
        "import os, signal, sys; from pathlib import Path;"
        "from lstm_studio.ui.errors import enable_fault_log;"
        "enable_fault_log(Path(sys.argv[1]));"
        "os.kill(os.getpid(), signal.SIGUSR1); print('still here')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.strip() == "still here", result.stderr
    log = (tmp_path / errors.LOG_NAME).read_text("utf-8")
    assert "kill -USR1" in log and "<string>" in log
