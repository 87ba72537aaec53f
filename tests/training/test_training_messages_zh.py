"""The training layer and the command line speak Chinese: config, race, sweep and Control
errors, the run-end messages, and the lines ``lstm-studio train`` prints."""

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import pytest
from english_words import english_words

from lstm_studio import translations
from lstm_studio.engine import CELLS, DTYPES, OPTIMIZERS
from lstm_studio.tasks import TASKS
from lstm_studio.training import FIELDS, Control, TrainConfig, Trainer
from lstm_studio.training.compare import LagSweep, Race
from lstm_studio.training.loop import end_message

REPO = Path(__file__).resolve().parents[2]
ADDING = TrainConfig.from_preset("adding", hidden_size=4, batch_size=4, steps=3)
COPY = TrainConfig.from_preset("copy", small=True, hidden_size=4, batch_size=4, steps=3)
#: the names a user types, which stay as they are in a Chinese message: config fields
#: (the command line's flags) and the other settings of a running run (``FIELDS``: a
#: command names the value it refuses as a config error does), task names and
#: parameters, cells, optimizers, precisions, the wrong values the tests below type,
#: JSON's true and false (what a config file holds), and nan and inf (how a number that
#: is not finite is written)
TYPED = (
    {f.name for f in fields(TrainConfig)}
    | set(FIELDS)
    | {"config_version"}
    | set(TASKS)
    | {p.name for task in TASKS.values() for p in task.params}
    | set(CELLS)
    | set(OPTIMIZERS)
    | set(DTYPES)
    | {"transformer", "fast", "yes", "adder", "colour", "red", "bitz", "echo"}
    | {"true", "false", "nan", "inf"}
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _without_typed(text: str) -> str:
    """``text`` less the names in ``TYPED`` (a name like binary-addition is one token)."""
    return re.sub(r"[A-Za-z_][\w-]*", lambda m: "" if m.group() in TYPED else m.group(), text)


def _error(call: Callable[[], object]) -> str:
    with pytest.raises(ValueError) as e:
        call()
    return str(e.value)


def _assert_chinese(messages: list[str]) -> None:
    for text in messages:
        assert CJK.search(text), text
        assert not english_words(_without_typed(text)), text


def test_config_errors_speak_chinese(chinese_messages):
    messages = [
        _error(lambda: TrainConfig(hidden_size=0)),  # out of range
        _error(lambda: TrainConfig(hidden_size=2.5)),  # not a whole number
        _error(lambda: TrainConfig(lr="fast")),  # not a number
        _error(lambda: TrainConfig(lr=0)),  # not above the open bound
        _error(lambda: TrainConfig(clip=-1)),  # below the closed bound
        _error(lambda: TrainConfig(lr=float("nan"))),
        _error(lambda: TrainConfig(cell="transformer")),  # unknown choice
        _error(lambda: TrainConfig(task="adder")),
        _error(lambda: TrainConfig(optimizer="adam", momentum=0.9)),
        _error(lambda: TrainConfig(stop_when_solved="yes")),
        _error(lambda: TrainConfig(task_params={"bitz": 3})),
        _error(lambda: TrainConfig(task_params=[1])),
        _error(lambda: TrainConfig.from_json("{nope")),  # bad JSON
        _error(lambda: TrainConfig.from_json('{"a": 1,}')),
        _error(lambda: TrainConfig.from_json("{} []")),
        _error(lambda: TrainConfig.from_json("[" * 100_000)),
        _error(lambda: TrainConfig.from_json("[1]")),  # not an object
        _error(lambda: TrainConfig.from_json('{"colour": "red"}')),
        _error(lambda: TrainConfig.from_json('{"config_version": 99}')),
    ]
    _assert_chinese(messages)
    assert "hidden_size" in messages[0] and "2048" in messages[0]  # the flag's name stays
    assert "transformer" in messages[6] and "peephole" in messages[6]
    assert "第 1 行" in messages[12]


def test_race_and_sweep_errors_speak_chinese(chinese_messages):
    messages = [
        _error(lambda: Race(ADDING, ["lstm"])),  # one cell
        _error(lambda: Race(ADDING, ["lstm", "transformer"])),  # unknown cell
        _error(lambda: Race(ADDING, ["lstm", "gru", "lstm"])),  # a cell twice
        _error(lambda: Race(ADDING, [*CELLS, "rnn"])),  # too many
        _error(lambda: Race(ADDING, "lstm")),  # not a list
        _error(lambda: LagSweep(COPY, ["lstm"], lags=[3, 3])),  # duplicate lag
        _error(lambda: LagSweep(COPY, ["lstm"], lags=[1, 2.5])),
        _error(lambda: LagSweep(COPY, ["lstm"], lags=[])),
        _error(lambda: LagSweep(ADDING, ["lstm"], lags=[5, 2001])),
        _error(lambda: LagSweep(COPY, [])),
        _error(lambda: LagSweep(ADDING.replace(task="echo", task_params={}), ["lstm"])),
    ]
    _assert_chinese(messages)
    assert "赛跑" in messages[0] and "滞后扫描" in messages[9]


def test_control_errors_speak_chinese(chinese_messages):
    control = Control()
    trainer = Trainer(TrainConfig.from_preset("echo", hidden_size=4, batch_size=2, steps=3))
    messages = [
        _error(lambda: control.step(0)),
        _error(lambda: control.set_lr(0)),
        _error(lambda: control.set_clip(-1)),
        _error(lambda: control.set_temperature(11)),
        _error(lambda: control.set_delay(61)),
        _error(lambda: control.set_budget(0, False)),
        _error(lambda: control.set_budget(10, "yes")),
        _error(lambda: trainer.apply("colour")),
        _error(lambda: control.put("colour")),
    ]
    _assert_chinese(messages)


def test_how_a_run_ends_is_said_in_chinese(chinese_messages):
    messages = [
        end_message("finished", 30),
        end_message("solved", 12),
        end_message("stopped", 7),
        end_message("diverged", 41, float("inf"), float("nan")),
    ]
    config = TrainConfig.from_preset("echo", hidden_size=4, batch_size=2, steps=3)
    messages.append(list(Trainer(config).run(probes=False))[-1].message)
    sweep = LagSweep(COPY, ["rnn"], lags=[3], steps=2)
    messages.append(list(sweep.run())[-1].message)
    control = Control()
    control.stop()
    messages.append(list(Race(ADDING, ["rnn", "lstm"]).run(control, probes=False))[-1].message)
    _assert_chinese(messages)
    assert messages[3].startswith("在第 42 步发散") and messages[4] == "已完成 3 步"


def test_english_messages_keep_their_words():
    translations.set_language("en")
    try:
        assert end_message("finished", 30) == "finished 30 steps"
        assert end_message("finished", 1) == "finished 1 step"
        assert end_message("diverged", 41, 1e9, 2e9) == (
            "diverged at step 42: loss 1e+09, gradient norm 2e+09; "
            "the weights are those after step 41"
        )
        assert "hidden_size must be in 1 .. 2048, got 0" in _error(
            lambda: TrainConfig(hidden_size=0)
        )
    finally:
        translations.set_language(None)


# ---------------------------------------------------------------- the command line
def _cli(args: list[str], language: str, cwd: Path) -> subprocess.CompletedProcess:
    code = f"from lstm_studio.cli import main; raise SystemExit(main({args!r}))"
    env = {**os.environ, "LSTM_STUDIO_LANG": language, "PYTHONPATH": str(REPO)}
    env.pop("DISPLAY", None)
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


TRAIN = ["train", "--task", "echo", "--hidden-size", "4", "--steps", "20", "--seed", "3"]


def test_the_command_line_speaks_chinese(tmp_path):
    run = _cli([*TRAIN, "--out", str(tmp_path / "r")], "zh_CN", tmp_path)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.replace(str(tmp_path), "").splitlines()
    header, ended, heldout, solved, wrote = lines
    assert "批大小=" in header and "20 步，随机种子 3" in header
    assert ended.startswith("已完成 20 步，用时") and "步/秒" in ended
    assert heldout.startswith("第 20 步的留出集：损失")
    assert solved.startswith("是否学会：")
    assert wrote.startswith("已写入 /r/：")
    progress = run.stderr.strip().splitlines()[-1]
    assert progress.startswith("第 20/20 步") and "训练损失" in progress and "步/秒" in progress
    for line in [*lines, progress]:
        assert not english_words(_without_typed(line)), line
    # summary.json is read by programs: its message stays English
    summary = json.loads((tmp_path / "r" / "summary.json").read_text("utf-8"))
    assert summary["message"] == "finished 20 steps"

    error = _cli([*TRAIN, "--lr", "-1", "--out", str(tmp_path / "bad")], "zh_CN", tmp_path)
    assert error.returncode == 2 and error.stderr.startswith("lstm-studio train：错误：lr ")
    again = _cli([*TRAIN, "--out", str(tmp_path / "r")], "zh_CN", tmp_path)
    assert again.returncode == 2 and "已存在且不为空" in again.stderr

    tasks = _cli(["tasks"], "zh_CN", tmp_path)
    assert tasks.returncode == 0 and CJK.search(tasks.stdout)


def test_the_command_line_in_english_is_unchanged(tmp_path):
    run = _cli([*TRAIN, "--out", str(tmp_path / "r")], "en", tmp_path)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.replace(str(tmp_path), "").splitlines()
    header, ended, heldout, solved, wrote = lines
    assert header.startswith("echo | lstm H=4 L=1 | adam lr=") and "20 steps, seed 3" in header
    assert re.fullmatch(r"finished 20 steps in \d+\.\d\d s \([\d,]+ steps/s\)", ended), ended
    assert heldout.startswith("held-out at step 20: loss ") and "max_error" in heldout
    assert solved.startswith("solved: ") and "within 0.05" in solved
    assert (
        wrote
        == "wrote /r/: config.json, weights.safetensors, history.csv, summary.json, run.lstmrun"
    )
    progress = run.stderr.strip().splitlines()[-1]
    assert re.match(r"step 20/20 \[#+\] 100%  train loss \S+  held-out max_error \S+", progress)
    assert not CJK.search(run.stdout + run.stderr)
    tasks = _cli(["tasks"], "en", tmp_path)
    assert tasks.returncode == 0 and "preset:" in tasks.stdout and not CJK.search(tasks.stdout)


def test_sweep_and_race_memory_refusals_speak_chinese(chinese_messages, monkeypatch):
    # 150 MiB: the adding problem at T = 2000 does not fit, and three cells at T = 50 do not
    # together (each one does)
    monkeypatch.setenv("LSTM_STUDIO_MEMORY_LIMIT_MB", "150")
    messages = [
        _error(lambda: LagSweep(TrainConfig.from_preset("adding"), ["lstm"], lags=[5, 2000])),
        _error(lambda: Race(TrainConfig.from_preset("adding"), ["rnn", "lstm", "gru"])),
    ]
    _assert_chinese(messages)
    assert "滞后扫描中最长的一次运行（lstm，序列长度为 2000）太大" in messages[0], messages[0]
    assert "约需" in messages[0] and "150 MB" not in messages[0]  # 150 MiB is 157 MB
    assert "157 MB" in messages[0] and "去掉最长的几个滞后步数" in messages[0]
    assert messages[1].startswith("赛跑中的 3 种单元类型合计约需"), messages[1]
