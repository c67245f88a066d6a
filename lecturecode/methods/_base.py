r"""The method contract: an algorithm is a :class:`Method`, a pair of pure functions built by a
factory that closes over its hyper-parameters (the optax pattern).

* ``init(game, z) -> state`` and ``step(game, z, state) -> (z_next, state_next)``.
* ``state`` is a tuple, a NamedTuple (``MomentumState(z_prev, inner)``), or a nest of them,
  whose leaves are arrays shaped like ``z``. :func:`tree_map`, :func:`tree_leaves` and
  :func:`tree_unflatten` are the one place that walks a state; they rebuild every
  NamedTuple with its own type, so ``state.z_prev`` keeps working after a simulation masks
  a diverged batch entry or the analysis feeds the step basis vectors.
* Hyper-parameters may be arrays: they broadcast against the batch axes ``z.shape[:-1]``,
  so one call sweeps many step sizes at once.

One definition of each update rule thus serves the simulation
(:func:`lecturecode.simulate`), the linear-operator analysis
(:func:`lecturecode.analysis.update_matrix`), the tuner and the comparison tables.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable, NamedTuple

import numpy as np

from ..games._base import Game

__all__ = ["Method", "Info", "tree_leaves", "tree_map", "tree_unflatten", "scale", "no_state",
           "check_nothing", "per_player", "HYPER_SYMBOLS", "hyper_symbol", "format_hyper"]

#: How hyper-parameter names are written in labels and tables.
HYPER_SYMBOLS = {"eta": "η", "beta": "β", "gamma": "γ", "delta": "δ", "lookahead": "η′", "ratio": "r",
                 "alpha": "α", "lam": "λ"}


def hyper_symbol(name: str) -> str:
    """How the hyper-parameter ``name`` is written (:data:`HYPER_SYMBOLS`; other names as they are).

    >>> hyper_symbol("lookahead"), hyper_symbol("h")
    ('η′', 'h')
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str (a hyper-parameter's name), got {name!r}")
    return HYPER_SYMBOLS.get(name, name)


def format_hyper(hyper: dict, *, sep: str = " = ", spec: str = ".3g") -> str:
    """The one formatter of hyper-parameters for labels and tables: ``"η = 0.1, β = -0.5"``.

    Every value is a number (or a 0-d array) written with the format ``spec``; ``sep`` goes
    between a symbol and its value.

    Examples
    --------
    >>> format_hyper({"eta": 0.0099, "delta": 0.5})
    'η = 0.0099, δ = 0.5'
    >>> format_hyper({"eta": 0.1, "lookahead": 2.0}, sep="=")
    'η=0.1, η′=2'
    """
    if not isinstance(hyper, dict) or not all(isinstance(k, str) for k in hyper):
        raise TypeError(f"hyper must be a dict {{name: number}}, got {hyper!r}")
    if not isinstance(sep, str) or not isinstance(spec, str):
        raise TypeError(f"sep and spec must be str, got {sep!r} and {spec!r}")
    values = {}
    for k, v in hyper.items():
        value = np.asarray(v).item() if np.ndim(v) == 0 and not isinstance(v, (str, bytes)) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"hyper[{k!r}] must be a real number, got {v!r}")
        values[k] = value
    try:
        return ", ".join(f"{hyper_symbol(k)}{sep}{format(v, spec)}" for k, v in values.items())
    except ValueError as err:
        raise ValueError(f"spec must be a format spec for numbers (e.g. '.3g'), got {spec!r}: {err}") from None


class Info(NamedTuple):
    """Machine-readable facts about a method (they drive the book's comparison tables).

    Attributes
    ----------
    evaluations : float or None
        Vector-field evaluations per step, in units of one full :math:`F(z)`: each
        player's own gradient computed once counts 1 (so Alt-GDA, which evaluates player
        :math:`i`'s block at the point updated by the players before it, counts 1).
        ``None`` for an implicit method (one linear solve or inner solver per step).
    jacobian_evaluations : int
        Jacobians :math:`J(z)` per step (second-order methods).
    memory : int
        Arrays shaped like ``z`` that the state keeps.
    order : str
        ``"simultaneous"``, ``"alternating"`` or ``"implicit"``.
    requires : tuple of str
        What the method needs of a game: ``"F"``, ``"J"``, ``"losses"``, ``"loss_gradients"``.
    linear : bool
        Whether the update is linear in ``(z, state)`` on a linear game, so that
        :func:`~lecturecode.analysis.update_matrix` describes it (``False`` for SOS, whose
        shaping weight depends on the point).
    h_function : bool
        Whether, on a quadratic game, the update operator is a function of the game Hessian
        :math:`H` alone (a polynomial or rational function of it, as for Sim-GDA, EG, OGDA,
        momentum and proximal point), so that its spectral radius depends only on the
        eigenvalues of :math:`H` and :func:`~lecturecode.games.worst_case_game` is its worst
        case over a (μ, L) class. ``False`` for updates that treat the players
        differently (alternating or two-timescale updates, per-player compositions,
        opponent shaping).
    """

    evaluations: float | None
    jacobian_evaluations: int
    memory: int
    order: str
    requires: tuple
    linear: bool = True
    h_function: bool = False


def check_nothing(game) -> None:
    """The default ``Method.check``: the method runs on every game."""


class Method(NamedTuple):
    """An iterative game dynamics.

    Attributes
    ----------
    name : str
        Label for plots, e.g. ``"Sim-GDA"``.
    init : callable
        ``init(game, z) -> state``: the method's memory before the first step.
    step : callable
        ``step(game, z, state) -> (z_next, state_next)``; pure and vectorised over
        the leading axes of ``z``.
    hyper : dict
        The hyper-parameters the factory closed over (as arrays).
    info : Info
        Machine-readable facts: evaluations per step, memory, update order, requirements.
    check : callable
        ``check(game)`` raises ``ValueError`` if the method cannot run on ``game``; called
        once where a run starts, never inside ``step``.
    """

    name: str
    init: Callable
    step: Callable
    hyper: dict
    info: Info
    check: Callable = check_nothing

    @property
    def label(self) -> str:
        """Name with hyper-parameters, for legends: ``'Sim-GDA (η=0.01)'``."""
        parts = format_hyper({k: v for k, v in self.hyper.items() if np.ndim(v) == 0}, sep="=")
        return f"{self.name} ({parts})" if parts else self.name


# --- the one place that walks a state ------------------------------------------------------

def _is_node(s) -> bool:
    return isinstance(s, tuple)


def _rebuild(node, children):
    return type(node)(*children) if hasattr(node, "_fields") else tuple(children)


def tree_leaves(state) -> list:
    """The arrays of a state, depth first.

    Examples
    --------
    >>> class S(NamedTuple):
    ...     a: object
    ...     b: object
    >>> tree_leaves(S(1, (2, 3)))
    [1, 2, 3]
    """
    if _is_node(state):
        return [leaf for child in state for leaf in tree_leaves(child)]
    return [state]


def tree_map(fn, state, *others) -> Any:
    """Apply ``fn`` leaf by leaf (to ``state`` and the matching leaves of ``others``), keeping
    every tuple and NamedTuple type.

    Examples
    --------
    >>> class S(NamedTuple):
    ...     z_prev: object
    >>> tree_map(lambda v: 2 * v, S(np.ones(2)))
    S(z_prev=array([2., 2.]))
    """
    if not callable(fn):
        raise TypeError(f"fn must be callable (applied leaf by leaf), got {fn!r}")
    return _tree_map(fn, state, *others)


def _tree_map(fn, state, *others):
    if _is_node(state):
        return _rebuild(state, [_tree_map(fn, *parts) for parts in zip(state, *others)])
    return fn(state, *others)


def tree_unflatten(template, leaves) -> Any:
    """The inverse of :func:`tree_leaves`: ``leaves`` put back into the structure of ``template``."""
    if isinstance(leaves, (str, bytes)) or not hasattr(leaves, "__len__"):
        raise TypeError(f"leaves must be a sequence of arrays, got {leaves!r}")
    if len(leaves) != len(tree_leaves(template)):
        raise ValueError(f"leaves must hold one array per leaf of template ({len(tree_leaves(template))}), "
                         f"got {len(leaves)}")
    leaves = iter(leaves)
    return _tree_map(lambda _: next(leaves), template)


# --- small pieces the factories share -------------------------------------------------------

def scale(coefficient, v) -> np.ndarray:
    """``coefficient * v`` with an array ``coefficient`` broadcast over the batch axes of ``v``."""
    return coefficient[..., None] * v


def no_state(game, z) -> tuple:
    """``init`` of a memory-less method: the empty state."""
    return ()


def validates(**checks: Callable) -> Callable:
    """Decorator of a method factory: check the named arguments (``check(value, name)`` returns
    the checked value) before the body runs, and keep the body as ``factory.unchecked``.

    The factory is the boundary a user calls, so it checks once; a caller that has already checked
    the values (a view that validated its sliders, a factory built on another) calls
    ``factory.unchecked`` with them, so no value is validated twice on the way to a step.

    Examples
    --------
    >>> from lecturecode.validation import as_step_size
    >>> @validates(eta=as_step_size)
    ... def half(eta):
    ...     return float(eta) / 2
    >>> half(0.5), half.unchecked(np.asarray(0.5))
    (0.25, 0.25)
    >>> half(-1.0)
    Traceback (most recent call last):
    ...
    ValueError: eta must lie in (0, inf), got -1.0
    """
    def wrap(body: Callable) -> Callable:
        signature = inspect.signature(body)
        unknown = set(checks) - set(signature.parameters)
        if unknown:
            raise TypeError(f"validates: {body.__name__} has no parameter(s) {sorted(unknown)}")

        @functools.wraps(body)
        def factory(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            for name, check in checks.items():
                bound.arguments[name] = check(bound.arguments[name], name)
            return body(*bound.args, **bound.kwargs)

        factory.unchecked = body
        return factory
    return wrap


def per_player(*methods, name: str | None = None) -> Method:
    r"""Player :math:`i` takes its block of the update from ``methods[i]``.

    Each method runs its own ``step`` on the joint iterate (and keeps its own state); the
    result keeps player :math:`i`'s coordinates from method :math:`i`:

    .. math::

        z_i^{(k+1)} = \big[\mathrm{step}_i(z^{(k)})\big]_i .

    So LOLA against a naive learner is ``per_player(lola(...), sim_gda(...))``, and
    separate learning rates are ``per_player(sim_gda(eta_x), sim_gda(eta_y))``.

    Examples
    --------
    >>> from lecturecode.games import bilinear
    >>> from lecturecode.methods import sim_gda
    >>> m = per_player(sim_gda(0.1), sim_gda(0.2))
    >>> m.step(bilinear(1.0), np.array([1.0, 1.0]), m.init(None, None))[0]
    array([0.9, 1.2])
    """
    if not methods:
        raise ValueError("per_player needs one method per player")
    for i, m in enumerate(methods):
        if not isinstance(m, Method):
            raise TypeError(f"methods[{i}] must be a lecturecode Method, got {m!r}")
    if name is None:
        name = " | ".join(m.name for m in methods)
    elif not isinstance(name, str):
        raise TypeError(f"name must be a string, got {name!r}")

    def init(game, z):
        return tuple(m.init(game, z) for m in methods)

    def step(game, z, state):
        outs = [m.step(game, z, s) for m, s in zip(methods, state)]
        parts = np.broadcast_arrays(*(out[0] for out in outs))
        blocks = game.player_blocks
        return np.concatenate([p[..., b] for p, b in zip(parts, blocks)], axis=-1), tuple(o[1] for o in outs)

    def check(game):
        if not isinstance(game, Game):
            raise TypeError(f"game must be a lecturecode Game, got {game!r}")
        if game.n_players != len(methods):
            raise ValueError(f"per_player was given {len(methods)} methods for a game with "
                             f"{game.n_players} players ({game.name})")
        for m in methods:
            m.check(game)

    hyper = {}
    for i, m in enumerate(methods):
        hyper.update({f"{k}_{i + 1}": v for k, v in m.hyper.items()})
    infos = [m.info for m in methods]
    # every member runs its whole step (it needs the joint iterate), so the costs add up
    evaluations = None if any(i.evaluations is None for i in infos) else sum(i.evaluations for i in infos)
    info = Info(evaluations, sum(i.jacobian_evaluations for i in infos), sum(i.memory for i in infos),
                "per player", tuple(sorted(set().union(*(i.requires for i in infos)))),
                all(i.linear for i in infos))
    return Method(name, init, step, hyper, info, check)
