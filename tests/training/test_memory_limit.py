"""A run's memory is estimated from its sizes before anything is built, and a run past
the limit is refused with the estimate and the limit; running out of memory anyway is
said in words (issue 14)."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from lstm_studio import cli
from lstm_studio.engine import SequenceModel, memory_estimate
from lstm_studio.engine import model as engine_model
from lstm_studio.tasks import make_task
from lstm_studio.training import MemoryLimitError, TrainConfig, Trainer, memory_limit
from lstm_studio.training.config import MEMORY_LIMIT_ENV
from lstm_studio.training.loop import check_size
from lstm_studio.training.remote import _describe


def test_the_estimate_grows_with_every_size():
    base = dict(cell="lstm", input_size=2, hidden_size=64, output_size=1, num_layers=1)
    base.update(batch_size=32, steps=50)
    small = memory_estimate(**base)
    for key, bigger in [
        ("input_size", 200),
        ("hidden_size", 128),
        ("output_size", 200),
        ("num_layers", 2),
        ("batch_size", 64),
        ("steps", 100),
    ]:
        assert memory_estimate(**{**base, key: bigger}) > small, key
    assert memory_estimate(**base, dtype="float64") > small
    assert memory_estimate(**base, eval_batch=1000) > small


def _peak(config: TrainConfig) -> tuple[int, int]:
    """``(estimate, tracemalloc's peak)`` of a trainer of ``config`` built, stepped twice,
    evaluated and snapshotted (with the probe and the factor per step, as the window
    takes it)."""
    task = make_task(config.task, **config.task_params)
    estimate = check_size(config, task)
    tracemalloc.start()
    try:
        trainer = Trainer(config, task)
        for _ in range(2):
            trainer.train_step()
        trainer.evaluate()
        trainer.snapshot()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return estimate, peak


@pytest.mark.parametrize(
    "config",
    [
        TrainConfig.from_preset("text"),
        TrainConfig.from_preset("adding", hidden_size=128, batch_size=128),
        TrainConfig.from_preset("copy", cell="gru", hidden_size=64, dtype="float64"),
        TrainConfig.from_preset("adding", num_layers=2, task_params={"steps": 100}),
        # both ways: two runs a layer, the second layer reading 2H
        TrainConfig.from_preset(
            "adding", num_layers=2, task_params={"steps": 200}, bidirectional=True
        ),
        TrainConfig.from_preset("copy", cell="gru", hidden_size=64, bidirectional=True),
    ],
)
def test_the_estimate_is_near_what_a_run_takes(config):
    estimate, peak = _peak(config)
    assert peak < estimate < 2.5 * peak, (estimate, peak)


@pytest.mark.parametrize("cell", ["lstm", "gru", "rnn"])
def test_the_estimate_holds_at_the_longest_adding_problem(cell):
    # T = 2000: the held-out set (1024 sequences) would take 2.4 GB in one forward pass
    # of the LSTM; it runs in pieces, and the estimate counts one piece (measured here:
    # peaks of 0.85 GB (LSTM, GRU) and 0.43 GB (RNN), estimates 1.06 to 1.45 times that)
    config = TrainConfig.from_preset("adding", cell=cell, task_params={"steps": 2000})
    estimate, peak = _peak(config)
    assert peak < estimate < 2 * peak, (estimate, peak)
    assert peak < 1.2e9, peak


def test_a_held_out_set_of_long_sequences_is_evaluated_in_pieces(monkeypatch):
    model = SequenceModel("lstm", 2, 16, 1, 1, seed=0)
    task = make_task("adding", steps=200)
    whole = model.forward(task.heldout().x)  # (T, 1024, 1)
    chunk = model.forward_chunk(200)
    assert chunk >= 1024  # short sequences: one pass
    assert model.forward_chunk(2000) < chunk / 5  # ten times longer: fewer at once
    monkeypatch.setattr(engine_model, "FORWARD_BUDGET", 4 * 2**20)  # 4 MiB: pieces of 39
    pieces = model.forward_chunk(200)
    assert 10 < pieces < 100, pieces
    seen = []
    forward = model.forward
    monkeypatch.setattr(model, "forward", lambda x: seen.append(x.shape[1]) or forward(x))
    y = task.predict(model, task.heldout())
    assert max(seen) <= pieces and sum(seen) == 1024 and len(set(seen[:-1])) == 1, seen
    np.testing.assert_allclose(y, whole, rtol=1e-6, atol=1e-7)
    assert task.evaluate(model)["loss"] == pytest.approx(task.loss_value(whole, task.heldout()))


def test_the_layers_buffers_are_what_the_estimate_counts():
    # a pass keeps, per step and sequence, what _cache_units says: checked on the real
    # workspaces at a size of its own (T = 40, B = 3, H = 10, D = 7, two layers)
    T, B, H, D = 40, 3, 10, 7
    x = np.zeros((T, B, D))
    for cell in ("rnn", "lstm", "gru", "cifg"):
        for train in (True, False):
            model = SequenceModel(cell, D, H, 1, 2, seed=0, dtype="float64")
            if train:
                model.loss_and_gradients(x, np.zeros((T, B, 1)), "mse")
            else:
                model.forward(x)
            kept = sum(b.size for lay in model.layers for b in lay.ws._bufs.values())
            (a, c, e), (a1, e1) = engine_model._cache_units(cell, train)
            counted = T * B * (a * H + c * D + e + a1 * H + e1)
            assert 0.9 * kept < counted < 1.1 * kept, (cell, train, counted, kept)


def test_a_run_past_the_limit_is_refused_before_it_is_built(monkeypatch):
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "64")
    assert memory_limit() == 64 * 2**20
    config = TrainConfig.from_preset("adding", hidden_size=2048, num_layers=4)
    tracemalloc.start()
    with pytest.raises(MemoryLimitError) as caught:
        Trainer(config)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    text = str(caught.value)
    assert "the limit of 67 MB" in text and "4 layers of 2048 units" in text, (
        text
    )  # the limit, the model
    assert "GB" in text, text  # the estimate
    assert peak < 30e6, peak  # the model alone would be 540 MB


def test_the_limit_defaults_to_half_the_memory(monkeypatch):
    monkeypatch.delenv(MEMORY_LIMIT_ENV, raising=False)
    assert memory_limit() >= 2**29
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "nonsense")
    assert memory_limit() >= 2**29


def test_running_out_of_memory_on_the_command_line_is_a_sentence(monkeypatch, capsys):
    def exhausted(args, out=None, err=None):
        raise MemoryError

    monkeypatch.setattr(cli, "cmd_train", exhausted)
    code = cli.main(["train", "--task", "echo"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_NO_MEMORY == 4
    assert "not enough memory" in err and "Traceback" not in err and "MemoryError" not in err


def test_running_out_of_memory_in_the_training_process_is_a_sentence():
    text = _describe(MemoryError())
    assert "not enough memory" in text and "MemoryError" not in text


def test_the_command_line_refuses_a_run_past_the_limit(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(MEMORY_LIMIT_ENV, "16")
    code = cli.main(
        ["train", "--task", "adding", "--hidden-size", "1024", "--out", str(tmp_path / "r")]
    )
    err = capsys.readouterr().err
    assert code == cli.EXIT_USAGE and "the limit of 17 MB" in err, err
