"""Text speaks characters: every view of the probe's time axis names the character read at
each step (the heatmaps' axes and hover readouts, the timestep strip, the decay plot and
its hover line, the cell diagram), checked on the widgets as drawn; other tasks keep
their numbered steps."""

import html
import re

import numpy as np
import pytest
from panel_helpers import adding_trainer, render_text
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QImage, QPainter, QTextDocument

from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui import i18n
from lstm_studio.ui.panels.axes import SequenceAxis
from lstm_studio.ui.panels.base import Selection
from lstm_studio.ui.panels.decay import DecayPanel
from lstm_studio.ui.panels.diagram import CellDiagramPanel
from lstm_studio.ui.panels.gates import GatesPanel
from lstm_studio.ui.panels.scrubber import ScrubberPanel
from lstm_studio.ui.panels.states import StatesPanel

T = 24


@pytest.fixture(scope="module")
def text_snaps():
    """An English and a Chinese text run's snapshot after a few steps (T = 24)."""
    out = {}
    for corpus in ("english", "chinese"):
        trainer = Trainer(
            TrainConfig(
                task="text",
                task_params={"corpus": corpus, "steps": T},
                hidden_size=8,
                batch_size=4,
                steps=10,
            )
        )
        for _ in range(3):
            trainer.train_step()
        out[corpus] = (trainer, trainer.snapshot())
    return out


def drawn_texts(axis) -> list[str]:
    """The tick texts ``axis`` draws now (pyqtgraph's own draw specs)."""
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _, _, text in specs[2]] if specs else []


def plain(rich: str) -> str:
    doc = QTextDocument()
    doc.setHtml(rich)
    return doc.toPlainText().replace("\xa0", " ")


def _shown(qtbot, panel, trainer, snap, size=(1000, 600)):
    qtbot.addWidget(panel)
    panel.reset(trainer.task, trainer.config)
    panel.on_snapshot(snap)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


# ---------------------------------------------------------------------------- the axis
def test_the_sequence_axis_labels_as_many_characters_as_fit(qapp):
    axis = SequenceAxis("bottom")
    labels = tuple("the cat sat on the mat. " * 84)[:2000]  # T = 2000
    axis.set_labels(labels)
    # a short view: every step's character
    (spacing, values), *rest = axis.tickValues(99.5, 119.5, 400)
    assert not rest and spacing == 1 and values == list(range(100, 120))
    assert axis.tickStrings(values, 1, spacing) == [labels[t] for t in range(100, 120)]
    # all 2000 steps on 400 pixels: a few, each with its number, far enough apart to read
    (spacing, values), *rest = axis.tickValues(-0.5, 1999.5, 400)
    assert spacing in (200, 500) and 4 <= len(values) <= 10
    strings = axis.tickStrings(values, 1, spacing)
    assert strings == [f"{int(v)} '{labels[int(v)]}'" for v in values]
    # no labels: numbered steps as every other axis
    axis.set_labels(None)
    assert all(s.isdigit() for s in axis.tickStrings([0, 5, 10], 1, 5))


# ---------------------------------------------------------------------------- heatmaps
@pytest.mark.parametrize("cls", [GatesPanel, StatesPanel])
def test_the_heatmaps_axis_and_hover_name_the_characters(qtbot, text_snaps, cls):
    trainer, snap = text_snaps["english"]
    labels = snap.probe.labels
    assert "␣" in labels  # the window holds a space: drawn as a sign, not a blank
    panel = _shown(qtbot, cls(), trainer, snap)
    for name in panel.names:
        axis = panel.plots[name].getAxis("bottom")
        assert drawn_texts(axis) == list(labels) or not axis.style["showValues"]
    bottom = panel.plots[panel.names[-1]]
    assert drawn_texts(bottom.getAxis("bottom")) == list(labels)
    assert "character" in bottom.getAxis("bottom").labelText
    name = panel.names[0]
    vb = panel.plots[name].getViewBox()
    panel.view.scene().sigMouseMoved.emit(vb.mapViewToScene(QPointF(5.2, 3.1)))
    value = float(snap.probe.layers[0][name][5, 3])
    assert panel.value_label.text() == f"t = 5 '{labels[5]}', unit 3: {name} = {value:.3g}"


def test_chinese_characters_are_drawn_on_the_axis_as_glyphs(qtbot, text_snaps):
    assert i18n.has_cjk_font(), i18n.CJK_FONT_HELP
    trainer, snap = text_snaps["chinese"]
    panel = _shown(qtbot, GatesPanel(), trainer, snap)
    axis = panel.plots[panel.names[-1]].getAxis("bottom")
    drawn = drawn_texts(axis)
    assert drawn == list(snap.probe.labels)
    hanzi = [c for c in drawn if "\u4e00" <= c <= "\u9fff"]
    assert len(hanzi) >= T // 2
    font = axis.style["tickFont"] or QFont()
    missing = render_text("\U000f0001", font, 60, 30)  # private use: no font has it, a box
    for c in set(hanzi):
        assert render_text(c, font, 60, 30) != missing, c
    assert render_text(hanzi[0], font, 60, 30) != render_text(hanzi[0] + hanzi[0], font, 60, 30)


def test_other_tasks_keep_numbered_steps_and_a_reset_forgets_the_characters(qtbot, text_snaps):
    trainer, snap = text_snaps["english"]
    panel = _shown(qtbot, GatesPanel(), trainer, snap)
    adding = adding_trainer(num_layers=1)  # the same gates: the plots are kept
    panel.reset(adding.task, adding.config)
    panel.on_snapshot(adding.snapshot())
    qtbot.wait(10)
    axis = panel.plots["o"].getAxis("bottom")
    drawn = drawn_texts(axis)
    assert drawn and all(s.isdigit() for s in drawn)
    assert axis.labelText == "t"
    vb = panel.plots["f"].getViewBox()
    panel.view.scene().sigMouseMoved.emit(vb.mapViewToScene(QPointF(3, 2)))
    assert panel.value_label.text().startswith("t = 3, unit 2: f = ")


# ---------------------------------------------------------------------------- the strip
def test_the_timestep_strip_names_the_character_read(qtbot, text_snaps):
    trainer, snap = text_snaps["english"]
    labels = snap.probe.labels
    strip = _shown(qtbot, ScrubberPanel(), trainer, snap, size=(900, 80))
    t = labels.index("␣")
    strip.set_selection(t, 2, 0)
    assert strip.t_label.text() == f"t = {t} '␣' / {T - 1}"
    readout = plain(strip.readout.text())
    assert readout.startswith(f"t = {t} '␣', unit 2, layer 1:")
    assert "xt = '␣'" in readout and "symbol" not in readout
    strip.set_selection(t + 1, 2, 0)
    assert f"xt = '{labels[t + 1]}'" in plain(strip.readout.text())
    # backward: the step and the scored step τ both named
    strip.set_direction("backward")
    strip.set_selection(t, 2, 0)
    tau = strip.tau()
    assert strip.t_label.text() == f"t = {t} '␣' ← τ = {tau} '{labels[tau]}'"
    assert plain(strip.readout.text()).startswith(
        f"Backward from τ = {tau} '{labels[tau]}': t = {t} '␣', unit 2, layer 1:"
    )
    # the label is wide enough for what it says
    metrics = strip.t_label.fontMetrics()
    assert metrics.horizontalAdvance(strip.t_label.text()) <= strip.t_label.width()


def test_the_strip_keeps_numbers_for_other_tasks(qtbot):
    trainer = adding_trainer(num_layers=1)
    strip = _shown(qtbot, ScrubberPanel(), trainer, trainer.snapshot(), size=(900, 80))
    strip.set_selection(4, 1, 0)
    assert strip.t_label.text() == "t = 4 / 19"
    assert "'" not in plain(strip.readout.text())


# ---------------------------------------------------------------------------- decay, diagram
def test_the_decay_plot_names_the_characters(qtbot, text_snaps):
    trainer, snap = text_snaps["english"]
    labels = snap.probe.labels
    panel = _shown(qtbot, DecayPanel(), trainer, snap)
    axis = panel.factor_plot.getAxis("bottom")
    assert drawn_texts(axis) == list(labels)
    tau = snap.probe.decay_tau
    assert panel.tau_line.label.format == f"τ = {tau} '{labels[tau]}' (scored step)"
    assert f"t=0 '{labels[0]}'" in plain(panel.ratio_label.text())
    for plot, what, rows in (
        (panel.plot, "‖∂l_τ/∂h_t‖", snap.probe.decay_dh),
        (panel.factor_plot, "factor", snap.probe.factor),
    ):
        y = np.mean(plot.getViewBox().viewRange()[1])
        pos = plot.getViewBox().mapViewToScene(QPointF(7.1, y))
        panel.widget.scene().sigMouseMoved.emit(pos)
        text = panel.value_label.text()
        assert text.startswith(f"t = 7 '{labels[7]}' · {what}")
        assert text.endswith(f"layer 1 {float(rows[0, 7]):.3g}")
    panel.widget.scene().sigMouseMoved.emit(QPointF(-50, -50))
    assert "hover" in panel.value_label.text()


def test_the_cell_diagram_names_the_character_read(qtbot, text_snaps):
    trainer, snap = text_snaps["chinese"]
    labels = snap.probe.labels
    panel = _shown(qtbot, CellDiagramPanel(), trainer, snap, size=(800, 600))
    panel.on_selection(Selection(6, 2, 0))
    char = labels[6]
    assert plain(panel.header.text()).startswith(f"Layer 1, unit 2, step t = 6 '{char}'")
    assert panel.element_text("x") == f"'{char}'"
    V = trainer.task.input_size
    assert panel.equation_text("x") == (
        f"x_t = x_{{6}} = one-hot('{char}'): 1 for the character read, 0 for the other {V - 1}"
    )
    panel.on_selection(Selection(6, 2, 0, "backward"))
    tau = snap.probe.decay_tau
    assert f"from τ = {tau} '{labels[tau]}' back to t = 6 '{char}'" in plain(panel.header.text())


def test_a_character_that_is_markup_stays_text(qtbot, tmp_path):
    """A text of one's own with < and & in it: shown as they are in the rich-text views."""
    path = tmp_path / "tags.txt"
    path.write_text("<b>&amp;</b> x < y & z\n" * 40, encoding="utf-8")
    trainer = Trainer(
        TrainConfig(
            task="own-data",
            task_params={"path": str(path), "steps": 12},
            hidden_size=4,
            batch_size=2,
            steps=2,
        )
    )
    snap = trainer.snapshot()
    labels = snap.probe.labels
    t = labels.index("<")
    strip = _shown(qtbot, ScrubberPanel(), trainer, snap, size=(900, 80))
    strip.set_selection(t, 0, 0)
    assert "xt = '<'" in plain(strip.readout.text())
    diagram = _shown(qtbot, CellDiagramPanel(), trainer, snap, size=(800, 600))
    diagram.on_selection(Selection(t, 0, 0))
    assert f"t = {t} '<'" in plain(diagram.header.text())
    assert html.unescape(re.sub("<[^>]+>", "", diagram.header.text())).count("<") == 1
    t = labels.index("&")
    strip.set_selection(t, 0, 0)
    assert "xt = '&'" in plain(strip.readout.text())


@pytest.fixture
def chinese():
    assert i18n.install("zh_CN")
    yield
    i18n.install("en")


def test_the_new_words_in_chinese(qtbot, text_snaps, chinese):
    trainer, snap = text_snaps["chinese"]
    labels = snap.probe.labels
    gates = _shown(qtbot, GatesPanel(), trainer, snap)
    assert gates.plots[gates.names[-1]].getAxis("bottom").labelText == "t：每一步读入的字符"
    decay = _shown(qtbot, DecayPanel(), trainer, snap)
    assert decay.value_label.text() == "将鼠标悬停在曲线上可读取该步的数值"
    assert decay.factor_plot.getAxis("bottom").labelText == "t：每一步读入的字符"
    vb = decay.factor_plot.getViewBox()
    decay.widget.scene().sigMouseMoved.emit(vb.mapViewToScene(QPointF(4, 0)))
    assert decay.value_label.text().startswith(
        f"t = 4 '{labels[4]}' · 每步因子 ‖∂h_t/∂h_t−1‖₂：第 1 层 "
    )
    diagram = _shown(qtbot, CellDiagramPanel(), trainer, snap, size=(800, 600))
    diagram.on_selection(Selection(3, 0, 0))
    assert diagram.equation_text("x").startswith(
        f"x_t = x_{{3}} = one-hot('{labels[3]}')：读入的字符处为 1"
    )
