"""Engine speed: ms per training step (forward, loss, backward) against torch.nn.

    python benchmarks/engine.py               # the whole grid (a few minutes)
    python benchmarks/engine.py --quick       # a smaller grid
    python benchmarks/engine.py --cells lstm --dtypes float32
    python benchmarks/engine.py --long        # long sequences: T = 100 .. 4000
    python benchmarks/engine.py --bidirectional   # both ways: vs one way, vs torch

Workload (as in ../shared/PERFORMANCE.md): input size 8, one recurrent layer, a
linear head on every step (output size 1), mean-squared error; one step is the
forward pass over T steps, the loss and the full backward pass (no optimizer).
Everything runs on one thread. When PyTorch is installed, torch.nn.{RNN,LSTM,GRU}
+ Linear is timed in the same process, interleaved with ours, on the same weights
and data, and the table shows our time / PyTorch's time. Peephole and CIFG have
no torch.nn counterpart: they are compared with our own LSTM.

Times are medians of calls timed in alternating blocks (see ``measure``); the
machines are shared and noisy, so compare ratios measured side by side, not
milliseconds from different runs.
"""

from __future__ import annotations

import os

# one thread for every BLAS and for torch, before numpy is imported
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import math  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lstm_studio.engine import SequenceModel, subnormal  # noqa: E402

try:
    import torch

    torch.set_num_threads(1)
except ImportError:  # the comparison column is left out
    torch = None

D, O = 8, 1
BARS = {  # geometric mean of ours / torch's over the grid must stay at or below these
    ("lstm", "float32"): 0.9,
    ("gru", "float32"): 0.35,
    ("rnn", "float32"): 0.35,
    ("lstm", "float64"): 0.4,
    ("gru", "float64"): 0.4,
    ("rnn", "float64"): 0.4,
}
VARIANT_BAR = 1.3  # peephole and cifg: at most this many times our lstm
TORCH_CLASSES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}


def _torch_step(cell, model, x, target, dtype, last_only=False):
    tdt = torch.float32 if dtype == "float32" else torch.float64
    rnn = getattr(torch.nn, TORCH_CLASSES[cell])(
        D, model.hidden_size, 1, bidirectional=model.bidirectional
    ).to(tdt)
    head = torch.nn.Linear(model.top_size, O).to(tdt)
    sd = model.state_dict()
    with torch.no_grad():
        for name, p in rnn.named_parameters():
            p.copy_(torch.from_numpy(sd["rnn." + name]))
        for name, p in head.named_parameters():
            p.copy_(torch.from_numpy(sd["head." + name]))
    params = list(rnn.parameters()) + list(head.parameters())
    xt, tt = torch.from_numpy(x), torch.from_numpy(target)

    def step():
        for p in params:
            p.grad = None
        out, _ = rnn(xt)
        if last_only:
            out, tgt = out[-1:], tt[-1:]
        else:
            tgt = tt
        loss = torch.nn.functional.mse_loss(head(out), tgt)
        loss.backward()
        return loss.item()

    return step


def measure(fns, budget: float, block: float = 0.02, min_rounds: int = 3):
    """Median seconds per call of each function, measured side by side.

    The functions take turns in blocks of calls (~``block`` seconds each, the
    first call of a block not timed) rather than call by call: alternating
    single calls lets each library evict the other's code and data from the
    caches, which doubled our small-size times and is not how either runs in a
    training loop. Blocks still alternate, so drift of the shared machine hits
    both sides alike.
    """
    per_call = []
    for fn in fns:  # warm up (allocations, oneDNN primitive creation) and size the blocks
        t0 = time.perf_counter()
        fn()
        fn()
        per_call.append(max((time.perf_counter() - t0) / 2, 1e-6))
    calls = [max(1, min(50, int(block / t))) for t in per_call]
    times = [[] for _ in fns]
    start = time.perf_counter()
    rounds = 0
    while rounds < min_rounds or time.perf_counter() - start < budget:
        for k, fn in enumerate(fns):
            fn()  # the block's first call warms this side's caches back up
            for _ in range(calls[k]):
                t0 = time.perf_counter()
                fn()
                times[k].append(time.perf_counter() - t0)
        rounds += 1
    return [statistics.median(t) for t in times]


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values))


LONG_STEPS = (100, 250, 500, 1000, 2000, 4000)
LONG_BARS = {"per_step": 1.3, ("lstm", "float32", 1000): 0.5}  # the two bars


def _long_case(cell, dtype, T, H=64, B=64):
    rng = np.random.default_rng(0)
    model = SequenceModel(cell, D, H, O, 1, seed=0, dtype=dtype)
    x = rng.standard_normal((T, B, D)).astype(dtype)
    target = rng.standard_normal((T, B, O)).astype(dtype)
    mask = np.zeros(T)
    mask[-1] = 1  # the loss at the last step: the gradient must travel back all T steps

    def ours():
        return model.loss_and_gradients(x, target, "mse", mask)[0]

    return model, x, target, ours


def long_sequences(args) -> int:
    """ms per training step at T = 100 .. 4000, the cost per step against T = 100's, and
    against PyTorch; then the two ways of keeping off subnormal numbers, side by side."""
    print(f"numpy {np.__version__}; torch {torch.__version__ if torch else 'not installed'}")
    print(f"subnormal numbers: mode {subnormal.MODE!r}, processor flush-to-zero", end=" ")
    print("available" if subnormal.hardware_available() else "NOT available (loop flush)")
    print(f"workload: D={D}, H=64, B=64, one layer, loss at the last step only, 1 thread\n")
    header = (
        f"{'cell':<9}{'dtype':<9}{'T':>6}{'ours ms':>11}{'us/step':>9}{'vs T=100':>10}"
        f"{'torch ms':>11}{'vs torch':>10}"
    )
    print(header)
    print("-" * len(header))
    ok = True
    for dtype in args.dtypes:
        for cell in args.cells:
            base = None
            for T in args.long_steps:
                model, x, target, ours = _long_case(cell, dtype, T)
                if cell in TORCH_CLASSES and torch is not None:
                    step = _torch_step(cell, model, x, target, dtype, last_only=True)
                    t_ours, t_ref = measure([ours, step], args.budget)
                else:
                    (t_ours,) = measure([ours], args.budget)
                    t_ref = None
                per = t_ours / T
                base = per if base is None else base
                growth = per / base
                ok &= growth <= LONG_BARS["per_step"]
                vs = t_ours / t_ref if t_ref else None
                bar = LONG_BARS.get((cell, dtype, T))
                if bar is not None and vs is not None:
                    ok &= vs <= bar
                print(
                    f"{cell:<9}{dtype:<9}{T:>6}{t_ours * 1e3:>11.1f}{per * 1e6:>9.1f}"
                    f"{growth:>10.2f}{(t_ref * 1e3 if t_ref else float('nan')):>11.1f}"
                    f"{(vs if vs else float('nan')):>10.2f}"
                    + (f"  (bar {bar})" if bar is not None else ""),
                    flush=True,
                )
    print(f"\nbars: cost per step at most {LONG_BARS['per_step']}x that at T = 100;", end=" ")
    print(f"LSTM float32 at T = 1000 at most {LONG_BARS[('lstm', 'float32', 1000)]}x torch")

    print("\nsubnormal flushing, side by side: us per step (ratio to 'hardware')")
    modes = ("off", "loop", "hardware") if subnormal.hardware_available() else ("off", "loop")
    header = f"{'cell':<9}{'dtype':<9}{'T':>6}" + "".join(f"{m:>16}" for m in modes)
    print(header)
    print("-" * len(header))
    saved = subnormal.MODE
    try:
        for dtype in args.dtypes:
            for cell in args.cells:
                for T in (100, 1000, 4000):
                    _, _, _, ours = _long_case(cell, dtype, T)

                    def in_mode(mode, ours=ours):
                        def run():
                            subnormal.MODE = mode
                            return ours()

                        return run

                    times = measure([in_mode(m) for m in modes], args.budget)
                    last = times[-1]
                    cols = "".join(f"{t / T * 1e6:>9.1f} ({t / last:4.2f})" for t in times)
                    print(f"{cell:<9}{dtype:<9}{T:>6}{cols}", flush=True)
    finally:
        subnormal.MODE = saved
    print("\nverdict:", "meets the bars" if ok else "MISSES a bar")
    return 0 if ok else 1


def both_ways(args) -> int:
    """Bidirectional against one-way, ours and torch's, measured side by side: a step
    both ways should cost about twice a step one way (two runs, one head)."""
    print(f"torch {torch.__version__ if torch else 'not installed'}; D={D}, one layer, O={O}, MSE")
    print("ms per forward+loss+backward, 1 thread; bi/uni: both ways over one way\n")
    header = (
        f"{'cell':<6}{'dtype':<9}{'H':>5}{'B':>5}{'T':>5}{'uni ms':>9}{'bi ms':>9}"
        f"{'bi/uni':>8}{'torch bi':>10}{'torch bi/uni':>14}{'bi vs torch':>13}"
    )
    print(header)
    print("-" * len(header))
    per_cell: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for dtype in args.dtypes:
        for cell in [c for c in args.cells if c in TORCH_CLASSES or torch is None]:
            for H in args.hidden:
                for B in args.batch:
                    for T in args.steps:
                        rng = np.random.default_rng(0)
                        x = rng.standard_normal((T, B, D)).astype(dtype)
                        target = rng.standard_normal((T, B, O)).astype(dtype)
                        models = [
                            SequenceModel(cell, D, H, O, 1, seed=0, dtype=dtype, bidirectional=b)
                            for b in (False, True)
                        ]
                        fns = [
                            (lambda m=m, x=x, t=target: m.loss_and_gradients(x, t, "mse")[0])
                            for m in models
                        ]
                        if torch is not None:
                            fns += [_torch_step(cell, m, x, target, dtype) for m in models]
                        times = measure(fns, args.budget)
                        uni, bi = times[0], times[1]
                        row = f"{cell:<6}{dtype:<9}{H:>5}{B:>5}{T:>5}{uni * 1e3:>9.3f}"
                        row += f"{bi * 1e3:>9.3f}{bi / uni:>8.2f}"
                        vs = math.nan
                        if torch is not None:
                            t_uni, t_bi = times[2], times[3]
                            vs = bi / t_bi
                            row += f"{t_bi * 1e3:>10.3f}{t_bi / t_uni:>14.2f}{vs:>13.2f}"
                        per_cell.setdefault((cell, dtype), []).append((bi / uni, vs))
                        print(row, flush=True)
    print("\nsummary: geometric means over the grid")
    print(f"{'cell':<6}{'dtype':<9}{'bi/uni':>8}{'max':>7}{'bi vs torch':>13}")
    for (cell, dtype), rs in per_cell.items():
        twice = [r for r, _ in rs]
        vs = [v for _, v in rs if math.isfinite(v)]
        print(
            f"{cell:<6}{dtype:<9}{geomean(twice):>8.2f}{max(twice):>7.2f}"
            f"{(geomean(vs) if vs else math.nan):>13.3f}"
        )
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--cells", nargs="+", default=["rnn", "lstm", "gru", "peephole", "cifg"])
    ap.add_argument("--dtypes", nargs="+", default=["float32", "float64"])
    ap.add_argument("--hidden", nargs="+", type=int, default=[16, 64, 256])
    ap.add_argument("--batch", nargs="+", type=int, default=[1, 32, 128])
    ap.add_argument("--steps", nargs="+", type=int, default=[8, 50, 200])
    ap.add_argument("--budget", type=float, default=0.3, help="seconds of timing per configuration")
    ap.add_argument("--quick", action="store_true", help="H 16 64, B 1 32, T 8 50")
    ap.add_argument(
        "--long",
        action="store_true",
        help="long sequences: H 64, B 64, T 100 .. 4000, loss at the last step",
    )
    ap.add_argument("--long-steps", nargs="+", type=int, default=list(LONG_STEPS))
    ap.add_argument(
        "--bidirectional",
        action="store_true",
        help="both ways against one way and against torch (rnn, lstm, gru; --quick grid)",
    )
    args = ap.parse_args(argv)
    if args.long:
        return long_sequences(args)
    if args.bidirectional:
        args.hidden, args.batch, args.steps = [16, 64], [1, 32], [8, 50, 200]
        return both_ways(args)
    if args.quick:
        args.hidden, args.batch, args.steps = [16, 64], [1, 32], [8, 50]

    try:
        from threadpoolctl import threadpool_info

        blas = ", ".join(
            f"{i['internal_api']} {i.get('architecture', '')} threads={i['num_threads']}"
            for i in threadpool_info()
        )
    except ImportError:
        blas = "threadpoolctl not installed"
    print(
        f"numpy {np.__version__} ({blas}); torch {torch.__version__ if torch else 'not installed'}"
    )
    print(f"workload: D={D}, one layer, linear head O={O}, MSE;", end=" ")
    print("ms per forward+loss+backward, 1 thread\n")
    header = (
        f"{'cell':<9}{'dtype':<9}{'H':>5}{'B':>5}{'T':>5}"
        f"{'ours ms':>11}{'ref ms':>11}{'ratio':>8}  ref"
    )
    print(header)
    print("-" * len(header))

    ratios: dict[tuple[str, str], list[float]] = {}
    ours_ms: dict[tuple[str, str, int, int, int], float] = {}
    cells = sorted(args.cells, key=lambda c: c not in TORCH_CLASSES)  # lstm before its variants
    for dtype in args.dtypes:
        for cell in cells:
            for H in args.hidden:
                for B in args.batch:
                    for T in args.steps:
                        rng = np.random.default_rng(0)
                        model = SequenceModel(cell, D, H, O, 1, seed=0, dtype=dtype)
                        x = rng.standard_normal((T, B, D)).astype(dtype)
                        target = rng.standard_normal((T, B, O)).astype(dtype)

                        def ours(model=model, x=x, target=target):
                            return model.loss_and_gradients(x, target, "mse")[0]

                        ref_name = "-"
                        if cell in TORCH_CLASSES and torch is not None:
                            step = _torch_step(cell, model, x, target, dtype)
                            t_ours, t_ref = measure([ours, step], args.budget)
                            ref_name = "torch"
                        else:
                            (t_ours,) = measure([ours], args.budget)
                            t_ref = None
                            lstm_ms = ours_ms.get(("lstm", dtype, H, B, T))
                            if cell not in TORCH_CLASSES and lstm_ms is not None:
                                t_ref, ref_name = lstm_ms / 1e3, "our lstm"
                        ours_ms[(cell, dtype, H, B, T)] = t_ours * 1e3
                        ratio = t_ours / t_ref if t_ref else None
                        if ratio is not None:
                            ratios.setdefault((cell, dtype), []).append(ratio)
                        print(
                            f"{cell:<9}{dtype:<9}{H:>5}{B:>5}{T:>5}{t_ours * 1e3:>11.3f}"
                            f"{(t_ref * 1e3 if t_ref else float('nan')):>11.3f}"
                            f"{(ratio if ratio else float('nan')):>8.2f}  {ref_name}",
                            flush=True,
                        )

    print("\nsummary: geometric mean of the ratio over the grid")
    print(f"{'cell':<9}{'dtype':<9}{'vs':<10}{'geomean':>9}{'min':>7}{'max':>7}{'bar':>7}  verdict")
    ok = True
    for (cell, dtype), rs in ratios.items():
        vs = "torch" if cell in TORCH_CLASSES else "our lstm"
        bar = BARS.get((cell, dtype)) if cell in TORCH_CLASSES else VARIANT_BAR
        g = geomean(rs)
        verdict = "-" if bar is None else ("meets" if g <= bar else "MISSES")
        ok &= verdict != "MISSES"
        print(
            f"{cell:<9}{dtype:<9}{vs:<10}{g:>9.3f}{min(rs):>7.2f}{max(rs):>7.2f}"
            f"{(bar if bar else float('nan')):>7.2f}  {verdict}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
