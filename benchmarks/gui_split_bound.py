"""What a process split would give the window (an upper bound, for the next step).

    python benchmarks/gui_split_bound.py

The same workload as gui_responsiveness.py (LSTM H=64, B=32, T=50), but the window
is fed 200 recorded snapshots at ~17 per second by a GUI timer while a separate
process trains headless: no GIL is shared. Prints the training rate alone and next
to the window, and the 10 ms GUI timer's p50, p95 and max.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["OPENBLAS_NUM_THREADS"] = "1"
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from lstm_studio.training import TrainConfig, Trainer  # noqa: E402

SECONDS = 8.0
CONFIG = TrainConfig.from_preset(
    "adding", task_params={"steps": 50}, cell="lstm", hidden_size=64, batch_size=32, steps=10**9
)


def headless_rate() -> float:
    trainer = Trainer(CONFIG)
    t0 = time.perf_counter()
    for _snap in trainer.run():
        if time.perf_counter() - t0 > SECONDS:
            break
    return trainer.step / (time.perf_counter() - t0)


def main() -> int:
    if sys.argv[1:] == ["--child"]:
        print(f"{headless_rate():.1f}")
        return 0
    alone = headless_rate()
    snaps = []
    for snap in Trainer(CONFIG).run():
        snaps.append(snap)
        if len(snaps) >= 200:
            break

    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from lstm_studio.ui.main_window import MainWindow

    app = QApplication([])
    folder = tempfile.mkdtemp()
    settings = QSettings(os.path.join(folder, "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", CONFIG.to_json())
    window = MainWindow(settings=settings)
    window.resize(1280, 800)
    window.show()
    child = subprocess.Popen(
        [sys.executable, __file__, "--child"], stdout=subprocess.PIPE, text=True
    )
    fed, intervals, clock = [0], [], QElapsedTimer()

    def feed():
        window._on_snapshot(snaps[fed[0] % len(snaps)])
        fed[0] += 1

    def tick():
        if clock.isValid():
            intervals.append(clock.nsecsElapsed() / 1e6)
        clock.restart()

    feeder, ticker = QTimer(), QTimer()
    feeder.timeout.connect(feed)
    ticker.timeout.connect(tick)
    feeder.start(58)
    ticker.start(10)
    QTimer.singleShot(int(SECONDS * 1000), app.quit)
    app.exec()
    beside = float(child.communicate()[0])
    iv = np.array(intervals[1:])
    print(f"training alone            {alone:8.0f} steps/s")
    print(f"training beside the window {beside:7.0f} steps/s ({100 * beside / alone:.0f} %)")
    print(f"snapshots shown           {fed[0] / SECONDS:8.1f} /s")
    print(
        f"GUI 10 ms timer           p50 {np.percentile(iv, 50):.1f} ms, "
        f"p95 {np.percentile(iv, 95):.1f} ms, max {iv.max():.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
