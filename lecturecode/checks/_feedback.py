r"""What every check shares: the :class:`Feedback` it returns, a safe call of the student's
function, array comparison with a specific hint, and the record the grader reads.

A check never shows the reference solution: it calls the package's own tested functions
(:func:`lecturecode.analysis.update_matrix`, the methods' ``step``, the games' exact values,
...) as oracles on a few cases, and on the first case that fails it says which case, what
was expected, what came back and what to look at.

When the environment variable ``LECTURECODE_GRADE_LOG`` names a file, every check appends its
verdict there as one JSON line (a record for the student's own tools; no grader reads it: the
grade comes from the nbgrader course's tests, ``coursework/``). Without that variable nothing
is written.
"""

from __future__ import annotations

import html
import json
import os
import warnings
from dataclasses import dataclass
from typing import Callable, NamedTuple

import numpy as np

from ..validation import as_callable

__all__ = ["Feedback", "Exercise"]

#: The environment variable naming the file a check appends its verdict to (set by the grader).
GRADE_LOG = "LECTURECODE_GRADE_LOG"


@dataclass(frozen=True)
class Feedback:
    """The verdict of one check: ``passed``, and a message that says why.

    It is truthy when the check passed, prints as one line (✓ or ✗ and the hint), and shows
    as a coloured box in a notebook.

    Examples
    --------
    >>> f = Feedback("ex-demo", False, "case 2: expected 1.0, got 2.0")
    >>> bool(f), str(f)
    (False, '✗ ex-demo: case 2: expected 1.0, got 2.0')
    """

    exercise: str
    passed: bool
    message: str

    def __bool__(self) -> bool:
        return bool(self.passed)

    def __str__(self) -> str:
        return f"{'✓' if self.passed else '✗'} {self.exercise}: {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = "#1b7f3b" if self.passed else "#b3261e"
        head = "passed" if self.passed else "not yet"
        return (f'<div class="check-feedback" style="border-left:4px solid {colour};padding:2px 10px">'
                f'<strong style="color:{colour}">{"✓" if self.passed else "✗"} {html.escape(self.exercise)}: '
                f'{head}</strong><br>{html.escape(self.message)}</div>')


class Exercise(NamedTuple):
    """A coding exercise: its label in the book, its chapter, the function the student writes,
    and the check that gives feedback on it."""

    label: str
    chapter: str
    function: str
    check: Callable[..., Feedback]


class Problem(Exception):
    """Raised inside a check to stop at the first failing case with a hint."""


def record(feedback: Feedback) -> Feedback:
    """Append ``feedback`` to the grader's log when the grader runs (no-op otherwise)."""
    path = os.environ.get(GRADE_LOG)
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"exercise": feedback.exercise, "passed": feedback.passed,
                                  "message": feedback.message}) + "\n")
    return feedback


def run_check(label: str, fn, cases: Callable[[Callable], str]) -> Feedback:
    """Validate ``fn`` (a callable), run ``cases(fn)`` (which raises :class:`Problem` with a hint at
    the first failing case and returns a success message), and record the verdict."""
    fn = as_callable(fn, "fn", "the function you wrote (pass the function itself, not its result)")
    try:
        message = cases(fn)
        feedback = Feedback(label, True, message)
    except Problem as problem:
        feedback = Feedback(label, False, str(problem))
    return record(feedback)


def call(fn, *args, case: str):
    """``fn(*args)``, turning anything it raises or warns into a :class:`Problem` naming the case."""
    name = getattr(fn, "__name__", "your function")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with np.errstate(all="raise"):
                return fn(*args)
    except NotImplementedError:
        raise Problem(f"{name} is not written yet (it raises NotImplementedError); replace the stub's "
                      f"body with your code") from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as err:  # noqa: BLE001 - the student's code may raise anything; report it
        raise Problem(f"{case}: {name} raised {type(err).__name__}: {err}") from None


def as_result_array(value, shape, *, case: str, what: str) -> np.ndarray:
    """The student's result as a finite float array of ``shape``, or a :class:`Problem` saying why not."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as err:
        raise Problem(f"{case}: {what} should be a real array of shape {shape}, got {type(value).__name__} "
                      f"({err})") from None
    if arr.shape != tuple(shape):
        raise Problem(f"{case}: {what} should have shape {tuple(shape)}, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise Problem(f"{case}: {what} contains NaN or inf")
    return arr


def close(got, expected, *, rtol: float = 1e-7, atol: float = 1e-9) -> bool:
    """Whether two arrays agree to round-off (the checks' one notion of "equal")."""
    return bool(np.allclose(got, expected, rtol=rtol, atol=atol))


def fmt(value) -> str:
    """Short text for a number or a small array in a hint."""
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        return f"{float(arr):.6g}"
    return np.array2string(arr, precision=4, suppress_small=True, separator=", ", max_line_width=100)
