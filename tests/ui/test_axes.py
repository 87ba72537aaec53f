"""Plot axes ask for a bounded number of ticks whatever the range, the data or a fixed
spacing (issue 14: setTickSpacing(1, 1) over 141,682 steps asked pyqtgraph for a
141,682 x 141,682 matrix)."""

import math

import numpy as np
import pyqtgraph as pg
import pytest

from lstm_studio.ui.panels.axes import (
    MAX_LABELS,
    MAX_TICKS,
    BoundedAxis,
    LogAxis,
    StepAxis,
    WholeAxis,
    bounded_levels,
    nice_at_least,
    tick_count,
)

AXES = (BoundedAxis, WholeAxis, StepAxis, LogAxis)
RANGES = [
    (0, 1),
    (0, 10),
    (-0.5, 3.5),
    (0, 141_682),
    (-1e12, 1e12),
    (0, 1e-12),
    (5.0, 5.0),
    (-1e300, 1e300),
    (1e15, 1e15 + 1),
]


def _axis(cls, spacing):
    axis = cls("bottom")
    if spacing:
        axis.setTickSpacing(*spacing)
    return axis


@pytest.mark.parametrize("cls", AXES)
@pytest.mark.parametrize("spacing", [None, (1, 1), (1e-9, 1e-9)])
def test_ticks_are_bounded_whatever_the_range(qtbot, cls, spacing):
    axis = _axis(cls, spacing)
    for lo, hi in RANGES:
        for size in (0, 50, 400, 4000):
            levels = axis.tickSpacing(lo, hi, size)  # what pyqtgraph builds arrays from
            assert sum((hi - lo) / s + 1 for s, _ in levels) <= MAX_TICKS
            ticks = axis.tickValues(lo, hi, size)
            assert tick_count(axis, lo, hi, size) <= MAX_TICKS
            if ticks:
                assert len(ticks[0][1]) <= MAX_LABELS
                values = np.unique(np.asarray(ticks[0][1], float))  # 1e15 + 0.1: rounded
                if size > 0 and len(values) > 1 and hi > lo:  # room for each label
                    assert np.diff(values).min() * size / (hi - lo) >= 20 * (1 - 1e-9)


@pytest.mark.parametrize("cls", AXES)
@pytest.mark.parametrize("lo, hi", [(-300, 300), (-5, 0.5), (0, 1e6), (-0.01, 0.01)])
def test_log_mode_is_bounded_too(qtbot, cls, lo, hi):
    axis = cls("left")
    axis.setLogMode(False, True)
    assert tick_count(axis, lo, hi, 300) <= MAX_TICKS


@pytest.mark.parametrize("cls", AXES)
def test_no_range_asks_for_no_ticks(qtbot, cls):
    axis = _axis(cls, (1, 1))
    for lo, hi in ((math.nan, 1), (0, math.inf), (-math.inf, math.inf)):
        assert axis.tickValues(lo, hi, 400) == []


@pytest.mark.parametrize("cls", (WholeAxis, StepAxis))
@pytest.mark.parametrize("lo, hi", [(0, 1), (-0.4, 3.4), (0, 10), (-0.5, 11.5), (0, 7.3)])
def test_whole_axes_tick_whole_numbers(qtbot, cls, lo, hi):
    axis = cls("bottom")
    values = [v for _, level in axis.tickValues(lo, hi, 400) for v in level]
    assert values and all(float(v).is_integer() for v in values)
    assert {math.ceil(lo), math.floor(hi)} <= set(values)  # the ends of a short range


def test_a_short_range_keeps_pyqtgraphs_ticks(qtbot):
    # what pyqtgraph would draw stays as it was where it was already bounded
    import pyqtgraph as pg

    ours, theirs = BoundedAxis("bottom"), pg.AxisItem("bottom")
    for lo, hi in ((0, 1), (0, 25_000), (-3, 7.3)):
        assert ours.tickValues(lo, hi, 400)[0] == theirs.tickValues(lo, hi, 400)[0]


def test_step_axis_labels(qtbot):
    axis = StepAxis()
    assert axis.tickStrings([0, 200_000, 1_500_000], 1, 100_000) == ["0", "200k", "1.5M"]
    assert axis.tickStrings([0, 5, 10], 1, 5) == ["0", "5", "10"]


def test_nice_spacing():
    assert [nice_at_least(x) for x in (0.3, 1, 1.2, 2.5, 7, 10, 11)] == [
        0.5,
        1,
        2,
        5,
        10,
        10,
        20,
    ]
    levels = bounded_levels([(1, 0), (1, 0)], 0, 141_682, 400)
    assert levels[0][0] >= 141_682 / (MAX_LABELS - 1)
    assert np.isclose(levels[0][0], nice_at_least(levels[0][0]))


@pytest.mark.parametrize("cls", [StepAxis, BoundedAxis])
@pytest.mark.parametrize("width", [160, 260, 430])
@pytest.mark.parametrize(
    "lo, hi", [(0, 1), (0, 12), (119_990, 120_010), (0, 123_456), (1_234_500, 1_234_560)]
)
def test_horizontal_labels_never_overlap(qtbot, cls, width, lo, hi):
    # issue 19: labels wider than the 20 pixels a tick was given printed over each other
    from panel_helpers import overlapping_labels

    widget = pg.PlotWidget(axisItems={"bottom": cls("bottom"), "left": cls("left")})
    qtbot.addWidget(widget)
    widget.resize(width, 120)
    widget.setXRange(lo, hi, padding=0)
    widget.setYRange(lo, hi, padding=0)
    widget.show()
    widget.grab()
    for name in ("bottom", "left"):
        assert overlapping_labels(widget.getPlotItem().getAxis(name)) == []


@pytest.mark.parametrize("height", [56, 70, 90, 120])
def test_a_short_plot_labels_two_ticks_at_least(qtbot, height):
    # a loss plot 56 pixels high at 1280x800 labelled 0 alone (room for two ticks a
    # whole span apart), then 0 .. 1 in 0.2 steps one over the other
    from panel_helpers import drawn_labels, overlapping_labels

    widget = pg.PlotWidget(axisItems={"left": BoundedAxis("left")})
    qtbot.addWidget(widget)
    widget.setYRange(-0.09, 0.78, padding=0)
    widget.show()
    widget.resize(300, 300)
    axis = widget.getPlotItem().getAxis("left")
    widget.resize(300, round(300 - axis.geometry().height() + height))
    widget.grab()
    assert abs(axis.geometry().height() - height) < 2
    assert len(drawn_labels(axis)) >= 2
    assert overlapping_labels(axis) == []
