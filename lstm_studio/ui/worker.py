"""Training on a worker thread: the thread plumbing around ``Trainer.run()`` and nothing else.

``TrainingWorker`` lives in a ``QThread`` and iterates the generator; every
snapshot crosses to the GUI thread as a queued signal into a slot of
``TrainingSession``, a QObject of the GUI thread (a lambda or a plain function
would run in the worker thread, see ECOSYSTEM.md), which re-emits it for the
panels. The loop throttles itself to ``snapshot_hz``, so the GUI never builds a
backlog.
"""

from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from lstm_studio.training import Control, Snapshot, TrainConfig, Trainer

GIL_SWITCH_S = 0.0005


class TrainingWorker(QObject):
    """Iterates ``trainer.run(control)`` in its thread."""

    snapshot_ready = Signal(object)  # a frozen Snapshot, emitted in the worker thread
    failed = Signal(str)  # an exception from the loop, as text for the user
    finished = Signal()  # the loop is over (done, stopped or failed)

    def __init__(self, trainer: Trainer, control: Control) -> None:
        super().__init__()
        self.trainer = trainer
        self.control = control

    @Slot()
    def run(self) -> None:
        try:
            for snap in self.trainer.run(self.control):
                self.snapshot_ready.emit(snap)
        except Exception as e:  # reaches the user as a message; the window stays usable
            traceback.print_exc()
            self.failed.emit(f"{type(e).__name__}: {e}")
        finally:
            self.finished.emit()


class TrainingSession(QObject):
    """One model being trained, seen from the GUI thread.

    Owns the trainer, its Control, the worker and the thread. The trainer is
    only touched by the worker thread while the thread runs; the GUI reads
    snapshots only.
    """

    snapshot = Signal(object)  # a Snapshot, emitted in the GUI thread
    failed = Signal(str)  # the loop raised; the text says what
    state_changed = Signal(str)  # "idle", "running", "paused" or "done"

    def __init__(self, config: TrainConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Two busy Python threads hand the GIL over every 5 ms by default; the worker
        # gives it up in every NumPy call and then waits for the painting GUI thread.
        # A shorter interval measured 37 -> 44 % of headless speed (gui_responsiveness).
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_S))
        self.trainer = Trainer(config)  # may raise ValueError (bad task parameters, data file)
        self.control = Control()
        self._thread: QThread | None = None
        self._worker: TrainingWorker | None = None
        self.state = "idle"
        self.last: Snapshot | None = None

    @property
    def config(self) -> TrainConfig:
        return self.trainer.config

    @property
    def running(self) -> bool:
        return self._thread is not None

    # ---------------------------------------------------------------- commands
    def train(self) -> None:
        """Start, or resume when paused."""
        self.control.resume()
        if self._thread is None:
            self._start()
        self._set_state("running")

    def pause(self) -> None:
        self.control.pause()
        self._set_state("paused")

    def step(self) -> None:
        """Exactly one optimisation step, then stay paused."""
        self.control.step(1)
        if self._thread is None:
            self._start()
        self._set_state("paused")

    def set_budget(self, steps: int, stop_when_solved: bool) -> None:
        """A new step budget or stop-when-solved; the loop reads them between steps."""
        self.trainer.config = self.trainer.config.replace(
            steps=steps, stop_when_solved=stop_when_solved
        )

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Stop the loop and join the thread; True when it ended in time."""
        thread = self._thread
        if thread is None:
            return True
        self.control.stop()
        thread.quit()
        ended = thread.wait(timeout_ms)
        self._forget_thread()
        return ended

    # ---------------------------------------------------------------- plumbing
    def _start(self) -> None:
        if self.last is not None and self.last.done:
            self.control = _fresh_control(self.control)  # a stopped Control stays stopped
        thread = QThread(self)
        worker = TrainingWorker(self.trainer, self.control)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.snapshot_ready.connect(self._on_snapshot_ready)  # queued into the GUI thread
        worker.failed.connect(self._on_failed)
        # direct: quit must not wait for a GUI event loop that may already be gone
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.finished.connect(self._on_worker_finished)
        self._thread, self._worker = thread, worker
        thread.start()

    def _forget_thread(self) -> None:
        if self._worker is not None:
            self._worker.deleteLater()
        if self._thread is not None:
            self._thread.deleteLater()
        self._thread = self._worker = None

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    @Slot(object)
    def _on_snapshot_ready(self, snap: Snapshot) -> None:
        self.last = snap
        self.snapshot.emit(snap)
        if snap.done:
            self._set_state("done")

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.failed.emit(message)

    @Slot()
    def _on_worker_finished(self) -> None:
        if self._thread is not None:
            self._thread.wait(2000)
        self._forget_thread()
        if self.state != "done":
            self._set_state("done" if self.last is None or self.last.done else "idle")


def _fresh_control(old: Control) -> Control:
    """A Control with the old one's settings, for a run that continues after an end."""
    new = Control()
    new.set_delay(old.delay)
    return new
