"""The CSV and text readers: what they accept, and errors that name the file, line and column."""

import os
import pickle

import numpy as np
import pytest

from lstm_studio.tasks import datafiles
from lstm_studio.tasks.datafiles import (
    DataFileError,
    NumericTable,
    read_numeric_csv,
    read_text,
    sniff_kind,
)


def _write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def _csv_error(tmp_path, content, name="data.csv", **kwargs):
    path = _write(tmp_path, name, content)
    with pytest.raises(DataFileError) as info:
        read_numeric_csv(path, **kwargs)
    message = str(info.value)
    assert name in message
    return info.value, message


def _text_error(tmp_path, content, name="story.txt", **kwargs):
    path = _write(tmp_path, name, content)
    with pytest.raises(DataFileError) as info:
        read_text(path, **kwargs)
    message = str(info.value)
    assert name in message
    return info.value, message


# ------------------------------------------------------------------------- CSV: happy paths
def test_comma_with_header(tmp_path):
    path = _write(tmp_path, "prices.csv", "time,price\n0,1.5\n1,-2\n2,3e2\n")
    table = read_numeric_csv(path)
    assert isinstance(table, NumericTable)
    assert table.columns == ("time", "price")
    assert table.path == str(path)
    assert table.values.dtype == np.float64
    assert table.values.shape == (3, 2)
    np.testing.assert_array_equal(table.values, [[0, 1.5], [1, -2], [2, 300]])


def test_no_header_names_columns(tmp_path):
    table = read_numeric_csv(_write(tmp_path, "a.csv", "1,2,3\n4,5,6\n"))
    assert table.columns == ("column 1", "column 2", "column 3")
    np.testing.assert_array_equal(table.values, [[1, 2, 3], [4, 5, 6]])


@pytest.mark.parametrize(
    "content",
    [
        "x;y\n1;2\n3;4\n",
        "x\ty\n1\t2\n3\t4\n",
        "x y\n1 2\n3 4\n",
        "x   y\n  1   2\n3\t 4  \n",  # runs of spaces and tabs
        "1;2\n3;4\n",
        "1\t2\n3\t4\n",
        "1 2\n3    4\n",
        " 1 , 2 \n3,4\n",
    ],
)
def test_each_delimiter(tmp_path, content):
    table = read_numeric_csv(_write(tmp_path, "d.csv", content))
    np.testing.assert_array_equal(table.values, [[1, 2], [3, 4]])
    if content[0] == "x":
        assert table.columns == ("x", "y")


def test_single_column(tmp_path):
    table = read_numeric_csv(_write(tmp_path, "one.txt", "level\n3\n1\n4\n1\n5\n"))
    assert table.columns == ("level",)
    assert table.values.shape == (5, 1)
    np.testing.assert_array_equal(table.values[:, 0], [3, 1, 4, 1, 5])


def test_number_forms(tmp_path):
    content = "1e-3,  2 ,-0.5,+3,.25,1E+2,7.\n0,0,0,0,0,0,0\n"
    table = read_numeric_csv(_write(tmp_path, "n.csv", content))
    np.testing.assert_array_equal(table.values[0], [1e-3, 2, -0.5, 3, 0.25, 100, 7])


def test_bom_crlf_comments_and_blank_lines(tmp_path):
    content = (
        "\ufeff# made by a logger\r\n\r\na,b\r\n# units: m, s\r\n1,2\r\n\r\n3,4\r\n  # end\r\n"
    )
    table = read_numeric_csv(_write(tmp_path, "log.csv", content))
    assert table.columns == ("a", "b")
    np.testing.assert_array_equal(table.values, [[1, 2], [3, 4]])


def test_old_mac_line_ends(tmp_path):
    table = read_numeric_csv(_write(tmp_path, "mac.csv", "a,b\r1,2\r3,4\r"))
    np.testing.assert_array_equal(table.values, [[1, 2], [3, 4]])
    _, message = _csv_error(tmp_path, "a,b\r1,2\r3,x\r")
    assert "line 3, column 2" in message


def test_bom_without_header(tmp_path):
    table = read_numeric_csv(_write(tmp_path, "b.csv", "\ufeff1,2\n3,4\n"))
    assert table.columns == ("column 1", "column 2")
    np.testing.assert_array_equal(table.values, [[1, 2], [3, 4]])


def test_quoted_header_and_quoted_numbers(tmp_path):
    content = '"time","price, USD",""\n"1","2.5",3\n4,5,6\n'
    table = read_numeric_csv(_write(tmp_path, "q.csv", content))
    assert table.columns == ("time", "price, USD", "column 3")
    np.testing.assert_array_equal(table.values, [[1, 2.5, 3], [4, 5, 6]])


def test_quoted_header_with_spaces_on_whitespace_delimiter(tmp_path):
    table = read_numeric_csv(_write(tmp_path, "w.dat", '"air temp" "sea temp"\n1 2\n3 4\n'))
    assert table.columns == ("air temp", "sea temp")


def test_rows_of_empty_cells_are_skipped(tmp_path):
    table = read_numeric_csv(_write(tmp_path, "x.csv", "a,b\n1,2\n,\n3,4\n,,,\n"))
    np.testing.assert_array_equal(table.values, [[1, 2], [3, 4]])
    table = read_numeric_csv(_write(tmp_path, "y.csv", ";;\n,,\n1,2\n3,4\n"))
    assert table.columns == ("column 1", "column 2")
    np.testing.assert_array_equal(table.values, [[1, 2], [3, 4]])


def test_unicode_header_and_path_object(tmp_path):
    path = _write(tmp_path, "温度.csv", "温度,湿度\n1,2\n3,4\n")
    table = read_numeric_csv(path)
    assert table.columns == ("温度", "湿度")
    assert table.path == os.fspath(path)
    assert read_numeric_csv(str(path)).columns == table.columns


def test_large_file_round_trip(tmp_path):
    values = np.random.default_rng(0).standard_normal((2000, 5))
    path = tmp_path / "big.csv"
    with open(path, "w") as f:
        f.write("a,b,c,d,e\n")
        f.writelines(",".join(repr(float(v)) for v in row) + "\n" for row in values)
    table = read_numeric_csv(path)
    np.testing.assert_array_equal(table.values, values)  # repr round-trips exactly
    assert table.values.flags.c_contiguous


def test_min_rows_is_inclusive(tmp_path):
    path = _write(tmp_path, "r.csv", "v\n1\n2\n3\n")
    assert read_numeric_csv(path, min_rows=3).values.shape == (3, 1)


# ------------------------------------------------------------------------------ CSV: errors
def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match=r"nope\.csv was not found") as info:
        read_numeric_csv(tmp_path / "nope.csv")
    assert isinstance(info.value, ValueError)
    assert info.value.path == str(tmp_path / "nope.csv")


def test_directory(tmp_path):
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(DataFileError, match=r"folder\.csv is a folder, not a file"):
        read_numeric_csv(tmp_path / "folder.csv")


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (PermissionError(13, "Permission denied"), "can't be read: permission denied"),
        (OSError(5, "Input/output error"), "can't be read: a read or write error of the disk"),
        (OSError(6, "No such device or address"), "can't be read: No such device or address"),
    ],
)
@pytest.mark.parametrize("reader", [read_numeric_csv, read_text])
def test_os_errors_are_wrapped(tmp_path, monkeypatch, reader, exc, words):
    path = _write(tmp_path, "disk.csv", "1\n2\n")

    def failing_open(*args, **kwargs):
        raise exc

    monkeypatch.setattr(datafiles, "open_regular", failing_open)
    with pytest.raises(DataFileError, match=f"disk.csv {words}"):
        reader(path)


@pytest.mark.parametrize("content", ["", "\n\n  \n", "# only\n\n#comments\n", "\ufeff"])
def test_empty(tmp_path, content):
    _, message = _csv_error(tmp_path, content)
    assert "is empty" in message


def test_header_only(tmp_path):
    _, message = _csv_error(tmp_path, "a,b\n\n")
    assert "0 data rows" in message and "at least 2 are needed" in message


def test_nul_byte_is_binary(tmp_path):
    error, message = _csv_error(tmp_path, b"1,2\n3,\x004\n")
    assert "not a text file" in message
    assert "byte offset 6" in message and "NUL" in message
    assert error.line == 2


def test_invalid_utf8_is_binary(tmp_path):
    _, message = _csv_error(tmp_path, b"\xef\xbb\xbfa,b\n1,\xe92\n")  # offset counts the BOM
    assert "not a text file" in message
    assert "byte offset 9" in message and "0xE9" in message and "line 2" in message


def test_utf16_gets_a_hint(tmp_path):
    _, message = _csv_error(tmp_path, "a,b\n1,2\n".encode("utf-16"))
    assert "not a text file" in message and "byte offset 0" in message and "UTF-16" in message


def test_png_is_binary(tmp_path):
    _, message = _csv_error(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00", name="photo.csv")
    assert "not a text file" in message and "byte offset 0" in message


def test_ragged_row(tmp_path):
    content = "# two columns\na,b\n1,2\n3,4\n\n5,6\n7,8,9\n"
    error, message = _csv_error(tmp_path, content)
    assert "line 7 has 3 values, expected 2 like line 3" in message
    assert error.line == 7


def test_short_row(tmp_path):
    _, message = _csv_error(tmp_path, "1 2 3\n4 5 6\n7 8\n")
    assert "line 3 has 2 values, expected 3 like line 1" in message


def test_header_of_wrong_length(tmp_path):
    _, message = _csv_error(tmp_path, "a,b,c\n1,2\n3,4\n")
    assert "line 1 (the header) has 3 names, expected 2 like line 2" in message


def test_non_numeric_cell(tmp_path):
    error, message = _csv_error(tmp_path, "a,b\n1,2\n3,4\n5,abc\n")
    assert "line 4, column 2: 'abc' is not a number" in message
    assert (error.line, error.column) == (4, 2)


def test_second_header_is_not_a_number(tmp_path):
    _, message = _csv_error(tmp_path, "a,b\n1,2\na,b\n3,4\n")
    assert "line 3, column 1: 'a' is not a number" in message


def test_decimal_comma_gets_a_hint(tmp_path):
    _, message = _csv_error(tmp_path, "x;y\n1;2\n1,5;2\n")
    assert "line 3, column 1: '1,5' is not a number" in message
    assert "point" in message


def test_decimal_comma_without_header(tmp_path):
    _, message = _csv_error(tmp_path, "1,5;2,5\n3,5;4,5\n")
    assert "line 1, column 1: '1,5' is not a number" in message and "point" in message


@pytest.mark.parametrize("cell", ["nan", "NaN", "inf", "-inf", "Infinity"])
def test_non_finite_cell(tmp_path, cell):
    error, message = _csv_error(tmp_path, f"a,b\n1,2\n3,4\n\n5,{cell}\n6,7\n")
    assert f"line 5, column 2: '{cell}' is not a finite number" in message
    assert "NaN or infinity" in message
    assert (error.line, error.column) == (5, 2)


def test_non_finite_on_first_line_is_data_not_header(tmp_path):
    _, message = _csv_error(tmp_path, "nan 1\n2 3\n")
    assert "line 1, column 1: 'nan' is not a finite number" in message


def test_first_problem_in_file_order(tmp_path):
    _, message = _csv_error(tmp_path, "1,2\n3,inf\n5,x\n")  # the NaN check runs last
    assert "line 2, column 2" in message


@pytest.mark.parametrize(
    ("content", "line", "column"),
    [("1,2\n3,\n", 2, 2), ("1,2\n,4\n", 2, 1), ("1,,3\n4,5,6\n", 1, 2), ('1,2\n3,""\n', 2, 2)],
)
def test_empty_cell(tmp_path, content, line, column):
    error, message = _csv_error(tmp_path, content)
    assert f"line {line}, column {column} is empty" in message
    assert "missing value" in message
    assert (error.line, error.column) == (line, column)


def test_trailing_delimiter_gets_a_hint(tmp_path):
    _, message = _csv_error(tmp_path, "1,2,\n3,4,\n")
    assert "line 1, column 3 is empty" in message and "commas too many" in message


def test_too_few_rows(tmp_path):
    _, message = _csv_error(tmp_path, "a\n1\n2\n3\n", min_rows=12)
    assert "has 3 data rows; at least 12 are needed" in message


def test_too_few_rows_default(tmp_path):
    _, message = _csv_error(tmp_path, "1,2\n")
    assert "has 1 data row; at least 2 are needed" in message


def test_too_big(tmp_path):
    _, message = _csv_error(tmp_path, "1,2\n3,4\n5,6\n", max_bytes=10)
    assert "too big" in message and "12 bytes" in message and "10 bytes" in message


def test_error_pickles(tmp_path):
    error, message = _csv_error(tmp_path, "1,2\n3,x\n")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == message and (copy.path, copy.line, copy.column) == (error.path, 2, 2)


# -------------------------------------------------------------------------------------- text
def test_text_round_trip_chinese(tmp_path):
    text = "床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。\n"
    path = tmp_path / "静夜思.txt"
    path.write_text(text, encoding="utf-8")
    assert read_text(path) == text


def test_text_bom_and_line_ends(tmp_path):
    path = _write(tmp_path, "s.txt", "\ufeffone\r\ntwo\rthree\n")
    assert read_text(path) == "one\ntwo\nthree\n"


def test_text_keeps_whitespace(tmp_path):
    path = _write(tmp_path, "s.txt", "  a b\n\n")
    assert read_text(path) == "  a b\n\n"


def test_text_min_chars_is_inclusive(tmp_path):
    assert read_text(_write(tmp_path, "s.txt", "abc"), min_chars=3) == "abc"


def test_text_missing(tmp_path):
    with pytest.raises(DataFileError, match=r"gone\.txt was not found"):
        read_text(tmp_path / "gone.txt")


def test_text_directory(tmp_path):
    (tmp_path / "books").mkdir()
    with pytest.raises(DataFileError, match=r"books is a folder"):
        read_text(tmp_path / "books")


@pytest.mark.parametrize("content", ["", " \n\t\r\n", "\ufeff"])
def test_text_empty(tmp_path, content):
    _, message = _text_error(tmp_path, content)
    assert "is empty" in message


def test_text_nul_byte(tmp_path):
    error, message = _text_error(tmp_path, b"hello\nwor\x00ld")
    assert "not a text file" in message and "byte offset 9" in message and "NUL" in message
    assert error.line == 2


def test_text_invalid_utf8(tmp_path):
    _, message = _text_error(tmp_path, "café".encode("latin-1"))
    assert "not a text file" in message and "byte offset 3" in message and "UTF-8" in message


def test_text_cut_multibyte_character(tmp_path):
    _, message = _text_error(tmp_path, "ab中".encode()[:-1])
    assert "byte offset 2" in message


def test_text_too_short(tmp_path):
    _, message = _text_error(tmp_path, "月", min_chars=40)
    assert "has 1 character" in message and "at least 40 are needed" in message


def test_text_too_big(tmp_path):
    _, message = _text_error(tmp_path, "x" * 2500, max_bytes=2000)
    assert "too big" in message and "2.5 kB" in message and "2 kB" in message


# ------------------------------------------------------------------------------------- sniff
@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.csv", "csv"), ("a.TSV", "csv"), ("a.txt", "text"), ("notes.MD", "text")],
)
def test_sniff_by_extension(tmp_path, name, kind):
    # the content says the opposite; the extension wins, and the file need not exist
    assert sniff_kind(tmp_path / name) == kind


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("1,2\n3,4\n", "csv"),
        ("\n# comment\n1;2\n", "csv"),
        ("1\t2\n", "csv"),
        ("  1.5   -2e3  \n", "csv"),
        ("42\n", "csv"),
        ("time,value\n1,2\n", "csv"),  # a header over numbers
        ("\ufeffa b c\n1 2 3\n", "csv"),
        ("x,y\r1,2\r", "csv"),
        ("Once upon a time\nthere were 2 bears\n", "text"),
        ("Chapter 1\n1 2\n", "text"),  # a header has no numbers in it
        ("Hello there\n", "text"),
        ("床前明月光\n", "text"),
        ("", "text"),
        (b"\x89PNG\r\n\x1a\n", "text"),
    ],
)
def test_sniff_by_content(tmp_path, content, kind):
    assert sniff_kind(_write(tmp_path, "data.dat", content)) == kind
    assert sniff_kind(_write(tmp_path, "noext", content)) == kind


def test_sniff_missing(tmp_path):
    with pytest.raises(DataFileError, match=r"gone\.dat was not found"):
        sniff_kind(tmp_path / "gone.dat")


def test_a_date_column_gets_a_hint(tmp_path):
    _, message = _csv_error(tmp_path, "date,price\n2024-01-01,3.5\n2024-01-02,3.7\n")
    assert "line 2, column 1: '2024-01-01' is not a number" in message
    assert "delete that column" in message
    assert "delete that column" not in _csv_error(tmp_path, "a,b\n1,2\nabc,3\n")[1]


# ------------------------------------------------- quoted fields (issue 19, item 7)
def test_quoted_field_with_the_delimiter_inside_is_one_cell(tmp_path):
    # a spreadsheet export: "1,000.5" is one cell, not two, and the header is not to blame
    error, message = _csv_error(tmp_path, 'a,b\n1,2\n"1,000.5",2\n')

    assert (error.line, error.column) == (3, 1)
    assert "header" not in message and "'1,000.5'" in message
    assert "thousands" in message and "1000.5" in message


def test_thousands_separator_hint_without_header(tmp_path):
    error, message = _csv_error(tmp_path, '1,2\n3,4\n"12,345,678",5\n')

    assert (error.line, error.column) == (3, 1)
    assert "12345678" in message and "thousands" in message


def test_quoted_numbers_keep_line_and_column_after_a_quoted_cell(tmp_path):
    error, message = _csv_error(tmp_path, 'a,b,c\n"1.5","2",3\n"x,y",2,"oops"\n')

    assert (error.line, error.column) == (3, 1)
    assert "'x,y'" in message and "thousands" not in message


def test_quoted_fields_holding_the_delimiter_are_read(tmp_path):
    path = _write(tmp_path, "data.csv", 'name;value\n"1";"2.5"\n"3"; "4"\n')

    table = read_numeric_csv(path)

    np.testing.assert_array_equal(table.values, [[1.0, 2.5], [3.0, 4.0]])


def test_row_with_a_quoted_delimiter_counts_its_cells_right(tmp_path):
    error, message = _csv_error(tmp_path, 'a,b\n1,2\n"3,4"\n')

    assert error.line == 3
    assert "1 value" in message and "expected 2" in message


def test_quoted_thousands_on_the_first_line_is_not_a_header(tmp_path):
    error, message = _csv_error(tmp_path, '"1,000.5",2\n3,4\n5,6\n')

    assert (error.line, error.column) == (1, 1)
    assert "1000.5" in message


def test_the_issue_case_blames_the_cell_not_the_header(tmp_path):
    error, message = _csv_error(tmp_path, 'a,b\n"1,000.5",2\n3,4\n')

    assert (error.line, error.column) == (2, 1)
    assert "header" not in message and "1000.5" in message
