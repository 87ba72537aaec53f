"""What the heatmap and decay panel tests share (imported by name: pytest puts this
folder on sys.path)."""

from lstm_studio.training import TrainConfig, Trainer


def adding_trainer(cell: str = "lstm", num_layers: int = 2) -> Trainer:
    """A small untrained run of the adding problem (T = 20, H = 8)."""
    return Trainer(
        TrainConfig(
            task="adding",
            task_params={"steps": 20},
            cell=cell,
            hidden_size=8,
            batch_size=8,
            steps=5,
            num_layers=num_layers,
        )
    )


def reset_panel(qtbot, panel_cls, trainer):
    panel = panel_cls()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, trainer.config)
    return panel
