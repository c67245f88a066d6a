"""Plain-text and HTML renderings of a table given as a header row and body rows of strings,
shared by the analysis tables (:class:`~lecturecode.analysis.kappa_sweep.SlopeTable`,
:class:`~lecturecode.analysis.lower_bounds.LowerBoundTable`). Internal: no public API here.
"""

from __future__ import annotations

import html

__all__: list = []            # internal: the tables' __str__ and _repr_html_ are the public face


def text_table(head: list, body: list) -> str:
    """Columns padded to their widest cell, two spaces apart.

    >>> print(text_table(["a", "b"], [["xyz", "1"]]))
    a    b
    xyz  1
    """
    widths = [max(len(row[i]) for row in [head, *body]) for i in range(len(head))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in [head, *body])


def html_table(head: list, body: list) -> str:
    """An escaped HTML table with one header row.

    >>> html_table(["a<b"], [["1"]])
    '<table><thead><tr><th>a&lt;b</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'
    """
    cells = "".join(f"<th>{html.escape(c)}</th>" for c in head)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in body)
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table>"
