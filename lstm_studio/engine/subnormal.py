"""Keeping the backward pass off subnormal numbers.

Equations
---------
    |x| < tiny  ->  x := 0        tiny = finfo(dtype).tiny: 1.2e-38 (float32), 2.2e-308 (float64)

A gradient carried back over hundreds of steps shrinks geometrically: at a factor of
0.9 per step it has fallen by 1e-46 after 1000 steps. On its way to zero it passes
through the subnormal range below ``tiny``, where an x86 processor computes 10-100x
slower (a microcode assist per operation). Measured here (LSTM, H = B = 64, float32,
loss at the last step): 210 us per step at T = 100, 1470 us at T = 1000. No gradient
entry that matters is that small: one below ``tiny`` changes any normal sum it enters
by less than its rounding error. So the backward pass flushes them to zero, in one of
two ways, both measured by ``benchmarks/engine.py --long``:

``hardware``
    The processor's flush-to-zero and denormals-are-zero modes (MXCSR bits FTZ and
    DAZ), set for the length of a backward pass and restored after it, in the calling
    thread only. Nothing is computed on a subnormal number and the cost per step stays
    flat (210 us at T = 100 and at T = 2000). Set through the C library's
    ``fegetenv``/``fesetenv`` (glibc on x86-64 carries MXCSR in ``fenv_t``), so only
    there; checked once by computing a product that would be subnormal.
``loop``
    Elsewhere the backward loops zero the subnormal entries of dL/dh_{t-1} and
    dL/dc_{t-1} after each step (three passes over an (H, B) array, ~3 us). Products
    of those can still be subnormal, so this removes most of the slowdown, not all
    (LSTM at T = 1000: 450 us per step instead of 1470).

``MODE`` chooses: ``"auto"`` (hardware where it works, else loop), ``"hardware"``,
``"loop"`` or ``"off"``; tests and the benchmark set it to compare them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import platform
import sys
from contextlib import ContextDecorator

import numpy as np

MODE = "auto"
MODES = ("auto", "hardware", "loop", "off")

_FTZ_DAZ = 0x8040  # MXCSR bit 15 (flush to zero) and bit 6 (denormals are zero)
_MXCSR = 7  # index of the mxcsr word in glibc's x86-64 fenv_t, as 8 uint32 words


class _Mxcsr:
    """Read and write MXCSR through glibc's fenv_t (x86-64 Linux only)."""

    def __init__(self) -> None:
        self.lib = None
        if sys.platform != "linux" or platform.machine().lower() not in ("x86_64", "amd64"):
            return
        try:
            lib = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
            lib.fegetenv.argtypes = lib.fesetenv.argtypes = [ctypes.c_void_p]
            lib.fegetenv.restype = lib.fesetenv.restype = ctypes.c_int
        except (OSError, AttributeError):
            return
        self.lib = lib
        if not self._works():
            self.lib = None

    def get(self):
        env = (ctypes.c_uint32 * 8)()
        if self.lib.fegetenv(env) != 0:
            raise OSError("fegetenv failed")
        return env

    def set(self, env) -> None:
        if self.lib.fesetenv(env) != 0:
            raise OSError("fesetenv failed")

    def _works(self) -> bool:
        """Whether setting the bits makes a subnormal product zero, and clearing them
        brings it back (a foreign fenv_t layout would fail here, harmlessly)."""
        half = np.float32(0.5)
        small = np.array([np.finfo(np.float32).tiny], np.float32)
        try:
            saved = self.get()
            on = (ctypes.c_uint32 * 8)(*saved)
            on[_MXCSR] |= _FTZ_DAZ
            self.set(on)
            try:
                flushed = float((small * half)[0]) == 0.0
            finally:
                self.set(saved)
            kept = float((small * half)[0]) != 0.0
        except OSError:
            return False
        return flushed and kept


_mxcsr = _Mxcsr()


def hardware_available() -> bool:
    """True where the processor's flush-to-zero mode can be set (and was checked)."""
    return _mxcsr.lib is not None


def hardware_active() -> bool:
    """True while the calling thread computes with flush-to-zero on."""
    if _mxcsr.lib is None:
        return False
    return bool(_mxcsr.get()[_MXCSR] & _FTZ_DAZ == _FTZ_DAZ)


def loop_flush_needed() -> bool:
    """Whether the backward loops should zero subnormal entries themselves: in mode
    ``loop``, or in ``auto`` when the hardware mode is not on in this thread."""
    if MODE == "loop":
        return True
    if MODE in ("off", "hardware"):
        return False
    return not hardware_active()


class flush_to_zero(ContextDecorator):
    """Run the block with the processor's flush-to-zero and denormals-are-zero modes on
    in this thread (modes ``auto`` and ``hardware``, where available), then restore
    the previous mode, also when the block raises; ``as`` gives whether the hardware
    mode is on. Nests: an inner block leaves an outer one's mode alone. Also a
    decorator. (A class, not a generator: ~3 us a use instead of ~9.)"""

    __slots__ = ("_restore",)

    def _recreate_cm(self):
        return type(self)()  # as a decorator: a fresh instance per call (threads, recursion)

    def __enter__(self) -> bool:
        self._restore = False
        if MODE not in ("auto", "hardware") or _mxcsr.lib is None:
            return False
        env = _mxcsr.get()
        if env[_MXCSR] & _FTZ_DAZ == _FTZ_DAZ:
            return True  # already on (an outer block): nothing to set or restore
        env[_MXCSR] |= _FTZ_DAZ
        _mxcsr.set(env)
        self._restore = True
        return True

    def __exit__(self, *exc) -> bool:
        if self._restore:
            # clear only the two mode bits: the block may have raised floating-point
            # exception flags that NumPy reads
            env = _mxcsr.get()
            env[_MXCSR] &= ~_FTZ_DAZ & 0xFFFFFFFF
            _mxcsr.set(env)
        return False
