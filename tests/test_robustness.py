"""Regression tests for the bugs the fuzz suite and the reliability review found (issue 7).

Each test pins one behaviour a student could hit, with the value that shows it is fixed.
"""

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from lecturecode import analysis, games, integrate_flow, methods, plot, simulate, views, widgets
from lecturecode.solution_concepts import classify_critical_point
from lecturecode.validation import as_real_array, as_scalar


# --- Alt-GDA on box games: the intermediate point is projected ----------------------------------

@pytest.mark.parametrize("make_game", [games.matching_pennies, games.prisoners_dilemma])
@pytest.mark.parametrize("start", [[0.99, 0.99], [0.0, 1.0], [1.0, 0.0], [0.01, 0.5]])
def test_alt_gda_near_the_box_edge_stays_in_the_box(make_game, start):
    g = make_game()
    t = simulate(methods.alt_gda(0.5), g, start, 50)
    assert not t.diverged
    assert np.all((t.z >= 0.0) & (t.z <= 1.0))


def test_alt_gda_responds_to_the_projected_move():
    """Matching pennies from (0.99, 0.99), eta = 0.5: x moves to 1.48, is projected to 1, and y
    responds to x = 1 (F_y = 2x - 1 = 1), so y = 0.99 - 0.5 = 0.49; responding to the
    unprojected 1.48 would give 0.01."""
    t = simulate(methods.alt_gda(0.5), games.matching_pennies(), [0.99, 0.99], 1)
    np.testing.assert_allclose(t.z[1], [1.0, 0.49])


def test_alt_gda_with_a_huge_step_is_flagged_diverged_not_raised():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for eta in (1e300, 1.7e308, [0.1, 1e300]):
            t = simulate(methods.alt_gda(eta), games.bilinear(10.0), [1.0, 1.0], 20)
            assert np.asarray(t.diverged).any()
            assert np.isfinite(t.z[0]).all()
        t = simulate(methods.alt_gda([0.01, 1e300]), games.quadratic_2d(1.0, 1.0, 1.0), [1.0, 1.0], 20)
        assert t.diverged.tolist() == [False, True] and np.isfinite(t.z[:, 0]).all()


# --- integrate_flow: through simulate, so it flags divergence and projects --------------------

def test_integrate_flow_flags_divergence():
    # f = -x²/2 - ... : the flow z' = z grows like e^t, beyond max_norm = 1e6 before t = 20
    t = integrate_flow(games.quadratic_2d(-1.0, 0.0, -1.0), [1.0, 1.0], t_end=20.0, n_steps=200)
    assert bool(t.diverged) and 0 < int(t.diverged_at) < 200
    assert np.isnan(t.z[-1]).all() and np.isfinite(t.z[: int(t.diverged_at)]).all()


def test_integrate_flow_projects_onto_the_strategy_box():
    # In the prisoner's dilemma F = (1, 1): the flow walks to mutual defection (0, 0) and stays there.
    t = integrate_flow(games.prisoners_dilemma(), [0.5, 0.5], t_end=5.0, n_steps=50)
    assert np.all((t.z >= 0.0) & (t.z <= 1.0))
    np.testing.assert_allclose(t.z[-1], [0.0, 0.0])


# --- an explorer survives a rejected value ------------------------------------------------------

def test_a_rejected_slider_value_does_not_poison_the_explorer():
    ex = widgets.explore_dynamics(games.bilinear, methods.alt_gda, z0=[1.0, 0.5], n_steps=30,
                                  eta=widgets.slider(0.01, 0.2, value=0.1, static=2),
                                  b=widgets.slider(1.0, 5.0, value=2.0, static=1))
    good = ex.render()
    before = dict(ex.values)
    for bad in (-1.0, np.nan, "0.1", [0.1, 0.2], 1e308):
        with pytest.raises((ValueError, TypeError), match="eta"):
            ex.render(eta=bad)
        assert ex.values == before
    assert ex.render() == good                              # the same picture as before the bad values
    assert ex.render(eta=0.05) != good and ex.values["eta"] == 0.05


# --- phase_portrait: the exit cross only on the diverged member of a batch -------------------

def test_phase_portrait_marks_only_the_diverged_member_of_a_batch():
    t = simulate(methods.sim_gda([0.05, 3.0]), games.quadratic_2d(1.0, 1.0, 1.0), [1.0, 0.5], 40)
    assert t.diverged.tolist() == [False, True]
    ax = plot.phase_portrait(games.quadratic_2d(1.0, 1.0, 1.0), {"batch": t})
    crosses = [line for line in ax.get_lines() if line.get_marker() == "x"]
    assert len(crosses) == 1
    plt.close("all")


# --- one point where one point is meant ---------------------------------------------------------

BATCH = [[0.0, 0.0], [0.1, 0.1]]


@pytest.mark.parametrize("call", [
    lambda: classify_critical_point(games.bilinear(1.0), BATCH),
    lambda: games.linearize(games.bilinear(1.0), BATCH),
    lambda: analysis.update_matrix(methods.sim_gda(0.1), games.bilinear(1.0), BATCH),
    lambda: views.DynamicsView(Figure(), games.quadratic_2d, methods.sim_gda, z0=BATCH),
    lambda: views.DynamicsView(Figure(), games.quadratic_2d, methods.sim_gda, z0=[1.0, 1.0])(
        a=1.0, b=1.0, c=1.0, eta=[0.1, 0.2]),
    lambda: views.lorenz_view(z0=[[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]]),
    lambda: plot.phase_portrait(games.bilinear(1.0), center=BATCH),
])
def test_a_batch_is_rejected_where_one_point_is_meant(call):
    with pytest.raises(ValueError, match="single|one point|single value|must be one"):
        call()


# --- the validation layer -----------------------------------------------------------------------

@pytest.mark.parametrize("value, err, words", [
    (["0.1"], TypeError, "x must be a real number"),
    ([True, False], TypeError, "x must be a real number"),
    (1 + 2j, TypeError, "complex"),
    (10**400, ValueError, "within the float range"),
    (np.array([object()]), TypeError, "x must be"),
])
def test_the_validator_rejects_what_is_not_a_real_number(value, err, words):
    with pytest.raises(err, match=words):
        as_real_array(value, "x")


@pytest.mark.parametrize("call, err, words", [
    (lambda: methods.sim_gda(["0.1"]), TypeError, "eta"),
    (lambda: methods.sim_gda(10**400), ValueError, "eta"),
    (lambda: games.linear_game(np.zeros((0, 0))), ValueError, "at least 1x1"),
    (lambda: games.quadratic_minimax(np.zeros((0, 0)), np.zeros((0, 1)), 1.0), ValueError, "at least 1x1"),
    (lambda: simulate(methods.sim_gda(0.1), games.bilinear(1.0), [1.0, 1.0], 10**12), ValueError, "n_steps"),
    (lambda: games.worst_case_game(1.0, 2.0, n_blocks=10**9), ValueError, "n_blocks"),
    (lambda: classify_critical_point(games.bilinear(1.0), [0.0, 0.0], tol=1e6), ValueError, "tol"),
    (lambda: widgets.slider(0.1, 1.0, value=0.5, log="no"), TypeError, "log"),
    (lambda: widgets.choice(["a", "a"]), ValueError, "distinct"),
    (lambda: analysis.iterations_to_reach(True), TypeError, "rate"),
    (lambda: analysis.spectral_radius([[np.nan + 1j, 0.0], [0.0, 1.0]]), ValueError, "M must be finite"),
    (lambda: plot.phase_portrait(games.bilinear(1.0), lim=5e-324), ValueError, "lim"),
    (lambda: plot.distance_plot({"a": [1.0, 0.5]}, ax="ax"), TypeError, "ax"),
])
def test_hostile_input_gets_a_clear_error(call, err, words):
    with pytest.raises(err, match=words):
        call()


def test_large_valid_inputs_do_not_overflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = games.worst_case_game(1.0, 1e200, n_blocks=4)
        assert g.mu == pytest.approx(1.0) and g.L == pytest.approx(1e200)
        assert g.kappa > 1e12                                # inf: mu is below the round-off of ||H||
        t = simulate(methods.sim_gda(0.1), games.bilinear(1.0), [1.0, 1.0], 5, max_norm=1e150)
        assert not t.diverged
        assert analysis.loglog_slope([1.0, 1e300], [1.0, 1e300]) == 1.0
        assert as_scalar(1e308, "x") == 1e308


def test_empty_or_nan_curves_draw_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot.distance_plot({"diverged": [np.nan, np.nan], "flat": [0.0, 0.0]})
        assert np.isfinite(ax.get_ylim()).all()
        plot.trajectory_3d([])                             # nothing labelled: no legend, no warning
        plot.iterations_plot({})
    plt.close("all")


# --- issue 24: the root causes found in the GAN, opponent-shaping, optimizer and coursework code ---

from lecturecode import gan  # noqa: E402
from lecturecode import validation as V  # noqa: E402


@pytest.mark.parametrize("cost", ["Minimax", "minmax", None, " minimax", "non-saturating"])
def test_issue24_1_generator_cost_names_only_the_documented_choices(cost):
    for fn in (gan.generator_cost, gan.generator_cost_grad):
        with pytest.raises((ValueError, TypeError), match="cost must be one of 'minimax', 'non_saturating'"):
            fn(0.0, cost)
    assert float(gan.generator_cost(0.0, "minimax")) < 0 < float(gan.generator_cost(0.0, "non_saturating"))


@pytest.mark.parametrize("activation", ["Tanh", None, "relu", "tanh "])
def test_issue24_2_mlp_activation_is_checked_everywhere(activation):
    p = gan.init_mlp((2, 3, 1), seed=0)
    x = np.zeros((4, 2))
    out, cache = gan.mlp_forward(p, x)
    for call in (lambda: gan.mlp_apply(p, x, activation), lambda: gan.mlp_forward(p, x, activation),
                 lambda: gan.mlp_backward(p, cache, np.ones_like(out), activation)):
        with pytest.raises((ValueError, TypeError), match="activation must be one of 'tanh', 'leaky_relu'"):
            call()


@pytest.mark.parametrize("out", [None, 1.0, b"x", ""])
def test_issue24_3_write_edition_rejects_a_folder_that_is_not_one(out, tmp_path):
    from lecturecode.student_edition import write_edition

    with pytest.raises((ValueError, TypeError), match="out"):
        write_edition(tmp_path, out)
    assert not (tmp_path / "None").exists()


def test_issue24_4_shaping_direction_checks_its_arguments():
    game, z = games.ipd(), np.zeros(10)
    for kwargs, word in ((dict(exact="no"), "exact"), (dict(lookahead=np.nan), "lookahead"),
                         (dict(lookahead=True), "lookahead"), (dict(game=None), "game"), (dict(z=[0.0] * 9), "z"),
                         (dict(z=np.zeros(10) + 1j), "z")):
        args = dict(game=game, z=z, lookahead=1.0) | {k: v for k, v in kwargs.items() if k != "exact"}
        with pytest.raises((ValueError, TypeError), match=word):
            methods.shaping_direction(args["game"], args["z"], args["lookahead"], exact=kwargs.get("exact", True))
    assert np.isfinite(methods.shaping_direction(game, list(z), 1.0)).all()      # a list is fine


@pytest.mark.parametrize("real, fake", [(0.0, 0.0), (np.array([]), np.array([])), ([np.nan], [0.0]), (["a"], [0.0])])
def test_issue24_5_gan_costs_check_their_logits(real, fake):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises((ValueError, TypeError), match="logits_real"):
            gan.discriminator_cost(real, fake)


def test_issue24_6_limits_r1_and_energy_overflow():
    with pytest.raises(ValueError, match="limits"):
        views.Trajectory3DView(Figure(), games.lorenz_game, methods.sim_gda, z0=[1.0, 1.0, 1.0], limits=[])
    with pytest.raises(ValueError, match="r1"):
        games.dirac_gan(r1=1e308)
    assert np.isfinite(games.dirac_gan(r1=1e100).flow_eigenvalues()).all()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="eta"):
            analysis.modified_energy(games.bilinear(10.0), 1e308, [1.0, 1.0])


def test_issue24_7_optimizers_and_updates_are_checked():
    opt = gan.adam(0.1)
    state = opt.init((np.zeros(2),))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for grads in ((np.array([np.inf, 0.0]),), (np.zeros(3),), "g", None):
            with pytest.raises((ValueError, TypeError), match="grads"):
                opt.update(grads, state)
        with pytest.raises(ValueError, match="updates"):
            gan.apply_updates((np.array([1e308]),), (np.array([1e308]),))
        with pytest.raises((ValueError, TypeError), match="z"):
            methods.value_gradients_autograd(games.ipd(), np.full(10, np.nan))
        ring = gan.ring_of_gaussians()
        assert int(gan.mode_report(ring.sample(50, seed=0) * 1e300, ring).modes_covered) == 0


def test_issue24_9_the_validation_helpers_own_holes():
    with pytest.raises(ValueError, match="v must lie"):
        V.check_range(-np.inf, "v", low=0.0)
    with pytest.raises(ValueError, match="v must not be NaN"):
        V.check_range(np.array([np.nan]), "v", low=0.0)
    with pytest.raises(TypeError, match="v"):
        V.finite_result(True, "v", "a value")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="figsize"):
            V.as_pair(np.ma.array([1.0, 2.0], mask=[False, True]), "figsize")
        assert V.as_pair(np.ma.array([1.0, 2.0]), "figsize") == (1.0, 2.0)
    with pytest.raises(ValueError, match="'a', 'b'"):
        V.as_choice("A", "option", ("a", "b"))


def test_issue24_10_minor_arguments():
    with pytest.raises(TypeError, match="strip"):
        plot.SpectrumPanel(Figure().add_subplot(), 1.5, strip="no")
    with pytest.raises(TypeError, match="critical_points"):
        games.DiracGAN(loss="standard", critical_points=True)
    with pytest.raises(TypeError, match="seeds"):
        gan.mode_study({"tiny": {}}, seeds=b"1", n_steps=1, hidden=(2,))
    for game in (games.bilinear(1.0), games.linear_game([[1.0, 0.0], [0.0, 1.0]]), games.double_well_game()):
        with pytest.raises(TypeError, match="nope"):
            game.resolvent([0.5, 0.5], 0.1, nope=1)
