"""The setup form takes every bound from the config's field specs (``FIELDS``)."""

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox

from lstm_studio.training import FIELDS, TrainConfig
from lstm_studio.ui.setup_panel import SetupPanel

#: the config's numbers the form does not show (set by presets, the command line, files)
NOT_IN_THE_FORM = {"steps", "eval_every", "snapshot_every", "snapshot_hz"}


@pytest.fixture
def form(qtbot):
    panel = SetupPanel()
    qtbot.addWidget(panel)
    return panel


def test_every_number_field_of_the_form_has_the_range_and_step_of_the_config(form):
    numbers = {
        f.name for f in dataclasses.fields(TrainConfig) if f.type in ("int", "float")
    } - NOT_IN_THE_FORM
    assert set(form.numbers) == numbers  # every number the config has, and no other
    for name, widget in form.numbers.items():
        spec = FIELDS[name]
        assert widget.minimum() == pytest.approx(spec.form_low, rel=1e-12), name
        assert widget.maximum() == spec.high, name
        assert widget.singleStep() == pytest.approx(spec.step), name
        if spec.kind is float:
            assert isinstance(widget, QDoubleSpinBox) and widget.decimals() == spec.decimals
            # the lowest value the field can take, the config takes too
            TrainConfig(**{name: widget.minimum()})
        else:
            assert not isinstance(widget, QDoubleSpinBox), name
    assert FIELDS["lr"].form_low > 0  # the learning rate's open bound, as a spin box has it


def test_the_form_round_trips_the_recurrent_init_and_gain(form):
    from lstm_studio.engine import RECURRENT_INITS

    assert [form.recurrent_init.itemData(i) for i in range(form.recurrent_init.count())] == list(
        RECURRENT_INITS
    )
    for init in RECURRENT_INITS:
        config = TrainConfig(
            task_params={"bits": 8}, cell="rnn", recurrent_init=init, recurrent_gain=2.5
        )
        form.set_config(config)
        assert form.recurrent_init.currentData() == init and form.recurrent_gain.value() == 2.5
        assert form.config() == config
    assert form.recurrent_gain.toolTip() and form.recurrent_init.toolTip()
    for i in range(form.recurrent_init.count()):  # every choice says what it does
        assert form.recurrent_init.itemData(i, Qt.ItemDataRole.ToolTipRole)


def test_choosing_an_init_or_a_gain_asks_for_a_new_model(form):
    form.set_config(TrainConfig(cell="rnn"))
    edited = []
    form.config_edited.connect(edited.append)
    form.recurrent_init.setCurrentIndex(form.recurrent_init.findData("orthogonal"))
    assert edited[-1].recurrent_init == "orthogonal" and edited[-1].recurrent_gain == 1.0
    form.accept(edited[-1])
    form.recurrent_gain.setValue(2.0)
    assert edited[-1].recurrent_init == "orthogonal" and edited[-1].recurrent_gain == 2.0
    assert edited[-1].cell == "rnn" and len(edited) == 2


def test_the_window_budget_has_the_configs_bounds(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from lstm_studio.ui.main_window import MainWindow

    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    spec = FIELDS["steps"]
    assert (window.budget.minimum(), window.budget.maximum()) == (spec.low, spec.high)
    window.close()


def test_a_seed_as_large_as_the_config_takes_is_shown_and_kept(form, qtbot):
    big = TrainConfig(seed=2**63 - 1)  # a run file or the command line can hold one
    form.set_config(big)
    assert form.seed.value() == 2**63 - 1 and form.config().seed == 2**63 - 1
    edited = []
    form.config_edited.connect(edited.append)
    form.show()
    form.seed.setFocus()
    form.seed.lineEdit().selectAll()
    qtbot.keyClicks(form.seed, "9223372036854775806")
    qtbot.keyClick(form.seed, Qt.Key.Key_Return)
    assert edited and edited[-1].seed == 2**63 - 2
    form.seed.stepBy(1)
    assert edited[-1].seed == 2**63 - 1
    form.seed.stepBy(1)  # no further than the config goes
    assert form.seed.value() == 2**63 - 1
    qtbot.keyClicks(form.seed, "x")  # not a digit: refused as it is typed
    assert form.seed.lineEdit().text().isdigit()


def test_truncation_round_trips_and_shows_full_for_0(form):
    assert form.truncate.value() == 0 and form.truncate.text() == "full"
    assert form.truncate.toolTip() and "detach" in form.truncate.toolTip()
    form.set_config(TrainConfig(truncate=4))
    assert form.truncate.value() == 4 and form.config().truncate == 4
    edited = []
    form.config_edited.connect(edited.append)
    form.truncate.setValue(3)
    assert edited[-1].truncate == 3
    form.truncate.setValue(0)
    assert edited[-1].truncate == 0


def test_the_window_refuses_a_truncation_longer_than_the_tasks_sequences(qtbot, tmp_path):
    from PySide6.QtCore import QSettings
    from window_helpers import shown

    from lstm_studio.tasks import make_task
    from lstm_studio.ui.main_window import MainWindow

    config = TrainConfig.from_preset("binary-addition", task_params={"bits": 4})
    steps = make_task(config.task, **config.task_params).size_hint()[0]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", config.to_json())
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    shown(qtbot, window)
    session = window.session
    window.setup.truncate.setValue(steps + 1)
    problem = window.setup.problem
    assert problem.isVisibleTo(window)
    assert (
        f"truncating BPTT every {steps + 1} steps" in problem.text()
        and f"{steps} steps" in problem.text()
    )
    assert f"truncating BPTT every {steps + 1} steps" in window.statusBar().currentMessage()
    # nothing changed: the same model, and the form shows it again
    assert window.session is session and session.config.truncate == 0
    assert window.setup.truncate.value() == 0
    window.setup.truncate.setValue(steps)  # as long as the sequences: taken (full BPTT)
    assert window.session is not session and window.session.config.truncate == steps
    assert not problem.isVisibleTo(window)
    window.close()


def test_a_too_long_truncation_is_refused_before_asking_to_discard_training(qtbot, tmp_path):
    """A trained model: the refusal comes first, the "discard?" question never."""
    from PySide6.QtCore import QSettings
    from window_helpers import shown

    from lstm_studio.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    shown(qtbot, window)
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.session.last is not None and window.session.last.step == 1)
    asked = []
    window.confirm_discard = lambda *a: asked.append(a) or True
    session = window.session
    steps = session.task.size_hint()[0]
    window.setup.truncate.setValue(steps + 1)
    assert not asked
    assert f"truncating BPTT every {steps + 1} steps" in window.setup.problem.text()
    assert window.session is session and session.last.step == 1
    window.close()
