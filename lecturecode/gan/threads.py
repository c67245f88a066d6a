"""Run the training loop's small matrix products on one BLAS thread.

The GAN's products are small (a minibatch of 128 by 64 hidden units), so OpenBLAS's worker
threads cost more in start-up and, on a loaded machine, in waiting than they save: one thread
is 1–4× faster here. :func:`one_blas_thread` sets OpenBLAS (as bundled with NumPy) to one
thread for the duration of a ``with`` block and restores the previous count, like
``threadpoolctl``; where that library cannot be found it does nothing.
"""

from __future__ import annotations

import ctypes
from contextlib import contextmanager

__all__ = ["one_blas_thread"]

_SUFFIXES = ("scipy_openblas_{}_num_threads64_", "openblas_{}_num_threads64_", "openblas_{}_num_threads")


def _openblas():
    """``(get, set)`` of the OpenBLAS loaded by NumPy, or ``None``."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.split()[-1]}
    except OSError:
        return None
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for pattern in _SUFFIXES:
            get, set_ = getattr(lib, pattern.format("get"), None), getattr(lib, pattern.format("set"), None)
            if get is not None and set_ is not None:
                return get, set_
    return None


_LIB = _openblas()


@contextmanager
def one_blas_thread():
    """Within the block, NumPy's matrix products use one OpenBLAS thread.

    Examples
    --------
    >>> import numpy as np
    >>> with one_blas_thread():
    ...     float((np.ones((3, 3)) @ np.ones(3))[0])
    3.0
    """
    if _LIB is None:
        yield
        return
    get, set_ = _LIB
    previous = int(get())
    set_(1)
    try:
        yield
    finally:
        set_(previous)
