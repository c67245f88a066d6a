"""Hypothesis strategies for games (shared by the property tests)."""

from hypothesis import strategies as st

from lecturecode.games import random_quadratic_game

#: (mu, L) pairs with 0 < mu <= L and a moderate condition number
constants = st.tuples(st.floats(0.05, 2.0), st.floats(1.0, 30.0)).map(lambda t: (t[0], t[0] * t[1]))
dims = st.integers(1, 4)
seeds = st.integers(0, 2**32 - 1)


@st.composite
def quadratic_games(draw):
    """Random quadratic minimax games with known mu and L (and random player dimensions)."""
    mu, L = draw(constants)
    return random_quadratic_game(mu, L, n_x=draw(dims), n_y=draw(dims), seed=draw(seeds)), mu, L
