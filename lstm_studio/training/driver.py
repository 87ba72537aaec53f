"""The one loop that runs a run: pause, single steps, stop and slow motion, the pace of
the snapshots, and the commands, for a ``Trainer``, a ``Race`` and a ``LagSweep`` alike.

    for snap in Driver(Trainer(config), control).run():
        ...

What is driven is a *runner* (``Runner`` below): it takes one step of its own kind (an
optimisation step, a race's round, one step of a sweep's current run), makes a snapshot,
applies a setting, and closes with a status. How a step ends a run (the budget, the
solved criterion, divergence) is the runner's: every model's step is ``Trainer.advance``,
so a race's cells and a sweep's runs end exactly as a lone Trainer does. The rest is
here, once: the run state (paused, the single steps asked for, stopped, the slow-motion
delay) lives in the ``Driver``, which takes the commands from the run's ``Control``
between two steps and applies them in the order they were sent.

No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol

from .commands import (
    SETTINGS,
    Call,
    Command,
    Control,
    Pause,
    Request,
    Resume,
    SetDelay,
    Step,
    Stop,
)
from .config import TrainConfig

#: ``Runner.advance``'s word for "show this now" (a sweep's run has ended)
MILESTONE = "milestone"
#: how a run ends (``Runner.advance`` returns one of the first three, a stop the last)
ENDED = ("finished", "solved", "diverged", "stopped")


class Runner(Protocol):
    """What a ``Driver`` drives (``Trainer``, ``Race``, ``LagSweep``)."""

    #: seconds, for the snapshots' pace (tests pass a fake)
    clock: Callable[[], float]
    #: its ``snapshot_every`` and ``snapshot_hz`` pace the snapshots
    config: TrainConfig
    #: (optional) the most of the running time its running snapshots may take, from
    #: their making to the consumer asking for the next step (1, or absent: no limit)
    snapshot_share: float

    def begin(self, probes: bool) -> None:
        """Get ready to run (``probes``: the snapshots carry the probe sequence)."""

    def advance(self) -> str | None:
        """One step. None to go on, ``MILESTONE`` for a moment the next snapshot must
        show, or how the run ended: finished, solved or diverged."""

    def report(self, status: str | None) -> Any:
        """A snapshot, with this status (running, paused; None: the one it has)."""

    def apply(self, command: Command) -> bool:
        """A setting of ``commands.SETTINGS``; True if it changed what a snapshot shows."""

    def close(self, status: str) -> Any:
        """End the run with ``status``; its last snapshot."""

    def charge(self, seconds: float) -> None:
        """Seconds the driver waited in slow motion (a Trainer counts them as its time)."""


def _spacing(cost: float, share: float) -> float:
    """Seconds of stepping before the next snapshot so that snapshots costing ``cost``
    seconds each take at most ``share`` of the running time (none for a share of 1)."""
    return cost * (1.0 - share) / share if 0.0 < share < 1.0 else 0.0


class Driver:
    """Runs a runner between the commands of a ``Control``.

    ``run()`` is a generator of the runner's snapshots. The first one shows the runner
    before its first step; then snapshots come at most every ``snapshot_every`` steps,
    ``snapshot_hz`` times a second and as often as keeps their cost (the time from
    making one to being asked for the next step: a long probe sequence, its pickling
    and sending) within the runner's ``snapshot_share`` of the running time; one after
    each single step, one when a pause begins or a setting changes while paused, and
    the last one when the run ends.
    Requests are answered through ``respond(request, value, error)``.

    ``waiting``: start paused, without saying so (the window's training process opens
    a run and waits for a Train or a Step). A driver whose run has ended can ``run()``
    again: it waits, paused, and a Train or a Step goes on from there.
    """

    def __init__(
        self,
        runner: Runner,
        commands: Control | None = None,
        respond: Callable[[Request, Any, BaseException | None], None] | None = None,
        waiting: bool = False,
    ) -> None:
        self.runner = runner
        self.commands = commands if commands is not None else Control()
        self.respond = respond
        # the run state
        self.paused = waiting
        self.steps = 0  # single steps asked for while paused
        self.stopped = False
        self.ended = False  # the runner has closed
        self.delay = 0.0
        self._waiting = waiting  # paused before the first step: nothing to announce
        self._announced = waiting  # the latest snapshot shows the pause as it stands
        self._begun = False

    def run(self, probes: bool = True) -> Iterator[Any]:
        runner = self.runner
        clock = runner.clock
        if not self._begun:
            self._begun = True
            runner.begin(probes)
            self._take()  # what was sent before the start, the first snapshot shows
            yield runner.report(None)
            self._announced = self._announced or self._waiting
        elif self.ended:  # wait, paused, for a Train or a Step to go on
            self.paused = self._announced = True
        pace = runner.config
        gap = 1.0 / pace.snapshot_hz
        share = getattr(runner, "snapshot_share", 1.0)
        wait = 0.0  # the stepping time the last snapshot's cost asks for before the next
        last_yield, since = clock(), 0  # since: steps since the last snapshot
        while True:
            if self._take():
                self._announced = False
            if self.stopped:
                if not self.ended:
                    self.ended = True
                    yield runner.close("stopped")
                return
            stepping = False
            if self.paused:
                if self.steps:
                    self.steps -= 1
                    stepping = True
                else:
                    if not self._announced:
                        # before the first step, or after the end: the status stays
                        keep = self._waiting or self.ended
                        yield runner.report(None if keep else "paused")
                        self._announced, since = True, 0
                    self.commands.wait()
                    continue
            self._waiting = self.ended = False
            outcome = runner.advance()
            since += 1
            if outcome in ENDED:
                self.ended = True
                yield runner.close(outcome)
                return
            if stepping:
                yield runner.report("paused")
                self._announced, since = True, 0
            elif outcome == MILESTONE or (
                since >= pace.snapshot_every and clock() - last_yield >= max(gap, wait)
            ):
                start = clock() if share < 1 else 0.0  # (a fake clock reads only as before)
                yield runner.report("running")  # its making, sending and showing
                last_yield, since = clock(), 0
                wait = _spacing(last_yield - start, share)
            if self.delay > 0 and not stepping:
                t0 = clock()
                self.commands.wait(self.delay)  # slow motion: any command cuts it short
                runner.charge(clock() - t0)

    def _take(self) -> bool:
        """Apply the commands sent since the last look, in order. True when the next
        pause must be announced again (a pause began, or a setting changed)."""
        again = False
        for command in self.commands.take_all():
            if self.stopped:
                break  # nothing after a stop
            if isinstance(command, Pause):
                again = again or not self.paused
                self.paused = True
            elif isinstance(command, Resume):
                self.paused, self.steps = False, 0
            elif isinstance(command, Step):
                self.paused = True
                self.steps += command.n
            elif isinstance(command, Stop):
                self.stopped, self.steps = True, 0
            elif isinstance(command, SetDelay):
                self.delay = command.seconds
            elif isinstance(command, Call):
                command.fn(self.runner)
            elif isinstance(command, Request):
                self._answer(command)
            elif isinstance(command, SETTINGS):
                again = self.runner.apply(command) or again
        return again

    def _answer(self, request: Request) -> None:
        answer = getattr(self.runner, "answer", None)
        try:
            if answer is None:
                raise RuntimeError("there is no single model to look at")
            value, error = answer(request), None
        except Exception as e:  # the asker is told
            if self.respond is None:
                raise
            value, error = None, e
        if self.respond is not None:
            self.respond(request, value, error)
