"""Translations for the parts without Qt (the command line's help), read straight from
the window's Qt Linguist file, ``resources/i18n/lstm_studio_<language>.ts``: one
catalogue for both, no compiled step, no Qt.

The language: ``LSTM_STUDIO_LANG`` if set, else the locale variables (``LANGUAGE``,
``LC_ALL``, ``LC_MESSAGES``, ``LANG``): ``zh*`` gives Simplified Chinese.
"""

from __future__ import annotations

import functools
import os
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


def translate(context: str, text: str, language: str | None = None) -> str:
    language = language or language_from_env()
    return catalogue(language).get((context, text), text)
