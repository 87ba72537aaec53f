"""The loss panel, fed real snapshots from a short run (no thread) and hand-made ones."""

import dataclasses
import warnings

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.training.snapshot import frozen, frozen_map
from lstm_studio.ui.panels.loss import LogAxis, LossPanel, SeriesBuffer


def _run(task="binary-addition", task_params=None, steps=60):
    params = {"bits": 4} if task_params is None else task_params
    config = TrainConfig(
        task=task,
        task_params=params,
        hidden_size=8,
        batch_size=8,
        steps=steps,
        eval_every=10,
        snapshot_hz=1000,
    )
    trainer = Trainer(config)
    return trainer, list(trainer.run(probes=False))


@pytest.fixture(scope="module")
def run():
    return _run()


@pytest.fixture
def panel(qtbot, run):
    trainer, _ = run
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, trainer.config)
    return panel


def _feed(panel, snaps):
    for snap in snaps:
        panel.on_snapshot(snap)


def _chunk(snap, start, stop, loss=None):
    """``snap`` carrying the step rows ``start .. stop - 1`` and no evaluation."""
    step = np.arange(start, stop, dtype=np.int64)
    n = len(step)
    rows = {
        "step": step,
        "time": step * 1e-3,
        "loss": np.full(n, 0.5) if loss is None else loss,
        "lr": np.full(n, 0.01),
        "grad_norm": np.full(n, 0.1),
        "count": np.ones(n, np.int64),
    }
    return dataclasses.replace(
        snap,
        step=stop - 1,
        new_steps=frozen_map({k: frozen(v) for k, v in rows.items()}),
        new_evals=frozen_map({}),
    )


def test_identity(qtbot):
    panel = LossPanel(parent=None)
    qtbot.addWidget(panel)
    assert panel.title == "Loss and metrics"
    assert panel.object_name == "loss_panel"


def test_curves_hold_the_history(panel, run):
    trainer, snaps = run
    _feed(panel, snaps)

    steps, evals = trainer.history.steps(), trainer.history.evals()
    x, y = panel.train_curve.getData()
    np.testing.assert_array_equal(x, steps["step"])
    np.testing.assert_array_equal(y, steps["loss"])
    x, y = panel.heldout_curve.getData()
    np.testing.assert_array_equal(x, [0, 10, 20, 30, 40, 50, 60])
    np.testing.assert_array_equal(x, evals["step"])
    np.testing.assert_array_equal(y, evals["loss"])
    # the metric plot follows the loss plot's x range, which updates when painted: until
    # then getData() (what is drawn) is clipped to the old range; the data set is whole
    x, y = panel.metric_curve.getOriginalDataset()
    np.testing.assert_array_equal(x, evals["step"])
    np.testing.assert_array_equal(y, evals["sum_accuracy"])
    panel.grab()
    x, _ = panel.metric_curve.getData()
    np.testing.assert_array_equal(x, evals["step"])


def test_axes_and_legend_are_labelled(panel):
    assert panel.loss_plot.getAxis("left").labelText == "loss"
    assert panel.metric_plot.getAxis("left").labelText == "sum accuracy"
    assert panel.metric_plot.getAxis("bottom").labelText == "step"
    assert panel.metric_plot.isVisible()
    names = panel.legend_names()
    assert names == ["training loss", "held-out loss", "held-out sum accuracy (below)"]
    assert all(name in panel.key.text() for name in names)


def test_metric_plot_shares_the_step_axis(panel, run):
    _feed(panel, run[1])
    panel.loss_plot.setXRange(10, 30, padding=0)
    lo, hi = panel.metric_plot.viewRange()[0]
    assert (lo, hi) == pytest.approx((10, 30))


def test_summary_shows_the_latest_numbers(panel, run):
    snaps = run[1]
    _feed(panel, snaps)
    last = snaps[-1]
    text = panel.summary.text()
    assert f"Step {last.step}" in text
    assert f"training loss {last.loss:.4g}" in text
    assert f"loss {last.heldout_loss:.4g}" in text
    assert f"sum accuracy {last.metrics['sum_accuracy']:.4g}" in text
    assert panel.summary.font().pointSizeF() > panel.log_check.font().pointSizeF()


def test_log_checkbox_switches_the_loss_axis(panel, run):
    _feed(panel, run[1])
    assert not panel.loss_plot.getAxis("left").logMode

    panel.log_check.setChecked(True)
    assert panel.loss_plot.getAxis("left").logMode
    assert panel.train_curve.opts["logMode"] == [False, True]
    assert panel.heldout_curve.opts["logMode"] == [False, True]
    assert not panel.metric_plot.getAxis("left").logMode  # the metric keeps its axis
    _, y = panel.train_curve.getData()  # drawn as log10
    np.testing.assert_allclose(y, np.log10(run[0].history.steps()["loss"]))

    panel.log_check.setChecked(False)
    assert not panel.loss_plot.getAxis("left").logMode
    assert panel.train_curve.opts["logMode"] == [False, False]


def test_log_scale_skips_zero_losses_quietly(panel, run):
    snap = run[1][-1]
    zero = dataclasses.replace(
        _chunk(snap, 1, 5, loss=np.array([0.5, 0.0, 0.25, -1.0])),
        new_evals=frozen_map(
            {
                "step": frozen(np.array([2, 4])),
                "time": frozen(np.zeros(2)),
                "loss": frozen(np.array([0.0, 0.3])),
                "sum_accuracy": frozen(np.array([0.0, 0.5])),
            }
        ),
    )
    panel.log_check.setChecked(True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        panel.on_snapshot(zero)
        panel.grab()  # paints: no warning from pyqtgraph either

    _, y = panel.train_curve.getData()
    assert np.isnan(y[1]) and np.isnan(y[3])  # gaps where a log has no value
    np.testing.assert_allclose(y[[0, 2]], np.log10([0.5, 0.25]))
    x, y = panel.heldout_curve.getData()
    np.testing.assert_array_equal(x, [4])
    x, y = panel.metric_curve.getOriginalDataset()  # not on a log axis: zero stays
    np.testing.assert_array_equal(y, [0.0, 0.5])

    panel.log_check.setChecked(False)
    x, _ = panel.heldout_curve.getData()
    np.testing.assert_array_equal(x, [2, 4])


def test_reset_clears_everything(panel, run):
    trainer, snaps = run
    _feed(panel, snaps)
    panel.reset(trainer.task, trainer.config)

    for curve in (panel.train_curve, panel.heldout_curve, panel.metric_curve):
        x, y = curve.getData()
        assert x is None or len(x) == 0
    assert len(panel.steps) == 0 and len(panel.evals) == 0
    assert panel.summary.text() == "No run yet"

    _feed(panel, snaps)  # a second run shows only itself
    x, _ = panel.train_curve.getData()
    np.testing.assert_array_equal(x, trainer.history.steps()["step"])


def test_a_task_scored_by_its_loss_shows_one_plot(qtbot):
    trainer, snaps = _run("adding", {"steps": 10}, steps=20)
    assert trainer.task.primary_metric == "loss"
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, trainer.config)
    _feed(panel, snaps)
    panel.resize(500, 400)
    panel.show()
    qtbot.waitExposed(panel)

    assert not panel.metric_plot.isVisible()
    assert panel.loss_plot.getAxis("bottom").label.isVisible()  # "step" moves up
    assert panel.loss_plot.height() > 0.8 * panel.plots.height()
    assert panel.legend_names() == ["training loss", "held-out loss"]
    x, _ = panel.metric_curve.getOriginalDataset()
    assert x is None or len(x) == 0
    assert "accuracy" not in panel.summary.text()

    # and back to a task with a metric
    other, _ = _run(steps=10)
    panel.reset(other.task, other.config)
    assert panel.metric_plot.isVisible()
    assert len(panel.legend_names()) == 3


def test_a_million_steps_stay_bounded(panel, run):
    snap = run[1][-1]
    total = 1_000_000
    rng = np.random.default_rng(0)
    loss = rng.uniform(0.1, 1.0, total)
    for start in range(0, total, 250_000):  # four large chunks, as after a long pause
        panel.on_snapshot(_chunk(snap, start + 1, start + 250_001, loss[start : start + 250_000]))

    buf = panel.steps
    assert len(buf) <= buf.capacity + 1 and buf.allocated <= buf.capacity + 1
    assert buf.thinned > 0
    assert np.all(buf["count"][:-1] == buf.stride)  # evenly spread over the run
    assert buf["count"].sum() == total  # every step is still counted ...
    weighted = (buf["loss"] * buf["count"]).sum() / total
    assert weighted == pytest.approx(loss.mean(), rel=1e-9)  # ... and weighs what it did
    assert buf["step"][0] >= 1 and buf["step"][-1] == total
    assert np.all(np.diff(buf["step"]) > 0)
    x, _ = panel.train_curve.getOriginalDataset()
    assert len(x) == len(buf)
    # what keeps drawing fast: peaks per pixel, only the visible range
    opts = panel.train_curve.opts
    assert opts["autoDownsample"] and opts["downsampleMethod"] == "peak" and opts["clipToView"]


def test_series_buffer_grows_by_doubling():
    buf = SeriesBuffer({"step": (np.int64, "last")}, capacity=64, initial=4)
    sizes = []
    for i in range(40):
        buf.append(step=i)
        sizes.append(buf.allocated)
    assert sorted(set(sizes)) == [4, 8, 16, 32, 64]
    np.testing.assert_array_equal(buf["step"], np.arange(40))


def test_series_buffer_merges_rows_two_into_one_when_full():
    buf = SeriesBuffer(
        {
            "step": (np.int64, "last"),
            "loss": (float, "mean"),
            "peak": (float, "max"),
            "flag": (bool, "any"),
            "count": (np.int64, "sum"),
        },
        capacity=8,
    )
    buf.extend(
        {
            "step": np.arange(1, 9),
            "loss": np.arange(1.0, 9.0),
            "peak": [1.0, np.nan, 5.0, 2.0, 0, 0, 0, 0],
            "flag": [False, True, False, False, False, False, False, False],
        }
    )
    assert len(buf) == 8 and buf.thinned == 0 and buf.stride == 1
    buf.append(step=9, loss=9.0, peak=0.0, flag=True)

    assert buf.thinned == 1 and buf.stride == 2
    # four merged rows, then step 9 on its own until step 10 completes its pair
    np.testing.assert_array_equal(buf["step"], [2, 4, 6, 8, 9])
    np.testing.assert_array_equal(buf["count"], [2, 2, 2, 2, 1])
    np.testing.assert_array_equal(buf["loss"], [1.5, 3.5, 5.5, 7.5, 9])
    np.testing.assert_array_equal(buf["peak"], [1.0, 5.0, 0, 0, 0])
    np.testing.assert_array_equal(buf["flag"], [True, False, False, False, True])

    buf.append(step=10, loss=10.0, peak=3.0, flag=False)
    np.testing.assert_array_equal(buf["step"], [2, 4, 6, 8, 10])
    np.testing.assert_array_equal(buf["count"], [2, 2, 2, 2, 2])
    np.testing.assert_array_equal(buf["loss"], [1.5, 3.5, 5.5, 7.5, 9.5])
    np.testing.assert_array_equal(buf["peak"], [1.0, 5.0, 0, 0, 3.0])
    np.testing.assert_array_equal(buf["flag"], [True, False, False, False, True])


def test_series_buffer_keeps_an_even_resolution():
    buf = SeriesBuffer(
        {"step": (np.int64, "last"), "count": (np.int64, "sum")}, capacity=1024, initial=8
    )
    total = 100_003
    for start in range(0, total, 997):  # chunks that do not line up with the groups
        buf.extend({"step": np.arange(start + 1, min(start + 998, total + 1))})
    assert buf.allocated <= buf.capacity + 1
    assert buf.capacity // 2 <= len(buf) <= buf.capacity + 1
    assert buf["count"].sum() == total and buf["step"][-1] == total
    complete = len(buf) - 1  # the last row holds the group still filling up
    assert np.all(buf["count"][:complete] == buf.stride)
    assert np.all(np.diff(buf["step"][:complete]) == buf.stride)


def test_series_buffer_fills_missing_columns_and_adds_new_ones():
    buf = SeriesBuffer({"step": (np.int64, "last"), "x": (float, "last")})
    buf.append(step=1)
    buf.add_column("y", float, "max")
    buf.append(step=2, x=1.0, y=2.0)
    np.testing.assert_array_equal(buf["x"], [np.nan, 1.0])
    np.testing.assert_array_equal(buf["y"], [np.nan, 2.0])
    with pytest.raises(ValueError, match="different lengths"):
        buf.extend({"step": [3, 4], "x": [1.0]})
    with pytest.raises(ValueError, match="even number"):
        SeriesBuffer({"step": (np.int64, "last")}, capacity=7)


def test_log_axis_labels_do_not_crowd(qtbot):
    axis = LogAxis(orientation="left")
    # two decades, 0.01 .. 1: 1, 2 and 5 first, the rest only if there is room
    levels = axis.logTickValues(-2.0, 0.0, 300, [(0.5, []), (0.1, [])])
    first = 10 ** np.array(levels[0][1])
    np.testing.assert_allclose(first, [0.02, 0.05, 0.1, 0.2, 0.5])
    assert len(levels) == 2 and len(levels[1][1]) == 12
    assert axis.logTickStrings(np.log10([0.02, 0.1, 10, 1e5]), 1, None) == [
        "0.02",
        "0.1",
        "10",
        "10⁵",
    ]


def test_reset_after_a_long_run_asks_for_few_ticks(qtbot, run):
    # issue 14: after 120,000 steps, Reset (a new model: no step yet) then Step asked
    # for a tick per step over the old run's range, an N x N matrix in pyqtgraph (150 GiB)
    trainer, snaps = run
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.reset(trainer.task, trainer.config)
    for start in range(0, 120_000, 20_000):
        panel.on_snapshot(_chunk(snaps[-1], start, start + 20_000))
    panel.grab()
    old = panel.loss_plot.viewRange()[0]
    assert old[1] > 100_000
    panel.reset(trainer.task, trainer.config)
    for k in range(11):  # at the new model (no step), then steps 1 .. 10
        if k:
            panel.on_snapshot(_chunk(snaps[-1], k, k + 1))
        for plot in (panel.loss_plot, panel.metric_plot):
            axis = plot.getAxis("bottom")
            for lo, hi in (old, plot.viewRange()[0]):
                # what pyqtgraph builds its arrays from, then what it gets
                levels = axis.tickSpacing(lo, hi, 500)
                assert sum((hi - lo) / s + 1 for s, _ in levels) <= 60
                values = [v for _, level in axis.tickValues(lo, hi, 500) for v in level]
                assert 2 <= len(values) <= 60
                assert all(float(v).is_integer() for v in values)
    panel.grab()
    # the new run's range, not the old one's span around step 10
    lo, hi = panel.loss_plot.viewRange()[0]
    assert hi - lo < 20


# ---------------------------------------------------------------------------- hover
def _scene_at(plot, x, y):
    from PySide6.QtCore import QPointF

    return plot.getViewBox().mapViewToScene(QPointF(x, y))


def _shown(qtbot, panel, snaps):
    panel.resize(600, 420)
    panel.show()
    qtbot.waitExposed(panel)
    _feed(panel, snaps)
    panel.grab()  # drawn: the plots fit the run


def test_hover_reads_the_loss_and_the_metric_at_the_mouse(qtbot, panel, run):
    # issue 19: step and value under the cursor, as the heatmaps have
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    _, snaps = run
    _shown(qtbot, panel, snaps)
    assert panel.hover.text() == "hover the curves to read a step"
    steps, losses = panel.steps["step"], panel.steps["loss"]
    k = int(np.flatnonzero(steps == 23)[0])
    text = panel.readout_at(_scene_at(panel.loss_plot, 23.2, float(losses[k])))
    evals = panel.evals
    j = int(np.flatnonzero(evals["step"] == 20)[0])
    assert text == (
        f"step 23 · training loss {losses[k]:.4g} · held-out loss {evals['loss'][j]:.4g} at step 20"
    )
    text = panel.readout_at(_scene_at(panel.metric_plot, 38, 0.5))
    assert text == f"step 40 · held-out sum accuracy {evals['metric'][-3]:.4g}"
    assert evals["step"][-3] == 40
    # the mouse itself: the line follows it, and says the hint again off the plots
    view = panel.plots
    at = view.mapFromScene(_scene_at(panel.loss_plot, 23.2, float(losses[k])))
    QTest.mouseMove(view.viewport(), QPoint(at))
    qtbot.waitUntil(lambda: panel.hover.text().startswith("step 23 ·"), timeout=2000)
    assert panel.readout_at(view.mapToScene(QPoint(1, 1))) == ""
    panel.reset(run[0].task, run[0].config)  # a new run: not the old run's values
    assert panel.hover.text() == "hover the curves to read a step"


def test_hover_says_which_steps_a_thinned_row_stands_for(qtbot, run):
    trainer, snaps = run
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.steps = SeriesBuffer(
        {"step": (np.int64, "last"), "loss": (float, "mean"), "count": (np.int64, "sum")},
        capacity=8,
    )
    panel.reset(trainer.task, trainer.config)
    panel.on_snapshot(_chunk(snaps[-1], 1, 33, loss=np.arange(1, 33, dtype=float)))
    assert panel.steps.stride == 4
    _shown(qtbot, panel, [])
    text = panel.readout_at(_scene_at(panel.loss_plot, 7, 5))
    assert text.startswith("steps 5–8 · mean training loss 6.5")


def test_no_axis_label_overlaps_another_at_a_new_models_first_steps(qtbot, run):
    # issue 19: the step axis was a solid black bar of labels when a new model was
    # built (step 0) after a long run
    from panel_helpers import drawn_labels, overlapping_labels

    trainer, snaps = run
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.resize(430, 300)  # the dock's size at 1280x800
    panel.show()
    qtbot.waitExposed(panel)
    panel.reset(trainer.task, trainer.config)
    for start in range(0, 120_000, 20_000):
        panel.on_snapshot(_chunk(snaps[-1], start, start + 20_000))
    panel.grab()
    panel.reset(trainer.task, trainer.config)
    for k, snap in enumerate(snaps[:12]):  # step 0 (the new model's evaluation), 1, 2 ..
        panel.on_snapshot(snap)
        panel.grab()
        for plot in (panel.loss_plot, panel.metric_plot):
            for name in ("bottom", "left"):
                axis = plot.getAxis(name)
                assert overlapping_labels(axis) == [], (k, name)
                assert len(drawn_labels(axis)) <= 20
        assert panel.loss_plot.viewRange()[0][1] < max(12, 2 * snap.step + 5)  # not the old run


def test_a_long_hover_line_is_cut_not_wrapped(qtbot, panel, run):
    # the plots keep their height whatever the mouse reads (seen at 1280x800: cut off)
    from PySide6.QtWidgets import QLabel

    _shown(qtbot, panel, run[1])
    panel.resize(300, 420)
    qtbot.waitUntil(lambda: panel.width() == 300)
    height = panel.plots.height()
    text = "step 301 · training loss 0.0007223 · held-out loss 0.0007304 at step 300"
    panel.hover.setText(text)
    QApplication.processEvents()
    assert panel.hover.text() == text == panel.hover.toolTip()
    shown = QLabel.text(panel.hover)
    assert shown.endswith("…") and len(shown) < len(text)
    assert panel.plots.height() == height


def test_a_new_model_at_step_0_numbers_its_step_axis(qtbot, run):
    # seen at 1280x800: a new model's step axis had no number at all (a range of one
    # step, both ends' labels left out at the axis' edges)
    from panel_helpers import drawn_labels

    trainer, snaps = run
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.resize(430, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.reset(trainer.task, trainer.config)
    for start in range(0, 120_000, 20_000):
        panel.on_snapshot(_chunk(snaps[-1], start, start + 20_000))
    panel.grab()
    panel.reset(trainer.task, trainer.config)
    assert snaps[0].step == 0 and len(snaps[0].new_evals["step"]) == 1
    panel.on_snapshot(snaps[0])  # the new model's evaluation at step 0
    panel.grab()
    assert len(drawn_labels(panel.metric_plot.getAxis("bottom"))) >= 2
    lo, hi = panel.loss_plot.viewRange()[0]
    assert lo <= 0 and hi <= 20


def test_a_diverged_loss_is_labelled_in_short_numbers(qtbot):
    # issue 19: after a divergence the y labels overlapped (the norms panel's, fixed in
    # 6d37116); a guard for the loss panel's, fed a real run that diverges to 1e300
    from panel_helpers import drawn_labels, overlapping_labels

    config = TrainConfig(
        task="sin-to-cos",
        cell="rnn",
        optimizer="sgd",
        lr=10.0,
        clip=0.0,
        recurrent_gain=3.0,
        steps=120,
        snapshot_hz=1000,
        dtype="float64",
    )
    trainer = Trainer(config)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # overflow: it diverges
        snaps = list(trainer.run(probes=False))
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.resize(455, 280)
    panel.show()
    qtbot.waitExposed(panel)
    panel.reset(trainer.task, trainer.config)
    for snap in snaps:
        panel.on_snapshot(snap)
        panel.grab()  # drawn as the window draws it, following the loss up
    for _ in range(2):  # the axis widens to its labels at the next layout
        QApplication.processEvents()
        panel.grab()
    assert panel.loss_plot.viewRange()[1][1] > 1e20  # it diverged
    axis = panel.loss_plot.getAxis("left")
    assert axis.width() < 80  # the plot keeps its room
    labels = [text for _, text in drawn_labels(axis)]
    assert len(labels) >= 2 and all(len(text) <= 8 for text in labels), labels
    assert overlapping_labels(axis) == []
