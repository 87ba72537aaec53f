"""A cell registered from a test (the minimal gated unit of ``tests/toy_cells.py``) trains
and is shown by the equations, gates, states, timestep, decay and diagram panels with no
change to the window: they all ask the cell registry."""

import numpy as np
import pytest
from panel_helpers import reset_panel
from toy_cells import MGU

from lstm_studio.engine import register, unregister
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui.panels import Selection
from lstm_studio.ui.panels.decay import DecayPanel
from lstm_studio.ui.panels.diagram import CellDiagramPanel, fmt
from lstm_studio.ui.panels.equations import EquationsPanel, math_html
from lstm_studio.ui.panels.gates import GatesPanel
from lstm_studio.ui.panels.scrubber import ScrubberPanel
from lstm_studio.ui.panels.states import StatesPanel


@pytest.fixture(scope="module")
def snapshot():
    register(MGU)
    trainer = Trainer(
        TrainConfig(
            task="adding",
            task_params={"steps": 12},
            cell="mgu",
            hidden_size=6,
            num_layers=2,
            batch_size=8,
            steps=20,
        )
    )
    for _ in range(5):
        trainer.train_step()
    yield trainer, trainer.snapshot()
    unregister("mgu")


def test_equations_show_the_toy_cell(qtbot, snapshot):
    trainer, _ = snapshot
    panel = reset_panel(qtbot, EquationsPanel, trainer)
    text = panel.equations_html()
    assert "Minimal gated unit" in text
    for key in MGU.equations:
        assert math_html(MGU.quantity(key).rhs) in text
    assert panel.total_shown == trainer.model.num_parameters()
    assert "Layer 1: 2H(D + H) + 4H" in text


def test_gates_and_states_show_the_toy_cell(qtbot, snapshot):
    trainer, snap = snapshot
    gates = reset_panel(qtbot, GatesPanel, trainer)
    gates.on_snapshot(snap)
    assert gates.gate_names == ("f", "n")
    np.testing.assert_array_equal(gates.images["n"].image, snap.probe.layers[0]["n"])
    states = reset_panel(qtbot, StatesPanel, trainer)
    states.on_snapshot(snap)
    assert states.names == ("h",)
    np.testing.assert_array_equal(states.images["h"].image, snap.probe.layers[0]["h"])


def test_the_timestep_readout_and_the_decay_show_the_toy_cell(qtbot, snapshot):
    trainer, snap = snapshot
    scrubber = reset_panel(qtbot, ScrubberPanel, trainer)
    scrubber.on_snapshot(snap)
    scrubber.set_selection(4, 3, 1)
    text = scrubber.readout.text()
    for name in ("f", "n", "h"):
        value = float(snap.probe.layers[1][name][4, 3])
        assert f"<b>{name}</b> {value:+.3f}" in text
    decay = reset_panel(qtbot, DecayPanel, trainer)
    decay.on_snapshot(snap)
    assert len(decay.curves_h) == 2 and decay.curves_c == []


def test_the_diagram_draws_the_toy_cell(qtbot, snapshot):
    trainer, snap = snapshot
    panel = reset_panel(qtbot, CellDiagramPanel, trainer)
    panel.on_snapshot(snap)
    panel.on_selection(Selection(4, 3, 1))
    layer = snap.probe.layers[1]
    for name in ("f", "n", "h"):
        assert panel.element_value(name) == float(layer[name][4, 3])
    f, n, h = (float(layer[k][4, 3]) for k in "fnh")
    h_prev = float(layer["h"][3, 3])
    text = panel.equation_text("h")
    assert text.startswith(f"h_t = (1 − f_t) ⊙ h_{{t−1}} + f_t ⊙ n_t = (1 − {fmt(f)}) × ")
    assert fmt(n) in text and fmt(abs(h_prev)) in text
    assert panel.equation_text("h").endswith(f"= {fmt(h)}")
    # the gate's argument is the reference step's pre-activation
    a_f = float(snap.probe.quantities[1]["a_f"][4, 3])
    assert f"σ({a_f:.2f})".replace("-", "−") in panel.equation_text("f")
