"""How long an axis takes to lay out its ticks over a long run's range.

    python benchmarks/axes.py
    python benchmarks/axes.py --old-up-to 8000   # pyqtgraph's unbounded axis, larger N

Issue 14: after a long run, Reset then Step left the loss plot's step axis asking for
a tick every step over the old run's range (``setTickSpacing(1, 1)``); pyqtgraph then
compares every tick with every other (an N x N matrix) and labels all of them. This
times ``generateDrawSpecs`` (what a paint of the axis costs) of a 500-pixel axis over
0 .. N with a spacing of 1: pyqtgraph's own ``AxisItem`` (the old panels) for N up to
``--old-up-to`` (its memory grows as N^2: 8 N^2 bytes, 150 GiB at N = 141,682), and
this project's ``StepAxis`` for N up to 10^9. Bar: under 10 ms at any N.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import pyqtgraph as pg  # noqa: E402
from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from lstm_studio.ui.panels.axes import StepAxis  # noqa: E402

BAR_MS = 10.0


def layout_ms(axis: pg.AxisItem, n: int) -> tuple[float, int]:
    """Milliseconds to lay out ``axis`` over 0 .. n (best of 3), and its tick count."""
    plot = pg.PlotWidget(axisItems={"bottom": axis})
    plot.resize(560, 300)
    plot.show()
    QApplication.processEvents()
    plot.getPlotItem().getViewBox().setXRange(0, n, padding=0)
    axis.setTickSpacing(1, 1)
    image = QImage(600, 100, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        specs = axis.generateDrawSpecs(painter)
        best = min(best, time.perf_counter() - t0)
    painter.end()
    plot.close()
    return best * 1000, len(specs[1])


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--old-up-to", type=int, default=4000)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)  # noqa: F841
    print(f"{'axis':12} {'N':>12} {'layout':>12} {'ticks':>8}  verdict")
    print("-" * 56)
    for n in (1000, 2000, 4000, 8000, 16000):
        if n <= args.old_up_to:
            ms, ticks = layout_ms(pg.AxisItem("bottom"), n)
            print(f"{'pyqtgraph':12} {n:>12,} {ms:>9.1f} ms {ticks:>8}")
    for n in (1000, 25_000, 141_682, 10**6, 10**9):
        ms, ticks = layout_ms(StepAxis(), n)
        verdict = "meets" if ms < BAR_MS else "MISSES"
        print(f"{'StepAxis':12} {n:>12,} {ms:>9.1f} ms {ticks:>8}  {verdict} (< {BAR_MS:g} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
