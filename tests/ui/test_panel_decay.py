"""The gradient decay panel: ||d l_tau / d h_t|| per layer on a log axis, history faded;
below it the factor per step, beside them W_hh's singular values, and truncation's cuts."""

import dataclasses

import numpy as np
from panel_helpers import adding_trainer, reset_panel

from lstm_studio.ui.panels.decay import (
    FACTOR_RANGE,
    HISTORY,
    Y_RANGE,
    DecayPanel,
    cut_segments,
    decay_ratio,
    format_ratio,
    last_cut,
)


def _trainer(cell="lstm", num_layers=2):
    return adding_trainer(cell, num_layers)


def _panel(qtbot, trainer):
    return reset_panel(qtbot, DecayPanel, trainer)


def _data(curve):
    x, y = curve.getOriginalDataset()
    if x is None:  # no data
        return np.empty(0), np.empty(0)
    return np.asarray(x), np.asarray(y)


def test_title_and_axes(qtbot):
    panel = _panel(qtbot, _trainer())
    assert panel.title == "Gradient decay"
    assert panel.objectName() == panel.object_name == "decay_panel"
    assert panel.factor_plot.getAxis("bottom").labelText == "t (timestep)"
    assert "∂h" in panel.plot.getAxis("left").labelText
    for plot in (panel.plot, panel.factor_plot, panel.sv_plot):
        assert plot.getAxis("left").logMode
    # the factor plot shares t with the decay curve above it
    assert panel.factor_plot.getViewBox().linkedView(0) is panel.plot.getViewBox()
    assert "product" in panel.factor_title.text


def test_curves_are_the_probe_decay_rows(qtbot):
    trainer = _trainer("lstm", num_layers=2)
    panel = _panel(qtbot, trainer)
    assert len(panel.curves_h) == len(panel.curves_c) == 2
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    probe = snap.probe
    t = np.arange(probe.decay_tau + 1)
    for layer in range(2):
        x, y = _data(panel.curves_h[layer])
        np.testing.assert_array_equal(x, t)
        np.testing.assert_allclose(y, probe.decay_dh[layer])
        x, y = _data(panel.curves_c[layer])
        np.testing.assert_allclose(y, probe.decay_dc[layer])
    assert panel.tau_line.value() == probe.decay_tau
    assert panel.tau_line.isVisible()


def test_rnn_has_no_cell_state_curves(qtbot):
    trainer = _trainer("rnn", num_layers=1)
    panel = _panel(qtbot, trainer)
    assert panel.curves_c == []
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    np.testing.assert_allclose(_data(panel.curves_h[0])[1], snap.probe.decay_dh[0])


def test_history_grows_to_its_cap_and_stays_there(qtbot):
    trainer = _trainer("gru", num_layers=2)
    panel = _panel(qtbot, trainer)
    items = [id(i) for i in panel.plot.items]
    factor_items = [id(i) for i in panel.factor_plot.items]
    sv_items = [id(i) for i in panel.sv_plot.items]
    previous = None
    for k in range(HISTORY + 3):
        snap = trainer.snapshot()
        panel.on_snapshot(snap)
        assert panel.history_count == min(k, HISTORY)
        for layer in range(2):
            filled = [c for c in panel.history_curves[layer] if len(_data(c)[1])]
            assert len(filled) == panel.history_count
            if previous is not None:
                # the newest faded curve is the previous snapshot's
                np.testing.assert_allclose(
                    _data(panel.history_curves[layer][0])[1], previous.decay_dh[layer]
                )
        previous = snap.probe
        trainer.train_step()
    # no items were added on the way
    assert [id(i) for i in panel.plot.items] == items
    assert [id(i) for i in panel.factor_plot.items] == factor_items
    assert [id(i) for i in panel.sv_plot.items] == sv_items
    # the same step again replaces the current curve, it does not age the history
    panel.on_snapshot(snap)
    assert panel.history_count == HISTORY
    panel.reset(trainer.task, trainer.config)
    assert panel.history_count == 0


def test_ratio_label_gives_each_layers_decay(qtbot):
    trainer = _trainer("lstm", num_layers=2)
    panel = _panel(qtbot, trainer)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    text = panel.ratio_label.text()
    dh = snap.probe.decay_dh
    tau = snap.probe.decay_tau
    for layer in range(2):
        ratio = dh[layer, 0] / dh[layer, tau]
        assert decay_ratio(dh[layer]) == ratio
        assert f"layer {layer + 1}" in text
        assert format_ratio(ratio) in text
    assert f"τ={tau}" in text


def test_zeros_and_infinities_leave_gaps_not_warnings(qtbot):
    trainer = _trainer("lstm", num_layers=1)
    panel = _panel(qtbot, trainer)
    snap = trainer.snapshot()
    dh = np.array(snap.probe.decay_dh)
    dh[0, :3] = 0
    dh[0, 3] = np.inf
    dh[0, -1] = 0
    probe = dataclasses.replace(snap.probe, decay_dh=dh)
    panel.on_snapshot(dataclasses.replace(snap, probe=probe))
    y = _data(panel.curves_h[0])[1]
    assert np.isnan(y[:4]).all() and np.isnan(y[-1])
    np.testing.assert_allclose(y[4:-1], dh[0, 4:-1])
    assert "undefined" in panel.ratio_label.text()
    panel.resize(600, 400)
    panel.grab()


def test_renders(qtbot):
    trainer = _trainer()
    panel = _panel(qtbot, trainer)
    panel.on_snapshot(trainer.snapshot())
    panel.resize(800, 500)
    image = panel.grab().toImage()
    assert len({image.pixel(x, y) for x in range(0, 800, 8) for y in range(0, 450, 8)}) > 5


def test_every_run_shares_one_fixed_log_scale(qtbot):
    ranges = []
    for cell in ("rnn", "lstm"):
        trainer = _trainer(cell, num_layers=1)
        panel = _panel(qtbot, trainer)
        for _ in range(3):
            trainer.train_step()
            panel.on_snapshot(trainer.snapshot())
        panel.grab()
        ranges.append(
            [
                tuple(round(v, 6) for v in plot.getViewBox().viewRange()[1])
                for plot in (panel.plot, panel.factor_plot, panel.sv_plot)
            ]
        )
    # far above 1 too: an RNN's gradient growing back through time must show
    assert Y_RANGE[0] <= -16 and Y_RANGE[1] >= 16
    assert ranges[0] == ranges[1] == [Y_RANGE, FACTOR_RANGE, FACTOR_RANGE]


def test_the_label_gives_the_cell_state_ratio_for_the_lstm_family(qtbot):
    trainer = _trainer("lstm", num_layers=1)
    panel = _panel(qtbot, trainer)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    expected = format_ratio(decay_ratio(snap.probe.decay_dc[0]))
    assert f"through c: {expected}" in panel.ratio_label.text()
    gru = _trainer("gru", num_layers=1)
    panel = _panel(qtbot, gru)
    panel.on_snapshot(gru.snapshot())
    assert "through c" not in panel.ratio_label.text()


def test_the_legend_names_the_faded_lines_once_there_are_some(qtbot):
    trainer = _trainer("rnn", num_layers=1)
    panel = _panel(qtbot, trainer)
    names = lambda: [label.text for _, label in panel.legend.items]  # noqa: E731
    panel.on_snapshot(trainer.snapshot())
    assert names() == ["h"]  # no earlier snapshot yet: nothing faded to name
    trainer.train_step()
    panel.on_snapshot(trainer.snapshot())
    trainer.train_step()
    panel.on_snapshot(trainer.snapshot())
    assert names() == ["h", "earlier snapshots"]
    panel.reset(trainer.task, trainer.config)
    assert names() == ["h"]


def test_the_factor_curves_are_the_snapshots_numbers(qtbot):
    trainer = _trainer("lstm", num_layers=2)
    panel = _panel(qtbot, trainer)
    trainer.train_step()
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    probe = snap.probe
    tau = probe.decay_tau
    t = np.arange(tau + 1)
    assert probe.factor.shape == (2, tau + 1)
    for layer in range(2):
        x, y = _data(panel.factor_curves[layer])
        np.testing.assert_array_equal(x, t)
        np.testing.assert_allclose(y, probe.factor[layer])
        # the cell path's factor: f_t, mean and range over units, steps 0 .. tau
        f = np.asarray(probe.layers[layer]["f"][: tau + 1])
        np.testing.assert_allclose(_data(panel.f_mean[layer])[1], f.mean(axis=1))
        np.testing.assert_allclose(_data(panel.f_low[layer])[1], f.min(axis=1))
        np.testing.assert_allclose(_data(panel.f_high[layer])[1], f.max(axis=1))
        # W_hh's singular values against their index 1 .. H
        x, y = _data(panel.sv_curves[layer])
        np.testing.assert_array_equal(x, np.arange(1, 9))
        np.testing.assert_allclose(y, probe.recurrent_sv[layer])
    assert panel.sv_note.toPlainText() == ""


def test_a_cell_without_a_forget_gate_has_no_f_band(qtbot):
    for cell in ("rnn", "gru"):
        trainer = _trainer(cell, num_layers=1)
        panel = _panel(qtbot, trainer)
        assert panel.f_mean == panel.f_low == panel.f_high == []
        snap = trainer.snapshot()
        panel.on_snapshot(snap)
        np.testing.assert_allclose(_data(panel.factor_curves[0])[1], snap.probe.factor[0])


def _grown_rnn():
    """The exploding-gradients experiment's RNN: W_hh orthogonal x 2 (the setup form's
    "W_hh starts as"), at step 0."""
    from lstm_studio.training import Trainer
    from lstm_studio.ui.experiments import EXPLODE_CONFIG

    return Trainer(EXPLODE_CONFIG)


def test_an_rnn_with_large_recurrent_weights_grows_back_on_the_fixed_scale(qtbot):
    trainer = _grown_rnn()
    panel = _panel(qtbot, trainer)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    probe = snap.probe
    dh = probe.decay_dh[0]
    assert dh[0] > 1e3 * dh[-1] and dh.max() > 1  # it grew back through time
    y = _data(panel.curves_h[0])[1]
    np.testing.assert_allclose(y, dh)  # drawn as it is, not clipped
    low, high = panel.plot.getViewBox().viewRange()[1]
    assert (low, high) == Y_RANGE and low < np.log10(dh).min() and np.log10(dh).max() < high
    # the factor says why: about 2 at every step, above the line at 1; and so is every σ
    np.testing.assert_allclose(_data(panel.factor_curves[0])[1], probe.factor[0])
    assert np.median(probe.factor[0]) > 1.9
    assert panel.one_line.value() == 0  # log10(1)
    np.testing.assert_allclose(_data(panel.sv_curves[0])[1], 2.0)
    assert f"{format_ratio(dh[0] / dh[-1])} times" in panel.ratio_label.text()


def test_the_cut_positions():
    assert last_cut(19, 0) is None
    assert last_cut(19, 20) is None  # k beyond tau: nothing is cut before tau
    assert last_cut(19, 5) == 15
    assert last_cut(20, 5) == 20  # tau itself is a cut: nothing passes back from it
    x, y = cut_segments(19, 5, 1e-3, 1e2)
    np.testing.assert_array_equal(x, [4.5, 4.5, 9.5, 9.5, 14.5, 14.5])
    np.testing.assert_array_equal(y, [1e-3, 1e2] * 3)
    assert [a.size for a in cut_segments(19, 0, 1, 2)] == [0, 0]


def _truncated(trainer, k):
    """A snapshot of the same run truncated every k steps (the real pass: the gradient of
    l_tau is zero before the last cut at or below tau)."""
    from lstm_studio.training import Trainer

    return Trainer(trainer.config.replace(truncate=k)).snapshot()


def test_truncation_shows_the_cut(qtbot):
    trainer = _trainer("lstm", num_layers=1)
    panel = _panel(qtbot, trainer)
    panel.on_snapshot(trainer.snapshot())
    assert not panel.cut_region.isVisible() and not panel.cut_line.isVisible()
    snap = _truncated(trainer, 6)
    assert not snap.probe.decay_dh[0][:18].any() and snap.probe.decay_dh[0][18] > 0
    tau = snap.probe.decay_tau
    assert tau == 19
    panel.on_snapshot(snap)
    # the steps the gradient of l_tau never reaches: shaded in both plots, the last cut
    # drawn and labelled half a step before step 18, every cut marked
    for region in (panel.cut_region, panel.factor_cut_region):
        assert region.isVisible()
        assert tuple(region.getRegion()) == (-0.5, 17.5)
    assert panel.cut_line.isVisible() and panel.cut_line.value() == 17.5
    assert panel.cut_line.label.format == "cut: truncated every 6 steps"
    x, _ = _data(panel.cut_marks)
    np.testing.assert_array_equal(x, [5.5, 5.5, 11.5, 11.5, 17.5, 17.5])
    assert len(_data(panel.factor_cut_marks)[0]) == 6
    # the zeros are gaps, and the text says where the gradient was cut, not "undefined"
    assert np.isnan(_data(panel.curves_h[0])[1][:18]).all()
    text = panel.ratio_label.text()
    assert "undefined" not in text
    assert "cut at step 18 (truncated every 6 steps)" in text
    dh = snap.probe.decay_dh[0]
    assert format_ratio(dh[18] / dh[tau]) in text
    assert (
        f"through c: {format_ratio(snap.probe.decay_dc[0, 18] / snap.probe.decay_dc[0, tau])}"
        in text
    )
    # tau itself a cut: nothing reaches an earlier step
    panel.on_snapshot(_truncated(trainer, 19))
    assert "cut at step 19 = τ" in panel.ratio_label.text()
    assert "undefined" not in panel.ratio_label.text()
    # back to full backpropagation: no cut drawn
    panel.on_snapshot(trainer.snapshot())
    assert not panel.cut_region.isVisible() and not panel.cut_line.isVisible()
    assert len(_data(panel.cut_marks)[0]) == 0


def test_the_singular_values_age_when_measured_anew(qtbot):
    trainer = _trainer("rnn", num_layers=1)
    panel = _panel(qtbot, trainer)
    snap = trainer.snapshot()
    probe = snap.probe
    sv = np.asarray(probe.recurrent_sv[0])

    def measured(step, factor_step, scale=1.0):
        p = dataclasses.replace(probe, factor_step=factor_step, recurrent_sv=(sv * scale,))
        return dataclasses.replace(snap, step=step, probe=p)

    filled = lambda: sum(len(_data(c)[1]) > 0 for c in panel.sv_history[0])  # noqa: E731
    panel.on_snapshot(measured(0, 0))
    # the spectra are renewed less often than snapshots come: still those of step 0
    panel.on_snapshot(measured(1, 0))
    assert panel.history_count == 1 and filled() == 0
    panel.on_snapshot(measured(2, 2))
    panel.on_snapshot(measured(3, 2))
    assert filled() == 1
    panel.on_snapshot(measured(4, 4, scale=2.0))
    assert filled() == 2
    np.testing.assert_allclose(_data(panel.sv_curves[0])[1], 2 * sv)
    np.testing.assert_allclose(_data(panel.sv_history[0][0])[1], sv)
    np.testing.assert_array_equal(_data(panel.sv_history[0][0])[0], np.arange(1, 9))


def test_without_spectra_the_plots_say_so_and_draw_nothing(qtbot):
    trainer = _trainer("lstm", num_layers=1)
    panel = _panel(qtbot, trainer)
    snap = trainer.snapshot()
    probe = dataclasses.replace(snap.probe, factor=None, recurrent_sv=())
    panel.on_snapshot(dataclasses.replace(snap, probe=probe))
    assert len(_data(panel.factor_curves[0])[1]) == 0
    assert len(_data(panel.sv_curves[0])[1]) == 0
    assert panel.sv_note.toPlainText() == "not\nmeasured"
    # NaN factors (a diverged model) are gaps, not warnings
    nan = np.full_like(snap.probe.factor, np.nan)
    panel.on_snapshot(dataclasses.replace(snap, probe=dataclasses.replace(snap.probe, factor=nan)))
    assert len(_data(panel.factor_curves[0])[1]) == 0
    panel.resize(600, 400)
    panel.grab()


def test_the_explanation_says_what_the_factor_is(qtbot):
    text = DecayPanel.explanation
    for needle in ("product", "at most", "f<sub>t</sub>", "σ′·W", "explode", "vanish", "cut"):
        assert needle in text


def test_a_gradient_that_vanished_to_zero_is_said_so(qtbot):
    """Twelve SGD steps into the exploding-gradients run the RNN's units are saturated:
    nothing of l_tau's gradient reaches t = 0, and the label says so instead of "0 of its
    size (x0 per step)"."""
    trainer = _grown_rnn()
    for _ in range(12):
        trainer.train_step()
    panel = _panel(qtbot, trainer)
    snap = trainer.snapshot()
    assert snap.probe.decay_dh[0][0] == 0 < snap.probe.decay_dh[0][-1]
    panel.on_snapshot(snap)
    text = panel.ratio_label.text()
    assert f"no gradient from τ={snap.probe.decay_tau} reaches t=0" in text
    assert "×0 per step" not in text


def test_hover_reads_the_singular_values(qtbot):
    # issue 19: every curve of the panel reads at the mouse, W_hh's spectrum too
    import math

    from PySide6.QtCore import QPointF

    trainer = _trainer("lstm", num_layers=2)
    panel = _panel(qtbot, trainer)
    panel.resize(700, 400)
    panel.show()
    qtbot.waitExposed(panel)
    snap = trainer.snapshot()
    panel.on_snapshot(snap)
    panel.grab()
    sv = snap.probe.recurrent_sv
    view = panel.sv_plot.getViewBox()
    at = view.mapViewToScene(QPointF(3.2, math.log10(float(sv[0][2]))))
    assert panel.readout_at(at) == (
        f"singular value 3 of W_hh: layer 1 {sv[0][2]:.3g}, layer 2 {sv[1][2]:.3g}"
    )
    at = view.mapViewToScene(QPointF(100, 0))  # past the last of H = 8
    assert panel.readout_at(at) == ""
