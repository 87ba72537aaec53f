"""Optimizers with PyTorch's update rules, global-norm clipping, and no silent NaN.

    sgd      v = mu v + g;                    p -= lr v          (v = g on the first step)
    adam     m = b1 m + (1-b1) g;  s = b2 s + (1-b2) g^2
             p -= lr (m / (1-b1^k)) / (sqrt(s / (1-b2^k)) + eps)
    rmsprop  s = a s + (1-a) g^2;             p -= lr g / (sqrt(s) + eps)

``step(grads, max_norm)`` measures the global gradient norm first (and returns
it, before clipping), scales the gradients by ``max_norm / (norm + 1e-6)`` when
the norm is larger (PyTorch's ``clip_grad_norm_``), computes every new parameter
and state aside, and writes them only if all are finite; otherwise it raises
``NonFiniteError`` and the model and the optimizer are exactly as before.
The learning rate (``opt.lr``) may change between steps.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from .model import NonFiniteError, global_norm


class Optimizer:
    """Base class: holds the live parameters and per-parameter state arrays."""

    name = ""
    state_names: tuple[str, ...] = ()

    def __init__(self, params: Mapping[str, np.ndarray], lr: float) -> None:
        self.params = params
        self.lr = lr
        self.steps = 0
        self.state: dict[str, dict[str, np.ndarray]] = {
            s: {k: np.zeros_like(p) for k, p in params.items()} for s in self.state_names
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

    def step(self, grads: Mapping[str, np.ndarray], max_norm: float | None = None) -> float:
        """Apply one update; return the global gradient norm measured before clipping."""
        missing = [k for k in self.params if k not in grads]
        if missing:
            raise ValueError("grads lack entries for: " + ", ".join(missing))
        norm = global_norm({k: grads[k] for k in self.params})
        if not math.isfinite(norm):
            raise NonFiniteError(
                f"gradient norm is not finite ({norm}); the weights were left unchanged",
                loss=getattr(grads, "loss", math.nan),
                grad_norm=norm,
            )
        scale = 1.0
        if max_norm is not None:
            if not (max_norm > 0):
                raise ValueError(f"max_norm must be positive, got {max_norm}")
            if norm > max_norm:
                scale = max_norm / (norm + 1e-6)
        k = self.steps + 1
        new_params, new_state = {}, {s: {} for s in self.state_names}
        for name, p in self.params.items():
            g = grads[name] * scale if scale != 1.0 else grads[name]
            state = {s: self.state[s][name] for s in self.state_names}
            with np.errstate(over="ignore", invalid="ignore"):  # checked just below
                new_p, upd = self._update(p, g, state, k)
            if not np.all(np.isfinite(new_p)):
                raise NonFiniteError(
                    f"the update of {name} is not finite (lr {self.lr:g}); "
                    "the weights were left unchanged",
                    loss=getattr(grads, "loss", math.nan),
                    grad_norm=norm,
                )
            new_params[name] = new_p
            for s in self.state_names:
                new_state[s][name] = upd[s]
        for name, new_p in new_params.items():
            np.copyto(self.params[name], new_p)
        self.state = new_state
        self.steps = k
        return norm

    def _update(self, p, g, state, k):
        """Return (new parameter, new state arrays); must not modify its inputs."""
        raise NotImplementedError

    # state for saving and resuming a run
    def state_dict(self) -> dict[str, np.ndarray]:
        out = {
            f"{s}.{name}": a.copy() for s, arrs in self.state.items() for name, a in arrs.items()
        }
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
        for s in self.state_names:
            for name, p in self.params.items():
                self.state[s][name] = np.asarray(state[f"{s}.{name}"], dtype=p.dtype).copy()
        self.steps = steps


class SGD(Optimizer):
    name = "sgd"
    state_names = ("momentum_buffer",)

    def __init__(self, params, lr: float = 0.1, momentum: float = 0.0) -> None:
        if not 0.0 <= momentum < 1.0:
            raise ValueError(f"momentum must lie in [0, 1), got {momentum}")
        super().__init__(params, lr)
        self.momentum = float(momentum)

    def _update(self, p, g, state, k):
        buf = g if (k == 1 or self.momentum == 0) else self.momentum * state["momentum_buffer"] + g
        return p - self.lr * buf, {"momentum_buffer": np.array(buf, dtype=p.dtype)}


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

    def _update(self, p, g, state, k):
        b1, b2 = self.betas
        m = b1 * state["exp_avg"] + (1 - b1) * g
        s = b2 * state["exp_avg_sq"] + (1 - b2) * (g * g)
        denom = np.sqrt(s / (1 - b2**k)) + self.eps
        new_p = p - (self.lr / (1 - b1**k)) * m / denom
        return new_p, {"exp_avg": m, "exp_avg_sq": s}


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

    def _update(self, p, g, state, k):
        s = self.alpha * state["square_avg"] + (1 - self.alpha) * (g * g)
        return p - self.lr * g / (np.sqrt(s) + self.eps), {"square_avg": s}


OPTIMIZERS: dict[str, type[Optimizer]] = {cls.name: cls for cls in (SGD, Adam, RMSprop)}


def make_optimizer(name: str, params: Mapping[str, np.ndarray], lr: float, **options) -> Optimizer:
    """``make_optimizer("adam", model.parameters(), lr=1e-3)``."""
    if name not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}; got {name!r}")
    return OPTIMIZERS[name](params, lr=lr, **options)
