"""Files LSTM Studio reads and writes. NumPy only for now; plot export with Qt comes later."""

from .atomic import atomic_write, write_bytes_atomic, write_text_atomic
from .safetensors import SafetensorsError, load_safetensors, save_safetensors

__all__ = [
    "SafetensorsError",
    "atomic_write",
    "load_safetensors",
    "save_safetensors",
    "write_bytes_atomic",
    "write_text_atomic",
]
