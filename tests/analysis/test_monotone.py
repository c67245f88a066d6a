"""Bilinear games: the restricted gap, O(1/k) for averaged EG/OGDA, divergence of Sim-GDA."""

import numpy as np
import pytest

from lecturecode import games, methods
from lecturecode.analysis.monotone import bilinear_gap, gap_curve
from lecturecode.analysis.stochastic import log_slope

GAME = games.quadratic_minimax(np.zeros((2, 2)), np.diag([1.0, 0.02]), np.zeros((2, 2)), name="bilinear")
Z0 = [1.0, 1.0, 1.0, 1.0]


def test_the_gap_is_the_closed_form_max_minus_min_over_the_ball():
    rng = np.random.default_rng(0)
    z = rng.standard_normal(4)
    x, y = z[:2], z[2:]
    B = GAME.B
    # the maximiser over the ball is y = R B'x/|B'x|, the minimiser x = -R B y/|B y|
    up, down = B.T @ x / np.linalg.norm(B.T @ x), -B @ y / np.linalg.norm(B @ y)
    assert bilinear_gap(GAME, z, 2.0) == pytest.approx(x @ B @ (2 * up) - (2 * down) @ B @ y)
    for _ in range(200):                                           # no point of the ball does better
        u, v = rng.standard_normal(2), rng.standard_normal(2)
        u, v = 2 * u / max(np.linalg.norm(u), 1), 2 * v / max(np.linalg.norm(v), 1)
        assert x @ B @ u - v @ B @ y <= bilinear_gap(GAME, z, 2.0) + 1e-12
    assert bilinear_gap(GAME, np.zeros(4)) == 0


@pytest.mark.parametrize("method", [methods.extragradient(0.5), methods.optimistic_gda(0.25)])
def test_averaged_iterates_close_the_gap_at_rate_one_over_k(method):
    """Slope -1 on the log-log plot, under a bound of the papers' form D^2 / (eta k) with
    D = |z0 - z*| + R (measured: about half of it)."""
    c = gap_curve(method, GAME, Z0, 10_000)
    assert not c.diverged
    assert -1.1 < log_slope(c.k, c.averaged, start=100) < -0.9
    eta = float(method.hyper["eta"])
    assert np.all(c.averaged <= (np.linalg.norm(Z0) + 1.0) ** 2 / (eta * c.k))
    assert c.last[-1] > 20 * c.averaged[-1]                             # the last iterate lags far behind


def test_sim_gda_last_iterate_diverges_on_the_bilinear_game():
    c = gap_curve(methods.sim_gda(0.05), GAME, Z0, 10_000)
    assert c.last[-1] > 1e4 * c.last[0]


@pytest.mark.parametrize("call, err, words", [
    (lambda: bilinear_gap(games.quadratic_2d(1.0, 1.0, 1.0), [0.0, 0.0]), ValueError, "bilinear"),
    (lambda: bilinear_gap(games.lorenz_game(), [0.0, 0.0, 0.0]), TypeError, "game"),
    (lambda: bilinear_gap(GAME, Z0, radius=0.0), ValueError, "radius"),
    (lambda: gap_curve("EG", GAME, Z0, 10), TypeError, "method"),
    (lambda: gap_curve(methods.sim_gda(0.1), GAME, [Z0], 10), ValueError, "z0"),
])
def test_bad_input_is_rejected(call, err, words):
    with pytest.raises(err, match=words):
        call()
