"""The live panels: one widget per module, each with ``reset`` and ``on_snapshot``."""

from .base import Panel, Selection

__all__ = ["Panel", "Selection"]
