"""Reference cycles are collected in the GUI thread only (``ui.collector``): a relay
thread that unpickles snapshots must never run a collection, or it destroys Qt objects
whose timers then fire on freed memory."""

import gc
import threading

from PySide6.QtCore import QObject, QSettings, QTimer

from lstm_studio.ui import collector
from lstm_studio.ui.main_window import MainWindow


class _Cycle:
    def __init__(self):
        self.me = self


def _collections():
    """A list the garbage collector appends ``(thread name, collected)`` to at the end
    of every collection, and the callback to remove."""
    seen = []

    def record(phase, info):
        if phase == "stop":
            seen.append((threading.current_thread().name, info["collected"]))

    gc.callbacks.append(record)
    return seen, record


def test_a_thread_that_allocates_never_collects_and_the_gui_thread_does(qtbot, qapp):
    guard = collector.install(qapp)
    assert collector.install(qapp) is guard  # one per application
    assert not gc.isenabled()
    seen, record = _collections()
    try:
        objects_before = len(gc.get_objects())

        def allocate():
            for _ in range(20):
                [_Cycle() for _ in range(2000)]  # 40,000 cycles: CPython would collect

        worker = threading.Thread(target=allocate, name="allocator")
        worker.start()
        worker.join()
        assert not [s for s in seen if s[0] == "allocator"]
        qtbot.waitUntil(lambda: any(s[0] == "MainThread" and s[1] > 0 for s in seen), timeout=3000)
        assert len(gc.get_objects()) < objects_before + 10_000  # the cycles were freed
    finally:
        gc.callbacks.remove(record)


class _Tracked(QObject):
    """A QObject with a timer registered in the GUI thread, that says in which thread it
    was destroyed."""

    destroyed_in: list[str] = []

    def __init__(self):
        super().__init__()
        self.timer = QTimer(self)
        self.timer.start(10_000)
        self.cycle = self

    def __del__(self):
        _Tracked.destroyed_in.append(threading.current_thread().name)


def test_qt_objects_in_cycles_are_destroyed_in_the_gui_thread(qtbot):
    _Tracked.destroyed_in = []
    _Tracked()  # garbage at once: only the cyclic collector frees it

    def allocate():
        for _ in range(20):
            [_Cycle() for _ in range(2000)]

    worker = threading.Thread(target=allocate, name="allocator")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(_Tracked.destroyed_in), timeout=3000)
    assert _Tracked.destroyed_in == ["MainThread"]


def test_a_window_training_never_collects_in_its_relay_thread(qtbot, tmp_path):
    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    seen, record = _collections()
    try:
        window.session.set_budget(400, False)
        window.session.train()

        # snapshots unpickled in the relay thread meanwhile, and cycles made here (as a
        # panel that replaces its plots makes them): CPython's thresholds pass many times
        def churn():
            [_Cycle() for _ in range(2000)]
            return window.session.last is not None and window.session.last.step >= 300

        qtbot.waitUntil(
            lambda: window.session.last is not None and window.session.last.step >= 300,
            timeout=30_000,
        )
        assert seen, "the GUI thread collected nothing"
        assert {name for name, _ in seen} == {"MainThread"}
    finally:
        gc.callbacks.remove(record)
        window.close()
