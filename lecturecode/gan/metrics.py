r"""How well generated samples cover a mixture's modes.

A sample is *near* mode :math:`k` when it lies within ``n_std`` standard deviations of the
mode's centre, :math:`\|x - m_k\| \le n_\sigma\sigma`. A mode is *covered* when a real share
of the samples is near it: at least ``min_share`` of the share :math:`1/K` that each of the
:math:`K` modes has in the data (by default a quarter of it, :math:`1/32` of the samples on the
ring of eight). One stray sample near a mode does not count. (With :math:`n_\sigma = 3` a
real 2-D sample is near its own mode with probability :math:`1 - e^{-9/2} \approx 0.989`.)
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..validation import as_numeric_array, as_scalar
from .data import Mixture

__all__ = ["ModeReport", "mode_report"]


class ModeReport(NamedTuple):
    """Mode coverage of one or many sample sets (arrays over their batch axes).

    Attributes
    ----------
    modes_covered : ndarray of int
        Modes with at least ``min_share / n_modes`` of the samples near them.
    fraction_near : ndarray of float
        Fraction of samples near some mode.
    n_modes : int
    """

    modes_covered: np.ndarray
    fraction_near: np.ndarray
    n_modes: int


def mode_report(samples, data: Mixture, *, n_std: float = 3.0, min_share: float = 0.25) -> ModeReport:
    """Modes covered and the fraction of samples near a mode.

    Parameters
    ----------
    samples : array_like, shape (..., n, dim)
        Sample sets; NaN samples (a diverged run) are near no mode.
    data : Mixture
    n_std : float
        The radius, in standard deviations of the modes.
    min_share : float
        A mode is covered when at least ``min_share / n_modes`` of the samples are near it
        (``0 < min_share <= 1``).

    Examples
    --------
    >>> from lecturecode.gan.data import ring_of_gaussians
    >>> ring = ring_of_gaussians()
    >>> r = mode_report(ring.sample(2000, seed=0), ring)
    >>> int(r.modes_covered), round(float(r.fraction_near), 2)
    (8, 0.99)
    >>> int(mode_report(np.zeros((10, 2)), ring).modes_covered)      # all at the centre
    0
    >>> one_each = np.concatenate([ring.means, np.zeros((504, 2))])     # one sample per mode of 512
    >>> int(mode_report(one_each, ring).modes_covered)                 # is not coverage
    0
    """
    if not isinstance(data, Mixture):
        raise TypeError(f"data must be a Mixture, got {data!r}")
    n_std = as_scalar(n_std, "n_std", low=0.0, low_open=True)
    min_share = as_scalar(min_share, "min_share", low=0.0, low_open=True, high=1.0)
    samples = as_numeric_array(samples, "samples", what="an array of real numbers (finite or NaN)")
    if samples.ndim < 2 or samples.shape[-1] != data.means.shape[1]:
        raise ValueError(f"samples must have shape (..., n, {data.means.shape[1]}), got {samples.shape}")
    if np.any(np.isinf(samples)):
        raise ValueError("samples must not be infinite (NaN marks a diverged run)")
    if samples.shape[-2] == 0:
        raise ValueError("samples must hold at least one sample")
    radius = n_std * data.std
    with np.errstate(over="ignore", invalid="ignore"):                     # a sample at 1e300 is near no mode
        dist = np.linalg.norm(samples[..., :, None, :] - data.means, axis=-1)  # (..., n, n_modes)
    near = np.where(np.isnan(dist), False, dist <= radius)
    share = near.mean(axis=-2)                                                # (..., n_modes)
    covered = share >= min_share / data.n_modes
    return ModeReport(covered.sum(axis=-1), near.any(axis=-1).mean(axis=-1), data.n_modes)
