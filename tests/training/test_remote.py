"""The training process the window uses (no Qt): its protocol, end to end."""

import pickle
import time

import numpy as np
import pytest

from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.training.commands import (
    SETTINGS,
    Pause,
    Request,
    Resume,
    SetBudget,
    SetClip,
    SetDelay,
    SetLr,
    SetTemperature,
    Step,
    Stop,
)
from lstm_studio.training.remote import (
    Answer,
    Deliver,
    Ended,
    Failed,
    Ready,
    TrainingProcess,
    Update,
)

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)


@pytest.fixture
def child():
    process = TrainingProcess()
    assert process.recv() == Ready()
    yield process
    process.close()
    assert not process.alive


def _snapshots(process, rid, until):
    """Messages of run ``rid`` until ``until(message)`` is true; returns them all."""
    seen = []
    while True:
        message = process.recv()
        if getattr(message, "rid", None) != rid:
            continue
        seen.append(message)
        if until(message):
            return seen


def _shows(message, test=lambda snap: True) -> bool:
    """``message`` is a snapshot, and ``test`` holds for it."""
    return isinstance(message, Update) and test(message.snapshot)


def test_a_snapshot_pickles_into_an_equal_read_only_snapshot():
    trainer = Trainer(QUICK)
    trainer.train_step()
    snap = trainer.snapshot()
    copy = pickle.loads(pickle.dumps(snap))
    assert copy.step == 1 and dict(copy.metrics) == dict(snap.metrics)
    assert np.array_equal(copy.probe.layers[0]["f"], snap.probe.layers[0]["f"])
    assert np.array_equal(copy.new_steps["loss"], snap.new_steps["loss"])
    with pytest.raises(ValueError):
        copy.probe.layers[0]["f"][0, 0] = 1.0
    with pytest.raises(TypeError):
        copy.metrics["loss"] = 0.0


def test_the_child_trains_exactly_like_the_loop_in_this_process(child):
    config = QUICK.replace(steps=40, snapshot_every=1, snapshot_hz=1000)
    child.open(1, config)
    child.send(1, Resume())
    messages = _snapshots(child, 1, lambda m: isinstance(m, Ended))
    snaps = [m.snapshot for m in messages if isinstance(m, Update)]
    assert snaps[-1].status == "finished" and snaps[-1].step == 40
    remote_losses = np.concatenate([s.new_steps["loss"] for s in snaps])
    local = Trainer(config)
    local_losses = [local.train_step() for _ in range(40)]
    np.testing.assert_array_equal(remote_losses, local_losses)


def test_commands_reach_the_child_in_the_order_sent(child):
    sent = []

    def send(command):
        sent.append(type(command).__name__)
        child.send(1, command)

    child.open(1, QUICK)  # opens waiting for a Train or a Step
    first = _snapshots(child, 1, _shows)[-1].snapshot
    assert first.step == 0
    send(SetLr(0.0123))  # sent before the steps, so every one of them sees it
    send(SetBudget(5, False))
    send(Step(3))
    messages = _snapshots(child, 1, lambda m: _shows(m, lambda s: s.step == 3))
    snaps = [m.snapshot for m in messages if isinstance(m, Update)]
    assert [s.step for s in snaps if s.step] == [1, 2, 3]  # one snapshot per single step
    assert snaps[-1].lr == pytest.approx(0.0123) and snaps[-1].steps_total == 5
    send(Resume())
    last = _snapshots(child, 1, lambda m: _shows(m, lambda s: s.done))[-1].snapshot
    assert last.status == "finished" and last.step == 5
    assert sent == ["SetLr", "SetBudget", "Step", "Resume"]
    with pytest.raises(ValueError, match="lr"):
        send(SetLr(-1))  # checked here, before anything is sent
    assert len(sent) == 4


def test_a_new_run_stops_the_old_one_and_its_messages_carry_its_id(child):
    child.open(1, QUICK)
    child.send(1, Resume())
    _snapshots(child, 1, lambda m: _shows(m, lambda s: s.step > 0))
    child.open(2, QUICK.replace(cell="gru"))
    messages = _snapshots(child, 1, lambda m: isinstance(m, Ended))
    assert messages[-2].snapshot.status == "stopped"
    snap = _snapshots(child, 2, _shows)[-1].snapshot  # its first, untrained
    assert snap.step == 0 and tuple(snap.probe.layers[0]) == ("r", "z", "n", "h")


def test_a_model_the_child_cannot_build_is_a_message_naming_the_problem(child, tmp_path):
    path = tmp_path / "waves.csv"
    path.write_text("a\n" + "\n".join(f"{np.sin(0.3 * k):.4f}" for k in range(300)) + "\n")
    config = TrainConfig.from_preset("own-data", task_params={"path": str(path)})
    path.unlink()  # gone between the window's check and the child's build
    child.open(7, config)
    failed, finished = _snapshots(child, 7, lambda m: isinstance(m, Ended))
    assert isinstance(failed, Failed) and "waves.csv" in failed.text
    assert finished == Ended(7)
    child.send(7, Request("gradient_check", jid=3))  # answered with the reason
    (answer,) = _snapshots(child, 7, lambda m: isinstance(m, Answer))
    assert answer.jid == 3 and answer.value is None and "waves.csv" in answer.error


def test_closing_ends_the_child_at_once_even_mid_run(child):
    child.open(1, QUICK)
    child.send(1, Resume())
    _snapshots(child, 1, lambda m: _shows(m, lambda s: s.step > 0))
    t0 = time.perf_counter()
    child.close()
    assert time.perf_counter() - t0 < 1.0 and not child.alive
    with pytest.raises(EOFError):
        while True:
            child.recv()
    child.send(1, Resume())  # a call after the end is ignored


def test_commands_go_through_the_pipe_as_they_are():
    commands = [Pause(), Resume(), Step(3), Stop(), SetDelay(0.5), SetBudget(7, True)]
    commands += [SetLr(0.01), SetClip(0.0), SetTemperature(1.5)]
    for command in commands:
        message = pickle.loads(pickle.dumps(Deliver(1, command)))
        assert message == Deliver(1, command) and message.command == command
    request = pickle.loads(pickle.dumps(Request("gradient_check", [2, 3], jid=9)))
    assert (request.name, request.args, request.jid) == ("gradient_check", (2, 3), 9)
    assert all(isinstance(c, SETTINGS) for c in commands[-3:])
    with pytest.raises(AttributeError):
        commands[2].n = 4  # frozen


def test_a_gradient_check_is_answered_while_running_paused_and_idle(child):
    child.open(1, QUICK)
    child.send(1, Request("gradient_check", jid=10))  # idle: built, not yet run
    (result,) = [m for m in _snapshots(child, 1, lambda m: isinstance(m, Answer))]
    assert result.jid == 10 and result.error is None
    step, check = result.value
    assert step == 0 and check.passed
    assert set(check.errors) >= {"rnn.weight_ih_l0", "head.bias", "dL/dc_l0"}
    child.send(1, Resume())
    _snapshots(child, 1, lambda m: _shows(m, lambda s: s.step > 20))
    child.send(1, Request("gradient_check", (2, 3), jid=11))  # while training: between steps
    result = _snapshots(child, 1, lambda m: isinstance(m, Answer))[-1]
    step, check = result.value
    assert result.jid == 11 and step > 20 and check.passed and check.samples == 3
    child.send(1, Pause())
    _snapshots(child, 1, lambda m: _shows(m, lambda s: s.status == "paused"))
    child.send(1, Request("gradient_check", jid=12))
    result = _snapshots(child, 1, lambda m: isinstance(m, Answer))[-1]
    assert result.jid == 12 and result.value[1].passed


def test_a_request_that_fails_is_answered_with_the_error(child):
    child.open(1, QUICK)
    child.send(1, Request("gradient_check", (0,), jid=5))  # a batch of zero sequences
    result = _snapshots(child, 1, lambda m: isinstance(m, Answer))[-1]
    assert result.value is None and result.error
    with pytest.raises(ValueError, match="request must be one of"):
        Request("weights_please")
