r"""The image GAN: an MLP generator of 8×8 digits and an MLP discriminator, as a
:class:`~lecturecode.gan.GanSetup` that the one driver :func:`~lecturecode.gan.train_gan` trains.

Generator :math:`G(z) = \tanh(g(z))`, :math:`z \sim \mathcal N(0, I_{n_z})`, with :math:`g` an
MLP ``n_z → hidden → 64`` (leaky ReLU hidden units, a DCGAN-style :math:`\tanh` output in the
pixels' range :math:`[-1, 1]`); discriminator :math:`D = \sigma(\ell)` with :math:`\ell` an MLP
``64 → hidden → 1``. The costs are those of :mod:`lecturecode.gan.costs` (default the
non-saturating generator cost), averaged over the minibatch; real minibatches are drawn with
replacement from the 1,797 digits.

Gradients are closed-form backpropagation (:func:`~lecturecode.gan.mlp_backward`) through
:math:`\ell`, then through :math:`\tanh` (:math:`\bar g = \bar x \odot (1 - x^2)`), then through
:math:`g`; ``backend="autograd"`` differentiates the same costs written with
``autograd.numpy`` (the tests check that both agree).
"""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np

from ...validation import as_count, as_text
from ..costs import _discriminator_cost, _generator_cost, _generator_cost_grad, check_cost, sigmoid
from ..mlp import _mlp_apply, _mlp_backward, _mlp_forward, init_mlp
from ..setups import BACKENDS, GanSetup, autograd_gradients
from .digits import load_digit_images

__all__ = ["digits_gan", "DTYPES"]

#: Floating-point types of :func:`digits_gan`.
DTYPES = ("float32", "float64")

_ACT = "leaky_relu"


def digits_gan(*, hidden: int = 64, noise_dim: int = 16, cost: str = "non_saturating",
               backend: str = "numpy", dtype: str = "float32") -> GanSetup:
    r"""The image GAN on the 8×8 digits (see the module docstring); weights drawn by
    :func:`~lecturecode.gan.init_mlp` from the run's seed, then held (with data and noise) in
    ``dtype``, ``"float32"`` (the default, as in deep-learning practice) or ``"float64"``.

    Examples
    --------
    >>> setup = digits_gan(hidden=16)
    >>> G, D = setup.init(np.random.default_rng(0))
    >>> x = setup.generate(G, np.zeros((3, 16)))
    >>> x.shape, bool(np.all(np.abs(x) < 1))
    ((3, 64), True)
    >>> [g.shape for g in setup.grads_d(G, D, x, np.zeros((3, 16)))]
    [(64, 16), (16,), (16, 1), (1,)]
    """
    hidden = as_count(hidden, "hidden")
    noise_dim = as_count(noise_dim, "noise_dim")
    cost = check_cost(cost)
    backend = as_text(backend, "backend")
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {list(BACKENDS)}, got {backend!r}")
    dtype = as_text(dtype, "dtype")
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {list(DTYPES)}, got {dtype!r}")
    images = load_digit_images()[0].astype(dtype)
    sizes_g, sizes_d = (noise_dim, hidden, 64), (64, hidden, 1)

    def init(rng):
        return tuple(tuple(p.astype(dtype) for p in init_mlp(sizes, rng)) for sizes in (sizes_g, sizes_d))

    def generate(G, noise):
        return np.tanh(_mlp_forward(G, noise, _ACT)[0])

    def discriminate(D, x):
        return sigmoid(_mlp_forward(D, x, _ACT)[0][..., 0])

    def sample_real(rng, n):
        return images[rng.integers(0, len(images), n)]

    def sample_noise(rng, n):
        return rng.standard_normal((n, noise_dim), dtype=dtype)

    if backend == "numpy":
        def grads_d(G, D, real, noise):
            fake = generate(G, noise)
            n = real.shape[-2]
            real, fake = np.broadcast_arrays(real, fake)
            logits, cache = _mlp_forward(D, np.concatenate([real, fake], axis=-2), _ACT)
            ell = logits[..., 0]
            g = np.concatenate([-sigmoid(-ell[..., :n]), sigmoid(ell[..., n:])], axis=-1) / n
            return _mlp_backward(D, cache, g[..., None], _ACT)[0]

        def grads_g(G, D, noise):
            pre, cache_g = _mlp_forward(G, noise, _ACT)
            fake = np.tanh(pre)
            logits, cache_d = _mlp_forward(D, fake, _ACT)
            g = _generator_cost_grad(logits, cost).astype(logits.dtype, copy=False) / noise.shape[-2]
            g_x = _mlp_backward(D, cache_d, g, _ACT, param_grads=False)[1]
            return _mlp_backward(G, cache_g, g_x * (1.0 - fake * fake), _ACT)[0]
    else:
        def fake_of(G, noise):
            return anp.tanh(_mlp_apply(G, noise, _ACT))

        def d_objective(D, G, real, noise):
            return anp.sum(_discriminator_cost(_mlp_apply(D, real, _ACT)[..., 0],
                                              _mlp_apply(D, fake_of(G, noise), _ACT)[..., 0]))

        def g_objective(G, D, noise):
            logits = _mlp_apply(D, fake_of(G, noise), _ACT)[..., 0]
            return anp.sum(anp.mean(_generator_cost(logits, cost), axis=-1))

        grads_d, grads_g = autograd_gradients(d_objective, g_objective)

    return GanSetup(f"MLP GAN on the 8×8 digits ({cost.replace('_', '-')})", init, grads_d, grads_g,
                    sample_real, sample_noise, generate, discriminate, None, cost)
