r"""Negative momentum through Chebyshev polynomials: the region of eigenvalues it contracts.

Heavy-ball momentum :math:`z^{(k+1)} = (1+\beta)z^{(k)} - \beta z^{(k-1)} - \eta F(z^{(k)})`
(with :math:`z^{(-1)} = z^{(0)}`) on a quadratic game leaves the error
:math:`e^{(k)} = p_k(\mathbf H)\,e^{(0)}`, a polynomial in the game Hessian with

.. math::

    p_0 = 1,\quad p_1(\lambda) = 1-\eta\lambda,\quad
    p_{k+1}(\lambda) = (1+\beta-\eta\lambda)\,p_k(\lambda) - \beta\,p_{k-1}(\lambda).

Divided by :math:`\beta^{k/2}` this is the three-term recurrence of the Chebyshev
polynomials in :math:`\sigma = (1+\beta-\eta\lambda)/(2\sqrt\beta)`, so

.. math::

    p_k(\lambda) = \beta^{k/2}\Big(T_k(\sigma) + \frac{1-\beta-\eta\lambda}{2\sqrt\beta}\,U_{k-1}(\sigma)\Big)

(Zhang & Wang, 2021, build their analysis on this link). Per step, an eigenvalue
:math:`\lambda` is contracted by the larger root modulus of
:math:`r^2 - (1+\beta-\eta\lambda)r + \beta`; the eigenvalues contracted by at most
:math:`\rho\ge\sqrt{|\beta|}` fill an ellipse (the Joukowski image of a circle) with centre
:math:`(1+\beta)/\eta` and semi-axes

.. math::

    a_{\mathrm{Re}} = \frac{\rho + \beta/\rho}{\eta},\qquad a_{\mathrm{Im}} = \frac{\rho - \beta/\rho}{\eta}.

With :math:`\beta = 0` it is Sim-GDA's disc of radius :math:`\rho/\eta` around
:math:`1/\eta`; with :math:`\beta > 0` (minimisation) it is stretched along the real axis;
with :math:`\beta < 0` along the imaginary axis, which is where a game's eigenvalues are.

References
----------
G. Zhang, Y. Wang. On the suboptimality of negative momentum for minimax optimization.
AISTATS 2021.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..games import worst_case_game
from ..methods import negative_momentum
from ..validation import as_count, as_eigenvalues, as_scalar
from .tuning import tune

__all__ = ["momentum_polynomial", "momentum_chebyshev", "momentum_root_modulus", "momentum_ellipse",
           "region_boundary", "region_rate", "momentum_region"]


#: Largest eigenvalue modulus and step size accepted (so that eta * lam stays a modest number).
MAX_LAM = 1e6


def _eigenvalues(lam):
    lam = as_eigenvalues(lam, "eigenvalues")
    if lam.size and np.abs(lam).max() > MAX_LAM:
        raise ValueError(f"eigenvalues must have moduli at most {MAX_LAM:g}, got {np.abs(lam).max():g}")
    return lam


def _hyper(eta, beta):
    return (as_scalar(eta, "eta", low=1e-12, high=1e6),
            as_scalar(beta, "beta", low=-1.0, high=1.0, low_open=True, high_open=True))


def _finite(p):
    """The polynomial's values, or a ValueError naming what to lower when they overflowed."""
    if not (np.all(np.isfinite(p.real)) and np.all(np.isfinite(p.imag))):
        raise ValueError("k, eta or eigenvalues too large: p_k overflows the float range "
                         "(lower k, eta or the moduli of eigenvalues)")
    return p


def momentum_polynomial(eigenvalues, eta, beta, k):
    r"""The residual polynomial :math:`p_k(\lambda)` of heavy-ball momentum, by its recurrence.

    Parameters
    ----------
    eigenvalues : array_like of complex
        Eigenvalues :math:`\lambda` of the game Hessian.
    eta : float in [1e-12, 1e6]; beta : float in (-1, 1); k : int in [0, 100000]

    Raises
    ------
    ValueError
        If ``eigenvalues`` is not finite or exceeds :data:`MAX_LAM` in modulus, or if the values
        overflow (large ``k``, ``eta`` or moduli).

    Examples
    --------
    >>> momentum_polynomial([2.0], 0.25, 0.0, 3)    # Sim-GDA: (1 - 0.25 * 2)^3
    array([0.125+0.j])
    >>> complex(momentum_polynomial(1j, 0.5, 0.0, 2)[()])   # (1 - 0.5i)^2
    (0.75-1j)
    """
    lam = _eigenvalues(eigenvalues)
    eta, beta = _hyper(eta, beta)
    k = as_count(k, "k", low=0, high=100_000)
    prev, cur = np.ones_like(lam), 1 - eta * lam
    if k == 0:
        return prev
    with np.errstate(all="ignore"):
        for _ in range(k - 1):
            prev, cur = cur, (1 + beta - eta * lam) * cur - beta * prev
    return _finite(cur)


def momentum_chebyshev(eigenvalues, eta, beta, k):
    r"""The same :math:`p_k(\lambda)` written with Chebyshev polynomials of the first and second
    kind, :math:`\beta^{k/2}\big(T_k(\sigma) + c\,U_{k-1}(\sigma)\big)` with
    :math:`\sigma = (1+\beta-\eta\lambda)/(2\sqrt\beta)` and
    :math:`c = (1-\beta-\eta\lambda)/(2\sqrt\beta)` (complex square root; ``beta`` nonzero).

    Examples
    --------
    >>> bool(np.allclose(momentum_chebyshev([3.0], 0.1, -0.4, 7), momentum_polynomial([3.0], 0.1, -0.4, 7)))
    True
    >>> lam = np.array([1 + 3j])
    >>> bool(np.allclose(momentum_chebyshev(lam, 0.1, -0.4, 7), momentum_polynomial(lam, 0.1, -0.4, 7)))
    True
    """
    lam = _eigenvalues(eigenvalues)
    eta, beta = _hyper(eta, beta)
    k = as_count(k, "k", low=0, high=100_000)
    if abs(beta) < 1e-6:
        raise ValueError(f"beta must have |beta| >= 1e-6 for the Chebyshev form (beta = 0 is Sim-GDA, "
                         f"p_k = (1 - eta lam)^k), got {beta:g}")
    if k == 0:
        return np.ones_like(lam)
    with np.errstate(all="ignore"):
        root = np.sqrt(complex(beta))
        sigma = (1 + beta - eta * lam) / (2 * root)
        t_prev, t_cur = np.ones_like(sigma), sigma                  # T_0, T_1
        u_prev, u_cur = np.zeros_like(sigma), np.ones_like(sigma)   # U_{-1}, U_0
        for _ in range(k - 1):
            t_prev, t_cur = t_cur, 2 * sigma * t_cur - t_prev
            u_prev, u_cur = u_cur, 2 * sigma * u_cur - u_prev
        c = (1 - beta - eta * lam) / (2 * root)
        p = root ** k * (t_cur + c * u_cur)
    return _finite(p)


def momentum_root_modulus(eigenvalues, eta, beta):
    r"""Per-step contraction of momentum on each eigenvalue: the larger root modulus of
    :math:`r^2 - (1+\beta-\eta\lambda)r + \beta`.

    Examples
    --------
    >>> momentum_root_modulus([1.0, 4.0], 0.25, 0.0)           # Sim-GDA: |1 - eta lam|
    array([0.75, 0.  ])
    >>> float(momentum_root_modulus(10j, 0.05, 0.0)[0]) > 1    # Sim-GDA on 10xy grows
    True
    """
    lam = np.atleast_1d(_eigenvalues(eigenvalues))
    eta, beta = _hyper(eta, beta)
    b = 1 + beta - eta * lam
    disc = np.sqrt(b * b - 4 * beta + 0j)
    return np.maximum(abs(b + disc), abs(b - disc)) / 2


def momentum_ellipse(eta, beta, rho, n: int = 400):
    r"""``n`` points on the boundary of :math:`\{\lambda : \text{root modulus} \le \rho\}`:
    the ellipse with centre :math:`(1+\beta)/\eta` and semi-axes
    :math:`(\rho\pm\beta/\rho)/\eta`.

    Raises
    ------
    ValueError
        If ``rho`` is below :math:`\sqrt{|\beta|}` (the product of the two roots is
        :math:`\beta`, so no eigenvalue is contracted by less).

    Examples
    --------
    >>> edge = momentum_ellipse(0.1, -0.25, 0.8)          # taller than wide: (0.8 + 0.25/0.8)/0.1
    >>> round(float(edge.imag.max()), 3), round(float(edge.real.max() - 7.5), 6)
    (11.125, 4.875)
    """
    eta, beta = _hyper(eta, beta)
    rho = as_scalar(rho, "rho", low=np.sqrt(abs(beta)), high=1e6)
    n = as_count(n, "n", low=8, high=100_000)
    t = np.linspace(0, 2 * np.pi, n)
    return ((1 + beta) + (rho + beta / rho) * np.cos(t) + 1j * (rho - beta / rho) * np.sin(t)) / eta


def region_boundary(mu, L, n: int = 400):
    r"""``n`` points on the boundary of the class's eigenvalue region
    :math:`\{\operatorname{Re}\lambda\ge\mu,\ |\lambda|\le L\}`: the arc, then the segment.

    Examples
    --------
    >>> edge = region_boundary(1.0, 3.0)
    >>> bool(np.all(edge.real >= 1 - 1e-12) and np.all(abs(edge) <= 3 + 1e-12))
    True
    """
    mu = as_scalar(mu, "mu", low=1e-6, high=1e6)
    L = as_scalar(L, "L", low=1e-6, high=1e6)
    if not mu <= L:
        raise ValueError(f"L must be at least mu, got mu={mu:g}, L={L:g}")
    n = as_count(n, "n", low=8, high=100_000)
    top = np.arccos(mu / L)
    arc = L * np.exp(1j * np.linspace(-top, top, n - n // 4))
    height = np.sqrt(L**2 - mu**2)
    segment = mu + 1j * np.linspace(height, -height, n // 4)
    return np.concatenate([arc, segment])


def region_rate(eta, beta, mu, L, n: int = 2000) -> float:
    r"""The worst per-step contraction of momentum over the whole region (its maximum is on
    the boundary: the log of the larger root modulus is subharmonic in :math:`\lambda`).

    Examples
    --------
    >>> round(region_rate(1 / 9, 0.0, 1.0, 3.0), 6)            # Sim-GDA at mu/L^2: sqrt(1 - 1/9)
    0.942809
    """
    return float(momentum_root_modulus(region_boundary(mu, L, n), eta, beta).max())


class MomentumRegion(NamedTuple):
    """What :func:`momentum_region` found: Sim-GDA's optimal step and rate, and negative
    momentum's tuned ``(eta, beta)`` with its rate, both over the whole region."""

    mu: float
    L: float
    sim_eta: float
    sim_rate: float
    nm_eta: float
    nm_beta: float
    nm_rate: float


def momentum_region(mu, L) -> MomentumRegion:
    r"""Sim-GDA at :math:`\eta = \mu/L^2` and negative momentum tuned jointly in
    :math:`(\eta, \beta)` on the worst-case game of the class, each with its worst contraction
    over the whole region (:func:`region_rate`).

    Examples
    --------
    >>> r = momentum_region(1.0, 3.0)
    >>> r.nm_beta < 0 and r.nm_rate < r.sim_rate
    True
    """
    mu = as_scalar(mu, "mu", low=1e-3, high=1e3)
    L = as_scalar(L, "L", low=1e-3, high=1e4)
    if not mu <= L <= 1e4 * mu:
        raise ValueError(f"L must lie in [mu, 1e4 mu] (L/mu is the tuner's kappa), got mu={mu:g}, L={L:g}")
    best = tune(negative_momentum, worst_case_game(mu, L), {"eta": "auto", "beta": (-0.999, 0.999)})
    eta, beta = best.hyper["eta"], best.hyper["beta"]
    sim_eta = mu / L**2
    return MomentumRegion(mu, L, sim_eta, region_rate(sim_eta, 0.0, mu, L), eta, beta, region_rate(eta, beta, mu, L))
