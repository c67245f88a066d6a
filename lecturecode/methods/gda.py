r"""The gradient descent-ascent family: simultaneous and alternating GDA, two timescales,
and Follow-the-Ridge."""

from __future__ import annotations

import numpy as np

from ..games._base import Game
from ..validation import as_step_size
from ._base import Info, Method, no_state, scale, validates

__all__ = ["sim_gda", "alt_gda", "two_timescale_gda", "follow_the_ridge", "runge_kutta_flow"]


@validates(eta=as_step_size)
def sim_gda(eta) -> Method:
    r"""Simultaneous gradient descent-ascent.

    .. math::

        z^{(k+1)} = z^{(k)} - \eta F(z^{(k)}),

    i.e. :math:`x \leftarrow x - \eta\nabla_x f`, :math:`y \leftarrow y + \eta\nabla_y f`
    evaluated at the same point. On a quadratic game the update operator is
    :math:`I - \eta H`.

    Parameters
    ----------
    eta : float or array_like
        Step size(s), ``> 0``.

    References
    ----------
    .. [1] G. Zhang, Y. Wang, L. Lessard, R. Grosse. Near-optimal local convergence of alternating
           gradient descent-ascent for minimax optimization. AISTATS, 2022. (Sim-GDA's local rate
           against Alt-GDA's)
    .. [2] G. Zhang, X. Bao, L. Lessard, R. Grosse. A unified analysis of first-order methods for
           smooth games via integral quadratic constraints. JMLR 22(103), 2021. (its global rate on
           strongly monotone games)

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> m = sim_gda(eta=0.1)
    >>> z, state = m.step(bilinear(1.0), np.array([1.0, 0.0]), ())
    >>> z
    array([1. , 0.1])
    """

    def step(game, z, state):
        return z - scale(eta, game.F(z)), state

    return Method("Sim-GDA", no_state, step, {"eta": eta}, Info(1, 0, 0, "simultaneous", ("F",), h_function=True))


@validates(eta=as_step_size)
def alt_gda(eta) -> Method:
    r"""Alternating gradient descent-ascent (Gauss-Seidel order over the players).

    .. math::

        x^{(k+1)} = x^{(k)} - \eta \nabla_x f(x^{(k)}, y^{(k)}), \qquad
        y^{(k+1)} = y^{(k)} + \eta \nabla_y f(x^{(k+1)}, y^{(k)}).

    With more than two players, each player in turn steps on its own block of
    :math:`F`, evaluated at the latest iterate of the players before it. On a game with a
    strategy box (mixed strategies) every player's move is projected onto the box before the
    next player responds to it, so each gradient is evaluated at an admissible strategy
    profile: projected alternating play, :math:`x^{(k+1)} = \Pi_X(x^{(k)} - \eta\nabla_x f)`,
    :math:`y^{(k+1)} = \Pi_Y(y^{(k)} + \eta\nabla_y f(x^{(k+1)}, y^{(k)}))`. On a
    quadratic game the update operator is the lecture's
    :math:`J_{\mathrm{Alt}} = \begin{pmatrix} I-\eta A & -\eta B \\
    \eta B^\top (I-\eta A) & I-\eta C-\eta^2 B^\top B\end{pmatrix}`.

    Parameters
    ----------
    eta : float or array_like
        Step sizes ``> 0`` (an array sweeps them: one trajectory per entry).

    References
    ----------
    .. [1] G. Zhang, Y. Wang, L. Lessard, R. Grosse. Near-optimal local convergence of alternating
           gradient descent-ascent for minimax optimization. AISTATS, 2022. (near-optimal local rate
           of Alt-GDA)
    .. [2] G. Gidel, R. Askari Hemmat, M. Pezeshki, R. Le Priol, G. Huang, S. Lacoste-Julien, I.
           Mitliagkas. Negative momentum for improved game dynamics. AISTATS, 2019. (alternating
           updates are more stable than simultaneous ones)

    Examples
    --------
    On :math:`f = xy` from :math:`(1, 1)` the maximiser already sees the minimiser's new
    :math:`x = 0.9`, where Sim-GDA would use :math:`x = 1` and reach :math:`y = 1.1`:

    >>> from lecturecode.games import bilinear
    >>> alt_gda(eta=0.1).step(bilinear(1.0), np.array([1.0, 1.0]), ())[0]
    array([0.9 , 1.09])
    """

    def step(game, z, state):
        return alternating_moves(game, z, eta), state

    return Method("Alt-GDA", no_state, step, {"eta": eta}, Info(1, 0, 0, "alternating", ("F",)))


def alternating_moves(game, z, eta, push=None):
    r"""The players' moves in turn (Gauss-Seidel order): player :math:`i` steps on its own
    block of :math:`F`, evaluated at the point the players before it have already moved,

    .. math::

        z_i \leftarrow z_i - \eta F_i(z_1^{+}, \dots, z_{i-1}^{+}, z_i, \dots) + p_i ,

    where :math:`p_i` is the block of ``push`` (e.g. a momentum term, which then reaches the
    next player with the move) and each move is projected onto the game's strategy box, if any,
    before the next player responds. This is the one definition of alternation that
    :func:`alt_gda` and :func:`~lecturecode.methods.alt_negative_momentum` share.

    Parameters
    ----------
    game : Game
    z : ndarray
        Points, shape ``(..., d)``.
    eta : ndarray
        Step sizes (validated by the factory), broadcast against the batch axes.
    push : ndarray, optional
        An extra term added to each player's move, shaped like ``z``.

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> alternating_moves(bilinear(1.0), np.array([1.0, 1.0]), np.array(0.1))
    array([0.9 , 1.09])
    """
    z = np.asarray(z)
    for i, block in enumerate(game.player_blocks):
        move = scale(eta, game.F(z)[..., block])
        if push is not None:
            move = move - push[..., block]
        if i == 0 or move.shape[:-1] != z.shape[:-1] or move.dtype != z.dtype:   # copy once, then in place
            shape = np.broadcast_shapes(z.shape, move.shape[:-1] + z.shape[-1:])
            z = np.array(np.broadcast_to(z, shape), dtype=np.result_type(z, move))
        z[..., block] -= move
        if game.lower is not None:                 # the next player responds to an admissible move
            z = game.project(z)
    return z


@validates(eta=as_step_size, ratio=as_step_size)
def two_timescale_gda(eta, ratio) -> Method:
    r"""Simultaneous GDA with a step :math:`\eta` for :math:`x` and :math:`r\eta` for :math:`y`:

    .. math::

        x^{(k+1)} = x^{(k)} - \eta \nabla_x f, \qquad y^{(k+1)} = y^{(k)} + r\eta\, \nabla_y f .

    As :math:`r \to \infty` (∞-GDA) its stable points are the local minimax points
    (Jin, Netrapalli & Jordan, 2020). It is the per-player composition
    ``per_player(sim_gda(eta), sim_gda(ratio * eta))`` (:func:`per_player`), written with one
    evaluation of :math:`F` per step instead of two.

    Parameters
    ----------
    eta : float or array_like
        The minimiser's step size(s), ``> 0``.
    ratio : float or array_like
        Timescale ratio :math:`r > 0`: one number for both players' blocks (arrays are batch
        axes, like every hyper-parameter, broadcast against ``eta``).

    References
    ----------
    .. [1] M. Heusel, H. Ramsauer, T. Unterthiner, B. Nessler, S. Hochreiter. GANs trained by a two
           time-scale update rule converge to a local Nash equilibrium. NeurIPS, 2017. (the two
           time-scale update rule)
    .. [2] C. Jin, P. Netrapalli, M. I. Jordan. What is local optimality in nonconvex-nonconcave
           minimax optimization? ICML, 2020. (the stable points of ∞-GDA are the local minimax
           points)

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> m = two_timescale_gda(0.1, ratio=3.0)
    >>> m.step(bilinear(1.0), np.array([1.0, 1.0]), m.init(None, None))[0]
    array([0.9, 1.3])
    """
    try:
        np.broadcast_shapes(eta.shape, ratio.shape)
    except ValueError as err:
        raise ValueError(f"ratio of shape {ratio.shape} must broadcast against eta of shape {eta.shape}") from err
    with np.errstate(all="ignore"):
        if not np.all(np.isfinite(eta * ratio)) or np.any(eta * ratio <= 0):
            raise ValueError(f"ratio * eta must be a positive finite step size, got ratio={ratio}, eta={eta}")

    def step(game, z, state):
        maximiser = np.arange(game.d) >= game.dims[0]
        steps = np.where(maximiser, (eta * ratio)[..., None], eta[..., None])     # (*hyper, d)
        return z - steps * game.F(z), state

    return Method("two-timescale GDA", no_state, step, {"eta": eta, "ratio": ratio},
                  Info(1, 0, 0, "simultaneous", ("F",)), _two_players)


def _two_players(game):
    if not isinstance(game, Game) or game.n_players != 2:
        raise ValueError(f"this method needs a two-player game, got {game!r}")


def _two_player_zero_sum(game):
    if not isinstance(game, Game) or game.n_players != 2 or not game.zero_sum:
        raise ValueError(f"follow_the_ridge needs a two-player zero-sum game, got {game!r}")


@validates(eta=as_step_size)
def follow_the_ridge(eta) -> Method:
    r"""Follow-the-Ridge (Wang, Zhang & Ba, 2020) for two-player minimax games.

    .. math::

        x^{(k+1)} = x^{(k)} - \eta \nabla_x f, \qquad
        y^{(k+1)} = y^{(k)} + \eta \nabla_y f
                    + \eta\, (\nabla^2_{yy} f)^{-1} \nabla^2_{yx} f\, \nabla_x f,

    all evaluated at :math:`(x^{(k)}, y^{(k)})`. The correction moves :math:`y` along the
    ridge :math:`\nabla_y f = 0` as :math:`x` moves (implicit-function theorem), so FTR
    converges to local minimax points, including those where GDA diverges. In terms of
    :math:`F` and :math:`J` the correction is :math:`J_{yy}^{-1} J_{yx} F_x` (a pseudo-inverse
    is used, as in the authors' code).

    Parameters
    ----------
    eta : float or array_like
        Step size(s), ``> 0`` (the same for both players).

    References
    ----------
    .. [1] Y. Wang, G. Zhang, J. Ba. On solving minimax optimization locally: a follow-the-ridge
           approach. ICLR, 2020.

    Examples
    --------
    >>> from lecturecode.games import quadratic_minimax
    >>> g = quadratic_minimax(-6.0, 4.0, 2.0)            # -3x² - y² + 4xy
    >>> m = follow_the_ridge(0.05)
    >>> z, _ = m.step(g, np.array([1.0, 0.0]), ())
    >>> z                                                 # (1 + 6 eta, 16 eta)
    array([1.3, 0.8])
    """

    def step(game, z, state):
        n_x = game.dims[0]
        F, J = game.F(z), game.J(z)
        F_x, F_y = F[..., :n_x], F[..., n_x:]
        ridge = np.linalg.pinv(J[..., n_x:, n_x:]) @ (J[..., n_x:, :n_x] @ F_x[..., None])
        x = z[..., :n_x] - scale(eta, F_x)
        y = z[..., n_x:] - scale(eta, F_y) + scale(eta, ridge[..., 0])
        return np.concatenate([x, y], axis=-1), state

    return Method("FTR", no_state, step, {"eta": eta}, Info(1, 1, 0, "simultaneous", ("F", "J")),
                  _two_player_zero_sum)


@validates(h=as_step_size)
def runge_kutta_flow(h) -> Method:
    r"""The gradient flow integrated by the classical Runge-Kutta scheme.

    The gradient flow :math:`\dot z = -F(z)` integrated by the classical Runge-Kutta
    scheme with time step :math:`h` (local error :math:`O(h^5)`):

    .. math::

        k_1 = -F(z),\ k_2 = -F(z + \tfrac h2 k_1),\ k_3 = -F(z + \tfrac h2 k_2),\
        k_4 = -F(z + h k_3),\qquad z^{+} = z + \tfrac h6 (k_1 + 2k_2 + 2k_3 + k_4).

    The continuous-time reference that :func:`lecturecode.integrate_flow` runs.

    References
    ----------
    .. [1] E. Hairer, C. Lubich, G. Wanner. Geometric Numerical Integration: Structure-Preserving
           Algorithms for Ordinary Differential Equations, 2nd edition. Springer, 2006. (Runge-Kutta
           methods for the flow)

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> z = runge_kutta_flow(0.1).step(bilinear(1.0), np.array([1.0, 0.0]), ())[0]
    >>> np.round(z, 6)                                  # the exact flow: (cos 0.1, sin 0.1)
    array([0.995004, 0.099833])
    """

    def step(game, z, state):
        k1 = -game.F(z)
        k2 = -game.F(z + scale(0.5 * h, k1))
        k3 = -game.F(z + scale(0.5 * h, k2))
        k4 = -game.F(z + scale(h, k3))
        return z + scale(h / 6.0, k1 + 2 * k2 + 2 * k3 + k4), state

    return Method("RK4 flow", no_state, step, {"h": h}, Info(4, 0, 0, "simultaneous", ("F",), h_function=True))
