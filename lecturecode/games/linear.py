r"""Linear games :math:`F(z) = H z`: what every game looks like near a critical point.

The analysis module runs a method's own ``step`` on a :class:`LinearGame` to read off the
method's linear update operator, so the operator analysed is the update simulated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..validation import as_dims, as_flag, as_point, as_real_array, as_square_matrix, as_text
from ._base import _H, Game, as_array, frozen, player_rows, player_slices

__all__ = ["LinearGame", "linear_game", "linearize", "jacobi_splitting"]


def linear_resolvent(H, z, eta, z_star=None):
    r"""Exact proximal step of the field :math:`H (w - z^*)`: :math:`w = z^* + (I + \eta H)^{-1}
    (z - z^*)`, batched over the leading axes of ``z``, ``eta`` and a stack of ``H``.

    Each distinct system :math:`I + \eta H` is factorised once, with every point of the batch
    that shares it as a right-hand side (the basis vectors of the operator analysis, the seeds
    of a simulation): :math:`O(d^3)` per system, not one solve per point.

    Returns ``(w, converged)``; ``converged`` is ``False`` (and ``w`` NaN) only where
    :math:`I + \eta H` is singular. The arguments are already checked (``z`` of shape ``(..., d)``,
    ``eta`` an array of positive step sizes): :meth:`Game.resolvent` checks them once.
    """
    d = H.shape[-1]
    shift = 0.0 if z_star is None else z_star
    with np.errstate(all="ignore"):
        system = np.eye(d) + eta[..., None, None] * H
        rhs = z - shift
        try:
            shape = np.broadcast_shapes(system.shape[:-2], rhs.shape[:-1])
        except ValueError as err:
            raise ValueError(f"eta of shape {eta.shape} does not broadcast against the batch of z, shape "
                             f"{z.shape}") from err
        n = len(shape)
        system = system.reshape((1,) * (n + 2 - system.ndim) + system.shape)
        rhs = np.broadcast_to(rhs, shape + (d,))
        shared = [i for i in range(n) if system.shape[i] == 1 and shape[i] > 1]    # axes the system repeats on
        own = [i for i in range(n) if i not in shared]
        columns = np.moveaxis(rhs, shared, range(n + 1 - len(shared), n + 1))     # (*own, d, *shared)
        columns = columns.reshape(tuple(shape[i] for i in own) + (d, -1))
        system = system.reshape(tuple(system.shape[i] for i in own) + (d, d))
        ok = np.all(np.isfinite(system), axis=(-2, -1))
        system = np.where(ok[..., None, None], system, np.eye(d))
        ok &= np.abs(np.linalg.det(system)) > 1e-300
        safe = np.where(ok[..., None, None], system, np.eye(d))
        good = np.isfinite(columns).all(axis=-2, keepdims=True)
        solved = np.linalg.solve(safe, np.where(good, columns, 0.0))                # one LU per system
        solved = solved.reshape(columns.shape[:-1] + tuple(shape[i] for i in shared))
        w = np.moveaxis(solved, range(len(own) + 1, n + 1), shared) + shift
        ok = np.broadcast_to(ok.reshape(ok.shape + (1,) * len(shared)), ok.shape + tuple(shape[i] for i in shared))
        ok = np.moveaxis(ok, range(len(own), n), shared)
        ok = ok & np.all(np.isfinite(rhs), axis=-1) & np.all(np.isfinite(w), axis=-1)
    return np.where(ok[..., None], w, np.nan), ok


@dataclass(frozen=True, eq=False, repr=False)
class LinearGame(Game):
    r"""A game with linear field :math:`F(z) = H z` for an arbitrary square ``H``.

    ``H`` may also be a stack of matrices, shape ``(..., d, d)``: a batch of independent
    linear games that share ``dims`` (the analysis uses this to split a block-diagonal game
    into its blocks). Build one with :func:`linear_game`, or :func:`linearize` a game.

    ``loss_hessians`` (optional, shape ``(..., n_players, d, d)``) are the players' loss
    Hessians :math:`\nabla^2 f_i`; with them the game has ``loss_gradients``
    :math:`G_i = \nabla^2 f_i\, z` (what opponent shaping differentiates), and player
    :math:`i`'s rows of :math:`\nabla^2 f_i` must be player :math:`i`'s rows of ``H``.
    """

    H: np.ndarray
    dims: tuple = field()
    name: str = "linear game"
    zero_sum: bool = False
    loss_hessians: np.ndarray | None = None

    def __post_init__(self):
        H = as_real_array(self.H, "H")
        if H.ndim < 2 or H.shape[-1] != H.shape[-2] or H.shape[-1] == 0:
            raise ValueError(f"H must be a square matrix (or a stack of them) of size >= 1, got shape {H.shape}")
        object.__setattr__(self, "H", H)
        dims = as_dims(self.dims)
        if sum(dims) != H.shape[-1]:
            raise ValueError(f"dims must sum to the size of H ({H.shape[-1]}), got dims={dims}")
        object.__setattr__(self, "dims", dims)
        as_text(self.name, "name")
        if as_flag(self.zero_sum, "zero_sum") and len(self.dims) != 2:
            raise ValueError(f"a zero-sum game has two players, got dims={self.dims}")
        if self.loss_hessians is not None:
            object.__setattr__(self, "loss_hessians", _checked_loss_hessians(self.loss_hessians, H, dims))

    @classmethod
    def _from_checked(cls, H: np.ndarray, dims: tuple, name: str, zero_sum: bool,
                      loss_hessians: np.ndarray | None = None) -> LinearGame:
        """A LinearGame from parts already checked (a validated game's ``dims``, ``zero_sum`` and
        name, a finite square ``H``, consistent loss Hessians): the constructor's checks skipped."""
        game = object.__new__(cls)
        for key, value in dict(H=H, dims=tuple(dims), name=name, zero_sum=bool(zero_sum),
                               loss_hessians=loss_hessians).items():
            object.__setattr__(game, key, value)
        return game

    @property
    def loss_gradients(self) -> Callable | None:
        """``loss_gradients(z, players=None)`` from the loss Hessians, or ``None`` without them."""
        return None if self.loss_hessians is None else self._loss_gradients

    def _loss_gradients(self, z, players=None):
        G = (self.loss_hessians @ as_array(z)[..., None, :, None])[..., 0]
        return G if players is None else player_rows(G, players)

    @property
    def z_star(self) -> np.ndarray:
        """The origin is a critical point of every linear game."""
        return np.zeros(self.d)

    def F(self, z) -> np.ndarray:
        """``H z`` for ``z`` of shape ``(..., d)`` (broadcast against a stack of ``H``)."""
        return (self.H @ as_array(z)[..., None])[..., 0]

    def J(self, z) -> np.ndarray:
        """The constant ``H``, broadcast to ``(..., d, d)``."""
        shape = np.broadcast_shapes(np.shape(as_array(z))[:-1], self.H.shape[:-2])
        return np.broadcast_to(self.H, shape + self.H.shape[-2:])

    def _resolvent(self, z, eta, tol: float = 1e-12, max_iter: int = 50) -> tuple[np.ndarray, np.ndarray]:
        r"""The exact proximal step :math:`w = (I + \eta H)^{-1} z` (``tol`` and ``max_iter`` unused)."""
        return linear_resolvent(self.H, z, eta)


def _checked_loss_hessians(hessians, H, dims) -> np.ndarray:
    """Validated loss Hessians of the linear game ``H`` (their own rows must be ``H``'s)."""
    hessians = as_real_array(hessians, "loss_hessians")
    d, n = H.shape[-1], len(dims)
    if hessians.ndim < 3 or hessians.shape[-3:] != (n, d, d):
        raise ValueError(f"loss_hessians must have shape (..., {n}, {d}, {d}): one d x d Hessian per player, "
                         f"got shape {hessians.shape}")
    own = np.concatenate([hessians[..., i, s, :] for i, s in enumerate(player_slices(dims))], axis=-2)
    if not np.allclose(own, H, rtol=1e-9, atol=1e-12 * (1.0 + np.abs(H).max())):
        raise ValueError("loss_hessians must agree with H: player i's rows of its loss Hessian are "
                         "player i's rows of H (F is each player's own loss gradient)")
    return hessians


def linear_game(H, dims=None, *, name: str = "linear game", zero_sum: bool = False,
                loss_hessians=None) -> LinearGame:
    """A validated :class:`LinearGame` with field ``F(z) = H z``.

    Parameters
    ----------
    H : array_like, shape (d, d)
        Any real square matrix.
    dims : sequence of int, optional
        Coordinates of each player (positive, summing to ``d``); default: ``d`` players of
        one coordinate each.
    loss_hessians : array_like, shape (n_players, d, d), optional
        The players' loss Hessians (for opponent shaping); see :class:`LinearGame`.

    References
    ----------
    .. [1] R. Grosse, G. Zhang. CSC 2541 Neural Net Training Dynamics, Lecture 10: Differentiable
           Games. University of Toronto, 2022. (local analysis of the linearised dynamics)
    .. [2] C. Daskalakis, I. Panageas. The limit points of (optimistic) gradient descent in min-max
           optimization. NeurIPS, 2018. (stability of critical points from the Jacobian)

    Examples
    --------
    >>> g = linear_game([[1.0, 2.0], [-2.0, 1.0]], (1, 1))
    >>> g.F(np.array([1.0, 0.0]))
    array([ 1., -2.])
    """
    H = as_square_matrix(H, "H")
    d = H.shape[0]
    if dims is not None and sum(as_dims(dims)) != d:
        raise ValueError(f"dims must be positive integers summing to d={d} (H is {d}x{d}), got {tuple(dims)}")
    dims = (1,) * d if dims is None else as_dims(dims, d=d)
    zero_sum = as_flag(zero_sum, "zero_sum")
    if zero_sum and len(dims) != 2:
        raise ValueError(f"zero_sum=True needs a two-player game, got dims={dims}")
    if loss_hessians is not None:
        loss_hessians = frozen(_checked_loss_hessians(loss_hessians, H, dims))
    return LinearGame(frozen(H), dims, name=as_text(name, "name"), zero_sum=bool(zero_sum),
                      loss_hessians=loss_hessians)


def linearize(game, z_star=None) -> LinearGame:
    r"""First-order model of ``game`` around ``z_star`` (the game's own ``z_star`` if it has one).

    The deviation :math:`e = z - z^*` of a point near a critical point evolves under
    :math:`F(z^* + e) \approx J(z^*) e`, so the result has ``H = J(z_star)``. A game with
    ``loss_gradients`` passes on its players' loss Hessians at ``z_star`` (complex step,
    exact). They model opponent shaping exactly on quadratic games and, to first order,
    where every loss gradient vanishes (any critical point of a zero-sum game); elsewhere
    shaping also sees the third derivatives, which a linear model drops.

    References
    ----------
    .. [1] R. Grosse, G. Zhang. CSC 2541 Neural Net Training Dynamics, Lecture 10: Differentiable
           Games. University of Toronto, 2022. (local analysis of the linearised dynamics)
    .. [2] C. Daskalakis, I. Panageas. The limit points of (optimistic) gradient descent in min-max
           optimization. NeurIPS, 2018. (stability of critical points from the Jacobian)

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> lin = linearize(quadratic_2d(1, 10, 1))
    >>> lin.F(np.array([0.0, 1.0]))
    array([10.,  1.])
    """
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    if z_star is None:
        if game.z_star is None:
            raise ValueError(f"z_star is required: the game {game.name} does not define one")
        z_star = game.z_star
    z_star = game.check_points(as_point(z_star, game.d, "z_star"), "z_star")
    with np.errstate(all="ignore"):
        H = np.array(game.J(z_star), dtype=float)
    if not np.all(np.isfinite(H)):
        raise ValueError(f"the Jacobian of {game.name} at z_star={z_star.tolist()} is not finite "
                         "(z_star or the game's coefficients are too large)")
    hessians = None
    if game.loss_gradients is not None:
        with np.errstate(all="ignore"):
            probes = z_star + (1j * _H) * np.eye(game.d)                  # (d, d): one direction per row
            hessians = np.moveaxis(np.asarray(game.loss_gradients(probes)).imag / _H, 0, -1)
        if not np.all(np.isfinite(hessians)):
            raise ValueError(f"the loss Hessians of {game.name} at z_star={z_star.tolist()} are not finite")
        hessians = frozen(_checked_loss_hessians(hessians, H, game.dims))      # the game's derivatives agree
    # the parts come from a validated game and were checked above: not validated again
    return LinearGame._from_checked(frozen(H), game.dims, f"linearisation of {game.name}", game.zero_sum, hessians)


def jacobi_splitting(A) -> LinearGame:
    r"""A linear system as an n-player game (the Jacobi splitting).

    The linear system :math:`A u = b` as an :math:`n`-player game, one coordinate each:
    :math:`F(u) = D^{-1} A u` with :math:`D = \operatorname{diag}(A)`.

    Simultaneous GDA with :math:`\eta = 1` on it is the Jacobi iteration
    :math:`u^+ = -D^{-1}(L + U) u` and alternating GDA is Gauss–Seidel,
    :math:`u^+ = -(D + L)^{-1} U u` (for :math:`b = 0`; :math:`A = D + L + U`).

    References
    ----------
    .. [1] P. Stein, R. L. Rosenberg. On the solution of linear simultaneous equations by iteration.
           Journal of the London Mathematical Society s1-23(2), 1948. (the Stein-Rosenberg theorem:
           Jacobi against Gauss-Seidel)
    .. [2] R. Grosse, G. Zhang. CSC 2541 Neural Net Training Dynamics, Lecture 10: Differentiable
           Games. University of Toronto, 2022. (which relates it to simultaneous and alternating
           updates)

    Examples
    --------
    >>> g = jacobi_splitting([[2.0, 1.0], [1.0, 4.0]])
    >>> g.H
    array([[1.  , 0.5 ],
           [0.25, 1.  ]])
    """
    A = as_square_matrix(A, "A")
    diag = np.diag(A)
    if np.any(diag == 0):
        raise ValueError("A must have a nonzero diagonal (the Jacobi splitting divides by it)")
    with np.errstate(all="ignore"):
        H = A / diag[:, None]
    if not np.all(np.isfinite(H)):
        raise ValueError("A is too badly scaled: D^{-1} A overflows the float range")
    return LinearGame(frozen(H), (1,) * A.shape[0], name="Jacobi splitting")
