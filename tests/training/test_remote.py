"""The training process the window uses (no Qt): its protocol, end to end."""

import pickle
import time

import numpy as np
import pytest

from lstm_studio.training import Control, TrainConfig, Trainer
from lstm_studio.training.remote import RemoteControl, TrainingProcess

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)


@pytest.fixture
def child():
    process = TrainingProcess()
    assert process.recv() == ("ready",)
    yield process
    process.close()
    assert not process.alive


def _snapshots(process, rid, until):
    """Messages of run ``rid`` until ``until(message)`` is true; returns them all."""
    seen = []
    while True:
        message = process.recv()
        if message[1] != rid:
            continue
        seen.append(message)
        if until(message):
            return seen


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
    child.run(1)
    messages = _snapshots(child, 1, lambda m: m[0] == "finished")
    snaps = [m[2] for m in messages if m[0] == "snapshot"]
    assert snaps[-1].status == "finished" and snaps[-1].step == 40
    remote_losses = np.concatenate([s.new_steps["loss"] for s in snaps])
    local = Trainer(config)
    local_losses = [local.train_step() for _ in range(40)]
    np.testing.assert_array_equal(remote_losses, local_losses)


def test_control_calls_reach_the_child(child):
    sent = []
    control = RemoteControl(lambda name, args: (sent.append(name), child.control(1, name, *args)))
    control.pause()
    child.open(1, QUICK, control)  # opens paused
    child.run(1)
    first = _snapshots(child, 1, lambda m: m[0] == "snapshot")[-1][2]
    assert first.step == 0
    control.set_lr(0.0123)  # sent before the steps, so every one of them sees it
    control.set_budget(5, False)
    control.step(3)
    snaps = [m[2] for m in _snapshots(child, 1, lambda m: m[0] == "snapshot" and m[2].step == 3)]
    assert [s.step for s in snaps if s.step] == [1, 2, 3]  # one snapshot per single step
    assert snaps[-1].lr == pytest.approx(0.0123) and snaps[-1].steps_total == 5
    control.resume()
    last = _snapshots(child, 1, lambda m: m[0] == "snapshot" and m[2].done)[-1][2]
    assert last.status == "finished" and last.step == 5
    assert sent == ["pause", "set_lr", "set_budget", "step", "resume"]
    with pytest.raises(ValueError, match="lr"):
        control.set_lr(-1)  # checked here, before anything is sent
    assert len(sent) == 5


def test_a_new_run_stops_the_old_one_and_its_messages_carry_its_id(child):
    child.open(1, QUICK)
    child.run(1)
    _snapshots(child, 1, lambda m: m[0] == "snapshot" and m[2].step > 0)
    child.open(2, QUICK.replace(cell="gru"))
    messages = _snapshots(child, 1, lambda m: m[0] == "finished")
    assert messages[-2][2].status == "stopped"
    child.run(2)
    snap = _snapshots(child, 2, lambda m: m[0] == "snapshot")[-1][2]
    assert snap.step == 0 and tuple(snap.probe.layers[0]) == ("r", "z", "n", "h")


def test_a_model_the_child_cannot_build_is_a_message_naming_the_problem(child, tmp_path):
    path = tmp_path / "waves.csv"
    path.write_text("a\n" + "\n".join(f"{np.sin(0.3 * k):.4f}" for k in range(300)) + "\n")
    config = TrainConfig.from_preset("own-data", task_params={"path": str(path)})
    path.unlink()  # gone between the window's check and the child's build
    child.open(7, config)
    child.run(7)
    failed, finished = _snapshots(child, 7, lambda m: m[0] == "finished")
    assert failed[0] == "failed" and "waves.csv" in failed[2]
    assert finished == ("finished", 7)


def test_closing_ends_the_child_at_once_even_mid_run(child):
    child.open(1, QUICK)
    child.run(1)
    _snapshots(child, 1, lambda m: m[0] == "snapshot" and m[2].step > 0)
    t0 = time.perf_counter()
    child.close()
    assert time.perf_counter() - t0 < 1.0 and not child.alive
    with pytest.raises(EOFError):
        while True:
            child.recv()
    child.run(1)  # a call after the end is ignored


def test_a_remote_control_is_a_control():
    control = RemoteControl(lambda name, args: None)
    assert isinstance(control, Control)
    control.set_delay(0.5)
    control.pause()
    assert control.delay == 0.5 and control.paused


def test_a_gradient_check_is_answered_while_running_paused_and_idle(child):
    control = RemoteControl(lambda name, args: child.control(1, name, *args))
    child.open(1, QUICK, control)
    child.request(1, 10, "gradient_check")  # idle: the model is built, not yet run
    (result,) = [m for m in _snapshots(child, 1, lambda m: m[0] == "result")]
    assert result[2] == 10 and result[4] is None
    step, check = result[3]
    assert step == 0 and check.passed
    assert set(check.errors) >= {"rnn.weight_ih_l0", "head.bias", "dL/dc_l0"}
    child.run(1)
    _snapshots(child, 1, lambda m: m[0] == "snapshot" and m[2].step > 20)
    child.request(1, 11, "gradient_check", 2, 3)  # while training: between two steps
    result = _snapshots(child, 1, lambda m: m[0] == "result")[-1]
    step, check = result[3]
    assert result[2] == 11 and step > 20 and check.passed and check.samples == 3
    control.pause()
    _snapshots(child, 1, lambda m: m[0] == "snapshot" and m[2].status == "paused")
    child.request(1, 12, "gradient_check")
    result = _snapshots(child, 1, lambda m: m[0] == "result")[-1]
    assert result[2] == 12 and result[3][1].passed


def test_a_request_that_fails_is_answered_with_the_error(child):
    child.open(1, QUICK)
    child.request(1, 5, "gradient_check", 0)  # a batch of zero sequences
    result = _snapshots(child, 1, lambda m: m[0] == "result")[-1]
    assert result[3] is None and result[4]
    with pytest.raises(ValueError, match="not a request"):
        child.request(1, 6, "weights_please")
