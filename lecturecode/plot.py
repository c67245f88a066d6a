"""Every figure of the book, from one module.

Each function takes ``ax=None`` (a new figure is made when omitted) and returns the
axes; none calls ``plt.show()``. Figures use :data:`STYLE`: an opaque white
background (readable in the site's dark mode) and the colour-blind-safe Okabe-Ito
palette :data:`PALETTE`. Trajectories that diverge are drawn clipped to the axes
and marked, never left to overflow.

:class:`DynamicsView` is the interactive "twin view" (phase portrait next to the
spectrum of the update operator) that :func:`lecturecode.widgets.explore` drives.
"""

from __future__ import annotations

import inspect

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler
from matplotlib.figure import Figure

from .analysis import loglog_slope, update_eigenvalues
from .solution_concepts import classify_critical_point
from .simulation import Trajectory, simulate
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
    "DynamicsView",
    "trajectory_3d",
    "Trajectory3DView",
    "InspectorView",
    "BADGE_COLOURS",
    "lorenz_view",
    "inspector_view",
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


def _style_axes(ax):
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
    return _style_axes(ax)


def _labelled(items, name):
    """Accept a dict ``{label: value}`` or a sequence of Trajectories (labelled by method)."""
    if isinstance(items, dict):
        return list(items.items())
    if isinstance(items, Trajectory):
        return [(items.label, items)]
    try:
        return [(getattr(v, "label", ""), v) for v in items]
    except TypeError as err:
        raise TypeError(f"{name} must be a dict {{label: value}} or a list of trajectories") from err


def _default_center(game) -> np.ndarray:
    """Where a 2-D portrait is centred: the game's z_star, else its strategy box's centre, else 0."""
    z_star = getattr(game, "z_star", None)
    if z_star is not None:
        return np.asarray(z_star, dtype=float)
    lower = getattr(game, "lower", None)
    if lower is not None:
        return 0.5 * (np.asarray(lower) + np.asarray(game.upper))
    return np.zeros(2)


def _field_grid(center, lim, n_grid):
    xs = np.linspace(center[0] - lim, center[0] + lim, n_grid)
    ys = np.linspace(center[1] - lim, center[1] + lim, n_grid)
    X, Y = np.meshgrid(xs, ys)
    return X, Y, np.stack([X, Y], axis=-1)


def _flow_arrows(game, grid):
    """Unit arrows along the flow -F (length carries no information; colour would).

    For a game with a strategy box the grid is projected onto the box first, so arrows on
    the frame's edge show the field at the nearest admissible point."""
    if getattr(game, "lower", None) is not None:
        grid = game.project(grid)
    V = -np.asarray(game.F(grid))
    norm = np.linalg.norm(V, axis=-1, keepdims=True)
    V = np.divide(V, norm, out=np.zeros_like(V), where=norm > 0)
    return V[..., 0], V[..., 1]


def _last_inside(z, center, lim):
    """The last finite point of a path ``z`` (n, 2) inside the square window: where a diverged
    run is marked as leaving the frame. Shape (0, 2) if none."""
    finite = z[np.isfinite(z[:, 0])]
    return finite[np.all(np.abs(finite - center) <= lim, axis=1)][-1:]


def _arrows(ax, X, Y, U, V, spacing):
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
    if getattr(game, "d", None) != 2:
        raise ValueError(f"phase_portrait needs a 2-D game, got d={getattr(game, 'd', None)}")
    box = getattr(game, "lower", None) is not None
    if lim is None:
        lim = 0.5 * float(np.max(game.upper - game.lower)) if box else 1.5
    lim = float(as_real_array(lim, "lim"))
    if lim <= 0:
        raise ValueError(f"lim must be > 0, got {lim}")
    n_grid = as_count(n_grid, "n_grid", low=2)
    center = _default_center(game) if center is None else as_points(center, 2, "center")
    ax = _new_axes(ax)
    X, Y, grid = _field_grid(center, lim, n_grid)
    if show_field:
        U, V = _flow_arrows(game, grid)
        _arrows(ax, X, Y, U, V, 2 * lim / (n_grid - 1))
    for i, (label, traj) in enumerate(_labelled(trajectories, "trajectories")):
        colour = PALETTE[i % len(PALETTE)]
        z = np.asarray(traj.z if isinstance(traj, Trajectory) else traj, dtype=float)
        diverged = bool(np.any(traj.diverged)) if isinstance(traj, Trajectory) else False
        z = z.reshape(z.shape[0], -1, 2)
        for j in range(z.shape[1]):
            ax.plot(z[:, j, 0], z[:, j, 1], color=colour, lw=1.4,
                    label=(f"{label} (diverged)" if diverged else label) if j == 0 else None)
            ax.plot(z[0, j, 0], z[0, j, 1], "o", color=colour, ms=5)
            if diverged:
                exit_point = _last_inside(z[:, j], center, lim)
                if len(exit_point):
                    ax.plot(*exit_point[0], "x", color=colour, ms=9, mew=2)
    if getattr(game, "z_star", None) is not None:
        ax.plot(*game.z_star, "*", color="black", ms=12, label="$z^*$")
    ax.set_xlim(center[0] - lim, center[0] + lim)
    ax.set_ylim(center[1] - lim, center[1] + lim)
    ax.set_aspect("equal")
    ax.set_xlabel("$x$ (minimiser)")
    ax.set_ylabel("$y$ (maximiser)")
    ax.set_title(getattr(game, "name", ""))
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


class _ParamSplitter:
    """Route a view's parameters to the factories that take them (signatures read once, not
    on every slider move)."""

    def __init__(self, *factories):
        self._names = [set(inspect.signature(f).parameters) for f in factories]

    def __call__(self, params):
        parts = [{k: v for k, v in params.items() if k in names} for names in self._names]
        unused = set(params) - set().union(*parts)
        if unused:
            raise TypeError(f"unexpected parameter(s) {sorted(unused)} for this view")
        return parts


class _SpectrumPanel:
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


def _title_slots(fig, axes, y):
    """Figure-level titles above each axes, at fixed places: axes titles get re-positioned by a
    full draw, which moves them off the figure when a widget blits."""
    return [fig.text(0.5 * (ax.get_position().x0 + ax.get_position().x1), y, "", ha="center", va="top",
                     fontsize=9) for ax in axes]


class DynamicsView:
    """Phase portrait with a trajectory, next to the eigenvalues of the update operator.

    ``DynamicsView(fig, make_game, make_method, z0=..., n_steps=...)`` draws into
    ``fig`` once; calling the view with parameters (split between ``make_game`` and
    ``make_method`` by their argument names) updates the artists in place: the
    arrows, the trajectory, the eigenvalues and the titles. That is what keeps a
    widget redraw fast.

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> from lecturecode.methods import sim_gda
    >>> view = DynamicsView(Figure(), quadratic_2d, sim_gda, z0=[1.0, 1.0], n_steps=50)
    >>> round(view(a=1.0, b=10.0, c=1.0, eta=0.01), 4)      # returns the spectral radius
    0.995
    """

    def __init__(self, fig, make_game, make_method, *, z0=None, n_steps: int = 100, lim: float = 1.5,
                 n_grid: int = 13, eig_lim: float = 1.6, center=(0.0, 0.0)):
        self.fig = fig
        self.make_game, self.make_method = make_game, make_method
        self._split = _ParamSplitter(make_game, make_method)
        # z0=None: the start is a parameter of the view, passed as x0 and y0 on every call
        self.z0 = None if z0 is None else as_points(z0, 2, "z0")
        self.n_steps = as_count(n_steps, "n_steps")
        self.lim, self.eig_lim = float(lim), float(eig_lim)
        self.center = as_points(center, 2, "center")
        c = self.center
        fig.set_facecolor("white")
        fig.set_layout_engine("none")          # fixed margins: a layout pass per redraw costs ~50 ms
        self.ax_phase, self.ax_eig = fig.subplots(1, 2, gridspec_kw=dict(
            left=0.08, right=0.98, bottom=0.13, top=0.85, wspace=0.3))
        for ax in (self.ax_phase, self.ax_eig):
            _style_axes(ax)
        X, Y, self._grid = _field_grid(c, self.lim, n_grid)
        zeros = np.zeros_like(X)
        self._quiver = _arrows(self.ax_phase, X, Y, zeros, zeros, 2 * lim / (n_grid - 1))
        (self._path,) = self.ax_phase.plot([], [], color=PALETTE[0], lw=1.5)
        (self._exit,) = self.ax_phase.plot([], [], "x", color=PALETTE[1], ms=10, mew=2.5)
        (self._start,) = self.ax_phase.plot([], [], "o", color=PALETTE[0], ms=5)
        self.ax_phase.plot(*c, "*", color="black", ms=12)
        self.ax_phase.set(xlim=(c[0] - lim, c[0] + lim), ylim=(c[1] - lim, c[1] + lim),
                          xlabel="$x$", ylabel="$y$")
        self.ax_phase.set_aspect("equal")
        self._spectrum = _SpectrumPanel(self.ax_eig, eig_lim)
        self._titles = _title_slots(fig, (self.ax_phase, self.ax_eig), 0.975)
        #: what a redraw moves (lets a widget blit instead of re-rendering the axes)
        self.artists = [self._quiver, self._path, self._exit, self._start, *self._spectrum.artists,
                        *self._titles]

    def __call__(self, **params) -> float:
        """Redraw for ``params``; returns the spectral radius of the update operator."""
        if self.z0 is None:
            z0 = as_points([params.pop("x0", np.nan), params.pop("y0", np.nan)], 2, "(x0, y0)")
        else:
            z0 = self.z0
        game_params, method_params = self._split(params)
        game = self.make_game(**game_params)
        method = self.make_method(**method_params)
        traj = simulate(method, game, z0, self.n_steps)
        U, V = _flow_arrows(game, self._grid)
        self._quiver.set_UVC(U, V)
        z = traj.z
        self._path.set_data(z[:, 0], z[:, 1])
        self._start.set_data(z0[:1], z0[1:])
        exit_point = _last_inside(z, self.center, self.lim) if traj.diverged else np.empty((0, 2))
        self._exit.set_data(exit_point[:, 0], exit_point[:, 1])
        z_star = getattr(game, "z_star", None)
        rho = self._spectrum.update(update_eigenvalues(method, game, self.center if z_star is None else z_star))
        status = f"diverged at step {int(traj.diverged_at)}" if traj.diverged else f"{self.n_steps} steps"
        self._titles[0].set_text(f"{method.label} on {game.name}\n{status}")
        verdict = "converges" if rho < 1 else "does not converge"
        self._titles[1].set_text(f"eigenvalues of the update\nρ = {rho:.4f}: {verdict}")
        return rho



def _new_axes_3d(ax, figsize=(6.0, 5.0)):
    if ax is None:
        ax = plt.figure(figsize=figsize, layout="constrained", facecolor="white").add_subplot(projection="3d")
    if getattr(ax, "name", "") != "3d":
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


class Trajectory3DView:
    """One trajectory of a 3-D game, redrawn in place for new parameters (a widget view).

    Calling the view with parameters (split between ``make_game`` and ``make_method``)
    simulates from ``z0`` and moves the line; the axes limits stay fixed so frames compare.
    Returns the final point.
    """

    def __init__(self, fig, make_game, make_method, *, z0, n_steps: int = 2000,
                 limits=((-25, 25), (-30, 30), (0, 60))):
        self.make_game, self.make_method = make_game, make_method
        self._split = _ParamSplitter(make_game, make_method)
        self.z0 = as_points(z0, 3, "z0")
        self.n_steps = as_count(n_steps, "n_steps")
        fig.set_facecolor("white")
        self.ax = fig.add_subplot(projection="3d")
        self.ax.set_facecolor("white")
        fig.subplots_adjust(left=0.0, right=1.0, bottom=0.02, top=0.9)
        (self._line,) = self.ax.plot([], [], [], color=PALETTE[0], lw=0.5)
        self.ax.plot(*self.z0, "o", color=PALETTE[1], ms=4)
        self.ax.set(xlim=limits[0], ylim=limits[1], zlim=limits[2], xlabel="$x$", ylabel="$y$", zlabel="$z$")
        self._title = fig.text(0.5, 0.97, "", ha="center", va="top", fontsize=9)

    def __call__(self, **params):
        """Redraw for ``params``."""
        game_params, method_params = self._split(params)
        game, method = self.make_game(**game_params), self.make_method(**method_params)
        traj = simulate(method, game, self.z0, self.n_steps)
        z = traj.z
        self._line.set_data_3d(z[:, 0], z[:, 1], z[:, 2])
        status = f"diverged at step {int(traj.diverged_at)}" if traj.diverged else f"{self.n_steps} steps"
        self._title.set_text(f"{method.label} on the {game.name}: {status}")
        return z[-1]


#: Badge colours for the solution-concept inspector: satisfied / not satisfied / inconclusive.
BADGE_COLOURS = {True: "#009E73", False: "#D55E00", None: "#777777"}


class InspectorView:
    """The solution-concept inspector: pick a (game, critical point) case and a step size.

    Left: the phase portrait around the point (coordinates relative to it) with a GDA
    trajectory started nearby. Right: eigenvalues of the GDA update :math:`I - \\eta J(z^*)`
    against the unit circle. On top, one badge per solution concept (green: satisfied,
    orange: not, grey: degenerate), from :func:`~lecturecode.solution_concepts.classify_critical_point`.

    ``cases`` maps a label to ``(game, point)``. Calling the view with ``case=label`` and
    ``eta=...`` redraws in place and returns the :class:`Classification`.
    """

    def __init__(self, fig, cases: dict, *, make_method=None, lim: float = 0.4, n_steps: int = 150,
                 n_grid: int = 11, eig_lim: float = 1.6):
        from .methods import sim_gda

        if not cases:
            raise ValueError("cases must name at least one (game, point) pair")
        self.cases = dict(cases)
        self.make_method = sim_gda if make_method is None else make_method
        self.lim, self.n_steps, self.eig_lim = float(lim), as_count(n_steps, "n_steps"), float(eig_lim)
        fig.set_facecolor("white")
        fig.set_layout_engine("none")
        self.ax_phase, self.ax_eig = fig.subplots(1, 2, gridspec_kw=dict(
            left=0.08, right=0.98, bottom=0.12, top=0.74, wspace=0.3))
        for ax in (self.ax_phase, self.ax_eig):
            _style_axes(ax)
        X, Y, self._offsets = _field_grid(np.zeros(2), self.lim, n_grid)
        zeros = np.zeros_like(X)
        self._quiver = _arrows(self.ax_phase, X, Y, zeros, zeros, 2 * self.lim / (n_grid - 1))
        (self._path,) = self.ax_phase.plot([], [], color=PALETTE[0], lw=1.5)
        (self._start,) = self.ax_phase.plot([], [], "o", color=PALETTE[0], ms=5)
        self.ax_phase.plot(0, 0, "*", color="black", ms=12)
        self.ax_phase.set(xlim=(-lim, lim), ylim=(-lim, lim), xlabel="$x - x^*$", ylabel="$y - y^*$")
        self.ax_phase.set_aspect("equal")
        self._spectrum = _SpectrumPanel(self.ax_eig, eig_lim)
        self._badges = [fig.text(x, 0.955, name, ha="center", va="center", fontsize=10, color="white",
                                 bbox=dict(boxstyle="round,pad=0.35", fc=_GREY, ec="none"))
                        for x, name in zip((0.2, 0.5, 0.8), ("local Nash", "local minimax", "GDA-stable"))]
        self._titles = _title_slots(fig, (self.ax_phase, self.ax_eig), 0.865)
        self.artists = [self._quiver, self._path, self._start, *self._spectrum.artists,
                        *self._badges, *self._titles]

    def __call__(self, *, case, **method_params):
        """Redraw for the case labelled ``case`` and the method's parameters (e.g. ``eta``)."""
        if case not in self.cases:
            raise ValueError(f"case must be one of {sorted(self.cases)}, got {case!r}")
        game, point = self.cases[case]
        point = np.asarray(point, dtype=float)
        verdict = classify_critical_point(game, point)
        method = self.make_method(**method_params)
        start = point + np.array([0.7, 0.45]) * self.lim
        if getattr(game, "lower", None) is not None:
            start = game.project(start)
        traj = simulate(method, game, start, self.n_steps)
        U, V = _flow_arrows(game, point + self._offsets)
        self._quiver.set_UVC(U, V)
        rel = traj.z - point
        self._path.set_data(rel[:, 0], rel[:, 1])
        self._start.set_data(rel[:1, 0], rel[:1, 1])
        rho = self._spectrum.update(update_eigenvalues(method, game, point))
        for badge, (name, ok) in zip(self._badges, verdict.badges.items()):
            state = None if (verdict.degenerate and not ok) else ok
            badge.set_text(f"{name}: {'yes' if ok else ('?' if state is None else 'no')}")
            badge.get_bbox_patch().set_facecolor(BADGE_COLOURS[state])
        status = "diverged" if traj.diverged else f"{self.n_steps} steps"
        self._titles[0].set_text(f"{game.name} near {case.split(' at ')[-1]}\n{method.label}: {status}")
        self._titles[1].set_text(f"eigenvalues of the update at z*\nρ = {rho:.4f}")
        return verdict


def lorenz_view(*, z0=(1.0, 1.0, 1.0), n_steps: int = 1500):
    """A view factory for :func:`~lecturecode.widgets.explore`: Sim-GDA on the Lorenz game,
    with parameters ``a``, ``b``, ``c`` (the game) and ``eta`` (the method)."""
    from .games import lorenz_game
    from .methods import sim_gda

    def make_view(fig):
        return Trajectory3DView(fig, lorenz_game, sim_gda, z0=z0, n_steps=n_steps)

    return make_view


def inspector_view(cases: dict, **options):
    """A view factory for :func:`~lecturecode.widgets.explore`: the :class:`InspectorView`
    over ``cases`` (``{label: (game, point)}``), with parameters ``case`` and ``eta``."""
    def make_view(fig):
        return InspectorView(fig, cases, **options)

    return make_view
