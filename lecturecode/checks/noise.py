r"""Check for the exercise on the noise floor of constant-step Sim-GDA with noisy gradients.

The student writes ``fn(H, eta, sigma)``: the stationary mean squared distance
:math:`\operatorname{tr}\Sigma` of Sim-GDA with gradient noise :math:`\sigma\xi`
(:math:`\xi` standard normal) on the quadratic game with Jacobian :math:`H`, where :math:`\Sigma`
solves the Lyapunov equation

.. math::

    \Sigma = M\Sigma M^\top + \eta^2\sigma^2 I, \qquad M = I - \eta H.

The oracle is :func:`lecturecode.analysis.stochastic.noise_floor` (which reads :math:`M` and the
noise response off the method's own step). The usual slips are named: the noise covariance
without :math:`\eta^2`, :math:`\sigma` where :math:`\sigma^2` belongs, the small-step
approximation :math:`\eta\sigma^2\operatorname{tr}\big((H + H^\top)^{-1}\big)` in place of the
exact floor, and the matrix :math:`\Sigma` returned instead of its trace.

References
----------
Mishchenko, K., Kovalev, D., Shulgin, E., Richtárik, P. & Malitsky, Y. (2020). Revisiting
stochastic extragradient. AISTATS.
"""

from __future__ import annotations

import numpy as np

from ..analysis.stochastic import noise_floor
from ..games import quadratic_2d, random_quadratic_game
from ..methods import sim_gda
from ._feedback import Feedback, Problem, as_result_array, call, close, fmt, run_check

__all__ = ["sim_gda_noise_floor"]


def _cases():
    """The chapter's game, a 2-d game whose H is not normal, and a random 4-d game."""
    yield "the chapter's game f = 0.5x² + 3xy - 0.5y², η = 0.05, σ = 1", quadratic_2d(1.0, 3.0, 1.0), 0.05, 1.0
    yield "f = x² + xy - 0.25y², η = 0.1, σ = 0.5", quadratic_2d(2.0, 1.0, 0.5), 0.1, 0.5
    yield ("a random 4-d game (μ = 1, L = 10), η = 0.01, σ = 2", random_quadratic_game(1.0, 10.0, 2, 2, seed=3),
           0.01, 2.0)


def _floor_cases(fn):
    for case, game, eta, sigma in _cases():
        H = np.array(game.H, dtype=float)
        expected = noise_floor(sim_gda(eta), game, sigma)
        value = call(fn, H.copy(), eta, sigma, case=case)
        try:
            shape = np.shape(value)
        except (TypeError, ValueError):             # a ragged list: as_result_array says why
            shape = ()
        if len(shape) == 2:
            raise Problem(f"{case}: you returned a {shape[0]}×{shape[1]} matrix; the noise floor is a number, "
                          "the trace of the stationary covariance Σ")
        got = float(as_result_array(value, (), case=case, what="the noise floor"))
        if close(got, expected):
            continue
        if close(got * eta**2, expected):
            raise Problem(f"{case}: expected {fmt(expected)}, got {fmt(got)}, which is η² = {eta**2:g} times too "
                          "large: the noise enters the step as -ησξ, so its covariance is η²σ²I")
        if sigma != 1.0 and close(got * sigma, expected):
            raise Problem(f"{case}: expected {fmt(expected)}, got {fmt(got)}: the noise σξ has covariance σ²I, "
                          "so the floor is proportional to σ², not σ")
        small_eta = eta * sigma**2 * np.trace(np.linalg.inv(H + H.T))
        if close(got, small_eta):
            raise Problem(f"{case}: expected {fmt(expected)}, got {fmt(got)}, the small-step approximation "
                          "ησ² tr((H + Hᵀ)⁻¹); solve the Lyapunov equation exactly, including the η² MΣMᵀ terms")
        raise Problem(f"{case}: expected {fmt(expected)}, got {fmt(got)}. Σ solves Σ = MΣMᵀ + η²σ²I with "
                      "M = I - ηH, and the floor is its trace.")
    return "your noise floor matches noise_floor(sim_gda(η), game, σ) on all 3 games"


def sim_gda_noise_floor(fn) -> Feedback:
    r"""Check a student's ``fn(H, eta, sigma)`` returning the noise floor
    :math:`\operatorname{tr}\Sigma` of constant-step Sim-GDA with gradient noise of level
    ``sigma`` on the quadratic game with Jacobian ``H`` (:math:`\Sigma` the stationary covariance
    of the exercise's Lyapunov equation), against
    :func:`lecturecode.analysis.stochastic.noise_floor` on three games.

    Examples
    --------
    >>> print(sim_gda_noise_floor(lambda H, eta, sigma: eta * sigma**2).message)  # doctest: +NORMALIZE_WHITESPACE
    the chapter's game f = 0.5x² + 3xy - 0.5y², η = 0.05, σ = 1: expected 0.0666667, got 0.05, the
    small-step approximation ησ² tr((H + Hᵀ)⁻¹); solve the Lyapunov equation exactly, including the
    η² MΣMᵀ terms
    """
    return run_check("ex-beyond-lyapunov", fn, _floor_cases)
