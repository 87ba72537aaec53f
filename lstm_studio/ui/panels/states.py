"""The cell state c_t (LSTM family) and the hidden state h_t of one layer over the probe
sequence, as time x unit heatmaps with fixed colour scales.

h is a tanh output (or a mix of them), so -1 .. 1. c is unbounded: it is drawn on a fixed
-3 .. 3 scale (colours clip beyond it, the hover readout gives the exact value), never
auto-levelled per frame, so a colour means the same value all run long. Orientation as in
the gates panel: the probe's ``(T, H)`` array as it is, x = t, y = unit.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from lstm_studio.engine import cell_spec

from ..i18n import tr_cell
from .gates import STATE_NAMES, LayerHeatmapPanel


class StatesPanel(LayerHeatmapPanel):
    """c_t (LSTM, peephole, cifg) and h_t of the chosen layer, one heatmap each."""

    title = QT_TRANSLATE_NOOP("Panel", "Cell and hidden states")
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p><b>c</b> is the cell state of the LSTM family, its long-term memory: the forget "
        "gate keeps it, the input gate writes into it. Nothing squashes it, so it can pass "
        "±1 (the colours stop at ±3; hover a cell for its value). <b>h</b> is what the "
        "layer outputs at each step, o ⊙ tanh(c); in a GRU or a plain RNN it is the only "
        "memory.</p><p>Look for a unit whose c stays the same over many steps and then "
        "changes at once: that is a remembered fact, like the carry in binary "
        "addition.</p>",
    )
    object_name = "states_panel"

    def _names(self, gate_names):
        return tuple(n for n in STATE_NAMES if n in gate_names)

    def _titles(self, cell):
        spec = cell_spec(cell)
        return {key: tr_cell(spec.quantity(key).title) for key in spec.states}

    def _scale_label(self, scale, names):
        if scale == "wide":
            return self.tr("c, clipped at ±3")
        return self.tr("h: -1 .. 1")

    def _scale_tooltip(self, scale):
        if scale == "wide":
            return self.tr(
                "The cell state is unbounded; colours stop at -3 and 3 (the same all run "
                "long). Hover a cell to read its exact value."
            )
        return self.tr("The hidden state lies in -1 .. 1, white = 0")
