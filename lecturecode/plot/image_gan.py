"""Figures of the image-GAN study: sample sheets and quality curves (drawing only).

:func:`quality_plot` is the lecture's DCGAN figure in shape: quality against training for
simultaneous and alternating updates, SGD on the left and Adam on the right, one curve per
step size (mean over seeds, band one standard deviation). :func:`accelerated_plot` adds the
acceleration methods at each method's best step size.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

from ..gan.images.metrics import as_samples
from ..gan.images.study import METHODS, ImageStudy, best_eta_index
from .style import GREY, PALETTE, as_axes, legend_outside, style_axes
from ..validation import as_count, as_text

__all__ = ["tile", "sample_sheet", "quality_plot", "accelerated_plot", "COLORS"]

#: One colour per method family, shared by the figures and the explorer.
COLORS = {"Sim": PALETTE[1], "Alt": PALETTE[0], "EG": PALETTE[2], "Extra": PALETTE[2], "OG": PALETTE[3],
          "Optimistic": PALETTE[3], "NM": PALETTE[4]}
_STYLES = ("-", "--", ":")


def color_of(method: str) -> str:
    return COLORS.get(method.split("-")[0].split(" ")[0], GREY)


def tile(samples, n_cols: int = 6) -> np.ndarray:
    """Images ``(n, 64)`` as one mosaic of 8×8 tiles, ``n_cols`` to a row, with one-pixel gaps of
    background (−1, white ink); a diverged run's NaN pixels are drawn as background too.

    Examples
    --------
    >>> tile(np.zeros((36, 64))).shape
    (53, 53)
    """
    x = as_samples(samples)
    if x.ndim != 2:
        raise ValueError(f"samples must be one set of images (n, 64), got shape {x.shape}")
    n_cols = min(as_count(n_cols, "n_cols", high=10_000), x.shape[0])      # one row when there are fewer images
    n_rows = -(-x.shape[0] // n_cols)
    mosaic = np.full((9 * n_rows - 1, 9 * n_cols - 1), -1.0)
    x = np.where(np.isfinite(x), x, -1.0)
    for k, img in enumerate(x):
        r, c = divmod(k, n_cols)
        mosaic[9 * r:9 * r + 8, 9 * c:9 * c + 8] = img.reshape(8, 8)
    return mosaic


def sample_sheet(samples, ax=None, *, n_cols: int = 6, title: str | None = None) -> Axes:
    """Draw a sheet of digits (dark ink on white, pixels in [-1, 1])."""
    if ax is None:
        ax = plt.figure(figsize=(3.0, 3.0), facecolor="white").add_subplot()
    ax = as_axes(ax)
    ax.imshow(tile(samples, n_cols), cmap="gray_r", vmin=-1, vmax=1, interpolation="nearest")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_visible(False)
    if title is not None:
        ax.set_title(as_text(title, "title"))
    return ax


def _check_study(study):
    if not isinstance(study, ImageStudy):
        raise TypeError(f"study must be an ImageStudy (record_study, image_study), got {type(study).__name__}")
    return study


def _band(ax, study, method, j, *, color, ls, label):
    f = study.fid[study.index(method), j]
    mean, std = np.nanmean(f, axis=0), np.nanstd(f, axis=0)
    ax.fill_between(study.evals, np.maximum(mean - std, 1e-3), mean + std, color=color, alpha=0.15, lw=0)
    ax.plot(study.evals, mean, color=color, ls=ls, lw=1.6, label=label)


def _panels(ax, figsize):
    if ax is None:
        fig = plt.figure(figsize=figsize, layout="constrained", facecolor="white")
        ax = fig.subplots(1, 2, sharey=True)
    ax = np.asarray(ax).ravel()
    if ax.size != 2:
        raise ValueError(f"ax must be a pair of axes, got {ax.size}")
    for a in ax:
        style_axes(as_axes(a))
    return ax


def _finish(ax, study, titles):
    for a, title in zip(ax, titles):
        a.set(yscale="log", xlabel="gradient evaluations per player", title=title)
        a.axhline(study.floor, color=GREY, lw=1, ls="-.", label="real digits (floor)")
        legend_outside(a, ncol=2)
    ax[0].set_ylabel("FID on classifier features")


def quality_plot(study: ImageStudy, ax=None) -> Axes:
    """Sim vs Alt, SGD (left) and Adam (right): mean FID over seeds (band ±1 std) against
    gradient evaluations, one line style per step size."""
    study = _check_study(study)
    ax = _panels(ax, (8.0, 4.2))
    for a, base in zip(ax, ("SGD", "Adam")):
        for method in (f"Sim-{base}", f"Alt-{base}"):
            if method not in study.methods:
                continue
            for j, eta in enumerate(study.etas[study.index(method)]):
                _band(a, study, method, j, color=color_of(method), ls=_STYLES[j % 3], label=f"{method}, η={eta:g}")
    _finish(ax, study, ("SGD as base optimizer", "Adam as base optimizer"))
    return ax


def accelerated_plot(study: ImageStudy, ax=None) -> Axes:
    """Sim, Alt, extragradient, optimistic and negative momentum, each at its best step size
    (:func:`best_eta_index`), SGD (left) and Adam (right)."""
    study = _check_study(study)
    ax = _panels(ax, (8.0, 4.6))
    for a, base in zip(ax, ("SGD", "Adam")):
        for method in study.methods:
            if METHODS[method][0] != base:
                continue
            j = best_eta_index(study, method)
            eta = study.etas[study.index(method), j]
            _band(a, study, method, j, color=color_of(method), ls="-", label=f"{method}, η={eta:g}")
    _finish(ax, study, ("SGD base: best step size each", "Adam base: best step size each"))
    return ax
