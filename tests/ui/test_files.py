"""Runs, weights, history and pictures through the window's File menu; the autosave."""

import csv
import io
import os
import signal
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from window_helpers import shown

from lstm_studio.io import load_safetensors, open_run, save_safetensors, save_trainer
from lstm_studio.io.runs import RUN_SUFFIX
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui.main_window import MainWindow

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)
REPO = Path(__file__).resolve().parents[2]


def _window(qtbot, tmp_path, config=QUICK, name="s.ini") -> MainWindow:
    settings = QSettings(str(tmp_path / name), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", config.to_json())
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    shown(qtbot, window)
    return window


def _train_to(qtbot, window, step):
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step >= step, timeout=10_000)
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.status == "paused", timeout=5000)
    return window.session.last.step


def _saved(qtbot, files, action):
    with qtbot.waitSignal(files.saved, timeout=10_000) as got:
        action()
    return got.args[0]


def test_a_saved_run_reopens_with_its_curves_and_goes_on_exactly(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    step = _train_to(qtbot, window, 40)
    path = str(tmp_path / f"mine{RUN_SUFFIX}")
    _saved(qtbot, window.files, lambda: window.files.save_run(path))
    window.flush_panels()
    x_before, y_before = window.loss_panel.train_curve.getOriginalDataset()
    window.close()

    again = _window(qtbot, tmp_path, name="t.ini")
    assert again.files.open_run(path)
    assert shown(qtbot, again).step == step
    again.flush_panels()
    assert again.session.last.step == step
    x, y = again.loss_panel.train_curve.getOriginalDataset()
    np.testing.assert_array_equal(x, x_before)  # the curves are back
    np.testing.assert_allclose(y, y_before)
    # and it goes on with the losses an uninterrupted run has
    again.step_action.trigger()
    qtbot.waitUntil(lambda: again.session.last.step == step + 1, timeout=5000)
    straight = Trainer(QUICK)
    expected = [straight.train_step() for _ in range(step + 1)][-1]
    assert again.session.last.loss == expected
    again.close()


def test_a_run_paused_stepped_saved_and_reopened_has_every_loss_of_a_straight_run(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    step = _train_to(qtbot, window, 20)
    for k in (1, 2):
        window.step_action.trigger()
        qtbot.waitUntil(lambda k=k: window.session.last.step == step + k, timeout=5000)
    path = str(tmp_path / f"stepped{RUN_SUFFIX}")
    _saved(qtbot, window.files, lambda: window.files.save_run(path))
    window.confirm_discard = lambda step, why="": True
    assert window.files.open_run(path)
    assert shown(qtbot, window).step == step + 2
    end = _train_to(qtbot, window, step + 10)
    value, error = window.ask_now("state")
    assert not error
    arrays, meta = value
    assert meta["step"] == end
    straight = Trainer(QUICK)
    expected = [straight.train_step() for _ in range(end)]
    np.testing.assert_array_equal(arrays["history.steps.loss"], expected)
    window.close()


def test_weights_export_in_three_formats_and_import_back(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    _train_to(qtbot, window, 20)
    files = window.files
    for suffix in (".safetensors", ".npz", ".onnx"):
        path = str(tmp_path / f"w{suffix}")
        _saved(qtbot, files, lambda path=path: files.export_weights(path))
        assert os.path.getsize(path) > 100
    state, meta = load_safetensors(tmp_path / "w.safetensors")
    assert "rnn.weight_hh_l0" in state and "config" in meta
    # a fresh model takes them in
    window.reset_action.trigger()
    assert shown(qtbot, window).step == 0
    path = str(tmp_path / "w.npz")
    with qtbot.waitSignal(files.saved, timeout=10_000):
        assert files.import_weights(path)
    loaded = window.session.last
    assert loaded.param_norms["rnn.weight_hh_l0"] == pytest.approx(
        float(np.linalg.norm(state["rnn.weight_hh_l0"])), rel=1e-5
    )


def test_weights_of_another_model_are_refused_with_what_differs(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    other = Trainer(QUICK.replace(cell="gru", hidden_size=8))
    path = tmp_path / "gru.safetensors"
    save_safetensors(path, other.model.state_dict(), {"config": other.config.to_json()})
    before = window.session.last
    assert not window.files.import_weights(str(path))
    message = window.files.last_error
    assert "gru" in message and "lstm" in message and "nothing was changed" in message
    assert "rnn.weight_ih_l0 is (24, 2), the model needs (64, 2)" in message
    assert window.session.last is before
    (tmp_path / "junk.npz").write_bytes(b"PK\x03\x04 not really")
    assert not window.files.import_weights(str(tmp_path / "junk.npz"))
    assert "junk.npz" in window.files.last_error


def test_history_csv_and_every_panel_as_png_and_svg(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    step = _train_to(qtbot, window, 30)
    path = str(tmp_path / "history.csv")
    _saved(qtbot, window.files, lambda: window.files.export_history(path))
    rows = list(csv.reader(io.StringIO(Path(path).read_text())))
    assert rows[0][:2] == ["step", "time"] or "step" in rows[0]
    written = window.files.export_images(str(tmp_path / "pictures"), width=900)
    names = {p.name for p in written}
    for panel in window.panels:
        assert {f"{panel.object_name}.png", f"{panel.object_name}.svg"} <= names
    image = QImage(str(tmp_path / "pictures" / "loss_panel.png"))
    assert image.width() == 900 and not image.isNull()
    colours = {image.pixel(x, y) for x in range(0, 900, 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20  # not blank
    root = ET.parse(tmp_path / "pictures" / "loss_panel.svg").getroot()
    lines = [el for el in root.iter() if el.tag.endswith(("polyline", "path"))]
    longest = max(len((el.get("points") or el.get("d") or "").split()) for el in lines)
    assert longest >= step // 2  # the training curve, as a vector line
    texts = " ".join(el.text or "" for el in root.iter() if el.tag.endswith("text"))
    assert "loss" in texts


def test_an_unwritable_place_is_a_message_and_leaves_nothing(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    _train_to(qtbot, window, 5)
    folder = tmp_path / "a folder.lstmrun"
    folder.mkdir()
    with qtbot.waitSignal(window.files.failed, timeout=10_000) as got:
        window.files.save_run(str(folder))
    assert "folder" in got.args[0]
    with qtbot.waitSignal(window.files.failed, timeout=10_000) as got:
        window.files.export_history(str(tmp_path / "missing" / "h.csv"))
    assert "missing" in got.args[0]
    assert sorted(os.listdir(tmp_path / "a folder.lstmrun")) == []
    assert window.session.state in ("paused", "idle")  # still usable
    _train_to(qtbot, window, window.session.last.step + 3)


DRIVER = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["LSTM_STUDIO_AUTOSAVE_S"] = "0.3"
    from pathlib import Path
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from lstm_studio.ui.main_window import MainWindow
    folder = Path(sys.argv[1])
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, data_dir=folder / "data")
    window.show()
    QTimer.singleShot(100, window.train_action.trigger)
    print("training", flush=True)
    app.exec()
    """
)


def test_a_killed_window_offers_its_autosave_at_the_next_launch(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", QUICK.replace(steps=10**9).to_json())
    settings.sync()
    script = tmp_path / "driver.py"
    script.write_text(DRIVER)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, str(script), str(tmp_path)], env=env)
    autosave = tmp_path / "data" / f"autosave{RUN_SUFFIX}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not autosave.exists():
        time.sleep(0.1)
    time.sleep(0.8)  # a few more autosaves
    child.send_signal(signal.SIGKILL)  # no closeEvent, no last save: a crash
    child.wait(10)
    saved = open_run(autosave)
    assert saved.step > 0

    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    asked = []
    window.ask_restore = lambda step: asked.append(step) or True
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    saved = open_run(autosave)  # the file as it was read
    assert asked == [saved.step]
    assert shown(qtbot, window).step == saved.step
    window.close()
    # a clean close leaves no lock: the next launch asks nothing
    again = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(again)
    again.ask_restore = lambda step: pytest.fail("asked after a clean close")
    qtbot.wait(200)
    again.close()


def test_a_diverging_run_pauses_with_the_step_the_norm_and_what_to_change(qtbot, tmp_path):
    blows_up = TrainConfig.from_preset(
        "sin-to-cos", cell="rnn", optimizer="sgd", lr=10.0, clip=0.0, steps=500
    )
    window = _window(qtbot, tmp_path, blows_up)
    window.train_action.trigger()
    qtbot.waitUntil(lambda: window.failure_box is not None, timeout=20_000)
    text = window.failure_box.text()
    last = window.session.last
    assert last.status == "diverged" and f"diverged at step {last.step + 1}" in text
    assert "gradient norm" in text and "learning rate (now 10)" in text
    assert "turn on gradient clipping" in text
    assert all(np.isfinite(v) for v in last.param_norms.values())  # the last finite weights
    assert window.train_action.text() == "Train"
    window.failure_box.close()
    window.setup.lr.setValue(0.01)  # the advice, taken
    window.setup.clip.setValue(1.0)
    window.reset_action.trigger()
    window.train_action.trigger()
    shown(qtbot, window)
    qtbot.waitUntil(lambda: window.session.last.step >= 50, timeout=10_000)
    assert np.isfinite(window.session.last.loss) and window.session.config.lr == 0.01
    window.close()


def test_damaged_or_future_settings_never_stop_the_window(qtbot, tmp_path):
    path = tmp_path / "s.ini"
    for content in (
        b"\x00\xff garbage [[[ \n=\n",
        b'[General]\nsettings_version=99\nconfig={"task": "binary-addition"}\n',
        b"[General]\nsettings_version=1\nconfig=not json\ngeometry=@ByteArray(xx)\n",
        b"[General]\nsettings_version=one\n",
    ):
        path.write_bytes(content)
        settings = QSettings(str(path), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings, data_dir=tmp_path / "data")
        qtbot.addWidget(window)
        assert window.session.config.task == "binary-addition"  # the preset
        window.close()


def test_settings_written_to_a_file_come_back_after_a_restart(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.setup.task.setCurrentIndex(window.setup.task.findData("copy"))
    window.panel_docks["norms_panel"].hide()
    window.close()
    settings.sync()
    # a copy: Qt caches a file's settings per process; a new name is read from disk, as
    # at the next launch
    (tmp_path / "next.ini").write_bytes((tmp_path / "s.ini").read_bytes())
    fresh = QSettings(str(tmp_path / "next.ini"), QSettings.Format.IniFormat)
    assert fresh.value("settings_version") == "1"  # an INI file gives text back
    again = MainWindow(settings=fresh, data_dir=tmp_path / "data")
    qtbot.addWidget(again)
    assert again.session.config.task == "copy"
    assert again.panel_docks["norms_panel"].isHidden()
    again.close()


def test_a_full_disk_is_a_message_and_leaves_no_partial_file(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path)
    _train_to(qtbot, window, 5)
    path = tmp_path / f"run{RUN_SUFFIX}"
    path.write_bytes(b"an older run, to keep")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with qtbot.waitSignal(window.files.failed, timeout=10_000) as got:
        window.files.save_run(str(path))
    assert "the disk is full" in got.args[0] and path.name in got.args[0]
    monkeypatch.undo()
    assert path.read_bytes() == b"an older run, to keep"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".run")) == []
    _train_to(qtbot, window, window.session.last.step + 3)  # still training


def test_a_reopened_run_says_when_it_was_first_solved(qtbot, tmp_path):
    trainer = Trainer(QUICK.replace(steps=300, eval_every=10))
    for _ in trainer.run(probes=False):
        pass
    assert trainer.solved_at is not None and trainer.solved_at < 300
    save_trainer(tmp_path / f"solved{RUN_SUFFIX}", trainer)
    window = _window(qtbot, tmp_path)
    assert window.files.open_run(str(tmp_path / f"solved{RUN_SUFFIX}"))
    label = window.status_labels["solved"]
    qtbot.waitUntil(lambda: label.text() == f"solved at step {trainer.solved_at}", timeout=5000)
    window.close()


def test_images_that_stop_halfway_say_how_many_were_saved(qtbot, tmp_path, monkeypatch):
    import lstm_studio.ui.export as export

    window = _window(qtbot, tmp_path)
    real, calls = export.export_image, []

    def third_fails(widget, path, width=None):
        calls.append(path)
        if len(calls) == 3:
            raise PermissionError(13, "Permission denied", str(path))
        real(widget, path, width)

    monkeypatch.setattr(export, "export_image", third_fails)
    written = window.files.export_images(str(tmp_path / "pictures"))
    total = 2 * len(window.panels)
    assert len(written) == 2
    assert window.files.last_error == (
        f"Only 2 of the {total} images were saved: permission denied"
    )
    (tmp_path / "taken").write_text("a file where the folder should go")
    assert window.files.export_images(str(tmp_path / "taken" / "pictures")) == []
    assert window.files.last_error.startswith("No image was saved: ")
    window.close()


def test_weights_of_another_task_are_refused_with_the_task_named_first(qtbot, tmp_path):
    """An echo run (8 inputs per step) imported into the binary-addition model (2): the
    message names both tasks and their sizes before the shapes."""
    window = _window(qtbot, tmp_path)
    echo = Trainer(TrainConfig.from_preset("echo"))
    path = tmp_path / "echo.safetensors"
    save_safetensors(path, echo.model.state_dict(), {"config": echo.config.to_json()})
    assert not window.files.import_weights(str(path))
    lines = window.files.last_error.splitlines()
    assert lines[1] == (
        "• the file was trained on “Echo a fixed sequence”, with 8 inputs and 1 output per "
        "step; this model's task, “Binary addition”, has 2 inputs and 1 output"
    )
    assert "• rnn.weight_ih_l0 is (64, 8), the model needs (64, 2)" in lines[2:]
