"""Non-quadratic and n-player games: closed forms against autograd, the dynamics the chapter claims."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from lecturecode import games, integrate_flow, methods, simulate

GAMES = {
    "matching pennies": games.matching_pennies,
    "prisoner's dilemma": games.prisoners_dilemma,
    "lorenz": lambda: games.lorenz_game(7.0, 20.0, 2.0),
    "double well": games.double_well_game,
}


@pytest.mark.parametrize("name", GAMES)
def test_closed_forms_match_autograd_on_the_losses(name):
    """F and J written by hand equal automatic derivatives of the players' losses."""
    g = GAMES[name]()
    F_ad, J_ad = games.autograd_field(g.losses, g.dims)
    rng = np.random.default_rng(0)
    points = rng.uniform(0.0, 1.0, (20, g.d)) if g.lower is not None else rng.normal(0, 3, (20, g.d))
    for z in points:
        np.testing.assert_allclose(g.F(z), F_ad(z), atol=1e-12)
        np.testing.assert_allclose(g.J(z), J_ad(z), atol=1e-12)
    np.testing.assert_allclose(g.F(points), np.stack([F_ad(z) for z in points]), atol=1e-12)   # batched


@given(st.floats(0.5, 20), st.floats(0.5, 40), st.floats(0.1, 5), st.integers(0, 2**16))
def test_lorenz_game_field_is_the_lorenz_system(a, b, c, seed):
    z = np.random.default_rng(seed).normal(0.0, 10.0, (8, 3))
    x, y, w = z.T
    lorenz_rhs = np.stack([a * (y - x), x * (b - w) - y, x * y - c * w], axis=-1)
    np.testing.assert_allclose(-games.lorenz_game(a, b, c).F(z), lorenz_rhs, rtol=1e-12, atol=1e-9)


def test_lorenz_players_follow_the_chaotic_attractor():
    g = games.lorenz_game()
    runs = simulate(methods.sim_gda(0.005), g, [[1.0, 1.0, 1.0], [1.0, 1.0, 1.001]], n_steps=6000)
    assert not runs.diverged.any()
    z = runs.z[3000:, 0]
    assert np.all(np.abs(z[:, 0]) < 25) and np.all((z[:, 2] > 0) & (z[:, 2] < 55))   # bounded ...
    assert (z[:, 0] > 5).any() and (z[:, 0] < -5).any()                              # ... visiting both lobes
    assert np.linalg.norm(runs.z[-1, 0] - runs.z[-1, 1]) > 1.0                        # sensitive to the start


def test_lorenz_players_settle_for_small_b():
    """Below the Hopf threshold (b < 24.74 for a=10, c=8/3) the flow goes to a fixed point."""
    z = simulate(methods.sim_gda(0.005), games.lorenz_game(b=15.0), [1.0, 1.0, 1.0], 20000).z[-1]
    fixed = np.array([np.sqrt(8 / 3 * 14), np.sqrt(8 / 3 * 14), 14.0])
    assert min(np.linalg.norm(z - fixed), np.linalg.norm(z - fixed * [-1, -1, 1])) < 1e-3


def test_matching_pennies_flow_conserves_the_distance_to_equilibrium():
    g = games.matching_pennies()
    flow = integrate_flow(g, [0.8, 0.5], t_end=10.0, n_steps=2000)
    dist = flow.distance(g.z_star)
    np.testing.assert_allclose(dist, 0.3, atol=1e-9)
    assert np.ptp(flow.z[:, 0]) > 0.59                      # it really goes round


@given(st.floats(0.01, 0.3), st.floats(0.55, 0.7), st.floats(0.35, 0.65))
def test_sim_gda_on_matching_pennies_spirals_out(eta, x0, y0):
    g = games.matching_pennies()
    traj = simulate(methods.sim_gda(eta), g, [x0, y0], n_steps=400)
    dist = traj.distance(g.z_star)
    inside = np.all((traj.z > 0) & (traj.z < 1), axis=-1)
    k = int(np.argmin(inside)) if not inside.all() else len(dist)   # until the first projection
    assert k >= 2
    growth = dist[1:k] / dist[:k - 1]
    np.testing.assert_allclose(growth, np.sqrt(1 + 4 * eta**2), rtol=1e-9)  # strictly growing
    assert np.all(traj.z >= 0) and np.all(traj.z <= 1)        # projected onto the strategy square


def test_prisoners_dilemma_gradient_play_ends_in_mutual_defection():
    g = games.prisoners_dilemma()
    axis = np.linspace(0.0, 1.0, 11)
    grid = np.stack(np.meshgrid(axis, axis), axis=-1)
    ends = simulate(methods.sim_gda(0.05), g, grid, n_steps=25).z[-1]
    np.testing.assert_array_equal(ends, 0.0)
    np.testing.assert_allclose(-g.value([0.0, 0.0]), [-2.0, -2.0])
    np.testing.assert_allclose(-g.value([1.0, 1.0]), [-1.0, -1.0])


@given(st.floats(0, 1), st.floats(0, 1))
def test_defection_is_dominant(p, q):
    """Expected payoff of player 1 falls by exactly 1 per unit of cooperation, whatever player 2 does."""
    g = games.prisoners_dilemma()
    r1 = -g.value(np.array([[0.0, q], [1.0, q]]))[:, 0]
    assert r1[1] - r1[0] == pytest.approx(-1.0)
    r2 = -g.value(np.array([[p, 0.0], [p, 1.0]]))[:, 1]
    assert r2[1] - r2[0] == pytest.approx(-1.0)


def test_double_well_critical_points_are_critical():
    g = games.double_well_game()
    for point in g.critical_points.values():
        np.testing.assert_allclose(g.F(point), 0.0, atol=1e-15)


def test_game_from_losses_builds_a_working_game():
    import autograd.numpy as anp

    g = games.minimax_game(lambda z: 0.5 * z[0] ** 2 + 2 * z[0] * z[1] - 0.5 * z[1] ** 2, 1, 1)
    ref = games.quadratic_2d(1.0, 2.0, 1.0)
    z = np.random.default_rng(1).normal(size=(4, 2))
    np.testing.assert_allclose(g.F(z), ref.F(z))
    np.testing.assert_allclose(g.J(z), ref.J(z))
    three = games.game_from_losses(lambda z: anp.stack([z[0] ** 2, z[1] * z[0], z[2] ** 4]), (1, 1, 1))
    np.testing.assert_allclose(three.F([1.0, 2.0, 1.0]), [2.0, 1.0, 4.0])


@pytest.mark.parametrize("call, err, words", [
    (lambda: games.matching_pennies().value([1.2, 0.5]), ValueError, "must lie in the strategy box"),
    (lambda: games.prisoners_dilemma().value([-0.1, 0.5]), ValueError, "must lie in the strategy box"),
    (lambda: games.matching_pennies().value([0.5, 0.5, 0.5]), ValueError, "z must have shape (..., 2)"),
    (lambda: games.matching_pennies().value([np.nan, 0.5]), ValueError, "z must be finite"),
    (lambda: simulate(methods.sim_gda(0.1), games.matching_pennies(), [1.5, 0.5], 3), ValueError,
     "z0 must lie in the strategy box"),
    (lambda: games.lorenz_game(a=-1.0), ValueError, "a must lie in (0"),
    (lambda: games.lorenz_game(b=np.inf), ValueError, "b must be finite"),
    (lambda: games.lorenz_game().value([1.0, 2.0]), ValueError, "z must have shape (..., 3)"),
    (lambda: integrate_flow(games.matching_pennies(), [0.5, 0.5], t_end=0.0, n_steps=3), ValueError,
     "t_end must lie in (0"),
])
def test_bad_input_is_rejected_with_a_clear_error(call, err, words):
    with pytest.raises(err, match=__import__("re").escape(words)):
        call()
