"""A named pipe (FIFO), a device or a socket where a file is read: refused at once with
a message naming it, everywhere files are read (issue 14: a FIFO hung forever)."""

import os
import socket
import threading

import pytest

from lstm_studio import cli
from lstm_studio.io import load_npz, load_run, load_safetensors
from lstm_studio.io.weights import WeightsFileError, load_weights
from lstm_studio.reading import NotAFileError, open_regular
from lstm_studio.tasks import make_task
from lstm_studio.tasks.datafiles import DataFileError, read_numeric_csv, read_text, sniff_kind
from lstm_studio.translations import in_language

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def _returns(call, fifo):
    """What ``call()`` returned or raised, on a thread; a hang (30 s, a detector, not a
    timing) fails the test, after unblocking the reader by opening ``fifo`` for writing."""
    result = {}

    def run():
        try:
            result["value"] = call()
        except BaseException as e:  # noqa: BLE001 - handed to the test
            result["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(30)
    if thread.is_alive():
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # the reader gets EOF
        except OSError:
            pass
        thread.join(30)
        pytest.fail(f"reading the named pipe {fifo} hung")
    return result


@pytest.fixture
def fifo(tmp_path):
    def make(name):
        path = tmp_path / name
        os.mkfifo(path)
        return path

    return make


def test_opening_refuses_what_is_not_a_file_and_says_what_it_is(fifo, tmp_path):
    pipe = fifo("p.csv")
    got = _returns(lambda: open_regular(pipe), pipe)
    error = got["error"]
    assert isinstance(error, NotAFileError) and isinstance(error, OSError)
    assert "named pipe" in str(error) and str(pipe) in str(error)
    with pytest.raises(NotAFileError, match="device"):
        open_regular("/dev/null")
    with pytest.raises(IsADirectoryError):
        open_regular(tmp_path)
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(tmp_path / "s.csv"))
        with pytest.raises(NotAFileError, match="socket"):
            open_regular(tmp_path / "s.csv")
    (tmp_path / "f.csv").write_bytes(b"a\n1\n")
    with open_regular(tmp_path / "f.csv") as f:
        assert f.read() == b"a\n1\n"
    with in_language("zh_CN"):
        assert "命名管道" in str(NotAFileError(pipe, os.stat(pipe).st_mode))


@pytest.mark.parametrize(
    "read",
    [read_numeric_csv, read_text, sniff_kind, lambda p: make_task("own-data", path=str(p))],
    ids=["csv", "text", "sniff", "own-data"],
)
@pytest.mark.parametrize("name", ["p.csv", "p.txt", "p"])
def test_data_files(fifo, read, name):
    pipe = fifo(name)
    got = _returns(lambda: read(pipe), pipe)
    if read is sniff_kind and name != "p":
        assert got.get("value") in ("csv", "text")  # by the suffix: nothing is read
        return
    error = got.get("error")
    assert isinstance(error, (DataFileError, ValueError, OSError)), error
    assert "p" in str(error) and "named pipe" in str(error)


@pytest.mark.parametrize(
    "read, refused",
    [
        (load_safetensors, OSError),
        (load_run, ValueError),
        (load_npz, ValueError),
        (load_weights, WeightsFileError),
    ],
    ids=["safetensors", "run", "npz", "weights"],
)
@pytest.mark.parametrize("name", ["p.safetensors", "p.lstmrun", "p.npz"])
def test_runs_and_weights(fifo, read, refused, name):
    pipe = fifo(name)
    error = _returns(lambda: read(pipe), pipe).get("error")
    assert isinstance(error, (refused, OSError)), error
    assert "p" in str(error) and ("named pipe" in str(error) or "not a regular file" in str(error))


def test_the_command_line(fifo, tmp_path, capsys):
    config, data, run = fifo("c.json"), fifo("d.csv"), fifo("r.lstmrun")
    for args, pipe in (
        (["train", "--config", str(config), "--steps", "1", "--out", str(tmp_path / "o")], config),
        (
            [
                "train",
                "--task",
                "own-data",
                "--param",
                f"path={data}",
                "--out",
                str(tmp_path / "o"),
            ],
            data,
        ),
        (["export", str(run), "--format", "csv", "--out", str(tmp_path / "h.csv")], run),
    ):
        got = _returns(lambda args=args: cli.main(args), pipe)
        assert got.get("value") == cli.EXIT_USAGE, got
        err = capsys.readouterr().err
        assert pipe.name in err and "named pipe" in err, err
