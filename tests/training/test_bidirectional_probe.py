"""The window's probe of a bidirectional run: one row per run, every step, tau in the
middle so both directions' gradients show (Trainer.probe)."""

from __future__ import annotations

import numpy as np

from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.training.loop import probe_step


def test_the_probe_step_is_the_last_scored_one_way_and_the_middle_both_ways():
    every = np.ones(10, bool)
    assert probe_step(every, False) == 9
    assert probe_step(every, True) == 4
    last = np.zeros(10, bool)
    last[-1] = True  # a task scored at its last step: no other choice
    assert probe_step(last, True) == 9
    tail = np.zeros(10, bool)
    tail[6:] = True
    assert probe_step(tail, True) == 6


def test_a_bidirectional_snapshot_shows_both_directions_around_tau():
    cfg = TrainConfig(task="comes-again", hidden_size=8, num_layers=2, steps=3, bidirectional=True)
    trainer = Trainer(cfg)
    for _ in range(3):
        trainer.train_step()
    probe = trainer.probe()
    T = probe.inputs.shape[0]
    assert probe.directions == 2 and len(probe.layers) == 4 and len(probe.backward) == 4
    tau = probe.decay_tau
    assert tau == (T - 1) // 2
    assert probe.decay_dh.shape == (4, T) and probe.factor.shape == (4, T)
    assert probe.dh_norms.shape == (4, T)
    top_fwd, top_rev = probe.decay_dh[2], probe.decay_dh[3]
    assert top_fwd[: tau + 1].all() and not top_fwd[tau + 1 :].any()
    assert top_rev[tau:].all() and not top_rev[:tau].any()
    # the same numbers as the engine's probe on the same weights
    p = trainer.task.probe()
    ref = trainer.model.gradient_probe(p.x, p.target, trainer.task.loss, p.mask, tau=tau)
    np.testing.assert_allclose(probe.decay_dh, ref.dh, rtol=1e-5)
    assert probe.backward[3]["dh"].shape == (T, 8)
