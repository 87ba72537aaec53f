"""Training without Qt: the config, the loop that yields snapshots, and the run's history.

from lstm_studio.training import TrainConfig, train
for snap in train(TrainConfig.from_preset("binary-addition", stop_when_solved=True)):
    print(snap.step, snap.loss, snap.metrics["sum_accuracy"])
"""

from .config import CONFIG_VERSION, TrainConfig
from .history import History
from .loop import Control, Trainer, build_model, train
from .snapshot import STATUSES, Probe, Snapshot

__all__ = [
    "CONFIG_VERSION",
    "STATUSES",
    "Control",
    "History",
    "Probe",
    "Snapshot",
    "TrainConfig",
    "Trainer",
    "build_model",
    "train",
]
