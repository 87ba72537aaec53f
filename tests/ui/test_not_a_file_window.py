"""The window and a named pipe (FIFO) where a file is read: the saved last config naming
one, File > Open run and File > Import weights (issue 14: the launch hung before the
window appeared)."""

import os
import threading

import pytest
from PySide6.QtCore import QSettings
from window_helpers import shown

from lstm_studio.training import TrainConfig
from lstm_studio.ui.main_window import MainWindow

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


class _Watchdog:
    """A hang detector (60 s, not a timing): a reader still blocked on ``fifo`` then is
    let go (the pipe is opened for writing and closed) and ``fired`` is set."""

    def __init__(self, fifo):
        self.fifo, self.fired, self.done = fifo, False, threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self):
        while not self.done.wait(60):
            try:
                os.close(os.open(self.fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                continue  # nobody reads it: nothing hangs on it
            self.fired = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()


def test_a_saved_config_naming_a_fifo_opens_the_window_with_the_preset(qtbot, tmp_path):
    pipe = tmp_path / "waves.csv"
    os.mkfifo(pipe)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    config = TrainConfig.from_preset("own-data", task_params={"path": str(pipe)})
    settings.setValue("config", config.to_json())
    with _Watchdog(pipe) as watchdog:
        window = MainWindow(settings=settings, data_dir=tmp_path / "data")
        qtbot.addWidget(window)
    assert not watchdog.fired, "the launch hung on the named pipe"
    assert window.session.config.task == "binary-addition"  # the preset
    window.close()


def test_open_run_and_import_weights_refuse_a_fifo(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    shown(qtbot, window)
    for name, action in (
        ("r.lstmrun", window.files.open_run),
        ("w.safetensors", window.files.import_weights),
    ):
        pipe = tmp_path / name
        os.mkfifo(pipe)
        with _Watchdog(pipe) as watchdog:
            assert action(str(pipe)) is False
        assert not watchdog.fired, f"{name}: hung on the named pipe"
        assert name in window.files.last_error and "named pipe" in window.files.last_error
    window.close()
