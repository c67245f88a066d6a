r"""Worst cases over the class of :math:`\mu`-strongly monotone, :math:`L`-Lipschitz quadratic
games, for methods whose rate is not a function of the game Hessian's eigenvalues alone.

For Sim-GDA, EG, OGDA, momentum and proximal point the update operator is a function of
:math:`H`, so the worst case over the class sits on the boundary of the region
:math:`\{\operatorname{Re}\lambda \ge \mu, |\lambda| \le L\}` that
:func:`~lecturecode.games.worst_case_game` samples. Alternating and two-timescale updates
treat the players differently: their rate depends on the split of :math:`H` into the
players' blocks, and a game with the same eigenvalues can be harder. Here the class is
searched itself, over its scalar members :math:`\tfrac a2 x^2 + bxy - \tfrac c2 y^2`
(:func:`~lecturecode.games.class_blocks`):

* :func:`worst_member` maximises a method's spectral radius over the class (a dense grid of
  the unit cube of members, then a pattern search from its best points);
* :func:`iterations_vs_kappa` measures a method's :math:`\kappa`-law on these worst cases;
* :func:`tune_worst_case` minimises that maximum over the method's hyper-parameters by
  cutting planes: tune on a finite set of members, find the worst member at the tuned
  hyper-parameters, add it, repeat until no member is worse than the tuned rate (the
  certificate) or the rounds run out (then ``certified`` is ``False``).
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from ..games import Game, block_game, class_blocks, worst_case_game
from ..games.quadratic import QuadraticMinimax
from ..methods._base import Method
from ..validation import as_count, as_real_array, as_scalar, check_range
from .operators import block_radii
from .rates import iterations_to_reach, loglog_slope
from .tuning import AUTO, RESOLUTION, Tuned, memoized, pattern_search, starts, tune

__all__ = ["WorstMember", "worst_member", "WorstCaseTuned", "tune_worst_case", "IterationLaw", "iterations_vs_kappa"]


class WorstMember(NamedTuple):
    """The hardest member of the class found for one method.

    Attributes
    ----------
    rate : float
        Its spectral radius: the method's worst-case rate over the members searched.
    a, b, c : float
        The member :math:`\\tfrac a2 x^2 + bxy - \\tfrac c2 y^2`.
    n_members : int
        Distinct members evaluated.
    """

    rate: float
    a: float
    b: float
    c: float
    n_members: int


def worst_member(method, mu: float, L: float, *, n_grid: int = 17) -> WorstMember:
    r"""The member of the :math:`(\mu, L)` class on which ``method`` converges slowest.

    A grid of ``n_grid**3`` members of the unit cube of :func:`~lecturecode.games.class_blocks`,
    then a pattern search (to a resolution of ``1e-10`` in the cube) from its three best
    points that are not neighbours.

    Examples
    --------
    Sim-GDA's worst case is the corner eigenvalue :math:`\mu + i\sqrt{L^2-\mu^2}`:

    >>> from lecturecode.methods import sim_gda
    >>> w = worst_member(sim_gda(0.01), 1.0, 10.0)
    >>> round(w.rate ** 2, 8), round(w.a, 6), round(w.c, 6)                      # 1 - 1/kappa^2
    (0.99, 1.0, 1.0)
    """
    if not isinstance(method, Method):
        raise TypeError(f"method must be a lecturecode Method, got {method!r}")
    if any(np.ndim(v) for v in method.hyper.values()):
        raise ValueError(f"method must have scalar hyper-parameters, got {method.hyper}")
    mu, L = as_scalar(mu, "mu", low=1e-12, high=1e12), as_scalar(L, "L", low=1e-12, high=1e12)
    n_grid = as_count(n_grid, "n_grid", low=2, high=65)
    minus_rates = memoized(lambda u: -block_radii(method, *class_blocks(mu, L, u.T)))   # u: (3, m) in the cube

    grid = np.linspace(0.0, 1.0, n_grid)
    values = minus_rates([grid] * 3)
    best, best_u = np.inf, None
    for start in starts(values, grid, 3):
        index = tuple(np.searchsorted(grid, start))
        u, value, _ = pattern_search(minus_rates, start, float(values[index]), 1.0 / (n_grid - 1), RESOLUTION)
        if value < best:
            best, best_u = value, u
    a, b, c = class_blocks(mu, L, best_u)
    return WorstMember(float(-best), float(a), float(b), float(c), minus_rates.n_evals)


class WorstCaseTuned(NamedTuple):
    """What :func:`tune_worst_case` found.

    Attributes
    ----------
    tuned : Tuned
        The tuned hyper-parameters and their rate on the members collected (``tuned.rate``).
    worst : WorstMember
        The worst member of the class at ``tuned.hyper``: ``worst.rate`` is the certified
        worst-case rate (``>= tuned.rate``; equal up to round-off when ``certified``).
    certified : bool
        Whether no member searched is worse than ``tuned.rate`` (relative ``1e-9``).
    rounds : int
        Members added before the certificate held (or the rounds ran out).
    game : QuadraticMinimax
        The collected members as one block-diagonal game (the starting boundary sample of
        :func:`~lecturecode.games.worst_case_game` plus every worst member added).
    """

    tuned: Tuned
    worst: WorstMember
    certified: bool
    rounds: int
    game: QuadraticMinimax

    @property
    def rate(self) -> float:
        """The worst-case rate over the class at the tuned hyper-parameters."""
        return max(self.tuned.rate, self.worst.rate)

    @property
    def hyper(self) -> dict:
        """The tuned hyper-parameters."""
        return self.tuned.hyper


def tune_worst_case(make_method: Callable, mu: float, L: float, space, *, max_rounds: int = 30,
                    n_grid: int = 17) -> WorstCaseTuned:
    r"""Hyper-parameters minimising the worst-case spectral radius over the :math:`(\mu, L)`
    class, :math:`\min_\theta \max_{\text{members}} \rho(M_\theta)`, by cutting planes.

    Parameters
    ----------
    make_method : callable
        A method factory (as for :func:`~lecturecode.analysis.tune`).
    mu, L : float
        The class, ``1e-12 <= mu <= L <= 1e12``.
    space : dict
        The search space of :func:`~lecturecode.analysis.tune`.
    max_rounds : int
        At most this many worst members are added.

    Examples
    --------
    At :math:`\kappa = 100` Alt-GDA's best step on the sixteen-block worst-case game,
    about :math:`1.42/L`, diverges on another member; over the class the best step is smaller:

    >>> from lecturecode.methods import alt_gda
    >>> found = tune_worst_case(alt_gda, 1.0, 100.0, {"eta": "auto"})
    >>> found.certified, round(found.hyper["eta"] * 100, 2), found.rate < 1
    (True, 1.41, True)
    """
    if not callable(make_method):
        raise TypeError(f"make_method must be a method factory, got {make_method!r}")
    max_rounds = as_count(max_rounds, "max_rounds", low=0, high=200)
    mu, L = as_scalar(mu, "mu", low=1e-12, high=1e12), as_scalar(L, "L", low=1e-12, high=1e12)
    start = worst_case_game(mu, L)
    a, b, c = (list(np.diag(m)) for m in (start.A, start.B, start.C))
    for rounds in range(max_rounds + 1):
        game = block_game(a, b, c, name=f"{len(a)} members of the class (μ={mu:g}, L={L:g})")
        tuned = tune(make_method, game, space)
        worst = worst_member(make_method(**tuned.hyper), mu, L, n_grid=n_grid)
        if worst.rate <= tuned.rate * (1 + 1e-9):
            return WorstCaseTuned(tuned, worst, True, rounds, game)
        a.append(worst.a), b.append(worst.b), c.append(worst.c)
    return WorstCaseTuned(tuned, worst, False, max_rounds, game)


def _tuned_over_class(make_method, kappa, space, n_grid):
    """``tune`` against the worst case of the (1, kappa) class (see :func:`iterations_vs_kappa`)."""
    best = tune(make_method, worst_case_game(1.0, kappa), space, n_grid=n_grid)
    if make_method(**best.hyper).info.h_function:
        return best
    found = tune_worst_case(make_method, 1.0, kappa, space)
    if not found.certified:
        raise ValueError(f"no certified worst case for this method at kappa={kappa:g} "
                         f"({found.rounds} members added); give a family")
    return found.tuned._replace(rate=found.rate)


class IterationLaw(NamedTuple):
    """Per-kappa results of :func:`iterations_vs_kappa` and :func:`~lecturecode.analysis.kappa_sweep`.

    Attributes
    ----------
    kappa, rate, iterations : ndarray
        The condition numbers, the tuned rate and the iterations to ``eps`` at each.
    hyper : dict {name: ndarray}
        The tuned hyper-parameters per kappa.
    slope : float
        The fitted exponent of iterations against kappa.
    on_boundary : tuple of tuples of str
        Per kappa, :attr:`Tuned.on_boundary <lecturecode.analysis.Tuned>`: the hyper-parameters
        tuned onto an end of their range (``any(law.on_boundary)``: at some kappa).
    method : str or None
        The method's registry name, and
    spec : Spec or None
        its registry entry (set by :func:`~lecturecode.analysis.kappa_sweep`, read by
        :func:`~lecturecode.analysis.slope_table`); ``None`` from a bare factory.
    """

    kappa: np.ndarray
    hyper: dict
    rate: np.ndarray
    iterations: np.ndarray
    slope: float
    on_boundary: tuple
    method: str | None = None
    spec: object = None

    @property
    def eta(self) -> np.ndarray:
        """The tuned step size per kappa."""
        return self.hyper["eta"]


def as_kappas(kappas) -> np.ndarray:
    """Condition numbers of a κ-law: a 1-D array in ``[1, 1e12]`` with at least two different values."""
    kappas = check_range(as_real_array(kappas, "kappas"), "kappas", low=1.0, high=1e12)
    if kappas.ndim != 1 or np.unique(kappas).size < 2:
        raise ValueError("kappas must be a 1-D array of at least two different condition numbers")
    return kappas


def iteration_law(kappas, results, eps, name=None, spec=None, *, what="the tuned method",
                  hint="widen the search space"):
    """The :class:`IterationLaw` of one :class:`~lecturecode.analysis.Tuned` result per kappa."""
    rates = np.array([r.rate for r in results])
    iters = iterations_to_reach(rates, eps)
    if not np.all(np.isfinite(iters)):
        bad = kappas[~np.isfinite(iters)].tolist()
        raise ValueError(f"{what} does not converge (rate >= 1) at kappas {bad}: {hint}")
    hyper = {name: np.array([r.hyper[name] for r in results]) for name in results[0].hyper}
    return IterationLaw(kappas, hyper, rates, iters, loglog_slope(kappas, iters),
                        tuple(tuple(r.on_boundary) for r in results), name, spec)


def iterations_vs_kappa(make_method: Callable, kappas, eps: float = 1e-6, *, space=None, family=None,
                        n_grid: int | None = None) -> IterationLaw:
    r"""Iterations to reach ``eps`` at the tuned hyper-parameters, on one game of a family
    per condition number :math:`\kappa`, and the fitted power-law exponent.

    Parameters
    ----------
    make_method : callable
        A method factory, e.g. :func:`~lecturecode.methods.sim_gda`.
    kappas : array_like
        At least two condition numbers ``>= 1``.
    space : dict, optional
        The search space of :func:`tune`; default ``{"eta": "auto"}``.
    family : callable, optional
        ``family(kappa) -> Game``. By default the worst case of the class with
        :math:`\mu = 1`, :math:`L = \kappa`: the boundary game
        :func:`~lecturecode.games.worst_case_game` for a method whose operator is a function
        of :math:`H` (``info.h_function``), else the class searched by
        :func:`~lecturecode.analysis.tune_worst_case` (the rate is then the certified
        worst-case rate at the tuned hyper-parameters).

    Examples
    --------
    >>> from lecturecode.methods import sim_gda
    >>> law = iterations_vs_kappa(sim_gda, [10, 30, 100])
    >>> round(law.slope, 2)
    2.0
    """
    kappas = as_kappas(kappas)
    space = {"eta": AUTO} if space is None else space
    if family is not None and not callable(family):
        raise TypeError(f"family must be a function kappa -> Game, got {family!r}")
    eps = as_scalar(eps, "eps", low=0.0, high=1.0, low_open=True, high_open=True)
    results = []
    for kappa in kappas:
        if family is None:
            results.append(_tuned_over_class(make_method, float(kappa), space, n_grid))
            continue
        game = family(float(kappa))
        if not isinstance(game, Game):
            raise TypeError(f"family must return a lecturecode Game, got {game!r} at kappa={kappa:g}")
        results.append(tune(make_method, game, space, n_grid=n_grid))
    return iteration_law(kappas, results, eps)
