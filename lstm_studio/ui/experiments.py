"""Guided experiments: a ready-made setup, what to watch, and a prediction to commit to.

Committing to a prediction before the run is what makes the outcome stick: the learner
says "the RNN will solve T = 50", watches it fail, and the app puts the outcome next
to the guess. Each experiment trains the window's model (``kind == "train"``), races
cells (``kind == "race"``) or sweeps the lag (``kind == "sweep"``); ``outcome`` reads
the last snapshot and returns the index of the choice that came true and a sentence
with the numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.tasks import make_task
from lstm_studio.training import Snapshot, TrainConfig

CONTEXT = "Experiments"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class Experiment:
    """One guided experiment.

    ``config`` is what runs (the window's model, or every cell of the race, which
    differ only by ``cells``); ``watch`` tells which panel to look at and what for;
    ``outcome(last)`` gets the run's last ``Snapshot`` (``RaceSnapshot`` for a race)
    and returns (index of the choice that came true, a sentence with the numbers).

    A sweep (``kind == "sweep"``) trains every cell of ``cells`` at every lag of
    ``lags``, each run for at most ``config.steps`` steps; ``outcome`` gets the last
    ``SweepSnapshot``.

    A two-run experiment (``then``, a second config for the window's model) runs
    ``config``, then ``then`` the moment the first run ends (``then_note`` says so in
    between); its ``outcome(first, second)`` gets both runs' last snapshots. ``delay``
    runs the first run in slow motion (seconds per step, one of the window's speeds).
    """

    key: str
    title: str
    story: str  # rich text: what the experiment is about
    watch: str  # rich text: where to look while it runs
    question: str
    choices: tuple[str, ...]
    kind: str  # "train", "race" or "sweep"
    config: TrainConfig
    outcome: Callable[[object], tuple[int, str]]
    cells: tuple[str, ...] = ()
    panel: str = ""  # object name of the panel to bring to the front
    then: TrainConfig | None = None
    then_note: str = ""  # rich text shown while the second run goes
    delay: float = 0.0  # seconds per step of the (first) run: slow motion, to watch it
    lags: tuple[int, ...] = ()  # a sweep's lags


# ------------------------------------------------------------------------ outcomes
def _adder_outcome(last: Snapshot) -> tuple[int, str]:
    accuracy = last.metrics.get("sum_accuracy", float("nan"))
    if last.solved:
        step = last.eval_step
        choice = 0 if step <= ADDER_SOON else 1 if step <= ADDER_LATER else 2
        return choice, _tr(
            QT_TRANSLATE_NOOP(
                "Experiments",
                "Every held-out sum was right at step {0} (sum accuracy {1:.0%}), after "
                "{2:.1f} seconds of training.",
            )
        ).format(step, accuracy, last.elapsed)
    return 2, _tr(
        QT_TRANSLATE_NOOP(
            "Experiments", "After {0} steps, {1:.0%} of the held-out sums were right."
        )
    ).format(last.step, accuracy)


def _vanishing_outcome(last) -> tuple[int, str]:
    rnn, lstm = last.lane("rnn"), last.lane("lstm")

    def said(lane) -> str:
        if lane.solved_step is not None:
            return _tr(QT_TRANSLATE_NOOP("Experiments", "the {0} solved it at step {1}")).format(
                lane.cell.upper(), lane.solved_step
            )
        return _tr(
            QT_TRANSLATE_NOOP(
                "Experiments", "the {0} did not (held-out loss {1:.3f} after {2} steps)"
            )
        ).format(lane.cell.upper(), lane.heldout_loss, lane.step)

    text = _tr(
        QT_TRANSLATE_NOOP("Experiments", "{0}; {1}. Guessing the mean gives a loss of about 0.167.")
    ).format(said(rnn), said(lstm))
    return (0 if rnn.solved_step is not None else 1), text[0].upper() + text[1:]


def _forget_outcome(last: Snapshot) -> tuple[int, str]:
    task = make_task("copy", **FORGET_CONFIG.task_params)
    k, d = task.values["length"], task.values["delay"]
    f = last.probe.layers[0]["f"][k : k + d] if last.probe is not None else np.array([np.nan])
    mean = float(np.mean(f))
    share = float(np.mean(f > 0.5))
    accuracy = last.metrics.get("symbol_accuracy", float("nan"))
    return (0 if mean > 0.5 else 1), _tr(
        QT_TRANSLATE_NOOP(
            "Experiments",
            "During the delay the forget gates averaged {0:.2f}; {1:.0%} of them were more open "
            "than closed. The symbols were recalled with {2:.0%} accuracy. (Their bias starts "
            "at 1, so before any training they sit near 0.73: compare with step 0.)",
        )
    ).format(mean, share, accuracy)


def _sin_outcome(last: Snapshot) -> tuple[int, str]:
    rmse = last.metrics.get("rmse", float("nan"))
    if last.solved:
        return 0, _tr(
            QT_TRANSLATE_NOOP(
                "Experiments", "Yes: the held-out error (RMSE) was {0:.3f} at step {1}."
            )
        ).format(rmse, last.eval_step)
    return 1, _tr(
        QT_TRANSLATE_NOOP(
            "Experiments", "Not this time: the held-out error (RMSE) was {0:.3f} after {1} steps."
        )
    ).format(rmse, last.step)


def _explode_outcome(first: Snapshot, second: Snapshot) -> tuple[int, str]:
    if first.status == "diverged":
        without = _tr(
            QT_TRANSLATE_NOOP("Experiments", "Without clipping the run diverged at step {0}.")
        ).format(first.step + 1)  # the step that failed, as the window's message says
    else:
        without = _tr(
            QT_TRANSLATE_NOOP(
                "Experiments", "Without clipping it ran {0} steps; its loss ended at {1:.3f}."
            )
        ).format(first.step, first.loss)
    with_clip = _tr(
        QT_TRANSLATE_NOOP(
            "Experiments",
            "With the gradient clipped to norm {0:g}, all {1} steps ran and the loss fell to "
            "{2:.3f} (held-out RMSE {3:.3f}).",
        )
    ).format(second.clip, second.step, second.loss, second.metrics.get("rmse", float("nan")))
    gap = "" if without.endswith("。") else " "  # Chinese sentences join without a space
    return (1 if first.status == "diverged" else 0), f"{without}{gap}{with_clip}"


def _truncate_outcome(first: Snapshot, second: Snapshot) -> tuple[int, str]:
    def said(last: Snapshot) -> str:
        accuracy = last.metrics.get("symbol_accuracy", float("nan"))
        if last.solved_at is not None:
            return _tr(
                QT_TRANSLATE_NOOP(
                    "Experiments", "solved at step {0} ({1:.0%} of the symbols right)"
                )
            ).format(last.solved_at, accuracy)
        return _tr(
            QT_TRANSLATE_NOOP("Experiments", "{0:.0%} of the symbols right after {1} steps")
        ).format(accuracy, last.step)

    k = TRUNCATE_CONFIG.truncate
    text = _tr(
        QT_TRANSLATE_NOOP(
            "Experiments", "Cut every {0} steps: {1}. With full backpropagation: {2}."
        )
    ).format(k, said(first), said(second))
    return (0 if first.solved_at is not None else 1), text


def _memory_outcome(last) -> tuple[int, str]:
    """Where each cell of a lag sweep stopped solving; the choice by the LSTM's reach."""

    def lags(values) -> str:
        return ", ".join(str(v) for v in values)

    said = []
    for cell in last.cells:
        runs = sorted((r for r in last.results if r.cell == cell), key=lambda r: r.lag)
        solved = [r.lag for r in runs if r.solved]
        failed = [r.lag for r in runs if not r.solved]
        name = cell.upper()
        if not runs:
            continue
        if not failed:
            text = _tr(
                QT_TRANSLATE_NOOP("Experiments", "the {0} solved every T it was given ({1})")
            ).format(name, lags(solved))
        elif not solved:
            text = _tr(
                QT_TRANSLATE_NOOP("Experiments", "the {0} solved none of them (T = {1})")
            ).format(name, lags(failed))
        else:
            text = _tr(
                QT_TRANSLATE_NOOP("Experiments", "the {0} solved T = {1} but not T = {2}")
            ).format(name, lags(solved), lags(failed))
        said.append(text)
    lstm = [r.lag for r in last.results if r.cell == "lstm" and r.solved]
    reach = max(lstm, default=0)
    choice = 0 if reach <= 20 else 1 if reach < 500 else 2
    text = _tr(
        QT_TRANSLATE_NOOP(
            "Experiments",
            "Within {0} training steps each: {1}. (Solved: held-out error below 0.01.)",
        )
    ).format(last.steps_per_run, _tr(QT_TRANSLATE_NOOP("Experiments", "; ")).join(said))
    return choice, text


def _future_outcome(first: Snapshot, second: Snapshot) -> tuple[int, str]:
    """One way, then both ways, on comes-again: each run's held-out marks, and the best
    a network reading forwards only can do (the task's own number)."""
    ceiling = make_task("comes-again", **FUTURE_CONFIG.task_params).one_way_ceiling()

    def said(last: Snapshot) -> str:
        accuracy = last.metrics.get("accuracy", float("nan"))
        if last.solved_at is not None:
            return _tr(
                QT_TRANSLATE_NOOP("Experiments", "solved at step {0} ({1:.1%} of the marks right)")
            ).format(last.solved_at, accuracy)
        return _tr(
            QT_TRANSLATE_NOOP("Experiments", "{0:.1%} of the marks right after {1} steps")
        ).format(accuracy, last.step)

    text = _tr(
        QT_TRANSLATE_NOOP(
            "Experiments",
            "Reading forwards only: {0}; the best a network that cannot see the future can "
            "do is {1:.1%}. Reading both ways: {2}.",
        )
    ).format(said(first), ceiling, said(second))
    choice = 0 if first.solved_at is not None else 1 if second.solved_at is not None else 2
    return choice, text


FORGET_CONFIG = TrainConfig.from_preset("copy", small=True, stop_when_solved=True)
#: an RNN whose W_hh stretches every direction by 2, trained by plain SGD: without
#: clipping it diverges within a few dozen steps (tests/ui/test_experiments_backward.py)
EXPLODE_CONFIG = TrainConfig.from_preset(
    "sin-to-cos",
    cell="rnn",
    hidden_size=32,
    optimizer="sgd",
    lr=0.1,
    clip=0.0,
    steps=1500,
    recurrent_init="orthogonal",
    recurrent_gain=2.0,
)
#: copy across 3 symbols and 5 blanks (8 steps from a symbol to its recall), the gradient
#: cut every 4 steps
TRUNCATE_CONFIG = TrainConfig.from_preset(
    "copy", small=True, stop_when_solved=True, steps=1000, truncate=4
)
#: the adding preset (32 units, Adam 0.01, batches of 64), at most 1,000 steps a run;
#: the lag is the sequence length T
MEMORY_CONFIG = TrainConfig.from_preset("adding", steps=1000, stop_when_solved=True)
MEMORY_LAGS = (10, 20, 50, 100, 200, 500)
# comes-again's preset (an LSTM of 32 units, Adam 0.02, batches of 64, 1,500 steps),
# first reading forwards only; the second run reads both ways
FUTURE_CONFIG = TrainConfig.from_preset("comes-again", bidirectional=False, stop_when_solved=True)

# The tutorial's own adder (seed 002): a plain RNN of 16 units (hidden_dim = 16), weights
# updated by SGD at alpha = 0.1 after every single example, no clipping, for
# ``for j in range(10000)`` examples. Measured here: solved at step 2,375 to 3,575 over
# seeds 0-5 (3,100 at seed 0), about a second of training; the preset (an LSTM with Adam)
# needs a few hundred.
ADDER_CONFIG = TrainConfig.from_preset(
    "binary-addition",
    cell="rnn",
    hidden_size=16,
    optimizer="sgd",
    lr=0.1,
    batch_size=1,
    clip=0.0,
    steps=10_000,
    stop_when_solved=True,
)
ADDER_SOON, ADDER_LATER = 1_000, 5_000  # the choices' bounds, in steps

EXPERIMENTS: tuple[Experiment, ...] = (
    Experiment(
        key="adder",
        title=QT_TRANSLATE_NOOP("Experiments", "The binary adder"),
        story=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>The tutorial's binary adder: two 8-bit numbers arrive one bit per step, "
            "lowest bit first, and the network writes their sum bit by bit. To get a bit "
            "right it must remember the carry from the step before, which is exactly what "
            "a recurrent network is for.</p><p>This runs the tutorial's own network: a plain "
            "RNN of 16 units (hidden_dim = 16), its weights changed by plain SGD with "
            "alpha = 0.1 after every single example, for at most the tutorial's 10,000 "
            "examples. The task's preset, an LSTM trained with Adam, needs a few hundred "
            "steps.</p>",
        ),
        watch=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>Watch <b>Predictions</b>: the wrong bits (marked) disappear. Then open "
            "<b>Cell and hidden states</b> and look for the unit of h that is high exactly "
            "where a carry is made (the carry row of Predictions): the network has invented "
            "a carry flag.</p>",
        ),
        question=QT_TRANSLATE_NOOP(
            "Experiments",
            "How many examples will the tutorial's RNN need to get every held-out sum right?",
        ),
        choices=(
            QT_TRANSLATE_NOOP("Experiments", "At most 1,000"),
            QT_TRANSLATE_NOOP("Experiments", "1,000 to 5,000"),
            QT_TRANSLATE_NOOP("Experiments", "More than 5,000, or not within 10,000"),
        ),
        kind="train",
        config=ADDER_CONFIG,
        outcome=_adder_outcome,
        panel="predictions_panel",
    ),
    Experiment(
        key="vanishing",
        title=QT_TRANSLATE_NOOP("Experiments", "Vanishing gradients: RNN against LSTM"),
        story=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>The adding problem with 50 steps: two of the numbers are marked, and at "
            "the end the network must give their sum. The first mark can be 49 steps "
            "back. A plain RNN and an LSTM race on the same data, from the same seed.</p>",
        ),
        watch=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>Watch the right-hand chart of the <b>Cell race</b>: the gradient that "
            "reaches step t from the end. The RNN's falls by orders of magnitude towards "
            "t = 0, so the first mark never teaches it anything. The LSTM's stays "
            "level.</p>",
        ),
        question=QT_TRANSLATE_NOOP(
            "Experiments", "Will the plain RNN solve the adding problem with T = 50 in 1,500 steps?"
        ),
        choices=(
            QT_TRANSLATE_NOOP("Experiments", "Yes"),
            QT_TRANSLATE_NOOP("Experiments", "No"),
        ),
        kind="race",
        config=TrainConfig.from_preset(
            "adding", task_params={"steps": 50}, steps=1500, stop_when_solved=True
        ),
        cells=("rnn", "lstm"),
        outcome=_vanishing_outcome,
        panel="race_panel",
    ),
    Experiment(
        key="forget",
        title=QT_TRANSLATE_NOOP("Experiments", "The forget gate at work"),
        story=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>Copy: three symbols are shown, then five blank steps, then the network "
            "must write the symbols back in order. Across the blanks nothing new comes "
            "in; whatever it remembers, the cell state must carry.</p>",
        ),
        watch=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>Watch the <b>Gates</b> panel, the f heatmap, in the columns of the blank "
            "steps (t = 3 to 7): yellow is a gate held open (near 1), which keeps c as it "
            "was. Compare with c in <b>Cell and hidden states</b>.</p>",
        ),
        question=QT_TRANSLATE_NOOP(
            "Experiments", "During the blank steps, will the forget gates be mostly open or closed?"
        ),
        choices=(
            QT_TRANSLATE_NOOP("Experiments", "Mostly open (above 0.5): the memory is kept"),
            QT_TRANSLATE_NOOP("Experiments", "Mostly closed: the memory is rewritten"),
        ),
        kind="train",
        config=FORGET_CONFIG,
        outcome=_forget_outcome,
        panel="gates_panel",
    ),
    Experiment(
        key="sin-to-cos",
        title=QT_TRANSLATE_NOOP("Experiments", "From sin to cos"),
        story=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>The tutorial's sin to cos: the network reads sin(t) and must output cos(t) "
            "at the same moment. One value of sin belongs to two values of cos, so no "
            "function of the current input can do it.</p>",
        ),
        watch=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>Watch <b>Predictions</b>: the first steps go wrong (the network has no "
            "past yet), then the prediction locks onto the cosine once it can tell from "
            "the recent past whether the sine is rising or falling.</p>",
        ),
        question=QT_TRANSLATE_NOOP("Experiments", "Can the network output cos(t) from sin(t)?"),
        choices=(
            QT_TRANSLATE_NOOP("Experiments", "Yes, by remembering where in the wave it is"),
            QT_TRANSLATE_NOOP("Experiments", "No, cos(t) is not a function of sin(t)"),
        ),
        kind="train",
        config=TrainConfig.from_preset("sin-to-cos", stop_when_solved=True),
        outcome=_sin_outcome,
        panel="predictions_panel",
    ),
    Experiment(
        key="exploding",
        title=QT_TRANSLATE_NOOP("Experiments", "Exploding gradients and clipping"),
        story=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>Going back one step multiplies the gradient by σ′·W<sub>hh</sub>: when "
            "that factor is above 1 the product grows with every step back, the "
            "<b>exploding gradient</b>. The tutorial's remedy is gradient clipping. This "
            "RNN on sin to cos starts with W<sub>hh</sub> orthogonal × 2: it stretches "
            "every direction by 2. It is trained twice with plain SGD (learning rate "
            "0.1): first without clipping, then with the gradient's norm clipped to 1.</p>",
        ),
        watch=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>The first run goes in slow motion, 10 steps a second. Watch <b>Gradient "
            "decay</b> at step 0, before the first update: the curve <i>rises</i> to the "
            "left, the gradient that reaches t = 0 is a thousand times or more its size "
            "at τ (about ×1.2 per step back), and the factor per step below it is 2, the "
            "most one step back can stretch it. It stays as the faded line: after a few "
            "updates the units saturate (tanh′ ≈ 0) and the gradient through time "
            "collapses, while the gradient at τ itself explodes. In <b>Norms</b> the "
            "gradient norm shoots up step after step and the run diverges within a few "
            "dozen steps. The second run starts by itself at your speed: its clipped "
            "steps are marked in red, and its loss falls.</p>",
        ),
        question=QT_TRANSLATE_NOOP(
            "Experiments", "Without clipping, will plain SGD train this RNN?"
        ),
        choices=(
            QT_TRANSLATE_NOOP("Experiments", "Yes, the loss falls"),
            QT_TRANSLATE_NOOP("Experiments", "No, it diverges: the loss becomes infinite"),
        ),
        kind="train",
        config=EXPLODE_CONFIG,
        outcome=_explode_outcome,
        panel="decay_panel",
        then=EXPLODE_CONFIG.replace(clip=1.0),
        delay=0.1,
        then_note=QT_TRANSLATE_NOOP(
            "Experiments",
            "<i>The first run has ended. Now the same run with the gradient clipped to norm 1…</i>",
        ),
    ),
    Experiment(
        key="truncated",
        title=QT_TRANSLATE_NOOP("Experiments", "Truncated BPTT"),
        story=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>Backpropagating through a long sequence costs memory and time, so "
            "training often cuts it: every k steps the state is passed on but the "
            "gradient is not (in PyTorch, <tt>h = h.detach()</tt>). Copy: three symbols, "
            "five blanks, then the symbols back: each symbol must be kept for 8 steps. "
            "The LSTM is trained with the gradient cut every 4 steps, then with full "
            "backpropagation through time.</p>",
        ),
        watch=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>The first run goes in slow motion, 100 steps a second. Watch <b>Gradient "
            "decay</b>: with truncation the curve stops at the last cut before τ, and "
            "nothing earlier gets any gradient from the loss at τ. The state still flows "
            "forward across the cut, so the network could use what it keeps; it just "
            "never learns to keep it. The second run, with full backpropagation, starts "
            "by itself at your speed.</p>",
        ),
        question=QT_TRANSLATE_NOOP(
            "Experiments",
            "With the gradient cut every 4 steps, will the LSTM learn to copy across 8 steps?",
        ),
        choices=(
            QT_TRANSLATE_NOOP("Experiments", "Yes, its cell state still carries the symbols"),
            QT_TRANSLATE_NOOP("Experiments", "No, not with truncation"),
        ),
        kind="train",
        config=TRUNCATE_CONFIG,
        outcome=_truncate_outcome,
        panel="decay_panel",
        then=TRUNCATE_CONFIG.replace(truncate=0),
        delay=0.01,
        then_note=QT_TRANSLATE_NOOP(
            "Experiments",
            "<i>The first run has ended. Now the same run with full backpropagation "
            "through time…</i>",
        ),
    ),
    Experiment(
        key="memory",
        title=QT_TRANSLATE_NOOP("Experiments", "How far can an LSTM remember?"),
        story=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>One of the tutorials says that an LSTM can handle dependencies of about "
            "100 steps, and that 1000 steps are still hard. Check it on the adding "
            "problem: the first marked number can come up to T steps before the end, "
            "where their sum is asked for. A plain RNN, a GRU and an LSTM (32 units each, "
            "Adam, learning rate 0.01) are trained at T = 10, 20, 50, 100, 200 and 500, "
            "each run for at most 1,000 steps. A run stops as soon as it is solved "
            "(held-out error below 0.01; guessing gives about 0.167). It takes a few "
            "minutes.</p>",
        ),
        watch=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>Watch the <b>Lag sweep</b>: each point is one finished run, its held-out "
            "error against T; the table under the chart says whether and when each run "
            "was solved. Where a cell's points climb to about 0.17, it has stopped "
            "remembering: it only guesses.</p>",
        ),
        question=QT_TRANSLATE_NOOP(
            "Experiments",
            "Up to which T will the LSTM solve the adding problem within 1,000 steps?",
        ),
        choices=(
            QT_TRANSLATE_NOOP("Experiments", "Only short sequences (T = 10 or 20)"),
            QT_TRANSLATE_NOOP("Experiments", "About a hundred steps (T = 50 to 200)"),
            QT_TRANSLATE_NOOP("Experiments", "500 steps or more"),
        ),
        kind="sweep",
        config=MEMORY_CONFIG,
        outcome=_memory_outcome,
        cells=("rnn", "gru", "lstm"),
        lags=MEMORY_LAGS,
        panel="sweep_panel",
    ),
    Experiment(
        key="future",
        title=QT_TRANSLATE_NOOP("Experiments", "When the answer lies in the future"),
        story=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>Two of the tutorials teach the <b>bidirectional</b> RNN: to understand the "
            "context, a network sometimes has to learn from later time steps too. Each "
            "layer then reads the sequence twice: a forward direction from the first step "
            "to the last, and a backward direction from the last step to the first. At "
            "each step the two hidden states are joined, 2H numbers, and the next layer "
            "and the output read both (PyTorch's <tt>nn.LSTM(..., bidirectional=True)</tt> "
            "gives outputs of num_directions × hidden_size).</p>"
            "<p>The task: at each of 10 steps a random symbol out of 8 arrives, and the "
            "network must mark each symbol that appears again later in the sequence. An "
            "LSTM of 32 units (Adam, learning rate 0.02) is trained reading forwards only, "
            "then reading both ways, each for at most 1,500 steps; a run stops once 99 % "
            "of the held-out marks are right.</p>",
        ),
        watch=QT_TRANSLATE_NOOP(
            "Experiments",
            "<p>Watch the accuracy in <b>Loss and metrics</b>. Whatever came before, a "
            "symbol comes again with a chance that depends only on how many steps are "
            "left, so a network that reads forwards only can at best mark the early steps "
            "and leave the late ones: 69.2 % of the marks right on average. The second "
            "run, reading both ways, starts by itself: its backward direction has read "
            "the rest of the sequence before it reaches each step. <b>Predictions</b> "
            "shows the steps each run marks.</p>",
        ),
        question=QT_TRANSLATE_NOOP(
            "Experiments",
            "Can a network that reads forwards only learn to mark the symbols that come "
            "again later?",
        ),
        choices=(
            QT_TRANSLATE_NOOP("Experiments", "Yes, with enough training"),
            QT_TRANSLATE_NOOP("Experiments", "No; a network that reads both ways can"),
            QT_TRANSLATE_NOOP("Experiments", "Neither of them can"),
        ),
        kind="train",
        config=FUTURE_CONFIG,
        outcome=_future_outcome,
        panel="loss_panel",
        then=FUTURE_CONFIG.replace(bidirectional=True),
        then_note=QT_TRANSLATE_NOOP(
            "Experiments",
            "<i>The first run has ended. Now the same network reading both ways…</i>",
        ),
    ),
)


class ExperimentsPanel(QWidget):
    """The list of experiments, the chosen one's story, the prediction and the outcome."""

    title = QT_TRANSLATE_NOOP("Panel", "Guided experiments")
    object_name = "experiments_panel"
    explanation = QT_TRANSLATE_NOOP(
        "Panel",
        "<p>Ready-made experiments from the tutorials. Read what it is about, commit to "
        "a prediction, run it, and watch the panel it points to. When it ends, the "
        "outcome appears next to your prediction.</p>",
    )

    run_requested = Signal(object)  # the Experiment to run (a prediction is recorded)

    def start_here(self) -> None:
        """Help > Start here: the first experiment chosen (unless one is), the list in
        the keyboard's hands."""
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.list.setFocus()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(self.object_name)
        self.running: Experiment | None = None
        self.first = None  # a two-run experiment's first run's last snapshot
        self.predictions: dict[str, int] = {}  # experiment key -> the committed choice
        self.list = QListWidget()
        for exp in EXPERIMENTS:
            self.list.addItem(_tr(exp.title))
        self.list.currentRowChanged.connect(self._on_chosen)
        self.story = QLabel()
        self.story.setWordWrap(True)
        self.story.setTextFormat(Qt.TextFormat.RichText)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-weight: bold;")
        self.choice_box = QVBoxLayout()
        self.group = QButtonGroup(self)
        self.group.idToggled.connect(self._on_choice)
        self.run_button = QPushButton(self.tr("Commit my prediction and run"))
        self.run_button.clicked.connect(self._on_run_clicked)
        self.just_run_button = QPushButton(self.tr("Run without predicting"))
        self.just_run_button.clicked.connect(self._on_just_run_clicked)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextFormat(Qt.TextFormat.RichText)
        self.outcome.setObjectName("experiment_outcome")

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.story)
        layout.addWidget(self.question)
        layout.addLayout(self.choice_box)
        row = QHBoxLayout()
        row.addWidget(self.run_button)
        row.addWidget(self.just_run_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        # a long story and its outcome scroll; none is cut off
        self.scroll = scroll = QScrollArea()
        scroll.setWidget(right)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        split.addWidget(scroll)
        split.setStretchFactor(1, 3)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)
        self.list.setCurrentRow(0)

    def current(self) -> Experiment:
        return EXPERIMENTS[max(self.list.currentRow(), 0)]

    def choose(self, key: str, choice: int | None = None) -> None:
        """Pick an experiment (and a prediction): what a click does (tests)."""
        self.list.setCurrentRow([e.key for e in EXPERIMENTS].index(key))
        if choice is not None:
            self.group.button(choice).setChecked(True)

    @Slot(int)
    def _on_chosen(self, row: int) -> None:
        exp = EXPERIMENTS[max(row, 0)]
        self.story.setText(_tr(exp.story))  # what to watch comes after the prediction
        self.question.setText(_tr(exp.question))
        for button in self.group.buttons():
            self.group.removeButton(button)
            button.deleteLater()
        for k, text in enumerate(exp.choices):
            button = QRadioButton(_tr(text))
            self.group.addButton(button, k)
            self.choice_box.addWidget(button)
        self.run_button.setEnabled(False)
        self.just_run_button.setEnabled(self.running is None)
        self.outcome.setText("")

    @Slot(int, bool)
    def _on_choice(self, index: int, checked: bool) -> None:
        if checked:
            self.run_button.setEnabled(self.running is None)

    @Slot()
    def _on_run_clicked(self) -> None:
        if self.group.checkedId() >= 0:
            self._run(self.group.checkedId())

    @Slot()
    def _on_just_run_clicked(self) -> None:
        self._run(-1)

    def _run(self, choice: int) -> None:
        if self.running is not None:
            return
        exp = self.current()
        self.predictions[exp.key] = choice
        self.running = exp
        self.first = None
        self.run_button.setEnabled(False)
        self.just_run_button.setEnabled(False)
        if choice >= 0:
            said = self.tr("<i>You predicted: {0}. Running…</i>").format(_tr(exp.choices[choice]))
        else:
            said = self.tr("<i>Running…</i>")
        self.outcome.setText(said)
        self.story.setText(_tr(exp.story) + _tr(exp.watch))  # now it gives nothing away
        self.run_requested.emit(exp)

    def _reveal_outcome(self) -> None:
        """Scroll the outcome into view once its new text is laid out (below a long
        story it would otherwise sit under the fold); when the panel is hidden (a tab
        behind the panel the experiment shows), as soon as it is shown."""
        self._outcome_unseen = True
        QTimer.singleShot(0, self, self._scroll_to_outcome)  # dropped if the panel goes

    @Slot()
    def _scroll_to_outcome(self) -> None:
        if not self.scroll.isVisible():  # no geometry to scroll yet: at the next show
            return
        self.scroll.ensureWidgetVisible(self.outcome, 0, 0)
        self._outcome_unseen = False

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if getattr(self, "_outcome_unseen", False):
            QTimer.singleShot(0, self, self._scroll_to_outcome)

    def cancel(self, reason: str) -> None:
        """The run did not finish (the model was replaced, the process was lost)."""
        if self.running is not None:
            self.running = None
            self.first = None
            self.outcome.setText(self.tr("<i>Not run to the end: {0}.</i>").format(reason))
            self.run_button.setEnabled(self.group.checkedId() >= 0)
            self.just_run_button.setEnabled(True)

    def next_run(self, last) -> TrainConfig | None:
        """The run of a two-run experiment's first half ended with ``last``: keep it, say
        that the second run follows, and return its config; None for any other run."""
        exp = self.running
        if exp is None or exp.then is None or self.first is not None:
            return None
        self.first = last
        self.outcome.setText(f"{self.outcome.text()}<br>{_tr(exp.then_note)}")
        return exp.then

    def show_outcome(self, last) -> tuple[int, str] | None:
        """The experiment that ran has ended with snapshot ``last``: show the outcome
        next to the prediction; returns (the true choice, the sentence)."""
        exp = self.running
        if exp is None:
            return None
        self.running = None
        if exp.then is not None:
            true, sentence = exp.outcome(self.first, last)
            self.first = None
        else:
            true, sentence = exp.outcome(last)
        predicted = self.predictions.get(exp.key, -1)
        outcome = self.tr("Outcome: {0}<br>{1}").format(_tr(exp.choices[true]), sentence)
        if predicted < 0:
            self.outcome.setText(outcome)
            self._reveal_outcome()
        else:
            verdict = (
                self.tr("<b style='color:#1b7837'>Your prediction was right.</b>")
                if predicted == true
                else self.tr("<b style='color:#b2182b'>Not what you predicted.</b>")
            )
            said = self.tr("You predicted: {0}.").format(_tr(exp.choices[predicted]))
            self.outcome.setText(f"{said}<br>{outcome} {verdict}")
        self._reveal_outcome()
        self.run_button.setEnabled(self.group.checkedId() >= 0)
        self.just_run_button.setEnabled(True)
        return true, sentence
