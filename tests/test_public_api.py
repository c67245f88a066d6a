"""The public API gate: docstrings, return annotations and References that name real papers.

What it checks, for every public name (each module's ``__all__``, walked as tests/test_fuzz.py
walks them, plus the public methods and properties of public classes):

* **a docstring with a summary line**: ``inspect.getdoc`` is non-empty and its first line is text
  (not blank, not a section header). numpydoc's "the summary fits on one line" is a ratchet: the
  summaries that still wrap onto more lines (often a sentence ending in a formula) may not grow in
  number (:data:`WRAPPED_SUMMARIES`); write new ones on one line, then a blank line;
* **a return annotation** on every public function, method and property. Classes are exempt
  (their constructor builds the class; records such as NamedTuples and dataclasses have field
  annotations instead); so are the modules in :data:`ANNOTATION_EXEMPT` (edited on other branches);
* **References that exist**: every method factory of the registry and every game factory of
  :mod:`lecturecode.games` (a public function whose return annotation is a :class:`Game` or a
  ``dict`` of them) has a numpydoc ``References`` section; every entry there (``.. [1] ...`` or an
  "Author (Year)" paragraph) names an entry of ``references.bib``, by its key or by its first
  author's surname and year (the title settles a tie); a registry method's section names the
  registry's own citation key (:attr:`Spec.reference`), so the docstring and the registry agree.
  Every other public docstring with a References section is held to the same rule.

``references.bib`` itself is parsed strictly (balanced braces, unique keys), so an entry that
swallows the next one fails here rather than as a missing citation in the book.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
import re
import typing
import unicodedata
from pathlib import Path

import pytest

import lecturecode
from lecturecode.games import Game
from lecturecode.methods.registry import REGISTRY

BIB = Path(__file__).parents[1] / "references.bib"

#: Modules whose return annotations are added on other branches (merged by the coordinator):
#: analysis/ is the "scale" branch's; the opponent-shaping and iterated-game modules are the
#: "lola" branch's. Their docstrings and References are still checked.
ANNOTATION_EXEMPT = ("lecturecode.analysis", "lecturecode.methods.opponent_shaping",
                     "lecturecode.methods.lola_autograd", "lecturecode.games.iterated",
                     "lecturecode.games.memory_one")

#: Public docstrings whose summary paragraph still wraps over several lines (a ceiling: lower it as
#: they are rewritten as one line + a blank line; never raise it for new code).
WRAPPED_SUMMARIES = 143

#: Factories whose References are added by the lola branch (it rewrites these modules).
REFERENCES_PENDING: set = set()


# --- discovery --------------------------------------------------------------------------------

def _modules():
    yield lecturecode
    for info in pkgutil.walk_packages(lecturecode.__path__, "lecturecode."):
        yield importlib.import_module(info.name)


def _ours(obj) -> bool:
    return getattr(obj, "__module__", "") is not None and getattr(obj, "__module__", "").startswith("lecturecode")


def public_api() -> dict[str, object]:
    """``{qualified name: object}``: public functions and classes of every ``__all__``, and the
    public methods (with ``__call__``) and properties of the public classes."""
    found: dict[str, object] = {}
    for module in _modules():
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            if inspect.ismodule(obj) or not callable(obj) or not _ours(obj):
                continue
            if isinstance(obj, functools.partial):
                continue
            found.setdefault(f"{obj.__module__}.{obj.__qualname__}", obj)
            if not inspect.isclass(obj):
                continue
            for klass in obj.__mro__:
                if not _ours(klass):
                    continue
                for attr, member in vars(klass).items():
                    if attr.startswith("_") and attr != "__call__":
                        continue
                    if inspect.isfunction(member):
                        found.setdefault(f"{member.__module__}.{member.__qualname__}", member)
                    elif isinstance(member, property) and member.fget is not None:
                        found.setdefault(f"{klass.__module__}.{klass.__qualname__}.{attr}", member.fget)
    return found


PUBLIC = public_api()
FUNCTIONS = {k: v for k, v in PUBLIC.items() if not inspect.isclass(v)}


# --- references.bib ---------------------------------------------------------------------------

def _plain(text: str) -> str:
    """Lower case, LaTeX accents and braces dropped, Unicode accents stripped."""
    text = re.sub(r"\\[`'\"^~=.uvHckr]\s*\{?([A-Za-z])\}?", r"\1", text)
    text = text.replace("{", "").replace("}", "")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _alnum(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _plain(text))


def _field(body: str, name: str) -> str:
    match = re.search(rf"\b{name}\s*=\s*\{{", body)
    if not match:
        return ""
    depth, i = 1, match.end()
    while depth:
        depth += {"{": 1, "}": -1}.get(body[i], 0)
        i += 1
    return body[match.end():i - 1]


@functools.lru_cache(maxsize=None)
def bib_entries() -> dict[str, dict]:
    """``{key: {surname, year, title}}`` of references.bib (raises on unbalanced braces or duplicate keys)."""
    text = BIB.read_text()
    entries: dict[str, dict] = {}
    for match in re.finditer(r"@(\w+)\s*\{\s*([^,\s]+)\s*,", text):
        start, depth, i = match.end(), 1, match.end()
        while depth and i < len(text):
            if text[i] == "@" and depth == 1 and text[i - 1] == "\n":
                raise AssertionError(f"references.bib: entry {match.group(2)} is not closed before the next one")
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        if depth:
            raise AssertionError(f"references.bib: entry {match.group(2)} has unbalanced braces")
        key, body = match.group(2), text[start:i - 1]
        if key in entries:
            raise AssertionError(f"references.bib: duplicate key {key}")
        first = _field(body, "author").split(" and ")[0].strip()
        surname = first.split(",")[0] if "," in first else first.split()[-1]
        entries[key] = dict(surname=_plain(surname).strip(), year=_field(body, "year").strip(),
                            title=_alnum(_field(body, "title")))
    return entries


def cited_keys(entry: str) -> set[str]:
    """The bib keys one References entry names (empty: it names no paper of references.bib)."""
    bib = bib_entries()
    keys = {k for k in bib if re.search(rf"(?<![\w]){re.escape(k)}(?![\w])", entry)}
    if keys:
        return keys
    plain, flat = _plain(entry), _alnum(entry)
    hits = {k for k, e in bib.items()
            if re.search(rf"(?<![a-z]){re.escape(e['surname'])}(?![a-z])", plain) and e["year"] in entry}
    if len(hits) > 1:                          # a tie (or a paragraph naming several papers): titles decide
        hits = {k for k in hits if bib[k]["title"] and bib[k]["title"] in flat}
    return hits


def references(doc: str) -> list[str] | None:
    """The entries of the numpydoc References section of ``doc``, or None when it has none."""
    lines = doc.splitlines()
    for i in range(len(lines) - 1):
        if lines[i].strip() == "References" and re.fullmatch(r"-{3,}", lines[i + 1].strip()):
            break
    else:
        return None
    body = []
    for j in range(i + 2, len(lines)):
        if j + 1 < len(lines) and re.fullmatch(r"-{3,}", lines[j + 1].strip()) and lines[j].strip():
            break                                             # the next section
        body.append(lines[j])
    text = "\n".join(body).strip()
    if not text:
        return []
    if re.search(r"^\s*\.\. \[", text, re.M):
        return [e.strip() for e in re.split(r"^\s*(?=\.\. \[)", text, flags=re.M) if e.strip()]
    return [e.strip() for e in re.split(r"\n\s*\n", text) if e.strip()]


def _check_references(name: str, doc: str | None, required: str | None = None) -> list[str]:
    entries = references(doc or "")
    if entries is None:
        return [f"{name}: no References section (numpydoc: 'References' over dashes, then '.. [1] ...')"]
    if not entries:
        return [f"{name}: an empty References section"]
    problems, keys = [], set()
    for entry in entries:
        found = cited_keys(entry)
        if not found:
            problems.append(f"{name}: reference {entry[:70]!r}... names no entry of references.bib "
                            "(give its key, or its first author's surname and year)")
        keys |= found
    if required is not None and required not in keys:
        problems.append(f"{name}: its References must cite the registry's key {required!r} (cites {sorted(keys)})")
    return problems


# --- the tests --------------------------------------------------------------------------------

def test_discovery_finds_the_api():
    """The walk is not vacuous: it sees functions, classes, methods and properties."""
    assert len(PUBLIC) > 300
    for name in ("lecturecode.simulation.simulate", "lecturecode.games.quadratic.QuadraticMinimax",
                 "lecturecode.games._base.Game.resolvent", "lecturecode.widgets.Explorer.widget"):
        assert name in PUBLIC, name


def test_every_public_name_has_a_summary_line():
    missing = []
    for name, obj in PUBLIC.items():
        doc = inspect.getdoc(obj)
        first = doc.splitlines()[0].strip() if doc else ""
        if not first or re.fullmatch(r"-{3,}", first) or first in ("Parameters", "Examples", "Returns"):
            missing.append(name)
    assert not missing, f"public names without a docstring summary line: {missing}"


def test_summaries_that_wrap_do_not_grow_in_number():
    wrapped = sorted(name for name, obj in PUBLIC.items()
                     if len((inspect.getdoc(obj) or "").split("\n\n")[0].splitlines()) > 1)
    assert len(wrapped) <= WRAPPED_SUMMARIES, (
        f"{len(wrapped)} public docstrings have a summary over several lines (ceiling {WRAPPED_SUMMARIES}): "
        f"write the new ones' summary on one line, then a blank line. All of them: {wrapped}")


def test_every_public_function_has_a_return_annotation():
    missing = []
    for name, obj in FUNCTIONS.items():
        if obj.__module__.startswith(ANNOTATION_EXEMPT):
            continue
        fn = inspect.unwrap(obj)
        if inspect.signature(fn).return_annotation is inspect.Signature.empty:
            missing.append(name)
    assert not missing, f"public functions, methods and properties without a return annotation: {missing}"


def _game_factories() -> dict[str, object]:
    out = {}
    for name, obj in FUNCTIONS.items():
        if not obj.__module__.startswith("lecturecode.games.") or "." in obj.__qualname__:
            continue
        returns = typing.get_type_hints(obj).get("return")
        args = typing.get_args(returns)
        target = args[-1] if typing.get_origin(returns) is dict and args else returns
        if inspect.isclass(target) and issubclass(target, Game):
            out[name] = obj
    return out


def test_game_factories_are_found():
    names = {f.__name__ for f in _game_factories().values()}
    assert {"quadratic_minimax", "bilinear", "worst_case_game", "dirac_gan", "matching_pennies", "linearize",
            "game_from_losses", "lecture_examples", "solution_concept_examples", "ipd"} <= names
    assert "class_blocks" not in names and "autograd_field" not in names        # not games


def test_every_game_factory_cites_papers_in_the_bib():
    problems = []
    for name, factory in _game_factories().items():
        if factory.__name__ in REFERENCES_PENDING:       # References added by the lola branch
            continue
        problems += _check_references(name, inspect.getdoc(factory))
    assert not problems, "\n".join(problems)


def _factory(spec):
    make = spec.make
    while isinstance(make, functools.partial):
        make = make.func
    return make


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_registered_method_cites_its_registry_reference(name):
    spec = REGISTRY[name]
    assert spec.reference in bib_entries(), f"{name}: registry reference {spec.reference!r} is not in references.bib"
    factory = _factory(spec)
    if factory.__name__ in REFERENCES_PENDING:           # References added by the lola branch
        pytest.skip("References added by the lola branch")
    problems = _check_references(f"{name} ({factory.__name__})", inspect.getdoc(factory), spec.reference)
    assert not problems, "\n".join(problems)


def test_every_references_section_in_the_api_names_real_papers():
    """Any public docstring (or module docstring) with a References section: each entry is in the bib."""
    problems = []
    docs = {name: inspect.getdoc(obj) for name, obj in PUBLIC.items()}
    docs.update({module.__name__: module.__doc__ for module in _modules()})
    for name, doc in docs.items():
        if doc and references(doc) is not None:
            problems += _check_references(name, doc)
    assert not problems, "\n".join(problems)


def test_the_reference_matcher():
    """Keys, author-year and title tie-breaks resolve; an unknown paper does not."""
    assert cited_keys("See zhang2021iqc.") == {"zhang2021iqc"}
    assert cited_keys("Mescheder, L., Nowozin, S. & Geiger, A. (2017). The numerics of GANs. NeurIPS.") == {
        "mescheder2017numerics"}
    assert cited_keys("G. Zhang, Y. Wang. On the suboptimality of negative momentum for minimax "
                      "optimization. AISTATS, 2021.") == {"zhang2021suboptimality"}
    assert cited_keys("G. Zhang et al. Something else. 2021.") == set()             # ambiguous
    assert cited_keys("A. Nobody. An unknown paper. 1999.") == set()
    assert cited_keys("D. Balduzzi, S. Racanière. The mechanics of n-player differentiable games. ICML, 2018.") == {
        "balduzzi2018mechanics"}
    assert cited_keys("J. von Neumann. Zur Theorie der Gesellschaftsspiele. 1928.\n"
                      "M. Sion. On general minimax theorems. 1958.") == {"vonneumann1928theorie", "sion1958minimax"}
    doc = ("Summary.\n\nReferences\n----------\n.. [1] A. B. One. 2001.\n.. [2] C. Two.\n   More.\n\n"
           "Examples\n--------\n")
    assert references(doc) == [".. [1] A. B. One. 2001.", ".. [2] C. Two.\n   More."]
    assert references("Summary only.") is None
