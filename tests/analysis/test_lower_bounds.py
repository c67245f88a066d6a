"""Lower bounds (lecturecode.analysis.lower_bounds): the constants of the fine bound, the
Chebyshev rate on bilinear games as a bound the methods respect and a polynomial attains, and the
exponents the acceleration chapter's table states."""

import numpy as np
import pytest
from numpy.polynomial import chebyshev as C

import lecturecode as lc
from lecturecode.analysis import lower_bounds as lb


@pytest.mark.parametrize("seed", range(4))
def test_block_constants_and_fine_bound_within_coarse(seed):
    game = lc.games.random_quadratic_game(mu=1.0, L=20.0, seed=seed)
    k = lb.block_constants(game)
    assert np.isclose(k.L_xy, np.linalg.svd(game.B, compute_uv=False).max())
    assert np.isclose(k.mu_x, np.linalg.eigvalsh(game.A).min()) and np.isclose(k.L_y, np.linalg.eigvalsh(game.C).max())
    # mu = min(mu_x, mu_y) and every block norm is at most L, so sqrt(2 kappa + kappa^2) < kappa + 1 bounds it.
    assert lb.fine_lower_bound(game) <= game.kappa + 1


def test_chebyshev_polynomial_attains_the_bilinear_rate():
    s_min, s_max, m = 1.0, 10.0, 200
    c = (s_max**2 + s_min**2) / (s_max**2 - s_min**2)
    t = np.linspace(s_min**2, s_max**2, 2001)                   # t = -lambda^2 over the spectrum
    q = C.chebval((s_max**2 + s_min**2 - 2 * t) / (s_max**2 - s_min**2), [0] * m + [1]) / C.chebval(c, [0] * m + [1])
    per_evaluation = np.abs(q).max() ** (1 / (2 * m))         # q(lambda^2) has degree 2m in lambda
    assert abs(per_evaluation - lb.bilinear_chebyshev_rate(s_min, s_max)) < 1e-2


@pytest.mark.parametrize("kappa", [10.0, 100.0])
def test_eg_and_ogda_respect_the_bilinear_bound(kappa):
    game = lc.games.bilinear_spectrum(kappa)
    bound = lb.bilinear_chebyshev_rate(1.0, np.sqrt(kappa))
    step = {"eta": (1e-4, 10.0)}
    eg = lc.analysis.tune(lc.methods.extragradient, game, step).rate
    og = lc.analysis.tune(lc.methods.optimistic_gda, game, step).rate
    assert np.sqrt(eg) >= bound - 1e-9           # EG evaluates the field twice per step
    assert og >= bound - 1e-9
    assert np.sqrt(eg) < 1 and og < 1


def test_the_table_the_chapter_shows():
    t = lb.lower_bound_table(np.geomspace(10, 1000, 5))
    weak, strong, bil = t.rows
    assert abs(weak.fine - 0.5) < 0.01 and abs(strong.fine - 1.0) < 0.01 and abs(bil.fine - 0.5) < 0.02
    assert abs(weak.slopes["Negative momentum"] - 0.5) < 0.05          # heavy ball (beta > 0) is accelerated
    for m in ("Sim-GDA", "EG", "OGDA", "Alt-GDA"):
        assert weak.slopes[m] > 0.9                                       # not accelerated: exponent 1, not 1/2
    assert abs(strong.slopes["Sim-GDA"] - 2.0) < 0.05
    assert 1.0 < strong.slopes["Negative momentum"] < 1.25                  # between kappa and the region's 1.5
    for m in ("EG", "OGDA", "Alt-GDA"):
        assert abs(strong.slopes[m] - 1.0) < 0.05 and abs(bil.slopes.get(m, 1.0) - 1.0) < 0.06
    assert "—" in str(t) and "<table>" in t._repr_html_()


def test_weak_coupling_momentum_is_positive():
    space = lc.methods.REGISTRY["Negative momentum"].space
    best = lc.analysis.tune(lc.methods.negative_momentum, lb.decoupled_game(100.0), space)
    assert best.hyper["beta"] > 0.5


def test_hostile_input_is_named():
    with pytest.raises(TypeError, match="quadratic"):
        lb.block_constants(lc.games.matching_pennies())
    with pytest.raises(ValueError, match="mu_x"):
        lb.fine_lower_bound(lc.games.bilinear(1.0))
    with pytest.raises(ValueError, match="s_max"):
        lb.bilinear_chebyshev_rate(2.0, 1.0)
    with pytest.raises(ValueError, match="kappas"):
        lb.lower_bound_table([10.0, 10.0])
