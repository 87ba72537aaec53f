"""Small files that claim gigabytes: how much memory and time does each cost before it
is refused?

    python benchmarks/hostile_inputs.py                 # every input, command line and window
    python benchmarks/hostile_inputs.py --only text csv-columns
    python benchmarks/hostile_inputs.py --repo ../other-checkout   # the same on other code

Makes each hostile input in a temporary folder (issue 14, point 6), then runs each use
of it in a process of its own (so that one's memory is not another's) and prints its
peak resident memory, its time and the start of the message the user reads. The window
rows run a real main window offscreen with a 10 ms timer in the GUI thread and give its
longest interval (the time the event loop was blocked), and the peak memory of the
window's process and of its training process.

Every child runs under an address-space limit (``--cap-gb``, default 8): the machine is
shared, and a use that needs more fails there with MemoryError, shown as ``> cap``.

Bars: peak memory under 1 GB for each input, the window's event loop never blocked more
than 100 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BARS = {"peak_mb": 1024, "blocked_ms": 100}


# ------------------------------------------------------------------ the inputs
def make_inputs(folder: Path, repo: Path) -> dict[str, Path]:
    """Write every hostile input into ``folder``; their paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "run": folder / "huge.lstmrun",
        "npz": folder / "bomb.npz",
        "text": folder / "vocab.txt",
        "csv-columns": folder / "wide.csv",
        "csv-line": folder / "line.csv",
        "safetensors": folder / "names.safetensors",
    }
    # a small run whose description claims H = 2048, L = 4 (made by the code under test)
    code = f"""
import sys; sys.path.insert(0, {str(repo)!r})
from lstm_studio.io import save_run
from lstm_studio.training import TrainConfig, Trainer
t = Trainer(TrainConfig.from_preset("text", hidden_size=8))
arrays, meta = t.state()
meta["config"].update(hidden_size=2048, num_layers=4, dtype="float64")
save_run({str(paths["run"])!r}, arrays, meta)
"""
    subprocess.run([sys.executable, "-c", code], check=True)
    # 1 GiB of float32 zeros, deflated to about a megabyte
    n = 2**28
    header = f"{{'descr': '<f4', 'fortran_order': False, 'shape': ({n},), }}"
    header = header + " " * (-(len(header) + 11) % 64) + "\n"
    npy = b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode()
    with zipfile.ZipFile(paths["npz"], "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("rnn.weight_ih_l0.npy", "w", force_zip64=True) as member:
            member.write(npy)
            chunk = bytes(1 << 24)
            for _ in range(4 * n // len(chunk)):
                member.write(chunk)
    # 55,000 different characters, twice over (327 KB)
    chars = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 55_000) if chr(c).isprintable())
    paths["text"].write_text(chars + "\n" + chars + "\n", "utf-8")
    # 10**6 columns, 6 rows (12 MB)
    row = ",".join(["0"] * 10**6) + "\n"
    paths["csv-columns"].write_text(row * 6)
    # one line of 40 MB
    paths["csv-line"].write_text("0.5," * 10_000_000 + "0.5\n")
    # a million tensor names (59 MB), each an empty tensor
    entries = ",".join(
        f'"t{k:07d}":{{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}' for k in range(10**6)
    )
    head = ("{" + entries + "}").encode()
    head += b" " * (-len(head) % 8)
    paths["safetensors"].write_bytes(len(head).to_bytes(8, "little") + head)
    return paths


# ------------------------------------------------------------------ the uses
LIBRARY = {  # input -> (what, the code that uses it; `path` is its file)
    "run": (
        "lstm-studio export (command line)",
        "from lstm_studio.cli import main\n"
        "code = main(['export', path, '--format', 'npz', '--out', out + '/w.npz'])",
    ),
    "npz": (
        "load_weights",
        "from lstm_studio.io.weights import load_weights\nload_weights(path)",
    ),
    "text": (
        "lstm-studio train (command line)",
        "from lstm_studio.cli import main\n"
        "code = main(['train', '--task', 'own-data', '-p', 'path=' + path, '-p', 'kind=text',"
        " '--steps', '1', '--out', out + '/r'])",
    ),
    "csv-columns": (
        "lstm-studio train (command line)",
        "from lstm_studio.cli import main\n"
        "code = main(['train', '--task', 'own-data', '-p', 'path=' + path, '-p', 'steps=2',"
        " '--steps', '1', '--out', out + '/r'])",
    ),
    "csv-line": (
        "lstm-studio train (command line)",
        "from lstm_studio.cli import main\n"
        "code = main(['train', '--task', 'own-data', '-p', 'path=' + path, '-p', 'steps=2',"
        " '--steps', '1', '--out', out + '/r'])",
    ),
    "safetensors": (
        "load_weights + mismatch",
        "from lstm_studio.io.weights import load_weights, mismatch\n"
        "from lstm_studio.training import TrainConfig, Trainer\n"
        "state, config = load_weights(path)\n"
        "m = Trainer(TrainConfig.from_preset('binary-addition')).model\n"
        "message = '; '.join(mismatch(state, m, config))",
    ),
}

CHILD = """
import contextlib, io, json, os, resource, sys, time
sys.path.insert(0, {repo!r})
captured = io.StringIO()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
path, out = {path!r}, {out!r}
message = ""
t0 = time.perf_counter()
try:
    with contextlib.redirect_stderr(captured):
{code}
    if "code" in globals():
        message = "exit %s: %s" % (code, captured.getvalue().strip())
except SystemExit as e:
    message = "exit %s" % e.code
except BaseException as e:
    message = "%s: %s" % (type(e).__name__, e)
took = time.perf_counter() - t0
extra = globals().get("extra", {{}})
print("RESULT " + json.dumps({{"s": took, "message": str(message)[:300],
      "message_chars": len(str(message)), **extra}}), flush=True)
"""

WINDOW = """
from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from lstm_studio.training import TrainConfig
from lstm_studio.ui.main_window import MainWindow
app = QApplication.instance() or QApplication([])
settings = QSettings(out + "/s.ini", QSettings.Format.IniFormat)
settings.setValue("settings_version", 1)
window = MainWindow(settings=settings, data_dir=__import__("pathlib").Path(out) / "data")
window.show()
gaps, clock, timer = [], QElapsedTimer(), QTimer()
timer.setInterval(10)
def tick():
    if clock.isValid():
        gaps.append(clock.nsecsElapsed() / 1e6)
    clock.restart()
timer.timeout.connect(tick)
def act():
    kind = {kind!r}
    if kind == "run":
        window.files.open_run(path)
    elif kind in ("npz", "safetensors"):
        window.files.import_weights(path)
    else:
        params = {{"path": path, "steps": 2}}
        if kind == "text":
            params["kind"] = "text"
        config = TrainConfig.from_preset("own-data", task_params=params)
        window._new_session(config)
    QTimer.singleShot(1500, app.quit)  # the training process may still answer
timer.start()
QTimer.singleShot(300, act)
app.exec()
timer.stop()
message = window.files.last_error or window.statusBar().currentMessage()
invalid = getattr(window, "failure_box", None)
if invalid is not None:
    message = invalid.text()
window.close()
app.processEvents()
window.host.close()
extra = {{"blocked_ms": max(gaps[1:]) if len(gaps) > 1 else None,
          "child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}
"""


def run_child(repo: Path, path: Path, code: str, cap_gb: float) -> dict:
    with tempfile.TemporaryDirectory() as out:
        source = CHILD.format(
            repo=str(repo), path=str(path), out=out, code=textwrap.indent(code, "        ")
        )
        cap = int(cap_gb * 2**30)

        def limit():
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

        env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", source],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            preexec_fn=limit,
            env=env,
        )
        stdout = proc.stdout.read().decode(errors="replace")
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = status
        wall = time.perf_counter() - t0
    result = {"wall_s": wall, "peak_mb": usage.ru_maxrss / 1024}
    for line in stdout.splitlines():
        if line.startswith("RESULT "):
            result.update(json.loads(line[7:]))
    if "s" not in result:
        result["message"] = f"(died: status {status})"
    return result


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--repo", type=Path, default=REPO, help="the checkout to measure")
    ap.add_argument("--only", nargs="*", default=None, help="inputs to run (default: all)")
    ap.add_argument("--no-window", action="store_true", help="skip the window rows")
    ap.add_argument("--cap-gb", type=float, default=8.0, help="address-space limit per child")
    args = ap.parse_args()
    repo = args.repo.resolve()
    with tempfile.TemporaryDirectory() as folder:
        paths = make_inputs(Path(folder), repo)
        names = args.only or list(paths)
        print(f"code: {repo}; cap {args.cap_gb:g} GB per process\n")
        print(f"{'input':12} {'use':34} {'peak MB':>8} {'time s':>7} {'blocked ms':>10}  message")
        print("-" * 110)
        for name in names:
            size = paths[name].stat().st_size
            uses = [LIBRARY[name]]
            if not args.no_window:
                uses.append(("window (GUI + training process)", WINDOW.format(kind=name)))
            for what, code in uses:
                r = run_child(repo, paths[name], code, args.cap_gb)
                peak = f"{r['peak_mb']:.0f}"
                if "child_mb" in r and r["child_mb"]:
                    peak += f"+{r['child_mb']:.0f}"
                blocked = r.get("blocked_ms")
                blocked = f"{blocked:.0f}" if blocked is not None else ""
                message = " ".join(r.get("message", "").split())[:60]
                chars = r.get("message_chars", 0)
                label = f"{name} ({size / 1e6:.2g} MB)"
                print(
                    f"{label:12} {what:34} {peak:>8} {r.get('s', r['wall_s']):7.2f} "
                    f"{blocked:>10}  [{chars} chars] {message}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
