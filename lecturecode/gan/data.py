r"""Toy data sets for GANs: mixtures of isotropic Gaussians in the plane, generated in code.

A :class:`Mixture` has equal weights on ``len(means)`` modes, each an isotropic Gaussian of
standard deviation ``std``. The two classics: the **ring of 8** (modes on a circle, Metz et
al., 2017, the unrolled-GAN paper) and the **3×3 grid**. Nothing is downloaded: samples come
from a seeded generator.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..validation import as_count, as_generator, as_real_array, as_scalar, as_text

__all__ = ["Mixture", "mixture", "ring_of_gaussians", "grid_of_gaussians", "sample_mixture"]


class Mixture(NamedTuple):
    """An equal-weight mixture of isotropic Gaussians.

    Attributes
    ----------
    means : ndarray, shape (n_modes, dim)
    std : float
        Standard deviation of every mode.
    name : str
    """

    means: np.ndarray
    std: float
    name: str

    @property
    def n_modes(self) -> int:
        """Number of modes."""
        return self.means.shape[0]

    def sample(self, n: int, seed=0) -> np.ndarray:
        """``n`` samples, shape ``(n, dim)`` (see :func:`sample_mixture`)."""
        return sample_mixture(self, n, seed)


def _mixture(means, std, name) -> Mixture:
    means = np.array(means, dtype=float)
    means.setflags(write=False)
    return Mixture(means, std, name)


def mixture(means, std: float, name: str = "mixture of Gaussians") -> Mixture:
    """An equal-weight mixture with the given mode centres ``means`` (finite, shape
    ``(n_modes, dim)``) and standard deviation ``std > 0``.

    Examples
    --------
    >>> mixture([[0.0, 0.0], [1.0, 1.0]], 0.1).n_modes
    2
    """
    means = as_real_array(means, "means")
    if means.ndim != 2 or means.shape[0] < 1 or means.shape[1] < 1:
        raise ValueError(f"means must have shape (n_modes, dim), got shape {means.shape}")
    return _mixture(means, as_scalar(std, "std", low=0.0, low_open=True), as_text(name, "name"))


def ring_of_gaussians(n_modes: int = 8, *, radius: float = 2.0, std: float = 0.05) -> Mixture:
    r"""``n_modes`` Gaussians evenly spaced on a circle: mode :math:`k` at
    :math:`r(\cos 2\pi k/n, \sin 2\pi k/n)`.

    Examples
    --------
    >>> ring = ring_of_gaussians()
    >>> ring.n_modes, np.round(ring.means[2], 12).tolist()
    (8, [0.0, 2.0])
    """
    n_modes = as_count(n_modes, "n_modes", low=2)
    radius = as_scalar(radius, "radius", low=0.0, low_open=True)
    std = as_scalar(std, "std", low=0.0, low_open=True)
    angles = 2 * np.pi * np.arange(n_modes) / n_modes
    return _mixture(radius * np.column_stack([np.cos(angles), np.sin(angles)]), std,
                    f"ring of {n_modes} Gaussians")


def grid_of_gaussians(n_side: int = 3, *, spacing: float = 2.0, std: float = 0.05) -> Mixture:
    """``n_side``² Gaussians on a square grid centred at the origin, ``spacing`` apart.

    Examples
    --------
    >>> grid = grid_of_gaussians()
    >>> grid.n_modes, grid.means[0].tolist(), grid.means[-1].tolist()
    (9, [-2.0, -2.0], [2.0, 2.0])
    """
    n_side = as_count(n_side, "n_side", low=1)
    spacing = as_scalar(spacing, "spacing", low=0.0, low_open=True)
    std = as_scalar(std, "std", low=0.0, low_open=True)
    ticks = spacing * (np.arange(n_side) - (n_side - 1) / 2)
    X, Y = np.meshgrid(ticks, ticks, indexing="ij")
    return _mixture(np.column_stack([X.ravel(), Y.ravel()]), std, f"{n_side}×{n_side} grid of Gaussians")


def sample_mixture(mixture: Mixture, n: int, seed=0) -> np.ndarray:
    r"""``n`` independent samples: a uniformly drawn mode plus :math:`\mathcal N(0, \sigma^2 I)`.

    Parameters
    ----------
    mixture : Mixture
    n : int
        Number of samples, ``>= 1``.
    seed : int or numpy.random.Generator

    Examples
    --------
    >>> x = ring_of_gaussians().sample(1000, seed=0)
    >>> x.shape, bool(np.abs(np.linalg.norm(x, axis=1) - 2).max() < 0.3)
    ((1000, 2), True)
    """
    if not isinstance(mixture, Mixture):
        raise TypeError(f"mixture must be a Mixture (ring_of_gaussians, grid_of_gaussians), got {mixture!r}")
    n = as_count(n, "n")
    rng = as_generator(seed)
    return draw(mixture, n, rng)


def draw(mixture: Mixture, n: int, rng: np.random.Generator) -> np.ndarray:
    """Unvalidated sampling for the training loop (see :func:`sample_mixture`)."""
    modes = rng.integers(mixture.n_modes, size=n)
    return mixture.means[modes] + mixture.std * rng.standard_normal((n, mixture.means.shape[1]))

