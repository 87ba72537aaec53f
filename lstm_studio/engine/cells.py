"""Recurrent layers: one cell type run over a whole sequence, forward and backward.

Each layer holds views of its parameters (``p``, keyed by PyTorch's suffixes
``weight_ih``, ``weight_hh``, ``bias_ih``, ``bias_hh`` and, for the peephole
LSTM, ``weight_ch``) and a workspace of buffers reused from call to call.
``forward`` takes the inputs as ``xs (T, D, B)``, returns the hidden states as
a ``(T, H, B)`` view and keeps what ``backward`` needs; ``backward`` takes
``dL/dh_t (T, H, B)`` from above, writes the parameter gradients into the
arrays it is given, returns ``dL/dx_t (T, D, B)`` for the layer below, and
leaves the total per-timestep gradients ``dL/dh_t`` (and ``dL/dc_t``) in
``dh_total`` / ``dc_total``. ``SequenceModel`` turns the public time-major
``(T, B, D)`` arrays into these and back.

Inside a layer, per-step arrays are feature-major: a step's gates are one
``(G*H, B)`` block and every gate or state of a step is one contiguous
``(H, B)`` slab, computed as ``W_hh @ h_prev``. NumPy's elementwise calls on a
slice of a row-major ``(B, G*H)`` array, or broadcasting a ``(G*H,)`` vector
over it, run one inner loop per row and cost 2-3x more at the sizes a time
loop sees; contiguous slabs cost one. The blocks are stored in an internal
order chosen so that the gates that share an operation are adjacent (LSTM:
o, i, f, g: the sigmoid gates o, i, f together for the forward pass, the
c-driven gates i, f, g together for the backward pass; and c_{t-1} right after
g, so that [i, f] * [g, c_{t-1}] is one multiply). The parameters keep
PyTorch's layout and block order.

Other measured tricks: each step's gates come from one matmul of the fused
``[W_hh | b_ih + b_hh | W_ih]`` with ``hx_t = [h_{t-1}; 1; x_t]``, so no bias
add and no input projection to transpose; the weight gradients are one
matmul over all T*B columns after the loop; sigmoid is ``0.5 * tanh(a / 2) +
0.5`` with the ``1/2`` folded into the fused weights, so one ``tanh`` covers
every gate; the gate-local derivatives are computed for all T before the
backward loop, in cache-sized chunks of steps and without temporaries; the
per-step views the loops index are built once per buffer shape and reused
(slicing costs ~0.1 us a view, a tenth of a small step); every hot-path array
is preallocated and written with ``out=``.
"""

from __future__ import annotations

import numpy as np

from . import subnormal


class Workspace:
    """Named buffers that survive between calls while their shape stays the same,
    and lists of per-step views into them."""

    def __init__(self, dtype: np.dtype) -> None:
        self.dtype = dtype
        self._bufs: dict[str, np.ndarray] = {}
        self._views: dict[str, list] = {}

    def get(self, name: str, shape: tuple[int, ...], dtype=None) -> np.ndarray:
        buf = self._bufs.get(name)
        if buf is None or buf.shape != shape:
            buf = self._bufs[name] = np.empty(shape, self.dtype if dtype is None else dtype)
            self._views.clear()  # cached views may point into the old buffer
        return buf

    def ones(self, n: int) -> np.ndarray:
        """A vector of n ones (kept): row sums as a matmul beat ``np.sum(axis=1)``."""
        buf = self._bufs.get("ones")
        if buf is None or buf.shape != (n,):
            buf = self._bufs["ones"] = np.ones(n, self.dtype)
        return buf

    def views(self, name: str, build) -> list:
        """``build()``'s list, cached until any buffer is reallocated. Get every
        buffer the views need *before* calling this."""
        cached = self._views.get(name)
        if cached is None:
            cached = self._views[name] = build()
        return cached


def _chunks(T: int, slab: int, target: int = 1 << 14) -> list[slice]:
    """Slices of range(T) holding ~``target`` elements of a ``slab``-sized step each,
    so that elementwise passes over all T stay in cache."""
    per = max(1, target // max(slab, 1))
    return [slice(s, min(s + per, T)) for s in range(0, T, per)]


def cut_length(truncate: int, T: int) -> int:
    """The chunk length k at which a backward pass over T steps cuts, 0 for none:
    ``truncate`` itself when 0 < truncate < T (0, or a chunk as long as the sequence,
    is full backpropagation through time)."""
    return int(truncate) if 0 < truncate < T else 0


def _carries(t: int, cut: int) -> bool:
    """Whether step t sends its gradient back to step t - 1: always, but at t = 0 and
    at the cuts t = k, 2k, ... of truncated BPTT (``cut`` = k; 0 for none)."""
    return t > 0 and (cut == 0 or t % cut != 0)


class RecurrentLayer:
    """One layer of one cell type; the base class holds what every cell shares.

    Subclasses set ``name``, ``gates`` (the row blocks of ``weight_ih`` in
    PyTorch's order), ``order`` (which PyTorch block sits at each internal
    position), ``sigmoid`` (internal positions that are sigmoid gates) and
    ``has_cell_state``, and implement ``_loop_forward`` and ``_loop_backward``.
    """

    name = ""
    gates: tuple[str, ...] = ()
    order: tuple[int, ...] = ()
    sigmoid: tuple[int, ...] = ()
    has_cell_state = False
    #: this layer is a bidirectional model's reverse run: the model feeds it the sequence
    #: backwards (t = T-1 .. 0); the layer itself only ever sees its own reading order
    reverse = False

    def __init__(self, input_size: int, hidden_size: int, dtype) -> None:
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.dtype = np.dtype(dtype)
        self.p: dict[str, np.ndarray] = {}
        self.ws = Workspace(self.dtype)
        H = hidden_size
        # internal row j*H + u holds PyTorch row order[j]*H + u; as (dst, src) slices
        # of consecutive blocks, since slice copies beat a fancy-index gather
        self._runs: list[tuple[slice, slice]] = []
        for j, k in enumerate(self.order):
            if self._runs and self._runs[-1][1].stop == k * H:
                d, src = self._runs.pop()
                self._runs.append((slice(d.start, (j + 1) * H), slice(src.start, (k + 1) * H)))
            else:
                self._runs.append((slice(j * H, (j + 1) * H), slice(k * H, (k + 1) * H)))
        # tanh-trick scale per internal row: 1/2 for sigmoid gates
        self._row_scale = np.repeat(
            [0.5 if j in self.sigmoid else 1.0 for j in range(len(self.order))], H
        ).astype(self.dtype)[:, None]
        self._half = np.array(0.5, self.dtype)
        self._one = np.array(1, self.dtype)
        self._zero = np.array(0, self.dtype)
        self._tiny = np.array(np.finfo(self.dtype).tiny, self.dtype)
        self._T = self._B = 0
        self._columns_fresh = False
        self.dh_total: np.ndarray | None = None  # (T, H, B) after backward
        self.dc_total: np.ndarray | None = None

    @property
    def num_blocks(self) -> int:
        return len(self.gates)

    # ---------------------------------------------------------------- forward
    def forward(self, xs, h0=None, c0=None, h_offset=None, c_offset=None) -> np.ndarray:
        """Run the layer over ``xs (T, D, B)`` (feature-major); return ``hs (T, H, B)``.

        The returned array is a view into the layer's buffers, valid until the
        next forward. ``h0``, ``c0`` are ``(B, H)`` initial states (zeros when
        None). ``h_offset`` / ``c_offset`` ``(T, B, H)`` are added to h_t / c_t
        right after they are computed; they exist so that ``dL/dh_t`` and
        ``dL/dc_t`` can be checked by finite differences, and are None otherwise.
        """
        T, D, B = xs.shape
        H = self.hidden_size
        self._T, self._B = T, B
        # hx[t] = [h_{t-1}; 1; x_t] (H + 1 + D, B): one matmul with [W_hh | b | W_ih]
        # gives every gate of step t, bias included
        hx = self.ws.get("hx", (T + 1, H + 1 + D, B))
        hx[0, :H] = 0 if h0 is None else h0.T
        hx[:, H] = 1
        np.copyto(hx[:T, H + 1 :], xs)
        hx[T, H + 1 :] = 0
        if self.has_cell_state:
            cs = self._cells()
            cs[0] = 0 if c0 is None else c0.T
        self._columns_fresh = False
        h_off = None if h_offset is None else h_offset.transpose(0, 2, 1)
        c_off = None if c_offset is None else c_offset.transpose(0, 2, 1)
        self._loop_forward(hx, h_off, c_off)
        return hx[1:, :H]

    def _fused_weights(self) -> np.ndarray:
        """``[W_hh | b_ih + b_hh | W_ih]`` in internal row order, tanh-trick scaled:
        ``(G*H, H + 1 + D)``."""
        p, H = self.p, self.hidden_size
        w = self.ws.get("w_fused", (self.num_blocks * H, H + 1 + self.input_size))
        for dst, src in self._runs:
            w[dst, :H] = p["weight_hh"][src]
            np.add(p["bias_ih"][src], p["bias_hh"][src], out=w[dst, H])
            w[dst, H + 1 :] = p["weight_ih"][src]
        if self.sigmoid:
            w *= self._row_scale
        return w

    def _recurrent_weights_t(self) -> np.ndarray:
        """``W_hh^T`` with columns in internal block order ``(H, G*H)``, for the backward
        loop (a transposed view: BLAS reads it without a copy)."""
        if self.order == tuple(range(self.num_blocks)):
            return self.p["weight_hh"].T  # already in internal order
        w = self.ws.get("w_hh", (self.num_blocks * self.hidden_size, self.hidden_size))
        for dst, src in self._runs:
            w[dst] = self.p["weight_hh"][src]
        return w.T

    def _flusher(self):
        """A function that sets every subnormal entry of an ``(H, B)`` array to zero, in
        place, for the backward loops to apply to dL/dh_{t-1} and dL/dc_{t-1}; None when
        the processor flushes them already (see ``subnormal``)."""
        if not subnormal.loop_flush_needed():
            return None
        H, B = self.hidden_size, self._B
        size = self.ws.get("flush_abs", (H, B))
        small = self.ws.get("flush_small", (H, B), np.bool_)
        tiny, zero = self._tiny, self._zero
        absolute, less, copyto = np.absolute, np.less, np.copyto

        def flush(x):
            absolute(x, size)
            less(size, tiny, small)
            copyto(x, zero, where=small)

        return flush

    # ---------------------------------------------------------------- backward
    def backward(
        self,
        dh_in: np.ndarray,
        grads: dict[str, np.ndarray],
        need_dx: bool = True,
        truncate: int = 0,
    ):
        """Backpropagate ``dL/dh_t (T, H, B)`` from above through time.

        Equations
        ---------
            dL/dh_t = (dL/dh_t from above) + carry(t + 1) * dL/dh_t through step t + 1
            dL/dc_t = (dL/dc_t through h_t)  + carry(t + 1) * dL/dc_t through step t + 1
            carry(t) = 0 at t = 0 and where t % k == 0 (k = ``truncate`` > 0), else 1

        ``truncate`` = k > 0 is truncated BPTT: the state passed forward from step
        k - 1 to step k (and 2k - 1 to 2k ...) is treated as a constant, as PyTorch's
        ``h = h.detach()`` every k steps does; 0 or k >= T is full BPTT. Writes the
        parameter gradients into ``grads`` (suffix -> array of the parameter's shape)
        and returns ``dL/dx_t`` as ``(T, D, B)``, or None. Subnormal numbers are
        flushed to zero on the way: by the processor when the caller runs this inside
        ``subnormal.flush_to_zero()`` (``SequenceModel`` does), else by the loops.
        """
        T, B, H, D = self._T, self._B, self.hidden_size, self.input_size
        dhs = self.ws.get("dhs", (T, H, B))
        np.copyto(dhs, dh_in)  # the recurrent part accumulates here
        blocks_x, blocks_h = self._loop_backward(dhs, cut_length(truncate, T))
        self.dh_total = dhs
        da_x = self._gather(blocks_x, "dax_t")  # (G*H, T*B), PyTorch block order
        da_h = da_x if blocks_h is blocks_x else self._gather(blocks_h, "dah_t")
        hx2 = self.columns()[:, :T].reshape(H + 1 + D, T * B)  # a view: no copy
        # column t*B + b of hx2 is [h_{t-1}; 1; x_t], so one matmul per weight sums
        # the outer products of every step and sequence
        np.matmul(da_h, hx2[:H].T, out=grads["weight_hh"])
        np.matmul(da_x, hx2[H + 1 :].T, out=grads["weight_ih"])
        ones = self.ws.ones(T * B)  # a matmul sums rows ~3x faster than np.sum
        np.matmul(da_x, ones, out=grads["bias_ih"])
        if da_h is da_x:
            np.copyto(grads["bias_hh"], grads["bias_ih"])
        else:
            np.matmul(da_h, ones, out=grads["bias_hh"])
        if not need_dx:
            return None
        dx = self.p["weight_ih"].T @ da_x  # (D, T*B)
        return dx.reshape(D, T, B).transpose(1, 0, 2)

    def columns(self) -> np.ndarray:
        """``hx`` of the last forward as ``(H + 1 + D, T + 1, B)``: column t*B + b is
        ``[h_{t-1}; 1; x_t]`` of sequence b. Copied once per forward and shared by the
        weight gradients and the model's head (``[:H, 1:]`` are the outputs h_t)."""
        T, B, H, D = self._T, self._B, self.hidden_size, self.input_size
        cols = self.ws.get("columns", (H + 1 + D, T + 1, B))
        if not self._columns_fresh:
            np.copyto(cols, self.ws.get("hx", (T + 1, H + 1 + D, B)).transpose(1, 0, 2))
            self._columns_fresh = True
        return cols

    def _gather(self, blocks, name: str) -> np.ndarray:
        """Stack per-gate gradients ``(T, H, B)`` (PyTorch order) into ``(G*H, T*B)``."""
        T, B, H, G = self._T, self._B, self.hidden_size, self.num_blocks
        out = self.ws.get(name, (G, H, T, B))
        for k, blk in enumerate(blocks):
            np.copyto(out[k], blk.transpose(1, 0, 2))
        return out.reshape(G * H, T * B)

    def _blocks(self, arr) -> list[np.ndarray]:
        """Views ``(T, H, B)`` of an internal ``(T, G*H, B)`` array, in PyTorch block order."""
        T, B, H, G = self._T, self._B, self.hidden_size, self.num_blocks
        arr4 = arr.reshape(T, G, H, B)
        where = {k: j for j, k in enumerate(self.order)}
        return [arr4[:, where[k]] for k in range(G)]

    # ---------------------------------------------------------------- inspection
    def _state(self, name: str) -> np.ndarray:
        T, B, H = self._T, self._B, self.hidden_size
        return self.ws.get(name, (T + 1, H, B))

    def hidden(self) -> np.ndarray:
        """``(T + 1, H, B)`` view: h_{-1} (the initial state) .. h_{T-1}."""
        T, B, H = self._T, self._B, self.hidden_size
        return self.ws.get("hx", (T + 1, H + 1 + self.input_size, B))[:, :H]

    def _acts(self) -> np.ndarray:
        """Gate activations of the last forward, ``(T, G, H, B)`` in internal order."""
        T, B, H, G = self._T, self._B, self.hidden_size, self.num_blocks
        return self.ws.get("acts", (T, G, H, B))

    def _cells(self) -> np.ndarray:
        """Cell states ``(T + 1, H, B)``: c_{-1} (the initial state) .. c_{T-1}."""
        return self._state("cs")

    def final_state(self) -> tuple[np.ndarray, np.ndarray | None]:
        h = self.hidden()[self._T].T.copy()
        c = self._cells()[self._T].T.copy() if self.has_cell_state else None
        return h, c

    def trace(self) -> dict[str, np.ndarray]:
        """Copies of every gate and state of the last forward pass, each ``(T, B, H)``."""
        out = {
            k: np.ascontiguousarray(v.transpose(0, 2, 1)) for k, v in self._gate_arrays().items()
        }
        if self.has_cell_state:
            out["c"] = np.ascontiguousarray(self._cells()[1:].transpose(0, 2, 1))
        out["h"] = np.ascontiguousarray(self.hidden()[1:].transpose(0, 2, 1))
        return out

    def _gate_arrays(self) -> dict[str, np.ndarray]:
        """Gate activations ``(T, H, B)`` by name."""
        return dict(zip(self.gates, self._blocks(self._acts()), strict=True))

    def _loop_forward(self, hx, h_off, c_off) -> None:
        raise NotImplementedError

    def _loop_backward(self, dhs, cut: int):
        """Return the pre-activation gradients per PyTorch block, ``(T, H, B)`` each:
        for the ``W_ih x + b_ih`` part and for the ``W_hh h + b_hh`` part (the
        same list object when they coincide). ``cut`` = k > 0: no gradient passes
        from step t back to t - 1 where t % k == 0 (truncated BPTT; see ``backward``)."""
        raise NotImplementedError


# ============================================================================ RNN
class RNNLayer(RecurrentLayer):
    """Elman RNN with tanh.

    Equations
    ---------
        a_t = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
        h_t = tanh(a_t)

    Shapes: x_t (B, D), h_prev (B, H) -> h_t (B, H); weight_ih (H, D), weight_hh (H, H).
    """

    name = "rnn"
    gates = ("a",)
    order = (0,)

    def _loop_forward(self, hx, h_off, c_off):
        T, B, H = self._T, self._B, self.hidden_size
        w = self._fused_weights()
        acts = self._acts().reshape(T, H, B)
        # a_t is kept: the RNN's "gate" panel shows the pre-activation
        steps = self.ws.views("fwd", lambda: [(acts[t], hx[t], hx[t + 1, :H]) for t in range(T)])
        matmul, tanh = np.matmul, np.tanh
        for t, (a, hx_t, h) in enumerate(steps):
            matmul(w, hx_t, a)
            tanh(a, h)
            if h_off is not None:
                h += h_off[t]
        self._offsets_used = h_off is not None

    def _loop_backward(self, dhs, cut):
        T, B, H = self._T, self._B, self.hidden_size
        k = self.ws.get("k", (T, H, B))  # tanh'(a_t) = 1 - h_t^2, all t at once
        if self._offsets_used:  # then h_t != tanh(a_t)
            np.tanh(self._acts().reshape(T, H, B), out=k)
            np.multiply(k, k, out=k)
        else:
            hs = self.hidden()[1:]
            np.multiply(hs, hs, out=k)
        np.subtract(self._one, k, out=k)
        da = self.ws.get("da", (T, H, B))
        w_t = self._recurrent_weights_t()
        tmp = self.ws.get("tmph", (H, B))
        # no dh_prev at t = 0 and at the cuts: the loop does no extra work for them
        steps = self.ws.views(
            f"bwd{cut}",
            lambda: [
                (dhs[t], k[t], da[t], dhs[t - 1] if _carries(t, cut) else None)
                for t in range(T - 1, -1, -1)
            ],
        )
        flush = self._flusher()
        matmul, multiply, add = np.matmul, np.multiply, np.add
        for dh, k_t, da_t, dh_prev in steps:
            multiply(dh, k_t, da_t)
            if dh_prev is not None:
                matmul(w_t, da_t, tmp)
                add(dh_prev, tmp, dh_prev)
                if flush is not None:
                    flush(dh_prev)
        blocks = [da]
        return blocks, blocks


# ============================================================================ LSTM
class _LSTMFamily(RecurrentLayer):
    """What lstm, peephole and cifg share: the cell state and the backward loop."""

    has_cell_state = True

    def _local_derivatives(self):
        """k (T, 4, H, B): d pre-activation per unit of dh (o) or of dc (i, f, g);
        koc (T, H, B) = o (1 - tanh(c)^2); and f (T, H, B)."""
        T, B, H = self._T, self._B, self.hidden_size
        acts = self._acts()
        o, i, f, g = acts[:, 0], acts[:, 1], acts[:, 2], acts[:, 3]
        cs, tc = self._cells(), self.ws.get("tcs", (T, H, B))
        k = self.ws.get("k", (T, 4, H, B))
        koc = self.ws.get("koc", (T, H, B))
        multiply, subtract = np.multiply, np.subtract
        one = self._one  # a 0-d array: an int costs a conversion per call
        for sl in _chunks(T, 4 * H * B):
            s, ks = acts[sl, :3], k[sl, :3]
            subtract(one, s, ks)
            multiply(ks, s, ks)  # sigmoid' = s (1 - s) for o, i, f
            multiply(ks[:, 0], tc[sl], ks[:, 0])  # da_o = dh tanh(c) o'
            multiply(ks[:, 1], g[sl], ks[:, 1])  # da_i = dc g i'
            multiply(ks[:, 2], cs[sl], ks[:, 2])  # da_f = dc c_prev f'
            kg, gs = k[sl, 3], g[sl]
            multiply(gs, gs, kg)
            subtract(one, kg, kg)
            multiply(kg, i[sl], kg)  # da_g = dc i (1 - g^2)
            kc, tcs = koc[sl], tc[sl]
            multiply(tcs, tcs, kc)
            subtract(one, kc, kc)
            multiply(kc, o[sl], kc)  # dc += dh o (1 - tanh(c)^2)
        return k, koc, f

    def _loop_backward(self, dhs, cut):
        k, koc, f = self._local_derivatives()
        return self._backward_gated(dhs, k, koc, f, cut)

    def _gated_steps(self, dhs, dcs, k, koc, f, da, cut: int) -> list[tuple]:
        """The per-step views of the backward loop, last step first (cached per ``cut``):
        dh_prev and dc_prev are None where nothing passes back (t = 0 and the cuts)."""
        T, B, GH = self._T, self._B, self.num_blocks * self.hidden_size

        def step(t):
            back = _carries(t, cut)
            # fmt: off
            return (dhs[t], dcs[t], koc[t], k[t, 1:], da[t, 1:], k[t, 0], da[t, 0],
                    da[t].reshape(GH, B), f[t],
                    dhs[t - 1] if back else None, dcs[t - 1] if back else None)
            # fmt: on

        return self.ws.views(f"bwd{cut}", lambda: [step(t) for t in range(T - 1, -1, -1)])

    def _cell_gradients(self, cut: int) -> np.ndarray:
        """``dcs (T, H, B)`` ready for a backward loop: zero in the rows no later step
        writes (t = T - 1 and, with truncation, the step before each cut), since the
        loops write dc_{t-1} by assignment and would otherwise leave the last call's."""
        T, B, H = self._T, self._B, self.hidden_size
        dcs = self.ws.get("dcs", (T, H, B))
        dcs[T - 1].fill(0)
        if cut:
            dcs[cut - 1 :: cut].fill(0)
        return dcs

    def _backward_gated(self, dhs, k, koc, f, cut):
        """The backward loop shared by lstm and cifg: internal block 0 is o (driven
        by dh), blocks 1.. are driven by dc, and dc_{t-1} = dc_t * f_t."""
        T, B, H, G = self._T, self._B, self.hidden_size, self.num_blocks
        dcs = self._cell_gradients(cut)
        da = self.ws.get("da", (T, G, H, B))
        tmp = self.ws.get("tmph", (H, B))
        w_t = self._recurrent_weights_t()  # (H, G*H)
        steps = self._gated_steps(dhs, dcs, k, koc, f, da, cut)
        flush = self._flusher()
        matmul, multiply, add = np.matmul, np.multiply, np.add
        for dh, dc, koc_t, k_c, da_c, k_o, da_o, da_t, f_t, dh_prev, dc_prev in steps:
            multiply(dh, koc_t, tmp)
            add(dc, tmp, dc)  # dc held the part from c_{t+1}; now all of dL/dc_t
            multiply(dc, k_c, da_c)
            multiply(dh, k_o, da_o)
            if dh_prev is not None:
                matmul(w_t, da_t, tmp)
                add(dh_prev, tmp, dh_prev)
                multiply(dc, f_t, dc_prev)
                if flush is not None:
                    flush(dh_prev)
                    flush(dc_prev)
        self.dc_total = dcs
        blocks = self._blocks(da)
        return blocks, blocks


class LSTMLayer(_LSTMFamily):
    """Long short-term memory (Hochreiter and Schmidhuber 1997, with a forget gate).

    Equations
    ---------
        i_t = sigmoid(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)
        f_t = sigmoid(W_if x_t + b_if + W_hf h_{t-1} + b_hf)
        g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)
        o_t = sigmoid(W_io x_t + b_io + W_ho h_{t-1} + b_ho)
        c_t = f_t * c_{t-1} + i_t * g_t
        h_t = o_t * tanh(c_t)

    Shapes: x_t (B, D), h_prev, c_prev (B, H) -> h_t, c_t (B, H); weight_ih
    (4H, D), weight_hh (4H, H), biases (4H,), blocks i, f, g, o (PyTorch's order).
    """

    name = "lstm"
    gates = ("i", "f", "g", "o")
    order = (3, 0, 1, 2)  # internal o, i, f, g
    sigmoid = (0, 1, 2)

    def _slab(self) -> np.ndarray:
        """``(T + 1, 5, H, B)``: per step the gates o, i, f, g and then c_{t-1}, so that
        [i, f] * [g, c_{t-1}] is one multiply and c_t one add of its halves."""
        return self.ws.get("slab", (self._T + 1, 5, self.hidden_size, self._B))

    def _acts(self):
        return self._slab()[: self._T, :4]

    def _cells(self):
        return self._slab()[:, 4]

    def _slab_steps(self, hx) -> list[tuple]:
        """Per-step views of the forward loop (cached), shared with the peephole LSTM:
        (gates (4H, B), hx_t, [o, i, f] (3H, B), [i, f] (2, H, B), [i, f, g] (3H, B),
        o, [g, c_{t-1}] (2, H, B), c_{t-1}, c_t, tanh(c_t), h_t)."""
        T, B, H = self._T, self._B, self.hidden_size
        slab = self._slab()
        tcs = self.ws.get("tcs", (T, H, B))  # tanh(c_t), reused by backward

        def step(t):
            s = slab[t]
            a = s[:4].reshape(4 * H, B)
            # fmt: off
            return (a, hx[t], a[: 3 * H], s[1:3], a[H:], s[0], s[3:5], s[4], slab[t + 1, 4],
                    tcs[t], hx[t + 1, :H])
            # fmt: on

        return self.ws.views("fwd", lambda: [step(t) for t in range(T)])

    def _loop_forward(self, hx, h_off, c_off):
        H, B = self.hidden_size, self._B
        prod = self.ws.get("prod", (2, H, B))
        w = self._fused_weights()
        steps = self._slab_steps(hx)
        p_ig, p_fc = prod[0], prod[1]
        matmul, add, multiply, tanh = np.matmul, np.add, np.multiply, np.tanh
        half = self._half  # a 0-d array: a Python float costs ~0.2 us a call
        for t, (a, hx_t, sig, i_f, _, o, g_c, _, c, tc, h) in enumerate(steps):
            matmul(w, hx_t, a)
            tanh(a, a)
            multiply(sig, half, sig)
            add(sig, half, sig)  # a now holds o, i, f, g
            multiply(i_f, g_c, prod)  # [i g, f c_{t-1}]
            add(p_ig, p_fc, c)
            if c_off is not None:
                c += c_off[t]
            tanh(c, tc)
            multiply(o, tc, h)
            if h_off is not None:
                h += h_off[t]


# ============================================================================ peephole LSTM
class PeepholeLSTMLayer(LSTMLayer):
    """LSTM with peephole connections (Gers and Schmidhuber 2000).

    Equations
    ---------
        i_t = sigmoid(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi + w_ci * c_{t-1})
        f_t = sigmoid(W_if x_t + b_if + W_hf h_{t-1} + b_hf + w_cf * c_{t-1})
        g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)
        c_t = f_t * c_{t-1} + i_t * g_t
        o_t = sigmoid(W_io x_t + b_io + W_ho h_{t-1} + b_ho + w_co * c_t)
        h_t = o_t * tanh(c_t)

    Shapes: as ``lstm`` plus ``weight_ch (3H,)``: the per-unit peephole vectors
    w_ci, w_cf, w_co, in that order (i, f, o).
    """

    name = "peephole"

    def _peepholes(self, scale: float, name: str):
        """Peephole vectors repeated over the batch: (2, H, B) for i, f and (H, B) for o
        (a full array: broadcasting an (H, 1) column costs a loop per row)."""
        B, H = self._B, self.hidden_size
        wc = self.p["weight_ch"].reshape(3, H, 1) * scale
        w_if = self.ws.get(name + "_if", (2, H, B))
        w_o = self.ws.get(name + "_o", (H, B))
        w_if[...] = wc[:2]
        w_o[...] = wc[2]
        return w_if, w_o

    def _loop_forward(self, hx, h_off, c_off):
        B, H = self._B, self.hidden_size
        w_if, w_o = self._peepholes(0.5, "wc_half")
        pc = self.ws.get("pc", (2, H, B))
        prod = self.ws.get("prod", (2, H, B))
        w = self._fused_weights()
        steps = self._slab_steps(hx)  # as lstm: o, i, f, g, c_{t-1} per step
        p_ig, p_fc = prod[0], prod[1]
        matmul, add, multiply, tanh = np.matmul, np.add, np.multiply, np.tanh
        half = self._half  # a 0-d array: a Python float costs ~0.2 us a call
        for t, (a, hx_t, _, a_if, a_ifg, o, g_c, c_prev, c, tc, h) in enumerate(steps):
            matmul(w, hx_t, a)
            multiply(c_prev, w_if, pc)  # i and f see c_{t-1}
            add(a_if, pc, a_if)
            tanh(a_ifg, a_ifg)
            multiply(a_if, half, a_if)
            add(a_if, half, a_if)
            multiply(a_if, g_c, prod)  # [i g, f c_{t-1}]
            add(p_ig, p_fc, c)
            if c_off is not None:
                c += c_off[t]
            multiply(c, w_o, p_ig)  # o sees c_t
            add(o, p_ig, o)
            tanh(o, o)
            multiply(o, half, o)
            add(o, half, o)
            tanh(c, tc)
            multiply(o, tc, h)
            if h_off is not None:
                h += h_off[t]

    def _loop_backward(self, dhs, cut):
        T, B, H = self._T, self._B, self.hidden_size
        k, koc, f = self._local_derivatives()
        w_if, w_o = self._peepholes(1.0, "wc")
        dcs = self._cell_gradients(cut)
        da = self.ws.get("da", (T, 4, H, B))
        tmp = self.ws.get("tmph", (H, B))
        tmp2 = self.ws.get("tmp2", (2, H, B))
        w_t = self._recurrent_weights_t()
        steps = self._gated_steps(dhs, dcs, k, koc, f, da, cut)
        flush = self._flusher()
        matmul, multiply, add = np.matmul, np.multiply, np.add
        for dh, dc, koc_t, k_c, da_c, k_o, da_o, da_t, f_t, dh_prev, dc_prev in steps:
            multiply(dh, k_o, da_o)
            multiply(dh, koc_t, tmp)
            add(dc, tmp, dc)
            multiply(da_o, w_o, tmp)  # c_t -> o_t peephole
            add(dc, tmp, dc)
            multiply(dc, k_c, da_c)
            if dh_prev is not None:
                matmul(w_t, da_t, tmp)
                add(dh_prev, tmp, dh_prev)
                multiply(dc, f_t, dc_prev)
                multiply(da_c[:2], w_if, tmp2)  # c_{t-1} -> i_t, f_t peepholes
                add(dc_prev, tmp2[0], dc_prev)
                add(dc_prev, tmp2[1], dc_prev)
                if flush is not None:
                    flush(dh_prev)
                    flush(dc_prev)
        self.dc_total = dcs
        blocks = self._blocks(da)
        return blocks, blocks

    def backward(self, dh_in, grads, need_dx=True, truncate=0):
        dx = super().backward(dh_in, grads, need_dx, truncate)
        T, B, H = self._T, self._B, self.hidden_size
        da = self.ws.get("da", (T, 4, H, B))
        cs = self._cells()
        dwc = grads["weight_ch"].reshape(3, H)
        np.einsum("thb,thb->h", da[:, 1], cs[:-1], out=dwc[0])  # w_ci
        np.einsum("thb,thb->h", da[:, 2], cs[:-1], out=dwc[1])  # w_cf
        np.einsum("thb,thb->h", da[:, 0], cs[1:], out=dwc[2])  # w_co
        return dx


# ============================================================================ CIFG LSTM
class CIFGLayer(_LSTMFamily):
    """LSTM with coupled input and forget gates (CIFG, as in Greff et al. 2017).

    Equations
    ---------
        f_t = sigmoid(W_if x_t + b_if + W_hf h_{t-1} + b_hf)
        i_t = 1 - f_t
        g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)
        o_t = sigmoid(W_io x_t + b_io + W_ho h_{t-1} + b_ho)
        c_t = f_t * c_{t-1} + (1 - f_t) * g_t
        h_t = o_t * tanh(c_t)

    Shapes: as ``lstm`` without the input-gate rows: weight_ih (3H, D),
    weight_hh (3H, H), biases (3H,), blocks f, g, o.
    """

    name = "cifg"
    gates = ("f", "g", "o")
    order = (2, 0, 1)  # internal o, f, g
    sigmoid = (0, 1)

    def _loop_forward(self, hx, h_off, c_off):
        T, B, H = self._T, self._B, self.hidden_size
        acts = self._acts()
        cs = self._cells()
        tcs = self.ws.get("tcs", (T, H, B))
        w = self._fused_weights()

        def build():
            out = []
            for t in range(T):
                a = acts[t]
                a2 = a.reshape(3 * H, B)
                # fmt: off
                out.append((a2, hx[t], a2[: 2 * H], a[0], a[1], a[2], cs[t], cs[t + 1], tcs[t],
                            hx[t + 1, :H]))
                # fmt: on
            return out

        steps = self.ws.views("fwd", build)
        matmul, add, multiply, subtract, tanh = np.matmul, np.add, np.multiply, np.subtract, np.tanh
        half = self._half  # a 0-d array: a Python float costs ~0.2 us a call
        for t, (a, hx_t, sig, o, f, g, c_prev, c, tc, h) in enumerate(steps):
            matmul(w, hx_t, a)
            tanh(a, a)
            multiply(sig, half, sig)
            add(sig, half, sig)  # a now holds o, f, g
            subtract(c_prev, g, c)  # c_t = g + f (c_prev - g)
            multiply(c, f, c)
            add(c, g, c)
            if c_off is not None:
                c += c_off[t]
            tanh(c, tc)
            multiply(o, tc, h)
            if h_off is not None:
                h += h_off[t]

    def _loop_backward(self, dhs, cut):
        T, B, H = self._T, self._B, self.hidden_size
        acts = self._acts()
        o, f, g = acts[:, 0], acts[:, 1], acts[:, 2]
        cs, tc = self._cells(), self.ws.get("tcs", (T, H, B))
        k = self.ws.get("k", (T, 3, H, B))
        koc = self.ws.get("koc", (T, H, B))
        u = self.ws.get("u", (T, H, B))
        multiply, subtract = np.multiply, np.subtract
        one = self._one  # a 0-d array: an int costs a conversion per call
        for sl in _chunks(T, 3 * H * B):
            s, ks = acts[sl, :2], k[sl, :2]
            subtract(one, s, ks)
            multiply(ks, s, ks)  # o', f'
            multiply(ks[:, 0], tc[sl], ks[:, 0])  # da_o = dh tanh(c) o'
            kg, gs = k[sl, 2], g[sl]
            subtract(cs[sl], gs, kg)
            multiply(ks[:, 1], kg, ks[:, 1])  # da_f = dc (c_prev - g) f'
            multiply(gs, gs, kg)
            subtract(one, kg, kg)
            us = u[sl]
            subtract(one, f[sl], us)
            multiply(kg, us, kg)  # da_g = dc (1 - f) (1 - g^2)
            kc, tcs = koc[sl], tc[sl]
            multiply(tcs, tcs, kc)
            subtract(one, kc, kc)
            multiply(kc, o[sl], kc)
        return self._backward_gated(dhs, k, koc, f, cut)

    def _gate_arrays(self):
        gates = super()._gate_arrays()
        return {"i": 1 - gates["f"], **gates}


# ============================================================================ GRU
class GRULayer(RecurrentLayer):
    """Gated recurrent unit in PyTorch's form (ONNX ``linear_before_reset=1``).

    Equations
    ---------
        r_t = sigmoid(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
        z_t = sigmoid(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
        n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_{t-1} + b_hn))
        h_t = (1 - z_t) * n_t + z_t * h_{t-1}

    Here z is the share of the *old* state that is kept. Tutorials that write
    ``h_t = (1 - z) h_{t-1} + z h~_t`` use the opposite z (negate the z rows and
    biases to convert). Shapes: weight_ih (3H, D), weight_hh (3H, H), biases
    (3H,), blocks r, z, n.
    """

    name = "gru"
    gates = ("r", "z", "n")
    order = (0, 1, 2)
    sigmoid = (0, 1)

    def _loop_forward(self, hx, h_off, c_off):
        T, B, H = self._T, self._B, self.hidden_size
        H2 = 2 * H
        p = self.p
        # One matmul per step with hx_t = [h_{t-1}; 1; x_t] gives r and z whole and
        # W_hn h + b_hn; n's input part W_in x + b_in must stay apart (r multiplies
        # only the hidden part), so it is one stacked matmul over all T first.
        w = self.ws.get("w_fused", (3 * H, H + 1 + self.input_size))
        w[:, :H] = p["weight_hh"]
        w[:H2, H] = p["bias_ih"][:H2] + p["bias_hh"][:H2]
        w[H2:, H] = p["bias_hh"][H2:]
        w[:H2, H + 1 :] = p["weight_ih"][:H2]
        w[H2:, H + 1 :] = 0
        w *= self._row_scale  # r and z halved for the tanh trick
        w_xn = self.ws.get("w_xn", (H, 1 + self.input_size))  # [b_in | W_in] @ [1; x_t]
        w_xn[:, 0] = p["bias_ih"][H2:]
        w_xn[:, 1:] = p["weight_ih"][H2:]
        xn = self.ws.get("xn", (T, H, B))
        np.matmul(w_xn, hx[:T, H:], out=xn)
        acts = self._acts()  # r, z, n
        hh = self.ws.get("hh", (T, 3 * H, B))  # [a_r / 2, a_z / 2, W_hn h_{t-1} + b_hn]

        def build():
            out = []
            for t in range(T):
                a, hp = acts[t], hh[t]
                # fmt: off
                out.append((hp, hx[t], hx[t, :H], hp[:H2], a[:2].reshape(H2, B), a[0], a[1],
                            a[2], hp[H2:], xn[t], hx[t + 1, :H]))
                # fmt: on
            return out

        steps = self.ws.views("fwd", build)
        matmul, add, multiply, subtract, tanh = np.matmul, np.add, np.multiply, np.subtract, np.tanh
        half = self._half  # a 0-d array: a Python float costs ~0.2 us a call
        for t, (hp, hx_t, h_prev, a_rz, rz, r, z, n, hn, x_n, h) in enumerate(steps):
            matmul(w, hx_t, hp)
            tanh(a_rz, rz)
            multiply(rz, half, rz)
            add(rz, half, rz)
            multiply(r, hn, n)
            add(n, x_n, n)
            tanh(n, n)
            subtract(h_prev, n, h)  # h_t = n + z (h_prev - n)
            multiply(h, z, h)
            add(h, n, h)
            if h_off is not None:
                h += h_off[t]

    def _loop_backward(self, dhs, cut):
        T, B, H = self._T, self._B, self.hidden_size
        acts = self._acts()
        r, z, n = acts[:, 0], acts[:, 1], acts[:, 2]
        hs = self.hidden()
        hn = self.ws.get("hh", (T, 3 * H, B)).reshape(T, 3, H, B)[:, 2]
        # k holds, per step, [r, k_r, k_z, k_n]: da_n times [r, k_r] gives [da_hn, da_r]
        # and dh times [k_z, k_n] gives [da_z, da_n], one multiply each
        k = self.ws.get("k", (T, 4, H, B))
        u = self.ws.get("u", (T, H, B))
        multiply, subtract = np.multiply, np.subtract
        one = self._one  # a 0-d array: an int costs a conversion per call
        for sl in _chunks(T, 4 * H * B):
            s, ks = acts[sl, :2], k[sl, 1:3]
            np.copyto(k[sl, 0], r[sl])
            subtract(one, s, ks)
            multiply(ks, s, ks)  # r', z'
            multiply(ks[:, 0], hn[sl], ks[:, 0])  # k_r = hn r'
            subtract(hs[sl], n[sl], u[sl])
            multiply(ks[:, 1], u[sl], ks[:, 1])  # k_z = (h_prev - n) z'
            kn, ns = k[sl, 3], n[sl]
            multiply(ns, ns, kn)
            subtract(one, kn, kn)
            subtract(one, z[sl], u[sl])
            multiply(kn, u[sl], kn)  # k_n = (1 - z) (1 - n^2)
        # d holds, per step, [da_hn, da_r, da_z, da_n]: the first three are the
        # hidden-side gradients in one block for the recurrent matmul (W_hh rows
        # taken in the order n, r, z)
        d = self.ws.get("d", (T, 4, H, B))
        tmp = self.ws.get("tmph", (H, B))
        wh = self.p["weight_hh"]
        w_t = np.ascontiguousarray(np.concatenate([wh[2 * H :], wh[: 2 * H]]).T)  # (H, 3H)

        def step(t):
            # fmt: off
            return (dhs[t], k[t, 2:], d[t, 2:], d[t, 3], k[t, :2], d[t, :2],
                    d[t, :3].reshape(3 * H, B), z[t], dhs[t - 1] if _carries(t, cut) else None)
            # fmt: on

        steps = self.ws.views(f"bwd{cut}", lambda: [step(t) for t in range(T - 1, -1, -1)])
        flush = self._flusher()
        matmul, multiply, add = np.matmul, np.multiply, np.add
        for dh, k_zn, d_zn, d_n, k_rr, d_hr, d_h, z_t, dh_prev in steps:
            multiply(dh, k_zn, d_zn)  # da_z, da_n
            multiply(d_n, k_rr, d_hr)  # da_hn = da_n r (W_hn h passes through r), da_r
            if dh_prev is not None:
                matmul(w_t, d_h, tmp)
                add(dh_prev, tmp, dh_prev)
                multiply(dh, z_t, tmp)
                add(dh_prev, tmp, dh_prev)
                if flush is not None:
                    flush(dh_prev)
        return [d[:, 1], d[:, 2], d[:, 3]], [d[:, 1], d[:, 2], d[:, 0]]
