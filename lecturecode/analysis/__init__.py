r"""Analysis of game dynamics: update operators and their spectra, rates, tuning.

Modules
-------
operators  :func:`update_matrix` (the method's own ``step`` run on basis vectors), spectra,
           convergence rates, block-by-block analysis of block-diagonal games
rates      iterations to a tolerance, measured contraction, power-law exponents
tuning     :func:`tune` over a space of hyper-parameters, :func:`iterations_vs_kappa`,
           :func:`compare` (the comparison table from the method registry)
kappa_sweep  :func:`kappa_sweep` of registered methods and the :func:`slope_table` against theory
step_gap   :func:`one_step_gap`: one step of a method against another's, as a power of eta
tuned_runs  a table row at fixed hyper-parameters, distance curves of the table's methods
modified_energy  the quadratic form Alt-GDA conserves exactly on a bilinear game
modified_equation  the modified field Sim-GDA and Alt-GDA follow to second order in eta
learning   seed-by-seed outcomes of learning runs on the IPD
worst_case  the worst member of a (mu, L) class for any method, and tuning against it
chebyshev  negative momentum as Chebyshev polynomials: the ellipse of eigenvalues it contracts
duality    primal and dual functions, the minimax theorem on a grid
lower_bounds  coarse and fine lower bounds (strongly monotone, bilinear) next to measured exponents
"""

from .comparison import Row, compare
from .kappa_sweep import SlopeRow, SlopeTable, kappa_sweep, slope_table
from .modified_energy import modified_energy, modified_energy_matrix, naive_energy
from .modified_equation import modified_field, modified_flow
from .learning import IpdOutcomes, ipd_outcomes
from .operators import (block_radii, convergence_rate, independent_blocks, spectral_radius, update_eigenvalues,
                        update_matrix)
from .rates import empirical_rate, iterations_to_reach, loglog_slope
from .step_gap import StepGap, one_step_gap
from .tuned_runs import row_at, tuned_distances
from .worst_case import (IterationLaw, WorstCaseTuned, WorstMember, iterations_vs_kappa, tune_worst_case,
                         worst_member)
from .chebyshev import momentum_ellipse, momentum_region
from .lower_bounds import fine_lower_bound, lower_bound_table
from .duality import grid_minimax, primal_dual
from .tuning import AUTO, Interval, Tuned, interval, optimal_step_size, tune

__all__ = [
    "update_matrix", "update_eigenvalues", "spectral_radius", "convergence_rate", "independent_blocks",
    "iterations_to_reach", "empirical_rate", "loglog_slope",
    "AUTO", "Interval", "interval", "Tuned", "tune", "optimal_step_size", "IterationLaw",
    "iterations_vs_kappa", "Row", "compare",
    "kappa_sweep", "SlopeRow", "SlopeTable", "slope_table", "StepGap", "one_step_gap",
    "modified_energy", "modified_energy_matrix", "naive_energy", "row_at", "tuned_distances",
    "modified_field", "modified_flow", "IpdOutcomes", "ipd_outcomes", "block_radii",
    "WorstMember", "worst_member", "WorstCaseTuned", "tune_worst_case",
    "momentum_ellipse", "momentum_region", "fine_lower_bound", "lower_bound_table",
    "grid_minimax", "primal_dual",
]
