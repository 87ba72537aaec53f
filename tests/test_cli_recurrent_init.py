"""``lstm-studio train --recurrent-init NAME --recurrent-gain G``: the run carries the
choice; a bad value is one clear line and exit code 2."""

import json

import pytest
from cli_helpers import run_cli

from lstm_studio import cli
from lstm_studio.io.safetensors import load_safetensors
from lstm_studio.training import FIELDS, TrainConfig


def test_the_choice_reaches_the_run_and_its_files(tmp_path, capsys):
    out_dir = tmp_path / "run"
    args = ["train", "--task", "sin-to-cos", "--cell", "rnn", "--steps", "3", "-q"]
    args += ["--recurrent-init", "orthogonal", "--recurrent-gain", "2", "--out", str(out_dir)]
    code, _, err = run_cli(args, capsys)
    assert code == 0, err
    config = TrainConfig.from_json((out_dir / "config.json").read_text())
    assert (config.recurrent_init, config.recurrent_gain) == ("orthogonal", 2.0)
    assert config == TrainConfig.from_preset(
        "sin-to-cos", cell="rnn", steps=3, recurrent_init="orthogonal", recurrent_gain=2.0
    )
    _, metadata = load_safetensors(out_dir / "weights.safetensors")
    assert json.loads(metadata["config"])["recurrent_gain"] == 2.0
    _, metadata = load_safetensors(out_dir / "run.lstmrun")
    assert json.loads(metadata["meta"])["config"]["recurrent_init"] == "orthogonal"


def test_without_the_flags_the_run_has_todays_initialisation(tmp_path, capsys):
    out_dir = tmp_path / "run"
    args = ["train", "--task", "echo", "--steps", "2", "-q", "--out", str(out_dir)]
    code, _, err = run_cli(args, capsys)
    assert code == 0, err
    config = TrainConfig.from_json((out_dir / "config.json").read_text())
    assert (config.recurrent_init, config.recurrent_gain) == ("uniform", 1.0)


@pytest.mark.parametrize(
    "args, words",
    [
        (["--recurrent-init", "xavier"], "recurrent_init must be one of uniform, orthogonal"),
        (["--recurrent-gain", "0"], "recurrent_gain must be above 0 and at most 10, got 0"),
        (["--recurrent-gain", "-2"], "recurrent_gain must be above 0"),
        (["--recurrent-gain", "11"], "recurrent_gain must be above 0 and at most 10, got 11"),
        (["--recurrent-gain", "nan"], "recurrent_gain must be finite"),
        (["--recurrent-gain", "inf"], "recurrent_gain must be finite"),
        (["--recurrent-gain", "big"], "invalid float value"),
    ],
)
def test_a_bad_choice_or_gain_is_one_line_and_exit_code_2(args, words, tmp_path, capsys):
    out_dir = tmp_path / "run"
    code, out, err = run_cli(["train", *args, "--out", str(out_dir)], capsys)
    assert code == cli.EXIT_USAGE
    lines = err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], err
    assert not out_dir.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["--recurrent-init", "xavier"], ["--recurrent-gain", "0"]])
def test_a_bad_value_is_said_in_chinese(args, tmp_path, capsys):
    code, _, err = run_cli(["train", *args, "--out", str(tmp_path / "r")], capsys, "zh_CN")
    assert code == cli.EXIT_USAGE and err.startswith("lstm-studio train：错误："), err
    assert "必须" in err, err


def test_the_help_gives_the_choices_and_the_configs_bounds(capsys):
    spec = FIELDS["recurrent_gain"]
    code, out, _ = run_cli(["train", "--help"], capsys)
    assert code == 0
    text = " ".join(out.split())
    assert "--recurrent-init INIT" in text and "uniform, orthogonal, normal" in text
    assert f"above {spec.low:g} and at most {spec.high:g}" in text
    code, out, _ = run_cli(["train", "--help"], capsys, "zh_CN")
    assert code == 0 and "--recurrent-gain" in out and f"{spec.high:g}" in out
    assert "the factor on W_hh" not in " ".join(out.split())  # translated
