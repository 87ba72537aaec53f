"""Which unit tracks what: Pearson r of every unit with every feature of a text, the
ranking, the chance level and the baselines, the request, and a real trained run."""

import math
import pickle
import time

import numpy as np
import pytest

from lstm_studio.engine import SequenceModel
from lstm_studio.tasks import make_task
from lstm_studio.tasks.features import text_features
from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.training import units as units_module
from lstm_studio.training.commands import REQUESTS, Request
from lstm_studio.training.units import (
    UnitReport,
    analysed_text,
    correlations,
    is_text_task,
    trainer_report,
    unit_report,
)

LINES = ('The cat sat (on "the" mat).', "A dog ran, and ran.", 'He said "no".', "Oh (well)!")
# lines in a random order: a periodic text would line up with itself when slid along
TEXT = "".join(LINES[k] + "\n" for k in np.random.default_rng(5).integers(0, 4, 14))


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    """An own text file in English, with quotes and brackets (the Sonnets have none)."""
    path = tmp_path_factory.mktemp("text") / "cats.txt"
    path.write_text(TEXT * 5, "utf-8")
    return make_task("own-data", path=str(path), steps=16)


def test_correlations_are_pearsons_r_and_undefined_for_a_constant_column():
    rng = np.random.default_rng(0)
    v = rng.standard_normal((300, 5))
    f = np.stack([v[:, 0] * 3 + 1, rng.standard_normal(300), np.ones(300)], axis=1)
    v[:, 4] = 0.25  # a saturated unit
    r = correlations(v, f)
    assert r.shape == (5, 3)
    for n in range(4):
        for k in range(2):
            assert r[n, k] == pytest.approx(np.corrcoef(v[:, n], f[:, k])[0, 1], abs=1e-12)
    assert r[0, 0] == pytest.approx(1.0)
    assert np.isnan(r[:, 2]).all() and np.isnan(r[4]).all()


class TracedModel:
    """A stand-in for a SequenceModel whose trace is given: an LSTM of 4 units over one
    text, whose unit 3 of c counts along the line and unit 1 of h is minus 'after a
    space'; everything else is noise."""

    cell, hidden_size, num_directions = "lstm", 4, 1

    def __init__(self, text):
        feats = text_features(text, "english")
        rng = np.random.default_rng(1)
        T = len(text)
        self.layer = {k: rng.uniform(0, 1, (T, 1, 4)) for k in ("i", "f", "g", "o", "c", "h")}
        self.layer["c"][:, 0, 3] = feats["line_position"] * 0.1 - 1
        self.layer["h"][:, 0, 1] = -feats["after_space"]
        self.layer["o"][:, 0, 2] = 0.5  # constant: no r

    def trace(self, x):
        assert x.shape[1] == 1  # one sequence
        return [self.layer]


def test_a_unit_that_equals_a_feature_ranks_first_with_r_one(english):
    model = TracedModel(TEXT)
    report = unit_report(model, english, TEXT)
    top = report.ranking(top=2)
    assert {(row.quantity, row.unit, row.feature) for row in top} == {
        ("c", 3, "line_position"),
        ("h", 1, "after_space"),
    }
    by_feature = {row.feature: row.r for row in top}
    assert by_feature["line_position"] == pytest.approx(1.0)
    assert by_feature["after_space"] == pytest.approx(-1.0)
    rows = report.ranking()
    assert all(abs(a.r) >= abs(b.r) for a, b in zip(rows, rows[1:], strict=False))
    assert not any(row.quantity == "o" and row.unit == 2 for row in rows)  # constant
    assert report.absent == ()
    # filtered by feature and quantity
    only = report.ranking(feature="vowel", quantity="h")
    assert only and {(row.feature, row.quantity) for row in only} == {("vowel", "h")}
    assert sorted(row.unit for row in only) == [0, 1, 2, 3]  # every unit of h
    assert report.unit_values(0, "c", 3) == pytest.approx(model.layer["c"][:, 0, 3])
    assert report.unit_values(0, "c", 3).dtype == np.float32


def test_the_report_says_how_many_characters_and_the_chance_level(english):
    report = unit_report(TracedModel(TEXT), english, TEXT)
    assert report.length == len(TEXT) == 245
    assert report.chance == pytest.approx(2 / math.sqrt(245))
    # the baseline of all pairs slid out of line: above the one-pair chance level, far
    # below the planted r = 1
    assert report.chance < report.shifted_best < 0.6
    short = unit_report(TracedModel("an"), english, "an")
    assert short.length == 2 and short.chance == math.inf


def test_a_real_model_whose_unit_reads_a_space_has_r_one(english):
    """An RNN of 2 units: unit 0 is tanh(2) after a space and 0 otherwise (the input
    weights of every other character and the recurrent weights are zero)."""
    model = SequenceModel("rnn", english.input_size, 2, english.output_size, seed=0)
    p = model.parameters()
    for name in ("rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0"):
        p[name][...] = 0
    p["rnn.weight_ih_l0"][0, english.index[" "]] = 2.0
    p["rnn.weight_ih_l0"][1] = np.random.default_rng(0).uniform(-1, 1, english.input_size)
    report = unit_report(model, english, TEXT)
    assert report.quantities == ("a", "h")
    best = report.ranking(feature="after_space", top=1)[0]
    assert (best.unit, best.r) == (0, pytest.approx(1.0))
    assert report.unit_values(0, "h", 0).max() == pytest.approx(math.tanh(2.0), abs=1e-6)


def test_a_large_models_report_keeps_the_values_of_its_best_units(english, monkeypatch):
    model = TracedModel(TEXT)
    whole = unit_report(model, english, TEXT)
    assert all(len(k) == 4 for k in whole.kept.values())  # every unit
    monkeypatch.setattr(units_module, "VALUES_BUDGET", 4 * len(TEXT) * 3)  # 3 units fit
    report = unit_report(model, english, TEXT)
    assert sum(len(k) for k in report.kept.values()) == 3
    assert report.unit_values(0, "c", 3) is not None  # r = 1: kept
    assert report.unit_values(0, "h", 1) is not None
    assert report.unit_values(0, "o", 2) is None  # constant: not
    assert np.array_equal(report.r, whole.r, equal_nan=True)  # every r all the same


def test_features_absent_from_the_text_are_named(english):
    text = "A dog ran, and ran.\nThe cat sat.\n" * 5
    report = unit_report(TracedModel(text), english, text)
    assert report.absent == ("quotes", "brackets")
    assert report.ranking(feature="quotes") == []


def test_bad_texts_and_tasks_are_refused_with_the_reason(english):
    with pytest.raises(ValueError, match="never uses: '☃'"):
        unit_report(TracedModel("a☃n"), english, "a☃n")
    sonnets = make_task("text", corpus="english", steps=16)
    with pytest.raises(ValueError, match="""never uses: '"'"""):
        unit_report(TracedModel(TEXT), sonnets, TEXT)
    with pytest.raises(ValueError, match="at least 2 characters"):
        unit_report(TracedModel("a"), english, "a")
    adding = make_task("adding", steps=10)
    assert not is_text_task(adding)
    with pytest.raises(ValueError, match="text tasks only"):
        unit_report(TracedModel(TEXT), adding, TEXT)


def test_own_text_files_are_text_tasks_and_their_language_is_guessed(tmp_path):
    poem = tmp_path / "poem.txt"
    poem.write_text("床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n" * 20, "utf-8")
    task = make_task("own-data", path=str(poem), steps=8)
    assert is_text_task(task)
    text = "床前明月光，疑是地上霜。\n"
    model = SequenceModel("gru", task.input_size, 3, task.output_size, seed=0)
    report = unit_report(model, task, text)
    assert report.language == "chinese" and "verse_position" in report.features
    assert report.quantities == ("r", "z", "n", "h")
    csv = tmp_path / "t.csv"
    csv.write_text("a\n" + "\n".join(str(k % 7) for k in range(100)))
    assert not is_text_task(make_task("own-data", path=str(csv), steps=4))


def test_the_request_analyses_the_prompt_when_there_is_one_else_heldout_text():
    trainer = Trainer(
        TrainConfig.from_preset("text", task_params={"steps": 16}, hidden_size=8, batch_size=4)
    )
    assert analysed_text(trainer) == (trainer.task.heldout_text(2000), "heldout")
    report = trainer.answer(Request("units"))
    assert isinstance(report, UnitReport)
    assert (report.source, report.length, report.step) == ("heldout", 2000, 0)
    assert report.untrained  # the starting weights: at step 0 the same r
    for key, best in report.untrained.items():
        rows = report.ranking(feature=key, top=1)
        assert (abs(rows[0].r) if rows else math.nan) == pytest.approx(best, nan_ok=True)
    trainer.set_probe({"prompt": "Shall I compare thee"})  # the learner's own probe
    report = REQUESTS["units"](trainer)
    assert (report.source, report.text) == ("prompt", "Shall I compare thee")
    again = pickle.loads(pickle.dumps(report))  # it goes through the pipe
    assert again.text == report.text and np.array_equal(again.r, report.r, equal_nan=True)
    assert not again.r.flags.writeable and again.unit_values(0, "h", 0) is not None
    before = {k: v.copy() for k, v in trainer.model.parameters().items()}
    trainer_report(trainer)
    after = trainer.model.parameters()
    assert all(np.array_equal(before[k], after[k]) for k in before)  # the run is untouched
    trainer.set_probe(None)  # back to the held-out example: held-out text again
    assert trainer_report(trainer).source == "heldout"


def test_a_short_trained_text_run_has_a_unit_that_counts_along_the_line():
    """The real thing: an LSTM of 32 units trained for 150 steps on the Sonnets. Some
    unit follows the position in the line far above chance and far above what the same
    network reached untrained (the input alone cannot tell where a line is)."""
    config = TrainConfig.from_preset(
        "text", task_params={"steps": 32}, hidden_size=32, batch_size=8, steps=150
    )
    trainer = Trainer(config)
    tick = time.perf_counter()
    for _ in range(config.steps):
        trainer.train_step()
    trained_s = time.perf_counter() - tick
    tick = time.perf_counter()
    report = trainer_report(trainer)
    report_s = time.perf_counter() - tick
    best = report.ranking(feature="line_position", top=1)[0]
    print(
        f"\n150 steps in {trained_s:.1f} s; report in {report_s * 1000:.0f} ms; best "
        f"line_position r = {best.r:+.3f} ({best.quantity} unit {best.unit}), untrained "
        f"{report.untrained['line_position']:.3f}, chance {report.chance:.3f}, all pairs "
        f"slid {report.shifted_best:.3f}; best overall {report.best()}"
    )
    assert abs(best.r) > 0.5
    assert abs(best.r) > 10 * report.chance
    assert abs(best.r) > report.shifted_best + 0.2
    assert abs(best.r) > report.untrained["line_position"] + 0.2
