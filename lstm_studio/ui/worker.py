"""Training beside the window: a child process trains, a relay thread carries its
snapshots to the GUI thread.

``TrainingHost`` owns the child process (``training.remote.TrainingProcess``) and a
relay thread which blocks on the child's pipe and emits every message through
``Relay``'s signal, queued into a slot of the host, a QObject of the GUI thread (a
lambda or a plain function would run in the relay thread, see ECOSYSTEM.md). The host
hands each message to the ``RemoteRun`` whose run id it carries (the one place the
window filters by run id).

A ``RemoteRun`` keeps no run state: a click becomes a command (``training.commands``),
checked when it is built and sent as it is; the child's driver applies it between two
steps. What the window shows of the run (its step, learning rate, clipping, budget,
status) it reads from the latest snapshot, and the first snapshot, of the untrained
model, comes from the child too.

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
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from lstm_studio.tasks import Task, make_task
from lstm_studio.training import Snapshot, TrainConfig
from lstm_studio.training.commands import (
    Command,
    Pause,
    Request,
    Resume,
    SetBudget,
    SetClip,
    SetDelay,
    SetLr,
    SetSampling,
    SetTemperature,
    Step,
    Stop,
)
from lstm_studio.training.remote import Answer, Ended, Failed, TrainingProcess, Update


class Relay(QObject):
    """Its ``run`` is the relay thread: reads the child's messages until the pipe closes.

    The object itself lives in the GUI thread and is kept alive by the thread, so its
    signals always have a sender; Qt queues them into the GUI thread's slots.
    """

    message = Signal(object)  # a message of training.remote
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


class Builder(QObject):
    """Runs the slow part of building a model (reading a large data file, checking a
    run file) in a plain thread, so the window's event loop goes on, and hands its
    result to the GUI thread. Only the latest build counts: starting another one (or
    ``cancel``) drops the result of the one before."""

    finished = Signal(int, object, object)  # generation, value, the exception or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self._then: Callable[[object, BaseException | None], None] | None = None
        # a slot of this object, which lives in the GUI thread: queued into it
        self.finished.connect(self._on_finished)

    @property
    def busy(self) -> bool:
        return self._then is not None

    def start(
        self, work: Callable[[], object], then: Callable[[object, BaseException | None], None]
    ) -> None:
        """``work()`` in a thread (no Qt in it), then ``then(value, None)`` or
        ``then(None, exception)`` in the GUI thread, unless another build came since."""
        self.generation += 1
        generation, self._then = self.generation, then

        def run() -> None:
            try:
                value, error = work(), None
            except Exception as e:  # handed to the GUI thread, which says it
                value, error = None, e
            try:
                self.finished.emit(generation, value, error)
            except RuntimeError:
                pass  # the window went meanwhile: nobody is waiting

        threading.Thread(target=run, name="lstm-studio-build", daemon=True).start()

    def cancel(self) -> None:
        """Drop the result of the build under way, if any."""
        self.generation += 1
        self._then = None

    @Slot(int, object, object)
    def _on_finished(self, generation: int, value: object, error: object) -> None:
        if generation != self.generation or self._then is None:
            return  # stale: the user chose something else meanwhile
        then, self._then = self._then, None
        then(value, error)


class TrainingHost(QObject):
    """The window's training process and its relay thread.

    ``start`` runs the child ahead of time (the window calls it at launch, so the
    first snapshot and the first Train do not wait for an interpreter to start). A run
    is opened in the child when its session is made, or, if the child is not running,
    on its first Train, Step or request; its other commands wait for that. With
    ``restart``, a child that died after it had shown a run is started again at once
    (the window's fresh model needs it for its first snapshot); one that never got that
    far is started again only on such a request, so a child that cannot run is not
    started over and over.
    """

    lost = Signal(str)  # the process ended without being asked to; the text says how

    def __init__(self, parent: QObject | None = None, restart: bool = False) -> None:
        super().__init__(parent)
        self.restart = restart
        self.process: TrainingProcess | None = None
        self._thread: threading.Thread | None = None
        self._relay: Relay | None = None  # referenced here, or Python would delete it
        self._sessions: dict[int, RemoteRun] = {}
        self._ids = itertools.count(1)
        self._opened: set[int] = set()  # runs open in the current child
        self._unsent: dict[int, list[Command]] = {}  # commands of runs not open yet
        self._shown = False  # the current child has sent a snapshot
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
        self._shown = False
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
            self._open(rid)
        return rid

    def send(self, rid: int, command: Command) -> None:
        """A command for run ``rid``. A Train, a Step or a request opens the run first
        (starting the child); another command for a run not open yet waits for it."""
        if rid not in self._sessions:
            return
        if rid not in self._opened:
            if not isinstance(command, (Resume, Step, Request)):
                self._unsent.setdefault(rid, []).append(command)
                return
            self.start()
            self._open(rid)
        self.process.send(rid, command)

    def _open(self, rid: int) -> None:
        session = self._sessions[rid]
        self.process.open(rid, session.opened_with, session.job)
        self._opened.add(rid)
        for command in self._unsent.pop(rid, ()):
            self.process.send(rid, command)

    def forget(self, rid: int) -> None:
        self._sessions.pop(rid, None)
        self._unsent.pop(rid, None)

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
    def _on_message(self, message) -> None:
        session = self._sessions.get(getattr(message, "rid", None))
        if session is None:
            return  # the child's hello, or a message of a run replaced since
        if isinstance(message, Update):
            self._shown = True
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
        if self.restart and self._shown:
            self.start()  # it ran, and was killed (the memory killer...): a new one, now
        how = "" if code is None else self.tr(" (exit code {0})").format(code)
        if process.ready:
            text = self.tr(
                "The training process ended unexpectedly{0}. The model was reset; press "
                "Train to start again."
            ).format(how)
        else:
            text = self.tr(
                "The training process could not start{0}. Its error output is in the "
                "terminal that started LSTM Studio; the interpreter was {1}."
            ).format(how, sys.executable)
        self.lost.emit(text)


_request_ids = itertools.count(1)


class RemoteRun(QObject):
    """One run in the host's child process, seen from the GUI thread: a model being
    trained, or with ``job`` a cell race or a lag sweep (``training.remote.build_runner``).

    Its methods send commands; ``last`` is the latest snapshot, and ``config`` the
    config it was opened with, as the latest snapshot says it stands now. The child
    opens the run at once if it is running, else on the first ``train``, ``step`` or
    ``request``.
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
        self.opened_with = config
        self.job = job
        self.host = host
        self.state = "idle"
        self.last = None  # the latest snapshot
        self.rid = host.add(self)

    @property
    def config(self) -> TrainConfig:
        """The run's config: as opened, with the learning rate, clipping and budget the
        latest snapshot shows."""
        last = self.last
        if not isinstance(last, Snapshot):
            return self.opened_with
        return self.opened_with.replace(
            lr=last.lr,
            clip=last.clip,
            steps=last.steps_total,
            stop_when_solved=last.stop_when_solved,
        )

    # ---------------------------------------------------------------- commands
    def send(self, command: Command) -> None:
        """A command for the run (``training.commands``), applied between two steps."""
        self.host.send(self.rid, command)

    def train(self) -> None:
        """Start, or resume when paused."""
        self.send(Resume())
        self._set_state("running")

    def pause(self) -> None:
        self.send(Pause())
        self._set_state("paused")

    def step(self) -> None:
        """Exactly one optimisation step, then stay paused."""
        self.send(Step(1))
        self._set_state("paused")

    def stop(self) -> None:
        """End the run (a race or a sweep: cancel it; the last snapshot says so)."""
        self.send(Stop())

    def set_budget(self, steps: int, stop_when_solved: bool) -> None:
        """A new step budget or stop-when-solved."""
        self.send(SetBudget(steps, stop_when_solved))

    def set_lr(self, lr: float) -> None:
        self.send(SetLr(lr))

    def set_clip(self, clip: float) -> None:
        """A new clipping norm (0: off)."""
        self.send(SetClip(clip))

    def set_delay(self, seconds: float) -> None:
        """Slow motion: wait this long after each step (0: full speed)."""
        self.send(SetDelay(seconds))

    def set_temperature(self, temperature: float) -> None:
        """The temperature of a text task's samples."""
        self.send(SetTemperature(temperature))

    def set_sampling(self, length: int, seed: int | None = None) -> None:
        """A text task's samples: ``length`` characters drawn with ``seed`` (None: a new
        seed each evaluation); written at once from the current weights."""
        self.send(SetSampling(length, seed))

    def request(self, name: str, *args) -> int:
        """Ask the model a question (``training.commands.REQUESTS``, e.g.
        "gradient_check"): answered between two steps, by ``answered`` with the
        returned id."""
        jid = next(_request_ids)
        self.send(Request(name, args, jid))
        return jid

    def shutdown(self) -> None:
        """Stop this run; its remaining messages are dropped."""
        self.send(Stop())
        self.host.forget(self.rid)

    # ---------------------------------------------------------------- plumbing
    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    def _on_message(self, message) -> None:
        if isinstance(message, Update):
            self._show(message.snapshot)
        elif isinstance(message, Answer):
            if isinstance(message.value, Snapshot):  # the model changed (new weights)
                self._show(message.value)
            self.answered.emit(message.jid, message.value, message.error or "")
        elif isinstance(message, Failed):
            self.failed.emit(message.text)
        elif isinstance(message, Ended) and self.state != "done":
            self._set_state("done" if self.last is not None and self.last.done else "idle")

    def _show(self, snap) -> None:
        self.last = snap
        self.snapshot.emit(snap)
        if snap.done:
            self._set_state("done")

    def _on_lost(self) -> None:
        self._set_state("done")


class TrainingSession(RemoteRun):
    """The window's model: a ``RemoteRun`` of one Trainer, and its task (the panels read
    its names and sizes). Building the task here checks the config's task parameters
    and data file, so a bad one is refused before anything is sent."""

    def __init__(
        self,
        config: TrainConfig,
        host: TrainingHost,
        parent: QObject | None = None,
        state: tuple[dict, dict] | None = None,
        task: Task | None = None,
    ) -> None:
        """``task``: the config's task, built already (it is built here otherwise).
        ``state``: ``Trainer.state()``'s (arrays, meta) of a run to go on with (an
        opened run file, an autosave), checked already (``io.runs.check_run``); its first
        snapshot carries the whole history. Raises ValueError or OSError for a task that
        can't be built (bad parameters, a data file that can't be used) or a truncation
        longer than its sequences."""
        job = None
        if state is not None:
            arrays, meta = state
            config = TrainConfig.from_dict(meta["config"])
            job = {"kind": "restore", "arrays": arrays, "meta": meta}
        if task is None:
            task = make_task(config.task, **config.task_params)
        # refused here, before the training process is asked: nothing changes
        config.check_truncate(task.size_hint()[0])
        self.task: Task = task
        super().__init__(config, host, parent, job=job)
