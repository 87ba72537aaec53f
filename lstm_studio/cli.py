"""The command line: ``lstm-studio train``, ``tasks`` and ``export`` (Qt only for pictures).

``lstm-studio`` with no command opens the window (see ``app.py``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import re
import shutil
import signal
import sys
import threading
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .engine import CELLS, DTYPES, OPTIMIZERS, RECURRENT_INITS
from .io.atomic import process_alive
from .io.runs import RunFileError, open_run, save_trainer
from .io.safetensors import save_safetensors
from .reading import open_regular
from .tasks import TASKS
from .training import FIELDS, Control, Snapshot, TrainConfig, Trainer
from .training.loop import end_message
from .translations import (
    current_language,
    display_width,
    error_text,
    in_language,
    is_wide,
    not_one_of,
    os_reason,
    tr,
    translate,
    wrap_columns,
)

EXIT_DIVERGED = 1
EXIT_USAGE = 2
EXIT_CRASH = 3  # a bug of LSTM Studio's own: a traceback on stderr
EXIT_NO_MEMORY = 4  # the machine ran out of memory (a MemoryError), said in words
EXIT_INTERRUPTED = 130  # Ctrl+C; SIGTERM and SIGHUP exit with 128 + their number too
#: the signals that stop a run between two steps and save it, as Ctrl+C does
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)

DESCRIPTION = """\
LSTM Studio: watch recurrent networks learn.

  lstm-studio                  open the window
  lstm-studio tasks            list the tasks, their parameters and presets
  lstm-studio train [options]  train without a window, with a progress bar
  lstm-studio export RUN --format FORMAT --out PATH
                               weights, history or pictures of a saved run

A run starts from the task's preset; --config FILE.json replaces the preset, and
every option given on the command line overrides both. The output folder gets
config.json, weights.safetensors (the model in PyTorch's parameter names, the
config in its metadata), history.csv, summary.json and run.lstmrun (the whole
run: open it in the window to go on training); it is written only when the run
ends (finished, solved, stopped with Ctrl+C or diverged), all at once.

Exit codes: 0 done, 1 the run diverged (the last finite weights are saved),
2 bad options or data, 3 LSTM Studio itself failed (a bug: the traceback is on
stderr), 4 not enough memory, 130 stopped with Ctrl+C, 143 by SIGTERM, 129 by
SIGHUP (what was trained is saved).
"""

TRAIN_EPILOG = """\
examples:
  lstm-studio train --task binary-addition --cell lstm --steps 2000 --seed 0 --out runs/adder
  lstm-studio train --task copy --param delay=50 --cell rnn --out runs/copy-rnn
  lstm-studio train --task own-data --param path=prices.csv --steps 3000 --out runs/prices
  lstm-studio train --task comes-again --bidirectional --out runs/comes-again
  lstm-studio train --config runs/adder/config.json --seed 1 --out runs/adder-seed1
"""


EXPORT_EPILOG = """\
examples:
  lstm-studio export runs/adder --format onnx --out adder.onnx
  lstm-studio export saved.lstmrun --format safetensors --out adder.safetensors
  lstm-studio export runs/adder --format csv --out adder-history.csv
  lstm-studio export runs/adder --format svg --out adder-pictures
"""


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help with its columns measured in terminal columns (a Chinese
    character takes two, argparse counts it as one), and a one-paragraph description
    wrapped (a description of several lines is kept as written).

    Used for languages other than English only. It adjusts argparse's own text through
    private methods of ``HelpFormatter``; should a later Python change them, each
    adjustment gives way to argparse's plain text rather than fail."""

    def add_argument(self, action):
        super().add_argument(action)
        try:
            if action.help is not argparse.SUPPRESS:
                invocation = self._format_action_invocation(action)
                wide = display_width(invocation) + self._current_indent
                self._action_max_length = max(self._action_max_length, wide)
        except Exception:  # argparse's internals changed: its own column width
            pass

    def _format_action(self, action):
        text = super()._format_action(action)
        try:
            return self._widen(action, text)
        except Exception:  # argparse's internals changed: its own text
            return text

    def _widen(self, action, text: str) -> str:
        """``text`` (one option's help) with the help column moved by the columns that
        wide characters take beyond their count."""
        header = self._format_action_invocation(action)
        extra = display_width(header) - len(header)
        first, newline, rest = text.partition("\n")
        if extra <= 0 or header not in first:
            return text
        start = first.index(header) + len(header)
        help_text = first[start:].lstrip(" ")
        if not help_text:
            return text
        spaces = len(first) - start - len(help_text)
        if spaces - extra >= 2:
            first = first[:start] + " " * (spaces - extra) + help_text
        else:  # too wide for the column: the help goes below, as argparse does
            first = first[:start] + "\n" + " " * (start + spaces) + help_text
        return first + newline + rest

    def _split_lines(self, text, width):
        if not any(is_wide(ch) for ch in text):
            return super()._split_lines(text, width)
        return wrap_columns(text, width)

    def _fill_text(self, text, width, indent):
        if "\n" in text.strip():
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap_columns(text, width - len(indent)))

    def _format_usage(self, usage, actions, groups, prefix, *args, **kwargs):
        text = super()._format_usage(usage, actions, groups, prefix, *args, **kwargs)
        try:
            return self._rewrap_usage(text, prefix)
        except Exception:  # argparse's internals changed: its own text
            return text

    def _rewrap_usage(self, text: str, prefix) -> str:
        label = translate("argparse", "usage: ") if prefix is None else prefix
        head = label + self._prog + " "
        if not text.startswith(head) or display_width(text) == len(text):
            return text
        # wrap again by columns, at the places argparse may break
        body = " ".join(text[len(head) :].split())
        parts = re.findall(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+", body)
        indent = display_width(head)
        width = self._width - self._current_indent
        if indent > width * 3 // 4:
            return text
        lines, line = [], ""
        for part in parts:
            if line and indent + display_width(line + " " + part) > width:
                lines.append(line)
                line = part
            else:
                line = f"{line} {part}" if line else part
        lines.append(line)
        return head + ("\n" + " " * indent).join(lines) + "\n\n"


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``prog: error: message (see prog --help)``, its
    section headings ("options:") with the user's language's colon, and its columns
    right in Chinese (``_HelpFormatter``)."""

    def __init__(self, *args, **kwargs):
        english = current_language() == "en"  # argparse's stock formatter, untouched
        kwargs.setdefault(
            "formatter_class", argparse.RawDescriptionHelpFormatter if english else _HelpFormatter
        )
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # type: ignore[override]
        line = tr(
            "cli-output",
            "{prog}: error: {message} (see {prog} --help)",
            prog=self.prog,
            message=message,
        )
        self.exit(EXIT_USAGE, line + "\n")

    def format_help(self) -> str:
        text = super().format_help()
        for heading in ("positional arguments", "options"):
            heading = translate("argparse", heading)
            line = tr("cli-output", "{heading}:", heading=heading)
            text = text.replace(f"\n{heading}:\n", f"\n{line}\n")
        return text


def _error_line(prog: str, message) -> str:
    """The one line every command prints for a problem it cannot go on with."""
    return tr("cli-output", "{prog}: error: {message}", prog=prog, message=message)


# TrainConfig field -> (type, help); option names are the field names with dashes, and
# their placeholders (metavars) are in _metavars()
_OPTIONS = {
    "cell": (str, f"cell type: {', '.join(CELLS)}"),
    "hidden_size": (int, "hidden units per layer (H)"),
    "num_layers": (int, "stacked recurrent layers (L), 1 to 4"),
    "optimizer": (str, f"optimizer: {', '.join(OPTIMIZERS)}"),
    "lr": (float, "learning rate"),
    "momentum": (float, "SGD momentum"),
    "clip": (float, "clip the global gradient norm to this (0: off)"),
    "truncate": (
        int,
        "truncate backpropagation through time every K steps: the state flows on, the "
        "gradient stops at each cut (h.detach() every K steps); 0: full, the default",
    ),
    "batch_size": (int, "sequences per step (B)"),
    "steps": (int, "optimisation steps to run"),
    "seed": (int, "seed of the weights and the data"),
    "dtype": (str, f"precision: {', '.join(DTYPES)}"),
    "forget_bias": (float, "initial forget-gate bias (LSTM family)"),
    "recurrent_init": (
        str,
        f"how the recurrent weights W_hh start: {', '.join(RECURRENT_INITS)} "
        "(uniform: PyTorch's default)",
    ),
    "recurrent_gain": (
        float,
        "the factor on W_hh, above {low:g} and at most {high:g}; above 1 an RNN's gradient "
        "can grow back through time".format(
            low=FIELDS["recurrent_gain"].low, high=FIELDS["recurrent_gain"].high
        ),
    ),
    "eval_every": (int, "evaluate on the held-out set every N steps"),
    "snapshot_every": (int, "report at most every N steps"),
    "snapshot_hz": (float, "report at most this many times a second"),
}


def _(text: str) -> str:
    """The command line's help in the user's language (``translations``)."""
    return translate("cli", text)


def _metavars() -> dict[str, str]:
    """The placeholder of each option's value in the help ("--lr LR"), in the user's
    language; literal ``tr`` calls, so that ``scripts/i18n.py`` finds them."""
    return {
        "cell": tr("cli", "CELL"),
        "hidden_size": tr("cli", "HIDDEN_SIZE"),
        "num_layers": tr("cli", "NUM_LAYERS"),
        "optimizer": tr("cli", "OPTIMIZER"),
        "lr": tr("cli", "LR"),
        "momentum": tr("cli", "MOMENTUM"),
        "clip": tr("cli", "CLIP"),
        "truncate": tr("cli", "K"),
        "batch_size": tr("cli", "BATCH_SIZE"),
        "steps": tr("cli", "STEPS"),
        "seed": tr("cli", "SEED"),
        "dtype": tr("cli", "DTYPE"),
        "forget_bias": tr("cli", "FORGET_BIAS"),
        "recurrent_init": tr("cli", "INIT"),
        "recurrent_gain": tr("cli", "GAIN"),
        "eval_every": tr("cli", "EVAL_EVERY"),
        "snapshot_every": tr("cli", "SNAPSHOT_EVERY"),
        "snapshot_hz": tr("cli", "SNAPSHOT_HZ"),
    }


def _number(kind: type) -> object:
    """``kind`` (int or float) under its name in the user's language, which argparse
    puts into "invalid int value: 'x'"."""

    def parse(text: str):
        return kind(text)

    parse.__name__ = tr("cli", "int") if kind is int else tr("cli", "float")
    return parse


#: argparse's own words ("usage:", "options", its errors), which it passes through
#: gettext; translated from the same catalogue
ARGPARSE_TEXTS = (
    "usage: ",
    "positional arguments",
    "options",
    "show this help message and exit",
    "show program's version number and exit",
    "the following arguments are required: %s",
    "invalid choice: %(value)r (choose from %(choices)s)",
    "unrecognized arguments: %s",
    "expected one argument",
    "argument %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s",
    "ignored explicit argument %r",
)


def _translate_argparse() -> None:
    """argparse's words in the language of the messages (``translations``), looked up
    when argparse uses them: English is the text itself."""
    argparse._ = lambda text: translate("argparse", text)


def build_parser() -> argparse.ArgumentParser:
    _translate_argparse()
    parser = _Parser(
        prog="lstm-studio",
        description=_(DESCRIPTION),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"LSTM Studio {__version__}",
        help=translate("argparse", "show program's version number and exit"),
    )
    sub = parser.add_subparsers(
        dest="command",
        metavar=tr("cli", "command"),
        parser_class=_Parser,
        help=_("what to do; with none, the window opens"),
    )
    parser.tasks_parser = sub.add_parser(
        "tasks",
        help=_("list the tasks, their parameters and presets"),
        description=tr(  # tr, not _: scripts/i18n.py reads the other parsers only
            "cli",
            "List every task: what it teaches, its parameters (set them with "
            "lstm-studio train --param NAME=VALUE) and its preset.",
        ),
    )
    train = parser.train_parser = sub.add_parser(
        "train",
        help=_("train without a window"),
        description=_("Train a model on a task without a window; see lstm-studio --help."),
        epilog=_(TRAIN_EPILOG),
    )
    S = argparse.SUPPRESS  # only options actually given reach the namespace
    train.add_argument(
        "--task", default=S, metavar=tr("cli", "TASK"), help=_(f"the task: {', '.join(TASKS)}")
    )
    train.add_argument(
        "--param",
        "-p",
        action="append",
        default=S,
        metavar=tr("cli", "NAME=VALUE"),
        help=_("a task parameter (repeatable); lstm-studio tasks lists them"),
    )
    train.add_argument(
        "--config", default=S, metavar=tr("cli", "FILE.json"), help=_("start from this config")
    )
    train.add_argument(
        "--small", action="store_true", default=S, help=_("start from the task's quicker preset")
    )
    metavars = _metavars()
    for name, (kind, text) in _OPTIONS.items():
        train.add_argument(
            "--" + name.replace("_", "-"),
            type=kind if kind is str else _number(kind),
            default=S,
            metavar=metavars[name],
            help=_(text),
        )
    train.add_argument(
        "--stop-when-solved",
        action=argparse.BooleanOptionalAction,
        default=S,
        help=_("end the run when the task's solved criterion is met"),
    )
    train.add_argument(
        "--bidirectional",
        action=argparse.BooleanOptionalAction,
        default=S,
        help=_(
            "every layer also reads the sequence backwards (a forward and a backward "
            "direction, their outputs joined); refused for the tasks that predict the next "
            "element"
        ),
    )
    train.add_argument(
        "--out", default=S, metavar=tr("cli", "DIR"), help=_("output folder (default: runs/...)")
    )
    train.add_argument(
        "--overwrite", action="store_true", help=_("replace the output folder if it exists")
    )
    train.add_argument("--quiet", "-q", action="store_true", help=_("no progress bar"))
    export = parser.export_parser = sub.add_parser(
        "export",
        help=_("weights, history or pictures of a saved run"),
        description=_(
            "Export a saved run (a .lstmrun file, or a folder made by lstm-studio train). "
            "safetensors, npz and onnx write the weights to the file --out; csv the "
            "history; png and svg every panel into the folder --out."
        ),
        epilog=_(EXPORT_EPILOG),
    )
    export.add_argument("run", metavar=tr("cli", "RUN"), help=_("a .lstmrun file or a run folder"))
    export.add_argument(
        "--format",
        "-f",
        required=True,
        choices=EXPORT_FORMATS,
        metavar=tr("cli", "FORMAT"),
        help=_(
            "what to write: safetensors, npz or onnx (the weights) or csv (the history) "
            "into the file --out; png or svg (a picture of every panel) into the folder --out"
        ),
    )
    export.add_argument(
        "--out",
        "-o",
        required=True,
        metavar=tr("cli", "PATH"),
        help=_("the file to write, or the folder for the pictures"),
    )
    export.add_argument(
        "--width",
        type=_number(int),
        default=1600,
        metavar=tr("cli", "WIDTH"),
        help=_("width of the PNG pictures (default 1600)"),
    )
    return parser


def _parse_params(items: Sequence[str]) -> dict[str, str]:
    params = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ValueError(tr("cli-output", "--param wants NAME=VALUE, got {item!r}", item=item))
        params[key.strip()] = value.strip()
    return params


def config_from_args(args: argparse.Namespace) -> TrainConfig:
    """Preset (or --config file), then every option given. ValueError on bad input."""
    given = vars(args)
    task = given.get("task")
    if "config" in given:
        path = Path(given["config"])
        try:
            with open_regular(path) as f:
                text = f.read().decode("utf-8")
        except OSError as e:
            raise ValueError(
                tr(
                    "cli-output",
                    "cannot read the config {path}: {why}",
                    path=path,
                    why=os_reason(e),
                )
            ) from None
        except UnicodeDecodeError:
            raise ValueError(
                tr(
                    "cli-output",
                    "cannot read the config {path}: {why}",
                    path=path,
                    why=tr("cli-output", "it is not UTF-8 text"),
                )
            ) from None
        base = TrainConfig.from_json(text)
        if task is not None and task != base.task:
            base = base.replace(task=task, task_params={})
    else:
        if task is not None and task not in TASKS:
            raise ValueError(not_one_of(tr("choices", "task"), task, TASKS))
        base = TrainConfig.from_preset(task or "binary-addition", small=given.get("small", False))
    changes = {k: given[k] for k in _OPTIONS if k in given}
    if "stop_when_solved" in given:
        changes["stop_when_solved"] = given["stop_when_solved"]
    if "bidirectional" in given:
        changes["bidirectional"] = given["bidirectional"]
    if "param" in given:
        params = dict(base.task_params)
        params.update(_parse_params(given["param"]))
        if params.get("path"):  # config.json must still find the file from another folder
            params["path"] = str(Path(params["path"]).expanduser().resolve())
        changes["task_params"] = params
    return base.replace(**changes) if changes else base


# ---------------------------------------------------------------- output folder
RUN_FILES = ("config.json", "weights.safetensors", "history.csv", "summary.json", "run.lstmrun")
EXPORT_FORMATS = ("safetensors", "npz", "onnx", "csv", "png", "svg")


def default_out(config: TrainConfig) -> Path:
    """``runs/<task>-<cell>-seed<seed>``, with -2, -3, ... when that is taken."""
    base = Path("runs") / f"{config.task}-{config.cell}-seed{config.seed}"
    out, k = base, 1
    while out.exists():
        k += 1
        out = base.with_name(f"{base.name}-{k}")
    return out


def _prepare_out(out: Path, overwrite: bool) -> Path:
    """Check the output folder can be written; return an empty staging folder beside it.

    ``--overwrite`` replaces only an earlier run's folder (or an empty one), never
    the current folder, one above it, or a folder of other files."""
    for up in [out, *out.parents]:
        if up.exists() and not up.is_dir():
            raise ValueError(
                tr("cli-output", "--out {out}: {up} is a file, not a folder", out=out, up=up)
            )
    resolved = out.resolve()
    if resolved == Path.cwd().resolve() or resolved in Path.cwd().resolve().parents:
        raise ValueError(
            tr(
                "cli-output",
                "--out {out} is the current folder or holds it; name a new folder",
                out=out,
            )
        )
    if resolved.is_dir() and any(resolved.iterdir()):
        if not overwrite:
            raise ValueError(
                tr(
                    "cli-output",
                    "--out {out} exists and is not empty; add --overwrite to replace it",
                    out=out,
                )
            )
        foreign = sorted(p.name for p in resolved.iterdir() if p.name not in RUN_FILES)
        if foreign:
            raise ValueError(
                tr(
                    "cli-output",
                    "--out {out} holds files that are not from a run ({names}); "
                    "--overwrite only replaces an earlier run",
                    out=out,
                    names=", ".join(foreign[:3]),
                )
            )
    parent = resolved.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_staging(parent, resolved.name)
        staging = parent / f".{resolved.name}.partial-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
    except OSError as e:
        raise ValueError(
            tr("cli-output", "cannot write into {folder}: {why}", folder=parent, why=os_reason(e))
        ) from None
    return staging


def _remove_stale_staging(parent: Path, name: str) -> None:
    """The staging (``.partial-PID``) and replaced (``.old-PID``) folders of ``name`` that a
    killed ``train`` left behind: those of processes that are gone."""
    pattern = re.compile(rf"^\.{re.escape(name)}\.(partial|old)-([0-9]+)$")
    try:
        entries = list(parent.iterdir())
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        if match and not process_alive(int(match[2])) and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


def _publish(staging: Path, out: Path) -> None:
    """Move the finished staging folder to ``out`` (replacing an old one only now)."""
    out = out.resolve()
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    os.replace(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _stopped_message(signum: int | None, step: int) -> str:
    """ "stopped with Ctrl+C at step 25", or by the signal that stopped the run."""
    if signum is None or signum == signal.SIGINT:
        return tr("cli-output", "stopped with Ctrl+C at step {step}", step=step)
    return tr(
        "cli-output",
        "stopped by {signal} at step {step}",
        signal=signal.Signals(signum).name,
        step=step,
    )


def _english_message(snap: Snapshot, interrupted: int | bool | None = False) -> str:
    """How the run ended, in English whatever the user's language: summary.json is read by
    programs too. ``interrupted``: the signal that stopped it (True: Ctrl+C)."""
    with in_language("en"):
        if interrupted and snap.status == "stopped":
            return _stopped_message(None if interrupted is True else int(interrupted), snap.step)
        if snap.status in ("finished", "solved", "stopped", "diverged"):
            return end_message(snap.status, snap.step, snap.loss, snap.grad_norm)
    return snap.message


def write_run(
    trainer: Trainer, last: Snapshot, staging: Path, interrupted: int | bool | None = False
) -> dict:
    """config.json, weights.safetensors, history.csv and summary.json into ``staging``
    (its message in English, for the programs that read it)."""
    cfg = trainer.config
    summary = {
        "status": last.status,
        "message": _english_message(last, interrupted),
        "step": last.step,
        "elapsed_s": round(last.elapsed, 3),
        "steps_per_s": round(last.step / last.elapsed, 1) if last.elapsed > 0 else None,
        "train_loss": _json_float(trainer.last_loss),
        "heldout": {k: _json_float(v) for k, v in trainer.metrics.items()},
        "heldout_step": trainer.eval_step,
        "solved": trainer.solved,
    }
    (staging / "config.json").write_text(cfg.to_json(), "utf-8")
    save_safetensors(
        staging / "weights.safetensors",
        trainer.model.state_dict(),
        metadata={
            "format": "lstm-studio",
            "lstm_studio_version": __version__,
            "config": json.dumps(cfg.to_dict(), ensure_ascii=False),
            "model": json.dumps(trainer.model.config()),
            "step": str(last.step),
        },
    )
    (staging / "history.csv").write_text(trainer.history.to_csv(), "utf-8")
    (staging / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    save_trainer(staging / "run.lstmrun", trainer)
    return summary


def _json_float(v: float):
    return v if math.isfinite(v) else None


# ---------------------------------------------------------------- progress
def metric_name(key: str) -> str:
    """A metric's name for the user: its key (``sum_accuracy``, the column of
    history.csv) in English, its translated name in other languages."""
    if current_language() == "en":
        return key
    return translate("metrics", key.replace("_", " "))


class Progress:
    """One self-rewriting line on a terminal; a plain line every 10 % otherwise."""

    def __init__(self, stream, total: int, metric: str, quiet: bool) -> None:
        self.stream, self.total, self.metric, self.quiet = stream, total, metric, quiet
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.next_line = 0.1
        self.width = 0

    def update(self, snap: Snapshot) -> None:
        if self.quiet:
            return
        frac = min(snap.step / self.total, 1.0)
        rate = snap.steps_per_sec
        if snap.done and snap.elapsed > 0:
            rate = snap.step / snap.elapsed  # the whole run's rate, not the last stretch's
        bar = "#" * int(24 * frac) + "." * (24 - int(24 * frac))
        value = snap.metrics.get(self.metric, math.nan)
        line = tr(
            "cli-output",
            "step {step}/{total} [{bar}] {percent:3.0f}%  train loss {loss:.4g}  "
            "held-out {metric} {value:.4g}  {rate:,.0f} steps/s",
            step=f"{snap.step:>{len(str(self.total))}}",
            total=self.total,
            bar=bar,
            percent=100 * frac,
            loss=snap.loss,
            metric=metric_name(self.metric),
            value=value,
            rate=rate,
        )
        if snap.steps_per_sec > 0 and not snap.done:
            left = _duration((self.total - snap.step) / snap.steps_per_sec)
            line += "  " + tr("cli-output", "{time} left", time=left)
        if self.tty:
            width = display_width(line)
            pad = max(0, self.width - width)
            self.stream.write("\r" + line + " " * pad)
            self.width = width
            if snap.done:
                self.stream.write("\n")
        elif snap.done or frac >= self.next_line:
            self.stream.write(line + "\n")
            while self.next_line <= frac:
                self.next_line += 0.1
        self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


# ---------------------------------------------------------------- commands
def cmd_tasks(out=None) -> int:
    out = out or sys.stdout
    for k, cls in enumerate(TASKS.values()):
        if k:
            out.write("\n")
        out.write(cls.describe() + "\n")
    return 0


def cmd_train(args: argparse.Namespace, out=None, err=None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    prog = "lstm-studio train"
    try:
        config = config_from_args(args)
        given = getattr(args, "out", None)
        if given is not None and not given.strip():  # `--out "$DIR"` with DIR unset
            raise ValueError(
                tr(
                    "cli-output",
                    "--out is empty; name the folder for the run, such as {example}",
                    example=default_out(config),
                )
            )
        target = Path(given) if given else default_out(config)
        trainer = Trainer(config)
        staging = _prepare_out(target, args.overwrite)
    except ValueError as e:
        err.write(_error_line(prog, e) + "\n")
        return EXIT_USAGE
    try:
        return _train_into(trainer, staging, target, args, out, err)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone after a publish; else a failure's


def _train_into(trainer: Trainer, staging: Path, target: Path, args, out, err) -> int:
    c = trainer.config
    params = ", ".join(f"{k}={v}" for k, v in c.task_params.items())
    header = tr(
        "cli-output",
        "{task} | {cell} H={hidden} L={layers} | {optimizer} lr={lr:g} batch={batch} | "
        "{steps} steps, seed {seed}",
        task=f"{c.task} ({params})" if params else c.task,
        cell=tr("cli-output", "bidirectional {cell}", cell=c.cell) if c.bidirectional else c.cell,
        hidden=c.hidden_size,
        layers=c.num_layers,
        optimizer=c.optimizer,
        lr=c.lr,
        batch=c.batch_size,
        steps=c.steps,
        seed=c.seed,
    )
    progress = Progress(err, c.steps, trainer.task.primary_metric, args.quiet)
    control = Control()
    interrupted: int | None = None  # the signal that stopped the run

    def on_signal(signum, frame):  # the loop ends between two steps; a second signal
        nonlocal interrupted, out, err  # ends the step in hand (KeyboardInterrupt)
        if interrupted is None:
            interrupted = signum
        if hasattr(signal, "SIGHUP") and signum == signal.SIGHUP:
            # the terminal is gone: writing to it would fail before the run is saved
            out = err = progress.stream = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
        control.stop()
        _install_handlers(second_signal, STOP_SIGNALS)

    def second_signal(signum, frame):
        on_signal(signum, frame)
        raise KeyboardInterrupt

    previous = _install_handlers(on_signal, STOP_SIGNALS)
    last = None
    try:
        out.write(header + "\n")  # once a stop signal saves the run
        out.flush()
        for snap in trainer.run(control, probes=False):
            last = snap
            progress.update(snap)
    except KeyboardInterrupt:  # a second signal, or a run on a thread with no handler
        if interrupted is None:
            interrupted = signal.SIGINT
        last = trainer.end("stopped", end_message("stopped", trainer.step), False)
        if not args.quiet:
            err.write("\n")
    except BaseException:
        _restore_handlers(previous)
        raise
    if interrupted is not None and last.status == "stopped":
        last = dataclasses.replace(last, message=_stopped_message(interrupted, last.step))
    _install_handlers(_wait_for_the_files, STOP_SIGNALS)
    try:
        summary = write_run(trainer, last, staging, interrupted)
        _publish(staging, target)
    except OSError as e:
        line = tr(
            "cli-output",
            "{prog}: error: could not write the run to {target}: {why}",
            prog="lstm-studio train",
            target=target,
            why=os_reason(e),
        )
        err.write(line + "\n")
        return EXIT_USAGE
    finally:
        _restore_handlers(previous)
    metrics = "  ".join(f"{metric_name(k)} {v:.4g}" for k, v in trainer.metrics.items())
    if last.elapsed < 60:
        took = tr("cli-output", "{seconds:.2f} s", seconds=last.elapsed)
    else:
        took = _duration(last.elapsed)
    outcome = last.message or translate("status", last.status)
    if summary["steps_per_s"]:
        ended = tr(
            "cli-output",
            "{outcome} in {took} ({rate:,.0f} steps/s)",
            outcome=outcome,
            took=took,
            rate=summary["steps_per_s"],
        )
    else:
        ended = tr("cli-output", "{outcome} in {took}", outcome=outcome, took=took)
    task = trainer.task
    criterion = translate("tasks", task.solved_when)
    if getattr(task, "mode", "text") == "text" and hasattr(task, "target_bits"):
        criterion = tr(
            "cli-output", "held-out bits per character <= {bits:.3g}", bits=task.target_bits
        )
    if trainer.solved:
        solved = tr("cli-output", "solved: yes ({criterion})", criterion=criterion)
    else:
        solved = tr("cli-output", "solved: no ({criterion})", criterion=criterion)
    heldout = tr(
        "cli-output", "held-out at step {step}: {metrics}", step=trainer.eval_step, metrics=metrics
    )
    out.write(f"{ended}\n{heldout}\n{solved}\n")
    if getattr(task, "mode", "text") == "text" and hasattr(task, "generate"):
        sample = task.generate(trainer.model, "", 200, 0.8, seed=c.seed)
        writes = tr(
            "cli-output",
            "the model writes (temperature {temperature}):",
            temperature=FIELDS["temperature"].default,
        )
        out.write(f"{writes}\n{sample}\n")
    files = tr("cli-output", ", ").join(RUN_FILES)
    wrote = tr("cli-output", "wrote {folder}/: {files}", folder=target, files=files)
    out.write(wrote + "\n")
    if last.status == "diverged":
        out.write(divergence_advice(last.lr, last.clip) + "\n")
    if interrupted is not None:
        return 128 + int(interrupted)  # 130 for Ctrl+C, as a shell reports it
    return EXIT_DIVERGED if last.status == "diverged" else 0


def divergence_advice(lr: float, clip: float) -> str:
    """What to change after a run diverged, with the values it used (the window says the
    same in its Setup's words)."""
    if clip > 0:
        clipping = tr("cli-output", "lower the gradient clipping (--clip, now {clip:g})", clip=clip)
    else:
        clipping = tr("cli-output", "turn on gradient clipping (--clip, now off; try --clip 1)")
    return tr(
        "cli-output",
        "to avoid this: lower the learning rate (--lr, now {lr:g}) or {clipping}, then train again",
        lr=lr,
        clipping=clipping,
    )


def _install_handlers(handler, signums) -> dict:
    """Set ``handler`` for ``signums`` (only the main thread may); return the previous
    handlers, for ``_restore_handlers``."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    previous = {}
    for signum in signums:
        previous[signum] = signal.getsignal(signum)
        signal.signal(signum, handler)
    return previous


def _wait_for_the_files(signum, frame) -> None:
    """While the run's files are written a stop signal waits: they are what it would save."""


def _restore_handlers(previous: dict) -> None:
    for signum, handler in previous.items():
        if handler is not None:
            signal.signal(signum, handler)


def cmd_export(args: argparse.Namespace, out=None, err=None) -> int:
    """``lstm-studio export RUN --format F --out PATH``."""
    out = out or sys.stdout
    err = err or sys.stderr

    def fail(message) -> int:
        print(_error_line("lstm-studio export", message), file=err)
        return EXIT_USAGE

    source = Path(args.run)
    if source.is_dir():
        source = source / "run.lstmrun"
        if not source.exists():
            return fail(
                tr(
                    "cli-output",
                    "{run} has no run.lstmrun (a folder made by lstm-studio train holds one)",
                    run=args.run,
                )
            )
    if args.format == "png":
        from .ui.export import MAX_PNG_WIDTH

        if not 16 <= args.width <= MAX_PNG_WIDTH:  # before any folder is made
            return fail(
                tr(
                    "cli-output",
                    "--width must be 16 .. {most} pixels, got {width}",
                    most=MAX_PNG_WIDTH,
                    width=args.width,
                )
            )
    try:
        target = export_target(args.format, args.out, args.run)
    except ValueError as e:
        return fail(e)
    try:
        trainer = open_run(source)
    except RunFileError as e:
        return fail(e)
    try:
        written = _export(trainer, args.format, target, args.width)
    except OSError as e:
        where = e.filename or target
        return fail(tr("cli-output", "cannot write {path}: {why}", path=where, why=error_text(e)))
    except ValueError as e:
        return fail(e)
    for path in written:
        print(path, file=out)
    return 0


def export_target(fmt: str, out: str, run: str) -> Path:
    """The file (safetensors, npz, onnx, csv) or the folder (png, svg) that ``--out``
    names; ValueError when it is empty, a folder where a file is needed, or a file
    where a folder is needed (or in the path of one). The weights' suffix is added
    when missing: ``--out adder`` writes ``adder.onnx``."""
    name = Path(run).resolve()
    name = (name.with_suffix("") if name.suffix.lower() == ".lstmrun" else name).name or "run"
    pictures = fmt in ("png", "svg")
    example = {"csv": f"{name}-history.csv", "png": f"{name}-pictures", "svg": f"{name}-pictures"}
    example = example.get(fmt, f"{name}.{fmt}")
    if not out.strip():
        if pictures:
            raise ValueError(
                tr(
                    "cli-output",
                    "--out is empty; name the folder for the pictures, such as {example}",
                    example=example,
                )
            )
        raise ValueError(
            tr(
                "cli-output",
                "--out is empty; name the file to write, such as {example}",
                example=example,
            )
        )
    target = Path(out)
    if not pictures:
        tail = out.replace(os.sep, "/").rsplit("/", 1)[-1]
        names_folder = tail in ("", ".", "..")  # "runs/", "." and ".." (Path drops the /.)
        if not names_folder and fmt != "csv" and target.suffix.lower() != "." + fmt:
            target = target.with_name(target.name + "." + fmt)
        if names_folder or target.is_dir():
            raise ValueError(
                tr(
                    "cli-output",
                    "--out {out} names a folder; the {format} export writes one file: "
                    "name the file, such as {example}",
                    out=out if names_folder else target,
                    format=fmt,
                    example=(Path(out) if names_folder else target) / example,
                )
            )
    for up in [target, *target.parents]:
        if up.exists() and not up.is_dir():
            if up == target and pictures:
                raise ValueError(
                    tr(
                        "cli-output",
                        "--out {out} is a file; the {format} export writes a picture of "
                        "every panel into a folder: name a folder, or a name that does "
                        "not exist yet",
                        out=target,
                        format=fmt,
                    )
                )
            if up != target:
                raise ValueError(
                    tr("cli-output", "--out {out}: {up} is a file, not a folder", out=target, up=up)
                )
    return target


def _export(trainer: Trainer, fmt: str, target: Path, width: int) -> list[Path]:
    """Write ``target`` (``export_target``'s) in ``fmt``; the files written."""
    from .io.atomic import write_text_atomic
    from .io.weights import save_weights

    if fmt in ("safetensors", "npz", "onnx"):
        save_weights(target, trainer.model.state_dict(), trainer.config, trainer.model)
        return [target]
    if fmt == "csv":
        write_text_atomic(target, trainer.history.to_csv())
        return [target]
    return _export_pictures(trainer, fmt, target, width)


def _export_pictures(trainer: Trainer, fmt: str, folder: Path, width: int) -> list[Path]:
    """Every panel of the window, drawn offscreen from the run, into ``folder``."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from .ui.export import export_image
    from .ui.main_window import PANEL_CLASSES

    def quiet(mode, context, message: str) -> None:
        # the offscreen platform's "This plugin does not support propagateSizeHints()",
        # once per panel shown: English noise for the user, and nothing is wrong
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(quiet)
    try:
        app = QApplication.instance() or QApplication([])
        snap = trainer.snapshot(full_history=True)  # the panels draw the whole history
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for cls in PANEL_CLASSES:
            panel = cls()
            panel.resize(900, 600)
            panel.reset(trainer.task, trainer.config)
            panel.on_snapshot(snap)
            panel.show()
            app.processEvents()
            path = folder / f"{cls.object_name}.{fmt}"
            try:
                export_image(panel, path, width if fmt == "png" else None)
            finally:
                panel.close()
                panel.deleteLater()
            written.append(path)
        app.processEvents()
    finally:
        qInstallMessageHandler(previous)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; ``argv`` excludes the program name."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # report it where the options are explained
        sub = {
            "tasks": parser.tasks_parser,
            "train": parser.train_parser,
            "export": parser.export_parser,
        }.get(args.command, parser)
        sub.error(translate("argparse", "unrecognized arguments: %s") % " ".join(extra))
    try:
        if args.command == "tasks":
            return cmd_tasks()
        if args.command == "train":
            return cmd_train(args)
        if args.command == "export":
            return cmd_export(args)
        parser.print_help()
        return 0
    except BrokenPipeError:  # `lstm-studio tasks | head`: the reader left, nothing is wrong
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except MemoryError:  # what the size checks did not foresee: a sentence, not a traceback
        print(
            tr(
                "cli-output",
                "lstm-studio {command}: there is not enough memory for this; use smaller "
                "sizes (hidden units, layers, batch) or a smaller file, or close other programs",
                command=args.command,
            ),
            file=sys.stderr,
        )
        return EXIT_NO_MEMORY
    except Exception:  # a bug: not "diverged" (1) nor "bad input" (2)
        traceback.print_exc(file=sys.stderr)
        line = tr(
            "cli-output",
            "lstm-studio: internal error (exit code {code}); the traceback above says where",
            code=EXIT_CRASH,
        )
        print(line, file=sys.stderr)
        return EXIT_CRASH


__all__ = ["build_parser", "config_from_args", "main", "write_run"]
