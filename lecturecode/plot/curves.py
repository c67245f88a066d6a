"""Curves: rate against step size, distance against iterations, iterations against kappa."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from ..analysis import IterationLaw, loglog_slope
from ..analysis.tuning import Tuned
from ..validation import as_pair, as_real_array
from .style import as_curve, labelled, legend_outside, method_style, new_axes

__all__ = ["rate_vs_step_size", "distance_plot", "iterations_plot"]


def rate_vs_step_size(etas, rates, ax=None, *, optimum=None) -> Axes:
    """Convergence rate (spectral radius) against step size, with the line :math:`\\rho = 1`.

    Parameters
    ----------
    etas : array, shape (n,)
    rates : dict {label: array of shape (n,)}
    optimum : Tuned or (eta, rate), optional
        Marked with a star and annotated (a :class:`~lecturecode.analysis.Tuned` step size,
        e.g. from :func:`~lecturecode.analysis.optimal_step_size`, at an end of its search
        range is labelled as the best step *in the range*).
    """
    etas = as_real_array(etas, "etas", allow_empty=False)
    if etas.ndim != 1:
        raise ValueError(f"etas must be a 1-D array, got shape {etas.shape}")
    series = []
    for label, r in labelled(rates, "rates"):
        r = as_curve(r, f"rates[{label!r}]")
        if r.shape != etas.shape or np.isnan(r).any():
            raise ValueError(f"rates[{label!r}] must have the shape of etas {etas.shape} and no NaN, got {r.shape}")
        series.append((label, np.minimum(r, 1e300)))
    at_end = False
    if optimum is not None:

        if isinstance(optimum, Tuned):
            at_end, optimum = bool(optimum.on_boundary), (optimum.eta, optimum.rate)
        optimum = as_pair(optimum, "optimum")
    ax = new_axes(ax)
    for label, r in series:
        ax.plot(etas, r, label=label, lw=1.6)
    ax.axhline(1.0, color="black", lw=0.8, ls="--", label=r"$\rho = 1$ (no convergence)")
    if optimum is not None:
        eta_opt, rate_opt = optimum
        ax.plot(eta_opt, rate_opt, "*", color="black", ms=12, zorder=4,
                label=(r"best in the range (at its end)" if at_end else "optimum")
                + rf" $\eta^*={eta_opt:.3g}$, $\rho={rate_opt:.4f}$")
    ax.set_xlabel(r"step size $\eta$")
    ax.set_ylabel(r"spectral radius $\rho$")
    legend_outside(ax)
    return ax


def distance_plot(curves, ax=None, *, predicted=None) -> Axes:
    """Distance to the solution against iterations, on a log scale.

    Parameters
    ----------
    curves : dict {label: array of shape (n_steps + 1,)}
        Measured distances (``inf`` after divergence is cut at the top of the frame).
    predicted : dict {label: array}, optional
        Theory curves, drawn dashed in the colour of the measured curve with the same index.
    """
    def checked(items, name):
        out = []
        for label, dist in labelled(items, name):
            dist = as_curve(dist, f"{name}[{label!r}]")
            if dist.ndim != 1 or dist.size == 0:
                raise ValueError(f"{name}[{label!r}] must be a non-empty 1-D array of distances, got {dist.shape}")
            if np.any(dist < 0):
                raise ValueError(f"{name}[{label!r}] must hold distances >= 0")
            shown = np.where(np.isfinite(dist) & (dist > 0), dist, np.nan)     # log axes: 0, inf, NaN not drawn
            out.append((label, np.clip(shown, 1e-150, 1e150)))    # log axes stay finite (matplotlib exp)
        return out

    measured = checked(curves, "curves")
    theory = checked({} if predicted is None else predicted, "predicted")
    ax = new_axes(ax, figsize=(6.0, 4.0))
    finite = [d[np.isfinite(d)] for _, d in measured + theory]
    values = np.concatenate(finite) if finite else np.empty(0)
    colours = [method_style(label, i)[0] for i, (label, _) in enumerate(measured)]
    for (label, dist), colour in zip(measured, colours):
        ax.semilogy(np.arange(dist.shape[0]), dist, color=colour, lw=1.8, label=label)
    for i, (label, dist) in enumerate(theory):
        colour = colours[i] if i < len(colours) else method_style(label, i)[0]
        ax.semilogy(np.arange(dist.shape[0]), dist, color=colour, lw=1.2, ls="--", label=label)
    if values.size:                                        # all-NaN / all-inf curves: keep the default frame
        low = max(float(values.min()) / 10, 1e-151)
        ax.set_ylim(low, min(max(float(values.max()) * 10, low * 1000), 1e151))
    else:
        ax.set_yscale("log")
        ax.set_ylim(1e-3, 1e1)
    ax.set_xlabel("iteration $k$")
    ax.set_ylabel(r"$\|z^{(k)} - z^*\|$")
    legend_outside(ax)
    return ax


def iterations_plot(laws, ax=None) -> Axes:
    """Iterations-to-ε against κ on log-log axes, each law labelled with its fitted slope.

    Parameters
    ----------
    laws : dict {label: IterationLaw}
        From :func:`lecturecode.analysis.iterations_vs_kappa`.
    """
    items = labelled(laws, "laws")
    for label, law in items:
        if not isinstance(law, IterationLaw):
            raise TypeError(f"laws[{label!r}] must be an IterationLaw (from iterations_vs_kappa), got {law!r}")
    ax = new_axes(ax, figsize=(5.5, 4.0))
    for i, (label, law) in enumerate(items):
        slope = loglog_slope(law.kappa, law.iterations)
        colour, marker = method_style(label, i)
        ax.loglog(law.kappa, law.iterations, marker=marker, ls="-", color=colour, lw=1.6,
                  label=f"{label}: slope {slope:.2f}")
    ax.set_xlabel(r"condition number $\kappa = L/\mu$")
    ax.set_ylabel(r"iterations to reach $\varepsilon$")
    legend_outside(ax)
    return ax
