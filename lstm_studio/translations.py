"""Translations for the parts without Qt (error messages of the files, the data, the
settings and the races; the command line), read straight from the window's Qt Linguist
file, ``resources/i18n/lstm_studio_<language>.ts``: one catalogue for both, no compiled
step, no Qt.

A message is written where it is raised, in English, with named fields::

    raise RunFileError(tr("runs", "{name}: cannot be read ({why})", name=name, why=why))
    tr_n("datafiles", n, "{n} data row", "{n} data rows", n=n)

``tr`` looks the template up under its context, then fills the fields
(``str.format``): the translation can reorder them. ``tr_n`` picks the English singular
or plural first (Chinese has one form for both). ``scripts/i18n.py`` finds every such call
with literal context and template and adds it to the catalogue; a test checks they are
all translated and keep their fields.

The language: the one the window chose (``set_language``; the training process gets it
through ``LSTM_STUDIO_LANG``), else ``LSTM_STUDIO_LANG``, else the locale variables
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``): ``zh*`` gives Simplified Chinese.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import functools
import os
import unicodedata
import xml.etree.ElementTree as ET

from .paths import RESOURCES


def language_from_env(env=None) -> str:
    env = os.environ if env is None else env
    for name in ("LSTM_STUDIO_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


@functools.lru_cache(maxsize=4)
def catalogue(language: str) -> dict[tuple[str, str], str]:
    """``{(context, source): translation}`` of the finished messages; empty for English
    or when the file is missing or damaged (the source text is shown then)."""
    if language == "en":
        return {}
    try:
        root = ET.parse(RESOURCES / "i18n" / f"lstm_studio_{language}.ts").getroot()
    except (OSError, ET.ParseError):
        return {}
    table = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and not translation.get("type") and translation.text:
                table[(name, message.findtext("source") or "")] = translation.text
    return table


_chosen: list[str | None] = [None]
#: ``in_language``'s override, for this thread (or task) only
_override: contextvars.ContextVar[str | None] = contextvars.ContextVar("language", default=None)


def set_language(language: str | None) -> None:
    """The language of this process's messages from now on (None: from the environment)."""
    _chosen[0] = language


def current_language() -> str:
    return _override.get() or _chosen[0] or language_from_env()


@contextlib.contextmanager
def in_language(language: str):
    """Messages in ``language`` inside the block, in this thread only (text for programs,
    not people, is English: ``summary.json``)."""
    token = _override.set(language)
    try:
        yield
    finally:
        _override.reset(token)


def translate(context: str, text: str, language: str | None = None) -> str:
    language = language or current_language()
    return catalogue(language).get((context, text), text)


def tr(context: str, template: str, /, **fields) -> str:
    """``template`` in the current language with ``fields`` filled in.

    A translation whose fields don't match the template (a damaged catalogue) falls
    back to the English template rather than hide the message behind a KeyError.
    """
    text = translate(context, template)
    try:
        return text.format(**fields)
    except Exception:  # any damage in a translation: the English
        return template.format(**fields)


def tr_n(context: str, n: int, one: str, many: str, /, **fields) -> str:
    """``tr`` of ``one`` when ``n == 1``, else of ``many``."""
    return tr(context, one if n == 1 else many, **fields)


def not_one_of(name: str, value, choices) -> str:
    """The message for a ``value`` of ``name`` (a setting, a task, a corpus...) that is
    none of ``choices``, in the current language."""
    return tr(
        "choices",
        "{name} must be one of {choices}; got {value!r}",
        name=name,
        choices=", ".join(choices),
        value=value,
    )


def os_reason(e: OSError) -> str:
    """Why an OS call failed, in the current language (the system's own text, usually
    English, for the rarer errors)."""
    reasons = {
        errno.ENOENT: tr("os", "no such file or folder"),
        errno.EACCES: tr("os", "permission denied"),
        errno.EPERM: tr("os", "operation not permitted"),
        errno.EISDIR: tr("os", "it is a folder"),
        errno.ENOTDIR: tr("os", "a part of the path is not a folder"),
        errno.ENOSPC: tr("os", "the disk is full"),
        errno.EROFS: tr("os", "the disk is read-only"),
        errno.ENAMETOOLONG: tr("os", "the name is too long"),
        errno.EIO: tr("os", "a read or write error of the disk"),
        errno.EEXIST: tr("os", "a file of that name is in the way"),
    }
    return reasons.get(e.errno) or e.strerror or str(e)


def error_text(e: BaseException) -> str:
    """An exception as a user reads it: ``os_reason`` for the system's own OSError (its
    text is English, and the caller names the file), the message otherwise (ours, such
    as ``io.atomic``'s ``OSError(errno, message)``, already in the user's language)."""
    if isinstance(e, OSError) and e.errno is not None:
        if e.strerror and e.strerror != os.strerror(e.errno):
            return e.strerror
        return os_reason(e)
    return str(e)


def is_wide(char: str) -> bool:
    """Does ``char`` fill two columns of a terminal (a Chinese character does)?"""
    return unicodedata.east_asian_width(char) in "WF"


def display_width(text: str) -> int:
    """The terminal columns ``text`` takes."""
    return sum(2 if is_wide(ch) else 1 for ch in text)


def json_problem(e) -> str:
    """A ``json.JSONDecodeError`` for a user: what is wrong (the json module's English
    reason, translated for the common ones) and where."""
    reasons = {
        "Expecting value": tr("json", "Expecting value"),
        "Expecting property name enclosed in double quotes": tr(
            "json", "Expecting property name enclosed in double quotes"
        ),
        "Expecting ',' delimiter": tr("json", "Expecting ',' delimiter"),
        "Expecting ':' delimiter": tr("json", "Expecting ':' delimiter"),
        "Extra data": tr("json", "Extra data"),
        "Unterminated string starting at": tr("json", "Unterminated string"),
        "Invalid control character at": tr("json", "Invalid control character"),
        "Invalid \\escape": tr("json", "Invalid \\escape"),
        "Invalid \\uXXXX escape": tr("json", "Invalid \\uXXXX escape"),
    }
    reason = next((text for english, text in reasons.items() if e.msg.startswith(english)), e.msg)
    return tr(
        "json",
        "{reason} (line {line}, column {column})",
        reason=reason,
        line=e.lineno,
        column=e.colno,
    )


#: Chinese punctuation that must not begin a line, and that must not end one
_NO_LINE_START = "，。、；：？！）》」』”’"
_NO_LINE_END = "（《「『“‘"


def wrap_columns(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns: a Chinese character takes
    two and may end a line anywhere, a run of other characters is kept whole."""
    tokens = []
    for ch in " ".join(text.split()):
        if is_wide(ch) or ch == " " or not tokens or is_wide(tokens[-1][-1]) or tokens[-1] == " ":
            tokens.append(ch)
        else:
            tokens[-1] += ch
    lines, line = [], ""
    for token in tokens:
        if token == " ":
            line += " " if line else ""
            continue
        fits = display_width(line + token) <= width
        if fits or not line.strip() or token in _NO_LINE_START:
            line += token
        else:
            carry = line[-1] if line[-1] in _NO_LINE_END else ""
            lines.append(line[: len(line) - len(carry)].rstrip())
            line = carry + token
    return [*lines, line.rstrip()] if line.strip() else lines
