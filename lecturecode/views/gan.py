"""The training-step scrubber: a recorded GAN run, one snapshot per slider position.

Nothing is trained on a slider move: the run recorded the samples and :math:`D(x)` on a grid
at every snapshot, so a redraw only swaps the heat map's data, moves the samples and the
step marker.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from matplotlib.figure import Figure

from ..gan.metrics import mode_report
from ..gan.training import GanRun
from ..plot import PALETTE, style_axes, title_slots
from ..plot.gan import as_seed_index, draw_gan_frame
from ..plot.style import as_figure
from .base import View

__all__ = ["GanRunView", "gan_run_view"]


class GanRunView:
    """Left: samples of the recorded ``run`` on the discriminator's :math:`D(x)` at the chosen
    step. Right: modes covered and fraction of samples near a mode over training, with the
    chosen step marked. ``view(step=k)`` shows the snapshot nearest to step ``k`` and returns
    its index.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from lecturecode.gan import train_toy_gan
    >>> run = train_toy_gan(n_steps=20, record_every=10, hidden=(8,), grid=(3.0, 10))
    >>> GanRunView(Figure(), run)(step=12)
    1
    """

    def __init__(self, fig, run: GanRun, *, seed_index=()):
        if not isinstance(run, GanRun):
            raise TypeError(f"run must be a GanRun, got {run!r}")
        if run.d_grid is None or run.data is None:
            raise ValueError("the scrubber needs a run on a Mixture with a recorded grid (train with grid=(lim, n))")
        self.run, self.seed_index = run, as_seed_index(run, seed_index)
        fig = as_figure(fig)
        fig.set_facecolor("white")
        fig.set_layout_engine("none")
        self.ax_samples, self.ax_curve = fig.subplots(1, 2, gridspec_kw=dict(
            left=0.03, right=0.92, bottom=0.3, top=0.84, wspace=0.25, width_ratios=(1, 1.5)))
        for ax in (self.ax_samples, self.ax_curve):
            style_axes(ax)
        self._image, modes, self._scatter = draw_gan_frame(self.ax_samples, run, 0, self.seed_index)
        report = mode_report(run.samples[(slice(None), *self.seed_index)], run.data)
        self._modes, self._near = report.modes_covered, report.fraction_near
        self.ax_curve.plot(run.steps, self._modes, color=PALETTE[0], lw=1.6, label="modes covered")
        self.ax_curve.set(xlabel="training step", ylabel="modes covered", ylim=(-0.3, run.data.n_modes + 0.3))
        twin = self.ax_curve.twinx()
        twin.plot(run.steps, self._near, color=PALETTE[1], lw=1.6, ls="--", label="fraction near a mode")
        twin.set(ylim=(0, 1), ylabel="fraction near a mode")
        lines = self.ax_curve.get_lines() + twin.get_lines()
        self.ax_curve.legend(lines, [line.get_label() for line in lines], loc="upper center", ncol=2,
                             bbox_to_anchor=(0.5, -0.3), frameon=False)          # below the axes, off the data
        self._marker = self.ax_curve.axvline(0, color="black", lw=1.0)
        (self._dot,) = self.ax_curve.plot([], [], "o", color=PALETTE[0], ms=6)
        self._titles = title_slots(fig, (self.ax_samples, self.ax_curve), 0.975)
        self.artists = [self._image, modes, self._scatter, self._marker, self._dot, *self._titles]
        #: shown whole on the website (a recorded run: every redraw is already a lookup)
        self.panels = 1

    def __call__(self, *, step) -> int:
        """Show the snapshot nearest to ``step``; returns its index."""
        run = self.run
        i = run.snapshot(step)
        self._image.set_data(run.d_grid[(i, *self.seed_index)])
        samples = run.samples[(i, *self.seed_index)][:512]
        self._scatter.set_offsets(np.where(np.isfinite(samples), samples, 1e9))
        k = run.steps[i]
        self._marker.set_xdata([k, k])
        self._dot.set_data([k], [self._modes[i]])
        self._titles[0].set_text(f"step {k}: samples on D(x)\n(blue: 'real', red: 'fake')")
        self._titles[1].set_text(f"{int(self._modes[i])} of {run.data.n_modes} modes covered, "
                                 f"{float(self._near[i]):.0%} of samples near a mode")
        return i


def gan_run_view(run: GanRun, **options) -> Callable[[Figure], View]:
    """A view factory for :func:`~lecturecode.widgets.explore`: the :class:`GanRunView`.

    It is the :class:`GanRunView` of ``run``, with the parameter ``step``."""
    if not isinstance(run, GanRun):
        raise TypeError(f"run must be a GanRun, got {run!r}")

    def make_view(fig):
        return GanRunView(fig, run, **options)

    return make_view
