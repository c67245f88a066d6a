r"""Quadratic games of a given class: :math:`\mu`-strongly monotone and :math:`L`-Lipschitz
(the class whose worst case sets the :math:`\kappa`-laws of the acceleration chapter).
"""

from __future__ import annotations

import numpy as np

from ..validation import as_count, as_generator, as_real_array, as_scalar, as_text, check_range
from .quadratic import MAX_ENTRY, QuadraticMinimax, quadratic_minimax

__all__ = ["worst_case_game", "random_quadratic_game", "class_blocks", "block_game", "bilinear_spectrum"]


def worst_case_game(mu: float, L: float, n_blocks: int = 16) -> QuadraticMinimax:
    r"""The hardest quadratic game of a strongly monotone, Lipschitz class.

    The hardest quadratic game of the class :math:`\{\mu\text{-strongly monotone},
    L\text{-Lipschitz}\}` for first-order methods.

    It is block-diagonal in 1-D blocks :math:`\tfrac{a}{2}x_k^2 + b\,x_k y_k - \tfrac{a}{2}y_k^2`,
    each with eigenvalues :math:`a \pm i b`. Half of the blocks put their eigenvalues on
    the segment :math:`\operatorname{Re}\lambda = \mu`, :math:`|\operatorname{Im}\lambda|
    \le \sqrt{L^2-\mu^2}`, the other half on the arc :math:`|\lambda| = L`,
    :math:`\operatorname{Re}\lambda \ge \mu`: together they trace the boundary of the
    region the class allows. So the rate of a method on this game is its worst-case
    rate over the class (for linear methods, the spectral radius is attained on the
    boundary), which makes the :math:`O(\kappa^2)`, :math:`O(\kappa^{1.5})`,
    :math:`O(\kappa)` laws visible. Its constants are exactly ``mu`` and ``L``.

    This holds for methods whose update operator is a function of :math:`H` alone
    (``method.info.h_function``: Sim-GDA, negative momentum, EG, OGDA, proximal point),
    since their spectral radius depends only on the eigenvalues of :math:`H`. It does not
    hold for methods that treat the players differently (alternating and two-timescale
    updates, per-player compositions): at :math:`\kappa = 100` Alt-GDA's best step on this
    game diverges on another member of the class. For those,
    :func:`lecturecode.analysis.tune_worst_case` searches the class itself
    (:func:`class_blocks`).

    Parameters
    ----------
    mu, L : float
        ``0 < mu <= L``.
    n_blocks : int
        Number of 1-D blocks (``>= 2``); the game has dimension ``2 * n_blocks``.

    References
    ----------
    .. [1] G. Zhang, X. Bao, L. Lessard, R. Grosse. A unified analysis of first-order methods for
           smooth games via integral quadratic constraints. JMLR 22(103), 2021. (worst-case rates
           over the class)
    .. [2] A. Ibrahim, W. Azizian, G. Gidel, I. Mitliagkas. Linear lower bounds and conditioning of
           differentiable games. ICML, 2020. (lower bounds from the spectrum of the update)

    Examples
    --------
    >>> g = worst_case_game(1.0, 10.0, n_blocks=4)
    >>> g.d, round(g.mu, 12), round(g.L, 12)
    (8, 1.0, 10.0)
    """
    mu, L = _constants(mu, L)
    n_blocks = as_count(n_blocks, "n_blocks", low=2, high=512)
    n_arc = max(2, n_blocks - n_blocks // 2)                   # the arc always has both its ends
    n_seg = n_blocks - n_arc
    top = np.arccos(mu / L)                                   # angle of the corner mu + i sqrt(L²-mu²)
    r = mu / L
    height = L * np.sqrt((1.0 - r) * (1.0 + r))                # sqrt(L² - mu²) without overflowing L²
    seg_b = np.linspace(0.0, height, n_seg, endpoint=False) if n_seg else np.empty(0)
    theta = np.linspace(top, 0.0, n_arc)                       # includes the corner and the real point L
    a = np.concatenate([np.full(n_seg, mu), L * np.cos(theta)])
    b = np.concatenate([seg_b, L * np.sin(theta)])
    a = np.maximum(a, mu)                                      # guard against round-off below mu
    return quadratic_minimax(np.diag(a), np.diag(b), np.diag(a),
                             name=f"worst-case game (μ={mu:g}, L={L:g})")


def _constants(mu, L):
    """``0 < mu <= L <= MAX_ENTRY / 4`` (the blocks of a game with these constants stay finite)."""
    mu = as_scalar(mu, "mu", low=0.0, low_open=True, high=MAX_ENTRY / 4)
    L = as_scalar(L, "L", low=0.0, low_open=True, high=MAX_ENTRY / 4)
    if L < mu:
        raise ValueError(f"L must lie in [{mu:g}, {MAX_ENTRY / 4:g}] (L >= mu), got mu={mu:g}, L={L:g}")
    return mu, L


def _random_orthogonal(n: int, rng: np.random.Generator) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def random_quadratic_game(mu: float, L: float, n_x: int = 2, n_y: int = 2, seed=0) -> QuadraticMinimax:
    r"""A random quadratic minimax game whose constants are exactly ``mu`` and ``L``.

    ``A`` and ``C`` get random eigenvectors and eigenvalues in
    :math:`[\mu, (\mu+L)/2]` (the smallest exactly :math:`\mu`), so the symmetric part of
    ``H`` has smallest eigenvalue :math:`\mu`. A random coupling direction ``B`` is then
    scaled by bisection until :math:`\|H\|_2 = L` (the coupling does not change the
    symmetric part, hence not :math:`\mu`).

    Parameters
    ----------
    mu, L : float
        ``0 < mu <= L``.
    n_x, n_y : int
        Player dimensions (``>= 1``).
    seed : int or numpy.random.Generator
        Source of randomness; the same seed gives the same game.

    References
    ----------
    .. [1] G. Zhang, X. Bao, L. Lessard, R. Grosse. A unified analysis of first-order methods for
           smooth games via integral quadratic constraints. JMLR 22(103), 2021. (the class of
           μ-strongly monotone, L-Lipschitz games)

    Examples
    --------
    >>> g = random_quadratic_game(0.5, 4.0, n_x=3, n_y=2, seed=1)
    >>> g.dims, round(g.mu, 9), round(g.L, 9)
    ((3, 2), 0.5, 4.0)
    """
    mu, L = _constants(mu, L)
    n_x = as_count(n_x, "n_x", high=256)
    n_y = as_count(n_y, "n_y", high=256)
    rng = as_generator(seed)
    top = mu + 0.5 * (L - mu)                                 # (mu + L) / 2 without overflow or underflow

    def curvature(n):
        eig = rng.uniform(mu, top, size=n)
        eig[rng.integers(n)] = mu
        q = _random_orthogonal(n, rng)
        return (q * eig) @ q.T

    A, C = curvature(n_x), curvature(n_y)
    A, C = 0.5 * (A + A.T), 0.5 * (C + C.T)
    direction = rng.standard_normal((n_x, n_y))
    direction /= np.linalg.norm(direction, 2)

    def norm_at(t):
        return np.linalg.norm(np.block([[A, t * direction], [-t * direction.T, C]]), 2)

    if norm_at(0.0) < L:                                       # else L == mu: no room for coupling
        lo, hi = 0.0, L
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            lo, hi = (mid, hi) if norm_at(mid) < L else (lo, mid)
            if hi - lo <= 1e-15 * L:
                break
        B = hi * direction
    else:
        B = np.zeros((n_x, n_y))
    return quadratic_minimax(A, B, C, name=f"random game (μ={mu:g}, L={L:g})")


def class_blocks(mu: float, L: float, u) -> tuple:
    r"""Scalar members of the class, from coordinates in the unit cube.

    Members of the class :math:`\{\mu\text{-strongly monotone}, L\text{-Lipschitz}\}` with
    scalar players, :math:`f = \tfrac a2 x^2 + b\,xy - \tfrac c2 y^2`, from coordinates in the
    unit cube.

    ``u[..., 0]`` and ``u[..., 1]`` place :math:`a` and :math:`c` in :math:`[\mu, L]`
    (the symmetric part of :math:`H = \begin{pmatrix} a & b\\ -b & c\end{pmatrix}` is
    :math:`\operatorname{diag}(a, c) \succeq \mu I`) and ``u[..., 2]`` places :math:`b` in
    :math:`[0, b_{\max}(a, c)]`, where :math:`b_{\max}` makes :math:`\|H\|_2 = L`:
    with :math:`P = L^2 - (a^2+c^2)/2`, :math:`b_{\max}^2` is the smaller root of
    :math:`q^2 - (2P + (a-c)^2) q + P^2 - (a^2-c^2)^2/4 = 0`. The cube covers every member
    (the sign of :math:`b` only mirrors :math:`y`).

    Parameters
    ----------
    mu, L : float
        ``0 < mu <= L``.
    u : array_like
        Shape ``(..., 3)``, entries in ``[0, 1]``.

    Returns
    -------
    a, b, c : ndarray
        Shape ``u.shape[:-1]`` each.

    Examples
    --------
    >>> a, b, c = class_blocks(1.0, 10.0, [[0.0, 0.0, 1.0], [1.0, 1.0, 0.5]])
    >>> np.round(a, 6), np.round(b, 6), np.round(c, 6)          # the corner mu + i sqrt(L^2 - mu^2)
    (array([ 1., 10.]), array([9.949874, 0.      ]), array([ 1., 10.]))
    """
    mu, L = _constants(mu, L)
    u = as_real_array(u, "u")
    if u.shape[-1:] != (3,):
        raise ValueError(f"u must have shape (..., 3), got {u.shape}")
    u = check_range(u, "u", low=0.0, high=1.0)
    a = mu + u[..., 0] * (L - mu)
    c = mu + u[..., 1] * (L - mu)
    P = L * L - 0.5 * (a * a + c * c)
    s = 2 * P + (a - c) ** 2
    disc = np.maximum(s * s - 4 * (P * P - 0.25 * (a * a - c * c) ** 2), 0.0)
    q = np.maximum(0.5 * (s - np.sqrt(disc)), 0.0)
    return a, u[..., 2] * np.sqrt(q), c


def block_game(a, b, c, name: str | None = None) -> QuadraticMinimax:
    r"""A block-diagonal game of independent scalar pairs.

    The block-diagonal game of independent scalar pairs
    :math:`\sum_k \tfrac{a_k}2 x_k^2 + b_k x_k y_k - \tfrac{c_k}2 y_k^2` (players
    :math:`x, y \in \mathbb R^n`), analysed block by block.

    References
    ----------
    .. [1] R. Grosse, G. Zhang. CSC 2541 Neural Net Training Dynamics, Lecture 10: Differentiable
           Games. University of Toronto, 2022. (the scalar games it stacks)

    Examples
    --------
    >>> g = block_game([1.0, 2.0], [3.0, 0.0], [1.0, 2.0])
    >>> g.dims, np.round(np.sort_complex(g.eigenvalues), 6)
    ((2, 2), array([1.-3.j, 1.+3.j, 2.+0.j, 2.+0.j]))
    """
    parts = []
    for value, what in ((a, "a"), (b, "b"), (c, "c")):
        v = np.atleast_1d(check_range(as_real_array(value, what), what, low=-MAX_ENTRY / 8, high=MAX_ENTRY / 8))
        if v.ndim != 1 or v.size == 0 or v.size > 4096:
            raise ValueError(f"{what} must be a number or a 1-D array of 1 to 4096 coefficients, got shape {v.shape}")
        parts.append(v)
    try:
        a, b, c = np.broadcast_arrays(*parts)
    except ValueError as err:
        raise ValueError(f"a, b, c must have one length (or be numbers), got {[p.size for p in parts]}") from err
    if name is not None:
        name = as_text(name, "name")
    return quadratic_minimax(np.diag(a), np.diag(b), np.diag(c), name=name or f"{a.size} scalar blocks")


def bilinear_spectrum(kappa: float, n_blocks: int = 8) -> QuadraticMinimax:
    r"""A bilinear game whose coupling has condition number ``kappa``.

    A bilinear game :math:`f = \sum_k s_k x_k y_k` whose coupling has condition number
    :math:`\kappa(B^\top B) = s_{\max}^2 / s_{\min}^2 = \kappa`: the squared singular values
    :math:`s_k^2` spread geometrically over :math:`[1, \kappa]`. It has no strong monotonicity
    (:math:`\mu = 0`); methods that converge on it (EG, OGDA, alternating negative momentum)
    do so at a rate set by :math:`\kappa`.

    References
    ----------
    .. [1] A. Mokhtari, A. Ozdaglar, S. Pattathil. A unified analysis of extra-gradient and
           optimistic gradient methods for saddle point problems: proximal point approach. AISTATS,
           2020. (linear rates of EG and OGDA on bilinear games)
    .. [2] A. Ibrahim, W. Azizian, G. Gidel, I. Mitliagkas. Linear lower bounds and conditioning of
           differentiable games. ICML, 2020. (conditioning of bilinear games)

    Examples
    --------
    >>> g = bilinear_spectrum(100.0, n_blocks=3)
    >>> sorted(set(np.round(np.abs(g.eigenvalues), 6).tolist())), g.mu
    ([1.0, 3.162278, 10.0], 0.0)
    """
    kappa = as_scalar(kappa, "kappa", low=1.0, high=1e12)
    n_blocks = as_count(n_blocks, "n_blocks", low=2, high=512)
    s = np.sqrt(np.geomspace(1.0, kappa, n_blocks))
    zero = np.zeros(n_blocks)
    return block_game(zero, s, zero, name=f"bilinear game, κ(BᵀB) = {kappa:g}")
