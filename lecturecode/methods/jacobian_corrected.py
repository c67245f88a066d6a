r"""Jacobian-corrected gradient dynamics: consensus optimisation and symplectic gradient adjustment.

Both methods fix the rotation of simultaneous GDA with one Jacobian-vector product per step,
using the split of the game Jacobian :math:`J = \nabla F` into its symmetric (potential) and
antisymmetric (Hamiltonian) parts,

.. math::

    J = S + A, \qquad S = \tfrac12 (J + J^\top), \qquad A = \tfrac12 (J - J^\top).

* **Consensus optimisation** (Mescheder, Nowozin & Geiger, 2017) descends the field plus the
  gradient of the "Hamiltonian" :math:`\mathcal H(z) = \tfrac12 \lVert F(z)\rVert^2`, whose
  gradient is :math:`\nabla\mathcal H = J^\top F`.
* **Symplectic gradient adjustment** (SGA; Balduzzi et al., 2018) adds only the
  antisymmetric part: :math:`F + \lambda A^\top F`. On a potential game (:math:`A = 0`) it is
  plain GDA; on a Hamiltonian game (:math:`S = 0`, e.g. :math:`f = x^\top B y`)
  :math:`A^\top F = A^\top A z` points towards the equilibrium.

On a bilinear game both corrections are :math:`\gamma B^\top B`-type attractions, so both
converge where Sim-GDA spirals out. The derivatives are exact: the games give :math:`J`
(closed form, or autograd for games built from losses).

References
----------
Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS.

Balduzzi, D., Racanière, S., Martens, J., Foerster, J., Tuyls, K. & Graepel, T. (2018).
The mechanics of n-player differentiable games. ICML.
"""

from __future__ import annotations

import numpy as np

from ..validation import as_real_array, as_step_size
from ._base import Info, Method, no_state, scale, validates

__all__ = ["consensus", "sga", "jacobian_split"]


def jacobian_split(J) -> tuple[np.ndarray, np.ndarray]:
    r"""The symmetric and antisymmetric parts of a game Jacobian.

    The symmetric (potential) and antisymmetric (Hamiltonian) parts of a game Jacobian,
    :math:`S = \tfrac12(J + J^\top)` and :math:`A = \tfrac12(J - J^\top)`, batched over the
    leading axes.

    Parameters
    ----------
    J : array_like, shape (..., d, d)
        Real finite Jacobians.

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> S, A = jacobian_split(quadratic_2d(1.0, 10.0, 1.0).H)
    >>> S
    array([[1., 0.],
           [0., 1.]])
    >>> A
    array([[  0.,  10.],
           [-10.,   0.]])
    """
    J = as_real_array(J, "J")
    if J.ndim < 2 or J.shape[-1] != J.shape[-2] or J.shape[-1] == 0:
        raise ValueError(f"J must have shape (..., d, d) with d >= 1, got {J.shape}")
    Jt = np.swapaxes(J, -1, -2)
    return 0.5 * J + 0.5 * Jt, 0.5 * J - 0.5 * Jt


def _transpose_times(M, v):
    """``M^T v`` batched: ``M`` of shape ``(..., d, d)``, ``v`` of shape ``(..., d)``."""
    return np.einsum("...ji,...j->...i", M, v)


@validates(eta=as_step_size, gamma=as_step_size)
def consensus(eta, gamma) -> Method:
    r"""Consensus optimisation (Mescheder et al., 2017).

    Consensus optimisation (Mescheder et al., 2017): gradient steps on the field plus the
    gradient of :math:`\tfrac12\lVert F\rVert^2`,

    .. math::

        z^{(k+1)} = z^{(k)} - \eta\big(F(z^{(k)}) + \gamma\, J(z^{(k)})^\top F(z^{(k)})\big).

    On a quadratic game (:math:`F = H(z - z^*)`) the update operator is
    :math:`I - \eta (H + \gamma H^\top H)`; on :math:`f = b\,xy` the correction
    :math:`\gamma b^2 z` pulls the iterate in, so the spiral of Sim-GDA closes.

    Parameters
    ----------
    eta : float or array_like
        Step size(s), ``> 0``.
    gamma : float or array_like
        Weight of the consensus term, ``> 0``.

    References
    ----------
    .. [1] L. Mescheder, S. Nowozin, A. Geiger. The numerics of GANs. NeurIPS, 2017.

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> m = consensus(0.1, gamma=1.0)
    >>> m.step(bilinear(1.0), np.array([1.0, 0.0]), ())[0]     # z - 0.1 (F + J'F) = z - 0.1 ((0, -1) + (1, 0))
    array([0.9, 0.1])
    """

    def step(game, z, state):
        F = game.F(z)
        return z - scale(eta, F + scale(gamma, _transpose_times(game.J(z), F))), state

    return Method("Consensus", no_state, step, {"eta": eta, "gamma": gamma},
                  Info(1, 1, 0, "simultaneous", ("F", "J")))


@validates(eta=as_step_size, lam=as_step_size)
def sga(eta, lam) -> Method:
    r"""Symplectic gradient adjustment (Balduzzi et al., 2018), without the sign alignment:

    .. math::

        z^{(k+1)} = z^{(k)} - \eta\big(F + \lambda A^\top F\big)(z^{(k)}),
        \qquad A = \tfrac12 (J - J^\top).

    Only the antisymmetric (Hamiltonian) part of the Jacobian enters, so on a potential game
    SGA is GDA. On a quadratic game the update operator is
    :math:`I - \eta\,(I + \lambda A^\top) H` with :math:`A = \tfrac12 (H - H^\top)`.
    (The paper's optional alignment flips the sign of :math:`\lambda` where the adjustment
    would point away from a stable fixed point; it makes the update nonlinear, so it is left
    out here.)

    Parameters
    ----------
    eta : float or array_like
        Step size(s), ``> 0``.
    lam : float or array_like
        Weight :math:`\lambda` of the adjustment, ``> 0``.

    References
    ----------
    .. [1] D. Balduzzi, S. Racanière, J. Martens, J. Foerster, K. Tuyls, T. Graepel. The mechanics
           of n-player differentiable games. ICML, 2018.

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> sga(0.1, lam=1.0).step(bilinear(1.0), np.array([1.0, 0.0]), ())[0]
    array([0.9, 0.1])
    """

    def step(game, z, state):
        F, J = game.F(z), game.J(z)
        A = 0.5 * J - 0.5 * np.swapaxes(J, -1, -2)
        return z - scale(eta, F + scale(lam, _transpose_times(A, F))), state

    return Method("SGA", no_state, step, {"eta": eta, "lam": lam}, Info(1, 1, 0, "simultaneous", ("F", "J")))
