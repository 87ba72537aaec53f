"""The training process against what a user's machine may hold: planted modules in the
current folder or on PYTHONPATH, a child that stops answering (issue 14)."""

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

import lstm_studio
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.training.commands import Resume, SetLr, Step
from lstm_studio.training.remote import _LOAD, Ended, Ready, TrainingProcess, Update, child_command

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, steps=100_000)

PLANTED = ("numpy.py", "lstm_studio/__init__.py", "sitecustomize.py", "usercustomize.py")


def _plant(folder: Path, markers: Path, tag: str) -> None:
    """Modules in ``folder`` that write a marker into ``markers`` when they run."""
    for name in PLANTED:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        marker = markers / f"{tag}-{name.replace('/', '-')}"
        path.write_text(f"open({str(marker)!r}, 'w').close()\n")


def _shadowing_machine(tmp_path, monkeypatch) -> Path:
    """A current folder, a PYTHONPATH folder, a PYTHONSTARTUP file and a user
    site-packages, each holding modules that would shadow the app's; returns the folder
    their markers go to."""
    markers = tmp_path / "markers"
    markers.mkdir()
    cwd, on_path, home = tmp_path / "cwd", tmp_path / "pythonpath", tmp_path / "home"
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    user_site = home / ".local" / "lib" / version / "site-packages"
    for folder, tag in ((cwd, "cwd"), (on_path, "pythonpath"), (user_site, "usersite")):
        folder.mkdir(parents=True)
        _plant(folder, markers, tag)
    startup = tmp_path / "startup.py"
    startup.write_text(f"open({str(markers / 'startup')!r}, 'w').close()\n")
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("PYTHONPATH", str(on_path))
    monkeypatch.setenv("PYTHONSTARTUP", str(startup))
    monkeypatch.setenv("PYTHONUSERBASE", str(home / ".local"))
    monkeypatch.setenv("HOME", str(home))
    return markers


def test_nothing_in_the_current_folder_or_the_environment_runs_in_the_child(tmp_path, monkeypatch):
    markers = _shadowing_machine(tmp_path, monkeypatch)
    child = TrainingProcess()
    try:
        assert child.recv() == Ready()
        child.open(1, QUICK.replace(steps=20))
        child.send(1, Resume())
        snaps = []
        while not isinstance(message := child.recv(), Ended):
            if isinstance(message, Update):
                snaps.append(message.snapshot)
        assert snaps[-1].status == "finished" and snaps[-1].step == 20
    finally:
        child.close()
    assert sorted(os.listdir(markers)) == []


def test_the_child_runs_the_windows_own_copy_of_lstm_studio(tmp_path, monkeypatch):
    """As installed from a wheel (a copy in some site-packages) or editable (the source
    folder): the copy the window runs is the one the child imports, and NumPy is the
    environment's."""
    markers = _shadowing_machine(tmp_path, monkeypatch)
    source = Path(lstm_studio.__file__).parent
    copy = tmp_path / "wheel" / "lstm_studio"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    program = _LOAD + (
        "import numpy, lstm_studio.training.remote as r; print(r.__file__); print(numpy.__file__)"
    )
    for package, expected in ((copy, copy), (None, source)):
        done = subprocess.run(
            child_command(program, package), capture_output=True, text=True, check=True
        )
        remote, numpy_file = done.stdout.splitlines()
        assert Path(remote).resolve() == (expected / "training" / "remote.py").resolve()
        assert Path(numpy_file).resolve() == Path(np.__file__).resolve()
    assert sorted(os.listdir(markers)) == []


def _in_a_thread(call) -> threading.Thread:
    """``call`` on a thread of its own, started; its ``error`` attribute holds what it
    raised."""

    def run():
        try:
            call()
        except BaseException as e:  # noqa: BLE001 - handed to the test
            thread.error = e

    thread = threading.Thread(target=run, daemon=True)
    thread.error = None
    thread.start()
    return thread


def test_a_stopped_child_never_blocks_the_caller_and_goes_on_when_continued():
    """The window's calls (an opened run's arrays, many commands: far more than a pipe
    holds) return while the child is stopped; continued, it gets them all in order."""
    big = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, hidden_size=256)
    trainer = Trainer(big)
    trainer.train_step()
    arrays, meta = trainer.state()
    assert sum(a.nbytes for a in arrays.values()) > 1 << 20  # a pipe holds 64 KB
    child = TrainingProcess()
    try:
        assert child.recv() == Ready()
        os.kill(child.process.pid, signal.SIGSTOP)
        try:

            def window():
                child.open(1, big, {"kind": "restore", "arrays": arrays, "meta": meta})
                for k in range(20_000):
                    child.send(1, SetLr(1e-3 + k * 1e-9))
                child.send(1, Step(1))

            caller = _in_a_thread(window)
            caller.join(60)  # a hang detector, not a timing: before, it never returned
            assert not caller.is_alive() and caller.error is None
        finally:
            os.kill(child.process.pid, signal.SIGCONT)
        snaps = list(_until(child, 1, lambda s: s.step == 2))
        assert snaps[0].step == 1  # the restored run, then the single step
        assert snaps[-1].lr == pytest.approx(1e-3 + 19_999 * 1e-9)  # the last SetLr
        assert child.pending == 0
    finally:
        child.close()
    assert not child.alive


def test_closing_a_stopped_child_ends_it():
    child = TrainingProcess()
    assert child.recv() == Ready()
    os.kill(child.process.pid, signal.SIGSTOP)

    def window():
        for _ in range(10_000):
            child.send(1, SetLr(0.01))
        child.close(timeout=0.5)

    try:
        caller = _in_a_thread(window)
        caller.join(60)  # a hang detector
        assert not caller.is_alive() and caller.error is None
        assert not child.alive
        child.send(1, SetLr(0.01))  # ignored
        child._writer.join(60)
        assert not child._writer.is_alive()
    finally:
        child.process.kill()


def _until(child, rid, test):
    """The snapshots of run ``rid`` until one for which ``test`` holds."""
    while True:
        message = child.recv()
        if isinstance(message, Update) and message.rid == rid:
            yield message.snapshot
            if test(message.snapshot):
                return
