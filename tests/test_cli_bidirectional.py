"""``lstm-studio train --bidirectional``: the run reads both ways and says so; a task
whose target is a later input refuses it in one line, exit code 2, nothing written."""

import json

import pytest
from cli_helpers import run_cli

from lstm_studio.tasks import TASKS
from lstm_studio.training import TrainConfig
from lstm_studio.translations import translate


def test_the_flag_reaches_the_run_and_its_files(tmp_path, capsys):
    out_dir = tmp_path / "run"
    args = ["train", "--task", "adding", "--param", "steps=6", "--steps", "3", "-q"]
    code, out, err = run_cli([*args, "--bidirectional", "--out", str(out_dir)], capsys)
    assert code == 0, err
    config = TrainConfig.from_json((out_dir / "config.json").read_text())
    assert config.bidirectional
    assert "bidirectional lstm" in out  # the header names the model
    assert json.loads((out_dir / "config.json").read_text())["bidirectional"] is True


def test_no_bidirectional_turns_off_a_config_files_choice(tmp_path, capsys):
    path = tmp_path / "both.json"
    path.write_text(TrainConfig.from_preset("comes-again", steps=2).to_json())
    assert TrainConfig.from_json(path.read_text()).bidirectional
    out_dir = tmp_path / "run"
    args = ["train", "--config", str(path), "--no-bidirectional", "-q", "--out", str(out_dir)]
    code, _, err = run_cli(args, capsys)
    assert code == 0, err
    assert not TrainConfig.from_json((out_dir / "config.json").read_text()).bidirectional


@pytest.mark.parametrize("language, words", [("en", "copy the next input"), ("zh_CN", "照抄")])
@pytest.mark.parametrize("task", ["text", "own-data", "next-prime"])
def test_a_next_element_task_refuses_it_in_one_line(task, language, words, tmp_path, capsys):
    data = tmp_path / "notes.txt"
    data.write_text("the quick brown fox jumps over the lazy dog\n" * 20, "utf-8")
    out_dir = tmp_path / "run"
    args = ["train", "--task", task, "--bidirectional", "--out", str(out_dir)]
    if task == "own-data":
        args += ["--param", f"path={data}"]
    code, out, err = run_cli(args, capsys, language)
    assert code == 2 and out == ""
    title = translate("tasks", TASKS[task].title, language)  # the task as the window names it
    assert len(err.strip().splitlines()) == 1 and words in err and title in err
    assert not out_dir.exists()
