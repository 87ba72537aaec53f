"""The setup dock: task and its parameters, cell, sizes, optimizer, seed, precision.

Every field is a widget whose range comes from the task's ``Param`` or from
``TrainConfig``'s field specs (``training.config.FIELDS``: the bounds the config
checks, and the form's decimals and steps), so an out-of-range value cannot be typed. Fields that
need a new model emit ``config_edited`` with the whole new config; the learning
rate and clipping emit ``live_edited`` and apply to the running model.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.engine import CELLS, DTYPES, OPTIMIZERS, RECURRENT_INITS, cell_spec
from lstm_studio.tasks import TASKS, Param, reads_file
from lstm_studio.training import FIELDS, TrainConfig
from lstm_studio.training.config import refuse_bidirectional

from .i18n import tr_cell, tr_task


class _WheelToTheForm(QObject):
    """Passes the wheel over an unfocused field on to the form's scroll area: spin
    boxes and combo boxes take the wheel whatever their focus policy, and a scroll
    over the form changed the learning rate under the mouse."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's
        if event.type() != QEvent.Type.Wheel or watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is None:
            event.ignore()  # offered to the parents instead
        else:  # straight to its scroll bar: a synthetic event is not offered to parents
            QApplication.sendEvent(area.verticalScrollBar(), event)
            event.accept()
        return True


def _no_wheel_focus(w: QWidget) -> QWidget:
    # a scroll over the form must not change a value under the mouse by accident: the
    # wheel neither focuses a field nor changes one that has no focus
    w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    w.installEventFilter(_WheelToTheForm(w))
    return w


class WrappedLabel(QLabel):
    """A word-wrapped label that asks its layout for the height its text needs at its
    width. QFormLayout (a spanning row) and the scroll area's resizable form lay a
    wrapped label out at the height of an earlier text or width: a new cell's
    description or the bidirectional refusal then ran over the rows around it."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        super().setText(text)
        self._fit_height()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        # the width it has once laid out; before that, the one it is given first
        height = self.heightForWidth(self.width()) if self.text() else 0
        if height >= 0 and height != self.minimumHeight():
            self.setMinimumHeight(height)


class WideSpinBox(QAbstractSpinBox):
    """A spin box for whole numbers past QSpinBox's 32 bits (the seed goes to
    2**63 - 1). Like a QSpinBox without keyboard tracking: ``valueChanged`` comes when
    the typing ends (Enter, or the focus leaves) or an arrow steps."""

    valueChanged = Signal(object)  # the int (Qt's int signals are 32 bits)

    def __init__(self, low: int, high: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._low, self._high, self._value = low, high, low
        self.lineEdit().setText(str(low))
        self.editingFinished.connect(self._commit)

    def minimum(self) -> int:
        return self._low

    def maximum(self) -> int:
        return self._high

    def singleStep(self) -> int:  # noqa: N802 - QSpinBox's name
        return 1

    def value(self) -> int:
        return self._value

    def setValue(self, value: int) -> None:  # noqa: N802 - QSpinBox's name
        value = min(max(int(value), self._low), self._high)
        self.lineEdit().setText(str(value))
        if value != self._value:
            self._value = value
            self.valueChanged.emit(value)

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt's name
        self._commit()
        self.setValue(self._value + steps)
        self.selectAll()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:  # noqa: N802 - Qt's name
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self._value > self._low:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        if self._value < self._high:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        return flags

    def validate(self, text: str, pos: int) -> QValidator.State:
        text = text.strip()
        if not text:
            return QValidator.State.Intermediate
        if not (text.isascii() and text.isdigit()) or int(text) > self._high:
            return QValidator.State.Invalid
        return (
            QValidator.State.Acceptable if int(text) >= self._low else QValidator.State.Intermediate
        )

    def _commit(self) -> None:
        text = self.lineEdit().text().strip()
        self.setValue(int(text) if text.isascii() and text.isdigit() else self._value)


class SetupPanel(QWidget):
    """The form; ``config()`` is what it shows, ``set_config()`` fills it."""

    config_edited = Signal(object)  # a TrainConfig that needs a new model
    live_edited = Signal(str, float)  # ("lr" | "clip", value) for the running model
    invalid = Signal(str)  # a value mix the task rejects, in words

    title = "Setup"
    object_name = "setup_panel"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._config = TrainConfig.from_preset("binary-addition")
        #: what was typed for a task that needs a file, kept when the window refused it
        #: (a typo in a path): choosing the task again shows it, to be corrected
        self._typed: dict[str, dict[str, Any]] = {}
        #: the parameters such a task last trained with: choosing it again uses them
        self._used: dict[str, dict[str, Any]] = {}
        self._param_widgets: dict[str, QWidget] = {}
        self._filling = False

        self.task = _no_wheel_focus(QComboBox())
        for name, cls in TASKS.items():
            self.task.addItem(tr_task(cls.title), name)
        self.task_text = WrappedLabel()
        self.task_text.setStyleSheet("color: #444;")
        self.params_box = QGroupBox(self.tr("Task parameters"))
        self.params_form = QFormLayout(self.params_box)

        self.cell = _no_wheel_focus(QComboBox())
        for name in CELLS:
            spec = cell_spec(name)
            self.cell.addItem(tr_cell(spec.label), name)
            self.cell.setItemData(
                self.cell.count() - 1, tr_cell(spec.summary), Qt.ItemDataRole.ToolTipRole
            )
        self.cell_text = WrappedLabel()
        self.cell_text.setStyleSheet("color: #444;")
        #: the fields that edit a number of the config, by its name (``FIELDS`` gives
        #: each its range, decimals and step)
        self.numbers: dict[str, QAbstractSpinBox] = {}
        self.num_layers = self._number("num_layers")
        self.hidden_size = self._number("hidden_size")
        self.bidirectional = QCheckBox(self.tr("both directions, → and ←"))
        self.bidirectional.setObjectName("setup_bidirectional")
        self.bidirectional.setToolTip(self._bidirectional_tip())
        # why the task refuses a bidirectional model, under the box (empty: hidden)
        self.bidirectional_note = WrappedLabel()
        self.bidirectional_note.setObjectName("setup_bidirectional_note")
        self.bidirectional_note.setStyleSheet("color: #444;")
        self.bidirectional_note.hide()
        self.optimizer = _no_wheel_focus(QComboBox())
        for name in OPTIMIZERS:
            self.optimizer.addItem(name, name)
        self.lr = self._number("lr")
        self.momentum = self._number("momentum")
        self.clip = self._number("clip")
        self.clip.setSpecialValueText(self.tr("off"))
        self.truncate = self._number("truncate")
        # "Truncate BPTT [5 steps]": a short label keeps the form as narrow as before
        self.truncate.setSuffix(self.tr(" steps"))
        self.truncate.setSpecialValueText(self.tr("full"))
        self.truncate.setToolTip(
            self.tr(
                "Truncated backpropagation through time: the sequence is cut into chunks of "
                "k steps. The state flows on from chunk to chunk, but the gradient stops at "
                "each cut (PyTorch: h = h.detach() every k steps). Cheaper, but nothing that "
                "spans more than k steps can be learned. 0 (full): the gradient goes back to "
                "the first step."
            )
        )
        self.batch_size = self._number("batch_size")
        self.seed = self._number("seed")
        self.dtype = _no_wheel_focus(QComboBox())
        for name in DTYPES:
            self.dtype.addItem(name, name)
        self.forget_bias = self._number("forget_bias")
        self.recurrent_init = _no_wheel_focus(QComboBox())
        for name in RECURRENT_INITS:
            label, tip = self._recurrent_init_texts()[name]
            self.recurrent_init.addItem(label, name)
            self.recurrent_init.setItemData(
                self.recurrent_init.count() - 1, tip, Qt.ItemDataRole.ToolTipRole
            )
        self.recurrent_init.setToolTip(
            self.tr(
                "How the recurrent weights W_hh start; the gain below multiplies them. "
                "Only W_hh changes: every other weight starts as PyTorch starts it."
            )
        )
        self.recurrent_gain = self._number("recurrent_gain")
        self.recurrent_gain.setToolTip(
            self.tr(
                "The gain multiplies W_hh. Above 1, W_hh stretches the vectors it is applied "
                "to: an RNN's gradient can then grow back through time (exploding gradients). "
                "Below 1 it shrinks them, and the gradient fades (vanishing gradients). "
                "Orthogonal × gain has every singular value equal to the gain."
            )
        )
        self.preset_button = QPushButton(self.tr("Use the task's preset"))
        self.preset_button.setToolTip(self.tr("Cell, sizes and optimizer that solve this task"))

        model = QGroupBox(self.tr("Model"))
        mform = QFormLayout(model)
        mform.addRow(self.tr("Cell"), self.cell)
        mform.addRow(self.cell_text)
        mform.addRow(self.tr("Layers"), self.num_layers)
        mform.addRow(self.tr("Hidden units"), self.hidden_size)
        mform.addRow(self.tr("Bidirectional"), self.bidirectional)
        mform.addRow(self.bidirectional_note)
        mform.addRow(self.tr("Forget-gate bias"), self.forget_bias)
        # two rows, not one: side by side they widened the dock by 70 pixels
        mform.addRow(self.tr("W_hh starts as"), self.recurrent_init)
        mform.addRow(self.tr("× gain"), self.recurrent_gain)
        mform.addRow(self.tr("Precision"), self.dtype)
        opt = QGroupBox(self.tr("Training"))
        oform = QFormLayout(opt)
        oform.addRow(self.tr("Optimizer"), self.optimizer)
        oform.addRow(self.tr("Learning rate"), self.lr)
        oform.addRow(self.tr("Momentum (SGD)"), self.momentum)
        oform.addRow(self.tr("Clip gradient norm"), self.clip)
        oform.addRow(self.tr("Truncate BPTT"), self.truncate)
        oform.addRow(self.tr("Batch size"), self.batch_size)
        oform.addRow(self.tr("Seed"), self.seed)

        layout = QVBoxLayout(self)
        top = QFormLayout()
        top.addRow(self.tr("Task"), self.task)
        layout.addLayout(top)
        layout.addWidget(self.preset_button)  # near the task: long descriptions push the rest
        layout.addWidget(self.task_text)
        layout.addWidget(self.params_box)
        # why the last change was refused (a data file that can't be used, ...): it stays
        # until a model is built, where the status bar's message fades after seconds
        self.problem = WrappedLabel()
        self.problem.setObjectName("setup_problem")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setStyleSheet("color: #a40000;")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addWidget(model)
        layout.addWidget(opt)
        layout.addStretch(1)

        self.task.currentIndexChanged.connect(self._on_task_changed)
        self.cell.currentIndexChanged.connect(self._on_rebuild_field)
        for w in (self.num_layers, self.hidden_size, self.batch_size, self.seed):
            w.valueChanged.connect(self._on_rebuild_field)
        for w in (self.momentum, self.forget_bias, self.truncate):
            w.valueChanged.connect(self._on_rebuild_field)
        self.optimizer.currentIndexChanged.connect(self._on_rebuild_field)
        self.bidirectional.toggled.connect(self._on_rebuild_field)
        self.recurrent_init.currentIndexChanged.connect(self._on_rebuild_field)
        self.recurrent_gain.valueChanged.connect(self._on_rebuild_field)
        self.dtype.currentIndexChanged.connect(self._on_rebuild_field)
        self.lr.valueChanged.connect(self._on_lr_changed)
        self.clip.valueChanged.connect(self._on_clip_changed)
        self.preset_button.clicked.connect(self._on_preset_clicked)
        self.set_config(self._config)

    # ---------------------------------------------------------------- widgets
    def _bidirectional_tip(self) -> str:
        return self.tr(
            "Each layer reads the sequence twice: forward (→, t from 0 up) and in reverse "
            "(←, from the last step down), with weights of its own each way. Both "
            "directions' states at a step, [h→ ; h←], feed the next layer and the head, so "
            "every output sees the whole sequence, after t as well as before (PyTorch: "
            "nn.LSTM(..., bidirectional=True))."
        )

    def _show_bidirectional(self, task: str, checked: bool) -> None:
        """The box for ``task``: disabled, with the reason under it, where the task refuses
        a bidirectional model (still enabled if it is checked, so it can be unchecked)."""
        reason = refuse_bidirectional(task)
        self.bidirectional.setEnabled(reason is None or checked)
        self.bidirectional.setToolTip(reason or self._bidirectional_tip())
        self.bidirectional_note.setText(reason or "")
        self.bidirectional_note.setVisible(bool(reason))

    def _recurrent_init_texts(self) -> dict[str, tuple[str, str]]:
        """Each of ``RECURRENT_INITS``: its label in the form (the row "× gain" follows
        it) and its tooltip."""
        return {
            "uniform": (
                self.tr("uniform (PyTorch)"),
                self.tr("PyTorch's default: every entry uniform in ±1/√H, as every other weight"),
            ),
            "orthogonal": (
                self.tr("orthogonal"),
                self.tr(
                    "Each gate's H × H block an orthogonal matrix: it turns a vector without "
                    "stretching it, so the gain alone sets how far W_hh stretches"
                ),
            ),
            "normal": (
                self.tr("normal / √H"),
                self.tr("Every entry drawn from N(0, 1) / √H"),
            ),
        }

    def _number(self, name: str) -> QAbstractSpinBox:
        """The field of the config's number ``name``: the range, the decimals and the
        step of its spec."""
        spec = FIELDS[name]
        if spec.kind is float:
            w = self._dspin(spec.form_low, spec.high, spec.decimals, spec.step)
        elif spec.high <= 2**31 - 1:
            w = self._spin(int(spec.low), int(spec.high))
            w.setSingleStep(int(spec.step))
        else:
            w = WideSpinBox(int(spec.low), int(spec.high))
            w.setKeyboardTracking(False)
            w.setAccelerated(True)
            _no_wheel_focus(w)
        self.numbers[name] = w
        return w

    @staticmethod
    def _spin(low: int, high: int) -> QSpinBox:
        w = QSpinBox()
        w.setRange(low, high)
        w.setKeyboardTracking(False)  # a value arrives when typing ends, not per digit
        w.setAccelerated(True)
        return _no_wheel_focus(w)

    @staticmethod
    def _dspin(low: float, high: float, decimals: int, step: float) -> QDoubleSpinBox:
        w = QDoubleSpinBox()
        w.setDecimals(decimals)
        w.setRange(low, high)
        w.setSingleStep(step)
        w.setKeyboardTracking(False)
        return _no_wheel_focus(w)

    def _param_widget(self, p: Param, value: Any) -> QWidget:
        if p.kind is bool:
            w = QCheckBox()
            w.setChecked(bool(value))
            w.toggled.connect(self._on_rebuild_field)
        elif p.choices:
            w = _no_wheel_focus(QComboBox())
            for c in p.choices:
                w.addItem(tr_task(c), c)
            w.setCurrentIndex(max(0, w.findData(value)))
            w.currentIndexChanged.connect(self._on_rebuild_field)
        elif p.kind is int:
            w = self._spin(int(p.low), int(p.high))
            w.setValue(int(value))
            w.valueChanged.connect(self._on_rebuild_field)
        elif p.kind is float:
            digits = max(2, -math.floor(math.log10(max(p.low, 1e-6)))) if p.low else 3
            w = self._dspin(p.low, p.high, min(digits, 5), 10 ** -min(digits, 5) * 10)
            if p.low == 0 and "0:" in p.help:  # 0 means "the task decides"
                w.setSpecialValueText(self.tr("auto"))
            w.setValue(float(value))
            w.valueChanged.connect(self._on_rebuild_field)
        elif p.name == "path":
            w = QWidget()
            row = QHBoxLayout(w)
            row.setContentsMargins(0, 0, 0, 0)
            edit = QLineEdit(str(value))
            edit.setPlaceholderText(self.tr("a CSV or UTF-8 text file"))
            browse = QPushButton(self.tr("Browse…"))
            row.addWidget(edit, 1)
            row.addWidget(browse)
            edit.editingFinished.connect(self._on_rebuild_field)
            browse.clicked.connect(lambda: self._browse(edit))
            w.edit = edit  # type: ignore[attr-defined]
        else:
            w = QLineEdit(str(value))
            w.editingFinished.connect(self._on_rebuild_field)
        w.setToolTip(tr_task(p.help))
        return w

    def _browse(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Your data"),
            edit.text(),
            self.tr("Data (*.csv *.tsv *.txt *.md);;All files (*)"),
        )
        if path:
            edit.setText(path)
            self._on_rebuild_field()

    @staticmethod
    def _param_value(p: Param, w: QWidget) -> Any:
        if p.kind is bool:
            return w.isChecked()
        if p.choices:
            return w.currentData()
        if p.kind in (int, float):
            return w.value()
        if hasattr(w, "edit"):
            return w.edit.text().strip()
        return w.text().strip()

    def _build_params(self, task: str, values: dict[str, Any]) -> None:
        # the field being edited keeps the keyboard in its new row (else the focus moved
        # on to the next widget, and the arrow keys changed the training speed)
        fw = QApplication.focusWidget()
        focused = next(
            (
                name
                for name, w in getattr(self, "_param_widgets", {}).items()
                if fw is not None and (w is fw or w.isAncestorOf(fw))
            ),
            None,
        )
        while self.params_form.rowCount():
            # taken out and deleted later, not removeRow's delete now: the rows are
            # rebuilt from a field's own signal (an arrow key in a spin box), and deleting
            # the widget that is still handling its event crashed the window
            row = self.params_form.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                if item is not None and item.widget() is not None:
                    item.widget().hide()
                    item.widget().deleteLater()
        self._param_widgets = {}
        cls = TASKS[task]
        for p in cls.params:
            w = self._param_widget(p, values.get(p.name, p.default))
            self._param_widgets[p.name] = w
            self.params_form.addRow(tr_task(p.name.replace("_", " ")), w)
        self.params_box.setVisible(bool(cls.params))
        if focused in self._param_widgets:
            w = self._param_widgets[focused]
            QTimer.singleShot(0, w, w.setFocus)  # once it is shown (a new row shows later)
        self.task_text.setText(tr_task(cls.description))

    # ---------------------------------------------------------------- config
    def _form_params(self, task: str) -> dict[str, Any]:
        """The task parameters the form shows."""
        return {
            p.name: self._param_value(p, self._param_widgets[p.name])
            for p in TASKS[task].params
            if p.name in self._param_widgets
        }

    def _preset(self, task: str, params: dict[str, Any] | None = None) -> TrainConfig | None:
        """The task's preset with this form's seed, precision and stop-when-solved (None and
        a message when it can't be built)."""
        try:
            return TrainConfig.from_preset(
                task,
                task_params=params or None,
                seed=self.seed.value(),
                dtype=self.dtype.currentData(),
                stop_when_solved=self._config.stop_when_solved,
            )
        except ValueError as e:
            self.invalid.emit(str(e))
            return None

    def config(self) -> TrainConfig:
        """The config the form shows (ValueError if the mix is invalid)."""
        task = self.task.currentData()
        params = self._form_params(task)
        return self._config.replace(
            task=task,
            task_params=params,
            cell=self.cell.currentData(),
            num_layers=self.num_layers.value(),
            hidden_size=self.hidden_size.value(),
            optimizer=self.optimizer.currentData(),
            lr=self.lr.value(),
            momentum=self.momentum.value() if self.optimizer.currentData() == "sgd" else 0.0,
            clip=self.clip.value(),
            truncate=self.truncate.value(),
            batch_size=self.batch_size.value(),
            seed=self.seed.value(),
            dtype=self.dtype.currentData(),
            forget_bias=self.forget_bias.value(),
            recurrent_init=self.recurrent_init.currentData(),
            recurrent_gain=self.recurrent_gain.value(),
            bidirectional=self.bidirectional.isChecked(),
        )

    def set_config(self, config: TrainConfig) -> None:
        """Show ``config`` (emits nothing)."""
        self._filling = True
        try:
            self._config = config
            self.task.setCurrentIndex(self.task.findData(config.task))
            defaults = {p.name: p.default for p in TASKS[config.task].params}
            self._build_params(config.task, {**defaults, **dict(config.task_params)})
            self.cell.setCurrentIndex(self.cell.findData(config.cell))
            self.num_layers.setValue(config.num_layers)
            self.hidden_size.setValue(config.hidden_size)
            self.bidirectional.setChecked(config.bidirectional)
            self._show_bidirectional(config.task, config.bidirectional)
            self.optimizer.setCurrentIndex(self.optimizer.findData(config.optimizer))
            self.lr.setValue(config.lr)
            self.momentum.setValue(config.momentum)
            self.momentum.setEnabled(config.optimizer == "sgd")
            self.clip.setValue(config.clip)
            self.truncate.setValue(config.truncate)
            self.batch_size.setValue(config.batch_size)
            self.seed.setValue(config.seed)
            self.dtype.setCurrentIndex(self.dtype.findData(config.dtype))
            self.forget_bias.setValue(config.forget_bias)
            self.forget_bias.setEnabled(cell_spec(config.cell).has_forget_gate)
            self.recurrent_init.setCurrentIndex(self.recurrent_init.findData(config.recurrent_init))
            self.recurrent_gain.setValue(config.recurrent_gain)
            self.cell_text.setText(tr_cell(cell_spec(config.cell).summary))
        finally:
            self._filling = False

    # ---------------------------------------------------------------- slots
    @Slot()
    def _on_task_changed(self) -> None:
        if self._filling:
            return
        task = self.task.currentData()
        self._show_bidirectional(task, self.bidirectional.isChecked())
        if reads_file(task):
            if task in self._used and task not in self._typed:  # the file it trained on
                config = self._preset(task, self._used[task])
                if config is not None:
                    self._emit(config)
                return
            # nothing to build before a file is chosen: show the form and ask for one (a
            # file typed and refused before is shown, to be corrected)
            values = {p.name: p.default for p in TASKS[task].params}
            values.update(self._typed.get(task, {}))
            self._filling = True
            try:
                self._build_params(task, values)
            finally:
                self._filling = False
            if task in self._typed:
                hint = self.tr("Correct the file's name or choose another, then press Enter")
            else:
                hint = self.tr("Choose a CSV or UTF-8 text file for “Your own data”")
            self.show_problem(hint, error=False)
            return
        # a new task starts from its preset: the old sizes rarely fit it
        config = self._preset(task)
        if config is not None:
            self._emit(config)

    @Slot()
    def _on_rebuild_field(self) -> None:
        if self._filling:
            return
        task = self.task.currentData()
        if task != self._config.task:  # the first file for "your own data": its preset
            config = self._preset(task, self._form_params(task))
            if config is not None:
                self._emit(config)
            return
        try:
            config = self.config()
        except ValueError as e:
            self.invalid.emit(str(e))
            self.set_config(self._config)  # back to the last valid state
            return
        self._emit(config)

    def _emit(self, config: TrainConfig) -> None:
        if config != self._config:
            self.config_edited.emit(config)

    @Slot()
    def _on_preset_clicked(self) -> None:
        c = self._config
        path = {k: v for k, v in c.task_params.items() if k == "path"}  # keep the user's file
        config = self._preset(c.task, path)
        if config is not None:
            self._emit(config)

    @Slot(float)
    def _on_lr_changed(self, value: float) -> None:
        if not self._filling:  # (the field's range is the config's: above 0)
            self._config = self._config.replace(lr=value)
            self.live_edited.emit("lr", value)

    @Slot(float)
    def _on_clip_changed(self, value: float) -> None:
        if not self._filling:
            self._config = self._config.replace(clip=value)
            self.live_edited.emit("clip", value)

    def changes(self, old: TrainConfig, new: TrainConfig) -> list[str]:
        """What ``new`` sets differently from ``old``, in the form's words ("Learning
        rate 0.05 → 0.01"): a new task's preset replaces these, and the learner is told."""

        def number(value: float) -> str:
            return f"{value:g}"

        def cell(name: str) -> str:
            return tr_cell(cell_spec(name).label)

        def clip(value: float) -> str:
            return self.tr("off") if value == 0 else number(value)

        def truncate(value: int) -> str:
            return self.tr("full") if value == 0 else str(value)

        def yes_no(value: bool) -> str:
            return self.tr("on") if value else self.tr("off")

        def init(name: str) -> str:
            return self._recurrent_init_texts()[name][0]

        fields = (
            ("cell", self.tr("Cell"), cell),
            ("num_layers", self.tr("Layers"), str),
            ("hidden_size", self.tr("Hidden units"), str),
            ("bidirectional", self.tr("Bidirectional"), yes_no),
            ("forget_bias", self.tr("Forget-gate bias"), number),
            ("recurrent_init", self.tr("W_hh starts as"), init),
            ("recurrent_gain", self.tr("× gain"), number),
            ("optimizer", self.tr("Optimizer"), str),
            ("lr", self.tr("Learning rate"), number),
            ("momentum", self.tr("Momentum (SGD)"), number),
            ("clip", self.tr("Clip gradient norm"), clip),
            ("truncate", self.tr("Truncate BPTT"), truncate),
            ("batch_size", self.tr("Batch size"), str),
            ("steps", self.tr("Steps"), lambda n: f"{n:,}"),
        )
        said = []
        for name, label, text in fields:
            a, b = getattr(old, name), getattr(new, name)
            if a != b:
                said.append(f"{label} {text(a)} → {text(b)}")
        return said

    def current(self) -> TrainConfig:
        """The config the form stands for: the last one the window took (``accept``),
        with the learning rate, clipping and budget changed since."""
        return self._config

    def set_budget(self, steps: int, stop_when_solved: bool) -> None:
        """The window's budget changed: the next model the form asks for keeps it."""
        self._config = self._config.replace(steps=steps, stop_when_solved=stop_when_solved)

    def accept(self, config: TrainConfig) -> None:
        """The window took ``config`` (a new model was built for it)."""
        if reads_file(config.task):
            self._used[config.task] = dict(config.task_params)
            self._typed.pop(config.task, None)
        self.set_config(config)
        self.show_problem("")

    def show_problem(self, text: str, error: bool = True) -> None:
        """Say under the task's parameters why the last change was not applied, or what
        to do next (``error=False``); "" hides it."""
        self.problem.setStyleSheet("color: #a40000;" if error else "color: #444;")
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def revert(self, keep_typed: bool = True) -> None:
        """The window refused the last edit: show the current config again. A file typed
        for a task that reads one stays in its field to be corrected (``keep_typed``), or
        comes back when that task is chosen again."""
        task = self.task.currentData()
        typed = self._form_params(task) if reads_file(task) else None
        if typed is not None and task != self._config.task:
            self._typed[task] = typed  # shown when the task is chosen again
        self.set_config(self._config)
        if keep_typed and typed is not None and task == self._config.task:
            self._filling = True
            try:
                self._build_params(task, typed)
            finally:
                self._filling = False
