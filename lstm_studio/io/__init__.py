"""Files LSTM Studio reads and writes: runs, safetensors (through the ``safetensors``
package, behind our own checks), npz and ONNX weights, atomic writes. No Qt."""

from .atomic import atomic_write, remove_stale_temps, write_bytes_atomic, write_text_atomic
from .npz import NpzError, load_npz, save_npz
from .runs import RunFileError, load_run, open_run, save_run, save_trainer
from .safetensors import SafetensorsError, load_safetensors, save_safetensors

__all__ = [
    "NpzError",
    "RunFileError",
    "SafetensorsError",
    "load_npz",
    "load_run",
    "open_run",
    "remove_stale_temps",
    "save_npz",
    "save_run",
    "save_trainer",
    "atomic_write",
    "load_safetensors",
    "save_safetensors",
    "write_bytes_atomic",
    "write_text_atomic",
]
