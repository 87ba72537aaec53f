"""The training loop: a generator of snapshots, steered between steps by a ``Control``.

    for snap in train(TrainConfig.from_preset("binary-addition")):
        print(snap.step, snap.loss, snap.metrics)

No Qt here: the window's worker thread iterates the generator and forwards each
snapshot as a signal; the command line iterates it and draws a progress bar.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import numpy as np

from ..engine import (
    GradCheckResult,
    GradientProbe,
    NonFiniteError,
    SequenceModel,
    gradient_check,
    make_optimizer,
)
from ..tasks import Task, make_task
from ..translations import tr, tr_n
from .config import TrainConfig
from .history import History
from .snapshot import Probe, Snapshot, frozen, frozen_map


def end_message(status: str, step: int, loss: float = math.nan, grad_norm: float = math.nan) -> str:
    """How a run ended, in the user's language: ``status`` finished, solved or stopped at
    ``step``, or diverged in the step after ``step`` (the last finite one) with that
    ``loss`` and gradient norm."""
    if status == "finished":
        return tr_n("training", step, "finished {step} step", "finished {step} steps", step=step)
    if status == "solved":
        return tr("training", "solved at step {step}", step=step)
    if status == "diverged":
        return tr(
            "training",
            "diverged at step {step}: loss {loss:.4g}, gradient norm {grad_norm:.4g}; "
            "the weights are those after step {last}",
            step=step + 1,
            loss=loss,
            grad_norm=grad_norm,
            last=step,
        )
    return tr("training", "stopped at step {step}", step=step)


class Control:
    """Requests to a running loop, safe to call from any thread.

    The loop reads them between optimisation steps: ``pause``, ``resume``,
    ``step`` (run n steps while paused, then pause again), ``stop``, and new
    values for the learning rate, the clipping norm, the sampling temperature,
    the slow-motion delay and the step budget.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._paused = False
        self._stopped = False
        self._steps = 0
        self._changes: dict[str, Any] = {}
        self._delay = 0.0
        self._calls: list[Callable[[Any], None]] = []

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def stopped(self) -> bool:
        return self._stopped

    def pause(self) -> None:
        with self._cond:
            self._paused = True
            self._cond.notify_all()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._steps = 0  # single steps still queued are part of the pause
            self._cond.notify_all()

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._steps = 0
            self._cond.notify_all()

    def step(self, n: int = 1) -> None:
        """While paused, run ``n`` more steps (each yields a snapshot), then wait again."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(
                tr("training", "step count must be a positive whole number, got {n!r}", n=n)
            )
        with self._cond:
            self._paused = True
            self._steps += n
            self._cond.notify_all()

    def set_lr(self, lr: float) -> None:
        if (
            isinstance(lr, bool)
            or not isinstance(lr, (int, float))
            or not (math.isfinite(lr) and 0 < lr <= 10)
        ):
            raise ValueError(
                tr("training", "lr must be a number above 0 and at most 10, got {lr!r}", lr=lr)
            )
        with self._cond:
            self._changes["lr"] = float(lr)
            self._cond.notify_all()

    def set_clip(self, clip: float) -> None:
        """New clipping norm; 0 turns clipping off."""
        if (
            isinstance(clip, bool)
            or not isinstance(clip, (int, float))
            or not (math.isfinite(clip) and clip >= 0)
        ):
            raise ValueError(
                tr("training", "clip must be a number of at least 0, got {clip!r}", clip=clip)
            )
        with self._cond:
            self._changes["clip"] = float(clip)
            self._cond.notify_all()

    def set_temperature(self, temperature: float) -> None:
        """Sampling temperature of the text written at each evaluation (text tasks)."""
        if (
            isinstance(temperature, bool)
            or not isinstance(temperature, (int, float))
            or not (math.isfinite(temperature) and 0 <= temperature <= 10)
        ):
            raise ValueError(
                tr(
                    "training",
                    "temperature must be a number in 0 .. 10, got {temperature!r}",
                    temperature=temperature,
                )
            )
        with self._cond:
            self._changes["temperature"] = float(temperature)
            self._cond.notify_all()

    def set_delay(self, seconds: float) -> None:
        """Wait this long after every step (slow motion for a classroom); 0 is full speed.
        A new value, a pause or a stop cuts a running wait short."""
        if (
            isinstance(seconds, bool)
            or not isinstance(seconds, (int, float))
            or not (math.isfinite(seconds) and 0 <= seconds <= 60)
        ):
            raise ValueError(
                tr(
                    "training",
                    "delay must be a number of seconds in 0 .. 60, got {seconds!r}",
                    seconds=seconds,
                )
            )
        with self._cond:
            self._delay = float(seconds)
            self._cond.notify_all()

    @property
    def delay(self) -> float:
        return self._delay

    def set_budget(self, steps: int, stop_when_solved: bool) -> None:
        """A new step budget and stop-when-solved setting for the running loop."""
        if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= 10**9:
            raise ValueError(
                tr(
                    "training",
                    "steps must be a whole number in 1 .. 10**9, got {steps!r}",
                    steps=steps,
                )
            )
        if not isinstance(stop_when_solved, bool):
            raise ValueError(
                tr(
                    "training",
                    "stop_when_solved must be true or false, got {value!r}",
                    value=stop_when_solved,
                )
            )
        with self._cond:
            self._changes["budget"] = (steps, stop_when_solved)
            self._cond.notify_all()

    def call(self, fn: Callable[[Any], None]) -> None:
        """Run ``fn(runner)`` in the loop's thread between two steps (also while paused):
        a look at the weights (a gradient check, a save) that must not race the
        training. The runner is the ``Trainer`` (a ``Race`` or ``LagSweep`` for theirs)."""
        with self._cond:
            self._calls.append(fn)
            self._cond.notify_all()

    def state(self) -> dict[str, Any]:
        """What this Control holds (paused, queued steps, delay, pending changes), for a
        copy of it in another process (``from_state``); calls queued are not copied."""
        with self._cond:
            return {
                "paused": self._paused,
                "steps": self._steps,
                "delay": self._delay,
                "changes": dict(self._changes),
            }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> Control:
        control = cls()
        control._paused, control._steps = bool(state["paused"]), int(state["steps"])
        control._delay, control._changes = float(state["delay"]), dict(state["changes"])
        return control

    # ---------------------------------------------------------------- loop side
    def _take_calls(self) -> list[Callable[[Any], None]]:
        with self._cond:
            calls, self._calls = self._calls, []
            return calls

    def _sleep(self) -> None:
        """The slow-motion wait between steps (returns early on any request)."""
        with self._cond:
            delay = self._delay
            if delay > 0:
                self._cond.wait_for(
                    lambda: self._stopped or self._paused or self._changes or self._delay != delay,
                    timeout=delay,
                )

    def _take_changes(self) -> dict[str, Any]:
        with self._cond:
            changes, self._changes = self._changes, {}
            return changes

    def _take_step(self) -> bool:
        with self._cond:
            if self._steps:
                self._steps -= 1
                return True
            return False

    def _wait(self) -> None:
        """Block while paused with nothing to do."""
        with self._cond:
            self._cond.wait_for(
                lambda: (
                    not self._paused or self._stopped or self._steps or self._changes or self._calls
                )
            )


def build_model(config: TrainConfig, input_size: int, output_size: int) -> SequenceModel:
    """The untrained model ``config`` describes, for a task of these sizes."""
    return SequenceModel(
        cell=config.cell,
        input_size=input_size,
        hidden_size=config.hidden_size,
        output_size=output_size,
        num_layers=config.num_layers,
        seed=config.seed,
        dtype=config.dtype,
        forget_bias=config.forget_bias,
    )


class Trainer:
    """A model, its optimizer, its task and the run's record, stepped one update at a time.

    ``run()`` is the generator the window and the command line iterate; the
    methods below it are the pieces, usable on their own (tests, notebooks).
    The training data come from ``default_rng([seed, 1])``, separate from the
    weights' ``default_rng(seed)``, so evaluating or snapshotting never changes
    what the next step sees: the same config gives the same loss at every step,
    run in one go, paused and resumed, or saved and restored.
    """

    history_capacity = 1 << 18  # step rows kept before the older half is thinned

    def __init__(
        self,
        config: TrainConfig,
        task: Task | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.config = config
        self.task = task if task is not None else make_task(config.task, **config.task_params)
        self.clock = clock
        self.model = build_model(config, self.task.input_size, self.task.output_size)
        options = {"momentum": config.momentum} if config.optimizer == "sgd" else {}
        self.optimizer = make_optimizer(
            config.optimizer, self.model.parameters(), lr=config.lr, **options
        )
        self.rng = np.random.default_rng([config.seed, 1])
        self.clip = config.clip
        self.temperature = 0.8  # of the text sample written at each evaluation
        self.sample_text = ""
        self.step = 0
        self.elapsed = 0.0  # seconds spent running (pauses excluded)
        self.last_loss = math.nan
        self.last_grad_norm = math.nan
        self._last_grads: Mapping[str, np.ndarray] | None = None
        # evaluation and the probe run on copies, so their batch shapes never
        # evict the training pass's buffers
        self._copies: dict[str, tuple[SequenceModel, int]] = {}
        self.metrics = self.evaluate()
        self.eval_step = 0
        self.history = History(tuple(self.metrics), self.history_capacity)
        self.history.add_eval(0, 0.0, self.metrics)
        self.solved_at: int | None = 0 if self.solved else None  # the first solved evaluation
        self.status = "running"
        self.message = ""
        self.write_samples = True  # text tasks write a sample at each evaluation
        self._write_sample()
        self._seen_step = 0  # the last step whose history row a snapshot handed out
        self._seen_evals = 0
        self._last_snap = (0, 0.0)  # (step, elapsed) of the previous snapshot
        self._rate = 0.0

    @property
    def lr(self) -> float:
        return self.optimizer.lr

    @property
    def solved(self) -> bool:
        return bool(self.task.solved(self.metrics))

    def _first_solved_eval(self) -> int | None:
        """The step of the first evaluation in the history that met the task's criterion
        (for run files saved before ``solved_at`` was kept)."""
        evals = self.history.evals()
        names = self.history.metric_names
        for row, step in enumerate(evals["step"]):
            if self.task.solved({k: float(evals[k][row]) for k in names}):
                return int(step)
        return None

    # ---------------------------------------------------------------- pieces
    def train_step(self) -> float:
        """One optimisation step on a fresh batch; returns the training loss.

        Raises NonFiniteError (weights and optimizer untouched) if the loss, the
        gradients or the update is not finite.
        """
        batch = self.task.sample(self.rng, self.config.batch_size)
        loss, grads = self.model.loss_and_gradients(
            batch.x, batch.target, self.task.loss, batch.mask
        )
        norm = self.optimizer.step(grads, max_norm=self.clip or None)
        self.step += 1
        self.last_loss, self.last_grad_norm, self._last_grads = loss, norm, grads
        return loss

    def _copy(self, name: str) -> SequenceModel:
        """A copy of the model with the current weights (synced once per step)."""
        model, at = self._copies.get(name, (None, -1))
        if model is None:
            model = self.model.copy()
        elif at != self.step:
            for k, v in self.model.parameters().items():
                np.copyto(model.parameters()[k], v)
        self._copies[name] = (model, self.step)
        return model

    def gradient_check(self, batch_size: int = 4, samples: int = 10) -> GradCheckResult:
        """The engine's numerical gradient check of the current weights, on a float64
        copy and a batch of its own (``default_rng([seed, 2])``): the training data
        stream and the weights are untouched."""
        batch = self.task.sample(np.random.default_rng([self.config.seed, 2]), batch_size)
        return gradient_check(
            self.model, batch.x, batch.target, self.task.loss, batch.mask, samples=samples
        )

    def load_weights(self, state: Mapping[str, np.ndarray]) -> Snapshot:
        """New weights for the model (checked whole before anything changes: a
        ValueError names every missing, extra or mis-shaped entry); the optimizer's
        moments stay. Evaluates them; returns the snapshot that shows them."""
        self.model.load_state_dict(state)
        self._evaluate()
        self.message = tr("training", "weights imported at step {step}", step=self.step)
        return self.snapshot()

    def evaluate(self) -> dict[str, float]:
        """Loss and metrics on the task's held-out set with the current weights."""
        return self.task.evaluate(self._copy("eval"))

    def probe(self) -> Probe:
        """Everything the window shows about the task's probe sequence."""
        model = self._copy("probe")
        p = self.task.probe()
        layers = model.trace(p.x)
        y = model.forward(p.x)
        T = p.x.shape[0]
        scored = (
            np.ones(T, bool) if p.mask is None else np.asarray(p.mask, bool).reshape(T, -1)[:, 0]
        )
        L, cell_state = model.num_layers, model.has_cell_state
        try:
            _, grads = model.loss_and_gradients(p.x, p.target, self.task.loss, p.mask, norms=True)
            dh_norms, dc_norms = grads.dh_norms, grads.dc_norms
        except NonFiniteError:  # weights on the edge of divergence: no gradient to show
            dh_norms = np.full((L, T), np.nan)
            dc_norms = np.full((L, T), np.nan) if cell_state else None
        try:
            decay = model.gradient_probe(p.x, p.target, self.task.loss, p.mask)
        except NonFiniteError:
            tau = int(np.flatnonzero(scored)[-1])
            nan = np.full((L, tau + 1), np.nan)
            decay = GradientProbe(tau, math.nan, nan, nan.copy() if cell_state else None)
        return Probe(
            inputs=frozen(p.x[:, 0]),
            targets=frozen(p.target[:, 0]),
            scored=frozen(scored),
            outputs=frozen(y[:, 0]),
            predictions=frozen(self.task.outputs(y)[:, 0]),
            layers=tuple(
                frozen_map({k: frozen(v[:, 0]) for k, v in lay.items()}) for lay in layers
            ),
            dh_norms=frozen(dh_norms),
            dc_norms=None if dc_norms is None else frozen(dc_norms),
            decay_tau=decay.tau,
            decay_dh=frozen(decay.dh),
            decay_dc=None if decay.dc is None else frozen(decay.dc),
            # the reference step's other quantities (the gates and states are in layers)
            quantities=tuple(
                frozen_map({k: frozen(v[:, 0]) for k, v in lay.items() if k not in traced})
                for lay, traced in zip(model.step_quantities(p.x, layers), layers, strict=True)
            ),
        )

    def snapshot(self, probe: bool = True) -> Snapshot:
        """A frozen copy of the run's state now."""
        step0, elapsed0 = self._last_snap
        if self.step > step0 and self.elapsed > elapsed0:
            self._rate = (self.step - step0) / (self.elapsed - elapsed0)
        self._last_snap = (self.step, self.elapsed)
        new_steps = self.history.steps_after(self._seen_step)
        new_evals = self.history.evals(self._seen_evals)
        self._seen_step, self._seen_evals = self.step, self.history.num_evals
        for d in (new_steps, new_evals):
            for v in d.values():
                v.setflags(write=False)
        grads = self._last_grads or {}
        return Snapshot(
            step=self.step,
            steps_total=self.config.steps,
            status=self.status,
            elapsed=self.elapsed,
            steps_per_sec=self._rate,
            loss=self.last_loss,
            lr=self.lr,
            clip=self.clip,
            grad_norm=self.last_grad_norm,
            param_grad_norms=frozen_map({k: _norm(g) for k, g in grads.items()}),
            param_norms=frozen_map({k: _norm(p) for k, p in self.model.parameters().items()}),
            eval_step=self.eval_step,
            heldout_loss=self.metrics["loss"],
            metrics=frozen_map(self.metrics),
            solved=self.solved,
            solved_at=self.solved_at,
            probe=self.probe() if probe else None,
            new_steps=frozen_map(new_steps),
            new_evals=frozen_map(new_evals),
            message=self.message,
            sample=self.sample_text,
        )

    # ---------------------------------------------------------------- the loop
    def run(self, control: Control | None = None, probes: bool = True) -> Iterator[Snapshot]:
        """Train until the step budget, a stop request, the solved criterion (when
        ``stop_when_solved``) or divergence; yield snapshots on the way.

        The first snapshot shows the untrained model, the last one has ``done``
        set. Snapshots come at most every ``snapshot_every`` steps and at most
        ``snapshot_hz`` times a second, plus one after each step run while paused.
        ``probes=False`` leaves out the probe sequence (the command line needs none).
        """
        cfg = self.config
        control = control if control is not None else Control()
        gap = 1.0 / cfg.snapshot_hz
        self.write_samples = probes
        self.status = "running"
        # elapsed counts the loop's own time (snapshots included), not the time the
        # consumer holds a snapshot nor the time spent paused
        tick = self.clock()
        snap, tick = self._timed(tick, self.snapshot, probes)
        yield snap
        tick = last_yield = self.clock()
        announced = False  # the paused snapshot has been sent
        while True:
            for key, value in control._take_changes().items():
                self.apply(key, value)
                announced = False
            cfg = self.config  # the budget may have changed
            calls = control._take_calls()
            if calls:
                tick = self._charge(tick)
                for fn in calls:
                    fn(self)
                tick = self.clock()  # a look at the weights is not training time
            if control.stopped:
                message = end_message("stopped", self.step)
                snap, tick = self._timed(tick, self.end, "stopped", message, probes)
                yield snap
                return
            stepping = False
            if control.paused:
                stepping = control._take_step()
                if not stepping:
                    if not announced:
                        self.status = "paused"
                        snap, tick = self._timed(tick, self.snapshot, probes)
                        yield snap
                        tick = self.clock()
                        announced = True
                    tick = self._charge(tick)
                    control._wait()
                    tick = self.clock()
                    continue
            self.status = "running"
            announced = False
            if self.step >= cfg.steps:
                message = end_message("finished", self.step)
                snap, tick = self._timed(tick, self.end, "finished", message, probes)
                yield snap
                return
            try:
                self.train_step()
            except NonFiniteError as e:
                self.last_loss, self.last_grad_norm = e.loss, e.grad_norm
                message = end_message("diverged", self.step, e.loss, e.grad_norm)
                snap, tick = self._timed(tick, self.end, "diverged", message, probes)
                yield snap
                return
            tick = self._charge(tick)
            self.history.add_step(
                self.step, self.elapsed, self.last_loss, self.lr, self.last_grad_norm
            )
            if self.step % cfg.eval_every == 0 or self.step == cfg.steps:
                self._evaluate()
                if cfg.stop_when_solved and self.solved:
                    message = end_message("solved", self.step)
                    snap, tick = self._timed(tick, self.end, "solved", message, probes)
                    yield snap
                    return
            if stepping:
                self.status = "paused"
                snap, tick = self._timed(tick, self.snapshot, probes)
                yield snap
                tick = self.clock()
                announced = True
            elif self.step - self._last_snap[0] >= cfg.snapshot_every and tick - last_yield >= gap:
                snap, tick = self._timed(tick, self.snapshot, probes)
                yield snap
                tick = last_yield = self.clock()
            if not stepping and control.delay > 0:
                control._sleep()  # slow motion: counted as elapsed, as the learner sees it

    def apply(self, key: str, value: Any) -> None:
        """One of a ``Control``'s new settings: "lr", "clip", "budget" (steps,
        stop_when_solved) or "temperature"."""
        if key == "lr":
            self.optimizer.lr = value
        elif key == "clip":
            self.clip = value
        elif key == "budget":
            steps, solved = value
            self.config = self.config.replace(steps=steps, stop_when_solved=solved)
        elif key == "temperature":
            self.temperature = value
            self._write_sample()
        else:
            raise ValueError(tr("training", "not a Control setting: {key!r}", key=key))

    def _charge(self, tick: float) -> float:
        """Add the time since ``tick`` to ``elapsed``; return the new tick."""
        now = self.clock()
        self.elapsed += now - tick
        return now

    def _timed(self, tick: float, fn, *args) -> tuple[Snapshot, float]:
        tick = self._charge(tick)
        snap = fn(*args)
        return snap, self._charge(tick)

    def _evaluate(self) -> None:
        self.metrics = self.evaluate()
        self.eval_step = self.step
        self.history.add_eval(self.step, self.elapsed, self.metrics)
        if self.solved_at is None and self.solved:
            self.solved_at = self.step
        self._write_sample()

    def _write_sample(self, length: int = 160) -> None:
        """Text tasks: let the model write a little at the current temperature (a seed
        of its own, so the training data stream is untouched)."""
        generate = getattr(self.task, "generate", None)
        if not self.write_samples or generate is None or getattr(self.task, "mode", "") == "csv":
            return
        self.sample_text = generate(
            self._copy("sample"), "", length, self.temperature, seed=self.step
        )

    def end(self, status: str, message: str, probe: bool = True) -> Snapshot:
        """Close the run: evaluate the final weights, set the status; the last snapshot."""
        if self.eval_step != self.step:
            self._evaluate()  # the last snapshot shows the final (finite) weights
        self.status, self.message = status, message
        return self.snapshot(probe)

    # ---------------------------------------------------------------- saving and resuming
    def state(self) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        """Everything needed to continue this run later: arrays and JSON-able values."""
        arrays = {"model." + k: v for k, v in self.model.state_dict().items()}
        arrays.update({"optimizer." + k: v for k, v in self.optimizer.state_dict().items()})
        arrays.update({"history." + k: v for k, v in self.history.state_dict().items()})
        meta = {
            "config": self.config.to_dict(),
            "step": self.step,
            "elapsed": self.elapsed,
            "clip": self.clip,
            "rng": json.loads(json.dumps(self.rng.bit_generator.state)),
            "last_loss": self.last_loss,
            "last_grad_norm": self.last_grad_norm,
            "eval_step": self.eval_step,
            "metrics": self.metrics,
            "solved_at": self.solved_at,
        }
        return arrays, meta

    @classmethod
    def restore(
        cls,
        arrays: Mapping[str, np.ndarray],
        meta: Mapping[str, Any],
        task: Task | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> Trainer:
        """The trainer ``state()`` described, ready to go on where it stopped."""
        config = TrainConfig.from_dict(meta["config"])
        t = cls(config, task, clock)

        def pick(prefix: str) -> dict[str, np.ndarray]:
            return {k[len(prefix) :]: v for k, v in arrays.items() if k.startswith(prefix)}

        t.model.load_state_dict(pick("model."))
        t.optimizer.load_state_dict(pick("optimizer."))
        t.history.load_state_dict(pick("history."))
        t.rng.bit_generator.state = meta["rng"]
        t.step, t.elapsed, t.clip = int(meta["step"]), float(meta["elapsed"]), float(meta["clip"])
        t.last_loss, t.last_grad_norm = float(meta["last_loss"]), float(meta["last_grad_norm"])
        t.eval_step, t.metrics = int(meta["eval_step"]), dict(meta["metrics"])
        t.solved_at = meta["solved_at"] if "solved_at" in meta else t._first_solved_eval()
        if t.solved_at is not None:
            t.solved_at = int(t.solved_at)
        t._seen_step, t._seen_evals = t.step, t.history.num_evals
        t._last_snap = (t.step, t.elapsed)
        return t


def _norm(a: np.ndarray) -> float:
    flat = a.ravel().astype(np.float64)  # float32 squares overflow near 1e19
    return float(np.sqrt(np.dot(flat, flat)))


def train(config: TrainConfig, control: Control | None = None) -> Iterator[Snapshot]:
    """``Trainer(config).run(control)``: the snapshots of a fresh run."""
    return Trainer(config).run(control)
