"""Cells side by side: a race on one task, and a sweep of the memory lag.

The lesson of the long-lag tasks is *where* each cell fails as the lag grows: a
plain RNN's gradient fades over a few dozen steps, an LSTM or a GRU carries it
much further. Two experiments show it.

``Race`` trains 2 to 5 cells on the same task, from the same seed, on exactly
the same batches (every trainer draws its data from ``default_rng([seed, 1])``),
one step each in turn, so the loss curves, the gradient-decay curves and the
wall time to a solution can be compared live::

    race = Race(TrainConfig.from_preset("adding", steps=2000), ["rnn", "lstm", "gru"])
    for snap in race.run():
        for lane in snap.lanes:
            print(lane.cell, lane.step, lane.loss, lane.solved_step)
    print(race_table_csv(snap))

``LagSweep`` trains each cell at each lag of the adding problem (its length T)
or of copy (its delay) for a fixed step budget, and charts the final held-out
metric against the lag, one curve per cell::

    sweep = LagSweep(TrainConfig.from_preset("adding"), ["rnn", "lstm"], steps=1000)
    for snap in sweep.run():
        print(f"{snap.progress:.0%}", snap.current)
    lags, metric = snap.series()["lstm"]

Both are generators steered by a ``Control`` between steps, like ``Trainer.run``,
and both are deterministic: the same config and seed give the same results. No Qt
here; the window iterates them in its training process.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from ..engine import CELLS, NonFiniteError
from ..tasks import TASKS, make_task
from ..translations import tr, tr_n, translate
from .config import TrainConfig
from .loop import Control, Trainer, end_message
from .snapshot import Snapshot, frozen, frozen_map

MAX_CELLS = 5  # the window has a colour and a panel row for at most five
LAG_PARAMS = {"adding": "steps", "copy": "delay"}  # task -> the parameter that sets the lag
DEFAULT_LAGS = (5, 10, 20, 50, 100, 200)
_ENDED = ("finished", "solved", "stopped", "diverged")


# ============================================================================ shared pieces
def _check_cells(cells: Any, low: int, high: int, what: str) -> tuple[str, ...]:
    """``cells`` as a tuple of distinct known cell names, or a ValueError naming the problem."""
    if isinstance(cells, str) or not isinstance(cells, Sequence):
        raise ValueError(
            tr(
                "compare",
                "{what} needs a list of cell names, got {cells!r}",
                what=what,
                cells=cells,
            )
        )
    cells = tuple(cells)
    if len(cells) < low:
        raise ValueError(
            tr_n(
                "compare",
                low,
                "{what} needs at least {low} cell, got {n}",
                "{what} needs at least {low} cells, got {n}",
                what=what,
                low=low,
                n=len(cells),
            )
        )
    if len(cells) > high:
        raise ValueError(
            tr(
                "compare",
                "{what} takes at most {high} cells, got {n}",
                what=what,
                high=high,
                n=len(cells),
            )
        )
    for cell in cells:
        if not isinstance(cell, str) or cell not in CELLS:
            raise ValueError(
                tr(
                    "compare",
                    "unknown cell {cell!r}; the cells are {cells}",
                    cell=cell,
                    cells=", ".join(CELLS),
                )
            )
    twice = sorted({c for c in cells if cells.count(c) > 1})
    if twice:
        raise ValueError(
            tr(
                "compare",
                "{what} lists the cell {cell!r} more than once",
                what=what,
                cell=twice[0],
            )
        )
    return cells


def _evaluate(trainer: Trainer, clock: Callable[[], float]) -> None:
    """A held-out evaluation, its time added to the trainer's ``elapsed``."""
    tick = clock()
    trainer._evaluate()
    trainer.elapsed += clock() - tick


def _advance(trainer: Trainer, clock: Callable[[], float]) -> tuple[str | None, str]:
    """One optimisation step of ``trainer``, taken exactly as ``Trainer.run`` takes it.

    Only the step and the evaluation it triggers are added to ``trainer.elapsed``
    (no snapshots, no pauses, no slow-motion waits), so cells sharing a thread
    are timed fairly.

    Returns
    -------
    (status, message)
        ``("finished" | "solved" | "diverged", message)`` when the trainer is done
        (close it with ``_close``), ``(None, "")`` while it goes on.
    """
    cfg = trainer.config
    if trainer.step >= cfg.steps:  # the budget may have been lowered below the step
        return "finished", end_message("finished", trainer.step)
    tick = clock()
    try:
        trainer.train_step()
    except NonFiniteError as e:
        trainer.elapsed += clock() - tick
        trainer.last_loss, trainer.last_grad_norm = e.loss, e.grad_norm
        return "diverged", end_message("diverged", trainer.step, e.loss, e.grad_norm)
    trainer.elapsed += clock() - tick
    trainer.history.add_step(
        trainer.step, trainer.elapsed, trainer.last_loss, trainer.lr, trainer.last_grad_norm
    )
    if trainer.step % cfg.eval_every == 0 or trainer.step == cfg.steps:
        _evaluate(trainer, clock)
        if cfg.stop_when_solved and trainer.solved:
            return "solved", end_message("solved", trainer.step)
    if trainer.step >= cfg.steps:
        return "finished", end_message("finished", trainer.step)
    return None, ""


def _close(trainer: Trainer, clock: Callable[[], float], status: str, message: str) -> None:
    """End a trainer's run: evaluate the final (finite) weights, set its status."""
    if trainer.eval_step != trainer.step:
        _evaluate(trainer, clock)
    trainer.status, trainer.message = status, message


def _run_calls(control: Control, runner: Any) -> None:
    """Run the functions queued with ``Control.call`` on ``runner`` (the Race or the
    LagSweep), between steps (none of it counts as training time). A loop that did not
    take them would spin while paused, since a queued call wakes ``Control._wait``."""
    for fn in control._take_calls():
        fn(runner)


def _number(value: Any) -> str:
    """A CSV field: full precision (``repr`` round-trips a float), empty for None."""
    if value is None:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return repr(float(value))
    return str(value)


# ============================================================================ the race
@dataclass(frozen=True)
class RaceLane:
    """One cell of a race at the moment of a ``RaceSnapshot``.

    Attributes
    ----------
    cell : the cell's name (``lstm``, ``gru``, ...)
    snapshot : the cell's own ``Snapshot``, from its ``Trainer``: its ``new_steps``
        and ``new_evals`` carry the history rows since the previous race snapshot
        (empty once the cell has dropped out), its ``probe`` (None when the race
        runs without probes) the gradient-decay curves ``decay_dh``
    solved_step : the step of the first held-out evaluation that met the task's
        criterion, None while it has not
    solved_time : the cell's own wall time (seconds of its steps and evaluations)
        when that evaluation was done, None while not solved
    """

    cell: str
    snapshot: Snapshot
    solved_step: int | None = None
    solved_time: float | None = None

    @property
    def status(self) -> str:
        """running, paused, or how the cell ended: finished, solved, stopped, diverged."""
        return self.snapshot.status

    @property
    def step(self) -> int:
        return self.snapshot.step

    @property
    def loss(self) -> float:
        """The latest training loss (the non-finite one for a diverged cell)."""
        return self.snapshot.loss

    @property
    def heldout_loss(self) -> float:
        return self.snapshot.heldout_loss

    @property
    def metrics(self) -> Mapping[str, float]:
        """The latest held-out loss and metrics (the final weights' once done)."""
        return self.snapshot.metrics

    @property
    def solved(self) -> bool:
        """The latest held-out evaluation meets the task's criterion."""
        return self.snapshot.solved

    @property
    def elapsed(self) -> float:
        """Seconds spent in this cell's steps and evaluations."""
        return self.snapshot.elapsed

    @property
    def done(self) -> bool:
        """The cell has dropped out of the race (or the race is over)."""
        return self.snapshot.done


@dataclass(frozen=True)
class RaceSnapshot:
    """The state of every cell of a race; picklable (the window's training process
    sends it through a pipe).

    Attributes
    ----------
    task : the task's name
    primary_metric : the name of the task's headline metric (``task.primary_metric``)
    lanes : one ``RaceLane`` per cell, in the race's order
    status : ``running``, ``paused``, ``finished`` (every cell ended on its own) or
        ``stopped``
    rounds : rounds run so far (one step for each cell still racing)
    message : how the race ended, once it has
    """

    task: str
    primary_metric: str
    lanes: tuple[RaceLane, ...]
    status: str
    rounds: int = 0
    message: str = ""

    @property
    def done(self) -> bool:
        """True for the last snapshot of a race."""
        return self.status in ("finished", "stopped")

    @property
    def cells(self) -> tuple[str, ...]:
        return tuple(lane.cell for lane in self.lanes)

    def lane(self, cell: str) -> RaceLane:
        """The lane of ``cell``; KeyError if it is not in the race."""
        for lane in self.lanes:
            if lane.cell == cell:
                return lane
        raise KeyError(cell)

    @property
    def metric_key(self) -> str:
        """The table's column of the primary metric: ``heldout_<name>`` (for the adding
        problem, whose primary metric is the loss, that is ``heldout_loss``)."""
        return "heldout_" + self.primary_metric

    @property
    def columns(self) -> tuple[str, ...]:
        """The keys of ``table()``'s rows, in order (the CSV header)."""
        metric = () if self.metric_key == "heldout_loss" else (self.metric_key,)
        return (
            ("cell", "steps", "train_loss", "heldout_loss")
            + metric
            + ("solved_step", "solved_seconds", "status")
        )

    def table(self) -> list[dict[str, Any]]:
        """One row per cell: ``{column: value}`` with the keys of ``columns``.

        ``steps`` and ``solved_step`` are ints, the losses, the metric and
        ``solved_seconds`` floats; ``solved_step`` and ``solved_seconds`` are None
        for a cell that has not solved the task.
        """
        rows = []
        for lane in self.lanes:
            row = {
                "cell": lane.cell,
                "steps": int(lane.step),
                "train_loss": float(lane.loss),
                "heldout_loss": float(lane.heldout_loss),
                self.metric_key: float(lane.metrics.get(self.primary_metric, math.nan)),
                "solved_step": lane.solved_step,
                "solved_seconds": lane.solved_time,
                "status": lane.status,
            }
            rows.append({k: row[k] for k in self.columns})
        return rows


def race_table_csv(snapshot: RaceSnapshot) -> str:
    """The race table as CSV text: a header (``snapshot.columns``) and one line per
    cell; floats in full precision, an empty field for None."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(snapshot.columns)
    for row in snapshot.table():
        writer.writerow([_number(row[k]) for k in snapshot.columns])
    return out.getvalue()


class Race:
    """Several cells trained side by side on one task, one step each in turn.

    Every cell gets its own ``Trainer`` built from ``config.replace(cell=cell)``:
    the same task (one shared instance, so its held-out set is built once), seed,
    hyperparameters and step budget. The trainers draw their batches from
    generators seeded alike, so every cell sees exactly the same sequence of
    batches, and interleaving changes nothing: each cell's losses are those of a
    lone ``Trainer`` with its config, step for step.

    Parameters
    ----------
    config
        The shared setup; its ``cell`` is ignored.
    cells
        2 to 5 distinct cell names, in the order of the lanes.
    clock
        Seconds, for the per-cell wall time and the snapshot rate (tests pass a fake).

    Attributes
    ----------
    trainers : ``{cell: Trainer}``, in the lanes' order (their histories are the full
        record of the race)
    task : the shared task
    """

    def __init__(
        self,
        config: TrainConfig,
        cells: Sequence[str],
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.cells = _check_cells(cells, 2, MAX_CELLS, tr("compare", "a race"))
        self.config = config
        self.clock = clock
        self.task = make_task(config.task, **config.task_params)
        self.trainers = {
            cell: Trainer(config.replace(cell=cell), self.task, clock) for cell in self.cells
        }
        self.status = "running"
        self.message = ""
        self.rounds = 0
        self._racing = list(self.cells)  # the cells still stepping
        # the cell's own time when it first solved the task (the step: Trainer.solved_at)
        self._solved_time: dict[str, float | None] = dict.fromkeys(self.cells)
        self._final: dict[str, Snapshot] = {}  # a dropped-out cell's last snapshot, rows emptied
        self._started = False
        for cell in self.cells:
            self._note_solved(cell)  # an untrained model could already meet the criterion

    # ---------------------------------------------------------------- pieces
    def _note_solved(self, cell: str) -> None:
        t = self.trainers[cell]
        if self._solved_time[cell] is None and t.solved_at is not None:
            self._solved_time[cell] = t.elapsed  # the solving evaluation's time included

    def _drop(self, cell: str, status: str, message: str) -> None:
        _close(self.trainers[cell], self.clock, status, message)
        self._note_solved(cell)
        self._racing.remove(cell)

    def _round(self) -> None:
        """One step for every cell still racing; the ones that end drop out."""
        for cell in list(self._racing):
            status, message = _advance(self.trainers[cell], self.clock)
            self._note_solved(cell)
            if status is not None:
                self._drop(cell, status, message)
        self.rounds += 1

    def _apply(self, changes: Mapping[str, Any]) -> None:
        """The Control's new settings, for every cell still racing."""
        for key, value in changes.items():
            for cell in self._racing:
                self.trainers[cell].apply(key, value)
            if key == "budget":
                steps, solved = value
                self.config = self.config.replace(steps=steps, stop_when_solved=solved)

    def _set_status(self, status: str) -> None:
        for cell in self._racing:
            self.trainers[cell].status = status

    def _lane_snapshot(self, cell: str, probes: bool) -> Snapshot:
        if cell in self._final:
            return self._final[cell]
        snap = self.trainers[cell].snapshot(probes)
        if cell not in self._racing:
            # later race snapshots repeat it without its rows, which were handed out now
            self._final[cell] = dataclasses.replace(
                snap,
                new_steps=frozen_map({k: frozen(v[:0]) for k, v in snap.new_steps.items()}),
                new_evals=frozen_map({k: frozen(v[:0]) for k, v in snap.new_evals.items()}),
            )
        return snap

    def snapshot(self, probes: bool = True) -> RaceSnapshot:
        """A frozen record of every lane now (hands out each trainer's new history rows)."""
        lanes = []
        for cell in self.cells:
            solved = (self.trainers[cell].solved_at, self._solved_time[cell])
            lanes.append(RaceLane(cell, self._lane_snapshot(cell, probes), *solved))
        return RaceSnapshot(
            task=self.config.task,
            primary_metric=self.task.primary_metric,
            lanes=tuple(lanes),
            status=self.status,
            rounds=self.rounds,
            message=self.message,
        )

    # ---------------------------------------------------------------- the loop
    def run(self, control: Control | None = None, probes: bool = True) -> Iterator[RaceSnapshot]:
        """Race until every cell has ended (budget, solved with ``stop_when_solved``, or
        diverged) or a stop request; yield ``RaceSnapshot``s on the way.

        Between rounds the ``Control`` is honoured as ``Trainer.run`` honours it:
        pause, resume, ``step(n)`` (n rounds, a snapshot after each), stop (every
        cell still racing ends ``stopped``), and new learning rate, clipping norm,
        budget or temperature for every cell still racing, ``Control.call(fn)`` as
        ``fn(trainer)`` for every cell's trainer in the lanes' order; the slow-motion delay
        waits after each round (not counted in any cell's wall time). The first
        snapshot shows the untrained models, then they come at most every
        ``snapshot_every`` rounds and ``snapshot_hz`` times a second, and the last
        one is ``done``. ``probes=False`` leaves out the probe sequences. A race
        runs once.
        """
        if self._started:
            raise RuntimeError(
                tr("compare", "this race has already run; build a new Race to race again")
            )
        self._started = True
        control = control if control is not None else Control()
        for t in self.trainers.values():
            t.write_samples = probes
        yield self.snapshot(probes)
        last_yield, last_round = self.clock(), self.rounds
        announced = False  # the paused snapshot has been sent
        while True:
            changes = control._take_changes()
            if changes:
                self._apply(changes)
                announced = False
            _run_calls(control, self)
            if control.stopped:
                for cell in list(self._racing):
                    step = self.trainers[cell].step
                    self._drop(cell, "stopped", end_message("stopped", step))
                self.status = "stopped"
                self.message = tr_n(
                    "compare",
                    self.rounds,
                    "stopped after {n} round",
                    "stopped after {n} rounds",
                    n=self.rounds,
                )
                yield self.snapshot(probes)
                return
            stepping = False
            if control.paused:
                stepping = control._take_step()
                if not stepping:
                    if not announced:
                        self.status = "paused"
                        self._set_status("paused")
                        yield self.snapshot(probes)
                        announced = True
                    control._wait()
                    continue
            self.status = "running"
            self._set_status("running")
            announced = False
            self._round()
            if not self._racing:
                self.status = "finished"
                self.message = tr("compare", "; ").join(
                    tr("compare", "{cell}: {message}", cell=c, message=self.trainers[c].message)
                    for c in self.cells
                )
                yield self.snapshot(probes)
                return
            if stepping:
                self.status = "paused"
                self._set_status("paused")
                yield self.snapshot(probes)
                announced = True
            elif (
                self.rounds - last_round >= self.config.snapshot_every
                and self.clock() - last_yield >= 1.0 / self.config.snapshot_hz
            ):
                yield self.snapshot(probes)
                last_yield, last_round = self.clock(), self.rounds
            if not stepping and control.delay > 0:
                control._sleep()


# ============================================================================ the lag sweep
class SweepResult(NamedTuple):
    """One finished run of a lag sweep."""

    cell: str
    lag: int
    metric: float  # the final weights' held-out primary metric
    solved: bool  # the final held-out evaluation meets the task's criterion
    steps: int  # steps trained (fewer than the budget when solved early or diverged)
    status: str  # finished, solved or diverged


@dataclass(frozen=True)
class SweepSnapshot:
    """A lag sweep's progress and its results so far; picklable.

    Attributes
    ----------
    task : ``adding`` or ``copy``
    lag_param : the task parameter the lag sets (``steps`` or ``delay``)
    metric : the name of the task's primary metric, the one ``results`` hold
    cells, lags : the sweep's cells and lags (every pair is one run)
    steps_per_run : the step budget of each run
    results : the finished runs, in the order they ran
    progress : 0 .. 1, finished runs plus the fraction of the current one, over
        the number of runs; never decreases while the sweep runs, is 1.0 when it
        completes, and after a stop counts the finished runs only
    current : ``(cell, lag)`` of the run in progress, None once done
    current_step : the step the current run has reached
    status : ``running``, ``paused``, ``finished`` (every run done) or ``stopped``
    message : how the sweep ended, once it has
    """

    task: str
    lag_param: str
    metric: str
    cells: tuple[str, ...]
    lags: tuple[int, ...]
    steps_per_run: int
    results: tuple[SweepResult, ...]
    progress: float
    current: tuple[str, int] | None
    current_step: int
    status: str
    message: str = ""

    @property
    def done(self) -> bool:
        """True for the last snapshot of a sweep."""
        return self.status in ("finished", "stopped")

    def series(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """For the chart: ``{cell: (lags (n,) int, metric (n,) float)}`` of the finished
        runs, by increasing lag; every cell has an entry (empty before its first run)."""
        out = {}
        for cell in self.cells:
            done = sorted((r.lag, r.metric) for r in self.results if r.cell == cell)
            lags = np.array([lag for lag, _ in done], np.int64)  # (n,)
            metric = np.array([m for _, m in done], np.float64)  # (n,)
            out[cell] = (lags, metric)
        return out


def lag_range(task: str) -> tuple[int, int]:
    """The lowest and highest lag ``task`` (``adding`` or ``copy``) accepts."""
    if task not in LAG_PARAMS:
        raise ValueError(
            tr(
                "compare",
                "a lag sweep needs a task with a lag ({tasks}); got {task!r}",
                tasks=", ".join(LAG_PARAMS),
                task=task,
            )
        )
    param = {p.name: p for p in TASKS[task].params}[LAG_PARAMS[task]]
    return int(param.low), int(param.high)


def default_lags(task: str) -> tuple[int, ...]:
    """``DEFAULT_LAGS`` that ``task`` accepts."""
    low, high = lag_range(task)
    return tuple(lag for lag in DEFAULT_LAGS if low <= lag <= high)


class LagSweep:
    """Train each cell at each lag for a fixed budget, and chart the final held-out
    metric against the lag: where does each cell stop learning?

    The lag is the adding problem's sequence length ``steps`` (the first marked
    value must be held for up to T steps) or copy's ``delay``. Runs go lag-major,
    by increasing lag: every cell's short lags come first, so a chart of a
    half-finished sweep already compares the cells where they all have points.

    Each run is ``run_config(cell, lag)``: the base config with that cell and lag,
    ``steps`` as its budget and ``stop_when_solved`` (default True: a solved run
    stops at the evaluation that solved it, so easy lags take little time and
    ``SweepResult.steps`` tells how fast; its metric is then the one at that
    evaluation). The learning rate, clipping, budget and temperature requests of
    a ``Control`` are ignored: every run of a sweep keeps the same
    hyperparameters, or the comparison would not be fair.

    Parameters
    ----------
    config
        The base setup; task ``adding`` or ``copy``; its ``cell`` is ignored.
    cells
        1 to 5 distinct cell names.
    lags
        Distinct whole numbers in the task's range for its lag parameter; by
        default ``DEFAULT_LAGS`` within that range.
    steps
        The step budget of every run; by default ``config.steps``.
    stop_when_solved
        End a run at the first evaluation that meets the task's criterion.
    clock
        Seconds, for the snapshot rate (tests pass a fake).
    """

    def __init__(
        self,
        config: TrainConfig,
        cells: Sequence[str],
        lags: Sequence[int] | None = None,
        steps: int | None = None,
        stop_when_solved: bool = True,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        low, high = lag_range(config.task)
        self.lag_param = LAG_PARAMS[config.task]
        self.cells = _check_cells(cells, 1, MAX_CELLS, tr("compare", "a lag sweep"))
        self.lags = default_lags(config.task) if lags is None else self._check_lags(lags, low, high)
        # replace() validates the budget and the flag with the config's own messages
        self.base = config.replace(
            steps=config.steps if steps is None else steps, stop_when_solved=stop_when_solved
        )
        self.steps = self.base.steps
        self.clock = clock
        self.metric = TASKS[config.task].primary_metric
        self.runs = tuple((cell, lag) for lag in self.lags for cell in self.cells)
        self.results: list[SweepResult] = []
        self._started = False

    def _check_lags(self, lags: Any, low: int, high: int) -> tuple[int, ...]:
        if isinstance(lags, str) or not isinstance(lags, Sequence) or not lags:
            raise ValueError(
                tr(
                    "compare",
                    "lags must be a non-empty list of whole numbers, got {lags!r}",
                    lags=lags,
                )
            )
        out = []
        for lag in lags:
            if isinstance(lag, (bool, np.bool_)) or not isinstance(lag, (int, np.integer)):
                raise ValueError(tr("compare", "lags must be whole numbers, got {lag!r}", lag=lag))
            if not low <= lag <= high:
                raise ValueError(
                    tr(
                        "compare",
                        "lag {lag} is outside the range of the {param!r} parameter "
                        "({low} .. {high})",
                        lag=int(lag),
                        param=self.lag_param,
                        low=low,
                        high=high,
                    )
                )
            if int(lag) in out:
                raise ValueError(tr("compare", "lag {lag} is listed more than once", lag=int(lag)))
            out.append(int(lag))
        return tuple(sorted(out))

    def run_config(self, cell: str, lag: int) -> TrainConfig:
        """The config of the run of ``cell`` at ``lag``."""
        params = {**self.base.task_params, self.lag_param: lag}
        return self.base.replace(cell=cell, task_params=params)

    def _snapshot(
        self, status: str, progress: float, current=None, step: int = 0, message: str = ""
    ) -> SweepSnapshot:
        return SweepSnapshot(
            task=self.base.task,
            lag_param=self.lag_param,
            metric=self.metric,
            cells=self.cells,
            lags=self.lags,
            steps_per_run=self.steps,
            results=tuple(self.results),
            progress=float(progress),
            current=current,
            current_step=step,
            status=status,
            message=message,
        )

    def run(self, control: Control | None = None) -> Iterator[SweepSnapshot]:
        """Train every (cell, lag) in turn; yield ``SweepSnapshot``s on the way.

        A snapshot comes first (no results yet), then during a run at most every
        ``snapshot_every`` steps and ``snapshot_hz`` times a second, after every step
        run while paused (``Control.step``), once when a pause begins, and after
        every finished run; the one after the last run is ``done``.
        ``control.stop()`` abandons the current run (its result is not recorded) and
        ends the sweep with every finished result; ``Control.call(fn)`` runs
        ``fn(trainer)`` on the current run's trainer. A sweep runs once.
        """
        if self._started:
            raise RuntimeError(
                tr("compare", "this sweep has already run; build a new LagSweep to run again")
            )
        self._started = True
        control = control if control is not None else Control()
        total = len(self.runs)
        gap = 1.0 / self.base.snapshot_hz
        yield self._snapshot("running", 0.0, self.runs[0], 0)
        last_yield = self.clock()
        for k, (cell, lag) in enumerate(self.runs):
            trainer = Trainer(self.run_config(cell, lag), clock=self.clock)
            trainer.write_samples = False
            last_step = 0
            announced = False

            def snap(status, trainer=trainer, k=k, current=(cell, lag)):
                progress = (k + min(trainer.step / trainer.config.steps, 1.0)) / total
                return self._snapshot(status, progress, current, trainer.step)

            while True:
                if control._take_changes():  # dropped: see the class docstring
                    announced = False
                _run_calls(control, self)
                if control.stopped:
                    yield self._snapshot(
                        "stopped",
                        len(self.results) / total,
                        message=tr_n(
                            "compare",
                            total,
                            "stopped after {done} of {total} run; the run of {cell} at "
                            "{param} {lag} was abandoned",
                            "stopped after {done} of {total} runs; the run of {cell} at "
                            "{param} {lag} was abandoned",
                            done=len(self.results),
                            total=total,
                            cell=cell,
                            param=translate("tasks", self.lag_param),
                            lag=lag,
                        ),
                    )
                    return
                stepping = False
                if control.paused:
                    stepping = control._take_step()
                    if not stepping:
                        if not announced:
                            yield snap("paused")
                            announced = True
                        control._wait()
                        continue
                announced = False
                status, message = _advance(trainer, self.clock)
                if status is not None:
                    break
                if stepping:
                    yield snap("paused")
                    announced = True
                elif (
                    trainer.step - last_step >= self.base.snapshot_every
                    and self.clock() - last_yield >= gap
                ):
                    yield snap("running")
                    last_yield, last_step = self.clock(), trainer.step
                if not stepping and control.delay > 0:
                    control._sleep()
            _close(trainer, self.clock, status, message)
            self.results.append(
                SweepResult(
                    cell=cell,
                    lag=lag,
                    metric=float(trainer.metrics[self.metric]),
                    solved=trainer.solved,
                    steps=trainer.step,
                    status=status,
                )
            )
            if k + 1 < total:
                yield self._snapshot(
                    "paused" if control.paused else "running",
                    (k + 1) / total,
                    self.runs[k + 1],
                    0,
                )
                last_yield = self.clock()
        message = tr_n(
            "compare", total, "finished its only run", "finished all {total} runs", total=total
        )
        yield self._snapshot("finished", 1.0, message=message)
