"""The window's files: open and save runs, import and export weights, history and plots,
and the autosave that a crash cannot take away.

Everything a file needs from the model (its weights, optimizer state, history) is asked
of the training process (``MainWindow.ask``) and written here, in the GUI thread, to a
temporary file that is renamed into place (``io.atomic``). A file that cannot be read
or written gives a message that names it and the problem, and changes nothing.

Autosave: the run is saved on pause, every ``LSTM_STUDIO_AUTOSAVE_S`` seconds of training
(default 60) and on close, to a file of the user's data folder that is the window's own:
``autosave.lstmrun`` for the first window, ``autosave-2.lstmrun`` for a second one open
at the same time, and so on, each under its lock file (``QLockFile``, ``window.lock``,
``window-2.lock``). A lock left behind by a process that died, or an ``.unsaved`` mark
left by a close that could not make its last save, means that window's run was not
saved at its end; the next window offers every such autosave that no running window
holds. The status bar always shows where this window's autosave goes, or why it has
none (a data folder that is a file or can't be written to).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLockFile,
    QObject,
    QSocketNotifier,
    QStandardPaths,
    QSysInfo,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QMenu, QMessageBox, QWidget

from lstm_studio.io import (
    RunFileError,
    load_run,
    remove_stale_temps,
    save_run,
    write_text_atomic,
)
from lstm_studio.io.atomic import process_alive
from lstm_studio.io.runs import RUN_SUFFIX, check_run
from lstm_studio.io.weights import WeightsFileError, load_weights, mismatch, save_weights
from lstm_studio.tasks import reads_file
from lstm_studio.training import TrainConfig, build_model
from lstm_studio.translations import error_text

from .export import IMAGE_SUFFIXES, export_all, export_image

AUTOSAVE_ENV = "LSTM_STUDIO_AUTOSAVE_S"
MAX_MESSAGE_CHARS = 2000


STEPPED_SAVE_MS = 1000  # after the last step taken while paused

# what opening a file by its suffix does (File > Open Recent, a drop, ``lstm-studio FILE``)
RUN_SUFFIXES = (RUN_SUFFIX,)
WEIGHT_SUFFIXES = (".safetensors", ".npz")
DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".md")
OWN_DATA = "own-data"  # the task that trains on a file the user names
RECENT_KEY = "recent_files"
MAX_RECENT = 10


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
        self.autosave_path = slot_files(self.folder, 1)[1]
        self.last_error = ""
        self._lock: QLockFile | None = None
        self.slot: int | None = None  # which autosave of the folder is this window's
        self.autosaving = False  # this window has its autosave (the lock of its slot)
        self.off_reason = ""  # why it has none, when the folder can't take one
        self.failing = ""  # why the last autosave failed, until one works again
        self.orphans: list[int] = []  # autosaves to offer (``start``)
        self.closed = False  # ``close`` was called
        self.indicator: QLabel | None = None  # in the status bar: where it goes, or why not
        self.timer = QTimer(self)
        self.timer.setInterval(int(autosave_seconds() * 1000))
        self.timer.timeout.connect(self.autosave)
        # steps taken while paused (S) are saved a moment after the last one: the state
        # stays "paused" across them, so the save on pause alone missed them all
        self.stepped = QTimer(self)
        self.stepped.setSingleShot(True)
        self.stepped.setInterval(STEPPED_SAVE_MS)
        self.stepped.timeout.connect(self.autosave)
        self.saved_step = -1  # the step of the last autosave this window wrote
        self._data_pending = ""  # a data file opened, remembered once a model trains on it
        self._build_actions()
        # a file dropped on the window opens as File > Open would (children that take
        # drops themselves, like a text field, keep theirs)
        window.setAcceptDrops(True)
        window.installEventFilter(self)

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
        menu.addAction(self.open_action)
        self.recent_menu = menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        menu.addAction(self.save_action)
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
        # "The weights: saved to ..." (not "The weights saved to ...", which reads as a verb)
        self.window.statusBar().showMessage(self.tr("{0}: saved to {1}").format(what, path), 10_000)
        self.saved.emit(path)

    # ---------------------------------------------------------------- any file
    def open_path(self, path: str) -> bool:
        """Do what opening ``path`` means by its suffix: go on with a run, import weights
        into the model, or train on a data file (CSV or text) as "Your own data". A file
        of another kind, a folder or a missing file gets a message, and nothing changes.
        True when it opened (or is being read)."""
        path = os.fspath(path)
        name = Path(path).name or path
        suffix = Path(path).suffix.lower()
        if os.path.isdir(path):
            self._fail(self.tr("{0} is a folder: open a file in it").format(path))
            return False
        if suffix not in RUN_SUFFIXES + WEIGHT_SUFFIXES + DATA_SUFFIXES:
            self._fail(
                self.tr(
                    "LSTM Studio does not open {0}: it opens runs (.lstmrun), weights "
                    "(.safetensors, .npz) and data to train on (.csv, .tsv, .txt, .md)"
                ).format(name)
            )
            return False
        if not os.path.exists(path):
            self._fail(self.tr("{0} was not found: there is no file at {1}").format(name, path))
            self.forget_recent(path)
            return False
        if suffix in RUN_SUFFIXES:
            return self.open_run(path)
        if suffix in WEIGHT_SUFFIXES:
            return self.import_weights(path)
        return self.use_data(path)

    def use_data(self, path: str) -> bool:
        """Train on the CSV or text file ``path`` (the task "Your own data", its preset),
        as the Setup's file field would: the file is read in a thread, and a message
        says why when it can't be used (the current model stays)."""
        window = self.window
        current = window.session.config
        try:
            config = TrainConfig.from_preset(
                OWN_DATA,
                task_params={"path": path},
                seed=current.seed,
                dtype=current.dtype,
                stop_when_solved=current.stop_when_solved,
            )
        except ValueError as e:
            self._fail(error_text(e))
            return False
        if config == current:
            return True
        self._data_pending = path
        window._on_config_edited(config)
        return True

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if watched is self.window and kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if dropped_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif watched is self.window and kind == QEvent.Type.Drop:
            paths = dropped_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                # after the drop returns: a dialog opened inside it would hold the
                # dragging application's mouse on some platforms
                QTimer.singleShot(0, self, lambda: self.open_dropped(paths))
                return True
        return super().eventFilter(watched, event)

    def open_dropped(self, paths: list[str]) -> bool:
        """Open what was dropped on the window: one file, as ``open_path`` does."""
        if len(paths) != 1:
            self._fail(
                self.tr("Drop one file at a time: {0} files were dropped").format(len(paths))
            )
            return False
        return self.open_path(paths[0])

    # ---------------------------------------------------------------- recent files
    def recent_files(self) -> list[str]:
        """The files opened or saved last, newest first (at most ``MAX_RECENT``)."""
        value = self.window.settings.value(RECENT_KEY, [])
        if isinstance(value, str):  # QSettings gives one string for a list of one
            value = [value]
        if not isinstance(value, list):
            return []
        return [p for p in value if isinstance(p, str) and p][:MAX_RECENT]

    def remember(self, path: str) -> None:
        """Put ``path`` first in File > Open Recent."""
        path = os.path.abspath(path)
        paths = [path] + [p for p in self.recent_files() if p != path]
        self.window.settings.setValue(RECENT_KEY, paths[:MAX_RECENT])

    def forget_recent(self, path: str | None = None) -> None:
        """Take ``path`` (or every file, when None) out of File > Open Recent."""
        keep = [] if path is None else [p for p in self.recent_files() if p != path]
        self.window.settings.setValue(RECENT_KEY, keep)

    @Slot()
    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = self.recent_files()
        for i, path in enumerate(paths, 1):
            # &1 .. &9, then 1 without a mnemonic; the full path in the status tip
            shown = Path(path).name.replace("&", "&&")  # a & in a name is not a mnemonic
            action = menu.addAction(f"&{i} {shown}" if i < 10 else f"{i} {shown}")
            action.setStatusTip(path)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not paths:
            menu.addAction(self.tr("No recent files")).setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(self.tr("&Clear the list"))
        clear.setEnabled(bool(paths))
        clear.triggered.connect(lambda: self.forget_recent())

    # ---------------------------------------------------------------- runs
    @Slot()
    def _on_open(self) -> None:
        path = self._ask_path(
            self.tr("Open a run"), "", self.tr("LSTM Studio runs (*{0})").format(RUN_SUFFIX), False
        )
        if path:
            self.open_run(path)

    def open_run(self, path: str, announce: bool = True) -> bool:
        """Go on with the run in ``path``; False (a message, nothing changed) if it can't.
        A run whose task reads a data file is checked in a thread (the file may be
        large): True then says it is being read; it opens, or a message says why not,
        when it is. ``announce``: say "Opened ..." in the status bar (not when the window
        takes its own run over, after a language switch)."""
        name = Path(path).name
        window = self.window
        try:
            arrays, meta = load_run(path)
        except RunFileError as e:
            self._fail(str(e))
            return False
        except MemoryError:
            self._fail(self._no_memory(name))
            return False
        if _reads_file(meta):
            window._show_reading()
            window.builder.start(  # the whole check, before the current model goes
                lambda: check_run(arrays, meta, name),
                lambda task, error: self._checked(path, arrays, meta, task, error, announce),
            )
            return True
        try:
            task = check_run(arrays, meta, name)  # the whole check, before the model goes
        except (RunFileError, MemoryError) as e:
            return self._checked(path, arrays, meta, None, e, announce)
        return self._checked(path, arrays, meta, task, None, announce)

    def _checked(
        self, path: str, arrays, meta, task, error: BaseException | None, announce: bool = True
    ) -> bool:
        """The rest of ``open_run``, when the run's check gave ``task`` or ``error``."""
        name = Path(path).name
        window = self.window
        window._show_reading(False)
        if isinstance(error, MemoryError):
            self._fail(self._no_memory(name))
            return False
        if isinstance(error, RunFileError):
            self._fail(str(error))
            return False
        if error is not None:
            raise error
        last = window.session.last if window.session is not None else None
        why = self.tr("Opening {0} replaces the current model.").format(name)
        if last is not None and last.step > 0 and not window.confirm_discard(last.step, why):
            return False
        if not window._new_session(window.session.config, (arrays, meta), task):
            self._fail(self.tr("{0} could not be opened").format(name))
            return False
        if announce:
            window.statusBar().showMessage(
                self.tr("Opened {0} at step {1}").format(name, int(meta["step"])), 10_000
            )
        if Path(path).parent != self.folder:  # an autosave (restored, or reopened by a
            self.remember(path)  # language switch) is not a file the user opened
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

        def write(value) -> None:
            save_run(path, *value)
            self.remember(path)

        self._save_answer("state", path, self.tr("The run"), write)

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
            self.remember(path)
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
        """Take this window's autosave (``autosave.lstmrun``, or ``autosave-2.lstmrun``
        and on while other windows are open) and say in the status bar where it goes, or
        why there is none. True when an autosave that no running window holds is there
        to offer (``offer_restore``): a window that died, or closed without its last save."""
        self._build_indicator()
        problem = self._folder_problem()
        if not problem:
            remove_stale_temps(self.folder)  # what killed autosaves left behind
            problem = self._claim_slot()
        self.orphans = self._orphans()
        if problem:
            self._turn_off(problem)
        else:
            self._show_where()
        return bool(self.orphans)

    def _folder_problem(self) -> str:
        """Why the data folder can't take an autosave ("" when it can)."""
        folder = self.folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            if folder.exists() and not folder.is_dir():
                return self.tr("{0} is a file, not a folder").format(folder)
            return self.tr("the folder {0} cannot be made: {1}").format(folder, error_text(e))
        if not folder.is_dir():
            return self.tr("{0} is a file, not a folder").format(folder)
        probe = folder / f".write-test-{os.getpid()}"
        try:
            os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
            os.unlink(probe)
        except OSError as e:
            return self.tr("the folder {0} cannot be written to: {1}").format(folder, error_text(e))
        return ""

    def _claim_slot(self) -> str:
        """Lock the first free autosave of the folder for this window ("" when done, or
        why not). One whose lock or ``.unsaved`` mark is there with an autosave is left:
        it holds a run of a window that is open, or one to offer."""
        for slot in range(1, MAX_SLOTS + 1):
            lock_path, autosave, unsaved = slot_files(self.folder, slot)
            if unsaved.exists() or (lock_path.exists() and autosave.exists()):
                continue
            lock = QLockFile(str(lock_path))
            lock.setStaleLockTime(0)  # stale only when its process is gone, however young
            if lock.tryLock(0):
                self._lock, self.slot, self.autosave_path = lock, slot, autosave
                self.autosaving = True
                return ""
            if lock.error() != QLockFile.LockError.LockFailedError:
                return self.tr("the lock file {0} cannot be made").format(lock_path)
        return self.tr("{0} windows are open").format(MAX_SLOTS)

    def _orphans(self) -> list[int]:
        """The slots whose autosave no running window holds and which a window left
        behind without its last save (a lock left by a process that died, or an
        ``.unsaved`` mark): the newest first."""
        found = []
        for slot in slots_on_disk(self.folder):
            lock_path, autosave, unsaved = slot_files(self.folder, slot)
            if slot == self.slot or not autosave.is_file():
                continue
            if unsaved.exists() or lock_path.exists():
                if not _held(lock_path):
                    found.append(slot)
        return sorted(found, key=lambda k: _mtime(slot_files(self.folder, k)[1]), reverse=True)

    def offer_restore(self) -> bool:
        """Ask about each autosave ``start`` found, the newest first, and open the first
        one the user wants (False if none). This window then autosaves to that file. One
        declined is not offered again; one not asked about stays for the next window."""
        for slot in self.orphans:
            lock_path, autosave, unsaved = slot_files(self.folder, slot)
            claim = None
            if self.autosaving:  # another window starting now must not offer it too
                claim = QLockFile(str(lock_path))
                claim.setStaleLockTime(0)
                if not claim.tryLock(0):
                    continue  # a window holds it after all
            try:
                _, meta = load_run(autosave)
                step = int(meta.get("step", 0))
            except (RunFileError, TypeError, ValueError):
                _let_go(claim, unsaved)  # damaged: nothing to offer
                continue
            wanted = self.window.ask_restore(step)
            if self.closed:  # the window closed while it asked (a SIGTERM): ask next time
                if claim is not None:
                    with contextlib.suppress(OSError):
                        unsaved.touch()
                    claim.unlock()
                break
            if not wanted or not self.open_run(str(autosave)):
                _let_go(claim, unsaved)
                continue
            if claim is not None:  # go on in that file, under its lock
                with contextlib.suppress(OSError):
                    unsaved.unlink(missing_ok=True)
                self._lock.unlock()
                self._lock, self.slot, self.autosave_path = claim, slot, autosave
                self._show_where(announce=False)
            self.orphans = []
            return True
        self.orphans = []
        return False

    # ---------------------------------------------------------------- the indicator
    def _build_indicator(self) -> None:
        if self.indicator is None:
            self.indicator = QLabel()
            self.indicator.setObjectName("autosave_indicator")
            self.indicator.setContentsMargins(6, 0, 6, 0)
            self.window.statusBar().addPermanentWidget(self.indicator)

    def _show_where(self, announce: bool = True) -> None:
        """The indicator names this window's autosave; a window that has not the first
        one says so in the status bar (``announce``)."""
        path = self.autosave_path
        self.indicator.setText(self.tr("Autosave: {0}").format(path.name))
        self.indicator.setStyleSheet("")
        self.indicator.setToolTip(
            self.tr(
                "This window's run is saved to {0} every {1:g} s while it trains, when it "
                "pauses and when the window closes."
            ).format(path, autosave_seconds())
        )
        if announce and self.slot != 1:
            first = slot_files(self.folder, 1)[1]
            self.window.statusBar().showMessage(
                self.tr("This window autosaves to its own file, {0}, as another has {1}").format(
                    path.name, first.name
                ),
                15_000,
            )

    def _turn_off(self, reason: str) -> None:
        """No autosave, and the window says why, in the status bar and the indicator."""
        self.autosaving = False
        self.off_reason = reason
        text = self.tr("Autosave is off: {0}").format(reason)
        self.indicator.setText(self.tr("Autosave off"))
        self.indicator.setStyleSheet(WARNING_STYLE)
        self.indicator.setToolTip(text)
        self.window.statusBar().showMessage(text, 30_000)

    def _show_failure(self, reason: str) -> None:
        self.failing = reason
        self.indicator.setText(self.tr("Autosave failed"))
        self.indicator.setStyleSheet(WARNING_STYLE)
        self.indicator.setToolTip(
            self.tr("The last autosave to {0} failed: {1}").format(self.autosave_path, reason)
        )
        self.window.statusBar().showMessage(self.tr("Autosave failed: {0}").format(reason), 30_000)

    # ---------------------------------------------------------------- saving
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

    def on_snapshot(self, snap) -> None:
        """A snapshot of the run: one of a step taken while paused schedules a save."""
        if self._data_pending and snap.step == 0:  # a model of the data file opened
            session = self.window.session
            if session is not None and session.config.task_params.get("path") == (
                self._data_pending
            ):
                self.remember(self._data_pending)
            self._data_pending = ""
        if self.autosaving and snap.status == "paused" and snap.step not in (0, self.saved_step):
            self.stepped.start()

    @Slot()
    def autosave(self) -> None:
        session = self.window.session
        if not self.autosaving or session is None or session.last is None:
            return
        if session.last.step == 0:
            return

        def write(value, error: str) -> None:
            if error or value is None or not self.autosaving:
                return  # the model went away meanwhile; the next autosave will do
            try:
                save_run(self.autosave_path, *value)
            except (OSError, ValueError) as e:
                self._show_failure(error_text(e))
                return
            self.saved_step = int(value[1]["step"])
            if self.failing:  # it works again
                self.failing = ""
                self._show_where()

        self.window.ask("state", then=write)

    def _close_timeout(self) -> float:
        """How long the last save waits for the model: 3 s, more for slow steps (at most
        15 s), as the training process answers between two steps."""
        last = self.window.session.last
        per_step = last.elapsed / last.step if last.step > 0 else 0.0
        return min(max(CLOSE_TIMEOUT_S, 2 * per_step + 1), 15.0)

    def close(self) -> None:
        """The window closes: save the run one last time, then let go of the lock. When
        that save can't be made (the training process hangs or is gone, the disk
        fails), the autosave there is marked ``.unsaved`` and the next launch offers it."""
        self.closed = True
        self.timer.stop()
        self.stepped.stop()
        session = self.window.session
        saved = True
        if self.autosaving and session is not None and session.last is not None:
            if session.last.step > 0:
                value, error = self.window.ask_now("state", timeout_s=self._close_timeout())
                saved = False
                if not error and value is not None:
                    try:
                        save_run(self.autosave_path, *value)
                        saved = True
                    except (OSError, ValueError):
                        pass
        if self._lock is not None:
            if not saved and self.autosave_path.exists():
                _, _, unsaved = slot_files(self.folder, self.slot)
                with contextlib.suppress(OSError):  # then the lock stays behind: the same
                    unsaved.touch()
            self._lock.unlock()
            self._lock = None
        self.autosaving = False


MAX_SLOTS = 1000
CLOSE_TIMEOUT_S = 3.0
WARNING_STYLE = "color: #b3261e; font-weight: bold;"


def dropped_paths(mime) -> list[str]:
    """The local files of a drag (links to web pages and text are not files)."""
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


def _reads_file(meta) -> bool:
    """Whether the run described by ``meta`` has a task that reads a data file (read
    in a thread: it may be large); a damaged description is checked at once."""
    config = meta.get("config") if isinstance(meta, dict) else None
    return isinstance(config, dict) and reads_file(config.get("task"))


def slot_files(folder: Path, slot: int) -> tuple[Path, Path, Path]:
    """Autosave ``slot``'s lock, run and ``.unsaved`` mark: ``window.lock`` and
    ``autosave.lstmrun`` for the first window (the names older versions used), then
    ``window-2.lock`` and ``autosave-2.lstmrun``, ..."""
    tail = "" if slot == 1 else f"-{slot}"
    lock = folder / f"window{tail}.lock"
    return lock, folder / f"autosave{tail}{RUN_SUFFIX}", lock.with_name(lock.name + ".unsaved")


_SLOT_NAME = re.compile(
    r"^(?:window|autosave)(?:-([0-9]{1,6}))?(?:\.lock|\.lock\.unsaved|\.lstmrun)$"
)


def slots_on_disk(folder: Path) -> list[int]:
    """The slots that have a file in ``folder``."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    slots = set()
    for name in names:
        match = _SLOT_NAME.match(name)
        if match:
            slots.add(int(match[1]) if match[1] else 1)
    return sorted(k for k in slots if 1 <= k <= MAX_SLOTS)


def _held(lock_path: Path) -> bool:
    """Does a running process hold this lock (without taking it, so it works in a
    folder that can't be written to)? No when its process is gone."""
    if not lock_path.exists():
        return False
    info = QLockFile(str(lock_path)).getLockInfo()
    if not info:
        return False  # empty or unreadable: nobody's
    pid, host = info[0], info[1]
    if host and host != QSysInfo.machineHostName():
        return True  # another computer's: can't tell, so it is held
    return process_alive(int(pid))


def _let_go(claim: QLockFile | None, unsaved: Path) -> None:
    """An autosave the user declined: not offered again (its file stays)."""
    if claim is not None:
        with contextlib.suppress(OSError):
            unsaved.unlink(missing_ok=True)
        claim.unlock()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


#: the signals that close the window as Quit does (its last autosave first)
QUIT_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


class QuitOnSignals(QObject):
    """SIGTERM, SIGHUP and Ctrl+C close the windows as Quit does, so each makes its last
    autosave and ends its training process, then the application exits with 128 + the
    signal's number.

    Python runs a signal handler only between two bytecodes, never while Qt's event loop
    waits; so the handler's C half writes the signal's number to a socket
    (``signal.set_wakeup_fd``) that a ``QSocketNotifier`` watches in the GUI thread.
    """

    def __init__(self, app: QCoreApplication, windows: list) -> None:
        super().__init__(app)
        self.app, self.windows = app, windows
        self.received: int | None = None
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {s: signal.signal(s, _wake_only) for s in QUIT_SIGNALS}
        self.notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._on_signal)

    @Slot()
    def _on_signal(self) -> None:
        try:
            data = self._reader.recv(64)
        except OSError:
            return
        if not data or self.received is not None:
            return
        self.received = data[0]
        for window in list(self.windows):
            window.close()  # closeEvent: the last autosave, then the training process
        self.app.exit(128 + self.received)

    def uninstall(self) -> None:
        """The handlers and the wakeup descriptor as they were."""
        self.notifier.setEnabled(False)
        for signum, handler in self._previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()


def _wake_only(signum, frame) -> None:
    """The Python half of a quit signal: the wakeup socket did the work."""
