"""The learner's probe and the sample are looks at the model: choosing them never
changes the run (its losses, weights, data stream), they are saved with the run, and
they reach the training process as a request and a command."""

import numpy as np
import pytest

from lstm_studio.tasks.base import ProbeError
from lstm_studio.training import Control, Driver, TrainConfig, Trainer
from lstm_studio.training.commands import Request, Resume, SetSampling, SetTemperature
from lstm_studio.training.remote import Answer, TrainingProcess, Update

ADDER = TrainConfig.from_preset("binary-addition", steps=40, eval_every=10, seed=3)
TEXT = TrainConfig.from_preset("text", hidden_size=16, steps=6, eval_every=3, seed=1)


def _losses(trainer, steps, between=lambda k: None):
    out = []
    for k in range(steps):
        between(k)
        out.append(trainer.train_step())
    return out


def test_probe_edits_leave_the_run_exactly_as_it_was():
    plain, edited = Trainer(ADDER), Trainer(ADDER)
    probes = [{"a": 5, "b": 9}, None, {"a": 255, "b": 255}, {"b": 1}]

    def edit(k):
        if k % 7 == 3:
            snap = edited.set_probe(probes[(k // 7) % len(probes)])
            assert snap.probe is not None

    assert _losses(plain, 30) == _losses(edited, 30, edit)
    for k, v in plain.model.parameters().items():
        np.testing.assert_array_equal(v, edited.model.parameters()[k])
    assert plain.rng.bit_generator.state == edited.rng.bit_generator.state
    np.testing.assert_array_equal(plain.history.steps()["loss"], edited.history.steps()["loss"])


def test_the_snapshot_shows_the_learners_probe_on_the_current_weights():
    t = Trainer(ADDER)
    _losses(t, 5)
    snap = t.set_probe({"a": 6, "b": 3})
    assert snap.probe_values == {"a": 6, "b": 3}
    batch = t.task.make_probe({"a": 6, "b": 3})
    np.testing.assert_array_equal(snap.probe.inputs, batch.x[:, 0])
    np.testing.assert_array_equal(snap.probe.targets, batch.target[:, 0])
    np.testing.assert_allclose(snap.probe.outputs, t.model.forward(batch.x)[:, 0], rtol=1e-6)
    assert t.snapshot().probe_values == {"a": 6, "b": 3}  # it stays until changed
    back = t.set_probe(None)
    assert back.probe_values is None
    np.testing.assert_array_equal(back.probe.inputs, t.task.probe().x[:, 0])


def test_a_refused_probe_changes_nothing():
    t = Trainer(ADDER)
    t.set_probe({"a": 7, "b": 1})
    with pytest.raises(ProbeError) as e:
        t.set_probe({"a": 7, "b": 1000})
    assert e.value.field == "b"
    assert t.probe_values == {"a": 7, "b": 1}
    np.testing.assert_array_equal(
        t.snapshot().probe.inputs, t.task.make_probe({"a": 7, "b": 1}).x[:, 0]
    )


def test_the_probe_and_the_sample_settings_are_saved_with_the_run():
    t = Trainer(TEXT)
    _losses(t, 3)
    t.set_probe({"prompt": "the sea"})
    t.apply(SetSampling(40, 11))
    arrays, meta = t.state()
    back = Trainer.restore(arrays, meta)
    assert back.probe_values == {"prompt": "the sea"}
    assert (back.sample_length, back.sample_seed) == (40, 11)
    assert back.sample_text == t.sample_text and len(back.sample_text) == 40
    np.testing.assert_array_equal(back.snapshot().probe.inputs, t.snapshot().probe.inputs)
    # a run file from before: the held-out example, 160 characters a new seed each time
    old = {k: v for k, v in meta.items() if k not in ("probe", "sampling")}
    older = Trainer.restore(arrays, old)
    assert older.probe_values is None and older.sample_length == 160
    assert older.sample_seed is None
    meta["probe"] = {"prompt": "the жsea"}  # a damaged (or hand-edited) file
    with pytest.raises(ValueError, match="'ж'"):
        Trainer.restore(arrays, meta)


def test_a_prompt_is_what_the_sample_continues_and_a_seed_repeats_it():
    t = Trainer(TEXT)
    snap = t.set_probe({"prompt": "To be"})
    assert snap.sample_prompt == "To be"
    t.apply(SetSampling(30, 4))
    first = t.sample_text
    assert first == t.task.generate(t.model, "To be", 30, t.temperature, seed=4)
    t.apply(SetSampling(30, 5))
    assert t.sample_text != first
    t.apply(SetSampling(30, 4))
    assert t.sample_text == first
    t.apply(SetTemperature(0.0))  # greedy: the likeliest character every time
    assert t.sample_text == t.task.generate(t.model, "To be", 30, 0.0, seed=99)


def test_settings_after_the_end_write_at_once_and_keep_the_status():
    control = Control()
    t = Trainer(TEXT)
    driver = Driver(t, control)
    snaps = list(driver.run())  # the whole budget: 6 steps
    assert snaps[-1].status == "finished"
    run = driver.run()  # the window's training process drives it again after the end
    control.put(SetTemperature(0.0))
    after = next(run)
    assert after.status == "finished" and after.step == 6
    assert after.sample == t.task.generate(t.model, "", 160, 0.0, seed=6)
    control.put(SetSampling(20, 3))
    again = next(run)
    assert again.status == "finished" and len(again.sample) == 20


def test_the_window_asks_the_training_process_for_a_probe():
    child = TrainingProcess()
    try:
        child.recv()  # Ready
        child.open(1, ADDER)
        child.send(1, Request("set_probe", ({"a": 12, "b": 30},), jid=4))
        child.send(1, Request("set_probe", ({"a": -1},), jid=5))
        child.send(1, Resume())
        answers = {}
        while len(answers) < 2:
            m = child.recv()
            if isinstance(m, Answer):
                answers[m.jid] = m
        assert answers[4].error is None and answers[4].value.probe_values == {"a": 12, "b": 30}
        assert answers[5].value is None and "0 .. 255" in answers[5].error
        while True:  # training goes on with the learner's probe
            m = child.recv()
            if isinstance(m, Update) and m.snapshot.step > 0:
                assert m.snapshot.probe_values == {"a": 12, "b": 30}
                break
    finally:
        child.close()
