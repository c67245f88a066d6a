r"""Opponent shaping: naive learners, LOLA (Taylor and exact look-ahead) and Stable Opponent
Shaping, as :class:`~lecturecode.methods.Method` s on two-player games with losses.

Notation (loss form, :math:`L_i = -V_i`): player :math:`i` takes steps of size :math:`\delta`,
and models its opponent as a naive learner with look-ahead (step) :math:`\eta'`.

* **Naive learner** (NL): :math:`\theta_i \leftarrow \theta_i - \delta\nabla_{\theta_i}L_i`.
* **LOLA** (Foerster et al., 2018), exact look-ahead (the lecture's formula): player 1
  differentiates through one naive step of player 2,

  .. math::

      \theta_1 \leftarrow \theta_1 - \delta\nabla_{\theta_1}
        L_1\big(\theta_1, \theta_2 + \Delta\theta_2(\theta_1)\big),\qquad
      \Delta\theta_2(\theta_1) = -\eta'\nabla_{\theta_2}L_2(\theta_1, \theta_2),

  i.e. :math:`\nabla_{\theta_1}L_1(z') - \eta'\,\nabla_{\theta_1}\big[c\cdot
  \nabla_{\theta_2}L_2\big](z)` with :math:`z' = (\theta_1, \theta_2 + \Delta\theta_2)` and
  :math:`c = \nabla_{\theta_2}L_1(z')` held fixed.
* **LOLA, first-order (Taylor) form** of the paper: the same with :math:`z' = z`, i.e.
  :math:`\theta_1 \leftarrow \theta_1 - \delta\big(\nabla_{\theta_1}L_1
  - \eta'\,(\nabla_{\theta_1}\nabla_{\theta_2}L_2)\,\nabla_{\theta_2}L_1\big)`
  (in rewards: :math:`\delta\nabla_1V_1 + \delta\eta'(\nabla_2V_1)^\top\nabla_1\nabla_2V_2`);
  the paper's code drops the look-ahead term :math:`(\nabla_1\nabla_2L_1)\Delta\theta_2`.
* **SOS** (Letcher et al., 2019): :math:`\theta \leftarrow \theta - \delta\big[(I -
  \eta'H_o)\xi - p\,\eta'\chi\big]`, where :math:`\xi` stacks the own gradients, :math:`H_o`
  is the off-diagonal part of the game Hessian, :math:`\chi_i = \nabla_{\theta_i}
  [\nabla_{\theta_j}L_i\cdot\nabla_{\theta_j}L_j]` (first factor fixed) is LOLA's shaping term,
  and :math:`p\in[0,1]` shrinks the shaping where it would oppose the look-ahead step
  (``a = 0.5``, ``b = 0.1`` as in the authors' notebook). With :math:`p = 1` SOS is the
  look-ahead term plus the full shaping term, the complete first-order expansion of exact
  LOLA, which is *not* the Taylor form above (that form has no look-ahead term).

Derivatives are exact: a game gives all cross gradients through its ``loss_gradients(z)``
(shape ``(..., 2, d)``, analytic in ``z``), and every second-order term is a directional
derivative of those, from :meth:`Game.loss_gradients_with_jvp
<lecturecode.games.Game.loss_gradients_with_jvp>`: the iterated games' closed-form forward
mode, or by default the complex step :math:`\operatorname{Im} G(z + ihv)/h` with
:math:`h = 10^{-30}` (no subtraction, so exact to round-off).
:mod:`lecturecode.methods.lola_autograd` is the automatic-differentiation reference the
tests and benchmarks compare against. On the iterated games the naive and LOLA steps run
through the fused kernels of :mod:`lecturecode.games._iterated_fused`: the same arithmetic,
bit for bit, as one fixed list of array operations on buffers made once per game, batch
shape and step sizes (kept per method and thread); other games, subclasses that replace the
derivatives and complex iterates take the general path below.

The methods run on every two-player game with ``loss_gradients``: the iterated games and
the quadratic games (on which naive learning and LOLA are linear updates, analysed like
any other method in :data:`~lecturecode.methods.REGISTRY`; SOS is not linear, because its
:math:`p` depends on the point).
"""

from __future__ import annotations

import threading

import numpy as np

from ..games import Game, IteratedGame
from ..games._iterated_fused import kernel
from ..validation import (as_choice, as_flag, as_points, as_scalar, as_step_size, finite_result)
from ._base import Info, Method, no_state, scale

__all__ = ["naive_learner", "lola", "sos", "shaping_direction"]


#: The two forms of LOLA.
LOLA_FORMS = ("exact", "taylor")


def _check_two_player(name):
    def check(game):
        if game.loss_gradients is None or game.n_players != 2:
            raise ValueError(f"{name} needs a two-player game with loss_gradients (e.g. games.ipd(), "
                             f"games.imp() or a quadratic game), got {game!r}")
    return check


class _Kernels(threading.local):
    """The fused kernels (:mod:`lecturecode.games._iterated_fused`) a method has used, by game
    and batch shape: the most recent few, per thread (a kernel owns its buffers)."""

    size = 4

    def __init__(self, lookahead, delta):
        self.lookahead, self.delta, self.kept, self.last = lookahead, delta, {}, None

    def get(self, game, z):
        """``(kernel, z)`` for iterates ``z`` on ``game`` (``z`` broadcast to the batch of the
        step sizes), or ``(None, z)`` where the fused path does not apply: a game whose
        derivatives are not the iterated games' closed forms (a subclass replacing them), or
        iterates that are not real floats (a complex step through the method)."""
        if not (isinstance(z, np.ndarray) and z.dtype == np.float64):
            return None, z
        last = self.last
        if last is not None and last[0] is game and last[1] == z.shape:         # the previous step's
            return last[2], (z if last[3] is None else np.broadcast_to(z, last[3]))
        kind = type(game)
        if not (isinstance(game, IteratedGame) and kind.loss_gradients_with_jvp is IteratedGame.loss_gradients_with_jvp
                and kind.loss_gradients is IteratedGame.loss_gradients and kind.F is IteratedGame.F):
            return None, z
        batch = np.broadcast_shapes(z.shape[:-1], np.shape(self.lookahead), np.shape(self.delta))
        key = (id(game), batch)
        found = self.kept.pop(key, None)
        if found is None or found[0] is not game:
            found = (game, kernel(game, batch, self.lookahead, self.delta))
            while len(self.kept) >= self.size:
                self.kept.pop(next(iter(self.kept)))
        self.kept[key] = found                          # the most recent last
        wide = None if z.shape[:-1] == batch else batch + z.shape[-1:]
        self.last = (game, z.shape, found[1], wide)
        return found[1], (z if wide is None else np.broadcast_to(z, wide))


def _blocks(game):
    n1 = game.dims[0]
    return slice(0, n1), slice(n1, game.d)


def shaping_direction(game, z, lookahead, *, exact: bool = True):
    r"""The LOLA direction of both players at once: player :math:`i` moves by
    :math:`-\delta` times block :math:`i` of the result (see the module docstring).

    Parameters
    ----------
    game : Game
        A two-player game with ``loss_gradients``.
    z : ndarray (..., d)
    lookahead : ndarray
        :math:`\eta'`, broadcast over the batch axes.
    exact : bool
        Exact look-ahead (gradients at the opponent's look-ahead point) or the Taylor form.

    The arguments are validated here (the LOLA step calls the unvalidated kernel).

    Examples
    --------
    >>> from lecturecode.games import ipd
    >>> z = np.zeros(10)
    >>> d = shaping_direction(ipd(), z, np.asarray(1.0), exact=False)
    >>> bool(np.allclose(d[:5], d[5:]))          # a symmetric point, a symmetric move
    True
    """
    if not isinstance(game, Game):
        raise TypeError(f"game must be a Game (e.g. games.ipd()), got {game!r}")
    _check_two_player("shaping_direction")(game)
    z = as_points(z, game.d, "z")
    if isinstance(lookahead, (bool, np.bool_)):
        raise TypeError(f"lookahead must be a positive real number or array, got {lookahead!r}")
    lookahead = as_step_size(lookahead, "lookahead")
    try:
        np.broadcast_shapes(z.shape[:-1], lookahead.shape)
    except ValueError:
        raise ValueError(f"lookahead of shape {lookahead.shape} does not broadcast against the batch axes "
                         f"{z.shape[:-1]} of z") from None
    with np.errstate(all="ignore"):
        out = _shaping_direction(game, z, lookahead, as_flag(exact, "exact"))
    return finite_result(out, "lookahead (with this z)", "the shaping direction")


def _shaping_direction(game, z, lookahead, exact):
    """:func:`shaping_direction` on checked input (the LOLA step's kernel)."""
    b1, b2 = _blocks(game)
    la = np.asarray(lookahead)[..., None]
    if la.ndim > 1:                                     # a sweep over look-aheads: one point per value
        z = np.broadcast_to(z, np.broadcast_shapes(z.shape[:-1], la.shape[:-1]) + z.shape[-1:])
    G, jvp = game.loss_gradients_with_jvp(z)
    batch = G.shape[:-2]                                # a stacked linear game may add axes in front
    if exact:
        ahead = np.empty((2,) + batch + z.shape[-1:])
        ahead[...] = z
        ahead[0, ..., b2] -= la * G[..., 1, b2]         # each player's view of the opponent's naive step
        ahead[1, ..., b1] -= la * G[..., 0, b1]
        Ga = game.loss_gradients(ahead, players=(0, 1))  # ∇L₁ at z', ∇L₂ at z''
        own1, c1, own2, c2 = Ga[0, ..., b1], Ga[0, ..., b2], Ga[1, ..., b2], Ga[1, ..., b1]
    else:
        own1, c1, own2, c2 = G[..., 0, b1], G[..., 0, b2], G[..., 1, b2], G[..., 1, b1]
    dirs = np.zeros((2,) + batch + z.shape[-1:])
    dirs[0, ..., b2] = c1
    dirs[1, ..., b1] = c2
    D = jvp(dirs, (1, 0))                               # d∇L₂ along (0, c₁), d∇L₁ along (c₂, 0)
    out = np.empty(batch + z.shape[-1:])
    out[..., b1] = own1 - la * D[0, ..., b1]
    out[..., b2] = own2 - la * D[1, ..., b2]
    return out


def naive_learner(delta) -> Method:
    r"""Naive learner: each player descends its own loss, the other held fixed.

    :math:`\theta_i \leftarrow \theta_i - \delta\nabla_{\theta_i}L_i` (Sim-GDA on ``F``).

    References
    ----------
    .. [1] J. Foerster, R. Y. Chen, M. Al-Shedivat, S. Whiteson, P. Abbeel, I. Mordatch. Learning
           with Opponent-Learning Awareness. AAMAS, 2018. (the naive learner baseline)

    Examples
    --------
    >>> from lecturecode.games import ipd
    >>> m = naive_learner(1.0)
    >>> z, _ = m.step(ipd(), np.zeros(10), ())
    >>> bool(np.all(z < 0))        # both agents move towards defection
    True
    """
    delta = as_step_size(delta, "delta")
    kernels = _Kernels(None, delta)

    def step(game, z, state):
        fused, z = kernels.get(game, z)
        if fused is not None:                   # an iterated game: the same numbers, fused
            return fused.naive(z), state
        return z - scale(delta, game.F(z)), state

    return Method("NL", no_state, step, {"delta": delta}, Info(1, 0, 0, "simultaneous", ("F",), h_function=True))


def lola(delta, lookahead, *, form: str = "exact") -> Method:
    r"""LOLA: each player shapes the opponent's next naive step (look-ahead :math:`\eta'`).

    Parameters
    ----------
    delta : float or array
        Own step size :math:`\delta > 0`.
    lookahead : float or array
        The opponent's modelled step :math:`\eta' > 0`.
    form : {"exact", "taylor"}
        Differentiate through the opponent's step exactly (the lecture's formula), or use
        the paper's first-order form.

    References
    ----------
    .. [1] J. Foerster, R. Y. Chen, M. Al-Shedivat, S. Whiteson, P. Abbeel, I. Mordatch. Learning
           with Opponent-Learning Awareness. AAMAS, 2018.

    Examples
    --------
    >>> from lecturecode.games import ipd
    >>> m = lola(1.0, 1.0)
    >>> z, _ = m.step(ipd(), np.zeros(10), ())
    >>> z.shape
    (10,)
    """
    delta = as_step_size(delta, "delta")
    lookahead = as_step_size(lookahead, "lookahead")
    exact = as_choice(form, "form", LOLA_FORMS) == "exact"
    kernels = _Kernels(lookahead, delta)

    def step(game, z, state):
        fused, z = kernels.get(game, z)
        if fused is not None:                   # an iterated game: the same numbers, fused
            return fused.lola(z, exact), state
        return z - scale(delta, _shaping_direction(game, z, lookahead, exact)), state

    name = "LOLA" if exact else "LOLA (Taylor)"
    return Method(name, no_state, step, {"delta": delta, "lookahead": lookahead},
                  Info(5 if exact else 3, 0, 0, "simultaneous", ("loss_gradients",)),
                  _check_two_player(name))


def sos(delta, lookahead, *, a: float = 0.5, b: float = 0.1) -> Method:
    r"""Stable Opponent Shaping (Letcher et al., 2019); the update is in the module docstring.

    LOLA's shaping term scaled by :math:`p = \min(p_1, p_2)` with
    :math:`p_1 = 1` if :math:`\langle -\eta'\chi, \xi_0\rangle \ge 0` else
    :math:`\min(1, -a\|\xi_0\|^2/\langle -\eta'\chi, \xi_0\rangle)`,
    :math:`p_2 = \|\xi\|^2` if :math:`\|\xi\| < b` else 1, and
    :math:`\xi_0 = (I - \eta' H_o)\xi` (norms over both players).

    References
    ----------
    .. [1] A. Letcher, J. Foerster, D. Balduzzi, T. Rocktäschel, S. Whiteson. Stable Opponent
           Shaping in Differentiable Games. ICLR, 2019.

    Examples
    --------
    >>> from lecturecode.games import imp
    >>> m = sos(1.0, 1.0)
    >>> bool(np.allclose(m.step(imp(), np.zeros(10), ())[0], 0.0, atol=1e-14))   # a fixed point
    True
    """
    delta = as_step_size(delta, "delta")
    lookahead = as_step_size(lookahead, "lookahead")
    a = as_scalar(a, "a", low=0.0, low_open=True)
    b = as_scalar(b, "b", low=0.0, low_open=True)

    def step(game, z, state):
        b1, b2 = _blocks(game)
        G, jvp = game.loss_gradients_with_jvp(z)
        xi = np.concatenate([G[..., 0, b1], G[..., 1, b2]], -1)
        zero1, zero2 = np.zeros_like(xi[..., b1]), np.zeros_like(xi[..., b2])
        dirs = np.stack([np.concatenate([zero1, xi[..., b2]], -1), np.concatenate([xi[..., b1], zero2], -1),
                         np.concatenate([zero1, G[..., 0, b2]], -1), np.concatenate([G[..., 1, b1], zero2], -1)])
        D = jvp(dirs, (0, 1, 1, 0))
        h_xi = np.concatenate([D[0, ..., b1], D[1, ..., b2]], -1)
        chi = np.concatenate([D[2, ..., b1], D[3, ..., b2]], -1)
        xi0 = xi - scale(lookahead, h_xi)
        shaping = -scale(lookahead, chi)
        dot = np.einsum("...i,...i->...", shaping, xi0)
        with np.errstate(divide="ignore", invalid="ignore"):
            p1 = np.where(dot >= 0, 1.0, np.minimum(1.0, -a * np.einsum("...i,...i->...", xi0, xi0) / dot))
        norm2 = np.einsum("...i,...i->...", xi, xi)
        p = np.minimum(p1, np.where(norm2 < b * b, norm2, 1.0))
        return z - scale(delta, xi0 + scale(p, shaping)), state

    return Method("SOS", no_state, step, {"delta": delta, "lookahead": lookahead},
                  Info(5, 0, 0, "simultaneous", ("loss_gradients",), linear=False), _check_two_player("SOS"))
