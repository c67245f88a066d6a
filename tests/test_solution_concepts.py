"""The classifier against the analytic conditions, and Follow-the-Ridge against GDA."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lecturecode import analysis, games, methods, simulate
from lecturecode.solution_concepts import classify_critical_point, inspector_cases

EXAMPLES = games.solution_concept_examples()


@pytest.mark.parametrize("name, expected", [
    ("−x²/8 − y²/2 + 0.6xy", {"local Nash": False, "local minimax": True, "GDA-stable": True}),
    ("−3x² − y² + 4xy", {"local Nash": False, "local minimax": True, "GDA-stable": False}),
    ("3x² + y² + 4xy", {"local Nash": False, "local minimax": False, "GDA-stable": True}),
])
def test_the_lecture_examples_separate_the_concepts(name, expected):
    verdict = classify_critical_point(EXAMPLES[name], [0.0, 0.0])
    assert verdict.badges == expected and not verdict.degenerate


def test_the_examples_behave_as_their_verdicts_say_under_gda():
    gda = methods.sim_gda(0.05)
    assert simulate(gda, EXAMPLES["−x²/8 − y²/2 + 0.6xy"], [1.0, 1.0], 3000).distance()[-1] < 1e-6
    assert simulate(gda, EXAMPLES["−3x² − y² + 4xy"], [0.1, 0.1], 3000).diverged
    assert simulate(gda, EXAMPLES["3x² + y² + 4xy"], [1.0, 1.0], 3000).distance()[-1] < 1e-6
    eigs = EXAMPLES["−x²/8 − y²/2 + 0.6xy"].eigenvalues
    np.testing.assert_allclose(sorted(eigs.real), [0.2, 0.55])     # science.md §1


nonzero = st.floats(-3.0, 3.0).filter(lambda v: abs(v) > 0.05)


@given(nonzero, nonzero, nonzero)
def test_scalar_games_agree_with_the_analytic_conditions(a, b, c):
    """f = a x²/2 + bxy − c y²/2: conditions derived by hand, independently of the classifier."""
    assume(abs(a + b * b / c) > 1e-3 and abs(a + c) > 1e-3 and abs(a * c + b * b) > 1e-3)
    verdict = classify_critical_point(games.quadratic_2d(a, b, c), [0.0, 0.0])
    assert verdict.local_nash == (a > 0 and c > 0)
    assert verdict.local_minimax == (c > 0 and a + b * b / c > 0)
    assert verdict.gda_stable == (a + c > 0 and a * c + b * b > 0)


@st.composite
def random_quadratic(draw):
    n_x, n_y = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    A, C = rng.normal(size=(n_x, n_x)), rng.normal(size=(n_y, n_y))
    shift_a, shift_c = draw(st.floats(-1.5, 1.5)), draw(st.floats(-1.5, 1.5))
    A = A @ A.T / n_x + shift_a * np.eye(n_x)
    C = C @ C.T / n_y + shift_c * np.eye(n_y)
    return games.quadratic_minimax(A, rng.normal(size=(n_x, n_y)), C)


def positive_definite(M):
    try:
        np.linalg.cholesky(0.5 * (M + M.T))
        return True
    except np.linalg.LinAlgError:
        return False


@given(random_quadratic())
def test_random_quadratic_games_agree_with_the_analytic_conditions(g):
    verdict = classify_critical_point(g, np.zeros(g.d))
    assume(not verdict.degenerate)
    nash = positive_definite(g.A) and positive_definite(g.C)                # f_yy = -C
    minimax = positive_definite(g.C) and positive_definite(g.A + g.B @ np.linalg.solve(g.C, g.B.T))
    stable = bool(np.all(np.linalg.eigvals(g.H).real > 0))
    assert (verdict.local_nash, verdict.local_minimax, verdict.gda_stable) == (nash, minimax, stable)
    if nash:                                                                # the theorem in the chapter
        assert minimax and stable


@given(random_quadratic(), st.floats(0.01, 0.2))
def test_gda_stable_means_gda_converges_for_small_steps(g, scale):
    verdict = classify_critical_point(g, np.zeros(g.d))
    assume(not verdict.degenerate)
    eta = scale / np.abs(g.eigenvalues).max() * min(1.0, verdict.eig_J.real.min() / np.abs(verdict.eig_J).max()
                                                    if verdict.gda_stable else 1.0)
    rho = analysis.convergence_rate(methods.sim_gda(eta), g)
    assert (rho < 1) == verdict.gda_stable


def test_matching_pennies_equilibrium_is_degenerate():
    g = games.matching_pennies()
    verdict = classify_critical_point(g, [0.5, 0.5])
    assert verdict.degenerate and not any(verdict.badges.values())
    np.testing.assert_allclose(sorted(verdict.eig_J.imag), [-2.0, 2.0])


def test_double_well_points_are_of_two_kinds():
    g = games.double_well_game()
    kinds = {name: classify_critical_point(g, p).badges for name, p in g.critical_points.items()}
    assert kinds["(0, 0)"] == {"local Nash": False, "local minimax": False, "GDA-stable": False}
    for name in ("(√3/2, √3/4)", "(−√3/2, −√3/4)"):
        assert all(kinds[name].values())


def test_follow_the_ridge_converges_where_gda_diverges():
    g = EXAMPLES["−3x² − y² + 4xy"]
    ftr = simulate(methods.follow_the_ridge(0.05), g, [5.0, 7.0], n_steps=1000)
    gda = simulate(methods.sim_gda(0.05), g, [5.0, 7.0], n_steps=1000)
    assert ftr.distance()[-1] < 1e-12 and gda.diverged
    # its update has the real double eigenvalue 1 - 2 eta: no rotation
    np.testing.assert_allclose(analysis.update_eigenvalues(methods.follow_the_ridge(0.05), g), [0.9, 0.9],
                               atol=1e-6)


@given(random_quadratic(), st.floats(0.01, 0.1))
def test_follow_the_ridge_linearisation_matches_its_step(g, eta):
    """update_matrix runs the same FTR step, so one simulated step equals M z."""
    assume(np.all(np.abs(np.linalg.eigvalsh(g.C)) > 1e-3))
    z0 = np.random.default_rng(0).normal(size=(3, g.d))
    M = analysis.update_matrix(methods.follow_the_ridge(eta), g)
    np.testing.assert_allclose(simulate(methods.follow_the_ridge(eta), g, z0, 1).z[1], z0 @ M.T, atol=1e-10)


def test_follow_the_ridge_is_stable_at_local_minimax_points():
    """For small eta FTR's update contracts at strict local minimax points (Wang et al., 2020)."""
    for name in ("−x²/8 − y²/2 + 0.6xy", "−3x² − y² + 4xy"):
        assert analysis.convergence_rate(methods.follow_the_ridge(0.02), EXAMPLES[name]) < 1
    assert analysis.convergence_rate(methods.follow_the_ridge(0.02), EXAMPLES["3x² + y² + 4xy"]) > 1


def test_inspector_cases_are_critical_points():
    cases = inspector_cases()
    assert len(cases) == 7
    for game, point in cases.values():
        classify_critical_point(game, point)                 # raises if not critical


@pytest.mark.parametrize("call, err, words", [
    (lambda: classify_critical_point(EXAMPLES["3x² + y² + 4xy"], [1.0, 0.0]), ValueError, "not a critical point"),
    (lambda: classify_critical_point(games.prisoners_dilemma(), [0.0, 0.0]), ValueError, "two-player zero-sum"),
    (lambda: classify_critical_point(games.lorenz_game(), [0.0, 0.0, 0.0]), ValueError, "two-player zero-sum"),
    (lambda: classify_critical_point(EXAMPLES["3x² + y² + 4xy"], [[0.0, 0.0]]), ValueError, "single point"),
    (lambda: classify_critical_point(games.matching_pennies(), [1.5, 0.5]), ValueError, "strategy box"),
    (lambda: simulate(methods.follow_the_ridge(0.1), games.prisoners_dilemma(), np.zeros(2), 3), ValueError,
     "two-player zero-sum"),
])
def test_bad_input_is_rejected_with_a_clear_error(call, err, words):
    with pytest.raises(err, match=__import__("re").escape(words)):
        call()


def test_concept_diagram_places_each_game_in_the_region_of_its_verdicts():
    from lecturecode import plot
    from lecturecode.solution_concepts import classify_critical_point, two_timescale_stable

    zoo = {**games.solution_concept_examples(), "nash": games.quadratic_minimax(1.0, 1.0, 1.0),
           "none": games.quadratic_minimax(-1.0, 0.5, -1.0)}
    c = {k: classify_critical_point(g, [0.0, 0.0]) for k, g in zoo.items()}
    regions = {k: plot.concept_region(v) for k, v in c.items()}
    assert sorted(regions.values()) == sorted(["local minimax and GDA-stable, not Nash", "local minimax only",
                                               "GDA-stable only", "local Nash", "none"])
    ax = plot.concept_diagram(c)
    texts = {t.get_text(): t.get_position() for t in ax.texts}
    minimax, gda, nash = ax.patches

    def inside(e, xy):
        (cx, cy), w, h = e.center, e.width, e.height
        return ((xy[0] - cx) / (w / 2)) ** 2 + ((xy[1] - cy) / (h / 2)) ** 2 < 1
    for k, v in c.items():
        xy = texts[k]
        assert inside(minimax, xy) == v.local_minimax and inside(gda, xy) == v.gda_stable
        assert inside(nash, xy) == v.local_nash
        # Jin et al.: with a large timescale ratio the stable points are the local minimax points
        assert two_timescale_stable(zoo[k], [0.0, 0.0], ratio=1e3) == v.local_minimax
