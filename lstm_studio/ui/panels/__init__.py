"""The live panels: one widget per module, each with ``reset`` and ``on_snapshot``."""

from .base import Panel

__all__ = ["Panel"]
