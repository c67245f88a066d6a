"""Worst cases over the (mu, L) class and a tuner that proves its optimum.

The tuner is checked against a dense reference grid on the registry's methods; the worst case
of a method that treats the players differently (Alt-GDA) is searched over the class itself and
checked on members sampled independently of the search.
"""

import numpy as np
import pytest

from lecturecode import analysis, games, methods
from lecturecode.methods.registry import REGISTRY, supports

RNG = np.random.default_rng(20261203)


def _members(mu, L, n=20000):
    """Random members of the class: the cube's interior, the norm face b = b_max and the face a = c = mu."""
    u = RNG.uniform(size=(3, n, 3))
    u[1, :, 2] = 1.0
    u[2, :, :2] = 0.0
    return games.class_blocks(mu, L, u.reshape(-1, 3))


# --- the class's scalar members -----------------------------------------------------------------

def test_class_blocks_are_members_and_the_top_face_has_norm_L():
    a, b, c = _members(1.0, 30.0)
    H = np.stack([np.stack([a, b], -1), np.stack([-b, c], -1)], -2)
    assert np.all(np.linalg.norm(H, 2, axis=(-2, -1)) <= 30.0 * (1 + 1e-12))
    assert np.all(np.minimum(a, c) >= 1.0)                          # symmetric part diag(a, c) >= mu
    top = games.class_blocks(1.0, 30.0, np.c_[RNG.uniform(size=(500, 2)), np.ones(500)])
    Ht = np.stack([np.stack([top[0], top[1]], -1), np.stack([-top[1], top[2]], -1)], -2)
    np.testing.assert_allclose(np.linalg.norm(Ht, 2, axis=(-2, -1)), 30.0, rtol=1e-12)


def test_sim_gda_worst_member_is_the_corner_eigenvalue():
    w = analysis.worst_member(methods.sim_gda(0.01), 1.0, 10.0)
    assert w.rate == pytest.approx(np.sqrt(0.99), abs=1e-12)
    assert (w.a, w.c) == pytest.approx((1.0, 1.0)) and w.b == pytest.approx(np.sqrt(99.0), rel=1e-9)


@pytest.mark.parametrize("method", [methods.alt_gda(0.014), methods.alt_negative_momentum(0.01, -0.2),
                                    methods.two_timescale_gda(0.001, 3.0)])
def test_worst_member_is_not_beaten_by_independent_samples(method):
    w = analysis.worst_member(method, 1.0, 100.0)
    rho = analysis.block_radii(method, *_members(1.0, 100.0))
    assert rho.max() <= w.rate * (1 + 1e-9)


# --- Alt-GDA: the boundary game is not its worst case --------------------------------------------

def test_alt_gda_step_tuned_on_the_boundary_game_diverges_on_another_member():
    L = 100.0
    boundary = analysis.tune(methods.alt_gda, games.worst_case_game(1.0, L), {"eta": "auto"})
    member = games.quadratic_2d(L / np.sqrt(2), L / np.sqrt(2), L / np.sqrt(2))
    assert analysis.convergence_rate(methods.alt_gda(boundary.hyper["eta"]), member) > 1.01


@pytest.mark.parametrize("kappa", [10.0, 100.0, 1000.0])
def test_alt_gda_certified_step_is_stable_on_every_sampled_member(kappa):
    found = analysis.tune_worst_case(methods.alt_gda, 1.0, kappa, {"eta": "auto"})
    assert found.certified and found.rate < 1
    step = methods.alt_gda(found.hyper["eta"])
    assert analysis.block_radii(step, *_members(1.0, kappa)).max() <= found.rate * (1 + 1e-9)
    for seed in range(20):                                           # players of dimension 2 and 3 too
        g = games.random_quadratic_game(1.0, kappa, 2, 3, seed=seed)
        assert analysis.convergence_rate(step, g) <= found.rate * (1 + 1e-9)
    assert 1.3 < found.hyper["eta"] * kappa < 1.45                     # roughly 1/L, as the lecture says


@pytest.mark.parametrize("name", ["Sim-GDA", "EG", "OGDA", "Negative momentum"])
def test_for_functions_of_H_the_boundary_game_is_the_worst_case(name):
    spec = REGISTRY[name]
    assert spec.make(**spec.example).info.h_function
    on_boundary = analysis.tune(spec.make, games.worst_case_game(1.0, 100.0), spec.space)
    over_class = analysis.tune_worst_case(spec.make, 1.0, 100.0, spec.space)
    assert over_class.certified
    assert over_class.rate == pytest.approx(on_boundary.rate, rel=1e-9)


def test_methods_that_treat_players_differently_say_so():
    for m in (methods.alt_gda(0.1), methods.alt_negative_momentum(0.1, -0.1), methods.two_timescale_gda(0.1, 2.0),
              methods.per_player(methods.sim_gda(0.1), methods.sim_gda(0.1)), methods.follow_the_ridge(0.1),
              methods.lola(0.1, 0.1)):
        assert not m.info.h_function
    assert methods.with_momentum(methods.sim_gda(0.1), -0.3).info.h_function


# --- the tuner proves its optimum ------------------------------------------------------------------

def _dense(make, game, space):
    searched, fixed = analysis.tuning._resolve(space, game)
    names = list(searched)
    n = 4001 if len(names) == 1 else 241
    mesh = np.meshgrid(*[r.at(np.linspace(0, 1, n)) for r in searched.values()], indexing="ij")
    return float(analysis.convergence_rate(make(**fixed, **dict(zip(names, mesh))), game).min())


TUNED = [n for n, s in REGISTRY.items() if s.space is not None]
GAMES = {"worst case": games.worst_case_game(1.0, 100.0), "two blocks": games.worst_case_game(1.0, 100.0, n_blocks=2)}


@pytest.mark.parametrize("game", list(GAMES))
@pytest.mark.parametrize("name", TUNED)
def test_tune_is_at_least_as_good_as_a_dense_reference_grid(name, game):
    spec, g = REGISTRY[name], GAMES[game]
    if not supports(spec.make(**spec.example), g):
        pytest.skip(f"{name} does not run on {game}")
    best = analysis.tune(spec.make, g, spec.space)
    reference = _dense(spec.make, g, spec.space)
    assert 1 - best.rate >= (1 - reference) * (1 - 1e-3)
    assert set(best.resolution) == set(spec.space)
    # resolved to 1e-10 of each range: a factor next to 1 on a geometric range, a tiny step otherwise
    assert all(abs(step - 1) < 1e-8 or 0 < step < 1e-8 for step in best.resolution.values())


def test_tune_answers_do_not_depend_on_the_coarse_grid():
    g = games.worst_case_game(1.0, 3000.0)
    rates = [analysis.tune(methods.negative_momentum, g, REGISTRY["Negative momentum"].space, n_grid=n).rate
             for n in (33, 65, 129)]
    gaps = 1 - np.array(rates)
    assert gaps.max() - gaps.min() <= 1e-3 * gaps.max()
    missed = analysis.convergence_rate(methods.negative_momentum(1.39076443e-05, -0.979133897), g)
    assert max(rates) <= missed + 1e-15                  # the point the old tuner missed (it stopped at 0.99999561)
