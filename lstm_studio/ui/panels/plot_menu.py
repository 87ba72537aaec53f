"""Our right-click menu on every plot, in the window's language, instead of pyqtgraph's.

pyqtgraph's menu (View All, X axis, Y axis, Mouse Mode, Plot Options, Export...) is
English whatever the language chosen, offers a dozen settings a learner does not need,
and its Export... fails for SVG with Qt >= 6.11 (ECOSYSTEM.md). A right click on a plot
shows instead:

- "Show all": the plot fits its data again and follows it as it grows (after a zoom
  with the wheel, which stops the following);
- "Save the panel as a picture (PNG, SVG)…": what the save button of the dock's title
  bar does (``ui/export.py`` through the window's dialog), when the plot is in a dock
  that has one.

The menu is built at each click, so it always speaks the current language. It replaces
``ViewBox.raiseContextMenu`` for every ViewBox of the app (one place: the compare docks'
plots too); plots whose menu is disabled (``setMenuEnabled(False)``) still show none.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QMenu, QWidget

EXPORT_BUTTON = "dock_export"  # the object name of a dock title bar's save button


def view_widget(view: pg.ViewBox) -> QWidget | None:
    """The widget that shows ``view`` (its scene's first view), or None."""
    scene = view.scene()
    views = scene.views() if scene is not None else []
    return views[0] if views else None


def export_button(view: pg.ViewBox) -> QAbstractButton | None:
    """The save button of the dock around ``view``'s widget, when it shows one."""
    widget = view_widget(view)
    while widget is not None and not isinstance(widget, QDockWidget):
        widget = widget.parentWidget()
    if widget is None or widget.titleBarWidget() is None:
        return None
    button = widget.titleBarWidget().findChild(QAbstractButton, EXPORT_BUTTON)
    return button if button is not None and not button.isHidden() else None


def show_all(view: pg.ViewBox) -> None:
    """``view`` fits its data and follows it again. A view whose x axis is linked to
    another's takes its x from that one: the x auto-range is switched on there (an x
    auto-range of its own would set the linked range and switch the other's off)."""
    master = view.linkedView(pg.ViewBox.XAxis)
    if master is not None:
        master.enableAutoRange(axis=pg.ViewBox.XAxis)
        view.enableAutoRange(axis=pg.ViewBox.YAxis)
    else:
        view.enableAutoRange()
    for box in (view, master):
        for item in box.addedItems if box is not None else ():
            if isinstance(item, pg.PlotDataItem):
                # a curve clipped to the zoomed range (setClipToView) would give that
                # range as its bounds: the fit would widen a little at each frame
                item.viewRangeChanged()


def plot_menu(view: pg.ViewBox, parent: QWidget | None = None) -> QMenu:
    """The menu a right click on ``view`` shows."""
    menu = QMenu(parent)
    menu.setObjectName("plot_menu")
    fit = QAction(QCoreApplication.translate("PlotMenu", "Show all"), menu)
    fit.setToolTip(
        QCoreApplication.translate(
            "PlotMenu", "Fit the whole curve and follow it again as it grows"
        )
    )
    fit.triggered.connect(lambda: show_all(view))
    menu.addAction(fit)
    button = export_button(view)
    if button is not None:
        text = QCoreApplication.translate("PlotMenu", "Save the panel as a picture (PNG, SVG)…")
        save = QAction(text, menu)
        save.triggered.connect(button.click)
        menu.addSeparator()
        menu.addAction(save)
    return menu


def _raise_context_menu(self: pg.ViewBox, ev) -> None:
    menu = plot_menu(self, view_widget(self))
    # deleted once closed: a menu is built at every click
    menu.aboutToHide.connect(menu.deleteLater)
    menu.popup(ev.screenPos().toPoint())


pg.ViewBox.raiseContextMenu = _raise_context_menu
