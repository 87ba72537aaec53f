"""The gates panel: one fixed-scale time x unit heatmap per gate of the chosen layer.

Orientation: each ImageItem holds the probe's (T, H) array as it is (x = t, y = unit).
"""

import numpy as np
import pytest
from panel_helpers import adding_trainer, reset_panel
from PySide6.QtCore import QPointF

from lstm_studio.tasks import make_task
from lstm_studio.training import TrainConfig
from lstm_studio.ui.panels.gates import SCALES, GatesPanel

LEVELS = {"i": (0, 1), "f": (0, 1), "o": (0, 1), "r": (0, 1), "z": (0, 1)}
LEVELS |= {"g": (-1, 1), "n": (-1, 1), "a": (-3, 3)}


def _trainer(cell="lstm", num_layers=2):
    return adding_trainer(cell, num_layers)


def _panel(qtbot, trainer):
    return reset_panel(qtbot, GatesPanel, trainer)


def _levels(image):
    return tuple(float(v) for v in image.getLevels())


def _assert_shows(panel, snap, layer):
    for name in panel.gate_names:
        np.testing.assert_array_equal(panel.images[name].image, snap.probe.layers[layer][name])
        assert _levels(panel.images[name]) == LEVELS[name]


def test_title_and_object_name(qtbot):
    panel = GatesPanel()
    qtbot.addWidget(panel)
    assert panel.title == "Gates"
    assert panel.object_name == "gates_panel"
    assert panel.objectName() == "gates_panel"


def test_images_hold_the_probe_gates_with_fixed_levels(qtbot):
    trainer = _trainer()
    panel = _panel(qtbot, trainer)
    assert panel.gate_names == ("i", "f", "g", "o")
    first = trainer.snapshot()
    panel.on_snapshot(first)
    _assert_shows(panel, first, 0)
    # the image is (T, H): x is the timestep, y the unit
    T = first.probe.inputs.shape[0]
    assert panel.images["f"].image.shape == (T, 8)
    assert panel.images["f"].width() == T and panel.images["f"].height() == 8
    for _ in range(3):
        trainer.train_step()
    later = trainer.snapshot()
    panel.on_snapshot(later)
    _assert_shows(panel, later, 0)
    assert not np.array_equal(panel.images["f"].image, first.probe.layers[0]["f"])


@pytest.mark.parametrize(
    ("cell", "gates"),
    [
        ("rnn", ("a",)),
        ("gru", ("r", "z", "n")),
        ("lstm", ("i", "f", "g", "o")),
        ("peephole", ("i", "f", "g", "o")),
        ("cifg", ("i", "f", "g", "o")),
    ],
)
def test_reset_builds_the_cells_gates(qtbot, cell, gates):
    panel = _panel(qtbot, _trainer())  # start from an LSTM, then switch
    trainer = _trainer(cell, num_layers=1)
    panel.reset(trainer.task, trainer.config)
    assert panel.gate_names == gates
    assert set(panel.images) == set(gates)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    _assert_shows(panel, snap, 0)
    for name in gates:
        title = panel.plots[name].titleLabel.text
        assert title.startswith(f"{name}: ")
        assert panel.plots[name].getAxis("left").labelText == "unit"
    # a colour bar per scale, fixed and not adjustable
    scales = {"rnn": {"wide"}, "gru": {"sigmoid", "tanh"}}.get(cell, {"sigmoid", "tanh"})
    assert set(panel.color_bars) == scales
    for key, bar in panel.color_bars.items():
        assert tuple(bar.levels()) == SCALES[key].levels
        assert not bar.interactive
    # the lowest plot of each column labels the time axis
    assert panel.plots[gates[-1]].getAxis("bottom").labelText == "t"


def test_titles_say_what_each_gate_means(qtbot):
    panel = _panel(qtbot, _trainer("gru", 1))
    assert "reset gate" in panel.plots["r"].titleLabel.text
    assert "share of hₜ₋₁ kept" in panel.plots["z"].titleLabel.text
    trainer = _trainer("lstm", 1)
    panel.reset(trainer.task, trainer.config)
    assert "forget gate" in panel.plots["f"].titleLabel.text
    assert "candidate" in panel.plots["g"].titleLabel.text
    trainer = _trainer("cifg", 1)
    panel.reset(trainer.task, trainer.config)
    assert "1 − f" in panel.plots["i"].titleLabel.text
    trainer = _trainer("rnn", 1)
    panel.reset(trainer.task, trainer.config)
    assert "pre-activation" in panel.plots["a"].titleLabel.text
    assert "3" in panel.color_bars["wide"].toolTip()
    assert panel.plots["a"].toolTip()


def test_layer_combo_switches_the_layer_shown(qtbot):
    trainer = _trainer(num_layers=2)
    panel = _panel(qtbot, trainer)
    assert not panel.layer_combo.isHidden()
    assert [panel.layer_combo.itemText(k) for k in range(2)] == ["layer 1", "layer 2"]
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    _assert_shows(panel, snap, 0)
    panel.layer_combo.setCurrentIndex(1)
    _assert_shows(panel, snap, 1)
    # the choice stays for the next snapshot
    trainer.train_step()
    later = trainer.snapshot()
    panel.on_snapshot(later)
    _assert_shows(panel, later, 1)
    # one layer: nothing to choose
    single = _trainer(num_layers=1)
    panel.reset(single.task, single.config)
    assert panel.layer_combo.isHidden()
    assert panel.layer() == 0


def test_reset_forgets_the_previous_run(qtbot):
    trainer = _trainer()
    panel = _panel(qtbot, trainer)
    panel.on_snapshot(trainer.snapshot())
    panel.reset(trainer.task, trainer.config)
    assert all(image.image is None for image in panel.images.values())
    # a snapshot without a probe changes nothing
    panel.on_snapshot(trainer.snapshot(probe=False))
    assert all(image.image is None for image in panel.images.values())


def test_reset_works_for_every_task_input_size(qtbot):
    task = make_task("echo")
    panel = GatesPanel()
    qtbot.addWidget(panel)
    panel.reset(task, TrainConfig(task="echo", cell="gru"))
    assert panel.gate_names == ("r", "z", "n")


def test_hover_shows_the_value_under_the_mouse(qtbot):
    trainer = _trainer()
    panel = _panel(qtbot, trainer)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    panel.resize(800, 500)
    panel.show()
    qtbot.waitExposed(panel)
    vb = panel.plots["f"].getViewBox()
    panel.view.scene().sigMouseMoved.emit(vb.mapViewToScene(QPointF(3.2, 5.1)))
    value = float(snap.probe.layers[0]["f"][3, 5])
    assert panel.value_label.text() == f"t = 3, unit 5: f = {value:.3g}"
    panel.view.scene().sigMouseMoved.emit(QPointF(-100, -100))
    assert "hover" in panel.value_label.text()


def test_renders(qtbot):
    trainer = _trainer()
    panel = _panel(qtbot, trainer)
    panel.on_snapshot(trainer.snapshot())
    panel.resize(800, 500)
    image = panel.grab().toImage()
    assert image.width() == 800
    assert len({image.pixel(x, 250) for x in range(0, 800, 4)}) > 10


def test_short_sequences_get_one_tick_per_step(qtbot):
    from lstm_studio.training import Trainer

    trainer = Trainer(TrainConfig(task="echo", hidden_size=4, steps=2))  # T = 4
    panel = reset_panel(qtbot, GatesPanel, trainer)
    panel.on_snapshot(trainer.snapshot())
    axis = panel.plots["f"].getAxis("bottom")
    ticks = axis.tickValues(-0.5, 3.5, 400)
    values = sorted(v for _, level in ticks for v in level)
    assert all(float(v).is_integer() for v in values) and 0 in values and 3 in values
