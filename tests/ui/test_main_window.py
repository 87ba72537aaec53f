from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox

from lstm_studio.ui.main_window import MainWindow


def _open_window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_window_opens_with_title_and_placeholder(qtbot):
    window = _open_window(qtbot)

    assert window.isVisible()
    assert window.windowTitle() == "LSTM Studio"
    assert isinstance(window.centralWidget(), QLabel)
    assert "under construction" in window.centralWidget().text()


def test_menus_hold_quit_and_about(qtbot):
    window = _open_window(qtbot)

    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Help"]
    assert window.menuBar().actions() == [
        window.file_menu.menuAction(),
        window.help_menu.menuAction(),
    ]
    assert window.quit_action in window.file_menu.actions()
    assert window.about_action in window.help_menu.actions()
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")


def test_quit_action_closes_the_window(qtbot):
    window = _open_window(qtbot)

    window.quit_action.trigger()

    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)


def test_about_shows_name_and_version(qtbot, monkeypatch):
    window = _open_window(qtbot)
    shown = []
    # QMessageBox.about is modal; record the call instead of blocking the test.
    monkeypatch.setattr(QMessageBox, "about", lambda *args: shown.append(args))

    window.about_action.trigger()

    assert len(shown) == 1
    parent, title, text = shown[0]
    assert parent is window
    assert "LSTM Studio" in title
    assert "0.1.0" in text
