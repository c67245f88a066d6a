r"""Grade a class with nbgrader: triage the files, autograde in parallel, export one CSV.

    python coursework/grade_class.py COURSE_DIR [--workers 2]

reads ``COURSE_DIR/submitted/<student>/<assignment>/`` (what ``nbgrader collect`` or
``nbgrader zip_collect`` writes) and writes ``COURSE_DIR/grades.csv`` with one row per
student and assignment: ``student, assignment, score, max_score, reason``.

* **Triage** (before nbgrader sees a file): a file that is not a notebook, a notebook of another
  chapter, a renamed notebook, gets a zero and the reason instead of a crash or a silent 0/0;
  a notebook whose cell metadata was stripped gets it back from the release by cell id, and
  deleted graded cells are put back (nbgrader then restores their source from its database).
* **Autograde**: the submissions are split over ``workers`` copies of the course directory
  (each with its own copy of the gradebook, so the processes never share a database lock), and
  ``nbgrader autograde`` runs in each; every notebook runs in the memory-limited grading kernel
  with a time limit per cell (``nbgrader_config.py``).
* **Export**: ``nbgrader export`` of each copy, merged; the reason names the failed tests with
  their error, or what triage found.

On a hub, the same split is done by running ``nbgrader autograde ASSIGNMENT --student=ID`` for
groups of students on several machines or processes, each with its own gradebook copy, and
merging the exports (or sharing one gradebook on a database server instead of SQLite).

References
----------
nbgrader documentation, "Autograding" and "Exporting grades":
https://nbgrader.readthedocs.io/en/stable/user_guide/creating_and_grading_assignments.html
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

__all__ = ["triage", "grade_class"]


def _grade_cells(nb: dict) -> dict:
    return {c["metadata"]["nbgrader"]["grade_id"]: c for c in nb.get("cells", [])
            if isinstance(c, dict) and c.get("metadata", {}).get("nbgrader", {}).get("grade_id")}


def _points(release_nb: dict) -> float:
    return float(sum(c["metadata"]["nbgrader"].get("points", 0) for c in _grade_cells(release_nb).values()
                     if c["metadata"]["nbgrader"].get("grade")))


def triage(assignment: str, name: str, data: bytes, release_nb: dict) -> tuple[dict | None, str]:
    """The notebook to autograde (or ``None``: a zero) and what triage found.

    Examples
    --------
    >>> triage("sim_gda", "notes.pdf", b"%PDF", {"cells": []})
    (None, 'no sim_gda.ipynb in the submission (found notes.pdf): rename it to sim_gda.ipynb and resubmit')
    """
    if name != f"{assignment}.ipynb":
        return None, (f"no {assignment}.ipynb in the submission (found {name}): rename it to "
                      f"{assignment}.ipynb and resubmit")
    try:
        nb = json.loads(data.decode("utf-8"))
        if not (isinstance(nb, dict) and isinstance(nb.get("cells"), list) and nb.get("nbformat") == 4):
            raise ValueError("no nbformat-4 'cells' list")
    except (UnicodeDecodeError, ValueError) as err:
        return None, f"not a Jupyter notebook ({str(err).splitlines()[0][:80]})"
    chapter = (nb.get("metadata", {}).get("lecturecode") or {}).get("chapter")
    if chapter not in (None, assignment):
        return None, f"this is the notebook of chapter {chapter!r}, not of {assignment!r}"
    notes = []
    by_id = {c.get("id"): c for c in release_nb["cells"]}
    stripped = 0
    for cell in nb["cells"]:
        ref = by_id.get(cell.get("id")) if isinstance(cell, dict) else None
        if ref is not None and "nbgrader" in ref["metadata"] and "nbgrader" not in cell.get("metadata", {}):
            cell.setdefault("metadata", {})["nbgrader"] = json.loads(json.dumps(ref["metadata"]["nbgrader"]))
            stripped += 1
    if stripped:
        notes.append(f"the metadata of {stripped} cells was restored from the release")
    present = set(_grade_cells(nb))
    missing = [gid for gid in _grade_cells(release_nb) if gid not in present]
    if missing and len(missing) == len(_grade_cells(release_nb)):
        return None, "none of the assignment's cells are in this notebook (is it the right file?)"
    for gid in missing:                       # put deleted graded cells back after their predecessor
        cells = release_nb["cells"]
        k = next(i for i, c in enumerate(cells) if c["metadata"].get("nbgrader", {}).get("grade_id") == gid)
        before = {c.get("id") for c in cells[:k]}
        at = max([i + 1 for i, c in enumerate(nb["cells"]) if c.get("id") in before] or [0])
        nb["cells"].insert(at, json.loads(json.dumps(cells[k])))
    if missing:
        notes.append(f"deleted cells put back: {', '.join(missing)}")
    nb.setdefault("metadata", {}).setdefault("lecturecode", {})["chapter"] = assignment
    return nb, "; ".join(notes)


def _log_errors(log: Path) -> dict:
    """``{student: why nbgrader gave up on the notebook}`` from an autograde log."""
    found, student = {}, None
    if not log.is_file():
        return found
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if "Creating/updating student with ID '" in line:
            student = line.split("ID '", 1)[1].split("'", 1)[0]
        elif student and student not in found:
            if "Kernel died" in line:
                found[student] = ("the kernel died (the code ends the Python process, e.g. os._exit, "
                                  "or crashed it)")
            elif "Timeout waiting for execute reply" in line:
                found[student] = (f"a cell ran over the time limit per cell "
                                  f"({line.rsplit('(', 1)[-1].rstrip(').')}) and did not stop when interrupted")
    return found


def _reason(autograded: Path, log_error: str | None = None) -> str:
    """The failed graded cells of an autograded notebook, with their errors."""
    if not autograded.is_file():
        return f"not graded (0 points): {log_error or 'nbgrader could not run this notebook (see its log)'}"
    nb = json.loads(autograded.read_text(encoding="utf-8"))
    failed = []
    for c in nb["cells"]:
        meta = c["metadata"].get("nbgrader", {})
        if c["cell_type"] == "code" and meta.get("grade"):
            errors = [o for o in c.get("outputs", []) if o.get("output_type") == "error"]
            if errors:
                e = errors[-1]
                failed.append(f"{meta['grade_id']}: {e.get('ename')}: {str(e.get('evalue'))[:70]}")
    return "; ".join(failed) if failed else "all tests passed"


def _run(args, cwd, log):
    env = dict(os.environ, JUPYTER_PATH=str(cwd), PYTHONPATH="")
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.Popen([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env, stdout=log,
                            stderr=subprocess.STDOUT)


def grade_class(course, submissions: dict, *, workers: int = 2, cell_timeout: int | None = None) -> list[dict]:
    """Grade ``submissions`` (``{(student, assignment): (file name, bytes)}``) in the course
    directory ``course``; returns the rows of ``course/grades.csv`` (see the module's text)."""
    course = Path(course).resolve()
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= 64:
        raise ValueError(f"workers must be an int in [1, 64], got {workers!r}")
    if not (course / "gradebook.db").is_file() or not (course / "release").is_dir():
        raise ValueError(f"course must be a course directory with its release (run `make course`), got {course}")
    releases, rows, queue = {}, [], []
    for (student, assignment), (name, data) in sorted(submissions.items()):
        path = course / "release" / assignment / f"{assignment}.ipynb"
        if not path.is_file():
            rows.append({"student": student, "assignment": assignment, "score": 0.0, "max_score": 0.0,
                         "reason": f"no assignment {assignment!r} in this course"})
            continue
        release = releases.setdefault(assignment, json.loads(path.read_text(encoding="utf-8")))
        nb, note = triage(assignment, name, data, release)
        if nb is None:
            rows.append({"student": student, "assignment": assignment, "score": 0.0,
                         "max_score": _points(release), "reason": note})
        else:
            queue.append((student, assignment, nb, note))
    shards = [course / "_workers" / f"w{k}" for k in range(workers)]
    procs = []
    for k, shard in enumerate(shards):
        shutil.rmtree(shard, ignore_errors=True)
        shard.mkdir(parents=True)
        for item in ("nbgrader_config.py", "gradebook.db"):
            shutil.copy2(course / item, shard / item)
        for item in ("source", "release", "kernels"):
            shutil.copytree(course / item, shard / item)
        mine = queue[k::workers]
        for student, assignment, nb, _ in mine:
            target = shard / "submitted" / student / assignment / f"{assignment}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")
        extra = [f"--Execute.timeout={int(cell_timeout)}"] if cell_timeout else []
        script = [["autograde", a, "--create", "--force", *extra] for a in sorted({a for _, a, _, _ in mine})]
        procs.append((shard, script))
    running = {}
    for shard, script in procs:                 # each worker runs its assignments one after the other
        running[shard] = (open(shard / "autograde.log", "w"), list(script), None)
    while running:
        for shard in list(running):
            log, script, proc = running[shard]
            if proc is not None and proc.poll() is None:
                continue
            if not script:
                log.close()
                del running[shard]
                continue
            running[shard] = (log, script[1:], _run(script[0], shard, log))
        if running:
            import time

            time.sleep(0.2)
    notes = {(s, a): n for s, a, _, n in queue}
    for shard in shards:
        with open(shard / "export.log", "w") as log:
            _run(["export", "--to", "grades.csv"], shard, log).wait()
        if not (shard / "grades.csv").is_file():
            continue
        log_errors = _log_errors(shard / "autograde.log")
        with open(shard / "grades.csv", newline="") as f:
            for r in csv.DictReader(f):
                key = (r["student_id"], r["assignment"])
                if key not in notes:
                    continue
                reason = _reason(shard / "autograded" / key[0] / key[1] / f"{key[1]}.ipynb", log_errors.get(key[0]))
                if notes[key]:
                    reason = f"{notes.pop(key)}; {reason}"
                else:
                    notes.pop(key)
                rows.append({"student": key[0], "assignment": key[1], "score": float(r["score"]),
                             "max_score": float(r["max_score"]), "reason": reason})
    for (student, assignment), note in notes.items():        # graded by no worker: say so, with a zero
        rows.append({"student": student, "assignment": assignment, "score": 0.0,
                     "max_score": _points(releases[assignment]),
                     "reason": "not graded: nbgrader could not run this notebook (see _workers/*/autograde.log)"})
    rows.sort(key=lambda r: (r["assignment"], r["student"]))
    with open(course / "grades.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, ["student", "assignment", "score", "max_score", "reason"])
        writer.writeheader()
        writer.writerows(rows)
    return rows


def main(argv=None) -> int:
    """Command line: grade ``COURSE_DIR/submitted`` and print where the CSV is."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("course")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    course = Path(args.course)
    submissions = {}
    for folder in sorted((course / "submitted").glob("*/*")):
        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        if not files:
            continue
        pick = next((p for p in files if p.name == f"{folder.name}.ipynb"), files[0])
        submissions[(folder.parent.name, folder.name)] = (pick.name, pick.read_bytes())
    try:
        rows = grade_class(course, submissions, workers=args.workers)
    except ValueError as err:
        print(f"grade_class: {err}", file=sys.stderr)
        return 2
    print(f"{len(rows)} rows in {course / 'grades.csv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
