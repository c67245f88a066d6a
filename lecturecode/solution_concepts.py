r"""Which solution concept does a critical point of a minimax game satisfy?

For :math:`\min_x \max_y f(x, y)` at a critical point (:math:`\nabla f = 0`), with the
Hessian blocks read off the game Jacobian
:math:`J = \begin{pmatrix} f_{xx} & f_{xy} \\ -f_{yx} & -f_{yy}\end{pmatrix}`:

* **strict local Nash**: :math:`f_{xx} \succ 0` and :math:`f_{yy} \prec 0` (each player is at a
  strict local optimum of its own loss, the other player fixed);
* **strict local minimax** (Jin, Netrapalli & Jordan, 2020): :math:`f_{yy} \prec 0` and the
  Schur complement :math:`f_{xx} - f_{xy} f_{yy}^{-1} f_{yx} \succ 0` (x moves first and y
  best-responds);
* **GDA-stable** (a stable limit point of the gradient flow, hence of GDA with small
  steps): every eigenvalue of :math:`J` has positive real part.

Strict local Nash implies the other two; beyond that the three concepts differ
(Daskalakis & Panageas, 2018; Wang, Zhang & Ba, 2020). These are the standard
second-order *sufficient* conditions: when a relevant eigenvalue is (numerically) zero the
test is inconclusive and the result says ``degenerate``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .games import Game
from .games import double_well_game, matching_pennies, solution_concept_examples
from .validation import as_point, as_scalar

__all__ = ["Classification", "classify_critical_point", "inspector_cases", "two_timescale_stable"]


class Classification(NamedTuple):
    """The verdicts at a critical point and the matrices behind them."""

    point: np.ndarray
    f_xx: np.ndarray
    f_xy: np.ndarray
    f_yy: np.ndarray
    schur: np.ndarray | None          # f_xx - f_xy f_yy^{-1} f_yx (None if f_yy is singular)
    eig_f_xx: np.ndarray
    eig_f_yy: np.ndarray
    eig_schur: np.ndarray | None
    eig_J: np.ndarray
    local_nash: bool
    local_minimax: bool
    gda_stable: bool
    degenerate: bool

    @property
    def badges(self) -> dict:
        """``{"local Nash": bool, "local minimax": bool, "GDA-stable": bool}``."""
        return {"local Nash": self.local_nash, "local minimax": self.local_minimax,
                "GDA-stable": self.gda_stable}

    def summary(self) -> str:
        """One line per concept, with the eigenvalues that decide it."""
        def fmt(v):
            parts = []
            for x in np.atleast_1d(v):
                x = complex(x) + 0.0                 # + 0.0 turns -0 into 0
                parts.append(f"{x.real + 0.0:.3g}" + (f"{x.imag:+.3g}i" if abs(x.imag) > 1e-9 else ""))
            return "[" + ", ".join(parts) + "]"
        mark = {True: "yes", False: "no"}
        lines = [
            f"local Nash    : {mark[self.local_nash]:3}  eig f_xx = {fmt(self.eig_f_xx)}, "
            f"eig f_yy = {fmt(self.eig_f_yy)}",
            f"local minimax : {mark[self.local_minimax]:3}  eig f_yy = {fmt(self.eig_f_yy)}, eig Schur = "
            + (fmt(self.eig_schur) if self.eig_schur is not None else "undefined (f_yy singular)"),
            f"GDA-stable    : {mark[self.gda_stable]:3}  eig J = {fmt(self.eig_J)}",
        ]
        if self.degenerate:
            lines.append("(degenerate: an eigenvalue is ~0, so a 'no' here is inconclusive)")
        return "\n".join(lines)


def classify_critical_point(game, z, *, tol: float = 1e-8) -> Classification:
    r"""Classify the critical point ``z`` of a two-player zero-sum game.

    Parameters
    ----------
    game : game object
        A two-player zero-sum game (``game.zero_sum`` and two entries in ``game.dims``).
    z : array_like, shape (d,)
        The point; it must be critical, :math:`\|F(z)\| \le` ``tol`` :math:`\cdot\max(1, \|J(z)\|)`.
    tol : float
        Threshold for "zero" in the gradient and eigenvalue tests, in ``(0, 0.01]``.

    Returns
    -------
    Classification

    Examples
    --------
    >>> from lecturecode.games import solution_concept_examples
    >>> games = solution_concept_examples()
    >>> c = classify_critical_point(games["−3x² − y² + 4xy"], [0.0, 0.0])
    >>> c.badges
    {'local Nash': False, 'local minimax': True, 'GDA-stable': False}
    """
    if not isinstance(game, Game):
        raise TypeError(f"game must be a lecturecode Game, got {game!r}")
    if game.n_players != 2 or not game.zero_sum:
        raise ValueError(f"classify_critical_point needs a two-player zero-sum game, got {game.name!r}")
    tol = as_scalar(tol, "tol", low=0.0, low_open=True, high=1e-2)
    z = game.check_points(as_point(z, game.d, "z"), "z")
    with np.errstate(all="ignore"):
        J = np.array(game.J(z), dtype=float)
        F = np.array(game.F(z), dtype=float)
        if not (np.all(np.isfinite(J)) and np.all(np.isfinite(F))) or np.abs(J).max() > 1e150:
            raise ValueError(f"z = {z.tolist()} is too large: the field of {game.name} or its Jacobian overflows there")
        grad_norm = float(np.linalg.norm(F))
    if grad_norm > tol * max(1.0, float(np.linalg.norm(J, 2))):
        raise ValueError(f"z = {z.tolist()} is not a critical point of the game {game.name}: "
                         f"||F(z)|| = {grad_norm:.3g} > tol")
    n = game.dims[0]
    f_xx = 0.5 * (J[:n, :n] + J[:n, :n].T)
    f_yy = -0.5 * (J[n:, n:] + J[n:, n:].T)
    f_xy = J[:n, n:]
    eig_xx, eig_yy = np.linalg.eigvalsh(f_xx), np.linalg.eigvalsh(f_yy)
    eig_J = np.linalg.eigvals(J)
    scale = tol * max(1.0, float(np.abs(J).max()))
    if np.all(np.abs(eig_yy) > scale):
        schur = f_xx - f_xy @ np.linalg.solve(f_yy, f_xy.T)
        schur = 0.5 * (schur + schur.T)
        eig_schur = np.linalg.eigvalsh(schur)
    else:
        schur = eig_schur = None
    degenerate = bool(np.any(np.abs(eig_xx) <= scale) or np.any(np.abs(eig_yy) <= scale)
                      or (eig_schur is not None and np.any(np.abs(eig_schur) <= scale))
                      or np.any(np.abs(eig_J.real) <= scale))
    return Classification(
        point=z, f_xx=f_xx, f_xy=f_xy, f_yy=f_yy, schur=schur,
        eig_f_xx=eig_xx, eig_f_yy=eig_yy, eig_schur=eig_schur, eig_J=eig_J,
        local_nash=bool(np.all(eig_xx > scale) and np.all(eig_yy < -scale)),
        local_minimax=bool(np.all(eig_yy < -scale) and eig_schur is not None and np.all(eig_schur > scale)),
        gda_stable=bool(np.all(eig_J.real > scale)),
        degenerate=degenerate,
    )


def two_timescale_stable(game, z, ratio: float = 1e3) -> bool:
    r"""Whether the critical point ``z`` is a stable limit point of two-timescale GDA with small
    steps, the maximiser's step ``ratio`` times the minimiser's: every eigenvalue of
    :math:`\operatorname{diag}(I, rI)\,J(z)` has positive real part. As :math:`r \to \infty`
    (∞-GDA) these are exactly the strict local minimax points, up to degenerate cases
    (Jin, Netrapalli & Jordan, 2020).

    Examples
    --------
    >>> from lecturecode.games import solution_concept_examples
    >>> g = solution_concept_examples()["−3x² − y² + 4xy"]             # local minimax, GDA-unstable
    >>> two_timescale_stable(g, [0.0, 0.0], ratio=1.0), two_timescale_stable(g, [0.0, 0.0], ratio=10.0)
    (False, True)
    """
    c = classify_critical_point(game, z)
    ratio = as_scalar(ratio, "ratio", low=1e-6, high=1e12)
    n = game.dims[0]
    J = np.array(game.J(c.point), dtype=float)
    scaled = J.copy()
    scaled[n:] *= ratio
    eig = np.linalg.eigvals(scaled)
    return bool(np.all(eig.real > 1e-12 * max(1.0, float(np.abs(scaled).max()))))


def inspector_cases() -> dict:
    """The (game, critical point) pairs of the solution-concept inspector, keyed by label:
    the lecture's three separating examples, matching pennies and the double-well game.

    Examples
    --------
    >>> len(inspector_cases())
    7
    """

    cases = {f"{name} at (0, 0)": (game, np.zeros(2)) for name, game in solution_concept_examples().items()}
    pennies = matching_pennies()
    cases["matching pennies at (½, ½)"] = (pennies, pennies.z_star)
    well = double_well_game()
    for label, point in well.critical_points.items():
        cases[f"double well at {label}"] = (well, point)
    return cases
