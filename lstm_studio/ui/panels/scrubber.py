"""The timestep scrubber: choose a step t of the probe sequence, a unit and a layer, and read
every gate and state there.

The choice (a ``Selection``) goes to every panel: the heatmaps outline column t and the
unit, the cell diagram shows its values. Play walks t through the sequence a few steps a
second. While training, the values follow the live model at the same (t, unit); while
paused they hold still.

Backward mode reads the backward pass of the loss at the scored step τ (the one the
decay panel shows): t runs over 0 … τ, play walks it from τ down to 0 and stops there,
and the readout gives the δ values at (t, unit, layer) (``Probe.backward``).

A bidirectional model lists each layer twice, "1 →" and "1 ←" (its runs, see
``base.run_label``). Its backward pass spans the whole sequence: the → run carries δ from
τ back to 0, the ← run from τ on to T − 1 (it read them after τ), so backward mode then
covers every step and ▶ walks the way δ flows in the chosen run.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.engine import cell_spec
from lstm_studio.tasks import Task
from lstm_studio.training import Snapshot, TrainConfig

from .base import (
    BACKWARD,
    FORWARD,
    Panel,
    Selection,
    backward_start,
    directions,
    is_reverse,
    mirrored,
    quoted,
    reverse_cut,
    run_count,
    run_label,
    step_name,
)
from .equations import math_html

PLAY_INTERVAL_MS = 400  # a step every 0.4 s: slow enough to read the values


class ScrubberPanel(Panel):
    """Slider over t, play and pause, unit and layer choosers, and a readout."""

    title = QT_TRANSLATE_NOOP("Panel", "Timestep")
    object_name = "scrubber_panel"
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>The probe is one fixed held-out sequence the network reads at every snapshot. "
        "Pick a timestep <i>t</i> with the slider (or press ▶ to walk through it) and a "
        "unit and layer: every heatmap outlines that column and unit, the cell diagram "
        "shows its values, and the line below reads each gate and state there.</p>"
        "<p>Clicking a heatmap picks its t and unit too. While training, the numbers "
        "follow the live model; pause to hold them still.</p>"
        "<p><b>Backward</b> reads the backward pass instead: the gradient δ of the loss at "
        "the scored step τ, carried back one step at a time from τ to 0. ▶ walks it from "
        "τ down to 0; the cell diagram then shows each δ with its equation and numbers.</p>",
    )

    selection_changed = Signal(object)  # the new Selection

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self._probe = None
        self._T = 1
        self._cell = "lstm"
        self._directions = 1  # 2: a bidirectional model, the layer chooser lists its runs
        self._num_layers = 1
        self._labels: tuple[str, ...] | None = None  # the character read at each step
        self.forward_button = QToolButton()
        self.forward_button.setObjectName("scrubber_forward")
        self.forward_button.setText(self.tr("Forward"))
        self.forward_button.setToolTip(self.tr("Read the forward pass: the gates and states"))
        self.backward_button = QToolButton()
        self.backward_button.setObjectName("scrubber_backward")
        self.backward_button.setText(self.tr("Backward"))
        self.backward_button.setToolTip(
            self.tr("Read the backward pass: δ of the loss at the scored step τ, from τ back to 0")
        )
        self.direction_group = QButtonGroup(self)
        self.direction_group.setExclusive(True)
        for button in (self.forward_button, self.backward_button):
            button.setCheckable(True)
            button.setAutoRaise(True)
            self.direction_group.addButton(button)
        self.forward_button.setChecked(True)
        self.backward_button.toggled.connect(self._on_direction_toggled)
        self.play_button = QToolButton()
        self.play_button.setCheckable(True)
        self.play_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.play_button.setToolTip(self.tr("Play: walk t through the sequence"))
        self.play_button.toggled.connect(self._on_play_toggled)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("scrubber_t")
        self.slider.setRange(0, 0)
        self.slider.setPageStep(1)
        self.slider.setToolTip(self.tr("The timestep t of the probe sequence (← and → keys)"))
        self.slider.valueChanged.connect(self._on_changed)
        self.t_label = QLabel()
        self.t_label.setObjectName("scrubber_t_label")
        self.t_label.setTextFormat(Qt.TextFormat.PlainText)  # a character may be "<"
        self._fit_t_label()
        self.unit = QSpinBox()
        self.unit.setObjectName("scrubber_unit")
        self.unit.setRange(0, 0)
        self.unit.setToolTip(self.tr("The unit (row of every heatmap)"))
        self.unit.valueChanged.connect(self._on_changed)
        self.layer = QComboBox()
        self.layer.setObjectName("scrubber_layer")
        # its entries change with the model ("1" one way, "1 →" both ways): fit them
        self.layer.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.layer.setToolTip(
            self.tr(
                "The layer (1 = nearest the input); in a bidirectional model → reads t "
                "from 0 up, ← from the last step down"
            )
        )
        self.layer.currentIndexChanged.connect(self._on_changed)
        self.readout = QLabel(self.tr("Train or step to see values"))
        self.readout.setObjectName("scrubber_readout")
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._timer = QTimer(self)
        self._timer.setInterval(PLAY_INTERVAL_MS)
        self._timer.timeout.connect(self._on_tick)

        row = QHBoxLayout()
        row.setContentsMargins(6, 2, 6, 0)
        row.addWidget(self.forward_button)
        row.addWidget(self.backward_button)
        row.addSpacing(6)
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        row.addWidget(self.t_label)
        row.addSpacing(12)
        row.addWidget(QLabel(self.tr("unit")))
        row.addWidget(self.unit)
        row.addSpacing(8)
        row.addWidget(QLabel(self.tr("layer")))
        row.addWidget(self.layer)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(2)
        layout.addLayout(row)
        readout_row = QHBoxLayout()
        readout_row.setContentsMargins(8, 0, 6, 0)
        readout_row.addWidget(self.readout, 1)
        layout.addLayout(readout_row)
        self._set_layers(1)
        self._show_t()

    # ---------------------------------------------------------------- the choice
    def selection(self) -> Selection:
        return Selection(
            self.slider.value(),
            self.unit.value(),
            max(self.layer.currentIndex(), 0),
            self.direction(),
        )

    def direction(self) -> str:
        """``"forward"`` or ``"backward"``."""
        return BACKWARD if self.backward_button.isChecked() else FORWARD

    def set_direction(self, direction: str) -> None:
        """Read the forward or the backward pass (as if its button were pressed)."""
        if direction not in (FORWARD, BACKWARD):
            raise ValueError(f"direction must be forward or backward, got {direction!r}")
        (self.backward_button if direction == BACKWARD else self.forward_button).setChecked(True)

    def tau(self) -> int | None:
        """The scored step τ the backward pass starts from (None before any probe)."""
        return None if self._probe is None else int(self._probe.decay_tau)

    def set_selection(self, t: int, unit: int, layer: int) -> None:
        """Move the scrubber (a click on a heatmap); values out of range are clamped."""
        for widget in (self.slider, self.unit, self.layer):
            widget.blockSignals(True)
        self.slider.setValue(int(np.clip(t, 0, self.slider.maximum())))
        self.unit.setValue(int(np.clip(unit, 0, self.unit.maximum())))
        self.layer.setCurrentIndex(int(np.clip(layer, 0, self.layer.count() - 1)))
        for widget in (self.slider, self.unit, self.layer):
            widget.blockSignals(False)
        self._on_changed()

    # ---------------------------------------------------------------- Panel
    def reset(self, task: Task, config: TrainConfig) -> None:
        self._probe = None
        self._labels = None
        self._fit_t_label()
        self._cell = config.cell
        self.play_button.setChecked(False)
        self.unit.blockSignals(True)
        self.unit.setRange(0, config.hidden_size - 1)
        self.unit.blockSignals(False)
        self._directions = directions(config)
        self._num_layers = config.num_layers
        self._set_layers(run_count(config))
        self.readout.setText(self.tr("Train or step to see values"))
        self._on_changed()

    def on_snapshot(self, snap: Snapshot) -> None:
        if snap.probe is None:
            return
        tau = self.tau()
        self._probe = snap.probe
        labels = getattr(snap.probe, "labels", None)
        if labels != self._labels:  # a text's characters, or another prompt's
            self._labels = labels
            self._fit_t_label()
            self._show_t()
        T = snap.probe.inputs.shape[0]
        if T != self._T or (self.direction() == BACKWARD and self.tau() != tau):
            self._T = T
            self._set_range()
            if self.direction() == BACKWARD:  # a new τ: its pass starts elsewhere
                self._go_to_start()
            self._on_changed()
        else:
            self._show_values()

    # ---------------------------------------------------------------- inside
    def _backward_steps(self) -> int:
        """How many steps the backward pass has: τ + 1, or T both ways (the probe's)."""
        probe = self._probe
        rows = getattr(probe, "backward", ()) if probe is not None else ()
        for arrays in rows:
            if "dh" in arrays:
                return int(arrays["dh"].shape[0])
        tau = self.tau() or 0
        return self._T if self._directions == 2 else tau + 1

    def _reverse(self) -> bool:
        return is_reverse(max(self.layer.currentIndex(), 0), self._directions)

    def _start(self) -> int:
        """The step the backward pass of the chosen run starts at."""
        return backward_start(
            max(self.layer.currentIndex(), 0),
            self._directions,
            self._num_layers,
            self.tau() or 0,
            self._backward_steps(),
        )

    def _go_to_start(self) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(self._start())
        self.slider.blockSignals(False)

    def _set_range(self) -> None:
        """t runs over the sequence, or over the backward pass's steps (0 … τ one way)."""
        last = self._T - 1
        if self.direction() == BACKWARD and self._probe is not None:
            last = min(self._backward_steps() - 1, last)
        self.slider.blockSignals(True)
        self.slider.setRange(0, last)
        self.slider.blockSignals(False)

    @Slot(bool)
    def _on_direction_toggled(self, backward: bool) -> None:
        self.play_button.setChecked(False)
        self._set_range()
        if backward:  # the backward pass starts at the scored step
            self._go_to_start()
        self.play_button.setToolTip(self._play_tip())
        self._on_changed()

    def _play_tip(self) -> str:
        if self.direction() != BACKWARD:
            return self.tr("Play: walk t through the sequence")
        if self._reverse():
            return self.tr("Play: walk t the way δ flows in the ← run, up to the last step")
        if self._directions == 2:
            return self.tr("Play: walk t the way δ flows in the → run, down to 0")
        return self.tr("Play: walk t from τ back to 0")

    def _set_layers(self, count: int) -> None:
        self.layer.blockSignals(True)
        index = self.layer.currentIndex()
        self.layer.clear()
        K = self._directions
        self.layer.addItems(
            [
                str(run // K + 1) + ("" if K == 1 else " ←" if run % 2 else " →")
                for run in range(count)
            ]
        )
        self.layer.setCurrentIndex(min(max(index, 0), count - 1))
        self.layer.blockSignals(False)

    @Slot()
    def _on_changed(self) -> None:
        if not self.play_button.isChecked():
            self.play_button.setToolTip(self._play_tip())
        self._show_t()
        self._show_values()
        self.selection_changed.emit(self.selection())

    def _fit_t_label(self) -> None:
        """A fixed width, so the slider does not jump as the digits (and characters)
        change: room for four digits, and for the widest character after t and τ."""
        widest = "t = 0000 ← τ = 0000"
        if self._labels:
            wide = max(set(self._labels), key=self.t_label.fontMetrics().horizontalAdvance)
            widest = f"t = 0000 {quoted(wide)} ← τ = 0000 {quoted(wide)}"
        self.t_label.setFixedWidth(self.t_label.fontMetrics().horizontalAdvance(widest) + 4)

    def step_text(self, t: int) -> str:
        """Step ``t`` as the strip names it: ``12``, or ``12 'e'`` for a text."""
        return step_name(t, self._labels)

    def _show_t(self) -> None:
        t, tau = self.step_text(self.slider.value()), self.step_text(self.tau() or 0)
        if self.direction() == BACKWARD and self._probe is not None:
            top = max(self.layer.currentIndex(), 0) // self._directions == self._num_layers - 1
            if not top and self._directions == 2:  # δ of l_τ reaches it at every step
                self.t_label.setText(f"t = {t} · τ = {tau}")
                return
            if self._reverse():  # δ flows on from τ to the later steps
                self.t_label.setText(f"τ = {tau} → t = {t}")
                return
            self.t_label.setText(f"t = {t} ← τ = {tau}")
        else:
            self.t_label.setText(f"t = {t} / {self.slider.maximum()}")

    def _backward_arrays(self, layer: int) -> dict:
        """Layer ``layer``'s backward arrays (tau + 1, H) in the registry's order, by key."""
        probe = self._probe
        backward = getattr(probe, "backward", ()) if probe is not None else ()
        if layer >= len(backward):
            return {}
        arrays = backward[layer]
        spec = cell_spec(self._cell)
        order = [q.key for q in spec.backward if q.key in arrays]
        return {key: arrays[key] for key in order}

    def _show_values(self) -> None:
        probe = self._probe
        sel = self.selection()
        if probe is None or sel.layer >= len(probe.layers):
            return
        if sel.backward:
            self._show_backward(sel)
            return
        arrays = probe.layers[sel.layer]
        parts = []
        for name, values in arrays.items():
            if sel.t < values.shape[0] and sel.unit < values.shape[1]:
                parts.append(f"<b>{name}</b> {float(values[sel.t, sel.unit]):+.3f}")
        parts.insert(0, self._input_text(probe, sel))
        t = html.escape(self.step_text(sel.t), quote=False)
        if self._directions == 2:
            where = self.tr("t = {0}, unit {1}, {2}:").format(t, sel.unit, run_label(sel.layer, 2))
        else:
            where = self.tr("t = {0}, unit {1}, layer {2}:").format(t, sel.unit, sel.layer + 1)
        self.readout.setText(where + "&nbsp;&nbsp; " + " &nbsp;·&nbsp; ".join(parts))

    def _show_backward(self, sel: Selection) -> None:
        arrays = self._backward_arrays(sel.layer)
        if not arrays:
            self.readout.setText(self.tr("This snapshot carries no backward pass"))
            return
        spec = cell_spec(self._cell)
        parts = []
        for key, values in arrays.items():
            if sel.t < values.shape[0] and sel.unit < values.shape[1]:
                title = spec.backward_quantity(key).title
                title = math_html(mirrored(title) if self._reverse() else title)
                value = float(values[sel.t, sel.unit]) + 0.0  # -0.0 becomes 0
                parts.append(f"<b>{title}</b> {'0' if value == 0 else f'{value:+.3g}'}")
        k, tau = getattr(self._probe, "truncate", 0), self.tau() or 0
        top = sel.layer // self._directions == self._num_layers - 1
        if self._directions == 1 or (top and not self._reverse()):
            cut = k * (tau // k) if k else 0
            if 0 < cut and sel.t < cut:  # nothing of l_tau reaches here: say why it is all 0
                parts.insert(
                    0,
                    self.tr("<i>before the cut at step {0}: no gradient reaches here</i>").format(
                        cut
                    ),
                )
        elif top:  # the ← run: the mirror image, nothing after its cut
            last = reverse_cut(tau, self._backward_steps(), k)
            if last is not None and sel.t > last:
                parts.insert(
                    0,
                    self.tr(
                        "<i>after the ← run's cut at step {0}: no gradient reaches here</i>"
                    ).format(last),
                )
        tau_name = html.escape(self.step_text(tau), quote=False)
        t = html.escape(self.step_text(sel.t), quote=False)
        if self._directions == 2:
            where = self.tr("Backward from τ = {0}: t = {1}, unit {2}, {3}:").format(
                tau_name, t, sel.unit, run_label(sel.layer, 2)
            )
        else:
            where = self.tr("Backward from τ = {0}: t = {1}, unit {2}, layer {3}:").format(
                tau_name, t, sel.unit, sel.layer + 1
            )
        self.readout.setText(where + "&nbsp;&nbsp; " + " &nbsp;·&nbsp; ".join(parts))

    def _input_text(self, probe, sel: Selection) -> str:
        """What the layer reads at t: the input for layer 1, the layer below's h above."""
        below = sel.layer // self._directions
        if below > 0 and self._directions == 2:
            return self.tr("<b>x<sub>t</sub></b> = layer {0}'s [h→ ; h←]").format(below)
        if below > 0:
            return self.tr("<b>x<sub>t</sub></b> = layer {0}'s h").format(below)
        if self._labels is not None and sel.t < len(self._labels):  # a text: the character
            return "<b>x<sub>t</sub></b> = " + html.escape(quoted(self._labels[sel.t]), quote=False)
        x = probe.inputs[sel.t]
        if x.size <= 4:
            return "<b>x<sub>t</sub></b> (" + ", ".join(f"{float(v):.3g}" for v in x) + ")"
        hot = np.flatnonzero(x)
        if hot.size == 1 and x[hot[0]] == 1:  # one-hot: a symbol
            return self.tr("<b>x<sub>t</sub></b> symbol {0}").format(int(hot[0]))
        if hot.size == 0:
            return self.tr("<b>x<sub>t</sub></b> nothing")
        return self.tr("<b>x<sub>t</sub></b> {0} values").format(x.size)

    @Slot(bool)
    def _on_play_toggled(self, playing: bool) -> None:
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(icon))
        tip = self.tr("Pause the walk through t") if playing else self._play_tip()
        self.play_button.setToolTip(tip)
        if playing:
            end = self.slider.maximum() if self._reverse() else 0
            if self.direction() == BACKWARD and self.slider.value() == end:
                self.slider.setValue(self._start())  # from τ again
            self._timer.start()
        else:
            self._timer.stop()

    @Slot()
    def _on_tick(self) -> None:
        if self.direction() == BACKWARD and self._reverse():  # δ flows to the later steps
            t = self.slider.value() + 1
            if t >= self.slider.maximum():
                self.slider.setValue(self.slider.maximum())
                self.play_button.setChecked(False)  # the ← run's pass ends at T − 1
            else:
                self.slider.setValue(t)
            return
        if self.direction() == BACKWARD:  # from τ down to 0, one step back a tick
            t = self.slider.value() - 1
            if t <= 0:
                self.slider.setValue(0)
                self.play_button.setChecked(False)  # the backward pass ends at t = 0
            else:
                self.slider.setValue(t)
            return
        t = self.slider.value() + 1
        self.slider.setValue(0 if t > self.slider.maximum() else t)

    def values(self) -> dict[str, float]:
        """What the readout shows: name -> value at the selection (tests); the δ by the
        probe's backward keys in backward mode."""
        probe = self._probe
        sel = self.selection()
        if probe is None or sel.layer >= len(probe.layers):
            return {}
        if sel.backward:
            arrays = self._backward_arrays(sel.layer)
            return {k: float(v[sel.t, sel.unit]) for k, v in arrays.items()}
        return {k: float(v[sel.t, sel.unit]) for k, v in probe.layers[sel.layer].items()}
