r"""The recorded image-GAN study: every method of the chapter over a grid of step sizes and
seeds, trained once, scored by FID and class coverage along the way.

Each method is the one driver :func:`~lecturecode.gan.train_gan` with an update order and an
optimizer built from the book's rules (:mod:`.transforms`):

==================  ===============  ======================================================
method              order            optimizer of each player
==================  ===============  ======================================================
Sim-/Alt-SGD        simultaneous /   SGD
                    alternating
Sim-/Alt-Adam       same             Adam (:math:`\beta_1 = 0.5`)
Sim-/Alt-AMSGrad    same             AMSGrad
EG-SGD, Extra-Adam  extragradient    SGD, Adam (Gidel et al., 2019)
OG-SGD, Opt. Adam   simultaneous     ``optimistic(SGD)``, ``optimistic(Adam)``
NM-SGD, NM-Adam     alternating      ``heavy_ball(·, β = −0.5)`` (Gidel et al., 2019)
==================  ===============  ======================================================

Step sizes and seeds are one batch axis (``per_run``), so a method over 3 step sizes × 3
seeds is one array computation. Quality is recorded against *gradient evaluations* per
player: extragradient takes two per step, so it runs half the steps.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

import numpy as np

from ...validation import as_count, as_text
from ..optimizers import adam, amsgrad, sgd
from ..training import train_gan
from .metrics import class_coverage, digit_fid, fid_floor
from .networks import digits_gan
from .transforms import heavy_ball, optimistic, per_run

__all__ = ["METHODS", "DEFAULT_METHODS", "STEP_SIZES", "ImageStudy", "record_study", "image_study", "cache_path",
           "best_eta_index"]

_BASES = {"SGD": sgd, "Adam": adam, "AMSGrad": amsgrad}
#: Every method: ``(base optimizer, driver order, wrapper)``.
METHODS = {
    "Sim-SGD": ("SGD", "simultaneous", None), "Alt-SGD": ("SGD", "alternating", None),
    "Sim-Adam": ("Adam", "simultaneous", None), "Alt-Adam": ("Adam", "alternating", None),
    "Sim-AMSGrad": ("AMSGrad", "simultaneous", None), "Alt-AMSGrad": ("AMSGrad", "alternating", None),
    "EG-SGD": ("SGD", "extragradient", None), "OG-SGD": ("SGD", "simultaneous", "optimistic"),
    "NM-SGD": ("SGD", "alternating", "negative momentum"),
    "Extra-Adam": ("Adam", "extragradient", None), "Optimistic Adam": ("Adam", "simultaneous", "optimistic"),
    "NM-Adam": ("Adam", "alternating", "negative momentum"),
}
#: The chapter's methods.
DEFAULT_METHODS = ("Sim-SGD", "Alt-SGD", "Sim-Adam", "Alt-Adam", "EG-SGD", "OG-SGD", "NM-SGD",
                   "Extra-Adam", "Optimistic Adam", "NM-Adam")
#: The grid of step sizes of each base optimizer.
STEP_SIZES = {"SGD": (0.05, 0.1, 0.2), "Adam": (5e-4, 1e-3, 2e-3), "AMSGrad": (5e-4, 1e-3, 2e-3)}
#: Momentum of the negative-momentum methods.
NM_BETA = -0.5


@dataclass(frozen=True, eq=False)
class ImageStudy:
    """Recorded runs of :func:`record_study`.

    Attributes
    ----------
    methods : tuple of str
    etas : ndarray, shape (n_methods, n_etas)
        The step sizes of each method's grid.
    seeds : tuple of int
    evals : ndarray of int, shape (n_snapshots,)
        Gradient evaluations per player at each snapshot.
    fid : ndarray, shape (n_methods, n_etas, n_seeds, n_snapshots)
        FID-like score (:func:`~lecturecode.gan.images.digit_fid`; NaN once a run diverged).
    covered : ndarray of int, same shape
        Digits produced (:func:`~lecturecode.gan.images.class_coverage`).
    sheets : ndarray, shape (n_methods, n_etas, n_snapshots, n_sheet, 64)
        Samples of the first seed at each snapshot (the same noise throughout).
    floor : float
        :func:`~lecturecode.gan.images.fid_floor` for the same sample size.
    seconds : float
        Wall time of the recording.
    """

    methods: tuple
    etas: np.ndarray
    seeds: tuple
    evals: np.ndarray
    fid: np.ndarray
    covered: np.ndarray
    sheets: np.ndarray
    floor: float
    seconds: float

    def index(self, method: str) -> int:
        """Position of ``method``."""
        return _position(self.methods, method, "method")

    def final(self, method: str) -> np.ndarray:
        """Last FID of each (step size, seed), shape ``(n_etas, n_seeds)``."""
        return self.fid[self.index(method), :, :, -1]

    def gap(self, worse: str, better: str, eta_index: int, *, start: int = 1, stop=None) -> np.ndarray:
        """Per seed, the mean over snapshots ``start:stop`` of FID(``worse``) − FID(``better``) at the
        ``eta_index``-th step size of both grids (same seed, same initial weights: paired)."""
        a = self.fid[_position(self.methods, worse, "worse")]
        b = self.fid[_position(self.methods, better, "better")]
        n_etas, n_snaps = self.etas.shape[1], self.evals.size
        j = _index(eta_index, "eta_index", -n_etas, n_etas - 1)
        lo = _index(start, "start", -n_snaps, n_snaps - 1)
        hi = None if stop is None else _index(stop, "stop", -n_snaps, n_snaps)
        window = np.arange(n_snaps)[lo:hi]
        if window.size == 0:
            raise ValueError(f"start={start}, stop={stop} select no snapshot of {n_snaps}")
        return np.mean((a[j] - b[j])[:, window], axis=-1)


def _position(methods: tuple, method, name: str) -> int:
    if not isinstance(method, str) or method not in methods:
        raise ValueError(f"{name} must be one of {list(methods)}, got {method!r}")
    return methods.index(method)


def _index(value, name: str, low: int, high: int) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be in [{low}, {high}], got {value}")
    return int(value)


def _optimizer(method: str, factors):
    base, _, wrapper = METHODS[method]
    opt = per_run(_BASES[base](1.0), factors)
    if wrapper == "optimistic":
        opt = optimistic(opt)
    elif wrapper == "negative momentum":
        opt = heavy_ball(opt, NM_BETA)
    return opt


def record_study(methods=DEFAULT_METHODS, *, seeds=(0, 1, 2), n_evals: int = 800, record_every: int = 40,
                 n_eval: int = 256, n_sheet: int = 36, hidden: int = 64, batch_size: int = 64,
                 dtype: str = "float32") -> ImageStudy:
    r"""Train every ``method`` over its grid :data:`STEP_SIZES` × ``seeds`` for ``n_evals``
    gradient evaluations per player, recording every ``record_every``.

    Examples
    --------
    >>> s = record_study(["Sim-SGD", "EG-SGD"], seeds=(0,), n_evals=20, record_every=10, hidden=8, n_eval=64)
    >>> s.fid.shape, s.evals.tolist(), s.sheets.shape
    ((2, 3, 1, 3), [0, 10, 20], (2, 3, 3, 36, 64))
    """
    if isinstance(methods, str) or not hasattr(methods, "__iter__"):
        raise TypeError(f"methods must be a sequence of method names, got {methods!r}")
    methods = tuple(as_text(m, "methods entry") for m in methods)
    unknown = [m for m in methods if m not in METHODS]
    if unknown or not methods or len(set(methods)) != len(methods):
        raise ValueError(f"methods must be distinct names from {list(METHODS)}, got {list(methods)}")
    if isinstance(seeds, (str, bytes)) or not hasattr(seeds, "__iter__"):
        raise TypeError(f"seeds must be a sequence of ints, got {seeds!r}")
    seeds = tuple(as_count(s, "seeds entry", low=0) for s in seeds)
    if not seeds:
        raise ValueError("seeds must name at least one seed")
    record_every = as_count(record_every, "record_every", low=2)
    n_evals = as_count(n_evals, "n_evals", low=2)
    if record_every % 2 or n_evals % record_every:
        raise ValueError(f"record_every must be even and divide n_evals (extragradient takes half the steps), "
                         f"got record_every={record_every}, n_evals={n_evals}")
    n_eval = as_count(n_eval, "n_eval", low=2)
    n_sheet = as_count(n_sheet, "n_sheet", high=n_eval)
    setup = digits_gan(hidden=hidden, dtype=dtype)
    start = time.perf_counter()
    etas, fids, covered, sheets = [], [], [], []
    for method in methods:
        base, order, _ = METHODS[method]
        grid = np.array(STEP_SIZES[base])
        factors = np.repeat(grid, len(seeds))
        per_step = 2 if order == "extragradient" else 1
        run = train_gan(setup, opt_g=_optimizer(method, factors), opt_d=_optimizer(method, factors),
                        order=order, n_steps=n_evals // per_step, batch_size=batch_size,
                        seed=[s for _ in grid for s in seeds], record_every=record_every // per_step,
                        n_eval=n_eval)
        shape = (len(run.steps), len(grid), len(seeds))
        fids.append(np.moveaxis(digit_fid(run.samples).reshape(shape), 0, -1))
        covered.append(np.moveaxis(class_coverage(run.samples).covered.reshape(shape), 0, -1))
        samples = run.samples.reshape(shape + run.samples.shape[-2:])
        sheets.append(np.moveaxis(samples[:, :, 0, :n_sheet], 0, 1))
        etas.append(grid)
    seconds = time.perf_counter() - start
    evals = np.arange(0, n_evals + 1, record_every)
    return ImageStudy(methods, np.stack(etas), seeds, evals, np.stack(fids), np.stack(covered),
                      np.stack(sheets).astype(np.float32), fid_floor(n_eval), seconds)


def cache_path() -> Path:
    """Where :func:`image_study` keeps its recording: ``$LECTURECODE_CACHE`` (default: the system's
    temporary directory), in a file named by a hash of the package's GAN sources and the NumPy
    version, so a change to any rule, network or metric records anew."""
    digest = hashlib.sha256(np.__version__.encode())
    here = Path(__file__).resolve().parent
    for source in sorted(here.glob("*.py")) + sorted(here.parent.glob("*.py")):
        digest.update(source.read_bytes())
    root = Path(os.environ.get("LECTURECODE_CACHE") or Path(tempfile.gettempdir()) / "lecturecode-cache")
    return root / f"image-study-{digest.hexdigest()[:16]}.npz"


def _save(study: ImageStudy, path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(partial, **{f.name: np.asarray(getattr(study, f.name)) for f in fields(study)})
        os.replace(partial, path)                  # atomic: a concurrent reader never sees half a file
    except OSError:
        pass                                       # a read-only disk only costs the next process a recording


def _load(path: Path) -> ImageStudy | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            values = {f.name: data[f.name] for f in fields(ImageStudy)}
    except (OSError, KeyError, ValueError):
        return None
    values["methods"] = tuple(str(m) for m in values["methods"])
    values["seeds"] = tuple(int(s) for s in values["seeds"])
    values["floor"], values["seconds"] = float(values["floor"]), float(values["seconds"])
    return ImageStudy(**values)


@lru_cache(maxsize=1)
def image_study() -> ImageStudy:
    """The chapter's study (:func:`record_study` with its defaults): recorded once, then read
    back from :func:`cache_path` by every later process (the chapter, the claims ledger and the
    tests share one recording per build)."""
    path = cache_path()
    study = _load(path) if path.exists() else None
    if study is None:
        study = record_study()
        _save(study, path)
    return study


def best_eta_index(study: ImageStudy, method: str) -> int:
    """The step size of ``method`` with the lowest mean FID over the second half of training
    (a diverged run's step size is never the best)."""
    if not isinstance(study, ImageStudy):
        raise TypeError(f"study must be an ImageStudy (from image_study or record_study), got {study!r}")
    f = study.fid[study.index(method)]
    half = f[..., f.shape[-1] // 2:]
    with np.errstate(all="ignore"):
        score = np.where(np.isnan(half).any(axis=(-2, -1)), np.inf, np.nanmean(half, axis=(-2, -1)))
    return int(np.argmin(score))

