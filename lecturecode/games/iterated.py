r"""Iterated two-action games with memory-one policies: the iterated prisoner's dilemma (IPD)
and iterated matching pennies (IMP) of LOLA (Foerster et al., 2018), with exact values and
exact derivatives (named strategies and tournaments: :mod:`lecturecode.games.memory_one`).

Policies
--------
Each agent has 5 logits :math:`\theta` and plays action 0 ("cooperate", "heads") with
probabilities :math:`p = \sigma(\theta)`: ``p[0]`` on the first move, then ``p[1:5]`` =
P(action 0 | previous joint outcome CC, CD, DC, DD) **from the agent's own point of view**
(own action first). ``z = (θ₁, θ₂)`` has 10 entries.

State-order convention. Joint states are written in agent 1's order
:math:`s \in (CC, CD, DC, DD)` (agent 1's action first). In state CD agent 2 has defected
against a cooperator, which it calls DC. So agent 2's probabilities in joint order are
``q = p₂[[0, 1, 3, 2, 4]]`` (CD and DC swapped), and a symmetric pair ``θ₁ = θ₂`` gets
equal values in a symmetric game.

Exact value
-----------
With :math:`p_0 = (a_1a_2, a_1(1-a_2), (1-a_1)a_2, (1-a_1)(1-a_2))` the first-move
distribution and :math:`P_{s\cdot} = (x_sy_s, x_s(1-y_s), (1-x_s)y_s, (1-x_s)(1-y_s))` the
transition matrix (:math:`x = p_1[1:]`, :math:`y = q[1:]`), agent :math:`i`'s discounted
value is :math:`V_i = p_0^\top (I - \gamma P)^{-1} r_i` and its loss is :math:`-V_i`.
The average reward per step is :math:`(1-\gamma)V_i`.

Exact derivatives (closed form, by the adjoint of the linear solve). With
:math:`u_i = (I-\gamma P)^{-1} r_i` (state values), :math:`w = (I-\gamma P)^{-\top} p_0`
(discounted visits) and :math:`\omega = (1, \gamma w)` (weight of the first move and of
each state),

.. math::

    \frac{\partial V_i}{\partial x_k} = \omega_k\big(y_k (u_{CC} - u_{DC})
        + (1-y_k)(u_{CD} - u_{DD})\big),\quad
    \frac{\partial V_i}{\partial y_k} = \omega_k\big(x_k (u_{CC} - u_{CD})
        + (1-x_k)(u_{DC} - u_{DD})\big)

(index :math:`k = 0` is the first move), then :math:`\partial p/\partial\theta = p(1-p)`.
Second derivatives (the LOLA hot path) are the forward-mode derivative of these formulas,
written out by the product rule and reusing the inverse
(:meth:`IteratedGame.loss_gradients_with_jvp`, :math:`d(M^{-1}) = -M^{-1}\,dM\,M^{-1}`).
The code is also analytic in ``z`` (no ``abs``, no branches), so the complex step
:math:`\operatorname{Im} G(z + ihv)/h` gives exact second derivatives too: ``J`` is
computed that way, and the tests compare both with ``autograd``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import autograd.numpy as anp
import numpy as np

from ..validation import as_dims, as_flag, as_point, as_real_array, as_scalar, as_text
from ._base import Game, as_array, frozen
from ._iterated_fused import values as _fused_values
from .classic import PD_PAYOFFS

__all__ = ["IteratedGame", "iterated_game", "ipd", "imp", "MP_PAYOFFS", "STATES"]

#: Names of the 5 policy entries: first move, then the previous joint outcome (own action first).
STATES = ("s0", "CC", "CD", "DC", "DD")
#: Matching pennies (H = action 0): agent 1 wins +1 on a match, agent 2 is paid the opposite.
MP_PAYOFFS = MappingProxyType({("H", "H"): (1.0, -1.0), ("H", "T"): (-1.0, 1.0),
                               ("T", "H"): (-1.0, 1.0), ("T", "T"): (1.0, -1.0)})
#: Agent 2's own state order -> agent 1's joint order (an involution: CD and DC swap).
STATE_SWAP = np.array([0, 1, 3, 2, 4])
_SWAP = STATE_SWAP
_H = 1e-30                          # complex-step size (no subtraction: exact to round-off)


def _sigmoid(t):
    return 0.5 * (1.0 + (np if isinstance(t, np.ndarray) else anp).tanh(0.5 * t))


def _payoff_matrix(payoffs) -> np.ndarray:
    """``payoffs`` as a (4, 2) array: rows CC, CD, DC, DD (agent 1's action first)."""
    if isinstance(payoffs, Mapping):
        if len(payoffs) != 4:
            raise ValueError(f"payoffs must have 4 entries (CC, CD, DC, DD), got {len(payoffs)}")
        payoffs = list(payoffs.values())
    table = as_real_array(payoffs, "payoffs")
    if table.shape not in ((4, 2), (2, 2, 2)):
        raise ValueError(f"payoffs must have shape (2, 2, 2) [action 1, action 2, player] or (4, 2), "
                         f"got shape {table.shape}")
    return frozen(table.reshape(4, 2))


# The fast paths below hold every array with its entries in front and the batch axes last
# ("entries first": ``x[k]`` is the batch of entry k, ``Nt[j, s]`` the batch of entry (j, s)).
# NumPy then runs each line as one loop over the contiguous batch, instead of many short
# loops over axes of length 2 to 10 (and no per-matrix matmul or LAPACK calls).

def _entries_first(z):
    """``z`` (..., n) as (n, ...): contiguous for arrays, a view for autograd boxes."""
    axes = (z.ndim - 1,) + tuple(range(z.ndim - 1))
    return np.ascontiguousarray(z.transpose(axes)) if isinstance(z, np.ndarray) else anp.transpose(z, axes)


def _batch_last(G, xp=np):
    """(10, n, ...) -> (..., n, 10), the layout of :meth:`IteratedGame.loss_gradients`."""
    G = xp.transpose(G, tuple(range(2, G.ndim)) + (1, 0))
    return np.ascontiguousarray(G) if xp is np else G


def _joint(x, y, xp=np):
    """Joint-outcome probabilities (4, 5, ...) [outcome CC..DD, state s0..DD] of independent
    actions with P(C) = x and y (5, ...): in each state the outer product of (x, 1 - x)
    and (y, 1 - y). ``joint[:, 1:]`` is the transposed transition matrix."""
    X = xp.reshape(xp.concatenate([x, 1 - x]), (2, 1) + x.shape)
    Y = xp.reshape(xp.concatenate([y, 1 - y]), (1, 2) + y.shape)
    XY = X * Y                                                 # (2, 2, 5, ...) with the batches broadcast
    return xp.reshape(XY, (4,) + XY.shape[2:])


def _inverse(a):
    r"""Inverse of a batch of 4×4 matrices held entries first (``a[i, j]`` is the batch of
    entries (i, j), shape (4, 4, ...)), real or complex, by Gauss-Jordan elimination in
    place: each step is a few whole-array operations (``np.linalg.inv`` works matrix by
    matrix, slower on these batches). No pivoting is needed: :math:`I - \gamma P^{(\top)}`
    is strictly diagonally dominant (by rows, or columns), and elimination keeps it so."""
    a = a.copy()
    for k in range(4):
        pivot = 1 / a[k, k]
        f = a[:, k].copy()                     # column k: the multipliers of row k
        f[k] = 0
        a[:, k] = 0
        a[k, k] = 1
        a[k] *= pivot                          # row k of the inverse so far (a[k, k] = 1 / pivot)
        a -= f[:, None] * a[k]                 # clear column k elsewhere (a[i, k] = -f_i / pivot)
    return a


def _start_and_inverse(x, y, gamma, xp=np):
    r"""The first-move distribution :math:`p_0` (4, ...) and :math:`M^{-	op}` held entries
    first (``Nt[j, s] = (M^{-1})[s, j]``, (4, 4, ...)), :math:`M = I - \gamma P`, for agent
    1's and agent 2's probabilities of action 0 in joint-state order, entries first (5, ...)."""
    joint = _joint(x, y, xp)                                   # (4, 5, ...): outcome CC..DD, state s0..DD
    p0, Pt = joint[:, 0], joint[:, 1:]                         # p0 (4, ...), Pt[j, s] = P[s, j]
    Mt = -gamma * Pt + np.eye(4).reshape((4, 4) + (1,) * (Pt.ndim - 2))
    if xp is np:
        return p0, _inverse(Mt)
    return p0, anp.transpose(anp.linalg.inv(anp.transpose(Mt)))


def _values(p1, p2, R, gamma):
    """Exact discounted values (..., 2) for probabilities p1, p2 in each agent's own order:
    :math:`V_i = p_0^\top M^{-1} r_i = w^\top r_i` (plain arrays or autograd boxes)."""
    xp = np if isinstance(p1, np.ndarray) and isinstance(p2, np.ndarray) else anp
    p0, Nt = _start_and_inverse(_entries_first(p1), _entries_first(p2)[_SWAP], gamma, xp)
    w = xp.einsum("js...,s...->j...", Nt, p0)                  # (4, ...): discounted visits M⁻ᵀp₀
    return xp.einsum("j...,ji->...i", w, R)


def _gradients(z, R, gamma):
    r"""G (..., n, 10) with G[i] = ∇_z V_i by the adjoint closed form, and the intermediate
    arrays (entries first) that :func:`_gradients_jvp` reuses. ``R`` holds the n players'
    payoff columns, (4, n) or (4, n, ...) to broadcast against the batch
    (:func:`_payoff_columns`).

    Plain NumPy on arrays, real or complex (the hot path of the LOLA runs);
    ``autograd.numpy`` when autograd traces it."""
    xp = np if isinstance(z, np.ndarray) else anp
    p = _sigmoid(_entries_first(z))                        # (10, ...)
    x, y = p[:5], p[5:][_SWAP]                                 # P(action 0) in joint-state order
    p0, Nt = _start_and_inverse(x, y, gamma, xp)               # Nt = M⁻ᵀ: Nt[j, s] = (M⁻¹)[s, j]
    u = xp.einsum("js...,jn...->sn...", Nt, R)                 # (4, n, ...): state values M⁻¹r
    w = xp.einsum("js...,s...->j...", Nt, p0)                  # (4, ...): discounted visits M⁻ᵀp₀
    omega = xp.concatenate([xp.ones_like(w[:1]), gamma * w])   # (5, ...): weights of s0, CC..DD
    e = u[0] - u[1] - u[2] + u[3]                              # u_CC - u_CD - u_DC + u_DD  (n, ...)
    a = y[:, None] * e + (u[1] - u[3])                         # ∂V/∂x = ω a  (5, n, ...)
    b = x[:, None] * e + (u[2] - u[3])                         # ∂V/∂y = ω b
    s = p * (1 - p)                                            # dσ/dθ
    A, B = omega[:, None] * a, (omega[:, None] * b)[_SWAP]     # ∂V/∂p₁, ∂V/∂p₂ (own orders)
    G = xp.concatenate([A * s[:5, None], B * s[5:, None]])     # (10, n, ...)
    return _batch_last(G, xp), (p, s, x, y, w, Nt, u, omega, e, a, b, A, B)


def _payoff_columns(R, players, ndim):
    """The payoff columns of all players, (4, 2), or of ``players`` (one per leading entry of
    a stacked batch of ``ndim`` axes, ``z``'s last axis included), (4, 1, k, 1, ..., 1)."""
    if players is None:
        return R
    return R[:, list(players)].reshape((4, 1, len(players)) + (1,) * (ndim - 2))


def _gradients_jvp(cache, dz, gamma, players=None):
    """Forward-mode derivative of G along ``dz`` (..., 10) or stacked (k, ..., 10), by the
    product rule on each line of :func:`_gradients` (closed form, real arithmetic). With
    ``players`` (one per stacked direction) only that player's gradient is differentiated:
    shape (k, ..., 1, 10)."""
    p, s, x, y, w, Nt, u, omega, e, a, b, A, B = cache
    if players is not None:          # a stack axis in front of the batch; player players[k]'s row for entry k
        index = list(players)
        p, s, x, y, w, omega = (arr[:, None] for arr in (p, s, x, y, w, omega))
        Nt, e = Nt[:, :, None], e[index][None]
        u, a, b, A, B = (arr[:, index][:, None] for arr in (u, a, b, A, B))
    dp = s * _entries_first(dz)
    dx, dy = dp[:5], dp[5:][_SWAP]
    dt = dx * y + x * dy
    djoint = np.concatenate([dt, dx - dt, dy - dt, dt - dx - dy]).reshape((4,) + dt.shape)
    dp0, dPt = djoint[:, 0], djoint[:, 1:]
    # d(M⁻¹) = -M⁻¹ dM M⁻¹ with dM = -γ dP, applied to vectors: du = γ M⁻¹ dP u, dw = M⁻ᵀ(dp₀ + γ dPᵀw)
    du = gamma * np.einsum("js...,jn...->sn...", Nt, np.einsum("tj...,tn...->jn...", dPt, u))
    dw = np.einsum("js...,s...->j...", Nt, dp0 + gamma * np.einsum("st...,t...->s...", dPt, w))
    domega = np.concatenate([np.zeros_like(dw[:1]), gamma * dw])
    de = du[0] - du[1] - du[2] + du[3]
    da = dy[:, None] * e + y[:, None] * de + (du[1] - du[3])
    db = dx[:, None] * e + x[:, None] * de + (du[2] - du[3])
    ds = (1 - 2 * p) * dp
    d1 = (domega[:, None] * a + omega[:, None] * da) * s[:5, None] + A * ds[:5, None]
    d2 = (domega[:, None] * b + omega[:, None] * db)[_SWAP] * s[5:, None] + B * ds[5:, None]
    return _batch_last(np.concatenate([d1, d2]))


@dataclass(frozen=True, eq=False, repr=False)
class IteratedGame(Game):
    r"""An infinitely repeated 2×2 game with discount :math:`\gamma` between memory-one agents
    (5 logits each; conventions in :mod:`lecturecode.games.iterated`). Losses are :math:`-V_i`.

    Build it with :func:`iterated_game`, :func:`ipd` or :func:`imp` (they validate).

    Attributes
    ----------
    name : str
    payoffs : ndarray, shape (4, 2)
        Rewards of (agent 1, agent 2) in the joint states CC, CD, DC, DD.
    gamma : float
        Discount in (0, 1).
    """

    name: str = field()
    payoffs: np.ndarray = field()
    gamma: float = field()
    dims: tuple = (5, 5)
    zero_sum: bool = False
    z_star: np.ndarray | None = None

    def __post_init__(self):
        as_text(self.name, "name")
        if as_dims(self.dims) != (5, 5):
            raise ValueError(f"dims must be (5, 5): five logits per memory-one agent, got {self.dims!r}")
        as_flag(self.zero_sum, "zero_sum")
        if self.z_star is not None:
            object.__setattr__(self, "z_star", frozen(as_point(self.z_star, 10, "z_star")))
        object.__setattr__(self, "payoffs", _payoff_matrix(self.payoffs))
        object.__setattr__(self, "gamma", as_scalar(self.gamma, "gamma", low=0.0, high=1.0, low_open=True,
                                                    high_open=True))
        # the losses' "payoffs": everything below is linear in the payoff table, so feeding it -R
        # gives the loss gradients (and their derivatives) without a negation per call
        object.__setattr__(self, "_costs", frozen(-self.payoffs))

    def values(self, z):
        """Exact discounted values :math:`(V_1, V_2)` at logits ``z`` (unvalidated), shape (..., 2)
        (real arrays go through the fused kernel, chunk by chunk: the same numbers, faster)."""
        z = as_array(z)
        if isinstance(z, np.ndarray) and z.dtype == np.float64 and z.ndim and z.shape[-1] == 10:
            return _fused_values(z, self.payoffs, self.gamma)
        return _values(_sigmoid(z[..., :5]), _sigmoid(z[..., 5:]), self.payoffs, self.gamma)

    def losses(self, z):
        """Each agent's loss :math:`-V_i`, shape (..., 2)."""
        return -self.values(z)

    def loss_gradients(self, z, players=None):
        r"""All players' loss gradients :math:`G_{ij} = \partial(-V_i)/\partial z_j`, shape
        (..., 2, 10), in closed form (complex-safe: used by the opponent-shaping methods).

        With ``players`` (a sequence of player indices, one per leading entry of a stacked
        ``z`` of shape (k, ..., 10)), only ``∇ L_players[k]`` at ``z[k]``: shape (k, ..., 10)."""
        z = as_array(z)
        G = _gradients(z, _payoff_columns(self._costs, players, z.ndim), self.gamma)[0]
        return G if players is None else G[..., 0, :]

    def loss_gradients_with_jvp(self, z):
        r"""``(G, jvp)``: :meth:`loss_gradients` at ``z`` (real, (..., d)) and a function
        ``jvp(v, players=None)`` :math:`= \frac{d}{d\varepsilon} G(z + \varepsilon v)` for
        directions ``v`` of shape (..., d) or stacked (k, ..., d): the closed-form forward-mode
        derivative, reusing the inverse and the other arrays computed at ``z``. With
        ``players`` (one per stacked direction) only that player's row: shape (k, ..., d)."""
        z = np.asarray(z, dtype=float)
        G, cache = _gradients(z, _payoff_columns(self._costs, None, z.ndim), self.gamma)

        def jvp(v, players=None):
            out = _gradients_jvp(cache, np.asarray(v), self.gamma, players)
            return out if players is None else out[..., 0, :]

        return G, jvp

    def F(self, z):
        r"""Own loss gradients :math:`(-\nabla_{\theta_1} V_1, -\nabla_{\theta_2} V_2)`."""
        G = self.loss_gradients(z)
        return anp.concatenate([G[..., 0, :5], G[..., 1, 5:]], axis=-1)

    def J(self, z):
        """Jacobian of ``F`` by the complex step along each coordinate (exact to round-off)."""
        z = np.asarray(z, dtype=float)
        probes = z[..., None, :] + 1j * _H * np.eye(self.d)
        return np.swapaxes(self.F(probes).imag / _H, -1, -2)

    def average_rewards(self, z) -> np.ndarray:
        r"""Average reward per step :math:`(1-\gamma)V_i` at the (validated) logits ``z``."""
        return (1 - self.gamma) * np.asarray(self.values(self.check_points(z)))


def iterated_game(payoffs, gamma, *, name: str) -> IteratedGame:
    r"""The infinitely repeated game of ``payoffs`` with discount ``gamma`` between
    memory-one agents.

    Parameters
    ----------
    payoffs : mapping or array_like
        ``{(a1, a2): (r1, r2)}`` with 4 entries in the order (first, first), (first, second),
        (second, first), (second, second), as :data:`~lecturecode.games.PD_PAYOFFS`; or an
        array of shape ``(2, 2, 2)`` ``[action 1, action 2, player]`` or ``(4, 2)``.
    gamma : float
        Discount in (0, 1).
    name : str

    References
    ----------
    .. [1] J. Foerster, R. Y. Chen, M. Al-Shedivat, S. Whiteson, P. Abbeel, I. Mordatch. Learning
           with Opponent-Learning Awareness. AAMAS, 2018. (the exact value of memory-one policies)

    Examples
    --------
    >>> g = iterated_game(PD_PAYOFFS, 0.9, name="IPD")
    >>> g.values(np.full(10, 30.0)).round(6)          # both always cooperate: -1/(1-γ)
    array([-10., -10.])
    """
    R = _payoff_matrix(payoffs)
    gamma = as_scalar(gamma, "gamma", low=0.0, high=1.0, low_open=True, high_open=True)
    zero_sum = bool(np.all(R[:, 0] == -R[:, 1]))
    return IteratedGame(as_text(name, "name"), R, gamma, zero_sum=zero_sum,
                        z_star=frozen(np.zeros(10)) if zero_sum else None)


def ipd(gamma: float = 0.96) -> IteratedGame:
    """The iterated prisoner's dilemma of LOLA: :data:`~lecturecode.games.PD_PAYOFFS`, γ = 0.96.

    References
    ----------
    .. [1] J. Foerster, R. Y. Chen, M. Al-Shedivat, S. Whiteson, P. Abbeel, I. Mordatch. Learning
           with Opponent-Learning Awareness. AAMAS, 2018.
    .. [2] R. Axelrod, W. D. Hamilton. The Evolution of Cooperation. Science, 1981.

    Examples
    --------
    >>> g = ipd()
    >>> g.payoffs[:, 0].tolist(), g.gamma
    ([-1.0, -3.0, 0.0, -2.0], 0.96)
    """
    return iterated_game(PD_PAYOFFS, gamma, name="IPD")


def imp(gamma: float = 0.9) -> IteratedGame:
    """Iterated matching pennies (zero-sum): :data:`MP_PAYOFFS`, γ = 0.9. Its ``z_star`` is
    the mixed equilibrium θ = 0 (every probability ½).

    References
    ----------
    .. [1] J. Foerster, R. Y. Chen, M. Al-Shedivat, S. Whiteson, P. Abbeel, I. Mordatch. Learning
           with Opponent-Learning Awareness. AAMAS, 2018.

    Examples
    --------
    >>> g = imp()
    >>> g.zero_sum, bool(np.allclose(g.F(np.zeros(10)), 0.0, atol=1e-14))
    (True, True)
    """
    return iterated_game(MP_PAYOFFS, gamma, name="IMP")
