"""Opponent-shaping chapter: 100 seeds x 200 steps of LOLA on the IPD, fast path vs autograd.

The fast path (the fused kernels of ``lecturecode.games._iterated_fused``: closed-form adjoint
gradients and forward-mode second-order terms replayed as a fixed list of array operations on
buffers made once) and the autograd reference run the same update from the same starts
in this process. Also timed: one seed and 1000 seeds, ``train`` (values and policies of every
step included), and the chapter's LOLA explorer (its slider grid computed in one batched run
when it is built, so that a redraw on the grid is a lookup plus drawing). Fast path and
autograd agree to ~1e-14 per step, but the LOLA dynamics amplify round-off (differences grow
about 2x per step), so individual seeds end in different places after 200 steps: the final
rewards are compared in distribution (mean, quartiles, two-sample KS).
"""

import numpy as np

import lecturecode as lc
from timing import best_of, median_redraw, require, timed

N_SEEDS, N_STEPS = 100, 200


def _ks(a, b):
    """Two-sample Kolmogorov-Smirnov statistic max |F_a - F_b|."""
    grid = np.sort(np.concatenate([a, b]))
    Fa = np.searchsorted(np.sort(a), grid, side="right") / a.size
    Fb = np.searchsorted(np.sort(b), grid, side="right") / b.size
    return float(np.max(np.abs(Fa - Fb)))


def run(report):
    built = {}
    game, M = lc.games.ipd(), lc.methods
    z0 = np.random.default_rng(0).standard_normal((N_SEEDS, 10))
    nl = M.naive_learner(1.0)
    cases = {
        "exact LOLA-LOLA": (M.lola(1.0, 1.0), 0.150),
        "Taylor LOLA-LOLA": (M.lola(1.0, 1.0, form="taylor"), 0.100),
        # per_player runs both methods' full steps and keeps one block of each
        "exact LOLA-NL": (M.per_player(M.lola(1.0, 1.0), nl), 0.200),
        "SOS-SOS": (M.sos(1.0, 1.0), 0.150),
        "NL-NL": (nl, 0.050),
    }
    fast_time = None
    for name, (method, budget) in cases.items():
        seconds = best_of(lambda method=method: lc.simulate(method, game, z0, N_STEPS))
        report(f"IPD {name}: {N_SEEDS} seeds x {N_STEPS} steps (best of 3)", seconds, budget)
        if name == "exact LOLA-LOLA":
            fast_time = seconds
    lola = cases["exact LOLA-LOLA"][0]
    report(f"IPD exact LOLA-LOLA: train (+ rewards, policies), {N_SEEDS} seeds",
           best_of(lambda: lc.train(lola, game, n_seeds=N_SEEDS, n_steps=N_STEPS)), 0.150)
    for n, budget in ((1, 0.060), (1000, 0.800)):
        starts = np.random.default_rng(0).standard_normal((n, 10))
        report(f"IPD exact LOLA-LOLA: {n} seed{'s' * (n > 1)} x {N_STEPS} steps",
               best_of(lambda starts=starts: lc.simulate(lola, game, starts, N_STEPS)), budget)
    fast = lc.simulate(cases["exact LOLA-LOLA"][0], game, z0, N_STEPS)
    slow_box = {}
    seconds = timed(lambda: slow_box.update(run=lc.simulate(M.lola_autograd(1.0, 1.0), game, z0, N_STEPS)))
    report("IPD exact LOLA-LOLA with autograd (same run, reference)", seconds, 10.0)
    r_fast = (1 - game.gamma) * game.values(fast.z[-1]).mean(axis=-1)
    r_slow = (1 - game.gamma) * game.values(slow_box["run"].z[-1]).mean(axis=-1)
    q = [0.25, 0.5, 0.75]
    require("IPD exact LOLA-LOLA: speed-up over autograd", seconds / fast_time, 10.0, at_least=True, unit="x")
    print(f"  final reward per step, fast:     mean {r_fast.mean():+.3f}  quartiles {np.quantile(r_fast, q).round(3)}")
    print(f"  final reward per step, autograd: mean {r_slow.mean():+.3f}  quartiles {np.quantile(r_slow, q).round(3)}")
    require("IPD exact LOLA-LOLA: KS statistic, fast vs autograd rewards", _ks(r_fast, r_slow),
            1.358 * np.sqrt(2 / N_SEEDS))                       # the two-sample 5 % critical value
    require("IPD exact LOLA-LOLA: first-step difference from autograd", np.abs(fast.z[1] - slow_box["run"].z[1]).max(),
            1e-12)

    W = lc.widgets
    seconds = timed(lambda: built.update(explorer=W.explore(
        lc.views.lola_view(), figsize=(9.0, 4.4), alt="LOLA explorer",                        # as in the chapter
        lookahead=W.slider(0.1, 2.0, value=1.0, static=[0.1, 0.3, 0.5, 1, 2]),
        delta=W.slider(0.1, 2.0, value=1.0, static=[0.1, 0.5, 1, 2]))))
    report("widget: LOLA explorer build (20 settings x 100 seeds)", seconds, 2.0)
    grid = [dict(lookahead=a, delta=d) for a in (0.1, 0.3, 0.5, 1, 2) for d in (0.1, 0.5, 1, 2)]
    order = np.random.default_rng(0).permutation(len(grid))
    report("widget: LOLA explorer redraw on its grid (lookup + draw)",
           median_redraw(built["explorer"], [grid[i] for i in order]), 0.050)
    explorer = W.explore(lc.views.lola_view(), figsize=(9.0, 4.4), alt="LOLA explorer",      # as in the chapter
                         lookahead=W.slider(0.1, 2.0, value=1.0, static=1),
                         delta=W.slider(0.1, 2.0, value=1.0, static=1))
    moves = [dict(lookahead=float(a), delta=float(d))
             for a, d in zip(np.linspace(0.2, 2.0, 12), np.linspace(2.0, 0.3, 12))]
    report("widget: LOLA explorer off its grid (100 seeds + redraw)", median_redraw(explorer, moves), 0.150)
