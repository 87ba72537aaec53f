"""Numerical gradient check by central differences, on a float64 copy of a model.

For a sampled entry w of a parameter (or of an h_t / c_t offset):

    numeric  = (-L(w + 2e) + 8 L(w + e) - 8 L(w - e) + L(w - 2e)) / (12 e)
    rel_err  = |analytic - numeric| / max(|analytic|, |numeric|, floor)

The fourth-order stencil has truncation error O(e^4), so e can be large
(default 1e-4) and the rounding noise of the loss, ~1e-16 / e, stays near
1e-12. The floor (default 1e-4) keeps entries whose true gradient is ~0 from
dividing that noise by ~0: below it the error is absolute, scaled by 1/floor.
A correct backward pass then gives errors around 1e-10 to 1e-8.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .losses import LOSSES
from .model import SequenceModel

METHOD = "central differences, 4th order (5-point stencil)"


@dataclass(frozen=True)
class GradCheckResult:
    """Max relative error per parameter (and per state, ``dL/dh_l{k}``, ``dL/dc_l{k}``)."""

    errors: dict[str, float]
    eps: float
    samples: int
    tolerance: float
    floor: float
    method: str = METHOD
    worst: dict[str, tuple[float, float]] = field(
        default_factory=dict
    )  # name -> (analytic, numeric)

    @property
    def passed(self) -> bool:
        return all(e <= self.tolerance for e in self.errors.values())

    def failures(self) -> dict[str, float]:
        return {k: e for k, e in self.errors.items() if e > self.tolerance}


def _rel(a: float, n: float, floor: float) -> float:
    return abs(a - n) / max(abs(a), abs(n), floor)


class _Problem:
    """A float64 copy of a model with one validated batch: the loss as a function of the
    parameters (changed in place) and of additive offsets on h_t / c_t."""

    def __init__(self, model: SequenceModel, x, target, loss: str, mask) -> None:
        self.m = model.copy(dtype="float64")
        self.loss = loss
        self.x, self.target, self.weight = self.m._prepare(x, target, loss, mask)
        self.T, self.B, _ = self.x.shape

    def value(self, offsets=None) -> float:
        top = self.m._run(self.x, offsets=offsets)
        return LOSSES[self.loss](self.m._head(top, self.T, self.B), self.target, self.weight)[0]

    def state_offsets(self):
        """(name, run, kind, offset array (T, B, H), offsets for ``value``) per state of
        every run (``SequenceModel.layers``: ``dL/dh_l0``, ``dL/dh_l0_reverse`` ...)."""
        kinds = ("h", "c") if self.m.has_cell_state else ("h",)
        runs = self.m.run_names()
        for k, run in enumerate(runs):
            for kind in kinds:
                off = np.zeros((self.T, self.B, self.m.hidden_size))
                offsets = [(None, None)] * len(runs)
                offsets[k] = (off, None) if kind == "h" else (None, off)
                yield f"dL/d{kind}_{run}", k, kind, off, offsets


def _derivative(flat: np.ndarray, j: int, evaluate, eps: float) -> float:
    """The 5-point central difference of ``evaluate()`` in entry j of ``flat``."""
    old = flat[j]
    f = []
    for step in (2 * eps, eps, -eps, -2 * eps):
        flat[j] = old + step
        f.append(evaluate())
    flat[j] = old
    return (-f[0] + 8 * f[1] - 8 * f[2] + f[3]) / (12 * eps)


def gradient_check(
    model: SequenceModel,
    x,
    target,
    loss: str = "mse",
    mask=None,
    samples: int = 10,
    eps: float = 1e-4,
    tolerance: float = 1e-6,
    floor: float = 1e-4,
    seed: int = 0,
    states: bool = True,
) -> GradCheckResult:
    """Compare ``loss_and_gradients`` with central differences on a float64 copy.

    ``samples`` entries are drawn at random (``np.random.default_rng(seed)``)
    from every parameter, and, with ``states=True``, from every layer's
    ``dL/dh_t`` and ``dL/dc_t`` (checked through additive offsets on h_t and
    c_t, which is what those totals are the derivative by). The model itself
    is not touched.
    """
    if samples < 1:
        raise ValueError(f"samples must be at least 1, got {samples}")
    if not eps > 0:
        raise ValueError(f"eps must be positive, got {eps}")
    problem = _Problem(model, x, target, loss, mask)
    m = problem.m
    _, grads = m._loss_and_gradients(problem.x, problem.target, loss, problem.weight, norms=False)
    rng = np.random.default_rng(seed)
    errors: dict[str, float] = {}
    worst: dict[str, tuple[float, float]] = {}

    def check(name: str, flat: np.ndarray, analytic: np.ndarray, evaluate) -> None:
        idx = rng.choice(flat.size, size=min(samples, flat.size), replace=False)
        err, pair = 0.0, (0.0, 0.0)
        for j in idx:
            numeric = _derivative(flat, j, evaluate, eps)
            e = _rel(float(analytic[j]), numeric, floor)
            if e >= err:
                err, pair = e, (float(analytic[j]), numeric)
        errors[name], worst[name] = err, pair

    # the layers keep dL/dh_t feature-major (T, H, B) in their reading order; the
    # offsets are (T, B, H) in the order of t
    analytic = {}
    for k, layer in enumerate(m.layers):
        turn = slice(None, None, -1 if layer.reverse else 1)
        analytic[("h", k)] = layer.dh_total[turn].transpose(0, 2, 1).copy()
        if layer.dc_total is not None:
            analytic[("c", k)] = layer.dc_total[turn].transpose(0, 2, 1).copy()
    for name, p in m.parameters().items():
        check(name, p.reshape(-1), grads[name].reshape(-1), problem.value)
    if states:
        for name, k, kind, off, offsets in problem.state_offsets():
            check(
                name,
                off.reshape(-1),
                analytic[(kind, k)].reshape(-1),
                lambda offsets=offsets: problem.value(offsets),
            )
    return GradCheckResult(
        errors=errors, eps=eps, samples=samples, tolerance=tolerance, floor=floor, worst=worst
    )


def numeric_state_gradients(
    model: SequenceModel, x, target, loss: str = "mse", mask=None, eps: float = 1e-4
) -> dict[tuple[str, int], np.ndarray]:
    """Every entry of ``dL/dh^l_t`` (and ``dL/dc^l_t``) by finite differences, on a
    float64 copy: ``{("h", l): (T, B, H), ("c", l): (T, B, H)}``.

    Slow (four forward passes per entry); for checking the per-timestep norms
    and the vanishing-gradient probe on small models.
    """
    problem = _Problem(model, x, target, loss, mask)
    out = {}
    for _, k, kind, off, offsets in problem.state_offsets():
        flat = off.reshape(-1)
        evaluate = lambda offsets=offsets: problem.value(offsets)  # noqa: E731
        out[(kind, k)] = np.array(
            [_derivative(flat, j, evaluate, eps) for j in range(flat.size)]
        ).reshape(off.shape)
    return out
