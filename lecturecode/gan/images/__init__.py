r"""GANs on real images: the 8×8 digits scikit-learn ships, an MLP image GAN trained by the one
driver :func:`~lecturecode.gan.train_gan` with the book's update rules, an FID-like metric on a
small digit classifier, the recorded study of the chapter, its figures and its explorer.

Modules
-------
digits      the images (scikit-learn, imported lazily) and the metric's classifier
metrics     Fréchet distance on classifier features, class coverage
networks    the image GAN as a :class:`~lecturecode.gan.GanSetup`
transforms  optimism, heavy-ball (negative) momentum and per-run step sizes as optimizer transforms
study       every method over step sizes × seeds, recorded once
figures     sample sheets and quality curves (matplotlib; loaded on first use)
view        the explorer's view over the recorded study (matplotlib; loaded on first use)
"""

from .digits import (IMAGE_SHAPE, N_CLASSES, DigitClassifier, classifier_features, classify, digit_classifier,
                     load_digit_images)
from .metrics import Coverage, class_coverage, digit_fid, fid_floor, frechet_distance
from .networks import DTYPES, digits_gan
from .study import DEFAULT_METHODS, METHODS, STEP_SIZES, ImageStudy, cache_path, image_study, record_study
from .transforms import HeavyBallState, OptimisticState, heavy_ball, optimistic, per_run

__all__ = [
    "IMAGE_SHAPE", "N_CLASSES", "DigitClassifier", "load_digit_images", "digit_classifier", "classifier_features",
    "classify",
    "Coverage", "frechet_distance", "digit_fid", "fid_floor", "class_coverage",
    "DTYPES", "digits_gan",
    "OptimisticState", "HeavyBallState", "optimistic", "heavy_ball", "per_run",
    "METHODS", "DEFAULT_METHODS", "STEP_SIZES", "ImageStudy", "record_study", "image_study", "cache_path",
]

#: Names from the matplotlib modules, imported on first use (the numerics need no matplotlib).
_LAZY = {"tile": "figures", "sample_sheet": "figures", "quality_plot": "figures", "accelerated_plot": "figures",
         "best_eta_index": "figures", "ImageStudyView": "view", "image_study_view": "view",
         "figures": None, "view": None}


def __getattr__(name):
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f".{_LAZY[name] or name}", __name__)
        return module if _LAZY[name] is None else getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
