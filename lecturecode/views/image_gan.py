"""The explorer's view over the recorded image-GAN study: for the chosen method and training
step, the sample sheets of its three step sizes (first seed) and its FID curves with the step
marked. Nothing is trained on a redraw: the study recorded every snapshot.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from matplotlib.figure import Figure

from ..gan.images.study import ImageStudy
from ..plot.image_gan import color_of, tile
from ..plot.style import GREY, as_figure, legend_outside, style_axes, title_slots
from ..validation import as_scalar
from .base import View

__all__ = ["ImageStudyView", "image_study_view"]

_STYLES = ("-", "--", ":")


class ImageStudyView:
    """``view(method=..., step=...)`` shows the snapshot nearest to ``step`` (gradient evaluations
    per player) of ``method``; returns the snapshot's index.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from lecturecode.gan.images import record_study
    >>> s = record_study(["Sim-SGD", "Alt-SGD"], seeds=(0,), n_evals=20, record_every=10, hidden=8, n_eval=64)
    >>> ImageStudyView(Figure(), s)(method="Alt-SGD", step=12)
    1
    """

    def __init__(self, fig, study: ImageStudy):
        if not isinstance(study, ImageStudy):
            raise TypeError(f"study must be an ImageStudy, got {type(study).__name__}")
        self.study = study
        fig = as_figure(fig)
        fig.set_facecolor("white")
        fig.set_layout_engine("none")
        n_eta = study.etas.shape[1]
        width = 0.5 / n_eta
        self.ax_sheets = [fig.add_axes((0.01 + k * width, 0.26, width * 0.94, 0.56)) for k in range(n_eta)]
        self.ax_curve = fig.add_axes((0.62, 0.3, 0.36, 0.52))
        style_axes(self.ax_curve)
        blank = tile(study.sheets[0, 0, 0])
        self._images = []
        for ax in self.ax_sheets:
            self._images.append(ax.imshow(blank, cmap="gray_r", vmin=-1, vmax=1, interpolation="nearest"))
            ax.set_xticks([])
            ax.set_yticks([])
            for side in ax.spines.values():
                side.set_visible(False)
        self._lines = [self.ax_curve.plot(study.evals, np.full(study.evals.shape, np.nan), ls=_STYLES[k % 3],
                                          lw=1.6, label=f"step size {k + 1}")[0] for k in range(n_eta)]
        finite = study.fid[np.isfinite(study.fid)]
        lo, hi = (finite.min(), finite.max()) if finite.size else (0.1, 10.0)
        self.ax_curve.set(yscale="log", ylim=(min(lo, study.floor) * 0.8, hi * 1.25),
                          xlim=(0, study.evals[-1]), xlabel="gradient evaluations per player", ylabel="FID")
        self.ax_curve.axhline(study.floor, color=GREY, lw=1, ls="-.")
        self._marker = self.ax_curve.axvline(0, color="black", lw=1.0)
        self._legend = legend_outside(self.ax_curve, ncol=3)
        self._sheet_titles = title_slots(fig, self.ax_sheets, 0.86)
        self._title = fig.text(0.5, 0.975, "", ha="center", va="top", fontsize=11)
        self.artists = [*self._images, *self._lines, self._marker, *self._sheet_titles, self._title]
        #: shown whole on the website (a recorded run: every redraw is already a lookup)
        self.panels = 1

    def __call__(self, *, method, step) -> int:
        """Show ``method`` at the snapshot nearest to ``step``; returns the snapshot index."""
        study = self.study
        m = study.index(method)
        i = int(np.argmin(np.abs(study.evals - as_scalar(step, "step"))))
        color = color_of(method)
        fid = study.fid[m]
        for k, (image, line, title) in enumerate(zip(self._images, self._lines, self._sheet_titles)):
            image.set_data(tile(study.sheets[m, k, i]))
            line.set_ydata(np.nanmean(fid[k], axis=0))
            line.set_color(color)
            line.set_label(f"η={study.etas[m, k]:g}")
            value = np.nanmean(fid[k, :, i])
            digits = int(np.round(np.mean(study.covered[m, k, :, i])))
            title.set_text(f"η={study.etas[m, k]:g}\nFID {value:.2f}, {digits} digits")
        for text, line in zip(self._legend.get_texts(), self._lines):
            text.set_text(line.get_label())
        for handle, _line in zip(self._legend.legend_handles, self._lines):
            handle.set_color(color)
        k = study.evals[i]
        self._marker.set_xdata([k, k])
        self._title.set_text(f"{method} after {k} gradient evaluations per player "
                             f"(mean over {len(study.seeds)} seeds; samples of seed {study.seeds[0]})")
        return i


def image_study_view(study: ImageStudy) -> Callable[[Figure], View]:
    """A view factory for :func:`~lecturecode.widgets.explore`: the :class:`ImageStudyView`.

    It is the :class:`ImageStudyView` of ``study``, with the parameters ``method`` and ``step``."""
    if not isinstance(study, ImageStudy):
        raise TypeError(f"study must be an ImageStudy, got {type(study).__name__}")

    def make_view(fig):
        return ImageStudyView(fig, study)

    return make_view
