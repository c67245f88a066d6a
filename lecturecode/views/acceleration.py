r"""The acceleration explorer: a registered method (optionally with momentum) on a 2-D game,
its trajectory on the phase portrait beside the eigenvalues of its update operator, once in
the complex plane against the unit circle and once by angle and log-modulus, where a
spectral radius of 0.99 and one of 1.01 are clearly apart."""

from __future__ import annotations

from typing import Callable

import numpy as np
from matplotlib.figure import Figure

from ..analysis import update_eigenvalues
from ..games import Game, quadratic_2d
from ..methods import Method, with_momentum
from ..methods.registry import REGISTRY
from ..plot import PALETTE, LogRadiusPanel, SpectrumPanel, style_axes, title_slots
from ..plot.panels import PhasePanel, run_status
from ..simulation import simulate
from ..plot.style import as_figure
from ..validation import as_count, as_point, as_scalar, as_step_size
from .base import LookupView, View

__all__ = ["registered_method", "AccelerationView", "acceleration_view", "EXPLORER_METHODS"]

#: The methods the explorer offers, by registry name.
EXPLORER_METHODS = ("Sim-GDA", "Negative momentum", "EG", "OGDA", "PPM", "Alt-GDA")


def registered_method(name: str, eta, beta=0.0) -> Method:
    r"""The registry's method ``name`` at step size ``eta`` with momentum ``beta``.

    A method whose factory takes ``beta`` (negative momentum) gets it directly; Alt-GDA with
    ``beta != 0`` is Gidel et al.'s alternating momentum (``"Alt-GDA + NM"``, each player's
    momentum term in its move); any other gets :func:`~lecturecode.methods.with_momentum`
    when ``beta != 0``, so the explorer's β slider means :math:`+\beta(z^{(k)} - z^{(k-1)})`
    for every method. Each argument is checked once, here; the method is then built from the
    checked values (the factories' ``unchecked`` bodies), so nothing is validated twice.

    Examples
    --------
    >>> registered_method("EG", 0.1).label
    'EG (η=0.1)'
    >>> registered_method("EG", 0.1, beta=-0.2).label
    'EG + momentum (η=0.1, β=-0.2)'
    >>> registered_method("Alt-GDA", 0.1, beta=-0.2).label
    'Alt-GDA + NM (η=0.1, β=-0.2)'
    """
    if not isinstance(name, str) or name not in REGISTRY:
        raise ValueError(f"name must be one of the registry's methods {list(REGISTRY)}, got {name!r}")
    return _registered(name, as_step_size(eta, "eta"), _as_beta(beta))


def _as_beta(beta) -> float:
    return as_scalar(beta, "beta", low=-1.0, high=1.0, low_open=True, high_open=True)


def _registered(name: str, eta: np.ndarray, beta: float) -> Method:
    """:func:`registered_method` for checked values: ``name`` a registry name, ``eta`` step
    size(s) as :func:`~lecturecode.validation.as_step_size` returns them, ``beta`` in (-1, 1)."""
    if name == "Alt-GDA" and beta != 0.0:
        name = "Alt-GDA + NM"
    spec = REGISTRY[name]
    make = getattr(spec.make, "unchecked", spec.make)     # a factory without it checks again (harmless)
    momentum = np.asarray(beta, dtype=float)              # the form the momentum check returns
    if "beta" in spec.example:
        return make(eta=eta, beta=momentum)
    method = make(eta=eta)
    return method if beta == 0.0 else with_momentum.unchecked(method, momentum)


class AccelerationView(LookupView):
    """The acceleration explorer's view: a run, its spectrum, its log-spectrum.

    Trajectory on the phase portrait | eigenvalues vs the unit circle | the same by
    angle and log-modulus, for the method, step size and momentum of each call.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> view = AccelerationView(Figure(figsize=(11, 3.6)), quadratic_2d(1.0, 10.0, 1.0))
    >>> round(view(method="Sim-GDA", eta=1 / 101, beta=0.0), 4)     # returns the spectral radius
    0.995
    """

    def __init__(self, fig, game, *, z0=(1.0, 1.0), n_steps: int = 200, lim: float = 1.5,
                 n_grid: int = 13, eig_lim: float = 1.6, methods=EXPLORER_METHODS):
        fig = as_figure(fig)
        if not isinstance(game, Game) or game.d != 2:
            raise ValueError(f"game must be a 2-D lecturecode Game, got {game!r}")
        self.game, self.methods = game, tuple(methods)
        for name in self.methods:
            if name not in REGISTRY:
                raise ValueError(f"methods must be registry names {list(REGISTRY)}, got {name!r}")
        self.z0 = as_point(z0, 2, "z0")                 # one start: the view draws one trajectory
        self.n_steps = as_count(n_steps, "n_steps")
        self.lim = as_scalar(lim, "lim", low=0.0, low_open=True)
        self.center = np.zeros(2) if game.z_star is None else np.asarray(game.z_star, dtype=float)
        fig.set_facecolor("white")
        fig.set_layout_engine("none")          # fixed margins: a layout pass per redraw is slow
        self.ax_phase, self.ax_eig, self.ax_log = fig.subplots(1, 3, gridspec_kw=dict(
            left=0.06, right=0.99, bottom=0.14, top=0.82, wspace=0.6))
        for ax in (self.ax_phase, self.ax_eig, self.ax_log):
            style_axes(ax)
        self._phase = PhasePanel(self.ax_phase, self.center, self.lim, n_grid, game=game,
                                 start=(self.z0, PALETTE[0], 5))
        self._spectrum = SpectrumPanel(self.ax_eig, eig_lim, strip=False)      # the third panel zooms instead
        self._log = LogRadiusPanel(self.ax_log)
        self._titles = title_slots(fig, (self.ax_phase, self.ax_eig, self.ax_log), 0.975)
        #: three equal panels side by side (the website stacks them on a phone)
        self.panels = 3
        #: what a redraw moves (lets a widget blit instead of re-rendering the axes)
        self.artists = [*self._phase.artists, *self._spectrum.artists, *self._log.artists, *self._titles]

    def _compute(self, *, method, eta, beta=0.0) -> dict:
        """The run and spectrum of the registry method ``method`` at ``eta`` and ``beta`` (checked
        here, once per setting)."""
        if not isinstance(method, str) or method not in self.methods:
            raise ValueError(f"method must be one of {list(self.methods)}, got {method!r}")
        eta = np.asarray(as_scalar(eta, "eta", low=0.0, low_open=True))      # one step size: one trajectory
        m = _registered(method, eta, _as_beta(beta))
        return dict(label=m.label, traj=simulate(m, self.game, self.z0, self.n_steps),
                    eigenvalues=update_eigenvalues(m, self.game, self.center).ravel())

    def _draw(self, frame) -> float:
        """Move the artists to ``frame``; returns ρ."""
        traj = frame["traj"]
        self._phase._show_path(0, traj.z, bool(traj.diverged))      # the view's own run: one start, shape (n, 2)
        lam = frame["eigenvalues"]
        rho = self._spectrum._show(lam)          # computed (finite) eigenvalues: drawn without re-checking
        self._log._show(lam)
        self._titles[0].set_text(f"{frame['label']}\n{run_status(traj, self.n_steps)}")
        self._titles[1].set_text(f"eigenvalues of the update\nρ = {rho:.4f}")
        verdict = "converges" if rho < 1 else "does not converge"
        self._titles[2].set_text(f"log|λ| by angle (0 = unit circle)\n{verdict}")
        return rho


def acceleration_view(game=None, **options) -> Callable[[Figure], View]:
    """A view factory for :func:`~lecturecode.widgets.explore`: the :class:`AccelerationView`.

    It is the :class:`AccelerationView` on ``game`` (default :math:`0.5x^2 + 10xy - 0.5y^2`),
    with parameters ``method``, ``eta`` and ``beta``.

    Examples
    --------
    >>> from lecturecode.widgets import choice, explore, slider
    >>> ex = explore(acceleration_view(), figsize=(11, 3.6), method=choice(["EG", "PPM"]),
    ...              eta=slider(0.01, 1.0, value=0.1, static=2, log=True),
    ...              beta=slider(-0.5, 0.0, value=0.0, static=1))
    >>> ex.static_html().count("<img") >= 1
    True
    """
    game = quadratic_2d(1.0, 10.0, 1.0) if game is None else game
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")

    def make_view(fig):
        return AccelerationView(fig, game, **options)

    return make_view
