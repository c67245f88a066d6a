"""Shared timing helpers for the benchmark scripts (no assertions: figures against budgets)."""

import statistics
import time

results = []


def report(name, seconds, budget):
    """Print one measurement against its budget and record whether it is within."""
    ok = seconds <= budget
    results.append(ok)
    print(f"{name:<58} {seconds * 1000:9.1f} ms   budget {budget * 1000:7.0f} ms   {'OK' if ok else 'OVER'}",
          flush=True)


def require(name, value, limit, *, at_least=False, unit=""):
    """Print a figure that is not a time (a speed-up, a statistic) against its limit:
    ``value <= limit``, or ``value >= limit`` with ``at_least``; recorded like :func:`report`."""
    ok = value >= limit if at_least else value <= limit
    results.append(ok)
    bound = f"{'>=' if at_least else '<='} {limit:g}{unit}"
    print(f"{name:<58} {value:9.3g}{unit:<3} target {bound:>11}   {'OK' if ok else 'OVER'}", flush=True)


def timed(fn):
    """Wall time of one call."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def best_of(fn, repeats=3):
    """Best wall time of ``repeats`` calls (the least disturbed by other load)."""
    return min(timed(fn) for _ in range(repeats))


def median_redraw(explorer, moves):
    """Median time of one explorer render per move (the first draw caches the background)."""
    explorer.render()
    times = []
    for change in moves:
        t0 = time.perf_counter()
        explorer.render(**change)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
