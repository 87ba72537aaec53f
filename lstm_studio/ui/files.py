"""The window's files: open and save runs, import and export weights, history and plots,
and the autosave that a crash cannot take away.

Everything a file needs from the model (its weights, optimizer state, history) is asked
of the training process (``MainWindow.ask``) and written here, in the GUI thread, to a
temporary file that is renamed into place (``io.atomic``). A file that cannot be read
or written gives a message that names it and the problem, and changes nothing.

Autosave: the run is saved to ``autosave.lstmrun`` in the user's data folder on pause,
every ``LSTM_STUDIO_AUTOSAVE_S`` seconds of training (default 60) and on close. A lock
file (``QLockFile``) marks a window that is open; one left behind by a process that
died means the last session crashed, and the next launch offers its autosave.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget

from lstm_studio.io import (
    RunFileError,
    load_run,
    save_run,
    write_text_atomic,
)
from lstm_studio.io.runs import RUN_SUFFIX, check_run
from lstm_studio.io.weights import WeightsFileError, load_weights, mismatch, save_weights
from lstm_studio.training import build_model
from lstm_studio.translations import error_text

from .export import IMAGE_SUFFIXES, export_all, export_image

AUTOSAVE_ENV = "LSTM_STUDIO_AUTOSAVE_S"
AUTOSAVE_NAME = "autosave" + RUN_SUFFIX
LOCK_NAME = "window.lock"
MAX_MESSAGE_CHARS = 2000


def autosave_seconds() -> float:
    """The autosave interval: ``LSTM_STUDIO_AUTOSAVE_S`` or 60 seconds."""
    raw = os.environ.get(AUTOSAVE_ENV, "").strip()
    try:
        value = float(raw) if raw else 60.0
    except ValueError:
        value = 60.0
    return min(max(value, 0.05), 3600.0)


def data_folder() -> Path:
    """Where the autosave lives: the platform's application data folder."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


class RunFiles(QObject):
    """File menu actions and the autosave of a ``MainWindow``.

    The ``open_run``, ``save_run``, ``import_weights``, ``export_weights``,
    ``export_history`` and ``export_images`` methods take a path (the actions ask for
    one first); ``saved`` or ``failed`` tell how a write that waits for the model ended.
    """

    saved = Signal(str)  # a path written
    failed = Signal(str)  # a message naming the file and the problem

    def __init__(self, window, folder: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.folder = folder if folder is not None else data_folder()
        self.autosave_path = self.folder / AUTOSAVE_NAME
        self.last_error = ""
        self._lock: QLockFile | None = None
        self.autosaving = False  # this window owns the autosave (no other window does)
        self.timer = QTimer(self)
        self.timer.setInterval(int(autosave_seconds() * 1000))
        self.timer.timeout.connect(self.autosave)
        self._build_actions()

    # ---------------------------------------------------------------- menu
    def _action(self, text: str, slot, shortcut: str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action(self.tr("&Open run…"), self._on_open, "Ctrl+O")
        self.save_action = self._action(self.tr("&Save run as…"), self._on_save, "Ctrl+S")
        self.import_action = self._action(
            self.tr("&Import weights…"),
            self._on_import,
            tip=self.tr("Load weights from a .safetensors, .npz or run file into this model"),
        )
        self.export_weights_action = self._action(
            self.tr("Export &weights…"),
            self._on_export_weights,
            tip=self.tr("PyTorch-style safetensors, NumPy .npz or ONNX"),
        )
        self.export_history_action = self._action(
            self.tr("Export &history as CSV…"), self._on_export_history
        )
        self.export_images_action = self._action(
            self.tr("Export all &panels as images…"),
            self._on_export_images,
            tip=self.tr("Every panel as PNG and SVG into a folder"),
        )

    def fill(self, menu: QMenu) -> None:
        for action in (self.open_action, self.save_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.import_action)
        export = menu.addMenu(self.tr("&Export"))
        for action in (
            self.export_weights_action,
            self.export_history_action,
            self.export_images_action,
        ):
            export.addAction(action)
        menu.addSeparator()

    # ---------------------------------------------------------------- dialogs
    def _ask_path(self, title: str, name: str, filters: str, save: bool) -> str:
        """A file dialog (tests replace this)."""
        start = str(Path(self._last_folder()) / name)
        if save:
            path, _ = QFileDialog.getSaveFileName(self.window, title, start, filters)
        else:
            path, _ = QFileDialog.getOpenFileName(self.window, title, start, filters)
        if path:
            self.window.settings.setValue("last_folder", str(Path(path).parent))
        return path

    def _last_folder(self) -> str:
        folder = self.window.settings.value("last_folder")
        return folder if isinstance(folder, str) and os.path.isdir(folder) else str(Path.home())

    def _fail(self, message: str) -> None:
        if len(message) > MAX_MESSAGE_CHARS:  # a box the screen can show
            message = message[: MAX_MESSAGE_CHARS - 1] + "…"
        self.last_error = message
        self.failed.emit(message)
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("LSTM Studio"), message, parent=self.window
        )
        box.open()  # not exec: the window stays usable
        self.window.failure_box = box

    def _no_memory(self, name: str) -> str:
        return self.tr(
            "There is not enough memory to open {0}: close other programs, or use a smaller file."
        ).format(name)

    def _done(self, path: str, what: str) -> None:
        self.window.statusBar().showMessage(self.tr("{0} saved to {1}").format(what, path), 10_000)
        self.saved.emit(path)

    # ---------------------------------------------------------------- runs
    @Slot()
    def _on_open(self) -> None:
        path = self._ask_path(
            self.tr("Open a run"), "", self.tr("LSTM Studio runs (*{0})").format(RUN_SUFFIX), False
        )
        if path:
            self.open_run(path)

    def open_run(self, path: str) -> bool:
        """Go on with the run in ``path``; False (a message, nothing changed) if it can't."""
        name = Path(path).name
        try:
            arrays, meta = load_run(path)
            check_run(arrays, meta, name)  # the whole check, before the current model goes
        except RunFileError as e:
            self._fail(str(e))
            return False
        except MemoryError:
            self._fail(self._no_memory(name))
            return False
        window = self.window
        last = window.session.last if window.session is not None else None
        why = self.tr("Opening {0} replaces the current model.").format(name)
        if last is not None and last.step > 0 and not window.confirm_discard(last.step, why):
            return False
        if not window._new_session(window.session.config, (arrays, meta)):
            self._fail(self.tr("{0} could not be opened").format(name))
            return False
        window.statusBar().showMessage(
            self.tr("Opened {0} at step {1}").format(name, int(meta["step"])), 10_000
        )
        return True

    @Slot()
    def _on_save(self) -> None:
        path = self._ask_path(
            self.tr("Save the run"),
            f"{self.window.session.config.task}-{self.window.session.config.cell}{RUN_SUFFIX}",
            self.tr("LSTM Studio runs (*{0})").format(RUN_SUFFIX),
            True,
        )
        if path:
            if not path.lower().endswith(RUN_SUFFIX):
                path += RUN_SUFFIX
            self.save_run(path)

    def save_run(self, path: str) -> None:
        """Save the whole run to ``path`` once the training process has handed it over."""
        self._save_answer("state", path, self.tr("The run"), lambda value: save_run(path, *value))

    def _save_answer(self, request: str, path: str, what: str, write) -> None:
        """Ask the training process for ``request``, then ``write(answer)`` to ``path``:
        ``saved`` when it worked, a message naming ``what`` and the problem when not."""

        def then(value, error: str) -> None:
            if error:
                self._fail(self.tr("{0} could not be saved: {1}").format(what, error))
                return
            try:
                write(value)
            except (OSError, ValueError) as e:
                self._fail(
                    self.tr("{0} could not be saved to {1}: {2}").format(what, path, error_text(e))
                )
                return
            self._done(path, what)

        self.window.ask(request, then=then)

    # ---------------------------------------------------------------- weights
    @Slot()
    def _on_import(self) -> None:
        path = self._ask_path(
            self.tr("Import weights"),
            "",
            self.tr("Weights (*.safetensors *.npz *{0})").format(RUN_SUFFIX),
            False,
        )
        if path:
            self.import_weights(path)

    def import_weights(self, path: str) -> bool:
        """Load the weights in ``path`` into the current model. If the cell, the sizes or
        the names differ, a message says exactly what, and nothing changes."""
        window = self.window
        name = Path(path).name
        try:
            state, config = load_weights(path)
        except WeightsFileError as e:
            self._fail(str(e))
            return False
        except MemoryError:
            self._fail(self._no_memory(name))
            return False
        session = window.session
        model = build_model(session.config, session.task.input_size, session.task.output_size)
        problems = mismatch(state, model, config, task=session.config.task)
        if problems:
            self._fail(
                self.tr("{0} does not fit this model, nothing was changed:\n• {1}").format(
                    name, "\n• ".join(problems)
                )
            )
            return False

        def show(snap, error: str) -> None:
            if error:
                self._fail(self.tr("{0} was not imported: {1}").format(name, error))
                return  # the session showed the snapshot of the new weights already
            window.statusBar().showMessage(self.tr("Imported the weights of {0}").format(name))
            self.saved.emit(path)

        window.ask("load_weights", {k: state[k] for k in model.parameters()}, then=show)
        return True

    @Slot()
    def _on_export_weights(self) -> None:
        config = self.window.session.config
        path = self._ask_path(
            self.tr("Export the weights"),
            f"{config.task}-{config.cell}.safetensors",
            self.tr("PyTorch safetensors (*.safetensors);;NumPy (*.npz);;ONNX (*.onnx)"),
            True,
        )
        if path:
            self.export_weights(path)

    def export_weights(self, path: str) -> None:
        """The model's weights to ``path``: safetensors, npz or ONNX by the suffix."""
        session = self.window.session
        config, task = session.config, session.task
        if Path(path).suffix.lower() not in (".safetensors", ".npz", ".onnx"):
            self._fail(self.tr("{0}: save as .safetensors, .npz or .onnx").format(path))
            return

        def write(value) -> None:
            arrays, _ = value
            state = {k[6:]: v for k, v in arrays.items() if k.startswith("model.")}
            model = build_model(config, task.input_size, task.output_size)
            save_weights(path, state, config, model)

        self._save_answer("state", path, self.tr("The weights"), write)

    # ---------------------------------------------------------------- history, plots
    @Slot()
    def _on_export_history(self) -> None:
        config = self.window.session.config
        path = self._ask_path(
            self.tr("Export the history"),
            f"{config.task}-{config.cell}-history.csv",
            self.tr("CSV (*.csv)"),
            True,
        )
        if path:
            self.export_history(path)

    def export_history(self, path: str) -> None:
        """Every step's loss, learning rate and gradient norm, and every held-out
        evaluation, as CSV."""

        self._save_answer(
            "history_csv", path, self.tr("The history"), lambda text: write_text_atomic(path, text)
        )

    @Slot()
    def _on_export_images(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Export every panel into a folder"), self._last_folder()
        )
        if not folder:
            return
        width, ok = QInputDialog.getInt(
            self.window,
            self.tr("Width of the PNG images"),
            self.tr("Width in pixels (the SVG drawings scale to any size):"),
            1600,
            200,
            8000,
            100,
        )
        if ok:
            self.export_images(folder, width)

    def export_images(self, folder: str, width: int | None = None) -> list[Path]:
        """Every panel as PNG (``width`` pixels wide) and SVG into ``folder``."""
        self.window.flush_panels()
        panels = {p.object_name: p for p in self.window.panels}
        written: list[Path] = []
        try:
            export_all(panels, folder, width, written)
        except (OSError, ValueError) as e:
            total = len(panels) * len(IMAGE_SUFFIXES)
            if written:
                text = self.tr("Only {0} of the {1} images were saved: {2}")
                text = text.format(len(written), total, error_text(e))
            else:
                text = self.tr("No image was saved: {0}").format(error_text(e))
            self._fail(text)
            return written
        self._done(folder, self.tr("{0} images").format(len(written)))
        return written

    def export_panel_dialog(self, panel: QWidget) -> None:
        """A panel's save button: ask for the file (PNG or SVG) and, for PNG, the width."""
        name = panel.objectName() or "panel"
        path, chosen = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save the panel as a picture"),
            str(Path(self._last_folder()) / f"{name}.png"),
            self.tr("PNG image (*.png);;SVG drawing (*.svg)"),
        )
        if not path:
            return
        self.window.settings.setValue("last_folder", str(Path(path).parent))
        if Path(path).suffix.lower() not in (".png", ".svg"):
            path += ".svg" if "svg" in chosen.lower() else ".png"
        width = None
        if path.lower().endswith(".png"):
            width, ok = QInputDialog.getInt(
                self.window,
                self.tr("Width of the PNG image"),
                self.tr("Width in pixels (on screen: {0}):").format(panel.width()),
                max(2 * panel.width(), 200),
                16,
                8000,
                100,
            )
            if not ok:
                return
        self.export_panel(panel, path, width)

    def export_panel(self, panel: QWidget, path: str, width: int | None = None) -> bool:
        """One panel to a PNG or SVG file."""
        self.window.flush_panels()
        try:
            export_image(panel, path, width)
        except (OSError, ValueError) as e:
            self._fail(self.tr("The image was not saved: {0}").format(error_text(e)))
            return False
        self._done(path, self.tr("The image"))
        return True

    # ---------------------------------------------------------------- autosave
    def start(self) -> bool:
        """Take the lock; True when the previous window died with a run unsaved (its
        lock was left behind) and an autosave is there to restore."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False  # no data folder: no autosave, and nothing to restore
        lock_path = str(self.folder / LOCK_NAME)
        crashed = os.path.exists(lock_path)
        lock = QLockFile(lock_path)
        lock.setStaleLockTime(0)  # stale only when its process is gone, however young
        if not lock.tryLock(0):
            return False  # another window is open and owns the autosave
        self._lock, self.autosaving = lock, True
        return crashed and self.autosave_path.exists()

    def offer_restore(self) -> bool:
        """After a crash: ask, then open the autosave (False if declined or unreadable)."""
        try:
            _, meta = load_run(self.autosave_path)
            step = int(meta.get("step", 0))
        except (RunFileError, TypeError, ValueError):
            return False
        if not self.window.ask_restore(step):
            return False
        return self.open_run(str(self.autosave_path))

    def on_state(self, state: str) -> None:
        """The session's state changed: save on pause, every minute while training."""
        if not self.autosaving:
            return
        if state == "running":
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()
            if state in ("paused", "done"):
                self.autosave()

    @Slot()
    def autosave(self) -> None:
        session = self.window.session
        if not self.autosaving or session is None or session.last is None:
            return
        if session.last.step == 0:
            return

        def write(value, error: str) -> None:
            if error or value is None:
                return  # the model went away meanwhile; the next autosave will do
            try:
                save_run(self.autosave_path, *value)
            except (OSError, ValueError) as e:
                self.window.statusBar().showMessage(
                    self.tr("Autosave failed: {0}").format(error_text(e)), 10_000
                )

        self.window.ask("state", then=write)

    def close(self) -> None:
        """The window closes: save the run one last time, then let go of the lock."""
        self.timer.stop()
        session = self.window.session
        if self.autosaving and session is not None and session.last is not None:
            if session.last.step > 0:
                value, error = self.window.ask_now("state", timeout_s=3.0)
                if not error and value is not None:
                    try:
                        save_run(self.autosave_path, *value)
                    except (OSError, ValueError):
                        pass  # closing anyway: the lock stays released below
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self.autosaving = False
