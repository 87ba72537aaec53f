"""Trained weights to and from the formats other tools load: safetensors, NumPy .npz, ONNX.

    save_weights("lstm.safetensors", state, config)   # torch: load_file + load_state_dict
    save_weights("lstm.npz", state, config)           # numpy: np.load
    save_weights("lstm.onnx", state, config)          # onnxruntime: InferenceSession
    state, config = load_weights("lstm.safetensors")  # also .npz, and a run's .lstmrun

``state`` is the engine's state dict: PyTorch's names (``rnn.weight_ih_l0``,
``head.weight``, ...), so ``torch.nn.LSTM`` + ``torch.nn.Linear`` load the rnn and head
parts as they are. The format follows the file's suffix.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np

from .. import __version__
from ..engine import SequenceModel
from ..tasks import TASKS
from ..training import TrainConfig
from ..training.config import model_description
from ..training.loop import named
from ..translations import os_reason, tr, tr_n, translate
from .runs import RUN_SUFFIX, RunFileError, load_run
from .safetensors import SafetensorsError, load_safetensors, save_safetensors

WEIGHT_SUFFIXES = (".safetensors", ".npz", ".onnx")
READABLE_SUFFIXES = (".safetensors", ".npz", RUN_SUFFIX)


class WeightsFileError(ValueError):
    """A weights file that cannot be read; the message names the file and the problem."""


def save_weights(
    path: str | os.PathLike,
    state: Mapping[str, np.ndarray],
    config: TrainConfig,
    model: SequenceModel | None = None,
) -> None:
    """Write ``state`` in the format of ``path``'s suffix, atomically.

    ``model`` (the model the state belongs to) is needed for ONNX only. Raises
    ValueError for an unknown suffix, OSError when the file cannot be written (nothing
    is left behind).
    """
    suffix = Path(os.fspath(path)).suffix.lower()
    if suffix == ".safetensors":
        save_safetensors(
            path,
            {k: np.asarray(v, order="C") for k, v in state.items()},
            metadata={
                "format": "lstm-studio",
                "lstm_studio_version": __version__,
                "config": json.dumps(config.to_dict(), ensure_ascii=False),
            },
        )
    elif suffix == ".npz":
        from .npz import save_npz

        save_npz(path, state, config)
    elif suffix == ".onnx":
        if model is None:
            raise ValueError(tr("weights", "an ONNX export needs the model the weights belong to"))
        from .onnx_export import export_onnx

        model.load_state_dict(state)
        export_onnx(model, path, config=config)
    else:
        raise ValueError(
            tr(
                "weights",
                "{name}: the suffix names no weights format; use one of {suffixes}",
                name=Path(path).name,
                suffixes=", ".join(WEIGHT_SUFFIXES),
            )
        )


def load_weights(path: str | os.PathLike) -> tuple[dict[str, np.ndarray], TrainConfig | None]:
    """The state dict in a .safetensors, .npz or run file, and the config it carries
    (None when it has none). Raises WeightsFileError naming the file and the problem."""
    name = Path(os.fspath(path)).name
    suffix = Path(name).suffix.lower()
    config_text = None
    try:
        if suffix == ".safetensors":
            state, metadata = load_safetensors(path)
            config_text = metadata.get("config")
        elif suffix == ".npz":
            from .npz import NpzError, load_npz

            try:
                state, config = load_npz(path)
            except NpzError as e:
                raise WeightsFileError(str(e)) from None
            return state, config
        elif suffix == RUN_SUFFIX:
            arrays, meta = load_run(path)
            state = {k[6:]: v for k, v in arrays.items() if k.startswith("model.")}
            config_text = json.dumps(meta.get("config"))
        else:
            raise WeightsFileError(
                tr(
                    "weights",
                    "{name}: not a weights file LSTM Studio reads ({suffixes})",
                    name=name,
                    suffixes=", ".join(READABLE_SUFFIXES),
                )
            )
    except (SafetensorsError, RunFileError) as e:
        raise WeightsFileError(str(e)) from None
    except OSError as e:
        raise WeightsFileError(
            tr("weights", "{name}: cannot be read ({why})", name=name, why=os_reason(e))
        ) from None
    config = None
    if config_text:
        try:
            config = TrainConfig.from_dict(json.loads(config_text))
        except (ValueError, TypeError, RecursionError):
            config = None  # the weights may still fit; the comparison will tell
    return state, config


def mismatch(
    state: Mapping[str, np.ndarray],
    model: SequenceModel,
    config: TrainConfig | None = None,
    task: str | None = None,
) -> list[str]:
    """What keeps ``state`` from loading into ``model``, in words (empty when it fits).

    ``config`` is the one the file carries (None when it has none), ``task`` the key
    of the model's task (None when unknown). When the weights don't fit and the file
    was trained on another task, or on one with other input or output sizes, the
    first line says so: a shape like (64, 8) against (64, 2) alone does not tell a
    learner that these are an echo model's weights. Weights of the other direction
    (bidirectional against one-directional) are named so before the entries they
    add or lack."""
    own = {k: v.shape for k, v in model.parameters().items()}
    problems = []
    direction = _other_direction(state, model, config)
    if direction:
        problems.append(direction)
    if config is not None:
        theirs = (config.cell, config.num_layers, config.hidden_size)
        mine = (model.cell, model.num_layers, model.hidden_size)
        if theirs != mine:
            problems.append(
                tr(
                    "weights",
                    "the file holds a {theirs}; the model is a {mine}",
                    theirs=model_description(*theirs),
                    mine=model_description(*mine),
                )
            )
    missing = [k for k in own if k not in state]
    extra = [k for k in state if k not in own]
    if missing:
        problems.append(tr("weights", "missing {names}", names=named(missing)))
    if extra:  # a file may hold thousands of names: the first ten and how many more
        problems.append(tr("weights", "not in the model: {names}", names=named(extra)))
    for k, shape in own.items():
        if k in state and tuple(np.shape(state[k])) != shape:
            problems.append(
                tr(
                    "weights",
                    "{name} is {shape}, the model needs {needed}",
                    name=k,
                    shape=tuple(np.shape(state[k])),
                    needed=shape,
                )
            )
        elif k in state and not np.all(np.isfinite(state[k])):
            problems.append(tr("weights", "{name} holds NaN or Inf", name=k))
    if problems and config is not None:
        other_task = _other_task(state, model, config, task)
        if other_task:
            problems.insert(0, other_task)
    return problems


def is_bidirectional(state: Mapping[str, np.ndarray], config: TrainConfig | None = None) -> bool:
    """Do the weights read the sequence both ways? A reverse run's entries
    (``rnn.weight_ih_l0_reverse`` ...) say so, whatever the config; so does a config
    that says so. Files written before bidirectional layers existed are one-directional."""
    reverse_runs = any(k.startswith("rnn.") and k.endswith("_reverse") for k in state)
    return reverse_runs or (config is not None and config.bidirectional)


def _other_direction(
    state: Mapping[str, np.ndarray], model: SequenceModel, config: TrainConfig | None
) -> str | None:
    """The line of ``mismatch`` that says the file's weights run in the other
    direction(s) than the model's; None when both agree."""
    theirs = is_bidirectional(state, config)
    if theirs == model.bidirectional:
        return None
    if config is None:  # the weights alone: their cell is not known
        if theirs:
            return tr(
                "weights", "the file holds bidirectional weights, this model is one-directional"
            )
        return tr("weights", "the file holds one-directional weights, this model is bidirectional")
    if theirs:
        return tr(
            "weights",
            "the file holds a bidirectional {cell}, this model is one-directional",
            cell=config.cell,
        )
    return tr(
        "weights",
        "the file holds a one-directional {cell}, this model is bidirectional",
        cell=config.cell,
    )


def _other_task(
    state: Mapping[str, np.ndarray], model: SequenceModel, config: TrainConfig, task: str | None
) -> str | None:
    """The line of ``mismatch`` that names the task the file was trained on and its
    inputs and outputs per step (read from the file's weights) against the model's;
    None when they are the same, or when the file's sizes cannot be read."""
    w_ih, head = state.get("rnn.weight_ih_l0"), state.get("head.weight")
    if np.ndim(w_ih) != 2 or np.ndim(head) != 2:
        return None  # the entries' own lines say what is wrong
    theirs = (int(np.shape(w_ih)[1]), int(np.shape(head)[0]))  # (D, O) of the file
    mine = (model.input_size, model.output_size)
    if theirs == mine and (task is None or task == config.task):
        return None

    def title(key: str) -> str:
        return translate("tasks", TASKS[key].title) if key in TASKS else key

    def sizes(inputs: int, outputs: int) -> dict[str, str]:
        return {
            "inputs": tr_n("weights", inputs, "{n} input", "{n} inputs", n=inputs),
            "outputs": tr_n("weights", outputs, "{n} output", "{n} outputs", n=outputs),
        }

    file_sizes, model_sizes = sizes(*theirs), sizes(*mine)
    if task is None:
        return tr(
            "weights",
            "the file was trained on “{task}”, with {inputs} and {outputs} per step; "
            "this model has {model_inputs} and {model_outputs}",
            task=title(config.task),
            **file_sizes,
            model_inputs=model_sizes["inputs"],
            model_outputs=model_sizes["outputs"],
        )
    return tr(
        "weights",
        "the file was trained on “{task}”, with {inputs} and {outputs} per step; "
        "this model's task, “{mine}”, has {model_inputs} and {model_outputs}",
        task=title(config.task),
        mine=title(task),
        **file_sizes,
        model_inputs=model_sizes["inputs"],
        model_outputs=model_sizes["outputs"],
    )
