"""Gradients are exact: central differences agree with backpropagation through time."""

import numpy as np
import pytest

from lstm_studio.engine import CELLS, SequenceModel
from lstm_studio.engine.gradcheck import gradient_check, numeric_state_gradients

T, B, D, H, O = 6, 3, 4, 5, 3
LOSS_NAMES = ("mse", "bce", "cross_entropy")


def _data(loss, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((T, B, D))
    target = {
        "mse": rng.standard_normal((T, B, O)),
        "bce": rng.uniform(0, 1, (T, B, O)),
        "cross_entropy": rng.integers(0, O, (T, B)),
    }[loss]
    return x, target


@pytest.mark.parametrize("loss", LOSS_NAMES)
@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("cell", CELLS)
def test_gradient_check_passes_in_float64(cell, layers, loss):
    model = SequenceModel(cell, D, H, O, layers, seed=1, dtype="float64")
    x, target = _data(loss)
    mask = np.array([0, 1, 0, 1, 1, 1])  # only some steps scored
    result = gradient_check(model, x, target, loss, mask=mask, samples=12)
    # every parameter and every layer's dL/dh_t (and dL/dc_t) was checked
    expected = set(model.state_dict()) | {f"dL/dh_l{k}" for k in range(layers)}
    if model.has_cell_state:
        expected |= {f"dL/dc_l{k}" for k in range(layers)}
    assert set(result.errors) == expected
    assert result.passed, result.failures()
    assert max(result.errors.values()) < 1e-6


def test_gradient_check_catches_a_wrong_gradient(monkeypatch):
    model = SequenceModel("lstm", D, H, O, 1, seed=1, dtype="float64")
    x, target = _data("mse")
    original = type(model.layers[0]).backward

    def slightly_wrong(self, dh_in, grads, need_dx=True, truncate=0):
        dx = original(self, dh_in, grads, need_dx, truncate)
        grads["weight_hh"] *= 1.001  # a 0.1 % error
        return dx

    monkeypatch.setattr(type(model.layers[0]), "backward", slightly_wrong)
    result = gradient_check(model, x, target, "mse", samples=20)
    assert not result.passed
    assert set(result.failures()) == {"rnn.weight_hh_l0"}
    assert result.errors["rnn.weight_hh_l0"] > 1e-4


def test_gradient_check_does_not_touch_the_model():
    model = SequenceModel("gru", D, H, O, 2, seed=3)  # float32: the check runs on a copy
    before = model.state_dict()
    x, target = _data("mse")
    result = gradient_check(model, x, target, "mse", samples=3)
    assert result.passed
    after = model.state_dict()
    assert all(np.array_equal(before[k], after[k]) for k in before)
    assert model.dtype == np.float32


@pytest.mark.parametrize("cell", CELLS)
def test_per_timestep_norms_match_finite_differences(cell):
    model = SequenceModel(cell, D, H, O, 2, seed=2, dtype="float64")
    x, target = _data("mse", seed=5)
    _, grads = model.loss_and_gradients(x, target, "mse", norms=True)
    numeric = numeric_state_gradients(model, x, target, "mse")
    assert grads.dh_norms.shape == (2, T)
    for k in range(2):
        expected = np.linalg.norm(numeric[("h", k)].reshape(T, -1), axis=1)
        np.testing.assert_allclose(grads.dh_norms[k], expected, rtol=1e-7)
        if model.has_cell_state:
            expected_c = np.linalg.norm(numeric[("c", k)].reshape(T, -1), axis=1)
            np.testing.assert_allclose(grads.dc_norms[k], expected_c, rtol=1e-7)
    if not model.has_cell_state:
        assert grads.dc_norms is None


@pytest.mark.parametrize("cell", CELLS)
def test_vanishing_gradient_probe_matches_finite_differences(cell):
    model = SequenceModel(cell, D, H, O, 2, seed=4, dtype="float64")
    x, target = _data("mse", seed=6)
    tau = 4
    probe = model.gradient_probe(x, target, "mse", tau=tau)
    # l_tau: the loss at step tau alone; steps after tau cannot influence it
    only_tau = np.zeros(T)
    only_tau[tau] = 1
    numeric = numeric_state_gradients(model, x, target, "mse", mask=only_tau)
    assert probe.tau == tau
    assert probe.dh.shape == (2, tau + 1)
    for k in range(2):
        expected = np.linalg.norm(numeric[("h", k)].reshape(T, -1), axis=1)
        np.testing.assert_allclose(probe.dh[k], expected[: tau + 1], rtol=1e-7)
        assert np.all(expected[tau + 1 :] < 1e-9)  # zero up to rounding
        if model.has_cell_state:
            expected_c = np.linalg.norm(numeric[("c", k)].reshape(T, -1), axis=1)
            np.testing.assert_allclose(probe.dc[k], expected_c[: tau + 1], rtol=1e-7)
    assert probe.loss == pytest.approx(model.loss(x, target, "mse", mask=only_tau))


def test_probe_defaults_to_the_last_scored_step():
    model = SequenceModel("rnn", D, H, O, seed=0)
    x, target = _data("mse")
    assert model.gradient_probe(x, target).tau == T - 1
    mask = np.array([0, 0, 1, 1, 0, 0])
    assert model.gradient_probe(x, target, mask=mask).tau == 3
    with pytest.raises(ValueError, match="tau=5 is not scored"):
        model.gradient_probe(x, target, mask=mask, tau=5)
    with pytest.raises(ValueError, match="tau must be a step index"):
        model.gradient_probe(x, target, tau=T)


def test_plain_rnn_forgets_faster_than_lstm():
    """The seeds' lesson: over 60 steps the RNN's gradient decays by orders of magnitude
    more than the LSTM's (forget bias 1, same seed, same data)."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((60, 4, 2))
    target = rng.standard_normal((60, 4, 1))
    ratios = {}
    for cell in ("rnn", "lstm"):
        model = SequenceModel(cell, 2, 32, 1, seed=0, dtype="float64")
        probe = model.gradient_probe(x, target)
        ratios[cell] = probe.dh[0, 0] / probe.dh[0, -1]  # first step vs the scored step
    assert ratios["rnn"] < 1e-6
    assert ratios["lstm"] > 100 * ratios["rnn"]
