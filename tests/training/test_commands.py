"""Commands are data, checked once with the config's bounds; one driver runs a Trainer, a
Race and a LagSweep alike; no module reaches into another's run state."""

import ast
import math
import pickle
import re
from pathlib import Path

import pytest

from lstm_studio.training import FIELDS, Control, Driver, TrainConfig, Trainer
from lstm_studio.training.commands import (
    COMMANDS,
    Request,
    SetBudget,
    SetClip,
    SetDelay,
    SetLr,
    SetTemperature,
    Step,
)
from lstm_studio.training.compare import LagSweep, Race

PACKAGE = Path(__file__).resolve().parents[2] / "lstm_studio"
QUICK = dict(task="binary-addition", task_params={"bits": 4}, hidden_size=8, batch_size=8)
#: around every bound of FIELDS, and what is no number at all
VALUES = [-1, -0.0, 0, 1e-9, 0.5, 0.999, 1, 2.5, 10, 10.000001, 20, 20.5, 60, 60.5, 2048]
VALUES += [8192, 1e6, 1e6 + 1, 10**9, 10**9 + 1, 2**63 - 1, 2**63, -(2**63)]
VALUES += [math.inf, -math.inf, math.nan, True, False, "1", None, [1]]


def _outcome(build):
    """("ok", value) or ("error", the message)."""
    try:
        return "ok", build()
    except ValueError as e:
        return "error", str(e)


def _same(a, b) -> bool:
    return a == b or (isinstance(a, float) and isinstance(b, float) and a != a and b != b)


@pytest.mark.parametrize(
    "build, attr, field",
    [
        (SetLr, "lr", "lr"),
        (SetClip, "clip", "clip"),
        (lambda v: SetBudget(v, False), "steps", "steps"),
    ],
)
def test_a_command_takes_what_the_config_takes_with_the_same_message(build, attr, field):
    for value in VALUES:
        kind, command = _outcome(lambda value=value: build(value))
        expected, config = _outcome(lambda value=value: TrainConfig(**QUICK, **{field: value}))
        assert kind == expected, (field, value, command, config)
        if kind == "ok":
            assert _same(getattr(command, attr), getattr(config, field)), (field, value)
            assert type(getattr(command, attr)) is type(getattr(config, field))
        else:
            assert command == config, (field, value)


@pytest.mark.parametrize(
    "build, attr, field, name",
    [
        (SetTemperature, "temperature", "temperature", "temperature"),
        (SetDelay, "seconds", "delay", "delay"),
        (Step, "n", "steps", "n"),
    ],
)
def test_the_settings_that_are_no_config_field_have_their_bounds_in_the_same_table(
    build, attr, field, name
):
    for value in VALUES:
        kind, command = _outcome(lambda value=value: build(value))
        expected, checked = _outcome(lambda value=value: FIELDS[field].check(name, value))
        assert kind == expected, (field, value)
        if kind == "ok":
            assert _same(getattr(command, attr), checked)
        else:
            assert command == checked and name in command


def test_the_flag_of_a_budget_is_checked_as_the_configs():
    with pytest.raises(ValueError) as command:
        SetBudget(10, "yes")
    with pytest.raises(ValueError) as config:
        TrainConfig(stop_when_solved="yes")
    assert str(command.value) == str(config.value)


def test_every_command_is_a_frozen_value_that_pickles():
    for cls in COMMANDS:
        assert cls.__dataclass_params__.frozen, cls
    request = Request("state", jid=4)
    assert pickle.loads(pickle.dumps(request)).jid == 4
    assert pickle.loads(pickle.dumps(SetBudget(5, True))) == SetBudget(5, True)
    with pytest.raises(ValueError, match="not a Control setting"):
        Control().put(("set_lr", 0.1))  # a tuple is no command


# ---------------------------------------------------------------- one driver
def _script(run):
    """Two single steps, then a stop: the statuses of the snapshots."""
    control = Control()
    control.step(2)
    gen = run(control)
    seen = [next(gen) for _ in range(3)]
    control.stop()
    seen += list(gen)
    return [s.status for s in seen]


def test_one_driver_runs_a_trainer_a_race_and_a_sweep_alike():
    config = TrainConfig(**QUICK, steps=50)
    copy = TrainConfig(task="copy", task_params={"length": 2, "symbols": 4}, hidden_size=6)
    runs = [
        lambda c: Trainer(config).run(c, probes=False),
        lambda c: Race(config, ["rnn", "gru"]).run(c, probes=False),
        lambda c: LagSweep(copy, ["gru"], lags=[1, 2], steps=50).run(c),
    ]
    for run in runs:
        assert _script(run) == ["running", "paused", "paused", "stopped"]


def test_a_driver_that_ended_goes_on_when_told_to():
    control = Control()
    trainer = Trainer(TrainConfig(**QUICK, steps=5))
    driver = Driver(trainer, control)
    assert list(driver.run(probes=False))[-1].status == "finished"
    control.set_budget(8, False)  # a new budget, then Train: it goes on from step 5
    control.resume()
    snaps = list(driver.run(probes=False))
    assert [s.status for s in snaps][-1] == "finished" and snaps[-1].step == 8
    assert trainer.history.steps()["step"].tolist() == list(range(1, 9))


def test_a_driver_that_waits_says_nothing_until_it_is_told():
    control = Control()
    control.set_lr(0.02)  # before the first snapshot: the first one shows it
    gen = Driver(Trainer(TrainConfig(**QUICK)), control, waiting=True).run(probes=False)
    first = next(gen)
    assert first.step == 0 and first.lr == 0.02 and first.status == "running"
    control.set_clip(0.5)  # waiting, a new setting is shown, with the status as it was
    again = next(gen)
    assert again.clip == 0.5 and again.status == "running" and again.step == 0
    control.step(1)
    assert next(gen).step == 1
    control.stop()
    assert next(gen).status == "stopped"


# ---------------------------------------------------------------- layers
PRIVATE = re.compile(r"^_(take|wait|sleep|cond|queue|changes|calls|steps|paused|stopped)")
TRAINER_PRIVATE = ("_seen_step", "_seen_evals", "_evaluate", "_write_sample", "_last_snap")


def test_no_module_reaches_into_a_controls_or_a_trainers_run_state():
    reaching = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            owner = node.value.id if isinstance(node.value, ast.Name) else ""
            name = node.attr
            if path.name == "commands.py" or owner == "self":
                continue
            if PRIVATE.match(name) or (name in TRAINER_PRIVATE and path.name != "loop.py"):
                reaching.append(f"{path.relative_to(PACKAGE)}:{node.lineno} .{name}")
    assert not reaching, reaching
