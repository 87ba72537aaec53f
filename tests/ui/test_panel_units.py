"""The units panel: the text coloured by the chosen unit, the ranking with r and the chance
level, a click on a row, when it asks for a report, the window's request on a real run,
and both languages."""

import math
from types import SimpleNamespace

import numpy as np
import pytest
from english_words import english_words
from panel_helpers import render_text
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QTableWidget, QWidget
from window_helpers import shown

from lstm_studio.engine import SequenceModel
from lstm_studio.tasks import make_task, visible_char
from lstm_studio.tasks.features import feature_name
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.training.units import trainer_report, unit_report
from lstm_studio.ui import i18n
from lstm_studio.ui.main_window import MainWindow
from lstm_studio.ui.panels import units as units_panel
from lstm_studio.ui.panels.units import UnitsPanel, colour_scale, value_colours

TINY = dict(hidden_size=8, batch_size=4)


def _trainer(corpus="english", steps=0, **more):
    config = TrainConfig.from_preset("text", task_params={"corpus": corpus}, **{**TINY, **more})
    trainer = Trainer(config)
    for _ in range(steps):
        trainer.train_step()
    return trainer


@pytest.fixture(scope="module")
def english():
    trainer = _trainer(steps=20)
    return trainer, trainer_report(trainer)


def _panel(qtbot, trainer):
    panel = UnitsPanel()
    qtbot.addWidget(panel)
    panel.resize(1100, 650)
    panel.reset(trainer.task, trainer.config)
    asked = []
    panel.report_wanted.connect(lambda: asked.append(True))
    return panel, asked


def _texts(widget: QWidget) -> list[str]:
    """Every string a panel shows."""
    seen = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if w.toolTip():
            seen.append(w.toolTip())
        if isinstance(w, (QLabel, QAbstractButton)):
            seen.append(w.text())
        elif isinstance(w, QComboBox):
            seen += [w.itemText(k) for k in range(w.count())]
        elif isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                seen.append(w.horizontalHeaderItem(c).text())
                seen.append(w.horizontalHeaderItem(c).toolTip())
            for r in range(w.rowCount()):
                for c in range(w.columnCount()):
                    item = w.item(r, c)
                    if item is not None:
                        seen += [item.text(), item.toolTip()]
    return [s for s in seen if s]


def test_a_report_colours_the_text_by_the_best_memory_unit_and_ranks_the_rest(qtbot, english):
    trainer, report = english
    panel, asked = _panel(qtbot, trainer)
    panel.on_snapshot(trainer.snapshot())
    assert asked == [True] and not panel.refresh_button.isEnabled()
    panel.show_report(report)
    assert panel.refresh_button.isEnabled()
    # the first choice: the unit that best follows a feature that needs memory
    run, quantity, unit = panel.choice
    best = max(
        (report.ranking(feature=k, top=1)[0] for k in ("line_position", "word_position")),
        key=lambda row: abs(row.r),
    )
    assert (run, quantity, unit) == (best.run, best.quantity, best.unit)
    assert panel.quantity_combo.currentData() == quantity and panel.unit_spin.value() == unit
    values = report.unit_values(run, quantity, unit)
    assert np.array_equal(panel.colours, value_colours(values, *colour_scale(values, "wide")))
    # every character of the text is in the view, line breaks as ↵
    shown_text = panel.text_view.toPlainText().replace("\n", "")
    assert shown_text == report.text.replace("\n", "↵")
    # the ranking: strongest |r| first, each with its number; the note says T and chance
    rows = [
        [panel.table.item(r, c).text() for c in range(3)] for r in range(panel.table.rowCount())
    ]
    assert len(rows) == 100
    assert rows[0][0] == f"{report.ranking(top=1)[0].r:+.2f}"
    assert [float(r[0]) for r in rows] == pytest.approx(
        [round(row.r, 2) for row in report.ranking(top=100)]
    )
    note = panel.note.text()
    assert "2,000 characters" in note and f"{2 / math.sqrt(2000):.3f}" in note
    assert f"{report.shifted_best:.2f}" in note
    assert "2,000 characters of held-out text, weights of step 20" in panel.source_label.text()
    # the features table: each feature's best unit and r, untrained, the absent ones said so
    features = {
        panel.features.item(r, 0).text(): [panel.features.item(r, c).text() for c in range(1, 5)]
        for r in range(1, panel.features.rowCount())
    }
    assert features[feature_name("quotes")][0] == "not in this text"
    line = report.ranking(feature="line_position", top=1)[0]
    assert features[feature_name("line_position")] == [
        f"{line.quantity} · unit {line.unit}",
        f"{line.r:+.2f}",
        f"{report.untrained['line_position']:.2f}",
        "memory",
    ]
    assert features[feature_name("vowel")][3] == "input"


def test_clicking_a_row_or_a_feature_changes_what_is_shown(qtbot, english):
    trainer, report = english
    panel, _ = _panel(qtbot, trainer)
    panel.show_report(report)
    # a feature's row ranks that feature's units only, and colours by the best of them
    panel.pick_feature("vowel")
    assert {row.feature for row in panel.ranking} == {"vowel"}
    assert panel.table.item(0, 2).text() == "vowel"
    best = report.ranking(feature="vowel", top=1)[0]
    assert panel.choice == (best.run, best.quantity, best.unit)
    # a click on a row colours the text by that unit, the binary feature underlined
    row = panel.ranking[3]
    panel.pick_row(3)
    assert panel.choice == (row.run, row.quantity, row.unit)
    values = report.unit_values(row.run, row.quantity, row.unit)
    scale = {"i": "sigmoid", "f": "sigmoid", "o": "sigmoid", "g": "tanh", "h": "tanh"}
    levels, cmap = colour_scale(values, scale.get(row.quantity, "wide"))
    assert np.array_equal(panel.colours, value_colours(values, levels, cmap))
    assert "underlined: vowel" in panel.legend_label.text()
    vowel_at = [t for t, c in enumerate(report.text) if c in "aeiouAEIOU"][0]
    cursor = panel.text_view.textCursor()
    cursor.setPosition(panel._positions[vowel_at] + 1)
    assert cursor.charFormat().fontUnderline()
    # the quantity filter
    panel.quantity_filter.setCurrentIndex(panel.quantity_filter.findData("f"))
    assert {(row.feature, row.quantity) for row in panel.ranking} == {("vowel", "f")}
    # the picker: a gate on its fixed 0 .. 1 scale, the legend says so
    panel.quantity_combo.setCurrentIndex(panel.quantity_combo.findData("i"))
    panel.unit_spin.setValue(5)
    assert panel.choice == (0, "i", 5)
    i5 = report.unit_values(0, "i", 5)
    assert np.array_equal(panel.colours, value_colours(i5, (0.0, 1.0), "viridis"))
    assert panel.legend.labels() == ("0", "0.5", "1")
    assert "a fixed scale 0 … 1" in panel.legend_label.text()


def test_hovering_a_character_reads_its_value_and_features(qtbot, english):
    trainer, report = english
    panel, _ = _panel(qtbot, trainer)
    panel.show()
    panel.show_report(report)
    qtbot.waitExposed(panel)
    t = 5  # inside the first line
    cursor = panel.text_view.textCursor()
    cursor.setPosition(panel._positions[t])
    rect = panel.text_view.cursorRect(cursor)
    point = QPoint(rect.x() + 3, rect.center().y())  # inside character t
    assert panel.character_at(point) == t
    run, quantity, unit = panel.choice
    readout = panel.readout_at(t)
    value = report.unit_values(run, quantity, unit)[t]
    assert f"t = {t} ‘{visible_char(report.text[t])}’" in readout and f"= {value:.3f}" in readout
    line = report.features["line_position"][t]
    assert f"{feature_name('line_position')} = {line:g}" in readout


def test_it_asks_at_most_once_per_evaluation_and_never_for_other_tasks(qtbot, english):
    trainer, report = english
    panel, asked = _panel(qtbot, trainer)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    panel.on_snapshot(snap)  # still on its way: not again
    assert len(asked) == 1
    panel.show_report(report)
    panel.on_snapshot(snap)  # the same evaluation: nothing new to measure
    assert len(asked) == 1
    trainer.train_step()
    panel.on_snapshot(trainer.snapshot())  # a step without an evaluation
    assert len(asked) == 1
    trainer._evaluate()
    panel.on_snapshot(trainer.snapshot())
    assert len(asked) == 2
    panel.show_error("the model was replaced meanwhile")
    assert "the model was replaced meanwhile" in panel.source_label.text()
    panel.refresh_button.click()  # on demand, always
    assert len(asked) == 3
    panel.show_report(report)
    # a prompt chosen for the probe (the snapshot says which): a new text to measure
    later = trainer.snapshot()
    panel.on_snapshot(SimpleNamespace(eval_step=later.eval_step, probe_values=None))
    assert len(asked) == 3
    panel.on_snapshot(SimpleNamespace(eval_step=later.eval_step, probe_values={"prompt": "O "}))
    assert len(asked) == 4
    adding = Trainer(TrainConfig.from_preset("adding", task_params={"steps": 10}, **TINY))
    panel.reset(adding.task, adding.config)
    panel.on_snapshot(adding.snapshot())
    assert len(asked) == 4 and panel.pages.currentIndex() == 0
    assert "text tasks" in panel.not_text.text()


def test_reports_take_at_most_a_tenth_of_the_time_however_often_it_evaluates(
    qtbot, english, monkeypatch
):
    """A report that took 0.5 s from asking to answer: the next automatic one 5 s after
    it at the soonest (asked then if the panel is still shown); Refresh at once."""
    trainer, report = english
    clock = [100.0]
    monkeypatch.setattr(units_panel, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    panel, asked = _panel(qtbot, trainer)
    panel.show()
    qtbot.waitExposed(panel)
    panel.on_snapshot(SimpleNamespace(eval_step=0, probe_values=None))
    clock[0] += 0.5
    panel.show_report(report)
    assert len(asked) == 1
    clock[0] += 1.0
    panel.on_snapshot(SimpleNamespace(eval_step=50, probe_values=None))
    panel.on_snapshot(SimpleNamespace(eval_step=100, probe_values=None))
    assert len(asked) == 1 and panel._later.isActive()
    assert panel._later.interval() == 4000  # 5 s after the answer
    clock[0] += 4.0
    panel._later.timeout.emit()
    assert len(asked) == 2 and panel._asked_for == (100, None)
    clock[0] += 0.1
    panel.show_report(report)  # cost 0.1 s: the next one may come 1 s later
    panel.refresh_button.click()  # the learner's: at once
    assert len(asked) == 3
    clock[0] += 0.2
    panel.show_report(report)
    panel.hide()
    panel.on_snapshot(SimpleNamespace(eval_step=150, probe_values=None))
    assert panel._later.isActive()
    clock[0] += 5
    panel._later.timeout.emit()  # hidden by then: nothing asked
    assert len(asked) == 3


def test_own_files_a_text_is_measured_a_csv_is_not(qtbot, english, tmp_path):
    trainer, _ = english
    story = tmp_path / "story.txt"
    story.write_text("the cat sat on the mat,\nand the dog sat on the log.\n" * 40, "utf-8")
    csv = tmp_path / "t.csv"
    csv.write_text("a\n" + "\n".join(str(k % 7) for k in range(100)))
    panel, asked = _panel(qtbot, trainer)
    panel.reset(make_task("own-data", path=str(csv), steps=4), trainer.config)
    panel.on_snapshot(SimpleNamespace(eval_step=0, probe_values=None))
    assert panel.pages.currentIndex() == 0 and not asked
    task = make_task("own-data", path=str(story), steps=8)
    panel.reset(task, trainer.config)
    panel.on_snapshot(SimpleNamespace(eval_step=0, probe_values=None))
    assert panel.pages.currentIndex() == 1 and asked == [True]
    model = SequenceModel("lstm", task.input_size, 8, task.output_size, num_layers=2, seed=0)
    report = unit_report(model, task, "the dog sat on the log.\nthe cat")
    panel.reset(task, trainer.config.replace(num_layers=2))
    panel.show_report(report)
    assert not panel.run_combo.isHidden() and panel.run_combo.count() == 2
    assert {row.run for row in report.ranking()} == {0, 1}
    words = {panel.table.item(r, 1).text() for r in range(panel.table.rowCount())}
    assert any(w.startswith("layer 2 · ") for w in words)
    assert any(w.startswith("layer 1 · ") for w in words)


def test_the_chinese_panel_on_chinese_verse_speaks_chinese_and_draws_glyphs(qtbot):
    task = make_task("text", corpus="chinese")
    config = TrainConfig.from_preset("text", task_params={"corpus": "chinese"}, **TINY)
    model = SequenceModel("lstm", task.input_size, 8, task.output_size, seed=0)
    report = unit_report(model, task, task.heldout_text(600))
    assert i18n.install("zh_CN")
    try:
        panel, _ = _panel(qtbot, SimpleNamespace(task=task, config=config))
        panel.show_report(report)
        assert "verse_position" in report.features
        leftovers = [(t, english_words(t)) for t in _texts(panel)]
        leftovers = [item for item in leftovers if item[1]]
        assert not leftovers, leftovers[:10]
        assert "个字符" in panel.note.text() and "保留文本" in panel.source_label.text()
        names = [panel.features.item(r, 0).text() for r in range(panel.features.rowCount())]
        assert "在诗句中的位置" in names
        # the verse itself is drawn with glyphs, not boxes
        assert i18n.has_cjk_font(), i18n.CJK_FONT_HELP
        font = panel.text_view.font()
        verse = report.text[:6]
        drawn, boxes = (
            render_text(verse, font, 200, 60),
            render_text("\U000f0001" * 6, font, 200, 60),
        )
        assert drawn != boxes and drawn != render_text(report.text[6:12], font, 200, 60)
        assert panel.text_view.toPlainText().startswith(report.text[:5])
    finally:
        i18n.install("en")


# ---------------------------------------------------------------------------- the window
def test_the_window_measures_a_real_text_run_when_the_panel_is_shown(qtbot, tmp_path):
    config = TrainConfig.from_preset(
        "text", task_params={"steps": 16}, hidden_size=16, batch_size=4, steps=100_000
    ).replace(eval_every=5)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", config.to_json())
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    shown(qtbot, window)
    panel = window.units_panel
    asked = []
    panel.report_wanted.connect(lambda: asked.append(window.session.last.eval_step))
    dock = window.panel_docks["units_panel"]
    assert dock.windowTitle() == "Which unit tracks what"
    assert window.tabifiedDockWidgets(dock)  # behind the heatmaps' tabs
    window.show_dock(dock)
    qtbot.waitUntil(lambda: panel.report is not None, timeout=20_000)
    assert panel.report.step == 0 and panel.report.length == 2000
    assert asked == [0]
    # four steps: no evaluation, nothing asked; the fifth evaluates: measured again
    for n in range(1, 5):
        window.step_action.trigger()
        qtbot.waitUntil(lambda n=n: window.session.last.step == n, timeout=10_000)
        window.flush_panels()
    assert asked == [0]
    window.step_action.trigger()
    qtbot.waitUntil(lambda: panel.report.step == 5, timeout=20_000)
    assert asked == [0, 5]
    best = panel.report.best()
    assert abs(best.r) > panel.report.chance  # the real numbers, on the real run
    # hidden behind another tab: steps ask nothing
    window.panel_docks["gates_panel"].raise_()
    for n in range(6, 11):
        window.step_action.trigger()
        qtbot.waitUntil(lambda n=n: window.session.last.step == n, timeout=10_000)
    window.flush_panels()
    assert asked == [0, 5]
    window.show_dock(dock)  # shown again: catches up once
    qtbot.waitUntil(lambda: panel.report.step == 10, timeout=20_000)
    assert asked == [0, 5, 10]
    panel.refresh_button.click()
    qtbot.waitUntil(lambda: len(asked) == 4 and not panel._pending, timeout=20_000)
    assert panel.report.step == 10
    # the learner's own prompt for the probe: that text is measured, at once
    window.ask("set_probe", {"prompt": "Shall I compare thee"}, then=lambda *_: None)
    qtbot.waitUntil(lambda: panel.report.source == "prompt", timeout=20_000)
    assert panel.report.text == "Shall I compare thee" and len(asked) == 5
    assert "your prompt, 20 characters" in panel.source_label.text()
    window.close()
