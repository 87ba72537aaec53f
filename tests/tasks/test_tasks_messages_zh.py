"""The tasks' messages speak the user's language: in Chinese, the errors of the data files
and of the task parameters, and the ``lstm-studio tasks`` listing, have no English left
but the names a learner types (task keys, parameter names, cells), and still name the file
and the line; in English they read as before."""

import errno
import io
import re

import pytest
from english_words import english_words

from lstm_studio import cli, translations
from lstm_studio.tasks import TASKS, DataFileError, datafiles, make_task
from lstm_studio.tasks.datafiles import read_numeric_csv, read_text, sniff_kind

HAN = re.compile("[\u4e00-\u9fff]")


def _write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _csv(name, content, **kwargs):
    return lambda tmp_path, mp: read_numeric_csv(_write(tmp_path, name, content), **kwargs)


def _text(name, content, **kwargs):
    return lambda tmp_path, mp: read_text(_write(tmp_path, name, content), **kwargs)


def _folder(tmp_path, mp):
    (tmp_path / "books.txt").mkdir()
    return read_text(tmp_path / "books.txt")


def _os_error(exc):
    def provoke(tmp_path, mp):
        path = _write(tmp_path, "disk.csv", "1\n2\n")

        def failing_open(*args, **kwargs):
            raise exc

        mp.setattr(datafiles, "open_regular", failing_open)
        return read_numeric_csv(path)

    return provoke


def _own(name, content, **params):
    return lambda tmp_path, mp: make_task(
        "own-data", path=str(_write(tmp_path, name, content)), **params
    )


def _task(name, **params):
    return lambda tmp_path, mp: make_task(name, **params)


def _generate(**kwargs):
    return lambda tmp_path, mp: make_task("text").generate(None, **kwargs)


# (what goes wrong, file named in the message, its line, names kept as they are, a piece
# of the English message). The names: the task keys, parameter names and values a learner
# types on the command line stay untranslated, so they are removed before looking for
# English words.
# fmt: off
CASES = [
    ("missing", lambda t, mp: read_numeric_csv(t / "missing.csv"),
     "missing.csv", None, (), "missing.csv was not found"),
    ("missing-sniffed", lambda t, mp: sniff_kind(t / "gone.dat"),
     "gone.dat", None, (), "gone.dat was not found"),
    ("folder", _folder, "books.txt", None, (), "books.txt is a folder, not a file"),
    ("permission", _os_error(PermissionError(errno.EACCES, "Permission denied")),
     "disk.csv", None, (), "can't be read: permission denied"),
    ("disk", _os_error(OSError(errno.EIO, "Input/output error")),
     "disk.csv", None, (), "can't be read: a read or write error of the disk"),
    ("too-big", _csv("big.csv", "1,2\n3,4\n5,6\n", max_bytes=10),
     "big.csv", None, (), "too big: 12 bytes"),
    ("too-big-kb", _text("big.txt", "x" * 2500, max_bytes=2000),
     "big.txt", None, (), "2.5 kB"),
    ("empty", _csv("empty.csv", ""), "empty.csv", None, (), "empty.csv is empty"),
    ("comments-only", _csv("notes.csv", "# nothing yet\n\n"),
     "notes.csv", None, (), "only blank lines or # comments"),
    ("whitespace-only", _text("blank.txt", " \n\t\n"),
     "blank.txt", None, (), "only whitespace"),
    ("not-utf8", _text("cafe.txt", "hello\ncafé".encode("latin-1")),
     "cafe.txt", 2, (), "not a text file (or not UTF-8)"),
    ("nul-byte", _csv("nul.csv", b"1,2\n3,\x004\n"), "nul.csv", 2, (), "a NUL byte"),
    ("utf-16", _csv("wide.csv", "a,b\n1,2\n".encode("utf-16")),
     "wide.csv", 1, (), "it looks like UTF-16 text"),
    ("not-a-number", _csv("prices.csv", "a,b\n1,2\n3,abc\n"),
     "prices.csv", 3, ("abc",), "line 3, column 2: 'abc' is not a number"),
    ("decimal-comma", _csv("euro.csv", "x;y\n1;2\n1,5;2\n"),
     "euro.csv", 3, (), "write decimals with a point"),
    ("nan", _csv("nan.csv", "a,b\n1,2\n3,nan\n"),
     "nan.csv", 3, ("nan",), "can't hold NaN or infinity"),
    ("infinity", _csv("inf.csv", "1 2\n3 inf\n"), "inf.csv", 2, ("inf",), "is not a finite number"),
    ("missing-cell", _csv("gap.csv", "a,b\n1,2\n,4\n"),
     "gap.csv", 3, (), "line 3, column 1 is empty (a missing value)"),
    ("trailing-comma", _csv("trail.csv", "1,2,\n3,4,\n"),
     "trail.csv", 1, (), "one of the commas too many"),
    ("trailing-tab", _csv("trail.csv", "1;2;\n3;4;\n"),
     "trail.csv", 1, (), "one of the semicolons too many"),
    ("wrong-count", _csv("ragged.csv", "1,2\n3,4\n5,6,7\n"),
     "ragged.csv", 3, (), "line 3 has 3 values, expected 2 like line 1"),
    ("header-count", _csv("head.csv", "a,b,c\n1,2\n"),
     "head.csv", 1, (), "(the header) has 3 names"),
    ("header-only", _csv("header.csv", "a,b\n"),
     "header.csv", None, (), "0 data rows (only a header line)"),
    ("too-few-rows", _csv("few.csv", "1,2\n", min_rows=3),
     "few.csv", None, (), "has 1 data row; at least 3 are needed"),
    ("too-short-text", _text("tiny.txt", "ab", min_chars=5),
     "tiny.txt", None, (), "it has 2 characters, and at least 5 are needed"),
    ("own-data-too-few-rows", _own("short.csv", "1,2\n3,4\n5,6\n", steps=4),
     "short.csv", None, ("steps",), "lower 'steps'"),
    ("own-data-short-text", _own("story.txt", "a short story", steps=4),
     "story.txt", None, (), "is too short"),
    ("own-data-no-path", _task("own-data"),
     None, None, ("own-data", "path"), "must name a CSV or text file"),
    ("unknown-task", _task("addition"), None, None, (*TASKS, "addition"), "task must be one of"),
    ("unknown-parameter", _task("binary-addition", bitz=4),
     None, None, ("binary-addition", "bitz", "bits"), "has no parameter 'bitz'"),
    ("out-of-range", _task("binary-addition", bits=40),
     None, None, ("binary-addition", "bits"), "'bits' must be in 2 .. 32, got 40"),
    ("not-whole", _task("copy", delay="soon"),
     None, None, ("copy", "delay", "soon"), "'delay' must be a whole number"),
    ("not-a-choice", _task("text", corpus="klingon"),
     None, None, ("text", "corpus", "english", "chinese", "klingon"), "must be one of"),
    ("not-finite", _task("sin-to-cos", min_speed="nan"),
     None, None, ("sin-to-cos", "min_speed", "nan"), "must be finite"),
    ("echo-targets", _task("echo", targets="1, two"),
     None, None, ("echo", "targets", "two"), "separated by commas"),
    ("too-few-primes", _task("next-prime", limit=20, window=10),
     None, None, ("next-prime", "limit", "window"), "8 primes below 20"),
    ("speeds", _task("sin-to-cos", min_speed=0.5, max_speed=0.1),
     None, None, ("sin-to-cos", "min_speed", "max_speed"), "is above max_speed"),
    ("warmup", _task("sin-to-cos", warmup=50, steps=20),
     None, None, ("sin-to-cos", "warmup", "steps"), "must be below steps"),
    ("length", _generate(length=-1), None, None, (), "non-negative whole number"),
    ("temperature", _generate(temperature=-1.0), None, None, (), "0 or more"),
    ("prompt", _generate(prompt="月"), None, None, (), "characters the text never uses"),
]
# fmt: on


def _message(provoke, tmp_path, monkeypatch) -> tuple[ValueError, str]:
    with pytest.raises(ValueError) as info:
        provoke(tmp_path, monkeypatch)
    return info.value, str(info.value)


def _english_left(text: str, names=()) -> list[str]:
    """The English words of a Chinese message once the untranslated names are gone."""
    text = re.sub(r"0x[0-9A-F]{2}", " ", text)  # a byte, as the hex editor shows it
    text = text.replace("NaN", " ")  # the value's name, as in the window's messages
    for name in sorted(names, key=len, reverse=True):  # typed as they are: keep them
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", text)
    return english_words(text)


@pytest.mark.parametrize(
    ("provoke", "file", "line", "names", "english"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_errors_speak_chinese_and_english(
    tmp_path, monkeypatch, chinese_messages, provoke, file, line, names, english
):
    error, text = _message(provoke, tmp_path, monkeypatch)
    assert HAN.search(text), text
    if file is not None:
        assert isinstance(error, DataFileError) and file in text, text
        text = text.replace(str(tmp_path), "").replace(file, "")
    if line is not None:
        assert error.line == line and f"第 {line} 行" in text, text
    assert not _english_left(text, names), text

    translations.set_language("en")
    (tmp_path / "en").mkdir()  # the files again, in a folder of their own
    _, text = _message(provoke, tmp_path / "en", monkeypatch)
    assert english in text and not HAN.search(text.replace("月", "")), text


def test_the_columns_without_a_header_are_named_in_chinese(tmp_path, chinese_messages):
    table = read_numeric_csv(_write(tmp_path, "plain.csv", "1,2\n3,4\n"))
    assert table.columns == ("第 1 列", "第 2 列")
    translations.set_language("en")
    assert read_numeric_csv(tmp_path / "plain.csv").columns == ("column 1", "column 2")


def _listing() -> str:
    out = io.StringIO()
    assert cli.cmd_tasks(out) == 0
    return out.getvalue()


def test_the_task_listing_speaks_chinese(chinese_messages):
    text = _listing()
    for label in ("输入：", "输出：", "损失：", "计分：", "学会条件：", "参数：", "预设："):
        assert text.count(label) >= len(TASKS), label
    assert "binary-addition：二进制加法" in text
    assert "损失：CSV 用均方误差，文本用交叉熵" in text
    # what the command line takes stays as it is: the preset's settings (cell, optimizer,
    # lr=..., batch=...), the parameter defaults (quoted), the task keys, the parameter
    # names and their choices; remove them before looking for English
    text = re.sub(r"预设：.*", "", text)
    text = re.sub(r"'[^']*'", " ", text)
    names = [*TASKS]
    for cls in TASKS.values():
        names += [p.name for p in cls.params] + [c for p in cls.params for c in p.choices or ()]
    assert not _english_left(text, names), _english_left(text, names)


def test_the_chinese_listing_wraps_at_88_columns(chinese_messages):
    width = lambda line: sum(2 if HAN.match(c) or c in "，。；：（）“”、" else 1 for c in line)  # noqa: E731
    lines = _listing().splitlines()
    assert max(width(line.rstrip("，。；：、）")) for line in lines) <= 88  # punctuation may hang
    assert not [line for line in lines if line.strip()[:1] in set("，。；：）")]


def test_the_english_listing_is_unchanged(chinese_messages):
    translations.set_language("en")
    text = TASKS["binary-addition"].describe()
    p = TASKS["binary-addition"].preset
    assert text.splitlines()[0] == "binary-addition: Binary addition"
    assert "    in: 2 bits per step (bit t of a and of b); out: 1 bit per step" in text
    assert "    loss: bce; scored: every step\n" in text
    assert "    solved when: every bit of every held-out sum is right" in text
    assert (
        "    parameters:\n      bits = 8  (2 .. 32): bits per number; the sum has one more" in text
    )
    assert text.endswith(
        f"    preset: lstm H={p.hidden_size} L=1 adam lr={p.lr:g} "
        f"batch={p.batch_size} steps={p.steps} clip=1"
    )
    own = TASKS["own-data"].describe()
    assert "    loss: mse for a CSV, cross_entropy for a text; scored: every step" in own
    assert "      path = ''  (str): the CSV or UTF-8 text file" in own
    assert not HAN.search(_listing())
