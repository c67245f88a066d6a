"""The View protocol every view meets, and explorers as lookups: a redraw onto a pre-computed
setting computes nothing and shows exactly what a fresh computation shows."""

import io

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from lecturecode import games, methods, solution_concepts, views, widgets
from lecturecode.views.base import FunctionView, LookupView, Precomputes, View

W = widgets


def _gan_run():
    from lecturecode.gan import train_toy_gan
    return train_toy_gan(n_steps=20, record_every=10, hidden=(8,), grid=(3.0, 10))


def _study():
    from lecturecode.gan.images import record_study
    return record_study(["Sim-SGD", "Alt-SGD"], seeds=(0,), n_evals=20, record_every=10, hidden=8, n_eval=64)


#: name -> a small explorer over each view of the book (the chapters' controls, fewer steps)
EXPLORERS = {
    "twin": lambda: W.explore_dynamics(games.bilinear, methods.alt_gda, z0=[1.0, 0.5], n_steps=60,
                                       eta=W.slider(0.001, 0.9, value=0.01, static=3, log=True),
                                       b=W.slider(0.0, 10.0, value=10.0, static=[0.0, 10.0])),
    "twin with start": lambda: W.explore_dynamics(games.matching_pennies, methods.sim_gda, n_steps=40,
                                                  center=(0.5, 0.5), lim=0.5,
                                                  eta=W.slider(0.005, 0.2, value=0.05, static=2),
                                                  x0=W.slider(0.0, 1.0, value=0.7, static=[0.55, 0.7]),
                                                  y0=W.slider(0.0, 1.0, value=0.5, static=1)),
    "lorenz": lambda: W.explore(views.lorenz_view(n_steps=200), figsize=(6.5, 4.5),
                                a=W.slider(5, 15, value=10, static=[5, 10]), b=W.slider(5, 40, value=28, static=2),
                                c=W.slider(0.5, 4, value=8 / 3, static=1), eta=W.slider(0.002, 0.01, value=0.01,
                                                                                        static=1)),
    "inspector": lambda: W.explore(views.inspector_view(solution_concepts.inspector_cases()),
                                   case=W.choice(list(solution_concepts.inspector_cases())[:2]),
                                   eta=W.slider(0.01, 0.3, value=0.05, static=2)),
    "acceleration": lambda: W.explore(views.acceleration_view(n_steps=60), figsize=(11, 3.6),
                                      method=W.choice(["Negative momentum", "EG"]),
                                      eta=W.slider(0.002, 1.0, value=0.05, log=True, static=[0.05, 0.9]),
                                      beta=W.slider(-0.9, 0.5, value=-0.5, static=[-0.5, 0.0])),
    "sim-alt": lambda: W.explore(views.sim_alt_view(n_steps=60), problem=W.choice(["10xy", "0.3x² + 1.2xy − 0.3y²"]),
                                 eta=W.slider(0.005, 1.0, value=0.1, log=True, static=3)),
    "lola": lambda: W.explore(views.lola_view(n_seeds=4, n_steps=12), lookahead=W.slider(0.1, 2.0, value=1.0,
                                                                                          static=[0.1, 1.0]),
                              delta=W.slider(0.1, 2.0, value=1.0, static=[0.5, 1.0])),
    "gan run": lambda: W.explore(views.gan_run_view(_gan_run()), step=W.slider(0, 20, value=20, static=[0, 10, 20])),
    "image study": lambda: W.explore(views.image_study_view(_study()), method=W.choice(["Sim-SGD", "Alt-SGD"]),
                                     step=W.slider(0, 20, value=20, static=[10, 20])),
}


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)))


def grid(explorer):
    return explorer._grid()


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_view_meets_the_view_protocol(name):
    ex = EXPLORERS[name]()
    view = ex._update
    assert isinstance(view, View) and not isinstance(view, FunctionView)     # used as is, not wrapped
    assert isinstance(view.panels, int) and view.panels >= 1
    assert ex._moving == list(view.artists) and all(hasattr(a, "draw") for a in view.artists)


def test_a_plain_update_function_is_a_view_with_no_artists():
    def make_view(fig):
        ax = fig.subplots()
        return lambda *, x: ax.set_title(f"x = {x}")

    ex = W.explore(make_view, x=W.slider(0, 1, value=0.5, static=2))
    assert isinstance(ex._update, FunctionView) and ex._moving == [] and ex._panels == 1
    assert not isinstance(ex._update, Precomputes)
    assert ex.render(x=1.0)[:4] == b"\x89PNG"


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_a_redraw_after_lookup_is_the_fresh_render(name):
    """A redraw onto a grid value (looked up) and onto an off-grid value seen before (kept) shows
    the same pixels as an explorer that computes that setting afresh."""
    looked_up, fresh = EXPLORERS[name](), EXPLORERS[name]()
    looked_up.render()
    fresh.render()
    settings = grid(looked_up)[::-1][:4]
    numeric = [k for k, c in looked_up.controls.items() if c.options is None and len(c.static) > 1]
    if numeric:                                        # a live value between two grid values
        c = looked_up.controls[numeric[0]]
        off = dict(settings[0], **{numeric[0]: 0.5 * (c.static[0] + c.static[1])})
        looked_up.render(**off)
        looked_up.render(**settings[1])
        settings.append(off)                           # drawn again: from the kept frame
    for params in settings:
        expected = fresh._update
        if isinstance(expected, LookupView):
            expected._cache().clear()                  # computed now, not looked up
        assert np.array_equal(pixels(looked_up.render(**params)), pixels(fresh.render(**params))), params


@pytest.mark.parametrize("name", ["twin", "acceleration", "sim-alt", "lola", "inspector", "lorenz"])
def test_moving_onto_the_slider_grid_computes_nothing(name, monkeypatch):
    ex = EXPLORERS[name]()
    view = ex._update
    calls = []
    compute = view._compute
    monkeypatch.setattr(view, "_compute", lambda **p: calls.append(p) or compute(**p))
    for params in grid(ex):
        ex.render(**params)
    assert calls == []                                 # every grid frame was computed at build
    first = grid(ex)[0]
    numeric = next(k for k, c in ex.controls.items() if c.options is None and len(c.static) > 1)
    off = dict(first, **{numeric: 0.5 * (ex.controls[numeric].static[0] + ex.controls[numeric].static[1])})
    ex.render(**off)
    ex.render(**grid(ex)[1])
    ex.render(**off)
    assert len(calls) == 1                             # a live value is computed once, then kept


def test_the_lola_grid_is_one_batched_run_with_the_numbers_of_one_run_per_setting():
    view = views.LolaView(Figure(), n_seeds=4, n_steps=12)
    settings = [dict(lookahead=la, delta=d) for la in (0.1, 1.0) for d in (0.5, 1.0)]
    batched = view._compute_many(settings)
    for params, frame in zip(settings, batched):
        one = view._compute(**params)
        for field in ("z", "rewards", "probabilities"):
            assert np.array_equal(getattr(frame["run"], field), getattr(one["run"], field))
        assert frame["run"].label == one["run"].label and frame["titles"] == one["titles"]


def test_a_rejected_setting_is_not_kept_and_raises_on_its_own_redraw():
    view = views.LolaView(Figure(), n_seeds=3, n_steps=5)
    view.prepare([dict(lookahead=1.0, delta=1.0), dict(lookahead=-1.0, delta=1.0)])   # one bad: the rest kept
    assert len(view._cache()) == 1
    with pytest.raises(ValueError, match="lookahead"):
        view(lookahead=-1.0, delta=1.0)
    with pytest.raises(TypeError, match="eta must be a real number"):      # a list is checked, not hashed
        views.SimAltView(Figure(), n_steps=5)(problem="10xy", eta=[0.1, 0.2])
    sim_alt = views.SimAltView(Figure(), n_steps=5)
    with pytest.raises(ValueError, match="eta"):
        sim_alt(problem="10xy", eta=0.0)
    assert len(sim_alt._cache()) == 0


def test_the_cache_keeps_only_the_latest_settings():
    view = views.LolaView(Figure(), n_seeds=2, n_steps=3)
    view.cache_size = 3
    for d in (0.5, 0.6, 0.7, 0.8):
        view(lookahead=1.0, delta=d)
    assert [key[0][1] for key in view._cache()] == [0.6, 0.7, 0.8]          # (name, value, is bool), by name
