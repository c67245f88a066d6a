r"""The monotone but not strongly monotone case: bilinear games, the restricted gap function,
and the :math:`O(1/k)` rate of averaged iterates.

For :math:`f(x, y) = (x - x^*)^\top B (y - y^*)` the restricted gap over the ball of radius
:math:`R` around the equilibrium has a closed form,

.. math::

    \operatorname{Gap}_R(\bar x, \bar y)
      = \max_{\lVert y - y^*\rVert \le R} f(\bar x, y) - \min_{\lVert x - x^*\rVert \le R} f(x, \bar y)
      = R\,\big(\lVert B^\top(\bar x - x^*)\rVert + \lVert B(\bar y - y^*)\rVert\big),

which is zero exactly at the equilibrium (when :math:`B` is invertible). Averaged iterates of
extragradient and optimistic GDA drive it to zero at rate :math:`O(1/k)` on convex-concave
problems (Nemirovski, 2004; Mokhtari, Ozdaglar & Pattathil, 2020), even where no last-iterate
linear rate is visible; the last iterate of Sim-GDA spirals out.

References
----------
Nemirovski, A. (2004). Prox-method with rate of convergence O(1/t) for variational
inequalities with Lipschitz continuous monotone operators and smooth convex-concave saddle
point problems. SIAM J. Optim. 15(1), 229–251.

Mokhtari, A., Ozdaglar, A. & Pattathil, S. (2020). Convergence rate of O(1/k) for optimistic
gradient and extragradient methods in smooth convex-concave saddle point problems. SIAM J.
Optim. 30(4), 3230–3251.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..games import QuadraticMinimax
from ..methods import Method
from ..simulation import simulate
from ..validation import as_count, as_points, as_scalar, finite_result

__all__ = ["bilinear_gap", "gap_curve"]          # gap_curve returns a GapCurve


def _bilinear(game):
    if not isinstance(game, QuadraticMinimax):
        raise TypeError(f"game must be a bilinear QuadraticMinimax game, got {game!r}")
    if np.any(game.A) or np.any(game.C):
        raise ValueError(f"game must be bilinear (A = C = 0) for the closed-form gap, {game.name} is not")
    return game


def bilinear_gap(game, z, radius: float = 1.0) -> np.ndarray:
    r"""The restricted gap :math:`R(\lVert B^\top(x - x^*)\rVert + \lVert B(y - y^*)\rVert)` of
    the points ``z`` (shape ``(..., d)``) on a bilinear game.

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> bilinear_gap(bilinear(2.0), [[0.0, 0.0], [1.0, 0.5]], radius=1.0)
    array([0., 3.])
    """
    game = _bilinear(game)
    z = as_points(z, game.d, "z")
    radius = as_scalar(radius, "radius", low=0.0, low_open=True, high=1e150)
    return finite_result(_gap(game, z, radius), "z", "the restricted gap")


def _gap(game, z, radius):
    """The restricted gap of checked points ``z`` (inf where a point is not finite)."""
    w = z - game.z_star
    x, y = w[..., : game.n_x], w[..., game.n_x:]
    with np.errstate(all="ignore"):
        gap = radius * (np.linalg.norm(x @ game.B, axis=-1) + np.linalg.norm(y @ game.B.T, axis=-1))
    return np.where(np.isfinite(gap), gap, np.inf)


class GapCurve(NamedTuple):
    """The gap of the last and of the averaged iterate after each step of one run."""

    k: np.ndarray
    last: np.ndarray
    averaged: np.ndarray
    label: str
    diverged: bool


def gap_curve(method: Method, game, z0, n_steps: int, *, radius: float = 1.0) -> GapCurve:
    r"""Run ``method`` on a bilinear ``game`` and measure the restricted gap of the last iterate
    :math:`z^{(k)}` and of the average :math:`\bar z^{(k)} = \frac1k\sum_{j=1}^{k} z^{(j)}`,
    for :math:`k = 1, \dots,` ``n_steps``.

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> from lecturecode.methods import extragradient
    >>> c = gap_curve(extragradient(0.5), bilinear(1.0), [1.0, 1.0], 100)
    >>> bool(c.averaged[-1] < 0.05 * c.averaged[0])
    True
    """
    if not isinstance(method, Method):
        raise TypeError(f"method must be a lecturecode Method, got {method!r}")
    if any(np.ndim(v) for v in method.hyper.values()):
        raise ValueError(f"method must have scalar hyper-parameters (one run), got {method.hyper!r}")
    game = _bilinear(game)
    z0 = as_points(z0, game.d, "z0")
    if z0.ndim != 1:
        raise ValueError(f"z0 must be one point of shape ({game.d},), got shape {z0.shape}")
    n_steps = as_count(n_steps, "n_steps", high=10**6)
    radius = as_scalar(radius, "radius", low=0.0, low_open=True, high=1e150)
    run = simulate(method, game, z0, n_steps)
    z = run.z[1:]
    k = np.arange(1, n_steps + 1)
    with np.errstate(all="ignore"):
        averaged = np.cumsum(z, axis=0) / k[:, None]
    last, avg = _gap(game, z, radius), _gap(game, averaged, radius)   # inf once the run has diverged
    return GapCurve(k, last, avg, method.label, bool(np.asarray(run.diverged).any()))
