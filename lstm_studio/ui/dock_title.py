"""A dock's title bar with a "?" that says what the panel shows.

Qt's own title bar has no room for a button of ours, so a panel's dock gets this one:
the title, "?", and the float and close buttons Qt would draw. Dragging and
double-clicking the title still move and float the dock (Qt hands the title bar's
unused mouse events to the dock).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal, Slot
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" instead of widening its dock."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("Mm…"), hint.height())

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        text = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )
        painter.setFont(self.font())
        painter.drawText(self.contentsRect(), int(self.alignment()), text)


class ExplanationPopup(QFrame):
    """Rich text in a popup that closes on the next click anywhere: on itself too (it
    stayed until Escape when the learner clicked the text to put it away), and on the
    "?" that opened it, without opening it again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("explanation_popup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setOpenExternalLinks(True)
        self.label.setFixedWidth(self.label.fontMetrics().averageCharWidth() * 60)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.label)
        self.source: QWidget | None = None  # the "?" that opened it
        self._link = ""  # the link under the mouse: a click there follows it
        self.label.linkHovered.connect(self._on_link_hovered)

    @Slot(str)
    def _on_link_hovered(self, link: str) -> None:
        self._link = link

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.rect().contains(event.position().toPoint()):
            # Qt closes a popup on a click outside and gives that click to the widget
            # under it: not to its own "?", which would open it again at once
            source = self.source
            on_source = source is not None and source.rect().contains(
                source.mapFromGlobal(event.globalPosition().toPoint())
            )
            self.setAttribute(Qt.WidgetAttribute.WA_NoMouseReplay, on_source)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        if self.rect().contains(event.position().toPoint()) and not self._link:
            self.close()

    def show_text(self, html: str, at: QPoint, source: QWidget | None = None) -> None:
        """Show ``html`` at ``at`` (global), opened by ``source`` (a "?")."""
        self.source = source
        self._link = ""
        self.label.setText(html)
        self.adjustSize()
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:  # keep it on the screen
            at = QPoint(
                max(screen.left(), min(at.x(), screen.right() - self.width())),
                max(screen.top(), min(at.y(), screen.bottom() - self.height())),
            )
        self.move(at)
        self.show()


class DockTitleBar(QWidget):
    """Title, "?" (``help_button``), a note (``set_note``), float and close."""

    note_clicked = Signal()  # the note's link was clicked

    def __init__(
        self,
        dock: QDockWidget,
        explanation: str,
        popup: ExplanationPopup,
        export=None,
    ) -> None:
        """``export(widget)``, when given, is what the title's save button does."""
        super().__init__(dock)
        self.dock = dock
        self.explanation = explanation
        self.popup = popup
        self.title = ElidedLabel(dock.windowTitle())
        self.title.setToolTip(dock.windowTitle())
        self.title.setObjectName("dock_title")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        dock.windowTitleChanged.connect(self.title.setText)
        self.help_button = QToolButton()
        self.help_button.setText("?")
        self.help_button.setObjectName("dock_help")
        self.help_button.setToolTip(self.tr("What am I looking at?"))
        self.help_button.setAutoRaise(True)
        self.help_button.clicked.connect(self.show_explanation)
        # a word on what the panel shows now (whose sequence), hidden while empty
        self.note = QLabel()
        self.note.setObjectName("dock_note")
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.linkActivated.connect(lambda _link: self.note_clicked.emit())
        self.note.setMinimumWidth(1)  # clipped in a narrow dock, never widening it
        self.note.hide()
        style = self.style()
        self.export_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton),
            self.tr("Save this panel as a PNG or SVG picture"),
        )
        self.export_button.setObjectName("dock_export")
        self.export_button.setVisible(export is not None)
        if export is not None:
            self.export_button.clicked.connect(lambda: export(dock.widget()))
        self.float_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_TitleBarNormalButton),
            self.tr("Float or dock this panel"),
        )
        self.float_button.clicked.connect(lambda: dock.setFloating(not dock.isFloating()))
        self.close_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton),
            self.tr("Hide this panel (View menu shows it again)"),
        )
        self.close_button.clicked.connect(dock.close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 1, 2, 1)
        layout.setSpacing(2)
        layout.addWidget(self.title, 0)
        layout.addWidget(self.help_button)
        layout.addSpacing(8)
        layout.addWidget(self.note)
        layout.addStretch(1)
        layout.addWidget(self.export_button)
        layout.addWidget(self.float_button)
        layout.addWidget(self.close_button)
        self.help_button.setVisible(bool(explanation))

    def set_note(self, html: str, tip: str = "") -> None:
        """Rich text beside the title ("" hides it); a link in it emits ``note_clicked``."""
        self.note.setText(html)
        self.note.setToolTip(tip)
        self.note.setVisible(bool(html))

    def _button(self, icon, tip: str) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    @Slot()
    def show_explanation(self) -> None:
        at = self.help_button.mapToGlobal(QPoint(0, self.help_button.height()))
        html = f"<h4>{self.dock.windowTitle()}</h4>{self.explanation}"
        self.popup.show_text(html, at, self.help_button)
