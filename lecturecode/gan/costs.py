r"""The GAN players' costs in terms of the discriminator's logit, with their derivatives.

The discriminator outputs a logit :math:`\ell`, and :math:`D = \sigma(\ell)` is its
probability that a sample is real. Its cost is the cross-entropy

.. math::

    J_D = \mathbb E_{x\sim\mathcal D}[-\log D(x)] + \mathbb E_z[-\log(1 - D(G(z)))]
        = \mathbb E[\operatorname{softplus}(-\ell_{\text{real}})]
          + \mathbb E[\operatorname{softplus}(\ell_{\text{fake}})].

The generator has two costs (per fake sample, as functions of its logit):

=================  =======================================  =================================
``"minimax"``      :math:`\log(1-D) = -\operatorname{softplus}(\ell)`  :math:`\partial/\partial\ell = -D`
``"non_saturating"``  :math:`-\log D = \operatorname{softplus}(-\ell)`   :math:`\partial/\partial\ell = -(1-D)`
=================  =======================================  =================================

When the generator is bad, :math:`D(G(z)) \to 0`, the minimax cost's gradient :math:`-D`
vanishes (it *saturates*); the non-saturating one's tends to :math:`-1`.
"""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
from autograd.tracer import Box

from ..validation import as_choice, as_real_array

__all__ = ["GENERATOR_COSTS", "sigmoid", "softplus", "generator_cost", "generator_cost_grad",
           "discriminator_cost", "check_cost", "check_logits", "logit"]

#: The generator costs :func:`generator_cost` knows.
GENERATOR_COSTS = ("minimax", "non_saturating")


def sigmoid(t) -> np.ndarray:
    """:math:`1/(1+e^{-t})` to full relative precision and without overflow (from
    :math:`e^{-|t|}`); autograd-traceable."""
    if isinstance(t, Box):
        e = anp.exp(-anp.abs(t))
        return anp.where(t >= 0, 1.0, e) / (1.0 + e)
    e = np.exp(-np.abs(t))                  # plain NumPy off the trace: the same values, no wrappers
    return np.where(t >= 0, 1.0, e) / (1.0 + e)


def softplus(t) -> np.ndarray:
    r""":math:`\log(1 + e^t)` without overflow; autograd-traceable."""
    return anp.logaddexp(0.0, t)


def logit(d) -> np.ndarray:
    r"""The logit :math:`\log\frac{D}{1-D}` of probabilities ``d`` in ``(0, 1)``.

    Examples
    --------
    >>> float(logit(0.5))
    0.0
    """
    d = as_real_array(d, "d", allow_empty=False)
    if np.any((d <= 0) | (d >= 1)):
        raise ValueError(f"d must lie in (0, 1), got values from {d.min():g} to {d.max():g}")
    return np.log(d) - np.log1p(-d)


def check_cost(cost) -> str:
    """Validate a generator-cost name: exactly one of :data:`GENERATOR_COSTS`.

    Examples
    --------
    >>> check_cost("minimax")
    'minimax'
    """
    return as_choice(cost, "cost", GENERATOR_COSTS)


def check_logits(logits, name: str = "logits") -> np.ndarray:
    """Logits as a non-empty finite float array (NaN, inf, strings, empty arrays are rejected;
    inside an autograd trace the boxes pass: their values were checked by the untraced call).

    Examples
    --------
    >>> check_logits([0.0, 1.5])
    array([0. , 1.5])
    """
    if isinstance(logits, Box):
        return logits
    return as_real_array(logits, name, allow_empty=False)


def generator_cost(logits, cost: str = "non_saturating") -> np.ndarray:
    """The generator's cost per fake sample, from the discriminator's logits (validated;
    the training step calls the unvalidated kernel).

    Examples
    --------
    >>> float(generator_cost(0.0, "minimax")), float(generator_cost(0.0, "non_saturating"))
    (-0.6931471805599453, 0.6931471805599453)
    """
    return _generator_cost(check_logits(logits), check_cost(cost))


def _generator_cost(logits, cost):
    return -softplus(logits) if cost == "minimax" else softplus(-logits)


def generator_cost_grad(logits, cost: str = "non_saturating") -> np.ndarray:
    r"""The derivative of :func:`generator_cost` with respect to the logit (closed form):
    :math:`-\sigma(\ell) = -D` (minimax) or :math:`-\sigma(-\ell) = -(1 - D)` (non-saturating).

    Examples
    --------
    >>> float(generator_cost_grad(-10.0, "minimax")) > -1e-4      # saturated: D(G(z)) ≈ 0
    True
    """
    return _generator_cost_grad(check_logits(logits), check_cost(cost))


def _generator_cost_grad(logits, cost):
    return -sigmoid(logits) if cost == "minimax" else -sigmoid(-logits)


def discriminator_cost(logits_real, logits_fake) -> np.ndarray:
    r""":math:`J_D`: the mean cross-entropy of calling real samples real and fakes fake.

    Examples
    --------
    >>> round(float(discriminator_cost(np.zeros(4), np.zeros(4))), 6)    # D = 1/2: 2 log 2
    1.386294
    """
    real, fake = check_logits(logits_real, "logits_real"), check_logits(logits_fake, "logits_fake")
    for arr, name in ((real, "logits_real"), (fake, "logits_fake")):
        if anp.ndim(arr) == 0:
            raise ValueError(f"{name} must have a sample axis (shape (..., n)), got a scalar")
    try:
        np.broadcast_shapes(anp.shape(real)[:-1], anp.shape(fake)[:-1])
    except ValueError:
        raise ValueError(f"logits_real of shape {anp.shape(real)} and logits_fake of shape {anp.shape(fake)} "
                         "must share their batch axes") from None
    return _discriminator_cost(real, fake)


def _discriminator_cost(logits_real, logits_fake):
    return anp.mean(softplus(-logits_real), axis=-1) + anp.mean(softplus(logits_fake), axis=-1)
