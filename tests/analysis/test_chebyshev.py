"""Negative momentum and Chebyshev polynomials (lecturecode.analysis.chebyshev): the residual
polynomial is what the registry's method does, its Chebyshev form agrees, the contraction region
is the ellipse the module states, and tuned negative momentum beats Sim-GDA over the region."""

import numpy as np
import pytest

import lecturecode as lc
from lecturecode.analysis import chebyshev as ch


def test_residual_polynomial_is_what_the_method_does():
    # A 4-D quadratic game: e_k = p_k(H) e_0 for the registry's own negative momentum.
    game = lc.games.random_quadratic_game(mu=1.0, L=5.0, seed=3)
    eta, beta, k = 0.12, -0.35, 25
    z0 = np.random.default_rng(0).standard_normal(game.d)
    run = lc.simulate(lc.methods.negative_momentum(eta, beta), game, z0, n_steps=k)
    lam, V = np.linalg.eig(game.H)
    e0 = np.linalg.solve(V, z0 - game.z_star)
    predicted = (V @ (ch.momentum_polynomial(lam, eta, beta, k) * e0)).real + game.z_star
    assert np.allclose(run.z[k], predicted, atol=1e-10)


@pytest.mark.parametrize("beta", [-0.9, -0.3, 0.2, 0.7])
def test_chebyshev_form_matches_recurrence(beta):
    lam = np.array([1.0, 2 + 5j, 0.3 - 4j, 10j])
    for k in (0, 1, 2, 9, 40):
        assert np.allclose(ch.momentum_chebyshev(lam, 0.07, beta, k), ch.momentum_polynomial(lam, 0.07, beta, k),
                           rtol=1e-9, atol=1e-12)


def test_root_modulus_is_the_asymptotic_rate_of_the_polynomial():
    lam, eta, beta = np.array([1 + 3j]), 0.2, -0.4
    p = ch.momentum_polynomial(lam, eta, beta, 400)
    assert abs(abs(p[0]) ** (1 / 400) - ch.momentum_root_modulus(lam, eta, beta)[0]) < 5e-3


@pytest.mark.parametrize("beta", [-0.6, 0.0, 0.4])
def test_ellipse_is_the_level_set_and_its_inside_contracts(beta):
    eta, rho = 0.15, 0.9
    edge = ch.momentum_ellipse(eta, beta, rho)
    assert np.allclose(ch.momentum_root_modulus(edge, eta, beta), rho, atol=1e-9)
    centre = (1 + beta) / eta
    inner = centre + 0.95 * (edge - centre)
    outer = centre + 1.05 * (edge - centre)
    assert np.all(ch.momentum_root_modulus(inner, eta, beta) < rho)
    assert np.all(ch.momentum_root_modulus(outer, eta, beta) > rho)


def test_negative_beta_stretches_the_ellipse_along_the_imaginary_axis():
    edge = ch.momentum_ellipse(0.1, -0.5, 0.8)
    assert np.ptp(edge.imag) > np.ptp(edge.real)
    edge = ch.momentum_ellipse(0.1, 0.5, 0.8)
    assert np.ptp(edge.real) > np.ptp(edge.imag)


def test_region_rate_of_sim_gda_is_the_formula():
    for L in (3.0, 10.0, 30.0):
        assert abs(ch.region_rate(1 / L**2, 0.0, 1.0, L) - np.sqrt(1 - 1 / L**2)) < 1e-9


def test_momentum_region_numbers_the_chapter_states():
    r = ch.momentum_region(1.0, 3.0)
    assert abs(r.sim_rate - np.sqrt(8 / 9)) < 1e-9
    assert -0.45 < r.nm_beta < -0.4 and abs(r.nm_rate - 0.850) < 0.002 and abs(r.sim_rate - 0.943) < 0.001
    # The tuned rate on the worst-case game (16 blocks) is the rate over the whole region.
    wc = lc.analysis.convergence_rate(lc.methods.negative_momentum(r.nm_eta, r.nm_beta),
                                      lc.games.worst_case_game(1.0, 3.0))
    assert abs(float(wc) - r.nm_rate) < 1e-3


def test_hostile_input_is_named():
    with pytest.raises(ValueError, match="eigenvalues"):
        ch.momentum_polynomial([np.nan], 0.1, -0.2, 3)
    with pytest.raises(ValueError, match="rho"):
        ch.momentum_ellipse(0.1, -0.64, 0.5)
    with pytest.raises(ValueError, match="overflow"):
        ch.momentum_polynomial([1e5j], 1e3, -0.5, 5000)
    with pytest.raises(ValueError, match="beta"):
        ch.momentum_chebyshev([1.0], 0.1, 0.0, 3)
    with pytest.raises(TypeError, match="region"):
        lc.plot.momentum_region.momentum_region_plot("not a region")
