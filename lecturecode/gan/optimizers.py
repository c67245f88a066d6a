r"""Optimizers as optax-style gradient transformations: an ``init``/``update`` pair.

``state = opt.init(params)`` and ``updates, state = opt.update(grads, state)``; the new
parameters are ``apply_updates(params, updates)`` (updates are the *signed* steps, so
descent is ``updates = -eta * grads``). Parameters, gradients and moment estimates are
tuples of arrays walked by :func:`lecturecode.methods.tree_map`; the state is a typed
NamedTuple, as in optax.

SGD: :math:`u = -\eta g`. Adam (Kingma & Ba, 2015), with step counter :math:`t`:

.. math::

    m_t = \beta_1 m_{t-1} + (1-\beta_1) g,\quad v_t = \beta_2 v_{t-1} + (1-\beta_2) g^2,\quad
    u = -\eta\, \frac{m_t/(1-\beta_1^t)}{\sqrt{v_t/(1-\beta_2^t)} + \epsilon}.
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

import numpy as np

from ..methods import tree_leaves, tree_map
from ..validation import as_coefficient, as_real_array, as_scalar, as_step_size, finite_result

__all__ = ["Transform", "SgdState", "AdamState", "sgd", "adam", "apply_updates", "AmsgradState", "amsgrad"]


class Transform(NamedTuple):
    """A gradient transformation: ``init(params) -> state``, ``update(grads, state) -> (updates, state)``.

    Attributes
    ----------
    name : str
        Label, e.g. ``"Adam (η=0.001)"``.
    init, update : callable
        ``update`` validates its gradients and state (a user's entry point).
    hyper : dict
        The hyper-parameters it closed over.
    fast_update : callable or None
        The same update without the checks, for a driver whose gradients are its own
        (:func:`~lecturecode.gan.train_gan`); ``None``: use ``update``.
    inplace : callable or None
        ``inplace(flat) -> step``: the same update for one flat parameter buffer (every
        parameter of a player side by side, shaped like ``flat``): ``step(flat_grads)``
        returns the update in a buffer of its own (overwritten by the next call) and keeps
        its moments in buffers too, so a step is a handful of whole-buffer operations instead
        of a few per array, with the same arithmetic (the values are identical). Only for
        element-wise rules; ``None``: the driver uses ``fast_update`` on the parameter tuple.
    """

    name: str
    init: Callable
    update: Callable
    hyper: dict
    fast_update: Callable | None = None
    inplace: Callable | None = None


def _tree(value, name: str, like=None) -> tuple:
    """A tuple of finite real arrays (parameters, gradients, updates), shaped like ``like``."""
    if not isinstance(value, tuple) or not value:
        raise TypeError(f"{name} must be a non-empty tuple of arrays (like the parameters), got {value!r}"[:200])
    leaves = [as_real_array(leaf, f"{name} entry") for leaf in tree_leaves(value)]
    if like is not None:
        shapes = [np.shape(leaf) for leaf in tree_leaves(like)]
        if [leaf.shape for leaf in leaves] != shapes:
            raise ValueError(f"{name} must have the parameters' shapes {shapes}, got {[leaf.shape for leaf in leaves]}")
    def floating(leaf):                                    # float32 stays float32 (the image GAN trains in it)
        arr = np.asarray(leaf)
        return arr if arr.dtype.kind == "f" else arr.astype(float)

    return tree_map(floating, value)


def _checked(update, state_type):
    """``update`` with its gradients and state validated, and its updates checked finite."""
    def checked_update(grads, state):
        if not isinstance(state, state_type):
            raise TypeError(f"state must be the {state_type.__name__} this optimizer's init returns, "
                            f"got {state!r}"[:200])
        like = getattr(state, "mu", None)
        grads = _tree(grads, "grads", like)
        with np.errstate(all="ignore"):
            updates, new_state = update(grads, state)
        for u in tree_leaves(updates):
            if not np.all(np.isfinite(u)):
                raise ValueError("grads is too large: the update overflows the float range")
        return updates, new_state
    return checked_update


class SgdState(NamedTuple):
    """SGD keeps no memory."""


class AdamState(NamedTuple):
    """Adam's step counter and moment estimates (each shaped like the parameters)."""

    count: int
    mu: tuple
    nu: tuple


def sgd(learning_rate: float) -> Transform:
    r"""Plain (stochastic) gradient descent, :math:`u = -\eta g`.

    Examples
    --------
    >>> opt = sgd(0.1)
    >>> opt.update((np.array([1.0, -2.0]),), opt.init(None))[0]
    (array([-0.1,  0.2]),)
    """
    eta = _scalar_only(learning_rate)

    def init(params):
        return SgdState()

    def update(grads, state):
        return tree_map(lambda g: -eta * g, grads), state

    def inplace(flat):
        u = np.empty_like(flat)

        def step(g):
            return np.multiply(g, -eta, out=u)
        return step

    return Transform(f"SGD (η={eta:g})", init, _checked(update, SgdState), {"learning_rate": eta}, update, inplace)


def adam(learning_rate: float = 1e-3, b1: float = 0.5, b2: float = 0.999, eps: float = 1e-8) -> Transform:
    r"""Adam with bias correction. ``b1 = 0.5`` is the usual choice for GANs (Radford et al., 2016).

    Examples
    --------
    >>> opt = adam(0.1)
    >>> state = opt.init((np.zeros(2),))
    >>> updates, state = opt.update((np.array([3.0, -0.5]),), state)
    >>> np.round(updates[0], 6), state.count                       # first step: -eta sign(g)
    (array([-0.1,  0.1]), 1)
    """
    eta = _scalar_only(learning_rate)
    b1 = float(as_coefficient(b1, "b1", low=0.0, high=1.0, low_open=False))
    b2 = float(as_coefficient(b2, "b2", low=0.0, high=1.0, low_open=False))
    eps = as_scalar(eps, "eps", low=0.0, high=1.0, low_open=True)

    def init(params):
        zeros = tree_map(np.zeros_like, _tree(params, "params"))
        return AdamState(0, zeros, zeros)

    def update(grads, state):
        count = state.count + 1
        mu = tree_map(lambda m, g: b1 * m + (1 - b1) * g, state.mu, grads)
        nu = tree_map(lambda v, g: b2 * v + (1 - b2) * g * g, state.nu, grads)
        step = float(eta * np.sqrt(1 - b2**count) / (1 - b1**count))      # Python floats keep float32 float32
        eps_hat = float(eps * np.sqrt(1 - b2**count))   # the same update as eps added to sqrt(v_hat)
        updates = tree_map(lambda m, v: -step * m / (np.sqrt(v) + eps_hat), mu, nu)
        return updates, AdamState(count, mu, nu)

    def inplace(flat):
        return _adam_inplace(flat, eta, b1, b2, eps, amsgrad=False)

    return Transform(f"Adam (η={eta:g})", init, _checked(update, AdamState),
                     {"learning_rate": eta, "b1": b1, "b2": b2, "eps": eps}, update, inplace)


def _adam_inplace(flat, eta, b1, b2, eps, *, amsgrad):
    """Adam's (or AMSGrad's) update for one flat buffer, in buffers of its own: the arithmetic
    of ``update`` (:func:`adam`, :func:`amsgrad`), operation for operation, on whole buffers."""
    mu, nu, u, den = (np.zeros_like(flat) for _ in range(4))
    nu_max = np.zeros_like(flat) if amsgrad else nu
    count = 0

    def step(g):
        nonlocal count
        count += 1
        np.multiply(mu, b1, out=mu)                          # m = b1 m + (1 - b1) g
        np.add(mu, np.multiply(g, 1 - b1, out=u), out=mu)
        np.multiply(nu, b2, out=nu)                          # v = b2 v + ((1 - b2) g) g
        np.multiply(g, 1 - b2, out=u)
        np.add(nu, np.multiply(u, g, out=u), out=nu)
        if amsgrad:
            np.maximum(nu_max, nu, out=nu_max)
        size = float(eta * np.sqrt(1 - b2**count) / (1 - b1**count))
        eps_hat = float(eps * np.sqrt(1 - b2**count))
        np.add(np.sqrt(nu_max, out=den), eps_hat, out=den)  # u = (-size m) / (sqrt(v) + eps_hat)
        return np.divide(np.multiply(mu, -size, out=u), den, out=u)
    return step


def _scalar_only(learning_rate) -> float:
    eta = as_step_size(learning_rate, "learning_rate")
    if eta.ndim != 0:
        raise ValueError(f"learning_rate must be a single positive number, got shape {eta.shape}")
    return float(eta)


def apply_updates(params, updates) -> Any:
    """``params + updates``, leaf by leaf (validated: the same shapes, finite values, no overflow).

    Examples
    --------
    >>> apply_updates((np.array([1.0, 2.0]),), (np.array([-0.5, 0.5]),))
    (array([0.5, 2.5]),)
    """
    params = _tree(params, "params")
    updates = _tree(updates, "updates", params)
    with np.errstate(all="ignore"):
        new = _apply_updates(params, updates)
    return tree_map(lambda p: finite_result(p, "updates", "params + updates"), new)


def _apply_updates(params, updates):
    """:func:`apply_updates` without the checks (the training loop's kernel)."""
    return tree_map(lambda p, u: p + u, params, updates)


class AmsgradState(NamedTuple):
    """AMSGrad's step counter, moment estimates and the running maximum of the second moment."""

    count: int
    mu: tuple
    nu: tuple
    nu_max: tuple


def amsgrad(learning_rate: float = 1e-3, b1: float = 0.5, b2: float = 0.999, eps: float = 1e-8) -> Transform:
    r"""AMSGrad (Reddi et al., 2018): Adam whose denominator never shrinks. With Adam's
    :math:`m_t, v_t` and :math:`\hat v_t = \max(\hat v_{t-1}, v_t)` (PyTorch's ``amsgrad=True``
    form, with bias correction),

    .. math::

        u = -\eta\, \frac{m_t/(1-\beta_1^t)}{\sqrt{\hat v_t/(1-\beta_2^t)} + \epsilon}.

    Examples
    --------
    >>> opt = amsgrad(0.1)
    >>> state = opt.init((np.zeros(1),))
    >>> u1, state = opt.update((np.array([2.0]),), state)
    >>> u2, state = opt.update((np.array([0.0]),), state)   # v shrinks, its maximum does not
    >>> np.round(u1[0], 6), bool(state.nu_max[0][0] > state.nu[0][0])
    (array([-0.1]), True)
    """
    eta = _scalar_only(learning_rate)
    b1 = float(as_coefficient(b1, "b1", low=0.0, high=1.0, low_open=False))
    b2 = float(as_coefficient(b2, "b2", low=0.0, high=1.0, low_open=False))
    eps = as_scalar(eps, "eps", low=0.0, high=1.0, low_open=True)

    def init(params):
        zeros = tree_map(np.zeros_like, params)
        return AmsgradState(0, zeros, zeros, zeros)

    def update(grads, state):
        count = state.count + 1
        mu = tree_map(lambda m, g: b1 * m + (1 - b1) * g, state.mu, grads)
        nu = tree_map(lambda v, g: b2 * v + (1 - b2) * g * g, state.nu, grads)
        nu_max = tree_map(np.maximum, state.nu_max, nu)
        step = float(eta * np.sqrt(1 - b2**count) / (1 - b1**count))
        eps_hat = float(eps * np.sqrt(1 - b2**count))
        updates = tree_map(lambda m, v: -step * m / (np.sqrt(v) + eps_hat), mu, nu_max)
        return updates, AmsgradState(count, mu, nu, nu_max)

    def inplace(flat):
        return _adam_inplace(flat, eta, b1, b2, eps, amsgrad=True)

    return Transform(f"AMSGrad (η={eta:g})", init, _checked(update, AmsgradState),
                     {"learning_rate": eta, "b1": b1, "b2": b2, "eps": eps}, update, inplace)
