"""The one driver that runs any :class:`~lecturecode.methods.Method` on any game."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .validation import as_count, as_points, as_scalar

__all__ = ["Trajectory", "simulate", "integrate_flow"]


@dataclass(frozen=True, eq=False)
class Trajectory:
    """Iterates of a method from one or many starting points.

    Attributes
    ----------
    z : ndarray, shape (n_steps + 1, *batch, d)
        Row 0 is the starting point. Entries after a trajectory diverged are NaN.
    diverged : ndarray of bool, shape batch
        Whether the trajectory left the ball ``||z|| <= max_norm``.
    diverged_at : ndarray of int, shape batch
        First step outside the ball, or ``-1``.
    label : str
        Method label, for legends.
    """

    z: np.ndarray
    diverged: np.ndarray
    diverged_at: np.ndarray
    label: str = ""

    def __array__(self, dtype=None, copy=None):
        return self.z if dtype is None else self.z.astype(dtype)

    @property
    def n_steps(self) -> int:
        """Number of steps taken (rows minus one)."""
        return self.z.shape[0] - 1

    def distance(self, z_star=None) -> np.ndarray:
        """Euclidean distance to ``z_star`` (default: origin) per step, shape ``(n_steps+1, *batch)``.

        Steps after divergence are ``inf``, so log-scale plots and thresholds stay honest.
        """
        target = 0.0 if z_star is None else np.asarray(z_star, dtype=float)
        dist = np.linalg.norm(self.z - target, axis=-1)
        return np.where(np.isnan(dist), np.inf, dist)


def simulate(method, game, z0, n_steps: int, *, max_norm: float = 1e6) -> Trajectory:
    r"""Run ``method`` on ``game`` for ``n_steps`` steps from ``z0``.

    Vectorised over any leading batch axes of ``z0`` (and of array-valued
    hyper-parameters, which broadcast against them). For a game with a strategy box
    (mixed strategies in ``[0, 1]``) each iterate is projected onto the box: projected
    gradient play. A trajectory whose norm exceeds
    ``max_norm`` (or becomes non-finite) is flagged as diverged and frozen (NaN from
    then on); no overflow warnings are emitted. The loop stops early when every
    trajectory has diverged.

    Parameters
    ----------
    method : Method
        From :mod:`lecturecode.methods`.
    game : game object
        Anything with ``F``, ``dims`` and ``d`` (see :mod:`lecturecode.games`).
    z0 : array_like, shape (..., d)
        Starting point(s).
    n_steps : int
        Number of steps, ``>= 0``.
    max_norm : float, keyword-only
        Divergence threshold, ``> 0``.

    Returns
    -------
    Trajectory
        ``z`` has shape ``(n_steps + 1, *batch, d)``.

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> from lecturecode.methods import sim_gda
    >>> t = simulate(sim_gda(0.1), bilinear(10.0), [1.0, 1.0], n_steps=200)
    >>> t.z.shape, bool(t.diverged), int(t.diverged_at)
    ((201, 2), True, 39)
    """
    if not hasattr(method, "step") or not hasattr(method, "init"):
        raise TypeError(f"method must be a lecturecode Method (with init and step), got {method!r}")
    if not hasattr(game, "F") or not hasattr(game, "dims"):
        raise TypeError(f"game must be a lecturecode game (with F and dims), got {game!r}")
    z = as_points(z0, game.d, "z0")
    n_steps = as_count(n_steps, "n_steps", low=0)
    max_norm = as_scalar(max_norm, "max_norm", low=0.0, low_open=True)

    batch = np.broadcast_shapes(z.shape[:-1], *(np.shape(h) for h in method.hyper.values()))
    z = np.array(np.broadcast_to(z, batch + (game.d,)), dtype=float)
    diverged_at = np.full(batch, -1, dtype=int)
    if np.any(np.linalg.norm(z, axis=-1) > max_norm):
        raise ValueError(f"z0 lies outside the ball of radius max_norm={max_norm:g}")
    lower = getattr(game, "lower", None)
    if lower is not None and (np.any(z < lower) or np.any(z > game.upper)):
        raise ValueError(f"z0 must lie in the strategy box [{lower.tolist()}, {game.upper.tolist()}] of {game.name}")
    project = getattr(game, "project", lambda w: w)
    state = method.init(game, z)

    out = np.empty((n_steps + 1,) + z.shape)
    out[0] = z
    alive = np.ones(batch, dtype=bool)
    all_alive = True
    bound = max_norm**2
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(1, n_steps + 1):
            z, state = method.step(game, z, state)
            z = project(z)
            inside = np.einsum("...i,...i->...", z, z) <= bound        # NaN fails the test too
            if not inside.all() and (newly := alive & ~inside).any():
                diverged_at[newly] = k
                alive &= ~newly
                all_alive = False
                # Park diverged entries at 0 so later steps stay finite; they are masked below.
                z = np.where(alive[..., None], z, 0.0)
                state = tuple(np.where(alive[..., None], s, 0.0) for s in state)
                if not alive.any():
                    out[k:] = np.nan
                    break
            out[k] = z
            if not all_alive:
                out[k][~alive] = np.nan
    return Trajectory(out, diverged_at >= 0, diverged_at, getattr(method, "label", ""))


def integrate_flow(game, z0, t_end: float, n_steps: int) -> Trajectory:
    r"""The continuous-time gradient flow :math:`\dot z = -F(z)`, integrated accurately with the
    classical fourth-order Runge-Kutta scheme (local error :math:`O(h^5)`, :math:`h` = ``t_end / n_steps``).

    This is the reference the discrete methods are compared with: e.g. on matching pennies the
    flow keeps the distance to the equilibrium constant, while Sim-GDA spirals out.

    Examples
    --------
    >>> from lecturecode.games import matching_pennies
    >>> t = integrate_flow(matching_pennies(), [0.75, 0.5], t_end=3.0, n_steps=300)
    >>> round(float(t.distance([0.5, 0.5])[-1]), 8)
    0.25
    """
    if not hasattr(game, "F"):
        raise TypeError(f"game must be a lecturecode game (with F), got {game!r}")
    z = as_points(z0, game.d, "z0")
    t_end = as_scalar(t_end, "t_end", low=0.0, low_open=True)
    n_steps = as_count(n_steps, "n_steps")
    h = t_end / n_steps
    out = np.empty((n_steps + 1,) + z.shape)
    out[0] = z
    for k in range(1, n_steps + 1):
        k1 = -game.F(z)
        k2 = -game.F(z + 0.5 * h * k1)
        k3 = -game.F(z + 0.5 * h * k2)
        k4 = -game.F(z + h * k3)
        z = z + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
        out[k] = z
    batch = z.shape[:-1]
    return Trajectory(out, np.zeros(batch, bool), np.full(batch, -1), "gradient flow")
