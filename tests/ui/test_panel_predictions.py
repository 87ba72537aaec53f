"""The predictions panel, fed real snapshots of every task (made without threads)."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pytest
from PySide6.QtCore import Qt

from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.ui.panels.predictions import (
    WRONG,
    PredictionsPanel,
    bits_to_int,
    nearest_prime,
    view_kind,
)


@pytest.fixture(scope="module")
def data_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("own_data")
    csv = folder / "weather.csv"
    rows = ["temperature,pressure"]
    rows += [f"{20 + 5 * np.sin(i / 6):.3f},{1000 + 8 * np.cos(i / 9):.3f}" for i in range(160)]
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    text = folder / "story.txt"
    text.write_text("the cat sat on the mat and the dog sat on the log. " * 40, encoding="utf-8")
    return {"csv": str(csv), "text": str(text)}


CHECK = Qt.ItemDataRole.CheckStateRole
_TRAINERS: dict[str, Trainer] = {}


def trainer(name: str, data_files=None, kind: str = "") -> Trainer:
    """A briefly built (untrained) run of ``name``, shared by the tests of this module."""
    key = f"{name}:{kind}"
    if key not in _TRAINERS:
        params = {"path": data_files[kind]} if name == "own-data" else {}
        _TRAINERS[key] = Trainer(TrainConfig.from_preset(name, steps=5, task_params=params))
    return _TRAINERS[key]


def fed_panel(qtbot, t: Trainer, snap=None) -> PredictionsPanel:
    panel = PredictionsPanel()
    qtbot.addWidget(panel)
    panel.reset(t.task, t.config)
    panel.on_snapshot(snap if snap is not None else t.snapshot())
    return panel


def with_predictions(snap, predictions):
    """``snap`` whose probe predictions are ``predictions`` (targets and inputs unchanged)."""
    p = np.array(predictions, dtype=float)
    p.setflags(write=False)
    return dataclasses.replace(snap, probe=dataclasses.replace(snap.probe, predictions=p))


def table_rows(html_text: str) -> dict[str, list[str]]:
    """The rows of a rich-text table: first cell's text -> the raw html of the other cells."""
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html_text, flags=re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        label = re.sub(r"<[^>]+>|&nbsp;", "", cells[0]).strip()
        rows[label] = cells[1:]
    return rows


def cell_text(cell: str) -> str:
    return re.sub(r"<[^>]+>", "", cell).strip()


# ============================================================================ pages
@pytest.mark.parametrize(
    ("name", "kind", "page"),
    [
        ("binary-addition", "", "binary"),
        ("echo", "", "regression"),
        ("next-prime", "", "regression"),
        ("sin-to-cos", "", "regression"),
        ("adding", "", "regression"),
        ("copy", "", "copy"),
        ("comes-again", "", "again"),
        ("text", "", "text"),
        ("own-data", "csv", "regression"),
        ("own-data", "text", "text"),
    ],
)
def test_every_task_gets_its_page(qtbot, data_files, name, kind, page):
    t = trainer(name, data_files, kind)
    panel = fed_panel(qtbot, t)

    assert view_kind(t.task) == page
    assert panel.kind == page
    assert panel.stack.currentWidget() is panel.views[page]
    assert "step 0" in panel.header.text()
    assert panel.title == "Predictions"
    assert panel.object_name == "predictions_panel"


def test_reset_switches_pages_and_rebuilds_curves(qtbot, data_files):
    panel = PredictionsPanel()
    qtbot.addWidget(panel)
    assert panel.stack.currentWidget() is panel.views["none"]

    csv = trainer("own-data", data_files, "csv")
    panel.reset(csv.task, csv.config)
    panel.on_snapshot(csv.snapshot())
    assert len(panel.regression_view.predictions) == 2
    plotted = len(panel.regression_view.plot.getPlotItem().listDataItems())

    copy = trainer("copy")
    panel.reset(copy.task, copy.config)
    panel.on_snapshot(copy.snapshot())
    assert panel.stack.currentWidget() is panel.copy_view

    echo = trainer("echo")
    panel.reset(echo.task, echo.config)
    panel.on_snapshot(echo.snapshot())
    assert panel.stack.currentWidget() is panel.regression_view
    assert len(panel.regression_view.predictions) == 1
    # the CSV's curves are gone, not piled up under echo's
    items = panel.regression_view.plot.getPlotItem().listDataItems()
    assert len(items) == 2 < plotted
    assert "temperature" not in panel.regression_view.legend.text()


def test_a_snapshot_without_probe_changes_nothing(qtbot):
    t = trainer("binary-addition")
    panel = fed_panel(qtbot, t)
    before = panel.binary_view.bits_label.text()
    panel.on_snapshot(dataclasses.replace(t.snapshot(probe=False), step=99))
    assert panel.binary_view.bits_label.text() == before
    assert "step 99" not in panel.header.text()


# ============================================================================ binary addition
def test_binary_addition_decodes_the_probe(qtbot):
    t = trainer("binary-addition")
    snap = t.snapshot()
    panel = fed_panel(qtbot, t, snap)
    p = snap.probe
    a = int(sum(int(bit) << k for k, bit in enumerate(p.inputs[:, 0])))
    b = int(sum(int(bit) << k for k, bit in enumerate(p.inputs[:, 1])))
    predicted = int(sum(1 << k for k, q in enumerate(p.predictions[:, 0]) if q > 0.5))
    view = panel.binary_view

    assert (view.a, view.b, view.true_sum, view.predicted_sum) == (a, b, a + b, predicted)
    assert f"{a} + {b} = " in view.sum_label.text()
    assert f"(true {a + b})" in view.sum_label.text()
    rows = table_rows(view.bits_label.text())
    T = len(p.scored)
    # bit rows are written most significant first, as people write numbers
    assert "".join(cell_text(c) for c in rows["a"][:T]) == format(a, "b").zfill(T - 1)
    assert "".join(cell_text(c) for c in rows["b"][:T]) == format(b, "b").zfill(T - 1)
    assert "".join(cell_text(c) for c in rows["a + b"][:T]) == format(a + b, "b").zfill(T)
    assert "".join(cell_text(c) for c in rows["network"][:T]) == format(predicted, "b").zfill(T)
    assert all(cell_text(c).isdigit() for c in rows["sure %"][:T])


@pytest.mark.parametrize("flipped", [(), (0,), (2, 5), tuple(range(9))])
def test_binary_addition_marks_exactly_the_wrong_bits(qtbot, flipped):
    t = trainer("binary-addition")
    snap = t.snapshot()
    target = snap.probe.targets[:, 0]  # (T,) least significant first
    p_one = np.where(target > 0.5, 0.9, 0.1)
    p_one[list(flipped)] = 1 - p_one[list(flipped)]
    panel = fed_panel(qtbot, t, with_predictions(snap, p_one[:, None]))
    T = len(target)

    cells = table_rows(panel.binary_view.bits_label.text())["network"][:T]
    marked = [WRONG in c for c in cells]  # most significant first
    expected = [t_ in flipped for t_ in range(T - 1, -1, -1)]
    assert marked == expected
    assert list(panel.binary_view.wrong) == [t_ in flipped for t_ in range(T)]
    sure = [cell_text(c) for c in table_rows(panel.binary_view.bits_label.text())["sure %"][:T]]
    assert sure == ["90"] * T
    right = not flipped
    assert ("✓" in panel.binary_view.sum_label.text()) == right


def test_bits_to_int_reads_least_significant_first():
    assert bits_to_int(np.array([1, 0, 1, 1])) == 13
    assert bits_to_int(np.zeros(5)) == 0


# ============================================================================ regression
@pytest.mark.parametrize(
    ("name", "kind"),
    [("echo", ""), ("next-prime", ""), ("sin-to-cos", ""), ("adding", ""), ("own-data", "csv")],
)
def test_regression_curves_hold_the_scored_steps(qtbot, data_files, name, kind):
    t = trainer(name, data_files, kind)
    snap = t.snapshot()
    panel = fed_panel(qtbot, t, snap)
    p = snap.probe
    view = panel.regression_view
    T = len(p.scored)
    steps = np.arange(T)[p.scored]
    targets = p.targets.reshape(T, -1)[p.scored]
    preds = p.predictions.reshape(T, -1)[p.scored]
    if name == "next-prime":  # in primes, each after the position it follows
        limit = t.task.values["limit"]
        steps, targets, preds = steps + 1, targets * limit, preds * limit
    if name == "own-data":  # in the file's units
        targets = targets * t.task.std + t.task.mean
        preds = preds * t.task.std + t.task.mean

    assert len(view.targets) == len(view.predictions) == targets.shape[1]
    for k in range(targets.shape[1]):
        x, y = view.targets[k].getData()
        np.testing.assert_array_equal(x, steps)
        np.testing.assert_allclose(y, targets[:, k])
        x, y = view.predictions[k].getData()
        np.testing.assert_array_equal(x, steps)
        np.testing.assert_allclose(y, preds[:, k])
    assert view.plot.getPlotItem().getAxis("bottom").labelText
    assert view.plot.getPlotItem().getAxis("left").labelText
    assert view.legend.text()


def test_sin_to_cos_draws_the_warm_up_faint(qtbot):
    t = trainer("sin-to-cos")
    snap = t.snapshot()
    panel = fed_panel(qtbot, t, snap)
    p = snap.probe
    warmup = t.task.values["warmup"]
    x, y = panel.regression_view.extras["target_unscored0"].getData()
    # the warm-up steps and the first scored one, where the bold curve takes over
    np.testing.assert_array_equal(x, np.arange(warmup + 1))
    np.testing.assert_allclose(y, p.targets[: warmup + 1, 0])
    x, y = panel.regression_view.extras["input"].getData()
    np.testing.assert_allclose(y, p.inputs[:, 0])
    assert f"first {warmup} steps are not scored" in panel.regression_view.info.text()


def test_echo_has_no_unscored_curves(qtbot):
    panel = fed_panel(qtbot, trainer("echo"))
    assert not any("unscored" in k for k in panel.regression_view.extras)
    assert "not scored" not in panel.regression_view.legend.text()


def test_adding_shows_the_inputs_and_the_sums(qtbot):
    t = trainer("adding")
    snap = t.snapshot()
    p = snap.probe
    marked = np.flatnonzero(p.inputs[:, 1] > 0.5)
    true = float(p.targets[-1, 0])
    preds = np.array(p.predictions, dtype=float)
    preds[-1, 0] = true + 0.01
    panel = fed_panel(qtbot, t, with_predictions(snap, preds))
    view = panel.regression_view

    x, y = view.extras["input"].getData()
    np.testing.assert_allclose(y, p.inputs[:, 0])
    x, y = view.extras["marked"].getData()
    np.testing.assert_array_equal(x, marked)
    np.testing.assert_allclose(y, p.inputs[marked, 0])
    assert np.isclose(true, p.inputs[marked, 0].sum())
    info = view.info.text()
    assert f"steps {marked[0]} and {marked[1]}" in info
    assert f'predicted <b><font color="#2e7d32">{true + 0.01:.3f} ✓' in info
    assert f"true {true:.3f}" in info


def test_next_prime_rounds_to_the_nearest_prime(qtbot):
    t = trainer("next-prime")
    snap = t.snapshot()
    limit = t.task.values["limit"]
    true = int(round(snap.probe.targets[-1, 0] * limit))
    window = np.rint(snap.probe.inputs[:, 0] * limit).astype(int)

    preds = np.array(snap.probe.predictions, dtype=float)
    preds[-1, 0] = (true - 0.4) / limit
    panel = fed_panel(qtbot, t, with_predictions(snap, preds))
    info = panel.regression_view.info.text()
    assert ", ".join(map(str, window)) in info
    assert f"predicted ≈ {true - 0.4:.1f} → " in info
    assert f"{true} ✓" in info and f"(true {true})" in info

    preds[-1, 0] = (true + 3.2) / limit  # nearer the prime after
    panel.on_snapshot(with_predictions(snap, preds))
    following = int(t.task.primes[np.searchsorted(t.task.primes, true) + 1])
    info = panel.regression_view.info.text()
    assert f"{following} ✗" in info and f"(true {true})" in info
    x, y = panel.regression_view.extras["input"].getData()
    np.testing.assert_allclose(y, window)


def test_nearest_prime_takes_the_lower_on_a_tie():
    primes = np.array([2, 3, 5, 7, 11, 13])
    assert nearest_prime(primes, 8.9) == 7
    assert nearest_prime(primes, 9.0) == 7
    assert nearest_prime(primes, 9.1) == 11
    assert nearest_prime(primes, -4.0) == 2
    assert nearest_prime(primes, 40.0) == 13


def test_a_diverged_prediction_shows_a_dash(qtbot):
    t = trainer("next-prime")
    snap = t.snapshot()
    panel = fed_panel(
        qtbot, t, with_predictions(snap, np.full_like(snap.probe.predictions, np.nan))
    )
    assert "≈ <b>" in panel.regression_view.info.text()
    assert "—" in panel.regression_view.info.text()


# ============================================================================ copy
def test_copy_shows_the_symbols_and_the_recall(qtbot):
    t = trainer("copy")
    snap = t.snapshot()
    p = snap.probe
    k, A = t.task.values["length"], t.task.values["symbols"]
    shown = p.inputs[:k, :A].argmax(axis=1)
    scored = np.flatnonzero(p.scored)
    recalled = shown.copy()
    recalled[1] = (recalled[1] + 1) % A  # one wrong symbol
    preds = np.full((len(p.scored), A), 0.2 / (A - 1))
    preds[scored, recalled] = 0.8
    panel = fed_panel(qtbot, t, with_predictions(snap, preds))
    view = panel.copy_view

    letters = "".join(chr(65 + s) for s in shown)
    assert view.shown == letters
    assert view.recalled == "".join(chr(65 + s) for s in recalled)
    rows = table_rows(view.table.text())
    assert [cell_text(c) for c in rows["shown"]] == list(letters)
    assert [cell_text(c) for c in rows["recalled"]] == list(view.recalled)
    assert [WRONG in c for c in rows["recalled"]] == [i == 1 for i in range(k)]
    assert [cell_text(c) for c in rows["sure %"]] == ["80"] * k
    assert f"of {k} symbols" in view.summary.text()
    assert f">{k - 1}<" in view.summary.text()


# ============================================================================ text
@pytest.mark.parametrize(("name", "kind"), [("text", ""), ("own-data", "text")])
def test_text_shows_the_sample_and_the_guesses(qtbot, data_files, name, kind):
    t = trainer(name, data_files, kind)
    snap = t.snapshot()
    assert snap.sample
    panel = fed_panel(qtbot, t, snap)
    view = panel.text_view
    p = snap.probe

    assert view.sample.toPlainText() == snap.sample
    assert view.sample.isReadOnly()
    guesses = "".join(t.task.vocab[c] for c in p.predictions.argmax(axis=1))
    assert view.guesses == guesses
    np.testing.assert_array_equal(view.wrong, p.predictions.argmax(axis=1) != p.targets)
    right = int((p.predictions.argmax(axis=1) == p.targets).sum())
    assert f"<b>{right}</b> of {len(p.targets)} right" in view.probe_title.text()
    # the table reads one cell per line; spaces and line breaks are drawn as signs
    visible = str.maketrans({" ": "␣", "\n": "↵"})
    shown = view.probe.toPlainText().replace("\n", "")
    truth = "".join(t.task.vocab[c] for c in p.targets)
    assert shown == f"text {truth.translate(visible)}guess {guesses.translate(visible)}"

    panel.on_snapshot(dataclasses.replace(snap, sample="a newer sample", probe=None))
    assert view.sample.toPlainText() == "a newer sample"


def test_temperature_spin_emits_the_new_value(qtbot):
    t = trainer("text")
    panel = fed_panel(qtbot, t)
    spin = panel.temperature_spin
    assert (spin.minimum(), spin.maximum(), spin.singleStep(), spin.value()) == (0.0, 2.0, 0.1, 0.8)

    with qtbot.waitSignal(panel.temperature_changed, timeout=1000) as blocker:
        spin.setValue(1.3)
    assert blocker.args == [pytest.approx(1.3)]
    with qtbot.waitSignal(panel.temperature_changed, timeout=1000) as blocker:
        spin.stepDown()
    assert blocker.args == [pytest.approx(1.2)]
    with qtbot.assertNotEmitted(panel.temperature_changed):
        panel.on_snapshot(t.snapshot())
        panel.reset(t.task, t.config)
    assert panel.temperature() == pytest.approx(1.2)  # the learner's choice outlives a new run


def test_long_sums_keep_the_confidences_in_the_tooltip(qtbot):
    t = Trainer(TrainConfig.from_preset("binary-addition", steps=5, task_params={"bits": 24}))
    snap = t.snapshot()
    panel = fed_panel(qtbot, t, snap)
    p = snap.probe
    a = int(sum(int(bit) << k for k, bit in enumerate(p.inputs[:, 0])))
    b = int(sum(int(bit) << k for k, bit in enumerate(p.inputs[:, 1])))

    assert f"{a} + {b} = " in panel.binary_view.sum_label.text()
    assert "sure %" not in table_rows(panel.binary_view.bits_label.text())
    tip = panel.binary_view.bits_label.toolTip()
    assert len(tip.split(": ", 1)[1].split(", ")) == len(p.scored)


@pytest.fixture(scope="module")
def wide_csv(tmp_path_factory):
    """A CSV of 300 columns (issue 14: two curves a column froze the window)."""
    path = tmp_path_factory.mktemp("wide") / "wide.csv"
    rng = np.random.default_rng(0)
    rows = [",".join(f"col{j}" for j in range(300))]
    rows += [",".join(f"{v:.2f}" for v in rng.normal(size=300)) for _ in range(80)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def test_a_wide_csv_draws_a_few_columns_and_a_picker_chooses(qtbot, wide_csv):
    from lstm_studio.ui.panels.predictions import MAX_SHOWN_COLUMNS, SHOWN_COLUMNS

    t = Trainer(TrainConfig.from_preset("own-data", steps=5, task_params={"path": wide_csv}))
    panel = fed_panel(qtbot, t)
    view = panel.regression_view
    curves = view.plot.getPlotItem().listDataItems()
    assert len(curves) == 2 * SHOWN_COLUMNS  # the first columns, not 600 curves
    assert view.columns == list(range(SHOWN_COLUMNS))
    assert "col3" in view.legend.text() and "col4" not in view.legend.text()
    assert "(4 of 300 columns shown)" in view.info.text()
    assert not view.picker.isHidden()
    assert "4 of 300" in view.picker.count.text()

    # the search narrows the list; ticking a column draws it, with the latest probe
    picker = view.picker
    picker.search.setText("col29")
    names = [picker.model.data(picker.model.index(r)) for r in range(picker.model.rowCount())]
    assert names == ["col29", *(f"col{j}" for j in range(290, 300))]
    model = picker.model
    assert model.setData(model.index(0), Qt.CheckState.Checked.value, CHECK)
    assert view.columns == [0, 1, 2, 3, 29]
    assert len(view.plot.getPlotItem().listDataItems()) == 10
    x, y = view.targets[-1].getData()
    probe = t.snapshot().probe
    expected = view.to_units(probe.targets.reshape(len(probe.scored), -1)[probe.scored, 29], 29)
    np.testing.assert_allclose(y, expected)
    assert "col29" in view.legend.text()
    # unticking a column takes its curves away; no more than MAX_SHOWN_COLUMNS at once
    picker.search.clear()
    assert model.setData(model.index(0), Qt.CheckState.Unchecked.value, CHECK)
    assert view.columns == [1, 2, 3, 29]
    for j in range(100, 100 + MAX_SHOWN_COLUMNS):
        model.setData(model.index(j), Qt.CheckState.Checked.value, CHECK)
    assert len(view.columns) == MAX_SHOWN_COLUMNS
    assert len(view.plot.getPlotItem().listDataItems()) == 2 * MAX_SHOWN_COLUMNS


def test_a_narrow_csv_draws_every_column(qtbot, data_files):
    panel = fed_panel(qtbot, trainer("own-data", data_files, "csv"))
    view = panel.regression_view
    assert view.columns == [0, 1] and not view.picker.isHidden()
    assert "columns shown" not in view.info.text()
    panel.reset(*(lambda t: (t.task, t.config))(trainer("echo")))
    assert view.picker.isHidden()
