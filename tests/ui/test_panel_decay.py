"""The gradient decay panel: ||d l_tau / d h_t|| per layer on a log axis, history faded."""

import dataclasses

import numpy as np
from panel_helpers import adding_trainer, reset_panel

from lstm_studio.ui.panels.decay import HISTORY, DecayPanel, decay_ratio, format_ratio


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
    assert panel.plot.getAxis("bottom").labelText == "t (timestep)"
    assert "∂h" in panel.plot.getAxis("left").labelText
    assert panel.plot.getAxis("left").logMode


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
        ranges.append(tuple(round(v, 6) for v in panel.plot.getViewBox().viewRange()[1]))
    assert ranges[0] == ranges[1] == (-16.0, 1.0)


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
