"""ONNX export: onnxruntime's output equals ``SequenceModel.forward`` for every cell, the
file is valid and self-describing, and a failed export leaves nothing behind."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx  # a test dependency: missing, it fails, never skips
import onnxruntime as ort
import pytest
from onnx import numpy_helper
from onnx.reference import ReferenceEvaluator

import lstm_studio.io.onnx_export as onnx_export
from lstm_studio.engine import CELLS, SequenceModel
from lstm_studio.io.onnx_export import (
    DEFAULT_OPSET,
    MAX_OPSET,
    MIN_OPSET,
    export_onnx,
    onnx_graph,
)
from lstm_studio.training import TrainConfig

D, H, O = 3, 5, 2
OPS = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU", "peephole": "LSTM", "cifg": "LSTM"}


def random_model(
    cell: str, layers: int, dtype: str = "float32", seed: int = 0, bidirectional: bool = False
):
    """Weights normal with scale 0.5: gates neither saturated nor idle, peepholes nonzero."""
    model = SequenceModel(
        cell, D, H, O, layers, seed=seed, dtype=dtype, bidirectional=bidirectional
    )
    rng = np.random.default_rng(seed + 100)
    for p in model.parameters().values():
        p[...] = rng.normal(0.0, 0.5, p.shape)
    return model


def random_x(T: int, B: int, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=(T, B, D)).astype(np.float32)


def session(path_or_proto) -> ort.InferenceSession:
    if isinstance(path_or_proto, onnx.ModelProto):
        path_or_proto = path_or_proto.SerializeToString()
    options = ort.SessionOptions()
    options.log_severity_level = 3  # errors only
    return ort.InferenceSession(
        path_or_proto, sess_options=options, providers=["CPUExecutionProvider"]
    )


def run(sess: ort.InferenceSession, x: np.ndarray) -> np.ndarray:
    (y,) = sess.run(["y"], {"x": x})
    return y


def assert_gates_busy(model: SequenceModel, x: np.ndarray) -> None:
    """The comparison means something only if the gates actually vary."""
    for layer in model.trace(x):
        for name in model.gate_names:
            if name in ("i", "f", "o", "r", "z"):
                gate = layer[name]
                busy = np.mean((gate > 0.05) & (gate < 0.95))
                assert busy > 0.5, f"gate {name} is saturated ({busy:.0%} busy)"
                assert gate.std() > 0.05, f"gate {name} hardly moves"


# ------------------------------------------------------------------------------------------
# The numbers


CASES = [(cell, layers) for cell in CELLS for layers in (1, 2)] + [
    ("peephole", 3),
    ("cifg", 3),
    ("gru", 3),
]


@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize(("cell", "layers"), CASES)
def test_onnxruntime_matches_forward(tmp_path, cell, layers, bidirectional):
    """One way, and both ways (direction="bidirectional": the reverse run reads t = T-1
    .. 0, the layer above and the head read [h→_t ; h←_t], so an error in the order of
    either shows here)."""
    model = random_model(cell, layers, seed=layers, bidirectional=bidirectional)
    path = tmp_path / f"{cell}.onnx"
    export_onnx(model, path)
    onnx.checker.check_model(str(path), full_check=True)
    sess = session(str(path))
    # symbolic seq and batch: one file, several lengths and batch sizes
    for T, B in [(9, 4), (23, 1), (1, 7)]:
        x = random_x(T, B, seed=T)
        want = model.forward(x)
        got = run(sess, x)
        assert got.shape == (T, B, O) and got.dtype == np.float32
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    assert_gates_busy(model, random_x(9, 4, seed=9))


@pytest.mark.parametrize("cell", CELLS)
def test_float64_model_exports_as_float32(tmp_path, cell):
    model = random_model(cell, 2, dtype="float64", seed=7)
    path = tmp_path / "m.onnx"
    export_onnx(model, path)
    x = random_x(17, 3, seed=5)
    want = model.forward(x.astype(np.float64))
    np.testing.assert_allclose(run(session(str(path)), x), want, rtol=1e-4, atol=1e-4)
    meta = {p.key: p.value for p in onnx.load(str(path)).metadata_props}
    assert meta["trained_dtype"] == "float64"


@pytest.mark.parametrize("cell", CELLS)
def test_the_graph_means_the_same_in_the_onnx_reference_evaluator(cell):
    """onnx's own reference implementation ignores LSTM's input_forget attribute; the cifg
    export puts the forget gate's weights in the forget slot so that it still agrees."""
    model = random_model(cell, 2, seed=11)
    x = random_x(8, 3, seed=2)
    (got,) = ReferenceEvaluator(onnx_graph(model)).run(None, {"x": x})
    np.testing.assert_allclose(got, model.forward(x), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("cell", CELLS)
def test_a_bidirectional_export_holds_its_reverse_runs(cell):
    """The reverse runs matter (a model without them computes something else) and the
    graph means the same in onnx's reference evaluator."""
    layers = 2
    model = random_model(cell, layers, seed=22, bidirectional=True)
    # the reverse runs matter: an export that dropped them would fail this test
    x = random_x(9, 4, seed=9)
    without_reverse = SequenceModel(cell, D, H, O, layers, bidirectional=True)
    without_reverse.load_state_dict(model.state_dict())
    for name, value in without_reverse.parameters().items():
        if name.endswith("_reverse"):
            value[...] = 0
    assert np.abs(without_reverse.forward(x) - model.forward(x)).max() > 0.1
    assert_gates_busy(model, x)
    (got,) = ReferenceEvaluator(onnx_graph(model)).run(None, {"x": x})
    np.testing.assert_allclose(got, model.forward(x), rtol=1e-5, atol=1e-5)


def test_long_sequences_stay_close(tmp_path):
    """Errors must not grow along time: 400 steps of a 2-layer LSTM and GRU."""
    for cell in ("lstm", "gru", "cifg"):
        model = random_model(cell, 2, seed=3)
        x = random_x(400, 2, seed=4)
        got = run(session(onnx_graph(model)), x)
        np.testing.assert_allclose(got, model.forward(x), rtol=1e-5, atol=2e-5)


@pytest.mark.parametrize("opset", [MIN_OPSET, 14, DEFAULT_OPSET, 21, MAX_OPSET])
def test_every_supported_opset_runs(opset):
    model = random_model("peephole", 2, seed=5)
    proto = onnx_graph(model, opset=opset)
    onnx.checker.check_model(proto, full_check=True)
    assert proto.opset_import[0].version == opset
    x = random_x(6, 2)
    np.testing.assert_allclose(run(session(proto), x), model.forward(x), rtol=1e-5, atol=1e-5)


# ------------------------------------------------------------------------------------------
# The graph: operators, weight layout, shapes, metadata


@pytest.mark.parametrize("cell", CELLS)
def test_graph_structure(cell):
    proto = onnx_graph(random_model(cell, 2))
    ops = [node.op_type for node in proto.graph.node]
    assert ops == [OPS[cell], "Squeeze", OPS[cell], "Squeeze", "MatMul", "Add"]
    rnn = proto.graph.node[0]
    attrs = {a.name: onnx.helper.get_attribute_value(a) for a in rnn.attribute}
    assert attrs["hidden_size"] == H
    assert attrs.get("linear_before_reset", 0) == (1 if cell == "gru" else 0)
    assert attrs.get("input_forget", 0) == (1 if cell == "cifg" else 0)
    assert (len(rnn.input) == 8 and rnn.input[7] == "l0.P") == (cell == "peephole")
    assert [i.name for i in proto.graph.input] == ["x"]
    assert [o.name for o in proto.graph.output] == ["y"]

    def dims(value_info):
        return [d.dim_param or d.dim_value for d in value_info.type.tensor_type.shape.dim]

    assert dims(proto.graph.input[0]) == ["seq", "batch", D]
    assert dims(proto.graph.output[0]) == ["seq", "batch", O]
    inferred = onnx.shape_inference.infer_shapes(proto, strict_mode=True)
    shapes = {v.name: dims(v) for v in inferred.graph.value_info}
    assert shapes["h0"] == shapes["h1"] == ["seq", "batch", H]
    assert shapes["l0.Y"] == ["seq", 1, "batch", H]


@pytest.mark.parametrize("cell", CELLS)
def test_bidirectional_graph_structure(cell):
    proto = onnx_graph(random_model(cell, 2, bidirectional=True))
    ops = [node.op_type for node in proto.graph.node]
    layer = [OPS[cell], "Transpose", "Reshape"]
    assert ops == [*layer, *layer, "MatMul", "Add"]
    for node in proto.graph.node[::3][:2]:
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        assert attrs["direction"] == b"bidirectional"
    inferred = onnx.shape_inference.infer_shapes(proto, strict_mode=True)
    shapes = {
        v.name: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]
        for v in inferred.graph.value_info
    }
    assert shapes["l0.Y"] == shapes["l1.Y"] == ["seq", 2, "batch", H]
    assert shapes["h0"] == shapes["h1"] == ["seq", "batch", 2 * H]
    inits = {t.name: numpy_helper.to_array(t) for t in proto.graph.initializer}
    gates = {"rnn": 1, "gru": 3, "cifg": 4}.get(cell, 4)  # cifg fills ONNX's four slots
    assert inits["l0.W"].shape == (2, gates * H, D)
    assert inits["l1.W"].shape == (2, gates * H, 2 * H)
    assert inits["l1.R"].shape == (2, gates * H, H)
    assert inits["l1.B"].shape == (2, 2 * gates * H)
    if cell == "peephole":
        assert inits["l1.P"].shape == (2, 3 * H)
    assert inits["head.weight_t"].shape == (2 * H, O)
    props = {p.key: p.value for p in proto.metadata_props}
    assert props["bidirectional"] == "true"
    assert json.loads(props["model"])["bidirectional"] is True
    assert "bidirectional" in proto.graph.doc_string


def test_bidirectional_weight_layout_forward_then_reverse():
    def block(a, k):
        return a[k * H : (k + 1) * H]

    model = random_model("peephole", 2, bidirectional=True)
    inits = {t.name: numpy_helper.to_array(t) for t in onnx_graph(model).graph.initializer}
    p = model.parameters()
    for k in range(2):
        for d, run in enumerate([f"l{k}", f"l{k}_reverse"]):
            W, R, B, P = (inits[f"l{k}.{key}"][d] for key in "WRBP")
            for slot, torch_block in enumerate([0, 3, 1, 2]):  # i f g o -> i o f c
                np.testing.assert_array_equal(
                    block(W, slot), block(p[f"rnn.weight_ih_{run}"], torch_block)
                )
                np.testing.assert_array_equal(
                    block(R, slot), block(p[f"rnn.weight_hh_{run}"], torch_block)
                )
                np.testing.assert_array_equal(
                    block(B, 4 + slot), block(p[f"rnn.bias_hh_{run}"], torch_block)
                )
            for slot, engine_block in enumerate([0, 2, 1]):  # i f o -> i o f
                np.testing.assert_array_equal(
                    block(P, slot), block(p[f"rnn.weight_ch_{run}"], engine_block)
                )
    props = {p.key: p.value for p in onnx_graph(random_model("lstm", 1)).metadata_props}
    assert props["bidirectional"] == "false"


def test_weight_layout_lstm_peephole_cifg_gru():
    def weights(model):
        inits = {t.name: numpy_helper.to_array(t) for t in onnx_graph(model).graph.initializer}
        return inits, model.parameters()

    def block(a, k):
        return a[k * H : (k + 1) * H]

    # lstm / peephole: torch i f g o -> onnx i o f c; B = [W_b, R_b]; P = i, o, f
    inits, p = weights(random_model("peephole", 1))
    W, R, B, P = (inits[f"l0.{k}"][0] for k in "WRBP")
    assert W.shape == (4 * H, D) and R.shape == (4 * H, H) and B.shape == (8 * H,)
    for slot, torch_block in enumerate([0, 3, 1, 2]):
        np.testing.assert_array_equal(block(W, slot), block(p["rnn.weight_ih_l0"], torch_block))
        np.testing.assert_array_equal(block(R, slot), block(p["rnn.weight_hh_l0"], torch_block))
        np.testing.assert_array_equal(block(B, slot), block(p["rnn.bias_ih_l0"], torch_block))
        np.testing.assert_array_equal(block(B, 4 + slot), block(p["rnn.bias_hh_l0"], torch_block))
    wc = p["rnn.weight_ch_l0"]
    for slot, engine_block in enumerate([0, 2, 1]):  # engine i f o -> onnx i o f
        np.testing.assert_array_equal(block(P, slot), block(wc, engine_block))

    # cifg: engine f g o -> onnx i = -f, o, f, c = g
    inits, p = weights(random_model("cifg", 1))
    W, B = inits["l0.W"][0], inits["l0.B"][0]
    f, g, o = (block(p["rnn.weight_ih_l0"], k) for k in range(3))
    for slot, want in enumerate([-f, o, f, g]):
        np.testing.assert_array_equal(block(W, slot), want)
    np.testing.assert_array_equal(block(B, 0), -block(p["rnn.bias_ih_l0"], 0))
    np.testing.assert_array_equal(block(B, 4), -block(p["rnn.bias_hh_l0"], 0))
    assert "l0.P" not in inits

    # gru: torch r z n -> onnx z r h
    inits, p = weights(random_model("gru", 1))
    W = inits["l0.W"][0]
    for slot, torch_block in enumerate([1, 0, 2]):
        np.testing.assert_array_equal(block(W, slot), block(p["rnn.weight_ih_l0"], torch_block))


def test_metadata_makes_the_file_self_describing(tmp_path):
    model = random_model("cifg", 2)
    config = TrainConfig(task="copy", cell="cifg", hidden_size=H, num_layers=2, seed=4)
    path = tmp_path / "m.onnx"
    export_onnx(model, path, config=config)
    meta = session(str(path)).get_modelmeta()
    props = meta.custom_metadata_map
    assert props["format"] == "lstm-studio"
    assert props["cell"] == "cifg"
    assert (props["input_size"], props["hidden_size"], props["output_size"]) == ("3", "5", "2")
    assert props["num_layers"] == "2"
    assert json.loads(props["model"]) == model.config()
    assert TrainConfig.from_dict(json.loads(props["config"])) == config
    assert meta.producer_name == "lstm-studio"
    assert "cifg" in meta.graph_description or "coupled" in meta.graph_description
    rebuilt = SequenceModel(**json.loads(props["model"]))
    assert rebuilt.config() == model.config()
    # no config given: no config entry, the rest is there
    props = {p.key: p.value for p in onnx_graph(model).metadata_props}
    assert "config" not in props and props["cell"] == "cifg"


def test_ir_version_is_the_oldest_that_holds_the_opset():
    proto = onnx_graph(random_model("lstm", 1), opset=17)
    assert proto.ir_version == 8  # onnx's table: opset 17 came with IR 8


# ------------------------------------------------------------------------------------------
# Errors


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"opset": MIN_OPSET - 1}, ["opset", str(MIN_OPSET)]),
        ({"opset": MAX_OPSET + 1}, ["opset", str(MAX_OPSET)]),
        ({"opset": 17.0}, ["opset", "integer"]),
        ({"opset": True}, ["opset"]),
        ({"dtype": "float64"}, ["dtype", "float32 only"]),
        ({"dtype": "float16"}, ["dtype"]),
        ({"config": {"cell": "lstm"}}, ["config", "TrainConfig"]),
        ({"config": TrainConfig(cell="gru", hidden_size=H)}, ["cell 'gru'", "model: 'lstm'"]),
        ({"config": TrainConfig(cell="lstm", hidden_size=8)}, ["hidden_size 8"]),
        ({"config": TrainConfig(cell="lstm", hidden_size=H, num_layers=2)}, ["num_layers 2"]),
    ],
)
def test_bad_arguments_raise_value_error_and_write_nothing(tmp_path, kwargs, words):
    path = tmp_path / "m.onnx"
    with pytest.raises(ValueError) as info:
        export_onnx(random_model("lstm", 1), path, **kwargs)
    for word in words:
        assert word in str(info.value)
    assert os.listdir(tmp_path) == []


def test_a_config_of_the_other_direction_is_refused(tmp_path):
    config = TrainConfig(cell="lstm", hidden_size=H, bidirectional=True)
    with pytest.raises(ValueError, match=r"bidirectional True \(model: False\)"):
        export_onnx(random_model("lstm", 1), tmp_path / "m.onnx", config=config)
    with pytest.raises(ValueError, match=r"bidirectional False \(model: True\)"):
        export_onnx(
            random_model("lstm", 1, bidirectional=True),
            tmp_path / "m.onnx",
            config=config.replace(bidirectional=False),
        )
    assert os.listdir(tmp_path) == []
    export_onnx(random_model("lstm", 1, bidirectional=True), tmp_path / "m.onnx", config=config)
    props = session(str(tmp_path / "m.onnx")).get_modelmeta().custom_metadata_map
    assert json.loads(props["config"])["bidirectional"] is True


def test_not_a_model():
    with pytest.raises(ValueError, match="SequenceModel"):
        onnx_graph({"rnn.weight_ih_l0": np.ones((4, 1))})


@pytest.mark.parametrize("value", [np.nan, np.inf, 1e39])
def test_non_finite_or_float32_overflowing_weights_are_refused(tmp_path, value):
    model = random_model("gru", 2, dtype="float64")
    model.parameters()["rnn.weight_hh_l1"][0, 0] = value
    with pytest.raises(ValueError, match=r"rnn\.weight_hh_l1 "):
        export_onnx(model, tmp_path / "m.onnx")
    model = random_model("peephole", 1, dtype="float64")
    model.parameters()["rnn.weight_ch_l0"][-1] = value
    with pytest.raises(ValueError, match=r"rnn\.weight_ch_l0 "):
        export_onnx(model, tmp_path / "m.onnx")
    model = random_model("lstm", 2, dtype="float64", bidirectional=True)
    model.parameters()["rnn.bias_hh_l1_reverse"][3] = value
    with pytest.raises(ValueError, match=r"rnn\.bias_ih_l1_reverse \+ rnn\.bias_hh_l1_reverse "):
        export_onnx(model, tmp_path / "m.onnx")
    model = random_model("rnn", 1, dtype="float64")
    model.parameters()["head.bias"][0] = value
    with pytest.raises(ValueError, match="head.bias"):
        export_onnx(model, tmp_path / "m.onnx")
    assert os.listdir(tmp_path) == []


def test_failed_write_raises_os_error_and_leaves_nothing(tmp_path):
    model = random_model("lstm", 1)
    folder = tmp_path / "a folder.onnx"
    folder.mkdir()
    with pytest.raises(IsADirectoryError, match="it is a folder"):
        export_onnx(model, folder)
    with pytest.raises(OSError, match="cannot create .* in the folder") as info:
        export_onnx(model, tmp_path / "missing" / "m.onnx")
    assert "missing" in str(info.value)
    assert sorted(os.listdir(tmp_path)) == ["a folder.onnx"]
    assert os.listdir(folder) == []


def test_a_failed_export_keeps_the_old_file(tmp_path):
    path = tmp_path / "m.onnx"
    export_onnx(random_model("rnn", 1), path)
    before = path.read_bytes()
    broken = random_model("rnn", 1)
    broken.parameters()["head.weight"][0, 0] = np.nan
    with pytest.raises(ValueError):
        export_onnx(broken, path)
    assert path.read_bytes() == before and os.listdir(tmp_path) == ["m.onnx"]


def test_without_onnx_installed_the_error_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "onnx", None)  # `import onnx` now fails
    with pytest.raises(ModuleNotFoundError, match="pip install onnx"):
        export_onnx(random_model("lstm", 1), tmp_path / "m.onnx")
    assert os.listdir(tmp_path) == []


def test_importing_the_module_does_not_import_onnx():
    code = (
        "import sys, lstm_studio.io.onnx_export, lstm_studio.io.npz; print('onnx' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


# ------------------------------------------------------------------------------------------
# The documented way to run a file


def test_the_docstring_example_runs(tmp_path, monkeypatch, capsys):
    """The code block in the module docstring is what a user copies: it must work."""
    doc = onnx_export.__doc__
    block = doc.split("Run an exported file in onnxruntime", 1)[1].split("::", 1)[1]
    lines = []
    for line in block.splitlines()[1:]:
        if line.strip() and not line.startswith("    "):
            break
        lines.append(line[4:])
    code = "\n".join(lines)
    assert "InferenceSession" in code
    model = random_model("gru", 2)
    monkeypatch.chdir(tmp_path)
    export_onnx(model, "model.onnx")
    exec(compile(code, "onnx_export docstring", "exec"), {})
    out = capsys.readouterr().out
    assert re.search(r"gru \(50, 4, 2\)", out)
    assert "'cell': 'gru'" in out
