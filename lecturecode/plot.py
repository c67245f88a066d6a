"""Every figure of the book: drawing only.

Each function takes ``ax=None`` (a new figure is made when omitted) and returns the
axes; none calls ``plt.show()``. Figures use :data:`STYLE`: an opaque white
background (readable in the site's dark mode) and the colour-blind-safe Okabe-Ito
palette :data:`PALETTE`. Trajectories that diverge are drawn clipped to the axes
and marked, never left to overflow.

The stateful *views* behind the explorers, which run simulations and classifications and
then move the artists drawn here, live in :mod:`lecturecode.views`.
"""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler
from matplotlib.figure import Figure

from .analysis import loglog_slope
from .games import Game
from .simulation import Trajectory
from .validation import as_count, as_points, as_real_array

__all__ = [
    "PALETTE",
    "STYLE",
    "set_style",
    "phase_portrait",
    "eigenvalue_plot",
    "rate_vs_step_size",
    "distance_plot",
    "iterations_plot",
    "trajectory_3d",
    "BADGE_COLOURS",
    "SpectrumPanel",
    "style_axes",
    "field_grid",
    "flow_arrows",
    "field_arrows",
    "last_inside",
    "title_slots",
]

#: Okabe & Ito (2008) colour-blind-safe palette (black moved last).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

#: Matplotlib settings shared by every figure.
STYLE = {
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "axes.prop_cycle": cycler(color=PALETTE),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "legend.fontsize": 9,
    "legend.framealpha": 0.9,
}

_GREY = "#777777"


def set_style() -> None:
    """Apply :data:`STYLE` to every later figure (call once at the top of a notebook)."""
    mpl.rcParams.update(STYLE)


def style_axes(ax):
    """Apply the house style to one axes and its figure, without touching global rcParams.

    (``matplotlib.rc_context`` is avoided on purpose: on exit it restores the backend too,
    which stops a Jupyter kernel's inline backend from showing later figures.)"""
    ax.set_prop_cycle(color=PALETTE)
    ax.set_facecolor("white")
    ax.grid(True, alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    ax.figure.set_facecolor("white")
    return ax


def _new_axes(ax, figsize=(5.0, 4.0)):
    if ax is None:
        ax = plt.figure(figsize=figsize, layout="constrained", facecolor="white").add_subplot()
    return style_axes(ax)


def _labelled(items, name):
    """Accept a dict ``{label: value}`` or a sequence of Trajectories (labelled by method)."""
    if isinstance(items, dict):
        return list(items.items())
    if isinstance(items, Trajectory):
        return [(items.label, items)]
    try:
        return [(v.label if isinstance(v, Trajectory) else "", v) for v in items]
    except TypeError as err:
        raise TypeError(f"{name} must be a dict {{label: value}} or a list of trajectories") from err


def _default_center(game) -> np.ndarray:
    """Where a 2-D portrait is centred: the game's z_star, else its strategy box's centre, else 0."""
    if game.z_star is not None:
        return np.asarray(game.z_star, dtype=float)
    if game.lower is not None:
        return 0.5 * (np.asarray(game.lower) + np.asarray(game.upper))
    return np.zeros(2)


def field_grid(center, lim, n_grid):
    xs = np.linspace(center[0] - lim, center[0] + lim, n_grid)
    ys = np.linspace(center[1] - lim, center[1] + lim, n_grid)
    X, Y = np.meshgrid(xs, ys)
    return X, Y, np.stack([X, Y], axis=-1)


def flow_arrows(game, grid):
    """Unit arrows along the flow -F (length carries no information; colour would).

    For a game with a strategy box the grid is projected onto the box first, so arrows on
    the frame's edge show the field at the nearest admissible point."""
    grid = game.project(grid)
    V = -np.asarray(game.F(grid))
    norm = np.linalg.norm(V, axis=-1, keepdims=True)
    V = np.divide(V, norm, out=np.zeros_like(V), where=norm > 0)
    return V[..., 0], V[..., 1]


def last_inside(z, center, lim):
    """The last finite point of a path ``z`` (n, 2) inside the square window: where a diverged
    run is marked as leaving the frame. Shape (0, 2) if none."""
    finite = z[np.isfinite(z[:, 0])]
    return finite[np.all(np.abs(finite - center) <= lim, axis=1)][-1:]


def field_arrows(ax, X, Y, U, V, spacing):
    """Unit arrows at 70% of the grid spacing; a fixed scale (no autoscaling, which divides by
    zero on a vanishing field)."""
    return ax.quiver(X, Y, U, V, color=_GREY, alpha=0.6, angles="xy", pivot="mid", width=0.005,
                     scale_units="xy", scale=1.0 / (0.7 * spacing))


def phase_portrait(game, trajectories=(), ax=None, *, lim: float | None = None, n_grid: int = 15,
                   show_field: bool = True, center=None):
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
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    if game.d != 2:
        raise ValueError(f"phase_portrait needs a 2-D game, got d={game.d}")
    box = game.lower is not None
    if lim is None:
        lim = 0.5 * float(np.max(game.upper - game.lower)) if box else 1.5
    lim = float(as_real_array(lim, "lim"))
    if lim <= 0:
        raise ValueError(f"lim must be > 0, got {lim}")
    n_grid = as_count(n_grid, "n_grid", low=2)
    center = _default_center(game) if center is None else as_points(center, 2, "center")
    ax = _new_axes(ax)
    X, Y, grid = field_grid(center, lim, n_grid)
    if show_field:
        U, V = flow_arrows(game, grid)
        field_arrows(ax, X, Y, U, V, 2 * lim / (n_grid - 1))
    for i, (label, traj) in enumerate(_labelled(trajectories, "trajectories")):
        colour = PALETTE[i % len(PALETTE)]
        z = np.asarray(traj.z if isinstance(traj, Trajectory) else traj, dtype=float)
        z = z.reshape(z.shape[0], -1, 2)
        flags = (np.ravel(traj.diverged) if isinstance(traj, Trajectory)
                 else ~np.all(np.isfinite(z[-1]), axis=-1))
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
    ax.legend(loc="upper right")
    return ax


def _unit_circle(ax):
    t = np.linspace(0, 2 * np.pi, 400)
    ax.plot(np.cos(t), np.sin(t), color="black", lw=1.0, label="unit circle")


def eigenvalue_plot(eigenvalues, ax=None, *, unit_circle: bool = True):
    """Eigenvalues in the complex plane, against the unit circle.

    Parameters
    ----------
    eigenvalues : dict {label: array of complex}
        Each array may have any shape (e.g. a sweep over step sizes: drawn light to
        dark along the first axis).
    """
    ax = _new_axes(ax, figsize=(4.5, 4.5))
    if unit_circle:
        _unit_circle(ax)
    markers = "os^Dv<>p"
    for i, (label, lam) in enumerate(_labelled(eigenvalues, "eigenvalues")):
        lam = np.asarray(lam, dtype=complex)
        colour = PALETTE[i % len(PALETTE)]
        if lam.ndim >= 2 and lam.shape[0] > 1:                     # a sweep: fade along axis 0
            shade = np.repeat(np.linspace(0.25, 1.0, lam.shape[0]), lam[0].size)
            rgba = np.array([mpl.colors.to_rgba(colour, a) for a in shade])
            ax.scatter(lam.real.ravel(), lam.imag.ravel(), s=14, c=rgba, marker=markers[i % 8], label=label)
        else:
            ax.scatter(lam.real.ravel(), lam.imag.ravel(), s=30, color=colour, marker=markers[i % 8],
                       label=label, zorder=3)
    ax.axhline(0, color=_GREY, lw=0.6)
    ax.axvline(0, color=_GREY, lw=0.6)
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_xlabel(r"Re $\lambda$")
    ax.set_ylabel(r"Im $\lambda$")
    ax.legend(loc="best")
    return ax


def rate_vs_step_size(etas, rates, ax=None, *, optimum=None):
    """Convergence rate (spectral radius) against step size, with the line :math:`\\rho = 1`.

    Parameters
    ----------
    etas : array, shape (n,)
    rates : dict {label: array of shape (n,)}
    optimum : (eta, rate), optional
        Marked with a star and annotated.
    """
    ax = _new_axes(ax)
    etas = as_real_array(etas, "etas")
    for label, r in _labelled(rates, "rates"):
        ax.plot(etas, np.asarray(r, dtype=float), label=label, lw=1.6)
    ax.axhline(1.0, color="black", lw=0.8, ls="--", label=r"$\rho = 1$ (no convergence)")
    if optimum is not None:
        eta_opt, rate_opt = optimum
        ax.plot(eta_opt, rate_opt, "*", color="black", ms=12, zorder=4,
                label=rf"optimum $\eta^*={eta_opt:.3g}$, $\rho={rate_opt:.4f}$")
    ax.set_xlabel(r"step size $\eta$")
    ax.set_ylabel(r"spectral radius $\rho$")
    ax.legend(loc="best")
    return ax


def distance_plot(curves, ax=None, *, predicted=None):
    """Distance to the solution against iterations, on a log scale.

    Parameters
    ----------
    curves : dict {label: array of shape (n_steps + 1,)}
        Measured distances (``inf`` after divergence is cut at the top of the frame).
    predicted : dict {label: array}, optional
        Theory curves, drawn dashed in the colour of the measured curve with the same index.
    """
    ax = _new_axes(ax, figsize=(6.0, 4.0))
    finite_max = 1.0
    for i, (label, dist) in enumerate(_labelled(curves, "curves")):
        dist = np.asarray(dist, dtype=float)
        finite_max = max(finite_max, float(np.nanmax(np.where(np.isfinite(dist), dist, np.nan))))
        ax.semilogy(np.arange(dist.shape[0]), dist, color=PALETTE[i % 8], lw=1.8, label=label)
    for i, (label, dist) in enumerate(_labelled(predicted or {}, "predicted")):
        dist = np.asarray(dist, dtype=float)
        ax.semilogy(np.arange(dist.shape[0]), dist, color=PALETTE[i % 8], lw=1.2, ls="--", label=label)
    low, _ = ax.get_ylim()
    ax.set_ylim(low, min(ax.get_ylim()[1], finite_max * 10))
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel(r"$\|z^{(k)} - z^*\|$")
    ax.legend(loc="best")
    return ax


def iterations_plot(laws, ax=None):
    """Iterations-to-ε against κ on log-log axes, each law labelled with its fitted slope.

    Parameters
    ----------
    laws : dict {label: IterationLaw}
        From :func:`lecturecode.analysis.iterations_vs_kappa`.
    """
    ax = _new_axes(ax, figsize=(5.5, 4.0))
    for i, (label, law) in enumerate(_labelled(laws, "laws")):
        slope = loglog_slope(law.kappa, law.iterations)
        ax.loglog(law.kappa, law.iterations, "o-", color=PALETTE[i % 8], lw=1.6,
                  label=f"{label}: slope {slope:.2f}")
    ax.set_xlabel(r"condition number $\kappa = L/\mu$")
    ax.set_ylabel(r"iterations to reach $\varepsilon$")
    ax.legend(loc="upper left")
    return ax


class SpectrumPanel:
    """Eigenvalues of an update operator against the unit circle, moved in place.

    Eigenvalues beyond the frame are drawn hollow on its edge, in their direction, so a
    divergent setting still shows where its spectrum points.
    """

    def __init__(self, ax, eig_lim: float):
        self.ax, self.eig_lim = ax, float(eig_lim)
        _unit_circle(ax)
        self._inside = ax.scatter([], [], s=45, color=PALETTE[1], zorder=3)
        self._outside = ax.scatter([], [], s=60, facecolors="none", edgecolors=PALETTE[1], zorder=3)
        ax.axhline(0, color=_GREY, lw=0.6)
        ax.axvline(0, color=_GREY, lw=0.6)
        ax.set(xlim=(-eig_lim, eig_lim), ylim=(-eig_lim, eig_lim), xlabel=r"Re $\lambda$", ylabel=r"Im $\lambda$")
        ax.set_aspect("equal")
        self.artists = [self._inside, self._outside]

    def update(self, eigenvalues) -> float:
        """Show ``eigenvalues``; returns the spectral radius."""
        lam = np.asarray(eigenvalues, dtype=complex).ravel()
        radius = np.abs(lam)
        edge = 0.95 * self.eig_lim
        off = radius > edge
        shown = np.where(off, lam / np.maximum(radius, 1e-300) * edge, lam)
        self._inside.set_offsets(np.column_stack([shown.real[~off], shown.imag[~off]]).reshape(-1, 2))
        self._outside.set_offsets(np.column_stack([shown.real[off], shown.imag[off]]).reshape(-1, 2))
        return float(radius.max())


def title_slots(fig, axes, y):
    """Figure-level titles above each axes, at fixed places: axes titles get re-positioned by a
    full draw, which moves them off the figure when a widget blits."""
    return [fig.text(0.5 * (ax.get_position().x0 + ax.get_position().x1), y, "", ha="center", va="top",
                     fontsize=9) for ax in axes]


def _new_axes_3d(ax, figsize=(6.0, 5.0)):
    if ax is None:
        ax = plt.figure(figsize=figsize, layout="constrained", facecolor="white").add_subplot(projection="3d")
    if not isinstance(ax, plt.Axes) or ax.name != "3d":
        raise ValueError("ax must be a 3-D axes (projection='3d')")
    ax.set_facecolor("white")
    ax.figure.set_facecolor("white")
    return ax


def trajectory_3d(trajectories, ax=None, *, labels=("$x$", "$y$", "$z$"), lw: float = 0.6):
    """Trajectories of a 3-D game (e.g. the Lorenz game) as lines in space.

    Parameters
    ----------
    trajectories : dict {label: Trajectory} or list of Trajectory
        Each of shape ``(n_steps + 1, 3)``.
    """
    ax = _new_axes_3d(ax)
    for i, (label, traj) in enumerate(_labelled(trajectories, "trajectories")):
        z = np.asarray(traj.z if isinstance(traj, Trajectory) else traj, dtype=float)
        if z.ndim != 2 or z.shape[1] != 3:
            raise ValueError(f"trajectory {label!r} must have shape (n_steps + 1, 3), got {z.shape}")
        ax.plot(z[:, 0], z[:, 1], z[:, 2], color=PALETTE[i % 8], lw=lw, label=label)
        ax.plot(*z[0], "o", color=PALETTE[i % 8], ms=4)
    ax.set(xlabel=labels[0], ylabel=labels[1], zlabel=labels[2])
    ax.legend(loc="upper left")
    return ax


#: Badge colours for the solution-concept inspector: satisfied / not satisfied / inconclusive.
BADGE_COLOURS = {True: "#009E73", False: "#D55E00", None: "#777777"}




def __getattr__(name):
    # The views moved to lecturecode.views; these names keep working from here.
    if name in ("DynamicsView", "Trajectory3DView", "InspectorView", "lorenz_view", "inspector_view"):
        from . import views

        return getattr(views, name)
    raise AttributeError(f"module 'lecturecode.plot' has no attribute {name!r}")
