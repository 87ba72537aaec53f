"""Does a long run's memory stay flat once its history is full?

    python benchmarks/history_memory.py [CAPACITY] [SECONDS]     # default 4096 90

Drives a Trainer as the training process does (a Driver, every snapshot pickled) with
``Trainer.history_capacity`` lowered to CAPACITY, until its step rows are full, then
prints the resident memory every 15 s for SECONDS. Before the evaluation rows were
bounded (issue 14) it grew about 2.7 MB a minute at 4,200 steps/s; now it stays flat.
Linux only (reads /proc/self/statm).
"""

from __future__ import annotations

import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lstm_studio.training import TrainConfig, Trainer  # noqa: E402
from lstm_studio.training.commands import Control, Resume  # noqa: E402
from lstm_studio.training.driver import Driver  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 1e6


def main() -> None:
    capacity = int(sys.argv[1]) if len(sys.argv) > 1 else 4096
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 90.0
    Trainer.history_capacity = capacity
    config = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=10**9)
    trainer = Trainer(config)
    control = Control()
    control.put(Resume())
    run = Driver(trainer, control, lambda *a: None, waiting=True).run()
    for snap in run:
        pickle.dumps(snap)
        if trainer.step > 3 * capacity:
            break
    start, first, step0, last = time.time(), rss_mb(), trainer.step, time.time()
    print(f"history full at step {trainer.step}: {first:.1f} MB")
    for snap in run:
        pickle.dumps(snap)
        now = time.time()
        if now - last >= 15:
            last = now
            rate = (trainer.step - step0) / (now - start)
            print(
                f"{now - start:4.0f} s  {rate:,.0f} steps/s  {rss_mb():.1f} MB "
                f"({rss_mb() - first:+.2f})  history {trainer.history.nbytes() / 1e6:.2f} MB"
            )
        if now - start > seconds:
            break


if __name__ == "__main__":
    main()
