"""Validation once at the boundary a user calls (issue 20): an explorer frame checks each slider value
once, and no registered method re-validates anything on every step of a run.

The checks are counted by profiling the calls into :mod:`lecturecode.validation` (only the outermost
call of a check counts: ``as_step_size`` calling ``as_real_array`` is one check). No timing is asserted.
"""

import collections
import sys
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

import lecturecode
from lecturecode import games, methods, simulate, validation, views
from lecturecode.methods.registry import REGISTRY

VALIDATION = str(Path(validation.__file__).resolve())


def count_checks(fn, *args, **kwargs) -> collections.Counter:
    """``{(check, argument name): calls}`` of the validation checks ``fn(*args, **kwargs)`` makes."""
    counts, depth = collections.Counter(), [0]

    def profile(frame, event, arg):
        code = frame.f_code
        if code.co_filename != VALIDATION or code.co_name.startswith("_"):
            return
        if event == "call":
            if depth[0] == 0:
                counts[(code.co_name, frame.f_locals.get("name", "?"))] += 1
            depth[0] += 1
        elif event == "return":
            depth[0] -= 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        fn(*args, **kwargs)
    finally:
        sys.setprofile(previous)
    return counts


def _by_argument(counts, name):
    return sum(n for (check, arg), n in counts.items() if arg == name)


def test_the_counter_sees_checks():
    counts = count_checks(methods.negative_momentum, 0.1, -0.5)
    assert counts == {("as_step_size", "eta"): 1, ("as_coefficient", "beta"): 1}


@pytest.mark.parametrize("method", views.EXPLORER_METHODS)
def test_an_acceleration_frame_checks_eta_and_beta_once(method):
    """The view checks its sliders once and builds the method from the checked values (before: eta
    twice, beta twice, and PPM's resolvent and alternating steps re-checked every step)."""
    view = views.AccelerationView(Figure(figsize=(11, 3.6)), games.quadratic_2d(1.0, 10.0, 1.0), n_steps=40)
    view(method=method, eta=0.05, beta=-0.3)                                  # warm: first draw
    counts = count_checks(view, method=method, eta=0.0731, beta=-0.413)     # off the cache: computed
    assert _by_argument(counts, "eta") == 1, counts
    assert _by_argument(counts, "beta") == 1, counts
    assert _by_argument(counts, "eigenvalues") == 0, counts                 # its own numbers: drawn as they are
    assert sum(counts.values()) <= 30, counts


def test_registered_method_checks_each_argument_once():
    for name, beta in (("EG", -0.2), ("Negative momentum", -0.2), ("Alt-GDA", -0.2), ("PPM", 0.0)):
        counts = count_checks(views.registered_method, name, 0.1, beta)
        assert _by_argument(counts, "eta") == 1 and _by_argument(counts, "beta") == 1, (name, counts)


def _runs_on(spec, game):
    return methods.supports(spec.make(**spec.example), game)


@pytest.mark.parametrize("name", list(REGISTRY))
def test_no_method_checks_anything_per_step(name):
    """The checks of a run do not grow with its length: a step validates nothing (its game and
    iterates were checked once, by simulate)."""
    spec = REGISTRY[name]
    game = games.quadratic_2d(1.0, 3.0, 1.0)
    method = spec.make(**spec.example)
    assert _runs_on(spec, game)
    short = count_checks(simulate, method, game, np.array([1.0, 0.5]), 3)
    long = count_checks(simulate, method, game, np.array([1.0, 0.5]), 30)
    assert short == long, f"{name}: checks per run grow with its length: {short} vs {long}"


def test_resolvent_still_checks_what_a_user_hands_in():
    """The public resolvent checks its arguments (only a method's step skips them)."""
    g = games.quadratic_2d(1.0, 3.0, 1.0)
    with pytest.raises(ValueError, match="eta"):
        g.resolvent(np.ones(2), -1.0)
    with pytest.raises(ValueError, match="z"):
        g.resolvent(np.ones(3), 0.1)
    with pytest.raises(ValueError, match="tol"):
        g.resolvent(np.ones(2), 0.1, tol=0.0)
    assert lecturecode.games.double_well_game().resolvent([0.5, 0.5], 0.1)[1].all()
