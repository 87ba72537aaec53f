"""How far back the loss at one step reaches: ``||d l_tau / d h_t||`` against t.

The probe's loss at the scored step tau is backpropagated alone; the curve shows how
strongly it still depends on the hidden state at each earlier step t. A plain RNN's
curve falls off geometrically as t moves away from tau (it forgets); an LSTM's stays
high through its cell state. A log y axis turns geometric decay into a straight line.
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

from .axes import BoundedAxis, WholeAxis
from .base import Panel

#: one colour per layer (colour-blind-safe, readable on white)
LAYER_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")

#: earlier snapshots' curves kept behind the current one
HISTORY = 8


def positive(a: np.ndarray) -> np.ndarray:
    """``a`` with every entry a log axis cannot show (0, negative, NaN, inf) made NaN, so
    the curve has a gap there instead of a warning or an axis stretched to 1e-308."""
    a = np.asarray(a, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(a) & (a > 0), a, np.nan)


def decay_ratio(dh: np.ndarray) -> float:
    """``||dl/dh_0|| / ||dl/dh_tau||`` of one layer's curve (NaN when undefined)."""
    first, last = float(dh[0]), float(dh[-1])
    if not (math.isfinite(first) and math.isfinite(last)) or last <= 0:
        return math.nan
    return first / last


def format_ratio(r: float) -> str:
    """The ratio as the label shows it (and tests look for)."""
    return f"{r:.2g}"


Y_RANGE = (-16, 1)  # log10 of the gradient norms shown


class DecayPanel(Panel):
    """``||d l_tau / d h_t||`` per layer on a log axis, with the last snapshots faded behind.

    Attributes for tests: ``plot`` (the ``PlotItem``), ``curves_h`` and ``curves_c`` (per
    layer, the current curves; ``curves_c`` empty without a cell state), ``history_curves``
    (per layer, ``HISTORY`` faded items, newest first), ``history_count`` (how many hold
    data), ``tau_line`` and ``ratio_label``.
    """

    title = QT_TRANSLATE_NOOP("Panel", "Gradient decay")
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>Backpropagation through time sends the error made at the scored step τ back "
        "to every earlier step. This plot shows how much of it is left at step t: "
        "‖∂l<sub>τ</sub>/∂h<sub>t</sub>‖, on a log scale.</p><p>In a plain RNN it "
        "shrinks by about the same factor at every step back: the <b>vanishing "
        "gradient</b>. The first steps get almost no learning signal, so the network "
        "cannot learn what happened long ago. In an LSTM the cell-state path (dashed, c) "
        "carries it back nearly unchanged while the forget gate stays near 1. Faded lines "
        "are earlier snapshots; the line below gives the ratio between t = 0 and τ.</p>",
    )
    object_name = "decay_panel"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.curves_h: list[pg.PlotDataItem] = []
        self.curves_c: list[pg.PlotDataItem] = []
        self.history_curves: list[list[pg.PlotDataItem]] = []
        # (t, dh (L, tau + 1)) of earlier snapshots, newest first; guarded copies only
        self._history: deque[tuple[np.ndarray, np.ndarray]] = deque(maxlen=HISTORY)
        self._current: tuple[np.ndarray, np.ndarray] | None = None
        self._current_step: int | None = None

        self.widget = pg.PlotWidget(
            axisItems={"bottom": WholeAxis("bottom"), "left": BoundedAxis("left")}
        )
        self.plot: pg.PlotItem = self.widget.getPlotItem()
        self.plot.setLogMode(x=False, y=True)
        # no grid: pyqtgraph paints it into the axis picture, ~5x the cost of a frame
        self.plot.setLabel("bottom", self.tr("t (timestep)"))
        self.plot.setLabel("left", self.tr("||∂l<sub>τ</sub> / ∂h<sub>t</sub>||"))
        self.plot.getAxis("left").enableAutoSIPrefix(False)  # a "(x0.001)" reads as a unit
        # room for "0.0001" and the label beside it (the axis does not widen on its own
        # when the decades change after the first layout)
        self.plot.getAxis("left").setWidth(72)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.getViewBox().setMouseEnabled(x=False, y=False)
        self.legend = self.plot.addLegend(offset=(10, 10), labelTextSize="9pt", colCount=2)
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 210))
        self.history_sample = None  # the legend's "earlier snapshots", once there are some
        self.widget.setToolTip(
            self.tr(
                "How strongly the loss at the scored step τ still depends on the hidden "
                "state at each earlier step t. Flat: the network can still learn from "
                "step t. Falling to the left: the gradient vanishes, the network forgets. "
                "Faded lines are earlier snapshots."
            )
        )
        self.tau_line = pg.InfiniteLine(
            angle=90,
            movable=False,
            pen=pg.mkPen("#555555", width=1.2, style=Qt.PenStyle.DashLine),
            label="τ",
            labelOpts={"position": 0.06, "color": "#333333", "anchors": [(1, 1), (1, 1)]},
        )
        self.tau_line.setVisible(False)

        self.ratio_label = QLabel()
        self.ratio_label.setObjectName("decay_panel_ratio")
        self.ratio_label.setTextFormat(Qt.TextFormat.RichText)
        self.ratio_label.setWordWrap(True)
        self.ratio_label.setContentsMargins(6, 0, 6, 4)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.widget, 1)
        layout.addWidget(self.ratio_label)

    @property
    def history_count(self) -> int:
        return len(self._history)

    # ------------------------------------------------------------------ Panel
    def reset(self, task: Task, config: TrainConfig) -> None:
        if self.history_sample is not None:
            self.legend.removeItem(self.history_sample)  # not a plot item: clear() keeps it
        self.plot.clear()  # also empties the legend of the curves
        self._history.clear()
        self._current = None
        self._current_step = None
        layers = config.num_layers
        has_c = cell_spec(config.cell).has_cell_state
        self.curves_h, self.curves_c, self.history_curves = [], [], []
        self.history_sample = None
        for layer in range(layers):
            color = pg.mkColor(LAYER_COLORS[layer % len(LAYER_COLORS)])
            faded = []
            for age in range(HISTORY):
                c = pg.mkColor(color)
                # the newest earlier curve is clearly visible, the oldest a trace
                c.setAlpha(int(130 * (1 - age / HISTORY)) + 15)
                item = pg.PlotDataItem(pen=pg.mkPen(c, width=1.2), connect="finite")
                item.setZValue(-age - 10)
                self.plot.addItem(item)
                faded.append(item)
            self.history_curves.append(faded)
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
        self.plot.addItem(self.tau_line, ignoreBounds=True)
        self.tau_line.setVisible(False)
        self.ratio_label.setText("")
        # one fixed scale, 1e-16 .. 10, for every cell and run: an RNN's vanishing gradient
        # and an LSTM's flat one must look different side by side, which a per-run
        # auto-range hides (both become a rising line); below 1e-16 is float64 noise
        self.plot.enableAutoRange(axis="x")
        self.plot.disableAutoRange(axis="y")
        self.plot.setYRange(Y_RANGE[0], Y_RANGE[1], padding=0)

    @Slot(object)
    def on_snapshot(self, snap: Snapshot) -> None:
        probe = snap.probe
        if probe is None or not self.curves_h:
            return
        tau = probe.decay_tau
        t = np.arange(tau + 1, dtype=np.float64)  # (tau + 1,)
        dh = positive(probe.decay_dh)  # (L, tau + 1)
        aged = self._current is not None and snap.step != self._current_step
        if aged:  # a snapshot of the same step (a pause, the end) only replaces the current
            self._history.appendleft(self._current)
            if self.history_sample is None:
                self._add_history_legend()
        self._current, self._current_step = (t, dh), snap.step

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

        self.tau_line.setValue(tau)
        self.tau_line.setVisible(True)  # pyqtgraph ignores a hidden line's new label text
        self.tau_line.label.setFormat(self.tr("τ = {tau} (scored step)").format(tau=tau))
        self.plot.setXRange(0, max(tau, 1), padding=0.02)
        dc = None if probe.decay_dc is None else probe.decay_dc[:layers]
        self.ratio_label.setText(self._ratio_text(probe.decay_dh[:layers], tau, dc))

    def _add_history_legend(self) -> None:
        """A legend entry drawn like the first layer's newest faded line."""
        pen = self.history_curves[0][0].opts["pen"]
        self.history_sample = pg.PlotDataItem(pen=pen)  # only drawn as the legend's sample
        self.legend.addItem(self.history_sample, self.tr("earlier snapshots"))

    def _ratio_text(self, dh: np.ndarray, tau: int, dc: np.ndarray | None = None) -> str:
        lines = []
        for layer, row in enumerate(dh):
            color = LAYER_COLORS[layer % len(LAYER_COLORS)]
            r = decay_ratio(row)
            if tau == 0:
                text = self.tr("τ = 0: no earlier step to reach")
            elif not math.isfinite(r):
                text = self.tr("the ratio is undefined (the gradient at τ={tau} is zero)").format(
                    tau=tau
                )
            elif r < 1:
                per_step = r ** (1 / tau)
                text = self.tr(
                    "the gradient at t=0 is {ratio} of its size at τ={tau} (×{step} per step)"
                ).format(ratio=format_ratio(r), tau=tau, step=f"{per_step:.3g}")
            else:
                text = self.tr("the gradient at t=0 is {ratio} times its size at τ={tau}").format(
                    ratio=format_ratio(r), tau=tau
                )
            if dc is not None and tau > 0 and math.isfinite(rc := decay_ratio(dc[layer])):
                # the LSTM's point: the cell state's gradient decays far less than h's
                text += self.tr("; through c: {ratio}").format(ratio=format_ratio(rc))
            name = self.tr("layer {n}").format(n=layer + 1)
            lines.append(f'<span style="color:{color}">■</span> <b>{name}</b>: {text}')
        return "<br>".join(lines)
