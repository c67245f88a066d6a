r"""The chapter's GAN experiment in one place: its default settings, the default run, and the
multi-seed study that varies one choice at a time.

Defaults (:data:`DEFAULTS`): the ring of 8 Gaussians (radius 2, :math:`\sigma = 0.05`; the
3×3 grid, spacing 2, is the alternative),
generator and discriminator MLPs with two hidden layers of 64 ``tanh`` units, 2-D Gaussian
noise, the non-saturating generator cost, alternating updates (discriminator first), Adam
(:math:`\eta = 2\cdot10^{-3}`, :math:`\beta_1 = 0.5`) for both players, minibatches of 128,
1000 steps, seed 0.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple

import numpy as np

from ..validation import as_choice, as_count, as_text
from .data import grid_of_gaussians, ring_of_gaussians
from .metrics import mode_report
from .optimizers import adam, sgd
from .setups import mlp_gan
from .training import GanRun, train_gan

__all__ = ["DEFAULTS", "DATA", "OPTIMIZERS", "train_toy_gan", "StudyRow", "mode_study", "study_table", "STUDY_VARIANTS"]

#: The chapter's default settings (see the module docstring).
DEFAULTS = MappingProxyType(dict(data="ring", cost="non_saturating", order="alternating", first="discriminator",
                                 optimizer="adam", learning_rate=None,
                                 n_steps=1000, batch_size=128, hidden=(64, 64), seed=0, record_every=25,
                                 n_eval=512, grid=(3.0, 60), backend="numpy"))
#: The toy data sets by name.
DATA = MappingProxyType({"ring": ring_of_gaussians, "grid": grid_of_gaussians})
#: Default learning rate of each optimizer.
OPTIMIZERS = MappingProxyType({"adam": 2e-3, "sgd": 0.05})

#: The study's variants: the default and one change at a time.
STUDY_VARIANTS = MappingProxyType({
    "default: non-saturating, alternating, Adam": {},
    "minimax cost": {"cost": "minimax"},
    "simultaneous updates": {"order": "simultaneous"},
    "SGD (η = 0.05)": {"optimizer": "sgd"},
})


def train_toy_gan(*, dtype: str = "float64", **changes) -> GanRun:
    """Train the chapter's GAN with :data:`DEFAULTS`, changed by ``changes``, in ``dtype``
    (``"float64"``, or ``"float32"``: the same minibatches in lower precision, about twice as
    fast per step; see :func:`~lecturecode.gan.mlp_gan`).

    Keywords: ``data`` (``"ring"``: the ring of 8, or ``"grid"``: the 3×3 grid), ``cost``,
    ``order``, ``optimizer`` (``"adam"`` or ``"sgd"``), ``learning_rate`` (default from
    :data:`OPTIMIZERS`), and any of :func:`~lecturecode.gan.train_gan`'s (``first``, ``n_steps``,
    ``batch_size``, ``seed``, ``record_every``, ``n_eval``, ``grid``), plus
    ``hidden`` and ``backend`` (``"numpy"``: closed-form backpropagation, or ``"autograd"``).

    Examples
    --------
    >>> run = train_toy_gan(n_steps=20, record_every=10, hidden=(8,), grid=None)
    >>> run.steps.tolist(), run.samples.shape
    ([0, 10, 20], (3, 512, 2))
    """
    unknown = set(changes) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"unknown setting(s) {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    s = {**DEFAULTS, **changes}
    optimizer = as_choice(s.pop("optimizer"), "optimizer", sorted(OPTIMIZERS))
    lr = OPTIMIZERS[optimizer] if s["learning_rate"] is None else s["learning_rate"]
    s.pop("learning_rate")
    make = adam if optimizer == "adam" else sgd
    data = as_choice(s.pop("data"), "data", sorted(DATA))
    setup = mlp_gan(DATA[data](), cost=s.pop("cost"), hidden=s.pop("hidden"), backend=s.pop("backend"), dtype=dtype)
    return train_gan(setup, opt_g=make(lr), opt_d=make(lr), **s)


class StudyRow(NamedTuple):
    """One variant of the study: per-seed results with their mean and standard deviation."""

    label: str
    modes: np.ndarray
    near: np.ndarray
    diverged: int

    @property
    def modes_mean(self) -> float:
        """Mean over the seeds of the modes covered."""
        return float(self.modes.mean())

    @property
    def modes_std(self) -> float:
        """Standard deviation over the seeds of the modes covered."""
        return float(self.modes.std())

    @property
    def near_mean(self) -> float:
        """Mean over the seeds of the fraction of samples near a mode."""
        return float(self.near.mean())

    @property
    def near_std(self) -> float:
        """Standard deviation over the seeds of the fraction of samples near a mode."""
        return float(self.near.std())


def mode_study(variants=STUDY_VARIANTS, *, seeds=(0, 1, 2, 3), **common) -> list[StudyRow]:
    """Train every variant (``{label: changes}``) for every seed (the seeds run as one
    batch) and report modes covered and the fraction near a mode after the last step.

    Examples
    --------
    >>> rows = mode_study({"tiny": {}}, seeds=(0, 1), n_steps=5, hidden=(4,))
    >>> rows[0].modes.shape
    (2,)
    """
    if not hasattr(variants, "items") or not variants:
        raise TypeError(f"variants must be a non-empty dict {{label: settings}}, got {variants!r}")
    if isinstance(seeds, (str, bytes, dict)) or not hasattr(seeds, "__iter__"):
        raise TypeError(f"seeds must be a sequence of int seeds, got {seeds!r}")
    seeds = [int(as_count(s, "seeds entry", low=0, high=2**63 - 1)) for s in seeds]
    if not seeds:
        raise ValueError("seeds must hold at least one seed, got ()")
    rows = []
    for label, changes in variants.items():
        run = train_toy_gan(**{"record_every": 10**6, "grid": None, **common, **changes, "seed": seeds})
        report = mode_report(run.samples[-1], run.data)
        rows.append(StudyRow(as_text(label, "variant label"), report.modes_covered, report.fraction_near,
                             int(run.diverged.sum())))
    return rows


def study_table(rows) -> str:
    """The study as a text table: mean ± standard deviation over seeds."""
    if isinstance(rows, (str, bytes)) or not isinstance(rows, (list, tuple)) or not rows or not all(
            isinstance(r, StudyRow) for r in rows):
        raise TypeError(f"rows must be a non-empty list of StudyRow (from mode_study), got {rows!r}")
    width = max(len(r.label) for r in rows)
    lines = [f"{'variant':<{width}}  modes covered          fraction near a mode",
             "-" * (width + 45)]
    for r in rows:
        lines.append(f"{r.label:<{width}}  {r.modes_mean:5.2f} ± {r.modes_std:4.2f}          "
                     f"{r.near_mean:5.2f} ± {r.near_std:4.2f}" + (f"   ({r.diverged} diverged)" if r.diverged else ""))
    return "\n".join(lines)
