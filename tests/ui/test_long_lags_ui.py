"""Lags to 2000 in the window: the setup form and the sweep dock take the bound from the
task's parameter, a sweep too large for memory is refused with the estimate, and the
decay panel keeps a probe of 2000 steps cheap to draw."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.training.compare import DEFAULT_LAGS
from lstm_studio.training.config import MEMORY_LIMIT_ENV
from lstm_studio.ui import compare as compare_ui
from lstm_studio.ui.compare import SweepDock
from lstm_studio.ui.panels.decay import MAX_DOTS, DecayPanel
from lstm_studio.ui.setup_panel import SetupPanel


@pytest.mark.parametrize("task, param", [("adding", "steps"), ("copy", "delay")])
def test_the_setup_form_takes_a_lag_up_to_2000(qtbot, task, param):
    form = SetupPanel()
    qtbot.addWidget(form)
    form.set_config(TrainConfig.from_preset(task))
    spin = form._param_widgets[param]
    assert spin.maximum() == 2000
    spin.setValue(2000)
    assert form.config().task_params[param] == 2000
    spin.setValue(5000)  # a spin box clamps
    assert form.config().task_params[param] == 2000


def test_the_sweep_dock_takes_lags_up_to_2000(qtbot):
    dock = SweepDock()
    qtbot.addWidget(dock)
    for task in ("adding", "copy"):
        dock.task.setCurrentIndex(dock.task.findData(task))
        assert dock.chosen_lags() == DEFAULT_LAGS  # the defaults, as typed in the field
        assert "2000" in dock.lags.placeholderText()
        dock.lags.setText("5, 1000, 2000")
        assert dock.chosen_lags() == (5, 1000, 2000) and dock.start_button.isEnabled()
        dock.lags.setText("5, 2001")
        assert not dock.start_button.isEnabled()
        assert "2001" in dock.status.text() and "2000" in dock.status.text()


def test_a_sweep_too_large_for_memory_is_refused_with_the_estimate(qtbot, monkeypatch):
    # 200 MiB: the adding problem's preset fits at T = 5, not at T = 2000
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "200")
    said = []
    monkeypatch.setattr(
        compare_ui.QMessageBox, "warning", lambda parent, title, text: said.append(text)
    )
    dock = SweepDock()
    qtbot.addWidget(dock)
    dock.task.setCurrentIndex(dock.task.findData("adding"))
    dock.chooser.set_cells(("rnn", "lstm"))
    dock.lags.setText("5, 2000")
    dock.start()
    try:
        qtbot.waitUntil(lambda: bool(said), timeout=30_000)
        text = said[0]
        assert "the sweep's longest run, rnn at steps 2000, is too large" in text, text
        assert "MB of memory" in text and "the limit of 210 MB" in text, text
        qtbot.waitUntil(lambda: not dock.busy, timeout=10_000)
        assert dock.start_button.text() == "Start sweep"
        assert dock.last is None or not dock.last.results  # no run was trained
    finally:
        dock.close_process()


def _long_snapshot(T: int):
    trainer = Trainer(
        TrainConfig.from_preset(
            "adding", task_params={"steps": T}, hidden_size=8, batch_size=2, steps=5
        )
    )
    trainer.train_step()
    return trainer, trainer.snapshot()


def test_the_decay_panel_draws_a_long_probe_without_a_dot_per_step(qtbot):
    panel = DecayPanel()
    qtbot.addWidget(panel)
    trainer, snap = _long_snapshot(MAX_DOTS + 50)
    panel.reset(trainer.task, trainer.config)
    assert panel.factor_curves[0].opts["symbol"] == "o"  # as built
    panel.on_snapshot(snap)
    assert panel.factor_curves[0].opts["symbol"] is None
    f = np.asarray(snap.probe.layers[0]["f"], np.float64)  # (T, H)
    x, low = panel.f_low[0].getOriginalDataset()
    _, high = panel.f_high[0].getOriginalDataset()
    np.testing.assert_allclose(low, f.min(axis=1))
    np.testing.assert_allclose(high, f.max(axis=1))
    # the band between them was rebuilt from both edges, over every step
    band = next(i for i in panel.factor_plot.items if type(i).__name__ == "FillBetweenItem")
    rect = band.path().boundingRect()
    assert rect.left() == pytest.approx(0) and rect.right() == pytest.approx(len(x) - 1)
    assert rect.top() == pytest.approx(np.log10(low.min()), abs=1e-6)
    assert rect.bottom() == pytest.approx(np.log10(high.max()), abs=1e-6)
    # a short probe of the next run has its dots again
    trainer, snap = _long_snapshot(20)
    panel.reset(trainer.task, trainer.config)
    panel.on_snapshot(snap)
    assert panel.factor_curves[0].opts["symbol"] == "o"
