"""Every figure of the book: drawing only, one module per kind of figure.

Each function takes ``ax=None`` (a new figure is made when omitted) and returns the
axes; none calls ``plt.show()``. Figures use :data:`STYLE`: an opaque white
background (readable in the site's dark mode) and the colour-blind-safe Okabe-Ito
palette :data:`PALETTE`. Trajectories that diverge are drawn clipped to the axes
and marked, never left to overflow.

The stateful *views* behind the explorers, which run simulations and classifications and
then move the artists drawn here, live in :mod:`lecturecode.views`.
"""


from .log_spectrum import LogRadiusPanel, log_radius_axes, log_radius_points
from .power_laws import kappa_sweep_plot, step_gap_plot
from .rate_region import rate_region_plot
from .momentum_region import momentum_region_plot
from .duality import duality_plot
from .concepts import concept_diagram, concept_region
from .image_gan import accelerated_plot, quality_plot, sample_sheet, tile
from .alternation import ALT_COLOUR, SIM_COLOUR, clip_to_frame, energy_plot, eigenvalue_paths, trajectory_grid
from .comparison import METHOD_COLOURS, comparison_plot
from .curves import distance_plot, iterations_plot, rate_vs_step_size
from .gan import coverage_plot, draw_gan_frame, gan_snapshots, saturation_plot, study_plot
from .iterated_games import (STRATEGY_MARKERS, band_plot, cooperation_bars, cooperation_over_training, policy_paths,
                             reward_curves, reward_distribution, round_robin_table)
from .portraits import (default_center, field_arrows, field_grid, flow_arrows, last_inside, phase_portrait,
                        trajectory_3d)
from .spectra import SpectrumPanel, draw_unit_circle, eigenvalue_plot
from .style import (BADGE_COLOURS, GREY, PALETTE, STYLE, legend_outside, new_axes, set_style, style_axes,
                    title_slots, twin_axes)

__all__ = [
    "PALETTE", "STYLE", "GREY", "BADGE_COLOURS", "set_style", "style_axes", "new_axes", "title_slots",
    "legend_outside", "twin_axes",
    "phase_portrait", "trajectory_3d", "field_grid", "flow_arrows", "field_arrows", "last_inside", "default_center",
    "eigenvalue_plot", "SpectrumPanel", "draw_unit_circle",
    "rate_vs_step_size", "distance_plot", "iterations_plot",
    "kappa_sweep_plot", "step_gap_plot", "rate_region_plot", "momentum_region_plot", "duality_plot", "concept_diagram", "concept_region",
    "sample_sheet", "quality_plot", "accelerated_plot", "tile", "LogRadiusPanel", "log_radius_axes", "log_radius_points",
    "saturation_plot", "gan_snapshots", "coverage_plot", "study_plot", "draw_gan_frame",
    "cooperation_bars", "band_plot", "reward_curves", "policy_paths", "round_robin_table", "STRATEGY_MARKERS",
    "cooperation_over_training", "reward_distribution",
    "eigenvalue_paths", "trajectory_grid", "energy_plot", "clip_to_frame", "SIM_COLOUR", "ALT_COLOUR",
    "comparison_plot", "METHOD_COLOURS",
]

