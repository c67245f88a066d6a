r"""What the GAN driver trains: a :class:`GanSetup` bundles the two players' initial parameters,
the gradients of their costs, and how to draw data and noise.

* :func:`mlp_gan`: MLP generator and discriminator on a 2-D :class:`~lecturecode.gan.data.Mixture`,
  with closed-form backpropagation (``backend="numpy"``) or ``autograd`` (``backend="autograd"``,
  the reference the benchmark times it against).
* :func:`dirac_setup`: the Dirac-GAN game (:func:`lecturecode.games.dirac_gan`) seen by the
  driver, its gradients read from the game's own ``F``; the test that the driver's full-batch
  SGD reproduces :func:`lecturecode.simulate` step for step rests on it.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import autograd.numpy as anp
import numpy as np
from autograd import grad

from ..games import DiracGAN
from ..validation import as_choice, as_count, as_scalar
from .costs import _discriminator_cost, _generator_cost, _generator_cost_grad, check_cost, sigmoid
from .data import Mixture, draw
from .mlp import _mlp_apply, _mlp_backward, _mlp_forward, check_activation, init_mlp

__all__ = ["GanSetup", "mlp_gan", "dirac_setup", "BACKENDS", "DTYPES"]

#: How :func:`mlp_gan` differentiates: closed-form backpropagation or autograd.
BACKENDS = ("numpy", "autograd")
#: Floating-point types :func:`mlp_gan` trains in (weights, data and noise).
DTYPES = ("float64", "float32")


class GanSetup(NamedTuple):
    """A GAN as the driver :func:`~lecturecode.gan.train_gan` sees it.

    Attributes
    ----------
    name : str
    init : callable
        ``init(rng) -> (params_g, params_d)``, tuples of arrays.
    grads_d : callable
        ``grads_d(params_g, params_d, real, noise)``: gradient of the discriminator's cost.
    grads_g : callable
        ``grads_g(params_g, params_d, noise)``: gradient of the generator's cost.
    sample_real, sample_noise : callable
        ``(rng, n) -> (n, dim)`` draws of data and of the generator's input noise.
    generate : callable
        ``generate(params_g, noise) -> samples``.
    discriminate : callable
        ``discriminate(params_d, x) -> D(x)``, the probability that ``x`` is real.
    data : Mixture or None
        The data distribution (for the mode metrics).
    cost : str
        The generator's cost.
    """

    name: str
    init: Callable
    grads_d: Callable
    grads_g: Callable
    sample_real: Callable
    sample_noise: Callable
    generate: Callable
    discriminate: Callable
    data: Mixture | None
    cost: str


def autograd_gradients(d_objective, g_objective):
    """A setup's ``grads_d``, ``grads_g`` from its players' objectives
    ``d_objective(D, G, real, noise)`` and ``g_objective(G, D, noise)``, by autograd: the
    reference backend that the closed-form gradients are checked against."""
    d_grad, g_grad = grad(d_objective), grad(g_objective)

    def grads_d(G, D, real, noise):
        return tuple(d_grad(D, G, real, noise))

    def grads_g(G, D, noise):
        return tuple(g_grad(G, D, noise))

    return grads_d, grads_g


def mlp_gan(data: Mixture, *, cost: str = "non_saturating", hidden: tuple = (64, 64), noise_dim: int = 2,
            activation: str = "tanh", backend: str = "numpy", dtype: str = "float64") -> GanSetup:
    r"""An MLP generator :math:`G: \mathbb R^{n_z} \to \mathbb R^2` and discriminator
    :math:`D = \sigma(\ell)`, :math:`\ell: \mathbb R^2 \to \mathbb R`, both with hidden
    widths ``hidden``, on the mixture ``data``; noise :math:`z \sim \mathcal N(0, I)`.

    The discriminator minimises :math:`J_D` and the generator its ``cost``
    (:mod:`lecturecode.gan.costs`), averaged over the minibatch.

    ``dtype`` (``"float64"``, the default, or ``"float32"``) is the type of the weights and of
    every minibatch: the weights are drawn by :func:`~lecturecode.gan.init_mlp` and the data and
    noise in float64 from the same seed, then rounded, so a float32 run sees the same
    minibatches as the float64 run, in lower precision (about twice as fast per step).

    Examples
    --------
    >>> from lecturecode.gan.data import ring_of_gaussians
    >>> setup = mlp_gan(ring_of_gaussians(), hidden=(16,))
    >>> G, D = setup.init(np.random.default_rng(0))
    >>> setup.generate(G, np.zeros((3, 2))).shape
    (3, 2)
    """
    if not isinstance(data, Mixture):
        raise TypeError(f"data must be a Mixture (ring_of_gaussians, grid_of_gaussians), got {data!r}")
    cost = check_cost(cost)
    if isinstance(hidden, (str, bytes, dict)) or not hasattr(hidden, "__iter__"):
        raise TypeError(f"hidden must be a sequence of layer widths, got {hidden!r}")
    hidden = tuple(as_count(n, "hidden entry") for n in hidden)
    noise_dim = as_count(noise_dim, "noise_dim")
    activation = check_activation(activation)
    backend = as_choice(backend, "backend", BACKENDS)
    dtype = np.dtype(as_choice(dtype, "dtype", DTYPES))
    dim = data.means.shape[1]
    sizes_g, sizes_d = (noise_dim, *hidden, dim), (dim, *hidden, 1)

    def init(rng):
        return tuple(tuple(p.astype(dtype, copy=False) for p in init_mlp(sizes, rng)) for sizes in (sizes_g, sizes_d))

    def generate(G, noise):
        return _mlp_forward(G, noise, activation)[0]

    def discriminate(D, x):
        return sigmoid(_mlp_forward(D, x, activation)[0][..., 0])

    if backend == "numpy":
        def grads_d(G, D, real, noise):
            fake = _mlp_forward(G, noise, activation)[0]
            n = real.shape[-2]
            if real.shape != fake.shape:
                real, fake = np.broadcast_arrays(real, fake)
            logits, cache = _mlp_forward(D, np.concatenate([real, fake], axis=-2), activation)
            # the logit's gradient, -σ(-ℓ) on the real samples and σ(ℓ) on the fakes, over n
            t = logits[..., 0]
            t[..., :n] *= -1
            g = sigmoid(t)
            g[..., :n] *= -1
            g /= n
            return _mlp_backward(D, cache, g[..., None], activation, input_grad=False)[0]

        def grads_g(G, D, noise):
            fake, cache_g = _mlp_forward(G, noise, activation)
            logits, cache_d = _mlp_forward(D, fake, activation)
            g = _generator_cost_grad(logits, cost) / noise.shape[-2]
            g_x = _mlp_backward(D, cache_d, g, activation, param_grads=False)[1]
            return _mlp_backward(G, cache_g, g_x, activation, input_grad=False)[0]
    else:
        def d_objective(D, G, real, noise):
            fake = _mlp_apply(G, noise, activation)
            return anp.sum(_discriminator_cost(_mlp_apply(D, real, activation)[..., 0],
                                              _mlp_apply(D, fake, activation)[..., 0]))

        def g_objective(G, D, noise):
            logits = _mlp_apply(D, _mlp_apply(G, noise, activation), activation)[..., 0]
            return anp.sum(anp.mean(_generator_cost(logits, cost), axis=-1))

        grads_d, grads_g = autograd_gradients(d_objective, g_objective)

    return GanSetup(f"MLP GAN on the {data.name} ({cost.replace('_', '-')})", init, grads_d, grads_g,
                    lambda rng, n: draw(data, n, rng).astype(dtype, copy=False),
                    lambda rng, n: rng.standard_normal((n, noise_dim)).astype(dtype, copy=False),
                    generate, discriminate, data, cost)


def dirac_setup(game: DiracGAN, z0) -> GanSetup:
    r"""The Dirac-GAN as a :class:`GanSetup`: the generator's parameter is :math:`\theta`,
    the discriminator's :math:`\psi`, started at ``z0 = (theta0, psi0)``; the gradients are
    the game's field, :math:`F_\theta` for the generator and :math:`F_\psi` for the
    discriminator (data :math:`\delta_0` and noise play no role).

    Examples
    --------
    >>> from lecturecode.games import dirac_gan
    >>> setup = dirac_setup(dirac_gan(loss="wgan"), [1.0, 2.0])
    >>> G, D = setup.init(None)
    >>> setup.grads_g(G, D, None), setup.grads_d(G, D, None, None)
    ((array([2.]),), (array([-1.]),))
    """
    if not isinstance(game, DiracGAN):
        raise TypeError(f"game must be a Dirac-GAN (lecturecode.games.dirac_gan), got {game!r}")
    z0 = game.check_points(z0, "z0")
    if z0.shape != (2,):
        raise ValueError(f"z0 must be one point (theta0, psi0), got shape {z0.shape}")
    theta0, psi0 = as_scalar(z0[0], "theta0"), as_scalar(z0[1], "psi0")

    def field(G, D):
        return game.F(np.stack([G[0][..., 0], D[0][..., 0]], axis=-1))

    return GanSetup(game.name, lambda rng: ((np.array([theta0]),), (np.array([psi0]),)),
                    lambda G, D, real, noise: (field(G, D)[..., 1:],),
                    lambda G, D, noise: (field(G, D)[..., :1],),
                    lambda rng, n: np.zeros((n, 1)), lambda rng, n: np.zeros((n, 1)),
                    lambda G, noise: noise + G[0][..., None, :],
                    lambda D, x: sigmoid(-D[0][..., None, :] * x)[..., 0], None, game.loss)
