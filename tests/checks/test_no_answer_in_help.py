"""A check's help() and a student-edition stub say WHAT is checked, never the answer.

The answer's key expressions are derived from the chapters' tagged ``solution`` cells (the
function body, with its local assignments inlined into the returned expression) and from the
math of the gated solution's prose; an expression the exercise's own statement already shows
(the "what") is not a key. Every check's ``pydoc`` text (module and function) and every stub is
then searched for them after one normalisation (LaTeX, Unicode and NumPy spellings to one form).
A second test runs every example in the checks' docstrings: none may pass its check.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import json
import pkgutil
import pydoc
import re
from pathlib import Path

import numpy as np
import pytest

import lecturecode as lc
import lecturecode.checks as checks
from lecturecode.checks import EXERCISES, _feedback
from lecturecode.student_edition import SOLUTION_TAG, stub_source

ROOT = Path(__file__).resolve().parents[2]
MIN_KEY = 7          # shorter normalised expressions ("len(H)", "a>0") are not specific to an answer

_UNICODE = {"η": "eta", "σ": "sigma", "ℓ": "l", "γ": "gamma", "Σ": "Sigma", "μ": "mu", "ᵀ": "T", "⁻¹": "^-1",
            "²": "^2", "−": "-", "·": "", "∇": "nabla"}
_LATEX_DROP = r"\\(mathbf|mathrm|operatorname|boldsymbol|left|right|bigl|bigr|Bigl|Bigr|big|Big|,|;|!|quad)"


def normalise(text: str) -> str:
    """One spelling for math written as LaTeX, Unicode or NumPy code (spaces, `*`, `np.`,
    braces, subscripts and transposes unified)."""
    for k, v in _UNICODE.items():
        text = text.replace(k, v)
    text = re.sub(r"\\begin\{pmatrix\}(.*?)\\end\{pmatrix\}",
                  lambda m: "[[" + "],[".join(r.replace("&", ",") for r in m.group(1).split(r"\\")) + "]]",
                  text, flags=re.S)
    text = re.sub(_LATEX_DROP, "", text)
    text = re.sub(r"\\[tdc]frac", r"\\frac", text)
    text = re.sub(r"\^\{?\\top\}?|\.T\b|'(?=\s*[(A-Za-z])", "T", text)
    text = text.replace("\\ell", "l").replace("\\", "").replace("np.", "").replace("**", "^")
    return re.sub(r"[\s*{}_]", "", text)


def _function(source: str) -> ast.FunctionDef:
    return next(n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef))


class _Inline(ast.NodeTransformer):
    def __init__(self, env):
        self.env = env

    def visit_Name(self, node):
        return self.env.get(node.id, node)


def code_keys(source: str) -> set[str]:
    """The right-hand sides and the returned expression of a solution function, each local
    assignment inlined into what follows (``half = z - eta*F(z); return z - eta*F(half)`` gives
    ``z - eta*F(z - eta*F(z))``)."""
    fn, env, keys = _function(source), {}, set()
    for stmt in ast.walk(fn):
        if stmt is fn or not isinstance(stmt, (ast.Assign, ast.Return)) or stmt.value is None:
            continue
        value = _Inline(env).visit(ast.parse(ast.unparse(stmt.value), mode="eval").body)
        keys.add(ast.unparse(value))
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            env[stmt.targets[0].id] = value
    return keys


def prose_keys(text: str) -> set[str]:
    """Every side of every equation in the math of a solution's prose."""
    keys = set()
    for math in re.findall(r"\$\$?(.+?)\$\$?", text, flags=re.S):
        keys.update(p for p in re.split(r"=|\\iff|\\quad|,\s|\\text\{[^}]*\}", math) if p.strip())
    return keys


def _markdown(nb) -> str:
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def _block(text: str, opener: str) -> str:
    start = text.index(opener)
    return text[start:text.index("\n:::", start + len(opener))]


def exercises():
    """(label, the solution cell's source, the key expressions of its answer)."""
    found = []
    for exercise in EXERCISES.values():
        nb = json.loads((ROOT / "chapters" / f"{exercise.chapter}.ipynb").read_text(encoding="utf-8"))
        text = _markdown(nb)
        statement = normalise(_block(text, f":::{{exercise}}\n:label: {exercise.label}").split("*Hint.*")[0])
        start = text.index(f":::{{solution-start}} {exercise.label}")
        prose = text[start:text.index(":::{solution-end}", start)]
        [source] = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"
                    and SOLUTION_TAG in c["metadata"].get("tags", [])
                    and _function("".join(c["source"])).name == exercise.function]
        keys = {normalise(k) for k in code_keys(source) | prose_keys(prose)}
        keys = {k for k in keys if len(k) >= MIN_KEY and k not in statement}
        found.append((exercise.label, source, keys))
    return found


EXERCISE_KEYS = exercises()
ALL_KEYS = {k: label for label, _, keys in EXERCISE_KEYS for k in keys}


def help_texts():
    """pydoc's text of every module of lecturecode.checks and of every public object in it."""
    texts = {"lecturecode.checks": pydoc.render_doc(checks, renderer=pydoc.plaintext)}
    for info in pkgutil.iter_modules(checks.__path__):
        module = importlib.import_module(f"lecturecode.checks.{info.name}")
        texts[module.__name__] = pydoc.render_doc(module, renderer=pydoc.plaintext)
    for name in checks.__all__:
        texts[f"lc.checks.{name}"] = pydoc.render_doc(getattr(checks, name), renderer=pydoc.plaintext)
    return texts


def leaks(text: str) -> list[str]:
    flat = normalise(text)
    return [f"{key!r} (the answer to {label})" for key, label in ALL_KEYS.items() if key in flat]


def test_every_coding_exercise_has_answer_keys():
    assert len(EXERCISE_KEYS) == len(EXERCISES) >= 7
    for label, _, keys in EXERCISE_KEYS:
        assert keys, f"{label}: no key expression derived from its solution"


def test_the_keys_catch_the_answers_the_old_docstrings_gave():
    """The derivation would have flagged the formulas help() used to show."""
    old = {"ex-accel-eg-step": r":math:`z - \eta F(z - \eta F(z))`",
           "ex-gan-nonsat-grad": r":math:`\tfrac{d}{d\ell}(-\log\sigma(\ell)) = -\sigma(-\ell)`",
           "ex-concepts-classify": "It holds when a > 0 and c > 0 (each player at a strict optimum)",
           "ex-simgda-matrix": r"H = \begin{pmatrix}A & B\\ -B^\top & C\end{pmatrix}"}
    for label, text in old.items():
        assert any(label in hit for hit in leaks(text)), (label, text)
    assert not leaks("Check a student's fn(logits) returning the derivative of the non-saturating cost")


@pytest.mark.parametrize("name", sorted(help_texts()))
def test_check_help_shows_no_answer(name):
    assert not leaks(help_texts()[name]), f"help({name}) shows the answer: {leaks(help_texts()[name])}"


@pytest.mark.parametrize("label,source", [(label, source) for label, source, _ in EXERCISE_KEYS],
                         ids=[label for label, _, _ in EXERCISE_KEYS])
def test_student_stub_shows_no_answer(label, source):
    stub = stub_source(source)
    assert not leaks(stub), f"the stub of {label} shows the answer: {leaks(stub)}"


def test_no_docstring_example_passes_its_check(monkeypatch):
    """An example in a check's docstring that passes the check would be a worked answer."""
    verdicts = []
    monkeypatch.setattr(_feedback, "record", lambda feedback: verdicts.append(feedback) or feedback)
    finder, runner = doctest.DocTestFinder(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    modules = [checks] + [importlib.import_module(f"lecturecode.checks.{i.name}")
                          for i in pkgutil.iter_modules(checks.__path__)]
    for module in modules:
        for test in finder.find(module, globs={"np": np, "lc": lc, **vars(module)}):
            runner.run(test, out=lambda _: None)
    assert verdicts, "the docstrings' examples ran no check"
    assert not [f for f in verdicts if f.passed], [str(f) for f in verdicts if f.passed]
