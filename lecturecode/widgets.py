"""Sliders over a view, live in Jupyter and kernel-free on the website.

:func:`explore` wires sliders to a *view*: a callable ``make_view(fig) -> update``
that draws into a matplotlib figure once and returns ``update(**params)``, which
moves the existing artists (see :class:`lecturecode.views.DynamicsView`). The
returned :class:`Explorer` displays as

* a live ipywidgets panel (sliders + a PNG image updated in place) wherever a
  kernel runs: JupyterLab, Binder, Colab (ipywidgets 7 and 8); frames are drawn on a
  worker thread, always for the latest values, so a fast drag never queues stale ones;
* the current frame as a plain ``image/png`` in the same output, which a saved
  notebook shows where no kernel runs (nbconvert, nbviewer, GitHub's viewer);
* in a site build only (``LECTURECODE_FRAMES_DIR``/``LECTURECODE_FRAMES_URL`` set, as
  ``make book`` does), a kernel-free slider over frames pre-rendered from the *same*
  view, in the ``text/html`` entry. The book selects that entry
  (``nb_mime_priority_overrides`` in ``_config.yml``), so the static website's
  sliders work with no kernel and no widget JavaScript.
"""

from __future__ import annotations

import base64
import inspect
import io
import itertools
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .views import DynamicsView
from .views.base import FunctionView, Precomputes, View
from ._live_controls import LatestRedraw, in_kernel as _in_kernel, live_control as _live_control
from .static_frames import explorer_html, frames_target, store_frame
from .validation import as_callable, as_count, as_flag, as_pair, as_real_array, as_scalar, as_text

__all__ = ["Control", "slider", "choice", "Explorer", "explore", "explore_dynamics", "MAX_FRAMES"]

#: Largest number of pre-rendered frames one explorer may have on the website.
MAX_FRAMES = 64
#: The mime type of a live widget's view (the same in ipywidgets 7 and 8).
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Static frames are rendered at this multiple of the live resolution (crisp on HiDPI screens).
STATIC_SCALE = 2


@dataclass(frozen=True)
class Control:
    """A slider: its live range and the values pre-rendered for the website."""

    min: float
    max: float
    value: float
    step: float
    static: tuple
    label: str
    log: bool = False
    options: tuple | None = None      # a choice among labelled options instead of a number


def slider(min: float, max: float, *, value: float, step: float | None = None, static=5,
           label: str | None = None, log: bool = False) -> Control:
    """Describe a slider for :func:`explore`.

    Parameters
    ----------
    min, max : float
        Live range, ``min < max`` (both ``> 0`` when ``log``).
    value : float
        Initial value, inside the range.
    step : float, optional
        Live resolution (default: 1/200 of the range; for ``log``, of the exponent range).
    static : int or sequence of float
        Values pre-rendered for the website: a count (spread evenly, or geometrically
        when ``log``, over the range, with the point nearest ``value`` moved onto it, so the
        website starts where the code does) or the explicit values. ``1`` pins the control
        to ``value`` on the website.
    label : str, optional
        Text before the slider (default: the parameter name).
    log : bool
        Logarithmic slider (for step sizes spanning decades).

    Examples
    --------
    >>> slider(0.0, 1.0, value=0.5, static=3).static
    (0.0, 0.5, 1.0)
    >>> slider(0.001, 0.1, value=0.02, static=3, log=True).static
    (0.001, 0.02, 0.1)
    """
    lo, hi, value = (as_scalar(v, n, low=-1e300, high=1e300) for v, n in ((min, "min"), (max, "max"),
                                                                          (value, "value")))
    log = as_flag(log, "log")
    label = "" if label is None else as_text(label, "label")
    if not lo < hi:
        raise ValueError(f"min must be < max, got min={lo}, max={hi}")
    if not lo <= value <= hi:
        raise ValueError(f"value must lie in [min, max] = [{lo:g}, {hi:g}], got {value:g}")
    if log and lo <= 0:
        raise ValueError(f"a log slider needs min > 0, got min={lo}")
    span = np.log10(hi) - np.log10(lo) if log else hi - lo
    step = span / 200 if step is None else as_scalar(step, "step")
    if not 0 < step <= 1e300:
        raise ValueError(f"step must be > 0, got {step}")
    if isinstance(static, (bool, np.bool_)) or static is None or isinstance(static, (str, bytes, float)):
        raise TypeError(f"static must be a count or a sequence of values, got {static!r}")
    if isinstance(static, (int, np.integer)):
        n = as_count(static, "static", high=MAX_FRAMES)
        if n == 1:
            values = np.array([value])
        else:
            values = np.geomspace(lo, hi, n) if log else np.linspace(lo, hi, n)
            # the website starts where the code does: the grid point nearest the value becomes it
            gap = np.abs(np.log(values / value)) if log else np.abs(values - value)
            values[int(np.argmin(gap))] = value
    else:
        values = np.unique(as_real_array(static, "static").ravel())          # sorted, each once
        if values.size == 0 or values.size > MAX_FRAMES or values[0] < lo or values[-1] > hi:
            raise ValueError(f"static values must be 1 to {MAX_FRAMES} values in [{lo:g}, {hi:g}]")
        if not np.any(np.isclose(values, value, rtol=1e-12, atol=0.0)):
            raise ValueError(f"static values must include value={value:g}, where the website starts")
    return Control(lo, hi, value, step, tuple(float(v) for v in values), label, log)


def choice(options, *, value=None, label: str | None = None) -> Control:
    """Describe a choice among named options (a dropdown live; every option is pre-rendered).

    Examples
    --------
    >>> choice(["a", "b"], value="b").value
    'b'
    """
    if isinstance(options, (str, bytes)):
        raise TypeError("options must be a sequence of strings, not one string")
    if not isinstance(options, (list, tuple)):
        raise TypeError(f"options must be a list or tuple of strings, got {options!r}")
    options = tuple(options)
    if not options or not all(isinstance(o, str) for o in options):
        raise TypeError(f"options must be a non-empty sequence of strings, got {options!r}")
    if len(set(options)) != len(options):
        raise ValueError(f"options must be distinct (a frame per option), got {list(options)}")
    if len(options) > MAX_FRAMES:
        raise ValueError(f"options must be at most MAX_FRAMES={MAX_FRAMES}, got {len(options)}")
    value = options[0] if value is None else value
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"value must be one of the options {list(options)}, got {value!r}")
    label = "" if label is None else as_text(label, "label")
    return Control(0.0, float(len(options) - 1), value, 1.0, options, label, False, options)


def _encode_png(rgba: np.ndarray, compress_level: int, dpi: float) -> bytes:
    from PIL import Image  # Pillow is a matplotlib dependency

    buf = io.BytesIO()
    Image.fromarray(np.asarray(rgba)[..., :3]).save(buf, format="png", compress_level=compress_level,
                                                    dpi=(dpi, dpi))
    return buf.getvalue()


class Explorer:
    """Live sliders over a view, with a kernel-free fallback. Built by :func:`explore`."""

    def __init__(self, make_view, controls: dict, *, figsize=(8.0, 4.6), dpi: float = 90,
                 alt: str = "interactive figure"):
        as_callable(make_view, "make_view", "fig -> update")
        try:
            inspect.signature(make_view).bind(None)
        except TypeError as err:
            raise TypeError(f"make_view must take one argument (the figure): {err}") from err
        except ValueError:                                  # no signature to read: let the call decide
            pass
        if not isinstance(controls, dict):
            raise TypeError(f"controls must be a dict {{name: Control}}, got {controls!r}")
        if not controls:
            raise ValueError("explore needs at least one control (controls is empty)")
        for name, control in controls.items():
            if not isinstance(name, str) or not isinstance(control, Control):
                raise TypeError(f"control {name!r} must be made with lecturecode.widgets.slider or choice "
                                f"(controls), got {control!r}")
        figsize = as_pair(figsize, "figsize", low=0.0, low_open=True)
        if max(figsize) > 50:
            raise ValueError(f"figsize must be at most 50 inches a side, got {figsize}")
        dpi = as_scalar(dpi, "dpi", low=10.0, high=600.0)
        alt = as_text(alt, "alt")
        self.controls = dict(controls)
        n_frames = int(np.prod([len(c.static) for c in self.controls.values()]))
        if n_frames > MAX_FRAMES:
            raise ValueError(f"the static grid has {n_frames} frames; at most MAX_FRAMES={MAX_FRAMES} "
                             "fit in a page: lower the 'static' counts")
        self.alt = alt
        self.fig = Figure(figsize=figsize, dpi=dpi, facecolor="white")
        self._canvas = FigureCanvasAgg(self.fig)
        view = make_view(self.fig)
        if not callable(view):
            raise TypeError(f"make_view must return a view (a callable update(**params)), got {view!r}")
        #: the view (:class:`~lecturecode.views.base.View`; a plain callable is one with no artists)
        self._update = view if isinstance(view, View) else FunctionView(view)
        # The artists a redraw moves: the explorer blits them (axes, ticks and labels are rendered
        # once, then only those artists are drawn again); none: every redraw draws the whole figure.
        self._moving = list(self._update.artists)
        # A view drawn as equal-width panels side by side is shown on the website as panels that
        # stack on a narrow screen.
        self._panels = int(self._update.panels)
        self._background = None
        self.values = {name: c.value for name, c in self.controls.items()}
        self._widget = None
        self._html = None
        self._drawing = threading.RLock()      # one figure: a worker thread and a cell never draw at once
        self._threaded, self._redraw = _in_kernel(), None
        if isinstance(self._update, Precomputes):
            # every value of the slider grid computed now (in one batched call where the view can),
            # so a move onto one of them is a lookup plus drawing
            self._update.prepare(self._grid())

    def _grid(self) -> list:
        """Every point of the controls' static grids, as ``{name: value}``, row-major."""
        names = list(self.controls)
        return [dict(zip(names, combo)) for combo in itertools.product(*(self.controls[n].static for n in names))]

    # -- shared -------------------------------------------------------------------
    def render(self, **changes) -> bytes:
        """Update the view with ``changes`` (other parameters keep their values) and
        return the PNG: exactly the work of one live slider move."""
        unknown = set(changes) - set(self.controls)
        if unknown:
            raise TypeError(f"unknown control(s) {sorted(unknown)}; known: {sorted(self.controls)}")
        with self._drawing:
            values = {**self.values, **changes}
            try:
                png = self._draw(compress_level=1, values=values)
            except (ValueError, TypeError):
                # A rejected value must not poison the explorer: redraw the last good state, keep its values.
                self._update(**self.values)
                raise
            self.values = values
            return png

    def _draw(self, compress_level: int, values=None) -> bytes:
        with self._drawing:
            return self._draw_unlocked(compress_level, values)

    def _draw_unlocked(self, compress_level: int, values=None) -> bytes:
        self._update(**(self.values if values is None else values))
        if not self._moving:
            self._canvas.draw()
        else:
            if self._background is None:
                for artist in self._moving:
                    artist.set_visible(False)
                self._canvas.draw()
                self._background = self._canvas.copy_from_bbox(self.fig.bbox)
                for artist in self._moving:
                    artist.set_visible(True)
            self._canvas.restore_region(self._background)
            renderer = self._canvas.get_renderer()
            for artist in self._moving:
                artist.draw(renderer)
        return _encode_png(self._canvas.buffer_rgba(), compress_level, self.fig.get_dpi())

    # -- live (kernel) ------------------------------------------------------------
    @property
    def widget(self) -> Any:
        """The ipywidgets panel (built on first use; ipywidgets 7 and 8)."""
        if self._widget is None:
            import ipywidgets as w

            image = w.Image(value=self.render(), format="png")
            self._redraw = LatestRedraw(lambda changes: setattr(image, "value", self.render(**changes)),
                                        threaded=self._threaded)
            sliders = [_live_control(w, name, c) for name, c in self.controls.items()]
            for s, name in zip(sliders, self.controls):
                s.observe(lambda change, name=name: self._redraw.request(name, change["new"]), names="value")
            self._widget = w.VBox([w.HBox(sliders, layout=w.Layout(flex_flow="row wrap")), image])
        return self._widget

    def _wait(self, timeout: float = 30.0) -> bool:
        """Wait until the latest move is drawn (for tests and benchmarks); ``True`` when idle."""
        return self._redraw is None or self._redraw.wait(timeout)

    def _snapshot(self) -> bytes:
        """The PNG of the current frame at the live resolution: the plain picture a saved notebook
        shows where no kernel runs (nbconvert, nbviewer, GitHub)."""
        return self._draw(compress_level=9)

    # -- static (website) ---------------------------------------------------------
    def static_html(self) -> str:
        """The kernel-free fallback: pre-rendered frames (at ``STATIC_SCALE`` times the live
        resolution, for HiDPI screens) and one control per slider or choice; see
        :mod:`lecturecode.static_frames`."""
        with self._drawing:
            return self._static_html()

    def _static_html(self) -> str:
        if self._html is not None:
            return self._html
        names = list(self.controls)
        grids = [self.controls[n].static for n in names]
        saved = dict(self.values)
        target = frames_target()
        dpi = self.fig.get_dpi()
        width, height = (int(round(v)) for v in self.fig.get_size_inches() * dpi)
        self.fig.set_dpi(dpi * STATIC_SCALE)
        self._background = None
        try:
            frames = []
            for combo in itertools.product(*grids):
                self.values.update(zip(names, combo))
                frames.append(store_frame(self._draw(compress_level=9), target))
        finally:
            self.fig.set_dpi(dpi)
            self._background = None
            self.values = saved
        start = [g.index(saved[n]) if self.controls[n].options is not None
                 else int(np.argmin(np.abs(np.array(g) - saved[n]))) for n, g in zip(names, grids)]
        self._html = explorer_html(names, self.controls, frames, start, alt=self.alt, width=width,
                                   height=height, target=target, panels=self._panels)
        return self._html

    def _repr_mimebundle_(self, include=None, exclude=None):
        """What a notebook stores: the frame as ``image/png`` (shown wherever no kernel runs), plus
        the live widget's view in a kernel or, in a site build, the static fallback.

        The widget view is written here (not taken from the widget), so ipywidgets 7 (Colab) and 8
        display alike. Outside a site build no frames are pre-rendered: a live run stays fast and a
        saved notebook small.
        """
        data = {"image/png": base64.b64encode(self._snapshot()).decode("ascii"),
                "text/plain": f"<Explorer: {', '.join(self.controls)}>"}
        width, height = (int(round(v)) for v in self.fig.get_size_inches() * self.fig.get_dpi())
        metadata = {"image/png": {"alt": self.alt, "width": width, "height": height}}
        if frames_target() is not None:
            # A site build: the page shows the static fallback only, so no widget models are made
            # (their state would be embedded in the page and never used).
            data["text/html"] = self.static_html()
        else:
            data[WIDGET_VIEW] = {"version_major": 2, "version_minor": 0,
                                 "model_id": self.widget.model_id}
        return data, metadata


def explore(make_view, *, figsize=(8.0, 4.6), alt: str = "interactive figure", **controls) -> Explorer:
    """Sliders (``name=slider(...)``) driving ``make_view``; displays live and static.

    Parameters
    ----------
    make_view : callable
        ``make_view(fig) -> update``; ``update(**params)`` redraws for the slider values.
    figsize : (float, float)
        Figure size in inches.
    alt : str
        Alt text of the figure (for screen readers on the website).
    **controls : Control
        One :func:`slider` per parameter of ``update``.

    Examples
    --------
    >>> from functools import partial
    >>> from lecturecode.games import quadratic_2d
    >>> from lecturecode.methods import sim_gda
    >>> from lecturecode.views import DynamicsView
    >>> view = partial(DynamicsView, make_game=quadratic_2d, make_method=sim_gda, z0=[1, 1])
    >>> ex = explore(view, eta=slider(0.001, 0.2, value=0.01, static=3),
    ...              a=slider(0, 2, value=1, static=1), b=slider(0, 10, value=5, static=2),
    ...              c=slider(0, 2, value=1, static=1))
    >>> ex.static_html().count('type="range"')
    4
    """
    return Explorer(make_view, controls, figsize=figsize, alt=alt)


def explore_dynamics(make_game, make_method, *, z0=None, n_steps: int = 200, lim: float = 1.5,
                     center=(0.0, 0.0), alt: str | None = None, **controls) -> Explorer:
    """Sliders over a game and a method: the twin view of :class:`~lecturecode.views.DynamicsView`
    (trajectory on the phase portrait | eigenvalues of the update against the unit circle).

    Each control is passed to ``make_game`` or ``make_method``, whichever has a parameter of
    that name. Without ``z0`` the starting point is a pair of controls named ``x0`` and ``y0``.
    ``center`` and ``lim`` set the window of the phase portrait.

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> from lecturecode.methods import alt_gda
    >>> ex = explore_dynamics(bilinear, alt_gda, z0=[1, 0], eta=slider(0.01, 0.3, value=0.1, static=2),
    ...                       b=slider(1, 10, value=5, static=2))
    >>> len(ex.static_html()) > 1000
    True
    """
    def make_view(fig):
        return DynamicsView(fig, make_game, make_method, z0=z0, n_steps=n_steps, lim=lim, center=center)

    if alt is None:
        alt = ("Left: a trajectory on the phase portrait of the game. Right: eigenvalues of the "
               "method's update operator against the unit circle, for the slider values.")
    return explore(make_view, alt=alt, **controls)
