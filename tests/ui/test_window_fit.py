"""Issue 19, item 2: the window, frame and all, fits the screen's available geometry."""

import pytest
from PySide6.QtCore import QMargins, QRect, QSettings, QSize

from lstm_studio.training import TrainConfig
from lstm_studio.ui import screen_fit
from lstm_studio.ui.main_window import MainWindow
from lstm_studio.ui.screen_fit import GUESSED_FRAME, fitted

QUICK = TrainConfig.from_preset("binary-addition", steps=50)
OPENBOX = QMargins(1, 20, 1, 5)  # what openbox drew here around the window at 1280x800
SCREEN = QRect(0, 0, 1280, 800)


def test_a_screen_sized_window_shrinks_by_its_frame():
    # seen under Xvfb + openbox: a 1280 x 800 window had an 825-pixel frame
    rect = fitted(QRect(1, 20, 1280, 800), OPENBOX, SCREEN, QSize(825, 682))
    outer = rect.marginsAdded(OPENBOX)
    assert SCREEN.contains(outer)
    assert rect.size() == QSize(1278, 775)


def test_a_window_past_the_screens_edge_comes_back_and_keeps_its_size():
    rect = fitted(QRect(900, 600, 800, 600), OPENBOX, QRect(0, 24, 1280, 776), QSize(400, 300))
    assert rect.size() == QSize(800, 600)
    assert QRect(0, 24, 1280, 776).contains(rect.marginsAdded(OPENBOX))


def test_a_window_that_fits_stays_where_it_is():
    rect = QRect(100, 80, 900, 600)
    assert fitted(rect, OPENBOX, SCREEN, QSize(400, 300)) == rect


def test_never_below_the_minimum_size():
    rect = fitted(QRect(0, 0, 1280, 800), OPENBOX, QRect(0, 0, 640, 480), QSize(825, 682))
    assert rect.size() == QSize(825, 682)
    assert rect.topLeft() == QRect(0, 0, 1, 1).topLeft() + rect.topLeft()  # at the top left
    assert (rect.x(), rect.y()) == (OPENBOX.left(), OPENBOX.top())


@pytest.fixture(autouse=True)
def laptop(monkeypatch):
    """A 1280 x 800 screen with a 24-pixel panel on top (offscreen's is 800 x 600,
    smaller than the window's minimum size)."""
    available = QRect(0, 24, 1280, 776)
    monkeypatch.setattr(screen_fit, "available_geometry", lambda window: available)
    return available


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.setValue("settings_version", 1)
    s.setValue("config", QUICK.to_json())
    return s


def _inside_the_screen(window, available) -> bool:
    # offscreen draws no frame: the guessed one must fit too
    return available.contains(window.geometry().marginsAdded(GUESSED_FRAME))


def test_the_first_launch_fits_the_screen(qtbot, settings, laptop):
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    assert _inside_the_screen(window, laptop)  # before it shows: no jump on the screen
    window.show()
    qtbot.waitExposed(window)
    assert _inside_the_screen(window, laptop)
    assert window.height() > 600  # shrunk by the frame, not to a stamp


def test_a_restored_layout_from_a_larger_screen_fits(qtbot, settings, laptop):
    big = MainWindow(settings=settings)
    qtbot.addWidget(big)
    big.setGeometry(0, 0, 1900, 1150)  # the layout of a larger screen
    big.save_settings()
    big.close()
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)  # the fit after showing
    assert _inside_the_screen(window, laptop)
