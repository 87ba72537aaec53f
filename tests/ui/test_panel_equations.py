"""The equations panel: the cell's equations, and a parameter table and count from a
formula per cell that must agree with the engine's model."""

from types import SimpleNamespace

import pytest
from panel_helpers import adding_trainer
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication

from lstm_studio.engine import SequenceModel, cell_spec
from lstm_studio.training import TrainConfig
from lstm_studio.ui.panels.equations import (
    EquationsPanel,
    backward_equations,
    equations,
    math_html,
    math_text,
)

CELLS = ("rnn", "lstm", "gru", "peephole", "cifg")
SIZES = [(1, 1, 1, 1), (2, 8, 1, 2), (5, 16, 3, 3), (62, 7, 62, 4), (9, 32, 8, 1)]


def _panel(qtbot, cell, D=2, H=8, O=1, L=2):  # noqa: E741 - the letters of the docs
    panel = EquationsPanel()
    qtbot.addWidget(panel)
    task = SimpleNamespace(input_size=D, output_size=O)
    panel.reset(task, TrainConfig(cell=cell, hidden_size=H, num_layers=L))
    return panel


def test_title_object_name_and_explanation(qtbot):
    panel = EquationsPanel()
    qtbot.addWidget(panel)
    assert panel.title == "Equations"
    assert panel.objectName() == panel.object_name == "equations_panel"
    assert "PyTorch" in panel.explanation


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize(("D", "H", "O", "L"), SIZES)
def test_count_and_table_match_the_model(qtbot, cell, D, H, O, L):  # noqa: E741
    panel = _panel(qtbot, cell, D, H, O, L)
    model = SequenceModel(cell=cell, input_size=D, hidden_size=H, output_size=O, num_layers=L)
    assert panel.total_shown == model.num_parameters()
    params = model.parameters()
    rows = panel.parameter_rows()
    assert [(name, shape) for name, shape, _ in rows] == [(n, p.shape) for n, p in params.items()]
    assert [count for _, _, count in rows] == [p.size for p in params.values()]
    assert sum(count for _, _, count in rows) == panel.total_shown
    text = panel.equations_html()
    for name, _, count in rows:
        assert f"<code>{name}</code>" in text
        assert f"<td align='right'>{count:,}</td>" in text
    assert f"{model.num_parameters():,}</b>" in text  # the total, in bold


def test_the_formula_does_not_build_a_model(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the count must come from the registry's formula")

    monkeypatch.setattr(SequenceModel, "__init__", refuse)
    assert (
        cell_spec("lstm").parameter_count(2, 8, 1, 2)
        == 4 * 8 * (2 + 8) + 8 * 8 + 4 * 8 * 16 + 64 + 9
    )


def test_lstm_counts_with_their_formulas(qtbot):
    panel = _panel(qtbot, "lstm", D=2, H=8, O=1, L=2)
    text = panel.equations_html()
    assert "Layer 1: 4H(D + H) + 8H = 4·8·(2 + 8) + 8·8 = 384" in text
    assert "Layer 2: 4H(H + H) + 8H = 4·8·(8 + 8) + 8·8 = 576" in text
    assert "Head: O·H + O = 1·8 + 1 = 9" in text
    assert "Total: 384 + 576 + 9 = 969" in text
    # the tutorials' one-bias formula, and the difference
    assert "4[(D + H)H + H]" in text and "352 + 32 = 384" in text
    assert "b<sub>ih</sub> and b<sub>hh</sub>" in text
    # shapes in letters beside the numbers
    assert "<td>(4H, D)</td><td>(32, 2)</td>" in text
    assert "<td>(4H, H)</td><td>(32, 8)</td>" in text


@pytest.mark.parametrize(
    ("cell", "formula"),
    [
        ("rnn", "H(D + H) + 2H"),
        ("lstm", "4H(D + H) + 8H"),
        ("peephole", "4H(D + H) + 8H + 3H"),
        ("gru", "3H(D + H) + 6H"),
        ("cifg", "3H(D + H) + 6H"),
    ],
)
def test_layer_formulas(qtbot, cell, formula):
    assert cell_spec(cell).layer_formula() == formula
    assert f"Layer 1: {formula} = " in _panel(qtbot, cell).equations_html()


@pytest.mark.parametrize("cell", CELLS)
def test_every_equation_is_typeset(qtbot, cell):
    text = _panel(qtbot, cell).equations_html()
    for lhs, rhs in equations(cell) + backward_equations(cell):
        assert math_html(lhs) in text
        assert math_html(rhs) in text
    assert "<sub>" in text and "_t" not in text  # no markup left over
    # the backward step, after the forward one: δh, each gate's δa, what goes back
    assert text.index("Backward pass") > text.index(math_html(equations(cell)[-1][1]))
    lhs = [lhs for lhs, _ in backward_equations(cell)]
    assert lhs[0] == "δh_t" and "δh^{(t)}_{t−1}" in lhs
    assert ("δc^{(t)}_{t−1}" in lhs) == cell_spec(cell).has_cell_state
    if cell == "lstm":
        assert math_html("δc_t ⊙ f_t") in text


def test_math_markup():
    assert math_html("W_if x_t + b_if") == "W<sub>if</sub> x<sub>t</sub> + b<sub>if</sub>"
    assert math_html("h_{t−1}") == "h<sub>t−1</sub>"
    assert math_html("h^{(2)}_t") == "h<sup>(2)</sup><sub>t</sub>"
    assert math_html("a < b") == "a &lt; b"
    assert math_text("h_{t−1}") == "h_{t−1}"


def test_lstm_uses_pytorch_biases_and_gate_order(qtbot):
    text = _panel(qtbot, "lstm").equations_html()
    order = [text.index(math_html(f"{g}_t")) for g in "ifgo"]
    assert order == sorted(order)
    assert math_html("W_ii x_t + b_ii + W_hi h_{t−1} + b_hi") in text
    assert "W<sub>ii</sub>, W<sub>if</sub>, W<sub>ig</sub>, W<sub>io</sub>" in text


def test_gru_states_its_convention(qtbot):
    text = _panel(qtbot, "gru").equations_html()
    assert "PyTorch's form" in text
    assert math_html("(1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}") in text
    # the tutorials' form and how the two z relate
    assert "(1 − z<sub>t</sub>) h<sub>t−1</sub> + z<sub>t</sub> h̃<sub>t</sub>" in text
    assert "PyTorch's z is the tutorial's 1 − z" in text
    assert math_html("r_t ⊙ (W_hn h_{t−1} + b_hn)") in text


def test_peephole_and_cifg_notes(qtbot):
    peephole = _panel(qtbot, "peephole", D=2, H=8, L=1)
    text = peephole.equations_html()
    assert "<code>rnn.weight_ch_l0</code>" in text and "<td>(3H,)</td><td>(24,)</td>" in text
    assert "w<sub>ci</sub>" in text and "diagonal" in text
    assert "384 + 24 = 408" in text  # the peepholes on top of the two-bias count
    cifg = _panel(qtbot, "cifg").equations_html()
    assert "3 gate blocks (f, g, o)" in cifg
    assert "<td>(3H, D)</td><td>(24, 2)</td>" in cifg
    assert '<td align="right" style=' in cifg  # the equations' left sides align right
    assert math_html("1 − f_t") in cifg


def test_stacked_layers_note_only_with_several_layers(qtbot):
    assert "Layer k > 1" in _panel(qtbot, "lstm", L=2).equations_html()
    assert "Layer k > 1" not in _panel(qtbot, "lstm", L=1).equations_html()


def test_snapshots_change_nothing(qtbot):
    trainer = adding_trainer("gru", 1)
    panel = EquationsPanel()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, trainer.config)
    before = panel.equations_html()
    trainer.train_step()
    panel.on_snapshot(trainer.snapshot())
    panel.on_snapshot(trainer.snapshot(probe=False))
    assert panel.equations_html() == before
    assert panel.total_shown == 3 * 8 * (2 + 8) + 6 * 8 + 8 + 1


@pytest.mark.parametrize("cell", CELLS)
def test_fits_600_by_400_without_sideways_scrolling(qtbot, cell):
    panel = _panel(qtbot, cell, D=62, H=512, O=62, L=4)
    panel.resize(600, 400)
    panel.show()
    qtbot.waitExposed(panel)
    QApplication.processEvents()
    browser = panel.browser
    assert browser.horizontalScrollBar().maximum() == 0
    assert QFontInfo(browser.font()).pixelSize() >= QFontInfo(QApplication.font()).pixelSize()
    assert browser.toPlainText().startswith(
        {"rnn": "Plain", "lstm": "LSTM", "gru": "GRU", "peephole": "LSTM", "cifg": "LSTM"}[cell]
    )
