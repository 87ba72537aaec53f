"""Issue 19, item 5: stale and surprising texts (the window helper's part)."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow

from lstm_studio.ui.dock_title import DockTitleBar, ExplanationPopup


def _dock_with_help(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    popup = ExplanationPopup(window)
    dock = QDockWidget("Setup", window)
    dock.setWidget(QLabel("form"))
    bar = DockTitleBar(dock, "<p>Choose a <b>task</b>, then press Train.</p>", popup)
    dock.setTitleBarWidget(bar)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.show()
    qtbot.waitExposed(window)
    return window, bar, popup


def _press(widget, pos: QPoint, kind=QMouseEvent.Type.MouseButtonPress) -> None:
    event = QMouseEvent(
        kind,
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos)),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton
        if kind == QMouseEvent.Type.MouseButtonPress
        else Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def test_a_click_on_the_explanation_closes_it(qtbot):
    """The Setup's "?" text stayed until Escape: a click on it did nothing."""
    _window, bar, popup = _dock_with_help(qtbot)
    bar.help_button.click()
    assert popup.isVisible()
    centre = popup.rect().center()
    _press(popup, centre)
    _press(popup, centre, QMouseEvent.Type.MouseButtonRelease)
    assert not popup.isVisible()


def test_the_question_mark_again_closes_the_explanation(qtbot):
    """A click on "?" while its text shows closes it (the click that closed the popup
    was replayed to the button, which opened it again)."""
    _window, bar, popup = _dock_with_help(qtbot)
    bar.help_button.click()
    assert popup.isVisible()
    at = popup.mapFromGlobal(bar.help_button.mapToGlobal(bar.help_button.rect().center()))
    _press(popup, at)  # outside the popup, on the button: the popup closes
    assert not popup.isVisible()
    assert popup.testAttribute(Qt.WidgetAttribute.WA_NoMouseReplay)  # not reopened


# ---------------------------------------------------------------- in the window
import dataclasses  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from window_helpers import shown  # noqa: E402

from lstm_studio.training import TrainConfig  # noqa: E402
from lstm_studio.ui import files as files_module  # noqa: E402
from lstm_studio.ui import i18n  # noqa: E402
from lstm_studio.ui.main_window import MainWindow, switch_language  # noqa: E402

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)


def _window(qtbot, tmp_path) -> MainWindow:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", QUICK.to_json())
    w = MainWindow(settings=settings, data_dir=tmp_path / "data")
    w.show()
    shown(qtbot, w)
    return w


@pytest.fixture
def window(qtbot, tmp_path):
    w = _window(qtbot, tmp_path)
    qtbot.addWidget(w)
    return w


def test_a_panels_picture_is_named_after_the_panel(window, monkeypatch):
    asked = []
    monkeypatch.setattr(
        files_module.QFileDialog,
        "getSaveFileName",
        lambda *args: (asked.append(Path(args[2]).name), ("", ""))[1],
    )
    for name in ("loss_panel", "gates_panel", "norms_panel"):
        window.panel_docks[name].titleBarWidget().export_button.click()
    window.compare_docks["race_panel"].titleBarWidget().export_button.click()
    assert asked == ["loss_panel.png", "gates_panel.png", "norms_panel.png", "race_panel.png"]


def test_the_end_message_agrees_with_the_solved_label(window):
    """Solved at 400 with "stop when solved" off, ticked later: it stopped at 450. The
    status bar said "solved at step 450" beside "solved at step 400"."""
    snap = dataclasses.replace(
        window.session.last,
        status="solved",
        step=450,
        solved_at=400,
        message="solved at step 450",  # the training process's words
    )
    window._show_status(snap)
    assert window.status_labels["solved"].text() == "solved at step 400"
    message = window.statusBar().currentMessage()
    assert "solved at step 400" in message and "450" in message
    assert "solved at step 450" not in message
    same = dataclasses.replace(snap, step=400)
    assert window.end_message(same) == "solved at step 400"


def test_a_language_switch_does_not_say_it_opened_a_file(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)  # the switch deletes it
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step >= 20, timeout=10_000)
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.status == "paused", timeout=5000)
    assert window.files.autosaving
    try:
        new = switch_language(window, "zh_CN")
        qtbot.addWidget(new)
        shown(qtbot, new)
        assert "autosave" not in new.statusBar().currentMessage()
        new.close()
    finally:
        i18n.install("en")


def test_the_race_keeps_describing_the_race_it_shows(qtbot, monkeypatch):
    """A new Setup after a race changed the line under its curves and table to the new
    settings while they still showed the old race."""
    from lstm_studio.ui.compare import RaceDock

    race = RaceDock()
    qtbot.addWidget(race)
    monkeypatch.setattr(race, "_start_run", lambda config, job: None)  # no process
    old = TrainConfig.from_preset("binary-addition", seed=1)
    new = TrainConfig.from_preset("binary-addition", seed=2, lr=0.5)
    race.set_base(old)
    assert "seed 1" in race.about.text()  # before any race: the next one's setup
    race.start(["rnn", "lstm"])
    race.set_base(new)
    assert "seed 1" in race.about.text() and "seed 2" not in race.about.text()
    assert "seed 2" in race.start_button.toolTip()  # where the next race is said
    race.start()
    assert "seed 2" in race.about.text()


def test_another_task_says_what_its_preset_replaces(window, qtbot, monkeypatch):
    """Choosing another task replaced the cell, optimizer, learning rate, clipping and
    steps with its preset, and the dialog said only "these settings need a new model"."""
    old = window.session.config
    window.step_action.trigger()  # a trained model: the question comes first
    qtbot.waitUntil(lambda: window.session.last.step == 1, timeout=10_000)
    asked = []
    monkeypatch.setattr(window, "confirm_discard", lambda step, why="": asked.append(why) or True)
    setup = window.setup
    setup.task.setCurrentIndex(setup.task.findData("next-prime"))
    qtbot.waitUntil(lambda: window.session.config.task == "next-prime", timeout=10_000)
    new = window.session.config
    assert new.lr != old.lr and new.hidden_size != old.hidden_size  # the preset came
    said = setup.changes(old, new)
    assert f"Learning rate {old.lr:g} → {new.lr:g}" in said
    assert f"Hidden units {old.hidden_size} → {new.hidden_size}" in said
    assert all(part in asked[0] for part in said) and "Next prime" in asked[0]
    assert all(part in window.statusBar().currentMessage() for part in said)
