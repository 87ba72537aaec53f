"""A toy cell the tests register from their side: the minimal gated unit (Zhou et al.
2016), described by a ``CellSpec`` and its reference step alone (imported by name:
pytest puts this folder on sys.path)."""

import numpy as np

from lstm_studio.engine import CellSpec, Quantity
from lstm_studio.engine import reference as ref
from lstm_studio.engine.registry import SIGMOID, TANH


def mgu_step(p, x, h_prev, c_prev=None):
    """Minimal gated unit (Zhou et al. 2016), with two biases per block as PyTorch.

    Equations
    ---------
        f_t = sigmoid(W_if x_t + b_if + W_hf h_{t-1} + b_hf)
        n_t = tanh(W_in x_t + b_in + W_hn (f_t * h_{t-1}) + b_hn)
        h_t = (1 - f_t) * h_{t-1} + f_t * n_t
    """
    W_if, W_in = ref.split(p["weight_ih"], 2)
    W_hf, W_hn = ref.split(p["weight_hh"], 2)
    b_if, b_in = ref.split(p["bias_ih"], 2)
    b_hf, b_hn = ref.split(p["bias_hh"], 2)
    q = {"a_f": x @ W_if.T + b_if + h_prev @ W_hf.T + b_hf}
    q["f"] = ref.sigmoid(q["a_f"])
    q["f_h"] = q["f"] * h_prev
    q["a_n"] = x @ W_in.T + b_in + q["f_h"] @ W_hn.T + b_hn
    q["n"] = np.tanh(q["a_n"])
    q["h"] = (1 - q["f"]) * h_prev + q["f"] * q["n"]
    return q


def mgu_step_backward(p, x, h_prev, c_prev, q, dh, dc_next=None):
    W_if, W_in = ref.split(p["weight_ih"], 2)
    W_hf, W_hn = ref.split(p["weight_hh"], 2)
    f, n, f_h = q["f"], q["n"], q["f_h"]
    da_n = dh * f * (1 - n**2)
    d_fh = da_n @ W_hn  # (B, H)
    da_f = (dh * (n - h_prev) + d_fh * h_prev) * f * (1 - f)
    grads = {
        "weight_ih": np.concatenate([da_f.T @ x, da_n.T @ x]),
        "weight_hh": np.concatenate([da_f.T @ h_prev, da_n.T @ f_h]),
        "bias_ih": np.concatenate([da_f.sum(0), da_n.sum(0)]),
        "bias_hh": np.concatenate([da_f.sum(0), da_n.sum(0)]),
    }
    return {
        "dx": da_f @ W_if + da_n @ W_in,
        "dh_prev": dh * (1 - f) + d_fh * f + da_f @ W_hf,
        "dc_prev": None,
        "grads": grads,
        "dh": dh,
        "da_f": da_f,
        "da_n": da_n,
    }


MGU = CellSpec(
    name="mgu",
    title="Minimal gated unit",
    label="MGU",
    summary="one gate both forgets and writes",
    short="MGU",
    colour="#56B4E9",
    blocks=("f", "n"),
    gates=("f", "n"),
    states=("h",),
    quantities=(
        Quantity(
            "f",
            "f_t",
            "σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)",
            "σ({a_f})",
            "f: forget gate",
            "The share of the state replaced",
            SIGMOID,
            "σ",
            "a_f",
        ),
        Quantity(
            "n",
            "n_t",
            "tanh(W_in x_t + b_in + W_hn (f_t ⊙ h_{t−1}) + b_hn)",
            "tanh({a_n})",
            "n: candidate",
            "The new state proposed",
            TANH,
            "tanh",
            "a_n",
        ),
        Quantity(
            "h",
            "h_t",
            "(1 − f_t) ⊙ h_{t−1} + f_t ⊙ n_t",
            "(1 − {f:v}) × {h_prev} + {f} × {n}",
            "h: hidden state",
            "The new hidden state",
            TANH,
        ),
    ),
    equations=("f", "n", "h"),
    step=mgu_step,
    step_backward=mgu_step_backward,
)
