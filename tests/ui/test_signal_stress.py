"""Many cross-thread signals must arrive intact and leave the process alive.

PySide6 6.12.0 on Python < 3.12 drops a reference to ``True`` on every ``emit()`` and aborts
the interpreter after a few hundred emits (see the pin in pyproject.toml). The training
worker emits from a QThread to receivers in the GUI thread, so this test does exactly that,
many thousands of times: a regression kills the test process instead of passing silently.
"""

import gc

from PySide6.QtCore import QObject, QThread, Signal, Slot

N_SIGNALS = 20_000


class _Emitter(QObject):
    item_emitted = Signal(object)  # a tuple (index, index squared, label)
    done = Signal(int)  # how many items were emitted

    @Slot()
    def run(self) -> None:
        for i in range(N_SIGNALS):
            self.item_emitted.emit((i, i * i, "step"))
        self.done.emit(N_SIGNALS)


class _Receiver(QObject):
    """Lives in the GUI thread, so its slots run there (a lambda would run in the worker)."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[int, int, str]] = []
        self.threads: set[QThread] = set()

    @Slot(object)
    def on_item_emitted(self, item) -> None:
        self.items.append(item)
        self.threads.add(QThread.currentThread())


def test_twenty_thousand_signals_cross_threads(qtbot, qapp):
    thread = QThread()
    emitter = _Emitter()
    emitter.moveToThread(thread)
    receiver = _Receiver()
    emitter.item_emitted.connect(receiver.on_item_emitted)
    thread.started.connect(emitter.run)

    # the emitter allocates 20,000 tuples: a garbage collection in its thread could free
    # Qt objects of earlier tests off the GUI thread (see conftest.py); none may run there
    gc.collect()
    gc.disable()
    thread.start()
    try:
        qtbot.waitUntil(lambda: len(receiver.items) == N_SIGNALS, timeout=60_000)
    finally:
        gc.enable()
        # A running QThread that gets garbage-collected aborts the process.
        thread.quit()
        assert thread.wait(10_000), "worker thread did not stop"

    assert thread.isFinished()
    assert receiver.items == [(i, i * i, "step") for i in range(N_SIGNALS)]
    assert receiver.threads == {qapp.thread()}
