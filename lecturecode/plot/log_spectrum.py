r"""Eigenvalues by angle and log-modulus: the unit circle becomes the line
:math:`\log|\lambda| = 0`, so a spectral radius of 0.99 and one of 1.01 sit visibly on
opposite sides of it (in the complex plane they are a line-width apart)."""

from __future__ import annotations

import matplotlib.ticker as mticker
import numpy as np
from matplotlib.axes import Axes

from ..validation import as_eigenvalues as as_eigenvalues_array, as_flag, as_scalar
from .style import GREY, PALETTE, as_axes

__all__ = ["LogRadiusPanel", "LINEAR_BAND", "log_radius_axes", "log_radius_points"]

#: Half-width of the band around :math:`\log|\lambda| = 0` drawn on a linear scale.
LINEAR_BAND = 0.01


def log_radius_axes(ax, *, log_lim: float = 3.0, compact: bool = False) -> Axes:
    """Set up ``ax`` for eigenvalues by angle and log-modulus (see :class:`LogRadiusPanel`):
    the unit circle is the line 0, the divergent side is shaded."""
    ax, log_lim = as_axes(ax), _log_lim(log_lim)
    compact = as_flag(compact, "compact")
    ax.axhspan(0.0, log_lim, color=PALETTE[1], alpha=0.08, lw=0)
    ax.axhline(0.0, color="black", lw=1.0)
    for y in (-LINEAR_BAND, LINEAR_BAND):
        ax.axhline(y, color=GREY, lw=0.5, ls=":")
    ax.set_yscale("symlog", linthresh=LINEAR_BAND, linscale=1.5)
    ax.set(xlim=(-185, 185), ylim=(-log_lim, log_lim), xticks=[-180, -90, 0, 90, 180],
           xlabel=r"arg $\lambda$ (degrees)",
           ylabel=r"$\log|\lambda|$" if compact else r"$\log|\lambda|$  (0 = unit circle)")
    if compact:                                            # a small strip: label only the band at the circle
        ax.set_yticks([-LINEAR_BAND, 0.0, LINEAR_BAND], [f"\u2212{LINEAR_BAND:g}", "0", f"+{LINEAR_BAND:g}"])
        ax.yaxis.set_minor_locator(mticker.NullLocator())
        ax.xaxis.labelpad = 1
    return ax


def _log_lim(value) -> float:
    return as_scalar(value, "log_lim", low=1e-3, high=700.0)         # beyond e**700 a modulus overflows


def as_eigenvalues(value, name: str = "eigenvalues", *, flat: bool = True) -> np.ndarray:
    """Finite complex eigenvalues (flattened), at least one (else an error naming ``name``)."""
    lam = as_eigenvalues_array(value, name)
    lam = lam.ravel() if flat else lam
    if lam.size == 0:
        raise ValueError(f"{name} must not be empty")
    return lam


def log_radius_points(eigenvalues, log_lim: float = 3.0) -> tuple[np.ndarray, np.ndarray]:
    """``(positions, clipped)``: eigenvalues at (arg in degrees, log-modulus), those beyond
    ``±log_lim`` moved onto the edge and flagged."""
    return _log_radius_points(as_eigenvalues(eigenvalues), _log_lim(log_lim))


def _log_radius_points(lam: np.ndarray, log_lim: float) -> tuple[np.ndarray, np.ndarray]:
    """:func:`log_radius_points` of checked eigenvalues (flat, finite, non-empty) and limit."""
    with np.errstate(divide="ignore"):
        y = np.log(np.abs(lam))
    edge = 0.97 * log_lim
    clipped = np.abs(y) > edge
    return np.column_stack([np.degrees(np.angle(lam)), np.clip(y, -edge, edge)]), clipped


class LogRadiusPanel:
    r"""Eigenvalues at (:math:`\arg\lambda` in degrees, :math:`\log|\lambda|`) on a symmetric-log
    axis: linear within :math:`\pm` :data:`LINEAR_BAND` of the unit circle (where
    :math:`\rho = 0.99` and :math:`1.01` land near :math:`-0.01` and :math:`+0.01`), logarithmic
    beyond. Outside ``[-log_lim, log_lim]`` points are drawn hollow on the edge. Above the
    line (divergent) is shaded.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> panel = LogRadiusPanel(Figure().subplots())
    >>> panel.update([0.99, 1.01j])
    1.01
    >>> panel.points.get_offsets().round(4).tolist()
    [[0.0, -0.0101], [90.0, 0.01]]
    """

    def __init__(self, ax, *, log_lim: float = 3.0, compact: bool = False):
        self.ax, self.log_lim = as_axes(ax), _log_lim(log_lim)
        log_radius_axes(ax, log_lim=self.log_lim, compact=compact)
        self.points = ax.scatter([], [], s=40, color=PALETTE[1], zorder=3)
        self._clipped = ax.scatter([], [], s=50, facecolors="none", edgecolors=PALETTE[1], zorder=3)
        self.artists = [self.points, self._clipped]

    def update(self, eigenvalues) -> float:
        """Show ``eigenvalues``; returns the spectral radius."""
        return self._show(as_eigenvalues(eigenvalues))

    def _show(self, lam: np.ndarray) -> float:
        """:meth:`update` for checked eigenvalues (flat, finite, non-empty: a view's own numbers)."""
        xy, off = _log_radius_points(lam, self.log_lim)
        self.points.set_offsets(xy[~off].reshape(-1, 2))
        self._clipped.set_offsets(xy[off].reshape(-1, 2))
        return float(np.abs(lam).max())
