"""The guided experiments of the backward pass, checked on real runs: every claim their
story, what-to-watch text and outcome make on screen."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QSettings

from lstm_studio.training import Trainer, train
from lstm_studio.ui.experiments import EXPERIMENTS, EXPLODE_CONFIG, TRUNCATE_CONFIG
from lstm_studio.ui.main_window import MainWindow


def _run(config):
    snaps = list(train(config))
    return snaps[0], snaps[-1], snaps


def _experiment(key):
    return next(e for e in EXPERIMENTS if e.key == key)


def test_exploding_gradients_grow_back_diverge_and_clipping_tames_them():
    exp = _experiment("exploding")
    assert exp.config is EXPLODE_CONFIG and exp.then.clip == 1.0 and EXPLODE_CONFIG.clip == 0
    first0, first, _ = _run(exp.config)
    probe = first0.probe
    # "the curve rises to the left: the gradient that reaches t = 0 is a thousand times
    # or more its size at tau, and the factor per step is near 2"
    assert probe.decay_dh[0][0] / probe.decay_dh[0][-1] >= 1000
    assert np.median(probe.factor[0]) > 1.9
    np.testing.assert_allclose(probe.recurrent_sv[0], 2.0, rtol=1e-5)  # orthogonal x 2
    # "after a few updates the units saturate and the gradient through time collapses,
    # while the gradient at tau itself explodes"
    trainer = Trainer(exp.config)
    for _ in range(12):
        trainer.train_step()
    later = trainer.snapshot().probe.decay_dh[0]
    assert later[0] / later[-1] < 1e-3 and later[-1] > 100 * probe.decay_dh[0][-1]
    # "about x1.2 per step back" at step 0
    assert 1.1 < (probe.decay_dh[0][0] / probe.decay_dh[0][-1]) ** (1 / probe.decay_tau) < 1.3
    # "without clipping ... the run diverges within a few dozen steps"
    assert first.status == "diverged" and first.step <= 60
    second0, second, snaps = _run(exp.then)
    # "its clipped steps are marked in red, and its loss falls"; the loss stays finite
    norms = np.concatenate([s.new_steps["grad_norm"] for s in snaps if s.new_steps])
    losses = np.concatenate([s.new_steps["loss"] for s in snaps if s.new_steps])
    assert second.status == "finished" and second.step == exp.then.steps
    assert np.isfinite(losses).all() and (norms > 1.0).sum() >= 10
    assert second.loss < losses[:10].mean() / 10
    true, sentence = exp.outcome(first, second)
    assert true == 1  # "No, it diverges"
    assert f"diverged at step {first.step + 1}" in sentence  # the step that failed
    assert f"all {second.step} steps ran" in sentence and f"{second.loss:.3f}" in sentence


def test_truncation_cuts_the_gradient_and_the_copy_is_not_learned_until_full_bptt():
    exp = _experiment("truncated")
    k = TRUNCATE_CONFIG.truncate
    assert exp.config is TRUNCATE_CONFIG and exp.then.truncate == 0
    first0, first, _ = _run(exp.config)
    # "each symbol must be kept for 8 steps", longer than the cut
    params = dict(exp.config.task_params)
    assert params["length"] + params["delay"] == 8 > k
    # "the curve stops at the last cut before tau, and nothing earlier gets any gradient"
    probe = first.probe
    cut = k * (probe.decay_tau // k)
    assert probe.truncate == k
    assert not probe.decay_dh[0][:cut].any() and (probe.decay_dh[0][cut:] > 0).all()
    assert not first.solved and first.metrics["symbol_accuracy"] < 0.35
    _, second, _ = _run(exp.then)
    assert second.solved_at is not None
    true, sentence = exp.outcome(first, second)
    assert true == 1
    assert f"Cut every {k} steps" in sentence and f"solved at step {second.solved_at}" in sentence
    assert math.isfinite(second.metrics["symbol_accuracy"])


def test_a_two_run_experiment_runs_both_in_the_window(qtbot, tmp_path, monkeypatch):
    import dataclasses

    import lstm_studio.ui.experiments as experiments

    # at full speed here: the slow motion is the exploding experiment's test's
    assert _experiment("truncated").delay == 0.01
    monkeypatch.setattr(
        experiments,
        "EXPERIMENTS",
        tuple(dataclasses.replace(e, delay=0.0) for e in experiments.EXPERIMENTS),
    )
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    panel = window.experiments
    panel.choose("truncated", 1)  # "No, not with truncation"
    panel.run_button.click()
    assert window.session.config.truncate == TRUNCATE_CONFIG.truncate
    qtbot.waitUntil(lambda: panel.first is not None, timeout=60_000)
    assert "full backpropagation" in panel.outcome.text()
    qtbot.waitUntil(lambda: panel.running is None, timeout=60_000)
    assert window.session.config.truncate == 0  # the second run is the window's model now
    assert window.session.last.solved
    text = panel.outcome.text()
    assert "Cut every 4 steps" in text and "Your prediction was right" in text
    window.close()


def test_every_experiments_outcome_is_said_in_chinese(qapp):
    """The outcome sentences are in the catalogue (they were once left in English)."""
    from lstm_studio.training import TrainConfig, Trainer
    from lstm_studio.ui import i18n

    last = Trainer(TrainConfig.from_preset("copy", small=True, steps=1)).snapshot()
    assert i18n.install("zh_CN")
    try:
        for exp in EXPERIMENTS:
            if exp.kind != "train":
                continue
            _, sentence = exp.outcome(last, last) if exp.then else exp.outcome(last)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in sentence), (exp.key, sentence)
    finally:
        i18n.install("en")


def test_the_exploding_experiment_runs_slowly_then_clipped_in_the_window(qtbot, tmp_path):
    """The first run in slow motion (the speed slider says so) diverges; the second, at
    the learner's speed again, marks its clipped steps in Norms and trains."""
    from lstm_studio.ui.main_window import SPEEDS

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    panel = window.experiments
    panel.choose("exploding", 1)  # "No, it diverges"
    panel.run_button.click()
    assert SPEEDS[window.speed.value()] == _experiment("exploding").delay == 0.1
    assert window.session.config.clip == 0
    qtbot.waitUntil(lambda: panel.first is not None, timeout=60_000)
    assert panel.first.status == "diverged"
    first_step = panel.first.step
    qtbot.waitUntil(lambda: panel.running is None, timeout=60_000)
    assert window.speed.value() == 0  # back at full speed, where it was
    assert window.session.config.clip == 1.0 and window.session.last.status == "finished"
    norms = next(p for p in window.panels if p.object_name == "norms_panel")
    assert norms.clipped_steps >= 10
    text = panel.outcome.text()
    assert f"diverged at step {first_step + 1}" in text
    assert "Your prediction was right" in text
    window.close()
