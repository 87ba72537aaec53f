"""Training beside the window: a child process trains, a relay thread carries its
snapshots to the GUI thread.

``TrainingHost`` owns the child process (``training.remote.TrainingProcess``) and a
relay thread which blocks on the child's pipe and emits every message through
``Relay``'s signal, queued into a slot of the host, a QObject of the GUI thread (a
lambda or a plain function would run in the relay thread, see ECOSYSTEM.md). The host
hands each message to the ``TrainingSession`` whose run id it carries.

The relay is a plain daemon ``threading.Thread``, not a ``QThread``: a window that is
deleted without being closed (a dropped reference, a test) must not take a running
QThread with it, which aborts the process; and a finalizer ends the child then.

Why a process and not a training thread: see ``training/remote.py`` (61 % of
headless speed beside the window in one process, about 100 % in two).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import threading
import weakref

from PySide6.QtCore import QObject, Signal, Slot

from lstm_studio.training import Snapshot, TrainConfig, Trainer
from lstm_studio.training.remote import RemoteControl, TrainingProcess

LOST = (
    "The training process ended unexpectedly{0}. The model was reset; press Train to start again."
)
NOT_STARTED = (
    "The training process could not start{0}. Its error output is in the terminal "
    "that started LSTM Studio; the interpreter was {1}."
)


class Relay(QObject):
    """Its ``run`` is the relay thread: reads the child's messages until the pipe closes.

    The object itself lives in the GUI thread and is kept alive by the thread, so its
    signals always have a sender; Qt queues them into the GUI thread's slots.
    """

    message = Signal(object)  # a message tuple of training.remote
    lost = Signal(object)  # the pipe closed: the TrainingProcess

    def __init__(self, process: TrainingProcess) -> None:
        super().__init__()
        self.process = process

    def run(self) -> None:
        try:
            while True:
                try:
                    message = self.process.recv()
                except EOFError:
                    break
                self.message.emit(message)
            self.lost.emit(self.process)
            # deleted by the GUI thread, whose object it is: if the last Python reference
            # went in this thread (or in a garbage collection that happens to run in some
            # other thread), its C++ destructor would run here and lock the GUI thread's
            # event queue from outside it, which can deadlock a busy GUI thread
            self.deleteLater()
        except RuntimeError:
            pass  # the window, and the host with it, were deleted: nobody is listening


class TrainingHost(QObject):
    """The window's training process and its relay thread.

    ``start`` runs the child ahead of time (the window calls it at launch, so the
    first Train does not wait for an interpreter to start). A run is opened in the
    child when its session is made, or, if the child has gone since, on its first
    Train or Step; a child that died is never restarted but on such a request.
    """

    lost = Signal(str)  # the process ended without being asked to; the text says how

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.process: TrainingProcess | None = None
        self._thread: threading.Thread | None = None
        self._relay: Relay | None = None  # referenced here, or Python would delete it
        self._sessions: dict[int, RemoteRun] = {}
        self._ids = itertools.count(1)
        self._opened: set[int] = set()  # runs open in the current child
        self.processes: list[TrainingProcess] = []  # every one started (tests check they end)
        self.threads: list[threading.Thread] = []

    def start(self) -> None:
        """Start the child and the relay thread, unless they are running."""
        if self.process is not None:
            return
        process = TrainingProcess()
        relay = Relay(process)
        relay.message.connect(self._on_message)  # emitted in the relay thread: queued
        relay.lost.connect(self._on_lost)
        thread = threading.Thread(target=relay.run, name="training-relay", daemon=True)
        self.process, self._thread, self._relay = process, thread, relay
        self._opened.clear()
        self.processes.append(process)
        self.threads.append(thread)
        # a host deleted without close() (its window dropped unclosed) still ends the child
        weakref.finalize(self, process.abandon)  # cheap: GC may run it in any thread
        thread.start()

    def add(self, session: RemoteRun) -> int:
        """Register a session; return its run id (opened in the child if it runs)."""
        rid = next(self._ids)
        self._sessions[rid] = session
        if self.process is not None:
            self.process.open(rid, session.config, session.control, session.job)
            self._opened.add(rid)
        return rid

    def control(self, rid: int, name: str, args: tuple) -> None:
        if self.process is not None and rid in self._opened:
            self.process.control(rid, name, *args)
        # else: the session's Control keeps the value, and the run opens with it

    def run(self, rid: int) -> None:
        """Start or continue run ``rid`` (starting the child, opening the run)."""
        if self._ensure_open(rid):
            self.process.run(rid)

    def request(self, rid: int, jid: int, name: str, args: tuple) -> None:
        """Ask run ``rid`` a question of ``training.remote.REQUESTS``."""
        if self._ensure_open(rid):
            self.process.request(rid, jid, name, *args)

    def _ensure_open(self, rid: int) -> bool:
        session = self._sessions.get(rid)
        if session is None:
            return False
        self.start()
        if rid not in self._opened:
            self.process.open(rid, session.config, session.control, session.job)
            self._opened.add(rid)
        return True

    def forget(self, rid: int) -> None:
        self._sessions.pop(rid, None)

    def close(self) -> None:
        """End the child and the relay thread (the window is closing)."""
        self._sessions.clear()
        process, thread = self.process, self._thread
        self.process = self._thread = None
        if process is not None:
            process.close()
        if thread is not None:
            thread.join(2.0)

    @Slot(object)
    def _on_message(self, message: tuple) -> None:
        if message[0] == "ready":
            return
        session = self._sessions.get(message[1])
        if session is not None:
            session._on_message(message)

    @Slot(object)
    def _on_lost(self, process: TrainingProcess) -> None:
        if process.closing or process is not self.process:
            return
        try:
            code = process.process.wait(1.0)
        except subprocess.TimeoutExpired:
            code = None
        self.process = None
        if self._thread is not None:
            self._thread.join(2.0)
            self._thread = self._relay = None
        self._opened.clear()
        for session in list(self._sessions.values()):
            session._on_lost()
        how = "" if code is None else f" (exit code {code})"
        if process.ready:
            self.lost.emit(LOST.format(how))
        else:
            self.lost.emit(NOT_STARTED.format(how, sys.executable))


_request_ids = itertools.count(1)


class RemoteRun(QObject):
    """One run in the host's child process, seen from the GUI thread: a model being
    trained, or with ``job`` a cell race or a lag sweep (``training.remote.build_runner``).

    Holds the config, a ``Control`` whose calls reach the child, and the latest
    snapshot; the child opens the run at once if it is running, else on the first
    ``train`` or ``step``.
    """

    snapshot = Signal(object)  # a Snapshot (RaceSnapshot, SweepSnapshot), in the GUI thread
    failed = Signal(str)  # the run could not be built, or its loop raised; the text says what
    state_changed = Signal(str)  # "idle", "running", "paused" or "done"
    answered = Signal(int, object, str)  # a request's id, its value (None) and error ("")

    def __init__(
        self,
        config: TrainConfig,
        host: TrainingHost,
        parent: QObject | None = None,
        job: dict | None = None,
    ) -> None:
        super().__init__(parent)
        self._config = config
        self.job = job
        self.host = host
        self.control = RemoteControl(lambda name, args: host.control(self.rid, name, args))
        self.rid = host.add(self)
        self.running = False  # a run is going on in the child
        self.state = "idle"
        self.last = None  # the latest snapshot

    @property
    def config(self) -> TrainConfig:
        return self._config

    # ---------------------------------------------------------------- commands
    def train(self) -> None:
        """Start, or resume when paused."""
        self.control.resume()
        self._run()
        self._set_state("running")

    def pause(self) -> None:
        self.control.pause()
        self._set_state("paused")

    def step(self) -> None:
        """Exactly one optimisation step, then stay paused."""
        self.control.step(1)
        self._run()
        self._set_state("paused")

    def set_budget(self, steps: int, stop_when_solved: bool) -> None:
        """A new step budget or stop-when-solved; the loop reads them between steps."""
        self.control.set_budget(steps, stop_when_solved)
        self._config = self._config.replace(steps=steps, stop_when_solved=stop_when_solved)

    def set_lr(self, lr: float) -> None:
        """A new learning rate, now; kept in the config (a Reset or a save keeps it)."""
        self.control.set_lr(lr)
        self._config = self._config.replace(lr=lr)

    def set_clip(self, clip: float) -> None:
        """A new clipping norm (0: off), now; kept in the config."""
        self.control.set_clip(clip)
        self._config = self._config.replace(clip=clip)

    def request(self, name: str, *args) -> int:
        """Ask the model a question (``training.remote.REQUESTS``, e.g. "gradient_check"):
        answered between two steps, by ``answered`` with the returned id."""
        jid = next(_request_ids)
        self.host.request(self.rid, jid, name, args)
        return jid

    def shutdown(self) -> None:
        """Stop this run; its remaining messages are dropped."""
        self.control.stop()
        self.host.forget(self.rid)
        self.running = False

    # ---------------------------------------------------------------- plumbing
    def _run(self) -> None:
        if not self.running:
            self.running = True
            self.host.run(self.rid)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    def _on_message(self, message: tuple) -> None:
        kind = message[0]
        if kind == "snapshot":
            snap = message[2]
            self.last = snap
            self.snapshot.emit(snap)
            if snap.done:
                self._set_state("done")
        elif kind == "failed":
            self.failed.emit(message[2])
        elif kind == "result":
            _, _, jid, value, error = message
            self.answered.emit(jid, value, error or "")
        elif kind == "finished":
            self.running = False
            if self.state != "done":
                self._set_state("done" if self.last is None or self.last.done else "idle")

    def _on_lost(self) -> None:
        self.running = False
        self._set_state("done")


class TrainingSession(RemoteRun):
    """The window's model: a ``RemoteRun`` of one Trainer, plus the task (the panels
    read its names and sizes) and the first snapshot, of the untrained model, computed
    here so the window shows it without waiting for the child."""

    def __init__(
        self,
        config: TrainConfig,
        host: TrainingHost,
        parent: QObject | None = None,
        state: tuple[dict, dict] | None = None,
    ) -> None:
        """``state``: ``Trainer.state()``'s (arrays, meta) of a run to go on with (an
        opened run file, an autosave); its first snapshot carries the whole history."""
        if state is None:
            local = Trainer(config)  # may raise ValueError (bad task parameters, data file)
            job = None
        else:
            arrays, meta = state
            local = Trainer.restore(arrays, meta)
            local._seen_step = local._seen_evals = 0  # the panels need every row again
            config = local.config
            job = {"kind": "restore", "arrays": arrays, "meta": meta}
        super().__init__(config, host, parent, job=job)
        self.task = local.task
        self._local: Trainer | None = local
        self.last: Snapshot | None = None

    def first_snapshot(self, temperature: float) -> Snapshot:
        """The untrained model (with a text sample at ``temperature``)."""
        local = self._local
        if local is None:
            raise RuntimeError("the first snapshot is taken once, before training")
        self._local = None  # the child has the model from now on
        local.temperature = temperature
        local._write_sample()
        self.last = local.snapshot()
        return self.last
