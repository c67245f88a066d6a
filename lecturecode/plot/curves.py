"""Curves: rate against step size, distance against iterations, iterations against kappa."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

from ..analysis import loglog_slope
from ..validation import as_real_array
from .style import PALETTE, labelled, legend_outside, new_axes

__all__ = ["rate_vs_step_size", "distance_plot", "iterations_plot"]


def rate_vs_step_size(etas, rates, ax=None, *, optimum=None):
    """Convergence rate (spectral radius) against step size, with the line :math:`\\rho = 1`.

    Parameters
    ----------
    etas : array, shape (n,)
    rates : dict {label: array of shape (n,)}
    optimum : (eta, rate), optional
        Marked with a star and annotated.
    """
    ax = new_axes(ax)
    etas = as_real_array(etas, "etas")
    for label, r in labelled(rates, "rates"):
        ax.plot(etas, np.asarray(r, dtype=float), label=label, lw=1.6)
    ax.axhline(1.0, color="black", lw=0.8, ls="--", label=r"$\rho = 1$ (no convergence)")
    if optimum is not None:
        eta_opt, rate_opt = optimum
        ax.plot(eta_opt, rate_opt, "*", color="black", ms=12, zorder=4,
                label=rf"optimum $\eta^*={eta_opt:.3g}$, $\rho={rate_opt:.4f}$")
    ax.set_xlabel(r"step size $\eta$")
    ax.set_ylabel(r"spectral radius $\rho$")
    legend_outside(ax)
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
    ax = new_axes(ax, figsize=(6.0, 4.0))
    finite_max = 1.0
    for i, (label, dist) in enumerate(labelled(curves, "curves")):
        dist = np.asarray(dist, dtype=float)
        finite_max = max(finite_max, float(np.nanmax(np.where(np.isfinite(dist), dist, np.nan))))
        ax.semilogy(np.arange(dist.shape[0]), dist, color=PALETTE[i % 8], lw=1.8, label=label)
    for i, (label, dist) in enumerate(labelled(predicted or {}, "predicted")):
        dist = np.asarray(dist, dtype=float)
        ax.semilogy(np.arange(dist.shape[0]), dist, color=PALETTE[i % 8], lw=1.2, ls="--", label=label)
    low, _ = ax.get_ylim()
    ax.set_ylim(low, min(ax.get_ylim()[1], finite_max * 10))
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel(r"$\|z^{(k)} - z^*\|$")
    legend_outside(ax)
    return ax


def iterations_plot(laws, ax=None):
    """Iterations-to-ε against κ on log-log axes, each law labelled with its fitted slope.

    Parameters
    ----------
    laws : dict {label: IterationLaw}
        From :func:`lecturecode.analysis.iterations_vs_kappa`.
    """
    ax = new_axes(ax, figsize=(5.5, 4.0))
    for i, (label, law) in enumerate(labelled(laws, "laws")):
        slope = loglog_slope(law.kappa, law.iterations)
        ax.loglog(law.kappa, law.iterations, "o-", color=PALETTE[i % 8], lw=1.6,
                  label=f"{label}: slope {slope:.2f}")
    ax.set_xlabel(r"condition number $\kappa = L/\mu$")
    ax.set_ylabel(r"iterations to reach $\varepsilon$")
    legend_outside(ax)
    return ax
