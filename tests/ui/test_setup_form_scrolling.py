"""Issue 19, item 3: the mouse wheel over the setup form scrolls the form; a field
changes only when it has the keyboard focus. And the form's word-wrapped labels get
the height their text needs (they overlapped their neighbours at 1280x800)."""

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea

from lstm_studio.ui.setup_panel import SetupPanel


@pytest.fixture
def scrolled(qtbot):
    """The form in a scroll area shorter than it, as the window's Setup dock has it."""
    panel = SetupPanel()
    scroll = QScrollArea()
    scroll.setWidget(panel)
    scroll.setWidgetResizable(True)
    scroll.resize(330, 300)
    qtbot.addWidget(scroll)
    scroll.show()
    qtbot.waitExposed(scroll)
    return panel, scroll


def _wheel(widget, down: bool = True) -> None:
    """One notch of the wheel over the middle of ``widget``, as the window system sends it."""
    centre = QPointF(widget.rect().center())
    delta = QPoint(0, -120 if down else 120)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        delta,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("name", ["lr", "cell", "optimizer", "hidden_size", "seed", "bits"])
def test_the_wheel_over_an_unfocused_field_scrolls_the_form(scrolled, name):
    panel, scroll = scrolled
    field = panel._param_widgets["bits"] if name == "bits" else getattr(panel, name)
    field.clearFocus()
    scroll.ensureWidgetVisible(field)
    bar = scroll.verticalScrollBar()
    bar.setValue(bar.maximum() // 2 if bar.value() == bar.maximum() else bar.value())
    before, value = bar.value(), _value(field)
    _wheel(field, down=bar.value() < bar.maximum())
    assert _value(field) == value  # the learning rate went from 0.05 to 0.04 here
    assert bar.value() != before  # the form scrolled instead


def test_the_wheel_over_the_focused_field_changes_it(scrolled, qtbot):
    panel, scroll = scrolled
    scroll.ensureWidgetVisible(panel.hidden_size)
    panel.hidden_size.setFocus()
    qtbot.waitUntil(panel.hidden_size.hasFocus)
    value = panel.hidden_size.value()
    _wheel(panel.hidden_size, down=False)
    assert panel.hidden_size.value() == value + 1


def _value(field):
    if hasattr(field, "value"):
        return field.value()
    if hasattr(field, "currentIndex"):
        return field.currentIndex()
    return field.findChild(QLineEdit).text()


def _rect_in(panel, widget):
    from PySide6.QtCore import QRect

    return QRect(widget.mapTo(panel, widget.rect().topLeft()), widget.size())


@pytest.mark.parametrize("width", [330, 360, 420])
def test_word_wrapped_labels_get_their_height_and_overlap_nothing(qtbot, width):
    """The cell's description and the bidirectional refusal (the next prime refuses it)
    ran over the rows around them at 1280x800: QFormLayout gave them too little height."""
    from lstm_studio.training import TrainConfig

    panel = SetupPanel()
    scroll = QScrollArea()
    scroll.setWidget(panel)
    scroll.setWidgetResizable(True)
    scroll.resize(width, 700)
    qtbot.addWidget(scroll)
    scroll.show()
    qtbot.waitExposed(scroll)
    panel.set_config(TrainConfig.from_preset("next-prime"))  # as a new model does
    qtbot.wait(10)
    neighbours = {
        panel.cell_text: (panel.cell, panel.num_layers),
        panel.bidirectional_note: (panel.bidirectional, panel.forget_bias),
    }
    assert panel.bidirectional_note.isVisible()
    for label, (above, below) in neighbours.items():
        assert label.height() >= label.heightForWidth(label.width()), label.text()
        rect = _rect_in(panel, label)
        assert not rect.intersects(_rect_in(panel, above)), label.text()
        assert not rect.intersects(_rect_in(panel, below)), label.text()
