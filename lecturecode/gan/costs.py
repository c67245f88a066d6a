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

from ..validation import as_real_array, as_text

__all__ = ["GENERATOR_COSTS", "sigmoid", "softplus", "generator_cost", "generator_cost_grad",
           "discriminator_cost", "check_cost", "logit"]

#: The generator costs :func:`generator_cost` knows.
GENERATOR_COSTS = ("minimax", "non_saturating")


def sigmoid(t):
    """:math:`1/(1+e^{-t})` to full relative precision and without overflow (from
    :math:`e^{-|t|}`); autograd-traceable."""
    e = anp.exp(-anp.abs(t))
    return anp.where(t >= 0, 1.0, e) / (1.0 + e)


def softplus(t):
    r""":math:`\log(1 + e^t)` without overflow; autograd-traceable."""
    return anp.logaddexp(0.0, t)


def logit(d):
    r"""The logit :math:`\log\frac{D}{1-D}` of probabilities ``d`` in ``(0, 1)``."""
    d = as_real_array(d, "d")
    if np.any((d <= 0) | (d >= 1)):
        raise ValueError(f"d must lie in (0, 1), got values from {d.min():g} to {d.max():g}")
    return np.log(d) - np.log1p(-d)


def check_cost(cost) -> str:
    """Validate a generator-cost name."""
    cost = as_text(cost, "cost")
    if cost not in GENERATOR_COSTS:
        raise ValueError(f"cost must be one of {list(GENERATOR_COSTS)}, got {cost!r}")
    return cost


def generator_cost(logits, cost: str = "non_saturating"):
    """The generator's cost per fake sample, from the discriminator's logits.

    Examples
    --------
    >>> float(generator_cost(0.0, "minimax")), float(generator_cost(0.0, "non_saturating"))
    (-0.6931471805599453, 0.6931471805599453)
    """
    return -softplus(logits) if cost == "minimax" else softplus(-logits)


def generator_cost_grad(logits, cost: str = "non_saturating"):
    r"""The derivative of :func:`generator_cost` with respect to the logit (closed form):
    :math:`-\sigma(\ell) = -D` (minimax) or :math:`-\sigma(-\ell) = -(1 - D)` (non-saturating).

    Examples
    --------
    >>> float(generator_cost_grad(-10.0, "minimax")) > -1e-4      # saturated: D(G(z)) ≈ 0
    True
    """
    return -sigmoid(logits) if cost == "minimax" else -sigmoid(-logits)


def discriminator_cost(logits_real, logits_fake):
    r""":math:`J_D`: the mean cross-entropy of calling real samples real and fakes fake.

    Examples
    --------
    >>> round(float(discriminator_cost(np.zeros(4), np.zeros(4))), 6)    # D = 1/2: 2 log 2
    1.386294
    """
    return anp.mean(softplus(-logits_real), axis=-1) + anp.mean(softplus(logits_fake), axis=-1)
