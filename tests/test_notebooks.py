"""House rules for the chapters: committed without outputs, thin, every figure captioned."""

import json
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted(ROOT.joinpath("chapters").glob("*.ipynb")) + sorted(ROOT.joinpath("appendix").glob("*.ipynb"))


def code_cells(path):
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


def test_there_are_chapters():
    assert CHAPTERS


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    for cell in code_cells(path):
        assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_cell_has_a_unique_id(path):
    """nbformat 4.5 cell ids: the strict build turns a missing one into an error."""
    ids = [c.get("id") for c in json.loads(path.read_text())["cells"]]
    assert all(isinstance(i, str) and re.fullmatch(r"[A-Za-z0-9_-]{1,64}", i) for i in ids), ids
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_notebooks_stay_thin(path):
    """Algorithms, games and plot helpers live in lecturecode, not in chapters (a coding
    exercise's reference solution, tagged ``solution``, is the one place a function is defined)."""
    for cell in code_cells(path):
        source = "".join(cell["source"])
        if "solution" not in cell["metadata"].get("tags", []):
            assert "def " not in source and "class " not in source, source
        assert len(source.splitlines()) <= 12, source
        # code must fit the website's code column (about 76 characters) without scrolling
        assert max(map(len, source.splitlines()), default=0) <= 76, source


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_figures_have_captions_and_alt_text(path):
    for cell in code_cells(path):
        source = "".join(cell["source"])
        figure = cell["metadata"].get("mystnb", {})
        if "explore" in source:
            # an explorer is a numbered, captioned figure too; it renders its own alt text
            assert figure.get("figure", {}).get("caption") and figure["figure"].get("name"), source
        elif "lc.plot." in source and "set_style" not in source:
            # a cell that draws with lc.plot is a figure
            assert figure.get("figure", {}).get("caption"), source
            assert figure.get("image", {}).get("alt"), source


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_first_code_cell_makes_lecturecode_importable_on_colab(path):
    """The first code cell installs lecturecode where it is missing (Colab) and is hidden on the site."""
    first = code_cells(path)[0]
    source = "".join(first["source"])
    assert 'find_spec("lecturecode") is None' in source and "pip" in source
    assert "remove-cell" in first["metadata"].get("tags", [])
    # it installs from the one repository URL of _config.yml (the launch buttons' URL)
    url = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    assert url.removeprefix("https://") == "".join(re.findall(r'"([^"]*)"', source)[-2:]).split("git+https://")[-1]
