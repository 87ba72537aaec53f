"""TrainConfig.bidirectional: checked, saved, described, refused for the tasks whose
target is a later input, carried by races and sweeps, built by the trainer."""

from __future__ import annotations

import json

import numpy as np
import pytest

from lstm_studio.tasks import TASKS, make_task
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.training.compare import LagSweep, Race
from lstm_studio.training.config import model_description, refuse_bidirectional
from lstm_studio.translations import in_language

REFUSED = {"text", "own-data", "next-prime"}


@pytest.mark.parametrize("value", ["yes", 1, 0, None, "true"])
def test_only_true_or_false(value):
    with pytest.raises(ValueError, match="bidirectional must be true or false"):
        TrainConfig(task="comes-again", bidirectional=value)
    with (
        in_language("zh_CN"),
        pytest.raises(ValueError, match="bidirectional 必须是 true 或 false"),
    ):
        TrainConfig(task="comes-again", bidirectional=value)


def test_json_round_trip_and_old_files_read_as_one_way():
    cfg = TrainConfig(task="copy", bidirectional=True)
    d = json.loads(cfg.to_json())
    assert d["bidirectional"] is True
    assert TrainConfig.from_json(cfg.to_json()) == cfg
    del d["bidirectional"]  # a config saved before the field existed
    assert TrainConfig.from_dict(d).bidirectional is False
    assert TrainConfig().bidirectional is False


def test_the_model_description_says_it_in_both_languages():
    assert model_description("lstm", 1, 32) == "lstm, 1 layer of 32 units"
    assert model_description("lstm", 1, 32, True) == "bidirectional lstm, 1 layer of 32 units"
    cfg = TrainConfig(task="adding", cell="gru", hidden_size=8, num_layers=2, bidirectional=True)
    assert cfg.model_description() == "bidirectional gru, 2 layers of 8 units"
    with in_language("zh_CN"):
        assert cfg.model_description().startswith("双向 gru，")
        assert "双向" not in TrainConfig(task="adding").model_description()


def _task_data(name, tmp_path):
    """A task instance and a batch of it (own data reads a small CSV)."""
    params = {}
    if name == "own-data":
        path = tmp_path / "rows.csv"
        path.write_text("a,b\n" + "\n".join(f"{k},{k % 7}" for k in range(200)) + "\n")
        params = {"path": str(path)}
    task = make_task(name, **params)
    return task, task.sample(np.random.default_rng(0), 4), params


@pytest.mark.parametrize("name", list(TASKS))
def test_the_attribute_says_whether_a_scored_target_is_a_later_input(name, tmp_path):
    """Checked on the task's own data: where the attribute is True the target at t
    equals the input at t + 1 (next prime scores only its last step, whose target is
    the prime after the window); where it is False, no scored step has a later input
    equal to its target (adding scores its last step alone: no later step at all)."""
    task, batch, params = _task_data(name, tmp_path)
    T = batch.x.shape[0]
    scored = np.ones(T, bool) if batch.mask is None else np.asarray(batch.mask, bool)
    assert task.target_is_later_input == (name in REFUSED)
    if name in REFUSED:
        if task.loss == "cross_entropy":
            nxt = batch.x[1:].argmax(axis=2)  # (T-1, B) the next character
            assert (batch.target[:-1] == nxt).all()
        else:
            np.testing.assert_allclose(batch.target[:-1], batch.x[1:], atol=1e-6)
        assert scored[:-1].all() or name == "next-prime"
    elif name == "adding":
        assert scored[-1] and not scored[:-1].any()  # the last step only: nothing after it
    elif name in ("copy",):  # after the recall steps begin, inputs are only the flag
        k = task.values["length"]
        assert not batch.x[-k:, :, :-1].any()
    # the config follows the attribute
    if name in REFUSED:
        with pytest.raises(ValueError, match="copy the next input instead of predicting it"):
            TrainConfig(task=name, task_params=params, bidirectional=True)
        assert refuse_bidirectional(name) is not None
    else:
        assert TrainConfig(task=name, task_params=params, bidirectional=True).bidirectional
        assert refuse_bidirectional(name) is None


def test_the_refusal_is_in_the_users_language():
    with in_language("zh_CN"):
        with pytest.raises(ValueError) as e:
            TrainConfig(task="text", bidirectional=True)
    text = str(e.value)
    assert "双向" in text and "照抄下一个输入" in text and "字符级文本" in text
    with in_language("en"), pytest.raises(ValueError, match="cannot train on Character-level text"):
        TrainConfig(task="text", bidirectional=True)
    # a task changed under a bidirectional config is refused too
    with pytest.raises(ValueError, match="reads the sequence backwards"):
        TrainConfig(task="copy", bidirectional=True).replace(task="text", task_params={})


def test_the_trainer_builds_a_bidirectional_model_and_counts_its_memory():
    one = TrainConfig(task="comes-again", hidden_size=8, steps=2)
    both = one.replace(bidirectional=True)
    t1, t2 = Trainer(one), Trainer(both)
    assert not t1.model.bidirectional and t2.model.bidirectional
    assert t2.model.num_directions == 2
    assert "rnn.weight_ih_l0_reverse" in t2.model.parameters()
    size = dict(D=8, O=1, T=10)
    assert both.memory_estimate(size["D"], size["O"], size["T"]) > one.memory_estimate(
        size["D"], size["O"], size["T"]
    )
    t2.train_step()  # it trains


def test_a_race_and_a_sweep_carry_the_flag():
    cfg = TrainConfig.from_preset("copy", small=True, steps=2, bidirectional=True)
    race = Race(cfg, ["rnn", "lstm"])
    assert all(race.trainers[c].config.bidirectional for c in race.cells)
    assert all(race.trainers[c].model.bidirectional for c in race.cells)
    sweep = LagSweep(cfg, ["rnn", "gru"], lags=(2, 4), steps=2)
    assert sweep.config.bidirectional
    assert all(sweep.run_config(c, lag).bidirectional for c in ("rnn", "gru") for lag in (2, 4))
