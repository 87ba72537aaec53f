"""The messages of the Qt-free layers (files, own data, settings, races, the command
line) speak the window's language: every one goes through ``translations.tr``, is in the
catalogue, and a Chinese message has no English left."""

import ast
import importlib.util
from pathlib import Path

import pytest
from english_words import english_words

from lstm_studio import translations
from lstm_studio.io.runs import RunFileError, open_run

REPO = Path(__file__).resolve().parents[1]
#: the modules whose messages a user of the window or the command line can meet
USER_FACING = [
    "lstm_studio/io/atomic.py",
    "lstm_studio/io/npz.py",
    "lstm_studio/io/onnx_export.py",
    "lstm_studio/io/runs.py",
    "lstm_studio/io/safetensors.py",
    "lstm_studio/io/weights.py",
    "lstm_studio/paths.py",
    "lstm_studio/tasks/base.py",
    "lstm_studio/tasks/datafiles.py",
    "lstm_studio/tasks/own_data.py",
    "lstm_studio/tasks/synthetic.py",
    "lstm_studio/tasks/text.py",
    "lstm_studio/training/commands.py",
    "lstm_studio/training/compare.py",
    "lstm_studio/training/config.py",
    "lstm_studio/training/loop.py",
]


def _script():
    spec = importlib.util.spec_from_file_location("i18n_script", REPO / "scripts" / "i18n.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def _is_text(node: ast.AST) -> bool:
    """A literal, an f-string, or a sum or %-format with one."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return False


def test_every_message_of_the_user_facing_modules_is_translatable():
    english = []
    for name in USER_FACING:
        tree = ast.parse((REPO / name).read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                if node.exc.args and _is_text(node.exc.args[0]):
                    english.append(f"{name}:{node.lineno}")
    assert not english, f"raised with English text instead of tr(...): {english}"


def test_every_tr_call_names_its_context_and_template_literally():
    calls = _script().message_calls()
    assert len(calls) > 10
    assert not [where for context, _, where in calls if not context]


def test_a_translation_with_wrong_fields_falls_back_to_english(monkeypatch):
    table = {("runs", "{name}: cannot be read ({why})"): "{nom}：无法读取（{why}）"}
    monkeypatch.setattr(translations, "catalogue", lambda language: table)
    text = translations.tr("runs", "{name}: cannot be read ({why})", name="a", why="b")
    assert text == "a: cannot be read (b)"


def test_tr_n_picks_singular_or_plural():
    one = translations.tr_n("x", 1, "{n} row", "{n} rows", n=1)
    many = translations.tr_n("x", 3, "{n} row", "{n} rows", n=3)
    assert (one, many) == ("1 row", "3 rows")


def _run_file_message(path: Path) -> str:
    with pytest.raises(RunFileError) as e:
        open_run(path)
    return str(e.value)


def test_run_file_errors_speak_chinese(tmp_path, chinese_messages):
    junk = tmp_path / "junk.lstmrun"
    junk.write_text("hello, this is not a run", "utf-8")
    messages = [_run_file_message(junk), _run_file_message(tmp_path / "missing.lstmrun")]
    assert "junk.lstmrun" in messages[0] and "missing.lstmrun" in messages[1]
    for text in messages:
        assert not english_words(text.replace(str(tmp_path), "")), text
    translations.set_language("en")
    assert "is not an LSTM Studio run file" in _run_file_message(junk)
