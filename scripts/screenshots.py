"""The README's screenshots, taken from the real window: ``python scripts/screenshots.py``.

Runs on any display; on a machine without one, under Xvfb (the fonts are the system's,
so this is what a user sees):

    xvfb-run -a -s "-screen 0 1280x800x24" python scripts/screenshots.py
    xvfb-run -a -s "-screen 0 1280x800x24" python scripts/screenshots.py --language zh_CN

Writes ``docs/screenshots/<language>-<name>.png`` (1280 x 800): the window training an
LSTM on the binary adder with the gates in front, the gradient decay of a plain RNN on
the adding problem, a cell race of RNN, LSTM and GRU, and the backward pass: an LSTM's δ
stepped back in the cell diagram (``backward``), an RNN with W_hh orthogonal x 2 whose
gradient grows back through time at step 0 (``exploding``) and the same run with clipping
(``clipped``), and an LSTM on copy truncated every 4 steps (``truncated``).

``--memory`` instead runs the guided experiment "How far can an LSTM remember?" to its
end (a few minutes: the real sweep) and shoots the lag sweep with its results table and
the experiment's outcome (``memory``).

``--probe`` instead trains the adder, then shows it a sequence of the learner's own
(117 + 139, a carry in every column but the first) typed in the "Your sequence" dock,
with a number too large typed after it and refused under its field (``probe``).

``--text`` instead trains an LSTM of 64 units on the language's own corpus (the Sonnets,
or Tang poems in Chinese) for 400 steps, then shoots the gates with the characters on
their time axis (``text-gates``), the "Which unit tracks what" panel (``units``) and a
prompt typed as the probe, which the sample continues (``prompt``).

``--bidirectional`` instead runs the guided experiment "When the answer lies in the
future" to its end (``future``), then a bidirectional LSTM of 2 layers on comes-again:
both directions' gradient decay meeting at the middle step (``bidirectional-decay``)
and the reverse run's gates and cell diagram (``bidirectional``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--language", default="en", choices=("en", "zh_CN"))
    ap.add_argument("--memory", action="store_true", help="only the lag-memory experiment")
    ap.add_argument("--probe", action="store_true", help="only the learner's own probe")
    ap.add_argument("--text", action="store_true", help="only the text shots")
    ap.add_argument(
        "--bidirectional",
        action="store_true",
        help="only the bidirectional shots: the future experiment, both directions' decay",
    )
    args = ap.parse_args()

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from lstm_studio.training import TrainConfig
    from lstm_studio.ui import i18n
    from lstm_studio.ui.experiments import EXPLODE_CONFIG, TRUNCATE_CONFIG
    from lstm_studio.ui.main_window import MainWindow
    from lstm_studio.ui.panels.base import BACKWARD

    app = QApplication(sys.argv[:1])
    i18n.install(args.language)
    folder = Path(tempfile.mkdtemp(prefix="lstm-studio-shots-"))
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("settings_version", 1)
    settings.setValue("config", TrainConfig.from_preset("binary-addition").to_json())
    window = MainWindow(settings=settings, data_dir=folder / "data")
    window.resize(1280, 800)
    window.show()
    OUT.mkdir(parents=True, exist_ok=True)
    written = []

    def shot(name: str) -> None:
        window.flush_panels()
        path = OUT / f"{args.language}-{name}.png"
        window.grab().save(str(path))
        written.append(path)

    def adder() -> None:
        window.train_action.trigger()

    def adder_shot() -> None:
        window.scrubber.set_selection(5, 3, 0)
        window.panel_docks["gates_panel"].raise_()
        window.show_dock(window.panel_docks["diagram_panel"])
        shot("gates")

    def rnn() -> None:
        config = TrainConfig.from_preset("adding", task_params={"steps": 30}, cell="rnn")
        window._new_session(config.replace(steps=400))
        window.panel_docks["states_panel"].raise_()
        window.show_dock(window.panel_docks["decay_panel"])
        window.train_action.trigger()

    def race() -> None:
        config = TrainConfig.from_preset(
            "adding", task_params={"steps": 50}, steps=1500, stop_when_solved=True
        )
        window.show_dock(window.compare_docks["race_panel"])
        window.race.start(("rnn", "lstm", "gru"), config)

    def run(config, dock: str, train: bool = True) -> None:
        """A new model for ``config``, trained to its (small) budget, ``dock`` in front."""
        window._new_session(config)
        window.panel_docks["gates_panel"].raise_()  # not the race, which ran before
        window.show_dock(window.panel_docks[dock])
        if train:
            window.train_action.trigger()

    def backward() -> None:
        run(
            TrainConfig.from_preset("adding", task_params={"steps": 20}, steps=300), "diagram_panel"
        )

    def backward_shot() -> None:
        window.scrubber.set_direction(BACKWARD)
        tau = window.scrubber.tau() or 0
        window.scrubber.set_selection(tau - 2, 3, 0)
        diagram = next(p for p in window.panels if p.object_name == "diagram_panel")
        diagram.select_element("c_prev")
        shot("backward")

    steps = [
        (500, adder),
        (4000, adder_shot),
        (4500, rnn),
        (9000, lambda: shot("decay")),
        (9500, race),
        (22000, lambda: shot("race")),
        (22500, backward),
        (26000, backward_shot),
        (26500, lambda: run(EXPLODE_CONFIG, "decay_panel", train=False)),
        (29000, lambda: shot("exploding")),
        (29500, lambda: run(EXPLODE_CONFIG.replace(clip=1.0, steps=400), "norms_panel")),
        (33000, lambda: shot("clipped")),
        (33500, lambda: run(TRUNCATE_CONFIG.replace(steps=300), "decay_panel")),
        (37000, lambda: shot("truncated")),
        (37500, window.close),
    ]

    def memory() -> None:
        panel = window.experiments
        panel.choose("memory", 1)
        panel.run_button.click()
        poll = QTimer(window)

        def check() -> None:
            if panel.running is None:
                poll.stop()
                window.show_dock(window.compare_docks["sweep_panel"])
                shot("memory-sweep")
                window.show_dock(window.compare_docks["experiments_panel"])
                shot("memory")
                window.close()

        poll.timeout.connect(check)
        poll.start(500)

    def future() -> None:
        panel = window.experiments
        panel.choose("future", 1)
        panel.run_button.click()
        poll = QTimer(window)

        def check() -> None:
            if panel.running is None:
                poll.stop()
                window.show_dock(window.compare_docks["experiments_panel"])
                shot("future")
                both_ways()

        poll.timeout.connect(check)
        poll.start(500)

    def both_ways() -> None:
        config = TrainConfig.from_preset("comes-again", num_layers=2, hidden_size=16, steps=400)
        run(config, "decay_panel")
        QTimer.singleShot(6000, decay_shot)
        QTimer.singleShot(8000, reverse_gates)

    def decay_shot() -> None:
        """The decay dock alone, enlarged as a learner would to read it (in the window's
        layout at 1280x800 its plots are short)."""
        dock = window.panel_docks["decay_panel"]
        dock.setFloating(True)
        dock.resize(1000, 640)
        QTimer.singleShot(800, lambda: dock_shot(dock))

    def dock_shot(dock) -> None:
        window.flush_panels()
        path = OUT / f"{args.language}-bidirectional-decay.png"
        dock.grab().save(str(path))
        written.append(path)
        dock.setFloating(False)

    def reverse_gates() -> None:
        window.show_dock(window.panel_docks["diagram_panel"])
        window.panel_docks["gates_panel"].raise_()
        window.scrubber.set_selection(4, 3, 1)  # t = 4, unit 3, layer 1 read backwards
        shot("bidirectional")
        window.close()

    def probe() -> None:
        window.train_action.trigger()  # paused again when the adder is solved (below)

    def probe_typed() -> None:
        if window.session.state == "running":
            window.train_action.trigger()
        window.show_dock(window.probe_dock)
        window.show_dock(window.panel_docks["predictions_panel"])
        editor = window.probe_editor
        editor.fields["a"].setText("117")
        editor.fields["b"].setText("139")
        editor.show_button.click()

    def probe_shot() -> None:
        window.probe_editor.fields["b"].setText("300")  # typed next: refused as typed
        shot("probe")
        window.close()

    corpus = "chinese" if args.language == "zh_CN" else "english"
    prompt_text = "白日依山尽，黄河入海流。" if corpus == "chinese" else "To be, or not to be"

    def text() -> None:
        config = TrainConfig.from_preset("text", task_params={"corpus": corpus})
        window._new_session(config.replace(steps=400))
        window.panel_docks["gates_panel"].raise_()
        window.show_dock(window.panel_docks["decay_panel"])
        window.train_action.trigger()

    def text_gates() -> None:
        if window.session.state == "running":  # a slow machine: shoot what there is
            window.train_action.trigger()
        shot("text-gates")
        window.show_dock(window.panel_docks["units_panel"])  # measured when shown

    def units_shot() -> None:
        shot("units")
        window.show_dock(window.probe_dock)
        window.show_dock(window.panel_docks["predictions_panel"])
        window.probe_editor.fields["prompt"].setPlainText(prompt_text)
        window.probe_editor.show_button.click()

    def prompt_shot() -> None:
        shot("prompt")
        window.close()

    if args.text:
        steps = [(500, text), (30000, text_gates), (36000, units_shot), (40000, prompt_shot)]
    if args.probe:
        steps = [(500, probe), (4500, probe_typed), (6000, probe_shot)]
    if args.memory:
        steps = [(500, memory)]
    if args.bidirectional:
        steps = [(500, future)]
    for at, fn in steps:
        QTimer.singleShot(at, fn)
    app.exec()
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
