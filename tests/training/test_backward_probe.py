"""What a real run's snapshot carries about the backward pass (``Probe.backward``,
``factor``, ``recurrent_sv``), and how often the costly spectra are measured."""

from __future__ import annotations

import numpy as np

import lstm_studio.training.loop as loop
from lstm_studio.engine import step_factors
from lstm_studio.training import TrainConfig, Trainer


def _trainer(cell="lstm", **kw):
    cfg = TrainConfig.from_preset("binary-addition", cell=cell, hidden_size=6, **kw)
    trainer = Trainer(cfg)
    for _ in range(3):
        trainer.train_step()
    return trainer


def test_the_probe_carries_every_term_of_the_backward_pass():
    trainer = _trainer(num_layers=2)
    probe = trainer.snapshot().probe
    tau = probe.decay_tau
    assert len(probe.backward) == 2
    for k, terms in enumerate(probe.backward):
        assert set(terms) >= {"dh", "dh_above", "dh_next", "dc", "dc_next", "dc_prev"}
        assert {"da_i", "da_f", "da_g", "da_o", "dh_prev"} <= set(terms)
        assert terms["dh"].shape == (tau + 1, 6)
        # the decay curve is the norm of these δh_t
        np.testing.assert_allclose(
            np.linalg.norm(terms["dh"].astype(np.float64), axis=1), probe.decay_dh[k], rtol=1e-5
        )
        np.testing.assert_allclose(terms["dc_next"][:-1], terms["dc_prev"][1:], atol=1e-6)
        assert not terms["dh"].flags.writeable
    # the pre-activations' terms are kept for the split W x + W h + b
    q = probe.quantities[0]
    np.testing.assert_allclose(q["Wx_f"] + q["Wh_f"] + q["b_f"], q["a_f"], atol=1e-6)
    assert probe.factor.shape == (2, tau + 1) and np.isfinite(probe.factor).all()
    assert probe.factor_step == trainer.step
    assert [s.shape for s in probe.recurrent_sv] == [(6,), (6,)]
    w = trainer.model.parameters()["rnn.weight_hh_l1"].astype(np.float64)
    np.testing.assert_allclose(
        probe.recurrent_sv[1], np.linalg.svd(w, compute_uv=False), rtol=1e-5
    )
    model = trainer.model.copy("float64")
    x = trainer.task.probe().x[: tau + 1]
    np.testing.assert_allclose(probe.factor, step_factors(model, x), rtol=1e-4)


def test_the_spectra_take_at_most_their_share_of_the_time(monkeypatch):
    """The factor costs an SVD per step: it is measured anew only when the time since the
    last measurement is ten times its cost; the snapshots in between repeat it."""
    now = [0.0]
    trainer = _trainer("rnn")
    trainer.clock = lambda: now[0]
    real = loop.step_factors

    def slow(*a, **kw):  # one second per measurement
        now[0] += 1.0
        return real(*a, **kw)

    monkeypatch.setattr(loop, "step_factors", slow)
    first = trainer.snapshot().probe
    trainer.train_step()
    now[0] += 5.0  # half of the ten seconds its one second of cost asks for
    again = trainer.snapshot().probe
    assert again.factor_step == first.factor_step != trainer.step
    np.testing.assert_array_equal(again.factor, first.factor)
    now[0] += 5.0
    fresh = trainer.snapshot().probe
    assert fresh.factor_step == trainer.step
