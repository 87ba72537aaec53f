"""Help: a keyboard shortcuts list built from the actions themselves, and "Start here"
leading to the guided experiments (issue 19)."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from window_helpers import shown

from lstm_studio.training import TrainConfig
from lstm_studio.ui.main_window import MainWindow
from lstm_studio.ui.shortcuts import shortcuts

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=50)


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", QUICK.to_json())
    w = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(w)
    w.show()
    shown(qtbot, w)
    return w


def _help_texts(window) -> list[str]:
    return [a.text() for a in window.help_menu.actions() if not a.isSeparator()]


def test_the_shortcuts_list_is_read_from_the_actions(window, qtbot):
    assert "&Keyboard shortcuts" in _help_texts(window)
    window.shortcuts_action.trigger()
    dialog = window.shortcuts_dialog
    qtbot.waitExposed(dialog)
    table = dialog.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    native = QKeySequence.SequenceFormat.NativeText
    for action in (
        window.train_action,
        window.step_action,
        window.reset_action,
        window.quit_action,
        window.files.open_action,
        window.files.save_action,
    ):
        text = action.text().replace("&", "").removesuffix("…")
        assert rows[text] == action.shortcut().toString(native), text
    assert rows["Start here: guided experiments"] == "F1"
    # a new action with keys appears without anyone editing a list
    extra = QAction("Do the thing", window)
    extra.setShortcut(QKeySequence("Ctrl+Shift+T"))
    assert ("Do the thing", QKeySequence("Ctrl+Shift+T").toString(native)) in shortcuts(window)
    dialog.hide()
    dialog.show()
    assert any(table.item(r, 0).text() == "Do the thing" for r in range(table.rowCount()))


def test_start_here_leads_to_the_guided_experiments(window, qtbot):
    texts = _help_texts(window)
    assert texts[0] == "&Start here: guided experiments"  # first in Help
    dock = window.compare_docks["experiments_panel"]
    assert not dock.isVisible()  # hidden under Compare until now
    window.start_here_action.trigger()
    qtbot.waitUntil(dock.isVisible)
    assert not dock.visibleRegion().isEmpty()  # in front of its tabs
    assert window.experiments.list.currentRow() == 0


def test_an_actions_text_loses_its_mnemonic_in_both_languages():
    from lstm_studio.ui.shortcuts import action_text

    assert action_text(QAction("&Open run…")) == "Open run"
    assert action_text(QAction("退出(&Q)")) == "退出"
    assert action_text(QAction("Save && quit")) == "Save & quit"
