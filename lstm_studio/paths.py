"""Where LSTM Studio finds the files it ships (standard library only)."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
#: inside the package when installed from a wheel, beside it in the source tree
RESOURCES = next(
    (p for p in (_HERE / "resources", _HERE.parent / "resources") if p.is_dir()),
    _HERE.parent / "resources",
)


def resource(*parts: str) -> Path:
    """The path of a shipped resource; FileNotFoundError naming it when it is missing."""
    path = RESOURCES.joinpath(*parts)
    if not path.exists():
        from .translations import tr  # translations imports this module

        raise FileNotFoundError(
            tr(
                "paths",
                "the resource {name} is missing from {folder}; reinstall LSTM Studio "
                "(pip install -e . in its source folder)",
                name="/".join(parts),
                folder=RESOURCES,
            )
        )
    return path
