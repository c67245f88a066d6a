r"""Linear-operator analysis of game dynamics.

Around a critical point :math:`z^*` every method in :mod:`lecturecode.methods` acts
on the deviation :math:`e = z - z^*` (stacked with its memory) as a linear map
:math:`e \mapsto M e` when the game is quadratic, and to first order otherwise. The
method converges locally iff the spectral radius :math:`\rho(M) < 1`, and then
:math:`\|e^{(k)}\| \approx C \rho(M)^k`.

:func:`update_matrix` obtains :math:`M` by running the method's own ``step`` on the
basis vectors, so the matrix analysed is, by construction, the update simulated.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from .games import linearize, worst_case_game
from .validation import as_count, as_real_array, as_scalar, check_range

__all__ = [
    "update_matrix",
    "update_eigenvalues",
    "spectral_radius",
    "convergence_rate",
    "StepSize",
    "optimal_step_size",
    "iterations_to_reach",
    "empirical_rate",
    "loglog_slope",
    "IterationLaw",
    "iterations_vs_kappa",
]


def update_matrix(method, game, z_star=None) -> np.ndarray:
    r"""The linear update operator :math:`M` of ``method`` on ``game`` around ``z_star``.

    For a memory-less method the matrix is ``d x d``; a method that keeps ``k`` arrays
    of state gets the ``(k+1)d x (k+1)d`` operator on :math:`(z, \text{state})`.
    With array-valued hyper-parameters the result has their shape in front:
    ``(*hyper_shape, D, D)``.

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> from lecturecode.methods import sim_gda, alt_gda
    >>> g = quadratic_2d(1.0, 10.0, 1.0)
    >>> update_matrix(sim_gda(0.01), g)                 # I - eta H
    array([[ 0.99, -0.1 ],
           [ 0.1 ,  0.99]])
    >>> update_matrix(sim_gda([0.01, 0.02]), g).shape   # a sweep over step sizes
    (2, 2, 2)
    """
    lin = linearize(game, z_star)
    d = lin.d
    n_state = len(method.init(lin, np.zeros(d)))
    size = (n_state + 1) * d
    hyper_shape = np.broadcast_shapes(*(np.shape(h) for h in method.hyper.values()))
    basis = np.eye(size).reshape((size,) + (1,) * len(hyper_shape) + (size,))
    parts = [basis[..., i * d:(i + 1) * d] for i in range(n_state + 1)]
    z_next, state_next = method.step(lin, parts[0], tuple(parts[1:]))
    columns = np.concatenate(np.broadcast_arrays(z_next, *state_next), axis=-1)
    return np.moveaxis(columns, 0, -1)


def spectral_radius(M) -> np.ndarray | float:
    """Largest eigenvalue modulus of the square matrix (or stack of matrices) ``M``.

    Examples
    --------
    >>> spectral_radius([[0.0, 2.0], [-2.0, 0.0]])
    2.0
    """
    M = as_real_array(M, "M") if not np.iscomplexobj(M) else np.asarray(M)
    if M.ndim < 2 or M.shape[-1] != M.shape[-2]:
        raise ValueError(f"M must be a square matrix or a stack of them, got shape {M.shape}")
    rho = np.abs(np.linalg.eigvals(M)).max(axis=-1)
    return float(rho) if rho.ndim == 0 else rho


def update_eigenvalues(method, game, z_star=None) -> np.ndarray:
    """Eigenvalues of :func:`update_matrix` (complex, shape ``(*hyper_shape, D)``)."""
    return np.linalg.eigvals(update_matrix(method, game, z_star))


def convergence_rate(method, game, z_star=None):
    r"""Asymptotic per-step contraction of the distance to :math:`z^*`: :math:`\rho(M)`.

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> from lecturecode.methods import sim_gda
    >>> round(convergence_rate(sim_gda(1 / 101), quadratic_2d(1, 10, 1)), 4)   # 10 / sqrt(101)
    0.995
    """
    return spectral_radius(update_matrix(method, game, z_star))


class StepSize(NamedTuple):
    """A tuned step size and the convergence rate (spectral radius) it achieves."""

    eta: float
    rate: float


def optimal_step_size(make_method: Callable, game, eta_range=None, *, n_grid: int = 400,
                      z_star=None) -> StepSize:
    r"""The step size minimising :math:`\rho(M(\eta))`, found numerically.

    A vectorised sweep over ``n_grid`` log-spaced step sizes picks the best grid
    point, then golden-section search refines it inside the neighbouring grid cell.

    Parameters
    ----------
    make_method : callable
        ``make_method(eta) -> Method``, e.g. :func:`~lecturecode.methods.sim_gda` or
        ``lambda eta: some_method(eta, beta=-0.3)``. It must accept an array of step sizes.
    game : game object
    eta_range : (float, float), optional
        Search interval; by default :math:`[\mu/(10L^2), 10/L]` from the game's constants.
    n_grid : int
        Grid points for the coarse sweep (``>= 3``).

    Examples
    --------
    >>> from lecturecode.games import worst_case_game
    >>> from lecturecode.methods import sim_gda
    >>> g = worst_case_game(1.0, 5.0)
    >>> best = optimal_step_size(sim_gda, g)
    >>> round(best.eta, 5), round(best.rate**2, 5)      # mu / L^2 and 1 - 1/kappa^2
    (0.04, 0.96)
    """
    n_grid = as_count(n_grid, "n_grid", low=3)
    if eta_range is None:
        mu, L = getattr(game, "mu", None), getattr(game, "L", None)
        if mu is None or L is None or mu <= 0:
            raise ValueError("eta_range is required unless the game has positive mu and L")
        eta_range = (mu / (10 * L**2), 10.0 / L)
    lo, hi = check_range(as_real_array(eta_range, "eta_range"), "eta_range", low=0.0, low_open=True)
    if not lo < hi:
        raise ValueError(f"eta_range must be an increasing pair (low, high), got {eta_range!r}")

    def rate(eta):
        return convergence_rate(make_method(eta), game, z_star)

    grid = np.geomspace(lo, hi, n_grid)
    rates = rate(grid)
    i = int(np.argmin(rates))
    a, b = np.log(grid[max(i - 1, 0)]), np.log(grid[min(i + 1, n_grid - 1)])
    invphi = (np.sqrt(5.0) - 1.0) / 2.0
    c, e = b - invphi * (b - a), a + invphi * (b - a)
    fc, fe = rate(np.exp(c)), rate(np.exp(e))
    for _ in range(80):
        if fc <= fe:
            b, e, fe = e, c, fc
            c = b - invphi * (b - a)
            fc = rate(np.exp(c))
        else:
            a, c, fc = c, e, fe
            e = a + invphi * (b - a)
            fe = rate(np.exp(e))
        if b - a < 1e-12:
            break
    eta = float(np.exp(0.5 * (a + b)))
    best = StepSize(eta, float(rate(eta)))
    if rates[i] < best.rate:                      # keep the grid point if refinement did not help
        best = StepSize(float(grid[i]), float(rates[i]))
    return best


def iterations_to_reach(rate, eps: float = 1e-6):
    r"""Iterations until :math:`\rho^k \le \varepsilon`: :math:`\lceil \log\varepsilon / \log\rho\rceil`.

    ``inf`` where ``rate >= 1`` (no convergence).

    Examples
    --------
    >>> iterations_to_reach(0.5, 1e-3)
    10.0
    >>> iterations_to_reach([0.9, 1.0], 1e-6).tolist()
    [132.0, inf]
    """
    rate = check_range(as_real_array(rate, "rate"), "rate", low=0.0)
    eps = as_scalar(eps, "eps", low=0.0, high=1.0, low_open=True, high_open=True)
    with np.errstate(divide="ignore"):
        n = np.where(rate < 1.0, np.ceil(np.log(eps) / np.log(np.where(rate < 1.0, rate, 0.5))), np.inf)
    n = np.where(rate == 0.0, 1.0, n)
    return float(n) if n.ndim == 0 else n


def empirical_rate(distances, start: int, stop: int | None = None) -> np.ndarray | float:
    r"""Measured per-step contraction :math:`(d_{\text{stop}}/d_{\text{start}})^{1/(\text{stop}-\text{start})}`.

    ``distances`` has steps on axis 0 (as from :meth:`Trajectory.distance`); skip the
    transient with ``start``.
    """
    dist = np.asarray(distances, dtype=float)
    stop = dist.shape[0] - 1 if stop is None else as_count(stop, "stop", low=0)
    start = as_count(start, "start", low=0)
    if not start < stop < dist.shape[0]:
        raise ValueError(f"need 0 <= start < stop < {dist.shape[0]}, got start={start}, stop={stop}")
    if np.any(dist[start] <= 0):
        raise ValueError("distances[start] must be positive to measure a rate")
    r = (dist[stop] / dist[start]) ** (1.0 / (stop - start))
    return float(r) if np.ndim(r) == 0 else r


def loglog_slope(x, y) -> float:
    """Least-squares slope of ``log y`` against ``log x`` (the exponent of a power law).

    Examples
    --------
    >>> loglog_slope([1, 10, 100], [3, 300, 30000])
    2.0
    """
    x, y = as_real_array(x, "x"), as_real_array(y, "y")
    if x.shape != y.shape or x.ndim != 1 or x.size < 2:
        raise ValueError(f"x and y must be 1-D arrays of the same length >= 2, got {x.shape}, {y.shape}")
    check_range(x, "x", low=0.0, low_open=True)
    check_range(y, "y", low=0.0, low_open=True)
    return round(float(np.polyfit(np.log(x), np.log(y), 1)[0]), 12)


class IterationLaw(NamedTuple):
    """Per-kappa results of :func:`iterations_vs_kappa`."""

    kappa: np.ndarray
    eta: np.ndarray
    rate: np.ndarray
    iterations: np.ndarray
    slope: float


def iterations_vs_kappa(make_method: Callable, kappas, eps: float = 1e-6, *, mu: float = 1.0,
                        n_blocks: int = 16, symmetric_part: bool = False) -> IterationLaw:
    r"""Iterations to reach ``eps`` with the tuned step size, on the worst-case game of each
    condition number :math:`\kappa`, and the fitted power-law exponent.

    ``symmetric_part=True`` runs on the symmetric part of that game instead (a strongly
    convex quadratic with the same :math:`\mu, L`): GDA there is gradient descent.

    Examples
    --------
    >>> from lecturecode.methods import sim_gda
    >>> law = iterations_vs_kappa(sim_gda, [10, 30, 100])
    >>> round(law.slope, 2)
    2.0
    """
    kappas = check_range(as_real_array(kappas, "kappas"), "kappas", low=1.0)
    if kappas.ndim != 1 or kappas.size < 2:
        raise ValueError("kappas must be a 1-D array of at least two condition numbers")
    etas, rates = [], []
    for kappa in kappas:
        game = worst_case_game(mu, kappa * mu, n_blocks=n_blocks)
        if symmetric_part:
            game = game.symmetric_part()
        best = optimal_step_size(make_method, game)
        etas.append(best.eta)
        rates.append(best.rate)
    rates = np.array(rates)
    iters = iterations_to_reach(rates, eps)
    return IterationLaw(kappas, np.array(etas), rates, iters, loglog_slope(kappas, iters))
