"""Atomic writes: the file is whole or not there, and nothing earlier is lost."""

import os

import pytest

from lstm_studio.io import atomic_write, write_text_atomic


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
