"""Sampling now (issue 18): in the window, a changed temperature writes the sample again at
once from the current weights (before the first step, paused, after the run finished),
without a training step; Sample writes with the chosen length and seed, and the same seed
writes the same text; after a prompt of the learner's the sample is shown after it; an
opened run writes with its saved length and seed. One window, one short real run."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor
from window_helpers import shown

from lstm_studio.io import save_trainer
from lstm_studio.io.runs import RUN_SUFFIX
from lstm_studio.training import FIELDS, TrainConfig, Trainer
from lstm_studio.ui.main_window import MainWindow
from lstm_studio.ui.panels.predictions import PROMPT_BG

CONFIG = TrainConfig(
    task="text",
    task_params={"corpus": "english", "steps": 16},
    hidden_size=16,
    batch_size=4,
    steps=3,  # a short run: it finishes after three steps
    eval_every=50,
)


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", CONFIG.to_json())
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    shown(qtbot, window)
    window.panel_docks["predictions_panel"].raise_()  # a hidden panel waits for its tab
    yield window
    window.close()


def test_the_temperature_and_sample_write_at_once_without_a_step(
    qtbot, window, tmp_path, monkeypatch
):
    panel = window.predictions_panel
    view = panel.text_view
    snaps = []
    window.session.snapshot.connect(snaps.append)

    def written(action, *, changed_from=None):
        """Do ``action`` and wait for the snapshot it brings (the sample written)."""
        before = len(snaps)
        action()
        qtbot.waitUntil(lambda: len(snaps) > before, timeout=10_000)
        snap = snaps[-1]
        if changed_from is not None:
            assert snap.sample != changed_from
        window.flush_panels()
        # and the window shows it, after the prompt it continues
        assert view.sample.toPlainText() == snap.sample_prompt + snap.sample
        return snap

    # the fields take their bounds from the one place they live
    spec = FIELDS["sample_length"]
    assert (view.length.minimum(), view.length.maximum(), view.length.value()) == (
        spec.low,
        spec.high,
        spec.default,
    )
    assert view.seed.text() == "" and view.seed.placeholderText() == "new each evaluation"
    assert "next evaluation" not in view.temperature.toolTip()

    start = window.session.last
    assert start.step == 0 and len(start.sample) == spec.default
    # before the first step
    snap = written(lambda: view.temperature.setValue(0.0), changed_from=start.sample)
    assert snap.step == 0

    # paused after a step
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step == 1, timeout=10_000)
    qtbot.waitUntil(lambda: window.session.last.status == "paused", timeout=10_000)
    paused = window.session.last
    snap = written(lambda: view.temperature.setValue(1.5), changed_from=paused.sample)
    assert (snap.step, snap.status, snap.loss) == (1, "paused", paused.loss)
    assert not len(snap.new_steps.get("loss", ()))  # no training step came with it

    # Sample: a length and a seed; the same seed writes the same text
    view.length.setValue(40)
    qtbot.keyClicks(view.seed, "7")
    first = written(lambda: qtbot.mouseClick(view.sample_button, Qt.MouseButton.LeftButton))
    assert len(first.sample) == 40 and first.step == 1
    again = written(lambda: qtbot.mouseClick(view.sample_button, Qt.MouseButton.LeftButton))
    assert again.sample == first.sample
    other = written(lambda: view.temperature.setValue(0.7), changed_from=first.sample)
    assert len(other.sample) == 40
    back = written(lambda: view.temperature.setValue(1.5))
    assert back.sample == first.sample  # seed 7 at 1.5 again: the same text
    view.seed.clear()  # empty: the step is the seed
    view.seed.returnPressed.emit()  # Enter in a field is Sample too
    qtbot.waitUntil(lambda: snaps[-1].sample != first.sample, timeout=10_000)

    # finished: the run ended after its three steps, and still writes at once
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.done, timeout=20_000)
    end = window.session.last
    assert (end.status, end.step) == ("finished", 3)
    snap = written(lambda: view.temperature.setValue(0.0), changed_from=end.sample)
    assert (snap.status, snap.step, snap.loss) == ("finished", 3, end.loss)

    # a prompt of the learner's (the probe): the sample continues it, shown after it
    value, error = window.ask_now("set_probe", {"prompt": "The "})
    assert error == "" and value.sample_prompt == "The "
    snap = written(lambda: view.temperature.setValue(0.5))
    assert snap.sample_prompt == "The "
    assert view.sample.toPlainText().startswith("The ")
    doc = view.sample.document()
    cursor = view.sample.textCursor()
    cursor.setPosition(2)
    assert cursor.charFormat().background().color() == QColor(PROMPT_BG)
    cursor.setPosition(len("The ") + 2)
    assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush
    assert "prompt" in view.sample_title.text() and doc.characterCount() > 4

    # a seed past the field's bounds: refused with the reason, nothing sent
    with qtbot.assertNotEmitted(panel.sampling_requested):
        view.seed.setText(str(2**31))  # set past the validator's reach: one too many
        view.sample_button.click()
    assert view.seed.toolTip() == "Seed must be in 0 .. 2147483647, got 2147483648"
    assert view.seed.styleSheet()  # marked
    view.seed.setText("12")  # changed: the mark goes
    assert "same text" in view.seed.toolTip() and not view.seed.styleSheet()

    # an opened run writes as it did when saved, and its fields say so
    saved = Trainer(CONFIG)
    saved.sample_length, saved.sample_seed = 77, 5
    path = tmp_path / f"saved{RUN_SUFFIX}"
    save_trainer(path, saved)
    monkeypatch.setattr(window, "confirm_discard", lambda *args: True)
    assert window.files.open_run(str(path))
    qtbot.waitUntil(lambda: window.session.last is not None, timeout=10_000)
    assert (view.length.value(), view.seed.text()) == (77, "5")
    assert len(window.session.last.sample) == 77
