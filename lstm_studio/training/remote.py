"""Training in a child process, so that the window's painting and the training never
share one interpreter lock.

pyqtgraph paints in Python: with the training generator on a thread of the
window's process, the two took turns at the GIL and training ran at 61 % of its
headless speed beside a live window (``benchmarks/gui_responsiveness.py``). In a
process of its own it runs at full speed, and the window only unpickles snapshots.

The parent side is ``TrainingProcess`` (no Qt: the window wraps it in a relay
thread). It starts ``python -m lstm_studio.training.remote``, a fresh interpreter
that imports nothing of the caller's (``multiprocessing``'s spawn would import the
caller's main script again, and a script without a ``__main__`` guard would open a
second window), and talks to it through the child's stdin and stdout: each message
is an 8-byte length and a pickle. One child serves one window; each model the
window builds is opened in it under a new run id, so messages of a replaced model
are recognised and dropped.

Parent -> child (``TrainingProcess`` methods)::

    ("open", rid, config_dict, control_state, job)
                                    build the run (``build_runner``: a Trainer, or a Race
                                    or LagSweep when ``job`` says so); replaces (and
                                    stops) the previous run
    ("control", rid, name, args)    a Control call: pause, resume, step, stop, set_lr,
                                    set_clip, set_temperature, set_delay, set_budget
    ("run", rid)                    iterate Trainer.run until it ends (start or continue)
    ("request", rid, jid, name, args)
                                    a look at the current weights (``REQUESTS``), between
                                    two steps if the run is going, else at once
    ("quit",)

Child -> parent (``TrainingProcess.recv``)::

    ("ready",)                      the child has started
    ("snapshot", rid, Snapshot)      (RaceSnapshot, SweepSnapshot for those jobs)
    ("failed", rid, text)           the trainer could not be built, or the loop raised
    ("finished", rid)               the run's generator is over; "run" continues it
    ("result", rid, jid, value, error)
                                    a request's answer (value None and the error's text
                                    when it failed)

The pipes carry pickles between the app's own two processes only; no file a user
hands the app is ever unpickled.
"""

from __future__ import annotations

import itertools
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ..translations import current_language
from .config import TrainConfig
from .loop import Control, Trainer

CONTROL_CALLS = (
    "pause",
    "resume",
    "step",
    "stop",
    "set_lr",
    "set_clip",
    "set_temperature",
    "set_delay",
    "set_budget",
)
_HEADER = struct.Struct("<Q")

#: what a request may ask of the run's Trainer: name -> fn(trainer, *args) -> picklable
REQUESTS: dict[str, Callable[..., Any]] = {
    # (the step it ran at, GradCheckResult)
    "gradient_check": lambda trainer, *args: (trainer.step, trainer.gradient_check(*args)),
    # Trainer.state(): (arrays, meta), everything a run file holds
    "state": lambda trainer: trainer.state(),
    "history_csv": lambda trainer: trainer.history.to_csv(),
    # new weights for the model (its state dict, checked whole first); the snapshot after
    "load_weights": lambda trainer, state: trainer.load_weights(state),
}


def send_message(stream: IO[bytes], message: tuple) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def recv_message(stream: IO[bytes]) -> tuple:
    """The next message; EOFError when the other side has closed the pipe."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the other process closed the pipe")
    (size,) = _HEADER.unpack(header)
    payload = stream.read(size)
    if len(payload) < size:
        raise EOFError("the other process closed the pipe mid-message")
    return pickle.loads(payload)  # noqa: S301 - written by our own child process


class TrainingProcess:
    """The parent's handle on the child process that trains (see the module docstring).

    The ``open``/``control``/``run`` calls are for one thread (the GUI's), ``recv`` for
    one other (a relay). A call after the child has gone is ignored; ``recv`` then
    raises ``EOFError``.
    """

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parents[2])  # the folder holding lstm_studio
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        env["LSTM_STUDIO_LANG"] = current_language()  # its messages in the window's language
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lstm_studio.training.remote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.closing = False
        self.ready = False  # the child has said hello (recv sets it)

    # ---------------------------------------------------------------- commands
    def new_id(self) -> int:
        return next(self._ids)

    def open(
        self,
        rid: int,
        config: TrainConfig,
        control: Control | None = None,
        job: dict[str, Any] | None = None,
    ) -> None:
        """Build run ``rid`` for ``config`` in the child (``build_runner``); its Control
        starts as a copy of ``control`` (paused, queued steps, delay, pending changes)."""
        state = (control or Control()).state()
        self._send(("open", rid, config.to_dict(), state, job))

    def control(self, rid: int, name: str, *args: Any) -> None:
        if name not in CONTROL_CALLS:
            raise ValueError(f"not a Control call: {name!r}")
        self._send(("control", rid, name, args))

    def run(self, rid: int) -> None:
        self._send(("run", rid))

    def request(self, rid: int, jid: int, name: str, *args: Any) -> None:
        """Ask run ``rid`` for ``REQUESTS[name](trainer, *args)``; the answer comes back
        as ("result", rid, jid, value, error)."""
        if name not in REQUESTS:
            raise ValueError(f"not a request: {name!r}")
        self._send(("request", rid, jid, name, args))

    def recv(self) -> tuple:
        """The child's next message; blocks. Raises EOFError once the child is gone."""
        try:
            message = recv_message(self.process.stdout)
        except (OSError, ValueError) as e:  # the pipe was closed under a blocked reader
            raise EOFError(str(e)) from e
        if message[0] == "ready":
            self.ready = True
        return message

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def close(self, timeout: float = 1.0) -> None:
        """Ask the child to quit, wait up to ``timeout`` seconds, then end it."""
        self.closing = True
        self._send(("quit",))
        with self._lock:
            try:
                self.process.stdin.close()
            except OSError:
                pass
        for end in (None, self.process.terminate, self.process.kill):
            if end is not None:
                end()
            try:
                self.process.wait(timeout)
                break
            except subprocess.TimeoutExpired:
                continue

    def abandon(self) -> None:
        """Let the child go without waiting: closing its stdin ends it (it exits on EOF).
        For finalizers, which may run in any thread at any time and must not block."""
        self.closing = True
        try:
            self.process.stdin.close()
        except (OSError, ValueError):
            pass

    def _send(self, message: tuple) -> None:
        with self._lock:
            if self.process.stdin.closed:
                return
            try:
                send_message(self.process.stdin, message)
            except OSError:
                pass  # the child is gone; the relay hears EOF and says so


def build_runner(config: TrainConfig, job: dict[str, Any] | None = None):
    """What a run iterates: ``Trainer(config)``; with ``job = {"kind": "restore",
    "arrays": ..., "meta": ...}`` the Trainer ``Trainer.state()`` described; with
    ``{"kind": "race", "cells": [...]}`` a ``Race``; with ``{"kind": "sweep", "cells":
    ..., "lags": ..., "steps": ...}`` a ``LagSweep``. Each has ``run(control)``, a
    generator of snapshots. Raises ValueError for a bad config or job."""
    if job is None:
        return Trainer(config)
    if job.get("kind") == "restore":
        return Trainer.restore(job["arrays"], job["meta"])
    from .compare import LagSweep, Race

    kinds = {"race": Race, "sweep": LagSweep}
    options = dict(job)
    kind = options.pop("kind", None)
    if kind not in kinds:
        raise ValueError(f"unknown job kind {kind!r}; expected one of {sorted(kinds)}")
    return kinds[kind](config, **options)


class RemoteControl(Control):
    """A ``Control`` whose calls also reach run ``rid`` in the child process.

    The local half validates the arguments (a bad value raises here, in the caller's
    thread), answers ``paused``, ``stopped`` and ``delay``, and keeps the latest lr,
    clip, temperature and budget, so a run opened in a new child starts as this
    Control stands (``Control.state``).
    """

    def __init__(self, send: Callable[[str, tuple], None]) -> None:
        super().__init__()
        self._send = send


def _forwarded(name: str) -> Callable[..., None]:
    local = getattr(Control, name)

    def call(self: RemoteControl, *args: Any) -> None:
        local(self, *args)
        self._send(name, args)

    call.__name__ = name
    call.__doc__ = local.__doc__
    return call


for _name in CONTROL_CALLS:
    setattr(RemoteControl, _name, _forwarded(_name))


# -------------------------------------------------------------------- the child
def child_main(commands: IO[bytes], replies: IO[bytes]) -> None:
    """The child's loop: a reader thread applies Control calls at once (the training
    loop reads them between steps); the main thread builds trainers and runs them."""
    jobs: queue.Queue[tuple] = queue.Queue()
    lock = threading.Lock()
    current: dict[str, Any] = {"rid": None, "control": None}

    def read() -> None:
        try:
            while True:
                message = recv_message(commands)
                kind = message[0]
                if kind == "quit":
                    break  # nothing here is worth finishing: what to keep, the window has
                with lock:
                    if kind == "open":
                        if current["control"] is not None:
                            current["control"].stop()
                        current["rid"] = message[1]
                        current["control"] = Control.from_state(message[3])
                    elif kind == "control":
                        _, rid, name, args = message
                        if rid == current["rid"] and name in CONTROL_CALLS:
                            getattr(current["control"], name)(*args)
                        continue
                    elif kind == "request":
                        if message[1] != current["rid"]:
                            continue
                        # a running loop answers between two steps; an idle child at once
                        current["control"].call(lambda trainer, m=message: answer(trainer, m))
                        message = ("serve", message[1])
                jobs.put(message)
        except (EOFError, OSError):
            pass  # the window is gone
        os._exit(0)  # at once, even in the middle of a step

    def reply(message: tuple) -> None:
        try:
            send_message(replies, message)
        except OSError as e:
            raise _ParentGone from e

    def answer(trainer: Trainer | None, message: tuple) -> None:
        _, rid, jid, name, args = message
        try:
            if not isinstance(trainer, Trainer):
                raise RuntimeError("there is no single model to look at")
            value, error = REQUESTS[name](trainer, *args), None
        except Exception as e:
            value, error = None, _describe(e)
        reply(("result", rid, jid, value, error))

    threading.Thread(target=read, name="commands", daemon=True).start()

    trainer: Trainer | None = None
    rid = None
    try:
        reply(("ready",))
        while True:
            message = jobs.get()
            kind = message[0]
            if kind == "open":
                _, rid, config, _state, job = message
                trainer = None
                try:
                    trainer = build_runner(TrainConfig.from_dict(config), job)
                except Exception as e:
                    reply(("failed", rid, _describe(e)))
            elif kind == "serve" and message[1] == rid:
                with lock:
                    control = current["control"]
                for fn in control._take_calls():  # none left if a run served them
                    fn(trainer)
            elif kind == "run" and message[1] == rid:
                with lock:
                    control = current["control"]
                try:
                    for snap in trainer.run(control) if trainer is not None else ():
                        reply(("snapshot", rid, snap))
                except _ParentGone:
                    raise
                except Exception as e:  # reaches the user as a message
                    reply(("failed", rid, _describe(e)))
                reply(("finished", rid))
    except _ParentGone:
        return  # the window is gone


class _ParentGone(Exception):
    """The pipe to the window broke."""


def _describe(e: BaseException) -> str:
    """The text the user reads; a traceback on stderr for what is not a plain bad value."""
    if not isinstance(e, ValueError):
        traceback.print_exc(file=sys.stderr)
    return f"{type(e).__name__}: {e}"


def _main() -> None:
    # stdout carries the messages: anything printed (by Python or by C code) goes to
    # stderr instead
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    child_main(sys.stdin.buffer, replies)


if __name__ == "__main__":
    _main()
