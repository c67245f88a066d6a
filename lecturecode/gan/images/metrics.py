r"""Sample quality of generated digits: a Fréchet distance on classifier features (FID-like) and
class coverage.

**Fréchet distance** (Heusel et al., 2017, on Inception features; here on the penultimate
layer of :func:`~lecturecode.gan.images.digit_classifier`): with the features' means
:math:`\mu_1, \mu_2` and covariances :math:`\Sigma_1, \Sigma_2`,

.. math::

    d^2 = \|\mu_1 - \mu_2\|^2 + \operatorname{tr}\Sigma_1 + \operatorname{tr}\Sigma_2
          - 2 \operatorname{tr}\big(\Sigma_1^{1/2}\Sigma_2\Sigma_1^{1/2}\big)^{1/2},

the squared 2-Wasserstein distance between the two Gaussians. Both square roots are of
symmetric positive semi-definite matrices, so they come from ``eigh`` (no SciPy): the trace
term is :math:`\sum_i \sqrt{\lambda_i}` over the eigenvalues of
:math:`\Sigma_1^{1/2}\Sigma_2\Sigma_1^{1/2}`, which equal those of :math:`\Sigma_1\Sigma_2`.

**Class coverage**: the fraction of samples the classifier assigns to each digit; a digit
counts as produced when its fraction reaches ``threshold`` (default 0.025, a quarter of the
uniform share).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np

from ...validation import as_count, as_generator, as_real_array, as_scalar
from .digits import N_CLASSES, classifier_features, classify, digit_classifier, load_digit_images

__all__ = ["frechet_distance", "digit_fid", "fid_floor", "Coverage", "class_coverage"]


def as_samples(samples, name: str = "samples") -> np.ndarray:
    """Generated images ``(..., n, 64)`` as floats; NaN is allowed (a diverged run's snapshots)."""
    raw = samples if isinstance(samples, np.ndarray) else None
    if raw is None or raw.dtype.kind != "f":
        raw = as_real_array(samples, name)
    x = raw.astype(float)
    if x.ndim < 2 or x.shape[-1] != 64 or x.shape[-2] < 2:
        raise ValueError(f"{name} must have shape (..., n >= 2, 64), got {x.shape}")
    return x


def gaussian_stats(features) -> tuple[np.ndarray, np.ndarray]:
    """Mean and covariance (``ddof=1``) of feature rows ``(..., n, k)``, over the sample axis."""
    f = np.asarray(features, dtype=float)
    mu = f.mean(axis=-2)
    centred = f - mu[..., None, :]
    return mu, np.swapaxes(centred, -1, -2) @ centred / (f.shape[-2] - 1)


def _sqrt_psd(S):
    w, V = np.linalg.eigh(S)
    return (V * np.sqrt(np.clip(w, 0.0, None))[..., None, :]) @ np.swapaxes(V, -1, -2)


def frechet_distance(mu1, cov1, mu2, cov2) -> np.ndarray:
    r"""The squared Fréchet distance between :math:`\mathcal N(\mu_1, \Sigma_1)` and
    :math:`\mathcal N(\mu_2, \Sigma_2)`, vectorised over leading axes.

    Examples
    --------
    >>> I = np.eye(2)
    >>> float(frechet_distance(np.zeros(2), I, np.array([3.0, 4.0]), I))       # means only
    25.0
    >>> float(np.round(frechet_distance(np.zeros(1), np.eye(1), np.zeros(1), 4 * np.eye(1)), 12))
    1.0
    """
    mu1, mu2 = as_real_array(mu1, "mu1"), as_real_array(mu2, "mu2")
    cov1, cov2 = as_real_array(cov1, "cov1"), as_real_array(cov2, "cov2")
    if cov1.shape[-2:] != (mu1.shape[-1],) * 2 or cov2.shape[-2:] != (mu2.shape[-1],) * 2 \
            or mu1.shape[-1] != mu2.shape[-1]:
        raise ValueError(f"mu1, cov1, mu2, cov2 must be (k,), (k, k) of one k, got {mu1.shape}, {cov1.shape}, "
                         f"{mu2.shape}, {cov2.shape}")
    root = _sqrt_psd(cov1)
    inner = np.linalg.eigvalsh(root @ cov2 @ root)
    trace = np.sqrt(np.clip(inner, 0.0, None)).sum(axis=-1)
    d2 = np.sum((mu1 - mu2) ** 2, axis=-1) + np.trace(cov1, axis1=-2, axis2=-1) + \
        np.trace(cov2, axis1=-2, axis2=-1) - 2 * trace
    return np.maximum(d2, 0.0)


@lru_cache(maxsize=1)
def _reference():
    images, _ = load_digit_images()
    return gaussian_stats(classifier_features(digit_classifier(), images))


def digit_fid(samples) -> np.ndarray:
    """FID-like score of generated digits ``(..., n, 64)`` against all 1,797 real digits, on
    the classifier's features; NaN where a sample set contains non-finite pixels (a diverged
    run).

    Examples
    --------
    >>> images, _ = load_digit_images()
    >>> noise = np.random.default_rng(0).uniform(-1, 1, (500, 64))
    >>> bool(digit_fid(images[:500]) < 0.1 * digit_fid(noise))
    True
    """
    x = as_samples(samples)
    bad = ~np.all(np.isfinite(x), axis=(-2, -1))
    x = np.where(bad[..., None, None], 0.0, x)
    mu, cov = gaussian_stats(classifier_features(digit_classifier(), x))
    mu_r, cov_r = _reference()
    return np.where(bad, np.nan, frechet_distance(mu, cov, mu_r, cov_r))


def fid_floor(n: int = 512, seed: int = 0) -> float:
    """The score of ``n`` *real* digits drawn at random (with replacement): the noise floor of a
    sample of that size (a perfect generator scores about this).

    Examples
    --------
    >>> 0 < fid_floor() < 1
    True
    """
    n = as_count(n, "n", low=2, high=100_000)
    rng = as_generator(seed)
    images, _ = load_digit_images()
    return float(digit_fid(images[rng.integers(0, len(images), n)]))


class Coverage(NamedTuple):
    """Which digits a sample set contains.

    Attributes
    ----------
    fractions : ndarray, shape (..., 10)
        Share of the samples classified as each digit.
    covered : ndarray of int, shape (...)
        Number of digits whose share reaches the threshold.
    """

    fractions: np.ndarray
    covered: np.ndarray


def class_coverage(samples, threshold: float = 0.025) -> Coverage:
    """Digits present among ``samples`` ``(..., n, 64)`` by the classifier.

    Examples
    --------
    >>> images, _ = load_digit_images()
    >>> int(class_coverage(images[:500]).covered), int(class_coverage(np.tile(images[:1], (50, 1))).covered)
    (10, 1)
    """
    x = as_samples(samples)
    threshold = as_scalar(threshold, "threshold", low=0.0, high=1.0, low_open=True)
    bad = ~np.all(np.isfinite(x), axis=(-2, -1))
    labels = classify(digit_classifier(), np.where(bad[..., None, None], 0.0, x))
    fractions = (labels[..., None] == np.arange(N_CLASSES)).mean(axis=-2)
    fractions = np.where(bad[..., None], 0.0, fractions)
    return Coverage(fractions, (fractions >= threshold).sum(axis=-1))
