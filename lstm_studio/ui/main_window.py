"""The application's main window."""

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from lstm_studio import __version__

_PLACEHOLDER_TEXT = (
    "<h2>LSTM Studio is under construction</h2>"
    "<p>The NumPy engine is ready; the training views are on their way.</p>"
)

_ABOUT_TEXT = (
    f"<h3>LSTM Studio {__version__}</h3>"
    "<p>Learn how recurrent networks (RNN, LSTM, GRU, peephole LSTM and coupled "
    "input-forget LSTM) work by training them and watching every gate.</p>"
    "<p>The networks run on a from-scratch NumPy engine.</p>"
)


class MainWindow(QMainWindow):
    """Top-level window: menus and the central area the panels will live in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("LSTM Studio")
        self.resize(1200, 800)

        placeholder = QLabel(_PLACEHOLDER_TEXT, self)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setTextFormat(Qt.TextFormat.RichText)
        self.setCentralWidget(placeholder)

        # Kept as attributes so tests (and later a toolbar) can reach the same actions.
        self.quit_action = QAction("&Quit", self)
        # An explicit Ctrl+Q: QKeySequence.StandardKey.Quit is empty on some desktops.
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        # Close, not QApplication.quit: closeEvent is where a running training thread
        # will be stopped and joined before the app exits.
        self.quit_action.triggered.connect(self.close)

        self.about_action = QAction("&About LSTM Studio", self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._on_about_triggered)

        self.file_menu = self.menuBar().addMenu("&File")
        self.file_menu.addAction(self.quit_action)
        self.help_menu = self.menuBar().addMenu("&Help")
        self.help_menu.addAction(self.about_action)

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(self, "About LSTM Studio", _ABOUT_TEXT)
