"""Every public function survives hostile input (the package's error contract, checked by fuzzing).

What it checks
--------------
Every public callable of ``lecturecode`` (the ``__all__`` of every module and subpackage:
functions, class constructors, and public methods of public classes) is called with

* **hostile values**, one argument at a time (``None``, bools, numeric strings and lists of
  them, complex, NaN, ±inf, integers beyond the float range, empty / wrong-shape / object
  arrays, junk objects for games, methods, factories and axes): each must be rejected with a
  ``ValueError``/``TypeError`` whose message names the argument;
* **odd and valid-but-extreme values** (±1e308, 1e-308, 5e-324, batches where one point is
  meant, ...) and, with hypothesis (derandomised), valid values over the whole float range:
  each either is rejected by name or gives a finite, sane result: no NaN presented as a
  result (a trajectory's NaN rows must belong to runs flagged as diverged), games with
  finite constants, no warning (warnings are errors here), and never another exception type.

Discovery (tests/fuzz_doctest.py)
---------------------------------
Every public name's baseline call is taken from its doctest (the first call of the name in its
Examples, run in the module's namespace), and every argument of that call is mutated
(:func:`fuzz_doctest.mutations`), sampled deterministically within a time budget per callable
(:func:`test_doctest_baseline_mutations`). :func:`test_every_public_callable_has_a_doctest_baseline`
fails for a public name with no doctest call, no explicit ``CALLS`` line (``HAND_BASELINES``) and
no ``ALLOWED`` line, and says what to add.

How the hand table works (per-argument kinds and hypothesis values on top)
----------------------------------------------------------------------------
Arguments are fuzzed **by parameter name**: :data:`fuzz_values.PARAMS` maps standard names
(``eta``, ``beta``, ``mu``, ``L``, ``z0``, ``z``, ``n_steps``, ``game``, ``method``,
``seed``, ``tol``, ...) to hostile values, odd values, a hypothesis strategy and a base
value. A new public function whose required parameters all have standard names is covered
with no change here. Otherwise add **one line** to ``CALLS`` in tests/fuzz_calls.py (base values for the
non-standard parameters, e.g. ``"gan_game": Call(dict(width=4))``), or a new name to
``PARAMS`` if it will recur, or, for a name that cannot be fuzzed, one line to
``ALLOWED`` (same file) with the reason. :func:`test_every_public_callable_has_fuzz_coverage` fails
when a public name is in none of these places. Typical one-liners:

* a function whose standard-named base values do not fit (a 4-D game, say):
  ``"iterated_game": Call(dict(z0=np.full(4, 0.5)), kinds=dict(z0=POINT._replace(base=np.full(4, 0.5))))``;
* a public method: ``"GanGame.sample": Call(instance=lambda: gan_game(seed=0))``;
* a view: ``"GanView": Call(dict(n_steps=10), kinds=dict(fig=FIG))``;
* a per-call limit on the hypothesis examples of a slow function: ``Call(examples=4)``.

:func:`test_base_call_works` checks that every base call succeeds (so the fuzz is not
vacuous); when it fails for a new function, give base values in its ``CALLS`` line.
The summary line ``fuzz: N public callables covered, M cases run in T s`` is printed at the
end of the pytest run (tests/conftest.py).
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import re
import time
import warnings
import zlib
from collections.abc import Mapping
from typing import Any, Callable, NamedTuple

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import lecturecode
from fuzz_calls import ALLOWED, CALLS, Call, Fresh
from fuzz_values import kind_of
from lecturecode.games import Game
from lecturecode.analysis.monotone import GapCurve
from lecturecode.gan.training import GanRun
from lecturecode.methods import Method
from lecturecode.simulation import Trajectory

STATS = {"callables": 0, "cases": 0, "seconds": 0.0}


# --- enumeration ------------------------------------------------------------------------------

def _modules():
    yield lecturecode
    for info in pkgutil.walk_packages(lecturecode.__path__, "lecturecode."):
        yield importlib.import_module(info.name)


def public_callables() -> dict[str, Any]:
    """``{qualified name: object}`` for every public function, class and public method."""
    found: dict[str, Any] = {}
    for module in _modules():
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj) or not getattr(obj, "__module__", "").startswith(
                    "lecturecode"):
                continue
            found.setdefault(obj.__qualname__, obj)
            if inspect.isclass(obj):
                for klass in obj.__mro__:
                    if not klass.__module__.startswith("lecturecode"):
                        continue
                    for attr, member in vars(klass).items():
                        if inspect.isfunction(member) and (not attr.startswith("_") or attr == "__call__"):
                            found.setdefault(member.__qualname__, member)
    return found


PUBLIC = public_callables()


class Plan(NamedTuple):
    key: str
    call: Callable             # () -> the callable to invoke (a bound method needs a fresh instance)
    kwargs: dict
    args: tuple
    fuzz: dict                 # parameter name -> Kind
    spec: Call
    varpos: str | None


def plan(key: str) -> Plan | None:
    """How to call ``key``, or ``None`` when it has no coverage."""
    obj = PUBLIC[key]
    spec = CALLS.get(key, Call())
    if "." in key and not inspect.isclass(obj):
        if spec.instance is None:
            return None
        method_name = key.rsplit(".", 1)[1]

        def target(spec=spec, method_name=method_name):
            return getattr(spec.instance(), method_name)
        signature = inspect.signature(getattr(spec.instance(), method_name))
    else:
        def target(obj=obj):
            return obj
        signature = inspect.signature(obj)
    kwargs, fuzz, varpos = {}, {}, None
    for p in signature.parameters.values():
        if p.kind is p.VAR_POSITIONAL:
            varpos = p.name
            if p.name in spec.kinds:
                fuzz[p.name] = spec.kinds[p.name]
            continue
        if p.kind is p.VAR_KEYWORD:
            for extra in spec.kwargs:
                if extra not in signature.parameters:
                    kwargs[extra] = spec.kwargs[extra]
                    kind = spec.kinds.get(extra) or kind_of(extra, p.empty)
                    if kind is not None:
                        fuzz[extra] = kind
            continue
        default = None if p.default is p.empty else p.default
        kind = spec.kinds.get(p.name) or kind_of(p.name, default)
        if kind is not None and default is None and p.default is not p.empty:
            kind = kind._replace(reject=[v for v in kind.reject if v is not None])
        if p.name in spec.kwargs:
            kwargs[p.name] = spec.kwargs[p.name]
        elif p.default is p.empty:
            if kind is None or kind.base is None and p.name not in spec.kinds:
                return None
            kwargs[p.name] = kind.base
        if kind is not None and p.name not in spec.skip:
            fuzz[p.name] = kind
    return Plan(key, target, kwargs, spec.args, fuzz, spec, varpos)


# --- the contract -----------------------------------------------------------------------------

def _fresh(value):
    if isinstance(value, Fresh):
        return value.make()
    if isinstance(value, dict) and any(isinstance(v, Fresh) for v in value.values()):
        return {k: _fresh(v) for k, v in value.items()}
    return value


def _names(message: str, words) -> bool:
    return any(re.search(rf"(?<![A-Za-z0-9_]){re.escape(w)}(?![A-Za-z0-9_])", message) for w in words)


def sane(obj, inf_ok: bool, where: str = "result", depth: int = 0) -> None:
    """Raise AssertionError unless ``obj`` is a finite, sane result."""
    if depth > 5 or obj is None or isinstance(obj, (bool, str, bytes, int, np.bool_, np.integer)):
        return
    if isinstance(obj, (float, complex, np.floating, np.complexfloating)):
        assert not np.isnan(obj), f"{where} is NaN"
        assert inf_ok or np.isfinite(obj), f"{where} is infinite"
        return
    if isinstance(obj, np.ndarray) and obj.dtype.kind == "O" and obj.size and all(
            isinstance(a, matplotlib.axes.Axes) for a in obj.flat):               # a grid of axes
        for a in obj.flat:
            sane(a, inf_ok, where, depth + 1)
        return
    if isinstance(obj, np.ndarray):
        assert obj.dtype.kind != "O", f"{where} is an object array"
        if obj.dtype.kind in "fc":
            assert not np.isnan(obj).any(), f"{where} contains NaN"
            assert inf_ok or np.isfinite(obj).all(), f"{where} contains inf"
        return
    if isinstance(obj, Trajectory):
        z, flags, at = obj.z, np.asarray(obj.diverged), np.asarray(obj.diverged_at)
        assert np.array_equal(flags, at >= 0), f"{where}: diverged and diverged_at disagree"
        bad = ~np.isfinite(z).all(axis=-1)                                      # (steps, *batch)
        assert not (bad & ~flags).any(), f"{where}: NaN/inf in a run not flagged as diverged"
        assert not np.isnan(obj.distance()).any(), f"{where}: distance() has NaN"
        return
    if isinstance(obj, GapCurve):                   # inf gaps only once a run has diverged, never NaN
        for name in ("last", "averaged"):
            gap = getattr(obj, name)
            assert not np.isnan(gap).any(), f"{where}.{name} contains NaN"
            assert obj.diverged or np.isfinite(gap).all(), f"{where}.{name} is inf in a run not flagged as diverged"
        return
    if isinstance(obj, GanRun):                     # like a Trajectory: NaN only in runs flagged as diverged
        bad = ~np.isfinite(obj.samples).all(axis=(-2, -1))                      # (snapshots, *seeds)
        assert not (bad & ~np.asarray(obj.diverged)).any(), f"{where}: NaN samples in a run not flagged as diverged"
        return
    if isinstance(obj, Game):
        assert obj.d >= 1 and all(n >= 1 for n in obj.dims), f"{where}: a player without coordinates"
        for attr in ("mu", "L", "z_star"):
            value = getattr(obj, attr)
            if value is not None:
                sane(np.asarray(value, dtype=float), False, f"{where}.{attr}", depth + 1)
        if hasattr(obj, "H"):
            sane(obj.H, False, f"{where}.H", depth + 1)
            sane(obj.kappa if hasattr(obj, "kappa") else 1.0, True, f"{where}.kappa", depth + 1)
        return
    if isinstance(obj, Method):
        assert isinstance(obj.label, str)
        sane(obj.hyper, False, f"{where}.hyper", depth + 1)
        return
    if isinstance(obj, Mapping):
        for k, v in obj.items():
            sane(v, inf_ok, f"{where}[{k!r}]", depth + 1)
        return
    if isinstance(obj, (tuple, list)):
        for i, v in enumerate(obj[:50]):
            sane(v, inf_ok, f"{where}[{i}]", depth + 1)
        if hasattr(obj, "_fields"):
            for attr in dir(type(obj)):
                if isinstance(getattr(type(obj), attr, None), property):
                    sane(getattr(obj, attr), inf_ok, f"{where}.{attr}", depth + 1)
        return
    if dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            sane(getattr(obj, f.name), inf_ok, f"{where}.{f.name}", depth + 1)
        return
    if isinstance(obj, matplotlib.axes.Axes):
        for line in obj.get_lines():
            data = np.asarray(line.get_xydata(), dtype=float)
            assert not np.isinf(data).any(), f"{where}: a line with inf coordinates (should be clipped)"
        assert np.isfinite(obj.get_xlim()).all() and np.isfinite(obj.get_ylim()).all(), f"{where}: limits"


def run_case(p: Plan, changes: dict, *, must_reject: bool, words) -> None:
    """One call of ``p`` with ``changes`` applied; assert the contract."""
    problem = contract_violation(p, changes, must_reject=must_reject, words=words)
    if problem:
        pytest.fail(problem)


def _result_violation(label, result, spec, must_reject) -> str | None:
    """What a returned ``result`` breaks of the contract (called inside the warnings-as-errors
    context): a value that had to be rejected, NaN where a run is flagged as converged, or a result
    that is not finite and sane."""
    if must_reject:
        return f"{label} accepted a value it must reject, returned {_short(result)}"
    if spec.flagged:
        values, ok = result
        if np.isnan(np.asarray(values)[np.asarray(ok)]).any():
            return f"{label}: NaN in an entry flagged as converged"
        result = ok
    try:
        sane(result, spec.inf_ok)
    except AssertionError as err:
        return f"{label}: {err}"
    except Exception as err:  # noqa: BLE001 - warnings and broken results alike
        return f"{label}: inspecting the result raised {err!r}"
    return None


def contract_violation(p: Plan, changes: dict, *, must_reject: bool, words) -> str | None:
    """One call of ``p`` with ``changes`` applied; what breaks the contract, or ``None``."""
    STATS["cases"] += 1
    kwargs = {k: _fresh(v) for k, v in p.kwargs.items()}
    args = tuple(_fresh(a) for a in p.args)
    for name, value in changes.items():
        if name == p.varpos:
            args = (_fresh(value),) + args[1:]
        else:
            kwargs[name] = _fresh(value)
    label = f"{p.key}({', '.join(f'{k}={_short(v)[:60]}' for k, v in changes.items())})"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fn = p.call()
            try:
                result = fn(*args, **kwargs)
            except (ValueError, TypeError) as err:
                if not _names(str(err), words):
                    return f"{label} raised {type(err).__name__} without naming the argument: {err}"
                return None
            except Exception as err:  # noqa: BLE001 - the contract forbids every other type
                return f"{label} raised {type(err).__name__} (only ValueError/TypeError allowed): {err!r}"
            return _result_violation(label, result, p.spec, must_reject)
    finally:
        plt.close("all")
    return None


def _short(obj) -> str:
    try:
        return repr(obj)[:200]
    except Exception as err:  # noqa: BLE001 - an object broken enough that its repr fails
        return f"<unprintable {type(obj).__name__}: {err!r}>"


def _words(p: Plan, name: str):
    return (name,) + tuple(p.spec.aliases.get(name, ()))


# --- the tests --------------------------------------------------------------------------------

def _discovered():
    return BASELINES                        # defined below: the doctest baselines (tests/fuzz_doctest.py)


KEYS = sorted(PUBLIC)
PLANS = {key: plan(key) for key in KEYS if key not in ALLOWED}
COVERED = sorted(k for k, p in PLANS.items() if p is not None)


def test_every_public_callable_has_fuzz_coverage():
    missing = sorted(k for k, p in PLANS.items() if p is None and k not in _discovered())
    assert not missing, (
        f"public callables without fuzz coverage: {missing}. Use standard parameter names (tests/fuzz_values.py "
        "PARAMS), or add one line to CALLS or ALLOWED in tests/test_fuzz.py")
    stale = sorted(set(ALLOWED) - set(PUBLIC))
    assert not stale, f"ALLOWED names that are no longer public: {stale}"
    STATS["callables"] = len(set(COVERED) | set(DOCTEST_KEYS))


@pytest.fixture(autouse=True)
def _clock():
    start = time.perf_counter()
    yield
    STATS["seconds"] += time.perf_counter() - start


@pytest.mark.parametrize("key", COVERED)
def test_base_call_works(key):
    """The base call of every covered callable succeeds with a sane result (so the fuzz is not vacuous)."""
    p = PLANS[key]
    run_case(p, {}, must_reject=False, words=("\x00never",))


@pytest.mark.parametrize("key", COVERED)
def test_hostile_values_are_rejected_by_name(key):
    problems = hostile_violations(PLANS[key])
    assert not problems, f"{len(problems)} contract violations:\n" + "\n".join(problems)


#: Seconds of accepted (odd but valid) calls per callable in the hostile test: a slow callable (a view's
#: redraw) runs a deterministic sample of its odd values, at least one per argument; every value it
#: must reject is always tried (they fail fast, in the validation).
EDGE_BUDGET = 0.5


def _edge_sample(p: Plan, seconds: float) -> set:
    """``(name, index)`` of the odd values to try: all when the callable is fast."""
    everything = [(name, i) for name, kind in p.fuzz.items() for i in range(len(kind.edge))]
    room = int(EDGE_BUDGET / max(seconds, 1e-4))
    if room >= len(everything):
        return set(everything)
    rng = np.random.default_rng(zlib.crc32(p.key.encode()))
    chosen = {(name, int(rng.integers(len(kind.edge)))) for name, kind in p.fuzz.items() if kind.edge}
    rest = [everything[j] for j in rng.permutation(len(everything)) if everything[j] not in chosen]
    return chosen | set(rest[:max(0, room - len(chosen))])


def hostile_violations(p: Plan) -> list[str]:
    """Every hostile value and (sampled by time for a slow callable) odd value, one argument at a
    time; the violations found."""
    problems = []
    start = time.perf_counter()
    contract_violation(p, {}, must_reject=False, words=("\x00never",))        # the base call, timed
    edges = _edge_sample(p, time.perf_counter() - start)
    for name, kind in p.fuzz.items():
        for must_reject, values in ((True, kind.reject), (False, kind.edge)):
            for i, value in enumerate(values):
                if not must_reject and (name, i) not in edges:
                    continue
                problem = contract_violation(p, {name: value}, must_reject=must_reject, words=_words(p, name))
                if problem:
                    problems.append(problem)
    return problems


_KEEP = object()


@pytest.mark.parametrize("key", COVERED)
def test_valid_extremes_give_sane_results(key):
    p = PLANS[key]
    strategies = {name: st.one_of(st.just(_KEEP), kind.valid) for name, kind in p.fuzz.items()
                  if kind.valid is not st.nothing() and not kind.valid.is_empty}
    if not strategies:
        pytest.skip("no parameter with a strategy of valid values")

    @settings(max_examples=p.spec.examples, suppress_health_check=list(HealthCheck))
    @given(st.fixed_dictionaries(strategies))
    def check(drawn):
        changes = {k: v for k, v in drawn.items() if v is not _KEEP}
        words = tuple(w for name in changes for w in _words(p, name)) or ("\x00never",)
        run_case(p, changes, must_reject=False, words=words)

    check()


# --- discovery: baselines from the doctests (tests/fuzz_doctest.py) ---------------------------

from fuzz_doctest import BUDGET, MIN_CASES, cases as doctest_cases, discover  # noqa: E402

BASELINES = discover(PUBLIC)
#: public names without a doctest call whose baseline is an explicit line in CALLS (tests/fuzz_calls*.py):
#: mostly methods of records and views, whose examples live in the chapters. A new public name should get
#: a doctest example instead (the name-table coverage alone no longer counts as a baseline).
HAND_BASELINES = frozenset(k for k in CALLS if k in PUBLIC and k not in BASELINES)


def _fuzzed(key: str) -> bool:
    """Public names, views' ``__call__``, and the ``update`` of every optimizer a factory returns;
    not the other functions factories return (a Method's init/step, a GanSetup's gradients, a
    game's F: the documented unvalidated kernels)."""
    if ":" in key:
        return key.endswith(".update")
    return key in PUBLIC and key not in ALLOWED


DOCTEST_KEYS = sorted(k for k in BASELINES if _fuzzed(k))


def test_every_public_callable_has_a_doctest_baseline():
    """Discovery: each public name has a baseline call in its doctest (or, for the names listed in
    HAND_BASELINES, an explicit CALLS line), or an ALLOWED line saying why it is not fuzzed."""
    missing = sorted(k for k in PUBLIC if k not in BASELINES and k not in ALLOWED and k not in HAND_BASELINES)
    assert not missing, (
        f"public callables without a baseline: {missing}. Give each a doctested example in its docstring "
        "(Examples section, e.g. `>>> my_function(game, eta=0.1)`: the fuzz suite takes the first call of the "
        "name there as its baseline and mutates every argument), or, for a record or an unvalidated kernel "
        "(F, J, losses, step), one line in ALLOWED (tests/fuzz_calls.py) with the reason")
    STATS["callables"] = len(set(COVERED) | set(DOCTEST_KEYS))


def _doctest_violation(b, where, must_reject, value, spec):
    """One mutated call of the baseline ``b``; what breaks the contract, or ``None``."""
    STATS["cases"] += 1
    args, kwargs = list(b.args), dict(b.kwargs)
    if isinstance(where, int):
        args[where] = value
        name = b.names[where]
    else:
        kwargs[where] = value
        name = where
    args = [a.copy() if isinstance(a, np.ndarray) and a is not value else a for a in args]
    words = (name,) + tuple(spec.aliases.get(name, ()))
    label = f"{b.key}({name}={_short(value)[:60]})  [baseline: {b.source[:80]}]"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                result = b.fn(*args, **kwargs)
            except (ValueError, TypeError) as err:
                return None if _names(str(err), words) else (
                    f"{label} raised {type(err).__name__} without naming {name!r}: {err}")
            except Exception as err:  # noqa: BLE001 - the contract forbids every other type
                return f"{label} raised {type(err).__name__} (only ValueError/TypeError allowed): {err!r}"
            return _result_violation(label, result, spec, must_reject)
    finally:
        plt.close("all")
    return None


@pytest.mark.parametrize("key", DOCTEST_KEYS)
def test_doctest_baseline_mutations(key):
    """The doctest's call works, and every argument's hostile values and mutations keep the contract
    (sampled within a time budget per callable, deterministically)."""
    b = BASELINES[key]
    spec = CALLS.get(key, Call())
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = b.fn(*b.args, **b.kwargs)
    STATS["cases"] += 1
    plt.close("all")
    if not spec.flagged:
        sane(result, spec.inf_ok, f"{key} baseline")
    seconds = max(time.perf_counter() - start, 1e-4)
    todo = doctest_cases(b, tuple(spec.kinds) + tuple(spec.skip))
    todo = todo[:max(MIN_CASES, int(BUDGET / seconds))]
    problems = [p for where, must, value in todo if (p := _doctest_violation(b, where, must, value, spec))]
    assert not problems, f"{len(problems)} contract violations:\n" + "\n".join(problems)
