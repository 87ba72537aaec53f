"""``TrainConfig``: everything a run needs, in one frozen, validated, JSON-able record."""

from __future__ import annotations

import dataclasses
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ..engine import CELLS, DTYPES, MAX_LAYERS, OPTIMIZERS, RECURRENT_INITS, memory_estimate
from ..tasks import TASKS
from ..translations import json_problem, not_one_of, tr, tr_n, translate

CONFIG_VERSION = 1
#: The memory a run may take, in MiB, when set; else half of the machine's memory.
MEMORY_LIMIT_ENV = "LSTM_STUDIO_MEMORY_LIMIT_MB"
_OPTIMIZER_SLOTS = {"adam": 2, "rmsprop": 1, "sgd": 1}


def memory_limit() -> int:
    """Bytes a run may take: ``LSTM_STUDIO_MEMORY_LIMIT_MB`` MiB when set (and a positive
    number), else half of the machine's memory (8 GiB where it cannot be read)."""
    raw = os.environ.get(MEMORY_LIMIT_ENV, "").strip()
    try:
        mib = float(raw) if raw else 0.0
    except ValueError:
        mib = 0.0
    if math.isfinite(mib) and mib > 0:
        return int(mib * 2**20)
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # no sysconf (Windows), or no answer
        physical = 0
    return physical // 2 if physical > 0 else 8 * 2**30


def size_text(n: float) -> str:
    """Bytes in words a learner reads: "512 MB", "3.2 GB"."""
    if n >= 10**9:
        return tr("config", "{n:.1f} GB", n=n / 1e9)
    if n >= 10**6:
        return tr("config", "{n:.0f} MB", n=n / 1e6)
    return tr("config", "{n:.0f} kB", n=max(n, 1000) / 1e3)


class MemoryLimitError(ValueError):
    """A run that would take more memory than ``memory_limit()``; the message gives the
    estimate, the limit and the sizes that make it so."""


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


def check_stop_when_solved(value: Any) -> bool:
    """``value`` if it is True or False (the one flag of a run), else a ValueError."""
    if not isinstance(value, bool):
        raise ValueError(
            tr("config", "stop_when_solved must be true or false, got {value!r}", value=value)
        )
    return value


def check_bidirectional(value: Any) -> bool:
    """``value`` if it is True or False, else a ValueError."""
    if not isinstance(value, bool):
        raise ValueError(
            tr("config", "bidirectional must be true or false, got {value!r}", value=value)
        )
    return value


def refuse_bidirectional(task: str) -> str | None:
    """Why a bidirectional model may not train on ``task`` (a key of ``TASKS``), in the
    user's language, or None when it may. Refused: the tasks whose scored target at a
    step is an input of a later step (``Task.target_is_later_input``): a network that
    also reads the sequence backwards sees that input and copies it."""
    cls = TASKS.get(task) if isinstance(task, str) else None
    if cls is None or not cls.target_is_later_input:
        return None
    return tr(
        "config",
        "a bidirectional network cannot train on {task}: this task asks for the next "
        "element, which is already among the inputs that come later, and a network that "
        "also reads the sequence backwards (from the future) would copy the next input "
        "instead of predicting it; turn bidirectional off",
        task=translate("tasks", cls.title),  # its name as the window shows it
    )


@dataclass(frozen=True)
class FieldSpec:
    """The bounds of one number of a run, and how the setup form edits it.

    ``kind`` is int or float; the value lies in ``low .. high`` (``low`` itself excluded
    when ``low_open``). ``decimals`` and ``step`` are the form's: the digits after the
    point a spin box shows and its single step.
    """

    kind: type
    low: float
    high: float
    low_open: bool = False
    decimals: int = 0
    step: float = 1
    default: float | None = None  # for the settings that are not config fields

    def check(self, name: str, value: Any) -> int | float:
        """``value`` (an int for an int field, a float for a float one), or a ValueError
        naming ``name``, the bounds and the value."""
        if self.kind is int:
            return _check_int(name, value, int(self.low), int(self.high))
        return _check_float(name, value, self.low, self.high, self.low_open)

    @property
    def form_low(self) -> float:
        """The lowest value a spin box with ``decimals`` digits can show: ``low``, or
        the next value up when ``low`` is excluded."""
        return self.low + 10.0**-self.decimals if self.low_open else self.low


#: Every number a run takes, with its bounds: ``TrainConfig`` checks its fields with
#: them, the commands that change a running run (``training.commands``) check their
#: values with them, and the setup form takes its ranges and steps from them. One copy
#: of each bound. ``temperature`` (of the text a text task's model writes) and ``delay``
#: (the slow-motion wait after each step, in seconds) are not config fields: they are
#: settings of the running run only.
FIELDS: Mapping[str, FieldSpec] = MappingProxyType(
    {
        "hidden_size": FieldSpec(int, 1, 2048),
        "num_layers": FieldSpec(int, 1, MAX_LAYERS),
        "lr": FieldSpec(float, 0.0, 10.0, low_open=True, decimals=5, step=0.001),
        "momentum": FieldSpec(float, 0.0, 0.999, decimals=3, step=0.05),
        "clip": FieldSpec(float, 0.0, 1e6, decimals=3, step=0.1),
        # k of truncated BPTT (0: full); a task's sequences bound it too (check_truncate)
        "truncate": FieldSpec(int, 0, 10**6),
        "batch_size": FieldSpec(int, 1, 8192),
        "steps": FieldSpec(int, 1, 10**9),
        # numpy's generators take any size; configs and runs saved so far go this far
        "seed": FieldSpec(int, 0, 2**63 - 1),
        "forget_bias": FieldSpec(float, -20.0, 20.0, decimals=2, step=0.5),
        # the factor on W_hh: 2 already makes an RNN's gradient grow back through time
        "recurrent_gain": FieldSpec(float, 0.0, 10.0, low_open=True, decimals=2, step=0.1),
        "eval_every": FieldSpec(int, 1, 10**9),
        "snapshot_every": FieldSpec(int, 1, 10**9),
        "snapshot_hz": FieldSpec(float, 0.0, 1000.0, low_open=True),
        # sampling from softmax(logits / T): past 2 the text is noise
        "temperature": FieldSpec(float, 0.0, 2.0, decimals=1, step=0.1, default=0.8),
        "delay": FieldSpec(float, 0.0, 60.0, decimals=2, step=0.05),
        # the text a text task's model writes: how many characters, and the seed of its
        # draws (the sample written at each evaluation uses the step as its seed)
        "sample_length": FieldSpec(int, 1, 2000, default=160),
        "sample_seed": FieldSpec(int, 0, 2**31 - 1, default=0),
    }
)


def field_spec(name: str) -> FieldSpec:
    """The bounds of the number ``name`` (a key of ``FIELDS``)."""
    return FIELDS[name]


def _check_choice(name: str, value: Any, choices) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ValueError(not_one_of(name, value, choices))
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's dict; ValueError when it names a key twice (the last one would
    win without a word)."""
    d = {}
    for key, value in pairs:
        if key in d:
            raise ValueError(
                tr("config", "the config names {key!r} twice; keep one of them", key=key)
            )
        d[key] = value
    return d


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


def model_description(
    cell: str, num_layers: int, hidden_size: int, bidirectional: bool = False
) -> str:
    """The cell (its code, as in a config) and the sizes, in the user's language:
    "lstm, 2 layers of 64 units", "bidirectional lstm, 1 layer of 32 units" (messages
    about a model that does not fit say it so)."""
    fields = {
        "cell": cell,
        "layers": tr_n("config", num_layers, "{n} layer", "{n} layers", n=num_layers),
        "units": tr_n("config", hidden_size, "{n} unit", "{n} units", n=hidden_size),
    }
    if bidirectional:
        return tr("config", "bidirectional {cell}, {layers} of {units}", **fields)
    return tr("config", "{cell}, {layers} of {units}", **fields)


@dataclass(frozen=True)
class TrainConfig:
    """One training run.

    Attributes
    ----------
    task, task_params
        The task's name and its parameters (missing ones take the task's defaults).
    cell, hidden_size, num_layers, dtype, forget_bias
        The model (see ``SequenceModel``).
    recurrent_init, recurrent_gain
        How the recurrent weights W_hh start: ``uniform`` (PyTorch's), ``orthogonal``
        or ``normal`` (``engine.RECURRENT_INITS``), times the gain (above 0, at most 10).
    optimizer, lr, momentum
        ``sgd`` (with ``momentum``), ``adam`` or ``rmsprop`` at learning rate ``lr``.
    clip
        Clip the global gradient norm to this value; 0 turns clipping off.
    truncate
        Truncated backpropagation through time every this many steps (PyTorch's
        ``h = h.detach()`` every k steps); 0 is full BPTT. At most the length of the
        task's sequences (``check_truncate``).
    batch_size, steps, seed
        Sequences per step, the step budget, and the one seed everything derives from.
    eval_every
        Evaluate on the held-out set every this many steps.
    snapshot_every, snapshot_hz
        Yield a snapshot at most every ``snapshot_every`` steps and at most
        ``snapshot_hz`` times a second.
    stop_when_solved
        End the run as soon as a held-out evaluation meets the task's criterion.
    bidirectional
        Every layer also reads the sequence backwards (``SequenceModel``'s
        ``bidirectional``). Refused for the tasks whose target is a later input
        (``refuse_bidirectional``).
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
    truncate: int = 0
    batch_size: int = 32
    steps: int = 1000
    seed: int = 0
    dtype: str = "float32"
    forget_bias: float = 1.0
    recurrent_init: str = "uniform"
    recurrent_gain: float = 1.0
    eval_every: int = 50
    snapshot_every: int = 1
    snapshot_hz: float = 20.0
    stop_when_solved: bool = False
    bidirectional: bool = False

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

        def checked(name: str) -> None:  # a number, in the bounds of its FIELDS entry
            set_(name, FIELDS[name].check(name, getattr(self, name)))

        checked("hidden_size")
        checked("num_layers")
        _check_choice("optimizer", self.optimizer, OPTIMIZERS)
        checked("lr")
        checked("momentum")
        if self.momentum and self.optimizer != "sgd":
            raise ValueError(
                tr(
                    "config",
                    "momentum applies to sgd only, not to {optimizer}",
                    optimizer=self.optimizer,
                )
            )
        for name in ("clip", "truncate", "batch_size", "steps", "seed"):
            checked(name)
        _check_choice("dtype", self.dtype, DTYPES)
        for name in ("forget_bias", "eval_every", "snapshot_every", "snapshot_hz"):
            checked(name)
        _check_choice("recurrent_init", self.recurrent_init, RECURRENT_INITS)
        checked("recurrent_gain")
        check_stop_when_solved(self.stop_when_solved)
        if check_bidirectional(self.bidirectional):
            refused = refuse_bidirectional(task)
            if refused is not None:
                raise ValueError(refused)

    # ---------------------------------------------------------------- the task's fit
    def check_truncate(self, steps: int) -> None:
        """A ValueError when ``truncate`` is longer than the task's sequences of ``steps``
        steps (the longest it makes): the message names both."""
        if self.truncate > steps:
            raise ValueError(
                tr(
                    "config",
                    "truncating BPTT every {k} steps is longer than this task's sequences "
                    "({length}): use 0 (full backpropagation through time) or a number from 1 "
                    "to {steps}",
                    k=self.truncate,
                    length=tr_n("config", steps, "{n} step", "{n} steps", n=steps),
                    steps=steps,
                )
            )

    # ---------------------------------------------------------------- size
    def model_description(self) -> str:
        """``model_description`` of this config's model."""
        return model_description(self.cell, self.num_layers, self.hidden_size, self.bidirectional)

    def memory_estimate(
        self, input_size: int, output_size: int, steps: int, eval_batch: int = 0
    ) -> int:
        """Bytes a trainer of this config takes for a task of these sizes (``steps`` per
        sequence, ``eval_batch`` held-out sequences): ``engine.memory_estimate``."""
        return memory_estimate(
            self.cell,
            input_size,
            self.hidden_size,
            output_size,
            self.num_layers,
            self.batch_size,
            steps,
            self.dtype,
            _OPTIMIZER_SLOTS.get(self.optimizer, 2),
            eval_batch,
            self.bidirectional,  # both directions' weights and per-step buffers
        )

    def check_memory(
        self, input_size: int, output_size: int, steps: int, eval_batch: int = 0
    ) -> int:
        """``memory_estimate``, or a MemoryLimitError when it exceeds ``memory_limit()``
        (checked before anything is allocated): the message gives both and the sizes."""
        need, limit = (
            self.memory_estimate(input_size, output_size, steps, eval_batch),
            memory_limit(),
        )
        if need <= limit:
            return need
        raise MemoryLimitError(
            tr(
                "config",
                "this run would need about {need} of memory, {over} more than the limit of "
                "{limit} ({model}; {inputs} and {outputs} per step; batches of {batch} "
                "sequences of {steps} steps): use fewer hidden units or layers, a smaller "
                "batch or fewer inputs",
                need=size_text(need),
                over=size_text(need - limit),
                limit=size_text(limit),
                model=self.model_description(),
                inputs=tr_n("config", input_size, "{n} input", "{n} inputs", n=input_size),
                outputs=tr_n("config", output_size, "{n} output", "{n} outputs", n=output_size),
                batch=self.batch_size,
                steps=steps,
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
        """A config from JSON text; a byte order mark at its start is skipped (editors
        on Windows write one, and CSV files may have one too). ValueError for text that
        is not one JSON object of known fields, or names a key twice."""
        try:
            d = json.loads(text.removeprefix("\ufeff"), object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as e:
            raise ValueError(
                tr("config", "the config is not valid JSON: {problem}", problem=json_problem(e))
            ) from None
        except RecursionError:  # "[[[[..." nested past the parser's depth
            raise ValueError(
                tr("config", "the config is not valid JSON: nested too deeply")
            ) from None
        return cls.from_dict(d)
