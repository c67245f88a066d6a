"""The Alt-GDA chapter: J_Alt against the lecture, the lecture's numbers, the conserved modified
energy on bilinear games, the O(kappa) law, the comparison table, Jacobi vs Gauss-Seidel."""

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from lecturecode import analysis, games, methods, plot, simulate, tables, views, widgets
from lecturecode.claims import CLAIMS


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def lecture_J_alt(g, eta):
    """[[I - eta A, -eta B], [eta B'(I - eta A), I - eta C - eta² B'B]], written out."""
    I_x, I_y = np.eye(g.n_x), np.eye(g.n_y)
    return np.block([[I_x - eta * g.A, -eta * g.B],
                     [eta * g.B.T @ (I_x - eta * g.A), I_y - eta * g.C - eta**2 * g.B.T @ g.B]])


# --- J_Alt in the lecture's block form ---------------------------------------------------------

@pytest.mark.parametrize("n_x, n_y", [(1, 1), (1, 4), (3, 2), (5, 5), (2, 7)])
def test_J_alt_is_the_lecture_closed_form_for_a_sweep_of_step_sizes(n_x, n_y):
    g = games.random_quadratic_game(0.5, 6.0, n_x, n_y, seed=n_x * 10 + n_y)
    etas = np.array([0.01, 0.1, 0.3, 1.0])
    stack = analysis.update_matrix(methods.alt_gda(etas), g)      # one call, the whole sweep
    for eta, M in zip(etas, stack):
        np.testing.assert_allclose(M, lecture_J_alt(g, eta), atol=1e-12)
        assert np.linalg.det(M) == pytest.approx(np.linalg.det(np.eye(n_x) - eta * g.A)
                                                 * np.linalg.det(np.eye(n_y) - eta * g.C), rel=1e-9, abs=1e-12)


# --- the lecture's eigenvalue example 0.3x² + 1.2xy − 0.3y² -------------------------------------

def test_alt_eigenvalues_have_modulus_one_minus_0_6_eta_while_complex():
    g = games.lecture_examples()["0.3x² + 1.2xy − 0.3y²"]
    etas = np.linspace(0.0, 1.0, 201)[1:]
    lam = analysis.update_eigenvalues(methods.alt_gda(etas), g)
    assert np.all(np.abs(lam.imag) > 1e-9)                          # complex over the whole sweep
    np.testing.assert_allclose(np.abs(lam), np.repeat((1 - 0.6 * etas)[:, None], 2, axis=1), atol=1e-12)


def test_sim_is_best_at_one_third_and_diverges_beyond_two_thirds():
    g = games.lecture_examples()["0.3x² + 1.2xy − 0.3y²"]
    etas = np.linspace(0.0, 1.0, 301)[1:]
    rho = analysis.convergence_rate(methods.sim_gda(etas), g)
    np.testing.assert_allclose(rho, np.sqrt((1 - 0.6 * etas) ** 2 + 1.44 * etas**2), rtol=1e-12)
    assert etas[np.argmin(rho)] == pytest.approx(CLAIMS["simgda-03-eta"].theory, abs=1 / 300)
    assert rho.min() == pytest.approx(CLAIMS["simgda-03-rate"].theory, abs=1e-4)
    assert np.all((rho > 1) == (etas > 2 / 3 + 1e-12))
    rho_alt = analysis.convergence_rate(methods.alt_gda(etas), g)
    assert np.all(rho_alt < rho)                                     # Alt contracts faster everywhere


def test_rotation_game_best_alt_step_in_the_comparison_table():
    g = games.lecture_examples()["0.5x² + 10xy − 0.5y²"]
    sim, alt = analysis.compare(g, ["Sim-GDA", "Alt-GDA"])
    best, best_eta = CLAIMS["altgda-best"], CLAIMS["altgda-best-eta"]
    assert alt.hyper["eta"] == pytest.approx(best_eta.theory, abs=best_eta.tolerance)
    assert alt.rate == pytest.approx(best.theory, abs=best.tolerance)
    assert sim.iterations / alt.iterations > 30                      # 2777 against 70


# --- the bilinear game: symplectic Alt-GDA and its modified energy -----------------------------

@pytest.mark.parametrize("eta", [0.01, 0.057, 0.123, 0.19])   # (rotation angles not rational multiples of pi)
def test_modified_energy_is_conserved_over_1e5_steps_on_10xy(eta):
    g = games.bilinear(10.0)
    assert np.abs(analysis.update_eigenvalues(methods.alt_gda(eta), g)) == pytest.approx(1.0, abs=1e-12)
    run = simulate(methods.alt_gda(eta), g, [1.0, 0.5], n_steps=100_000)
    assert not run.diverged
    energy = analysis.modified_energy(g, eta, run.z)
    assert np.max(np.abs(energy / energy[0] - 1)) < 1e-9
    # the naive energy x² + y² is *not* conserved: it oscillates over exactly the range the
    # ellipse allows, E in [Q / (1 + c/2), Q / (1 - c/2)] with c = eta b
    naive = analysis.naive_energy(g, run.z)
    c = 10 * eta
    assert naive.min() == pytest.approx(energy[0] / (1 + c / 2), rel=1e-3)
    assert naive.max() == pytest.approx(energy[0] / (1 - c / 2), rel=1e-3)


def test_modified_energy_is_conserved_for_any_coupling_matrix():
    g = games.quadratic_minimax(np.zeros((3, 3)), np.random.default_rng(1).standard_normal((3, 2)),
                                np.zeros((2, 2)), z_star=[1, 2, 3, 4, 5])
    eta = 1.0 / g.L
    z0 = np.random.default_rng(2).standard_normal((4, g.d))               # a batch of starts
    run = simulate(methods.alt_gda(eta), g, z0, n_steps=2000)
    energy = analysis.modified_energy(g, eta, run.z)
    np.testing.assert_allclose(energy, np.broadcast_to(energy[0], energy.shape), rtol=1e-11)
    # and it is exactly J_Alt' Q J_Alt = Q
    M, Q = analysis.update_matrix(methods.alt_gda(eta), g), analysis.modified_energy_matrix(g, eta)
    np.testing.assert_allclose(M.T @ Q @ M, Q, atol=1e-12)


def test_beyond_eta_b_equal_two_the_form_is_indefinite_and_alt_gda_diverges():
    g = games.bilinear(10.0)
    for eta in (0.21, 0.3):
        assert np.linalg.eigvalsh(analysis.modified_energy_matrix(g, eta)).min() < 0
        assert analysis.convergence_rate(methods.alt_gda(eta), g) > 1
        assert simulate(methods.alt_gda(eta), g, [1.0, 0.5], n_steps=2000).diverged


def test_sim_gda_grows_the_naive_energy_every_step():
    g = games.bilinear(10.0)
    run = simulate(methods.sim_gda(0.01), g, [1.0, 0.5], n_steps=50)
    naive = analysis.naive_energy(g, run.z)
    np.testing.assert_allclose(naive[1:] / naive[:-1], 1 + (10 * 0.01) ** 2)


# --- larger steps and the O(kappa) law -----------------------------------------------------------

def test_alt_gda_needs_kappa_iterations_and_beats_sim_gda_for_every_kappa():
    kappas = np.geomspace(10, 1000, 7)
    alt = analysis.iterations_vs_kappa(methods.alt_gda, kappas)
    sim = analysis.iterations_vs_kappa(methods.sim_gda, kappas)
    assert alt.slope == pytest.approx(1.0, abs=0.1)
    assert np.all(alt.rate < sim.rate)
    assert not any(alt.on_boundary)
    # step sizes: Sim mu/L², Alt of order 1/L (mu = 1, L = kappa)
    np.testing.assert_allclose(sim.eta * kappas**2, 1.0, rtol=0.05)
    assert np.all((alt.eta * kappas > 1.0) & (alt.eta * kappas < 2.0))


# --- the comparison table and figure from the registry ----------------------------------------

NAMES = ["Sim-GDA", "Alt-GDA", "Negative momentum", "EG", "OGDA", "Alt-GDA + NM"]


def test_comparison_rows_and_fixed_rows_agree_with_the_spectra():
    g = games.random_quadratic_game(1.0, 10.0, 5, 5, seed=0)
    rows = analysis.compare(g, NAMES)
    assert [r.method for r in rows] == NAMES
    by = {r.method: r for r in rows}
    assert by["Alt-GDA"].rate < by["EG"].rate < by["Sim-GDA"].rate        # the lecture's ordering
    assert by["EG"].evaluations == 2 * by["EG"].iterations
    ppm = analysis.row_at(g, "PPM", eta=1 / g.L)
    lam = np.linalg.eigvals(np.eye(g.d) + g.H / g.L)
    assert ppm.rate == pytest.approx(1 / np.abs(lam).min(), rel=1e-12) and ppm.evaluations is None
    for r in rows:                                     # the rate the table reports is the one simulated
        dist = analysis.tuned_distances(g, [r], np.ones(g.d), 400)[r.method]
        assert not np.any(np.isinf(dist))
        k = min(400, int(r.iterations))
        assert dist[k] / dist[0] < 50 * r.rate ** k    # within a constant of rho^k


def test_comparison_table_renders_every_row_in_markdown_and_html():
    g = games.quadratic_2d(1.0, 10.0, 1.0)
    rows = analysis.compare(g, ["Sim-GDA", "EG"]) + [analysis.row_at(g, "PPM", eta=0.1)]
    table = tables.comparison_table(rows, notes={"PPM": "fixed η"})
    md = table.markdown().splitlines()
    assert len(md) == 2 + 3 and md[-1].startswith("| PPM |") and "implicit" in md[-1] and "fixed η" in md[-1]
    page = table._repr_html_()
    assert page.count("<tr>") == 4 and "EG" in page
    tuned_ppm = analysis.compare(g, ["PPM"])
    assert "edge" in tables.comparison_table(tuned_ppm).markdown()      # the boundary is reported


# --- Jacobi and Gauss-Seidel are Sim-GDA and Alt-GDA on the splitting --------------------------

def z_matrix(n, scale, rng):
    """A = D - N with D > 0 diagonal and N >= 0 off the diagonal: the Jacobi matrix is >= 0."""
    N = rng.uniform(0, 1, (n, n)) * (rng.uniform(size=(n, n)) < 0.6)
    np.fill_diagonal(N, 0.0)
    D = np.diag(rng.uniform(1.0, 2.0, n))
    return D - scale * N


@pytest.mark.parametrize("seed", range(16))
def test_jacobi_and_gauss_seidel_operators_and_the_stein_rosenberg_ordering(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 7))
    A = z_matrix(n, rng.uniform(0.05, 3.0), rng)
    D, L, U = np.diag(np.diag(A)), np.tril(A, -1), np.triu(A, 1)
    g = games.jacobi_splitting(A)
    M_jacobi = analysis.update_matrix(methods.sim_gda(1.0), g)
    M_gs = analysis.update_matrix(methods.alt_gda(1.0), g)
    np.testing.assert_allclose(M_jacobi, -np.linalg.solve(D, L + U), atol=1e-12)
    np.testing.assert_allclose(M_gs, -np.linalg.solve(D + L, U), atol=1e-12)
    assert np.all(M_jacobi >= 0)
    rho_j, rho_gs = analysis.spectral_radius(M_jacobi), analysis.spectral_radius(M_gs)
    if rho_j < 1:
        assert 0 <= rho_gs < rho_j or rho_gs == rho_j == 0
    elif rho_j > 1:
        assert rho_gs > rho_j
    assert analysis.convergence_rate(methods.alt_gda(1.0), g) == pytest.approx(rho_gs, rel=1e-9)


def test_gauss_seidel_squares_the_jacobi_radius_on_a_tridiagonal_system():
    """Consistently ordered matrices (Young): rho_GS = rho_J² exactly."""
    A = 2 * np.eye(6) - np.eye(6, k=1) - np.eye(6, k=-1)
    g = games.jacobi_splitting(A)
    rho_j = analysis.convergence_rate(methods.sim_gda(1.0), g)
    assert rho_j == pytest.approx(np.cos(np.pi / 7), rel=1e-12)
    assert analysis.convergence_rate(methods.alt_gda(1.0), g) == pytest.approx(rho_j**2, rel=1e-9)


# --- figures and the explorer -------------------------------------------------------------------

def test_figures_draw_into_given_axes():
    g = games.lecture_examples()["0.3x² + 1.2xy − 0.3y²"]
    etas = np.linspace(0.01, 1.0, 20)
    eigs = {"Alt": analysis.update_eigenvalues(methods.alt_gda(etas), g)}
    _, ax = plt.subplots()
    assert plot.eigenvalue_paths(etas, eigs, ax=ax, colours={"Alt": plot.ALT_COLOUR}) is ax
    dark = ax.collections[-1].get_facecolors()[-1][:3]
    np.testing.assert_allclose(dark, plt.matplotlib.colors.to_rgb(plot.ALT_COLOUR))   # darkest = base colour
    _, ax = plt.subplots()
    assert plot.comparison_plot({"Sim-GDA": [1.0, 0.5], "Alt-GDA": [1.0, 0.1]}, ax=ax) is ax
    assert [(line.get_color(), line.get_linestyle()) for line in ax.get_lines()] == [
        (plot.SIM_COLOUR, "-"), (plot.ALT_COLOUR, "--")]
    _, ax = plt.subplots()
    assert plot.energy_plot({"E": [1.0, 1.0, 1.0]}, ax=ax) is ax and ax.has_data()
    pair = [games.bilinear(10.0), games.quadratic_2d(1.0, 10.0, 1.0)]
    runs = {name: [simulate(make(0.05), gm, [1.0, 1.0], 100) for gm in pair]
            for name, make in (("Sim-GDA", methods.sim_gda), ("Alt-GDA", methods.alt_gda))}
    axes = plot.trajectory_grid(pair, runs, lim=2.5)
    assert axes.shape == (2, 2)
    assert axes[1, 0].lines[0].get_color() == plot.ALT_COLOUR and axes[0, 1].lines[0].get_color() == plot.SIM_COLOUR
    assert axes[0, 0].get_legend_handles_labels()[1][0] == "Sim-GDA"


def test_the_twin_view_reports_both_spectral_radii_and_blits_like_a_full_redraw():
    view = views.SimAltView(Figure(), n_steps=60)
    for name, g in games.lecture_examples().items():
        for eta in (0.01, 0.15):
            rho = view(problem=name, eta=eta)
            assert rho == pytest.approx((analysis.convergence_rate(methods.sim_gda(eta), g),
                                         analysis.convergence_rate(methods.alt_gda(eta), g)), rel=1e-12)
    problems = games.lecture_examples()

    def make():
        return widgets.explore(views.sim_alt_view(), problem=widgets.choice(list(problems)),
                               eta=widgets.slider(0.005, 1.0, value=0.1, log=True, static=2))
    fast, full = make(), make()
    full._moving = []
    from PIL import Image
    import io

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    for params in (dict(problem="10xy", eta=0.15), dict(problem="0.3x² + 1.2xy − 0.3y²", eta=0.9)):
        differ = np.abs(pixels(fast.render(**params)) - pixels(full.render(**params))).max(-1) > 64
        assert differ.mean() < 0.001


# --- hostile input ------------------------------------------------------------------------------

@pytest.mark.parametrize("call, err, words", [
    (lambda: analysis.modified_energy(games.quadratic_2d(1.0, 10.0, 1.0), 0.1, [1.0, 1.0]), ValueError,
     "game must be bilinear"),
    (lambda: analysis.modified_energy(games.matching_pennies(), 0.1, [1.0, 1.0]), TypeError,
     "bilinear QuadraticMinimax"),
    (lambda: analysis.modified_energy(games.bilinear(1.0), -0.1, [1.0, 1.0]), ValueError, "eta must lie in (0"),
    (lambda: analysis.modified_energy(games.bilinear(1.0), 0.1, [1.0, 1.0, 1.0]), ValueError, "z must have shape"),
    (lambda: analysis.naive_energy(games.bilinear(1.0), "ab"), TypeError, "z must be a real number or array"),
    (lambda: analysis.row_at(games.bilinear(1.0), "Newton", eta=0.1), ValueError, "registry"),
    (lambda: analysis.row_at(games.bilinear(1.0), "Negative momentum", eta=0.1), TypeError, "beta"),
    (lambda: analysis.row_at(games.bilinear(1.0), "EG", eta=-1.0), ValueError, "eta must lie"),
    (lambda: analysis.tuned_distances(games.bilinear(1.0), ["EG"], [1.0, 1.0], 5), TypeError, "analysis.Row"),
    (lambda: analysis.tuned_distances(games.bilinear(1.0), [], [1.0, 1.0], 0), ValueError, "n_steps must be >= 1"),
    (lambda: tables.comparison_table([]), TypeError, "non-empty sequence"),
    (lambda: plot.eigenvalue_paths([0.1], {"a": [[1.0]]}), ValueError, "at least two"),
    (lambda: plot.eigenvalue_paths([0.1, 0.2], {"a": [[1.0]]}), ValueError, "one row per step size"),
    (lambda: plot.trajectory_grid([games.bilinear(1.0)], {"Sim": []}), ValueError, "one trajectory per game"),
    (lambda: views.SimAltView(Figure(), {"3-D": games.lorenz_game()}), ValueError, "2-D lecturecode games"),
    (lambda: views.SimAltView(Figure(), n_steps=5)(problem="nope", eta=0.1), ValueError, "problem must be one of"),
    (lambda: views.SimAltView(Figure(), n_steps=5)(problem="10xy", eta=0.0), ValueError, "eta must lie"),
])
def test_bad_input_is_rejected_with_a_clear_error(call, err, words):
    with pytest.raises(err, match=re.escape(words)):
        call()


def test_the_random_stein_rosenberg_cases_reach_both_regimes():
    """The parametrised instances above test both orderings, not only the convergent one."""
    rhos = []
    for seed in range(16):
        rng = np.random.default_rng(seed)
        n = int(rng.integers(2, 7))
        g = games.jacobi_splitting(z_matrix(n, rng.uniform(0.05, 3.0), rng))
        rhos.append(analysis.convergence_rate(methods.sim_gda(1.0), g))
    assert min(rhos) < 1 < max(rhos)


def test_stein_rosenberg_hypothesis_and_ordering_fail_on_a_zero_sum_game():
    """The chapter's claim: a zero-sum game's Jacobi matrix is never nonnegative, and on 10xy
    Sim-GDA diverges while Alt-GDA sits at rho = 1 (not 'Gauss-Seidel diverges faster')."""
    for seed in range(5):
        g = games.random_quadratic_game(1.0, 10.0, 2, 3, seed=seed)
        jac = analysis.update_matrix(methods.sim_gda(0.1), g)
        coupling = jac[:2, 2:], jac[2:, :2]
        assert np.all(np.sign(coupling[0]) == -np.sign(coupling[1].T))       # -eta B above, +eta B^T below
        assert jac.min() < 0
    bil = games.bilinear(10.0)
    assert analysis.convergence_rate(methods.sim_gda(0.05), bil) > 1.1
    assert analysis.convergence_rate(methods.alt_gda(0.05), bil) == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("game", [games.quadratic_2d(1.0, 3.0, 0.5), games.double_well_game(), games.dirac_gan()],
                         ids=["quadratic", "double well", "Dirac-GAN"])
def test_each_gda_order_tracks_its_own_modified_flow_to_second_order(game):
    """Backward error analysis: Alt-GDA is O(eta^3) from the flow of its modified field, O(eta^2)
    from the gradient flow and from Sim-GDA's modified flow (and Sim-GDA likewise)."""
    z0, etas = [0.7, 0.4], np.geomspace(1e-3, 1e-2, 5)
    exponent = {}
    for name, make in (("alt", methods.alt_gda), ("sim", methods.sim_gda)):
        for ref in ("alternating", "simultaneous"):
            exponent[name, ref] = analysis.one_step_gap(make, analysis.modified_flow(ref), game, z0, etas).exponent
        exponent[name, "flow"] = analysis.one_step_gap(make, methods.runge_kutta_flow, game, z0, etas).exponent
    assert exponent["alt", "alternating"] == pytest.approx(3.0, abs=0.1)
    assert exponent["sim", "simultaneous"] == pytest.approx(3.0, abs=0.1)
    for key in (("alt", "simultaneous"), ("alt", "flow"), ("sim", "alternating"), ("sim", "flow")):
        assert exponent[key] == pytest.approx(2.0, abs=0.1)


def test_alternating_modified_flow_on_a_bilinear_game_conserves_the_modified_energy():
    bil, eta = games.bilinear(10.0), 0.05
    orbit = simulate(analysis.modified_flow("alternating", substeps=50)(eta), bil, [1.0, 0.5], 200)
    energy = analysis.modified_energy(bil, eta, orbit.z)
    assert np.abs(energy / energy[0] - 1).max() < 1e-9
    sim = simulate(analysis.modified_flow("simultaneous", substeps=50)(eta), bil, [1.0, 0.5], 200)
    assert sim.diverged                                      # Sim-GDA's modified flow spirals out (radial rate 2.5)
    r = np.linalg.norm(sim.z[:20], axis=-1)
    np.testing.assert_allclose(np.diff(np.log(r)), 2.5 * eta, rtol=1e-6)


def test_momentum_tuned_over_minus_one_to_one_helps_alt_gda_slightly_with_positive_beta():
    """The comparison section: on its random game the best beta for Alt-GDA + NM is small and positive."""
    prob = games.random_quadratic_game(1.0, 10.0, n_x=5, n_y=5, seed=0)
    alt = analysis.tune(methods.alt_gda, prob, {"eta": "auto"})
    nm = analysis.tune(methods.alt_negative_momentum, prob, {"eta": "auto", "beta": (-0.999, 0.9)})
    assert 0.0 < nm.hyper["beta"] < 0.1 and not nm.on_boundary
    assert nm.rate < alt.rate - 0.01                               # 0.633 against 0.659
