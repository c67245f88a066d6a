"""The comparison figure: distance to the solution against iterations for many methods at once."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from ..validation import as_scalar
from ..methods.registry import REGISTRY
from .style import as_curve, labelled, legend_outside, method_style, new_axes

__all__ = ["METHOD_COLOURS", "comparison_plot"]

#: One colour per registered method, the same in every figure of the book (from the registry:
#: Sim-GDA vermillion and Alt-GDA green, as in the lecture's eigenvalue figure).
METHOD_COLOURS = {name: spec.colour for name, spec in REGISTRY.items()}
_DASHES = ["-", "--", "-.", ":"]


def comparison_plot(curves, ax=None, *, floor: float = 1e-12) -> Axes:
    r"""Distances :math:`\|z^{(k)} - z^*\|` of several methods on log axes, each method in its
    colour of :data:`METHOD_COLOURS` and a line style of its own, so curves that coincide
    (e.g. a method and its variant tuned to the same hyper-parameters) stay visible.

    Parameters
    ----------
    curves : dict {method name: array of shape (n_steps + 1,)}
        E.g. from :func:`lecturecode.analysis.tuned_distances`.
    floor : float
        Lower end of the vertical axis (distances below it are rounding noise).

    Examples
    --------
    >>> ax = comparison_plot({"Sim-GDA": [1.0, 0.9, 0.8], "Alt-GDA": [1.0, 0.5, 0.25]})
    >>> [line.get_linestyle() for line in ax.get_lines()]
    ['-', '--']
    """
    floor = as_scalar(floor, "floor", low=1e-150, high=1e150)
    items = []
    for label, dist in labelled(curves, "curves"):
        dist = as_curve(dist, f"curves[{label!r}]")
        if dist.ndim != 1 or dist.size == 0:
            raise ValueError(f"curves[{label!r}] must be one non-empty curve (1-D), got shape {dist.shape}")
        # a diverged run's inf tail and exact zeros cannot sit on a log axis: not drawn
        # (clipped to 1e+-150 so that matplotlib's log axes stay finite)
        items.append((label, np.where(np.isfinite(dist) & (dist > 0), np.clip(dist, 1e-150, 1e150), np.nan)))
    if items and not any(np.isfinite(d).any() for _, d in items):
        raise ValueError("curves must hold at least one positive, finite distance to draw on a log scale")
    ax = new_axes(ax, figsize=(6.5, 4.2))
    for i, (label, dist) in enumerate(items):
        colour, marker = method_style(label, i)
        ax.semilogy(np.arange(dist.shape[0]), dist, color=colour, ls=_DASHES[i % len(_DASHES)],
                    lw=2.0 if i % len(_DASHES) else 1.6, marker=marker, markevery=max(dist.shape[0] // 8, 1),
                    ms=5, label=label)
    shown = [d[np.isfinite(d) & (d > 0)] for _, d in items]
    top = min(max((float(v.max()) for v in shown if v.size), default=1.0), 1e150)
    low = max(floor, ax.get_ylim()[0])
    ax.set_ylim(low, max(10 * top, 10 * low))
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel(r"$\|z^{(k)} - z^*\|$")
    legend_outside(ax)
    return ax
