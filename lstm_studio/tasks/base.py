"""What every task shares: parameters, presets, batches and held-out evaluation.

A task turns a few difficulty parameters into sequences ``x (T, B, D)`` with
targets and a mask of the scored steps, knows its loss, its metrics and when it
counts as solved, and recommends a preset that solves it. Tasks import NumPy and
the engine only.
"""

from __future__ import annotations

import math
import textwrap
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from ..engine import LOSSES, SequenceModel
from ..translations import is_wide, not_one_of, tr, translate, wrap_columns

HELDOUT_SEED = 20_240_917  # the held-out sets never depend on the training seed


def ascii_text(text: str) -> str:
    """``text`` as typed with a Chinese input method, read as ASCII where it matters:
    full-width digits, letters, points, commas, semicolons, minus signs and spaces
    become their ASCII forms (Unicode's NFKC), and so does the mathematical minus
    sign (U+2212)."""
    return unicodedata.normalize("NFKC", text).replace("\u2212", "-")


def split_list(text: str) -> list[str]:
    """The items of a list typed as text, stripped, the empty ones left out.

    Items may be separated by commas or semicolons, ASCII or full-width (，；), or by
    the enumeration comma (、) a Chinese input method types; full-width digits and
    minus signs are read as ASCII ones (``ascii_text``)::

        split_list("5，10、20; ３０")  # ["5", "10", "20", "30"]
    """
    text = ascii_text(text).replace("\u3001", ",").replace(";", ",")
    return [part.strip() for part in text.split(",") if part.strip()]


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

    def parse(self, value: Any, task: str = "", where: str | None = None) -> Any:
        """Check ``value`` (or convert it from a command-line string) and return it.

        Raises ``ValueError`` naming the task, the parameter (or ``where``: how the
        message names the value) and what was expected.
        """
        if where is None and task:
            where = tr("task-params", "{task} parameter {name!r}", task=task, name=self.name)
        elif where is None:
            where = tr("task-params", "parameter {name!r}", name=self.name)
        if self.kind is bool:
            if isinstance(value, str) and value.lower() in ("1", "true", "yes", "on"):
                return True
            if isinstance(value, str) and value.lower() in ("0", "false", "no", "off"):
                return False
            if isinstance(value, (bool, np.bool_)):
                return bool(value)
            raise ValueError(
                tr(
                    "task-params",
                    "{where} must be true or false, got {value!r}",
                    where=where,
                    value=value,
                )
            )
        if self.kind is str:
            if not isinstance(value, str):
                raise ValueError(
                    tr(
                        "task-params",
                        "{where} must be text, got {value!r}",
                        where=where,
                        value=value,
                    )
                )
            if self.choices is not None and value not in self.choices:
                raise ValueError(not_one_of(where, value, self.choices))
            return value
        if self.kind is int:
            whole = lambda: ValueError(  # noqa: E731
                tr(
                    "task-params",
                    "{where} must be a whole number, got {value!r}",
                    where=where,
                    value=value,
                )
            )
            if isinstance(value, str):
                try:
                    value = int(ascii_text(value).strip())
                except ValueError:
                    raise whole() from None
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                else:
                    raise whole()
            value = int(value)
        else:  # float
            number = lambda: ValueError(  # noqa: E731
                tr(
                    "task-params",
                    "{where} must be a number, got {value!r}",
                    where=where,
                    value=value,
                )
            )
            if isinstance(value, str):
                try:
                    value = float(ascii_text(value).strip())
                except ValueError:
                    raise number() from None
            if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
                raise number()
            value = float(value)
            if not math.isfinite(value):
                raise ValueError(
                    tr(
                        "task-params",
                        "{where} must be finite, got {value}",
                        where=where,
                        value=value,
                    )
                )
        if (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        ):
            raise ValueError(
                tr(
                    "task-params",
                    "{where} must be in {low:g} .. {high:g}, got {value}",
                    where=where,
                    low=self.low,
                    high=self.high,
                    value=value,
                )
            )
        return value

    def describe(self) -> str:
        """One line of ``lstm-studio tasks``: the name (as typed on the command line), the
        default, the range and the help, in the user's language."""
        if self.choices:
            rng = " | ".join(self.choices)
        elif self.low is not None:
            rng = f"{self.low:g} .. {self.high:g}"
        else:
            rng = _kind_name(self.kind)
        return tr(
            "task-listing",
            "{name} = {default!r}  ({range}): {help}",
            name=self.name,
            default=self.default,
            range=rng,
            help=translate("tasks", self.help),
        )


def _kind_name(kind: type) -> str:
    """The type of a parameter without a range, for the listing."""
    if kind is str:
        return tr("task-listing", "str")
    if kind is bool:
        return tr("task-listing", "bool")
    if kind is int:
        return tr("task-listing", "int")
    if kind is float:
        return tr("task-listing", "float")
    return kind.__name__


def loss_name(loss: str) -> str:
    """A loss key (``mse``, ``bce``, ``cross_entropy``) for the listing."""
    if loss == "mse":
        return tr("task-listing", "mse")
    if loss == "bce":
        return tr("task-listing", "bce")
    if loss == "cross_entropy":
        return tr("task-listing", "cross_entropy")
    return loss


@dataclass(frozen=True)
class Preset:
    """A recommended training setup: the fields of ``TrainConfig`` it sets, and the
    task parameters it assumes (empty: the defaults). ``bidirectional``: a model that
    also reads the sequence backwards (for a task whose answer lies in the future)."""

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
    bidirectional: bool = False

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
            "bidirectional": self.bidirectional,
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


class ProbeError(ValueError):
    """A probe the learner typed that the task refuses: ``field`` is the name of the
    field (a ``Task.probe_params`` name) the reason belongs to, None for the whole."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


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
    #: True when the task predicts the next element: its target at step t is the
    #: input at t + 1 (the next character, the next row, the next prime). A
    #: bidirectional model, whose backward direction has read that input already,
    #: could copy it instead of predicting it, so ``TrainConfig`` refuses one. Next
    #: prime scores its last step only (whose target no step reads), yet its targets
    #: are the next inputs all the same: refused too, as the lesson "predict the next
    #: prime" means nothing to a network that reads the sequence backwards.
    target_is_later_input: ClassVar[bool] = False

    def __init__(self, **values: Any) -> None:
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ValueError(
                tr(
                    "task-params",
                    "task {task!r} has no parameter {name!r}; its parameters are {names}",
                    task=self.name,
                    name=unknown[0],
                    names=", ".join(known) or tr("task-params", "none"),
                )
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
    #: Most held-out sequences the task evaluates (an upper bound, for size estimates).
    heldout_size = 2048

    def size_hint(self) -> tuple[int, int]:
        """``(T, held-out sequences)``: the steps of a training sequence (one is drawn)
        and how many held-out sequences an evaluation runs, without building the
        held-out set; what a run's memory estimate needs from the task."""
        T = int(self.sample(np.random.default_rng(0), 1).x.shape[0])
        held = self._heldout.size if self._heldout is not None else self.heldout_size
        return T, int(held)

    def heldout(self) -> Batch:
        """The fixed held-out set (the same for every training seed; built once)."""
        if self._heldout is None:
            self._heldout = self._make_heldout(np.random.default_rng(HELDOUT_SEED))
        return self._heldout

    def probe(self) -> Batch:
        """One fixed held-out sequence, the one the window shows step by step."""
        return self.heldout().take(slice(0, 1))

    def step_labels(self, x: np.ndarray) -> tuple[str, ...] | None:
        """What a reader calls each step of one sequence ``x (T, D)`` (a probe's inputs),
        for the axes and readouts that show it: a text task names the character read
        at each step (``text.visible_char``); None for a task whose steps are only
        numbered."""
        return None

    # ---------------------------------------------------------------- the learner's probe
    def probe_params(self) -> tuple[Param, ...]:
        """The fields a learner fills to choose their own probe sequence, in the task's
        own terms (two numbers to add, a prompt, ...), each with its range; their
        defaults are the held-out example's (``probe()``), so a form opens filled in.
        Their ``help`` is the field's label. Empty: the task has none."""
        return ()

    def make_probe(self, values: Mapping[str, Any]) -> Batch:
        """The probe sequence (B = 1) the learner's ``values`` describe (a field left
        out takes its default). Raises ``ProbeError`` naming the field and the reason,
        in the user's language."""
        params = {p.name: p for p in self.probe_params()}
        if not params:
            raise ProbeError(
                tr(
                    "probe",
                    "{task} has no sequence of your own to try",
                    task=translate("tasks", self.title),
                )
            )
        unknown = sorted(set(values) - set(params))
        if unknown:
            raise ProbeError(
                tr(
                    "probe",
                    "{task} has no probe field {name!r}; its fields are {names}",
                    task=translate("tasks", self.title),
                    name=unknown[0],
                    names=", ".join(params),
                )
            )
        parsed = {}
        for name, p in params.items():
            try:
                parsed[name] = p.parse(
                    values.get(name, p.default), where=translate("tasks", p.help)
                )
            except ProbeError:
                raise
            except ValueError as e:
                raise ProbeError(str(e), name) from None
        return self._make_probe(parsed)

    def _make_probe(self, values: dict[str, Any]) -> Batch:
        """``make_probe`` after every field was parsed: check them together, build the
        batch."""
        raise NotImplementedError

    def probe_batch(self, values: Mapping[str, Any] | None) -> Batch:
        """The learner's probe (``make_probe(values)``), or the held-out ``probe()`` for None."""
        return self.probe() if values is None else self.make_probe(values)

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
        """Raw outputs ``(T, B, O)`` for a batch, run at most ``chunk`` sequences at a
        time, and fewer when long sequences would make a piece's caches large
        (``SequenceModel.forward_chunk``). The pieces are of one size, the last one
        smaller: the model's buffers are rebuilt for that one only."""
        T, B = batch.x.shape[:2]
        chunk = max(1, min(chunk, model.forward_chunk(T)))
        if B <= chunk:
            return model.forward(batch.x)
        pieces = -(-B // chunk)
        size = -(-B // pieces)  # (T, size, O) each
        return np.concatenate(
            [model.forward(batch.x[:, s : s + size]) for s in range(0, B, size)], axis=1
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
    def loss_words(cls) -> str:
        """The loss, in words, for ``lstm-studio tasks``."""
        return loss_name(cls.loss)

    @classmethod
    def describe(cls) -> str:
        """A few lines for ``lstm-studio tasks``, in the user's language (the task key,
        the parameter names and the preset's settings are what the command line takes,
        so they stay as they are)."""
        p = cls.preset
        text = lambda attr: translate("tasks", getattr(cls, attr))  # noqa: E731
        extra = "".join(f" {k}={v}" for k, v in p.params.items())
        setup = (
            f"{p.cell} H={p.hidden_size} L={p.num_layers} {p.optimizer} lr={p.lr:g} "
            f"batch={p.batch_size} steps={p.steps} clip={p.clip:g}{extra}"
        )
        lines = [
            tr("task-listing", "{key}: {title}", key=cls.name, title=text("title")),
            _fill(text("description"), "    ", "    "),
            _fill(
                tr(
                    "task-listing",
                    "in: {input}; out: {output}",
                    input=text("input_kind"),
                    output=text("output_kind"),
                ),
                "    ",
            ),
            _fill(
                tr(
                    "task-listing",
                    "loss: {loss}; scored: {scored}",
                    loss=cls.loss_words(),
                    scored=text("scored"),
                ),
                "    ",
            ),
            _fill(
                tr("task-listing", "solved when: {criterion}", criterion=text("solved_when")),
                "    ",
            ),
            "    " + tr("task-listing", "parameters:"),
        ]
        lines += [_fill(q.describe(), "      ") for q in cls.params] or [
            "      " + tr("task-listing", "(none)")
        ]
        if p.bidirectional:
            setup += " bidirectional"  # the option's name on the command line
        lines.append("    " + tr("task-listing", "preset: {setup}", setup=setup))
        return "\n".join(lines)


def _fill(text: str, indent: str, more: str | None = None, width: int = 88) -> str:
    """``text`` wrapped to ``width`` columns, the first line indented by ``indent``, the
    others by ``more`` (``indent`` and two spaces by default). English wraps at spaces
    (``textwrap``); Chinese, whose characters fill two columns and need no spaces, also
    between characters (``translations.wrap_columns``)."""
    more = indent + "  " if more is None else more
    if not any(is_wide(c) for c in text):
        return textwrap.fill(text, width, initial_indent=indent, subsequent_indent=more)
    lines = wrap_columns(text, width - max(len(indent), len(more)))
    return "\n".join((more if k else indent) + line for k, line in enumerate(lines))


def symbol_letters(k: np.ndarray | list[int]) -> str:
    """Symbols 0, 1, 2, ... as the letters A, B, C, ... (the copy and comes-again tasks)."""
    return "".join(chr(65 + int(v)) for v in k)


def parse_letters(text: str, count: int, alphabet: int, field: str) -> np.ndarray:
    """The symbols typed as letters (``"C A F"``, ``"caf"``, ``"C,A,F"``): exactly
    ``count`` of the first ``alphabet`` letters; spaces and commas (ASCII or
    full-width) are ignored, lower case is read as upper case. Raises ``ProbeError``
    on ``field`` naming the first letter that is not a symbol, or the count."""
    letters = [c for c in ascii_text(text).upper() if c not in " ,;\u3001\t"]
    last = chr(64 + alphabet)
    wrong = [c for c in letters if not ("A" <= c <= last)]
    if wrong:
        raise ProbeError(
            tr(
                "probe",
                "{letter!r} is not one of the {n} symbols A .. {last}",
                letter=wrong[0],
                n=alphabet,
                last=last,
            ),
            field,
        )
    if len(letters) != count:
        raise ProbeError(
            tr(
                "probe",
                "type exactly {count} symbols (letters A .. {last}), got {n}",
                count=count,
                last=last,
                n=len(letters),
            ),
            field,
        )
    return np.array([ord(c) - 65 for c in letters], np.intp)


def scored_weight(mask: np.ndarray | None, T: int, B: int) -> np.ndarray:
    """The mask as a boolean ``(T, B)`` array (all True when None)."""
    if mask is None:
        return np.ones((T, B), bool)
    m = np.asarray(mask, bool)
    return np.broadcast_to(m[:, None] if m.ndim == 1 else m, (T, B))
