r"""LOLA by automatic differentiation: the reference that the closed-form, complex-step fast
path of :mod:`lecturecode.methods.opponent_shaping` is tested and benchmarked against.

Everything here is differentiated by ``autograd`` through the exact value
:math:`V = p_0^\top(I-\gamma P)^{-1}r` written with ``autograd.numpy`` (``game.values``),
batched over seeds (seeds are independent, so the gradient of the summed values is the
batch of gradients). In rewards, for player 1 (player 2 is symmetric):

* exact look-ahead: :math:`\theta_1 \leftarrow \theta_1 + \delta\nabla_{\theta_1}
  V_1\big(\theta_1, \theta_2 + \eta'\nabla_{\theta_2}V_2(\theta_1, \theta_2)\big)`;
* Taylor form: :math:`\theta_1 \leftarrow \theta_1 + \delta\nabla_{\theta_1}\big[V_1 +
  \eta'\,\bar c\cdot\nabla_{\theta_2}V_2\big]` with :math:`\bar c = \nabla_{\theta_2}V_1`
  held fixed.
"""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
from autograd import elementwise_grad

from ..games.iterated import IteratedGame
from ..validation import as_choice, as_scalar, finite_result
from ._base import Info, Method, no_state

__all__ = ["lola_autograd", "value_gradients_autograd"]


def _grad_of(game, i):
    """Batched ∇_z V_i (autograd)."""
    return elementwise_grad(lambda w: anp.sum(game.values(w)[..., i]))


def value_gradients_autograd(game, z):
    """``G[..., i, :] = ∇_z V_i`` at ``z`` (..., 10) by autograd, shape (..., 2, 10).

    Examples
    --------
    >>> from lecturecode.games import ipd
    >>> value_gradients_autograd(ipd(), np.zeros(10)).shape
    (2, 10)
    """
    if not isinstance(game, IteratedGame):
        raise TypeError(f"game must be an iterated game (games.ipd(), games.imp()), got {game!r}")
    z = game.check_points(z)
    with np.errstate(all="ignore"):                   # autograd's sigmoid derivative overflows for huge logits
        G = np.stack([_grad_of(game, i)(z) for i in range(2)], axis=-2)
    return finite_result(G, "z", "the value gradients (logits beyond the float range of exp)")


def lola_autograd(delta, lookahead, *, form: str = "exact") -> Method:
    """LOLA on an iterated game with every derivative from ``autograd`` (same update as
    :func:`~lecturecode.methods.lola`; slower, the reference).

    Examples
    --------
    >>> from lecturecode.games import ipd
    >>> from lecturecode.methods import lola
    >>> z = np.linspace(-1, 1, 10)
    >>> fast = lola(1.0, 1.0).step(ipd(), z, ())[0]
    >>> slow = lola_autograd(1.0, 1.0).step(ipd(), z, ())[0]
    >>> bool(np.allclose(fast, slow, rtol=1e-12, atol=1e-12))
    True
    """
    delta = as_scalar(delta, "delta", low=0.0, low_open=True)
    eta = as_scalar(lookahead, "lookahead", low=0.0, low_open=True)
    form = as_choice(form, "form", ("exact", "taylor"))

    def step(game, z, state):
        V = game.values
        g1, g2 = _grad_of(game, 0), _grad_of(game, 1)
        if form == "exact":
            def objective_1(w):
                ahead = anp.concatenate([w[..., :5], w[..., 5:] + eta * g2(w)[..., 5:]], axis=-1)
                return anp.sum(V(ahead)[..., 0])

            def objective_2(w):
                ahead = anp.concatenate([w[..., :5] + eta * g1(w)[..., :5], w[..., 5:]], axis=-1)
                return anp.sum(V(ahead)[..., 1])
        else:
            c1, c2 = g1(z)[..., 5:], g2(z)[..., :5]

            def objective_1(w):
                return anp.sum(V(w)[..., 0]) + eta * anp.sum(c1 * g2(w)[..., 5:])

            def objective_2(w):
                return anp.sum(V(w)[..., 1]) + eta * anp.sum(c2 * g1(w)[..., :5])
        up1 = elementwise_grad(objective_1)(z)[..., :5]
        up2 = elementwise_grad(objective_2)(z)[..., 5:]
        return z + delta * np.concatenate([up1, up2], axis=-1), state

    name = "LOLA (autograd)" if form == "exact" else "LOLA (Taylor, autograd)"
    return Method(name, no_state, step, {"delta": np.asarray(delta), "lookahead": np.asarray(eta)},
                  Info(None, 0, 0, "simultaneous", ("losses",)))
