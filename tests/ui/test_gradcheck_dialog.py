"""The gradient check table: a correct model passes, a corrupted gradient fails."""

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from lstm_studio.engine import SequenceModel
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui.gradcheck_dialog import GradientCheckDialog
from lstm_studio.ui.main_window import MainWindow

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)


@pytest.fixture
def dialog(qtbot):
    d = GradientCheckDialog()
    qtbot.addWidget(d)
    return d


def test_a_correct_model_passes_every_row(dialog):
    trainer = Trainer(QUICK.replace(cell="gru", num_layers=2))
    for _ in range(5):
        trainer.train_step()
    result = trainer.gradient_check()
    dialog.show_result(result, 5)
    rows = dialog.rows()
    names = [r[0] for r in rows]
    assert names == list(result.errors)
    assert set(names) >= set(trainer.model.parameters()) | {"dL/dh_l0", "dL/dh_l1"}
    assert all(r[2] == "pass" for r in rows)
    assert "Passed" in dialog.summary.text() and "step 5" in dialog.summary.text()
    assert "ε = 0.0001" in dialog.method.text() and "5-point" in dialog.method.text()


def test_a_corrupted_gradient_fails_its_row(dialog, monkeypatch):
    real = SequenceModel._loss_and_gradients

    def corrupted(self, *args, **kwargs):
        loss, grads = real(self, *args, **kwargs)
        grads["rnn.weight_hh_l0"] *= 1.01  # a 1 % error in one parameter's gradient
        return loss, grads

    monkeypatch.setattr(SequenceModel, "_loss_and_gradients", corrupted)
    result = Trainer(QUICK).gradient_check()
    dialog.show_result(result, 0)
    rows = {name: (error, verdict) for name, error, verdict in dialog.rows()}
    assert rows["rnn.weight_hh_l0"][1] == "FAIL" and float(rows["rnn.weight_hh_l0"][0]) > 1e-3
    assert rows["rnn.weight_ih_l0"][1] == "pass"
    assert "Failed" in dialog.summary.text()


def test_the_window_checks_the_model_it_is_training(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", QUICK.to_json())
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.session.last is not None, timeout=10_000)  # the model
    qtbot.waitUntil(lambda: window.session.last.step >= 20, timeout=10_000)
    window.gradcheck_action.trigger()
    dialog = window.gradcheck_dialog
    assert dialog.isVisible() and "Checking" in dialog.summary.text()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)
    assert dialog.result.passed and dialog.table.rowCount() == len(dialog.result.errors)
    step = int(dialog.summary.text().split("step ")[1].split(",")[0])
    assert step >= 20  # the weights of the running model, between two of its steps
    assert window.session.state == "running"
    np.testing.assert_array_less(list(dialog.result.errors.values()), 1e-6)
    window.close()
