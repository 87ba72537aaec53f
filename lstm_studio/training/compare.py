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
    print(sweep_table_csv(snap))  # a line per run: its metric, when it solved, its seconds

Both are runners of ``training.driver``, like ``Trainer``: their ``run`` is the same
loop, steered by the same ``Control`` between steps. Both are deterministic: the same
config and seed give the same results. No Qt here; the window runs them in its training
process.
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

from ..engine import CELLS
from ..tasks import TASKS, make_task
from ..translations import tr, tr_n, translate
from .commands import Command, Control, SetBudget
from .config import MemoryLimitError, TrainConfig, memory_limit, size_text
from .driver import MILESTONE, Driver
from .loop import Trainer, check_size, end_message
from .snapshot import Snapshot, frozen, frozen_map

MAX_CELLS = 5  # the window has a colour and a panel row for at most five
LAG_PARAMS = {"adding": "steps", "copy": "delay"}  # task -> the parameter that sets the lag
DEFAULT_LAGS = (5, 10, 20, 50, 100, 200, 500, 1000)
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


def _advance(trainer: Trainer) -> str | None:
    """``Trainer.advance``, except that a cell or a sweep's run that reaches its budget
    ends with that step (not at its next turn): None while it goes on, else how it ended
    (close it with ``_finish``)."""
    status = trainer.advance()
    if status is None and trainer.step >= trainer.config.steps:
        status = "finished"
    return status


def _finish(trainer: Trainer, status: str) -> None:
    """End a trainer's run with ``status`` and the message that says how."""
    trainer.finish(
        status, end_message(status, trainer.step, trainer.last_loss, trainer.last_grad_norm)
    )


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
    solved_step: int | None
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

    #: the share of the running time the race's snapshots may take (every lane's probe)
    snapshot_share = Trainer.snapshot_share

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
        self._check_memory()
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
        self.probes = True
        for cell in self.cells:
            self._note_solved(cell)  # an untrained model could already meet the criterion

    # ---------------------------------------------------------------- pieces
    def _check_memory(self) -> None:
        """Every cell's trainer lives as long as the race: refuse, before any is built, a
        race whose cells together would take more memory than a run may (each one alone
        is checked by ``check_size``, which names it)."""
        need = sum(check_size(self.config.replace(cell=c), self.task) for c in self.cells)
        limit = memory_limit()
        if need > limit:
            raise MemoryLimitError(
                tr(
                    "compare",
                    "the race's {n} cells together would need about {need} of memory, "
                    "{over} more than the limit of {limit}: race fewer cells, or use fewer "
                    "hidden units, a smaller batch or shorter sequences",
                    n=len(self.cells),
                    need=size_text(need),
                    over=size_text(need - limit),
                    limit=size_text(limit),
                )
            )

    def _note_solved(self, cell: str) -> None:
        t = self.trainers[cell]
        if self._solved_time[cell] is None and t.solved_at is not None:
            self._solved_time[cell] = t.elapsed  # the solving evaluation's time included

    def _drop(self, cell: str, status: str) -> None:
        _finish(self.trainers[cell], status)
        self._note_solved(cell)
        self._racing.remove(cell)

    def _round(self) -> None:
        """One step for every cell still racing; the ones that end drop out."""
        for cell in list(self._racing):
            status = _advance(self.trainers[cell])
            self._note_solved(cell)
            if status is not None:
                self._drop(cell, status)
        self.rounds += 1

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

        The ``Driver`` runs the race as it runs a ``Trainer``, a round being its step:
        pause, resume, ``step(n)`` (n rounds, a snapshot after each), stop (every cell
        still racing ends ``stopped``); a new learning rate, clipping norm, budget or
        temperature reaches every cell still racing; ``Control.call(fn)`` runs
        ``fn(race)``; the slow-motion delay waits after each round (not counted in any
        cell's wall time). The first snapshot shows the untrained models, then they come
        at most every ``snapshot_every`` rounds and ``snapshot_hz`` times a second
        (within ``snapshot_share`` of the running time), and the last one is ``done``.
        ``probes=False`` leaves out the probe sequences. A race runs once.
        """
        return Driver(self, control).run(probes)

    # ---------------------------------------------------------------- as a runner
    def begin(self, probes: bool) -> None:
        if self._started:
            raise RuntimeError(
                tr("compare", "this race has already run; build a new Race to race again")
            )
        self._started = True
        self.probes = probes
        for t in self.trainers.values():
            t.write_samples = probes

    def advance(self) -> str | None:
        """A round; ``finished`` once every cell has ended on its own."""
        self._round()
        return None if self._racing else "finished"

    def report(self, status: str | None = None) -> RaceSnapshot:
        if status is not None:
            self.status = status
            for cell in self._racing:
                self.trainers[cell].status = status
        return self.snapshot(self.probes)

    def apply(self, command: Command) -> bool:
        """A new setting for every cell still racing."""
        for cell in self._racing:
            self.trainers[cell].apply(command)
        if isinstance(command, SetBudget):
            self.config = self.config.replace(
                steps=command.steps, stop_when_solved=command.stop_when_solved
            )
        return bool(self._racing)

    def close(self, status: str) -> RaceSnapshot:
        if status == "stopped":
            for cell in list(self._racing):
                self._drop(cell, "stopped")
            self.message = tr_n(
                "compare",
                self.rounds,
                "stopped after {n} round",
                "stopped after {n} rounds",
                n=self.rounds,
            )
        else:
            self.message = tr("compare", "; ").join(
                tr("compare", "{cell}: {message}", cell=c, message=self.trainers[c].message)
                for c in self.cells
            )
        self.status = status
        return self.snapshot(self.probes)

    def charge(self, seconds: float) -> None:
        """Slow motion is no cell's time: their times are compared."""


# ============================================================================ the lag sweep
class SweepResult(NamedTuple):
    """One finished run of a lag sweep."""

    cell: str
    lag: int
    metric: float  # the final weights' held-out primary metric
    solved: bool  # the final held-out evaluation meets the task's criterion
    steps: int  # steps trained (fewer than the budget when solved early or diverged)
    status: str  # finished, solved or diverged
    # the run's wall-clock seconds of steps and evaluations (``Trainer.elapsed``): slow
    # motion's waits and the snapshots are not counted, so runs compare fairly
    seconds: float
    # the step of the first held-out evaluation that met the criterion, None if none did
    # (0: the untrained model already met it)
    solved_step: int | None


#: the columns of ``SweepSnapshot.table()`` and of the CSV, in order; ``{metric}`` is
#: the task's primary metric (``heldout_loss`` for adding, ``heldout_symbol_accuracy``
#: for copy, the names of ``RaceSnapshot.columns``)
SWEEP_COLUMNS = (
    "task",
    "cell",
    "lag",
    "heldout_{metric}",
    "solved",
    "solved_step",
    "steps",
    "status",
    "seconds",
)


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

    @property
    def metric_key(self) -> str:
        """The column of the metric in ``table()`` and the CSV: ``heldout_<metric>``."""
        return "heldout_" + self.metric

    @property
    def columns(self) -> tuple[str, ...]:
        """The keys of ``table()``'s rows, in order (the CSV header): ``SWEEP_COLUMNS``
        with the metric's column named."""
        return tuple(c.format(metric=self.metric) for c in SWEEP_COLUMNS)

    def table(self) -> list[dict[str, Any]]:
        """One row per finished run, by increasing lag, then in the sweep's cell order:
        ``{column: value}`` with the keys of ``columns``.

        ``lag``, ``steps`` and ``solved_step`` are ints (``solved_step`` None for a run
        that never met the criterion), ``solved`` a bool, the metric and ``seconds``
        floats; ``task`` and ``cell`` are the registry names (``adding``, ``lstm``).
        """
        order = {cell: i for i, cell in enumerate(self.cells)}
        rows = []
        for r in sorted(self.results, key=lambda r: (r.lag, order.get(r.cell, len(order)))):
            values = (
                self.task,
                r.cell,
                int(r.lag),
                float(r.metric),
                bool(r.solved),
                None if r.solved_step is None else int(r.solved_step),
                int(r.steps),
                r.status,
                float(r.seconds),
            )
            rows.append(dict(zip(self.columns, values, strict=True)))
        return rows


def sweep_table_csv(snapshot: SweepSnapshot) -> str:
    """The sweep's results as CSV text: a header (``snapshot.columns``) and one line per
    finished run, in the order of ``table()``; floats in full precision, ``solved`` as
    ``True``/``False``, an empty ``solved_step`` for a run that never solved."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(snapshot.columns)
    for row in snapshot.table():
        writer.writerow([_number(row[k]) for k in snapshot.columns])
    return out.getvalue()


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
        self._check_memory()
        self.results: list[SweepResult] = []
        self.status = "running"
        self._started = False
        self._k = 0  # the run in progress (len(runs) once all are done)
        self._trainer: Trainer | None = None  # its trainer, once it has taken a step

    @property
    def config(self) -> TrainConfig:
        """The base setup (its ``snapshot_every`` and ``snapshot_hz`` pace the snapshots)."""
        return self.base

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

    def _check_memory(self) -> None:
        """Refuse the sweep now, before its first run, when the run of some cell at the
        longest lag (each cell's largest) would take more memory than a run may
        (``check_size``): a MemoryLimitError naming the cell, the lag and the estimate."""
        lag = self.lags[-1]
        for cell in self.cells:
            config = self.run_config(cell, lag)
            try:
                check_size(config, make_task(config.task, **config.task_params))
            except MemoryLimitError as e:
                raise MemoryLimitError(
                    tr(
                        "compare",
                        "the sweep's longest run, {cell} at {param} {lag}, is too large: "
                        "{problem}, or leave out the longest lags",
                        cell=cell,
                        param=translate("tasks", self.lag_param),
                        lag=lag,
                        problem=e,
                    )
                ) from None

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

        The ``Driver`` runs the sweep as it runs a ``Trainer``, a step of the current run
        being its step. A snapshot comes first (no results yet), then during a run at
        most every ``snapshot_every`` steps and ``snapshot_hz`` times a second, after
        every step run while paused (``Control.step``), once when a pause begins, and
        after every finished run; the one after the last run is ``done``.
        ``control.stop()`` abandons the current run (its result is not recorded) and
        ends the sweep with every finished result; ``Control.call(fn)`` runs
        ``fn(sweep)``. A sweep runs once.
        """
        return Driver(self, control).run()

    # ---------------------------------------------------------------- as a runner
    def begin(self, probes: bool) -> None:
        if self._started:
            raise RuntimeError(
                tr("compare", "this sweep has already run; build a new LagSweep to run again")
            )
        self._started = True

    def advance(self) -> str | None:
        """A step of the current run; when it ends, its result, and ``MILESTONE`` (the
        next snapshot shows it) or ``finished`` after the last run."""
        if self._k >= len(self.runs):
            return "finished"
        cell, lag = self.runs[self._k]
        if self._trainer is None:
            self._trainer = Trainer(self.run_config(cell, lag), clock=self.clock)
            self._trainer.write_samples = False
        trainer = self._trainer
        status = _advance(trainer)
        if status is None:
            return None
        _finish(trainer, status)
        self.results.append(
            SweepResult(
                cell=cell,
                lag=lag,
                metric=float(trainer.metrics[self.metric]),
                solved=trainer.solved,
                steps=trainer.step,
                status=status,
                seconds=float(trainer.elapsed),
                solved_step=trainer.solved_at,
            )
        )
        self._k, self._trainer = self._k + 1, None
        return "finished" if self._k == len(self.runs) else MILESTONE

    def report(self, status: str | None = None) -> SweepSnapshot:
        if status is not None:
            self.status = status
        total, t = len(self.runs), self._trainer
        if self._k >= total:
            return self._snapshot(self.status, 1.0)
        done = min(t.step / t.config.steps, 1.0) if t is not None else 0.0
        step = t.step if t is not None else 0
        return self._snapshot(self.status, (self._k + done) / total, self.runs[self._k], step)

    def apply(self, command: Command) -> bool:
        """Ignored: every run of a sweep keeps the same hyperparameters (see the class)."""
        return False

    def close(self, status: str) -> SweepSnapshot:
        total = len(self.runs)
        self.status = status
        if status == "stopped":
            cell, lag = self.runs[min(self._k, total - 1)]
            self._trainer = None
            return self._snapshot(
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
        message = tr_n(
            "compare", total, "finished its only run", "finished all {total} runs", total=total
        )
        return self._snapshot("finished", 1.0, message=message)

    def charge(self, seconds: float) -> None:
        """Slow motion is no run's time (``SweepResult.seconds``): the runs are compared."""
