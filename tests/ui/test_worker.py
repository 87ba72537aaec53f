"""The window's side of the training process: host, relay and sessions (offscreen)."""

import gc

import numpy as np

from lstm_studio.training import TrainConfig
from lstm_studio.ui.worker import TrainingHost, TrainingSession

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)


def test_a_failure_in_the_child_reaches_the_session_as_text(qtbot, tmp_path):
    host = TrainingHost()
    path = tmp_path / "waves.csv"
    path.write_text("a\n" + "\n".join(f"{np.sin(0.3 * k):.4f}" for k in range(300)) + "\n")
    session = TrainingSession(
        TrainConfig.from_preset("own-data", task_params={"path": str(path)}), host
    )  # read here; the child starts, and reads it, on the first Train
    assert session.task.mode == "csv"
    path.unlink()
    failures, states = [], []
    session.failed.connect(failures.append)
    session.state_changed.connect(states.append)
    session.train()
    qtbot.waitUntil(lambda: session.state == "idle", timeout=10_000)
    assert len(failures) == 1 and "waves.csv" in failures[0]
    assert states == ["running", "idle"] and session.last is None  # no model was built
    host.close()
    assert not host.processes[0].alive


def test_a_session_opened_before_the_child_runs_keeps_its_commands(qtbot):
    host = TrainingHost()
    session = TrainingSession(QUICK, host)
    session.set_lr(0.0321)
    session.set_budget(7, False)
    session.train()  # starts the child, opens the run, sends the commands in order
    qtbot.waitUntil(lambda: session.state == "done", timeout=10_000)
    assert session.last.lr == 0.0321 and session.last.step == 7
    assert session.last.status == "finished" and session.config.steps == 7
    host.close()


def test_a_window_dropped_without_closing_ends_its_child(qtbot):
    host = TrainingHost()
    host.start()
    process = host.processes[0]
    qtbot.waitUntil(lambda: process.ready, timeout=10_000)
    del host
    gc.collect()
    process.process.wait(2.0)
    assert not process.alive
