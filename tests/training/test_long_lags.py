"""Lags to 2000 (issue 16): the adding problem's length and copy's delay reach 2000 on
every path (the task, the command line, the lag sweep), a sweep or a race that would not
fit in memory is refused before anything is built, and long probes are paced."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_studio import cli
from lstm_studio.tasks import TASKS, make_task
from lstm_studio.training import MemoryLimitError, TrainConfig, Trainer
from lstm_studio.training import compare as compare_module
from lstm_studio.training.compare import DEFAULT_LAGS, LagSweep, Race, default_lags, lag_range
from lstm_studio.training.config import MEMORY_LIMIT_ENV
from lstm_studio.training.driver import Driver


# ---------------------------------------------------------------- the bounds
def test_the_lags_reach_2000_and_stop_there():
    assert lag_range("adding") == (5, 2000) and lag_range("copy") == (0, 2000)
    assert make_task("adding", steps=2000).size_hint()[0] == 2000
    copy = make_task("copy", delay=2000, length=3)
    assert copy.size_hint()[0] == 2 * 3 + 2000
    x = copy.sample(np.random.default_rng(0), 2).x  # (T, B, A + 1)
    assert x[:3, :, :-1].sum() == 6 and x[3:2003].sum() == 0  # 2000 blank steps
    with pytest.raises(ValueError, match=r"'steps' must be in 5 \.\. 2000, got 2001"):
        make_task("adding", steps=2001)
    with pytest.raises(ValueError, match=r"'delay' must be in 0 \.\. 2000, got 2001"):
        make_task("copy", delay=2001)


def test_the_command_line_takes_the_bound_from_the_task():
    parser = cli.build_parser()

    def config(*params):
        args = ["train", "--task", params[0]] + [a for p in params[1:] for a in ("--param", p)]
        return cli.config_from_args(parser.parse_args(args))

    assert config("adding", "steps=2000").task_params["steps"] == 2000
    assert config("copy", "delay=2000").task_params["delay"] == 2000
    with pytest.raises(ValueError, match=r"2000, got 2001"):
        config("adding", "steps=2001")
    # the task list the command line prints gives the range the Param holds
    assert "5 .. 2000" in TASKS["adding"].describe()


def test_the_default_lags_reach_1000():
    assert DEFAULT_LAGS == (5, 10, 20, 50, 100, 200, 500, 1000)
    assert default_lags("adding") == DEFAULT_LAGS
    assert default_lags("copy") == DEFAULT_LAGS
    sweep = LagSweep(TrainConfig.from_preset("adding"), ["lstm"], steps=10)
    assert sweep.lags[-1] == 1000 and sweep.run_config("lstm", 1000).task_params["steps"] == 1000


# ---------------------------------------------------------------- memory
def _need(config: TrainConfig, cell: str, lag: int) -> int:
    """The estimate of the sweep's run of ``cell`` at ``lag``."""
    param = {"adding": "steps", "copy": "delay"}[config.task]
    run = config.replace(cell=cell, task_params={**config.task_params, param: lag})
    return run.memory_estimate(*_sizes(run))


def _sizes(config: TrainConfig) -> tuple[int, int, int, int]:
    task = make_task(config.task, **config.task_params)
    return (task.input_size, task.output_size, *task.size_hint())


def test_a_sweep_too_large_at_its_longest_lag_is_refused_before_its_first_run(monkeypatch):
    config = TrainConfig.from_preset("adding")
    fits = max(_need(config, cell, 100) for cell in ("rnn", "lstm"))
    too_large = min(_need(config, cell, 2000) for cell in ("rnn", "lstm"))
    assert fits < too_large
    monkeypatch.setenv(MEMORY_LIMIT_ENV, f"{(fits + too_large) / 2 / 2**20:.3f}")
    built = []

    class NoTrainer:
        def __init__(self, *args, **kwargs):
            built.append(args)
            raise AssertionError("a run was built")

    monkeypatch.setattr(compare_module, "Trainer", NoTrainer)
    with pytest.raises(MemoryLimitError) as caught:
        LagSweep(config, ["rnn", "lstm"], lags=[2000, 5, 100])
    text = str(caught.value)
    assert "the sweep's longest run, rnn at steps 2000, is too large" in text, text
    assert "sequences of 2000 steps" in text and "or leave out the longest lags" in text, text
    need = f"about {_need(config, 'rnn', 2000) / 1e6:.0f} MB of memory"
    assert need in text, text  # the estimate
    assert not built
    # without the longest lag it fits, and nothing is built before it runs
    sweep = LagSweep(config, ["rnn", "lstm"], lags=[5, 100])
    assert sweep.lags == (5, 100) and not built


def test_the_sweep_names_the_cell_that_does_not_fit(monkeypatch):
    config = TrainConfig.from_preset("copy", task_params={"delay": 5})
    need = {cell: _need(config, cell, 1500) for cell in ("rnn", "gru")}
    assert need["rnn"] < need["gru"]  # a GRU keeps 25 H per step, a plain RNN 7 H
    limit_mib = (need["rnn"] + need["gru"]) / 2 / 2**20
    monkeypatch.setenv(MEMORY_LIMIT_ENV, f"{limit_mib:.3f}")
    with pytest.raises(MemoryLimitError, match="longest run, gru at delay 1500"):
        LagSweep(config, ["rnn", "gru"], lags=[10, 1500])
    LagSweep(config, ["rnn"], lags=[10, 1500])  # the RNN alone fits


def test_a_race_whose_cells_together_do_not_fit_is_refused_before_any_is_built(monkeypatch):
    config = TrainConfig.from_preset("adding", task_params={"steps": 1000})
    one = config.memory_estimate(*_sizes(config))
    monkeypatch.setenv(MEMORY_LIMIT_ENV, f"{2.5 * one / 2**20:.3f}")  # two LSTMs fit, not 3
    monkeypatch.setattr(compare_module, "Trainer", None)  # building one would fail
    with pytest.raises(MemoryLimitError) as caught:
        Race(config, ["lstm", "peephole", "gru"])
    text = str(caught.value)
    assert "the race's 3 cells together would need about" in text, text
    assert "race fewer cells" in text, text


# ---------------------------------------------------------------- pacing
class SlowReports:
    """A runner whose steps take 0.125 s and whose snapshots take 1 s (a fake clock)."""

    def __init__(self, share: float, steps: int = 200) -> None:
        self.t, self.step, self.steps = 0.0, 0, steps
        self.config = TrainConfig(snapshot_every=1, snapshot_hz=1000.0)
        self.snapshot_share = share

    def clock(self) -> float:
        return self.t

    def begin(self, probes):
        pass

    def advance(self):
        self.t += 0.125
        self.step += 1
        return "finished" if self.step >= self.steps else None

    def report(self, status=None):
        self.t += 1.0
        return self.step

    def close(self, status):
        return self.step

    def apply(self, command):
        return False

    def charge(self, seconds):
        pass


@pytest.mark.parametrize("share", [0.2, 0.5])
def test_costly_snapshots_are_spaced_to_take_their_share_of_the_time(share):
    runner = SlowReports(share)
    steps = list(Driver(runner).run())[1:-1]  # the running snapshots
    gaps = np.diff(steps)
    # a snapshot costs 1 s: then (1 - share) / share seconds of steps, 0.125 s each
    expected = round((1 - share) / share / 0.125)
    assert set(gaps.tolist()) == {expected}, gaps
    spent = len(steps) * 1.0
    assert spent / runner.t == pytest.approx(share, rel=0.15)


def test_without_a_share_every_step_gets_a_snapshot():
    runner = SlowReports(1.0, steps=30)
    steps = list(Driver(runner).run())[1:-1]
    assert steps == list(range(1, 30))


def test_a_long_probe_no_longer_takes_a_third_of_the_training(monkeypatch):
    # T = 1000: a snapshot's probe costs about half a step; a fake clock that charges
    # 0.5 s for every snapshot shows the driver spacing them to a fifth of the time
    config = TrainConfig.from_preset(
        "adding", task_params={"steps": 100}, hidden_size=4, batch_size=2, steps=60
    )

    clock = {"t": 0.0}
    trainer = Trainer(config, clock=lambda: clock["t"])
    advance, report = trainer.advance, trainer.report

    def timed_advance():
        clock["t"] += 1.0
        return advance()

    def timed_report(status=None):
        clock["t"] += 0.5
        return report(status)

    monkeypatch.setattr(trainer, "advance", timed_advance)
    monkeypatch.setattr(trainer, "report", timed_report)
    snaps = list(trainer.run())
    running = [s for s in snaps[1:-1] if s.status == "running"]
    assert running and all(s.probe is not None for s in running)  # every snapshot whole
    assert set(np.diff([s.step for s in running]).tolist()) == {2}
    assert 0.15 < 0.5 * len(snaps) / clock["t"] < 0.25
