r"""Tuning hyper-parameters by the spectral radius of the update operator, and the laws and
tables built on it.

:func:`tune` minimises :math:`\rho(M(\theta))` over a search space of hyper-parameters
:math:`\theta` (the step size alone, or the step size and the momentum jointly): a
vectorised coarse grid over the whole space, then a pattern search from the best few coarse
points that moves its stencil while a neighbour improves and halves it only when none does,
down to a stated resolution. The result is a certified local optimum: no neighbour within
the final resolution improves on it. It says whether the optimum sits on the boundary of
the space, so a method whose rate keeps improving as :math:`\eta` grows (proximal point)
is reported as such, not silently clipped.
"""

from __future__ import annotations

import inspect
from typing import Callable, NamedTuple

import numpy as np

from ..games import Game
from ..methods._base import Method
from ..validation import as_count, as_real_array, as_scalar, check_range
from .operators import linear_model, spectrum_on

__all__ = ["AUTO", "Interval", "interval", "Tuned", "tune", "optimal_step_size"]

#: In a search space: the step size range :math:`[\mu/(10L^2), 10/L]` from the game's constants.
AUTO = "auto"


class Interval(NamedTuple):
    """A search range for one hyper-parameter (geometric grid when ``log``)."""

    low: float
    high: float
    log: bool = True

    def at(self, u):
        """The values at relative positions ``u`` in ``[0, 1]``."""
        u = check_range(as_real_array(u, "u"), "u", low=0.0, high=1.0)
        if self.log:                                       # in log space: no overflow of high / low
            return np.exp(np.log(self.low) + u * (np.log(self.high) - np.log(self.low)))
        return self.low + u * self.high - u * self.low


def interval(low, high, *, log: bool = True) -> Interval:
    """A validated :class:`Interval` (``low < high``; both ``> 0`` when ``log``).

    Examples
    --------
    >>> interval(0.01, 1.0).at([0.0, 0.5, 1.0])
    array([0.01, 0.1 , 1.  ])
    """
    low, high = as_scalar(low, "low"), as_scalar(high, "high")
    if not isinstance(log, (bool, np.bool_)):
        raise TypeError(f"log must be a bool, got {log!r}")
    if not low < high:
        raise ValueError(f"low must be < high, got low={low:g}, high={high:g}")
    if log and low <= 0:
        raise ValueError(f"a log interval needs low > 0, got low={low:g}")
    return Interval(low, high, bool(log))


class Tuned(NamedTuple):
    """What :func:`tune` (and :func:`optimal_step_size`) found.

    Attributes
    ----------
    hyper : dict
        The best hyper-parameters (the searched and the fixed ones), as floats.
    rate : float
        The spectral radius of the update at ``hyper``.
    n_evals : int
        Distinct hyper-parameter settings whose operator was analysed.
    on_boundary : tuple of str
        The package's one answer to "is the optimum on the boundary?" (also in
        :class:`~lecturecode.analysis.IterationLaw`, :class:`~lecturecode.analysis.SlopeRow`
        and :class:`~lecturecode.analysis.Row`): the searched hyper-parameters whose optimum
        lies at an end of their range, so that the true optimum may lie beyond it (or not
        exist, like proximal point's). Empty when the optimum is interior, so
        ``bool(on_boundary)`` means "some boundary".
    resolution : dict
        For each searched hyper-parameter, the final half-width of the search stencil in
        its own units (for a geometric range, the relative step ``high/low`` to that power):
        no point that close along the stencil's directions improves on ``rate``.
    """

    hyper: dict
    rate: float
    n_evals: int
    on_boundary: tuple
    resolution: dict = {}

    @property
    def eta(self) -> float:
        """The tuned step size ``hyper["eta"]``."""
        if "eta" not in self.hyper:
            raise AttributeError(f"this result has no step size eta (its hyper-parameters: {list(self.hyper)})")
        return self.hyper["eta"]


def _resolve(space, game) -> tuple[dict, dict]:
    if not isinstance(space, dict) or not space:
        raise TypeError(f"space must be a non-empty dict {{name: range or value}}, got {space!r}")
    searched, fixed = {}, {}
    for name, spec in space.items():
        if not isinstance(name, str):
            raise TypeError(f"space keys must be hyper-parameter names, got {name!r}")
        if callable(spec) and not isinstance(spec, Interval):
            spec = spec(game)
        if isinstance(spec, str):
            if spec != AUTO:
                raise ValueError(f"space[{name!r}] must be a range, a number or {AUTO!r}, got {spec!r}")
            if game.mu is None or game.L is None or not game.mu > 0:
                raise ValueError(f"space[{name!r}] = {AUTO!r} needs a game with mu > 0 and L "
                                 f"({game.name} has mu={game.mu}); give an explicit range")
            with np.errstate(all="ignore"):
                low, high = game.mu / (10.0 * game.L) / game.L, 10.0 / game.L     # no overflow of L**2
            if not 0 < low < high < np.inf:
                raise ValueError(f"space[{name!r}] = {AUTO!r} is not representable for this game (mu={game.mu:g}, "
                                 f"L={game.L:g}); give an explicit range")
            spec = interval(low, high)
        if isinstance(spec, Interval):
            searched[name] = spec
        elif isinstance(spec, tuple):
            if len(spec) != 2:
                raise ValueError(f"space[{name!r}] must be a (low, high) pair, got {spec!r}")
            low = as_scalar(spec[0], f"space[{name!r}] low")
            high = as_scalar(spec[1], f"space[{name!r}] high")
            if not low < high:
                raise ValueError(f"space[{name!r}] must be an increasing pair (low, high), got {spec!r}")
            searched[name] = interval(low, high, log=low > 0)
        else:
            fixed[name] = as_scalar(spec, f"space[{name!r}]")
    if not searched:
        raise ValueError("space must search at least one hyper-parameter (give a range or 'auto')")
    return searched, fixed


def tune(make_method: Callable, game, space, *, n_grid: int | None = None, z_star=None) -> Tuned:
    r"""Hyper-parameters minimising the spectral radius :math:`\rho(M)` of the update.

    Parameters
    ----------
    make_method : callable
        A method factory taking the hyper-parameters by name, e.g.
        :func:`~lecturecode.methods.negative_momentum`; it must accept arrays (every
        factory of the package does).
    game : Game
    space : dict
        ``{name: range}`` where a range is ``"auto"`` (:data:`AUTO`: the step-size range
        :math:`[\mu/(10L^2), 10/L]`), an :class:`Interval`, a ``(low, high)`` pair (a
        geometric grid when ``low > 0``) or a fixed number; a value may also be a function
        of the game returning one of these.
    n_grid : int, optional
        Points per searched hyper-parameter in the coarse grid (default 200 for one,
        33 for two, fewer for more).

    Examples
    --------
    >>> from lecturecode.games import worst_case_game
    >>> from lecturecode.methods import sim_gda
    >>> best = tune(sim_gda, worst_case_game(1.0, 5.0), {"eta": "auto"})
    >>> round(best.hyper["eta"], 5), round(best.rate**2, 5), best.on_boundary     # mu / L^2, 1 - 1/kappa^2
    (0.04, 0.96, ())
    """
    if not callable(make_method):
        raise TypeError(f"make_method must be a method factory, got {make_method!r}")
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    searched, fixed = _resolve(space, game)
    try:
        inspect.signature(make_method).bind_partial(**searched, **fixed)
    except TypeError as err:
        raise TypeError(f"space names {sorted(searched) + sorted(fixed)}, which make_method does not take: {err}") \
            from err
    except ValueError:                                     # no signature (a builtin): let the call decide
        pass
    names, ranges = list(searched), list(searched.values())
    k = len(names)
    n = {1: 200, 2: 33}.get(k, max(5, int(round(1200 ** (1 / k))))) if n_grid is None else as_count(
        n_grid, "n_grid", low=3, high=int(10 ** (5 / k)))
    model = linear_model(game, z_star)                    # linearised and split once for every rate

    def evaluate(u):                                       # u: (k, m) relative positions
        method = make_method(**fixed, **{name: np.asarray(r.at(ui), dtype=float)
                                         for name, r, ui in zip(names, ranges, u)})
        if not isinstance(method, Method):
            raise TypeError(f"make_method must return a lecturecode Method, got {method!r}")
        rho = np.abs(spectrum_on(method, game, model, radius_only=True)).max(axis=-1)
        return np.broadcast_to(rho, u.shape[1:])

    rates = memoized(evaluate)
    grid = np.linspace(0.0, 1.0, n)
    values = rates([grid] * k)
    found = [pattern_search(rates, start, float(values[tuple(np.searchsorted(grid, start))]), 1.0 / (n - 1),
                            stop=1e-6)[:2] for start in starts(values, grid, n_starts=3)]
    u, rate = min(found, key=lambda f: f[1])                # the best of three local searches
    if k > 1:                                              # slide along a kinked valley, then certify
        u, rate = nelder_mead(rates, u, rate, size=1e-3)
    best_u, best_rate, final = pattern_search(rates, u, rate, 1e-4, stop=RESOLUTION)
    hyper = dict(fixed)
    hyper.update({name: float(r.at(u)) for name, r, u in zip(names, ranges, best_u)})
    edge = tuple(name for name, u in zip(names, best_u) if u <= 1e-9 or u >= 1 - 1e-9)
    resolution = {name: float(r.at(min(u + final, 1.0)) - r.at(u)) if not r.log else
                  float(np.exp(final * (np.log(r.high) - np.log(r.low))))
                  for name, r, u in zip(names, ranges, best_u)}
    return Tuned(hyper, float(best_rate), rates.n_evals, edge, resolution)


def memoized(evaluate):
    """``rates(axes)``: the values on the mesh of the 1-D ``axes`` (one per coordinate), from
    ``evaluate(points)`` (``points`` of shape ``(k, m)``, values of shape ``(m,)``) called once
    per batch on the points not seen before. A pattern search revisits points exactly (its
    centre, and after halving the stencil half of its points), so this saves about half
    the evaluations without changing any value; ``rates.n_evals`` counts distinct points."""
    cache = {}

    def rates(axes):
        mesh = np.meshgrid(*(np.asarray(a, dtype=float) for a in axes), indexing="ij")
        points = np.stack([m.ravel() for m in mesh])
        keys = [tuple(p) for p in points.T.tolist()]
        new = {}
        for i, key in enumerate(keys):
            if key not in cache:
                new.setdefault(key, i)
        if new:
            values = np.asarray(evaluate(points[:, list(new.values())]), dtype=float)
            cache.update(zip(new, values.tolist()))
            rates.n_evals += len(new)
        return np.array([cache[key] for key in keys]).reshape(mesh[0].shape)

    rates.n_evals = 0
    return rates


#: The pattern search stops when its stencil's half-width (relative to each range) is this small.
RESOLUTION = 1e-10


def starts(values, grid, n_starts):
    """The best coarse grid points that are local minima of the grid (at most ``n_starts``)."""
    order = np.argsort(values, axis=None)
    chosen = []
    for flat in order:
        index = np.array(np.unravel_index(int(flat), values.shape))
        if any(np.max(np.abs(index - c)) <= 2 for c in chosen):
            continue
        chosen.append(index)
        if len(chosen) == n_starts:
            break
    return [grid[c] for c in chosen]


def pattern_search(rates, u, rate, half, stop):
    """Move a stencil of ``5**k`` points of half-width ``half`` to its best point while that
    improves; halve it when the centre is best; stop when the half-width is below ``stop``."""
    offsets = np.linspace(-1.0, 1.0, 5)
    u = np.asarray(u, dtype=float)
    for _ in range(4000):
        if half < stop:
            break
        local = [np.clip(c + half * offsets, 0.0, 1.0) for c in u]
        values = rates(local)
        index = np.unravel_index(int(np.argmin(values)), values.shape)
        if values[index] < rate:
            rate = float(values[index])
            u = np.array([axis[i] for axis, i in zip(local, index)])
        else:
            half *= 0.5
    return u, rate, half


def nelder_mead(rates, u, rate, size, n_iter=600):
    """Nelder-Mead in the unit box (points clipped into it) from a simplex of edge ``size``
    at ``u``: its simplex turns along a narrow valley, where a fixed stencil stalls."""
    k = u.size

    def f(p):
        return float(rates([np.array([x]) for x in p]).ravel()[0])

    simplex = [np.clip(u, 0.0, 1.0)] + [np.clip(u + size * e, 0.0, 1.0) for e in np.eye(k)]
    values = [rate] + [f(p) for p in simplex[1:]]
    for _ in range(n_iter):
        order = np.argsort(values)
        simplex, values = [simplex[i] for i in order], [values[i] for i in order]
        if max(np.abs(p - simplex[0]).max() for p in simplex[1:]) < RESOLUTION:
            break
        centre = np.mean(simplex[:-1], axis=0)
        worst = simplex[-1]
        reflected = np.clip(2 * centre - worst, 0.0, 1.0)
        fr = f(reflected)
        if fr < values[0]:
            expanded = np.clip(3 * centre - 2 * worst, 0.0, 1.0)
            fe = f(expanded)
            simplex[-1], values[-1] = (expanded, fe) if fe < fr else (reflected, fr)
        elif fr < values[-2]:
            simplex[-1], values[-1] = reflected, fr
        else:
            contracted = np.clip(0.5 * (centre + worst), 0.0, 1.0)
            fc = f(contracted)
            if fc < values[-1]:
                simplex[-1], values[-1] = contracted, fc
            else:                                          # shrink towards the best point
                simplex = [simplex[0]] + [0.5 * (simplex[0] + p) for p in simplex[1:]]
                values = [values[0]] + [f(p) for p in simplex[1:]]
    best = int(np.argmin(values))
    return simplex[best], float(values[best])


def optimal_step_size(make_method: Callable, game, eta_range=None, *, n_grid: int | None = None,
                      z_star=None) -> Tuned:
    r"""The step size minimising :math:`\rho(M(\eta))`: :func:`tune` over ``eta`` alone.

    Returns :func:`tune`'s result (``best.eta``, ``best.rate``, ``best.on_boundary``): a thin
    wrapper of :func:`tune` with ``space = {"eta": eta_range}``, where ``eta_range`` is a
    ``(low, high)`` pair with ``0 < low < high``, searched geometrically; by default
    :data:`AUTO`, :math:`[\mu/(10L^2), 10/L]` from the game's constants.

    Examples
    --------
    >>> from lecturecode.games import worst_case_game
    >>> from lecturecode.methods import sim_gda
    >>> best = optimal_step_size(sim_gda, worst_case_game(1.0, 5.0))
    >>> round(best.eta, 5), round(best.rate**2, 5), best.on_boundary   # mu / L^2 and 1 - 1/kappa^2
    (0.04, 0.96, ())
    """
    if eta_range is None:
        if not isinstance(game, Game):
            raise TypeError(f"game must be a lecturecode Game, got {game!r}")
        if game.mu is None or game.L is None or not game.mu > 0:
            raise ValueError("eta_range is required unless the game has positive mu and L")
        space = {"eta": AUTO}
    else:
        bounds = as_real_array(eta_range, "eta_range")
        if bounds.shape != (2,):
            raise ValueError(f"eta_range must be a pair (low, high), got {eta_range!r}")
        lo, hi = check_range(bounds, "eta_range", low=0.0, low_open=True, high=1e300)
        if not lo < hi:
            raise ValueError(f"eta_range must be an increasing pair (low, high), got {eta_range!r}")
        space = {"eta": Interval(float(lo), float(hi))}
    return tune(make_method, game, space, n_grid=n_grid, z_star=z_star)
