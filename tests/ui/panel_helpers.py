"""What the heatmap and decay panel tests share (imported by name: pytest puts this
folder on sys.path)."""

import numpy as np

from lstm_studio.training import TrainConfig, Trainer
from lstm_studio.training.snapshot import frozen, frozen_map


def adding_trainer(cell: str = "lstm", num_layers: int = 2) -> Trainer:
    """A small untrained run of the adding problem (T = 20, H = 8)."""
    return Trainer(
        TrainConfig(
            task="adding",
            task_params={"steps": 20},
            cell=cell,
            hidden_size=8,
            batch_size=8,
            steps=5,
            num_layers=num_layers,
        )
    )


def reset_panel(qtbot, panel_cls, trainer):
    panel = panel_cls()
    qtbot.addWidget(panel)
    panel.reset(trainer.task, trainer.config)
    return panel


# ---------------------------------------------------------------------------- backward
def backward_pass(model, x, target, loss, mask, tau, truncate=0):
    """The backward pass of the loss at step ``tau`` alone on one sequence (x (T, 1, D)),
    written here with the cell registry's reference steps: per layer, the arrays
    ``Probe.backward`` carries, each (tau + 1, H). ``truncate = k`` cuts it at t = k, 2k ...
    (what step t sends back is computed, not passed on)."""
    spec = model.spec
    xs, ts = x[: tau + 1], target[: tau + 1]
    trace = model.trace(xs)
    q_all = model.step_quantities(xs, trace, skip=())
    only = np.zeros(tau + 1)
    only[tau] = 1
    _, grads = model.loss_and_gradients(xs, ts, loss, only)
    dy = np.asarray(grads["head.bias"], np.float64)  # (O,): the only scored step's
    H, L = model.hidden_size, model.num_layers
    dh_above = np.zeros((tau + 1, H))
    dh_above[tau] = model.parameters()["head.weight"].T @ dy
    out = [None] * L
    for k in reversed(range(L)):
        p = model.layers[k].p
        inp = xs[:, 0] if k == 0 else trace[k - 1]["h"][:, 0]
        h = trace[k]["h"][:, 0]
        c = trace[k]["c"][:, 0] if spec.has_cell_state else None
        rec = {}
        dh_next, dc_next = np.zeros(H), np.zeros(H)
        dx = np.zeros((tau + 1, inp.shape[1]))
        for t in range(tau, -1, -1):
            h_prev = h[t - 1] if t > 0 else np.zeros(H)
            c_prev = None if c is None else (c[t - 1] if t > 0 else np.zeros(H))
            q = {name: a[t] for name, a in q_all[k].items()}  # (1, H)
            dh = dh_above[t] + dh_next
            d = spec.step_backward(
                p,
                inp[t][None],
                h_prev[None],
                None if c is None else c_prev[None],
                q,
                dh[None],
                None if c is None else dc_next[None],
            )
            row = {
                "dh": dh,
                "dh_above": dh_above[t],
                "dh_next": dh_next,
                "dh_prev": d["dh_prev"][0],
            }
            row.update({f"da_{b}": d[f"da_{b}"][0] for b in spec.blocks})
            if c is not None:
                row.update(dc=d["dc"][0], dc_next=dc_next, dc_prev=d["dc_prev"][0])
            for name, value in row.items():
                rec.setdefault(name, np.zeros((tau + 1, H)))[t] = value
            cut = truncate > 0 and t % truncate == 0
            dh_next = np.zeros(H) if cut else d["dh_prev"][0]
            dc_next = np.zeros(H) if (cut or c is None) else d["dc_prev"][0]
            dx[t] = d["dx"][0]
        out[k] = {name: frozen(a) for name, a in rec.items()}
        dh_above = dx
    return tuple(frozen_map(arrays) for arrays in out)


def render_text(text: str, font=None, width: int = 240, height: int = 40):
    """``text`` drawn in black on white, centred, in ``font`` (the application's by
    default): compare two renderings to tell glyphs from the boxes a font without them
    draws (a private-use character is a box in every font)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    if font is not None:
        painter.setFont(font)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


# ---------------------------------------------------------------------------- axes
def drawn_labels(axis):
    """The tick labels ``axis`` (a pg.AxisItem) draws at its present size and range:
    ``[(QRectF, text), ...]``, as its paint would lay them out."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(8, 8, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [] if specs is None else [(rect, text) for rect, _, text in specs[2]]


def overlapping_labels(axis) -> list[tuple[str, str]]:
    """The pairs of tick labels ``axis`` draws over each other (none on a readable axis)."""
    labels = drawn_labels(axis)
    return [
        (a, b) for i, (ra, a) in enumerate(labels) for rb, b in labels[i + 1 :] if ra.intersects(rb)
    ]
