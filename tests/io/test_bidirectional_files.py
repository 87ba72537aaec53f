"""Bidirectional models in files: every format keeps them bit for bit and says they are
bidirectional, files from before bidirectional layers existed open as one-directional,
and weights of the other direction are refused with the difference named. (PyTorch's
``bidirectional=True`` layers load them: test_weights.py runs the README's code; ONNX:
test_onnx_export.py.)"""

import json
import re

import numpy as np
import pytest
from english_words import english_words

from lstm_studio.io import load_safetensors, open_run, save_run, save_safetensors, save_trainer
from lstm_studio.io.weights import is_bidirectional, load_weights, mismatch, save_weights
from lstm_studio.training import TrainConfig, Trainer, build_model

BOTH_WAYS = TrainConfig.from_preset(
    "sin-to-cos", hidden_size=6, num_layers=2, batch_size=8, bidirectional=True
)


def _trained(cell: str, config: TrainConfig = BOTH_WAYS, steps: int = 5) -> Trainer:
    trainer = Trainer(config.replace(cell=cell))
    for _ in range(steps):
        trainer.train_step()
    return trainer


def _assert_same_state(got: dict, want: dict) -> None:
    assert sorted(got) == sorted(want)  # safetensors keeps them sorted by name
    for name, value in want.items():
        assert got[name].dtype == value.dtype, name
        assert got[name].tobytes() == value.tobytes(), name  # bit for bit


@pytest.mark.parametrize("suffix", [".safetensors", ".npz", ".lstmrun"])
@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_a_bidirectional_model_round_trips_bit_for_bit(tmp_path, cell, suffix):
    trainer = _trained(cell)
    state = trainer.model.state_dict()
    assert "rnn.weight_ih_l1_reverse" in state and state["head.weight"].shape == (1, 12)
    path = tmp_path / f"w{suffix}"
    if suffix == ".lstmrun":
        save_trainer(path, trainer)
        again = open_run(path)
        assert again.config == trainer.config and again.model.bidirectional
        _assert_same_state(again.model.state_dict(), state)
    else:
        save_weights(path, state, trainer.config)
    back, config = load_weights(path)
    _assert_same_state(back, state)
    assert config == trainer.config and config.bidirectional is True
    assert mismatch(back, trainer.model, config, task=config.task) == []


def test_a_reopened_bidirectional_run_goes_on_exactly(tmp_path):
    config = BOTH_WAYS.replace(cell="lstm", optimizer="adam")
    straight = Trainer(config)
    expected = [straight.train_step() for _ in range(12)]
    first = Trainer(config)
    losses = [first.train_step() for _ in range(7)]
    path = tmp_path / "run.lstmrun"
    save_trainer(path, first)
    arrays, metadata = load_safetensors(path)
    assert "model.rnn.weight_hh_l1_reverse" in arrays
    assert json.loads(metadata["meta"])["config"]["bidirectional"] is True
    again = open_run(path)
    losses += [again.train_step() for _ in range(5)]
    assert losses == expected


def test_files_from_before_bidirectional_layers_open_one_directional(tmp_path):
    trainer = _trained("gru", BOTH_WAYS.replace(bidirectional=False))
    state = trainer.model.state_dict()
    old = trainer.config.to_dict()
    del old["bidirectional"]
    old_json = json.dumps(old)
    save_safetensors(
        tmp_path / "old.safetensors", state, {"format": "lstm-studio", "config": old_json}
    )
    np.savez(tmp_path / "old.npz", **state, __config__=np.array(old_json, dtype=np.str_))
    for name in ("old.safetensors", "old.npz"):
        back, config = load_weights(tmp_path / name)
        assert config == trainer.config and config.bidirectional is False, name
        _assert_same_state(back, state)
        assert not is_bidirectional(back, config)
        assert mismatch(back, trainer.model, config) == []
    save_trainer(tmp_path / "new.lstmrun", trainer)
    arrays, metadata = load_safetensors(tmp_path / "new.lstmrun")
    meta = json.loads(metadata["meta"])
    del meta["config"]["bidirectional"]
    save_run(tmp_path / "old.lstmrun", arrays, meta)
    again = open_run(tmp_path / "old.lstmrun")
    assert again.config == trainer.config and not again.model.bidirectional
    _assert_same_state(again.model.state_dict(), state)


def _models(cell: str = "lstm"):
    """(config, model) of a bidirectional and of a one-directional model, else alike."""
    both = BOTH_WAYS.replace(cell=cell, num_layers=1)
    one = both.replace(bidirectional=False)
    return (both, build_model(both, 1, 1)), (one, build_model(one, 1, 1))


def test_weights_of_the_other_direction_are_refused_with_the_difference_named():
    (both, bidi), (one, uni) = _models()
    problems = mismatch(bidi.state_dict(), uni, both, task=one.task)
    assert problems[0] == "the file holds a bidirectional lstm, this model is one-directional"
    assert "head.weight is (1, 12), the model needs (1, 6)" in problems
    assert any("rnn.weight_ih_l0_reverse" in line for line in problems)
    problems = mismatch(uni.state_dict(), bidi, one, task=both.task)
    assert problems[0] == "the file holds a one-directional lstm, this model is bidirectional"
    # weights without a config (np.savez of a state dict): their entries tell
    assert mismatch(bidi.state_dict(), uni)[0] == (
        "the file holds bidirectional weights, this model is one-directional"
    )
    assert mismatch(uni.state_dict(), bidi)[0] == (
        "the file holds one-directional weights, this model is bidirectional"
    )
    # another cell too: both differences are named
    (gru_both, gru_bidi), _ = _models("gru")
    problems = mismatch(gru_bidi.state_dict(), uni, gru_both, task=one.task)
    assert problems[0] == "the file holds a bidirectional gru, this model is one-directional"
    assert problems[1].startswith("the file holds a gru, 1 layer of 6 units")
    # the same direction: no word about it
    assert mismatch(bidi.state_dict(), bidi, both) == []


def test_a_refused_import_changes_nothing(tmp_path):
    """The window loads a file only after ``mismatch`` found nothing; the trainer's own
    loading refuses the other direction too, with its weights as they were."""
    (both, _), (one, _) = _models()
    bidi, uni = Trainer(both), Trainer(one)
    before = {k: v.copy() for k, v in uni.model.state_dict().items()}
    save_weights(tmp_path / "both.safetensors", bidi.model.state_dict(), both)
    state, config = load_weights(tmp_path / "both.safetensors")
    assert mismatch(state, uni.model, config, task=one.task)
    with pytest.raises(ValueError, match="does not fit"):
        uni.load_weights(state)
    _assert_same_state(uni.model.state_dict(), before)


def test_the_difference_is_named_in_chinese(chinese_messages):
    (both, bidi), (one, uni) = _models()
    lines = [
        mismatch(bidi.state_dict(), uni, both)[0],
        mismatch(uni.state_dict(), bidi, one)[0],
        mismatch(bidi.state_dict(), uni)[0],
        mismatch(uni.state_dict(), bidi)[0],
    ]
    assert "双向" in lines[0] and "单向" in lines[1]
    for text in lines:
        assert re.search(r"[\u4e00-\u9fff]", text), text
        assert not english_words(text), text  # the cell's code (lstm) stays as it is
