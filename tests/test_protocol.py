"""One game protocol: every game offers the same attributes, and its F and J are plain math
that autodiff traces and complex numbers pass through."""

import autograd
import autograd.numpy as anp
import numpy as np
import pytest

from lecturecode import games, simulate
from lecturecode.methods import sim_gda

NAMED_GAMES = {
    "quadratic 2-D": lambda: games.quadratic_2d(1.0, 10.0, 1.0),
    "shifted quadratic": lambda: games.quadratic_minimax([[2.0, 0.5], [0.5, 1.0]], [[1.0], [-2.0]], 3.0,
                                                         z_star=[1.0, -1.0, 0.5]),
    "bilinear": lambda: games.bilinear(3.0),
    "worst case": lambda: games.worst_case_game(1.0, 10.0, n_blocks=4),
    "random quadratic": lambda: games.random_quadratic_game(0.5, 4.0, 2, 3, seed=1),
    "symmetric part": lambda: games.worst_case_game(1.0, 5.0, n_blocks=3).symmetric_part(),
    "linear 3-player": lambda: games.linear_game([[1.0, 2.0, 0.0], [-2.0, 1.0, 3.0], [0.0, -3.0, 1.0]], (1, 1, 1)),
    "jacobi splitting": lambda: games.jacobi_splitting([[4.0, 1.0, 1.0], [1.0, 3.0, 0.5], [1.0, 0.5, 5.0]]),
    "matching pennies": games.matching_pennies,
    "prisoner's dilemma": games.prisoners_dilemma,
    "lorenz": games.lorenz_game,
    "double well": games.double_well_game,
    "dirac-gan": games.dirac_gan,
    "dirac-gan R1": lambda: games.dirac_gan(loss="non_saturating", r1=0.3),
    "iterated prisoner's dilemma": games.ipd,
    "iterated matching pennies": games.imp,
    "minimax from f": lambda: games.minimax_game(lambda z: z[0] ** 3 + z[0] * z[1] - z[1] ** 2, 1, 1),
    "vectorised losses": lambda: games.game_from_losses(
        lambda z: anp.stack([z[..., 0] ** 2 * z[..., 1], z[..., 1] ** 2 - z[..., 0]], axis=-1), (1, 1),
        vectorized=True),
}


def points(game, n=5, seed=0):
    rng = np.random.default_rng(seed)
    if game.lower is not None:
        return rng.uniform(0.1, 0.9, (n, game.d))
    return rng.normal(0.0, 1.5, (n, game.d))


@pytest.mark.parametrize("name", NAMED_GAMES)
def test_every_game_offers_the_protocol(name):
    g = NAMED_GAMES[name]()
    assert isinstance(g, games.Game)
    assert isinstance(g.name, str) and g.name
    assert all(isinstance(n, int) and n >= 1 for n in g.dims) and g.d == sum(g.dims)
    assert isinstance(g.zero_sum, bool)
    assert g.z_star is None or np.shape(g.z_star) == (g.d,)
    assert (g.lower is None) == (g.upper is None)
    assert g.losses is None or callable(g.losses)
    assert g.mu is None or np.isfinite(g.mu)
    z = points(g)
    np.testing.assert_array_equal(g.project(z), z)                 # inside the box: untouched
    assert g.F(z).shape == z.shape and g.J(z).shape == z.shape + (g.d,)
    for point in g.critical_points.values():
        np.testing.assert_allclose(g.F(point), 0.0, atol=1e-12)


@pytest.mark.parametrize("name", NAMED_GAMES)
def test_autograd_jacobian_of_F_is_J(name):
    g = NAMED_GAMES[name]()
    for z in points(g):
        np.testing.assert_allclose(autograd.jacobian(g.F)(z), g.J(z), rtol=1e-12, atol=1e-12)


#: games whose F is a closed form (the others get F itself from autograd, which takes real input)
CLOSED_FORMS = [n for n in NAMED_GAMES if n not in ("minimax from f", "vectorised losses")]


@pytest.mark.parametrize("name", CLOSED_FORMS)
def test_complex_step_of_F_is_J_times_v(name):
    """Im F(z + i h v) / h = J(z) v to machine precision (no subtraction, so h can be tiny)."""
    g = NAMED_GAMES[name]()
    rng = np.random.default_rng(1)
    h = 1e-30
    for z in points(g):
        v = rng.standard_normal(g.d)
        np.testing.assert_allclose(g.F(z + 1j * h * v).imag / h, g.J(z) @ v, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", [n for n in NAMED_GAMES if NAMED_GAMES[n]().losses is not None])
def test_F_stacks_each_players_own_gradient_of_its_loss(name):
    g = NAMED_GAMES[name]()
    blocks = games.player_slices(g.dims)
    for z in points(g, n=3):
        own = [autograd.grad(lambda w, i=i: g.losses(w)[..., i])(z)[b] for i, b in enumerate(blocks)]
        np.testing.assert_allclose(g.F(z), np.concatenate(own), rtol=1e-12, atol=1e-12)


WITH_LOSS_GRADIENTS = [n for n in NAMED_GAMES if NAMED_GAMES[n]().loss_gradients is not None]


@pytest.mark.parametrize("name", WITH_LOSS_GRADIENTS)
def test_loss_gradients_are_the_autograd_gradients_of_the_losses(name):
    """G[i] = ∇ f_i (all of z), its own blocks are F, a stacked call with ``players`` picks rows,
    and the protocol's jvp (complex step or closed form) is autograd's Hessian-vector product."""
    g = NAMED_GAMES[name]()
    rng = np.random.default_rng(2)
    for z in points(g, n=3):
        G = g.loss_gradients(z)
        full = [autograd.grad(lambda w, i=i: g.losses(w)[..., i])(z) for i in range(g.n_players)]
        np.testing.assert_allclose(G, np.stack(full), rtol=1e-12, atol=1e-12)
        blocks = games.player_slices(g.dims)
        np.testing.assert_allclose(np.concatenate([G[i, b] for i, b in enumerate(blocks)]), g.F(z), atol=1e-12)
        two = np.stack([z, 2 * z])
        np.testing.assert_allclose(g.loss_gradients(two, players=(1, 0)),
                                   [G[1], g.loss_gradients(2 * z)[0]], rtol=1e-12, atol=1e-12)
        v = rng.standard_normal(g.d)
        _, jvp = g.loss_gradients_with_jvp(z)
        hvp = [autograd.grad(lambda w, i=i, v=v: np.dot(autograd.grad(lambda u: g.losses(u)[..., i])(w), v))(z)
               for i in range(g.n_players)]
        np.testing.assert_allclose(jvp(v), np.stack(hvp), rtol=1e-10, atol=1e-12)
        # the linear model keeps the loss Hessians at its expansion point
        np.testing.assert_allclose(games.linearize(g, z).loss_gradients(v), jvp(v), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("name", NAMED_GAMES)
def test_resolvent_solves_the_implicit_step(name):
    """w + eta F(w) = z: exact for linear games (any step), Newton otherwise (steps with eta ||J|| < 1,
    where the implicit equation has a unique nearby solution)."""
    g = NAMED_GAMES[name]()
    z = points(g, n=4)
    linear = isinstance(g, (games.QuadraticMinimax, games.LinearGame))
    eta = np.array([0.01, 0.1, 1.0, 10.0]) if linear else np.array([1e-3, 3e-3, 1e-2, 2e-2])
    w, ok = g.resolvent(z, eta)
    assert ok.shape == (4,) and ok.all(), name
    np.testing.assert_allclose(w + eta[:, None] * g.F(w), z, atol=1e-10)


def test_newton_resolvent_reports_failure_instead_of_returning_garbage():
    """Lorenz with a huge step has no nearby solution Newton can reach in 3 iterations."""
    w, ok = games.lorenz_game().resolvent(np.array([[1.0, 1.0, 1.0], [5.0, -3.0, 20.0]]), 50.0, max_iter=3)
    assert not ok.all()
    assert np.all(np.isnan(w[~ok]))


def test_vector_fields_are_not_validated_but_entry_points_are():
    """F is plain math (complex and boxes pass); simulate/value/linearize check what users hand in."""
    g = games.matching_pennies()
    g.F(np.array([1.5, -0.5]))                                       # outside the box: plain math
    with pytest.raises(ValueError, match="z0 must lie in the strategy box"):
        simulate(sim_gda(0.1), g, [1.5, 0.5], 3)
    with pytest.raises(ValueError, match="z_star must be a single point"):
        games.linearize(g, [[0.5, 0.5], [0.5, 0.5]])


def test_trajectory_distance_measures_to_the_games_solution():
    g = games.quadratic_minimax(1.0, 1.0, 1.0, z_star=[2.0, -1.0])
    run = simulate(sim_gda(0.3), g, [0.0, 0.0], 200)
    assert run.distance()[0] == pytest.approx(np.sqrt(5.0))
    assert run.distance()[-1] < 1e-8
    assert run.distance([0.0, 0.0])[0] == 0.0


def test_linear_game_factory_validates():
    with pytest.raises(ValueError, match="dims must be positive integers summing to d=3"):
        games.linear_game(np.eye(3), (1, 1))
    with pytest.raises(ValueError, match="zero_sum=True needs a two-player game"):
        games.linear_game(np.eye(3), (1, 1, 1), zero_sum=True)
    with pytest.raises(ValueError, match="nonzero diagonal"):
        games.jacobi_splitting([[0.0, 1.0], [1.0, 2.0]])
