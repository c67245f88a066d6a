"""The one driver that runs any :class:`~lecturecode.methods.Method` on any game."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from typing import NamedTuple

from .games import Game
from .games.iterated import IteratedGame
from .methods import Method, runge_kutta_flow, tree_map
from .validation import as_count, as_generator, as_points, as_scalar, as_text

#: Most numbers a trajectory may hold ((n_steps + 1) * batch * d): a clear error instead of a MemoryError.
MAX_ENTRIES = 5 * 10**7

#: Largest allowed divergence threshold (its square must stay a finite float).
MAX_NORM_LIMIT = 1e150

__all__ = ["Trajectory", "simulate", "integrate_flow", "LearningRun", "train"]


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
    z_star : ndarray or None
        The game's distinguished critical point, the default target of :meth:`distance`.
    """

    z: np.ndarray
    diverged: np.ndarray
    diverged_at: np.ndarray
    label: str = ""
    z_star: np.ndarray | None = None

    def __array__(self, dtype=None, copy=None):
        return self.z if dtype is None else self.z.astype(dtype)

    @property
    def n_steps(self) -> int:
        """Number of steps taken (rows minus one)."""
        return self.z.shape[0] - 1

    def distance(self, z_star=None) -> np.ndarray:
        """Euclidean distance per step to ``z_star`` (default: the game's ``z_star``, else the
        origin), shape ``(n_steps+1, *batch)``.

        Steps after divergence are ``inf``, so log-scale plots and thresholds stay honest.
        """
        if z_star is None:
            target = 0.0 if self.z_star is None else self.z_star
        else:
            target = as_points(z_star, self.z.shape[-1], "z_star")
            try:
                fits = np.broadcast_shapes(self.z.shape[1:], target.shape) == self.z.shape[1:]
            except ValueError:
                fits = False
            if not fits:
                raise ValueError(f"z_star of shape {target.shape} does not broadcast against the batch of this "
                                 f"trajectory, shape {self.z.shape[1:]}")
        with np.errstate(all="ignore"):
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
    if not isinstance(method, Method):
        raise TypeError(f"method must be a lecturecode Method (with init and step), got {method!r}")
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    method.check(game)
    z = game.check_points(z0, "z0")
    n_steps = as_count(n_steps, "n_steps", low=0)
    max_norm = as_scalar(max_norm, "max_norm", low=0.0, low_open=True, high=MAX_NORM_LIMIT)

    try:
        batch = np.broadcast_shapes(z.shape[:-1], *(np.shape(h) for h in method.hyper.values()))
    except ValueError as err:
        shapes = {k: np.shape(h) for k, h in method.hyper.items()}
        raise ValueError(f"the batch axes of z0 {z.shape[:-1]} and of the method's hyper-parameters {shapes} "
                         "do not broadcast") from err
    if (n_steps + 1) * int(np.prod(batch)) * game.d > MAX_ENTRIES:
        raise ValueError(f"n_steps={n_steps} with a batch of {batch} would store more than {MAX_ENTRIES:g} numbers: "
                         "lower n_steps or the batch")
    z = np.array(np.broadcast_to(z, batch + (game.d,)), dtype=float)
    diverged_at = np.full(batch, -1, dtype=int)
    with np.errstate(all="ignore"):
        outside = np.any(np.linalg.norm(z / max_norm, axis=-1) > 1.0)
    if outside:
        raise ValueError(f"z0 lies outside the ball of radius max_norm={max_norm:g}")
    with np.errstate(all="ignore"):
        state = method.init(game, z)

    out = np.empty((n_steps + 1,) + z.shape)
    out[0] = z
    alive = np.ones(batch, dtype=bool)
    all_alive = True
    bound = max_norm**2
    with np.errstate(all="ignore"):
        for k in range(1, n_steps + 1):
            z, state = method.step(game, z, state)
            z = game.project(z)
            inside = np.einsum("...i,...i->...", z, z) <= bound        # NaN and overflow fail the test too
            if not inside.all() and (newly := alive & ~inside).any():
                diverged_at[newly] = k
                alive &= ~newly
                all_alive = False
                # Park diverged entries at 0 so later steps stay finite; they are masked below.
                z = np.where(alive[..., None], z, 0.0)
                state = tree_map(lambda s, alive=alive: np.where(alive[..., None], s, 0.0), state)
                if not alive.any():
                    out[k:] = np.nan
                    break
            out[k] = z
            if not all_alive:
                out[k][~alive] = np.nan
    return Trajectory(out, diverged_at >= 0, diverged_at, method.label, game.z_star)


def integrate_flow(game, z0, t_end: float, n_steps: int, *, max_norm: float = 1e6) -> Trajectory:
    r"""The continuous-time gradient flow :math:`\dot z = -F(z)`, integrated accurately with the
    classical fourth-order Runge-Kutta scheme (:func:`~lecturecode.methods.runge_kutta_flow`,
    local error :math:`O(h^5)`, :math:`h` = ``t_end / n_steps``).

    It runs through :func:`simulate`, so it is batched, projects onto a strategy box and
    flags diverging runs like every method. This is the reference the discrete methods are
    compared with: e.g. on matching pennies the flow keeps the distance to the equilibrium
    constant, while Sim-GDA spirals out.

    Examples
    --------
    >>> from lecturecode.games import matching_pennies
    >>> t = integrate_flow(matching_pennies(), [0.75, 0.5], t_end=3.0, n_steps=300)
    >>> round(float(t.distance()[-1]), 8)
    0.25
    """

    t_end = as_scalar(t_end, "t_end", low=0.0, low_open=True)
    n_steps = as_count(n_steps, "n_steps")
    if not t_end / n_steps > 0:
        raise ValueError(f"t_end / n_steps must be a positive time step, got t_end={t_end:g}, n_steps={n_steps}")
    traj = simulate(runge_kutta_flow(t_end / n_steps), game, z0, n_steps, max_norm=max_norm)
    return Trajectory(traj.z, traj.diverged, traj.diverged_at, "gradient flow", traj.z_star)


class LearningRun(NamedTuple):
    """Many seeds of a learning run on an iterated game.

    Attributes
    ----------
    z : ndarray (n_steps + 1, n_seeds, 10)
        Logits over training.
    rewards : ndarray (n_steps + 1, n_seeds, 2)
        Each agent's exact average reward per step, :math:`(1-\\gamma)V_i`.
    probabilities : ndarray (n_steps + 1, n_seeds, 2, 5)
        Each agent's P(action 0 | state), in its own state order.
    label : str
    """

    z: np.ndarray
    rewards: np.ndarray
    probabilities: np.ndarray
    label: str


def train(method, game, *, n_seeds: int = 100, n_steps: int = 200, seed=0, label: str | None = None) -> LearningRun:
    r"""Run ``method`` from ``n_seeds`` starts :math:`\theta \sim N(0, 1)` (all at once,
    through :func:`simulate`) and record exact rewards and policies.

    Examples
    --------
    >>> from lecturecode.games import ipd
    >>> from lecturecode.methods import naive_learner
    >>> run = train(naive_learner(1.0), ipd(), n_seeds=5, n_steps=50)
    >>> run.rewards.shape, bool(run.rewards[-1].mean() < -1.9)
    ((51, 5, 2), True)
    """
    if not isinstance(game, IteratedGame):
        raise TypeError(f"game must be an iterated game with values and gamma (e.g. games.ipd()), got {game!r}")
    if not isinstance(method, Method):
        raise TypeError(f"method must be a lecturecode Method (e.g. methods.lola(1.0, 1.0)), got {method!r}")
    n_seeds, n_steps = as_count(n_seeds, "n_seeds"), as_count(n_steps, "n_steps", low=0)
    label = method.label if label is None else as_text(label, "label")
    z0 = as_generator(seed).standard_normal((n_seeds, game.d))
    traj = simulate(method, game, z0, n_steps)
    if traj.diverged.any():
        raise ValueError(f"method {label} diverged in {int(traj.diverged.sum())} of {n_seeds} runs: its "
                         f"hyper-parameters ({', '.join(map(str, method.hyper))}) are too large")
    z = traj.z
    rewards = (1 - game.gamma) * np.asarray(game.values(z))
    return LearningRun(z, rewards, _probabilities(z), label)


def _probabilities(z, chunk: int = 1 << 15):
    r""":math:`\sigma(z) = (1 + \tanh(z/2))/2` as (..., 2, 5), computed in place chunk by chunk
    (one pass over memory instead of four full-size temporaries; the same numbers)."""
    out = np.empty(z.shape)
    flat, dest = z.reshape(-1), out.reshape(-1)
    for start in range(0, flat.size, chunk):
        p = dest[start:start + chunk]
        np.multiply(0.5, flat[start:start + chunk], out=p)
        np.tanh(p, out=p)
        np.add(1, p, out=p)
        np.multiply(0.5, p, out=p)
    return out.reshape(z.shape[:-1] + (2, 5))
