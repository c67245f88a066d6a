r"""Checks for the exercises that build a method's update operator on a quadratic game.

For :math:`f(x, y) = \tfrac12 x^\top A x + x^\top B y - \tfrac12 y^\top C y` the student writes
the matrix :math:`M(\eta)` with :math:`z^{(k+1)} = M z^{(k)}`; the oracle is
:func:`lecturecode.analysis.update_matrix`, which runs the method's own ``step`` on basis
vectors. A wrong answer is located block by block (which of the four blocks, and what it
should be), and two classic mix-ups are named: Sim-GDA's matrix given for Alt-GDA's and the
other way round.
"""

from __future__ import annotations

import numpy as np

from ..analysis import update_matrix
from ..games import quadratic_minimax
from ..methods import alt_gda, sim_gda
from ._feedback import Feedback, Problem, as_result_array, call, close, fmt, run_check

__all__ = ["sim_gda_matrix", "alt_gda_matrix"]

_BLOCK_NAMES = ("top-left (x from x)", "top-right (x from y)", "bottom-left (y from x)", "bottom-right (y from y)")
_FORMULAS = {
    "Sim-GDA": (r"I - ηA", "-ηB", "ηBᵀ", "I - ηC"),
    "Alt-GDA": (r"I - ηA", "-ηB", "ηBᵀ(I - ηA)", "I - ηC - η²BᵀB"),
}


def _cases():
    """Quadratic games of several shapes (the scalar lecture example, then random blocks)."""
    rng = np.random.default_rng(2541)
    yield "f = 0.5x² + 10xy - 0.5y², η = 0.01", np.array([[1.0]]), np.array([[10.0]]), np.array([[1.0]]), 0.01
    for n_x, n_y, eta in ((2, 3, 0.1), (3, 1, 0.05), (2, 2, 0.3)):
        a = rng.standard_normal((n_x, n_x))
        c = rng.standard_normal((n_y, n_y))
        yield (f"random game with n_x = {n_x}, n_y = {n_y}, η = {eta}", a @ a.T + np.eye(n_x),
               rng.standard_normal((n_x, n_y)), c @ c.T + np.eye(n_y), eta)


def _blocks(M, n_x):
    return M[:n_x, :n_x], M[:n_x, n_x:], M[n_x:, :n_x], M[n_x:, n_x:]


def _operator_cases(fn, method_name: str, make, other_name: str, other):
    for case, A, B, C, eta in _cases():
        n_x, d = A.shape[0], A.shape[0] + C.shape[0]
        game = quadratic_minimax(A, B, C)
        expected = update_matrix(make(eta), game)
        got = as_result_array(call(fn, A.copy(), B.copy(), C.copy(), eta, case=case), (d, d), case=case,
                              what="the matrix")
        if close(got, expected):
            continue
        if close(got, update_matrix(other(eta), game)):
            raise Problem(f"{case}: this is {other_name}'s operator, not {method_name}'s. "
                          + ("In Alt-GDA the maximiser responds to the *new* x, so the bottom blocks "
                             "involve I - ηA and η²BᵀB." if method_name == "Alt-GDA" else
                             "In Sim-GDA both players use the *old* point, so no product of step sizes "
                             "appears."))
        for name, formula, g, e in zip(_BLOCK_NAMES, _FORMULAS[method_name], _blocks(got, n_x),
                                       _blocks(expected, n_x)):
            if not close(g, e):
                hint = ""
                if close(g, -e):
                    hint = " (it has the wrong sign: remember y *ascends* f, so F has -∇_y f)"
                raise Problem(f"{case}: the {name} block should be {formula} = {fmt(e)}, got {fmt(g)}{hint}")
    return (f"your {method_name} operator matches update_matrix({method_name.lower().replace('-', '_')}(η), "
            "game) on all 4 games")


def sim_gda_matrix(fn) -> Feedback:
    r"""Check a student's ``fn(A, B, C, eta)`` returning Sim-GDA's update operator
    :math:`J_{\mathrm{Sim}}` (the matrix with :math:`z^{(k+1)} = J_{\mathrm{Sim}} z^{(k)}`) on the
    quadratic game with blocks ``A``, ``B``, ``C``.

    It compares the matrix with :func:`lecturecode.analysis.update_matrix` on four games, block by
    block, and recognises Alt-GDA's operator handed in instead.

    Examples
    --------
    >>> sim_gda_matrix(lambda A, B, C, eta: np.eye(len(A) + len(C))).passed
    False
    """
    return run_check("ex-simgda-matrix", fn,
                     lambda f: _operator_cases(f, "Sim-GDA", sim_gda, "Alt-GDA", alt_gda))


def alt_gda_matrix(fn) -> Feedback:
    r"""Check a student's ``fn(A, B, C, eta)`` returning Alt-GDA's update operator
    :math:`J_{\mathrm{Alt}}` (the matrix with :math:`z^{(k+1)} = J_{\mathrm{Alt}} z^{(k)}`) on the
    quadratic game with blocks ``A``, ``B``, ``C``.

    It compares the matrix with :func:`lecturecode.analysis.update_matrix` on four games, block by
    block, and recognises Sim-GDA's operator handed in instead.

    Examples
    --------
    >>> print(alt_gda_matrix(lambda A, B, C, eta: np.eye(2)).message.split(":")[0])
    f = 0.5x² + 10xy - 0.5y², η = 0.01
    """
    return run_check("ex-altgda-matrix", fn,
                     lambda f: _operator_cases(f, "Alt-GDA", alt_gda, "Sim-GDA", sim_gda))
