"""The cell race, the lag sweep and the guided experiments, each in its own process."""

import csv
import io
import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.training.compare import LagSweep, SweepResult, SweepSnapshot
from lstm_studio.ui import i18n
from lstm_studio.ui.compare import RaceDock, SweepDock, lag_positions, metric_text, seconds_text
from lstm_studio.ui.experiments import EXPERIMENTS, ExperimentsPanel
from lstm_studio.ui.main_window import MainWindow

QUICK = TrainConfig.from_preset(
    "binary-addition", task_params={"bits": 4}, steps=60, hidden_size=8, snapshot_hz=1000
)
# copy, small: within 200 steps the rnn and lstm solve delay 1, the rnn delay 8, the lstm not
LEARNS = TrainConfig(
    task="copy",
    task_params={"length": 2, "symbols": 4},
    hidden_size=12,
    batch_size=16,
    lr=0.05,
    eval_every=10,
    snapshot_hz=1000,
)


@pytest.fixture
def race(qtbot):
    dock = RaceDock()
    qtbot.addWidget(dock)
    yield dock
    dock.close_process()


def test_a_two_cell_race_gives_two_histories_from_the_same_seed(qtbot, race, tmp_path):
    race.set_base(QUICK)
    race.start(("rnn", "gru"))
    assert race.start_button.text() == "Stop race"
    with qtbot.waitSignal(race.finished, timeout=20_000) as done:
        pass
    snap = done.args[0]
    assert snap.cells == ("rnn", "gru") and snap.status == "finished"
    for cell in ("rnn", "gru"):
        x, y = race.curves[cell]["loss"].getOriginalDataset()
        lone = Trainer(QUICK.replace(cell=cell))
        expected = [lone.train_step() for _ in range(60)]
        assert list(x) == list(range(1, 61))
        np.testing.assert_allclose(y, expected, rtol=1e-6)  # the same seed and data as alone
        dx, dy = race.curves[cell]["decay"].getOriginalDataset()
        assert len(dx) > 1 and np.all(dy > 0)
    first = race.curves["rnn"]["loss"].getOriginalDataset()[1]
    assert not np.array_equal(first, race.curves["gru"]["loss"].getOriginalDataset()[1])
    assert race.table.rowCount() == 2 and race.table.item(1, 0).text() == "GRU"
    assert race.start_button.text() == "Start race"
    path = tmp_path / "race.csv"
    assert race.export_csv(str(path))
    rows = list(csv.DictReader(io.StringIO(path.read_text())))
    assert [r["cell"] for r in rows] == ["rnn", "gru"] and rows[0]["steps"] == "60"


def test_a_race_needs_two_cells(qtbot, race):
    race.set_base(QUICK)
    race.chooser.set_cells(("lstm",))
    assert not race.start_button.isEnabled()
    race.chooser.set_cells(("lstm", "cifg"))
    assert race.start_button.isEnabled()


def test_a_cancelled_sweep_keeps_its_finished_runs(qtbot):
    sweep = SweepDock()
    qtbot.addWidget(sweep)
    sweep.task.setCurrentIndex(sweep.task.findData("copy"))
    sweep.chooser.set_cells(("rnn", "lstm"))
    sweep.lags.setText("1, 2, 400")
    sweep.budget.setValue(200)
    sweep.start()
    qtbot.waitUntil(lambda: sweep.last is not None and len(sweep.last.results) >= 2, timeout=30_000)
    sweep.stop()  # cancels during the long lag-400 runs
    with qtbot.waitSignal(sweep.finished, timeout=20_000) as done:
        pass
    snap = done.args[0]
    assert snap.status == "stopped"
    finished = {(r.cell, r.lag) for r in snap.results}
    assert {("rnn", 1), ("lstm", 1), ("rnn", 2), ("lstm", 2)} >= finished >= {("rnn", 1)}
    assert ("rnn", 400) not in finished
    for cell, curve in sweep.curves.items():
        x, metric = curve.getOriginalDataset()
        lags, expected = snap.series()[cell]
        assert list(x) == [np.log10(lag) for lag in lags] and list(metric) == list(expected)
    assert sweep.start_button.text() == "Start sweep"
    sweep.close_process()


def test_a_bad_lag_is_named_and_blocks_the_start(qtbot):
    sweep = SweepDock()
    qtbot.addWidget(sweep)
    sweep.lags.setText("5, ten, 20")
    assert not sweep.start_button.isEnabled() and "'ten'" in sweep.status.text()
    sweep.lags.setText("5, 9999")
    assert not sweep.start_button.isEnabled() and "9999" in sweep.status.text()
    sweep.lags.setText("5, 20")
    assert sweep.start_button.isEnabled() and sweep.chosen_lags() == (5, 20)


def test_every_experiment_has_a_question_choices_and_a_valid_setup():
    assert len(EXPERIMENTS) >= 4
    for exp in EXPERIMENTS:
        assert exp.question and len(exp.choices) >= 2 and exp.story and exp.watch
        assert exp.kind in ("train", "race", "sweep")
        Trainer(exp.config)  # builds
        if exp.kind == "race":
            assert len(exp.cells) >= 2
        if exp.kind == "sweep":  # every run of the sweep builds
            sweep = LagSweep(exp.config, exp.cells, lags=exp.lags, steps=exp.config.steps)
            assert len(exp.cells) >= 2 and len(sweep.runs) == len(exp.cells) * len(exp.lags)
            Trainer(sweep.run_config(exp.cells[-1], max(exp.lags)))


def test_an_experiment_runs_and_shows_its_outcome_next_to_the_prediction(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    panel = window.experiments
    panel.choose("adder", 1)  # "1,000 to 5,000"
    assert panel.run_button.isEnabled()
    panel.run_button.click()
    assert window.session.config.task == "binary-addition" and window.session.state == "running"
    assert "You predicted" in panel.outcome.text()
    qtbot.waitUntil(lambda: panel.running is None, timeout=30_000)
    last = window.session.last
    assert last.solved and last.status == "solved"
    text = panel.outcome.text()
    assert "You predicted: 1,000 to 5,000" in text
    assert f"step {last.eval_step}" in text
    right = 1_000 < last.eval_step <= 5_000
    assert ("Your prediction was right" in text) == right
    window.close()


def test_the_race_experiment_reads_the_race(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    exp = next(e for e in EXPERIMENTS if e.key == "vanishing")
    panel: ExperimentsPanel = window.experiments
    panel.choose("vanishing", 1)  # "No"
    panel.run_button.click()
    assert window.race.busy
    qtbot.waitUntil(lambda: panel.running is None, timeout=60_000)
    snap = window.race.last
    assert snap.done and snap.cells == exp.cells
    assert snap.lane("lstm").solved_step is not None  # the LSTM bridges 50 steps
    assert snap.lane("rnn").solved_step is None  # the plain RNN does not
    assert "Your prediction was right" in panel.outcome.text()
    window.close()


def test_an_experiment_can_run_without_a_prediction(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    panel = window.experiments
    panel.choose("sin-to-cos")
    assert not panel.run_button.isEnabled() and panel.just_run_button.isEnabled()
    panel.just_run_button.click()
    qtbot.waitUntil(lambda: panel.running is None, timeout=30_000)
    text = panel.outcome.text()
    assert "You predicted" not in text and "Outcome: Yes" in text
    assert window.session.last.solved
    window.close()


@pytest.mark.parametrize(
    "text", ["5，10，20", "5、10、20", "5；10；20", "5;10;20", "５，１０，２０", "20、 5 ，10"]
)
def test_lags_typed_with_a_chinese_input_method(qtbot, text):
    sweep = SweepDock()
    qtbot.addWidget(sweep)
    sweep.task.setCurrentIndex(sweep.task.findData("adding"))
    sweep.lags.setText(text)
    assert sweep.chosen_lags() == (5, 10, 20)
    assert sweep.start_button.isEnabled(), sweep.status.text()


def test_a_bad_lag_among_chinese_commas_is_named_alone(qtbot):
    sweep = SweepDock()
    qtbot.addWidget(sweep)
    sweep.task.setCurrentIndex(sweep.task.findData("adding"))
    sweep.lags.setText("5，十，20")
    assert not sweep.start_button.isEnabled()
    assert "'十'" in sweep.status.text() and "5" not in sweep.status.text().split("'十'")[0]


# ---------------------------------------------------------------- the sweep's numbers
@pytest.fixture
def swept(qtbot):
    """A sweep dock, shown, after a real small sweep (rnn and lstm at copy delays 1 and 8);
    ``seen``: (results, table rows) at every snapshot, in the order they came."""
    sweep = SweepDock()
    qtbot.addWidget(sweep)
    sweep.resize(900, 300)
    sweep.show()
    qtbot.waitExposed(sweep)
    sweep.start(LEARNS, ("rnn", "lstm"), (8, 1), 200)
    assert sweep.task.currentData() == "copy" and sweep.chosen_lags() == (1, 8)
    assert sweep.chooser.cells() == ("rnn", "lstm") and sweep.budget.value() == 200
    sweep.seen = []
    sweep.run.snapshot.connect(  # after the dock's own slot
        lambda snap: sweep.seen.append((len(snap.results), sweep.table.rowCount()))
    )
    with qtbot.waitSignal(sweep.finished, timeout=30_000):
        pass
    yield sweep
    sweep.close_process()


def _row(table, r):
    return [table.item(r, c).text() for c in range(table.columnCount())]


def test_the_table_lists_every_finished_run_as_it_finishes(swept):
    snap = swept.last
    assert snap.done and len(snap.results) == 4
    assert [n for n, _ in swept.seen] == sorted(n for n, _ in swept.seen)  # runs finish
    assert {n for n, _ in swept.seen} == {0, 1, 2, 3, 4}  # a snapshot after each run
    assert all(rows == n for n, rows in swept.seen)  # its row is there with it
    headers = [swept.table.horizontalHeaderItem(c).text() for c in range(6)]
    assert headers == ["cell", "lag", "symbol accuracy", "solved", "at step", "time (s)"]
    assert "held-out symbol accuracy" in swept.table.horizontalHeaderItem(2).toolTip()
    by_run = {(r.cell, r.lag): r for r in snap.results}
    rows = [_row(swept.table, r) for r in range(swept.table.rowCount())]
    assert [row[:2] for row in rows] == [["RNN", "1"], ["LSTM", "1"], ["RNN", "8"], ["LSTM", "8"]]
    for row, key in zip(rows, [("rnn", 1), ("lstm", 1), ("rnn", 8), ("lstm", 8)], strict=True):
        r = by_run[key]
        assert row[2] == metric_text(r.metric) and float(row[2]) == pytest.approx(r.metric, 5e-3)
        assert row[3] == ("yes" if r.solved else "no")
        assert row[4] == (str(r.solved_step) if r.solved_step is not None else "–")
        assert row[5] == seconds_text(r.seconds) and r.seconds > 0
    # the lstm does not bridge delay 8 in 200 steps; the others solve and stop early
    assert rows[3][3:5] == ["no", "–"] and rows[2][3] == "yes" and int(rows[2][4]) < 200
    # the chart: a line per cell at the log of the lags, a point per run
    x, y = swept.curves["lstm"].getOriginalDataset()
    assert list(x) == [0.0, np.log10(8)] and list(y) == [
        by_run["lstm", 1].metric,
        by_run["lstm", 8].metric,
    ]
    assert sorted(p.data() for p in swept.points.points()) == sorted(snap.results)
    assert swept.export_button.isEnabled() and swept.status.text() == "All 4 runs done."


def test_hovering_a_point_shows_its_run(qtbot, swept):
    target = next(p for p in swept.points.points() if p.data()[:2] == ("rnn", 8))
    r = target.data()
    text = swept.point_text(r)
    assert text == (
        f"Vanilla RNN at lag 8\nheld-out symbol accuracy: {metric_text(r.metric)}\n"
        f"solved: yes, at step {r.solved_step}\n{seconds_text(r.seconds)} s for {r.steps} steps"
    )
    lstm = next(p.data() for p in swept.points.points() if p.data()[:2] == ("lstm", 8))
    assert "\nsolved: no\n" in swept.point_text(lstm)
    # a mouse move over the point: pyqtgraph puts the text in the plot's tool tip
    where = swept.view.mapFromScene(swept.points.mapToScene(target.pos()))
    vb = swept.plot.getViewBox()
    _move_mouse(qtbot, swept.view, where)
    qtbot.waitUntil(lambda: vb.toolTip() == text, timeout=2000)
    _move_mouse(qtbot, swept.view, where + QPoint(40, 40))  # away: no tip
    qtbot.waitUntil(lambda: vb.toolTip() == "", timeout=2000)


def _move_mouse(qtbot, view, pos):
    """A mouse move to ``pos`` (view coordinates), no button held, as the pointer makes
    it. pyqtgraph's scene drops a move that comes sooner than 1/60 s after the last
    (``mouseRateLimit``), so this one waits a little first."""
    qtbot.wait(50)
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(pos),
        QPointF(view.viewport().mapToGlobal(pos)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_the_results_export_as_csv(qtbot, swept, tmp_path, monkeypatch):
    path = tmp_path / "sweep.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(path), ""))
    swept.export_button.click()  # "Export CSV…", the file dialog answered
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == [
        "task", "cell", "lag", "heldout_symbol_accuracy", "solved", "solved_step", "steps",
        "status", "seconds",
    ]  # fmt: skip
    by_run = {(r.cell, r.lag): r for r in swept.last.results}
    assert [(row["cell"], int(row["lag"])) for row in rows] == [
        ("rnn", 1), ("lstm", 1), ("rnn", 8), ("lstm", 8)
    ]  # fmt: skip
    for row in rows:
        r = by_run[row["cell"], int(row["lag"])]
        assert row["task"] == "copy"
        assert float(row["heldout_symbol_accuracy"]) == r.metric  # full precision
        assert row["solved"] == str(r.solved) and row["status"] == r.status
        assert row["solved_step"] == ("" if r.solved_step is None else str(r.solved_step))
        assert int(row["steps"]) == r.steps and float(row["seconds"]) == r.seconds
    assert os.listdir(tmp_path) == ["sweep.csv"]  # no temporary file left


def test_an_unwritable_folder_is_said_and_loses_nothing(qtbot, swept, tmp_path, monkeypatch):
    path = tmp_path / "sweep.csv"
    path.write_text("an older export\n")
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[1:3]))
    real = os.open

    def read_only(name, flags, *args):  # what a read-only folder answers (root ignores chmod)
        if flags & os.O_CREAT and Path(name).parent == tmp_path:
            raise PermissionError(13, "Permission denied", str(name))
        return real(name, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    assert not swept.export_csv(str(path))
    assert said == [
        (
            "Not saved",
            f"sweep.csv could not be saved: cannot create sweep.csv in the folder {tmp_path} "
            "(permission denied)",
        )
    ]
    assert path.read_text() == "an older export\n" and os.listdir(tmp_path) == ["sweep.csv"]
    assert swept.table.rowCount() == 4 and swept.export_button.isEnabled()  # try again
    monkeypatch.setattr(os, "open", real)
    assert swept.export_csv(str(path))
    assert path.read_text().startswith("task,cell,lag,")


def _hand_made(results, task="adding", metric="loss"):
    return SweepSnapshot(
        task=task,
        lag_param="steps",
        metric=metric,
        cells=("rnn", "lstm"),
        lags=(5, 1000),
        steps_per_run=300,
        results=tuple(results),
        progress=len(results) / 4,
        current=None,
        current_step=0,
        status="running",
    )


def test_lags_on_a_log_axis_and_a_zero_lag_beside_them():
    assert lag_positions((5, 50, 1000)) == {5: np.log10(5), 50: np.log10(50), 1000: 3.0}
    spots = lag_positions((0, 10, 100))
    assert spots == {0: 0.5, 10: 1.0, 100: 2.0}  # half a decade left of the shortest
    assert lag_positions((0,)) == {0: 0.0}
    assert metric_text(1.0) == "1.00" and metric_text(0.71582) == "0.716"
    assert metric_text(0.0021349) == "0.00213" and metric_text(2.3e-05) == "2.30e-05"
    assert seconds_text(0.0413) == "0.04" and seconds_text(12.34) == "12.3"
    assert seconds_text(1234.5) == "1234"


def test_a_long_sweep_fits_and_labels_its_lags(qtbot):
    sweep = SweepDock()
    qtbot.addWidget(sweep)
    sweep.resize(945, 290)  # the dock at its default size in a 1280 x 800 window
    sweep.show()
    qtbot.waitExposed(sweep)
    assert sweep.split.orientation().name == "Horizontal"  # wide and short: side by side
    sweep._clear(("rnn", "lstm"), (5, 10, 20, 50, 100, 200, 500, 1000))
    ticks = sweep.plot.getAxis("bottom")._tickLevels[0]
    assert [label for _, label in ticks] == ["5", "10", "20", "50", "100", "200", "500", "1000"]
    lo, hi = sweep.plot.getViewBox().viewRange()[0]
    assert lo < np.log10(5) and hi > 3.0
    done = [
        SweepResult("rnn", 5, 0.01, True, 120, "solved", 0.5, 120),
        SweepResult("lstm", 5, 0.004, True, 80, "solved", 0.7, 80),
        SweepResult("rnn", 1000, 0.17, False, 300, "diverged", 40.0, None),
    ]
    sweep._on_snapshot(_hand_made(done))
    assert sweep.table.rowCount() == 3 and _row(sweep.table, 2)[3:] == ["no", "–", "40.0"]
    assert "solved: no (diverged at step 300)" in sweep.point_text(done[2])
    top = sweep.plot.getViewBox().viewRange()[1][1]
    assert top >= 0.17 and top >= 1 / 6  # the worst run and the chance line in view
    title = sweep.plot.titleLabel.text
    assert "held-out loss at the end of each run" in title and "LSTM" in title
    assert sweep.plot.getAxis("left").labelText == "loss"
    sweep.resize(500, 700)  # tall: the table goes under the chart
    qtbot.waitUntil(lambda: sweep.split.orientation().name == "Vertical", timeout=2000)


def test_the_sweeps_numbers_in_chinese(qtbot):
    assert i18n.install("zh_CN")
    try:
        sweep = SweepDock()
        qtbot.addWidget(sweep)
        sweep.lags.setText("5, 1000")
        sweep._clear(("rnn", "lstm"), (5, 1000))
        done = [
            SweepResult("rnn", 5, 0.01, True, 120, "solved", 0.5, 120),
            SweepResult("lstm", 1000, 0.17, False, 300, "finished", 4.0, None),
        ]
        sweep._on_snapshot(_hand_made(done))
        assert sweep.export_button.text() == "导出 CSV…"
        assert [_row(sweep.table, r)[3] for r in range(2)] == ["是", "否"]
        headers = [sweep.table.horizontalHeaderItem(c).text() for c in range(6)]
        assert headers[2] == "损失" and "lag" not in " ".join(headers)
        text = sweep.point_text(done[0])
        assert "损失" in text and "120" in text and "solved" not in text
        assert "损失" in sweep.plot.titleLabel.text
    finally:
        i18n.install("en")
