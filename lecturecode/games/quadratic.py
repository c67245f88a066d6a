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

from ..validation import as_real_array, as_scalar, as_square_matrix, as_text
from ._base import Game, as_array, frozen, player_rows
from .linear import linear_resolvent

__all__ = [
    "QuadraticMinimax",
    "quadratic_minimax",
    "quadratic_2d",
    "bilinear",
    "lecture_examples",
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
    name: str | None = None                   # None: "quadratic game (n_x=.., n_y=..)"
    H: np.ndarray = field(init=False, repr=False)

    #: quadratic minimax games are two-player zero-sum games
    zero_sum = True

    def __post_init__(self):
        A, B, C, z_star = _checked_blocks(self.A, self.B, self.C, self.z_star)
        for attr, value in (("A", A), ("B", B), ("C", C), ("z_star", z_star)):
            object.__setattr__(self, attr, frozen(value))
        if self.name is None:
            object.__setattr__(self, "name", f"quadratic game (n_x={A.shape[0]}, n_y={C.shape[0]})")
        as_text(self.name, "name")
        self._derive()

    @classmethod
    def _from_checked(cls, A: np.ndarray, B: np.ndarray, C: np.ndarray, z_star: np.ndarray,
                      name: str) -> QuadraticMinimax:
        """A game from blocks already checked (what :func:`_checked_blocks` returns, and a name):
        the constructor's checks skipped, for a factory that has checked its own arguments."""
        game = object.__new__(cls)
        for attr, value in (("A", A), ("B", B), ("C", C), ("z_star", z_star)):
            object.__setattr__(game, attr, frozen(value))
        object.__setattr__(game, "name", name)
        game._derive()
        return game

    def _derive(self) -> None:
        """The arrays every method reads (``H`` and its transpose, the Hessian of ``f``)."""
        H = frozen(np.block([[self.A, self.B], [-self.B.T, self.C]]))
        object.__setattr__(self, "H", H)
        object.__setattr__(self, "_H_T", frozen(H.T))                     # contiguous for the matmul
        object.__setattr__(self, "_hessian_f", frozen(np.block([[self.A, self.B], [self.B.T, -self.C]])))
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
    def F(self, z) -> np.ndarray:
        """Vector field ``(grad_x f, -grad_y f) = H (z - z_star)`` at points of shape ``(..., d)``."""
        z = as_array(z)
        return (z - self.z_star if self._shifted else z) @ self._H_T

    def J(self, z) -> np.ndarray:
        """Jacobian of ``F`` (the constant ``H``), broadcast to shape ``(..., d, d)``."""
        return np.broadcast_to(self.H, np.shape(as_array(z))[:-1] + self.H.shape)

    def losses(self, z) -> np.ndarray:
        """The players' losses ``(f, -f)`` at points ``z``, shape ``(..., 2)``."""
        w = as_array(z) - self.z_star
        x, y = w[..., : self.n_x], w[..., self.n_x :]
        f = (0.5 * anp.einsum("...i,ij,...j->...", x, self.A, x)
             + anp.einsum("...i,ij,...j->...", x, self.B, y)
             - 0.5 * anp.einsum("...i,ij,...j->...", y, self.C, y))
        return anp.stack([f, -f], axis=-1)

    def loss_gradients(self, z, players=None) -> np.ndarray:
        r"""Both players' loss gradients :math:`(\nabla f, -\nabla f)`, shape ``(..., 2, d)``
        (:math:`\nabla f = \nabla^2 f\,(z - z^*)`, linear, complex-safe); with ``players``
        see :class:`~lecturecode.games.Game`."""
        g = (as_array(z) - self.z_star) @ self._hessian_f                # the Hessian of f is symmetric
        G = anp.stack([g, -g], axis=-2)
        return G if players is None else player_rows(G, players)

    def value(self, z) -> np.ndarray:
        """The payoff ``f(x, y)`` at the (validated) points ``z`` of shape ``(..., d)``."""
        return super().value(z)[..., 0]

    def _resolvent(self, z, eta, tol: float = 1e-12, max_iter: int = 50) -> tuple[np.ndarray, np.ndarray]:
        r"""The exact proximal step :math:`w = z^* + (I + \eta H)^{-1}(z - z^*)`, batched over
        ``z`` and ``eta`` (``tol`` and ``max_iter`` unused: the solve is exact)."""
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
        return QuadraticMinimax._from_checked(self.A, np.zeros_like(self.B), self.C, self.z_star,
                                              f"symmetric part of {self.name}")


def quadratic_minimax(A, B, C, z_star=None, name: str | None = None) -> QuadraticMinimax:
    r"""A quadratic minimax game from its blocks ``A``, ``B``, ``C``.

    Build :math:`f = \tfrac12 x^\top A x + x^\top B y - \tfrac12 y^\top C y`
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

    References
    ----------
    .. [1] R. Grosse, G. Zhang. CSC 2541 Neural Net Training Dynamics, Lecture 10: Differentiable
           Games. University of Toronto, 2022. (the model problem)
    .. [2] G. Zhang, X. Bao, L. Lessard, R. Grosse. A unified analysis of first-order methods for
           smooth games via integral quadratic constraints. JMLR 22(103), 2021. (rates on strongly
           monotone quadratic games)

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
    return QuadraticMinimax(A, B, C, z_star, name=name)          # the constructor checks everything, once


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

    References
    ----------
    .. [1] R. Grosse, G. Zhang. CSC 2541 Neural Net Training Dynamics, Lecture 10: Differentiable
           Games. University of Toronto, 2022.

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
    else:
        name = as_text(name, "name")
    # a, b, c are checked finite numbers within the block bound: the 1x1 blocks need no second check
    return QuadraticMinimax._from_checked(np.array([[a]]), np.array([[b]]), np.array([[c]]), np.zeros(2), name)


def bilinear(b: float = 10.0) -> QuadraticMinimax:
    r"""The purely rotational game :math:`f(x, y) = b\,xy` (eigenvalues :math:`\pm i b`).

    References
    ----------
    .. [1] R. Grosse, G. Zhang. CSC 2541 Neural Net Training Dynamics, Lecture 10: Differentiable
           Games. University of Toronto, 2022.
    .. [2] G. Gidel, R. Askari Hemmat, M. Pezeshki, R. Le Priol, G. Huang, S. Lacoste-Julien, I.
           Mitliagkas. Negative momentum for improved game dynamics. AISTATS, 2019. (the bilinear
           game where simultaneous updates diverge)

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

    References
    ----------
    .. [1] R. Grosse, G. Zhang. CSC 2541 Neural Net Training Dynamics, Lecture 10: Differentiable
           Games. University of Toronto, 2022.

    Examples
    --------
    >>> list(lecture_examples())
    ['0.5x² + 10xy − 0.5y²', '10xy', '0.3x² + 1.2xy − 0.3y²']
    """
    games = [quadratic_2d(1.0, 10.0, 1.0), bilinear(10.0), quadratic_2d(0.6, 1.2, 0.6)]
    return {g.name: g for g in games}


def solution_concept_examples() -> dict[str, QuadraticMinimax]:
    """The lecture's three games that separate the solution concepts.

    The lecture's examples separating the solution concepts, keyed by formula
    (all with critical point :math:`(0, 0)`):

    * ``−x²/8 − y²/2 + 0.6xy`` (Daskalakis & Panageas): GDA-stable, not local Nash;
    * ``−3x² − y² + 4xy`` (Wang et al.): local minimax, but GDA diverges;
    * ``3x² + y² + 4xy`` (Wang et al.): not local minimax, but GDA converges.

    References
    ----------
    .. [1] C. Daskalakis, I. Panageas. The limit points of (optimistic) gradient descent in min-max
           optimization. NeurIPS, 2018. (the GDA-stable point that is not local Nash)
    .. [2] Y. Wang, G. Zhang, J. Ba. On solving minimax optimization locally: a follow-the-ridge
           approach. ICLR, 2020. (the other two examples)

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
