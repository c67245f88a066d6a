"""Discovery for the fuzz suite: every public callable's *baseline call* is taken from its
doctest, and its arguments are mutated from there (used by tests/test_fuzz.py).

How a baseline is found
-----------------------
The docstring examples of every public name (and of every module) are run in order, in the
module's namespace, as ``pytest --doctest-modules`` runs them. Before each example runs, each
call in it whose callee and arguments can already be evaluated (they use only names the
earlier examples defined) is a candidate: when the callee is a public function, class or
method of ``lecturecode`` (or a function a public factory returned, such as an optimizer's
``update``), the **first** such call becomes that callable's baseline. So a new public
function is fuzzed the day it gets its doctested example, e.g. ``>>> my_func(game, eta=0.1)``.

How an argument is mutated
--------------------------
:func:`mutations` derives, from the baseline's value of one argument, values that must be
rejected (``ValueError``/``TypeError`` naming the argument: other types, junk, ``None`` where
it is not the default, a choice in upper case or padded, a flag given as ``'no'``) and odd
values that must be rejected by name or give a finite, sane result (other containers and
dtypes, non-contiguous and masked arrays, NaN/inf entries, huge and tiny scale, an extra
batch axis, one entry too few or too many, empty arrays, extreme scalars). The cases are
sampled deterministically (a seed per name) within a time budget per callable.
"""

from __future__ import annotations

import ast
import contextlib
import doctest
import importlib
import inspect
import io
import pkgutil
import sys
import warnings
import zlib
from typing import Any, Callable, NamedTuple

import numpy as np

import lecturecode
from fuzz_values import JUNK, OBJECTS

PARSER = doctest.DocTestParser()
#: String parameters that are free text (labels, paths, sources); any other string is a choice.
FREE_TEXT = {"name", "label", "title", "xlabel", "ylabel", "alt", "text", "source", "path", "root", "out",
             "executed", "caption", "notes", "prefix", "action", "key", "what"}
#: Seconds of calls per callable (at least MIN_CASES cases run, however slow the baseline).
BUDGET, MIN_CASES = 0.04, 8


class Baseline(NamedTuple):
    key: str
    fn: Callable            # the callee, evaluated once (a bound method keeps its object)
    args: tuple
    kwargs: dict
    names: tuple            # the parameter name of each positional argument (None: *args)
    defaults: dict          # parameter name -> default (inspect.Parameter.empty when required)
    source: str             # the doctest line it came from


def _modules():
    yield lecturecode
    for info in pkgutil.walk_packages(lecturecode.__path__, "lecturecode."):
        yield importlib.import_module(info.name)


def _ours(obj) -> bool:
    return str(getattr(obj, "__module__", "") or "").startswith("lecturecode")


def callee_key(fn, owner: str, func_source: str) -> str | None:
    """The fuzz key of a callee: a public name's qualified name (``Game.value``), a view's
    ``Class.__call__``, or ``owner:expression`` for a function a factory returned."""
    if inspect.ismethod(fn) and _ours(fn.__func__):
        return fn.__func__.__qualname__
    if inspect.isclass(fn):
        return fn.__qualname__ if _ours(fn) else None
    if inspect.isfunction(fn):
        if not _ours(fn):
            return None
        return f"{owner}:{func_source}" if "<locals>" in fn.__qualname__ else fn.__qualname__
    if callable(fn) and _ours(type(fn)) and not isinstance(fn, type):
        return f"{type(fn).__qualname__}.__call__"
    return None


def _eval(node, ns):
    return eval(compile(ast.Expression(node), "<doctest>", "eval"), ns)  # noqa: S307 - our own doctests


def _calls(source: str):
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    return sorted(calls, key=lambda n: (n.lineno, n.col_offset))


def _signature_names(fn, n_args):
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None, {}
    names, defaults = [], {}
    positional = [p for p in sig.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    varpos = any(p.kind is p.VAR_POSITIONAL for p in sig.parameters.values())
    for i in range(n_args):
        names.append(positional[i].name if i < len(positional) else None if varpos else f"arg{i}")
    for p in sig.parameters.values():
        defaults[p.name] = p.default
    return tuple(names), defaults


def baselines_in(doc: str, namespace: dict, owner: str, found: dict) -> None:
    """Run the examples of ``doc`` in a copy of ``namespace``; record first calls in ``found``."""
    ns = dict(namespace)
    for example in PARSER.get_examples(doc or ""):
        for node in _calls(example.source):
            if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
                continue
            try:
                fn = _eval(node.func, ns)
            except Exception:  # noqa: BLE001 - defined by this very example, or not an expression we can take
                continue
            key = callee_key(fn, owner, ast.unparse(node.func))
            if key is None or key in found:
                continue
            try:
                args = tuple(_eval(a, ns) for a in node.args)
                kwargs = {k.arg: _eval(k.value, ns) for k in node.keywords}
            except Exception:  # noqa: BLE001 - an argument this example defines first
                continue
            names, defaults = _signature_names(fn, len(args))
            if names is None:
                continue
            found[key] = Baseline(key, fn, args, kwargs, names, defaults, example.source.strip())
        out = io.StringIO()
        try:
            with contextlib.redirect_stdout(out), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                exec(compile(example.source, "<doctest>", "exec"), ns)  # noqa: S102 - our own doctests
        except Exception:  # noqa: BLE001 - a failing example is the doctest run's business
            return


def discover(public: dict[str, Any]) -> dict[str, Baseline]:
    """``{key: Baseline}`` from the doctests of every public object and every module."""
    found: dict[str, Baseline] = {}
    for key in sorted(public):
        obj = public[key]
        module = sys.modules.get(getattr(obj, "__module__", ""), None)
        if module is not None:
            baselines_in(inspect.getdoc(obj), vars(module), key, found)
    for module in _modules():
        baselines_in(module.__doc__, vars(module), module.__name__, found)
    return found


# --- mutations ----------------------------------------------------------------------------------

def _is_real_scalar(v) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))


def _numeric_array(v):
    if isinstance(v, (str, bytes, dict)) or v is None or isinstance(v, (bool, np.bool_)):
        return None
    if not isinstance(v, (list, tuple, np.ndarray)):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = np.asarray(v)
    except (ValueError, TypeError):
        return None
    return a if a.dtype.kind in "iufc" and a.size > 0 else None


def _with_entry(a, value):
    b = np.array(a, dtype=complex if a.dtype.kind == "c" else float)
    b.flat[0] = value
    return b


def mutations(name: str | None, v, default) -> list[tuple[bool, Any]]:
    """``(must_reject, value)`` for one argument whose baseline value is ``v``."""
    none_ok = default is None or v is None
    reject: list = [JUNK, OBJECTS]
    edge: list = []
    if not none_ok:
        reject.append(None)
    if isinstance(v, (bool, np.bool_)):
        reject += ["no", "yes", 1, 0, 1.0, [bool(v)]]
        edge += [np.bool_(v), not v]
    elif isinstance(v, str):
        reject += [1.0, True, b"x", [v]]
        if name not in FREE_TEXT:                            # a choice: exactly one of the documented names
            reject += ["zz-not-a-choice", " " + v, v + " "] + ([v.upper()] if v.upper() != v else [])
        else:
            edge += ["", "x" * 10_000, "$\\alpha$", v.upper(), " " + v]
    elif _is_real_scalar(v):
        reject += [True, "0.1", b"1", 1j, 10**400, {}, [[1.0], [2.0, 3.0]]]
        x = float(v)
        edge += [np.nan, np.inf, -np.inf, 1e308, -1e308, 5e-324, 0, 0.0, -x, x * 1e300, x * 1e-300, np.float32(x),
                 np.array(x), [x], [x, x], np.array([]), 10**20]
        if float(x).is_integer() and abs(x) < 2**62:
            edge += [np.int64(int(x)), int(x) + 1, int(x) - 1, x + 0.5]
    elif (a := _numeric_array(v)) is not None:
        reject += ["ab", {}, a.astype(str), np.full(a.shape, JUNK, dtype=object)]
        edge += [tuple(a.tolist()) if a.ndim else a.item(), a.tolist(), np.array(a), a.astype(np.float32),
                 np.repeat(a[..., None], 2, axis=-1)[..., 0] if a.ndim else a,              # non-contiguous view
                 np.asfortranarray(a), np.ma.array(a), a * 1e300, a * 1e-300, np.stack([a, a]),
                 np.zeros((0,) + a.shape[1:], a.dtype), a.astype(bool), a.ravel()[0]]
        if a.dtype.kind != "c":
            edge += [_with_entry(a, np.nan), _with_entry(a, np.inf), _with_entry(a, -np.inf), a.astype(int)]
            edge += [np.ma.array(a, mask=np.arange(a.size).reshape(a.shape) == 0)]
        if a.ndim >= 1 and a.shape[-1] >= 1:
            edge += [a[..., :-1], np.concatenate([a, a[..., :1]], axis=-1)]
    elif isinstance(v, dict):
        reject += [1.0, "x"]
        edge += [{}, {k: JUNK for k in v}, {1: next(iter(v.values()))} if v else {}]
    elif isinstance(v, (list, tuple)):
        reject += [1.0]
        edge += [[], list(v[:1]), [JUNK] * max(1, len(v)), tuple(v)]
    elif v is None:
        reject += [1.0, "x"]
    else:                                                    # games, methods, figures, runs, callables
        reject += [1.0, "x", True, [v]]
    return [(True, r) for r in reject] + [(False, e) for e in edge]


def cases(b: Baseline, hand: tuple = ()) -> list[tuple[str, bool, Any]]:
    """Every ``(argument, must_reject, value)`` of ``b``, interleaved argument by argument in a
    deterministic order (seeded by the name), so any prefix covers every argument. Arguments in
    ``hand`` (a hand-written kind in tests/fuzz_calls*.py: e.g. a state that takes any leaf) are
    left to the hand table."""
    rng = np.random.default_rng(zlib.crc32(b.key.encode()))
    per_arg = []
    for i, (name, v) in enumerate(zip(b.names, b.args)):
        if name is not None and name not in hand:
            per_arg.append([(i, m, x) for m, x in mutations(name, v, b.defaults.get(name, inspect.Parameter.empty))])
    for name, v in b.kwargs.items():
        if name not in hand:
            per_arg.append([(name, m, x) for m, x in mutations(name, v, b.defaults.get(name))])  # **kwargs: None ok
    for group in per_arg:
        order = rng.permutation(len(group))
        group[:] = sorted((group[j] for j in order), key=lambda case: not case[1])   # must-reject first
    out = []
    for k in range(max((len(g) for g in per_arg), default=0)):
        out += [g[k] for g in per_arg if k < len(g)]
    return out
