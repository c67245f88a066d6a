r"""Accelerating game dynamics: (negative) momentum, extragradient, optimistic GDA and the
proximal point method.

Momentum on simultaneous updates is a composition: :func:`with_momentum` adds
:math:`\beta (z^{(k)} - z^{(k-1)})` to any method's step, so negative momentum is
``with_momentum(sim_gda(eta), beta)``. Gidel et al.'s alternating method is not such a
composition: each player's momentum term is part of its move, which the next player
already sees (:func:`alt_negative_momentum`, built on the alternation of
:func:`~lecturecode.methods.alt_gda`).
"""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

import numpy as np

from ..validation import as_coefficient, as_step_size
from ._base import Info, Method, no_state, scale, validates
from .gda import alternating_moves, sim_gda

__all__ = ["MomentumState", "OptimisticState", "with_momentum", "negative_momentum", "alt_negative_momentum",
           "extragradient", "optimistic_gda", "proximal_point"]


def _as_method(value, name: str) -> Method:
    if not isinstance(value, Method):
        raise TypeError(f"{name} must be a lecturecode Method, got {value!r}")
    return value


#: The momentum check: ``-1 < beta < 1`` (a number, or an array of them).
_momentum = partial(as_coefficient, low=-1.0, high=1.0)


class MomentumState(NamedTuple):
    """State of a momentum method: the previous iterate and the inner method's own state."""

    z_prev: np.ndarray
    inner: tuple = ()


class OptimisticState(NamedTuple):
    """State of optimistic GDA: the vector field at the previous iterate."""

    F_prev: np.ndarray


@validates(method=_as_method, beta=_momentum)
def with_momentum(method: Method, beta) -> Method:
    r"""Heavy-ball momentum on top of any method's step :math:`z \mapsto T(z)`:

    .. math::

        z^{(k+1)} = T(z^{(k)}) + \beta\,(z^{(k)} - z^{(k-1)}), \qquad z^{(-1)} = z^{(0)} .

    With :math:`T(z) = z - \eta F(z)` this is the lecture's
    :math:`(1+\beta) z^{(k)} - \beta z^{(k-1)} - \eta F(z^{(k)})`. On a quadratic game its
    update operator on :math:`(z, z^{(k-1)})` is the companion matrix
    :math:`\begin{pmatrix}(1+\beta)I - \eta H & -\beta I\\ I & 0\end{pmatrix}`.

    Parameters
    ----------
    method : Method
        The inner method.
    beta : float or array_like
        Momentum, ``-1 < beta < 1`` (negative damps rotation).

    References
    ----------
    .. [1] B. T. Polyak. Some methods of speeding up the convergence of iteration methods. USSR
           Computational Mathematics and Mathematical Physics 4(5), 1964. (the heavy-ball method)
    .. [2] G. Gidel, R. Askari Hemmat, M. Pezeshki, R. Le Priol, G. Huang, S. Lacoste-Julien, I.
           Mitliagkas. Negative momentum for improved game dynamics. AISTATS, 2019. (negative
           momentum in games)

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> m = with_momentum(sim_gda(0.1), beta=-0.5)
    >>> z0 = np.array([1.0, 0.0])
    >>> z1, s = m.step(bilinear(1.0), z0, m.init(None, z0))
    >>> z2, s = m.step(bilinear(1.0), z1, s)
    >>> z2                  # (1 + beta) z1 - beta z0 - eta F(z1)
    array([0.99, 0.15])
    """

    def init(game, z):
        return MomentumState(np.array(z, dtype=float), method.init(game, z))

    def step(game, z, state):
        z_next, inner = method.step(game, z, state.inner)
        return z_next + scale(beta, z - state.z_prev), MomentumState(z, inner)

    info = method.info._replace(memory=method.info.memory + 1)
    return Method(f"{method.name} + momentum", init, step, {**method.hyper, "beta": beta}, info, method.check)


@validates(eta=as_step_size, beta=_momentum)
def negative_momentum(eta, beta) -> Method:
    r"""Sim-GDA with (negative) heavy-ball momentum, the lecture's negative momentum:

    .. math::

        z^{(k+1)} = (1+\beta) z^{(k)} - \beta z^{(k-1)} - \eta F(z^{(k)}), \qquad -1 < \beta < 1 .

    :math:`\beta < 0` pulls in the imaginary parts of the update's eigenvalues; tuned
    jointly in :math:`(\eta, \beta)` on strongly monotone games it needs
    :math:`O(\kappa^{1.5})` iterations: locally (Zhang & Wang, 2021, who show that this is
    optimal for the method and so worse than the optimal :math:`O(\kappa)`) and globally
    (Zhang, Bao, Lessard & Grosse, 2021). On a bilinear game it never converges, for any
    :math:`\eta > 0` and :math:`-1 < \beta < 1`: Gidel et al. (2019)'s positive result for
    negative momentum is for *alternating* updates (:func:`alt_negative_momentum`).

    References
    ----------
    .. [1] G. Zhang, Y. Wang. On the suboptimality of negative momentum for minimax optimization.
           AISTATS, 2021. (the local O(κ^1.5) rate, optimal for the method)
    .. [2] G. Zhang, X. Bao, L. Lessard, R. Grosse. A unified analysis of first-order methods for
           smooth games via integral quadratic constraints. JMLR 22(103), 2021. (the global O(κ^1.5)
           rate)

    Examples
    --------
    >>> from lecturecode.analysis import update_matrix
    >>> from lecturecode.games import bilinear
    >>> update_matrix(negative_momentum(0.1, -0.5), bilinear(1.0))
    array([[ 0.5, -0.1,  0.5,  0. ],
           [ 0.1,  0.5,  0. ,  0.5],
           [ 1. ,  0. ,  0. ,  0. ],
           [ 0. ,  1. ,  0. ,  0. ]])
    """
    return with_momentum.unchecked(sim_gda.unchecked(eta), beta)._replace(name="Negative momentum")


@validates(eta=as_step_size, beta=_momentum)
def alt_negative_momentum(eta, beta) -> Method:
    r"""Alternating GDA with (negative) momentum (Gidel et al., 2019).

    Alternating GDA with (negative) momentum, the method of Gidel et al. (2019): each
    player in turn adds its momentum term to its gradient step, and the next player's gradient
    is taken at that full new point,

    .. math::

        x^{(k+1)} &= x^{(k)} - \eta \nabla_x f(x^{(k)}, y^{(k)}) + \beta (x^{(k)} - x^{(k-1)}),\\
        y^{(k+1)} &= y^{(k)} + \eta \nabla_y f(x^{(k+1)}, y^{(k)}) + \beta (y^{(k)} - y^{(k-1)}).

    On a bilinear game Gidel et al. show that no :math:`\beta \ge 0` converges, while
    :math:`\beta < 0` with a small enough step does; simultaneous updates with momentum never
    converge there (``tests/test_acceleration.py`` checks all three on :math:`f = xy`). This is *not*
    ``with_momentum(alt_gda(eta), beta)``,
    which adds both momentum terms after the alternating step, so that :math:`y` responds
    to :math:`x` before its momentum term (a different method, which converges on
    :math:`xy` even with :math:`\beta > 0`).

    Parameters
    ----------
    eta : float or array_like
        Step size(s), ``> 0``.
    beta : float or array_like
        Momentum, ``-1 < beta < 1``.

    References
    ----------
    .. [1] G. Gidel, R. Askari Hemmat, M. Pezeshki, R. Le Priol, G. Huang, S. Lacoste-Julien, I.
           Mitliagkas. Negative momentum for improved game dynamics. AISTATS, 2019.

    Examples
    --------
    On :math:`f = xy` from :math:`(1, 1)` with :math:`z^{(-1)} = (0, 0)`: :math:`x` moves to
    :math:`1 - 0.1 - 0.3 = 0.6`, and :math:`y` sees that :math:`x`:

    >>> from lecturecode.games import bilinear
    >>> m = alt_negative_momentum(0.1, -0.3)
    >>> m.step(bilinear(1.0), np.array([1.0, 1.0]), MomentumState(np.zeros(2)))[0]
    array([0.6 , 0.76])
    >>> m.label
    'Alt-GDA + NM (η=0.1, β=-0.3)'
    """

    def init(game, z):
        return MomentumState(np.array(z, dtype=float))

    def step(game, z, state):
        return alternating_moves(game, z, eta, push=scale(beta, z - state.z_prev)), MomentumState(z)

    return Method("Alt-GDA + NM", init, step, {"eta": eta, "beta": beta}, Info(1, 0, 1, "alternating", ("F",)))


@validates(eta=as_step_size)
def extragradient(eta) -> Method:
    r"""Extragradient (Korpelevich, 1976): a look-ahead step, then the real one.

    Extragradient (Korpelevich, 1976): a look-ahead step, then a step from the start with
    the look-ahead gradient,

    .. math::

        z^{(k+1/2)} = z^{(k)} - \eta F(z^{(k)}), \qquad
        z^{(k+1)} = z^{(k)} - \eta F(z^{(k+1/2)}) .

    On a quadratic game the update operator is :math:`I - \eta H + \eta^2 H^2`; one step is
    within :math:`O(\eta^3)` of a proximal-point step from the same point.

    References
    ----------
    .. [1] G. M. Korpelevich. The extragradient method for finding saddle points and other problems.
           Ekonomika i Matematicheskie Metody 12, 1976.
    .. [2] A. Mokhtari, A. Ozdaglar, S. Pattathil. A unified analysis of extra-gradient and
           optimistic gradient methods for saddle point problems: proximal point approach. AISTATS,
           2020. (EG as an approximate proximal point step, O(κ) iterations)

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> extragradient(0.1).step(bilinear(1.0), np.array([1.0, 0.0]), ())[0]
    array([0.99, 0.1 ])
    """

    def step(game, z, state):
        half = z - scale(eta, game.F(z))
        return z - scale(eta, game.F(half)), state

    return Method("EG", no_state, step, {"eta": eta}, Info(2, 0, 0, "simultaneous", ("F",), h_function=True))


@validates(eta=as_step_size)
def optimistic_gda(eta) -> Method:
    r"""Optimistic GDA (Popov, 1980; Daskalakis et al., 2018):

    .. math::

        z^{(k+1)} = z^{(k)} - 2\eta F(z^{(k)}) + \eta F(z^{(k-1)}),

    with :math:`F(z^{(-1)}) = F(z^{(0)})`, so the first step is plain GDA. It keeps the
    last field value, so it costs one evaluation per step. On a quadratic game its operator
    on :math:`(z, F(z^{(k-1)}))` is :math:`\begin{pmatrix} I - 2\eta H & \eta I\\ H & 0\end{pmatrix}`.

    References
    ----------
    .. [1] L. D. Popov. A modification of the Arrow-Hurwicz method for search of saddle points.
           Mathematical Notes of the Academy of Sciences of the USSR 28(5), 1980.
    .. [2] C. Daskalakis, A. Ilyas, V. Syrgkanis, H. Zeng. Training GANs with optimism. ICLR, 2018.
           (optimistic GDA for GANs)
    .. [3] A. Mokhtari, A. Ozdaglar, S. Pattathil. A unified analysis of extra-gradient and
           optimistic gradient methods for saddle point problems: proximal point approach. AISTATS,
           2020. (OGDA as an approximate proximal point step, O(κ) iterations)

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> m = optimistic_gda(0.1)
    >>> z0 = np.array([1.0, 0.0])
    >>> m.step(bilinear(1.0), z0, m.init(bilinear(1.0), z0))[0]      # first step = GDA
    array([1. , 0.1])
    """

    def init(game, z):
        return OptimisticState(game.F(np.asarray(z, dtype=float)))

    def step(game, z, state):
        Fz = game.F(z)
        return z - scale(eta, 2 * Fz - state.F_prev), OptimisticState(Fz)

    return Method("OGDA", init, step, {"eta": eta}, Info(1, 0, 1, "simultaneous", ("F",), h_function=True))


@validates(eta=as_step_size)
def proximal_point(eta) -> Method:
    r"""The proximal point method (Rockafellar, 1976), an implicit step:

    .. math::

        z^{(k+1)} = z^{(k)} - \eta F(z^{(k+1)}) \iff z^{(k+1)} = (I + \eta F)^{-1} z^{(k)} .

    Each step is the game's :meth:`~lecturecode.games.Game.resolvent`: exact for linear and
    quadratic games, Newton's method otherwise. Where Newton does not converge the step is
    NaN, which :func:`lecturecode.simulate` flags as diverged. On a :math:`\mu`-strongly
    monotone game it contracts the squared distance by :math:`1/(1 + 2\eta\mu)` or better
    for **every** :math:`\eta > 0`, and faster as :math:`\eta` grows: it has no optimal step.

    References
    ----------
    .. [1] R. T. Rockafellar. Monotone operators and the proximal point algorithm. SIAM Journal on
           Control and Optimization 14(5), 1976.
    .. [2] A. Mokhtari, A. Ozdaglar, S. Pattathil. A unified analysis of extra-gradient and
           optimistic gradient methods for saddle point problems: proximal point approach. AISTATS,
           2020. (EG and OGDA as approximations of it)

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> proximal_point(1.0).step(bilinear(1.0), np.array([1.0, 0.0]), ())[0]
    array([0.5, 0.5])
    """

    def step(game, z, state):
        return game._resolvent(z, eta)[0], state            # z and eta are checked: no re-validation per step

    return Method("PPM", no_state, step, {"eta": eta}, Info(None, 0, 0, "implicit", ("F", "J"), h_function=True))
