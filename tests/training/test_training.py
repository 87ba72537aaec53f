"""The training loop, driven directly: no Qt, no window."""

import dataclasses
import json
import math
import threading

import numpy as np
import pytest

from lstm_studio.training import Control, History, TrainConfig, Trainer, train

QUICK = dict(task="binary-addition", task_params={"bits": 4}, hidden_size=8, batch_size=8)


# plain SGD at lr 10 without clipping: a few steps to Inf
DIVERGES = TrainConfig(
    task="sin-to-cos", cell="rnn", optimizer="sgd", lr=10.0, clip=0.0, steps=500, hidden_size=16
)


def _cfg(**kw):
    return TrainConfig(**{**QUICK, **kw})


def _losses(trainer):
    return trainer.history.steps()["loss"]


def _drain(gen):
    return list(gen)


class FakeClock:
    """Time advances only when the test says so (and by `tick` per call)."""

    def __init__(self, tick=0.0):
        self.t, self.tick = 0.0, tick

    def __call__(self):
        self.t += self.tick
        return self.t


# ---------------------------------------------------------------- config
def test_config_round_trips_through_json():
    cfg = TrainConfig.from_preset("copy", task_params={"delay": 20}, seed=3, clip=0.0)
    again = TrainConfig.from_json(cfg.to_json())
    assert again == cfg
    assert json.loads(cfg.to_json())["task_params"] == {"delay": 20}
    assert cfg.cell == TrainConfig.from_preset("copy").cell  # the preset filled the rest


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("task", "adder", "task must be one of"),
        ("cell", "transformer", "cell must be one of"),
        ("hidden_size", 0, "hidden_size must be in 1"),
        ("hidden_size", 2.5, "hidden_size must be a whole number"),
        ("num_layers", 5, "num_layers must be in 1 .. 4"),
        ("optimizer", "lbfgs", "optimizer must be one of"),
        ("lr", 0, "lr must be above 0"),
        ("lr", float("nan"), "lr must be finite"),
        ("clip", -1, "clip must be at least 0"),
        ("truncate", -1, "truncate must be in 0 .. 1000000, got -1"),
        ("truncate", 10**6 + 1, "truncate must be in 0 .. 1000000"),
        ("truncate", 2.5, "truncate must be a whole number"),
        ("batch_size", 0, "batch_size must be in 1"),
        ("steps", True, "steps must be a whole number"),
        ("seed", -1, "seed must be in 0"),
        ("dtype", "float16", "dtype must be one of"),
        ("eval_every", 0, "eval_every"),
        ("snapshot_hz", 0, "snapshot_hz must be above 0"),
        ("stop_when_solved", "yes", "stop_when_solved must be true or false"),
        ("task_params", {"bitz": 3}, "no parameter 'bitz'"),
        ("task_params", {"bits": 1}, "'bits' must be in 2 .. 32"),
    ],
)
def test_bad_config_names_the_field(field, value, words):
    with pytest.raises(ValueError, match=words):
        TrainConfig(**{field: value})


def test_config_is_frozen_and_momentum_needs_sgd():
    cfg = TrainConfig()
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.lr = 1.0
    with pytest.raises(TypeError):
        cfg.task_params["bits"] = 3
    with pytest.raises(ValueError, match="momentum applies to sgd"):
        TrainConfig(optimizer="adam", momentum=0.9)
    assert TrainConfig(optimizer="sgd", momentum=0.9).momentum == 0.9


def test_config_file_errors_are_clear():
    with pytest.raises(ValueError, match="not valid JSON"):
        TrainConfig.from_json("{nope")
    with pytest.raises(ValueError, match="unknown config field 'colour'"):
        TrainConfig.from_json('{"colour": "red"}')
    with pytest.raises(ValueError, match="config_version 99"):
        TrainConfig.from_json('{"config_version": 99}')


# ---------------------------------------------------------------- the loop
def test_snapshots_start_untrained_and_end_done():
    snaps = _drain(train(_cfg(steps=30, eval_every=10)))
    first, last = snaps[0], snaps[-1]
    assert first.step == 0 and first.status == "running" and math.isnan(first.loss)
    assert last.done and last.status == "finished" and last.step == 30
    assert last.eval_step == 30  # the final weights are evaluated
    assert all(not s.done for s in snaps[:-1])
    steps = np.concatenate([s.new_steps["step"] for s in snaps])
    assert steps.tolist() == list(range(1, 31))  # every row handed out exactly once
    evals = np.concatenate([s.new_evals["step"] for s in snaps])
    assert evals.tolist() == [0, 10, 20, 30]


def test_snapshot_rate_is_capped_by_steps_and_by_time():
    clock = FakeClock(tick=0.001)  # never too soon for 1000 a second
    every = _drain(Trainer(_cfg(steps=40, snapshot_every=10, snapshot_hz=1000), clock=clock).run())
    assert [s.step for s in every] == [0, 10, 20, 30, 40, 40]
    # with a clock that moves 1 ms per reading, 20 per second means one per 50 ms
    clock = FakeClock(tick=0.001)
    timed = _drain(Trainer(_cfg(steps=200, snapshot_hz=20), clock=clock).run(probes=False))
    gaps = np.diff([s.step for s in timed[1:-1]])
    assert len(timed) < 40 and gaps.min() >= 5


def test_snapshot_arrays_are_read_only_copies():
    trainer = Trainer(_cfg(steps=5, cell="lstm", num_layers=2))
    snaps = _drain(trainer.run())
    probe = snaps[-1].probe
    T = trainer.task.probe().x.shape[0]
    assert set(probe.layers[0]) == {"i", "f", "g", "o", "c", "h"} and len(probe.layers) == 2
    h = probe.layers[1]["h"]
    assert h.shape == (T, 8) and not h.flags.writeable
    with pytest.raises(ValueError):
        h[0, 0] = 1.0
    before = h.copy()
    for p in trainer.model.parameters().values():
        p += 1.0  # the model moves on; the snapshot does not
    trainer.probe()
    assert np.array_equal(h, before)
    assert probe.dh_norms.shape == (2, T) and probe.dc_norms.shape == (2, T)
    assert probe.decay_dh.shape == (2, probe.decay_tau + 1)
    assert probe.predictions.min() >= 0 and probe.predictions.max() <= 1  # bce: probabilities
    assert set(snaps[-1].param_grad_norms) == set(trainer.model.state_dict())


def test_same_config_same_run():
    a, b = Trainer(_cfg(steps=60, seed=4)), Trainer(_cfg(steps=60, seed=4))
    _drain(a.run())
    _drain(b.run())
    assert np.array_equal(_losses(a), _losses(b))
    c = Trainer(_cfg(steps=60, seed=5))
    _drain(c.run())
    assert not np.array_equal(_losses(a), _losses(c))


def test_pausing_and_resuming_changes_nothing():
    whole = Trainer(_cfg(steps=80))
    _drain(whole.run())

    control = Control()
    paused = Trainer(_cfg(steps=80, snapshot_every=5, snapshot_hz=1000), clock=FakeClock(0.001))
    seen = []
    paused_at = threading.Event()
    asked = []  # the pause, asked for once

    def consume():  # the worker thread: pauses itself once, past step 20
        for snap in paused.run(control):
            seen.append(snap)
            if snap.step >= 20 and not paused_at.is_set() and not asked:
                control.pause()
                asked.append(snap.step)
            if snap.status == "paused":
                paused_at.set()

    worker = threading.Thread(target=consume)
    worker.start()
    assert paused_at.wait(timeout=30)
    n = len(seen)
    control.step(3)  # three single steps, a snapshot each
    for _ in range(3000):
        if len(seen) >= n + 3:
            break
        threading.Event().wait(0.01)
    assert [s.status for s in seen[n : n + 3]] == ["paused"] * 3
    assert [s.step for s in seen[n : n + 3]] == [seen[n - 1].step + k for k in (1, 2, 3)]
    control.resume()
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert seen[-1].status == "finished"
    assert np.array_equal(_losses(whole), _losses(paused))


def test_stepping_while_paused_yields_one_snapshot_per_step():
    control = Control()
    control.step(3)
    trainer = Trainer(_cfg(steps=50))
    gen = trainer.run(control)
    snaps = [next(gen) for _ in range(4)]  # the start, then one per requested step
    assert [s.step for s in snaps] == [0, 1, 2, 3]
    assert all(s.status == "paused" for s in snaps[1:])
    control.stop()
    last = next(gen)
    assert last.status == "stopped" and last.step == 3
    with pytest.raises(StopIteration):
        next(gen)


def test_saving_and_restoring_a_run_continues_it_exactly():
    whole = Trainer(_cfg(steps=70, optimizer="adam"))
    _drain(whole.run())

    first = Trainer(_cfg(steps=70, optimizer="adam"))
    gen = first.run(control := Control())
    for snap in gen:
        if snap.step >= 30:
            control.stop()
    arrays, meta = first.state()
    meta = json.loads(json.dumps(meta))  # what a file would hold
    second = Trainer.restore(arrays, meta)
    _drain(second.run())
    assert second.step == 70
    assert np.array_equal(_losses(whole), _losses(second))


def test_a_run_paused_stepped_saved_and_reopened_has_the_losses_of_a_straight_run():
    straight = Trainer(_cfg(steps=60))
    _drain(straight.run(probes=False))

    control = Control()
    first = Trainer(_cfg(steps=60, snapshot_hz=1000), clock=FakeClock(0.001))
    gen = first.run(control, probes=False)
    for snap in gen:
        if snap.step >= 20 and snap.status == "running":
            control.pause()
        if snap.status == "paused":
            break
    paused_at = snap.step
    control.step(3)
    assert [next(gen).step for _ in range(3)] == [paused_at + 1, paused_at + 2, paused_at + 3]
    arrays, meta = first.state()
    meta = json.loads(json.dumps(meta))  # what a file would hold
    again = Trainer.restore(arrays, meta)
    snaps = _drain(again.run(probes=False))
    assert snaps[0].new_steps["step"].tolist() == list(range(1, paused_at + 4))  # it all
    assert again.step == 60
    assert np.array_equal(_losses(straight), _losses(again))


def test_learning_rate_and_clip_change_between_steps():
    control = Control()
    trainer = Trainer(_cfg(steps=40, snapshot_every=10, snapshot_hz=1000), clock=FakeClock(0.001))
    for snap in trainer.run(control):
        if snap.step == 10:
            control.set_lr(0.5)
            control.set_clip(0.0)
    lr = trainer.history.steps()["lr"]
    assert np.all(lr[:10] == TrainConfig().lr) and np.all(lr[10:] == 0.5)
    assert trainer.clip == 0.0 and snap.lr == 0.5
    with pytest.raises(ValueError, match="lr must be"):
        control.set_lr(-1)
    with pytest.raises(ValueError, match="clip must be"):
        control.set_clip(float("inf"))


def test_stop_when_solved_stops_at_the_evaluation_that_solves():
    cfg = TrainConfig.from_preset("binary-addition", stop_when_solved=True, eval_every=10)
    trainer = Trainer(cfg)
    last = _drain(trainer.run(probes=False))[-1]
    assert last.status == "solved" and last.solved and last.step % 10 == 0
    assert last.step < cfg.steps
    evals = trainer.history.evals()
    assert evals["sum_accuracy"][-1] == 1.0 and np.all(evals["sum_accuracy"][:-1] < 1.0)


def test_the_step_that_first_solved_it_is_kept_and_survives_a_save():
    cfg = TrainConfig.from_preset("binary-addition", eval_every=10, steps=400)
    trainer = Trainer(cfg)
    snaps = _drain(trainer.run(probes=False))
    evals = trainer.history.evals()
    first = int(evals["step"][np.flatnonzero(evals["sum_accuracy"] == 1.0)[0]])
    assert first < 400 and trainer.solved_at == first == snaps[-1].solved_at
    assert all(s.solved_at in (None, first) for s in snaps)
    arrays, meta = trainer.state()
    assert Trainer.restore(arrays, meta).solved_at == first
    older = {k: v for k, v in meta.items() if k != "solved_at"}  # a run saved before
    assert Trainer.restore(arrays, older).solved_at == first  # found in the history
    unsolved = Trainer(cfg.replace(steps=5))
    assert unsolved.solved_at is None
    assert Trainer.restore(*unsolved.state()).solved_at is None


def test_divergence_stops_and_keeps_the_last_finite_weights():
    cfg = DIVERGES
    trainer = Trainer(cfg)
    last = _drain(trainer.run(probes=False))[-1]
    assert last.status == "diverged"
    n = last.step
    assert f"diverged at step {n + 1}" in last.message and "gradient norm" in last.message
    assert all(np.isfinite(p).all() for p in trainer.model.parameters().values())
    # the weights are exactly those after step n
    again = Trainer(cfg)
    for _ in range(n):
        again.train_step()
    for k, v in again.model.state_dict().items():
        assert np.array_equal(v, trainer.model.state_dict()[k]), k


# ---------------------------------------------------------------- history
def test_history_thins_old_rows_and_keeps_totals():
    h = History(("loss",), capacity=64)
    rng = np.random.default_rng(0)
    losses = rng.random(1000)
    grads = rng.random(1000)
    for k in range(1000):
        h.add_step(k + 1, k * 0.01, losses[k], 0.1, grads[k])
    s = h.steps()
    assert len(h) <= 64 and h.thinned > 0
    assert s["count"].sum() == 1000  # every step is accounted for
    assert np.all(np.diff(s["step"]) > 0) and s["step"][-1] == 1000
    # the mean loss survives thinning, and so does the largest gradient norm
    assert np.average(s["loss"], weights=s["count"]) == pytest.approx(losses.mean())
    assert s["grad_norm"].max() == grads.max()
    assert np.all(s["count"][-32:] == 1)  # the newest half keeps one row per step


def test_history_of_a_million_steps_stays_small():
    h = History(("loss", "accuracy"))
    for k in range(1, 1_000_001):
        h.add_step(k, k * 1e-3, 1.0 / k, 0.01, 1.0)
        if k % 50 == 0:
            h.add_eval(k, k * 1e-3, {"loss": 1.0, "accuracy": 0.5})
    s = h.steps()
    assert len(h) <= h.capacity and s["count"].sum() == 1_000_000
    assert h.num_evals == 20_000  # fewer than the 65,536 evaluation rows: none thinned
    assert h.nbytes() < 20e6


def test_evaluation_rows_are_bounded_and_snapshots_miss_none():
    """The training process grew about 2.5 MB a minute once its step rows were full:
    the evaluation rows were Python tuples, kept for ever."""
    h = History(("loss",), capacity=64)  # 16 evaluation rows
    for k in range(1, 10_001):
        h.add_eval(k, k * 1e-3, {"loss": 1.0 / k})
        assert h.num_evals <= h.eval_capacity == 16
    e = h.evals()
    assert e["step"][-8:].tolist() == list(range(9993, 10_001))  # the newest half is whole
    assert np.all(np.diff(e["step"]) > 0) and e["loss"][-1] == 1e-4
    assert h.nbytes() == 6 * 64 * 8 + 16 * 3 * 8  # the same after 10,000 as after 16

    config = TrainConfig(**QUICK, eval_every=1, steps=500, stop_when_solved=False)
    trainer = Trainer(config)
    trainer.history = History(tuple(trainer.metrics), capacity=64)
    trainer.history.add_eval(0, 0.0, trainer.metrics)
    seen = trainer.snapshot(probe=False).new_evals["step"].tolist()
    for _ in range(300):
        assert trainer.advance() is None
        seen.extend(trainer.snapshot(probe=False).new_evals["step"].tolist())
    assert seen == list(range(301))  # every evaluation handed out once, in order


def test_history_csv_has_a_row_per_step_and_the_evaluations():
    trainer = Trainer(_cfg(steps=20, eval_every=10))
    _drain(trainer.run(probes=False))
    lines = trainer.history.to_csv().splitlines()
    head = lines[0].split(",")
    assert head[:3] == ["step", "time_s", "loss"] and "heldout_sum_accuracy" in head
    assert len(lines) == 1 + 21  # step 0 (the untrained evaluation) and 1 .. 20
    row10 = dict(zip(head, lines[11].split(","), strict=True))
    assert row10["step"] == "10" and row10["heldout_loss"] != ""
    assert dict(zip(head, lines[5].split(","), strict=True))["heldout_loss"] == ""


def test_slow_motion_waits_between_steps_and_a_stop_cuts_it_short():
    import time

    control = Control()
    control.set_delay(0.05)
    trainer = Trainer(_cfg(steps=6))
    t0 = time.perf_counter()
    snaps = _drain(trainer.run(control, probes=False))
    took = time.perf_counter() - t0
    assert took >= 6 * 0.05 * 0.9
    assert len(snaps) >= 7  # at this pace every step gets its snapshot
    control = Control()
    control.set_delay(30)
    gen = Trainer(_cfg(steps=6)).run(control, probes=False)
    next(gen)
    threading.Timer(0.2, control.stop).start()
    t0 = time.perf_counter()
    assert _drain(gen)[-1].status == "stopped"
    assert time.perf_counter() - t0 < 5
    with pytest.raises(ValueError, match="delay"):
        control.set_delay(-1)


def test_text_tasks_write_a_sample_at_each_evaluation():
    control = Control()
    trainer = Trainer(
        TrainConfig(task="text", task_params={"steps": 16}, hidden_size=8, steps=4, eval_every=2)
    )
    snaps = _drain(trainer.run(control))
    sample = snaps[-1].sample
    assert len(sample) == 160 and set(sample) <= set(trainer.task.vocab)
    assert snaps[-1].param_norms.keys() == trainer.model.state_dict().keys()
    # greedy sampling (temperature 0) is what the model finds most likely
    trainer.temperature = 0.0
    trainer._write_sample()
    greedy = trainer.sample_text
    assert greedy == trainer.task.generate(trainer.model, "", 160, 0.0)
    assert Trainer(_cfg(steps=1)).snapshot(probe=False).sample == ""  # not a text task


def test_snapshots_hand_out_every_step_even_when_the_history_thins(monkeypatch):
    monkeypatch.setattr(Trainer, "history_capacity", 16)
    trainer = Trainer(_cfg(steps=40, snapshot_every=3, snapshot_hz=1000), clock=FakeClock(0.001))
    snaps = _drain(trainer.run(probes=False))
    assert trainer.history.thinned > 0
    steps = np.concatenate([s.new_steps["step"] for s in snaps])
    assert steps.tolist() == list(range(1, 41))


def test_resume_drops_single_steps_still_queued():
    control = Control()
    control.step(3)
    control.resume()
    control.pause()
    gen = Trainer(_cfg(steps=50)).run(control, probes=False)
    assert next(gen).step == 0
    paused = next(gen)  # the pause, announced: not one of the three steps was taken
    assert paused.status == "paused" and paused.step == 0
    control.stop()
    assert next(gen).step == 0


def test_a_diverged_run_is_evaluated_with_the_weights_it_kept():
    cfg = DIVERGES
    trainer = Trainer(cfg)
    last = _drain(trainer.run(probes=False))[-1]
    assert last.status == "diverged" and last.eval_step == last.step
    assert all(math.isfinite(v) for v in last.param_norms.values())


def test_a_config_with_a_list_for_a_name_is_a_clear_error():
    with pytest.raises(ValueError, match="task must be one of"):
        TrainConfig.from_json('{"task": ["adding"]}')


# ---------------------------------------------------------------- truncated BPTT
def test_truncate_defaults_to_full_and_an_old_config_without_it_reads_as_full():
    assert TrainConfig().truncate == 0
    d = _cfg(truncate=3).to_dict()
    assert d["truncate"] == 3 and TrainConfig.from_dict(d).truncate == 3
    del d["truncate"]  # a config written before truncation existed
    assert TrainConfig.from_dict(d).truncate == 0


def test_a_truncation_longer_than_the_tasks_sequences_is_refused_before_a_model():
    from lstm_studio.tasks import make_task

    steps = make_task("binary-addition", bits=4).size_hint()[0]  # 5: 4 bits and a carry
    with pytest.raises(
        ValueError, match=rf"truncating BPTT every {steps + 1} steps .*\({steps} steps\)"
    ):
        Trainer(_cfg(truncate=steps + 1))
    assert Trainer(_cfg(truncate=steps)).config.truncate == steps  # as long: full BPTT


def test_training_and_the_probe_use_the_truncated_gradient():
    trainer = Trainer(_cfg(cell="rnn", truncate=2, dtype="float64", steps=3))
    rng = np.random.default_rng([trainer.config.seed, 1])
    batch = trainer.task.sample(rng, trainer.config.batch_size)
    model = trainer.model.copy()
    _, expected = model.loss_and_gradients(
        batch.x, batch.target, trainer.task.loss, batch.mask, truncate=2
    )
    _, full = model.loss_and_gradients(batch.x, batch.target, trainer.task.loss, batch.mask)
    trainer.train_step()
    for name, g in trainer._last_grads.items():
        np.testing.assert_array_equal(g, expected[name])
    assert not np.allclose(full["rnn.weight_hh_l0"], expected["rnn.weight_hh_l0"])
    probe = trainer.snapshot().probe
    tau = probe.decay_tau
    cut = (tau // 2) * 2  # the last cut at or before tau
    assert np.all(probe.decay_dh[:, :cut] == 0) and np.all(probe.decay_dh[:, cut:] > 0)
    # the norms of dL/dh_t too: at the step before each cut only the head's part is left
    untruncated = Trainer(_cfg(cell="rnn", dtype="float64", steps=3)).snapshot().probe
    assert not np.allclose(probe.dh_norms, untruncated.dh_norms)


def test_a_saved_run_keeps_its_truncation():
    trainer = Trainer(_cfg(truncate=3, steps=10))
    _drain(trainer.run())
    arrays, meta = trainer.state()
    again = Trainer.restore(arrays, json.loads(json.dumps(meta)))
    assert again.config.truncate == 3
