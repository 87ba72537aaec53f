"""Plot axes whose ticks stay few whatever the range, the data or the zoom.

pyqtgraph asks an axis for the spacing of its tick levels and then builds every tick
of every level in the visible range, and compares each level's ticks with all the
coarser ones (an N x N matrix). A spacing fixed with ``setTickSpacing(1, 1)`` over a
range of 120,000 steps therefore asks for 2 x 120,000 ticks and a 120,000 x 120,000
matrix (150 GiB), and labels every one of them: the window froze, then crashed.
``BoundedAxis`` widens and drops levels before any tick is built, so an axis asks
for at most ``MAX_LABELS`` labelled ticks and ``MAX_TICKS`` ticks in all.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextOption

from .base import step_name

MAX_LABELS = 20  # ticks of the first level (pyqtgraph labels all of them) at most
MAX_TICKS = 60  # ticks of all levels together at most (pyqtgraph's own stay under it)
LABEL_PX = 20  # pixels of axis per first-level tick at least, so labels do not overlap
CHAR_GAP_PX = 4  # pixels between two characters' labels on a sequence axis
TITLE_OVERHANG_PX = 12  # a vertical axis' title wraps when longer than the axis by more
MAX_CHAR_TICKS = 400  # characters labelled at once at most (a last guard; they fit fewer)


def nice_at_least(x: float) -> float:
    """The smallest 1, 2 or 5 x 10^k that is at least ``x`` (> 0)."""
    k = math.floor(math.log10(x))
    for m in (1, 2, 5, 10):
        if m * 10.0**k >= x * (1 - 1e-12):
            return m * 10.0**k
    return 10.0 ** (k + 1)  # pragma: no cover - 10 >= any mantissa


def bounded_levels(
    levels: list[tuple[float, float]],
    lo: float,
    hi: float,
    size: float,
    label_px: float = LABEL_PX,
) -> list[tuple[float, float]]:
    """Tick levels ``[(spacing, offset), ...]`` (coarsest first) cut down to what an
    axis of ``size`` pixels showing ``lo .. hi`` can show: the first level widened (1,
    2, 5 x 10^k) until its ticks are ``label_px`` pixels apart at least (the room one
    label takes along the axis) and at most ``MAX_LABELS``, then the finer levels while
    all of them together stay within ``MAX_TICKS``."""
    lo, hi = sorted((lo, hi))
    span = hi - lo
    if not (math.isfinite(lo) and math.isfinite(hi) and math.isfinite(size)):
        return []
    label_px = max(float(label_px), 1.0)
    # the first level's ticks at least a label apart (so 0 and 0.5 on a 56-pixel plot,
    # where counting whole labels per axis left room for two ticks a span apart: 0 only),
    # and at most MAX_LABELS of them
    least = max(span / (MAX_LABELS - 1), span * label_px / size if size > 0 else span)
    out: list[tuple[float, float]] = []
    total = 0.0
    for spacing, offset in levels:
        if not (spacing > 0 and math.isfinite(spacing) and math.isfinite(offset)):
            break
        if not out and span > 0 and spacing < least * (1 - 1e-9):
            spacing = nice_at_least(least)
        n = span / spacing + 1
        if out and total + n > MAX_TICKS:
            break  # this level and the finer ones would crowd the axis
        out.append((spacing, offset))
        total += n
    return out


class BoundedAxis(pg.AxisItem):
    """A ``pg.AxisItem`` that asks for a bounded number of ticks (see the module);
    ``setTickSpacing`` still chooses the spacing while the range leaves room for it."""

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph's name
        if not (math.isfinite(minVal) and math.isfinite(maxVal) and size > 0):
            return []
        levels = super().tickSpacing(minVal, maxVal, size)
        return bounded_levels(levels, minVal, maxVal, size, self.label_px(minVal, maxVal, levels))

    def label_px(self, lo: float, hi: float, levels) -> float:
        """The room one label takes along the axis: its line height on a vertical axis
        (pyqtgraph's own spacing put six labels of 0 .. 1 on a 60-pixel plot, one over
        the other), the widest label of the range's ends on a horizontal one ("119995"
        takes 45 pixels, not 20)."""
        metrics = QFontMetricsF(self.style["tickFont"] or QFont())
        if self.orientation in ("left", "right"):
            return max(LABEL_PX, metrics.height() + CHAR_GAP_PX)
        finest = [s for s, _ in levels if s > 0 and math.isfinite(s)]
        if not finest:
            return LABEL_PX
        try:
            ends = self.tickStrings([lo, hi], self.scale, finest[-1])
        except (ValueError, OverflowError):  # pragma: no cover - a formatter's refusal
            return LABEL_PX
        widest = max((metrics.horizontalAdvance(t) for t in ends), default=0.0)
        return max(LABEL_PX, widest + 2 * CHAR_GAP_PX)

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph's name
        if not (math.isfinite(minVal) and math.isfinite(maxVal) and 0 < size < math.inf):
            return []
        return trim_ticks(super().tickValues(minVal, maxVal, size))

    def resizeEvent(self, ev=None):  # noqa: N802 - Qt's name
        if self.label is not None and self.orientation in ("left", "right"):
            self._fit_title(self.size().height())
        super().resizeEvent(ev)

    def setLabel(self, *args, **kwargs):  # noqa: N802 - pyqtgraph's name
        super().setLabel(*args, **kwargs)
        self.resizeEvent()  # a new title may be longer than the axis

    def _fit_title(self, length: float) -> None:
        """A vertical axis' title wraps onto a second line where it is longer than the
        axis: two plots 70 pixels high, one above the other, printed "weight norm" and
        "gradient norm" into each other (pyqtgraph centres the title and never cuts it)."""
        label = self.label
        label.setTextWidth(-1)
        room = length - 4
        # a few pixels past the axis' ends reach into the gap beside it, not into the
        # next title: "权重范数" on a 48-pixel axis stays whole
        wrapped = label.boundingRect().width() > length + TITLE_OVERHANG_PX and room > 20
        if wrapped:
            label.setTextWidth(room)
            option = label.document().defaultTextOption()
            option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            # between words only: "gradie / nt norm" reads worse than a word a little
            # longer than the axis
            option.setWrapMode(QTextOption.WrapMode.WordWrap)
            label.document().setDefaultTextOption(option)
        if wrapped != getattr(self, "_title_wrapped", False):
            self._title_wrapped = wrapped
            self._updateWidth()  # room for the second line beside the tick labels

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802 - pyqtgraph's name
        # pyqtgraph adds marks at 1 .. 9 of every decade when fewer than three levels are
        # a decade or more apart: 9 per decade, thousands over a diverged range
        if abs(maxVal - minVal) * 9 > MAX_TICKS:
            return [(s, t) for s, t in stdTicks if s >= 1.0]
        return super().logTickValues(minVal, maxVal, size, stdTicks)


def trim_ticks(ticks: list) -> list:
    """``[(spacing, values), ...]`` with at most ``MAX_LABELS`` values in the first level
    (every k-th) and ``MAX_TICKS`` in all (the finer levels dropped): a last guard."""
    out, total = [], 0
    for spacing, values in ticks:
        values = list(values)
        if not out and len(values) > MAX_LABELS:
            k = -(-len(values) // MAX_LABELS)
            values = values[::k]
            spacing = None if spacing is None else spacing * k
        if out and total + len(values) > MAX_TICKS:
            break
        out.append((spacing, values))
        total += len(values)
    return out


def tick_count(axis: pg.AxisItem, lo: float, hi: float, size: float) -> int:
    """How many ticks ``axis`` asks for over ``lo .. hi`` on ``size`` pixels (tests)."""
    return sum(len(np.atleast_1d(v)) for _, v in axis.tickValues(lo, hi, size))


class WholeAxis(BoundedAxis):
    """An axis of whole numbers (steps, positions): no tick at 0.5 or 1.5, however
    far it is zoomed in."""

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph's name
        levels = super().tickSpacing(minVal, maxVal, size)
        if self.logMode:
            return levels
        whole = [(s, o) for s, o in levels if s >= 1]
        if not whole and math.isfinite(minVal) and math.isfinite(maxVal) and size > 0:
            whole = [(1.0, 0.0)]
        return bounded_levels(whole, minVal, maxVal, size, self.label_px(minVal, maxVal, whole))


class StepAxis(WholeAxis):
    """A step axis: 200k, 1.5M rather than pyqtgraph's 1e+06 or "(x1e+06)"."""

    def __init__(self, orientation: str = "bottom", **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        if self.logMode or spacing is None or spacing * scale < 1:
            return super().tickStrings(values, scale, spacing)
        out = []
        for v in values:
            x = round(v * scale)
            if spacing * scale < 1000 or x == 0:
                out.append(str(x))
            elif abs(x) >= 1_000_000:
                out.append(f"{x / 1e6:g}M")
            else:
                out.append(f"{x / 1e3:g}k")
        return out


class LogAxis(BoundedAxis):
    """An axis whose log mode does not crowd its labels.

    Over a range of a few decades pyqtgraph puts every tick 1 .. 9 of each decade in
    one level, so all of them get a label and 0.7, 0.8, 0.9 print over each other.
    Here 1, 2 and 5 of each decade form the first level and the other marks a second
    one, which is labelled only when there is room for it.
    """

    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802 - pyqtgraph's name
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if len(ticks) != 1 or ticks[0][0] is not None:
            return ticks
        values = np.asarray(ticks[0][1], float)
        mantissa = np.rint(10 ** (values - np.floor(values)))  # 1 .. 10
        major = np.isin(mantissa, (1, 2, 5, 10))
        if major.sum() < 2:
            return ticks  # inside one decade: every mark, they are far apart
        return [(None, list(values[major])), (None, list(values[~major]))]

    def logTickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        # plain numbers where they are short (0.001 .. 10000), pyqtgraph's 10⁻⁵ beyond
        fancy = super().logTickStrings(values, scale, spacing)
        out = []
        for v, s in zip(values, fancy, strict=True):
            x = float(f"{10.0 ** float(v) * scale:.1g}")  # tick marks are 1, 2, .. 9 x 10^k
            out.append(f"{x:g}" if 1e-3 <= x < 1e4 else s)
        return out


class SequenceAxis(WholeAxis):
    """The probe's time axis: whole steps t, or, once given ``set_labels`` (a text task's
    ``Probe.labels``), the character read at each step.

    When every step's character fits side by side, each is labelled (``e ␣ c a t``);
    else every 2nd, 5th, 10th ... step of the range shown is, with its number
    (``50 'v'``), so zooming in labels the others. The hover readouts name the
    character at every step."""

    def __init__(self, orientation: str = "bottom", **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.labels: tuple[str, ...] | None = None
        self._dense_px = self._sparse_px = float(LABEL_PX)

    def set_labels(self, labels) -> None:
        """Name step t ``labels[t]``; None: number the steps."""
        labels = None if labels is None else tuple(labels)
        if labels == self.labels:
            return
        self.labels = labels
        if labels:
            metrics = QFontMetricsF(self.style["tickFont"] or QFont())
            widest = max(metrics.horizontalAdvance(s) for s in set(labels))
            self._dense_px = max(widest, 1.0) + CHAR_GAP_PX
            # "1999 'e'": the longest number, the quotes and the widest character
            number = metrics.horizontalAdvance(f"{len(labels) - 1} ''")
            self._sparse_px = number + widest + 2 * CHAR_GAP_PX
        self.picture = None  # drawn anew, as pyqtgraph's setTicks does
        self.update()

    def char_spacing(self, lo: float, hi: float, size: float) -> float:
        """Every how many steps a character is labelled over ``lo .. hi`` on ``size``
        pixels: 1 when all fit, else the 1, 2, 5 x 10^k that leaves room for each
        labelled step's number and character."""
        steps = max(abs(hi - lo), 1.0)  # a step is a unit wide: T of them span T
        if steps <= max(1, int(size // self._dense_px)):
            return 1.0
        return max(2.0, nice_at_least(steps / max(1, int(size // self._sparse_px))))

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph's name
        if not self.labels:
            return super().tickSpacing(minVal, maxVal, size)
        if not (math.isfinite(minVal) and math.isfinite(maxVal) and size > 0):
            return []
        return [(self.char_spacing(minVal, maxVal, size), 0.0)]

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph's name
        if not self.labels:
            return super().tickValues(minVal, maxVal, size)
        if not (math.isfinite(minVal) and math.isfinite(maxVal) and 0 < size < math.inf):
            return []
        lo, hi = sorted((minVal, maxVal))
        spacing = self.char_spacing(lo, hi, size)
        first = math.ceil(max(lo, 0.0) / spacing) * spacing
        last = min(math.floor(hi), len(self.labels) - 1)
        if first > last:
            return []
        values = np.arange(first, last + 0.5, spacing)[:MAX_CHAR_TICKS]  # whole steps
        return [(spacing, list(values))]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        if not self.labels:
            return super().tickStrings(values, scale, spacing)
        if spacing is not None and spacing > 1:  # a few steps: say which ones
            return [step_name(round(v), self.labels) if self.label_at(v) else "" for v in values]
        return [self.label_at(v) for v in values]

    def label_at(self, value: float) -> str:
        """The character at step ``value`` ("" between steps and off the sequence)."""
        t = round(value)
        if self.labels is None or abs(value - t) > 1e-6 or not 0 <= t < len(self.labels):
            return ""
        return self.labels[t]
