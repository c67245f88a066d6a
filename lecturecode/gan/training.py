r"""The seeded GAN driver: minibatches, two optimizers, an update order, recorded snapshots.

GAN training is not a deterministic vector field (minibatches, Adam's moments and step
counter, thousands of weights), so it has its own loop rather than
:func:`lecturecode.simulate`. One step, with fresh minibatches of data :math:`x` and noise
:math:`z_D, z_G` and the optimizers' updates :math:`\mathcal U_D, \mathcal U_G`:

* ``order="simultaneous"``: both gradients at the current point,
  :math:`\psi^+ = \psi + \mathcal U_D(\nabla_\psi J_D(\theta, \psi))`,
  :math:`\theta^+ = \theta + \mathcal U_G(\nabla_\theta J_G(\theta, \psi))`;
* ``order="alternating"`` (Goodfellow et al., 2014, Algorithm 1 with one discriminator step):
  the player named by ``first`` moves, then the other one responds at the *new* point, e.g.
  :math:`\theta^+ = \theta + \mathcal U_G(\nabla_\theta J_G(\theta, \psi^+))`;
* ``order="extragradient"`` (Korpelevich, 1976; extra-Adam of Gidel et al., 2019 when the
  optimizers are Adam): a simultaneous look-ahead step to :math:`(\theta^{+1/2}, \psi^{+1/2})`,
  then a simultaneous step *from* :math:`(\theta, \psi)` with the gradients at the look-ahead
  (on fresh minibatches); the optimizers' states advance at both.

With full-batch SGD on the Dirac-GAN these are exactly Sim-GDA and Alt-GDA (a test checks it
step for step against :func:`lecturecode.simulate`), and ``"extragradient"`` is
:func:`lecturecode.methods.extragradient`.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np

from ..methods import tree_leaves, tree_map
from ..validation import as_choice, as_count, as_flag, as_generator, as_real_array, as_scalar
from .mlp import check_params
from .optimizers import Transform, adam
from .setups import GanSetup
from .threads import one_blas_thread

__all__ = ["GanRun", "train_gan", "ORDERS", "FIRST_PLAYERS"]

#: Update orders of :func:`train_gan`.
ORDERS = ("simultaneous", "alternating", "extragradient")
#: Who moves first in an alternating step.
FIRST_PLAYERS = ("discriminator", "generator")


@dataclass(frozen=True, eq=False)
class GanRun:
    """A recorded GAN run (or a batch of runs, one per seed).

    Attributes
    ----------
    steps : ndarray of int, shape (n_snapshots,)
        The steps at which snapshots were taken (0 and the last step included).
    samples : ndarray, shape (n_snapshots, *seeds, n_eval, dim)
        The generator applied to one fixed batch of evaluation noise per seed.
    d_grid : ndarray or None, shape (n_snapshots, *seeds, n_grid, n_grid)
        :math:`D(x)` on the square grid of half-width ``grid_lim`` (row = y, column = x).
    grid_lim : float or None
    params : tuple or None
        ``(params_g, params_d)`` at every snapshot (leading snapshot axis), if recorded.
    final : tuple
        ``(params_g, params_d)`` after the last step.
    diverged : ndarray of bool, shape seeds
        Whether a run's weights left ``[-max_weight, max_weight]`` (its later snapshots are NaN).
    diverged_at : ndarray of int, shape seeds
        First snapshot step at which they had, or ``-1``.
    label : str
    data : Mixture or None
    """

    steps: np.ndarray
    samples: np.ndarray
    d_grid: np.ndarray | None
    grid_lim: float | None
    params: tuple | None
    final: tuple
    diverged: np.ndarray
    diverged_at: np.ndarray
    label: str
    data: object = None

    def snapshot(self, step: int) -> int:
        """Index of the snapshot nearest to ``step``."""
        return int(np.argmin(np.abs(self.steps - as_scalar(step, "step"))))


def _seeds(seed):
    """``(list of generators, batched?)`` from an int, a Generator, or a sequence of ints."""
    if isinstance(seed, (numbers.Integral, np.integer, np.random.Generator)) and not isinstance(seed, bool):
        return [as_generator(seed)], False
    if isinstance(seed, (str, bytes)) or not hasattr(seed, "__iter__"):
        raise TypeError(f"seed must be an int, a numpy.random.Generator or a sequence of ints, got {seed!r}")
    seeds = list(seed)
    if not seeds:
        raise ValueError("seed must name at least one seed")
    return [as_generator(s, "seed entry") for s in seeds], True


def _check_init(init_params, template):
    if not isinstance(init_params, tuple) or len(init_params) != 2:
        raise TypeError("init_params must be a pair (params_g, params_d)")
    checked = []
    for params, like, name in zip(init_params, template, ("params_g", "params_d")):
        params = check_params(params, name) if len(like) % 2 == 0 and len(like) > 1 else tuple(
            as_real_array(p, name) for p in params)
        if len(params) != len(like) or any(p.shape != q.shape for p, q in zip(params, like)):
            raise ValueError(f"init_params: {name} must have the shapes {[q.shape for q in like]} of this "
                             f"setup (mismatched layer sizes), got {[p.shape for p in params]}")
        checked.append(params)
    return tuple(checked)


class _Player:
    """One player's parameters in one flat buffer ``flat`` (shape ``batch + (n,)``), with
    ``params`` the tuple of views of it shaped like the parameters, and its optimizer's step:
    ``step(grads)`` adds the optimizer's update to ``flat`` in place. An optimizer with an
    ``inplace`` form updates the whole buffer in a handful of operations (the gradients are
    first copied into a flat buffer of their own); any other runs its ``fast_update`` on the
    parameter tuple. Both give ``params + updates``, value for value."""

    def __init__(self, params, opt: Transform, batch_shape: tuple):
        sizes = [int(np.prod(p.shape[len(batch_shape):])) for p in params]
        self.flat = np.empty(batch_shape + (sum(sizes),), np.result_type(*params))
        self.params = self._views(self.flat, params, sizes, batch_shape)
        for view, p in zip(self.params, params):
            view[...] = p
        if opt.inplace is not None:
            self.grads = np.empty_like(self.flat)
            self._grad_views = self._views(self.grads, params, sizes, batch_shape)
            self._update = opt.inplace(self.flat)
            self.step = self._step_flat
        else:
            self._state = opt.init(self.params)
            self._fast_update = opt.fast_update or opt.update
            self.step = self._step_tree

    @staticmethod
    def _views(flat, like, sizes, batch_shape):
        views, start = [], 0
        for p, n in zip(like, sizes):
            view = flat[..., start:start + n].reshape(batch_shape + p.shape[len(batch_shape):])
            assert np.shares_memory(view, flat)              # a view, never a copy
            views.append(view)
            start += n
        return tuple(views)

    def _step_flat(self, grads):
        for view, g in zip(self._grad_views, grads):
            np.copyto(view, g)
        np.add(self.flat, self._update(self.grads), out=self.flat)

    def _step_tree(self, grads):
        updates, self._state = self._fast_update(grads, self._state)
        for view, u in zip(self.params, updates):
            np.add(view, u, out=view, casting="unsafe")


def train_gan(setup: GanSetup, *, opt_g: Transform | None = None, opt_d: Transform | None = None,
              order: str = "alternating", first: str = "discriminator", n_steps: int = 2000,
              batch_size: int = 128, seed=0, record_every: int = 50, n_eval: int = 512, grid=None,
              record_params: bool = False, init_params=None, max_weight: float = 1e6) -> GanRun:
    r"""Train ``setup`` with minibatches and record snapshots.

    Parameters
    ----------
    setup : GanSetup
        From :func:`~lecturecode.gan.mlp_gan` or :func:`~lecturecode.gan.dirac_setup`.
    opt_g, opt_d : Transform
        Optimizers of the generator and the discriminator (default Adam, :math:`\eta = 10^{-3}`).
    order : {"simultaneous", "alternating", "extragradient"}
    first : {"discriminator", "generator"}
        Who moves first in an alternating step.
    n_steps, batch_size : int
        Training steps and minibatch size.
    seed : int, numpy.random.Generator, or sequence of int
        A sequence trains one independent run per seed at once (leading batch axis); run
        ``i`` equals the run with ``seed=seeds[i]`` alone.
    record_every : int
        Snapshot period (snapshots at 0, ``record_every``, ..., and ``n_steps``).
    n_eval : int
        Samples per snapshot (the same evaluation noise throughout).
    grid : (float, int), optional
        ``(lim, n)``: also record :math:`D` on an ``n`` × ``n`` grid over ``[-lim, lim]²``.
    record_params : bool
        Keep both players' parameters at every snapshot.
    init_params : (params_g, params_d), optional
        Start from these parameters (e.g. a run's ``final``) instead of ``setup.init``; they
        must have the shapes ``setup.init`` gives, and be finite.
    max_weight : float
        A run whose weights leave ``[-max_weight, max_weight]`` (or become non-finite) at a
        snapshot is flagged as diverged; its later snapshots are NaN.

    Returns
    -------
    GanRun

    Examples
    --------
    >>> from lecturecode.games import dirac_gan
    >>> from lecturecode.gan import dirac_setup, sgd
    >>> run = train_gan(dirac_setup(dirac_gan(loss="wgan"), [1.0, 0.0]), opt_g=sgd(0.1), opt_d=sgd(0.1),
    ...                 order="alternating", first="generator", n_steps=1, record_every=1, n_eval=1)
    >>> run.samples[:, 0, 0]                     # theta: Alt-GDA's first step keeps theta (psi = 0)
    array([1., 1.])
    """
    if not isinstance(setup, GanSetup):
        raise TypeError(f"setup must be a GanSetup (mlp_gan, dirac_setup), got {setup!r}")
    opt_g = adam(1e-3) if opt_g is None else opt_g
    opt_d = adam(1e-3) if opt_d is None else opt_d
    for opt, label in ((opt_g, "opt_g"), (opt_d, "opt_d")):
        if not isinstance(opt, Transform):
            raise TypeError(f"{label} must be an optimizer Transform (sgd, adam), got {opt!r}")
    order, first = as_choice(order, "order", ORDERS), as_choice(first, "first", FIRST_PLAYERS)
    n_steps = as_count(n_steps, "n_steps")
    batch_size = as_count(batch_size, "batch_size")
    record_every = as_count(record_every, "record_every")
    n_eval = as_count(n_eval, "n_eval")
    max_weight = as_scalar(max_weight, "max_weight", low=0.0, low_open=True)
    record_params = as_flag(record_params, "record_params")
    grid_points, grid_lim, n_grid = None, None, 0
    if grid is not None:
        if not isinstance(grid, tuple) or len(grid) != 2:
            raise TypeError(f"grid must be a pair (lim, n), got {grid!r}")
        grid_lim = as_scalar(grid[0], "grid lim", low=0.0, low_open=True)
        n_grid = as_count(grid[1], "grid n", low=2)
        ticks = np.linspace(-grid_lim, grid_lim, n_grid)
        X, Y = np.meshgrid(ticks, ticks)
        grid_points = np.column_stack([X.ravel(), Y.ravel()])
    rngs, batched = _seeds(seed)

    def stack(make):
        parts = [make(r) for r in rngs]
        return tree_map(lambda *leaves: np.stack(leaves), parts[0], *parts[1:]) if batched else parts[0]

    G, D = stack(setup.init)
    if init_params is not None:
        G, D = _check_init(init_params, (G, D))
    eval_noise = stack(lambda r: setup.sample_noise(r, n_eval))
    batch_shape = (len(rngs),) if batched else ()
    # each player's parameters live in one flat buffer (G and D are views of it), updated in place
    players = {"g": _Player(G, opt_g, batch_shape), "d": _Player(D, opt_d, batch_shape)}
    G, D = players["g"].params, players["d"].params
    alive = np.ones(batch_shape, dtype=bool)
    diverged_at = np.full(batch_shape, -1)
    steps, samples, grids, history = [], [], [], []

    def record(k):
        finite = np.ones(batch_shape, dtype=bool)
        for leaf in tree_leaves((G, D)):
            finite &= np.all((np.abs(leaf) <= max_weight).reshape(batch_shape + (-1,)), axis=-1)
        newly = alive & ~finite
        diverged_at[newly] = k
        alive[...] &= finite

        def mask(a, alive=alive):
            return np.where(alive.reshape(batch_shape + (1,) * (a.ndim - len(batch_shape))), a, np.nan)

        steps.append(k)
        samples.append(mask(setup.generate(G, eval_noise)))
        if grid_points is not None:
            grids.append(mask(setup.discriminate(D, grid_points)).reshape(batch_shape + (n_grid, n_grid)))
        if record_params:
            history.append(tree_map(lambda a: np.array(a), (G, D)))

    def minibatches():
        return (stack(lambda r: setup.sample_real(r, batch_size)), stack(lambda r: setup.sample_noise(r, batch_size)),
                stack(lambda r: setup.sample_noise(r, batch_size)))

    def gradients(movers, batch):
        """Each mover's gradient at the current (G, D), all before anyone moves."""
        real, noise_d, noise_g = batch
        return [(m, setup.grads_d(G, D, real, noise_d) if m == "d" else setup.grads_g(G, D, noise_g))
                for m in movers]

    def move(grads):
        for m, g in grads:
            players[m].step(g)

    # the update order as phases of players who move together (at the point the phase starts)
    phases = {"simultaneous": [("d", "g")], "extragradient": [("d", "g")],
              "alternating": [("d",), ("g",)] if first == "discriminator" else [("g",), ("d",)]}[order]
    with np.errstate(all="ignore"), one_blas_thread():
        record(0)
        for k in range(1, n_steps + 1):
            batch = minibatches()
            if order == "extragradient":                     # look ahead, then step from (G, D)
                start = [p.flat.copy() for p in players.values()]
                move(gradients(("d", "g"), batch))
                grads = gradients(("d", "g"), minibatches())   # at the look-ahead, fresh minibatches
                for p, z in zip(players.values(), start):
                    np.copyto(p.flat, z)
                move(grads)
            else:
                for movers in phases:
                    move(gradients(movers, batch))
            if k % record_every == 0 or k == n_steps:
                record(k)

    G, D = (tuple(np.array(p) for p in params) for params in (G, D))
    params = tree_map(lambda *snaps: np.stack(snaps), *history) if record_params else None
    label = f"{setup.name}: {order}" + (f" ({first} first)" if order == "alternating" else "") + \
            f", G {opt_g.name}, D {opt_d.name}"
    return GanRun(np.array(steps), np.stack(samples), np.stack(grids) if grids else None, grid_lim, params,
                  (G, D), diverged_at >= 0, diverged_at, label, setup.data)
