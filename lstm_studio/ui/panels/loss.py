"""Training loss per step, held-out loss and the task's main metric over a run."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, QPointF, Qt, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from lstm_studio.tasks import Task
from lstm_studio.training import Snapshot, TrainConfig

from ..i18n import tr_metric
from .axes import BoundedAxis, LogAxis, StepAxis
from .base import Panel

_REDUCTIONS = ("last", "sum", "max", "any", "mean")


class SeriesBuffer:
    """Named NumPy columns that grow by appending, in bounded memory and evenly spread.

    Storage doubles as rows arrive (amortised O(1) a row). Once ``capacity`` rows are
    stored, neighbouring rows are merged two into one all along the buffer and from then
    on every stored row stands for twice as many incoming rows (``stride``): a run of
    any length keeps the same resolution from its first step to its last, between
    ``capacity / 2`` and ``capacity`` rows. (The trainer's ``History`` thins only its
    older half, so after a million steps its first row stands for some 10^5 steps: right
    for a record, wrong for a plot whose x axis is the step.) The incoming rows of a
    group not yet complete show as one more row at the end, replaced as the group grows.

    Each column is reduced its own way: ``"last"`` (steps), ``"mean"`` (weighted by the
    ``"count"`` column when there is one), ``"max"`` (so spikes survive; NaN ignored),
    ``"any"`` (flags), ``"sum"`` (counts). ``columns`` maps a name to ``(dtype,
    reduction)``; a column missing from ``extend`` is filled with NaN (floats), False
    (flags), 1 (``"count"``) or 0.
    """

    def __init__(
        self,
        columns: Mapping[str, tuple[type, str]],
        capacity: int = 1 << 18,
        initial: int = 1024,
    ) -> None:
        if capacity < 4 or capacity % 2:
            raise ValueError(f"capacity must be an even number of at least 4, got {capacity}")
        self._spec: dict[str, tuple[np.dtype, str]] = {}
        for name, (dtype, how) in columns.items():
            self._check(name, how)
            self._spec[name] = (np.dtype(dtype), how)
        self.capacity = capacity
        self._initial = max(4, min(initial, capacity + 1))
        self.clear()

    def clear(self) -> None:
        self._n = 0  # complete rows
        self._cols = {k: np.empty(self._initial, t) for k, (t, _) in self._spec.items()}  # (N,)
        self._pending = {k: np.empty(0, t) for k, (t, _) in self._spec.items()}  # (< stride,)
        self.stride = 1  # incoming rows per complete row
        self.thinned = 0  # how many times the rows were merged two into one

    def __len__(self) -> int:
        return self._n + (len(self._pending_step) > 0)

    @property
    def _pending_step(self) -> np.ndarray:
        return next(iter(self._pending.values()))

    def __getitem__(self, name: str) -> np.ndarray:
        """The stored rows of one column (a view: valid until the next ``extend``)."""
        return self._cols[name][: len(self)]

    @property
    def allocated(self) -> int:
        """Rows of storage held now (at most ``capacity + 1``, with the partial group)."""
        return len(next(iter(self._cols.values())))

    def add_column(self, name: str, dtype: type, how: str) -> None:
        """A new column, filled as if it had been missing from every earlier row."""
        self._check(name, how)
        self._spec[name] = (np.dtype(dtype), how)
        col = np.empty(self.allocated, dtype)  # (N,)
        col[: len(self)] = self._fill(name)
        self._cols[name] = col
        self._pending[name] = np.full(len(self._pending_step), self._fill(name), dtype)

    def append(self, **row) -> None:
        self.extend({k: np.atleast_1d(v) for k, v in row.items()})

    def extend(self, rows: Mapping[str, np.ndarray]) -> None:
        """Append equal-length columns (names not in the buffer are ignored)."""
        rows = {k: np.asarray(v).ravel() for k, v in rows.items() if k in self._spec}
        m = len(next(iter(rows.values()))) if rows else 0
        if any(len(v) != m for v in rows.values()):
            raise ValueError("extend: columns of different lengths")
        if m == 0:
            return
        new = {
            k: np.concatenate(
                [self._pending[k], rows[k] if k in rows else np.full(m, self._fill(k), t)]
            ).astype(t, copy=False)
            for k, (t, _) in self._spec.items()
        }
        total, i = m + len(self._pending_step), 0
        while (total - i) // self.stride:
            if self._n == self.capacity:
                self._thin()
                continue
            groups = min((total - i) // self.stride, self.capacity - self._n)
            take = groups * self.stride
            self._write(self._n, self._reduce({k: v[i : i + take] for k, v in new.items()}))
            self._n += groups
            i += take
        self._pending = {k: v[i:].copy() for k, v in new.items()}
        if total > i:  # the partial group, shown as one more row
            self._write(self._n, self._reduce(self._pending, total - i))

    # ---------------------------------------------------------------- inside
    @staticmethod
    def _check(name: str, how: str) -> None:
        if how not in _REDUCTIONS:
            raise ValueError(f"column {name!r}: unknown reduction {how!r}")

    def _fill(self, name: str):
        dtype = self._spec[name][0]
        if dtype.kind == "f":
            return math.nan
        if dtype.kind == "b":
            return False
        return 1 if name == "count" else 0

    def _reduce(self, cols: Mapping[str, np.ndarray], k: int | None = None) -> dict:
        """Each run of ``k`` (default ``stride``) rows as one row."""
        k = self.stride if k is None else k
        if k == 1:
            return dict(cols)
        count = cols.get("count")
        w = None if count is None else count.reshape(-1, k).astype(float)  # (G, k)
        out = {}
        for name, v in cols.items():
            a = v.reshape(-1, k)  # (G, k)
            how = self._spec[name][1]
            if how == "last":
                out[name] = a[:, -1]
            elif how == "sum":
                out[name] = a.sum(axis=1)
            elif how == "max":
                out[name] = np.fmax.reduce(a, axis=1)  # a NaN never hides a value
            elif how == "any":
                out[name] = a.any(axis=1)
            elif w is None:
                out[name] = a.mean(axis=1)
            else:
                out[name] = (a * w).sum(axis=1) / w.sum(axis=1)
        return out

    def _write(self, at: int, cols: Mapping[str, np.ndarray]) -> None:
        g = len(next(iter(cols.values())))
        if at + g > self.allocated:
            size = self.allocated
            while size < at + g:
                size *= 2
            size = min(size, self.capacity + 1)
            for k, col in self._cols.items():
                grown = np.empty(size, col.dtype)  # (N,)
                grown[:at] = col[:at]
                self._cols[k] = grown
        for k, col in self._cols.items():
            col[at : at + g] = cols[k]

    def _thin(self) -> None:
        """Merge the complete rows two into one: half as many, each for twice the steps."""
        n = self._n  # == capacity, even
        self._write(0, self._reduce({k: c[:n] for k, c in self._cols.items()}, 2))
        self._n = n // 2
        self.stride *= 2
        self.thinned += 1


def fmt(value: float) -> str:
    """A number for a label: four significant digits, a dash when there is none."""
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:.4g}"


def nearest_row(steps: np.ndarray, x: float) -> int | None:
    """The index of the stored row whose step is nearest ``x`` (``steps`` ascending), or
    None when there is none."""
    if len(steps) == 0 or not math.isfinite(x):
        return None
    i = int(np.searchsorted(steps, x))
    if i == len(steps) or (i > 0 and x - steps[i - 1] <= steps[i] - x):
        i -= 1
    return i


class HoverLine(QLabel):
    """The line under a panel's plots that reads the curves at the mouse: one line, cut
    with "…" where the panel is too narrow (the whole text in its tooltip), so moving
    the mouse never changes the plots' height."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setContentsMargins(6, 0, 6, 0)
        self.setMinimumWidth(1)  # its text does not widen the panel
        self.full_text = ""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self.full_text = text
        self._elide()

    def text(self) -> str:
        """The whole text, however much of it fits."""
        return self.full_text

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, room)
        super().setText(shown)
        self.setToolTip(self.full_text if shown != self.full_text else "")


def hover_label(object_name: str) -> HoverLine:
    """The line under a panel's plots that reads the curves at the mouse."""
    return HoverLine(object_name)


def plot_under(pos: QPointF, plots) -> pg.PlotItem | None:
    """Which of the (shown) ``plots`` has its data area at scene position ``pos``."""
    for plot in plots:
        if plot.isVisible() and plot.getViewBox().sceneBoundingRect().contains(pos):
            return plot
    return None


def metric_label(name: str) -> str:
    """A metric's key as words: ``sum_accuracy`` -> "sum accuracy" (or its translation)."""
    return tr_metric(name)


def summary_label() -> QLabel:
    """The line of latest numbers above a panel's plots, a little larger than the default."""
    label = QLabel()
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def style_symbols(item: pg.PlotDataItem) -> pg.PlotDataItem:
    """Give an item's symbols their look now: the legend draws the sample from the item's
    scatter, which pyqtgraph styles only once it holds points (grey until then)."""
    o = item.opts
    item.scatter.setSymbol(o["symbol"])
    item.scatter.setSize(o["symbolSize"])
    item.scatter.setPen(o["symbolPen"])
    item.scatter.setBrush(o["symbolBrush"])
    return item


FRESH_STEPS = 10  # the step axis of a new run, until its steps spread wider

MAX_SYMBOLS = 200  # evaluations drawn with a mark each; more are drawn as a line only

TRAIN_COLOR = "#1f77b4"
HELDOUT_COLOR = "#d62728"
METRIC_COLOR = "#2ca02c"


class LossPanel(Panel):
    """Training loss at every step, held-out loss and the primary metric at every
    evaluation, with the latest numbers above the plots.

    The loss plot sits on top; the metric (on its own axis) below it shares the x
    axis. Tasks whose primary metric is the loss itself show the loss plot alone.
    Rows are kept in this panel's own buffers (the trainer hands over only the new
    ones); a run of any length stays within ``SeriesBuffer``'s capacity.
    """

    needs_every_snapshot = True  # it keeps the whole history

    title = QT_TRANSLATE_NOOP("Panel", "Loss and metrics")
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>The thin line is the training loss, measured on each batch as the network "
        "learns (long runs are averaged so the line stays readable). The red points are "
        "the <b>held-out</b> loss, on sequences the network never trains on: when it stops "
        "falling while the training loss still falls, the network is memorising instead "
        "of learning the rule.</p><p>The lower plot is the task's own measure on the "
        "held-out set (accuracy, R², bits per character); the task counts as solved when "
        "it crosses the line the task sets. Tick <i>log scale</i> to see the late, small "
        "improvements.</p>",
    )
    object_name = "loss_panel"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps = SeriesBuffer(
            {"step": (np.int64, "last"), "loss": (float, "mean"), "count": (np.int64, "sum")}
        )
        self.evals = SeriesBuffer(
            {"step": (np.int64, "last"), "loss": (float, "last"), "metric": (float, "last")},
            capacity=1 << 16,
        )
        self.metric_name: str | None = None  # the task's primary metric; None when it is the loss

        self.summary = summary_label()
        self.log_check = QCheckBox(self.tr("log scale"))
        self.log_check.setToolTip(self.tr("Show the loss on a logarithmic axis"))
        self.log_check.toggled.connect(self._on_log_toggled)

        self.plots = pg.GraphicsLayoutWidget()
        self.plots.ci.setContentsMargins(4, 4, 8, 4)
        self.loss_plot = self.plots.addPlot(
            row=0, col=0, axisItems={"left": LogAxis(orientation="left"), "bottom": StepAxis()}
        )
        # a bounded left axis: pyqtgraph's own put 0, 0.2 .. 1 on top of each other when the
        # plot is short (its spacing counts ticks per log(pixels), not lines of text)
        self.metric_plot = self.plots.addPlot(
            row=1, col=0, axisItems={"left": BoundedAxis(orientation="left"), "bottom": StepAxis()}
        )
        # the loss plot gets the larger share; no stretch on the metric's row, or that row
        # would keep its space while the plot is hidden
        self.plots.ci.layout.setRowStretchFactor(0, 2)
        self.metric_plot.setXLink(self.loss_plot)
        for plot in (self.loss_plot, self.metric_plot):
            # a million points draw as fast as a thousand: peaks per pixel, visible range only
            plot.setDownsampling(auto=True, mode="peak")
            plot.setClipToView(True)
            # no grid: pyqtgraph paints it into the axis picture, ~5x the cost of a frame
        self.loss_plot.setLabel("left", self.tr("loss"))
        self.loss_plot.setLabel("bottom", self.tr("step"))
        self.metric_plot.setLabel("bottom", self.tr("step"))

        # the key is a line of text above the plots: a legend inside a short plot covers
        # the curves it names
        self.key = QLabel()
        self.key.setObjectName("loss_key")
        self.key.setTextFormat(Qt.TextFormat.RichText)
        self.key.setWordWrap(True)
        self._key_entries: list[tuple[str, str, bool]] = []  # (name, colour, with points)
        self.train_curve = self.loss_plot.plot(pen=pg.mkPen(TRAIN_COLOR, width=1))
        self.heldout_curve = self.loss_plot.plot(
            pen=pg.mkPen(HELDOUT_COLOR, width=2),
            symbol="o",
            symbolSize=5,
            symbolPen=None,
            symbolBrush=HELDOUT_COLOR,
        )
        self.metric_curve = self.metric_plot.plot(
            pen=pg.mkPen(METRIC_COLOR, width=2),
            symbol="o",
            symbolSize=5,
            symbolPen=None,
            symbolBrush=METRIC_COLOR,
        )
        for curve in (self.heldout_curve, self.metric_curve):
            style_symbols(curve)
        for plot in (self.loss_plot, self.metric_plot):
            plot.getAxis("left").enableAutoSIPrefix(False)  # "loss (x0.001)" reads badly
            plot.setLimits(xMin=0)  # no step -0.4 before the first step

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.log_check, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.key)
        layout.addWidget(self.plots, 1)
        self.hover = hover_label("loss_panel_value")
        layout.addWidget(self.hover)
        self.plots.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._set_metric(None)
        self._show_summary(None)

    # ---------------------------------------------------------------- Panel
    def reset(self, task: Task, config: TrainConfig) -> None:
        self.steps.clear()
        self.evals.clear()
        metric = task.primary_metric
        self._set_metric(None if metric == "loss" else metric)
        self._draw_steps()
        self._draw_evals()
        # the metric plot follows the loss plot's x through the link: an x auto-range of
        # its own would set the linked range and switch the loss plot's auto-range off
        if metric is not None and "accuracy" in metric:
            self.metric_plot.disableAutoRange(axis="y")
            self.metric_plot.setYRange(0, 1, padding=0.05)
        else:
            self.metric_plot.enableAutoRange(axis="y")
        # from a span of ten steps: pyqtgraph fits a single point (the evaluation at step
        # 0) by keeping the span it had, which after a long run was 10^5 steps; a span of
        # one step left the new model's axis without a number (both ends' labels are cut)
        self.loss_plot.setRange(xRange=(0, FRESH_STEPS), yRange=(0, 1), padding=0)
        self.metric_plot.disableAutoRange(axis="x")
        self.loss_plot.enableAutoRange()
        self._show_summary(None)

    def on_snapshot(self, snap: Snapshot) -> None:
        rows = snap.new_steps
        if len(rows.get("step", ())):
            self.steps.extend(rows)
            self._draw_steps()
        rows = snap.new_evals
        if len(rows.get("step", ())):
            new = {"step": rows["step"]}
            if "loss" in rows:
                new["loss"] = rows["loss"]
            if self.metric_name in rows:
                new["metric"] = rows[self.metric_name]
            self.evals.extend(new)
            self._draw_evals()
        self._show_summary(snap)

    # ---------------------------------------------------------------- drawing
    def _draw_steps(self) -> None:
        steps = self.steps["step"]
        # ticks at whole steps only (not 0.5, 1.5): StepAxis sees to it at any range
        self.train_curve.setData(steps, self.steps["loss"])

    def _draw_evals(self) -> None:
        step = self.evals["step"]
        log = self.log_check.isChecked()
        for curve, y, positive in (
            (self.heldout_curve, self.evals["loss"], log),
            (self.metric_curve, self.evals["metric"], False),
        ):
            # evaluations are few: drop the points a symbol cannot show (no metric, or
            # zero on a log axis) rather than hand pyqtgraph NaNs it warns about
            keep = np.isfinite(y) & (y > 0) if positive else np.isfinite(y)
            x = step[keep]
            # a mark per evaluation while they can be told apart; thousands of symbols
            # would cost more to draw than all the rest
            symbol = "o" if len(x) <= MAX_SYMBOLS else None
            if curve.opts["symbol"] != symbol:
                curve.setSymbol(symbol)
            curve.setData(x, y[keep])

    def _set_metric(self, metric: str | None) -> None:
        self.metric_name = metric
        show = metric is not None
        # hidden, the plot gives its row to the loss plot (taking it out of the layout
        # instead crashes Qt once its x axis is linked)
        self.metric_plot.setVisible(show)
        self.loss_plot.showLabel("bottom", not show)  # "step" under the bottom plot only
        self._key_entries = [
            (self.tr("training loss"), TRAIN_COLOR, False),
            (self.tr("held-out loss"), HELDOUT_COLOR, True),
        ]
        if show:
            name = metric_label(metric)
            self.metric_plot.setLabel("left", name)
            if "accuracy" in metric:  # a share: always 0 .. 1, never -0.5 .. 0.5
                self.metric_plot.setYRange(0, 1, padding=0.05)
                self.metric_plot.setLimits(yMin=-0.05, yMax=1.05)
            else:
                self.metric_plot.setLimits(yMin=None, yMax=None)
            self._key_entries.append(
                (self.tr("held-out {metric} (below)").format(metric=name), METRIC_COLOR, True)
            )
        self.hover.setText(self._hint())
        self.key.setText(
            " &nbsp;&nbsp; ".join(
                f"<span style='color:{colour}'>{'━●━' if points else '━━━'}</span> {name}"
                for name, colour, points in self._key_entries
            )
        )

    # ---------------------------------------------------------------- hover
    def _hint(self) -> str:
        return self.tr("hover the curves to read a step")

    def readout_at(self, pos: QPointF) -> str:
        """What the hover line says for scene position ``pos`` ("" off the plots): the
        training loss at the step under the mouse and the nearest evaluation's held-out
        loss (over the loss plot), or the nearest evaluation's metric (below)."""
        plot = plot_under(pos, (self.loss_plot, self.metric_plot))
        if plot is None:
            return ""
        x = plot.getViewBox().mapSceneToView(pos).x()
        locale = QLocale()
        if plot is self.metric_plot:
            i = nearest_row(self.evals["step"], x)
            if i is None:
                return ""
            return self.tr("step {step} · held-out {metric} {value}").format(
                step=locale.toString(int(self.evals["step"][i])),
                metric=metric_label(self.metric_name),
                value=fmt(self.evals["metric"][i]),
            )
        parts = []
        steps = self.steps["step"]
        i = nearest_row(steps, x)
        if i is not None:
            last = int(steps[i])
            first = last - int(self.steps["count"][i]) + 1
            loss = fmt(self.steps["loss"][i])
            if first < last:  # a row of a long run stands for several steps: their mean
                parts.append(
                    self.tr("steps {first}–{last} · mean training loss {loss}").format(
                        first=locale.toString(first), last=locale.toString(last), loss=loss
                    )
                )
            else:
                parts.append(
                    self.tr("step {step} · training loss {loss}").format(
                        step=locale.toString(last), loss=loss
                    )
                )
        j = nearest_row(self.evals["step"], x)
        if j is not None:
            parts.append(
                self.tr("held-out loss {loss} at step {step}").format(
                    loss=fmt(self.evals["loss"][j]),
                    step=locale.toString(int(self.evals["step"][j])),
                )
            )
        return " · ".join(parts)

    @Slot(object)
    def _on_mouse_moved(self, pos: QPointF) -> None:
        self.hover.setText(self.readout_at(pos) or self._hint())

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().leaveEvent(event)
        self.hover.setText(self._hint())

    def legend_names(self) -> list[str]:
        """The curves the key names, in order (tests)."""
        return [name for name, _, _ in self._key_entries]

    def _show_summary(self, snap: Snapshot | None) -> None:
        if snap is None:
            self.summary.setText(self.tr("No run yet"))
            return
        locale = QLocale()
        text = self.tr("Step {step} · training loss {loss}").format(
            step=locale.toString(snap.step), loss=fmt(snap.loss)
        )
        text += " · " + self.tr("held-out at step {step}: loss {loss}").format(
            step=locale.toString(snap.eval_step), loss=fmt(snap.heldout_loss)
        )
        if self.metric_name is not None:
            text += ", " + self.tr("{metric} {value}").format(
                metric=metric_label(self.metric_name),
                value=fmt(snap.metrics.get(self.metric_name)),
            )
        self.summary.setText(text)

    # ---------------------------------------------------------------- slots
    @Slot(bool)
    def _on_log_toggled(self, on: bool) -> None:
        # pyqtgraph draws a curve's zero and negative values as gaps on a log axis
        self.loss_plot.setLogMode(y=on)
        self._draw_evals()
