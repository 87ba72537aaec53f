"""The window is drawn in the light scheme, whatever the desktop's.

Its plots are black on white (``panels.base``), the cell diagram and the predictions
paint their own light colours, and many labels are a dark grey: under a dark system
theme they were dark text on a dark background. Taking every colour from the palette
would mean dark plots too; the window sets the light scheme explicitly instead.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory


def is_dark(palette: QPalette) -> bool:
    """Light text on a dark window: a dark scheme."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def light_palette() -> QPalette:
    """Fusion's light palette (the same on every platform)."""
    return QStyleFactory.create("Fusion").standardPalette()


def use_light_scheme(app: QApplication | None = None) -> None:
    """Ask the platform for the light scheme, and if the palette is dark all the same (a
    dark desktop theme, a platform theme plugin), use Fusion's light one."""
    app = app or QApplication.instance()
    if app is None:
        return
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+
        hints.setColorScheme(Qt.ColorScheme.Light)
    if is_dark(app.palette()):
        app.setStyle("Fusion")  # a native style may draw its own dark controls
        app.setPalette(light_palette())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
