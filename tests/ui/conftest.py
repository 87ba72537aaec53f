"""The window tests: their Qt objects are freed in the GUI thread."""

import gc

import pytest

from lstm_studio.ui import collector


@pytest.fixture(autouse=True, scope="session")
def _collect_in_the_gui_thread_only(qapp):
    """As the app does (``ui.collector``): automatic garbage collection is off during the
    window tests, and cycles are collected on a timer of the GUI thread, so a relay thread
    that unpickles snapshots never destroys Qt objects (their timers outlive them, and a
    later test's event loop crashed on one).

    Everything alive when the first window test starts (NumPy, torch, onnxruntime, Qt's
    and the app's modules: over 200,000 objects) is also moved out of the collector's
    sight once, so the collection after every window test looks only at what the window
    tests made: about 1 ms instead of 75 ms, over 400 tests."""
    gc.collect()
    gc.freeze()
    guard = collector.install(qapp)
    yield
    guard.stop()
    gc.unfreeze()


@pytest.fixture(autouse=True)
def _collect_garbage_in_the_gui_thread():
    """Collect here, in the GUI thread, after every window test: the Qt objects a test
    leaves in reference cycles are freed before the next test starts."""
    yield
    gc.collect()
