"""The twin view (phase portrait | spectrum of the update) and the 3-D trajectory view."""

from __future__ import annotations

import inspect
from typing import Callable

import numpy as np
from matplotlib.figure import Figure

from ..analysis import update_eigenvalues
from ..games import lorenz_game
from ..methods import sim_gda
from ..methods import Method
from ..plot import PALETTE, SpectrumPanel, flow_arrows, title_slots, twin_axes
from ..plot.panels import PhasePanel, run_status
from ..plot.style import as_figure, as_window
from ..simulation import simulate
from ..validation import as_callable, as_count, as_pair, as_point, as_scalar
from .base import LookupView, View


def single_run(method, game, z0, n_steps):
    """Build-time checks shared by the views: one method with scalar hyper-parameters (a view
    draws one trajectory), then the run."""
    if not isinstance(method, Method):
        raise TypeError(f"make_method must return a lecturecode Method, got {method!r}")
    for name, value in method.hyper.items():
        if np.ndim(value):
            raise ValueError(f"{name} must be a single value in a view (one trajectory), got shape {np.shape(value)}")
    return simulate(method, game, z0, n_steps)


def last_point(traj) -> np.ndarray:
    """The last finite iterate of a one-point trajectory (where a diverged run left the ball)."""
    return traj.z[int(traj.diverged_at) - 1] if traj.diverged else traj.z[-1]

__all__ = ["ParamSplitter", "DynamicsView", "Trajectory3DView", "lorenz_view"]


class ParamSplitter:
    """Route a view's parameters to the factories that take them.

    Route a view's parameters to the factories that take them (signatures read once, not
    on every slider move)."""

    def __init__(self, *factories):
        for f in factories:
            as_callable(f, "factories entry", "a game or method factory")
        self._names = [set(inspect.signature(f).parameters) for f in factories]
        for i, a in enumerate(self._names):
            for b in self._names[i + 1:]:
                if a & b:
                    raise TypeError(f"parameter(s) {sorted(a & b)} are accepted by two factories of this "
                                    "view, so a slider of that name would be routed to both: rename one")

    def __call__(self, params) -> list[dict]:
        if not isinstance(params, dict):
            raise TypeError(f"params must be a dict {{name: value}}, got {params!r}")
        parts = [{k: v for k, v in params.items() if k in names} for names in self._names]
        unused = set(params) - set().union(*parts)
        if unused:
            raise TypeError(f"unexpected parameter(s) {sorted(map(str, unused))} for this view (params)")
        return parts




class DynamicsView(LookupView):
    """Phase portrait with a trajectory, next to the eigenvalues of the update operator.

    ``DynamicsView(fig, make_game, make_method, z0=..., n_steps=...)`` draws into
    ``fig`` once; calling the view with parameters (split between ``make_game`` and
    ``make_method`` by their argument names) updates the artists in place: the
    arrows, the trajectory, the eigenvalues and the titles. That is what keeps a
    widget redraw fast; the numbers of each setting are computed once and looked up after
    (:class:`~lecturecode.views.base.LookupView`).

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> from lecturecode.methods import sim_gda
    >>> from matplotlib.figure import Figure
    >>> view = DynamicsView(Figure(), quadratic_2d, sim_gda, z0=[1.0, 1.0], n_steps=50)
    >>> round(view(a=1.0, b=10.0, c=1.0, eta=0.01), 4)      # returns the spectral radius
    0.995
    """

    def __init__(self, fig, make_game, make_method, *, z0=None, n_steps: int = 100, lim: float = 1.5,
                 n_grid: int = 13, eig_lim: float = 1.6, center=(0.0, 0.0)):
        self.fig = as_figure(fig)
        self.make_game = as_callable(make_game, "make_game", "parameters -> Game")
        self.make_method = as_callable(make_method, "make_method", "parameters -> Method")
        self._split = ParamSplitter(make_game, make_method)
        # z0=None: the start is a parameter of the view, passed as x0 and y0 on every call
        self.z0 = None if z0 is None else as_point(z0, 2, "z0")
        self.n_steps = as_count(n_steps, "n_steps", high=100_000)
        self.center, lim, n_grid = as_window(center, lim, n_grid)
        self.lim = lim
        self.eig_lim = as_scalar(eig_lim, "eig_lim", low=0.0, low_open=True, high=1e150)
        self.ax_phase, self.ax_eig = twin_axes(fig)
        self._phase = PhasePanel(self.ax_phase, self.center, lim, n_grid)
        self._start = self._phase._start                  # the start marker (moved with x0, y0)
        self._spectrum = SpectrumPanel(self.ax_eig, eig_lim)
        self._titles = title_slots(fig, (self.ax_phase, self.ax_eig), 0.975)
        #: the figure is two equal panels side by side (the website stacks them on a phone)
        self.panels = 2
        #: what a redraw moves (lets a widget blit instead of re-rendering the axes)
        self.artists = [*self._phase.artists, *self._spectrum.artists, *self._titles]

    def _compute(self, **params) -> dict:
        """The numbers of one frame (parameters checked here, once)."""
        if self.z0 is None:
            if "x0" not in params or "y0" not in params:
                raise TypeError("x0 and y0 are required: this view has no fixed start z0")
            z0 = as_point([params.pop("x0"), params.pop("y0")], 2, "(x0, y0)")
        else:
            z0 = self.z0
        game_params, method_params = self._split(params)
        game = self.make_game(**game_params)
        method = self.make_method(**method_params)
        traj = single_run(method, game, z0, self.n_steps)
        eigenvalues = update_eigenvalues(method, game, self.center if game.z_star is None else game.z_star).ravel()
        return dict(game=game, label=method.label, z0=z0, traj=traj, eigenvalues=eigenvalues,
                    arrows=flow_arrows(game, self._phase.grid))

    def _draw(self, frame) -> float:
        """Move the artists to ``frame``; returns the spectral radius of the update operator."""
        traj = frame["traj"]
        self._phase._quiver.set_UVC(*frame["arrows"])
        self._phase._show_path(0, traj.z, bool(traj.diverged))      # the view's own run: one start, shape (n, 2)
        self._phase._show_start(frame["z0"])
        rho = self._spectrum._show(frame["eigenvalues"])      # computed (finite) eigenvalues: not re-checked
        self._titles[0].set_text(f"{frame['label']} on {frame['game'].name}\n{run_status(traj, self.n_steps)}")
        verdict = "converges" if rho < 1 else "does not converge"
        self._titles[1].set_text(f"eigenvalues of the update\nρ = {rho:.4f}: {verdict}")
        return rho


class Trajectory3DView(LookupView):
    """One trajectory of a 3-D game, redrawn in place for new parameters (a widget view).

    Calling the view with parameters (split between ``make_game`` and ``make_method``)
    simulates from ``z0`` and moves the line; the axes limits stay fixed so frames compare.
    Returns the final point.
    """

    def __init__(self, fig, make_game, make_method, *, z0, n_steps: int = 2000,
                 limits=((-25, 25), (-30, 30), (0, 60))):
        as_figure(fig)
        self.make_game = as_callable(make_game, "make_game", "parameters -> Game")
        self.make_method = as_callable(make_method, "make_method", "parameters -> Method")
        self._split = ParamSplitter(make_game, make_method)
        self.z0 = as_point(z0, 3, "z0")
        self.n_steps = as_count(n_steps, "n_steps", high=100_000)
        limits = _limits_3d(limits)
        fig.set_facecolor("white")
        self.ax = fig.add_subplot(projection="3d")
        self.ax.set_facecolor("white")
        fig.subplots_adjust(left=0.0, right=1.0, bottom=0.02, top=0.9)
        (self._line,) = self.ax.plot([], [], [], color=PALETTE[0], lw=0.5)
        (self._start,) = self.ax.plot(*self.z0, "o", color=PALETTE[1], ms=4)
        self.ax.set(xlim=limits[0], ylim=limits[1], zlim=limits[2], xlabel="$x$", ylabel="$y$", zlabel="$z$")
        self._title = fig.text(0.5, 0.97, "", ha="center", va="top", fontsize=9)
        #: what a redraw moves, in the order a full draw draws them (the start marker is drawn after
        #: the line, over it, as in a full draw: the explorer blits them onto the axes drawn once)
        self.artists, self.panels = [self._line, self._start, self._title], 1

    def _compute(self, **params) -> dict:
        """The run for ``params`` (checked here, once)."""
        game_params, method_params = self._split(params)
        game, method = self.make_game(**game_params), self.make_method(**method_params)
        traj = single_run(method, game, self.z0, self.n_steps)
        return dict(traj=traj, title=f"{method.label} on the {game.name}: {run_status(traj, self.n_steps)}")

    def _draw(self, frame):
        """Move the line to ``frame``; returns the final point."""
        z = frame["traj"].z
        self._line.set_data_3d(z[:, 0], z[:, 1], z[:, 2])
        self._title.set_text(frame["title"])
        return last_point(frame["traj"])


def _limits_3d(limits) -> tuple:
    """Three increasing pairs ``((x0, x1), (y0, y1), (z0, z1))`` of finite numbers."""
    if isinstance(limits, (str, bytes)) or not hasattr(limits, "__len__") or len(limits) != 3:
        raise ValueError(f"limits must be three pairs ((x0, x1), (y0, y1), (z0, z1)), got {limits!r}"[:200])
    pairs = tuple(as_pair(pair, "limits entry") for pair in limits)
    if any(lo >= hi for lo, hi in pairs):
        raise ValueError(f"limits must be increasing pairs (low < high), got {pairs}")
    return pairs


def lorenz_view(*, z0=(1.0, 1.0, 1.0), n_steps: int = 1500) -> Callable[[Figure], View]:
    """A view factory for :func:`~lecturecode.widgets.explore`: Sim-GDA on the Lorenz game.

    Its parameters are ``a``, ``b``, ``c`` (the game) and ``eta`` (the method)."""

    z0 = as_point(z0, 3, "z0")
    n_steps = as_count(n_steps, "n_steps", high=100_000)

    def make_view(fig):
        return Trajectory3DView(fig, lorenz_game, sim_gda, z0=z0, n_steps=n_steps)

    return make_view
