r"""Quadratic minimax games: the lecture's model problem.

Definitions
-----------
For :math:`f = \tfrac12 x^\top A x + x^\top B y - \tfrac12 y^\top C y` the field is
linear, :math:`F(z) = H (z - z^*)`, with the constant, generally non-symmetric game Hessian

.. math::

    H = \begin{pmatrix} A & B \\ -B^\top & C \end{pmatrix}.

:math:`F` is :math:`\mu`-strongly monotone with
:math:`\mu = \lambda_{\min}\big(\tfrac12 (H + H^\top)\big)` and :math:`L`-Lipschitz
with :math:`L = \|H\|_2`; the condition number is :math:`\kappa = L / \mu`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import autograd.numpy as anp
import numpy as np

from ..validation import as_count, as_generator, as_real_array, as_scalar, as_square_matrix, as_text
from ._base import Game, as_array, frozen
from .linear import linear_resolvent

__all__ = [
    "QuadraticMinimax",
    "quadratic_minimax",
    "quadratic_2d",
    "bilinear",
    "lecture_examples",
    "worst_case_game",
    "random_quadratic_game",
    "solution_concept_examples",
]

@dataclass(frozen=True, eq=False, repr=False)
class QuadraticMinimax(Game):
    r"""The quadratic minimax game :math:`\min_x \max_y \tfrac12 (x-x^*)^\top A (x-x^*)
    + (x-x^*)^\top B (y-y^*) - \tfrac12 (y-y^*)^\top C (y-y^*)`.

    Build it with :func:`quadratic_minimax` (or the named examples), which
    validates the blocks. All arrays are read-only.

    Attributes
    ----------
    A, B, C : ndarray
        Blocks of shape ``(n_x, n_x)``, ``(n_x, n_y)``, ``(n_y, n_y)``; ``A``, ``C`` symmetric.
    z_star : ndarray
        The critical point (the solution when ``H`` is invertible), shape ``(d,)``.
    name : str
        Human-readable label used in plots.
    H : ndarray
        The game Hessian ``[[A, B], [-B.T, C]]``, shape ``(d, d)``.
    """

    A: np.ndarray
    B: np.ndarray
    C: np.ndarray
    z_star: np.ndarray = field()
    name: str = "quadratic game"
    H: np.ndarray = field(init=False, repr=False)

    #: quadratic minimax games are two-player zero-sum games
    zero_sum = True

    def __post_init__(self):
        A, B, C, z_star = _checked_blocks(self.A, self.B, self.C, self.z_star)
        for attr, value in (("A", A), ("B", B), ("C", C), ("z_star", z_star)):
            object.__setattr__(self, attr, frozen(value))
        as_text(self.name, "name")
        H = frozen(np.block([[self.A, self.B], [-self.B.T, self.C]]))
        object.__setattr__(self, "H", H)
        object.__setattr__(self, "_H_T", frozen(H.T))                     # contiguous for the matmul
        object.__setattr__(self, "_shifted", bool(np.any(self.z_star)))

    # --- shape -----------------------------------------------------------------
    @property
    def n_x(self) -> int:
        """Number of coordinates of the minimising player."""
        return self.A.shape[0]

    @property
    def n_y(self) -> int:
        """Number of coordinates of the maximising player."""
        return self.C.shape[0]

    @property
    def dims(self) -> tuple[int, int]:
        """Coordinates of each player, in update order: ``(n_x, n_y)``."""
        return (self.n_x, self.n_y)

    # --- calculus (plain array math: traceable by autograd, complex-safe) --------
    def F(self, z):
        """Vector field ``(grad_x f, -grad_y f) = H (z - z_star)`` at points of shape ``(..., d)``."""
        z = as_array(z)
        return (z - self.z_star if self._shifted else z) @ self._H_T

    def J(self, z):
        """Jacobian of ``F`` (the constant ``H``), broadcast to shape ``(..., d, d)``."""
        return np.broadcast_to(self.H, np.shape(as_array(z))[:-1] + self.H.shape)

    def losses(self, z):
        """The players' losses ``(f, -f)`` at points ``z``, shape ``(..., 2)``."""
        w = as_array(z) - self.z_star
        x, y = w[..., : self.n_x], w[..., self.n_x :]
        f = (0.5 * anp.einsum("...i,ij,...j->...", x, self.A, x)
             + anp.einsum("...i,ij,...j->...", x, self.B, y)
             - 0.5 * anp.einsum("...i,ij,...j->...", y, self.C, y))
        return anp.stack([f, -f], axis=-1)

    def value(self, z) -> np.ndarray:
        """The payoff ``f(x, y)`` at the (validated) points ``z`` of shape ``(..., d)``."""
        return super().value(z)[..., 0]

    def resolvent(self, z, eta, **_):
        r"""The exact proximal step :math:`w = z^* + (I + \eta H)^{-1}(z - z^*)`, batched over
        ``z`` and ``eta``; returns ``(w, converged)`` like :meth:`Game.resolvent`."""
        return linear_resolvent(self.H, z, eta, self.z_star)

    # --- constants of the class --------------------------------------------------
    @property
    def eigenvalues(self) -> np.ndarray:
        """Eigenvalues of the game Hessian ``H`` (complex in general)."""
        return np.linalg.eigvals(self.H)

    @property
    def mu(self) -> float:
        """Strong-monotonicity constant: smallest eigenvalue of ``(H + H.T) / 2``."""
        return float(np.linalg.eigvalsh(0.5 * self.H + 0.5 * self.H.T)[0])     # no overflow of H + H.T

    @property
    def L(self) -> float:
        """Lipschitz constant of ``F``: the spectral norm ``||H||_2``."""
        return float(np.linalg.norm(self.H, 2))

    @property
    def kappa(self) -> float:
        """Condition number ``L / mu`` (``inf`` when the game is not strongly monotone)."""
        mu, L = self.mu, self.L
        if not mu > 1e-12 * max(L, 1.0):
            return float("inf")
        with np.errstate(over="ignore"):
            return float(np.float64(L) / mu)                                  # inf beyond the float range

    def symmetric_part(self) -> "QuadraticMinimax":
        """The game with the coupling ``B`` removed: ``F = (A x, C y)`` is the gradient of
        the strongly convex ``x'Ax/2 + y'Cy/2``, so GDA on it *is* gradient descent."""
        return QuadraticMinimax(self.A, np.zeros_like(self.B), self.C, self.z_star,
                                name=f"symmetric part of {self.name}")


def quadratic_minimax(A, B, C, z_star=None, name: str | None = None) -> QuadraticMinimax:
    r"""Build :math:`f = \tfrac12 x^\top A x + x^\top B y - \tfrac12 y^\top C y`
    (shifted so that its critical point is ``z_star``).

    Parameters
    ----------
    A : array_like, shape (n_x, n_x)
        Symmetric curvature of the minimising player (a scalar means ``1x1``).
    B : array_like, shape (n_x, n_y)
        Coupling between the players.
    C : array_like, shape (n_y, n_y)
        Symmetric (negated) curvature of the maximising player.
    z_star : array_like, shape (n_x + n_y,), optional
        The critical point; zero by default.
    name : str, optional
        Label for plots.

    Returns
    -------
    QuadraticMinimax

    Examples
    --------
    >>> g = quadratic_minimax(1.0, 10.0, 1.0)
    >>> g.H
    array([[  1.,  10.],
           [-10.,   1.]])
    >>> g.F([1.0, 0.0])
    array([  1., -10.])
    >>> round(g.mu, 3), round(g.L, 3)
    (1.0, 10.05)
    """
    A, B, C, z_star = _checked_blocks(A, B, C, z_star)
    if name is None:
        name = f"quadratic game (n_x={A.shape[0]}, n_y={C.shape[0]})"
    return QuadraticMinimax(frozen(A), frozen(B), frozen(C), frozen(z_star), name=as_text(name, "name"))


#: Largest |entry| of a quadratic game's blocks: the constants (||H||_2 <= d * max|entry|) stay finite.
MAX_ENTRY = 1e300


def _checked_blocks(A, B, C, z_star):
    """The validation shared by :func:`quadratic_minimax` and the :class:`QuadraticMinimax` constructor."""
    A = as_square_matrix(A, "A")
    C = as_square_matrix(C, "C")
    B = np.atleast_2d(as_real_array(B, "B"))
    if B.shape != (A.shape[0], C.shape[0]):
        raise ValueError(f"B must have shape (n_x, n_y) = {(A.shape[0], C.shape[0])} to match A and C, got {B.shape}")
    d = A.shape[0] + C.shape[0]
    for label, M in (("A", A), ("B", B), ("C", C)):
        if np.abs(M).max() > MAX_ENTRY / d:
            raise ValueError(f"{label} is too large: entries times d={d} must stay below {MAX_ENTRY:g}, so that "
                             "the game's constants (mu, L) are finite floats")
    for label, M in (("A", A), ("C", C)):
        if not np.allclose(M, M.T, rtol=1e-12, atol=1e-12):
            raise ValueError(f"{label} must be symmetric (only its symmetric part enters f)")
    z_star = np.zeros(d) if z_star is None else as_real_array(z_star, "z_star")
    if z_star.shape != (d,):
        raise ValueError(f"z_star must have shape ({d},), got {z_star.shape}")
    return A, B, C, z_star


def _fmt(v: float) -> str:
    return f"{v:g}"


def quadratic_2d(a: float, b: float, c: float, name: str | None = None) -> QuadraticMinimax:
    r"""The scalar game :math:`f(x, y) = \tfrac{a}{2} x^2 + b\,xy - \tfrac{c}{2} y^2`.

    Its game Hessian is ``[[a, b], [-b, c]]``; for ``a == c`` the eigenvalues are
    :math:`a \pm i b`.

    Examples
    --------
    >>> quadratic_2d(1, 10, 1).name
    '0.5x² + 10xy − 0.5y²'
    >>> quadratic_2d(0.6, 1.2, 0.6).eigenvalues
    array([0.6+1.2j, 0.6-1.2j])
    """
    a = as_scalar(a, "a", low=-MAX_ENTRY / 2, high=MAX_ENTRY / 2)
    b = as_scalar(b, "b", low=-MAX_ENTRY / 2, high=MAX_ENTRY / 2)
    c = as_scalar(c, "c", low=-MAX_ENTRY / 2, high=MAX_ENTRY / 2)
    if name is None:
        terms = []
        if a:
            terms.append(f"{_fmt(a / 2)}x²")
        if b:
            terms.append(f"{_fmt(b)}xy")
        if c:
            terms.append(f"{_fmt(-c / 2)}y²")
        name = " + ".join(terms).replace("+ -", "− ") or "0"
    return quadratic_minimax(a, b, c, name=name)


def bilinear(b: float = 10.0) -> QuadraticMinimax:
    r"""The purely rotational game :math:`f(x, y) = b\,xy` (eigenvalues :math:`\pm i b`).

    Examples
    --------
    >>> bilinear(10).eigenvalues
    array([0.+10.j, 0.-10.j])
    """
    return quadratic_2d(0.0, b, 0.0)


def lecture_examples() -> dict[str, QuadraticMinimax]:
    """The lecture's three 2-D quadratic games, keyed by their formula.

    ``0.5x² + 10xy − 0.5y²`` (strongly monotone, strong rotation), ``10xy``
    (bilinear), and ``0.3x² + 1.2xy − 0.3y²`` (the Alt-GDA eigenvalue example).

    Examples
    --------
    >>> list(lecture_examples())
    ['0.5x² + 10xy − 0.5y²', '10xy', '0.3x² + 1.2xy − 0.3y²']
    """
    games = [quadratic_2d(1.0, 10.0, 1.0), bilinear(10.0), quadratic_2d(0.6, 1.2, 0.6)]
    return {g.name: g for g in games}


def worst_case_game(mu: float, L: float, n_blocks: int = 16) -> QuadraticMinimax:
    r"""The hardest quadratic game of the class :math:`\{\mu\text{-strongly monotone},
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

    Parameters
    ----------
    mu, L : float
        ``0 < mu <= L``.
    n_blocks : int
        Number of 1-D blocks (``>= 2``); the game has dimension ``2 * n_blocks``.

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


def solution_concept_examples() -> dict:
    """The lecture's examples separating the solution concepts, keyed by formula
    (all with critical point :math:`(0, 0)`):

    * ``−x²/8 − y²/2 + 0.6xy`` (Daskalakis & Panageas): GDA-stable, not local Nash;
    * ``−3x² − y² + 4xy`` (Wang et al.): local minimax, but GDA diverges;
    * ``3x² + y² + 4xy`` (Wang et al.): not local minimax, but GDA converges.

    Examples
    --------
    >>> [g.H.tolist() for g in solution_concept_examples().values()]
    [[[-0.25, 0.6], [-0.6, 1.0]], [[-6.0, 4.0], [-4.0, 2.0]], [[6.0, 4.0], [-4.0, -2.0]]]
    """
    return {
        "−x²/8 − y²/2 + 0.6xy": quadratic_minimax(-0.25, 0.6, 1.0, name="−x²/8 − y²/2 + 0.6xy"),
        "−3x² − y² + 4xy": quadratic_minimax(-6.0, 4.0, 2.0, name="−3x² − y² + 4xy"),
        "3x² + y² + 4xy": quadratic_minimax(6.0, 4.0, -2.0, name="3x² + y² + 4xy"),
    }
