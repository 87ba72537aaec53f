"""Every kind of file the app reads, mutated a few hundred ways: each is either read whole
or refused with the module's own error that names it; never a crash, never another
exception, never a change to what was there before."""

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from lstm_studio.io import NpzError, load_npz, save_npz, save_trainer
from lstm_studio.io.safetensors import SafetensorsError, load_safetensors, save_safetensors
from lstm_studio.tasks.datafiles import DataFileError, read_numeric_csv, read_text
from lstm_studio.training import TrainConfig, Trainer

CONFIG = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, hidden_size=8)


def mutations(good: bytes, n: int, seed: int):
    """Truncations, flipped bytes, inserted and deleted runs, and pure noise."""
    rng = np.random.default_rng(seed)
    for k in range(n):
        data = bytearray(good)
        kind = k % 5
        if kind == 0 and data:
            yield bytes(data[: int(rng.integers(0, len(data)))])
            continue
        if kind == 1:
            for _ in range(int(rng.integers(1, 8))):
                data[int(rng.integers(0, len(data)))] = int(rng.integers(0, 256))
        elif kind == 2:
            at = int(rng.integers(0, len(data) + 1))
            data[at:at] = rng.integers(0, 256, int(rng.integers(1, 40))).astype(np.uint8).tobytes()
        elif kind == 3:
            at = int(rng.integers(0, len(data)))
            del data[at : at + int(rng.integers(1, 40))]
        else:
            data = bytearray(rng.integers(0, 256, int(rng.integers(0, 300))).astype(np.uint8))
        yield bytes(data)


def test_config_json(tmp_path):
    good = CONFIG.to_json().encode()
    read = 0
    for data in mutations(good, 400, 1):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # the window reads settings as text; bytes that are not text never arrive
        try:
            config = TrainConfig.from_json(text)
        except ValueError as e:
            assert str(e)
        else:
            read += 1
            assert TrainConfig.from_json(config.to_json()) == config  # whole and valid
    for text in ("[" * 100_000, '{"task": 1e999}', '{"steps": -1}', "null", '"x"', "{}"):
        try:
            TrainConfig.from_json(text)
        except ValueError:
            pass


def test_csv_and_text_data_files(tmp_path):
    csv = ("a,b\n" + "\n".join(f"{np.sin(k / 5):.4f},{k}" for k in range(80)) + "\n").encode()
    text = ("Shall I compare thee to a summer's day?\n" * 20 + "春眠不觉晓\n").encode("utf-8")
    path = tmp_path / "data"
    for good, reader, n in ((csv, read_numeric_csv, 300), (text, read_text, 200)):
        for data in mutations(good, n, 2):
            path.write_bytes(data)
            try:
                reader(str(path))
            except DataFileError as e:
                assert "data" in str(e)


def test_safetensors_and_npz_weights(tmp_path):
    trainer = Trainer(CONFIG)
    state = trainer.model.state_dict()
    save_safetensors(tmp_path / "w.safetensors", state, {"config": CONFIG.to_json()})
    save_npz(tmp_path / "w.npz", state, CONFIG)
    bad = tmp_path / "bad"
    for suffix, load, error in (
        (".safetensors", load_safetensors, SafetensorsError),
        (".npz", load_npz, NpzError),
    ):
        good = (tmp_path / f"w{suffix}").read_bytes()
        for data in mutations(good, 300, 3):
            bad.write_bytes(data)
            try:
                arrays, _ = load(bad)
            except error as e:
                assert "bad" in str(e)
            else:
                assert all(isinstance(v, np.ndarray) for v in arrays.values())


@pytest.fixture
def window(qtbot, tmp_path):
    from lstm_studio.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", CONFIG.to_json())
    w = MainWindow(settings=settings, data_dir=tmp_path / "data")
    qtbot.addWidget(w)
    w.files._fail = lambda message: setattr(w.files, "last_error", message)  # no boxes
    qtbot.waitUntil(lambda: w.session.last is not None, timeout=10_000)  # the model, shown
    yield w
    w.close()


def test_the_window_refuses_damaged_runs_and_weights_and_keeps_its_model(window, tmp_path, qtbot):
    trainer = Trainer(CONFIG)
    for _ in range(3):
        trainer.train_step()
    save_trainer(tmp_path / "good.lstmrun", trainer)
    save_safetensors(tmp_path / "good.safetensors", trainer.model.state_dict(), {})
    session, last = window.session, window.session.last
    asked = []
    window.ask = lambda *a, **k: asked.append(a)  # nothing may reach the model
    opened = 0
    for suffix, n in ((".lstmrun", 150), (".safetensors", 150)):
        good = (tmp_path / f"good{suffix}").read_bytes()
        for data in mutations(good, n, 4):
            path = tmp_path / f"bad{suffix}"
            path.write_bytes(data)
            window.files.last_error = ""
            if suffix == ".lstmrun":
                window.confirm_discard = lambda step, why="": True
                ok = window.files.open_run(str(path))
            else:
                ok = window.files.import_weights(str(path))
            if ok:
                opened += 1
                qtbot.waitUntil(lambda: window.session.last is not None, timeout=10_000)
                session, last = window.session, window.session.last
                continue
            assert "bad" in window.files.last_error
            assert window.session is session and window.session.last is last
    assert opened < 40  # most mutations break the file
    assert all(a[0] == "load_weights" for a in asked)  # only whole, fitting weights went
