"""What the training loop hands to the window: frozen records of copied, read-only arrays."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

import numpy as np

STATUSES = ("running", "paused", "finished", "solved", "stopped", "diverged")


def frozen(a) -> np.ndarray:
    """A read-only copy: nobody can change what a snapshot shows."""
    a = np.array(a, copy=True)
    a.setflags(write=False)
    return a


def frozen_map(d: Mapping) -> Mapping:
    return MappingProxyType(dict(d))


def _plain(value):
    """A picklable stand-in for a frozen value (a read-only mapping becomes a dict)."""
    if isinstance(value, MappingProxyType):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


def _refrozen(value):
    """The frozen value ``_plain`` stood in for (arrays read-only again)."""
    if isinstance(value, dict):
        return frozen_map({k: _refrozen(v) for k, v in value.items()})
    if isinstance(value, tuple):
        return tuple(_refrozen(v) for v in value)
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    return value


def _rebuild(cls, values: dict):
    return cls(**{k: _refrozen(v) for k, v in values.items()})


class _Picklable:
    """Pickling for the frozen records: the window's training process sends them
    through a pipe, and mapping proxies do not pickle on their own."""

    def __reduce__(self):
        return _rebuild, (type(self), {f.name: _plain(getattr(self, f.name)) for f in fields(self)})


@dataclass(frozen=True)
class Probe(_Picklable):
    """One fixed held-out sequence seen through the model at the snapshot's step.

    Attributes
    ----------
    inputs : (T, D)
    targets : (T, O) values or (T,) class indices
    scored : (T,) bool, the steps the loss counts
    outputs : (T, O) raw head outputs
    predictions : (T, O) the outputs as the task reads them (probabilities for bce
        and cross_entropy)
    layers : per layer, ``{name: (T, H)}`` for every gate and state (``gate_names``)
    dh_norms, dc_norms : (L, T), ``||dL/dh_t||`` and ``||dL/dc_t||`` (None without a
        cell state) of this sequence's loss
    decay_tau : the step of the vanishing-gradient probe
    decay_dh, decay_dc : (L, tau + 1), ``||d l_tau / d h_t||`` (and c_t)
    quantities : per layer, ``{name: (T, H)}`` for the other quantities of the cell's
        reference step (``SequenceModel.step_quantities``: pre-activations and their
        ``Wx_``, ``Wh_`` and ``b_`` terms, products)
    backward : per layer, ``{name: (tau + 1, H)}``: every term of the backward pass of
        the loss at tau alone (``engine.backward_pass``: ``dh``, ``dh_above``,
        ``dh_next``, ``dc``, ``dc_next``, ``da_<block>``, ``dh_prev``, ``dc_prev``)
    truncate : the k of truncated BPTT that pass used (0: full); the gradient does not
        pass from step t back to t - 1 where ``t % k == 0``
    factor : (L, tau + 1), ``||dh_t / dh_{t-1}||_2`` per step (NaN where not measured),
        measured at step ``factor_step`` of the run (it costs an SVD per step, so it is
        renewed at most as often as a tenth of the running time allows)
    recurrent_sv : per layer, the singular values of ``weight_hh``, largest first (at
        ``factor_step`` too); empty when the layer is too wide to measure live
    directions : 1, or 2 for a bidirectional model. Then every "per layer" above is per
        run: entry ``k * 2 + d`` is layer k read forward (d = 0) or backward (d = 1),
        all in the order of t; the decay arrays, ``factor`` and ``backward`` span every
        step (the reverse run's gradient reaches from tau to the end), not tau + 1
    labels : (T,) what a reader calls each step (``Task.step_labels``): the character
        read at t for a text task, a visible sign for a space, a line break or a tab;
        None where the steps are only numbered
    """

    inputs: np.ndarray
    targets: np.ndarray
    scored: np.ndarray
    outputs: np.ndarray
    predictions: np.ndarray
    layers: tuple[Mapping[str, np.ndarray], ...]
    dh_norms: np.ndarray
    dc_norms: np.ndarray | None
    decay_tau: int
    decay_dh: np.ndarray
    decay_dc: np.ndarray | None
    quantities: tuple[Mapping[str, np.ndarray], ...] = ()
    backward: tuple[Mapping[str, np.ndarray], ...] = ()
    truncate: int = 0
    factor: np.ndarray | None = None
    factor_step: int = 0
    recurrent_sv: tuple[np.ndarray, ...] = ()
    directions: int = 1
    labels: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Snapshot(_Picklable):
    """The state of a run after ``step`` optimisation steps.

    ``metrics`` and ``heldout_loss`` come from the latest held-out evaluation (at
    ``eval_step``); ``new_steps`` and ``new_evals`` are the history rows added
    since the previous snapshot (the full history stays with the trainer).
    ``param_grad_norms`` are the last step's gradient norms per parameter (before
    clipping), ``param_norms`` the weights' norms now. ``lr``, ``clip``, ``steps_total``
    (the budget) and ``stop_when_solved`` are the run's settings now: the window reads
    them here, from the process that trains.
    """

    step: int
    steps_total: int
    status: str
    elapsed: float
    steps_per_sec: float
    loss: float
    lr: float
    clip: float
    grad_norm: float
    param_grad_norms: Mapping[str, float]
    param_norms: Mapping[str, float]
    eval_step: int
    heldout_loss: float
    metrics: Mapping[str, float]
    solved: bool
    probe: Probe | None
    solved_at: int | None = None  # the step of the first held-out evaluation that solved it
    new_steps: Mapping[str, np.ndarray] = field(default_factory=dict)
    new_evals: Mapping[str, np.ndarray] = field(default_factory=dict)
    message: str = ""
    sample: str = ""  # text tasks: text the model wrote at the latest evaluation
    sample_prompt: str = ""  # the prompt ``sample`` continues ("" for none)
    #: the probe the learner chose (``Task.probe_params`` values); None: the held-out example
    probe_values: Mapping[str, Any] | None = None
    stop_when_solved: bool = False  # the run ends at the first evaluation that solves it

    @property
    def done(self) -> bool:
        """True for the last snapshot of a run."""
        return self.status in ("finished", "solved", "stopped", "diverged")
