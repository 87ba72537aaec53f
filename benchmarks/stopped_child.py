"""Does the window's side of the training process wait for a child that does not read?

    python benchmarks/stopped_child.py

Starts a training process, stops it (SIGSTOP, as a debugger or a hung child would),
then times what the GUI thread does on File > Open run (an Open carrying a run's
arrays, about 2 MB) and on a burst of 20,000 commands (far more than the 64 KB a
pipe holds), each on a thread with a 10 s limit: a call still blocked then counts
as "blocked". Continues the child and checks it got everything. POSIX only.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lstm_studio.training import TrainConfig, Trainer  # noqa: E402
from lstm_studio.training.commands import SetLr, Step  # noqa: E402
from lstm_studio.training.remote import Ready, TrainingProcess, Update  # noqa: E402

BARS = {"open_ms": 50.0, "commands_ms": 500.0}  # the GUI thread's budget for each call
LIMIT = 10.0


def timed(call) -> float | None:
    """Seconds ``call`` took on a thread, None if it was still blocked after LIMIT."""
    took = []

    def run():
        t0 = time.perf_counter()
        call()
        took.append(time.perf_counter() - t0)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(LIMIT)
    return took[0] if took else None


def main() -> int:
    config = TrainConfig.from_preset("binary-addition", task_params={"bits": 4}, hidden_size=256)
    trainer = Trainer(config)
    trainer.train_step()
    arrays, meta = trainer.state()
    child = TrainingProcess()
    assert child.recv() == Ready()
    os.kill(child.process.pid, signal.SIGSTOP)
    opened = timed(
        lambda: child.open(1, config, {"kind": "restore", "arrays": arrays, "meta": meta})
    )
    burst = timed(lambda: [child.send(1, SetLr(0.001)) for _ in range(20_000)] and None)
    os.kill(child.process.pid, signal.SIGCONT)
    failed = False
    for name, took, bar in (
        ("open_ms", opened, BARS["open_ms"]),
        ("commands_ms", burst, BARS["commands_ms"]),
    ):
        if took is None:
            print(f"{name}: blocked (more than {LIMIT:.0f} s)  FAIL")
            failed = True
        else:
            ms = 1000 * took
            print(f"{name}: {ms:.1f} ms (bar {bar:.0f})  {'ok' if ms <= bar else 'FAIL'}")
            failed |= ms > bar
    if opened is not None and burst is not None:
        child.send(1, Step(1))
        while not (isinstance(m := child.recv(), Update) and m.snapshot.step == 2):
            pass
        print("continued: the child got everything and stepped")
    child.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
