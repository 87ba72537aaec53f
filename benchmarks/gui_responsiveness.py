"""Does the window stay responsive while it trains?

    python benchmarks/gui_responsiveness.py            # 10 s of training, offscreen
    python benchmarks/gui_responsiveness.py --seconds 5
    python benchmarks/gui_responsiveness.py --length 2000 --seconds 30   # long sequences
    python benchmarks/gui_responsiveness.py --csv-columns 100000   # a wide CSV
    python benchmarks/gui_responsiveness.py --csv-columns 80 --csv-rows 280000  # 45 MB

With ``--csv-columns N`` it measures instead the longest block of the GUI event loop
while the window builds a model for a CSV of N columns (your own data; 8 rows of
one-digit numbers, steps=2: 1.6 MB at 100,000 columns) and trains it for
``--seconds``: the build is what a click on Build does, in the running event loop.
``--csv-rows`` makes it a long file instead (80 columns and 280,000 rows: 45 MB, a
legitimate large data file, which the window reads in a thread); the longest block
*during the build* (from the click to the first snapshot of the new model) is printed
too.

Runs the real main window (offscreen unless QT_QPA_PLATFORM says otherwise)
training an LSTM (H=64, B=32, T=50: the adding problem with 50 steps) for a
while, with a 10 ms timer in the GUI thread, and prints: the timer's interval
p50, p95 and max; snapshots and repaints per second; the training steps per
second (the window trains in its child process) against the headless loop (the
same generator, the same snapshots, consumed by a plain for loop) timed by this
script right after; and the time from building the window to its first painted
frame, and to the first frame that shows the model (its first snapshot comes from
the training process). ``--length T`` trains the adding problem with T steps
instead (a snapshot of it carries every step of the probe sequence), and the table
adds each panel's longest ``on_snapshot``: the GUI thread's longest stretch on one
snapshot.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from lstm_studio.training import TrainConfig, Trainer  # noqa: E402

BARS = {
    "p95_ms": 20.0,
    "max_ms": 50.0,
    "snapshots_per_s": 15.0,
    "throughput": 0.85,
    "first_frame_s": 1.5,
}
CONFIG = TrainConfig.from_preset(
    "adding",
    task_params={"steps": 50},
    cell="lstm",
    hidden_size=64,
    batch_size=32,
    steps=10**9,
)


class PaintCounter(QObject):
    """Counts paint events of the widgets it watches; remembers the first, and the first
    after ``ready()`` says true (the window has its model's first snapshot)."""

    def __init__(self, ready) -> None:
        super().__init__()
        self.count = 0
        self.first: float | None = None
        self.first_model: float | None = None
        self.ready = ready

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            now = time.perf_counter()
            if self.first is None:
                self.first = now
            if self.first_model is None and self.ready():
                self.first_model = now
        return False


def headless(seconds: float, config: TrainConfig = CONFIG) -> float:
    """Steps per second of the same generator without a window."""
    trainer = Trainer(config)
    t0 = time.perf_counter()
    for _snap in trainer.run():
        if time.perf_counter() - t0 >= seconds:
            break
    return trainer.step / (time.perf_counter() - t0)


def windowed(seconds: float, config: TrainConfig = CONFIG) -> dict:
    from lstm_studio.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    folder = tempfile.mkdtemp()
    settings = QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", config.to_json())
    holder = {}
    # the model's first snapshot has reached the window (the training process sends it)
    painter = PaintCounter(lambda: getattr(holder.get("w") and holder["w"].session, "last", None))
    t_build = time.perf_counter()
    window = MainWindow(settings=settings)
    holder["w"] = window
    window.installEventFilter(painter)
    for panel in window.panels:
        for w in [panel, *panel.findChildren(QObject)]:
            if hasattr(w, "viewport"):
                w.viewport().installEventFilter(painter)
    window.show()
    panel_ms: dict[str, list[float]] = {}  # each panel's on_snapshot durations
    for panel in window.panels:
        panel.on_snapshot = _timed(panel.on_snapshot, panel_ms.setdefault(type(panel).__name__, []))

    snaps = []
    window.session.snapshot.connect(lambda s: snaps.append((time.perf_counter(), s.step)))
    first_step = 0
    intervals = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(10)

    def tick():
        if clock.isValid():
            intervals.append(clock.nsecsElapsed() / 1e6)
        clock.restart()

    timer.timeout.connect(tick)
    first_frame = None

    first_model_frame = None

    def start():
        nonlocal first_frame, first_model_frame
        if painter.first_model is None and window.session.last is None:
            QTimer.singleShot(20, start)  # the first snapshot is not there yet
            return
        first_frame = (painter.first or time.perf_counter()) - t_build
        first_model_frame = (painter.first_model or time.perf_counter()) - t_build
        painter.count = 0
        snaps.clear()
        timer.start()
        window.train_action.trigger()
        QTimer.singleShot(int(seconds * 1000), finish)

    def finish():
        timer.stop()  # closing the window is not part of the measure
        app.quit()

    QTimer.singleShot(200, start)  # let the first frame paint
    app.exec()
    took = seconds
    timer.stop()
    step = snaps[-1][1] - first_step  # app.quit() closes the window, which ends the session
    window.close()
    iv = np.array(intervals[1:])
    if os.environ.get("GUI_BENCH_DEBUG"):  # when, in seconds, each tick over 30 ms came
        at = np.cumsum(iv) / 1000
        slow = np.flatnonzero(iv > 30)
        print("ticks over 30 ms:", [f"{at[k]:.2f} s: {iv[k]:.0f} ms" for k in slow])
    return {
        "p50_ms": float(np.percentile(iv, 50)),
        "p95_ms": float(np.percentile(iv, 95)),
        "max_ms": float(iv.max()),
        "snapshots_per_s": len(snaps) / took,
        "repaints_per_s": painter.count / took,
        "steps_per_s": step / took,
        "first_frame_s": first_frame,
        "first_model_frame_s": first_model_frame,
        "panel_max_ms": {k: max(v[1:], default=math.nan) for k, v in panel_ms.items()},
    }


def _timed(fn, times: list):
    """``fn``, appending the milliseconds each call takes to ``times``."""

    def timed(*args):
        t0 = time.perf_counter()
        try:
            return fn(*args)
        finally:
            times.append((time.perf_counter() - t0) * 1e3)

    return timed


def write_csv(folder: str, columns: int, rows: int = 8) -> str:
    """A CSV of ``columns`` columns of one-digit numbers (a header, then ``rows`` rows)."""
    rng = np.random.default_rng(0)
    path = os.path.join(folder, f"wide{columns}.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(f"c{j}" for j in range(columns)) + "\n")
        for _ in range(rows):
            f.write(",".join(map(str, rng.integers(0, 10, columns))) + "\n")
    return path


def wide_csv(columns: int, seconds: float, rows: int = 8) -> dict:
    """The longest GUI block while a model of a ``columns``-column CSV is built (from a
    running window) and trained for ``seconds``; the build to its first snapshot."""
    from lstm_studio.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    folder = tempfile.mkdtemp()
    csv = TrainConfig.from_preset(
        "own-data", task_params={"path": write_csv(folder, columns, rows), "steps": 2}, steps=10**9
    )
    settings = QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", CONFIG.to_json())
    window = MainWindow(settings=settings)
    window.show()
    intervals, snaps, marks = [], [], {}
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(10)

    def tick():
        if clock.isValid():
            intervals.append(clock.nsecsElapsed() / 1e6)
        clock.restart()

    timer.timeout.connect(tick)

    def build():
        marks["build"] = time.perf_counter()
        marks["build_tick"] = len(intervals)
        if not window._new_session(csv):
            raise SystemExit("the window refused the CSV")
        built()

    def built():  # the file may be read in a thread: the new session comes later
        if window.session.config.task != "own-data":
            if not getattr(getattr(window, "builder", None), "busy", False):
                raise SystemExit("the window refused the CSV")
            QTimer.singleShot(5, built)
            return
        marks["built_tick"] = len(intervals)
        window.session.snapshot.connect(on_snapshot)

    def on_snapshot(snap):
        snaps.append((time.perf_counter(), snap.step))
        if "first" not in marks:
            marks["first"] = time.perf_counter()
            marks["first_tick"] = len(intervals)
            QTimer.singleShot(0, window.train_action.trigger)
            QTimer.singleShot(int(seconds * 1000), finish)

    def finish():
        timer.stop()
        app.quit()

    def start():
        if window.session.last is None:
            QTimer.singleShot(20, start)  # the first model's snapshot is not there yet
            return
        timer.start()
        QTimer.singleShot(100, build)

    QTimer.singleShot(200, start)
    app.exec()
    timer.stop()
    window.close()
    iv = np.array(intervals[1:])
    during = np.array(intervals[marks["build_tick"] : marks["first_tick"] + 1])
    reading = np.array(intervals[marks["build_tick"] : marks["built_tick"] + 1])
    trained = [step for t, step in snaps if t >= marks["first"]]
    return {
        "max_ms": float(iv.max()),
        "p95_ms": float(np.percentile(iv, 95)),
        "build_max_ms": float(during.max()) if during.size else float("nan"),
        "read_max_ms": float(reading.max()) if reading.size else float("nan"),
        "csv_mb": os.path.getsize(csv.task_params["path"]) / 1e6,
        "build_to_first_snapshot_s": marks["first"] - marks["build"],
        "steps": trained[-1] - trained[0] if trained else 0,
    }


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--csv-columns", type=int, default=0, help="measure a CSV this wide")
    ap.add_argument("--csv-rows", type=int, default=8, help="and this long (a large file)")
    ap.add_argument("--length", type=int, default=50, help="the adding problem's T")
    args = ap.parse_args()
    config = CONFIG.replace(task_params={"steps": args.length})
    if args.csv_columns:
        r = wide_csv(args.csv_columns, args.seconds, args.csv_rows)
        print(
            f"CSV of {args.csv_columns:,} columns, {args.csv_rows:,} rows "
            f"({r['csv_mb']:.1f} MB), built in the running window, trained "
            f"{args.seconds:g} s, {os.environ.get('QT_QPA_PLATFORM')} platform\n"
        )
        print(f"longest GUI block (10 ms timer)  {r['max_ms']:10.0f} ms  (bar <= 50 ms)")
        print(f"longest GUI block while building {r['build_max_ms']:10.0f} ms  (bar <= 100 ms)")
        print(f"  of which while reading the file {r['read_max_ms']:9.0f} ms")
        print(f"GUI timer interval p95           {r['p95_ms']:10.1f} ms")
        print(f"Build to first snapshot          {r['build_to_first_snapshot_s']:10.2f} s")
        print(f"training steps in {args.seconds:g} s          {r['steps']:10d}")
        return 0
    gui = windowed(args.seconds, config)
    base = headless(args.seconds, config)
    ratio = gui["steps_per_s"] / base
    rows = [
        ("GUI timer interval p50 (10 ms timer)", f"{gui['p50_ms']:.1f} ms", "", ""),
        ("GUI timer interval p95", f"{gui['p95_ms']:.1f} ms", "<= 20 ms", gui["p95_ms"] <= 20),
        ("GUI timer interval max", f"{gui['max_ms']:.1f} ms", "<= 50 ms", gui["max_ms"] <= 50),
        (
            "snapshots per second",
            f"{gui['snapshots_per_s']:.1f}",
            ">= 15",
            gui["snapshots_per_s"] >= 15,
        ),
        ("repaints per second (all panels)", f"{gui['repaints_per_s']:.0f}", "", ""),
        ("training steps/s in the window", f"{gui['steps_per_s']:.0f}", "", ""),
        ("training steps/s headless (same loop)", f"{base:.0f}", "", ""),
        ("window / headless", f"{100 * ratio:.0f} %", ">= 85 %", ratio >= 0.85),
        (
            "build to first painted frame",
            f"{gui['first_frame_s']:.2f} s",
            "<= 1.5 s",
            gui["first_frame_s"] <= 1.5,
        ),
        (
            "build to first frame of the model",
            f"{gui['first_model_frame_s']:.2f} s",
            "<= 1.5 s",
            gui["first_model_frame_s"] <= 1.5,
        ),
    ]
    print(
        f"LSTM H=64, B=32, T={args.length} (adding), {args.seconds:g} s, "
        f"{os.environ.get('QT_QPA_PLATFORM')} platform, 1 BLAS thread\n"
    )
    print(f"{'measure':40} {'value':>10}  {'bar':>9}  verdict")
    print("-" * 72)
    for name, value, bar, ok in rows:
        verdict = "" if bar == "" else ("meets" if ok else "MISSES")
        print(f"{name:40} {value:>10}  {bar:>9}  {verdict}")
    shown = {k: v for k, v in gui["panel_max_ms"].items() if not math.isnan(v)}
    for name, ms in sorted(shown.items(), key=lambda kv: -kv[1]):
        verdict = "meets" if ms <= 50 else "MISSES"
        print(f"{'longest on_snapshot, ' + name:40} {ms:>7.1f} ms  {'<= 50 ms':>9}  {verdict}")
    hidden = sorted(set(gui["panel_max_ms"]) - set(shown))
    print(f"(behind a tab, so fed no snapshot: {', '.join(hidden) or 'none'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
