"""The smaller defects of issue 14: a config with a byte order mark or a key named
twice, values too large to train on, and the command line's exit code for a crash."""

import numpy as np
import pytest

from lstm_studio import cli
from lstm_studio.tasks import make_task
from lstm_studio.training import TrainConfig


def _run(args, capsys):
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_config_with_a_byte_order_mark_is_read(tmp_path, capsys):
    text = TrainConfig.from_preset("binary-addition", steps=3).to_json()
    assert TrainConfig.from_json("\ufeff" + text).steps == 3
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    code, _, err = _run(
        ["train", "--config", str(path), "-q", "--out", str(tmp_path / "o")], capsys
    )
    assert code == 0, err


def test_a_key_named_twice_is_refused(tmp_path, capsys):
    text = '{"task": "binary-addition", "steps": 3, "steps": 5}'
    with pytest.raises(ValueError, match="'steps' twice"):
        TrainConfig.from_json(text)
    nested = '{"task": "binary-addition", "task_params": {"bits": 4, "bits": 6}}'
    with pytest.raises(ValueError, match="'bits' twice"):
        TrainConfig.from_json(nested)
    path = tmp_path / "twice.json"
    path.write_text(text)
    code, _, err = _run(["train", "--config", str(path), "--out", str(tmp_path / "o")], capsys)
    assert code == cli.EXIT_USAGE and "'steps' twice" in err


@pytest.mark.parametrize("value", [1e308, -1e308, 1e200])
def test_values_too_large_to_train_on_are_refused_with_the_row(tmp_path, value):
    rows = [f"{np.sin(0.3 * k):.4f},{k}" for k in range(300)]
    rows[7] = f"{value!r},7"
    path = tmp_path / "huge.csv"
    path.write_text("level,day\n" + "\n".join(rows) + "\n")
    with pytest.raises(ValueError, match=r"huge.csv: the value .* \(data row 8, column level\)"):
        make_task("own-data", path=str(path))
    rows[7] = "1e150,7"  # the largest allowed trains to finite numbers
    path.write_text("level,day\n" + "\n".join(rows) + "\n")
    task = make_task("own-data", path=str(path))
    assert np.isfinite(task.z).all() and np.isfinite(task.std).all()


def test_a_crash_has_its_own_exit_code(monkeypatch, capsys):
    def crash(args, out=None, err=None):
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "cmd_tasks", lambda: crash(None))
    code, _, err = _run(["tasks"], capsys)
    assert code == cli.EXIT_CRASH == 3
    assert code not in (0, cli.EXIT_DIVERGED, cli.EXIT_USAGE, cli.EXIT_INTERRUPTED)
    assert "RuntimeError: a bug" in err and "internal error" in err
    assert "3 LSTM Studio itself failed" in cli.DESCRIPTION
