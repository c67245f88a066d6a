"""Theory against simulation: spectral radii, tuned step sizes, rate laws, the papers' numbers."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lecturecode import analysis, games, methods, simulate
from lecturecode.claims import CLAIMS


@st.composite
def well_conditioned_games(draw):
    mu = draw(st.floats(0.2, 2.0))
    kappa = draw(st.floats(1.5, 5.0))
    g = games.random_quadratic_game(mu, kappa * mu, n_x=draw(st.integers(1, 3)), n_y=draw(st.integers(1, 3)),
                                    seed=draw(st.integers(0, 2**32 - 1)))
    return g, mu, kappa * mu


@given(well_conditioned_games(), st.sampled_from(["sim", "alt"]), st.integers(0, 1000))
def test_simulated_contraction_equals_the_spectral_radius(case, which, seed):
    """After the transient, ||z_k|| shrinks by rho(M) per step, with M from update_matrix."""
    g, mu, L = case
    method = methods.sim_gda(mu / L**2) if which == "sim" else methods.alt_gda(0.5 / L)
    rho = analysis.convergence_rate(method, g)
    n = int(np.clip(150 / -np.log(rho), 300, 50000))         # 150 e-folds: the slowest mode dominates
    z0 = np.random.default_rng(seed).standard_normal(g.d)
    dist = simulate(method, g, z0, n_steps=n).distance()
    measured = analysis.empirical_rate(dist, start=n // 3)      # skip the transient
    assert np.log(measured) == pytest.approx(np.log(rho), rel=0.03)


def test_one_step_of_the_simulation_is_the_update_matrix():
    g = games.random_quadratic_game(0.5, 3.0, 3, 2, seed=4)
    z0 = np.random.default_rng(0).standard_normal((7, g.d))
    for method in (methods.sim_gda(0.1), methods.alt_gda(0.3)):
        z1 = simulate(method, g, z0, n_steps=1).z[1]
        np.testing.assert_allclose(z1, z0 @ analysis.update_matrix(method, g).T, atol=1e-14)


@pytest.mark.parametrize("kappa", [2.0, 5.0, 10.0, 20.0])
def test_optimal_sim_gda_step_is_mu_over_L_squared_with_rate_one_minus_inverse_kappa_squared(kappa):
    mu = 0.7
    g = games.worst_case_game(mu, kappa * mu)
    best = analysis.optimal_step_size(methods.sim_gda, g)
    assert best.eta == pytest.approx(mu / (kappa * mu) ** 2, rel=1e-4)
    assert best.rate**2 == pytest.approx(1 - 1 / kappa**2, rel=1e-10)


@given(well_conditioned_games())
def test_the_worst_case_rate_bounds_every_game_of_the_class(case):
    """At eta = mu/L², rho² <= 1 - 1/kappa² for every game with these constants."""
    g, mu, L = case
    rho = analysis.convergence_rate(methods.sim_gda(mu / L**2), g)
    assert rho**2 <= 1 - (mu / L) ** 2 + 1e-12


def test_sim_gda_needs_kappa_squared_iterations_on_the_worst_case_game():
    law = analysis.iterations_vs_kappa(methods.sim_gda, np.geomspace(10, 1000, 7), eps=1e-6)
    assert law.slope == pytest.approx(2.0, abs=0.15)
    np.testing.assert_allclose(law.eta, 1 / law.kappa**2, rtol=0.05)  # mu = 1


def test_gradient_descent_on_the_symmetric_part_needs_kappa_iterations():
    law = analysis.iterations_vs_kappa(methods.sim_gda, np.geomspace(10, 1000, 7),
                                       family=lambda k: games.worst_case_game(1.0, k).symmetric_part())
    assert law.slope == pytest.approx(1.0, abs=0.15)
    np.testing.assert_allclose(law.rate, (law.kappa - 1) / (law.kappa + 1), rtol=1e-6)


def test_predicted_iterations_match_the_simulation():
    """From the slowest eigen-direction the count is exactly the prediction; from a random start,
    where the slowest mode carries only part of the distance, it is at most the prediction
    (the update is normal, so rho^k bounds the contraction)."""
    g = games.worst_case_game(1.0, 4.0)
    best = analysis.optimal_step_size(methods.sim_gda, g)
    predicted = analysis.iterations_to_reach(best.rate, 1e-6)
    a, b = np.diag(g.A), np.diag(g.B)
    corner = np.argmax(np.where(np.isclose(a, 1.0), b, -np.inf))     # the block mu + i sqrt(L² - mu²)
    slowest = np.zeros(g.d)
    slowest[corner] = 1.0                                            # its x-coordinate
    rng_start = np.random.default_rng(2).standard_normal(g.d)
    for z0, low in ((slowest, predicted - 1), (rng_start, 0.8 * predicted)):
        dist = simulate(methods.sim_gda(best.eta), g, z0, n_steps=int(predicted) + 10).distance()
        reached = int(np.argmax(dist <= 1e-6 * dist[0]))
        assert low <= reached <= predicted


# --- numbers from the lecture and the papers (research/science.md §3) ----------------------

def test_rotation_game_numbers():
    g = games.quadratic_2d(1.0, 10.0, 1.0)                  # 0.5x² + 10xy − 0.5y²
    sim = analysis.optimal_step_size(methods.sim_gda, g)
    assert sim.eta == pytest.approx(1 / 101, rel=1e-4)
    assert sim.rate == pytest.approx(10 / np.sqrt(101), rel=1e-9)
    alt = analysis.optimal_step_size(methods.alt_gda, g)
    assert alt.eta == pytest.approx(CLAIMS["altgda-best-eta"].theory, abs=CLAIMS["altgda-best-eta"].tolerance)
    assert alt.rate == pytest.approx(CLAIMS["altgda-best"].theory, abs=CLAIMS["altgda-best"].tolerance)
    # Alt-GDA: |lambda| = 1 - eta while the eigenvalues are complex
    etas = np.array([0.02, 0.08, 0.15])
    np.testing.assert_allclose(analysis.convergence_rate(methods.alt_gda(etas), g), 1 - etas)


def test_alt_gda_example_numbers():
    g = games.quadratic_2d(0.6, 1.2, 0.6)                  # 0.3x² + 1.2xy − 0.3y²
    etas = np.array([0.1, 0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(analysis.convergence_rate(methods.sim_gda(etas), g),
                               [0.9476, 0.9014, 0.9220, 1.0548, 1.2649], atol=1e-4)
    np.testing.assert_allclose(analysis.convergence_rate(methods.alt_gda(etas), g),
                               [0.94, 0.85, 0.70, 0.55, 0.40], atol=1e-12)
    lam = analysis.update_eigenvalues(methods.alt_gda(np.linspace(0.01, 1.0, 100)), g)
    assert np.all(np.abs(lam.imag) > 0)                     # complex over the whole sweep
    best = analysis.optimal_step_size(methods.sim_gda, g, (0.01, 1.0))
    assert (best.eta, best.rate) == pytest.approx((1 / 3, np.sqrt(0.8)), rel=1e-5)
    assert not best.on_boundary


def test_optimal_step_size_says_when_the_best_step_is_an_end_of_its_range():
    """Proximal point's rate keeps improving with eta; a range that stops short of Sim-GDA's
    best step ends at its upper end. Both are flagged instead of passed off as optima."""
    g = games.quadratic_2d(0.6, 1.2, 0.6)
    ppm = analysis.optimal_step_size(methods.proximal_point, g, (0.01, 5.0))
    assert ppm.on_boundary and ppm.eta == pytest.approx(5.0)
    short = analysis.optimal_step_size(methods.sim_gda, g, (0.01, 0.2))
    assert short.on_boundary and short.eta == pytest.approx(0.2)


def test_update_matrix_sweeps_array_step_sizes():
    g = games.quadratic_2d(1.0, 10.0, 1.0)
    etas = np.linspace(0.01, 0.2, 5)
    stack = analysis.update_matrix(methods.sim_gda(etas), g)
    assert stack.shape == (5, 2, 2)
    for eta, M in zip(etas, stack):
        np.testing.assert_allclose(M, np.eye(2) - eta * g.H)


def test_iterations_to_reach():
    assert analysis.iterations_to_reach(0.5, 0.25) == 2
    assert analysis.iterations_to_reach(0.0, 1e-3) == 1
    np.testing.assert_array_equal(analysis.iterations_to_reach([1.0, 2.0], 1e-3), [np.inf, np.inf])


def test_loglog_slope_recovers_power_laws():
    x = np.geomspace(1, 100, 5)
    assert analysis.loglog_slope(x, 3 * x**1.5) == pytest.approx(1.5)


@pytest.mark.parametrize("call, err, words", [
    (lambda: analysis.optimal_step_size(methods.sim_gda, games.bilinear(1.0)), ValueError, "eta_range is required"),
    (lambda: analysis.optimal_step_size(methods.sim_gda, games.bilinear(1.0), (0.2, 0.1)), ValueError, "increasing"),
    (lambda: analysis.optimal_step_size(methods.sim_gda, games.bilinear(1.0), (-1, 0.1)), ValueError,
     "eta_range must lie"),
    (lambda: analysis.iterations_to_reach(0.5, 0.0), ValueError, "eps must lie in (0, 1)"),
    (lambda: analysis.iterations_to_reach(-0.5), ValueError, "rate must lie in [0"),
    (lambda: analysis.loglog_slope([1, 2], [1, 2, 3]), ValueError, "same length"),
    (lambda: analysis.loglog_slope([1, 2], [1, -2]), ValueError, "y must lie in (0"),
    (lambda: analysis.spectral_radius(np.ones((2, 3))), ValueError, "square matrix"),
    (lambda: analysis.empirical_rate(np.ones(5), start=4, stop=2), ValueError, "start < stop"),
    (lambda: analysis.iterations_vs_kappa(methods.sim_gda, [0.5, 2.0]), ValueError, "kappas must lie in [1"),
    (lambda: analysis.update_matrix(methods.sim_gda(0.1), games.bilinear(1.0), z_star=[1.0]), ValueError,
     "z_star must have shape"),
])
def test_bad_input_is_rejected_with_a_clear_error(call, err, words):
    with pytest.raises(err, match=__import__("re").escape(words)):
        call()


@pytest.mark.parametrize("a, b", [(1.0, 10.0), (0.6, 1.2), (1.0, 5.0), (2.0, 0.5)])
def test_largest_stable_sim_gda_step_is_2a_over_a2_plus_b2(a, b):
    """The chapter's threshold: |1 - eta(a ± ib)| = 1 at eta = 2a/(a² + b²) (2/101, 2/3, ...)."""
    g = games.quadratic_2d(a, b, a)
    edge = 2 * a / (a**2 + b**2)
    below, at, above = analysis.convergence_rate(methods.sim_gda(np.array([0.999, 1.0, 1.001]) * edge), g)
    assert below < 1 and at == pytest.approx(1.0, abs=1e-12) and above > 1
