"""In-process latency of an explorer under a fast drag (informational; no kernel, no browser).

Moves arrive every 40 ms for 2.4 s (a drag at 25 events/s) on one slider of the Lorenz and LOLA
explorers. "queued" handles each move in turn, as the kernel did before (every move drawn, in
order); "latest" is the explorer's kernel mode (a worker draws the latest values only). Printed: one
frame's render time (median/max), frames drawn, and the delay from the last move to its picture.
"""

import time

import numpy as np

import lecturecode as lc

W = lc.widgets
EXPLORERS = {
    "lorenz": (lambda: W.explore(lc.views.lorenz_view(z0=[1.0, 1.0, 1.0]), figsize=(6.5, 4.5),
                                 a=W.slider(5, 15, value=10, static=1), b=W.slider(5, 40, value=28, static=1),
                                 c=W.slider(0.5, 4, value=8 / 3, static=1),
                                 eta=W.slider(0.002, 0.01, value=0.01, static=1)), "b", (5, 40)),
    "lola": (lambda: W.explore(lc.views.lola_view(), figsize=(9.0, 4.4),
                               lookahead=W.slider(0.1, 2.0, value=1.0, static=1),
                               delta=W.slider(0.1, 2.0, value=1.0, static=1)), "lookahead", (0.1, 2.0)),
}


def drag(make, name, span, threaded):
    ex = make()
    ex._threaded = threaded
    index = list(ex.controls).index(name)
    slider = ex.widget.children[0].children[index]
    drawn, update = [], ex._update
    ex._update = lambda **p: (drawn.append(time.perf_counter()), update(**p))[1]
    values = np.linspace(*span, 60)
    t0 = time.perf_counter()
    for k, v in enumerate(values):
        time.sleep(max(0.0, t0 + 0.04 * k - time.perf_counter()))
        slider.value = float(v)
    last = t0 + 0.04 * (len(values) - 1)
    ex._wait()
    done = time.perf_counter()
    assert abs(ex.values[name] - values[-1]) < 1e-9
    return len(drawn), done - last


for label, (make, name, span) in EXPLORERS.items():
    ex = make()
    ex.render()
    times = []
    for v in np.linspace(*span, 15):
        t = time.perf_counter()
        ex.render(**{name: float(v)})
        times.append(time.perf_counter() - t)
    print(f"{label}: render median {1e3 * np.median(times):.0f} ms, max {1e3 * max(times):.0f} ms")
    for mode, threaded in (("queued", False), ("latest", True)):
        frames, lag = drag(make, name, span, threaded)
        print(f"  {mode}: 60 moves in 2.4 s -> {frames} frames drawn, last move shown after {1e3 * lag:.0f} ms")
