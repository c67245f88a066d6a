"""GAN figures: the saturation of the generator's costs, samples over training with the
discriminator's contours, mode coverage over training, and the multi-seed study."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ..gan.costs import GENERATOR_COSTS, generator_cost, generator_cost_grad, logit
from ..gan.metrics import mode_report
from ..gan.study import StudyRow
from ..gan.training import GanRun
from ..validation import as_count
from .style import GREY, PALETTE, as_axes, legend_outside, new_axes, style_axes

__all__ = ["saturation_plot", "gan_snapshots", "coverage_plot", "study_plot", "draw_gan_frame"]

_COST_LABELS = {"minimax": r"minimax: $\log(1 - D)$", "non_saturating": r"non-saturating: $-\log D$"}


def as_seed_index(run: GanRun, seed_index) -> tuple:
    """Which run of a batch: one index per seed axis of ``run`` (``()`` for a single run)."""
    batch = run.samples.shape[1:-2]
    if not isinstance(seed_index, (tuple, list)):
        raise TypeError(f"seed_index must be a tuple of ints (one per seed axis, () for one run), got {seed_index!r}")
    if len(seed_index) != len(batch):
        raise ValueError(f"seed_index must have {len(batch)} entries for runs of shape {batch}, got {seed_index!r}")
    return tuple(as_count(i, "seed_index entry", low=0, high=n - 1) for i, n in zip(seed_index, batch))


def _check_run(run, need_grid: bool = False) -> GanRun:
    if not isinstance(run, GanRun):
        raise TypeError(f"run must be a GanRun (from train_gan), got {run!r}")
    if need_grid and run.d_grid is None:
        raise ValueError("run has no recorded discriminator grid: train it with grid=(lim, n)")
    return run


def _axes_pair(ax, figsize):
    if ax is None:
        fig = plt.figure(figsize=figsize, layout="constrained", facecolor="white")
        ax = fig.subplots(1, 2)
    ax = np.asarray(ax).ravel()
    if ax.size != 2:
        raise ValueError(f"ax must be a pair of axes, got {ax.size}")
    for a in ax:
        style_axes(a)
    return ax


def saturation_plot(ax=None) -> Axes:
    r"""The generator's two costs (left) and their derivatives with respect to the
    discriminator's logit (right), against :math:`D(G(z))`.

    Returns
    -------
    ndarray of two Axes

    Examples
    --------
    >>> saturation_plot().shape
    (2,)
    """
    ax = _axes_pair(ax, (9.0, 3.6))
    d = np.linspace(1e-3, 1 - 1e-3, 400)
    ell = logit(d)
    for i, cost in enumerate(GENERATOR_COSTS):
        ax[0].plot(d, generator_cost(ell, cost), color=PALETTE[i], lw=1.8, label=_COST_LABELS[cost])
        ax[1].plot(d, generator_cost_grad(ell, cost), color=PALETTE[i], lw=1.8, label=_COST_LABELS[cost])
    for a in ax:
        a.axvspan(0, 0.1, color=GREY, alpha=0.12, lw=0)
        a.set_xlabel(r"$D(G(z))$: the discriminator's belief that a fake is real")
        a.set_xlim(0, 1)
    ax[0].text(0.02, 0.04, "generator is bad", transform=ax[0].transAxes, fontsize=9, color=GREY)
    ax[0].set(ylabel=r"cost $J_G$ per sample", ylim=(-5, 5), title="generator costs")
    ax[1].set(ylabel=r"$\partial J_G / \partial \ell$ (logit $\ell$)", ylim=(-1.05, 0.05),
              title="their gradients through the logit")
    ax[1].axhline(0, color="black", lw=0.8)
    legend_outside(ax[0])
    return ax


def draw_gan_frame(ax, run: GanRun, index: int, seed_index=(), *, n_points: int = 512) -> tuple:
    """One snapshot on ``ax``: :math:`D(x)` as a heat map, the data's modes, the samples.
    Returns ``(image, modes, scatter)``: the artists a view moves, in drawing order."""
    ax, run = as_axes(ax), _check_run(run, need_grid=True)
    index = as_count(index, "index", low=0, high=len(run.steps) - 1)
    seed_index, n_points = as_seed_index(run, seed_index), as_count(n_points, "n_points")
    lim = run.grid_lim
    image = ax.imshow(run.d_grid[(index, *seed_index)], origin="lower", extent=(-lim, lim, -lim, lim),
                      cmap="RdBu", vmin=0.0, vmax=1.0, alpha=0.55, interpolation="bilinear")
    means = run.data.means if run.data is not None else np.empty((0, 2))
    (modes,) = ax.plot(*means.T, "+", color="black", ms=9, mew=1.5, zorder=2)
    samples = run.samples[(index, *seed_index)][:n_points]
    scatter = ax.scatter(samples[:, 0], samples[:, 1], s=5, color=PALETTE[4], edgecolors="none", zorder=3)
    ax.set(xlim=(-lim, lim), ylim=(-lim, lim), xticks=[], yticks=[])
    ax.set_aspect("equal")
    ax.grid(False)
    return image, modes, scatter


def gan_snapshots(run: GanRun, steps=None, ax=None, *, seed_index=()) -> Axes:
    """Samples (orange) over training, on the discriminator's :math:`D(x)` (blue: "real",
    red: "fake"); black crosses mark the data's modes.

    Parameters
    ----------
    run : GanRun
        With a recorded ``d_grid`` (train with ``grid=(lim, n)``).
    steps : sequence of int, optional
        Steps to show (nearest snapshots; default: four spread over the run).
    seed_index : tuple
        Which run of a batch (``()`` for a single run).
    """
    run = _check_run(run, need_grid=True)
    seed_index = as_seed_index(run, seed_index)
    if steps is None:
        steps = run.steps[np.linspace(0, len(run.steps) - 1, 4).round().astype(int)]
    if isinstance(steps, (str, bytes)) or not hasattr(steps, "__iter__"):
        raise TypeError(f"steps must be a sequence of training steps (ints), got {steps!r}")
    steps = [as_count(s, "steps entry", low=0) for s in steps]
    if not steps:
        raise ValueError("steps must name at least one training step")
    if ax is None:
        fig = plt.figure(figsize=(2.4 * len(steps), 2.6), layout="constrained", facecolor="white")
        ax = fig.subplots(1, len(steps))
    ax = np.atleast_1d(ax).ravel()
    for a, step in zip(ax, steps):
        style_axes(a)
        i = run.snapshot(step)
        draw_gan_frame(a, run, i, seed_index)
        report = mode_report(run.samples[(i, *seed_index)], run.data) if run.data is not None else None
        extra = (f"\n{int(report.modes_covered)}/{report.n_modes} modes, {float(report.fraction_near):.0%} near"
                 if report else "")
        a.set_title(f"step {run.steps[i]}{extra}", fontsize=9)
    return ax


def coverage_plot(run: GanRun, ax=None, *, seed_index=()) -> Axes:
    """Modes covered (left axis) and the fraction of samples near a mode (right axis) at every
    snapshot of ``run``."""
    if not isinstance(run, GanRun) or run.data is None:
        raise TypeError("run must be a GanRun on a Mixture (e.g. from train_toy_gan)")
    seed_index = as_seed_index(run, seed_index)
    ax = new_axes(ax, figsize=(5.5, 3.2))
    report = mode_report(run.samples[(slice(None), *seed_index)], run.data)
    ax.plot(run.steps, report.modes_covered, color=PALETTE[0], lw=1.8, label="modes covered")
    ax.set(xlabel="training step", ylabel="modes covered", ylim=(-0.3, run.data.n_modes + 0.3))
    twin = ax.twinx()
    twin.plot(run.steps, report.fraction_near, color=PALETTE[1], lw=1.8, ls="--", label="fraction near a mode")
    twin.set(ylabel="fraction of samples near a mode", ylim=(0, 1))
    twin.spines[["top"]].set_visible(False)
    lines = ax.get_lines() + twin.get_lines()
    ax.legend(lines, [line.get_label() for line in lines], loc="upper center", ncol=2, frameon=False,
              bbox_to_anchor=(0.5, -0.22))                        # below the axes, off the data
    return ax


def study_plot(rows, ax=None) -> Axes:
    """The multi-seed study: per-seed results (dots) with mean ± standard deviation (bars),
    modes covered (left) and fraction of samples near a mode (right)."""
    if not isinstance(rows, (list, tuple)) or not all(isinstance(r, StudyRow) for r in rows):
        raise TypeError(f"rows must be a list of StudyRow (from mode_study), got {rows!r}")
    if not rows:
        raise ValueError("rows must hold at least one StudyRow (from mode_study)")
    ax = _axes_pair(ax, (9.0, 3.4))
    labels = [r.label for r in rows]
    y = np.arange(len(rows))[::-1]
    for a, field, title, hi in ((ax[0], "modes", "modes covered", None), (ax[1], "near", "fraction near a mode",
                                                                              1.02)):
        values = [getattr(r, field) for r in rows]
        means = np.array([v.mean() for v in values])
        stds = np.array([v.std() for v in values])
        a.barh(y, means, xerr=stds, color=[PALETTE[i % 8] for i in range(len(rows))], alpha=0.45,
               error_kw=dict(ecolor="black", capsize=3, lw=1))
        for yi, v in zip(y, values):
            a.plot(v, np.full(v.shape, yi) + np.linspace(-0.15, 0.15, v.size), "o", color="black", ms=3)
        a.set(xlim=(0, hi), title=title, yticks=y)
        a.grid(axis="y", visible=False)
    ax[0].set_yticklabels(labels)
    ax[1].set_yticklabels([])
    return ax
