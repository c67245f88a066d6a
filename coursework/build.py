r"""Write the nbgrader course directory from the book's chapters (what ``make course`` runs).

    python coursework/build.py [--out _build/course] [--config coursework/course.toml]

From each chapter's exercise section (the chapters stay the only source) it writes
``OUT/source/<chapter>/<chapter>.ipynb``, an nbgrader *source* notebook:

* every coding exercise (a ``solution``-tagged cell whose function has an autograder in
  :data:`coursework.exercises.SPECS`) becomes an autograded answer cell, its body between
  ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (signature and docstring stay), followed by the
  ``check`` cell (read-only, the instant feedback of ``lc.checks``, no points), a visible
  autograder test (the lecture's case) and a hidden one (cases from the instructor's seed);
* every derivation becomes the exercise's text and a manually graded Markdown answer cell with
  points, whose source holds the rubric and the book's solution (the instructor's notes; the
  release replaces it by "YOUR ANSWER HERE"); the rubrics are also written to
  ``OUT/instructor/<chapter>.md``;
* hints outside the gated solutions stay as they are; solution prose is left out.

It also writes ``OUT/nbgrader_config.py`` (per-cell timeout, the grading kernel with its memory
limit, the stub) and the kernelspec ``OUT/kernels/lecturecode-graded``. Then
``nbgrader generate_assignment`` (``make course`` runs it) writes the release,
``OUT/release/<chapter>/<chapter>.ipynb``: the notebooks students get.

References
----------
nbgrader documentation, "Creating and grading assignments":
https://nbgrader.readthedocs.io/en/stable/user_guide/creating_and_grading_assignments.html
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import sys
import tomllib
from pathlib import Path

if __package__ in (None, ""):                       # run as a script: python coursework/build.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from coursework.exercises import SPECS, cell_source, hidden_cases, visible_cases  # noqa: E402
from lecturecode.student_edition import CODE_STUB  # noqa: E402  (one stub for the edition and the release)

ROOT = Path(__file__).resolve().parents[1]
KERNEL = "lecturecode-graded"
_EXERCISE = re.compile(r":::\{exercise\}\n:label: (\S+)\n(.*?)\n:::(?=\n|$)", re.S)
_SOLUTION = re.compile(r":::\{solution\} (\S+)\n(?::\w+: [^\n]*\n)*(.*?)\n:::(?=\n|$)", re.S)


def load_config(path=None) -> dict:
    """The course settings (``coursework/course.toml``; ``COURSEWORK_SEED`` overrides the seed).

    Examples
    --------
    >>> load_config()["points"]["coding_hidden"]
    2
    """
    path = Path(path) if path is not None else ROOT / "coursework" / "course.toml"
    if not path.is_file():
        raise ValueError(f"config must be a course.toml file, got {str(path)!r} (no such file)")
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    seed = os.environ.get("COURSEWORK_SEED", config["course"]["seed"])
    try:
        config["course"]["seed"] = int(seed)
    except ValueError:
        raise ValueError(f"COURSEWORK_SEED must be a non-negative integer, got {seed!r}") from None
    if config["course"].get("scope", "exercises") != "exercises":
        raise ValueError(f"scope must be 'exercises' (the only one so far), got {config['course']['scope']!r}")
    return config


def _src(cell) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def _meta(grade_id: str, *, grade=False, solution=False, locked=False, points=None) -> dict:
    m = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
         "task": False}
    if points is not None:
        m["points"] = points
    return {"nbgrader": m}


def _markdown(text: str, meta=None) -> dict:
    return {"cell_type": "markdown", "metadata": meta or {}, "source": text}


def _code(text: str, meta=None) -> dict:
    return {"cell_type": "code", "execution_count": None, "metadata": meta or {}, "outputs": [], "source": text}


def solution_cell_source(source: str) -> str:
    """A solution cell with each function's body between nbgrader's solution markers.

    Examples
    --------
    >>> print(solution_cell_source('def f(x):\\n    \"\"\"Twice x.\"\"\"\\n    return 2 * x'))
    def f(x):
        \"\"\"Twice x.\"\"\"
        ### BEGIN SOLUTION
        return 2 * x
        ### END SOLUTION
    """
    tree = ast.parse(source)
    lines = source.splitlines()
    inserts = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            first = body[1] if (len(body) > 1 and isinstance(body[0], ast.Expr)
                                and isinstance(getattr(body[0], "value", None), ast.Constant)
                                and isinstance(body[0].value.value, str)) else body[0]
            indent = " " * first.col_offset
            inserts += [(first.lineno - 1, f"{indent}### BEGIN SOLUTION"), (node.end_lineno, f"{indent}### END SOLUTION")]
    if not inserts:
        raise ValueError("source must define a function (a coding exercise's solution cell)")
    for index, text in sorted(inserts, reverse=True):
        lines.insert(index, text)
    return "\n".join(lines)


def _solutions(cells) -> dict:
    return {m.group(1): m.group(2).strip() for c in cells if c["cell_type"] == "markdown"
            for m in _SOLUTION.finditer(_src(c))}


def course_notebook(nb: dict, chapter: str, config: dict) -> tuple[dict, str]:
    """The nbgrader source notebook of one chapter and the instructor's rubric (Markdown)."""
    points, seed = config["points"], config["course"]["seed"]
    cells = nb["cells"]
    start = next((i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
                  and re.search(r"^## Exercises", _src(c), re.M)), None)
    if start is None:
        raise ValueError(f"chapters/{chapter}.ipynb has no '## Exercises' section")
    solutions = _solutions(cells)
    title = next((line[2:] for line in _src(cells[0]).splitlines() if line.startswith("# ")), chapter)
    out = [_markdown(f"# {title}: exercises\n\nWrite your answers in the cells marked for them. Coding "
                     "exercises: `lc.checks` gives instant feedback; the tests below it are what the "
                     "grade counts, and hidden tests with other cases run when the notebook is graded."),
           _code("import numpy as np\nimport lecturecode as lc", _meta("setup", locked=True))]
    rubric = [f"# {title}: rubric (instructor's notes)\n"]
    pending = None
    for cell in cells[start:]:
        if cell["cell_type"] == "markdown":
            for m in _EXERCISE.finditer(_src(cell)):
                label, body = m.group(1), m.group(2).strip()
                if label in SPECS and body.startswith("**Coding.**"):
                    n = points["coding_visible"] + points["coding_hidden"]
                    out.append(_markdown(f"### Exercise `{label}` (coding, {n} points)\n\n{body}"))
                    pending = label
                    continue
                p = points["written"]
                out.append(_markdown(f"### Exercise `{label}` (written, {p} points)\n\n{body}"))
                reference = solutions.get(label, "(no solution in the book)")
                note = (f"**Rubric ({p} points).** {p} for a correct result with a complete argument; "
                        f"{p // 2} for the right method with a slip or a missing step; 0 otherwise.\n\n"
                        f"**Reference solution.**\n\n{reference}")
                out.append(_markdown(note, _meta(f"answer-{label}", grade=True, solution=True, points=p)))
                rubric.append(f"## {label}\n\n{note}\n")
            continue
        tags = cell.get("metadata", {}).get("tags", [])
        if pending and "solution" in tags:
            fn = SPECS[pending].function
            out.append(_code(solution_cell_source(_src(cell)), _meta(fn, solution=True)))
        elif pending and "check" in tags:
            out.append(_code(_src(cell), _meta(f"check-{pending}", locked=True)))
            out.append(_code(cell_source(pending, visible_cases(pending), hidden=False),
                             _meta(f"test-{pending}", grade=True, locked=True, points=points["coding_visible"])))
            out.append(_code(cell_source(pending, hidden_cases(pending, seed=seed), hidden=True),
                             _meta(f"hidden-{pending}", grade=True, locked=True, points=points["coding_hidden"])))
            pending = None
    for index, cell in enumerate(out):
        cell["id"] = f"{chapter[:40]}-{index}"
    metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                "language_info": {"name": "python"}, "lecturecode": {"chapter": chapter, "edition": "course"}}
    return {"cells": out, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}, "\n".join(rubric)


def nbgrader_config(config: dict) -> str:
    """The course's ``nbgrader_config.py``."""
    limits = config["limits"]
    return (f"# Written by coursework/build.py from coursework/course.toml; edit that file, not this one.\n"
            f"c = get_config()  # noqa: F821\n"
            f"c.CourseDirectory.root = __file__.rsplit('/', 1)[0]\n"
            f"c.CourseDirectory.assignments = {{}}\n"
            f"c.ClearSolutions.code_stub = {{'python': {CODE_STUB!r}}}\n"
            f"c.ClearSolutions.text_stub = 'YOUR ANSWER HERE'\n"
            f"c.ClearHiddenTests.begin_test_delimeter = 'BEGIN HIDDEN TESTS'\n"
            f"c.Execute.timeout = {int(limits['cell_timeout'])}\n"
            f"c.Execute.interrupt_on_timeout = True\n"
            f"c.Execute.kernel_name = {KERNEL!r}\n"
            f"c.ExecutePreprocessor.kernel_name = {KERNEL!r}\n")


def write_course(out, config: dict) -> list[Path]:
    """Write the course directory ``out`` (see the module's text); returns the source notebooks."""
    out = Path(out).resolve()
    for sub in ("source", "instructor", "kernels"):
        shutil.rmtree(out / sub, ignore_errors=True)
    written = []
    for chapter in config["course"]["chapters"]:
        path = ROOT / "chapters" / f"{chapter}.ipynb"
        if not path.is_file():
            raise ValueError(f"chapters must name chapter notebooks; chapters/{chapter}.ipynb does not exist")
        nb, rubric = course_notebook(json.loads(path.read_text(encoding="utf-8")), chapter, config)
        target = out / "source" / chapter / f"{chapter}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        (out / "instructor").mkdir(parents=True, exist_ok=True)
        (out / "instructor" / f"{chapter}.md").write_text(rubric, encoding="utf-8")
        written.append(target)
    (out / "nbgrader_config.py").write_text(nbgrader_config(config), encoding="utf-8")
    kernel = out / "kernels" / KERNEL
    kernel.mkdir(parents=True)
    shutil.copy2(ROOT / "coursework" / "kernel.py", kernel / "kernel.py")
    spec = {"argv": [sys.executable, "-I", str(kernel / "kernel.py"), "--memory-mb",
                     str(int(config["limits"]["memory_mb"])), "-f", "{connection_file}"],
            "display_name": "Python 3 (graded, memory-limited)", "language": "python"}
    (kernel / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return written


def main(argv=None) -> int:
    """Command line (see the module's text)."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "_build" / "course"))
    parser.add_argument("--config", default=None)
    parser.add_argument("--release", action="store_true",
                        help="also run nbgrader generate_assignment for every chapter (needs nbgrader)")
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
        written = write_course(args.out, config)
    except ValueError as err:
        print(f"course: {err}", file=sys.stderr)
        return 2
    print(f"course: {len(written)} source notebooks in {args.out}/source")
    if args.release:
        return release(args.out, config["course"]["chapters"])
    return 0


def release(out, chapters) -> int:
    """``nbgrader generate_assignment`` for each chapter in the course directory ``out``: the
    release notebooks (solutions and hidden tests removed) and the gradebook's records."""
    import subprocess

    out = Path(out).resolve()
    env = dict(os.environ, JUPYTER_PATH=str(out), PYTHONPATH="")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    for chapter in chapters:
        done = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", chapter, "--create",
                               "--force"], cwd=out, env=env, capture_output=True, text=True)
        if done.returncode or not (out / "release" / chapter / f"{chapter}.ipynb").is_file():
            print(done.stdout[-2000:], done.stderr[-4000:], file=sys.stderr)
            print(f"course: nbgrader generate_assignment {chapter} failed (its output is above)", file=sys.stderr)
            return 1
    print(f"course: release of {len(chapters)} assignments in {out}/release, gradebook {out}/gradebook.db")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
