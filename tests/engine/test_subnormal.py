"""The backward pass flushes subnormal numbers to zero (issue 16): the processor's
flush-to-zero mode where it can be set, else a flush in the loops; either way the
parameter gradients are bitwise those of the unflushed pass, and no intermediate
gradient entry moves by more than the smallest normal float."""

from __future__ import annotations

import platform
import sys

import numpy as np
import pytest

from lstm_studio.engine import CELLS, SequenceModel, backward_pass, subnormal

HARDWARE = subnormal.hardware_available()
LINUX_X86 = sys.platform == "linux" and platform.machine().lower() in ("x86_64", "amd64")


def _halved_smallest(dtype) -> float:
    """smallest normal * 0.5: subnormal unless the processor flushes it."""
    small = np.array([np.finfo(dtype).tiny], dtype)
    return float((small * np.array(0.5, dtype))[0])


def test_the_hardware_mode_is_found_where_it_exists():
    # glibc on x86-64 carries MXCSR in fenv_t: CI and this machine take the fast way
    assert HARDWARE == LINUX_X86


@pytest.mark.skipif(not LINUX_X86, reason="the processor mode is set on x86-64 Linux only")
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_flush_to_zero_is_on_inside_the_block_only(dtype, monkeypatch):
    monkeypatch.setattr(subnormal, "MODE", "auto")
    assert _halved_smallest(dtype) != 0.0
    assert not subnormal.hardware_active()
    with subnormal.flush_to_zero() as on:
        assert on and subnormal.hardware_active()
        assert _halved_smallest(dtype) == 0.0
        with subnormal.flush_to_zero():  # nested: the outer state survives the inner exit
            pass
        assert _halved_smallest(dtype) == 0.0
    assert not subnormal.hardware_active()
    assert _halved_smallest(dtype) != 0.0
    with pytest.raises(KeyError), subnormal.flush_to_zero():
        raise KeyError("boom")
    assert _halved_smallest(dtype) != 0.0  # restored after an exception too


@pytest.mark.skipif(not LINUX_X86, reason="the processor mode is set on x86-64 Linux only")
def test_numpy_still_sees_floating_point_errors_after_the_block():
    with subnormal.flush_to_zero():
        pass
    with pytest.raises(FloatingPointError), np.errstate(over="raise"):
        np.array([3e38], np.float32) * np.float32(10)


def test_modes_off_and_loop_leave_the_processor_alone(monkeypatch):
    for mode in ("off", "loop"):
        monkeypatch.setattr(subnormal, "MODE", mode)
        with subnormal.flush_to_zero() as on:
            assert not on
            assert not subnormal.hardware_active()
    monkeypatch.setattr(subnormal, "MODE", "loop")
    assert subnormal.loop_flush_needed()
    monkeypatch.setattr(subnormal, "MODE", "off")
    assert not subnormal.loop_flush_needed()


def _decaying_model(cell: str, dtype: str) -> SequenceModel:
    """Two layers whose gradient falls fast enough to reach the subnormal range of
    float32 within 250 steps and of float64 within 1000 (forget gates near 0.05)."""
    model = SequenceModel(cell, 3, 8, 1, 2, seed=1, dtype=dtype, forget_bias=-3.0)
    sd = model.state_dict()
    for name, value in sd.items():
        if "weight_hh" in name:
            value *= 0.2
        if cell == "gru" and name.startswith("rnn.bias_ih"):  # z near 0: h_{t-1} barely kept
            value[8:16] = -4.0
    model.load_state_dict(sd)
    return model


def _run(model, x, target, mask, mode, monkeypatch):
    monkeypatch.setattr(subnormal, "MODE", mode)
    loss, grads = model.loss_and_gradients(x, target, "mse", mask)
    totals = [layer.dh_total.copy() for layer in model.layers]
    totals += [layer.dc_total.copy() for layer in model.layers if layer.dc_total is not None]
    return loss, {k: np.array(v) for k, v in grads.items()}, totals


@pytest.mark.parametrize("dtype,T", [("float32", 250), ("float64", 1000)])
@pytest.mark.parametrize("cell", CELLS)
def test_flushing_changes_no_parameter_gradient(cell, dtype, T, monkeypatch):
    model = _decaying_model(cell, dtype)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((T, 4, 3)).astype(dtype)
    target = rng.standard_normal((T, 4, 1)).astype(dtype)
    mask = np.zeros(T)
    mask[-1] = 1
    tiny = np.finfo(dtype).tiny
    loss0, grads0, totals0 = _run(model, x, target, mask, "off", monkeypatch)

    def subnormals(arrays):
        return sum(int(np.sum((a != 0) & (np.abs(a) < tiny))) for a in arrays)

    assert subnormals(totals0) > 0  # the unflushed pass does compute on subnormals
    modes = ["loop", "hardware"] if HARDWARE else ["loop"]
    for mode in modes:
        loss, grads, totals = _run(model, x, target, mask, mode, monkeypatch)
        assert loss == loss0
        for name in grads0:
            np.testing.assert_array_equal(grads[name], grads0[name], err_msg=f"{mode} {name}")
        if mode == "hardware":  # nothing subnormal is computed at all
            assert subnormals(totals) == 0
        else:  # the loops flush what they pass back; a step's own sum may still be one
            assert subnormals(totals) < subnormals(totals0) / 10
        for a, b in zip(totals0, totals, strict=True):
            # an entry moves only by the subnormal parts that entered its sums, carried
            # on for a few steps (measured: up to 5 tiny), never at the gradient's scale
            assert np.max(np.abs(a - b)) <= 2**10 * tiny, mode


@pytest.mark.parametrize("cell", ["lstm", "gru"])
def test_truncated_bptt_and_the_backward_probe_are_flushed_too(cell, monkeypatch):
    model = _decaying_model(cell, "float32")
    rng = np.random.default_rng(1)
    T = 120
    x = rng.standard_normal((T, 2, 3)).astype("float32")
    target = rng.standard_normal((T, 2, 1)).astype("float32")
    mask = np.zeros(T)
    mask[-1] = 1
    _, grads0, _ = _run(model, x, target, mask, "off", monkeypatch)
    monkeypatch.setattr(subnormal, "MODE", "off")
    _, cut0 = model.loss_and_gradients(x, target, "mse", mask, truncate=50)
    cut0 = {k: np.array(v) for k, v in cut0.items()}
    monkeypatch.setattr(subnormal, "MODE", "auto")
    _, cut = model.loss_and_gradients(x, target, "mse", mask, truncate=50)
    for name in cut0:
        np.testing.assert_array_equal(cut[name], cut0[name])
    tiny = np.finfo(np.float32).tiny
    bp = backward_pass(model, x, target, "mse", mask)
    for layer in bp.layers:
        for name, a in layer.items():
            assert not np.any((a != 0) & (np.abs(a) < tiny)), name
