"""Help > Keyboard shortcuts: the list, read from the window's actions themselves, so
it cannot drift from what the keys do."""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def action_text(action: QAction) -> str:
    """An action's text as a menu shows it: no "&" mnemonics (nor Chinese's "(&Q)"), no "…"."""
    text = re.sub(r"\(&\w\)", "", action.text())
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").removesuffix("...").strip()


def shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(what, keys) of every action of ``window`` (its menus' and toolbars' too) that has a
    keyboard shortcut, in the order they were made; the keys as this platform writes them."""
    found: list[tuple[str, str]] = []
    for action in window.findChildren(QAction):
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys or action.isSeparator():
            continue
        text = action_text(action)
        keys_text = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        if (text, keys_text) not in found:
            found.append((text, keys_text))
    return found


class ShortcutsDialog(QDialog):
    """A table of the window's shortcuts, filled again each time it is shown."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("shortcuts_table")
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        note = QLabel(
            self.tr(
                "Space and S act on the window only when no field has the keyboard: "
                "click an empty part of a panel first."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(460, 420)

    def fill(self) -> None:
        rows = shortcuts(self.window_)
        self.table.setRowCount(len(rows))
        for row, (text, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(text))
            self.table.setItem(row, 1, QTableWidgetItem(keys))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.fill()  # the actions as they are now (Train reads Pause while training)
        super().showEvent(event)
