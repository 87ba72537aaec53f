"""Every live panel with a bidirectional model: both directions shown, labelled → and ←
in English and Chinese, with the engine's numbers (a real tiny run, not a hand-made
snapshot)."""

import re

import numpy as np
import pytest
from panel_helpers import reset_panel

from lstm_studio.engine import cell_spec
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.training.config import refuse_bidirectional
from lstm_studio.ui import i18n
from lstm_studio.ui.compare import RaceDock, SweepDock
from lstm_studio.ui.panels import Selection
from lstm_studio.ui.panels.base import backward_start, reverse_cut, run_label
from lstm_studio.ui.panels.decay import DecayPanel, run_color
from lstm_studio.ui.panels.diagram import CellDiagramPanel
from lstm_studio.ui.panels.equations import EquationsPanel
from lstm_studio.ui.panels.gates import GatesPanel
from lstm_studio.ui.panels.norms import NormsPanel
from lstm_studio.ui.panels.scrubber import ScrubberPanel
from lstm_studio.ui.panels.states import StatesPanel
from lstm_studio.ui.setup_panel import SetupPanel

RUNS_EN = ["layer 1 →", "layer 1 ←", "layer 2 →", "layer 2 ←"]
RUNS_ZH = ["第 1 层 →", "第 1 层 ←", "第 2 层 →", "第 2 层 ←"]


def _config(**kw) -> TrainConfig:
    values = dict(
        task="comes-again",
        task_params={"steps": 10},
        cell="lstm",
        hidden_size=6,
        num_layers=2,
        batch_size=8,
        steps=20,
        bidirectional=True,
    )
    values.update(kw)
    return TrainConfig(**values)


@pytest.fixture(scope="module")
def run():
    trainer = Trainer(_config())
    for _ in range(3):
        trainer.train_step()
    return trainer, trainer.snapshot()


@pytest.fixture
def chinese():
    assert i18n.install("zh_CN")
    yield
    i18n.install("en")


def _probe_input(snap):
    return np.asarray(snap.probe.inputs, np.float64)[:, None]  # (T, 1, D)


def _items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def _data(item):
    x, y = item.getOriginalDataset()  # before the log axis's transform
    return np.asarray(x), np.asarray(y)


def test_the_probe_has_a_run_per_layer_and_direction(run):
    trainer, snap = run
    probe = snap.probe
    assert probe.directions == 2 and len(probe.layers) == 4
    # the reverse run of the first layer is what the engine computes, and not the forward one
    trace = trainer.model.trace(_probe_input(snap))
    for r in range(4):
        np.testing.assert_allclose(probe.layers[r]["h"], trace[r]["h"][:, 0], rtol=1e-6)
    assert not np.allclose(probe.layers[0]["h"], probe.layers[1]["h"])


# ---------------------------------------------------------------------------- heatmaps
@pytest.mark.parametrize("cls", [GatesPanel, StatesPanel])
def test_heatmaps_choose_a_direction(qtbot, run, cls):
    trainer, snap = run
    panel = reset_panel(qtbot, cls, trainer)
    panel.on_snapshot(snap)
    assert _items(panel.layer_combo) == RUNS_EN
    assert not panel.layer_combo.isHidden()
    name = "f" if cls is GatesPanel else "h"
    trace = trainer.model.trace(_probe_input(snap))
    for r in range(4):
        panel.layer_combo.setCurrentIndex(r)
        np.testing.assert_allclose(panel.images[name].image, trace[r][name][:, 0], rtol=1e-6)
    panel.layer_combo.setCurrentIndex(3)
    assert "← reverse: reads t from T − 1 down to 0" in panel.value_label.text()
    panel.layer_combo.setCurrentIndex(0)
    assert "→ forward" in panel.value_label.text()


def test_heatmaps_in_chinese(qtbot, run, chinese):
    trainer, snap = run
    panel = reset_panel(qtbot, GatesPanel, trainer)
    panel.on_snapshot(snap)
    assert _items(panel.layer_combo) == RUNS_ZH
    panel.layer_combo.setCurrentIndex(1)
    assert "逆向" in panel.value_label.text()


def test_one_way_keeps_its_layer_labels(qtbot):
    trainer = Trainer(_config(bidirectional=False, task="adding"))
    panel = reset_panel(qtbot, GatesPanel, trainer)
    assert _items(panel.layer_combo) == ["layer 1", "layer 2"]
    assert run_label(1, 1) == "layer 2"


# ---------------------------------------------------------------------------- scrubber
def test_the_scrubber_lists_runs_and_follows_each_ones_backward_flow(qtbot, run):
    trainer, snap = run
    panel = reset_panel(qtbot, ScrubberPanel, trainer)
    panel.on_snapshot(snap)
    probe = snap.probe
    assert _items(panel.layer) == ["1 →", "1 ←", "2 →", "2 ←"]
    panel.set_selection(3, 2, 1)
    assert "t = 3, unit 2, layer 1 ←:" in panel.readout.text()
    assert panel.values()["h"] == pytest.approx(float(probe.layers[1]["h"][3, 2]))
    panel.set_selection(3, 2, 2)  # layer 2 reads both directions of layer 1
    assert "layer 1's [h→ ; h←]" in panel.readout.text()

    T, tau = probe.inputs.shape[0], probe.decay_tau
    panel.set_selection(3, 2, 3)
    panel.set_direction("backward")
    assert panel.slider.maximum() == T - 1  # the whole sequence, not 0 .. tau
    assert panel.slider.value() == tau  # the top layer's pass starts at tau
    assert "layer 2 ←" in panel.readout.text()
    # what the ← run sends back goes to t + 1
    assert "δh<sub>t+1</sub>" in panel.readout.text()
    assert "δh<sub>t−1</sub>" not in panel.readout.text()
    np.testing.assert_allclose(
        panel.values()["dh"], float(probe.backward[3]["dh"][tau, 2]), rtol=1e-6
    )
    # the ← run's δ flows to the later steps: play walks t up
    if tau < T - 1:
        panel._on_tick()
        assert panel.slider.value() == tau + 1
        assert panel.t_label.text() == f"τ = {tau} → t = {tau + 1}"
    panel.set_selection(tau, 2, 2)
    panel._on_tick()
    assert panel.slider.value() == tau - 1  # the → run walks back
    assert backward_start(1, 2, 2, tau, T) == 0 and backward_start(0, 2, 2, tau, T) == T - 1


def test_the_scrubber_in_chinese(qtbot, run, chinese):
    trainer, snap = run
    panel = reset_panel(qtbot, ScrubberPanel, trainer)
    panel.on_snapshot(snap)
    panel.set_selection(3, 2, 1)
    assert "第 1 层 ←" in panel.readout.text()


# ---------------------------------------------------------------------------- decay
def test_the_decay_panel_draws_both_directions_meeting_at_tau(qtbot, run):
    trainer, snap = run
    panel = reset_panel(qtbot, DecayPanel, trainer)
    panel.on_snapshot(snap)
    probe = snap.probe
    T, tau = probe.inputs.shape[0], probe.decay_tau
    assert probe.decay_dh.shape == (4, T)
    # the engine's probe of the loss at tau: the same numbers, a curve per run
    model = trainer.model
    p = trainer.task.probe()
    direct = model.gradient_probe(p.x, p.target, trainer.task.loss, p.mask, tau)
    np.testing.assert_allclose(direct.dh, probe.decay_dh, rtol=1e-5, atol=1e-12)
    assert len(panel.curves_h) == 4
    for r in range(4):
        x, y = _data(panel.curves_h[r])
        np.testing.assert_array_equal(x, np.arange(T))
        dh = probe.decay_dh[r]
        shown = dh > 0
        np.testing.assert_allclose(y[shown], dh[shown])
        assert np.isnan(y[~shown]).all()
        assert panel.curves_h[r].opts["pen"].color().name() == run_color(r, 2).lower()
    # the top layer: → left of tau (zero after it), ← right of it (zero before)
    assert not probe.decay_dh[2, tau + 1 :].any() and not probe.decay_dh[3, :tau].any()
    assert probe.decay_dh[3, tau] > 0
    assert panel.plot.getViewBox().viewRange()[0][1] == pytest.approx(T - 0.5)
    text = panel.ratio_label.text()
    for label in RUNS_EN:
        assert f"<b>{label}</b>" in text
    assert "the ← run on from τ to T − 1" in panel.ratio_label.toolTip()
    # the chooser draws one direction at a time
    assert not panel.direction_row.isHidden()
    panel.direction_combo.setCurrentIndex(2)  # ← only
    assert panel.shown_runs() == [1, 3]
    assert [c.isVisible() for c in panel.curves_h] == [False, True, False, True]
    assert [c.isVisible() for c in panel.factor_curves] == [False, True, False, True]
    text = panel.ratio_label.text()  # and the text speaks of those runs alone
    assert [f"<b>{label}</b>" in text for label in RUNS_EN] == [False, True, False, True]
    panel.direction_combo.setCurrentIndex(0)
    assert all(c.isVisible() for c in panel.curves_h)
    assert all(f"<b>{label}</b>" in panel.ratio_label.text() for label in RUNS_EN)


def test_the_decay_panel_in_chinese(qtbot, run, chinese):
    trainer, snap = run
    panel = reset_panel(qtbot, DecayPanel, trainer)
    panel.on_snapshot(snap)
    text = panel.ratio_label.text()
    for label in RUNS_ZH:
        assert f"<b>{label}</b>" in text
    assert re.search("[\u4e00-\u9fff]", text.split("<br>")[0])


def test_the_reverse_cut_mirrors_the_forward_one():
    # T = 20, tau = 5: the ← run reads t' = 19 - t, tau' = 14; cut every 6 of its steps
    # at t' = 12, so the gradient reaches t = 5 .. 7 and stops there
    assert reverse_cut(5, 20, 6) == 7
    assert reverse_cut(5, 20, 0) is None
    assert reverse_cut(15, 20, 6) is None  # tau' = 4 < k
    assert reverse_cut(7, 20, 6) == 7  # tau' = 12, a cut itself


def test_truncation_shades_the_reverse_runs_later_steps(qtbot):
    trainer = Trainer(_config(num_layers=1, truncate=3, task_params={"steps": 10}))
    snap = trainer.snapshot()
    probe = snap.probe
    T, tau = probe.inputs.shape[0], probe.decay_tau
    panel = reset_panel(qtbot, DecayPanel, trainer)
    panel.on_snapshot(snap)
    last = reverse_cut(tau, T, 3)
    if last is None or last == T - 1:
        assert not panel.rcut_region.isVisible()
    else:
        assert panel.rcut_region.isVisible()
        assert tuple(panel.rcut_region.getRegion()) == (last + 0.5, T - 0.5)
        assert not probe.decay_dh[1, last + 1 :].any()


# ---------------------------------------------------------------------------- diagram
def test_the_diagram_reads_the_reverse_runs_previous_step_at_t_plus_1(qtbot, run):
    trainer, snap = run
    panel = reset_panel(qtbot, CellDiagramPanel, trainer)
    panel.on_snapshot(snap)
    probe = snap.probe
    T = probe.inputs.shape[0]
    panel.on_selection(Selection(4, 2, 1))
    assert panel.reverse()
    assert panel.element_value("h_prev") == pytest.approx(float(probe.layers[1]["h"][5, 2]))
    assert panel.element_value("c_prev") == pytest.approx(float(probe.layers[1]["c"][5, 2]))
    assert panel.elements["h_prev"].name == ("h", "t+1")
    assert panel.equation_text("h_prev").startswith("h_{t+1} = h_{5} = ")
    assert "W_hf h_{t+1}" in panel.equation_text("f")
    assert "Layer 1 ←" in panel.header.text()
    # layer 1 reads the input both ways, not a layer below
    assert panel.elements["x"].caption == "the input (D = 8)"
    assert panel.equation_text("x").startswith("x_t = x_{4}")
    # the reverse run starts from a zero state at the last step
    panel.on_selection(Selection(T - 1, 2, 1))
    assert panel.element_value("h_prev") == 0.0
    # the forward run, as before
    panel.on_selection(Selection(4, 2, 0))
    assert not panel.reverse() and panel.elements["h_prev"].name == ("h", "t−1")
    assert panel.element_value("h_prev") == pytest.approx(float(probe.layers[0]["h"][3, 2]))
    # layer 2 reads both directions of layer 1: 2H values
    panel.on_selection(Selection(4, 2, 3))
    x = np.concatenate([probe.layers[0]["h"][4], probe.layers[1]["h"][4]])
    assert "12" in panel.equation_text("x")
    assert f"{np.linalg.norm(x):.3f}"[:4] in panel.element_text("x")


def test_the_diagram_backward_in_the_reverse_run(qtbot, run):
    trainer, snap = run
    panel = reset_panel(qtbot, CellDiagramPanel, trainer)
    panel.on_snapshot(snap)
    probe = snap.probe
    T = probe.inputs.shape[0]
    panel.on_selection(Selection(T - 1, 1, 3, "backward"))  # not clamped to tau: T steps
    assert panel.selection().t == T - 1
    assert panel.element_value("h") == pytest.approx(float(probe.backward[3]["dh"][T - 1, 1]))
    assert "on to t" in panel.header.text() and "layer 2 ←" in panel.header.text()
    # what it sends back goes to t + 1, and what reaches it comes from t − 1
    assert panel.equation_text("h_prev").startswith("δh^{(t)}_{t+1}")
    assert "δh^{(t−1)}_t" in panel.equation_text("h")


def test_the_diagram_in_chinese(qtbot, run, chinese):
    trainer, snap = run
    panel = reset_panel(qtbot, CellDiagramPanel, trainer)
    panel.on_snapshot(snap)
    panel.on_selection(Selection(4, 2, 1))
    assert "第 1 层 ←" in panel.header.text()


# ---------------------------------------------------------------------------- equations
def test_the_equations_count_both_directions(qtbot, run):
    trainer, _ = run
    panel = reset_panel(qtbot, EquationsPanel, trainer)
    D, O = trainer.task.input_size, trainer.task.output_size
    count = cell_spec("lstm").parameter_count(D, 6, O, 2, bidirectional=True)
    assert panel.total_shown == count
    assert count == sum(p.size for p in trainer.model.parameters().values())
    assert [name for name, *_ in panel.parameter_rows()] == list(trainer.model.state_dict())
    text = panel.equations_html()
    assert "rnn.weight_ih_l0_reverse" in text and "(4H, 2H)" in text and "(O, 2H)" in text
    assert "reads t from T − 1 down to 0" in text
    assert "[h→<sub>t</sub> ; h←<sub>t</sub>]" in text
    assert "Layer 1, → and ←: 2 × [" in text
    assert f"{count:,}" in text


def test_the_equations_in_chinese(qtbot, run, chinese):
    trainer, _ = run
    panel = reset_panel(qtbot, EquationsPanel, trainer)
    text = panel.equations_html()
    assert "双向" in text and "逆向" in text


# ---------------------------------------------------------------------------- norms
def test_the_norms_name_every_parameter_of_both_directions(qtbot, run):
    trainer, snap = run
    panel = reset_panel(qtbot, NormsPanel, trainer)
    panel.on_snapshot(snap)
    assert panel.params == list(trainer.model.state_dict())
    twin, rev = panel.grad_curves["rnn.weight_hh_l0"], panel.grad_curves["rnn.weight_hh_l0_reverse"]
    # the reverse twin: the same hue, lighter
    a, b = twin.opts["pen"].color(), rev.opts["pen"].color()
    assert a.hue() == b.hue() and b.lightness() > a.lightness()
    # one legend entry per forward parameter, one saying what the lighter lines are
    labels = [label.text for _, label in panel.legend.items]
    assert "weight_hh_l0" in labels and "weight_hh_l0_reverse" not in labels
    assert "lighter: its _reverse twin (←)" in labels
    assert len(labels) == 2 + 8 + 2 + 1  # all, clipped; 8 forward; the head; "lighter"
    twin.setVisible(False)  # a click on the entry hides both directions
    assert not rev.isVisible() and not panel.weight_curves["rnn.weight_hh_l0_reverse"].isVisible()
    twin.setVisible(True)
    assert rev.isVisible()
    panel.reset(trainer.task, trainer.config)  # the same set again: no second "lighter"
    panel._set_params(["rnn.weight_hh_l0", "head.bias"])
    panel._set_params(list(trainer.model.state_dict()))
    labels = [label.text for _, label in panel.legend.items]
    assert labels.count("lighter: its _reverse twin (←)") == 1


# ---------------------------------------------------------------------------- setup
def test_the_setup_box_builds_a_bidirectional_config(qtbot):
    panel = SetupPanel()
    qtbot.addWidget(panel)
    panel.set_config(TrainConfig.from_preset("adding"))
    assert not panel.bidirectional.isChecked() and panel.bidirectional.isEnabled()
    assert panel.bidirectional_note.isHidden()
    with qtbot.waitSignal(panel.config_edited) as sent:
        panel.bidirectional.setChecked(True)
    assert sent.args[0].bidirectional is True and sent.args[0].task == "adding"
    assert panel.config().bidirectional is True
    panel.set_config(TrainConfig.from_preset("comes-again"))
    assert panel.bidirectional.isChecked()  # its preset runs both ways


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_setup_shows_why_a_task_refuses_it(qtbot, language):
    assert i18n.install(language)
    try:
        panel = SetupPanel()
        qtbot.addWidget(panel)
        panel.set_config(TrainConfig.from_preset("text"))
        reason = refuse_bidirectional("text")
        assert reason
        assert not panel.bidirectional.isEnabled()
        assert panel.bidirectional_note.text() == reason
        assert not panel.bidirectional_note.isHidden()
        assert panel.bidirectional.toolTip() == reason
        if language == "zh_CN":
            assert re.search("[\u4e00-\u9fff]", reason)
        with pytest.raises(ValueError, match=re.escape(reason[:20])):
            TrainConfig.from_preset("text").replace(bidirectional=True)
        panel.set_config(TrainConfig.from_preset("adding"))  # another task: allowed again
        assert panel.bidirectional.isEnabled() and panel.bidirectional_note.isHidden()
    finally:
        i18n.install("en")


def test_the_race_and_the_sweep_carry_the_flag(qtbot, monkeypatch):
    race = RaceDock()
    qtbot.addWidget(race)
    race.set_base(TrainConfig.from_preset("adding", bidirectional=True))
    assert "bidirectional (→ ←)" in race.about.toolTip()
    started = []
    monkeypatch.setattr(race, "_start_run", lambda config, job: started.append(config))
    race.start(("rnn", "lstm"))
    assert started[-1].bidirectional is True

    sweep = SweepDock()
    qtbot.addWidget(sweep)
    monkeypatch.setattr(sweep, "_start_run", lambda config, job: started.append(config))
    sweep.bidirectional.setChecked(True)
    sweep.start(cells=("lstm",), lags=(5,), steps=10)
    assert started[-1].bidirectional is True and started[-1].task == "adding"
    sweep.start(TrainConfig.from_preset("copy"), ("lstm",), (5,), 10)
    assert started[-1].bidirectional is False and not sweep.bidirectional.isChecked()


def test_the_scrubbers_layer_box_widens_when_a_model_reads_both_ways(qtbot, tmp_path):
    """In the window, the strip's box is first shown for a one-way model ("1"); it must
    show "1 ←" whole when a bidirectional model comes."""
    from PySide6.QtCore import QSettings

    from lstm_studio.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window._new_session(_config(num_layers=1, bidirectional=False))
    qtbot.wait(300)
    window._new_session(_config())
    box = window.scrubber.layer
    box.setCurrentIndex(1)
    assert box.currentText() == "1 ←"
    room = box.fontMetrics().horizontalAdvance("1 ←") + 16  # the text and the arrow
    qtbot.waitUntil(lambda: box.width() > room)
    window.close()
