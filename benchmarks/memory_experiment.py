"""The guided experiment "How far can an LSTM remember?", run exactly as the window runs
it (the same LagSweep in one process), timed: it must end within five minutes here.

    python benchmarks/memory_experiment.py

Prints every run (cell, lag, held-out loss, solved, step solved, seconds), the total
time and the outcome sentence the window shows.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # as the training process runs

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from lstm_studio.training.compare import LagSweep  # noqa: E402
from lstm_studio.ui.experiments import EXPERIMENTS  # noqa: E402

BAR_SECONDS = 300


def main() -> int:
    exp = next(e for e in EXPERIMENTS if e.key == "memory")
    sweep = LagSweep(exp.config, exp.cells, lags=exp.lags, steps=exp.config.steps)
    print(f"{exp.cells} at lags {exp.lags}, at most {exp.config.steps} steps a run\n")
    print(f"{'cell':<6}{'lag':>6}{'loss':>10}{'solved':>8}{'at step':>9}{'seconds':>9}")
    start = time.perf_counter()
    shown = 0
    last = None
    for snap in sweep.run():
        for r in snap.results[shown:]:
            print(
                f"{r.cell:<6}{r.lag:>6}{r.metric:>10.4f}{'yes' if r.solved else 'no':>8}"
                f"{r.solved_step if r.solved_step is not None else '-':>9}"
                f"{r.seconds:>9.1f}",
                flush=True,
            )
        shown = len(snap.results)
        last = snap
    total = time.perf_counter() - start
    choice, sentence = exp.outcome(last)
    verdict = "meets" if total <= BAR_SECONDS else "MISSES"
    print(f"\ntotal {total:.0f} s (bar {BAR_SECONDS} s): {verdict}")
    print(f"outcome: choice {choice} ({exp.choices[choice]})\n{sentence}")
    return 0 if total <= BAR_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
