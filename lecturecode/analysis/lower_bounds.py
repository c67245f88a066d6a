r"""Lower bounds on the iterations first-order methods need, and where each method sits.

**Strongly monotone games, coarse and fine.** For :math:`\mu`-strongly monotone,
:math:`L`-Lipschitz games a first-order method needs :math:`\Omega(\kappa\log(1/\varepsilon))`
iterations, :math:`\kappa = L/\mu`. With separate constants (:math:`f(\cdot,y)`
:math:`\mu_x`-strongly convex and :math:`L_x`-smooth, :math:`f(x,\cdot)` :math:`\mu_y`-strongly
concave and :math:`L_y`-smooth, coupling :math:`\|\nabla^2_{xy}f\|\le L_{xy}`) the bound of
Zhang, Hong & Zhang (2022) for first-order methods is

.. math::

    \Omega\Big(\sqrt{\tfrac{L_x}{\mu_x} + \tfrac{L_{xy}^2}{\mu_x\mu_y} + \tfrac{L_y}{\mu_y}}\;
    \log\tfrac1\varepsilon\Big).

It is :math:`\Theta(\kappa)` when the coupling dominates, but only :math:`\Theta(\sqrt\kappa)`
when it is weak (then the game is close to two separate minimisations, which Nesterov's
method solves in :math:`O(\sqrt\kappa)`). The bounds fix orders, not constants.

**Bilinear games.** On :math:`f = x^\top B y` the game Hessian has eigenvalues
:math:`\pm i s` for the singular values :math:`s\in[s_{\min}, s_{\max}]` of :math:`B`. A method
whose iterate after :math:`k` field evaluations is :math:`p_k(\mathbf H)e^{(0)}`
(:math:`p_k(0)=1`, degree :math:`k`) is at best as fast as the even polynomial
:math:`q(\lambda^2)` that is smallest on :math:`\lambda^2\in[-s_{\max}^2, -s_{\min}^2]`, a
shifted Chebyshev polynomial, whose rate per evaluation is

.. math::

    \rho_\star = \sqrt{\frac{s_{\max}-s_{\min}}{s_{\max}+s_{\min}}},\qquad
    \text{iterations} \approx \frac{s_{\max}}{s_{\min}}\log\tfrac1\varepsilon
    = \sqrt{\kappa(B^\top B)}\,\log\tfrac1\varepsilon .

Ibrahim et al. (2020) prove linear lower bounds of this kind for bilinear games, with the
square root of :math:`\kappa(B^\top B)`; EG and OGDA need :math:`O(\kappa(B^\top B))`.

References
----------
J. Zhang, M. Hong, S. Zhang. On lower iteration complexity bounds for the convex concave
saddle point problems. Mathematical Programming 194, 2022.
A. Ibrahim, W. Azizian, G. Gidel, I. Mitliagkas. Linear lower bounds and conditioning of
differentiable games. ICML 2020.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..games import block_game, bilinear_spectrum
from ..games.quadratic import QuadraticMinimax
from ..table_type import Table
from ..validation import as_count, as_real_array, as_scalar, check_range
from .kappa_sweep import kappa_sweep
from .rates import loglog_slope

__all__ = ["block_constants", "fine_lower_bound", "bilinear_chebyshev_rate", "decoupled_game", "coupled_game",
           "lower_bound_table"]


class BlockConstants(NamedTuple):
    """The five constants of Zhang, Hong & Zhang's class for a quadratic game."""

    mu_x: float
    mu_y: float
    L_x: float
    L_y: float
    L_xy: float


def block_constants(quadratic) -> BlockConstants:
    r""":math:`\mu_x, L_x` (extreme eigenvalues of :math:`\mathbf A`), :math:`\mu_y, L_y` (of
    :math:`\mathbf C`) and :math:`L_{xy} = \|\mathbf B\|_2` of a quadratic game.

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> block_constants(quadratic_2d(1.0, 10.0, 2.0))
    BlockConstants(mu_x=1.0, mu_y=2.0, L_x=1.0, L_y=2.0, L_xy=10.0)
    """
    if not isinstance(quadratic, QuadraticMinimax):
        raise TypeError(f"quadratic must be a quadratic game (QuadraticMinimax), got {type(quadratic).__name__}")
    a, c = np.linalg.eigvalsh(quadratic.A), np.linalg.eigvalsh(quadratic.C)
    L_xy = float(np.linalg.norm(quadratic.B, 2)) if quadratic.B.size else 0.0
    return BlockConstants(float(a[0]), float(c[0]), float(a[-1]), float(c[-1]), L_xy)


def fine_lower_bound(quadratic) -> float:
    r"""The order of Zhang, Hong & Zhang's bound, iterations per :math:`\log(1/\varepsilon)`:
    :math:`\sqrt{L_x/\mu_x + L_{xy}^2/(\mu_x\mu_y) + L_y/\mu_y}` (constants not included).

    Raises
    ------
    ValueError
        If the game is not strongly convex-strongly concave (:math:`\mu_x` or :math:`\mu_y`
        not positive).

    Examples
    --------
    >>> from lecturecode.games import quadratic_2d
    >>> round(fine_lower_bound(quadratic_2d(1.0, 10.0, 1.0)), 4)       # sqrt(1 + 100 + 1)
    10.0995
    """
    k = block_constants(quadratic)
    if not (k.mu_x > 0 and k.mu_y > 0):
        raise ValueError(f"quadratic must be strongly convex-strongly concave (mu_x, mu_y > 0), got "
                         f"mu_x={k.mu_x:g}, mu_y={k.mu_y:g}")
    return float(np.sqrt(k.L_x / k.mu_x + k.L_xy**2 / (k.mu_x * k.mu_y) + k.L_y / k.mu_y))


def bilinear_chebyshev_rate(s_min, s_max) -> float:
    r"""The best rate per field evaluation of a polynomial method on a bilinear game with
    singular values in :math:`[s_{\min}, s_{\max}]`:
    :math:`\sqrt{(s_{\max}-s_{\min})/(s_{\max}+s_{\min})}`.

    Examples
    --------
    >>> round(bilinear_chebyshev_rate(1.0, 3.0), 6)      # sqrt(2/4)
    0.707107
    """
    s_min = as_scalar(s_min, "s_min", low=1e-6, high=1e6)
    s_max = as_scalar(s_max, "s_max", low=1e-6, high=1e6)
    if s_max < s_min:
        raise ValueError(f"s_max must be at least s_min, got s_min={s_min:g}, s_max={s_max:g}")
    return float(np.sqrt((s_max - s_min) / (s_max + s_min)))


def decoupled_game(kappa, n_blocks: int = 8) -> QuadraticMinimax:
    r"""Weak coupling: :math:`\mathbf B = 0` and curvatures spread over :math:`[1,\kappa]` for both
    players (:math:`\mu_x=\mu_y=1`, :math:`L_x=L_y=\kappa`, :math:`L_{xy}=0`); the fine bound is
    :math:`\sqrt{2\kappa}`.

    Examples
    --------
    >>> round(fine_lower_bound(decoupled_game(50.0)), 6)
    10.0
    """
    kappa = as_scalar(kappa, "kappa", low=1.0, high=1e6)
    n_blocks = as_count(n_blocks, "n_blocks", low=2, high=512)
    a = np.geomspace(1.0, kappa, n_blocks)
    return block_game(a, 0.0 * a, a, name=f"decoupled game, κ = {kappa:g}")


def coupled_game(kappa, n_blocks: int = 8) -> QuadraticMinimax:
    r"""Dominant coupling: :math:`\mathbf A = \mathbf C = \mathbf I` and coupling singular values
    spread over :math:`[1, \kappa]` (:math:`\mu_x=\mu_y=L_x=L_y=1`, :math:`L_{xy}=\kappa`); the
    fine bound is :math:`\sqrt{2+\kappa^2}`.

    Examples
    --------
    >>> round(fine_lower_bound(coupled_game(7.0)), 6)
    7.141428
    """
    kappa = as_scalar(kappa, "kappa", low=1.0, high=1e6)
    n_blocks = as_count(n_blocks, "n_blocks", low=2, high=512)
    ones = np.ones(n_blocks)
    return block_game(ones, np.geomspace(1.0, kappa, n_blocks), ones, name=f"coupled game, κ = {kappa:g}")


class BoundRow(NamedTuple):
    """One regime: its lower-bound exponents in kappa and each method's measured exponent."""

    regime: str
    coarse: float | None
    fine: float
    slopes: dict


class LowerBoundTable(NamedTuple):
    """The rows of :func:`lower_bound_table`; shows as a table in Jupyter and in the book."""

    rows: list
    methods: tuple

    def table(self) -> Table:
        """The bounds and measured exponents as a :class:`~lecturecode.table_type.Table`."""
        head = ("games", "coarse bound", "fine bound") + tuple(f"{m} (measured)" for m in self.methods)
        body = tuple((r.regime, "—" if r.coarse is None else f"{r.coarse:.2f}", f"{r.fine:.2f}",
                      *(f"{r.slopes[m]:.2f}" if m in r.slopes else "—" for m in self.methods)) for r in self.rows)
        return Table(head, body)

    def __str__(self) -> str:
        return str(self.table())

    def _repr_html_(self) -> str:
        return self.table().html()


_STEP = {"eta": (1e-4, 10.0)}


def lower_bound_table(kappas) -> LowerBoundTable:
    r"""Exponents in :math:`\kappa` of the iterations to :math:`10^{-6}`: the coarse bound
    (:math:`\kappa`, exponent 1), the fine bound fitted over ``kappas``, and Sim-GDA, EG and OGDA
    each tuned per game, on three families: weak coupling (:func:`decoupled_game`), dominant
    coupling (:func:`coupled_game`), and bilinear games with :math:`\kappa(B^\top B)=\kappa`
    (:func:`~lecturecode.games.bilinear_spectrum`; there the bound is the Chebyshev rate's,
    and Sim-GDA diverges).

    Parameters
    ----------
    kappas : array_like
        At least two condition numbers in ``[2, 1e4]``.

    Examples
    --------
    >>> t = lower_bound_table([10, 100])
    >>> [(r.regime, round(r.fine, 1), round(r.slopes["Sim-GDA"], 1)) for r in t.rows[:2]]
    [('weak coupling', 0.5, 1.0), ('dominant coupling', 1.0, 2.0)]
    """
    kappas = check_range(as_real_array(kappas, "kappas"), "kappas", low=2.0, high=1e4)
    if kappas.ndim != 1 or kappas.size < 2 or np.unique(kappas).size < 2:
        raise ValueError("kappas must be a 1-D array of at least two different condition numbers")
    methods = ("Sim-GDA", "Negative momentum", "EG", "OGDA", "Alt-GDA")
    rows = []
    for regime, family in (("weak coupling", decoupled_game), ("dominant coupling", coupled_game)):
        laws = kappa_sweep(list(methods), kappas, family=family)
        fine = [fine_lower_bound(family(k)) for k in kappas]
        rows.append(BoundRow(regime, 1.0, loglog_slope(kappas, fine), {m: laws[m].slope for m in methods}))
    bil = kappa_sweep(["EG", "OGDA"], kappas, spaces={"EG": _STEP, "OGDA": _STEP}, family=bilinear_spectrum)
    cheb = [-1 / np.log(bilinear_chebyshev_rate(1.0, np.sqrt(k))) for k in kappas]
    rows.append(BoundRow("bilinear, κ = κ(BᵀB)", None, loglog_slope(kappas, cheb),
                         {m: bil[m].slope for m in ("EG", "OGDA")}))
    return LowerBoundTable(rows, methods)
