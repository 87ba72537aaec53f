"""The cell race, the lag sweep and the guided experiments, each in its own process."""

import csv
import io

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui.compare import RaceDock, SweepDock
from lstm_studio.ui.experiments import EXPERIMENTS, ExperimentsPanel
from lstm_studio.ui.main_window import MainWindow

QUICK = TrainConfig.from_preset(
    "binary-addition", task_params={"bits": 4}, steps=60, hidden_size=8, snapshot_hz=1000
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
        lags, metric = curve.getOriginalDataset()
        expected = snap.series()[cell]
        assert list(lags) == list(expected[0]) and list(metric) == list(expected[1])
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
        assert exp.kind in ("train", "race")
        Trainer(exp.config)  # builds
        if exp.kind == "race":
            assert len(exp.cells) >= 2


def test_an_experiment_runs_and_shows_its_outcome_next_to_the_prediction(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    panel = window.experiments
    panel.choose("adder", 0)  # "within 300 steps"
    assert panel.run_button.isEnabled()
    panel.run_button.click()
    assert window.session.config.task == "binary-addition" and window.session.state == "running"
    assert "You predicted" in panel.outcome.text()
    qtbot.waitUntil(lambda: panel.running is None, timeout=30_000)
    last = window.session.last
    assert last.solved and last.status == "solved"
    text = panel.outcome.text()
    assert "You predicted: Within 300 training steps" in text
    assert f"step {last.eval_step}" in text
    right = last.eval_step <= 300
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
