"""Sliders over a view, live in Jupyter and kernel-free on the website.

:func:`explore` wires sliders to a *view*: a callable ``make_view(fig) -> update``
that draws into a matplotlib figure once and returns ``update(**params)``, which
moves the existing artists (see :class:`lecturecode.views.DynamicsView`). The
returned :class:`Explorer` displays as

* a live ipywidgets panel (sliders + a PNG image updated in place) wherever a
  kernel runs: JupyterLab, Binder, Colab (ipywidgets 7 and 8); frames are drawn on a
  worker thread, always for the latest values, so a fast drag never queues stale ones;
* the current frame as a plain picture, printed above the live panel, which the panel hides while
  it runs and a saved notebook shows where no kernel or widget state is (JupyterLab and Notebook 7
  reopening a notebook, nbconvert, nbviewer, GitHub's viewer: see
  :func:`~lecturecode.static_frames.saved_picture_html`); on Colab, one bundle with the PNG;
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
import sys
import threading
import uuid
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .controls import MAX_FRAMES, Control, choice, slider
from .views import DynamicsView
from .views.base import FunctionView, Precomputes, View
from ._live_controls import LatestRedraw, in_kernel as _in_kernel, live_control as _live_control
from .static_frames import explorer_html, frames_target, live_panel_css, saved_picture_html, store_frame
from .validation import as_callable, as_pair, as_scalar, as_text

__all__ = ["Control", "slider", "choice", "Explorer", "explore", "explore_dynamics", "MAX_FRAMES"]

#: The mime type of a live widget's view (the same in ipywidgets 7 and 8).
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Static frames are rendered at this multiple of the live resolution (crisp on HiDPI screens).
STATIC_SCALE = 2


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
            def redraw(changes):
                image.value = self.render(**changes)
                self._refresh_saved_later()

            self._redraw = LatestRedraw(redraw, threaded=self._threaded)
            sliders = [_live_control(w, name, c) for name, c in self.controls.items()]
            for s, name in zip(sliders, self.controls):
                s.observe(lambda change, name=name: self._redraw.request(name, change["new"]), names="value")
            self._uid = uuid.uuid4().hex[:12]
            # While the panel is live it hides the saved picture printed above it (see _ipython_display_);
            # a <style> in an HTML widget applies to the page as long as the widget is shown.
            style = w.HTML(live_panel_css(self._uid), layout=w.Layout(display="none"))
            self._widget = w.VBox([w.HBox(sliders, layout=w.Layout(flex_flow="row wrap")), image, style])
            self._widget.add_class(f"lc-live-{self._uid}")
        return self._widget

    def _ipython_display_(self):
        """In a live kernel (not Colab, not a site build): two outputs, the current frame as a plain
        picture and then the live panel. While the panel is live it hides the picture; a notebook
        saved and reopened without a kernel (or whose widget state was not saved, JupyterLab's
        default) shows the picture and hides the panel's "model not found". The picture follows the
        sliders (updated a moment after the last move), so a saved notebook shows its last frame.
        Elsewhere: the one bundle of :meth:`_repr_mimebundle_`."""
        from IPython.display import display

        data, metadata = self._repr_mimebundle_()
        if WIDGET_VIEW not in data or not self._threaded or "google.colab" in sys.modules:
            display(data, metadata=metadata, raw=True)
            return
        data.pop("image/png")
        picture, picture_meta = self._saved_bundle(metadata.pop("image/png"))
        self._saved = display(picture, metadata=picture_meta, raw=True, display_id=True)
        display(data, metadata=metadata, raw=True)

    def _saved_bundle(self, meta=None):
        """The saved picture's output: ``image/png``, and the same picture in ``text/html`` with the
        rule that hides the panel's error when the panel is not live (:func:`saved_picture_html`)."""
        png = base64.b64encode(self._snapshot()).decode("ascii")
        width, height = (int(round(v)) for v in self.fig.get_size_inches() * self.fig.get_dpi())
        meta = meta or {"alt": self.alt, "width": width, "height": height}
        return ({"image/png": png, "text/html": saved_picture_html(png, self._uid, alt=self.alt, width=width),
                 "text/plain": f"<Explorer: {', '.join(self.controls)}>"}, {"image/png": meta})

    def _refresh_saved_later(self, delay: float = 0.8):
        """Update the saved picture ``delay`` seconds after the last move (one PNG per pause, not per frame)."""
        if getattr(self, "_saved", None) is None:
            return
        if getattr(self, "_saved_timer", None) is not None:
            self._saved_timer.cancel()
        self._saved_timer = threading.Timer(delay, self._refresh_saved)
        self._saved_timer.daemon = True
        self._saved_timer.start()

    def _refresh_saved(self):
        picture, meta = self._saved_bundle()
        self._saved.update(picture, metadata=meta, raw=True)

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
