"""The numbers the "Beyond the lecture" chapter states and shows, recomputed with its own calls."""

import json
from pathlib import Path

import numpy as np
import pytest

import lecturecode as lc
from lecturecode.analysis import monotone, stackelberg, stochastic

M = lc.methods
CHAPTER = Path(__file__).parents[2] / "chapters" / "beyond.ipynb"


def test_the_noise_floor_and_the_one_over_k_slope():
    g = lc.games.quadratic_2d(1.0, 3.0, 1.0)
    kw = dict(eta=0.05, sigma=1.0, seed=0, n_runs=400)
    run = stochastic.noisy_run(M.sim_gda, g, [2.0, 2.0], 5000, **kw)
    floor = stochastic.noise_floor(M.sim_gda(0.05), g, 1.0)
    assert floor == pytest.approx(0.0667, abs=5e-5)
    assert run.sq_dist[1000:].mean() == pytest.approx(floor, rel=0.05)
    dec = stochastic.noisy_run(M.sim_gda, g, [2.0, 2.0], 5000, decay=1.0, k0=100, **kw)
    assert -1.1 < stochastic.log_slope(dec.k, dec.sq_dist, start=1000) < -0.9
    eg = stochastic.noisy_run(M.extragradient, g, [2.0, 2.0], 5000, **kw)
    assert eg.sq_dist[1000:].mean() < run.sq_dist[1000:].mean()        # "EG's floor is lower here"


def test_consensus_and_sga_rates_on_xy():
    xy = lc.games.quadratic_2d(0.0, 1.0, 0.0, name="xy")
    rate = lc.analysis.convergence_rate
    assert rate(M.sim_gda(0.1), xy) == pytest.approx(1.005, abs=5e-4)
    assert rate(M.consensus(0.1, 0.5), xy) == pytest.approx(0.955, abs=5e-4)
    assert rate(M.sga(0.1, 0.5), xy) == pytest.approx(rate(M.consensus(0.1, 0.5), xy), rel=1e-12)


def test_averaged_gap_slopes_and_sim_gda_divergence():
    bil = lc.games.quadratic_minimax(np.zeros((2, 2)), np.diag([1.0, 0.02]), np.zeros((2, 2)))
    assert bil.B.T @ bil.B == pytest.approx(np.diag([1.0, 4e-4])) and 1.0 / 4e-4 == pytest.approx(2500)
    for m in (M.extragradient(0.5), M.optimistic_gda(0.25)):
        c = monotone.gap_curve(m, bil, np.ones(4), 10_000)
        assert -1.1 < stochastic.log_slope(c.k, c.averaged, start=100) < -0.9
        assert c.last[-1] > 10 * c.averaged[-1]
    sim = monotone.gap_curve(M.sim_gda(0.05), bil, np.ones(4), 10_000)
    assert sim.last[-1] > 1e4 * sim.last[0]


def test_stackelberg_three_eighths_versus_one_third():
    eq = stackelberg.nash_and_stackelberg(stackelberg.leader_follower_game(1.0, 1.0))
    np.testing.assert_allclose(eq.nash, [0.5, 0.5], atol=1e-12)
    np.testing.assert_allclose(eq.stackelberg, [1 / 3, 1 / 3], atol=1e-12)
    assert eq.nash_losses[0] == pytest.approx(3 / 8) and eq.stackelberg_losses[0] == pytest.approx(1 / 3)


def test_the_chapter_is_in_the_table_of_contents_and_cites_what_it_uses():
    root = CHAPTER.parents[1]
    assert "chapters/beyond" in (root / "_toc.yml").read_text()
    text = "".join("".join(c["source"]) for c in json.loads(CHAPTER.read_text())["cells"])
    bib = (root / "references.bib").read_text()
    for key in ("hsieh2020explore", "mishchenko2020revisiting", "mescheder2017numerics", "balduzzi2018mechanics",
                "nemirovski2004prox", "mokhtari2020convergence", "fiez2020implicit", "letcher2019sos",
                "willi2022cola"):
        assert key in text and f"{{{key}," in bib
