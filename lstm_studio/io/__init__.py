"""Files LSTM Studio reads and writes. NumPy only for now; plot export with Qt comes later."""

from .safetensors import SafetensorsError, load_safetensors, save_safetensors

__all__ = ["SafetensorsError", "load_safetensors", "save_safetensors"]
