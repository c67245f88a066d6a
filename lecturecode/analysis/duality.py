r"""The strongly-convex–strongly-concave setting: primal and dual functions, and the minimax
theorem checked on a grid.

For :math:`f` convex in :math:`x` and concave in :math:`y` the **primal** and **dual** functions

.. math::

    \varphi(x) = \max_y f(x, y), \qquad \psi(y) = \min_x f(x, y)

satisfy :math:`\psi(y) \le f(x, y) \le \varphi(x)` for all :math:`x, y` (weak duality, true for
every :math:`f`), so :math:`\max_y\min_x f \le \min_x\max_y f`. The minimax theorem (von
Neumann, 1928, for bilinear :math:`f` on simplices; Sion, 1958, for convex-concave :math:`f` on
a compact convex set) says they are equal. When :math:`f` is strongly convex-strongly concave on
all of :math:`\mathbb R^n` they are equal too, with one saddle point :math:`z^*`, and the gap
:math:`\varphi(x)-\psi(y)` vanishes only there. For a quadratic game
:math:`f = \tfrac12 x^\top A x + x^\top B y - \tfrac12 y^\top C y` (about :math:`z^*`), by Schur
complements,

.. math::

    \varphi(x) = \tfrac12 x^\top (A + B C^{-1} B^\top) x, \qquad
    \psi(y) = -\tfrac12 y^\top (C + B^\top A^{-1} B) y .

References
----------
J. von Neumann. Zur Theorie der Gesellschaftsspiele. Math. Ann. 100, 1928.
M. Sion. On general minimax theorems. Pacific J. Math. 8(1), 1958.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..games.quadratic import QuadraticMinimax
from ..validation import as_real_array, check_range

__all__ = ["primal_dual", "grid_minimax"]


def primal_dual(quadratic, x, y):
    r"""The primal :math:`\varphi(x) = \max_y f(x,y)` and dual :math:`\psi(y) = \min_x f(x,y)` of a
    strongly convex-strongly concave quadratic game with one-dimensional players, at the points
    ``x`` and ``y`` (arrays of the same shape), in closed form.

    Raises
    ------
    TypeError
        If ``quadratic`` is not a quadratic game.
    ValueError
        If a player is not one-dimensional or :math:`A` or :math:`C` is not positive (the
        inner max or min is then unbounded).

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> phi, psi = primal_dual(quadratic_2d(1.0, 10.0, 1.0), [0.0, 1.0], [0.0, 1.0])
    >>> (phi + 0.0).tolist(), (psi + 0.0).tolist()     # (1 + 100)/2 and -(1 + 100)/2 at 1
    ([0.0, 50.5], [0.0, -50.5])
    """
    if not isinstance(quadratic, QuadraticMinimax):
        raise TypeError(f"quadratic must be a quadratic game (QuadraticMinimax), got {type(quadratic).__name__}")
    if quadratic.dims != (1, 1):
        raise ValueError(f"quadratic must have one-dimensional players, got dims {quadratic.dims}")
    a, b, c = float(quadratic.A[0, 0]), float(quadratic.B[0, 0]), float(quadratic.C[0, 0])
    if not (a > 0 and c > 0):
        raise ValueError(f"quadratic must be strongly convex-strongly concave (A > 0 and C > 0), got A={a:g}, C={c:g}")
    x = check_range(as_real_array(x, "x"), "x", low=-1e100, high=1e100)
    y = check_range(as_real_array(y, "y"), "y", low=-1e100, high=1e100)
    dx, dy = x - quadratic.z_star[0], y - quadratic.z_star[1]
    with np.errstate(over="ignore"):
        phi, psi = 0.5 * (a + b * b / c) * dx * dx, -0.5 * (c + b * b / a) * dy * dy
    if not (np.all(np.isfinite(phi)) and np.all(np.isfinite(psi))):
        raise ValueError("x or y is too large: the primal or dual value overflows the float range")
    return phi, psi


class GridMinimax(NamedTuple):
    """What :func:`grid_minimax` found: both orders of play on the grid, and where."""

    min_max: float
    max_min: float
    x_min_max: float
    y_max_min: float

    @property
    def gap(self) -> float:
        """``min_max - max_min``: never negative (weak duality); zero when the minimax theorem holds."""
        return self.min_max - self.max_min


def grid_minimax(values, xs, ys) -> GridMinimax:
    r""":math:`\min_i\max_j f(x_i, y_j)` and :math:`\max_j\min_i f(x_i, y_j)` of a table
    ``values[i, j] = f(xs[i], ys[j])``, with the minimising :math:`x` and maximising :math:`y`.

    Examples
    --------
    >>> g = np.linspace(-1, 1, 5)
    >>> r = grid_minimax((g[:, None] - g[None, :]) ** 2, g, g)    # (x - y)^2: convex, not concave, in y
    >>> r.min_max, r.max_min, r.gap
    (1.0, 0.0, 1.0)
    """
    xs, ys = as_real_array(xs, "xs"), as_real_array(ys, "ys")
    values = as_real_array(values, "values")
    if xs.ndim != 1 or ys.ndim != 1 or xs.size == 0 or ys.size == 0:
        raise ValueError(f"xs and ys must be non-empty 1-D grids, got shapes {xs.shape}, {ys.shape}")
    if values.shape != (xs.size, ys.size):
        raise ValueError(f"values must have shape (len(xs), len(ys)) = {(xs.size, ys.size)}, got {values.shape}")
    rows, cols = values.max(axis=1), values.min(axis=0)
    i, j = int(rows.argmin()), int(cols.argmax())
    return GridMinimax(float(rows[i]), float(cols[j]), float(xs[i]), float(ys[j]))
