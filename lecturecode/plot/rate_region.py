r"""The geometry of Sim-GDA's optimal rate: the eigenvalue region of the class and the disc
that a step size covers.

A :math:`\mu`-strongly monotone, :math:`L`-Lipschitz game has its game-Hessian eigenvalues
in :math:`\{\operatorname{Re}\lambda\ge\mu,\ |\lambda|\le L\}`. Sim-GDA with step
:math:`\eta` contracts by :math:`\rho` on an eigenvalue iff :math:`|1-\eta\lambda|\le\rho`,
i.e. iff :math:`\lambda` lies in the disc of radius :math:`\rho/\eta` around :math:`1/\eta`.
The optimal rate is the smallest :math:`\rho` for which some such disc holds the whole
region; it touches the region at the corner :math:`\mu + i\sqrt{L^2-\mu^2}`.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from ..methods.registry import REGISTRY
from ..validation import as_scalar
from .style import GREY, legend_outside, new_axes

__all__ = ["rate_region_plot"]


def rate_region_plot(mu: float, L: float, eta=None, ax=None) -> Axes:
    r"""The class's eigenvalue region, its corner, and Sim-GDA's disc
    :math:`|\lambda - 1/\eta| \le \rho(\eta)/\eta` for the step ``eta`` (default the optimal
    :math:`\mu/L^2`), where :math:`\rho(\eta)` is the worst :math:`|1-\eta\lambda|` over the
    region. It is attained at the corner: on the segment :math:`|1-\eta\lambda|` grows with
    :math:`|\operatorname{Im}\lambda|`, and on the arc with the angle.

    Parameters
    ----------
    mu, L : float
        ``1e-6 <= mu <= L <= 1e6``.
    eta : float, optional
        Step size in ``[1e-12, 1e6]``.

    Examples
    --------
    >>> ax = rate_region_plot(1.0, 3.0)
    >>> ax.get_aspect()
    1.0
    """
    mu = as_scalar(mu, "mu", low=1e-6, high=1e6)
    L = as_scalar(L, "L", low=1e-6, high=1e6)
    if not mu <= L:
        raise ValueError(f"L must be at least mu, got mu={mu:g}, L={L:g}")
    eta = mu / L**2 if eta is None else as_scalar(eta, "eta", low=1e-12, high=1e6)
    height = np.sqrt(L**2 - mu**2)
    corner = complex(mu, height)
    rho = abs(1 - eta * corner)
    ax = new_axes(ax, figsize=(6.0, 5.0))
    top = np.arccos(mu / L)
    theta = np.linspace(-top, top, 200)
    edge = np.concatenate([L * np.exp(1j * theta), [complex(mu, -height)]])
    ax.fill(edge.real, edge.imag, color=REGISTRY["Sim-GDA"].colour, alpha=0.25, lw=0,
            label=r"eigenvalues allowed: Re $\lambda\geq\mu$, $|\lambda|\leq L$")
    ax.plot(edge.real, edge.imag, color=REGISTRY["Sim-GDA"].colour, lw=1.2)
    circle = 1 / eta + rho / eta * np.exp(1j * np.linspace(0, 2 * np.pi, 400))
    ax.plot(circle.real, circle.imag, color=GREY, lw=1.4, ls="--",
            label=rf"$|1-\eta\lambda|\leq\rho$: disc around $1/\eta$ ($\eta={eta:.3g}$, $\rho={rho:.4f}$)")
    ax.plot([1 / eta], [0.0], "+", color=GREY, ms=9)
    ax.plot([corner.real, corner.real], [corner.imag, -corner.imag], "o", color="black", ms=6,
            label=r"corners $\mu\pm i\sqrt{L^2-\mu^2}$")
    ax.axhline(0.0, color=GREY, lw=0.6)
    ax.axvline(0.0, color=GREY, lw=0.6)
    ax.set_aspect("equal")
    ax.set_xlabel(r"Re $\lambda$")
    ax.set_ylabel(r"Im $\lambda$")
    legend_outside(ax)
    return ax
