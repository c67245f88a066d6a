r"""GANs on real images: the 8×8 digits scikit-learn ships, an MLP image GAN trained by the one
driver :func:`~lecturecode.gan.train_gan` with the book's update rules, an FID-like metric on a
small digit classifier, and the recorded study of the chapter.

Modules
-------
digits      the images (scikit-learn, imported lazily) and the metric's classifier
metrics     Fréchet distance on classifier features, class coverage
networks    the image GAN as a :class:`~lecturecode.gan.GanSetup`
transforms  optimism, heavy-ball (negative) momentum and per-run step sizes as optimizer transforms
study       every method over step sizes × seeds, recorded once

The study's figures are in :mod:`lecturecode.plot.image_gan` and its explorer's view in
:mod:`lecturecode.views.image_gan` (the numerics here need no matplotlib).
"""

from .digits import (IMAGE_SHAPE, N_CLASSES, DigitClassifier, classifier_features, classify, digit_classifier,
                     load_digit_images)
from .metrics import Coverage, class_coverage, digit_fid, fid_floor, frechet_distance
from .networks import DTYPES, digits_gan
from .study import (DEFAULT_METHODS, METHODS, STEP_SIZES, ImageStudy, best_eta_index, cache_path, image_study,
                    record_study)
from .transforms import HeavyBallState, OptimisticState, heavy_ball, optimistic, per_run

__all__ = [
    "IMAGE_SHAPE", "N_CLASSES", "DigitClassifier", "load_digit_images", "digit_classifier", "classifier_features",
    "classify",
    "Coverage", "frechet_distance", "digit_fid", "fid_floor", "class_coverage",
    "DTYPES", "digits_gan",
    "OptimisticState", "HeavyBallState", "optimistic", "heavy_ball", "per_run",
    "METHODS", "DEFAULT_METHODS", "STEP_SIZES", "ImageStudy", "record_study", "image_study", "cache_path",
    "best_eta_index",
]
