"""Figures of the Alt-GDA chapter: eigenvalue paths over a step-size sweep, the Sim-vs-Alt
trajectory grid, and energies along a run."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ..games import Game
from ..simulation import Trajectory
from ..validation import as_real_array, as_scalar
from .portraits import phase_portrait
from .spectra import draw_unit_circle
from .log_spectrum import as_eigenvalues, log_radius_axes, log_radius_points
from .style import GREY, MAX_LIM, PALETTE, as_curve, as_figure, labelled, legend_outside, new_axes

__all__ = ["SIM_COLOUR", "ALT_COLOUR", "eigenvalue_paths", "trajectory_grid", "energy_plot", "clip_to_frame"]

#: The lecture draws Sim-GDA red and Alt-GDA green: the palette's vermillion and bluish green.
SIM_COLOUR, ALT_COLOUR = PALETTE[1], PALETTE[2]


def eigenvalue_paths(etas, eigenvalues, ax=None, *, colours=None, lim: float = 1.3) -> Axes:
    r"""Eigenvalues of update operators as a step size sweeps a range, light (small
    :math:`\eta`) to dark (large :math:`\eta`), with the unit circle: the lecture's figure.

    Parameters
    ----------
    etas : array, shape (n,)
        The swept step sizes (increasing).
    eigenvalues : dict {label: complex array of shape (n, k)}
        Eigenvalues per step size, e.g. from :func:`~lecturecode.analysis.update_eigenvalues`
        of a method built with the array ``etas``.
    colours : dict {label: colour}, optional
        Default: the palette in order.
    lim : float
        Half-width of the square frame; eigenvalues outside it are left out of view.

    Examples
    --------
    >>> from lecturecode import analysis, games, methods
    >>> etas = np.linspace(0.02, 1.0, 50)
    >>> lam = analysis.update_eigenvalues(methods.alt_gda(etas), games.quadratic_2d(0.6, 1.2, 0.6))
    >>> ax = eigenvalue_paths(etas, {"J_Alt": lam}, colours={"J_Alt": ALT_COLOUR})
    >>> len(ax.collections[0].get_offsets())            # 50 step sizes x 2 eigenvalues
    100
    """
    etas = as_real_array(etas, "etas")
    if etas.ndim != 1 or etas.size < 2:
        raise ValueError(f"etas must be a 1-D array of at least two step sizes, got shape {etas.shape}")
    lim = as_scalar(lim, "lim", low=0.0, high=MAX_LIM, low_open=True)
    if colours is not None and not isinstance(colours, dict):
        raise TypeError(f"colours must be a dict {{label: colour}} or None, got {colours!r}")
    items = []
    for label, lam in labelled(eigenvalues, "eigenvalues"):
        lam = as_eigenvalues(lam, f"eigenvalues[{label!r}]", flat=False)
        if lam.ndim < 1 or lam.shape[0] != etas.size:
            raise ValueError(f"eigenvalues[{label!r}] must have one row per step size ({etas.size}), "
                             f"got shape {lam.shape}")
        items.append((label, lam))
    if not items:
        raise ValueError("eigenvalues must hold at least one labelled set of eigenvalues")
    ax = new_axes(ax, figsize=(5.0, 5.0))
    draw_unit_circle(ax)
    colours = dict(colours or {})
    bases = []
    shade = np.linspace(0.15, 1.0, etas.size)
    for i, (label, lam) in enumerate(items):
        base = mpl.colors.to_rgb(colours.get(label, PALETTE[i % len(PALETTE)]))
        bases.append(base)
        rgb = 1.0 - np.outer(shade, 1.0 - np.array(base))                  # white -> colour
        rgb = np.repeat(rgb, lam[0].size, axis=0)
        ax.scatter(lam.real.ravel(), lam.imag.ravel(), s=12, c=rgb, label=label, zorder=3)
    ax.axhline(0, color=GREY, lw=0.6)
    ax.axvline(0, color=GREY, lw=0.6)
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), xlabel=r"Re $\lambda$", ylabel=r"Im $\lambda$")
    ax.set_aspect("equal")
    # under the plane: log-moduli by angle (the unit circle is the line 0), where |λ| = 0.99 and 1.01 differ
    band = log_radius_axes(ax.inset_axes([0.0, -0.55, 1.0, 0.3]), log_lim=1.0, compact=True)
    for (_label, lam), base in zip(items, bases):
        points, clipped = log_radius_points(lam, 1.0)
        rgb = np.repeat(1.0 - np.outer(shade, 1.0 - np.array(base)), lam[0].size, axis=0)
        band.scatter(points[~clipped, 0], points[~clipped, 1], s=8, c=rgb[~clipped], zorder=3)
    legend = legend_outside(ax, below=band)
    legend.set_title(rf"$\eta$: {etas[0]:.3g} (light) → {etas[-1]:.3g} (dark)")
    for handle, base in zip(legend.legend_handles[1:], bases):    # the key shows the darkest shade
        handle.set_color(base)
    return ax


def trajectory_grid(games, runs, fig=None, *, lim: float = 1.5) -> np.ndarray:
    """Phase portraits in a grid: one column per game, one row per method (the lecture's 2x2
    figure of Sim-GDA and Alt-GDA on two games).

    Parameters
    ----------
    games : sequence of 2-D Game
        The columns.
    runs : dict {row label: sequence of Trajectory}
        One trajectory per game, in the order of ``games``.

    Returns
    -------
    ndarray of Axes, shape (n_rows, n_games)

    Examples
    --------
    >>> from lecturecode import games, methods, simulate
    >>> g = games.bilinear(10.0)
    >>> runs = {"Alt-GDA": [simulate(methods.alt_gda(0.05), g, [1.0, 1.0], 50)]}
    >>> trajectory_grid([g], runs).shape
    (1, 1)
    """
    if isinstance(games, (str, bytes)) or not isinstance(games, (list, tuple)):
        raise TypeError(f"games must be a non-empty sequence of lecturecode Games, got {games!r}")
    lim = as_scalar(lim, "lim", low=0.0, high=MAX_LIM, low_open=True)
    games = list(games)
    if not games or not all(isinstance(g, Game) for g in games):
        raise TypeError("games must be a non-empty sequence of lecturecode Games")
    if not isinstance(runs, dict) or not runs:
        raise TypeError("runs must be a non-empty dict {row label: trajectories, one per game}")
    for label, row in runs.items():
        if not isinstance(row, (list, tuple)) or not all(isinstance(t, Trajectory) for t in row):
            raise TypeError(f"runs[{label!r}] must be a list of Trajectories (one per game), got {row!r}")
        if len(row) != len(games):
            raise ValueError(f"runs[{label!r}] must have one trajectory per game ({len(games)}), got {len(row)}")
    if fig is not None:
        as_figure(fig)
    else:
        fig = plt.figure(figsize=(4.0 * len(games), 3.8 * len(runs)), layout="constrained", facecolor="white")
    axes = np.atleast_2d(fig.subplots(len(runs), len(games), squeeze=False))
    for r, (label, row) in enumerate(runs.items()):
        colour = SIM_COLOUR if "Sim" in label else ALT_COLOUR if "Alt" in label else PALETTE[0]
        for c, (game, traj) in enumerate(zip(games, row)):
            ax = phase_portrait(game, {label: traj}, ax=axes[r, c], lim=lim, n_grid=13)
            for line in ax.lines:                       # the run's line and markers in the row's colour
                if line.get_color() == PALETTE[0]:
                    line.set_color(colour)
            legend_outside(ax)                                 # again, after the recolouring
            ax.set_title(f"{label} on {game.name}", fontsize=10)
    return axes


def energy_plot(curves, ax=None) -> Axes:
    """Energies (or any scalar) against iterations, on linear axes.

    Parameters
    ----------
    curves : dict {label: array of shape (n_steps + 1,)}

    Examples
    --------
    >>> ax = energy_plot({"modified": [1.0, 1.0, 1.0], "naive": [2.0, 1.0, 1.0]})
    >>> [line.get_label() for line in ax.get_lines()]
    ['modified', 'naive']
    """
    ax = new_axes(ax, figsize=(6.0, 3.6))
    for i, (label, values) in enumerate(labelled(curves, "curves")):
        values = as_curve(values, f"curves[{label!r}]")
        if values.ndim != 1 or values.size == 0:
            raise ValueError(f"curves[{label!r}] must be one non-empty curve (1-D), got shape {values.shape}")
        values = np.clip(values, -1e300, 1e300)                  # a diverged run's inf: drawn at the edge
        ax.plot(np.arange(values.shape[0]), values, color=PALETTE[(i + 2) % len(PALETTE)], lw=1.6, label=label)
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel("energy")
    legend_outside(ax)
    return ax


def clip_to_frame(eigenvalues, lim: float) -> tuple[np.ndarray, np.ndarray]:
    """Split eigenvalues into those inside the square frame of half-width ``0.95 lim`` (as
    they are) and those beyond it (pulled onto its edge in their direction): arrays of
    shape ``(n, 2)`` for scatter offsets.

    Examples
    --------
    >>> inside, edge = clip_to_frame(np.array([0.5 + 0.5j, 4.0]), 2.0)
    >>> inside.tolist(), edge.tolist()
    ([[0.5, 0.5]], [[1.9, 0.0]])
    """
    lam = as_eigenvalues(eigenvalues)
    radius = np.abs(lam)
    edge = 0.95 * as_scalar(lim, "lim", low=0.0, low_open=True)
    off = radius > edge
    shown = np.where(off, lam / np.maximum(radius, 1e-300) * edge, lam)
    pts = np.column_stack([shown.real, shown.imag]).reshape(-1, 2)
    return pts[~off], pts[off]
