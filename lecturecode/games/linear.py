r"""Linear games :math:`F(z) = H z`: what every game looks like near a critical point.

The analysis module runs a method's own ``step`` on a :class:`LinearGame` to read off the
method's linear update operator, so the operator analysed is the update simulated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..validation import as_dims, as_flag, as_point, as_points, as_real_array, as_square_matrix, as_step_size, as_text
from ._base import Game, as_array, frozen

__all__ = ["LinearGame", "linear_game", "linearize", "jacobi_splitting"]


def linear_resolvent(H, z, eta, z_star=None):
    r"""Exact proximal step of the field :math:`H (w - z^*)`: :math:`w = z^* + (I + \eta H)^{-1}
    (z - z^*)`, batched over the leading axes of ``z``, ``eta`` and a stack of ``H``.

    Returns ``(w, converged)``; ``converged`` is ``False`` (and ``w`` NaN) only where
    :math:`I + \eta H` is singular.
    """
    eta = as_step_size(eta)
    d = H.shape[-1]
    z = as_points(z, d, "z")
    shift = 0.0 if z_star is None else z_star
    with np.errstate(all="ignore"):
        system = np.eye(d) + eta[..., None, None] * H
        rhs = z - shift
        try:
            shape = np.broadcast_shapes(system.shape[:-2], rhs.shape[:-1])
        except ValueError as err:
            raise ValueError(f"eta of shape {eta.shape} does not broadcast against the batch of z, shape "
                             f"{z.shape}") from err
        system = np.broadcast_to(system, shape + (d, d))
        rhs = np.broadcast_to(rhs, shape + (d,))
        ok = np.all(np.isfinite(system), axis=(-2, -1)) & np.all(np.isfinite(rhs), axis=-1)
        system = np.where(ok[..., None, None], system, np.eye(d))
        ok &= np.abs(np.linalg.det(system)) > 1e-300
        safe = np.where(ok[..., None, None], system, np.eye(d))
        w = np.linalg.solve(safe, np.where(ok[..., None], rhs, 0.0)[..., None])[..., 0] + shift
        ok = ok & np.all(np.isfinite(w), axis=-1)
    return np.where(ok[..., None], w, np.nan), ok


@dataclass(frozen=True, eq=False, repr=False)
class LinearGame(Game):
    """A game with linear field :math:`F(z) = H z` for an arbitrary square ``H``.

    ``H`` may also be a stack of matrices, shape ``(..., d, d)``: a batch of independent
    linear games that share ``dims`` (the analysis uses this to split a block-diagonal game
    into its blocks). Build one with :func:`linear_game`, or :func:`linearize` a game.
    """

    H: np.ndarray
    dims: tuple = field()
    name: str = "linear game"
    zero_sum: bool = False

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

    @property
    def z_star(self) -> np.ndarray:
        """The origin is a critical point of every linear game."""
        return np.zeros(self.d)

    def F(self, z):
        """``H z`` for ``z`` of shape ``(..., d)`` (broadcast against a stack of ``H``)."""
        return (self.H @ as_array(z)[..., None])[..., 0]

    def J(self, z):
        """The constant ``H``, broadcast to ``(..., d, d)``."""
        shape = np.broadcast_shapes(np.shape(as_array(z))[:-1], self.H.shape[:-2])
        return np.broadcast_to(self.H, shape + self.H.shape[-2:])

    def resolvent(self, z, eta, **_):
        r"""The exact proximal step :math:`w = (I + \eta H)^{-1} z`; returns ``(w, converged)``."""
        return linear_resolvent(self.H, z, eta)


def linear_game(H, dims=None, *, name: str = "linear game", zero_sum: bool = False) -> LinearGame:
    """A validated :class:`LinearGame` with field ``F(z) = H z``.

    Parameters
    ----------
    H : array_like, shape (d, d)
        Any real square matrix.
    dims : sequence of int, optional
        Coordinates of each player (positive, summing to ``d``); default: ``d`` players of
        one coordinate each.

    Examples
    --------
    >>> g = linear_game([[1.0, 2.0], [-2.0, 1.0]], (1, 1))
    >>> g.F(np.array([1.0, 0.0]))
    array([ 1., -2.])
    """
    H = as_square_matrix(H, "H")
    d = H.shape[0]
    dims = (1,) * d if dims is None else as_dims(dims, d=d)
    zero_sum = as_flag(zero_sum, "zero_sum")
    if zero_sum and len(dims) != 2:
        raise ValueError(f"zero_sum=True needs a two-player game, got dims={dims}")
    return LinearGame(frozen(H), dims, name=as_text(name, "name"), zero_sum=bool(zero_sum))


def linearize(game, z_star=None) -> LinearGame:
    r"""First-order model of ``game`` around ``z_star`` (the game's own ``z_star`` if it has one).

    The deviation :math:`e = z - z^*` of a point near a critical point evolves under
    :math:`F(z^* + e) \approx J(z^*) e`, so the result has ``H = J(z_star)``.

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
    return LinearGame(frozen(H), tuple(game.dims), name=f"linearisation of {game.name}",
                      zero_sum=game.zero_sum)


def jacobi_splitting(A) -> LinearGame:
    r"""The linear system :math:`A u = b` as an :math:`n`-player game, one coordinate each:
    :math:`F(u) = D^{-1} A u` with :math:`D = \operatorname{diag}(A)`.

    Simultaneous GDA with :math:`\eta = 1` on it is the Jacobi iteration
    :math:`u^+ = -D^{-1}(L + U) u` and alternating GDA is Gauss–Seidel,
    :math:`u^+ = -(D + L)^{-1} U u` (for :math:`b = 0`; :math:`A = D + L + U`).

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
