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
