"""A learner's file is refused by its sizes before they cost memory: a text of too many
different characters, a CSV of too many columns or of one endless line; the message
gives the count and the limit (issue 14)."""

from __future__ import annotations

import pytest
from memory_helpers import peak_memory

from lstm_studio.tasks import datafiles, make_task, text
from lstm_studio.tasks.datafiles import DataFileError, read_numeric_csv


def test_a_text_of_too_many_different_characters_is_refused(tmp_path):
    chars = "".join(chr(0x4E00 + k) for k in range(text.MAX_VOCABULARY + 1))
    path = tmp_path / "vocab.txt"
    path.write_text(chars * 2, "utf-8")
    peak, error = peak_memory(lambda: make_task("own-data", path=str(path), kind="text"))
    assert isinstance(error, ValueError)
    assert "8,001 different characters" in str(error) and "8,000" in str(error), error
    assert peak < 20e6, peak  # a held-out batch of 8,001 one-hot inputs would be 260 MB


def test_the_vocabulary_limit_keeps_the_chinese_corpus():
    assert text.MAX_VOCABULARY >= 2 * 2144
    assert make_task("text", corpus="chinese").input_size == 2144


def test_a_csv_of_too_many_columns_is_refused_with_the_count(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text((",".join(["1"] * 1001) + "\n") * 70)
    with pytest.raises(DataFileError, match="1,001 columns") as caught:
        read_numeric_csv(path)
    assert "1,000" in str(caught.value) and caught.value.line == 1


def test_a_csv_with_a_header_of_too_many_columns_is_refused(tmp_path):
    path = tmp_path / "wide.csv"
    names = ",".join(f"c{k}" for k in range(2000))
    path.write_text(names + "\n" + (",".join(["1"] * 2000) + "\n") * 70)
    with pytest.raises(DataFileError, match="2,000 columns"):
        read_numeric_csv(path)


def test_one_endless_line_is_refused_before_it_is_split(tmp_path, monkeypatch):
    path = tmp_path / "line.csv"
    path.write_text("1\n2\n" + "0.5," * 200_000 + "0.5\n")
    peak, error = peak_memory(lambda: read_numeric_csv(path))
    assert isinstance(error, DataFileError)
    assert "line 3 is 800,003 characters long" in str(error), error
    assert "100,000" in str(error) and error.line == 3
    assert peak < 8e6, peak  # its 200,001 cells as strings would take 11 MB


def test_the_column_limit_leaves_room_for_real_tables():
    assert datafiles.MAX_COLUMNS >= 1000 and datafiles.MAX_LINE_CHARS >= 20 * 1000


def test_a_file_of_one_endless_line_is_refused_before_it_is_decoded(tmp_path, monkeypatch):
    path = tmp_path / "line.csv"
    path.write_text("0.5," * 200_000 + "0.5\n")
    decoded = []
    monkeypatch.setattr(datafiles, "_decode", lambda *a: decoded.append(a) or "")
    with pytest.raises(DataFileError, match="line 1 is 800,003 characters long"):
        read_numeric_csv(path)
    assert not decoded
    path.write_text("é," * 200_000 + "\n1\n", "utf-8")
    with pytest.raises(DataFileError, match="line 1 is 400,000 characters long"):
        read_numeric_csv(path)
