"""Fuzz coverage of the image-GAN subpackage (lecturecode.gan.images) and AMSGrad: base values for
parameters the name table cannot supply (merged into fuzz_calls.CALLS / ALLOWED)."""

from __future__ import annotations

import functools

import numpy as np
from hypothesis import strategies as st

from fuzz_values import JUNK, OBJECTS, POSITIVE, REAL, Kind
import lecturecode as lc
from lecturecode import gan
from lecturecode.gan import images as gi

from fuzz_calls import AXES, FIG, Call, Fresh  # noqa: E402
from fuzz_calls_chapters import _choice, _record, small  # noqa: E402

_TINY = dict(methods=["Sim-SGD", "EG-SGD"], seeds=(0,), n_evals=4, record_every=2, n_eval=8, n_sheet=2, hidden=4,
             batch_size=4)


@functools.lru_cache(maxsize=None)
def _study():
    return gi.record_study(**_TINY)


def _images(n=8):
    return gi.load_digit_images()[0][:n]


IMAGES = Kind(Fresh(_images), [JUNK, None, "x", 1.0, np.zeros((4, 63)), np.zeros(64), np.full((4, 64), np.nan),
                               OBJECTS], [], st.nothing())
SAMPLES = IMAGES._replace(reject=[v for v in IMAGES.reject if not (isinstance(v, np.ndarray) and v.dtype.kind == "f"
                                                                  and np.isnan(v).any())])
STUDY = _record(_study)
CLF = _record(gi.digit_classifier)
BASE = _record(lambda: gan.sgd(0.1))
METHOD = _choice("Sim-SGD", "EG-SGD")
GRID_INDEX = Kind(0, [JUNK, None, "x", 1.5, 3, -4, OBJECTS], [1, 2, -1], st.nothing())
MEAN = Kind(np.zeros(2), [JUNK, None, "x", np.zeros(3), np.full(2, np.nan), OBJECTS], [], st.nothing())
COV = Kind(np.eye(2), [JUNK, None, "x", np.eye(3), np.zeros(2), np.full((2, 2), np.inf), OBJECTS], [], st.nothing())
FACTORS = Kind([0.1, 0.2], [JUNK, None, "x", [], [0.1, -0.1], [[0.1]], [np.nan], OBJECTS], [], st.nothing())

CALLS: dict[str, Call] = {
    "amsgrad": Call(dict(learning_rate=0.1), kinds=dict(learning_rate=POSITIVE)),
    "classifier_features": Call(dict(clf=Fresh(gi.digit_classifier), x=Fresh(_images)),
                                kinds=dict(clf=CLF, x=IMAGES)),
    "classify": Call(dict(clf=Fresh(gi.digit_classifier), x=Fresh(_images)), kinds=dict(clf=CLF, x=IMAGES)),
    "frechet_distance": Call(dict(mu1=np.zeros(2), cov1=np.eye(2), mu2=np.ones(2), cov2=np.eye(2)),
                             kinds=dict(mu1=MEAN, mu2=MEAN, cov1=COV, cov2=COV)),
    "digit_fid": Call(dict(samples=Fresh(_images)), kinds=dict(samples=SAMPLES), examples=3),
    "class_coverage": Call(dict(samples=Fresh(_images)), kinds=dict(samples=SAMPLES, threshold=POSITIVE._replace(
        base=0.025, reject=POSITIVE.reject + [1.5])), examples=3),
    "fid_floor": Call(dict(n=16), kinds=dict(n=small(16, 64, low=2)), examples=3),
    "digits_gan": Call(dict(hidden=4), kinds=dict(hidden=small(4, 8), noise_dim=small(2, 4),
                                                  cost=_choice("non_saturating", "minimax"),
                                                  backend=_choice("numpy", "autograd"),
                                                  dtype=_choice("float32", "float64")), examples=3),
    "optimistic": Call(dict(base=Fresh(lambda: gan.sgd(0.1))), kinds=dict(base=BASE)),
    "heavy_ball": Call(dict(base=Fresh(lambda: gan.sgd(0.1)), beta=-0.5), kinds=dict(base=BASE)),
    "per_run": Call(dict(base=Fresh(lambda: gan.sgd(0.1)), factors=[0.1, 0.2]), kinds=dict(base=BASE,
                                                                                           factors=FACTORS)),
    "record_study": Call(dict(_TINY), examples=2, kinds=dict(
        methods=Kind(["Sim-SGD"], [JUNK, None, "Sim-SGD", [], ["nope"], ["Sim-SGD", "Sim-SGD"], [1]], [],
                     st.nothing()),
        seeds=Kind((0,), [JUNK, None, "0", (), (-1,), (1.5,), OBJECTS], [], st.nothing()),
        n_evals=Kind(4, [JUNK, None, "4", 3, 0, -4, 10**12, 1.5], [], st.nothing()),
        record_every=Kind(2, [JUNK, None, "2", 3, 0, -2, 1.5], [], st.nothing()),
        n_eval=small(8, 16, low=2), n_sheet=small(2, 8), hidden=small(4, 8), batch_size=small(4, 8),
        dtype=_choice("float32", "float64"))),
    "cache_path": Call(),
    "ImageStudy.index": Call(dict(method="EG-SGD"), instance=_study, kinds=dict(method=METHOD)),
    "ImageStudy.final": Call(dict(method="EG-SGD"), instance=_study, kinds=dict(method=METHOD)),
    "ImageStudy.gap": Call(dict(worse="Sim-SGD", better="EG-SGD", eta_index=0), instance=_study, kinds=dict(
        worse=METHOD, better=METHOD, eta_index=GRID_INDEX, start=Kind(1, [JUNK, "x", 1.5, None], [0, -1],
                                                                      st.nothing()),
        stop=Kind(None, [JUNK, "x", 1.5], [2, -1], st.nothing()))),
    "tile": Call(dict(samples=Fresh(lambda: _images(6))), kinds=dict(samples=SAMPLES, n_cols=small(3, 6))),
    "sample_sheet": Call(dict(samples=Fresh(lambda: _images(6))), kinds=dict(samples=SAMPLES, ax=AXES,
                                                                               n_cols=small(3, 6)), examples=3),
    "quality_plot": Call(dict(study=Fresh(_study)), kinds=dict(study=STUDY), examples=2, skip=("ax",)),
    "accelerated_plot": Call(dict(study=Fresh(_study)), kinds=dict(study=STUDY), examples=2, skip=("ax",)),
    "best_eta_index": Call(dict(study=Fresh(_study), method="EG-SGD"), kinds=dict(study=STUDY, method=METHOD)),
    "ImageStudyView": Call(dict(study=Fresh(_study)), kinds=dict(fig=FIG, study=STUDY), examples=2),
    "ImageStudyView.__call__": Call(dict(method="EG-SGD", step=2),
                                    instance=lambda: lc.views.ImageStudyView(FIG.base.make(), _study()),
                                    kinds=dict(method=METHOD, step=REAL._replace(base=2))),
    "image_study_view": Call(dict(study=Fresh(_study)), kinds=dict(study=STUDY)),
}

_RECORD = "result record of {}"
ALLOWED = {
    "AmsgradState": "state record built by amsgrad's init", "OptimisticState": "state record of optimistic(...)",
    "HeavyBallState": "state record of heavy_ball(...)", "DigitClassifier": _RECORD.format("digit_classifier"),
    "Coverage": _RECORD.format("class_coverage"), "ImageStudy": _RECORD.format("record_study (its methods are fuzzed)"),
    "load_digit_images": "no arguments: scikit-learn's digits, read-only (tests/test_image_gan.py)",
    "digit_classifier": "no arguments: the metric's classifier, trained once (tests/test_image_gan.py)",
    "image_study": "no arguments: the chapter's recording, minutes of training (the chapter, the claims, the tests)",
}
