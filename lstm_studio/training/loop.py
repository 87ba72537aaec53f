"""The trainer: a model, its optimizer, its task and the run's record, stepped one
update at a time, and run by the driver (``training.driver``) between the commands of a
``Control``.

    for snap in train(TrainConfig.from_preset("binary-addition")):
        print(snap.step, snap.loss, snap.metrics)

No Qt here: the window's training process iterates the generator and sends each
snapshot through a pipe; the command line iterates it and draws a progress bar.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..engine import (
    GradCheckResult,
    GradientProbe,
    NonFiniteError,
    Optimizer,
    SequenceModel,
    backward_pass,
    cell_spec,
    gradient_check,
    make_optimizer,
    recurrent_singular_values,
    step_factors,
)
from ..tasks import Task, make_task
from ..translations import tr, tr_n
from .commands import (
    REQUESTS,
    Command,
    Control,
    Request,
    SetBudget,
    SetClip,
    SetLr,
    SetSampling,
    SetTemperature,
)
from .config import FIELDS, TrainConfig
from .driver import Driver
from .history import History
from .snapshot import Probe, Snapshot, frozen, frozen_map

#: wider layers have no live singular values (an H x H eigen-decomposition per measure)
SPECTRA_MAX_H = 1024


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
        recurrent_init=config.recurrent_init,
        recurrent_gain=config.recurrent_gain,
        bidirectional=config.bidirectional,
    )


def check_size(config: TrainConfig, task: Task) -> int:
    """The bytes a trainer of ``config`` on ``task`` takes (estimated), or a
    ``MemoryLimitError`` naming the estimate and the limit, before the model is built;
    a ValueError when its truncation is longer than the task's sequences."""
    steps, held = task.size_hint()
    config.check_truncate(steps)
    return config.check_memory(task.input_size, task.output_size, steps, held)


def named(names, most: int = 10) -> str:
    """``names`` joined by commas: the first ``most`` of them (each cut at 80 characters)
    and "and 999,990 more", so that a message listing them stays short."""
    names = list(names)
    shown = ", ".join(n if len(n) <= 80 else n[:77] + "..." for n in map(str, names[:most]))
    if len(names) <= most:
        return shown
    return tr("training", "{names} and {n:,} more", names=shown, n=len(names) - most)


def probe_step(scored: np.ndarray, bidirectional: bool) -> int:
    """The step tau whose loss the decay probe and the backward view follow: the last
    scored step; for a bidirectional model the scored step nearest the middle of the
    sequence, so that the forward runs' gradient is seen reaching back from tau and the
    reverse runs' reaching forward (at the last step the reverse one has nowhere to go)."""
    steps = np.flatnonzero(scored)
    if not bidirectional:
        return int(steps[-1])
    middle = (len(scored) - 1) / 2
    return int(steps[np.argmin(np.abs(steps - middle))])


def _check_shapes(config: TrainConfig, task: Task, state: Mapping[str, np.ndarray]) -> None:
    """The saved weights must have the shapes the saved config describes: checked on the
    shapes alone, before a model of that config (maybe gigabytes) is built."""
    expected = {
        name: shape
        for name, shape, _ in cell_spec(config.cell).parameter_shapes(
            task.input_size,
            config.hidden_size,
            task.output_size,
            config.num_layers,
            config.bidirectional,
        )
    }
    missing = [k for k in expected if k not in state]
    extra = [k for k in state if k not in expected]
    wrong = [
        k for k, shape in expected.items() if k in state and tuple(np.shape(state[k])) != shape
    ]
    if not (missing or extra or wrong):
        return
    problems = []
    if missing:
        problems.append(tr("training", "missing {names}", names=named(missing)))
    if extra:
        problems.append(tr("training", "not in the model: {names}", names=named(extra)))
    for k in wrong[:10]:
        problems.append(
            tr(
                "training",
                "{name} has shape {shape}, the model needs {needed}",
                name=k,
                shape=tuple(np.shape(state[k])),
                needed=expected[k],
            )
        )
    if len(wrong) > 10:
        problems.append(tr("training", "{n:,} more", n=len(wrong) - 10))
    raise ValueError(
        tr(
            "training",
            "its weights do not fit the model its description gives ({model}): {problems}",
            model=config.model_description(),
            problems="; ".join(problems),
        )
    )


def build_optimizer(config: TrainConfig, model: SequenceModel) -> Optimizer:
    """The fresh optimizer ``config`` describes, for ``model``'s parameters."""
    options = {"momentum": config.momentum} if config.optimizer == "sgd" else {}
    return make_optimizer(config.optimizer, model.parameters(), lr=config.lr, **options)


class Trainer:
    """A model, its optimizer, its task and the run's record, stepped one update at a time.

    ``run()`` is the generator the window and the command line iterate (a ``Driver``
    runs the trainer); the methods below it are the pieces, usable on their own (tests,
    notebooks). The training data come from ``default_rng([seed, 1])``, separate from
    the weights' ``default_rng(seed)``, so evaluating or snapshotting never changes
    what the next step sees: the same config gives the same loss at every step, run in
    one go, paused and resumed, or saved and restored.

    ``config`` is the run as it stands: a new learning rate, clipping norm or budget
    (``apply``) replaces it, so ``state()`` saves the settings the run has now.
    """

    history_capacity = 1 << 18  # step rows kept before the older half is thinned
    #: the share of the running time the probe's spectra (the per-step factor and W_hh's
    #: singular values) may take; math.inf measures them at every snapshot
    spectra_share = 0.1
    #: the share of the running time the running snapshots may take (the driver spaces
    #: them out): at T = 2000 a snapshot's probe costs half a training step
    snapshot_share = 0.2

    def __init__(
        self,
        config: TrainConfig,
        task: Task | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        task = task if task is not None else make_task(config.task, **config.task_params)
        check_size(config, task)
        model = build_model(config, task.input_size, task.output_size)
        self._setup(config, task, clock, model, build_optimizer(config, model))
        self.metrics = self.evaluate()
        self.history = History(tuple(self.metrics), self.history_capacity)
        self.history.add_eval(0, 0.0, self.metrics)
        self.solved_at: int | None = 0 if self.solved else None  # the first solved evaluation
        self._write_sample()

    def _setup(
        self,
        config: TrainConfig,
        task: Task,
        clock: Callable[[], float],
        model: SequenceModel,
        optimizer: Optimizer,
    ) -> None:
        """Every attribute, with a run's values at step 0."""
        self.config = config
        self.task = task
        self.clock = clock
        self.model = model
        self.optimizer = optimizer
        self.rng = np.random.default_rng([config.seed, 1])
        # of the text sample written at each evaluation
        self.temperature = FIELDS["temperature"].default
        self.sample_length = int(FIELDS["sample_length"].default)
        self.sample_seed: int | None = None  # None: the step (a new text each evaluation)
        self.sample_text = ""
        # the learner's own probe (Task.probe_params values), None: the held-out example
        self.probe_values: dict[str, Any] | None = None
        self._probe_batch = task.probe()
        self.step = 0
        self.elapsed = 0.0  # seconds spent running (pauses excluded)
        self.last_loss = math.nan
        self.last_grad_norm = math.nan
        self._last_grads: Mapping[str, np.ndarray] | None = None
        # evaluation and the probe run on copies, so their batch shapes never
        # evict the training pass's buffers
        self._copies: dict[str, tuple[SequenceModel, int]] = {}
        self.metrics: dict[str, float] = {}
        self.eval_step = 0
        self.solved_at = None
        self.status = "running"
        self.message = ""
        self.write_samples = True  # text tasks write a sample at each evaluation
        self.probes = True  # the snapshots a driver takes carry the probe sequence
        self._seen_step = 0  # the last step whose history row a snapshot handed out
        self._seen_evals = 0  # the history's evals_added then
        self._last_snap = (0, 0.0)  # (step, elapsed) of the previous snapshot
        self._rate = 0.0
        # the probe's per-step factor and W_hh's spectrum: (factor, step, singular values)
        self._spectra_last: tuple | None = None
        self._spectra_at = -math.inf
        self._spectra_cost = 0.0

    @property
    def lr(self) -> float:
        return self.optimizer.lr

    @property
    def clip(self) -> float:
        """The clipping norm of the global gradient; 0 is off."""
        return self.config.clip

    @clip.setter
    def clip(self, value: float) -> None:
        self.config = self.config.replace(clip=value)

    @property
    def solved(self) -> bool:
        return bool(self.task.solved(self.metrics))

    # ---------------------------------------------------------------- pieces
    def train_step(self) -> float:
        """One optimisation step on a fresh batch; returns the training loss.

        Raises NonFiniteError (weights and optimizer untouched) if the loss, the
        gradients or the update is not finite.
        """
        batch = self.task.sample(self.rng, self.config.batch_size)
        loss, grads = self.model.loss_and_gradients(
            batch.x, batch.target, self.task.loss, batch.mask, truncate=self.config.truncate
        )
        norm = self.optimizer.step(grads, max_norm=self.config.clip or None)
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
        self._evaluate(timed=False)  # a look at the weights is no training time
        self.message = tr("training", "weights imported at step {step}", step=self.step)
        return self.snapshot(self.probes)

    def evaluate(self) -> dict[str, float]:
        """Loss and metrics on the task's held-out set with the current weights."""
        return self.task.evaluate(self._copy("eval"))

    def probe(self) -> Probe:
        """Everything the window shows about the task's probe sequence."""
        model = self._copy("probe")
        p = self._probe_batch
        layers = model.trace(p.x)
        y = model.forward(p.x)
        T = p.x.shape[0]
        scored = (
            np.ones(T, bool) if p.mask is None else np.asarray(p.mask, bool).reshape(T, -1)[:, 0]
        )
        # one row per run over the sequence (a bidirectional model has two a layer)
        L, cell_state = len(model.layers), model.has_cell_state
        truncate = self.config.truncate  # the curves show the gradient training uses
        try:
            _, grads = model.loss_and_gradients(
                p.x, p.target, self.task.loss, p.mask, norms=True, truncate=truncate
            )
            dh_norms, dc_norms = grads.dh_norms, grads.dc_norms
        except NonFiniteError:  # weights on the edge of divergence: no gradient to show
            dh_norms = np.full((L, T), np.nan)
            dc_norms = np.full((L, T), np.nan) if cell_state else None
        backward: tuple = ()
        try:
            # the loss at the last scored step alone, back to t = 0, every term named
            passed = backward_pass(
                model,
                p.x,
                p.target,
                self.task.loss,
                p.mask,
                tau=probe_step(scored, model.bidirectional),
                truncate=truncate,
                trace=layers,
            )
            decay = passed.gradient
            backward = tuple(
                frozen_map({k: frozen(v[:, 0]) for k, v in lay.items()}) for lay in passed.layers
            )
        except NonFiniteError:
            tau = probe_step(scored, model.bidirectional)
            nan = np.full((L, T if model.bidirectional else tau + 1), np.nan)
            decay = GradientProbe(tau, math.nan, nan, nan.copy() if cell_state else None, truncate)
        # the steps the decay probe spans: to tau, or all of them both ways
        factor, factor_step, singular = self._spectra(model, p.x[: decay.dh.shape[1]], layers)
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
            # the reference step's other quantities (the gates and states are in layers),
            # the pre-activations' W x, W h and bias terms among them
            quantities=tuple(
                frozen_map({k: frozen(v[:, 0]) for k, v in lay.items() if k not in traced})
                for lay, traced in zip(
                    model.step_quantities(p.x, layers, skip=()), layers, strict=True
                )
            ),
            backward=backward,
            truncate=truncate,
            factor=frozen(factor),
            factor_step=factor_step,
            recurrent_sv=tuple(frozen(s) for s in singular),
            directions=model.num_directions,
            labels=self.task.step_labels(p.x[:, 0]),
        )

    def set_probe(self, values: Mapping[str, Any] | None) -> Snapshot:
        """Show the model on the learner's own probe sequence (``Task.probe_params``
        values; None: back to the held-out example), checked by the task first (a
        ``ProbeError`` names the field and the reason, and nothing changes). The
        weights, the optimizer, the data stream and the history are untouched: only what
        the snapshots show changes. Returns the snapshot that shows it."""
        batch = self.task.probe_batch(values)
        self.probe_values = None if values is None else dict(values)
        self._probe_batch = batch
        self._spectra_last = None  # measured on the old probe
        self._write_sample()  # a text prompt: the sample continues it
        return self.snapshot(self.probes)

    @property
    def sample_prompt(self) -> str:
        """The text the samples continue: the learner's prompt, or none."""
        return "" if self.probe_values is None else str(self.probe_values.get("prompt", ""))

    def _spectra(self, model: SequenceModel, x: np.ndarray, trace) -> tuple:
        """``(factor (L, tau + 1), the step it was measured at, W_hh's singular values)``:
        measured anew when the step changed and the time since the last measurement is at
        least its cost over ``spectra_share`` (so it takes at most that share of the
        running time); else the last measurement. Layers wider than ``SPECTRA_MAX_H``
        have no singular values (an eigen-decomposition of H x H every time)."""
        T, now = x.shape[0], self.clock()
        last = self._spectra_last
        fresh = (
            last is None
            or last[0].shape[1] != T
            or (
                last[1] != self.step
                and now - self._spectra_at >= self._spectra_cost / self.spectra_share
            )
        )
        if fresh:
            trace = [{k: v[:T] for k, v in lay.items()} for lay in trace]
            with np.errstate(all="ignore"):  # a diverging model's NaN is shown as a gap
                factor = step_factors(model, x, trace)
                singular = (
                    recurrent_singular_values(model)
                    if model.hidden_size <= SPECTRA_MAX_H
                    and all(np.isfinite(lay.p["weight_hh"]).all() for lay in model.layers)
                    else []
                )
            self._spectra_cost = self.clock() - now
            self._spectra_at = now
            self._spectra_last = last = (factor, self.step, singular)
        return last

    def snapshot(self, probe: bool = True, full_history: bool = False) -> Snapshot:
        """A frozen copy of the run's state now. Its ``new_steps`` and ``new_evals`` are
        the history rows no snapshot has handed out yet (all of them for the first
        snapshot of a fresh or a restored trainer), or with ``full_history`` the whole
        history (a panel that draws a run from scratch)."""
        step0, elapsed0 = self._last_snap
        if self.step > step0 and self.elapsed > elapsed0:
            self._rate = (self.step - step0) / (self.elapsed - elapsed0)
        self._last_snap = (self.step, self.elapsed)
        seen_step, seen_evals = (0, 0) if full_history else (self._seen_step, self._seen_evals)
        new_steps = self.history.steps_after(seen_step)
        new_evals = self.history.evals_since(seen_evals)
        self._seen_step, self._seen_evals = self.step, self.history.evals_added
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
            sample_prompt=self.sample_prompt if self.sample_text else "",
            probe_values=None if self.probe_values is None else frozen_map(self.probe_values),
            stop_when_solved=self.config.stop_when_solved,
        )

    # ---------------------------------------------------------------- the loop
    def run(self, control: Control | None = None, probes: bool = True) -> Iterator[Snapshot]:
        """Train until the step budget, a stop request, the solved criterion (when
        ``stop_when_solved``) or divergence; yield snapshots on the way (a ``Driver``
        runs the trainer between the commands of ``control``).

        The first snapshot shows the model before the next step, the last one has
        ``done`` set. Snapshots come at most every ``snapshot_every`` steps, at most
        ``snapshot_hz`` times a second and spaced so that they take at most
        ``snapshot_share`` of the running time (a probe of 2000 steps costs half a
        training step), plus one after each step run while paused.
        ``probes=False`` leaves out the probe sequence (the command line needs none).
        """
        return Driver(self, control).run(probes)

    # ---------------------------------------------------------------- as a runner
    def begin(self, probes: bool) -> None:
        """Before a driver's first step: the snapshots carry probes, the evaluations
        write text samples, when ``probes``."""
        self.probes = self.write_samples = probes
        self.status = "running"

    def advance(self) -> str | None:
        """One optimisation step, as every run takes it (alone, in a race, in a sweep),
        and the held-out evaluation when one is due; their time (only) is added to
        ``elapsed``. None while the run goes on, else how it ended: ``finished`` (the
        budget was reached before this step: none was taken), ``solved`` (at an
        evaluation, with ``stop_when_solved``) or ``diverged`` (the weights are those
        before the step)."""
        cfg = self.config
        if self.step >= cfg.steps:  # the budget may have been lowered below the step
            return "finished"
        tick = self.clock()
        try:
            self.train_step()
        except NonFiniteError as e:
            self.elapsed += self.clock() - tick
            self.last_loss, self.last_grad_norm = e.loss, e.grad_norm
            return "diverged"
        self.elapsed += self.clock() - tick
        self.history.add_step(self.step, self.elapsed, self.last_loss, self.lr, self.last_grad_norm)
        if self.step % cfg.eval_every == 0 or self.step == cfg.steps:
            self._evaluate()
            if cfg.stop_when_solved and self.solved:
                return "solved"
        return None

    def report(self, status: str | None = None) -> Snapshot:
        """A snapshot (``probes`` as ``begin`` set), with ``status`` when given; the time
        it takes counts as the run's."""
        if status is not None:
            self.status = status
        tick = self.clock()
        snap = self.snapshot(self.probes)
        self.elapsed += self.clock() - tick
        return snap

    def apply(self, command: Command) -> bool:
        """A new setting: ``SetLr``, ``SetClip``, ``SetBudget`` or ``SetTemperature``
        (``training.commands``). True: the next snapshot shows a change."""
        if isinstance(command, SetLr):
            self.optimizer.lr = command.lr
            self.config = self.config.replace(lr=command.lr)
        elif isinstance(command, SetClip):
            self.clip = command.clip
        elif isinstance(command, SetBudget):
            self.config = self.config.replace(
                steps=command.steps, stop_when_solved=command.stop_when_solved
            )
        elif isinstance(command, SetTemperature):
            self.temperature = command.temperature
            self._write_sample()
        elif isinstance(command, SetSampling):
            self.sample_length, self.sample_seed = command.length, command.seed
            self._write_sample()
        else:
            raise ValueError(tr("training", "not a Control setting: {key!r}", key=command))
        return True

    def answer(self, request: Request) -> Any:
        """What ``request`` asks of this trainer (``commands.REQUESTS``)."""
        return REQUESTS[request.name](self, *request.args)

    def close(self, status: str) -> Snapshot:
        """End the run with ``status`` and the message that says how; the last snapshot."""
        message = end_message(status, self.step, self.last_loss, self.last_grad_norm)
        tick = self.clock()
        snap = self.end(status, message, self.probes)
        self.elapsed += self.clock() - tick
        return snap

    def charge(self, seconds: float) -> None:
        """Slow motion's waits: counted as the run's time, as the learner sees it."""
        self.elapsed += seconds

    def finish(self, status: str, message: str) -> None:
        """Close the run: evaluate the final (finite) weights, set the status."""
        if self.eval_step != self.step:
            self._evaluate()
        self.status, self.message = status, message

    def end(self, status: str, message: str, probe: bool = True) -> Snapshot:
        """``finish``, then the last snapshot."""
        self.finish(status, message)
        return self.snapshot(probe)

    def _evaluate(self, timed: bool = True) -> None:
        tick = self.clock() if timed else 0.0
        self.metrics = self.evaluate()
        self.eval_step = self.step
        self.history.add_eval(self.step, self.elapsed, self.metrics)
        if self.solved_at is None and self.solved:
            self.solved_at = self.step
        self._write_sample()
        if timed:
            self.elapsed += self.clock() - tick

    def _write_sample(self) -> None:
        """Text tasks: let the model write ``sample_length`` characters at the current
        temperature, after the learner's prompt if there is one, with ``sample_seed``
        or the step as the seed (a generator of its own, so the training data stream is
        untouched)."""
        generate = getattr(self.task, "generate", None)
        if not self.write_samples or generate is None or getattr(self.task, "mode", "") == "csv":
            return
        seed = self.step if self.sample_seed is None else self.sample_seed
        self.sample_text = generate(
            self._copy("sample"), self.sample_prompt, self.sample_length, self.temperature, seed
        )

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
            "probe": self.probe_values,
            "sampling": {"length": self.sample_length, "seed": self.sample_seed},
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
        """The trainer ``state()`` described, ready to go on where it stopped (its
        first snapshot hands out the whole history). ``SavedRun.read`` checks it all."""
        saved = SavedRun.read(arrays, meta, task)
        t = cls.__new__(cls)
        t._setup(saved.config, saved.task, clock, saved.model, saved.optimizer)
        t.rng, t.history = saved.rng, saved.history
        t.step, t.elapsed = saved.step, saved.elapsed
        t.last_loss, t.last_grad_norm = saved.last_loss, saved.last_grad_norm
        t.eval_step, t.metrics, t.solved_at = saved.eval_step, saved.metrics, saved.solved_at
        t.probe_values, t._probe_batch = saved.probe_values, saved.probe_batch
        t.sample_length, t.sample_seed = saved.sample_length, saved.sample_seed
        t._last_snap = (t.step, t.elapsed)
        t._write_sample()
        return t


@dataclass
class SavedRun:
    """What ``Trainer.state()`` saved, read back and checked whole: the config, the task,
    the model, the optimizer, the history and the data stream, loaded, and the values
    of ``meta``. Nothing is evaluated yet: ``Trainer.restore`` goes on from here, and the
    window checks a run file with it before its training process opens the run."""

    config: TrainConfig
    task: Task
    model: SequenceModel
    optimizer: Optimizer
    history: History
    rng: np.random.Generator
    step: int
    elapsed: float
    last_loss: float
    last_grad_norm: float
    eval_step: int
    metrics: dict[str, float]
    solved_at: int | None
    probe_values: dict[str, Any] | None = None  # the learner's probe (None: held-out)
    probe_batch: Any = None  # its Batch
    sample_length: int = 160
    sample_seed: int | None = None

    @classmethod
    def read(
        cls, arrays: Mapping[str, np.ndarray], meta: Mapping[str, Any], task: Task | None = None
    ) -> SavedRun:
        """Raises ValueError, KeyError, TypeError ... naming what does not fit
        (``io.runs`` turns them into one message)."""
        config = TrainConfig.from_dict(meta["config"])
        task = task if task is not None else make_task(config.task, **config.task_params)

        def pick(prefix: str) -> dict[str, np.ndarray]:
            return {k[len(prefix) :]: v for k, v in arrays.items() if k.startswith(prefix)}

        _check_shapes(config, task, pick("model."))  # a small file may claim a huge model
        check_size(config, task)
        model = build_model(config, task.input_size, task.output_size)
        model.load_state_dict(pick("model."))
        optimizer = build_optimizer(config, model)
        optimizer.load_state_dict(pick("optimizer."))
        metrics = {str(k): float(v) for k, v in dict(meta["metrics"]).items()}
        task.solved(metrics)  # the task's own metrics: a KeyError names one that is missing
        history = History(tuple(metrics), Trainer.history_capacity)
        history.load_state_dict(pick("history."))
        rng = np.random.default_rng([config.seed, 1])
        rng.bit_generator.state = meta["rng"]
        # the run as it stood: its learning rate and clipping may have changed since
        config = config.replace(lr=optimizer.lr, clip=float(meta["clip"]))
        solved_at = meta["solved_at"] if "solved_at" in meta else _first_solved(history, task)
        # files from before the learner's probe and the sample settings: the defaults
        probe = meta.get("probe")
        if probe is not None and not isinstance(probe, dict):
            raise TypeError(tr("training", "the probe must be a table of values"))
        probe_batch = task.probe_batch(probe)  # the task checks it (a ProbeError says why)
        sampling = meta.get("sampling") or {}
        length = FIELDS["sample_length"].check(
            "length", sampling.get("length", FIELDS["sample_length"].default)
        )
        seed = sampling.get("seed")
        seed = None if seed is None else FIELDS["sample_seed"].check("seed", seed)
        return cls(
            config=config,
            task=task,
            model=model,
            optimizer=optimizer,
            history=history,
            rng=rng,
            step=int(meta["step"]),
            elapsed=float(meta["elapsed"]),
            last_loss=float(meta["last_loss"]),
            last_grad_norm=float(meta["last_grad_norm"]),
            eval_step=int(meta["eval_step"]),
            metrics=metrics,
            solved_at=None if solved_at is None else int(solved_at),
            probe_values=probe,
            probe_batch=probe_batch,
            sample_length=int(length),
            sample_seed=seed,
        )


def _first_solved(history: History, task: Task) -> int | None:
    """The step of the first evaluation in ``history`` that met the task's criterion
    (for run files saved before ``solved_at`` was kept)."""
    evals = history.evals()
    for row, step in enumerate(evals["step"]):
        if task.solved({k: float(evals[k][row]) for k in history.metric_names}):
            return int(step)
    return None


def _norm(a: np.ndarray) -> float:
    flat = a.ravel().astype(np.float64)  # float32 squares overflow near 1e19
    return float(np.sqrt(np.dot(flat, flat)))


def train(config: TrainConfig, control: Control | None = None) -> Iterator[Snapshot]:
    """``Trainer(config).run(control)``: the snapshots of a fresh run."""
    return Trainer(config).run(control)
