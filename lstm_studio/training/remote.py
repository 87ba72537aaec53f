"""Training in a child process, so that the window's painting and the training never
share one interpreter lock.

pyqtgraph paints in Python: with the training generator on a thread of the
window's process, the two took turns at the GIL and training ran at 61 % of its
headless speed beside a live window (``benchmarks/gui_responsiveness.py``). In a
process of its own it runs at full speed, and the window only unpickles snapshots.

The parent side is ``TrainingProcess`` (no Qt: the window wraps it in a relay
thread). It starts a fresh interpreter in isolated mode that runs this module's
``_main`` from the window's own copy of lstm_studio (``child_command``): nothing of the
current folder or of the user's environment (PYTHONPATH, PYTHONSTARTUP, user
site-packages) is imported, so a ``numpy.py``, a ``sitecustomize.py`` or a checkout of
another version of lstm_studio there cannot answer instead. It imports nothing of the
caller's (``multiprocessing``'s spawn would import the caller's main
script again, and a script without a ``__main__`` guard would open a second window).
They talk through the child's stdin and stdout: each message is an 8-byte length and a
pickle of one of the records below. One child serves one window; each model the window
builds is opened in it under a new run id, so messages of a replaced model are
recognised and dropped (in one place on each side: the child's reader, the window's
``TrainingHost``).

Parent -> child (``TrainingProcess`` methods)::

    Open(rid, config, job)      build run ``rid`` (``build_runner``: a Trainer, or a Race
                                or LagSweep when ``job`` says so), replacing (and
                                stopping) the previous run; its first snapshot comes at
                                once, then it waits for a Resume or a Step
    Deliver(rid, command)       a command of ``training.commands`` (Pause, Resume, Step,
                                SetLr, Request...), as the window built it; the run's
                                driver applies it between two steps, in the order sent
    Quit()

Child -> parent (``TrainingProcess.recv``)::

    Ready()                     the child has started
    Update(rid, snapshot)       a Snapshot (RaceSnapshot, SweepSnapshot for those jobs)
    Failed(rid, text)           the run could not be built, or its loop raised
    Ended(rid)                  the run has ended; a Resume or a Step goes on with it
    Answer(rid, jid, value, error)
                                a Request's answer (value None and the error's text when
                                it failed)

The child owns the run's state: whether it is paused, the single steps asked for, the
slow-motion delay (its ``Driver``), the learning rate, clipping, temperature and budget
(its runner). The window keeps none of it: what it shows, it reads from the latest
snapshot.

The pipes carry pickles between the app's own two processes only; no file a user
hands the app is ever unpickled.
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..translations import current_language, tr
from .commands import Command, Control, Request, Stop
from .config import MemoryLimitError, TrainConfig
from .driver import Driver
from .loop import Trainer

_HEADER = struct.Struct("<Q")
#: the child's program, run with ``python -I -c``: the window's own lstm_studio package
#: (the folder in ``sys.argv[1]``) imported by its path as ``lstm_studio``, nothing
#: else of that folder put on ``sys.path``; then ``_main``. ``-I`` (isolated mode)
#: keeps the current folder off ``sys.path`` and ignores PYTHONPATH, PYTHONSTARTUP,
#: PYTHONHOME... and the user's site-packages (and so a usercustomize there); the
#: interpreter's own site-packages, where NumPy is, stay
_LOAD = (
    "import sys, importlib.util as u; "
    "s = u.spec_from_file_location('lstm_studio', sys.argv[1] + '/__init__.py', "
    "submodule_search_locations=[sys.argv[1]]); "
    "m = u.module_from_spec(s); sys.modules['lstm_studio'] = m; s.loader.exec_module(m); "
)
_BOOT = _LOAD + "from lstm_studio.training.remote import _main; _main()"


def child_command(program: str = _BOOT, package: str | os.PathLike | None = None) -> list[str]:
    """The child's command line: ``program`` run in isolated mode with the folder of
    the lstm_studio package (this copy's unless ``package``) as its ``sys.argv[1]``."""
    package = Path(__file__).resolve().parents[1] if package is None else Path(package)
    return [sys.executable, "-I", "-c", program, str(package)]


# -------------------------------------------------------------------- the messages
@dataclass(frozen=True)
class Open:
    rid: int
    config: dict  # TrainConfig.to_dict()
    job: dict | None = None


@dataclass(frozen=True)
class Deliver:
    rid: int
    command: Command


@dataclass(frozen=True)
class Quit:
    pass


@dataclass(frozen=True)
class Ready:
    pass


@dataclass(frozen=True)
class Update:
    rid: int
    snapshot: Any  # Snapshot, RaceSnapshot or SweepSnapshot


@dataclass(frozen=True)
class Failed:
    rid: int
    text: str


@dataclass(frozen=True)
class Ended:
    rid: int


@dataclass(frozen=True, eq=False)
class Answer:
    rid: int
    jid: int
    value: Any
    error: str | None


def send_message(stream: IO[bytes], message: Any) -> None:
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def recv_message(stream: IO[bytes]) -> Any:
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

    ``open``, ``send`` and ``close`` never wait for the child: they put the message on a
    queue that a writer thread pickles into the child's stdin, in the order given (a
    child that is stopped or hung, whose pipe is full, blocks only that thread). They
    are for one thread (the GUI's), ``recv`` for one other (a relay). A call after the
    child has gone is ignored; ``recv`` then raises ``EOFError``.
    """

    def __init__(self) -> None:
        env = dict(os.environ)
        env["LSTM_STUDIO_LANG"] = current_language()  # its messages in the window's language
        self.process = subprocess.Popen(
            child_command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        self._outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._writer = threading.Thread(
            target=self._write,
            args=(self.process.stdin, self._outbox),
            name="training-writer",
            daemon=True,
        )
        self._writer.start()
        self.closing = False
        self._shut = False  # the end of the stdin is queued: nothing more is sent
        self.ready = False  # the child has said hello (recv sets it)

    # ---------------------------------------------------------------- messages
    def open(self, rid: int, config: TrainConfig, job: dict[str, Any] | None = None) -> None:
        """Build run ``rid`` for ``config`` in the child (``build_runner``)."""
        self._send(Open(rid, config.to_dict(), job))

    def send(self, rid: int, command: Command) -> None:
        """A command for run ``rid`` (``training.commands``; a Request's answer comes
        back as ``Answer(rid, request.jid, value, error)``)."""
        self._send(Deliver(rid, command))

    def recv(self) -> Any:
        """The child's next message; blocks. Raises EOFError once the child is gone."""
        try:
            message = recv_message(self.process.stdout)
        except (OSError, ValueError) as e:  # the pipe was closed under a blocked reader
            raise EOFError(str(e)) from e
        if isinstance(message, Ready):
            self.ready = True
        return message

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    @property
    def pending(self) -> int:
        """About how many messages wait for the writer (0 once they are all in the pipe)."""
        return self._outbox.qsize()

    def close(self, timeout: float = 1.0) -> None:
        """Ask the child to quit, wait up to ``timeout`` seconds, then end it (a child
        that does not read its stdin is ended the same way)."""
        self.closing = True
        self._send(Quit())
        self._shut_stdin()
        for end in (None, self.process.terminate, self.process.kill):
            if end is not None:
                end()
            try:
                self.process.wait(timeout)
                break
            except subprocess.TimeoutExpired:
                continue

    def abandon(self) -> None:
        """Let the child go without waiting: the end of its stdin, once the writer gets
        there, ends it (it exits on EOF). For finalizers, which may run in any thread
        at any time and must not block."""
        self.closing = True
        self._shut_stdin()

    def _send(self, message: Any) -> None:
        if not self._shut:
            self._outbox.put(message)

    def _shut_stdin(self) -> None:
        if not self._shut:
            self._shut = True
            self._outbox.put(_END)

    def _write(self, stdin: IO[bytes], outbox: queue.SimpleQueue) -> None:
        """The writer thread: the outbox's messages into the child's stdin until the end
        (``_END``) or a broken pipe; then the stdin is closed."""
        try:
            while (message := outbox.get()) is not _END:
                try:
                    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # a bug: say so, and go on with the next message
                    traceback.print_exc(file=sys.stderr)
                    continue
                stdin.write(_HEADER.pack(len(payload)) + payload)
                stdin.flush()
        except (OSError, ValueError):
            self._shut = True  # the child is gone (the relay hears EOF and says so)
        finally:
            try:
                stdin.close()
            except (OSError, ValueError):
                pass


_END = object()  # the writer's last item: close the child's stdin


def build_runner(config: TrainConfig, job: dict[str, Any] | None = None):
    """What a run drives: ``Trainer(config)``; with ``job = {"kind": "restore",
    "arrays": ..., "meta": ...}`` the Trainer ``Trainer.state()`` described; with
    ``{"kind": "race", "cells": [...]}`` a ``Race``; with ``{"kind": "sweep", "cells":
    ..., "lags": ..., "steps": ...}`` a ``LagSweep``: a runner of ``training.driver``.
    Raises ValueError for a bad config or job."""
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


# -------------------------------------------------------------------- the child
def child_main(commands: IO[bytes], replies: IO[bytes]) -> None:
    """The child's loop. A reader thread puts each command into the inbox (a
    ``Control``) of the run it is for; the main thread builds the runs and drives them,
    one at a time."""
    opened: queue.Queue[tuple[Open, Control]] = queue.Queue()
    lock = threading.Lock()
    current: dict[str, Any] = {"rid": None, "inbox": None}

    def read() -> None:
        try:
            while True:
                message = recv_message(commands)
                if isinstance(message, Quit):
                    break  # nothing here is worth finishing: what to keep, the window has
                with lock:
                    if isinstance(message, Open):
                        if current["inbox"] is not None:
                            current["inbox"].put(Stop())
                        inbox = Control()
                        current["rid"], current["inbox"] = message.rid, inbox
                        opened.put((message, inbox))
                    elif isinstance(message, Deliver) and message.rid == current["rid"]:
                        current["inbox"].put(message.command)
        except (EOFError, OSError):
            pass  # the window is gone
        os._exit(0)  # at once, even in the middle of a step

    def reply(message: Any) -> None:
        try:
            send_message(replies, message)
        except OSError as e:
            raise _ParentGone from e

    def replaced(rid: int) -> bool:
        with lock:
            return current["rid"] != rid

    threading.Thread(target=read, name="commands", daemon=True).start()
    try:
        reply(Ready())
        while True:
            message, inbox = opened.get()
            if not replaced(message.rid):  # (rapid clicks: the runs no one will see)
                _serve(message, inbox, reply)
    except _ParentGone:
        return  # the window is gone


def _serve(message: Open, inbox: Control, reply) -> None:
    """Build run ``message.rid`` and drive it until it is stopped (a newer Open stops
    it): its first snapshot at once, then what its commands ask for."""
    rid = message.rid

    def respond(request: Request, value: Any, error: BaseException | None) -> None:
        reply(Answer(rid, request.jid, value, None if error is None else _describe(error)))

    try:
        runner = build_runner(TrainConfig.from_dict(message.config), message.job)
    except Exception as e:
        _refuse(rid, inbox, reply, _describe(e))
        return
    driver = Driver(runner, inbox, respond, waiting=True)
    while True:
        shown = False
        try:
            for snap in driver.run():
                shown = True
                reply(Update(rid, snap))
        except _ParentGone:
            raise
        except Exception as e:  # reaches the user as a message
            _refuse(rid, inbox, reply, _describe(e))
            return
        if shown:
            reply(Ended(rid))
        if driver.stopped:
            return


def _refuse(rid: int, inbox: Control, reply, text: str) -> None:
    """A run that could not be built, or whose loop raised: say so, then answer its
    requests with the reason until it is stopped."""
    reply(Failed(rid, text))
    reply(Ended(rid))
    while True:
        inbox.wait()
        for command in inbox.take_all():
            if isinstance(command, Stop):
                return
            if isinstance(command, Request):
                reply(Answer(rid, command.jid, None, text))


class _ParentGone(Exception):
    """The pipe to the window broke."""


def _describe(e: BaseException) -> str:
    """The text the user reads; a traceback on stderr for what is not a plain bad value."""
    if isinstance(e, MemoryError):
        return tr(
            "training",
            "there is not enough memory for this run: use fewer hidden units, layers or a "
            "smaller batch, or close other programs",
        )
    if isinstance(e, MemoryLimitError):  # the estimate and the limit say it all
        return str(e)
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


if __name__ == "__main__":  # python -m lstm_studio.training.remote, by hand
    # the module again under its own name: the messages it pickles must be
    # lstm_studio.training.remote's classes, which the window can load, not __main__'s
    from lstm_studio.training.remote import _main as main

    main()
