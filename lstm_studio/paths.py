"""Where LSTM Studio finds the files it ships (standard library only)."""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """The path of a shipped resource; FileNotFoundError naming it when it is missing."""
    path = RESOURCES.joinpath(*parts)
    if not path.exists():
        from .translations import tr  # translations imports this module

        raise FileNotFoundError(
            tr(
                "paths",
                "the resource {name} is missing from {folder}; "
                "install LSTM Studio from its source folder (pip install -e .)",
                name="/".join(parts),
                folder=RESOURCES,
            )
        )
    return path
