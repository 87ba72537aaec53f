"""Python's cyclic garbage collector, run in the GUI thread only.

CPython collects reference cycles whenever allocations pass a threshold, in whichever
thread is allocating at that moment. In the window that is often the relay thread
(``ui.worker``), which unpickles every snapshot the training process sends. A cycle
that holds Qt objects (a pyqtgraph plot a panel replaced, a window left after a
language switch) is then destroyed in the relay thread: its C++ destructors cannot stop
the timers those objects registered in the GUI thread (Qt refuses to stop a timer from
another thread), and the GUI thread later delivers a timer event to freed memory. Seen
here as segmentation faults in ``QGraphicsScene``'s index timer and in
``QObject::event``, a few seconds after a window with a training process closed (3 of 5
full test runs on a fresh machine; under gdb, collections of 40 and 57 objects ran in
the relay thread during the window tests).

``install(app)`` turns automatic collection off and collects on a timer of the GUI
thread instead, generation by generation as the thresholds CPython would use say
(pyqtgraph's ``GarbageCollector`` does the same). Threads that are not the GUI thread
then never run a collection.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Slot

INTERVAL_MS = 500  # how often the GUI thread looks at the allocation counts


class GuiCollector(QObject):
    """Collects reference cycles on a timer of the GUI thread, with automatic
    collection off. ``stop()`` turns automatic collection back on."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @Slot()
    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds, as CPython's
        automatic collection would have."""
        counts = gc.get_count()
        generation = -1
        for k in range(3):
            if self.thresholds[k] and counts[k] > self.thresholds[k]:
                generation = k
            else:
                break
        if generation >= 0:
            gc.collect(generation)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()


def install(app: QCoreApplication) -> GuiCollector:
    """The application's collector (made once, a child of ``app``): from now on cycles
    are collected in the GUI thread only."""
    current = app.findChild(GuiCollector)
    if current is None:
        current = GuiCollector(app)
    return current
