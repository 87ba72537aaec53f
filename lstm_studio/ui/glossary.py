"""The glossary of gates and states, in English and Chinese side by side.

Both languages are always shown (a learner moving between an English tool and Chinese
tutorials needs both names); the explanation follows the window's language. The terms
are those of the tutorials: 遗忘门, 输入门, 单元状态, 梯度消失, 随时间反向传播 ...
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from . import i18n


class Term(NamedTuple):
    symbol: str
    english: str
    chinese: str
    meaning_en: str
    meaning_zh: str


TERMS = (
    Term(
        "xₜ",
        "input",
        "输入",
        "What the layer reads at step t: the data, or the layer below's hₜ.",
        "第 t 步该层读入的内容：数据本身，或下一层的 hₜ。",
    ),
    Term(
        "hₜ",
        "hidden state",
        "隐藏状态",
        "What the layer outputs at step t, and reads back at step t + 1.",
        "该层在第 t 步的输出，下一步又作为输入读回。",
    ),
    Term(
        "cₜ",
        "cell state",
        "单元状态",
        "The LSTM's long-term memory: kept by the forget gate, written by the input gate.",
        "LSTM 的长期记忆：由遗忘门保留，由输入门写入。",
    ),
    Term(
        "fₜ",
        "forget gate",
        "遗忘门",
        "How much of cₜ₋₁ to keep (1: all of it, 0: none).",
        "保留多少 cₜ₋₁（1：全部保留，0：全部忘掉）。",
    ),
    Term(
        "iₜ",
        "input gate",
        "输入门",
        "How much of the candidate gₜ to write into the cell state.",
        "把多少候选值 gₜ 写入单元状态。",
    ),
    Term(
        "gₜ",
        "candidate",
        "候选值",
        "The new content that could be written, a tanh between −1 and 1.",
        "可能写入的新内容，是介于 −1 和 1 之间的 tanh 值。",
    ),
    Term(
        "oₜ",
        "output gate",
        "输出门",
        "How much of tanh(cₜ) to show as hₜ.",
        "把多少 tanh(cₜ) 作为 hₜ 输出。",
    ),
    Term(
        "rₜ",
        "reset gate (GRU)",
        "重置门（GRU）",
        "How much of hₜ₋₁ the GRU's candidate may use.",
        "GRU 的候选值可以使用多少 hₜ₋₁。",
    ),
    Term(
        "zₜ",
        "update gate (GRU)",
        "更新门（GRU）",
        "How much of hₜ₋₁ to keep (PyTorch's convention: hₜ = (1 − z)·n + z·hₜ₋₁).",
        "保留多少 hₜ₋₁（PyTorch 的约定：hₜ = (1 − z)·n + z·hₜ₋₁）。",
    ),
    Term(
        "nₜ",
        "new gate / candidate (GRU)",
        "候选值（GRU）",
        "The GRU's candidate state, a tanh.",
        "GRU 的候选状态，是一个 tanh 值。",
    ),
    Term(
        "σ",
        "sigmoid",
        "sigmoid 函数",
        "Squashes any number into 0 … 1: what makes a gate a gate.",
        "把任意数压到 0 到 1 之间：门之所以成为门。",
    ),
    Term(
        "peephole",
        "peephole connections",
        "窥视孔连接",
        "Gates that also look at the cell state, not only at xₜ and hₜ₋₁.",
        "门除了看 xₜ 和 hₜ₋₁，还直接看单元状态。",
    ),
    Term(
        "CIFG",
        "coupled input-forget gate",
        "耦合输入遗忘门",
        "An LSTM that writes exactly what it forgets: iₜ = 1 − fₜ.",
        "写入的正好是忘掉的那部分：iₜ = 1 − fₜ。",
    ),
    Term(
        "[h→ₜ ; h←ₜ]",
        "bidirectional RNN (Bi-RNN)",
        "双向循环神经网络",
        "Each layer reads the sequence twice with weights of its own: a forward pass from "
        "the first step to the last and a backward pass from the last to the first. The two "
        "hidden states of each step are joined (2H numbers) and go to the next layer and "
        "the output, so the output at step t also sees the steps after t. PyTorch: "
        "bidirectional=True.",
        "每一层用各自的权重把序列读两遍：正向从第一步读到最后一步，反向从最后一步读回第一步。"
        "每一步的两个隐藏状态拼接起来（2H 个数），送给下一层和输出，所以第 t 步的输出也能看到 "
        "t 之后的时间步。PyTorch 中为 bidirectional=True。",
    ),
    Term(
        "BPTT",
        "backpropagation through time",
        "随时间反向传播",
        "The gradient of the loss, sent back step by step through the unrolled network.",
        "损失的梯度沿展开的网络一步一步向前传回。",
    ),
    Term(
        "",
        "vanishing gradient",
        "梯度消失",
        "The gradient shrinks at every step back, so early steps barely learn.",
        "梯度每往回传一步就缩小一些，早期的时间步几乎学不到东西。",
    ),
    Term(
        "",
        "exploding gradient",
        "梯度爆炸",
        "The gradient grows at every step back; clipping its norm tames it.",
        "梯度每往回传一步就变大；裁剪梯度范数可以控制它。",
    ),
    Term(
        "",
        "held-out set",
        "留出集",
        "Sequences never trained on: the honest measure of what was learned.",
        "从不用于训练的序列：衡量真正学到了什么。",
    ),
)


class GlossaryDialog(QDialog):
    """A table: symbol, English, 中文, and what it means (in the window's language)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Glossary of gates and states"))
        chinese = i18n.chosen_language_now().startswith("zh")
        self.table = QTableWidget(len(TERMS), 4)
        self.table.setHorizontalHeaderLabels(["", "English", "中文", self.tr("What it means")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, term in enumerate(TERMS):
            cells = (
                term.symbol,
                term.english,
                term.chinese,
                term.meaning_zh if chinese else term.meaning_en,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setToolTip(term.meaning_en if chinese else term.meaning_zh)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        note = QLabel(self.tr("Hover a meaning to read it in the other language."))
        note.setStyleSheet("color: #444;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(820, 560)
