"""Run the training loop's small matrix products on one BLAS thread.

The GAN's products are small (a minibatch of 128 by 64 hidden units), so the BLAS library's
worker threads cost more in start-up and, on a loaded machine, in waiting than they save: one
thread is 1–4× faster here. :func:`one_blas_thread` limits whichever BLAS NumPy uses (OpenBLAS,
MKL, BLIS) to one thread for the duration of a ``with`` block and restores it afterwards, with
``threadpoolctl`` (the library scikit-learn and joblib use for this).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from threadpoolctl import threadpool_limits

__all__ = ["one_blas_thread"]


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Within the block, NumPy's matrix products use one BLAS thread.

    Examples
    --------
    >>> import numpy as np
    >>> with one_blas_thread():
    ...     float((np.ones((3, 3)) @ np.ones(3))[0])
    3.0
    """
    with threadpool_limits(limits=1, user_api="blas"):
        yield
