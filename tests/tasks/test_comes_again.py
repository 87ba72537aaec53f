"""comes-again: mark each symbol that appears again later. Its data, its ceiling for a
network that reads forwards only, and real runs one way and both ways."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_studio.tasks import TASKS, make_task
from lstm_studio.training import TrainConfig, Trainer


def _run(config: TrainConfig):
    trainer = Trainer(config)
    last = list(trainer.run(probes=False))[-1]
    return trainer, last


def test_the_target_marks_exactly_the_symbols_that_come_again():
    task = make_task("comes-again", steps=12, symbols=5)
    batch = task.sample(np.random.default_rng(3), 50)
    T, B, A = batch.x.shape
    assert (T, A) == (12, 5) and batch.target.shape == (T, B, 1) and batch.mask is None
    assert (batch.x.sum(axis=2) == 1).all()  # one symbol a step
    sym = batch.x.argmax(axis=2)  # (T, B)
    for b in range(B):
        for t in range(T):
            again = sym[t, b] in sym[t + 1 :, b]
            assert batch.target[t, b, 0] == float(again)
    assert not batch.target[-1].any()  # nothing comes after the last step


def test_its_ceiling_is_the_best_a_forward_only_network_can_do_on_the_held_out_set():
    """p_t depends on t alone; the best forward-only rule marks the steps where p_t > 1/2.
    Its expected accuracy (the task's number) matches that rule on the held-out set."""
    task = make_task("comes-again")
    p = task.comes_again_probability()
    assert p[-1] == 0 and p[0] == pytest.approx(1 - (7 / 8) ** 9)
    assert task.one_way_ceiling() == pytest.approx(0.6924, abs=1e-4)
    held = task.heldout()
    rule = (p > 0.5)[:, None]  # (T, 1): mark the early steps only
    right = rule == (held.target[:, :, 0] > 0.5)
    assert right.mean() == pytest.approx(task.one_way_ceiling(), abs=0.01)
    # and the held-out rate of each step's marks is p_t
    np.testing.assert_allclose(held.target[:, :, 0].mean(axis=1), p, atol=0.04)


def test_the_preset_reads_both_ways_and_the_listing_says_so():
    cfg = TrainConfig.from_preset("comes-again")
    assert cfg.bidirectional and cfg.task == "comes-again"
    assert "bidirectional" in TASKS["comes-again"].describe().splitlines()[-1]
    # the other presets read one way
    others = [TASKS[t].preset for t in TASKS if t != "comes-again"]
    assert not any(p.bidirectional or p.training_fields()["bidirectional"] for p in others)


def test_reading_forwards_only_it_stays_at_the_ceiling():
    """A real run of the preset, one way: after its whole budget it is no better than
    guessing from the step number (69.2 %), and not solved."""
    cfg = TrainConfig.from_preset("comes-again", bidirectional=False, stop_when_solved=True)
    trainer, last = _run(cfg)
    ceiling = trainer.task.one_way_ceiling()
    assert last.status == "finished" and last.step == cfg.steps and last.solved_at is None
    accuracies = trainer.history.evals()["accuracy"]
    assert accuracies.max() <= ceiling + 0.01
    assert last.metrics["accuracy"] == pytest.approx(ceiling, abs=0.02)


def test_reading_both_ways_the_preset_solves_it():
    cfg = TrainConfig.from_preset("comes-again", stop_when_solved=True)
    trainer, last = _run(cfg)
    assert last.status == "solved" and last.solved_at is not None
    assert last.solved_at <= cfg.steps // 2
    assert last.metrics["accuracy"] >= 0.99
    assert trainer.task.solved(trainer.task.evaluate(trainer.model))
