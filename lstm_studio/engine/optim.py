"""Optimizers with PyTorch's update rules, global-norm clipping, and no silent NaN.

    sgd      v = mu v + g;                    p -= lr v          (v = g on the first step)
    adam     m = b1 m + (1-b1) g;  s = b2 s + (1-b2) g^2
             p -= lr (m / (1-b1^k)) / (sqrt(s / (1-b2^k)) + eps)
    rmsprop  s = a s + (1-a) g^2;             p -= lr g / (sqrt(s) + eps)

``step(grads, max_norm)`` measures the global gradient norm first (and returns
it, before clipping), scales the gradients by ``max_norm / (norm + 1e-6)`` when
the norm is larger (PyTorch's ``clip_grad_norm_``), computes the new parameters
and state aside, and writes them only if all are finite; otherwise it raises
``NonFiniteError`` and the model and the optimizer are exactly as before.
The learning rate (``opt.lr``) may change between steps.

All parameters are updated as one flat vector: a ``SequenceModel``'s
parameters are views of one buffer (and so are the gradients it returns), so
a step is a handful of NumPy calls whatever the number of tensors. Arrays
that do not tile one buffer are gathered into one and scattered back.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from .model import NonFiniteError, _norm


def _tiled_buffer(arrays: list[np.ndarray]) -> np.ndarray | None:
    """The 1-D buffer that ``arrays`` (C-contiguous views) tile exactly, in order, or None."""
    if not arrays:
        return None
    base = arrays[0].base
    if base is None or base.ndim != 1 or not base.flags.c_contiguous:
        return None
    at = base.__array_interface__["data"][0]
    step = base.itemsize
    for a in arrays:
        if a.base is not base or not a.flags.c_contiguous:
            return None
        if a.__array_interface__["data"][0] != at:
            return None
        at += a.size * step
    if at != base.__array_interface__["data"][0] + base.size * step:
        return None
    return base


class Optimizer:
    """Base class: holds the live parameters and flat per-parameter state."""

    name = ""
    state_names: tuple[str, ...] = ()

    def __init__(self, params: Mapping[str, np.ndarray], lr: float) -> None:
        self.params = params
        self.lr = lr
        self.steps = 0
        arrays = list(params.values())
        if not arrays:
            raise ValueError("params is empty: nothing to optimize")
        self._flat = _tiled_buffer(arrays)  # None: gather and scatter every step
        self._dtype = np.result_type(*arrays)
        self._sizes = [a.size for a in arrays]
        total = sum(self._sizes)
        self.state: dict[str, np.ndarray] = {
            s: np.zeros(total, self._dtype) for s in self.state_names
        }

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        value = float(value)
        if not (math.isfinite(value) and value > 0):
            raise ValueError(f"lr must be a positive finite number, got {value}")
        self._lr = value

    def _flat_grads(self, grads: Mapping[str, np.ndarray]) -> np.ndarray:
        missing = [k for k in self.params if k not in grads]
        if missing:
            raise ValueError("grads lack entries for: " + ", ".join(missing))
        arrays = [grads[k] for k in self.params]
        for k, g, p in zip(self.params, arrays, self.params.values(), strict=True):
            if np.shape(g) != p.shape:
                raise ValueError(f"grads[{k!r}] has shape {np.shape(g)}, expected {p.shape}")
        flat = _tiled_buffer(arrays)
        if flat is None or flat.size != sum(self._sizes):
            flat = np.concatenate([np.ravel(g) for g in arrays])
        return flat

    def step(self, grads: Mapping[str, np.ndarray], max_norm: float | None = None) -> float:
        """Apply one update; return the global gradient norm measured before clipping."""
        g = self._flat_grads(grads)
        norm = _norm(g)
        loss = getattr(grads, "loss", math.nan)
        if not math.isfinite(norm):
            raise NonFiniteError(
                f"gradient norm is not finite ({norm}); the weights were left unchanged",
                loss=loss,
                grad_norm=norm,
            )
        if max_norm is not None:
            if not (max_norm > 0):
                raise ValueError(f"max_norm must be positive, got {max_norm}")
            if norm > max_norm:
                g = g * (max_norm / (norm + 1e-6))
        p = (
            self._flat
            if self._flat is not None
            else np.concatenate([np.ravel(a) for a in self.params.values()])
        )
        k = self.steps + 1
        with np.errstate(over="ignore", invalid="ignore"):  # checked just below
            new_p, new_state = self._update(p, g, k)
        if not np.isfinite(new_p).all():
            bad = self._first_bad(new_p)
            raise NonFiniteError(
                f"the update of {bad} is not finite (lr {self.lr:g}); "
                "the weights were left unchanged",
                loss=loss,
                grad_norm=norm,
            )
        if self._flat is not None:
            np.copyto(self._flat, new_p)
        else:
            at = 0
            for a, n in zip(self.params.values(), self._sizes, strict=True):
                a[...] = new_p[at : at + n].reshape(a.shape)
                at += n
        self.state = new_state
        self.steps = k
        return norm

    def _first_bad(self, flat: np.ndarray) -> str:
        at = 0
        for name, n in zip(self.params, self._sizes, strict=True):
            if not np.isfinite(flat[at : at + n]).all():
                return name
            at += n
        return "?"

    def _update(self, p, g, k) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Return (new flat parameters, new state); must not modify its inputs."""
        raise NotImplementedError

    # state for saving and resuming a run, keyed "<state>.<parameter name>"
    def state_dict(self) -> dict[str, np.ndarray]:
        out = {}
        for s, flat in self.state.items():
            at = 0
            for (name, p), n in zip(self.params.items(), self._sizes, strict=True):
                out[f"{s}.{name}"] = flat[at : at + n].reshape(p.shape).copy()
                at += n
        out["steps"] = np.array(self.steps, dtype=np.int64)
        out["lr"] = np.array(self.lr, dtype=np.float64)
        return out

    def load_state_dict(self, state: Mapping[str, np.ndarray]) -> None:
        expected = {
            f"{s}.{name}": p.shape for s in self.state_names for name, p in self.params.items()
        }
        expected_keys = set(expected) | {"steps", "lr"}
        problems = [f"missing {k}" for k in sorted(expected_keys - set(state))]
        problems += [f"unexpected {k}" for k in sorted(set(state) - expected_keys)]
        for key, shape in expected.items():
            if key in state:
                a = np.asarray(state[key])
                if a.shape != shape or not np.issubdtype(a.dtype, np.floating):
                    problems.append(f"{key}: {a.dtype} {a.shape}, expected float {shape}")
                elif not np.all(np.isfinite(a)):
                    problems.append(f"{key}: contains NaN or Inf")
        if problems:
            raise ValueError(f"{self.name} optimizer state does not fit: " + "; ".join(problems))
        steps = int(np.asarray(state["steps"]))
        if steps < 0:
            raise ValueError(f"{self.name} optimizer state: steps must be >= 0, got {steps}")
        self.lr = float(np.asarray(state["lr"]))
        self.state = {
            s: np.concatenate([np.ravel(state[f"{s}.{name}"]) for name in self.params]).astype(
                self._dtype
            )
            for s in self.state_names
        }
        self.steps = steps


class SGD(Optimizer):
    name = "sgd"
    state_names = ("momentum_buffer",)

    def __init__(self, params, lr: float = 0.1, momentum: float = 0.0) -> None:
        if not 0.0 <= momentum < 1.0:
            raise ValueError(f"momentum must lie in [0, 1), got {momentum}")
        super().__init__(params, lr)
        self.momentum = float(momentum)

    def _update(self, p, g, k):
        if k == 1 or self.momentum == 0:
            buf = np.array(g, dtype=p.dtype)
        else:
            buf = self.momentum * self.state["momentum_buffer"]
            buf += g
        return p - self.lr * buf, {"momentum_buffer": buf}


class Adam(Optimizer):
    name = "adam"
    state_names = ("exp_avg", "exp_avg_sq")

    def __init__(self, params, lr: float = 1e-3, betas=(0.9, 0.999), eps: float = 1e-8) -> None:
        b1, b2 = betas
        if not (0 <= b1 < 1 and 0 <= b2 < 1):
            raise ValueError(f"betas must lie in [0, 1), got {betas}")
        if not eps > 0:
            raise ValueError(f"eps must be positive, got {eps}")
        super().__init__(params, lr)
        self.betas, self.eps = (float(b1), float(b2)), float(eps)

    def _update(self, p, g, k):
        b1, b2 = self.betas
        m = b1 * self.state["exp_avg"]
        m += (1 - b1) * g
        s = b2 * self.state["exp_avg_sq"]
        s += (1 - b2) * (g * g)
        denom = s / (1 - b2**k)
        np.sqrt(denom, out=denom)
        denom += self.eps
        step = m / denom
        step *= self.lr / (1 - b1**k)
        return p - step, {"exp_avg": m, "exp_avg_sq": s}


class RMSprop(Optimizer):
    name = "rmsprop"
    state_names = ("square_avg",)

    def __init__(self, params, lr: float = 1e-2, alpha: float = 0.99, eps: float = 1e-8) -> None:
        if not 0 <= alpha < 1:
            raise ValueError(f"alpha must lie in [0, 1), got {alpha}")
        if not eps > 0:
            raise ValueError(f"eps must be positive, got {eps}")
        super().__init__(params, lr)
        self.alpha, self.eps = float(alpha), float(eps)

    def _update(self, p, g, k):
        s = self.alpha * self.state["square_avg"]
        s += (1 - self.alpha) * (g * g)
        denom = np.sqrt(s)
        denom += self.eps
        return p - self.lr * g / denom, {"square_avg": s}


OPTIMIZERS: dict[str, type[Optimizer]] = {cls.name: cls for cls in (SGD, Adam, RMSprop)}


def make_optimizer(name: str, params: Mapping[str, np.ndarray], lr: float, **options) -> Optimizer:
    """``make_optimizer("adam", model.parameters(), lr=1e-3)``."""
    if name not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}; got {name!r}")
    return OPTIMIZERS[name](params, lr=lr, **options)
