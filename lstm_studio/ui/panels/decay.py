"""How far back the loss at one step reaches: ``||d l_tau / d h_t||`` against t, and the
factor each step back multiplies it by.

The probe's loss at the scored step tau is backpropagated alone; the curve shows how
strongly it still depends on the hidden state at each earlier step t. Each step back
multiplies the gradient by the step Jacobian transposed,

    dl/dh_{t-1} = (dh_t/dh_{t-1})^T dl/dh_t,   so   ||dl/dh_{t-1}|| <= ||J_t||_2 ||dl/dh_t||,

and the curve is the product of these steps: factors below 1 at every step make it
vanish (a plain RNN forgets), factors above 1 let it explode. The LSTM's cell path
multiplies dl/dc by the forget gate f_t at each step back. A log y axis turns a
geometric decay into a straight line. Below the curve, the factor ``||J_t||_2`` per
step (and the LSTM family's f_t, mean and range over units); beside them, the singular
values of W_hh, which bound a plain RNN's factor (tanh' <= 1).

A bidirectional model has a curve per run (``base.run_label``): the → run's gradient
flows from tau back to 0 as above, the ← run's from tau on to T − 1 (it read those steps
after tau), so on the top layer the two curves meet at tau, one to the left, one to the
right. The probe then spans the whole sequence (``decay_dh`` is ``(2L, T)``).
"""

from __future__ import annotations

import html
import math
from collections import deque

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from lstm_studio.engine import cell_spec
from lstm_studio.tasks import Task
from lstm_studio.training import Snapshot, TrainConfig

from .axes import BoundedAxis, SequenceAxis, WholeAxis
from .base import Panel, directions, is_reverse, reverse_cut, run_count, run_label, step_name

#: one colour per layer (colour-blind-safe, readable on white)
LAYER_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")
#: the reverse (←) run of each layer of a bidirectional model: a lighter twin of its
#: layer's colour (Okabe-Ito sky blue and orange; then lighter green and pink)
REVERSE_COLORS = ("#56B4E9", "#E69F00", "#5FCFA8", "#E3A8CC")


def run_color(run: int, num_directions: int = 1) -> str:
    """The colour of run ``run``: its layer's, lighter for the reverse direction."""
    k = run // num_directions
    colors = REVERSE_COLORS if is_reverse(run, num_directions) else LAYER_COLORS
    return colors[k % len(colors)]


#: earlier snapshots' curves kept behind the current one
HISTORY = 8

#: log10 of the gradient norms shown, 1e-16 .. 1e+16, the same for every cell and run.
#: An RNN's vanishing gradient and an LSTM's flat one must look different side by side,
#: which a per-run auto-range hides (both become a rising line); an RNN with a gain above
#: 1 must show its gradient growing back through time, as far above 1 as the vanishing
#: one falls below it (below 1e-16 is float64 noise)
Y_RANGE = (-16, 16)

#: log10 of the per-step factors and W_hh's singular values shown, 0.001 .. 100, fixed:
#: 1 (the line between vanishing and exploding) stays at the same height in every run,
#: a forget gate near 0 still shows, and so does W_hh at the largest gain (10) the
#: setup allows. The two plots share it so a factor reads against the σ that bounds it.
FACTOR_RANGE = (-3, 2)

#: the left axes of the decay and the factor plot: one width, so their t line up
AXIS_WIDTH = 64

#: the factor curve has a dot per step up to this many steps; beyond, the dots would
#: merge into a smear, and drawing them cost more than the rest of the panel (T = 2000)
MAX_DOTS = 250


def positive(a: np.ndarray) -> np.ndarray:
    """``a`` with every entry a log axis cannot show (0, negative, NaN, inf) made NaN, so
    the curve has a gap there instead of a warning or an axis stretched to 1e-308."""
    a = np.asarray(a, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(a) & (a > 0), a, np.nan)


def decay_ratio(dh: np.ndarray, start: int = 0, tau: int = -1) -> float:
    """``||dl/dh_start|| / ||dl/dh_tau||`` of one layer's curve (NaN when undefined);
    tau is the curve's last step unless given (a bidirectional probe spans all steps)."""
    first, last = float(dh[start]), float(dh[tau])
    if not (math.isfinite(first) and math.isfinite(last)) or last <= 0:
        return math.nan
    return first / last


def format_ratio(r: float) -> str:
    """The ratio as the label shows it (and tests look for)."""
    return f"{r:.2g}"


def last_cut(tau: int, truncate: int) -> int | None:
    """The last truncation cut at or below ``tau`` (cuts at t = k, 2k, ...: the gradient
    does not pass from step t back to t - 1), or None without one: the gradient of
    ``l_tau`` is exactly zero at every step before it."""
    if truncate <= 0 or tau < truncate:
        return None
    return (tau // truncate) * truncate


def cut_segments(tau: int, truncate: int, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
    """``x, y`` of vertical segments (drawn as pairs) half a step before every cut at or
    below ``tau``, from ``lo`` to ``hi``: between step c - 1 and c, where the gradient stops."""
    cut = last_cut(tau, truncate)
    if cut is None:
        return np.empty(0), np.empty(0)
    cuts = np.arange(truncate, cut + 1, truncate, dtype=np.float64) - 0.5  # (n,)
    return np.repeat(cuts, 2), np.tile([lo, hi], cuts.size)  # (2n,), (2n,)


def _faded(color: str, age: int) -> pg.QtGui.QColor:
    c = pg.mkColor(color)
    # the newest earlier curve is clearly visible, the oldest a trace
    c.setAlpha(int(130 * (1 - age / HISTORY)) + 15)
    return c


class LineSample(ItemSample):
    """A legend sample that is a line only and half the usual height: a one-row legend in
    the corner of a short plot then covers a few decades, not a third of it. It does not
    hide anything when clicked (the samples are stand-ins, not the curves)."""

    def __init__(self, item) -> None:
        super().__init__(item)
        self.setFixedHeight(10)

    def boundingRect(self):  # noqa: N802 - Qt's name
        return QRectF(0, 0, 20, 10)

    def paint(self, p, *args) -> None:
        p.setPen(pg.mkPen(self.item.opts["pen"]))
        p.drawLine(0, 5, 20, 5)

    def mouseClickEvent(self, event) -> None:  # noqa: N802 - Qt's name
        event.ignore()


class ClippedLabel(pg.LabelItem):
    """A ``LabelItem`` that a narrow layout clips instead of widening to the whole text
    (pyqtgraph makes the text's width the item's minimum, which pushed the σ plot out of
    the dock)."""

    def updateMin(self) -> None:  # noqa: N802 - pyqtgraph's name
        self.setMinimumWidth(0)
        self.setMinimumHeight(self.itemRect().height())


def _decade(k: int) -> str:
    """10^k as a tick label: plain where short (0.01 .. 100), a power beyond."""
    if -2 <= k <= 2:
        return f"{10.0**k:g}"
    sup = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
    return "10" + str(k).translate(sup)


def _fixed_plot(plot: pg.PlotItem, y_range: tuple[int, int], step: int) -> None:
    """A plot the mouse cannot pan or zoom and with no menu, a log y axis over
    ``y_range`` (log10) labelled every ``step`` decades: a fixed scale stays fixed, and so
    do its ticks (pyqtgraph drops labels on a short plot until only "1" is left)."""
    plot.setLogMode(x=False, y=True)
    lo, hi = y_range
    plot.getAxis("left").setTicks(
        [
            [(k, _decade(k)) for k in range(lo, hi + 1) if k % step == 0],
            [(k, "") for k in range(lo, hi + 1) if k % step],
        ]
    )
    plot.getAxis("left").enableAutoSIPrefix(False)  # a "(x0.001)" reads as a unit
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.getViewBox().setMouseEnabled(x=False, y=False)
    # no grid: pyqtgraph paints it into the axis picture, ~5x the cost of a frame


class DecayPanel(Panel):
    """``||d l_tau / d h_t||`` per layer on a log axis, with the last snapshots faded
    behind; below it the factor per step, beside them W_hh's singular values.

    Attributes for tests: ``plot`` (the decay ``PlotItem``), ``curves_h`` and ``curves_c``
    (per layer, the current curves; ``curves_c`` empty without a cell state),
    ``history_curves`` (per layer, ``HISTORY`` faded items, newest first), ``history_count``
    (how many hold data), ``tau_line`` and ``ratio_label``;
    ``factor_plot``, ``factor_curves`` (per layer, ``||dh_t/dh_{t-1}||_2``), ``f_mean`` /
    ``f_low`` / ``f_high`` (per layer, f_t's mean, min and max over units; empty without a
    cell state), ``one_line`` (the factor 1);
    ``sv_plot``, ``sv_curves`` (per layer, sigma_i against i = 1 .. H), ``sv_history``
    (per layer, faded items, newest first), ``sv_note`` (shown when there are none);
    ``cut_region``, ``cut_line`` (the last cut, labelled), ``cut_marks`` (every cut, on the
    decay plot) and ``factor_cut_region`` / ``factor_cut_marks`` (the same below).
    """

    title = QT_TRANSLATE_NOOP("Panel", "Gradient decay")
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>Backpropagation through time sends the error made at the scored step τ back "
        "to every earlier step. The upper plot shows how much of it is left at step t: "
        "‖∂l<sub>τ</sub>/∂h<sub>t</sub>‖, on a log scale that is the same for every run "
        "(10<sup>−16</sup> to 10<sup>16</sup>).</p>"
        "<p>Each step back multiplies the gradient by the step's Jacobian, transposed: "
        "δh<sub>t−1</sub> = (∂h<sub>t</sub>/∂h<sub>t−1</sub>)<sup>T</sup> δh<sub>t</sub>. "
        "So at each step its size changes by at most the factor "
        "‖∂h<sub>t</sub>/∂h<sub>t−1</sub>‖<sub>2</sub>, shown per step in the lower plot, "
        "and the decay curve is the product of these steps (exactly so for the top layer; "
        "a lower layer also receives the gradient of the layer above at every step). "
        "Factors below 1 at every step make the gradient <b>vanish</b>: the first steps "
        "get almost no learning signal and the network cannot learn what happened long "
        "ago. Factors above 1 let it <b>explode</b>: it grows back through time. The "
        "tutorials say the same with one number per step, σ′·W<sub>h</sub>: above 1 the "
        "product explodes (gradient clipping is the remedy), below 1 it vanishes (the "
        "LSTM is the remedy). The gradient of a weight is the sum over all steps, so the "
        "steps where it has vanished add nothing to it.</p>"
        "<p>In an LSTM the cell path multiplies δc by the forget gate f<sub>t</sub> at "
        "each step back (the shaded band: f<sub>t</sub>'s range over units, the dotted "
        "line its mean), so the cell state (dashed, c) carries the gradient back nearly "
        "unchanged while f stays near 1.</p>"
        "<p>The small plot on the right shows the singular values σ<sub>i</sub> of "
        "W<sub>hh</sub> as training changes them. In a plain RNN tanh′ ≤ 1, so the "
        "factor per step is at most σ<sub>1</sub>: with every σ below 1 the gradient must "
        "vanish. (For gated cells W<sub>hh</sub> holds every gate's block.)</p>"
        "<p>With truncated backpropagation every k steps the gradient does not pass from "
        "step k, 2k, … back to the step before: the plot marks the cuts and shades the "
        "steps the gradient of l<sub>τ</sub> never reaches (it is exactly zero there).</p>"
        "<p>Faded lines are earlier snapshots; the text below gives the ratio between "
        "t = 0 (or the cut) and τ.</p>",
    )
    object_name = "decay_panel"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.curves_h: list[pg.PlotDataItem] = []
        self.curves_c: list[pg.PlotDataItem] = []
        self.history_curves: list[list[pg.PlotDataItem]] = []
        self.factor_curves: list[pg.PlotDataItem] = []
        self.f_mean: list[pg.PlotDataItem] = []
        self.f_low: list[pg.PlotDataItem] = []
        self.f_high: list[pg.PlotDataItem] = []
        self.sv_curves: list[pg.PlotDataItem] = []
        self.sv_history: list[list[pg.PlotDataItem]] = []
        # (t, dh (L, tau + 1)) of earlier snapshots, newest first; guarded copies only
        self._history: deque[tuple[np.ndarray, np.ndarray]] = deque(maxlen=HISTORY)
        # per layer sigma (H,) of earlier snapshots, newest first
        self._sv_history: deque[tuple[np.ndarray, ...]] = deque(maxlen=HISTORY)
        self._current: tuple[np.ndarray, np.ndarray] | None = None
        self._current_sv: tuple[np.ndarray, ...] = ()
        self._current_step: int | None = None
        self._sv_step: int | None = None  # the step the shown spectra were measured at
        self._f_bands: list[pg.FillBetweenItem] = []
        self._run_being_built = 0
        self._directions = 1  # 2: a bidirectional model, a curve per layer and direction
        self._num_layers = 1
        self._probe = None  # the latest snapshot's Probe, for the hover readout
        self._labels: tuple[str, ...] | None = None  # the character read at each step

        self.widget = pg.GraphicsLayoutWidget()
        self.widget.ci.layout.setContentsMargins(2, 8, 8, 2)  # room for the top tick label
        self.widget.ci.layout.setHorizontalSpacing(4)
        self.widget.ci.layout.setVerticalSpacing(0)

        # the decay curve, on top, the widest
        self.plot: pg.PlotItem = self.widget.addPlot(
            row=0,
            col=0,
            axisItems={"bottom": WholeAxis("bottom"), "left": BoundedAxis("left")},
        )
        _fixed_plot(self.plot, Y_RANGE, 8)
        self.plot.setLabel("left", self.tr("||∂l<sub>τ</sub> / ∂h<sub>t</sub>||"))
        self.plot.getAxis("left").setWidth(AXIS_WIDTH)
        self.plot.hideAxis("bottom")  # the factor plot's t, below, is the same
        # bottom right: a curve's end at tau is a loss's gradient (around 1e-3 .. 1) and it
        # vanishes or explodes to the left, so that corner stays clear
        # one entry per line style; the text below names each layer's colour
        self.legend = self.plot.addLegend(
            offset=(-2, -2), labelTextSize="8pt", colCount=3, horSpacing=8, sampleType=LineSample
        )
        self.legend.layout.setContentsMargins(4, 0, 4, 0)
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 170))
        self.history_sample = None  # the legend's "earlier snapshots", once there are some
        self._legend_samples: list[pg.PlotDataItem] = []  # only drawn as the legend's samples
        self.tau_line = pg.InfiniteLine(
            angle=90,
            movable=False,
            pen=pg.mkPen("#555555", width=1.2, style=Qt.PenStyle.DashLine),
            label="τ",
            labelOpts={"position": 0.97, "color": "#333333", "anchors": [(1, 0), (1, 0)]},
        )
        self.tau_line.setVisible(False)
        self.decay_one_line = pg.InfiniteLine(
            pos=0, angle=0, movable=False, pen=pg.mkPen("#999999", width=1)
        )  # log10(1): above it the gradient has grown back through time

        # the factor per step, below, sharing t
        self.factor_plot: pg.PlotItem = self.widget.addPlot(
            row=2,
            col=0,
            # the steps, or for a text the character read at each
            axisItems={"bottom": SequenceAxis("bottom"), "left": BoundedAxis("left")},
        )
        _fixed_plot(self.factor_plot, FACTOR_RANGE, 2)
        self.factor_plot.setXLink(self.plot)
        self.factor_plot.setLabel("bottom", self._time_label())
        # the sentence that ties the two plots together, where the eye goes from one to the
        # other (the axis beside it has no room for a label)
        self.factor_title = ClippedLabel(
            self.tr(
                "factor per step ‖∂h<sub>t</sub>/∂h<sub>t−1</sub>‖<sub>2</sub>; the curve "
                "above ≤ their product"
            ),
            size="8pt",
            justify="left",
        )
        self.widget.addItem(self.factor_title, row=1, col=0)
        self.factor_plot.getAxis("left").setWidth(AXIS_WIDTH)
        self.one_line = pg.InfiniteLine(
            pos=0,  # log10(1)
            angle=0,
            movable=False,
            pen=pg.mkPen("#444444", width=1.2, style=Qt.PenStyle.DashLine),
        )  # above it a step back makes the gradient grow, below shrink

        # W_hh's singular values, beside both
        self.sv_plot: pg.PlotItem = self.widget.addPlot(
            row=0,
            col=1,
            rowspan=3,
            axisItems={"bottom": WholeAxis("bottom"), "left": BoundedAxis("left")},
        )
        _fixed_plot(self.sv_plot, FACTOR_RANGE, 1)
        self.sv_plot.setTitle(self.tr("σ<sub>i</sub>(W<sub>hh</sub>)"), size="9pt")
        self.sv_plot.getAxis("left").setWidth(36)
        self.sv_plot.setLabel("bottom", "i")  # the index: largest first
        self.sv_one_line = pg.InfiniteLine(
            pos=0,
            angle=0,
            movable=False,
            pen=pg.mkPen("#444444", width=1.2, style=Qt.PenStyle.DashLine),
        )
        self.sv_note = pg.TextItem(color="#555555", anchor=(0.5, 0.5))
        self.widget.ci.layout.setColumnStretchFactor(0, 4)
        self.widget.ci.layout.setColumnStretchFactor(1, 1)
        self.widget.ci.layout.setRowStretchFactor(0, 3)
        self.widget.ci.layout.setRowStretchFactor(2, 2)

        # truncation: the steps the gradient of l_tau never reaches, shaded, and the cuts
        shade = pg.mkBrush(120, 120, 120, 40)
        self.cut_region = pg.LinearRegionItem(movable=False, brush=shade, pen=pg.mkPen(None))
        self.factor_cut_region = pg.LinearRegionItem(movable=False, brush=shade, pen=pg.mkPen(None))
        self.cut_line = pg.InfiniteLine(
            angle=90,
            movable=False,
            pen=pg.mkPen("#222222", width=2),
            label="",
            # inside the shaded steps, which no curve crosses (the gradient is zero there)
            labelOpts={"position": 0.75, "color": "#222222", "anchors": [(1, 0), (1, 0)]},
        )
        # the ← run's cut (bidirectional): the steps after it, to the right of tau
        self.rcut_region = pg.LinearRegionItem(movable=False, brush=shade, pen=pg.mkPen(None))
        self.factor_rcut_region = pg.LinearRegionItem(
            movable=False, brush=shade, pen=pg.mkPen(None)
        )
        self.rcut_line = pg.InfiniteLine(
            angle=90,
            movable=False,
            pen=pg.mkPen("#222222", width=2),
            label="",
            labelOpts={"position": 0.75, "color": "#222222", "anchors": [(0, 0), (0, 0)]},
        )
        cut_pen = pg.mkPen("#777777", width=1, style=Qt.PenStyle.DotLine)
        self.cut_marks = pg.PlotDataItem(pen=cut_pen, connect="pairs")
        self.factor_cut_marks = pg.PlotDataItem(pen=cut_pen, connect="pairs")

        self.widget.setToolTip(
            self.tr(
                "Top: how strongly the loss at the scored step τ still depends on the "
                "hidden state at each earlier step t. Flat: the network can still learn "
                "from step t. Falling to the left: the gradient vanishes, the network "
                "forgets. Rising to the left: it explodes. Below: the factor each step "
                "back multiplies its size by, at most; the curve above is their product. "
                "Right: the singular values of W_hh. Faded lines are earlier snapshots."
            )
        )

        self.value_label = QLabel(self._hint())
        self.value_label.setObjectName("decay_panel_value")
        self.value_label.setTextFormat(Qt.TextFormat.PlainText)  # a character may be "<"
        self.value_label.setStyleSheet("color: #444;")
        self.value_label.setContentsMargins(6, 2, 6, 0)
        self.widget.scene().sigMouseMoved.connect(self._on_mouse_moved)

        self.ratio_label = QLabel()
        self.ratio_label.setObjectName("decay_panel_ratio")
        self.ratio_label.setTextFormat(Qt.TextFormat.RichText)
        self.ratio_label.setWordWrap(True)
        self.ratio_label.setContentsMargins(6, 0, 6, 4)

        # a bidirectional model: which directions' curves to draw (both, by default)
        self.direction_combo = QComboBox()
        self.direction_combo.setObjectName("decay_panel_direction")
        self.direction_combo.addItem(self.tr("→ and ←"), -1)
        self.direction_combo.addItem(self.tr("→ only (from τ back to 0)"), 0)
        self.direction_combo.addItem(self.tr("← only (from τ on to T − 1)"), 1)
        self.direction_combo.setToolTip(
            self.tr(
                "A bidirectional model has a curve per layer and direction: → (dark) carries "
                "the gradient of l_τ back from τ to 0, ← (light) on from τ to T − 1"
            )
        )
        self.direction_combo.currentIndexChanged.connect(self._on_direction_changed)
        self.direction_row = QWidget()
        row = QHBoxLayout(self.direction_row)
        row.setContentsMargins(6, 2, 6, 0)
        row.addWidget(QLabel(self.tr("Directions:")))
        row.addWidget(self.direction_combo)
        row.addStretch(1)
        self.direction_row.setVisible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.direction_row)
        layout.addWidget(self.value_label)
        layout.addWidget(self.widget, 1)
        layout.addWidget(self.ratio_label)

    @property
    def history_count(self) -> int:
        return len(self._history)

    # ------------------------------------------------------------------ Panel
    def reset(self, task: Task, config: TrainConfig) -> None:
        for plot in (self.plot, self.factor_plot, self.sv_plot):
            plot.clear()
        self.legend.clear()
        self._history.clear()
        self._sv_history.clear()
        self._current = None
        self._current_sv = ()
        self._current_step = None
        self._probe = None
        self._set_labels(None)
        self.value_label.setText(self._hint())
        self._ratio_args = None  # what the ratio text was written from (the last probe)
        self._sv_step = None
        self._directions = directions(config)
        self._num_layers = config.num_layers
        self.direction_row.setVisible(self._directions == 2)
        layers = run_count(config)  # a curve per run: L, or each layer's → and ←
        has_c = cell_spec(config.cell).has_cell_state
        self.curves_h, self.curves_c, self.history_curves = [], [], []
        self.factor_curves, self.f_mean, self.f_low, self.f_high = [], [], [], []
        self.sv_curves, self.sv_history = [], []
        self._f_bands = []
        self.history_sample = None
        self._add_legend(has_c)
        for layer in range(layers):
            self._run_being_built = layer
            color = run_color(layer, self._directions)
            self.history_curves.append(self._faded_items(self.plot, color, -10))
            self.sv_history.append(self._faded_items(self.sv_plot, color, -10))
            h = pg.PlotDataItem(pen=pg.mkPen(color, width=2.6), connect="finite")
            if self._directions == 2:  # dots: the top ← run may be one point (tau = T − 1)
                h.setSymbol("o")
                h.setSymbolSize(5)
                h.setSymbolPen(None)
                h.setSymbolBrush(color)
            h.setZValue(10)
            self.plot.addItem(h)
            self.curves_h.append(h)
            if has_c:
                c = pg.PlotDataItem(
                    pen=pg.mkPen(color, width=1.8, style=Qt.PenStyle.DashLine), connect="finite"
                )
                c.setZValue(9)
                self.plot.addItem(c)
                self.curves_c.append(c)
                self._add_f_band(color)
            for plot, curves, width, size in (
                (self.factor_plot, self.factor_curves, 2.2, 3),
                (self.sv_plot, self.sv_curves, 2, 4),
            ):  # a line through dots, one per step (factor) or per singular value
                item = pg.PlotDataItem(
                    pen=pg.mkPen(color, width=width),
                    connect="finite",
                    symbol="o",
                    symbolSize=size,
                    symbolPen=None,
                    symbolBrush=color,
                )
                item.setZValue(10)
                plot.addItem(item)
                curves.append(item)

        for plot, line in (
            (self.plot, self.tau_line),
            (self.plot, self.decay_one_line),
            (self.plot, self.cut_line),
            (self.factor_plot, self.one_line),
            (self.sv_plot, self.sv_one_line),
            (self.sv_plot, self.sv_note),
        ):
            plot.addItem(line, ignoreBounds=True)
        for plot, region in (
            (self.plot, self.rcut_region),
            (self.factor_plot, self.factor_rcut_region),
            (self.plot, self.rcut_line),
        ):
            plot.addItem(region, ignoreBounds=True)
            region.setZValue(-100)
        for plot, region, marks in (
            (self.plot, self.cut_region, self.cut_marks),
            (self.factor_plot, self.factor_cut_region, self.factor_cut_marks),
        ):
            plot.addItem(region, ignoreBounds=True)
            region.setZValue(-100)
            plot.addItem(marks)
            marks.setZValue(-50)
        self._show_cut(None, 0, 0)
        self.tau_line.setVisible(False)
        self.sv_note.setText("")
        self.ratio_label.setText("")
        for plot, y in ((self.plot, Y_RANGE), (self.factor_plot, FACTOR_RANGE)):
            plot.disableAutoRange()
            plot.setYRange(y[0], y[1], padding=0)
        self.plot.setXRange(0, 1, padding=0.02)
        hidden = max(1, config.hidden_size)
        self.sv_plot.disableAutoRange()
        self.sv_plot.setRange(xRange=(0.5, hidden + 0.5), yRange=FACTOR_RANGE, padding=0)
        self.sv_note.setPos((hidden + 1) / 2, sum(FACTOR_RANGE) / 2)
        self._on_direction_changed()

    # ------------------------------------------------------------------ steps
    def _time_label(self) -> str:
        if self._labels is None:
            return self.tr("t (timestep)")
        return self.tr("t: the character read at each step")

    def _set_labels(self, labels) -> None:
        """Name the steps by the characters read (a text task), or number them."""
        self._labels = labels
        axis = self.factor_plot.getAxis("bottom")
        if axis.labels != labels:
            axis.set_labels(labels)
            self.factor_plot.setLabel("bottom", self._time_label())

    def _hint(self) -> str:
        return self.tr("hover the curves to read a step")

    @Slot(object)
    def _on_mouse_moved(self, pos: QPointF) -> None:
        """The step under the mouse: its character, and each shown run's gradient norm
        (over the upper plot) or factor (over the lower one) there."""
        self.value_label.setText(self.readout_at(pos) or self._hint())

    def readout_at(self, pos: QPointF) -> str:
        """What the hover line says for scene position ``pos`` ("" off the curves)."""
        probe = self._probe
        if probe is None:
            return ""
        sv_view = self.sv_plot.getViewBox()
        if sv_view.sceneBoundingRect().contains(pos):
            return self._sv_readout(int(np.floor(sv_view.mapSceneToView(pos).x() + 0.5)))
        under = [
            (plot.getViewBox(), factor)
            for plot, factor in ((self.plot, False), (self.factor_plot, True))
            if plot.getViewBox().sceneBoundingRect().contains(pos)
        ]
        if not under:
            return ""
        vb, factor = under[0]
        t = int(np.floor(vb.mapSceneToView(pos).x() + 0.5))
        rows = probe.factor if factor else probe.decay_dh
        if rows is None or not 0 <= t < rows.shape[1]:
            return ""
        K = self._directions
        parts = []
        for run in self.shown_runs():
            if run >= rows.shape[0]:
                continue
            value = float(rows[run, t])
            name = self.tr("layer {n}").format(n=run + 1) if K == 1 else run_label(run, K)
            parts.append(f"{name} {value:.3g}" if math.isfinite(value) else f"{name} —")
        if factor:
            what = self.tr("factor ‖∂h_t/∂h_t−1‖₂")
        else:
            what = "‖∂l_τ/∂h_t‖"  # the plot's own axis label: no words to translate
        return self.tr("t = {t} · {what}: {values}").format(
            t=step_name(t, self._labels), what=what, values=", ".join(parts)
        )

    def _sv_readout(self, i: int) -> str:
        """The ``i``-th largest singular value of each shown run's W_hh (1-based)."""
        sv = self._current_sv or ()
        K = self._directions
        parts = []
        for run in self.shown_runs():
            if run < len(sv) and 1 <= i <= sv[run].size:
                value = float(sv[run][i - 1])
                name = self.tr("layer {n}").format(n=run + 1) if K == 1 else run_label(run, K)
                parts.append(f"{name} {value:.3g}" if math.isfinite(value) else f"{name} —")
        if not parts:
            return ""
        return self.tr("singular value {i} of W_hh: {values}").format(i=i, values=", ".join(parts))

    def shown_runs(self) -> list[int]:
        """The runs whose curves are drawn (the direction chooser's)."""
        wanted = self.direction_combo.currentData()
        runs = range(len(self.curves_h))
        if self._directions == 1 or wanted in (None, -1):
            return list(runs)
        return [r for r in runs if r % 2 == wanted]

    @Slot()
    def _on_direction_changed(self) -> None:
        shown = set(self.shown_runs())
        for run in range(len(self.curves_h)):
            items = [self.curves_h[run], *self.history_curves[run], *self.sv_history[run]]
            items += [self.factor_curves[run], self.sv_curves[run]]
            for group in (self.curves_c, self.f_mean, self.f_low, self.f_high):
                if run < len(group):
                    items.append(group[run])
            for item in items:
                item.setVisible(run in shown)
        for band in self._f_bands:
            band.setVisible(band.run in shown)
        if self._ratio_args is not None:  # the text names the runs shown
            self.ratio_label.setText(self._ratio_text(*self._ratio_args))

    def _faded_items(self, plot: pg.PlotItem, color: str, z: int) -> list[pg.PlotDataItem]:
        items = []
        for age in range(HISTORY):
            item = pg.PlotDataItem(pen=pg.mkPen(_faded(color, age), width=1.2), connect="finite")
            item.setZValue(z - age)
            plot.addItem(item)
            items.append(item)
        return items

    def _add_f_band(self, color: str) -> None:
        """f_t's min .. max over units, shaded, and its mean dotted (the cell path)."""
        edge = pg.mkColor(color)
        edge.setAlpha(70)
        low = pg.PlotDataItem(pen=pg.mkPen(edge, width=1), connect="finite")
        high = pg.PlotDataItem(pen=pg.mkPen(edge, width=1), connect="finite")
        fill = pg.mkColor(color)
        fill.setAlpha(45)
        band = pg.FillBetweenItem(low, high, brush=pg.mkBrush(fill))
        band.run = self._run_being_built  # hidden with its run's curves
        self._f_bands.append(band)
        mean = pg.PlotDataItem(
            pen=pg.mkPen(color, width=1.6, style=Qt.PenStyle.DotLine), connect="finite"
        )
        for z, item in ((1, low), (1, high), (0, band), (5, mean)):
            item.setZValue(z)
            self.factor_plot.addItem(item)
        self.f_low.append(low)
        self.f_high.append(high)
        self.f_mean.append(mean)

    @Slot(object)
    def on_snapshot(self, snap: Snapshot) -> None:
        probe = snap.probe
        if probe is None or not self.curves_h:
            return
        self._probe = probe
        self._set_labels(getattr(probe, "labels", None))
        tau = probe.decay_tau
        # tau + 1 steps one way; a bidirectional probe spans the whole sequence
        steps = int(probe.decay_dh.shape[1])
        t = np.arange(steps, dtype=np.float64)  # (steps,)
        dh = positive(probe.decay_dh)  # (L * K, steps)
        sv = tuple(positive(s) for s in probe.recurrent_sv)  # per layer (H,)
        aged = self._current is not None and snap.step != self._current_step
        if aged:  # a snapshot of the same step (a pause, the end) only replaces the current
            self._history.appendleft(self._current)
            if self.history_sample is None:
                self._add_history_legend()
        self._current, self._current_step = (t, dh), snap.step
        # the spectra are measured less often than the snapshots come (at factor_step):
        # they age when they were measured anew
        sv_aged = self._sv_step is not None and probe.factor_step != self._sv_step
        if sv_aged:
            self._sv_history.appendleft(self._current_sv)
        self._current_sv, self._sv_step = sv, probe.factor_step

        layers = min(len(self.curves_h), dh.shape[0])
        for layer in range(layers):
            self.curves_h[layer].setData(t, dh[layer])
            if not aged:
                continue
            for age, item in enumerate(self.history_curves[layer]):
                if age < len(self._history):
                    ht, hdh = self._history[age]
                    item.setData(ht, hdh[layer])
                else:
                    item.setData([], [])
        if self.curves_c and probe.decay_dc is not None:
            dc = positive(probe.decay_dc)  # (L * K, steps)
            for layer in range(min(len(self.curves_c), dc.shape[0])):
                self.curves_c[layer].setData(t, dc[layer])
        self._show_factors(probe, t)
        self._show_singular_values(sv, sv_aged)

        self.tau_line.setValue(tau)
        self.tau_line.setVisible(True)  # pyqtgraph ignores a hidden line's new label text
        self.tau_line.label.setFormat(
            self.tr("τ = {tau} (scored step)").format(tau=step_name(tau, self._labels))
        )
        self.plot.setXRange(-0.5, max(steps - 1, 1) + 0.5, padding=0)
        truncate = int(probe.truncate)
        self._show_cut(last_cut(tau, truncate), tau, truncate)
        self._show_reverse_cut(
            reverse_cut(tau, steps, truncate) if self._directions == 2 else None, steps, truncate
        )
        dc = None if probe.decay_dc is None else probe.decay_dc[:layers]
        self._ratio_args = (probe.decay_dh[:layers], tau, dc, truncate)
        self.ratio_label.setText(self._ratio_text(*self._ratio_args))

    def _show_factors(self, probe, t: np.ndarray) -> None:
        """The factor per step and, for the LSTM family, f_t's band (steps 0 .. tau)."""
        n = t.size
        factor = None if probe.factor is None else positive(probe.factor)  # (L, tau + 1)
        for layer, curve in enumerate(self.factor_curves):
            dots = n <= MAX_DOTS
            if dots != (curve.opts["symbol"] is not None):
                curve.setSymbol("o" if dots else None)
            if factor is not None and layer < factor.shape[0]:
                row = factor[layer, :n]  # as many steps as measured (tau + 1, or T)
                _set_data(curve, t[: row.size], row)
            else:
                curve.setData([], [])
        for layer, mean in enumerate(self.f_mean):
            f = _forget(probe, layer, n)
            if f is None:
                for item in (mean, self.f_low[layer], self.f_high[layer]):
                    item.setData([], [])
                continue
            mean.setData(t, positive(f.mean(axis=1)))
            # the band between them redraws its path when either edge changes: once
            low = self.f_low[layer]
            low.blockSignals(True)
            try:
                low.setData(t, positive(f.min(axis=1)))
            finally:
                low.blockSignals(False)
            self.f_high[layer].setData(t, positive(f.max(axis=1)))

    def _show_singular_values(self, sv: tuple[np.ndarray, ...], aged: bool) -> None:
        for layer, curve in enumerate(self.sv_curves):
            s = sv[layer] if layer < len(sv) else np.empty(0)
            _set_data(curve, np.arange(1, s.size + 1, dtype=np.float64), s)
            if not aged:
                continue
            for age, item in enumerate(self.sv_history[layer]):
                old = self._sv_history[age] if age < len(self._sv_history) else ()
                s = old[layer] if layer < len(old) else np.empty(0)
                item.setData(np.arange(1, s.size + 1, dtype=np.float64), s)
        # none: a layer wider than the loop measures live, or weights no longer finite
        self.sv_note.setText("" if sv else self.tr("not\nmeasured"))

    def _show_reverse_cut(self, last: int | None, steps: int, truncate: int) -> None:
        """Shade the steps after the ← run's cut (bidirectional: the gradient of l_tau in
        the top layer's ← run is exactly zero there)."""
        shown = last is not None and last < steps - 1
        for item in (self.rcut_region, self.factor_rcut_region, self.rcut_line):
            item.setVisible(shown)
        if not shown:
            return
        for region in (self.rcut_region, self.factor_rcut_region):
            region.setRegion((last + 0.5, steps - 0.5))
        self.rcut_line.setValue(last + 0.5)
        self.rcut_line.label.setFormat(self.tr("← cut: every {k} steps").format(k=truncate))

    def _show_cut(self, cut: int | None, tau: int, truncate: int) -> None:
        """Shade the steps before the last cut at or below tau (the gradient of l_tau is
        exactly zero there) and mark every cut, half a step before it."""
        shown = cut is not None
        for region in (self.cut_region, self.factor_cut_region):
            region.setVisible(shown)
        self.cut_line.setVisible(shown)
        if not shown:
            self.cut_marks.setData([], [])
            self.factor_cut_marks.setData([], [])
            return
        for region in (self.cut_region, self.factor_cut_region):
            region.setRegion((-0.5, cut - 0.5))
        self.cut_line.setValue(cut - 0.5)
        self.cut_line.label.setFormat(self.tr("cut: truncated every {k} steps").format(k=truncate))
        for marks, (lo, hi) in (
            (self.cut_marks, Y_RANGE),
            (self.factor_cut_marks, FACTOR_RANGE),
        ):
            marks.setData(*cut_segments(tau, truncate, 10.0**lo, 10.0**hi))

    def _add_legend(self, has_c: bool) -> None:
        """The line styles, drawn in grey: h solid, c dashed (the colours are the layers')."""
        self._legend_samples = [pg.PlotDataItem(pen=pg.mkPen("#555555", width=2.6))]
        self.legend.addItem(self._legend_samples[0], "h")
        if has_c:
            dashed = pg.mkPen("#555555", width=1.8, style=Qt.PenStyle.DashLine)
            self._legend_samples.append(pg.PlotDataItem(pen=dashed))
            self.legend.addItem(self._legend_samples[1], self.tr("c (dashed)"))

    def _add_history_legend(self) -> None:
        """A legend entry drawn like the first layer's newest faded line."""
        pen = self.history_curves[0][0].opts["pen"]
        self.history_sample = pg.PlotDataItem(pen=pen)  # only drawn as the legend's sample
        self.legend.addItem(self.history_sample, self.tr("earlier snapshots"))

    def _ratio_text(
        self,
        dh: np.ndarray,
        tau: int,
        dc: np.ndarray | None = None,
        truncate: int = 0,
    ) -> str:
        lines = []
        K = self._directions

        def at(t: int) -> str:  # a step as the text names it: 12, or 12 'e' for a text
            return html.escape(step_name(t, self._labels), quote=False)

        steps = dh.shape[1] if dh.ndim == 2 else tau + 1
        shown = set(self.shown_runs())
        for layer, row in enumerate(dh):
            if layer not in shown:  # the direction chooser hides this run
                continue
            color = run_color(layer, K)
            reverse = is_reverse(layer, K)
            top = layer // K == self._num_layers - 1
            if K == 1 or (top and not reverse):
                cut = last_cut(tau, truncate)
                start = cut or 0
            elif top:  # the ← run: from tau on to the last step (or its cut)
                cut = reverse_cut(tau, steps, truncate)
                start = steps - 1 if cut is None else cut
            else:  # a lower layer both ways: the gradient comes from above at every step
                cut = None  # its ratio: at the end of the sequence farther from tau
                start = steps - 1 if tau < (steps - 1) / 2 else 0
            r = decay_ratio(row, start, tau)
            far = start == tau  # nothing between tau and the end the gradient flows to
            pass_ends = K == 1 or top  # the pass starts at tau and runs to one end
            if not pass_ends and start == tau:
                text = self.tr("one step: nothing to compare")
            elif pass_ends and not reverse and tau == 0:
                text = self.tr("τ = 0: no earlier step to reach")
            elif pass_ends and reverse and tau == steps - 1:
                text = self.tr("τ = {tau} is the last step: no later step to reach").format(
                    tau=at(tau)
                )
            elif cut == tau and reverse:
                text = self.tr(
                    "the ← run's gradient was cut at step {cut} = τ (truncated every {k} "
                    "steps): it reaches no later step"
                ).format(cut=cut, k=truncate)
            elif cut == tau:
                text = self.tr(
                    "the gradient was cut at step {cut} = τ (truncated every {k} steps): it "
                    "reaches no earlier step"
                ).format(cut=cut, k=truncate)
            elif not math.isfinite(r):
                text = self.tr("the ratio is undefined (the gradient at τ={tau} is zero)").format(
                    tau=at(tau)
                )
            elif r == 0:  # underflowed on the way back, or every unit saturated
                text = self.tr(
                    "no gradient from τ={tau} reaches t={t}: on the way back it became exactly "
                    "zero (saturated units pass nothing back)"
                ).format(t=at(start), tau=at(tau))
            else:
                steps_back = abs(tau - start)
                if r < 1:
                    text = self.tr(
                        "at t={t} the gradient is {ratio} of its size at τ={tau} (×{step} per step)"
                    ).format(
                        t=at(start),
                        ratio=format_ratio(r),
                        tau=at(tau),
                        step=f"{r ** (1 / steps_back):.3g}",
                    )
                else:
                    # grown back through time: the same per-step reading as the decay
                    text = self.tr(
                        "at t={t} the gradient is {ratio} times its size at τ={tau} "
                        "(×{step} per step)"
                    ).format(
                        t=at(start),
                        ratio=format_ratio(r),
                        tau=at(tau),
                        step=f"{r ** (1 / steps_back):.3g}",
                    )
                if cut is not None and reverse:
                    text = (
                        self.tr(
                            "← cut after step {cut} (truncated every {k} steps), zero after; "
                        ).format(cut=cut, k=truncate)
                        + text
                    )
                elif cut is not None:
                    text = (
                        self.tr(
                            "cut at step {cut} (truncated every {k} steps), zero before; "
                        ).format(cut=cut, k=truncate)
                        + text
                    )
            if dc is not None and not far and cut != tau:
                if math.isfinite(rc := decay_ratio(dc[layer], start, tau)):
                    # the LSTM's point: the cell state's gradient decays far less than h's
                    text += self.tr("; through c: {ratio}").format(ratio=format_ratio(rc))
            if K == 1:
                name = self.tr("layer {n}").format(n=layer + 1)
            else:
                name = run_label(layer, K)
            lines.append(f'<span style="color:{color}">■</span> <b>{name}</b>: {text}')
        # both ways the label has twice the lines: what → and ← mean goes in its tooltip
        self.ratio_label.setToolTip(
            self.tr(
                "Both directions: the → run carries the gradient of l<sub>τ</sub> back "
                "from τ to 0, the ← run on from τ to T − 1 (it read those steps after τ)."
            )
            if K == 2
            else ""
        )
        return "<br>".join(lines)


def _set_data(item: pg.PlotDataItem, x: np.ndarray, y: np.ndarray) -> None:
    """``item.setData(x, y)``, or nothing drawn when no y is finite (pyqtgraph's symbols
    warn about an all-NaN slice)."""
    if np.isfinite(y).any():
        item.setData(x, y)
    else:
        item.setData([], [])


def _forget(probe, layer: int, n: int) -> np.ndarray | None:
    """f_t (n, H) of ``layer`` for steps 0 .. n - 1, or None without a forget gate."""
    if layer >= len(probe.layers) or "f" not in probe.layers[layer]:
        return None
    return np.asarray(probe.layers[layer]["f"][:n], dtype=np.float64)
