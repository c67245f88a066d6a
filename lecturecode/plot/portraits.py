"""Phase portraits of 2-D games and trajectories in 3-D, with the field helpers the views share."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.quiver import Quiver

from ..games import Game
from ..simulation import Trajectory
from ..validation import as_flag, as_points, as_real_array, as_scalar, as_text
from .style import GREY, PALETTE, as_axes, as_curve, as_window, labelled, legend_outside, new_axes


def _game_2d(game, name: str = "game"):
    if not isinstance(game, Game):
        raise TypeError(f"{name} must be a lecturecode Game, got {game!r}")
    if game.d != 2:
        raise ValueError(f"{name} must be a 2-D game: a phase portrait needs a 2-D game, got d={game.d}")
    return game


def _grid(value, name: str) -> np.ndarray:
    arr = as_real_array(value, name, allow_empty=False)
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D grid of values, got shape {arr.shape}")
    return arr

__all__ = ["phase_portrait", "trajectory_3d", "field_grid", "flow_arrows", "field_arrows", "last_inside",
           "default_center"]


def default_center(game) -> np.ndarray:
    """Where a 2-D portrait is centred: the game's z_star, else its strategy box's centre, else 0."""
    _game_2d(game)
    if game.z_star is not None:
        return np.asarray(game.z_star, dtype=float)
    if game.lower is not None:
        return 0.5 * (np.asarray(game.lower) + np.asarray(game.upper))
    return np.zeros(2)


def field_grid(center, lim, n_grid) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``n_grid`` x ``n_grid`` grid of the square window of half-width ``lim`` around ``center``:
    ``(X, Y, points)`` with ``points`` of shape ``(n_grid, n_grid, 2)``."""
    center, lim, n_grid = as_window(center, lim, n_grid)
    xs = np.linspace(center[0] - lim, center[0] + lim, n_grid)
    ys = np.linspace(center[1] - lim, center[1] + lim, n_grid)
    X, Y = np.meshgrid(xs, ys)
    return X, Y, np.stack([X, Y], axis=-1)


def flow_arrows(game, grid) -> tuple[np.ndarray, np.ndarray]:
    """Unit arrows along the flow -F (length carries no information; colour would).

    For a game with a strategy box the grid is projected onto the box first, so arrows on
    the frame's edge show the field at the nearest admissible point."""
    _game_2d(game)
    grid = game.project(as_points(grid, 2, "grid"))
    with np.errstate(all="ignore"):
        V = -np.asarray(game.F(grid), dtype=float)
        V = V / np.maximum(np.abs(V).max(axis=-1, keepdims=True), 1e-300)    # pre-scale: the norm cannot overflow
        norm = np.linalg.norm(V, axis=-1, keepdims=True)
        ok = (norm > 0) & np.isfinite(norm)
        V = np.divide(V, norm, out=np.zeros_like(V), where=ok)
    return V[..., 0], V[..., 1]


def last_inside(z, center, lim) -> np.ndarray:
    """The last finite point of a path ``z`` (n, 2) inside the square window: where a diverged
    run is marked as leaving the frame. Shape (0, 2) if none."""
    z = as_curve(z, "z")
    if z.ndim != 2 or z.shape[1] != 2:
        raise ValueError(f"z must be a path of shape (n, 2), got {z.shape}")
    center, lim = as_window(center, lim)
    return _last_inside(z, center, lim)


def _last_inside(z: np.ndarray, center: np.ndarray, lim: float) -> np.ndarray:
    """:func:`last_inside` for a checked path (n, 2) and window."""
    finite = z[np.isfinite(z[:, 0])]
    return finite[np.all(np.abs(finite - center) <= lim, axis=1)][-1:]


def field_arrows(ax, X, Y, U, V, spacing) -> Quiver:
    """Unit arrows at 70% of the grid spacing; a fixed scale (no autoscaling, which divides by
    zero on a vanishing field)."""
    as_axes(ax)
    X, Y, U, V = (_grid(a, n) for a, n in ((X, "X"), (Y, "Y"), (U, "U"), (V, "V")))
    if not X.shape == Y.shape == U.shape == V.shape:
        raise ValueError(f"X, Y, U, V must have one shape, got {X.shape}, {Y.shape}, {U.shape}, {V.shape}")
    spacing = as_scalar(spacing, "spacing", low=0.0, low_open=True, high=1e150)
    return ax.quiver(X, Y, U, V, color=GREY, alpha=0.6, angles="xy", pivot="mid", width=0.005,
                     scale_units="xy", scale=1.0 / (0.7 * spacing))


def phase_portrait(game, trajectories=(), ax=None, *, lim: float | None = None, n_grid: int = 15,
                   show_field: bool = True, center=None) -> Axes:
    """Vector field of a 2-D game (arrows along the flow :math:`-F`) with trajectories.

    Parameters
    ----------
    game : 2-D game
    trajectories : dict {label: Trajectory} or list of Trajectory
        Each is drawn as a line from its start (circle); a diverged one is clipped at
        the frame and marked with a cross, and its legend entry says so.
    lim : float, optional
        Half-width of the square window around ``center``; default 1.5, or the strategy box.
    n_grid : int
        Arrows per side.
    center : (float, float), optional
        Centre of the window; default ``game.z_star``, else the centre of the strategy box.

    Returns
    -------
    matplotlib.axes.Axes
    """
    _game_2d(game)
    box = game.lower is not None
    if lim is None:
        lim = 0.5 * float(np.max(game.upper - game.lower)) if box else 1.5
    center, lim, n_grid = as_window(default_center(game) if center is None else center, lim, n_grid)
    show_field = as_flag(show_field, "show_field")
    paths = []
    for label, traj in labelled(trajectories, "trajectories"):
        z = as_curve(traj.z if isinstance(traj, Trajectory) else traj, f"trajectories[{label!r}]")
        if z.ndim < 2 or z.shape[-1] != 2 or z.size == 0:
            raise ValueError(f"trajectories[{label!r}] must have shape (n_steps + 1, ..., 2), got {z.shape}")
        z = z.reshape(z.shape[0], -1, 2)
        flags = (np.ravel(traj.diverged) if isinstance(traj, Trajectory)
                 else ~np.all(np.isfinite(z[-1]), axis=-1))
        paths.append((label, np.where(np.abs(z) > 1e150, np.nan, z), flags))   # beyond the frame: cut
    ax = new_axes(ax)
    X, Y, grid = field_grid(center, lim, n_grid)
    if show_field:
        U, V = flow_arrows(game, grid)
        field_arrows(ax, X, Y, U, V, 2 * lim / (n_grid - 1))
    for i, (label, z, flags) in enumerate(paths):
        colour = PALETTE[i % len(PALETTE)]
        for j in range(z.shape[1]):
            ax.plot(z[:, j, 0], z[:, j, 1], color=colour, lw=1.4,
                    label=(f"{label} (diverged)" if flags.any() else label) if j == 0 else None)
            ax.plot(z[0, j, 0], z[0, j, 1], "o", color=colour, ms=5)
            if flags[j]:
                exit_point = last_inside(z[:, j], center, lim)
                if len(exit_point):
                    ax.plot(*exit_point[0], "x", color=colour, ms=9, mew=2)
    if game.z_star is not None:
        ax.plot(*game.z_star, "*", color="black", ms=12, label="$z^*$")
    ax.set_xlim(center[0] - lim, center[0] + lim)
    ax.set_ylim(center[1] - lim, center[1] + lim)
    ax.set_aspect("equal")
    ax.set_xlabel("$x$ (minimiser)")
    ax.set_ylabel("$y$ (maximiser)")
    ax.set_title(game.name)
    legend_outside(ax)
    return ax

def _new_axes_3d(ax, figsize=(6.0, 5.0)):
    if ax is None:
        ax = plt.figure(figsize=figsize, layout="constrained", facecolor="white").add_subplot(projection="3d")
    if not isinstance(ax, plt.Axes):
        raise TypeError(f"ax must be a 3-D matplotlib axes (projection='3d') or None, got {ax!r}")
    if ax.name != "3d":
        raise ValueError("ax must be a 3-D axes (projection='3d')")
    ax.set_facecolor("white")
    ax.figure.set_facecolor("white")
    return ax


def trajectory_3d(trajectories, ax=None, *, labels=("$x$", "$y$", "$z$"), lw: float = 0.6) -> Axes:
    """Trajectories of a 3-D game (e.g. the Lorenz game) as lines in space.

    Parameters
    ----------
    trajectories : dict {label: Trajectory} or list of Trajectory
        Each of shape ``(n_steps + 1, 3)``.
    """
    if isinstance(labels, (str, bytes)) or not isinstance(labels, (list, tuple)) or len(labels) != 3:
        raise TypeError(f"labels must be three strings (x, y, z axis labels), got {labels!r}")
    labels = [as_text(text, "labels entry") for text in labels]
    lw = as_scalar(lw, "lw", low=0.0, low_open=True, high=100.0)
    paths = []
    for label, traj in labelled(trajectories, "trajectories"):
        z = as_curve(traj.z if isinstance(traj, Trajectory) else traj, f"trajectories[{label!r}]")
        if z.ndim != 2 or z.shape[1] != 3 or z.shape[0] == 0:
            raise ValueError(f"trajectories[{label!r}] must have shape (n_steps + 1, 3), got {z.shape}")
        paths.append((label, np.where(np.abs(z) > 1e150, np.nan, z)))
    ax = _new_axes_3d(ax)
    for i, (label, z) in enumerate(paths):
        ax.plot(z[:, 0], z[:, 1], z[:, 2], color=PALETTE[i % 8], lw=lw, label=label)
        ax.plot(*z[0], "o", color=PALETTE[i % 8], ms=4)
    ax.set(xlabel=labels[0], ylabel=labels[1], zlabel=labels[2])
    legend_outside(ax)
    return ax
