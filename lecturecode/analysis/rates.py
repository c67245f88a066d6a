r"""Rates from spectra and from measured distances: iterations to a tolerance, measured
per-step contraction, power-law exponents."""

from __future__ import annotations

import numpy as np

from ..validation import as_count, as_numeric_array, as_real_array, as_scalar, check_range

__all__ = ["iterations_to_reach", "empirical_rate", "loglog_slope"]


def iterations_to_reach(rate, eps: float = 1e-6):
    r"""Iterations until :math:`\rho^k \le \varepsilon`: :math:`\lceil \log\varepsilon / \log\rho\rceil`.

    ``inf`` where ``rate >= 1`` (no convergence).

    Examples
    --------
    >>> iterations_to_reach(0.5, 1e-3)
    10.0
    >>> iterations_to_reach([0.9, 1.0], 1e-6).tolist()
    [132.0, inf]
    """
    rate = check_range(as_real_array(rate, "rate"), "rate", low=0.0)
    eps = as_scalar(eps, "eps", low=0.0, high=1.0, low_open=True, high_open=True)
    with np.errstate(divide="ignore"):
        n = np.where(rate < 1.0, np.ceil(np.log(eps) / np.log(np.where(rate < 1.0, rate, 0.5))), np.inf)
    n = np.where(rate == 0.0, 1.0, n)
    return float(n) if n.ndim == 0 else n


def empirical_rate(distances, start: int, stop: int | None = None) -> np.ndarray | float:
    r"""Measured per-step contraction :math:`(d_{\text{stop}}/d_{\text{start}})^{1/(\text{stop}-\text{start})}`.

    ``distances`` has steps on axis 0 (as from :meth:`Trajectory.distance`); skip the
    transient with ``start``.
    """
    dist = _distances(distances)
    stop = dist.shape[0] - 1 if stop is None else as_count(stop, "stop", low=0)
    start = as_count(start, "start", low=0)
    if not start < stop < dist.shape[0]:
        raise ValueError(f"need 0 <= start < stop < {dist.shape[0]} (the length of distances), "
                         f"got start={start}, stop={stop}")
    first, last = dist[start], dist[stop]
    if np.any(first <= 0) or not np.all(np.isfinite(first)):
        raise ValueError("distances[start] must be positive and finite to measure a rate")
    with np.errstate(all="ignore"):
        r = np.where(np.isinf(last), np.inf, (last / first) ** (1.0 / (stop - start)))
    return float(r) if np.ndim(r) == 0 else r


def _distances(distances) -> np.ndarray:
    """Distances with steps on axis 0: non-negative, NaN-free (``inf`` marks divergence)."""
    dist = as_numeric_array(distances, "distances", what="an array of distances")
    if dist.ndim == 0 or dist.shape[0] < 2:
        raise TypeError(f"distances must be a real array with steps on axis 0 (at least 2), got {distances!r}")
    if np.isnan(dist).any():
        raise ValueError("distances must not contain NaN (a diverged run's distance is inf)")
    check_range(dist, "distances", low=0.0)
    return dist


def loglog_slope(x, y) -> float:
    """Least-squares slope of ``log y`` against ``log x`` (the exponent of a power law).

    Examples
    --------
    >>> loglog_slope([1, 10, 100], [3, 300, 30000])
    2.0
    """
    x, y = as_real_array(x, "x"), as_real_array(y, "y")
    if x.shape != y.shape or x.ndim != 1 or x.size < 2:
        raise ValueError(f"x and y must be 1-D arrays of the same length >= 2, got {x.shape}, {y.shape}")
    check_range(x, "x", low=0.0, low_open=True)
    check_range(y, "y", low=0.0, low_open=True)
    lx, ly = np.log(x), np.log(y)
    if np.ptp(lx) == 0:
        raise ValueError(f"x must hold at least two different values to fit a slope, got {x.tolist()}")
    lx, ly = lx - lx.mean(), ly - ly.mean()                    # least squares, no polyfit conditioning warning
    return round(float(np.dot(lx, ly) / np.dot(lx, lx)), 12)
