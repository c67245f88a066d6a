r"""A simulated class for the course round trip (CI): make the submissions, grade them with
nbgrader, export the gradebook and assert every row.

    python coursework/simulate_class.py [--course _build/course] [--workers 2]

It needs the course directory with its release (``make course``). Each submission is the
release notebook of ``sim_gda`` or ``acceleration`` with the student's answer (or slip, or
cheat) written in; :data:`CLASS` lists them with the autograded score each must get. Then
:func:`coursework.grade_class.grade_class` triages, autogrades (several nbgrader processes)
and exports, and every row of ``grades.csv`` is compared with the expectation.
"""

from __future__ import annotations

import copy
import json
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from coursework.grade_class import grade_class  # noqa: E402

SIM = '''def sim_gda_matrix(A, B, C, eta):
    """I - eta H for the quadratic game with blocks A, B, C."""
    H = np.block([[A, B], [-B.T, C]])
    return np.eye(len(H)) - eta * H
'''
EG = '''def extragradient_step(F, z, eta):
    """One extragradient step."""
    return z - eta * F(z - eta * F(z))
'''
STUB_SIM = None          # leave the release's stub
ZEROS = "def sim_gda_matrix(A, B, C, eta):\n    return np.zeros((len(A) + len(C),) * 2)\n"

#: A cheat: a meta-path finder that serves the test a fake lecturecode (also run by
#: tests/coursework/test_grading_kernel.py).
FAKE_PACKAGE = ("import sys, types, importlib.abc, importlib.machinery\n"
    "class _Fake(importlib.abc.MetaPathFinder, importlib.abc.Loader):\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        return importlib.machinery.ModuleSpec(name, self) if name == 'lecturecode' else None\n"
    "    def create_module(self, spec):\n"
    "        m, ns = types.ModuleType(spec.name), types.SimpleNamespace\n"
    "        m.analysis = ns(update_matrix=lambda meth, g: np.zeros((g, g)))\n"
    "        m.methods = ns(sim_gda=lambda eta: eta, alt_gda=lambda eta: eta)\n"
    "        m.games = ns(quadratic_minimax=lambda A, B, C: len(A) + len(C))\n"
    "        return m\n"
    "    def exec_module(self, module):\n"
    "        pass\n"
    "sys.meta_path.insert(0, _Fake())")

#: (student id, chapter, the solution cell's new source or None, extra cells before the tests,
#:  a function editing the notebook, the expected autograded score)
CLASS = [
    ("correct", "sim_gda", SIM, [], None, 3),
    ("slip-sign", "sim_gda", SIM.replace("-B.T", "B.T"), [], None, 0),
    ("slip-alt-gda", "sim_gda", SIM.replace("return np.eye(len(H)) - eta * H",
                                            "n = len(A)\n    J = np.eye(len(H)) - eta * H\n"
                                            "    J[n:, :n] = eta * B.T @ (np.eye(n) - eta * A)\n"
                                            "    J[n:, n:] -= eta ** 2 * B.T @ B\n    return J"), [], None, 0),
    ("slip-scalar-only", "sim_gda", "def sim_gda_matrix(A, B, C, eta):\n    a, b, c = A[0, 0], B[0, 0], C[0, 0]\n"
     "    return np.array([[1 - eta * a, -eta * b], [eta * b, 1 - eta * c]])\n", [], None, 1),
    ("slip-transpose", "sim_gda", SIM.replace("[-B.T, C]", "[-B, C]").replace("[A, B]", "[A, B.T]"), [], None, 1),
    ("untouched-stub", "sim_gda", STUB_SIM, [], None, 0),
    ("hang", "sim_gda", SIM.replace('    H = ', '    import time\n    while True:\n        try:\n'
                                    '            time.sleep(1)\n        except KeyboardInterrupt:\n'
                                    '            pass\n    H = '), [], None, 0),
    ("sys-exit", "sim_gda", SIM.replace("    H = ", "    import sys\n    sys.exit(0)\n    H = "), [], None, 0),
    ("os-exit", "sim_gda", SIM + "import os\nos._exit(0)\n", [], None, 0),
    ("alloc-3GB", "sim_gda", SIM.replace("    H = ", "    big = np.ones(3 * 2**30 // 8)\n    H = "), [], None, 0),
    ("cheat-patch-checks", "sim_gda", ZEROS,
     ["lc.checks.operators.close = lambda *a, **k: True\nimport lecturecode.checks._feedback as fb\n"
      "fb.close = lambda *a, **k: True"], None, 0),
    ("cheat-forge-record", "sim_gda", STUB_SIM,
     ["from lecturecode.checks._feedback import Feedback, record\n"
      "record(Feedback('ex-simgda-matrix', True, 'ok'))"], None, 0),
    ("cheat-grade-log", "sim_gda", STUB_SIM,
     ["import json, os\nos.environ['LECTURECODE_GRADE_LOG'] = 'log.jsonl'\n"
      "open('log.jsonl', 'a').write(json.dumps({'exercise': 'ex-simgda-matrix', 'passed': True}) + '\\n')"],
     None, 0),
    ("cheat-edit-tests", "sim_gda", STUB_SIM, [], "edit_tests", 0),
    ("cheat-delete-tests", "sim_gda", STUB_SIM, [], "delete_tests", 0),
    ("cheat-points-metadata", "sim_gda", STUB_SIM, [], "points_metadata", 0),
    ("cheat-call-oracle", "sim_gda", "def sim_gda_matrix(A, B, C, eta):\n    return lc.analysis.update_matrix("
     "lc.methods.sim_gda(eta), lc.games.quadratic_minimax(A, B, C))\n", [], None, 0),
    ("cheat-saved-oracle", "sim_gda", "from lecturecode.analysis import update_matrix as _um\n"
     "from lecturecode.methods import sim_gda as _sg\n\n\ndef sim_gda_matrix(A, B, C, eta):\n"
     "    return _um(_sg(eta), lc.games.quadratic_minimax(A, B, C))\n", [], None, 0),
    ("cheat-method-step", "sim_gda", "def sim_gda_matrix(A, B, C, eta):\n    g = lc.games.quadratic_minimax(A, B, C)\n"
     "    m = lc.methods.sim_gda(eta)\n    d = len(A) + len(C)\n"
     "    return np.stack([m.step(g, e, m.init(g, e))[0] for e in np.eye(d)], axis=1)\n", [], None, 0),
    ("cheat-read-checkout", "sim_gda", "import json, pathlib\n_nb = pathlib.Path(lc.__file__).parents[1] / "
     "'chapters' / 'sim_gda.ipynb'\n_cell = [c for c in json.loads(_nb.read_text())['cells'] if 'solution' in "
     "c['metadata'].get('tags', [])][0]\nexec(''.join(_cell['source']))\n", [], None, 0),
    ("cheat-swallow-errors", "sim_gda", STUB_SIM,
     ["get_ipython().set_custom_exc((BaseException,), lambda *a, **k: None)"], None, 0),
    ("cheat-hide-traceback", "sim_gda", STUB_SIM, ["get_ipython().showtraceback = lambda *a, **k: None"], None, 0),
    ("cheat-input-transformer", "sim_gda", STUB_SIM,
     ["def _rewrite(lines):\n    return ['pass\\n'] if any('_grade_cases' in line for line in lines) else lines\n"
      "get_ipython().input_transformers_post.append(_rewrite)\n"
      "get_ipython().input_transformers_cleanup.append(_rewrite)"], None, 0),
    ("cheat-ast-and-class-patch", "sim_gda", STUB_SIM,
     ["import ast\nclass _NoRaise(ast.NodeTransformer):\n    def visit_Raise(self, node):\n"
      "        return ast.Pass()\nget_ipython().ast_transformers.append(_NoRaise())\n"
      "_transform = type(get_ipython()).transform_cell\ntype(get_ipython()).transform_cell = "
      "lambda self, cell: 'pass\\n' if '_grade_cases' in cell else _transform(self, cell)"], None, 0),
    ("cheat-fake-package", "sim_gda", ZEROS,                  # a finder serving a fake lecturecode to the test
     [FAKE_PACKAGE], None, 0),
    ("cheat-patch-numpy", "sim_gda", ZEROS,
     ["np.allclose = lambda *a, **k: True\nnp.testing.assert_allclose = lambda *a, **k: None\n"
      "import math\nmath.isclose = lambda *a, **k: True"], None, 0),
    ("cheat-fake-runner", "sim_gda", STUB_SIM, ["def _grade_cases(*a, **k):\n    return None"], None, 0),
    ("cheat-other-chapter-check", "sim_gda", STUB_SIM,
     [EG + "lc.checks.extragradient_step(extragradient_step)"], None, 0),
    ("renamed-file", "sim_gda", SIM, [], "rename", 0),
    ("other-chapter-notebook", "sim_gda", None, [], "other_chapter", 0),
    ("not-a-notebook", "sim_gda", None, [], "not_notebook", 0),
    ("metadata-stripped", "sim_gda", SIM, [], "strip_metadata", 3),
    ("eg-correct", "acceleration", EG, [], None, 3),
    ("eg-slip-sim-gda", "acceleration", EG.replace("F(z - eta * F(z))", "F(z)"), [], None, 0),
    ("eg-slip-from-half", "acceleration", EG.replace("return z - eta * F(z - eta * F(z))",
                                                     "h = z - eta * F(z)\n    return h - eta * F(h)"), [], None, 0),
    ("eg-untouched-stub", "acceleration", None, [], None, 0),
    ("eg-answer-in-new-cell", "acceleration", None, [EG], None, 3),
    ("eg-os-exit-in-check", "acceleration", EG.replace('    return', '    import os\n    os._exit(1)\n    return'),
     [], None, 0),
]


def _cells(nb, prefix):
    return [i for i, c in enumerate(nb["cells"])
            if (c["metadata"].get("nbgrader", {}).get("grade_id") or "").startswith(prefix)]


def make_submission(release: Path, chapter: str, source, extra, edit) -> tuple[str, bytes]:
    """One student's file: (file name, bytes)."""
    nb = json.loads((release / chapter / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    answer = [i for i, c in enumerate(nb["cells"]) if c["metadata"].get("nbgrader", {}).get("solution")
              and c["cell_type"] == "code"][0]
    if source is not None:
        nb["cells"][answer]["source"] = source
    for k, text in enumerate(extra):
        nb["cells"].insert(answer + 1 + k, {"cell_type": "code", "execution_count": None, "id": f"extra-{k}",
                                            "metadata": {}, "outputs": [], "source": text})
    name = f"{chapter}.ipynb"
    if edit == "edit_tests":
        for i in _cells(nb, "test-") + _cells(nb, "hidden-"):
            nb["cells"][i]["source"] = "pass"
    elif edit == "delete_tests":
        nb["cells"] = [c for i, c in enumerate(nb["cells"]) if i not in _cells(nb, "test-") + _cells(nb, "hidden-")]
    elif edit == "points_metadata":
        for i in _cells(nb, "test-") + _cells(nb, "hidden-"):
            nb["cells"][i]["metadata"]["nbgrader"]["points"] = 100
            nb["cells"][i]["source"] = "pass"
    elif edit == "rename":
        name = f"smith_{chapter}.ipynb"
    elif edit == "other_chapter":
        nb = json.loads((release / "acceleration" / "acceleration.ipynb").read_text(encoding="utf-8"))
    elif edit == "not_notebook":
        return name, b"%PDF-1.4 this is a PDF export, not a notebook\n"
    elif edit == "strip_metadata":
        nb = copy.deepcopy(nb)
        for c in nb["cells"]:
            c["metadata"] = {}
        nb["metadata"].pop("lecturecode", None)
    return name, (json.dumps(nb, indent=1) + "\n").encode()


def release_matches_student_edition(course: Path) -> list[str]:
    """Differences between the release's answer cells and the student edition's stubs (none
    expected: the student edition and the release are the same notebooks where students write)."""
    from lecturecode.student_edition import SOLUTION_TAG, student_notebook

    root = Path(__file__).resolve().parents[1]
    problems = []
    for path in sorted((course / "release").glob("*/*.ipynb")):
        chapter = json.loads((root / "chapters" / path.name).read_text(encoding="utf-8"))
        stubs = ["".join(c["source"]).rstrip() for c in student_notebook(chapter)["cells"]
                 if SOLUTION_TAG in c["metadata"].get("tags", [])]
        answers = ["".join(c["source"]).rstrip() for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                   if c["cell_type"] == "code" and c["metadata"].get("nbgrader", {}).get("solution")]
        if stubs != answers:
            problems.append(f"{path.name}: release {answers!r} != student edition {stubs!r}")
    return problems


def main(argv=None) -> int:
    """Build the class, grade it, print the table; exit 1 when a row differs from its expectation."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--course", default=str(Path(__file__).resolve().parents[1] / "_build" / "course"))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cell-timeout", type=int, default=8)
    args = parser.parse_args(argv)
    course = Path(args.course)
    problems = release_matches_student_edition(course)
    for p in problems:
        print(f"MISMATCH {p}")
    start = time.monotonic()
    submissions = {}
    for student, chapter, source, extra, edit, _ in CLASS:
        submissions[(student, chapter)] = make_submission(course / "release", chapter, source, extra, edit)
    rows = grade_class(course, submissions, workers=args.workers, cell_timeout=args.cell_timeout)
    wall = time.monotonic() - start
    expected = {(s, ch): e for s, ch, *_, e in CLASS}
    bad = len(problems)
    print(f"{'submission':28} {'assignment':13} {'expected':>8} {'got':>5} {'max':>4}  reason")
    for row in rows:
        want = expected[(row["student"], row["assignment"])]
        ok = row["score"] == want
        bad += not ok
        print(f"{row['student']:28} {row['assignment']:13} {want:8g} {row['score']:5g} {row['max_score']:4g}  "
              f"{'' if ok else 'MISMATCH '}{row['reason']}")
    missing = set(expected) - {(r["student"], r["assignment"]) for r in rows}
    for key in sorted(missing):
        bad += 1
        print(f"{key[0]:28} {key[1]:13} MISSING from the export")
    print(f"\n{len(rows)} submissions graded in {wall:.0f} s with {args.workers} workers "
          f"({wall * args.workers / max(len(rows), 1):.1f} worker-seconds each); {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
