r"""The autograder tests of the coding exercises: cases from the instructor's seed, reference
recomputed in the test from trusted code imported fresh, the package's own answer disabled.

Every coding exercise of the book (:data:`lecturecode.checks.EXERCISES`) gets two nbgrader test
cells: a visible one (the lecture's case, shown to students) and a hidden one (cases drawn from
the instructor's seed, between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``, which
``nbgrader generate_assignment`` removes from the release and ``nbgrader autograde`` restores
from its database). Both run the same code, :data:`RUNNER`:

1. remove an error handler the student may have installed (``set_custom_exc``, a patched
   ``showtraceback``), so that a failing test still shows as an error to nbgrader;
2. drop every ``lecturecode`` module from ``sys.modules`` and import the package again, so a
   student's patch of ``lc.checks``, ``lc.analysis`` … does not reach the reference;
3. compute the reference on the cases with that fresh code;
4. make the package's own answer for this exercise (the *oracles*, e.g.
   ``lecturecode.analysis.update_matrix``) raise in every copy the kernel holds (the ``__code__``
   of every function object with the oracle's module and name is swapped, found with
   :func:`gc.get_objects`, so the student's own import and a reference saved before the test
   raise too), call the student's function on every case, then restore;
5. compare in plain Python floats (no ``numpy.allclose`` or ``math.isclose`` a student could patch).

The verdict is whether the test cell raised, which nbgrader reads from the kernel's reply; no
verdict is read from a file or a variable the student's code can write.

References
----------
nbgrader documentation, "Autograder tests" and "Hiding tests":
https://nbgrader.readthedocs.io/en/stable/user_guide/creating_and_grading_assignments.html

Examples
--------
>>> spec = SPECS["ex-simgda-matrix"]
>>> spec.function, spec.oracles[0]
('sim_gda_matrix', 'analysis.update_matrix')
>>> len(hidden_cases("ex-simgda-matrix", seed=1)) == len(hidden_cases("ex-simgda-matrix", seed=1, n=None))
True
"""

from __future__ import annotations

import zlib
from typing import Callable, NamedTuple

import numpy as np

__all__ = ["Spec", "SPECS", "hidden_cases", "visible_cases", "cell_source", "RUNNER"]


class Spec(NamedTuple):
    """A coding exercise's autograder: the student's function, the package functions that
    answer it (disabled while the student's code runs), the reference as an expression of the
    fresh package ``lc`` and the case's arguments, how the case's arguments are rebuilt from
    literals, the comparison (``"array"`` or ``"bools"``), and the case generators."""

    function: str
    oracles: tuple
    args: str           # Python source turning the literal case `c` into the call's arguments `a`
    reference: str      # Python source: the expected value from `lc`, `np` and the arguments `a`
    compare: str
    visible: Callable
    hidden: Callable


def _quadratic_blocks(rng, n_x, n_y, eta):
    a = rng.standard_normal((n_x, n_x))
    c = rng.standard_normal((n_y, n_y))
    return [(a @ a.T + np.eye(n_x)).round(6).tolist(), rng.standard_normal((n_x, n_y)).round(6).tolist(),
            (c @ c.T + np.eye(n_y)).round(6).tolist(), eta]


def _operator_hidden(rng, n):
    return [_quadratic_blocks(rng, int(rng.integers(1, 4)), int(rng.integers(1, 4)),
                              round(float(rng.uniform(0.01, 0.4)), 4)) for _ in range(n)]


_OPERATOR_ARGS = "a = [np.array(c[0]), np.array(c[1]), np.array(c[2]), c[3]]"
_OPERATOR_VISIBLE = [[[[1.0]], [[10.0]], [[1.0]], 0.01]]


def _eg_hidden(rng, n):
    out = []
    for _ in range(n):
        n_x, n_y = int(rng.integers(1, 3)), int(rng.integers(1, 3))
        out.append([round(float(rng.uniform(0.5, 2)), 3), round(float(rng.uniform(5, 20)), 3), n_x, n_y,
                    int(rng.integers(0, 10**6)), rng.standard_normal(n_x + n_y).round(4).tolist(),
                    round(float(rng.uniform(0.01, 0.1)), 4)])
    return out


def _concept_hidden(rng, n):
    return [rng.choice([-1, 1], 3) * rng.uniform(0.2, 5, 3).round(2) for _ in range(n)]


def _ipd_hidden(rng, n):
    return [[rng.uniform(0.05, 0.95, 5).round(2).tolist(), rng.uniform(0.05, 0.95, 5).round(2).tolist(),
             float(rng.choice([0.5, 0.8, 0.9, 0.96]))] for _ in range(n)]


def _noise_floor_hidden(rng, n):
    out = []
    for _ in range(n):                       # A, C >= I; eta below mu/L^2, so Sim-GDA is stable
        a, b, c, _ = _quadratic_blocks(rng, int(rng.integers(1, 3)), int(rng.integers(1, 3)), 0.0)
        H = np.block([[np.array(a), np.array(b)], [-np.array(b).T, np.array(c)]])
        mu, L = np.linalg.eigvalsh(0.5 * (H + H.T))[0], np.linalg.norm(H, 2)
        out.append([a, b, c, round(float(rng.uniform(0.3, 0.9) * mu / L**2), 6),
                    round(float(rng.uniform(0.1, 3.0)), 3)])
    return out


def _nonsat_hidden(rng, n):
    return [[rng.uniform(-30, 30, int(rng.integers(3, 9))).round(3).tolist()] for _ in range(n)]


SPECS = {
    "ex-simgda-matrix": Spec(
        "sim_gda_matrix", ("analysis.update_matrix", "methods.sim_gda", "methods.alt_gda"), _OPERATOR_ARGS,
        "lc.analysis.update_matrix(lc.methods.sim_gda(a[3]), lc.games.quadratic_minimax(a[0], a[1], a[2]))",
        "array", lambda: _OPERATOR_VISIBLE, _operator_hidden),
    "ex-altgda-matrix": Spec(
        "alt_gda_matrix", ("analysis.update_matrix", "methods.sim_gda", "methods.alt_gda"), _OPERATOR_ARGS,
        "lc.analysis.update_matrix(lc.methods.alt_gda(a[3]), lc.games.quadratic_minimax(a[0], a[1], a[2]))",
        "array", lambda: _OPERATOR_VISIBLE, _operator_hidden),
    "ex-accel-eg-step": Spec(
        "extragradient_step", ("methods.extragradient", "methods.sim_gda"),
        "g = lc.games.random_quadratic_game(c[0], c[1], c[2], c[3], seed=c[4]); a = [g.F, np.array(c[5]), c[6]]",
        "lc.methods.extragradient(a[2]).step(g, a[1], lc.methods.extragradient(a[2]).init(g, a[1]))[0]",
        "array", lambda: [[1.0, 10.0, 1, 1, 3, [1.0, 1.0], 0.05]], _eg_hidden),
    "ex-concepts-classify": Spec(
        "classify_origin", ("solution_concepts.classify_critical_point",), "a = [float(v) for v in c]",
        "(lambda v: (v.local_nash, v.local_minimax, v.gda_stable))(lc.solution_concepts.classify_critical_point("
        "lc.games.quadratic_2d(*a), [0.0, 0.0]))",
        "bools", lambda: [[1.0, 10.0, 1.0]], lambda rng, n: [v.tolist() for v in _concept_hidden(rng, n)]),
    "ex-lola-value": Spec(
        "ipd_value", ("games.ipd",), "a = [np.array(c[0]), np.array(c[1]), c[2]]",
        "lc.games.ipd(a[2]).values(np.concatenate([lc.gan.logit(a[0]), lc.gan.logit(a[1])]))[0]",
        "array", lambda: [[[0.9, 0.8, 0.2, 0.7, 0.1], [0.9, 0.8, 0.2, 0.7, 0.1], 0.96]], _ipd_hidden),
    "ex-gan-nonsat-grad": Spec(
        "nonsaturating_grad", ("gan.generator_cost_grad",), "a = [np.array(c[0])]",
        "lc.gan.generator_cost_grad(a[0], 'non_saturating')",
        "array", lambda: [[[-2.0, 0.0, 3.0]]], _nonsat_hidden),
    "ex-beyond-lyapunov": Spec(
        "sim_gda_noise_floor", ("analysis.stochastic.noise_floor",),
        "import lecturecode.analysis.stochastic\n"
        "a = [np.block([[np.array(c[0]), np.array(c[1])], [-np.array(c[1]).T, np.array(c[2])]]), c[3], c[4]]",
        "lc.analysis.stochastic.noise_floor(lc.methods.sim_gda(a[1]), lc.games.quadratic_minimax("
        "np.array(c[0]), np.array(c[1]), np.array(c[2])), a[2])",
        "array", lambda: [[[[1.0]], [[3.0]], [[1.0]], 0.05, 1.0]], _noise_floor_hidden),
}


def _spec(label: str) -> Spec:
    if not isinstance(label, str) or label not in SPECS:
        raise ValueError(f"label must be a coding exercise's label, one of {sorted(SPECS)}, got {label!r}")
    return SPECS[label]


def hidden_cases(label: str, *, seed: int, n: int | None = 4) -> list:
    """The hidden cases of exercise ``label`` for the instructor's ``seed`` (the same seed gives
    the same cases; each exercise draws from its own stream)."""
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed must be a non-negative int (the instructor's seed), got {seed!r}")
    rng = np.random.default_rng([seed, zlib.crc32(label.encode())])
    return _spec(label).hidden(rng, 4 if n is None else n)


def visible_cases(label: str) -> list:
    """The cases of the visible test cell (the lecture's case)."""
    return _spec(label).visible()


#: The code every test cell runs (see the module's text); ``_grade_cases(name, student, ...)``.
RUNNER = r'''
def _grade_cases(_name, _student, _cases, _args, _reference, _oracles, _compare):
    import importlib
    import sys
    _ip = get_ipython()
    _ip.CustomTB, _ip.custom_exceptions = None, ()      # an installed handler must not swallow a failure
    _ip.__dict__.pop("showtraceback", None)
    _ip.__dict__.pop("run_cell", None)
    _old = {k: v for k, v in list(sys.modules.items()) if k == "lecturecode" or k.startswith("lecturecode.")}
    for _k in _old:
        del sys.modules[_k]
    lc = importlib.import_module("lecturecode")        # trusted code, imported fresh
    np = importlib.import_module("numpy")
    _expected, _calls = [], []
    for c in _cases:
        _ns = {"lc": lc, "np": np, "c": c}
        exec(_args, _ns)
        _expected.append(eval(_reference, _ns))
        _calls.append(_ns["a"])

    def _resolve(root, path):
        for part in path.split("."):
            root = getattr(root, part, None)
        return root

    def _unavailable(*args, **kwargs):
        raise RuntimeError("the package's own answer to this exercise is unavailable while it is graded")

    import gc
    _names = set()
    for _path in _oracles:
        _f = _resolve(lc, _path)
        if hasattr(_f, "__code__"):
            _names.add((_f.__module__, _f.__qualname__))
    _targets = [(_f, _f.__code__) for _f in gc.get_objects()          # every copy: old imports, saved names
                if type(_f) is type(_resolve) and (getattr(_f, "__module__", None), _f.__qualname__) in _names
                and not _f.__code__.co_freevars]
    _got = []
    try:
        for _f, _ in _targets:
            _f.__code__ = _unavailable.__code__
        for _i, _a in enumerate(_calls):
            try:
                _got.append(_student(*[x.copy() if hasattr(x, "copy") else x for x in _a]))
            except NotImplementedError:
                raise AssertionError(f"{_name} is not written yet (it raises NotImplementedError)") from None
            except Exception as _err:
                raise AssertionError(f"case {_i + 1}: {_name} raised {type(_err).__name__}: {_err}") from None
    finally:
        for _f, _code in _targets:
            _f.__code__ = _code
    for _i, (_g, _e) in enumerate(zip(_got, _expected)):
        if _compare == "bools":
            _ok = (type(_g) in (tuple, list) and len(_g) == 3 and all(type(v) in (bool, np.bool_) for v in _g)
                   and [bool(v) for v in _g] == [bool(v) for v in _e])
        else:
            try:
                _ga = np.asarray(_g, dtype=float)
            except (TypeError, ValueError):
                _ga = None
            _ea = np.asarray(_e, dtype=float)
            _ok = _ga is not None and _ga.shape == _ea.shape
            if _ok:
                for _x, _y in zip(_ga.ravel().tolist(), _ea.ravel().tolist()):
                    _d = _x - _y if _x > _y else _y - _x
                    if not _d <= 1e-9 + 1e-7 * (_y if _y > 0 else -_y):     # NaN fails too
                        _ok = False
                        break
        if _ok is not True:
            raise AssertionError(f"case {_i + 1} of {len(_got)}: wrong result from {_name}")
    print(f"{_name}: all {len(_got)} cases right")
'''


def cell_source(label: str, cases: list, *, hidden: bool) -> str:
    """The source of one autograder test cell for exercise ``label`` on ``cases``."""
    spec = _spec(label)
    call = (f"_grade_cases({spec.function!r}, {spec.function}, {cases!r},\n             {spec.args!r},\n"
            f"             {spec.reference!r},\n             {spec.oracles!r}, {spec.compare!r})\n")
    if not hidden:
        return ("# Autograder test: the lecture's case (your function is run with the package's own answer "
                "unavailable)\n" + RUNNER.lstrip("\n") + call)
    return ("# Autograder test: hidden cases, run when the notebook is graded\n### BEGIN HIDDEN TESTS\n"
            + RUNNER.lstrip("\n") + call + "### END HIDDEN TESTS\n")
