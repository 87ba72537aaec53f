"""Every task's preset solves it on the seed it ships with (the quicker preset where
the full one takes longer than a test should; benchmarks/tasks.py runs the full ones)."""

import numpy as np
import pytest

from lstm_studio.tasks import TASKS
from lstm_studio.training import TrainConfig, Trainer

# tasks whose full preset needs more than a few seconds here
USE_SMALL = {"copy"}


def _csv(tmp_path):
    t = np.arange(800)
    rng = np.random.default_rng(0)
    a = np.sin(0.3 * t) + 0.02 * rng.standard_normal(800)
    b = np.sin(0.3 * t + 1.0) * np.cos(0.05 * t)
    path = tmp_path / "waves.csv"
    path.write_text(
        "a,b\n" + "\n".join(f"{u:.5f},{v:.5f}" for u, v in zip(a, b, strict=True)) + "\n"
    )
    return path


@pytest.mark.parametrize("name", list(TASKS))
def test_preset_solves_its_task(name, tmp_path):
    params = {"path": str(_csv(tmp_path))} if name == "own-data" else {}
    cfg = TrainConfig.from_preset(
        name, small=name in USE_SMALL, stop_when_solved=True, task_params=params
    )
    trainer = Trainer(cfg)
    last = None
    for snap in trainer.run(probes=False):
        last = snap
    assert last.status == "solved", (
        f"{name}: {last.message}; held-out {dict(last.metrics)} after {last.step} steps"
    )
    # solved is judged on the held-out set, with the final weights
    assert trainer.task.solved(trainer.task.evaluate(trainer.model))


def test_own_data_preset_solves_a_text_file(tmp_path):
    from lstm_studio.tasks import load_corpus

    path = tmp_path / "notes.txt"
    path.write_text(load_corpus("english")[:30000], "utf-8")
    cfg = TrainConfig.from_preset(
        "own-data", stop_when_solved=True, task_params={"path": str(path)}
    )
    trainer = Trainer(cfg)
    assert trainer.task.mode == "text"
    last = list(trainer.run(probes=False))[-1]
    assert last.status == "solved", f"{last.message}; {dict(last.metrics)}"
