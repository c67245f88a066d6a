"""The package's import picture: one strict layer stack, nothing imports upward, no circles.

Every import in every module counts, at module level or inside a function (a lazy import is
still a dependency). Run this file alone to see the picture: ``pytest tests/test_architecture.py``.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1] / "lecturecode"

#: The layers, lowest first: a module may import only from its own layer or the ones below.
LAYERS = [
    {"validation", "table_type"},
    {"games"},
    {"methods"},
    {"simulation"},
    {"analysis", "gan", "solution_concepts"},
    {"tables"},
    {"plot", "static_frames"},
    {"views"},
    {"_live_controls", "controls"},
    {"widgets"},
    {"checks", "claims"},
    {"student_edition"},
]
LAYER = {unit: i for i, layer in enumerate(LAYERS) for unit in layer}


def _unit(module: str) -> str:
    """The top-level unit of ``lecturecode.a.b`` (``a``), or ``""`` for the package itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _module_name(path: Path) -> str:
    parts = ("lecturecode",) + path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path):
    """``(imported module, line)`` for every import of ``lecturecode`` code in ``path``."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
            if node.module is None:                              # from .. import a, b
                for alias in node.names:
                    yield f"{target}.{alias.name}", node.lineno
            else:
                yield target, node.lineno
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lecturecode"):
            yield node.module, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("lecturecode"):
                    yield alias.name, node.lineno


def _edges():
    edges = {}
    for path in sorted(ROOT.rglob("*.py")):
        here = _unit(_module_name(path))
        for target, line in _imports(path):
            there = _unit(target)
            if here and there and here != there:
                edges.setdefault((here, there), []).append(f"{path.relative_to(ROOT.parent)}:{line}")
    return edges


def test_every_unit_of_the_package_has_a_layer():
    units = {_unit(_module_name(p)) for p in ROOT.rglob("*.py")} - {""}
    assert units <= set(LAYER), f"add these to LAYERS in tests/test_architecture.py: {sorted(units - set(LAYER))}"


@pytest.mark.parametrize("edge", sorted(_edges()), ids=lambda e: f"{e[0]}->{e[1]}")
def test_imports_go_down_the_layer_stack(edge):
    here, there = edge
    assert LAYER[there] <= LAYER[here], (
        f"{here} (layer {LAYER[here]}) imports {there} (layer {LAYER[there]}), which sits above it: "
        f"{_edges()[edge]}")


def test_there_are_no_import_circles():
    graph = {}
    for here, there in _edges():
        graph.setdefault(here, set()).add(there)
    state = {}

    def visit(node, path):
        state[node] = "open"
        for nxt in graph.get(node, ()):
            if state.get(nxt) == "open":
                raise AssertionError("import circle: " + " -> ".join(path + [nxt]))
            if nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for node in graph:
        if node not in state:
            visit(node, [node])


def test_no_module_imports_a_private_name_from_another_unit():
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        name = _module_name(path)
        here = _unit(name)
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                there = _unit(".".join(base + ([node.module] if node.module else [])))
                private = [a.name for a in node.names if a.name.startswith("_")]
                if private and there != here:
                    offenders.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} imports {private} from {there}")
    assert len(offenders) <= KNOWN_PRIVATE, "\n".join(offenders)


#: Private names imported across units: none.
KNOWN_PRIVATE = 0
