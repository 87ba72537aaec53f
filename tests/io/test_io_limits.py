"""Small files that claim gigabytes are refused before anything of that size is
allocated: a run whose description claims a huge model, an npz bomb, a safetensors file
of many tensors or a huge header. Each message says which limit and by how much, and
stays short however many names the file holds (issue 14)."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest
from memory_helpers import peak_memory

from lstm_studio.engine import SequenceModel
from lstm_studio.io import npz, safetensors
from lstm_studio.io.npz import NpzError, load_npz
from lstm_studio.io.runs import RunFileError, open_run, save_run
from lstm_studio.io.safetensors import MAX_TENSORS, SafetensorsError, load_safetensors
from lstm_studio.io.weights import load_weights, mismatch
from lstm_studio.training import TrainConfig, Trainer


def test_a_small_run_claiming_a_huge_model_is_refused_before_building_it(tmp_path):
    arrays, meta = Trainer(TrainConfig.from_preset("binary-addition", hidden_size=8)).state()
    meta["config"].update(hidden_size=2048, num_layers=4, dtype="float64")
    path = tmp_path / "huge.lstmrun"
    save_run(path, arrays, meta)
    peak, error = peak_memory(lambda: open_run(path))
    assert isinstance(error, RunFileError)
    text = str(error)
    assert "2048" in text and "4 layers" in text and "(8192, 2)" in text, text
    assert len(text) < 1500, text
    # the model it claims holds about 1 GB of float64 weights; none of it was made
    assert peak < 30e6, peak


def _npz_bomb(path, megabytes: int) -> None:
    """An .npz whose one member is ``megabytes`` MB of float32 zeros, deflated."""
    n = megabytes * 2**18
    header = f"{{'descr': '<f4', 'fortran_order': False, 'shape': ({n},), }}"
    header += " " * (-(len(header) + 11) % 64) + "\n"
    npy = b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("rnn.weight_ih_l0.npy", "w") as member:
            member.write(npy)
            for _ in range(megabytes):
                member.write(bytes(2**20))


def test_an_npz_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    path = tmp_path / "bomb.npz"
    _npz_bomb(path, 8)
    assert path.stat().st_size < 20_000
    monkeypatch.setattr(npz, "MAX_INFLATED_BYTES", 2**20)
    peak, error = peak_memory(lambda: load_npz(path))
    assert isinstance(error, NpzError)
    text = str(error)
    assert "8388736" in text and "1048576" in text, text  # 8 MiB and the header
    assert peak < 4e6, peak  # the member alone would be 8 MB, and NumPy's copy 8 more


def test_the_npz_limit_leaves_room_for_real_weights():
    assert npz.MAX_INFLATED_BYTES >= 128 * 2**20


def _safetensors_of_empty_tensors(path, count: int, name_length: int = 8) -> None:
    entry = '{"dtype":"F32","shape":[0],"data_offsets":[0,0]}'
    names = (f"t{k:0{name_length - 1}d}" for k in range(count))
    head = ("{" + ",".join(f'"{n}":{entry}' for n in names) + "}").encode()
    head += b" " * (-len(head) % 8)
    path.write_bytes(len(head).to_bytes(8, "little") + head)


def test_a_safetensors_file_of_too_many_tensors_is_refused_before_parsing(tmp_path):
    path = tmp_path / "names.safetensors"
    _safetensors_of_empty_tensors(path, MAX_TENSORS + 1)
    peak, error = peak_memory(lambda: load_safetensors(path))
    assert isinstance(error, SafetensorsError)
    assert "4,097 tensors" in str(error) and "4,096" in str(error), error
    assert peak < 2e6, peak  # the header is read (about 250 kB), never parsed


def test_tensor_names_spelled_with_escapes_are_counted_after_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(safetensors, "MAX_TENSORS", 3)
    entry = '{"dtype":"F32","shape":[0],"data_\\u006fffsets":[0,0]}'
    head = ("{" + ",".join(f'"t{k}":{entry}' for k in range(4)) + "}").encode()
    head += b" " * (-len(head) % 8)
    path = tmp_path / "escaped.safetensors"
    path.write_bytes(len(head).to_bytes(8, "little") + head)
    with pytest.raises(SafetensorsError, match="4 tensors"):
        load_safetensors(path)


def test_a_safetensors_header_past_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "long.safetensors"
    n = safetensors.MAX_HEADER_BYTES + 8
    head = b'{"__metadata__":{"a":"' + b"x" * (n - 26) + b'"}}'
    head += b" " * (n - len(head))
    path.write_bytes(n.to_bytes(8, "little") + head)
    with pytest.raises(SafetensorsError, match="limit"):
        load_safetensors(path)
    assert safetensors.MAX_HEADER_BYTES <= 1 << 20


def test_a_long_tensor_name_is_cut_in_messages(tmp_path):
    path = tmp_path / "long-name.safetensors"
    name = "n" * 100_000
    head = json.dumps({name: {"dtype": "X9", "shape": [0], "data_offsets": [0, 0]}}).encode()
    head += b" " * (-len(head) % 8)
    path.write_bytes(len(head).to_bytes(8, "little") + head)
    with pytest.raises(SafetensorsError) as caught:
        load_safetensors(path)
    assert "unknown dtype" in str(caught.value) and len(str(caught.value)) < 400


def test_a_mismatch_lists_ten_names_and_how_many_more(tmp_path):
    model = SequenceModel("lstm", 2, 4, 1, 1)
    state = dict(model.state_dict())
    state.update({f"extra.{k}": np.zeros(1, np.float32) for k in range(1000)})
    problems = mismatch(state, model)
    text = "\n".join(problems)
    assert "extra.9," not in text and "extra.9 " in text, text
    assert "990 more" in text and len(text) < 600, text


def test_importing_a_file_of_too_many_tensors_gives_a_short_message(tmp_path):
    path = tmp_path / "names.safetensors"
    _safetensors_of_empty_tensors(path, 10_000)
    with pytest.raises(Exception) as caught:
        load_weights(path)
    assert "10,000 tensors" in str(caught.value) and len(str(caught.value)) < 400
