r"""General n-player games given by closed forms or by their players' losses.

Player :math:`i` controls the block :math:`z_i` and minimises its own loss
:math:`f_i(z_i, z_{-i})`; ``F`` stacks the players' own gradients :math:`\nabla_{z_i} f_i`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable

import numpy as np

from ..validation import as_callable, as_dims, as_flag, as_count, as_point, as_text
from ._base import Game, as_array, frozen, player_slices

__all__ = ["CallableGame", "autograd_field", "game_from_losses", "minimax_game"]


@dataclass(frozen=True, eq=False, repr=False)
class CallableGame(Game):
    r"""A game given by closed-form callables, vectorised over leading batch axes.

    ``losses`` (written with ``autograd.numpy``) defines the game; ``vector_field`` and
    ``jacobian`` are the closed forms of ``F`` and ``J`` (tests check them against automatic
    differentiation of ``losses``). Build games with the factories, which validate their
    parameters.

    Attributes
    ----------
    name : str
    dims : tuple of int
        Coordinates of each player, in update order.
    losses : callable
        ``losses(z) -> (..., n_players)``.
    vector_field, jacobian : callable
        Closed forms of ``F`` and ``J``.
    zero_sum : bool
        Two players with :math:`f_2 = -f_1` (a minimax game in :math:`f = f_1`).
    lower, upper : ndarray or None
        Box constraints on the strategies; the simulation projects onto the box.
    z_star : ndarray or None
        A distinguished critical point (the one plots centre on), if any.
    critical_points : mapping
        Named critical points, for the solution-concept inspector.
    """

    name: str = field()
    dims: tuple = field()
    losses: Callable = field()
    vector_field: Callable = field()
    jacobian: Callable = field()
    zero_sum: bool = False
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None
    z_star: np.ndarray | None = None
    critical_points: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self):
        as_text(self.name, "name")
        object.__setattr__(self, "dims", as_dims(self.dims))
        for label in ("losses", "vector_field", "jacobian"):
            as_callable(getattr(self, label), label)
        if as_flag(self.zero_sum, "zero_sum") and len(self.dims) != 2:
            raise ValueError(f"a zero-sum game has two players, got dims={self.dims}")
        if (self.lower is None) != (self.upper is None):
            raise ValueError("lower and upper must be given together (a strategy box) or not at all")
        if self.lower is not None:
            lower, upper = (frozen(as_point(b, self.d, n)) for b, n in ((self.lower, "lower"), (self.upper, "upper")))
            if np.any(lower > upper):
                raise ValueError(f"lower must be <= upper, got {lower.tolist()} and {upper.tolist()}")
            object.__setattr__(self, "lower", lower)
            object.__setattr__(self, "upper", upper)
        if self.z_star is not None:
            object.__setattr__(self, "z_star", frozen(as_point(self.z_star, self.d, "z_star")))
        if not isinstance(self.critical_points, MappingProxyType):
            object.__setattr__(self, "critical_points", named_points(self.critical_points, self.d))

    def F(self, z) -> np.ndarray:
        """Stacked own-gradients at points ``z`` of shape ``(..., d)``."""
        return self.vector_field(as_array(z))

    def J(self, z) -> np.ndarray:
        """Jacobian of ``F``, shape ``(..., d, d)``."""
        return self.jacobian(as_array(z))


def named_points(points, d: int) -> MappingProxyType:
    """Validate ``{label: point}`` into a read-only mapping of read-only points."""
    if points is None:
        return MappingProxyType({})
    if not isinstance(points, (dict, MappingProxyType)):
        raise TypeError(f"critical_points must be a dict {{label: point}}, got {points!r}")
    return MappingProxyType({as_text(k, "critical_points label"): frozen(as_point(v, d, "critical point"))
                             for k, v in points.items()})


def autograd_field(losses, dims, *, vectorized: bool = False) -> tuple[Callable, Callable]:
    r"""``F`` and ``J`` of the game with these ``losses``, by automatic differentiation.

    ``F(z)`` stacks :math:`\nabla_{z_i} f_i(z)` and ``J(z)`` is its Jacobian; exact to
    round-off (no finite differences). With ``vectorized=False`` (default) ``losses`` takes
    one point of shape ``(d,)`` and the fields loop over batch points (slow, ~0.3 ms a
    point). With ``vectorized=True`` ``losses`` maps ``(..., d)`` to ``(..., n_players)``
    and each derivative is one reverse pass over the whole batch (the points are
    independent, so the gradient of the summed losses is the batch of gradients).

    Examples
    --------
    >>> import autograd.numpy as anp
    >>> F, J = autograd_field(lambda z: anp.stack([z[0] * z[1], -z[0] * z[1]]), (1, 1))
    >>> F(np.array([2.0, 3.0]))
    array([ 3., -2.])
    """
    from autograd import elementwise_grad, grad, jacobian
    import autograd.numpy as anp

    as_callable(losses, "losses", "z -> the players' stacked losses")
    dims = as_dims(dims)
    as_flag(vectorized, "vectorized")
    blocks = player_slices(dims)
    if vectorized:
        def F(z):
            parts = [elementwise_grad(lambda w, i=i: anp.sum(losses(w)[..., i]))(z)[..., b]
                     for i, b in enumerate(blocks)]
            return anp.concatenate(parts, axis=-1)

        def J(z):
            z = np.asarray(z, dtype=float)
            rows = [elementwise_grad(lambda w, j=j: anp.sum(F(w)[..., j]))(z) for j in range(z.shape[-1])]
            return np.stack(rows, axis=-2)

        return F, J

    def F_point(z):
        return anp.concatenate([grad(lambda w, i=i: losses(w)[i])(z)[b] for i, b in enumerate(blocks)])

    J_point = jacobian(F_point)
    return _pointwise(F_point), _pointwise(J_point)


def _pointwise(fn):
    """Vectorise a single-point function over leading batch axes (a Python loop)."""
    def batched(z):
        if np.ndim(z) == 1:
            return fn(z)                          # one point: autograd boxes and complex pass through
        z = np.asarray(z)
        flat = z.reshape(-1, z.shape[-1])
        out = np.stack([np.asarray(fn(p)) for p in flat])
        return out.reshape(z.shape[:-1] + out.shape[1:])
    return batched


def game_from_losses(losses, dims, *, name: str = "game", zero_sum: bool = False, critical_points=None,
                     vectorized: bool = False) -> CallableGame:
    """A game defined only by its players' losses; ``F`` and ``J`` come from autograd.

    ``losses(z)`` returns the stacked losses, written with ``autograd.numpy``: of one point
    ``z`` of shape ``(d,)``, or with ``vectorized=True`` of a batch ``(..., d) -> (..., n)``.

    References
    ----------
    .. [1] D. Balduzzi, S. Racanière, J. Martens, J. Foerster, K. Tuyls, T. Graepel. The mechanics
           of n-player differentiable games. ICML, 2018. (n-player differentiable games and their
           simultaneous gradient)

    Examples
    --------
    >>> import autograd.numpy as anp
    >>> g = game_from_losses(lambda z: anp.stack([z[0] ** 2 + z[0] * z[1], z[1] ** 2 - z[0] * z[1]]), (1, 1))
    >>> g.F(np.array([1.0, 1.0])), g.J(np.array([1.0, 1.0])).tolist()
    (array([3., 1.]), [[2.0, 1.0], [-1.0, 2.0]])
    """
    dims = as_dims(dims)
    zero_sum, vectorized = as_flag(zero_sum, "zero_sum"), as_flag(vectorized, "vectorized")
    if zero_sum and len(dims) != 2:
        raise ValueError(f"a zero-sum game has two players, got dims={dims}")
    F, J = autograd_field(losses, dims, vectorized=vectorized)
    point_losses = losses if vectorized else _pointwise(losses)
    return CallableGame(as_text(name, "name"), dims, point_losses, F, J, zero_sum=bool(zero_sum),
                        critical_points=named_points(critical_points, sum(dims)))


def minimax_game(f, n_x: int, n_y: int, *, name: str = "minimax game", critical_points=None,
                 vectorized: bool = False) -> CallableGame:
    r"""The zero-sum game of a minimax objective ``f``, with derivatives from autograd.

    The zero-sum game :math:`\min_x \max_y f(x, y)` (losses :math:`f` and :math:`-f`),
    with ``F``/``J`` from autograd. ``f`` takes one point ``z = (x, y)`` of shape
    ``(n_x + n_y,)`` (or a batch, with ``vectorized=True``).

    References
    ----------
    .. [1] R. Grosse, G. Zhang. CSC 2541 Neural Net Training Dynamics, Lecture 10: Differentiable
           Games. University of Toronto, 2022.
    .. [2] D. Balduzzi, S. Racanière, J. Martens, J. Foerster, K. Tuyls, T. Graepel. The mechanics
           of n-player differentiable games. ICML, 2018. (the simultaneous gradient of a
           differentiable game)

    Examples
    --------
    >>> g = minimax_game(lambda z: z[0] * z[1], 1, 1, name="xy")
    >>> g.F(np.array([2.0, 3.0]))
    array([ 3., -2.])
    """
    import autograd.numpy as anp

    as_callable(f, "f", "z -> f(x, y)")
    as_flag(vectorized, "vectorized")
    n_x, n_y = as_count(n_x, "n_x"), as_count(n_y, "n_y")
    axis = -1 if vectorized else 0
    return game_from_losses(lambda z: anp.stack([f(z), -f(z)], axis=axis), (n_x, n_y), name=name,
                            zero_sum=True, critical_points=critical_points, vectorized=vectorized)
