"""The solution-concept inspector: verdict badges, a GDA run near the point, the update's spectrum."""

from __future__ import annotations

from typing import Callable

import numpy as np
from matplotlib.figure import Figure

from ..analysis import update_eigenvalues
from ..methods import sim_gda
from ..games import Game
from ..plot import BADGE_COLOURS, GREY, SpectrumPanel, flow_arrows, title_slots, twin_axes
from ..plot.panels import PhasePanel, run_status
from ..plot.style import as_figure, as_window
from ..solution_concepts import classify_critical_point
from ..validation import as_callable, as_count, as_point, as_scalar
from .base import LookupView, View
from .dynamics import single_run


def checked_cases(cases) -> dict:
    """``{label: (game, point)}`` with string labels, games, and points of the game's dimension."""
    if not isinstance(cases, dict) or not cases:
        raise TypeError(f"cases must be a non-empty dict {{label: (game, point)}}, got {cases!r}")
    out = {}
    for label, case in cases.items():
        if not isinstance(label, str):
            raise TypeError(f"cases labels must be strings, got {label!r}")
        if not isinstance(case, tuple) or len(case) != 2 or not isinstance(case[0], Game):
            raise TypeError(f"cases[{label!r}] must be a pair (game, point), got {case!r}")
        game, point = case
        if game.d != 2:
            raise ValueError(f"cases[{label!r}] must hold a 2-D game, got d={game.d}")
        out[label] = (game, game.check_points(as_point(point, 2, f"cases[{label!r}] point"),
                                              f"cases[{label!r}] point"))
    return out

__all__ = ["InspectorView", "inspector_view"]


class InspectorView(LookupView):
    """The solution-concept inspector: pick a (game, critical point) case and a step size.

    Left: the phase portrait around the point (coordinates relative to it) with a GDA
    trajectory started nearby. Right: eigenvalues of the GDA update :math:`I - \\eta J(z^*)`
    against the unit circle. On top, one badge per solution concept (green: satisfied,
    orange: not, grey: degenerate), from :func:`~lecturecode.solution_concepts.classify_critical_point`.

    ``cases`` maps a label to ``(game, point)``; the label names the point after " at "
    (as :func:`~lecturecode.solution_concepts.inspector_cases` does). Calling the view with ``case=label`` and
    ``eta=...`` redraws in place and returns the :class:`Classification`.
    """

    def __init__(self, fig, cases: dict, *, make_method=sim_gda, lim: float = 0.4, n_steps: int = 150,
                 n_grid: int = 11, eig_lim: float = 1.6, start_offset=(0.7, 0.45)):
        as_figure(fig)
        self.cases = checked_cases(cases)
        self.make_method = as_callable(make_method, "make_method", "parameters -> Method")
        #: where the trajectory starts, relative to the point, in units of the window half-width
        self.start_offset = as_point(start_offset, 2, "start_offset")
        _, lim, n_grid = as_window((0.0, 0.0), lim, n_grid)
        self.lim, self.n_steps = lim, as_count(n_steps, "n_steps", high=100_000)
        self.eig_lim = as_scalar(eig_lim, "eig_lim", low=0.0, low_open=True, high=1e150)
        self.ax_phase, self.ax_eig = twin_axes(fig, left=0.1, top=0.77, spectrum_bottom=0.36)   # badges above
        self._phase = PhasePanel(self.ax_phase, np.zeros(2), self.lim, n_grid, exits=False,
                                 star=((0, 0), 12), labels=("$x - x^*$", "$y - y^*$"))
        self._spectrum = SpectrumPanel(self.ax_eig, eig_lim)
        self._badges = [fig.text(x, 0.955, name, ha="center", va="center", fontsize=10, color="white",
                                 bbox=dict(boxstyle="round,pad=0.35", fc=GREY, ec="none"))
                        for x, name in zip((0.2, 0.5, 0.8), ("local Nash", "local minimax", "GDA-stable"))]
        self._titles = title_slots(fig, (self.ax_phase, self.ax_eig), 0.865)
        #: one panel on the website (the badge row spans both halves, so it is not split)
        self.panels = 1
        self.artists = [*self._phase.artists, *self._spectrum.artists,
                        *self._badges, *self._titles]

    def _compute(self, *, case, **method_params) -> dict:
        """The verdict, run and spectrum for the case labelled ``case`` and the method's parameters
        (e.g. ``eta``), checked here, once per setting."""
        if not isinstance(case, str) or case not in self.cases:
            raise ValueError(f"case must be one of {sorted(self.cases)}, got {case!r}")
        game, point = self.cases[case]
        verdict = classify_critical_point(game, point)
        method = self.make_method(**method_params)
        start = game.project(point + self.start_offset * self.lim)
        traj = single_run(method, game, start, self.n_steps)
        return dict(case=case, game=game, point=point, verdict=verdict, label=method.label, traj=traj,
                    eigenvalues=update_eigenvalues(method, game, point).ravel(),
                    arrows=flow_arrows(game, point + self._phase.grid))

    def _draw(self, frame):
        """Move the artists to ``frame``; returns the :class:`Classification`."""
        traj, verdict, game = frame["traj"], frame["verdict"], frame["game"]
        self._phase._quiver.set_UVC(*frame["arrows"])
        rel = traj.z - frame["point"]
        self._phase.show_path(0, rel)
        self._phase.show_start(rel[0])
        rho = self._spectrum._show(frame["eigenvalues"])      # computed (finite) eigenvalues: not re-checked
        for badge, (name, ok) in zip(self._badges, verdict.badges.items()):
            state = None if (verdict.degenerate and not ok) else ok
            badge.set_text(f"{name}: {'yes' if ok else ('?' if state is None else 'no')}")
            badge.get_bbox_patch().set_facecolor(BADGE_COLOURS[state])
        status = run_status(traj, self.n_steps, at_step=False)
        self._titles[0].set_text(f"{game.name} near {frame['case'].split(' at ')[-1]}\n{frame['label']}: {status}")
        self._titles[1].set_text(f"eigenvalues of the update at z*\nρ = {rho:.4f}")
        return verdict


def inspector_view(cases: dict, **options) -> Callable[[Figure], View]:
    """A view factory for :func:`~lecturecode.widgets.explore`: the :class:`InspectorView`.

    It is the :class:`InspectorView` over ``cases`` (``{label: (game, point)}``), with parameters
    ``case`` and ``eta``."""
    cases = checked_cases(cases)

    def make_view(fig):
        return InspectorView(fig, cases, **options)

    return make_view
