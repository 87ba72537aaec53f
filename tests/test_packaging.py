"""A wheel carries everything the app reads: the packages and resources/ (translations,
corpora), which sits beside the package in the source tree and inside it when installed."""

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _listed_packages() -> set[str]:
    """``[tool.setuptools] packages`` (read by hand: tomllib is Python 3.11+)."""
    text = (REPO / "pyproject.toml").read_text("utf-8")
    block = re.search(r"^packages = \[(.*?)^\]", text, re.S | re.M).group(1)
    return set(re.findall(r'"([\w.]+)"', block))


def test_every_package_and_resource_folder_is_listed():
    listed = _listed_packages()
    code = {
        ".".join(p.parent.relative_to(REPO).parts)
        for p in (REPO / "lstm_studio").rglob("__init__.py")
    }
    resources = {"lstm_studio.resources"} | {
        "lstm_studio.resources." + ".".join(p.relative_to(REPO / "resources").parts)
        for p in (REPO / "resources").rglob("*")
        if p.is_dir() and not p.name.startswith((".", "__"))
    }
    assert listed == code | resources


def test_the_command_is_a_console_script_and_the_window_has_a_gui_launcher():
    # a gui script has no console on Windows: `lstm-studio train` would print nowhere
    text = (REPO / "pyproject.toml").read_text("utf-8")
    console = re.search(r"^\[project\.scripts\]\n(.*?)^\[", text, re.S | re.M).group(1)
    gui = re.search(r"^\[project\.gui-scripts\]\n(.*?)^\[", text, re.S | re.M).group(1)
    assert 'lstm-studio = "lstm_studio.app:main"' in console
    assert 'lstm-studio-gui = "lstm_studio.app:gui_main"' in gui


def test_an_installed_wheel_finds_its_translations_and_corpora(tmp_path):
    source = tmp_path / "source"  # a copy: building in the repository leaves build/ behind
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "lstm_studio", source / "lstm_studio", ignore=ignore)
    shutil.copytree(REPO / "resources", source / "resources", ignore=ignore)
    build = "from setuptools import build_meta as b; print(b.build_wheel('dist'))"
    name = (
        subprocess.run(
            [sys.executable, "-c", build], cwd=source, capture_output=True, text=True, check=True
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    wheel = zipfile.ZipFile(source / "dist" / name)
    files = set(wheel.namelist())
    for shipped in (REPO / "resources").rglob("*"):
        if shipped.is_file():
            inside = "lstm_studio/resources/" + shipped.relative_to(REPO / "resources").as_posix()
            assert inside in files, inside
    entry_points = next(n for n in files if n.endswith(".dist-info/entry_points.txt"))
    scripts = wheel.read(entry_points).decode()
    assert "[console_scripts]\nlstm-studio = lstm_studio.app:main" in scripts
    assert "[gui_scripts]\nlstm-studio-gui = lstm_studio.app:gui_main" in scripts
    site = tmp_path / "site"
    wheel.extractall(site)
    check = (
        "import lstm_studio, lstm_studio.paths as p, lstm_studio.translations as t;"
        "print(lstm_studio.__file__); print(p.RESOURCES);"
        "print(len(t.catalogue('zh_CN')));"
        "print(len(p.resource('corpora', 'english.txt').read_text()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", check],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out[0].startswith(str(site))  # the wheel's copy, not the source tree's
    assert Path(out[1]) == site / "lstm_studio" / "resources"
    assert int(out[2]) > 500 and int(out[3]) > 10_000
