"""The glossary names the terms of the tutorials in both languages; its explanation
follows the window's language."""

import re

import pytest

from lstm_studio.ui import i18n
from lstm_studio.ui.glossary import TERMS, GlossaryDialog


def _row(dialog: GlossaryDialog, english: str) -> list[str]:
    table = dialog.table
    for row in range(table.rowCount()):
        if table.item(row, 1).text() == english:
            return [table.item(row, col).text() for col in range(4)]
    pytest.fail(f"no row {english!r}")


def test_every_term_has_both_names_and_both_meanings():
    for term in TERMS:
        assert term.english and term.meaning_en, term
        assert re.search(r"[\u4e00-\u9fff]", term.chinese + term.meaning_zh), term
    assert len({t.english for t in TERMS}) == len(TERMS)


def test_the_bidirectional_rnn_is_a_forward_and_a_backward_pass_joined(qtbot):
    """As the tutorials teach it: a forward and a backward pass over the sequence whose
    outputs are joined (PyTorch's bidirectional=True, output 2H wide)."""
    dialog = GlossaryDialog()
    qtbot.addWidget(dialog)
    symbol, english, chinese, meaning = _row(dialog, "bidirectional RNN (Bi-RNN)")
    assert chinese == "双向循环神经网络"
    for words in ("forward pass", "backward pass", "joined", "2H", "bidirectional=True"):
        assert words in meaning
    assert "h→" in symbol and "h←" in symbol


@pytest.fixture
def chinese():
    assert i18n.install("zh_CN")
    yield
    i18n.install("en")


def test_in_chinese_the_meaning_is_chinese(qtbot, chinese):
    dialog = GlossaryDialog()
    qtbot.addWidget(dialog)
    *_, meaning = _row(dialog, "bidirectional RNN (Bi-RNN)")
    for words in ("正向", "反向", "拼接", "2H"):
        assert words in meaning
