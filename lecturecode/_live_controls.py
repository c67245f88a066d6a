"""The live side of an explorer: the ipywidgets control for each of its controls (ipywidgets 7 and
8), and the redraw that always draws the latest values.

Internal to :mod:`lecturecode.widgets`; ``c`` below is a :class:`lecturecode.widgets.Control`.
"""

from __future__ import annotations

import threading
import time

import numpy as np

__all__: list = []            # internal: no public API here


def in_kernel() -> bool:
    """Whether this runs in a Jupyter kernel (where widget messages arrive while a frame draws)."""
    try:
        from IPython import get_ipython
    except ImportError:                                     # pragma: no cover - ipywidgets needs IPython
        return False
    return getattr(get_ipython(), "kernel", None) is not None


def on_grid(lo: float, value: float, step: float) -> float:
    """The step nearest ``step`` that puts ``value`` on the slider's grid ``lo + k * step`` (a
    slider snaps its start value to the grid: 0.0501 where the code says 0.05)."""
    k = round((value - lo) / step)
    return (value - lo) / k if k >= 1 else step


def live_control(w, name: str, c):
    """The ipywidgets control for one :class:`Control`, driven by the keyboard without leaving it:
    a choice is a row of toggle buttons (few, short options) or a selection slider, never a
    dropdown (whose arrow keys move the notebook's cell selection); a whole-number slider reads
    ``1000``, not ``1e+03``; every slider starts exactly at its value."""
    common = dict(description=c.label or name, style={"description_width": "initial"})
    if c.options is not None:
        if len(c.options) <= 4 and max(map(len, c.options)) <= 18:
            return w.ToggleButtons(options=list(c.options), value=c.value,
                                   style={"description_width": "initial", "button_width": "auto"},
                                   description=common["description"])
        return w.SelectionSlider(options=list(c.options), value=c.value, continuous_update=True,
                                 layout=w.Layout(width="440px"), **common)
    common.update(continuous_update=True, layout=w.Layout(width="340px"))
    if c.log:
        lo, hi = np.log10(c.min), np.log10(c.max)
        return w.FloatLogSlider(value=c.value, base=10, min=lo, max=hi, readout_format=".3g",
                                step=on_grid(lo, np.log10(c.value), c.step), **common)
    if all(float(v).is_integer() for v in (c.min, c.max, c.value, c.step)):
        return w.IntSlider(value=int(c.value), min=int(c.min), max=int(c.max), step=int(c.step),
                           **common)
    return w.FloatSlider(value=c.value, min=c.min, max=c.max, readout_format=".3g",
                         step=on_grid(c.min, c.value, c.step), **common)


class LatestRedraw:
    """Redraw for the latest control values only: ``request(name, value)`` records a move and
    ``draw(changes)`` runs for everything recorded since the last draw.

    In a kernel (``threaded``) the drawing runs on a worker thread, so the kernel keeps taking
    moves while a frame draws, and moves made meanwhile only change what is drawn next: a fast
    drag never queues stale frames. Otherwise (tests, scripts) it draws at once.
    """

    def __init__(self, draw, threaded: bool):
        self._draw, self.threaded = draw, threaded
        self._pending, self._busy, self._lock = {}, False, threading.Lock()

    def request(self, name, value):
        with self._lock:
            self._pending[name] = value
            if self._busy:
                return
            self._busy = True
        if self.threaded:
            threading.Thread(target=self._drain, daemon=True).start()
        else:
            self._drain()

    def _drain(self):
        while True:
            with self._lock:
                if not self._pending:
                    self._busy = False
                    return
                changes, self._pending = self._pending, {}
            try:
                self._draw(changes)
            except BaseException:
                with self._lock:
                    self._busy = False
                raise

    def wait(self, timeout: float = 30.0) -> bool:
        """Wait until the latest move is drawn; ``True`` when idle."""
        deadline = time.perf_counter() + timeout
        while self._busy and time.perf_counter() < deadline:
            time.sleep(0.001)
        return not self._busy
