r"""The ledger's machinery: a :class:`Claim` (what is claimed, by whom, how it is measured, the
theoretical value and the tolerance), its evaluation, and the table the appendix shows.

A claim is a relation between a measured number and a theoretical one:

* ``"="``: :math:`|m - t| \le \text{tol}`;
* ``"≤"``: :math:`m \le t + \text{tol}` (a bound the measurement must respect);
* ``"≥"``: :math:`m \ge t - \text{tol}`.

The test suite asserts every claim from this one definition, and the appendix page lists
them with the measured value, so no number of the ledger is written twice.
"""

from __future__ import annotations

import math
from typing import Callable, NamedTuple

from ..table_type import Link, Table
from ..validation import as_callable

__all__ = ["Claim", "ClaimResult", "evaluate", "LedgerTable", "ledger_table"]

RELATIONS = ("=", "≤", "≥")


class Claim(NamedTuple):
    """One quantitative claim of the lecture or of a chapter.

    Attributes
    ----------
    key : str
        Short identifier (used by the tests and the page's anchors).
    statement : str
        The claim in words (Unicode math, no TeX).
    chapter : str
        The chapter that makes it (a notebook name in ``chapters/``).
    source : str
        Who says so: the paper (author, year) or "lecture".
    how : str
        How the package measures it.
    measure : callable
        ``measure() -> float``, the measurement.
    theory : float
        The theoretical value (or bound).
    relation : {"=", "≤", "≥"}
        How the measurement must relate to ``theory``.
    tolerance : float
        Allowed deviation (absolute).
    status : {"measured", "not reproduced"}
        ``"not reproduced"`` for a claim the book lists but does not reproduce (``measure``
        is then ``None``, ``theory`` NaN, and ``how`` says why).
    """

    key: str
    statement: str
    chapter: str
    source: str
    how: str
    measure: Callable[[], float]
    theory: float
    relation: str = "="
    tolerance: float = 1e-6
    status: str = "measured"


STATUSES = ("measured", "not reproduced")


class ClaimResult(NamedTuple):
    """A claim with its measured value and verdict (``passed`` is ``None`` for a claim that is
    not reproduced, whose ``measured`` is NaN)."""

    claim: Claim
    measured: float
    passed: bool | None


def evaluate(claim: Claim) -> ClaimResult:
    """Measure ``claim`` and compare with its theoretical value.

    Examples
    --------
    >>> c = Claim("demo", "1 + 1 = 2", "sim_gda", "arithmetic", "adding", lambda: 1.0 + 1.0, 2.0)
    >>> evaluate(c).passed
    True
    """
    if not isinstance(claim, Claim):
        raise TypeError(f"claim must be a lecturecode.claims.Claim, got {claim!r}")
    if claim.relation not in RELATIONS:
        raise ValueError(f"claim.relation must be one of {RELATIONS}, got {claim.relation!r}")
    if claim.status not in STATUSES:
        raise ValueError(f"claim.status must be one of {STATUSES}, got {claim.status!r}")
    if claim.status == "not reproduced":
        return ClaimResult(claim, float("nan"), None)
    measured = float(as_callable(claim.measure, "claim.measure")())
    t, tol = float(claim.theory), float(claim.tolerance)
    if not math.isfinite(measured):
        passed = False
    elif claim.relation == "=":
        passed = abs(measured - t) <= tol
    elif claim.relation == "≤":
        passed = measured <= t + tol
    else:
        passed = measured >= t - tol
    return ClaimResult(claim, measured, bool(passed))


def _number(x: float) -> str:
    if x != 0 and (abs(x) >= 1e4 or abs(x) < 1e-3):
        return f"{x:.3e}"
    return f"{x:.4g}"


class LedgerTable:
    """Evaluated claims as a table (HTML in a notebook and on the site, Markdown as text). In the
    HTML each chapter links to its page (``../chapters/<chapter>.html``, as seen from the appendix)."""

    header = ("claim", "chapter", "source", "how it is measured", "measured", "theory", "verdict")

    def __init__(self, results):
        if isinstance(results, (str, bytes)) or not hasattr(results, "__iter__"):
            raise TypeError(f"results must be a sequence of ClaimResult, got {results!r}")
        results = list(results)
        if not results or not all(isinstance(r, ClaimResult) for r in results):
            raise TypeError("results must be a non-empty sequence of ClaimResult (from claims.evaluate)")
        self.results = results

    @property
    def n_passed(self) -> int:
        """How many claims hold."""
        return sum(r.passed is True for r in self.results)

    @property
    def n_not_reproduced(self) -> int:
        """How many claims the book lists without reproducing them."""
        return sum(r.passed is None for r in self.results)

    def cells(self) -> list[tuple[str, ...]]:
        """The table's text, one tuple per claim, in the order of :attr:`header`."""
        rows = []
        for r in self.results:
            c = r.claim
            if r.passed is None:
                rows.append((c.statement, c.chapter, c.source, c.how, "—", "—", "not reproduced"))
                continue
            tol = f" ± {c.tolerance:.0e}" if c.relation == "=" and c.tolerance else ""
            theory = f"{c.relation} {_number(c.theory)}{tol}" if c.relation != "=" else f"{_number(c.theory)}{tol}"
            rows.append((c.statement, c.chapter, c.source, c.how, _number(r.measured), theory,
                         "✓ holds" if r.passed else "✗ fails"))
        return rows

    def table(self) -> Table:
        """The :class:`~lecturecode.table_type.Table` this renders: each chapter links to its page,
        each row carries its verdict's class and the claim's anchor."""
        rows, attrs = [], []
        for r, row in zip(self.results, self.cells(), strict=True):
            rows.append((row[0], Link(row[1], f"../chapters/{r.claim.chapter}.html"), *row[2:]))
            attrs.append({"class": {True: "claim-pass", False: "claim-fail", None: "claim-open"}[r.passed],
                          "id": f"claim-{r.claim.key}"})
        return Table(self.header, tuple(rows), css_class="claims-table", row_attributes=tuple(attrs))

    def to_markdown(self) -> str:
        """A Markdown table."""
        return self.table().to_markdown()

    def _repr_html_(self) -> str:
        measured = len(self.results) - self.n_not_reproduced
        summary = f"{self.n_passed} of {measured} measured claims hold"
        if self.n_not_reproduced:
            summary += f"; {self.n_not_reproduced} not reproduced"
        return f'<div class="claims-ledger"><p><strong>{summary}.</strong></p>{self.table().html()}</div>'

    def __str__(self) -> str:
        return str(self.table())

    def __repr__(self) -> str:
        return self.to_markdown()


def ledger_table(results) -> LedgerTable:
    """The appendix table of evaluated claims.

    Examples
    --------
    >>> c = Claim("demo", "1 + 1 = 2", "sim_gda", "arithmetic", "adding", lambda: 2.0, 2.0)
    >>> ledger_table([evaluate(c)]).n_passed
    1
    """
    return LedgerTable(results)
