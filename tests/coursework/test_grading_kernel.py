"""The grading kernel's guard (coursework/kernel.py): a student's cell can register input and AST
transformers, patch IPython's classes or set a tracer, but a test cell (its first line is the
marker) is transformed and run as written. Run in a real kernel, as nbgrader's autograde runs it."""

import json
import sys
from pathlib import Path

import pytest

from coursework.exercises import SPECS, cell_source, hidden_cases, visible_cases
from coursework.kernel import MARKER
from coursework.simulate_class import FAKE_PACKAGE

jupyter_client = pytest.importorskip("jupyter_client")
ROOT = Path(__file__).resolve().parents[2]

FAILING_TEST = f"{MARKER} the lecture's case\ndef _grade_cases():\n    raise AssertionError('wrong')\n_grade_cases()"
CHEATS = {
    "input transformers (post and cleanup)": (
        "def _rewrite(lines):\n    return ['pass\\n'] if any('_grade_cases' in l for l in lines) else lines\n"
        "get_ipython().input_transformers_post.append(_rewrite)\n"
        "get_ipython().input_transformers_cleanup.append(_rewrite)"),
    "an AST transformer dropping raise": (
        "import ast\nclass _NoRaise(ast.NodeTransformer):\n    def visit_Raise(self, node):\n"
        "        return ast.Pass()\nget_ipython().ast_transformers.append(_NoRaise())"),
    "a patched transform_cell on the shell's class": (
        "_t = type(get_ipython()).transform_cell\n"
        "type(get_ipython()).transform_cell = lambda self, c: 'pass\\n' if '_grade_cases' in c else _t(self, c)"),
    "a replaced compiler and builtins.compile": (
        "import builtins\n_c = builtins.compile\n"
        "builtins.compile = lambda s, *a, **k: _c('pass' if '_grade_cases' in str(s) else s, *a, **k)\n"
        "get_ipython().compile.ast_parse = lambda *a, **k: __import__('ast').parse('pass')"),
    "a pre_run_cell callback and a tracer": (
        "import sys\nget_ipython().events.register('pre_run_cell', lambda info: sys.settrace(lambda *a: None))"),
    "a replaced do_execute": (
        "_k = get_ipython().kernel\n_orig = type(_k).do_execute\n"
        "async def _skip(self, code, *a, **k):\n    return await _orig(self, 'pass' if '_grade_cases' in code else "
        "code, *a, **k)\ntype(_k).do_execute = _skip\n_k.do_execute = _skip.__get__(_k)"),
}


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """The grading kernel as `make course` installs it (kernel.py run with -I, a memory limit)."""
    home = tmp_path_factory.mktemp("jupyter")
    spec = home / "kernels" / "graded"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-I", str(ROOT / "coursework" / "kernel.py"), "--memory-mb", "1536", "-f",
                 "{connection_file}"], "display_name": "graded", "language": "python"}))
    ksm = jupyter_client.kernelspec.KernelSpecManager(kernel_dirs=[str(home / "kernels")])
    km = jupyter_client.KernelManager(kernel_name="graded", kernel_spec_manager=ksm)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)

    def run(code: str) -> tuple[str, str]:
        reply = kc.execute_interactive(code, timeout=30, output_hook=lambda msg: None)
        return reply["content"]["status"], reply["content"].get("ename", "")

    yield run
    kc.stop_channels()
    km.shutdown_kernel(now=True)


@pytest.mark.parametrize("name", CHEATS)
def test_a_cheat_cannot_rewrite_the_test_cell(kernel, name):
    assert kernel(CHEATS[name]) == ("ok", "")
    assert kernel(FAILING_TEST) == ("error", "AssertionError"), name


def test_the_cheats_work_on_the_students_own_cells_so_the_guard_is_what_stops_them(kernel):
    assert kernel(CHEATS["input transformers (post and cleanup)"]) == ("ok", "")
    assert kernel("_grade_cases = 1\nraise ValueError('rewritten away')") == ("ok", "")
    assert kernel(FAILING_TEST) == ("error", "AssertionError")
    assert kernel("raise ValueError('no longer rewritten')") == ("error", "ValueError")   # the guard removed it


def test_a_real_test_cell_passes_on_the_right_answer_after_the_guard_ran(kernel):
    answer = ("import numpy as np\ndef sim_gda_matrix(A, B, C, eta):\n"
              "    H = np.block([[A, B], [-B.T, C]])\n    return np.eye(len(H)) - eta * H")
    assert kernel(answer) == ("ok", "")
    label = "ex-simgda-matrix"
    assert kernel(cell_source(label, visible_cases(label), hidden=False)) == ("ok", "")
    assert kernel(FAILING_TEST) == ("error", "AssertionError")


@pytest.mark.parametrize("label", sorted(SPECS))
def test_every_test_cell_the_course_writes_starts_with_the_marker(label):
    assert cell_source(label, visible_cases(label), hidden=False).startswith(MARKER + " ")
    assert cell_source(label, hidden_cases(label, seed=1), hidden=True).startswith(MARKER + " ")


ZEROS = "import numpy as np\ndef sim_gda_matrix(A, B, C, eta):\n    return np.zeros((len(A) + len(C),) * 2)"
#: Cheats on what the real test cell imports and compares with (each with an all-zeros answer).
IMPORT_CHEATS = {
    "a patched numpy.asarray": "np.asarray = lambda *a, **k: np.zeros(1)",
    "a fake numpy in sys.modules": (
        "import sys, types\n_fake = types.ModuleType('numpy')\n_fake.__dict__.update(vars(np))\n"
        "_fake.asarray = lambda *a, **k: np.zeros(1)\nsys.modules['numpy'] = _fake"),
    "a fake lecturecode served by a meta-path finder": FAKE_PACKAGE,
}


@pytest.mark.parametrize("name", IMPORT_CHEATS)
def test_the_test_cell_imports_and_compares_with_the_real_modules(kernel, name):
    label = "ex-simgda-matrix"
    assert kernel(ZEROS) == ("ok", "")
    assert kernel(IMPORT_CHEATS[name]) == ("ok", "")
    assert kernel(cell_source(label, visible_cases(label), hidden=False)) == ("error", "AssertionError"), name
