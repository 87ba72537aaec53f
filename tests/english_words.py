"""The English words left in a text meant to be Chinese (shared by the i18n tests)."""

import html
import re

# names that stay as they are in Chinese: cells, formats, libraries, optimizers, symbols,
# code (PyTorch's h.detach(), which truncated BPTT is)
ALLOWED = set(
    """lstm gru rnn cifg onnx csv png svg npz numpy pytorch torch adam sgd rmsprop float utf
    tanh sigmoid studio safetensors lstmrun rmse bptt json ini bpc max min exp log ctrl
    shift sin cos english detach""".split()
)
# a weight or bias with its subscripts run together in plain text: W_ii, b_hf, W_head
SYMBOL = re.compile(r"^[Wb](i|h|head)?[ifgonrzh]{0,2}$|^[Wb]head$")


def english_words(text: str) -> list[str]:
    """Words of three or more Latin letters outside tags, file names, parameter names and
    the names in ``ALLOWED``."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text or ""))
    plain = re.sub(r"[\w.-]+\.(lstmrun|safetensors|npz|onnx|csv|png|svg|json|txt)\b", " ", plain)
    plain = re.sub(r"\b(rnn|head)\.[\w.]+", " ", plain)  # PyTorch's parameter names
    plain = re.sub(r"\b(weight|bias)_\w+", " ", plain)  # and their short forms
    words = re.findall(r"[A-Za-z]{3,}", plain)
    return [w for w in words if w.lower() not in ALLOWED and not SYMBOL.match(w)]
