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
from dataclasses import dataclass

__all__ = ["Link", "Table"]


@dataclass(frozen=True)
class Link:
    """A cell that links to ``href`` in HTML and shows ``text`` everywhere else.

    >>> Link("claims", "appendix/claims.html").text
    'claims'
    """

    text: str
    href: str

    def __post_init__(self):
        for name in ("text", "href"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be a str, got {getattr(self, name)!r}")


def _text(cell) -> str:
    return cell.text if isinstance(cell, Link) else cell


def _html_cell(cell) -> str:
    if isinstance(cell, Link):
        return f'<a href="{html.escape(cell.href)}">{html.escape(cell.text)}</a>'
    return html.escape(cell)


def _attributes(attrs: dict) -> str:
    return "".join(f' {k}="{html.escape(v)}"' for k, v in attrs.items())


def _sequence(value, name: str, what: str) -> tuple:
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        raise TypeError(f"{name} must be a sequence of {what}, got {value!r}")
    return tuple(value)


@dataclass(frozen=True)
class Table:
    r"""A table of text: ``header`` and ``rows`` (each a sequence of ``str`` or :class:`Link`),
    checked when it is made (``TypeError``/``ValueError`` naming the argument).

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

    def __post_init__(self):
        header = _sequence(self.header, "header", "str")
        if not header or not all(isinstance(h, str) for h in header):
            raise TypeError(f"header must be a non-empty sequence of str, got {self.header!r}")
        rows = tuple(_sequence(r, f"rows[{i}]", "str or Link cells")
                     for i, r in enumerate(_sequence(self.rows, "rows", "rows (sequences of str or Link)")))
        for i, r in enumerate(rows):
            if len(r) != len(header):
                raise ValueError(f"rows[{i}] must have {len(header)} cells (one per header), got {len(r)}")
            if not all(isinstance(c, (str, Link)) for c in r):
                raise TypeError(f"rows[{i}] must hold str or Link cells, got {r!r}")
        for name in ("caption", "css_class"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"{name} must be a str, got {getattr(self, name)!r}")
        attrs = self.row_attributes
        if attrs is not None:
            attrs = _sequence(attrs, "row_attributes", "dicts")
            if len(attrs) != len(rows) or not all(
                    isinstance(a, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in a.items())
                    for a in attrs):
                raise TypeError("row_attributes must be None or one dict {attribute: str} per row")
        object.__setattr__(self, "header", header)
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "row_attributes", attrs)

    @classmethod
    def of(cls, header, rows, *, caption: str = "", css_class: str = "", row_attributes=None) -> Table:
        """The same as ``Table(...)`` (kept for callers that name the check)."""
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
