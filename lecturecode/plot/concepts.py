"""The solution-concepts diagram (after Wang, Zhang & Ba, 2020): local Nash inside local
minimax and inside GDA-stable, the two larger sets overlapping, each region populated with
games the package classifies."""

from __future__ import annotations

from matplotlib.patches import Ellipse
from matplotlib.axes import Axes

from ..solution_concepts import Classification
from .style import PALETTE, new_axes

__all__ = ["concept_diagram", "concept_region"]

#: Where each combination of verdicts (local Nash, local minimax, GDA-stable) is drawn.
_REGIONS = {(True, True, True): (0.0, -0.05), (False, True, True): (0.0, 0.55),
            (False, True, False): (-1.45, 0.0), (False, False, True): (1.45, 0.0),
            (False, False, False): (0.0, -1.55)}
_SETS = {"local minimax\n(= stable for ∞-GDA)": ((-0.55, 0.0), 3.0, 2.3, PALETTE[0]),
         "GDA-stable": ((0.55, 0.0), 3.0, 2.3, PALETTE[1]),
         "local Nash": ((0.0, -0.05), 0.9, 0.55, PALETTE[2])}


def concept_region(classification: Classification) -> str:
    """The region of the diagram that a classification falls in.

    Examples
    --------
    >>> from lecturecode.games import solution_concept_examples
    >>> from lecturecode.solution_concepts import classify_critical_point
    >>> g = solution_concept_examples()["3x² + y² + 4xy"]
    >>> concept_region(classify_critical_point(g, [0.0, 0.0]))
    'GDA-stable only'
    """
    c = classification
    if not isinstance(c, Classification):
        raise TypeError(f"classification must be a Classification (from classify_critical_point), got {c!r}"[:200])
    key = (c.local_nash, c.local_minimax, c.gda_stable)
    return {(True, True, True): "local Nash", (False, True, True): "local minimax and GDA-stable, not Nash",
            (False, True, False): "local minimax only", (False, False, True): "GDA-stable only",
            (False, False, False): "none"}.get(key, "impossible")


def concept_diagram(classified, ax=None) -> Axes:
    """Local Nash ⊂ local minimax ∩ GDA-stable, with each game placed in the region of its
    verdicts (``classified``: ``{label: Classification}``). The local minimax set is also the
    set of stable points of ∞-GDA (two timescales, Jin et al., 2020).

    Examples
    --------
    >>> from lecturecode.games import solution_concept_examples
    >>> from lecturecode.solution_concepts import classify_critical_point
    >>> c = {k: classify_critical_point(g, [0.0, 0.0]) for k, g in solution_concept_examples().items()}
    >>> ax = concept_diagram(c)
    >>> len(ax.patches), ax.get_aspect()
    (3, 1.0)
    """
    if not isinstance(classified, dict) or not classified:
        raise TypeError(f"classified must be a non-empty dict {{label: Classification}}, got {classified!r}")
    placed = {}
    for label, c in classified.items():
        if not isinstance(label, str):
            raise TypeError(f"classified keys must be labels (strings), got {label!r}")
        if not isinstance(c, Classification):
            raise TypeError(f"classified[{label!r}] must be a Classification (from classify_critical_point), "
                            f"got {c!r}"[:200])
        if concept_region(c) == "impossible":
            raise ValueError(f"classified[{label!r}] is local Nash without being minimax and GDA-stable, "
                             "which a strict classification cannot be")
        placed.setdefault((c.local_nash, c.local_minimax, c.gda_stable), []).append(label)
    ax = new_axes(ax, figsize=(8.0, 5.2))
    for centre, width, height, colour in _SETS.values():
        ax.add_patch(Ellipse(centre, width, height, facecolor=colour, alpha=0.12, edgecolor=colour, lw=1.6))
    ax.text(-1.55, 1.0, "local minimax\n(= stable for ∞-GDA)", color=PALETTE[0], ha="center", fontsize=10)
    ax.text(1.55, 1.0, "GDA-stable", color=PALETTE[1], ha="center", fontsize=10)
    ax.text(0.0, -0.45, "local Nash", color=PALETTE[2], ha="center", fontsize=10)
    for key, labels in placed.items():
        x, y = _REGIONS[key]
        for i, label in enumerate(labels):
            ax.text(x, y - 0.22 * i, label, ha="center", va="center", fontsize=9)
    ax.set_xlim(-2.3, 2.3)
    ax.set_ylim(-1.85, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
