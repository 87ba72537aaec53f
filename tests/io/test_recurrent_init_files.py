"""The recurrent weights' initialisation travels in run files and the weights' metadata;
files written before the choice existed open with its defaults."""

import json

import numpy as np
import onnx
import pytest

from lstm_studio.io import open_run, save_run, save_trainer
from lstm_studio.io.safetensors import load_safetensors, save_safetensors
from lstm_studio.io.weights import load_weights, save_weights
from lstm_studio.training import TrainConfig, Trainer

CHOSEN = TrainConfig.from_preset(
    "sin-to-cos",
    cell="rnn",
    hidden_size=8,
    batch_size=8,
    recurrent_init="orthogonal",
    recurrent_gain=1.5,
)


def _trained(config=CHOSEN, steps=5):
    trainer = Trainer(config)
    for _ in range(steps):
        trainer.train_step()
    return trainer


def _without_the_choice(d: dict) -> dict:
    """A config's dict as LSTM Studio wrote it before the choice existed."""
    return {k: v for k, v in d.items() if k not in ("recurrent_init", "recurrent_gain")}


def test_a_run_keeps_the_choice_and_continues_exactly(tmp_path):
    straight = Trainer(CHOSEN)
    expected = [straight.train_step() for _ in range(8)]
    first = Trainer(CHOSEN)
    losses = [first.train_step() for _ in range(5)]
    path = tmp_path / "run.lstmrun"
    save_trainer(path, first)
    meta = json.loads(load_safetensors(path)[1]["meta"])
    assert meta["config"]["recurrent_init"] == "orthogonal"
    assert meta["config"]["recurrent_gain"] == 1.5
    again = open_run(path)
    assert again.config == CHOSEN and again.model.config()["recurrent_init"] == "orthogonal"
    losses += [again.train_step() for _ in range(3)]
    assert losses == expected


def test_a_run_from_before_the_choice_opens_with_the_defaults(tmp_path):
    config = CHOSEN.replace(recurrent_init="uniform", recurrent_gain=1.0)
    trainer = _trained(config)
    path = tmp_path / "new.lstmrun"
    save_trainer(path, trainer)
    arrays, metadata = load_safetensors(path)
    meta = json.loads(metadata["meta"])
    meta["config"] = _without_the_choice(meta["config"])
    old = tmp_path / "old.lstmrun"
    save_run(old, arrays, meta)
    again = open_run(old)
    assert again.config == config
    assert (again.config.recurrent_init, again.config.recurrent_gain) == ("uniform", 1.0)
    for name, value in trainer.model.state_dict().items():
        np.testing.assert_array_equal(again.model.state_dict()[name], value)


@pytest.mark.parametrize("suffix", [".safetensors", ".npz"])
def test_the_weights_metadata_carries_the_choice(tmp_path, suffix):
    trainer = _trained()
    path = tmp_path / f"w{suffix}"
    save_weights(path, trainer.model.state_dict(), trainer.config)
    _, config = load_weights(path)
    assert config == CHOSEN
    assert (config.recurrent_init, config.recurrent_gain) == ("orthogonal", 1.5)


def test_the_onnx_metadata_carries_the_choice(tmp_path):
    trainer = _trained()
    path = tmp_path / "w.onnx"
    save_weights(path, trainer.model.state_dict(), trainer.config, trainer.model.copy())
    meta = {p.key: p.value for p in onnx.load(str(path)).metadata_props}
    model = json.loads(meta["model"])  # the SequenceModel(**...) arguments
    assert (model["recurrent_init"], model["recurrent_gain"]) == ("orthogonal", 1.5)
    assert json.loads(meta["config"])["recurrent_init"] == "orthogonal"


def test_weights_from_before_the_choice_load_with_the_defaults(tmp_path):
    config = CHOSEN.replace(recurrent_init="uniform", recurrent_gain=1.0)
    state = _trained(config).model.state_dict()
    old_json = json.dumps(_without_the_choice(config.to_dict()))
    safetensors = tmp_path / "old.safetensors"
    save_safetensors(safetensors, state, {"format": "lstm-studio", "config": old_json})
    npz = tmp_path / "old.npz"
    np.savez(npz, **state, __config__=np.array(old_json, dtype=np.str_))
    for path in (safetensors, npz):
        back, loaded = load_weights(path)
        assert loaded == config, path.name
        assert all(np.array_equal(back[k], v) for k, v in state.items())
