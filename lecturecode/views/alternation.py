"""The Sim-vs-Alt twin view: one step size moves both methods' trajectories and spectra."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Callable

import numpy as np
from matplotlib.figure import Figure

from ..analysis import update_eigenvalues
from ..games import Game, lecture_examples
from ..methods import alt_gda, sim_gda
from ..plot import (ALT_COLOUR, GREY, SIM_COLOUR, clip_to_frame, draw_unit_circle, flow_arrows, log_radius_axes,
                    log_radius_points, title_slots, twin_axes)
from ..plot.panels import PhasePanel, run_status
from ..simulation import simulate
from ..plot.style import MAX_LIM, as_figure
from ..validation import as_count, as_point, as_scalar
from .base import LookupView, View

__all__ = ["SimAltView", "sim_alt_view"]


class SimAltView(LookupView):
    """Sim-GDA (vermillion) and Alt-GDA (green) side by side at the same step size.

    Left: both trajectories from ``z0`` on the phase portrait of the chosen problem. Right:
    the eigenvalues of both update operators, :math:`J_{\\mathrm{Sim}}` and
    :math:`J_{\\mathrm{Alt}}`, against the unit circle (those beyond the frame are drawn
    hollow on its edge). Calling the view with ``problem=label`` and ``eta=...`` redraws in
    place and returns ``(rho_sim, rho_alt)``.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> view = SimAltView(Figure(), n_steps=50)
    >>> [round(r, 4) for r in view(problem="0.3x² + 1.2xy − 0.3y²", eta=0.5)]
    [0.922, 0.7]
    """

    def __init__(self, fig, problems: dict | None = None, *, z0=(1.0, 1.0), n_steps: int = 150,
                 lim: float = 2.5, n_grid: int = 13, eig_lim: float = 1.6):
        self.problems = _problems(problems)
        self.z0 = as_point(z0, 2, "z0")
        self.n_steps = as_count(n_steps, "n_steps")
        fig = as_figure(fig)
        self.lim = as_scalar(lim, "lim", low=0.0, high=MAX_LIM, low_open=True)
        self.eig_lim = as_scalar(eig_lim, "eig_lim", low=0.0, high=MAX_LIM, low_open=True)
        lim, eig_lim = self.lim, self.eig_lim
        self.ax_phase, self.ax_eig = twin_axes(fig, top=0.86, portrait_bottom=0.16)   # legend under the portrait
        self._phase = PhasePanel(self.ax_phase, np.zeros(2), lim, n_grid,
                                 paths=((SIM_COLOUR, 1.4, "Sim-GDA", SIM_COLOUR),
                                        (ALT_COLOUR, 1.4, "Alt-GDA", ALT_COLOUR)),
                                 start=(self.z0, "black", 4), star=((0, 0), 11))
        self._inside, self._outside = [], []
        for colour, label in ((SIM_COLOUR, "Sim-GDA"), (ALT_COLOUR, "Alt-GDA")):
            self._inside.append(self.ax_eig.scatter([], [], s=40, color=colour, zorder=3, label=label))
            self._outside.append(self.ax_eig.scatter([], [], s=55, facecolors="none", edgecolors=colour,
                                                     zorder=3))
        self.ax_phase.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)  # off the data
        draw_unit_circle(self.ax_eig)
        self.ax_eig.axhline(0, color=GREY, lw=0.6)
        self.ax_eig.axvline(0, color=GREY, lw=0.6)
        self.ax_eig.set(xlim=(-eig_lim, eig_lim), ylim=(-eig_lim, eig_lim), xlabel=r"Re $\lambda$",
                        ylabel=r"Im $\lambda$")
        self.ax_eig.set_aspect("equal")
        # under the spectrum: log-moduli by angle, so 0.99 and 1.01 fall on opposite sides of the line 0
        strip = log_radius_axes(self.ax_eig.inset_axes([0.0, -0.58, 1.0, 0.26]), log_lim=1.0, compact=True)
        self._strip = [strip.scatter([], [], s=24, color=c, zorder=3) for c in (SIM_COLOUR, ALT_COLOUR)]
        self._titles = title_slots(fig, (self.ax_phase, self.ax_eig), 0.975)
        #: what a redraw moves (the explorer blits them)
        self.artists = [*self._phase.artists, *self._inside, *self._outside, *self._strip,
                        *self._titles]
        #: two equal panels side by side (the website stacks them on a phone)
        self.panels = 2

    def _compute(self, *, problem, eta) -> dict:
        """Both runs and spectra for the problem labelled ``problem`` at step size ``eta`` (checked
        here, once per setting)."""
        if not isinstance(problem, str) or problem not in self.problems:
            raise ValueError(f"problem must be one of {list(self.problems)}, got {problem!r}")
        eta = as_scalar(eta, "eta", low=0.0, low_open=True)
        game = self.problems[problem]
        runs = []
        for make in (sim_gda, alt_gda):
            method = make(eta)
            runs.append((method.name, simulate(method, game, self.z0, self.n_steps), update_eigenvalues(method, game)))
        return dict(game=game, eta=eta, arrows=flow_arrows(game, self._phase.grid + game.z_star), runs=runs)

    def _draw(self, frame):
        """Move the artists to ``frame``; returns ``(rho_sim, rho_alt)``."""
        game = frame["game"]
        self._phase._quiver.set_UVC(*frame["arrows"])
        rhos, status = [], []
        for k, (name, traj, lam) in enumerate(frame["runs"]):
            self._phase.show_path(k, traj.z - game.z_star, bool(traj.diverged))
            inside, outside = clip_to_frame(lam, self.eig_lim)
            self._inside[k].set_offsets(inside)
            self._outside[k].set_offsets(outside)
            self._strip[k].set_offsets(log_radius_points(lam, 1.0)[0])
            rhos.append(float(np.abs(lam).max()))
            status.append(f"{name}: {run_status(traj, self.n_steps)}")
        self._titles[0].set_text(f"{game.name}, η = {float(frame['eta']):.3g}\n" + "; ".join(status))
        self._titles[1].set_text(f"eigenvalues of J_Sim and J_Alt\nρ_Sim = {rhos[0]:.3f}, ρ_Alt = {rhos[1]:.3f}")
        return tuple(rhos)


def _problems(problems) -> dict:
    """``{label: 2-D game}``, at least one (``None``: the lecture's three 2-D games)."""
    if problems is None:
        return lecture_examples()
    if not isinstance(problems, Mapping):
        raise TypeError(f"problems must be a dict {{label: 2-D game}}, got {problems!r}"[:200])
    if not problems or not all(isinstance(k, str) and isinstance(g, Game) and g.d == 2 for k, g in problems.items()):
        raise ValueError("problems must map labels to 2-D lecturecode games (at least one)")
    return dict(problems)


def sim_alt_view(problems: dict | None = None, **options) -> Callable[[Figure], View]:
    """A view factory for :func:`~lecturecode.widgets.explore`: the :class:`SimAltView`.

    It is the :class:`SimAltView`, with parameters ``problem`` (a label of ``problems``, default
    the lecture's three 2-D games) and ``eta``.

    Examples
    --------
    >>> from lecturecode import widgets
    >>> problems = {"10xy": lecture_examples()["10xy"]}
    >>> ex = widgets.explore(sim_alt_view(problems), problem=widgets.choice(list(problems)),
    ...                      eta=widgets.slider(0.01, 0.3, value=0.05, static=2))
    >>> ex.static_html().count(" data-lc-control")         # a select for the problem, a range for eta
    2
    """
    problems = _problems(problems)                              # checked now, not at the first drawing

    def make_view(fig):
        return SimAltView(fig, problems, **options)

    return make_view
