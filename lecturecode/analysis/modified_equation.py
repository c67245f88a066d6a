r"""Modified equations: the flow that a discrete method follows more closely than the gradient flow.

A step :math:`z^{+} = z - \eta F(z) + \eta^2 G(z) + O(\eta^3)` agrees with the exact flow
of :math:`\dot z = -F(z)` over time :math:`\eta` only to first order: the flow gives
:math:`z - \eta F + \tfrac{\eta^2}2 JF + O(\eta^3)`. It agrees to second order with the
flow of the *modified field* (backward error analysis, Hairer, Lubich & Wanner 2006)

.. math::

    \tilde F_\eta = F + \tfrac\eta2 JF - \eta G .

* Sim-GDA has :math:`G = 0`, so :math:`\tilde F_\eta = F + \tfrac\eta2 JF`. On a bilinear game
  :math:`JF = -B B^\top x \oplus -B^\top B y` points inwards, so :math:`-\tilde F` pushes every
  point *outwards*: the spiral.
* Alt-GDA evaluates the maximiser's block at the new :math:`x`, which adds
  :math:`G = (0,\ J_{yx}F_x)`: :math:`\tilde F_\eta = F + \tfrac\eta2\big(J_{xx}F_x + J_{xy}F_y,\
  J_{yy}F_y - J_{yx}F_x\big)`. On a bilinear game the correction is
  :math:`\tfrac\eta2(-BB^\top x,\ B^\top B y)`: trace-free, so the modified flow preserves
  area, and it conserves the modified energy
  :math:`\|x\|^2 + \|y\|^2 - \eta x^\top B y` (:mod:`~lecturecode.analysis.modified_energy`).
"""

from __future__ import annotations

import numpy as np

from ..games import Game
from ..methods._base import Info, Method, no_state, scale
from ..validation import as_choice, as_count, as_step_size, finite_result

__all__ = ["modified_field", "modified_flow"]

ORDERS = ("simultaneous", "alternating")


def modified_field(game, z, eta, order: str = "alternating") -> np.ndarray:
    r"""The first-order modified field :math:`\tilde F_\eta(z)` of Sim-GDA or Alt-GDA.

    Parameters
    ----------
    game : Game
        A two-player game (for ``"alternating"``).
    z : ndarray
        Points, shape ``(..., d)``.
    eta : float or ndarray
        Step sizes, broadcast against the batch axes.
    order : {"simultaneous", "alternating"}

    Examples
    --------
    On :math:`f = xy` at :math:`(1, 1)`: :math:`F = (1, -1)`, and alternation adds the trace-free
    correction :math:`\tfrac\eta2(-x, y)`:

    >>> from lecturecode.games import bilinear
    >>> modified_field(bilinear(1.0), np.array([1.0, 1.0]), 0.2)
    array([ 0.9, -0.9])
    >>> modified_field(bilinear(1.0), np.array([1.0, 1.0]), 0.2, order="simultaneous")
    array([ 0.9, -1.1])
    """
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    order = as_choice(order, "order", ORDERS)
    if order == "alternating" and game.n_players != 2:
        raise ValueError(f"order='alternating' needs a two-player game, got {game.n_players} players")
    z = game.check_points(z, "z")
    eta = as_step_size(eta, "eta")
    with np.errstate(all="ignore"):
        field = _modified(game, z, eta, order)
    return finite_result(field, "eta or z", "the modified field")


def _modified(game, z, eta, order):
    F, J = game.F(z), game.J(z)
    JF = np.einsum("...ij,...j->...i", J, F)
    correction = 0.5 * JF
    if order == "alternating":
        n_x = game.dims[0]
        alternation = np.einsum("...ij,...j->...i", J[..., n_x:, :n_x], F[..., :n_x])
        correction = np.concatenate([correction[..., :n_x], correction[..., n_x:] - alternation], axis=-1)
    return F + scale(eta, correction)


def modified_flow(order: str = "alternating", substeps: int = 16):
    r"""A factory ``eta -> Method`` whose step follows the modified flow
    :math:`\dot z = -\tilde F_\eta(z)` for time :math:`\eta` (RK4 with ``substeps`` steps), the
    reference against which :func:`~lecturecode.analysis.one_step_gap` measures how closely a
    method tracks its modified equation.

    Examples
    --------
    Alt-GDA's step is within :math:`O(\eta^3)` of its modified flow (and only :math:`O(\eta^2)`
    of the plain gradient flow):

    >>> from lecturecode.analysis import one_step_gap
    >>> from lecturecode.games import quadratic_2d
    >>> from lecturecode.methods import alt_gda
    >>> gap = one_step_gap(alt_gda, modified_flow("alternating"), quadratic_2d(1.0, 3.0, 0.5),
    ...                    [1.0, 1.0], np.geomspace(1e-3, 1e-2, 5))
    >>> round(gap.exponent, 1)
    3.0
    """
    order = as_choice(order, "order", ORDERS)
    substeps = as_count(substeps, "substeps", low=1, high=1000)

    def make(eta):
        eta = as_step_size(eta, "eta")
        h = eta / substeps

        def step(game, z, state):
            def field(w):
                return -_modified(game, w, eta, order)

            for _ in range(substeps):
                k1 = field(z)
                k2 = field(z + scale(0.5 * h, k1))
                k3 = field(z + scale(0.5 * h, k2))
                k4 = field(z + scale(h, k3))
                z = z + scale(h / 6.0, k1 + 2 * k2 + 2 * k3 + k4)
            return z, state

        return Method(f"modified flow ({order})", no_state, step, {"eta": eta},
                      Info(None, 1, 0, "simultaneous", ("F", "J"), linear=True))

    return make
