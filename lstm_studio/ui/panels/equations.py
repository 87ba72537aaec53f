"""The chosen cell's forward equations, typeset, and every parameter it has.

The equations use the engine's conventions, which are PyTorch's: two biases per gate
block (``b_i*`` on the input side, ``b_h*`` on the recurrent side), LSTM blocks in the
order i, f, g, o, GRU blocks r, z, n with ``h_t = (1 - z_t) * n_t + z_t * h_{t-1}``.
Below them a table lists each parameter under its PyTorch-style name
(``rnn.weight_ih_l0`` ...) with its shape and element count at the current sizes, then
the count per layer and in total, each with its formula and the numbers put in.

A bidirectional model runs each layer twice with weights of its own (the ``_reverse``
rows, PyTorch's): the panel says how the reverse direction reads the sequence, that
``h_t = [h→_t ; h←_t]`` (2H values) feeds the next layer and the head, and counts both.

Everything about the cell (its equations, notes, parameter shapes and counts) comes
from the engine's cell registry (``lstm_studio.engine.cell_spec``); the prose is
translated under the context ``cells``.

Equations are written once in a small markup, ``_x`` or ``_{...}`` for a subscript and
``^{...}`` for a superscript: ``math_text`` turns it into the plain text the cell diagram's
tests read, ``math_html`` into rich text.
"""

from __future__ import annotations

import html
import math
import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Slot
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from lstm_studio.engine import cell_spec
from lstm_studio.engine.registry import head_parameter_count
from lstm_studio.tasks import Task
from lstm_studio.training import Snapshot, TrainConfig

from ..i18n import tr_cell
from .base import Panel, directions

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


def equations(cell: str) -> tuple[tuple[str, str], ...]:
    """The cell's forward equations in the markup, (left side, right side), in order."""
    spec = cell_spec(cell)
    return tuple((spec.quantity(k).lhs, spec.quantity(k).rhs) for k in spec.equations)


def backward_equations(cell: str) -> tuple[tuple[str, str], ...]:
    """The cell's backward step in the markup (the registry's ``CellSpec.backward``),
    (left side, right side), in the order one step computes them."""
    return tuple((q.lhs, q.rhs) for q in cell_spec(cell).backward if q.lhs)


_MATH_STYLE = "font-family: 'DejaVu Serif', serif; font-size: large;"


class EquationsPanel(Panel):
    """The configured cell's equations, its parameter table and the parameter count.

    Everything is written in ``reset``; snapshots change nothing here. Test hooks:
    ``total_shown`` (the parameter count written), ``parameter_rows()`` and
    ``equations_html()``; ``browser`` is the ``QTextBrowser`` that shows it all.
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
        self._bidirectional = False
        self.total_shown = 0
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
        self._bidirectional = directions(config) == 2
        self._html = self._build_html()
        self.browser.setHtml(self._html)

    @Slot(object)
    def on_snapshot(self, snap: Snapshot) -> None:
        """The equations and counts depend on the model's shape only: nothing to update."""

    # ------------------------------------------------------------------ test hooks
    def parameter_rows(self) -> list[tuple[str, tuple[int, ...], int]]:
        """The table's rows: (name, shape, element count)."""
        return [(name, shape, math.prod(shape)) for name, shape, _ in self._shapes()]

    def _shapes(self) -> list[tuple[str, tuple[int, ...], str]]:
        """The registry's rows, with the ``_reverse`` ones of a bidirectional model."""
        spec = cell_spec(self._cell)
        if self._bidirectional:
            return spec.parameter_shapes(*self._sizes, bidirectional=True)
        return spec.parameter_shapes(*self._sizes)

    def equations_html(self) -> str:
        """The rich text shown (equations, notes, table and counts)."""
        return self._html

    # ------------------------------------------------------------------ building
    def _build_html(self) -> str:
        cell = self._cell
        D, H, O, L = self._sizes
        name = tr_cell(cell_spec(cell).title)
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
        parts.append(self._equation_table(equations(cell)))
        if self._bidirectional:
            parts.append("<p>" + self._both_ways() + "</p>")
            parts.append(self._equation_table((("h_t", "[h→_t ; h←_t]"),)))
        parts.append(self._equation_table((("y_t", "W_head h^{(L)}_t + b_head"),)))
        if self._bidirectional:
            head = self.tr(
                "The head reads both directions of the top layer at every step, 2H = {H2} "
                "values (y<sub>t</sub>, O = {O} values)."
            ).format(H2=2 * H, O=O)
        else:
            head = self.tr(
                "The head reads the top layer's hidden state at every step (y<sub>t</sub>, "
                "O = {O} values)."
            ).format(O=O)
        parts.append("<p>" + head + "</p>")
        parts += [f"<p>{note}</p>" for note in self._notes(cell)]
        parts.append("<h4>" + html.escape(self.tr("Backward pass: one step back")) + "</h4>")
        parts.append(
            "<p>"
            + self.tr(
                "The gradient of the loss at the scored step τ is carried back one step at "
                "a time, from τ to 0 (backpropagation through time). δ is the tutorials' "
                "error term: δh<sub>t</sub> = ∂l<sub>τ</sub>/∂h<sub>t</sub>, and "
                "δa<sub>f,t</sub> that of the forget gate's weighted input. A superscript "
                "(t) marks what step t sends back to step t − 1, ↑ the part from above. "
                "Step t adds δa<sub>t</sub> x<sub>t</sub>ᵀ to W<sub>ih</sub>'s gradient, "
                "δa<sub>t</sub> h<sub>t−1</sub>ᵀ to W<sub>hh</sub>'s and "
                "δa<sub>t</sub> to the biases'; the gradient is the sum over the steps."
            )
            + "</p>"
        )
        if self._bidirectional:
            parts.append(
                "<p>"
                + self.tr(
                    "In the reverse direction (←) the same step runs the other way in time: "
                    "its gradient flows from early steps to late ones, from τ on to T − 1, "
                    "and what it sends back goes to step t + 1, the step it read before t."
                )
                + "</p>"
            )
        parts.append(self._equation_table(backward_equations(cell)))
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
        spec = cell_spec(cell)
        blocks = ", ".join(f"W_i{k}" for k in spec.blocks)
        notes = [
            tr_cell(note).format(blocks=math_html(blocks), G=spec.num_blocks) for note in spec.notes
        ]
        if self._sizes[3] > 1 and self._bidirectional:
            notes.append(
                self.tr(
                    "Layer k > 1 reads both directions of layer k − 1 at the same step: its "
                    "x<sub>t</sub> = [h→<sub>t</sub> ; h←<sub>t</sub>] has 2H values, so its "
                    "weight_ih is ({G}H, 2H)."
                ).format(G=spec.num_blocks if spec.num_blocks > 1 else "")
            )
        elif self._sizes[3] > 1:
            notes.append(
                self.tr(
                    "Layer k > 1 reads the hidden state of layer k − 1 at the same step: "
                    "its x<sub>t</sub> has H values, so its weight_ih is square in H."
                )
            )
        return notes

    def _both_ways(self) -> str:
        """What a bidirectional layer computes, in words."""
        return self.tr(
            "<b>Bidirectional:</b> every layer runs these equations twice, each direction "
            "with weights of its own. The forward direction (→) reads t from 0 up to "
            "T − 1, as written. The reverse direction (←, the parameters ending in "
            "<code>_reverse</code>) reads t from T − 1 down to 0: its previous step is "
            "t + 1, so for it read h<sub>t+1</sub> and c<sub>t+1</sub> where the equations "
            "say h<sub>t−1</sub> and c<sub>t−1</sub> (zero at t = T − 1). Both directions' "
            "states at the same step, joined into one vector h<sub>t</sub> = "
            "[h→<sub>t</sub> ; h←<sub>t</sub>] of 2H values, feed the next layer and the "
            "head, so every output sees the whole sequence, before and after t."
        )

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
        for name, shape, letters in self._shapes():
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
        spec = cell_spec(self._cell)
        D, H, O, L = self._sizes
        lines = []
        per_layer = []
        both = self._bidirectional
        below, below_letter = (2 * H, "2H") if both else (H, "H")
        for k in range(L):
            d = D if k == 0 else below
            n = spec.layer_parameter_count(d, H)
            letter = "D" if k == 0 else below_letter
            if both:  # the same count again for the ← direction's weights
                per_layer.append(2 * n)
                lines.append(
                    self.tr("Layer {k}, → and ←: 2 × [{formula}] = 2 × [{numbers}] = {n}").format(
                        k=k + 1,
                        formula=spec.layer_formula(letter),
                        numbers=spec.layer_formula_numbers(d, H),
                        n=f"{2 * n:,}",
                    )
                )
                continue
            per_layer.append(n)
            lines.append(
                self.tr("Layer {k}: {formula} = {numbers} = {n}").format(
                    k=k + 1,
                    formula=spec.layer_formula(letter),
                    numbers=spec.layer_formula_numbers(d, H),
                    n=f"{n:,}",
                )
            )
        head = head_parameter_count(below, O)
        if both:
            lines.append(
                self.tr("Head: O·2H + O = {O}·{H2} + {O} = {n}").format(
                    O=O, H2=below, n=f"{head:,}"
                )
            )
        else:
            lines.append(
                self.tr("Head: O·H + O = {O}·{H} + {O} = {n}").format(O=O, H=H, n=f"{head:,}")
            )
        if both:  # the registry's
            total = spec.parameter_count(*self._sizes, bidirectional=True)
        else:
            total = spec.parameter_count(*self._sizes)
        self.total_shown = total
        terms = " + ".join(f"{n:,}" for n in [*per_layer, head])
        lines.append(
            "<b>" + self.tr("Total: {terms} = {n}").format(terms=terms, n=f"{total:,}") + "</b>"
        )
        counts = "<h4>" + html.escape(self.tr("Parameter count")) + "</h4><p>"
        counts += "<br>".join(lines) + "</p>"
        G = spec.num_blocks
        g = "" if G == 1 else str(G)
        peepholes = sum(n * H for _, n in spec.extra_params)
        ours = spec.layer_parameter_count(D, H) - peepholes
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
