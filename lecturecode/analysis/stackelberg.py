r"""Stackelberg versus Nash on two-player quadratic games: the leader who anticipates the
follower's best response.

In a Stackelberg game player 1 (the leader) commits first and player 2 (the follower) best
responds, :math:`y^*(x) = \arg\min_y f_2(x, y)`. The leader minimises :math:`f_1(x, y^*(x))`,
whose gradient is the *total derivative* (implicit-function theorem; Fiez, Chasnov & Ratliff, 2020)

.. math::

    Df_1(x, y) = \nabla_x f_1 - \nabla^2_{xy} f_2\,(\nabla^2_{yy} f_2)^{-1}\,\nabla_y f_1 ,

so a Stackelberg equilibrium solves :math:`Df_1 = 0`, :math:`\nabla_y f_2 = 0`, while a Nash
equilibrium solves :math:`\nabla_x f_1 = 0`, :math:`\nabla_y f_2 = 0` (the leader ignores its
influence on the follower). On quadratic games both are linear systems; the derivatives come
from autograd on the players' losses (exact).

References
----------
Fiez, T., Chasnov, B. & Ratliff, L. J. (2020). Implicit learning dynamics in Stackelberg
games: equilibria characterization, convergence analysis, and empirical study. ICML.
"""

from __future__ import annotations

from typing import NamedTuple

import autograd
import autograd.numpy as anp
import numpy as np

from ..games import Game, game_from_losses
from ..validation import as_scalar

__all__ = ["leader_follower_game", "nash_and_stackelberg"]          # returns an Equilibria


def leader_follower_game(a: float = 1.0, c: float = 1.0) -> Game:
    r"""The general-sum quadratic game :math:`f_1 = \tfrac12 (x - 1)^2 + a\,xy` (leader),
    :math:`f_2 = \tfrac12 (y - c\,x)^2` (follower, best response :math:`y^*(x) = cx`).

    Its Nash equilibrium is :math:`x = 1/(1 + ac)`; the Stackelberg leader, who sees that
    raising :math:`x` raises :math:`y`, plays :math:`x = 1/(1 + 2ac)` and pays less.

    Examples
    --------
    >>> g = leader_follower_game(1.0, 1.0)
    >>> g.F(np.array([0.5, 0.5]))                 # the Nash point: both own gradients vanish
    array([0., 0.])
    """
    a = as_scalar(a, "a", low=-1e6, high=1e6)
    c = as_scalar(c, "c", low=-1e6, high=1e6)

    def losses(z):
        x, y = z[0], z[1]
        return anp.stack([0.5 * (x - 1.0) ** 2 + a * x * y, 0.5 * (y - c * x) ** 2])

    return game_from_losses(losses, (1, 1), name=f"leader-follower game (a={a:g}, c={c:g})")


class Equilibria(NamedTuple):
    """The Nash and Stackelberg points of a quadratic game, the players' losses there, and
    the slopes of the best responses: the follower's :math:`dy^*/dx` and the leader's
    :math:`dx^*/dy` (NaN where the leader's Hessian in :math:`x` is singular)."""

    nash: np.ndarray
    stackelberg: np.ndarray
    nash_losses: np.ndarray
    stackelberg_losses: np.ndarray
    follower_response: np.ndarray
    leader_response: np.ndarray


def _point_losses(game, z):
    return np.asarray(game.losses(z), dtype=float)


def nash_and_stackelberg(game) -> Equilibria:
    r"""Solve for the Nash and the Stackelberg equilibrium (player 1 leads) of a two-player
    quadratic ``game`` with losses, from the exact gradients and Hessians of the losses at
    the origin (constant for a quadratic game, checked at a second point).

    Examples
    --------
    >>> eq = nash_and_stackelberg(leader_follower_game(1.0, 1.0))
    >>> np.round(eq.nash, 6), np.round(eq.stackelberg, 6)
    (array([0.5, 0.5]), array([0.333333, 0.333333]))
    >>> round(float(eq.nash_losses[0]), 6), round(float(eq.stackelberg_losses[0]), 6)   # 3/8 versus 1/3
    (0.375, 0.333333)
    """
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    if game.n_players != 2 or game.losses is None:
        raise ValueError(f"game must be a two-player game with losses, got {game.name}")
    d, n_x = game.d, game.dims[0]
    grads = autograd.jacobian(lambda z: game.losses(z))                      # (2, d)
    hess = autograd.jacobian(grads)                                          # (2, d, d)
    origin, probe = np.zeros(d), np.linspace(0.3, 1.1, d)
    g0, H = np.asarray(grads(origin)), np.asarray(hess(origin))
    if not np.allclose(H, np.asarray(hess(probe)), rtol=1e-9, atol=1e-12):
        raise ValueError(f"game must be quadratic (constant loss Hessians), {game.name} is not")
    x, y = slice(0, n_x), slice(n_x, d)
    H1, H2 = H[0], H[1]
    H2yy = H2[y, y]
    if abs(np.linalg.det(H2yy)) < 1e-12:
        raise ValueError("game: the follower's Hessian in y must be invertible (a unique best response)")
    follower_rows, follower_rhs = H2[y, :], -g0[1, y]
    nash = np.linalg.solve(np.vstack([H1[x, :], follower_rows]), np.concatenate([-g0[0, x], follower_rhs]))
    response = -np.linalg.solve(H2yy, H2[y, x])                  # dy*/dx, shape (n_y, n_x)
    leader_rows = H1[x, :] + response.T @ H1[y, :]
    leader_rhs = -(g0[0, x] + response.T @ g0[0, y])
    stackelberg = np.linalg.solve(np.vstack([leader_rows, follower_rows]), np.concatenate([leader_rhs, follower_rhs]))
    H1xx = H1[x, x]
    if abs(np.linalg.det(H1xx)) > 1e-12:
        leader = -np.linalg.solve(H1xx, H1[x, y])
    else:
        leader = np.full((n_x, d - n_x), np.nan)
    return Equilibria(nash, stackelberg, _point_losses(game, nash), _point_losses(game, stackelberg), response, leader)
