"""Training without Qt: the config, the trainer, the driver that runs it between the
commands of a ``Control``, and the run's history.

from lstm_studio.training import TrainConfig, train
for snap in train(TrainConfig.from_preset("binary-addition", stop_when_solved=True)):
    print(snap.step, snap.loss, snap.metrics["sum_accuracy"])
"""

from .commands import Control
from .config import CONFIG_VERSION, FIELDS, MemoryLimitError, TrainConfig, field_spec, memory_limit
from .driver import Driver
from .history import History
from .loop import SavedRun, Trainer, build_model, train
from .snapshot import STATUSES, Probe, Snapshot

__all__ = [
    "CONFIG_VERSION",
    "FIELDS",
    "STATUSES",
    "Control",
    "Driver",
    "History",
    "MemoryLimitError",
    "Probe",
    "SavedRun",
    "Snapshot",
    "TrainConfig",
    "Trainer",
    "build_model",
    "field_spec",
    "memory_limit",
    "train",
]
