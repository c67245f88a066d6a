"""Accelerated game dynamics: negative momentum, extragradient, optimistic GDA and proximal point
against their closed forms, the kappa laws theory predicts, and the EG-PPM approximation order."""

import json
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from strategies import quadratic_games

from lecturecode import analysis, games, methods, plot, simulate, views, widgets
from lecturecode.claims import CLAIMS
from lecturecode.methods.registry import REGISTRY

KAPPAS = np.geomspace(10, 1000, 7)
SWEPT = ["Sim-GDA", "Negative momentum", "EG", "OGDA", "Alt-GDA"]


@pytest.fixture(scope="module")
def laws():
    """Every swept method tuned by the tuner over its registered space (no hard-coded constants)."""
    return analysis.kappa_sweep(SWEPT, KAPPAS)


# --- the kappa laws ---------------------------------------------------------------------------

# The fitted slopes against theory are claims of the ledger: tests/test_claims.py asserts them from
# lecturecode.claims.CLAIMS ("simgda-slope", "nm-slope", ...), whose theory is the papers' exponent.

@pytest.mark.parametrize("name", SWEPT)
def test_tuned_optimum_is_inside_the_space_and_the_registry_states_the_claimed_exponent(laws, name):
    assert not any(laws[name].on_boundary)        # a real optimum inside the searched space
    key = {"Sim-GDA": "simgda-slope", "Negative momentum": "nm-slope", "EG": "eg-slope", "OGDA": "ogda-slope",
           "Alt-GDA": "altgda-slope"}[name]
    assert REGISTRY[name].kappa_exponent == CLAIMS[key].theory    # the tables show the ledger's exponent


def test_negative_momentum_tuned_beta_is_negative_and_grows_towards_minus_one(laws):
    beta = laws["Negative momentum"].hyper["beta"]
    assert np.all(beta < 0) and np.all(np.diff(beta) < 0)


def test_ranking_at_large_kappa(laws):
    """O(kappa) methods beat negative momentum, which beats Sim-GDA, by a wide margin at kappa = 1000."""
    n = {name: law.iterations[-1] for name, law in laws.items()}
    assert max(n["EG"], n["OGDA"], n["Alt-GDA"]) * 5 < n["Negative momentum"] < n["Sim-GDA"] / 5


def test_slope_table_takes_theory_from_the_registry(laws):
    table = analysis.slope_table(laws)
    assert [r.method for r in table.rows] == SWEPT
    assert [r.theory for r in table.rows] == [REGISTRY[n].kappa_exponent for n in SWEPT]
    text, page = str(table), table._repr_html_()
    assert "1.5" in text and page.count("<tr>") == len(SWEPT) + 1


# --- momentum on a bilinear game: Gidel et al. (2019) ------------------------------------------

ETAS_XY = np.geomspace(1e-3, 4.0, 160)
BETAS_XY = np.linspace(-0.999, 0.999, 181)


def _radii_on_xy(make):
    eta, beta = np.meshgrid(ETAS_XY, BETAS_XY, indexing="ij")
    return beta, analysis.convergence_rate(make(eta, beta), games.bilinear(1.0))


def test_alternating_momentum_is_gidels_update_order():
    """y's gradient is taken at x's full new point, momentum term included (not after the step)."""
    eta, beta, b = 0.37, -0.41, 2.0
    paper = np.array([[1 + beta, -eta * b, -beta, 0],
                      [eta * b * (1 + beta), 1 + beta - (eta * b) ** 2, -eta * b * beta, -beta],
                      [1, 0, 0, 0], [0, 1, 0, 0]])                 # on (x_k, y_k, x_{k-1}, y_{k-1})
    ours = analysis.update_matrix(methods.alt_negative_momentum(eta, beta), games.bilinear(b))
    np.testing.assert_allclose(ours, paper, atol=1e-14)
    other = analysis.update_matrix(methods.with_momentum(methods.alt_gda(eta), beta), games.bilinear(b))
    assert np.abs(other - paper).max() > 0.1                      # the composition is another method


def test_on_xy_alternating_momentum_converges_only_with_negative_beta():
    beta, rho = _radii_on_xy(methods.alt_negative_momentum)
    assert rho[beta >= 0].min() >= 1 - 1e-9                       # no (eta, beta >= 0) converges
    assert rho[beta < 0].min() < 0.6                              # some (eta, beta < 0) converges fast
    rho_small = analysis.convergence_rate(methods.alt_negative_momentum(0.1, -0.3), games.bilinear(1.0))
    assert rho_small < 1                                          # a small step with beta < 0 converges


def test_on_xy_simultaneous_momentum_never_converges():
    beta, rho = _radii_on_xy(methods.negative_momentum)
    assert rho.min() >= 1 - 1e-9                                  # every eta > 0, beta in (-1, 1)


def test_on_xy_the_alt_then_momentum_composition_converges_with_positive_beta():
    """Why the order matters: adding momentum after Alt-GDA's step is not Gidel et al.'s method."""
    rho = analysis.convergence_rate(methods.with_momentum(methods.alt_gda(1.98), 0.22), games.bilinear(1.0))
    assert rho == pytest.approx(0.7135, abs=1e-4)


def test_on_10xy_simulation_shows_sim_nm_failing_and_alt_nm_converging():
    z0 = np.array([1.0, 1.0])
    sim = simulate(methods.negative_momentum(0.05, -0.3), games.bilinear(10.0), z0, 400)
    alt = simulate(methods.alt_negative_momentum(0.05, -0.3), games.bilinear(10.0), z0, 400)
    assert sim.diverged and not alt.diverged
    assert np.linalg.norm(alt.z[-1]) < 1e-5


def test_proximal_point_has_no_optimal_step():
    """The tuner's optimum for PPM is the top of any range: its rate keeps improving with eta."""
    g = games.worst_case_game(1.0, 30.0)
    tuned = analysis.tune(methods.proximal_point, g, {"eta": (0.01, 100.0)})
    assert tuned.on_boundary == ("eta",) and tuned.hyper["eta"] == pytest.approx(100.0)
    rates = analysis.convergence_rate(methods.proximal_point(np.geomspace(1e-3, 1e3, 25)), g)
    assert np.all(np.diff(rates) < 0)


def test_proximal_point_at_a_fixed_step_is_independent_of_kappa():
    law = analysis.kappa_sweep(["PPM"], KAPPAS, spaces={"PPM": {"eta": 10.0}})["PPM"]
    assert law.slope == pytest.approx(REGISTRY["PPM"].kappa_exponent, abs=1e-9)
    np.testing.assert_allclose(law.rate, 1 / 11, rtol=1e-9)     # the eigenvalue mu = 1: 1/(1 + eta mu)


@pytest.mark.parametrize("kappa", [2.0, 10.0, 100.0, 1000.0])
def test_extragradient_meets_the_lectures_rate(kappa):
    """||z_k - z*||^2 <= (1 - 1/(2 kappa))^k: at eta = 1/(2L), and tuned (better still)."""
    g = games.worst_case_game(1.0, kappa)
    bound = 1 - 1 / (2 * kappa)
    assert analysis.convergence_rate(methods.extragradient(1 / (2 * kappa)), g) ** 2 <= bound
    tuned = analysis.tune(methods.extragradient, g, {"eta": "auto"})
    assert tuned.rate ** 2 <= bound and not tuned.on_boundary


# --- closed-form operators ----------------------------------------------------------------------

def companion(H, eta, beta):
    eye = np.eye(H.shape[0])
    return np.block([[(1 + beta) * eye - eta * H, -beta * eye], [eye, 0 * eye]])


def alternating_momentum(g, eta, beta):
    """Gidel et al.'s alternating update with momentum, written out on (x, y, x_prev, y_prev)."""
    A, B, C = g.A, g.B, g.C
    Ix, Iy = np.eye(g.n_x), np.eye(g.n_y)
    X = (1 + beta) * Ix - eta * A
    top = np.hstack([X, -eta * B, -beta * Ix, 0 * B])
    bottom = np.hstack([eta * B.T @ X, (1 + beta) * Iy - eta * C - eta**2 * B.T @ B, -eta * beta * B.T, -beta * Iy])
    return np.vstack([top, bottom, np.eye(g.d, 2 * g.d)])


def optimistic(H, eta):
    eye = np.eye(H.shape[0])
    return np.block([[eye - 2 * eta * H, eta * eye], [H, 0 * eye]])


@given(quadratic_games(), st.floats(1e-3, 0.5), st.floats(-0.95, 0.95))
def test_operators_equal_their_closed_forms(case, eta, beta):
    g, _, _ = case
    H, eye = g.H, np.eye(g.d)
    np.testing.assert_allclose(analysis.update_matrix(methods.negative_momentum(eta, beta), g),
                               companion(H, eta, beta), atol=1e-12)
    np.testing.assert_allclose(analysis.update_matrix(methods.alt_negative_momentum(eta, beta), g),
                               alternating_momentum(g, eta, beta), atol=1e-12)
    np.testing.assert_allclose(analysis.update_matrix(methods.extragradient(eta), g),
                               eye - eta * H + eta**2 * H @ H, atol=1e-12)
    np.testing.assert_allclose(analysis.update_matrix(methods.optimistic_gda(eta), g), optimistic(H, eta),
                               atol=1e-12)
    np.testing.assert_allclose(analysis.update_matrix(methods.proximal_point(eta), g),
                               np.linalg.inv(eye + eta * H), atol=1e-10)


def test_operator_sweeps_over_momentum_stack_the_companion_matrices():
    g = games.quadratic_2d(1.0, 10.0, 1.0)
    betas = np.linspace(-0.9, 0.5, 8)
    M = analysis.update_matrix(methods.negative_momentum(0.05, betas), g)
    assert M.shape == (8, 4, 4)
    for b, Mb in zip(betas, M):
        np.testing.assert_allclose(Mb, companion(g.H, 0.05, b), atol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_simulated_steps_equal_the_operator(seed):
    """Runs of the step function from z0 follow M^k applied to (z0, initial state)."""
    g = games.random_quadratic_game(1.0, 8.0, n_x=2, n_y=3, seed=seed)
    z0 = np.random.default_rng(seed).standard_normal(g.d)
    e0 = z0 - g.z_star
    cases = [
        (methods.negative_momentum(0.07, -0.4), np.concatenate([e0, e0])),     # state: z_prev = z0
        (methods.extragradient(0.07), e0),
        (methods.optimistic_gda(0.07), np.concatenate([e0, g.H @ e0])),      # state: F_prev = F(z0)
        (methods.proximal_point(0.07), e0),
    ]
    for method, v in cases:
        M = analysis.update_matrix(method, g)
        run = simulate(method, g, z0, 12).z - g.z_star
        for k in range(13):
            np.testing.assert_allclose(run[k], v[:g.d], atol=1e-12, err_msg=f"{method.name}, step {k}")
            v = M @ v


# --- proximal point -----------------------------------------------------------------------------

@settings(max_examples=25)
@given(quadratic_games(), st.integers(0, 2**32 - 1))
def test_proximal_point_contracts_by_at_least_one_over_one_plus_two_eta_mu(case, seed):
    g, mu, _ = case
    etas = np.geomspace(1e-3, 1e3, 25)
    z0 = g.z_star + np.random.default_rng(seed).standard_normal((3, 1, g.d))
    dist = simulate(methods.proximal_point(etas), g, np.broadcast_to(z0, (3, 25, g.d)), 4).distance()
    factor = (dist[1:] / dist[:-1]) ** 2                             # per step, squared distance
    assert np.all(factor <= 1 / (1 + 2 * etas * mu) * (1 + 1e-9))


def double_well_resolvent_by_roots(z, eta):
    """Independent solve of w + eta F(w) = z on the double well: eliminate w_y, solve the cubic in w_x."""
    zx, zy = z
    coeffs = [eta, 0.0, 1 - eta + eta**2 / (4 * (1 + eta)), eta * zy / (2 * (1 + eta)) - zx]
    roots = np.roots(coeffs)
    real = roots[np.abs(roots.imag) < 1e-9].real
    assert real.size == 1, "for eta < 1 the cubic is increasing: one real root"
    wx = real[0]
    return np.array([wx, (zy + eta * wx / 2) / (1 + eta)])


@pytest.mark.parametrize("eta", [0.05, 0.3, 0.9])
def test_newton_resolvent_on_the_double_well_agrees_with_the_cubic_roots(eta):
    g = games.double_well_game()
    z = np.random.default_rng(3).uniform(-2, 2, (20, 2))
    w, converged = g.resolvent(z, eta)
    assert converged.all()
    expected = np.array([double_well_resolvent_by_roots(p, eta) for p in z])
    np.testing.assert_allclose(w, expected, atol=1e-10)
    np.testing.assert_allclose(w + eta * g.F(w), z, atol=1e-10)


def test_newton_resolvent_reports_non_convergence_and_the_run_is_flagged():
    """Beyond eta = 1 the proximal subproblem of the double well is not monotone everywhere."""
    g = games.double_well_game()
    z = np.array([-0.5, -2.0])
    w, converged = g.resolvent(z, 2.0)
    assert not converged and np.isnan(w).all()
    run = simulate(methods.proximal_point(2.0), g, z, 5)
    assert run.diverged and run.diverged_at == 1


# --- extragradient approximates proximal point ------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_eg_ppm_one_step_gap_is_order_eta_cubed(seed):
    g = games.random_quadratic_game(1.0, 10.0, n_x=2, n_y=2, seed=seed)
    z = np.random.default_rng(seed).standard_normal(g.d)
    etas = np.geomspace(1e-4, 1e-2, 9)
    gap = analysis.one_step_gap(methods.extragradient, methods.proximal_point, g, z, etas)
    assert gap.exponent == pytest.approx(3.0, abs=0.1)
    leading = etas**3 * np.linalg.norm(np.linalg.matrix_power(g.H, 3) @ (z - g.z_star))
    np.testing.assert_allclose(gap.gap[:3], leading[:3], rtol=0.05)
    # Sim-GDA is only a first-order approximation of PPM: exponent 2
    gda = analysis.one_step_gap(methods.sim_gda, methods.proximal_point, g, z, etas)
    assert gda.exponent == pytest.approx(2.0, abs=0.1)


def test_one_step_gap_refuses_a_failed_inner_solve():
    with pytest.raises(ValueError, match="not finite"):
        analysis.one_step_gap(methods.extragradient, methods.proximal_point, games.double_well_game(),
                              [-0.5, -2.0], [1.5, 2.0])


# --- the explorer and figures ---------------------------------------------------------------------

def test_explorer_view_matches_the_operator_analysis():
    g = games.quadratic_2d(1.0, 10.0, 1.0)
    view = views.AccelerationView(Figure(figsize=(11, 3.6)), g)
    for name in views.EXPLORER_METHODS:
        for eta, beta in ((0.02, 0.0), (0.1, -0.5)):
            rho = view(method=name, eta=eta, beta=beta)
            expected = analysis.convergence_rate(views.registered_method(name, eta, beta), g)
            assert rho == pytest.approx(expected, rel=1e-12)


def test_log_radius_panel_separates_099_from_101():
    panel = plot.LogRadiusPanel(Figure().subplots())
    panel.update([0.99, 1.01])
    y = panel.points.get_offsets()[:, 1]
    assert y[0] < 0 < y[1]
    to_pixels = panel.ax.transData.transform
    gap = abs(to_pixels([0, y[1]])[1] - to_pixels([0, y[0]])[1])
    assert gap > 20                                  # points apart, not a line width
    panel.update([1e-6, 50.0])                       # beyond the frame: hollow markers on its edge
    assert len(panel.points.get_offsets()) == 0


def test_explorer_pre_renders_every_method():
    W = widgets
    ex = W.explore(views.acceleration_view(), figsize=(11, 3.6), method=W.choice(["EG", "PPM", "OGDA"]),
                   eta=W.slider(0.01, 0.5, value=0.1, static=2, log=True),
                   beta=W.slider(-0.5, 0.0, value=0.0, static=1))
    page = ex.static_html()
    frames = json.loads(re.search(r'<script type="application/json" class="lc-frames">(.*?)</script>',
                                  page).group(1))["frames"]
    assert len(set(frames)) == 6                      # three methods x two step sizes, all different


def test_figures_label_fitted_and_theoretical_slopes(laws):
    ax = plot.kappa_sweep_plot(laws, analysis.slope_table(laws))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[1].startswith("Negative momentum: slope 1.50") and "(theory 1.5)" in labels[1]
    g = games.quadratic_2d(1.0, 10.0, 1.0)
    gap = analysis.one_step_gap(methods.extragradient, methods.proximal_point, g, [1, 1], [1e-3, 1e-2])
    ax = plot.step_gap_plot(gap)
    assert f"exponent {gap.exponent:.3f}" in ax.get_legend().get_texts()[0].get_text()
    assert gap.exponent == pytest.approx(3.0, abs=0.02)


# --- hostile input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("call, err, words", [
    (lambda: methods.negative_momentum(0.1, -1.0), ValueError, "beta"),
    (lambda: methods.negative_momentum(0.1, 1.0), ValueError, "beta"),
    (lambda: methods.negative_momentum(0.1, [0.2, 1.5]), ValueError, "beta"),
    (lambda: methods.negative_momentum(0.1, np.nan), ValueError, "beta"),
    (lambda: methods.negative_momentum(0.0, -0.5), ValueError, "eta"),
    (lambda: methods.negative_momentum(-0.1, -0.5), ValueError, "eta"),
    (lambda: methods.with_momentum(methods.sim_gda(0.1), 1.0), ValueError, "beta"),
    (lambda: methods.with_momentum("sim_gda", -0.5), TypeError, "method"),
    (lambda: methods.extragradient(0.0), ValueError, "eta"),
    (lambda: methods.optimistic_gda(-1.0), ValueError, "eta"),
    (lambda: methods.proximal_point(0.0), ValueError, "eta"),
    (lambda: methods.proximal_point("big"), TypeError, "eta"),
    (lambda: views.registered_method("EG", 0.1, beta=1.0), ValueError, "beta"),
    (lambda: views.registered_method("Nesterov", 0.1), ValueError, "name"),
    (lambda: analysis.kappa_sweep(["Nesterov"], KAPPAS), ValueError, "names"),
    (lambda: analysis.kappa_sweep("EG", KAPPAS), TypeError, "names"),
    (lambda: analysis.kappa_sweep(["EG"], [10.0]), ValueError, "kappas"),
    (lambda: analysis.kappa_sweep(["EG"], [0.5, 10.0]), ValueError, "kappas"),
    (lambda: analysis.one_step_gap(methods.extragradient, methods.proximal_point,
                                   games.bilinear(1.0), [1, 0], [0.0, 0.1]), ValueError, "etas"),
    (lambda: analysis.one_step_gap(methods.extragradient, methods.proximal_point,
                                   games.bilinear(1.0), [1, 0, 0], [0.01, 0.1]), ValueError, "z"),
    (lambda: analysis.slope_table({}), TypeError, "laws"),
])
def test_bad_inputs_raise_clear_errors(call, err, words):
    with pytest.raises(err, match=words):
        call()


def test_the_bilinear_figure_numbers():
    """The caption's rate: Alt-GDA + NM at eta = 0.5, beta = -0.3 on xy (and the same eta*b on 10xy)."""
    for b, eta in ((1.0, 0.5), (10.0, 0.05)):
        rho = analysis.convergence_rate(methods.alt_negative_momentum(eta, -0.3), games.bilinear(b))
        assert rho == pytest.approx(0.9648, abs=5e-4)
