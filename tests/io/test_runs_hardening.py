"""Run files whose description is absurd: refused with a message naming the file (issue
14: 100,000 nested levels gave a RecursionError traceback, a step of 10**30 half-opened
and then crashed the window on Reset)."""

import json

import pytest

from lstm_studio import cli
from lstm_studio.io import load_run, open_run, save_run
from lstm_studio.io.runs import RunFileError, check_run
from lstm_studio.io.safetensors import load_safetensors, save_safetensors
from lstm_studio.io.weights import load_weights
from lstm_studio.training import TrainConfig, Trainer

QUICK = TrainConfig.from_preset("binary-addition", task_params={"bits": 4})


def _run_with(tmp_path, name, change) -> str:
    """A run file whose description (meta JSON text) is ``change(text)``."""
    trainer = Trainer(QUICK)
    trainer.train_step()
    path = tmp_path / name
    save_run(path, *trainer.state())
    arrays, metadata = load_safetensors(path)
    metadata = dict(metadata)
    metadata["meta"] = change(metadata["meta"])
    save_safetensors(path, arrays, metadata)
    return str(path)


def _deep(text: str) -> str:
    return text[:-1] + ', "deep": ' + "[" * 100_000 + "]" * 100_000 + "}"


def _step(value):
    def change(text):
        meta = json.loads(text)
        meta["step"] = value
        return json.dumps(meta)

    return change


def test_a_description_nested_100000_levels_is_a_message(tmp_path, capsys):
    path = _run_with(tmp_path, "deep.lstmrun", _deep)
    with pytest.raises(RunFileError, match="deep.lstmrun.*nested too deeply"):
        load_run(path)
    with pytest.raises(ValueError, match="deep.lstmrun"):
        load_weights(path)
    code = cli.main(["export", path, "--format", "csv", "--out", str(tmp_path / "h.csv")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE and "nested too deeply" in err and "Traceback" not in err


@pytest.mark.parametrize("step", [10**30, 10**9 + 1, -1])
def test_an_impossible_step_is_refused_before_anything_opens(tmp_path, step):
    path = _run_with(tmp_path, "far.lstmrun", _step(step))
    arrays, meta = load_run(path)
    with pytest.raises(RunFileError, match=r"far.lstmrun: its step .* is impossible"):
        check_run(arrays, meta, "far.lstmrun")
    with pytest.raises(RunFileError, match="impossible"):
        open_run(path)
