"""The strongly-convex–strongly-concave setting (lecturecode.analysis.duality): the closed-form
primal and dual are the inner max and min, the minimax theorem holds on the chapter's game (grid
min-max = max-min = f(z*)), and fails for (x - y)^2, which is not concave in y."""

import numpy as np
import pytest

import lecturecode as lc
from lecturecode.analysis.duality import grid_minimax, primal_dual

def _f(game, X, Y):
    a, b, c = game.A[0, 0], game.B[0, 0], game.C[0, 0]
    dx, dy = X - game.z_star[0], Y - game.z_star[1]
    return 0.5 * a * dx**2 + b * dx * dy - 0.5 * c * dy**2

@pytest.mark.parametrize("abc", [(1.0, 10.0, 1.0), (0.3, 1.2, 2.0), (2.0, 0.0, 0.5)])
def test_primal_and_dual_are_the_inner_max_and_min(abc):
    game = lc.games.quadratic_2d(*abc)
    grid = np.linspace(-25, 25, 100001)          # holds every inner optimiser b x / c, b y / a
    pts = np.array([-1.0, -0.2, 0.0, 0.7])
    phi, psi = primal_dual(game, pts, pts)
    assert np.allclose(phi, [_f(game, x, grid).max() for x in pts], atol=1e-5)
    assert np.allclose(psi, [_f(game, grid, y).min() for y in pts], atol=1e-5)
    assert np.all(phi >= psi) and phi[2] == psi[2] == 0.0          # the gap closes only at z*

def test_minimax_theorem_on_the_chapter_game():
    game = lc.games.quadratic_2d(1.0, 10.0, 1.0)
    g = np.linspace(-1, 1, 401)
    X, Y = np.meshgrid(g, g, indexing="ij")
    r = grid_minimax(_f(game, X, Y), g, g)
    assert abs(r.min_max) < 1e-12 and abs(r.max_min) < 1e-12 and abs(r.gap) < 1e-12
    assert r.x_min_max == 0.0 and r.y_max_min == 0.0

def test_without_concavity_the_order_of_play_matters():
    g = np.linspace(-1, 1, 401)
    r = grid_minimax((g[:, None] - g[None, :]) ** 2, g, g)
    assert r.min_max == 1.0 and r.max_min == 0.0 and r.gap == 1.0

def test_weak_duality_on_random_tables():
    rng = np.random.default_rng(5)
    for _ in range(20):
        r = grid_minimax(rng.standard_normal((7, 9)), np.arange(7.0), np.arange(9.0))
        assert r.gap >= 0

def test_hostile_input_is_named():
    with pytest.raises(ValueError, match="quadratic"):
        primal_dual(lc.games.bilinear(1.0), [0.0], [0.0])
    with pytest.raises(TypeError, match="quadratic"):
        primal_dual(lc.games.matching_pennies(), [0.0], [0.0])
    with pytest.raises(ValueError, match="values"):
        grid_minimax(np.zeros((2, 3)), [0.0, 1.0], [0.0, 1.0])
    with pytest.raises(ValueError, match="lim"):
        lc.plot.duality_plot(lc.games.quadratic_2d(1.0, 1.0, 1.0), lim=0.0)
