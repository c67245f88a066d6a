"""The driver: shapes, batches, divergence handling, determinism, bad input."""

import warnings

import numpy as np
import pytest

from lecturecode import games, methods, simulate


def test_trajectory_shape_and_first_row():
    g = games.quadratic_2d(1.0, 10.0, 1.0)
    t = simulate(methods.sim_gda(0.01), g, [1.0, 2.0], n_steps=5)
    assert t.z.shape == (6, 2) and t.n_steps == 5
    np.testing.assert_array_equal(t.z[0], [1.0, 2.0])
    np.testing.assert_allclose(t.z[1], [1.0, 2.0] - 0.01 * g.F([1.0, 2.0]))
    np.testing.assert_array_equal(np.asarray(t), t.z)


def test_batches_run_each_start_independently():
    g = games.random_quadratic_game(0.5, 3.0, 2, 2, seed=0)
    z0 = np.random.default_rng(1).standard_normal((4, 3, g.d))
    batch = simulate(methods.alt_gda(0.2), g, z0, n_steps=20)
    assert batch.z.shape == (21, 4, 3, g.d) and batch.diverged.shape == (4, 3)
    single = simulate(methods.alt_gda(0.2), g, z0[2, 1], n_steps=20)
    np.testing.assert_allclose(batch.z[:, 2, 1], single.z)


def test_step_size_arrays_give_one_trajectory_each():
    g = games.quadratic_2d(1.0, 10.0, 1.0)
    etas = np.array([0.005, 0.01, 0.05])
    t = simulate(methods.sim_gda(etas), g, [1.0, 1.0], n_steps=400)
    assert t.z.shape == (401, 3, 2)
    np.testing.assert_array_equal(t.diverged, [False, False, True])


def test_divergence_is_flagged_and_frozen_without_warnings():
    g = games.bilinear(10.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")                        # no overflow / invalid warnings
        t = simulate(methods.sim_gda(np.array([0.01, 1.0])), g, [1.0, 1.0], n_steps=5000)
    assert t.diverged.tolist() == [True, True]
    # eta = 1: |1 ± 10i| = sqrt(101) per step; the norm sqrt(2)·101^(k/2) passes 1e6 at k = 6
    assert t.diverged_at[1] == 6
    k = t.diverged_at[0]
    assert np.all(np.isfinite(t.z[:k, 0])) and np.all(np.isnan(t.z[k:, 0]))
    assert np.all(np.isinf(t.distance()[k:, 0]))


def test_all_diverged_stops_early_and_fills_with_nan():
    t = simulate(methods.sim_gda(1.0), games.bilinear(10.0), np.ones((3, 2)), n_steps=100000)
    assert t.z.shape == (100001, 3, 2)
    assert np.all(np.isnan(t.z[7:]))


def test_simulation_is_deterministic():
    g = games.random_quadratic_game(0.3, 2.0, 3, 3, seed=5)
    z0 = np.random.default_rng(9).standard_normal((10, g.d))
    a = simulate(methods.alt_gda(0.1), g, z0, 50).z
    b = simulate(methods.alt_gda(0.1), g, z0, 50).z
    np.testing.assert_array_equal(a, b)


def test_distance_to_a_shifted_solution():
    g = games.quadratic_minimax(1.0, 1.0, 1.0, z_star=[2.0, -1.0])
    t = simulate(methods.sim_gda(0.3), g, [0.0, 0.0], n_steps=300)
    assert t.distance(g.z_star)[-1] < 1e-10
    np.testing.assert_allclose(t.z[-1], g.z_star, atol=1e-10)


@pytest.mark.parametrize("kwargs, err, words", [
    (dict(z0=[1.0]), ValueError, "z0 must have shape (..., 2)"),
    (dict(z0=[np.nan, 1.0]), ValueError, "z0 must be finite"),
    (dict(z0=[1e9, 0.0]), ValueError, "outside the ball"),
    (dict(n_steps=-1), ValueError, "n_steps must be >= 0"),
    (dict(n_steps=2.5), TypeError, "n_steps must be an integer"),
    (dict(max_norm=0.0), ValueError, "max_norm must lie in (0"),
    (dict(method="sim"), TypeError, "method must be a lecturecode Method"),
    (dict(game=np.eye(2)), TypeError, "game must be a lecturecode Game"),
])
def test_bad_input_is_rejected_with_a_clear_error(kwargs, err, words):
    args = dict(method=methods.sim_gda(0.1), game=games.bilinear(1.0), z0=[1.0, 0.0], n_steps=3)
    args.update(kwargs)
    with pytest.raises(err, match=__import__("re").escape(words)):
        simulate(args.pop("method"), args.pop("game"), args.pop("z0"), args.pop("n_steps"), **args)
