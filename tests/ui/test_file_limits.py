"""The window's files and hostile inputs: a refusal is a short message box, and running
out of memory while reading a file is a sentence, not a traceback (issue 14)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from window_helpers import shown

from lstm_studio.training import TrainConfig
from lstm_studio.ui import files
from lstm_studio.ui.main_window import MainWindow

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", QUICK.to_json())
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    shown(qtbot, window)
    return window


def test_importing_a_million_names_gives_a_short_message(window, tmp_path):
    entry = '{"dtype":"F32","shape":[0],"data_offsets":[0,0]}'
    head = ("{" + ",".join(f'"t{k:06d}":{entry}' for k in range(10_000)) + "}").encode()
    head += b" " * (-len(head) % 8)
    path = tmp_path / "names.safetensors"
    path.write_bytes(len(head).to_bytes(8, "little") + head)
    assert not window.files.import_weights(str(path))
    message = window.files.last_error
    assert "10,000" in message and len(message) < 500, message
    assert window.failure_box.text() == message


def test_a_long_message_is_cut_to_what_a_box_shows(window):
    window.files._fail("x" * 1_000_000)
    assert len(window.files.last_error) == files.MAX_MESSAGE_CHARS
    assert window.files.last_error.endswith("…")


@pytest.mark.parametrize("action", ["open_run", "import_weights"])
def test_running_out_of_memory_while_reading_is_a_sentence(window, tmp_path, monkeypatch, action):
    def exhausted(path):
        raise MemoryError

    monkeypatch.setattr(files, "load_run", exhausted)
    monkeypatch.setattr(files, "load_weights", exhausted)
    path = tmp_path / "big.lstmrun"
    path.write_bytes(b"0" * 64)
    assert not getattr(window.files, action)(str(path))
    message = window.files.last_error
    assert "not enough memory" in message and "big.lstmrun" in message, message
