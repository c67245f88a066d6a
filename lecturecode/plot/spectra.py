"""Eigenvalues in the complex plane against the unit circle."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes

from ..validation import as_eigenvalues as as_eigenvalues_array, as_flag, as_scalar
from .log_spectrum import LogRadiusPanel, log_radius_axes, log_radius_points
from .style import GREY, PALETTE, as_axes, labelled, legend_outside, new_axes

#: Largest eigenvalue modulus drawn as is (beyond it, points are pulled in to keep the axes finite).
_FAR = 1e150


def _eigenvalues(value, name: str) -> np.ndarray:
    """Finite complex eigenvalues (real input allowed), flattened."""
    return as_eigenvalues_array(value, name)

__all__ = ["eigenvalue_plot", "SpectrumPanel", "draw_unit_circle"]


def draw_unit_circle(ax) -> None:
    """The unit circle (the stability boundary of a discrete update) on ``ax``."""
    as_axes(ax)
    t = np.linspace(0, 2 * np.pi, 400)
    ax.plot(np.cos(t), np.sin(t), color="black", lw=1.0, label="unit circle")


def eigenvalue_plot(eigenvalues, ax=None, *, unit_circle: bool = True, strip: bool = True) -> Axes:
    r"""Eigenvalues in the complex plane, against the unit circle.

    Parameters
    ----------
    eigenvalues : dict {label: array of complex}
        Each array may have any shape (e.g. a sweep over step sizes: drawn light to
        dark along the first axis).
    strip : bool
        Add a strip under the plane with each eigenvalue's log-modulus against its angle
        (:func:`~lecturecode.plot.log_spectrum.log_radius_axes`: the unit circle is the line 0), so
        eigenvalues just inside and just outside the circle look different.
    """
    items = [(label, _eigenvalues(lam, f"eigenvalues[{label!r}]")) for label, lam in labelled(eigenvalues,
                                                                                                 "eigenvalues")]
    unit_circle = as_flag(unit_circle, "unit_circle")
    strip = as_flag(strip, "strip")
    ax = new_axes(ax, figsize=(4.5, 5.6) if strip else (4.5, 4.5))
    band = log_radius_axes(ax.inset_axes([0.0, -0.55, 1.0, 0.3]), log_lim=1.0, compact=True) if strip else None
    if unit_circle:
        draw_unit_circle(ax)
    markers = "os^Dv<>p"
    for i, (label, lam) in enumerate(items):
        with np.errstate(all="ignore"):
            small = lam * 1e-300                                   # a direction without overflowing |lam|
            far = np.abs(small) > _FAR * 1e-300
            lam = np.where(far, small / np.where(far, np.abs(small), 1.0) * _FAR, lam)
        colour = PALETTE[i % len(PALETTE)]
        if lam.ndim >= 2 and lam.shape[0] > 1:                     # a sweep: fade along axis 0
            shade = np.repeat(np.linspace(0.25, 1.0, lam.shape[0]), lam[0].size)
            style = dict(s=14, c=np.array([mpl.colors.to_rgba(colour, a) for a in shade]))
        else:
            style = dict(s=30, color=colour, zorder=3)
        ax.scatter(lam.real.ravel(), lam.imag.ravel(), marker=markers[i % 8], label=label, **style)
        if band is not None:
            points, clipped = log_radius_points(lam, 1.0)
            keep = ~clipped
            band.scatter(points[keep, 0], points[keep, 1], marker=markers[i % 8],
                         **{k: (v[keep] if k == "c" else v) for k, v in style.items() if k != "s"}, s=12)
    ax.axhline(0, color=GREY, lw=0.6)
    ax.axvline(0, color=GREY, lw=0.6)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xlabel(r"Re $\lambda$")
    ax.set_ylabel(r"Im $\lambda$")
    legend_outside(ax, below=band)
    return ax

class SpectrumPanel:
    """Eigenvalues of an update operator against the unit circle, moved in place.

    Eigenvalues beyond the frame are drawn hollow on its edge, in their direction, so a
    divergent setting still shows where its spectrum points. With ``strip`` (default), a
    :class:`~lecturecode.plot.log_spectrum.LogRadiusPanel` under the panel shows each
    eigenvalue's log-modulus against its angle, so that a spectral radius of 0.99 and one of
    1.01 look different.
    """

    def __init__(self, ax, eig_lim: float, *, strip: bool = True):
        self.ax = as_axes(ax)
        self.eig_lim = eig_lim = as_scalar(eig_lim, "eig_lim", low=0.0, low_open=True, high=1e150)
        draw_unit_circle(ax)
        self._inside = ax.scatter([], [], s=45, color=PALETTE[1], zorder=3)
        self._outside = ax.scatter([], [], s=60, facecolors="none", edgecolors=PALETTE[1], zorder=3)
        ax.axhline(0, color=GREY, lw=0.6)
        ax.axvline(0, color=GREY, lw=0.6)
        ax.set(xlim=(-eig_lim, eig_lim), ylim=(-eig_lim, eig_lim), xlabel=r"Re $\lambda$", ylabel=r"Im $\lambda$")
        ax.set_aspect("equal")
        self.artists = [self._inside, self._outside]
        self.strip = None
        if as_flag(strip, "strip"):
            self.strip = LogRadiusPanel(ax.inset_axes([0.0, -0.58, 1.0, 0.26]), log_lim=1.0, compact=True)
            self.artists += self.strip.artists

    def update(self, eigenvalues) -> float:
        """Show ``eigenvalues``; returns the spectral radius."""
        lam = _eigenvalues(eigenvalues, "eigenvalues").ravel()
        if lam.size == 0:
            raise ValueError("eigenvalues must not be empty")
        return self._show(lam)

    def _show(self, lam: np.ndarray) -> float:
        """:meth:`update` for checked eigenvalues (flat, finite, non-empty: a view's own numbers)."""
        radius = np.abs(lam)
        edge = 0.95 * self.eig_lim
        off = radius > edge
        with np.errstate(all="ignore"):
            shown = np.where(off, lam / np.maximum(radius, 1e-300) * edge, lam)
        self._inside.set_offsets(np.column_stack([shown.real[~off], shown.imag[~off]]).reshape(-1, 2))
        self._outside.set_offsets(np.column_stack([shown.real[off], shown.imag[off]]).reshape(-1, 2))
        if self.strip is not None:
            self.strip._show(lam)
        return float(radius.max())
