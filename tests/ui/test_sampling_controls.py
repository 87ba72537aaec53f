"""The Predictions panel's sample controls in Chinese (the window test checks what they do)."""

import pytest

from lstm_studio.training import FIELDS, TrainConfig, Trainer
from lstm_studio.ui import i18n
from lstm_studio.ui.panels.predictions import PredictionsPanel


@pytest.fixture
def chinese():
    assert i18n.install("zh_CN")
    yield
    i18n.install("en")


def test_the_sample_controls_speak_chinese(qtbot, chinese):
    trainer = Trainer(TrainConfig(task="text", task_params={"corpus": "chinese"}, hidden_size=4))
    panel = PredictionsPanel()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, trainer.config)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    view = panel.text_view
    assert view.sample_button.text() == "采样(&S)"
    assert view.seed.placeholderText() == "每次评估都换新的"
    assert view.sample_title.text() == "由网络写出；每次评估时它都会重新写"
    assert "立即" in view.temperature.toolTip()
    assert view.sample.toPlainText() == snap.sample
    view.seed.setText(str(FIELDS["sample_seed"].high + 1))
    with qtbot.assertNotEmitted(panel.sampling_requested):
        view.sample_button.click()
    assert view.seed.toolTip().startswith("种子")
    assert "2147483647" in view.seed.toolTip()
    view.seed.clear()
    with qtbot.waitSignal(panel.sampling_requested) as blocker:
        view.sample_button.click()
    assert blocker.args == [FIELDS["sample_length"].default, None]
