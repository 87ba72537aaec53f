"""Which unit tracks what: every unit's value over a text, correlated with simple features
of that text (``tasks.features``), the way Karpathy, Johnson and Fei-Fei looked for
interpretable cells ("Visualizing and Understanding Recurrent Networks", 2015).

    report = unit_report(model, task, text)          # or trainer_report(trainer)
    report.r                                         # (R, Q, H, F) Pearson r, NaN: undefined
    for row in report.ranking()[:10]:                # strongest |r| first
        print(row.run, row.quantity, row.unit, row.feature, row.r)
    report.chance                                    # 2 / sqrt(T)

One forward trace of the text (B = 1) gives every quantity the cell registry's
``trace_names`` lists (its gates, then c and h) for every run over the sequence. The
correlation of unit values v_t with feature values f_t is Pearson's

    r = Σ (v_t − v̄)(f_t − f̄) / sqrt(Σ (v_t − v̄)² Σ (f_t − f̄)²)

over the T characters of the text; it is undefined (NaN) when the unit or the feature
is the same at every character. For one unit and one feature that have nothing to do
with each other, r over T independent characters falls within ±2/√T about 95 % of the
time: the ``chance`` level. Neighbouring characters are not independent, and the ranking
compares many pairs, so its best r beats that level by luck alone more often; the
``shifted_best`` baseline measures how far: the best |r| of all pairs when the features
are slid along the text (by a third, a half and two thirds of it, wrapping round) so
that they no longer line up with what the network read (the median of the three).
And a feature that depends on the character just read alone (a vowel, a space) can be
read straight off the input: even the untrained network has units that follow it. The
``untrained`` baseline is the best |r| per feature of the same network at its starting
weights, on the same text; a unit that learned to count along the line beats it by far.

No Qt here.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from ..engine import SequenceModel, cell_spec
from ..tasks import CharText, Task
from ..tasks.features import CORPUS_LANGUAGE, text_features, text_language
from ..translations import tr
from .snapshot import _Picklable, frozen, frozen_map

#: characters of held-out text analysed when the learner chose no prompt
ANALYSED_CHARS = 2000
#: bytes of unit values a report carries (float32); a larger model's report keeps the
#: values of its best-ranked units only (an LSTM of 1 layer and 1,300 units fits whole)
VALUES_BUDGET = 64 << 20
#: a unit whose values vary less than this over the text counts as constant
CONSTANT_STD = 1e-7


class Ranked(NamedTuple):
    """One row of the ranking: unit ``unit`` of quantity ``quantity`` (a trace name) of
    run ``run`` (index into the model's runs), and its Pearson ``r`` with ``feature``."""

    run: int
    quantity: str
    unit: int
    feature: str
    r: float


@dataclass(frozen=True)
class UnitReport(_Picklable):
    """Every unit's correlation with every feature of one text, and the values to colour
    it with.

    ``text`` is the analysed text (T characters), ``source`` "prompt" (the learner's) or
    "heldout"; ``step`` the weights' training step; ``cell``, ``hidden_size``,
    ``num_runs`` and ``directions`` describe the model; ``quantities`` are the cell's
    trace names (gates, then states); ``features`` maps feature keys to ``(T,)`` values,
    in their listed order; ``r (R, Q, H, F)`` float64 (NaN where undefined).

    ``values[(run, quantity)]`` is ``(T, K)`` float32 of the units ``kept[(run,
    quantity)]`` (K = H unless the model is too large to send every unit's values, see
    ``VALUES_BUDGET``); ``unit_values`` looks one up. ``shifted_best``: see the module
    docstring. ``untrained``: per feature, the best |r| of the same network at its
    starting weights on the same text (empty when not measured): a feature read straight
    off the character just read (a vowel, a space) reaches a high r even untrained.
    """

    text: str
    source: str
    step: int
    language: str
    cell: str
    hidden_size: int
    num_runs: int
    directions: int
    quantities: tuple[str, ...]
    features: Mapping[str, np.ndarray]
    r: np.ndarray
    values: Mapping[tuple[int, str], np.ndarray]
    kept: Mapping[tuple[int, str], np.ndarray]
    shifted_best: float
    untrained: Mapping[str, float]

    @property
    def length(self) -> int:
        """T, the characters the correlations are computed over."""
        return len(self.text)

    @property
    def chance(self) -> float:
        """2/√T: |r| of one unrelated unit and feature stays below it 95 % of the time
        (for independent characters); inf for a text of fewer than 3 characters, whose
        r is ±1 whatever the unit."""
        T = self.length
        return 2 / math.sqrt(T) if T >= 3 else math.inf

    @property
    def feature_keys(self) -> tuple[str, ...]:
        return tuple(self.features)

    @property
    def absent(self) -> tuple[str, ...]:
        """The features that are the same at every character of the text (no quotes in
        the Sonnets): they have no r with any unit."""
        return tuple(k for k, f in self.features.items() if np.ptp(f) == 0)

    def ranking(
        self, feature: str | None = None, quantity: str | None = None, top: int | None = None
    ) -> list[Ranked]:
        """The (unit, feature) pairs by |r|, strongest first, undefined ones left out;
        only ``feature``'s and ``quantity``'s when given; the first ``top``."""
        r = self.r
        f_keys, q_keys = self.feature_keys, self.quantities
        fs = [f_keys.index(feature)] if feature is not None else list(range(len(f_keys)))
        qs = [q_keys.index(quantity)] if quantity is not None else list(range(len(q_keys)))
        sub = r[:, qs][:, :, :, fs]  # (R, q, H, f)
        flat = np.abs(sub).ravel()
        order = np.flatnonzero(~np.isnan(flat))
        order = order[np.argsort(-flat[order], kind="stable")]
        if top is not None:
            order = order[:top]
        rows = []
        for k in order:
            run, q, unit, f = np.unravel_index(k, sub.shape)
            rows.append(
                Ranked(int(run), q_keys[qs[q]], int(unit), f_keys[fs[f]], float(sub.flat[k]))
            )
        return rows

    def best(self) -> Ranked | None:
        """The strongest pair, or None when no r is defined."""
        rows = self.ranking(top=1)
        return rows[0] if rows else None

    def unit_values(self, run: int, quantity: str, unit: int) -> np.ndarray | None:
        """``(T,)`` values of one unit over the text, or None when the report does not
        carry them (a model too large to send every unit's)."""
        kept = self.kept.get((run, quantity))
        if kept is None:
            return None
        at = np.flatnonzero(kept == unit)
        return self.values[(run, quantity)][:, at[0]] if len(at) else None


def is_text_task(task: Task) -> bool:
    """Does ``task`` read characters (a shipped corpus, or an own text file, not a CSV)?"""
    return isinstance(task, CharText) and getattr(task, "mode", "text") == "text"


def task_language(task: Task, text: str) -> str:
    """The features to look for: a shipped corpus's language, else the text's own."""
    corpus = task.values.get("corpus") if hasattr(task, "values") else None
    return CORPUS_LANGUAGE.get(corpus) or text_language(text)


def correlations(values: np.ndarray, features: np.ndarray) -> np.ndarray:
    """Pearson r of every column of ``values (T, N)`` with every column of ``features
    (T, F)``: ``(N, F)`` float64, NaN where a column is constant."""
    v = np.asarray(values, np.float64)
    f = np.asarray(features, np.float64)
    v = v - v.mean(axis=0)  # (T, N)
    f = f - f.mean(axis=0)  # (T, F)
    v_norm = np.sqrt((v * v).sum(axis=0))  # (N,)
    f_norm = np.sqrt((f * f).sum(axis=0))  # (F,)
    T = max(v.shape[0], 1)
    v_ok = v_norm > CONSTANT_STD * math.sqrt(T)
    f_ok = f_norm > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (v.T @ f) / np.outer(v_norm, f_norm)  # (N, F)
    r[~v_ok] = np.nan
    r[:, ~f_ok] = np.nan
    return np.clip(r, -1.0, 1.0)


def unit_report(
    model: SequenceModel,
    task: Task,
    text: str,
    source: str = "heldout",
    step: int = 0,
    language: str | None = None,
    untrained: SequenceModel | Mapping[str, float] | None = None,
) -> UnitReport:
    """The report on ``text`` for ``model`` trained on the text task ``task`` (whose
    vocabulary must hold every character of ``text``: a ValueError names those it
    lacks). ``language``: the features' (None: ``task_language``). ``untrained``: the
    same network at its starting weights, or its ``best_by_feature`` on this text
    already (None: no such baseline)."""
    if language is None and is_text_task(task):
        language = task_language(task, text)
    trace, names, feats, r, shifted = _correlate(model, task, text, language)
    if isinstance(untrained, SequenceModel):
        untrained = best_by_feature(_correlate(untrained, task, text, language)[3], feats)
    T = len(text)
    values, kept = _kept_values(trace, names, r, T)
    return UnitReport(
        text=text,
        source=source,
        step=int(step),
        language=language,
        cell=model.cell,
        hidden_size=model.hidden_size,
        num_runs=len(trace),
        directions=model.num_directions,
        quantities=names,
        features=frozen_map({k: frozen(v) for k, v in feats.items()}),
        r=frozen(r),
        values=frozen_map(values),
        kept=frozen_map(kept),
        shifted_best=shifted,
        untrained=frozen_map(dict(untrained or {})),
    )


def best_by_feature(r: np.ndarray, features: Mapping[str, np.ndarray]) -> dict[str, float]:
    """The largest |r| of any unit with each feature (NaN where none is defined)."""
    out = {}
    for k, key in enumerate(features):
        column = np.abs(r[..., k])
        out[key] = float(np.nanmax(column)) if np.isfinite(column).any() else math.nan
    return out


def _correlate(model: SequenceModel, task: Task, text: str, language: str) -> tuple:
    """``(trace, names, features, r (R, Q, H, F), shifted_best)`` of ``model`` on ``text``."""
    if not is_text_task(task):
        raise ValueError(tr("units", "which unit tracks what is shown for text tasks only"))
    if len(text) < 2:
        raise ValueError(tr("units", "the text to analyse needs at least 2 characters"))
    codes = task.codes(text)  # (T,); a ProbeError names characters the text never uses
    x = task.one_hot(codes[:, None])  # (T, 1, V)
    trace = model.trace(x)  # per run: name -> (T, 1, H)
    spec = cell_spec(model.cell)
    names = tuple(n for n in spec.trace_names if n in trace[0])
    feats = text_features(text, language)
    F = np.stack(list(feats.values()), axis=1)  # (T, F)
    R, Q, H, T = len(trace), len(names), model.hidden_size, len(text)
    r = np.full((R, Q, H, F.shape[1]), np.nan)  # (R, Q, H, F)
    shifts = [s for s in (T // 3, T // 2, (2 * T) // 3) if 0 < s < T]
    shifted = np.zeros(len(shifts))
    for run, layer in enumerate(trace):
        for q, name in enumerate(names):
            v = layer[name][:, 0]  # (T, H)
            r[run, q] = correlations(v, F)
            for k, s in enumerate(shifts):  # the features slid along the text
                slid = np.abs(correlations(v, np.roll(F, s, axis=0)))
                if np.isfinite(slid).any():
                    shifted[k] = max(shifted[k], float(np.nanmax(slid)))
    return trace, names, feats, r, float(np.median(shifted)) if len(shifts) else math.nan


def _kept_values(trace, names, r, T) -> tuple[dict, dict]:
    """``(values, kept)`` of ``UnitReport``: every unit's values as float32 when they fit
    in ``VALUES_BUDGET``, else those of the units whose best |r| is largest."""
    R, Q, H = r.shape[:3]
    fits = max(VALUES_BUDGET // (4 * T), 1)  # unit columns the budget holds
    if R * Q * H <= fits:
        chosen = np.ones((R, Q, H), bool)
    else:
        with np.errstate(invalid="ignore"):
            best = np.nan_to_num(np.nanmax(np.abs(r), axis=3, initial=0.0), nan=0.0)
        order = np.argsort(-best, axis=None, kind="stable")[:fits]
        chosen = np.zeros(R * Q * H, bool)
        chosen[order] = True
        chosen = chosen.reshape(R, Q, H)
    values, kept = {}, {}
    for run, layer in enumerate(trace):
        for q, name in enumerate(names):
            units = np.flatnonzero(chosen[run, q])
            if len(units):
                kept[(run, name)] = frozen(units)
                values[(run, name)] = frozen(layer[name][:, 0, units].astype(np.float32))
    return values, kept


def analysed_text(trainer: Any, n: int = ANALYSED_CHARS) -> tuple[str, str]:
    """``(text, source)``: the probe's prompt when the learner chose one ("prompt"), else
    ``n`` characters of held-out text ("heldout")."""
    prompt = trainer.task.prompt_of(trainer.probe_values)
    if prompt:
        return prompt, "prompt"
    return trainer.task.heldout_text(n), "heldout"


def trainer_report(trainer: Any, n: int = ANALYSED_CHARS) -> UnitReport:
    """``unit_report`` of a Trainer's current weights over ``analysed_text``, with the
    untrained baseline of the run's starting weights (measured once per text);
    ``REQUESTS["units"]``. It runs on a copy of the model: tracing one long sequence on
    the model itself would replace its training pass's buffers."""
    from .loop import build_model  # the loop imports the commands, which import this

    text, source = analysed_text(trainer, n)
    task = trainer.task
    language = task_language(task, text)
    cached = _UNTRAINED.get(trainer)
    if cached is not None and cached[0] == text:
        untrained = cached[1]
    else:
        start = build_model(trainer.config, task.input_size, task.output_size)
        _, _, feats, r, _ = _correlate(start, task, text, language)
        untrained = best_by_feature(r, feats)
        _UNTRAINED[trainer] = (text, untrained)
    model = trainer.model.copy()
    return unit_report(model, task, text, source, trainer.step, language, untrained)


#: per trainer: (the text, the untrained baseline on it), so it is measured once
_UNTRAINED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
