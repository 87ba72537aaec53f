"""Wall time to "solved" for every task's preset, and the binary adder against the seed's way.

    python benchmarks/tasks.py             # every task (about a minute)
    python benchmarks/tasks.py --repeat 5  # medians of more runs
    python benchmarks/tasks.py --tasks binary-addition adding

Each run is timed from building the trainer (task, held-out set, model, first
evaluation) to the evaluation that meets the task's criterion, with
``stop_when_solved`` and no probe snapshots, on one BLAS thread.

The reference for binary addition is the seed article's method, written here
from its description: a plain RNN (16 sigmoid units, no biases, weights uniform
in [-1, 1)), one sample per update with learning rate 0.1, 8-bit sums of two
numbers below 128, trained until it gets 200 sums in a row right. Both are timed
in this process, side by side, and the table gives the ratio.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lstm_studio.tasks import TASKS  # noqa: E402
from lstm_studio.training import TrainConfig, Trainer  # noqa: E402

ADDER_BAR = 10.0  # ours must reach 100 % on the held-out sums this many times faster


def seed_style_adder(seed: int = 0, streak: int = 200, max_samples: int = 100_000):
    """The seed's binary adder, one sample at a time; returns (samples, seconds) to
    the first ``streak`` correct sums in a row."""
    rs = np.random.RandomState(seed)
    bits, H, lr = 8, 16, 0.1
    sig = lambda z: 1.0 / (1.0 + np.exp(-z))  # noqa: E731
    W_in = 2 * rs.random_sample((2, H)) - 1
    W_out = 2 * rs.random_sample((H, 1)) - 1
    W_hh = 2 * rs.random_sample((H, H)) - 1
    row = 2 ** np.arange(bits)
    run = 0
    t0 = time.perf_counter()
    for n in range(1, max_samples + 1):
        a, b = rs.randint(128), rs.randint(128)
        c = a + b
        ab = np.array([[(a >> k) & 1, (b >> k) & 1] for k in range(bits)], float)
        cb = np.array([(c >> k) & 1 for k in range(bits)], float)
        hs = [np.zeros((1, H))]
        d_out, guess = [], np.zeros(bits)
        for k in range(bits):  # forward, least significant bit first
            h = sig(ab[k : k + 1] @ W_in + hs[-1] @ W_hh)
            y = sig(h @ W_out)
            d_out.append((cb[k] - y) * y * (1 - y))
            guess[k] = np.round(y[0, 0])
            hs.append(h)
        g_in, g_out, g_hh = np.zeros_like(W_in), np.zeros_like(W_out), np.zeros_like(W_hh)
        d_next = np.zeros((1, H))
        for k in reversed(range(bits)):  # backpropagation through time
            h, h_prev = hs[k + 1], hs[k]
            d_h = (d_next @ W_hh.T + d_out[k] @ W_out.T) * h * (1 - h)
            g_out += h.T @ d_out[k]
            g_hh += h_prev.T @ d_h
            g_in += ab[k : k + 1].T @ d_h
            d_next = d_h
        W_in += lr * g_in
        W_out += lr * g_out
        W_hh += lr * g_hh
        run = run + 1 if int(guess @ row) == c else 0
        if run >= streak:
            return n, time.perf_counter() - t0
    return max_samples, float("nan")


def time_to_solved(config: TrainConfig):
    t0 = time.perf_counter()
    trainer = Trainer(config)
    last = None
    for snap in trainer.run(probes=False):
        last = snap
    return time.perf_counter() - t0, last, trainer


def own_data_csv(folder: Path) -> str:
    t = np.arange(2000)
    rng = np.random.default_rng(0)
    a = np.sin(0.3 * t) + 0.02 * rng.standard_normal(len(t))
    b = np.sin(0.3 * t + 1.0) * np.cos(0.05 * t)
    path = folder / "waves.csv"
    path.write_text(
        "a,b\n" + "\n".join(f"{u:.5f},{v:.5f}" for u, v in zip(a, b, strict=True)) + "\n"
    )
    return str(path)


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--tasks", nargs="+", default=list(TASKS))
    ap.add_argument("--repeat", type=int, default=3, help="runs per task (the median is shown)")
    args = ap.parse_args()

    print(f"numpy {np.__version__}, 1 BLAS thread; median of {args.repeat} runs per row\n")
    head = f"{'task':16} {'preset':34} {'solved':>6} {'steps':>6} {'wall s':>8}  metric"
    print(head)
    print("-" * len(head))
    ours_adder = None
    with tempfile.TemporaryDirectory() as tmp:
        extra = {"own-data": {"path": own_data_csv(Path(tmp))}}
        runs = [(name, {}) for name in args.tasks]
        if "text" in args.tasks:
            runs.insert(runs.index(("text", {})) + 1, ("text", {"corpus": "chinese"}))
        for name, params in runs:
            params = {**extra.get(name, {}), **params}
            cfg = TrainConfig.from_preset(name, stop_when_solved=True, task_params=params)
            results = [time_to_solved(cfg) for _ in range(args.repeat)]
            wall = statistics.median(r[0] for r in results)
            _, last, trainer = results[0]
            metric = trainer.task.primary_metric
            label = name + ("" if not params or name == "own-data" else f" ({params['corpus']})")
            preset = (
                f"{cfg.cell} H={cfg.hidden_size} {cfg.optimizer} lr={cfg.lr:g} B={cfg.batch_size}"
            )
            print(
                f"{label:16} {preset:34} {'yes' if last.status == 'solved' else 'NO':>6} "
                f"{last.step:>6} {wall:>8.3f}  {metric} {last.metrics[metric]:.4g}",
                flush=True,
            )
            if name == "binary-addition":
                ours_adder = (wall, last)

    if ours_adder is not None:
        print("\nbinary addition: the seed's way (plain RNN, one sample per update) vs our preset")
        ref = [seed_style_adder(seed) for seed in range(args.repeat)]
        ref_wall = statistics.median(r[1] for r in ref)
        ref_n = statistics.median(r[0] for r in ref)
        wall, last = ours_adder
        ratio = ref_wall / wall
        print(f"  seed's way: 200 sums in a row right after {ref_n:,.0f} samples, {ref_wall:.3f} s")
        print(
            f"  LSTM Studio: 100 % of the {2048:,} held-out sums right after {last.step} steps "
            f"({last.step * TrainConfig.from_preset('binary-addition').batch_size:,} samples), "
            f"{wall:.3f} s"
        )
        verdict = "meets" if ratio >= ADDER_BAR else "MISSES"
        print(f"  {ratio:.1f}x faster (bar {ADDER_BAR:g}x): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
