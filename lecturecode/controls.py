"""The controls an explorer offers (:func:`slider`, :func:`choice`): each a live range or set of
options and the values pre-rendered for the website. :mod:`lecturecode.widgets` re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .validation import as_count, as_flag, as_real_array, as_scalar, as_text

__all__ = ["Control", "slider", "choice", "MAX_FRAMES"]

#: Largest number of pre-rendered frames one explorer may have on the website.
MAX_FRAMES = 64


@dataclass(frozen=True)
class Control:
    """A slider: its live range and the values pre-rendered for the website."""

    min: float
    max: float
    value: float
    step: float
    static: tuple
    label: str
    log: bool = False
    options: tuple | None = None      # a choice among labelled options instead of a number


def slider(min: float, max: float, *, value: float, step: float | None = None, static=5,
           label: str | None = None, log: bool = False) -> Control:
    """Describe a slider for :func:`explore`.

    Parameters
    ----------
    min, max : float
        Live range, ``min < max`` (both ``> 0`` when ``log``).
    value : float
        Initial value, inside the range.
    step : float, optional
        Live resolution (default: 1/200 of the range; for ``log``, of the exponent range).
    static : int or sequence of float
        Values pre-rendered for the website: a count (spread evenly, or geometrically
        when ``log``, over the range, with the point nearest ``value`` moved onto it, so the
        website starts where the code does) or the explicit values. ``1`` pins the control
        to ``value`` on the website.
    label : str, optional
        Text before the slider (default: the parameter name).
    log : bool
        Logarithmic slider (for step sizes spanning decades).

    Examples
    --------
    >>> slider(0.0, 1.0, value=0.5, static=3).static
    (0.0, 0.5, 1.0)
    >>> slider(0.001, 0.1, value=0.02, static=3, log=True).static
    (0.001, 0.02, 0.1)
    """
    lo, hi, value = (as_scalar(v, n, low=-1e300, high=1e300) for v, n in ((min, "min"), (max, "max"),
                                                                          (value, "value")))
    log = as_flag(log, "log")
    label = "" if label is None else as_text(label, "label")
    if not lo < hi:
        raise ValueError(f"min must be < max, got min={lo}, max={hi}")
    if not lo <= value <= hi:
        raise ValueError(f"value must lie in [min, max] = [{lo:g}, {hi:g}], got {value:g}")
    if log and lo <= 0:
        raise ValueError(f"a log slider needs min > 0, got min={lo}")
    span = np.log10(hi) - np.log10(lo) if log else hi - lo
    step = span / 200 if step is None else as_scalar(step, "step")
    if not 0 < step <= 1e300:
        raise ValueError(f"step must be > 0, got {step}")
    if isinstance(static, (bool, np.bool_)) or static is None or isinstance(static, (str, bytes, float)):
        raise TypeError(f"static must be a count or a sequence of values, got {static!r}")
    if isinstance(static, (int, np.integer)):
        n = as_count(static, "static", high=MAX_FRAMES)
        if n == 1:
            values = np.array([value])
        else:
            values = np.geomspace(lo, hi, n) if log else np.linspace(lo, hi, n)
            # the website starts where the code does: the grid point nearest the value becomes it
            gap = np.abs(np.log(values / value)) if log else np.abs(values - value)
            values[int(np.argmin(gap))] = value
    else:
        values = np.unique(as_real_array(static, "static").ravel())          # sorted, each once
        if values.size == 0 or values.size > MAX_FRAMES or values[0] < lo or values[-1] > hi:
            raise ValueError(f"static values must be 1 to {MAX_FRAMES} values in [{lo:g}, {hi:g}]")
        if not np.any(np.isclose(values, value, rtol=1e-12, atol=0.0)):
            raise ValueError(f"static values must include value={value:g}, where the website starts")
    return Control(lo, hi, value, step, tuple(float(v) for v in values), label, log)


def choice(options, *, value=None, label: str | None = None) -> Control:
    """Describe a choice among named options (a dropdown live; every option is pre-rendered).

    Examples
    --------
    >>> choice(["a", "b"], value="b").value
    'b'
    """
    if isinstance(options, (str, bytes)):
        raise TypeError("options must be a sequence of strings, not one string")
    if not isinstance(options, (list, tuple)):
        raise TypeError(f"options must be a list or tuple of strings, got {options!r}")
    options = tuple(options)
    if not options or not all(isinstance(o, str) for o in options):
        raise TypeError(f"options must be a non-empty sequence of strings, got {options!r}")
    if len(set(options)) != len(options):
        raise ValueError(f"options must be distinct (a frame per option), got {list(options)}")
    if len(options) > MAX_FRAMES:
        raise ValueError(f"options must be at most MAX_FRAMES={MAX_FRAMES}, got {len(options)}")
    value = options[0] if value is None else value
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"value must be one of the options {list(options)}, got {value!r}")
    label = "" if label is None else as_text(label, "label")
    return Control(0.0, float(len(options) - 1), value, 1.0, options, label, False, options)
