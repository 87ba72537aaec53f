"""Keep the translations in step with the code: ``python scripts/i18n.py``.

1. ``pyside6-lupdate`` collects every ``tr()``/``translate()``/``QT_TRANSLATE_NOOP``
   string of ``lstm_studio/ui`` into ``resources/i18n/lstm_studio_zh_CN.ts`` (Qt
   Linguist's format; existing translations are kept, new strings are marked
   unfinished).
2. The texts of the Qt-free layers, which lupdate cannot see, are added under their
   own contexts: ``tasks`` (titles, descriptions, parameter help, criteria), ``cells``
   (the cell registry's names, summaries, notes and the titles and descriptions of
   each quantity),
   ``metrics`` (metric names), ``cli`` (the command line's help), ``argparse``, and
   every ``tr(context, template)`` / ``tr_n(context, n, one, many)`` call of
   ``lstm_studio.translations`` (found in the source, so the context and the
   templates must be literal strings).
3. ``--merge FILE.json`` fills translations from ``{context: {source: translation}}``.
4. ``pyside6-lrelease`` compiles the ``.ts`` into the ``.qm`` the app loads.

``--check`` only reports strings without a translation (exit 1 if there are any).
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# the sources are the English texts: the command line's help is read from a parser built
# in the environment's language
os.environ["LSTM_STUDIO_LANG"] = "en"

TS = ROOT / "resources" / "i18n" / "lstm_studio_zh_CN.ts"
QM = TS.with_suffix(".qm")
#: every metric key a task reports (tests/test_i18n.py checks the list is complete)
METRICS = (
    "loss",
    "accuracy",
    "bit_accuracy",
    "sum_accuracy",
    "symbol_accuracy",
    "sequence_accuracy",
    "rmse",
    "max_error",
    "mean_abs_error",
    "r2",
    "persistence_r2",
    "bits_per_char",
)


def _task_examples():
    """One task of each kind, built (a probe's fields depend on the task's parameters):
    every task with its defaults, and your own data as a CSV and as a text file."""
    import tempfile

    from lstm_studio.tasks import TASKS, make_task

    tasks = [make_task(name) for name in TASKS if name != "own-data"]
    with tempfile.TemporaryDirectory() as folder:
        csv, text = Path(folder) / "rows.csv", Path(folder) / "text.txt"
        csv.write_text("a\n" + "\n".join(str(k % 7) for k in range(200)) + "\n")
        text.write_text("hello world. " * 60)
        tasks += [make_task("own-data", path=str(csv)), make_task("own-data", path=str(text))]
    return tasks


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def qt_free_texts() -> dict[str, list[str]]:
    """Source strings of the layers without Qt, by context."""
    from lstm_studio.cli import (
        ARGPARSE_TEXTS,
        DESCRIPTION,
        EXPORT_EPILOG,
        TRAIN_EPILOG,
        build_parser,
    )
    from lstm_studio.engine import CELLS, cell_spec
    from lstm_studio.tasks import TASKS

    out: dict[str, list[str]] = {"tasks": [], "metrics": [], "cli": [], "cells": []}
    for name in CELLS:
        spec = cell_spec(name)
        out["cells"] += [spec.title, spec.label, spec.summary, spec.short]
        out["cells"] += list(spec.notes)
        out["cells"] += [t for q in spec.quantities for t in (q.title, q.description) if t]
        out["cells"] += [q.description for q in spec.backward if q.description]
    for cls in TASKS.values():
        for attr in ("title", "description", "input_kind", "output_kind", "scored", "solved_when"):
            if getattr(cls, attr, ""):
                out["tasks"].append(getattr(cls, attr))
        out["tasks"] += [p.help for p in cls.params]
        out["tasks"] += [p.name.replace("_", " ") for p in cls.params]
        out["tasks"] += [c for p in cls.params for c in (p.choices or ())]
    out["tasks"] += [p.help for task in _task_examples() for p in task.probe_params()]
    out["metrics"] += [name.replace("_", " ") for name in METRICS]
    parser = build_parser()
    out["cli"] += [DESCRIPTION, TRAIN_EPILOG, EXPORT_EPILOG]
    for sub in (parser, parser.train_parser, parser.export_parser):
        if sub.description:
            out["cli"].append(sub.description)
        for action in sub._actions:
            if action.help and action.help != argparse.SUPPRESS:
                out["cli"].append(action.help)
            for choice in getattr(action, "_choices_actions", []):
                if choice.help:
                    out["cli"].append(choice.help)
    out["argparse"] = list(ARGPARSE_TEXTS)
    for context, template, _where in message_calls():
        if context:
            out.setdefault(context, []).append(template)
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


def message_calls(folder: Path | None = None) -> list[tuple[str, str, str]]:
    """``(context, template, "file:line")`` of every call of ``lstm_studio.translations``'
    ``tr``/``tr_n``, under whatever name a module imported them (the UI imports them as
    ``plain_tr``: lupdate would take a call named ``tr`` for Qt's).

    A call whose context or template is not a literal string is reported as
    ``("", "", "file:line")``: the catalogue could not hold it.
    """
    folder = folder or ROOT / "lstm_studio"
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        own = path.name == "translations.py"  # its os_reason's texts; tr_n calls tr
        names = {"tr": "tr"} if own else {}  # the local name of tr / tr_n -> which one
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("translations"):
                for alias in node.names:
                    if alias.name in ("tr", "tr_n"):
                        names[alias.asname or alias.name] = alias.name
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            name = names.get(node.func.id)
            if name is None:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            texts = node.args[:1] + (node.args[2:4] if name == "tr_n" else node.args[1:2])
            if len(texts) != (3 if name == "tr_n" else 2) or not all(
                isinstance(t, ast.Constant) and isinstance(t.value, str) for t in texts
            ):
                if not own:
                    found.append(("", "", where))
                continue
            found += [(texts[0].value, t.value, where) for t in texts[1:]]
    return found


def add_messages(root: ET.Element, texts: dict[str, list[str]]) -> int:
    added = 0
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    for name, sources in texts.items():
        context = contexts.get(name)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
            contexts[name] = context
        have = {m.findtext("source") for m in context.iter("message")}
        wanted = set(sources)
        for message in list(context.iter("message")):  # texts that left the code
            if message.findtext("source") not in wanted:
                message.find("translation").set("type", "vanished")
        for source in sources:
            if source in have:
                continue
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation").set("type", "unfinished")
            added += 1
    return added


def merge(root: ET.Element, translations: dict[str, dict[str, str]]) -> int:
    filled = 0
    for context in root.iter("context"):
        table = translations.get(context.findtext("name"), {})
        for message in context.iter("message"):
            text = table.get(message.findtext("source"))
            if text:
                translation = message.find("translation")
                translation.text = text
                translation.attrib.pop("type", None)
                filled += 1
    return filled


def translations_in(path: Path) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and not translation.get("type") and translation.text:
                name = context.findtext("name")
                out.setdefault(name, {})[message.findtext("source")] = translation.text
    return out


def unfinished(root: ET.Element) -> list[tuple[str, str]]:
    return [
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        for message in context.iter("message")
        if message.find("translation").get("type") == "unfinished"
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--merge", metavar="FILE.json", action="append", default=[])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    if args.check:
        missing = unfinished(ET.parse(TS).getroot())
        for context, source in missing:
            print(f"{context}: {source[:70]!r}")
        print(f"{len(missing)} strings without a translation")
        return 1 if missing else 0
    TS.parent.mkdir(parents=True, exist_ok=True)
    # lupdate drops the contexts it cannot see in the code (tasks, metrics, cli): keep
    # every translation made so far, to put back after it
    previous = translations_in(TS) if TS.exists() else {}
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "lstm_studio" / "ui").rglob("*.py"))
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", *sources, "-ts", str(TS)],
        check=True,
        cwd=ROOT,
    )
    tree = ET.parse(TS)
    root = tree.getroot()
    added = add_messages(root, qt_free_texts())
    merge(root, previous)
    filled = 0
    for path in args.merge:
        filled += merge(root, json.loads(Path(path).read_text("utf-8")))
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    # compiled beside it, then renamed over it: a running app maps the .qm it loaded, and
    # rewriting that file in place turns its window half English
    fresh = QM.with_name(QM.name + ".new")
    subprocess.run([tool("pyside6-lrelease"), str(TS), "-qm", str(fresh)], check=True, cwd=ROOT)
    os.replace(fresh, QM)
    print(
        f"{TS.relative_to(ROOT)}: {added} Qt-free strings new, {filled} translations merged, "
        f"{len(unfinished(root))} unfinished"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
