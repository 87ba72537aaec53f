"""Two languages: English (the source) and Simplified Chinese (``resources/i18n``).

The window's strings go through Qt's translation workflow: ``tr()`` and
``QT_TRANSLATE_NOOP`` in the code, ``resources/i18n/lstm_studio_zh_CN.ts`` (edit it
with Qt Linguist; ``python scripts/i18n.py`` refreshes it from the code) compiled to
``.qm``, plus Qt's own ``qtbase_zh_CN.qm`` for the standard dialogs. The texts of the
Qt-free layers (tasks, metrics, the cell registry) are translated where the window shows
them, under the contexts ``tasks``, ``metrics`` and ``cells``.

The language follows the system locale (``zh_*`` gives Chinese) until the user picks
one (View > Language); the choice is kept in the settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics

from lstm_studio import translations
from lstm_studio.paths import resource

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
SETTING = "language"  # "system", "en" or "zh_CN"
CJK_SAMPLE = "遗忘门输入门输出门"
CJK_FONT_HELP = (
    "No Chinese font was found, so Chinese text shows as boxes. On Debian or Ubuntu: "
    "sudo apt-get install fonts-noto-cjk (or fonts-wqy-microhei); on other systems, "
    "install any font with Simplified Chinese."
)

_installed: list[QTranslator] = []
_current = ["en"]


def chosen_language_now() -> str:
    """The language installed now."""
    return _current[0]


def tr_task(text: str) -> str:
    """A task's title, description, criterion or parameter help, in the current language."""
    return QCoreApplication.translate("tasks", text) if text else text


def tr_cell(text: str) -> str:
    """A cell's name, description, equation note or quantity title from the engine's
    cell registry, in the current language."""
    return QCoreApplication.translate("cells", text) if text else text


def tr_metric(key: str) -> str:
    """A metric's name (``sum_accuracy`` -> "sum accuracy" or its translation)."""
    return QCoreApplication.translate("metrics", key.replace("_", " "))


STATUSES = {
    "running": QT_TRANSLATE_NOOP("status", "running"),
    "paused": QT_TRANSLATE_NOOP("status", "paused"),
    "finished": QT_TRANSLATE_NOOP("status", "finished"),
    "solved": QT_TRANSLATE_NOOP("status", "solved"),
    "stopped": QT_TRANSLATE_NOOP("status", "stopped"),
    "diverged": QT_TRANSLATE_NOOP("status", "diverged"),
}


def tr_status(status: str) -> str:
    """A run's status (``Snapshot.status``) in the current language."""
    return QCoreApplication.translate("status", STATUSES.get(status, status))


def chosen_language(settings: QSettings) -> str:
    """The language to show: the saved choice, else ``LSTM_STUDIO_LANG`` (as for the
    command line), else the system's (``zh_*`` -> Chinese)."""
    value = settings.value(SETTING, "system")
    if value in LANGUAGES:
        return value
    if os.environ.get("LSTM_STUDIO_LANG"):
        return translations.language_from_env()
    return "zh_CN" if QLocale.system().name().startswith("zh") else "en"


def install(language: str) -> bool:
    """Load ``language``'s translations into the application (English: none); True when
    every file was found."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current[0] = language
    translations.set_language(language)  # the Qt-free layers' messages, the child process's
    if language == "en":
        return True
    ok = True
    ours = QTranslator()
    try:
        ok = ours.load(str(qm_path(language)))
    except FileNotFoundError:
        ok = False
    if ok:
        _installed.append(ours)
    qt = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", folder):
        _installed.append(qt)
    for translator in _installed:
        app.installTranslator(translator)
    return ok


def has_cjk_font() -> bool:
    """Is there a font that draws Simplified Chinese (not boxes)?"""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return True
    metrics = QFontMetrics(QFont())
    return all(metrics.inFontUcs4(ord(ch)) for ch in CJK_SAMPLE)


def qm_path(language: str) -> Path:
    return Path(resource("i18n", f"lstm_studio_{language}.qm"))
