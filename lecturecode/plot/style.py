"""The house style: colour-blind-safe palette, opaque white figures, shared axes helpers."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.transforms as mtransforms
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.legend import Legend
from matplotlib.text import Text

from ..methods.registry import REGISTRY
from ..simulation import Trajectory
from ..validation import as_count, as_numeric_array, as_pair, as_points, as_scalar

#: Largest half-width of a plotted window (its corners and arrow spacing stay finite floats).
MAX_LIM = 1e150

__all__ = ["PALETTE", "STYLE", "GREY", "set_style", "style_axes", "new_axes", "labelled",
           "BADGE_COLOURS", "method_style", "title_slots", "legend_outside", "twin_axes"]

#: Okabe & Ito (2008) colour-blind-safe palette (black moved last).
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

#: Matplotlib settings shared by every figure.
STYLE = {
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "axes.prop_cycle": cycler(color=PALETTE),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "legend.fontsize": 9,
    "legend.framealpha": 0.9,
}
#: Neutral grey for guides (arrows, axes lines).
GREY = "#777777"


def set_style() -> None:
    """Apply :data:`STYLE` to every later figure (call once at the top of a notebook).

    In a Jupyter kernel it also switches the inline backend to HiDPI ("retina") PNGs: twice the
    pixels, shown at the same size, so figures stay crisp on high-density screens."""
    mpl.rcParams.update(STYLE)
    try:
        from IPython import get_ipython
    except ImportError:                                    # plain Python: nothing more to set
        return
    if get_ipython() is not None and "inline" in mpl.get_backend():
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("retina")


def as_axes(ax, name: str = "ax", *, allow_none: bool = False):
    """A matplotlib axes (or ``None`` when allowed), else a ``TypeError`` naming ``name``."""
    if ax is None and allow_none:
        return None
    if not isinstance(ax, mpl.axes.Axes):
        raise TypeError(f"{name} must be a matplotlib Axes{' or None' if allow_none else ''}, got {ax!r}")
    return ax


def as_figure(fig, name: str = "fig"):
    """A matplotlib figure, else a ``TypeError`` naming ``name``."""
    if not isinstance(fig, mpl.figure.Figure):
        raise TypeError(f"{name} must be a matplotlib Figure, got {fig!r}")
    return fig


_NO_GRID = object()


def as_window(center, lim, n_grid=_NO_GRID):
    """A validated square window: centre ``(2,)``, half-width in ``[1e-100, MAX_LIM]`` (and a grid size)."""
    center = as_points(center, 2, "center")
    if center.ndim != 1:
        raise ValueError(f"center must be one point (x, y), got shape {center.shape}")
    if np.abs(center).max() > MAX_LIM:
        raise ValueError(f"center must lie within +-{MAX_LIM:g}, got {center.tolist()}")
    lim = as_scalar(lim, "lim")
    if not 0 < lim <= MAX_LIM:
        raise ValueError(f"lim must be > 0 and <= {MAX_LIM:g}, got {lim:g}")
    if lim < 1e-100:
        raise ValueError(f"lim must be >= 1e-100 (the arrow spacing must stay a positive float), got {lim:g}")
    if not np.all(center + lim > center - lim):
        raise ValueError(f"lim={lim:g} is too small to make a window around center={center.tolist()}")
    if n_grid is _NO_GRID:
        return center, lim
    return center, lim, as_count(n_grid, "n_grid", low=2, high=200)


def style_axes(ax) -> Axes:
    """Apply the house style to one axes and its figure, without touching global rcParams.

    (``matplotlib.rc_context`` is avoided on purpose: on exit it restores the backend too,
    which stops a Jupyter kernel's inline backend from showing later figures.)"""
    as_axes(ax)
    ax.set_prop_cycle(color=PALETTE)
    ax.set_facecolor("white")
    ax.grid(True, alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    ax.figure.set_facecolor("white")
    return ax


def new_axes(ax, figsize=(5.0, 4.0)) -> Axes:
    """``ax``, or a new axes on a new figure of ``figsize`` inches when ``ax`` is None."""
    if as_axes(ax, allow_none=True) is None:
        figsize = as_pair(figsize, "figsize", low=0.0, low_open=True)
        if max(figsize) > 100:
            raise ValueError(f"figsize must be at most 100 inches a side, got {figsize}")
        ax = plt.figure(figsize=figsize, layout="constrained", facecolor="white").add_subplot()
    return style_axes(ax)


def labelled(items, name) -> list[tuple]:
    """Accept a dict ``{label: value}`` or a sequence of Trajectories (labelled by method)."""
    if isinstance(items, dict):
        for label in items:
            if not isinstance(label, str):
                raise TypeError(f"{name} labels must be strings, got {label!r}")
        return list(items.items())
    if isinstance(items, Trajectory):
        return [(items.label, items)]
    if isinstance(items, (str, bytes)) or not isinstance(items, (list, tuple)):
        raise TypeError(f"{name} must be a dict {{label: value}} or a list of trajectories, got {items!r}")
    return [(v.label if isinstance(v, Trajectory) else "", v) for v in items]


def as_curve(value, name: str, *, complex_ok: bool = False) -> np.ndarray:
    """One plotted series: a finite-or-inf real (or complex) array without NaN-only content."""
    if complex_ok and np.iscomplexobj(value) and not isinstance(value, (str, bytes)):
        arr = np.asarray(value, dtype=complex)
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"{name} must be finite (no NaN or inf)")
        return arr
    return as_numeric_array(value, name)


def legend_outside(ax, *, ncol: int = 2, below=None) -> Legend | None:
    """The legend of ``ax`` below it (under the tick labels and the x label; or below the axes
    ``below``, e.g. a strip under it), so it never covers data; nothing when nothing is labelled.

    Figures are saved with a tight bounding box (the inline backend does so), so the legend is
    part of the image without shrinking the axes."""
    ax, ncol = as_axes(ax), as_count(ncol, "ncol", high=100)
    if below is not None:
        as_axes(below, "below")
    handles, labels = ax.get_legend_handles_labels()
    if not handles:
        return None
    under = ax if below is None else below
    drop = 36 if under.get_xlabel() else 22                # points below the lower edge
    anchor = mtransforms.offset_copy(under.transAxes, fig=ax.figure, y=-drop, units="points")
    # side by side only while the entries fit under the axes (a wider legend collapses the layout)
    width_pt = ax.get_position().width * ax.figure.get_figwidth() * 72
    size = mpl.font_manager.FontProperties(size=mpl.rcParams["legend.fontsize"]).get_size_in_points()
    entry_pt = max(len(label) for label in labels) * 0.6 * size + 40
    ncol = max(1, min(ncol, len(handles), int(width_pt // entry_pt)))
    return ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=anchor,
                     ncol=ncol, frameon=False, borderaxespad=0.0)


def twin_axes(fig, *, left: float = 0.08, top: float = 0.87, spectrum_bottom: float = 0.38,
              portrait_bottom: float = 0.09) -> tuple[Axes, Axes]:
    """The layout of a twin view: a phase portrait on the left at full height, a spectrum panel on
    the right that leaves room under it for its log-radius strip; both styled, fixed margins.

    Returns ``(ax_portrait, ax_spectrum)``."""
    as_figure(fig)
    left, top = as_scalar(left, "left", low=0.0, high=0.9), as_scalar(top, "top", low=0.1, high=1.0)
    spectrum_bottom = as_scalar(spectrum_bottom, "spectrum_bottom", low=0.0, high=top, high_open=True)
    portrait_bottom = as_scalar(portrait_bottom, "portrait_bottom", low=0.0, high=top, high_open=True)
    fig.set_facecolor("white")
    fig.set_layout_engine("none")                 # fixed margins: a layout pass per redraw costs ~50 ms
    ax_portrait, ax_spectrum = fig.subplots(1, 2, gridspec_kw=dict(
        left=left, right=0.98, bottom=spectrum_bottom, top=top, wspace=0.3))
    box = ax_portrait.get_position()
    ax_portrait.set_position([box.x0, portrait_bottom, box.width, top - portrait_bottom])
    for ax in (ax_portrait, ax_spectrum):
        style_axes(ax)
    return ax_portrait, ax_spectrum


def title_slots(fig, axes, y) -> list[Text]:
    """Figure-level titles above each axes, at fixed places: axes titles get re-positioned by a
    full draw, which moves them off the figure when a widget blits."""
    as_figure(fig)
    if isinstance(axes, (str, bytes)) or not hasattr(axes, "__iter__"):
        raise TypeError(f"axes must be a sequence of matplotlib Axes, got {axes!r}")
    axes = [as_axes(ax, "axes entry") for ax in axes]
    y = as_scalar(y, "y", low=0.0, high=1.0)
    return [fig.text(0.5 * (ax.get_position().x0 + ax.get_position().x1), y, "", ha="center", va="top",
                     fontsize=9) for ax in axes]


#: Badge colours for the solution-concept inspector: satisfied / not satisfied / inconclusive.
BADGE_COLOURS = {True: "#009E73", False: "#D55E00", None: "#777777"}


def method_style(label: str, index: int = 0) -> tuple:
    """``(colour, marker)`` of the registered method that ``label`` names (the longest registry
    name the label starts with, e.g. ``"Sim-GDA, worst-case game"``), so each method has one
    colour and marker in every figure; other labels get the ``index``-th palette colour.

    Examples
    --------
    >>> method_style("Alt-GDA + NM (η=0.1)"), method_style("Sim-GDA, worst-case game")
    (('#56B4E9', '<'), ('#D55E00', 'o'))
    >>> method_style("gradient descent", 2)
    ('#009E73', 'o')
    """
    if not isinstance(label, str):
        raise TypeError(f"label must be a string, got {label!r}")
    names = [name for name in REGISTRY if label == name or label.startswith((name + " ", name + ","))]
    if names:
        spec = REGISTRY[max(names, key=len)]
        return spec.colour, spec.marker
    return PALETTE[int(index) % len(PALETTE)], "o"

