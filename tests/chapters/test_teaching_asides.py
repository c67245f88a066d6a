"""The chapters keep package talk in one "How this is computed" aside each, and exercise hints
outside the gated solutions, so that the student edition keeps them."""

import json
import re
from pathlib import Path

import pytest

from lecturecode.student_edition import student_notebook

CHAPTERS = sorted((Path(__file__).parents[2] / "chapters").glob("*.ipynb"))
ASIDE = re.compile(r":::\{admonition\} How this is computed\n:class: dropdown note\n(.*?)\n:::", re.S)
PACKAGE_TALK = ("the tests check", "in the tests", "test suite", "written twice", "own step function",
                "runs the method's own step", "running the method's own step")


def _markdown(nb):
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_one_how_this_is_computed_aside_holds_the_package_talk(path):
    cells = _markdown(json.loads(path.read_text()))
    text = "\n".join(cells)
    assert len(ASIDE.findall(text)) == 1, "exactly one 'How this is computed' aside per chapter"
    outside = ASIDE.sub("", text).lower()
    for phrase in PACKAGE_TALK:
        assert phrase not in outside, f"package talk {phrase!r} outside the aside in {path.name}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_hints_survive_the_student_edition(path):
    nb = json.loads(path.read_text())
    hints = [line for cell in _markdown(nb) for line in cell.splitlines() if line.startswith("*Hint.*")]
    coding = [cell for cell in _markdown(nb) if "**Coding.**" in cell]
    assert coding and all("*Hint.*" in cell for cell in coding), "every coding exercise has a hint in its statement"
    student = "\n".join(_markdown(student_notebook(nb)))
    for line in hints:
        assert line in student, f"a hint was dropped from the student edition of {path.name}: {line!r}"
