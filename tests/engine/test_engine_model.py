"""SequenceModel: the equations, the state dict, seeds, inspection and clear errors."""

import math

import numpy as np
import pytest

from lstm_studio.engine import CELLS, NonFiniteError, SequenceModel

T, B, D, H, O = 6, 2, 3, 4, 2


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def reference_forward(model, x):
    """A plain, one-sample-at-a-time implementation written from the equations."""
    sd = model.state_dict()
    L = model.num_layers
    ys = np.zeros((x.shape[0], x.shape[1], model.output_size))
    for b in range(x.shape[1]):
        h = [np.zeros(model.hidden_size) for _ in range(L)]
        c = [np.zeros(model.hidden_size) for _ in range(L)]
        for t in range(x.shape[0]):
            inp = x[t, b]
            for k in range(L):
                W_ih, W_hh = sd[f"rnn.weight_ih_l{k}"], sd[f"rnn.weight_hh_l{k}"]
                b_ih, b_hh = sd[f"rnn.bias_ih_l{k}"], sd[f"rnn.bias_hh_l{k}"]
                ax, ah = W_ih @ inp + b_ih, W_hh @ h[k] + b_hh
                blocks = np.split(ax + ah, len(ax) // model.hidden_size)
                if model.cell == "rnn":
                    h[k] = np.tanh(blocks[0])
                elif model.cell == "lstm":
                    i, f, g, o = blocks
                    c[k] = sigmoid(f) * c[k] + sigmoid(i) * np.tanh(g)
                    h[k] = sigmoid(o) * np.tanh(c[k])
                elif model.cell == "peephole":
                    w_ci, w_cf, w_co = np.split(sd[f"rnn.weight_ch_l{k}"], 3)
                    a_i, a_f, a_g, a_o = blocks
                    i = sigmoid(a_i + w_ci * c[k])
                    f = sigmoid(a_f + w_cf * c[k])
                    c[k] = f * c[k] + i * np.tanh(a_g)
                    o = sigmoid(a_o + w_co * c[k])
                    h[k] = o * np.tanh(c[k])
                elif model.cell == "cifg":
                    a_f, a_g, a_o = blocks
                    f = sigmoid(a_f)
                    c[k] = f * c[k] + (1 - f) * np.tanh(a_g)
                    h[k] = sigmoid(a_o) * np.tanh(c[k])
                elif model.cell == "gru":
                    xr, xz, xn = np.split(ax, 3)
                    hr, hz, hn = np.split(ah, 3)
                    r, z = sigmoid(xr + hr), sigmoid(xz + hz)
                    n = np.tanh(xn + r * hn)
                    h[k] = (1 - z) * n + z * h[k]
                inp = h[k]
            ys[t, b] = sd["head.weight"] @ h[-1] + sd["head.bias"]
    return ys


def _x(seed=0, dtype="float64", shape=(T, B, D)):
    return np.random.default_rng(seed).standard_normal(shape).astype(dtype)


@pytest.mark.parametrize("layers", [1, 2, 3])
@pytest.mark.parametrize("cell", CELLS)
def test_forward_matches_the_equations(cell, layers):
    model = SequenceModel(cell, D, H, O, layers, seed=11, dtype="float64")
    x = _x(1)
    np.testing.assert_allclose(model.forward(x), reference_forward(model, x), rtol=0, atol=1e-13)


@pytest.mark.parametrize("cell", CELLS)
def test_one_step_at_a_time_equals_the_batched_pass(cell):
    model = SequenceModel(cell, D, H, O, 2, seed=3, dtype="float64")
    x = _x(2)
    y_all, (h_all, c_all) = model.forward(x, return_state=True)
    state, ys = None, []
    for t in range(T):
        y_t, state = model.forward(x[t : t + 1], state=state, return_state=True)
        ys.append(y_t[0])
    np.testing.assert_allclose(np.stack(ys), y_all, rtol=0, atol=1e-14)
    np.testing.assert_allclose(state[0], h_all, rtol=0, atol=1e-14)
    if model.has_cell_state:
        np.testing.assert_allclose(state[1], c_all, rtol=0, atol=1e-14)


def _constant(model, value):
    model.load_state_dict({k: np.full_like(v, value) for k, v in model.state_dict().items()})


def test_fixed_outputs_from_constant_weights():
    """Every weight 0.1 and every bias 0.1: the first step of each cell by hand."""
    x = np.ones((1, 1, 1))
    s = lambda a: 1 / (1 + math.exp(-a))  # noqa: E731
    a = 0.1 * 1 + 0.1 + 0.1  # W_ih x + b_ih + b_hh with h_prev = 0
    expected_h = {
        "rnn": math.tanh(a),
        "lstm": s(a) * math.tanh(s(a) * math.tanh(a)),
        "cifg": s(a) * math.tanh((1 - s(a)) * math.tanh(a)),
        # n = tanh(W_in x + b_in + r (W_hn h + b_hn)) = tanh(0.2 + 0.1 r); h = (1 - z) n
        "gru": (1 - s(a)) * math.tanh(0.2 + 0.1 * s(a)),
    }
    # peephole: i and f see c_{-1} = 0; o sees c_0 through w_co = 0.1
    c_pp = s(a) * math.tanh(a)
    expected_h["peephole"] = s(a + 0.1 * c_pp) * math.tanh(c_pp)
    for cell, h in expected_h.items():
        model = SequenceModel(cell, 1, 1, 1, seed=0, dtype="float64")
        _constant(model, 0.1)
        y = model.forward(x)
        assert y.shape == (1, 1, 1)
        assert y[0, 0, 0] == pytest.approx(0.1 * h + 0.1, abs=1e-15), cell


@pytest.mark.parametrize("cell", CELLS)
def test_state_dict_round_trip_and_names(cell):
    a = SequenceModel(cell, D, H, O, 2, seed=1)
    b = SequenceModel(cell, D, H, O, 2, seed=2)
    x = _x(3, "float32")
    assert not np.allclose(a.forward(x), b.forward(x))
    sd = a.state_dict()
    b.load_state_dict(sd)
    np.testing.assert_array_equal(a.forward(x), b.forward(x))
    sd["head.bias"][:] = 99  # a copy: changing it does not change the model
    assert not np.any(a.state_dict()["head.bias"] == 99)
    G = {"rnn": 1, "lstm": 4, "gru": 3, "peephole": 4, "cifg": 3}[cell]
    shapes = {k: v.shape for k, v in a.state_dict().items()}
    assert shapes["rnn.weight_ih_l0"] == (G * H, D)
    assert shapes["rnn.weight_ih_l1"] == (G * H, H)
    assert shapes["rnn.weight_hh_l1"] == (G * H, H)
    assert shapes["rnn.bias_ih_l0"] == shapes["rnn.bias_hh_l0"] == (G * H,)
    assert shapes["head.weight"] == (O, H) and shapes["head.bias"] == (O,)
    if cell == "peephole":
        assert shapes["rnn.weight_ch_l0"] == (3 * H,)
    # parameter count: L layers of G (D_l H + H H + 2 H) (+ 3H peepholes) and the head
    per_layer = [G * (d * H + H * H + 2 * H) + (3 * H if cell == "peephole" else 0) for d in (D, H)]
    assert a.num_parameters() == sum(per_layer) + O * H + O


def test_load_state_dict_names_every_problem_and_changes_nothing():
    model = SequenceModel("lstm", D, H, O, 1, seed=0)
    before = model.state_dict()
    bad = model.state_dict()
    del bad["rnn.bias_hh_l0"]
    bad["rnn.weight_hh_l1"] = np.zeros((16, 4))
    bad["rnn.weight_ih_l0"] = np.zeros((3, 3))
    bad["head.bias"] = np.array([1, 2])  # integers
    bad["head.weight"] = np.full((O, H), np.nan)
    with pytest.raises(ValueError) as err:
        model.load_state_dict(bad)
    message = str(err.value)
    for part in (
        "missing: rnn.bias_hh_l0",
        "unexpected: rnn.weight_hh_l1",
        "rnn.weight_ih_l0: shape (3, 3), expected (16, 3)",
        "head.bias: dtype int",
        "head.weight: contains NaN",
    ):
        assert part in message
    after = model.state_dict()
    assert all(np.array_equal(before[k], after[k]) for k in before)
    with pytest.raises(ValueError, match="mapping"):
        model.load_state_dict([1, 2, 3])


def test_float64_state_loads_into_float32_model():
    m64 = SequenceModel("gru", D, H, O, seed=4, dtype="float64")
    m32 = SequenceModel("gru", D, H, O, seed=0, dtype="float32")
    m32.load_state_dict(m64.state_dict())
    x = _x(5)
    np.testing.assert_allclose(m32.forward(x), m64.forward(x), atol=1e-5)
    assert m32.state_dict()["head.weight"].dtype == np.float32


@pytest.mark.parametrize("cell", CELLS)
def test_seed_reproduces_bit_for_bit(cell):
    x = _x(6, "float32")
    rng_t = np.random.default_rng(7).standard_normal((T, B, O)).astype("float32")
    runs = []
    for _ in range(2):
        m = SequenceModel(cell, D, H, O, 2, seed=42)
        loss, grads = m.loss_and_gradients(x, rng_t)
        runs.append((m.forward(x), loss, grads))
    np.testing.assert_array_equal(runs[0][0], runs[1][0])
    assert runs[0][1] == runs[1][1]
    for k in runs[0][2]:
        np.testing.assert_array_equal(runs[0][2][k], runs[1][2][k])
    other = SequenceModel(cell, D, H, O, 2, seed=43)
    assert not np.array_equal(other.forward(x), runs[0][0])


def test_initialisation_range_and_forget_bias():
    model = SequenceModel("lstm", D, 16, O, 2, seed=0, forget_bias=2.5)
    bound = 1 / math.sqrt(16)
    sd = model.state_dict()
    for name, value in sd.items():
        if "bias" in name and name.startswith("rnn."):
            continue
        assert np.abs(value).max() <= bound, name
    for k in range(2):
        b_ih, b_hh = sd[f"rnn.bias_ih_l{k}"], sd[f"rnn.bias_hh_l{k}"]
        np.testing.assert_array_equal(b_ih[16:32], 2.5)  # forget block (i, f, g, o)
        np.testing.assert_array_equal(b_hh[16:32], 0.0)
        assert np.abs(b_ih[:16]).max() <= bound
    cifg = SequenceModel("cifg", D, 8, O, seed=0).state_dict()
    np.testing.assert_array_equal(cifg["rnn.bias_ih_l0"][:8], 1.0)  # blocks f, g, o
    # float32 and float64 models with the same seed hold the same numbers
    m32 = SequenceModel("gru", D, H, O, seed=9).state_dict()
    m64 = SequenceModel("gru", D, H, O, seed=9, dtype="float64").state_dict()
    for k in m32:
        np.testing.assert_array_equal(m32[k], m64[k].astype(np.float32))


@pytest.mark.parametrize("cell", CELLS)
def test_trace_gives_every_gate_and_state(cell):
    model = SequenceModel(cell, D, H, O, 2, seed=0, dtype="float64")
    x = _x(8)
    layers = model.trace(x)
    assert len(layers) == 2
    for arrays in layers:
        assert tuple(arrays) == model.gate_names
        for name, a in arrays.items():
            assert a.shape == (T, B, H), name
            if name in ("i", "f", "o", "r", "z"):
                assert a.min() > 0 and a.max() < 1, name
            if name in ("g", "n", "h"):
                assert a.min() > -1 and a.max() < 1, name
    top = layers[-1]
    y = model.forward(x)
    sd = model.state_dict()
    np.testing.assert_allclose(top["h"] @ sd["head.weight"].T + sd["head.bias"], y, atol=1e-13)
    if cell in ("lstm", "peephole", "cifg"):
        np.testing.assert_allclose(top["h"], top["o"] * np.tanh(top["c"]), atol=1e-13)
    if cell == "cifg":
        np.testing.assert_allclose(top["i"], 1 - top["f"], atol=1e-15)
    if cell == "rnn":
        np.testing.assert_allclose(top["h"], np.tanh(top["a"]), atol=1e-15)
    # copies: changing them changes nothing inside
    top["h"][:] = 0
    np.testing.assert_array_equal(model.forward(x), y)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"cell": "transformer"}, "cell must be one of rnn, lstm, gru, peephole, cifg"),
        ({"hidden_size": 0}, "hidden_size must be at least 1"),
        ({"input_size": 2.5}, "input_size must be an integer"),
        ({"output_size": -1}, "output_size must be at least 1"),
        ({"num_layers": 5}, "num_layers must be at most 4"),
        ({"num_layers": True}, "num_layers must be an integer"),
        ({"dtype": "float16"}, "dtype must be one of float32, float64"),
        ({"seed": -1}, "seed must be a non-negative integer"),
        ({"forget_bias": float("nan")}, "forget_bias must be finite"),
    ],
)
def test_bad_construction_raises_a_clear_error(kwargs, message):
    args = {"cell": "lstm", "input_size": 2, "hidden_size": 3, "output_size": 1} | kwargs
    with pytest.raises(ValueError, match=message):
        SequenceModel(**args)


def test_bad_inputs_raise_clear_errors():
    model = SequenceModel("lstm", D, H, O, seed=0)
    x = _x(0, "float32")
    good_target = np.zeros((T, B, O))
    cases = [
        (lambda: model.forward(x[0]), "x must have shape \\(T, B, D\\)"),
        (lambda: model.forward(np.zeros((T, B, D + 1))), "x has 4 features per step"),
        (lambda: model.forward(np.zeros((0, B, D))), "at least one step"),
        (lambda: model.forward(np.full((T, B, D), np.inf)), "x contains NaN or Inf"),
        (lambda: model.forward(np.array([[["a"] * D]] * T)), "x must be numeric"),
        (lambda: model.loss_and_gradients(x, good_target, loss="hinge"), "loss must be one of"),
        (lambda: model.loss_and_gradients(x, np.zeros((T, B))), "target for mse must have shape"),
        (lambda: model.loss_and_gradients(x, np.full((T, B, O), np.nan)), "target contains NaN"),
        (lambda: model.loss_and_gradients(x, np.full((T, B, O), 2.0), "bce"), "lie in \\[0, 1\\]"),
        (
            lambda: model.loss_and_gradients(x, np.zeros((T, B, O)), "cross_entropy"),
            "class indices of shape",
        ),
        (
            lambda: model.loss_and_gradients(x, np.full((T, B), O), "cross_entropy"),
            "target classes must lie in 0 .. 1",
        ),
        (
            lambda: model.loss_and_gradients(x, good_target, mask=np.ones(T + 1)),
            "mask must have shape",
        ),
        (lambda: model.loss_and_gradients(x, good_target, mask=np.zeros(T)), "mask scores no step"),
        (lambda: model.loss_and_gradients(x, good_target, mask=np.full(T, 0.5)), "only 0/1"),
        (lambda: model.forward(x, state=(np.zeros((1, B, H)),)), "state must be a pair"),
        (
            lambda: model.forward(x, state=(np.zeros((2, B, H)), np.zeros((1, B, H)))),
            "state h must have shape",
        ),
        (lambda: model.forward(x, state=(np.zeros((1, B, H)), None)), "state c is required"),
    ]
    for call, message in cases:
        with pytest.raises(ValueError, match=message):
            call()


def test_non_finite_loss_is_reported_not_hidden():
    model = SequenceModel("rnn", D, H, O, seed=0, dtype="float32")
    x = _x(0, "float32")
    huge = np.full((T, B, O), 3e38, dtype=np.float32)  # (y - t)^2 overflows float32
    with pytest.raises(NonFiniteError) as err:
        model.loss_and_gradients(x, huge)
    assert not math.isfinite(err.value.grad_norm)
    assert "not finite" in str(err.value)


def test_mask_scores_only_the_chosen_steps():
    model = SequenceModel("gru", D, H, O, seed=0, dtype="float64")
    x = _x(1)
    target = np.random.default_rng(2).standard_normal((T, B, O))
    y = model.forward(x)
    mask = np.zeros(T)
    mask[-1] = 1
    expected = np.mean((y[-1] - target[-1]) ** 2)
    assert model.loss(x, target, mask=mask) == pytest.approx(expected, rel=1e-12)
    # a target changed at an unscored step changes nothing
    other = target.copy()
    other[0] += 100
    l1, g1 = model.loss_and_gradients(x, target, mask=mask)
    l2, g2 = model.loss_and_gradients(x, other, mask=mask)
    assert l1 == l2
    assert all(np.array_equal(g1[k], g2[k]) for k in g1)


@pytest.mark.parametrize("cell", CELLS)
def test_buffers_reused_across_shapes_give_fresh_results(cell):
    """Layers keep buffers and per-step views between calls; changing T or B in any
    order must give exactly what a fresh model gives."""
    model = SequenceModel(cell, D, H, O, 2, seed=8, dtype="float64")
    rng = np.random.default_rng(9)
    for T_, B_ in [(5, 2), (9, 3), (5, 2), (1, 1), (9, 3), (9, 2)]:
        x = rng.standard_normal((T_, B_, D))
        target = rng.standard_normal((T_, B_, O))
        fresh = SequenceModel(cell, D, H, O, 2, seed=8, dtype="float64")
        np.testing.assert_array_equal(model.forward(x), fresh.forward(x))
        loss, grads = model.loss_and_gradients(x, target, norms=True)
        loss_f, grads_f = fresh.loss_and_gradients(x, target, norms=True)
        assert loss == loss_f
        for k in grads:
            np.testing.assert_array_equal(grads[k], grads_f[k])
        np.testing.assert_array_equal(grads.dh_norms, grads_f.dh_norms)
