"""The bibliography parses (a broken entry stops the whole site build) and every key the book
cites is in it, checked in a second instead of at the end of a build."""

import json
import re
from pathlib import Path

import pytest
from pybtex.database import parse_file

ROOT = Path(__file__).parents[1]
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")


def _sources():
    for path in sorted([*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("appendix/*.ipynb")]):
        yield path, "\n".join("".join(c["source"]) for c in json.loads(path.read_text())["cells"])
    for path in sorted(ROOT.glob("*.md")):
        yield path, path.read_text()


def test_the_bibliography_parses():
    assert len(parse_file(str(ROOT / "references.bib")).entries) > 0


@pytest.mark.parametrize("path,text", list(_sources()), ids=lambda v: v.name if isinstance(v, Path) else "")
def test_every_cited_key_is_in_the_bibliography(path, text):
    keys = set(parse_file(str(ROOT / "references.bib")).entries)
    cited = {k.strip() for group in CITE.findall(text) for k in group.split(",")}
    assert cited <= keys, f"{path.name} cites keys missing from references.bib: {sorted(cited - keys)}"


def test_titles_carry_no_tex():
    """The site's bibliography shows titles as text: ``$...$`` would show as raw TeX."""
    entries = parse_file(str(ROOT / "references.bib")).entries
    assert not [k for k, e in entries.items() if "$" in e.fields.get("title", "")]
