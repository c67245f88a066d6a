"""Every explorer of the book, built as its chapter builds it: build time and redraw time.

* **build**: ``explore(...)`` plus the first frame (what a reader waits for before the first picture,
  including any runs the view computes ahead), against 2 s;
* **redraw**: one ``Explorer.render(**values)`` (compute or look up, draw, PNG) for every point of the
  explorer's slider grid (its pre-rendered values) in a shuffled order, median and max, against 50 ms;
* **live**: the same for slider values off that grid (what a live drag between grid values costs).

In-process, Agg. Printed, never asserted. ``python benchmarks/bench_explorers.py [name ...]`` runs some.
"""

import itertools
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

import lecturecode as lc  # noqa: E402

REDRAW_BUDGET, BUILD_BUDGET = 0.050, 2.0


def _acceleration():
    W = lc.widgets
    game = lc.games.quadratic_2d(1.0, 10.0, 1.0)
    return W.explore(lc.views.acceleration_view(game), figsize=(11, 3.6),
                     method=W.choice(list(lc.views.EXPLORER_METHODS), value="Negative momentum"),
                     eta=W.slider(0.002, 1.0, value=0.05, log=True, static=[0.01, 0.05, 0.3]),
                     beta=W.slider(-0.9, 0.5, value=-0.5, static=[-0.5, 0.0]))


def _sim_alt():
    W = lc.widgets
    return W.explore(lc.views.sim_alt_view(), figsize=(8.0, 4.6),
                     problem=W.choice(list(lc.games.lecture_examples()), value="10xy"),
                     eta=W.slider(0.005, 1.0, value=0.1, log=True, static=8))


def _dirac():
    W, M = lc.widgets, lc.methods
    GDA = {"simultaneous": M.sim_gda, "alternating": M.alt_gda}
    return W.explore_dynamics(lc.games.dirac_gan, lambda order, eta: GDA[order](eta), z0=[1.0, 1.0], n_steps=300,
                              lim=2.0, loss=W.choice(["standard", "non_saturating", "wgan"]),
                              order=W.choice(list(GDA)), eta=W.slider(0.02, 0.5, value=0.1, log=True,
                                                                      static=[0.05, 0.1, 0.4]),
                              r1=W.slider(0, 1, value=0, static=[0, 0.3]))


_RUN = {}


def _recordings():
    """The recorded GAN run and image study the two scrubbers show (recorded before the explorers are
    built, as in the chapter; not part of the build time)."""
    if "run" not in _RUN:
        _RUN["run"] = lc.gan.train_toy_gan()
    if "study" not in _RUN:      # the chapter's study is recorded once (about a minute); a small one draws alike
        from lecturecode.gan import images as gi
        _RUN["study"] = (gi.image_study() if gi.cache_path().exists()
                         else gi.record_study(seeds=(0,), n_evals=400, record_every=40))


def _gan_run():
    W = lc.widgets
    steps = list(_RUN["run"].steps)
    return W.explore(lc.views.gan_run_view(_RUN["run"]), figsize=(7.5, 3.8),
                     step=W.slider(0, steps[-1], value=steps[-1], step=25, static=steps[::2] + steps[-1:]))


def _image_study():
    W = lc.widgets
    study = _RUN["study"]
    last = int(study.evals[-1])
    return W.explore(lc.views.image_study_view(study), figsize=(8.0, 3.8),
                     method=W.choice(list(study.methods), value=study.methods[-1]),
                     step=W.slider(0, last, value=last, step=40, static=list(range(200, last + 1, 200))))


def _lola():
    W = lc.widgets
    return W.explore(lc.views.lola_view(), figsize=(9.0, 4.4),
                     lookahead=W.slider(0.1, 2.0, value=1.0, static=[0.1, 0.3, 0.5, 1, 2]),
                     delta=W.slider(0.1, 2.0, value=1.0, static=[0.1, 0.5, 1, 2]))


def _sim_gda():
    W = lc.widgets
    return W.explore_dynamics(lambda a, b: lc.games.quadratic_2d(a, b, a), lc.methods.sim_gda, z0=[1.0, 1.0],
                              n_steps=200, eta=W.slider(0.002, 0.2, value=0.01, log=True, static=6),
                              b=W.slider(0, 10, value=5, static=[0, 2.5, 5, 10]),
                              a=W.slider(0, 2, value=1, static=[0, 1]))


def _pennies():
    W = lc.widgets
    return W.explore_dynamics(lc.games.matching_pennies, lc.methods.sim_gda, n_steps=150, center=(0.5, 0.5),
                              lim=0.5, eta=W.slider(0.005, 0.2, value=0.05, log=True, static=3),
                              x0=W.slider(0.0, 1.0, value=0.7, static=[0.55, 0.7, 0.9]),
                              y0=W.slider(0.0, 1.0, value=0.5, static=1))


def _lorenz():
    W = lc.widgets
    return W.explore(lc.views.lorenz_view(z0=[1.0, 1.0, 1.0]), figsize=(6.5, 4.5),
                     a=W.slider(5, 15, value=10, static=[5, 10, 15]),
                     b=W.slider(5, 40, value=28, static=[10, 20, 28, 40]),
                     c=W.slider(0.5, 4, value=8 / 3, static=[1.5, 8 / 3, 4]),
                     eta=W.slider(0.002, 0.01, value=0.01, static=1))


def _inspector():
    W = lc.widgets
    cases = lc.solution_concepts.inspector_cases()
    return W.explore(lc.views.inspector_view(cases), case=W.choice(list(cases)),
                     eta=W.slider(0.01, 0.3, value=0.05, log=True, static=[0.02, 0.05, 0.1, 0.3]))


#: name -> how its chapter builds it
EXPLORERS = {"sim_gda twin": _sim_gda, "pennies twin": _pennies, "Lorenz 3-D": _lorenz, "inspector": _inspector,
             "acceleration": _acceleration, "Sim vs Alt": _sim_alt, "Dirac-GAN twin": _dirac,
             "GAN scrubber": _gan_run, "image-GAN study": _image_study, "LOLA": _lola}


def grid_moves(explorer, seed=0):
    """Every point of the explorer's slider grid, shuffled."""
    names = list(explorer.controls)
    combos = [dict(zip(names, c)) for c in itertools.product(*(explorer.controls[n].static for n in names))]
    order = np.random.default_rng(seed).permutation(len(combos))
    return [combos[i] for i in order]


def live_moves(explorer, n=12, seed=1):
    """``n`` moves of one numeric slider to values off its grid (on its live step), the others kept."""
    rng = np.random.default_rng(seed)
    numeric = [k for k, c in explorer.controls.items() if c.options is None and len(c.static) > 1]
    if not numeric:
        return []
    moves = []
    for i in range(n):
        name = numeric[i % len(numeric)]
        c = explorer.controls[name]
        if c.log:
            lo, hi = np.log10(c.min), np.log10(c.max)
            value = float(10 ** (lo + c.step * rng.integers(1, round((hi - lo) / c.step))))
        else:
            value = float(c.min + c.step * rng.integers(1, round((c.max - c.min) / c.step)))
        if not np.any(np.isclose(value, c.static)):
            moves.append({name: value})
    return moves


def measure(build):
    """``(build seconds, [grid redraw seconds], [live redraw seconds])`` of one explorer."""
    t0 = time.perf_counter()
    explorer = build()
    explorer.render()
    built = time.perf_counter() - t0

    def times(moves):
        out = []
        for change in moves:
            t = time.perf_counter()
            explorer.render(**change)
            out.append(time.perf_counter() - t)
        return out

    return built, times(grid_moves(explorer)), times(live_moves(explorer))


def _ms(ts):
    return f"{statistics.median(ts) * 1e3:7.1f} / {max(ts) * 1e3:6.1f}" if ts else f"{'-':>7} / {'-':>6}"


def run(report, names=None):
    print(f"{'explorer':<18} {'build s':>8}  {'grid redraw med/max ms':>23}  {'live redraw med/max ms':>23}  "
          f"(budgets: build {BUILD_BUDGET:g} s, redraw {REDRAW_BUDGET * 1e3:g} ms)", flush=True)
    names = names or list(EXPLORERS)
    if {"GAN scrubber", "image-GAN study"} & set(names):
        _recordings()
    for name in names:
        built, grid, live = measure(EXPLORERS[name])
        flags = ("" if built <= BUILD_BUDGET else " BUILD OVER") + \
                ("" if statistics.median(grid) <= REDRAW_BUDGET else " REDRAW OVER")
        print(f"{name:<18} {built:8.2f}  {_ms(grid):>23}  {_ms(live):>23} {flags}", flush=True)


if __name__ == "__main__":
    run(None, sys.argv[1:] or None)
