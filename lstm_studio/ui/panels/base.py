"""What every live panel shares."""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from lstm_studio.tasks import Task
from lstm_studio.training import Snapshot, TrainConfig

from . import plot_menu  # noqa: F401 - every plot's right-click menu is ours (translated)

# light plots read better on a projector; set once, before any plot is built
pg.setConfigOptions(background="w", foreground="k", antialias=False)


FORWARD, BACKWARD = "forward", "backward"


# ---------------------------------------------------------------------------- runs
# A bidirectional model runs every layer twice over the sequence, forward (→) and in
# reverse (←). The engine's per-layer lists (trace, probe rows, backward pass) hold one
# entry per RUN, index k * K + d (K directions, d = 1 the reverse one); the panels'
# layer choosers list the runs in that order, so the chosen index is the list's.


def directions(config) -> int:
    """1, or 2 for a bidirectional model (``TrainConfig.bidirectional``)."""
    return 2 if config.bidirectional else 1


def run_count(config) -> int:
    """How many runs over the sequence the model of ``config`` makes: L, or 2L."""
    return config.num_layers * directions(config)


def is_reverse(run: int, num_directions: int) -> bool:
    """Run ``run`` reads the sequence from t = T − 1 down to 0."""
    return num_directions == 2 and run % 2 == 1


def run_label(run: int, num_directions: int) -> str:
    """ "layer 1" one way; "layer 1 →" and "layer 1 ←" both ways (translated)."""
    k, d = divmod(run, num_directions)
    if num_directions == 1:
        return QCoreApplication.translate("Directions", "layer {n}").format(n=k + 1)
    if d == 0:
        return QCoreApplication.translate("Directions", "layer {n} →").format(n=k + 1)
    return QCoreApplication.translate("Directions", "layer {n} ←").format(n=k + 1)


def backward_start(run: int, num_directions: int, num_layers: int, tau: int, steps: int) -> int:
    """The step where the backward pass of ``l_tau`` starts in run ``run`` (``steps`` its
    length). One way, and in the top layer both ways: tau, where the loss reads the
    output. A lower layer of a bidirectional model receives the gradient from above at
    every step (the layer above reads all of it in one of its directions), so its pass
    starts where its own recursion starts: the last step for →, the first for ←."""
    if num_directions == 1 or run // num_directions == num_layers - 1:
        return min(tau, steps - 1)
    return 0 if is_reverse(run, num_directions) else steps - 1


def reverse_cut(tau: int, steps: int, truncate: int) -> int | None:
    """The reverse run's cut that stops the gradient of ``l_tau``, the mirror image of a
    forward cut: the ← run reads t' = T − 1 − t and its gradient does not pass from t
    on to t + 1 where t' % k == 0 (t' > 0). Returns the last step the gradient reaches
    (it is exactly zero after it), or None without a cut after tau."""
    own = steps - 1 - tau  # tau in the reverse run's own reading
    if truncate <= 0 or own < truncate:
        return None
    return steps - 1 - (own // truncate) * truncate


def mirrored(markup: str) -> str:
    """An equation of the forward run, for the reverse run: its previous step is t + 1 and
    the one it reads next t − 1, so the two swap."""
    return markup.replace("t−1", "\0").replace("t+1", "t−1").replace("\0", "t+1")


def direction_word(run: int, num_directions: int) -> str:
    """What the run reads, in words: "" one way; "forward: t = 0 … T − 1" or "reverse:
    t = T − 1 … 0" both ways (translated)."""
    if num_directions == 1:
        return ""
    if is_reverse(run, num_directions):
        return QCoreApplication.translate("Directions", "← reverse: reads t from T − 1 down to 0")
    return QCoreApplication.translate("Directions", "→ forward: reads t from 0 up to T − 1")


# ---------------------------------------------------------------------------- steps
def quoted(label: str) -> str:
    """A step's character in quotes, ``'e'`` (``"'"`` for the quote mark itself)."""
    return f'"{label}"' if label == "'" else f"'{label}'"


def step_name(t: int, labels) -> str:
    """Step ``t`` as a readout names it: ``12``, or ``12 'e'`` with the character read
    there when the probe has ``labels`` (``Probe.labels``, a text task's)."""
    if labels is None or not 0 <= t < len(labels):
        return str(t)
    return f"{t} {quoted(labels[t])}"


@dataclass(frozen=True)
class Selection:
    """The scrubber's choice: timestep ``t`` of the probe sequence, ``unit`` of the
    hidden layer ``layer`` (0 = the layer next to the input; for a bidirectional model
    the run ``k * 2 + d``, see ``run_label``), and the ``direction`` the
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
