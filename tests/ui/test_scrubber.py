"""The timestep scrubber, the heatmaps' outlines and the panels' "what am I looking at"."""

import numpy as np
import pytest
from panel_helpers import adding_trainer
from PySide6.QtCore import QPointF, QSettings, Qt
from window_helpers import shown

from lstm_studio.training import TrainConfig
from lstm_studio.ui.main_window import MainWindow
from lstm_studio.ui.panels import Selection
from lstm_studio.ui.panels.base import BACKWARD
from lstm_studio.ui.panels.diagram import CellDiagramPanel
from lstm_studio.ui.panels.scrubber import ScrubberPanel

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", QUICK.replace(num_layers=2).to_json())
    w = MainWindow(settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    shown(qtbot, w)
    yield w
    w.close()


def test_the_readout_shows_every_gate_and_state_at_the_selection(qtbot):
    trainer = adding_trainer("lstm", num_layers=2)
    for _ in range(3):
        trainer.train_step()
    snap = trainer.snapshot()
    panel = ScrubberPanel()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, trainer.config)
    panel.on_snapshot(snap)
    seen = []
    panel.selection_changed.connect(seen.append)
    panel.set_selection(7, 5, 1)
    assert seen[-1] == Selection(7, 5, 1)
    values = panel.values()
    assert set(values) == {"i", "f", "g", "o", "c", "h"}
    for name, value in values.items():
        assert value == float(snap.probe.layers[1][name][7, 5])
        assert f"<b>{name}</b> {value:+.3f}" in panel.readout.text()
    panel.set_selection(10_000, -4, 9)  # clamped into range
    T = snap.probe.inputs.shape[0]
    assert panel.selection() == Selection(T - 1, 0, 1)


def test_play_walks_t_and_wraps_around(qtbot):
    trainer = adding_trainer("gru", num_layers=1)
    panel = ScrubberPanel()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, trainer.config)
    panel.on_snapshot(trainer.snapshot())
    T = trainer.task.probe().x.shape[0]
    panel.set_selection(T - 2, 0, 0)
    panel._on_tick()
    assert panel.selection().t == T - 1
    panel._on_tick()
    assert panel.selection().t == 0
    panel.play_button.click()
    assert panel._timer.isActive() and panel.play_button.isChecked()
    qtbot.waitUntil(lambda: panel.selection().t >= 1, timeout=3000)
    panel.play_button.click()
    assert not panel._timer.isActive()


def test_the_selection_reaches_every_panel_and_a_click_moves_it(qtbot, window):
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step == 1, timeout=10_000)
    window.flush_panels()
    window.panel_docks["states_panel"].raise_()
    window.scrubber.set_selection(2, 3, 1)
    window.flush_panels()
    sel = Selection(2, 3, 1)
    for panel in (window.gates_panel, window.states_panel):
        assert panel.selection == sel and panel.layer() == 1
        column, *cell = panel._marks["h" if panel is window.states_panel else "f"]
        assert column.isVisible() and column.rect().center().x() == 2
        assert cell[0].rect().center().toTuple() == (2.0, 3.0)
    # a heatmap's layer chooser moves the scrubber, and so every panel
    window.gates_panel.layer_combo.setCurrentIndex(0)
    assert window.scrubber.selection() == Selection(2, 3, 0)
    assert window.states_panel.layer() == 0
    # a click on a heatmap cell picks its t and unit
    plot = window.gates_panel.plots["i"]
    vb = plot.getViewBox()
    scene_pos = vb.mapViewToScene(QPointF(1, 5))
    view_pos = window.gates_panel.view.mapFromScene(scene_pos)
    qtbot.mouseClick(window.gates_panel.view.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)
    assert window.scrubber.selection() == Selection(1, 5, 0)
    values = window.scrubber.values()
    probe = window.session.last.probe
    assert values["f"] == float(probe.layers[0]["f"][1, 5])


def test_every_panel_says_what_it_shows_from_its_question_mark(qtbot, window):
    docks = {**window.panel_docks, **window.compare_docks, "setup": window.setup_dock}
    for name, dock in docks.items():
        bar = dock.titleBarWidget()
        assert bar.help_button.isVisibleTo(bar), name
        bar.help_button.click()
        popup = window.explanation_popup
        assert popup.isVisible(), name
        text = popup.label.text()
        assert len(text) > 120 and dock.windowTitle() in text, name
        popup.hide()
    texts = [d.titleBarWidget().explanation for d in docks.values()]
    assert len(set(texts)) == len(texts)  # each its own


def test_values_follow_the_live_model_and_hold_while_paused(qtbot, window):
    window.scrubber.set_selection(1, 2, 0)
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step >= 30, timeout=10_000)
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.status == "paused", timeout=5000)
    window.flush_panels()
    held = window.scrubber.values()
    probe = window.session.last.probe
    assert held["c"] == float(probe.layers[0]["c"][1, 2])
    qtbot.wait(200)
    window.flush_panels()
    assert window.scrubber.values() == held
    assert np.isfinite(list(held.values())).all()


def test_backward_mode_runs_from_tau_down_to_zero(qtbot):
    trainer = adding_trainer("lstm", num_layers=2)
    for _ in range(3):
        trainer.train_step()
    snap = trainer.snapshot()
    tau = snap.probe.decay_tau
    panel = ScrubberPanel()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, trainer.config)
    panel.on_snapshot(snap)
    seen = []
    panel.selection_changed.connect(seen.append)
    assert panel.selection().direction == "forward"
    panel.backward_button.click()
    # the slider runs over 0 … τ and starts at τ; every panel is told the direction
    assert panel.slider.maximum() == tau and panel.selection().t == tau
    assert seen[-1] == Selection(tau, 0, 0, BACKWARD) and seen[-1].backward
    assert f"τ = {tau}" in panel.t_label.text()
    panel.set_selection(tau - 2, 5, 1)
    values = panel.values()
    d = snap.probe.backward[1]
    assert {"dh", "dc", "da_i", "da_f", "da_g", "da_o", "dh_prev", "dc_prev"} <= set(values)
    for key, value in values.items():
        assert value == float(d[key][tau - 2, 5]), key
    assert "δc<sub>t−1</sub>" in panel.readout.text()
    assert f"Backward from τ = {tau}" in panel.readout.text()
    # play walks t from τ down to 0, one step a tick, and stops there
    panel.set_selection(2, 5, 1)
    panel.play_button.click()
    assert panel._timer.isActive()
    qtbot.waitUntil(lambda: not panel.play_button.isChecked(), timeout=5000)
    assert panel.selection().t == 0 and not panel._timer.isActive()
    ts = [s.t for s in seen if s.backward and s.layer == 1]
    assert ts[-3:] == [2, 1, 0]
    panel.play_button.click()  # from 0: it starts again at τ
    assert panel.selection().t == tau
    panel._on_tick()
    assert panel.selection().t == tau - 1
    panel.play_button.click()
    # forward again: the whole sequence, the gates and states
    panel.set_direction("forward")
    T = snap.probe.inputs.shape[0]
    assert panel.slider.maximum() == T - 1 and not panel.selection().backward
    assert set(panel.values()) == {"i", "f", "g", "o", "c", "h"}
    with pytest.raises(ValueError):
        panel.set_direction("sideways")


def test_before_a_cut_the_backward_readout_says_why_it_is_zero(qtbot):
    """Truncated every 6 steps: before the last cut at or below τ no gradient of l_τ
    arrives, and the readout says so (and writes 0, not −0)."""
    from lstm_studio.training import Trainer

    trainer = Trainer(adding_trainer("lstm", num_layers=1).config.replace(truncate=6))
    snap = trainer.snapshot()
    tau = snap.probe.decay_tau
    cut = 6 * (tau // 6)
    panel = ScrubberPanel()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, trainer.config)
    panel.on_snapshot(snap)
    panel.set_direction(BACKWARD)
    panel.set_selection(cut - 1, 2, 0)
    text = panel.readout.text()
    assert f"before the cut at step {cut}" in text
    assert "-0" not in text and "+0 " not in text and "δh</b> 0" in text
    panel.set_selection(cut, 2, 0)
    assert "before the cut" not in panel.readout.text()


def test_backward_mode_reaches_the_diagram_in_the_window(qtbot, window):
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step == 1, timeout=10_000)
    window.panel_docks["diagram_panel"].raise_()
    window.flush_panels()
    window.scrubber.set_direction("backward")
    window.flush_panels()
    diagram = window.findChild(CellDiagramPanel)
    assert diagram.selection().backward
    assert all(edge.backward for edge in diagram.edges)
    tau = window.session.last.probe.decay_tau
    assert diagram.selection().t == tau
    assert f"Backward pass: δ flows from τ = {tau} back to t = {tau}" in diagram.header.text()
    probe = window.session.last.probe
    assert diagram.element_value("c") == float(probe.backward[0]["dc"][tau, 0])
