"""Speed of the Alt-GDA chapter: its explorer's redraw and the notebook's execution.

``make bench`` calls :func:`run` (the explorer) and times the notebook with every chapter
(``speed.notebooks``, default budget 20 s). ``python benchmarks/bench_alt_gda.py`` runs both here.
"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

import lecturecode as lc  # noqa: E402

from timing import median_redraw, report, results, timed  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "chapters" / "alt_gda.ipynb"


def explorer():
    """The chapter's Sim-vs-Alt explorer, built as the notebook builds it."""
    W = lc.widgets
    problems = list(lc.games.lecture_examples())
    return W.explore(lc.views.sim_alt_view(), figsize=(8.0, 3.8),
                     problem=W.choice(problems, value="10xy"),
                     eta=W.slider(0.005, 1.0, value=0.1, log=True, static=8))


def run(report):
    problems = list(lc.games.lecture_examples())
    moves = [dict(eta=float(e), problem=problems[i % 3]) for i, e in enumerate(np.geomspace(0.005, 1.0, 40))]
    report("widget: Sim vs Alt twin view (problem, eta)", median_redraw(explorer(), moves), 0.100)
    report("widget: Sim vs Alt twin view (eta only)",
           median_redraw(explorer(), [dict(eta=m["eta"]) for m in moves]), 0.100)


def notebook(report):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    report("execute chapters/alt_gda.ipynb (fresh kernel)", timed(client.execute), 20.0)


if __name__ == "__main__":
    run(report)
    notebook(report)
    sys.exit(0 if all(results) else 1)
