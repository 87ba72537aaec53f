"""A whole run in one file: save it, open it tomorrow, go on training as if never stopped.

A run file (``.lstmrun``) is a safetensors file. Its tensors are ``Trainer.state()``'s
arrays (``model.*`` with PyTorch's names, ``optimizer.*``, ``history.*``); its
metadata holds ``format`` = "lstm-studio-run", ``version`` and ``meta``, the JSON of
``Trainer.state()``'s values (config, step, elapsed time, the data generator's state,
the latest metrics). Any safetensors reader opens it; the weights load into PyTorch
by stripping the ``model.`` prefix.

Reading validates everything before anything is built: a truncated, corrupt, foreign,
oversized, future or mismatched file raises ``RunFileError`` naming the file and the
problem. Nothing is unpickled or evaluated.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np

from ..reading import open_regular
from ..tasks import Task
from ..training import FIELDS, SavedRun, Trainer
from ..translations import json_problem, os_reason, tr
from .safetensors import SafetensorsError, load_safetensors, save_safetensors

RUN_FORMAT = "lstm-studio-run"
RUN_VERSION = 1
RUN_SUFFIX = ".lstmrun"
MAX_RUN_BYTES = 2 << 30  # a run holds a model and at most ~20 MB of history
MAX_REASON_CHARS = 1000  # of why a run cannot be opened: a message box, not a listing


class RunFileError(ValueError):
    """A run file that cannot be opened; the message names the file and the problem."""


def save_run(path: str | os.PathLike, arrays: Mapping[str, np.ndarray], meta: Mapping) -> None:
    """Write ``Trainer.state()``'s ``(arrays, meta)`` to ``path``, atomically.

    Raises OSError (folder missing, read-only or full; ``path`` a folder) with nothing
    written and an earlier file at ``path`` untouched.
    """
    metadata = {
        "format": RUN_FORMAT,
        "version": str(RUN_VERSION),
        "meta": json.dumps(meta, allow_nan=True, sort_keys=True),
    }
    # C order, 0-d arrays kept 0-d (np.ascontiguousarray would make them 1-d)
    save_safetensors(path, {k: np.asarray(v, order="C") for k, v in arrays.items()}, metadata)


def save_trainer(path: str | os.PathLike, trainer: Trainer) -> None:
    """``save_run(path, *trainer.state())``."""
    save_run(path, *trainer.state())


def load_run(path: str | os.PathLike) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The ``(arrays, meta)`` of a run file, checked for form (``open_run`` also checks
    that they fit together)."""
    name = Path(os.fspath(path)).name
    try:
        size = os.path.getsize(path)
    except OSError as e:
        raise _unreadable(name, e) from None
    if size > MAX_RUN_BYTES:
        raise RunFileError(
            tr(
                "runs",
                "{name} is {gib:.1f} GiB: too large for a run file (at most 2 GiB)",
                name=name,
                gib=size / 2**30,
            )
        )
    try:
        arrays, metadata = load_safetensors(path)
    except SafetensorsError as e:  # the plain sentence first, the byte-level detail after
        raise RunFileError(_what_is_wrong(path, name, size, e)) from None
    except OSError as e:
        raise _unreadable(name, e) from None
    if metadata.get("format") != RUN_FORMAT:
        raise RunFileError(
            tr(
                "runs",
                "{name} is a safetensors file but not an LSTM Studio run (weights only? "
                "File > Import weights loads them into the window's model)",
                name=name,
            )
        )
    version = metadata.get("version", "")
    if not version.isdigit():
        raise RunFileError(
            tr(
                "runs",
                "{name}: its format version {version!r} is not a number",
                name=name,
                version=version,
            )
        )
    if int(version) > RUN_VERSION:
        raise RunFileError(
            tr(
                "runs",
                "{name} was saved by a newer LSTM Studio (run format {version}; this one reads "
                "up to {known})",
                name=name,
                version=version,
                known=RUN_VERSION,
            )
        )
    try:
        meta = json.loads(metadata.get("meta", ""))
    except json.JSONDecodeError as e:
        raise RunFileError(
            tr(
                "runs",
                "{name}: its description is damaged ({detail})",
                name=name,
                detail=json_problem(e),
            )
        ) from None
    except RecursionError:  # "[[[[..." nested past the parser's depth
        raise RunFileError(
            tr("runs", "{name}: its description is damaged (nested too deeply)", name=name)
        ) from None
    if not isinstance(meta, dict):
        raise RunFileError(tr("runs", "{name}: its description is not a JSON object", name=name))
    return arrays, meta


def open_run(path: str | os.PathLike) -> Trainer:
    """The trainer a run file describes, ready to go on where it stopped.

    Raises RunFileError for a file that is not a complete, consistent run (a data file
    the task needs and that has gone is named too).
    """
    name = Path(os.fspath(path)).name
    arrays, meta = load_run(path)
    return restore(arrays, meta, name)


def restore(arrays: Mapping[str, np.ndarray], meta: Mapping, name: str | None = None) -> Trainer:
    """``Trainer.restore`` with every failure turned into a RunFileError."""
    return _restoring(Trainer.restore, arrays, meta, name)


def check_run(arrays: Mapping[str, np.ndarray], meta: Mapping, name: str | None = None) -> Task:
    """Every check of ``restore``, without building a Trainer (``SavedRun.read``): the
    window's look at a run file before its training process opens it. Returns the
    run's task (built to check the run: the window need not build it again)."""
    return _restoring(SavedRun.read, arrays, meta, name).task


def _restoring(read, arrays: Mapping[str, np.ndarray], meta: Mapping, name: str | None):
    """``read(arrays, meta)`` (a Trainer or a SavedRun), every failure a RunFileError."""
    name = name or tr("runs", "the run")
    missing = [k for k in ("config", "step", "rng", "metrics") if k not in meta]
    if missing:
        raise RunFileError(
            tr("runs", "{name}: its description lacks {keys}", name=name, keys=", ".join(missing))
        )
    try:
        run = read(arrays, meta)
    except (KeyError, TypeError, ValueError, IndexError, OverflowError, AttributeError) as e:
        what = tr("runs", "it lacks {key}", key=e) if isinstance(e, KeyError) else str(e)
        if len(what) > MAX_REASON_CHARS:  # an engine's list of names, say
            what = what[: MAX_REASON_CHARS - 1] + "…"
        raise RunFileError(
            tr("runs", "{name} cannot be opened: {why}", name=name, why=what)
        ) from None
    most = FIELDS["steps"].high  # no run gets past the largest budget
    steps = [run.step, run.eval_step] + ([] if run.solved_at is None else [run.solved_at])
    if not all(0 <= s <= most for s in steps) or not 0 <= run.eval_step <= run.step:
        raise RunFileError(
            tr(
                "runs",
                "{name}: its step {step} (evaluated at {eval_step}) is impossible: a run has "
                "0 to {most} steps",
                name=name,
                step=run.step,
                eval_step=run.eval_step,
                most=most,
            )
        )
    if not np.isfinite(run.elapsed) or run.elapsed < 0:
        raise RunFileError(
            tr(
                "runs",
                "{name}: step {step} or time {elapsed} is impossible",
                name=name,
                step=run.step,
                elapsed=run.elapsed,
            )
        )
    return run


def _what_is_wrong(path, name: str, size: int, error: SafetensorsError) -> str:
    """A run file that safetensors refused, in a learner's words: empty, a run (or
    another safetensors file) cut short or damaged, or something else; the reader's own
    reason follows as the detail."""
    if size == 0:
        return tr("runs", "{name} is empty (0 bytes): it holds no run.", name=name)
    try:
        with open_regular(path) as f:
            head = f.read(8 + (1 << 20))  # the length, then (most of) the JSON header
    except OSError:
        head = b""
    if b'"' + RUN_FORMAT.encode() + b'"' in head:
        sentence = tr(
            "runs",
            "{name} is an LSTM Studio run, but damaged or incomplete (cut short while "
            "copying or saving?): it cannot be opened.",
            name=name,
        )
    elif Path(os.fspath(path)).suffix.lower() == RUN_SUFFIX and (
        head[8:10] == b'{"' or 8 <= len(head) < 64 and _plausible_length(head)
    ):
        sentence = tr(
            "runs",
            "{name} is damaged or incomplete (cut short while copying or saving?): it "
            "cannot be opened.",
            name=name,
        )
    elif head[8:10] == b'{"':  # a safetensors header starts so
        sentence = tr(
            "runs",
            "{name} is a damaged or incomplete safetensors file: it cannot be opened.",
            name=name,
        )
    else:
        sentence = tr("runs", "{name} is not an LSTM Studio run file.", name=name)
    return tr("runs", "{sentence} (Detail: {detail})", sentence=sentence, detail=error)


def _plausible_length(head: bytes) -> bool:
    """Do the first 8 bytes read as a safetensors header length (text would give a
    number of about 10**18)?"""
    return 2 <= int.from_bytes(head[:8], "little") <= 100_000_000


def _unreadable(name: str, e: OSError) -> RunFileError:
    return RunFileError(tr("runs", "{name}: cannot be read ({why})", name=name, why=os_reason(e)))
