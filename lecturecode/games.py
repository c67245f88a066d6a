r"""Differentiable games as small immutable values.

Definitions
-----------
In a two-player zero-sum (minimax) game player :math:`x` minimises
:math:`f(x, y)` and player :math:`y` maximises it. Stacking :math:`z = (x, y)`,
the simultaneous-gradient **vector field** and its **Jacobian** (the *game
Hessian*) are

.. math::

    F(z) = \begin{pmatrix} \nabla_x f \\ -\nabla_y f \end{pmatrix},
    \qquad
    J(z) = \nabla F(z) = \begin{pmatrix} \nabla^2_{xx} f & \nabla^2_{xy} f \\
                                       -\nabla^2_{yx} f & -\nabla^2_{yy} f \end{pmatrix}.

For the quadratic game
:math:`f = \tfrac12 x^\top A x + x^\top B y - \tfrac12 y^\top C y` the field is
linear, :math:`F(z) = H (z - z^*)`, with the constant, generally non-symmetric

.. math::

    H = \begin{pmatrix} A & B \\ -B^\top & C \end{pmatrix}.

:math:`F` is :math:`\mu`-strongly monotone with
:math:`\mu = \lambda_{\min}\big(\tfrac12 (H + H^\top)\big)` and :math:`L`-Lipschitz
with :math:`L = \|H\|_2`; the condition number is :math:`\kappa = L / \mu`.

Every game exposes ``F(z)`` and ``J(z)``, vectorised over leading batch axes of
``z`` (shape ``(..., d)``), and ``dims``, the number of coordinates of each player.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .validation import as_count, as_generator, as_points, as_real_array, as_scalar, as_square_matrix

__all__ = [
    "QuadraticMinimax",
    "quadratic_minimax",
    "quadratic_2d",
    "bilinear",
    "lecture_examples",
    "worst_case_game",
    "random_quadratic_game",
    "LinearGame",
    "linearize",
    "Game",
    "autograd_field",
    "game_from_losses",
    "minimax_game",
    "matching_pennies",
    "prisoners_dilemma",
    "PD_PAYOFFS",
    "lorenz_game",
    "double_well_game",
    "solution_concept_examples",
]


def _frozen(arr: np.ndarray) -> np.ndarray:
    arr = np.array(arr, dtype=float)
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class QuadraticMinimax:
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
    z_star: np.ndarray
    name: str = "quadratic game"
    H: np.ndarray = field(init=False, repr=False)

    def __post_init__(self):
        H = np.block([[self.A, self.B], [-self.B.T, self.C]])
        object.__setattr__(self, "H", _frozen(H))

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
    def d(self) -> int:
        """Total dimension ``n_x + n_y``."""
        return self.n_x + self.n_y

    @property
    def dims(self) -> tuple[int, int]:
        """Coordinates of each player, in update order: ``(n_x, n_y)``."""
        return (self.n_x, self.n_y)

    # --- calculus ---------------------------------------------------------------
    def F(self, z) -> np.ndarray:
        """Vector field ``(grad_x f, -grad_y f)`` at points ``z`` of shape ``(..., d)``."""
        z = as_points(z, self.d, "z")
        if self.z_star.any():
            z = z - self.z_star
        return z @ self.H.T

    def J(self, z) -> np.ndarray:
        """Jacobian of ``F`` (constant ``H``), broadcast to shape ``(..., d, d)``."""
        z = as_points(z, self.d, "z")
        return np.broadcast_to(self.H, z.shape[:-1] + self.H.shape)

    def value(self, z) -> np.ndarray:
        """The payoff ``f(x, y)`` at points ``z`` of shape ``(..., d)``."""
        w = as_points(z, self.d, "z") - self.z_star
        x, y = w[..., : self.n_x], w[..., self.n_x :]
        return (0.5 * np.einsum("...i,ij,...j->...", x, self.A, x)
                + np.einsum("...i,ij,...j->...", x, self.B, y)
                - 0.5 * np.einsum("...i,ij,...j->...", y, self.C, y))

    # --- constants of the class --------------------------------------------------
    #: quadratic minimax games are two-player zero-sum games
    zero_sum = True

    @property
    def eigenvalues(self) -> np.ndarray:
        """Eigenvalues of the game Hessian ``H`` (complex in general)."""
        return np.linalg.eigvals(self.H)

    @property
    def mu(self) -> float:
        """Strong-monotonicity constant: smallest eigenvalue of ``(H + H.T) / 2``."""
        return float(np.linalg.eigvalsh(0.5 * (self.H + self.H.T))[0])

    @property
    def L(self) -> float:
        """Lipschitz constant of ``F``: the spectral norm ``||H||_2``."""
        return float(np.linalg.norm(self.H, 2))

    @property
    def kappa(self) -> float:
        """Condition number ``L / mu`` (``inf`` when the game is not strongly monotone)."""
        mu = self.mu
        return self.L / mu if mu > 1e-12 * max(self.L, 1.0) else float("inf")

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
    A = as_square_matrix(A, "A")
    C = as_square_matrix(C, "C")
    B = np.atleast_2d(as_real_array(B, "B"))
    if B.shape != (A.shape[0], C.shape[0]):
        raise ValueError(f"B must have shape (n_x, n_y) = {(A.shape[0], C.shape[0])} to match A and C, got {B.shape}")
    for label, M in (("A", A), ("C", C)):
        if not np.allclose(M, M.T, rtol=1e-12, atol=1e-12):
            raise ValueError(f"{label} must be symmetric (only its symmetric part enters f)")
    d = A.shape[0] + C.shape[0]
    z_star = np.zeros(d) if z_star is None else as_real_array(z_star, "z_star")
    if z_star.shape != (d,):
        raise ValueError(f"z_star must have shape ({d},), got {z_star.shape}")
    if name is None:
        name = f"quadratic game (n_x={A.shape[0]}, n_y={C.shape[0]})"
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, got {name!r}")
    return QuadraticMinimax(_frozen(A), _frozen(B), _frozen(C), _frozen(z_star), name=name)


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
    a = as_scalar(a, "a")
    b = as_scalar(b, "b")
    c = as_scalar(c, "c")
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
    mu = as_scalar(mu, "mu", low=0.0, low_open=True)
    L = as_scalar(L, "L", low=mu)
    n_blocks = as_count(n_blocks, "n_blocks", low=2)
    n_seg = n_blocks // 2
    n_arc = n_blocks - n_seg
    top = np.arccos(mu / L)                                   # angle of the corner mu + i sqrt(L²-mu²)
    seg_b = np.linspace(0.0, np.sqrt(L**2 - mu**2), n_seg, endpoint=False) if n_seg else np.empty(0)
    theta = np.linspace(top, 0.0, n_arc)                       # includes the corner and the real point L
    a = np.concatenate([np.full(n_seg, mu), L * np.cos(theta)])
    b = np.concatenate([seg_b, L * np.sin(theta)])
    a = np.maximum(a, mu)                                      # guard against round-off below mu
    return quadratic_minimax(np.diag(a), np.diag(b), np.diag(a),
                             name=f"worst-case game (μ={mu:g}, L={L:g})")


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
    mu = as_scalar(mu, "mu", low=0.0, low_open=True)
    L = as_scalar(L, "L", low=mu)
    n_x = as_count(n_x, "n_x")
    n_y = as_count(n_y, "n_y")
    rng = as_generator(seed)
    top = 0.5 * (mu + L)

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


@dataclass(frozen=True, eq=False)
class LinearGame:
    """A game with linear field :math:`F(z) = H z` for an arbitrary square ``H``.

    This is what any game looks like to first order around a critical point
    (see :func:`linearize`); the analysis module runs a method's own ``step`` on it
    to read off the method's linear update operator.
    """

    H: np.ndarray
    dims: tuple[int, ...]
    name: str = "linear game"
    zero_sum: bool = False

    @property
    def d(self) -> int:
        """Total dimension."""
        return self.H.shape[0]

    def F(self, z) -> np.ndarray:
        """``H z`` for ``z`` of shape ``(..., d)``."""
        return as_points(z, self.d, "z") @ self.H.T

    def J(self, z) -> np.ndarray:
        """The constant ``H``, broadcast to ``(..., d, d)``."""
        z = as_points(z, self.d, "z")
        return np.broadcast_to(self.H, z.shape[:-1] + self.H.shape)


def linearize(game, z_star=None) -> LinearGame:
    r"""First-order model of ``game`` around ``z_star`` (the game's own ``z_star`` if it has one).

    The deviation :math:`e = z - z^*` of a point near a critical point evolves under
    :math:`F(z^* + e) \approx J(z^*) e`, so the result has ``H = J(z_star)``.

    Examples
    --------
    >>> lin = linearize(quadratic_2d(1, 10, 1))
    >>> lin.F([0.0, 1.0])
    array([10.,  1.])
    """
    if z_star is None:
        z_star = getattr(game, "z_star", None)
        if z_star is None:
            raise ValueError("z_star is required for a game that does not define one")
    z_star = as_points(z_star, game.d, "z_star")
    if z_star.ndim != 1:
        raise ValueError(f"z_star must be a single point of shape ({game.d},), got {z_star.shape}")
    H = np.array(game.J(z_star), dtype=float)
    return LinearGame(_frozen(H), tuple(game.dims), name=f"linearisation of {game.name}",
                      zero_sum=bool(getattr(game, "zero_sum", False)))


# --------------------------------------------------------------------------------------------
# General (non-quadratic, n-player) games
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Game:
    r"""An n-player differentiable game: player :math:`i` controls the block :math:`z_i` and
    minimises its own loss :math:`f_i(z_i, z_{-i})`.

    ``F(z)`` stacks the players' own gradients :math:`\nabla_{z_i} f_i` (for a minimax game
    :math:`(\nabla_x f, -\nabla_y f)`), ``J(z)`` is its Jacobian. Both come from closed-form
    callables vectorised over leading batch axes; ``losses`` (written with ``autograd.numpy``)
    defines the game and lets tests check ``F`` and ``J`` against automatic differentiation.
    Build games with the factories below, which validate their parameters.

    Attributes
    ----------
    name : str
    dims : tuple of int
        Coordinates of each player, in update order.
    losses : callable
        ``losses(z) -> (..., n_players)``.
    vector_field, jacobian : callable
        Closed forms of ``F`` and ``J`` (no input checks: call ``F``/``J`` instead).
    zero_sum : bool
        Two players with :math:`f_2 = -f_1` (a minimax game in :math:`f = f_1`).
    lower, upper : ndarray or None
        Box constraints on the strategies (e.g. probabilities in ``[0, 1]``); the simulation
        projects onto the box, and ``F`` rejects points outside it.
    z_star : ndarray or None
        A distinguished critical point (the one plots centre on), if any.
    critical_points : dict
        Named critical points, for the solution-concept inspector.
    """

    name: str
    dims: tuple
    losses: object
    vector_field: object
    jacobian: object
    zero_sum: bool = False
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None
    z_star: np.ndarray | None = None
    critical_points: dict = field(default_factory=dict)

    @property
    def d(self) -> int:
        """Total dimension."""
        return int(sum(self.dims))

    def _checked(self, z, name="z"):
        z = as_points(z, self.d, name)
        if self.lower is not None and (np.any(z < self.lower) or np.any(z > self.upper)):
            raise ValueError(f"{name} must lie in the strategy box [{self.lower.tolist()}, {self.upper.tolist()}] "
                             f"of {self.name}, got {z.tolist()}")
        return z

    def F(self, z) -> np.ndarray:
        """Stacked own-gradients at points ``z`` of shape ``(..., d)``."""
        return self.vector_field(self._checked(z))

    def J(self, z) -> np.ndarray:
        """Jacobian of ``F``, shape ``(..., d, d)``."""
        return self.jacobian(self._checked(z))

    def value(self, z) -> np.ndarray:
        """Each player's loss, shape ``(..., n_players)``."""
        return np.asarray(self.losses(self._checked(z)))

    def project(self, z) -> np.ndarray:
        """Clip ``z`` onto the strategy box (identity for unconstrained games)."""
        return z if self.lower is None else np.clip(z, self.lower, self.upper)


def _blocks(dims):
    edges = np.cumsum((0,) + tuple(dims))
    return [slice(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:])]


def autograd_field(losses, dims):
    r"""``F`` and ``J`` of the game with these ``losses``, by automatic differentiation.

    Returns two functions of a single point ``z`` (shape ``(d,)``): ``F(z)`` stacks
    :math:`\nabla_{z_i} f_i(z)` and ``J(z)`` is its Jacobian. Exact to round-off (no finite
    differences), but slow (~0.3 ms a gradient): use it to define new games and to test the
    closed forms of the named ones.

    Examples
    --------
    >>> import autograd.numpy as anp
    >>> F, J = autograd_field(lambda z: anp.stack([z[0] * z[1], -z[0] * z[1]]), (1, 1))
    >>> F(np.array([2.0, 3.0]))
    array([ 3., -2.])
    """
    from autograd import grad, jacobian
    import autograd.numpy as anp

    blocks = _blocks(dims)

    def F(z):
        parts = [grad(lambda w, i=i: losses(w)[i])(z)[block] for i, block in enumerate(blocks)]
        return anp.concatenate(parts)

    return (lambda z: np.asarray(F(np.asarray(z, dtype=float)))), \
           (lambda z: np.asarray(jacobian(F)(np.asarray(z, dtype=float))))


def _pointwise(fn):
    """Vectorise a single-point function over leading batch axes."""
    def batched(z):
        z = np.asarray(z, dtype=float)
        flat = z.reshape(-1, z.shape[-1])
        out = np.stack([fn(p) for p in flat])
        return out.reshape(z.shape[:-1] + out.shape[1:])
    return batched


def game_from_losses(losses, dims, *, name: str = "game", zero_sum: bool = False, critical_points=None) -> Game:
    """A game defined only by its players' losses; ``F`` and ``J`` come from autograd.

    ``losses(z)`` must return the stacked losses of one point ``z`` of shape ``(d,)``,
    written with ``autograd.numpy``. Good for trying a new game; slow for long simulations.

    Examples
    --------
    >>> import autograd.numpy as anp
    >>> g = game_from_losses(lambda z: anp.stack([z[0] ** 2 + z[0] * z[1], z[1] ** 2 - z[0] * z[1]]), (1, 1))
    >>> g.F([1.0, 1.0]), g.J([1.0, 1.0]).tolist()
    (array([3., 1.]), [[2.0, 1.0], [-1.0, 2.0]])
    """
    dims = tuple(as_count(n, "dims entry") for n in dims)
    F, J = autograd_field(losses, dims)
    return Game(name, dims, _pointwise(losses), _pointwise(F), _pointwise(J), zero_sum=zero_sum,
                critical_points=dict(critical_points or {}))


def minimax_game(f, n_x: int, n_y: int, *, name: str = "minimax game", critical_points=None) -> Game:
    r"""The zero-sum game :math:`\min_x \max_y f(x, y)` (losses :math:`f` and :math:`-f`),
    with ``F``/``J`` from autograd. ``f`` takes one point ``z = (x, y)`` of shape ``(n_x + n_y,)``.

    Examples
    --------
    >>> g = minimax_game(lambda z: z[0] * z[1], 1, 1, name="xy")
    >>> g.F([2.0, 3.0])
    array([ 3., -2.])
    """
    import autograd.numpy as anp

    return game_from_losses(lambda z: anp.stack([f(z), -f(z)]), (n_x, n_y), name=name, zero_sum=True,
                            critical_points=critical_points)


def _check_strategies(z, name="z"):
    if np.any(z < 0) or np.any(z > 1):
        raise ValueError(f"{name}: mixed strategies are probabilities and must lie in [0, 1], got {z.tolist()}")


def matching_pennies() -> Game:
    r"""Matching pennies with mixed strategies :math:`x, y \in [0, 1]` (probability of Heads).

    Player :math:`x` wins on a match. In the lecture's form :math:`x` minimises
    :math:`f(x, y) = -xy - (1-x)(1-y)` (minus the probability of a match) and :math:`y`
    maximises it, so :math:`F = (1 - 2y,\ 2x - 1)` and
    :math:`J = \begin{pmatrix}0 & -2\\ 2 & 0\end{pmatrix}` with eigenvalues :math:`\pm 2i`:
    the flow circles the mixed Nash equilibrium :math:`(\tfrac12, \tfrac12)`.

    Examples
    --------
    >>> g = matching_pennies()
    >>> g.F([0.5, 0.5]), g.F([1.0, 0.5])
    (array([0., 0.]), array([0., 1.]))
    """
    def losses(z):
        x, y = z[..., 0], z[..., 1]
        f = -x * y - (1 - x) * (1 - y)
        return _stack_last([f, -f])

    def F(z):
        return np.stack([1 - 2 * z[..., 1], 2 * z[..., 0] - 1], axis=-1)

    H = _frozen([[0.0, -2.0], [2.0, 0.0]])
    half = _frozen([0.5, 0.5])
    return Game("matching pennies", (1, 1), losses, F, lambda z: np.broadcast_to(H, z.shape[:-1] + (2, 2)),
                zero_sum=True, lower=_frozen([0.0, 0.0]), upper=_frozen([1.0, 1.0]), z_star=half,
                critical_points={"mixed Nash (½, ½)": half})


def _stack_last(parts):
    import autograd.numpy as anp

    return anp.stack(parts, axis=-1)


#: Prisoner's dilemma payoffs (row player, column player), as in LOLA's code: C = cooperate, D = defect.
PD_PAYOFFS = {("C", "C"): (-1.0, -1.0), ("C", "D"): (-3.0, 0.0), ("D", "C"): (0.0, -3.0), ("D", "D"): (-2.0, -2.0)}


def prisoners_dilemma() -> Game:
    r"""The prisoner's dilemma with mixed strategies :math:`z_i \in [0, 1]` (probability of
    cooperating), payoffs :data:`PD_PAYOFFS`; each player's loss is minus its expected payoff.

    :math:`\partial f_1/\partial z_1 = 1` whatever :math:`z_2` (and symmetrically), so
    :math:`F \equiv (1, 1)`: defection is strictly dominant and gradient play walks straight
    to mutual defection :math:`(0, 0)`, payoff :math:`(-2, -2)`, although :math:`(C, C)` pays
    :math:`(-1, -1)`.

    Examples
    --------
    >>> g = prisoners_dilemma()
    >>> g.F([0.3, 0.9]), -g.value([1.0, 1.0]), -g.value([0.0, 0.0])
    (array([1., 1.]), array([-1., -1.]), array([-2., -2.]))
    """
    def losses(z):
        p, q = z[..., 0], z[..., 1]
        probs = {("C", "C"): p * q, ("C", "D"): p * (1 - q), ("D", "C"): (1 - p) * q, ("D", "D"): (1 - p) * (1 - q)}
        r1 = sum(probs[k] * PD_PAYOFFS[k][0] for k in probs)
        r2 = sum(probs[k] * PD_PAYOFFS[k][1] for k in probs)
        return _stack_last([-r1, -r2])

    return Game("prisoner's dilemma", (1, 1), losses,
                lambda z: np.ones(np.shape(z)), lambda z: np.zeros(np.shape(z) + (2,)),
                lower=_frozen([0.0, 0.0]), upper=_frozen([1.0, 1.0]),
                critical_points={})


def lorenz_game(a: float = 10.0, b: float = 28.0, c: float = 8.0 / 3.0) -> Game:
    r"""The lecture's three-player game whose gradient flow is the Lorenz system.

    .. math::

        f_x = -a(xy - \tfrac12 x^2),\quad f_y = -xy(b - z) + \tfrac12 y^2,\quad
        f_z = -xyz + \tfrac{c}{2} z^2,

    so :math:`-F = (a(y - x),\ x(b - z) - y,\ xy - cz)`. With the classic
    :math:`a = 10, b = 28, c = 8/3` the players' own gradient play is chaotic.

    Examples
    --------
    >>> lorenz_game().F([1.0, 2.0, 3.0])
    array([-10., -23.,   6.])
    """
    a = as_scalar(a, "a", low=0.0, low_open=True)
    b = as_scalar(b, "b", low=0.0, low_open=True)
    c = as_scalar(c, "c", low=0.0, low_open=True)

    def losses(z):
        x, y, w = z[..., 0], z[..., 1], z[..., 2]
        return _stack_last([-a * (x * y - 0.5 * x**2), -x * y * (b - w) + 0.5 * y**2, -x * y * w + 0.5 * c * w**2])

    def F(z):
        x, y, w = z[..., 0], z[..., 1], z[..., 2]
        return -np.stack([a * (y - x), x * (b - w) - y, x * y - c * w], axis=-1)

    def J(z):
        x, y, w = z[..., 0], z[..., 1], z[..., 2]
        one, zero = np.ones_like(x), np.zeros_like(x)
        rows = [[a * one, -a * one, zero], [w - b, one, x], [-y, -x, c * one]]
        return np.stack([np.stack(r, axis=-1) for r in rows], axis=-2)

    return Game(f"Lorenz game (a={a:g}, b={b:g}, c={c:.3g})", (1, 1, 1), losses, F, J,
                z_star=_frozen([0.0, 0.0, 0.0]))


def double_well_game() -> Game:
    r"""A non-quadratic minimax game with critical points of different kinds:
    :math:`f(x, y) = \tfrac14 x^4 - \tfrac12 x^2 + \tfrac12 xy - \tfrac12 y^2`.

    Its critical points are :math:`(0, 0)` (none of the solution concepts) and
    :math:`\pm(\tfrac{\sqrt3}{2}, \tfrac{\sqrt3}{4})` (local Nash, hence local minimax and
    GDA-stable).

    Examples
    --------
    >>> g = double_well_game()
    >>> [np.allclose(g.F(p), 0) for p in g.critical_points.values()]
    [True, True, True]
    """
    def losses(z):
        x, y = z[..., 0], z[..., 1]
        f = 0.25 * x**4 - 0.5 * x**2 + 0.5 * x * y - 0.5 * y**2
        return _stack_last([f, -f])

    def F(z):
        x, y = z[..., 0], z[..., 1]
        return np.stack([x**3 - x + 0.5 * y, -(0.5 * x - y)], axis=-1)

    def J(z):
        x = z[..., 0]
        one = np.ones_like(x)
        return np.stack([np.stack([3 * x**2 - 1, 0.5 * one], -1), np.stack([-0.5 * one, one], -1)], -2)

    r = np.sqrt(3) / 2
    points = {"(0, 0)": _frozen([0.0, 0.0]), "(√3/2, √3/4)": _frozen([r, r / 2]),
              "(−√3/2, −√3/4)": _frozen([-r, -r / 2])}
    return Game("¼x⁴ − ½x² + ½xy − ½y²", (1, 1), losses, F, J, zero_sum=True, z_star=points["(0, 0)"],
                critical_points=points)


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
