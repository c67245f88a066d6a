"""Opponent shaping on iterated games: exact values, exact derivatives, and the LOLA paper's
behaviours (naive learners defect, LOLA reciprocates; on IMP LOLA finds the equilibrium)."""

from dataclasses import dataclass

import numpy as np
import pytest

from lecturecode import analysis, games, methods, simulate, train
from lecturecode.claims import CLAIMS
from lecturecode.games import MEMORY_ONE, IteratedGame

N_SEEDS, N_STEPS = 100, 200


def rel_err(a, b):
    return np.max(np.abs(np.asarray(a) - np.asarray(b))) / np.max(np.abs(b))


# --- the game: values, conventions, derivatives ----------------------------------------------

@pytest.mark.parametrize("make", [games.ipd, games.imp])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exact_value_matches_a_long_monte_carlo_rollout(make, seed):
    g = make()
    z = np.random.default_rng(seed).standard_normal(10)
    mean, se = games.monte_carlo_value(g, z, n_episodes=20_000, n_rounds=400, seed=seed)
    bias = g.gamma**400 * 3 / (1 - g.gamma)           # truncation of the infinite sum
    assert np.all(np.abs(mean - g.values(z)) < 4.5 * se + bias), (mean, g.values(z), se)


def test_deterministic_policies_have_their_closed_form_values():
    g = games.ipd()
    table = games.round_robin(g, dict(MEMORY_ONE))      # average reward per step, row vs column
    names = list(MEMORY_ONE)
    at = lambda a, b: table[names.index(a), names.index(b)]   # noqa: E731
    assert at("TFT", "TFT") == pytest.approx(-1.0, abs=1e-12)                 # V = -1/(1-γ)
    assert at("ALLD", "ALLD") == pytest.approx(-2.0, abs=1e-12)
    assert at("TFT", "ALLD") == pytest.approx(-3 * (1 - g.gamma) - 2 * g.gamma, abs=1e-12)
    assert at("ALLD", "TFT") == pytest.approx(-2 * g.gamma, abs=1e-12)
    assert at("ALLC", "ALLD") == pytest.approx(-3.0, abs=1e-12)
    # WSLS against ALLD alternates C, D, C, D, ...: rewards -3, -2, -3, ...
    assert at("WSLS", "ALLD") == pytest.approx((1 - g.gamma) * (-3 - 2 * g.gamma) / (1 - g.gamma**2), abs=1e-12)
    # the same numbers from the logits of (nearly) deterministic policies
    z = np.concatenate([games.memory_one_logits("TFT", 40.0), games.memory_one_logits("TFT", 40.0)])
    np.testing.assert_allclose(g.values(z), -1 / (1 - g.gamma), rtol=1e-12)
    z = np.concatenate([games.memory_one_logits("ALLD", 40.0), games.memory_one_logits("ALLD", 40.0)])
    np.testing.assert_allclose(g.values(z), -2 / (1 - g.gamma), rtol=1e-12)
    np.testing.assert_allclose(g.average_rewards(z), [-2.0, -2.0], rtol=1e-12)


def test_second_agent_reads_states_from_its_own_point_of_view():
    g = games.ipd()
    rng = np.random.default_rng(3)
    theta = rng.standard_normal((20, 5))
    V = g.values(np.concatenate([theta, theta], -1))
    np.testing.assert_allclose(V[:, 0], V[:, 1], rtol=1e-13)           # symmetric pair, equal values
    a, b = rng.standard_normal((2, 20, 5))
    np.testing.assert_allclose(g.values(np.concatenate([a, b], -1)),
                               g.values(np.concatenate([b, a], -1))[:, ::-1], rtol=1e-13)
    # agent 2 playing TFT retaliates against ALLD (its own "CD" state is agent 1's DC)
    avg = games.round_robin(g, {"ALLD": MEMORY_ONE["ALLD"], "TFT": MEMORY_ONE["TFT"]})
    assert avg[1, 0] == pytest.approx(-3 * (1 - g.gamma) - 2 * g.gamma, abs=1e-12)


@pytest.mark.parametrize("make", [games.ipd, games.imp])
def test_fast_gradients_match_autograd_to_1e10(make):
    g = make()
    z = np.random.default_rng(4).normal(0, 2, (50, 10))
    V_ad = np.stack([g.losses(p) for p in z])                          # per point, autograd-able code
    assert rel_err(g.losses(z), V_ad) < 1e-10
    G_ad = methods.value_gradients_autograd(g, z)
    assert rel_err(-g.loss_gradients(z), G_ad) < 1e-10
    F_ad, J_ad = games.autograd_field(g.losses, g.dims, vectorized=True)
    assert rel_err(g.F(z), F_ad(z)) < 1e-10
    assert rel_err(g.J(z), J_ad(z)) < 1e-10


@pytest.mark.parametrize("form", ["exact", "taylor"])
@pytest.mark.parametrize("make", [games.ipd, games.imp])
def test_lola_updates_match_autograd_to_1e10(form, make):
    g = make()
    z = np.random.default_rng(5).normal(0, 2, (50, 10))
    fast = methods.lola(0.7, 1.3, form=form).step(g, z, ())[0]
    slow = methods.lola_autograd(0.7, 1.3, form=form).step(g, z, ())[0]
    assert rel_err(fast - z, slow - z) < 1e-10


def test_closed_form_jvp_equals_the_complex_step():
    g = games.ipd()
    rng = np.random.default_rng(6)
    z, v = rng.standard_normal((2, 30, 10))
    G, jvp = g.loss_gradients_with_jvp(z)
    plain = g.loss_gradients(z + 1e-30j * v).imag / 1e-30
    assert rel_err(jvp(v), plain) < 1e-12
    np.testing.assert_array_equal(G, g.loss_gradients(z))
    # one player per stacked direction / point: the matching rows of the full results
    vs, zs = np.stack([v, -v]), np.stack([z, z + 1])
    np.testing.assert_allclose(jvp(vs, (1, 0)), np.stack([jvp(v)[:, 1], jvp(-v)[:, 0]]), rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(g.loss_gradients(zs, players=(0, 1)),
                               np.stack([g.loss_gradients(z)[:, 0], g.loss_gradients(z + 1)[:, 1]]),
                               rtol=1e-13, atol=1e-15)


@dataclass(frozen=True, eq=False, repr=False)
class PlainIteratedGame(IteratedGame):
    """The same game without the closed-form forward mode: the protocol's default, the
    complex step through loss_gradients."""
    loss_gradients_with_jvp = games.Game.loss_gradients_with_jvp


@pytest.mark.parametrize("make_method", [lambda: methods.lola(1.0, 0.8), lambda: methods.lola(0.5, 1.0, form="taylor"),
                                         lambda: methods.sos(1.0, 1.0)])
def test_generic_complex_step_path_gives_the_same_updates(make_method):
    g = games.ipd()
    plain = PlainIteratedGame(g.name, g.payoffs, g.gamma)
    z = np.random.default_rng(8).standard_normal((20, 10))
    m = make_method()
    assert rel_err(m.step(plain, z, ())[0] - z, m.step(g, z, ())[0] - z) < 1e-12


# --- opponent shaping as a linear update: theory against simulation ---------------------------

def measured_rate(method, game, e0, n_steps):
    """Per-step contraction of the distance to z* over the second half of a run."""
    d = np.linalg.norm(simulate(method, game, game.z_star + e0, n_steps).z - game.z_star, axis=-1)
    half = n_steps // 2
    return (d[-1] / d[half]) ** (1.0 / (n_steps - half))


@pytest.mark.parametrize("name, form", [("IMP", "exact"), ("IMP", "taylor"), ("bilinear", "exact")])
def test_lola_contracts_at_the_rate_of_its_update_operator_where_naive_learners_spiral_out(name, form):
    """Near the mixed equilibrium of IMP (and on the bilinear game, where it is exact) LOLA is a
    linear update: its measured contraction equals rho of the operator (within 3 % in log rho),
    which is below 1, while the naive learners' operator has rho > 1: they spiral away from 1/2."""
    from lecturecode import analysis

    game = games.imp() if name == "IMP" else games.bilinear(1.0)
    lola, nl = methods.lola(1.0, 1.0, form=form), methods.naive_learner(1.0)
    if name == "bilinear":
        lola, nl = methods.lola(0.2, 0.5, form=form), methods.naive_learner(0.2)
    rho = analysis.convergence_rate(lola, game)
    assert rho < 1.0 and analysis.convergence_rate(nl, game) > 1.0
    e0 = 1e-6 * np.random.default_rng(5).standard_normal(game.d)
    measured = measured_rate(lola, game, e0, 120)
    assert abs(np.log(measured) / np.log(rho) - 1.0) < 0.03, (measured, rho)


def test_the_radii_the_chapter_quotes_for_matching_pennies():
    """The LOLA chapter explains its IMP figures with these radii at the mixed equilibrium:
    naive learners spiral out, exact LOLA contracts faster than its Taylor form."""
    from lecturecode import analysis

    imp = games.imp()
    rho = [analysis.convergence_rate(m, imp) for m in (methods.naive_learner(1.0), methods.lola(1.0, 1.0),
                                                       methods.lola(1.0, 1.0, form="taylor"))]
    assert np.round(rho, 3).tolist() == [1.147, 0.910, 0.970]


def test_lola_on_a_bilinear_game_is_gda_plus_a_consensus_term():
    """For f = b·x·y the Taylor form of LOLA is exactly M = I - δ(H + η′b²I): Sim-GDA plus a
    consensus (damping) term η′b² from the opponent's modelled step."""
    from lecturecode import analysis

    b, delta, la = 2.0, 0.1, 0.3
    game = games.bilinear(b)
    M = analysis.update_matrix(methods.lola(delta, la, form="taylor"), game)
    np.testing.assert_allclose(M, np.eye(2) - delta * (game.H + la * b ** 2 * np.eye(2)), atol=1e-14)


@pytest.mark.parametrize("form", ["exact", "taylor"])
def test_a_sweep_over_look_aheads_is_a_batch_axis(form):
    """Array hyper-parameters broadcast like everywhere else: one step per look-ahead value."""
    g, z = games.ipd(), np.random.default_rng(4).standard_normal(10)
    sweep = methods.lola(1.0, [0.5, 1.0, 2.0], form=form).step(g, z, ())[0]
    each = [methods.lola(1.0, la, form=form).step(g, z, ())[0] for la in (0.5, 1.0, 2.0)]
    np.testing.assert_array_equal(sweep, np.stack(each))


# --- the paper's behaviours over 100 seeds ----------------------------------------------------

@pytest.fixture(scope="module")
def ipd_runs():
    g, nl = games.ipd(), methods.naive_learner(1.0)
    lola, taylor = methods.lola(1.0, 1.0), methods.lola(1.0, 1.0, form="taylor")
    return {name: train(m, g, n_seeds=N_SEEDS, n_steps=N_STEPS, seed=0) for name, m in {
        "NL-NL": nl, "LOLA-LOLA": lola, "Taylor-Taylor": taylor,
        "LOLA-NL": methods.per_player(lola, nl), "Taylor-NL": methods.per_player(taylor, nl)}.items()}


def test_naive_learners_end_in_mutual_defection(ipd_runs):
    assert ipd_runs["NL-NL"].rewards[-1].mean() < CLAIMS["ipd-nl"].theory


@pytest.mark.parametrize("name", ["LOLA-LOLA", "Taylor-Taylor"])
def test_lola_agents_reciprocate_like_tit_for_tat(ipd_runs, name):
    run = ipd_runs[name]
    assert run.rewards[-1].mean() > CLAIMS["ipd-lola"].theory
    p = run.probabilities[-1].mean(axis=(0, 1))          # over seeds and both agents
    # P(C|CC) high, P(C|CD) low
    assert p[1] > CLAIMS["ipd-lola-tft-cc"].theory and p[2] < CLAIMS["ipd-lola-tft-cd"].theory


@pytest.mark.parametrize("name", ["LOLA-NL", "Taylor-NL"])
def test_lola_beats_a_naive_learner_head_to_head(ipd_runs, name):
    final = ipd_runs[name].rewards[-1]
    assert final[:, 0].mean() > final[:, 1].mean()           # on average over seeds
    assert (final[:, 0] > final[:, 1]).mean() > 0.6           # and in most seeds (75-78 % here)


@pytest.fixture(scope="module")
def imp_runs():
    g = games.imp()
    ms = {"NL": methods.naive_learner(1.0), "LOLA": methods.lola(1.0, 1.0),
          "Taylor": methods.lola(1.0, 1.0, form="taylor"), "SOS": methods.sos(1.0, 1.0)}
    return {k: train(m, g, n_seeds=N_SEEDS, n_steps=N_STEPS, seed=0) for k, m in ms.items()}


@pytest.mark.parametrize("name", ["LOLA", "SOS"])
def test_exact_lola_and_sos_reach_the_mixed_equilibrium_of_imp_from_every_seed(imp_runs, name):
    assert np.abs(imp_runs[name].probabilities[-1] - 0.5).max() < 0.05


def test_taylor_lola_reaches_one_half_on_average_on_imp(imp_runs):
    p = imp_runs["Taylor"].probabilities[-1]
    assert np.abs(p.mean(axis=0) - 0.5).max() < 0.05
    assert (np.abs(p - 0.5).max(axis=(1, 2)) < 0.05).mean() > 0.8


def test_naive_learners_do_not_approach_one_half_on_imp(imp_runs):
    dev = np.abs(imp_runs["NL"].probabilities[-1] - 0.5).max(axis=(1, 2))
    assert dev.min() > 0.3                              # every seed stays near a pure strategy


@pytest.mark.parametrize("make_method", [lambda: methods.lola(1.0, 1.0), lambda: methods.sos(1.0, 1.0),
                                         lambda: methods.per_player(methods.lola(1.0, 1.0, form="taylor"),
                                                                    methods.naive_learner(1.0))])
def test_batched_over_seeds_equals_seed_by_seed(make_method):
    g, m = games.ipd(), make_method()
    z0 = np.random.default_rng(7).standard_normal((10, 10))
    batched = simulate(m, g, z0, 20).z
    for k in range(len(z0)):
        np.testing.assert_allclose(simulate(m, g, z0[k], 20).z, batched[:, k], rtol=0, atol=1e-10)


# --- hostile input ----------------------------------------------------------------------------

@pytest.mark.parametrize("payoffs", [np.zeros((2, 2)), np.zeros((3, 2)), [[1, 2, 3]], {("C", "C"): (1, 1)}])
def test_bad_payoff_tables_are_rejected(payoffs):
    with pytest.raises(ValueError, match="payoffs"):
        games.iterated_game(payoffs, 0.9, name="bad")


@pytest.mark.parametrize("gamma", [0.0, 1.0, 1.5, -0.2, np.nan])
def test_discount_outside_the_open_unit_interval_is_rejected(gamma):
    with pytest.raises(ValueError, match="gamma"):
        games.iterated_game(games.PD_PAYOFFS, gamma, name="bad")


def test_non_finite_payoffs_and_wrong_types_are_rejected():
    with pytest.raises(ValueError, match="payoffs"):
        games.iterated_game(np.full((4, 2), np.inf), 0.9, name="bad")
    with pytest.raises(TypeError, match="gamma"):
        games.ipd("0.9")


@pytest.mark.parametrize("z0", [np.zeros(9), np.zeros((3, 5)), np.full(10, np.nan), np.full(10, np.inf)])
def test_bad_logits_are_rejected(z0):
    g = games.ipd()
    with pytest.raises(ValueError, match="z0"):
        simulate(methods.lola(1.0, 1.0), g, z0, 5)
    with pytest.raises(ValueError, match="z"):
        g.value(z0)
    with pytest.raises(ValueError, match="z"):
        games.policy_probabilities(z0)


def test_bad_hyper_parameters_and_helpers_are_rejected():
    with pytest.raises(ValueError, match="delta"):
        methods.lola(-1.0, 1.0)
    with pytest.raises(ValueError, match="lookahead"):
        methods.lola(1.0, np.nan)
    with pytest.raises(ValueError, match="form"):
        methods.lola(1.0, 1.0, form="second-order")
    with pytest.raises(ValueError, match="lookahead"):
        methods.sos(1.0, 0.0)
    with pytest.raises(ValueError, match="loss_gradients"):
        simulate(methods.lola(1.0, 1.0), games.linear_game([[1.0, 1.0], [-1.0, 1.0]], (1, 1)), [1.0, 1.0], 3)
    with pytest.raises(TypeError, match="iterated game"):
        train(methods.lola(1.0, 1.0), games.bilinear(1.0))
    with pytest.raises(ValueError, match="name"):
        games.memory_one_logits("GRIM")
    with pytest.raises(ValueError, match="policies"):
        games.round_robin(games.ipd(), {"bad": [0.5, 2.0, 0.0, 0.0, 0.0]})
    with pytest.raises(ValueError, match="n_seeds"):
        train(methods.naive_learner(1.0), games.ipd(), n_seeds=0)
    with pytest.raises(ValueError, match="z"):
        games.monte_carlo_value(games.ipd(), np.zeros((2, 10)))


def test_seed_by_seed_outcomes_on_the_ipd():
    """The chapter's counts: naive learners always defect; most exact-LOLA seeds cooperate and
    most cooperating LOLA agents retaliate after being exploited."""
    ipd = games.ipd()
    nl = analysis.ipd_outcomes(train(methods.naive_learner(1.0), ipd, seed=0))
    la = analysis.ipd_outcomes(train(methods.lola(1.0, 1.0), ipd, seed=0))
    assert nl.cooperate == 0.0 and nl.defect == 1.0
    assert la.cooperate >= 0.75 and la.defect <= 0.05 and la.retaliate >= 0.6
    assert la.rewards.shape == (100,) and la.cooperation.shape == (201, 5)
    assert la.cooperation[-1, 1] > 0.9 and nl.cooperation[-1].max() < 0.3       # P(C | CC)
    with pytest.raises(ValueError, match="defect_below"):
        analysis.ipd_outcomes(train(methods.naive_learner(1.0), ipd, n_seeds=2, n_steps=2), defect_below=-1.0)
