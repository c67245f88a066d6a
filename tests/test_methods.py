"""Update rules: each method's step against the lecture's matrices, and the known behaviours."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import quadratic_games

from lecturecode import analysis, games, methods, simulate


def lecture_J_sim(g, eta):
    """The lecture's J_Sim, written out block by block."""
    I_x, I_y = np.eye(g.n_x), np.eye(g.n_y)
    return np.block([[I_x - eta * g.A, -eta * g.B], [eta * g.B.T, I_y - eta * g.C]])


def lecture_J_alt(g, eta):
    """The lecture's J_Alt, written out block by block."""
    I_x, I_y = np.eye(g.n_x), np.eye(g.n_y)
    return np.block([[I_x - eta * g.A, -eta * g.B],
                     [eta * g.B.T @ (I_x - eta * g.A), I_y - eta * g.C - eta**2 * g.B.T @ g.B]])


@given(quadratic_games(), st.floats(0.001, 0.5))
def test_update_operators_match_the_lecture_matrices(case, eta):
    g, _, _ = case
    np.testing.assert_allclose(analysis.update_matrix(methods.sim_gda(eta), g), lecture_J_sim(g, eta), atol=1e-12)
    np.testing.assert_allclose(analysis.update_matrix(methods.alt_gda(eta), g), lecture_J_alt(g, eta), atol=1e-12)


@pytest.mark.parametrize("a, b, c, eta", [(1.0, 10.0, 1.0, 0.05), (0.6, 1.2, 0.6, 0.7), (0.3, 2.0, 0.9, 0.2)])
def test_alt_gda_determinant_is_the_product_of_the_diagonal_factors(a, b, c, eta):
    """det J_Alt = (1 - eta a)(1 - eta c): the coupling does not change the area."""
    M = analysis.update_matrix(methods.alt_gda(eta), games.quadratic_2d(a, b, c))
    assert np.linalg.det(M) == pytest.approx((1 - eta * a) * (1 - eta * c), rel=1e-12)


@given(st.floats(1e-4, 10.0), st.floats(0.1, 100.0))
def test_sim_gda_diverges_on_bilinear_games_for_every_step_size(eta, b):
    """|1 ± i b eta| = sqrt(1 + b² eta²) > 1."""
    rho = analysis.convergence_rate(methods.sim_gda(eta), games.bilinear(b))
    assert rho == pytest.approx(np.sqrt(1 + (b * eta) ** 2), rel=1e-12)
    assert rho > 1


def test_sim_gda_on_10xy_diverges_while_alt_gda_stays_bounded():
    g = games.bilinear(10.0)
    z0 = np.array([1.0, 1.0])
    for eta in (0.001, 0.01, 0.1):
        sim = simulate(methods.sim_gda(eta), g, z0, n_steps=20000)
        dist = sim.distance()[:30]                  # before the eta = 0.1 run leaves the ball
        np.testing.assert_allclose(dist[1:] / dist[:-1], np.sqrt(1 + (10 * eta) ** 2))  # grows every step
        assert sim.diverged == (eta >= 0.01)        # 0.001 grows only e-fold in 20000 steps
    for eta in (0.001, 0.01, 0.1, 0.19):          # Alt-GDA: |lambda| = 1 for eta*b < 2
        alt = simulate(methods.alt_gda(eta), g, z0, n_steps=20000)
        dist = alt.distance()
        assert not alt.diverged
        assert dist.max() < 10 * dist[0]           # bounded ...
        assert dist[-1] > 0.1 * dist[0]            # ... but not converging: it cycles
        assert np.abs(analysis.update_eigenvalues(methods.alt_gda(eta), g)) == pytest.approx(1.0)


@given(quadratic_games(), st.integers(0, 2**16))
def test_monotone_games_converge_for_small_step_sizes(case, seed):
    """Both methods contract for eta well below mu / L² (the Sim-GDA safe range)."""
    g, mu, L = case
    eta = 0.5 * mu / L**2
    z0 = np.random.default_rng(seed).standard_normal(g.d)
    for make in (methods.sim_gda, methods.alt_gda):
        assert analysis.convergence_rate(make(eta), g) < 1
        # the squared distance bound of Sim-GDA: 1 - 2 eta mu + eta² L² per step
    dist = simulate(methods.sim_gda(eta), g, z0, n_steps=50).distance()
    bound = np.sqrt(1 - 2 * eta * mu + eta**2 * L**2)
    assert np.all(dist[1:] <= dist[:-1] * bound * (1 + 1e-9))


@given(quadratic_games(), st.floats(0.001, 0.3))
def test_steps_are_deterministic_and_keep_shape(case, eta):
    g, _, _ = case
    z = np.random.default_rng(1).standard_normal((3, 2, g.d))
    for make in (methods.sim_gda, methods.alt_gda):
        m = make(eta)
        first, state = m.step(g, z, m.init(g, z))
        again, _ = m.step(g, z, m.init(g, z))
        assert first.shape == z.shape and state == ()
        np.testing.assert_array_equal(first, again)


def test_step_sizes_broadcast_against_the_batch():
    g = games.quadratic_2d(1.0, 10.0, 1.0)
    etas = np.array([0.01, 0.02, 0.05])
    z = np.ones((3, 2))
    for make in (methods.sim_gda, methods.alt_gda):
        batched, _ = make(etas).step(g, z, ())
        for i, eta in enumerate(etas):
            single, _ = make(eta).step(g, z[i], ())
            np.testing.assert_allclose(batched[i], single)


def test_alt_gda_updates_players_in_order_for_more_than_two_blocks():
    """With three players, player 3 sees the already-updated players 1 and 2."""
    H = np.array([[1.0, 2.0, 0.0], [-2.0, 1.0, 3.0], [0.0, -3.0, 1.0]])
    g = games.LinearGame(H, (1, 1, 1))
    eta, z = 0.1, np.array([1.0, -1.0, 2.0])
    expected = z.copy()
    for i in range(3):
        expected[i] -= eta * (H @ expected)[i]
    got, _ = methods.alt_gda(eta).step(g, z, ())
    np.testing.assert_allclose(got, expected)


def test_methods_carry_their_metadata():
    m = methods.alt_gda(0.1)
    assert m.info == methods.Info(evaluations=1, jacobian_evaluations=0, memory=0, order="alternating",
                                  requires=("F",))
    assert m.label == "Alt-GDA (η=0.1)"
    assert methods.sim_gda(np.array([0.1, 0.2])).label == "Sim-GDA"


@pytest.mark.parametrize("make", [methods.sim_gda, methods.alt_gda])
@pytest.mark.parametrize("eta, err, words", [
    (0.0, ValueError, "eta must lie in (0, inf)"),
    (-0.1, ValueError, "eta must lie in (0, inf)"),
    ([0.1, -1.0], ValueError, "eta must lie in (0, inf)"),
    (np.nan, ValueError, "eta must be finite"),
    ("0.1", TypeError, "eta must be a real"),
    (True, TypeError, "eta must be a positive real"),
])
def test_bad_step_sizes_are_rejected(make, eta, err, words):
    with pytest.raises(err, match=__import__("re").escape(words)):
        make(eta)
