"""The gradient check, as a table: is backpropagation through time computing the right thing?

For sampled entries w of every parameter (and of every layer's h_t and c_t), the
analytic gradient from BPTT is compared with a numerical one from the loss alone:

    numeric = (-L(w + 2e) + 8 L(w + e) - 8 L(w - e) + L(w - 2e)) / (12 e)
    error   = |analytic - numeric| / max(|analytic|, |numeric|, floor)

The check runs in the training process on a float64 copy of the current weights
(``Trainer.gradient_check``), between two steps; this dialog only shows the answer.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lstm_studio.engine import GradCheckResult
from lstm_studio.engine.gradcheck import METHOD

PASS_COLOUR = QColor("#1b7837")
FAIL_COLOUR = QColor("#b2182b")


class GradientCheckDialog(QDialog):
    """Non-modal: training may go on while the table is read.

    ``show_pending(step)`` while the answer is on its way, then ``show_result`` or
    ``show_error``. ``again`` is the "Check again" button (the window connects it).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Gradient check"))
        self.setObjectName("gradient_check_dialog")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("gradient of the loss by"),
                self.tr("max relative error"),
                self.tr("analytic / numeric at the worst entry"),
                self.tr("result"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.method = QLabel()
        self.method.setWordWrap(True)
        self.method.setStyleSheet("color: #444;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        self.again = QPushButton(self.tr("Check again"))
        buttons.addButton(self.again, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.method)
        layout.addWidget(buttons)
        self.resize(760, 520)
        self.result: GradCheckResult | None = None

    def show_pending(self, step: int) -> None:
        self.result = None
        self.again.setEnabled(False)
        self.table.setRowCount(0)
        self.method.setText("")
        self.summary.setText(
            self.tr(
                "Checking the gradients of the model at step {0} against finite "
                "differences (a few seconds for a large model)…"
            ).format(step)
        )

    def show_error(self, message: str) -> None:
        self.again.setEnabled(True)
        self.summary.setText(self.tr("The check could not run: {0}").format(message))

    def show_result(self, result: GradCheckResult, step: int) -> None:
        self.result = result
        self.again.setEnabled(True)
        failures = result.failures()
        if result.passed:
            verdict = self.tr(
                "<b style='color:{0}'>Passed.</b> At step {1}, backpropagation through time "
                "agrees with the numerical derivative for every parameter and state."
            ).format(PASS_COLOUR.name(), step)
        else:
            verdict = self.tr(
                "<b style='color:{0}'>Failed</b> for {1} of {2} rows at step {3}: the "
                "analytic gradient disagrees with the numerical one."
            ).format(FAIL_COLOUR.name(), len(failures), len(result.errors), step)
        self.summary.setText(verdict)
        self.table.setRowCount(len(result.errors))
        for row, (name, error) in enumerate(result.errors.items()):
            ok = error <= result.tolerance
            analytic, numeric = result.worst.get(name, (float("nan"), float("nan")))
            cells = (
                _label(name),
                f"{error:.2e}",
                f"{analytic:.6g} / {numeric:.6g}",
                self.tr("pass") if ok else self.tr("FAIL"),
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 0:
                    item.setToolTip(name)
                if col in (1, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if col == 3:
                    item.setForeground(QBrush(PASS_COLOUR if ok else FAIL_COLOUR))
                self.table.setItem(row, col, item)
        self.method.setText(
            self.tr(
                "Method: {method}, on a float64 copy of the weights and a batch of its own. "
                "ε = {eps:g}; {samples} entries sampled per row; pass when the relative "
                "error |analytic − numeric| / max(|analytic|, |numeric|, {floor:g}) is at "
                "most {tol:g}. The training data and the weights are untouched."
            ).format(
                # the engine names its method in English (its results go to files too)
                method=self.tr("central differences, 4th order (5-point stencil)")
                if result.method == METHOD
                else result.method,
                eps=result.eps,
                samples=result.samples,
                floor=result.floor,
                tol=result.tolerance,
            )
        )

    def rows(self) -> list[tuple[str, str, str]]:
        """(name, error, result) per row, as shown (tests)."""
        return [
            (
                self.table.item(r, 0).toolTip(),
                self.table.item(r, 1).text(),
                self.table.item(r, 3).text(),
            )
            for r in range(self.table.rowCount())
        ]


def _label(name: str) -> str:
    """``dL/dh_l0`` reads "h_t, layer 1 (every t)"; parameter names stay PyTorch's."""
    if name.startswith("dL/d"):
        kind, layer = name[4:].split("_l")
        return QCoreApplication.translate("GradientCheckDialog", "{0}_t, layer {1} (all t)").format(
            kind, int(layer) + 1
        )
    return name
