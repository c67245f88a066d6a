r"""Outcomes of learning runs on the iterated prisoner's dilemma, seed by seed.

A mean over seeds with min-max whiskers hides what happened: on the IPD a seed either ends in
mutual cooperation (about :math:`-1` per step) or in mutual defection (:math:`-2`), rarely in
between. :func:`ipd_outcomes` counts the seeds of each kind and, among the cooperating
agents, those whose policy *retaliates* (defects after being exploited), the part of
tit-for-tat that makes cooperation stable.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..simulation import LearningRun
from ..validation import as_scalar

__all__ = ["IpdOutcomes", "ipd_outcomes"]



class IpdOutcomes(NamedTuple):
    """Seed-by-seed outcomes of a run (see :func:`ipd_outcomes`).

    Attributes
    ----------
    cooperate : float
        Fraction of seeds whose final reward per step, averaged over both agents, is at
        least ``cooperate_above``.
    defect : float
        Fraction of seeds at most ``defect_below``.
    retaliate : float
        Among the cooperating seeds' agents, the fraction with P(C | CD) < ½: after
        cooperating against a defection, they defect next (0 when no seed cooperates).
    rewards : ndarray, shape (n_seeds,)
        The final reward per step of each seed (mean of the two agents).
    cooperation : ndarray, shape (n_steps + 1, 5)
        Mean P(C | state) over seeds and agents along training, states as :data:`lecturecode.games.STATES`.
    """

    cooperate: float
    defect: float
    retaliate: float
    rewards: np.ndarray
    cooperation: np.ndarray


def ipd_outcomes(run, *, cooperate_above: float = -1.1, defect_below: float = -1.9) -> IpdOutcomes:
    r"""How many seeds of ``run`` (from :func:`lecturecode.train` on the IPD) cooperate, how
    many defect, and how many cooperating agents retaliate.

    Examples
    --------
    >>> from lecturecode import train
    >>> from lecturecode.games import ipd
    >>> from lecturecode.methods import naive_learner
    >>> out = ipd_outcomes(train(naive_learner(1.0), ipd(), n_seeds=10, n_steps=100))
    >>> out.cooperate, out.defect
    (0.0, 1.0)
    """
    if not isinstance(run, LearningRun):
        raise TypeError(f"run must be a LearningRun (from lecturecode.train), got {run!r}")
    cooperate_above = as_scalar(cooperate_above, "cooperate_above", low=-3.0, high=0.0)
    defect_below = as_scalar(defect_below, "defect_below", low=-3.0, high=0.0)
    if not defect_below < cooperate_above:
        raise ValueError(f"defect_below must be below cooperate_above, got {defect_below:g} and {cooperate_above:g}")
    rewards = run.rewards[-1].mean(axis=-1)
    final = run.probabilities[-1]                               # (n_seeds, 2, 5)
    coop = rewards >= cooperate_above
    retaliate = float((final[coop][..., 2] < 0.5).mean()) if coop.any() else 0.0
    cooperation = run.probabilities.mean(axis=(1, 2))
    return IpdOutcomes(float(coop.mean()), float((rewards <= defect_below).mean()), retaliate, rewards,
                       cooperation)
