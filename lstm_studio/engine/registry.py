"""The cell registry: the one description of each cell that everything else asks.

    from lstm_studio.engine import CELLS, cell_spec
    spec = cell_spec("lstm")
    spec.blocks                     # ("i", "f", "g", "o"): weight row blocks, PyTorch's order
    spec.gates, spec.states         # what a trace holds per layer: gates, then c, h
    spec.param_shapes(D, H)         # {"weight_ih": (4H, D), ...}
    spec.parameter_count(D, H, O, L)
    spec.equations                  # Quantity records the Equations panel typesets
    spec.step, spec.step_backward   # the readable reference step (``reference.py``)

A spec holds its gates in PyTorch's block order with their activation, whether it has
a cell state, its parameter names and shapes as functions of (D, H), its equations as
data (markup, the quantities each reads, a template for the numbers), English prose
the window translates under the context ``cells``, its ONNX mapping and its reference
step. The Equations panel, the cell diagram, the gates, states and timestep panels,
the setup form, the race and the sweep, the parameter counts and the ONNX export read
it; none keeps its own copy.

A cell registered with only a spec (``layer=None``) trains through ``ReferenceLayer``
(``reference_layer.py``): the reference step run over the sequence, exact and slow.

Only NumPy is imported here (through ``reference``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from . import reference as ref

#: activation of each kind of quantity, and the colour scale it is drawn on
SIGMOID, TANH, WIDE = "sigmoid", "tanh", "wide"


@dataclass(frozen=True)
class Quantity:
    """One named quantity of a cell's step: a gate, a state, a product or a sum.

    ``key`` is its name in the reference step's output (and, for gates and states, in a
    trace). ``lhs = rhs`` is its equation in the equations' markup (``_t`` subscripts,
    ``_{t−1}``, ``⊙``); ``numbers`` the same right side with the step's values put in, as
    a ``str.format`` template over other quantities' keys (``{f}`` is written as an
    operand, in parentheses when negative; ``{f:v}`` as a bare value); for a gate it is
    its activation around its pre-activation key. ``title`` labels its heatmap,
    ``description`` says in words what it is (both English, translated by the window).

    A backward quantity (``CellSpec.backward``) is written the same way: its key is the
    probe's (``dh``, ``dc``, ``da_f``, ``dh_prev`` ...), its template reads forward and
    backward keys alike (no forward key starts with ``d``).
    """

    key: str
    lhs: str
    rhs: str
    numbers: str = ""
    title: str = ""
    description: str = ""
    scale: str = WIDE
    activation: str = ""  # "σ" or "tanh" for a gate computed from a pre-activation
    preactivation: str = ""  # the key of that pre-activation (``a_f``)
    # the pre-activation split into its terms: markup ("W·x + W·h + b") and a template
    # over the reference step's keys ("{Wx_f} + {Wh_f} + {b_f}")
    split: str = ""
    terms: str = ""
    # a backward quantity that is not one of the probe's arrays: how to compute it from
    # the others (scalars or arrays, by key)
    derive: Callable | None = field(default=None, compare=False)


@dataclass(frozen=True)
class OnnxMapping:
    """How the cell's weights map onto an ONNX recurrent operator.

    ``slots``: per ONNX gate slot, (engine block, sign); ``attributes`` of the node;
    ``peephole_order``: the engine's ``weight_ch`` blocks per slot of ONNX's ``P``;
    ``summary``: the equations in one line, for the model's doc string.
    """

    op: str
    slots: tuple[tuple[int, int], ...]
    summary: str
    attributes: tuple[tuple[str, int], ...] = ()
    peephole_order: tuple[int, ...] | None = None


@dataclass(frozen=True)
class CellSpec:
    """Everything about one cell type (see the module docstring)."""

    name: str
    title: str  # "LSTM with peephole connections" (the Equations panel's heading)
    label: str  # "Peephole LSTM": its name wherever it is chosen or listed
    summary: str  # one line under the choice
    short: str  # "Peephole" (check boxes)
    colour: str  # the same in every chart
    blocks: tuple[str, ...]  # learned gate blocks, in the rows of weight_ih
    gates: tuple[str, ...]  # gates a trace holds, in display order
    states: tuple[str, ...]  # ("c", "h") or ("h",)
    quantities: tuple[Quantity, ...]
    equations: tuple[str, ...]  # keys of the quantities the Equations panel shows, in order
    step: Callable
    step_backward: Callable
    notes: tuple[str, ...] = ()  # rich text the Equations panel adds below the equations
    extra_params: tuple[tuple[str, int], ...] = ()  # (suffix, blocks of H): weight_ch (3H,)
    onnx: OnnxMapping | None = None
    layer: type | None = None  # the fast layer; None trains on the reference step
    # the backward step's equations (δ of the loss at the scored step τ), in the order
    # they are computed at one step: δh_t, δc_t, each gate's δa, then what goes back
    backward: tuple[Quantity, ...] = ()
    # block -> key of the δ on its recurrent side where it differs from ``da_<block>``
    # (the GRU's candidate: r_t ⊙ δa_n reaches W_hn and b_hn)
    recurrent_deltas: tuple[tuple[str, str], ...] = ()
    _by_key: dict = field(default_factory=dict, repr=False, compare=False)
    _backward_by_key: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_key.update({q.key: q for q in self.quantities})
        self._backward_by_key.update({q.key: q for q in self.backward})
        missing = [k for k in (*self.gates, *self.states, *self.equations) if k not in self._by_key]
        if missing:
            raise ValueError(f"cell {self.name!r}: no quantity for {', '.join(missing)}")

    # ---------------------------------------------------------------- structure
    @property
    def has_cell_state(self) -> bool:
        return "c" in self.states

    @property
    def trace_names(self) -> tuple[str, ...]:
        """The arrays a trace holds per layer: the gates, then the states."""
        return self.gates + self.states

    @property
    def num_blocks(self) -> int:
        """G, the gate blocks stacked in one layer's weight matrices."""
        return len(self.blocks)

    @property
    def has_forget_gate(self) -> bool:
        return "f" in self.blocks

    def quantity(self, key: str) -> Quantity | None:
        return self._by_key.get(key)

    def backward_quantity(self, key: str) -> Quantity | None:
        return self._backward_by_key.get(key)

    def recurrent_delta(self, block: str) -> str:
        """The key of the δ that step t multiplies by h_{t−1} for ``block``'s rows of
        weight_hh (and adds to bias_hh): ``da_<block>`` unless the cell says otherwise."""
        return dict(self.recurrent_deltas).get(block, f"da_{block}")

    def backward_values(self, values: dict) -> dict:
        """``values`` (forward and backward, by key) with the derived backward quantities
        added: δh through W_hh alone (``dh_prev_W``) and the like."""
        out = dict(values)
        for q in self.backward:
            if q.derive is not None and q.key not in out:
                try:
                    out[q.key] = q.derive(out)
                except (KeyError, TypeError):  # a value this data does not carry
                    pass
        return out

    def scale(self, key: str) -> str:
        q = self._by_key.get(key)
        return q.scale if q is not None else WIDE

    # ---------------------------------------------------------------- parameters
    def param_shapes(self, input_size: int, hidden_size: int) -> dict[str, tuple[int, ...]]:
        """Suffix -> shape of one layer's parameters, PyTorch's layout."""
        GH, D, H = self.num_blocks * hidden_size, input_size, hidden_size
        shapes = {
            "weight_ih": (GH, D),
            "weight_hh": (GH, H),
            "bias_ih": (GH,),
            "bias_hh": (GH,),
        }
        shapes.update({suffix: (n * H,) for suffix, n in self.extra_params})
        return shapes

    def param_letters(self, input_letter: str = "D") -> dict[str, str]:
        """Suffix -> shape in letters: ``"(4H, D)"``."""
        G = self.num_blocks
        gh = "H" if G == 1 else f"{G}H"
        letters = {
            "weight_ih": f"({gh}, {input_letter})",
            "weight_hh": f"({gh}, H)",
            "bias_ih": f"({gh},)",
            "bias_hh": f"({gh},)",
        }
        letters.update({suffix: f"({n}H,)" for suffix, n in self.extra_params})
        return letters

    def layer_parameter_count(self, input_size: int, hidden_size: int) -> int:
        return sum(math.prod(s) for s in self.param_shapes(input_size, hidden_size).values())

    def parameter_shapes(
        self,
        input_size: int,
        hidden_size: int,
        output_size: int,
        num_layers: int,
        bidirectional: bool = False,
    ) -> list[tuple[str, tuple[int, ...], str]]:
        """(name, shape, shape in letters) of every parameter of a model, in the state
        dict's order and PyTorch's names: ``("rnn.weight_ih_l0", (32, 2), "(4H, D)")``.

        A bidirectional model has, after each layer's parameters, the same again for its
        reverse direction (``rnn.weight_ih_l0_reverse`` ...); its layers above the first
        read both directions' states, ``[h→_t ; h←_t]`` (2H), and so does the head."""
        H = hidden_size
        below, letter = (2 * H, "2H") if bidirectional else (H, "H")
        rows = []
        for k in range(num_layers):
            D, d = (input_size, "D") if k == 0 else (below, letter)
            letters = self.param_letters(d)
            for name in run_names(k, bidirectional):
                rows += [
                    (f"rnn.{suffix}_{name}", shape, letters[suffix])
                    for suffix, shape in self.param_shapes(D, H).items()
                ]
        return rows + head_shapes(below, output_size, letter)

    def parameter_count(
        self,
        input_size: int,
        hidden_size: int,
        output_size: int,
        num_layers: int,
        bidirectional: bool = False,
    ) -> int:
        """Every parameter of ``SequenceModel(cell, D, H, O, L, bidirectional=...)``."""
        rows = self.parameter_shapes(
            input_size, hidden_size, output_size, num_layers, bidirectional
        )
        return sum(math.prod(shape) for _, shape, _ in rows)

    def layer_formula(self, input_letter: str = "D") -> str:
        """One layer's count in G, H and the input size: ``4H(D + H) + 8H``."""
        G = self.num_blocks
        g = "" if G == 1 else str(G)
        text = f"{g}H({input_letter} + H) + {2 * G}H"
        return text + "".join(f" + {n}H" for _, n in self.extra_params)

    def layer_formula_numbers(self, input_size: int, hidden_size: int) -> str:
        """``layer_formula`` with the numbers put in: ``4·8·(2 + 8) + 8·8``."""
        G, D, H = self.num_blocks, input_size, hidden_size
        g = "" if G == 1 else f"{G}·"
        text = f"{g}{H}·({D} + {H}) + {2 * G}·{H}"
        return text + "".join(f" + {n}·{H}" for _, n in self.extra_params)


def run_names(layer: int, bidirectional: bool = False) -> tuple[str, ...]:
    """The parameter suffixes of one layer's runs over the sequence, PyTorch's: ``("l0",)``
    one way, ``("l0", "l0_reverse")`` both ways (the reverse run reads t = T−1 .. 0)."""
    return (f"l{layer}", f"l{layer}_reverse") if bidirectional else (f"l{layer}",)


def head_shapes(
    hidden_size: int, output_size: int, letter: str = "H"
) -> list[tuple[str, tuple[int, ...], str]]:
    """The linear head on top of every cell: (name, shape, shape in letters);
    ``hidden_size`` is what it reads (2H for a bidirectional model, ``letter`` "2H")."""
    return [
        ("head.weight", (output_size, hidden_size), f"(O, {letter})"),
        ("head.bias", (output_size,), "(O,)"),
    ]


def head_parameter_count(hidden_size: int, output_size: int) -> int:
    """``O H`` weights and ``O`` biases (``hidden_size`` = 2H for a bidirectional model)."""
    return sum(math.prod(shape) for _, shape, _ in head_shapes(hidden_size, output_size))


# ============================================================================ the cells
def _gate(key, function, title, description, rhs, scale=SIGMOID, split="", terms="") -> Quantity:
    return Quantity(
        key,
        f"{key}_t",
        rhs,
        f"{function}({{a_{key}}})",
        title,
        description,
        scale,
        function,
        f"a_{key}",
        split or "W·x + W·h + b",
        terms or f"{{Wx_{key}}} + {{Wh_{key}}} + {{b_{key}}}",
    )


def _lstm_gates(peephole: bool = False) -> tuple[Quantity, ...]:
    ci = " + w_ci ⊙ c_{t−1}" if peephole else ""
    cf = " + w_cf ⊙ c_{t−1}" if peephole else ""
    co = " + w_co ⊙ c_t" if peephole else ""

    def peep(key, seen):  # the split with the peephole's term
        if not peephole:
            return {}
        state = "c_{t−1}" if seen == "c_prev" else "c_t"
        return {
            "split": f"W·x + W·h + b + w_c{key} {state}",
            "terms": f"{{Wx_{key}}} + {{Wh_{key}}} + {{b_{key}}} + {{w_c{key}}} × {{{seen}}}",
        }

    return (
        _gate(
            "i",
            "σ",
            "i: input gate",
            "Input gate: how much of the candidate g is written",
            f"σ(W_ii x_t + b_ii + W_hi h_{{t−1}} + b_hi{ci})",
            **peep("i", "c_prev"),
        ),
        _gate(
            "f",
            "σ",
            "f: forget gate",
            "Forget gate: the share of the old cell state kept",
            f"σ(W_if x_t + b_if + W_hf h_{{t−1}} + b_hf{cf})",
            **peep("f", "c_prev"),
        ),
        _gate(
            "g",
            "tanh",
            "g: candidate",
            "Candidate: what could be written into the cell",
            "tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)",
            TANH,
        ),
        _gate(
            "o",
            "σ",
            "o: output gate",
            "Output gate: how much of the cell shows in h",
            f"σ(W_io x_t + b_io + W_ho h_{{t−1}} + b_ho{co})",
            **peep("o", "c"),
        ),
    )


def _lstm_rest(c_rhs: str = "f_t ⊙ c_{t−1} + i_t ⊙ g_t") -> tuple[Quantity, ...]:
    return (
        Quantity(
            "f_c", "", "f_t ⊙ c_{t−1}", "{f} × {c_prev}", "", "What is kept of the old cell state"
        ),
        Quantity("i_g", "", "i_t ⊙ g_t", "{i} × {g}", "", "What is written into the cell"),
        Quantity(
            "c",
            "c_t",
            c_rhs,
            "{f} × {c_prev} + {i} × {g}",
            "c: cell state (the long-term memory)",
            "The new cell state, the long-term memory",
        ),
        Quantity(
            "tanh_c", "", "tanh(c_t)", "tanh({c:v})", "", "The cell state squashed to −1 … 1", TANH
        ),
        Quantity(
            "h",
            "h_t",
            "o_t ⊙ tanh(c_t)",
            "{o} × tanh({c:v}) = {o} × {tanh_c}",
            "h: hidden state (what the layer outputs)",
            "The new hidden state, this layer's output",
            TANH,
        ),
    )


# ============================================================================ backward
# The backward step at one unit, the loss being l_τ, the loss at the scored step τ alone
# (the tutorials' error terms δ, carried back one step at a time). δx^{(t+1)}_t is what
# step t + 1 sends back to x_t: the superscript says which step it came from; δh^{↑}_t is
# the part from above (the head, or the layer above).
_D_DESCRIPTION = {
    "dh": "How much the loss at τ changes with h at this step: the part from above (the "
    "head at τ, or the layer above) plus what the next step sent back",
    "dc": "How much the loss at τ changes with the cell state: what the next step sent "
    "back plus the path through h",
    "da": "The δ of the gate's pre-activation (its weighted input): the δ that reaches "
    "the gate times the activation's slope",
    "dc_prev": "What this step sends back to the previous cell state: the cell path, "
    "one factor f per step",
    "dh_prev": "What this step sends back to the previous hidden state, through the "
    "recurrent weights",
    "dh_prev_W": "Through the recurrent weights: a sum over every gate unit of the layer",
    "dh_prev_gates": "What this step sends back to the previous hidden state: each gate's "
    "δa goes back through its rows of W_hh (each term a sum over the layer's units)",
}


def _dh() -> Quantity:
    return Quantity(
        "dh",
        "δh_t",
        "δh^{↑}_t + δh^{(t+1)}_t",
        "{dh_above} + {dh_next}",
        "δh",
        _D_DESCRIPTION["dh"],
    )


def _dh_prev_w(derive: Callable) -> Quantity:
    return Quantity(
        "dh_prev_W",
        "",
        "W_hhᵀ δa_t",
        "",
        "",
        _D_DESCRIPTION["dh_prev_W"],
        derive=derive,
    )


def _da(block: str, rhs: str, numbers: str) -> Quantity:
    lhs = "δa_t" if block == "a" else f"δa_{{{block},t}}"
    return Quantity(f"da_{block}", lhs, rhs, numbers, f"δa_{block}", _D_DESCRIPTION["da"])


def _lstm_backward(cell: str) -> tuple[Quantity, ...]:
    peephole = cell == "peephole"
    blocks = ("f", "g", "o") if cell == "cifg" else ("i", "f", "g", "o")
    dc_rhs = "δc^{(t+1)}_t + δh_t ⊙ o_t ⊙ (1 − tanh²(c_t))"
    dc_numbers = "{dc_next} + {dh} × {o} × (1 − {tanh_c}²)"
    prev_rhs, prev_numbers = "δc_t ⊙ f_t", "{dc} × {f}"
    if peephole:  # o_t sees c_t, i_t and f_t see c_{t−1}
        dc_rhs += " + δa_{o,t} ⊙ w_co"
        dc_numbers += " + {da_o} × {w_co}"
        prev_rhs += " + δa_{i,t} ⊙ w_ci + δa_{f,t} ⊙ w_cf"
        prev_numbers += " + {da_i} × {w_ci} + {da_f} × {w_cf}"
    if cell == "cifg":  # f_t both keeps c_{t−1} and refuses g_t
        da_f = _da(
            "f",
            "δc_t ⊙ (c_{t−1} − g_t) ⊙ f_t (1 − f_t)",
            "{dc} × ({c_prev:v} − {g}) × {f} × (1 − {f:v})",
        )
        da_i = ()
    else:
        da_f = _da("f", "δc_t ⊙ c_{t−1} ⊙ f_t (1 − f_t)", "{dc} × {c_prev} × {f} × (1 − {f:v})")
        da_i = (_da("i", "δc_t ⊙ g_t ⊙ i_t (1 − i_t)", "{dc} × {g} × {i} × (1 − {i:v})"),)
    return (
        _dh(),
        Quantity("dc", "δc_t", dc_rhs, dc_numbers, "δc", _D_DESCRIPTION["dc"]),
        _da("o", "δh_t ⊙ tanh(c_t) ⊙ o_t (1 − o_t)", "{dh} × {tanh_c} × {o} × (1 − {o:v})"),
        *da_i,
        da_f,
        _da("g", "δc_t ⊙ i_t ⊙ (1 − g_t²)", "{dc} × {i} × (1 − {g}²)"),
        Quantity(
            "dc_prev",
            "δc^{(t)}_{t−1}",
            prev_rhs,
            prev_numbers,
            "δc_{t−1}",
            _D_DESCRIPTION["dc_prev"],
        ),
        Quantity(
            "dh_prev",
            "δh^{(t)}_{t−1}",
            " + ".join(f"W_h{b}ᵀ δa_{{{b},t}}" for b in blocks),
            " + ".join(f"{{dh_prev_{b}}}" for b in blocks),
            "δh_{t−1}",
            _D_DESCRIPTION["dh_prev_gates"],
        ),
        _dh_prev_w(lambda v: v["dh_prev"]),
    )


def _rnn_backward() -> tuple[Quantity, ...]:
    return (
        _dh(),
        _da("a", "δh_t ⊙ (1 − h_t²)", "{dh} × (1 − {h}²)"),
        Quantity(
            "dh_prev",
            "δh^{(t)}_{t−1}",
            "W_hhᵀ δa_t",
            "{dh_prev_W}",
            "δh_{t−1}",
            _D_DESCRIPTION["dh_prev"],
        ),
        _dh_prev_w(lambda v: v["dh_prev"]),
    )


def _gru_backward() -> tuple[Quantity, ...]:
    return (
        _dh(),
        _da("n", "δh_t ⊙ (1 − z_t) ⊙ (1 − n_t²)", "{dh} × (1 − {z:v}) × (1 − {n}²)"),
        _da(
            "z",
            "δh_t ⊙ (h_{t−1} − n_t) ⊙ z_t (1 − z_t)",
            "{dh} × ({h_prev:v} − {n}) × {z} × (1 − {z:v})",
        ),
        _da(
            "r",
            "δa_{n,t} ⊙ (W_hn h_{t−1} + b_hn) ⊙ r_t (1 − r_t)",
            "{da_n} × {hn} × {r} × (1 − {r:v})",
        ),
        Quantity(
            "dhn",
            "δ(W_hn h_{t−1} + b_hn)",
            "r_t ⊙ δa_{n,t}",
            "{r} × {da_n}",
            "",
            "The candidate's δ on its recurrent side: the reset gate scales it",
            derive=lambda v: v["r"] * v["da_n"],
        ),
        Quantity(
            "dh_prev",
            "δh^{(t)}_{t−1}",
            "W_hrᵀ δa_{r,t} + W_hzᵀ δa_{z,t} + W_hnᵀ (r_t ⊙ δa_{n,t}) + z_t ⊙ δh_t",
            "{dh_prev_r} + {dh_prev_z} + {dh_prev_n} + {z} × {dh}",
            "δh_{t−1}",
            "What this step sends back to the previous hidden state: through the "
            "recurrent weights, and straight through the share z kept",
        ),
        _dh_prev_w(lambda v: v["dh_prev"] - v["z"] * v["dh"]),
    )


_BLOCK_NOTE = (
    "The blocks are stacked in this order: weight_ih holds {blocks} one under the other "
    "({G}H rows); weight_hh, bias_ih and bias_hh likewise."
)
_ONNX_LSTM = ((0, 1), (3, 1), (1, 1), (2, 1))  # i f g o -> ONNX's i o f c


def _builtin() -> list[CellSpec]:
    from .cells import CIFGLayer, GRULayer, LSTMLayer, PeepholeLSTMLayer, RNNLayer

    lstm_gates, peephole_gates = _lstm_gates(), _lstm_gates(peephole=True)
    i, f, g, o = lstm_gates
    cifg_i = Quantity(
        "i",
        "i_t",
        "1 − f_t",
        "1 − {f:v}",
        "i: input gate (= 1 − f, coupled)",
        "Input gate: how much of the candidate is written (here 1 − f)",
        SIGMOID,
    )
    return [
        CellSpec(
            name="rnn",
            title="Plain (Elman) RNN",
            label="Vanilla RNN",
            summary="hₜ = tanh(W xₜ + U hₜ₋₁ + b): no gates",
            short="RNN",
            colour="#D55E00",  # vermilion (Okabe and Ito: colour-blind safe)
            blocks=("a",),
            gates=("a",),
            states=("h",),
            quantities=(
                Quantity(
                    "a",
                    "a_t",
                    "W_ih x_t + b_ih + W_hh h_{t−1} + b_hh",
                    "",
                    "a: pre-activation (h = tanh a)",
                    "The pre-activation: the weighted inputs and biases, summed",
                    split="W·x + W·h + b",
                    terms="{Wx_a} + {Wh_a} + {b_a}",
                ),
                Quantity(
                    "h",
                    "h_t",
                    "tanh(a_t)",
                    "tanh({a:v})",
                    "h: hidden state (the memory and the output)",
                    "The new hidden state, this layer's output",
                    TANH,
                ),
            ),
            equations=("a", "h"),
            step=ref.rnn_step,
            step_backward=ref.rnn_step_backward,
            backward=_rnn_backward(),
            onnx=OnnxMapping("RNN", ((0, 1),), "h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)"),
            layer=RNNLayer,
        ),
        CellSpec(
            name="lstm",
            title="LSTM",
            label="LSTM",
            summary="input, forget and output gates guard a cell state cₜ",
            short="LSTM",
            colour="#0072B2",  # blue
            blocks=("i", "f", "g", "o"),
            gates=("i", "f", "g", "o"),
            states=("c", "h"),
            quantities=lstm_gates + _lstm_rest(),
            equations=("i", "f", "g", "o", "c", "h"),
            notes=(_BLOCK_NOTE,),
            step=ref.lstm_step,
            step_backward=ref.lstm_step_backward,
            backward=_lstm_backward("lstm"),
            onnx=OnnxMapping(
                "LSTM",
                _ONNX_LSTM,
                "LSTM: c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t) (gates i, f, g, o)",
            ),
            layer=LSTMLayer,
        ),
        CellSpec(
            name="gru",
            title="GRU (gated recurrent unit)",
            label="GRU",
            summary="reset and update gates; no separate cell state",
            short="GRU",
            colour="#009E73",  # green
            blocks=("r", "z", "n"),
            gates=("r", "z", "n"),
            states=("h",),
            quantities=(
                _gate(
                    "r",
                    "σ",
                    "r: reset gate",
                    "Reset gate: how much of the old state the candidate sees",
                    "σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)",
                ),
                _gate(
                    "z",
                    "σ",
                    "z: update gate (share of hₜ₋₁ kept)",
                    "Update gate: the share of the old state kept",
                    "σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)",
                ),
                _gate(
                    "n",
                    "tanh",
                    "n: new-state candidate",
                    "Candidate: the new state proposed",
                    "tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))",
                    TANH,
                    split="W·x + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn)",
                    terms="{Wx_n} + {b_n} + {r_h}",
                ),
                Quantity(
                    "h",
                    "h_t",
                    "(1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}",
                    "(1 − {z:v}) × {n} + {z} × {h_prev}",
                    "h: hidden state (the memory and the output)",
                    "The new hidden state, this layer's output",
                    TANH,
                ),
                Quantity(
                    "z_h",
                    "",
                    "z_t ⊙ h_{t−1}",
                    "{z} × {h_prev}",
                    "",
                    "What is kept of the old state",
                ),
                Quantity(
                    "one_minus_z",
                    "",
                    "1 − z_t",
                    "1 − {z:v}",
                    "",
                    "The share given to the candidate",
                    SIGMOID,
                ),
                Quantity(
                    "one_minus_z_n",
                    "",
                    "(1 − z_t) ⊙ n_t",
                    "{one_minus_z} × {n}",
                    "",
                    "What the candidate contributes",
                ),
                Quantity(
                    "r_h",
                    "",
                    "r_t ⊙ (W_hn h_{t−1} + b_hn)",
                    "{r} × {hn}",
                    "",
                    "The reset gate scales the old state inside the candidate",
                ),
            ),
            equations=("r", "z", "n", "h"),
            notes=(
                _BLOCK_NOTE,
                "This is PyTorch's form, h<sub>t</sub> = (1 − z<sub>t</sub>) ⊙ "
                "n<sub>t</sub> + z<sub>t</sub> ⊙ h<sub>t−1</sub>: z<sub>t</sub> is the "
                "share of the old state that is <i>kept</i>. The tutorials write "
                "h<sub>t</sub> = (1 − z<sub>t</sub>) h<sub>t−1</sub> + z<sub>t</sub> "
                "h̃<sub>t</sub>, where z<sub>t</sub> is the share of the new candidate "
                "h̃<sub>t</sub> (our n<sub>t</sub>): the roles of z and 1 − z are "
                "swapped, PyTorch's z is the tutorial's 1 − z. The reset gate also "
                "acts after the matrix product, on W<sub>hn</sub> h<sub>t−1</sub> + "
                "b<sub>hn</sub> (Cho et al. apply it to h<sub>t−1</sub> first).",
            ),
            step=ref.gru_step,
            step_backward=ref.gru_step_backward,
            backward=_gru_backward(),
            recurrent_deltas=(("n", "dhn"),),
            onnx=OnnxMapping(
                "GRU",
                ((1, 1), (0, 1), (2, 1)),  # r z n -> ONNX's z r h
                "GRU (linear_before_reset=1): n = tanh(W_in x + b_in + r*(W_hn h + b_hn)), "
                "h_t = (1 - z)*n + z*h_{t-1}",
                attributes=(("linear_before_reset", 1),),
            ),
            layer=GRULayer,
        ),
        CellSpec(
            name="peephole",
            title="LSTM with peephole connections",
            label="Peephole LSTM",
            summary="an LSTM whose gates also look at the cell state",
            short="Peephole",
            colour="#CC79A7",  # purple
            blocks=("i", "f", "g", "o"),
            gates=("i", "f", "g", "o"),
            states=("c", "h"),
            quantities=peephole_gates + _lstm_rest(),
            equations=("i", "f", "g", "c", "o", "h"),
            notes=(
                _BLOCK_NOTE,
                "The peepholes let the gates see the cell state: w<sub>ci</sub>, "
                "w<sub>cf</sub> and w<sub>co</sub> are diagonal weights, one number per "
                "unit (a vector of H, multiplied element-wise), stored together as "
                "weight_ch (3H values: i, f, o). i and f see c<sub>t−1</sub>; o sees "
                "the new c<sub>t</sub>, so it is computed after it.",
            ),
            extra_params=(("weight_ch", 3),),
            step=ref.peephole_step,
            step_backward=ref.peephole_step_backward,
            backward=_lstm_backward("peephole"),
            onnx=OnnxMapping(
                "LSTM",
                _ONNX_LSTM,
                "peephole LSTM: i, f see c_{t-1}, o sees c_t through per-unit weights",
                peephole_order=(0, 2, 1),  # weight_ch i, f, o -> P i, o, f
            ),
            layer=PeepholeLSTMLayer,
        ),
        CellSpec(
            name="cifg",
            title="LSTM with coupled input and forget gates (CIFG)",
            label="Coupled LSTM (CIFG)",
            summary="an LSTM that forgets exactly what it writes: i = 1 - f",
            short="CIFG",
            colour="#56B4E9",  # sky blue (orange sat too close to the RNN's vermilion)
            blocks=("f", "g", "o"),
            gates=("i", "f", "g", "o"),
            states=("c", "h"),
            quantities=(f, cifg_i, g, o) + _lstm_rest("f_t ⊙ c_{t−1} + (1 − f_t) ⊙ g_t"),
            equations=("f", "i", "g", "o", "c", "h"),
            notes=(
                _BLOCK_NOTE,
                "The input gate is not learned: i<sub>t</sub> = 1 − f<sub>t</sub>, so "
                "whatever the cell forgets it replaces by the same share of the "
                "candidate. That saves one of the four blocks: 3 gate blocks (f, g, o) "
                "instead of 4.",
            ),
            step=ref.cifg_step,
            step_backward=ref.cifg_step_backward,
            backward=_lstm_backward("cifg"),
            # ONNX's input_forget=1 computes f = 1 - i from the *input* slot: the negated
            # forget-gate block there gives sigmoid(-a_f) = 1 - f as ONNX's i
            onnx=OnnxMapping(
                "LSTM",
                ((0, -1), (2, 1), (0, 1), (1, 1)),
                "coupled LSTM: i = 1 - f, c_t = f*c_{t-1} + (1 - f)*g, h_t = o*tanh(c_t)",
                attributes=(("input_forget", 1),),
            ),
            layer=CIFGLayer,
        ),
    ]


_REGISTRY: dict[str, CellSpec] = {}
#: the registered cells' names in display order (a live list: ``register`` adds to it)
CELLS: list[str] = []


def register(spec: CellSpec) -> CellSpec:
    """Add a cell (or replace one of the same name); returns it."""
    if not isinstance(spec, CellSpec):
        raise TypeError(f"register takes a CellSpec, got {type(spec).__name__}")
    if spec.name not in _REGISTRY:
        CELLS.append(spec.name)
    _REGISTRY[spec.name] = spec
    return spec


def unregister(name: str) -> None:
    """Remove a cell added with ``register`` (the built-in cells stay)."""
    if name in _BUILTIN_NAMES:
        raise ValueError(f"{name!r} is a built-in cell")
    if _REGISTRY.pop(name, None) is not None:
        CELLS.remove(name)


def cell_spec(name: str) -> CellSpec:
    """The registered cell ``name``; ValueError naming the choices for another."""
    spec = _REGISTRY.get(name) if isinstance(name, str) else None
    if spec is None:
        raise ValueError(f"cell must be one of {', '.join(CELLS)}; got {name!r}")
    return spec


for _spec in _builtin():
    register(_spec)
_BUILTIN_NAMES = frozenset(CELLS)
