"""``lstm-studio train`` and ``lstm-studio tasks``, called the way a shell calls them."""

import csv
import json
import os
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
