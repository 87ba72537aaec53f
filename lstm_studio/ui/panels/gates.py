"""The gates of one layer over the probe sequence: one time x unit heatmap per gate.

Every heatmap has a fixed colour scale, so a colour means the same value in every
frame and every run: 0 .. 1 for the sigmoid gates (i, f, o, r, z), -1 .. 1 for the
tanh ones (g, n), -3 .. 3 for the plain RNN's pre-activation ``a`` (unbounded; past
+-3 its tanh is saturated anyway). ``LayerHeatmapPanel`` is the machinery, shared
with the states panel.

Orientation: an ``ImageItem`` is given the probe's ``(T, H)`` array as it is, in
pyqtgraph's column-major order, so x is the timestep t and y the unit (unit 0 at the
bottom); pixel centres sit on whole numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QPen
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsRectItem,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.engine import cell_spec
from lstm_studio.tasks import Task
from lstm_studio.training import Snapshot, TrainConfig

from ..i18n import tr_cell
from .axes import BoundedAxis, SequenceAxis
from .base import (
    Panel,
    Selection,
    direction_word,
    directions,
    run_count,
    run_label,
    step_name,
)


@dataclass(frozen=True)
class Scale:
    """A fixed colour scale shared by every heatmap of one kind."""

    levels: tuple[float, float]
    colormap: str


# perceptually uniform maps: sequential for 0 .. 1, diverging (white at 0) for +-
SCALES = {
    "sigmoid": Scale((0.0, 1.0), "viridis"),
    "tanh": Scale((-1.0, 1.0), "CET-D1"),
    "wide": Scale((-3.0, 3.0), "CET-D1"),  # unbounded values, shown clipped at +-3
}

STATE_NAMES = ("c", "h")


def cell_gate_names(task: Task, cell: str) -> tuple[str, ...]:
    """The arrays a trace holds per layer for ``cell``: its gates, then its states (the
    cell registry's ``trace_names``)."""
    return cell_spec(cell).trace_names


class LayerHeatmapPanel(Panel):
    """A layer chooser over a grid of ``(T, H)`` heatmaps of one layer's probe arrays.

    Subclasses say which arrays to show (``_names``), how to title them (``_titles``)
    and what each colour bar says (``_scale_label``). Built in ``reset``; ``on_snapshot``
    only calls ``setImage`` (fixed levels) on the items built there.

    Attributes for tests: ``names`` (what is shown, in order), ``images`` (name ->
    ``ImageItem``), ``plots`` (name -> ``PlotItem``), ``color_bars`` (scale ->
    ``ColorBarItem``), ``layer_combo`` and ``value_label``.
    """

    #: number of heatmap columns when there are three heatmaps or more
    wide_columns = 2

    picked = Signal(int, int, int)  # t, unit, layer: a heatmap cell clicked, or a new layer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scale_of: dict[str, str] = {}  # colour scale per array shown (the registry's)
        self.setObjectName(self.object_name)
        self.selection: Selection | None = None  # the scrubber's, outlined on every heatmap
        self._marks: dict[str, tuple[QGraphicsRectItem, ...]] = {}
        self.names: tuple[str, ...] = ()
        self.images: dict[str, pg.ImageItem] = {}
        self.plots: dict[str, pg.PlotItem] = {}
        self.color_bars: dict[str, pg.ColorBarItem] = {}
        self._probe = None  # the latest snapshot's Probe (read-only arrays)
        self._shape: tuple[int, int] | None = None
        self._labels: tuple[str, ...] | None = None  # the character read at each step
        self._bottom: list[pg.PlotItem] = []  # the plots that label the time axis
        self._directions = 1  # 2: the chooser lists each layer's forward and reverse run

        self.layer_label = QLabel(self.tr("Layer:"))
        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName(f"{self.object_name}_layer")
        self.layer_combo.setToolTip(
            self.tr(
                "Which layer of the stack to show (1 = nearest the input); in a "
                "bidirectional model → is the direction that reads t from 0 up, ← the one "
                "that reads it from the last step down"
            )
        )
        self.layer_combo.currentIndexChanged.connect(self._on_layer_changed)
        self.value_label = QLabel(self._hint())
        self.value_label.setObjectName(f"{self.object_name}_value")
        self.value_label.setTextFormat(Qt.TextFormat.PlainText)  # a character may be "<"
        self.value_label.setStyleSheet("color: #444;")

        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 0)
        top.addWidget(self.layer_label)
        top.addWidget(self.layer_combo)
        top.addSpacing(12)
        top.addWidget(self.value_label, 1)

        self.view = pg.GraphicsLayoutWidget()
        self.view.ci.setContentsMargins(2, 2, 2, 2)
        self.view.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.view.scene().sigMouseClicked.connect(self._on_mouse_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self._set_layer_count(1)

    # ------------------------------------------------------------------ subclass hooks
    def _names(self, gate_names: tuple[str, ...]) -> tuple[str, ...]:
        raise NotImplementedError

    def _titles(self, cell: str) -> dict[str, str]:
        """Plot title per name for ``cell`` (translated)."""
        raise NotImplementedError

    def _scale_label(self, scale: str, names: tuple[str, ...]) -> str:
        """The colour bar's label for ``scale``, showing ``names`` (translated)."""
        raise NotImplementedError

    def _scale_tooltip(self, scale: str) -> str:
        return ""

    def _hint(self) -> str:
        hint = self.tr("hover a heatmap to read a value")
        way = direction_word(self.layer(), self._directions)
        return f"{way} · {hint}" if way else hint

    # ------------------------------------------------------------------ Panel
    def reset(self, task: Task, config: TrainConfig) -> None:
        self._probe = None
        self._shape = None
        self._set_layer_count(run_count(config), directions(config))
        names = self._names(cell_gate_names(task, config.cell))
        key = (names, config.cell)
        if key != getattr(self, "_built_for", None):  # plots cost ~80 ms: keep them if they fit
            spec = cell_spec(config.cell)
            self._scale_of = {name: spec.scale(name) for name in names}
            self._build(names, self._titles(config.cell))
            self._built_for = key
        else:
            for image in self.images.values():
                image.clear()
        self._set_labels(None, force=True)
        self.value_label.setText(self._hint())

    @Slot(object)
    def on_snapshot(self, snap: Snapshot) -> None:
        if snap.probe is None:
            return
        self._probe = snap.probe
        self._show()

    # ------------------------------------------------------------------ building
    def _set_layer_count(self, count: int, num_directions: int = 1) -> None:
        """``count`` runs to choose from: the layers, or each layer's → and ← run."""
        self._directions = num_directions
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for run in range(count):
            self.layer_combo.addItem(run_label(run, num_directions))
        self.layer_combo.setCurrentIndex(0)
        self.layer_combo.blockSignals(False)
        # one layer: nothing to choose
        self.layer_combo.setVisible(count > 1)
        self.layer_label.setVisible(count > 1)

    def _build(self, names: tuple[str, ...], titles: dict[str, str]) -> None:
        self.view.clear()
        self.names = tuple(names)
        self.images, self.plots, self.color_bars, self._marks = {}, {}, {}, {}
        self._bottom = []
        if not names:
            return
        n = len(names)
        # two columns from three heatmaps on (an odd last one spans both): a dock is
        # usually wider than tall, and stacked rows of T x H pixels get too flat
        cols = self.wide_columns if n >= 3 else 1
        rows = -(-n // cols)
        first = None
        for k, name in enumerate(names):
            span = cols - k % cols if k == n - 1 else 1
            plot = self.view.addPlot(
                row=k // cols,
                col=k % cols,
                colspan=span,
                # ticks at whole steps (or their characters) and units, never more than
                # the axis can show
                axisItems={"bottom": SequenceAxis("bottom"), "left": BoundedAxis("left")},
            )
            plot.setTitle(titles.get(name, name), size="10pt")
            # equal columns whatever the titles' lengths (the grid shares out space by
            # preferred width)
            plot.setPreferredWidth(200)
            if k // cols == rows - 1:  # the bottom row labels the (linked) time axis
                plot.setLabel("bottom", self._time_label())
                self._bottom.append(plot)
            else:
                plot.getAxis("bottom").setStyle(showValues=False)
            plot.setLabel("left", self.tr("unit"))
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.getViewBox().setDefaultPadding(0)
            if self._scale_of.get(name, "wide") == "wide":
                plot.setToolTip(self._scale_tooltip("wide"))
            image = pg.ImageItem(axisOrder="col-major")
            plot.addItem(image)
            self._marks[name] = self._add_marks(plot)
            if first is None:
                first = plot
            else:
                plot.setXLink(first)
                plot.setYLink(first)
            self.plots[name] = plot
            self.images[name] = image

        grid = self.view.ci.layout
        for c in range(self.wide_columns + 1):  # the colour bars' column keeps its width
            grid.setColumnStretchFactor(c, 1 if c < cols else 0)
        for r in range(max(grid.rowCount(), rows)):
            grid.setRowStretchFactor(r, 1 if r < rows else 0)

        # one colour bar per scale, stacked in a column to the right of the heatmaps
        scales: dict[str, list[str]] = {}
        for name in names:
            scales.setdefault(self._scale_of.get(name, "wide"), []).append(name)
        bars = self.view.addLayout(row=0, col=cols, rowspan=rows)
        # room for the end labels of each bar, which stick out past it
        bars.setContentsMargins(0, 8, 0, 8)
        bars.layout.setVerticalSpacing(16)
        for k, (key, members) in enumerate(scales.items()):
            scale = SCALES[key]
            bar = pg.ColorBarItem(
                values=scale.levels,
                colorMap=scale.colormap,
                label=self._scale_label(key, tuple(members)),
                interactive=False,
                colorMapMenu=False,
                width=14,
            )
            bar.getAxis("left").setWidth(24)
            bar.setToolTip(self._scale_tooltip(key))
            bar.setImageItem([self.images[m] for m in members])
            bars.addItem(bar, row=k, col=0)
            self.color_bars[key] = bar
        for name in names:
            # before any data: the colour map and the fixed levels are already in place
            self.images[name].setLevels(SCALES[self._scale_of.get(name, "wide")].levels)

    @staticmethod
    def _add_marks(plot: pg.PlotItem) -> tuple[QGraphicsRectItem, ...]:
        """Outlines of the selected column t (dashed) and of the cell (t, unit): white on
        a wider black, so they show on every colour of every map."""
        marks = []
        for colour, width, style, z in (
            (Qt.GlobalColor.black, 1.5, Qt.PenStyle.DashLine, 10),
            (Qt.GlobalColor.black, 4.0, Qt.PenStyle.SolidLine, 11),
            (Qt.GlobalColor.white, 2.0, Qt.PenStyle.SolidLine, 12),
        ):
            rect = QGraphicsRectItem()
            pen = QPen(colour, width, style)
            pen.setCosmetic(True)  # screen pixels, whatever the zoom
            rect.setPen(pen)
            rect.setZValue(z)
            rect.setVisible(False)
            plot.addItem(rect)
            marks.append(rect)
        return tuple(marks)

    # ------------------------------------------------------------------ showing
    def on_selection(self, selection: Selection) -> None:
        self.selection = selection
        if selection.layer != self.layer() and selection.layer < self.layer_combo.count():
            self.layer_combo.blockSignals(True)
            self.layer_combo.setCurrentIndex(selection.layer)
            self.layer_combo.blockSignals(False)
            self.value_label.setText(self._hint())
            self._show()
        self._draw_selection()

    def _draw_selection(self) -> None:
        sel, shape = self.selection, self._shape
        for column, *cell in self._marks.values():
            shown = sel is not None and shape is not None
            for mark in (column, *cell):
                mark.setVisible(shown)
            if not shown:
                continue
            T, H = shape
            t, u = min(sel.t, T - 1), min(sel.unit, H - 1)
            column.setRect(QRectF(t - 0.5, -0.5, 1, H))
            for mark in cell:
                mark.setRect(QRectF(t - 0.5, u - 0.5, 1, 1))

    @Slot(int)
    def _on_layer_changed(self, index: int) -> None:
        self.value_label.setText(self._hint())
        self._show()
        sel = self.selection
        if sel is not None and index >= 0:
            self.picked.emit(sel.t, sel.unit, index)  # the scrubber follows, then the rest

    def layer(self) -> int:
        """The layer shown, 0-based."""
        return max(self.layer_combo.currentIndex(), 0)

    def _show(self) -> None:
        probe = self._probe
        if probe is None or not self.names:
            return
        index = self.layer()
        if index >= len(probe.layers):
            return
        arrays = probe.layers[index]
        shape = None
        for name in self.names:
            data = arrays.get(name)
            if data is None:  # a snapshot from a model the panel was not reset for
                continue
            lo, hi = SCALES[self._scale_of.get(name, "wide")].levels
            self.images[name].setImage(data, autoLevels=False, levels=(lo, hi))
            shape = data.shape
        self._set_labels(getattr(probe, "labels", None))
        if shape is not None and shape != self._shape:
            self._fit(shape)
            self._draw_selection()

    def _time_label(self) -> str:
        if self._labels is None:
            return self.tr("t")
        return self.tr("t: the character read at each step")

    def _set_labels(self, labels, force: bool = False) -> None:
        """Name the steps by the characters read (a text task), or number them."""
        if labels == self._labels and not force:
            return
        self._labels = labels
        for plot in self.plots.values():
            plot.getAxis("bottom").set_labels(labels)
        for plot in self._bottom:
            plot.setLabel("bottom", self._time_label())

    def _fit(self, shape: tuple[int, int]) -> None:
        """Pixel (t, u) centred on (t, u); the view shows exactly the data."""
        self._shape = shape
        T, H = shape
        for name, image in self.images.items():
            image.setRect(QRectF(-0.5, -0.5, T, H))
            # a short sequence gets a tick per step, not t = 0.5, 1.5, ...
            axis = self.plots[name].getAxis("bottom")
            if T <= 12:
                axis.setTickSpacing(1, 1)
            else:
                axis.setTickSpacing()
            self.plots[name].getViewBox().setLimits(
                xMin=-0.5, xMax=T - 0.5, yMin=-0.5, yMax=H - 0.5
            )
        first = self.plots[self.names[0]]
        first.getViewBox().setRange(xRange=(-0.5, T - 0.5), yRange=(-0.5, H - 0.5), padding=0)

    def _cell_at(self, pos: QPointF) -> tuple[str, int, int] | None:
        """(name, t, unit) of the heatmap cell at scene position ``pos``."""
        for name, plot in self.plots.items():
            vb = plot.getViewBox()
            if not vb.sceneBoundingRect().contains(pos):
                continue
            data = self.images[name].image
            if data is None:
                return None
            p = vb.mapSceneToView(pos)
            t, u = int(np.floor(p.x() + 0.5)), int(np.floor(p.y() + 0.5))
            if 0 <= t < data.shape[0] and 0 <= u < data.shape[1]:
                return name, t, u
            return None
        return None

    @Slot(object)
    def _on_mouse_clicked(self, event) -> None:
        """A click on a heatmap moves the scrubber there."""
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self._cell_at(event.scenePos())
        if hit is not None:
            self.picked.emit(hit[1], hit[2], self.layer())

    @Slot(object)
    def _on_mouse_moved(self, pos: QPointF) -> None:
        """Show the value under the mouse."""
        hit = self._cell_at(pos)
        if hit is None:
            self.value_label.setText(self._hint())
            return
        name, t, u = hit
        value = float(self.images[name].image[t, u])
        self.value_label.setText(
            self.tr("t = {t}, unit {u}: {name} = {value}").format(
                t=step_name(t, self._labels), u=u, name=name, value=f"{value:.3g}"
            )
        )


class GatesPanel(LayerHeatmapPanel):
    """The gate activations of one layer over the probe sequence (time x unit).

    ``gate_names`` are the shown gates: i, f, g, o (LSTM family; for cifg i = 1 - f),
    r, z, n (GRU) or a, the pre-activation (RNN).
    """

    title = QT_TRANSLATE_NOOP("Panel", "Gates")
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>Each heatmap is one gate of the chosen layer while the network reads the probe "
        "sequence: time t runs to the right, one row per hidden unit. The sigmoid gates "
        "(i, f, o; GRU r, z) go from 0, closed (dark purple), to 1, open (yellow); the "
        "candidate g (GRU n) is a tanh, from −1 (blue) to 1 (red). The scales never "
        "change, so a colour means the same value all run long.</p><p>Watch the forget "
        "gate f: a unit whose row stays yellow keeps its memory from step to step. A plain "
        "RNN has no gates: you see its pre-activation a, the number inside its tanh. "
        "Click a cell to move the timestep scrubber there.</p>",
    )
    object_name = "gates_panel"

    @property
    def gate_names(self) -> tuple[str, ...]:
        return self.names

    def _names(self, gate_names):
        return tuple(n for n in gate_names if n not in STATE_NAMES)

    def _titles(self, cell):
        spec = cell_spec(cell)
        return {key: tr_cell(spec.quantity(key).title) for key in spec.gates}

    def _scale_label(self, scale, names):
        joined = ", ".join(names)
        if scale == "sigmoid":
            return self.tr("{names}: sigmoid").format(names=joined)
        if scale == "tanh":
            return self.tr("{names}: tanh").format(names=joined)
        return self.tr("{names}, clipped at ±3").format(names=joined)

    def _scale_tooltip(self, scale):
        if scale == "sigmoid":
            return self.tr("Sigmoid gates: 0 = closed, 1 = open")
        if scale == "tanh":
            return self.tr("tanh outputs: -1 .. 1, white = 0")
        return self.tr(
            "The pre-activation is unbounded; colours stop at -3 and 3, where tanh is already "
            "saturated (tanh 3 = 0.995). Hover a cell to read its exact value."
        )
