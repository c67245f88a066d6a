"""The coursework kit: exercises in every chapter, checks that fail on the stub and pass on the
reference solution, and a student edition that leaks no solution (grading: tests/coursework/)."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

import lecturecode as lc
from lecturecode.checks import EXERCISES
from lecturecode.student_edition import CHECK_TAG, SOLUTION_TAG, solution_texts, student_notebook, write_edition

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted(ROOT.joinpath("chapters").glob("*.ipynb"))


def load(path):
    return json.loads(Path(path).read_text())


def cells_tagged(nb, tag):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and tag in c["metadata"].get("tags", [])]


def run_cell(source: str, namespace: dict):
    exec(compile(source, "<cell>", "exec"), namespace)          # noqa: S102 - the book's own cells
    return namespace


def fresh_namespace():
    return {"np": np, "lc": lc}


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_chapter_ends_with_at_least_four_exercises_with_solutions(path):
    text = "".join("".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    labels = re.findall(r":::\{exercise\}\n:label: (\S+)", text)
    assert len(labels) >= 4, labels
    for label in labels:             # every exercise has a solution, collapsed on the public site
        assert re.search(rf":::\{{solution(-start)?\}} {re.escape(label)}\n:class: dropdown", text), label
    assert any(e.chapter == path.stem for e in EXERCISES.values()), "a coding exercise with a check"


@pytest.mark.parametrize("label", list(EXERCISES))
def test_check_fails_on_the_stub_and_passes_on_the_reference(label):
    exercise = EXERCISES[label]
    nb = load(ROOT / "chapters" / f"{exercise.chapter}.ipynb")
    (solution,) = [c for c in cells_tagged(nb, SOLUTION_TAG)
                   if f"def {exercise.function}(" in "".join(c["source"])]
    (check,) = [c for c in cells_tagged(nb, CHECK_TAG) if exercise.function in "".join(c["source"])]
    assert "".join(check["source"]).strip() == f"lc.checks.{exercise.function}({exercise.function})"
    stub_nb = student_notebook(nb)
    (stub,) = [c for c in cells_tagged(stub_nb, SOLUTION_TAG) if f"def {exercise.function}(" in "".join(c["source"])]
    reference = run_cell("".join(solution["source"]), fresh_namespace())[exercise.function]
    stubbed = run_cell("".join(stub["source"]), fresh_namespace())[exercise.function]
    passed = exercise.check(reference)
    assert passed.passed, passed
    failed = exercise.check(stubbed)
    assert not failed.passed and "not written yet" in failed.message


@pytest.mark.parametrize("label", list(EXERCISES))
def test_checks_name_the_failing_case_with_a_hint(label):
    """A wrong answer (here: the reference's result times 1.5 or flipped) gets a specific hint
    naming a case, never a bare pass/fail."""
    exercise = EXERCISES[label]
    nb = load(ROOT / "chapters" / f"{exercise.chapter}.ipynb")
    (solution,) = [c for c in cells_tagged(nb, SOLUTION_TAG) if f"def {exercise.function}(" in "".join(c["source"])]
    reference = run_cell("".join(solution["source"]), fresh_namespace())[exercise.function]

    def wrong(*args):
        value = reference(*args)
        return tuple(not v for v in value) if isinstance(value, tuple) else 1.5 * np.asarray(value) + 0.1

    feedback = exercise.check(wrong)
    assert not feedback.passed
    assert re.search(r"(expected|should|got|sign|you said)", feedback.message), feedback.message
    assert ":" in feedback.message and len(feedback.message) > 40


def test_checks_recognise_the_classic_slips():
    def sim(A, B, C, eta):
        H = np.block([[A, B], [-B.T, C]])
        return np.eye(len(H)) - eta * H
    assert "Sim-GDA's operator" in lc.checks.alt_gda_matrix(sim).message
    assert "Sim-GDA step" in lc.checks.extragradient_step(lambda F, z, eta: z - eta * F(z)).message
    assert "minimax cost" in lc.checks.nonsaturating_grad(lambda l: -1 / (1 + np.exp(-l))).message
    bad_sign = lc.checks.sim_gda_matrix(lambda A, B, C, eta: np.eye(len(A) + len(C)) - eta * np.block(
        [[A, B], [B.T, C]]))
    assert "bottom-left" in bad_sign.message and "wrong sign" in bad_sign.message
    assert "shape" in lc.checks.sim_gda_matrix(lambda A, B, C, eta: np.eye(3)).message
    assert "raised ZeroDivisionError" in lc.checks.classify_origin(lambda a, b, c: 1 / 0).message


def test_checks_reject_what_is_not_a_function():
    with pytest.raises(TypeError, match="fn"):
        lc.checks.sim_gda_matrix(np.eye(2))


def test_student_edition_leaks_no_solution(tmp_path):
    written = write_edition(ROOT, tmp_path)
    assert {p.name for p in written} == {p.name for p in CHAPTERS}
    for path in CHAPTERS:
        reference, student = load(path), load(tmp_path / path.name)
        secrets = solution_texts(reference)
        assert secrets, path.name
        text = json.dumps(student, ensure_ascii=False)
        student_text = "\n".join("".join(c["source"]) for c in student["cells"])
        for line in secrets:
            assert line not in student_text, (path.name, line)
        assert "{solution" not in text
        assert all(not c.get("outputs") for c in student["cells"] if c["cell_type"] == "code")
        # the exercises themselves and every check call stay
        assert student_text.count(":::{exercise}") == "".join(
            "".join(c["source"]) for c in reference["cells"]).count(":::{exercise}")
        assert len(cells_tagged(student, CHECK_TAG)) == len(cells_tagged(reference, CHECK_TAG))
        for stub in cells_tagged(student, SOLUTION_TAG):
            assert "raise NotImplementedError" in "".join(stub["source"])


def test_the_leak_test_would_notice_a_leak():
    nb = load(ROOT / "chapters" / "sim_gda.ipynb")
    secrets = solution_texts(nb)
    untagged = json.loads(json.dumps(nb))
    for cell in cells_tagged(untagged, SOLUTION_TAG):
        cell["metadata"]["tags"] = []            # inside a gated solution an untagged cell is dropped too
    student_text = "\n".join("".join(c["source"]) for c in student_notebook(untagged)["cells"])
    assert not any(line in student_text for line in secrets)
    leaky = json.loads(json.dumps(nb))           # the same code outside any solution is the student's to see
    leaky["cells"].append(dict(cells_tagged(nb, SOLUTION_TAG)[0], metadata={}))
    student_text = "\n".join("".join(c["source"]) for c in student_notebook(leaky)["cells"])
    assert any(line in student_text for line in secrets)

# The grader's tests moved with it: tests/coursework/ (nbgrader, make course-check).
