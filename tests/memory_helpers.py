"""Measuring what a call costs in memory (imported by name: pytest puts this folder on
sys.path)."""

import tracemalloc


def peak_memory(call) -> tuple[int, BaseException | None]:
    """The most memory (bytes, NumPy's included) ``call()`` held at once, and what it raised."""
    tracemalloc.start()
    try:
        call()
        error = None
    except Exception as e:
        error = e
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, error
