"""The panels the explorers' views are composed of: a phase portrait that moves its arrows,
trajectories and markers in place, and the one status line a run gets in a title.

The spectrum panels (:class:`~lecturecode.plot.spectra.SpectrumPanel`,
:class:`~lecturecode.plot.log_spectrum.LogRadiusPanel`) and the title slots
(:func:`~lecturecode.plot.style.title_slots`) live with their kin; a view lays out axes, puts a
panel on each, and on a redraw hands each panel its already-checked numbers.
"""

from __future__ import annotations

import numpy as np

from ..simulation import Trajectory
from ..validation import as_count, as_flag, as_point
from .portraits import _last_inside, field_arrows, field_grid, flow_arrows
from .style import PALETTE, as_axes, as_curve, as_window

__all__ = ["PhasePanel", "run_status"]


def run_status(traj, n_steps: int, *, at_step: bool = True) -> str:
    """How a run reads in a title: ``"diverged at step k"`` (or ``"diverged"``) or ``"n steps"``.

    ``traj`` is a :class:`~lecturecode.simulation.Trajectory` of one start.

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> from lecturecode.methods import sim_gda
    >>> from lecturecode.simulation import simulate
    >>> run_status(simulate(sim_gda(0.1), bilinear(1.0), [1.0, 1.0], 20), 20)
    '20 steps'
    >>> run_status(simulate(sim_gda(5.0), bilinear(10.0), [1.0, 1.0], 20), 20)
    'diverged at step 4'
    """
    if not isinstance(traj, Trajectory):
        raise TypeError(f"traj must be a Trajectory (from simulate), got {traj!r}"[:200])
    n_steps = as_count(n_steps, "n_steps", low=0)
    if not bool(np.all(traj.diverged)):
        return f"{n_steps} steps"
    return f"diverged at step {int(traj.diverged_at)}" if at_step else "diverged"


class PhasePanel:
    r"""A phase portrait moved in place: unit arrows along the flow :math:`-F` on an
    ``n_grid`` :math:`\times` ``n_grid`` grid of the square window of half-width ``lim`` around
    ``center``, one line per trajectory (with a cross where a diverged one leaves the window), the
    start and a star at the solution.

    Parameters
    ----------
    ax : matplotlib Axes
    center, lim, n_grid
        The window and the arrows per side.
    game : 2-D Game, optional
        Draw its field once (the arrows then never move); without it the arrows are moved by
        :meth:`show_field`.
    paths : sequence of (colour, line width, legend label or None, exit cross colour)
        One line per trajectory (default: one in the first palette colour, its exit cross in the
        second).
    exits : bool
        Mark where a diverged trajectory leaves the window.
    start : "moving", or (point, colour, marker size), or None
        A start marker moved by :meth:`show_start`, drawn once at ``point``, or none.
    star : (point, marker size)
        The solution's star (default: at ``center``, size 12).
    labels : (str, str)
        Axis labels.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from lecturecode.games import bilinear
    >>> panel = PhasePanel(Figure().subplots(), (0.0, 0.0), 1.5, 5)
    >>> panel.show_field(bilinear(1.0))
    >>> panel.show_path(0, np.array([[1.0, 0.0], [0.0, 1.0], [9.0, 9.0]]), diverged=True)
    >>> panel.artists[2].get_xydata().tolist()        # the exit cross: the last point inside
    [[0.0, 1.0]]
    """

    def __init__(self, ax, center, lim: float, n_grid: int, *, game=None, paths=((PALETTE[0], 1.5, None, PALETTE[1]),),
                 exits: bool = True, start="moving", star=None, labels=("$x$", "$y$")):
        self.ax = ax = as_axes(ax)
        self.center, self.lim, n_grid = as_window(center, lim, n_grid)
        c, lim = self.center, self.lim
        X, Y, self.grid = field_grid(c, lim, n_grid)
        spacing = 2 * lim / (n_grid - 1)
        if game is None:
            zeros = np.zeros_like(X)
            self._quiver = field_arrows(ax, X, Y, zeros, zeros, spacing)
        else:
            field_arrows(ax, X, Y, *flow_arrows(game, self.grid), spacing)
            self._quiver = None
        self._paths, self._exits = [], []
        for colour, lw, label, exit_colour in paths:
            self._paths.append(ax.plot([], [], color=colour, lw=lw, label=label)[0])
            if exits:
                self._exits.append(ax.plot([], [], "x", color=exit_colour, ms=10, mew=2.5)[0])
        self._start = None
        if isinstance(start, str) and start == "moving":
            (self._start,) = ax.plot([], [], "o", color=PALETTE[0], ms=5)
        elif start is not None:
            point, colour, ms = start
            ax.plot(*as_point(point, 2, "start point"), "o", color=colour, ms=ms)
        star_at, star_ms = (c, 12) if star is None else star
        ax.plot(*star_at, "*", color="black", ms=star_ms)
        ax.set(xlim=(c[0] - lim, c[0] + lim), ylim=(c[1] - lim, c[1] + lim), xlabel=labels[0], ylabel=labels[1])
        ax.set_aspect("equal")
        #: what a redraw moves, in drawing order
        self.artists = ([] if self._quiver is None else [self._quiver]) + self._paths + self._exits + \
            ([] if self._start is None else [self._start])

    def show_field(self, game, points=None) -> None:
        """Point the arrows along ``-F`` of ``game`` at ``points`` (default: the panel's grid)."""
        U, V = flow_arrows(game, self.grid if points is None else points)
        self._quiver.set_UVC(U, V)

    def show_path(self, k: int, z, diverged: bool = False) -> None:
        """Show path ``z`` (n, 2) as trajectory ``k``; a diverged one gets its exit cross."""
        k = as_count(k, "k", low=0, high=len(self._paths) - 1)
        z, diverged = as_curve(z, "z"), as_flag(diverged, "diverged")
        if z.ndim != 2 or z.shape[1] != 2:
            raise ValueError(f"z must be a path of shape (n, 2), got {z.shape}")
        self._show_path(k, z, diverged)

    def _show_path(self, k: int, z: np.ndarray, diverged: bool) -> None:
        """:meth:`show_path` for checked arguments (a view's own run: ``z`` of shape (n, 2))."""
        self._paths[k].set_data(z[:, 0], z[:, 1])
        if self._exits:
            exit_point = _last_inside(z, self.center, self.lim) if diverged else np.empty((0, 2))
            self._exits[k].set_data(exit_point[:, 0], exit_point[:, 1])

    def show_start(self, z0) -> None:
        """Move the start marker to ``z0``."""
        self._show_start(as_point(z0, 2, "z0"))

    def _show_start(self, z0: np.ndarray) -> None:
        """:meth:`show_start` for a checked point (a view's own start)."""
        self._start.set_data(z0[:1], z0[1:2])
