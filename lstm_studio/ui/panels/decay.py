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
"""

from __future__ import annotations

import math
from collections import deque

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from lstm_studio.engine import cell_spec
from lstm_studio.tasks import Task
from lstm_studio.training import Snapshot, TrainConfig

from .axes import BoundedAxis, LogAxis, WholeAxis
from .base import Panel

#: one colour per layer (colour-blind-safe, readable on white)
LAYER_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")

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


def positive(a: np.ndarray) -> np.ndarray:
    """``a`` with every entry a log axis cannot show (0, negative, NaN, inf) made NaN, so
    the curve has a gap there instead of a warning or an axis stretched to 1e-308."""
    a = np.asarray(a, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(a) & (a > 0), a, np.nan)


def decay_ratio(dh: np.ndarray, start: int = 0) -> float:
    """``||dl/dh_start|| / ||dl/dh_tau||`` of one layer's curve (NaN when undefined)."""
    first, last = float(dh[start]), float(dh[-1])
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


def _fixed_plot(plot: pg.PlotItem, log_y: bool = True) -> None:
    """A plot the mouse cannot pan or zoom and with no menu: a fixed scale stays fixed."""
    plot.setLogMode(x=False, y=log_y)
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
        "t = 0 and τ.</p>",
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

        self.widget = pg.GraphicsLayoutWidget()
        self.widget.ci.layout.setContentsMargins(2, 2, 2, 2)
        self.widget.ci.layout.setHorizontalSpacing(4)
        self.widget.ci.layout.setVerticalSpacing(0)

        # the decay curve, on top, the widest
        self.plot: pg.PlotItem = self.widget.addPlot(
            row=0,
            col=0,
            axisItems={"bottom": WholeAxis("bottom"), "left": BoundedAxis("left")},
        )
        _fixed_plot(self.plot)
        self.plot.setLabel("left", self.tr("||∂l<sub>τ</sub> / ∂h<sub>t</sub>||"))
        self.plot.getAxis("left").setWidth(AXIS_WIDTH)
        self.plot.getAxis("bottom").setStyle(showValues=False)  # the factor plot's t below
        self.legend = self.plot.addLegend(offset=(6, 4), labelTextSize="8pt", colCount=3)
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 210))
        self.history_sample = None  # the legend's "earlier snapshots", once there are some
        self.tau_line = pg.InfiniteLine(
            angle=90,
            movable=False,
            pen=pg.mkPen("#555555", width=1.2, style=Qt.PenStyle.DashLine),
            label="τ",
            labelOpts={"position": 0.1, "color": "#333333", "anchors": [(1, 1), (1, 1)]},
        )
        self.tau_line.setVisible(False)
        self.decay_one_line = pg.InfiniteLine(
            pos=0, angle=0, movable=False, pen=pg.mkPen("#999999", width=1)
        )  # log10(1): above it the gradient has grown back through time

        # the factor per step, below, sharing t
        self.factor_plot: pg.PlotItem = self.widget.addPlot(
            row=1,
            col=0,
            axisItems={"bottom": WholeAxis("bottom"), "left": LogAxis("left")},
        )
        _fixed_plot(self.factor_plot)
        self.factor_plot.setXLink(self.plot)
        self.factor_plot.setLabel("bottom", self.tr("t (timestep)"))
        self.factor_plot.setLabel(
            "left", self.tr("factor ‖∂h<sub>t</sub>/∂h<sub>t−1</sub>‖<sub>2</sub>")
        )
        self.factor_plot.getAxis("left").setWidth(AXIS_WIDTH)
        self.one_line = pg.InfiniteLine(
            pos=0,  # log10(1)
            angle=0,
            movable=False,
            pen=pg.mkPen("#444444", width=1.2, style=Qt.PenStyle.DashLine),
            label=self.tr("1: above, the gradient grows back"),
            labelOpts={"position": 0.98, "color": "#444444", "anchors": [(1, 1), (1, 1)]},
        )

        # W_hh's singular values, beside both
        self.sv_plot: pg.PlotItem = self.widget.addPlot(
            row=0,
            col=1,
            rowspan=2,
            axisItems={"bottom": WholeAxis("bottom"), "left": LogAxis("left")},
        )
        _fixed_plot(self.sv_plot)
        self.sv_plot.setTitle(self.tr("σ<sub>i</sub>(W<sub>hh</sub>)"), size="9pt")
        self.sv_plot.setLabel("bottom", self.tr("i"))
        self.sv_plot.getAxis("left").setWidth(36)
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
        self.widget.ci.layout.setRowStretchFactor(1, 2)

        # truncation: the steps the gradient of l_tau never reaches, shaded, and the cuts
        shade = pg.mkBrush(120, 120, 120, 40)
        self.cut_region = pg.LinearRegionItem(movable=False, brush=shade, pen=pg.mkPen(None))
        self.factor_cut_region = pg.LinearRegionItem(movable=False, brush=shade, pen=pg.mkPen(None))
        self.cut_line = pg.InfiniteLine(
            angle=90,
            movable=False,
            pen=pg.mkPen("#222222", width=2),
            label="",
            labelOpts={"position": 0.9, "color": "#222222", "anchors": [(0, 1), (0, 1)]},
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
        self.caption = QLabel(
            self.tr(
                "Each step back multiplies the gradient by ∂h<sub>t</sub>/∂h<sub>t−1</sub> "
                "(transposed): its size changes by at most the factor below, and the decay "
                "curve is the product of these factors."
            )
        )
        self.caption.setObjectName("decay_panel_caption")
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setWordWrap(True)
        self.caption.setContentsMargins(6, 0, 6, 0)
        self.caption.setStyleSheet("color: #444444")

        self.ratio_label = QLabel()
        self.ratio_label.setObjectName("decay_panel_ratio")
        self.ratio_label.setTextFormat(Qt.TextFormat.RichText)
        self.ratio_label.setWordWrap(True)
        self.ratio_label.setContentsMargins(6, 0, 6, 4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.widget, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.ratio_label)

    @property
    def history_count(self) -> int:
        return len(self._history)

    # ------------------------------------------------------------------ Panel
    def reset(self, task: Task, config: TrainConfig) -> None:
        if self.history_sample is not None:
            self.legend.removeItem(self.history_sample)  # not a plot item: clear() keeps it
        for plot in (self.plot, self.factor_plot, self.sv_plot):
            plot.clear()  # also empties the legend of the curves
        self._history.clear()
        self._sv_history.clear()
        self._current = None
        self._current_sv = ()
        self._current_step = None
        layers = config.num_layers
        has_c = cell_spec(config.cell).has_cell_state
        self.curves_h, self.curves_c, self.history_curves = [], [], []
        self.factor_curves, self.f_mean, self.f_low, self.f_high = [], [], [], []
        self.sv_curves, self.sv_history = [], []
        self.history_sample = None
        for layer in range(layers):
            color = LAYER_COLORS[layer % len(LAYER_COLORS)]
            self.history_curves.append(self._faded_items(self.plot, color, -10))
            self.sv_history.append(self._faded_items(self.sv_plot, color, -10))
            who = self.tr("layer {n}").format(n=layer + 1) if layers > 1 else ""
            h = pg.PlotDataItem(
                pen=pg.mkPen(color, width=2.6), connect="finite", name=f"{who}: h" if who else "h"
            )
            h.setZValue(10)
            self.plot.addItem(h)
            self.curves_h.append(h)
            if has_c:
                c = pg.PlotDataItem(
                    pen=pg.mkPen(color, width=1.8, style=Qt.PenStyle.DashLine),
                    connect="finite",
                    name=(f"{who}: " if who else "") + self.tr("c (dashed)"),
                )
                c.setZValue(9)
                self.plot.addItem(c)
                self.curves_c.append(c)
                self._add_f_band(color)
            factor = pg.PlotDataItem(
                pen=pg.mkPen(color, width=2.2),
                connect="finite",
                symbol="o",
                symbolSize=3,
                symbolPen=None,
                symbolBrush=color,
            )
            factor.setZValue(10)
            self.factor_plot.addItem(factor)
            self.factor_curves.append(factor)
            sv = pg.PlotDataItem(
                pen=pg.mkPen(color, width=2),
                connect="finite",
                symbol="o",
                symbolSize=4,
                symbolPen=None,
                symbolBrush=color,
            )
            sv.setZValue(10)
            self.sv_plot.addItem(sv)
            self.sv_curves.append(sv)

        for plot, line in (
            (self.plot, self.tau_line),
            (self.plot, self.decay_one_line),
            (self.plot, self.cut_line),
            (self.factor_plot, self.one_line),
            (self.sv_plot, self.sv_one_line),
            (self.sv_plot, self.sv_note),
        ):
            plot.addItem(line, ignoreBounds=True)
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
        tau = probe.decay_tau
        t = np.arange(tau + 1, dtype=np.float64)  # (tau + 1,)
        dh = positive(probe.decay_dh)  # (L, tau + 1)
        sv = tuple(positive(s) for s in probe.recurrent_sv)  # per layer (H,)
        aged = self._current is not None and snap.step != self._current_step
        if aged:  # a snapshot of the same step (a pause, the end) only replaces the current
            self._history.appendleft(self._current)
            self._sv_history.appendleft(self._current_sv)
            if self.history_sample is None:
                self._add_history_legend()
        self._current, self._current_sv, self._current_step = (t, dh), sv, snap.step

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
            dc = positive(probe.decay_dc)  # (L, tau + 1)
            for layer in range(min(len(self.curves_c), dc.shape[0])):
                self.curves_c[layer].setData(t, dc[layer])
        self._show_factors(probe, t)
        self._show_singular_values(sv, aged)

        self.tau_line.setValue(tau)
        self.tau_line.setVisible(True)  # pyqtgraph ignores a hidden line's new label text
        self.tau_line.label.setFormat(self.tr("τ = {tau} (scored step)").format(tau=tau))
        self.plot.setXRange(-0.5, max(tau, 1) + 0.5, padding=0)
        truncate = int(probe.truncate)
        self._show_cut(last_cut(tau, truncate), tau, truncate)
        dc = None if probe.decay_dc is None else probe.decay_dc[:layers]
        self.ratio_label.setText(
            self._ratio_text(probe.decay_dh[:layers], tau, dc, truncate, self._factor_notes(probe))
        )

    def _show_factors(self, probe, t: np.ndarray) -> None:
        """The factor per step and, for the LSTM family, f_t's band (steps 0 .. tau)."""
        n = t.size
        factor = None if probe.factor is None else positive(probe.factor)  # (L, tau + 1)
        for layer, curve in enumerate(self.factor_curves):
            if factor is not None and layer < factor.shape[0]:
                curve.setData(t, factor[layer, :n])
            else:
                curve.setData([], [])
        for layer, mean in enumerate(self.f_mean):
            f = _forget(probe, layer, n)
            if f is None:
                for item in (mean, self.f_low[layer], self.f_high[layer]):
                    item.setData([], [])
                continue
            mean.setData(t, positive(f.mean(axis=1)))
            self.f_low[layer].setData(t, positive(f.min(axis=1)))
            self.f_high[layer].setData(t, positive(f.max(axis=1)))

    def _show_singular_values(self, sv: tuple[np.ndarray, ...], aged: bool) -> None:
        for layer, curve in enumerate(self.sv_curves):
            s = sv[layer] if layer < len(sv) else np.empty(0)
            curve.setData(np.arange(1, s.size + 1, dtype=np.float64), s)
            if not aged:
                continue
            for age, item in enumerate(self.sv_history[layer]):
                old = self._sv_history[age] if age < len(self._sv_history) else ()
                s = old[layer] if layer < len(old) else np.empty(0)
                item.setData(np.arange(1, s.size + 1, dtype=np.float64), s)
        self.sv_note.setText("" if sv else self.tr("too large\nto compute\nlive"))

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

    def _add_history_legend(self) -> None:
        """A legend entry drawn like the first layer's newest faded line."""
        pen = self.history_curves[0][0].opts["pen"]
        self.history_sample = pg.PlotDataItem(pen=pen)  # only drawn as the legend's sample
        self.legend.addItem(self.history_sample, self.tr("earlier snapshots"))

    def _factor_notes(self, probe) -> list[str]:
        """Per layer, the factor's range over the steps the gradient of l_tau crosses
        (1 .. tau, after the last cut) and f_t's mean, as the label shows them."""
        tau = probe.decay_tau
        start = (last_cut(tau, int(probe.truncate)) or 0) + 1
        notes = []
        for layer in range(len(self.curves_h)):
            parts = []
            if probe.factor is not None and layer < probe.factor.shape[0]:
                row = np.asarray(probe.factor[layer, start : tau + 1], dtype=np.float64)
                row = row[np.isfinite(row)]
                if row.size:
                    parts.append(
                        self.tr("factor per step {low} to {high}").format(
                            low=f"{row.min():.2g}", high=f"{row.max():.2g}"
                        )
                    )
            f = _forget(probe, layer, tau + 1)
            if f is not None and f[start:].size:
                parts.append(self.tr("f mean {mean}").format(mean=f"{f[start:].mean():.2g}"))
            notes.append(", ".join(parts))
        return notes

    def _ratio_text(
        self,
        dh: np.ndarray,
        tau: int,
        dc: np.ndarray | None = None,
        truncate: int = 0,
        notes: list[str] | None = None,
    ) -> str:
        lines = []
        cut = last_cut(tau, truncate)
        start = cut or 0
        for layer, row in enumerate(dh):
            color = LAYER_COLORS[layer % len(LAYER_COLORS)]
            r = decay_ratio(row, start)
            if tau == 0:
                text = self.tr("τ = 0: no earlier step to reach")
            elif cut == tau:
                text = self.tr(
                    "the gradient was cut at step {cut} = τ (truncated every {k} steps): "
                    "it reaches no earlier step"
                ).format(cut=cut, k=truncate)
            elif not math.isfinite(r):
                text = self.tr("the ratio is undefined (the gradient at τ={tau} is zero)").format(
                    tau=tau
                )
            else:
                steps = tau - start
                if r < 1:
                    text = self.tr(
                        "the gradient at t={t} is {ratio} of its size at τ={tau} (×{step} per step)"
                    ).format(
                        t=start, ratio=format_ratio(r), tau=tau, step=f"{r ** (1 / steps):.3g}"
                    )
                else:
                    text = self.tr(
                        "the gradient at t={t} is {ratio} times its size at τ={tau}"
                    ).format(t=start, ratio=format_ratio(r), tau=tau)
                if cut is not None:
                    text = (
                        self.tr(
                            "the gradient was cut at step {cut} (truncated every {k} steps): "
                            "zero before it; "
                        ).format(cut=cut, k=truncate)
                        + text
                    )
            if dc is not None and tau > 0 and cut != tau:
                if math.isfinite(rc := decay_ratio(dc[layer], start)):
                    # the LSTM's point: the cell state's gradient decays far less than h's
                    text += self.tr("; through c: {ratio}").format(ratio=format_ratio(rc))
            if notes and layer < len(notes) and notes[layer]:
                text += f"; {notes[layer]}"
            name = self.tr("layer {n}").format(n=layer + 1)
            lines.append(f'<span style="color:{color}">■</span> <b>{name}</b>: {text}')
        return "<br>".join(lines)


def _forget(probe, layer: int, n: int) -> np.ndarray | None:
    """f_t (n, H) of ``layer`` for steps 0 .. n - 1, or None without a forget gate."""
    if layer >= len(probe.layers) or "f" not in probe.layers[layer]:
        return None
    return np.asarray(probe.layers[layer]["f"][:n], dtype=np.float64)
