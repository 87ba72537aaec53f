"""Export a ``SequenceModel`` to ONNX, for onnxruntime and any other ONNX runtime.

The graph has one input and one output::

    x  float32 (seq, batch, D)   time-major, as SequenceModel.forward takes it
    y  float32 (seq, batch, O)   the head's raw output at every step, exactly
                                 SequenceModel.forward(x): before any sigmoid or softmax

Every recurrent layer is ONNX's own operator (``RNN`` with tanh, ``LSTM``, ``GRU`` with
``linear_before_reset=1``), chained through a ``Squeeze`` of the direction axis, and the
head is ``MatMul`` + ``Add``. A bidirectional model's layers are the same operators with
``direction="bidirectional"``; their output ``Y (seq, 2, batch, H)`` goes through a
``Transpose`` and a ``Reshape`` to ``(seq, batch, 2H)``, ``[h→_t ; h←_t]`` as in the
engine, for the layer above and the head. ``seq`` and ``batch`` are symbolic: one file
runs any length and batch size. The model's ``metadata_props`` say what it is (``cell``,
the sizes, ``bidirectional``, the engine's ``model`` config and, when given, the run's
``config`` as JSON).

Run an exported file in onnxruntime (``pip install onnxruntime``)::

    import json
    import numpy as np
    import onnxruntime as ort

    session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
    meta = session.get_modelmeta().custom_metadata_map
    D = int(meta["input_size"])
    x = np.random.default_rng(0).normal(size=(50, 4, D)).astype(np.float32)  # (T, B, D)
    (y,) = session.run(["y"], {"x": x})  # (T, B, O): raw outputs; apply the task's
    print(meta["cell"], y.shape)         # sigmoid or softmax yourself if it has one
    print(json.loads(meta["model"]))     # the SequenceModel(**...) arguments

How each cell maps onto ONNX (engine blocks are PyTorch's; ONNX wants its own order). The
mapping is data of the cell registry (``cell_spec(cell).onnx``); in words:

- ``rnn``: ``RNN`` (tanh), one block.
- ``lstm``: ``LSTM``, blocks i, f, g, o -> i, o, f, c.
- ``gru``: ``GRU`` with ``linear_before_reset=1`` (PyTorch's form), blocks r, z, n -> z, r, h.
- ``peephole``: ``LSTM`` with ``P``; ``weight_ch`` (i, f, o) -> ``P`` (i, o, f). As in the
  engine, i and f see c_{t-1} and o sees c_t.
- ``cifg``: ``LSTM`` with ``input_forget=1``. The engine couples i = 1 - f with the forget
  gate primary; ONNX couples f = 1 - i with the input gate primary. Since
  sigmoid(-a) = 1 - sigmoid(a), the input slot gets the *negated* forget-gate weights and
  biases (so i = 1 - f exactly) and the forget slot gets the forget gate's own weights. A
  runtime that honours ``input_forget`` computes f = 1 - i = sigmoid(a_f); one that ignores
  it (the ``onnx.reference`` evaluator does) computes f = sigmoid(a_f) from the forget
  slot. Both give the engine's cell.

Each ONNX recurrent operator takes ``W (K, G*H, D)``, ``R (K, G*H, H)`` and
``B (K, 2*G*H) = [W_b, R_b]`` (and ``P (K, 3H)``), which are PyTorch's ``weight_ih``,
``weight_hh``, ``bias_ih`` and ``bias_hh`` with the blocks reordered; K = 1, or 2 for a
bidirectional model: the forward run's (``_l0``) then the reverse run's (``_l0_reverse``).
Above the first layer D is H, or 2H for a bidirectional model. ``onnx`` is imported only when a
graph is built, so the rest of ``lstm_studio.io`` works without it.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import numpy as np

from .. import __version__
from ..engine import SequenceModel, cell_spec
from ..engine.registry import run_names
from ..training.config import TrainConfig
from ..translations import tr
from .atomic import write_bytes_atomic

if TYPE_CHECKING:  # pragma: no cover
    import onnx

__all__ = ["DEFAULT_OPSET", "MAX_OPSET", "MIN_OPSET", "export_onnx", "onnx_graph"]

#: The opset written by default.
DEFAULT_OPSET = 17
#: Squeeze takes its axes as an input from opset 13 on, which the graph uses.
MIN_OPSET = 13
#: The newest version of LSTM, GRU and RNN; checked with onnxruntime 1.32.
MAX_OPSET = 22


def export_onnx(
    model: SequenceModel,
    path: str | os.PathLike,
    *,
    opset: int = DEFAULT_OPSET,
    dtype: str = "float32",
    config: TrainConfig | None = None,
) -> None:
    """Write ``model`` as an ONNX file, atomically.

    Parameters
    ----------
    model : SequenceModel
        Any cell, any number of layers; a float64 model is exported in float32.
    path : str or os.PathLike
        The file to write (``.onnx`` by convention). An existing file is replaced only
        once the new one is complete.
    opset : int
        The ONNX opset, from ``MIN_OPSET`` to ``MAX_OPSET``; ``DEFAULT_OPSET`` by default.
    dtype : {"float32"}
        The graph's precision. onnxruntime's LSTM, GRU and RNN run float32 only.
    config : TrainConfig, optional
        The run's config, stored in the metadata; it must describe ``model``.

    Raises
    ------
    ValueError
        An argument is invalid, or a weight is NaN or Inf (or too large for float32).
        Nothing is written.
    OSError
        The file cannot be written (the folder is missing or read-only, ``path`` is a
        folder, the disk is full). No partial or temporary file is left behind.
    ModuleNotFoundError
        The ``onnx`` package is not installed.
    """
    data = onnx_graph(model, opset=opset, dtype=dtype, config=config).SerializeToString()
    write_bytes_atomic(path, data)


def onnx_graph(
    model: SequenceModel,
    *,
    opset: int = DEFAULT_OPSET,
    dtype: str = "float32",
    config: TrainConfig | None = None,
) -> onnx.ModelProto:
    """The ``onnx.ModelProto`` that ``export_onnx`` writes (see there for the arguments)."""
    _check_args(model, opset, dtype, config)
    try:
        from onnx import TensorProto, helper, numpy_helper
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            tr("onnx", "exporting to ONNX needs the onnx package: pip install onnx"),
            name=exc.name,
        ) from exc

    D, H, O = model.input_size, model.hidden_size, model.output_size
    mapping = cell_spec(model.cell).onnx
    op = mapping.op
    inits: list[onnx.TensorProto] = []
    nodes: list[onnx.NodeProto] = []

    def constant(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(value, name))
        return name

    attrs: dict = {"hidden_size": H, **dict(mapping.attributes)}

    K = model.num_directions
    if K == 1:
        axes = constant("direction_axis", np.array([1], np.int64))
    else:
        attrs["direction"] = "bidirectional"
        # [T, B, 2H] from Y [T, 2, B, H]: 0 keeps T and B as they are (symbolic)
        joined_shape = constant("joined_shape", np.array([0, 0, -1], np.int64))

    layer_in = "x"
    for k, tensors in enumerate(_layer_tensors(model)):
        names = [constant(f"l{k}.{key}", tensors[key]) for key in ("W", "R", "B")]
        if "P" in tensors:  # the optional inputs between B and P stay empty
            names += ["", "", "", constant(f"l{k}.P", tensors["P"])]
        nodes.append(
            helper.make_node(op, [layer_in, *names], [f"l{k}.Y"], name=f"l{k}.{op}", **attrs)
        )
        layer_out = f"h{k}"  # (seq, batch, K*H), what the layer above and the head read
        if K == 1:  # Y is (seq, num_directions=1, batch, H)
            nodes.append(
                helper.make_node("Squeeze", [f"l{k}.Y", axes], [layer_out], name=f"l{k}.Squeeze")
            )
        else:  # Y is (seq, 2, batch, H): [h→_t ; h←_t] per step and sequence, as the engine's
            nodes.append(
                helper.make_node(
                    "Transpose",
                    [f"l{k}.Y"],
                    [f"l{k}.YT"],
                    name=f"l{k}.Transpose",
                    perm=[0, 2, 1, 3],
                )
            )
            nodes.append(
                helper.make_node(
                    "Reshape", [f"l{k}.YT", joined_shape], [layer_out], name=f"l{k}.Reshape"
                )
            )
        layer_in = layer_out

    params = model.parameters()
    head_w = constant("head.weight_t", _to_float32(params["head.weight"].T, "head.weight"))
    head_b = constant("head.bias", _to_float32(params["head.bias"], "head.bias"))
    nodes.append(helper.make_node("MatMul", [layer_in, head_w], ["head.z"], name="head.MatMul"))
    nodes.append(helper.make_node("Add", ["head.z", head_b], ["y"], name="head.Add"))

    if K == 1:
        direction, joined = "", ""
    else:
        direction = "bidirectional "
        joined = (
            " Each layer also runs from the last step to the first; h_t = [h→_t ; h←_t] (2H)"
            " feeds the layer above and the head."
        )
    graph = helper.make_graph(
        nodes,
        f"lstm_studio_{model.cell}",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["seq", "batch", D])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["seq", "batch", O])],
        inits,
        doc_string=(
            f"LSTM Studio {direction}{model.cell} model: D={D}, H={H}, O={O}, "
            f"L={model.num_layers}. {mapping.summary}.{joined} y_t = W_head h_t + b_head at "
            "every step (raw "
            "outputs, no sigmoid/softmax). x (seq, batch, D) -> y (seq, batch, O)."
        ),
    )
    opsets = [helper.make_opsetid("", int(opset))]
    proto = helper.make_model(
        graph,
        opset_imports=opsets,
        producer_name="lstm-studio",
        producer_version=__version__,
        doc_string=graph.doc_string,
        # the oldest IR that holds this opset, so older runtimes load the file too
        ir_version=helper.find_min_ir_version_for(opsets),
    )
    helper.set_model_props(proto, _metadata(model, config))
    return proto


def _check_args(model, opset, dtype, config) -> None:
    if not isinstance(model, SequenceModel):
        raise ValueError(
            tr(
                "onnx",
                "model must be a SequenceModel, not a {kind}",
                kind=type(model).__name__,
            )
        )
    if cell_spec(model.cell).onnx is None:
        raise ValueError(tr("onnx", "cell {cell!r} has no ONNX mapping", cell=model.cell))
    if isinstance(opset, bool) or not isinstance(opset, (int, np.integer)):
        raise ValueError(tr("onnx", "opset must be an integer, got {opset!r}", opset=opset))
    if not MIN_OPSET <= opset <= MAX_OPSET:
        raise ValueError(
            tr(
                "onnx",
                "opset must be in {low} .. {high}, got {opset}",
                low=MIN_OPSET,
                high=MAX_OPSET,
                opset=opset,
            )
        )
    if str(dtype) != "float32":
        raise ValueError(
            tr(
                "onnx",
                "dtype must be 'float32', got {dtype!r} (onnxruntime runs LSTM, GRU and RNN "
                "in float32 only; a float64 model is exported in float32)",
                dtype=dtype,
            )
        )
    if config is None:
        return
    if not isinstance(config, TrainConfig):
        raise ValueError(
            tr(
                "onnx",
                "config must be a TrainConfig or None, not a {kind}",
                kind=type(config).__name__,
            )
        )
    mismatched = [
        tr(
            "onnx",
            "{name} {value!r} (model: {own!r})",
            name=name,
            value=getattr(config, name),
            own=getattr(model, name),
        )
        for name in ("cell", "hidden_size", "num_layers", "bidirectional")
        if getattr(config, name) != getattr(model, name)
    ]
    if mismatched:
        raise ValueError(
            tr(
                "onnx",
                "config does not describe this model: {differences}",
                differences=", ".join(mismatched),
            )
        )


def _layer_tensors(model: SequenceModel) -> list[dict[str, np.ndarray]]:
    """Per layer, ONNX's ``W``, ``R``, ``B`` (and ``P``) in float32, blocks reordered.

    Each has a leading axis of ``num_directions``: the forward run's weights (``_l{k}``)
    and, for a bidirectional model, the reverse run's (``_l{k}_reverse``), which is the
    order of ONNX's ``direction="bidirectional"``.
    """
    H = model.hidden_size
    mapping = cell_spec(model.cell).onnx
    slots = mapping.slots
    params = model.parameters()

    def reorder(a: np.ndarray) -> np.ndarray:
        # float64 first: negation and the cast are then each one exact step
        a = a.astype(np.float64)
        return np.concatenate([sign * a[block * H : (block + 1) * H] for block, sign in slots])

    def stacked(k: int, what: str, blocks) -> np.ndarray:
        """``blocks(run)`` of every run of layer k in float32, stacked on a direction
        axis; ``what`` names the weights in a message ("rnn.weight_ih_{run}")."""
        return np.stack(
            [
                _to_float32(blocks(run), what.format(run=run))
                for run in run_names(k, model.bidirectional)
            ]
        )

    def biases(run: str) -> np.ndarray:  # ONNX's B is [W_b, R_b]
        return np.concatenate(
            [reorder(params[f"rnn.bias_ih_{run}"]), reorder(params[f"rnn.bias_hh_{run}"])]
        )

    def peepholes(run: str) -> np.ndarray:
        wc = params[f"rnn.weight_ch_{run}"].astype(np.float64).reshape(3, H)
        return wc[list(mapping.peephole_order)].reshape(3 * H)

    out = []
    for k in range(model.num_layers):
        tensors = {
            "W": stacked(k, "rnn.weight_ih_{run}", lambda r: reorder(params[f"rnn.weight_ih_{r}"])),
            "R": stacked(k, "rnn.weight_hh_{run}", lambda r: reorder(params[f"rnn.weight_hh_{r}"])),
            "B": stacked(k, "rnn.bias_ih_{run} + rnn.bias_hh_{run}", biases),
        }
        if mapping.peephole_order is not None:
            tensors["P"] = stacked(k, "rnn.weight_ch_{run}", peepholes)
        out.append(tensors)
    return out


def _to_float32(a: np.ndarray, what: str) -> np.ndarray:
    with np.errstate(over="ignore"):  # an overflow shows up as Inf below
        b = np.ascontiguousarray(a, dtype=np.float32)
    if not np.isfinite(b).all():
        raise ValueError(
            tr(
                "onnx",
                "cannot export: {what} holds NaN, Inf or values too large for float32",
                what=what,
            )
        )
    return b


def _metadata(model: SequenceModel, config: TrainConfig | None) -> dict[str, str]:
    meta = {
        "format": "lstm-studio",
        "lstm_studio_version": __version__,
        "cell": model.cell,
        "input_size": str(model.input_size),
        "hidden_size": str(model.hidden_size),
        "output_size": str(model.output_size),
        "num_layers": str(model.num_layers),
        "bidirectional": "true" if model.bidirectional else "false",
        "trained_dtype": model.dtype.name,
        "model": json.dumps(model.config()),
        "inputs": "x (seq, batch, input_size), float32, time-major",
        "outputs": "y (seq, batch, output_size): raw head outputs, before any sigmoid/softmax",
    }
    if config is not None:
        meta["config"] = json.dumps(config.to_dict(), ensure_ascii=False)
    return meta
