r"""The lecture's classic games: matching pennies, the prisoner's dilemma, the Lorenz game,
and a double-well minimax game. Each has closed-form ``F`` and ``J`` (written with
``autograd.numpy`` so autodiff can trace them) that the tests check against automatic
derivatives of the players' losses.
"""

from __future__ import annotations

from types import MappingProxyType

import autograd.numpy as anp
import numpy as np

from ..validation import as_scalar
from ._base import frozen
from .general import CallableGame

__all__ = ["matching_pennies", "prisoners_dilemma", "PD_PAYOFFS", "lorenz_game", "double_well_game"]

#: Prisoner's dilemma payoffs (row player, column player), as in LOLA's code: C = cooperate, D = defect.
PD_PAYOFFS = MappingProxyType({("C", "C"): (-1.0, -1.0), ("C", "D"): (-3.0, 0.0),
                               ("D", "C"): (0.0, -3.0), ("D", "D"): (-2.0, -2.0)})

_UNIT_SQUARE = dict(lower=frozen([0.0, 0.0]), upper=frozen([1.0, 1.0]))


def _stack_last(parts):
    return anp.stack(parts, axis=-1)


def _constant_jacobian(H):
    H = frozen(H)
    return lambda z: np.broadcast_to(H, np.shape(z)[:-1] + H.shape)


def matching_pennies() -> CallableGame:
    r"""Matching pennies with mixed strategies :math:`x, y \in [0, 1]` (probability of Heads).

    Player :math:`x` wins on a match. In the lecture's form :math:`x` minimises
    :math:`f(x, y) = -xy - (1-x)(1-y)` (minus the probability of a match) and :math:`y`
    maximises it, so :math:`F = (1 - 2y,\ 2x - 1)` and
    :math:`J = \begin{pmatrix}0 & -2\\ 2 & 0\end{pmatrix}` with eigenvalues :math:`\pm 2i`:
    the flow circles the mixed Nash equilibrium :math:`(\tfrac12, \tfrac12)`.

    References
    ----------
    .. [1] R. Grosse, G. Zhang. CSC 2541 Neural Net Training Dynamics, Lecture 10: Differentiable
           Games. University of Toronto, 2022. (the lecture's matching pennies)
    .. [2] J. von Neumann. Zur Theorie der Gesellschaftsspiele. Mathematische Annalen 100, 1928.
           (the minimax theorem: the mixed equilibrium exists)

    Examples
    --------
    >>> g = matching_pennies()
    >>> g.F(np.array([0.5, 0.5])), g.F(np.array([1.0, 0.5]))
    (array([0., 0.]), array([0., 1.]))
    """
    def losses(z):
        x, y = z[..., 0], z[..., 1]
        f = -x * y - (1 - x) * (1 - y)
        return _stack_last([f, -f])

    def F(z):
        return _stack_last([1 - 2 * z[..., 1], 2 * z[..., 0] - 1])

    half = frozen([0.5, 0.5])
    return CallableGame("matching pennies", (1, 1), losses, F, _constant_jacobian([[0.0, -2.0], [2.0, 0.0]]),
                        zero_sum=True, z_star=half, **_UNIT_SQUARE,
                        critical_points=MappingProxyType({"mixed Nash (½, ½)": half}))


def prisoners_dilemma() -> CallableGame:
    r"""The prisoner's dilemma with mixed strategies.

    The prisoner's dilemma with mixed strategies :math:`z_i \in [0, 1]` (probability of
    cooperating), payoffs :data:`PD_PAYOFFS`; each player's loss is minus its expected payoff.

    :math:`\partial f_1/\partial z_1 = 1` whatever :math:`z_2` (and symmetrically), so
    :math:`F \equiv (1, 1)`: defection is strictly dominant and gradient play walks straight
    to mutual defection :math:`(0, 0)`, payoff :math:`(-2, -2)`, although :math:`(C, C)` pays
    :math:`(-1, -1)`.

    References
    ----------
    .. [1] R. Axelrod, W. D. Hamilton. The evolution of cooperation. Science 211(4489), 1981.
    .. [2] J. Foerster, R. Y. Chen, M. Al-Shedivat, S. Whiteson, P. Abbeel, I. Mordatch. Learning
           with opponent-learning awareness. AAMAS, 2018. (the payoffs (as in its code))

    Examples
    --------
    >>> g = prisoners_dilemma()
    >>> g.F(np.array([0.3, 0.9])), -g.value([1.0, 1.0]), -g.value([0.0, 0.0])
    (array([1., 1.]), array([-1., -1.]), array([-2., -2.]))
    """
    def losses(z):
        p, q = z[..., 0], z[..., 1]
        probs = {("C", "C"): p * q, ("C", "D"): p * (1 - q), ("D", "C"): (1 - p) * q, ("D", "D"): (1 - p) * (1 - q)}
        r1 = sum(probs[k] * PD_PAYOFFS[k][0] for k in probs)
        r2 = sum(probs[k] * PD_PAYOFFS[k][1] for k in probs)
        return _stack_last([-r1, -r2])

    return CallableGame("prisoner's dilemma", (1, 1), losses, lambda z: 0.0 * z + 1.0,
                        _constant_jacobian(np.zeros((2, 2))), **_UNIT_SQUARE)


def lorenz_game(a: float = 10.0, b: float = 28.0, c: float = 8.0 / 3.0) -> CallableGame:
    r"""The lecture's three-player game whose gradient flow is the Lorenz system.

    .. math::

        f_x = -a(xy - \tfrac12 x^2),\quad f_y = -xy(b - z) + \tfrac12 y^2,\quad
        f_z = -xyz + \tfrac{c}{2} z^2,

    so :math:`-F = (a(y - x),\ x(b - z) - y,\ xy - cz)`. With the classic
    :math:`a = 10, b = 28, c = 8/3` the players' own gradient play is chaotic.

    References
    ----------
    .. [1] E. N. Lorenz. Deterministic nonperiodic flow. Journal of the Atmospheric Sciences 20(2),
           1963. (the Lorenz system)
    .. [2] R. Grosse, G. Zhang. CSC 2541 Neural Net Training Dynamics, Lecture 10: Differentiable
           Games. University of Toronto, 2022. (the three-player game whose flow it is)

    Examples
    --------
    >>> lorenz_game().F(np.array([1.0, 2.0, 3.0]))
    array([-10., -23.,   6.])
    """
    a = as_scalar(a, "a", low=0.0, low_open=True)
    b = as_scalar(b, "b", low=0.0, low_open=True)
    c = as_scalar(c, "c", low=0.0, low_open=True)

    def losses(z):
        x, y, w = z[..., 0], z[..., 1], z[..., 2]
        return _stack_last([-a * (x * y - 0.5 * x**2), -x * y * (b - w) + 0.5 * y**2, -x * y * w + 0.5 * c * w**2])

    def F(z):
        x, y, w = z[..., 0], z[..., 1], z[..., 2]
        return -_stack_last([a * (y - x), x * (b - w) - y, x * y - c * w])

    def J(z):
        x, y, w = z[..., 0], z[..., 1], z[..., 2]
        one, zero = np.ones_like(x), np.zeros_like(x)
        rows = [[a * one, -a * one, zero], [w - b, one, x], [-y, -x, c * one]]
        return np.stack([np.stack(r, axis=-1) for r in rows], axis=-2)

    return CallableGame(f"Lorenz game (a={a:g}, b={b:g}, c={c:.3g})", (1, 1, 1), losses, F, J,
                        z_star=frozen([0.0, 0.0, 0.0]))


def double_well_game() -> CallableGame:
    r"""A non-quadratic minimax game with critical points of different kinds.

    A non-quadratic minimax game with critical points of different kinds:
    :math:`f(x, y) = \tfrac14 x^4 - \tfrac12 x^2 + \tfrac12 xy - \tfrac12 y^2`.

    Its critical points are :math:`(0, 0)` (none of the solution concepts) and
    :math:`\pm(\tfrac{\sqrt3}{2}, \tfrac{\sqrt3}{4})` (local Nash, hence local minimax and
    GDA-stable).

    References
    ----------
    .. [1] C. Jin, P. Netrapalli, M. I. Jordan. What is local optimality in nonconvex-nonconcave
           minimax optimization? ICML, 2020. (local minimax points)
    .. [2] C. Daskalakis, I. Panageas. The limit points of (optimistic) gradient descent in min-max
           optimization. NeurIPS, 2018. (GDA-stable critical points)

    Examples
    --------
    >>> g = double_well_game()
    >>> [np.allclose(g.F(p), 0) for p in g.critical_points.values()]
    [True, True, True]
    """
    def losses(z):
        x, y = z[..., 0], z[..., 1]
        f = 0.25 * x**4 - 0.5 * x**2 + 0.5 * x * y - 0.5 * y**2
        return _stack_last([f, -f])

    def F(z):
        x, y = z[..., 0], z[..., 1]
        return _stack_last([x**3 - x + 0.5 * y, -(0.5 * x - y)])

    def J(z):
        x = z[..., 0]
        one = np.ones_like(x)
        return np.stack([np.stack([3 * x**2 - 1, 0.5 * one], -1), np.stack([-0.5 * one, one], -1)], -2)

    r = np.sqrt(3) / 2
    points = {"(0, 0)": frozen([0.0, 0.0]), "(√3/2, √3/4)": frozen([r, r / 2]),
              "(−√3/2, −√3/4)": frozen([-r, -r / 2])}
    return CallableGame("¼x⁴ − ½x² + ½xy − ½y²", (1, 1), losses, F, J, zero_sum=True, z_star=points["(0, 0)"],
                        critical_points=MappingProxyType(points))
