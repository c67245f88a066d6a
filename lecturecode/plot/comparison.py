"""The comparison figure: distance to the solution against iterations for many methods at once."""

from __future__ import annotations

import numpy as np

from .style import PALETTE, labelled, legend_outside, new_axes

__all__ = ["METHOD_COLOURS", "comparison_plot"]

#: One colour per registered method, the same in every comparison (Sim-GDA vermillion and
#: Alt-GDA green, as in the lecture's eigenvalue figure).
METHOD_COLOURS = {"Sim-GDA": PALETTE[1], "Alt-GDA": PALETTE[2], "Negative momentum": PALETTE[0],
                  "EG": PALETTE[3], "OGDA": PALETTE[4], "PPM": PALETTE[7], "Alt-GDA + NM": PALETTE[5],
                  "FTR": PALETTE[6]}
_DASHES = ["-", "--", "-.", ":"]


def comparison_plot(curves, ax=None, *, floor: float = 1e-12):
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
    ax = new_axes(ax, figsize=(6.5, 4.2))
    items = labelled(curves, "curves")
    for i, (label, dist) in enumerate(items):
        dist = np.asarray(dist, dtype=float)
        ax.semilogy(np.arange(dist.shape[0]), dist, color=METHOD_COLOURS.get(label, PALETTE[i % 8]),
                    ls=_DASHES[i % len(_DASHES)], lw=2.0 if i % len(_DASHES) else 1.6, label=label)
    top = max((float(np.nanmax(np.where(np.isfinite(d), d, np.nan))) for _, d in items), default=1.0)
    ax.set_ylim(max(floor, ax.get_ylim()[0]), 10 * top)
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel(r"$\|z^{(k)} - z^*\|$")
    legend_outside(ax)
    return ax
