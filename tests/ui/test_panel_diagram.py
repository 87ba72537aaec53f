"""The cell diagram: every element shows the probe's value at the selected (t, unit, layer),
coloured on the heatmaps' scales, with its equation (numbers put in) on hover or click."""

import dataclasses
import math
import re
from types import MappingProxyType

import numpy as np
import pyqtgraph as pg
import pytest
from panel_helpers import adding_trainer, backward_pass, reset_panel
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication

from lstm_studio.engine import cell_spec
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui.panels.base import BACKWARD, Selection
from lstm_studio.ui.panels.diagram import (
    MINUS,
    VALUE_PX,
    CellDiagramPanel,
    delta_position,
    fmt,
    fmt_short,
    preactivation,
)
from lstm_studio.ui.panels.equations import math_html
from lstm_studio.ui.panels.gates import SCALES

CELLS = ("rnn", "lstm", "gru", "peephole", "cifg")
GATES = {"i", "f", "g", "o", "r", "z", "n", "a"}
SELECTED = Selection(t=3, unit=2, layer=1)  # the brief's choice: layer 2 reads layer 1's h


def _trained(cell, num_layers=2, steps=2):
    trainer = adding_trainer(cell, num_layers)
    for _ in range(steps):
        trainer.train_step()
    return trainer


def _shown(qtbot, cell, selection=SELECTED):
    trainer = _trained(cell)
    panel = reset_panel(qtbot, CellDiagramPanel, trainer)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    panel.on_selection(selection)
    return panel, snap, trainer


def _number(text: str) -> float:
    return float(text.replace(MINUS, "-"))


def _result(equation: str) -> float:
    """The number after the last "=" of an equation."""
    return _number(equation.rsplit("=", 1)[1].strip())


def _expected(cell, probe, t, u, k):
    """Every element's value: the probe's arrays, and the products and sums of the cell's
    reference step (``probe.quantities``), which must be those of the arrays (to the
    float32 rounding of the step that computed them)."""
    a, q = probe.layers[k], probe.quantities[k]
    v = {name: float(arr[t, u]) for name, arr in a.items()}
    v["h_prev"] = float(a["h"][t - 1, u]) if t > 0 else 0.0
    mine = {}  # computed here from the arrays
    if "c" in a:
        v["c_prev"] = float(a["c"][t - 1, u]) if t > 0 else 0.0
        mine["f_c"] = v["f"] * v["c_prev"]
        mine["i_g"] = v["i"] * v["g"]
        mine["tanh_c"] = math.tanh(v["c"])
        v["sum"] = v["c"]
        v["o_tanh_c"] = v["h"]
    if cell == "gru":
        mine["z_h"] = v["z"] * v["h_prev"]
        mine["one_minus_z"] = 1 - v["z"]
        mine["one_minus_z_n"] = (1 - v["z"]) * v["n"]
        mine["r_h"] = None  # needs the weights: only the reference step knows it
        v["sum"] = v["h"]
    for name, value in mine.items():
        v[name] = float(q[name][t, u])
        if value is not None:
            assert v[name] == pytest.approx(value, rel=1e-5, abs=1e-6), name
    return v


def test_title_object_name_and_explanation(qtbot):
    panel = CellDiagramPanel()
    qtbot.addWidget(panel)
    assert panel.title == "Cell diagram"
    assert panel.objectName() == panel.object_name == "diagram_panel"
    assert "equation" in panel.explanation and "<p>" in panel.explanation


@pytest.mark.parametrize("cell", CELLS)
def test_every_value_is_the_probes_entry(qtbot, cell):
    panel, snap, _ = _shown(qtbot, cell)
    layers = snap.probe.layers
    assert panel.selection() == Selection(3, 2, 1)
    expected = _expected(cell, snap.probe, 3, 2, 1)
    expected["x"] = float(layers[0]["h"][3, 2])  # layer 2 reads layer 1's h
    assert set(panel.element_names()) <= set(expected)
    for name in panel.element_names():
        want = expected[name]
        got = panel.element_value(name)
        if want is None:
            assert got is None
            continue
        assert got == pytest.approx(want, rel=1e-12, abs=1e-12), name
        if panel.elements[name].spec.show_value:
            assert panel.element_text(name).endswith(fmt(want)), name
    # the probe's own arrays are shown exactly, not recomputed
    for name in set(panel.element_names()) & set(layers[1]):
        assert panel.element_value(name) == float(layers[1][name][3, 2])
    assert panel.element_value("h_prev") == float(layers[1]["h"][2, 2])
    if "c" in layers[1]:
        assert panel.element_value("c_prev") == float(layers[1]["c"][2, 2])


@pytest.mark.parametrize("cell", CELLS)
def test_colours_are_the_heatmaps(qtbot, cell):
    panel, snap, _ = _shown(qtbot, cell)
    arrays = snap.probe.layers[1]
    for name in set(panel.element_names()) & set(arrays):
        scale = SCALES[cell_spec(cell).scale(name)]
        lo, hi = scale.levels
        value = float(arrays[name][3, 2])
        where = min(max((value - lo) / (hi - lo), 0), 1)
        want = pg.colormap.get(scale.colormap).map(where, mode="qcolor")
        assert panel.elements[name].fill().name() == want.name(), name
    # the input of layer 2 is layer 1's h: a tanh value
    assert panel.elements["x"].scale == "tanh"


def test_lstm_cell_state_equation_has_the_numbers(qtbot):
    panel, snap, _ = _shown(qtbot, "lstm")
    a = snap.probe.layers[1]
    f, i, g, c = (float(a[n][3, 2]) for n in "figc")
    c_prev = float(a["c"][2, 2])
    text = panel.equation_text("c")
    assert text.startswith("c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t = ")
    numbers = [_number(s) for s in re.findall(r"[−\d.]+\d", text.split(" = ", 2)[2])]
    assert numbers[:4] == pytest.approx([f, c_prev, i, g], abs=5e-4)
    assert _result(text) == pytest.approx(c, abs=5e-4)
    # the numbers shown give the result shown, up to their rounding
    assert numbers[0] * numbers[1] + numbers[2] * numbers[3] == pytest.approx(c, abs=3e-3)
    assert _result(panel.equation_text("h")) == pytest.approx(float(a["h"][3, 2]), abs=5e-4)
    assert f"tanh({fmt(c)})" in panel.equation_text("h")


@pytest.mark.parametrize("cell", ("lstm", "gru", "peephole"))
def test_gate_equations_invert_the_activation(qtbot, cell):
    panel, snap, _ = _shown(qtbot, cell)
    for name in set(panel.element_names()) & (GATES - {"a"}):
        text = panel.equation_text(name)
        value = float(snap.probe.layers[1][name][3, 2])
        match = re.search(r"= (σ|tanh)\(([−\d.]+)\) = ([−\d.]+)$", text)
        assert match, text
        pre = _number(match.group(2))
        back = 1 / (1 + math.exp(-pre)) if match.group(1) == "σ" else math.tanh(pre)
        # the pre-activation has two decimals: sigmoid' <= 1/4, tanh' <= 1
        assert back == pytest.approx(value, abs=5.1e-3), text
        assert _result(text) == pytest.approx(value, abs=5e-4)
    assert panel.equation_text("f" if cell != "gru" else "z").startswith(
        "f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf"
        if cell != "gru"
        else "z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)"
    )


def test_preactivation_bounds_when_saturated():
    eps32 = float(np.finfo(np.float32).eps)
    assert preactivation(0.5, "σ", eps32) == "0.00"
    assert _number(preactivation(0.9, "σ", eps32)) == pytest.approx(math.log(9), abs=5e-3)
    assert _number(preactivation(-0.5, "tanh", eps32)) == pytest.approx(math.atanh(-0.5), 5e-3)
    for value, function, sign in ((1.0, "σ", ">"), (0.0, "σ", "<"), (1.0, "tanh", ">")):
        text = preactivation(value, function, eps32)
        assert text.startswith(sign + " "), text
        assert math.isfinite(_number(text[2:]))
    assert preactivation(-1.0, "tanh", eps32).startswith("< " + MINUS)
    # float64 resolves much further into the tails
    assert _number(preactivation(1.0, "σ", float(np.finfo(np.float64).eps))[2:]) > 30


def test_a_saturated_gate_shows_a_bound_not_inf(qtbot):
    panel, snap, _ = _shown(qtbot, "lstm")
    layers = [dict(a) for a in snap.probe.layers]
    f = np.array(layers[1]["f"])
    f[3, 2] = 1.0  # float32: the sigmoid's argument was above ~15
    layers[1]["f"] = f
    probe = dataclasses.replace(snap.probe, layers=tuple(MappingProxyType(a) for a in layers))
    panel.on_snapshot(dataclasses.replace(snap, probe=probe))
    text = panel.equation_text("f")
    # within 4 eps of 1 only a lower bound is known: logit(1 − 4 eps) = 14.56 in float32
    assert text.endswith("= σ(> 14.6) = 1.000")
    assert "inf" not in text and "∞" not in text


def test_cifg_draws_the_input_gate_as_one_minus_f(qtbot):
    panel, snap, _ = _shown(qtbot, "cifg")
    i = panel.elements["i"]
    assert i.spec.kind == "op" and i.spec.symbol == "1 − f"
    gate_boxes = {k for k, e in panel.elements.items() if e.spec.kind == "gate"}
    assert gate_boxes == {"f", "g", "o"}
    f = float(snap.probe.layers[1]["f"][3, 2])
    assert panel.element_value("i") == pytest.approx(1 - f, abs=1e-6)
    assert panel.equation_text("i") == f"i_t = 1 − f_t = 1 − {fmt(f)} = {fmt(1 - f)}"
    assert panel.equation_text("c").startswith("c_t = f_t ⊙ c_{t−1} + (1 − f_t) ⊙ g_t = ")
    # an edge runs from f's output into the 1 − f node
    into_i = [
        e for e in panel.edges if i.body().translated(i.pos()).contains(QPointF(*e.points[-1]))
    ]
    assert into_i and into_i[0].points[0][0] == panel.elements["f"].pos().x()
    # the plain LSTM has an input-gate box instead
    lstm, _, _ = _shown(qtbot, "lstm")
    assert lstm.elements["i"].spec.kind == "gate" and lstm.elements["i"].spec.symbol == "σ"


def test_peephole_edges_from_the_cell_state(qtbot):
    panel, _, _ = _shown(qtbot, "peephole")
    edges = panel.peephole_edges
    assert len(edges) == 3
    assert all(e.pen().style() == Qt.PenStyle.DashLine for e in edges)
    targets = []
    for edge in edges:
        end = QPointF(*edge.points[-1])
        [target] = [
            k for k, el in panel.elements.items() if el.body().translated(el.pos()).contains(end)
        ]
        targets.append(target)
        assert edge.head is not None  # it ends in an arrow
        # it starts on the cell-state line
        assert edge.points[0][1] == panel.elements["c"].pos().y()
    assert sorted(targets) == ["f", "i", "o"]
    x_forget = panel.elements["f_c"].pos().x()
    x_sum = panel.elements["sum"].pos().x()
    for edge, target in zip(edges, targets, strict=True):
        if target == "o":  # o sees the new c_t: after the +
            assert edge.points[0][0] > x_sum
        else:  # i and f see c_{t−1}: before the forget gate's ×
            assert edge.points[0][0] < x_forget
    assert all("rnn.weight_ch_l1" in e.toolTip() for e in edges)  # layer 2 is selected
    assert "w_ci ⊙ c_{t−1}" in panel.equation_text("i")
    assert "w_co ⊙ c_t" in panel.equation_text("o")
    plain, _, _ = _shown(qtbot, "lstm")
    assert plain.peephole_edges == []


def test_gru_equations(qtbot):
    panel, snap, trainer = _shown(qtbot, "gru")
    a = snap.probe.layers[1]
    z, n, h = (float(a[k][3, 2]) for k in "znh")
    h_prev = float(a["h"][2, 2])
    text = panel.equation_text("h")
    assert text.startswith("h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1} = (1 − ")
    assert fmt(z) in text and fmt(n) in text and fmt(h_prev) in text
    assert _result(text) == pytest.approx(h, abs=5e-4)
    # r ⊙ (W_hn h_{t−1} + b_hn) needs the weights: the reference step knows them
    W_hn = trainer.model.parameters()["rnn.weight_hh_l1"][16:]
    b_hn = trainer.model.parameters()["rnn.bias_hh_l1"][16:]
    h_prevs = np.asarray(a["h"][2], np.float64)
    r_h = float(a["r"][3, 2]) * (W_hn[2] @ h_prevs + b_hn[2])
    assert panel.element_value("r_h") == pytest.approx(r_h, rel=1e-5)
    assert "r_t" in panel.equation_text("r_h")
    assert _result(panel.equation_text("r_h")) == pytest.approx(r_h, abs=5e-4)
    assert _result(panel.equation_text("one_minus_z")) == pytest.approx(1 - z, abs=5e-4)


def test_rnn_equations(qtbot):
    panel, snap, _ = _shown(qtbot, "rnn")
    a = snap.probe.layers[1]
    pre, h = float(a["a"][3, 2]), float(a["h"][3, 2])
    text = panel.equation_text("a")  # the pre-activation and its terms
    assert text.startswith("a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh = W·x + W·h + b = ")
    assert text.endswith(f" = {fmt(pre)}")
    q = snap.probe.quantities[1]
    terms = [fmt(float(q[k][3, 2])) for k in ("Wx_a", "Wh_a", "b_a")]
    assert all(term in text for term in terms)
    assert panel.equation_text("h") == f"h_t = tanh(a_t) = tanh({fmt(pre)}) = {fmt(h)}"
    assert panel.element_text("a") == f"a = {fmt(pre)}"
    assert math.tanh(pre) == pytest.approx(h, abs=1e-5)


def test_changing_the_selection_changes_the_values(qtbot):
    panel, snap, _ = _shown(qtbot, "lstm")
    before = {k: panel.element_value(k) for k in panel.element_names()}
    panel.on_selection(Selection(t=7, unit=5, layer=0))
    assert panel.selection() == Selection(7, 5, 0)
    a = snap.probe.layers[0]
    for name in "ifgoch":
        assert panel.element_value(name) == float(a[name][7, 5])
    assert panel.element_value("h_prev") == float(a["h"][6, 5])
    changed = [k for k in before if before[k] != panel.element_value(k)]
    assert len(changed) >= len(before) - 1
    assert "Layer 1, unit 5, step t = 7" in panel.header.text()
    # layer 1's input is the raw input vector (D = 2): both values, no single colour
    x = snap.probe.inputs[7]
    assert panel.element_value("x") is None and panel.elements["x"].scale is None
    assert panel.element_text("x") == ", ".join(f"{v:.2f}".replace("-", MINUS) for v in x)
    assert panel.equation_text("x") == "x_t = x_{7} = [" + ", ".join(fmt(v) for v in x) + "]"


def test_an_out_of_range_selection_is_clamped(qtbot):
    panel, snap, trainer = _shown(qtbot, "gru", Selection(t=10_000, unit=99, layer=7))
    T, H = snap.probe.layers[1]["h"].shape
    assert panel.selection() == Selection(T - 1, H - 1, 1)
    assert panel.element_value("z") == float(snap.probe.layers[1]["z"][T - 1, H - 1])
    panel.on_selection(Selection(t=-3, unit=-1, layer=-2))
    assert panel.selection() == Selection(0, 0, 0)
    assert panel.element_value("n") == float(snap.probe.layers[0]["n"][0, 0])
    # the initial state is zero
    assert panel.element_value("h_prev") == 0.0
    assert "initial state is zero" in panel.equation_text("h_prev")
    # a smaller model next: the same wanted selection is clamped to it
    panel.on_selection(Selection(t=3, unit=7, layer=1))
    single = _trained("gru", num_layers=1)
    panel.reset(single.task, single.config)
    panel.on_snapshot(single.snapshot())
    assert panel.selection() == Selection(3, 7, 0)


def test_a_snapshot_without_probe_changes_nothing(qtbot):
    trainer = _trained("lstm")
    panel = reset_panel(qtbot, CellDiagramPanel, trainer)
    panel.on_snapshot(trainer.snapshot(probe=False))  # before any data
    assert panel.selection() is None
    assert all(panel.element_value(k) is None for k in panel.element_names())
    assert panel.element_text("f") == "–"
    assert panel.equation_text("f") == "f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)"
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    shown = panel.element_value("f")
    assert shown == float(snap.probe.layers[0]["f"][0, 0])
    panel.on_snapshot(trainer.snapshot(probe=False))
    assert panel.element_value("f") == shown


def test_reset_to_another_cell_ignores_the_old_runs_snapshots(qtbot):
    lstm = _trained("lstm")
    panel = reset_panel(qtbot, CellDiagramPanel, lstm)
    old = lstm.snapshot()
    gru = _trained("gru")
    panel.reset(gru.task, gru.config)
    assert set(panel.element_names()) >= {"r", "z", "n", "h", "h_prev", "x"}
    assert "c" not in panel.element_names()
    panel.on_snapshot(old)  # queued before the reset: from a model with other arrays
    assert all(panel.element_value(k) is None for k in panel.element_names())
    panel.on_snapshot(gru.snapshot())
    assert panel.element_value("z") is not None


def test_inputs_wider_than_four_show_their_norm(qtbot):
    trainer = Trainer(TrainConfig(task="echo", cell="lstm", hidden_size=4, steps=2))
    panel = reset_panel(qtbot, CellDiagramPanel, trainer)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    panel.on_selection(Selection(2, 1, 0))
    x = snap.probe.inputs[2]
    assert x.size == 8
    norm = fmt(float(np.linalg.norm(x)))
    assert panel.element_text("x") == f"‖x‖ = {norm}"
    assert "8" in panel.elements["x"].caption
    assert panel.equation_text("x") == f"x_t = x_{{2}}: 8 values, ‖x_t‖ = {norm}"


def test_a_single_input_is_coloured_on_the_wide_scale(qtbot):
    trainer = Trainer(TrainConfig(task="sin-to-cos", cell="rnn", hidden_size=4, steps=2))
    panel = reset_panel(qtbot, CellDiagramPanel, trainer)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    panel.on_selection(Selection(4, 0, 0))
    assert panel.element_value("x") == float(snap.probe.inputs[4, 0])
    assert panel.elements["x"].scale == "wide"


def test_click_and_hover_show_the_equation(qtbot):
    panel, _, _ = _shown(qtbot, "lstm")
    panel.resize(800, 520)
    panel.show()
    qtbot.waitExposed(panel)
    # a click on the forget gate selects it
    f = panel.elements["f"]
    pos = panel.view.mapFromScene(f.pos())
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert f.selected and not panel.elements["c"].selected
    assert math_html(panel.equation_text("f")) in panel.info_label.text()
    assert "Forget gate" in panel.info_label.text()
    # hovering another element shows its equation while the mouse is on it
    g = panel.view.mapFromScene(panel.elements["g"].pos())
    qtbot.mouseMove(panel.view.viewport(), g)
    assert math_html(panel.equation_text("g")) in panel.info_label.text()
    assert "Candidate" in panel.info_label.text()
    # off it again: back to the clicked one
    qtbot.mouseMove(panel.view.viewport(), panel.view.mapFromScene(QPointF(960, 260)))
    assert math_html(panel.equation_text("f")) in panel.info_label.text()
    panel.select_element("tanh_c")
    assert "tanh(c<sub>t</sub>) = tanh(" in panel.info_label.text()
    with pytest.raises(KeyError):
        panel.select_element("nope")


@pytest.mark.parametrize("cell", CELLS)
def test_readable_and_unclipped_at_600_by_400(qtbot, cell):
    panel, _, _ = _shown(qtbot, cell)
    panel.resize(600, 400)
    panel.show()
    qtbot.waitExposed(panel)
    QApplication.processEvents()
    # the smallest text (values, captions) is drawn at least at the app's font size
    app_px = QFontInfo(panel.font()).pixelSize()
    assert VALUE_PX * panel.view.scale_factor() >= app_px
    # the whole scene is in view
    viewport = panel.view.viewport().rect()
    assert viewport.contains(panel.view.mapFromScene(panel.scene.sceneRect()).boundingRect())
    for name, element in panel.elements.items():
        body = element.body()
        for rect in element.text_rects():  # every line of text inside its shape
            assert body.contains(rect), name
        assert panel.scene.sceneRect().contains(element.sceneBoundingRect()), name
    # every equation fits in the area below the drawing
    for name in panel.element_names():
        panel.select_element(name)
        QApplication.processEvents()
        label = panel.info_label
        assert label.height() >= label.heightForWidth(label.width()), name


def test_renders(qtbot):
    panel, _, _ = _shown(qtbot, "lstm")
    panel.resize(800, 500)
    image = panel.grab().toImage()
    assert image.width() == 800
    colours = {image.pixel(x, y) for x in range(0, 800, 5) for y in range(40, 420, 5)}
    assert len(colours) > 30


# ---------------------------------------------------------------------------- backward
def _backward_shown(qtbot, cell, t=None, unit=2, layer=1, truncate=0, steps=3):
    """The diagram in backward mode on a real run: its snapshot's probe carries the
    backward pass of l_τ (truncated every ``truncate`` steps)."""
    trainer = adding_trainer(cell, 2)
    if truncate:
        trainer = Trainer(trainer.config.replace(truncate=truncate))
    for _ in range(steps):
        trainer.train_step()
    panel = reset_panel(qtbot, CellDiagramPanel, trainer)
    snap = trainer.snapshot()
    assert snap.probe.backward and snap.probe.truncate == truncate
    panel.on_snapshot(snap)
    tau = snap.probe.decay_tau
    panel.on_selection(Selection(tau - 3 if t is None else t, unit, layer, BACKWARD))
    return panel, snap, trainer


def _numbers(text: str) -> list[float]:
    """Every number written in an equation, in order."""
    found = re.findall(r"−?\d+(?:\.\d+)?(?:e[−+]\d+)?", text)
    return [_number(s) for s in found]


@pytest.mark.parametrize("cell", CELLS)
def test_backward_mode_shows_every_delta_of_the_probe(qtbot, cell):
    panel, snap, _ = _backward_shown(qtbot, cell)
    t, u, k = panel.selection().t, 2, 1
    d = snap.probe.backward[k]
    spec = cell_spec(cell)
    want = {"h": d["dh"], "h_prev": d["dh_prev"]}
    want.update({b: d[f"da_{b}"] for b in spec.blocks})
    if spec.has_cell_state:
        want.update(c=d["dc"], c_prev=d["dc_prev"])
    want["x"] = snap.probe.backward[0]["dh_above"]  # what layer 2 sends down to layer 1's h
    for name, arr in want.items():
        assert panel.element_value(name) == float(arr[t, u]), name
        assert panel.elements[name].scale == "delta"
        assert panel.element_text(name) == fmt_short(float(arr[t, u])), name
    # every backward equation: the numbers written in it give the value written, and the
    # value is the probe's
    for name in want:
        text = panel.equation_text(name)
        assert text.startswith("δ"), text
        got = _number(text.rsplit("= ", 1)[1])
        assert got == pytest.approx(float(want[name][t, u]), rel=6e-3, abs=1e-12), text
    # the + and × that make c_t and h_t show their δ; the other operations are left blank
    state = "c" if spec.has_cell_state else "h"
    assert panel.element_value("sum") in (None, panel.element_value(state))
    for name in set(panel.element_names()) - set(want) - {"sum", "o_tanh_c"}:
        assert panel.element_value(name) is None, name
        assert panel.elements[name].scale is None


def test_stepping_back_an_lstm_reads_dc_prev_with_its_numbers(qtbot):
    """The brief's learner: backward mode on an LSTM, δc_{t−1} = δc_t ⊙ f_t with the
    numbers; one step back, δc_{t−1} is that plus the part through h_{t−1}."""
    panel, snap, _ = _backward_shown(qtbot, "lstm", layer=0)
    tau = snap.probe.decay_tau
    d, a = snap.probe.backward[0], snap.probe.layers[0]
    u = 2
    for t in range(tau, 0, -1):
        panel.on_selection(Selection(t, u, 0, BACKWARD))
        assert f"from τ = {tau} back to t = {t}" in panel.header.text()
        dc_prev = float(d["dc_prev"][t, u])
        assert panel.element_value("c_prev") == dc_prev
        text = panel.equation_text("c_prev")
        assert text.startswith("δc^{(t)}_{t−1} = δc_t ⊙ f_t = ")
        dc, f = float(d["dc"][t, u]), float(a["f"][t, u])
        shown = _numbers(text.split(" = ", 2)[2])
        assert shown[0] == pytest.approx(dc, rel=5e-3) and shown[1] == pytest.approx(f, abs=5e-4)
        assert dc_prev == pytest.approx(dc * f, rel=1e-6)
        # one step back: δc_{t−1} = δc^{(t)}_{t−1} + δh_{t−1} ⊙ o_{t−1} ⊙ (1 − tanh² c_{t−1})
        s = t - 1
        o, c = float(a["o"][s, u]), float(a["c"][s, u])
        dh = float(d["dh"][s, u])
        assert float(d["dc"][s, u]) == pytest.approx(
            dc_prev + dh * o * (1 - math.tanh(c) ** 2), rel=1e-5, abs=1e-12
        )
        panel.on_selection(Selection(s, u, 0, BACKWARD))
        text = panel.equation_text("c")
        assert text.startswith("δc_t = δc^{(t+1)}_t + δh_t ⊙ o_t ⊙ (1 − tanh²(c_t)) = ")
        assert _numbers(text.split(" = ", 2)[2])[0] == pytest.approx(dc_prev, rel=5e-3)


@pytest.mark.parametrize("cell", ("lstm", "gru", "rnn"))
def test_what_each_step_adds_sums_to_the_engines_gradient(qtbot, cell):
    """Row u of each block's weights: the contributions the diagram shows, summed over
    t = 0 … τ, are the engine's gradient of l_τ (the loss at τ alone)."""
    panel, snap, trainer = _backward_shown(qtbot, cell)
    tau, u, k = snap.probe.decay_tau, 2, 1
    p = trainer.task.probe()
    only = np.zeros(tau + 1)
    only[tau] = 1
    model = trainer.model
    _, grads = model.loss_and_gradients(
        p.x[: tau + 1], p.target[: tau + 1], trainer.task.loss, only
    )
    spec = cell_spec(cell)
    for b in spec.blocks:
        total = {"weight_ih": 0.0, "weight_hh": 0.0, "bias_ih": 0.0, "bias_hh": 0.0}
        for t in range(tau + 1):
            panel.on_selection(Selection(t, u, k, BACKWARD))
            rows = panel.weight_rows(b)
            for name in total:
                total[name] = total[name] + rows[name]
        row = rows["row"]
        for name, value in total.items():
            engine = np.asarray(grads[f"rnn.{name}_l{k}"][row], np.float64)
            np.testing.assert_allclose(value, engine, rtol=2e-3, atol=1e-7, err_msg=(b, name))
    panel.select_element(spec.blocks[0])
    assert "adds to row 2 of the gradients" in panel.info_label.text()
    assert "‖·‖ = " in panel.info_label.text()


def test_backward_mode_draws_the_flow_right_to_left(qtbot):
    panel, snap, _ = _backward_shown(qtbot, "lstm")
    # every arrow now points back towards where the forward value came from
    for edge in panel.edges:
        assert edge.backward and edge.head is edge.backward_head
        tip = edge.head.boundingRect().center()
        start, end = QPointF(*edge.points[0]), QPointF(*edge.points[-1])
        assert (tip - start).manhattanLength() < (tip - end).manhattanLength()
    assert [key for key, _ in panel.legend.scales] == ["delta"]
    assert "Backward pass" in panel.header.text()
    # c_{t−1}'s arrow into it: the cell state flows back along the top
    c_prev = panel.elements["c_prev"]
    into = [e for e in panel.edges if e.points[0] == c_prev.spec.at]
    assert into and all(
        c_prev.body()
        .translated(c_prev.pos())
        .adjusted(-16, -16, 16, 16)
        .contains(e.head.boundingRect().center())
        for e in into
    )
    # the colours: a symmetric log scale of |δ|
    assert delta_position(0.0) == 0.5
    assert delta_position(10.0) == 1.0 and delta_position(-10.0) == 0.0
    assert delta_position(1e-3) == pytest.approx(0.5 + 0.5 * 2 / 6)
    assert delta_position(-1e-7) == 0.5
    assert [fmt_short(v) for v in (0.5234, -3.14e-4, 12.3, 0.0)] == ["0.52", "−3.1e−4", "12", "0"]
    assert panel.elements["c_prev"].name == ("δc", "t−1")
    assert panel.elements["f"].name == ("δa", "f,t")
    # forward again: values, arrows and legend as before
    panel.on_selection(Selection(3, 2, 1))
    assert not any(e.backward for e in panel.edges)
    assert panel.element_value("f") == float(snap.probe.layers[1]["f"][3, 2])
    assert panel.elements["f"].scale == "sigmoid" and panel.elements["f"].name == ("f", "t")
    assert "sigmoid" in [key for key, _ in panel.legend.scales]


def test_a_truncation_cut_says_delta_is_not_passed_on(qtbot):
    panel, snap, _ = _backward_shown(qtbot, "lstm", t=15, layer=0, truncate=5)
    assert snap.probe.decay_tau == 19  # the last cut before τ is at t = 15
    assert panel.truncation_cut()
    assert "not passed on to step 14" in panel.header.text()
    panel.select_element("c_prev")
    assert "not passed on" in panel.info_label.text()
    d = snap.probe.backward[0]
    assert np.all(d["dc_next"][14] == 0) and np.any(d["dc_prev"][15] != 0)
    panel.on_selection(Selection(14, 2, 0, BACKWARD))
    assert not panel.truncation_cut() and "not passed on" not in panel.header.text()


def test_the_probes_backward_pass_is_the_reference_steps(qtbot):
    """The snapshot's backward pass, written again here with the registry's reference
    steps (``panel_helpers.backward_pass``): the diagram shows those numbers."""
    for cell in ("lstm", "gru"):
        trainer = _trained(cell, steps=3)
        probe = trainer.snapshot().probe
        p = trainer.task.probe()
        mine = backward_pass(
            trainer.model, p.x, p.target, trainer.task.loss, p.mask, probe.decay_tau
        )
        for k in range(2):
            assert set(mine[k]) <= set(probe.backward[k])  # and dh_prev_<block> (engine tests)
            for key, value in mine[k].items():
                scale = float(np.abs(value).max()) or 1.0
                np.testing.assert_allclose(probe.backward[k][key], value, atol=1e-5 * scale)


def test_without_a_backward_pass_backward_mode_says_so(qtbot):
    panel, snap, _ = _shown(qtbot, "lstm")
    bare = dataclasses.replace(snap.probe, backward=())  # an old snapshot
    panel.on_snapshot(dataclasses.replace(snap, probe=bare))
    panel.on_selection(Selection(3, 2, 1, BACKWARD))
    assert "no backward pass" in panel.header.text()
    assert panel.element_value("f") is None


@pytest.mark.parametrize("cell", CELLS)
def test_forward_equations_split_each_preactivation(qtbot, cell):
    """σ(W·x + W·h + b) = σ(1.20 + 6.10 + 0.28) = σ(7.58): the terms are the reference
    step's and add up to the pre-activation."""
    trainer = _trained(cell)
    panel = reset_panel(qtbot, CellDiagramPanel, trainer)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    panel.on_selection(SELECTED)
    q = snap.probe.quantities[1]
    spec = cell_spec(cell)
    for b in spec.blocks:
        text = panel.equation_text(b)
        quantity = spec.quantity(b)
        pre_key = quantity.preactivation or b
        pre = float(q[pre_key][3, 2]) if pre_key in q else float(snap.probe.layers[1][b][3, 2])
        assert f"({quantity.split}) = " in text or f"= {quantity.split} = " in text, text
        terms = text.split(quantity.split, 1)[1].split(" = ")[1]
        terms = re.sub(r"^(σ|tanh)\((.*)\)$", r"\2", terms)
        values = _numbers(terms)
        computed = eval(terms.replace("×", "*").replace(MINUS, "-"))  # noqa: S307 - our text
        assert computed == pytest.approx(pre, abs=2e-3 * len(values)), text
        assert _number(terms.split(" + ")[0].strip("()")) == pytest.approx(
            float(q[f"Wx_{b}"][3, 2]), abs=5e-4
        )
    if cell == "lstm":
        f = panel.equation_text("f")
        assert f.startswith(
            "f_t = σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf) = σ(W·x + W·h + b) = σ("
        )


@pytest.mark.parametrize("cell", ["lstm", "gru", "cifg"])
def test_dh_prev_is_written_gate_by_gate(qtbot, cell):
    """δh_{t−1} = W_hiᵀ δa_i + W_hfᵀ δa_f + ...: each term is what that gate's rows of
    W_hh send back, the probe's ``dh_prev_<block>``, and they add up to δh_{t−1}."""
    panel, snap, _ = _backward_shown(qtbot, cell, layer=0)
    t, u = panel.selection().t, 2
    d = snap.probe.backward[0]
    blocks = cell_spec(cell).blocks
    text = panel.equation_text("h_prev")
    assert all(f"W_h{b}ᵀ" in text for b in blocks), text
    shown = _numbers(text.split(" = ", 2)[2])
    for j, b in enumerate(blocks):
        assert shown[j] == pytest.approx(float(d[f"dh_prev_{b}"][t, u]), rel=6e-3, abs=1e-9)
    parts = sum(float(d[f"dh_prev_{b}"][t, u]) for b in blocks)
    if cell == "gru":
        parts += float(snap.probe.layers[0]["z"][t, u]) * float(d["dh"][t, u])
    assert parts == pytest.approx(float(d["dh_prev"][t, u]), rel=1e-4, abs=1e-9)
