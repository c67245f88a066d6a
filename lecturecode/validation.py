"""Argument checks shared by the whole package.

Every public function validates its input with these helpers, so that bad input
fails early with a ``ValueError``/``TypeError`` that names the argument and the
allowed range, instead of surfacing later as a silent NaN.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_real_array(value, name: str) -> np.ndarray:
    """Return ``value`` as a finite float64 array or raise naming ``name``."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a real number or array of real numbers, got {value!r}")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be a real number or array of real numbers, got {value!r}") from err
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {value!r}")
    return arr


def as_scalar(value, name: str, *, low=None, high=None, low_open=False, high_open=False) -> float:
    """Return ``value`` as a finite float inside the given interval, or raise.

    ``low``/``high`` bound the interval; ``*_open`` makes that end exclusive.
    """
    if isinstance(value, bool) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    return float(check_range(as_real_array(value, name), name, low=low, high=high,
                             low_open=low_open, high_open=high_open))


def check_range(arr: np.ndarray, name: str, *, low=None, high=None, low_open=False, high_open=False):
    """Raise ``ValueError`` unless every entry of ``arr`` lies in the interval."""
    too_low = low is not None and np.any(arr <= low if low_open else arr < low)
    too_high = high is not None and np.any(arr >= high if high_open else arr > high)
    if too_low or too_high:
        left = "(" if low_open or low is None else "["
        right = ")" if high_open or high is None else "]"
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        raise ValueError(f"{name} must lie in {left}{lo}, {hi}{right}, got {arr.tolist()!r}")
    return arr


def as_step_size(value, name: str = "eta") -> np.ndarray:
    """A step size: a positive finite number, or an array of them (one per batch entry)."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a positive real number or array, got {value!r}")
    arr = check_range(as_real_array(value, name), name, low=0.0, low_open=True)
    return arr


def as_points(z, d: int, name: str = "z0") -> np.ndarray:
    """Points of a ``d``-dimensional game: shape ``(..., d)``, finite floats."""
    arr = as_real_array(z, name)
    if arr.ndim == 0 or arr.shape[-1] != d:
        raise ValueError(f"{name} must have shape (..., {d}) for this game, got shape {arr.shape}")
    return arr


def as_point(z, d: int, name: str = "z") -> np.ndarray:
    """One point of a ``d``-dimensional game: shape ``(d,)``, finite floats."""
    arr = as_points(z, d, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a single point of shape ({d},), got shape {arr.shape}")
    return arr


def as_coefficient(value, name: str, *, low=None, high=None, low_open=True, high_open=True) -> np.ndarray:
    """A real hyper-parameter in an interval (open by default), or an array of them."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a real number or array, got {value!r}")
    return check_range(as_real_array(value, name), name, low=low, high=high, low_open=low_open,
                       high_open=high_open)


def as_text(value, name: str) -> str:
    """A string (labels, names)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {value!r}")
    return value


def as_square_matrix(value, name: str) -> np.ndarray:
    """A finite real square matrix (a scalar is read as a 1x1 matrix)."""
    arr = np.atleast_2d(as_real_array(value, name))
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {arr.shape}")
    return arr


def as_count(value, name: str, *, low: int = 1) -> int:
    """A whole number ``>= low``."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if value < low:
        raise ValueError(f"{name} must be >= {low}, got {value}")
    return int(value)


def as_generator(seed, name: str = "seed") -> np.random.Generator:
    """An explicit source of randomness: an ``int`` seed or a ``numpy.random.Generator``."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, (numbers.Integral, np.integer)):
        raise TypeError(f"{name} must be an int seed or a numpy.random.Generator, got {seed!r}")
    return np.random.default_rng(int(seed))
