"""The training process against what a user's machine may hold: planted modules in the
current folder or on PYTHONPATH, a child that stops answering (issue 14)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

import lstm_studio
from lstm_studio.training import TrainConfig
from lstm_studio.training.commands import Resume
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
