"""The chosen cell's forward equations, typeset, and every parameter it has.

The equations use the engine's conventions, which are PyTorch's: two biases per gate
block (``b_i*`` on the input side, ``b_h*`` on the recurrent side), LSTM blocks in the
order i, f, g, o, GRU blocks r, z, n with ``h_t = (1 - z_t) * n_t + z_t * h_{t-1}``.
Below them a table lists each parameter under its PyTorch-style name
(``rnn.weight_ih_l0`` ...) with its shape and element count at the current sizes, then
the count per layer and in total, each with its formula and the numbers put in.

The counts come from a closed formula per cell (``layer_parameter_count``), not from a
model, so a test can hold the formula against ``SequenceModel.num_parameters()``.

Equations are written once in a small markup, ``_x`` or ``_{...}`` for a subscript and
``^{...}`` for a superscript: ``math_text`` turns it into the plain text the cell diagram's
tests read, ``math_html`` into rich text.
"""

from __future__ import annotations

import html
import math
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from lstm_studio.tasks import Task
from lstm_studio.training import Snapshot, TrainConfig

from .base import Panel

# ---------------------------------------------------------------------------- the markup
_SUB = re.compile(r"_\{([^}]*)\}|_([A-Za-z0-9*]+)")
_SUP = re.compile(r"\^\{([^}]*)\}")


def math_html(markup: str) -> str:
    """Rich text of an equation in the markup: ``W_if x_t`` -> ``W<sub>if</sub> x<sub>t</sub>``,
    ``h_{t−1}`` -> ``h<sub>t−1</sub>``, ``h^{(2)}`` -> ``h<sup>(2)</sup>``."""
    text = html.escape(markup, quote=False)
    text = _SUP.sub(lambda m: f"<sup>{m.group(1)}</sup>", text)
    return _SUB.sub(lambda m: f"<sub>{m.group(1) or m.group(2)}</sub>", text)


def math_text(markup: str) -> str:
    """Plain text of an equation in the markup (the markup is already readable as it is)."""
    return markup


# ---------------------------------------------------------------------------- the counts
#: the row blocks of ``weight_ih`` / ``weight_hh`` per cell, in the engine's (PyTorch's) order
BLOCKS = {
    "rnn": ("",),
    "lstm": ("i", "f", "g", "o"),
    "peephole": ("i", "f", "g", "o"),
    "gru": ("r", "z", "n"),
    "cifg": ("f", "g", "o"),
}


def num_blocks(cell: str) -> int:
    """G, the gate blocks stacked in one layer's weight matrices."""
    return len(BLOCKS[cell])


def layer_parameter_count(cell: str, input_size: int, hidden_size: int) -> int:
    """Parameters of one recurrent layer with ``input_size`` inputs (D for the first layer,
    H above it): ``G H (D + H)`` weights, ``2 G H`` biases (PyTorch's b_ih and b_hh), and
    for the peephole LSTM ``3 H`` peephole weights (diagonal, one per unit and gate)."""
    G, D, H = num_blocks(cell), input_size, hidden_size
    return G * H * (D + H) + 2 * G * H + (3 * H if cell == "peephole" else 0)


def head_parameter_count(hidden_size: int, output_size: int) -> int:
    """The linear head on top: ``O H`` weights and ``O`` biases."""
    return output_size * hidden_size + output_size


def parameter_count(
    cell: str, input_size: int, hidden_size: int, output_size: int, num_layers: int
) -> int:
    """Every parameter of ``SequenceModel(cell, D, H, O, L)``, from the formulas alone."""
    H = hidden_size
    layers = sum(
        layer_parameter_count(cell, input_size if k == 0 else H, H) for k in range(num_layers)
    )
    return layers + head_parameter_count(H, output_size)


def parameter_shapes(
    cell: str, input_size: int, hidden_size: int, output_size: int, num_layers: int
) -> list[tuple[str, tuple[int, ...], str]]:
    """(name, shape, shape in letters) of every parameter, in the engine's order and
    PyTorch's names: ``("rnn.weight_ih_l0", (32, 2), "(4H, D)")``."""
    G, H = num_blocks(cell), hidden_size
    gh = "H" if G == 1 else f"{G}H"
    rows: list[tuple[str, tuple[int, ...], str]] = []
    for k in range(num_layers):
        D, d = (input_size, "D") if k == 0 else (H, "H")
        rows += [
            (f"rnn.weight_ih_l{k}", (G * H, D), f"({gh}, {d})"),
            (f"rnn.weight_hh_l{k}", (G * H, H), f"({gh}, H)"),
            (f"rnn.bias_ih_l{k}", (G * H,), f"({gh},)"),
            (f"rnn.bias_hh_l{k}", (G * H,), f"({gh},)"),
        ]
        if cell == "peephole":
            rows.append((f"rnn.weight_ch_l{k}", (3 * H,), "(3H,)"))
    rows += [("head.weight", (output_size, H), "(O, H)"), ("head.bias", (output_size,), "(O,)")]
    return rows


def layer_formula(cell: str, input_letter: str = "D") -> str:
    """One layer's count as a formula in G, H and the input size: ``4H(D + H) + 8H``."""
    G = num_blocks(cell)
    g = "" if G == 1 else str(G)
    text = f"{g}H({input_letter} + H) + {2 * G}H"
    return text + (" + 3H" if cell == "peephole" else "")


def layer_formula_numbers(cell: str, input_size: int, hidden_size: int) -> str:
    """``layer_formula`` with the numbers put in: ``4·8·(2 + 8) + 8·8``."""
    G, D, H = num_blocks(cell), input_size, hidden_size
    g = "" if G == 1 else f"{G}·"
    text = f"{g}{H}·({D} + {H}) + {2 * G}·{H}"
    return text + (f" + 3·{H}" if cell == "peephole" else "")


# ---------------------------------------------------------------------------- the equations
#: each cell's forward equations in the markup, (left side, right side), in order
EQUATIONS = {
    "rnn": (("h_t", "tanh(W_ih x_t + b_ih + W_hh h_{t−1} + b_hh)"),),
    "lstm": (
        ("i_t", "σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi)"),
        ("f_t", "σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)"),
        ("g_t", "tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)"),
        ("o_t", "σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)"),
        ("c_t", "f_t ⊙ c_{t−1} + i_t ⊙ g_t"),
        ("h_t", "o_t ⊙ tanh(c_t)"),
    ),
    "peephole": (
        ("i_t", "σ(W_ii x_t + b_ii + W_hi h_{t−1} + b_hi + w_ci ⊙ c_{t−1})"),
        ("f_t", "σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf + w_cf ⊙ c_{t−1})"),
        ("g_t", "tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)"),
        ("c_t", "f_t ⊙ c_{t−1} + i_t ⊙ g_t"),
        ("o_t", "σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho + w_co ⊙ c_t)"),
        ("h_t", "o_t ⊙ tanh(c_t)"),
    ),
    "cifg": (
        ("f_t", "σ(W_if x_t + b_if + W_hf h_{t−1} + b_hf)"),
        ("i_t", "1 − f_t"),
        ("g_t", "tanh(W_ig x_t + b_ig + W_hg h_{t−1} + b_hg)"),
        ("o_t", "σ(W_io x_t + b_io + W_ho h_{t−1} + b_ho)"),
        ("c_t", "f_t ⊙ c_{t−1} + (1 − f_t) ⊙ g_t"),
        ("h_t", "o_t ⊙ tanh(c_t)"),
    ),
    "gru": (
        ("r_t", "σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)"),
        ("z_t", "σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)"),
        ("n_t", "tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))"),
        ("h_t", "(1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}"),
    ),
}

CELL_NAMES = {
    "rnn": QT_TRANSLATE_NOOP("EquationsPanel", "Plain (Elman) RNN"),
    "lstm": QT_TRANSLATE_NOOP("EquationsPanel", "LSTM"),
    "peephole": QT_TRANSLATE_NOOP("EquationsPanel", "LSTM with peephole connections"),
    "cifg": QT_TRANSLATE_NOOP("EquationsPanel", "LSTM with coupled input and forget gates (CIFG)"),
    "gru": QT_TRANSLATE_NOOP("EquationsPanel", "GRU (gated recurrent unit)"),
}

_MATH_STYLE = "font-family: 'DejaVu Serif', serif; font-size: large;"


class EquationsPanel(Panel):
    """The configured cell's equations, its parameter table and the parameter count.

    Everything is written in ``reset``; snapshots change nothing here. Test hooks:
    ``parameter_count()``, ``parameter_rows()`` and ``equations_html()``; ``browser`` is the
    ``QTextBrowser`` that shows it all.
    """

    title = QT_TRANSLATE_NOOP("Panel", "Equations")
    object_name = "equations_panel"
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>The equations the chosen cell computes at every step, for every unit at once: "
        "σ is the logistic sigmoid, ⊙ multiplies element by element. Each W is a weight "
        "matrix and each b a bias vector, named as in PyTorch, so the names in the table "
        "are the names in a saved weights file.</p><p>The table gives each parameter's "
        "shape at the current sizes and how many numbers it holds; below it the same "
        "count as a formula, per layer and in total. The count grows with the square of "
        "the hidden size H: doubling H roughly quadruples the model.</p>",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self._cell = "lstm"
        self._sizes = (1, 1, 1, 1)  # D, H, O, L
        self._html = ""
        self.browser = QTextBrowser()
        self.browser.setObjectName("equations_panel_text")
        self.browser.setOpenLinks(False)
        self.browser.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.browser.setPlaceholderText(self.tr("Build a model to see its equations"))
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)

    # ------------------------------------------------------------------ Panel
    def reset(self, task: Task, config: TrainConfig) -> None:
        self._cell = config.cell
        self._sizes = (task.input_size, config.hidden_size, task.output_size, config.num_layers)
        self._html = self._build_html()
        self.browser.setHtml(self._html)

    @Slot(object)
    def on_snapshot(self, snap: Snapshot) -> None:
        """The equations and counts depend on the model's shape only: nothing to update."""

    # ------------------------------------------------------------------ test hooks
    def parameter_count(self) -> int:
        """The total shown, from the per-cell formula."""
        return parameter_count(self._cell, *self._sizes)

    def parameter_rows(self) -> list[tuple[str, tuple[int, ...], int]]:
        """The table's rows: (name, shape, element count)."""
        return [
            (name, shape, math.prod(shape))
            for name, shape, _ in parameter_shapes(self._cell, *self._sizes)
        ]

    def equations_html(self) -> str:
        """The rich text shown (equations, notes, table and counts)."""
        return self._html

    # ------------------------------------------------------------------ building
    def _build_html(self) -> str:
        cell = self._cell
        D, H, O, L = self._sizes
        name = QCoreApplication.translate("EquationsPanel", CELL_NAMES[cell])
        parts = [f"<h3>{html.escape(name)}</h3>"]
        parts.append(
            "<p>"
            + self.tr(
                "One step t of one layer, for all H units at once. σ is the logistic "
                "sigmoid, ⊙ the element-wise product; x<sub>t</sub> is the layer's input "
                "(the D = {D} input values for layer 1, the hidden state of the layer below "
                "for the others), h<sub>t−1</sub> the layer's previous hidden state (zero at "
                "t = 0)."
            ).format(D=D)
            + "</p>"
        )
        parts.append(self._equation_table(EQUATIONS[cell]))
        parts.append(self._equation_table((("y_t", "W_head h^{(L)}_t + b_head"),)))
        parts.append(
            "<p>"
            + self.tr(
                "The head reads the top layer's hidden state at every step (y<sub>t</sub>, "
                "O = {O} values)."
            ).format(O=O)
            + "</p>"
        )
        parts += [f"<p>{note}</p>" for note in self._notes(cell)]
        parts.append(self._parameter_table())
        parts.append(self._counts())
        return "\n".join(parts)

    @staticmethod
    def _equation_table(equations) -> str:
        rows = "".join(
            f'<tr><td align="right" style="{_MATH_STYLE}">{math_html(lhs)}</td>'
            f'<td style="{_MATH_STYLE}">&nbsp;=&nbsp;</td>'
            f'<td style="{_MATH_STYLE}">{math_html(rhs)}</td></tr>'
            for lhs, rhs in equations
        )
        return f'<table cellspacing="0" cellpadding="3">{rows}</table>'

    def _notes(self, cell: str) -> list[str]:
        notes = []
        blocks = {
            "lstm": "W_ii, W_if, W_ig, W_io",
            "peephole": "W_ii, W_if, W_ig, W_io",
            "cifg": "W_if, W_ig, W_io",
            "gru": "W_ir, W_iz, W_in",
        }
        if cell in blocks:
            G = num_blocks(cell)
            notes.append(
                self.tr(
                    "The blocks are stacked in this order: weight_ih holds {blocks} one "
                    "under the other ({G}H rows); weight_hh, bias_ih and bias_hh likewise."
                ).format(blocks=math_html(blocks[cell]), G=G)
            )
        if cell == "gru":
            notes.append(
                self.tr(
                    "This is PyTorch's form, h<sub>t</sub> = (1 − z<sub>t</sub>) ⊙ "
                    "n<sub>t</sub> + z<sub>t</sub> ⊙ h<sub>t−1</sub>: z<sub>t</sub> is the "
                    "share of the old state that is <i>kept</i>. The tutorials write "
                    "h<sub>t</sub> = (1 − z<sub>t</sub>) h<sub>t−1</sub> + z<sub>t</sub> "
                    "h̃<sub>t</sub>, where z<sub>t</sub> is the share of the new candidate "
                    "h̃<sub>t</sub> (our n<sub>t</sub>): the roles of z and 1 − z are "
                    "swapped, PyTorch's z is the tutorial's 1 − z. The reset gate also "
                    "acts after the matrix product, on W<sub>hn</sub> h<sub>t−1</sub> + "
                    "b<sub>hn</sub> (Cho et al. apply it to h<sub>t−1</sub> first)."
                )
            )
        if cell == "peephole":
            notes.append(
                self.tr(
                    "The peepholes let the gates see the cell state: w<sub>ci</sub>, "
                    "w<sub>cf</sub> and w<sub>co</sub> are diagonal weights, one number per "
                    "unit (a vector of H, multiplied element-wise), stored together as "
                    "weight_ch (3H values: i, f, o). i and f see c<sub>t−1</sub>; o sees "
                    "the new c<sub>t</sub>, so it is computed after it."
                )
            )
        if cell == "cifg":
            notes.append(
                self.tr(
                    "The input gate is not learned: i<sub>t</sub> = 1 − f<sub>t</sub>, so "
                    "whatever the cell forgets it replaces by the same share of the "
                    "candidate. That saves one of the four blocks: 3 gate blocks (f, g, o) "
                    "instead of 4."
                )
            )
        if self._sizes[3] > 1:
            notes.append(
                self.tr(
                    "Layer k > 1 reads the hidden state of layer k − 1 at the same step: "
                    "its x<sub>t</sub> has H values, so its weight_ih is square in H."
                )
            )
        return notes

    def _parameter_table(self) -> str:
        D, H, O, L = self._sizes
        head = self.tr("Parameters at D = {D}, H = {H}, O = {O}, L = {L}").format(
            D=D, H=H, O=O, L=L
        )
        # the shape in letters and in numbers share one heading
        name_h, shape_h, count_h = self.tr("name"), self.tr("shape"), self.tr("elements")
        header = (
            f"<th align='left'>{html.escape(name_h)}</th>"
            f"<th align='left' colspan='2'>{html.escape(shape_h)}</th>"
            f"<th align='right'>{html.escape(count_h)}</th>"
        )
        rows = []
        for name, shape, letters in parameter_shapes(self._cell, *self._sizes):
            numbers = (
                "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"
            )
            rows.append(
                f"<tr><td><code>{html.escape(name)}</code></td><td>{letters}</td>"
                f"<td>{numbers}</td><td align='right'>{math.prod(shape):,}</td></tr>"
            )
        return (
            f"<h4>{html.escape(head)}</h4>"
            f"<table border='1' cellspacing='0' cellpadding='4' style='border-color: #bbb;'>"
            f"<tr>{header}</tr>{''.join(rows)}</table>"
        )

    def _counts(self) -> str:
        cell = self._cell
        D, H, O, L = self._sizes
        lines = []
        per_layer = []
        for k in range(L):
            d = D if k == 0 else H
            n = layer_parameter_count(cell, d, H)
            per_layer.append(n)
            letter = "D" if k == 0 else "H"
            lines.append(
                self.tr("Layer {k}: {formula} = {numbers} = {n}").format(
                    k=k + 1,
                    formula=layer_formula(cell, letter),
                    numbers=layer_formula_numbers(cell, d, H),
                    n=f"{n:,}",
                )
            )
        head = head_parameter_count(H, O)
        lines.append(self.tr("Head: O·H + O = {O}·{H} + {O} = {n}").format(O=O, H=H, n=f"{head:,}"))
        total = self.parameter_count()
        terms = " + ".join(f"{n:,}" for n in [*per_layer, head])
        lines.append(
            "<b>" + self.tr("Total: {terms} = {n}").format(terms=terms, n=f"{total:,}") + "</b>"
        )
        counts = "<h4>" + html.escape(self.tr("Parameter count")) + "</h4><p>"
        counts += "<br>".join(lines) + "</p>"
        G = num_blocks(cell)
        g = "" if G == 1 else str(G)
        peepholes = 3 * H if cell == "peephole" else 0
        ours = layer_parameter_count(cell, D, H) - peepholes
        note = self.tr(
            "The tutorials' formula {g}[(D + H)H + H] counts one bias per gate block; this "
            "app, like PyTorch, has two (b<sub>ih</sub> and b<sub>hh</sub>), so each layer "
            "has {g}H more: for layer 1, {tutorial} + {GH} = {n}."
        ).format(g=g, tutorial=f"{ours - G * H:,}", GH=f"{G * H:,}", n=f"{ours:,}")
        if peepholes:
            note += " " + self.tr(
                "The peephole weights add 3H per layer: {n} + {p} = {total}."
            ).format(n=f"{ours:,}", p=f"{peepholes:,}", total=f"{ours + peepholes:,}")
        return counts + f"<p>{note}</p>"
