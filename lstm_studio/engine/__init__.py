"""The NumPy recurrent engine: five cells, exact BPTT, optimizers and a gradient check.

Letters used for shapes everywhere in LSTM Studio:

    T steps, B batch, D input, H hidden, O output, L layers, G gate blocks, V vocabulary

Public arrays are time-major: ``x (T, B, D)``, hidden states ``(T, B, H)``,
outputs ``(T, B, O)``; one step is ``x_t (B, D)``, ``h_prev, h_t, c_prev, c_t
(B, H)``. LSTM gate blocks are ``i, f, g, o`` (PyTorch's order; ``g`` is the
candidate), GRU blocks ``r, z, n``. This package imports NumPy only.

Each cell is described once, in the cell registry (``registry.py``): its gates,
equations, parameter shapes, ONNX mapping and a readable reference step
(``reference.py``). ``cell_spec(name)`` returns it; ``CELLS`` lists the cells in
display order. The fast layers of ``cells.py`` train; a test holds them against the
reference step.

    from lstm_studio.engine import SequenceModel, make_optimizer
    m = SequenceModel(cell="lstm", input_size=D, hidden_size=H, output_size=O,
                      num_layers=L, seed=0, dtype="float32")
    y = m.forward(x)                                   # (T, B, D) -> (T, B, O)
    loss, grads = m.loss_and_gradients(x, target, loss="mse", mask=None)
    opt = make_optimizer("adam", m.parameters(), lr=1e-3)
    grad_norm = opt.step(grads, max_norm=1.0)          # norm before clipping

    b = SequenceModel("lstm", D, H, O, L, bidirectional=True)   # PyTorch's bidirectional=True
    b.run_names()                                      # ("l0", "l0_reverse", "l1", ...)
    b.trace(x)                                         # one dict per run, in the order of t
"""

from .backward import (
    BackwardPass,
    backward_pass,
    recurrent_singular_values,
    step_factors,
    step_jacobians,
)
from .gradcheck import GradCheckResult, gradient_check
from .losses import LOSSES
from .model import (
    DTYPES,
    MAX_LAYERS,
    RECURRENT_INITS,
    GradientProbe,
    Gradients,
    NonFiniteError,
    SequenceModel,
    forward_chunk,
    global_norm,
    memory_estimate,
)
from .optim import OPTIMIZERS, SGD, Adam, Optimizer, RMSprop, make_optimizer
from .reference_layer import ReferenceLayer
from .registry import CELLS, CellSpec, OnnxMapping, Quantity, cell_spec, register, unregister

__all__ = [
    "BackwardPass",
    "backward_pass",
    "recurrent_singular_values",
    "step_factors",
    "step_jacobians",
    "CELLS",
    "CellSpec",
    "OnnxMapping",
    "Quantity",
    "ReferenceLayer",
    "cell_spec",
    "register",
    "unregister",
    "DTYPES",
    "LOSSES",
    "MAX_LAYERS",
    "OPTIMIZERS",
    "RECURRENT_INITS",
    "SGD",
    "Adam",
    "GradCheckResult",
    "GradientProbe",
    "Gradients",
    "NonFiniteError",
    "memory_estimate",
    "forward_chunk",
    "Optimizer",
    "RMSprop",
    "SequenceModel",
    "global_norm",
    "gradient_check",
    "make_optimizer",
]
