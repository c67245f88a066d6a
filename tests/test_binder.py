"""Binder's environment: runtime only, pinned from the book's lock (binder/make_requirements.py)."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "binder"))
import make_requirements  # noqa: E402


def pins(path):
    return {m.group(1).lower().replace("_", "-"): m.group(2)
            for m in re.finditer(r"^([A-Za-z0-9_.-]+)==(\S+)", path.read_text(), re.M)}


def test_binder_pins_are_the_locks_pins():
    binder, lock = pins(ROOT / "binder" / "requirements.txt"), pins(ROOT / "requirements.txt")
    assert binder and all(lock.get(name) == version for name, version in binder.items()), \
        {n: (v, lock.get(n)) for n, v in binder.items() if lock.get(n) != v}


def test_binder_requirements_are_generated_from_the_lock():
    assert (ROOT / "binder" / "requirements.txt").read_text() == make_requirements.render(), "run: make binder"
    assert (ROOT / "binder" / "runtime.txt").read_text() == (ROOT / "runtime.txt").read_text()


def test_binder_installs_the_runtime_and_the_package_but_no_book_or_test_tools():
    binder = pins(ROOT / "binder" / "requirements.txt")
    assert {"numpy", "autograd", "matplotlib", "ipywidgets", "threadpoolctl", "ipykernel"} <= set(binder)
    tools = {"jupyter-book", "nbval", "hypothesis", "playwright", "jupyterlab", "jupyter-server", "notebook"}
    assert not tools & set(binder)
    assert not [n for n in binder if n.startswith(("sphinx", "pytest", "myst", "mathjax"))]
    text = (ROOT / "binder" / "requirements.txt").read_text()
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines[-1] == "."                         # the package itself, from the repository root
