"""Consensus optimisation and SGA: their update operators, the potential/Hamiltonian split, and
that both close the spiral of Sim-GDA on a bilinear game."""

import numpy as np
import pytest

from lecturecode import analysis, games, methods, simulate


def test_the_split_adds_up_and_has_the_right_symmetry():
    J = np.random.default_rng(0).standard_normal((3, 4, 4))
    S, A = methods.jacobian_split(J)
    np.testing.assert_allclose(S + A, J, atol=1e-15)
    np.testing.assert_allclose(S, np.swapaxes(S, -1, -2))
    np.testing.assert_allclose(A, -np.swapaxes(A, -1, -2))
    S, A = methods.jacobian_split(games.bilinear(3.0).H)          # a Hamiltonian game: S = 0
    assert not S.any() and np.allclose(A, games.bilinear(3.0).H)


@pytest.mark.parametrize("seed", [0, 1])
def test_update_operators_are_the_closed_forms(seed):
    g = games.random_quadratic_game(0.5, 3.0, 2, 2, seed=seed)
    H, eye = g.H, np.eye(g.d)
    eta, gamma = 0.07, 0.3
    np.testing.assert_allclose(analysis.update_matrix(methods.consensus(eta, gamma), g),
                               eye - eta * (H + gamma * H.T @ H), atol=1e-12)
    A = 0.5 * (H - H.T)
    np.testing.assert_allclose(analysis.update_matrix(methods.sga(eta, gamma), g),
                               eye - eta * (eye + gamma * A.T) @ H, atol=1e-12)


def test_sga_is_gda_on_a_potential_game():
    g = games.quadratic_minimax(np.diag([1.0, 2.0]), np.zeros((2, 1)), 3.0)      # no coupling: A = 0
    np.testing.assert_allclose(analysis.update_matrix(methods.sga(0.1, 5.0), g),
                               analysis.update_matrix(methods.sim_gda(0.1), g))


def test_both_corrections_converge_on_the_bilinear_game_where_sim_gda_spirals_out():
    """On f = b xy the operator is (1 - eta gamma b^2) I - eta H: radius
    sqrt((1 - eta gamma b^2)^2 + eta^2 b^2) < 1, while Sim-GDA's is sqrt(1 + eta^2 b^2) > 1."""
    b, eta, gamma = 2.0, 0.1, 0.5
    g = games.bilinear(b)
    expected = np.hypot(1 - eta * gamma * b**2, eta * b)
    for m in (methods.consensus(eta, gamma), methods.sga(eta, gamma)):
        assert analysis.convergence_rate(m, g) == pytest.approx(expected, rel=1e-12)
        run = simulate(m, g, [1.0, 1.0], 200)
        assert np.linalg.norm(run.z[-1]) < 1e-6
    assert analysis.convergence_rate(methods.sim_gda(eta), g) == pytest.approx(np.hypot(1, eta * b))


def test_jacobian_methods_use_the_exact_jacobian_on_a_nonlinear_game():
    """On the Dirac-GAN (J from the game's closed form) one consensus step equals the formula."""
    g = games.dirac_gan()
    z = np.array([0.7, -0.4])
    F, J = g.F(z), g.J(z)
    np.testing.assert_allclose(methods.consensus(0.1, 0.2).step(g, z, ())[0], z - 0.1 * (F + 0.2 * J.T @ F))


@pytest.mark.parametrize("call, err, words", [
    (lambda: methods.consensus(0.0, 1.0), ValueError, "eta"),
    (lambda: methods.consensus(0.1, -1.0), ValueError, "gamma"),
    (lambda: methods.consensus(0.1, "big"), TypeError, "gamma"),
    (lambda: methods.sga(0.1, np.nan), ValueError, "lam"),
    (lambda: methods.sga(None, 1.0), TypeError, "eta"),
    (lambda: methods.jacobian_split(np.ones((2, 3))), ValueError, "J must have shape"),
    (lambda: methods.jacobian_split([[np.inf]]), ValueError, "J"),
    (lambda: methods.jacobian_split("J"), TypeError, "J"),
])
def test_bad_input_is_rejected(call, err, words):
    with pytest.raises(err, match=words):
        call()
