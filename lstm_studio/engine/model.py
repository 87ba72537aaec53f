"""``SequenceModel``: L stacked recurrent layers of one cell type and a linear head.

Equations
---------
    h^0_t = x_t
    h^l_t = cell(h^{l-1}_t, h^l_{t-1} [, c^l_{t-1}])      l = 1 .. L
    y_t   = W_head h^L_t + b_head                          (every t)

    bidirectional:
    h→^l_t = cell→(h^{l-1}_t, h→^l_{t-1})                  t = 0 .. T-1
    h←^l_t = cell←(h^{l-1}_t, h←^l_{t+1})                  t = T-1 .. 0
    h^l_t  = [h→^l_t ; h←^l_t]                             (2H, read by layer l+1 and the head)

Shapes: x (T, B, D) -> y (T, B, O). Parameters are named like PyTorch's
``nn.RNN/LSTM/GRU`` (``rnn.weight_ih_l0`` ...) and ``nn.Linear`` (``head.weight``,
``head.bias``), so a state dict of an ``rnn``, ``lstm`` or ``gru`` model loads
into ``torch.nn.{RNN,LSTM,GRU}(D, H, L)`` + ``torch.nn.Linear(H, O)`` as it is.
The ``peephole`` model adds ``rnn.weight_ch_l{k} (3H,)`` (peephole vectors of
i, f, o); the ``cifg`` model has no input-gate rows (blocks f, g, o).

A bidirectional model is PyTorch's ``bidirectional=True``: each layer has a second run
over the sequence, from the last step to the first, with parameters of its own
(``rnn.weight_ih_l0_reverse`` ...); layers above the first and the head read both runs'
states joined (``weight_ih_l1 (G·H, 2H)``, ``head.weight (O, 2H)``). Everything kept
per layer (``layers``, ``trace``, gradient norms, the probes) is kept per *run*: index
``k * K + d`` for layer k and direction d (0 forward, 1 reverse; K = ``num_directions``),
every array in the order of t = 0 .. T-1, the reverse run's too.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from . import subnormal
from .cells import RecurrentLayer, Workspace
from .losses import LOSSES
from .reference_layer import ReferenceLayer
from .registry import cell_spec, run_names

DTYPES = ("float32", "float64")
#: How ``weight_hh`` starts (see ``SequenceModel``); "uniform" is PyTorch's default.
RECURRENT_INITS = ("uniform", "orthogonal", "normal")
# weight_hh's orthogonal and normal draws come from default_rng([seed, _HH_STREAM]):
# after the uniform draws of default_rng(seed), so no other weight shifts, and apart
# from the streams [seed, 1] and [seed, 2] the trainer draws its data from
_HH_STREAM = 3
_RUN_OVERHEAD = 32 << 20  # a trainer's history, the task's data, NumPy's own
#: Bytes the caches of one forward pass over a large batch may take: a held-out set of
#: 1024 sequences of 2000 steps would need 2.4 GB at once (an LSTM of 32 units), so it
#: runs in pieces (``forward_chunk``); pieces of a few hundred sequences run as fast
FORWARD_BUDGET = 256 << 20
#: Bytes per entry of the step Jacobians (T H^2 entries a layer) while the probe's factor
#: per step is measured (``backward.step_factors``), from tracemalloc (LSTM, H = 32 ..
#: 512, T = 50 .. 2000; a GRU or an RNN takes less): the work of one batch of at most
#: ``backward._JACOBIAN_BATCH`` entries, then the Jacobians kept and the SVD's copy
_SPECTRA_BATCH_BYTES, _SPECTRA_KEPT_BYTES = 176, 12
MAX_LAYERS = 4


class NonFiniteError(FloatingPointError):
    """A loss or gradient became NaN or Inf; nothing was written into the weights.

    Attributes ``loss`` and ``grad_norm`` hold what was measured (either may be
    NaN or Inf), so a trainer can report them and restore the last good weights.
    """

    def __init__(self, message: str, loss: float, grad_norm: float) -> None:
        super().__init__(message)
        self.loss = loss
        self.grad_norm = grad_norm


class Gradients(dict):
    """Parameter gradients keyed like ``state_dict()``, plus what the same pass measured.

    Attributes
    ----------
    loss : float
    norm : float
        Global L2 norm of all parameter gradients.
    dh_norms : ndarray (L*K, T) or None
        ``||dL/dh^l_t||`` over the batch and units, for every run (layer and direction,
        as ``SequenceModel.layers``) and step (only when asked for with ``norms=True``).
    dc_norms : ndarray (L*K, T) or None
        ``||dL/dc^l_t||`` for the LSTM family, else None.
    """

    loss: float = math.nan
    norm: float = math.nan
    dh_norms: np.ndarray | None = None
    dc_norms: np.ndarray | None = None


@dataclass(frozen=True)
class GradientProbe:
    """The vanishing-gradient probe: how much the loss at one step reaches back in time.

    ``dh[l, t] = ||d l_tau / d h^l_t||`` for t = 0 .. tau, where ``l_tau`` is the
    loss at step ``tau`` alone; ``dc`` the same for the cell state (LSTM family)
    or None. ``truncate`` is the k of truncated BPTT the pass used (0: full): both
    are 0 before the last cut (a multiple of k) at or before tau.

    A bidirectional model's rows are its runs (layer k forward at 2k, reverse at
    2k + 1) and its columns every step t = 0 .. T-1: ``l_tau`` reads the reverse run's
    h_tau, which was computed from the steps after tau, so its gradient reaches
    forward in time (from tau to T-1) as the forward run's reaches back. Read the
    number of steps from ``dh.shape[1]``.
    """

    tau: int
    loss: float
    dh: np.ndarray  # (L, tau + 1); (2L, T) bidirectional
    dc: np.ndarray | None  # as dh
    truncate: int = 0


def _is_numeric(a: np.ndarray) -> bool:
    return a.dtype.kind in "biuf"  # bool, signed, unsigned, float


def _check_truncate(value) -> int:
    """``value`` as the k of truncated BPTT: a whole number >= 0 (0: full), else ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise ValueError(
            f"truncate must be a whole number >= 0 (0: full backpropagation), got {value!r}"
        )
    return int(value)


def _positive_int(name: str, value, upper: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be an integer, got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be at least 1, got {value}")
    if upper is not None and value > upper:
        raise ValueError(f"{name} must be at most {upper}, got {value}")
    return int(value)


class SequenceModel:
    """A stack of recurrent layers with a linear head at every timestep.

    Initial weights
    ---------------
        W, b ~ U(-1/sqrt(H), 1/sqrt(H))          every parameter, as in PyTorch
        W_hh = gain * U                          recurrent_init="uniform" (that same draw)
        W_hh = gain * [Q_1; ...; Q_G]            "orthogonal": each gate block Q_b (H, H)
                                                 orthogonal, Q_bᵀ Q_b = I
        W_hh = gain * N(0, 1) / sqrt(H)          "normal", every entry
        b_if = forget_bias, b_hf = 0             the LSTM family's forget gate

    Shapes: W_hh (G·H, H) per layer, G gate blocks. ``gain`` sets how far W_hh
    stretches a vector: orthogonal × gain has every singular value equal to ``gain``,
    so an RNN's gradient shrinks back through time for a gain below 1 and can grow for
    a gain above 1 (where tanh is near-linear). Only ``weight_hh`` depends on the two
    choices: uniform with gain 1 is PyTorch's default and gives, for a seed, the same
    weights bit for bit as before they existed.

    Parameters
    ----------
    cell : {"rnn", "lstm", "gru", "peephole", "cifg"}
    input_size, hidden_size, output_size : int
        D, H and O.
    num_layers : int
        L, from 1 to 4.
    seed : int
        All initial weights come from ``np.random.default_rng(seed)`` (weight_hh's
        orthogonal and normal draws from a stream of their own), drawn in float64 and
        then cast, so a float32 and a float64 model with the same seed hold the same
        numbers up to rounding.
    dtype : {"float32", "float64"}
    forget_bias : float
        Initial forget-gate bias of the LSTM family (written into ``bias_ih``;
        ``bias_hh`` of the forget gate starts at 0), default 1.0.
    recurrent_init : {"uniform", "orthogonal", "normal"}
        How ``weight_hh`` starts (``RECURRENT_INITS``), default "uniform".
    recurrent_gain : float
        The factor on ``weight_hh`` (a positive finite number), default 1.0.
    bidirectional : bool
        Each layer also reads the sequence backwards (see the module's docstring),
        default False.
    """

    def __init__(
        self,
        cell: str = "lstm",
        input_size: int = 1,
        hidden_size: int = 32,
        output_size: int = 1,
        num_layers: int = 1,
        seed: int = 0,
        dtype: str = "float32",
        forget_bias: float = 1.0,
        recurrent_init: str = "uniform",
        recurrent_gain: float = 1.0,
        bidirectional: bool = False,
    ) -> None:
        spec = cell_spec(cell)  # a ValueError naming the registered cells for another
        D = _positive_int("input_size", input_size)
        H = _positive_int("hidden_size", hidden_size)
        O = _positive_int("output_size", output_size)  # noqa: E741 - the letter of the docs
        L = _positive_int("num_layers", num_layers, MAX_LAYERS)
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
        if str(dtype) not in DTYPES:
            raise ValueError(f"dtype must be one of {', '.join(DTYPES)}; got {dtype!r}")
        try:
            forget_bias = float(forget_bias)
        except (TypeError, ValueError):
            raise ValueError(f"forget_bias must be a number, got {forget_bias!r}") from None
        if not math.isfinite(forget_bias):
            raise ValueError(f"forget_bias must be finite, got {forget_bias}")
        if not isinstance(recurrent_init, str) or recurrent_init not in RECURRENT_INITS:
            raise ValueError(
                f"recurrent_init must be one of {', '.join(RECURRENT_INITS)}; "
                f"got {recurrent_init!r}"
            )
        if isinstance(recurrent_gain, bool) or not isinstance(
            recurrent_gain, (int, float, np.integer, np.floating)
        ):
            raise ValueError(f"recurrent_gain must be a number, got {recurrent_gain!r}")
        try:
            recurrent_gain = float(recurrent_gain)
        except OverflowError:  # an int past float's range
            recurrent_gain = math.inf
        if not (math.isfinite(recurrent_gain) and recurrent_gain > 0):
            raise ValueError(
                f"recurrent_gain must be a positive finite number, got {recurrent_gain}"
            )
        if not isinstance(bidirectional, (bool, np.bool_)):
            raise ValueError(f"bidirectional must be True or False, got {bidirectional!r}")
        self.bidirectional = bool(bidirectional)
        self.num_directions = K = 2 if bidirectional else 1
        self.cell = cell
        self.input_size, self.hidden_size, self.output_size, self.num_layers = D, H, O, L
        self.seed = int(seed)
        self.dtype = np.dtype(str(dtype))
        self.forget_bias = forget_bias
        self.recurrent_init = recurrent_init
        self.recurrent_gain = recurrent_gain

        self.spec = spec
        # one recurrent layer object per run over the sequence: run k*K + d is layer k
        # in direction d (1: reverse); a cell registered with only its spec runs on the
        # reference step, exact and slow
        make = spec.layer if spec.layer is not None else functools.partial(ReferenceLayer, spec)
        self.layers: list[RecurrentLayer] = []
        for k in range(L):
            for d in range(K):
                layer = make(D if k == 0 else K * H, H, self.dtype)
                layer.reverse = d == 1
                self.layers.append(layer)
        # every parameter is a view into one flat buffer, in state-dict order, so an
        # optimizer updates them all with a handful of calls (see optim.py)
        shapes = {
            name: shape for name, shape, _ in spec.parameter_shapes(D, H, O, L, self.bidirectional)
        }
        self._layout = _layout(shapes)
        _, self._params = _flat_arrays(self._layout, self.dtype)
        self._ws = Workspace(self.dtype)  # the head's buffers
        # per run: (suffix, full name) of its parameters, for the backward pass
        self._layer_names = [
            [
                (suffix, f"rnn.{suffix}_{run}")
                for suffix in spec.param_shapes(D if k == 0 else K * H, H)
            ]
            for k in range(L)
            for run in run_names(k, self.bidirectional)
        ]
        rng = np.random.default_rng(self.seed)
        rng_hh = np.random.default_rng([self.seed, _HH_STREAM])
        bound = 1.0 / math.sqrt(H)
        for name, shape in shapes.items():
            # weight_hh's uniform draw is made for every init, so the draws after it
            # (and so every other weight) stay those of the seed
            value = rng.uniform(-bound, bound, shape)  # float64, cast on assignment
            if name.startswith("rnn.weight_hh_"):
                value = _recurrent_weights(value, recurrent_init, recurrent_gain, rng_hh)
            self._params[name][...] = value
        for k, layer in enumerate(self.layers):
            for suffix, name in self._layer_names[k]:
                layer.p[suffix] = self._params[name]
            if spec.has_forget_gate:
                f = spec.blocks.index("f")
                rows = slice(f * H, (f + 1) * H)
                layer.p["bias_ih"][rows] = forget_bias
                layer.p["bias_hh"][rows] = 0.0

    # ------------------------------------------------------------------ description
    @property
    def has_cell_state(self) -> bool:
        return self.spec.has_cell_state

    @property
    def gate_names(self) -> tuple[str, ...]:
        """Names of the arrays ``trace`` returns per layer, gates first (the registry's
        ``trace_names``)."""
        return self.spec.trace_names

    def config(self) -> dict:
        """The constructor's arguments: ``SequenceModel(**m.config())`` rebuilds the model."""
        return {
            "cell": self.cell,
            "input_size": self.input_size,
            "hidden_size": self.hidden_size,
            "output_size": self.output_size,
            "num_layers": self.num_layers,
            "seed": self.seed,
            "dtype": self.dtype.name,
            "forget_bias": self.forget_bias,
            "recurrent_init": self.recurrent_init,
            "recurrent_gain": self.recurrent_gain,
            "bidirectional": self.bidirectional,
        }

    def run_names(self) -> tuple[str, ...]:
        """The parameter suffix of every run, in ``layers`` order: ``("l0",
        "l0_reverse", "l1", ...)``."""
        return tuple(n for k in range(self.num_layers) for n in run_names(k, self.bidirectional))

    @property
    def top_size(self) -> int:
        """What the head reads at each step: H, or 2H for a bidirectional model."""
        return self.num_directions * self.hidden_size

    def num_parameters(self) -> int:
        return sum(p.size for p in self._params.values())

    def parameters(self) -> dict[str, np.ndarray]:
        """The live parameter arrays (not copies), for an optimizer to update in place."""
        return self._params

    def state_dict(self) -> dict[str, np.ndarray]:
        """Copies of every parameter, in PyTorch's names and layout."""
        return {name: p.copy() for name, p in self._params.items()}

    def load_state_dict(self, state: Mapping[str, np.ndarray]) -> None:
        """Copy ``state`` into the model; all of it is validated before anything changes.

        Raises ``ValueError`` naming every missing, unexpected, mis-shaped,
        non-numeric or non-finite entry. Floating arrays of another precision are
        cast to the model's dtype.
        """
        if not isinstance(state, Mapping):
            raise ValueError(
                f"state must be a mapping of names to arrays, got {type(state).__name__}"
            )
        missing = [k for k in self._params if k not in state]
        extra = [k for k in state if k not in self._params]
        problems = []
        if missing:
            problems.append("missing: " + ", ".join(missing))
        if extra:
            problems.append("unexpected: " + ", ".join(map(str, extra)))
        staged = {}
        for name, own in self._params.items():
            if name not in state:
                continue
            value = np.asarray(state[name])
            if value.shape != own.shape:
                problems.append(f"{name}: shape {value.shape}, expected {own.shape}")
            elif not np.issubdtype(value.dtype, np.floating):
                problems.append(f"{name}: dtype {value.dtype}, expected a floating dtype")
            elif not np.all(np.isfinite(value)):
                problems.append(f"{name}: contains NaN or Inf")
            else:
                staged[name] = value
        if problems:
            raise ValueError(
                f"state dict does not fit this "
                f"{'bidirectional ' if self.bidirectional else ''}{self.cell} model "
                f"(D={self.input_size}, H={self.hidden_size}, O={self.output_size}, "
                f"L={self.num_layers}): " + "; ".join(problems)
            )
        for name, value in staged.items():
            np.copyto(self._params[name], value, casting="same_kind")

    def forward_chunk(self, steps: int) -> int:
        """Sequences of ``steps`` steps that one forward pass of this model may run
        together (``forward_chunk``): a larger batch runs in pieces of this size."""
        return forward_chunk(
            self.cell,
            self.input_size,
            self.hidden_size,
            self.output_size,
            self.num_layers,
            steps,
            self.dtype.name,
            self.bidirectional,
        )

    def copy(self, dtype: str | None = None) -> SequenceModel:
        """An independent model with the same configuration and weights (optionally recast)."""
        cfg = self.config()
        if dtype is not None:
            cfg["dtype"] = dtype
        other = SequenceModel(**cfg)
        other.load_state_dict(self._params)
        return other

    # ------------------------------------------------------------------ validation
    def _check_x(self, x) -> np.ndarray:
        x = np.asarray(x)
        if x.ndim != 3:
            raise ValueError(
                f"x must have shape (T, B, D) = (steps, batch, {self.input_size}), "
                f"got {x.ndim} dimension(s) with shape {x.shape}"
            )
        T, B, D = x.shape
        if T == 0 or B == 0:
            raise ValueError(f"x must have at least one step and one sequence, got shape {x.shape}")
        if D != self.input_size:
            raise ValueError(
                f"x has {D} features per step (last axis), the model expects {self.input_size}"
            )
        if not _is_numeric(x):
            raise ValueError(f"x must be numeric, got dtype {x.dtype}")
        x = np.ascontiguousarray(x, dtype=self.dtype)
        if not np.isfinite(x).all():
            raise ValueError("x contains NaN or Inf")
        return x

    def _check_state(self, state, B: int):
        if state is None:
            return None, None
        if not isinstance(state, (tuple, list)) or len(state) != 2:
            raise ValueError(
                "state must be a pair (h, c) as returned by forward(..., return_state=True)"
            )
        shape = (self.num_layers * self.num_directions, B, self.hidden_size)
        lk = "L*2" if self.bidirectional else "L"
        h, c = state
        h = np.asarray(h, dtype=self.dtype)
        if h.shape != shape:
            raise ValueError(f"state h must have shape ({lk}, B, H) = {shape}, got {h.shape}")
        if self.has_cell_state:
            if c is None:
                raise ValueError(f"state c is required for the {self.cell} cell")
            c = np.asarray(c, dtype=self.dtype)
            if c.shape != shape:
                raise ValueError(f"state c must have shape ({lk}, B, H) = {shape}, got {c.shape}")
        else:
            c = None
        return h, c

    def _check_target(self, target, loss: str, T: int, B: int) -> np.ndarray:
        target = np.asarray(target)
        O = self.output_size  # noqa: E741
        if loss == "cross_entropy":
            if target.shape != (T, B):
                raise ValueError(
                    f"target for cross_entropy must be class indices of shape (T, B) = {(T, B)}, "
                    f"got {target.shape}"
                )
            if not np.issubdtype(target.dtype, np.integer):
                if not (
                    np.issubdtype(target.dtype, np.floating)
                    and np.all(np.isfinite(target))
                    and np.all(target == np.round(target))
                ):
                    raise ValueError(
                        f"target for cross_entropy must hold integers, got dtype {target.dtype}"
                    )
                target = target.astype(np.int64)
            if target.size and (target.min() < 0 or target.max() >= O):
                raise ValueError(
                    f"target classes must lie in 0 .. {O - 1}, got {target.min()} .. {target.max()}"
                )
            return target.astype(np.intp, copy=False)
        if target.shape != (T, B, O):
            raise ValueError(
                f"target for {loss} must have shape (T, B, O) = {(T, B, O)}, got {target.shape}"
            )
        if not _is_numeric(target):
            raise ValueError(f"target must be numeric, got dtype {target.dtype}")
        target = np.asarray(target, dtype=self.dtype)
        if not np.isfinite(target).all():
            raise ValueError("target contains NaN or Inf")
        if loss == "bce" and (target.min() < 0 or target.max() > 1):
            raise ValueError("target for bce must lie in [0, 1]")
        return target

    def _check_mask(self, mask, T: int, B: int) -> np.ndarray | None:
        if mask is None:
            return None
        mask = np.asarray(mask)
        if mask.shape == (T,):
            mask = np.broadcast_to(mask[:, None], (T, B))
        elif mask.shape != (T, B):
            raise ValueError(
                f"mask must have shape (T,) = {(T,)} or (T, B) = {(T, B)}, got {mask.shape}"
            )
        if not (mask.dtype == np.bool_ or np.issubdtype(mask.dtype, np.number)):
            raise ValueError(f"mask must be boolean or 0/1, got dtype {mask.dtype}")
        if not np.all((mask == 0) | (mask == 1)):
            raise ValueError("mask must hold only 0/1 (or False/True)")
        if not mask.any():
            raise ValueError("mask scores no step: at least one entry must be 1")
        return np.ascontiguousarray(mask, dtype=self.dtype)

    def _prepare(self, x, target, loss: str, mask):
        """Validate a batch: ``(x, target, weight)`` in the model's dtype (weight may be None)."""
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {', '.join(LOSSES)}; got {loss!r}")
        x = self._check_x(x)
        T, B, _ = x.shape
        return x, self._check_target(target, loss, T, B), self._check_mask(mask, T, B)

    # ------------------------------------------------------------------ passes
    def _run(self, x, state=None, offsets=None) -> np.ndarray:
        """Forward through the layers (x checked); return the top states as
        ``(K*H, T*B)`` columns (column t*B + b is h_t of sequence b, both directions').

        Layers work feature-major (see ``cells``): ``x`` goes in as a
        ``(T, D, B)`` view and each layer copies it into its own buffer. A reverse run
        is given the sequence backwards (a view) and its states are turned back.
        """
        T, B, _ = x.shape
        H, K = self.hidden_size, self.num_directions
        h0, c0 = self._check_state(state, B)
        inp = x.transpose(0, 2, 1)
        for k in range(self.num_layers):
            outs = []
            for d in range(K):
                i = k * K + d
                h_off, c_off = offsets[i] if offsets is not None else (None, None)
                if d == 1:  # the reverse run reads t = T-1 .. 0
                    h_off = None if h_off is None else h_off[::-1]
                    c_off = None if c_off is None else c_off[::-1]
                hs = self.layers[i].forward(
                    inp if d == 0 else inp[::-1],
                    None if h0 is None else h0[i],
                    None if c0 is None else c0[i],
                    h_off,
                    c_off,
                )
                outs.append(hs if d == 0 else hs[::-1])
            if K == 1:
                inp = outs[0]
            else:  # [h→_t ; h←_t] for the layer above (it copies it into its own buffer)
                inp = self._ws.get("joined", (T, K * H, B))
                for d, hs in enumerate(outs):
                    np.copyto(inp[:, d * H : (d + 1) * H], hs)
        if K == 1:
            return self.layers[-1].columns()[:H, 1:].reshape(H, T * B)
        top = self._ws.get("top", (K * H, T, B))
        top[:H] = self.layers[-2].columns()[:H, 1:]
        top[H:] = self.layers[-1].columns()[:H, :0:-1]  # the reverse run's, turned back
        return top.reshape(K * H, T * B)

    def _head(self, top: np.ndarray, T: int, B: int) -> np.ndarray:
        """``y (T, B, O)`` from the top states as ``(H, T*B)`` columns."""
        y_t = self._params["head.weight"] @ top  # (O, T*B)
        y_t += self._params["head.bias"][:, None]
        return np.ascontiguousarray(y_t.reshape(self.output_size, T, B).transpose(1, 2, 0))

    def forward(self, x, state=None, return_state: bool = False):
        """Raw head outputs ``(T, B, O)`` for ``x (T, B, D)``.

        ``state`` is an initial ``(h, c)`` with h, c of shape ``(L, B, H)`` (c is
        None for rnn and gru); ``return_state=True`` returns ``(y, final_state)``
        so a sequence can be fed one piece at a time. A bidirectional model's states
        are ``(2L, B, H)``, run by run, as PyTorch's ``h_0`` and ``h_n``: the reverse
        run starts at t = T-1 and ends at t = 0 (feeding it piece by piece is not
        the same as feeding it the whole sequence: it reads the pieces backwards).
        """
        x = self._check_x(x)
        y = self._head(self._run(x, state), *x.shape[:2])
        if not return_state:
            return y
        finals = [layer.final_state() for layer in self.layers]
        h = np.stack([f[0] for f in finals])
        c = np.stack([f[1] for f in finals]) if self.has_cell_state else None
        return y, (h, c)

    def trace(self, x, state=None) -> list[dict[str, np.ndarray]]:
        """Forward ``x`` and return, per layer, copies of every gate and state ``(T, B, H)``.

        Keys are ``gate_names``: i, f, g, o (LSTM family; for cifg i = 1 - f),
        r, z, n (GRU) or a, the pre-activation (RNN); then c (LSTM family) and h.
        One entry per run (``layers``), in the order of t, the reverse run's too.
        """
        x = self._check_x(x)
        self._run(x, state)
        return [_in_time(layer.trace(), layer.reverse) for layer in self.layers]

    def step_quantities(self, x, trace=None, skip=("Wx_", "Wh_", "b_")) -> list[dict]:
        """Every named quantity of the reference step (``registry``), per layer, each
        ``(T, B, H)``: the pre-activations, gates, products and states of every step.

        The reference step runs once per layer over all T*B columns together, fed the
        states of ``trace`` (``self.trace(x)`` when None): h_{t-1} and c_{t-1} of each
        step are known, so no loop over t is needed. Keys starting with one of ``skip``
        (the pre-activations' separate W x, W h and bias terms) are left out.
        """
        x = self._check_x(x)
        trace = self.trace(x) if trace is None else trace
        T, B, _ = x.shape
        H = self.hidden_size
        out = []
        for i, layer in enumerate(self.layers):
            # in the run's own reading order: its previous step is t+1 when it is reverse
            inp, h, c = (
                _reading(a, layer.reverse)
                for a in (
                    self.run_input(x, trace, i),
                    trace[i]["h"],
                    trace[i]["c"] if self.has_cell_state else None,
                )
            )
            zero = np.zeros((1, B, H), self.dtype)
            h_prev = np.concatenate([zero, h[:-1]]).reshape(T * B, H)
            c_prev = None if c is None else np.concatenate([zero, c[:-1]]).reshape(T * B, H)
            q = self.spec.step(layer.p, inp.reshape(T * B, -1), h_prev, c_prev)
            out.append(
                {
                    name: np.ascontiguousarray(
                        _reading(np.asarray(v, self.dtype).reshape(T, B, H), layer.reverse)
                    )
                    for name, v in q.items()
                    if not name.startswith(skip)
                }
            )
        return out

    def run_input(self, x: np.ndarray, trace, i: int) -> np.ndarray:
        """What run ``i`` reads at each step, ``(T, B, D or K*H)`` in the order of t: x
        for the first layer, the layer below's states (both runs' joined) above it."""
        k, K = divmod(i, self.num_directions)[0], self.num_directions
        if k == 0:
            return x
        below = [trace[(k - 1) * K + d]["h"] for d in range(K)]
        return below[0] if K == 1 else np.concatenate(below, axis=-1)

    def loss(self, x, target, loss: str = "mse", mask=None) -> float:
        """The loss alone (no backward pass)."""
        x, target, weight = self._prepare(x, target, loss, mask)
        T, B, _ = x.shape
        return LOSSES[loss](self._head(self._run(x), T, B), target, weight)[0]

    def loss_and_gradients(
        self, x, target, loss: str = "mse", mask=None, norms: bool = False, truncate: int = 0
    ):
        """Loss and exact gradients of every parameter by backpropagation through time.

        Equations
        ---------
            L = loss(y_0 .. y_{T-1}, target)
            dL/dW = sum_t dL/dy_t dy_t/dW, each dy_t/dW through the steps s <= t of its chunk
            chunks [0, k), [k, 2k), ... for truncate = k > 0; one chunk [0, T) for k = 0 or k >= T

        With truncation the forward pass (and the loss) is unchanged; the backward pass
        treats the state entering each chunk as a constant, as PyTorch's
        ``h = h.detach()`` (and ``c = c.detach()``) every k steps does, in every layer.
        The result is the exact gradient of that truncated objective. A bidirectional
        model's reverse runs cut every k steps of their own reading, counted from the
        last step: chunks [T-k, T), [T-2k, T-k), ...

        Parameters
        ----------
        x : (T, B, D)
        target : (T, B, O) for mse and bce; class indices (T, B) for cross_entropy
        loss : {"mse", "bce", "cross_entropy"}
        mask : (T,) or (T, B) of 0/1, optional
            Which steps are scored; the loss is the mean over the scored entries.
        norms : bool
            Also measure ``||dL/dh_t||`` (and ``||dL/dc_t||``) per layer and step.
        truncate : int
            k of truncated BPTT, a whole number >= 0; 0 (or k >= T) is full BPTT.

        Returns
        -------
        loss : float
        grads : Gradients
            Keyed like ``state_dict()``.

        Raises
        ------
        NonFiniteError
            If the loss or any gradient is NaN or Inf (the weights are untouched).
        """
        truncate = _check_truncate(truncate)
        x, target, weight = self._prepare(x, target, loss, mask)
        return self._loss_and_gradients(x, target, loss, weight, norms, truncate=truncate)

    def _loss_and_gradients(self, x, target, loss, weight, norms, offsets=None, truncate=0):
        # overflow and NaN are detected and raised as NonFiniteError, not warned about
        # subnormal numbers are flushed to zero (see subnormal.py)
        with np.errstate(over="ignore", invalid="ignore"), subnormal.flush_to_zero():
            return self._backprop(x, target, loss, weight, norms, offsets, truncate)

    def _backprop(self, x, target, loss, weight, norms, offsets, truncate=0):
        T, B, _ = x.shape
        H, O = self.hidden_size, self.output_size
        top = self._run(x, offsets=offsets)
        value, dy = LOSSES[loss](self._head(top, T, B), target, weight)
        K = self.num_directions
        flat, views = _flat_arrays(self._layout, self.dtype)
        grads = Gradients(views)
        dy_t = np.ascontiguousarray(dy.transpose(2, 0, 1)).reshape(O, T * B)
        np.matmul(dy_t, top.T, out=views["head.weight"])  # (O, K*H)
        np.matmul(dy_t, self._ws.ones(T * B), out=views["head.bias"])  # (O,)
        dh = self._ws.get("head_dh", (K * H, T * B))  # reused: no page faults
        _outer_sum(self._params["head.weight"].T, dy_t, out=dh)
        dh = dh.reshape(K * H, T, B).transpose(1, 0, 2)  # (T, K*H, B)
        for k in range(self.num_layers - 1, -1, -1):
            below = None  # (T, K*H, B) for the layer below: the sum of what each run sends
            for d in range(K):
                i = k * K + d
                out = {suffix: views[name] for suffix, name in self._layer_names[i]}
                part = dh[:, d * H : (d + 1) * H]
                if d == 1:  # the reverse run's own order
                    part = part[::-1]
                dx = self.layers[i].backward(part, out, need_dx=k > 0, truncate=truncate)
                if dx is not None:
                    dx = dx if d == 0 else dx[::-1]
                    below = dx if below is None else below + dx
            dh = below
        grads.loss = value
        grads.norm = _norm(flat)
        if not (math.isfinite(value) and math.isfinite(grads.norm)):
            raise NonFiniteError(
                f"the loss ({value:.4g}) or the gradient norm ({grads.norm:.4g}) is not finite",
                loss=value,
                grad_norm=grads.norm,
            )
        if norms:
            grads.dh_norms = np.stack(
                [_reading(_step_norms(layer.dh_total), layer.reverse) for layer in self.layers]
            )
            if self.has_cell_state:
                grads.dc_norms = np.stack(
                    [_reading(_step_norms(layer.dc_total), layer.reverse) for layer in self.layers]
                )
        return value, grads

    def gradient_probe(
        self,
        x,
        target,
        loss: str = "mse",
        mask=None,
        tau: int | None = None,
        truncate: int = 0,
    ):
        """``||d l_tau / d h^l_t||`` for t = 0 .. tau and every layer (and c_t for the LSTM family).

        Equations
        ---------
            dh[l, t] = ||d l_tau / d h^l_t||,  dc[l, t] = ||d l_tau / d c^l_t||,  t = 0 .. tau
            with truncate = k > 0: dh[l, t] = dc[l, t] = 0 for t < b, b = k * floor(tau / k)

        ``l_tau`` is the loss at step ``tau`` alone (the mean over its scored
        sequences and outputs). ``tau`` defaults to the last scored step. This is
        the curve that shows a plain RNN forgetting: it falls off geometrically
        as t moves away from tau. ``truncate`` (k of truncated BPTT, see
        ``loss_and_gradients``) cuts it at the last chunk boundary b at or before
        tau: from b to tau it is the full curve, before b nothing arrives. A
        bidirectional model's probe spans every step (see ``GradientProbe``).
        """
        truncate = _check_truncate(truncate)
        x, target, weight = self._prepare(x, target, loss, mask)
        T, B, _ = x.shape
        scored = np.ones(T, bool) if weight is None else weight.any(axis=1)
        if tau is None:
            tau = int(np.flatnonzero(scored)[-1])
        elif isinstance(tau, bool) or not isinstance(tau, (int, np.integer)) or not 0 <= tau < T:
            raise ValueError(f"tau must be a step index in 0 .. {T - 1}, got {tau!r}")
        elif not scored[tau]:
            raise ValueError(f"step tau={tau} is not scored by the mask")
        tau = int(tau)
        # l_tau depends on the steps up to tau; both ways, on every step
        n = T if self.bidirectional else tau + 1
        only = np.zeros((n, B), self.dtype)
        only[tau] = 1 if weight is None else weight[tau]
        value, grads = self._loss_and_gradients(
            x[:n], target[:n], loss, only, norms=True, truncate=truncate
        )
        return GradientProbe(
            tau=tau, loss=value, dh=grads.dh_norms, dc=grads.dc_norms, truncate=truncate
        )


def _recurrent_weights(
    uniform: np.ndarray, init: str, gain: float, rng: np.random.Generator
) -> np.ndarray:
    """One layer's initial ``weight_hh (G·H, H)``: ``uniform`` (its PyTorch draw) times
    ``gain``, or a fresh orthogonal or normal draw from ``rng`` times ``gain``."""
    GH, H = uniform.shape
    if init == "uniform":
        return uniform * gain  # gain 1: the very same numbers
    if init == "normal":
        return rng.standard_normal((GH, H)) * (gain / math.sqrt(H))  # (G·H, H)
    blocks = []
    for _ in range(GH // H):  # orthogonal per gate block, as torch.nn.init.orthogonal_
        q, r = np.linalg.qr(rng.standard_normal((H, H)))  # (H, H) each
        # QR's signs are a convention of the LAPACK routine; fixing diag(r) > 0 makes
        # q uniformly distributed over the orthogonal matrices (Mezzadri 2007)
        blocks.append(q * np.sign(np.diag(r)))
    return np.concatenate(blocks) * gain  # (G·H, H)


def _norm(flat: np.ndarray) -> float:
    """L2 norm of a 1-D array; inf when it overflows or holds NaN or Inf."""
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is the answer inf
        sq = float(np.dot(flat, flat))
    return math.sqrt(sq) if math.isfinite(sq) else math.inf


def _cache_units(cell: str, train: bool) -> tuple[tuple[float, float, float], tuple[float, float]]:
    """``_layer_units`` of the cell registered as ``cell`` now (a cell registered anew
    under an old name is measured anew)."""
    spec = cell_spec(cell)
    if spec.layer is None:  # the reference step keeps its own records: as an LSTM
        return _layer_units("lstm", cell_spec("lstm").layer, train)
    return _layer_units(cell, spec.layer, train)


@functools.lru_cache(maxsize=64)
def _layer_units(
    cell: str, layer: type, train: bool
) -> tuple[tuple[float, float, float], tuple[float, float]]:
    """The elements the layers of ``cell`` keep per step of one sequence, in their
    buffers, after a training pass (``train``) or a forward pass: ``((a, c, e), (a1,
    e1))`` for ``a H + c D + e`` in a model of one layer (D inputs) and ``a1 H + e1``
    more for each layer added (``layer``, the cell's layer class, keys the cache).

    Read from dry runs of the real layers at tiny sizes (their ``Workspace``), so the
    estimate follows the layers as they are written: a GRU keeps 25 H per step when it
    trains, an LSTM 23 H, a plain RNN 7 H. A cell registered with its step alone (no
    layer of its own, no workspace) is counted as an LSTM.
    """

    def per_step(H: int, D: int, L: int) -> float:
        """Elements per step and sequence in all layers of an L-layer model."""
        counts = []
        for T in (6, 12):
            m = SequenceModel(cell, D, H, 1, L, seed=0, dtype="float64")
            x = np.zeros((T, 2, D))  # (T, B, D)
            if train:
                m.loss_and_gradients(x, np.zeros((T, 2, 1)), "mse")
            else:
                m.forward(x)
            counts.append(sum(b.size for lay in m.layers for b in lay.ws._bufs.values()))
        return (counts[1] - counts[0]) / (6 * 2)

    # one layer (it is the top one: the head reads its stacked columns), then what a
    # second one adds (the first one then also sends its gradient down)
    f0, fH, fD = per_step(4, 1, 1), per_step(8, 1, 1), per_step(4, 5, 1)
    a, c = (fH - f0) / 4, (fD - f0) / 4
    g4, g8 = per_step(4, 1, 2) - f0, per_step(8, 1, 2) - fH
    a1 = (g8 - g4) / 4
    return (a, c, f0 - 4 * a - c), (a1, g4 - 4 * a1)


def _sequence_bytes(
    cell: str, D: int, H: int, O: int, L: int, T: int, item: int, train: bool, K: int = 1
) -> tuple[int, int]:
    """``(caches, data)``: the bytes one sequence of ``T`` steps takes in a pass, in the
    layers' buffers (``_cache_units``) and the head's (kept while its piece of a batch
    runs), and in its inputs, targets and outputs (kept for the whole batch). ``K`` = 2
    for a bidirectional model: two runs a layer, each above the first reading 2H, and
    the joined states of each layer (2H a step)."""
    (a, c, e), (a1, e1) = _cache_units(cell, train)
    per_step = K * (a * H + c * D + e + (L - 1) * (a1 * H + e1 + c * (K - 1) * H))
    per_step += (K - 1) * 2 * H * (L + 1)
    if train:  # the gradient into the top layer; the head's outputs, gradient, softmax
        per_step += K * H + 4 * O
    data = T * D * 4 + T * 8  # float32 inputs, integer targets
    if not train:
        data += 3 * item * T * O  # the piece's outputs, all of them together, the loss's
    return int(item * T * per_step), data


def forward_chunk(
    cell: str,
    input_size: int,
    hidden_size: int,
    output_size: int,
    num_layers: int,
    steps: int,
    dtype: str = "float32",
    bidirectional: bool = False,
) -> int:
    """How many sequences of ``steps`` steps one forward pass may run together so that
    its caches stay within ``FORWARD_BUDGET`` (at least one): a larger batch, such as a
    held-out set, is run in pieces of this size (``Task.predict``)."""
    caches, _ = _sequence_bytes(
        cell,
        int(input_size),
        int(hidden_size),
        int(output_size),
        int(num_layers),
        int(steps),
        np.dtype(dtype).itemsize,
        train=False,
        K=2 if bidirectional else 1,
    )
    return max(1, FORWARD_BUDGET // max(caches, 1))


def memory_estimate(
    cell: str,
    input_size: int,
    hidden_size: int,
    output_size: int,
    num_layers: int,
    batch_size: int,
    steps: int,
    dtype: str = "float32",
    optimizer_slots: int = 2,
    eval_batch: int = 0,
    bidirectional: bool = False,
) -> int:
    """Bytes a trainer of ``SequenceModel(cell, D, H, O, L)`` holds at its peak, estimated
    from the sizes alone, before anything is allocated.

    Counted: the parameters, their gradients, ``optimizer_slots`` arrays of the
    optimizer's state (Adam 2, SGD and RMSprop 1) and three copies (evaluation, probe,
    text sample); the training pass's buffers for ``batch_size`` sequences of ``steps``
    steps (what the layers keep per step, ``_cache_units``; the head's outputs,
    gradients and softmax; the inputs); the forward pass's for ``eval_batch`` held-out
    sequences, run ``forward_chunk`` at a time, with the held-out inputs, targets and
    outputs kept; the window's probe of one sequence (its every per-step array, and the
    step Jacobians of the factor per step, at most ``2**24`` entries); and 32 MiB for the
    rest (history, data). Measured against tracemalloc's peak of a run that has stepped,
    evaluated and taken a snapshot it is 1.05 to 1.65 times as large (at T = 2000: LSTM
    1.06, GRU 1.10, RNN 1.45; tests/training/test_memory_limit.py): a refusal on it is
    not exact, but safe.
    """
    spec = cell_spec(cell)
    D, H, O, L = int(input_size), int(hidden_size), int(output_size), int(num_layers)
    B, T, G = int(batch_size), int(steps), spec.num_blocks
    K = 2 if bidirectional else 1
    item = np.dtype(dtype).itemsize
    params = spec.parameter_count(D, H, O, L, bool(bidirectional))
    fused = K * sum(G * H * (H + 1 + (D if k == 0 else K * H)) for k in range(L))
    state = item * (params * (5 + optimizer_slots) + fused)
    one = sum(_sequence_bytes(cell, D, H, O, L, T, item, train=True, K=K))
    caches, data = _sequence_bytes(cell, D, H, O, L, T, item, train=False, K=K)
    chunk = min(int(eval_batch), forward_chunk(cell, D, H, O, L, T, dtype, bool(bidirectional)))
    # the probe: trace, quantities, backward terms and their frozen copies, about four
    # training passes of one sequence; then the step Jacobians of its factor per step
    from .backward import _JACOBIAN_BATCH, FACTOR_ENTRIES  # (backward imports this module)

    entries = min(T * H * H, FACTOR_ENTRIES)  # per run
    probe = (
        4 * one
        + _SPECTRA_BATCH_BYTES * min(entries, _JACOBIAN_BATCH)
        + _SPECTRA_KEPT_BYTES * K * L * entries
    )
    return _RUN_OVERHEAD + state + one * B + caches * chunk + data * int(eval_batch) + probe


def global_norm(grads: Mapping[str, np.ndarray]) -> float:
    """L2 norm of all arrays together (inf if any entry is NaN or Inf)."""
    return _norm(np.concatenate([np.ravel(g) for g in grads.values()]))


def _outer_sum(a: np.ndarray, b: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``a @ b`` into ``out`` for ``a (M, K)``, ``b (K, N)`` with a small K (a head's O).

    BLAS packs its operands for every call, which at K = 1 costs ~6x the
    arithmetic; K broadcast multiply-adds stream through memory once each.
    """
    K = a.shape[1]
    if K > 8:
        return np.matmul(a, b, out=out)
    np.multiply(a[:, :1], b[:1], out=out)
    for k in range(1, K):
        out += a[:, k : k + 1] * b[k : k + 1]
    return out


def _layout(shapes: Mapping[str, tuple[int, ...]]) -> tuple[int, list]:
    """Total size and (name, start, stop, shape) of arrays laid end to end, in order."""
    at, parts = 0, []
    for name, shape in shapes.items():
        n = math.prod(shape)
        parts.append((name, at, at + n, shape))
        at += n
    return at, parts


def _flat_arrays(layout: tuple[int, list], dtype) -> tuple[np.ndarray, dict]:
    """One new 1-D buffer and, per name, a view of it with its shape, in order."""
    total, parts = layout
    flat = np.empty(total, dtype)
    return flat, {name: flat[a:b].reshape(shape) for name, a, b, shape in parts}


def _reading(a, reverse: bool):
    """``a`` (time on its first axis) in a run's reading order, or back: turned round for
    a reverse run (a view), as it is otherwise; None stays None."""
    return a[::-1] if reverse and a is not None else a


def _in_time(arrays: dict[str, np.ndarray], reverse: bool) -> dict[str, np.ndarray]:
    """A run's per-step arrays, kept in its reading order, in the order of t (copies)."""
    return {k: np.ascontiguousarray(_reading(v, reverse)) for k, v in arrays.items()}


def _step_norms(a: np.ndarray) -> np.ndarray:
    """``||a_t||`` over (B, H) for every t of a ``(T, B, H)`` array, in float64."""
    T = a.shape[0]
    flat = a.reshape(T, -1).astype(np.float64)
    return np.sqrt(np.einsum("ti,ti->t", flat, flat))
