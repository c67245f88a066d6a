r"""Strong duality on a strongly convex-strongly concave game: the primal function
:math:`\varphi(x)=\max_y f` above, the dual :math:`\psi(y)=\min_x f` below, touching only at the
saddle point."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from ..analysis.duality import primal_dual
from ..validation import as_scalar
from .style import GREY, legend_outside, new_axes

__all__ = ["duality_plot"]


def duality_plot(quadratic, lim: float = 1.0, ax=None) -> Axes:
    r"""Draw :math:`\varphi(x)` against :math:`x - x^*` and :math:`\psi(y)` against :math:`y - y^*`
    over ``[-lim, lim]`` (:func:`~lecturecode.analysis.duality.primal_dual`), with the common
    value :math:`f(x^*, y^*)` where they meet; the vertical distance between the curves is the
    duality gap :math:`\varphi(x)-\psi(y)` at :math:`x = y` offsets. Neutral black and grey:
    the curves are not methods, so they take none of the registry's method colours.

    Parameters
    ----------
    quadratic : QuadraticMinimax
        One-dimensional players, :math:`A, C > 0`.
    lim : float
        Half-width in ``[1e-6, 1e6]``.

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> ax = duality_plot(quadratic_2d(1.0, 2.0, 1.0))
    >>> len(ax.get_lines())              # primal, dual, the saddle value, the zero line
    4
    """
    primal_dual(quadratic, 0.0, 0.0)                       # validates the game first
    lim = as_scalar(lim, "lim", low=1e-6, high=1e6)
    t = np.linspace(-lim, lim, 201)
    phi, psi = primal_dual(quadratic, quadratic.z_star[0] + t, quadratic.z_star[1] + t)
    ax = new_axes(ax, figsize=(6.0, 3.6))
    ax.plot(t, phi, color="black", lw=2, label=r"primal $\varphi(x)=\max_y f(x,y)$, against $x-x^*$")
    ax.plot(t, psi, color=GREY, lw=2.2, ls="--", label=r"dual $\psi(y)=\min_x f(x,y)$, against $y-y^*$")
    ax.plot([0.0], [0.0], "o", color="black", mfc="white", mew=2, ms=8,
            label=r"$\min_x\varphi=\max_y\psi=f(x^*,y^*)$")
    ax.axhline(0.0, color=GREY, lw=0.6)
    ax.set_xlabel("offset from the saddle point")
    ax.set_ylabel("value of the game")
    legend_outside(ax)
    return ax
