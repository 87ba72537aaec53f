"""The guided experiment "When the answer lies in the future" (issue 17): comes-again
trained reading forwards only, then both ways. Its story's numbers are its setup's and
the task's, and every claim it makes on screen is checked on real runs (a few seconds
each)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from lstm_studio.tasks import make_task
from lstm_studio.training import train
from lstm_studio.ui import i18n
from lstm_studio.ui.experiments import EXPERIMENTS, FUTURE_CONFIG
from lstm_studio.ui.main_window import MainWindow

EXP = next(e for e in EXPERIMENTS if e.key == "future")


@pytest.fixture(scope="module")
def runs():
    """The experiment's two runs, for real: one way, then both ways."""
    first = list(train(EXP.config))[-1]
    second = list(train(EXP.then))[-1]
    return first, second


def test_the_story_states_the_setup_that_runs():
    config, story, watch = FUTURE_CONFIG, EXP.story, EXP.watch
    assert EXP.kind == "train" and EXP.config is config and config.stop_when_solved
    assert not config.bidirectional and EXP.then == config.replace(bidirectional=True)
    task = make_task(config.task, **config.task_params)
    assert config.task == "comes-again"
    assert f"at each of {task.T} steps a random symbol out of {task.values['symbols']}" in story
    assert f"An LSTM of {config.hidden_size} units" in story and config.cell == "lstm"
    assert f"learning rate {config.lr:g}" in story and config.optimizer == "adam"
    assert f"at most {config.steps:,} steps" in story
    # "a run stops once 99 % of the held-out marks are right": the task's criterion
    assert "99 %" in story
    assert task.solved({"accuracy": 0.99}) and not task.solved({"accuracy": 0.9899})
    # the ceiling the watch text states is the task's own number
    assert f"{100 * task.one_way_ceiling():.1f} % of the marks right" in watch
    # what the tutorials say: a forward and a backward direction, their states joined
    assert "forward direction" in story and "backward direction" in story
    assert "joined" in story and "bidirectional=True" in story


def test_one_way_stays_at_the_ceiling_and_both_ways_solve_it(runs):
    """'a network that reads forwards only can at best ... 69.2 %'; 'reading both ways'
    solves it; the outcome sentence says those numbers."""
    first, second = runs
    ceiling = make_task("comes-again").one_way_ceiling()
    assert first.status == "finished" and first.solved_at is None
    assert first.step == FUTURE_CONFIG.steps
    assert first.metrics["accuracy"] <= ceiling + 0.01
    assert first.metrics["accuracy"] >= ceiling - 0.03
    assert second.status == "solved" and second.solved_at is not None
    assert second.metrics["accuracy"] >= 0.99
    choice, sentence = EXP.outcome(first, second)
    assert choice == 1  # "No; a network that reads both ways can"
    assert f"{first.metrics['accuracy']:.1%} of the marks right after {first.step} steps" in (
        sentence
    )
    assert f"can do is {ceiling:.1%}" in sentence
    assert f"solved at step {second.solved_at} ({second.metrics['accuracy']:.1%}" in sentence


def test_the_outcome_is_said_in_chinese(runs, qapp):
    first, second = runs
    assert i18n.install("zh_CN")
    try:
        _, sentence = EXP.outcome(first, second)
        title = QCoreApplication.translate("Experiments", EXP.title)
    finally:
        i18n.install("en")
    assert "只向前读" in sentence and "双向读" in sentence and f"{second.solved_at}" in sentence
    assert title == "答案在未来的时候"


def test_the_window_runs_both_and_shows_the_outcome(qtbot, tmp_path, monkeypatch):
    import dataclasses

    import lstm_studio.ui.experiments as experiments

    # the wiring only: the one-way run stops after 300 of its 1,500 steps here (the
    # whole budget, and the claims, are the real runs' of ``runs`` above)
    monkeypatch.setattr(
        experiments,
        "EXPERIMENTS",
        tuple(
            dataclasses.replace(e, config=e.config.replace(steps=300)) if e.key == "future" else e
            for e in experiments.EXPERIMENTS
        ),
    )
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    panel = window.experiments
    panel.choose("future", 1)  # "No; a network that reads both ways can"
    panel.run_button.click()
    assert window.session.config.task == "comes-again"
    assert not window.session.config.bidirectional
    qtbot.waitUntil(lambda: panel.first is not None, timeout=90_000)
    assert "reading both ways" in panel.outcome.text()
    qtbot.waitUntil(lambda: panel.running is None, timeout=90_000)
    assert window.session.config.bidirectional and window.session.last.solved
    text = panel.outcome.text()
    assert "Reading forwards only" in text and "Your prediction was right" in text
    window.close()


def test_predictions_show_the_symbols_the_marks_and_the_networks(qtbot):
    import dataclasses
    import re

    import numpy as np

    from lstm_studio.training import Trainer
    from lstm_studio.ui.panels.predictions import WRONG, PredictionsPanel

    t = Trainer(FUTURE_CONFIG.replace(steps=1))
    snap = t.snapshot()
    p = snap.probe
    again = p.targets[:, 0] > 0.5
    guess = np.where(again, 0.9, 0.1)[:, None]
    guess[0] = 1 - guess[0]  # one wrong mark, at t = 0
    snap = dataclasses.replace(snap, probe=dataclasses.replace(p, predictions=guess))
    panel = PredictionsPanel()
    qtbot.addWidget(panel)
    panel.reset(t.task, t.config)
    panel.on_snapshot(snap)
    view = panel.marks_view
    assert panel.stack.currentWidget() is view
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", view.table.text(), flags=re.S):
        cells = [
            re.sub(r"<[^>]+>|&nbsp;", "", c).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        ]
        rows[cells[0]] = cells[1:]
    letters = [chr(65 + s) for s in p.inputs.argmax(axis=1)]
    assert rows["symbol"] == letters
    assert rows["again later"] == ["✓" if a else "·" for a in again]
    assert rows["P %"][0] == ("10" if again[0] else "90") and rows["P %"][1] in ("10", "90")
    assert view.wrong.tolist() == [True] + [False] * (len(again) - 1)
    assert WRONG in view.table.text().split("<tr>")[3].split("</td>")[1]  # network row, t = 0
    assert f"{len(again) - 1}<" in view.summary.text() and f"of {len(again)} marks" in (
        view.summary.text()
    )
    assert f"{100 * t.task.one_way_ceiling():.1f} %" in view.note.text()
