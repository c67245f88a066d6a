"""Speed of the acceleration chapter: the whole kappa-sweep figure and the explorer redraw."""

import numpy as np
from timing import best_of, median_redraw

import lecturecode as lc

NAMES = ["Sim-GDA", "Negative momentum", "EG", "OGDA", "Alt-GDA", "PPM"]
KAPPAS = np.geomspace(10, 1000, 7)


def run(report):
    sweep = lc.analysis.kappa_sweep
    report("kappa sweep: 6 methods x 7 kappa, every one tuned (best of 3)",
           best_of(lambda: sweep(NAMES, KAPPAS)), 4.0)             # certified tuning (was 2 s with zooming grids)
    report("kappa sweep as in the chapter (PPM at fixed eta) + table",
           best_of(lambda: lc.analysis.slope_table(sweep(NAMES, KAPPAS, spaces={"PPM": {"eta": 10.0}}))), 4.0)
    W = lc.widgets
    names = list(lc.views.EXPLORER_METHODS)
    explorer = W.explore(lc.views.acceleration_view(), figsize=(11, 3.6),
                         method=W.choice(names, value="Negative momentum"),
                         eta=W.slider(0.002, 1.0, value=0.05, log=True, static=1),
                         beta=W.slider(-0.9, 0.5, value=-0.5, static=1))
    moves = [dict(method=names[i % len(names)], eta=float(e), beta=float(b))
             for i, (e, b) in enumerate(zip(np.geomspace(0.005, 0.5, 40), np.linspace(-0.9, 0.5, 40)))]
    report("widget: acceleration explorer (method, eta, beta)", median_redraw(explorer, moves), 0.100)


if __name__ == "__main__":
    from timing import report
    run(report)
