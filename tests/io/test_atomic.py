"""Atomic writes: the file is whole or not there, and nothing earlier is lost."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from lstm_studio.io import atomic_write, remove_stale_temps, write_bytes_atomic, write_text_atomic


def test_a_written_file_holds_exactly_the_text(tmp_path):
    path = tmp_path / "table.csv"
    write_text_atomic(path, "cell,steps\nlstm,3\n中文\n")
    assert path.read_text("utf-8") == "cell,steps\nlstm,3\n中文\n"
    assert os.listdir(tmp_path) == ["table.csv"]


def test_an_error_midway_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(path) as f:
        f.write(b"half of the new")
        raise RuntimeError("the disk is full")
    assert path.read_text() == "old" and os.listdir(tmp_path) == ["table.csv"]


def test_a_folder_or_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(IsADirectoryError, match="it is a folder"):
        write_text_atomic(tmp_path, "x")
    with pytest.raises(OSError, match="cannot create .* in the folder"):
        write_text_atomic(tmp_path / "missing" / "t.csv", "x")
    (tmp_path / "notes").write_text("a file where a folder is expected")
    with pytest.raises(NotADirectoryError) as e:
        write_text_atomic(tmp_path / "notes" / "t.csv", "x")
    assert str(e.value).endswith("notes is a file, not a folder")  # one sentence, no errno


def test_a_read_only_folder_is_a_clear_error(tmp_path, monkeypatch):
    real = os.open

    def read_only(path, flags, *args):  # what a read-only folder answers (root ignores chmod)
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", path)
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(PermissionError, match="cannot create .* in the folder"):
        write_text_atomic(tmp_path / "t.csv", "x")
    assert os.listdir(tmp_path) == []


KILLED_WRITER = """
import sys
from lstm_studio.io import atomic_write
with atomic_write(sys.argv[1]) as f:
    f.write(b"x" * 1_000_000)
    f.flush()
    print("writing", flush=True)
    sys.stdin.read()  # killed here, halfway through the write
"""


def _killed_writer(path):
    """A process killed while it writes ``path``: its temporary file stays behind."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert child.stdout.readline() == b"writing\n"
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    child.stdin.close()
    child.stdout.close()
    return child.pid


def test_a_killed_writer_s_temporary_file_is_removed_by_the_next_write(tmp_path):
    path = tmp_path / "autosave.lstmrun"
    pid = _killed_writer(path)
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and f".{pid}." in left[0]  # says whose it is
    assert (tmp_path / left[0]).stat().st_size == 1_000_000
    (tmp_path / "other.csv").write_text("not ours")
    write_bytes_atomic(path, b"the run")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["autosave.lstmrun", "other.csv"]


def test_stale_temporary_files_of_dead_processes_go_and_live_ones_stay(tmp_path):
    dead = _killed_writer(tmp_path / "a.lstmrun")
    live = tmp_path / f".b.lstmrun.{os.getpid()}.0123456789ab.tmp"  # being written now
    live.write_bytes(b"in use")
    lookalike = tmp_path / ".c.lstmrun.notapid.0123456789ab.tmp"
    lookalike.write_bytes(b"someone else's")
    removed = remove_stale_temps(tmp_path)
    assert len(removed) == 1 and removed[0].name.startswith(f".a.lstmrun.{dead}.")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, lookalike.name])
    assert remove_stale_temps(tmp_path / "missing") == []
