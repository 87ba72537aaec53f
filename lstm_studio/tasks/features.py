"""Simple features of a text, one number per character, to look for units that track them
(Karpathy, Johnson and Fei-Fei, "Visualizing and Understanding Recurrent Networks": a
cell that is on inside quotes, one that counts along the line).

    feats = text_features('He said "yes".\\n', "english")
    feats["quotes"]        # (T,) 1.0 from the opening " to the character before the closing one
    feature_name("quotes") # "inside quotes", in the user's language

Every feature at step t describes the text *as read up to and including character t*,
which is what a unit's value at t can know: ``after_space[t]`` is 1 when character t is a
space, ``quotes[t]`` is 1 once an opening quotation mark has been read and its closing
one has not. The first character of the text counts as the start of a line (the network
starts from a zero state there). The values are float64 arrays ``(T,)``; a feature that is
the same at every character of a text (no quotes in the Sonnets) has no correlation with
anything, and the caller says so.

Only NumPy is imported here.
"""

from __future__ import annotations

import unicodedata

import numpy as np

from ..translations import tr

ENGLISH, CHINESE = "english", "chinese"
LANGUAGES = (ENGLISH, CHINESE)
#: the language of each shipped corpus (``text.CORPORA``); an own text's is guessed
CORPUS_LANGUAGE = {"english": ENGLISH, "chinese": CHINESE}

#: the keys of each language's features, in the order they are listed
FEATURES = {
    ENGLISH: (
        "quotes",
        "brackets",
        "line_position",
        "word_position",
        "after_space",
        "vowel",
        "punctuation",
    ),
    CHINESE: (
        "verse_position",
        "after_comma",
        "after_full_stop",
        "couplet_second",
        "punctuation",
        "quotes",
        "brackets",
    ),
}
#: a feature that is 0 or 1 at every character (the others count characters)
BINARY = frozenset(
    {
        "quotes",
        "brackets",
        "after_space",
        "vowel",
        "punctuation",
        "after_comma",
        "after_full_stop",
        "couplet_second",
    }
)
#: the features that depend on more than the character just read: a unit must remember
#: something to follow one (the others can be read straight off the input)
NEEDS_MEMORY = frozenset(
    {"quotes", "brackets", "line_position", "word_position", "verse_position", "couplet_second"}
)

OPEN_QUOTES = "“「『"
CLOSE_QUOTES = "”」』"
TOGGLE_QUOTES = '"'  # the same mark opens and closes
OPEN_BRACKETS = "([{（【《〈［｛"
CLOSE_BRACKETS = ")]}）】》〉］｝"
VOWELS = frozenset("aeiouAEIOU")
#: where a line of classical verse ends: its punctuation, or a line break
VERSE_ENDS = frozenset("，。？！；：、,.?!;:\n")
LINE_BREAKS = frozenset("\n\r")


def is_chinese(char: str) -> bool:
    """A CJK ideograph (the Unified block and its first extension)."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def text_language(text: str) -> str:
    """``"chinese"`` when at least a third of the text's non-space characters are Chinese
    characters, else ``"english"`` (the features of a language written with spaces
    between words: the only other choice there is)."""
    letters = [c for c in text if not c.isspace()]
    if not letters:
        return ENGLISH
    chinese = sum(is_chinese(c) for c in letters)
    return CHINESE if 3 * chinese >= len(letters) else ENGLISH


def _since(text: str, resets: frozenset[str]) -> np.ndarray:
    """``(T,)`` characters read since the last one of ``resets`` (which gives 0); the
    text's first character gives 1, as if one of them came before it."""
    out = np.empty(len(text))  # (T,)
    n = 0
    for t, c in enumerate(text):
        n = 0 if c in resets else n + 1
        out[t] = n
    return out


def _inside_quotes(text: str) -> np.ndarray:
    out = np.zeros(len(text))  # (T,)
    inside = False
    for t, c in enumerate(text):
        if c in OPEN_QUOTES:
            inside = True
        elif c in CLOSE_QUOTES:
            inside = False
        elif c in TOGGLE_QUOTES:
            inside = not inside
        out[t] = inside
    return out


def _inside_brackets(text: str) -> np.ndarray:
    out = np.zeros(len(text))  # (T,)
    depth = 0
    for t, c in enumerate(text):
        if c in OPEN_BRACKETS:
            depth += 1
        elif c in CLOSE_BRACKETS:
            depth = max(depth - 1, 0)  # an unmatched closing bracket closes nothing
        out[t] = depth > 0
    return out


def _couplet_second(text: str) -> np.ndarray:
    """1 after a ， until the next 。 (or line break): the second line of a couplet."""
    out = np.zeros(len(text))  # (T,)
    inside = False
    for t, c in enumerate(text):
        if c == "，":
            inside = True
        elif c == "。" or c in LINE_BREAKS:
            inside = False
        out[t] = inside
    return out


def _is(text: str, test) -> np.ndarray:
    return np.fromiter((bool(test(c)) for c in text), float, len(text))  # (T,)


def feature_values(text: str, key: str) -> np.ndarray:
    """The feature ``key`` (one of ``FEATURES``' keys) of ``text``: ``(T,)`` float64."""
    if key == "quotes":
        return _inside_quotes(text)
    if key == "brackets":
        return _inside_brackets(text)
    if key == "line_position":
        return _since(text, LINE_BREAKS)
    if key == "word_position":
        return _since(text, frozenset(c for c in set(text) if c.isspace()))
    if key == "after_space":
        return _is(text, lambda c: c == " ")
    if key == "vowel":
        return _is(text, lambda c: c in VOWELS)
    if key == "punctuation":
        return _is(text, lambda c: unicodedata.category(c).startswith("P"))
    if key == "verse_position":
        return _since(text, VERSE_ENDS)
    if key == "after_comma":
        return _is(text, lambda c: c == "，")
    if key == "after_full_stop":
        return _is(text, lambda c: c == "。")
    if key == "couplet_second":
        return _couplet_second(text)
    raise ValueError(f"no text feature {key!r}")


def text_features(text: str, language: str | None = None) -> dict[str, np.ndarray]:
    """Every feature of ``language`` (``"english"``, ``"chinese"``; None: the text's own,
    ``text_language``) over ``text``: ``{key: (T,) float64}``, in ``FEATURES``' order."""
    language = language or text_language(text)
    if language not in FEATURES:
        raise ValueError(f"no text features for the language {language!r}")
    return {key: feature_values(text, key) for key in FEATURES[language]}


def feature_name(key: str) -> str:
    """A feature's short name, in the user's language."""
    names = {
        "quotes": tr("features", "inside quotes"),
        "brackets": tr("features", "inside brackets"),
        "line_position": tr("features", "position in the line"),
        "word_position": tr("features", "position in the word"),
        "after_space": tr("features", "after a space"),
        "vowel": tr("features", "vowel"),
        "punctuation": tr("features", "punctuation"),
        "verse_position": tr("features", "position in the line of verse"),
        "after_comma": tr("features", "after ，"),
        "after_full_stop": tr("features", "after 。"),
        "couplet_second": tr("features", "between ， and 。"),
    }
    return names.get(key, key)


def feature_description(key: str) -> str:
    """What a feature's value at character t is, exactly, in the user's language."""
    texts = {
        "quotes": tr(
            "features",
            '1 from an opening quotation mark (" “ 「 『) up to the character before its '
            "closing one, else 0",
        ),
        "brackets": tr(
            "features",
            "1 from an opening bracket — ( [ {{ （ 【 《 — up to the character before its "
            "closing one, else 0",
        ),
        "line_position": tr(
            "features",
            "how many characters have been read since the last line break (the break itself: 0)",
        ),
        "word_position": tr(
            "features",
            "how many characters have been read since the last space or line break",
        ),
        "after_space": tr(
            "features", "1 when the character just read is a space (a word begins next)"
        ),
        "vowel": tr("features", "1 when the character just read is a, e, i, o or u (either case)"),
        "punctuation": tr("features", "1 when the character just read is a punctuation mark"),
        "verse_position": tr(
            "features",
            "how many characters have been read since the last punctuation mark or line "
            "break: 1 to 5 or 7 along a line of classical verse",
        ),
        "after_comma": tr("features", "1 when the character just read is ，"),
        "after_full_stop": tr("features", "1 when the character just read is 。"),
        "couplet_second": tr(
            "features",
            "1 after a ， until the next 。 or line break: the second line of a couplet",
        ),
    }
    return texts.get(key, "")
