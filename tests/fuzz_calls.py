"""The explicit part of the fuzz table: base values for callables whose parameters the
name table (tests/fuzz_values.py) cannot supply, per-call kinds, and the allow-list.

One line per callable; see the docstring of tests/test_fuzz.py for how to add one.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import autograd.numpy as anp
import numpy as np
from hypothesis import strategies as st
from matplotlib.figure import Figure

import lecturecode
from fuzz_values import (GAMES, JUNK, MATRIX, NOT_NUMBERS, OBJECTS, POINT, POSITIVE, REAL, TEXT, UNIT, Kind, count,
                         kind_of)
from lecturecode import analysis, games, methods

class Fresh(NamedTuple):
    """A base value built anew for every call (figures, axes, views)."""

    make: Callable


class Call(NamedTuple):
    """How to call one public callable: base values for parameters the name table cannot
    supply, per-call kind overrides, and the object a method is called on."""

    kwargs: dict = {}
    args: tuple = ()                 # for ``*args`` callables
    instance: Callable | None = None  # builds the object whose method is fuzzed
    kinds: dict = {}                 # parameter name -> Kind, overriding fuzz_values.PARAMS
    skip: tuple = ()                 # parameters not fuzzed here (documented where used)
    aliases: dict = {}               # parameter name -> other words its error message may use
    examples: int = 40               # hypothesis examples of valid values
    inf_ok: bool = False             # the result may be +-inf (documented, e.g. iterations at rate >= 1)
    flagged: bool = False            # the result is (values, ok flags): NaN allowed only where a flag is False


def _ax():
    return Figure().add_subplot()


def _ax3d():
    return Figure().add_subplot(projection="3d")


def _dyn_view():
    return lecturecode.views.DynamicsView(Figure(), games.quadratic_2d, methods.sim_gda, z0=[1.0, 1.0], n_steps=20)


def _explorer():
    w = lecturecode.widgets
    return w.explore_dynamics(games.bilinear, methods.alt_gda, z0=[1.0, 0.5], n_steps=20,
                              eta=w.slider(0.01, 0.2, value=0.1, static=2), b=w.slider(1.0, 5.0, value=2.0, static=1))


def _law():
    return analysis.IterationLaw(np.array([2.0, 4.0]), {"eta": np.array([0.1, 0.05])}, np.array([0.5, 0.7]),
                                 np.array([20.0, 40.0]), 1.0, ((), ()))


def _view_factory(fig):
    return lecturecode.views.DynamicsView(fig, games.bilinear, methods.sim_gda, z0=[1.0, 0.0], n_steps=10)


CALLABLE = Kind(None, [JUNK, 1.0, "f", OBJECTS, True], [], st.nothing())
COMPLEX_MATRIX = MATRIX._replace(reject=[v for v in MATRIX.reject if not np.iscomplexobj(np.asarray(v, dtype=object)
                                                                                          .tolist())],
                                 edge=MATRIX.edge + [[[1j]], [[1e308 + 1e308j]]])
COMPLEX_MATRIX = COMPLEX_MATRIX._replace(reject=[v for v in COMPLEX_MATRIX.reject if not (
    isinstance(v, list) and v and isinstance(v[0], list) and v[0] and isinstance(v[0][0], complex))]
    + [[[complex("nan+1j")]], [[complex("inf")]]])
EIGENVALUES = Kind([0.5 + 0.5j, 0.1], NOT_NUMBERS[:6] + [np.nan, [np.nan + 1j], OBJECTS, JUNK, {}],
                   [[1e308 + 1e308j], [], np.zeros((2, 3, 4))], st.lists(st.complex_numbers(allow_nan=False,
                                                                                               allow_infinity=False),
                                                                          max_size=4))
EIG_DICT = Kind({"a": [0.5 + 0.5j]}, [JUNK, 1.0, "x", None, {"a": JUNK}, {"a": "x"}, {"a": [np.nan]},
                                      {"a": OBJECTS}, {1: [1.0]}, [JUNK]],
                [{}, {"a": []}, {"a": [1e300 + 1e300j]}, {"a": [1e308 + 1e308j]},
                 {"a": np.zeros((3, 2), dtype=complex)}], st.just({}))
FIG = Kind(Fresh(Figure), [None, JUNK, 1.0, "fig", OBJECTS], [], st.nothing())
AXES = Kind(Fresh(_ax), [None, JUNK, 1.0, "ax", OBJECTS, Figure()], [], st.nothing())
AXES3D = Kind(None, [JUNK, 1.0, "ax", OBJECTS, Fresh(_ax)], [], st.just(None))
FIGSIZE = Kind((4.0, 3.0), NOT_NUMBERS + [(0.0, 1.0), (-1.0, 2.0), (1.0,), (1.0, 2.0, 3.0), (1e308, 1e308)],
               [(1e-308, 1e-308), (0.5, 0.5)], st.tuples(st.floats(0.5, 12.0), st.floats(0.5, 8.0)))
PATH = Kind(np.zeros((3, 2)), ["x", None, JUNK, OBJECTS, [[1j, 0.0]], np.zeros(3), np.zeros((3, 3)), [[True, False]],
                               [["0", "1"]]],
            [np.array([[0.0, 0.0], [np.nan, np.nan]]), np.array([[np.inf, 0.0]]), np.full((2, 2), 1e308)],
            st.just(np.zeros((3, 2))))
GRID_ARRAY = Kind(np.zeros((3, 3)), ["x", None, JUNK, OBJECTS, [[1j]], np.array([[np.nan]]), [], [[True]]],
                  [np.zeros((2, 2)), np.full((3, 3), 1e308)], st.just(np.zeros((3, 3))))
LABELS = Kind(("x", "y", "z"), ["xyz", ["x"], [1, 2, 3], None, JUNK, ("a", "b", "c", "d")], [],
              st.just(("x", "y", "z")))
PAIR = Kind(None, NOT_NUMBERS[1:] + [(1.0,), (1.0, 2.0, 3.0), (np.nan, 1.0)], [(1e308, 1e-308)],
            st.tuples(st.floats(0.0, 10.0), st.floats(0.0, 2.0)))
NAMES = Kind(None, ["Sim-GDA", [1], ["nope"], JUNK, [None], 1.0, OBJECTS, [["EG"]]], [[], ["EG", "EG"]],
             st.just(["Sim-GDA"]))
SPACES = Kind(None, [JUNK, "x", {"nope": {"eta": "auto"}}, {"Sim-GDA": JUNK}, {"Sim-GDA": {}}, [1]],
              [{"Sim-GDA": {"eta": (0.01, 1.0)}}], st.just(None))
LAWS = Kind({"a": Fresh(_law)}, [JUNK, 1.0, "x", {"a": JUNK}, {"a": 1.0}, [JUNK], None], [{}], st.just({}))
CASES = Kind(Fresh(lecturecode.solution_concepts.inspector_cases),
             [{}, JUNK, None, {"a": 1}, {"a": (JUNK, [0.0, 0.0])}, {"a": (GAMES[0], "x")}, {1: (GAMES[0], [0, 0])},
              {"a": (GAMES[0], [0.0, 0.0], 3)}, [(GAMES[0], [0.0, 0.0])]], [], st.nothing())
STATE = Kind((), [], [JUNK, None, 1.0, (1, (2, 3))], st.just(()))
POINT3 = POINT._replace(base=[1.0, 1.0, 1.0],
                        reject=[v for v in POINT.reject if not (isinstance(v, list) and len(v) == 3)]
                        + [[0.5, 0.5]], edge=[[1e308, 1e308, 1e308], [[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]]],
                        valid=st.lists(st.floats(-1e308, 1e308), min_size=3, max_size=3))
UNIT_ARRAY = Kind([0.0, 0.5, 1.0], NOT_NUMBERS + [[-0.5], [1.5]], [[], np.zeros((2, 3, 4))],
                  st.lists(st.floats(0.0, 1.0), max_size=5))
VIEW_FACTORY = Kind(_view_factory, [None, JUNK, 1.0, "view", _explorer], [], st.nothing())
CONTROL = Kind(None, [JUNK, 1.0, "x", None, {}], [], st.nothing())
CHOICE_VALUE = Kind("a", [JUNK, 1.0, "zzz", True, ["a"]], [None], st.sampled_from(["a", "b"]))
OPTIONS = Kind(["a", "b"], ["ab", [], [1, 2], ["a", "a"], JUNK, None, [None], OBJECTS, {"a": 1}], [("a",), ["a"] * 1],
               st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=4, unique=True))
STATIC = count(3, 10, low=1)._replace(reject=count(3).reject[:-3] + [[], [0.5, 2.0], ["0.5"], [np.nan], JUNK],
                                      edge=[[0.1, 0.9], np.linspace(0, 1, 5)])
CASE = Kind("a", [JUNK, 1.0, None, "nope", ["a"]], [], st.nothing())
PARAM_DICT = Kind({"a": 1.0, "eta": 0.1}, [JUNK, 1.0, None, {"zz": 1.0}, [("a", 1.0)], {1: 2.0}], [{}],
                  st.just({"a": 1.0}))
TRAJECTORIES_OR_DICT = Kind({"a": 1.0}, [JUNK, 1.0, None, "x"], [{}, []], st.just({}))
SCALAR_Y = REAL._replace(base=0.9)

#: The callables whose parameters are not (all) standard names, by qualified name (module-free).
CALLS: dict[str, Call] = {
    "Link": Call(kinds=dict(text=TEXT, href=TEXT)),
    "nash_and_stackelberg": Call(dict(game=Fresh(lambda: __import__("lecturecode.analysis.stackelberg",
                                                                   fromlist=["x"]).leader_follower_game())),
                                 examples=5),
    # games
    "QuadraticMinimax": Call(dict(A=np.eye(1), B=np.eye(1), C=np.eye(1), z_star=np.zeros(2))),
    "QuadraticMinimax.value": Call(instance=lambda: games.quadratic_2d(1.0, 2.0, 1.0)),
    "QuadraticMinimax.resolvent": Call(instance=lambda: games.quadratic_2d(1.0, 2.0, 1.0), flagged=True),
    "QuadraticMinimax.symmetric_part": Call(instance=lambda: games.worst_case_game(1.0, 10.0, n_blocks=2)),
    "LinearGame": Call(dict(H=np.eye(2), dims=(1, 1))),
    "LinearGame.resolvent": Call(instance=lambda: games.linear_game(np.eye(2)), flagged=True),
    "Game.check_points": Call(instance=games.matching_pennies, skip=("name",)),
    "Game.value": Call(instance=games.matching_pennies),
    "Game.resolvent": Call(instance=games.double_well_game, flagged=True),
    "CallableGame": Call(dict(name="g", dims=(1, 1), losses=lambda z: anp.stack([z[..., 0], z[..., 1]], -1),
                              vector_field=lambda z: z, jacobian=lambda z: np.broadcast_to(np.eye(2), z.shape + (2,))),
                         kinds=dict(losses=CALLABLE, vector_field=CALLABLE, jacobian=CALLABLE)),
    "autograd_field": Call(dict(losses=lambda z: anp.stack([z[0] * z[1], -z[0] * z[1]])), kinds=dict(losses=CALLABLE)),
    "game_from_losses": Call(dict(losses=lambda z: anp.stack([z[0] * z[1], -z[0] * z[1]])),
                             kinds=dict(losses=CALLABLE)),
    "minimax_game": Call(dict(f=lambda z: z[0] * z[1]), kinds=dict(f=CALLABLE)),
    "classify_critical_point": Call(dict(z=[0.0, 0.0]), kinds=dict(tol=UNIT._replace(base=1e-8))),
    "tune_worst_case": Call(examples=6, aliases=dict(space=("eta",))),
    "two_timescale_stable": Call(dict(z=[0.0, 0.0], ratio=10.0), aliases=dict(game=("z",))),
    "Classification.summary": Call(instance=lambda: lecturecode.solution_concepts.classify_critical_point(
        games.bilinear(1.0), [0.0, 0.0])),
    "tune": Call(dict(game=games.quadratic_2d(1.0, 2.0, 1.0)), examples=6, aliases=dict(space=("eta",))),
    "optimal_step_size": Call(dict(game=games.quadratic_2d(1.0, 2.0, 1.0)), examples=6,
                              aliases=dict(eta_range=("eta",))),
    "lower_bound_table": Call(examples=2),           # three kappa sweeps per call (a few seconds)
    "iterations_vs_kappa": Call(kinds=dict(n_grid=count(5, 12, low=3), eps=UNIT), examples=4,
                                aliases=dict(space=("eta",))),
    "compare": Call(dict(game=games.quadratic_2d(1.0, 2.0, 1.0), names=["Sim-GDA", "EG"]),
                    kinds=dict(names=NAMES, spaces=SPACES), examples=4, inf_ok=True),
    "iterations_to_reach": Call(inf_ok=True),
    "empirical_rate": Call(inf_ok=True),
    "spectral_radius": Call(kinds=dict(M=COMPLEX_MATRIX)),
    "independent_blocks": Call(dict(lin=games.linear_game(np.eye(2))),
                               kinds=dict(lin=Kind(None, [JUNK, None, 1.0, GAMES[2], OBJECTS], [], st.nothing()))),
    "interval": Call(dict(low=0.01, high=1.0)),
    "Interval.at": Call(dict(u=[0.0, 0.5]), instance=lambda: analysis.interval(0.01, 1.0), kinds=dict(u=UNIT_ARRAY)),
    "per_player": Call(args=(methods.sim_gda(0.1), methods.sim_gda(0.2)), kinds=dict(methods=Kind(
        None, [JUNK, None, 1.0, methods.sim_gda, GAMES[0]], [], st.nothing()))),
    "example_method": Call(dict(name="EG")),
    "tree_leaves": Call(kinds=dict(state=STATE)),
    "tree_map": Call(dict(fn=lambda v: v, state=(np.zeros(2),)), kinds=dict(fn=CALLABLE, state=STATE)),
    "tree_unflatten": Call(dict(template=(np.zeros(2),), leaves=[np.ones(2)]),
                           kinds=dict(leaves=Kind(None, [JUNK, None, 1.0, [], [1, 2, 3]], [], st.nothing()),
                                      template=STATE._replace(edge=[]))),
    "simulate": Call(examples=40),
    # 10**5 RK4 steps stand for "a huge but valid count" (10**6 of them take ~20 s and test nothing more)
    "integrate_flow": Call(dict(t_end=1.0), kinds=dict(n_steps=count(5, 40)._replace(
        edge=[0, 1, 2, np.int64(3), np.int32(5), 10**5, 10**6 + 1]))),
    "Trajectory.distance": Call(instance=lambda: lecturecode.simulate(methods.sim_gda([0.1, 10.0]), games.bilinear(1.0),
                                                                      [1.0, 0.0], 30), inf_ok=True),
    # plot
    "style_axes": Call(kinds=dict(ax=AXES)),
    "new_axes": Call(dict(ax=None), kinds=dict(figsize=FIGSIZE)),
    "labelled": Call(dict(items={"a": 1.0}), kinds=dict(items=TRAJECTORIES_OR_DICT), skip=("name",),
                     aliases=dict(items=("label",))),
    "title_slots": Call(dict(axes=Fresh(lambda: [_ax()]), y=0.9), kinds=dict(fig=FIG, y=SCALAR_Y,
                                                                       axes=Kind(None, [JUNK, 1.0, [JUNK]], [],
                                                                                 st.nothing()))),
    "phase_portrait": Call(examples=10),
    "trajectory_3d": Call(kinds=dict(ax=AXES3D, labels=LABELS), examples=5),
    "field_grid": Call(dict(center=[0.0, 0.0], lim=1.0, n_grid=5)),
    "flow_arrows": Call(dict(grid=np.zeros((3, 3, 2))), kinds=dict(grid=PATH._replace(base=np.zeros((3, 3, 2))))),
    "field_arrows": Call(dict(spacing=0.5), kinds=dict(ax=AXES, X=GRID_ARRAY, Y=GRID_ARRAY, U=GRID_ARRAY,
                                                         V=GRID_ARRAY, spacing=POSITIVE), examples=5),
    "last_inside": Call(dict(center=[0.0, 0.0], lim=1.0), kinds=dict(z=PATH)),
    "default_center": Call(),
    "eigenvalue_plot": Call(kinds=dict(eigenvalues=EIG_DICT), examples=5),
    "SpectrumPanel": Call(dict(eig_lim=1.5), kinds=dict(ax=AXES), examples=5),
    "SpectrumPanel.update": Call(instance=lambda: lecturecode.plot.SpectrumPanel(_ax(), 1.5),
                                 kinds=dict(eigenvalues=EIGENVALUES)),
    "draw_unit_circle": Call(kinds=dict(ax=AXES), examples=3),
    "rate_vs_step_size": Call(kinds=dict(optimum=PAIR), examples=5),
    "distance_plot": Call(examples=5),
    "iterations_plot": Call(kinds=dict(laws=LAWS), examples=3),
    # views and widgets
    "DynamicsView": Call(dict(z0=[1.0, 1.0], n_steps=10), kinds=dict(fig=FIG), examples=4),
    "DynamicsView.__call__": Call(dict(a=1.0, b=10.0, c=1.0, eta=0.01), instance=_dyn_view, examples=10),
    "ParamSplitter": Call(args=(games.quadratic_2d, methods.sim_gda), kinds=dict(factories=CALLABLE)),
    "ParamSplitter.__call__": Call(instance=lambda: lecturecode.views.ParamSplitter(games.quadratic_2d,
                                                                                    methods.sim_gda),
                                   kinds=dict(params=PARAM_DICT)),
    "Trajectory3DView": Call(dict(make_game=games.lorenz_game, n_steps=10), kinds=dict(fig=FIG, z0=POINT3),
                             examples=3),
    "Trajectory3DView.__call__": Call(dict(a=10.0, b=28.0, c=2.0, eta=0.01), instance=lambda: lecturecode.views.
                                      Trajectory3DView(Figure(), games.lorenz_game, methods.sim_gda,
                                                       z0=[1.0, 1.0, 1.0], n_steps=20), examples=5),
    "lorenz_view": Call(kinds=dict(z0=POINT3)),
    "InspectorView": Call(dict(n_steps=10), kinds=dict(fig=FIG, cases=CASES), examples=3),
    "InspectorView.__call__": Call(dict(case="matching pennies at (½, ½)", eta=0.1), instance=lambda: lecturecode.views.
                                   InspectorView(Figure(), lecturecode.solution_concepts.inspector_cases(), n_steps=10),
                                   kinds=dict(case=CASE), examples=5),
    "inspector_view": Call(kinds=dict(cases=CASES)),
    "slider": Call(dict(min=0.0, max=1.0, value=0.5), kinds=dict(static=STATIC)),
    "choice": Call(kinds=dict(options=OPTIONS, value=CHOICE_VALUE)),
    "Explorer": Call(dict(controls={"eta": Fresh(lambda: lecturecode.widgets.slider(0.01, 0.2, value=0.1, static=2))}),
                     kinds=dict(make_view=VIEW_FACTORY, figsize=FIGSIZE,
                                controls=Kind(None, [JUNK, None, {}, {"eta": JUNK}, {1: JUNK}], [], st.nothing())),
                     examples=3),
    "Explorer.render": Call(dict(eta=0.05), instance=_explorer, examples=5),
    "Explorer.static_html": Call(instance=_explorer, examples=1),
    "explore": Call(dict(make_view=_view_factory, eta=Fresh(lambda: lecturecode.widgets.slider(0.01, 0.2, value=0.1,
                                                                                                 static=2))),
                    kinds=dict(make_view=VIEW_FACTORY, figsize=FIGSIZE, eta=CONTROL), examples=3),
    "explore_dynamics": Call(dict(make_game=games.bilinear, z0=[1.0, 0.0], n_steps=10,
                                  eta=Fresh(lambda: lecturecode.widgets.slider(0.01, 0.2, value=0.1, static=2))),
                             kinds=dict(eta=CONTROL), examples=3),
}

# The validation helpers: ``value`` is what they check; ``name`` (and ``d``) label it for the message.
_VALIDATION_KINDS = {"as_real_array": REAL, "as_scalar": REAL, "as_step_size": POSITIVE, "as_coefficient": REAL,
                     "as_text": TEXT, "as_square_matrix": MATRIX, "as_count": count(3), "as_generator": None,
                     "as_points": POINT, "as_point": POINT, "check_range": REAL, "as_flag": None,
                     "as_callable": CALLABLE, "as_pair": PAIR._replace(base=(1.0, 2.0))}
for _fn, _kind in _VALIDATION_KINDS.items():
    _param = {"as_generator": "seed", "as_points": "z", "as_point": "z", "check_range": "arr"}.get(_fn, "value")
    _kinds = {} if _kind is None else {_param: _kind}
    _base = {"name": "v"} if _fn not in ("as_points", "as_point") else {"name": "v", "d": 2}
    if _fn == "check_range":
        _base["arr"] = np.array([1.0])
        _kinds = {"arr": Kind(np.array([1.0]), [], [np.array([np.nan]), np.array([1e308])], st.just(np.array([1.0])))}
    if _fn == "as_flag":
        _kinds = {"value": kind_of("log", False)}
    CALLS[_fn] = Call(_base, kinds=_kinds, skip=("name", "d", "low", "high", "what"), aliases={_param: ("v",)})

#: Public names that are not fuzzed, with the reason.
ALLOWED = {
    # records: results and containers built by the package's own factories, never a user's entry point
    "Method": "record built by the method factories (sim_gda, ...), which validate the hyper-parameters",
    "Info": "record of facts a factory writes",
    "ComparisonTable.table": "no arguments: the table's cells as a table_type.Table (golden test in test_table_type)",
    "LedgerTable.table": "no arguments: the ledger's cells as a table_type.Table (golden test in test_table_type)",
    "SlopeTable.table": "no arguments: the slopes as a table_type.Table (golden test in test_table_type)",
    "LookupView": "abstract base of the views (subclasses define _compute/_draw); its prepare is fuzzed "
                  "through the doctest's subclass and every concrete view",
    "Table.text_rows": "no arguments: the header and rows as plain text (golden test in test_table_type)",
    "Spec": "record of the registry",
    "MomentumState": "state record built by with_momentum's init",
    "OptimisticState": "state record built by optimistic_gda's init",
    "Trajectory": "result record of simulate (its distance() is fuzzed)",
    "Classification": "result record of classify_critical_point (its summary() is fuzzed)",
    "Tuned": "result record of tune and optimal_step_size",
    "IterationLaw": "result record of iterations_vs_kappa", "WorstMember": "result record of worst_member",
    "WorstCaseTuned": "result record of tune_worst_case", "IpdOutcomes": "result record of ipd_outcomes",
    "Row": "result record of compare",
    "Interval": "record; build it with interval(low, high), which validates (Interval.at is fuzzed)",
    "Control": "record; build it with slider(...) or choice(...), which validate",
    "Game": "abstract base class: games are built by the factories of lecturecode.games",
    # plain math by design (issue 6): no validation inside F/J, so autograd and complex steps pass through
    "QuadraticMinimax.F": "plain array math, validated where data enters (simulate, linearize, value)",
    "QuadraticMinimax.J": "plain array math", "QuadraticMinimax.losses": "plain array math",
    "LinearGame.F": "plain array math", "LinearGame.J": "plain array math",
    "CallableGame.F": "plain array math", "CallableGame.J": "plain array math",
    "Game.F": "abstract", "Game.J": "abstract", "Game.project": "plain array math used inside the loop",
    "Game.loss_gradients_with_jvp": "plain array math used inside the loop (the LOLA step)",
    "QuadraticMinimax.loss_gradients": "plain array math used inside the loop (the LOLA step)",
    "scale": "inner-loop arithmetic of a step (coefficient * v), unvalidated by design",
    "no_state": "the empty init of a memory-less method: ignores its arguments by design",
    "check_nothing": "the default Method.check: accepts every game by design",
    "set_style": "no arguments; sets matplotlib rcParams (exercised by the notebooks)",
    # the view protocol (lecturecode.views.base): each concrete view's __call__ and prepare is fuzzed
    "View.__call__": "protocol signature", "Precomputes.prepare": "protocol signature",
    "View": "typing.Protocol: a type to check against, not instantiable",
    "Precomputes": "typing.Protocol: a type to check against, not instantiable",
    "LookupView.__call__": "abstract base; fuzzed through each view's __call__ (DynamicsView.__call__, ...)",
    "FunctionView.__call__": "passes the parameters to the user's own update function unchanged",
    "PhasePanel.show_start": "moves a marker to a view's checked start (as_point rejects bad z0 by name)",
}

# the later chapters' modules (GANs, opponent shaping, Alt-GDA, acceleration): tests/fuzz_calls_chapters.py
from fuzz_calls_chapters import ALLOWED as _CHAPTER_ALLOWED, CALLS as _CHAPTER_CALLS  # noqa: E402

CALLS.update(_CHAPTER_CALLS)
ALLOWED.update(_CHAPTER_ALLOWED)
# the coursework modules (checks, claims ledger, student edition): tests/fuzz_calls_coursework.py
from fuzz_calls_coursework import ALLOWED as _COURSE_ALLOWED, CALLS as _COURSE_CALLS  # noqa: E402

CALLS.update(_COURSE_CALLS)
ALLOWED.update(_COURSE_ALLOWED)
# the image-GAN subpackage (lecturecode.gan.images) and AMSGrad: tests/fuzz_calls_images.py
from fuzz_calls_images import ALLOWED as _IMAGE_ALLOWED, CALLS as _IMAGE_CALLS  # noqa: E402

CALLS.update(_IMAGE_CALLS)
ALLOWED.update(_IMAGE_ALLOWED)
