r"""Tables of the book (not figures: no matplotlib).

The comparison table, rendered from :func:`lecturecode.analysis.compare` rows as Markdown
(for text) and HTML (what a notebook cell shows and the website embeds).
"""

from __future__ import annotations

import math

from .analysis.comparison import Row
from .methods import format_hyper, hyper_symbol
from .table_type import Table
from .validation import as_scalar

__all__ = ["ComparisonTable", "comparison_table"]

_HEADER = ("method", "hyper-parameters", "rate ρ", "iterations to ε", "F-evaluations to ε", "note")


def _count(value) -> str:
    if value is None:
        return "— (implicit)"
    return "∞" if math.isinf(value) else f"{value:,.0f}"


class ComparisonTable:
    """Rows of a method comparison, shown as an HTML table in a notebook.

    ``notes`` maps a method name to a remark (e.g. "fixed η: no optimum"); a method whose
    tuned hyper-parameter ended on the boundary of its search range gets a note saying so.
    """

    def __init__(self, rows, *, eps: float = 1e-6, notes=None):
        if isinstance(rows, (str, bytes)) or not isinstance(rows, (list, tuple)):
            raise TypeError(f"rows must be a non-empty list of analysis.Row (from analysis.compare), got {rows!r}")
        rows = list(rows)
        if notes is not None and not (isinstance(notes, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in notes.items())):
            raise TypeError(f"notes must be a dict {{method name: remark}} or None, got {notes!r}")
        eps = as_scalar(eps, "eps", low=0.0, high=1.0, low_open=True, high_open=True)
        if not rows or not all(isinstance(r, Row) for r in rows):
            raise TypeError("rows must be a non-empty sequence of analysis.Row (from analysis.compare)")
        self.rows, self.eps = rows, float(eps)
        self.notes = dict(notes or {})

    def cells(self) -> list[tuple[str, ...]]:
        """The table's text, one tuple per row, in the order of :data:`_HEADER`."""
        out = []
        for r in self.rows:
            note = self.notes.get(r.method, "")
            if r.on_boundary and not note:
                note = "tuned " + ", ".join(hyper_symbol(k) for k in r.on_boundary) + " on its range's edge"
            out.append((r.method, format_hyper(r.hyper), f"{r.rate:.4f}", _count(r.iterations), _count(r.evaluations),
                        note))
        return out

    def table(self) -> Table:
        """The :class:`~lecturecode.table_type.Table` this renders (caption gives ε)."""
        caption = f"ε = {self.eps:g}; F-evaluations = iterations × evaluations per step"
        return Table(_HEADER, tuple(self.cells()), caption, "lc-comparison")

    def markdown(self) -> str:
        """A Markdown pipe table."""
        return self.table().to_markdown()

    def html(self) -> str:
        """An HTML table with a caption giving ε."""
        return self.table().html()

    def _repr_html_(self) -> str:
        return self.html()

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def __str__(self) -> str:
        return str(self.table())

    def __repr__(self) -> str:
        return self.markdown()


def comparison_table(rows, *, eps: float = 1e-6, notes=None) -> ComparisonTable:
    """Render comparison rows (from :func:`~lecturecode.analysis.compare` and
    :func:`~lecturecode.analysis.row_at`) as a table.

    Examples
    --------
    >>> from lecturecode.analysis import compare
    >>> from lecturecode.games import quadratic_2d
    >>> table = comparison_table(compare(quadratic_2d(1.0, 10.0, 1.0), ["Sim-GDA", "Alt-GDA"]))
    >>> print(table.markdown())
    | method | hyper-parameters | rate ρ | iterations to ε | F-evaluations to ε | note |
    |---|---|---|---|---|---|
    | Sim-GDA | η = 0.0099 | 0.9950 | 2,777 | 2,777 |  |
    | Alt-GDA | η = 0.181 | 0.8190 | 70 | 70 |  |
    """
    return ComparisonTable(rows, eps=eps, notes=notes)
