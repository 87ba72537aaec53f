"""``python -m lstm_studio.desktop``: put LSTM Studio in the desktop's applications menu
(freedesktop: Linux and the BSDs), with its icon, and make ``.lstmrun`` files open in it.

It copies three shipped files into the user's data folder (``$XDG_DATA_HOME``, by default
``~/.local/share``): the desktop entry (``applications/lstm-studio.desktop``, its ``Exec``
pointed at this installation's ``lstm-studio-gui``, so it works from a virtual
environment that is not activated), the icon (``icons/hicolor/scalable/apps``) and the
run files' MIME type (``mime/packages``), then refreshes the desktop's caches when their
tools are there. ``--uninstall`` takes them away again. Standard library only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .paths import resource
from .translations import os_reason, tr

APP_ID = "lstm-studio"
DESKTOP = f"{APP_ID}.desktop"
ICON = f"{APP_ID}.svg"
MIME = f"{APP_ID}-run.xml"


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share``."""
    value = os.environ.get("XDG_DATA_HOME", "").strip()
    return Path(value) if value else Path.home() / ".local" / "share"


def launcher() -> str:
    """The command that opens the window, for the entry's ``Exec``: this environment's
    ``lstm-studio-gui`` (quoted when its path has a space), else ``python -m lstm_studio``."""
    beside = Path(sys.executable).parent / "lstm-studio-gui"
    found = str(beside) if beside.is_file() else shutil.which("lstm-studio-gui")
    command = found or f"{sys.executable} -m lstm_studio"
    if found and any(c in found for c in ' "\\`$'):
        escaped = found.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
        command = '"' + escaped.replace("$", "\\$") + '"'
    return command


def targets(home: Path) -> dict[str, Path]:
    """Where each shipped file goes under ``home``."""
    return {
        DESKTOP: home / "applications" / DESKTOP,
        ICON: home / "icons" / "hicolor" / "scalable" / "apps" / ICON,
        MIME: home / "mime" / "packages" / MIME,
    }


def entry_text(command: str) -> str:
    """The shipped desktop entry with ``Exec`` running ``command``."""
    lines = resource("desktop", DESKTOP).read_text("utf-8").splitlines()
    return "\n".join(f"Exec={command} %f" if ln.startswith("Exec=") else ln for ln in lines) + "\n"


def install(home: Path | None = None, command: str | None = None) -> list[Path]:
    """Copy the entry, the icon and the MIME type under ``home``; the paths written."""
    home = data_home() if home is None else home
    places = targets(home)
    for path in places.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    places[DESKTOP].write_text(entry_text(command or launcher()), "utf-8")
    shutil.copyfile(resource("icons", ICON), places[ICON])
    shutil.copyfile(resource("desktop", MIME), places[MIME])
    _refresh(home)
    return list(places.values())


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what ``install`` wrote; the paths removed."""
    home = data_home() if home is None else home
    removed = [p for p in targets(home).values() if p.exists()]
    for path in removed:
        path.unlink()
    _refresh(home)
    return removed


def _refresh(home: Path) -> None:
    """The desktop's caches, when their tools are installed (else at next login)."""
    for tool, folder in (
        ("update-mime-database", home / "mime"),
        ("update-desktop-database", home / "applications"),
        ("gtk-update-icon-cache", home / "icons" / "hicolor"),
    ):
        if shutil.which(tool) and folder.is_dir():
            extra = ["-q", "-t"] if tool == "gtk-update-icon-cache" else []
            subprocess.run([tool, *extra, str(folder)], capture_output=True, check=False)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        if args == ["--uninstall"]:
            removed = uninstall()
            print(tr("desktop", "Removed from the applications menu:"))
            for path in removed:
                print(f"  {path}")
            return 0
        if args:
            print(
                tr("desktop", "usage: python -m lstm_studio.desktop [--uninstall]"),
                file=sys.stderr,
            )
            return 2
        written = install()
    except OSError as exc:
        print(
            tr(
                "desktop",
                "LSTM Studio was not added to the menu: {reason} ({path})",
                reason=os_reason(exc),
                path=exc.filename or data_home(),
            ),
            file=sys.stderr,
        )
        return 1
    print(
        tr(
            "desktop",
            "LSTM Studio is in the applications menu now, and .lstmrun files open in it:",
        )
    )
    for path in written:
        print(f"  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
