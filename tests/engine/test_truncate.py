"""Truncated backpropagation through time: ``loss_and_gradients(..., truncate=k)``.

The truncated objective, written out: the sequence is cut into chunks [0, k), [k, 2k) ...;
each chunk starts from the state the *unperturbed* model reaches at its first step
(``forward(x[:b], return_state=True)``), held fixed, and runs with the weights W:

    J(W) = loss(concat_b forward(x[b:b+k], state=s_b; W), target)

Its gradient at the model's weights is what truncated BPTT computes (PyTorch:
``h = h.detach()`` every k steps). Central differences of J check it for every cell.
"""

import numpy as np
import pytest
from toy_cells import MGU

from lstm_studio.engine import (
    CELLS,
    ReferenceLayer,
    SequenceModel,
    register,
    unregister,
)
from lstm_studio.engine.losses import LOSSES

BUILTIN = ("rnn", "lstm", "gru", "peephole", "cifg")
T, B, D, H, O = 7, 3, 4, 5, 2
MASK = np.array([1, 0, 1, 1, 0, 1, 1])  # some steps not scored


def _data(loss="mse", seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((T, B, D))
    if loss == "cross_entropy":
        return x, rng.integers(0, O, (T, B))
    return x, rng.standard_normal((T, B, O))


def truncated_objective(model, x, target, loss, mask, k):
    """``J(W)`` of the docstring above: a function of the model's current weights, with
    every chunk's initial state taken from the weights as they are now."""
    starts = list(range(0, T, k))
    states = {b: (model.forward(x[:b], return_state=True)[1] if b else None) for b in starts}
    weight = np.ascontiguousarray(np.broadcast_to(mask[:, None], (T, B)), dtype=np.float64)
    target = target.astype(np.intp) if loss == "cross_entropy" else target

    def J() -> float:
        y = np.concatenate([model.forward(x[b : b + k], state=states[b]) for b in starts])
        return LOSSES[loss](y, target, weight)[0]

    return J


def check_against_differences(model, x, target, k, loss="mse", samples=5, eps=1e-5):
    # a full pass first: the truncated one must not read what it left in the buffers
    model.loss_and_gradients(x, target, loss, MASK)
    _, grads = model.loss_and_gradients(x, target, loss, MASK, truncate=k)
    J = truncated_objective(model, x, target, loss, MASK, k)
    rng = np.random.default_rng(5)
    for name, p in model.parameters().items():
        flat = p.reshape(-1)
        for i in rng.choice(flat.size, min(samples, flat.size), replace=False):
            keep = flat[i]
            flat[i] = keep + eps
            up = J()
            flat[i] = keep - eps
            down = J()
            flat[i] = keep
            numeric = (up - down) / (2 * eps)
            analytic = grads[name].reshape(-1)[i]
            assert analytic == pytest.approx(numeric, rel=1e-6, abs=1e-9), (name, i)
    return grads


@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("cell", BUILTIN)
def test_truncated_gradients_are_those_of_the_truncated_objective(cell, layers):
    model = SequenceModel(cell, D, H, O, layers, seed=2, dtype="float64")
    x, target = _data()
    check_against_differences(model, x, target, k=3)  # chunks of 3, 3 and 1 steps


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_truncated_gradients_with_another_k_and_loss(cell):
    model = SequenceModel(cell, D, H, O, 2, seed=4, dtype="float64")
    x, target = _data("cross_entropy", seed=1)
    check_against_differences(model, x, target, k=2, loss="cross_entropy")


def test_truncation_changes_the_gradient_but_not_the_loss():
    model = SequenceModel("lstm", D, H, O, 2, seed=2, dtype="float64")
    x, target = _data()
    full_loss, full = model.loss_and_gradients(x, target, "mse", MASK)
    cut_loss, cut = model.loss_and_gradients(x, target, "mse", MASK, truncate=2)
    assert cut_loss == full_loss
    assert not np.allclose(cut["rnn.weight_hh_l0"], full["rnn.weight_hh_l0"])
    # the head sees no recurrence: its gradient is the same
    np.testing.assert_array_equal(cut["head.weight"], full["head.weight"])


@pytest.mark.parametrize("cell", BUILTIN)
def test_no_truncation_and_a_chunk_as_long_as_the_sequence_are_full_bptt(cell):
    model = SequenceModel(cell, D, H, O, 2, seed=2, dtype="float64")
    x, target = _data()
    _, full = model.loss_and_gradients(x, target, "mse", MASK, norms=True)
    full = {k: v.copy() for k, v in full.items()}
    for k in (0, T, T + 5, np.int64(T)):
        _, grads = model.loss_and_gradients(x, target, "mse", MASK, truncate=k)
        for name in full:
            np.testing.assert_array_equal(grads[name], full[name], err_msg=f"{name}, k={k}")


@pytest.mark.parametrize("bad", [-1, 1.5, 2.0, True, "3", None])
def test_a_bad_truncate_is_refused(bad):
    model = SequenceModel("rnn", D, H, O, 1, seed=0, dtype="float64")
    x, target = _data()
    with pytest.raises(ValueError, match="truncate must be a whole number >= 0"):
        model.loss_and_gradients(x, target, truncate=bad)
    with pytest.raises(ValueError, match="truncate must be a whole number >= 0"):
        model.gradient_probe(x, target, truncate=bad)


# ---------------------------------------------------------------------------- reference
@pytest.mark.parametrize("k", [1, 2, 3])
@pytest.mark.parametrize("cell", BUILTIN)
def test_the_fast_layers_equal_the_reference_layer_when_truncated(cell, k, reference_of):
    fast = SequenceModel(cell, D, H, O, 2, seed=3, dtype="float64")
    slow = SequenceModel(reference_of(cell), D, H, O, 2, seed=3, dtype="float64")
    slow.load_state_dict(fast.state_dict())
    assert isinstance(slow.layers[0], ReferenceLayer)
    x, target = _data()
    _, g_fast = fast.loss_and_gradients(x, target, "mse", MASK, norms=True, truncate=k)
    _, g_slow = slow.loss_and_gradients(x, target, "mse", MASK, norms=True, truncate=k)
    for name in g_fast:
        np.testing.assert_allclose(g_fast[name], g_slow[name], rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(g_fast.dh_norms, g_slow.dh_norms, rtol=1e-10, atol=1e-13)
    if fast.has_cell_state:
        np.testing.assert_allclose(g_fast.dc_norms, g_slow.dc_norms, rtol=1e-10, atol=1e-13)


@pytest.fixture
def mgu():
    register(MGU)  # a cell with only a spec: it trains through ReferenceLayer
    yield MGU
    unregister("mgu")


def test_a_cell_with_only_a_spec_truncates_too(mgu):
    assert "mgu" in CELLS
    model = SequenceModel("mgu", D, H, O, 2, seed=1, dtype="float64")
    assert isinstance(model.layers[0], ReferenceLayer)
    x, target = _data()
    check_against_differences(model, x, target, k=3)


# ---------------------------------------------------------------------------- the probe
@pytest.mark.parametrize("cell", BUILTIN)
@pytest.mark.parametrize(("k", "tau"), [(3, 6), (2, 5), (3, 3), (4, 2)])
def test_the_probe_is_cut_at_the_chunk_boundary_before_tau(cell, k, tau):
    model = SequenceModel(cell, D, H, O, 2, seed=2, dtype="float64")
    x, target = _data()
    full = model.gradient_probe(x, target, tau=tau)
    cut = model.gradient_probe(x, target, tau=tau, truncate=k)
    assert (full.truncate, cut.truncate) == (0, k)
    assert cut.loss == full.loss
    b = (tau // k) * k  # the last cut at or before tau
    for mine, theirs in [(cut.dh, full.dh), (cut.dc, full.dc)]:
        if mine is None:
            assert theirs is None and not model.has_cell_state
            continue
        assert np.all(mine[:, :b] == 0)
        np.testing.assert_allclose(mine[:, b:], theirs[:, b:], rtol=1e-12, atol=0)
        assert np.all(theirs[:, :b] > 0)  # the full curve reaches back past the cut
