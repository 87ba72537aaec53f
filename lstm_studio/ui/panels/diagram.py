"""The configured cell drawn as a diagram, with its values at the scrubber's (t, unit, layer).

The drawing follows the diagrams learners know from Colah's blog and the tutorials:
x_t and h_{t−1} enter at the bottom left, c_{t−1} at the top left; gates are boxes
labelled σ or tanh, pointwise operations circles (×, +); in the LSTM family the cell
state runs along the top; c_t and h_t leave on the right. Five variants: the plain RNN,
the LSTM, the peephole LSTM (dashed peephole lines from the cell state into i, f and o),
the coupled input-forget LSTM (the input gate is a "1 − f" node fed by f) and the GRU in
PyTorch's form (h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}).

Each element is filled with the colour of its value on the heatmaps' fixed scales
(``SCALES`` / ``SCALE_OF`` of the gates panel) and shows the number. Hovering or clicking
an element writes its equation below the drawing with the numbers put in; a gate's
pre-activation is recovered from its value by the inverse function (logit for σ, atanh
for tanh), given as a bound where the value is saturated within the float precision.

In the forward equations each gate's pre-activation is split into its terms, as the
reference step computed them: σ(W·x + W·h + b) = σ(1.20 + 6.10 + 0.28) = σ(7.58) = 0.9995.

In backward mode (the scrubber's Backward button) every element shows its δ of the loss
at the scored step τ instead (``Probe.backward``): the gate boxes δa, c and h δc_t and
δh_t, c_{t−1} and h_{t−1} what step t sends back to them; the arrows point right to
left, the colours are on one symmetric log scale (``delta_color``), and hovering shows
the registry's backward equation (``CellSpec.backward``) with the numbers, and for a
gate what step t adds to its rows of the weights' gradient.

The scene is laid out once per cell in fixed coordinates and scaled to the view
(``fitInView``), so it fills the dock on a laptop and on a projector alike; text sizes are
chosen so that at the scale of a 600 x 400 panel they are no smaller than the app's font.

A bidirectional model's reverse run (``layer 1 ←``, see ``base.run_label``) reads the
sequence from t = T − 1 down to 0: its previous step is t + 1, so the drawing names
h_{t+1} and c_{t+1} where the forward run has h_{t−1} and c_{t−1}, takes their values
there, and its equations say so. A layer above the first reads both directions of the
layer below, [h→_t ; h←_t] (2H values).
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.engine import cell_spec
from lstm_studio.tasks import Task
from lstm_studio.training import Snapshot, TrainConfig

from ..i18n import tr_cell
from .base import (
    Panel,
    Selection,
    directions,
    is_reverse,
    mirrored,
    quoted,
    run_label,
    step_name,
)
from .equations import math_html
from .gates import SCALES

MINUS = "\u2212"  # the typographic minus: "−0.550" reads better than "-0.550"


# ---------------------------------------------------------------------------- numbers
class _Operand(float):
    """A value in an equation's template: ``{f}`` is an operand (in parentheses when
    negative), ``{f:v}`` the bare value; a δ (``delta``) with three significant digits."""

    delta = False

    def __format__(self, spec: str) -> str:
        value = float(self)  # a plain float: fmt formats it with format specs of its own
        text = fmt_delta(value) if self.delta else fmt(value)
        if spec == "v" or not text.startswith(MINUS):
            return text
        return f"({text})"


class _Delta(_Operand):
    delta = True


class _Operands(dict):
    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        value = dict.__getitem__(self, key)
        if value is None:
            raise KeyError(key)
        # every backward key starts with d; no forward one does
        return _Delta(value) if key.startswith("d") else _Operand(value)


def fmt(value: float) -> str:
    """A value as the diagram shows it: three decimals below 10 (fewer above), with the
    typographic minus: ``0.910``, ``−0.550``, ``12.35``."""
    if not math.isfinite(value):
        return "nan" if math.isnan(value) else ("∞" if value > 0 else MINUS + "∞")
    size = abs(value)
    if size >= 1000:
        text = f"{value:.3g}"
    elif size >= 100:
        text = f"{value:.1f}"
    elif size >= 10:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3f}"
    if text.startswith("-") and float(text) == 0:  # no "−0.000"
        text = text[1:]
    return text.replace("-", MINUS)


def fmt_delta(value: float) -> str:
    """A δ: three significant digits, for they span many decades: ``0.0123``,
    ``−4.56e−05``, ``12.3``."""
    if not math.isfinite(value):
        return fmt(value)
    if value == 0:
        return "0"
    return f"{value:.3g}".replace("-", MINUS)


def fmt_short(value: float) -> str:
    """A δ in a drawn element, where room is short: two significant digits, in powers of
    ten outside 0.01 … 1000: ``0.52``, ``−3.1e−4``, ``12``."""
    if not math.isfinite(value) or value == 0:
        return fmt_delta(value)
    if 0.01 <= abs(value) < 1000:
        return f"{value:.2g}".replace("-", MINUS)
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}e{int(exponent)}".replace("-", MINUS)


def operand(value: float) -> str:
    """``fmt`` in parentheses when negative, for a factor or a term: ``0.12 × (−0.55)``."""
    text = fmt(value)
    return f"({text})" if text.startswith(MINUS) else text


def preactivation(value: float, function: str, eps: float) -> str:
    """The argument of ``function`` ("σ" or "tanh") that gives ``value``, as text.

    ``eps`` is the machine epsilon of the array the value came from. The engine's gates
    carry an absolute error of a few eps (sigmoid is computed as 0.5 tanh(x/2) + 0.5),
    so within 4 eps of a bound the argument is only known to lie beyond a threshold: the
    text then says ``> 14.5`` rather than a number (or inf) that the data cannot support.
    """
    if not math.isfinite(value):
        return fmt(value)
    tol = 4.0 * eps
    if function == "σ":
        limit = math.log((1 - tol) / tol)  # logit(1 - tol)
        if value >= 1 - tol:
            return f"> {limit:.1f}"
        if value <= tol:
            return f"< {MINUS}{limit:.1f}"
        pre = math.log(value / (1 - value))
    else:
        limit = math.atanh(1 - tol)
        if value >= 1 - tol:
            return f"> {limit:.1f}"
        if value <= -1 + tol:
            return f"< {MINUS}{limit:.1f}"
        pre = math.atanh(value)
    return f"{pre:.2f}".replace("-", MINUS)


#: the δ scale: symmetric and logarithmic in |δ|, white at |δ| <= 1e-5, full at >= 10
#: (six decades: a gradient vanishing or exploding back through time stays readable)
DELTA_SCALE, DELTA_COLORMAP, DELTA_DECADES = "delta", "CET-D1", (-5.0, 1.0)


def delta_position(value: float) -> float:
    """Where δ = ``value`` sits on the δ colour bar, 0 … 1 (0.5 is zero): the sign, and
    log10 |δ| mapped linearly from the scale's lowest decade to its highest."""
    lo, hi = DELTA_DECADES
    if value == 0:
        return 0.5
    size = min(max((math.log10(abs(value)) - lo) / (hi - lo), 0.0), 1.0)
    return 0.5 + math.copysign(0.5 * size, value)


def value_color(value: float | None, scale: str | None) -> QColor:
    """The fill for ``value`` on the heatmaps' fixed ``scale`` (grey when there is none),
    or on the δ scale (``DELTA_SCALE``)."""
    if scale is None:
        return QColor("#ffffff")
    if value is None or not math.isfinite(value):
        return QColor("#e6e6e6")
    if scale == DELTA_SCALE:
        return pg.colormap.get(DELTA_COLORMAP).map(delta_position(value), mode="qcolor")
    spec = SCALES[scale]
    lo, hi = spec.levels
    where = min(max((value - lo) / (hi - lo), 0.0), 1.0)
    return pg.colormap.get(spec.colormap).map(where, mode="qcolor")


def ink_for(fill: QColor) -> QColor:
    """Black or white text, whichever reads on ``fill``."""
    luma = 0.299 * fill.redF() + 0.587 * fill.greenF() + 0.114 * fill.blueF()
    return QColor("#000000") if luma > 0.55 else QColor("#ffffff")


# ---------------------------------------------------------------------------- layouts
# Scene units: text sizes in pixels of the scene. The LSTM scene is ~1030 x 600; in a
# 600 x 400 panel it is drawn at ~0.54, where 24 px is ~13 px, the app's 9 pt (12 px).
SYMBOL_PX = 30
NAME_PX = 28
SUB_PX = 21
VALUE_PX = 24
CAPTION_PX = 24

EDGE_COLOR = QColor("#4d4d4d")
PEEPHOLE_COLOR = QColor("#7b3294")
SELECTED_COLOR = QColor("#e66100")
BACKWARD_EDGE_COLOR = QColor("#8c2d04")  # the backward pass's arrows
FRAME_FILL = QColor("#f4f4f4")  # the cell's body; also the halo that makes crossings read


@dataclass(frozen=True)
class ElementSpec:
    """One element of a diagram.

    ``kind`` is "gate" (a σ / tanh box), "state" (x, h, c: a pill), "op" (a pointwise
    circle or oval); ``symbol`` the text in large type (σ, tanh, ×, +, 1 − f; empty for
    states, which show their name); ``name`` the (base, subscript) drawn inside a state or
    beside a gate at ``label_at`` (relative to the centre); ``scale`` the colour scale,
    None for an uncoloured operation.
    """

    key: str
    kind: str
    at: tuple[float, float]
    symbol: str = ""
    name: tuple[str, str] = ("", "")
    label_at: tuple[float, float] | None = None
    scale: str | None = None
    shape: str = "box"  # box, pill, circle, oval
    show_value: bool = True
    prefix: str = ""  # before the value: the RNN's box shows "a = 0.741", its input
    # a node of the drawing that is not a quantity of the cell's step on its own: the
    # quantity whose value it shows, its equation and numbers (the registry's markup and
    # template) and what it is, in words
    shows: str = ""
    equation: tuple[str, str] = ("", "")
    description: str = ""


@dataclass
class Layout:
    """Elements, edges (polylines; dashed ones are peepholes), junction dots, the cell's
    frame and the scene rectangle of one cell type."""

    elements: list[ElementSpec]
    edges: list[tuple[list[tuple[float, float]], bool]] = field(default_factory=list)
    dots: list[tuple[float, float]] = field(default_factory=list)
    frame: tuple[float, float, float, float] = (0, 0, 0, 0)
    scene: tuple[float, float, float, float] = (0, 0, 0, 0)
    legend_at: tuple[float, float] = (0, 0)


def _lstm_layout(cell: str) -> Layout:
    """Colah's LSTM: the cell state along the top, the gates in a row above the
    [h_{t−1}, x_t] bus, h_t out at the bottom right."""
    y_c, y_gate, y_mid, y_bus = 70, 320, 200, 450
    x_f, x_i, x_g, x_o, x_out, x_right = 250, 385, 520, 655, 790, 960
    label = (-36, -92)
    els = [
        ElementSpec("c_prev", "state", (70, y_c), name=("c", "t−1"), scale="wide", shape="pill"),
        ElementSpec("h_prev", "state", (70, y_bus), name=("h", "t−1"), scale="tanh", shape="pill"),
        ElementSpec("x", "state", (200, 555), name=("x", "t"), shape="pill"),
        ElementSpec("f", "gate", (x_f, y_gate), "σ", ("f", "t"), label, "sigmoid"),
        ElementSpec("g", "gate", (x_g, y_gate), "tanh", ("g", "t"), label, "tanh"),
        ElementSpec("o", "gate", (x_o, y_gate), "σ", ("o", "t"), (0, -62), "sigmoid"),
        ElementSpec("f_c", "op", (x_f, y_c), "×", shape="circle", show_value=False),
        ElementSpec("i_g", "op", (x_g, y_mid), "×", shape="circle", show_value=False),
        ElementSpec(
            "sum",
            "op",
            (x_g, y_c),
            "+",
            shape="circle",
            show_value=False,
            shows="c",
            equation=("c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t", "{f_c:v} + {i_g}"),
            description=QT_TRANSLATE_NOOP("CellDiagramPanel", "Kept plus written"),
        ),
        ElementSpec("tanh_c", "op", (x_out, 185), "tanh", scale="tanh", shape="oval"),
        ElementSpec(
            "o_tanh_c",
            "op",
            (x_out, y_gate),
            "×",
            shape="circle",
            show_value=False,
            shows="h",
            equation=("h_t = o_t ⊙ tanh(c_t)", "{o} × {tanh_c}"),
            description=QT_TRANSLATE_NOOP(
                "CellDiagramPanel", "The output gate lets part of it through"
            ),
        ),
        ElementSpec("c", "state", (x_right, y_c), name=("c", "t"), scale="wide", shape="pill"),
        ElementSpec("h", "state", (x_right, y_bus), name=("h", "t"), scale="tanh", shape="pill"),
    ]
    edges = [
        ([(70, y_c), (x_f, y_c)], False),
        ([(x_f, y_c), (x_g, y_c)], False),
        ([(x_g, y_c), (x_right, y_c)], False),
        ([(x_out, y_c), (x_out, 185)], False),
        ([(x_out, 185), (x_out, y_gate)], False),
        ([(x_o, y_gate), (x_out, y_gate)], False),
        ([(x_out, y_gate), (x_out, y_bus), (x_right, y_bus)], False),
        ([(70, y_bus), (x_o, y_bus)], False),
        ([(200, 555), (200, y_bus)], False),
        ([(x_f, y_bus), (x_f, y_gate)], False),
        ([(x_g, y_bus), (x_g, y_gate)], False),
        ([(x_o, y_bus), (x_o, y_gate)], False),
        ([(x_f, y_gate), (x_f, y_c)], False),
        ([(x_g, y_gate), (x_g, y_mid)], False),
        ([(x_g, y_mid), (x_g, y_c)], False),
    ]
    dots = [(x_out, y_c), (200, y_bus), (x_f, y_bus), (x_i, y_bus), (x_g, y_bus)]
    if cell == "cifg":
        # no input-gate box: i = 1 − f, fed by the forget gate's output
        els.append(
            ElementSpec("i", "op", (x_i, y_mid), "1 − f", ("i", "t"), (0, -62), "sigmoid", "pill")
        )
        edges += [([(x_f, y_mid), (x_i, y_mid)], False), ([(x_i, y_mid), (x_g, y_mid)], False)]
        dots.append((x_f, y_mid))
        dots.remove((x_i, y_bus))
    else:
        els.append(ElementSpec("i", "gate", (x_i, y_gate), "σ", ("i", "t"), label, "sigmoid"))
        edges += [
            ([(x_i, y_bus), (x_i, y_gate)], False),
            ([(x_i, y_gate), (x_i, y_mid), (x_g, y_mid)], False),
        ]
    if cell == "peephole":
        # c_{t−1} into f and i, the new c_t into o (Gers and Schmidhuber); the one into i
        # crosses f's output below the f_t label
        x_p, y_p = 150, 258
        edges += [
            ([(x_p, y_c), (x_p, 300), (x_f, 300)], True),
            ([(x_p, y_c), (x_p, y_p), (x_i - 35, y_p), (x_i - 35, y_gate)], True),
            ([(x_o + 35, y_c), (x_o + 35, y_gate)], True),
        ]
        dots += [(x_p, y_c), (x_o + 35, y_c)]
    return Layout(
        els, edges, dots, frame=(140, 20, 730, 475), scene=(0, 15, 1030, 600), legend_at=(560, 505)
    )


def _gru_layout() -> Layout:
    """The GRU in PyTorch's form: h_{t−1} along the top, kept in proportion z and mixed
    with the candidate n in proportion 1 − z; r scales the old state inside n."""
    y_h, y_gate, y_mid, y_bus, y_x = 70, 320, 200, 450, 555
    x_z, x_omz, x_r, x_rh, x_n, x_right = 290, 430, 470, 610, 730, 960
    label = (-36, -92)
    els = [
        ElementSpec("h_prev", "state", (70, y_h), name=("h", "t−1"), scale="tanh", shape="pill"),
        ElementSpec("x", "state", (200, y_x), name=("x", "t"), shape="pill"),
        ElementSpec("z", "gate", (x_z, y_gate), "σ", ("z", "t"), label, "sigmoid"),
        ElementSpec("r", "gate", (x_r, y_gate), "σ", ("r", "t"), (0, -66), "sigmoid"),
        ElementSpec("n", "gate", (x_n, y_gate), "tanh", ("n", "t"), label, "tanh"),
        ElementSpec("z_h", "op", (x_z, y_h), "×", shape="circle", show_value=False),
        ElementSpec("one_minus_z", "op", (x_omz, y_mid), "1 − z", scale="sigmoid", shape="pill"),
        ElementSpec("r_h", "op", (x_rh, y_gate), "×", shape="circle", show_value=False),
        ElementSpec("one_minus_z_n", "op", (x_n, y_mid), "×", shape="circle", show_value=False),
        ElementSpec(
            "sum",
            "op",
            (x_n, y_h),
            "+",
            shape="circle",
            show_value=False,
            shows="h",
            equation=("h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ n_t", "{z_h:v} + {one_minus_z_n}"),
            description=QT_TRANSLATE_NOOP("CellDiagramPanel", "Old state kept plus new candidate"),
        ),
        ElementSpec("h", "state", (x_right, y_h), name=("h", "t"), scale="tanh", shape="pill"),
    ]
    edges = [
        ([(70, y_h), (x_z, y_h)], False),
        ([(x_z, y_h), (x_n, y_h)], False),
        ([(x_n, y_h), (x_right, y_h)], False),
        ([(160, y_h), (160, y_bus), (x_r, y_bus)], False),
        ([(200, y_x), (200, y_bus)], False),
        ([(x_z, y_bus), (x_z, y_gate)], False),
        ([(x_r, y_bus), (x_r, y_gate)], False),
        ([(x_z, y_gate), (x_z, y_h)], False),
        ([(x_z, y_mid), (x_omz, y_mid)], False),
        ([(x_omz, y_mid), (x_n, y_mid)], False),
        ([(x_r, y_gate), (x_rh, y_gate)], False),
        ([(x_rh, y_h), (x_rh, y_gate)], False),  # over the 1 − z line: h_{t−1} into r ⊙ (...)
        ([(x_rh, y_gate), (x_n, y_gate)], False),
        ([(200, y_x), (x_n, y_x), (x_n, y_gate)], False),  # x_t alone into n
        ([(x_n, y_gate), (x_n, y_mid)], False),
        ([(x_n, y_mid), (x_n, y_h)], False),
    ]
    dots = [(160, y_h), (200, y_bus), (x_z, y_bus), (x_z, y_mid), (x_rh, y_h)]
    return Layout(
        els, edges, dots, frame=(140, 20, 730, 475), scene=(0, 15, 1030, 600), legend_at=(770, 505)
    )


def _rnn_layout() -> Layout:
    """The plain RNN: one tanh box fed by [h_{t−1}, x_t]."""
    y, x_j, x_a, x_right = 200, 230, 430, 660
    els = [
        ElementSpec("h_prev", "state", (70, y), name=("h", "t−1"), scale="tanh", shape="pill"),
        ElementSpec("x", "state", (x_j, 350), name=("x", "t"), shape="pill"),
        ElementSpec("a", "gate", (x_a, y), "tanh", scale="wide", prefix="a = "),
        ElementSpec("h", "state", (x_right, y), name=("h", "t"), scale="tanh", shape="pill"),
    ]
    edges = [
        ([(70, y), (x_a, y)], False),
        ([(x_j, 350), (x_j, y)], False),
        ([(x_a, y), (x_right, y)], False),
    ]
    return Layout(
        els,
        edges,
        [(x_j, y)],
        frame=(140, 90, 420, 200),
        scene=(0, 40, 740, 400),
        legend_at=(470, 320),
    )


def _generic_layout(cell: str) -> Layout:
    """Any other registered cell: its gates in a row over the [h_{t−1}, x_t] bus, its
    states on the right (the layout a new cell gets until it is given its own)."""
    spec = cell_spec(cell)
    y_c, y_gate, y_bus, y_x, x_right = 70, 260, 420, 530, 960
    xs = np.linspace(300, 760, len(spec.gates)) if len(spec.gates) > 1 else [530.0]
    scale = {"σ": "sigmoid", "tanh": "tanh"}
    els = [
        ElementSpec("h_prev", "state", (70, y_bus), name=("h", "t−1"), scale="tanh", shape="pill"),
        ElementSpec("x", "state", (200, y_x), name=("x", "t"), shape="pill"),
        ElementSpec("h", "state", (x_right, y_bus), name=("h", "t"), scale="tanh", shape="pill"),
    ]
    edges = [([(70, y_bus), (float(xs[-1]), y_bus)], False), ([(200, y_x), (200, y_bus)], False)]
    dots = [(200, y_bus)]
    for x, key in zip(xs, spec.gates, strict=True):
        q = spec.quantity(key)
        symbol = q.activation or "="
        els.append(
            ElementSpec(
                key,
                "gate",
                (float(x), y_gate),
                symbol,
                (key, "t"),
                (-36, -92),
                scale.get(q.activation, q.scale),
            )
        )
        edges.append(([(float(x), y_bus), (float(x), y_gate)], False))
        edges.append(
            ([(float(x), y_gate), (float(x), 150), (x_right, 150), (x_right, y_bus)], False)
        )
        dots.append((float(x), y_bus))
    if spec.has_cell_state:
        els.append(
            ElementSpec("c_prev", "state", (70, y_c), name=("c", "t−1"), scale="wide", shape="pill")
        )
        els.append(
            ElementSpec("c", "state", (x_right, y_c), name=("c", "t"), scale="wide", shape="pill")
        )
        edges.append(([(70, y_c), (x_right, y_c)], False))
    return Layout(
        els, edges, dots, frame=(140, 20, 730, 475), scene=(0, 15, 1030, 600), legend_at=(560, 505)
    )


#: the drawing of each cell that has one of its own (any other gets ``_generic_layout``)
LAYOUTS = {
    "rnn": lambda cell: _rnn_layout(),
    "gru": lambda cell: _gru_layout(),
    "lstm": _lstm_layout,
    "peephole": _lstm_layout,
    "cifg": _lstm_layout,
}


def layout_for(cell: str) -> Layout:
    """The drawing of ``cell``."""
    return LAYOUTS.get(cell, _generic_layout)(cell)


# ---------------------------------------------------------------------------- drawing
def _font(base: QFont, px: int, *, italic: bool = False, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(px)
    font.setItalic(italic)
    font.setBold(bold)
    return font


class DiagramElement(QGraphicsObject):
    """A gate, state or operation: its shape filled with its value's colour, its symbol or
    name, the value, an optional caption, and a gate's name beside it.

    Emits ``hovered(key)`` when the mouse enters (``""`` when it leaves) and
    ``clicked(key)`` on a press. ``value`` and ``text`` are what it shows now.
    """

    hovered = Signal(str)  # the element's key, or "" when the mouse leaves it
    clicked = Signal(str)  # the element's key

    MIN_SIZE = {"box": (118, 84), "pill": (118, 78), "circle": (52, 52), "oval": (118, 76)}

    def __init__(self, spec: ElementSpec, font: QFont) -> None:
        super().__init__()
        self.spec = spec
        self.value: float | None = None
        self.scale = spec.scale  # the input's changes with the layer and the input size
        self.text = "–"  # the value line as drawn
        self.prefix = spec.prefix
        self.name = spec.name  # (base, subscript); δc_{t−1}, δa_{f,t} in backward mode
        self.caption = ""
        self.selected = False
        self._fonts = {
            "symbol": _font(font, SYMBOL_PX, bold=True),
            "name": _font(font, NAME_PX, italic=True),
            "sub": _font(font, SUB_PX),
            "value": _font(font, VALUE_PX),
            "caption": _font(font, CAPTION_PX),
            "label": _font(font, NAME_PX, italic=True, bold=True),
        }
        self._size = self.MIN_SIZE[spec.shape]
        self.setPos(*spec.at)
        self.setZValue(10)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._resize()

    # -------------------------------------------------------------- content
    def set_content(self, value: float | None, text: str, caption: str = "") -> None:
        """Show ``value`` (its colour) as ``text``; a state may add a ``caption`` line."""
        self.prepareGeometryChange()  # the name beside a gate may have changed
        self.value = value
        self.text = text
        self.caption = caption
        self._resize()
        self.update()

    def value_line(self) -> str:
        """The value as drawn, after the element's prefix."""
        return self.prefix + self.text if self.text else ""

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self.update()

    def fill(self) -> QColor:
        return value_color(self.value, self.scale)

    def _lines(self) -> list[tuple[str, object]]:
        spec, lines = self.spec, []
        if spec.kind == "state":
            lines.append(("name", self.name))
        elif spec.symbol:
            lines.append(("symbol", spec.symbol))
        if spec.show_value and self.value_line():
            lines.append(("value", self.value_line()))
        if self.caption:
            lines.append(("caption", self.caption))
        return lines

    def _line_size(self, kind: str, content) -> tuple[float, float]:
        if kind == "name":
            base, sub = content
            fm, fs = QFontMetricsF(self._fonts["name"]), QFontMetricsF(self._fonts["sub"])
            width = fm.horizontalAdvance(base) + (fs.horizontalAdvance(sub) + 2 if sub else 0)
            return width, fm.height()
        fm = QFontMetricsF(self._fonts[kind])
        return fm.horizontalAdvance(content), fm.height()

    def _resize(self) -> None:
        sizes = [self._line_size(k, c) for k, c in self._lines()]
        width = max((w for w, _ in sizes), default=0) + 28
        height = sum(h for _, h in sizes) + 14
        min_w, min_h = self.MIN_SIZE[self.spec.shape]
        if self.spec.shape == "circle":
            size = (min_w, min_h)
        else:
            size = (max(min_w, width), max(min_h, height))
        if size != self._size:
            self.prepareGeometryChange()
            self._size = size

    def body(self) -> QRectF:
        """The shape's rectangle, centred on the item's position."""
        w, h = self._size
        return QRectF(-w / 2, -h / 2, w, h)

    def _label_rect(self) -> QRectF | None:
        spec = self.spec
        if spec.kind == "state" or spec.label_at is None or not spec.name[0]:
            return None
        w, h = self._line_size("name", self.name)
        dx, dy = spec.label_at
        return QRectF(dx - w / 2, dy - h / 2, w, h)

    def text_rects(self) -> list[QRectF]:
        """Where each line of text is drawn (item coordinates), for the clipping test."""
        rects = []
        sizes = [self._line_size(k, c) for k, c in self._lines()]
        y = -sum(h for _, h in sizes) / 2
        for w, h in sizes:
            rects.append(QRectF(-w / 2, y, w, h))
            y += h
        return rects

    # -------------------------------------------------------------- QGraphicsItem
    def boundingRect(self) -> QRectF:
        rect = self.body().adjusted(-4, -4, 4, 4)
        label = self._label_rect()
        return rect.united(label.adjusted(-2, -2, 2, 2)) if label is not None else rect

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.body())
        label = self._label_rect()
        if label is not None:
            path.addRect(label)
        return path

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        body = self.body()
        fill = self.fill()
        width = 5.0 if self.selected else 2.0
        painter.setPen(QPen(SELECTED_COLOR if self.selected else EDGE_COLOR, width))
        painter.setBrush(QBrush(fill))
        shape = self.spec.shape
        if shape == "box":
            painter.drawRoundedRect(body, 10, 10)
        elif shape == "pill":
            painter.drawRoundedRect(body, min(body.height() / 2, 30), min(body.height() / 2, 30))
        else:
            painter.drawEllipse(body)

        ink = ink_for(fill)
        lines = self._lines()
        for rect, (kind, content) in zip(self.text_rects(), lines, strict=True):
            painter.setPen(ink)
            if kind == "name":
                self._draw_name(painter, rect, content)
            else:
                painter.setFont(self._fonts[kind])
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, content)
        label = self._label_rect()
        if label is not None:
            painter.setPen(QColor("#202020"))
            self._draw_name(painter, label, self.name, bold=True)

    def _draw_name(self, painter: QPainter, rect: QRectF, name, bold: bool = False) -> None:
        """``base`` in italics with ``sub`` as a subscript, centred in ``rect``."""
        base, sub = name
        font = self._fonts["label" if bold else "name"]
        fm = QFontMetricsF(font)
        baseline = rect.top() + fm.ascent()
        painter.setFont(font)
        painter.drawText(QPointF(rect.left(), baseline), base)
        if sub:
            painter.setFont(self._fonts["sub"])
            x = rect.left() + fm.horizontalAdvance(base) + 2
            painter.drawText(QPointF(x, baseline + SUB_PX * 0.3), sub)

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.hovered.emit(self.spec.key)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.hovered.emit("")
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.clicked.emit(self.spec.key)
        event.accept()


def _edge_path(points: list[tuple[float, float]]) -> QPainterPath:
    path = QPainterPath(QPointF(*points[0]))
    for p in points[1:]:
        path.lineTo(QPointF(*p))
    return path


class Edge(QGraphicsPathItem):
    """A connection drawn under the elements, with an arrowhead where it enters its target
    (found by ``_clip_to`` so the head sits on the target's outline), and a white halo so a
    crossing reads as one line passing over another."""

    def __init__(
        self, points, dashed: bool, end_rect: QRectF | None, start_rect: QRectF | None = None
    ) -> None:
        super().__init__(_edge_path(points))
        self.points = points
        self.dashed = dashed
        self.backward = False
        pen = QPen(PEEPHOLE_COLOR if dashed else EDGE_COLOR, 3.0)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setZValue(2 if dashed else 1)
        self.forward_head = None
        if end_rect is not None:
            self.forward_head = self._arrowhead(points, end_rect)
        # the backward pass runs the other way: δ flows from the end back to the start
        # (into the source element, or onto the junction the edge leaves)
        self.backward_head = self._arrowhead(points[::-1], start_rect or QRectF())
        self.head = self.forward_head

    def set_backward(self, backward: bool) -> None:
        """Point the arrow the way the forward values or the backward δ flow."""
        if backward == self.backward:
            return
        self.prepareGeometryChange()
        self.backward = backward
        self.head = self.backward_head if backward else self.forward_head
        pen = self.pen()
        if not self.dashed:
            pen.setColor(BACKWARD_EDGE_COLOR if backward else EDGE_COLOR)
        self.setPen(pen)
        self.update()

    @staticmethod
    def _arrowhead(points, target: QRectF) -> QPainterPath:
        (x0, y0), (x1, y1) = points[-2], points[-1]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy) or 1.0
        ux, uy = dx / length, dy / length
        # walk back from the end (the target's centre) to the target's outline
        tip_x, tip_y = x1, y1
        while target.contains(QPointF(tip_x, tip_y)) and length > 0:
            tip_x, tip_y = tip_x - ux, tip_y - uy
            length -= 1
        size = 14
        base_x, base_y = tip_x - ux * size, tip_y - uy * size
        path = QPainterPath()
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(tip_x, tip_y),
                    QPointF(base_x - uy * size * 0.5, base_y + ux * size * 0.5),
                    QPointF(base_x + uy * size * 0.5, base_y - ux * size * 0.5),
                ]
            )
        )
        path.closeSubpath()
        return path

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        halo = QPen(FRAME_FILL, 9.0)
        painter.strokePath(self.path(), halo)
        painter.strokePath(self.path(), self.pen())
        if self.head is not None:
            painter.fillPath(self.head, self.pen().color())

    def boundingRect(self) -> QRectF:
        rect = super().boundingRect().adjusted(-6, -6, 6, 6)
        return rect.united(self.head.boundingRect()) if self.head is not None else rect


class DiagramView(QGraphicsView):
    """Shows the whole scene rectangle at the largest scale that fits, on every resize."""

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def fit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def scale_factor(self) -> float:
        """Screen pixels per scene unit."""
        return self.transform().m11()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit()


class Legend(QGraphicsItem):
    """The colour scales used by the diagram, one gradient bar per scale with its range."""

    ROW, BAR_W, BAR_H = 34, 90, 18  # scene units

    def __init__(self, scales: list[tuple[str, str]], font: QFont) -> None:
        super().__init__()
        self.scales = scales  # (scale key, label)
        self.text_font = _font(font, CAPTION_PX)
        self.setZValue(5)

    def set_scales(self, scales: list[tuple[str, str]]) -> None:
        self.prepareGeometryChange()
        self.scales = scales
        self.update()

    def boundingRect(self) -> QRectF:
        fm = QFontMetricsF(self.text_font)
        width = max((fm.horizontalAdvance(label) for _, label in self.scales), default=0)
        return QRectF(-2, -2, self.BAR_W + 14 + width + 4, self.ROW * len(self.scales) + 4)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        fm = QFontMetricsF(self.text_font)
        painter.setFont(self.text_font)
        for k, (key, label) in enumerate(self.scales):
            y = k * self.ROW
            bar = QRectF(0, y + (self.ROW - self.BAR_H) / 2, self.BAR_W, self.BAR_H)
            colormap = DELTA_COLORMAP if key == DELTA_SCALE else SCALES[key].colormap
            gradient = pg.colormap.get(colormap).getGradient(
                QPointF(bar.left(), 0), QPointF(bar.right(), 0)
            )
            painter.setPen(QPen(EDGE_COLOR, 1))
            painter.setBrush(QBrush(gradient))
            painter.drawRect(bar)
            painter.setPen(QColor("#202020"))
            painter.drawText(
                QPointF(self.BAR_W + 12, y + self.ROW / 2 + fm.ascent() / 2 - 2), label
            )


# ---------------------------------------------------------------------------- the panel
class CellDiagramPanel(Panel):
    """The configured cell, drawn, with every element's value at the selected (t, unit,
    layer) and its equation on hover or click.

    Test hooks: ``element_names()``, ``element_value(key)``, ``element_text(key)`` (the
    value line drawn), ``equation_text(key)`` (what hover and click show, plain text),
    ``select_element(key)`` (as if clicked), ``selection()`` (the clamped selection
    shown); ``elements`` (key -> ``DiagramElement``), ``peephole_edges``, ``view``,
    ``info_label``.
    """

    title = QT_TRANSLATE_NOOP("Panel", "Cell diagram")
    object_name = "diagram_panel"
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>One step of the chosen cell, drawn the way the tutorials draw it: the inputs "
        "x<sub>t</sub> and h<sub>t−1</sub> come in on the left, the boxes are the gates "
        "(σ squashes to 0 … 1, tanh to −1 … 1), the circles multiply (×) or add (+) element "
        "by element, and c<sub>t</sub> and h<sub>t</sub> leave on the right. In the LSTM "
        "the cell state runs straight along the top: the forget gate scales it, the input "
        "gate adds to it.</p><p>Every part is coloured by its value at the step, unit and "
        "layer chosen with the timestep scrubber, on the same scales as the heatmaps. "
        "Hover over or click a part to see its equation with the numbers put in.</p>"
        "<p>With <b>Backward</b> chosen in the timestep strip, the drawing shows the backward "
        "pass instead: every part holds its δ, the gradient of the loss at the scored step τ, "
        "and the arrows point right to left, the way δ flows from τ back to t = 0. The "
        "colours are then on one logarithmic scale of |δ|, red for +, blue for −.</p>",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.cell = ""
        self.elements: dict[str, DiagramElement] = {}
        self.peephole_edges: list[Edge] = []
        self.edges: list[Edge] = []
        self.legend: Legend | None = None
        self._probe = None
        self._all_values: dict[str, float] = {}  # per quantity of the step, at (t, unit)
        self._x_vector: np.ndarray | None = None  # the input vector, layer 0 only
        self._wanted = Selection(0, 0, 0)  # as the scrubber sent it
        self._shown: Selection | None = None  # clamped to the current probe
        self._sizes = (1, 1, 1)  # D, H, L of the model reset for
        self._chosen = ""  # the element clicked (its equation shows when nothing is hovered)
        self._hovered = ""
        self._directions = 1  # 2: a bidirectional model, ``layer`` is a run k * 2 + d

        self.scene = QGraphicsScene(self)
        self.view = DiagramView(self.scene)
        self.view.setObjectName("diagram_panel_view")

        self.header = QLabel()
        self.header.setObjectName("diagram_panel_header")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.info_label = QLabel()
        self.info_label.setObjectName("diagram_panel_info")
        self.info_label.setTextFormat(Qt.TextFormat.RichText)
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # room for a description and a two-line equation, so hovering does not make the
        # drawing jump
        lines = self.info_label.fontMetrics().lineSpacing()
        self.info_label.setMinimumHeight(3 * lines + 8)
        self.info_label.setStyleSheet(
            "QLabel { background: #f6f6f6; border-top: 1px solid #d0d0d0; padding: 4px 8px; }"
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header.setContentsMargins(8, 3, 8, 3)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.info_label)
        self._build("lstm")
        self._refresh()

    # ------------------------------------------------------------------ Panel
    def reset(self, task: Task, config: TrainConfig) -> None:
        self._probe = None
        self._sizes = (task.input_size, config.hidden_size, config.num_layers)
        self._directions = directions(config)
        if config.cell != self.cell:
            self._build(config.cell)
        self._refresh()

    @Slot(object)
    def on_snapshot(self, snap: Snapshot) -> None:
        if snap.probe is None:
            return
        self._probe = snap.probe
        self._refresh()

    @Slot(object)
    def on_selection(self, selection: Selection) -> None:
        self._wanted = selection
        self._refresh()

    # ------------------------------------------------------------------ test hooks
    def element_names(self) -> tuple[str, ...]:
        """The keys of every element drawn (states, gates and pointwise operations)."""
        return tuple(self.elements)

    def element_value(self, name: str) -> float | None:
        """The value element ``name`` shows now (a pointwise ×/+ shows it in its equation);
        None before any data, and for an input vector of several values."""
        return self._values.get(name)

    def element_text(self, name: str) -> str:
        """The value line drawn in element ``name``."""
        return self.elements[name].value_line()

    def equation_text(self, name: str) -> str:
        """Element ``name``'s equation with the current numbers, as plain text."""
        return self._equation(name)

    def select_element(self, name: str) -> None:
        """Choose element ``name`` as if clicked: outlined, its equation shown below."""
        if name not in self.elements:
            raise KeyError(name)
        self._chosen = name
        for key, element in self.elements.items():
            element.set_selected(key == name)
        self._show_info()

    def selection(self) -> Selection | None:
        """The (t, unit, layer) shown, clamped to the data; None before any data."""
        return self._shown

    # ------------------------------------------------------------------ directions
    def _layer_of(self, sel: Selection | None) -> int:
        """The layer (0-based) of the run ``sel`` shows."""
        return 0 if sel is None else int(sel.layer) // self._directions

    def reverse(self) -> bool:
        """The run shown reads the sequence from T − 1 down to 0 (its previous step is t + 1)."""
        sel = self._shown
        return sel is not None and is_reverse(int(sel.layer), self._directions)

    def _mirrored(self, markup: str) -> str:
        """``markup`` for the run shown: the reverse run's previous step is t + 1 and the
        one it reads next t − 1, so the two swap in the forward run's equations."""
        return mirrored(markup) if self.reverse() else markup

    def _layer_input(self, t: int, run: int) -> np.ndarray:
        """What run ``run`` reads at step t: the input, the layer below's h, or both
        directions' h of the layer below joined (bidirectional, 2H)."""
        probe, K = self._probe, self._directions
        k = run // K
        if k == 0:
            return np.asarray(probe.inputs[t], dtype=np.float64)  # (D,)
        below = [probe.layers[(k - 1) * K + d]["h"][t] for d in range(K)]
        return np.concatenate(below).astype(np.float64)  # (K * H,)

    # ------------------------------------------------------------------ building
    def _build(self, cell: str) -> None:
        self.scene.clear()
        self.cell = cell
        self._all_values, self._x_vector, self._shown = {}, None, None
        layout = layout_for(cell)
        font = self.font()
        frame = self.scene.addRect(QRectF(*layout.frame), QPen(QColor("#c4c4c4"), 2))
        frame.setBrush(QBrush(FRAME_FILL))
        frame.setZValue(-10)
        self.elements = {}
        for spec in layout.elements:
            element = DiagramElement(spec, font)
            element.hovered.connect(self._on_hovered)
            element.clicked.connect(self.select_element)
            self.scene.addItem(element)
            self.elements[spec.key] = element
        self.edges, self.peephole_edges = [], []
        for points, dashed in layout.edges:
            target = self._element_at(points[-1])
            edge = Edge(points, dashed, target, self._element_at(points[0]))
            self.scene.addItem(edge)
            self.edges.append(edge)
            if dashed:
                self.peephole_edges.append(edge)
        for x, y in layout.dots:
            dot = self.scene.addEllipse(
                QRectF(x - 5, y - 5, 10, 10), QPen(Qt.PenStyle.NoPen), QBrush(EDGE_COLOR)
            )
            dot.setZValue(3)
        self._layout_scene = QRectF(*layout.scene)
        self.legend = Legend(self._legend_scales(False), font)
        self.legend.setPos(*layout.legend_at)
        self.scene.addItem(self.legend)
        self._drawn_backward = False
        self._fit_scene()
        default = "c" if cell_spec(cell).has_cell_state else "h"
        self._hovered = ""
        self.select_element(default)

    def _legend_scales(self, backward: bool) -> list[tuple[str, str]]:
        if backward:
            return [
                (
                    DELTA_SCALE,
                    self.tr("δ: −10 … −10⁻⁵, 0, 10⁻⁵ … 10 (log |δ|)"),
                )
            ]
        wide = {
            "rnn": self.tr("a, input: −3 … 3"),
            "gru": self.tr("input: −3 … 3"),
        }.get(self.cell, self.tr("c, input: −3 … 3"))
        scales = [("tanh", self.tr("tanh, h: −1 … 1")), ("wide", wide)]
        if self.cell != "rnn":
            scales.insert(0, ("sigmoid", self.tr("σ gates: 0 … 1")))
        return scales

    def _fit_scene(self) -> None:
        # the legend's width depends on the language: the scene grows to hold it
        self.scene.setSceneRect(
            self._layout_scene.united(self.legend.sceneBoundingRect().adjusted(0, 0, 8, 8))
        )
        self.view.fit()

    def _draw_direction(self, backward: bool) -> None:
        """Arrows and legend for the forward values or the backward δ."""
        if backward == self._drawn_backward:
            return
        self._drawn_backward = backward
        for edge in self.edges:
            edge.set_backward(backward)
        self.legend.set_scales(self._legend_scales(backward))
        self._fit_scene()

    def _element_at(self, point: tuple[float, float]) -> QRectF | None:
        """The scene rectangle of the element an edge ends in (its arrowhead's target), or
        None for an edge that ends on another line."""
        for element in self.elements.values():
            body = element.body().translated(element.pos())
            if body.contains(QPointF(*point)):
                return body
        return None

    # ------------------------------------------------------------------ values
    def _clamped(self) -> Selection | None:
        probe = self._probe
        if probe is None or not probe.layers:
            return None
        sel = self._wanted
        layer = min(max(int(sel.layer), 0), len(probe.layers) - 1)
        T, H = probe.layers[layer]["h"].shape
        last = T - 1
        if sel.backward:  # the backward pass runs from τ to 0 (one way) or over all steps
            rows = self._backward_arrays(layer)
            steps = rows["dh"].shape[0] if rows else int(probe.decay_tau) + 1
            last = min(last, steps - 1)
        return Selection(
            t=min(max(int(sel.t), 0), last),
            unit=min(max(int(sel.unit), 0), H - 1),
            layer=layer,
            direction=sel.direction,
        )

    def _backward_mode(self) -> bool:
        return self._wanted.backward

    def _refresh(self) -> None:
        self._shown = self._clamped()
        self._all_values, self._x_vector = self._compute(self._shown)
        backward = self._backward_mode()
        self._draw_direction(backward)
        values = self._values
        for key, element in self.elements.items():
            value = values.get(key)
            if backward:
                shows = self._backward_key(key)
                element.scale = DELTA_SCALE if shows else None
                element.prefix = ""
                base, sub = element.spec.name
                if shows.startswith("da_") and base:  # the gate's label: δa_{f,t}
                    element.name = ("δa", f"{base},{sub}" if sub else "")
                elif shows and base:  # a state: δc_{t−1}
                    element.name = ("δ" + base, self._mirrored(sub))
                text = "" if not shows else ("–" if value is None else fmt_short(value))
                element.set_content(value, text)
                continue
            element.scale, element.prefix = element.spec.scale, element.spec.prefix
            base, sub = element.spec.name
            element.name = (base, self._mirrored(sub))
            text = "–" if value is None else fmt(value)
            caption = ""
            if key == "x":
                text, caption = self._x_lines()
                # an input value is unbounded (the wide scale), the layer below's h is a
                # tanh; a vector of inputs has no one colour
                layer = self._layer_of(self._shown)
                if layer > 0:
                    element.scale = "tanh" if value is not None else None
                else:
                    element.scale = "wide" if value is not None else None
            element.set_content(value, text, caption)
        layer = self._layer_of(self._shown)
        for edge in self.peephole_edges:
            edge.setToolTip(
                self.tr(
                    "Peephole: the gate sees the cell state through a diagonal weight, one "
                    "number per unit (rnn.weight_ch_l{k})"
                ).format(k=f"{layer}_reverse" if self.reverse() else layer)
            )
        self._show_header()
        self._show_info()

    def _compute(self, sel: Selection | None) -> tuple[dict[str, float | None], np.ndarray | None]:
        """Every quantity's value at ``sel``: the probe's entries, the previous step's
        states (zero before t = 0), the input, and the reference step's other quantities;
        in backward mode also the δ of the backward pass there (``Probe.backward``) and
        those the cell registry derives from them."""
        if sel is None or self._probe is None:
            return {}, None
        probe, t, u, k = self._probe, sel.t, sel.unit, sel.layer
        arrays = probe.layers[k]
        if not all(name in arrays for name in self._probe_names()):
            return {}, None  # a snapshot of a model this panel was not reset for
        v: dict[str, float | None] = {name: float(a[t, u]) for name, a in arrays.items()}
        T = arrays["h"].shape[0]
        # the previous step of the run: t − 1, or t + 1 for the reverse one (zero past the end)
        prev = t + 1 if is_reverse(k, self._directions) else t - 1
        v["h_prev"] = float(arrays["h"][prev, u]) if 0 <= prev < T else 0.0
        if "c" in arrays:
            v["c_prev"] = float(arrays["c"][prev, u]) if 0 <= prev < T else 0.0
        x_vector = None
        if k // self._directions == 0:
            x_vector = np.asarray(probe.inputs[t], dtype=np.float64)  # (D,)
            v["x"] = float(x_vector[0]) if x_vector.size == 1 else None
        elif self._directions == 2:  # both directions of the layer below: 2H values
            x_vector = self._layer_input(t, k)  # (2H,)
            v["x"] = None
        else:
            v["x"] = float(probe.layers[k - 1]["h"][t, u])
        if len(probe.quantities) > k:  # the reference step's other quantities
            v.update({name: float(a[t, u]) for name, a in probe.quantities[k].items()})
        if sel.backward:
            v.update(self._backward_values(v, t, u, k))
        return v, x_vector

    def _backward_arrays(self, k: int) -> dict:
        """Layer ``k``'s arrays of the backward pass, (tau + 1, H) each; empty when the
        snapshot carries none (or not for this cell)."""
        backward = getattr(self._probe, "backward", ())
        if k >= len(backward) or "dh" not in backward[k]:
            return {}
        spec = cell_spec(self.cell)
        wanted = {f"da_{b}" for b in spec.blocks}
        return dict(backward[k]) if wanted <= set(backward[k]) else {}

    def _backward_values(self, v: dict, t: int, u: int, k: int) -> dict[str, float]:
        """The δ at (t, u) of layer ``k``, with those the registry derives from them and
        the forward values ``v``."""
        arrays = self._backward_arrays(k)
        if not arrays or t >= arrays["dh"].shape[0]:
            return {}
        d = {name: float(a[t, u]) for name, a in arrays.items()}
        below = self._backward_arrays(k - 1) if k > 0 and self._directions == 1 else {}
        if below:  # x_t of layer k is h_t of layer k − 1: what it gets from above
            d["dx"] = float(below["dh_above"][t, u])
        derived = cell_spec(self.cell).backward_values({**v, **d})
        d.update({key: value for key, value in derived.items() if key.startswith("d")})
        return d

    def _backward_key(self, key: str) -> str:
        """The backward quantity element ``key`` shows in backward mode ("" for none)."""
        spec = cell_spec(self.cell)
        state = "dc" if spec.has_cell_state else "dh"
        shows = {
            "h": "dh",
            "c": "dc",
            "h_prev": "dh_prev",
            "c_prev": "dc_prev",
            "sum": state,
            "o_tanh_c": "dh",
        }
        if key in shows:
            return shows[key]
        if key == "x":  # layer k > 0: the δ its input (layer k − 1's h) gets from above
            sel = self._shown
            one_way = self._directions == 1  # both ways x is 2H values of two runs
            return "dx" if sel is not None and sel.layer > 0 and one_way else ""
        if key in spec.blocks:
            return f"da_{key}"
        return ""

    @property
    def _values(self) -> dict[str, float | None]:
        """Each element's value: that of the quantity it shows (its δ in backward mode)."""
        if self._backward_mode():
            return {
                key: self._all_values.get(self._backward_key(key))
                if self._backward_key(key)
                else None
                for key in self.elements
            }
        return {key: self._all_values.get(e.spec.shows or key) for key, e in self.elements.items()}

    def _probe_names(self) -> tuple[str, ...]:
        return tuple(key for key in self.elements if key in cell_spec(self.cell).trace_names)

    def _x_lines(self) -> tuple[str, str]:
        """The input element's value line and caption."""
        sel = self._shown
        D, H, _ = self._sizes
        if sel is None:
            return "–", ""
        if self._directions == 2 and self._layer_of(sel) > 0:
            x = self._x_vector
            if x is None:
                return "–", ""
            return f"‖x‖ = {fmt(float(np.linalg.norm(x)))}", self.tr(
                "layer {k}'s [h→ ; h←], 2H = {n} values"
            ).format(k=self._layer_of(sel), n=x.size)
        if self._layer_of(sel) > 0:
            value = self._values.get("x")
            return (
                fmt(value) if value is not None else "–",
                self.tr("layer {k}'s h, unit {u} of {H}").format(k=sel.layer, u=sel.unit, H=H),
            )
        x = self._x_vector
        if x is None:
            return "–", ""
        char = self._char(sel.t)
        if char is not None:  # a text: the character read (one-hot, see its equation)
            return quoted(char), self.tr("the input (D = {D})").format(D=x.size)
        if x.size == 1:
            return fmt(float(x[0])), self.tr("the input (D = 1)")
        if x.size <= 4:
            return ", ".join(f"{v:.2f}".replace("-", MINUS) for v in x), self.tr(
                "the input (D = {D})"
            ).format(D=x.size)
        norm = float(np.linalg.norm(x))
        return f"‖x‖ = {fmt(norm)}", self.tr("the input (D = {D})").format(D=x.size)

    # ------------------------------------------------------------------ text
    def _show_header(self) -> None:
        sel = self._shown
        hint = self.tr("hover over or click a part for its equation")
        if sel is None:
            where = self.tr("Train or step to see the values")
        else:
            where = self._where(sel)
        if sel is not None and sel.backward:
            if not self._backward_arrays(sel.layer):
                where += " &nbsp;·&nbsp; " + self.tr("this snapshot carries no backward pass")
            else:
                tau = int(self._probe.decay_tau)
                top = self._layer_of(sel) == self._sizes[2] - 1
                if self._directions == 2 and not top:  # δ comes from above at every step
                    flow = self.tr("Backward pass: δ of the loss at τ = {tau}, at t = {t}")
                elif self.reverse():  # the ← run's gradient flows to the later steps
                    flow = self.tr("Backward pass: δ flows from τ = {tau} on to t = {t}")
                else:
                    flow = self.tr("Backward pass: δ flows from τ = {tau} back to t = {t}")
                if self._directions == 2:
                    place = self.tr("{run}, unit {unit}").format(
                        run=run_label(sel.layer, 2), unit=sel.unit
                    )
                else:
                    place = self.tr("layer {layer}, unit {unit}").format(
                        layer=sel.layer + 1, unit=sel.unit
                    )
                where = (
                    flow.format(tau=self._step(tau), t=self._step(sel.t))
                    + " &nbsp;·&nbsp; "
                    + place
                )
            cut = self._cut_text()
            if cut:
                hint = f"<span style='color:{BACKWARD_EDGE_COLOR.name()}'>{cut}</span>"
        self.header.setText(f"<b>{where}</b> &nbsp;·&nbsp; <span style='color:#555'>{hint}</span>")

    def _labels(self) -> tuple[str, ...] | None:
        """The character read at each step of the probe (a text task's), or None."""
        return getattr(self._probe, "labels", None)

    def _step(self, t: int) -> str:
        """Step ``t`` for the header (rich text): ``12``, or ``12 'e'`` for a text."""
        return html.escape(step_name(t, self._labels()), quote=False)

    def _char(self, t: int) -> str | None:
        """The character read at step ``t`` (layer 0 of a text task), or None."""
        labels = self._labels()
        if labels is None or not 0 <= t < len(labels):
            return None
        return labels[t]

    def _where(self, sel: Selection) -> str:
        if self._directions == 2:
            return self.tr("{run}, unit {unit}, step t = {t}").format(
                run=run_label(sel.layer, 2).capitalize(), unit=sel.unit, t=self._step(sel.t)
            )
        return self.tr("Layer {layer}, unit {unit}, step t = {t}").format(
            layer=sel.layer + 1, unit=sel.unit, t=self._step(sel.t)
        )

    def truncation_cut(self) -> bool:
        """Truncated BPTT cuts the backward pass between the shown step t and t − 1 (the
        reverse run: t and t + 1, counting its own steps t' = T − 1 − t)."""
        sel, probe = self._shown, self._probe
        k = int(getattr(probe, "truncate", 0) or 0)
        if sel is None or not sel.backward or k <= 0:
            return False
        if self.reverse():
            own = probe.layers[sel.layer]["h"].shape[0] - 1 - sel.t
            return own > 0 and own % k == 0
        return sel.t > 0 and sel.t % k == 0

    def _cut_text(self) -> str:
        if not self.truncation_cut():
            return ""
        k = int(self._probe.truncate)
        if cell_spec(self.cell).has_cell_state:
            text = self.tr(
                "Truncation cuts here (every k = {k} steps): δh<sub>t−1</sub> and "
                "δc<sub>t−1</sub> are computed but not passed on to step {p}"
            )
        else:
            text = self.tr(
                "Truncation cuts here (every k = {k} steps): δh<sub>t−1</sub> is computed "
                "but not passed on to step {p}"
            )
        if self.reverse():
            return self._mirrored(text).format(k=k, p=self._shown.t + 1)
        return text.format(k=k, p=self._shown.t - 1)

    @Slot(str)
    def _on_hovered(self, key: str) -> None:
        self._hovered = key
        self._show_info()

    def _show_info(self) -> None:
        key = self._hovered or self._chosen
        if not key or key not in self.elements:
            self.info_label.setText("")
            return
        # the equation a size larger than the description: it is what the learner reads
        px = round(QFontInfo(self.info_label.font()).pixelSize() * 1.25)
        extra = "".join(f"<br>{line}" for line in self._extra_lines(key))
        self.info_label.setText(
            f"<b>{self._description(key)}</b><br>"
            f"<span style='font-size: {px}px'>{math_html(self._equation(key))}</span>"
            f"{extra}"
        )

    def _description(self, key: str) -> str:
        if self._backward_mode():
            shows = self._backward_key(key)
            if shows == "dx":
                return self.tr("What this layer sends down to the input, the layer below's h")
            q = cell_spec(self.cell).backward_quantity(shows) if shows else None
            if q is None:
                return self.tr("No δ of its own in this drawing: its δ is part of its neighbours'")
            return tr_cell(q.description)
        words = {
            "x": self.tr("The input at this step"),
            "h_prev": self.tr("The hidden state of the previous step"),
            "c_prev": self.tr("The cell state of the previous step"),
        }
        if key in words:
            return words[key]
        element = self.elements.get(key)
        if element is not None and element.spec.description:
            return self.tr(element.spec.description)
        q = cell_spec(self.cell).quantity(key)
        return tr_cell(q.description) if q is not None else key

    def _equation(self, key: str) -> str:
        """Element ``key``'s equation in the markup, with numbers when there are any: the
        registry's equation of the quantity it shows, its template filled with the step's
        values (``Quantity.numbers``); in backward mode that of its δ
        (``CellSpec.backward``)."""
        return self._mirrored(self._forward_or_backward_equation(key))

    def _forward_or_backward_equation(self, key: str) -> str:
        if self._backward_mode() and self._backward_key(key):
            return self._backward_equation(self._backward_key(key))
        v = self._all_values
        sel = self._shown
        have = bool(v) and sel is not None
        if key in ("h_prev", "c_prev"):
            letter = key[0]
            eq = f"{letter}_{{t−1}}"
            if not have:
                return eq
            if self.reverse():  # the reverse run's previous step is t + 1
                T = self._probe.layers[sel.layer]["h"].shape[0]
                if sel.t == T - 1:
                    return f"{eq} = {letter}_{{{T}}} = 0 " + self.tr("(the initial state is zero)")
                return f"{eq} = {letter}_{{{sel.t + 1}}} = {fmt(v[key])}"
            if sel.t == 0:
                return f"{eq} = {letter}_{{{MINUS}1}} = 0 " + self.tr("(the initial state is zero)")
            return f"{eq} = {letter}_{{{sel.t - 1}}} = {fmt(v[key])}"
        if key == "x":
            return self._x_equation()
        element = self.elements.get(key)
        q = cell_spec(self.cell).quantity(key)
        if element is not None and element.spec.equation[0]:
            eq, numbers = element.spec.equation
        elif q is not None:
            eq = f"{q.lhs} = {q.rhs}" if q.lhs else q.rhs
            numbers = q.numbers
        else:
            return key
        value = self._values.get(key) if element is not None else v.get(key)
        if not have or value is None:
            return eq
        own = q is not None and not (element and element.spec.equation[0])
        split = self._split(q) if own else ""
        if own and q.preactivation:
            pre = self._preactivation(q, value)
            if split:  # the pre-activation's terms: where σ(7.58) came from
                split = f"{q.activation}({q.split}) = {q.activation}({split}) = "
            return f"{eq} = {split}{q.activation}({pre}) = {fmt(value)}"
        if split:  # the RNN's pre-activation: it is its terms' sum
            return f"{eq} = {q.split} = {split} = {fmt(value)}"
        try:
            filled = numbers.format_map(_Operands(v))
        except KeyError:  # a value this probe does not carry
            return eq
        return f"{eq} = {filled} = {fmt(value)}" if filled else f"{eq} = {fmt(value)}"

    def _split(self, q) -> str:
        """Gate ``q``'s pre-activation terms with the step's values (``Quantity.terms``:
        W·x, W·h and the biases, as the reference step computed them); "" when the
        snapshot does not carry them."""
        if not q.terms:
            return ""
        try:
            return q.terms.format_map(_Operands(self._all_values))
        except KeyError:
            return ""

    def _backward_equation(self, key: str) -> str:
        """The backward quantity ``key``'s equation with the numbers of the shown step."""
        v = self._all_values
        value = v.get(key)
        if key == "dx":
            eq = "δx_t = W_ihᵀ δa_t"
            return eq if value is None else f"{eq} = {fmt_delta(value)}"
        q = cell_spec(self.cell).backward_quantity(key)
        eq = f"{q.lhs} = {q.rhs}"
        if value is None:
            return eq
        try:
            filled = q.numbers.format_map(_Operands(v))
        except KeyError:  # a value this probe does not carry
            return f"{eq} = {fmt_delta(value)}"
        if not filled or filled == fmt_delta(value):
            return f"{eq} = {fmt_delta(value)}"
        return f"{eq} = {filled} = {fmt_delta(value)}"

    def _extra_lines(self, key: str) -> list[str]:
        """Below a backward equation: how many terms W_hhᵀ δa_t adds up, what step t adds
        to a gate's rows of the weight gradients, and a truncation cut."""
        shows = self._backward_key(key) if self._backward_mode() else ""
        if not shows or self._all_values.get(shows) is None:
            return []
        spec = cell_spec(self.cell)
        _, H, _ = self._sizes
        lines = []
        if shows in ("dh_prev", "dx"):
            G = spec.num_blocks
            lines.append(
                self.tr(
                    "The product with the transposed weights adds up {n} terms, one per gate "
                    "unit j of the layer ({G} blocks × H = {H}): W[j, u] · δa<sub>t</sub>[j]"
                ).format(n=G * H, G=G, H=H)
            )
        if shows in ("dh_prev", "dc_prev") and self.truncation_cut():
            lines.append(self._cut_text())
        if shows.startswith("da_"):
            lines.append(self._rows_text(shows[3:]))
        return lines

    def weight_rows(self, block: str) -> dict | None:
        """What step t adds to row u of ``block``'s weights (the shown t, unit, layer):
        ``weight_ih`` δa_t[u] x_t (D,), ``weight_hh`` δa_t[u] h_{t−1} (H,) with the
        recurrent side's δ, ``bias_ih`` and ``bias_hh``, and ``row``, the row's index in
        the stacked matrices. None without backward values."""
        sel, v = self._shown, self._all_values
        spec = cell_spec(self.cell)
        da, da_h = v.get(f"da_{block}"), v.get(spec.recurrent_delta(block))
        if sel is None or da is None or da_h is None or block not in spec.blocks:
            return None
        probe, t, k = self._probe, sel.t, sel.layer
        x = self._layer_input(t, k)  # (D,), (H,) or both directions' (2H,)
        h = probe.layers[k]["h"]
        prev = t + 1 if self.reverse() else t - 1  # the run's previous step
        h_prev = h[prev] if 0 <= prev < h.shape[0] else np.zeros(h.shape[1])
        return {
            "row": spec.blocks.index(block) * h.shape[1] + sel.unit,
            "weight_ih": da * np.asarray(x, np.float64),  # (D,)
            "weight_hh": da_h * np.asarray(h_prev, np.float64),  # (H,)
            "bias_ih": da,
            "bias_hh": da_h,
        }

    def _rows_text(self, block: str) -> str:
        rows = self.weight_rows(block)
        if rows is None:
            return ""
        spec = cell_spec(self.cell)
        delta = "δa_{" + block + ",t}" if block != "a" else "δa_t"
        delta_h = delta if spec.recurrent_delta(block) == f"da_{block}" else f"r_t {delta}"
        suffix = "" if block == "a" else block

        def vector(values) -> str:
            shown = ", ".join(fmt_delta(float(a)) for a in values[:3])
            more = ", …" if len(values) > 3 else ""
            return f"‖·‖ = {fmt_delta(float(np.linalg.norm(values)))}: ({shown}{more})"

        u = self._shown.unit
        parts = [
            f"ΔW_i{suffix}[{u}, :] = {delta} x_t, {vector(rows['weight_ih'])}",
            f"ΔW_h{suffix}[{u}, :] = {delta_h} h_{{t−1}}, {vector(rows['weight_hh'])}",
            f"Δb_i{suffix}[{u}] = {fmt_delta(rows['bias_ih'])}, "
            f"Δb_h{suffix}[{u}] = {fmt_delta(rows['bias_hh'])}",
        ]
        head = self.tr("This step adds to row {u} of the gradients:").format(u=u)
        return head + "<br>" + "<br>".join(math_html(self._mirrored(p)) for p in parts)

    def _preactivation(self, q, value: float) -> str:
        """The argument of gate ``q``'s activation: the reference step's pre-activation,
        or a bound where the gate is saturated within its precision (``preactivation``)."""
        eps = float(np.finfo(self._probe.layers[self._shown.layer][q.key].dtype).eps)
        text = preactivation(value, q.activation, eps)
        pre = self._all_values.get(q.preactivation)
        if text[0] in "<>" or pre is None:
            return text
        return f"{pre:.2f}".replace("-", MINUS)

    def _x_equation(self) -> str:
        sel = self._shown
        if sel is None:
            return "x_t"
        D, H, _ = self._sizes
        if self._directions == 2 and self._layer_of(sel) > 0:
            x = self._x_vector
            return self.tr(
                "x_t = [h→^{{({k})}}_t ; h←^{{({k})}}_t], both directions of layer {k} "
                "(2H = {n} values), ‖x_t‖ = {norm}"
            ).format(k=self._layer_of(sel), n=x.size, norm=fmt(float(np.linalg.norm(x))))
        if self._layer_of(sel) > 0:
            return self.tr(
                "x_t = h^{{({k})}}_t, the hidden state of layer {k} (a vector of H = {H} "
                "values); at unit {u}: {value}"
            ).format(k=sel.layer, H=H, u=sel.unit, value=fmt(self._values["x"]))
        x = self._x_vector
        char = self._char(sel.t)
        if char is not None:
            return self.tr(
                "x_t = x_{{{t}}} = one-hot({char}): 1 for the character read, 0 for the "
                "other {others}"
            ).format(t=sel.t, char=quoted(char), others=x.size - 1)
        if x.size == 1:
            return f"x_t = x_{{{sel.t}}} = {fmt(float(x[0]))}"
        if x.size <= 4:
            return f"x_t = x_{{{sel.t}}} = [" + ", ".join(fmt(float(a)) for a in x) + "]"
        return self.tr("x_t = x_{{{t}}}: {D} values, ‖x_t‖ = {norm}").format(
            t=sel.t, D=x.size, norm=fmt(float(np.linalg.norm(x)))
        )
