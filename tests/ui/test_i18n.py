"""Chinese and English: the catalogue is complete and compiled, the Chinese window has no
English left, Chinese renders as glyphs, and switching language keeps the run."""

import importlib.util
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyqtgraph as pg
import pytest
from english_words import english_words
from panel_helpers import render_text
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableWidget,
    QTextBrowser,
    QWidget,
)
from window_helpers import shown

from lstm_studio.io.safetensors import save_safetensors
from lstm_studio.tasks import TASKS
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui import i18n
from lstm_studio.ui.main_window import MainWindow, switch_language

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "i18n" / "lstm_studio_zh_CN.ts"
QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)


def _messages():
    root = ET.parse(TS).getroot()
    for context in root.iter("context"):
        for message in context.iter("message"):
            yield context.findtext("name"), message.findtext("source"), message.find("translation")


def test_every_string_has_a_chinese_translation_with_its_placeholders():
    missing, broken = [], []
    for context, source, translation in _messages():
        kind = translation.get("type")
        if kind == "vanished":
            continue
        if kind == "unfinished" or not (translation.text or "").strip():
            missing.append((context, source))
            continue
        for pattern in (r"\{[^{}]*\}", r"</?[a-z0-9]+"):
            if sorted(re.findall(pattern, source)) != sorted(re.findall(pattern, translation.text)):
                broken.append((context, source))
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"
    assert not broken, f"placeholders or tags differ in {broken[:5]}"


def test_the_compiled_catalogue_is_built_from_the_source(tmp_path):
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    out = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == TS.with_suffix(".qm").read_bytes(), (
        "resources/i18n/*.qm is stale: run python scripts/i18n.py"
    )


def test_every_metric_and_task_text_is_in_the_catalogue():
    spec = importlib.util.spec_from_file_location("i18n_script", REPO / "scripts" / "i18n.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for name in TASKS:
        if name == "own-data":
            continue
        config = TrainConfig.from_preset(name, hidden_size=4, batch_size=2)
        assert set(Trainer(config).metrics) <= set(script.METRICS), name
    sources = {(c, s) for c, s, _ in _messages()}
    for context, texts in script.qt_free_texts().items():
        for text in texts:
            assert (context, text) in sources, (context, text[:60])


@pytest.fixture
def chinese():
    assert i18n.install("zh_CN")
    yield
    i18n.install("en")


def _texts(window) -> list[tuple[str, str]]:
    """Every string the window shows: (where, text)."""
    seen = [("title", window.windowTitle())]
    for w in window.findChildren(QWidget):
        where = type(w).__name__ + ":" + w.objectName()
        if w.toolTip():
            seen.append((where + " tooltip", w.toolTip()))
        if isinstance(w, QLabel):
            seen.append((where, w.text()))
        elif isinstance(w, QAbstractButton):
            seen.append((where, w.text()))
        elif isinstance(w, QGroupBox):
            seen.append((where, w.title()))
        elif isinstance(w, QComboBox):
            seen += [(where, w.itemText(k)) for k in range(w.count())]
        elif isinstance(w, QTabBar):
            seen += [(where, w.tabText(k)) for k in range(w.count())]
        elif isinstance(w, QLineEdit):
            seen.append((where, w.placeholderText()))
        elif isinstance(w, QTextBrowser):
            seen.append((where, w.toPlainText()))
        elif isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                item = w.horizontalHeaderItem(c)
                seen.append((where + " header", item.text() if item else ""))
        elif isinstance(w, QMenu):
            seen += [(where, a.text()) for a in w.actions()]
        elif isinstance(w, pg.GraphicsView):
            for item in w.scene().items():
                if isinstance(item, pg.AxisItem):
                    seen.append((where + " axis", item.labelText))
                elif isinstance(item, pg.LabelItem):
                    seen.append((where + " label", item.text))
                elif isinstance(item, pg.TextItem):
                    seen.append((where + " text", item.toPlainText()))
    for action in window.menuBar().actions():
        seen.append(("menu", action.text()))
        if action.menu():
            seen += [("menu", a.text()) for a in action.menu().actions()]
    return seen


def test_the_chinese_window_has_no_english_left(qtbot, tmp_path, chinese):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", QUICK.to_json())
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    shown(qtbot, window)
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step == 1, timeout=10_000)
    window.flush_panels()
    for dock in window.compare_docks.values():
        window.show_dock(dock)
    window.race.start(("rnn", "gru"), QUICK.replace(steps=20, hidden_size=4))
    qtbot.waitUntil(lambda: window.race.last is not None and window.race.last.done, timeout=20_000)
    for dock in window.panel_docks.values():
        dock.raise_()
    window.flush_panels()

    # a path (where the autosave goes) is the user's, not a message
    def words(text):
        return english_words(text.replace(str(tmp_path / "data"), ""))

    leftovers = [(where, words(text), text) for where, text in _texts(window)]
    # the other pages of the predictions panel, and the setups of other tasks
    for task in ("sin-to-cos", "copy", "next-prime"):
        window._new_session(TrainConfig.from_preset(task, small=task == "copy"))
        shown(qtbot, window)
        window.step_action.trigger()
        qtbot.waitUntil(lambda: window.session.last.step == 1, timeout=10_000)
        window.panel_docks["predictions_panel"].raise_()
        window.flush_panels()
        leftovers += [(f"{task} {where}", words(text), text) for where, text in _texts(window)]
    leftovers = [item for item in leftovers if item[1]]
    assert not leftovers, "\n".join(f"{w}: {e} in {t[:80]!r}" for w, e, t in leftovers[:30])
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    window.close()


def test_the_chinese_window_explains_bad_files_in_chinese(qtbot, tmp_path, chinese):
    """The messages of the files, data and settings layers (no Qt there) follow the
    window's language too: a junk run, weights of another model, a CSV with a word in a
    number column, a folder that is a file."""
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", QUICK.to_json())
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    files = window.files
    messages = []
    (tmp_path / "junk.lstmrun").write_text("not a run at all", "utf-8")
    assert not files.open_run(str(tmp_path / "junk.lstmrun"))
    messages.append(files.last_error)
    other = Trainer(QUICK.replace(cell="gru", hidden_size=8))
    save_safetensors(tmp_path / "gru.safetensors", other.model.state_dict(), {})
    assert not files.import_weights(str(tmp_path / "gru.safetensors"))
    messages.append(files.last_error)
    (tmp_path / "f1").write_text("a file where the folder should be", "utf-8")
    assert files.export_images(str(tmp_path / "f1")) == []
    messages.append(files.last_error)
    (tmp_path / "bad.csv").write_text("x\n1.5\n2.5\n1.2.3\n" + "1\n" * 200, "utf-8")
    window.setup.task.setCurrentIndex(window.setup.task.findData("own-data"))
    edit = window.setup._param_widgets["path"].edit
    edit.setText(str(tmp_path / "bad.csv"))
    edit.editingFinished.emit()
    qtbot.waitUntil(lambda: not window.builder.busy, timeout=10_000)  # read in a thread
    messages.append(window.statusBar().currentMessage())
    assert "bad.csv" in messages[-1] and "4" in messages[-1]  # the file and the line
    for text in messages:
        assert re.search("[\u4e00-\u9fff]", text), text
        assert not english_words(text.replace(str(tmp_path), "")), text
    window.close()


def test_the_training_process_reports_in_the_windows_language(qtbot, tmp_path, chinese):
    """The child process that trains inherits the chosen language, not the system's."""
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", QUICK.replace(steps=3).to_json())
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.budget.setValue(3)
    window.train_action.trigger()
    shown(qtbot, window)
    qtbot.waitUntil(lambda: window.session.last.done, timeout=20_000)
    assert window.session.last.message == "已完成 3 步"
    window.close()


def test_chinese_is_drawn_with_glyphs_not_boxes(qapp):
    assert i18n.has_cjk_font(), i18n.CJK_FONT_HELP
    words = render_text("遗忘门")
    missing = render_text("\U000f0001\U000f0002\U000f0003")  # private use: no font has them
    blank = render_text("")
    assert words != blank and words != missing  # boxes would look like the missing ones
    assert render_text("遗忘门") != render_text("输入门")  # and different words differ


@pytest.mark.parametrize("data", ["a folder", "a file"])  # a file: no autosave to go through
def test_switching_language_keeps_the_run(qtbot, tmp_path, data):
    if data == "a file":
        (tmp_path / "data").write_text("not a folder")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", QUICK.to_json())
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")  # switching deletes it
    window.show()
    window.train_action.trigger()
    shown(qtbot, window)
    qtbot.waitUntil(lambda: window.session.last.step >= 20, timeout=10_000)
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.status == "paused", timeout=5000)
    step = window.session.last.step
    try:
        new = switch_language(window, "zh_CN")
        qtbot.addWidget(new)
        assert shown(qtbot, new).step == step  # the run went on in the new window
        assert new.train_action.text() == "训练"
        assert settings.value(i18n.SETTING) in (None, "zh_CN")
        new.train_action.trigger()
        qtbot.waitUntil(lambda: new.session.last.step > step, timeout=10_000)
        new.close()
    finally:
        i18n.install("en")


def test_the_language_follows_the_system_until_chosen(tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert i18n.chosen_language(settings) in ("en", "zh_CN")
    settings.setValue(i18n.SETTING, "zh_CN")
    assert i18n.chosen_language(settings) == "zh_CN"
    settings.setValue(i18n.SETTING, "klingon")  # damaged: back to the system's
    assert i18n.chosen_language(settings) in ("en", "zh_CN")


def test_lstm_studio_lang_picks_the_window_language_until_one_is_chosen(tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.setenv("LSTM_STUDIO_LANG", "zh_CN")
    assert i18n.chosen_language(settings) == "zh_CN"
    monkeypatch.setenv("LSTM_STUDIO_LANG", "en")
    assert i18n.chosen_language(settings) == "en"
    settings.setValue(i18n.SETTING, "zh_CN")  # the choice made in the window wins
    assert i18n.chosen_language(settings) == "zh_CN"


HELP = "from lstm_studio.cli import main; raise SystemExit(main(['--help']))"


def test_the_command_line_help_speaks_chinese(tmp_path):
    env = {**os.environ, "LSTM_STUDIO_LANG": "zh_CN", "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-c", HELP],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    ).stdout
    assert "打开窗口" in out or "窗口" in out
    english = subprocess.run(
        [sys.executable, "-c", HELP],
        capture_output=True,
        text=True,
        env={**env, "LSTM_STUDIO_LANG": "en"},
        check=False,
    ).stdout
    assert "open the window" in english


def test_without_a_chinese_font_the_app_says_how_to_get_one(qtbot, tmp_path, monkeypatch):
    from lstm_studio.app import warn_if_no_cjk_font

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    monkeypatch.setattr(i18n, "has_cjk_font", lambda: False)
    warn_if_no_cjk_font(window, "en")
    assert window.statusBar().currentMessage() == ""
    warn_if_no_cjk_font(window, "zh_CN")
    assert "fonts-noto-cjk" in window.statusBar().currentMessage()
    window.close()


def test_a_race_describes_choices_in_chinese_too(qtbot, tmp_path, chinese):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    about = window.race._about(TrainConfig.from_preset("text", task_params={"corpus": "english"}))
    assert "英文" in about and "english" not in about
    window.close()
