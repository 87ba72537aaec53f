"""The application's main window: the setup dock, the controls, the live panels.

The window wires things together and holds no plotting code: each panel is a
``Panel`` in its own dock, fed every snapshot by ``_on_snapshot``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QEventLoop,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSlider,
    QSpinBox,
    QToolBar,
    QWidget,
)

from lstm_studio import __version__
from lstm_studio.tasks import TASKS, Task, make_task, reads_file
from lstm_studio.training import FIELDS, Snapshot, TrainConfig
from lstm_studio.training.loop import end_message
from lstm_studio.translations import error_text

from . import i18n
from .compare import RaceDock, SweepDock
from .dock_title import DockTitleBar, ExplanationPopup
from .experiments import Experiment, ExperimentsPanel
from .files import RunFiles
from .gradcheck_dialog import GradientCheckDialog
from .i18n import tr_metric, tr_task
from .panels import Panel
from .panels.decay import DecayPanel
from .panels.diagram import CellDiagramPanel
from .panels.equations import EquationsPanel
from .panels.gates import GatesPanel
from .panels.loss import LossPanel
from .panels.norms import NormsPanel
from .panels.predictions import PredictionsPanel
from .panels.scrubber import ScrubberPanel
from .panels.states import StatesPanel
from .panels.units import UnitsPanel
from .probe_editor import YOURS, ProbeEditor, whose
from .screen_fit import fit_to_screen
from .setup_panel import SetupPanel
from .theme import use_light_scheme
from .worker import Builder, TrainingHost, TrainingSession

_ABOUT_TEXT = (
    f"<h3>LSTM Studio {__version__}</h3>"
    "<p>Learn how recurrent networks (RNN, LSTM, GRU, peephole LSTM and coupled "
    "input-forget LSTM) work by training them and watching every gate.</p>"
    "<p>The networks run on a from-scratch NumPy engine.</p>"
)
SETTINGS_VERSION = 1
#: the panels that show a run (lstm-studio export draws them too)
PANEL_CLASSES = (
    LossPanel,
    PredictionsPanel,
    GatesPanel,
    StatesPanel,
    DecayPanel,
    NormsPanel,
    CellDiagramPanel,
    EquationsPanel,
)
SETUP_EXPLANATION = QT_TRANSLATE_NOOP(
    "Panel",
    "<p>Choose a <b>task</b> (what the network must learn) and a <b>cell</b> (how it "
    "remembers), then press Train. <i>Use the task's preset</i> fills in settings known "
    "to learn the task; start there, then change one thing at a time and watch what "
    "happens.</p><p>Changing the task, the cell or the sizes builds a new model (you are "
    "asked first if the current one has trained). The learning rate and the clipping "
    "apply at once, while training.</p>",
)
#: the docks of the panels that show the network reading the probe sequence: their
#: title bars say whose sequence it is (the held-out example or the learner's own)
PROBE_DOCKS = (
    "predictions_panel",
    "gates_panel",
    "states_panel",
    "decay_panel",
    "diagram_panel",
    "scrubber_panel",
)
FRAME_GAP_MS = 4  # between two panel updates (see _on_frame)
# seconds to wait after each step, from full speed to slow motion for a classroom
SPEEDS = (0.0, 0.01, 0.05, 0.1, 0.25, 0.5, 1.0)


def _speed_text(delay: float) -> str:
    if delay == 0:
        return QCoreApplication.translate("MainWindow", "full speed")
    rate = 1 / delay
    if rate == 1:
        return QCoreApplication.translate("MainWindow", "at most 1 step/s")
    return QCoreApplication.translate("MainWindow", "at most {0:g} steps/s").format(rate)


class MainWindow(QMainWindow):
    """Top level: setup on the left, live panels in docks, controls in the toolbar."""

    language_requested = Signal(str)  # a language code the user chose (the app rebuilds)

    def __init__(
        self,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
        data_dir: Path | None = None,
    ) -> None:
        """``settings`` and ``data_dir`` (the autosave's folder) default to the user's."""
        use_light_scheme()  # before any widget: the plots and labels are drawn for it
        super().__init__(parent)
        self.setWindowTitle("LSTM Studio")
        self.setDockNestingEnabled(True)
        self.settings = (
            settings if settings is not None else QSettings("LSTM Studio", "LSTM Studio")
        )
        self.session: TrainingSession | None = None
        self.failure_box: QMessageBox | None = None  # the latest "training stopped" message
        self._diverged_shown: Snapshot | None = None
        self.gradcheck_dialog: GradientCheckDialog | None = None
        self._asked: dict[int, Callable[[object, str], None]] = {}  # request id -> its reader
        self._speed_before: int | None = None  # the slider before an experiment's slow run
        self._experiment_session: TrainingSession | None = None  # a guided experiment's
        # the process that trains: started now, so it is ready for the first snapshot
        self.host = TrainingHost(self, restart=True)
        self.builder = Builder(self)  # reads a large data file off the GUI thread
        self.host.lost.connect(self._on_training_lost)
        self.host.start()

        self._build_actions()
        self.files = RunFiles(self, data_dir)
        self._build_toolbar()
        self._build_docks()
        self._build_status_bar()
        self._build_menus()

        config = self._saved_config() or TrainConfig.from_preset("binary-addition")
        # before the window shows (its event loop waits anyway), so it has a model at once
        if not self._new_session(config, block=True):
            self._new_session(TrainConfig.from_preset("binary-addition"))
        self._restore_layout()
        if self.files.start():  # the last window died with its run: offer what was saved
            QTimer.singleShot(0, self.files.offer_restore)

    # ---------------------------------------------------------------- building
    def _build_actions(self) -> None:
        self.train_action = QAction(self.tr("Train"), self)
        self.train_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.train_action.setToolTip(self.tr("Train or pause (Space)"))
        self.train_action.triggered.connect(self._on_train_triggered)
        self.step_action = QAction(self.tr("Step"), self)
        self.step_action.setShortcut(QKeySequence("S"))
        self.step_action.setToolTip(self.tr("Exactly one optimisation step, then pause (S)"))
        self.step_action.triggered.connect(self._on_step_triggered)
        self.reset_action = QAction(self.tr("Reset"), self)
        self.reset_action.setShortcut(QKeySequence("Ctrl+R"))
        self.reset_action.setToolTip(self.tr("New weights from the seed, step 0 (Ctrl+R)"))
        self.reset_action.triggered.connect(self._on_reset_triggered)

        self.gradcheck_action = QAction(self.tr("Check &gradients numerically…"), self)
        self.gradcheck_action.setToolTip(
            self.tr("Compare backpropagation's gradients with finite differences, now")
        )
        self.gradcheck_action.triggered.connect(self._on_gradcheck_triggered)

        self.quit_action = QAction(self.tr("&Quit"), self)
        # An explicit Ctrl+Q: QKeySequence.StandardKey.Quit is empty on some desktops.
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        # close, not QApplication.quit: closeEvent ends the training process
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self.tr("&About LSTM Studio"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._on_about_triggered)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Controls"))
        bar.setObjectName("controls_toolbar")
        bar.setMovable(False)
        bar.addAction(self.train_action)
        # "Train" and "Pause" take the same room, so nothing shifts when it flips
        train_button = bar.widgetForAction(self.train_action)
        train_button.setMinimumWidth(train_button.fontMetrics().horizontalAdvance("Pause") + 24)
        bar.addAction(self.step_action)
        bar.addAction(self.reset_action)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr(" Speed ")))
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setFixedWidth(120)
        self.speed.setToolTip(self.tr("From full speed (left) to slow motion (right)"))
        self.speed.valueChanged.connect(self._on_speed_changed)
        bar.addWidget(self.speed)
        self.speed_label = QLabel(_speed_text(0.0))
        self.speed_label.setMinimumWidth(110)
        bar.addWidget(self.speed_label)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr(" Steps ")))
        self.budget = QSpinBox()
        steps = FIELDS["steps"]  # the config's bounds of a budget
        self.budget.setRange(int(steps.low), int(steps.high))
        self.budget.setKeyboardTracking(False)
        self.budget.setToolTip(self.tr("The step budget: training stops there"))
        self.budget.valueChanged.connect(self._on_budget_changed)
        bar.addWidget(self.budget)
        self.progress = QProgressBar()
        self.progress.setFixedWidth(160)
        self.progress.setFormat("%v / %m")
        bar.addWidget(self.progress)
        self.stop_when_solved = QCheckBox(self.tr("stop when solved"))
        self.stop_when_solved.toggled.connect(self._on_budget_changed)
        bar.addWidget(self.stop_when_solved)
        self.addToolBar(bar)
        self.toolbar = bar

    def _build_docks(self) -> None:
        self.explanation_popup = ExplanationPopup(self)
        self.setup = SetupPanel()
        self.setup.config_edited.connect(self._on_config_edited)
        self.setup.live_edited.connect(self._on_live_edited)
        self.setup.invalid.connect(self._on_invalid)
        scroll = QScrollArea()
        scroll.setWidget(self.setup)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.setup.minimumSizeHint().width() + 24)
        self.setup_dock = self._dock(
            scroll, self.tr("Setup"), "setup_dock", SETUP_EXPLANATION, pictures=False
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.setup_dock)
        # the learner's own probe: a tab beside the Setup, the other thing a learner
        # types, so the panels it changes keep their room and stay in sight
        self.probe_editor = ProbeEditor()
        self.probe_editor.show_requested.connect(self._on_probe_requested)
        self.probe_dock = self._dock(
            self.probe_editor,
            QCoreApplication.translate("Panel", ProbeEditor.title),
            "probe_dock",
            ProbeEditor.explanation,
            pictures=False,
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.probe_dock)
        self.tabifyDockWidget(self.setup_dock, self.probe_dock)
        self.setup_dock.raise_()
        self._whose: bool | None = None  # the panels show the learner's probe (None: not said yet)

        # the panels that show a run (PANEL_CLASSES, in that order), then the scrubber
        self.panels: list[Panel] = [cls() for cls in PANEL_CLASSES]
        (
            self.loss_panel,
            self.predictions_panel,
            self.gates_panel,
            self.states_panel,
            self.decay_panel,
            self.norms_panel,
            self.diagram_panel,
            self.equations_panel,
        ) = self.panels
        self.scrubber = ScrubberPanel()
        self.panels.append(self.scrubber)
        # text tasks: which unit tracks what (not in PANEL_CLASSES: its numbers are asked
        # of the training process, which the command line's export does not have)
        self.units_panel = UnitsPanel()
        self.panels.append(self.units_panel)
        self.panel_docks: dict[str, QDockWidget] = {}
        self._stale: set[Panel] = set()
        self._latest: Snapshot | None = None
        self._first_frame = True  # the next snapshot is the model's first: paint it all
        self._pending: deque[tuple[Panel, Snapshot]] = deque()
        self._latest_for: dict[Panel, Snapshot] = {}
        self._frames = QTimer(self)
        self._frames.setInterval(FRAME_GAP_MS)
        self._frames.timeout.connect(self._on_frame)
        for panel in self.panels:
            dock = self._dock(
                panel,
                QCoreApplication.translate("Panel", panel.title),
                panel.object_name + "_dock",
                panel.explanation,
            )
            self.panel_docks[panel.object_name] = dock
            dock.visibilityChanged.connect(self._on_dock_shown)
        d = self.panel_docks
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.addDockWidget(right, d["loss_panel"])
        self.splitDockWidget(d["loss_panel"], d["gates_panel"], Qt.Orientation.Vertical)
        self.splitDockWidget(d["loss_panel"], d["decay_panel"], Qt.Orientation.Horizontal)
        self.tabifyDockWidget(d["gates_panel"], d["states_panel"])
        self.tabifyDockWidget(d["states_panel"], d["predictions_panel"])
        self.tabifyDockWidget(d["predictions_panel"], d["units_panel"])
        self.tabifyDockWidget(d["decay_panel"], d["norms_panel"])
        self.tabifyDockWidget(d["norms_panel"], d["diagram_panel"])
        self.tabifyDockWidget(d["diagram_panel"], d["equations_panel"])
        d["gates_panel"].raise_()
        d["decay_panel"].raise_()
        # the curves on top get room to read; the heatmaps below take the rest
        self.resizeDocks([d["loss_panel"], d["gates_panel"]], [400, 400], Qt.Orientation.Vertical)
        self.resizeDocks([d["loss_panel"], d["decay_panel"]], [470, 530], Qt.Orientation.Horizontal)
        self.predictions_panel.temperature_changed.connect(self._on_temperature_changed)
        self.units_panel.report_wanted.connect(self._on_units_wanted)
        self.predictions_panel.sampling_requested.connect(self._on_sampling_requested)
        # the scrubber under everything, the width of the window
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, d["scrubber_panel"])
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.scrubber.selection_changed.connect(self._on_selection_changed)
        for panel in (self.gates_panel, self.states_panel):
            panel.picked.connect(self.scrubber.set_selection)

        # comparing cells: docks of their own, behind the heatmaps' tabs
        self.race = RaceDock()
        self.sweep = SweepDock()
        self.experiments = ExperimentsPanel()
        self.compare_docks: dict[str, QDockWidget] = {}
        behind = d["predictions_panel"]
        for widget in (self.race, self.sweep, self.experiments):
            dock = self._dock(
                widget,
                QCoreApplication.translate("Panel", widget.title),
                widget.object_name + "_dock",
                widget.explanation,
            )
            self.compare_docks[widget.object_name] = dock
            self.tabifyDockWidget(behind, dock)
            dock.hide()  # the Compare menu shows them; hidden, they take no room
            behind = dock
        d["gates_panel"].raise_()
        self.experiments.run_requested.connect(self._on_experiment_requested)
        self.race.finished.connect(self._on_race_finished)
        self.sweep.finished.connect(self._on_sweep_finished)
        self.race.busy_changed.connect(self._on_comparison_busy)
        self.sweep.busy_changed.connect(self._on_comparison_busy)
        for name in PROBE_DOCKS:  # "the held-out example" / "your sequence": the editor
            d[name].titleBarWidget().note_clicked.connect(lambda: self.show_dock(self.probe_dock))

    @Slot(bool)
    def _on_dock_shown(self, visible: bool) -> None:
        if not visible or self._latest is None:
            return
        dock = self.sender()
        if isinstance(dock, QDockWidget) and isinstance(dock.widget(), Panel):
            dock.widget().shown()
        for panel in list(self._stale):
            if not panel.visibleRegion().isEmpty() or panel.parent() is self.sender():
                panel.on_snapshot(self._latest)
                self._stale.discard(panel)

    def _dock(
        self, widget: QWidget, title: str, name: str, explanation: str, pictures: bool = True
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        if not widget.objectName() and getattr(widget, "object_name", ""):
            # its pictures are named after it ("loss_panel.png", as File > Export all
            # names them), not "panel.png"
            widget.setObjectName(widget.object_name)
        dock.setWidget(widget)
        text = QCoreApplication.translate("Panel", explanation) if explanation else ""
        export = self.files.export_panel_dialog if pictures else None
        dock.setTitleBarWidget(DockTitleBar(dock, text, self.explanation_popup, export))
        return dock

    @Slot(object)
    def _on_selection_changed(self, selection) -> None:
        for panel in self.panels:
            if panel is not self.scrubber:
                panel.on_selection(selection)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status_labels = {}
        for key in ("step", "rate", "elapsed", "loss", "metric", "solved"):
            label = QLabel()
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label)
            self.status_labels[key] = label

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.files.fill(file_menu)
        file_menu.addAction(self.quit_action)
        train_menu = self.menuBar().addMenu(self.tr("&Training"))
        for action in (self.train_action, self.step_action, self.reset_action):
            train_menu.addAction(action)
        train_menu.addSeparator()
        train_menu.addAction(self.gradcheck_action)
        compare = self.menuBar().addMenu(self.tr("&Compare"))
        for name in ("race_panel", "sweep_panel", "experiments_panel"):
            dock = self.compare_docks[name]
            action = compare.addAction(dock.windowTitle())
            action.triggered.connect(lambda _=False, dock=dock: self.show_dock(dock))
        self.compare_menu = compare
        view = self.menuBar().addMenu(self.tr("&View"))
        view.addAction(self.setup_dock.toggleViewAction())
        view.addAction(self.probe_dock.toggleViewAction())
        self.probe_dock.toggleViewAction().triggered.connect(
            lambda on: self.probe_dock.raise_() if on else None
        )
        for dock in (*self.panel_docks.values(), *self.compare_docks.values()):
            view.addAction(dock.toggleViewAction())
            # shown again, a dock comes to the front of its tabs, not behind another
            dock.toggleViewAction().triggered.connect(
                lambda on, dock=dock: dock.raise_() if on else None
            )
        view.addSeparator()
        languages = view.addMenu(self.tr("&Language"))
        self.language_actions = {}
        current = i18n.chosen_language(self.settings)
        for code, name in i18n.LANGUAGES.items():
            action = languages.addAction(name)  # each in its own language, always
            action.setCheckable(True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _=False, code=code: self._on_language_chosen(code))
            self.language_actions[code] = action
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        # the guided experiments are where a learner begins: first in Help, on F1
        self.start_here_action = help_menu.addAction(self.tr("&Start here: guided experiments"))
        self.start_here_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.start_here_action.setToolTip(
            self.tr("Ready-made experiments from the tutorials: predict, run, compare")
        )
        self.start_here_action.triggered.connect(self._on_start_here_triggered)
        help_menu.addSeparator()
        self.glossary_action = help_menu.addAction(self.tr("&Glossary of gates and states"))
        self.glossary_action.triggered.connect(self._on_glossary_triggered)
        self.shortcuts_action = help_menu.addAction(self.tr("&Keyboard shortcuts"))
        self.shortcuts_action.triggered.connect(self._on_shortcuts_triggered)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        self.file_menu, self.help_menu = file_menu, help_menu

    # ---------------------------------------------------------------- sessions
    def _new_session(
        self,
        config: TrainConfig,
        state: tuple | None = None,
        task: Task | None = None,
        then: Callable[[bool], None] | None = None,
        block: bool = False,
    ) -> bool:
        """Build a model for ``config`` (or go on with a saved run's ``state``, as
        ``Trainer.state()`` gives it; ``task``: its task, built already); False (and a
        message) when it can't be used. A task that reads a data file is read in a
        thread (unless ``block``): True then says it is being read, the model comes when
        it is, and ``then(ok)``, if given, says how it went (a later build drops it)."""
        self.builder.cancel()  # a model chosen now replaces one still being read
        wanted = config if state is None else TrainConfig.from_dict(state[1]["config"])
        current = self.session
        if task is None and current is not None and _same_task(current.config, wanted):
            task = current.task  # read already: the same file is not read again
        if task is None and reads_file(wanted.task) and not block:
            self._show_reading()

            def built(task: Task | None, error: BaseException | None) -> None:
                self._show_reading(False)
                if error is not None and not isinstance(error, (ValueError, OSError)):
                    raise error
                if error is not None:
                    self._on_invalid(error_text(error))
                    ok = False
                else:
                    ok = self._start_session(config, state, task)
                if then is not None:
                    then(ok)

            self.builder.start(lambda: make_task(wanted.task, **wanted.task_params), built)
            return True
        ok = self._start_session(config, state, task)
        if then is not None:
            then(ok)
        return ok

    def _show_reading(self, reading: bool = True) -> None:
        """While a data file is read: said in the status bar, Train and Step wait."""
        self.train_action.setEnabled(not reading)
        self.step_action.setEnabled(not reading)
        if reading:
            self.statusBar().showMessage(self.tr("Reading data…"))
        elif self.statusBar().currentMessage() == self.tr("Reading data…"):
            self.statusBar().clearMessage()

    def _start_session(self, config: TrainConfig, state: tuple | None, task: Task | None) -> bool:
        try:
            session = TrainingSession(config, self.host, self, state, task)
        except (ValueError, OSError) as e:
            self._on_invalid(error_text(e))
            return False
        config = session.config
        # the learner's probe stays on a new model of the same task (Reset, another
        # cell...): the old run's, as its last snapshot has it
        old = self.session.last if self.session is not None else None
        carried = None
        if state is None and old is not None and old.probe_values is not None:
            if _same_task(self.session.config, config):
                carried = dict(old.probe_values)
        self._end_session()
        self.session = session
        session.snapshot.connect(self._on_snapshot)
        session.failed.connect(self._on_failed)
        session.answered.connect(self._on_answered)
        session.state_changed.connect(self._on_state_changed)
        session.set_delay(SPEEDS[self.speed.value()])
        session.set_temperature(self.predictions_panel.temperature())
        sampling = state[1].get("sampling") if state is not None else None
        if isinstance(sampling, dict):  # an opened run writes as it did when saved
            self.predictions_panel.set_sampling(sampling.get("length"), sampling.get("seed"))
        session.set_sampling(*self.predictions_panel.sampling())
        task = session.task
        self._stale.clear()
        self._pending.clear()
        self._latest_for.clear()
        for panel in self.panels:
            panel.reset(task, config)
        self.probe_editor.reset(task)
        self._whose = None
        self.setup.accept(config)
        self.race.set_base(config)
        self.budget.blockSignals(True)
        self.budget.setValue(config.steps)
        self.budget.blockSignals(False)
        self.stop_when_solved.blockSignals(True)
        self.stop_when_solved.setChecked(config.stop_when_solved)
        self.stop_when_solved.blockSignals(False)
        self.progress.setRange(0, config.steps)
        self.progress.setValue(0)
        # the panels show the model when its first snapshot comes from the training
        # process (it is being built there now), all at once
        self._first_frame = True
        self._on_state_changed("idle")
        if carried is not None:
            self._on_probe_requested(carried)
        return True

    def _end_session(self) -> None:
        if self.session is not None and self.session is self._experiment_session:
            self._experiment_session = None
            self._restore_speed()
            self.experiments.cancel(self.tr("the model was replaced"))
        asked, self._asked = self._asked, {}
        for then in asked.values():
            then(None, self.tr("the model was replaced meanwhile"))
        if self.session is not None:
            self.session.shutdown()
            self.session.snapshot.disconnect(self._on_snapshot)
            self.session.failed.disconnect(self._on_failed)
            self.session.answered.disconnect(self._on_answered)
            self.session.deleteLater()
            self.session = None

    # ---------------------------------------------------------------- slots
    @Slot()
    def _on_train_triggered(self) -> None:
        if self.session.state == "running":
            self.session.pause()
        else:
            self.session.train()

    @Slot()
    def _on_step_triggered(self) -> None:
        self.session.step()

    @Slot()
    def _on_reset_triggered(self) -> None:
        self._new_session(self.setup.current())

    @Slot(int)
    def _on_speed_changed(self, index: int) -> None:
        delay = SPEEDS[index]
        self.speed_label.setText(_speed_text(delay))
        if self.session is not None:
            self.session.set_delay(delay)

    @Slot()
    def _on_budget_changed(self) -> None:
        if self.session is None:
            return
        steps, solved = self.budget.value(), self.stop_when_solved.isChecked()
        self.session.set_budget(steps, solved)
        self.setup.set_budget(steps, solved)
        self.race.set_base(self.setup.current())
        self.progress.setRange(0, steps)

    @Slot(float)
    def _on_temperature_changed(self, value: float) -> None:
        if self.session is not None:
            self.session.set_temperature(value)

    # ---------------------------------------------------------------- the probe
    @Slot(object)
    def _on_probe_requested(self, values) -> None:
        """Show the panels the learner's probe (``values``; None: the held-out example).
        The editor has checked it with the window's task; the training process checks
        it again, re-runs the probe on the current weights and answers with the
        snapshot that shows it (the run itself is not touched)."""

        def then(_snap, error: str) -> None:
            # its snapshot went to the panels already; a refusal is said in the editor
            self.probe_editor.show_error(error.removeprefix("ProbeError: "))

        self.ask("set_probe", values, then=then)

    def _show_whose(self, snap: Snapshot) -> None:
        """The title bars of the panels that show the probe say whose sequence it is; a
        click on it opens the editor."""
        yours = snap.probe_values is not None
        if yours == self._whose:
            return
        self._whose = yours
        colour = YOURS if yours else "#777777"
        html = f'<a href="probe" style="color: {colour}; text-decoration: none;">{whose(snap)}</a>'
        tip = self.tr("The sequence these panels show; click to choose your own")
        for name in PROBE_DOCKS:
            self.panel_docks[name].titleBarWidget().set_note(html, tip)

    @Slot()
    def _on_comparison_busy(self) -> None:
        """While a cell race or a lag sweep runs, the probe editor waits, and says why."""
        if self.race.busy:
            why = self.tr(
                "A cell race is running. Choose your own sequence once it has ended, or "
                "stop it in the Cell race panel."
            )
        elif self.sweep.busy:
            why = self.tr(
                "A lag sweep is running. Choose your own sequence once it has ended, or "
                "stop it in the Lag sweep panel."
            )
        else:
            why = ""
        self.probe_editor.set_unavailable(why)

    @Slot(int, object)
    def _on_sampling_requested(self, length: int, seed) -> None:
        """Sample: the model writes at once (training or not), these many characters
        with this seed (None: the step's, a new text each evaluation)."""
        if self.session is not None:
            self.session.set_sampling(length, seed)

    @Slot(object)
    def _on_config_edited(self, config: TrainConfig) -> None:
        old = self.session.config
        self.builder.cancel()  # an edit still being read is replaced by this one
        self._show_reading(False)
        if reads_file(config.task) and not _same_task(config, old):
            # its data file is read (in a thread) and checked before anything else
            self._show_reading()
            self.builder.start(
                lambda: make_task(config.task, **config.task_params),
                lambda task, error: self._apply_config(config, task, error),
            )
            return
        self._apply_config(config)

    def _apply_config(
        self, config: TrainConfig, task: Task | None = None, error: BaseException | None = None
    ) -> None:
        """The rest of ``_on_config_edited``, when ``config``'s data file (if any) has
        been read into ``task``, or could not be (``error``)."""
        self._show_reading(False)
        if error is not None and not isinstance(error, (ValueError, OSError)):
            raise error
        session = self.session
        last = session.last
        trained = last is not None and last.step > 0
        was_running = session.state == "running"
        problem = error_text(error) if error is not None else ""
        if not problem and config.truncate:  # longer than the task's sequences: say so now
            try:
                fit = task
                if fit is None:
                    fit = (
                        session.task
                        if _same_task(config, session.config)
                        else make_task(config.task, **config.task_params)
                    )
                config.check_truncate(fit.size_hint()[0])
            except (ValueError, OSError) as e:
                problem = error_text(e)
        if problem:  # said before asking to throw a trained model away
            if config.task != session.config.task:
                title = tr_task(TASKS[config.task].title)
                problem = self.tr("“{0}” was not applied: {1}").format(title, problem)
            else:
                problem = self.tr("The change was not applied: {0}").format(problem)
            self._on_invalid(problem)
            self.setup.revert()
            return
        # a new task brings its preset: say what it replaces ("Use the task's preset"
        # does the same for the task the window has)
        changes = []
        if config.task != session.config.task:
            changes = self.setup.changes(session.config, config)
        brings = ""
        if changes:
            brings = self.tr("“{0}” brings its preset: {1}.").format(
                tr_task(TASKS[config.task].title), "; ".join(changes)
            )
        if trained:
            if was_running:
                session.pause()
            if brings:
                why = f"{brings} {self.tr('These settings need a new model.')}"
                kept = not self.confirm_discard(last.step, why)
            else:
                kept = not self.confirm_discard(last.step)
            if kept:
                self.setup.revert(keep_typed=False)
                self.setup.show_problem("")  # declined: nothing went wrong
                if was_running:
                    session.train()
                return
        if config.task == session.config.task:  # a new task brings its preset's budget
            config = config.replace(steps=self.budget.value())
        if not self._new_session(config, task=task):
            self.setup.revert()
        elif brings:  # what came with it, in words, also when nothing was asked
            self.statusBar().showMessage(brings, 20_000)

    def confirm_discard(self, step: int, why: str = "") -> bool:
        """Ask before a trained model is thrown away (tests replace this); ``why`` says
        what needs a new model (the Setup's new settings by default)."""
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        why = why or self.tr("These settings need a new model.")
        answer = QMessageBox.question(
            self,
            self.tr("Discard the trained model?"),
            self.tr("{0} Discard the current one and its {1} steps of training?").format(why, step),
            buttons,
            QMessageBox.StandardButton.No,  # the safe answer is the default
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot(str, float)
    def _on_live_edited(self, name: str, value: float) -> None:
        if name == "lr":
            self.session.set_lr(value)
        elif name == "clip":
            self.session.set_clip(value)
        self.race.set_base(self.setup.current())

    @Slot(str)
    def _on_invalid(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)
        self.setup.show_problem(message)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Training stopped"), message, parent=self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec: the window stays usable
        self.failure_box = box

    # ---------------------------------------------------------------- asking the model
    def ask(self, name: str, *args, then: Callable[[object, str], None]) -> int:
        """Ask the training process about the model (``training.remote.REQUESTS``);
        ``then(value, error)`` runs in the GUI thread with the answer (error "" when
        it worked), or with an error if the model is replaced first."""
        job = self.session.request(name, *args)
        self._asked[job] = then
        return job

    def ask_now(self, name: str, *args, timeout_s: float = 5.0) -> tuple[object, str]:
        """``ask``, waiting for the answer (a modal pause of at most ``timeout_s``)."""
        answer: list[tuple[object, str]] = []
        loop = QEventLoop()
        self.ask(
            name, *args, then=lambda value, error: (answer.append((value, error)), loop.quit())
        )
        QTimer.singleShot(int(timeout_s * 1000), loop.quit)
        if not answer:
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        return answer[0] if answer else (None, self.tr("the training process did not answer"))

    @Slot(int, object, str)
    def _on_answered(self, job: int, value: object, error: str) -> None:
        then = self._asked.pop(job, None)
        if then is not None:
            then(value, error)

    @Slot()
    def _on_units_wanted(self) -> None:
        """The units panel wants a fresh report on the current weights."""
        panel = self.units_panel
        if self.session is None:
            return

        def show(value, error: str) -> None:
            if error:
                panel.show_error(error)
            else:
                panel.show_report(value)

        self.ask("units", then=show)

    @Slot()
    def _on_gradcheck_triggered(self) -> None:
        if self.gradcheck_dialog is None:
            self.gradcheck_dialog = GradientCheckDialog(self)
            self.gradcheck_dialog.again.clicked.connect(self._on_gradcheck_triggered)
        dialog = self.gradcheck_dialog
        last = self.session.last
        dialog.show_pending(last.step if last is not None else 0)
        dialog.show()
        dialog.raise_()

        def show(value, error: str) -> None:
            if error:
                dialog.show_error(error)
            else:
                step, result = value
                dialog.show_result(result, step)

        self.ask("gradient_check", then=show)

    def end_message(self, snap: Snapshot) -> str:
        """How a run ended, in the window's language (``training.loop.end_message``)."""
        solved_at = snap.solved_at
        if snap.status == "solved" and solved_at is not None and solved_at != snap.step:
            # solved before "stop when solved" was ticked: the status bar's "solved at
            # step 400" stays true, and this says why it stopped later
            return self.tr("solved at step {0}, stopped at step {1}").format(solved_at, snap.step)
        if snap.status in ("finished", "solved", "stopped", "diverged"):
            return end_message(snap.status, snap.step, snap.loss, snap.grad_norm)
        return snap.message

    def _on_diverged(self, snap: Snapshot) -> None:
        """Training blew up: say where, what to change, and that nothing is lost."""
        if snap.clip > 0:
            clip = self.tr("lower the gradient clipping (now {0:g})").format(snap.clip)
        else:
            clip = self.tr("turn on gradient clipping (now off; try 1)")
        advice = self.tr(
            "The loss or the gradient became infinite or NaN: {0}.\n\nThe model is back to "
            "its last finite weights. Lower the learning rate (now {1:g}) or {2} in the "
            "Setup, then press Reset to start again from fresh weights. Train goes on from "
            "the last finite weights instead, but weights that have already grown huge "
            "usually blow up again at once."
        ).format(self.end_message(snap), snap.lr, clip)
        self._on_failed(advice)

    @Slot(str)
    def _on_training_lost(self, message: str) -> None:
        self._new_session(self.setup.current())
        self._on_failed(message)

    def show_dock(self, dock: QDockWidget) -> None:
        """Show a dock and bring it to the front of its tabs."""
        dock.show()
        dock.raise_()

    @Slot(object)
    def _on_experiment_requested(self, exp: Experiment) -> None:
        """Run a guided experiment: the window's model, a race or a lag sweep."""
        panel = self.panel_docks.get(exp.panel) or self.compare_docks.get(exp.panel)
        if exp.kind == "race":
            self.race.start(exp.cells, exp.config)
        elif exp.kind == "sweep":
            self.sweep.start(exp.config, exp.cells, exp.lags, exp.config.steps)
        else:
            last = self.session.last
            if last is not None and last.step > 0:
                if self.session.state == "running":
                    self.session.pause()
                if not self.confirm_discard(
                    last.step, self.tr("This experiment needs a new model.")
                ):
                    self.experiments.cancel(self.tr("you kept the current model"))
                    return
            if not self._run_experiment(exp.config, exp.delay):
                return
        if panel is not None:
            self.show_dock(panel)

    def _run_experiment(self, config: TrainConfig, delay: float = 0.0) -> bool:
        """A new model for ``config``, trained as the running experiment's run; ``delay``
        (seconds per step, one of ``SPEEDS``) runs it in slow motion on the speed slider,
        which goes back where the learner had it for the next run."""
        self._restore_speed()
        if delay:
            self._speed_before = self.speed.value()
            self.speed.setValue(SPEEDS.index(delay))
        if not self._new_session(config):
            self.experiments.cancel(self.tr("its setup could not be built"))
            self._restore_speed()
            return False
        self._experiment_session = self.session
        self.session.train()
        return True

    def _restore_speed(self) -> None:
        """The speed slider back where the learner had it before an experiment's slow run."""
        if self._speed_before is not None:
            self.speed.setValue(self._speed_before)
            self._speed_before = None

    def _show_outcome(self, last) -> None:
        """An experiment ended: its outcome next to the prediction, brought to the front."""
        if self.experiments.show_outcome(last) is None:
            return
        self.show_dock(self.compare_docks["experiments_panel"])
        self.statusBar().showMessage(
            self.tr("The experiment has ended: see its outcome under Guided experiments"), 15_000
        )

    @Slot(object)
    def _on_race_finished(self, snap) -> None:
        exp = self.experiments.running
        if exp is not None and exp.kind == "race":
            self._show_outcome(snap)

    @Slot(object)
    def _on_sweep_finished(self, snap) -> None:
        exp = self.experiments.running
        if exp is None or exp.kind != "sweep":
            return
        if snap.status == "finished":
            self._show_outcome(snap)
        else:  # what a part of the sweep shows is not the experiment's outcome
            self.experiments.cancel(self.tr("the sweep was cancelled"))

    @Slot(str)
    def _on_state_changed(self, state: str) -> None:
        self.files.on_state(state)
        if state == "done" and self.session is self._experiment_session:
            self._experiment_session = None
            if self.session.last is None:  # the training process went before it began
                self.experiments.cancel(self.tr("its setup could not be built"))
            elif (follow := self.experiments.next_run(self.session.last)) is not None:
                # a two-run experiment's second run, once this state change is handled
                QTimer.singleShot(0, lambda: self._run_experiment(follow))
            else:
                self._restore_speed()
                self._show_outcome(self.session.last)
        running = state == "running"
        self.train_action.setText(self.tr("Pause") if running else self.tr("Train"))

    @Slot(object)
    def _on_snapshot(self, snap: Snapshot) -> None:
        self._latest = snap
        self.files.on_snapshot(snap)
        self.probe_editor.on_snapshot(snap)
        self._show_whose(snap)
        for panel in self.panels:
            # a panel behind another dock's tab waits: it gets the latest when it shows
            if panel.needs_every_snapshot:
                self._pending.append((panel, snap))  # every snapshot, in order
            elif not panel.visibleRegion().isEmpty():
                self._latest_for[panel] = snap  # only the newest matters
                self._stale.discard(panel)
            else:
                self._stale.add(panel)
        self._show_status(snap)
        if self._first_frame:  # the model, whole at once, as the window shows it first
            self._first_frame = False
            self.flush_panels()
        elif not self._frames.isActive():
            self._frames.start()

    @Slot()
    def _on_frame(self) -> None:
        """One panel per tick: its update and its repaint land in their own event-loop
        pass, so the GUI never spends one long stretch on all panels at once."""
        if self._pending:
            panel, snap = self._pending.popleft()
        elif self._latest_for:
            panel = next(iter(self._latest_for))
            snap = self._latest_for.pop(panel)
        else:
            self._frames.stop()
            return
        panel.on_snapshot(snap)

    def _show_status(self, snap: Snapshot) -> None:
        if snap.steps_total != self.progress.maximum():  # the budget, as the run has it
            self.progress.setMaximum(snap.steps_total)
        self.progress.setValue(min(snap.step, self.progress.maximum()))
        task = self.session.task if self.session is not None else None
        metric = task.primary_metric if task is not None else "loss"
        labels = self.status_labels
        labels["step"].setText(self.tr("step {0}").format(snap.step))
        if snap.status == "running":
            labels["rate"].setText(self.tr("{0:,.0f} steps/s").format(snap.steps_per_sec))
        else:  # a rate over single steps means nothing
            labels["rate"].setText(i18n.tr_status(snap.status))
        labels["elapsed"].setText(self.tr("{0:.1f} s").format(snap.elapsed))
        loss = "–" if snap.loss != snap.loss else f"{snap.loss:.4g}"
        labels["loss"].setText(self.tr("train loss {0}").format(loss))
        value = snap.metrics.get(metric, float("nan"))
        labels["metric"].setText(self.tr("held-out {0} {1:.4g}").format(tr_metric(metric), value))
        if snap.solved_at is not None:  # kept by the trainer, and in a saved run
            labels["solved"].setText(self.tr("solved at step {0}").format(snap.solved_at))
        else:
            labels["solved"].setText("")
        if snap.done and snap.message:
            self.statusBar().showMessage(self.end_message(snap), 15_000)
        if snap.status == "diverged" and snap is not self._diverged_shown:
            self._diverged_shown = snap
            running = self.experiments.running
            if running is None or running.kind != "train":  # an experiment's outcome says it
                self._on_diverged(snap)

    def flush_panels(self) -> None:
        """Bring every panel up to date now (tests, and before a screenshot)."""
        while self._pending or self._latest_for:
            self._on_frame()

    @Slot()
    def _on_glossary_triggered(self) -> None:
        from .glossary import GlossaryDialog

        if getattr(self, "glossary", None) is None:
            self.glossary = GlossaryDialog(self)
        self.glossary.show()
        self.glossary.raise_()

    @Slot()
    def _on_shortcuts_triggered(self) -> None:
        from .shortcuts import ShortcutsDialog

        if getattr(self, "shortcuts_dialog", None) is None:
            self.shortcuts_dialog = ShortcutsDialog(self)
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()

    @Slot()
    def _on_start_here_triggered(self) -> None:
        """The guided experiments, in front, the first one chosen if none is."""
        self.show_dock(self.compare_docks["experiments_panel"])
        self.experiments.start_here()

    def _on_language_chosen(self, code: str) -> None:
        """Keep the choice; the window is rebuilt in that language, the run goes on."""
        for other, action in self.language_actions.items():
            action.setChecked(other == code)
        self.settings.setValue(i18n.SETTING, code)
        if code != i18n.chosen_language_now():
            self.language_requested.emit(code)

    @Slot()
    def _on_about_triggered(self) -> None:
        QMessageBox.about(self, self.tr("About LSTM Studio"), _ABOUT_TEXT)

    # ---------------------------------------------------------------- settings
    def _saved_config(self) -> TrainConfig | None:
        if self._settings_version() != SETTINGS_VERSION:
            return None
        text = self.settings.value("config")
        try:
            return TrainConfig.from_json(text) if isinstance(text, str) else None
        except ValueError:
            return None  # an older or damaged config: start from the preset

    def _settings_version(self) -> int | None:
        """The version the settings were written with: an INI file gives it back as
        text ("1"), the registry and a fresh QSettings as a number; None if damaged."""
        try:
            return int(self.settings.value("settings_version", -1))
        except (TypeError, ValueError):
            return None

    def _restore_layout(self) -> None:
        geometry = self.settings.value("geometry")
        state = self.settings.value("window_state")
        if self._settings_version() == SETTINGS_VERSION:
            if isinstance(geometry, QByteArray):
                self.restoreGeometry(geometry)
            if isinstance(state, QByteArray):
                self.restoreState(state, SETTINGS_VERSION)
                fit_to_screen(self)  # saved on another screen, or larger than this one
                return
        self.resize(1280, 800)
        fit_to_screen(self)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        # the window manager's frame is known once the window is on the screen (and a
        # moment later with some): fit again then, so the status bar stays in sight
        if not event.spontaneous():
            QTimer.singleShot(0, self, lambda: fit_to_screen(self))
            QTimer.singleShot(300, self, lambda: fit_to_screen(self))

    def save_settings(self) -> None:
        self.settings.setValue("settings_version", SETTINGS_VERSION)
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState(SETTINGS_VERSION))
        if self.session is not None:
            self.settings.setValue("config", self.setup.current().to_json())
        self.settings.sync()

    def ask_restore(self, step: int) -> bool:
        """After a crash: go on with the autosaved run? (tests replace this)"""
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(
            self,
            self.tr("Restore the last run?"),
            self.tr(
                "LSTM Studio did not close properly last time. Its run was saved at step "
                "{0}. Go on with it?"
            ).format(step),
            buttons,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.save_settings()
        self.files.close()  # the last autosave needs the training process: before it ends
        self.builder.cancel()
        self._end_session()
        self.host.close()
        self.race.close_process()
        self.sweep.close_process()
        super().closeEvent(event)


def _same_task(a: TrainConfig, b: TrainConfig) -> bool:
    return (a.task, a.task_params) == (b.task, b.task_params)


def switch_language(window: MainWindow, language: str) -> MainWindow:
    """The window again in ``language``, with the same run: the old one saves its run
    (the autosave) and lets go of it, the new one opens it, then the old one closes."""
    had_run = window.session is not None and window.session.last is not None
    had_run = had_run and window.session.last.step > 0
    autosave = window.files.autosave_path  # this window's: the new one may get another
    state = None
    if had_run and not window.files.autosaving:  # no autosave to go through: hand it over
        value, error = window.ask_now("state")
        state = None if error else value
    window.files.close()  # the last autosave, and the lock, for the new window
    i18n.install(language)
    new = MainWindow(settings=window.settings, data_dir=window.files.folder)
    new.restoreGeometry(window.saveGeometry())
    new.restoreState(window.saveState(SETTINGS_VERSION), SETTINGS_VERSION)
    fit_to_screen(new)
    if state is not None:
        new._new_session(new.session.config, state)
    elif had_run:
        new.files.open_run(str(autosave), announce=False)  # the learner opened nothing
    new.show()
    window.close()
    # deleted by the GUI thread: left to Python's garbage collector, which may run in a
    # worker thread, its widgets would be destroyed off the GUI thread
    window.deleteLater()
    return new
