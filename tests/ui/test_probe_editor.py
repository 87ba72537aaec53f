"""The learner's own probe: the editor's checks, what it sends, what every panel shows,
and that the run itself is untouched (a real training process)."""

import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from window_helpers import shown

from lstm_studio.io.runs import RUN_SUFFIX
from lstm_studio.tasks import make_task
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui import i18n
from lstm_studio.ui.main_window import PROBE_DOCKS, MainWindow
from lstm_studio.ui.panels.predictions import PredictionsPanel
from lstm_studio.ui.probe_editor import ProbeEditor

ADDER = TrainConfig.from_preset("binary-addition", steps=100_000)
PRIMES = TrainConfig.from_preset("next-prime", steps=100_000)


# ---------------------------------------------------------------- the editor alone
def _editor(qtbot, task):
    editor = ProbeEditor()
    qtbot.addWidget(editor)
    editor.reset(task)
    sent = []
    editor.show_requested.connect(sent.append)
    return editor, sent


def _refused(qtbot, editor, sent, name, text, *words):
    """Type ``text`` into field ``name``, press Enter and Show: the reason (holding
    ``words``) stands under that field, in red, and nothing is sent."""
    editor.fields[name].setText(text)
    reason = editor.reasons[name]
    assert not reason.isHidden() and all(w in reason.text() for w in words), reason.text()
    assert "a40000" in reason.styleSheet()  # red
    assert not editor.show_button.isEnabled()
    qtbot.keyClick(editor.fields[name], Qt.Key.Key_Return)
    editor.show_button.click()
    editor._on_show()  # even called directly, a refusal sends nothing
    assert sent == []
    return reason.text()


@pytest.mark.parametrize(
    ("task", "name", "text", "words"),
    [
        ("binary-addition", "b", "300", ("0 .. 255", "300")),
        ("binary-addition", "a", "12x", ("whole number", "12x")),
        ("sin-to-cos", "speed", "2", ("0.01 .. 1.5", "2")),
        ("adding", "second", "3", ("25 .. 49", "3")),
        ("next-prime", "primes", "2, 3, 7", ("7 does not follow 3", "next prime after 3 is 5")),
        ("next-prime", "primes", "2, 3, 4", ("4 is not a prime",)),
        ("copy", "symbols", "B F C D Z", ("'Z'", "A .. H")),
        ("comes-again", "symbols", "A B", ("exactly 10 symbols", "got 2")),
        ("text", "prompt", "The snowman ☃ said", ("never uses", "'☃'")),
        ("text", "prompt", "T", ("at least 2 characters",)),
    ],
)
def test_a_bad_value_shows_its_reason_under_its_field_and_sends_nothing(
    qtbot, task, name, text, words
):
    editor, sent = _editor(qtbot, make_task(task))
    others = {n: f.text() for n, f in editor.fields.items() if n != name}
    _refused(qtbot, editor, sent, name, text, *words)
    # the other fields keep what they held, and say nothing
    assert {n: f.text() for n, f in editor.fields.items() if n != name} == others
    assert all(editor.reasons[n].isHidden() for n in others)


def test_good_values_are_sent_parsed_and_a_fixed_field_clears_its_reason(qtbot):
    editor, sent = _editor(qtbot, make_task("binary-addition"))
    # the form opens with the held-out example's numbers and each field's range
    assert (editor.fields["a"].text(), editor.fields["b"].text()) == ("223", "189")
    _refused(qtbot, editor, sent, "a", "256", "0 .. 255")
    editor.fields["a"].setText(" １１７ ")  # full-width digits, as a Chinese IME types them
    assert editor.reasons["a"].isHidden() and editor.show_button.isEnabled()
    qtbot.keyClick(editor.fields["b"], Qt.Key.Key_Return)  # Enter shows it
    assert sent == [{"a": 117, "b": 189}]


def test_each_number_field_shows_its_range(qtbot):
    editor, _ = _editor(qtbot, make_task("adding"))
    labels = [label.text() for label in editor.form.findChildren(type(editor.status))]
    assert any("The first marked step (first half)" in t and "0 to 24" in t for t in labels)
    assert any("The second marked step (second half)" in t and "25 to 49" in t for t in labels)


def test_a_reason_of_the_fields_together_goes_under_the_field_it_names(qtbot, tmp_path):
    rows = "\n".join(f"{k},{k * k}" for k in range(60))
    path = tmp_path / "rows.csv"
    path.write_text("x,y\n" + rows + "\n")
    task = make_task("own-data", path=str(path), kind="csv", steps=8)
    editor, sent = _editor(qtbot, task)
    editor.fields["first"].setText("30")
    # each number alone is in its range; together they are no window
    _refused(qtbot, editor, sent, "last", "20", "rows 30 .. 20")
    assert editor.reasons["first"].isHidden()
    editor.fields["last"].setText("40")
    editor.show_button.click()
    assert sent == [{"first": 30, "last": 40}]


def test_a_prompt_runs_over_lines_and_enter_shows_it(qtbot):
    editor, sent = _editor(qtbot, make_task("text"))
    prompt = editor.fields["prompt"]
    assert "\n" in prompt.text()  # the held-out example's window crosses a line break
    prompt.setText("")
    qtbot.keyClicks(prompt, "To be")
    qtbot.keyClick(prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(prompt, "or not")
    assert prompt.text() == "To be\nor not" and sent == []
    qtbot.keyClick(prompt, Qt.Key.Key_Return)
    assert sent == [{"prompt": "To be\nor not"}]


def test_a_task_without_fields_says_why_and_offers_nothing(qtbot, monkeypatch):
    task = make_task("echo")
    monkeypatch.setattr(type(task), "probe_params", lambda self: ())
    editor, sent = _editor(qtbot, task)
    assert not editor.unavailable.isHidden()
    assert "has no sequence of your own to try" in editor.unavailable.text()
    assert not editor.show_button.isEnabled() and not editor.back_button.isEnabled()
    editor._on_show()
    editor._on_back()
    assert sent == []


# ---------------------------------------------------------------- predictions alone
def test_the_adder_shows_the_true_carry_into_each_bit(qtbot):
    trainer = Trainer(ADDER)
    panel = PredictionsPanel()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, ADDER)
    trainer.set_probe({"a": 117, "b": 139})
    panel.on_snapshot(trainer.snapshot())
    view = panel.binary_view
    assert (view.a, view.b, view.true_sum) == (117, 139, 256)
    # 117 = 001110101, 139 = 010001011: a carry into bits 1, 2 ... 8
    carries = [int(c) for c in view.carries]
    assert carries == [0, 1, 1, 1, 1, 1, 1, 1, 1]
    assert carries == [((117 + 139) ^ 117 ^ 139) >> t & 1 for t in range(9)]
    assert ">carry<" in view.bits_label.text().replace("&nbsp;", "")
    assert panel.header.text() == f"Your sequence, at step {trainer.step}"
    trainer.set_probe(None)
    panel.on_snapshot(trainer.snapshot())
    assert panel.header.text() == f"The held-out example, at step {trainer.step}"
    assert (view.a, view.b) == (223, 189)


def test_a_prompt_last_guess_is_not_scored_nor_counted(qtbot):
    config = TrainConfig.from_preset("text")
    trainer = Trainer(config)
    panel = PredictionsPanel()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, config)
    trainer.set_probe({"prompt": "the king"})
    panel.on_snapshot(trainer.snapshot())
    view = panel.text_view
    assert not view.wrong[-1]  # the guess after the prompt: nobody typed what comes next
    title = view.probe_title.text()
    assert title.startswith("Your text") and " of 7 right" in title  # 8 characters, 7 scored
    assert "?" in view.probe.toPlainText()


# ---------------------------------------------------------------- the window
@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    """One window with its training process, for every window test of this module."""
    folder = tmp_path_factory.mktemp("probe-window")
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", ADDER.to_json())
    w = MainWindow(settings=settings, data_dir=folder / "data")
    w.confirm_discard = lambda step, why="": True
    w.resize(1280, 800)
    w.show()
    deadline = time.monotonic() + 20
    while w.session.last is None and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.005)
    yield w
    w.close()
    w.deleteLater()
    qapp.processEvents()


def _use(qtbot, window, config):
    """A new model of ``config`` in the window, shown."""
    assert window._new_session(config)
    return shown(qtbot, window)


def _show(qtbot, window, values):
    """Type ``values`` (field -> text) and press Show; wait for the panels to show it."""
    editor = window.probe_editor
    for name, text in values.items():
        editor.fields[name].setText(text)
    editor.show_button.click()
    qtbot.waitUntil(lambda: window.session.last.probe_values is not None, timeout=10_000)
    return window.session.last


def _every_panel_drawn(qtbot, window):
    """Each panel that shows the probe brought to the front and drawn from the latest."""
    for name in PROBE_DOCKS:
        window.show_dock(window.panel_docks[name])
        qtbot.wait(1)
        window.flush_panels()


def _probe_data(window):
    """What each inspection panel draws from the probe now."""
    w = window
    return {
        "gates": np.array(w.gates_panel.images["f"].image),
        "states": np.array(w.states_panel.images["c"].image),
        "strip": np.array(w.scrubber._probe.inputs),
        "strip_steps": w.scrubber.slider.maximum() + 1,
        "diagram": np.array(w.diagram_panel._probe.inputs),
        "decay": np.array(w.decay_panel.curves_h[0].getOriginalDataset()[0]),
        "predictions": w.predictions_panel.regression_view.info.text(),
        "notes": {w.panel_docks[n].titleBarWidget().note.text() for n in PROBE_DOCKS},
        "header": w.predictions_panel.header.text(),
    }


def test_a_probe_of_your_own_changes_what_every_inspection_panel_draws(qtbot, window):
    _use(qtbot, window, PRIMES)
    _every_panel_drawn(qtbot, window)
    before = _probe_data(window)
    T = make_task("next-prime").T
    assert before["gates"].shape[0] == before["strip_steps"] == T == 10
    assert before["header"] == "The held-out example, at step 0"
    assert len(before["notes"]) == 1 and "the held-out example" in next(iter(before["notes"]))

    snap = _show(qtbot, window, {"primes": "53, 59, 61, 67"})
    assert dict(snap.probe_values) == {"primes": "53, 59, 61, 67"}
    _every_panel_drawn(qtbot, window)
    after = _probe_data(window)
    scaled = np.array([53, 59, 61, 67]) / 100  # the task's inputs: primes / limit
    assert after["gates"].shape == (4, PRIMES.hidden_size)  # four steps, not ten
    assert after["states"].shape == (4, PRIMES.hidden_size)
    np.testing.assert_allclose(after["strip"][:, 0], scaled, rtol=1e-6)
    np.testing.assert_allclose(after["diagram"][:, 0], scaled, rtol=1e-6)
    assert after["strip_steps"] == 4
    assert after["decay"].max() == 3  # the gradient decays back from the 4th step, tau = 3
    assert "53, 59, 61, 67" in after["predictions"]
    assert after["header"] == "Your sequence, at step 0"
    assert len(after["notes"]) == 1 and "your sequence" in next(iter(after["notes"]))
    # the training process keeps it; the form shows what the panels show
    assert window.probe_editor.fields["primes"].text() == "53, 59, 61, 67"
    assert window.probe_editor.back_button.isEnabled()

    window.probe_editor.back_button.click()
    qtbot.waitUntil(lambda: window.session.last.probe_values is None, timeout=10_000)
    _every_panel_drawn(qtbot, window)
    back = _probe_data(window)
    np.testing.assert_array_equal(back["gates"], before["gates"])
    assert back["header"] == before["header"] and back["notes"] == before["notes"]
    held_out = make_task("next-prime").probe_params()[0].default
    assert window.probe_editor.fields["primes"].text() == held_out


def test_bad_input_in_the_window_sends_nothing_and_changes_nothing(qtbot, window, monkeypatch):
    snap = _use(qtbot, window, ADDER)
    asked = []
    monkeypatch.setattr(window.session, "request", lambda *a: asked.append(a) or 0)
    window.show_dock(window.probe_dock)
    editor = window.probe_editor
    editor.fields["a"].setText("1000")
    qtbot.keyClick(editor.fields["a"], Qt.Key.Key_Return)
    editor.show_button.click()
    assert asked == [] and "0 .. 255" in editor.reasons["a"].text()
    assert window.session.last is snap and snap.probe_values is None


def test_probe_edits_leave_the_run_exactly_as_it_was(qtbot, window):
    """Two runs of the same seed, one with probe edits while paused and while running:
    the same losses, gradient norms, evaluations and final weights."""
    config = ADDER.replace(task_params={"bits": 4}, steps=100, eval_every=10)

    def finished_run(edits):
        _use(qtbot, window, config)
        window.speed.setValue(1 if edits else 0)  # 10 ms a step: edits land mid-run
        window.train_action.trigger()
        for k, (at, values) in enumerate(edits):
            qtbot.waitUntil(lambda at=at: window.session.last.step >= at, timeout=10_000)
            if k % 2 == 0:  # paused, then on again
                window.train_action.trigger()
                qtbot.waitUntil(lambda: window.session.last.status == "paused", timeout=5000)
            if values is None:
                window.probe_editor.back_button.click()
            else:
                for name, text in values.items():
                    window.probe_editor.fields[name].setText(text)
                window.probe_editor.show_button.click()
            fields = window.probe_editor.fields
            want = None if values is None else {n: int(f.text()) for n, f in fields.items()}
            qtbot.waitUntil(
                lambda want=want: (
                    (
                        None
                        if window.session.last.probe_values is None
                        else dict(window.session.last.probe_values)
                    )
                    == want
                ),
                timeout=10_000,
            )
            if k % 2 == 0:
                window.train_action.trigger()
            else:  # sent while it trained, answered before its end
                assert window.session.last.step < config.steps
        qtbot.waitUntil(lambda: window.session.last.status == "finished", timeout=20_000)
        window.speed.setValue(0)
        (arrays, meta), error = window.ask_now("state")
        assert not error and meta["step"] == config.steps
        return arrays

    plain = finished_run([])
    edits = [(15, {"a": "5", "b": "12"}), (35, {"a": "13"}), (55, None), (70, {"b": "1"})]
    edited = finished_run(edits)
    assert window.session.last.probe_values is not None  # the last edit still shows
    compared = [k for k in plain if k.startswith(("history.steps.", "history.evals.", "model."))]
    compared = [k for k in compared if not k.endswith(".time")]  # seconds differ, of course
    assert "history.steps.loss" in compared and "history.evals.loss" in compared
    for key in compared:
        np.testing.assert_array_equal(edited[key], plain[key], err_msg=key)
    assert len(plain["history.steps.loss"]) == config.steps
    # after the end too: the finished run is shown the held-out example again
    window.probe_editor.back_button.click()
    qtbot.waitUntil(lambda: window.session.last.probe_values is None, timeout=10_000)
    assert window.session.last.status == "finished" and window.session.last.step == config.steps


def test_typing_in_a_field_is_typing_not_the_window_shortcuts(qtbot, window):
    """Space trains and S steps elsewhere in the window; in a field they are text."""
    _use(qtbot, window, PRIMES)
    window.show_dock(window.probe_dock)
    field = window.probe_editor.fields["primes"]
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, "2, 3, 5, 7, 11")
    assert field.text() == "2, 3, 5, 7, 11"
    qtbot.keyClick(field, Qt.Key.Key_S)
    assert window.session.state == "idle" and window.session.last.step == 0
    assert window.probe_editor.reasons["primes"].text() == "'11s' is not a whole number"


def test_a_saved_run_reopens_with_its_probe_and_reset_keeps_it(qtbot, window, tmp_path):
    _use(qtbot, window, ADDER)
    _show(qtbot, window, {"a": "117", "b": "139"})
    path = str(tmp_path / f"mine{RUN_SUFFIX}")
    with qtbot.waitSignal(window.files.saved, timeout=10_000):
        window.files.save_run(path)
    _use(qtbot, window, PRIMES)  # something else in between
    assert window.probe_editor.fields["primes"].text().startswith("2, 3, 5")

    assert window.files.open_run(path)
    qtbot.waitUntil(
        lambda: window.session.task.name == "binary-addition" and window.session.last is not None,
        timeout=10_000,
    )
    assert dict(window.session.last.probe_values) == {"a": 117, "b": 139}
    editor = window.probe_editor
    assert (editor.fields["a"].text(), editor.fields["b"].text()) == ("117", "139")
    _every_panel_drawn(qtbot, window)
    assert window.predictions_panel.header.text().startswith("Your sequence")

    window.reset_action.trigger()  # a new model of the same task: the same sequence on it
    qtbot.waitUntil(
        lambda: window.session.last is not None and window.session.last.probe_values is not None,
        timeout=10_000,
    )
    assert window.session.last.step == 0
    assert dict(window.session.last.probe_values) == {"a": 117, "b": 139}
    assert Path(path).exists()


def test_while_a_race_runs_the_editor_says_why_it_waits(qtbot, window):
    _use(qtbot, window, ADDER)
    editor = window.probe_editor
    assert editor.unavailable.isHidden() and editor.show_button.isEnabled()
    race = ADDER.replace(task_params={"bits": 2}, hidden_size=4, steps=30, eval_every=10)
    window.race.start(("rnn", "lstm"), race)
    assert window.race.busy
    assert "A cell race is running" in editor.unavailable.text()
    assert not editor.unavailable.isHidden() and not editor.form.isEnabled()
    assert not editor.show_button.isEnabled()
    qtbot.waitUntil(lambda: not window.race.busy, timeout=30_000)
    assert editor.unavailable.isHidden() and editor.show_button.isEnabled()


# ---------------------------------------------------------------- Chinese
@pytest.fixture
def chinese():
    assert i18n.install("zh_CN")
    yield
    i18n.install("en")


def test_the_editor_and_the_headers_in_chinese(qtbot, chinese):
    trainer = Trainer(ADDER)
    editor, sent = _editor(qtbot, trainer.task)
    labels = " ".join(label.text() for label in editor.form.findChildren(type(editor.status)))
    assert "第一个数（a）" in labels and "第二个数（b）" in labels and "0 到 255" in labels
    assert editor.show_button.text() == "显示"
    assert editor.back_button.text() == "回到留出集的示例"
    reason = _refused(qtbot, editor, sent, "b", "300", "第二个数（b）", "0 .. 255", "300")
    assert not any("a" <= c <= "z" for c in reason.replace("b", ""))  # no English left
    trainer.set_probe({"a": 117, "b": 139})
    snap = trainer.snapshot()
    editor.on_snapshot(snap)
    assert "你的序列" in editor.status.text()
    panel = PredictionsPanel()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, ADDER)
    panel.on_snapshot(snap)
    assert panel.header.text() == f"你的序列，第 {snap.step} 步"
    assert ">进位<" in panel.binary_view.bits_label.text().replace("&nbsp;", "")
    text = make_task("text")
    editor, sent = _editor(qtbot, text)
    _refused(qtbot, editor, sent, "prompt", "雪人", "从未出现", "'雪'")
