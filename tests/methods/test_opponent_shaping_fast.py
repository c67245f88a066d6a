"""The fused kernels of the iterated games (lecturecode.games._iterated_fused) give the same
numbers, bit for bit, as the closed-form path they replace, on every batch shape, step-size
shape and chunking; they step aside where they do not apply."""

import threading

import numpy as np
import pytest

from lecturecode import games, methods, simulate, train
from lecturecode.games import _iterated_fused as fused
from lecturecode.games.iterated import _sigmoid, _values
from lecturecode.methods._base import scale
from lecturecode.methods.opponent_shaping import _Kernels, _shaping_direction


def reference_step(kind, game, z, delta, lookahead):
    """One step by the unfused closed-form path (loss_gradients_with_jvp and einsum)."""
    delta, lookahead = np.asarray(delta, float), np.asarray(lookahead, float)
    if kind == "naive":
        return z - scale(delta, game.F(z))
    la = lookahead
    if la.ndim:                                  # the generic path broadcasts z itself
        z = np.broadcast_to(z, np.broadcast_shapes(z.shape[:-1], la.shape, delta.shape) + (10,))
    with np.errstate(all="ignore"):
        return z - scale(delta, _shaping_direction(game, z, la, kind == "exact"))


def make(kind, delta, lookahead):
    if kind == "naive":
        return methods.naive_learner(delta)
    return methods.lola(delta, lookahead, form=kind)


CASES = [((), 1.0, 1.0), ((1,), 1.0, 1.0), ((3,), 0.7, 1.3), ((2, 3), 1.0, 1.0), ((100,), 1.0, 1.0),
         ((4,), np.array([[0.5], [1.0], [1.7]]), np.array([[1.2], [1.0], [0.3]])),      # a grid of settings
         ((), 1.0, np.array([0.5, 1.0, 2.0]))]


@pytest.mark.parametrize("kind", ["naive", "exact", "taylor"])
@pytest.mark.parametrize("make_game", [games.ipd, games.imp])
@pytest.mark.parametrize("batch, delta, lookahead", CASES)
def test_a_fused_step_is_bit_identical_to_the_closed_form_path(kind, make_game, batch, delta, lookahead):
    g = make_game()
    z = np.random.default_rng(len(batch)).normal(0.0, 2.0, batch + (10,))
    new = make(kind, delta, lookahead).step(g, z, ())[0]
    old = reference_step(kind, g, z, delta, lookahead)
    assert new.shape == old.shape
    np.testing.assert_array_equal(new, old)


@pytest.mark.parametrize("kind", ["naive", "exact"])
def test_chunked_batches_equal_unchunked_ones(kind, monkeypatch):
    """Batches larger than CHUNK run in chunks (a last, shorter one included): the same numbers."""
    g = games.ipd()
    z = np.random.default_rng(1).standard_normal((23, 10))
    delta = np.linspace(0.5, 1.5, 23)
    whole = make(kind, delta, 1.0).step(g, z, ())[0]
    monkeypatch.setattr(fused, "CHUNK", 5)
    chunked = make(kind, delta, 1.0).step(g, z, ())[0]
    np.testing.assert_array_equal(chunked, whole)
    np.testing.assert_array_equal(whole, reference_step(kind, g, z, delta, 1.0))


def test_a_training_run_is_bit_identical_to_the_closed_form_path():
    """200 steps of a chaotic dynamics: round-off would grow ~2x per step, so only the same
    arithmetic gives the same run (the chapter's seed-by-seed counts depend on it)."""
    g, m = games.ipd(), methods.lola(1.0, 1.0)
    z = np.random.default_rng(0).standard_normal((20, 10))
    run = simulate(m, g, z, 60).z
    for k in range(60):
        z = reference_step("exact", g, z, 1.0, 1.0)
        np.testing.assert_array_equal(run[k + 1], z)


@pytest.mark.parametrize("shape", [(10,), (1, 10), (7, 10), (201, 30, 10), (3, 0, 10)])
def test_fused_values_are_bit_identical(shape, monkeypatch):
    monkeypatch.setattr(fused, "CHUNK", 500)               # several chunks for the largest shape
    for g in (games.ipd(), games.imp()):
        z = np.random.default_rng(2).normal(0.0, 3.0, shape)
        old = _values(_sigmoid(z[..., :5]), _sigmoid(z[..., 5:]), g.payoffs, g.gamma)
        np.testing.assert_array_equal(g.values(z), old)
        assert g.values(z).shape == shape[:-1] + (2,)


def test_train_records_the_same_rewards_and_policies():
    g = games.ipd()
    run = train(methods.lola(1.0, 1.0), g, n_seeds=5, n_steps=10)
    z = run.z
    np.testing.assert_array_equal(run.rewards, (1 - g.gamma) * _values(_sigmoid(z[..., :5]), _sigmoid(z[..., 5:]),
                                                                         g.payoffs, g.gamma))
    np.testing.assert_array_equal(run.probabilities, _sigmoid(z).reshape(z.shape[:-1] + (2, 5)))


def test_the_kernels_step_aside_where_they_do_not_apply():
    g = games.ipd()
    plain = type("Plain", (games.IteratedGame,), {"loss_gradients_with_jvp": games.Game.loss_gradients_with_jvp})
    other = plain(g.name, g.payoffs, g.gamma)
    kernels = _Kernels(np.asarray(1.0), np.asarray(1.0))
    z = np.zeros((3, 10))
    assert kernels.get(g, z)[0] is not None
    assert kernels.get(other, z)[0] is None                  # its own derivatives: the generic path
    assert kernels.get(g, z + 0j)[0] is None                 # a complex step through the method
    assert kernels.get(games.bilinear(1.0), np.zeros(2))[0] is None
    for n in range(10):                                      # a bounded cache
        kernels.get(g, np.zeros((n + 1, 10)))
    assert len(kernels.kept) <= _Kernels.size


def test_threads_keep_their_own_buffers():
    g, m = games.ipd(), methods.lola(1.0, 1.0)
    zs = [np.random.default_rng(k).standard_normal((50, 10)) for k in range(4)]
    want = [reference_step("exact", g, z, 1.0, 1.0) for z in zs]
    got = [None] * 4

    def work(k):
        for _ in range(20):
            got[k] = m.step(g, zs[k], ())[0]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for a, b in zip(got, want):
        np.testing.assert_array_equal(a, b)


def test_diagonal_views_write_through():
    a = np.arange(2 * 3 * 2 * 4.0).reshape(2, 3, 2, 4)
    d, anti = fused._diagonal(a, 0, 2), fused._diagonal(a, 0, 2, anti=True)
    np.testing.assert_array_equal(d, np.stack([a[0, :, 0], a[1, :, 1]], -1))
    np.testing.assert_array_equal(anti, np.stack([a[1, :, 0], a[0, :, 1]], -1))
    anti[...] = -1.0
    assert (a[1, :, 0] == -1).all() and (a[0, :, 1] == -1).all() and (a[0, :, 0] >= 0).all()
