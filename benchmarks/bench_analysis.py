"""Cost of the operator analysis against the dimension of the game (issue 25).

The κ-sweep of the acceleration chapter (6 methods x 7 κ, every one tuned) on a dense random
strongly monotone game of dimension d (:func:`~lecturecode.games.random_quadratic_game`,
d/2 coordinates per player), for d = 10, 20, 50, 100, 200, printed against the budgets
(d = 50 in 5 s, d = 200 in 60 s), and one :func:`~lecturecode.analysis.convergence_rate`
evaluation per method at d = 200. Prints, never asserts.

Run ``python benchmarks/bench_analysis.py [d ...]`` (default: the whole curve). Run so, OpenBLAS
has one thread unless ``OPENBLAS_NUM_THREADS`` is set: on the shared 2-core machine its two
threads made a 200 x 200 ``eigvals`` about 5x slower (97 ms against 19 ms, medians). Under
``benchmarks/speed.py`` (``make bench``) the process's own setting is kept.
"""

import os

if __name__ == "__main__":                                   # not when speed.py imports it: no side effects
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")      # before numpy is imported

import functools  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from timing import report, timed  # noqa: E402

import lecturecode as lc  # noqa: E402

NAMES = ["Sim-GDA", "Negative momentum", "EG", "OGDA", "Alt-GDA", "PPM"]
KAPPAS = np.geomspace(10, 1000, 7)
DIMS = (10, 20, 50, 100, 200)
BUDGETS = {50: 5.0, 200: 60.0}


@functools.lru_cache(maxsize=None)
def _game(d, kappa):
    return lc.games.random_quadratic_game(1.0, kappa, d // 2, d - d // 2, seed=0)


def family(d):
    """κ -> a dense random game of dimension d with mu = 1, L = κ (seeded), built once per (d, κ):
    building it (a bisection on the spectral norm) is not the analysis, and is timed apart."""
    return functools.partial(_game, d)


def build_games(d):
    """Build (and cache) the seven games of dimension d; print how long that took."""
    t0 = time.perf_counter()
    for kappa in KAPPAS:
        _game(d, float(kappa))
    print(f"building the 7 dense random games, d = {d:<4} {time.perf_counter() - t0:9.1f} s (not in the sweep)",
          flush=True)


def sweep(d):
    return lc.analysis.kappa_sweep(NAMES, KAPPAS, family=family(d))


def median_of(fn, repeats):
    return statistics.median(timed(fn) for _ in range(repeats))


def rate_evaluations(d=200, repeats=5):
    """Median time of one convergence_rate evaluation per method at its registry example."""
    fresh = lc.games.random_quadratic_game(1.0, 100.0, d // 2, d - d // 2, seed=1)
    first = timed(lambda: lc.analysis.convergence_rate(lc.methods.sim_gda(0.001), fresh))
    game = family(d)(100.0)
    print(f"convergence_rate, first call on the game (linearises) d = {d:<4} {first * 1000:9.1f} ms", flush=True)
    for name in NAMES:
        spec = lc.methods.REGISTRY[name]
        method = spec.make(**spec.example)
        seconds = median_of(lambda method=method: lc.analysis.convergence_rate(method, game), repeats)
        print(f"convergence_rate, {name:<18} d = {d:<4} {seconds * 1000:9.1f} ms", flush=True)


def run(report, dims=DIMS):
    for d in dims:
        build_games(d)
        repeats = 3 if d <= 50 else 1
        seconds = median_of(lambda d=d: sweep(d), repeats)
        budget = BUDGETS.get(d, BUDGETS[200] if d > 50 else BUDGETS[50])
        report(f"kappa sweep, dense random game, d = {d} (median of {repeats})", seconds, budget)


if __name__ == "__main__":
    print(f"OPENBLAS_NUM_THREADS = {os.environ.get('OPENBLAS_NUM_THREADS')}", flush=True)
    dims = tuple(int(a) for a in sys.argv[1:]) or DIMS
    run(report, dims)
    if 200 in dims:
        rate_evaluations()
