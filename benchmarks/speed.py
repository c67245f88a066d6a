"""Speed figures against the project's budgets (run with `make bench`).

Prints one line per measurement: the figure, the budget and OK/OVER. Exits 1 if any
measurement is over budget. Timing lives here, never in the test suite.
"""

import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

import lecturecode as lc  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
results = []


def report(name, seconds, budget):
    ok = seconds <= budget
    results.append(ok)
    print(f"{name:<58} {seconds * 1000:9.1f} ms   budget {budget * 1000:7.0f} ms   {'OK' if ok else 'OVER'}")


def widget_update():
    """Median of 40 slider moves (compute + redraw + PNG) of the Sim-GDA chapter's explorer."""
    W = lc.widgets
    ex = W.explore_dynamics(lambda a, b: lc.games.quadratic_2d(a, b, a), lc.methods.sim_gda,
                            z0=[1.0, 1.0], n_steps=200,
                            eta=W.slider(0.002, 0.2, value=0.01, log=True),
                            b=W.slider(0, 10, value=5, static=1), a=W.slider(0, 2, value=1, static=1))
    ex.render()                                    # first draw caches the static background
    times = []
    for i, eta in enumerate(np.geomspace(0.002, 0.2, 40)):
        t0 = time.perf_counter()
        ex.render(eta=float(eta), b=float(i % 10))
        times.append(time.perf_counter() - t0)
    report("widget update (median of 40 slider moves)", statistics.median(times), 0.100)


def simulate_batch():
    """simulate: 10^4 starting points x 10^3 steps of a 2-D game (best of 3)."""
    game = lc.games.quadratic_2d(1.0, 10.0, 1.0)
    z0 = np.random.default_rng(0).standard_normal((10_000, 2))
    for name, method in (("Sim-GDA", lc.methods.sim_gda(0.01)), ("Alt-GDA", lc.methods.alt_gda(0.01))):
        best = min(_timed(lambda: lc.simulate(method, game, z0, 1000)) for _ in range(3))
        report(f"simulate {name}: 10^4 starts x 10^3 steps (best of 3)", best, 1.0)


def notebooks():
    """Each chapter notebook executed top to bottom in a fresh kernel."""
    import nbformat
    from nbclient import NotebookClient

    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
        report(f"execute chapters/{path.name}", _timed(client.execute), 20.0)


def _timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    widget_update()
    simulate_batch()
    notebooks()
    print(f"{sum(results)}/{len(results)} within budget")
    sys.exit(0 if all(results) else 1)
