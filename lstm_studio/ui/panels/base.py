"""What every live panel shares."""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from lstm_studio.tasks import Task
from lstm_studio.training import Snapshot, TrainConfig

# light plots read better on a projector; set once, before any plot is built
pg.setConfigOptions(background="w", foreground="k", antialias=False)


FORWARD, BACKWARD = "forward", "backward"


@dataclass(frozen=True)
class Selection:
    """The scrubber's choice: timestep ``t`` of the probe sequence, ``unit`` of the
    hidden layer ``layer`` (0 = the layer next to the input), and the ``direction`` the
    step is read in: ``"forward"`` (the gates and states) or ``"backward"`` (the δ of the
    loss at the scored step τ, carried back from τ to 0). Every panel that shows the
    probe highlights it; the cell diagram shows its values."""

    t: int
    unit: int
    layer: int
    direction: str = FORWARD

    @property
    def backward(self) -> bool:
        return self.direction == BACKWARD


class Panel(QWidget):
    """A live view of a run, shown in its own dock.

    ``reset`` is called (in the GUI thread) when a run is built: it clears the
    curves and sets what depends on the task and the model (gate names, layer
    count, labels). ``on_snapshot`` is called (in the GUI thread) with every
    snapshot, at most ~20 times a second; it only calls ``setData`` /
    ``setImage`` on items built once. Neither may keep a reference to an array
    it could later write: snapshots are read-only anyway.
    """

    #: the dock's title and the object name that saves its place in the layout
    title = ""
    object_name = ""
    #: True for panels that build a record from every snapshot's new history rows;
    #: the others only show the latest snapshot, so a hidden one is skipped until shown
    needs_every_snapshot = False

    def reset(self, task: Task, config: TrainConfig) -> None:
        raise NotImplementedError

    def on_snapshot(self, snap: Snapshot) -> None:
        raise NotImplementedError

    #: "what am I looking at": rich text for a learner, shown from the panel's "?" button
    explanation = ""

    def shown(self) -> None:
        """Its dock came to the front (a tab was picked): catch up on deferred drawing."""

    def on_selection(self, selection: Selection) -> None:
        """The scrubber moved (GUI thread); panels that show the probe follow it.
        Values out of range for the current model are clamped by the panel."""
