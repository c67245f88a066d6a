r"""The modified energy that alternating GDA conserves exactly on a bilinear game.

On :math:`f(x, y) = x^\top B y` the gradient flow :math:`\dot x = -By`, :math:`\dot y = B^\top x`
conserves the *naive energy* :math:`E(z) = \|x\|^2 + \|y\|^2`. Simultaneous GDA multiplies it
by at least :math:`1 + \eta^2\sigma_{\min}(B)^2` per step. Alternating GDA,

.. math::

    x^{+} = x - \eta B y, \qquad y^{+} = y + \eta B^\top x^{+},

is the symplectic Euler method for the flow: it does not conserve :math:`E`, but it
conserves the nearby quadratic form

.. math::

    \tilde E_\eta(z) = \|x\|^2 + \|y\|^2 - \eta\, x^\top B y
                     = z^\top Q_\eta z, \qquad
    Q_\eta = \begin{pmatrix} I & -\tfrac\eta2 B \\ -\tfrac\eta2 B^\top & I \end{pmatrix}

*exactly* (not only to :math:`O(\eta^2)`). Proof: :math:`y^{+} - \eta B^\top x^{+} = y`, so
:math:`\|y^+\|^2 - \eta\, x^{+\top} B y^+ = y^{+\top} y = \|y\|^2 + \eta\, x^{+\top} B y`, and
:math:`\|x^+\|^2 + \eta\, x^{+\top} B y = x^{+\top}(x^+ + \eta B y) = x^{+\top} x = \|x\|^2 -
\eta\, x^\top B y`. :math:`Q_\eta` is positive definite iff :math:`\eta\,\|B\|_2 < 2`; then
the level sets of :math:`\tilde E_\eta` are ellipsoids, so every orbit stays bounded, and
the naive energy oscillates between :math:`\tilde E_\eta / (1 \pm \eta\|B\|_2/2)`-bounds.
"""

from __future__ import annotations

import numpy as np

from ..games import Game, QuadraticMinimax
from ..simulation import Trajectory
from ..validation import as_scalar, finite_result

__all__ = ["modified_energy_matrix", "modified_energy", "naive_energy"]


def _bilinear_coupling(game) -> np.ndarray:
    if not isinstance(game, QuadraticMinimax):
        raise TypeError(f"game must be a bilinear QuadraticMinimax (A = 0, C = 0), got {game!r}")
    if np.any(game.A) or np.any(game.C):
        raise ValueError(f"game must be bilinear (A = 0 and C = 0): {game.name} has curvature; "
                         "the modified energy is conserved only on bilinear games")
    return game.B


def modified_energy_matrix(game, eta) -> np.ndarray:
    r"""The matrix :math:`Q_\eta` of the form that Alt-GDA conserves on a bilinear game.

    Parameters
    ----------
    game : QuadraticMinimax
        A bilinear game :math:`f = x^\top B y` (e.g. :func:`~lecturecode.games.bilinear`).
    eta : float
        The step size of Alt-GDA, ``> 0``.

    Returns
    -------
    ndarray, shape (d, d)
        :math:`\begin{pmatrix} I & -\eta B/2 \\ -\eta B^\top/2 & I \end{pmatrix}`.

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> modified_energy_matrix(bilinear(10.0), 0.1)
    array([[ 1. , -0.5],
           [-0.5,  1. ]])
    """
    B = _bilinear_coupling(game)
    eta = as_scalar(eta, "eta", low=0.0, low_open=True)
    n_x, n_y = B.shape
    with np.errstate(over="ignore", invalid="ignore"):
        coupling = finite_result(-0.5 * eta * B, "eta", "eta times the game's coupling B")
    return np.block([[np.eye(n_x), coupling], [coupling.T, np.eye(n_y)]])


def modified_energy(game, eta, z) -> np.ndarray:
    r"""The conserved quantity :math:`\tilde E_\eta(z) = \|x\|^2 + \|y\|^2 - \eta\, x^\top B y`
    of Alt-GDA with step ``eta`` on a bilinear game, at points ``z`` (measured from
    ``game.z_star``).

    Parameters
    ----------
    game : QuadraticMinimax
        Bilinear (:math:`A = 0`, :math:`C = 0`).
    eta : float
        Alt-GDA's step size, ``> 0``.
    z : array_like, shape (..., d)
        Points, e.g. a :class:`~lecturecode.Trajectory`'s ``z`` (NaN rows of a diverged run
        stay NaN).

    Returns
    -------
    ndarray, shape (...)

    Examples
    --------
    For :math:`f = 10xy` and :math:`\eta = 0.1` it is :math:`x^2 + y^2 - xy`, the same after
    every Alt-GDA step:

    >>> from lecturecode.games import bilinear
    >>> from lecturecode.methods import alt_gda
    >>> from lecturecode import simulate
    >>> run = simulate(alt_gda(0.1), bilinear(10.0), [1.0, 1.0], n_steps=4)
    >>> np.round(modified_energy(bilinear(10.0), 0.1, run.z), 12)
    array([1., 1., 1., 1., 1.])
    >>> np.round(naive_energy(bilinear(10.0), run.z), 3)
    array([2., 1., 1., 2., 1.])
    """
    Q = modified_energy_matrix(game, eta)
    w = _deviation(game, z)
    with np.errstate(over="ignore", invalid="ignore"):
        energy = np.einsum("...i,ij,...j->...", w, Q, w)
    return energy if isinstance(z, Trajectory) else finite_result(energy, "z (with this eta)", "the energy")


def naive_energy(game, z) -> np.ndarray:
    r"""The squared distance :math:`\|z - z^*\|^2`: what the continuous flow of a bilinear game
    conserves and what Alt-GDA does not (it oscillates around :math:`\tilde E_\eta`).

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> naive_energy(bilinear(1.0), [[3.0, 4.0]])
    array([25.])
    """
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    w = _deviation(game, z)
    with np.errstate(over="ignore", invalid="ignore"):
        energy = np.einsum("...i,...i->...", w, w)
    return energy if isinstance(z, Trajectory) else finite_result(energy, "z", "the energy")


def _deviation(game, z):
    """``z - z_star`` for points (or a Trajectory) of the game; NaN rows (diverged) pass through."""
    z = np.asarray(z.z, dtype=float) if isinstance(z, Trajectory) else game.check_points(z, "z")
    if z.ndim == 0 or z.shape[-1] != game.d:
        raise ValueError(f"z must have shape (..., {game.d}) for this game, got shape {z.shape}")
    return z - (0.0 if game.z_star is None else game.z_star)
