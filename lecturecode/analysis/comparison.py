r"""The comparison table of the book, generated from the method registry."""

from __future__ import annotations

from typing import NamedTuple

from ..games import Game
from ..methods.registry import REGISTRY, supports
from ..validation import as_scalar
from .rates import iterations_to_reach
from .tuning import tune

__all__ = ["Row", "compare"]


class Row(NamedTuple):
    """One method of :func:`compare` at its tuned hyper-parameters."""

    method: str
    rule: str
    hyper: dict
    rate: float
    iterations: float
    evaluations: float | None
    on_boundary: tuple
    reference: str


def compare(game, names=None, *, eps: float = 1e-6, spaces=None) -> list[Row]:
    r"""Tune every registered method that supports ``game`` (and has a tuning space) and
    tabulate its rate, iterations
    to ``eps`` and vector-field evaluations to ``eps`` (the fair cost: iterations times
    :attr:`Info.evaluations <lecturecode.methods.Info>`; ``None`` for implicit methods).

    Parameters
    ----------
    game : Game
    names : sequence of str, optional
        Registry names (default: all, in registry order).
    spaces : dict, optional
        ``{name: space}`` overriding a method's registered tuning space.

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> rows = compare(quadratic_2d(1.0, 10.0, 1.0), ["Sim-GDA", "Alt-GDA"])
    >>> [(r.method, round(r.rate, 3)) for r in rows]
    [('Sim-GDA', 0.995), ('Alt-GDA', 0.819)]
    """
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    eps = as_scalar(eps, "eps", low=0.0, high=1.0, low_open=True, high_open=True)
    if names is None:
        names = list(REGISTRY)
    elif isinstance(names, (str, bytes)) or not isinstance(names, (list, tuple)):
        raise TypeError(f"names must be a list of registry names, got {names!r}")
    if spaces is None:
        spaces = {}
    elif not isinstance(spaces, dict):
        raise TypeError(f"spaces must be a dict {{method name: space}}, got {spaces!r}")
    for label, keys in (("names", names), ("spaces", spaces)):
        for name in keys:
            if not isinstance(name, str) or name not in REGISTRY:
                raise ValueError(f"{label} must name methods of the registry {list(REGISTRY)}, got {name!r}")
    for name, space in spaces.items():
        if not isinstance(space, dict) or not space:
            raise TypeError(f"spaces[{name!r}] must be a non-empty dict {{hyper-parameter: range}}, got {space!r}")
    names = list(dict.fromkeys(names))
    rows = []
    for name in names:
        spec = REGISTRY[name]
        space = spaces.get(name, spec.space)
        if space is None or not supports(spec.make(**spec.example), game):      # not linear, or not for this game
            continue
        best = tune(spec.make, game, space)
        n = iterations_to_reach(best.rate, eps)
        per_step = spec.make(**spec.example).info.evaluations
        cost = None if per_step is None else float(n * per_step)
        rows.append(Row(name, spec.rule, best.hyper, best.rate, float(n), cost, best.on_boundary, spec.reference))
    return rows
