"""``TrainConfig``: everything a run needs, in one frozen, validated, JSON-able record."""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..engine import CELLS, DTYPES, MAX_LAYERS, OPTIMIZERS
from ..tasks import TASKS
from ..translations import json_problem, not_one_of, tr

CONFIG_VERSION = 1


def _check_int(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise ValueError(
                tr("config", "{name} must be a whole number, got {value!r}", name=name, value=value)
            )
    if not low <= value <= high:
        raise ValueError(
            tr(
                "config",
                "{name} must be in {low} .. {high}, got {value}",
                name=name,
                low=low,
                high=high,
                value=value,
            )
        )
    return value


def _check_float(name: str, value: Any, low: float, high: float, low_open=False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(
            tr("config", "{name} must be a number, got {value!r}", name=name, value=value)
        )
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(tr("config", "{name} must be finite, got {value}", name=name, value=value))
    if value > high or value < low or (low_open and value == low):
        fields = {"name": name, "low": low, "high": high, "value": value}
        if low_open:
            text = tr(
                "config",
                "{name} must be above {low:g} and at most {high:g}, got {value:g}",
                **fields,
            )
        else:
            text = tr(
                "config",
                "{name} must be at least {low:g} and at most {high:g}, got {value:g}",
                **fields,
            )
        raise ValueError(text)
    return value


def _check_choice(name: str, value: Any, choices) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ValueError(not_one_of(name, value, choices))
    return value


def _json_kind(value: Any) -> str:
    """What a JSON value is, in words ("a list", "a number"...)."""
    if isinstance(value, list):
        return tr("config", "a list")
    if isinstance(value, str):
        return tr("config", "a string")
    if isinstance(value, bool):
        return tr("config", "a boolean (true or false)")
    if isinstance(value, (int, float)):
        return tr("config", "a number")
    if value is None:
        return "null"
    return type(value).__name__


@dataclass(frozen=True)
class TrainConfig:
    """One training run.

    Attributes
    ----------
    task, task_params
        The task's name and its parameters (missing ones take the task's defaults).
    cell, hidden_size, num_layers, dtype, forget_bias
        The model (see ``SequenceModel``).
    optimizer, lr, momentum
        ``sgd`` (with ``momentum``), ``adam`` or ``rmsprop`` at learning rate ``lr``.
    clip
        Clip the global gradient norm to this value; 0 turns clipping off.
    batch_size, steps, seed
        Sequences per step, the step budget, and the one seed everything derives from.
    eval_every
        Evaluate on the held-out set every this many steps.
    snapshot_every, snapshot_hz
        Yield a snapshot at most every ``snapshot_every`` steps and at most
        ``snapshot_hz`` times a second.
    stop_when_solved
        End the run as soon as a held-out evaluation meets the task's criterion.
    """

    task: str = "binary-addition"
    task_params: Mapping[str, Any] = field(default_factory=dict)
    cell: str = "lstm"
    hidden_size: int = 16
    num_layers: int = 1
    optimizer: str = "adam"
    lr: float = 0.01
    momentum: float = 0.0
    clip: float = 1.0
    batch_size: int = 32
    steps: int = 1000
    seed: int = 0
    dtype: str = "float32"
    forget_bias: float = 1.0
    eval_every: int = 50
    snapshot_every: int = 1
    snapshot_hz: float = 20.0
    stop_when_solved: bool = False

    def __post_init__(self) -> None:
        set_ = lambda k, v: object.__setattr__(self, k, v)  # noqa: E731 - frozen
        task = _check_choice("task", self.task, TASKS)
        if not isinstance(self.task_params, Mapping):
            raise ValueError(
                tr(
                    "config",
                    "task_params must be a mapping, got {value!r}",
                    value=self.task_params,
                )
            )
        known = {p.name: p for p in TASKS[task].params}
        params = {}
        for key, value in self.task_params.items():
            if key not in known:
                raise ValueError(
                    tr(
                        "config",
                        "task_params: task {task!r} has no parameter {key!r}; "
                        "its parameters are {names}",
                        task=task,
                        key=key,
                        names=", ".join(known) or tr("config", "none"),
                    )
                )
            params[key] = known[key].parse(value, task)
        set_("task_params", MappingProxyType(dict(sorted(params.items()))))
        _check_choice("cell", self.cell, CELLS)
        set_("hidden_size", _check_int("hidden_size", self.hidden_size, 1, 2048))
        set_("num_layers", _check_int("num_layers", self.num_layers, 1, MAX_LAYERS))
        _check_choice("optimizer", self.optimizer, OPTIMIZERS)
        set_("lr", _check_float("lr", self.lr, 0.0, 10.0, low_open=True))
        set_("momentum", _check_float("momentum", self.momentum, 0.0, 0.999))
        if self.momentum and self.optimizer != "sgd":
            raise ValueError(
                tr(
                    "config",
                    "momentum applies to sgd only, not to {optimizer}",
                    optimizer=self.optimizer,
                )
            )
        set_("clip", _check_float("clip", self.clip, 0.0, 1e6))
        set_("batch_size", _check_int("batch_size", self.batch_size, 1, 8192))
        set_("steps", _check_int("steps", self.steps, 1, 10**9))
        set_("seed", _check_int("seed", self.seed, 0, 2**63 - 1))
        _check_choice("dtype", self.dtype, DTYPES)
        set_("forget_bias", _check_float("forget_bias", self.forget_bias, -20.0, 20.0))
        set_("eval_every", _check_int("eval_every", self.eval_every, 1, 10**9))
        set_("snapshot_every", _check_int("snapshot_every", self.snapshot_every, 1, 10**9))
        set_("snapshot_hz", _check_float("snapshot_hz", self.snapshot_hz, 0.0, 1000.0, True))
        if not isinstance(self.stop_when_solved, bool):
            raise ValueError(
                tr(
                    "config",
                    "stop_when_solved must be true or false, got {value!r}",
                    value=self.stop_when_solved,
                )
            )

    # ---------------------------------------------------------------- building
    @classmethod
    def from_preset(cls, task: str, small: bool = False, **overrides: Any) -> TrainConfig:
        """The task's recommended setup (``small``: its quicker variant, when it has
        one), with ``overrides`` on top; ``task_params`` merge with the preset's."""
        _check_choice("task", task, TASKS)
        t = TASKS[task]
        preset = t.small_preset if small and t.small_preset is not None else t.preset
        fields = preset.training_fields()
        params = dict(preset.params)
        params.update(overrides.pop("task_params", None) or {})
        fields.update(overrides)
        return cls(task=task, task_params=params, **fields)

    def replace(self, **changes: Any) -> TrainConfig:
        return dataclasses.replace(self, **changes)

    # ---------------------------------------------------------------- JSON
    def to_dict(self) -> dict[str, Any]:
        d = {"config_version": CONFIG_VERSION}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            d[f.name] = dict(value) if f.name == "task_params" else value
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TrainConfig:
        if not isinstance(d, Mapping):
            raise ValueError(
                tr("config", "a config must be a JSON object, got {kind}", kind=_json_kind(d))
            )
        d = dict(d)
        version = d.pop("config_version", CONFIG_VERSION)
        if version != CONFIG_VERSION:
            raise ValueError(
                tr(
                    "config",
                    "config_version {version!r} is not supported (this version reads {known})",
                    version=version,
                    known=CONFIG_VERSION,
                )
            )
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(d) - names)
        if unknown:
            raise ValueError(
                tr(
                    "config",
                    "unknown config field {field!r}; the fields are {fields}",
                    field=unknown[0],
                    fields=", ".join(sorted(names)),
                )
            )
        return cls(**d)

    @classmethod
    def from_json(cls, text: str) -> TrainConfig:
        try:
            d = json.loads(text)
        except json.JSONDecodeError as e:
            raise ValueError(
                tr("config", "the config is not valid JSON: {problem}", problem=json_problem(e))
            ) from None
        except RecursionError:  # "[[[[..." nested past the parser's depth
            raise ValueError(
                tr("config", "the config is not valid JSON: nested too deeply")
            ) from None
        return cls.from_dict(d)
