"""Speed figures against the project's budgets (run with `make bench`).

Prints one line per measurement: the figure, the budget and OK/OVER. Exits 1 if any
measurement is over budget. Timing lives here, never in the test suite.

Besides the core figures below, every ``benchmarks/bench_*.py`` module is run: each defines
``run(report)`` and reports its chapter's figures with :func:`timing.report`.
"""

import importlib
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

import lecturecode as lc  # noqa: E402

from timing import best_of, median_redraw as _median_redraw, report, results, timed as _timed  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
#: Execution budget per chapter notebook, seconds (default 20).
NOTEBOOK_BUDGETS = {"gans": 105.0}      # gans: 45 s, plus 60 s for its image-GAN section (bench_image_gan)


def widget_updates():
    """Median of 40 slider moves (compute + redraw + PNG) for each explorer of the book."""
    W = lc.widgets
    etas = [float(e) for e in np.geomspace(0.005, 0.2, 40)]
    sim_gda = W.explore_dynamics(lambda a, b: lc.games.quadratic_2d(a, b, a), lc.methods.sim_gda,
                                 z0=[1.0, 1.0], n_steps=200,
                                 eta=W.slider(0.002, 0.2, value=0.01, log=True),
                                 b=W.slider(0, 10, value=5, static=1), a=W.slider(0, 2, value=1, static=1))
    report("widget: Sim-GDA twin view (eta, b)", _median_redraw(
        sim_gda, [dict(eta=e, b=float(i % 10)) for i, e in enumerate(etas)]), 0.100)
    pennies = W.explore_dynamics(lc.games.matching_pennies, lc.methods.sim_gda, n_steps=150,
                                 center=(0.5, 0.5), lim=0.5,
                                 eta=W.slider(0.005, 0.2, value=0.05, log=True, static=1),
                                 x0=W.slider(0.0, 1.0, value=0.7, static=1), y0=W.slider(0.0, 1.0, value=0.5, static=1))
    report("widget: matching pennies (eta, start)", _median_redraw(
        pennies, [dict(eta=e, x0=0.55 + 0.01 * (i % 40)) for i, e in enumerate(etas)]), 0.100)
    cases = lc.solution_concepts.inspector_cases()
    inspector = W.explore(lc.views.inspector_view(cases), case=W.choice(list(cases)),
                          eta=W.slider(0.01, 0.3, value=0.05, static=1))
    labels = list(cases)
    report("widget: solution-concept inspector (case, eta)", _median_redraw(
        inspector, [dict(case=labels[i % len(labels)], eta=min(e, 0.3)) for i, e in enumerate(etas)]), 0.100)
    lorenz = W.explore(lc.views.lorenz_view(), figsize=(6.5, 4.5), a=W.slider(5, 15, value=10, static=1),
                       b=W.slider(5, 40, value=28, static=1), c=W.slider(0.5, 4, value=8 / 3, static=1),
                       eta=W.slider(0.002, 0.01, value=0.01, static=1))
    report("widget: Lorenz game 3-D (a, b, c)", _median_redraw(
        lorenz, [dict(b=float(b)) for b in np.linspace(5, 40, 40)]), 0.100)


def simulate_batch():
    """simulate: 10^4 starting points x 10^3 steps of a 2-D game (best of 3)."""
    game = lc.games.quadratic_2d(1.0, 10.0, 1.0)
    z0 = np.random.default_rng(0).standard_normal((10_000, 2))
    for name, method in (("Sim-GDA", lc.methods.sim_gda(0.01)), ("Alt-GDA", lc.methods.alt_gda(0.01))):
        best = best_of(lambda method=method: lc.simulate(method, game, z0, 1000))
        report(f"simulate {name}: 10^4 starts x 10^3 steps (best of 3)", best, 1.0)


def notebooks():
    """Each chapter notebook executed top to bottom in a fresh kernel."""
    import nbformat
    from nbclient import NotebookClient

    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=300, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}})
        report(f"execute chapters/{path.name}", _timed(client.execute), NOTEBOOK_BUDGETS.get(path.stem, 20.0))


def chapter_benchmarks():
    """Every benchmarks/bench_*.py module's run(report)."""
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        importlib.import_module(path.stem).run(report)


if __name__ == "__main__":
    widget_updates()
    simulate_batch()
    chapter_benchmarks()
    notebooks()
    print(f"{sum(results)}/{len(results)} within budget")
    sys.exit(0 if all(results) else 1)
