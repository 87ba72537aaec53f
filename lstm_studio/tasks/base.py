"""What every task shares: parameters, presets, batches and held-out evaluation.

A task turns a few difficulty parameters into sequences ``x (T, B, D)`` with
targets and a mask of the scored steps, knows its loss, its metrics and when it
counts as solved, and recommends a preset that solves it. Tasks import NumPy and
the engine only.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from ..engine import LOSSES, SequenceModel

HELDOUT_SEED = 20_240_917  # the held-out sets never depend on the training seed


@dataclass(frozen=True)
class Param:
    """One difficulty parameter of a task, with its type and sane range.

    ``kind`` is ``int``, ``float``, ``str`` or ``bool``; ``choices`` limits a str.
    """

    name: str
    kind: type
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] | None = None

    def parse(self, value: Any, task: str = "") -> Any:
        """Check ``value`` (or convert it from a command-line string) and return it.

        Raises ``ValueError`` naming the task, the parameter and what was expected.
        """
        where = f"{task} parameter {self.name!r}" if task else f"parameter {self.name!r}"
        if self.kind is bool:
            if isinstance(value, str) and value.lower() in ("1", "true", "yes", "on"):
                return True
            if isinstance(value, str) and value.lower() in ("0", "false", "no", "off"):
                return False
            if isinstance(value, (bool, np.bool_)):
                return bool(value)
            raise ValueError(f"{where} must be true or false, got {value!r}")
        if self.kind is str:
            if not isinstance(value, str):
                raise ValueError(f"{where} must be text, got {value!r}")
            if self.choices is not None and value not in self.choices:
                raise ValueError(f"{where} must be one of {', '.join(self.choices)}; got {value!r}")
            return value
        if self.kind is int:
            if isinstance(value, str):
                try:
                    value = int(value.strip())
                except ValueError:
                    raise ValueError(f"{where} must be a whole number, got {value!r}") from None
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                else:
                    raise ValueError(f"{where} must be a whole number, got {value!r}")
            value = int(value)
        else:  # float
            if isinstance(value, str):
                try:
                    value = float(value.strip())
                except ValueError:
                    raise ValueError(f"{where} must be a number, got {value!r}") from None
            if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
                raise ValueError(f"{where} must be a number, got {value!r}")
            value = float(value)
            if not math.isfinite(value):
                raise ValueError(f"{where} must be finite, got {value}")
        if (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        ):
            raise ValueError(f"{where} must be in {self.low:g} .. {self.high:g}, got {value}")
        return value

    def describe(self) -> str:
        if self.choices:
            rng = " | ".join(self.choices)
        elif self.low is not None:
            rng = f"{self.low:g} .. {self.high:g}"
        else:
            rng = self.kind.__name__
        return f"{self.name} = {self.default!r}  ({rng}): {self.help}"


@dataclass(frozen=True)
class Preset:
    """A recommended training setup: the fields of ``TrainConfig`` it sets, and the
    task parameters it assumes (empty: the defaults)."""

    cell: str
    hidden_size: int
    optimizer: str
    lr: float
    batch_size: int
    steps: int
    num_layers: int = 1
    clip: float = 1.0
    eval_every: int = 50
    params: Mapping[str, Any] = field(default_factory=dict)

    def training_fields(self) -> dict[str, Any]:
        return {
            "cell": self.cell,
            "hidden_size": self.hidden_size,
            "num_layers": self.num_layers,
            "optimizer": self.optimizer,
            "lr": self.lr,
            "batch_size": self.batch_size,
            "steps": self.steps,
            "clip": self.clip,
            "eval_every": self.eval_every,
        }


@dataclass(frozen=True)
class Batch:
    """Sequences of a task: ``x (T, B, D)``; ``target (T, B, O)`` (real targets) or
    ``(T, B)`` class indices; ``mask`` ``(T,)`` of 0/1 over the scored steps, or None
    when every step is scored."""

    x: np.ndarray
    target: np.ndarray
    mask: np.ndarray | None = None

    @property
    def size(self) -> int:
        return self.x.shape[1]

    def take(self, index) -> Batch:
        """The sequences ``index`` (a slice or an index array) of this batch."""
        mask = self.mask if self.mask is None or self.mask.ndim == 1 else self.mask[:, index]
        return Batch(self.x[:, index], self.target[:, index], mask)


class Task:
    """Base class of the tasks.

    Subclasses set the class attributes below and implement ``_setup``,
    ``sample`` (training sequences), ``_make_heldout`` and ``_metrics``.
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    description: ClassVar[str] = ""  # what it teaches and what to look for
    loss: ClassVar[str] = "mse"  # mse, bce or cross_entropy
    input_kind: ClassVar[str] = ""  # what x_t holds, in words
    output_kind: ClassVar[str] = ""
    scored: ClassVar[str] = "every step"  # which steps count, in words
    solved_when: ClassVar[str] = ""  # the criterion, in words
    params: ClassVar[tuple[Param, ...]] = ()
    preset: ClassVar[Preset]
    small_preset: ClassVar[Preset | None] = None  # a quicker variant where the preset is slow
    primary_metric: ClassVar[str] = "loss"

    def __init__(self, **values: Any) -> None:
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(
                f"task {self.name!r} has no parameter {unknown[0]!r}; "
                f"its parameters are {', '.join(known) or 'none'}"
            )
        self.values: dict[str, Any] = {
            p.name: p.parse(values.get(p.name, p.default), self.name) for p in self.params
        }
        self._heldout: Batch | None = None
        self.input_size = 0
        self.output_size = 0
        self._setup()

    # ---------------------------------------------------------------- to implement
    def _setup(self) -> None:
        """Derive sizes and fixed data from ``self.values``; raise ValueError on a bad mix."""
        raise NotImplementedError

    def sample(self, rng: np.random.Generator, batch_size: int) -> Batch:
        """A fresh training batch drawn from ``rng``."""
        raise NotImplementedError

    def _make_heldout(self, rng: np.random.Generator) -> Batch:
        raise NotImplementedError

    def _metrics(self, y: np.ndarray, batch: Batch) -> dict[str, float]:
        """Task metrics from raw outputs ``y (T, B, O)`` (the loss is added by ``evaluate``)."""
        raise NotImplementedError

    def solved(self, metrics: Mapping[str, float]) -> bool:
        raise NotImplementedError

    # ---------------------------------------------------------------- shared
    def heldout(self) -> Batch:
        """The fixed held-out set (the same for every training seed; built once)."""
        if self._heldout is None:
            self._heldout = self._make_heldout(np.random.default_rng(HELDOUT_SEED))
        return self._heldout

    def probe(self) -> Batch:
        """One fixed held-out sequence, the one the window shows step by step."""
        return self.heldout().take(slice(0, 1))

    def outputs(self, y: np.ndarray) -> np.ndarray:
        """Raw head outputs as the task reads them: probabilities for bce (sigmoid)
        and cross_entropy (softmax), the values themselves for mse."""
        if self.loss == "bce":
            return 0.5 * np.tanh(0.5 * y) + 0.5
        if self.loss == "cross_entropy":
            e = np.exp(y - y.max(axis=-1, keepdims=True))
            return e / e.sum(axis=-1, keepdims=True)
        return y

    def evaluate(self, model: SequenceModel, chunk: int = 4096) -> dict[str, float]:
        """Loss and metrics of ``model`` on the held-out set: ``{"loss": ..., ...}``."""
        batch = self.heldout()
        y = self.predict(model, batch, chunk)
        metrics = {"loss": self.loss_value(y, batch)}
        metrics.update(self._metrics(y, batch))
        return metrics

    def predict(self, model: SequenceModel, batch: Batch, chunk: int = 4096) -> np.ndarray:
        """Raw outputs ``(T, B, O)`` for a batch, run ``chunk`` sequences at a time."""
        B = batch.size
        if B <= chunk:
            return model.forward(batch.x)
        return np.concatenate(
            [model.forward(batch.x[:, s : s + chunk]) for s in range(0, B, chunk)], axis=1
        )

    def loss_value(self, y: np.ndarray, batch: Batch) -> float:
        weight = None
        if batch.mask is not None:
            weight = scored_weight(batch.mask, *y.shape[:2]).astype(y.dtype)
        target = batch.target
        if self.loss != "cross_entropy":
            target = target.astype(y.dtype, copy=False)
        with np.errstate(over="ignore", invalid="ignore"):
            return float(LOSSES[self.loss](y, target, weight)[0])

    def config(self) -> dict[str, Any]:
        """The parameters: ``make_task(t.name, **t.config())`` rebuilds the task."""
        return dict(self.values)

    @classmethod
    def describe(cls) -> str:
        """A few lines for ``lstm-studio tasks``."""
        p = cls.preset
        wrap = lambda text, indent: textwrap.fill(  # noqa: E731
            text, 88, initial_indent=indent, subsequent_indent=indent + "  "
        )
        lines = [
            f"{cls.name}: {cls.title}",
            textwrap.fill(cls.description, 88, initial_indent="    ", subsequent_indent="    "),
            wrap(f"in: {cls.input_kind}; out: {cls.output_kind}", "    "),
            wrap(f"loss: {getattr(cls, 'loss_text', cls.loss)}; scored: {cls.scored}", "    "),
            wrap(f"solved when: {cls.solved_when}", "    "),
            "    parameters:",
        ]
        lines += [wrap(q.describe(), "      ") for q in cls.params] or ["      (none)"]
        extra = "".join(f" {k}={v}" for k, v in p.params.items())
        lines.append(
            f"    preset: {p.cell} H={p.hidden_size} L={p.num_layers} {p.optimizer} lr={p.lr:g} "
            f"batch={p.batch_size} steps={p.steps} clip={p.clip:g}{extra}"
        )
        return "\n".join(lines)


def scored_weight(mask: np.ndarray | None, T: int, B: int) -> np.ndarray:
    """The mask as a boolean ``(T, B)`` array (all True when None)."""
    if mask is None:
        return np.ones((T, B), bool)
    m = np.asarray(mask, bool)
    return np.broadcast_to(m[:, None] if m.ndim == 1 else m, (T, B))
