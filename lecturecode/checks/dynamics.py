r"""Checks for the exercises on one step of a method and on solution concepts.

* :func:`extragradient_step`: the student writes ``fn(F, z, eta)``, one extragradient step
  for a vector field ``F``; the oracle is the ``step`` of :func:`lecturecode.methods.extragradient`
  on a quadratic game, a 4-dimensional random game and the (non-quadratic) double-well game.
* :func:`classify_origin`: the student writes ``fn(a, b, c)`` returning whether
  :math:`(0, 0)` is a local Nash point, a local minimax point and GDA-stable for
  :math:`f = \tfrac a2x^2 + bxy - \tfrac c2y^2`; the oracle is
  :func:`lecturecode.solution_concepts.classify_critical_point`, on the lecture's separating
  examples and a few more games.

The docstrings say what is checked, never the answer: the update rule and the three conditions
are the exercises' to work out (the feedback on a wrong answer points at the one that failed).
"""

from __future__ import annotations

import numpy as np

from ..games import double_well_game, quadratic_2d, random_quadratic_game
from ..methods import extragradient, sim_gda
from ..solution_concepts import classify_critical_point
from ._feedback import Feedback, Problem, as_result_array, call, close, fmt, run_check

__all__ = ["extragradient_step", "classify_origin"]


def _step(method, game, z):
    return method.step(game, z, method.init(game, z))[0]


def _eg_cases(fn):
    games = [("f = 0.5x² + 10xy - 0.5y² from (1, 1), η = 0.05", quadratic_2d(1.0, 10.0, 1.0), [1.0, 1.0], 0.05),
             ("a random 4-d game (μ = 1, L = 10) from (1, -1, 2, 0.5), η = 0.08",
              random_quadratic_game(1.0, 10.0, 2, 2, seed=3), [1.0, -1.0, 2.0, 0.5], 0.08),
             ("the double-well game from (1.2, -0.4), η = 0.2", double_well_game(), [1.2, -0.4], 0.2)]
    for case, game, z, eta in games:
        z = np.asarray(z, dtype=float)
        expected = _step(extragradient(eta), game, z)
        got = as_result_array(call(fn, game.F, z.copy(), eta, case=case), z.shape, case=case, what="the new point")
        if close(got, expected):
            continue
        half = z - eta * game.F(z)
        if close(got, _step(sim_gda(eta), game, z)):
            raise Problem(f"{case}: you returned one Sim-GDA step z - ηF(z). Extragradient evaluates F a "
                          "second time, at the extrapolated point z - ηF(z).")
        if close(got, half - eta * game.F(half)):
            raise Problem(f"{case}: the second step starts from the extrapolated point; it should start "
                          "from z and only *evaluate* F at the extrapolated point.")
        raise Problem(f"{case}: expected {fmt(expected)}, got {fmt(got)}. The extrapolated point is {fmt(half)}.")
    return "your step matches lc.methods.extragradient on a quadratic, a random and a non-quadratic game"


def extragradient_step(fn) -> Feedback:
    r"""Check a student's ``fn(F, z, eta)`` returning the point one extragradient step with
    step size ``eta`` takes from ``z`` for the vector field ``F``.

    It compares the point with the ``step`` of :func:`lecturecode.methods.extragradient` on a
    quadratic game, a random 4-dimensional game and the double-well game, and names the two
    usual slips.

    Examples
    --------
    >>> def extragradient_step_stub(F, z, eta):
    ...     raise NotImplementedError
    >>> print(extragradient_step(extragradient_step_stub).message[:46])
    extragradient_step_stub is not written yet (it
    """
    return run_check("ex-accel-eg-step", fn, _eg_cases)


#: (a, b, c) of the cases: the lecture's separating examples, a Nash point, and a point of none.
_CONCEPT_CASES = ((1.0, 10.0, 1.0), (-6.0, 4.0, 2.0), (6.0, 4.0, -2.0), (-0.25, 0.6, 1.0), (1.0, 1.0, -3.0),
                  (-1.0, 0.5, 1.0))
_CONCEPT_NAMES = ("local Nash", "local minimax", "GDA-stable")
_CONDITIONS = ("a > 0 and c > 0 (each player at a strict optimum of its own loss)",
               "c > 0 and the Schur complement a + b²/c > 0 (y best-responds to x)",
               "every eigenvalue of J = [[a, b], [-b, c]] has a positive real part (trace > 0 and det > 0)")


def _concept_cases(fn):
    for a, b, c in _CONCEPT_CASES:
        case = f"a = {a:g}, b = {b:g}, c = {c:g}"
        verdict = classify_critical_point(quadratic_2d(a, b, c), [0.0, 0.0])
        expected = (verdict.local_nash, verdict.local_minimax, verdict.gda_stable)
        got = call(fn, a, b, c, case=case)
        if not (isinstance(got, (tuple, list)) and len(got) == 3
                and all(isinstance(v, (bool, np.bool_)) for v in got)):
            raise Problem(f"{case}: return a tuple of three bools (local Nash, local minimax, GDA-stable), "
                          f"got {got!r}")
        for name, condition, g, e in zip(_CONCEPT_NAMES, _CONDITIONS, got, expected):
            if bool(g) != e:
                raise Problem(f"{case}: {name} should be {e}, you said {bool(g)}. It holds when {condition}.")
    return f"your three verdicts match classify_critical_point on all {len(_CONCEPT_CASES)} games"


def classify_origin(fn) -> Feedback:
    r"""Check a student's ``fn(a, b, c)`` returning ``(local_nash, local_minimax, gda_stable)``
    (three bools) for the critical point :math:`(0, 0)` of :math:`\tfrac a2x^2 + bxy - \tfrac c2y^2`.

    It compares the verdicts with :func:`lecturecode.solution_concepts.classify_critical_point`
    on six games and stops at the first verdict that differs.

    Examples
    --------
    >>> print(classify_origin(lambda a, b, c: "Nash").message)  # doctest: +NORMALIZE_WHITESPACE
    a = 1, b = 10, c = 1: return a tuple of three bools (local Nash, local minimax, GDA-stable),
    got 'Nash'
    """
    return run_check("ex-concepts-classify", fn, _concept_cases)
