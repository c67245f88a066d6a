"""Execute every chapter in the environment of the Python running this script, as a student would.

Used by the Colab-like and Binder-like CI jobs (``.ci/run_colab_like``, ``.ci/run_binder_like``):
each notebook is copied to a scratch directory (so the repository is not on ``sys.path``) and run
top to bottom in a fresh kernel of this environment with nbclient, as "Run All" does. It then checks
what a student would see and a reader of the saved notebook:

* every cell ran (a failing cell fails the job) and lecturecode came from the installed package;
* every explorer stored its live widget view *and* a plain PNG of its frame, and no pre-rendered
  website frames (a site build's job);
* with nbconvert available, the saved notebook rendered to HTML without a kernel shows an ``<img>``
  for every explorer.

It prints one line per chapter: run time, saved size after Run All, explorers. Usage::

    python .ci/execute_chapters.py [--out DIR] chapters/*.ipynb appendix/*.ipynb
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
WIDGET = "application/vnd.jupyter.widget-view+json"
WHERE = "import lecturecode as _lc; print(_lc.__file__)"


def is_explorer(cell) -> bool:
    source = "".join(cell.source)
    return cell.cell_type == "code" and ("explore(" in source or "explore_dynamics(" in source)


def explorer_problems(nb) -> tuple[int, list[str]]:
    """Count explorers and list what is missing from their stored outputs."""
    problems, count = [], 0
    for k, cell in enumerate(nb.cells):
        if not is_explorer(cell):
            continue
        count += 1
        bundles = [o.get("data", {}) for o in cell.outputs if o.output_type in ("display_data", "execute_result")]
        # a live explorer stores its current frame as a plain picture (image/png, its own output) and then
        # the widget view
        if not (any(WIDGET in b for b in bundles) and any("image/png" in b for b in bundles)):
            problems.append(f"cell {k}: the explorer stored no widget view and PNG: {[sorted(b) for b in bundles]}")
        if any("lc-frames" in str(b.get("text/html", "")) for b in bundles):
            problems.append(f"cell {k}: a live run pre-rendered the website's frames")
    return count, problems


def html_images(nb) -> list[int]:
    """Per explorer, how many <img> the saved notebook shows when rendered without a kernel."""
    from nbconvert import HTMLExporter

    counts = []
    for cell in nb.cells:
        if is_explorer(cell):
            one = nbformat.v4.new_notebook(cells=[cell], metadata=nb.metadata)
            body, _ = HTMLExporter(template_name="lab").from_notebook_node(one)
            counts.append(body.split('class="jp-OutputArea', 1)[-1].count("<img"))
    return counts


def run(path: Path, out: Path | None, timeout: int, installed: bool = True) -> list[str]:
    """Execute one notebook; return its problems (``installed``: lecturecode must not come from the
    repository, as in a student's environment)."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(WHERE))
    with tempfile.TemporaryDirectory() as scratch:
        start = time.perf_counter()
        # no widget state in the saved notebook, as JupyterLab saves by default (its "save widget
        # state" setting is off): what a reader without a kernel sees must not depend on it
        NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
                       resources={"metadata": {"path": scratch}}).execute()
        seconds = time.perf_counter() - start
    where = "".join(o.get("text", "") for o in nb.cells.pop().outputs).strip()
    problems = []
    if installed and ROOT in Path(where).resolve().parents:
        problems.append(f"lecturecode came from the repository ({where}), not the installed package")
    count, missing = explorer_problems(nb)
    problems += missing
    try:
        images = html_images(nb)
    except ImportError:
        images = None
    if images is not None and any(n < 1 for n in images):
        problems.append(f"nbconvert shows no picture for some explorers (<img> per explorer: {images})")
    text = nbformat.writes(nb)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / path.name).write_text(text)
    print(f"{path.relative_to(ROOT) if ROOT in path.resolve().parents else path}: {seconds:6.1f} s, "
          f"saved {len(text.encode()) / 1e6:5.2f} MB, {count} explorer(s)"
          + ("" if images is None else f", nbconvert <img> per explorer {images}"), flush=True)
    return [f"{path.name}: {p}" for p in problems]


DRAG = [
    "import numpy as np, lecturecode as lc\nW = lc.widgets\n"
    "ex = W.explore_dynamics(lc.games.bilinear, lc.methods.alt_gda, z0=[1.0, 0.5],\n"
    "    eta=W.slider(0.01, 0.3, value=0.1, static=1), b=W.slider(1, 5, value=2, static=1))\nex",
    "b = ex.widget.children[0].children[1]\nassert ex._threaded, 'a kernel draws on a worker thread'\n"
    "for v in np.linspace(1, 5, 40):\n    b.value = float(v)\n"
    "assert ex._wait() and ex.values['b'] == 5.0\n"
    "assert ex.widget.children[1].value == ex.render()\nprint('drag: latest value drawn')",
]


def drag_check(timeout: int) -> list[str]:
    """Move a slider 40 times in a real kernel: the worker thread draws, its widget messages go
    out, and the picture ends on the last value (what the chapters' headless runs never do)."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in DRAG])
    with tempfile.TemporaryDirectory() as scratch:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=False,
                       resources={"metadata": {"path": scratch}}).execute()
    outputs = nb.cells[-1].outputs
    text = "".join(o.get("text", "") for o in outputs if o.get("name") == "stdout")
    errors = [o.get("text", "") for o in nb.cells[0].outputs + outputs if o.get("name") == "stderr"]
    print(f"kernel drag check: {text.strip() or 'no output'}", flush=True)
    return [] if "latest value drawn" in text and not errors else [f"drag check failed: {errors}"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, help="write the executed notebooks here")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    parser.add_argument("--no-drag-check", action="store_true", help="skip the kernel drag check")
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]} at {sys.executable}")
    from importlib.metadata import version

    for name in ("numpy", "matplotlib", "ipywidgets", "IPython", "ipykernel", "autograd", "lecturecode"):
        print(f"  {name} {version(name.lower())}")
    problems, start = [], time.perf_counter()
    if not args.no_drag_check:
        problems += drag_check(args.timeout)
    for path in args.notebooks:
        problems += run(path.resolve(), args.out, args.timeout)
    print(f"{len(args.notebooks)} notebooks in {time.perf_counter() - start:.0f} s")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
