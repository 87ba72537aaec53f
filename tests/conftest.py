"""Test-wide setup.

Qt reads QT_QPA_PLATFORM when the QApplication is created, and pytest-qt creates it as soon
as a test asks for ``qtbot``; setting it here, before any test module imports Qt, keeps the
whole suite off the display. ``setdefault`` lets a developer run it on a real screen with
``QT_QPA_PLATFORM=xcb``.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# QSettings (window layout, last config) go to a throwaway folder, never the developer's own
import tempfile  # noqa: E402

os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="lstm-studio-test-config-")
# and so do the autosave and its lock (QStandardPaths' data folder)
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="lstm-studio-test-data-")

# messages in English whatever the machine's locale (the Chinese ones are tested on purpose)
os.environ["LSTM_STUDIO_LANG"] = "en"

import pytest  # noqa: E402

from lstm_studio import translations  # noqa: E402


@pytest.fixture
def chinese_messages():
    """The Qt-free layers' messages in Simplified Chinese for one test."""
    translations.set_language("zh_CN")
    yield
    translations.set_language(None)
