r"""Real images on the CPU: the 1,797 8×8 handwritten digits that scikit-learn ships, and a small
digit classifier trained once, whose features the quality metrics use.

The images come from :func:`sklearn.datasets.load_digits` (grey levels 0–16, read from a file
inside the scikit-learn package: nothing is downloaded). scikit-learn is imported only here,
lazily, so the rest of :mod:`lecturecode` runs without it. Pixels are rescaled to
:math:`[-1, 1]`, the range of the generator's :math:`\tanh` output.

The classifier is a one-hidden-layer MLP (:mod:`lecturecode.gan.mlp`, 64 → 32 :math:`\tanh`
→ 10 logits) trained by full-batch Adam on the softmax cross-entropy, whose gradient with
respect to the logits is :math:`(\mathrm{softmax}(\ell) - e_y)/n`. It is seeded and trained once
per process (cached).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np

from ..mlp import init_mlp, mlp_backward, mlp_forward
from ..optimizers import adam, apply_updates
from ...validation import as_real_array
from ..threads import one_blas_thread

__all__ = ["load_digit_images", "DigitClassifier", "digit_classifier", "classifier_features",
           "classify", "N_CLASSES", "IMAGE_SHAPE"]

#: The ten digits.
N_CLASSES = 10
#: Height and width of one image.
IMAGE_SHAPE = (8, 8)


@lru_cache(maxsize=1)
def _digits():
    try:
        from sklearn.datasets import load_digits
    except ImportError as err:          # only this section needs it: say what to install
        raise ImportError("the image-GAN section needs scikit-learn for its 8x8 digits "
                          "(pip install scikit-learn; it ships the images, nothing is downloaded)") from err
    bunch = load_digits()
    images = np.asarray(bunch.data, dtype=float) / 8.0 - 1.0
    labels = np.asarray(bunch.target, dtype=int)
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


def load_digit_images() -> tuple[np.ndarray, np.ndarray]:
    """The 1,797 digits as rows of 64 pixels in :math:`[-1, 1]`, and their labels 0–9.

    Examples
    --------
    >>> images, labels = load_digit_images()
    >>> images.shape, float(images.min()), float(images.max()), sorted(set(labels.tolist())) == list(range(10))
    ((1797, 64), -1.0, 1.0, True)
    """
    return _digits()


class DigitClassifier(NamedTuple):
    """The trained classifier.

    Attributes
    ----------
    params : tuple
        MLP parameters (64 → hidden → 10).
    train_accuracy, test_accuracy : float
        Accuracy on the training images and on the held-out ones.
    test_index : ndarray of int
        The held-out images (never trained on).
    """

    params: tuple
    train_accuracy: float
    test_accuracy: float
    test_index: np.ndarray


def classifier_features(clf: DigitClassifier, x) -> np.ndarray:
    r"""The penultimate (hidden) layer of the classifier on images ``x`` (``(..., n, 64)``),
    the features of the Fréchet distance.

    Examples
    --------
    >>> images, _ = load_digit_images()
    >>> classifier_features(digit_classifier(), images[:5]).shape
    (5, 32)
    """
    clf = _check_classifier(clf)
    return mlp_forward(clf.params, _images(x))[1][-1]


def classify(clf: DigitClassifier, x) -> np.ndarray:
    """The predicted digit of each image in ``x``.

    Examples
    --------
    >>> images, labels = load_digit_images()
    >>> bool((classify(digit_classifier(), images[:100]) == labels[:100]).mean() > 0.9)
    True
    """
    clf = _check_classifier(clf)
    return np.argmax(mlp_forward(clf.params, _images(x))[0], axis=-1)


def _images(x, name: str = "x") -> np.ndarray:
    x = as_real_array(x, name)
    if x.ndim < 2 or x.shape[-1] != 64 or x.shape[-2] == 0:
        raise ValueError(f"{name} must hold images as rows of 64 pixels, shape (..., n >= 1, 64), got {x.shape}")
    return x


def _check_classifier(clf):
    if not isinstance(clf, DigitClassifier):
        raise TypeError(f"clf must be a DigitClassifier (digit_classifier()), got {type(clf).__name__}")
    return clf


@lru_cache(maxsize=4)
def _train(hidden: int, n_steps: int, seed: int) -> DigitClassifier:
    images, labels = load_digit_images()
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(labels))
    test_index, train_index = np.sort(order[:297]), np.sort(order[297:])
    x, y = images[train_index], labels[train_index]
    onehot = np.eye(N_CLASSES)[y]
    params = init_mlp((images.shape[1], hidden, N_CLASSES), rng)
    opt = adam(0.01, b1=0.9)
    state = opt.init(params)
    with one_blas_thread():
        for _ in range(n_steps):
            logits, cache = mlp_forward(params, x)
            p = np.exp(logits - logits.max(axis=-1, keepdims=True))
            p /= p.sum(axis=-1, keepdims=True)
            grads = mlp_backward(params, cache, (p - onehot) / len(y))[0]
            updates, state = opt.update(grads, state)
            params = apply_updates(params, updates)
    clf = DigitClassifier(params, 0.0, 0.0, test_index)
    train_acc = float(np.mean(classify(clf, x) == y))
    test_acc = float(np.mean(classify(clf, images[test_index]) == labels[test_index]))
    return clf._replace(train_accuracy=train_acc, test_accuracy=test_acc)


def digit_classifier() -> DigitClassifier:
    r"""The metric's classifier: 64 → 32 :math:`\tanh` → 10, 300 full-batch Adam steps
    (:math:`\eta = 0.01`, :math:`\beta_1 = 0.9`) on 1,500 of the digits, seed 0; 297 are held
    out. Trained once per process.

    Examples
    --------
    >>> clf = digit_classifier()
    >>> clf.test_accuracy > 0.9, len(clf.test_index)
    (True, 297)
    """
    return _train(32, 300, 0)
