r"""Rows of the comparison table at *given* hyper-parameters, and the distance curves of the
comparison figure, both from the method registry.

:func:`~lecturecode.analysis.compare` tunes every method. A method without an optimal step
size (the proximal point method contracts faster the larger :math:`\eta` is) ends on the
boundary of its search range; :func:`row_at` puts such a method in the table at a step size
the reader chooses instead, with the same columns. :func:`tuned_distances` then runs every
row's method, at the row's hyper-parameters, from one start.
"""

from __future__ import annotations

import numpy as np

from ..games import Game
from ..methods.registry import REGISTRY
from ..simulation import simulate
from ..validation import as_count, as_scalar
from .comparison import Row
from .operators import convergence_rate
from .rates import iterations_to_reach

__all__ = ["row_at", "tuned_distances"]


def _spec(name):
    if not isinstance(name, str) or name not in REGISTRY:
        raise ValueError(f"name must be one of the registry's methods {list(REGISTRY)}, got {name!r}")
    return REGISTRY[name]


def row_at(game, name: str, *, eps: float = 1e-6, **hyper) -> Row:
    r"""The comparison-table row of the registered method ``name`` at fixed ``hyper``.

    Same columns as :func:`~lecturecode.analysis.compare`: the rate is the spectral radius
    of the update, iterations to ``eps`` follow from it, and the vector-field evaluations
    are iterations times the method's evaluations per step (``None`` for implicit methods).
    ``on_boundary`` is empty: nothing was searched.

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> r = row_at(quadratic_2d(1.0, 10.0, 1.0), "Alt-GDA", eta=0.1)
    >>> round(r.rate, 6), r.iterations, r.evaluations
    (0.9, 132.0, 132.0)
    """
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    spec = _spec(name)
    eps = as_scalar(eps, "eps", low=0.0, high=1.0, low_open=True, high_open=True)
    missing = set(spec.example) - set(hyper)
    if missing:
        raise TypeError(f"{name} needs the hyper-parameter(s) {sorted(missing)}")
    hyper = {k: as_scalar(v, k) for k, v in hyper.items()}
    method = spec.make(**hyper)
    rate = convergence_rate(method, game)
    n = iterations_to_reach(rate, eps)
    per_step = method.info.evaluations
    cost = None if per_step is None else float(n * per_step)
    return Row(name, spec.rule, hyper, float(rate), float(n), cost, (), spec.reference)


def tuned_distances(game, rows, z0, n_steps: int) -> dict:
    r"""Distance to :math:`z^*` per iteration of each row's method at the row's hyper-parameters.

    Parameters
    ----------
    game : Game
    rows : sequence of Row
        From :func:`~lecturecode.analysis.compare` or :func:`row_at`.
    z0 : array_like, shape (d,)
        The common start.
    n_steps : int

    Returns
    -------
    dict {method name: ndarray of shape (n_steps + 1,)}
        ``inf`` after a divergence (see :meth:`~lecturecode.Trajectory.distance`).

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> g = quadratic_2d(1.0, 10.0, 1.0)
    >>> d = tuned_distances(g, [row_at(g, "Alt-GDA", eta=0.1)], [1.0, 0.0], 10)
    >>> d["Alt-GDA"].shape
    (11,)
    """
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    n_steps = as_count(n_steps, "n_steps", low=1)
    if isinstance(rows, (str, bytes)) or not isinstance(rows, (list, tuple)) or not rows:
        raise TypeError(f"rows must be a non-empty list of comparison rows (analysis.Row), got {rows!r}")
    out = {}
    for row in rows:
        if not isinstance(row, Row):
            raise TypeError(f"rows must be comparison rows (analysis.Row), got {row!r}")
        method = _spec(row.method).make(**row.hyper)
        out[row.method] = np.asarray(simulate(method, game, z0, n_steps).distance())
    return out
