"""The desktop entry, the icon and the run files' MIME type (python -m lstm_studio.desktop)."""

import configparser
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from lstm_studio import desktop
from lstm_studio.io.runs import RUN_SUFFIX
from lstm_studio.paths import resource

REPO = Path(__file__).resolve().parents[1]
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _entry(text: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(text)
    return parser["Desktop Entry"]


def test_the_entry_names_the_icon_and_the_run_files_mime_type():
    entry = _entry(resource("desktop", desktop.DESKTOP).read_text("utf-8"))
    mime = ET.parse(resource("desktop", desktop.MIME)).getroot().find(f"{MIME_NS}mime-type")

    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Icon"] == Path(desktop.ICON).stem == desktop.APP_ID
    assert entry["MimeType"] == mime.get("type") + ";"
    assert entry["Exec"].endswith(" %f")
    assert [g.get("pattern") for g in mime.iter(f"{MIME_NS}glob")] == ["*" + RUN_SUFFIX]
    assert "zh_CN" in ET.tostring(mime, encoding="unicode")
    assert entry["Comment[zh_CN]"] and entry["GenericName[zh_CN]"]
    svg = ET.parse(resource("icons", desktop.ICON)).getroot()
    assert svg.tag.endswith("svg") and svg.get("viewBox") == "0 0 256 256"


def test_install_points_exec_at_this_installation_and_uninstall_removes_it(tmp_path):
    written = desktop.install(tmp_path, command="/opt/venv/bin/lstm-studio-gui")

    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "applications/lstm-studio.desktop",
        "icons/hicolor/scalable/apps/lstm-studio.svg",
        "mime/packages/lstm-studio-run.xml",
    ]
    entry = _entry((tmp_path / "applications" / desktop.DESKTOP).read_text("utf-8"))
    assert entry["Exec"] == "/opt/venv/bin/lstm-studio-gui %f"
    assert entry["Name"] == "LSTM Studio"
    assert desktop.uninstall(tmp_path) == written
    assert not any(p.exists() for p in written)


def test_a_launcher_path_with_a_space_is_quoted(tmp_path, monkeypatch):
    folder = tmp_path / "my env" / "bin"
    folder.mkdir(parents=True)
    (folder / "lstm-studio-gui").write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "executable", str(folder / "python"))

    assert desktop.launcher() == f'"{folder}/lstm-studio-gui"'


def test_the_module_installs_into_xdg_data_home(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LSTM_STUDIO_LANG": "en"}
    result = subprocess.run(
        [sys.executable, "-m", "lstm_studio.desktop"],
        cwd=REPO,
        env={**env, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "applications" / desktop.DESKTOP) in result.stdout
    assert (tmp_path / "mime" / "packages" / desktop.MIME).is_file()


def test_both_readmes_give_the_line_that_installs_it():
    for name in ("README.md", "README.zh-CN.md"):
        assert "\npython -m lstm_studio.desktop\n" in (REPO / name).read_text("utf-8"), name
