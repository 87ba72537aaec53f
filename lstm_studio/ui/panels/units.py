"""Which unit tracks what: a text coloured by one unit's value at each character, and the
units ranked by their correlation with simple features of the text (Karpathy, Johnson
and Fei-Fei, "Visualizing and Understanding Recurrent Networks").

The numbers come from the training process (``training.units.UnitReport``, the request
"units"): the panel asks for a report through ``report_wanted`` (the window sends the
request and hands the answer to ``show_report``), when it is shown and the run has been
evaluated since its last report, or when the learner presses Refresh; never on every
snapshot. Colours use the heatmaps' fixed scales (``gates.SCALES``): sequential 0 .. 1
for a sigmoid gate, diverging -1 .. 1 (white at 0) for h and the tanh candidates; the
unbounded c is fitted to the unit shown (``colour_scale``). A legend gives the numbers.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QObject,
    QPoint,
    QRectF,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QLinearGradient,
    QPainter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.engine import cell_spec
from lstm_studio.tasks import Task, visible_char
from lstm_studio.tasks.features import (
    BINARY,
    NEEDS_MEMORY,
    feature_description,
    feature_name,
)
from lstm_studio.training import Snapshot, TrainConfig
from lstm_studio.training.units import Ranked, UnitReport, is_text_task

from ..i18n import tr_cell
from .base import Panel, directions, run_count, run_label
from .gates import SCALES

#: rows of the ranking shown (the strongest of the chosen feature and quantity)
RANKED_ROWS = 100
FAINT = "#777777"
TEXT_SCALE = 1.35  # the coloured text, larger than the rest: it is read from afar


def _base_size() -> float:
    return max(QFont().pointSizeF(), 11.0)


def _text_font() -> QFont:
    """A fixed-pitch font (so the position along a line reads as a column), large; Qt
    falls back to an installed CJK font for Chinese."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(_base_size() * TEXT_SCALE)
    return font


def colour_scale(values: np.ndarray, scale: str) -> tuple[tuple[float, float], str]:
    """``((low, high), colour map)`` to draw one unit's ``values`` with. A bounded
    quantity keeps the heatmaps' fixed scale (``gates.SCALES``: 0 .. 1 sequential, -1 .. 1
    diverging), so its colours compare across units. The unbounded ones (c, the RNN's a)
    are fitted to this unit, from its 1st to its 99th percentile over the text: a cell
    that counts along a line from 0 to 10 would be one flat colour on a fixed -3 .. 3
    scale. Diverging, white at 0, when those values have both signs, else sequential."""
    if scale != "wide":
        return SCALES[scale].levels, SCALES[scale].colormap
    finite = values[np.isfinite(values)]
    if not len(finite):
        return SCALES["wide"].levels, SCALES["wide"].colormap
    low, high = (float(v) for v in np.percentile(finite, [1, 99]))
    if low < 0 < high:
        m = _nice(max(-low, high))
        return (-m, m), SCALES["tanh"].colormap
    if high - low < 1e-6:
        low, high = low - 0.5, high + 0.5
    if _round2(low) < _round2(high):  # round ends, unless they would meet
        low, high = _round2(low), _round2(high)
    return (low, high), SCALES["sigmoid"].colormap


def _round2(x: float) -> float:
    """``x`` to 2 significant digits, as the legend shows it."""
    return float(f"{x:.2g}")


def _nice(x: float) -> float:
    """The first of 1, 2, 5, 10, 20 ... × 10^k at least ``x``: a legend's round end."""
    k = 10 ** math.floor(math.log10(x))
    return next(m * k for m in (1, 2, 5, 10) if m * k >= x)


def value_colours(values: np.ndarray, levels: tuple[float, float], colormap: str) -> np.ndarray:
    """``(T, 4)`` RGBA bytes of ``values`` on ``colormap`` from ``levels[0]`` to
    ``levels[1]``, clipped at the ends; NaN is white."""
    low, high = levels
    finite = np.isfinite(values)
    x = np.clip((np.where(finite, values, low) - low) / (high - low), 0.0, 1.0)
    rgba = pg.colormap.get(colormap).map(x, mode="byte")  # (T, 4)
    rgba[~finite] = 255
    return rgba


def ink_for(rgba) -> QColor:
    """Black on a light background, white on a dark one (relative luminance)."""
    r, g, b = (float(v) / 255 for v in rgba[:3])
    return QColor("black") if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.45 else QColor("white")


class ColourLegend(QWidget):
    """The colour scale the text is drawn on: a gradient with its ends and middle
    labelled, so a colour can be read as a number from the back of a room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.levels, self.colormap = SCALES["tanh"].levels, SCALES["tanh"].colormap
        self.setMinimumSize(220, 44)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_scale(self, levels: tuple[float, float], colormap: str) -> None:
        self.levels, self.colormap = levels, colormap
        self.update()

    def labels(self) -> tuple[str, str, str]:
        low, high = self.levels
        return tuple(f"{v:.3g}".replace("-", "−") for v in (low, (low + high) / 2, high))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        w = self.width()
        bar = QRectF(8, 4, w - 16, 18)
        gradient = QLinearGradient(bar.left(), 0, bar.right(), 0)
        stops = np.linspace(0, 1, 17)
        cmap = pg.colormap.get(self.colormap)
        for x, rgba in zip(stops, cmap.map(stops, mode="byte"), strict=True):
            gradient.setColorAt(float(x), QColor(*(int(v) for v in rgba)))
        painter.fillRect(bar, QBrush(gradient))
        painter.setPen(QColor("#444"))
        painter.drawRect(bar)
        low, mid, high = self.labels()
        top = bar.bottom() + 2
        height = self.height() - top
        painter.drawText(QRectF(0, top, w / 3, height), Qt.AlignmentFlag.AlignLeft, low)
        painter.drawText(QRectF(w / 3, top, w / 3, height), Qt.AlignmentFlag.AlignHCenter, mid)
        painter.drawText(QRectF(2 * w / 3, top, w / 3, height), Qt.AlignmentFlag.AlignRight, high)
        painter.end()


class UnitsPanel(Panel):
    """The coloured text and the ranking of one ``UnitReport``.

    Attributes for tests: ``report`` (the latest), ``choice`` ((run, quantity, unit)
    the text is coloured by), ``colours`` ((T, 4) bytes of the text's characters),
    ``ranking`` (the rows the table shows), ``text_view``, ``table``, ``features``,
    ``note``, ``source_label``, ``refresh_button``, ``readout``, ``pages``.
    """

    report_wanted = Signal()  # the panel wants a fresh UnitReport (the window asks for it)
    #: the share of the time the automatic reports may take: one that took 0.3 s (asked
    #: to answered) is followed by the next one 3 s later at the soonest, however often
    #: the run is evaluated (a Chinese run's report costs a third of its 50 steps)
    time_share = 0.1

    title = QT_TRANSLATE_NOOP("Panel", "Which unit tracks what")
    object_name = "units_panel"
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>Karpathy, Johnson and Fei-Fei (2015) coloured a text by the value of one LSTM "
        "cell at each character and found cells that track something a reader can name: "
        "one on inside quotes, one that counts along the line. Look for such units in "
        "your own run.</p><p>The text is coloured by one unit's value after reading each "
        "character. The list ranks every unit of every gate and state by its "
        "<b>correlation r</b> (Pearson's) with simple features of the text: +1 or −1 "
        "means the unit follows the feature exactly, 0 not at all. Compare r with the "
        "<b>chance level</b> 2/√T: an unrelated unit stays below it 95 % of the time. "
        "Neighbouring characters are alike and many pairs are compared, so the best pair "
        "of an unrelated text goes higher: the note says how high.</p><p>A feature of the "
        "character just read (a vowel, a space, a comma) can be read straight off the "
        "input, so even the untrained network has units that follow it: compare with the "
        "<b>untrained</b> column. The features that need memory (inside quotes or "
        "brackets, the position in a line or a word, the second line of a couplet) are "
        "the telling ones: a unit that follows one far better than the untrained network "
        "did has learned to keep count.</p><p>The text is 2,000 characters of held-out "
        "text, never trained on, or the prompt you chose for the probe. It is measured "
        "again after an evaluation while this panel is shown (taking at most a tenth of "
        "the time), and at once when you press Refresh.</p>",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.report: UnitReport | None = None
        self.choice: tuple[int, str, int] | None = None
        self.colours = np.zeros((0, 4), np.uint8)
        self.ranking: list[Ranked] = []
        self._underline: str | None = None  # a binary feature underlined in the text
        self._feature: str | None = None  # the ranking's filter (None: every feature)
        self._positions: list[int] = []  # the document position of each character
        self._text_task = False
        self._pending = False  # a report is on its way
        self._by_hand = False  # the learner picked the unit the text is coloured by
        self._asked_for: tuple | None = None  # (eval step, probe) of the last request
        self._seen: tuple | None = None  # (eval step, probe) of the latest snapshot
        self._asked_at = self._answered_at = -math.inf  # time.monotonic() of each
        self._cost = 0.0  # seconds from asking for the last report to its answer
        self._later = QTimer(self)  # the next automatic report, when it is due
        self._later.setSingleShot(True)
        self._later.timeout.connect(self._on_later)
        self._cell = "lstm"
        self._directions = 1

        self.pages = QStackedWidget()
        self.not_text = QLabel(self._not_text_words())
        self.not_text.setWordWrap(True)
        self.not_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.not_text.setObjectName("units_not_text")
        self.not_text.setStyleSheet(f"color: #444; font-size: {_base_size() * 1.1:g}pt;")
        self.pages.addWidget(self.not_text)
        self.pages.addWidget(self._build_view())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    # ------------------------------------------------------------------ building
    def _not_text_words(self) -> str:
        return self.tr(
            "This view is for text tasks. It colours a text by what one unit of the "
            "network holds at each character, and ranks the units by how closely they "
            "follow simple features of the text: inside quotes, the position in a line, "
            "a vowel, punctuation. Choose “Character-level text” or a text file of your "
            "own in the Setup."
        )

    def _build_view(self) -> QWidget:
        view = QWidget()
        self.source_label = QLabel()
        self.source_label.setObjectName("units_source")
        self.source_label.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("units_refresh")
        self.refresh_button.setToolTip(
            self.tr("Measure again now, with the current weights (one pass over the text)")
        )
        self.refresh_button.clicked.connect(self.request)
        top = QHBoxLayout()
        top.setContentsMargins(4, 2, 4, 0)
        top.addWidget(self.source_label, 1)
        top.addWidget(self.refresh_button)

        # the picker: what the text is coloured by
        self.run_label = QLabel(self.tr("Layer:"))
        self.run_combo = QComboBox()
        self.run_combo.setObjectName("units_run")
        self.quantity_combo = QComboBox()
        self.quantity_combo.setObjectName("units_quantity")
        self.quantity_combo.setToolTip(self.tr("The gate or state whose value colours the text"))
        self.unit_spin = QSpinBox()
        self.unit_spin.setObjectName("units_unit")
        self.unit_spin.setToolTip(self.tr("The unit (0 = the first), as in the heatmaps"))
        for widget in (self.run_combo, self.quantity_combo):
            widget.currentIndexChanged.connect(self._on_picker_changed)
        self.unit_spin.valueChanged.connect(self._on_picker_changed)
        picker = QHBoxLayout()
        picker.setContentsMargins(4, 0, 4, 0)
        picker.addWidget(QLabel(self.tr("Colour by:")))
        picker.addWidget(self.run_label)
        picker.addWidget(self.run_combo)
        picker.addWidget(self.quantity_combo, 1)
        picker.addWidget(QLabel(self.tr("unit")))
        picker.addWidget(self.unit_spin)

        self.legend = ColourLegend()
        self.legend_label = QLabel()
        self.legend_label.setObjectName("units_legend")
        self.legend_label.setWordWrap(True)
        key = QHBoxLayout()
        key.setContentsMargins(4, 0, 4, 0)
        key.addWidget(self.legend, 2)
        key.addWidget(self.legend_label, 3)

        self.text_view = QTextEdit()
        self.text_view.setObjectName("units_text")
        self.text_view.setReadOnly(True)
        self.text_view.setFont(_text_font())
        self.text_view.setMouseTracking(True)
        self.text_view.viewport().setMouseTracking(True)
        self.text_view.viewport().installEventFilter(self)
        self.readout = QLabel(self.tr("hover a character to read the unit's value there"))
        self.readout.setObjectName("units_readout")
        self.readout.setStyleSheet("color: #444;")
        self.readout.setWordWrap(True)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        column.addLayout(picker)
        column.addLayout(key)
        column.addWidget(self.text_view, 1)
        column.addWidget(self.readout)

        # the features, with the best r now and untrained; a click filters the ranking
        self.features = QTableWidget(0, 5)
        self.features.setObjectName("units_features")
        self.features.setHorizontalHeaderLabels(
            [
                self.tr("feature"),
                self.tr("best unit"),
                self.tr("r"),
                self.tr("untrained"),
                self.tr("kind"),
            ]
        )
        self.features.horizontalHeaderItem(1).setToolTip(
            self.tr("The unit that follows the feature most closely (largest |r|)")
        )
        self.features.horizontalHeaderItem(3).setToolTip(
            self.tr("The best |r| of the same network at its starting weights, on the same text")
        )
        self.features.horizontalHeaderItem(4).setToolTip(
            self.tr(
                "memory: the feature depends on characters read before; input: the "
                "character just read tells it"
            )
        )
        self.quantity_filter = QComboBox()
        self.quantity_filter.setObjectName("units_quantity_filter")
        self.quantity_filter.currentIndexChanged.connect(self._show_ranking)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("units_ranking")
        self.table.setHorizontalHeaderLabels([self.tr("r"), self.tr("unit"), self.tr("feature")])
        for table, wide in ((self.features, 0), (self.table, 2)):
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setWordWrap(False)
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(wide, QHeaderView.ResizeMode.Stretch)
        self.features.cellClicked.connect(self._on_feature_clicked)
        self.table.cellClicked.connect(self._on_row_clicked)
        self.note = QLabel()
        self.note.setObjectName("units_note")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)

        ranked = QWidget()
        below = QVBoxLayout(ranked)
        below.setContentsMargins(0, 0, 0, 0)
        below.setSpacing(3)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Units of:")))
        filters.addWidget(self.quantity_filter, 1)
        below.addLayout(filters)
        below.addWidget(self.table, 1)
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(self.features)
        tables.addWidget(ranked)
        tables.setStretchFactor(0, 1)
        tables.setStretchFactor(1, 1)
        tables.setChildrenCollapsible(False)
        right = QWidget()
        side = QVBoxLayout(right)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(3)
        side.addWidget(tables, 1)
        side.addWidget(self.note)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 11)
        split.setStretchFactor(1, 9)
        split.setChildrenCollapsible(False)
        self.splitter = split

        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        return view

    # ------------------------------------------------------------------ Panel
    def reset(self, task: Task, config: TrainConfig) -> None:
        self.report = None
        self.choice = None
        self.ranking = []
        self._underline = self._feature = None
        self._pending = self._by_hand = False
        self._asked_for = self._seen = None
        self._later.stop()
        self._asked_at = self._answered_at = -math.inf
        self._cost = 0.0
        self._text_task = is_text_task(task)
        self._cell = config.cell
        self._directions = directions(config)
        self.pages.setCurrentIndex(1 if self._text_task else 0)
        spec = cell_spec(config.cell)
        with _blocked(self.run_combo, self.quantity_combo, self.unit_spin, self.quantity_filter):
            self.run_combo.clear()
            for run in range(run_count(config)):
                self.run_combo.addItem(run_label(run, self._directions))
            self.quantity_combo.clear()
            self.quantity_filter.clear()
            self.quantity_filter.addItem(self.tr("every gate and state"), None)
            for key in spec.trace_names:
                title = tr_cell(spec.quantity(key).title)
                self.quantity_combo.addItem(title, key)
                self.quantity_filter.addItem(title, key)
            self.quantity_combo.setCurrentIndex(self.quantity_combo.count() - 1)  # h
            self.unit_spin.setRange(0, max(config.hidden_size - 1, 0))
            self.unit_spin.setValue(0)
        self.run_combo.setVisible(self.run_combo.count() > 1)
        self.run_label.setVisible(self.run_combo.count() > 1)
        self.legend.set_scale(*colour_scale(np.zeros(0), spec.scale(spec.trace_names[-1])))
        self.text_view.clear()
        self._positions = []
        self.colours = np.zeros((0, 4), np.uint8)
        self.features.setRowCount(0)
        self.table.setRowCount(0)
        self.note.setText("")
        self.legend_label.setText("")
        self.source_label.setText(self.tr("Not measured yet"))
        self.refresh_button.setEnabled(True)

    @Slot(object)
    def on_snapshot(self, snap: Snapshot) -> None:
        """Ask for a report when the run has been evaluated (or its probe changed) since
        the last one; the window calls this only while the panel can be seen."""
        if not self._text_task:
            return
        self._seen = (snap.eval_step, _probe_key(snap))
        self._catch_up()

    def shown(self) -> None:
        self._catch_up()

    # ------------------------------------------------------------------ the report
    def _catch_up(self) -> None:
        """Ask for a report if the run was evaluated since the last one and none is on
        its way; when the last one came less than its cost over ``time_share`` ago, at
        that time instead (if the panel can still be seen then)."""
        if not self._text_task or self._pending or self._seen in (None, self._asked_for):
            return
        wait = self._cost / self.time_share - (time.monotonic() - self._answered_at)
        if wait <= 0:
            self.request()
        elif not self._later.isActive():
            self._later.start(math.ceil(wait * 1000))

    @Slot()
    def _on_later(self) -> None:
        if not self.visibleRegion().isEmpty():
            self._catch_up()

    @Slot()
    def request(self) -> None:
        """Ask for a fresh report now (the window sends the request "units")."""
        if not self._text_task:
            return
        self._later.stop()
        self._pending = True
        self._asked_for = self._seen
        self._asked_at = time.monotonic()
        self.refresh_button.setEnabled(False)
        self.source_label.setText(self._source_words() + " · " + self.tr("measuring…"))
        self.report_wanted.emit()

    def _answered(self) -> None:
        self._pending = False
        self._answered_at = time.monotonic()
        self._cost = self._answered_at - self._asked_at
        self.refresh_button.setEnabled(True)

    def show_report(self, report: UnitReport) -> None:
        """The answer to a request: show it, keeping the learner's choices where they
        still fit; ask again if the run was evaluated while it was on its way."""
        self._answered()
        self.report = report
        self.source_label.setText(self._source_words())
        self._show_features()
        if not self._by_hand:  # until the learner picks a unit, the most telling one
            best = _first_pick(report)
            if best is not None:
                self._pick(best.run, best.quantity, best.unit, best.feature)
        self._show_ranking()
        self._show_text()
        self._catch_up()  # evaluated again meanwhile

    def show_error(self, text: str) -> None:
        """A request that failed (or a model replaced while it was asked)."""
        self._answered()
        self.source_label.setText(self.tr("Not measured: {0}").format(text))

    def _source_words(self) -> str:
        report = self.report
        if report is None:
            return self.tr("Not measured yet")
        if report.source == "prompt":
            what = self.tr("your prompt, {0:,} characters").format(report.length)
        else:
            what = self.tr("{0:,} characters of held-out text").format(report.length)
        return self.tr("{0}, weights of step {1}").format(what, report.step)

    def _show_features(self) -> None:
        """One row per feature: the unit that follows it best, its r, the untrained
        network's best |r| and whether the feature needs memory."""
        report = self.report
        self.features.clearSpans()
        self.features.setRowCount(len(report.features) + 1)
        every = QTableWidgetItem(self.tr("every feature"))
        every.setData(Qt.ItemDataRole.UserRole, None)
        self.features.setItem(0, 0, every)
        for c in range(1, 5):
            self.features.setItem(0, c, QTableWidgetItem(""))
        absent = set(report.absent)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, key in enumerate(report.features, start=1):
            name = QTableWidgetItem(feature_name(key))
            name.setData(Qt.ItemDataRole.UserRole, key)
            name.setToolTip(feature_description(key))
            self.features.setItem(row, 0, name)
            best = report.ranking(feature=key, top=1)
            if key in absent or not best:
                cells = [self.tr("not in this text"), "", "", ""]
            else:
                untrained = report.untrained.get(key, math.nan)
                cells = [
                    self._unit_words(best[0].run, best[0].quantity, best[0].unit),
                    f"{best[0].r:+.2f}",
                    f"{untrained:.2f}" if math.isfinite(untrained) else "—",
                    self.tr("memory") if key in NEEDS_MEMORY else self.tr("input"),
                ]
            for c, text in enumerate(cells, start=1):
                item = QTableWidgetItem(text)
                if key in absent:
                    item.setForeground(QColor(FAINT))
                elif c in (2, 3):
                    item.setTextAlignment(right)
                    if c == 2 and abs(best[0].r) < report.chance:
                        item.setForeground(QColor(FAINT))
                self.features.setItem(row, c, item)
            if key in absent or not best:  # across the four columns: no column's width
                self.features.setSpan(row, 1, 1, 4)
        keys = [None, *report.features]
        self.features.selectRow(keys.index(self._feature) if self._feature in keys else 0)

    @Slot()
    def _show_ranking(self) -> None:
        report = self.report
        if report is None:
            return
        quantity = self.quantity_filter.currentData()
        feature = self._feature if self._feature in report.features else None
        self.ranking = report.ranking(feature=feature, quantity=quantity, top=RANKED_ROWS)
        chance = report.chance
        weak = self.tr("below the chance level: a match this weak means nothing")
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        self.table.setRowCount(len(self.ranking))
        for row, ranked in enumerate(self.ranking):
            cells = [
                f"{ranked.r:+.2f}",
                self._unit_words(ranked.run, ranked.quantity, ranked.unit),
                feature_name(ranked.feature),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if abs(ranked.r) < chance:
                    item.setForeground(QColor(FAINT))
                    item.setToolTip(weak)
                if c == 0:
                    item.setTextAlignment(right)
                self.table.setItem(row, c, item)
        self._show_note()

    def _unit_words(self, run: int, quantity: str, unit: int) -> str:
        if self.run_combo.count() > 1:
            return self.tr("{0} · {1} · unit {2}").format(
                run_label(run, self._directions), quantity, unit
            )
        return self.tr("{0} · unit {1}").format(quantity, unit)

    def _show_note(self) -> None:
        """How far to trust r: the characters it is computed over and the chance level,
        in one line under the ranking, the whole reasoning in its tooltip."""
        report = self.report
        pairs = int(np.isfinite(report.r).sum())
        if math.isinf(report.chance):
            short = chance = self.tr(
                "With {0} characters every r is ±1 whatever the unit: the text is too short "
                "to tell anything."
            ).format(report.length)
        else:
            short = self.tr(
                "r over {0:,} characters · chance level 2/√T = {1:.3f} (grey below it)"
            ).format(report.length, report.chance)
            chance = self.tr(
                "Chance level 2/√T = {0:.3f}: for one unit and one feature that have "
                "nothing to do with each other, |r| stays below it 95 % of the time."
            ).format(report.chance)
        text = self.tr("Pearson r over {0:,} characters.").format(report.length) + " " + chance
        if math.isfinite(report.shifted_best):
            short += " · " + self.tr("the best pair slid out of line: {0:.2f}").format(
                report.shifted_best
            )
            text += " " + self.tr(
                "The best of all {0:,} pairs, with the features slid along the text out of "
                "line with what the network read: {1:.2f}."
            ).format(pairs, report.shifted_best)
        self.note.setText(short)
        self.note.setToolTip(text)

    # ------------------------------------------------------------------ choosing
    @Slot(int, int)
    def _on_feature_clicked(self, row: int, column: int) -> None:
        """A feature's row: rank its units only, and colour the text by the best of them
        (the feature underlined when it is 0 or 1); "every feature": rank them all."""
        item = self.features.item(row, 0)
        self._feature = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self._show_ranking()
        if self._feature is not None and self.ranking:
            self._by_hand = True
            best = self.ranking[0]
            self._pick(best.run, best.quantity, best.unit, best.feature)
            self._show_text()

    @Slot(int, int)
    def _on_row_clicked(self, row: int, column: int) -> None:
        if 0 <= row < len(self.ranking):
            self._by_hand = True
            ranked = self.ranking[row]
            self._pick(ranked.run, ranked.quantity, ranked.unit, ranked.feature)
            self._show_text()

    def pick_row(self, row: int) -> None:
        """Colour the text by the ranking's row ``row`` (a click on it)."""
        self.table.selectRow(row)
        self._on_row_clicked(row, 0)

    def pick_feature(self, key: str | None) -> None:
        """Rank the units by feature ``key`` only (None: every feature), as a click on its
        row of the features table does."""
        keys = [None, *(self.report.features if self.report else ())]
        self.features.selectRow(keys.index(key))
        self._on_feature_clicked(keys.index(key), 0)

    def _pick(self, run: int, quantity: str, unit: int, feature: str | None) -> None:
        with _blocked(self.run_combo, self.quantity_combo, self.unit_spin):
            self.run_combo.setCurrentIndex(run)
            self.quantity_combo.setCurrentIndex(max(self.quantity_combo.findData(quantity), 0))
            self.unit_spin.setValue(unit)
        self.choice = (run, quantity, unit)
        self._underline = feature if feature in BINARY else None

    @Slot()
    def _on_picker_changed(self) -> None:
        quantity = self.quantity_combo.currentData()
        if quantity is None:
            return
        self.choice = (max(self.run_combo.currentIndex(), 0), quantity, self.unit_spin.value())
        self._by_hand = True
        self._underline = None
        self._show_text()

    # ------------------------------------------------------------------ the text
    def _show_text(self) -> None:
        report, choice = self.report, self.choice
        if report is None or choice is None:
            return
        run, quantity, unit = choice
        scale = cell_spec(report.cell).scale(quantity)
        values = report.unit_values(run, quantity, unit)
        self.text_view.clear()
        self._positions = []
        if values is None:
            self.colours = np.zeros((0, 4), np.uint8)
            self.legend_label.setText(
                self.tr(
                    "This model is too large to send every unit's values: pick a unit from "
                    "the list."
                )
            )
            return
        levels, colormap = colour_scale(values, scale)
        self.legend.set_scale(levels, colormap)
        self.colours = value_colours(values, levels, colormap)
        underline = report.features.get(self._underline) if self._underline else None
        cursor = QTextCursor(self.text_view.document())
        cursor.beginEditBlock()
        plain, marked = QTextCharFormat(), QTextCharFormat()
        marked.setFontUnderline(True)
        marked.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        for t, char in enumerate(report.text):
            fmt = QTextCharFormat(marked if underline is not None and underline[t] else plain)
            rgba = self.colours[t]
            fmt.setBackground(QColor(*(int(v) for v in rgba)))
            fmt.setForeground(ink_for(rgba))
            self._positions.append(cursor.position())
            # a line break, a tab or another blank as a sign (each is a step the network
            # read); a space stays a space: its colour shows it
            cursor.insertText(char if char == " " else visible_char(char), fmt)
            if char == "\n":
                cursor.insertBlock()
        cursor.endEditBlock()
        self.text_view.moveCursor(QTextCursor.MoveOperation.Start)
        name = self._unit_words(run, quantity, unit)
        text = self.tr("{0} after reading each character; {1}").format(
            name, self._scale_words(scale)
        )
        if underline is not None:
            text += "; " + self.tr("underlined: {0}").format(feature_name(self._underline))
        self.legend_label.setText(text)

    def _scale_words(self, scale: str) -> str:
        if scale == "sigmoid":
            return self.tr("a fixed scale 0 … 1")
        if scale == "tanh":
            return self.tr("a fixed scale −1 … 1, white at 0")
        return self.tr(
            "unbounded: the colours span this unit's own values (1st to 99th percentile)"
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.MouseMove and self._positions:
            self._read_at(event.position().toPoint())
        return super().eventFilter(watched, event)

    def character_at(self, point: QPoint) -> int | None:
        """The step t of the character under ``point`` (viewport coordinates), or None."""
        cursor = self.text_view.cursorForPosition(point)
        position = cursor.position()
        if point.x() < self.text_view.cursorRect(cursor).x():
            position -= 1  # the cursor's nearest place is after the character hovered
        t = int(np.searchsorted(self._positions, position, side="right")) - 1
        return t if 0 <= t < len(self._positions) else None

    def readout_at(self, t: int) -> str:
        """What the hover says about step ``t``: the character, the unit's value, the
        features' values there."""
        report, (run, quantity, unit) = self.report, self.choice
        values = report.unit_values(run, quantity, unit)
        parts = [
            self.tr("t = {0} ‘{1}’").format(t, visible_char(report.text[t])),
            f"{self._unit_words(run, quantity, unit)} = {values[t]:.3f}",
        ]
        for key, f in report.features.items():
            if key not in report.absent:
                parts.append(f"{feature_name(key)} = {f[t]:g}")
        return " · ".join(parts)

    def _read_at(self, point: QPoint) -> None:
        t = self.character_at(point)
        if t is not None and self.report is not None and self.choice is not None:
            if self.report.unit_values(*self.choice) is not None:
                self.readout.setText(self.readout_at(t))


def _first_pick(report: UnitReport) -> Ranked | None:
    """What a report colours the text by until the learner picks a unit: the unit that
    best follows a feature that needs memory, when one beats the chance level (the
    interesting kind), else the best unit of all."""
    memory = [
        rows[0]
        for key in report.features
        if key in NEEDS_MEMORY and (rows := report.ranking(feature=key, top=1))
    ]
    memory = [row for row in memory if abs(row.r) >= report.chance]
    if memory:
        return max(memory, key=lambda row: abs(row.r))
    return report.best()


def _probe_key(snap: Snapshot):
    """What the probe shows, as a comparable value (None: the held-out example)."""
    values = snap.probe_values
    return None if values is None else tuple(sorted((str(k), str(v)) for k, v in values.items()))


class _blocked:
    """``with _blocked(a, b):`` a and b emit no signals inside the block."""

    def __init__(self, *widgets: QObject) -> None:
        self.widgets = widgets

    def __enter__(self) -> None:
        for w in self.widgets:
            w.blockSignals(True)

    def __exit__(self, *exc) -> None:
        for w in self.widgets:
            w.blockSignals(False)
