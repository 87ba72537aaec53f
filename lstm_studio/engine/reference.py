"""The readable reference steps: one timestep of each cell, forward and backward,
written the way the tutorials write them.

Per gate, plain ``sigmoid`` and ``tanh``, no fused weights, no tanh trick, batch-major
``(B, ...)`` arrays. These are the code a learner reads; the Equations panel shows the
same lines. The fast layers of ``cells.py`` train; a test holds them against these.

Every forward step has the signature::

    q = step(p, x, h_prev, c_prev)

    p       the layer's parameters by PyTorch suffix: weight_ih (G*H, D), weight_hh
            (G*H, H), bias_ih (G*H,), bias_hh (G*H,) [, weight_ch (3H,)]
    x       (B, D)   the layer's input at step t
    h_prev  (B, H)   h_{t-1}
    c_prev  (B, H)   c_{t-1} (None for cells without a cell state)
    q       dict of every named quantity of the step, each (B, H): the pre-activations
            a_* split into their W x, W h and bias terms, the gates, the products and
            sums, and the new states ("h", and "c" for the LSTM family)

and every backward step::

    d = step_backward(p, x, h_prev, c_prev, q, dh, dc_next)

    dh       (B, H)  dL/dh_t in total (from the layer above and from step t + 1)
    dc_next  (B, H)  dL/dc_t through c_{t+1} (zeros at the last step; None without c)
    d        dict: "dx" (B, D), "dh_prev" (B, H), "dc_prev" (B, H) or None, "grads"
             (suffix -> what step t adds to that parameter's gradient), "da_h" (B, G*H)
             (the pre-activation gradients on the recurrent side, in block order: the
             GRU's candidate block is r_t * da_n there), and the backward quantities by
             name: "dc" (dL/dc_t in total), "da_<gate>" (B, H)

Only NumPy is imported here.
"""

from __future__ import annotations

import numpy as np


def sigmoid(a):
    with np.errstate(over="ignore"):  # exp(-a) = inf for a << 0: 1 / inf = 0, the right limit
        return 1.0 / (1.0 + np.exp(-a))


def split(w, n):
    """The ``n`` gate blocks stacked in a weight matrix or bias (PyTorch's layout)."""
    return np.split(w, n, axis=0)


def preactivations(p, x, h_prev, names, blocks=None):
    """``a_k = W_ik x + b_ik + W_hk h_prev + b_hk`` for the first gate blocks, named
    ``names``, of ``blocks`` (all of them by default), with its three terms kept apart:
    ``q["Wx_k"], q["Wh_k"], q["b_k"]`` and ``q["a_k"]``."""
    n = blocks or len(names)
    q = {}
    for k, W_i, W_h, b_i, b_h in zip(
        names,
        split(p["weight_ih"], n),
        split(p["weight_hh"], n),
        split(p["bias_ih"], n),
        split(p["bias_hh"], n),
        strict=False,  # the GRU computes its candidate's on its own
    ):
        q["Wx_" + k] = x @ W_i.T  # (B, H)
        q["Wh_" + k] = h_prev @ W_h.T  # (B, H)
        q["b_" + k] = np.broadcast_to(b_i + b_h, q["Wx_" + k].shape)  # (B, H)
        q["a_" + k] = q["Wx_" + k] + q["Wh_" + k] + q["b_" + k]
    return q


def parameter_gradients(p, x, h_prev, da_x, da_h=None):
    """What one step adds to each weight's gradient: ``dW_ih += da ⊗ x_t``, ``dW_hh +=
    da ⊗ h_{t-1}``, ``db += da`` summed over the batch; ``da_x`` / ``da_h`` (B, G*H)
    are the pre-activation gradients on the input side and the recurrent side (the
    same but for the GRU's candidate). Returns (grads, dx, dh_prev through W_hh)."""
    da_h = da_x if da_h is None else da_h
    grads = {
        "weight_ih": da_x.T @ x,  # (G*H, D)
        "weight_hh": da_h.T @ h_prev,  # (G*H, H)
        "bias_ih": da_x.sum(axis=0),  # (G*H,)
        "bias_hh": da_h.sum(axis=0),
    }
    return grads, da_x @ p["weight_ih"], da_h @ p["weight_hh"]


# ============================================================================ RNN
def rnn_step(p, x, h_prev, c_prev=None):
    """Elman RNN.

    Equations
    ---------
        a_t = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
        h_t = tanh(a_t)
    """
    q = preactivations(p, x, h_prev, ("a",))
    q["a"] = q["a_a"]  # the RNN has one block: its pre-activation is the "gate" shown
    q["h"] = np.tanh(q["a"])
    return q


def rnn_step_backward(p, x, h_prev, c_prev, q, dh, dc_next=None):
    da = dh * (1 - q["h"] ** 2)  # backprop through tanh
    grads, dx, dh_prev = parameter_gradients(p, x, h_prev, da)
    return {
        "dx": dx,
        "dh_prev": dh_prev,
        "dc_prev": None,
        "grads": grads,
        "da_h": da,
        "dh": dh,
        "da_a": da,
    }


# ============================================================================ LSTM
def lstm_step(p, x, h_prev, c_prev):
    """LSTM (PyTorch's blocks i, f, g, o).

    Equations
    ---------
        i_t = sigmoid(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)
        f_t = sigmoid(W_if x_t + b_if + W_hf h_{t-1} + b_hf)
        g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)
        o_t = sigmoid(W_io x_t + b_io + W_ho h_{t-1} + b_ho)
        c_t = f_t * c_{t-1} + i_t * g_t
        h_t = o_t * tanh(c_t)
    """
    q = preactivations(p, x, h_prev, ("i", "f", "g", "o"))
    q["i"] = sigmoid(q["a_i"])
    q["f"] = sigmoid(q["a_f"])
    q["g"] = np.tanh(q["a_g"])
    q["o"] = sigmoid(q["a_o"])
    q["f_c"] = q["f"] * c_prev  # what is kept
    q["i_g"] = q["i"] * q["g"]  # what is written
    q["c"] = q["f_c"] + q["i_g"]
    q["tanh_c"] = np.tanh(q["c"])
    q["h"] = q["o"] * q["tanh_c"]
    return q


def lstm_step_backward(p, x, h_prev, c_prev, q, dh, dc_next):
    i, f, g, o, tanh_c = q["i"], q["f"], q["g"], q["o"], q["tanh_c"]
    dc = dc_next + dh * o * (1 - tanh_c**2)  # c_t reaches the loss through h_t and c_{t+1}
    da_i = dc * g * i * (1 - i)
    da_f = dc * c_prev * f * (1 - f)
    da_g = dc * i * (1 - g**2)
    da_o = dh * tanh_c * o * (1 - o)
    da = np.concatenate([da_i, da_f, da_g, da_o], axis=1)  # (B, 4H)
    grads, dx, dh_prev = parameter_gradients(p, x, h_prev, da)
    return {
        "dx": dx,
        "dh_prev": dh_prev,
        "dc_prev": dc * f,  # the cell path: one factor f_t per step
        "grads": grads,
        "da_h": da,
        "dh": dh,
        "dc": dc,
        "da_i": da_i,
        "da_f": da_f,
        "da_g": da_g,
        "da_o": da_o,
    }


# ============================================================================ peephole
def peephole_step(p, x, h_prev, c_prev):
    """LSTM with peephole connections (Gers and Schmidhuber): diagonal weights
    ``weight_ch (3H,)`` = [w_ci, w_cf, w_co] let the gates see the cell state.

    Equations
    ---------
        i_t = sigmoid(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi + w_ci * c_{t-1})
        f_t = sigmoid(W_if x_t + b_if + W_hf h_{t-1} + b_hf + w_cf * c_{t-1})
        g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)
        c_t = f_t * c_{t-1} + i_t * g_t
        o_t = sigmoid(W_io x_t + b_io + W_ho h_{t-1} + b_ho + w_co * c_t)
        h_t = o_t * tanh(c_t)
    """
    w_ci, w_cf, w_co = split(p["weight_ch"], 3)
    q = preactivations(p, x, h_prev, ("i", "f", "g", "o"))
    # the peephole weights per unit, as quantities: the diagram shows their terms
    q["w_ci"], q["w_cf"], q["w_co"] = (np.broadcast_to(w, c_prev.shape) for w in (w_ci, w_cf, w_co))
    q["a_i"] = q["a_i"] + w_ci * c_prev
    q["a_f"] = q["a_f"] + w_cf * c_prev
    q["i"] = sigmoid(q["a_i"])
    q["f"] = sigmoid(q["a_f"])
    q["g"] = np.tanh(q["a_g"])
    q["f_c"] = q["f"] * c_prev
    q["i_g"] = q["i"] * q["g"]
    q["c"] = q["f_c"] + q["i_g"]
    q["a_o"] = q["a_o"] + w_co * q["c"]  # o sees the new cell state
    q["o"] = sigmoid(q["a_o"])
    q["tanh_c"] = np.tanh(q["c"])
    q["h"] = q["o"] * q["tanh_c"]
    return q


def peephole_step_backward(p, x, h_prev, c_prev, q, dh, dc_next):
    w_ci, w_cf, w_co = split(p["weight_ch"], 3)
    i, f, g, o, c, tanh_c = q["i"], q["f"], q["g"], q["o"], q["c"], q["tanh_c"]
    da_o = dh * tanh_c * o * (1 - o)
    # c_t reaches the loss through h_t (twice: tanh(c_t) and o_t's peephole) and c_{t+1}
    dc = dc_next + dh * o * (1 - tanh_c**2) + da_o * w_co
    da_i = dc * g * i * (1 - i)
    da_f = dc * c_prev * f * (1 - f)
    da_g = dc * i * (1 - g**2)
    da = np.concatenate([da_i, da_f, da_g, da_o], axis=1)  # (B, 4H)
    grads, dx, dh_prev = parameter_gradients(p, x, h_prev, da)
    grads["weight_ch"] = np.concatenate(
        [(da_i * c_prev).sum(0), (da_f * c_prev).sum(0), (da_o * c).sum(0)]
    )  # (3H,)
    return {
        "dx": dx,
        "dh_prev": dh_prev,
        "dc_prev": dc * f + da_i * w_ci + da_f * w_cf,
        "grads": grads,
        "da_h": da,
        "dh": dh,
        "dc": dc,
        "da_i": da_i,
        "da_f": da_f,
        "da_g": da_g,
        "da_o": da_o,
    }


# ============================================================================ CIFG
def cifg_step(p, x, h_prev, c_prev):
    """LSTM with coupled input and forget gates: blocks f, g, o; the input gate is 1 - f.

    Equations
    ---------
        f_t = sigmoid(W_if x_t + b_if + W_hf h_{t-1} + b_hf)
        i_t = 1 - f_t
        g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)
        o_t = sigmoid(W_io x_t + b_io + W_ho h_{t-1} + b_ho)
        c_t = f_t * c_{t-1} + (1 - f_t) * g_t
        h_t = o_t * tanh(c_t)
    """
    q = preactivations(p, x, h_prev, ("f", "g", "o"))
    q["f"] = sigmoid(q["a_f"])
    q["i"] = 1 - q["f"]
    q["g"] = np.tanh(q["a_g"])
    q["o"] = sigmoid(q["a_o"])
    q["f_c"] = q["f"] * c_prev
    q["i_g"] = q["i"] * q["g"]
    q["c"] = q["f_c"] + q["i_g"]
    q["tanh_c"] = np.tanh(q["c"])
    q["h"] = q["o"] * q["tanh_c"]
    return q


def cifg_step_backward(p, x, h_prev, c_prev, q, dh, dc_next):
    f, g, o, tanh_c = q["f"], q["g"], q["o"], q["tanh_c"]
    dc = dc_next + dh * o * (1 - tanh_c**2)
    da_f = dc * (c_prev - g) * f * (1 - f)  # f_t both keeps c_{t-1} and refuses g_t
    da_g = dc * (1 - f) * (1 - g**2)
    da_o = dh * tanh_c * o * (1 - o)
    da = np.concatenate([da_f, da_g, da_o], axis=1)  # (B, 3H)
    grads, dx, dh_prev = parameter_gradients(p, x, h_prev, da)
    return {
        "dx": dx,
        "dh_prev": dh_prev,
        "dc_prev": dc * f,
        "grads": grads,
        "da_h": da,
        "dh": dh,
        "dc": dc,
        "da_f": da_f,
        "da_g": da_g,
        "da_o": da_o,
    }


# ============================================================================ GRU
def gru_step(p, x, h_prev, c_prev=None):
    """GRU in PyTorch's form (the reset gate acts after the matrix product).

    Equations
    ---------
        r_t = sigmoid(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
        z_t = sigmoid(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
        n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_{t-1} + b_hn))
        h_t = (1 - z_t) * n_t + z_t * h_{t-1}
    """
    W_in = split(p["weight_ih"], 3)[2]  # the candidate's blocks: r acts inside it
    W_hn = split(p["weight_hh"], 3)[2]
    b_in = split(p["bias_ih"], 3)[2]
    b_hn = split(p["bias_hh"], 3)[2]
    q = preactivations(p, x, h_prev, ("r", "z"), blocks=3)
    q["r"] = sigmoid(q["a_r"])
    q["z"] = sigmoid(q["a_z"])
    q["Wx_n"] = x @ W_in.T  # (B, H)
    q["hn"] = h_prev @ W_hn.T + b_hn  # (B, H)
    q["r_h"] = q["r"] * q["hn"]  # the reset gate scales the old state's share
    q["b_n"] = np.broadcast_to(b_in, q["Wx_n"].shape)  # (B, H); b_hn is inside hn
    q["a_n"] = q["Wx_n"] + q["b_n"] + q["r_h"]
    q["n"] = np.tanh(q["a_n"])
    q["z_h"] = q["z"] * h_prev  # what is kept of the old state
    q["one_minus_z"] = 1 - q["z"]
    q["one_minus_z_n"] = q["one_minus_z"] * q["n"]  # what the candidate brings
    q["h"] = q["one_minus_z_n"] + q["z_h"]
    return q


def gru_step_backward(p, x, h_prev, c_prev, q, dh, dc_next=None):
    r, z, n, hn = q["r"], q["z"], q["n"], q["hn"]
    da_n = dh * (1 - z) * (1 - n**2)
    da_z = dh * (h_prev - n) * z * (1 - z)
    da_r = da_n * hn * r * (1 - r)
    d_hn = da_n * r  # W_hn h + b_hn reaches the loss through r_t
    da_x = np.concatenate([da_r, da_z, da_n], axis=1)  # (B, 3H)
    da_h = np.concatenate([da_r, da_z, d_hn], axis=1)
    grads, dx, dh_prev = parameter_gradients(p, x, h_prev, da_x, da_h)
    return {
        "dx": dx,
        "dh_prev": dh_prev + dh * z,  # and straight through the kept share z_t
        "dc_prev": None,
        "grads": grads,
        "da_h": da_h,
        "dh": dh,
        "da_r": da_r,
        "da_z": da_z,
        "da_n": da_n,
    }
