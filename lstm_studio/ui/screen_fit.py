"""Keep a top-level window, frame and all, inside the screen's available geometry.

A window manager adds a frame (a title bar, borders) around the window's own
geometry, and the panel or task bar takes part of the screen: a 1280 x 800 window on
a 1280 x 800 screen runs off its bottom, status bar first. ``fitted`` is the
arithmetic, with no window, so a test gives it the rectangles.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize

#: the frame assumed before the window manager has said what it draws (a title bar
#: and thin borders, a little more than the usual): the first fit leaves it room
GUESSED_FRAME = QMargins(8, 40, 8, 8)


def fitted(geometry: QRect, frame: QMargins, available: QRect, minimum: QSize) -> QRect:
    """The window's geometry (without its frame) moved and, if need be, shrunk so that
    with ``frame`` around it it lies inside ``available``; never below ``minimum``
    (the window's minimum size: then it is kept at the top left instead)."""
    room_w = available.width() - frame.left() - frame.right()
    room_h = available.height() - frame.top() - frame.bottom()
    width = max(min(geometry.width(), room_w), minimum.width())
    height = max(min(geometry.height(), room_h), minimum.height())
    # the frame's top left, kept where it was as far as the screen allows
    x = geometry.x() - frame.left()
    y = geometry.y() - frame.top()
    outer_w = width + frame.left() + frame.right()
    outer_h = height + frame.top() + frame.bottom()
    x = max(available.left(), min(x, available.left() + available.width() - outer_w))
    y = max(available.top(), min(y, available.top() + available.height() - outer_h))
    return QRect(x + frame.left(), y + frame.top(), width, height)


def frame_margins(window) -> QMargins:
    """The frame the window manager draws around ``window`` (guessed until it is shown)."""
    outer, inner = window.frameGeometry(), window.geometry()
    margins = QMargins(
        inner.left() - outer.left(),
        inner.top() - outer.top(),
        outer.right() - inner.right(),
        outer.bottom() - inner.bottom(),
    )
    if window.isVisible() and (margins.top() or margins.left()):
        return margins
    return GUESSED_FRAME


def available_geometry(window) -> QRect | None:
    """The part of ``window``'s screen it may take (without the panels and task bars)."""
    screen = window.screen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(window) -> None:
    """Move and shrink ``window`` into its screen's available geometry (a maximised or
    full-screen window is the window manager's to place)."""
    if window.isMaximized() or window.isFullScreen():
        return
    available = available_geometry(window)
    if available is None:
        return
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    rect = fitted(window.geometry(), frame_margins(window), available, minimum)
    if rect != window.geometry():
        window.setGeometry(rect)
