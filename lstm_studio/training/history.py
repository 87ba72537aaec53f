"""The record of a run: one row per training step, one per held-out evaluation.

Step rows live in fixed-size NumPy columns. When they fill up, the older half is
thinned 2:1: each pair of neighbouring rows becomes one row holding the step and
time of the later, the mean loss and learning rate weighted by how many steps
each row stands for, and the larger gradient norm (so spikes survive). The newest
half always keeps one row per step. With the default capacity of 262,144 rows a
run of any length holds under 9 MB of step rows.

Evaluation rows live in a NumPy table of their own, a quarter of ``capacity`` rows
(65,536 by default: a million steps with an evaluation every 50 makes 20,000). When it
fills up, every second row of its older half is dropped (each evaluation is a
measurement at one step: there is nothing to average), so a run of any length holds a
bounded number of them too; before, they were Python tuples kept for ever, and a fast
run that evaluates every 25 steps grew by about 2.5 MB a minute.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

STEP_COLUMNS = ("step", "time", "loss", "lr", "grad_norm", "count")


class History:
    """Append-only training history with bounded memory.

    ``steps()`` and ``evals()`` return copies, so a reader on another thread
    never sees a half-written row.
    """

    def __init__(self, metric_names: Sequence[str] = (), capacity: int = 1 << 18) -> None:
        if capacity < 4 or capacity % 4:
            raise ValueError(f"capacity must be a multiple of 4 of at least 4, got {capacity}")
        self.capacity = capacity
        self.metric_names = tuple(metric_names)
        self._n = 0
        self._step = np.zeros(capacity, np.int64)
        self._time = np.zeros(capacity)
        self._loss = np.zeros(capacity)
        self._lr = np.zeros(capacity)
        self._grad = np.zeros(capacity)
        self._count = np.zeros(capacity, np.int64)  # steps each row stands for
        self.eval_capacity = max(4, capacity // 8 * 2)  # even: its halves pair up
        self._evals = np.zeros((self.eval_capacity, 2 + len(self.metric_names)))
        self._m = 0  # evaluation rows held (step, time, metrics...)
        self.evals_added = 0  # evaluation rows ever added (loaded ones count)
        self.thinned = 0  # how many times the older half was thinned

    def __len__(self) -> int:
        return self._n

    def add_step(self, step: int, time: float, loss: float, lr: float, grad_norm: float) -> None:
        if self._n == self.capacity:
            self._thin()
        n = self._n
        self._step[n], self._time[n], self._loss[n] = step, time, loss
        self._lr[n], self._grad[n], self._count[n] = lr, grad_norm, 1
        self._n = n + 1

    def add_eval(self, step: int, time: float, metrics: Mapping[str, float]) -> None:
        if self._m == self.eval_capacity:
            self._thin_evals()
        row = [step, time] + [float(metrics.get(k, math.nan)) for k in self.metric_names]
        self._evals[self._m] = row
        self._m += 1
        self.evals_added += 1

    def _thin_evals(self) -> None:
        """Every second row of the older half goes (the later of each pair stays)."""
        half = self.eval_capacity // 2
        kept = self._evals[1:half:2].copy()
        self._evals[: len(kept)] = kept
        self._evals[len(kept) : len(kept) + self._m - half] = self._evals[half : self._m]
        self._m = len(kept) + self._m - half

    def _thin(self) -> None:
        half = self.capacity // 2
        a, b = slice(0, half, 2), slice(1, half, 2)  # pairs in the older half
        ca, cb = self._count[a], self._count[b]
        w = ca + cb
        for col in (self._loss, self._lr):
            col[: half // 2] = (col[a] * ca + col[b] * cb) / w
        self._grad[: half // 2] = np.maximum(self._grad[a], self._grad[b])
        self._step[: half // 2] = self._step[b]
        self._time[: half // 2] = self._time[b]
        self._count[: half // 2] = w
        for col in (self._step, self._time, self._loss, self._lr, self._grad, self._count):
            col[half // 2 : half // 2 + half] = col[half:]
        self._n = half // 2 + half
        self.thinned += 1

    def steps(self, start: int = 0) -> dict[str, np.ndarray]:
        """Copies of the step rows from row ``start`` on, by column name."""
        n = self._n
        cols = (self._step, self._time, self._loss, self._lr, self._grad, self._count)
        return {k: c[start:n].copy() for k, c in zip(STEP_COLUMNS, cols, strict=True)}

    def steps_after(self, step: int) -> dict[str, np.ndarray]:
        """Copies of the rows of the steps after ``step`` (thinning only touches older rows,
        so a reader that remembers the last step it saw misses nothing)."""
        return self.steps(int(np.searchsorted(self._step[: self._n], step, side="right")))

    def evals(self, start: int = 0) -> dict[str, np.ndarray]:
        """Copies of the evaluation rows from row ``start`` on: step, time and each metric."""
        arr = self._evals[start : self._m]
        out = {k: arr[:, j].copy() for j, k in enumerate(("step", "time") + self.metric_names)}
        out["step"] = out["step"].astype(np.int64)
        return out

    def evals_since(self, added: int) -> dict[str, np.ndarray]:
        """Copies of the evaluation rows added since ``evals_added`` was ``added`` (only
        the older half is ever thinned, so a reader that keeps up misses nothing)."""
        return self.evals(max(0, self._m - (self.evals_added - added)))

    @property
    def num_evals(self) -> int:
        return self._m

    def nbytes(self) -> int:
        cols = (self._step, self._time, self._loss, self._lr, self._grad, self._count)
        return sum(c.nbytes for c in cols) + self._evals.nbytes

    # ---------------------------------------------------------------- files
    def to_csv(self) -> str:
        """One line per step row, with the held-out metrics on the line of the step
        where an evaluation ran (empty elsewhere); an evaluation with no step row
        (step 0, or a step thinned away) gets a line of its own with count 0.
        ``count`` > 1 marks a thinned row."""
        steps, evals = self.steps(), self.evals()
        names = self.metric_names
        pending = {int(s): [_fmt(evals[k][j]) for k in names] for j, s in enumerate(evals["step"])}
        eval_time = {int(s): t for s, t in zip(evals["step"], evals["time"], strict=True)}
        rows = []
        for i in range(len(steps["step"])):
            s = int(steps["step"][i])
            cells = [
                str(s),
                f"{steps['time'][i]:.4f}",
                _fmt(steps["loss"][i]),
                _fmt(steps["lr"][i]),
                _fmt(steps["grad_norm"][i]),
                str(int(steps["count"][i])),
            ]
            rows.append((s, 1, cells + pending.pop(s, [""] * len(names))))
        for s, metrics in pending.items():
            rows.append((s, 0, [str(s), f"{eval_time[s]:.4f}", "", "", "", "0"] + metrics))
        rows.sort(key=lambda r: (r[0], r[1]))
        head = ["step", "time_s", "loss", "lr", "grad_norm", "count"]
        head += ["heldout_" + k for k in names]
        return "\n".join(",".join(cells) for cells in [head] + [r[2] for r in rows]) + "\n"

    # ---------------------------------------------------------------- saving a run
    def state_dict(self) -> dict[str, np.ndarray]:
        out = {"steps." + k: v for k, v in self.steps().items()}
        out.update({"evals." + k: v for k, v in self.evals().items()})
        return out

    def load_state_dict(self, state: Mapping[str, np.ndarray]) -> None:
        steps = {k: np.asarray(state["steps." + k]) for k in STEP_COLUMNS}
        n = len(steps["step"])
        if n > self.capacity or any(len(v) != n for v in steps.values()):
            raise ValueError("history: step columns have different lengths or too many rows")
        cols = (self._step, self._time, self._loss, self._lr, self._grad, self._count)
        for k, c in zip(STEP_COLUMNS, cols, strict=True):
            c[:n] = steps[k]
        self._n = n
        evals = {k: np.asarray(state["evals." + k]) for k in ("step", "time") + self.metric_names}
        m = len(evals["step"])
        if any(len(v) != m for v in evals.values()):
            raise ValueError("history: evaluation columns have different lengths")
        self._m = self.evals_added = 0
        for j in range(m):  # a file of more rows than fit is thinned as they are added
            self.add_eval(
                int(evals["step"][j]),
                float(evals["time"][j]),
                {k: float(evals[k][j]) for k in self.metric_names},
            )


def _fmt(v: float) -> str:
    return "" if math.isnan(v) else f"{v:.6g}"
