"""Exported weights load where the README says they do, and a mismatch says what differs."""

import json
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pytest
import torch
from safetensors import safe_open

from lstm_studio.io.weights import WeightsFileError, load_weights, mismatch, save_weights
from lstm_studio.training import TrainConfig, Trainer

REPO = Path(__file__).resolve().parents[2]
TORCH_LAYERS = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def _trained(cell: str, layers: int = 2) -> Trainer:
    trainer = Trainer(
        TrainConfig.from_preset(
            "sin-to-cos", cell=cell, hidden_size=8, num_layers=layers, batch_size=8
        )
    )
    for _ in range(5):
        trainer.train_step()
    return trainer


def _readme_code(after: str) -> str:
    """The first Python block of README.md after the line that starts with ``after``."""
    text = (REPO / "README.md").read_text("utf-8")
    return text.split("\n" + after, 1)[1].split("```python\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_the_readme_loads_the_safetensors_file_into_torch(
    tmp_path, monkeypatch, cell, bidirectional
):
    """The README's code, run as it is (with the cell's class for torch.nn.LSTM), loads
    one-directional and bidirectional files and gives the engine's outputs."""
    config = TrainConfig.from_preset(
        "binary-addition", cell=cell, hidden_size=8, num_layers=2, bidirectional=bidirectional
    )
    trainer = Trainer(config)
    for _ in range(5):
        trainer.train_step()
    monkeypatch.chdir(tmp_path)
    save_weights("adder.safetensors", trainer.model.state_dict(), trainer.config)
    code = _readme_code("Loading the exported weights elsewhere")
    assert "torch.nn.LSTM(D, H, L, bidirectional=" in code
    code = code.replace("torch.nn.LSTM(", f"torch.nn.{TORCH_LAYERS[cell].__name__}(")
    names: dict = {}
    exec(compile(code, "README.md", "exec"), names)
    rnn, head = names["rnn"], names["head"]
    assert rnn.bidirectional == bidirectional and head.in_features == (16 if bidirectional else 8)
    np.testing.assert_allclose(
        names["y"].detach().numpy(), trainer.model.forward(names["x"].numpy()), atol=1e-5
    )
    x = np.random.default_rng(0).normal(size=(12, 3, 2)).astype(np.float32)
    expected = trainer.model.forward(x)
    with torch.no_grad():
        y = head(rnn(torch.from_numpy(x))[0]).numpy()
    np.testing.assert_allclose(y, expected, atol=1e-5)
    if bidirectional:  # the reverse runs are in use: without them the outputs differ
        with torch.no_grad():
            for name, value in rnn.named_parameters():
                if name.endswith("_reverse"):
                    value.zero_()
            assert np.abs(head(rnn(torch.from_numpy(x))[0]).numpy() - expected).max() > 1e-3


@pytest.mark.parametrize("cell", ["lstm", "peephole", "cifg"])
def test_every_format_round_trips_and_the_onnx_file_runs(tmp_path, cell):
    trainer = _trained(cell, layers=1)
    state = trainer.model.state_dict()
    for suffix in (".safetensors", ".npz"):
        save_weights(tmp_path / f"w{suffix}", state, trainer.config)
        back, config = load_weights(tmp_path / f"w{suffix}")
        assert config == trainer.config
        assert all(np.array_equal(back[k], v) for k, v in state.items())
    save_weights(tmp_path / "w.onnx", state, trainer.config, trainer.model.copy())
    session = ort.InferenceSession(str(tmp_path / "w.onnx"))
    x = np.random.default_rng(1).normal(size=(7, 2, 1)).astype(np.float32)
    (y,) = session.run(None, {"x": x})
    np.testing.assert_allclose(y, trainer.model.forward(x), atol=1e-5)


def test_a_mismatch_names_the_cell_the_sizes_and_each_entry():
    lstm, gru = _trained("lstm", 1), _trained("gru", 1)
    problems = mismatch(gru.model.state_dict(), lstm.model, gru.config)
    assert problems[0] == (
        "the file holds a gru, 1 layer of 8 units; the model is a lstm, 1 layer of 8 units"
    )
    assert "rnn.weight_ih_l0 is (24, 1), the model needs (32, 1)" in problems
    assert mismatch(lstm.model.state_dict(), lstm.model, lstm.config) == []
    partial = dict(lstm.model.state_dict())
    partial.pop("head.bias")
    partial["extra"] = np.zeros(2)
    assert mismatch(partial, lstm.model) == ["missing head.bias", "not in the model: extra"]


def test_an_unknown_or_broken_file_is_a_weights_file_error(tmp_path):
    (tmp_path / "w.txt").write_text("weights")
    with pytest.raises(WeightsFileError, match="w.txt"):
        load_weights(tmp_path / "w.txt")
    (tmp_path / "w.safetensors").write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00{bad json")
    with pytest.raises(WeightsFileError, match="w.safetensors"):
        load_weights(tmp_path / "w.safetensors")
    with pytest.raises(WeightsFileError, match="cannot be read"):
        load_weights(tmp_path / "missing.npz")
    with pytest.raises(ValueError, match="suffix"):
        save_weights(tmp_path / "w.bin", {}, TrainConfig())


def _preset_model(task: str, **changes):
    from lstm_studio.tasks import make_task
    from lstm_studio.training import build_model

    config = TrainConfig.from_preset(task, **changes)
    made = make_task(task, **config.task_params)
    return config, build_model(config, made.input_size, made.output_size)


def test_weights_of_another_task_say_so_in_words_first():
    echo_config, echo = _preset_model("echo")  # 8 inputs, 1 output per step
    adder_config, adder = _preset_model("binary-addition")  # 2 inputs, 1 output
    problems = mismatch(echo.state_dict(), adder, echo_config, task=adder_config.task)
    assert problems[0] == (
        "the file was trained on “Echo a fixed sequence”, with 8 inputs and 1 output per "
        "step; this model's task, “Binary addition”, has 2 inputs and 1 output"
    )
    assert "rnn.weight_ih_l0 is (64, 8), the model needs (64, 2)" in problems[1:]
    # without the model's task, the sizes alone
    problems = mismatch(echo.state_dict(), adder, echo_config)
    assert problems[0] == (
        "the file was trained on “Echo a fixed sequence”, with 8 inputs and 1 output per "
        "step; this model has 2 inputs and 1 output"
    )
    # a different output size too: copy's 8 outputs against the adding problem's 1
    copy_config, copy = _preset_model("copy", hidden_size=16, cell="lstm")
    adding_config, adding = _preset_model("adding", hidden_size=16, cell="lstm")
    problems = mismatch(copy.state_dict(), adding, copy_config, task="adding")
    assert problems[0] == (
        "the file was trained on “Copy / delayed recall”, with 9 inputs and 8 outputs per "
        "step; this model's task, “The adding problem”, has 2 inputs and 1 output"
    )
    assert "head.weight is (8, 16), the model needs (1, 16)" in problems
    # the same task with another input size is named too
    small_config, small = _preset_model("echo", task_params={"input_size": 4})
    problems = mismatch(echo.state_dict(), small, echo_config, task="echo")
    assert problems[0].endswith(
        "this model's task, “Echo a fixed sequence”, has 4 inputs and 1 output"
    )


def test_weights_that_fit_another_task_are_not_refused_for_it():
    """The task line explains a misfit; it never makes one (same sizes, same cell)."""
    adding_config, adding = _preset_model("adding", hidden_size=8)
    other = TrainConfig.from_preset("binary-addition", cell=adding_config.cell, hidden_size=8)
    assert mismatch(adding.state_dict(), adding, other, task="adding") == []


def test_the_weights_carry_the_truncation_and_old_files_read_as_full(tmp_path):
    trainer = Trainer(TrainConfig.from_preset("sin-to-cos", hidden_size=4, truncate=5))
    state = trainer.model.state_dict()
    for suffix in (".safetensors", ".npz"):
        save_weights(tmp_path / f"w{suffix}", state, trainer.config)
        assert load_weights(tmp_path / f"w{suffix}")[1].truncate == 5
    with safe_open(str(tmp_path / "w.safetensors"), "np") as f:
        assert json.loads(f.metadata()["config"])["truncate"] == 5
    # weights saved before truncation existed: no "truncate" in their config
    old = trainer.config.to_dict()
    del old["truncate"]
    from lstm_studio.io.safetensors import save_safetensors

    save_safetensors(tmp_path / "old.safetensors", state, metadata={"config": json.dumps(old)})
    assert load_weights(tmp_path / "old.safetensors")[1] == trainer.config.replace(truncate=0)
