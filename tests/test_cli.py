"""``lstm-studio train`` and ``lstm-studio tasks``, called the way a shell calls them."""

import csv
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest

from lstm_studio import cli
from lstm_studio.engine import SequenceModel
from lstm_studio.io.safetensors import load_safetensors
from lstm_studio.tasks import TASKS
from lstm_studio.training import TrainConfig, Trainer

REPO_ROOT = Path(__file__).resolve().parents[1]
FILES = {"config.json", "weights.safetensors", "history.csv", "summary.json", "run.lstmrun"}


def _run(args, capsys):
    try:
        code = cli.main(args)
    except SystemExit as e:  # argparse's own exits
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


def test_train_writes_a_complete_run(tmp_path, capsys):
    out_dir = tmp_path / "runs" / "adder"
    code, out, err = _run(
        [
            "train",
            "--task",
            "binary-addition",
            "--cell",
            "lstm",
            "--steps",
            "400",
            "--seed",
            "0",
            "--stop-when-solved",
            "--out",
            str(out_dir),
        ],
        capsys,
    )
    assert code == 0, err
    assert {p.name for p in out_dir.iterdir()} == FILES
    assert "solved at step" in out and "sum_accuracy 1" in out and str(out_dir) in out
    assert "steps/s" in err  # the progress line

    config = TrainConfig.from_json((out_dir / "config.json").read_text())
    assert config == TrainConfig.from_preset(
        "binary-addition", cell="lstm", steps=400, seed=0, stop_when_solved=True
    )
    tensors, meta = load_safetensors(out_dir / "weights.safetensors")
    assert TrainConfig.from_json(meta["config"]) == config
    # the weights load into a model with PyTorch's names and solve the task
    model = SequenceModel(**json.loads(meta["model"]))
    model.load_state_dict(tensors)
    assert "rnn.weight_hh_l0" in tensors and "head.bias" in tensors
    task = TASKS["binary-addition"]()
    assert task.evaluate(model)["sum_accuracy"] == 1.0

    summary = json.loads((out_dir / "summary.json").read_text())
    assert summary["status"] == "solved" and summary["solved"] is True
    with open(out_dir / "history.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert int(rows[-1]["step"]) == summary["step"]
    assert float(rows[-1]["heldout_sum_accuracy"]) == 1.0


def test_the_same_command_twice_gives_the_same_weights(tmp_path, capsys):
    args = ["train", "--task", "echo", "--steps", "30", "--seed", "2", "-q"]
    assert _run(args + ["--out", str(tmp_path / "a")], capsys)[0] == 0
    assert _run(args + ["--out", str(tmp_path / "b")], capsys)[0] == 0
    a, _ = load_safetensors(tmp_path / "a" / "weights.safetensors")
    b, _ = load_safetensors(tmp_path / "b" / "weights.safetensors")
    assert a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)


def test_reference_safetensors_reads_the_weights(tmp_path, capsys):
    st = pytest.importorskip("safetensors.numpy")
    assert (
        _run(["train", "--task", "echo", "--steps", "5", "-q", "--out", str(tmp_path)], capsys)[0]
        == 0
    )
    ours, _ = load_safetensors(tmp_path / "weights.safetensors")
    theirs = st.load_file(str(tmp_path / "weights.safetensors"))
    assert ours.keys() == theirs.keys()
    assert all(np.array_equal(ours[k], theirs[k]) for k in ours)


def test_config_file_then_options(tmp_path, capsys):
    base = TrainConfig.from_preset("copy", small=True, task_params={"delay": 3}, steps=20)
    path = tmp_path / "c.json"
    path.write_text(base.to_json())
    code, _, err = _run(
        [
            "train",
            "--config",
            str(path),
            "--seed",
            "9",
            "-p",
            "symbols=4",
            "-q",
            "--out",
            str(tmp_path / "run"),
        ],
        capsys,
    )
    assert code == 0, err
    got = TrainConfig.from_json((tmp_path / "run" / "config.json").read_text())
    assert got == base.replace(seed=9, task_params={"delay": 3, "symbols": 4, "length": 3})


@pytest.mark.parametrize(
    "args, words",
    [
        (["--lr", "-1"], "lr must be above 0"),
        (["--lr", "fast"], "invalid float value"),
        (["--task", "nope"], "task must be one of"),
        (["--param", "bits=99"], "'bits' must be in 2 .. 32"),
        (["--param", "bits"], "NAME=VALUE"),
        (["--cell", "transformer"], "cell must be one of"),
        (["--colour", "red"], "unrecognized arguments"),
        (["--config", "/nonexistent/c.json"], "cannot read the config"),
        (["--task", "own-data", "--param", "path=/nonexistent.csv"], "nonexistent.csv"),
        (["--truncate", "-1"], "truncate must be in 0 .. 1000000, got -1"),
        (["--truncate", "2.5"], "invalid int value"),
        # binary addition's preset adds 8-bit numbers: sequences of 9 steps
        (
            ["--truncate", "10"],
            "truncating BPTT every 10 steps is longer than this task's sequences (9 steps)",
        ),
    ],
)
def test_bad_options_give_one_line_and_exit_code_2(args, words, tmp_path, capsys):
    out_dir = tmp_path / "run"
    code, out, err = _run(["train", *args, "--out", str(out_dir)], capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], err
    assert not out_dir.exists() and list(tmp_path.iterdir()) == []  # nothing half-written


def test_an_existing_run_is_kept_unless_overwrite(tmp_path, capsys):
    out_dir = tmp_path / "run"
    args = ["train", "--task", "echo", "--steps", "3", "-q", "--out", str(out_dir)]
    assert _run(args, capsys)[0] == 0
    first = (out_dir / "config.json").read_text()
    code, _, err = _run(args[:-2] + ["--seed", "5", "--out", str(out_dir)], capsys)
    assert code == 2 and "--overwrite" in err
    assert (out_dir / "config.json").read_text() == first
    code, _, _ = _run(args[:-2] + ["--seed", "5", "--overwrite", "--out", str(out_dir)], capsys)
    assert code == 0 and {p.name for p in out_dir.iterdir()} == FILES
    assert '"seed": 5' in (out_dir / "config.json").read_text()
    assert [p.name for p in tmp_path.iterdir()] == ["run"]  # no staging folder left behind


def test_overwrite_never_deletes_other_files_or_the_current_folder(tmp_path, capsys, monkeypatch):
    mine = tmp_path / "mydocs"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine")
    code, _, err = _run(
        ["train", "--task", "echo", "--steps", "3", "--overwrite", "--out", str(mine)], capsys
    )
    assert code == 2 and "not from a run" in err and (mine / "notes.txt").read_text() == "mine"
    monkeypatch.chdir(mine)
    for out in (".", ".."):
        code, _, err = _run(["train", "--steps", "3", "--overwrite", "--out", out], capsys)
        assert code == 2 and "current folder" in err
    assert (mine / "notes.txt").read_text() == "mine"


def test_default_output_folders_never_clash(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for _ in range(3):
        assert _run(["train", "--task", "echo", "--steps", "2", "-q"], capsys)[0] == 0
    names = sorted(p.name for p in (tmp_path / "runs").iterdir())
    assert names == ["echo-lstm-seed0", "echo-lstm-seed0-2", "echo-lstm-seed0-3"]


def test_an_unwritable_output_folder_fails_before_training(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = _run(["train", "--out", str(blocker / "run")], capsys)
    assert code == 2 and "is a file, not a folder" in err


def test_a_diverging_run_exits_1_and_keeps_finite_weights(tmp_path, capsys):
    code, out, err = _run(
        [
            "train",
            "--task",
            "sin-to-cos",
            "--cell",
            "rnn",
            "--optimizer",
            "sgd",
            "--lr",
            "10",
            "--clip",
            "0",
            "--forget-bias",
            "0",
            "--steps",
            "500",
            "-q",
            "--out",
            str(tmp_path / "r"),
        ],
        capsys,
    )
    assert code == cli.EXIT_DIVERGED, err
    assert "diverged at step" in out
    tensors, _ = load_safetensors(tmp_path / "r" / "weights.safetensors")
    assert all(np.isfinite(v).all() for v in tensors.values())
    assert json.loads((tmp_path / "r" / "summary.json").read_text())["status"] == "diverged"


def test_ctrl_c_saves_what_was_trained(tmp_path, capsys, monkeypatch):
    real = Trainer.train_step

    def interrupted(self):
        if self.step == 25:
            raise KeyboardInterrupt
        return real(self)

    monkeypatch.setattr(Trainer, "train_step", interrupted)
    code, out, _ = _run(["train", "--task", "echo", "-q", "--out", str(tmp_path / "r")], capsys)
    assert code == cli.EXIT_INTERRUPTED
    summary = json.loads((tmp_path / "r" / "summary.json").read_text())
    assert summary["status"] == "stopped" and summary["step"] == 25
    assert "Ctrl+C" in out


def test_ctrl_c_ends_the_run_between_two_steps(tmp_path, capsys, monkeypatch):
    import signal

    real = Trainer.train_step

    def interrupted(self):
        if self.step == 25:
            os.kill(os.getpid(), signal.SIGINT)  # as the terminal sends it, mid-step
        return real(self)

    monkeypatch.setattr(Trainer, "train_step", interrupted)
    code, out, _ = _run(["train", "--task", "echo", "-q", "--out", str(tmp_path / "r")], capsys)
    assert code == cli.EXIT_INTERRUPTED and "Ctrl+C" in out
    summary = json.loads((tmp_path / "r" / "summary.json").read_text())
    assert summary["status"] == "stopped" and summary["step"] == 26  # the step in hand finished
    assert summary["heldout_step"] == 26
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back


TRAIN = "import sys; from lstm_studio.cli import main; sys.exit(main(sys.argv[1:]))"


def _training(tmp_path, out="r"):
    """``lstm-studio train`` in its own process, once it trains (its header is out)."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "LSTM_STUDIO_LANG": "en"}
    args = ["train", "--task", "echo", "--steps", "1000000000", "--out", out]
    child = subprocess.Popen(
        [sys.executable, "-c", TRAIN, *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert "echo" in child.stdout.readline()  # the header: the stop signals are handled
    return child


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_save_the_run_as_ctrl_c_does(tmp_path, name):
    signum = getattr(signal, name)
    child = _training(tmp_path)
    child.send_signal(signum)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 128 + signum, err
    assert {p.name for p in (tmp_path / "r").iterdir()} == FILES  # all five
    summary = json.loads((tmp_path / "r" / "summary.json").read_text())
    assert summary["status"] == "stopped"
    assert summary["message"] == f"stopped by {name} at step {summary['step']}"
    if name == "SIGTERM":
        assert f"stopped by SIGTERM at step {summary['step']}" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]  # no .partial folder left


def test_a_killed_train_s_partial_folder_goes_at_the_next_train(tmp_path):
    child = _training(tmp_path)
    child.send_signal(signal.SIGKILL)  # nothing can be saved
    child.communicate(timeout=60)
    left = [p.name for p in tmp_path.iterdir()]
    assert left == [f".r.partial-{child.pid}"]
    live = tmp_path / f".r.partial-{os.getpid()}"  # a train that is running: kept
    live.mkdir()
    code = subprocess.run(
        [sys.executable, "-c", TRAIN, "train", "--task", "echo", "--steps", "3", "-q"]
        + ["--out", "r"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        timeout=60,
    ).returncode
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["r", live.name])


def test_tasks_lists_every_task_with_its_preset(capsys):
    code, out, _ = _run(["tasks"], capsys)
    assert code == 0
    for name in TASKS:
        assert f"{name}: " in out
    assert out.count("preset:") == len(TASKS)


def test_help_explains_the_commands(capsys):
    code, out, _ = _run(["--help"], capsys)
    assert code == 0 and "lstm-studio train" in out and "lstm-studio tasks" in out
    code, out, _ = _run(["train", "--help"], capsys)
    assert code == 0
    for option in (
        "--task",
        "--param",
        "--config",
        "--hidden-size",
        "--lr",
        "--clip",
        "--out",
        "--stop-when-solved",
        "--snapshot-hz",
        "--forget-bias",
        "--dtype",
        "--truncate",
    ):
        assert option in out


def test_installed_launcher_trains_in_a_subprocess(tmp_path):
    launcher = Path(sys.executable).parent / "lstm-studio"
    result = subprocess.run(
        [str(launcher), "train", "--task", "echo", "--steps", "20", "--out", str(tmp_path / "r")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "DISPLAY"},
    )
    assert result.returncode == 0, result.stderr
    assert "finished 20 steps" in result.stdout
    assert (tmp_path / "r" / "weights.safetensors").is_file()


def test_every_config_field_has_an_option():
    import dataclasses

    train = next(
        a
        for a in cli.build_parser()._subparsers._group_actions[0].choices.values()
        if a.prog.endswith("train")
    )
    options = {s for action in train._actions for s in action.option_strings}
    for field in dataclasses.fields(TrainConfig):
        flag = "--param" if field.name == "task_params" else "--" + field.name.replace("_", "-")
        assert flag in options, f"TrainConfig.{field.name} has no command-line option"


def _trained_folder(tmp_path, capsys, cell="gru"):
    folder = tmp_path / "run"
    code, _, err = _run(
        [
            "train",
            "--task",
            "sin-to-cos",
            "--cell",
            cell,
            "--steps",
            "30",
            "--hidden-size",
            "8",
            "--out",
            str(folder),
            "--quiet",
        ],
        capsys,
    )
    assert code == 0, err
    return folder


def test_export_writes_weights_history_and_pictures(tmp_path, capsys):
    folder = _trained_folder(tmp_path, capsys)
    trainer = Trainer.restore(
        *__import__("lstm_studio.io", fromlist=["load_run"]).load_run(folder / "run.lstmrun")
    )
    x = np.random.default_rng(0).normal(size=(9, 2, 1)).astype(np.float32)
    for fmt in ("safetensors", "npz", "onnx"):
        target = tmp_path / f"w.{fmt}"
        code, out, err = _run(
            ["export", str(folder), "--format", fmt, "--out", str(target)], capsys
        )
        assert code == 0, err
        assert out.strip() == str(target) and target.stat().st_size > 100
    (y,) = ort.InferenceSession(str(tmp_path / "w.onnx")).run(None, {"x": x})
    np.testing.assert_allclose(y, trainer.model.forward(x), atol=1e-5)
    code, out, err = _run(
        ["export", str(folder / "run.lstmrun"), "-f", "csv", "-o", str(tmp_path / "h.csv")], capsys
    )
    assert code == 0
    rows = list(csv.DictReader((tmp_path / "h.csv").open()))
    assert len([r for r in rows if r.get("loss")]) >= 30
    code, out, err = _run(
        [
            "export",
            str(folder),
            "--format",
            "png",
            "--out",
            str(tmp_path / "pics"),
            "--width",
            "640",
        ],
        capsys,
    )
    assert code == 0, err
    pngs = sorted(p.name for p in (tmp_path / "pics").iterdir())
    assert "loss_panel.png" in pngs and "gates_panel.png" in pngs and len(pngs) == 8
    assert (tmp_path / "pics" / "loss_panel.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    code, out, err = _run(["export", str(folder), "-f", "svg", "-o", str(tmp_path / "svg")], capsys)
    assert code == 0 and b"<svg" in (tmp_path / "svg" / "decay_panel.svg").read_bytes()


def test_export_of_a_bad_run_is_one_line_and_exit_2(tmp_path, capsys):
    (tmp_path / "junk.lstmrun").write_bytes(b"not a run")
    code, out, err = _run(
        ["export", str(tmp_path / "junk.lstmrun"), "-f", "npz", "-o", "w"], capsys
    )
    assert code == 2 and err.count("\n") == 1 and "junk.lstmrun" in err
    code, out, err = _run(["export", str(tmp_path), "-f", "npz", "-o", "w"], capsys)
    assert code == 2 and "no run.lstmrun" in err
    code, out, err = _run(["export", str(tmp_path), "-f", "jpeg", "-o", "w"], capsys)
    assert code == 2 and "invalid choice" in err


# ---------------------------------------------------------------- what a new user met
def _zh(args, capsys):
    """``_run`` with the messages and argparse's own words in Chinese."""
    from lstm_studio import translations

    translations.set_language("zh_CN")
    try:
        return _run(args, capsys)
    finally:
        translations.set_language(None)


def _no_english(text: str) -> bool:
    """No English words outside the command's and the options' names."""
    from english_words import english_words

    text = re.sub(r"lstm-studio( (tasks|train|export)\b)?", " ", text)
    return not english_words(re.sub(r"(?<![\w-])--?[a-z][\w-]*", " ", text))


def test_pictures_into_an_existing_file_say_a_folder_is_needed(tmp_path, capsys):
    folder = _trained_folder(tmp_path, capsys)
    afile = tmp_path / "afile"
    afile.write_text("mine")
    for fmt in ("png", "svg"):
        code, out, err = _run(["export", str(folder), "-f", fmt, "-o", str(afile)], capsys)
        assert code == cli.EXIT_USAGE and out == "" and err.count("\n") == 1, err
        assert err.startswith("lstm-studio export: error: --out "), err
        assert "is a file" in err and "folder" in err and fmt in err
        assert "File exists" not in err
    code, _, err = _run(["export", str(folder), "-f", "png", "-o", str(afile / "pics")], capsys)
    assert code == cli.EXIT_USAGE and "is a file, not a folder" in err
    assert afile.read_text() == "mine"
    code, _, err = _zh(["export", str(folder), "-f", "png", "-o", str(afile)], capsys)
    assert code == cli.EXIT_USAGE and err.startswith("lstm-studio export：错误：--out ")
    assert "文件夹" in err and _no_english(err.replace(str(afile), "")), err


def test_export_refuses_an_empty_out_or_a_folder_where_a_file_is_needed(
    tmp_path, capsys, monkeypatch
):
    folder = _trained_folder(tmp_path, capsys)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for fmt in ("npz", "safetensors", "onnx", "csv", "png", "svg"):
        code, out, err = _run(["export", str(folder), "-f", fmt, "-o", ""], capsys)
        assert code == cli.EXIT_USAGE and out == "" and err.count("\n") == 1, err
        assert err.startswith("lstm-studio export: error: --out is empty"), err
        assert "PosixPath" not in err
    for fmt in ("npz", "onnx", "csv"):
        for name in (".", "..", str(work) + "/."):
            code, _, err = _run(["export", str(folder), "-f", fmt, "-o", name], capsys)
            assert code == cli.EXIT_USAGE and "names a folder" in err and "such as" in err, err
            assert "PosixPath" not in err and err.count("\n") == 1
    assert list(work.iterdir()) == [] and not (tmp_path / "..npz").exists()
    code, _, err = _zh(["export", str(folder), "-f", "npz", "-o", ""], capsys)
    assert code == cli.EXIT_USAGE and err.startswith("lstm-studio export：错误：--out 为空")
    code, _, err = _zh(["export", str(folder), "-f", "csv", "-o", "."], capsys)
    assert code == cli.EXIT_USAGE and _no_english(err.replace(str(folder), "")), err
    # pictures may go into the current folder, and a weights file beside a folder of its name
    code, out, err = _run(["export", str(folder), "-f", "svg", "-o", "."], capsys)
    assert code == 0 and (work / "loss_panel.svg").is_file(), err
    code, out, err = _run(["export", str(folder), "-f", "npz", "-o", str(folder)], capsys)
    assert code == 0 and out.strip() == str(folder) + ".npz", err


def test_train_refuses_an_empty_out(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(["train", "--task", "echo", "--steps", "2", "--out", ""], capsys)
    assert code == cli.EXIT_USAGE and err.startswith("lstm-studio train: error: --out is empty")
    assert list(tmp_path.iterdir()) == []


def test_every_command_reports_its_errors_in_the_same_form(tmp_path, capsys):
    (tmp_path / "junk.lstmrun").write_bytes(b"not a run")
    cases = [
        (["export", str(tmp_path / "junk.lstmrun"), "-f", "npz", "-o", "w"], "junk.lstmrun"),
        (["export", str(tmp_path / "missing.lstmrun"), "-f", "npz", "-o", "w"], "missing"),
        (["export", str(tmp_path), "-f", "npz", "-o", "w"], "no run.lstmrun"),
    ]
    for args, words in cases:
        code, _, err = _run(args, capsys)
        assert code == cli.EXIT_USAGE and err.count("\n") == 1 and words in err, err
        assert err.startswith("lstm-studio export: error: "), err
        code, _, err = _zh(args, capsys)
        assert code == cli.EXIT_USAGE and err.startswith("lstm-studio export：错误："), err
    folder = _trained_folder(tmp_path, capsys)
    code, _, err = _run(
        ["export", str(folder), "-f", "npz", "-o", str(tmp_path / "no" / "such" / "w")], capsys
    )
    assert code == cli.EXIT_USAGE and err.startswith("lstm-studio export: error: "), err
    assert "w.npz" in err and err.count("\n") == 1
    code, _, err = _run(
        ["export", str(folder), "-f", "png", "-o", str(tmp_path / "p"), "--width", "0"], capsys
    )
    assert code == cli.EXIT_USAGE and err.startswith("lstm-studio export: error: --width must be")
    assert not (tmp_path / "p").exists()
    # an unknown option is explained by the command it was given to
    for command in (["export", str(folder), "-f", "npz", "-o", "w"], ["tasks"]):
        code, _, err = _run([*command, "--colour"], capsys)
        assert code == cli.EXIT_USAGE and "unrecognized arguments: --colour" in err
        assert err.startswith(f"lstm-studio {command[0]}: error: ")
        assert f"(see lstm-studio {command[0]} --help)" in err


def test_argparse_errors_speak_chinese(capsys):
    for args in (
        ["train", "--s", "3"],
        ["train", "--small=1"],
        ["train", "--lr", "fast"],
        ["train", "--steps", "many"],
        ["bogus"],
    ):
        code, _, err = _zh(args, capsys)
        assert code == cli.EXIT_USAGE and "错误" in err, err
        assert _no_english(re.sub(r"'[^']*'", " ", err)), err  # but the values typed


def test_every_option_of_every_command_has_help():
    parser = cli.build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert set(commands) == {"tasks", "train", "export"}
    for sub in (parser, *commands.values()):
        for action in sub._actions:
            assert action.help and action.help.strip(), (sub.prog, action.option_strings)
        assert sub.description, sub.prog


def _help_in(language: str, *args: str) -> str:
    code = f"from lstm_studio.cli import main; raise SystemExit(main({[*args, '--help']!r}))"
    env = {
        **os.environ,
        "LSTM_STUDIO_LANG": language,
        "PYTHONPATH": str(REPO_ROOT),
        "COLUMNS": "80",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_chinese_help_translates_its_placeholders():
    main_help = _help_in("zh_CN")
    usage = main_help.splitlines()[0]
    assert usage.startswith("用法：lstm-studio") and "command" not in usage, usage
    assert "[options]" not in main_help and "RUN" not in main_help and "PATH" not in main_help
    assert "位置参数：" in main_help and "选项：" in main_help and "位置参数:" not in main_help
    export_help = _help_in("zh_CN", "export")
    line = next(x for x in export_help.splitlines() if x.lstrip().startswith("--format"))
    assert "safetensors" in export_help and "{" not in line
    assert "--format 格式" in export_help and "PATH" not in export_help
    train_help = _help_in("zh_CN", "train")
    for english in ("HIDDEN_SIZE", "NAME=VALUE", "FILE.json", "LR", "DIR"):
        assert english not in train_help, english
    assert "--lr 学习率" in train_help and "--task 任务" in train_help
    # the columns are counted in terminal columns, where a Chinese character takes two
    from lstm_studio.translations import display_width

    helps = [re.match(r"(  -\S.*?\S {2,})\S", line) for line in train_help.splitlines()]
    assert {display_width(m.group(1)) for m in helps if m} == {24}
    usage = train_help.split("\n\n")[0].splitlines()
    indent = display_width("用法：lstm-studio train ")
    assert len(usage) > 2 and all(line.startswith(" " * indent + "[") for line in usage[1:])
    assert max(display_width(line) for line in train_help.splitlines()) <= 100
    english = _help_in("en", "export")
    assert "--format FORMAT" in english and "safetensors, npz or onnx" in english
    assert "command ..." in _help_in("en") and "--hidden-size HIDDEN_SIZE" in _help_in(
        "en", "train"
    )


def test_a_diverged_run_says_what_to_change(tmp_path, capsys):
    args = ["train", "--task", "sin-to-cos", "--cell", "rnn", "--optimizer", "sgd", "--lr", "10"]
    args += ["--clip", "0", "--forget-bias", "0", "--steps", "500", "-q"]
    code, out, err = _run([*args, "--out", str(tmp_path / "a")], capsys)
    assert code == cli.EXIT_DIVERGED, err
    advice = out.strip().splitlines()[-1]
    assert "--lr, now 10" in advice and "--clip, now off" in advice and "--clip 1" in advice
    code, out, err = _zh([*args, "--out", str(tmp_path / "b")], capsys)
    assert code == cli.EXIT_DIVERGED, err
    advice = out.strip().splitlines()[-1]
    assert "降低学习率（--lr，当前为 10）" in advice and "开启梯度裁剪" in advice, advice
    assert _no_english(advice), advice
    code, out, _ = _run(
        ["train", "--task", "echo", "--steps", "3", "-q", "--out", str(tmp_path / "c")], capsys
    )
    assert code == 0 and "--lr" not in out


def test_the_advice_names_the_clipping_in_use(chinese_messages):
    from lstm_studio import translations

    advice = cli.divergence_advice(0.5, 2.0)
    assert "--lr，当前为 0.5" in advice and "--clip，当前为 2" in advice and _no_english(advice)
    translations.set_language("en")
    advice = cli.divergence_advice(0.5, 2.0)
    assert "(--lr, now 0.5)" in advice and "lower the gradient clipping (--clip, now 2)" in advice


def test_chinese_picture_export_prints_only_the_files(tmp_path, capsys, qapp):
    folder = _trained_folder(tmp_path, capsys)
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "lstm-studio"),
            "export",
            str(folder),
            "-f",
            "svg",
            "-o",
            str(tmp_path / "p"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **{k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")},
            "LSTM_STUDIO_LANG": "zh_CN",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and len(result.stdout.splitlines()) == 8


def test_truncate_reaches_the_run_and_a_config_file_that_asks_too_much_is_refused(tmp_path, capsys):
    args = ["train", "--task", "sin-to-cos", "--steps", "5", "--hidden-size", "4", "-q"]
    code, _, err = _run([*args, "--truncate", "4", "--out", str(tmp_path / "run")], capsys)
    assert code == 0, err
    got = TrainConfig.from_json((tmp_path / "run" / "config.json").read_text())
    assert got.truncate == 4
    steps = TASKS["sin-to-cos"]().size_hint()[0]
    path = tmp_path / "long.json"
    path.write_text(got.replace(truncate=steps + 1).to_json())
    code, out, err = _run(["train", "--config", str(path), "--out", str(tmp_path / "r2")], capsys)
    assert code == cli.EXIT_USAGE and out == "" and err.count("\n") == 1, err
    assert f"truncating BPTT every {steps + 1} steps" in err and f"({steps} steps)" in err
    assert not (tmp_path / "r2").exists()
