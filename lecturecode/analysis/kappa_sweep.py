r"""The κ-sweep that ranks methods: iterations to a tolerance against the condition number,
every method from the registry at its tuned hyper-parameters, and the table of fitted
exponents next to what theory says (:attr:`Spec.kappa_exponent
<lecturecode.methods.registry.Spec>`).

The tuning is fast because it exploits what the game is: the worst-case game is
block-diagonal, so the operator analysis runs the methods' own ``step`` once on the stack
of 2-D blocks (:func:`~lecturecode.analysis.convergence_rate`), for a whole grid of
hyper-parameters at a time.
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from ..games import worst_case_game
from ..methods.registry import REGISTRY, format_hyper
from ..table_type import Table
from ..validation import as_scalar
from .operators import convergence_rate
from .tuning import Tuned
from .worst_case import IterationLaw, as_kappas, iteration_law, iterations_vs_kappa, worst_member

__all__ = ["kappa_sweep", "SlopeRow", "SlopeTable", "slope_table"]


def _registry_names(names, what: str) -> list:
    if isinstance(names, (str, bytes)) or not hasattr(names, "__iter__"):
        raise TypeError(f"{what} must be a sequence of registry names, got {names!r}")
    names = list(names)
    for name in names:
        if not isinstance(name, str) or name not in REGISTRY:
            raise ValueError(f"{what} must be names in the registry {list(REGISTRY)}, got {name!r}")
    return names


def _fixed(space) -> dict | None:
    """``space`` as {name: float} when it fixes every hyper-parameter, else ``None``."""
    if isinstance(space, dict) and space and all(
            isinstance(v, numbers.Real) and not isinstance(v, bool) for v in space.values()):
        return {k: as_scalar(v, f"space[{k!r}]") for k, v in space.items()}
    return None


def kappa_sweep(names, kappas, eps: float = 1e-6, *, spaces=None, family=None) -> dict:
    r"""Iterations to ``eps`` against :math:`\kappa` for registered methods, each tuned.

    Each method is tuned on each game by :func:`~lecturecode.analysis.tune` over its
    registered space (or ``spaces[name]``); a space that fixes every hyper-parameter (e.g.
    ``{"eta": 10.0}`` for proximal point, which has no optimal step) is evaluated as is.

    Parameters
    ----------
    names : sequence of str
        Registry names, e.g. ``["Sim-GDA", "EG"]``.
    kappas : array_like
        At least two condition numbers ``>= 1``.
    spaces : dict, optional
        ``{name: space}`` overriding registered tuning spaces.
    family : callable, optional
        ``family(kappa) -> Game``; by default the worst case of the class with
        :math:`\mu = 1`, :math:`L = \kappa` for each method (see
        :func:`~lecturecode.analysis.iterations_vs_kappa`).

    Returns
    -------
    dict {name: IterationLaw}

    Examples
    --------
    >>> laws = kappa_sweep(["Sim-GDA", "EG"], [10, 100, 1000])
    >>> {name: round(law.slope, 1) for name, law in laws.items()}
    {'Sim-GDA': 2.0, 'EG': 1.0}
    """
    names = _registry_names(names, "names")
    spaces = {} if spaces is None else spaces
    if not isinstance(spaces, dict):
        raise TypeError(f"spaces must be a dict {{name: space}}, got {spaces!r}")
    _registry_names(spaces, "spaces keys")
    for key, space in spaces.items():
        if not isinstance(space, dict) or not space:
            raise TypeError(f"spaces[{key!r}] must be a tuning space dict {{hyper: range}}, got {space!r}")
    kappas = as_kappas(kappas)
    if family is not None and not callable(family):
        raise TypeError(f"family must be a function kappa -> Game, got {family!r}")
    laws = {}
    for name in names:
        spec = REGISTRY[name]
        space = spaces.get(name, spec.space)
        if space is None:
            raise ValueError(f"names: {name} has no tuning space (its update is not linear in z), so it "
                             "has no rate to sweep")
        fixed = _fixed(space)
        if fixed is None:
            law = iterations_vs_kappa(spec.make, kappas, eps, space=space, family=family)
            laws[name] = law._replace(method=name, spec=spec)
            continue
        method = spec.make(**fixed)
        results = [Tuned(dict(fixed), _fixed_rate(method, float(k), family), 1, ()) for k in kappas]
        laws[name] = iteration_law(kappas, results, eps, name, spec, what=f"{name} at {fixed}",
                                   hint="its hyper-parameters are fixed by its space")
    return laws


def _fixed_rate(method, kappa, family):
    """The rate at fixed hyper-parameters on ``family(kappa)`` or on the class's worst case."""
    if family is not None:
        return convergence_rate(method, family(kappa))
    if method.info.h_function:
        return convergence_rate(method, worst_case_game(1.0, kappa))
    return worst_member(method, 1.0, kappa).rate


class SlopeRow(NamedTuple):
    """One method of :func:`slope_table`.

    ``on_boundary`` names the hyper-parameters tuned onto an end of their range at some kappa
    (:attr:`Tuned.on_boundary <lecturecode.analysis.Tuned>`; empty: inside everywhere)."""

    method: str
    slope: float
    theory: float | None
    hyper: dict
    on_boundary: tuple
    reference: str
    note: str = ""


class SlopeTable(NamedTuple):
    """Fitted κ-exponents next to theory; shows as a table in Jupyter and in the book."""

    rows: list

    def table(self) -> Table:
        """The :class:`~lecturecode.table_type.Table` this renders."""
        head = ("method", "fitted slope", "theory", "tuned at largest κ", "reference")
        body = []
        for r in self.rows:
            hyper = format_hyper(r.hyper)
            if r.on_boundary:
                hyper += " (edge of range)"
            theory = "—" if r.theory is None else f"{r.theory:g}"
            method = f"{r.method} ({r.note})" if r.note else r.method
            body.append((method, f"{round(r.slope, 3) + 0.0:.3f}", theory, hyper, r.reference))
        return Table(head, tuple(body))

    def __str__(self) -> str:
        return str(self.table())

    def _repr_html_(self) -> str:
        return self.table().html()


def slope_table(laws) -> SlopeTable:
    r"""Each law's fitted exponent next to the registry's :attr:`kappa_exponent`, with the
    hyper-parameters tuned at the largest :math:`\kappa` and the reference.

    Parameters
    ----------
    laws : dict {registry name: IterationLaw}
        As from :func:`kappa_sweep`.

    Examples
    --------
    >>> table = slope_table(kappa_sweep(["Sim-GDA"], [10, 100]))
    >>> [(r.method, round(r.slope, 2), r.theory) for r in table.rows]
    [('Sim-GDA', 2.0, 2.0)]
    """
    if not isinstance(laws, dict) or not laws:
        raise TypeError(f"laws must be a non-empty dict {{registry name: IterationLaw}}, got {laws!r}")
    _registry_names(laws, "laws keys")
    rows = []
    for name, law in laws.items():
        if not isinstance(law, IterationLaw):
            raise TypeError(f"laws[{name!r}] must be an IterationLaw, got {law!r}")
        edges = law.on_boundary
        if not (isinstance(edges, tuple) and all(isinstance(e, tuple) and all(isinstance(k, str) for k in e)
                                                 for e in edges)):
            raise TypeError(f"laws[{name!r}].on_boundary must be a tuple (one per kappa) of tuples of "
                            f"hyper-parameter names, got {edges!r}")
        spec = REGISTRY[name] if law.spec is None else law.spec     # kappa_sweep's laws carry their entry
        hyper = {k: float(np.asarray(v)[-1]) for k, v in law.hyper.items()}
        edge = tuple(k for k in law.hyper if any(k in names for names in edges))
        implicit = spec.make(**spec.example).info.evaluations is None
        rows.append(SlopeRow(law.method or name, float(law.slope), spec.kappa_exponent, hyper, edge, spec.reference,
                             "per outer step; inner solve not counted" if implicit else ""))
    return SlopeTable(rows)
