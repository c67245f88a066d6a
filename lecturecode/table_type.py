r"""The one table type of the package: a header and rows of text, shown three ways.

A :class:`Table` is a plain value (no numbers, no matplotlib): the renderers of the book's
tables (:class:`lecturecode.tables.ComparisonTable`, the claims ledger, the κ-sweep's
:class:`~lecturecode.analysis.SlopeTable`) compute their cells and hand them to it, so HTML
(what a notebook cell and the website show), Markdown and plain text are written once.

It sits at the bottom of the layer stack (it imports nothing from the package), so any layer
that renders a table may use it.
"""

from __future__ import annotations

import html
from typing import NamedTuple

__all__ = ["Link", "Table"]


class Link(NamedTuple):
    """A cell that links to ``href`` in HTML and shows ``text`` everywhere else."""

    text: str
    href: str


def _text(cell) -> str:
    return cell.text if isinstance(cell, Link) else cell


def _html_cell(cell) -> str:
    if isinstance(cell, Link):
        return f'<a href="{html.escape(cell.href)}">{html.escape(cell.text)}</a>'
    return html.escape(cell)


def _attributes(attrs: dict) -> str:
    return "".join(f' {k}="{html.escape(v)}"' for k, v in attrs.items())


class Table(NamedTuple):
    r"""A table of text: ``header`` and ``rows`` (each a tuple of ``str`` or :class:`Link`).

    Attributes
    ----------
    header : tuple of str
        Column titles.
    rows : tuple of tuples
        One tuple of cells per row, as long as ``header``.
    caption : str
        Shown above the HTML table (omitted when empty).
    css_class : str
        The HTML table's ``class`` (omitted when empty).
    row_attributes : tuple of dict or None
        Per row, HTML attributes of its ``<tr>`` (e.g. ``{"class": ..., "id": ...}``).

    Examples
    --------
    >>> t = Table(("method", "rate"), (("EG", "0.73"), ("a|b", "1.00")))
    >>> print(t.to_markdown())
    | method | rate |
    |---|---|
    | EG | 0.73 |
    | a\|b | 1.00 |
    >>> print(t)
    method  rate
    EG      0.73
    a|b     1.00
    >>> Table(("x",), ((Link("<b>", "p.html"),),), css_class="c").html()[-71:]
    '<tbody><tr><td><a href="p.html">&lt;b&gt;</a></td></tr></tbody></table>'
    """

    header: tuple
    rows: tuple
    caption: str = ""
    css_class: str = ""
    row_attributes: tuple | None = None

    @classmethod
    def of(cls, header, rows, *, caption: str = "", css_class: str = "", row_attributes=None) -> Table:
        """A validated table (``TypeError``/``ValueError`` naming the argument otherwise)."""
        if isinstance(header, (str, bytes)) or not hasattr(header, "__iter__"):
            raise TypeError(f"header must be a sequence of str, got {header!r}")
        header = tuple(header)
        if not header or not all(isinstance(h, str) for h in header):
            raise TypeError(f"header must be a non-empty sequence of str, got {header!r}")
        if isinstance(rows, (str, bytes)) or not hasattr(rows, "__iter__"):
            raise TypeError(f"rows must be a sequence of rows (tuples of str or Link), got {rows!r}")
        rows = tuple(tuple(r) for r in rows)
        for i, r in enumerate(rows):
            if len(r) != len(header):
                raise ValueError(f"rows[{i}] must have {len(header)} cells (one per header), got {len(r)}")
            if not all(isinstance(c, (str, Link)) for c in r):
                raise TypeError(f"rows[{i}] must hold str or Link cells, got {r!r}")
        for name, value in (("caption", caption), ("css_class", css_class)):
            if not isinstance(value, str):
                raise TypeError(f"{name} must be a str, got {value!r}")
        if row_attributes is not None:
            row_attributes = tuple(row_attributes)
            if len(row_attributes) != len(rows) or not all(
                    isinstance(a, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in a.items())
                    for a in row_attributes):
                raise TypeError("row_attributes must be None or one dict {attribute: str} per row")
        return cls(header, rows, caption, css_class, row_attributes)

    def text_rows(self) -> list[tuple[str, ...]]:
        """The rows as plain text (a :class:`Link` shows its text)."""
        return [tuple(_text(c) for c in r) for r in self.rows]

    def to_markdown(self) -> str:
        """A Markdown pipe table (a ``|`` inside a cell is escaped)."""
        lines = ["| " + " | ".join(self.header) + " |", "|" + "---|" * len(self.header)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in self.text_rows()]
        return "\n".join(lines)

    def html(self) -> str:
        """An HTML table (text escaped)."""
        cls = f' class="{html.escape(self.css_class)}"' if self.css_class else ""
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self.header)
        attrs = self.row_attributes or ({},) * len(self.rows)
        body = "".join(f"<tr{_attributes(a)}>" + "".join(f"<td>{_html_cell(c)}</td>" for c in row) + "</tr>"
                       for row, a in zip(self.rows, attrs, strict=True))
        return f"<table{cls}>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def _repr_html_(self) -> str:
        return self.html()

    def __str__(self) -> str:
        rows = [tuple(self.header), *self.text_rows()]
        widths = [max(len(row[i]) for row in rows) for i in range(len(self.header))]
        return "\n".join("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows)
