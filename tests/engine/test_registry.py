"""The cell registry: the fast engine held against each cell's readable reference step,
and a cell registered from here (the minimal gated unit) that trains with no engine code.

The reference model is the same cell registered again with ``layer=None``: it runs the
spec's ``step`` over the sequence and backpropagates with its ``step_backward`` (BPTT
written with the reference steps, ``ReferenceLayer``)."""

import math

import numpy as np
import pytest
from toy_cells import MGU

from lstm_studio.engine import (
    CELLS,
    ReferenceLayer,
    SequenceModel,
    cell_spec,
    gradient_check,
    register,
    unregister,
)
from lstm_studio.engine import reference as ref

BUILTIN = ("rnn", "lstm", "gru", "peephole", "cifg")
T, B, D, H, O = 7, 3, 4, 5, 2


def _pair(cell, reference_of, layers, dtype, seed=3):
    fast = SequenceModel(cell, D, H, O, layers, seed=seed, dtype=dtype)
    slow = SequenceModel(reference_of(cell), D, H, O, layers, seed=seed, dtype=dtype)
    slow.load_state_dict(fast.state_dict())
    assert isinstance(slow.layers[0], ReferenceLayer)
    return fast, slow


def test_the_registry_lists_the_five_cells_in_display_order():
    assert tuple(CELLS) == BUILTIN
    for name in BUILTIN:
        spec = cell_spec(name)
        assert spec.name == name and spec.layer is not None
        assert set(spec.equations) <= {q.key for q in spec.quantities}
    with pytest.raises(ValueError, match="cell must be one of rnn, lstm"):
        cell_spec("transformer")


@pytest.mark.parametrize("cell", BUILTIN)
@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_fast_engine_equals_the_reference_step(cell, layers, dtype, reference_of):
    fast, slow = _pair(cell, reference_of, layers, dtype)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(T, B, D))
    target = rng.normal(size=(T, B, O))
    tol = dict(rtol=2e-4, atol=2e-5) if dtype == "float32" else dict(rtol=1e-10, atol=1e-12)
    # gates, states and outputs over the sequence
    np.testing.assert_allclose(fast.forward(x), slow.forward(x), **tol)
    for got, want in zip(fast.trace(x), slow.trace(x), strict=True):
        assert tuple(got) == tuple(want) == cell_spec(cell).trace_names
        for name in got:
            np.testing.assert_allclose(got[name], want[name], **tol, err_msg=name)
    # every gradient, and the per-step gradient norms, by BPTT written with the steps
    loss_f, g_f = fast.loss_and_gradients(x, target, norms=True)
    loss_s, g_s = slow.loss_and_gradients(x, target, norms=True)
    assert loss_f == pytest.approx(loss_s, rel=tol["rtol"])
    for name in g_f:
        np.testing.assert_allclose(g_f[name], g_s[name], **tol, err_msg=name)
    np.testing.assert_allclose(g_f.dh_norms, g_s.dh_norms, **tol)
    if fast.has_cell_state:
        np.testing.assert_allclose(g_f.dc_norms, g_s.dc_norms, **tol)


@pytest.mark.parametrize("cell", BUILTIN)
def test_step_quantities_are_the_reference_step_on_the_trace(cell):
    model = SequenceModel(cell, D, H, O, 2, seed=1, dtype="float64")
    x = np.random.default_rng(2).normal(size=(T, B, D))
    trace = model.trace(x)
    quantities = model.step_quantities(x, trace)
    spec = cell_spec(cell)
    for k in range(2):
        for name in spec.trace_names:
            np.testing.assert_allclose(quantities[k][name], trace[k][name], atol=1e-12)
        for q in spec.quantities:  # every quantity the panels may ask for is there
            assert quantities[k][q.key].shape == (T, B, H), q.key
            if q.preactivation:
                act = ref.sigmoid if q.activation == "σ" else np.tanh
                np.testing.assert_allclose(
                    act(quantities[k][q.preactivation]), quantities[k][q.key], atol=1e-12
                )
    assert not any(name.startswith("Wx_") for name in quantities[0])


@pytest.mark.parametrize("cell", BUILTIN)
def test_parameter_shapes_and_counts_come_from_the_spec(cell):
    spec = cell_spec(cell)
    for D_, H_, O_, L_ in [(1, 1, 1, 1), (5, 16, 3, 3), (62, 7, 62, 4)]:
        model = SequenceModel(cell, D_, H_, O_, L_)
        rows = spec.parameter_shapes(D_, H_, O_, L_)
        assert [(n, s) for n, s, _ in rows] == [(n, p.shape) for n, p in model.parameters().items()]
        assert spec.parameter_count(D_, H_, O_, L_) == model.num_parameters()


def test_onnx_mapping_is_a_permutation_of_the_blocks():
    for name in BUILTIN:
        onnx = cell_spec(name).onnx
        assert onnx is not None
        blocks = sorted({block for block, _ in onnx.slots})
        assert blocks == list(range(cell_spec(name).num_blocks))


# ---------------------------------------------------------------------------- a toy cell
@pytest.fixture
def mgu():
    register(MGU)  # from this test's side: no engine code knows the cell
    yield MGU
    unregister("mgu")


def test_a_toy_cell_registered_here_checks_its_gradients(mgu):
    assert "mgu" in CELLS
    model = SequenceModel("mgu", D, H, O, 2, seed=0, dtype="float64")
    assert model.num_parameters() == mgu.parameter_count(D, H, O, 2)
    assert model.gate_names == ("f", "n", "h")
    rng = np.random.default_rng(1)
    x, target = rng.normal(size=(T, B, D)), rng.normal(size=(T, B, O))
    result = gradient_check(model, x, target, "mse", samples=8)
    assert result.passed, result.errors
    assert "dL/dh_l0" in result.errors


def test_a_toy_cell_runs_both_ways_on_its_reference_step(mgu):
    """The reference step serves the reverse run too: the gradient check passes for a
    bidirectional model of a cell that has no layer of its own."""
    model = SequenceModel("mgu", D, H, O, 2, seed=0, dtype="float64", bidirectional=True)
    assert model.num_parameters() == mgu.parameter_count(D, H, O, 2, bidirectional=True)
    rng = np.random.default_rng(2)
    x, target = rng.normal(size=(T, B, D)), rng.normal(size=(T, B, O))
    result = gradient_check(model, x, target, "mse", samples=6)
    assert result.passed, result.errors
    assert "dL/dh_l1_reverse" in result.errors
    probe = model.gradient_probe(x, target, "mse", tau=1)
    assert probe.dh.shape == (4, T) and not probe.dh[3, :1].any() and probe.dh[3, 1:].all()


def test_a_toy_cell_trains(mgu):
    from lstm_studio.training import TrainConfig, Trainer

    trainer = Trainer(
        TrainConfig(task="adding", task_params={"steps": 10}, cell="mgu", hidden_size=8, steps=60)
    )
    before = trainer.metrics["loss"]
    for _ in range(60):
        trainer.train_step()
    assert trainer.evaluate()["loss"] < 0.7 * before
    snap = trainer.snapshot()
    assert tuple(snap.probe.layers[0]) == ("f", "n", "h")
    assert math.isfinite(snap.loss)


def test_unregister_keeps_the_builtin_cells():
    with pytest.raises(ValueError, match="built-in"):
        unregister("lstm")


def _evaluate(template: str, q: dict) -> float:
    """A ``Quantity.numbers`` template filled with full-precision values and computed."""
    text = template.replace(":v}", "}").format_map({k: f"({float(v)!r})" for k, v in q.items()})
    text = text.replace("×", "*").replace("−", "-").replace("σ(", "sigmoid(").replace("²", "**2")
    return eval(text, {"sigmoid": ref.sigmoid, "tanh": math.tanh})  # noqa: S307 - our own text


@pytest.mark.parametrize("cell", BUILTIN)
def test_every_equation_computes_what_the_reference_step_computes(cell):
    """The Equations panel and the diagram show ``lhs = rhs = numbers``: filled with the
    step's own values, every template gives the value the reference step gave."""
    spec = cell_spec(cell)
    rng = np.random.default_rng(4)
    model = SequenceModel(cell, D, H, O, 1, seed=5, dtype="float64")
    x, h_prev, c_prev = rng.normal(size=(1, D)), rng.normal(size=(1, H)), rng.normal(size=(1, H))
    q = spec.step(model.layers[0].p, x, h_prev, c_prev if spec.has_cell_state else None)
    for u in range(H):
        values = {k: v[0, u] for k, v in q.items()}
        values.update(h_prev=h_prev[0, u], c_prev=c_prev[0, u])
        for quantity in spec.quantities:
            if quantity.numbers:
                got = _evaluate(quantity.numbers.split(" = ")[-1], values)
                assert got == pytest.approx(values[quantity.key], rel=1e-12), quantity.key
    # the shown equations are the reference step's outputs, in the step's own order
    assert [k for k in q if k in spec.equations] == list(spec.equations)


def _step_values(cell, seed=4):
    """One reference step forward and back on random float64 data: the step's inputs, its
    forward quantities ``q``, its backward ones ``d`` and the values both fill templates
    with (each ``(1, H)``), the parts δh is made of given at random."""
    spec = cell_spec(cell)
    rng = np.random.default_rng(seed)
    model = SequenceModel(cell, D, H, O, 1, seed=5, dtype="float64")
    p = model.layers[0].p
    x, h_prev, c_prev = rng.normal(size=(1, D)), rng.normal(size=(1, H)), rng.normal(size=(1, H))
    c_prev = c_prev if spec.has_cell_state else None
    q = spec.step(p, x, h_prev, c_prev)
    dh_above, dh_next = rng.normal(size=(1, H)), rng.normal(size=(1, H))
    dc_next = rng.normal(size=(1, H)) if spec.has_cell_state else None
    d = spec.step_backward(p, x, h_prev, c_prev, q, dh_above + dh_next, dc_next)
    values = {**q, **{k: v for k, v in d.items() if isinstance(v, np.ndarray)}}
    values.update(h_prev=h_prev, dh_above=dh_above, dh_next=dh_next)
    # what each gate block sends back through its rows of W_hh (the probe carries these)
    G = spec.num_blocks
    da_h = d["da_h"].reshape(1, G, H)
    w_hh = p["weight_hh"].reshape(G, H, H)
    values.update({f"dh_prev_{b}": da_h[:, j] @ w_hh[j] for j, b in enumerate(spec.blocks)})
    if spec.has_cell_state:
        values.update(c_prev=c_prev, dc_next=dc_next)
    return spec, p, x, h_prev, values, d


@pytest.mark.parametrize("cell", BUILTIN)
def test_every_backward_equation_computes_what_the_reference_step_computes(cell):
    """The backward mode shows ``lhs = rhs = numbers`` for δh, δc, each gate's δa and what
    step t sends back: filled with the backward step's own values, every template gives
    the value the reference step gave."""
    spec, p, x, h_prev, values, d = _step_values(cell)
    keys = {q.key for q in spec.backward}
    assert {"dh", "dh_prev", "dh_prev_W"} | {f"da_{b}" for b in spec.blocks} <= keys
    assert ("dc" in keys) == ("dc_prev" in keys) == spec.has_cell_state
    # what flows back through W_hh, computed here from the weights: the one sum the
    # templates leave to the window (it runs over every gate unit)
    # (the recurrent side's δ of each block is held against the weight gradient below)
    derived = spec.backward_values(values)
    da_h = np.concatenate([derived[spec.recurrent_delta(b)] for b in spec.blocks], axis=1)
    through_W = da_h @ p["weight_hh"]  # (1, H)
    np.testing.assert_allclose(derived["dh_prev_W"], through_W, rtol=1e-12)
    for u in range(H):
        v = {k: float(a[0, u]) for k, a in derived.items() if a is not None and a.shape == (1, H)}
        for quantity in spec.backward:
            if not quantity.numbers:
                continue
            got = _evaluate(quantity.numbers, v)
            want = v[quantity.key]
            assert got == pytest.approx(want, rel=1e-10, abs=1e-14), (quantity.key, u)
    # δh is the parts the probe carries; δc what the step says
    np.testing.assert_allclose(values["dh"], values["dh_above"] + values["dh_next"])
    if spec.has_cell_state:
        np.testing.assert_allclose(derived["dc"], d["dc"])
    # what step t adds to row u of each block's weights: δa_t[u] x_t, δa_t[u] h_{t−1}, δa_t[u]
    G = spec.num_blocks
    for j, b in enumerate(spec.blocks):
        rows = slice(j * H, (j + 1) * H)
        da_x, da_hb = derived[f"da_{b}"][0], derived[spec.recurrent_delta(b)][0]
        np.testing.assert_allclose(d["grads"]["weight_ih"][rows], np.outer(da_x, x[0]))
        np.testing.assert_allclose(d["grads"]["weight_hh"][rows], np.outer(da_hb, h_prev[0]))
        np.testing.assert_allclose(d["grads"]["bias_ih"][rows], da_x)
        np.testing.assert_allclose(d["grads"]["bias_hh"][rows], da_hb)
    assert d["grads"]["weight_ih"].shape[0] == G * H


@pytest.mark.parametrize("cell", BUILTIN)
def test_every_preactivation_split_adds_up(cell):
    """The diagram writes σ(W·x + W·h + b) = σ(1.20 + 6.10 + 0.28) = σ(7.58): the terms'
    template, filled with the step's values, is the pre-activation."""
    spec, _, _, _, values, _ = _step_values(cell)
    split = [q for q in spec.quantities if q.terms]
    assert {q.key for q in split} == set(spec.blocks)
    for u in range(H):
        v = {k: float(a[0, u]) for k, a in values.items() if a is not None and a.shape == (1, H)}
        for q in split:
            pre = q.preactivation or q.key
            assert _evaluate(q.terms, v) == pytest.approx(v[pre], rel=1e-12), q.key
            assert q.split.startswith("W·x")
