"""Games: structure of H, constants mu/L/kappa, the worst-case and random generators, bad input."""

import numpy as np
import pytest
from hypothesis import given
from strategies import quadratic_games

from lecturecode import games


def test_game_hessian_has_the_lecture_block_structure():
    A = np.array([[2.0, 0.5], [0.5, 1.0]])
    B = np.array([[1.0, -2.0, 0.0], [3.0, 0.0, 1.0]])
    C = np.diag([1.0, 2.0, 3.0])
    g = games.quadratic_minimax(A, B, C)
    assert g.dims == (2, 3)
    np.testing.assert_array_equal(g.H[:2, :2], A)
    np.testing.assert_array_equal(g.H[:2, 2:], B)
    np.testing.assert_array_equal(g.H[2:, :2], -B.T)
    np.testing.assert_array_equal(g.H[2:, 2:], C)


def test_vector_field_is_grad_x_and_minus_grad_y_of_f():
    """F must equal (grad_x f, -grad_y f) = (Ax + By, -(B'x - Cy)), the closed-form gradients."""
    rng = np.random.default_rng(3)
    g = games.random_quadratic_game(0.3, 5.0, n_x=2, n_y=3, seed=rng)
    z = rng.standard_normal(5)
    x, y = z[:2], z[2:]
    np.testing.assert_allclose(g.F(z), np.r_[g.A @ x + g.B @ y, -(g.B.T @ x - g.C @ y)])
    # and f itself is the payoff those gradients belong to
    assert g.value(z) == pytest.approx(0.5 * x @ g.A @ x + x @ g.B @ y - 0.5 * y @ g.C @ y)


def test_field_and_jacobian_are_vectorised_over_batch_axes():
    g = games.quadratic_2d(1.0, 10.0, 1.0)
    z = np.arange(24.0).reshape(3, 4, 2)
    assert g.F(z).shape == (3, 4, 2)
    np.testing.assert_allclose(g.F(z)[1, 2], g.H @ z[1, 2])
    assert g.J(z).shape == (3, 4, 2, 2)


def test_z_star_shifts_the_solution():
    g = games.quadratic_minimax(1.0, 2.0, 1.0, z_star=[3.0, -1.0])
    np.testing.assert_allclose(g.F([3.0, -1.0]), 0.0)
    np.testing.assert_allclose(g.F([4.0, -1.0]), g.H @ [1.0, 0.0])


def test_lecture_examples_have_their_constants():
    ex = games.lecture_examples()
    rot = ex["0.5x² + 10xy − 0.5y²"]
    assert (rot.mu, rot.L) == pytest.approx((1.0, np.sqrt(101.0)))
    np.testing.assert_allclose(sorted(rot.eigenvalues, key=np.imag), [1 - 10j, 1 + 10j])
    assert ex["10xy"].mu == pytest.approx(0.0, abs=1e-15)
    assert ex["10xy"].kappa == np.inf
    np.testing.assert_allclose(sorted(ex["0.3x² + 1.2xy − 0.3y²"].eigenvalues, key=np.imag),
                               [0.6 - 1.2j, 0.6 + 1.2j])


@pytest.mark.parametrize("mu, L, n_blocks", [(1.0, 10.0, 16), (0.1, 3.0, 5), (2.0, 2.0, 4), (1.0, 1000.0, 16)])
def test_worst_case_game_covers_the_boundary_of_its_class(mu, L, n_blocks):
    g = games.worst_case_game(mu, L, n_blocks)
    lam = g.eigenvalues
    assert g.d == 2 * n_blocks
    assert g.mu == pytest.approx(mu, rel=1e-12)
    assert g.L == pytest.approx(L, rel=1e-12)
    tol = 1e-9 * L
    assert np.all(lam.real >= mu - tol) and np.all(np.abs(lam) <= L + tol)
    on_segment = np.isclose(lam.real, mu, atol=tol)
    on_arc = np.isclose(np.abs(lam), L, atol=tol)
    assert np.all(on_segment | on_arc)                        # every eigenvalue is on the boundary
    corner = mu + 1j * np.sqrt(L**2 - mu**2)
    assert np.min(np.abs(lam - corner)) < tol                 # including the binding corner
    assert np.min(np.abs(lam - L)) < tol                      # and the real end of the arc


@given(quadratic_games())
def test_random_games_have_exactly_the_requested_constants(case):
    g, mu, L = case
    assert g.mu == pytest.approx(mu, rel=1e-9)
    assert g.L == pytest.approx(L, rel=1e-9)
    # strong monotonicity holds on random pairs of points
    rng = np.random.default_rng(0)
    z1, z2 = rng.standard_normal((2, 10, g.d))
    diff = z1 - z2
    inner = np.einsum("bi,bi->b", g.F(z1) - g.F(z2), diff)
    assert np.all(inner >= mu * np.einsum("bi,bi->b", diff, diff) * (1 - 1e-9))


def test_random_games_are_reproducible_from_their_seed():
    a = games.random_quadratic_game(0.5, 4.0, 2, 3, seed=7)
    b = games.random_quadratic_game(0.5, 4.0, 2, 3, seed=np.random.default_rng(7))
    c = games.random_quadratic_game(0.5, 4.0, 2, 3, seed=8)
    np.testing.assert_array_equal(a.H, b.H)
    assert not np.array_equal(a.H, c.H)


def test_games_are_immutable():
    g = games.quadratic_2d(1.0, 2.0, 1.0)
    with pytest.raises(ValueError):
        g.H[0, 0] = 5.0
    with pytest.raises(AttributeError):
        g.A = np.eye(1)


def test_symmetric_part_drops_the_coupling():
    g = games.worst_case_game(1.0, 10.0)
    s = g.symmetric_part()
    np.testing.assert_allclose(s.H, 0.5 * (g.H + g.H.T))
    assert s.mu == pytest.approx(1.0) and s.L == pytest.approx(10.0)


def test_linearize_uses_the_jacobian_at_the_point():
    g = games.quadratic_minimax(1.0, 2.0, 3.0, z_star=[1.0, 1.0])
    lin = games.linearize(g)
    np.testing.assert_array_equal(lin.H, g.H)
    np.testing.assert_allclose(lin.F([1.0, 0.0]), g.F([2.0, 1.0]))


@pytest.mark.parametrize("call, err, words", [
    (lambda: games.quadratic_minimax(np.ones((2, 3)), 0.0, 1.0), ValueError, "A must be a square"),
    (lambda: games.quadratic_minimax(1.0, np.ones((2, 2)), 1.0), ValueError, "B must have shape"),
    (lambda: games.quadratic_minimax([[1, 2], [0, 1]], [[0], [0]], 1.0), ValueError, "A must be symmetric"),
    (lambda: games.quadratic_minimax(1.0, np.nan, 1.0), ValueError, "B must be finite"),
    (lambda: games.quadratic_minimax(1.0, 1.0, 1.0, z_star=[1.0]), ValueError, "z_star must have shape"),
    (lambda: games.quadratic_minimax("a", 1.0, 1.0), TypeError, "A must be a real"),
    (lambda: games.quadratic_2d(1.0, np.inf, 1.0), ValueError, "b must be finite"),
    (lambda: games.worst_case_game(0.0, 1.0), ValueError, "mu must lie in (0"),
    (lambda: games.worst_case_game(2.0, 1.0), ValueError, "L must lie in [2"),
    (lambda: games.worst_case_game(1.0, 2.0, n_blocks=1), ValueError, "n_blocks must be >= 2"),
    (lambda: games.random_quadratic_game(1.0, 2.0, seed=1.5), TypeError, "seed must be an int"),
    (lambda: games.random_quadratic_game(1.0, 2.0, n_x=0), ValueError, "n_x must be >= 1"),
    (lambda: games.quadratic_2d(1, 2, 1).value([1.0, 2.0, 3.0]), ValueError, "z must have shape (..., 2)"),
    (lambda: games.quadratic_2d(1, 2, 1).value([np.nan, 0.0]), ValueError, "z must be finite"),
    (lambda: games.linearize(games.quadratic_2d(1, 2, 1), [np.inf, 0.0]), ValueError, "z_star must be finite"),
])
def test_bad_input_is_rejected_with_a_clear_error(call, err, words):
    with pytest.raises(err, match=__import__("re").escape(words)):
        call()
