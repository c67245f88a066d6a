"""The LOLA explorer: re-run the 100-seed training for a look-ahead and a step size, redraw."""

from __future__ import annotations

from typing import Callable

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from ..games import ipd
from ..games import MEMORY_ONE, STATES
from ..methods import lola
from ..simulation import LearningRun, train
from ..methods.opponent_shaping import LOLA_FORMS
from ..plot import GREY, PALETTE, style_axes, title_slots
from ..plot.style import as_figure
from ..validation import as_choice, as_count, as_generator, as_scalar
from .base import LookupView, View

__all__ = ["LolaView", "lola_view"]


class LolaView(LookupView):
    r"""LOLA-LOLA on the IPD from ``n_seeds`` random starts (:math:`\theta\sim N(0,1)`).

    Left: mean final P(cooperate | state) over seeds and both agents (bars), the 10-90 %
    range (whiskers) and tit-for-tat (stars). Right: average reward per step over training
    (mean and 10-90 % band) against the TFT-TFT (−1) and ALLD-ALLD (−2) values. Calling the
    view with ``lookahead`` (:math:`\eta'`) and ``delta`` (:math:`\delta`) re-runs the
    training and moves the artists (listed in ``artists``); it returns the run. An explorer
    computes its whole slider grid in one batched training when it is built (``_compute_many``),
    so a move onto a grid value only redraws.
    """

    #: a run is about 3.5 MB at 100 seeds x 200 steps: keep the grid and the last few live values
    cache_size = 48

    def __init__(self, fig, *, form: str = "exact", n_seeds: int = 100, n_steps: int = 200, seed: int = 0):
        fig, form = as_figure(fig), as_choice(form, "form", LOLA_FORMS)
        as_generator(seed)
        self.game, self.form, self.seed = ipd(), form, seed
        self.n_seeds, self.n_steps = as_count(n_seeds, "n_seeds"), as_count(n_steps, "n_steps")
        fig.set_facecolor("white")
        fig.set_layout_engine("none")
        self.ax_bars, self.ax_reward = fig.subplots(1, 2, gridspec_kw=dict(
            left=0.08, right=0.98, bottom=0.3, top=0.84, wspace=0.28))
        for ax in (self.ax_bars, self.ax_reward):
            style_axes(ax)
        xs = np.arange(5)
        self._bars = self.ax_bars.bar(xs, np.zeros(5), 0.6, color=PALETTE[0], alpha=0.85)
        self._spread = LineCollection([], colors="black", linewidths=1.4)
        self.ax_bars.add_collection(self._spread)
        self.ax_bars.plot(xs, MEMORY_ONE["TFT"], "*", color="black", ms=9, mfc="white", ls="none", label="TFT")
        self.ax_bars.set_xticks(xs, ["start", *STATES[1:]])
        self.ax_bars.set(ylim=(-0.05, 1.05), ylabel="P(cooperate | state)")
        self.ax_bars.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)   # off the data
        steps = np.arange(self.n_steps + 1)
        self._steps = steps
        self._band = self.ax_reward.fill_between(steps, -2 * np.ones_like(steps), -2 * np.ones_like(steps),
                                                 color=PALETTE[1], alpha=0.25, lw=0)
        (self._mean,) = self.ax_reward.plot(steps, np.full(steps.shape, np.nan), color=PALETTE[1], lw=1.8,
                                            label="LOLA vs LOLA")
        self.ax_reward.axhline(-1.0, color=GREY, ls="--", lw=1, label="TFT vs TFT")
        self.ax_reward.axhline(-2.0, color=GREY, ls=":", lw=1, label="ALLD vs ALLD")
        self.ax_reward.set(xlim=(0, self.n_steps), ylim=(-2.6, -0.4), xlabel="training step",
                           ylabel="average reward per step")
        self.ax_reward.legend(loc="upper center", bbox_to_anchor=(0.5, -0.26), ncol=2, frameon=False)
        # static titles go into the cached background; only the short lines under them are redrawn
        for text, slot in zip((f"LOLA ({form}), final policies of {self.n_seeds} seeds × 2 agents",
                               "average reward per step over training"),
                              title_slots(fig, (self.ax_bars, self.ax_reward), 0.975)):
            slot.set_text(text)
        self._titles = title_slots(fig, (self.ax_bars, self.ax_reward), 0.925)
        #: two equal panels side by side (the website stacks them on a phone)
        self.panels = 2
        self.artists = [*self._bars, self._spread, self._band, self._mean, *self._titles]

    def _train(self, delta, lookahead):
        return train(lola(delta, lookahead, form=self.form), self.game, n_seeds=self.n_seeds,
                     n_steps=self.n_steps, seed=self.seed)

    @staticmethod
    def _checked(lookahead, delta):
        return (as_scalar(lookahead, "lookahead", low=0.0, low_open=True),
                as_scalar(delta, "delta", low=0.0, low_open=True))

    def _compute(self, *, lookahead: float, delta: float) -> dict:
        """The training run for ``lookahead`` and ``delta`` (checked here, once per setting)."""
        lookahead, delta = self._checked(lookahead, delta)
        return self._summary(lookahead, delta, self._train(delta, lookahead))

    def _compute_many(self, grid: list) -> list:
        """Every setting's run in one batched training (the step sizes as arrays over a batch axis:
        the same numbers as one run per setting); if that fails, one run per setting."""
        try:
            checked = [self._checked(**params) for params in grid]
            lookahead, delta = (np.array(v)[:, None] for v in zip(*checked))
            run = self._train(delta, lookahead)
        except (ValueError, TypeError):                 # a bad or divergent setting: each raises on its own
            return super()._compute_many(grid)
        return [self._summary(la, d, LearningRun(run.z[:, k], run.rewards[:, k], run.probabilities[:, k],
                                               lola(d, la, form=self.form).label))
                for k, (la, d) in enumerate(checked)]

    def _summary(self, lookahead: float, delta: float, run) -> dict:
        p = run.probabilities[-1].reshape(-1, 5)
        r = run.rewards.mean(axis=-1)                      # both agents
        r_lo, r_hi = np.quantile(r, [0.1, 0.9], axis=1)
        verts = np.concatenate([np.column_stack([self._steps, r_lo]),
                                np.column_stack([self._steps[::-1], r_hi[::-1]])])
        return dict(run=run, heights=p.mean(axis=0), spread=np.quantile(p, [0.1, 0.9], axis=0), band=verts,
                    mean=r.mean(axis=1), titles=(f"η′ = {lookahead:.3g}, δ = {delta:.3g}",
                                                 f"final mean {r[-1].mean():.2f}"))

    def _draw(self, frame):
        """Move the artists to ``frame``; returns its run."""
        for bar, h in zip(self._bars, frame["heights"]):
            bar.set_height(h)
        lo, hi = frame["spread"]
        self._spread.set_segments([[(x, a), (x, b)] for x, a, b in zip(range(5), lo, hi)])
        self._band.set_verts([frame["band"]])
        self._mean.set_ydata(frame["mean"])
        for slot, text in zip(self._titles, frame["titles"]):
            slot.set_text(text)
        return frame["run"]


def lola_view(*, form: str = "exact", n_seeds: int = 100, n_steps: int = 200,
              seed: int = 0) -> Callable[[Figure], View]:
    """A view factory for :func:`~lecturecode.widgets.explore`: the :class:`LolaView`.

    It is the :class:`LolaView`, with parameters ``lookahead`` and ``delta`` (the options are
    checked here, before any drawing).

    Examples
    --------
    >>> make_view = lola_view(n_seeds=2, n_steps=3)
    >>> callable(make_view)
    True
    """
    as_choice(form, "form", LOLA_FORMS)
    as_generator(seed)
    options = dict(form=form, n_seeds=as_count(n_seeds, "n_seeds"), n_steps=as_count(n_steps, "n_steps"), seed=seed)

    def make_view(fig):
        return LolaView(fig, **options)

    return make_view
