"""Figures and the explorer of the opponent-shaping chapter draw what the runs contain."""

import io

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from lecturecode import games, methods, plot, train, views, widgets


@pytest.fixture(scope="module")
def runs():
    g = games.ipd()
    return {"NL": train(methods.naive_learner(1.0), g, n_seeds=20, n_steps=40),
            "LOLA": train(methods.lola(1.0, 1.0), g, n_seeds=20, n_steps=40)}


def test_cooperation_bars_show_the_mean_final_policy_and_the_named_strategies(runs):
    ax = plot.cooperation_bars(runs, strategies=("TFT",))
    heights = np.array([p.get_height() for p in ax.patches]).reshape(2, 5)
    for row, run in zip(heights, runs.values()):
        np.testing.assert_allclose(row, run.probabilities[-1].reshape(-1, 5).mean(axis=0))
    tft = [line for line in ax.lines if line.get_label() == "TFT"][0]
    np.testing.assert_array_equal(tft.get_ydata(), games.MEMORY_ONE["TFT"])
    plt.close(ax.figure)


def test_reward_curves_plot_the_seed_mean_of_the_chosen_agent(runs):
    pair = train(methods.per_player(methods.lola(1.0, 1.0), methods.naive_learner(1.0)), games.ipd(),
                         n_seeds=10, n_steps=20)
    ax = plot.reward_curves({"LOLA": (pair, 0), "NL": (pair, 1)})
    lines = {line.get_label(): line for line in ax.lines}
    np.testing.assert_allclose(lines["LOLA"].get_ydata(), pair.rewards[..., 0].mean(axis=1))
    np.testing.assert_allclose(lines["NL"].get_ydata(), pair.rewards[..., 1].mean(axis=1))
    assert "TFT vs TFT (−1)" in lines
    plt.close(ax.figure)


def test_policy_paths_and_round_robin_table(runs):
    ax = plot.policy_paths(runs, seeds=(0, 1), state=0)
    first = ax.lines[0]
    np.testing.assert_allclose(first.get_xdata(), runs["NL"].probabilities[:, 0, 0, 0])
    plt.close(ax.figure)
    table = games.round_robin(games.ipd(), dict(games.MEMORY_ONE))
    ax = plot.round_robin_table(table, list(games.MEMORY_ONE))
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 4 * 5 and texts[0] == "-1.00"
    with pytest.raises(ValueError, match="table"):
        plot.round_robin_table(table, ["TFT"])
    plt.close(ax.figure)


def test_lola_view_redraws_from_a_fresh_training_run():
    fig = Figure()
    view = views.LolaView(fig, n_seeds=10, n_steps=30)
    run = view(lookahead=1.0, delta=1.0)
    heights = [b.get_height() for b in view._bars]
    np.testing.assert_allclose(heights, run.probabilities[-1].reshape(-1, 5).mean(axis=0))
    np.testing.assert_allclose(view._mean.get_ydata(), run.rewards.mean(axis=-1).mean(axis=1))
    small = view(lookahead=0.05, delta=1.0)
    assert small.rewards[-1].mean() < run.rewards[-1].mean()        # too little look-ahead: less cooperation
    assert "η′ = 0.05" in view._titles[0].get_text()


def test_lola_explorer_pre_renders_every_frame():
    ex = widgets.explore(views.lola_view(n_seeds=5, n_steps=10), alt="LOLA",
                         lookahead=widgets.slider(0.1, 2.0, value=1.0, static=2),
                         delta=widgets.slider(0.1, 2.0, value=1.0, static=2))
    page = ex.static_html()
    assert page.count('type="range"') == 2 and 'alt="LOLA"' in page
    from PIL import Image
    assert Image.open(io.BytesIO(ex.render(lookahead=0.5))).size[0] > 100
