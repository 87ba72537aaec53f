"""The backward pass made visible (``engine.backward``): every named term against the
engine's gradients, the step Jacobians against finite differences, the factor as a
bound of the decay, the singular values against an SVD."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_studio.engine import (
    CELLS,
    SequenceModel,
    backward_pass,
    cell_spec,
    recurrent_singular_values,
    step_factors,
    step_jacobians,
)

CELL_NAMES = [c for c in CELLS if cell_spec(c).layer is not None]


def _batch(seed=1, T=7, B=2, D=3, O=2):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(T, B, D)), rng.normal(size=(T, B, O))


def _norms(a):
    return np.sqrt((np.asarray(a, np.float64) ** 2).sum(axis=(1, 2)))


@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("cell", CELL_NAMES)
def test_terms_add_up_to_the_engines_totals(cell, layers):
    m = SequenceModel(cell, 3, 5, 2, layers, seed=0, dtype="float64")
    x, y = _batch()
    passed = backward_pass(m, x, y, "mse", tau=5)
    probe = m.gradient_probe(x, y, "mse", tau=5)
    assert passed.tau == 5 and len(passed.layers) == layers
    for k, terms in enumerate(passed.layers):
        assert terms["dh"].shape == (6, 2, 5)
        np.testing.assert_allclose(_norms(terms["dh"]), probe.dh[k], rtol=1e-10)
        # δh_t = from above + from t+1, and from t+1 is what step t+1 sent back
        np.testing.assert_allclose(terms["dh"], terms["dh_above"] + terms["dh_next"], atol=1e-12)
        np.testing.assert_allclose(terms["dh_next"][:-1], terms["dh_prev"][1:], atol=1e-12)
        # δh_{t−1} through W_hh is the sum of what each gate block sends back
        through_w = sum(terms["dh_prev_" + b] for b in cell_spec(cell).blocks)
        if cell == "gru":
            z = m.trace(x[:6])[k]["z"]
            through_w = through_w + z * terms["dh"]
        np.testing.assert_allclose(through_w, terms["dh_prev"], atol=1e-12)
        assert not terms["dh_next"][-1].any()
        if cell_spec(cell).has_cell_state:
            np.testing.assert_allclose(_norms(terms["dc"]), probe.dc[k], rtol=1e-10)
            np.testing.assert_allclose(terms["dc_next"][:-1], terms["dc_prev"][1:], atol=1e-12)
        if k < layers - 1:  # the layer above's δx is this layer's share from above
            above = passed.layers[k + 1]
            W = m.parameters()[f"rnn.weight_ih_l{k + 1}"]
            G = cell_spec(cell).num_blocks
            da = np.concatenate([above["da_" + b] for b in cell_spec(cell).blocks], axis=2)
            assert da.shape[2] == G * 5
            np.testing.assert_allclose(terms["dh_above"], da @ W, atol=1e-12)
    top = passed.layers[-1]["dh_above"]
    assert not top[:-1].any()  # the loss at tau alone: the head gives nothing before it


@pytest.mark.parametrize("cell", CELL_NAMES)
def test_the_steps_contributions_sum_to_the_engines_gradients(cell):
    """What step t adds to each weight (δa_t ⊗ x_t, δa_t ⊗ h_{t−1}, δa_t), summed over
    t, is the engine's gradient of l_tau."""
    m = SequenceModel(cell, 3, 4, 1, 2, seed=3, dtype="float64")
    x, y = _batch(seed=4, O=1)
    tau = 5
    passed = backward_pass(m, x, y, "mse", tau=tau)
    only = np.zeros((tau + 1, 2))
    only[tau] = 1
    _, grads = m.loss_and_gradients(x[: tau + 1], y[: tau + 1], "mse", only)
    trace = m.trace(x[: tau + 1])
    spec = cell_spec(cell)
    for k, terms in enumerate(passed.layers):
        inp = x[: tau + 1] if k == 0 else trace[k - 1]["h"]
        h_prev = np.concatenate([np.zeros_like(trace[k]["h"][:1]), trace[k]["h"][:-1]])
        da = np.concatenate([terms["da_" + b] for b in spec.blocks], axis=2)  # (n, B, G*H)
        np.testing.assert_allclose(
            np.einsum("tbg,tbd->gd", da, inp), grads[f"rnn.weight_ih_l{k}"], atol=1e-12
        )
        np.testing.assert_allclose(da.sum(axis=(0, 1)), grads[f"rnn.bias_ih_l{k}"], atol=1e-12)
        if cell == "gru":  # W_hn h + b_hn reaches the loss through r: its δ is r ⊙ δa_n
            H = 4
            da = da.copy()
            da[:, :, 2 * H :] *= trace[k]["r"]
        np.testing.assert_allclose(
            np.einsum("tbg,tbh->gh", da, h_prev), grads[f"rnn.weight_hh_l{k}"], atol=1e-12
        )


@pytest.mark.parametrize("cell", CELL_NAMES)
def test_step_jacobians_match_finite_differences(cell):
    m = SequenceModel(cell, 2, 4, 1, 2, seed=5, dtype="float64")
    x = np.random.default_rng(6).normal(size=(5, 1, 2))
    trace = m.trace(x)
    spec = cell_spec(cell)
    for k, J in enumerate(step_jacobians(m, x)):
        p = m.layers[k].p
        inp = x[:, 0] if k == 0 else trace[k - 1]["h"][:, 0]
        for t in (0, 3):
            h_prev = trace[k]["h"][t - 1, 0] if t else np.zeros(4)
            c_prev = None
            if spec.has_cell_state:
                c_prev = (trace[k]["c"][t - 1, 0] if t else np.zeros(4))[None]
            eps = 1e-6
            for j in range(4):
                e = np.zeros(4)
                e[j] = eps
                hi = spec.step(p, inp[t][None], (h_prev + e)[None], c_prev)["h"][0]
                lo = spec.step(p, inp[t][None], (h_prev - e)[None], c_prev)["h"][0]
                np.testing.assert_allclose(J[t][:, j], (hi - lo) / (2 * eps), atol=1e-8)


def test_the_factor_bounds_how_much_the_gradient_changes_per_step():
    """One layer, the loss at tau alone: δh_{t−1} = J_tᵀ δh_t, so the ratio of the decay
    curve from one step to the next is at most the factor; for an RNN it is near it."""
    m = SequenceModel("rnn", 1, 8, 1, 1, seed=2, dtype="float64")
    x, y = _batch(seed=7, T=12, B=1, D=1, O=1)
    probe = m.gradient_probe(x, y, "mse")
    factor = step_factors(m, x)[0]
    ratio = probe.dh[0][:-1] / probe.dh[0][1:]  # ||δh_{t-1}|| / ||δh_t||, t = 1 .. tau
    assert np.all(ratio <= factor[1:] * (1 + 1e-9))
    J = step_jacobians(m, x)[0]
    np.testing.assert_allclose(factor, [np.linalg.norm(j, 2) for j in J], rtol=1e-12)


def test_factors_beyond_the_budget_are_nan():
    m = SequenceModel("lstm", 1, 8, 1, 1, seed=2, dtype="float64")
    x = np.zeros((10, 1, 1))
    f = step_factors(m, x, most=3 * 64)
    assert np.isnan(f[0, :7]).all() and np.isfinite(f[0, 7:]).all()


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_singular_values_are_those_of_weight_hh(cell):
    m = SequenceModel(cell, 2, 6, 1, 2, seed=1)
    for k, sv in enumerate(recurrent_singular_values(m)):
        w = m.parameters()[f"rnn.weight_hh_l{k}"].astype(np.float64)
        np.testing.assert_allclose(sv, np.linalg.svd(w, compute_uv=False), rtol=1e-6)
        assert np.all(np.diff(sv) <= 0)


def test_a_cut_stops_the_terms():
    """With truncation the terms from the next step are zero at the cuts, while what the
    step computes to send back is still shown (it is computed, not passed on)."""
    m = SequenceModel("lstm", 3, 5, 2, 1, seed=0, dtype="float64")
    x, y = _batch(T=9)
    passed = backward_pass(m, x, y, "mse", truncate=3)
    terms = passed.layers[0]
    assert passed.cut(3) and passed.cut(6) and not passed.cut(4)
    for t in (2, 5):  # step t+1 = 3, 6 is a cut: nothing comes from it
        assert not terms["dh_next"][t].any() and not terms["dc_next"][t].any()
    assert terms["dh_prev"][6].any()  # computed at the cut, not passed on
    assert not terms["dh"][:6].any()  # l_8 reaches back to step 6, no further
    assert terms["dh"][6:].any()


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_a_trace_the_caller_has_gives_the_same_terms(cell):
    m = SequenceModel(cell, 3, 5, 2, 2, seed=0, dtype="float64")
    x, y = _batch()
    own = backward_pass(m, x, y, "mse", tau=4)
    given = backward_pass(m, x, y, "mse", tau=4, trace=m.trace(x))
    for a, b in zip(own.layers, given.layers, strict=True):
        assert a.keys() == b.keys()
        for key in a:
            np.testing.assert_array_equal(a[key], b[key])
