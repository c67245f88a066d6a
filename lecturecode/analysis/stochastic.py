r"""Game dynamics with noisy gradients: the noise floor of constant steps, and what decreasing
steps and iterate averaging buy.

The oracle returns :math:`\hat F(z) = F(z) + \sigma\xi_k` with :math:`\xi_k` standard normal,
one draw per step and run (so stochastic extragradient evaluates both of its points with
the same sample: the "same-sample" SEG of Mishchenko et al., 2020). The methods are the
registry's own steps (``sim_gda``, ``extragradient``, ...), rebuilt each step at the
scheduled step size, so there is one definition of each update rule.

For a stateless linear method on a quadratic game, one noisy step is
:math:`e^{+} = M e + N\xi` with :math:`M` the update operator and :math:`N` its response to
the noise; at a constant step the error covariance settles at the solution of the Lyapunov
equation :math:`\Sigma = M\Sigma M^\top + \sigma^2 NN^\top`, so the mean squared distance
stalls at :math:`\operatorname{tr}\Sigma = O(\eta\sigma^2/\mu)` instead of converging
(:func:`noise_floor`).

References
----------
Hsieh, Y.-G., Iutzeler, F., Malick, J. & Mertikopoulos, P. (2020). Explore aggressively,
update conservatively: stochastic extragradient methods with variable stepsize scaling. NeurIPS.

Mishchenko, K., Kovalev, D., Shulgin, E., Richtárik, P. & Malitsky, Y. (2020). Revisiting
stochastic extragradient. AISTATS.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from ..games import Game
from ..methods import Method
from ..validation import as_count, as_numeric_array, as_points, as_real_array, as_scalar, as_step_size
from .operators import update_matrix

__all__ = ["noisy_run", "noise_floor", "log_slope"]          # noisy_run returns a NoisyRun


class _NoisyField(Game):
    """``game`` with the field ``F(z) + noise`` (the noise fixed for one step)."""

    def __init__(self, game, noise):
        self._game, self._noise = game, noise
        self.name, self.dims, self.zero_sum = game.name, game.dims, game.zero_sum

    def F(self, z):
        return self._game.F(z) + self._noise

    def J(self, z):
        return self._game.J(z)


class NoisyRun(NamedTuple):
    """What :func:`noisy_run` measured.

    Attributes
    ----------
    k : ndarray
        Iteration counts ``0 .. n_steps``.
    sq_dist : ndarray
        Mean over runs of :math:`\\lVert z^{(k)} - z^*\\rVert^2`, shape ``(n_steps + 1,)``.
    sq_dist_avg : ndarray
        The same for the running average :math:`\\bar z^{(k)} = \\frac1{k+1}\\sum_{j\\le k} z^{(j)}`.
    eta : ndarray
        The step size used at each step, shape ``(n_steps,)``.
    diverged : bool
        Whether any run left the ball of radius ``max_norm`` (its values are then NaN).
    """

    k: np.ndarray
    sq_dist: np.ndarray
    sq_dist_avg: np.ndarray
    eta: np.ndarray
    diverged: bool


def _schedule(eta, n_steps, decay, k0):
    k = np.arange(n_steps, dtype=float)
    return eta * (k0 / (k + k0)) ** decay


def noisy_run(make_method: Callable, game, z0, n_steps: int, *, eta: float, sigma: float, seed,
              decay: float = 0.0, k0: float = 10.0, n_runs: int = 200, max_norm: float = 1e6) -> NoisyRun:
    r"""Run ``make_method(eta_k)`` with noisy gradients :math:`F(z) + \sigma\xi` from ``z0``,
    ``n_runs`` independent runs at once, with the step schedule
    :math:`\eta_k = \eta\,\big(k_0/(k + k_0)\big)^{p}` (``decay`` :math:`= p`; ``0`` is a
    constant step).

    Parameters
    ----------
    make_method : callable
        A factory of one step size, e.g. :func:`~lecturecode.methods.sim_gda`.
    game : Game
        With a critical point ``z_star``.
    z0 : array_like, shape (d,)
    n_steps : int
    eta, sigma : float
        Initial step ``> 0`` and noise level ``>= 0``.
    seed : int or numpy.random.Generator
    decay : float
        Exponent :math:`p \in [0, 1]` of the schedule.
    k0 : float
        Steps before the decay sets in, ``>= 1``.
    n_runs : int
        Independent runs averaged.

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> from lecturecode.methods import sim_gda
    >>> run = noisy_run(sim_gda, quadratic_2d(1.0, 2.0, 1.0), [1.0, 1.0], 50, eta=0.1, sigma=0.0, seed=0, n_runs=2)
    >>> bool(run.sq_dist[-1] < 1e-3 * run.sq_dist[0])      # no noise: plain convergence
    True
    """
    if not callable(make_method):
        raise TypeError(f"make_method must be a method factory such as sim_gda, got {make_method!r}")
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    if game.z_star is None:
        raise ValueError(f"game must have a critical point z_star, {game.name} has none")
    z0 = as_points(z0, game.d, "z0")
    if z0.ndim != 1:
        raise ValueError(f"z0 must be one point of shape ({game.d},), got shape {z0.shape}")
    n_steps = as_count(n_steps, "n_steps", high=10**6)
    eta = float(as_step_size(eta, "eta"))
    sigma = as_scalar(sigma, "sigma", low=0.0, high=1e6)
    decay = as_scalar(decay, "decay", low=0.0, high=1.0)
    k0 = as_scalar(k0, "k0", low=1.0, high=1e12)
    n_runs = as_count(n_runs, "n_runs", low=1, high=10**5)
    max_norm = as_scalar(max_norm, "max_norm", low=0.0, low_open=True)
    if isinstance(seed, np.random.Generator):
        rng = seed
    elif isinstance(seed, (int, np.integer)) and not isinstance(seed, bool) and seed >= 0:
        rng = np.random.default_rng(int(seed))
    else:
        raise TypeError(f"seed must be a non-negative int or a numpy Generator, got {seed!r}")
    etas = _schedule(eta, n_steps, decay, k0)
    z = np.broadcast_to(z0, (n_runs, game.d)).copy()
    first = make_method(etas[0] if n_steps else eta)
    if not isinstance(first, Method):
        raise TypeError(f"make_method must return a lecturecode Method, got {first!r}")
    first.check(game)
    state = first.init(game, z)
    total, z_star = z.copy(), game.z_star
    sq, sq_avg = [np.mean(np.sum((z - z_star) ** 2, -1))] * 2
    sq, sq_avg = [sq], [sq_avg]
    diverged = False
    for k, eta_k in enumerate(etas):
        noisy = _NoisyField(game, sigma * rng.standard_normal(z.shape))
        with np.errstate(all="ignore"):
            z, state = make_method(eta_k).step(noisy, z, state)
        if not np.all(np.isfinite(z)) or np.max(np.abs(z)) > max_norm:
            diverged = True
            pad = n_steps - k
            sq += [np.nan] * pad
            sq_avg += [np.nan] * pad
            break
        total += z
        sq.append(np.mean(np.sum((z - z_star) ** 2, -1)))
        sq_avg.append(np.mean(np.sum((total / (k + 2) - z_star) ** 2, -1)))
    return NoisyRun(np.arange(n_steps + 1), np.array(sq), np.array(sq_avg), etas, diverged)


def noise_floor(method: Method, game, sigma: float) -> float:
    r"""The stationary mean squared distance :math:`\operatorname{tr}\Sigma` of a stateless
    linear ``method`` at a constant step on a quadratic ``game`` with gradient noise of level
    ``sigma``: :math:`\Sigma = M\Sigma M^\top + \sigma^2 NN^\top`, with :math:`M` the update
    operator and :math:`N` the step's response to the noise (both from the method's own step).

    For Sim-GDA, :math:`M = I - \eta H` and :math:`N = -\eta I`, so for small :math:`\eta`
    the floor is about :math:`\eta\sigma^2 \operatorname{tr}\big((H + H^\top)^{-1}\big)`.

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> from lecturecode.methods import sim_gda
    >>> round(noise_floor(sim_gda(0.01), quadratic_2d(1.0, 0.0, 1.0), 1.0), 5)   # 2 eta^2 / (1 - (1 - eta)^2)
    0.01005
    """
    if not isinstance(method, Method):
        raise TypeError(f"method must be a lecturecode Method, got {method!r}")
    if method.info.memory != 0:
        raise ValueError(f"method must be stateless (memory 0) for its noise floor, {method.name} keeps "
                         f"{method.info.memory} arrays")
    sigma = as_scalar(sigma, "sigma", low=0.0, high=1e6)
    M = update_matrix(method, game)
    if M.ndim != 2:
        raise ValueError("method must have scalar hyper-parameters (one operator) for its noise floor")
    d, z_star = game.d, game.z_star
    eye = np.eye(d)
    N = method.step(_NoisyField(game, eye), np.broadcast_to(z_star, (d, d)), ())[0] - z_star     # rows: N e_i
    N = N.T
    if np.max(np.abs(np.linalg.eigvals(M))) >= 1:
        return float("inf")
    Q = sigma**2 * N @ N.T
    vec = np.linalg.solve(np.eye(d * d) - np.kron(M, M), Q.reshape(-1))
    return float(np.trace(vec.reshape(d, d)))


def log_slope(k, values, *, start: int) -> float:
    """Least-squares slope of ``log values`` against ``log k`` for ``k >= start`` (the power
    law's exponent).

    Examples
    --------
    >>> k = np.arange(1, 1001)
    >>> round(log_slope(k, 3.0 / k, start=10), 6)
    -1.0
    """
    k, values = as_real_array(k, "k"), as_numeric_array(values, "values")
    if k.shape != values.shape or k.ndim != 1:
        raise ValueError(f"k and values must be 1-D arrays of one shape, got {k.shape} and {values.shape}")
    start = as_count(start, "start", low=1)
    with np.errstate(invalid="ignore"):
        keep = (k >= start) & np.isfinite(values) & (values > 0)
    if keep.sum() < 2:
        raise ValueError(f"values must have at least two positive finite entries at k >= start={start}")
    return float(np.polyfit(np.log(k[keep]), np.log(values[keep]), 1)[0])
