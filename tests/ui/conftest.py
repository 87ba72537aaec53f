"""The window tests: their Qt objects are freed in the GUI thread."""

import gc

import pytest


@pytest.fixture(autouse=True)
def _collect_garbage_in_the_gui_thread():
    """Qt objects a test leaves in reference cycles are freed by Python's cyclic garbage
    collector, which runs in whichever thread happens to allocate: in a worker thread (a
    relay unpickling a snapshot, the emitter of test_signal_stress) their C++ destructors
    run off the GUI thread and can deadlock it. Collect here, in the GUI thread, after
    every window test."""
    yield
    gc.collect()
