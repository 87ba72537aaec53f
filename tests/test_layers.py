"""The compute layers must import, and work, on a machine without Qt.

Each module below is imported in a fresh interpreter in which every Qt binding and pyqtgraph
are unimportable. If the module, or anything it pulls in (``lstm_studio/__init__`` included),
imports Qt, the import fails. The final look at ``sys.modules`` is a second line of defence
against anything that gets a Qt module in around the block.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

# The layers that must stay free of Qt, and the command line (it runs on machines without a
# display or Qt's libraries). `lstm_studio.app` imports Qt only when it opens the window.
QT_FREE_MODULES = [
    "lstm_studio.engine",
    "lstm_studio.tasks",
    "lstm_studio.training",
    "lstm_studio.training.remote",  # the window's training process
    "lstm_studio.training.compare",
    "lstm_studio.io",
    "lstm_studio.cli",
    "lstm_studio.app",
]

BLOCKED = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "PySide2")

# Runs in the child as `python -c _CHILD module blocked...`: block the names, import the
# module, print the blocked modules that got imported anyway.
_CHILD = """
import importlib, json, sys

BLOCKED = set(sys.argv[2:])

class _BlockQt:
    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"{fullname} is blocked in this test", name=fullname)
        return None

for name in BLOCKED:
    sys.modules[name] = None  # `import name` now raises ImportError
sys.meta_path.insert(0, _BlockQt())  # and so does any submodule

importlib.import_module(sys.argv[1])

leaked = sorted(
    name for name, module in sys.modules.items()
    if module is not None and name.split(".")[0] in BLOCKED
)
print(json.dumps(leaked))
"""


@pytest.mark.parametrize("module", QT_FREE_MODULES)
def test_imports_without_qt(module):
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, module, *BLOCKED],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, f"importing {module} without Qt failed:\n{result.stderr}"
    leaked = json.loads(result.stdout.strip().splitlines()[-1])
    assert leaked == [], f"{module} imported Qt modules: {leaked}"


def test_command_line_trains_without_qt(tmp_path):
    # `lstm-studio train` goes through app.main, which must not touch Qt on the way
    code = _CHILD.replace(
        "importlib.import_module(sys.argv[1])",
        "from lstm_studio.app import main\n"
        "assert main(['lstm-studio', 'train', '--task', 'echo', '--steps', '5', '-q',\n"
        f"             '--out', {str(tmp_path / 'run')!r}]) == 0",
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "-", *BLOCKED],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
    assert (tmp_path / "run" / "weights.safetensors").is_file()
