"""Noisy gradients: constant steps stall at the Lyapunov noise floor, decreasing steps converge
at rate 1/k, and averaging the iterates converges too."""

import numpy as np
import pytest

from lecturecode import games, methods
from lecturecode.analysis.stochastic import log_slope, noise_floor, noisy_run

GAME = games.quadratic_2d(1.0, 3.0, 1.0)


@pytest.mark.parametrize("make", [methods.sim_gda, methods.extragradient])
def test_a_constant_step_stalls_at_the_noise_floor(make):
    run = noisy_run(make, GAME, [2.0, 2.0], 4000, eta=0.05, sigma=1.0, seed=0, n_runs=400)
    floor = noise_floor(make(0.05), GAME, 1.0)
    assert run.sq_dist[1000:].mean() == pytest.approx(floor, rel=0.1)
    assert abs(log_slope(run.k, run.sq_dist, start=1000)) < 0.1                    # flat: no progress


def test_the_sim_gda_floor_is_the_lyapunov_solution():
    """M = I - eta H, N = -eta I: Sigma = M Sigma M' + eta^2 sigma^2 I, checked by iterating it."""
    eta, sigma = 0.05, 0.7
    M = np.eye(2) - eta * GAME.H
    S = np.zeros((2, 2))
    for _ in range(5000):
        S = M @ S @ M.T + (eta * sigma) ** 2 * np.eye(2)
    assert noise_floor(methods.sim_gda(eta), GAME, sigma) == pytest.approx(np.trace(S), rel=1e-9)
    assert noise_floor(methods.sim_gda(0.01), GAME, sigma) < noise_floor(methods.sim_gda(eta), GAME, sigma) / 4


@pytest.mark.parametrize("make", [methods.sim_gda, methods.extragradient])
def test_decreasing_steps_converge_at_rate_one_over_k(make):
    run = noisy_run(make, GAME, [2.0, 2.0], 5000, eta=0.05, sigma=1.0, seed=1, decay=1.0, k0=100, n_runs=400)
    assert -1.15 < log_slope(run.k, run.sq_dist, start=1000) < -0.85
    assert run.sq_dist[-1] < 0.05 * noise_floor(make(0.05), GAME, 1.0)


def test_averaged_iterates_of_a_constant_step_converge():
    run = noisy_run(methods.sim_gda, GAME, [2.0, 2.0], 5000, eta=0.05, sigma=1.0, seed=2, n_runs=200)
    assert run.sq_dist_avg[-1] < 0.01 * run.sq_dist[-1]
    assert log_slope(run.k, run.sq_dist_avg, start=1000) < -0.85


def test_runs_are_reproducible_from_the_seed():
    a = noisy_run(methods.sim_gda, GAME, [1.0, 1.0], 20, eta=0.1, sigma=1.0, seed=5, n_runs=3)
    b = noisy_run(methods.sim_gda, GAME, [1.0, 1.0], 20, eta=0.1, sigma=1.0, seed=np.random.default_rng(5), n_runs=3)
    np.testing.assert_array_equal(a.sq_dist, b.sq_dist)


def test_divergence_is_flagged():
    run = noisy_run(methods.sim_gda, games.bilinear(1.0), [1.0, 1.0], 3000, eta=0.5, sigma=0.1, seed=0, n_runs=2,
                    max_norm=1e3)
    assert run.diverged and np.isnan(run.sq_dist[-1])
    assert noise_floor(methods.sim_gda(0.5), games.bilinear(1.0), 1.0) == float("inf")


@pytest.mark.parametrize("call, err, words", [
    (lambda: noisy_run(methods.sim_gda, GAME, [1.0, 1.0], 5, eta=0.1, sigma=-1.0, seed=0), ValueError, "sigma"),
    (lambda: noisy_run(methods.sim_gda, GAME, [1.0, 1.0], 5, eta=0.1, sigma=1.0, seed="a"), TypeError, "seed"),
    (lambda: noisy_run(methods.sim_gda, GAME, [1.0, 1.0], 5, eta=0.1, sigma=1.0, seed=0, decay=2.0),
     ValueError, "decay"),
    (lambda: noisy_run(methods.sim_gda, GAME, [[1.0, 1.0]], 5, eta=0.1, sigma=1.0, seed=0), ValueError, "z0"),
    (lambda: noisy_run(3, GAME, [1.0, 1.0], 5, eta=0.1, sigma=1.0, seed=0), TypeError, "make_method"),
    (lambda: noise_floor(methods.negative_momentum(0.1, -0.3), GAME, 1.0), ValueError, "stateless"),
    (lambda: log_slope([1, 2], [1.0], start=1), ValueError, "one shape"),
])
def test_bad_input_is_rejected(call, err, words):
    with pytest.raises(err, match=words):
        call()
