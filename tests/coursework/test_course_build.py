"""The nbgrader course written from the chapters: autograded answer cells, visible and hidden
tests with points, manually graded written answers with rubrics, cases from the seed."""

import json
import re
from pathlib import Path

import pytest

from coursework.build import course_notebook, load_config, nbgrader_config, solution_cell_source
from coursework.exercises import SPECS, hidden_cases
from lecturecode.checks import EXERCISES

ROOT = Path(__file__).resolve().parents[2]
CONFIG = load_config()
CHAPTERS = CONFIG["course"]["chapters"]


def build(chapter, config=CONFIG):
    nb = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    return course_notebook(nb, chapter, config)


def grade_cells(nb):
    return {c["metadata"]["nbgrader"]["grade_id"]: c for c in nb["cells"] if "nbgrader" in c["metadata"]}


def test_every_coding_exercise_has_an_autograder():
    assert set(SPECS) == set(EXERCISES)
    assert sorted(CHAPTERS) == sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_coding_exercise_becomes_answer_cell_and_two_graded_tests(chapter):
    nb, _ = build(chapter)
    cells = grade_cells(nb)
    (label,) = [e.label for e in EXERCISES.values() if e.chapter == chapter]
    fn = SPECS[label].function
    answer = cells[fn]
    assert answer["metadata"]["nbgrader"]["solution"] and not answer["metadata"]["nbgrader"]["grade"]
    assert "### BEGIN SOLUTION" in answer["source"] and "### END SOLUTION" in answer["source"]
    visible, hidden = cells[f"test-{label}"], cells[f"hidden-{label}"]
    assert visible["metadata"]["nbgrader"]["points"] == CONFIG["points"]["coding_visible"]
    assert hidden["metadata"]["nbgrader"]["points"] == CONFIG["points"]["coding_hidden"]
    assert visible["metadata"]["nbgrader"]["locked"] and hidden["metadata"]["nbgrader"]["locked"]
    assert "BEGIN HIDDEN TESTS" not in visible["source"]
    body = hidden["source"].split("### BEGIN HIDDEN TESTS\n")[1].split("### END HIDDEN TESTS")[0]
    assert repr(hidden_cases(label, seed=CONFIG["course"]["seed"])) in body
    assert cells[f"check-{label}"]["source"] == f"lc.checks.{fn}({fn})"
    assert not cells[f"check-{label}"]["metadata"]["nbgrader"]["grade"]     # instant feedback, no points


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_derivation_gets_a_manually_graded_answer_with_its_rubric(chapter):
    nb, rubric = build(chapter)
    text = "".join("".join(c["source"]) for c in json.loads(
        (ROOT / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "markdown")
    labels = [m for m in re.findall(r":::\{exercise\}\n:label: (\S+)", text) if m not in EXERCISES]
    assert len(labels) >= 3
    cells = grade_cells(nb)
    for label in labels:
        meta = cells[f"answer-{label}"]["metadata"]["nbgrader"]
        assert meta["grade"] and meta["solution"] and meta["points"] == CONFIG["points"]["written"]
        assert "Rubric" in cells[f"answer-{label}"]["source"] and f"## {label}" in rubric
    ids = [c["id"] for c in nb["cells"]]
    assert len(set(ids)) == len(ids)


def test_hidden_cases_follow_the_seed():
    a = hidden_cases("ex-simgda-matrix", seed=1)
    assert a == hidden_cases("ex-simgda-matrix", seed=1)
    assert a != hidden_cases("ex-simgda-matrix", seed=2)
    with pytest.raises(ValueError, match="seed must be"):
        hidden_cases("ex-simgda-matrix", seed=-1)
    with pytest.raises(ValueError, match="label must be"):
        hidden_cases("ex-nope", seed=1)


def test_seed_from_the_environment(monkeypatch):
    monkeypatch.setenv("COURSEWORK_SEED", "77")
    assert load_config()["course"]["seed"] == 77
    monkeypatch.setenv("COURSEWORK_SEED", "seventy")
    with pytest.raises(ValueError, match="COURSEWORK_SEED must be"):
        load_config()


def test_solution_markers_keep_signature_and_docstring():
    src = solution_cell_source('def f(x):\n    """Doc."""\n    y = 2 * x\n    return y')
    assert src.splitlines()[:3] == ["def f(x):", '    """Doc."""', "    ### BEGIN SOLUTION"]
    with pytest.raises(ValueError, match="must define a function"):
        solution_cell_source("x = 1")


def test_config_sets_limits_and_the_grading_kernel():
    text = nbgrader_config(CONFIG)
    assert f"c.Execute.timeout = {CONFIG['limits']['cell_timeout']}" in text
    assert "lecturecode-graded" in text
