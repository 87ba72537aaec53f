"""Cells compared: a race on the Setup's task, and a sweep of the memory lag.

Both run in a training process of their own (a ``TrainingHost`` each, started on
first use), so the model in the Setup keeps its state while they run. The race
overlays every cell's loss, held-out metric and gradient-decay curve in one colour
per cell and tables the result; the sweep charts the final held-out metric against
the lag, one line per cell: where each cell stops learning.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.engine import CELLS, cell_spec
from lstm_studio.io import write_text_atomic
from lstm_studio.tasks import TASKS
from lstm_studio.tasks.base import split_list
from lstm_studio.training import TrainConfig
from lstm_studio.training.compare import (
    MAX_CELLS,
    RaceSnapshot,
    SweepResult,
    SweepSnapshot,
    default_lags,
    lag_range,
    race_table_csv,
    sweep_table_csv,
)
from lstm_studio.translations import error_text

from .dock_title import ElidedLabel
from .i18n import tr_cell, tr_metric, tr_status, tr_task
from .worker import RemoteRun, TrainingHost


def cell_name(cell: str, short: bool = False) -> str:
    """A cell's name to show, in the current language (the cell registry's)."""
    spec = cell_spec(cell)
    return tr_cell(spec.short if short else spec.label)


def cell_colour(cell: str) -> str:
    """A cell's colour, the same in every chart (the registry's: colour-blind safe)."""
    try:
        return cell_spec(cell).colour
    except ValueError:
        return "#000"


class CellChooser(QWidget):
    """A check box per cell; ``cells()`` in the engine's order."""

    changed = Signal()

    def __init__(self, checked: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for cell in CELLS:
            box = QCheckBox(cell_name(cell, short=True))
            box.setToolTip(cell_name(cell))
            box.setChecked(cell in checked)
            box.setStyleSheet(f"QCheckBox {{ color: {cell_colour(cell)}; font-weight: bold; }}")
            box.toggled.connect(self.changed)
            layout.addWidget(box)
            self.boxes[cell] = box

    def cells(self) -> tuple[str, ...]:
        return tuple(c for c in CELLS if self.boxes[c].isChecked())

    def set_cells(self, cells) -> None:
        for cell, box in self.boxes.items():
            box.setChecked(cell in cells)


def _plot(view: pg.GraphicsLayoutWidget, col: int, title: str, x: str, y: str, log_y: bool):
    plot = view.addPlot(row=0, col=col)
    plot.setTitle(title, size="10pt")
    plot.setLabel("bottom", x)
    plot.setLabel("left", y)
    plot.setLogMode(y=log_y)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.getAxis("left").enableAutoSIPrefix(False)  # "(x1e-06)" over a log axis misleads
    plot.getAxis("bottom").enableAutoSIPrefix(False)
    return plot


def _pen(cell: str, dashed: bool = False):
    style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
    return pg.mkPen(cell_colour(cell), width=2, style=style)


class _RunOwner(QWidget):
    """A dock's own training process and its current run."""

    busy_changed = Signal()  # its run started or ended (``busy`` says which)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host: TrainingHost | None = None
        self.run: RemoteRun | None = None

    def _start_run(self, config: TrainConfig, job: dict) -> RemoteRun:
        self._end_run()
        if self.host is None:
            self.host = TrainingHost(self)
        run = RemoteRun(config, self.host, self, job=job)
        run.snapshot.connect(self._on_snapshot)
        run.failed.connect(self._on_failed)
        run.state_changed.connect(self._on_state_changed)
        self.run = run
        run.train()
        return run

    def _end_run(self) -> None:
        if self.run is not None:
            self.run.shutdown()
            self.run.snapshot.disconnect(self._on_snapshot)
            self.run.deleteLater()
            self.run = None

    def close_process(self) -> None:
        """End the run and the process (the window is closing)."""
        self._end_run()
        if self.host is not None:
            self.host.close()

    @property
    def busy(self) -> bool:
        return self.run is not None and self.run.state in ("running", "paused")

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("The comparison stopped"), message)

    def _on_snapshot(self, snap) -> None:
        raise NotImplementedError

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        """Stop (the sweep: cancel; the runs done stay on the chart)."""
        if self.run is not None:
            self.run.stop()

    def _update_buttons(self) -> None:
        raise NotImplementedError

    @Slot()
    def _on_start_clicked(self) -> None:
        if self.busy:
            self.stop()
        else:
            self.start()

    @Slot(str)
    def _on_state_changed(self, state: str) -> None:
        self._update_buttons()
        self.busy_changed.emit()


class RaceDock(_RunOwner):
    """2 to 5 cells on the Setup's task, seed and hyperparameters, one step each in turn."""

    title = QT_TRANSLATE_NOOP("Panel", "Cell race")
    object_name = "race_panel"
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>The chosen cells train on the task in the Setup, from the same seed, on exactly "
        "the same batches, with the same hyperparameters, one step each in turn. Only the "
        "cell differs, so any difference in the curves is the cell's doing.</p><p>Left: "
        "the training loss; middle: the held-out measure; right: the gradient decay "
        "through time of each cell's first layer (the plain RNN's falls fastest). The "
        "table gives each cell's final numbers and when it solved the task, in steps and "
        "in seconds of its own computing time.</p>",
    )

    finished = Signal(object)  # the last RaceSnapshot

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.base: TrainConfig | None = None
        self.raced: TrainConfig | None = None  # the race the curves and table show
        self.last: RaceSnapshot | None = None
        self.chooser = CellChooser(("rnn", "lstm"))
        self.chooser.changed.connect(self._update_buttons)
        self.start_button = QPushButton(self.tr("Start race"))
        self.start_button.setMinimumWidth(1)
        self.start_button.clicked.connect(self._on_start_clicked)
        self.about = ElidedLabel()  # one line; the whole setup in its tooltip
        self.about.setStyleSheet("color: #444;")
        self.about.setContentsMargins(2, 0, 2, 0)
        top = QHBoxLayout()
        top.setContentsMargins(6, 2, 6, 0)
        top.addWidget(self.chooser)
        top.addWidget(self.start_button)
        top.addStretch(1)
        self._top = top

        self.view = pg.GraphicsLayoutWidget()
        self.loss_plot = _plot(self.view, 0, self.tr("training loss"), self.tr("step"), "", True)
        self.metric_plot = _plot(self.view, 1, self.tr("held-out"), self.tr("step"), "", False)
        self.decay_plot = _plot(
            self.view,
            2,
            self.tr("gradient decay, layer 1"),
            self.tr("t (timestep)"),
            "‖∂l<sub>τ</sub>/∂h<sub>t</sub>‖",
            True,
        )  # no legend: the cells' check boxes above wear the curves' colours
        self.view.setMinimumHeight(150)  # room for the ticks of three short plots
        self.curves: dict[str, dict[str, pg.PlotDataItem]] = {}
        self._rows: dict[str, dict[str, list]] = {}

        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().setVisible(False)
        rows = self.table.fontMetrics().height() + 10
        self.table.setMinimumHeight(3 * rows)  # the header and two cells; it scrolls
        self.table.verticalHeader().setDefaultSectionSize(rows - 4)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.export_button = QToolButton()
        self.export_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton)
        )
        self.export_button.setText(self.tr("CSV"))
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.export_button.setToolTip(self.tr("Export the table as CSV"))
        self.export_button.clicked.connect(self._on_export_clicked)
        self.export_button.setEnabled(False)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(6, 0, 6, 2)
        bottom_layout.addWidget(self.about)
        bottom_layout.addWidget(self.table, 1)
        self._top.addWidget(self.export_button)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(bottom)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([170, 120])  # the table: a header and three rows at least
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._update_buttons()

    # ---------------------------------------------------------------- public
    def set_base(self, config: TrainConfig) -> None:
        """The Setup's config: the next race's task, seed and hyperparameters."""
        self.base = config
        if self.raced is None:
            self._set_about(config)
        else:  # the line under the curves keeps describing them; the next race is said here
            self.start_button.setToolTip(self.tr("The next race: {0}").format(self._about(config)))

    def start(self, cells=None, config: TrainConfig | None = None) -> None:
        """Race ``cells`` (default: the ticked ones) on ``config`` (default: the Setup's)."""
        if cells is not None:
            self.chooser.set_cells(cells)
        config = config or self.base
        cells = self.chooser.cells()
        if config is None or not 2 <= len(cells) <= MAX_CELLS:
            return
        self.raced = config
        self._set_about(config)
        self.start_button.setToolTip("")
        self._clear(cells)
        self._start_run(config, {"kind": "race", "cells": list(cells)})

    # ---------------------------------------------------------------- inside
    def _set_about(self, config: TrainConfig) -> None:
        text = self._about(config)
        self.about.setText(text)
        self.about.setToolTip(text)

    def _about(self, config: TrainConfig) -> str:
        text = self.tr(
            "{task}{params}, {layers} layer(s) of {units} units, {optimizer} lr {lr:g}, "
            "seed {seed}, {steps} steps each, stop when solved: {solved}"
        )
        params = ", ".join(  # a choice such as "auto" is translated like its name
            f"{tr_task(k.replace('_', ' '))} {tr_task(v) if isinstance(v, str) else v}"
            for k, v in config.task_params.items()
        )
        if config.bidirectional:  # every cell of the race runs both ways
            text = text.replace("{layers}", "{both}{layers}", 1)
        return text.format(
            task=tr_task(TASKS[config.task].title),
            params=f" ({params})" if params else "",
            both=self.tr("bidirectional (→ ←), "),
            layers=config.num_layers,
            units=config.hidden_size,
            optimizer=config.optimizer,
            lr=config.lr,
            seed=config.seed,
            steps=f"{config.steps:,}",
            solved=self.tr("yes") if config.stop_when_solved else self.tr("no"),
        )

    def _clear(self, cells) -> None:
        self.last = None
        for plot in (self.loss_plot, self.metric_plot, self.decay_plot):
            plot.clear()
        self.curves = {}
        self._rows = {c: {"step": [], "loss": [], "eval_step": [], "metric": []} for c in cells}
        for cell in cells:
            self.curves[cell] = {
                "loss": self.loss_plot.plot(pen=_pen(cell), name=cell_name(cell)),
                "metric": self.metric_plot.plot(
                    pen=_pen(cell), symbol="o", symbolSize=4, symbolBrush=cell_colour(cell)
                ),
                "decay": self.decay_plot.plot(pen=_pen(cell)),
            }
            self.curves[cell]["loss"].setDownsampling(auto=True, method="mean")
            self.curves[cell]["loss"].setClipToView(True)
        self.table.setRowCount(0)
        self.export_button.setEnabled(False)

    @Slot()
    def _update_buttons(self) -> None:
        if self.busy:
            self.start_button.setText(self.tr("Stop race"))
            self.start_button.setEnabled(True)
            return
        self.start_button.setText(self.tr("Start race"))
        n = len(self.chooser.cells())
        self.start_button.setEnabled(2 <= n <= MAX_CELLS)
        self.start_button.setToolTip(
            "" if n >= 2 else self.tr("Tick at least two cells to race them")
        )

    @Slot(object)
    def _on_snapshot(self, snap: RaceSnapshot) -> None:
        self.last = snap
        metric = snap.primary_metric
        self.metric_plot.setTitle(self.tr("held-out {0}").format(tr_metric(metric)))
        for lane in snap.lanes:
            rows, s = self._rows.get(lane.cell), lane.snapshot
            if rows is None:
                continue
            new = s.new_steps
            if len(new.get("step", ())):
                rows["step"].extend(new["step"].tolist())
                rows["loss"].extend(new["loss"].tolist())
            evals = s.new_evals
            if len(evals.get("step", ())) and metric in evals:
                rows["eval_step"].extend(evals["step"].tolist())
                rows["metric"].extend(evals[metric].tolist())
            curves = self.curves[lane.cell]
            loss = np.asarray(rows["loss"], float)
            ok = np.isfinite(loss) & (loss > 0)  # a log axis takes positive values only
            curves["loss"].setData(np.asarray(rows["step"], float)[ok], loss[ok])
            curves["metric"].setData(np.asarray(rows["eval_step"], float), rows["metric"])
            if s.probe is not None:
                dh = s.probe.decay_dh[0]
                ok = np.isfinite(dh) & (dh > 0)
                curves["decay"].setData(np.arange(dh.size, dtype=float)[ok], dh[ok])
        self._fill_table(snap)
        if snap.done:
            self.export_button.setEnabled(True)
            self.finished.emit(snap)

    def _fill_table(self, snap: RaceSnapshot) -> None:
        columns = snap.columns
        headers = {
            "cell": self.tr("cell"),
            "steps": self.tr("steps"),
            "train_loss": self.tr("training loss"),
            "heldout_loss": self.tr("held-out loss"),
            "solved_step": self.tr("solved at step"),
            "solved_seconds": self.tr("solved after (s)"),
            "status": self.tr("status"),
        }
        if self.table.columnCount() != len(columns):
            self.table.setColumnCount(len(columns))
            self.table.setHorizontalHeaderLabels(
                [headers.get(c, self.tr("held-out {0}").format(tr_metric(c[8:]))) for c in columns]
            )
        rows = snap.table()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, key in enumerate(columns):
                value = row[key]
                if key == "cell":
                    text = cell_name(value)
                elif key == "status":
                    text = tr_status(value)
                elif value is None:
                    text = "–"
                elif isinstance(value, float):
                    text = f"{value:.3g}" if key != "solved_seconds" else f"{value:.2f}"
                else:
                    text = str(value)
                item = QTableWidgetItem(text)
                if key == "cell":
                    item.setForeground(pg.mkColor(cell_colour(value)))
                self.table.setItem(r, c, item)

    @Slot()
    def _on_export_clicked(self) -> None:
        if self.last is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the race table"),
            str(Path.home() / "race.csv"),
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> bool:
        """Write the table; a message (and False) when the file cannot be written."""
        try:
            write_text_atomic(path, race_table_csv(self.last))
        except OSError as e:
            QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr("{0} could not be saved: {1}").format(Path(path).name, error_text(e)),
            )
            return False
        return True


#: metrics where less is better: the chance line's label goes below the line for them,
#: on the side the points move to as a cell learns (above it for accuracies)
LESS_IS_BETTER = ("loss",)


def metric_text(value: float) -> str:
    """A held-out metric in the table and the hover text: three significant digits,
    trailing zeros kept so a column lines up (1.00, 0.716, 0.00213, 2.30e-05)."""
    return f"{value:#.3g}" if np.isfinite(value) else str(value)


def lag_positions(lags) -> dict[int, float]:
    """Where each lag sits on the sweep's x axis: at log10(lag), so lags from 5 to 1000
    spread evenly and each doubling is the same step; a lag of 0 (copy without a delay),
    which a log axis has no room for, half a decade left of the shortest other lag."""
    positive = [lag for lag in lags if lag > 0]
    zero = float(np.log10(min(positive))) - 0.5 if positive else 0.0
    return {int(lag): float(np.log10(lag)) if lag > 0 else zero for lag in lags}


def seconds_text(seconds: float) -> str:
    """A run's seconds: hundredths for the quick ones, fewer digits for the long."""
    if seconds < 10:
        return f"{seconds:.2f}"
    return f"{seconds:.1f}" if seconds < 100 else f"{seconds:.0f}"


class SweepDock(_RunOwner):
    """Each chosen cell at each lag of the adding problem or copy, for a fixed budget.

    The chart (log lag on x: lags 5 .. 1000 spread evenly, and where a cell fails is a
    matter of the order of magnitude) has one line per cell, and hovering a point tells
    its run; the table beside it (under it when the dock is tall) lists every finished
    run; "Export CSV…" writes that table (``training.compare.sweep_table_csv``).
    """

    title = QT_TRANSLATE_NOOP("Panel", "Lag sweep")
    object_name = "sweep_panel"
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>How long can each cell remember? The lag is how far back the answer lies: the "
        "length of the adding problem, or copy's delay. Each chosen cell is trained at "
        "each lag for the same number of steps, from the same seed, and the chart shows "
        "the held-out result against the lag, one line per cell.</p><p>Expect the plain "
        "RNN to fail first as the lag grows (its gradient vanishes), the LSTM and GRU "
        "much later. Short lags run first, so a cancelled sweep keeps a useful "
        "chart.</p>",
    )

    finished = Signal(object)  # the last SweepSnapshot

    #: the table's columns: keys of ``SweepSnapshot.table()`` (``metric``: its
    #: ``metric_key``)
    TABLE_COLUMNS = ("cell", "lag", "metric", "solved", "solved_step", "seconds")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.last: SweepSnapshot | None = None
        self._problem = ""  # what the status line says keeps a sweep from starting
        self._oriented = False  # the splitter has had its first sizes (_orient)
        self.task = QComboBox()
        self.task.addItem(self.tr("Adding problem"), "adding")
        self.task.addItem(self.tr("Copy"), "copy")
        self.task.setToolTip(
            self.tr(
                "The lag is the adding problem's length T, or copy's delay between "
                "showing and recalling"
            )
        )
        self.task.currentIndexChanged.connect(self._on_task_changed)
        self.chooser = CellChooser(("rnn", "lstm", "gru"))
        self.chooser.changed.connect(self._update_buttons)
        self.lags = QLineEdit()
        self.lags.setToolTip(self.tr("Lags to try, separated by commas"))
        self.lags.textChanged.connect(self._update_buttons)
        # the setup's flag is not the sweep's: it runs the task's preset, one way unless
        # this is ticked
        self.bidirectional = QCheckBox(self.tr("both directions"))
        self.bidirectional.setObjectName("sweep_bidirectional")
        self.bidirectional.setToolTip(
            self.tr(
                "Bidirectional layers (→ and ←) for every run: each layer also reads the "
                "sequence from the last step down"
            )
        )
        self.budget = QSpinBox()
        self.budget.setRange(10, 1_000_000)
        self.budget.setSingleStep(100)
        self.budget.setValue(1000)
        self.budget.setToolTip(self.tr("Training steps for every run (fewer when solved early)"))
        self.start_button = QPushButton(self.tr("Start sweep"))
        self.start_button.clicked.connect(self._on_start_clicked)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setFormat(self.tr("idle"))
        self.progress.setMaximumWidth(160)  # the status beside it says what runs
        self.status = QLabel()
        self.status.setStyleSheet("color: #444;")
        self.status.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.setToolTip(self.tr("Save the table of finished runs as a CSV file"))
        self.export_button.clicked.connect(self._on_export_clicked)
        self.export_button.setEnabled(False)
        self.lags.setMinimumWidth(60)
        # three rows of controls, so the chart and the table keep the height a dock
        # has at 1280 x 800
        row1 = QHBoxLayout()
        row1.setContentsMargins(6, 2, 6, 0)
        row1.addWidget(self.task)
        row1.addWidget(QLabel(self.tr("lags")))
        row1.addWidget(self.lags, 1)
        row1.addWidget(self.bidirectional)
        row2 = QHBoxLayout()
        row2.setContentsMargins(6, 0, 6, 0)
        row2.addWidget(self.chooser)
        row2.addStretch(1)
        row2.addWidget(QLabel(self.tr("steps per run")))
        row2.addWidget(self.budget)
        row2.addWidget(self.start_button)
        row3 = QHBoxLayout()
        row3.setContentsMargins(6, 0, 6, 0)
        row3.addWidget(self.progress)
        row3.addWidget(self.status, 1)
        row3.addWidget(self.export_button)

        self.view = pg.PlotWidget()
        self.view.setMinimumSize(200, 120)
        self.plot = self.view.getPlotItem()
        # the x axis is log10 of the lag (lag_positions), ticked at every lag swept
        self.plot.setLabel("bottom", self.tr("lag (steps the memory must bridge)"))
        self.plot.getAxis("left").enableAutoSIPrefix(False)  # a loss of 0.17 reads 0.17
        self.plot.getAxis("bottom").enableAutoSIPrefix(False)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        # the legend is the title's second half: in the plot it covered the points at
        # the longest lags
        self.chance = pg.InfiniteLine(
            angle=0,
            pen=pg.mkPen("#777", width=1, style=Qt.PenStyle.DashLine),
            label=self.tr("chance"),
            labelOpts={"position": 0.03, "color": "#555"},
        )
        self.curves: dict[str, pg.PlotDataItem] = {}  # a line per cell
        # every run's point, hovered for its numbers: one item for all the cells, so
        # points that overlap share one tool tip (an item each would clear another's)
        self.points = pg.ScatterPlotItem(
            size=8,
            pen=pg.mkPen("w", width=1),
            hoverable=True,
            hoverSize=12,
            tip=self._tip,
        )
        self._x: dict[int, float] = {}  # lag -> x (lag_positions)

        self.table = QTableWidget(0, len(self.TABLE_COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setMinimumSize(200, 80)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.view)
        self.split.addWidget(self.table)
        self.split.setChildrenCollapsible(False)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addLayout(row3)
        layout.addWidget(self.split, 1)
        self._on_task_changed()

    # ---------------------------------------------------------------- public
    def chosen_lags(self) -> tuple[int, ...]:
        """The lags typed, or a ValueError naming the bad one."""
        low, high = lag_range(self.task.currentData())
        lags = []
        # commas, semicolons and digits as a Chinese input method types them too (5，10、20)
        for part in split_list(self.lags.text()):
            if not part.isdecimal() or not low <= int(part) <= high:
                raise ValueError(
                    self.tr("{0!r} is not a lag: use whole numbers from {1} to {2}").format(
                        part, low, high
                    )
                )
            if int(part) not in lags:
                lags.append(int(part))
        if not lags:
            raise ValueError(self.tr("type at least one lag"))
        return tuple(sorted(lags))

    def start(
        self,
        config: TrainConfig | None = None,
        cells=None,
        lags=None,
        steps: int | None = None,
    ) -> None:
        """Sweep ``cells`` over ``lags`` for ``steps`` each, on ``config`` (its task,
        adding or copy, its seed and hyperparameters); each left out is what the dock
        shows (the config: the task's preset). The dock's controls are set to what runs."""
        if config is not None:
            self.task.setCurrentIndex(self.task.findData(config.task))
            self.bidirectional.setChecked(config.bidirectional)
        if cells is not None:
            self.chooser.set_cells(cells)
        if lags is not None:
            self.lags.setText(", ".join(str(int(lag)) for lag in lags))
        if steps is not None:
            self.budget.setValue(int(steps))
        task = self.task.currentData()
        try:
            lags = self.chosen_lags()
        except ValueError as e:
            self.status.setText(str(e))
            return
        cells = self.chooser.cells()
        if not cells:
            return
        if config is None:
            config = TrainConfig.from_preset(task, bidirectional=self.bidirectional.isChecked())
        self._clear(cells, lags)
        self._start_run(
            config,
            {
                "kind": "sweep",
                "cells": list(cells),
                "lags": list(lags),
                "steps": self.budget.value(),
            },
        )

    def point_text(self, result: SweepResult) -> str:
        """What hovering a run's point says: the cell and lag, the held-out metric,
        whether and when it solved the task, and the run's time."""
        metric = self.last.metric if self.last is not None else self._metric()
        lines = [
            self.tr("{cell} at lag {lag}").format(cell=cell_name(result.cell), lag=result.lag),
            self.tr("held-out {metric}: {value}").format(
                metric=tr_metric(metric), value=metric_text(result.metric)
            ),
        ]
        if result.solved and result.solved_step is not None:
            lines.append(self.tr("solved: yes, at step {0}").format(result.solved_step))
        elif result.solved_step is not None:  # it trained on after solving, and lost it
            lines.append(
                self.tr("solved: no (met the criterion at step {0}, not at the end)").format(
                    result.solved_step
                )
            )
        elif result.status == "diverged":
            lines.append(self.tr("solved: no (diverged at step {0})").format(result.steps))
        else:
            lines.append(self.tr("solved: no"))
        lines.append(
            self.tr("{seconds} s for {steps} steps").format(
                seconds=seconds_text(result.seconds), steps=result.steps
            )
        )
        return "\n".join(lines)

    def export_csv(self, path: str) -> bool:
        """Write the table of finished runs; a message (and False) when the file cannot be
        written, in which case a file already there is left as it was."""
        if self.last is None:
            return False
        try:
            write_text_atomic(path, sweep_table_csv(self.last))
        except OSError as e:
            QMessageBox.warning(
                self,
                self.tr("Not saved"),
                self.tr("{0} could not be saved: {1}").format(Path(path).name, error_text(e)),
            )
            return False
        return True

    # ---------------------------------------------------------------- inside
    def _metric(self) -> str:
        """The primary metric of the task chosen (the task registry's)."""
        return TASKS[self.task.currentData()].primary_metric

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._orient()

    def _orient(self) -> None:
        """Chart and table side by side in a wide dock (the default at 1280 x 800, where
        the dock is short), the table under the chart in a tall one."""
        w, h = self.split.width(), self.split.height()
        want = Qt.Orientation.Horizontal if w >= 1.5 * h else Qt.Orientation.Vertical
        if want != self.split.orientation() or not self._oriented:
            self._oriented = True
            self.split.setOrientation(want)
            size = w if want == Qt.Orientation.Horizontal else h
            chart = round((0.55 if want == Qt.Orientation.Horizontal else 0.6) * size)
            self.split.setSizes([chart, size - chart])

    @Slot()
    def _on_task_changed(self) -> None:
        task = self.task.currentData()
        self.lags.setText(", ".join(str(lag) for lag in default_lags(task)))
        if self.last is None:  # else the chart keeps the labels of the sweep it shows
            self._label(self._metric(), self.chooser.cells())
        self.budget.setValue(1000 if task == "adding" else 2000)
        low, high = lag_range(task)
        self.lags.setPlaceholderText(self.tr("whole numbers from {0} to {1}").format(low, high))
        self._update_buttons()

    def _label(self, metric: str, cells) -> None:
        """The y axis names the metric; the title says what a point is, and, in the
        cells' colours, which line is which."""
        name = tr_metric(metric)
        self.plot.setLabel("left", name)
        title = self.tr("held-out {0} at the end of each run").format(name)
        key = "&nbsp;&nbsp;".join(
            f"<span style='color:{cell_colour(c)}; font-weight:bold'>●&nbsp;"
            f"{cell_name(c, short=True)}</span>"
            for c in cells
        )
        self.plot.setTitle(f"{title}&nbsp;&nbsp;&nbsp;{key}", size="9pt", color="#333")

    def _clear(self, cells, lags) -> None:
        self.last = None
        self.plot.clear()
        task = self.task.currentData()
        # what guessing gives: the adding problem's mean guess (variance of a sum of two
        # U(0, 1) values, 1/6) or copy's one symbol in eight
        self.chance.setValue(1 / 6 if task == "adding" else 1 / 8)
        below = self._metric() in LESS_IS_BETTER
        # the label's text hangs from the line (below it) or stands on it; pyqtgraph's
        # InfLineLabel keeps its anchors in this attribute (no setter in 0.14)
        self.chance.label.anchors = [(0, 0), (0, 0)] if below else [(0, 1), (0, 1)]
        self.chance.label.updatePosition()
        self.plot.addItem(self.chance)
        self._x = lag_positions(lags)
        lo, hi = min(self._x.values()), max(self._x.values())
        pad = max(0.08 * (hi - lo), 0.1)
        self.plot.setXRange(lo - pad, hi + pad, padding=0)
        self.plot.setYRange(0, 1.1 * self.chance.value(), padding=0)
        self.plot.getAxis("bottom").setTicks([[(self._x[lag], str(lag)) for lag in lags], []])
        self._label(self._metric(), cells)
        self.curves = {cell: self.plot.plot(pen=_pen(cell)) for cell in cells}
        self.points.clear()
        self.plot.addItem(self.points)  # over the lines
        self.table.setRowCount(0)
        self.export_button.setEnabled(False)
        self.progress.setValue(0)

    def _tip(self, x: float, y: float, data: SweepResult) -> str:
        """pyqtgraph's tool tip of a hovered point (its data is the run's result)."""
        return self.point_text(data)

    @Slot()
    def _update_buttons(self) -> None:
        if self.busy:
            self.start_button.setText(self.tr("Cancel"))
            self.start_button.setEnabled(True)
            return
        self.start_button.setText(self.tr("Start sweep"))
        try:
            self.chosen_lags()
            problem = "" if self.chooser.cells() else self.tr("Tick at least one cell")
        except ValueError as e:
            problem = str(e)
        if problem:
            self.status.setText(problem)
        elif self.status.text() == self._problem:
            self.status.setText("")  # the problem is fixed; how the last sweep ended stays
        self._problem = problem
        self.start_button.setEnabled(not problem)
        if not self.busy and self.last is None:
            self._label(self._metric(), self.chooser.cells())

    @Slot(object)
    def _on_snapshot(self, snap: SweepSnapshot) -> None:
        grown = self.last is None or len(snap.results) != len(self.last.results)
        if self.last is None:
            self._label(snap.metric, snap.cells)
        self.last = snap
        if grown:  # a run has finished: its point, its row
            self._show_results(snap)
        self.progress.setValue(int(round(1000 * snap.progress)))
        self.progress.setFormat(f"{100 * snap.progress:.0f} %")
        if snap.current is not None:
            cell, lag = snap.current
            self.status.setText(
                self.tr("training {cell} at lag {lag}: step {step} of {steps}").format(
                    cell=cell_name(cell), lag=lag, step=snap.current_step, steps=snap.steps_per_run
                )
            )
        elif snap.done:
            runs = len(snap.cells) * len(snap.lags)
            if snap.status == "stopped":
                self.progress.setFormat(self.tr("cancelled"))
                self.status.setText(
                    self.tr("Cancelled after {0} of {1} runs; the chart keeps them.").format(
                        len(snap.results), runs
                    )
                )
            else:
                self.status.setText(self.tr("All {0} runs done.").format(runs))
            self.finished.emit(snap)

    def _show_results(self, snap: SweepSnapshot) -> None:
        x = self._x if set(self._x) >= set(snap.lags) else lag_positions(snap.lags)
        for cell, (lags, metric) in snap.series().items():
            if cell in self.curves:
                self.curves[cell].setData([x[int(lag)] for lag in lags], metric)
        runs = snap.results
        data = np.empty(len(runs), object)  # (n,) one result each, kept whole
        for i, run in enumerate(runs):
            data[i] = run  # not data[:] = runs: NumPy would unpack the tuples
        self.points.setData(
            x=[x[r.lag] for r in runs],
            y=[r.metric for r in runs],
            data=data,
            brush=[pg.mkBrush(cell_colour(r.cell)) for r in runs],
        )
        values = [r.metric for r in snap.results if np.isfinite(r.metric)]
        self.plot.setYRange(0, 1.1 * max([*values, self.chance.value()]), padding=0)
        self._fill_table(snap)
        self.export_button.setEnabled(bool(snap.results))

    def _fill_table(self, snap: SweepSnapshot) -> None:
        # short headers, so the six columns fit beside the chart; the tool tips say more
        headers = {
            "cell": (self.tr("cell"), ""),
            "lag": (self.tr("lag"), self.tr("the steps the memory must bridge")),
            "metric": (
                tr_metric(snap.metric),
                self.tr("held-out {0} at the end of the run").format(tr_metric(snap.metric)),
            ),
            "solved": (self.tr("solved"), self.tr("the run ended with the task solved")),
            "solved_step": (
                self.tr("at step"),
                self.tr("the step of the evaluation that first met the criterion"),
            ),
            "seconds": (
                self.tr("time (s)"),
                self.tr("seconds the run took to train (slow motion not counted)"),
            ),
        }
        for c, key in enumerate(self.TABLE_COLUMNS):
            text, tip = headers[key]
            item = QTableWidgetItem(text)
            item.setToolTip(tip)
            self.table.setHorizontalHeaderItem(c, item)
        rows = snap.table()
        self.table.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, row in enumerate(rows):
            texts = {
                "cell": cell_name(row["cell"], short=True),
                "lag": str(row["lag"]),
                "metric": metric_text(row[snap.metric_key]),
                "solved": self.tr("yes") if row["solved"] else self.tr("no"),
                "solved_step": "–" if row["solved_step"] is None else str(row["solved_step"]),
                "seconds": seconds_text(row["seconds"]),
            }
            for c, key in enumerate(self.TABLE_COLUMNS):
                item = QTableWidgetItem(texts[key])
                if key == "cell":
                    item.setForeground(pg.mkColor(cell_colour(row["cell"])))
                else:
                    item.setTextAlignment(right)
                self.table.setItem(r, c, item)

    @Slot()
    def _on_export_clicked(self) -> None:
        if self.last is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the lag sweep's results"),
            str(Path.home() / f"lag-sweep-{self.last.task}.csv"),
            self.tr("CSV files (*.csv)"),
        )
        if path:
            self.export_csv(path)
