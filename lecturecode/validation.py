"""Argument checks shared by the whole package: the one validation layer.

Every public function validates its input with these helpers where data enters (factories,
drivers, views), so that bad input fails early with a ``ValueError``/``TypeError`` that
names the argument and the allowed range, instead of surfacing later as a silent NaN, a
warning or a stray exception. The rules they share:

* numbers are real: bools, strings (also numeric strings such as ``"0.1"``), complex
  numbers, ``None`` and object arrays are rejected, inside lists too;
* numbers are finite: NaN, ``inf`` and integers beyond the float range (``10**400``) are
  rejected;
* counts are ``int`` in a documented range (huge counts are rejected before NumPy tries to
  allocate them);
* arrays are non-empty unless a helper says otherwise.
"""

from __future__ import annotations

import numbers

import numpy as np

#: Largest count any public function accepts by default (a clear range instead of a MemoryError).
MAX_COUNT = 10**6


def _kind_error(name: str, what: str, value):
    text = repr(value)
    if len(text) > 120:
        text = text[:117] + "..."
    return TypeError(f"{name} must be {what}, got {text}")


def _unmasked(value, name: str):
    """A masked array's data when nothing is masked; a masked entry is rejected (it would
    otherwise become NaN, or 0, with a warning, further down)."""
    if isinstance(value, np.ma.MaskedArray):
        if np.ma.count_masked(value):
            raise ValueError(f"{name} must not have masked entries, got {value!r}")
        return np.ma.getdata(value)
    return value


def as_numeric_array(value, name: str, *, what: str = "an array of real numbers",
                     complex_ok: bool = False) -> np.ndarray:
    """``value`` as a float (or, with ``complex_ok``, complex) array that may hold NaN or inf
    (distances of diverged runs, samples of a diverged GAN): the caller decides which non-finite
    values mean something. Rejects ``None``, bools, strings, ragged nests and non-numeric dtypes."""
    if value is None or isinstance(value, (str, bytes, bool, np.bool_)):
        raise TypeError(f"{name} must be {what}, got {value!r}")
    value = _unmasked(value, name)
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError, OverflowError) as err:
        raise ValueError(f"{name} must be {what} (a regular array), got {value!r}") from err
    if raw.dtype.kind not in ("iufc" if complex_ok else "iuf"):
        raise TypeError(f"{name} must be {what}, got {value!r}")
    return raw.astype(complex if raw.dtype.kind == "c" else float)


def as_real_array(value, name: str, *, allow_empty: bool = True) -> np.ndarray:
    """Return ``value`` as a finite float64 array or raise naming ``name``.

    Rejects ``None``, bools, strings, complex numbers, object arrays (``TypeError``), and
    NaN, ``inf``, integers beyond the float range and ragged nests (``ValueError``).
    """
    what = "a real number or array of real numbers"
    if value is None or isinstance(value, (str, bytes, bool, np.bool_)):
        raise _kind_error(name, what, value)
    value = _unmasked(value, name)
    if isinstance(value, np.ndarray):
        raw = value
    else:
        try:
            raw = np.asarray(value)
        except (TypeError, ValueError, OverflowError) as err:
            raise ValueError(f"{name} must be {what} (a regular, non-ragged array), got {value!r}") from err
    kind = raw.dtype.kind
    if kind == "O":
        flat = raw.ravel().tolist()
        if flat and all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in flat):
            raise ValueError(f"{name} must be finite (within the float range), got {value!r}")
        raise _kind_error(name, what, value)
    if kind == "c":
        raise _kind_error(name, "real (complex numbers are not accepted)", value)
    if kind not in "iuf":
        raise _kind_error(name, what, value)
    if not allow_empty and raw.size == 0:
        raise ValueError(f"{name} must not be empty, got an array of shape {raw.shape}")
    arr = raw.astype(float)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf), got {value!r}")
    return arr


def as_scalar(value, name: str, *, low=None, high=None, low_open=False, high_open=False) -> float:
    """Return ``value`` as a finite float inside the given interval, or raise.

    ``low``/``high`` bound the interval; ``*_open`` makes that end exclusive.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        raise _kind_error(name, "a real number", value)
    return float(check_range(as_real_array(value, name), name, low=low, high=high,
                             low_open=low_open, high_open=high_open))


def check_range(arr: np.ndarray, name: str, *, low=None, high=None, low_open=False, high_open=False):
    """Raise ``ValueError`` unless every entry of ``arr`` lies in the interval (NaN lies in none).

    Examples
    --------
    >>> check_range(np.array([0.5]), "beta", low=0.0, high=1.0)
    array([0.5])
    """
    given = arr
    arr = as_numeric_array(arr, name)
    if np.isnan(arr).any():
        raise ValueError(f"{name} must not be NaN, got {arr.tolist() if arr.size <= 8 else arr.shape}")
    too_low = low is not None and np.any(arr <= low if low_open else arr < low)
    too_high = high is not None and np.any(arr >= high if high_open else arr > high)
    if too_low or too_high:
        left = "(" if low_open or low is None else "["
        right = ")" if high_open or high is None else "]"
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        shown = arr.tolist() if arr.size <= 8 else f"array of shape {arr.shape}"
        raise ValueError(f"{name} must lie in {left}{lo}, {hi}{right}, got {shown!r}")
    return given if isinstance(given, np.ndarray) else arr


def as_step_size(value, name: str = "eta") -> np.ndarray:
    """A step size: a positive finite number, or a non-empty array of them (one per batch entry)."""
    if isinstance(value, (bool, np.bool_)):
        raise _kind_error(name, "a positive real number or array", value)
    return check_range(as_real_array(value, name, allow_empty=False), name, low=0.0, low_open=True)


def as_points(z, d: int, name: str = "z0") -> np.ndarray:
    """Points of a ``d``-dimensional game: shape ``(..., d)``, finite floats, at least one point."""
    arr = as_real_array(z, name)
    if arr.ndim == 0 or arr.shape[-1] != d:
        raise ValueError(f"{name} must have shape (..., {d}) for this game, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must hold at least one point, got shape {arr.shape}")
    return arr


def as_point(z, d: int, name: str = "z") -> np.ndarray:
    """One point of a ``d``-dimensional game: shape ``(d,)``, finite floats (a batch is rejected)."""
    arr = as_points(z, d, name)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a single point of shape ({d},), got shape {arr.shape}")
    return arr


def as_coefficient(value, name: str, *, low=None, high=None, low_open=True, high_open=True) -> np.ndarray:
    """A real hyper-parameter in an interval (open by default), or a non-empty array of them."""
    return check_range(as_real_array(value, name, allow_empty=False), name, low=low, high=high,
                       low_open=low_open, high_open=high_open)


def as_text(value, name: str) -> str:
    """A string (labels, names)."""
    if not isinstance(value, str):
        raise _kind_error(name, "a string", value)
    return value


def as_choice(value, name: str, choices) -> str:
    """One of the documented ``choices``, exactly: a different case, padding, another type or
    an unknown name is rejected with an error that lists the choices.

    Examples
    --------
    >>> as_choice("tanh", "activation", ("tanh", "leaky_relu"))
    'tanh'
    """
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        shown = repr(value)
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        error = ValueError if isinstance(value, str) else TypeError
        raise error(f"{name} must be one of {', '.join(map(repr, choices))}, got {shown}")
    return value


def as_flag(value, name: str) -> bool:
    """A bool (``True``/``False``; the strings ``'no'``/``'yes'`` and numbers are rejected)."""
    if not isinstance(value, (bool, np.bool_)):
        raise _kind_error(name, "a bool (True or False)", value)
    return bool(value)


def as_square_matrix(value, name: str) -> np.ndarray:
    """A finite real square matrix of size at least 1x1 (a scalar is read as a 1x1 matrix)."""
    arr = np.atleast_2d(as_real_array(value, name))
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {arr.shape}")
    if arr.shape[0] == 0:
        raise ValueError(f"{name} must be at least 1x1 (a player needs a coordinate), got shape {arr.shape}")
    return arr


def as_count(value, name: str, *, low: int = 1, high: int = MAX_COUNT) -> int:
    """A whole number in ``[low, high]``."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise _kind_error(name, "an integer", value)
    if not low <= value <= high:
        raise ValueError(f"{name} must be >= {low} and <= {high}, got {value}")
    return int(value)


def as_generator(seed, name: str = "seed") -> np.random.Generator:
    """An explicit source of randomness: an ``int`` seed in ``[0, 2**128)`` or a
    ``numpy.random.Generator``."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (numbers.Integral, np.integer)):
        raise _kind_error(name, "an int seed or a numpy.random.Generator", seed)
    if not 0 <= seed < 2**128:
        raise ValueError(f"{name} must be an int in [0, 2**128), got {seed}")
    return np.random.default_rng(int(seed))


def as_callable(value, name: str, what: str = "a function"):
    """A callable (factories, losses, views)."""
    if not callable(value):
        raise _kind_error(name, f"callable ({what})", value)
    return value


def as_dims(dims, name: str = "dims", *, d: int | None = None) -> tuple:
    """Coordinates per player: a non-empty sequence of positive ints (summing to ``d`` if given)."""
    if isinstance(dims, (str, bytes)) or not hasattr(dims, "__iter__") or isinstance(dims, dict):
        raise _kind_error(name, "a sequence of positive integers (coordinates per player)", dims)
    dims = tuple(as_count(n, f"{name} entry", high=MAX_COUNT) for n in dims)
    if not dims:
        raise ValueError(f"{name} must name at least one player, got ()")
    if d is not None and sum(dims) != d:
        raise ValueError(f"{name} must be positive integers summing to d={d}, got {dims}")
    return dims


def finite_result(value, name: str, what: str) -> np.ndarray:
    """``value`` as a float array, or a ``ValueError`` naming ``name`` when it overflowed
    (a computed number: a bool, a string or ``None`` is a ``TypeError``)."""
    arr = as_numeric_array(value, name, what="a computed number")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} is too large: {what} overflows the float range")
    return arr


def as_pair(value, name: str, *, low=None, low_open=False) -> tuple:
    """Two finite reals, e.g. a figure size or a range."""
    arr = as_real_array(value, name)
    if arr.shape != (2,):
        raise ValueError(f"{name} must be a pair of two numbers, got {value!r}")
    check_range(arr, name, low=low, low_open=low_open)
    return float(arr[0]), float(arr[1])


def as_eigenvalues(value, name: str = "eigenvalues") -> np.ndarray:
    """Finite complex eigenvalues (real input allowed), as a complex array of the input's shape,
    with real and imaginary parts within +-1e300 (so that every modulus is finite).

    Examples
    --------
    >>> as_eigenvalues([1.0, 2j])
    array([1.+0.j, 0.+2.j])
    """
    lam = as_numeric_array(value, name, what="an array of (complex) eigenvalues", complex_ok=True).astype(complex)
    if not np.all(np.isfinite(lam)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    if lam.size and max(np.abs(lam.real).max(), np.abs(lam.imag).max()) > 1e300:
        raise ValueError(f"{name} must have real and imaginary parts within +-1e300 (a finite modulus)")
    return lam

