r"""The picture behind negative momentum and Chebyshev polynomials: the ellipse of eigenvalues
that tuned negative momentum contracts, next to Sim-GDA's disc, over the class's region
:math:`\{\operatorname{Re}\lambda\ge\mu,\ |\lambda|\le L\}`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from ..analysis.chebyshev import MomentumRegion, momentum_ellipse, region_boundary
from ..methods.registry import REGISTRY
from .style import GREY, legend_outside, new_axes

__all__ = ["momentum_region_plot"]


def momentum_region_plot(region: MomentumRegion, ax=None) -> Axes:
    r"""Draw the class's eigenvalue region (grey), Sim-GDA's disc
    :math:`|1-\eta\lambda|\le\rho` at its optimal step and negative momentum's ellipse
    (:func:`~lecturecode.analysis.chebyshev.momentum_ellipse`) at its tuned
    :math:`(\eta,\beta)`, each at the rate it reaches over the whole region, so each curve
    encloses the region and touches it where that method's rate is decided. Colours are the
    registry's.

    Parameters
    ----------
    region : MomentumRegion
        From :func:`~lecturecode.analysis.chebyshev.momentum_region`.

    Examples
    --------
    >>> from lecturecode.analysis.chebyshev import momentum_region
    >>> ax = momentum_region_plot(momentum_region(1.0, 3.0))
    >>> ax.get_aspect()
    1.0
    """
    if not isinstance(region, MomentumRegion):
        raise TypeError(f"region must be a MomentumRegion (from lecturecode.analysis.chebyshev.momentum_region), "
                        f"got {type(region).__name__}")
    ax = new_axes(ax, figsize=(6.0, 5.0))
    edge = region_boundary(region.mu, region.L)
    ax.fill(edge.real, edge.imag, color=GREY, alpha=0.3, lw=0,
            label=r"eigenvalues allowed: Re $\lambda\geq\mu$, $|\lambda|\leq L$")
    sim, nm = REGISTRY["Sim-GDA"], REGISTRY["Negative momentum"]
    disc = momentum_ellipse(region.sim_eta, 0.0, region.sim_rate)
    ax.plot(disc.real, disc.imag, color=sim.colour, lw=1.6, ls="--",
            label=rf"Sim-GDA: disc, $\eta={region.sim_eta:.3g}$, $\rho={region.sim_rate:.4f}$")
    ellipse = momentum_ellipse(region.nm_eta, region.nm_beta, region.nm_rate)
    ax.plot(ellipse.real, ellipse.imag, color=nm.colour, lw=1.8,
            label=(rf"negative momentum: ellipse, $\eta={region.nm_eta:.3g}$, $\beta={region.nm_beta:.3f}$, "
                   rf"$\rho={region.nm_rate:.4f}$"))
    centre = (1 + region.nm_beta) / region.nm_eta
    focus = 2 * np.sqrt(-region.nm_beta) / region.nm_eta if region.nm_beta < 0 else 0.0
    ax.plot([centre, centre], [focus, -focus], nm.marker, color=nm.colour, ms=6, ls="none",
            label=r"its foci $(1+\beta\pm 2i\sqrt{-\beta})/\eta$")
    ax.axhline(0.0, color=GREY, lw=0.6)
    ax.axvline(0.0, color=GREY, lw=0.6)
    ax.set_aspect("equal")
    ax.set_xlabel(r"Re $\lambda$")
    ax.set_ylabel(r"Im $\lambda$")
    legend_outside(ax)
    return ax
