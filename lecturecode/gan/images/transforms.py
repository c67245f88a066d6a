r"""The book's acceleration rules as optimizer transforms for networks, wrapping any base
optimizer (:func:`~lecturecode.gan.sgd`, :func:`~lecturecode.gan.adam`,
:func:`~lecturecode.gan.amsgrad`). With the base's update :math:`a_t` at step :math:`t`:

* :func:`optimistic` (Daskalakis et al., 2018; Gidel et al., 2019): :math:`u_t = 2a_t - a_{t-1}`
  (:math:`a_{-1} = a_0`). On SGD this is :func:`lecturecode.methods.optimistic_gda`,
  :math:`z^+ = z - 2\eta F(z^{(k)}) + \eta F(z^{(k-1)})`; on Adam it is optimistic Adam.
* :func:`heavy_ball` (Polyak; negative :math:`\beta` as in Gidel et al., 2019):
  :math:`u_t = a_t + \beta u_{t-1}` (:math:`u_{-1} = 0`), i.e. each player's own last move
  times :math:`\beta` is added, as in :func:`lecturecode.methods.with_momentum`. With the
  simultaneous order on SGD it is :func:`lecturecode.methods.negative_momentum` step for step.
  With the alternating order the second player's gradient is taken at the first player's new
  parameters *momentum included* (each player's own heavy-ball step, in turn): on SGD this is
  Gidel et al.'s alternating negative momentum, :func:`lecturecode.methods.alt_negative_momentum`,
  step for step (and not ``with_momentum(alt_gda(eta), beta)``, which adds both momenta after
  the alternating step).
* :func:`per_run` multiplies the base's updates by one factor per run (the leading batch axis of
  the driver's seeds): since SGD, Adam and AMSGrad are linear in :math:`\eta`, ``per_run(adam(1),
  etas)`` trains a grid of step sizes in one array computation.

Extragradient needs the gradient at a look-ahead point, so it is an update *order* of the
driver (``order="extragradient"``), not a transform. The tests check extragradient, optimism
and both orders of momentum against the registry's methods on the Dirac-GAN, step for step.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ...methods import tree_map
from ...validation import as_real_array, as_scalar
from ..optimizers import Transform

__all__ = ["OptimisticState", "HeavyBallState", "optimistic", "heavy_ball", "per_run"]


def _check_base(base):
    if not isinstance(base, Transform):
        raise TypeError(f"base must be an optimizer Transform (sgd, adam, amsgrad), got {base!r}")
    return base


class OptimisticState(NamedTuple):
    """The base's last update (``None`` before the first step) and the base's state."""

    previous: tuple | None
    inner: object


class HeavyBallState(NamedTuple):
    """The last update (each player's own last move) and the base's state."""

    previous: tuple
    inner: object


def optimistic(base: Transform) -> Transform:
    r"""Optimism on top of ``base``: :math:`u_t = 2a_t - a_{t-1}`, with :math:`a_{-1} = a_0`.

    Examples
    --------
    >>> from lecturecode.gan import sgd
    >>> opt = optimistic(sgd(0.1))
    >>> s = opt.init((np.zeros(1),))
    >>> u, s = opt.update((np.array([1.0]),), s)       # first step: the base's
    >>> v, s = opt.update((np.array([3.0]),), s)       # then 2(-0.3) - (-0.1)
    >>> u[0], np.round(v[0], 12), opt.name
    (array([-0.1]), array([-0.5]), 'Optimistic SGD (η=0.1)')
    """
    base = _check_base(base)

    def init(params):
        return OptimisticState(None, base.init(params))

    def step(base_update, grads, state):
        a, inner = base_update(grads, state.inner)
        previous = a if state.previous is None else state.previous
        return tree_map(lambda x, y: 2 * x - y, a, previous), OptimisticState(a, inner)

    def update(grads, state):
        if not isinstance(state, OptimisticState):
            raise TypeError(f"state must be the OptimisticState this optimizer's init returns, got {state!r}"[:200])
        return step(base.update, grads, state)

    def fast_update(grads, state):
        return step(base.fast_update or base.update, grads, state)

    return Transform(f"Optimistic {base.name}", init, update, {**base.hyper, "optimistic": True}, fast_update)


def heavy_ball(base: Transform, beta: float) -> Transform:
    r"""Heavy-ball momentum on top of ``base``: :math:`u_t = a_t + \beta u_{t-1}`, :math:`-1 < \beta < 1`
    (negative :math:`\beta`: negative momentum).

    Examples
    --------
    >>> from lecturecode.gan import sgd
    >>> opt = heavy_ball(sgd(0.1), -0.5)
    >>> s = opt.init((np.zeros(1),))
    >>> u, s = opt.update((np.array([1.0]),), s)
    >>> v, s = opt.update((np.array([1.0]),), s)       # -0.1 + (-0.5)(-0.1)
    >>> np.round(v[0], 12), opt.name
    (array([-0.05]), 'SGD (η=0.1) + momentum β=-0.5')
    """
    base = _check_base(base)
    beta = as_scalar(beta, "beta", low=-1.0, high=1.0, low_open=True, high_open=True)

    def init(params):
        return HeavyBallState(tree_map(np.zeros_like, params), base.init(params))

    def update(grads, state):
        if not isinstance(state, HeavyBallState):
            raise TypeError(f"state must be the HeavyBallState this optimizer's init returns, got {state!r}"[:200])
        a, inner = base.update(grads, state.inner)
        u = tree_map(lambda x, y: x + beta * y, a, state.previous)
        return u, HeavyBallState(u, inner)

    def fast_update(grads, state):
        a, inner = (base.fast_update or base.update)(grads, state.inner)
        u = tree_map(lambda x, y: x + beta * y, a, state.previous)
        return u, HeavyBallState(u, inner)

    return Transform(f"{base.name} + momentum β={beta:g}", init, update, {**base.hyper, "beta": beta}, fast_update)


def per_run(base: Transform, factors) -> Transform:
    r"""``base``'s updates times one factor per run: ``factors[i]`` scales run ``i`` (the leading
    axis of every parameter array, as the driver's list of seeds makes it).

    Examples
    --------
    >>> from lecturecode.gan import sgd
    >>> opt = per_run(sgd(1.0), [0.1, 0.01])
    >>> opt.update((np.ones((2, 3)),), opt.init(None))[0][0][:, 0]
    array([-0.1 , -0.01])
    """
    base = _check_base(base)
    factors = as_real_array(factors, "factors")
    if factors.ndim != 1 or factors.size == 0 or np.any(factors <= 0):
        raise ValueError(f"factors must be a non-empty 1-D array of positive numbers, got {factors!r}")

    def scale(u):
        if u.ndim == 0 or u.shape[0] != factors.size:
            raise ValueError(f"per_run: parameters must have a leading axis of {factors.size} runs, got {u.shape}")
        return factors.astype(u.dtype).reshape((-1,) + (1,) * (u.ndim - 1)) * u

    def update(grads, state):
        a, inner = base.update(grads, state)
        return tree_map(scale, a), inner

    return Transform(f"{base.name} × per-run factors", base.init, update, {**base.hyper, "factors": factors})
