"""The backward pass made visible: δ at every step, the per-step factor, W_hh's spectrum.

Equations
---------
Backpropagation through time of the loss at one scored step τ, ``l_τ``, one step at a
time (the tutorials' δ; the reference step's ``step_backward`` names each term)::

    δh_t     = δh_t(from above) + δh_t(from t+1)          (the head or the layer above;
                                                           W_hhᵀ δa_{t+1} [+ z ⊙ δh_{t+1}])
    δc_t     = δc_t(from t+1) + δh_t ⊙ o_t ⊙ (1 − tanh²c_t)      (LSTM family)
    δa_t     = the gates' pre-activation gradients (δa_i, δa_f, ... per cell)
    δh_{t−1} ← W_hhᵀ δa_t [+ z_t ⊙ δh_t]     δc_{t−1} ← δc_t ⊙ f_t [+ peepholes]
    ∂L/∂W_ih += δa_t ⊗ x_t,   ∂L/∂W_hh += δa_t ⊗ h_{t−1},   ∂L/∂b += δa_t

Each step back multiplies the gradient on h by the transposed step Jacobian
``J_t = ∂h_t/∂h_{t−1}`` (c_{t−1} held fixed), so ``‖J_t‖₂`` is the most it can grow in
one step: below 1 at every step the gradient vanishes, above 1 it can explode. For the
LSTM family the cell path multiplies δc by f_t instead.

Where the numbers come from: the fast layers of ``cells.py`` give the total δh_t and
δc_t of every step (the same pass as ``SequenceModel.gradient_probe``, truncated when
asked); the readable reference step of ``registry`` then runs once over all steps
together, fed those totals, and names every term. A test holds the terms against the
engine: δh_t(from t+1) is the reference's δh_{t−1} of the step after, and the weight
contributions summed over t are the engine's gradients.

Only NumPy is imported here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import subnormal
from .losses import LOSSES
from .model import GradientProbe

#: a step Jacobian is built for H unit vectors at once: at most this many entries of
#: ``(steps, H, H)`` in one batch (bounds the memory of the factor to tens of MB)
_JACOBIAN_BATCH = 1 << 19
#: the factor per step measures at most this many Jacobian entries per layer (the last
#: steps; earlier ones are NaN)
FACTOR_ENTRIES = 1 << 24


@dataclass(frozen=True)
class BackwardPass:
    """Every term of the backward pass of ``l_τ`` on a batch, per layer.

    ``layers[k]`` maps names to ``(τ + 1, B, H)`` arrays: ``dh`` (δh_t in total),
    ``dh_above`` (from the head or the layer above), ``dh_next`` (from step t+1; 0 at
    τ and at a cut), ``dc`` and ``dc_next`` (LSTM family), ``da_<block>`` per gate block,
    ``dh_prev`` and ``dc_prev`` (what step t sends back to step t−1, before truncation:
    at a cut it is computed but not passed on), and ``dh_prev_<block>``, the share of
    ``dh_prev`` each gate block sends through its rows of W_hh (``W_hbᵀ δa_b``; the GRU's
    candidate sends ``W_hnᵀ (r ⊙ δa_n)``, and its ``z ⊙ δh`` is the rest). ``truncate``
    is the k of truncated BPTT (0: full); the gradient does not pass from step t to t−1
    where ``t % k == 0``.

    A bidirectional model has one entry per run (layer k forward at 2k, reverse at
    2k + 1) over every step (``steps`` = T, not τ + 1). A reverse run reads t = T−1 .. 0,
    so for it "the step before" is t+1 and "the step after" is t−1: its ``dh_next`` at t
    came from step t−1, its ``dh_prev`` goes to step t+1, and its gradient reaches from τ
    forward to T−1. Its cuts count from the last step (``cut(t, reverse=True)``).
    """

    tau: int
    loss: float
    truncate: int
    layers: tuple[dict[str, np.ndarray], ...]
    gradient: GradientProbe  # the norms of the same pass (``SequenceModel.gradient_probe``)

    @property
    def steps(self) -> int:
        """How many steps the arrays of ``layers`` hold."""
        return self.gradient.dh.shape[1]

    def cut(self, t: int, reverse: bool = False) -> bool:
        """True when the gradient does not pass from step ``t`` back to the step read
        before it: ``t − 1``, or ``t + 1`` for a reverse run."""
        k = self.truncate
        s = self.steps - 1 - t if reverse else t
        return s <= 0 or (k > 0 and s % k == 0)


def _turn(a, reverse: bool):
    """A run's per-step array (time first) in its reading order, or back again."""
    return a[::-1] if reverse else a


def _run_terms(spec, p, inp, h, c, dh_total, dc_total, above, keep, dtype):
    """Every term of one run's backward pass, all arrays ``(n, B, ·)`` in the run's own
    reading order (its step t−1 is the one it read before t); also ``dL/d input``, the
    share of the run below (``(n, B, D)``)."""
    n, B, H = h.shape
    h_prev = _previous(h).reshape(n * B, H)
    c_prev = _previous(c).reshape(n * B, H) if c is not None else None
    cols = np.ascontiguousarray(inp).reshape(n * B, -1)
    q = spec.step(p, cols, h_prev, c_prev)
    dh = dh_total.reshape(n * B, H)
    dc_next = None
    if c is not None:
        # δc_t = δc_t(from t+1) + (its share through h_t): the reference step with no
        # gradient from t+1 gives that share; the rest of the engine's total came
        # from c_{t+1}
        zero = np.zeros_like(dh)
        direct = spec.step_backward(p, cols, h_prev, c_prev, q, dh, zero)["dc"]
        dc_next = (dc_total.reshape(n * B, H) - direct).reshape(n, B, H)
        dc_next = np.where(keep, dc_next, 0).reshape(n * B, H)
    d = spec.step_backward(p, cols, h_prev, c_prev, q, dh, dc_next)

    def per_step(a):
        return np.asarray(a, dtype).reshape(n, B, -1)

    terms = {"dh": per_step(dh), "dh_above": per_step(above)}
    dh_prev = per_step(d["dh_prev"])
    terms["dh_next"] = np.where(keep, np.concatenate([dh_prev[1:], dh_prev[:1] * 0]), 0)
    if c is not None:
        terms["dc"] = per_step(d["dc"])
        terms["dc_next"] = per_step(dc_next)
    for block in spec.blocks:
        terms["da_" + block] = per_step(d["da_" + block])
    terms["dh_prev"] = dh_prev
    if "da_h" in d:  # W_hhᵀ δa_t gate by gate: what each block sends back to h_{t−1}
        da_h = np.asarray(d["da_h"]).reshape(n * B, spec.num_blocks, H)
        w_hh = np.asarray(p["weight_hh"]).reshape(spec.num_blocks, H, H)
        for j, block in enumerate(spec.blocks):
            terms["dh_prev_" + block] = per_step(da_h[:, j] @ w_hh[j])
    if c is not None:
        terms["dc_prev"] = per_step(d["dc_prev"])
    return terms, per_step(d["dx"])


def _previous(states: np.ndarray) -> np.ndarray:
    """``(T, B, H)`` states -> the states one step earlier (zeros before t = 0)."""
    return np.concatenate([np.zeros_like(states[:1]), states[:-1]])


@subnormal.flush_to_zero()
def backward_pass(
    model, x, target, loss: str = "mse", mask=None, tau=None, truncate: int = 0, trace=None
):
    """The backward pass of the loss at step ``tau`` alone, every term named (``BackwardPass``).

    ``x (T, B, D)``, ``target`` and ``mask`` as for ``SequenceModel.loss_and_gradients``;
    ``tau`` defaults to the last scored step; ``truncate`` as there; ``trace``, when the
    caller has it, is ``model.trace(x)`` (not run again). Raises what ``gradient_probe``
    raises (``NonFiniteError`` for a diverged model).
    """
    probe = model.gradient_probe(x, target, loss, mask, tau, truncate=truncate)
    tau = probe.tau
    n = probe.dh.shape[1]  # tau + 1; every step for a bidirectional model
    x, target, weight = model._prepare(x, target, loss, mask)
    x, target = x[:n], target[:n]
    B, H, K = x.shape[1], model.hidden_size, model.num_directions
    # the layers hold the totals of the pass just made, in their reading order (views
    # of reused buffers: copy)
    dh_total = [np.array(layer.dh_total.transpose(0, 2, 1)) for layer in model.layers]
    dc_total = [
        np.array(layer.dc_total.transpose(0, 2, 1)) if model.has_cell_state else None
        for layer in model.layers
    ]
    # a step's states depend on the steps before it only: the first n of the whole trace
    trace = model.trace(x) if trace is None else [{k: v[:n] for k, v in t.items()} for t in trace]
    only = np.zeros((n, B), model.dtype)  # the weight of l_tau: step tau alone
    only[tau] = 1 if weight is None else weight[tau]
    top = np.concatenate([trace[-K + d]["h"] for d in range(K)], axis=-1)  # (n, B, K*H)
    y = model._head(np.ascontiguousarray(top.reshape(n * B, K * H).T), n, B)
    _, dy = LOSSES[loss](y, target, only)  # (n, B, O)
    above = dy @ model.parameters()["head.weight"]  # (n, B, K*H): the head's share

    passed = np.ones(n, bool)  # does step t+1 (in reading order) send its gradient to t?
    passed[-1] = False
    if truncate:
        passed[np.arange(n - 1)[(np.arange(1, n) % truncate) == 0]] = False
    keep = passed[:, None, None]

    layers: list[dict[str, np.ndarray]] = [{} for _ in model.layers]
    spec = model.spec
    for k in range(model.num_layers - 1, -1, -1):
        below = 0  # what the layer below receives from above: the sum over the runs
        for d in range(K):
            i = k * K + d
            layer = model.layers[i]
            terms, dx = _run_terms(
                spec,
                layer.p,
                _turn(model.run_input(x, trace, i), layer.reverse),
                _turn(trace[i]["h"], layer.reverse),
                _turn(trace[i]["c"], layer.reverse) if model.has_cell_state else None,
                dh_total[i],
                dc_total[i],
                _turn(above[..., d * H : (d + 1) * H], layer.reverse),
                keep,
                model.dtype,
            )
            layers[i] = {
                name: np.ascontiguousarray(_turn(v, layer.reverse)) for name, v in terms.items()
            }
            below = below + _turn(dx, layer.reverse)
        above = below
    return BackwardPass(
        tau=tau,
        loss=probe.loss,
        truncate=probe.truncate,
        layers=tuple(layers),
        gradient=probe,
    )


def step_jacobians(model, x, trace=None, steps: slice | None = None) -> list[np.ndarray]:
    """``J_t = ∂h_t/∂h_{t−1}`` (c_{t−1} held fixed) of every layer at the steps ``steps``
    of the first sequence of ``x``: per layer ``(len(steps), H, H)``; per run for a
    bidirectional model, the reverse run's ``J_t = ∂h_t/∂h_{t+1}`` (the step it read before).

    Built from the reference backward step: fed ``δh_t = e_j`` and no gradient from
    t+1, it returns ``J_tᵀ e_j`` as its δh_{t−1}: row j of J_t.
    """
    x = model._check_x(x)[:, :1]
    trace = (
        model.trace(x) if trace is None else [{k: v[:, :1] for k, v in t.items()} for t in trace]
    )
    T, H = x.shape[0], model.hidden_size
    steps = range(T)[steps] if steps is not None else range(T)
    spec = model.spec
    eye = np.eye(H, dtype=model.dtype)
    out = []
    for k, layer in enumerate(model.layers):
        p, rev = layer.p, layer.reverse
        # in the run's reading order, then its steps picked by their t
        inp = _turn(model.run_input(x, trace, k), rev)[:, 0]  # (T, D)
        h_prev = _previous(_turn(trace[k]["h"], rev))[:, 0]
        c_prev = _previous(_turn(trace[k]["c"], rev))[:, 0] if model.has_cell_state else None
        J = np.empty((len(steps), H, H), model.dtype)
        per = max(1, _JACOBIAN_BATCH // (H * H))
        for at in range(0, len(steps), per):
            ts = np.asarray(steps[at : at + per])
            if rev:
                ts = T - 1 - ts
            rows = len(ts) * H

            def rep(a, ts=ts):
                return np.repeat(a[ts], H, axis=0)

            cp = None if c_prev is None else rep(c_prev)
            q = spec.step(p, inp[ts], h_prev[ts], None if c_prev is None else c_prev[ts])
            q = {name: np.repeat(np.asarray(v), H, axis=0) for name, v in q.items()}
            dh = np.tile(eye, (len(ts), 1))  # (rows, H): e_j for every step
            zero = np.zeros((rows, H), model.dtype) if model.has_cell_state else None
            d = spec.step_backward(p, rep(inp), rep(h_prev), cp, q, dh, zero)
            J[at : at + len(ts)] = np.asarray(d["dh_prev"]).reshape(len(ts), H, H)
        out.append(J)
    return out


def step_factors(model, x, trace=None, most: int = FACTOR_ENTRIES) -> np.ndarray:
    """``‖∂h_t/∂h_{t−1}‖₂`` per layer and step of the first sequence of ``x``: ``(L, T)``
    (per run, ``(2L, T)``, for a bidirectional model: the reverse run's ``‖∂h_t/∂h_{t+1}‖₂``).

    The spectral norm of each step Jacobian (exact, by SVD in float64). Only the last
    steps whose Jacobians hold at most ``most`` entries in all are measured; earlier
    ones are NaN (a very long sequence of a very wide layer).
    """
    x = model._check_x(x)[:, :1]
    T, H = x.shape[0], model.hidden_size
    first = max(0, T - max(1, most // (H * H)))
    out = np.full((len(model.layers), T), np.nan)
    for k, J in enumerate(step_jacobians(model, x, trace, slice(first, T))):
        out[k, first:] = np.linalg.svd(J.astype(np.float64), compute_uv=False)[:, 0]
    return out


def recurrent_singular_values(model) -> list[np.ndarray]:
    """The singular values of every layer's ``weight_hh`` (all gate blocks as stored,
    ``(G·H, H)``), largest first, in float64: per layer ``(H,)``.

    ``σ_1 > 1`` lets a step stretch some direction of h (gradients can explode through
    an RNN whose tanh is unsaturated); ``σ_1 < 1`` shrinks every direction.
    """
    out = []
    for layer in model.layers:
        w = np.asarray(layer.p["weight_hh"], np.float64)
        # the eigenvalues of WᵀW (H x H) are the squared singular values: cheaper than an
        # SVD of the tall (G·H, H) matrix
        ev = np.linalg.eigvalsh(w.T @ w)[::-1]
        out.append(np.sqrt(np.clip(ev, 0, None)))
    return out
