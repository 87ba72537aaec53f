"""A run's memory is estimated from its sizes before anything is built, and a run past
the limit is refused with the estimate and the limit; running out of memory anyway is
said in words (issue 14)."""

from __future__ import annotations

import tracemalloc

import pytest

from lstm_studio import cli
from lstm_studio.engine import memory_estimate
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


@pytest.mark.parametrize(
    "config",
    [
        TrainConfig.from_preset("text"),
        TrainConfig.from_preset("adding", hidden_size=128, batch_size=128),
        TrainConfig.from_preset("copy", cell="gru", hidden_size=64, dtype="float64"),
    ],
)
def test_the_estimate_is_near_what_a_run_takes(config):
    task = make_task(config.task, **config.task_params)
    estimate = check_size(config, task)
    tracemalloc.start()
    trainer = Trainer(config, task)
    for _ in range(2):
        trainer.train_step()
    trainer.evaluate()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert 0.7 * peak < estimate < 4 * peak, (estimate, peak)


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
