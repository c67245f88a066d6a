"""Claims of the GAN chapter's image-GAN section, measured on the recorded study
(:func:`lecturecode.gan.images.image_study`: 10 methods × 3 step sizes × 3 seeds, 800
gradient evaluations per player, FID on classifier features every 40).

Gaps are *paired*: the same seed gives both methods the same initial weights and the same
evaluation noise, and a gap is the mean over snapshots (after the first) of FID(worse) −
FID(better), i.e. the difference of the areas under the two quality curves.
"""

from __future__ import annotations

from ._ledger import Claim

__all__ = ["CLAIMS"]

_ZHANG = "Zhang, Wang, Lessard & Grosse (2022); lecture"
_GIDEL = "Gidel et al. (2019)"
_HOW = "paired FID gap (mean over training), 3 seeds"


def _study():
    from ..gan.images import image_study

    return image_study()


def sim_alt_gap(base: str, eta_index: int, what: str = "mean") -> float:
    """Mean (``"mean"``) or sample standard deviation (``"std"``) over seeds of the paired gap
    FID(Sim) − FID(Alt) at the ``eta_index``-th step size of ``base``."""
    gaps = _study().gap(f"Sim-{base}", f"Alt-{base}", eta_index)
    return float(gaps.mean() if what == "mean" else gaps.std(ddof=1))


def min_gap(worse: str, better: str) -> float:
    """Smallest paired gap FID(``worse``) − FID(``better``) over every step size and seed."""
    s = _study()
    return float(min(s.gap(worse, better, j).min() for j in range(s.etas.shape[1])))


def accelerated_vs_alt(base: str, how: str = "every") -> float:
    """Paired gaps FID(Alt) − FID(method) at the largest step size, over extragradient, optimism and
    negative momentum on ``base``: the smallest over methods and seeds (``"every"``: positive when
    every method is ahead of Alt on every seed), or the largest seed-mean (``"any"``: negative
    when no method is ahead of Alt on average)."""
    names = {"SGD": ("EG-SGD", "OG-SGD", "NM-SGD"), "Adam": ("Extra-Adam", "Optimistic Adam", "NM-Adam")}[base]
    s = _study()
    gaps = [s.gap(f"Alt-{base}", m, s.etas.shape[1] - 1) for m in names]
    return float(min(g.min() for g in gaps) if how == "every" else max(g.mean() for g in gaps))


CLAIMS = (
    Claim("image-alt-sgd", "Image GAN (8×8 digits), SGD: alternating updates reach better samples than simultaneous "
          "ones at every step size and seed", "gans", _ZHANG, f"smallest {_HOW} × 3 η, Sim-SGD − Alt-SGD",
          lambda: min_gap("Sim-SGD", "Alt-SGD"), 0.1, relation="≥", tolerance=0.0),
    Claim("image-alt-adam", "… and with Adam as the base optimizer", "gans", _ZHANG,
          f"smallest {_HOW} × 3 η, Sim-Adam − Alt-Adam", lambda: min_gap("Sim-Adam", "Alt-Adam"), 0.2,
          relation="≥", tolerance=0.0),
    Claim("image-alt-sgd-gap", "… by this much with SGD at η = 0.2 (mean over seeds)", "gans", "this book",
          f"{_HOW}, Sim-SGD − Alt-SGD, η = 0.2", lambda: sim_alt_gap("SGD", 2), 0.55, tolerance=0.3),
    Claim("image-alt-adam-gap", "… and with Adam at η = 0.002", "gans", "this book",
          f"{_HOW}, Sim-Adam − Alt-Adam, η = 0.002", lambda: sim_alt_gap("Adam", 2), 1.75, tolerance=0.8),
    Claim("image-optimism-sim", "Optimism fixes simultaneous Adam: optimistic Adam beats Sim-Adam at every step size "
          "and seed", "gans", _GIDEL, f"smallest {_HOW} × 3 η, Sim-Adam − Optimistic Adam",
          lambda: min_gap("Sim-Adam", "Optimistic Adam"), 0.3, relation="≥", tolerance=0.0),
    Claim("image-accelerated-adam", "At Adam's largest step size, extra-Adam, optimistic Adam and negative momentum "
          "each end up ahead of Alt-Adam", "gans", _GIDEL, f"smallest {_HOW}, Alt-Adam − method, η = 0.002",
          lambda: accelerated_vs_alt("Adam"), 0.0, relation="≥", tolerance=0.0),
    Claim("image-accelerated-sgd", "With SGD, none of them beats plain alternation on average (at equal gradient "
          "evaluations)", "gans", "this book", f"largest seed-mean {_HOW}, Alt-SGD − method, η = 0.2",
          lambda: accelerated_vs_alt("SGD", "any"), 0.0, relation="≤", tolerance=0.0),
)
