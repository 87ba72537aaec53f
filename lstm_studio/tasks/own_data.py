"""Your own data: a CSV of numeric columns (predict the next row) or a UTF-8 text
file (predict the next character)."""

from __future__ import annotations

import os

import numpy as np

from ..translations import tr
from .base import Batch, Param, Preset, ProbeError, loss_name
from .datafiles import TooFewRowsError, read_numeric_csv, read_text, sniff_kind
from .text import HELDOUT_FRACTION, MAX_HELDOUT, CharText

NUMERIC_HELDOUT = 0.2  # the last fifth of the rows is held out
#: the largest magnitude a CSV value may have: its square, and sums of squares over
#: millions of rows, must stay finite (the standard deviation, the errors), or the
#: statistics and the error in file units overflow to inf
MAX_MAGNITUDE = 1e150
MAX_PROBE_ROWS = 2000  # rows of a probe a learner chooses


class OwnData(CharText):
    """Next-value prediction over windows of a CSV, or next-character prediction
    over a text file.

    CSV: every column is standardised with the mean and standard deviation of the
    training rows; x_t = row s + t, target_t = row s + t + 1 (all columns), scored
    at every step. Text: as the ``text`` task, on the file's characters.
    """

    name = "own-data"
    title = "Your own data"
    description = (
        "Train on a file of your own. A CSV of numbers: the network sees a window of "
        "rows and predicts each next row; compare it with simply repeating the last "
        "row (the persistence baseline). A text file: it learns to predict and write "
        "the next character, as in the text task."
    )
    input_kind = "one row of the CSV (standardised), or a one-hot character"
    output_kind = "the next row, or a probability for each character"
    solved_when = (
        "CSV: held-out R^2 of the next-row predictions at least 0.9 and above the R^2 of "
        "repeating the last row; text: as the text task"
    )
    params = (
        Param("path", str, "", "the CSV or UTF-8 text file"),
        Param("kind", str, "auto", "how to read the file", choices=("auto", "csv", "text")),
        Param("steps", int, 32, "rows or characters per training sequence", 2, 1000),
        Param(
            "target_ratio",
            float,
            0.0,
            "text only: solved at this x the letter-frequency bits per character (0: 0.9)",
            0.0,
            1.0,
        ),
    )
    preset = Preset("lstm", 32, "adam", 0.01, 32, 1500, clip=5.0, eval_every=50)
    target_is_later_input = True  # the next row or character is the input at t + 1

    @classmethod
    def loss_words(cls) -> str:
        return tr(
            "task-listing",
            "{csv_loss} for a CSV, {text_loss} for a text",
            csv_loss=loss_name("mse"),
            text_loss=loss_name("cross_entropy"),
        )

    def _setup(self):
        path = self.values["path"]
        if not path:
            raise ValueError(
                tr(
                    "datafiles",
                    "{task} parameter {param!r} must name a CSV or text file",
                    task=self.name,
                    param="path",
                )
            )
        kind = self.values["kind"]
        self.mode = sniff_kind(path) if kind == "auto" else kind
        T = self.values["steps"]
        if self.mode == "text":
            need = int(np.ceil((T + 1) / HELDOUT_FRACTION))
            self._use_text(read_text(path, min_chars=need), T, path)
            self.loss = "cross_entropy"
            return
        self.loss = "mse"  # instance attributes: the class defaults are the text's
        self.primary_metric = "r2"
        try:
            table = read_numeric_csv(path, min_rows=2 * (T + 1))
        except TooFewRowsError as e:
            raise TooFewRowsError(
                tr(
                    "datafiles",
                    "{message} (windows of steps={steps} rows, and a fifth of the rows is held "
                    "out; lower 'steps')",
                    message=e,
                    steps=T,
                ),
                e.path,
            ) from None
        self.columns = table.columns
        v = table.values
        huge = np.argwhere(np.abs(v) > MAX_MAGNITUDE)
        if len(huge):
            row, column = huge[0]
            raise ValueError(
                tr(
                    "datafiles",
                    "{name}: the value {value:g} (data row {row}, column {column}) is too large "
                    "to train on: values must lie within ±{limit:g}; rescale the column (other "
                    "units, or a logarithm)",
                    name=os.path.basename(path),
                    value=v[row, column],
                    row=int(row) + 1,
                    column=table.columns[column],
                    limit=MAX_MAGNITUDE,
                )
            )
        N = len(v)
        split = N - max(T + 1, int(N * NUMERIC_HELDOUT))
        self.mean = v[:split].mean(axis=0)
        std = v[:split].std(axis=0)
        self.std = np.where(std > 0, std, 1.0)
        self.z = (v - self.mean) / self.std  # (N, C)
        self.split = split
        self.T = T
        self.input_size = self.output_size = v.shape[1]

    def _rows(self, starts) -> Batch:
        idx = starts[None, :] + np.arange(self.T + 1)[:, None]  # (T+1, B)
        seq = self.z[idx]  # (T+1, B, C)
        return Batch(seq[:-1], seq[1:])

    def step_labels(self, x):
        if self.mode == "text":
            return super().step_labels(x)
        return None  # rows of numbers: their steps are numbered

    def sample(self, rng, batch_size):
        if self.mode == "text":
            return super().sample(rng, batch_size)
        return self._rows(rng.integers(0, self.split - self.T, batch_size))

    def _make_heldout(self, rng):
        if self.mode == "text":
            return super()._make_heldout(rng)
        return self._rows(self.heldout_starts())

    def heldout_starts(self) -> np.ndarray:
        """CSV: the rows (0-based) where the held-out windows start."""
        first, last = self.split, len(self.z) - self.T - 1  # window starts in the held-out rows
        n = min(MAX_HELDOUT, last - first + 1)
        return np.unique(np.linspace(first, last, n).round().astype(int))

    def _metrics(self, y, batch):
        if self.mode == "text":
            return super()._metrics(y, batch)
        t = batch.target
        sst = ((t - t.mean(axis=(0, 1))) ** 2).sum()
        r2 = lambda pred: float(1 - ((pred - t) ** 2).sum() / sst) if sst > 0 else 0.0  # noqa: E731
        rmse = np.sqrt(((y - t) ** 2).mean(axis=(0, 1))) * self.std  # per column, in file units
        return {"r2": r2(y), "persistence_r2": r2(batch.x), "rmse": float(rmse.mean())}

    def evaluate(self, model, chunk=4096):
        if self.mode == "text":
            return super().evaluate(model, chunk)
        return super(CharText, self).evaluate(model, chunk)

    def probe_params(self):
        if self.mode == "text":
            return super().probe_params()
        N = len(self.z)  # the held-out example: the first held-out window
        first = int(self.heldout_starts()[0]) + 1  # data rows count from 1
        return (
            Param("first", int, first, "the first data row", 1, N - 2),
            Param("last", int, first + self.T - 1, "the last data row", 2, N - 1),
        )

    def _make_probe(self, values):
        if self.mode == "text":
            return super()._make_probe(values)
        first, last = values["first"], values["last"]
        n = last - first + 1
        if not 2 <= n <= MAX_PROBE_ROWS:
            raise ProbeError(
                tr(
                    "probe",
                    "rows {first} .. {last} are {n} rows; choose 2 to {limit:,}",
                    first=first,
                    last=last,
                    n=n,
                    limit=MAX_PROBE_ROWS,
                ),
                "last",
            )
        seq = self.z[first - 1 : last + 1, None]  # (n + 1, 1, C): the row after last is a target
        return Batch(seq[:-1], seq[1:])

    def solved(self, metrics):
        if self.mode == "text":
            return super().solved(metrics)
        return metrics["r2"] >= 0.9 and metrics["r2"] > metrics["persistence_r2"]
