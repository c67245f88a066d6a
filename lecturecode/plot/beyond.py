r"""Figures of the "Beyond the lecture" chapter: power laws of noisy and averaged runs on
log-log axes, and the Nash and Stackelberg points of a two-player quadratic game."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from ..analysis.stackelberg import Equilibria
from ..games import Game
from ..validation import as_scalar
from .style import GREY, as_curve, legend_outside, method_style, new_axes

__all__ = ["loglog_curves", "stackelberg_plot"]

_DASHES = ["-", "--", ":", "-."]
_SMALL, _LARGE = 1e-100, 1e100          # drawn range: beyond it (a diverged run) points are left out


def loglog_curves(curves, *, ylabel: str, levels=None, guide: float | None = None, ax=None) -> Axes:
    r"""Curves :math:`y_k` against :math:`k` on log-log axes, each in its method's colour and
    marker (from the label, e.g. ``"Sim-GDA, decreasing η"``); curves of one method get
    different dash patterns. ``levels`` (``{label: value}``) draws grey horizontal lines (a
    predicted floor); ``guide`` draws a dotted line of that slope through the end of the first
    curve.

    Parameters
    ----------
    curves : dict {label: (k, y) or y}
        Positive ``k`` (default ``1, 2, ...``); points with ``k`` or ``y`` outside
        :math:`[10^{-100}, 10^{100}]` (non-positive, NaN or a diverged run's) are left out,
        and each curve must keep at least one.
    ylabel : str

    Examples
    --------
    >>> k = np.arange(1, 101)
    >>> ax = loglog_curves({"EG, averaged": (k, 1 / k)}, ylabel="gap", guide=-1.0)
    >>> len(ax.get_lines())
    2
    """
    if not isinstance(curves, dict) or not curves:
        raise TypeError(f"curves must be a non-empty dict {{label: (k, y)}}, got {curves!r}")
    if not isinstance(ylabel, str):
        raise TypeError(f"ylabel must be a string, got {ylabel!r}")
    if levels is not None and not isinstance(levels, dict):
        raise TypeError(f"levels must be a dict {{label: value}} or None, got {levels!r}")
    if guide is not None:
        guide = as_scalar(guide, "guide", low=-10.0, high=10.0)
    ax = new_axes(ax, figsize=(6.0, 4.0))
    seen, first = {}, None
    for i, (label, pair) in enumerate(curves.items()):
        if not isinstance(label, str):
            raise TypeError(f"curves labels must be strings, got {label!r}")
        if isinstance(pair, tuple) and len(pair) == 2:
            k = as_curve(pair[0], f"curves[{label!r}] k")
            y = as_curve(pair[1], f"curves[{label!r}] y")
        else:                                              # values alone: k = 1, 2, ...
            y = as_curve(pair, f"curves[{label!r}]")
            k = np.arange(1.0, y.size + 1) if y.ndim == 1 else np.ones(0)
        if k.shape != y.shape or k.ndim != 1:
            raise ValueError(f"curves[{label!r}] must be two 1-D arrays of one shape, got {k.shape} and {y.shape}")
        with np.errstate(invalid="ignore"):
            keep = (k >= _SMALL) & (k <= _LARGE) & (y >= _SMALL) & (y <= _LARGE)
        if not keep.any():
            raise ValueError(f"curves[{label!r}] must have a point with k and y in [1e-100, 1e100], "
                             f"got k = {k!r}, y = {y!r}")
        if first is None:
            first = k[keep], y[keep]
        colour, marker = method_style(label, i)
        n = seen[colour] = seen.get(colour, -1) + 1
        ax.loglog(k[keep], y[keep], color=colour, ls=_DASHES[n % len(_DASHES)], lw=1.6, marker=marker,
                  markevery=0.12, ms=5, label=label)
    for label, value in (levels or {}).items():
        value = as_scalar(value, f"levels[{label!r}]", low=_SMALL, high=_LARGE)
        ax.axhline(value, color=GREY, lw=1.0, ls=(0, (6, 3)), label=label)
    if guide is not None and first is not None:
        k_end, y_end = first[0][-1], first[1][-1]
        ks = np.geomspace(first[0][0], k_end, 50)
        with np.errstate(over="ignore"):
            line = np.exp(np.log(y_end) + guide * np.log(ks / k_end))
        inside = (line >= _SMALL) & (line <= _LARGE)
        ax.loglog(ks[inside], line[inside], color=GREY, ls=":", lw=1.4, label=f"slope {guide:g}")
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel(ylabel)
    legend_outside(ax)
    return ax


def stackelberg_plot(game, eq, *, lim: float = 1.0, ax=None) -> Axes:
    r"""The leader's loss :math:`f_1` (contours) in the :math:`(x, y)` plane of a game with one
    coordinate per player, both best-response lines, and the Nash point (where they cross)
    and the Stackelberg point (where the follower's line touches the leader's lowest contour).

    Parameters
    ----------
    game : Game
        Two players of one coordinate each, with losses.
    eq : Equilibria
        From :func:`lecturecode.analysis.stackelberg.nash_and_stackelberg` on ``game``.
    lim : float
        Half-width of the window around the Nash point.

    Examples
    --------
    >>> from lecturecode.analysis.stackelberg import leader_follower_game, nash_and_stackelberg
    >>> g = leader_follower_game()
    >>> ax = stackelberg_plot(g, nash_and_stackelberg(g))
    >>> ax.get_xlabel()
    'leader $x$'
    """
    if not isinstance(game, Game) or game.dims != (1, 1) or game.losses is None:
        raise TypeError(f"game must be a two-player Game with losses and one coordinate each, got {game!r}")
    if not isinstance(eq, Equilibria):
        raise TypeError(f"eq must be the Equilibria of nash_and_stackelberg, got {eq!r}")
    lim = as_scalar(lim, "lim", low=0.0, low_open=True, high=1e6)
    ax = new_axes(ax, figsize=(5.0, 5.0))
    (xn, yn), (xs, ys) = eq.nash, eq.stackelberg
    xs_grid = np.linspace(xn - lim, xn + lim, 121)
    ys_grid = np.linspace(yn - lim, yn + lim, 121)
    X, Y = np.meshgrid(xs_grid, ys_grid)
    f1 = np.array([[game.losses(np.array([a, b]))[0] for a in xs_grid] for b in ys_grid])
    levels = np.quantile(f1, np.linspace(0.02, 0.9, 10))
    levels = np.unique(np.concatenate([levels, [eq.nash_losses[0], eq.stackelberg_losses[0]]]))
    ax.contour(X, Y, f1, levels=levels, colors=GREY, linewidths=0.7, linestyles="solid")
    follower = ys + eq.follower_response[0, 0] * (xs_grid - xs)
    ax.plot(xs_grid, follower, color="#0072B2", lw=2, label=r"follower's best response $y^*(x)$")
    if np.isfinite(eq.leader_response).all():
        leader = xn + eq.leader_response[0, 0] * (ys_grid - yn)
        ax.plot(leader, ys_grid, color="#D55E00", lw=2, ls="--", label=r"leader's best response $x^*(y)$")
    ax.plot([xn], [yn], "o", color="#000000", ms=8, label=f"Nash: leader's loss {eq.nash_losses[0]:.3f}")
    ax.plot([xs], [ys], "*", color="#CC79A7", mec="#000000", ms=14,
            label=f"Stackelberg: leader's loss {eq.stackelberg_losses[0]:.3f}")
    ax.set(xlim=(xn - lim, xn + lim), ylim=(yn - lim, yn + lim), aspect="equal",
           xlabel="leader $x$", ylabel="follower $y$")
    legend_outside(ax, ncol=1)
    return ax
