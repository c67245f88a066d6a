r"""Power laws on log-log axes: iterations against :math:`\kappa` for a κ-sweep with its
fitted slopes next to theory, and a one-step gap against the step size."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from ..analysis.kappa_sweep import SlopeTable
from ..analysis.step_gap import StepGap
from ..analysis.worst_case import IterationLaw
from ..methods import format_hyper
from ..validation import as_scalar
from .style import GREY, legend_outside, method_style, new_axes

__all__ = ["kappa_sweep_plot", "step_gap_plot"]


def kappa_sweep_plot(laws, table=None, ax=None) -> Axes:
    r"""Iterations to :math:`\varepsilon` against :math:`\kappa` (log-log), one line per method,
    labelled with its fitted slope and, from ``table``, the slope theory predicts.

    Parameters
    ----------
    laws : dict {name: IterationLaw}
        From :func:`lecturecode.analysis.kappa_sweep` (or ``iterations_vs_kappa``).
    table : SlopeTable, optional
        From :func:`lecturecode.analysis.slope_table`: adds "theory p" to each label.
        A method whose hyper-parameters are the same at every κ (proximal point at a
        fixed step) is drawn dashed, as the reference it is.
    """
    if not isinstance(laws, dict) or not laws:
        raise TypeError(f"laws must be a non-empty dict {{name: IterationLaw}}, got {laws!r}")
    for name, law in laws.items():
        if not isinstance(law, IterationLaw):
            raise TypeError(f"laws[{name!r}] must be an IterationLaw (from kappa_sweep), got {law!r}")
    if table is not None and not isinstance(table, SlopeTable):
        raise TypeError(f"table must be a SlopeTable (from slope_table) or None, got {table!r}")
    theory = {} if table is None else {row.method: row.theory for row in table.rows}
    ax = new_axes(ax, figsize=(6.5, 4.5))
    for i, (name, law) in enumerate(laws.items()):
        colour, marker = method_style(name, i)
        fixed = all(np.ptp(np.asarray(v)) == 0 for v in law.hyper.values())
        label = f"{name}: slope {round(law.slope, 2) + 0.0:.2f}"
        if theory.get(name) is not None:
            label += f" (theory {theory[name]:g})"
        if fixed:
            label += ", fixed " + format_hyper({k: np.asarray(v)[0] for k, v in law.hyper.items()}, spec="g")
        ax.loglog(law.kappa, law.iterations, marker=marker, ls="--" if fixed else "-", color=colour,
                  lw=1.6, ms=5, label=label)
    ax.set_xlabel(r"condition number $\kappa = L/\mu$")
    ax.set_ylabel(r"iterations to reach $\varepsilon$")
    legend_outside(ax)
    return ax


def step_gap_plot(gap, ax=None, *, reference_exponent: float = 3.0) -> Axes:
    r"""A one-step gap :math:`\|T_\eta(z) - T^{\mathrm{ref}}_\eta(z)\|` against :math:`\eta`
    (log-log) with its fitted exponent, and a dashed guide line of slope
    ``reference_exponent`` through the smallest step.

    Parameters
    ----------
    gap : StepGap
        From :func:`lecturecode.analysis.one_step_gap`; the curve takes its method's colour.
        Call again with the same ``ax`` to add another method's gap (e.g. Sim-GDA's, with
        ``reference_exponent=2``).
    """
    reference_exponent = as_scalar(reference_exponent, "reference_exponent", low=0.0, high=10.0, low_open=True)
    if not isinstance(gap, StepGap):
        raise TypeError(f"gap must be a StepGap from lecturecode.analysis.one_step_gap, got {gap!r}")
    ax = new_axes(ax, figsize=(5.5, 4.0))
    eta, g = np.asarray(gap.eta), np.asarray(gap.gap)
    a, b = gap.labels
    colour, marker = method_style(a, 0)
    ax.loglog(eta, g, marker=marker, ls="-", color=colour, lw=1.6,
              label=f"‖{a} step − {b} step‖: measured exponent {gap.exponent:.3f}")
    guide = g[0] * (eta / eta[0]) ** reference_exponent
    ax.loglog(eta, guide, "--", color=GREY, lw=1.2, label=rf"$\propto\eta^{{{reference_exponent:g}}}$")
    ax.set_xlabel(r"step size $\eta$")
    ax.set_ylabel("one-step gap")
    legend_outside(ax)
    return ax
