r"""The one game protocol every game of the package follows.

A game is an immutable value. Every game offers the same attributes:

========================  ==================================================================
``name``                  label for plots and tables
``dims``                  coordinates of each player, in update order, e.g. ``(n_x, n_y)``
``player_blocks``         the slice of ``z`` each player controls (from ``dims``)
``d``                     total dimension ``sum(dims)``
``F(z)``                  the simultaneous-gradient vector field (player ``i``'s block is
                          :math:`\nabla_{z_i} f_i`; for a minimax game :math:`(\nabla_x f, -\nabla_y f)`)
``J(z)``                  its Jacobian, shape ``(..., d, d)``
``zero_sum``              two players with :math:`f_2 = -f_1`
``z_star``                a distinguished critical point, or ``None``
``lower``, ``upper``      the strategy box (e.g. probabilities in ``[0, 1]``), or ``None``
``project(z)``            the Euclidean projection onto the box (identity without a box)
``losses``                ``losses(z) -> (..., n_players)`` or ``None``
``loss_gradients``        ``loss_gradients(z, players=None)``: every player's loss gradient,
                          :math:`G_{ij} = \nabla_{z_j} f_i`, shape ``(..., n_players, d)``,
                          analytic in ``z`` (complex-safe), or ``None`` (opponent shaping needs it)
``resolvent(z, eta)``     the proximal step :math:`w = z - \eta F(w)` (exact for linear games)
``mu``, ``L``             strong-monotonicity and Lipschitz constants, or ``None``
``critical_points``       named critical points (a read-only mapping, possibly empty)
========================  ==================================================================

With ``players`` (one index per leading entry of a stacked ``z`` of shape ``(k, ..., d)``),
``loss_gradients`` returns only :math:`\nabla f_{\text{players}[k]}` at ``z[k]``, shape
``(k, ..., d)``. :meth:`Game.loss_gradients_with_jvp` adds exact directional derivatives of
``loss_gradients`` (the complex step by default; a game may override it with a closed form).

``F`` and ``J`` are plain array math, vectorised over leading batch axes of ``z`` (shape
``(..., d)``). They check nothing, so ``autograd`` can trace them and complex numbers pass
through them (the complex-step derivative :math:`\operatorname{Im} F(z + i h v) / h = J v`).
Input is validated where a user hands it in: the factories, :func:`lecturecode.simulate`,
:func:`~lecturecode.games.linearize`, the classifier and :meth:`Game.value`.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType

import numpy as np

from ..validation import as_count, as_dims, as_points, as_scalar, as_step_size, finite_result

__all__ = ["Game", "player_slices"]

_EMPTY = MappingProxyType({})
_H = 1e-30              # complex-step size: Im f(z + ihv)/h is exact to round-off (no subtraction)


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
    return list(_slices(as_dims(dims)))


@lru_cache(maxsize=256)
def _slices(dims: tuple) -> tuple:
    """:func:`player_slices` of checked ``dims`` (a game's), computed once per ``dims``."""
    edges = np.cumsum((0,) + tuple(dims))
    return tuple(slice(int(a), int(b)) for a, b in zip(edges[:-1], edges[1:]))


def player_rows(G, players):
    """Row ``players[k]`` of ``G[k]`` for a stack of loss gradients ``G`` of shape
    ``(k, ..., n_players, d)``: shape ``(k, ..., d)`` (how ``loss_gradients(z, players)``
    selects one player per stacked point).

    Examples
    --------
    >>> G = np.arange(8.0).reshape(2, 2, 2)           # two stacked points, two players
    >>> player_rows(G, (1, 0))
    array([[2., 3.],
           [4., 5.]])
    """
    return np.stack([G[k, ..., i, :] for k, i in enumerate(players)])


def _batch_shape(z, eta) -> tuple:
    try:
        return np.broadcast_shapes(z.shape, eta.shape + (1,))
    except ValueError as err:
        raise ValueError(f"eta of shape {eta.shape} does not broadcast against the batch of z, shape "
                         f"{z.shape}") from err



def check_resolvent_options(tol, max_iter) -> tuple:
    """The options of :meth:`Game.resolvent`: ``tol`` in ``(0, 1]``, ``max_iter`` a count."""
    return as_scalar(tol, "tol", low=0.0, low_open=True, high=1.0), as_count(max_iter, "max_iter")


class Game:
    """Base class of every game: the protocol above with its defaults.

    Subclasses are frozen dataclasses that set ``name`` and ``dims`` and implement ``F``
    and ``J``; they override the optional parts (``losses``, ``_resolvent`` with an exact
    proximal step, ``mu``, ``L``, the strategy box) where they have them.
    """

    name: str = "game"
    dims: tuple = ()
    zero_sum: bool = False
    z_star: np.ndarray | None = None
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None
    losses = None
    loss_gradients = None
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

    @property
    def player_blocks(self) -> tuple:
        """The slice of ``z`` each player controls, from the game's checked ``dims``.

        :func:`player_slices` of ``dims``, computed once per ``dims``: a method's step reads it
        without re-checking.

        Examples
        --------
        >>> from lecturecode.games import linear_game
        >>> linear_game(np.eye(3), (2, 1)).player_blocks
        (slice(0, 2, None), slice(2, 3, None))
        """
        return _slices(tuple(self.dims))

    def F(self, z) -> np.ndarray:
        """The vector field at points ``z`` of shape ``(..., d)``."""
        raise NotImplementedError

    def J(self, z) -> np.ndarray:
        """The Jacobian of ``F`` at points ``z``, shape ``(..., d, d)``."""
        raise NotImplementedError

    def loss_gradients_with_jvp(self, z) -> tuple:
        r"""``(G, jvp)``: ``G = loss_gradients(z)`` and ``jvp(v, players=None)``
        :math:`= \frac{d}{d\varepsilon} G(z + \varepsilon v)` for directions ``v`` of shape
        ``(..., d)`` or stacked ``(k, ..., d)``; with ``players`` (one per stacked direction)
        only that player's row, shape ``(k, ..., d)``.

        The default is the complex step :math:`\operatorname{Im} G(z + ihv)/h` with
        :math:`h = 10^{-30}`: exact to round-off, because ``loss_gradients`` is analytic.
        Only for games whose ``loss_gradients`` is not ``None``.
        """
        if self.loss_gradients is None:
            raise ValueError(f"{self.name} does not define its players' loss gradients")

        def jvp(v, players=None):
            D = self.loss_gradients(z + (1j * _H) * v).imag / _H
            return D if players is None else player_rows(D, players)

        return self.loss_gradients(z), jvp

    def project(self, z) -> np.ndarray:
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

    def resolvent(self, z, eta, *, tol: float = 1e-12, max_iter: int = 50) -> tuple[np.ndarray, np.ndarray]:
        r"""The proximal (implicit) step: solve :math:`w + \eta F(w) = z` for :math:`w`.

        The default is Newton's method, :math:`w \leftarrow w - (I + \eta J(w))^{-1}
        (w + \eta F(w) - z)`, started at :math:`w = z`, vectorised over the batch axes of
        ``z`` and of ``eta``; linear and quadratic games replace it with the exact solve.

        Returns
        -------
        w : ndarray
            The solution where Newton converged (residual :math:`\le` ``tol`` :math:`(1+\|z\|)`),
            NaN where it did not (so a simulation flags that run as diverged).
        converged : ndarray of bool
            One flag per batch entry.
        """
        eta = as_step_size(eta)
        tol, max_iter = check_resolvent_options(tol, max_iter)
        return self._resolvent(as_points(z, self.d, "z"), eta, tol, max_iter)

    def _resolvent(self, z, eta, tol: float = 1e-12, max_iter: int = 50) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`resolvent` for arguments already checked (``z`` finite of shape ``(..., d)``,
        ``eta`` an array of positive step sizes): the one a method's step calls, so a run does not
        re-validate its own iterates on every step. Subclasses with an exact solve override this."""
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
