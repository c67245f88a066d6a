r"""The one game protocol every game of the package follows.

A game is an immutable value. Every game offers the same attributes:

========================  ==================================================================
``name``                  label for plots and tables
``dims``                  coordinates of each player, in update order, e.g. ``(n_x, n_y)``
``d``                     total dimension ``sum(dims)``
``F(z)``                  the simultaneous-gradient vector field (player ``i``'s block is
                          :math:`\nabla_{z_i} f_i`; for a minimax game :math:`(\nabla_x f, -\nabla_y f)`)
``J(z)``                  its Jacobian, shape ``(..., d, d)``
``zero_sum``              two players with :math:`f_2 = -f_1`
``z_star``                a distinguished critical point, or ``None``
``lower``, ``upper``      the strategy box (e.g. probabilities in ``[0, 1]``), or ``None``
``project(z)``            the Euclidean projection onto the box (identity without a box)
``losses``                ``losses(z) -> (..., n_players)`` or ``None``
``resolvent(z, eta)``     the proximal step :math:`w = z - \eta F(w)` (exact for linear games)
``mu``, ``L``             strong-monotonicity and Lipschitz constants, or ``None``
``critical_points``       named critical points (a read-only mapping, possibly empty)
========================  ==================================================================

``F`` and ``J`` are plain array math, vectorised over leading batch axes of ``z`` (shape
``(..., d)``). They check nothing, so ``autograd`` can trace them and complex numbers pass
through them (the complex-step derivative :math:`\operatorname{Im} F(z + i h v) / h = J v`).
Input is validated where a user hands it in: the factories, :func:`lecturecode.simulate`,
:func:`~lecturecode.games.linearize`, the classifier and :meth:`Game.value`.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

from ..validation import as_count, as_dims, as_points, as_scalar, as_step_size, finite_result

__all__ = ["Game", "player_slices"]

_EMPTY = MappingProxyType({})


def frozen(arr) -> np.ndarray:
    """A read-only float copy of ``arr`` (games are immutable)."""
    arr = np.array(arr, dtype=float)
    arr.setflags(write=False)
    return arr


def as_array(z):
    """``z`` as an array without copying; arrays and autograd boxes pass through untouched."""
    return z if hasattr(z, "shape") else np.asarray(z)


def player_slices(dims) -> list[slice]:
    """The slice of ``z`` that each player controls.

    Examples
    --------
    >>> player_slices((2, 1))
    [slice(0, 2, None), slice(2, 3, None)]
    """
    edges = np.cumsum((0,) + as_dims(dims))
    return [slice(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:])]


def _batch_shape(z, eta) -> tuple:
    try:
        return np.broadcast_shapes(z.shape, eta.shape + (1,))
    except ValueError as err:
        raise ValueError(f"eta of shape {eta.shape} does not broadcast against the batch of z, shape "
                         f"{z.shape}") from err


class Game:
    """Base class of every game: the protocol above with its defaults.

    Subclasses are frozen dataclasses that set ``name`` and ``dims`` and implement ``F``
    and ``J``; they override the optional parts (``losses``, ``resolvent``, ``mu``, ``L``,
    the strategy box) where they have them.
    """

    name: str = "game"
    dims: tuple = ()
    zero_sum: bool = False
    z_star: np.ndarray | None = None
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None
    losses = None
    mu: float | None = None
    L: float | None = None
    critical_points = _EMPTY

    @property
    def d(self) -> int:
        """Total dimension ``sum(dims)``."""
        return int(sum(self.dims))

    @property
    def n_players(self) -> int:
        """Number of players ``len(dims)``."""
        return len(self.dims)

    def F(self, z):
        """The vector field at points ``z`` of shape ``(..., d)``."""
        raise NotImplementedError

    def J(self, z):
        """The Jacobian of ``F`` at points ``z``, shape ``(..., d, d)``."""
        raise NotImplementedError

    def project(self, z):
        """Clip ``z`` onto the strategy box (identity for unconstrained games)."""
        return z if self.lower is None else np.clip(z, self.lower, self.upper)

    def check_points(self, z, name: str = "z") -> np.ndarray:
        """Validate user points: finite reals of shape ``(..., d)`` inside the strategy box."""
        z = as_points(z, self.d, name)
        if self.lower is not None and (np.any(z < self.lower) or np.any(z > self.upper)):
            raise ValueError(f"{name} must lie in the strategy box [{self.lower.tolist()}, "
                             f"{self.upper.tolist()}] of {self.name}, got {z.tolist()}")
        return z

    def value(self, z) -> np.ndarray:
        """Each player's loss at the (validated) points ``z``, shape ``(..., n_players)``."""
        if self.losses is None:
            raise ValueError(f"{self.name} does not define its players' losses")
        z = self.check_points(z)
        with np.errstate(all="ignore"):
            return finite_result(self.losses(z), "z", f"the players' losses of {self.name}")

    def resolvent(self, z, eta, *, tol: float = 1e-12, max_iter: int = 50):
        r"""The proximal (implicit) step: solve :math:`w + \eta F(w) = z` for :math:`w`.

        The default is Newton's method, :math:`w \leftarrow w - (I + \eta J(w))^{-1}
        (w + \eta F(w) - z)`, started at :math:`w = z`, vectorised over the batch axes of
        ``z`` and of ``eta``; linear and quadratic games override it with the exact solve.

        Returns
        -------
        w : ndarray
            The solution where Newton converged (residual :math:`\le` ``tol`` :math:`(1+\|z\|)`),
            NaN where it did not (so a simulation flags that run as diverged).
        converged : ndarray of bool
            One flag per batch entry.
        """
        eta = as_step_size(eta)
        tol = as_scalar(tol, "tol", low=0.0, low_open=True, high=1.0)
        max_iter = as_count(max_iter, "max_iter")
        z = as_points(z, self.d, "z")
        shape = _batch_shape(z, eta)
        z = np.broadcast_to(z, shape)
        w = np.array(z)
        e = eta[..., None]
        eye = np.eye(self.d)
        with np.errstate(all="ignore"):
            scale = tol * (1.0 + np.linalg.norm(z, axis=-1))
            for _ in range(max_iter):
                residual = w + e * self.F(w) - z
                done = np.linalg.norm(residual, axis=-1) <= scale
                if done.all():
                    break
                system = eye + e[..., None] * self.J(w)
                try:
                    w = w - np.linalg.solve(system, residual[..., None])[..., 0]
                except np.linalg.LinAlgError:
                    break
            residual = w + e * self.F(w) - z
            converged = np.linalg.norm(residual, axis=-1) <= scale
            converged &= np.all(np.isfinite(w), axis=-1)
        return np.where(converged[..., None], w, np.nan), converged

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} dims={tuple(self.dims)}>"

# Note for subclasses: they are dataclasses, and a dataclass takes an inherited class attribute
# as a field's default. Declare a required field as ``name: type = field()`` (no default).
