"""The cell race and the lag sweep, driven directly: no Qt, no window."""

import csv
import dataclasses
import io
import math
import pickle
import subprocess
import sys
import time

import numpy as np
import pytest

from lstm_studio.training import Control, TrainConfig, Trainer
from lstm_studio.training.compare import (
    DEFAULT_LAGS,
    LagSweep,
    Race,
    RaceSnapshot,
    SweepResult,
    SweepSnapshot,
    default_lags,
    race_table_csv,
    sweep_table_csv,
)

ADDING = TrainConfig(
    task="adding", task_params={"steps": 10}, hidden_size=8, batch_size=8, steps=30, eval_every=10
)
COPY = TrainConfig(
    task="copy",
    task_params={"length": 2, "symbols": 4},
    hidden_size=6,
    batch_size=8,
    eval_every=10,
)
# copy learns fast enough here that some runs of a sweep solve it and one does not
# (rnn and lstm at delay 1 and the rnn at delay 8 solve within 200 steps, the lstm at 8 not)
LEARNS = COPY.replace(hidden_size=12, batch_size=16, lr=0.05)
# plain SGD at lr 1 without clipping: the rnn blows up within 20 steps, the lstm survives 30
ONE_DIVERGES = ADDING.replace(optimizer="sgd", lr=1.0, clip=0.0, steps=30)


class FakeClock:
    """Time advances only by `tick` per reading."""

    def __init__(self, tick=0.0):
        self.t, self.tick = 0.0, tick

    def __call__(self):
        self.t += self.tick
        return self.t


def _same(a, b):
    """Equal values, arrays compared by content (NaN equals NaN), records field by field."""
    if dataclasses.is_dataclass(a):
        return type(a) is type(b) and all(
            _same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a)
        )
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b, True)
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if hasattr(a, "keys"):
        return set(a) == set(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return a == b


def _losses(trainer):
    return trainer.history.steps()["loss"]


def test_imports_without_qt():
    blocked = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "PySide2")
    code = (
        f"import sys\nfor name in {blocked!r}:\n    sys.modules[name] = None\n"
        "import lstm_studio.training.compare\n"
        f"assert not [m for m in sys.modules if m.split('.')[0] in {blocked!r} and sys.modules[m]]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# ============================================================================ race
def test_every_cell_sees_exactly_the_same_batches():
    race = Race(ADDING.replace(steps=12), ["rnn", "lstm", "gru"])
    seen = []
    sample = race.task.sample  # one task, shared by the trainers

    def spy(rng, batch_size):
        batch = sample(rng, batch_size)
        seen.append(batch)
        return batch

    race.task.sample = spy
    list(race.run(probes=False))
    assert len(seen) == 3 * 12  # round robin: rnn, lstm, gru, rnn, ...
    for k in range(0, len(seen), 3):
        for other in seen[k + 1 : k + 3]:
            assert np.array_equal(seen[k].x, other.x)
            assert np.array_equal(seen[k].target, other.target)
    assert not np.array_equal(seen[0].x, seen[3].x)  # and the stream moves on
    states = [t.rng.bit_generator.state for t in race.trainers.values()]
    assert states[0] == states[1] == states[2]


def test_interleaving_changes_nothing():
    race = Race(ADDING, ["rnn", "gru"])
    snaps = list(race.run())
    assert [s.cells for s in snaps[:1]] == [("rnn", "gru")]
    for cell in ("rnn", "gru"):
        lone = Trainer(ADDING.replace(cell=cell))
        list(lone.run(probes=False))
        assert np.array_equal(_losses(race.trainers[cell]), _losses(lone))
        ours, theirs = race.trainers[cell].history.evals(), lone.history.evals()
        assert ours.keys() == theirs.keys()
        for k in ours:
            if k != "time":
                assert np.array_equal(ours[k], theirs[k]), k
        # the race's snapshots hand out every history row exactly once, per cell
        rows = np.concatenate([s.lane(cell).snapshot.new_steps["step"] for s in snaps])
        assert rows.tolist() == list(range(1, 31))
        evals = np.concatenate([s.lane(cell).snapshot.new_evals["step"] for s in snaps])
        assert evals.tolist() == [0, 10, 20, 30]
    # two histories from one seed and one data stream, yet different cells
    assert not np.array_equal(_losses(race.trainers["rnn"]), _losses(race.trainers["gru"]))


def test_race_starts_untrained_and_ends_done():
    snaps = list(Race(ADDING, ["rnn", "lstm"], clock=FakeClock(0.001)).run())
    first, last = snaps[0], snaps[-1]
    assert first.status == "running" and first.rounds == 0
    assert all(lane.step == 0 and math.isnan(lane.loss) for lane in first.lanes)
    assert last.done and last.status == "finished" and last.rounds == 30
    assert all(not s.done for s in snaps[:-1])
    for lane in last.lanes:
        assert lane.done and lane.status == "finished" and lane.step == 30
        assert lane.snapshot.eval_step == 30 and lane.elapsed > 0
        assert lane.snapshot.probe.decay_dh.ndim == 2  # the per-cell decay curve


def test_race_is_deterministic():
    a, b = Race(ADDING, ["lstm", "cifg"]), Race(ADDING, ["lstm", "cifg"])
    last_a, last_b = list(a.run(probes=False))[-1], list(b.run(probes=False))[-1]
    for cell in ("lstm", "cifg"):
        assert np.array_equal(_losses(a.trainers[cell]), _losses(b.trainers[cell]))
    timeless = lambda snap: [{**r, "solved_seconds": None} for r in snap.table()]  # noqa: E731
    assert timeless(last_a) == timeless(last_b)


def test_race_snapshots_are_capped_by_time():
    clock = FakeClock(tick=0.001)  # 20 a second means one per 50 readings
    snaps = list(Race(ADDING.replace(steps=200), ["rnn", "gru"], clock).run(probes=False))
    gaps = np.diff([s.rounds for s in snaps[1:-1]])
    assert len(snaps) < 40 and gaps.min() >= 5


def test_single_steps_pause_and_stop():
    control = Control()
    control.step(2)
    race = Race(ADDING, ["rnn", "lstm"])
    gen = race.run(control)
    snaps = [next(gen) for _ in range(3)]  # the start, then one per requested round
    assert [s.rounds for s in snaps] == [0, 1, 2]
    for s in snaps[1:]:
        assert s.status == "paused" and all(lane.status == "paused" for lane in s.lanes)
    assert [lane.step for lane in snaps[2].lanes] == [2, 2]
    control.stop()
    last = next(gen)
    assert last.done and last.status == "stopped"
    assert [(lane.status, lane.step) for lane in last.lanes] == [("stopped", 2)] * 2
    with pytest.raises(StopIteration):
        next(gen)
    with pytest.raises(RuntimeError, match="already run"):
        next(race.run())


def test_pausing_resuming_and_a_new_learning_rate_apply_to_every_cell():
    whole = Race(ADDING, ["rnn", "lstm"])
    list(whole.run(probes=False))

    control = Control()
    race = Race(ADDING.replace(snapshot_hz=1000), ["rnn", "lstm"], FakeClock(0.001))
    statuses, asked = [], []
    for snap in race.run(control, probes=False):
        statuses.append(snap.status)
        if snap.rounds >= 10 and not asked and "paused" not in statuses:
            control.pause()
            asked.append(snap.rounds)
        elif snap.status == "paused":
            control.resume()  # same thread: the loop's wait returns at once
    assert statuses.count("paused") == 1 and statuses[-1] == "finished"
    for cell in ("rnn", "lstm"):
        assert np.array_equal(_losses(whole.trainers[cell]), _losses(race.trainers[cell]))

    control = Control()
    race = Race(ADDING.replace(snapshot_hz=1000), ["rnn", "lstm"], FakeClock(0.001))
    for snap in race.run(control, probes=False):
        if snap.rounds == 10:
            control.set_lr(0.5)
            control.set_clip(0.0)
    for t in race.trainers.values():
        lr = t.history.steps()["lr"]
        assert np.all(lr[:10] == ADDING.lr) and np.all(lr[10:] == 0.5)
        assert t.clip == 0.0
    assert [lane.snapshot.lr for lane in snap.lanes] == [0.5, 0.5]


def test_calls_run_between_steps_on_the_race_and_the_sweep():
    control = Control()
    control.pause()
    race = Race(ADDING, ["rnn", "lstm"])
    gen = race.run(control, probes=False)
    assert next(gen).status == "running" and next(gen).status == "paused"
    seen = []
    control.call(lambda runner: seen.append((runner, runner.rounds)))
    control.step(1)  # wakes the loop: the call runs first, then one round
    assert next(gen).rounds == 1
    assert seen == [(race, 0)]

    control = Control()
    control.pause()
    sweep = LagSweep(COPY, ["gru"], lags=[2], steps=5)
    gen = sweep.run(control)
    assert next(gen).status == "running" and next(gen).status == "paused"
    control.call(lambda runner: seen.append((runner, len(runner.results))))
    control.stop()
    assert next(gen).status == "stopped"
    assert seen[-1] == (sweep, 0)


def test_a_diverging_cell_drops_out_and_the_others_go_on():
    race = Race(ONE_DIVERGES.replace(snapshot_hz=1000), ["rnn", "lstm"], FakeClock(0.001))
    snaps = list(race.run(probes=False))
    last = snaps[-1]
    rnn, lstm = last.lane("rnn"), last.lane("lstm")
    assert last.status == "finished"
    assert rnn.status == "diverged" and rnn.step < 30 and "diverged at step" in rnn.snapshot.message
    assert lstm.status == "finished" and lstm.step == 30
    assert all(np.isfinite(p).all() for p in race.trainers["rnn"].model.parameters().values())
    # its rows are handed out once, then its last snapshot is repeated without them
    rows = np.concatenate([s.lane("rnn").snapshot.new_steps["step"] for s in snaps])
    assert rows.tolist() == list(range(1, rnn.step + 1))
    after = [s.lane("rnn") for s in snaps if s.rounds > rnn.step + 1]
    assert after and all(lane.status == "diverged" and lane.step == rnn.step for lane in after)
    # and the lstm trained exactly as it would have alone
    lone = Trainer(ONE_DIVERGES.replace(cell="lstm"))
    list(lone.run(probes=False))
    assert np.array_equal(_losses(race.trainers["lstm"]), _losses(lone))


def test_solving_is_timed_per_cell():
    cfg = TrainConfig(
        task="binary-addition",
        task_params={"bits": 2},
        hidden_size=8,
        batch_size=16,
        lr=0.05,
        steps=400,
        eval_every=10,
        stop_when_solved=True,
    )
    race = Race(cfg, ["lstm", "gru"])
    last = list(race.run(probes=False))[-1]
    for lane in last.lanes:
        assert lane.status == "solved" and lane.solved
        assert lane.solved_step == lane.step and lane.solved_step % 10 == 0
        assert 0 < lane.solved_time <= lane.elapsed
        evals = race.trainers[lane.cell].history.evals()
        assert np.all(evals["sum_accuracy"][:-1] < 1.0)  # the first evaluation that solved it
    assert last.lane("lstm").step != last.lane("gru").step  # one of them is quicker


def test_table_and_csv_export():
    race = Race(COPY.replace(steps=20), ["rnn", "gru"])
    last = list(race.run(probes=False))[-1]
    assert last.columns == (
        "cell",
        "steps",
        "train_loss",
        "heldout_loss",
        "heldout_symbol_accuracy",
        "solved_step",
        "solved_seconds",
        "status",
    )
    rows = last.table()
    assert [r["cell"] for r in rows] == ["rnn", "gru"]
    assert all(list(r) == list(last.columns) for r in rows)
    text = race_table_csv(last)
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == ",".join(last.columns)
    assert len(parsed) == 2
    for row, back in zip(rows, parsed, strict=True):
        assert back["cell"] == row["cell"] and back["status"] == row["status"]
        assert int(back["steps"]) == row["steps"]
        for k in ("train_loss", "heldout_loss", "heldout_symbol_accuracy"):
            assert float(back[k]) == row[k] or math.isnan(row[k])  # full precision
        assert back["solved_step"] == "" and back["solved_seconds"] == ""  # None
    # the adding problem's primary metric is the held-out loss: no second column for it
    adding = list(Race(ADDING.replace(steps=2), ["rnn", "gru"]).run(probes=False))[-1]
    assert adding.metric_key == "heldout_loss" and len(adding.columns) == 7
    solved = dataclasses.replace(
        adding,
        lanes=(dataclasses.replace(adding.lanes[0], solved_step=2, solved_time=0.125),)
        + adding.lanes[1:],
    )
    back = list(csv.DictReader(io.StringIO(race_table_csv(solved))))[0]
    assert back["solved_step"] == "2" and back["solved_seconds"] == "0.125"


@pytest.mark.parametrize(
    "cells, words",
    [
        (["lstm"], "at least 2 cells, got 1"),
        (["rnn", "lstm", "gru", "peephole", "cifg", "rnn"], "at most 5 cells, got 6"),
        (["lstm", "gru", "lstm"], "cell 'lstm' more than once"),
        (["lstm", "transformer"], "unknown cell 'transformer'"),
        ("lstm", "list of cell names"),
    ],
)
def test_race_validation_names_the_problem(cells, words):
    with pytest.raises(ValueError, match=words):
        Race(ADDING, cells)


def test_a_race_snapshot_pickles_into_an_equal_one():
    snaps = list(Race(ADDING.replace(steps=3), ["rnn", "lstm"]).run())
    for snap in (snaps[0], snaps[-1]):
        copy = pickle.loads(pickle.dumps(snap))
        assert isinstance(copy, RaceSnapshot) and _same(copy, snap)
        h = copy.lanes[1].snapshot.probe.layers[0]["h"]
        assert not h.flags.writeable  # still read-only on the far side of the pipe


# ============================================================================ lag sweep
def test_sweep_runs_lag_major_and_progress_climbs_to_one():
    sweep = LagSweep(COPY, ["rnn", "lstm"], lags=[4, 1, 2], steps=20, clock=FakeClock(0.001))
    snaps = list(sweep.run())
    last = snaps[-1]
    assert sweep.lags == (1, 2, 4)  # shortest first
    order = [(r.cell, r.lag) for r in last.results]
    assert order == [(c, lag) for lag in (1, 2, 4) for c in ("rnn", "lstm")]
    assert all(r.steps == 20 and r.status == "finished" for r in last.results)
    assert last.done and last.status == "finished" and last.current is None
    assert last.progress == 1.0 and all(not s.done for s in snaps[:-1])
    progress = [s.progress for s in snaps]
    assert progress[0] == 0.0 and np.all(np.diff(progress) >= 0)
    assert any(0 < s.current_step < 20 for s in snaps)  # snapshots during runs too
    # results only grow, and each is the final held-out metric of that run
    for a, b in zip(snaps, snaps[1:], strict=False):
        assert b.results[: len(a.results)] == a.results
    lone = Trainer(sweep.run_config("lstm", 2))
    list(lone.run(probes=False))
    assert last.results[3].metric == lone.metrics["symbol_accuracy"]
    assert last.results[3].solved == lone.solved


def test_sweep_is_deterministic_and_charts_by_cell():
    runs = [
        list(LagSweep(ADDING, ["rnn", "gru"], lags=[5, 8], steps=20).run())[-1] for _ in range(2)
    ]
    # the same results but for the wall-clock seconds, which no seed fixes
    assert [r._replace(seconds=0.0) for r in runs[0].results] == [
        r._replace(seconds=0.0) for r in runs[1].results
    ]
    series = runs[0].series()
    assert list(series) == ["rnn", "gru"]
    lags, metric = series["gru"]
    assert lags.tolist() == [5, 8] and lags.dtype == np.int64
    assert metric.tolist() == [r.metric for r in runs[0].results if r.cell == "gru"]
    assert runs[0].metric == "loss" and runs[0].lag_param == "steps"


def test_stopping_a_sweep_keeps_the_finished_runs():
    full = list(LagSweep(COPY, ["rnn", "gru"], [0, 3], 20, True, FakeClock(1)).run())[-1]
    control = Control()
    sweep = LagSweep(COPY.replace(snapshot_hz=1000), ["rnn", "gru"], [0, 3], 20, True, FakeClock(1))
    snaps = []
    for snap in sweep.run(control):
        snaps.append(snap)
        if len(snap.results) == 2 and snap.current_step >= 5:
            control.stop()  # mid-way through the third run
    last = snaps[-1]
    assert last.done and last.status == "stopped" and "abandoned" in last.message
    assert last.results == full.results[:2]
    assert last.progress == 0.5 and last.current is None
    assert snaps[-2].current == ("rnn", 3) and snaps[-2].current_step >= 5
    assert [s.done for s in snaps].count(True) == 1


def test_sweep_single_steps_and_pauses():
    control = Control()
    control.step(3)
    gen = LagSweep(COPY, ["lstm"], lags=[1, 2], steps=2).run(control)
    snaps = [next(gen) for _ in range(4)]
    # a step each: the first run ends at its second step, the third is the next run's first
    assert [(s.current, s.current_step, s.status) for s in snaps] == [
        (("lstm", 1), 0, "running"),
        (("lstm", 1), 1, "paused"),
        (("lstm", 2), 0, "paused"),
        (("lstm", 2), 1, "paused"),
    ]
    assert len(snaps[2].results) == 1 and snaps[2].progress == 0.5
    control.resume()
    last = list(gen)[-1]
    assert last.status == "finished" and len(last.results) == 2


@pytest.mark.parametrize(
    "config, kw, words",
    [
        (ADDING.replace(task="echo", task_params={}), {}, "task with a lag.*got 'echo'"),
        (ADDING, {"lags": [5, 2001]}, "lag 2001 is outside.*'steps'.*5 .. 2000"),
        (ADDING, {"lags": [4]}, "lag 4 is outside"),
        (COPY, {"lags": [1, 2.5]}, "whole numbers, got 2.5"),
        (COPY, {"lags": [3, 3]}, "lag 3 is listed more than once"),
        (COPY, {"lags": []}, "non-empty"),
        (COPY, {"cells": []}, "at least 1 cell, got 0"),
        (COPY, {"cells": ["rnn", "lstm", "gru", "peephole", "cifg", "rnn"]}, "at most 5"),
        (COPY, {"steps": 0}, "steps must be in 1"),
    ],
)
def test_sweep_validation_names_the_problem(config, kw, words):
    kw = {"cells": ["lstm"], **kw}
    with pytest.raises(ValueError, match=words):
        LagSweep(config, **kw)


def test_sweep_defaults():
    sweep = LagSweep(TrainConfig.from_preset("copy"), ["rnn", "lstm"])
    assert sweep.lags == DEFAULT_LAGS == default_lags("adding") == default_lags("copy")
    assert sweep.steps == TrainConfig.from_preset("copy").steps
    assert sweep.run_config("rnn", 50).task_params["delay"] == 50
    assert sweep.run_config("rnn", 50).stop_when_solved
    assert len(sweep.runs) == 16 and sweep.runs[:2] == (("rnn", 5), ("lstm", 5))


def test_a_sweep_snapshot_pickles_into_an_equal_one():
    snap = list(LagSweep(COPY, ["rnn", "lstm"], lags=[1], steps=3).run())[-1]
    copy = pickle.loads(pickle.dumps(snap))
    assert isinstance(copy, SweepSnapshot) and _same(copy, snap) and copy == snap
    assert isinstance(copy.results[0], SweepResult)


def test_sweep_results_say_when_each_run_solved_and_how_long_it_took():
    sweep = LagSweep(LEARNS, ["rnn", "lstm"], lags=[1, 8], steps=200)
    t0 = time.perf_counter()
    last = list(sweep.run())[-1]
    wall = time.perf_counter() - t0
    results = {(r.cell, r.lag): r for r in last.results}
    assert {k for k, r in results.items() if r.solved} == {("rnn", 1), ("lstm", 1), ("rnn", 8)}
    for (cell, lag), r in results.items():
        lone = Trainer(sweep.run_config(cell, lag))
        list(lone.run(probes=False))
        assert r.solved_step == lone.solved_at  # the step of the first solving evaluation
        if r.solved:  # it stopped at the evaluation that solved it
            assert r.status == "solved" and r.solved_step == r.steps < 200
            assert r.solved_step % LEARNS.eval_every == 0
        else:
            assert r.status == "finished" and r.solved_step is None and r.steps == 200
        assert isinstance(r.seconds, float) and r.seconds > 0
    assert sum(r.seconds for r in last.results) < wall  # each run's own time, no more
    # the long unsolved run took longer than the quick solved ones
    assert results["lstm", 8].seconds > results["rnn", 1].seconds


def test_a_solved_step_stays_when_the_run_goes_on_past_it():
    sweep = LagSweep(LEARNS, ["rnn"], lags=[1], steps=60, stop_when_solved=False)
    (r,) = list(sweep.run())[-1].results
    assert r.steps == 60 and r.status == "finished"
    lone = Trainer(sweep.run_config("rnn", 1))
    list(lone.run(probes=False))
    evals = lone.history.evals()
    first = int(evals["step"][np.argmax(evals["symbol_accuracy"] == 1.0)])
    assert r.solved_step == first == 20 < r.steps  # solved at 20 and trained on to 60


def test_slow_motion_is_not_counted_in_a_runs_seconds():
    def seconds(delay):
        control = Control()
        control.set_delay(delay)
        sweep = LagSweep(COPY, ["rnn", "gru"], lags=[1, 2], steps=10, clock=FakeClock(0.001))
        return [r.seconds for r in list(sweep.run(control))[-1].results]

    plain, slow = seconds(0.0), seconds(0.002)  # every wait reads the fake clock twice more
    assert all(s > 0 for s in plain) and slow == plain


def test_sweep_table_and_csv_export():
    snap = list(LagSweep(LEARNS, ["lstm", "rnn"], lags=[8, 1], steps=200).run())[-1]
    assert snap.columns == (
        "task",
        "cell",
        "lag",
        "heldout_symbol_accuracy",
        "solved",
        "solved_step",
        "steps",
        "status",
        "seconds",
    )
    rows = snap.table()
    # by lag, then in the sweep's cell order, whatever order the runs finished in
    assert [(r["lag"], r["cell"]) for r in rows] == [
        (1, "lstm"),
        (1, "rnn"),
        (8, "lstm"),
        (8, "rnn"),
    ]
    text = sweep_table_csv(snap)
    assert text.splitlines()[0] == ",".join(snap.columns)
    parsed = list(csv.DictReader(io.StringIO(text)))
    by_run = {(r.cell, r.lag): r for r in snap.results}
    assert len(parsed) == len(by_run) == 4
    for row, back in zip(rows, parsed, strict=True):
        r = by_run[back["cell"], int(back["lag"])]
        assert back["task"] == "copy" and back["cell"] == row["cell"] == r.cell
        assert float(back["heldout_symbol_accuracy"]) == r.metric  # full precision
        assert back["solved"] == str(r.solved) and back["status"] == r.status
        assert back["solved_step"] == ("" if r.solved_step is None else str(r.solved_step))
        assert int(back["steps"]) == r.steps and float(back["seconds"]) == r.seconds
    assert parsed[2]["solved"] == "False" and parsed[2]["solved_step"] == ""  # lstm at 8
    assert parsed[1]["solved"] == "True" and int(parsed[1]["solved_step"]) > 0  # rnn at 1
    # the adding problem's primary metric is the loss
    adding = list(LagSweep(ADDING, ["gru"], lags=[5], steps=3).run())[-1]
    assert adding.columns[3] == "heldout_loss" and adding.table()[0]["heldout_loss"] > 0
    empty = LagSweep(ADDING, ["gru"], lags=[5], steps=3)
    assert sweep_table_csv(next(empty.run())) == ",".join(adding.columns) + "\n"
