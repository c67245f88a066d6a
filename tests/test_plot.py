"""Figures: axes in, axes out; opaque and colour-blind-safe; diverged runs clipped and marked."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from lecturecode import analysis, games, methods, plot, simulate, views


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_every_plot_function_draws_into_the_given_axes_and_returns_it():
    g = games.quadratic_2d(1.0, 10.0, 1.0)
    t = simulate(methods.sim_gda(0.01), g, [1.0, 1.0], 50)
    law = analysis.iterations_vs_kappa(methods.sim_gda, [10, 20])
    calls = [
        lambda ax: plot.phase_portrait(g, {"run": t}, ax=ax),
        lambda ax: plot.eigenvalue_plot({"H": g.eigenvalues}, ax=ax),
        lambda ax: plot.rate_vs_step_size([0.01, 0.02], {"r": [0.99, 0.98]}, ax=ax, optimum=(0.02, 0.98)),
        lambda ax: plot.distance_plot({"d": t.distance()}, ax=ax, predicted={"p": t.distance()}),
        lambda ax: plot.iterations_plot({"Sim-GDA": law}, ax=ax),
    ]
    for call in calls:
        _, ax = plt.subplots()
        assert call(ax) is ax
        assert ax.has_data()
        assert call(None) is not ax                       # without ax: a new figure


def test_a_tuned_step_size_is_marked_and_a_step_at_the_range_end_says_so():
    g = games.quadratic_2d(0.6, 1.2, 0.6)
    etas = np.geomspace(0.01, 0.2, 20)
    rates = analysis.convergence_rate(methods.sim_gda(etas), g)
    for eta_range, words in [((0.01, 1.0), "optimum"), ((0.01, 0.2), "best in the range (at its end)")]:
        best = analysis.optimal_step_size(methods.sim_gda, g, eta_range)
        ax = plot.rate_vs_step_size(etas, {"Sim-GDA": rates}, optimum=best)
        labels = [line.get_label() for line in ax.get_lines()]
        assert any(label.startswith(words + " $") for label in labels), labels


def test_new_figures_are_opaque_and_use_the_palette():
    ax = plot.distance_plot({"a": [1.0, 0.5], "b": [1.0, 0.1]})
    assert to_rgba(ax.figure.get_facecolor())[3] == 1.0
    colours = [line.get_color() for line in ax.get_lines()]
    assert colours == plot.PALETTE[:2]


def test_diverged_trajectories_are_clipped_and_marked():
    g = games.bilinear(10.0)
    t = simulate(methods.sim_gda(0.05), g, [0.5, 0.5], 400)
    assert t.diverged
    ax = plot.phase_portrait(g, [t], lim=2.0)
    assert ax.get_xlim() == (-2.0, 2.0) and ax.get_ylim() == (-2.0, 2.0)
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert "Sim-GDA (η=0.05) (diverged)" in labels
    crosses = [line for line in ax.get_lines() if line.get_marker() == "x"]
    assert len(crosses) == 1
    assert np.all(np.abs(crosses[0].get_xydata()) <= 2.0)   # the exit mark is inside the frame


def test_eigenvalue_sweeps_fade_along_the_sweep():
    lam = analysis.update_eigenvalues(methods.sim_gda(np.linspace(0.01, 0.1, 10)), games.bilinear(1.0))
    ax = plot.eigenvalue_plot({"sweep": lam})
    alphas = ax.collections[0].get_facecolors()[:, 3]
    assert alphas[0] < alphas[-1]


def test_dynamics_view_updates_in_place_and_reports_the_spectral_radius():
    fig = Figure()
    view = views.DynamicsView(fig, games.quadratic_2d, methods.sim_gda, z0=[1.0, 1.0], n_steps=100)
    n_artists = len(fig.axes[0].get_children())
    rho = view(a=1.0, b=10.0, c=1.0, eta=0.01)
    assert rho == pytest.approx(np.sqrt(0.99**2 + 0.1**2))
    rho_bad = view(a=1.0, b=10.0, c=1.0, eta=0.05)
    phase_title, eig_title = (t.get_text() for t in view._titles)
    assert rho_bad > 1 and "does not converge" in eig_title
    assert phase_title.endswith("100 steps")                   # 1.07^100 stays inside the ball
    view(a=1.0, b=10.0, c=1.0, eta=0.5)
    assert "diverged at step" in view._titles[0].get_text()
    assert len(fig.axes[0].get_children()) == n_artists        # no new artists per redraw
    view(a=0.0, b=10.0, c=0.0, eta=1.0)                         # eigenvalues far off-scale
    off_scale = view._spectrum._outside.get_offsets()
    assert len(off_scale) == 2 and np.all(np.abs(off_scale) <= view.eig_lim)


def test_plot_input_errors():
    with pytest.raises(ValueError, match="needs a 2-D game"):
        plot.phase_portrait(games.worst_case_game(1.0, 2.0))
    with pytest.raises(ValueError, match="lim must be > 0"):
        plot.phase_portrait(games.bilinear(1.0), lim=-1.0)
    with pytest.raises(TypeError, match="trajectories must be a dict"):
        plot.phase_portrait(games.bilinear(1.0), 3.0)
    with pytest.raises(TypeError, match="unexpected parameter"):
        views.DynamicsView(Figure(), games.bilinear, methods.sim_gda, z0=[1, 1])(b=1.0, eta=0.1, beta=0.2)


def test_box_games_are_drawn_on_their_strategy_square():
    g = games.prisoners_dilemma()
    ax = plot.phase_portrait(g, [simulate(methods.sim_gda(0.05), g, [0.9, 0.6], 40)])
    assert ax.get_xlim() == (0.0, 1.0) and ax.get_ylim() == (0.0, 1.0)


def test_trajectory_3d_draws_lines_in_space():
    g = games.lorenz_game()
    ax = plot.trajectory_3d({"run": simulate(methods.sim_gda(0.01), g, [1.0, 1.0, 1.0], 200)})
    assert ax.name == "3d" and len(ax.get_lines()) == 2
    with pytest.raises(ValueError, match="shape"):
        plot.trajectory_3d({"bad": np.zeros((5, 2))})
    with pytest.raises(ValueError, match="3-D axes"):
        plot.trajectory_3d({"run": np.zeros((5, 3))}, ax=plt.subplots()[1])


def test_trajectory_3d_view_moves_its_line():
    view = views.Trajectory3DView(Figure(), games.lorenz_game, methods.sim_gda, z0=[1.0, 1.0, 1.0], n_steps=300)
    end_a = view(a=10.0, b=28.0, c=8 / 3, eta=0.01)
    end_b = view(a=10.0, b=10.0, c=8 / 3, eta=0.01)
    assert not np.allclose(end_a, end_b)
    assert len(view._line.get_data_3d()[0]) == 301


def test_inspector_badges_follow_the_classifier():
    from lecturecode.solution_concepts import inspector_cases

    cases = inspector_cases()
    view = views.InspectorView(Figure(), cases)
    for label in cases:
        verdict = view(case=label, eta=0.05)
        for badge, (name, ok) in zip(view._badges, verdict.badges.items()):
            text = badge.get_text()
            assert text.startswith(name)
            colour = badge.get_bbox_patch().get_facecolor()
            if ok:
                assert text.endswith("yes") and to_rgba(plot.BADGE_COLOURS[True]) == colour
            elif verdict.degenerate:
                assert text.endswith("?") and to_rgba(plot.BADGE_COLOURS[None]) == colour
            else:
                assert text.endswith("no") and to_rgba(plot.BADGE_COLOURS[False]) == colour
    with pytest.raises(ValueError, match="case must be one of"):
        view(case="nope", eta=0.1)


def test_dynamics_view_takes_the_start_as_parameters():
    view = views.DynamicsView(Figure(), games.matching_pennies, methods.sim_gda, center=(0.5, 0.5), lim=0.5)
    view(eta=0.05, x0=0.7, y0=0.5)
    assert view._start.get_xydata().tolist() == [[0.7, 0.5]]
    with pytest.raises(ValueError, match="strategy box"):
        view(eta=0.05, x0=1.5, y0=0.5)


def test_a_parameter_two_factories_accept_is_an_error_not_silently_shared():
    from lecturecode import views

    def make_game(eta):                                   # both factories take 'eta'
        return games.bilinear(1.0)

    with pytest.raises(TypeError, match="accepted by two factories"):
        views.DynamicsView(Figure(), make_game, methods.sim_gda, z0=[1.0, 1.0])


def test_rate_region_disc_touches_the_corner_at_the_optimal_step():
    """The sim_gda chapter's picture: the disc |1 - eta lambda| <= rho of eta = mu / L^2 holds the
    worst-case game's eigenvalues and passes through the corner, with rho^2 = 1 - 1/kappa^2."""
    mu, L = 1.0, 3.0
    ax = plot.rate_region_plot(mu, L)
    eta = mu / L**2
    rho = np.sqrt(1 - (mu / L) ** 2)
    lam = games.worst_case_game(mu, L).eigenvalues
    assert np.all(np.abs(lam - 1 / eta) <= rho / eta * (1 + 1e-12))
    corner = complex(mu, np.sqrt(L**2 - mu**2))
    assert abs(abs(corner - 1 / eta) - rho / eta) < 1e-12
    assert ax.get_aspect() == 1.0                               # circles stay circles
    with pytest.raises(ValueError, match="L must be at least"):
        plot.rate_region_plot(2.0, 1.0)
