"""A dark system theme must not leave dark text on a dark background (issue 19): the
window sets the light scheme explicitly (``ui.theme``)."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from window_helpers import shown

from lstm_studio.training import TrainConfig
from lstm_studio.ui.main_window import MainWindow
from lstm_studio.ui.theme import contrast, is_dark

QUICK = TrainConfig.from_preset("next-prime", steps=50)  # the bidirectional note shows


def _dark_palette() -> QPalette:
    p = QPalette()
    dark, text = QColor("#2b2b2b"), QColor("#e8e8e8")
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        p.setColor(role, dark)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(role, text)
    return p


@pytest.fixture
def dark_desktop(qapp):
    """The desktop's dark theme, as a platform theme would hand it to the app."""
    palette, style = qapp.palette(), qapp.style().name()
    qapp.setPalette(_dark_palette())
    assert is_dark(qapp.palette())
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)


def test_no_label_is_dark_on_dark_under_a_dark_theme(qtbot, tmp_path, dark_desktop):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", QUICK.to_json())
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    shown(qtbot, window)
    window.show_dock(window.compare_docks["race_panel"])
    poor = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip():
            continue
        label.ensurePolished()
        text = label.palette().color(label.foregroundRole())
        ground = label.palette().color(label.backgroundRole())
        if contrast(text, ground) < 3:
            poor.append((label.objectName() or label.text()[:40], text.name(), ground.name()))
    assert not poor  # the cell's description and the like were #444 on #2b2b2b
    assert not is_dark(QApplication.instance().palette())
