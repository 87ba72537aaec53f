"""Gradient norms (with clipping) and weight norms over a run, per parameter."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, QPointF, Qt, Slot
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from lstm_studio.engine import SequenceModel
from lstm_studio.tasks import Task
from lstm_studio.training import Snapshot, TrainConfig

from .axes import LogAxis, StepAxis
from .base import Panel, directions
from .loss import (
    FRESH_STEPS,
    SeriesBuffer,
    fmt,
    hover_label,
    nearest_row,
    plot_under,
    style_symbols,
    summary_label,
)

GLOBAL_COLOR = "#555555"
CLIP_COLOR = "#d62728"
# Tableau colours without the red (clipping) and the grey (the global norm), then darker
# ones; past them the colours come round again, dotted
PARAM_COLORS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#17becf",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#3182bd",
    "#e6550d",
    "#31a354",
)


LEGEND_ROWS = 14  # parameters in one legend column; more make two columns
# clipping marks drawn at most: a symbol costs far more to draw than a point of a curve
MAX_MARKERS = 1000


def param_pen(index: int, name: str, reverse: bool = False) -> pg.QtGui.QPen:
    """A distinct colour per parameter; biases dashed, so a weight and its bias pair up.
    ``reverse``: the ``_reverse`` twin of parameter ``index`` (a bidirectional model's ←
    direction), drawn in a lighter shade of its colour, so the two directions pair up
    without a second set of colours."""
    color = PARAM_COLORS[index % len(PARAM_COLORS)]
    if reverse:
        color = pg.mkColor(color).lighter(150)
    if index >= len(PARAM_COLORS):
        style = Qt.PenStyle.DotLine
    elif "bias" in name.rsplit(".", 1)[-1]:
        style = Qt.PenStyle.DashLine
    else:
        style = Qt.PenStyle.SolidLine
    return pg.mkPen(color, width=2 if style == Qt.PenStyle.SolidLine else 1.5, style=style)


def _spread_peaks(step: np.ndarray, value: np.ndarray, most: int) -> np.ndarray:
    """Indices of at most ``most`` of the points: all of them when they are few, else the
    largest value in each of ``most`` equal stretches of steps (``step`` ascending)."""
    n = len(step)
    if n <= most:
        return np.arange(n)
    span = int(step[-1]) - int(step[0]) + 1
    bins = (step - step[0]) * most // span  # (n,) ascending
    starts = np.flatnonzero(np.r_[True, bins[1:] != bins[:-1]])
    peak = np.repeat(np.maximum.reduceat(value, starts), np.diff(np.r_[starts, n]))
    at = np.flatnonzero(value == peak)
    return at[np.r_[True, bins[at][1:] != bins[at][:-1]]]  # the first peak of each stretch


def short_name(name: str) -> str:
    """A parameter's name for the legend: ``rnn.weight_ih_l0`` -> ``weight_ih_l0`` (the
    name PyTorch's nn.LSTM gives it), ``head.bias`` as it is."""
    return name.removeprefix("rnn.")


def parameter_names(task: Task, config: TrainConfig) -> list[str]:
    """The parameters of the model a run of ``config`` on ``task`` trains, in order.

    The names depend on the cell and the layers, not on the widths: a model of one input
    and one output names them as well, without drawing weights for 100,000 inputs (a
    CSV that wide took 0.2 s of the GUI thread here)."""
    model = SequenceModel(
        cell=config.cell,
        input_size=1,
        hidden_size=1,
        output_size=1,
        num_layers=config.num_layers,
        bidirectional=directions(config) == 2,  # the _reverse names
    )
    return list(model.state_dict())


class NormsPanel(Panel):
    """Gradient norms on top, weight norms below, on log axes with a shared step axis.

    Top: the global gradient norm of every step before clipping (grey), the clipping
    threshold (a dashed red line, hidden when clipping is off), a red mark on each
    step whose norm went over it, and the last step's gradient norm of each parameter
    at every snapshot. Bottom: each parameter's weight norm at every snapshot. One
    colour per parameter in both plots; the legend on the right names them (a click
    on an entry hides the parameter in both plots).
    """

    needs_every_snapshot = True  # it keeps the whole history

    title = QT_TRANSLATE_NOOP("Panel", "Norms")
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>For every weight matrix and bias, the size (Euclidean norm) of its gradient at "
        "each step, and of the weights themselves. An exploding gradient shows as a "
        "spike. Gradient clipping (in the Setup) scales the whole gradient down when its "
        "total norm passes the limit; every clipped step is marked.</p><p>The names are "
        "PyTorch's (rnn.weight_hh_l0 holds the recurrent weights of layer 1), so exported "
        "weights load there as they are.</p>",
    )
    object_name = "norms_panel"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # one row per training step (from new_steps), thinned like the trainer's history;
        # "clipped" keeps a thinned row marked when any step in it was clipped
        self.steps = SeriesBuffer(
            {
                "step": (np.int64, "last"),
                "grad_norm": (float, "max"),
                "clipped": (bool, "any"),
                "count": (np.int64, "sum"),
            }
        )
        # one row per snapshot, a column per parameter (added in _set_params)
        self.grads = SeriesBuffer({"step": (np.int64, "last")}, capacity=1 << 16)
        self.weights = SeriesBuffer({"step": (np.int64, "last")}, capacity=1 << 16)
        self.params: list[str] = []
        self.grad_curves: dict[str, pg.PlotDataItem] = {}
        self.weight_curves: dict[str, pg.PlotDataItem] = {}
        self.clip = 0.0
        self.clipped_steps = 0
        self._twins: dict[str, str] = {}  # a "_reverse" parameter -> its forward twin
        self.reverse_sample: pg.PlotDataItem | None = None  # the legend's "lighter: ←"

        self.summary = summary_label()
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.ci.setContentsMargins(4, 4, 4, 4)
        self.grad_plot = self.plots.addPlot(
            row=0, col=0, axisItems={"left": LogAxis(orientation="left"), "bottom": StepAxis()}
        )
        self.weight_plot = self.plots.addPlot(
            row=1, col=0, axisItems={"left": LogAxis(orientation="left"), "bottom": StepAxis()}
        )
        self.weight_plot.setXLink(self.grad_plot)
        for plot in (self.grad_plot, self.weight_plot):
            plot.setLogMode(y=True)  # before any curve, so every curve starts in log mode
            plot.setDownsampling(auto=True, mode="peak")
            plot.setClipToView(True)
            # a "(x1e+21)" prefix on a log axis would relabel every tick (1e-21 for 1)
            plot.getAxis("left").enableAutoSIPrefix(False)
            # no grid: pyqtgraph paints it into the axis picture, ~5x the cost of a frame
        self.grad_plot.setLabel("left", self.tr("gradient norm"))
        self.weight_plot.setLabel("left", self.tr("weight norm"))
        self.weight_plot.setLabel("bottom", self.tr("step"))

        # the legend in a column of its own, so it never hides a curve
        self.legend = pg.LegendItem(verSpacing=-5, labelTextSize="8pt")
        self.plots.addItem(self.legend, row=0, col=1, rowspan=2)
        # at its own height at the top, or the layout spreads the entries over the column
        self.legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.plots.ci.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop)

        self.global_curve = self.grad_plot.plot(pen=pg.mkPen(GLOBAL_COLOR, width=1))
        self.clip_markers = style_symbols(
            self.grad_plot.plot(
                pen=None, symbol="o", symbolSize=6, symbolPen=None, symbolBrush=CLIP_COLOR
            )
        )
        self.legend.addItem(self.global_curve, self.tr("all parameters"))
        self.legend.addItem(self.clip_markers, self.tr("clipped step"))
        # the threshold counts in the autorange (no ignoreBounds): it stays in sight
        self.clip_line = pg.InfiniteLine(
            angle=0,
            movable=False,
            pen=pg.mkPen(CLIP_COLOR, width=1.5, style=Qt.PenStyle.DashLine),
            label="",
            labelOpts={
                "position": 0.02,
                "anchors": [(0, 1), (0, 1)],
                "color": CLIP_COLOR,
                "fill": (255, 255, 255, 210),  # readable over a dense curve
            },
        )
        self.clip_line.setZValue(10)  # over the curves
        self.grad_plot.addItem(self.clip_line)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.plots, 1)
        self.hover = hover_label("norms_panel_value")
        self.hover.setText(self._hint())
        layout.addWidget(self.hover)
        self.plots.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._set_clip(0.0)
        self._show_summary(None)

    # ---------------------------------------------------------------- Panel
    def reset(self, task: Task, config: TrainConfig) -> None:
        self.steps.clear()
        self.clipped_steps = 0
        self._set_params(parameter_names(task, config))
        self._set_clip(config.clip)
        self._draw_steps()
        self._draw_params()
        self._follow(fresh=True)
        self._show_summary(None)
        self.hover.setText(self._hint())  # not the old run's values

    def on_snapshot(self, snap: Snapshot) -> None:
        if snap.clip != self.clip:
            self._set_clip(snap.clip)
        rows = snap.new_steps
        if len(rows.get("step", ())):
            grad = np.asarray(rows["grad_norm"], float)
            # the threshold of this snapshot stands for all its steps: a change of the
            # clip norm lands between snapshots, close enough for a mark on a plot
            clipped = grad > snap.clip if snap.clip > 0 else np.zeros(len(grad), bool)
            self.clipped_steps += int(np.sum(clipped))
            self.steps.extend({**rows, "clipped": clipped})
            self._dirty_steps = True
        unknown = [k for k in (*snap.param_norms, *snap.param_grad_norms) if k not in self.params]
        if unknown:  # a snapshot before reset, or a model reset did not foresee
            self._set_params([*self.params, *dict.fromkeys(unknown)])
        new_grads = self._append(self.grads, snap.step, snap.param_grad_norms)
        new_weights = self._append(self.weights, snap.step, snap.param_norms)
        if new_grads or new_weights:
            self._dirty_params = True
        self._show_summary(snap)
        if not (self.isVisible() and self.visibleRegion().isEmpty()):
            self._redraw()  # behind another dock's tab it draws in shown()

    def _redraw(self) -> None:
        if getattr(self, "_dirty_steps", False):
            self._draw_steps()
            self._dirty_steps = False
        if getattr(self, "_dirty_params", False):
            self._draw_params()
            self._dirty_params = False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.shown()

    def shown(self) -> None:
        self._dirty_steps = self._dirty_params = True
        self._redraw()
        self._follow()

    def _follow(self, fresh: bool = False) -> None:
        """Both plots fit their data again. The weight plot's x follows the gradient
        plot's through the link: an x auto-range of its own sets the linked range, which
        switches the gradient plot's x auto-range off (the step axis stopped following).

        ``fresh`` (a new run) starts from a range of ten steps and one decade: pyqtgraph
        fits a single point (the first snapshot) by keeping the span it had, which after a
        divergence was hundreds of decades, or after a long run 10^5 steps."""
        if fresh:
            for plot in (self.grad_plot, self.weight_plot):
                plot.setRange(xRange=(0, FRESH_STEPS), yRange=(-1, 1), padding=0)
        self.grad_plot.enableAutoRange()
        self.weight_plot.disableAutoRange(axis="x")
        self.weight_plot.enableAutoRange(axis="y")

    # ---------------------------------------------------------------- data
    @staticmethod
    def _append(buffer: SeriesBuffer, step: int, norms) -> bool:
        """One row of per-parameter norms; False (nothing stored) when there are none or
        this step is already there (a snapshot that repeats it, as pausing does)."""
        if not norms or (len(buffer) and buffer["step"][-1] >= step):
            return False
        buffer.extend({"step": [step], **{k: [v] for k, v in norms.items()}})
        return True

    def _set_params(self, names: Iterable[str]) -> None:
        """A curve in each plot and a buffer column for each of these parameters. A set
        other than the current one is built afresh; the same set keeps its curves. Either
        way the per-parameter rows start empty."""
        names = list(dict.fromkeys(names))
        if names != self.params:
            if self.reverse_sample is not None:
                self.legend.removeItem(self.reverse_sample)
            for name in self.params:
                if name not in self._twins:
                    self.legend.removeItem(self.grad_curves[name])
                self.grad_plot.removeItem(self.grad_curves.pop(name))
                self.weight_plot.removeItem(self.weight_curves.pop(name))
            self.params = names
            columns = {"step": (np.int64, "last")}
            # spikes in a gradient norm survive thinning; a weight norm moves slowly
            self.grads = SeriesBuffer(
                {**columns, **{k: (float, "max") for k in names}}, capacity=1 << 16
            )
            self.weights = SeriesBuffer(
                {**columns, **{k: (float, "last") for k in names}}, capacity=1 << 16
            )
            # a "_reverse" parameter (a bidirectional model's ← direction) takes its
            # forward twin's colour, lighter, and shares its legend entry: the legend
            # stays as long as one way, and a click hides both directions
            forward = [n for n in names if not n.endswith("_reverse")]
            self._twins = {}
            for name in names:
                twin = name.removesuffix("_reverse")
                if twin != name and twin in forward:
                    self._twins[name] = twin
                    pen = param_pen(forward.index(twin), twin, reverse=True)
                else:
                    pen = param_pen((forward if name in forward else names).index(name), name)
                grad = self.grad_plot.plot(pen=pen)
                self.grad_curves[name] = grad
                self.weight_curves[name] = self.weight_plot.plot(pen=pen)
                if name not in self._twins:
                    grad.visibleChanged.connect(self._on_param_visibility)
                    self.legend.addItem(grad, short_name(name))
            if self._twins:
                if self.reverse_sample is None:
                    self.reverse_sample = pg.PlotDataItem(pen=pg.mkPen("#b0b0b0", width=2))
                self.legend.addItem(self.reverse_sample, self.tr("lighter: its _reverse twin (←)"))
            # two layers of an LSTM and the head fit one column at 340 pixels high
            shown = len(names) - len(self._twins)
            self.legend.setColumnCount(1 if shown <= LEGEND_ROWS else 2)
        else:
            self.grads.clear()
            self.weights.clear()

    def _set_clip(self, clip: float) -> None:
        self.clip = clip
        self.clip_line.setVisible(clip > 0)
        if clip > 0:
            self.clip_line.setPos(math.log10(clip))  # the plot's y axis is log10 of the norm
            self.clip_line.label.setFormat(self.tr("clip at {clip}").format(clip=fmt(clip)))

    # ---------------------------------------------------------------- drawing
    def _draw_steps(self) -> None:
        step, grad = self.steps["step"], self.steps["grad_norm"]
        self.global_curve.setData(step, grad)
        at = np.flatnonzero(self.steps["clipped"])
        at = at[_spread_peaks(step[at], grad[at], MAX_MARKERS)]
        self.clip_markers.setData(step[at], grad[at])

    def _draw_params(self) -> None:
        for buffer, curves in ((self.grads, self.grad_curves), (self.weights, self.weight_curves)):
            step = buffer["step"]
            for name, curve in curves.items():
                y = buffer[name]
                # a zero norm (a bias set to 0) has no place on a log axis
                keep = np.isfinite(y) & (y > 0)
                curve.setData(step[keep], y[keep])

    def _show_summary(self, snap: Snapshot | None) -> None:
        if snap is None:
            self.summary.setText(self.tr("No run yet"))
            return
        locale = QLocale()
        text = self.tr("Step {step} · gradient norm {norm} before clipping").format(
            step=locale.toString(snap.step), norm=fmt(snap.grad_norm)
        )
        if snap.clip > 0:
            text += " · " + self.tr("clip at {clip} · {n} of {total} steps clipped").format(
                clip=fmt(snap.clip),
                n=locale.toString(self.clipped_steps),
                total=locale.toString(snap.step),
            )
        else:
            text += " · " + self.tr("no clipping")
        self.summary.setText(text)

    # ---------------------------------------------------------------- hover
    def _hint(self) -> str:
        return self.tr("hover the curves to read a step")

    def readout_at(self, pos: QPointF) -> str:
        """What the hover line says for scene position ``pos`` ("" off the plots): over
        the gradient plot the gradient norm of all parameters at the step under the
        mouse; over either plot the shown parameter whose curve passes nearest the mouse
        at the nearest snapshot, and its norm there."""
        plot = plot_under(pos, (self.grad_plot, self.weight_plot))
        if plot is None:
            return ""
        point = plot.getViewBox().mapSceneToView(pos)  # y: log10 of the norm
        locale = QLocale()
        parts = []
        if plot is self.grad_plot:
            i = nearest_row(self.steps["step"], point.x())
            if i is not None:
                last = int(self.steps["step"][i])
                first = last - int(self.steps["count"][i]) + 1
                norm = fmt(self.steps["grad_norm"][i])
                if first < last:  # a row of a long run: its largest norm (spikes stay)
                    text = self.tr("steps {first}–{last} · largest gradient norm {norm}")
                    parts.append(
                        text.format(
                            first=locale.toString(first), last=locale.toString(last), norm=norm
                        )
                    )
                else:
                    parts.append(
                        self.tr("step {step} · gradient norm {norm}").format(
                            step=locale.toString(last), norm=norm
                        )
                    )
        buffer, curves = (
            (self.grads, self.grad_curves)
            if plot is self.grad_plot
            else (self.weights, self.weight_curves)
        )
        j = nearest_row(buffer["step"], point.x())
        best = None  # (distance in decades, name, norm)
        for name, curve in curves.items() if j is not None else ():
            norm = float(buffer[name][j])
            if curve.isVisible() and math.isfinite(norm) and norm > 0:
                d = abs(math.log10(norm) - point.y())
                if best is None or d < best[0]:
                    best = (d, name, norm)
        if best is not None:
            what = (
                self.tr("{name}: gradient norm {norm} at step {step}")
                if plot is self.grad_plot
                else self.tr("{name}: weight norm {norm} at step {step}")
            )
            parts.append(
                what.format(
                    name=short_name(best[1]),
                    norm=fmt(best[2]),
                    step=locale.toString(int(buffer["step"][j])),
                )
            )
        return " · ".join(parts)

    @Slot(object)
    def _on_mouse_moved(self, pos: QPointF) -> None:
        self.hover.setText(self.readout_at(pos) or self._hint())

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().leaveEvent(event)
        self.hover.setText(self._hint())

    # ---------------------------------------------------------------- slots
    @Slot()
    def _on_param_visibility(self) -> None:
        # the legend hides a parameter's gradient curve; its weight curve follows
        for name, curve in self.grad_curves.items():
            twin = self._twins.get(name)
            if twin is not None:  # the ← twin follows its forward parameter's entry
                curve.setVisible(self.grad_curves[twin].isVisible())
            self.weight_curves[name].setVisible(curve.isVisible())
