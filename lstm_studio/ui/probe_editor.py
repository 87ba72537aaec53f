"""The learner's own probe: a form of the task's probe fields, checked as typed.

Every inspection panel shows the model reading one probe sequence, by default a
held-out example. Here the learner types their own in the task's terms (two numbers to
add, a window of primes, a prompt, ...): one field per ``Task.probe_params()``, labelled
with its help and its range. Each keystroke is checked by the window's own task object
(``Param.parse`` per field, then ``Task.make_probe`` for the fields together), and the
reason for a refusal stands under the field it belongs to (``ProbeError.field``), in
red. Show (or Enter) hands the values on (``show_requested``); the window sends them to
the training process (``set_probe``), which re-runs the probe on the current weights
and owns it from then on: what the panels show, and what a saved run keeps, is the
snapshot's ``probe_values``. The form keeps no copy of its own: it is filled from the
snapshots (a reopened run shows its saved probe).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.tasks import Param, Task
from lstm_studio.tasks.base import ProbeError
from lstm_studio.tasks.text import MAX_PROMPT
from lstm_studio.training import Snapshot
from lstm_studio.translations import translate

from .i18n import tr_task

REASON = "#a40000"  # a refusal, as the Setup's
FAINT = "#666666"
YOURS = "#b35900"  # the learner's own sequence, where the panels say whose it is


def field_text(value: Any) -> str:
    """A probe value as its field shows it: 223, 0.275, "2, 3, 5"."""
    if isinstance(value, float):
        return format(value, ".10g")
    return str(value)


def whose_words(yours: bool) -> str:
    """Whose sequence the panels show, in words (translated)."""
    if yours:
        return QCoreApplication.translate("ProbeEditor", "your sequence")
    return QCoreApplication.translate("ProbeEditor", "the held-out example")


def whose(snap: Snapshot | None) -> str:
    """Whose sequence a snapshot's panels show: "your sequence" or "the held-out example",
    from its ``probe_values`` (the training process owns them)."""
    return whose_words(snap is not None and snap.probe_values is not None)


class PromptEdit(QPlainTextEdit):
    """A prompt of several lines: Enter shows it (as in the other fields), Shift+Enter
    starts a new line."""

    submitted = Signal()  # Enter was pressed

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - QLineEdit's name
        self.setPlainText(text)


class ProbeEditor(QWidget):
    """The form of the task's probe fields, Show and Back to the held-out example.

    ``reset(task)`` builds the fields (the window's task object checks them);
    ``on_snapshot`` fills them from what the panels show when that changed;
    ``set_unavailable(reason)`` turns the form off and says why ("" turns it on).
    Attributes for tests: ``fields`` and ``reasons`` (name -> widget), ``form_reason``
    (a reason that belongs to no one field), ``show_button``, ``back_button``, ``status``.
    """

    show_requested = Signal(object)  # the probe's values (a dict), or None: the held-out example

    title = QT_TRANSLATE_NOOP("Panel", "Your sequence")
    object_name = "probe_panel"
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>Every panel that follows the network step by step (gates, states, gradient "
        "decay, cell diagram, timestep, predictions) shows it reading one sequence: at "
        "first an example the network never trains on. Type your own here, in the task's "
        "terms (two numbers to add, a window of primes, a prompt, ...), and press Show or "
        "Enter: the network reads it with its current weights.</p><p>Training is not "
        "touched: the weights, the batches and the loss curves are the same whatever you "
        "look at, while training or paused. Each field is checked as you type; the reason "
        "for a refusal stands under it in red, and nothing is sent. Your sequence is saved "
        "with the run.</p>",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.task: Task | None = None
        self.params: tuple[Param, ...] = ()
        self.fields: dict[str, QLineEdit | PromptEdit] = {}
        self.reasons: dict[str, QLabel] = {}
        # the probe the panels show (None: the held-out example; False: no snapshot yet)
        self._shown: Mapping[str, Any] | None | bool = False
        self._unavailable = ""
        self._filling = False

        self.status = QLabel()
        self.status.setObjectName("probe_status")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.intro = QLabel(
            self.tr(
                "Type a sequence of your own: every panel shows the network reading it, "
                "with its current weights. Training is not touched."
            )
        )
        self.intro.setWordWrap(True)
        self.intro.setStyleSheet(f"color: {FAINT};")
        self.unavailable = QLabel()
        self.unavailable.setObjectName("probe_unavailable")
        self.unavailable.setWordWrap(True)
        self.unavailable.setStyleSheet(
            "QLabel { background: #fff4d6; border: 1px solid #e0c880; padding: 6px; }"
        )
        self.unavailable.hide()

        self.form = QWidget()
        self.form_layout = QVBoxLayout(self.form)
        self.form_layout.setContentsMargins(0, 0, 0, 0)
        self.form_reason = self._reason_label()
        self.form_reason.setObjectName("probe_reason")

        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setObjectName("probe_show")
        self.show_button.setToolTip(self.tr("Show the network reading this sequence (Enter)"))
        self.show_button.clicked.connect(self._on_show)
        self.back_button = QPushButton(self.tr("Back to the held-out example"))
        self.back_button.setObjectName("probe_back")
        self.back_button.setToolTip(
            self.tr("Show the example of the held-out set again, the panels' first sequence")
        )
        self.back_button.clicked.connect(self._on_back)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)

        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.status)
        layout.addWidget(self.intro)
        layout.addWidget(self.unavailable)
        layout.addWidget(self.form)
        layout.addWidget(self.form_reason)
        layout.addLayout(buttons)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._show_status()

    # ---------------------------------------------------------------- building
    @staticmethod
    def _reason_label() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {REASON};")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def reset(self, task: Task) -> None:
        """A new model: the fields of ``task``'s probe, filled with the held-out example's
        values until the first snapshot says which probe the run shows."""
        self.task = task
        self.params = tuple(task.probe_params())
        while self.form_layout.count():
            item = self.form_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        self.fields, self.reasons = {}, {}
        for p in self.params:
            self.form_layout.addWidget(self._field_group(p))
        self._shown = False
        self._fill(None)
        self._show_status()

    def _field_group(self, p: Param) -> QWidget:
        """The label (the field's help and its range), the field, the reason under it."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        label = QLabel(self._label_html(p))
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        if p.kind is str and p.name == "prompt":  # a text may run over lines
            field = PromptEdit()
            field.setTabChangesFocus(True)
            field.setMinimumHeight(field.fontMetrics().lineSpacing() * 4 + 12)
            field.setMaximumHeight(field.fontMetrics().lineSpacing() * 8 + 12)
            field.textChanged.connect(self._on_edited)
            field.submitted.connect(self._on_show)
        else:
            field = QLineEdit()
            field.textChanged.connect(self._on_edited)
            field.returnPressed.connect(self._on_show)
        field.setObjectName(f"probe_{p.name}")
        label.setBuddy(field)
        reason = self._reason_label()
        reason.setObjectName(f"probe_{p.name}_reason")
        layout.addWidget(label)
        layout.addWidget(field)
        layout.addWidget(reason)
        self.fields[p.name], self.reasons[p.name] = field, reason
        return box

    def _label_html(self, p: Param) -> str:
        """The field's help as its label, capitalised, and its range, faint."""
        text = tr_task(p.help)
        text = text[:1].upper() + text[1:]
        if p.low is not None and p.high is not None:
            rng = self.tr("{low} to {high}").format(low=f"{p.low:g}", high=f"{p.high:g}")
        elif p.name == "prompt":
            rng = self.tr("2 to {n:,} characters; Enter shows it, Shift+Enter starts a new line")
            rng = rng.format(n=MAX_PROMPT)
        else:
            rng = ""
        if rng:
            text += f'<br><span style="color: {FAINT};">{rng}</span>'
        return text

    # ---------------------------------------------------------------- checking
    def typed(self) -> dict[str, str]:
        """What each field holds now, as typed."""
        return {name: field.text() for name, field in self.fields.items()}

    def check(self) -> dict[str, Any] | None:
        """Check every field as it stands, show each reason under its field; the parsed
        values when the task takes them all, else None."""
        reasons: dict[str | None, str] = {}
        values: dict[str, Any] = {}
        for p in self.params:
            text = self.fields[p.name].text()
            try:
                # as make_probe parses it, named as make_probe names it
                values[p.name] = p.parse(text, where=translate("tasks", p.help))
            except ValueError as e:
                reasons[p.name] = str(e)
        if not reasons and self.task is not None and self.params:
            try:  # the fields together (consecutive primes, rows in the file, ...)
                self.task.make_probe(values)
            except ProbeError as e:
                key = e.field if e.field in self.fields else None
                reasons[key] = str(e)
        for name, label in self.reasons.items():
            label.setText(reasons.get(name, ""))
            label.setVisible(name in reasons)
        self.form_reason.setText(reasons.get(None, ""))
        self.form_reason.setVisible(None in reasons)
        self.show_button.setEnabled(self._usable() and not reasons)
        return None if reasons else values

    def _usable(self) -> bool:
        return bool(self.params) and not self._unavailable

    @Slot()
    def _on_edited(self) -> None:
        if not self._filling:
            self.check()

    # ---------------------------------------------------------------- sending
    @Slot()
    def _on_show(self) -> None:
        """Show (or Enter): the values to the window, if the task takes them; a refusal
        stays under its field and nothing is sent."""
        if not self._usable():
            return
        values = self.check()
        if values is not None:
            self.show_requested.emit(values)

    @Slot()
    def _on_back(self) -> None:
        if self._usable():
            self.show_requested.emit(None)

    def show_error(self, message: str) -> None:
        """The training process refused the probe (it checks it again): say why."""
        self.form_reason.setText(message)
        self.form_reason.setVisible(bool(message))

    # ---------------------------------------------------------------- what is shown
    def on_snapshot(self, snap: Snapshot) -> None:
        """Say whose sequence the panels show; when that changed (the run's first
        snapshot, a probe shown or dropped), fill the fields with it."""
        values = snap.probe_values
        if self._shown is not False and _same(values, self._shown):
            return
        self._shown = None if values is None else dict(values)
        if values is None or self.check() != dict(values):  # (as typed, if it is that)
            self._fill(values)
        self._show_status()

    def _fill(self, values: Mapping[str, Any] | None) -> None:
        """The fields show ``values`` (None: the held-out example's), no reasons."""
        self._filling = True
        try:
            for p in self.params:
                value = p.default if values is None else values.get(p.name, p.default)
                self.fields[p.name].setText(field_text(value))
        finally:
            self._filling = False
        self.check()

    def _show_status(self) -> None:
        """Whose sequence the panels show; Back is for the learner's own only."""
        shown = self._shown if self._shown is not False else None
        words = whose_words(shown is not None)
        if shown is not None:
            words = f'<span style="color: {YOURS};">{words}</span>'
        self.status.setText(self.tr("The panels show <b>{whose}</b>.").format(whose=words))
        self._update_enabled()

    # ---------------------------------------------------------------- availability
    def set_unavailable(self, reason: str) -> None:
        """Turn the form off and say why (a race is running, ...); "" turns it on."""
        self._unavailable = reason
        self._update_enabled()

    def _update_enabled(self) -> None:
        reason = self._unavailable
        if not reason and not self.params and self.task is not None:
            try:  # the task's own words: it has no sequence of the learner's
                self.task.make_probe({})
            except ProbeError as e:
                reason = str(e)
        self.unavailable.setText(reason)
        self.unavailable.setVisible(bool(reason))
        self.form.setEnabled(not reason)
        self.back_button.setEnabled(not reason and self._shown not in (None, False))
        if reason or not self.params:
            self.show_button.setEnabled(False)
        else:
            self.check()


def _same(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    if a is None or b is None:
        return a is b
    return dict(a) == dict(b)
