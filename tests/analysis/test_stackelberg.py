"""Stackelberg versus Nash: the closed forms, and the leader never pays more for leading."""

import numpy as np
import pytest

from lecturecode import games
from lecturecode.analysis.stackelberg import leader_follower_game, nash_and_stackelberg


@pytest.mark.parametrize("a, c", [(1.0, 1.0), (0.5, 2.0), (2.0, 0.3)])
def test_the_equilibria_are_the_closed_forms(a, c):
    eq = nash_and_stackelberg(leader_follower_game(a, c))
    x_nash, x_stack = 1 / (1 + a * c), 1 / (1 + 2 * a * c)
    np.testing.assert_allclose(eq.nash, [x_nash, c * x_nash], atol=1e-12)
    np.testing.assert_allclose(eq.stackelberg, [x_stack, c * x_stack], atol=1e-12)
    assert eq.stackelberg_losses[0] <= eq.nash_losses[0]              # leading never hurts the leader
    np.testing.assert_allclose(eq.nash_losses[1], 0, atol=1e-12)      # the follower best responds in both


def test_on_a_zero_sum_strongly_convex_concave_game_they_coincide():
    """The minimax theorem: leading does not help, the Stackelberg point is the saddle point."""
    g = games.quadratic_minimax(1.0, 2.0, 1.0, z_star=[0.3, -0.2])
    eq = nash_and_stackelberg(g)
    np.testing.assert_allclose(eq.nash, [0.3, -0.2], atol=1e-12)
    np.testing.assert_allclose(eq.stackelberg, eq.nash, atol=1e-12)


@pytest.mark.parametrize("call, err, words", [
    (lambda: nash_and_stackelberg("game"), TypeError, "game"),
    (lambda: nash_and_stackelberg(games.lorenz_game()), ValueError, "two-player game with losses"),
    (lambda: nash_and_stackelberg(games.dirac_gan()), ValueError, "quadratic"),
    (lambda: leader_follower_game(np.nan, 1.0), ValueError, "a"),
])
def test_bad_input_is_rejected(call, err, words):
    with pytest.raises(err, match=words):
        call()
