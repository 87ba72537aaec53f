"""The window tests: their Qt objects are freed in the GUI thread."""

import gc

import pytest


@pytest.fixture(autouse=True, scope="session")
def _freeze_what_came_before():
    """Everything alive when the first window test starts (NumPy, torch, onnxruntime,
    Qt's and the app's modules: over 200,000 objects) is moved out of the garbage
    collector's sight once, so the collection after every window test below looks only at
    what the window tests made: about 1 ms instead of 75 ms, over 400 tests."""
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def _collect_garbage_in_the_gui_thread():
    """Qt objects a test leaves in reference cycles are freed by Python's cyclic garbage
    collector, which runs in whichever thread happens to allocate: in a worker thread (a
    relay unpickling a snapshot, the emitter of test_signal_stress) their C++ destructors
    run off the GUI thread and can deadlock it. Collect here, in the GUI thread, after
    every window test."""
    yield
    gc.collect()
