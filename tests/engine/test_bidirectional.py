"""Bidirectional models (``SequenceModel(..., bidirectional=True)``): PyTorch's names,
outputs and gradients, the gradient check of every cell, the reverse run's gradient
reaching forward in time, and the backward pass's named terms run by run."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from lstm_studio.engine import (
    CELLS,
    SequenceModel,
    backward_pass,
    cell_spec,
    gradient_check,
    step_factors,
    step_jacobians,
)

TORCH = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
CELL_NAMES = [c for c in CELLS if cell_spec(c).layer is not None]


def _batch(seed=1, T=7, B=3, D=3, O=2):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(T, B, D)), rng.normal(size=(T, B, O))


def _torch_twin(m: SequenceModel):
    """``torch.nn.RNN/LSTM/GRU(D, H, L, bidirectional=True)`` and ``Linear(2H, O)``
    holding the model's weights, loaded by their names as they are."""
    net = TORCH[m.cell](m.input_size, m.hidden_size, m.num_layers, bidirectional=True).double()
    head = torch.nn.Linear(2 * m.hidden_size, m.output_size).double()
    sd = m.state_dict()
    net.load_state_dict({k[4:]: torch.tensor(v) for k, v in sd.items() if k.startswith("rnn.")})
    head.load_state_dict({k[5:]: torch.tensor(v) for k, v in sd.items() if k.startswith("head.")})
    return net, head


@pytest.mark.parametrize("layers", [1, 2, 3])
@pytest.mark.parametrize("cell", sorted(TORCH))
def test_names_outputs_and_gradients_are_pytorchs(cell, layers):
    m = SequenceModel(cell, 3, 5, 2, layers, seed=layers, dtype="float64", bidirectional=True)
    net, head = _torch_twin(m)
    ours = list(m.state_dict())
    theirs = ["rnn." + k for k in net.state_dict()] + ["head." + k for k in head.state_dict()]
    assert ours == theirs  # the same names in the same order: weight_ih_l0, ..., _reverse
    assert m.parameters()["head.weight"].shape == (2, 10)
    x, y = _batch(seed=layers)
    h0 = np.random.default_rng(9).normal(size=(2 * layers, 3, 5))
    c0 = np.random.default_rng(8).normal(size=(2 * layers, 3, 5)) if cell == "lstm" else None
    state = (h0, c0)
    out, (hn, cn) = m.forward(x, state=state, return_state=True)
    t0 = torch.tensor(h0) if c0 is None else (torch.tensor(h0), torch.tensor(c0))
    seq, finals = net(torch.tensor(x), t0)
    np.testing.assert_allclose(out, head(seq).detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(hn, (finals[0] if cell == "lstm" else finals).detach(), atol=1e-12)
    if cell == "lstm":
        np.testing.assert_allclose(cn, finals[1].detach(), atol=1e-12)
    loss, grads = m.loss_and_gradients(x, y, "mse")
    ref = ((head(net(torch.tensor(x))[0]) - torch.tensor(y)) ** 2).mean()
    ref.backward()
    assert loss == pytest.approx(ref.item(), abs=1e-12)
    named = {"rnn." + k: p for k, p in net.named_parameters()}
    named.update({"head." + k: p for k, p in head.named_parameters()})
    for name, g in grads.items():
        np.testing.assert_allclose(g, named[name].grad.numpy(), atol=1e-12, err_msg=name)


@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("cell", CELLS)
def test_the_gradient_check_passes_for_every_cell(cell, layers):
    """Every parameter and every run's dL/dh_t, dL/dc_t against central differences."""
    m = SequenceModel(cell, 3, 4, 2, layers, seed=2, dtype="float64", bidirectional=True)
    x, y = _batch(seed=3, T=6)
    result = gradient_check(m, x, y, "mse", samples=5)
    assert result.passed, result.failures()
    assert "dL/dh_l0_reverse" in result.errors
    assert any(k.endswith("_l0_reverse") and k.startswith("rnn.") for k in result.errors)


def test_float32_gives_the_float64_gradients():
    m = SequenceModel("lstm", 3, 6, 2, 2, seed=4, dtype="float32", bidirectional=True)
    x, y = _batch(seed=5, T=20)
    _, g32 = m.loss_and_gradients(x, y, "mse", norms=True)
    _, g64 = m.copy("float64").loss_and_gradients(x, y, "mse", norms=True)
    for name in g64:
        np.testing.assert_allclose(g32[name], g64[name], rtol=2e-3, atol=1e-6, err_msg=name)
    assert g32.dh_norms.shape == (4, 20)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_the_reverse_runs_gradient_reaches_forward_in_time(cell):
    """l_tau reads h→_tau (made from steps 0..tau) and h←_tau (made from tau..T-1): the
    forward run's gradient lies on t <= tau, the reverse run's on t >= tau (one layer)."""
    m = SequenceModel(cell, 3, 5, 2, 1, seed=0, dtype="float64", bidirectional=True)
    x, y = _batch(T=12)
    probe = m.gradient_probe(x, y, "mse", tau=4)
    assert probe.dh.shape == (2, 12)
    fwd, rev = probe.dh
    assert (fwd[:5] > 0).all() and not fwd[5:].any()
    assert (rev[4:] > 0).all() and not rev[:4].any()
    # each run's gradient fades away from tau: the far end holds less than tau itself
    assert fwd[0] < fwd[4] and rev[-1] < rev[4]


def test_the_probe_agrees_with_finite_differences_in_both_directions():
    from lstm_studio.engine.gradcheck import numeric_state_gradients

    m = SequenceModel("gru", 2, 3, 1, 2, seed=1, dtype="float64", bidirectional=True)
    x, y = _batch(seed=2, T=6, B=1, D=2, O=1)
    tau = 2
    probe = m.gradient_probe(x, y, "mse", tau=tau)
    mask = np.zeros(6)
    mask[tau] = 1
    numeric = numeric_state_gradients(m, x, y, "mse", mask=mask)
    for run in range(4):
        norms = np.sqrt((numeric[("h", run)] ** 2).sum(axis=(1, 2)))
        np.testing.assert_allclose(probe.dh[run], norms, rtol=1e-6, atol=1e-10)


def test_truncation_cuts_the_reverse_run_from_the_last_step():
    """k = 4 over T = 10: the forward run's chunks start at 0, 4, 8; the reverse run's
    (it reads t = 9 .. 0) at 9, 5, 1, so l_6 reaches back to 4 and forward to 9."""
    m = SequenceModel("lstm", 3, 5, 2, 1, seed=0, dtype="float64", bidirectional=True)
    x, y = _batch(T=10)
    probe = m.gradient_probe(x, y, "mse", tau=6, truncate=4)
    fwd, rev = probe.dh
    assert np.flatnonzero(fwd).tolist() == [4, 5, 6]
    assert np.flatnonzero(rev).tolist() == [6, 7, 8, 9]
    probe = m.gradient_probe(x, y, "mse", tau=3, truncate=4)
    assert np.flatnonzero(probe.dh[1]).tolist() == [3, 4, 5]  # its chunk t = 5 .. 2, from 3 on
    passed = backward_pass(m, x, y, "mse", tau=3, truncate=4)
    assert passed.cut(5, reverse=True) and passed.cut(9, reverse=True)
    assert not passed.cut(4, reverse=True) and passed.cut(4)


@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("cell", CELL_NAMES)
def test_the_backward_terms_of_every_run_add_up(cell, layers):
    m = SequenceModel(cell, 3, 5, 2, layers, seed=0, dtype="float64", bidirectional=True)
    x, y = _batch(T=8)
    tau = 3
    passed = backward_pass(m, x, y, "mse", tau=tau)
    probe = m.gradient_probe(x, y, "mse", tau=tau)
    assert len(passed.layers) == 2 * layers and passed.steps == 8
    spec = cell_spec(cell)
    only = np.zeros((8, 3))
    only[tau] = 1
    _, grads = m.loss_and_gradients(x, y, "mse", only)
    trace = m.trace(x)
    for i, terms in enumerate(passed.layers):
        reverse = i % 2 == 1
        norms = np.sqrt((terms["dh"] ** 2).sum(axis=(1, 2)))
        np.testing.assert_allclose(norms, probe.dh[i], rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(terms["dh"], terms["dh_above"] + terms["dh_next"], atol=1e-12)
        # what a step sends back arrives at the step read before it: t-1, or t+1 reversed
        if reverse:
            np.testing.assert_allclose(terms["dh_next"][1:], terms["dh_prev"][:-1], atol=1e-12)
        else:
            np.testing.assert_allclose(terms["dh_next"][:-1], terms["dh_prev"][1:], atol=1e-12)
        # the steps' contributions sum to the engine's gradient of l_tau
        run = m.run_names()[i]
        inp = m.run_input(x, trace, i)
        h = trace[i]["h"]
        zero = np.zeros_like(h[:1])
        h_prev = np.concatenate([h[1:], zero]) if reverse else np.concatenate([zero, h[:-1]])
        da = np.concatenate([terms["da_" + b] for b in spec.blocks], axis=2)
        np.testing.assert_allclose(
            np.einsum("tbg,tbd->gd", da, inp), grads[f"rnn.weight_ih_{run}"], atol=1e-12
        )
        if cell != "gru":
            np.testing.assert_allclose(
                np.einsum("tbg,tbh->gh", da, h_prev), grads[f"rnn.weight_hh_{run}"], atol=1e-12
            )


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_the_reverse_runs_step_jacobian_is_d_h_t_by_d_h_t_plus_1(cell):
    m = SequenceModel(cell, 2, 4, 1, 1, seed=5, dtype="float64", bidirectional=True)
    x = np.random.default_rng(6).normal(size=(5, 1, 2))
    trace = m.trace(x)
    spec = cell_spec(cell)
    J = step_jacobians(m, x)[1]
    p = m.layers[1].p
    eps = 1e-6
    for t in (1, 3):
        h_next = trace[1]["h"][t + 1, 0]
        c_next = trace[1]["c"][t + 1, 0][None] if spec.has_cell_state else None
        for j in range(4):
            e = np.zeros(4)
            e[j] = eps
            hi = spec.step(p, x[t], (h_next + e)[None], c_next)["h"][0]
            lo = spec.step(p, x[t], (h_next - e)[None], c_next)["h"][0]
            np.testing.assert_allclose(J[t][:, j], (hi - lo) / (2 * eps), atol=1e-8)
    f = step_factors(m, x)
    assert f.shape == (2, 5)
    np.testing.assert_allclose(f[1], [np.linalg.norm(j, 2) for j in J], rtol=1e-12)


def test_trace_and_quantities_are_in_the_order_of_t():
    m = SequenceModel("lstm", 3, 4, 2, 2, seed=0, dtype="float64", bidirectional=True)
    x, _ = _batch(T=6)
    trace = m.trace(x)
    assert len(trace) == 4
    q = m.step_quantities(x, trace)
    for i in range(4):
        np.testing.assert_allclose(q[i]["h"], trace[i]["h"], atol=1e-12)
        np.testing.assert_allclose(q[i]["f"], trace[i]["f"], atol=1e-12)
    # the reverse run's state at the last step has read that step alone: equal to a
    # one-step run of its cell on x_{T-1} from zero
    single = m.spec.step(m.layers[1].p, x[-1], np.zeros((3, 4)), np.zeros((3, 4)))
    np.testing.assert_allclose(trace[1]["h"][-1], single["h"], atol=1e-12)


def test_bad_values_and_foreign_state_dicts_are_refused():
    with pytest.raises(ValueError, match="bidirectional must be True or False"):
        SequenceModel("lstm", 1, 4, 1, bidirectional="yes")
    one_way = SequenceModel("lstm", 1, 4, 1, 1).state_dict()
    both = SequenceModel("lstm", 1, 4, 1, 1, bidirectional=True)
    with pytest.raises(ValueError, match=r"bidirectional lstm.*missing: rnn.weight_ih_l0_reverse"):
        both.load_state_dict(one_way)
    m = SequenceModel("gru", 1, 4, 1, 2, bidirectional=True)
    assert SequenceModel(**m.config()).state_dict().keys() == m.state_dict().keys()
    assert m.num_parameters() == cell_spec("gru").parameter_count(1, 4, 1, 2, bidirectional=True)
    with pytest.raises(ValueError, match=r"\(L\*2, B, H\)"):
        m.forward(np.zeros((3, 2, 1)), state=(np.zeros((2, 2, 4)), None))
