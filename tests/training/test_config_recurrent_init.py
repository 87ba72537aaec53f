"""The recurrent weights' initialisation in a config: its bounds, old files, the model a
trainer builds, and its messages in both languages."""

import json

import numpy as np
import pytest

from lstm_studio.engine import RECURRENT_INITS, SequenceModel
from lstm_studio.training import FIELDS, TrainConfig, Trainer
from lstm_studio.training.loop import build_model
from lstm_studio.translations import in_language

QUICK = dict(task="binary-addition", task_params={"bits": 4}, hidden_size=8, batch_size=8)


def test_the_defaults_are_todays_model():
    cfg = TrainConfig()
    assert (cfg.recurrent_init, cfg.recurrent_gain) == ("uniform", 1.0)
    spec = FIELDS["recurrent_gain"]
    assert (spec.kind, spec.low, spec.low_open, spec.high) == (float, 0.0, True, 10.0)
    assert (spec.decimals, spec.step) == (2, 0.1)
    # right after forget_bias (the JSON's order is the dataclass's)
    keys = list(cfg.to_dict())
    assert keys[keys.index("forget_bias") + 1 : keys.index("forget_bias") + 3] == [
        "recurrent_init",
        "recurrent_gain",
    ]


@pytest.mark.parametrize("init", RECURRENT_INITS)
def test_the_choice_round_trips_and_builds_the_model(init):
    cfg = TrainConfig(**QUICK, cell="rnn", recurrent_init=init, recurrent_gain=2)
    assert isinstance(cfg.recurrent_gain, float)
    again = TrainConfig.from_json(cfg.to_json())
    assert again == cfg and json.loads(cfg.to_json())["recurrent_init"] == init
    model = build_model(cfg, 2, 1)
    assert (model.recurrent_init, model.recurrent_gain) == (init, 2.0)
    expected = SequenceModel("rnn", 2, 8, 1, recurrent_init=init, recurrent_gain=2.0)
    for name, value in expected.state_dict().items():
        np.testing.assert_array_equal(model.state_dict()[name], value)


def test_a_trainer_trains_the_model_the_config_describes():
    cfg = TrainConfig(**QUICK, cell="rnn", recurrent_init="orthogonal", recurrent_gain=1.5)
    trainer = Trainer(cfg)
    W = trainer.model.state_dict()["rnn.weight_hh_l0"]
    np.testing.assert_allclose(np.linalg.svd(W, compute_uv=False), 1.5, rtol=1e-5)
    assert trainer.model.config()["recurrent_init"] == "orthogonal"


def test_a_config_file_from_before_the_choice_loads_with_the_defaults():
    d = TrainConfig(**QUICK).to_dict()
    del d["recurrent_init"], d["recurrent_gain"]
    cfg = TrainConfig.from_json(json.dumps(d))
    assert (cfg.recurrent_init, cfg.recurrent_gain) == ("uniform", 1.0)
    assert cfg == TrainConfig(**QUICK)


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("recurrent_init", "xavier", "recurrent_init must be one of uniform, orthogonal, normal"),
        ("recurrent_init", 1, "recurrent_init must be one of"),
        ("recurrent_gain", 0, "recurrent_gain must be above 0 and at most 10"),
        ("recurrent_gain", -2.0, "recurrent_gain must be above 0"),
        ("recurrent_gain", 10.5, "recurrent_gain must be above 0 and at most 10, got 10.5"),
        ("recurrent_gain", float("nan"), "recurrent_gain must be finite"),
        ("recurrent_gain", float("inf"), "recurrent_gain must be finite"),
        ("recurrent_gain", "2", "recurrent_gain must be a number"),
        ("recurrent_gain", True, "recurrent_gain must be a number"),
    ],
)
def test_a_bad_choice_or_gain_names_the_field(field, value, words):
    with pytest.raises(ValueError, match=words):
        TrainConfig(**{field: value})
    with pytest.raises(ValueError, match=words):  # a config file the same
        TrainConfig.from_json(json.dumps({field: value}))


def test_the_messages_speak_chinese():
    with in_language("zh_CN"):
        with pytest.raises(ValueError) as init:
            TrainConfig(recurrent_init="xavier")
        with pytest.raises(ValueError) as gain:
            TrainConfig(recurrent_gain=0)
    assert "recurrent_init" in str(init.value) and "uniform, orthogonal, normal" in str(init.value)
    assert "must" not in str(init.value) and "must" not in str(gain.value)
    assert "recurrent_gain" in str(gain.value) and "10" in str(gain.value)
