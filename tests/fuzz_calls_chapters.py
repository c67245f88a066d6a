"""Fuzz table entries for the modules of the four later chapters (GANs, opponent shaping /
iterated games, Alt-GDA, acceleration), merged into :data:`fuzz_calls.CALLS` and
:data:`fuzz_calls.ALLOWED`. Same one-line format; the expensive objects (a GAN run, a LOLA
run, compare rows) are built once, tiny (few seeds, steps and hidden units), and shared.
"""

from __future__ import annotations

import functools

import numpy as np
from hypothesis import strategies as st
from matplotlib.figure import Figure

import lecturecode
from fuzz_values import ANY_FLOAT, GAMES, JUNK, OBJECTS, POINT, POSITIVE, REAL, UNIT, Kind, count, kind_of
from lecturecode import analysis, games, gan, methods
from lecturecode import train as lc_train

# imported late by fuzz_calls (after these names exist there)
from fuzz_calls import AXES, EIGENVALUES, FIG, LAWS, NAMES, SPACES, Call, Fresh, _ax, _law  # noqa: E402


@functools.lru_cache(maxsize=None)
def _data():
    return gan.mixture([[0.0, 0.0], [2.0, 2.0]], 0.1)


def _setup():
    return gan.mlp_gan(_data(), hidden=(4,))


@functools.lru_cache(maxsize=None)
def _gan_run():
    return gan.train_gan(_setup(), n_steps=4, batch_size=4, record_every=2, n_eval=16, seed=0,
                         grid=(1.0, 5))


@functools.lru_cache(maxsize=None)
def _lola_run(game="ipd"):
    return lc_train(methods.lola(1.0, 1.0), getattr(games, game)(), n_seeds=3, n_steps=3, seed=0)


@functools.lru_cache(maxsize=None)
def _rows():
    return tuple(analysis.compare(games.quadratic_2d(1.0, 2.0, 1.0), ["Sim-GDA", "EG"]))


def _study_rows():
    return [gan.StudyRow("a", np.array([2, 1]), np.array([0.9, 0.5]), 0),
            gan.StudyRow("b", np.array([1, 1]), np.array([0.2, 0.4]), 1)]


def _gap():
    return analysis.one_step_gap(methods.extragradient, methods.proximal_point, games.bilinear(1.0), [1.0, 1.0],
                                 np.geomspace(1e-3, 1e-2, 4))


def _choice(base, *good):
    """A name from a fixed set: junk and unknown names are rejected."""
    return Kind(base, [JUNK, 1.0, None, "nope", [base], b"x", OBJECTS], list(good), st.nothing())


def _record(make, *more):
    """A record built by the package: junk, numbers and unrelated objects are rejected."""
    return Kind(Fresh(make), [JUNK, None, 1.0, "x", GAMES[0], OBJECTS] + list(more), [], st.nothing())


RUN = _record(_gan_run)
LOLA_RUNS = Kind({"a": Fresh(_lola_run)}, [JUNK, None, 1.0, "x", {"a": JUNK}, {1: JUNK}, [JUNK], {}], [],
                 st.nothing())
IMP_RUNS = LOLA_RUNS._replace(base={"a": Fresh(lambda: _lola_run("imp"))})
MIXTURE = _record(_data)
MLP_PARAMS = _record(lambda: gan.init_mlp((2, 3, 1)), (), [JUNK], ((np.zeros(2),),), ((np.zeros((2, 3)), "b"),))
ROWS = Kind(Fresh(lambda: list(_rows())), [JUNK, None, 1.0, "x", [], [JUNK]], [], st.nothing())
STUDY_ROWS = Kind(Fresh(_study_rows), [JUNK, None, 1.0, "x", [], [JUNK]], [], st.nothing())
SEED_INDEX = Kind((), [JUNK, "x", 1.5, (5,), (-7,), (0, 0, 0), None], [0, (1,)], st.just(()))
STEP = REAL._replace(base=2)                    # a slider's value: the nearest snapshot is shown
FLAG = kind_of("log", False)
COST = _choice("non_saturating", "minimax")
IPD = _record(games.ipd, games.bilinear(1.0))
POINT10 = POINT._replace(base=np.zeros(10), valid=st.lists(ANY_FLOAT, min_size=10, max_size=10))
TEXTS = Kind(["a", "b"], [JUNK, None, "ab", [1, 2], ["a"], OBJECTS], [], st.nothing())
OPTIONAL = Kind(None, [JUNK, 1.0, "x"], [], st.just(None))
SEED_OR_SEEDS = kind_of("seed", 0)._replace(reject=[v for v in kind_of("seed", 0).reject if not isinstance(v, list)])
LOLA_VIEW = dict(n_seeds=2, n_steps=3)
def small(base, high, low=1):
    """A count kept small: a valid 10**6 (steps, seeds, episodes) only makes a slow run; the range
    check that rejects 10**12 and -1 is the same."""
    kind = count(base, high, low)
    return kind._replace(edge=[v for v in kind.edge if v < 1000])


SMALL_STEPS = small(3, 8)

CALLS: dict[str, Call] = {
    # games
    "DiracGAN": Call(dict(loss="standard"), kinds=dict(loss=_choice("standard", "wgan", "non_saturating"),
                                                      r1=REAL._replace(base=0.0))),
    "DiracGAN.flow_eigenvalues": Call(instance=lambda: games.dirac_gan(r1=0.3)),
    "IteratedGame.average_rewards": Call(instance=games.ipd, kinds=dict(z=POINT10)),
    "value_gradients_autograd": Call(dict(game=games.ipd()), kinds=dict(z=POINT10, game=IPD), examples=5),
    "shaping_direction": Call(dict(game=games.ipd(), lookahead=1.0), kinds=dict(z=POINT10, game=IPD), examples=10,
                              aliases=dict(z=("lookahead",))),
    "iterated_game": Call(dict(payoffs=np.zeros((2, 2, 2)), gamma=0.9, name="g"), kinds=dict(
        payoffs=POINT._replace(base=np.zeros((2, 2, 2))), gamma=UNIT._replace(reject=UNIT.reject + [1.0]))),
    "memory_one_logits": Call(dict(name="TFT"), kinds=dict(name=_choice("TFT", "ALLD"), sharpness=POSITIVE)),
    "policy_probabilities": Call(kinds=dict(z=POINT10)),
    "monte_carlo_value": Call(dict(game=games.ipd(), z=np.zeros(10), n_episodes=5, n_rounds=5), examples=5,
                              kinds=dict(game=IPD, z=POINT10, n_episodes=small(5, 20), n_rounds=small(5, 20))),
    "train": Call(dict(method=methods.naive_learner(1.0), game=games.ipd(), n_seeds=2, n_steps=3), examples=5,
                  kinds=dict(game=IPD, n_steps=SMALL_STEPS, n_seeds=small(2, 3))),
    "IteratedGame": Call(dict(name="g", payoffs=np.zeros((4, 2)), gamma=0.9), kinds=dict(
        payoffs=POINT._replace(base=np.zeros((4, 2))), gamma=UNIT._replace(reject=UNIT.reject + [1.0]))),
    "mode_study": Call(dict(variants={"tiny": {}}, seeds=(0,), n_steps=3, hidden=(4,), batch_size=4, n_eval=16),
                       kinds=dict(n_steps=SMALL_STEPS, batch_size=small(4, 8), n_eval=small(16, 32)), examples=3,
                       skip=("variants", "seeds", "hidden")),
    "train_toy_gan": Call(dict(n_steps=3, hidden=(4,), batch_size=4, n_eval=16, record_every=1, grid=(1.0, 5)),
                          kinds=dict(n_steps=SMALL_STEPS, batch_size=small(4, 8), n_eval=small(16, 32),
                                     record_every=small(1, 4)), skip=("hidden",), examples=3),
    "dirac_setup": Call(dict(game=games.dirac_gan()), kinds=dict(game=_record(games.dirac_gan, games.bilinear(1.0)))),
    "registered_method": Call(dict(name="EG"), kinds=dict(name=_choice("EG", "Negative momentum"))),
    "row_at": Call(dict(game=games.quadratic_2d(1.0, 2.0, 1.0), name="EG", eta=0.1),
                   kinds=dict(name=_choice("EG", "Sim-GDA")), inf_ok=True),       # iterations = inf at rate 1
    "band_plot": Call(dict(curves={"a": np.zeros((4, 3))}), examples=3, kinds=dict(
        curves=Kind(None, [JUNK, None, 1.0, {"a": JUNK}, {"a": "x"}, {"a": [1.0, 2.0]}, {"a": np.zeros((2, 0))}],
                    [{"a": np.full((3, 2), 1e308)}], st.nothing()), ylabel=kind_of("label", None)._replace(base=""),
        references=OPTIONAL)),
    "round_robin": Call(dict(policies={"TFT": lecturecode.games.MEMORY_ONE["TFT"]}),
                        kinds=dict(game=IPD, policies=Kind(None, [JUNK, None, {}, {"a": "x"}, {"a": [0.5]},
                                                                  {"a": [2.0, 0, 0, 0, 0]}, {1: [0.5] * 5}],
                                                           [], st.nothing()))),
    # gan
    "Mixture.sample": Call(dict(n=5), instance=_data),
    "mixture": Call(dict(means=[[0.0, 0.0], [1.0, 1.0]], std=0.1), kinds=dict(std=POSITIVE, means=POINT._replace(
        base=[[0.0, 0.0], [1.0, 1.0]], reject=[v for v in POINT.reject if not isinstance(v, list) or np.ndim(v) < 2]))),
    "sample_mixture": Call(dict(mixture=Fresh(_data), n=5), kinds=dict(mixture=MIXTURE)),
    "mode_report": Call(dict(samples=np.zeros((5, 2)), data=Fresh(_data)),
                        kinds=dict(samples=POINT._replace(base=np.zeros((5, 2))), data=MIXTURE, n_std=POSITIVE)),
    "check_cost": Call(dict(cost="minimax"), kinds=dict(cost=COST)),
    "check_params": Call(dict(params=Fresh(lambda: gan.init_mlp((2, 3, 1)))), kinds=dict(params=MLP_PARAMS),
                         skip=("name",)),
    "layer_sizes": Call(dict(params=Fresh(lambda: gan.init_mlp((2, 3, 1)))), kinds=dict(params=MLP_PARAMS)),
    "init_mlp": Call(dict(sizes=(2, 3, 1)), kinds=dict(scale=POSITIVE, sizes=Kind(
        (2, 3, 1), [JUNK, None, "ab", [0, 1], [1], [1.5, 2], [10**400, 1], [True, 2], OBJECTS], [], st.nothing()))),
    "sgd": Call(dict(learning_rate=0.1), kinds=dict(learning_rate=POSITIVE)),
    "mlp_gan": Call(dict(data=Fresh(_data), hidden=(4,)), examples=5, kinds=dict(
        data=MIXTURE, cost=COST, noise_dim=count(2, 4), activation=_choice("tanh", "leaky_relu"),
        backend=_choice("numpy", "autograd"),
        hidden=Kind((4,), [JUNK, None, "x", [0], [1.5], [-1], [10**400]], [()], st.nothing()))),
    "train_gan": Call(dict(setup=Fresh(_setup), n_steps=4, batch_size=4, record_every=2, n_eval=16), examples=3,
                      kinds=dict(setup=_record(_setup), n_steps=small(4, 8), batch_size=small(4, 8),
                                 record_every=small(2, 4), n_eval=small(16, 32), seed=SEED_OR_SEEDS, order=_choice(
                                     "alternating", "simultaneous"), first=_choice("discriminator", "generator"),
                                 opt_g=OPTIONAL, opt_d=OPTIONAL, record_params=FLAG, max_weight=POSITIVE),
                      skip=("grid", "init_params")),
    "GanRun.snapshot": Call(dict(step=2), instance=_gan_run, kinds=dict(step=STEP)),
    "study_table": Call(dict(rows=Fresh(_study_rows)), kinds=dict(rows=STUDY_ROWS)),
    # methods and analysis
    "one_step_gap": Call(dict(make_reference=methods.proximal_point, z=[1.0, 1.0], etas=[1e-3, 1e-2]),
                         kinds=dict(make_reference=kind_of("make", 0)), examples=5),
    "kappa_sweep": Call(dict(names=["EG"], kappas=[2.0, 4.0]), kinds=dict(names=NAMES, spaces=SPACES),
                        examples=3, aliases=dict(spaces=("eta",))),
    "slope_table": Call(dict(laws={"EG": Fresh(_law)}), kinds=dict(laws=LAWS)),
    "tuned_distances": Call(dict(game=games.quadratic_2d(1.0, 2.0, 1.0), rows=Fresh(lambda: list(_rows())),
                                 z0=[1.0, 1.0]), kinds=dict(rows=ROWS, n_steps=SMALL_STEPS), examples=5,
                            inf_ok=True),                     # a run that diverges on another game: distance inf
    "ComparisonTable": Call(dict(rows=Fresh(lambda: list(_rows()))), kinds=dict(rows=ROWS, notes=OPTIONAL)),
    "ComparisonTable.cells": Call(instance=lambda: lecturecode.tables.comparison_table(list(_rows()))),
    "ComparisonTable.html": Call(instance=lambda: lecturecode.tables.comparison_table(list(_rows()))),
    "ComparisonTable.markdown": Call(instance=lambda: lecturecode.tables.comparison_table(list(_rows()))),
    "comparison_table": Call(dict(rows=Fresh(lambda: list(_rows()))), kinds=dict(rows=ROWS, notes=OPTIONAL)),
    # plot
    "LogRadiusPanel": Call(kinds=dict(ax=AXES, log_lim=POSITIVE, compact=FLAG), examples=5),
    "LogRadiusPanel.update": Call(instance=lambda: lecturecode.plot.LogRadiusPanel(_ax()),
                                  kinds=dict(eigenvalues=EIGENVALUES)),
    "log_radius_axes": Call(kinds=dict(ax=AXES, log_lim=POSITIVE, compact=FLAG), examples=5),
    "log_radius_points": Call(kinds=dict(eigenvalues=EIGENVALUES, log_lim=POSITIVE)),
    "clip_to_frame": Call(dict(lim=1.3), kinds=dict(eigenvalues=EIGENVALUES)),
    "eigenvalue_paths": Call(dict(etas=[0.1, 0.2], eigenvalues={"a": np.array([[0.5 + 0.5j], [0.3]])}),
                             kinds=dict(eigenvalues=Kind(None, [JUNK, None, 1.0, {"a": JUNK}, {"a": [[1.0]]}], [],
                                                         st.nothing()), colours=OPTIONAL),
                             skip=("etas",), examples=5),
    "trajectory_grid": Call(dict(games=[games.bilinear(1.0)], runs={"a": Fresh(lambda: [lecturecode.simulate(
        methods.sim_gda(0.1), games.bilinear(1.0), [1.0, 1.0], 5)])}), examples=3, kinds=dict(
        games=Kind(None, [JUNK, None, 1.0, [JUNK], []], [], st.nothing()),
        runs=Kind(None, [JUNK, None, 1.0, {"a": JUNK}, {"a": [JUNK]}], [], st.nothing()),
        fig=Kind(None, [JUNK, 1.0, "fig"], [], st.just(None)))),
    "step_gap_plot": Call(dict(gap=Fresh(_gap)), kinds=dict(gap=_record(_gap), reference_exponent=POSITIVE),
                          examples=5),
    "kappa_sweep_plot": Call(dict(laws={"EG": Fresh(_law)}), kinds=dict(laws=LAWS, table=OPTIONAL), examples=3),
    "legend_outside": Call(kinds=dict(ax=AXES, ncol=count(2, 5, low=1), below=OPTIONAL), examples=3),
    "twin_axes": Call(kinds=dict(fig=FIG), examples=3),
    "coverage_plot": Call(dict(run=Fresh(_gan_run)), kinds=dict(run=RUN, seed_index=SEED_INDEX), examples=3),
    "gan_snapshots": Call(dict(run=Fresh(_gan_run)), kinds=dict(run=RUN, seed_index=SEED_INDEX, steps=Kind(
        None, [JUNK, "x", [1.5], [-1], ["0"]], [[0], [10**6]], st.just(None))), examples=3),
    "draw_gan_frame": Call(dict(ax=Fresh(_ax), run=Fresh(_gan_run), index=0), examples=3, kinds=dict(
        ax=AXES, run=RUN, index=count(0, 2), seed_index=SEED_INDEX, n_points=count(16, 64, low=1))),
    "study_plot": Call(dict(rows=Fresh(_study_rows)), kinds=dict(rows=STUDY_ROWS), examples=3),
    "cooperation_bars": Call(dict(runs={"a": Fresh(_lola_run)}), examples=3, kinds=dict(
        runs=LOLA_RUNS, strategies=Kind(("TFT",), [JUNK, "TFT", ["nope"], [1]], [()], st.nothing()),
        action=kind_of("label", None)._replace(base="cooperate"),
        agents=Kind((0, 1), [JUNK, "x", [2], [-1], [1.5], []], [(0,)], st.nothing()))),
    "reward_curves": Call(dict(runs={"a": Fresh(_lola_run)}), kinds=dict(runs=LOLA_RUNS, references=OPTIONAL),
                          examples=3),
    "policy_paths": Call(dict(runs={"a": Fresh(lambda: _lola_run("imp"))}), examples=3, kinds=dict(
        runs=IMP_RUNS, seeds=Kind((0, 1), [JUNK, "x", [1.5], [-1], [10**6]], [()], st.nothing()),
        state=count(0, 4), action=kind_of("label", None)._replace(base="heads"))),
    "round_robin_table": Call(dict(table=np.eye(2), names=["a", "b"]),
                              kinds=dict(table=POINT._replace(base=np.eye(2)), names=TEXTS), examples=3),
    # views
    "AccelerationView": Call(dict(n_steps=10, n_grid=5), kinds=dict(fig=FIG), examples=3),
    "AccelerationView.__call__": Call(dict(method="EG", eta=0.1), examples=5, instance=lambda: lecturecode.views.
                                      AccelerationView(Figure(), games.bilinear(1.0), n_steps=10, n_grid=5),
                                      kinds=dict(method=_choice("EG", "Negative momentum"))),
    "SimAltView": Call(dict(n_steps=10, n_grid=5), kinds=dict(fig=FIG), examples=3),
    "SimAltView.__call__": Call(dict(problem="10xy", eta=0.1), examples=5, instance=lambda: lecturecode.views.
                                SimAltView(Figure(), n_steps=10, n_grid=5), kinds=dict(problem=_choice("10xy"))),
    "GanRunView": Call(dict(run=Fresh(_gan_run)), kinds=dict(fig=FIG, run=RUN, seed_index=SEED_INDEX), examples=3),
    "GanRunView.__call__": Call(dict(step=2), instance=lambda: lecturecode.views.GanRunView(Figure(), _gan_run()),
                                kinds=dict(step=STEP), examples=5),
    "gan_run_view": Call(dict(run=Fresh(_gan_run)), kinds=dict(run=RUN)),
    "LolaView": Call(LOLA_VIEW, kinds=dict(fig=FIG, form=_choice("exact", "taylor"), n_seeds=small(2, 3),
                                           n_steps=SMALL_STEPS), examples=3),
    "LolaView.__call__": Call(dict(lookahead=1.0, delta=1.0), examples=5,
                              instance=lambda: lecturecode.views.LolaView(Figure(), **LOLA_VIEW)),
}

_RECORD = "result record of {}"
_MATH = "plain array math inside {}'s inner loop (unvalidated by design, like scale), validated where data enters"
ALLOWED = {
    "AdamState": "state record built by adam's init", "SgdState": "the empty state record of sgd's init",
    "frames_target": "no arguments: reads LECTURECODE_FRAMES_DIR/_URL (tested by the site build)",
    "Transform": "record built by sgd(...) / adam(...)",
    "GanSetup": "record built by mlp_gan(...) / dirac_setup(...), which validate",
    "GanRun": _RECORD.format("train_gan (its snapshot() is fuzzed)"),
    "Mixture": "record; build it with mixture(...), ring_of_gaussians(...), which validate (sample() is fuzzed)",
    "ModeReport": _RECORD.format("mode_report"), "StudyRow": _RECORD.format("mode_study"),
    "LearningRun": _RECORD.format("train"), "SlopeRow": _RECORD.format("kappa_sweep/slope_table"),
    "SlopeTable": _RECORD.format("slope_table"), "StepGap": _RECORD.format("one_step_gap"),
    "DiracGAN.F": "plain array math", "DiracGAN.J": "plain array math", "DiracGAN.losses": "plain array math",
    "IteratedGame.F": "plain array math", "IteratedGame.J": "plain array math",
    "IteratedGame.losses": "plain array math", "IteratedGame.values": "plain array math (the losses' values)",
    "IteratedGame.loss_gradients": _MATH.format("the LOLA step"),
    "IteratedGame.loss_gradients_with_jvp": _MATH.format("the LOLA step"),
    "sigmoid": "elementwise autograd-traceable math (any real or complex array, no failure mode)",
    "softplus": "elementwise autograd-traceable math (any real or complex array, no failure mode)",
    "explorer_html": "internal page writer of Explorer.static_html (fuzzed), fed validated controls and frames",
    "store_frame": "internal frame writer of Explorer.static_html (fuzzed): PNG bytes it rendered itself",
}
