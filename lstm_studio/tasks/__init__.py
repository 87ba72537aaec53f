"""The tasks a learner can train on (NumPy and the engine only).

from lstm_studio.tasks import TASKS, make_task
task = make_task("binary-addition", bits=8)
batch = task.sample(np.random.default_rng(0), 32)   # x (T, B, D), target, mask
metrics = task.evaluate(model)                       # on the fixed held-out set
"""

from ..translations import not_one_of, tr
from .base import HELDOUT_SEED, Batch, Param, Preset, Task
from .datafiles import DataFileError
from .own_data import OwnData
from .synthetic import (
    AddingProblem,
    BinaryAddition,
    ComesAgain,
    DelayedRecall,
    Echo,
    NextPrime,
    SinToCos,
    primes_below,
)
from .text import CORPORA, CharText, load_corpus, visible_char

TASKS: dict[str, type[Task]] = {
    cls.name: cls
    for cls in (
        BinaryAddition,
        Echo,
        NextPrime,
        SinToCos,
        AddingProblem,
        DelayedRecall,
        ComesAgain,
        CharText,
        OwnData,
    )
}


def reads_file(name: str) -> bool:
    """Does task ``name`` train on a file the user names (its ``path`` parameter)? Such a
    file may be large: the window reads it in a thread. False for an unknown name."""
    cls = TASKS.get(name) if isinstance(name, str) else None
    return cls is not None and any(p.name == "path" for p in cls.params)


def make_task(name: str, **params) -> Task:
    """The task ``name`` with its parameters (the rest take their defaults)."""
    if name not in TASKS:
        raise ValueError(not_one_of(tr("choices", "task"), name, TASKS))
    return TASKS[name](**params)


__all__ = [
    "CORPORA",
    "HELDOUT_SEED",
    "TASKS",
    "reads_file",
    "AddingProblem",
    "Batch",
    "BinaryAddition",
    "CharText",
    "ComesAgain",
    "DataFileError",
    "DelayedRecall",
    "Echo",
    "NextPrime",
    "OwnData",
    "Param",
    "Preset",
    "SinToCos",
    "Task",
    "load_corpus",
    "make_task",
    "primes_below",
    "visible_char",
]
