"""Operator analysis that scales (issue 25): the O(d^3) proximal resolvent, the linear model built
once per game, the spectra of h-function methods from H's eigenvalues, and the memoised tuner,
each against the direct computation it replaces."""

import numpy as np
import pytest

from lecturecode import analysis, games, methods
from lecturecode.analysis.operators import LinearModel, linear_model, spectrum_on
from lecturecode.analysis.tuning import memoized
from lecturecode.games.linear import linear_resolvent

H_FUNCTIONS = ["Sim-GDA", "Negative momentum", "EG", "OGDA", "PPM"]


def random_games():
    """Dense games with complex and real eigenvalues, an odd number of real ones, and a block split."""
    rng = np.random.default_rng(3)
    yield games.random_quadratic_game(1.0, 20.0, 4, 3, seed=1)
    yield games.linear_game(rng.standard_normal((5, 5)) + 3.0 * np.eye(5), (2, 3))
    yield games.linear_game(np.diag([1.0, 2.0, 3.0]) + np.triu(rng.standard_normal((3, 3)), 1), (1, 2))
    yield games.block_game([1.0, 2.0, 1.5], [4.0, 1.0, 2.0], [1.0, 0.5, 2.0])


def per_basis_vector(H, etas):
    """The operator of proximal point the old way: one d x d solve per step size and basis vector."""
    d = H.shape[0]
    return np.array([[np.linalg.solve(np.eye(d) + eta * H, e) for e in np.eye(d)] for eta in etas]).swapaxes(-1, -2)


@pytest.mark.parametrize("game", list(random_games()), ids=lambda g: g.name)
def test_the_resolvent_solved_once_per_step_size_is_the_per_basis_vector_operator(game):
    etas = np.array([0.01, 0.3, 2.0, 50.0])
    H = np.asarray(games.linearize(game).H)
    M = analysis.update_matrix(methods.proximal_point(etas), game)
    np.testing.assert_allclose(M, per_basis_vector(H, etas), rtol=1e-12, atol=1e-14)


def test_the_batched_resolvent_flags_singular_systems_one_by_one():
    H = np.array([[-1.0, 0.0], [0.0, 1.0]])              # I + eta H is singular at eta = 1 only
    z = np.array([[1.0, 2.0], [3.0, 0.0], [0.5, -1.0]])
    w, ok = linear_resolvent(H, z[:, None, :], np.array([1.0, 0.5]))
    assert w.shape == (3, 2, 2) and ok.tolist() == [[False, True]] * 3
    assert np.isnan(w[~ok]).all()
    np.testing.assert_allclose(w[0, 1], np.linalg.solve(np.eye(2) + 0.5 * H, z[0]), rtol=1e-15)
    np.testing.assert_allclose(w[2, 1], np.linalg.solve(np.eye(2) + 0.5 * H, z[2]), rtol=1e-15)


def test_the_batched_resolvent_of_many_points_equals_one_solve_per_point():
    rng = np.random.default_rng(0)
    H = rng.standard_normal((2, 6, 6)) + 2 * np.eye(6)   # a stack of two games
    z = rng.standard_normal((5, 1, 6))
    eta = np.array([0.1, 1.0])
    w, ok = linear_resolvent(H, z, eta)
    assert w.shape == (5, 2, 6) and ok.all()
    for i in range(5):
        for k in range(2):
            np.testing.assert_allclose(w[i, k], np.linalg.solve(np.eye(6) + eta[k] * H[k], z[i, 0]), rtol=1e-13)


@pytest.mark.parametrize("game", list(random_games()), ids=lambda g: g.name)
@pytest.mark.parametrize("name", H_FUNCTIONS + ["Alt-GDA"])
def test_rates_from_the_eigenvalues_of_H_are_the_rates_of_the_whole_operator(game, name):
    spec = methods.REGISTRY[name]
    method = spec.make(**{k: np.array([v, 0.5 * v]) for k, v in spec.example.items()})
    full = np.linalg.eigvals(analysis.update_matrix(method, game))
    np.testing.assert_allclose(analysis.convergence_rate(method, game), np.abs(full).max(axis=-1), rtol=1e-11)
    reduced = spectrum_on(method, game, linear_model(game), radius_only=True)
    assert reduced.shape == full.shape                    # the same multiset of eigenvalues, in another order
    for a, b in zip(np.sort_complex(np.round(reduced, 8)), np.sort_complex(np.round(full, 8))):
        np.testing.assert_allclose(a, b, atol=1e-7)


def test_the_linear_model_is_built_once_per_game_and_gives_identical_rates():
    game = games.random_quadratic_game(1.0, 30.0, 6, 6, seed=2)
    model = linear_model(game)
    assert linear_model(game) is model and isinstance(model, LinearModel)
    assert linear_model(game, game.z_star) is not model    # an explicit point is linearised afresh
    fresh = LinearModel(games.linearize(game))
    for name in H_FUNCTIONS + ["Alt-GDA"]:
        spec = methods.REGISTRY[name]
        method = spec.make(**spec.example)
        cached = np.abs(spectrum_on(method, game, model, radius_only=True)).max(axis=-1)
        again = np.abs(spectrum_on(method, game, fresh, radius_only=True)).max(axis=-1)
        assert cached == again == analysis.convergence_rate(method, game)


@pytest.mark.parametrize("name", ["Sim-GDA", "Negative momentum", "Alt-GDA", "PPM"])
def test_the_tuned_rate_is_the_rate_of_the_tuned_method(name):
    spec = methods.REGISTRY[name]
    game = games.random_quadratic_game(1.0, 50.0, 5, 5, seed=0)
    best = analysis.tune(spec.make, game, spec.space)
    assert best.rate == pytest.approx(analysis.convergence_rate(spec.make(**best.hyper), game), rel=1e-12)
    assert 0 < best.n_evals < 200 + 4000                  # distinct settings: the coarse grid and the searches


def test_memoized_evaluates_each_distinct_point_once_and_returns_the_same_values():
    calls = []

    def evaluate(points):
        calls.append(points.shape[1])
        return points[0] ** 2 + points[1]

    rates = memoized(evaluate)
    first = rates([np.array([0.0, 0.5, 1.0]), np.array([0.25, 0.75])])
    np.testing.assert_array_equal(first, np.add.outer([0.0, 0.25, 1.0], [0.25, 0.75]))
    again = rates([np.array([0.5, 1.0, 0.5]), np.array([0.75])])   # all seen before, one twice
    np.testing.assert_array_equal(again, [[1.0], [1.75], [1.0]])
    assert calls == [6] and rates.n_evals == 6
    rates([np.array([0.5, 0.3]), np.array([0.75])])
    assert calls == [6, 1] and rates.n_evals == 7
