r"""The grader: run a student's notebook with time limits and score its coding exercises.

    python -m lecturecode.grade NOTEBOOK [--timeout 600] [--cell-timeout 120] [--exercises-only]

(or ``make grade NOTEBOOK=…``). The notebook runs in a fresh Jupyter kernel in a temporary
folder, one cell at a time, with a time limit per cell and for the whole notebook; a cell
that raises does not stop the run. Every check the notebook calls (:mod:`lecturecode.checks`)
records its verdict, and the report has one row per coding exercise of the notebook's chapter:
1 point when its check passed, else 0 and the reason (the check's hint, the error of the cell
that stopped it, the time limit, a check that was never called). A file that is not a
notebook gets a clear row too, never a traceback.

``--exercises-only`` runs only the ``solution`` and ``check`` cells (after ``import numpy as np``
and ``import lecturecode as lc``): fast, and enough when solutions are self-contained.
Running the notebook needs ``nbformat``, ``nbclient`` and ``ipykernel`` (all in the book's
``requirements.txt``).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from .checks import EXERCISES
from .checks._feedback import GRADE_LOG
from .student_edition import CHECK_TAG, SOLUTION_TAG
from .validation import as_flag, as_scalar, as_text

__all__ = ["GradeRow", "GradeReport", "grade"]

_PREAMBLE = "import numpy as np\nimport lecturecode as lc\n"


class GradeRow(NamedTuple):
    """One exercise's score and the reason."""

    exercise: str
    points: int
    max_points: int
    result: str


class GradeReport(NamedTuple):
    """What :func:`grade` found: one row per exercise, and notes on the run."""

    notebook: str
    rows: list
    notes: list

    @property
    def points(self) -> int:
        """Points scored."""
        return sum(r.points for r in self.rows)

    @property
    def max_points(self) -> int:
        """Points available."""
        return sum(r.max_points for r in self.rows)

    def table(self) -> str:
        """The report as a plain-text table."""
        width = max([len("exercise")] + [len(r.exercise) for r in self.rows])
        lines = [f"Grading {self.notebook}", "", f"{'exercise':{width}}  points  result",
                 f"{'-' * width}  ------  ------"]
        lines += [f"{r.exercise:{width}}  {r.points}/{r.max_points:<4}  {r.result}" for r in self.rows]
        share = f" ({100 * self.points / self.max_points:.0f} %)" if self.max_points else ""
        lines += ["", f"total: {self.points}/{self.max_points}{share}"]
        lines += [f"note: {n}" for n in self.notes]
        return "\n".join(lines)


def _expected(nb, path: Path) -> list[str]:
    chapter = (nb.metadata.get("lecturecode", {}) or {}).get("chapter") or path.stem
    return [label for label, e in EXERCISES.items() if e.chapter == chapter]


def _error_of(cell) -> str | None:
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return f"{out.get('ename')}: {out.get('evalue')}"
    return None


def _run(nb, timeout: float, cell_timeout: float, log_path: Path, workdir: Path) -> tuple[dict, list]:
    """Execute ``nb`` cell by cell; return ``{cell index: what stopped it}`` and notes."""
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    quiet = logging.getLogger("lecturecode.grade")
    quiet.setLevel(logging.CRITICAL)
    client = NotebookClient(nb, timeout=int(cell_timeout), allow_errors=True, interrupt_on_timeout=True,
                            error_on_timeout={"ename": "TimeLimit",
                                              "evalue": f"the cell ran over its {cell_timeout:g} s limit"},
                            kernel_name="python3", log=quiet, resources={"metadata": {"path": str(workdir)}})
    saved = {k: os.environ.get(k) for k in (GRADE_LOG, "MPLBACKEND")}
    os.environ[GRADE_LOG], os.environ["MPLBACKEND"] = str(log_path), "Agg"
    errors, notes, start = {}, [], time.monotonic()
    try:
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                if time.monotonic() - start > timeout:
                    notes.append(f"the notebook ran over its {timeout:g} s limit; cells from {index + 1} on "
                                 "were not run")
                    errors[index] = f"not run (the notebook's {timeout:g} s limit was reached)"
                    break
                began = time.monotonic()
                try:
                    client.execute_cell(cell, index)
                except DeadKernelError:
                    errors[index] = "the kernel died in this cell"
                    notes.append(f"the kernel died in cell {index + 1}; later cells were not run")
                    break
                error = _error_of(cell)
                if error and time.monotonic() - began >= cell_timeout and error.split(":")[0] in (
                        "KeyboardInterrupt", "TimeLimit"):
                    error = f"stopped: it ran over the {cell_timeout:g} s limit per cell"
                if error:
                    errors[index] = error
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return errors, notes


def _verdicts(log_path: Path) -> dict:
    verdicts = {}
    if log_path.is_file():
        for line in log_path.read_text(encoding="utf-8").splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            verdicts[entry.get("exercise")] = entry            # the last verdict counts
    return verdicts


def _reason(label: str, nb, errors: dict) -> str:
    """Why an exercise has no verdict: the first error before (or in) its check cell."""
    function = EXERCISES[label].function if label in EXERCISES else label
    check_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and function in "".join(c.source)
                   and CHECK_TAG in c.metadata.get("tags", [])]
    last = check_cells[-1] if check_cells else len(nb.cells)
    before = [(i, e) for i, e in sorted(errors.items()) if i <= last]
    if before:
        i, error = before[-1] if check_cells and before[-1][0] == last else before[0]
        return f"not checked: cell {i + 1} failed ({error})"
    if not check_cells:
        return f"not checked: no check cell calls lc.checks.{function}(...) (was it deleted?)"
    return "not checked: its check cell did not report"


def grade(path, *, timeout: float = 600.0, cell_timeout: float = 120.0, exercises_only: bool = False) -> GradeReport:
    """Run the notebook at ``path`` and score its coding exercises (see the module's text).

    Examples
    --------
    >>> grade("no/such/notebook.ipynb").rows[0].result
    'could not read the notebook: no such file'
    """
    path = Path(as_text(str(path) if isinstance(path, Path) else path, "path"))
    if len(path.name) > 255 or "\x00" in str(path):
        raise ValueError(f"path must be a notebook's file name, got {str(path)[:80]!r}")
    timeout = as_scalar(timeout, "timeout", low=0.0, low_open=True, high=86400.0)
    cell_timeout = as_scalar(cell_timeout, "cell_timeout", low=0.0, low_open=True, high=86400.0)
    exercises_only = as_flag(exercises_only, "exercises_only")
    name = str(path)
    if not path.is_file():
        return GradeReport(name, [GradeRow("notebook", 0, 0, "could not read the notebook: no such file")], [])
    try:
        import nbformat
    except ImportError as err:                  # a bare `pip install lecturecode` without the extra
        raise ImportError("the grader needs nbformat, nbclient and ipykernel: "
                          "pip install 'lecturecode[coursework]' (the book's requirements.txt has them)") from err
    try:
        nb = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
        nbformat.validate(nb)
    except (UnicodeDecodeError, ValueError, nbformat.ValidationError, AttributeError, TypeError) as err:
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        return GradeReport(name, [GradeRow("notebook", 0, 0, f"not a valid Jupyter notebook ({first[:160]})")], [])
    expected = _expected(nb, path)
    if exercises_only:
        keep = [c for c in nb.cells if c.cell_type == "code" and {SOLUTION_TAG, CHECK_TAG} & set(
            c.metadata.get("tags", []))]
        nb.cells = [nbformat.v4.new_code_cell(_PREAMBLE)] + keep
    with tempfile.TemporaryDirectory(prefix="lecturecode-grade-") as tmp:
        log_path = Path(tmp) / "verdicts.jsonl"
        errors, notes = _run(nb, timeout, cell_timeout, log_path, Path(tmp))
        verdicts = _verdicts(log_path)
    labels = expected + [label for label in verdicts if label not in expected]
    rows = []
    for label in labels:
        v = verdicts.get(label)
        if v is not None:
            rows.append(GradeRow(label, int(bool(v.get("passed"))), 1,
                                 ("passed: " if v.get("passed") else "failed: ") + str(v.get("message", ""))))
        else:
            rows.append(GradeRow(label, 0, 1, _reason(label, nb, errors)))
    if not rows:
        notes.append("this notebook has no coding exercise with a check (nothing to score)")
    return GradeReport(name, rows, notes)


def main(argv=None) -> int:
    """Command line: print the score table; exit 0 when the notebook was graded, 2 when it
    could not be read."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m lecturecode.grade", description=__doc__.split("\n\n")[0])
    parser.add_argument("notebook")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds for the whole notebook")
    parser.add_argument("--cell-timeout", type=float, default=120.0, help="seconds per cell")
    parser.add_argument("--exercises-only", action="store_true", help="run only the solution and check cells")
    args = parser.parse_args(argv)
    try:
        report = grade(args.notebook, timeout=args.timeout, cell_timeout=args.cell_timeout,
                       exercises_only=args.exercises_only)
    except (TypeError, ValueError) as err:
        print(f"grade: {err}", file=sys.stderr)
        return 2
    print(report.table())
    return 2 if report.rows and report.rows[0].exercise == "notebook" else 0


if __name__ == "__main__":
    raise SystemExit(main())
