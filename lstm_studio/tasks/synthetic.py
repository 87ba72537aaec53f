"""The generated tasks: binary addition, echo, next prime, sin to cos, the adding
problem and copy / delayed recall. Each draws its sequences from a seeded
generator, so a seed gives the same batches every time."""

from __future__ import annotations

import math

import numpy as np

from ..translations import tr
from .base import (
    HELDOUT_SEED,
    Batch,
    Param,
    Preset,
    ProbeError,
    Task,
    parse_letters,
    scored_weight,
    split_list,
    symbol_letters,
)

HELDOUT_SIZE = 2048  # sequences in a generated held-out set (fewer when fewer exist)


# ============================================================================ binary addition
class BinaryAddition(Task):
    """a + b, one bit per step, least significant bit first.

    x_t = (bit t of a, bit t of b), target_t = bit t of a + b, for t = 0 .. n
    (the inputs are 0 at t = n, where the final carry comes out).
    """

    name = "binary-addition"
    title = "Binary addition"
    description = (
        "Two numbers arrive one bit per step, least significant bit first, and the "
        "network writes the bits of their sum. To get a bit right it must remember the "
        "carry from the step before: watch one unit of the cell or hidden state turn "
        "into a carry flag."
    )
    loss = "bce"
    input_kind = "2 bits per step (bit t of a and of b)"
    output_kind = "1 bit per step (bit t of a + b)"
    solved_when = "every bit of every held-out sum is right (sum accuracy 100 %)"
    params = (Param("bits", int, 8, "bits per number; the sum has one more", 2, 32),)
    preset = Preset("lstm", 16, "adam", 0.05, 64, 1000, eval_every=25)
    primary_metric = "sum_accuracy"

    def _setup(self):
        n = self.values["bits"]
        self.T = n + 1
        self.input_size, self.output_size = 2, 1
        # with few bits the held-out set is every pair, so training sees them too
        self.every_pair = 4**n <= HELDOUT_SIZE
        self._shifts = np.arange(self.T, dtype=np.uint64)

    def encode(self, a: np.ndarray, b: np.ndarray) -> Batch:
        """The batch for the pairs ``a[k] + b[k]`` (non-negative integers below 2**bits)."""
        a = np.asarray(a, np.uint64)
        b = np.asarray(b, np.uint64)
        bits = lambda v: ((v[None, :] >> self._shifts[:, None]) & np.uint64(1)).astype(np.float32)  # noqa: E731
        x = np.stack([bits(a), bits(b)], axis=2)  # (T, B, 2); bit n of a and b is 0
        target = bits(a + b)[:, :, None]  # (T, B, 1)
        return Batch(x, target)

    def _key(self, a, b):
        return (a << np.uint64(self.values["bits"])) | b

    def sample(self, rng, batch_size):
        n = self.values["bits"]
        ab = rng.integers(0, 2**n, size=(2, batch_size), dtype=np.uint64)
        if not self.every_pair:  # redraw the rare pairs that belong to the held-out set
            keys = self.heldout_keys()
            for _ in range(100):
                k = self._key(ab[0], ab[1])
                pos = np.minimum(np.searchsorted(keys, k), len(keys) - 1)
                bad = keys[pos] == k
                if not bad.any():
                    break
                ab[:, bad] = rng.integers(0, 2**n, size=(2, int(bad.sum())), dtype=np.uint64)
        return self.encode(ab[0], ab[1])

    def heldout_keys(self) -> np.ndarray:
        """The held-out pairs as sorted keys ``a << bits | b``."""
        self.heldout()
        return self._heldout_keys

    def _make_heldout(self, rng):
        n = self.values["bits"]
        if self.every_pair:
            a, b = np.divmod(np.arange(4**n, dtype=np.uint64), np.uint64(2**n))
        else:  # distinct random pairs, in the order drawn
            a = b = np.zeros(0, np.uint64)
            while len(a) < HELDOUT_SIZE:
                more = rng.integers(0, 2**n, size=(2, HELDOUT_SIZE), dtype=np.uint64)
                a, b = np.concatenate([a, more[0]]), np.concatenate([b, more[1]])
                _, first = np.unique(self._key(a, b), return_index=True)
                keep = np.sort(first)[:HELDOUT_SIZE]
                a, b = a[keep], b[keep]
        self._heldout_keys = np.sort(self._key(a, b))
        return self.encode(a, b)

    def probe(self) -> Batch:
        """The held-out pair with the most carries among the first 256: the one that
        shows the carry unit at work (with few bits the first pair is 0 + 0)."""
        hb = self.heldout()
        w = (2 ** np.arange(self.T)).astype(np.uint64)
        a = (hb.x[:, :256, 0].T.astype(np.uint64) @ w).astype(np.uint64)
        b = (hb.x[:, :256, 1].T.astype(np.uint64) @ w).astype(np.uint64)
        carries = [bin(int(c)).count("1") for c in ((a + b) ^ a ^ b)]
        k = int(np.argmax(carries))
        return hb.take(slice(k, k + 1))

    def _metrics(self, y, batch):
        right = (y[:, :, 0] > 0) == (batch.target[:, :, 0] > 0.5)  # (T, B)
        return {
            "bit_accuracy": float(right.mean()),
            "sum_accuracy": float(right.all(axis=0).mean()),
        }

    def solved(self, metrics):
        return metrics["sum_accuracy"] >= 1.0

    def numbers(self, batch: Batch) -> tuple[int, int]:
        """``(a, b)`` of the first sequence of ``batch``."""
        w = 2 ** np.arange(self.T)
        return tuple(int(w @ batch.x[:, 0, k].astype(np.int64)) for k in range(2))

    def probe_params(self):
        a, b = self.numbers(self.probe())
        top = 2 ** self.values["bits"] - 1
        return (
            Param("a", int, a, "the first number (a)", 0, top),
            Param("b", int, b, "the second number (b)", 0, top),
        )

    def _make_probe(self, values):
        return self.encode(np.array([values["a"]]), np.array([values["b"]]))


# ============================================================================ echo
class Echo(Task):
    """Emit a fixed short sequence whatever the (random) inputs.

    target_t = targets[t] for t = 0 .. T-1, x_t random in [0, 1)^D.
    """

    name = "echo"
    title = "Echo a fixed sequence"
    description = (
        "The first toy of the LSTM tutorials: the inputs are random noise and the network "
        "must emit the same short list of numbers every time. It has to ignore the "
        "inputs and count steps with its state: watch the output curve settle on the "
        "targets while the gates stop reacting to the noise."
    )
    loss = "mse"
    input_kind = "D random numbers in [0, 1) per step"
    output_kind = "1 number per step (the next target)"
    solved_when = "every held-out output is within 0.05 of its target"
    params = (
        Param("targets", str, "-0.5,0.2,0.1,-0.5", "the numbers to emit, comma-separated"),
        Param("input_size", int, 8, "random inputs per step", 1, 64),
    )
    preset = Preset("lstm", 16, "adam", 0.02, 32, 600, eval_every=25)
    primary_metric = "max_error"

    def _setup(self):
        text = self.values["targets"]
        try:
            values = [float(v) for v in split_list(text)]  # also 0.1，0.2 or 0.1、0.2
        except ValueError:
            raise ValueError(
                tr(
                    "task-params",
                    "echo parameter 'targets' must be numbers separated by commas, got {text!r}",
                    text=text,
                )
            ) from None
        if not 1 <= len(values) <= 50:
            raise ValueError(
                tr(
                    "task-params",
                    "echo parameter 'targets' must hold 1 to 50 numbers, got {n}",
                    n=len(values),
                )
            )
        if not all(math.isfinite(v) and abs(v) <= 10 for v in values):
            raise ValueError(
                tr(
                    "task-params",
                    "echo parameter 'targets' must be numbers in -10 .. 10, got {text!r}",
                    text=text,
                )
            )
        self.targets = np.array(values)
        self.T = len(values)
        self.input_size, self.output_size = self.values["input_size"], 1

    def sample(self, rng, batch_size):
        x = rng.random((self.T, batch_size, self.input_size), dtype=np.float32)
        target = np.broadcast_to(self.targets[:, None, None], (self.T, batch_size, 1))
        return Batch(x, np.ascontiguousarray(target))

    def _make_heldout(self, rng):
        return self.sample(rng, 256)

    def _metrics(self, y, batch):
        return {"max_error": float(np.abs(y - batch.target).max())}

    def probe_params(self):
        return (Param("seed", int, 0, "the seed of the random inputs", 0, 2**31 - 1),)

    def _make_probe(self, values):
        return self.sample(np.random.default_rng(values["seed"]), 1)

    def solved(self, metrics):
        return metrics["max_error"] < 0.05


# ============================================================================ next prime
def primes_below(limit: int) -> np.ndarray:
    """The primes p < limit, by the sieve of Eratosthenes."""
    sieve = np.ones(max(limit, 2), bool)
    sieve[:2] = False
    for p in range(2, math.isqrt(limit - 1) + 1):
        if sieve[p]:
            sieve[p * p :: p] = False
    return np.flatnonzero(sieve)


class NextPrime(Task):
    """Read a window of primes one per step (divided by ``limit``), then predict the next.

    x_t = p_{s+t} / limit for t = 0 .. W-1; the target at the last step is
    p_{s+W} / limit (the earlier steps carry their own next prime, unscored).
    """

    name = "next-prime"
    title = "Next prime"
    description = (
        "The tutorials' prime predictor: a window of consecutive primes, scaled into [0, 1), "
        "goes in one per step, and after the last one the network predicts the next "
        "prime. There is no formula to find: the network memorises the list, using the "
        "whole window to tell where it is, and the held-out set is every window of it. "
        "Look at how precise the output must become before rounding to the nearest "
        "prime gives the right answer everywhere."
    )
    loss = "mse"
    input_kind = "1 number per step (a prime / limit)"
    output_kind = "1 number (the next prime / limit)"
    scored = "the last step"
    solved_when = "for every window, the prime nearest the prediction is the true next prime"
    params = (
        Param("limit", int, 100, "use the primes below this number", 20, 2000),
        Param("window", int, 10, "primes per sequence", 2, 100),
    )
    preset = Preset("lstm", 32, "adam", 0.01, 16, 1500, eval_every=25)
    primary_metric = "accuracy"
    # the target at t is the input at t + 1 (only the last is scored): a next-element task
    target_is_later_input = True

    def _setup(self):
        self.primes = primes_below(self.values["limit"])
        W = self.values["window"]
        if len(self.primes) < W + 2:
            raise ValueError(  # limit >= 20: 8 primes or more
                tr(
                    "task-params",
                    "next-prime: there are {n} primes below {limit}, a window of {window} needs "
                    "at least {need}; raise 'limit' or lower 'window'",
                    n=len(self.primes),
                    limit=self.values["limit"],
                    window=W,
                    need=W + 2,
                )
            )
        self.T = W
        self.starts = len(self.primes) - W  # windows 0 .. starts-1 have a next prime
        self.scaled = self.primes / self.values["limit"]
        self.mask = np.zeros(W, np.float32)
        self.mask[-1] = 1
        self.input_size = self.output_size = 1

    def _windows(self, starts):
        idx = starts[None, :] + np.arange(self.T)[:, None]  # (T, B)
        return Batch(self.scaled[idx][:, :, None], self.scaled[idx + 1][:, :, None], self.mask)

    def sample(self, rng, batch_size):
        return self._windows(rng.integers(0, self.starts, batch_size))

    def _make_heldout(self, rng):
        return self._windows(np.arange(self.starts))

    def _metrics(self, y, batch):
        limit = self.values["limit"]
        pred = y[-1, :, 0] * limit
        true = np.rint(batch.target[-1, :, 0] * limit)
        # the nearest prime to each prediction
        pos = np.clip(np.searchsorted(self.primes, pred), 1, len(self.primes) - 1)
        lo, hi = self.primes[pos - 1], self.primes[pos]
        nearest = np.where(pred - lo <= hi - pred, lo, hi)
        return {
            "accuracy": float((nearest == true).mean()),
            "mean_abs_error": float(np.abs(pred - true).mean()),
        }

    def solved(self, metrics):
        return metrics["accuracy"] >= 1.0

    def probe_params(self):
        window = self.primes[: self.T]  # the held-out example: the first window
        return (
            Param(
                "primes",
                str,
                ", ".join(str(p) for p in window),
                "consecutive primes, separated by commas",
            ),
        )

    def _make_probe(self, values):
        limit, field = self.values["limit"], "primes"
        items = split_list(values["primes"])
        numbers = []
        for item in items:
            try:
                numbers.append(int(item))
            except ValueError:
                raise ProbeError(
                    tr("probe", "{item!r} is not a whole number", item=item), field
                ) from None
        if not 2 <= len(numbers) <= 100:
            raise ProbeError(tr("probe", "type 2 to 100 primes, got {n}", n=len(numbers)), field)
        at = np.searchsorted(self.primes, numbers)
        for k, (p, i) in enumerate(zip(numbers, at, strict=True)):
            if p >= limit:
                raise ProbeError(
                    tr(
                        "probe",
                        "{p} is not below the task's limit, {limit}",
                        p=p,
                        limit=limit,
                    ),
                    field,
                )
            if i >= len(self.primes) or self.primes[i] != p:
                raise ProbeError(tr("probe", "{p} is not a prime", p=p), field)
            if k and i != at[k - 1] + 1:
                between = self.primes[at[k - 1] + 1 : i]
                raise ProbeError(
                    tr(
                        "probe",
                        "{p} does not follow {q}: the primes must be consecutive "
                        "(the next prime after {q} is {r})",
                        p=p,
                        q=numbers[k - 1],
                        r=int(between[0]),
                    ),
                    field,
                )
        if at[-1] + 1 >= len(self.primes):
            raise ProbeError(
                tr(
                    "probe",
                    "the prime after {p} is not below the task's limit, {limit}: the network "
                    "could not be scored on it; end the window earlier",
                    p=numbers[-1],
                    limit=limit,
                ),
                field,
            )
        idx = at[:, None]  # (T, 1)
        mask = np.zeros(len(numbers), np.float32)
        mask[-1] = 1
        return Batch(self.scaled[idx][:, :, None], self.scaled[idx + 1][:, :, None], mask)


# ============================================================================ sin to cos
class SinToCos(Task):
    """x_t = sin(w t + phi), target_t = cos(w t + phi), w and phi random per sequence."""

    name = "sin-to-cos"
    title = "sin to cos"
    description = (
        "The tutorials' PyTorch example: a sine wave goes in and the cosine of the same "
        "angle must come out. One sine value fits two cosines (a rising and a falling "
        "wave), so the network has to remember the previous steps; the first steps are "
        "not scored while it catches the phase. Compare the prediction curve with the "
        "target as training goes on."
    )
    loss = "mse"
    input_kind = "1 number per step (sin)"
    output_kind = "1 number per step (cos)"
    scored = "every step after the warm-up"
    solved_when = "root-mean-square error below 0.05 on held-out waves"
    params = (
        Param("steps", int, 50, "steps per sequence", 10, 500),
        Param("min_speed", float, 0.1, "slowest wave, radians per step", 0.01, 1.5),
        Param("max_speed", float, 0.3, "fastest wave, radians per step", 0.01, 1.5),
        Param("warmup", int, 5, "first steps that are not scored", 0, 100),
    )
    preset = Preset("lstm", 32, "adam", 0.01, 32, 1500, eval_every=50)
    primary_metric = "rmse"

    def _setup(self):
        v = self.values
        if v["min_speed"] > v["max_speed"]:
            raise ValueError(
                tr(
                    "task-params",
                    "sin-to-cos: min_speed ({low}) is above max_speed ({high})",
                    low=v["min_speed"],
                    high=v["max_speed"],
                )
            )
        if v["warmup"] >= v["steps"]:
            raise ValueError(
                tr(
                    "task-params",
                    "sin-to-cos: warmup ({warmup}) must be below steps ({steps})",
                    warmup=v["warmup"],
                    steps=v["steps"],
                )
            )
        self.T = v["steps"]
        self.mask = (np.arange(self.T) >= v["warmup"]).astype(np.float32)
        self.input_size = self.output_size = 1

    def sample(self, rng, batch_size):
        v = self.values
        speed = rng.uniform(v["min_speed"], v["max_speed"], batch_size)
        phase = rng.uniform(0, 2 * np.pi, batch_size)
        angle = np.arange(self.T)[:, None] * speed + phase  # (T, B)
        return Batch(np.sin(angle)[:, :, None], np.cos(angle)[:, :, None], self.mask)

    def _make_heldout(self, rng):
        return self.sample(rng, 512)

    def _metrics(self, y, batch):
        w = scored_weight(batch.mask, *y.shape[:2])
        err = (y - batch.target)[:, :, 0][w]
        return {"rmse": float(np.sqrt(np.mean(err**2)))}

    def solved(self, metrics):
        return metrics["rmse"] < 0.05

    def probe_params(self):
        # the held-out example's wave: the first of the held-out set's draws (``sample``)
        rng = np.random.default_rng(HELDOUT_SEED)
        speed = float(rng.uniform(self.values["min_speed"], self.values["max_speed"], 512)[0])
        phase = float(rng.uniform(0, 2 * np.pi, 512)[0])
        return (
            Param("speed", float, round(speed, 4), "the wave's speed, radians per step", 0.01, 1.5),
            Param("phase", float, round(math.degrees(phase), 1), "the phase, in degrees", 0, 360),
        )

    def _make_probe(self, values):
        angle = np.arange(self.T)[:, None] * values["speed"] + math.radians(values["phase"])
        return Batch(np.sin(angle)[:, :, None], np.cos(angle)[:, :, None], self.mask)


# ============================================================================ adding problem
class AddingProblem(Task):
    """Hochreiter and Schmidhuber's adding problem.

    x_t = (u_t, m_t): u_t uniform in [0, 1), m_t = 1 at one step of the first half
    and one of the second half; target = the sum of the two marked u_t, scored at
    the last step only.
    """

    name = "adding"
    title = "The adding problem"
    description = (
        "Two channels: random values, and markers on exactly two steps, one in each "
        "half. At the last step the network must output the sum of the two marked "
        "values, so it has to keep the first one for up to T steps. Guessing 1 every "
        "time gives a loss of about 0.167; a plain RNN stays stuck there once T is a few "
        "dozen steps, while an LSTM learns to open its input gate at the markers and "
        "hold the value in its cell. Compare the gradient decay plots."
    )
    loss = "mse"
    input_kind = "2 numbers per step (a value and a 0/1 marker)"
    output_kind = "1 number (the sum of the marked values)"
    scored = "the last step"
    solved_when = "held-out mean squared error below 0.01 (guessing 1 gives about 0.167)"
    params = (Param("steps", int, 50, "sequence length T", 5, 2000),)
    preset = Preset("lstm", 32, "adam", 0.01, 64, 3000, eval_every=50)
    primary_metric = "loss"
    heldout_size = 1024

    def _setup(self):
        self.T = self.values["steps"]
        self.mask = np.zeros(self.T, np.float32)
        self.mask[-1] = 1
        self.input_size, self.output_size = 2, 1

    def sample(self, rng, batch_size):
        T, half = self.T, self.T // 2
        x = np.zeros((T, batch_size, 2), np.float32)
        x[:, :, 0] = rng.random((T, batch_size), dtype=np.float32)
        cols = np.arange(batch_size)
        first = rng.integers(0, half, batch_size)
        second = rng.integers(half, T, batch_size)
        x[first, cols, 1] = 1
        x[second, cols, 1] = 1
        target = np.zeros((T, batch_size, 1), np.float32)
        target[-1, :, 0] = x[first, cols, 0] + x[second, cols, 0]
        return Batch(x, target, self.mask)

    def _make_heldout(self, rng):
        return self.sample(rng, self.heldout_size)

    def _metrics(self, y, batch):
        err = np.abs(y[-1, :, 0] - batch.target[-1, :, 0])
        return {"accuracy": float((err < 0.04).mean())}  # Hochreiter's tolerance

    def probe_params(self):
        x = self.probe().x[:, 0]  # (T, 2)
        first, second = (int(t) for t in np.flatnonzero(x[:, 1]))
        T, half = self.T, self.T // 2
        return (
            Param("first", int, first, "the first marked step (first half)", 0, half - 1),
            Param(
                "first_value",
                float,
                round(float(x[first, 0]), 3),
                "the value at the first mark",
                0,
                1,
            ),
            Param("second", int, second, "the second marked step (second half)", half, T - 1),
            Param(
                "second_value",
                float,
                round(float(x[second, 0]), 3),
                "the value at the second mark",
                0,
                1,
            ),
        )

    def _make_probe(self, values):
        x = self.probe().x.copy()  # the held-out example's other values
        x[:, 0, 1] = 0
        for mark in ("first", "second"):
            x[values[mark], 0] = (values[mark + "_value"], 1)
        target = np.zeros((self.T, 1, 1), np.float32)
        target[-1, 0, 0] = values["first_value"] + values["second_value"]
        return Batch(x, target, self.mask)

    def solved(self, metrics):
        return metrics["loss"] < 0.01


# ============================================================================ copy
class DelayedRecall(Task):
    """Show k symbols, wait d blank steps, then recall the k symbols in order.

    x_t one-hot over A symbols plus a "recall now" channel; T = k + d + k; the
    targets are class indices, scored on the last k steps.
    """

    name = "copy"
    title = "Copy / delayed recall"
    description = (
        "A few symbols are shown, then nothing happens for a delay, then a signal asks "
        "for the symbols back in order. The delay is how long the memory must last: "
        "raise it and watch a plain RNN fall to chance (1 / symbols) while an LSTM's "
        "forget gates stay near 1 to carry the symbols across."
    )
    loss = "cross_entropy"
    input_kind = "one-hot symbol (or nothing) plus a recall flag"
    output_kind = "a probability for each symbol"
    scored = "the recall steps"
    solved_when = "at least 99 % of the held-out symbols recalled correctly"
    params = (
        Param("length", int, 5, "symbols to remember (k)", 1, 20),
        Param("delay", int, 10, "blank steps between showing and recalling (d)", 0, 2000),
        Param("symbols", int, 8, "size of the alphabet", 2, 26),
    )
    preset = Preset("lstm", 64, "adam", 0.01, 64, 3000, eval_every=50)
    small_preset = Preset(
        "lstm", 32, "adam", 0.02, 32, 2000, eval_every=50, params={"length": 3, "delay": 5}
    )
    primary_metric = "symbol_accuracy"
    heldout_size = 1024

    def _setup(self):
        k, d, A = self.values["length"], self.values["delay"], self.values["symbols"]
        self.T = 2 * k + d
        self.input_size, self.output_size = A + 1, A
        self.mask = np.zeros(self.T, np.float32)
        self.mask[k + d :] = 1

    def sample(self, rng, batch_size):
        k, d, A = self.values["length"], self.values["delay"], self.values["symbols"]
        sym = rng.integers(0, A, (k, batch_size))
        x = np.zeros((self.T, batch_size, A + 1), np.float32)
        np.put_along_axis(x[:k], sym[:, :, None], 1, axis=2)
        x[k + d :, :, A] = 1  # recall now
        target = np.zeros((self.T, batch_size), np.intp)
        target[k + d :] = sym
        return Batch(x, target, self.mask)

    def _make_heldout(self, rng):
        return self.sample(rng, self.heldout_size)

    def _metrics(self, y, batch):
        k = self.values["length"]
        right = y[-k:].argmax(axis=2) == batch.target[-k:]  # (k, B)
        return {
            "symbol_accuracy": float(right.mean()),
            "sequence_accuracy": float(right.all(axis=0).mean()),
        }

    def probe_params(self):
        k = self.values["length"]
        shown = symbol_letters(self.probe().target[-k:, 0])
        return (Param("symbols", str, " ".join(shown), "the symbols to remember"),)

    def _make_probe(self, values):
        k, d, A = self.values["length"], self.values["delay"], self.values["symbols"]
        sym = parse_letters(values["symbols"], k, A, "symbols")
        x = np.zeros((self.T, 1, A + 1), np.float32)
        x[np.arange(k), 0, sym] = 1
        x[k + d :, 0, A] = 1  # recall now
        target = np.zeros((self.T, 1), np.intp)
        target[k + d :, 0] = sym
        return Batch(x, target, self.mask)

    def solved(self, metrics):
        return metrics["symbol_accuracy"] >= 0.99


# ============================================================================ comes again
class ComesAgain(Task):
    """Mark each symbol that appears again later in the sequence.

    x_t one-hot over A symbols, drawn uniformly and independently; target_t = 1 when
    the symbol x_t is also one of x_{t+1} .. x_{T-1}, else 0; scored at every step.

    The answer at t lies in the future, which is independent of the past: whatever a
    network that reads forwards only has seen, the probability that x_t comes again is
    p_t = 1 - (1 - 1/A)^(T-1-t), so the best it can do is to mark every step where
    p_t > 1/2, right with probability max(p_t, 1 - p_t) (``one_way_ceiling``). A
    bidirectional network's backward direction has read x_{T-1} .. x_t by step t and
    can keep the set of symbols it has seen.
    """

    name = "comes-again"
    title = "Does it come again?"
    description = (
        "A random symbol arrives at each step, and the network must mark each one that "
        "appears again later in the sequence. The answer lies in the future: a network "
        "that reads forwards only can just guess from how many steps are left, while a "
        "bidirectional network, whose backward direction has already read the rest of "
        "the sequence, can know. Train it one way, then both ways."
    )
    loss = "bce"
    input_kind = "one-hot symbol"
    output_kind = "1 probability per step (this symbol comes again later)"
    solved_when = "at least 99 % of the held-out marks right"
    params = (
        Param("steps", int, 10, "sequence length T", 2, 200),
        Param("symbols", int, 8, "size of the alphabet", 2, 26),
    )
    preset = Preset("lstm", 32, "adam", 0.02, 64, 1500, eval_every=25, bidirectional=True)
    primary_metric = "accuracy"

    def _setup(self):
        self.T, A = self.values["steps"], self.values["symbols"]
        self.input_size, self.output_size = A, 1

    def encode(self, symbols: np.ndarray) -> Batch:
        """The batch of the symbol sequences ``symbols (T, B)`` (integers below A)."""
        T, B = symbols.shape
        A = self.values["symbols"]
        x = np.zeros((T, B, A), np.float32)
        np.put_along_axis(x, symbols[:, :, None], 1, axis=2)
        # seen[t] = the symbols at t+1 .. T-1: a running "or" from the end
        seen = np.zeros((T, B, A), bool)
        seen[:-1] = np.logical_or.accumulate(x[::-1] > 0, axis=0)[::-1][1:]
        target = np.take_along_axis(seen, symbols[:, :, None], axis=2).astype(np.float32)
        return Batch(x, target)  # target (T, B, 1)

    def sample(self, rng, batch_size):
        return self.encode(rng.integers(0, self.values["symbols"], (self.T, batch_size)))

    def _make_heldout(self, rng):
        return self.sample(rng, HELDOUT_SIZE)

    def _metrics(self, y, batch):
        right = (y[:, :, 0] > 0) == (batch.target[:, :, 0] > 0.5)  # (T, B)
        return {
            "accuracy": float(right.mean()),
            "sequence_accuracy": float(right.all(axis=0).mean()),
        }

    def solved(self, metrics):
        return metrics["accuracy"] >= 0.99

    def probe_params(self):
        shown = symbol_letters(self.probe().x[:, 0].argmax(axis=1))
        return (Param("symbols", str, " ".join(shown), "the symbols, one per step"),)

    def _make_probe(self, values):
        sym = parse_letters(values["symbols"], self.T, self.values["symbols"], "symbols")
        return self.encode(sym[:, None])

    def comes_again_probability(self) -> np.ndarray:
        """``p (T,)``: the probability that the symbol at t appears again later, over the
        random sequences (what a network that cannot see the future can know)."""
        left = self.T - 1 - np.arange(self.T)  # steps after t
        return 1.0 - (1.0 - 1.0 / self.values["symbols"]) ** left

    def one_way_ceiling(self) -> float:
        """The expected share of marks right for the best network that reads forwards
        only: at each step the likelier answer, right with ``max(p_t, 1 - p_t)``."""
        p = self.comes_again_probability()
        return float(np.maximum(p, 1.0 - p).mean())
