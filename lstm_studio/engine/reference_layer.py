"""``ReferenceLayer``: any registered cell run over a sequence by its reference step.

Exact and slow: one call of the spec's readable ``step`` per timestep forward and of
its ``step_backward`` per timestep back (backpropagation through time written the way
the tutorials write it). It is what a cell registered with only a spec trains
through, and the yardstick the fast layers of ``cells.py`` are tested against.

It offers the fast layers' interface (see ``cells.RecurrentLayer``): feature-major
``xs (T, D, B)`` in, ``hs (T, H, B)`` out, ``columns()``, ``trace()``, ``backward``
writing the parameter gradients and leaving ``dh_total`` / ``dc_total``.
"""

from __future__ import annotations

import numpy as np

from .cells import cut_length


class ReferenceLayer:
    """One layer of the cell ``spec`` (a ``registry.CellSpec``), stepped by its reference step."""

    def __init__(self, spec, input_size: int, hidden_size: int, dtype) -> None:
        self.spec = spec
        self.name = spec.name
        self.gates = spec.blocks
        self.has_cell_state = spec.has_cell_state
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.dtype = np.dtype(dtype)
        self.p: dict[str, np.ndarray] = {}
        self.dh_total: np.ndarray | None = None  # (T, H, B) after backward
        self.dc_total: np.ndarray | None = None
        self._steps: list[tuple] = []  # per t: (x, h_prev, c_prev, q)

    @property
    def num_blocks(self) -> int:
        return self.spec.num_blocks

    def forward(self, xs, h0=None, c0=None, h_offset=None, c_offset=None) -> np.ndarray:
        if c_offset is not None:
            # an offset on c_t changes h_t within the same step, inside the readable step
            raise NotImplementedError("the reference layer takes no offset on c_t")
        T, D, B = xs.shape
        H = self.hidden_size
        h = np.zeros((B, H), self.dtype) if h0 is None else np.asarray(h0, self.dtype)
        c = None
        if self.has_cell_state:
            c = np.zeros((B, H), self.dtype) if c0 is None else np.asarray(c0, self.dtype)
        self._steps = []
        for t in range(T):
            x = np.ascontiguousarray(xs[t].T)  # (B, D)
            q = self.spec.step(self.p, x, h, c)
            q = {k: np.asarray(v, self.dtype) for k, v in q.items()}
            h_new, c_new = q["h"], q.get("c")
            if h_offset is not None:
                h_new = q["h"] = h_new + h_offset[t]
            self._steps.append((x, h, c, q))
            h, c = h_new, c_new
        self._T, self._B = T, B
        return self.hidden()[1:]

    def hidden(self) -> np.ndarray:
        """``(T + 1, H, B)``: h_{-1} .. h_{T-1}."""
        first = self._steps[0][1]
        return np.stack([first.T] + [s[3]["h"].T for s in self._steps])

    def columns(self) -> np.ndarray:
        """``(H + 1 + D, T + 1, B)``: column t of ``[h_{t-1}; 1; x_t]`` (x is 0 past T)."""
        T, B, H, D = self._T, self._B, self.hidden_size, self.input_size
        cols = np.zeros((H + 1 + D, T + 1, B), self.dtype)
        cols[:H] = self.hidden().transpose(1, 0, 2)
        cols[H] = 1
        for t, (x, *_rest) in enumerate(self._steps):
            cols[H + 1 :, t] = x.T
        return cols

    def final_state(self):
        q = self._steps[-1][3]
        return q["h"].copy(), (q["c"].copy() if self.has_cell_state else None)

    def trace(self) -> dict[str, np.ndarray]:
        """Every gate and state of the last forward pass, each ``(T, B, H)``."""
        return {
            name: np.stack([s[3][name] for s in self._steps]).astype(self.dtype)
            for name in self.spec.trace_names
        }

    def backward(
        self,
        dh_in: np.ndarray,
        grads: dict[str, np.ndarray],
        need_dx: bool = True,
        truncate: int = 0,
    ):
        """BPTT with the reference backward step.

        Equations
        ---------
            dh_t = dh_in[t] + dh_next,  (dh_prev, dc_prev, grads_t) = step_backward(dh_t, dc_next)
            dh_next, dc_next = dh_prev, dc_prev      (passed on to step t - 1)
            dh_next, dc_next = 0, 0                  instead, where t % k == 0 (k = truncate > 0)

        ``dh_in (T, H, B)`` from above; ``truncate`` = k > 0 cuts the gradient between
        steps t - 1 and t at every t = k, 2k, ... (truncated BPTT, PyTorch's
        ``h = h.detach()`` every k steps); 0 or k >= T is full BPTT. Writes the
        parameter gradients into ``grads``, returns ``dL/dx_t (T, D, B)`` or None."""
        T, B, H = self._T, self._B, self.hidden_size
        cut = cut_length(truncate, T)
        for g in grads.values():
            g.fill(0)
        dhs = np.zeros((T, H, B), self.dtype)
        dcs = np.zeros((T, H, B), self.dtype) if self.has_cell_state else None
        dxs = np.zeros((T, self.input_size, B), self.dtype)
        dh_next = np.zeros((B, H), self.dtype)
        dc_next = np.zeros((B, H), self.dtype) if self.has_cell_state else None
        for t in range(T - 1, -1, -1):
            x, h_prev, c_prev, q = self._steps[t]
            dh = dh_in[t].T + dh_next  # from above and from step t + 1
            d = self.spec.step_backward(self.p, x, h_prev, c_prev, q, dh, dc_next)
            for suffix, g in d["grads"].items():
                grads[suffix] += g
            dhs[t] = dh.T
            if dcs is not None:
                dcs[t] = d["dc"].T
            dxs[t] = d["dx"].T
            dh_next, dc_next = d["dh_prev"], d["dc_prev"]
            if cut and t % cut == 0:  # a chunk's first step: its state came in as a constant
                dh_next = np.zeros_like(dh_next)
                dc_next = None if dc_next is None else np.zeros_like(dc_next)
        self.dh_total, self.dc_total = dhs, dcs
        return dxs if need_dx else None
