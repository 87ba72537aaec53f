"""What a run can be told while it runs: typed, frozen commands, each checked once, when
it is built, with the bounds of ``TrainConfig``'s fields (``config.FIELDS``).

    control = Control()
    snapshots = Trainer(config).run(control)  # in one thread
    control.put(SetLr(0.003))                 # from any other: or control.set_lr(0.003)
    control.pause()

A command is data. The window builds it, sends it through the pipe to its training
process as it is, and the driver there (``training.driver``) takes the commands between
two steps and applies them in the order they were sent. A value ``TrainConfig`` refuses,
the command refuses too, with the same message.

No Qt here.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..translations import not_one_of, tr
from .config import FIELDS, check_stop_when_solved
from .units import trainer_report


def _set(command: Any, name: str, value: Any) -> None:
    object.__setattr__(command, name, value)  # the commands are frozen


@dataclass(frozen=True)
class Pause:
    """Stop stepping; a snapshot with the status ``paused`` says so."""


@dataclass(frozen=True)
class Resume:
    """Go on stepping (a Train click). Single steps still queued are dropped: they
    belonged to the pause."""


@dataclass(frozen=True)
class Step:
    """While paused, ``n`` more steps (units of the runner: a race's round), a snapshot
    after each, then paused again."""

    n: int = 1

    def __post_init__(self) -> None:
        _set(self, "n", FIELDS["steps"].check("n", self.n))


@dataclass(frozen=True)
class Stop:
    """End the run between two steps; its last snapshot has the status ``stopped``."""


@dataclass(frozen=True)
class SetLr:
    """A new learning rate, from the next step on."""

    lr: float

    def __post_init__(self) -> None:
        _set(self, "lr", FIELDS["lr"].check("lr", self.lr))


@dataclass(frozen=True)
class SetClip:
    """A new clipping norm of the global gradient; 0 turns clipping off."""

    clip: float

    def __post_init__(self) -> None:
        _set(self, "clip", FIELDS["clip"].check("clip", self.clip))


@dataclass(frozen=True)
class SetTemperature:
    """The sampling temperature of the text a text task's model writes at each
    evaluation (0 is greedy)."""

    temperature: float

    def __post_init__(self) -> None:
        _set(self, "temperature", FIELDS["temperature"].check("temperature", self.temperature))


@dataclass(frozen=True)
class SetSampling:
    """How a text task's model writes: ``length`` characters, drawn with ``seed`` (the
    same seed and weights give the same text), or with ``seed`` None a new seed at each
    evaluation (the step). The trainer writes at once, from the current weights."""

    length: int
    seed: int | None = None

    def __post_init__(self) -> None:
        _set(self, "length", FIELDS["sample_length"].check("length", self.length))
        if self.seed is not None:
            _set(self, "seed", FIELDS["sample_seed"].check("seed", self.seed))


@dataclass(frozen=True)
class SetDelay:
    """Wait this many seconds after every step (slow motion for a classroom); 0 is full
    speed. Any command cuts a running wait short."""

    seconds: float

    def __post_init__(self) -> None:
        _set(self, "seconds", FIELDS["delay"].check("delay", self.seconds))


@dataclass(frozen=True)
class SetBudget:
    """A new step budget and stop-when-solved setting."""

    steps: int
    stop_when_solved: bool

    def __post_init__(self) -> None:
        _set(self, "steps", FIELDS["steps"].check("steps", self.steps))
        check_stop_when_solved(self.stop_when_solved)


#: what a ``Request`` may ask of a run's model (a ``Trainer``): name -> fn(trainer,
#: *args), whose value is the answer (it must pickle: it goes back through the pipe)
REQUESTS: dict[str, Callable[..., Any]] = {
    # (the step it ran at, GradCheckResult)
    "gradient_check": lambda trainer, *args: (trainer.step, trainer.gradient_check(*args)),
    # Trainer.state(): (arrays, meta), everything a run file holds
    "state": lambda trainer: trainer.state(),
    "history_csv": lambda trainer: trainer.history.to_csv(),
    # new weights for the model (its state dict, checked whole first); the snapshot after
    "load_weights": lambda trainer, state: trainer.load_weights(state),
    # text tasks: which unit tracks what (training.units.UnitReport), on the probe's
    # prompt or a stretch of held-out text, with the current weights
    "units": lambda trainer: trainer_report(trainer),
    # the learner's own probe sequence (Task.probe_params values; None: the held-out
    # example), checked by the task; the snapshot that shows it
    "set_probe": lambda trainer, values: trainer.set_probe(values),
}


@dataclass(frozen=True, eq=False)
class Request:
    """A look at the model between two steps (also while paused, or before the start):
    ``REQUESTS[name](trainer, *args)``. The driver hands the value, or the exception, to
    its ``respond`` with the request, whose ``jid`` tells the asker which answer it is."""

    name: str
    args: tuple = ()
    jid: int = 0

    def __post_init__(self) -> None:
        if self.name not in REQUESTS:
            raise ValueError(not_one_of("request", self.name, REQUESTS))
        _set(self, "args", tuple(self.args))


@dataclass(frozen=True, eq=False)
class Call:
    """``fn(runner)`` between two steps, in the driver's thread (the runner is the
    Trainer, Race or LagSweep being driven). For a caller in the same process (a test,
    a notebook): a function does not go through a pipe."""

    fn: Callable[[Any], Any]


#: the commands the runner itself applies (``runner.apply``); the driver keeps the rest
SETTINGS = (SetLr, SetClip, SetTemperature, SetSampling, SetBudget)
COMMANDS = (Pause, Resume, Step, Stop, SetDelay, Request, Call, *SETTINGS)
Command = (
    (Pause | Resume | Step | Stop | SetDelay | Request | Call | SetLr | SetClip | SetTemperature)
    | SetSampling
    | SetBudget
)


class Control:
    """A run's inbox: commands for it, put from any thread, taken by its driver between
    two steps in the order they were put.

    ``put`` takes a command; the other methods build one (checking its value, so a bad
    value raises here, in the caller's thread) and put it.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._queue: deque[Command] = deque()

    def put(self, command: Command) -> None:
        if not isinstance(command, COMMANDS):
            raise ValueError(tr("training", "not a Control setting: {key!r}", key=command))
        with self._cond:
            self._queue.append(command)
            self._cond.notify_all()

    # ---------------------------------------------------------------- the driver's side
    def take_all(self) -> list[Command]:
        """Every command put since the last call, oldest first (the driver's, between
        two steps: most of the time there is none, and no lock is taken)."""
        if not self._queue:
            return []
        taken = []
        with self._cond:  # one by one: a signal handler's put (Ctrl+C) is not lost
            while self._queue:
                taken.append(self._queue.popleft())
        return taken

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a command is waiting, at most ``timeout`` seconds (None: no
        limit); True if one is."""
        with self._cond:
            return self._cond.wait_for(lambda: bool(self._queue), timeout)

    # ---------------------------------------------------------------- conveniences
    def pause(self) -> None:
        self.put(Pause())

    def resume(self) -> None:
        self.put(Resume())

    def step(self, n: int = 1) -> None:
        """While paused, run ``n`` more steps (each yields a snapshot), then wait again."""
        self.put(Step(n))

    def stop(self) -> None:
        self.put(Stop())

    def set_lr(self, lr: float) -> None:
        self.put(SetLr(lr))

    def set_clip(self, clip: float) -> None:
        """New clipping norm; 0 turns clipping off."""
        self.put(SetClip(clip))

    def set_temperature(self, temperature: float) -> None:
        self.put(SetTemperature(temperature))

    def set_sampling(self, length: int, seed: int | None = None) -> None:
        """Write ``length`` characters with ``seed`` (None: a new one each evaluation)."""
        self.put(SetSampling(length, seed))

    def set_delay(self, seconds: float) -> None:
        """Wait this long after every step; 0 is full speed."""
        self.put(SetDelay(seconds))

    def set_budget(self, steps: int, stop_when_solved: bool) -> None:
        self.put(SetBudget(steps, stop_when_solved))

    def call(self, fn: Callable[[Any], Any]) -> None:
        """Run ``fn(runner)`` in the loop's thread between two steps (also while
        paused): a look at the weights (a gradient check, a save) that must not race
        the training."""
        self.put(Call(fn))
