"""Values for the fuzz suite (tests/test_fuzz.py), keyed by *parameter name*.

A :class:`Kind` says, for one kind of argument, which values must be rejected (``reject``:
a ``ValueError``/``TypeError`` naming the argument), which are odd but may be accepted
(``edge``: rejected by name, or a finite, sane result), a hypothesis strategy of valid
values over the whole range (``valid``: same contract as ``edge``), and a ``base`` value
that must work. :data:`PARAMS` maps parameter names to kinds, so any function whose
parameters use the package's standard names is fuzzed without further work.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from hypothesis import strategies as st

from lecturecode import games, methods
from lecturecode.methods import (alt_gda, extragradient, follow_the_ridge, negative_momentum, optimistic_gda,
                                 proximal_point, runge_kutta_flow, sim_gda, two_timescale_gda)

NAN, INF = float("nan"), float("inf")


class Junk:
    """An object no function of the package should accept."""

    def __repr__(self):
        return "<junk>"


JUNK = Junk()
OBJECTS = np.array([JUNK, JUNK], dtype=object)

#: Never a number: every numeric parameter must reject these (``None`` only when it is not the default).
NOT_NUMBERS = [None, True, False, np.bool_(True), "0.1", b"1", ["0.1", "0.2"], [True, False], 1j, [1j, 0.0],
               np.array([1 + 1j]), NAN, INF, -INF, [NAN], [0.0, INF], 10**400, -(10**400), [10**400, 1],
               OBJECTS, JUNK, {}, {"a": 1.0}, [[1.0], [2.0, 3.0]]]
#: Odd numbers: finite extremes, empty and wrong-shape arrays, NumPy scalars.
ODD_NUMBERS = [1e308, -1e308, 1.7976931348623157e308, 1e-308, 5e-324, -5e-324, 0, 0.0, -0.0, 1, -1.0,
               np.float32(0.5), np.int64(3), np.float64(2.0), np.array([]), np.zeros((2, 3, 4)), [0.1, 0.2],
               np.array([[0.5]]), 10**20]

ANY_FLOAT = st.floats(allow_nan=False, allow_infinity=False)
POS_FLOAT = st.floats(min_value=0.0, exclude_min=True, allow_infinity=False)


class Kind(NamedTuple):
    base: Any
    reject: list
    edge: list
    valid: Any            # a hypothesis strategy


_NOTHING = st.nothing()


def _kind(base, reject=(), edge=(), valid=_NOTHING, *, numbers=True):
    reject = (NOT_NUMBERS if numbers else []) + list(reject)
    edge = (ODD_NUMBERS if numbers else []) + list(edge)
    return Kind(base, reject, edge, valid)


POSITIVE = _kind(0.1, [0.0, -1.0, -1e-308, -1e308], valid=POS_FLOAT)
REAL = _kind(1.0, valid=ANY_FLOAT)
MOMENTUM = _kind(-0.3, [1.0, -1.0, 2.0, -1e308], valid=st.floats(-1.0, 1.0, exclude_min=True, exclude_max=True))
UNIT = _kind(1e-6, [0.0, -1.0, 1e308], valid=st.floats(0.0, 1.0, exclude_min=True))


def count(base, high=50, low=0):
    """An integer parameter; the fuzz draws valid values in ``[low, high]``."""
    return Kind(base, [None, True, False, 1.5, 3.0, np.float64(3.0), "3", [3], 1j, 10**400, 10**12, -1, -(10**400),
                       JUNK, OBJECTS],
                [0, 1, 2, np.int64(3), np.int32(5), 10**6, 10**6 + 1], st.integers(low, high))


_POINT_BAD = ["ab", ["0.1", "0.2"], [True, False], [1j, 0.0], [NAN, 0.0], [INF, 0.0], [0.0, -INF], [10**400, 0.0],
              [], np.zeros((0, 2)), np.zeros((3, 0)), 0.5, [0.1, 0.2, 0.3], [[0.1], [0.2]], OBJECTS, JUNK, {}, True]
_POINT_ODD = [[[0.1, 0.2], [0.3, 0.4]], np.zeros((2, 2, 2)), [1e308, 1e308], [-1e308, 1e308], [5e-324, 1e-308],
              [1e154, 1e154], [0, 1], np.array([0.5, 0.5], dtype=np.float32)]
POINT = Kind([0.5, 0.5], [None] + _POINT_BAD, _POINT_ODD, st.lists(ANY_FLOAT, min_size=2, max_size=2))


def _games():
    return [games.bilinear(1.0), games.quadratic_2d(1.0, 10.0, 1.0), games.matching_pennies(),
            games.prisoners_dilemma(), games.double_well_game(), games.linear_game([[0.0, 1.0], [-1.0, 0.0]]),
            games.solution_concept_examples()["−3x² − y² + 4xy"], games.quadratic_2d(1e-300, 1e290, 1e-300),
            games.quadratic_2d(1e290, 1e-300, 1e290),
            games.minimax_game(lambda z: z[..., 0] * z[..., 1], 1, 1, vectorized=True)]


GAMES = _games()
GAME = Kind(GAMES[0], [None, JUNK, 1.0, "bilinear", sim_gda(0.1), games.quadratic_2d, {}, [GAMES[0]], OBJECTS], [],
            st.sampled_from(GAMES))

METHODS = [sim_gda(0.1), alt_gda(0.1), extragradient(0.1), optimistic_gda(0.1), proximal_point(0.5),
           negative_momentum(0.1, -0.3), methods.alt_negative_momentum(0.1, -0.3), follow_the_ridge(0.05),
           two_timescale_gda(0.1, 2.0), runge_kutta_flow(0.1), alt_gda(1e300), sim_gda(1e-300), proximal_point(1e300),
           alt_gda([0.1, 1e300]), extragradient([1e-300, 1e300]), negative_momentum(1e300, 0.999999)]
METHOD = Kind(METHODS[0], [None, JUNK, "Sim-GDA", GAMES[0], sim_gda, (1, 2), OBJECTS], [], st.sampled_from(METHODS))

FACTORIES = [sim_gda, alt_gda, extragradient, optimistic_gda, proximal_point, follow_the_ridge]


def _returns_junk(*args, **kwargs):
    return JUNK


def _raises_key_error(*args, **kwargs):
    raise KeyError("a user factory that fails")


# a factory returning junk is caught where it is called (tune) or when a view first draws
FACTORY = Kind(sim_gda, [None, JUNK, 1.0, "sim_gda", sim_gda(0.1)], [_returns_junk],
               st.sampled_from(FACTORIES))
GAME_FACTORY = Kind(games.quadratic_2d, [None, JUNK, 1.0, "quadratic_2d", GAMES[0]], [_returns_junk],
                    st.sampled_from([games.quadratic_2d]))
TEXT = Kind("label", [1, 1.5, b"x", JUNK, ["a"], True, OBJECTS], ["", "x" * 10_000, "{}", "$\\alpha$", "\x00"],
            st.text(max_size=30))
FLAG = Kind(True, ["no", "yes", "False", 1, 0, 1.0, JUNK, None, [True], OBJECTS], [np.bool_(False)], st.booleans())
AX = Kind(None, [JUNK, 1, "ax", OBJECTS, True], [], st.just(None))
SEED = Kind(0, [None, 1.5, "1", True, -1, 10**400, JUNK, [1], OBJECTS, np.float64(1.0)],
            [2**64, 2**127, np.int64(5), np.random.default_rng(0)], st.integers(0, 2**128 - 1))
_MATRIX_BAD = [None, "x", [["1"]], [[True]], [[1j]], [[NAN]], [[INF]], [], np.zeros((0, 0)), np.zeros((2, 3, 4)),
               np.zeros((2, 3)), [[10**400]], OBJECTS, JUNK, {}]
MATRIX = Kind([[1.0]], _MATRIX_BAD, [[[1e308]], [[-1e308]], [[1e-308]], 2.0, [[5e-324]], np.eye(3)],
              st.lists(ANY_FLOAT, min_size=1, max_size=1).map(lambda v: [v]))
#: with the base H = [[1.0]] (one player): its loss Hessian must be [[[1.0]]] (own rows are H's)
LOSS_HESSIANS = Kind([[[1.0]]], _MATRIX_BAD + [[[[2.0]]], np.ones((2, 1, 1)), [[1.0]], [[[1.0, 0.0]]]],
                     [np.ones((3, 1, 1, 1))], st.just([[[1.0]]]))
DIMS = Kind((1, 1), ["ab", 1, None, [0, 2], [-1, 3], [1.5, 0.5], [True, True], [10**400], JUNK, [], OBJECTS,
                     [None, 2]], [(2,), np.array([1, 1]), (1, 1, 1)], st.just((1, 1)))
POSITIVE_ARRAY = Kind([1.0, 10.0, 100.0], NOT_NUMBERS + [[0.0, 1.0], [-1.0, 2.0], [], np.zeros((0,))],
                      [[1e308, 1e-308], [5e-324, 1.0], np.zeros((2, 3, 4)) + 1, [2.0]],
                      st.lists(POS_FLOAT, min_size=2, max_size=6))
RATE = Kind(0.5, NOT_NUMBERS + [-1.0, [-0.5]], ODD_NUMBERS, st.floats(0.0, 1e308))
DISTANCES = Kind(np.geomspace(1.0, 1e-3, 20), NOT_NUMBERS + [[0.0, 1.0]],
                 [np.array([1.0, NAN, NAN]), np.array([1.0, INF]), np.zeros(20), np.zeros((20, 3, 0)),
                  np.array([1e-308, 1e308]), np.array([[1.0, 2.0], [3.0, 4.0]])],
                 st.lists(st.floats(0.0, 1e308), min_size=2, max_size=20))
KAPPAS = Kind([2.0, 4.0], NOT_NUMBERS + [[0.5, 2.0], [2.0], [], [[2.0, 3.0]]], [[1.0, 1.0], [1.0, 1e6]],
              st.lists(st.floats(1.0, 100.0), min_size=2, max_size=3))
SPACE = Kind({"eta": "auto"}, [None, "auto", {}, {"eta": "fast"}, {"eta": (1.0,)}, {"eta": (NAN, 1.0)},
                               {"eta": (1.0, 0.1)}, {"eta": JUNK}, {1: "auto"}, {"eta": _returns_junk},
                               {"eta": (0.1, "1")}, {"eta": True}, JUNK, [("eta", "auto")], {"eta": (0.0, 0.0)},
                               {"eta": (0.1, 10**400)}, {"nope": 0.1, "eta": "auto"}],
              [{"eta": (1e-300, 1e300)}, {"eta": (-1.0, 1.0)}, {"eta": (0.01, 1.0)}, {"eta": 0.1}],
              st.sampled_from([{"eta": "auto"}, {"eta": (0.01, 1.0)}]))
ETA_RANGE = Kind(None, ["x", (1.0,), (1.0, 2.0, 3.0), 0.1, (NAN, 1.0), (2.0, 1.0), (-1.0, 1.0), JUNK, (True, 1.0),
                        ("0.1", "1"), (1j, 1.0), OBJECTS], [(1e-300, 1e300), (5e-324, 1.0)],
                 st.just((0.01, 1.0)))
FAMILY = Kind(None, [JUNK, 1.0, "worst", _returns_junk, GAMES[0]], [], st.just(None))
TRAJECTORIES = Kind((), [JUNK, 1.0, "x", {"a": JUNK}, [JUNK], {"a": "x"}, {"a": np.zeros((3, 3, 4))},
                         {"a": np.zeros((0, 2))}, {"a": [[1j, 0.0]]}, {1: np.zeros((3, 2))}, {"a": OBJECTS},
                         {"a": np.zeros(5)}],
                    [{"a": np.array([[0.0, 0.0], [NAN, NAN]])}, {"a": np.full((3, 2), 1e308)}, {},
                     {"a": np.zeros((3, 2))}],
                    st.just(()))
CURVES = Kind({"a": [1.0, 0.5, 0.25]},
              [JUNK, 1.0, "x", None, {"a": JUNK}, {"a": "x"}, {"a": [[1.0, 2.0]]}, {"a": np.zeros((2, 2, 2))},
               {"a": [1j, 1.0]}, {1: [1.0, 2.0]}, {"a": OBJECTS}, {"a": []}, {"a": [True, False]}, {"a": 1.0},
               [JUNK]],
              [{"a": [NAN, NAN]}, {"a": [INF, INF]}, {"a": [0.0, 0.0]}, {"a": [-1.0, 1.0]}, {},
               {"a": [1e308, 1e-308]}, {"a": [5e-324]}],
              st.dictionaries(st.text(max_size=5), st.lists(st.floats(0.0, 1e308), min_size=1, max_size=5),
                              max_size=2))
CONTROL = Kind(None, [JUNK, 1.0, "x", None, {}], [], st.nothing())


#: Parameter name -> kind. A new function with these names is fuzzed automatically.
PARAMS: dict[str, Kind] = {
    # step sizes, constants, tolerances
    "eta": POSITIVE, "h": POSITIVE, "ratio": POSITIVE, "mu": POSITIVE, "L": POSITIVE, "t_end": POSITIVE,
    "lim": POSITIVE, "max_norm": POSITIVE, "eig_lim": POSITIVE, "lw": POSITIVE, "dpi": POSITIVE,
    "step": POSITIVE, "lr": POSITIVE, "eta_x": POSITIVE, "eta_y": POSITIVE, "lookahead": POSITIVE,
    "alpha": POSITIVE, "gamma": POSITIVE, "delta": POSITIVE, "lam": POSITIVE, "temperature": POSITIVE,
    "beta": MOMENTUM,
    "a": REAL, "b": REAL, "c": REAL, "low": REAL, "high": REAL, "min": REAL, "max": REAL, "value": REAL,
    "eps": UNIT, "tol": UNIT,
    # points
    "z0": POINT, "z": POINT, "z_star": POINT, "center": POINT, "start_offset": POINT, "point": POINT,
    # counts
    "n_steps": count(5, 40), "n_grid": count(5, 40, low=2), "n_blocks": count(2, 40, low=2),
    "n_x": count(1, 6, low=1), "n_y": count(1, 6, low=1), "max_iter": count(5, 50, low=1),
    "start": count(0, 5), "stop": count(10, 19), "static": count(3, 10, low=1), "n": count(2, 20, low=1),
    "n_players": count(2, 4, low=1), "n_rounds": count(3, 20, low=1), "n_samples": count(10, 50, low=1),
    "batch_size": count(4, 16, low=1), "n_iter": count(5, 50, low=1), "n_seeds": count(2, 8, low=1),
    # objects
    "game": GAME, "method": METHOD, "make_method": FACTORY, "make": FACTORY, "make_game": GAME_FACTORY,
    "name": TEXT, "label": TEXT, "alt": TEXT, "title": TEXT, "xlabel": TEXT, "ylabel": TEXT,
    "log": FLAG, "zero_sum": FLAG, "vectorized": FLAG, "show_field": FLAG, "unit_circle": FLAG,
    "ax": AX, "seed": SEED, "rng": SEED,
    "A": MATRIX, "B": MATRIX, "C": MATRIX, "H": MATRIX, "M": MATRIX, "payoffs": MATRIX,
    "loss_hessians": LOSS_HESSIANS, "dims": DIMS, "kappas": KAPPAS, "rate": RATE,
    "x": POSITIVE_ARRAY, "y": POSITIVE_ARRAY,
    "etas": POSITIVE_ARRAY, "distances": DISTANCES, "space": SPACE, "eta_range": ETA_RANGE, "family": FAMILY,
    "trajectories": TRAJECTORIES, "curves": CURVES, "predicted": CURVES, "rates": CURVES,
}


def kind_of(name: str, default) -> Kind | None:
    """The kind of a parameter by its name; a ``None`` default makes ``None`` a valid value."""
    kind = PARAMS.get(name)
    if kind is not None and default is None:
        kind = kind._replace(reject=[v for v in kind.reject if v is not None], edge=kind.edge + [None])
    return kind
