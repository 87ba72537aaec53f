"""The gradient and weight norms panel, fed real snapshots from a short run (no thread)."""

import dataclasses
import math

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.training.snapshot import frozen, frozen_map
from lstm_studio.ui.panels.norms import NormsPanel, parameter_names

CLIP = 0.05  # this run's gradient norms spread around it: some steps clip, some do not


def _run(clip=CLIP, num_layers=1, steps=60):
    config = TrainConfig(
        task="binary-addition",
        task_params={"bits": 4},
        hidden_size=8,
        num_layers=num_layers,
        batch_size=8,
        steps=steps,
        eval_every=10,
        snapshot_hz=1000,
        clip=clip,
    )
    trainer = Trainer(config)
    return trainer, list(trainer.run(probes=False))


@pytest.fixture(scope="module")
def run():
    return _run()


def _panel(qtbot, trainer):
    panel = NormsPanel(parent=None)
    qtbot.addWidget(panel)
    panel.reset(trainer.task, trainer.config)
    return panel


@pytest.fixture
def panel(qtbot, run):
    return _panel(qtbot, run[0])


def _feed(panel, snaps):
    for snap in snaps:
        panel.on_snapshot(snap)


def _empty(curve):
    x, _ = curve.getOriginalDataset()
    return x is None or len(x) == 0


def test_identity(panel):
    assert panel.title == "Norms"
    assert panel.object_name == "norms_panel"


def test_global_gradient_norm_follows_every_step(panel, run):
    trainer, snaps = run
    _feed(panel, snaps)

    steps = trainer.history.steps()
    x, y = panel.global_curve.getOriginalDataset()
    np.testing.assert_array_equal(x, steps["step"])
    np.testing.assert_array_equal(y, steps["grad_norm"])
    x, y = panel.global_curve.getData()  # drawn on a log axis
    np.testing.assert_array_equal(x, steps["step"])
    np.testing.assert_allclose(y, np.log10(steps["grad_norm"]))


def test_clip_line_and_markers(panel, run):
    trainer, snaps = run
    _feed(panel, snaps)

    assert snaps[-1].clip == CLIP
    assert panel.clip_line.isVisible()
    assert panel.clip_line.value() == pytest.approx(math.log10(CLIP))  # log10 axis
    assert "0.05" in panel.clip_line.label.toPlainText()

    steps = trainer.history.steps()
    over = steps["grad_norm"] > CLIP
    assert 0 < over.sum() < len(over)
    x, y = panel.clip_markers.getOriginalDataset()
    np.testing.assert_array_equal(x, steps["step"][over])
    np.testing.assert_array_equal(y, steps["grad_norm"][over])
    assert panel.clipped_steps == over.sum()
    assert f"{over.sum()} of 60 steps clipped" in panel.summary.text()


def test_a_new_clip_moves_the_line_and_zero_hides_it(panel, run):
    snap = run[1][-1]
    panel.on_snapshot(dataclasses.replace(snap, clip=2.0))
    assert panel.clip_line.isVisible()
    assert panel.clip_line.value() == pytest.approx(math.log10(2.0))
    assert "clip at 2" in panel.clip_line.label.toPlainText()

    panel.on_snapshot(dataclasses.replace(snap, clip=0.0))
    assert not panel.clip_line.isVisible()
    assert "no clipping" in panel.summary.text()


def test_no_markers_without_clipping(qtbot):
    trainer, snaps = _run(clip=0.0, steps=20)
    panel = _panel(qtbot, trainer)
    _feed(panel, snaps)
    assert not panel.clip_line.isVisible()
    assert _empty(panel.clip_markers)
    assert not _empty(panel.global_curve)


def test_one_curve_per_parameter(qtbot):
    trainer, snaps = _run(num_layers=2, steps=20)
    panel = _panel(qtbot, trainer)
    names = list(trainer.model.parameters())
    assert len(names) == 10
    assert parameter_names(trainer.task, trainer.config) == names
    assert list(panel.grad_curves) == names
    assert list(panel.weight_curves) == names
    colors = {panel.grad_curves[k].opts["pen"].color().name() for k in names}
    assert len(colors) == len(names)
    for k in names:  # the same look for a parameter in both plots
        assert panel.weight_curves[k].opts["pen"] == panel.grad_curves[k].opts["pen"]
    labels = [label.text for _, label in panel.legend.items]
    assert labels[2:] == [k.removeprefix("rnn.") for k in names]
    assert "weight_ih_l1" in labels and "head.bias" in labels

    _feed(panel, snaps)  # no curve is added on the way
    assert len(panel.grad_plot.listDataItems()) == len(names) + 2
    assert len(panel.weight_plot.listDataItems()) == len(names)


def _per_step(snaps, field, name):
    """``{step: norm}`` from the snapshots that have one, first snapshot of a step only."""
    out = {}
    for snap in snaps:
        norms = getattr(snap, field)
        if name in norms:
            out.setdefault(snap.step, norms[name])
    return out


def test_parameter_curves_hold_one_point_per_snapshot(panel, run):
    _, snaps = run
    _feed(panel, snaps)

    assert not snaps[0].param_grad_norms  # the untrained model has no gradients yet
    for name in ("rnn.weight_hh_l0", "rnn.bias_ih_l0", "head.weight"):
        for curve, field in (
            (panel.grad_curves[name], "param_grad_norms"),
            (panel.weight_curves[name], "param_norms"),
        ):
            expected = _per_step(snaps, field, name)
            x, y = curve.getOriginalDataset()
            np.testing.assert_array_equal(x, list(expected))
            np.testing.assert_array_equal(y, list(expected.values()))
    assert panel.grad_plot.getAxis("left").logMode and panel.weight_plot.getAxis("left").logMode


def test_zero_norms_leave_a_gap(panel, run):
    snap = run[1][-1]
    for step, norm in ((1, 0.5), (2, 0.0), (3, 0.25)):
        norms = dict(snap.param_norms, **{"head.bias": norm})
        panel.on_snapshot(dataclasses.replace(snap, step=step, param_norms=frozen_map(norms)))
    x, y = panel.weight_curves["head.bias"].getOriginalDataset()
    np.testing.assert_array_equal(x, [1, 3])  # no log of 0
    np.testing.assert_array_equal(y, [0.5, 0.25])


def test_a_repeated_step_adds_no_point(panel, run):
    snaps = run[1]
    _feed(panel, snaps)
    n = len(panel.weights)
    panel.on_snapshot(dataclasses.replace(snaps[-1], status="paused"))
    assert len(panel.weights) == n


def test_hiding_a_parameter_hides_it_in_both_plots(panel):
    name = "rnn.weight_ih_l0"
    panel.grad_curves[name].setVisible(False)  # what a click on its legend entry does
    assert not panel.weight_curves[name].isVisible()
    panel.grad_curves[name].setVisible(True)
    assert panel.weight_curves[name].isVisible()


def test_plots_share_the_step_axis_and_are_labelled(panel, run):
    _feed(panel, run[1])
    panel.grad_plot.setXRange(5, 25, padding=0)
    assert panel.weight_plot.viewRange()[0] == pytest.approx([5, 25])
    assert panel.grad_plot.getAxis("left").labelText == "gradient norm"
    assert panel.weight_plot.getAxis("left").labelText == "weight norm"
    assert panel.weight_plot.getAxis("bottom").labelText == "step"


def test_reset_clears_everything(panel, run):
    trainer, snaps = run
    _feed(panel, snaps)
    panel.reset(trainer.task, trainer.config)

    for curve in (
        panel.global_curve,
        panel.clip_markers,
        *panel.grad_curves.values(),
        *panel.weight_curves.values(),
    ):
        assert _empty(curve)
    assert len(panel.steps) == len(panel.grads) == len(panel.weights) == 0
    assert panel.clipped_steps == 0
    assert panel.summary.text() == "No run yet"


def test_a_snapshot_before_reset_builds_its_curves(qtbot, run):
    panel = NormsPanel()
    qtbot.addWidget(panel)
    _feed(panel, run[1])
    assert set(panel.weight_curves) == set(run[1][0].param_norms)
    assert not _empty(panel.weight_curves["head.weight"])


def test_a_million_steps_stay_bounded(panel, run):
    snap = run[1][-1]
    total, chunk = 1_000_000, 250_000
    rng = np.random.default_rng(0)
    grad = rng.lognormal(np.log(CLIP), 1.0, total)
    for start in range(0, total, chunk):  # four large chunks, as after a long pause
        step = np.arange(start + 1, start + chunk + 1, dtype=np.int64)
        rows = {
            "step": step,
            "time": step * 1e-3,
            "loss": np.full(chunk, 0.5),
            "lr": np.full(chunk, 0.01),
            "grad_norm": grad[start : start + chunk],
            "count": np.ones(chunk, np.int64),
        }
        panel.on_snapshot(
            dataclasses.replace(
                snap,
                step=int(step[-1]),
                new_steps=frozen_map({k: frozen(v) for k, v in rows.items()}),
            )
        )

    buf = panel.steps
    assert len(buf) <= buf.capacity + 1 and buf.allocated <= buf.capacity + 1
    assert buf.thinned > 0
    assert buf["count"].sum() == total
    assert buf["grad_norm"].max() == grad.max()  # spikes survive thinning
    assert buf["step"][-1] == total
    assert panel.clipped_steps == (grad > CLIP).sum()
    x, _ = panel.clip_markers.getOriginalDataset()
    assert len(x) <= len(buf)
    for curve in (panel.global_curve, panel.clip_markers):
        opts = curve.opts
        assert opts["autoDownsample"] and opts["downsampleMethod"] == "peak"
        assert opts["clipToView"]


def test_step_axis_follows_a_new_run(qtbot):
    # issue 19: after a reset or a new model the x axis stopped at an early step
    long, short = _run(steps=400), _run(steps=60)
    panel = NormsPanel(parent=None)
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    for trainer, snaps in (long, short):
        panel.reset(trainer.task, trainer.config)
        for snap in snaps:
            panel.on_snapshot(snap)
            QApplication.processEvents()  # what the window does between snapshots
        panel.grab()
        for plot in (panel.grad_plot, panel.weight_plot):
            lo, hi = plot.viewRange()[0]
            assert lo <= 0 and snaps[-1].step <= hi < 1.5 * snaps[-1].step


def _diverged(snap, step, norm):
    rows = {"step": np.array([step]), "loss": np.array([1.0]), "grad_norm": np.array([norm])}
    return dataclasses.replace(
        snap,
        step=step,
        new_steps=frozen_map({k: frozen(v) for k, v in rows.items()}),
        param_grad_norms=frozen_map({k: norm for k in snap.param_grad_norms}),
        param_norms=frozen_map({k: norm for k in snap.param_norms}),
    )


def test_a_new_run_after_a_divergence_fits_its_norms(qtbot, run):
    # issue 19: after a divergence the y axes spanned hundreds of decades, and still did
    # after Reset: pyqtgraph fits one point by keeping the span it had
    trainer, snaps = run
    panel = NormsPanel(parent=None)
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.reset(trainer.task, trainer.config)
    panel.on_snapshot(_diverged(snaps[-1], 1, 1e-3))
    panel.on_snapshot(_diverged(snaps[-1], 100_000, 1e300))
    panel.grab()
    assert np.ptp(panel.weight_plot.viewRange()[1]) > 200  # decades
    panel.reset(trainer.task, trainer.config)
    panel.on_snapshot(_diverged(snaps[-1], 1, 2.0))
    panel.grab()
    for plot in (panel.grad_plot, panel.weight_plot):
        lo, hi = plot.viewRange()[1]
        assert lo <= math.log10(2.0) <= hi and hi - lo < 5
        assert plot.viewRange()[0][1] < 10  # steps
        axis = plot.getAxis("left")
        assert len(axis.tickValues(lo, hi, 200)[0][1]) <= 10


def test_huge_norms_are_labelled_as_they_are(qtbot, run):
    """Norms of 1e21 (a diverging run) on the log axes: the ticks read 1e+21, not 1 with
    a "(x1e+21)" prefix hidden in a cut-off axis title."""
    trainer, snaps = run
    panel = NormsPanel(parent=None)
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.reset(trainer.task, trainer.config)
    panel.on_snapshot(_diverged(snaps[-1], 1, 1e21))
    panel.grab()
    for plot in (panel.grad_plot, panel.weight_plot):
        axis = plot.getAxis("left")
        assert axis.autoSIPrefixScale == 1.0
        assert "x1e" not in axis.labelString()


def test_hover_reads_the_norms_at_the_mouse(qtbot, panel, run):
    # issue 19: step and value under the cursor, as the heatmaps have
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtTest import QTest

    _, snaps = run
    panel.resize(700, 500)
    panel.show()
    qtbot.waitExposed(panel)
    _feed(panel, snaps)
    panel.grab()
    assert panel.hover.text() == "hover the curves to read a step"
    # a step with a snapshot: snapshots come at times, not at fixed steps
    s = int(panel.weights["step"][len(panel.weights) // 2])
    steps, grad = panel.steps["step"], panel.steps["grad_norm"]
    k = int(np.flatnonzero(steps == s)[0])
    # the mouse on the weight curve of the recurrent weights there
    j = int(np.flatnonzero(panel.weights["step"] == s)[0])
    name = "rnn.weight_hh_l0"
    norm = float(panel.weights[name][j])
    at = QPointF(s, math.log10(norm))
    text = panel.readout_at(panel.weight_plot.getViewBox().mapViewToScene(at))
    assert text == f"weight_hh_l0: weight norm {norm:.4g} at step {s}"
    # over the gradient plot: the global norm at the step, then the nearest parameter's
    at = QPointF(s, math.log10(grad[k]))
    text = panel.readout_at(panel.grad_plot.getViewBox().mapViewToScene(at))
    assert text.startswith(f"step {s} · gradient norm {grad[k]:.4g} · ")
    assert text.endswith(f"at step {s}")
    # a hidden parameter is not read
    panel.grad_curves[name].hide()
    at = QPointF(s, math.log10(norm))
    assert "weight_hh_l0" not in panel.readout_at(panel.weight_plot.getViewBox().mapViewToScene(at))
    # the mouse itself: the line follows it
    view = panel.plots
    at = panel.grad_plot.getViewBox().mapViewToScene(QPointF(s, math.log10(grad[k])))
    QTest.mouseMove(view.viewport(), QPoint(view.mapFromScene(at)))
    qtbot.waitUntil(lambda: panel.hover.text().startswith(f"step {s} ·"), timeout=2000)


def test_no_axis_label_overlaps_another_after_a_divergence_and_reset(qtbot, run):
    # issue 19: after a divergence the y labels overlapped, and stayed wrong after Reset
    from panel_helpers import overlapping_labels

    trainer, snaps = run
    panel = NormsPanel(parent=None)
    qtbot.addWidget(panel)
    panel.resize(490, 260)  # the dock's size at 1280x800
    panel.show()
    qtbot.waitExposed(panel)
    panel.reset(trainer.task, trainer.config)
    for k, norm in enumerate(np.logspace(-3, 300, 60)):  # a run that diverges
        panel.on_snapshot(_diverged(snaps[-1], k + 1, norm))

    def check(stage):
        panel.grab()
        for plot in (panel.grad_plot, panel.weight_plot):
            for name in ("left", "bottom"):
                assert overlapping_labels(plot.getAxis(name)) == [], (stage, name)

    check("diverged")
    panel.reset(trainer.task, trainer.config)
    for snap in snaps:
        panel.on_snapshot(snap)
        check(snap.step)
    for plot in (panel.grad_plot, panel.weight_plot):
        lo, hi = plot.viewRange()[1]
        assert hi - lo < 10  # decades: the new run's, not the divergence's


def test_reset_clears_the_hover_line(panel, run):
    # seen under Xvfb: after Reset the line still read the old run's step 299
    from PySide6.QtCore import QPointF

    trainer, snaps = run
    _feed(panel, snaps)
    panel.resize(700, 500)
    panel.grab()
    at = panel.grad_plot.getViewBox().mapViewToScene(QPointF(20, -1))
    panel._on_mouse_moved(at)
    assert panel.hover.text().startswith("step 20 ·")
    panel.reset(trainer.task, trainer.config)
    assert panel.hover.text() == "hover the curves to read a step"


def test_the_axis_titles_do_not_print_into_each_other(qtbot, run):
    # seen at 1280x800: "weight normgradient nor", the two plots' titles longer than
    # the plots are high, one over the other
    trainer, snaps = run
    panel = NormsPanel(parent=None)
    qtbot.addWidget(panel)
    panel.resize(490, 240)  # plots under 60 pixels high, as in the dock at 1280x800
    panel.show()
    qtbot.waitExposed(panel)
    panel.reset(trainer.task, trainer.config)
    _feed(panel, snaps)
    for _ in range(2):  # the axes take their width at the next layout
        QApplication.processEvents()
        panel.grab()
    titles = [plot.getAxis("left").label for plot in (panel.grad_plot, panel.weight_plot)]
    rects = [t.mapRectToScene(t.boundingRect()) for t in titles]
    assert not rects[0].intersects(rects[1])
    for plot, rect in zip((panel.grad_plot, panel.weight_plot), rects, strict=True):
        axis = plot.getAxis("left")
        assert axis.sceneBoundingRect().adjusted(-8, -8, 8, 8).contains(rect)
