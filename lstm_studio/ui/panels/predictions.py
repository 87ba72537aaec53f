"""The predictions dock: what the model answers on the probe sequence, read as the task reads it.

One page per kind of task, built once per ``reset``; ``on_snapshot`` only sets text
and curve data:

* binary addition: ``a + b = predicted (true)`` in decimal and the bit rows, most
  significant bit first, wrong bits marked, with the model's confidence in each bit;
* regression (echo, next prime, sin to cos, the adding problem, a CSV of your own):
  target and prediction against the step, scored steps drawn bold, the rest faint;
* copy: the shown symbols against the recalled ones, with the confidence of each;
* text (shipped or your own): the text the model wrote (at the latest evaluation, or at
  once when the temperature, the length or the seed changes), after the learner's prompt
  when there is one; the sampling temperature, length and seed with a Sample button; and
  the held-out text with the model's guess of each next character.
"""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIntValidator, QTextCharFormat
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.tasks import Task, visible_char
from lstm_studio.training import FIELDS, Probe, Snapshot, TrainConfig

from .axes import BoundedAxis
from .base import Panel

WRONG = "#c62828"  # red: a wrong bit, symbol or character
WRONG_BG = "#ffdede"
RIGHT = "#2e7d32"  # green: a right answer
FAINT = "#777777"  # labels and unscored values
PROMPT_BG = "#ececec"  # the learner's prompt, before what the network wrote after it
TARGET = "#1f77b4"  # blue: what the task expects
PREDICTION = "#ff7f0e"  # orange: what the model says (blue/orange reads for colour-blind eyes)
PALETTE = (  # one colour per CSV column (tab10)
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
SHOWN_COLUMNS = 4  # CSV columns drawn at first (the picker chooses others)
MAX_SHOWN_COLUMNS = len(PALETTE)  # CSV columns drawn at once at most: a colour each
SYMBOL_LIMIT = 80  # draw point markers on curves up to this many steps
SURE_ROW_BITS = 17  # longer sums show their bits' confidence in the tooltip only
TEXT_COLUMNS = 32  # characters per row of the held-out text
WIDE_TEXT_COLUMNS = 16  # the same for CJK text, whose glyphs are twice as wide
TEXT_SHOWN = 128  # held-out characters shown (a long table is slow to lay out 20 times a second)
BASE_POINT_SIZE = 11.0  # the smallest text of the panel, readable on a projector

KINDS = ("none", "binary", "regression", "copy", "again", "text")


def view_kind(task: Task) -> str:
    """Which page shows ``task``: one of ``KINDS``."""
    if task.name == "binary-addition":
        return "binary"
    if task.name == "copy":
        return "copy"
    if task.name == "comes-again":
        return "again"
    if task.name == "text" or (task.name == "own-data" and getattr(task, "mode", "") == "text"):
        return "text"
    if task.loss == "mse":
        return "regression"
    return "none"


def nearest_prime(primes: np.ndarray, value: float) -> int:
    """The prime of the sorted ``primes`` nearest ``value`` (the lower one on a tie),
    as the next-prime task scores it."""
    pos = int(np.clip(np.searchsorted(primes, value), 1, len(primes) - 1))
    lo, hi = int(primes[pos - 1]), int(primes[pos])
    return lo if value - lo <= hi - value else hi


def bits_to_int(bits: np.ndarray) -> int:
    """Least-significant-first 0/1 values -> the integer they write."""
    return sum(1 << t for t, b in enumerate(bits) if b > 0.5)


def symbol_letter(k: int) -> str:
    """Copy task symbol ``k`` as a letter: 0 -> A, 1 -> B, ..."""
    return chr(65 + int(k))


def _fmt(value: float, digits: int = 3) -> str:
    return f"{value:.{digits}g}" if math.isfinite(value) else "—"


def _base_size() -> float:
    """The application's font size, but never below ``BASE_POINT_SIZE``."""
    return max(QFont().pointSizeF(), BASE_POINT_SIZE)


def _mono_font(scale: float = 1.0) -> QFont:
    """The system's fixed-pitch font at a projector-friendly size; Qt falls back to an
    installed CJK font for the characters it lacks."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(_base_size() * 1.15 * scale)
    return font


def _text_font(scale: float = 1.0) -> QFont:
    font = QFont()
    font.setPointSizeF(_base_size() * scale)
    return font


def _cell(text: str, *, wrong: bool = False, faint: bool = False, small: bool = False) -> str:
    """One table cell of rich text; a wrong value is red, bold and shaded."""
    attrs = ' align="center"'
    inner = html.escape(text)
    if wrong:
        attrs += f' bgcolor="{WRONG_BG}"'
        inner = f'<b><font color="{WRONG}">{inner}</font></b>'
    elif faint:
        inner = f'<font color="{FAINT}">{inner}</font>'
    if small:
        inner = f'<small><font color="{FAINT}">{inner}</font></small>'
    return f"<td{attrs}>{inner}</td>"


def _row_label(text: str) -> str:
    return f'<td align="right"><font color="{FAINT}">{html.escape(text)}</font>&nbsp;</td>'


def _scroll(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area, so a narrow dock scrolls instead of clipping."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


# ============================================================================ binary addition


def _text_page(page: QWidget, head_font, body_font) -> tuple[QLabel, QLabel, QLabel]:
    """A scrolling page of a headline, a rich-text body and a faint note; the labels."""
    head, body, note = QLabel(), QLabel(), QLabel()
    head.setFont(head_font)
    head.setTextFormat(Qt.TextFormat.RichText)
    body.setFont(body_font)
    body.setTextFormat(Qt.TextFormat.RichText)
    body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    note.setWordWrap(True)
    note.setFont(_text_font(0.95))
    note.setStyleSheet(f"color: {FAINT};")
    inner = QWidget()
    box = QVBoxLayout(inner)
    box.addWidget(head)
    box.addSpacing(6)
    box.addWidget(body)
    box.addWidget(note)
    box.addStretch(1)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(_scroll(inner))
    return head, body, note


class BinaryAdditionView(QWidget):
    """``a + b = predicted (true)`` and the bit rows of a, b, the sum and the prediction."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sum_label, self.bits_label, self.note = _text_page(self, _mono_font(1.5), _mono_font())
        self.a = self.b = self.true_sum = self.predicted_sum = 0
        self.show_sure = True  # the row of confidences; long sums keep them in the tooltip
        self.wrong = np.zeros(0, bool)  # (T,) least significant first

    def reset(self, task: Task) -> None:
        self.show_sure = task.T <= SURE_ROW_BITS
        note = self.tr(
            "Bits are written most significant first, as people write numbers; the "
            "network reads them from the right. Wrong bits are red."
        )
        if self.show_sure:
            note += " " + self.tr(
                "The last row is how sure the network is of each bit it wrote, in percent."
            )
        else:
            note += " " + self.tr("Point at the bits to see the network's probabilities.")
        self.note.setText(note)
        self.sum_label.setText(self.tr("a + b = …"))
        self.bits_label.clear()
        self.wrong = np.zeros(0, bool)

    def show_probe(self, probe: Probe) -> None:
        a_bits = probe.inputs[:, 0] > 0.5  # (T,) least significant first
        b_bits = probe.inputs[:, 1] > 0.5
        true_bits = probe.targets[:, 0] > 0.5
        p_one = probe.predictions[:, 0]  # (T,) P(bit = 1)
        pred_bits = p_one > 0.5
        confidence = np.where(pred_bits, p_one, 1 - p_one)
        self.wrong = pred_bits != true_bits
        self.a, self.b = bits_to_int(a_bits), bits_to_int(b_bits)
        self.true_sum, self.predicted_sum = bits_to_int(true_bits), bits_to_int(pred_bits)

        ok = self.predicted_sum == self.true_sum
        colour = RIGHT if ok else WRONG
        mark = "✓" if ok else "✗"
        self.sum_label.setText(
            self.tr("{a} + {b} = {pred} (true {true})").format(
                a=self.a,
                b=self.b,
                pred=f'<b><font color="{colour}">{self.predicted_sum}</font></b>',
                true=self.true_sum,
            )
            + f' <font color="{colour}">{mark}</font>'
        )

        T = len(a_bits)
        msb = range(T - 1, -1, -1)

        def row(label: str, cells: str, value: str = "") -> str:
            tail = f'<td>&nbsp;<font color="{FAINT}">{html.escape(value)}</font></td>'
            return f"<tr>{_row_label(label)}{cells}{tail}</tr>"

        # a and b have no bit T-1 (the carry out of the sum): leave it blank
        def operand(bits):
            return "".join(_cell(str(int(bits[t])) if t < T - 1 else "") for t in msb)

        rows = [
            row("a", operand(a_bits), f"= {self.a}"),
            row("b", operand(b_bits), f"= {self.b}"),
            row(
                self.tr("a + b"),
                "".join(_cell(str(int(true_bits[t]))) for t in msb),
                f"= {self.true_sum}",
            ),
            row(
                self.tr("network"),
                "".join(_cell(str(int(pred_bits[t])), wrong=self.wrong[t]) for t in msb),
                f"= {self.predicted_sum}",
            ),
        ]
        if self.show_sure:
            rows.append(
                row(
                    self.tr("sure %"),
                    "".join(_cell(_percent(confidence[t]), small=True) for t in msb),
                )
            )
        pad = 3 if self.show_sure else 1  # 32-bit sums still fit a dock
        self.bits_label.setText(
            f'<table cellspacing="0" cellpadding="{pad}">' + "".join(rows) + "</table>"
        )
        self.bits_label.setToolTip(
            self.tr("P(bit = 1), most significant first: {p}").format(
                p=", ".join(_fmt(float(p_one[t]), 2) for t in msb)
            )
        )


def _percent(p: float) -> str:
    return f"{100 * p:.0f}" if math.isfinite(p) else "—"


# ============================================================================ regression
class ColumnModel(QAbstractListModel):
    """A CSV's column names, those matching a search, each with a check box (drawn or
    not). Rows are made as the list view asks for them: 100,000 columns cost no more
    than ten."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.names: list[str] = []
        self._lower: list[str] = []
        self.rows: list[int] = []  # the column of each row (those matching the search)
        self.shown: list[int] = []  # the columns drawn, in the order they were chosen

    def set_columns(self, names, shown) -> None:
        self.beginResetModel()
        self.names = [str(n) for n in names]
        self._lower = [n.casefold() for n in self.names]
        self.rows = list(range(len(self.names)))
        self.shown = list(shown)
        self.endResetModel()

    def search(self, text: str) -> None:
        text = text.strip().casefold()
        self.beginResetModel()
        if text:
            self.rows = [j for j, n in enumerate(self._lower) if text in n]
        else:
            self.rows = list(range(len(self.names)))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        j = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.names[j]
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if j in self.shown else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and j in self.shown:
            return pg.mkColor(PALETTE[self.shown.index(j) % len(PALETTE)])
        return None

    def flags(self, index):
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        j = self.rows[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            if j in self.shown or len(self.shown) >= MAX_SHOWN_COLUMNS:
                return False
            self.shown.append(j)
        elif j in self.shown:
            self.shown.remove(j)
        else:
            return False
        # every row: a column's colour is its place among those shown
        self.dataChanged.emit(self.index(0), self.index(max(len(self.rows) - 1, 0)))
        return True


class ColumnPicker(QWidget):
    """Which columns of a CSV the plot draws: a search field over a list of check boxes
    (at most ``MAX_SHOWN_COLUMNS``, a colour each). ``changed`` gives the chosen columns'
    indices."""

    changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ColumnModel(self)
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.count.setStyleSheet(f"color: {FAINT};")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search columns"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.search)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)  # no measuring of 100,000 rows
        # rows laid out a batch per event-loop pass, so a long list never blocks the GUI
        self.list.setLayoutMode(QListView.LayoutMode.Batched)
        self.list.setBatchSize(200)
        self.list.setToolTip(
            self.tr("Tick the columns to draw, at most {n} at once").format(n=MAX_SHOWN_COLUMNS)
        )
        self.model.dataChanged.connect(self._on_checked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.count)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self.setFixedWidth(170)

    def set_columns(self, names, shown) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.model.set_columns(names, shown)
        self._show_count()

    def shown(self) -> list[int]:
        return list(self.model.shown)

    def set_shown(self, shown) -> None:
        """Draw these columns (as ticking them would)."""
        self.model.beginResetModel()
        self.model.shown = list(shown)[:MAX_SHOWN_COLUMNS]
        self.model.endResetModel()
        self._on_checked()

    def _show_count(self) -> None:
        self.count.setText(
            self.tr("{shown} of {total} columns drawn").format(
                shown=len(self.model.shown), total=len(self.model.names)
            )
        )

    @Slot()
    def _on_checked(self, *_args) -> None:
        self._show_count()
        self.changed.emit(self.shown())


class RegressionView(QWidget):
    """Target and prediction against the step, one pair of curves per output.

    ``targets[k]`` and ``predictions[k]`` hold output ``k`` on the scored steps, in
    the task's own units (primes for next-prime, the file's units for a CSV);
    ``extras`` holds the context curves of the task (inputs, unscored steps).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # axes that ask for a bounded number of ticks however far the plot is zoomed out
        self.plot = pg.PlotWidget(
            axisItems={"bottom": BoundedAxis("bottom"), "left": BoundedAxis("left")}
        )
        self.plot.setMinimumHeight(160)
        item = self.plot.getPlotItem()
        # no grid: pyqtgraph paints it into the axis picture, ~5x the cost of a frame
        item.getViewBox().setDefaultPadding(0.05)  # room for the big end markers
        tick_font = _text_font(0.9)
        for name in ("bottom", "left"):
            axis = item.getAxis(name)
            axis.setStyle(tickFont=tick_font)
            axis.enableAutoSIPrefix(False)  # "value (x0.001)" puzzles more than it helps
        # the legend is a line of text above the plot, so it never hides a point
        self.legend = QLabel()
        self.legend.setFont(_text_font())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.info = QLabel()
        self.info.setFont(_text_font(1.1))
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setWordWrap(True)
        # a CSV's columns to draw: a few at a time, whatever the file's width
        self.picker = ColumnPicker()
        self.picker.changed.connect(self._on_columns_chosen)
        self.picker.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.info)
        layout.addWidget(self.legend)
        row = QHBoxLayout()
        row.addWidget(self.plot, 1)
        row.addWidget(self.picker)
        layout.addLayout(row, 1)
        self.task: Task | None = None
        self.targets: list[pg.PlotDataItem] = []
        self.predictions: list[pg.PlotDataItem] = []
        self.columns: list[int] = []  # the output each pair of curves draws
        self.extras: dict[str, pg.PlotDataItem] = {}
        self._legend: list[str] = []
        self._probe: Probe | None = None

    # ---------------------------------------------------------------- building
    def _label(self, side: str, text: str) -> None:
        self.plot.setLabel(side, text, **{"font-size": f"{_base_size():g}pt"})

    def _curve(
        self,
        name: str,
        colour: str,
        *,
        faint: bool = False,
        dashed: bool = False,
        line: bool = True,
        symbol: str | None = None,
        size: int = 7,
    ) -> pg.PlotDataItem:
        """A curve (or, with ``line=False``, markers only) and its legend entry."""
        c = pg.mkColor(colour)
        if faint:
            c.setAlpha(110)
        pen = None
        if line:
            pen = pg.mkPen(c, width=1.5 if faint else 2.5)
            if dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
        options = {}
        if symbol is not None:
            options = {"symbol": symbol, "symbolSize": size, "symbolBrush": c, "symbolPen": None}
        curve = self.plot.plot([], [], pen=pen, **options)
        self._legend.append(_legend_entry(name, colour, faint, dashed, line, symbol))
        return curve

    def reset(self, task: Task) -> None:
        self.task = task
        self._probe = None
        self.info.clear()
        own = task.name == "own-data"
        if own:
            shown = list(range(min(SHOWN_COLUMNS, len(task.columns))))
            self.picker.set_columns(task.columns, shown)
        self.picker.setVisible(own and len(task.columns) > 1)
        self._build(task, self.picker.shown() if own else [])

    def _build(self, task: Task, shown: list[int]) -> None:
        """The curves of ``task``; of a CSV, those of the columns ``shown`` only."""
        self.plot.clear()
        self.targets, self.predictions, self.extras, self._legend = [], [], {}, []
        self.columns = []
        T = getattr(task, "T", 0)
        sym = "o" if T <= SYMBOL_LIMIT else None
        self._label("bottom", self.tr("step t"))
        self._label("left", self.tr("value"))
        if task.name == "adding":
            self._label("left", self.tr("value (sum at the last step)"))
            self.extras["input"] = self._curve(
                self.tr("input value"), "#9e9e9e", line=False, symbol="o", size=6
            )
            self.extras["marked"] = self._curve(
                self.tr("marked value"), "#2ca02c", line=False, symbol="o", size=13
            )
            self.extras["prediction_all"] = self._curve(
                self.tr("output at every step"), PREDICTION, faint=True
            )
            self.targets.append(
                self._curve(self.tr("true sum"), TARGET, line=False, symbol="star", size=20)
            )
            self.predictions.append(
                self._curve(self.tr("predicted sum"), PREDICTION, line=False, symbol="d", size=16)
            )
            self.columns.append(0)
        elif task.name == "next-prime":
            self._label("bottom", self.tr("position in the list of primes"))
            self._label("left", self.tr("prime"))
            self.extras["input"] = self._curve(
                self.tr("window (input)"), "#616161", symbol="o", size=8
            )
            self.extras["prediction_all"] = self._curve(
                self.tr("guess after each step"), PREDICTION, faint=True, symbol=sym, size=5
            )
            self.targets.append(
                self._curve(self.tr("true next prime"), TARGET, line=False, symbol="star", size=20)
            )
            self.predictions.append(
                self._curve(self.tr("predicted"), PREDICTION, line=False, symbol="d", size=16)
            )
            self.columns.append(0)
        elif task.name == "own-data":
            self._label("left", self.tr("value (file units)"))
            for k, j in enumerate(shown):
                column = task.columns[j]
                self.columns.append(j)
                colour = PALETTE[k % len(PALETTE)]
                self.targets.append(
                    self._curve(
                        self.tr("{column}: next row").format(column=column),
                        colour,
                        symbol=sym,
                        size=6,
                    )
                )
                self.predictions.append(
                    self._curve(
                        self.tr("{column}: predicted").format(column=column),
                        colour,
                        dashed=True,
                        symbol="t" if sym else None,
                        size=7,
                    )
                )
        else:  # echo, sin-to-cos and any other task with real-valued outputs
            if task.name == "sin-to-cos":
                self.extras["input"] = self._curve(self.tr("input sin"), "#9e9e9e", dashed=True)
            mask = getattr(task, "mask", None)
            unscored = mask is not None and not np.all(np.asarray(mask) > 0)
            for k in range(task.output_size):
                self.columns.append(k)
                suffix = f" {k + 1}" if task.output_size > 1 else ""
                if unscored:
                    self.extras[f"target_unscored{k}"] = self._curve(
                        self.tr("target (not scored)") + suffix, TARGET, faint=True, dashed=True
                    )
                    self.extras[f"prediction_unscored{k}"] = self._curve(
                        self.tr("prediction (not scored)") + suffix, PREDICTION, faint=True
                    )
                self.targets.append(
                    self._curve(self.tr("target") + suffix, TARGET, symbol=sym, size=6)
                )
                self.predictions.append(
                    self._curve(self.tr("prediction") + suffix, PREDICTION, symbol=sym, size=6)
                )
        self.legend.setText("&nbsp;&nbsp;&nbsp; ".join(self._legend))
        # whole steps on a short sequence, not 0.5, 1.5...
        bottom = self.plot.getAxis("bottom")
        if T + 1 <= 20:
            bottom.setTickSpacing(major=1 if T + 1 <= 12 else 2, minor=1)
        else:
            bottom.setTickSpacing()
        self.plot.enableAutoRange()

    @Slot(list)
    def _on_columns_chosen(self, shown: list) -> None:
        task = self.task
        if task is None or task.name != "own-data" or shown == self.columns:
            return
        self._build(task, shown)
        if self._probe is not None:
            self.show_probe(self._probe)

    def to_units(self, values: np.ndarray, column: int = 0) -> np.ndarray:
        """Model values -> the task's own units (primes; a CSV's file units)."""
        task = self.task
        if task is None:
            return values
        if task.name == "next-prime":
            return values * task.values["limit"]
        if task.name == "own-data":
            return values * task.std[column] + task.mean[column]
        return values

    # ---------------------------------------------------------------- updating
    def show_probe(self, probe: Probe) -> None:
        task = self.task
        if task is None:
            return
        self._probe = probe
        T = len(probe.scored)
        t = np.arange(T)
        s = probe.scored
        targets = probe.targets.reshape(T, -1)  # (T, O)
        preds = probe.predictions.reshape(T, -1)
        # next-prime plots each target where it falls in the list: after the window
        x = t + 1 if task.name == "next-prime" else t
        for k, tc, pc in zip(self.columns, self.targets, self.predictions, strict=True):
            if k >= targets.shape[1]:
                continue  # a probe of another model than the one reset for
            tc.setData(x[s], self.to_units(targets[s, k], k))
            pc.setData(x[s], self.to_units(preds[s, k], k))
        for k in range(targets.shape[1]):
            if f"target_unscored{k}" in self.extras:
                # unscored steps, plus the first scored one so the faint line meets the bold one
                keep = ~s | np.r_[False, ~s[:-1]] if s.any() else ~s
                self.extras[f"target_unscored{k}"].setData(t[keep], targets[keep, k])
                self.extras[f"prediction_unscored{k}"].setData(t[keep], preds[keep, k])
        if "input" in self.extras:
            values = self.to_units(probe.inputs[:, 0])
            self.extras["input"].setData(t, values)
        if "prediction_all" in self.extras:
            self.extras["prediction_all"].setData(x, self.to_units(preds[:, 0]))
        if task.name == "adding":
            marked = probe.inputs[:, 1] > 0.5
            self.extras["marked"].setData(t[marked], probe.inputs[marked, 0])
        self.info.setText(self._summary(probe, targets, preds))

    def _summary(self, probe: Probe, targets: np.ndarray, preds: np.ndarray) -> str:
        task = self.task
        s = probe.scored
        if task.name == "adding":
            marked = np.flatnonzero(probe.inputs[:, 1] > 0.5)
            true, pred = float(targets[-1, 0]), float(preds[-1, 0])
            good = math.isfinite(pred) and abs(pred - true) < 0.04  # Hochreiter's tolerance
            return self.tr(
                "Sum of the two marked values (steps {steps}): predicted {pred}, true {true}"
            ).format(
                steps=self.tr(" and ").join(str(int(m)) for m in marked),
                pred=_coloured(f"{pred:.3f}" if math.isfinite(pred) else "—", good),
                true=f"{true:.3f}",
            )
        if task.name == "next-prime":
            limit = task.values["limit"]
            window = np.rint(probe.inputs[:, 0] * limit).astype(int)
            true = int(round(float(targets[-1, 0]) * limit))
            pred = float(preds[-1, 0]) * limit
            if math.isfinite(pred):
                rounded = nearest_prime(task.primes, pred)
                guess = f"{pred:.1f} → {_coloured(str(rounded), rounded == true)}"
            else:
                guess = _coloured("—", False)
            shown = [str(p) for p in window]
            if len(shown) > 12:  # a long window: its start and end say where it is
                shown = shown[:4] + ["…"] + shown[-6:]
            return (
                self.tr("Window: {window}").format(window=", ".join(shown))
                + "<br>"
                + self.tr("Next prime: predicted ≈ {guess} (true {true})").format(
                    guess=guess, true=true
                )
            )
        if task.name == "own-data":
            cols = [j for j in self.columns if j < preds.shape[1]]  # the columns drawn
            rmse = np.sqrt(np.mean((preds[s][:, cols] - targets[s][:, cols]) ** 2, axis=0))
            text = self.tr("RMS error of the next row, in file units: {errors}").format(
                errors=", ".join(
                    f"{html.escape(str(task.columns[j]))} {_fmt(float(e * task.std[j]))}"
                    for j, e in zip(cols, rmse, strict=True)
                )
            )
            if len(cols) < len(task.columns):
                text += " " + self.tr("({shown} of {total} columns shown)").format(
                    shown=len(cols), total=len(task.columns)
                )
            return text
        rmse = float(np.sqrt(np.mean((preds[s] - targets[s]) ** 2)))
        text = self.tr("RMS error on the scored steps: {rmse}").format(rmse=_fmt(rmse))
        if not s.all():
            text += " " + self.tr("(the first {n} steps are not scored)").format(n=int((~s).sum()))
        return text


def _coloured(text: str, good: bool, mark: bool = True) -> str:
    """``text`` in bold green (right) or red (wrong), with a tick or a cross after it."""
    colour, sign = (RIGHT, " ✓") if good else (WRONG, " ✗")
    return f'<b><font color="{colour}">{html.escape(text)}{sign if mark else ""}</font></b>'


_MARKS = {"o": "●", "star": "★", "d": "◆", "t": "▼"}


def _legend_entry(
    name: str, colour: str, faint: bool, dashed: bool, line: bool, symbol: str | None
) -> str:
    """A legend entry in rich text: a sample of the line and marker, then the name."""
    if faint:  # as the translucent pen looks on white
        c = pg.mkColor(colour)
        mix = lambda v: round(255 - (255 - v) * 0.45)  # noqa: E731
        colour = f"#{mix(c.red()):02x}{mix(c.green()):02x}{mix(c.blue()):02x}"
    mark = _MARKS.get(symbol, "") if symbol else ""
    stroke = ("╍" if dashed else "━") if line else ""
    sample = f"{stroke}{mark}{stroke}" if mark else stroke * 2
    return (
        f'<span style="white-space: nowrap"><font color="{colour}">{sample}</font>'
        f"&nbsp;{html.escape(name)}</span>"
    )


# ============================================================================ copy
class CopyView(QWidget):
    """The shown symbols against the recalled ones (A, B, C...), wrong ones marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary, self.table, self.note = _text_page(self, _text_font(1.2), _mono_font(1.4))
        self.shown = self.recalled = ""
        self.wrong = np.zeros(0, bool)

    def reset(self, task: Task) -> None:
        v = task.values
        self.length, self.delay, self.symbols = v["length"], v["delay"], v["symbols"]
        self.summary.clear()
        self.table.clear()
        self.note.setText(
            self.tr(
                "The network sees {k} symbols out of {A} ({first}–{last}), then {d} blank "
                "steps, then must write the symbols back in order. Wrong ones are red; the "
                "last row is its probability for each symbol it wrote, in percent. Chance is "
                "{chance:.3g} %."
            ).format(
                k=self.length,
                A=self.symbols,
                first=symbol_letter(0),
                last=symbol_letter(self.symbols - 1),
                d=self.delay,
                chance=100 / self.symbols,
            )
        )

    def show_probe(self, probe: Probe) -> None:
        k, A = self.length, self.symbols
        shown = probe.inputs[:k, :A].argmax(axis=1)  # (k,)
        scored = np.flatnonzero(probe.scored)
        recalled = probe.predictions[scored].argmax(axis=1)  # (k,)
        confidence = probe.predictions[scored, recalled]
        true = probe.targets[scored]
        self.wrong = recalled != true
        self.shown = "".join(symbol_letter(c) for c in shown)
        self.recalled = "".join(symbol_letter(c) for c in recalled)
        right = int((~self.wrong).sum())
        good = right == len(true)
        self.summary.setText(
            self.tr("Recalled {right} of {k} symbols").format(
                right=_coloured(str(right), good, mark=False), k=len(true)
            )
            + f' <font color="{RIGHT if good else WRONG}">{"✓" if good else "✗"}</font>'
        )

        def row(label: str, cells: str) -> str:
            return f"<tr>{_row_label(label)}{cells}</tr>"

        self.table.setText(
            '<table cellspacing="0" cellpadding="4">'
            + row(self.tr("shown"), "".join(_cell(c) for c in self.shown))
            + row(
                self.tr("recalled"),
                "".join(_cell(c, wrong=w) for c, w in zip(self.recalled, self.wrong, strict=True)),
            )
            + row(self.tr("sure %"), "".join(_cell(_percent(p), small=True) for p in confidence))
            + "</table>"
        )


# ============================================================================ comes again
class MarksView(QWidget):
    """comes-again: each step's symbol, ✓ where it comes again later, and the network's
    marks (its probability above 50 %), wrong ones red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary, self.table, self.note = _text_page(self, _text_font(1.2), _mono_font(1.4))
        self.wrong = np.zeros(0, bool)

    def reset(self, task: Task) -> None:
        A = task.values["symbols"]
        self.summary.clear()
        self.table.clear()
        self.note.setText(
            self.tr(
                "A symbol out of {A} ({first}–{last}) at each step; ✓ where it appears "
                "again later in the sequence. The network marks a step when its probability "
                "is above 50 %; wrong marks are red, and the last row is that probability in "
                "percent. Reading forwards only, the best a network can do is {ceiling:.1f} % "
                "of the marks right."
            ).format(
                A=A,
                first=symbol_letter(0),
                last=symbol_letter(A - 1),
                ceiling=100 * task.one_way_ceiling(),
            )
        )

    def show_probe(self, probe: Probe) -> None:
        symbols = probe.inputs.argmax(axis=1)  # (T,)
        again = probe.targets[:, 0] > 0.5
        p = probe.predictions[:, 0]  # (T,) P(comes again)
        marked = p > 0.5
        self.wrong = marked != again
        right = int((~self.wrong).sum())
        good = right == len(again)
        self.summary.setText(
            self.tr("{right} of {T} marks right").format(
                right=_coloured(str(right), good, mark=False), T=len(again)
            )
            + f' <font color="{RIGHT if good else WRONG}">{"✓" if good else "✗"}</font>'
        )

        def row(label: str, cells: str) -> str:
            return f"<tr>{_row_label(label)}{cells}</tr>"

        def tick(flag) -> str:
            return "✓" if flag else "·"

        self.table.setText(
            '<table cellspacing="0" cellpadding="4">'
            + row(self.tr("symbol"), "".join(_cell(symbol_letter(c)) for c in symbols))
            + row(self.tr("again later"), "".join(_cell(tick(a)) for a in again))
            + row(
                self.tr("network"),
                "".join(_cell(tick(m), wrong=w) for m, w in zip(marked, self.wrong, strict=True)),
            )
            + row(self.tr("P %"), "".join(_cell(_percent(q), small=True) for q in p))
            + "</table>"
        )


# ============================================================================ text
class TextView(QWidget):
    """The model's own writing (after the learner's prompt), how it writes (temperature,
    length, seed, the Sample button) and its guesses on held-out text."""

    temperature_changed = Signal(float)  # the new sampling temperature
    sampling_requested = Signal(int, object)  # length, seed (an int; None: the step's)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sample_title = QLabel(self._sample_title(""))
        self.sample_title.setFont(_text_font())
        self.sample_title.setWordWrap(True)
        self.sample = QPlainTextEdit()
        self.sample.setReadOnly(True)
        self.sample.setFont(_mono_font())
        self.sample.setPlaceholderText(self.tr("The network writes at each evaluation."))
        self.sample.setMinimumHeight(70)

        self.temperature = QDoubleSpinBox()
        spec = FIELDS["temperature"]  # the one place its bounds live
        self.temperature.setRange(spec.low, spec.high)
        self.temperature.setSingleStep(spec.step)
        self.temperature.setDecimals(spec.decimals)
        self.temperature.setValue(spec.default)
        self.temperature.setKeyboardTracking(False)  # typing "1.5" emits 1.5, not 1 first
        self.temperature.setFont(_text_font())
        self.temperature.setToolTip(
            self.tr(
                "How adventurous the writing is: 0 always takes the likeliest character, "
                "1 samples the network's own probabilities, above 1 flattens them. A change "
                "writes the text again at once, from the current weights."
            )
        )
        self.temperature.valueChanged.connect(self._on_temperature_changed)
        temp_label = QLabel(self.tr("&Temperature"))
        temp_label.setBuddy(self.temperature)
        temp_label.setFont(_text_font())
        # with its underlined shortcut letter the text draws a little wider than Qt measures
        temp_label.setMinimumWidth(
            temp_label.sizeHint().width() + temp_label.fontMetrics().averageCharWidth()
        )
        temp_hint = QLabel(self.tr("(0 = safest, higher = wilder)"))
        temp_hint.setFont(_text_font(0.95))
        temp_hint.setStyleSheet(f"color: {FAINT};")
        temp_row = QHBoxLayout()
        temp_row.setSpacing(8)
        temp_row.addWidget(temp_label)
        temp_row.addWidget(self.temperature)
        temp_row.addWidget(temp_hint)
        temp_row.addStretch(1)

        # how much it writes and with which draws; Sample writes at once
        self.sample_button = QPushButton(self.tr("&Sample"))
        self.sample_button.setObjectName("sample_button")
        self.sample_button.setFont(_text_font())
        self.sample_button.setToolTip(
            self.tr(
                "Write now, from the current weights, while training or not: Length "
                "characters drawn with Seed. The same seed and weights write the same text."
            )
        )
        self.sample_button.clicked.connect(self._on_sample_clicked)
        length_spec = FIELDS["sample_length"]  # the one place its bounds live
        self.length = QSpinBox()
        self.length.setObjectName("sample_length")
        self.length.setRange(int(length_spec.low), int(length_spec.high))
        self.length.setValue(int(length_spec.default))
        self.length.setFont(_text_font())
        self.length.setToolTip(self.tr("How many characters the network writes"))
        self.length.lineEdit().returnPressed.connect(self._on_sample_clicked)
        seed_spec = FIELDS["sample_seed"]
        self.seed = QLineEdit()
        self.seed.setObjectName("sample_seed")
        self.seed.setValidator(QIntValidator(int(seed_spec.low), int(seed_spec.high), self.seed))
        self.seed.setPlaceholderText(self.tr("new each evaluation"))
        self.seed.setClearButtonEnabled(True)
        self.seed.setFont(_text_font())
        self._seed_tip = self.tr(
            "The seed of the random draws ({low} … {high}): the same seed and weights write "
            "the same text. Empty: the step number is the seed, so each evaluation writes "
            "a new text."
        ).format(low=int(seed_spec.low), high=int(seed_spec.high))
        self.seed.setToolTip(self._seed_tip)
        # room for the placeholder, not just a few digits
        self.seed.setMinimumWidth(
            self.seed.fontMetrics().horizontalAdvance(self.seed.placeholderText()) + 40
        )
        self.seed.returnPressed.connect(self._on_sample_clicked)
        self.seed.textChanged.connect(self._on_seed_edited)
        length_label = QLabel(self.tr("&Length"))
        length_label.setBuddy(self.length)
        seed_label = QLabel(self.tr("S&eed"))
        seed_label.setBuddy(self.seed)
        sample_row = QHBoxLayout()
        sample_row.setSpacing(8)
        for widget in (length_label, seed_label):
            widget.setFont(_text_font())
        sample_row.addWidget(self.sample_button)
        sample_row.addSpacing(4)
        sample_row.addWidget(length_label)
        sample_row.addWidget(self.length)
        sample_row.addWidget(seed_label)
        sample_row.addWidget(self.seed)
        sample_row.addStretch(1)

        self.probe_title = QLabel()
        self.probe_title.setFont(_text_font())
        self.probe_title.setTextFormat(Qt.TextFormat.RichText)
        self.probe_title.setWordWrap(True)
        self.probe = QTextBrowser()
        self.probe.setFont(_mono_font())
        self.probe.setOpenLinks(False)
        self.probe.setMinimumHeight(70)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sample_title)
        layout.addWidget(self.sample, 3)
        layout.addLayout(temp_row)
        layout.addLayout(sample_row)
        layout.addWidget(self.probe_title)
        layout.addWidget(self.probe, 2)
        self.vocab = ""
        self._probe_html = ""
        self._shown_sample = ("", "")  # (prompt, text) in the sample box
        self.guesses = ""
        self.wrong = np.zeros(0, bool)

    @Slot(float)
    def _on_temperature_changed(self, value: float) -> None:
        self.temperature_changed.emit(value)

    def sampling(self) -> tuple[int, int | None] | None:
        """``(length, seed)`` as the fields say (seed None: empty, the step's), or None
        while the seed field holds no acceptable number (it then says why)."""
        text = self.seed.text().strip()
        seed = None
        if text:
            try:
                seed = FIELDS["sample_seed"].check(self.tr("Seed"), int(text))
            except ValueError as e:
                self.seed.setStyleSheet(f"QLineEdit {{ background: {WRONG_BG}; }}")
                self.seed.setToolTip(str(e))
                return None
        return self.length.value(), seed

    @Slot()
    def _on_sample_clicked(self) -> None:
        chosen = self.sampling()
        if chosen is not None:
            self.sampling_requested.emit(*chosen)

    @Slot(str)
    def _on_seed_edited(self, text: str) -> None:
        self.seed.setStyleSheet("")  # a refused seed's mark goes as it is changed
        self.seed.setToolTip(self._seed_tip)

    def _sample_title(self, prompt: str) -> str:
        if prompt:
            return self.tr(
                "Your prompt (shaded), and what the network wrote after it; it writes again "
                "at each evaluation"
            )
        return self.tr("Written by the network; it writes again at each evaluation")

    def reset(self, task: Task) -> None:
        self.vocab = task.vocab
        self.sample.clear()
        self._shown_sample = ("", "")
        self.sample_title.setText(self._sample_title(""))
        self.probe.clear()
        self._probe_html = ""
        self.probe_title.setText(
            self.tr("Held-out text and the network's guess of each next character")
        )

    def show_sample(self, text: str, prompt: str = "") -> None:
        """``text`` the network wrote, after the ``prompt`` it continues (shaded)."""
        if (prompt, text) == self._shown_sample:
            return
        self._shown_sample = (prompt, text)
        self.sample_title.setText(self._sample_title(prompt))
        self.sample.clear()
        cursor = self.sample.textCursor()
        if prompt:
            given = QTextCharFormat()
            given.setBackground(QColor(PROMPT_BG))
            given.setForeground(QColor(FAINT))
            cursor.insertText(prompt, given)
        cursor.insertText(text, QTextCharFormat())

    def show_probe(self, probe: Probe) -> None:
        vocab = self.vocab
        truth = "".join(vocab[int(c)] for c in probe.targets)
        guess_codes = probe.predictions.argmax(axis=1)  # (T,)
        self.guesses = "".join(vocab[int(c)] for c in guess_codes)
        self.wrong = guess_codes != probe.targets
        T = len(truth)
        right = T - int(self.wrong.sum())
        self.probe_title.setText(
            self.tr(
                "Held-out text and the network's guess of each next character: {right} of {T} right"
            ).format(right=f"<b>{right}</b>", T=T)
        )
        if T > TEXT_SHOWN:
            self.probe_title.setText(
                self.probe_title.text()
                + " "
                + self.tr("(the first {n} are shown)").format(n=TEXT_SHOWN)
            )
        wide = any(ord(c) >= 0x2E80 for c in truth + self.guesses)
        width = WIDE_TEXT_COLUMNS if wide else TEXT_COLUMNS
        rows = []
        text_label, guess_label = _row_label(self.tr("text")), _row_label(self.tr("guess"))
        for start in range(0, min(T, TEXT_SHOWN), width):
            stop = min(start + width, T, TEXT_SHOWN)
            text_cells = "".join(_cell(visible_char(truth[t])) for t in range(start, stop))
            guess_cells = "".join(
                _cell(visible_char(self.guesses[t]), wrong=self.wrong[t], faint=not self.wrong[t])
                for t in range(start, stop)
            )
            rows.append(f"<tr>{text_label}{text_cells}</tr>")
            rows.append(f"<tr>{guess_label}{guess_cells}</tr>")
            rows.append('<tr><td colspan="2" height="6"></td></tr>')
        table = '<table cellspacing="0" cellpadding="2">' + "".join(rows[:-1]) + "</table>"
        if table != self._probe_html:  # the guesses change slowly; laying out a table doesn't
            self._probe_html = table
            self.probe.setHtml(table)


# ============================================================================ the panel
class PredictionsPanel(Panel):
    """What the network answers on the probe sequence, decoded for the task at hand.

    ``reset`` picks the page for the task (``kind`` is one of ``KINDS``) and keeps
    the task to decode with; ``on_snapshot`` updates that page from the snapshot's
    probe and, for text tasks, its sample.
    """

    temperature_changed = Signal(float)  # the new sampling temperature (text tasks)
    sampling_requested = Signal(int, object)  # length, seed (None: the step's): write now

    title = QT_TRANSLATE_NOOP("Panel", "Predictions")
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>What the network answers for the probe sequence right now. Binary addition: "
        "the sum it writes bit by bit, wrong bits marked. Sequences of numbers: the target "
        "and the prediction over time. Copy: the symbols it recalls after the delay. "
        "Does it come again: the steps it marks. Text: a passage it writes one character "
        "at a time, drawn at the chosen temperature (low: safe and repetitive; high: "
        "adventurous and misspelt).</p>",
    )
    object_name = "predictions_panel"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel()
        self.header.setFont(_text_font())
        self.header.setStyleSheet(f"color: {FAINT};")
        self.placeholder = QLabel(self.tr("Build a run to see the network's predictions."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setFont(_text_font(1.1))
        self.binary_view = BinaryAdditionView()
        self.regression_view = RegressionView()
        self.copy_view = CopyView()
        self.marks_view = MarksView()
        self.text_view = TextView()
        self.text_view.temperature_changed.connect(self._on_temperature_changed)
        self.text_view.sampling_requested.connect(self._on_sampling_requested)
        self.temperature_spin = self.text_view.temperature
        self.views = {
            "none": self.placeholder,
            "binary": self.binary_view,
            "regression": self.regression_view,
            "copy": self.copy_view,
            "again": self.marks_view,
            "text": self.text_view,
        }
        self.stack = QStackedWidget()
        for kind in KINDS:
            self.stack.addWidget(self.views[kind])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.kind = "none"
        self.task: Task | None = None

    @Slot(float)
    def _on_temperature_changed(self, value: float) -> None:
        self.temperature_changed.emit(value)

    @Slot(int, object)
    def _on_sampling_requested(self, length: int, seed) -> None:
        self.sampling_requested.emit(length, seed)

    def temperature(self) -> float:
        """The sampling temperature the learner chose (it outlives ``reset``): give it to
        each new run's trainer and Control."""
        return self.temperature_spin.value()

    def set_sampling(self, length, seed) -> None:
        """Show ``length`` and ``seed`` (None: empty) in the fields, as a saved run had
        them; values out of their fields' bounds are left as the fields are."""
        view = self.text_view
        try:
            view.length.setValue(FIELDS["sample_length"].check("length", length))
        except ValueError:
            pass
        try:
            seed = None if seed is None else FIELDS["sample_seed"].check("seed", seed)
        except ValueError:
            return
        view.seed.setText("" if seed is None else str(seed))

    def sampling(self) -> tuple[int, int | None]:
        """The sample's length and seed the learner chose (they outlive ``reset``; a seed
        that is not an acceptable number counts as empty): give them to each new run."""
        chosen = self.text_view.sampling()
        return chosen if chosen is not None else (self.text_view.length.value(), None)

    @Slot(object, object)
    def reset(self, task: Task, config: TrainConfig) -> None:
        self.task = task
        self.kind = view_kind(task)
        view = self.views[self.kind]
        if self.kind == "none":
            self.placeholder.setText(
                self.tr("No prediction view for the task {task}.").format(task=task.title)
            )
        else:
            view.reset(task)
        self.stack.setCurrentWidget(view)
        self.header.setText(self.tr("The first held-out sequence, before training"))

    @Slot(object)
    def on_snapshot(self, snap: Snapshot) -> None:
        if self.kind == "none":
            return
        view = self.views[self.kind]
        if self.kind == "text":
            view.show_sample(snap.sample, getattr(snap, "sample_prompt", ""))
        if snap.probe is None:
            return
        self.header.setText(
            self.tr("The first held-out sequence, at step {step}").format(step=snap.step)
        )
        view.show_probe(snap.probe)
