"""The main window with a real training thread (offscreen)."""

import random
import time

import numpy as np
import pytest
from PySide6.QtCore import QSettings, QThread
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from window_helpers import shown

from lstm_studio.io import save_trainer
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui.main_window import MainWindow

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _window(qtbot, settings, config=QUICK) -> MainWindow:
    settings.setValue("settings_version", 1)
    settings.setValue("config", config.to_json())
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    shown(qtbot, window)
    return window


def _wait_step(qtbot, window, n, timeout=10_000):
    shown(qtbot, window, timeout)
    qtbot.waitUntil(lambda: window.session.last.step >= n, timeout=timeout)


def _all_ended(host):
    """The training processes have exited and the relay threads have finished."""
    return (
        host.processes
        and all(not p.alive for p in host.processes)
        and all(not t.is_alive() for t in host.threads)
    )


def test_window_has_menus_docks_and_controls(qtbot, settings):
    window = _window(qtbot, settings)
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Training", "Compare", "View", "Help"]
    assert window.quit_action in window.file_menu.actions()
    assert window.about_action in window.help_menu.actions()
    assert window.train_action.shortcut() == QKeySequence("Space")
    docks = {d.objectName() for d in window.panel_docks.values()}
    assert docks == {
        "loss_panel_dock",
        "predictions_panel_dock",
        "gates_panel_dock",
        "states_panel_dock",
        "decay_panel_dock",
        "norms_panel_dock",
        "scrubber_panel_dock",
        "diagram_panel_dock",
        "equations_panel_dock",
        "units_panel_dock",
    }
    assert window.session.config == QUICK
    assert window.status_labels["step"].text() == "step 0"


def test_training_fills_the_panels_and_pause_stops_it(qtbot, settings):
    window = _window(qtbot, settings)
    window.train_action.trigger()
    assert window.train_action.text() == "Pause"
    _wait_step(qtbot, window, 30)
    window.train_action.trigger()  # pause
    qtbot.waitUntil(lambda: window.session.last.status == "paused", timeout=5000)
    step = window.session.last.step
    qtbot.wait(300)
    assert window.session.last.step == step  # no snapshot of a later step came
    assert window.train_action.text() == "Train"
    assert window.status_labels["step"].text() == f"step {step}"
    assert window.progress.value() == step
    # the loss curve holds every step so far, the gate images the probe's gates
    x, y = window.loss_panel.train_curve.getData()
    assert x[-1] == step and np.isfinite(y).all()
    probe = window.session.last.probe
    assert np.array_equal(window.gates_panel.images["f"].image, probe.layers[0]["f"])
    # a panel behind another tab catches up with the latest snapshot when it shows
    assert window.states_panel.images["c"].image is None
    window.panel_docks["states_panel"].raise_()
    qtbot.waitUntil(lambda: window.states_panel.images["c"].image is not None, timeout=3000)
    assert np.array_equal(window.states_panel.images["c"].image, probe.layers[0]["c"])
    window.close()
    assert _all_ended(window.host)


def test_step_advances_exactly_one(qtbot, settings):
    window = _window(qtbot, settings)
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step == 1, timeout=5000)
    qtbot.wait(200)
    assert window.session.last.step == 1 and window.session.last.status == "paused"
    assert len(window.loss_panel.train_curve.getOriginalDataset()[0]) == 1
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step == 2, timeout=5000)
    qtbot.wait(200)
    assert window.session.last.step == 2
    x, _ = window.loss_panel.train_curve.getOriginalDataset()
    assert list(x) == [1, 2]
    window.close()
    assert _all_ended(window.host)


def test_learning_rate_change_reaches_the_next_snapshot(qtbot, settings):
    window = _window(qtbot, settings)
    window.train_action.trigger()
    _wait_step(qtbot, window, 5)
    window.setup.lr.setValue(0.0123)
    qtbot.waitUntil(lambda: window.session.last.lr == pytest.approx(0.0123), timeout=5000)
    window.setup.clip.setValue(0.0)
    qtbot.waitUntil(lambda: window.session.last.clip == 0.0, timeout=5000)
    window.close()


def test_switching_the_cell_rebuilds_the_model_and_the_gate_panel(qtbot, settings, monkeypatch):
    window = _window(qtbot, settings)
    window.setup.cell.setCurrentIndex(window.setup.cell.findData("gru"))  # untrained: no question
    assert window.session.config.cell == "gru"
    assert tuple(window.gates_panel.gate_names) == ("r", "z", "n")
    shown(qtbot, window)
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step == 1, timeout=5000)
    asked = []
    monkeypatch.setattr(window, "confirm_discard", lambda step: asked.append(step) or False)
    window.setup.cell.setCurrentIndex(window.setup.cell.findData("rnn"))
    assert asked == [1] and window.session.config.cell == "gru"  # kept, and the form reverted
    assert window.setup.cell.currentData() == "gru"
    monkeypatch.setattr(window, "confirm_discard", lambda step: True)
    window.setup.cell.setCurrentIndex(window.setup.cell.findData("lstm"))
    assert window.session.config.cell == "lstm" and shown(qtbot, window).step == 0
    assert tuple(window.gates_panel.gate_names) == ("i", "f", "g", "o")
    window.close()


def test_closing_while_training_ends_the_process_within_a_second(qtbot, settings):
    window = _window(qtbot, settings)
    window.train_action.trigger()
    _wait_step(qtbot, window, 10)
    t0 = time.perf_counter()
    window.close()
    assert time.perf_counter() - t0 < 1.0
    assert _all_ended(window.host)


def test_rapid_train_pause_reset_clicks_leave_no_thread(qtbot, settings):
    window = _window(qtbot, settings)
    rng = random.Random(0)
    actions = [window.train_action, window.step_action, window.reset_action]
    for k in range(200):
        rng.choice(actions).trigger()
        if k % 10 == 0:
            qtbot.wait(5)
    assert window.session.state in ("running", "paused", "idle")
    qtbot.wait(300)
    assert shown(qtbot, window) is not None and window.failure_box is None
    window.close()
    assert len(window.host.processes) == 1 and _all_ended(window.host)
    assert QThread.currentThread() is window.thread()


def test_a_killed_training_process_becomes_a_message_and_a_fresh_model(qtbot, settings):
    window = _window(qtbot, settings)
    window.train_action.trigger()
    _wait_step(qtbot, window, 5)
    window.host.process.process.kill()  # as the system's memory killer would
    qtbot.waitUntil(lambda: window.failure_box is not None, timeout=5000)
    assert "training process ended unexpectedly" in window.failure_box.text()
    assert shown(qtbot, window).step == 0 and window.train_action.text() == "Train"
    window.failure_box.close()
    window.train_action.trigger()  # the window is still usable: a new process trains
    _wait_step(qtbot, window, 5)
    assert len(window.host.processes) == 2
    window.close()
    assert _all_ended(window.host)


def test_layout_and_config_persist(qtbot, settings):
    window = _window(qtbot, settings)
    window.setup.cell.setCurrentIndex(window.setup.cell.findData("gru"))
    window.panel_docks["norms_panel"].hide()
    window.resize(760, 560)  # the offscreen screen is 800 x 600
    size = window.size()
    window.close()
    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    assert again.session.config.cell == "gru"
    assert again.size() == size
    assert again.panel_docks["norms_panel"].isHidden()
    again.close()


def test_about_shows_name_and_version(qtbot, settings, monkeypatch):
    window = _window(qtbot, settings)
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda *args: shown.append(args))
    window.about_action.trigger()
    assert len(shown) == 1 and "0.1.0" in shown[0][2]
    window.close()


def test_a_new_task_brings_its_preset_and_the_plots_follow_it(qtbot, settings):
    window = _window(qtbot, settings)
    window.setup.task.setCurrentIndex(window.setup.task.findData("copy"))
    assert window.session.config.task == "copy"
    assert window.budget.value() == TrainConfig.from_preset("copy").steps
    # the loss plot follows the data again (the x link once switched its auto-range off)
    window.train_action.trigger()
    _wait_step(qtbot, window, 60)
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.status == "paused", timeout=5000)
    window.grab()  # lets pyqtgraph apply the ranges
    x_range = window.loss_panel.loss_plot.getViewBox().viewRange()[0]
    assert x_range[1] >= window.session.last.step * 0.9
    window.close()


def test_the_norms_tab_draws_what_it_missed_when_shown(qtbot, settings):
    window = _window(qtbot, settings)
    window.train_action.trigger()
    _wait_step(qtbot, window, 30)
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.status == "paused", timeout=5000)
    window.panel_docks["norms_panel"].raise_()

    def drawn_to_the_last_step():
        # the data set, not getData(): that is clipped to a view not yet repainted
        x, _ = window.norms_panel.global_curve.getOriginalDataset()
        assert x is not None and x[-1] == window.session.last.step

    qtbot.waitUntil(drawn_to_the_last_step, timeout=3000)
    window.close()


def _read(qtbot, window) -> None:
    """Wait for the data file the window reads in a thread."""
    qtbot.waitUntil(lambda: not window.builder.busy, timeout=10_000)


def test_choosing_your_own_data_asks_for_a_file_first(qtbot, settings, tmp_path):
    window = _window(qtbot, settings)
    window.setup.task.setCurrentIndex(window.setup.task.findData("own-data"))
    assert window.session.config.task == "binary-addition"  # nothing to build yet
    assert "Choose a CSV" in window.setup.problem.text()
    path = tmp_path / "waves.csv"
    path.write_text("a\n" + "\n".join(f"{np.sin(0.3 * k):.4f}" for k in range(300)) + "\n")
    edit = window.setup._param_widgets["path"].edit
    edit.setText(str(path))
    edit.editingFinished.emit()
    _read(qtbot, window)
    assert window.session.config.task == "own-data"
    assert window.session.task.mode == "csv"
    window.close()


def test_a_refused_data_file_is_named_and_its_path_comes_back(qtbot, settings, tmp_path):
    window = _window(qtbot, settings)
    window.setup.task.setCurrentIndex(window.setup.task.findData("own-data"))
    typo = str(tmp_path / "wavse.csv")
    edit = window.setup._param_widgets["path"].edit
    edit.setText(typo)
    edit.editingFinished.emit()
    _read(qtbot, window)
    assert "wavse.csv" in window.statusBar().currentMessage()
    problem = window.setup.problem
    assert problem.isVisibleTo(window) and "wavse.csv" in problem.text()  # it stays there
    assert window.session.config.task == "binary-addition"  # the model is untouched
    assert window.setup.task.currentData() == "binary-addition"  # and so is the form
    window.setup.task.setCurrentIndex(window.setup.task.findData("own-data"))
    edit = window.setup._param_widgets["path"].edit
    assert edit.text() == typo  # to be corrected, not typed again
    path = tmp_path / "waves.csv"
    path.write_text("a\n" + "\n".join(f"{np.sin(0.3 * k):.4f}" for k in range(300)) + "\n")
    edit.setText(str(path))
    edit.editingFinished.emit()
    _read(qtbot, window)
    assert window.session.config.task == "own-data"
    assert not problem.isVisibleTo(window)  # a model was built: nothing to explain
    # a typo while it is the task already: the model stays, the typo stays to be fixed
    edit = window.setup._param_widgets["path"].edit
    edit.setText(typo)
    edit.editingFinished.emit()
    _read(qtbot, window)
    assert window.session.config.task_params["path"] == str(path)
    assert window.setup._param_widgets["path"].edit.text() == typo
    assert "wavse.csv" in problem.text()
    # away and back: the file it trained on is used again, not the typo
    window.setup.task.setCurrentIndex(window.setup.task.findData("echo"))
    assert window.session.config.task == "echo"
    window.setup.task.setCurrentIndex(window.setup.task.findData("own-data"))
    _read(qtbot, window)
    assert window.session.config.task_params["path"] == str(path)
    window.close()


def test_declining_to_discard_leaves_no_message_behind(qtbot, settings, tmp_path):
    window = _window(qtbot, settings)
    window.confirm_discard = lambda step, why="": False
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step == 1, timeout=10_000)
    window.setup.task.setCurrentIndex(window.setup.task.findData("own-data"))
    assert "Choose a CSV" in window.setup.problem.text()
    path = tmp_path / "waves.csv"
    path.write_text("a\n" + "\n".join(f"{np.sin(0.3 * k):.4f}" for k in range(300)) + "\n")
    edit = window.setup._param_widgets["path"].edit
    edit.setText(str(path))
    edit.editingFinished.emit()  # a good file, but the trained model is kept
    _read(qtbot, window)
    assert window.session.config.task == "binary-addition"
    assert window.setup.task.currentData() == "binary-addition"
    assert not window.setup.problem.isVisibleTo(window)
    window.close()


def test_a_bad_data_file_is_named_before_a_trained_model_is_offered_for_discarding(
    qtbot, settings, tmp_path
):
    window = _window(qtbot, settings)
    asked = []
    window.confirm_discard = lambda step, why="": asked.append(step) or True
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step == 1, timeout=10_000)
    (tmp_path / "words.csv").write_text("a\n1\nseven\n" + "2\n" * 200, "utf-8")
    window.setup.task.setCurrentIndex(window.setup.task.findData("own-data"))
    edit = window.setup._param_widgets["path"].edit
    edit.setText(str(tmp_path / "words.csv"))
    edit.editingFinished.emit()
    _read(qtbot, window)
    assert asked == []  # the file was checked first: nothing to discard for
    assert "words.csv" in window.setup.problem.text() and "3" in window.setup.problem.text()
    assert window.session.last.step == 1 and window.session.config.task == "binary-addition"
    window.close()


def test_a_space_typed_into_a_field_does_not_start_training(qtbot, settings):
    from PySide6.QtCore import Qt

    window = _window(qtbot, settings)
    window.setup.task.setCurrentIndex(window.setup.task.findData("echo"))
    edit = window.setup._param_widgets["targets"]
    qtbot.waitUntil(edit.isVisible, timeout=2000)
    edit.clear()
    qtbot.keyClicks(edit, "1, 2")  # the space is part of the text
    assert edit.text() == "1, 2"
    assert window.session.state == "idle"
    qtbot.keyClick(window.setup.lr, Qt.Key.Key_Space)
    assert window.session.state == "idle"
    qtbot.keyClick(window.setup.task, Qt.Key.Key_Space)  # not a text field: Space trains
    assert window.session.state == "running"
    window.close()


def test_the_windows_process_builds_no_trainer(qtbot, settings, monkeypatch, tmp_path):
    """The model lives in the training process: the window's first snapshot, its steps, a
    new learning rate, a Reset and an opened run all come from there."""
    saved = Trainer(QUICK)
    for _ in range(4):
        saved.train_step()
    path = tmp_path / "four.lstmrun"
    save_trainer(path, saved)
    built = []

    def refuse(*args, **kwargs):
        built.append(args)
        raise AssertionError("a Trainer was built in the window's process")

    monkeypatch.setattr(Trainer, "__init__", refuse)
    monkeypatch.setattr(Trainer, "restore", classmethod(refuse))
    window = _window(qtbot, settings)  # its first snapshot came from the child
    assert window.session.last.step == 0 and window.status_labels["step"].text() == "step 0"
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step == 1, timeout=5000)
    window.setup.lr.setValue(0.0123)
    qtbot.waitUntil(lambda: window.session.last.lr == pytest.approx(0.0123), timeout=5000)
    assert window.session.config.lr == pytest.approx(0.0123)  # read from the snapshot
    window.train_action.trigger()
    _wait_step(qtbot, window, 10)
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.status == "paused", timeout=5000)
    window.confirm_discard = lambda step, why="": True
    window.reset_action.trigger()
    fresh = shown(qtbot, window)
    assert fresh.step == 0 and fresh.lr == pytest.approx(0.0123)
    assert window.files.open_run(str(path))
    assert shown(qtbot, window).step == 4
    window.close()
    assert built == []


@pytest.mark.parametrize("key", ["up", "typed"])
def test_editing_a_task_parameter_in_its_field_builds_the_new_model(qtbot, settings, key):
    """The parameter rows are rebuilt from the edited field's own signal: the field that
    is still handling its key press must not be deleted under it (it crashed the window:
    an arrow key, or Enter after typing, in "bits")."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    window = _window(qtbot, settings)
    window.activateWindow()
    box = window.setup._param_widgets["bits"]
    before = box.value()
    box.setFocus()
    if key == "up":
        QTest.keyClick(box, Qt.Key.Key_Up)
    else:
        box.lineEdit().selectAll()
        QTest.keyClicks(box, str(before + 2))
        QTest.keyClick(box, Qt.Key.Key_Return)
    want = before + (1 if key == "up" else 2)
    qtbot.waitUntil(lambda: window.session.config.task_params["bits"] == want, timeout=5000)
    assert window.setup._param_widgets["bits"].value() == want
    assert window.setup._param_widgets["bits"] is not box  # the row was rebuilt
    # the keyboard stays in the field: a second arrow key edits it again (it moved on to
    # the speed slider, and the arrows changed the training speed)
    again = window.setup._param_widgets["bits"]
    qtbot.waitUntil(lambda: again.hasFocus() or again.isAncestorOf(QApplication.focusWidget()))
    speed = window.speed.value()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: window.session.config.task_params["bits"] == want + 1, timeout=5000)
    assert window.speed.value() == speed
    window.close()


def _large_csv(path, rows: int = 125_000, columns: int = 80) -> None:
    """A legitimate large data file: 80 columns of one-digit numbers, 20 MB."""
    rng = np.random.default_rng(0)
    block = rng.integers(0, 10, (1000, columns))
    lines = "\n".join(",".join(map(str, row)) for row in block) + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(f"c{j}" for j in range(columns)) + "\n")
        for _ in range(rows // 1000):
            f.write(lines)


def _recording(monkeypatch, module, name: str) -> list:
    """Replace ``module.name`` by a wrapper that records the thread it runs in."""
    import threading

    real, threads = getattr(module, name), []

    def recorded(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, recorded)
    return threads


def test_a_large_data_file_is_read_once_and_off_the_gui_thread(
    qtbot, settings, monkeypatch, tmp_path
):
    """The window's event loop goes on while a large CSV is read: the file is read in
    another thread, once (the check's task is the session's), Train and Step wait."""
    import threading

    from lstm_studio.ui import main_window, worker

    path = tmp_path / "large.csv"
    _large_csv(path)
    assert path.stat().st_size > 19e6
    window = _window(qtbot, settings)
    read = _recording(monkeypatch, main_window, "make_task")
    again = _recording(monkeypatch, worker, "make_task")
    window.setup.task.setCurrentIndex(window.setup.task.findData("own-data"))
    edit = window.setup._param_widgets["path"].edit
    edit.setText(str(path))
    edit.editingFinished.emit()
    assert window.builder.busy and window.session.config.task == "binary-addition"
    assert window.statusBar().currentMessage() == "Reading data…"
    assert not window.train_action.isEnabled() and not window.step_action.isEnabled()
    _read(qtbot, window)
    assert window.session.config.task == "own-data" and window.session.task.mode == "csv"
    assert window.session.task.input_size == 80
    assert len(read) == 1 and read[0] is not threading.main_thread()
    assert again == []  # the task read for the check is the session's
    assert window.train_action.isEnabled() and window.step_action.isEnabled()
    assert window.statusBar().currentMessage() != "Reading data…"
    shown(qtbot, window, 20_000)  # the training process read it too, and trains it
    window.close()


def test_a_file_still_being_read_is_dropped_for_the_next_choice(qtbot, settings, tmp_path):
    path = tmp_path / "large.csv"
    _large_csv(path)
    window = _window(qtbot, settings)
    window.setup.task.setCurrentIndex(window.setup.task.findData("own-data"))
    edit = window.setup._param_widgets["path"].edit
    edit.setText(str(path))
    edit.editingFinished.emit()
    assert window.builder.busy
    window.setup.task.setCurrentIndex(window.setup.task.findData("echo"))
    assert not window.builder.busy and window.session.config.task == "echo"
    qtbot.wait(2500)  # the first file's result, when it comes, is stale
    assert window.session.config.task == "echo"
    assert window.train_action.isEnabled()
    window.close()


def test_a_run_of_a_large_data_file_is_checked_off_the_gui_thread(
    qtbot, settings, monkeypatch, tmp_path
):
    import threading

    from lstm_studio.ui import files, worker

    data = tmp_path / "large.csv"
    _large_csv(data)
    config = TrainConfig.from_preset(
        "own-data", task_params={"path": str(data), "steps": 4}, hidden_size=8, batch_size=4
    )
    saved = Trainer(config)
    saved.train_step()
    run = tmp_path / "large.lstmrun"
    save_trainer(run, saved)
    window = _window(qtbot, settings)
    checked = _recording(monkeypatch, files, "check_run")
    again = _recording(monkeypatch, worker, "make_task")
    assert window.files.open_run(str(run))  # being checked
    assert window.builder.busy and window.session.config.task == "binary-addition"
    _read(qtbot, window)
    assert window.session.config.task == "own-data"
    assert "Opened large.lstmrun at step 1" in window.statusBar().currentMessage()
    assert len(checked) == 1 and checked[0] is not threading.main_thread()
    assert again == []
    data.write_text("a\n1\nseven\n" + "2\n" * 200, "utf-8")  # now a bad file
    window.confirm_discard = lambda step, why="": True
    assert window.files.open_run(str(run))
    _read(qtbot, window)
    assert "large.csv" in window.files.last_error  # refused, said as before
    assert window.session.task.input_size == 80  # the opened run stays
    window.close()
