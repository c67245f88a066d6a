"""The autograder tests of every coding exercise, run as nbgrader runs them (in a fresh Python,
one notebook's cells in order): the book's solution passes, the stub fails, and a solution that
calls the package's own answer fails, also when it saved a reference before the test."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coursework.exercises import SPECS, hidden_cases, cell_source, visible_cases
from lecturecode.checks import EXERCISES

ROOT = Path(__file__).resolve().parents[2]

ORACLE_CALLS = {
    "ex-simgda-matrix": "return _um(lc.methods.sim_gda(eta), lc.games.quadratic_minimax(A, B, C))",
    "ex-altgda-matrix": "return _um(lc.methods.alt_gda(eta), lc.games.quadratic_minimax(A, B, C))",
    "ex-accel-eg-step": "m = lc.methods.extragradient(eta)\n    return z - eta * F(z - eta * F(z)) + 0 * len(m.name)",
    "ex-concepts-classify": ("v = lc.solution_concepts.classify_critical_point(lc.games.quadratic_2d(a, b, c), "
                             "[0.0, 0.0])\n    return v.local_nash, v.local_minimax, v.gda_stable"),
    "ex-lola-value": "return lc.games.ipd(gamma).values(np.concatenate([lc.gan.logit(p1), lc.gan.logit(p2)]))[0]",
    "ex-gan-nonsat-grad": "return lc.gan.generator_cost_grad(logits, 'non_saturating')",
    "ex-beyond-lyapunov": ("from lecturecode.analysis.stochastic import noise_floor\n    return noise_floor("
                           "lc.methods.sim_gda(eta), lc.games.quadratic_2d(H[0, 0], H[0, 1], H[1, 1]), sigma)"),
}

HARNESS = r"""
import json, sys
import numpy as np
import lecturecode as lc
from lecturecode.analysis import update_matrix as _um

class _Shell:
    CustomTB, custom_exceptions = None, ()

get_ipython = lambda: _SHELL
_SHELL = _Shell()
out = {}
for name, solution, tests in json.loads(sys.stdin.read()):
    ns = dict(globals())
    exec(solution, ns)
    try:
        for t in tests:
            exec(t, ns)
        out[name] = "passed"
    except AssertionError as err:
        out[name] = f"failed: {err}"
print(json.dumps(out))
"""


def solution_source(label):
    nb = json.loads((ROOT / "chapters" / f"{EXERCISES[label].chapter}.ipynb").read_text(encoding="utf-8"))
    fn = SPECS[label].function
    (cell,) = [c for c in nb["cells"] if "solution" in c["metadata"].get("tags", [])
               and f"def {fn}(" in "".join(c["source"])]
    return "".join(cell["source"])


@pytest.mark.parametrize("label", sorted(SPECS))
def test_solution_passes_stub_and_oracle_fail(label):
    spec = SPECS[label]
    tests = [cell_source(label, visible_cases(label), hidden=False),
             cell_source(label, hidden_cases(label, seed=5), hidden=True)]
    signature = solution_source(label).split("\n")[0]
    runs = [("solution", solution_source(label), tests),
            ("stub", f"{signature}\n    raise NotImplementedError()\n", tests),
            ("oracle", f"{signature}\n    {ORACLE_CALLS[label]}\n", tests)]
    done = subprocess.run([sys.executable, "-c", HARNESS], input=json.dumps(runs), capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["solution"] == "passed", result
    assert result["stub"].startswith("failed") and "not written yet" in result["stub"], result
    assert result["oracle"].startswith("failed") and "unavailable" in result["oracle"], (spec.function, result)
