"""What an explorer needs of a view (the :class:`View` protocol), and the lookup that makes a
redraw a dictionary lookup plus drawing (:class:`LookupView`).

A view is split in two: ``_compute(**params)`` checks the parameters (once: this is the boundary
the user calls) and computes everything a frame shows, as plain numbers; ``_draw(frame)`` moves the
artists. :class:`LookupView` caches the frames by their parameters, and ``prepare(grid)`` computes
the frames of a whole slider grid at once when the explorer is built (a view whose runs batch, the
LOLA explorer, does them in one call), so moving a slider onto a pre-computed value redraws
without computing. A rejected value raises before any artist moves.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Protocol, runtime_checkable

__all__ = ["View", "Precomputes", "LookupView", "FunctionView"]


@runtime_checkable
class View(Protocol):
    """What :class:`~lecturecode.widgets.Explorer` uses of a view.

    Attributes
    ----------
    artists : list
        The artists a redraw moves, in drawing order (the explorer draws the rest once and blits
        these); empty: every redraw draws the whole figure.
    panels : int
        How many equal panels side by side the figure is (the website stacks them on a phone).
    """

    artists: list
    panels: int

    def __call__(self, **params) -> Any:
        """Redraw for ``params``; returns what the view reports (a spectral radius, a run...)."""


@runtime_checkable
class Precomputes(Protocol):
    """A view that can compute the frames of many parameter settings ahead (see :class:`LookupView`)."""

    def prepare(self, grid) -> None:
        """Compute (and keep) the frames of every ``{name: value}`` setting in ``grid``."""


def _key(params: dict):
    """The cache key of ``params``, or ``None`` when a value cannot be one (a list: not kept)."""
    key = tuple(sorted((k, v, isinstance(v, bool)) for k, v in params.items()))
    try:
        hash(key)
    except TypeError:
        return None
    return key


class LookupView:
    """Base of the views: ``view(**params)`` is ``_draw(frame)`` of the frame for ``params``,
    computed once and kept (the ``cache_size`` most recent settings).

    Subclasses define ``_compute(**params) -> frame`` (which checks ``params``) and
    ``_draw(frame)``; a subclass whose runs batch overrides ``_compute_many``.

    Examples
    --------
    >>> class Square(LookupView):
    ...     def _compute(self, *, x):
    ...         print("computing", x)
    ...         return x * x
    ...     def _draw(self, frame):
    ...         return frame
    >>> view = Square()
    >>> view.prepare([dict(x=2), dict(x=3)])
    computing 2
    computing 3
    >>> view(x=3), view(x=2)                      # lookups: nothing is computed again
    (9, 4)
    """

    artists: list = []
    panels: int = 1
    cache_size: int = 512

    def _compute(self, **params):                                    # pragma: no cover - abstract
        raise NotImplementedError

    def _draw(self, frame):                                          # pragma: no cover - abstract
        raise NotImplementedError

    def _compute_many(self, grid: list) -> list:
        """The frames of every setting in ``grid``: a frame, or the ``ValueError``/``TypeError``
        that setting raises (kept for its own redraw to raise)."""
        out = []
        for params in grid:
            try:
                out.append(self._compute(**params))
            except (ValueError, TypeError) as err:
                out.append(err)
        return out

    def _cache(self) -> OrderedDict:
        if "_frames" not in self.__dict__:
            self._frames = OrderedDict()
        return self._frames

    def _keep(self, key, frame):
        cache = self._cache()
        cache[key] = frame
        cache.move_to_end(key)
        while len(cache) > self.cache_size:
            cache.popitem(last=False)

    def prepare(self, grid) -> None:
        """Compute the frames of every setting in ``grid`` not yet kept (settings that raise are
        not kept: their redraw raises)."""
        if isinstance(grid, (str, bytes, dict)) or not hasattr(grid, "__iter__"):
            raise TypeError(f"grid must be an iterable of {{name: value}} dicts, got {grid!r}")
        grid = list(grid)
        if not all(isinstance(params, dict) and all(isinstance(k, str) for k in params) for params in grid):
            raise TypeError(f"grid must hold {{name: value}} dicts with str names, got {grid!r}")
        cache = self._cache()
        todo = [params for params in grid if _key(params) is not None and _key(params) not in cache]
        for params, frame in zip(todo, self._compute_many(todo) if todo else []):
            if not isinstance(frame, Exception):
                self._keep(_key(params), frame)

    def _frame(self, **params):
        """The frame for ``params`` (looked up, else computed and kept)."""
        key = _key(params)
        if key is None:
            return self._compute(**params)
        cache = self._cache()
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
        frame = self._compute(**params)
        self._keep(key, frame)
        return frame

    def __call__(self, **params) -> Any:
        return self._draw(self._frame(**params))


class FunctionView:
    """A plain ``update(**params)`` callable seen as a :class:`View` (no artists: full redraws).

    Examples
    --------
    >>> isinstance(FunctionView(print), View)
    True
    """

    artists: list = []
    panels: int = 1

    def __init__(self, update):
        if not callable(update):
            raise TypeError(f"update must be a callable update(**params), got {update!r}")
        self.update = update

    def __call__(self, **params) -> Any:
        return self.update(**params)
