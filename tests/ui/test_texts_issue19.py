"""Issue 19, item 5: stale and surprising texts (the window helper's part)."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow

from lstm_studio.ui.dock_title import DockTitleBar, ExplanationPopup


def _dock_with_help(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    popup = ExplanationPopup(window)
    dock = QDockWidget("Setup", window)
    dock.setWidget(QLabel("form"))
    bar = DockTitleBar(dock, "<p>Choose a <b>task</b>, then press Train.</p>", popup)
    dock.setTitleBarWidget(bar)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.show()
    qtbot.waitExposed(window)
    return window, bar, popup


def _press(widget, pos: QPoint, kind=QMouseEvent.Type.MouseButtonPress) -> None:
    event = QMouseEvent(
        kind,
        QPointF(pos),
        QPointF(widget.mapToGlobal(pos)),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton if kind == QMouseEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def test_a_click_on_the_explanation_closes_it(qtbot):
    """The Setup's "?" text stayed until Escape: a click on it did nothing."""
    _window, bar, popup = _dock_with_help(qtbot)
    bar.help_button.click()
    assert popup.isVisible()
    centre = popup.rect().center()
    _press(popup, centre)
    _press(popup, centre, QMouseEvent.Type.MouseButtonRelease)
    assert not popup.isVisible()


def test_the_question_mark_again_closes_the_explanation(qtbot):
    """A click on "?" while its text shows closes it (the click that closed the popup
    was replayed to the button, which opened it again)."""
    _window, bar, popup = _dock_with_help(qtbot)
    bar.help_button.click()
    assert popup.isVisible()
    at = popup.mapFromGlobal(bar.help_button.mapToGlobal(bar.help_button.rect().center()))
    _press(popup, at)  # outside the popup, on the button: the popup closes
    assert not popup.isVisible()
    assert popup.testAttribute(Qt.WidgetAttribute.WA_NoMouseReplay)  # not reopened
