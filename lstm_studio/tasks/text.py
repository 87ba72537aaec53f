"""Character-level text: predict the next character of a shipped corpus, and
sample new text from a trained model at a chosen temperature."""

from __future__ import annotations

import math
import unicodedata

import numpy as np

from ..engine import SequenceModel
from ..paths import resource
from ..translations import not_one_of, tr
from .base import Batch, Param, Preset, ProbeError, Task

CORPORA = {"english": "english.txt", "chinese": "chinese.txt"}
# solved at this x the bits per character that letter frequencies alone need: what a small
# LSTM reaches on held-out text in a few hundred steps. The Chinese anthology has 2,144
# different characters in 20,555, so past the shape of a poem (punctuation every 5 or 7
# characters, line breaks, titles) a character-level model has little to generalise from.
CORPUS_TARGET = {"english": 0.65, "chinese": 0.96}
OWN_TEXT_TARGET = 0.9
HELDOUT_FRACTION = 0.1  # a tenth of the text is never trained on
STRETCHES = 50  # the text is cut into this many stretches; every tenth is held out
MAX_HELDOUT = 256  # held-out windows
# Most different characters a text may have: each is one input and one output of the
# model, and a held-out batch holds T x 256 x V numbers (the Chinese corpus has 2,144;
# running Chinese text rarely uses more than 7,000).
MAX_VOCABULARY = 8000
MAX_PROMPT = 1000  # characters of a prompt a learner types as the probe


#: the sign shown for a character that draws nothing, so a reader sees it was there
VISIBLE_SIGNS = {" ": "␣", "\n": "↵", "\r": "↵", "\t": "⇥"}
#: the sign of any other space, control or format character (a no-break space, an
#: ideographic space, a zero-width joiner in a text of one's own)
INVISIBLE_SIGN = "⍽"


def visible_char(c: str) -> str:
    """Character ``c`` as a reader can see it on an axis or in a table: a space, a line
    break and a tab as ``VISIBLE_SIGNS``, any other blank or invisible character as
    ``INVISIBLE_SIGN``, the rest as it is."""
    sign = VISIBLE_SIGNS.get(c)
    if sign is not None:
        return sign
    if unicodedata.category(c) in ("Zs", "Zl", "Zp", "Cc", "Cf"):
        return INVISIBLE_SIGN
    return c


def load_corpus(name: str) -> str:
    """The text of a shipped corpus (UTF-8, LF line ends)."""
    if name not in CORPORA:
        raise ValueError(not_one_of(tr("choices", "corpus"), name, CORPORA))
    return resource("corpora", CORPORA[name]).read_text("utf-8").replace("\r\n", "\n")


class CharText(Task):
    """Next-character prediction over a text.

    x_t = one-hot(character s + t) over the V characters of the text, target_t =
    the index of character s + t + 1, scored at every step.
    """

    name = "text"
    title = "Character-level text"
    description = (
        "Read a text one character at a time and predict the next one, then let the "
        "network write by sampling from its own predictions. Watch the loss fall below "
        "what letter frequencies alone allow, and sample at a low temperature (safe, "
        "repetitive) and a high one (inventive, misspelt)."
    )
    loss = "cross_entropy"
    input_kind = "one-hot character"
    output_kind = "a probability for each character of the text"
    solved_when = (
        "held-out bits per character at most target_ratio x what the letter frequencies "
        "alone need (target_ratio 0: 0.65 for English, 0.96 for Chinese, 0.9 for your own text)"
    )
    params = (
        Param("corpus", str, "english", "the shipped text", choices=tuple(CORPORA)),
        Param("steps", int, 32, "characters per training sequence", 4, 512),
        Param(
            "target_ratio",
            float,
            0.0,
            "solved at this x the letter-frequency bits per character (0: the corpus's own)",
            0.0,
            1.0,
        ),
    )
    preset = Preset("lstm", 64, "adam", 0.01, 16, 2000, clip=5.0, eval_every=50)
    primary_metric = "bits_per_char"
    heldout_size = MAX_HELDOUT
    target_is_later_input = True  # the target at t is the input at t + 1

    def _setup(self):
        corpus = load_corpus(self.values["corpus"])
        self._use_text(corpus, self.values["steps"], tr("task-params", "the corpus"))

    def _use_text(self, text: str, T: int, what: str) -> None:
        chars = sorted(set(text))
        if len(chars) > MAX_VOCABULARY:
            raise ValueError(
                tr(
                    "task-params",
                    "{what} has {n:,} different characters, {over:,} more than the {limit:,} a "
                    "text can have here (each one is an input and an output of the network): "
                    "use a text with fewer different characters",
                    what=what,
                    n=len(chars),
                    over=len(chars) - MAX_VOCABULARY,
                    limit=MAX_VOCABULARY,
                )
            )
        if len(chars) < 2:
            raise ValueError(
                tr(
                    "task-params",
                    "{what} has fewer than 2 different characters: nothing to predict",
                    what=what,
                )
            )
        self.vocab = "".join(chars)
        self.index = {c: k for k, c in enumerate(chars)}
        codes = np.fromiter((self.index[c] for c in text), np.int32, len(text))
        need = math.ceil((T + 1) / HELDOUT_FRACTION)
        if len(codes) < need:
            raise ValueError(  # 2 characters or more: a single one was caught above
                tr(
                    "task-params",
                    "{what} has {n} characters; sequences of {steps} need at least {need} "
                    "(a tenth is held out)",
                    what=what,
                    n=len(codes),
                    steps=T,
                    need=need,
                )
            )
        # held out: every tenth stretch, so the held-out text samples the whole text
        # (a poem anthology or a novel changes style from start to end)
        size = max(T + 1, len(codes) // STRETCHES)
        stretch = np.arange(len(codes)) // size
        held = stretch % 10 == 9
        self.T = T
        self.train_codes = codes[~held]
        self.heldout_codes = codes[held]
        self._heldout_starts = np.concatenate(
            [
                np.arange(k * size, min((k + 1) * size, len(codes)) - T, T)
                for k in np.unique(stretch[held])
            ]
        )
        self._codes = codes
        # training windows start where all T + 1 characters lie in one training stretch,
        # so no window reads across a held-out cut
        starts = np.arange(len(codes) - T)
        self._train_starts = starts[(stretch[starts] == stretch[starts + T]) & ~held[starts]]
        self.input_size = self.output_size = len(chars)
        freq = np.bincount(self.train_codes, minlength=len(chars)) / len(self.train_codes)
        nz = freq[freq > 0]
        self.unigram_bits = float(-(nz * np.log2(nz)).sum())  # what frequencies alone give

    def heldout_text(self, n: int = 2000) -> str:
        """Up to ``n`` characters of the held-out text, which no training batch reads: its
        stretches joined in order (a cut may fall mid-line, as the held-out windows do),
        from the start of its first whole line when one begins within its first
        ``n // 4`` characters (so counting along a line starts where a line does)."""
        codes = self.heldout_codes
        start = 0
        if "\n" in self.index:
            breaks = np.flatnonzero(codes[: max(n // 4, 1)] == self.index["\n"])
            if len(breaks) and len(codes) - breaks[0] - 1 >= min(n, len(codes)) // 2:
                start = int(breaks[0]) + 1
        return "".join(self.vocab[k] for k in codes[start : start + n])

    def step_labels(self, x: np.ndarray) -> tuple[str, ...]:
        """The character read at each step of ``x (T, V)`` (one-hot), as ``visible_char``
        shows it."""
        return tuple(visible_char(self.vocab[int(k)]) for k in np.asarray(x).argmax(axis=1))

    def one_hot(self, codes: np.ndarray) -> np.ndarray:
        """``(T, B)`` character indices -> ``(T, B, V)`` float32 one-hot."""
        x = np.zeros(codes.shape + (self.input_size,), np.float32)
        np.put_along_axis(x, codes[..., None], 1, axis=-1)
        return x

    def _windows(self, codes, starts) -> Batch:
        seq = codes[starts[None, :] + np.arange(self.T + 1)[:, None]]  # (T+1, B)
        return Batch(self.one_hot(seq[:-1]), seq[1:].astype(np.intp))

    def sample(self, rng, batch_size):
        starts = self._train_starts[rng.integers(0, len(self._train_starts), batch_size)]
        return self._windows(self._codes, starts)

    def _make_heldout(self, rng):
        starts = self._heldout_starts
        if len(starts) > MAX_HELDOUT:  # spread over every held-out stretch
            starts = starts[np.linspace(0, len(starts) - 1, MAX_HELDOUT).round().astype(int)]
        return self._windows(self._codes, starts)

    def _metrics(self, y, batch):
        return {"accuracy": float((y.argmax(axis=2) == batch.target).mean())}

    def evaluate(self, model, chunk=4096):
        metrics = super().evaluate(model, chunk)
        metrics["bits_per_char"] = metrics["loss"] / math.log(2)
        return metrics

    @property
    def target_bits(self) -> float:
        """The held-out bits per character that count as solved."""
        ratio = self.values["target_ratio"] or CORPUS_TARGET.get(
            self.values.get("corpus"), OWN_TEXT_TARGET
        )
        return ratio * self.unigram_bits

    def solved(self, metrics):
        return metrics["bits_per_char"] <= self.target_bits

    def probe_params(self):
        p = self.probe()
        codes = np.append(p.x[:, 0].argmax(axis=1), p.target[-1, 0])  # the window's text
        return (Param("prompt", str, "".join(self.vocab[int(c)] for c in codes), "your text"),)

    def check_prompt(self, prompt: str, field: str = "prompt") -> np.ndarray:
        """The character indices of ``prompt``; raises ``ProbeError`` on ``field`` for an
        empty or too long prompt, or one with characters the text never uses (named)."""
        if not prompt:
            raise ProbeError(tr("probe", "type some text: the prompt is empty"), field)
        if len(prompt) < 2:
            raise ProbeError(
                tr(
                    "probe",
                    "type at least 2 characters: the network's guess of the second is the "
                    "first one scored",
                ),
                field,
            )
        if len(prompt) > MAX_PROMPT:
            raise ProbeError(
                tr(
                    "probe",
                    "the prompt has {n:,} characters; at most {limit:,} are shown",
                    n=len(prompt),
                    limit=MAX_PROMPT,
                ),
                field,
            )
        return self.codes(prompt, field)

    def codes(self, text: str, field: str | None = "prompt") -> np.ndarray:
        """The character indices of ``text``; a ``ProbeError`` (on ``field``) names the
        characters the text never uses."""
        unknown = sorted({c for c in text if c not in self.index})
        if unknown:
            raise ProbeError(
                tr(
                    "task-params",
                    "the prompt has characters the text never uses: {chars}",
                    chars=", ".join(map(repr, unknown)),
                ),
                field,
            )
        return np.fromiter((self.index[c] for c in text), np.intp, len(text))

    def _make_probe(self, values):
        """x = the prompt's characters; the target at t is the character at t + 1, and
        the last step, whose next character nobody typed, is not scored (its prediction
        is the network's guess of what comes next)."""
        codes = self.check_prompt(values["prompt"])
        target = np.append(codes[1:], codes[-1])[:, None]
        mask = np.ones(len(codes), np.float32)
        mask[-1] = 0
        return Batch(self.one_hot(codes[:, None]), target, mask)

    @staticmethod
    def prompt_of(values) -> str:
        """The prompt of a probe's ``values`` ("" for the held-out example)."""
        return (values or {}).get("prompt", "")

    def generate(
        self,
        model: SequenceModel,
        prompt: str = "",
        length: int = 200,
        temperature: float = 1.0,
        seed: int = 0,
    ) -> str:
        """Text written by ``model``: it reads ``prompt``, then samples ``length``
        characters, each from softmax(y / temperature); temperature 0 takes the most
        likely character every time."""
        if not (isinstance(length, int) and length >= 0):
            raise ValueError(
                tr(
                    "task-params",
                    "length must be a non-negative whole number, got {length!r}",
                    length=length,
                )
            )
        if not (math.isfinite(temperature) and temperature >= 0):
            raise ValueError(
                tr(
                    "task-params",
                    "temperature must be 0 or more, got {temperature!r}",
                    temperature=temperature,
                )
            )
        prompt_codes = self.codes(prompt)
        rng = np.random.default_rng(seed)
        state = None
        codes = list(prompt_codes) or [int(self.train_codes[0])]
        y, state = model.forward(self.one_hot(np.array(codes)[:, None]), state, return_state=True)
        out = []
        for _ in range(length):
            logits = y[-1, 0].astype(np.float64)
            if temperature == 0:
                k = int(logits.argmax())
            else:
                p = np.exp((logits - logits.max()) / temperature)
                k = int(rng.choice(len(p), p=p / p.sum()))
            out.append(self.vocab[k])
            y, state = model.forward(self.one_hot(np.array([[k]])), state, return_state=True)
        return "".join(out)
