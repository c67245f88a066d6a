r"""Tables of the book (not figures: no matplotlib).

The comparison table, rendered from :func:`lecturecode.analysis.compare` rows as Markdown
(for text) and HTML (what a notebook cell shows and the website embeds).
"""

from __future__ import annotations

import html
import math

from .analysis.comparison import Row
from .validation import as_scalar

__all__ = ["ComparisonTable", "comparison_table"]

_HEADER = ("method", "hyper-parameters", "rate ρ", "iterations to ε", "F-evaluations to ε", "note")
_SYMBOLS = {"eta": "η", "beta": "β", "ratio": "r", "h": "h"}


def _count(value) -> str:
    if value is None:
        return "— (implicit)"
    return "∞" if math.isinf(value) else f"{value:,.0f}"


def _hyper(hyper: dict) -> str:
    return ", ".join(f"{_SYMBOLS.get(k, k)} = {v:.3g}" for k, v in hyper.items())


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
                note = "tuned " + ", ".join(_SYMBOLS.get(k, k) for k in r.on_boundary) + " on its range's edge"
            out.append((r.method, _hyper(r.hyper), f"{r.rate:.4f}", _count(r.iterations), _count(r.evaluations),
                        note))
        return out

    def markdown(self) -> str:
        """A Markdown pipe table."""
        lines = ["| " + " | ".join(_HEADER) + " |", "|" + "---|" * len(_HEADER)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in self.cells()]
        return "\n".join(lines)

    def html(self) -> str:
        """An HTML table with a caption giving ε."""
        head = "".join(f"<th>{html.escape(h)}</th>" for h in _HEADER)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                       for row in self.cells())
        caption = f"ε = {self.eps:g}; F-evaluations = iterations × evaluations per step"
        return (f'<table class="lc-comparison"><caption>{html.escape(caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def _repr_html_(self):
        return self.html()

    def _repr_markdown_(self):
        return self.markdown()

    def __repr__(self):
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
