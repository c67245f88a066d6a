"""The method registry as a test grid (every registered method on every game it supports), typed
state through the simulation and the operator analysis, per-player composition and the tuner."""

import warnings
from pathlib import Path

import numpy as np
import pytest
from test_protocol import NAMED_GAMES, points

from lecturecode import analysis, games, methods, plot, simulate
from lecturecode.methods import REGISTRY, MomentumState, OptimisticState

GRID = [(m, g) for m in REGISTRY for g in NAMED_GAMES
        if methods.supports(methods.example_method(m), NAMED_GAMES[g]())]
LINEAR = {"quadratic 2-D", "shifted quadratic", "bilinear", "worst case", "random quadratic", "symmetric part",
          "linear 3-player", "jacobi splitting"}


def test_the_registry_lists_every_method_with_its_facts():
    for name, spec in REGISTRY.items():
        m = methods.example_method(name)
        assert isinstance(m, methods.Method) and m.info.order in ("simultaneous", "alternating", "implicit")
        assert (spec.space is None) == (not m.info.linear)          # only a linear update has a rate to tune
        assert set(spec.space or ()) <= set(m.hyper) and spec.rule and spec.reference
        assert m.info.memory == len(methods.tree_leaves(m.init(games.bilinear(1.0), np.zeros(2))))
    assert {"Sim-GDA", "Alt-GDA", "Negative momentum", "EG", "OGDA", "PPM", "Alt-GDA + NM", "FTR",
            "Two-timescale GDA", "NL", "LOLA", "LOLA (Taylor)", "SOS"} <= set(REGISTRY)
    assert methods.example_method("EG").info.evaluations == 2 and methods.example_method("PPM").info.evaluations is None
    assert [methods.example_method(n).info.evaluations for n in ("NL", "LOLA (Taylor)", "LOLA")] == [1, 3, 5]
    bib = (Path(__file__).parents[1] / "references.bib").read_text()
    assert all(f"{{{spec.reference}," in bib for spec in REGISTRY.values())


def test_opponent_shaping_runs_exactly_where_a_game_has_loss_gradients():
    """The LOLA family needs two players and their loss gradients: the iterated and quadratic games
    have them; the linearisation of a quadratic or iterated game keeps them (its loss Hessians)."""
    lola = methods.example_method("LOLA")
    assert [g for g in NAMED_GAMES if methods.supports(lola, NAMED_GAMES[g]())] == [
        "quadratic 2-D", "shifted quadratic", "bilinear", "worst case", "random quadratic", "symmetric part",
        "iterated prisoner's dilemma", "iterated matching pennies"]
    assert methods.supports(lola, games.linearize(games.imp()))
    assert not methods.supports(lola, games.linear_game([[1.0, 2.0], [-2.0, 1.0]], (1, 1)))
    with pytest.raises(ValueError, match="needs a two-player game with loss_gradients"):
        simulate(lola, games.lorenz_game(), [1.0, 1.0, 1.0], 2)


def test_every_method_runs_on_most_games():
    runs = {m: sum(1 for mm, _ in GRID if mm == m) for m in REGISTRY}
    assert all(n >= 8 for n in runs.values()), runs
    assert not methods.supports(methods.example_method("FTR"), games.lorenz_game())


@pytest.mark.parametrize("name, game_name", GRID)
def test_grid_shapes_and_determinism(name, game_name):
    g, m = NAMED_GAMES[game_name](), methods.example_method(name)
    z0 = points(g, n=6).reshape(2, 3, g.d) if g.lower is None else points(g, n=6).reshape(2, 3, g.d)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = simulate(m, g, z0, 15)
        b = simulate(m, g, z0, 15)
    assert a.z.shape == (16, 2, 3, g.d) and a.diverged.shape == (2, 3)
    np.testing.assert_array_equal(a.z, b.z)
    finite = np.isfinite(a.z).all(axis=-1)
    assert np.all(finite | a.diverged)                 # NaN only after a flagged divergence


@pytest.mark.parametrize("name, game_name", [(m, g) for m, g in GRID
                                             if g in LINEAR and methods.example_method(m).info.linear])
def test_one_simulated_step_is_the_update_operator(name, game_name):
    """The operator analysed is the update simulated: (z1, state1) = M (z0 - z*, state0) for every
    registered method, stateful ones included, from a state that is not the initial one."""
    g, m = NAMED_GAMES[game_name](), methods.example_method(name)
    M = analysis.update_matrix(m, g)
    rng = np.random.default_rng(3)
    z_star = g.z_star
    # the state's rest point: what it holds at z* for ever (a previous position z*, or F(z*) = 0)
    rest = methods.tree_leaves(m.init(g, z_star))
    e = rng.standard_normal((4, g.d))
    state = methods.tree_map(lambda leaf: rng.standard_normal((4, g.d)), m.init(g, e + z_star))
    z1, s1 = m.step(g, e + z_star, state)
    before = np.concatenate([e, *(a - r for a, r in zip(methods.tree_leaves(state), rest))], axis=-1)
    after = np.concatenate([z1 - z_star, *(a - r for a, r in zip(methods.tree_leaves(s1), rest))], axis=-1)
    np.testing.assert_allclose(after, before @ M.T, atol=1e-10)


@pytest.mark.parametrize("name", ["Negative momentum", "OGDA", "Alt-GDA + NM"])
def test_stateful_methods_keep_their_state_type_through_a_partly_diverging_batch(name):
    """One batch entry diverges (a huge start): it is flagged and frozen, the others run on, and the
    NamedTuple state is never rebuilt as a bare tuple (its fields stay addressable)."""
    g = games.quadratic_2d(1.0, 1.0, 1.0)
    spec = REGISTRY[name]
    m = spec.make(**{**spec.example, "eta": np.array([0.05, 50.0])})      # the second entry diverges
    seen = []
    step = m.step

    def spy(game, z, state):
        seen.append(type(state))
        return step(game, z, state)

    run = simulate(m._replace(step=spy), g, [0.5, 0.5], 40)
    assert run.diverged.tolist() == [False, True]
    assert np.all(np.isfinite(run.z[:, 0])) and np.isnan(run.z[-1, 1]).all()
    expected = MomentumState if "momentum" in name.lower() or "NM" in name else OptimisticState
    assert set(seen) == {expected}
    # the surviving entry follows the update operator step for step, memory included
    single = spec.make(**{**spec.example, "eta": 0.05})
    M = analysis.update_matrix(single, g)
    v = np.concatenate([[0.5, 0.5], *methods.tree_leaves(single.init(g, np.array([0.5, 0.5])))])
    for k in range(1, 41):
        v = M @ v
        np.testing.assert_allclose(run.z[k, 0], v[:2], rtol=1e-12, atol=1e-15)


def test_update_matrix_of_negative_momentum_is_the_companion_matrix():
    g = games.random_quadratic_game(0.5, 3.0, 2, 2, seed=2)
    eta, beta = 0.1, -0.4
    eye = np.eye(g.d)
    expected = np.block([[(1 + beta) * eye - eta * g.H, -beta * eye], [eye, 0 * eye]])
    np.testing.assert_allclose(analysis.update_matrix(methods.negative_momentum(eta, beta), g), expected, atol=1e-14)


@pytest.mark.parametrize("name", [n for n in REGISTRY if n != "FTR" and REGISTRY[n].space is not None])
def test_block_by_block_rates_equal_the_dense_operator(name):
    g = games.worst_case_game(1.0, 20.0, n_blocks=6)
    m = methods.example_method(name)
    dense = analysis.spectral_radius(analysis.update_matrix(m, g))
    assert analysis.independent_blocks(games.linearize(g)).H.shape == (6, 2, 2)
    assert analysis.convergence_rate(m, g) == pytest.approx(dense, rel=1e-10)


def test_per_player_takes_each_players_block_from_its_method():
    g = games.random_quadratic_game(0.5, 3.0, 2, 3, seed=0)
    z = np.random.default_rng(0).standard_normal((5, g.d))
    both = methods.per_player(methods.sim_gda(0.1), methods.sim_gda(0.1))
    np.testing.assert_allclose(simulate(both, g, z, 7).z, simulate(methods.sim_gda(0.1), g, z, 7).z)
    mixed = methods.per_player(methods.extragradient(0.1), methods.negative_momentum(0.2, -0.3))
    z1, state = mixed.step(g, z, mixed.init(g, z))
    np.testing.assert_allclose(z1[:, :2], methods.extragradient(0.1).step(g, z, ())[0][:, :2])
    nm = methods.negative_momentum(0.2, -0.3)
    np.testing.assert_allclose(z1[:, 2:], nm.step(g, z, nm.init(g, z))[0][:, 2:])
    assert isinstance(state[1], MomentumState)
    M = analysis.update_matrix(mixed, g)                    # a composed method is analysable too
    assert M.shape == (2 * g.d, 2 * g.d)
    with pytest.raises(ValueError, match="2 methods for a game with 3 players"):
        simulate(mixed, games.lorenz_game(), [1.0, 1.0, 1.0], 2)


def test_two_timescale_gda_scales_the_maximisers_step():
    g = games.quadratic_2d(1.0, 2.0, 1.0)
    M = analysis.update_matrix(methods.two_timescale_gda(0.1, 5.0), g)
    np.testing.assert_allclose(M, np.eye(2) - np.diag([0.1, 0.5]) @ g.H)
    # the per-player composition of two Sim-GDA steps, at one evaluation of F instead of two
    composed = methods.per_player(methods.sim_gda(0.1), methods.sim_gda(0.5))
    np.testing.assert_allclose(analysis.update_matrix(composed, g), M)
    assert composed.info.evaluations == 2 and methods.two_timescale_gda(0.1, 5.0).info.evaluations == 1
    # a sweep over ratios is a batch axis, like every hyper-parameter
    sweep = analysis.update_matrix(methods.two_timescale_gda(0.1, [1.0, 5.0]), g)
    np.testing.assert_allclose(sweep[1], M)
    np.testing.assert_allclose(sweep[0], analysis.update_matrix(methods.sim_gda(0.1), g))


def test_tuner_reports_an_optimum_on_the_boundary_instead_of_clipping_it():
    g = games.worst_case_game(1.0, 10.0)
    ppm = analysis.tune(methods.proximal_point, g, {"eta": "auto"})
    assert ppm.on_boundary == ("eta",) and ppm.hyper["eta"] == pytest.approx(10.0 / g.L)
    nm = analysis.tune(methods.negative_momentum, g, {"eta": "auto", "beta": (-0.99, 0.0)})
    assert not nm.on_boundary and -0.99 < nm.hyper["beta"] < 0.0
    assert nm.rate < analysis.tune(methods.sim_gda, g, {"eta": "auto"}).rate
    # the joint optimum is a local minimum over both hyper-parameters
    for d_eta, d_beta in [(1.01, 0), (0.99, 0), (1, 0.01), (1, -0.01)]:
        nearby = methods.negative_momentum(nm.hyper["eta"] * d_eta, nm.hyper["beta"] + d_beta)
        assert analysis.convergence_rate(nearby, g) >= nm.rate - 1e-12


def test_fixed_and_callable_entries_of_a_search_space():
    g = games.worst_case_game(1.0, 10.0)
    best = analysis.tune(methods.negative_momentum, g, {"eta": "auto", "beta": -0.5})
    assert best.hyper["beta"] == -0.5
    fixed_eta = analysis.tune(methods.negative_momentum, g, {"eta": lambda game: 1 / game.L, "beta": (-0.9, 0.0)})
    assert fixed_eta.hyper["eta"] == pytest.approx(0.1)


def test_comparison_table_comes_from_the_registry():
    rows = analysis.compare(games.quadratic_2d(1.0, 10.0, 1.0))
    names = [r.method for r in rows]
    assert names == [n for n in REGISTRY if n in names] and len(names) >= 7
    by = {r.method: r for r in rows}
    assert by["Sim-GDA"].rate == pytest.approx(10 / np.sqrt(101), rel=1e-6)
    assert by["EG"].evaluations == 2 * by["EG"].iterations
    assert by["PPM"].evaluations is None and by["PPM"].on_boundary == ("eta",)


@pytest.mark.parametrize("call, err, words", [
    (lambda: analysis.tune(methods.sim_gda, games.bilinear(1.0), {"eta": "auto"}), ValueError,
     "needs a game with mu > 0"),
    (lambda: analysis.tune(methods.sim_gda, games.bilinear(1.0), {"eta": 0.1}), ValueError, "at least one"),
    (lambda: analysis.tune(methods.sim_gda, games.bilinear(1.0), {"eta": "best"}), ValueError, "space['eta']"),
    (lambda: analysis.tune(methods.sim_gda, games.bilinear(1.0), {"eta": (1.0, 0.1)}), ValueError, "increasing pair"),
    (lambda: analysis.tune(methods.sim_gda, games.bilinear(1.0), []), TypeError, "space must be"),
    (lambda: analysis.tune(3, games.bilinear(1.0), {"eta": (0.1, 1.0)}), TypeError, "make_method"),
    (lambda: analysis.interval(0.0, 1.0), ValueError, "log interval needs low > 0"),
    (lambda: analysis.compare(games.bilinear(1.0), ["Nope"]), ValueError, "registry"),
    (lambda: methods.per_player(methods.sim_gda(0.1), "sim"), TypeError, "methods[1]"),
    (lambda: methods.with_momentum(methods.sim_gda(0.1), 1.0), ValueError, "beta must lie in (-1, 1)"),
    (lambda: methods.negative_momentum(0.1, -1.0), ValueError, "beta must lie in (-1, 1)"),
    (lambda: methods.two_timescale_gda([0.1, 0.2], [1.0, 2.0, 3.0]), ValueError, "ratio of shape (3,) must broadcast"),
    (lambda: analysis.update_matrix(methods.sos(0.1, 0.1), games.imp()), ValueError, "SOS has no update matrix"),
    (lambda: analysis.kappa_sweep(["SOS"], [10, 100]), ValueError, "SOS has no tuning space"),
    (lambda: methods.example_method("nope"), ValueError, "name must be one of"),
    (lambda: analysis.update_matrix("sim", games.bilinear(1.0)), TypeError, "method must be a lecturecode Method"),
    (lambda: analysis.convergence_rate(methods.sim_gda(0.1), np.eye(2)), TypeError, "game must be a lecturecode Game"),
])
def test_bad_input_is_rejected_with_a_clear_error(call, err, words):
    with pytest.raises(err, match=__import__("re").escape(words)):
        call()


def test_labels_name_every_hyper_parameter():
    assert methods.negative_momentum(0.1, -0.3).label == "Negative momentum (η=0.1, β=-0.3)"
    assert methods.two_timescale_gda(0.1, 4.0).label == "two-timescale GDA (η=0.1, r=4)"


def test_every_method_has_one_style_and_figures_use_it():
    """One colour and marker per method across the book, from the registry."""
    from lecturecode.plot.style import method_style

    for name, spec in REGISTRY.items():
        assert spec.colour.startswith("#") and len(spec.colour) == 7 and spec.marker
        assert method_style(name) == (spec.colour, spec.marker)
        assert method_style(f"{name}, worst-case game") == (spec.colour, spec.marker)
    assert method_style("Alt-GDA + NM") != method_style("Alt-GDA")
    ax = plot.iterations_plot({"Sim-GDA": analysis.iterations_vs_kappa(methods.sim_gda, [10, 100])})
    assert ax.get_lines()[0].get_color().upper() == REGISTRY["Sim-GDA"].colour
