"""The recurrent weights' initialisation: uniform (PyTorch's), orthogonal and normal,
times a gain; what the gain does to the gradient back through time."""

import math

import numpy as np
import pytest

from lstm_studio.engine import CELLS, RECURRENT_INITS, SequenceModel, cell_spec

D, O = 3, 2


def _weights_before_the_choice(cell, D, H, O, L, seed, forget_bias=1.0):
    """The initial weights as drawn before ``recurrent_init`` existed, recomputed from
    their description: every parameter U(-1/sqrt(H), 1/sqrt(H)) from default_rng(seed)
    in state-dict order, in float64; the forget gate's biases set after."""
    spec = cell_spec(cell)
    rng = np.random.default_rng(seed)
    bound = 1 / math.sqrt(H)
    sd = {
        name: rng.uniform(-bound, bound, shape)
        for name, shape, _ in spec.parameter_shapes(D, H, O, L)
    }
    if spec.has_forget_gate:
        f = spec.blocks.index("f")
        for k in range(L):
            sd[f"rnn.bias_ih_l{k}"][f * H : (f + 1) * H] = forget_bias
            sd[f"rnn.bias_hh_l{k}"][f * H : (f + 1) * H] = 0.0
    return sd


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("seed", [0, 7, 2**40 + 3])
def test_uniform_with_gain_1_is_the_model_of_before_bit_for_bit(cell, seed):
    expected = _weights_before_the_choice(cell, D, 5, O, 2, seed)
    for dtype in ("float32", "float64"):
        for model in (
            SequenceModel(cell, D, 5, O, 2, seed=seed, dtype=dtype),
            SequenceModel(
                cell, D, 5, O, 2, seed=seed, dtype=dtype, recurrent_init="uniform",
                recurrent_gain=1.0,
            ),
        ):  # fmt: skip
            got = model.state_dict()
            assert list(got) == list(expected)
            for name, value in expected.items():
                np.testing.assert_array_equal(got[name], value.astype(dtype), err_msg=name)


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("init", RECURRENT_INITS)
def test_only_weight_hh_depends_on_the_choice(cell, init):
    default = SequenceModel(cell, D, 6, O, 2, seed=3, dtype="float64").state_dict()
    model = SequenceModel(
        cell, D, 6, O, 2, seed=3, dtype="float64", recurrent_init=init, recurrent_gain=1.7
    )
    for name, value in model.state_dict().items():
        if "weight_hh" in name:
            assert not np.array_equal(value, default[name]), name
        else:
            np.testing.assert_array_equal(value, default[name], err_msg=name)


def test_uniform_times_a_gain_scales_that_same_draw():
    default = SequenceModel("lstm", D, 8, O, 2, seed=1, dtype="float64").state_dict()
    scaled = SequenceModel("lstm", D, 8, O, 2, seed=1, dtype="float64", recurrent_gain=2.5)
    for k in range(2):
        name = f"rnn.weight_hh_l{k}"
        np.testing.assert_array_equal(scaled.state_dict()[name], 2.5 * default[name])


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("gain", [0.5, 1.0, 2.0])
def test_orthogonal_gate_blocks(cell, gain):
    H = 7
    model = SequenceModel(
        cell, D, H, O, 2, seed=4, dtype="float64", recurrent_init="orthogonal", recurrent_gain=gain
    )
    G = cell_spec(cell).num_blocks
    blocks = []
    for k in range(2):
        W = model.state_dict()[f"rnn.weight_hh_l{k}"]
        assert W.shape == (G * H, H)
        for b in range(G):
            Q = W[b * H : (b + 1) * H]  # (H, H)
            np.testing.assert_allclose(Q.T @ Q, gain**2 * np.eye(H), atol=1e-12)
            np.testing.assert_allclose(Q @ Q.T, gain**2 * np.eye(H), atol=1e-12)
            blocks.append(Q)
    # independent draws, not one block repeated
    assert len({np.round(Q, 12).tobytes() for Q in blocks}) == len(blocks)


def test_orthogonal_float32_and_float64_hold_the_same_numbers():
    kw = {"recurrent_init": "orthogonal", "recurrent_gain": 1.3}
    m32 = SequenceModel("gru", D, 6, O, seed=2, **kw).state_dict()
    m64 = SequenceModel("gru", D, 6, O, seed=2, dtype="float64", **kw).state_dict()
    for k in m32:
        np.testing.assert_array_equal(m32[k], m64[k].astype(np.float32))


@pytest.mark.parametrize("gain", [0.5, 2.0])
def test_normal_spread_is_gain_over_sqrt_h(gain):
    H = 64
    model = SequenceModel(
        "lstm", D, H, O, seed=5, dtype="float64", recurrent_init="normal", recurrent_gain=gain
    )
    W = model.state_dict()["rnn.weight_hh_l0"]  # (4H, H): 16384 entries
    assert abs(W.mean()) < 0.05 * gain / math.sqrt(H)
    assert W.std() == pytest.approx(gain / math.sqrt(H), rel=0.03)


@pytest.mark.parametrize("init", RECURRENT_INITS)
def test_the_choice_is_reproducible_and_travels_with_config_and_copy(init):
    kw = {"recurrent_init": init, "recurrent_gain": 1.5}
    model = SequenceModel("rnn", D, 6, O, 2, seed=11, **kw)
    assert model.config()["recurrent_init"] == init
    assert model.config()["recurrent_gain"] == 1.5
    rebuilt = SequenceModel(**model.config())
    twin = model.copy(dtype="float64")
    assert twin.config() == model.config() | {"dtype": "float64"}
    for name, value in model.state_dict().items():
        np.testing.assert_array_equal(rebuilt.state_dict()[name], value)
        np.testing.assert_array_equal(twin.state_dict()[name], value.astype(np.float64))
    other = SequenceModel("rnn", D, 6, O, 2, seed=12, **kw).state_dict()
    assert not np.array_equal(other["rnn.weight_hh_l0"], model.state_dict()["rnn.weight_hh_l0"])


def test_an_rnn_gradient_grows_back_through_time_with_gain_2_and_fades_with_half():
    """The lesson of the choice: with W_hh = 2 Q (spectral norm 2) the per-step factor
    ||diag(1 - h_t²) W_hh|| stays above 1 while the units are not saturated, so the
    gradient of the loss at the last step grows back through time; with 0.5 it fades."""
    H, T = 32, 30
    x = np.full((T, 1, 1), 0.01)  # small inputs: the units stay off tanh's flat ends
    target = np.zeros((T, 1, 1))
    curves = {}
    for gain in (0.5, 2.0):
        model = SequenceModel(
            "rnn", 1, H, 1, seed=0, dtype="float64", recurrent_init="orthogonal",
            recurrent_gain=gain,
        )  # fmt: skip
        W = model.state_dict()["rnn.weight_hh_l0"]
        np.testing.assert_allclose(np.linalg.svd(W, compute_uv=False), gain, rtol=1e-12)
        probe = model.gradient_probe(x, target, "mse")
        assert probe.tau == T - 1 and probe.dh.shape == (1, T)
        curves[gain] = probe.dh[0]  # ||dl_tau / dh_t||, t = 0 .. tau
    grows, fades = curves[2.0], curves[0.5]
    assert grows[0] > 10 * grows[-1]  # earlier steps get the larger gradient
    # grows on most steps back, not just in one jump
    assert np.mean(grows[:-1] > grows[1:]) > 0.6
    assert fades[0] < 1e-6 * fades[-1]
    assert np.all(fades[:-1] < fades[1:])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"recurrent_init": "xavier"}, "recurrent_init must be one of uniform, orthogonal, normal"),
        ({"recurrent_init": None}, "recurrent_init must be one of"),
        ({"recurrent_gain": 0}, "recurrent_gain must be a positive finite number"),
        ({"recurrent_gain": -1.0}, "recurrent_gain must be a positive finite number"),
        ({"recurrent_gain": float("nan")}, "recurrent_gain must be a positive finite number"),
        ({"recurrent_gain": float("inf")}, "recurrent_gain must be a positive finite number"),
        ({"recurrent_gain": 10**400}, "recurrent_gain must be a positive finite number"),
        ({"recurrent_gain": "2"}, "recurrent_gain must be a number"),
        ({"recurrent_gain": True}, "recurrent_gain must be a number"),
        ({"recurrent_gain": None}, "recurrent_gain must be a number"),
    ],
)
def test_bad_init_or_gain_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        SequenceModel("rnn", 2, 3, 1, **kwargs)
