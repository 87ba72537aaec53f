"""Losses on the raw head outputs, each the mean over the scored entries.

Every function takes ``y (T, B, O)``, a validated target and ``weight (T, B)``
(the 0/1 mask, or None for "every step scored") and returns ``(loss, dy)``:
the loss as a Python float (summed in float64) and ``dL/dy`` in y's dtype.

    mse            L = sum_w (y - t)^2 / (n * O)
    bce            L = sum_w [max(y, 0) - y t + log(1 + exp(-|y|))] / (n * O)   (t in [0, 1])
    cross_entropy  L = -sum_w log softmax(y)[t] / n                            (t a class index)

where n is the number of scored (t, b) pairs. Without a mask these equal
PyTorch's ``MSELoss``, ``BCEWithLogitsLoss`` and ``CrossEntropyLoss`` with
``reduction="mean"``.
"""

from __future__ import annotations

import numpy as np


def _scored(weight: np.ndarray | None, T: int, B: int) -> float:
    return float(T * B) if weight is None else float(weight.sum(dtype=np.float64))


def mse(y, target, weight):
    T, B, O = y.shape
    n = _scored(weight, T, B) * O
    diff = y - target  # (T, B, O)
    if weight is not None:
        diff *= weight[:, :, None]
    flat = diff.reshape(-1)
    loss = float(np.dot(flat, flat)) / n
    diff *= 2.0 / n
    return loss, diff


def bce(y, target, weight):
    T, B, O = y.shape
    n = _scored(weight, T, B) * O
    per = np.maximum(y, 0) - y * target + np.log1p(np.exp(-np.abs(y)))  # stable log-sigmoid form
    dy = 0.5 * np.tanh(0.5 * y) + 0.5 - target  # sigmoid(y) - t
    if weight is not None:
        per *= weight[:, :, None]
        dy *= weight[:, :, None]
    dy *= 1.0 / n
    return float(per.sum(dtype=np.float64)) / n, dy


def cross_entropy(y, target, weight):
    T, B, O = y.shape
    n = _scored(weight, T, B)
    shifted = y - y.max(axis=2, keepdims=True)
    expd = np.exp(shifted)
    total = expd.sum(axis=2, keepdims=True)
    logp_true = np.take_along_axis(shifted, target[:, :, None], axis=2)[:, :, 0] - np.log(
        total[:, :, 0]
    )
    dy = expd
    dy /= total  # softmax
    np.put_along_axis(
        dy, target[:, :, None], np.take_along_axis(dy, target[:, :, None], axis=2) - 1, 2
    )
    if weight is not None:
        logp_true = logp_true * weight
        dy *= weight[:, :, None]
    dy *= 1.0 / n
    return -float(logp_true.sum(dtype=np.float64)) / n, dy


LOSSES = {
    "mse": mse,
    "bce": bce,
    "cross_entropy": cross_entropy,
}
