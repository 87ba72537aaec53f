"""The guided binary adder runs the tutorial's own network (seed 002: a plain RNN of 16
units, SGD with alpha = 0.1 after every example, 10,000 examples at most), and what its
story and outcome say holds on a real run."""

import numpy as np

from lstm_studio.training import Trainer
from lstm_studio.ui import i18n
from lstm_studio.ui.experiments import ADDER_CONFIG, ADDER_LATER, EXPERIMENTS, _tr


def _adder():
    return next(e for e in EXPERIMENTS if e.key == "adder")


def test_the_story_describes_the_config_it_runs():
    c = ADDER_CONFIG
    assert (c.task, c.cell, c.hidden_size, c.optimizer) == ("binary-addition", "rnn", 16, "sgd")
    assert (c.lr, c.batch_size, c.clip, c.steps) == (0.1, 1, 0.0, 10_000)
    assert c.stop_when_solved
    story = _adder().story
    for said in ("plain RNN of 16 units", "alpha = 0.1", "every single example", "10,000"):
        assert said in story
    assert _adder().config is ADDER_CONFIG


def _carries(x: np.ndarray) -> np.ndarray:
    """The carry out of each bit ``(T, B)`` of the sums ``x (T, B, 2)``."""
    carry = np.zeros(x.shape[1])
    out = np.zeros(x.shape[:2])
    for t in range(x.shape[0]):
        carry = (x[t, :, 0] + x[t, :, 1] + carry) >= 2
        out[t] = carry
    return out


def test_the_tutorials_rnn_learns_to_add_and_a_unit_of_h_follows_the_carry():
    trainer = Trainer(ADDER_CONFIG)
    last = list(trainer.run(probes=False))[-1]
    assert last.status == "solved" and last.solved
    assert 1_000 < last.eval_step <= ADDER_LATER  # the outcome the experiment measures
    choice, said = _adder().outcome(last)
    assert choice == 1
    assert f"right at step {last.eval_step}" in said and "seconds of training" in said
    # "the unit of h that is high exactly where a carry is made"
    held = trainer.task.heldout()
    h = trainer.model.trace(held.x)[0]["h"]  # (T, B, 16)
    carry = _carries(held.x).ravel()
    r = [np.corrcoef(h[:, :, k].ravel(), carry)[0, 1] for k in range(h.shape[2])]
    assert max(r) > 0.9, r


def test_the_outcome_is_said_in_chinese(qapp):
    trainer = Trainer(ADDER_CONFIG.replace(steps=50))
    last = list(trainer.run(probes=False))[-1]
    try:
        i18n.install("zh_CN")
        _, said = _adder().outcome(last)
        question = _tr(_adder().question)
    finally:
        i18n.install("en")
    assert any("\u4e00" <= c <= "\u9fff" for c in said)
    assert any("\u4e00" <= c <= "\u9fff" for c in question)
