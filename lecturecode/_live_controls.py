"""The live side of an explorer: the ipywidgets control for each of its controls (ipywidgets 7 and 8).

Internal to :mod:`lecturecode.widgets`; ``c`` below is a :class:`lecturecode.widgets.Control`.
"""

from __future__ import annotations

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
