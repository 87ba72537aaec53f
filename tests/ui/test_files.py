"""Runs, weights, history and pictures through the window's File menu; the autosave."""

import contextlib
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

from lstm_studio.io import (
    RunFileError,
    load_safetensors,
    open_run,
    save_npz,
    save_safetensors,
    save_trainer,
)
from lstm_studio.io.runs import RUN_SUFFIX
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui import files as files_module
from lstm_studio.ui.files import slot_files
from lstm_studio.ui.main_window import MainWindow

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)
REPO = Path(__file__).resolve().parents[2]


def _window(qtbot, tmp_path, config=QUICK, name="s.ini", restore=None) -> MainWindow:
    """A window shown; ``restore(step)`` answers its offer of an autosave."""
    settings = QSettings(str(tmp_path / name), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", config.to_json())
    window = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.ask_restore = restore or (lambda step: pytest.fail(f"offered step {step}"))
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


def test_weights_of_the_other_direction_are_refused_and_nothing_changes(qtbot, tmp_path):
    window = _window(qtbot, tmp_path)
    other = Trainer(QUICK.replace(bidirectional=True))
    path = tmp_path / "both-ways.npz"
    save_npz(path, other.model.state_dict(), other.config)
    before = window.session.last
    assert not window.files.import_weights(str(path))
    message = window.files.last_error
    assert "nothing was changed" in message
    assert "the file holds a bidirectional lstm, this model is one-directional" in message
    assert window.session.last is before


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


def _autosave_step(path) -> int:
    """The step of the autosave at ``path``, 0 while there is none."""
    try:
        return open_run(path).step
    except (OSError, RunFileError):
        return 0


def _run_in(folder: Path, name: str, steps: int) -> int:
    """An autosave of ``steps`` steps at ``folder/name``, as a window writes it."""
    trainer = Trainer(QUICK)
    for _ in range(steps):
        trainer.train_step()
    save_trainer(folder / name, trainer)
    return steps


LOCKER = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
assert lock.tryLock(0)
print("locked", flush=True)
sys.stdin.read()
"""


def _lock_of_a_dead_window(path: Path) -> None:
    """The lock a window leaves behind when it is killed."""
    child = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert child.stdout.readline() == b"locked\n"
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    child.stdin.close()
    child.stdout.close()
    assert path.exists()


def test_a_second_window_autosaves_to_its_own_file_and_is_offered_when_killed(qtbot, tmp_path):
    first = _window(qtbot, tmp_path)
    assert first.files.autosave_path.name == f"autosave{RUN_SUFFIX}"
    assert first.files.indicator.text() == f"Autosave: autosave{RUN_SUFFIX}"
    second = _window(qtbot, tmp_path, name="t.ini")  # both open at once
    assert second.files.autosaving and second.files.autosave_path.name == f"autosave-2{RUN_SUFFIX}"
    assert second.files.indicator.text() == f"Autosave: autosave-2{RUN_SUFFIX}"
    assert second.statusBar().currentMessage() == (
        f"This window autosaves to its own file, autosave-2{RUN_SUFFIX}, as another has "
        f"autosave{RUN_SUFFIX}"
    )
    step = _train_to(qtbot, second, 10)  # the pause saves it
    autosave = tmp_path / "data" / f"autosave-2{RUN_SUFFIX}"
    qtbot.waitUntil(lambda: _autosave_step(autosave) == step, timeout=10_000)
    second.close()
    first.close()

    # the attack: a second window is killed after the first closed
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("config", QUICK.replace(steps=10**9).to_json())
    settings.sync()
    (tmp_path / "driver.py").write_text(DRIVER)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    holder = _window(qtbot, tmp_path, name="u.ini")  # the first window, open meanwhile
    child = subprocess.Popen([sys.executable, str(tmp_path / "driver.py"), str(tmp_path)], env=env)
    try:
        # it trains and autosaves into its own file (the first has autosave.lstmrun)
        qtbot.waitUntil(lambda: _autosave_step(autosave) > step, timeout=30_000)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    holder.close()
    saved = _autosave_step(autosave)

    again = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(again)
    asked = []
    again.ask_restore = lambda step: asked.append(step) or True
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked == [saved]
    assert shown(qtbot, again).step == saved
    # it goes on autosaving into the file it came from, under that file's lock
    assert again.files.autosave_path == autosave
    assert again.files.indicator.text() == f"Autosave: autosave-2{RUN_SUFFIX}"
    again.close()
    later = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(later)
    later.ask_restore = lambda step: pytest.fail("asked after a clean close")
    assert later.files.autosave_path.name == f"autosave{RUN_SUFFIX}"
    later.close()


def test_every_autosave_left_behind_is_offered_newest_first(qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for slot, steps in ((1, 3), (3, 7)):
        lock, autosave, _ = slot_files(data, slot)
        _run_in(data, autosave.name, steps)
        _lock_of_a_dead_window(lock)
    os.utime(data / f"autosave{RUN_SUFFIX}", (1, 1))  # the older one
    asked = []
    window = _window(qtbot, tmp_path, restore=lambda step: asked.append(step) or False)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=5000)  # both, declined
    assert asked == [7, 3]
    assert window.files.autosave_path.name == f"autosave-2{RUN_SUFFIX}"  # not theirs
    window.close()
    again = _window(qtbot, tmp_path, name="t.ini")  # declined: not offered again
    assert again.files.orphans == []
    assert again.files.autosave_path.name == f"autosave{RUN_SUFFIX}"
    again.close()


def test_closing_with_a_hung_training_process_keeps_the_autosave_offered(
    qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(files_module, "CLOSE_TIMEOUT_S", 0.5)
    window = _window(qtbot, tmp_path)
    step = _train_to(qtbot, window, 10)
    autosave = window.files.autosave_path
    qtbot.waitUntil(lambda: _autosave_step(autosave) == step, timeout=10_000)
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.session.last.step == step + 1, timeout=5000)
    pid = window.host.process.process.pid
    os.kill(pid, signal.SIGSTOP)  # the training process hangs: the last save can't be made
    try:
        window.close()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)
    assert (tmp_path / "data" / "window.lock.unsaved").exists()
    assert _autosave_step(autosave) == step  # kept, not deleted

    asked = []
    again = _window(qtbot, tmp_path, name="t.ini", restore=lambda step: asked.append(step) or True)
    qtbot.waitUntil(lambda: again.session.last.step == step, timeout=10_000)
    assert asked == [step]
    assert again.files.autosave_path == autosave
    assert not (tmp_path / "data" / "window.lock.unsaved").exists()
    again.close()


def test_a_file_where_the_data_folder_should_be_is_said_not_silent(qtbot, tmp_path):
    (tmp_path / "data").write_text("not a folder")
    window = _window(qtbot, tmp_path)
    assert not window.files.autosaving
    assert window.files.indicator.text() == "Autosave off"
    why = window.files.indicator.toolTip()
    assert why == f"Autosave is off: {tmp_path / 'data'} is a file, not a folder"
    assert window.statusBar().currentMessage() == why
    _train_to(qtbot, window, 3)  # trains all the same
    assert window.files.indicator.text() == "Autosave off"
    window.close()


def test_a_read_only_data_folder_is_said_and_its_autosave_still_offered(
    qtbot, tmp_path, monkeypatch
):
    data = tmp_path / "data"
    data.mkdir()
    steps = _run_in(data, f"autosave{RUN_SUFFIX}", 6)
    _lock_of_a_dead_window(data / "window.lock")
    os.chmod(data, 0o555)
    real = os.open

    def read_only(path, flags, *args):  # what a read-only folder answers (root ignores chmod)
        if flags & os.O_CREAT and Path(path).parent == data:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("config", QUICK.to_json())
        window = MainWindow(settings=settings, data_dir=data)
        qtbot.addWidget(window)
        asked = []
        window.ask_restore = lambda step: asked.append(step) or True
        qtbot.waitUntil(lambda: bool(asked), timeout=5000)
        assert asked == [steps] and shown(qtbot, window).step == steps
        assert window.files.indicator.text() == "Autosave off"
        assert window.files.indicator.toolTip() == (
            f"Autosave is off: the folder {data} cannot be written to: permission denied"
        )
        window.close()
    finally:
        os.chmod(data, 0o755)


def test_an_autosave_that_fails_is_said_until_one_works_again(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path)
    step = _train_to(qtbot, window, 5)
    autosave = window.files.autosave_path
    qtbot.waitUntil(lambda: _autosave_step(autosave) == step, timeout=10_000)

    def read_only(path, *args):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(files_module, "save_run", read_only)
    step = _train_to(qtbot, window, step + 3)
    qtbot.waitUntil(lambda: window.files.indicator.text() == "Autosave failed", timeout=10_000)
    assert "the disk is read-only" in window.files.indicator.toolTip()
    assert "Autosave failed: the disk is read-only" == window.statusBar().currentMessage()
    monkeypatch.undo()
    step = _train_to(qtbot, window, step + 3)
    qtbot.waitUntil(lambda: _autosave_step(autosave) == step, timeout=10_000)
    assert window.files.indicator.text() == f"Autosave: autosave{RUN_SUFFIX}"
    window.close()


APP_DRIVER = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from lstm_studio.app import run_window
    from lstm_studio.ui.files import data_folder
    from lstm_studio.ui.main_window import MainWindow
    app = QApplication([])

    def window():
        return next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))

    def trained():  # polled: say so once a few steps are done
        last = window().session.last
        if last is not None and last.step >= 20:
            poll.stop()
            print(last.step, data_folder(), sep="\\t", flush=True)

    QTimer.singleShot(0, lambda: window().train_action.trigger())
    poll = QTimer(interval=20, timeout=trained)
    poll.start()
    sys.exit(run_window(["lstm-studio"]))
    """
)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_window_stopped_by_sigterm_or_sighup_saves_its_run_and_exits(tmp_path, name):
    signum = getattr(signal, name)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "share"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "LSTM_STUDIO_AUTOSAVE_S": "3600",  # only the close can have saved it
        "LSTM_STUDIO_LANG": "en",
    }
    (tmp_path / "driver.py").write_text(APP_DRIVER)
    child = subprocess.Popen(
        [sys.executable, str(tmp_path / "driver.py")],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        step, folder = child.stdout.readline().rstrip("\n").split("\t")
        child.send_signal(signum)
        assert child.wait(60) == 128 + signum
    finally:
        child.kill()
        child.stdout.close()
    assert _autosave_step(Path(folder) / f"autosave{RUN_SUFFIX}") >= int(step)
    assert not (Path(folder) / "window.lock").exists()  # a clean close: nothing to offer


def test_a_window_closed_while_it_offers_an_autosave_offers_it_again_next_time(qtbot, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    steps = _run_in(data, f"autosave{RUN_SUFFIX}", 4)
    _lock_of_a_dead_window(data / "window.lock")
    asked = []

    def closed_meanwhile(step):  # a SIGTERM while the question is open closes the window
        asked.append(step)
        window.close()
        return False

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("config", QUICK.to_json())
    window = MainWindow(settings=settings, data_dir=data)
    qtbot.addWidget(window)
    window.ask_restore = closed_meanwhile
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    again = _window(qtbot, tmp_path, name="t.ini", restore=lambda step: asked.append(step) or True)
    qtbot.waitUntil(lambda: again.session.last.step == steps, timeout=10_000)
    assert asked == [steps, steps]
    again.close()


def test_steps_taken_while_paused_are_autosaved(qtbot, tmp_path):
    """S, S, S: the state stays "paused" across the steps, and the save on pause saw step 0
    (the first step's result comes after it): the steps were never autosaved, and a
    killed window lost them (seen as a user)."""
    window = _window(qtbot, tmp_path)
    path = window.files.autosave_path
    for n in (1, 2, 3):
        window.step_action.trigger()
        qtbot.waitUntil(lambda n=n: window.session.last.step == n, timeout=5000)
    qtbot.waitUntil(lambda: path.exists() and open_run(path).step == 3, timeout=5000)
    assert window.files.saved_step == 3
    window.close()
