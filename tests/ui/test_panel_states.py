"""The states panel: c_t (LSTM family) and h_t as fixed-scale time x unit heatmaps.

Orientation: each ImageItem holds the probe's (T, H) array as it is (x = t, y = unit).
"""

import numpy as np
import pytest
from panel_helpers import adding_trainer, reset_panel

from lstm_studio.ui.panels.states import StatesPanel

LEVELS = {"c": (-3, 3), "h": (-1, 1)}


def _trainer(cell="lstm", num_layers=2):
    return adding_trainer(cell, num_layers)


def _panel(qtbot, trainer):
    return reset_panel(qtbot, StatesPanel, trainer)


def _assert_shows(panel, snap, layer):
    for name in panel.names:
        np.testing.assert_array_equal(panel.images[name].image, snap.probe.layers[layer][name])
        assert tuple(float(v) for v in panel.images[name].getLevels()) == LEVELS[name]


def test_title_and_object_name(qtbot):
    panel = StatesPanel()
    qtbot.addWidget(panel)
    assert panel.title == "Cell and hidden states"
    assert panel.objectName() == panel.object_name == "states_panel"


def test_images_hold_c_and_h_with_fixed_levels(qtbot):
    trainer = _trainer()
    panel = _panel(qtbot, trainer)
    assert set(panel.images) == {"c", "h"}
    first = trainer.snapshot()
    panel.on_snapshot(first)
    _assert_shows(panel, first, 0)
    for _ in range(3):
        trainer.train_step()
    later = trainer.snapshot()
    panel.on_snapshot(later)
    _assert_shows(panel, later, 0)
    for name, plot in panel.plots.items():
        assert plot.getAxis("left").labelText == "unit"
        assert plot.titleLabel.text.startswith(f"{name}: ")
    assert panel.plots["h"].getAxis("bottom").labelText == "t"
    assert "3" in panel.color_bars["wide"].getAxis("left").labelText
    assert tuple(panel.color_bars["wide"].levels()) == LEVELS["c"]
    assert tuple(panel.color_bars["tanh"].levels()) == LEVELS["h"]


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("rnn", ("h",)),
        ("gru", ("h",)),
        ("lstm", ("c", "h")),
        ("peephole", ("c", "h")),
        ("cifg", ("c", "h")),
    ],
)
def test_reset_shows_a_cell_state_only_where_there_is_one(qtbot, cell, names):
    panel = _panel(qtbot, _trainer())
    trainer = _trainer(cell, num_layers=1)
    panel.reset(trainer.task, trainer.config)
    assert panel.names == names
    assert tuple(panel.images) == names
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    _assert_shows(panel, snap, 0)
    assert panel.layer_combo.isHidden()


def test_layer_combo_switches_the_layer_shown(qtbot):
    trainer = _trainer(num_layers=2)
    panel = _panel(qtbot, trainer)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    panel.layer_combo.setCurrentIndex(1)
    _assert_shows(panel, snap, 1)
    assert not np.array_equal(snap.probe.layers[0]["h"], snap.probe.layers[1]["h"])
    panel.layer_combo.setCurrentIndex(0)
    _assert_shows(panel, snap, 0)


def test_renders(qtbot):
    trainer = _trainer()
    panel = _panel(qtbot, trainer)
    panel.on_snapshot(trainer.snapshot())
    panel.resize(800, 500)
    image = panel.grab().toImage()
    assert len({image.pixel(x, 150) for x in range(0, 800, 4)}) > 10
