"""Widgets: live panel, kernel-free fallback from the same view, and bad controls."""

import base64
import json
import re

import numpy as np
import pytest

from lecturecode import games, methods, views, widgets


def make_explorer(**overrides):
    controls = dict(eta=widgets.slider(0.001, 0.2, value=0.01, static=3, log=True),
                    b=widgets.slider(0.0, 10.0, value=10.0, static=[0.0, 10.0]))
    controls.update(overrides)
    return widgets.explore_dynamics(games.bilinear, methods.alt_gda, z0=[1.0, 0.5], n_steps=60, **controls)


def frames_of(page):
    """The frame list of a static page, with each frame decoded to PNG bytes (embedded outside a site build)."""
    blob = re.search(r'<script type="application/json" class="lc-frames">(.*?)</script>', page).group(1)
    data = json.loads(blob)
    data["png"] = [base64.b64decode(f.removeprefix("data:image/png;base64,")) for f in data["frames"]]
    return data


def test_static_fallback_has_one_frame_per_grid_point_and_one_range_per_control():
    ex = make_explorer()
    page = ex.static_html()
    data = frames_of(page)
    assert data["sizes"] == [3, 2] and len(data["frames"]) == 6
    assert page.count('type="range"') == 2
    assert data["labels"][0] == ["0.001", "0.01", "0.2"]            # the grid holds the start value
    for frame in data["png"]:
        assert frame[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(set(data["frames"])) == 6                       # every setting looks different
    assert 'alt="Left: a trajectory' in page


def test_fallback_frames_are_the_live_renders():
    """The website shows what a kernel would: frame (i, j) equals a live render at those values
    (drawn at the static frames' HiDPI resolution), and the live figure keeps its own resolution."""
    ex = make_explorer()
    data = frames_of(ex.static_html())
    from PIL import Image
    import io
    assert ex.fig.get_dpi() == 90
    ex.fig.set_dpi(90 * widgets.STATIC_SCALE)
    live = ex.render(eta=0.2, b=0.0)
    static = np.asarray(Image.open(io.BytesIO(data["png"][2 * 2 + 0])))
    assert static.shape[1] == 2 * 720
    assert np.array_equal(static, np.asarray(Image.open(io.BytesIO(live))))


def test_blitted_redraws_look_like_full_redraws():
    """The fast path (static background + moving artists) must show what a full draw shows:
    titles, trajectory and eigenvalues included."""
    from PIL import Image
    import io

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(png))).astype(int)

    fast = make_explorer()
    fast.render()                                           # caches the background
    full = make_explorer()
    full._moving = []                                       # no blitting: draw everything
    for params in (dict(eta=0.05, b=3.0), dict(eta=0.2, b=10.0)):
        differ = np.abs(pixels(fast.render(**params)) - pixels(full.render(**params))).max(-1) > 64
        assert differ.mean() < 0.001                        # a missing title alone is ~0.7%


def test_the_static_page_is_reproducible():
    assert make_explorer().static_html() == make_explorer().static_html()


def test_the_live_bundle_is_the_widget_view_and_a_plain_picture():
    """In a kernel: the widget's view (written by the explorer itself, so ipywidgets 7 and 8 alike)
    and the current frame as a plain PNG for viewers without a kernel; no pre-rendered frames."""
    import ipywidgets
    from PIL import Image
    import io

    ex = make_explorer()
    data, metadata = ex._repr_mimebundle_()
    assert set(data) == {"application/vnd.jupyter.widget-view+json", "image/png", "text/plain"}
    view = data["application/vnd.jupyter.widget-view+json"]
    assert view == {"version_major": 2, "version_minor": 0, "model_id": ex.widget.model_id}
    if hasattr(ex.widget, "_repr_mimebundle_"):                     # ipywidgets 8: same view as its own
        assert ex.widget._repr_mimebundle_()["application/vnd.jupyter.widget-view+json"] == view
    png = base64.b64decode(data["image/png"])
    assert Image.open(io.BytesIO(png)).size == (720, 414) == (metadata["image/png"]["width"],
                                                               metadata["image/png"]["height"])
    assert metadata["image/png"]["alt"].startswith("Left: a trajectory")
    assert ex._html is None, "a live kernel must not pre-render the website's frames"
    assert int(ipywidgets.__version__.split(".")[0]) in (7, 8)


def test_the_saved_picture_is_the_current_frame():
    from PIL import Image
    import io

    ex = make_explorer()
    ex.widget.children[0].children[1].value = 2.0
    png = base64.b64decode(ex._repr_mimebundle_()[0]["image/png"])
    live = ex.render()
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(png))), np.asarray(Image.open(io.BytesIO(live))))


def test_ipython_displays_the_explorer_with_its_bundle():
    """IPython's own formatter (7.34 on Colab, 8+ elsewhere) hands the explorer its display; outside a
    kernel it shows the one bundle (widget view and PNG)."""
    from IPython.core.formatters import DisplayFormatter

    ex = make_explorer()
    data, metadata = ex._repr_mimebundle_()
    assert {"application/vnd.jupyter.widget-view+json", "image/png"} <= set(data)
    assert metadata["image/png"]["width"] == 720
    assert DisplayFormatter().format(ex) == ({}, {})        # _ipython_display_ took it


def test_a_live_explorer_shows_a_saved_picture_then_the_panel(monkeypatch):
    """In a kernel: first the frame as a plain picture (what a saved notebook shows without a kernel or
    widget state, with the rule that hides the panel's "model not found"), then the live panel, which
    hides that picture while it runs; the picture follows the sliders."""
    import IPython.display

    shown = []

    class Handle:
        def update(self, obj, **kw):
            shown.append(("update", obj))

    def display(obj, metadata=None, raw=False, display_id=None):
        shown.append(("display", obj))
        return Handle() if display_id else None

    monkeypatch.setattr(IPython.display, "display", display)
    ex = make_explorer()
    ex._threaded = True
    ex._ipython_display_()
    (_, picture), (_, panel) = shown
    uid = ex._uid
    assert set(picture) == {"image/png", "text/html", "text/plain"}
    assert f'class="lc-saved-{uid}"' in picture["text/html"]
    assert f":not(:has(.lc-live-{uid}))" in picture["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in panel and "image/png" not in panel
    assert f"lc-live-{uid}" in ex.widget._dom_classes
    style = ex.widget.children[-1]
    assert f"img.lc-saved-{uid}{{display:none}}" in style.value and style.layout.display == "none"
    assert "data-lm-suppress-shortcuts" in style.value       # keys on a slider stay in the explorer
    assert "aria-label" in style.value and "aria-valuetext" in style.value   # handles named, values read
    ex._refresh_saved()
    assert shown[-1][0] == "update" and f'class="lc-saved-{uid}"' in shown[-1][1]["text/html"]


def test_live_controls_start_on_their_values_and_read_whole_numbers():
    ex = widgets.explore(lambda fig: (lambda **p: None),
                         eta=widgets.slider(0.002, 1.0, value=0.05, log=True, static=1),
                         beta=widgets.slider(-0.9, 0.5, value=-0.5, static=1),
                         step=widgets.slider(0, 2000, value=1000, step=25, static=1),
                         order=widgets.choice(["simultaneous", "alternating"]),
                         case=widgets.choice([f"case {k}" for k in range(6)]))
    eta, beta, step, order, case = ex.widget.children[0].children
    for s in (eta, beta):                     # the start value is a point of the slider's grid
        k = (np.log10(s.value) - s.min) / s.step if s is eta else (s.value - s.min) / s.step
        assert abs(k - round(k)) < 1e-9
    assert eta.value == 0.05 and beta.value == -0.5
    assert type(step).__name__ == "IntSlider" and step.value == 1000
    assert type(order).__name__ == "ToggleButtons" and type(case).__name__ == "SelectionSlider"
    assert not any(type(s).__name__ == "Dropdown" for s in ex.widget.children[0].children)


def test_live_sliders_redraw_the_image():
    ex = make_explorer()
    panel = ex.widget
    sliders, image = panel.children[0].children, panel.children[1]
    before = image.value
    sliders[1].value = 2.0
    assert image.value != before and ex.values["b"] == 2.0
    assert [s.description for s in sliders] == ["eta", "b"]


def test_pinned_controls_are_hidden_on_the_website():
    ex = make_explorer(b=widgets.slider(0.0, 10.0, value=5.0, static=1))
    assert ex.static_html().count('style="display:none"') == 1


def test_render_keeps_other_values():
    ex = make_explorer()
    ex.render(b=3.0)
    ex.render(eta=0.05)
    assert ex.values == {"eta": 0.05, "b": 3.0}


@pytest.mark.parametrize("call, err, words", [
    (lambda: widgets.slider(1.0, 0.0, value=0.5), ValueError, "min must be < max"),
    (lambda: widgets.slider(0.0, 1.0, value=2.0), ValueError, "value must lie in [min, max]"),
    (lambda: widgets.slider(0.0, 1.0, value=0.5, log=True), ValueError, "log slider needs min > 0"),
    (lambda: widgets.slider(0.0, 1.0, value=0.5, static=[0.5, 3.0]), ValueError, "static values must"),
    (lambda: widgets.slider(0.0, 1.0, value=0.5, static=[0.2, 0.8]), ValueError, "static values must include value"),
    (lambda: widgets.slider(0.0, 1.0, value=0.5, static=0), ValueError, "static must be >= 1"),
    (lambda: widgets.slider(0.0, 1.0, value=0.5, step=-1), ValueError, "step must be > 0"),
    (lambda: make_explorer(eta=widgets.slider(0.01, 1, value=0.1, static=40)), ValueError, "MAX_FRAMES"),
    (lambda: widgets.explore(lambda fig: None), ValueError, "at least one control"),
    (lambda: widgets.explore(3, eta=widgets.slider(0, 1, value=0.5)), TypeError, "make_view must be callable"),
    (lambda: widgets.explore(lambda fig: None, eta=(0, 1)), TypeError, "must be made with"),
    (lambda: make_explorer().render(beta=0.3), TypeError, "unknown control"),
])
def test_bad_controls_are_rejected(call, err, words):
    with pytest.raises(err, match=re.escape(words)):
        call()


def test_choice_controls_step_through_named_options():
    from lecturecode.solution_concepts import inspector_cases

    cases = dict(list(inspector_cases().items())[:2])
    ex = widgets.explore(views.inspector_view(cases), case=widgets.choice(list(cases)),
                         eta=widgets.slider(0.01, 0.3, value=0.05, static=[0.05]))
    data = frames_of(ex.static_html())
    assert data["labels"][0] == list(cases) and len(data["frames"]) == 2
    assert data["frames"][0] != data["frames"][1]
    assert "<select data-lc-control>" in ex.static_html()          # a categorical control is a select
    dropdown = ex.widget.children[0].children[0]
    assert list(dropdown.options) == list(cases)
    dropdown.value = list(cases)[1]
    assert ex.values["case"] == list(cases)[1]


@pytest.mark.parametrize("call, err, words", [
    (lambda: widgets.choice("ab"), TypeError, "not one string"),
    (lambda: widgets.choice([]), TypeError, "non-empty sequence"),
    (lambda: widgets.choice(["a", 1]), TypeError, "sequence of strings"),
    (lambda: widgets.choice(["a", "b"], value="c"), ValueError, "value must be one of"),
])
def test_bad_choices_are_rejected(call, err, words):
    with pytest.raises(err, match=re.escape(words)):
        call()


def test_a_site_build_writes_frames_as_files_and_no_widget_state(tmp_path, monkeypatch):
    """With the build's frame directory set, the page lists frame files (named by content, written
    once) instead of embedding them, and the bundle has no widget (whose state the page would carry)."""
    monkeypatch.setenv("LECTURECODE_FRAMES_DIR", str(tmp_path))
    monkeypatch.setenv("LECTURECODE_FRAMES_URL", "../_static/explorers")
    ex = make_explorer()
    bundle, _ = ex._repr_mimebundle_()
    assert set(bundle) == {"text/html", "image/png", "text/plain"}      # the .ipynb keeps a picture
    assert ex._widget is None
    page = bundle["text/html"]
    data = json.loads(re.search(r'class="lc-frames">(.*?)</script>', page).group(1))
    assert data["base"] == "../_static/explorers/" and len(data["frames"]) == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(set(data["frames"]))
    assert "base64" not in page and len(page) < 5000                 # the page only lists names
    assert 'aria-valuetext="0.01"' in page                           # the start value is announced


@pytest.mark.parametrize("make, figsize", [     # the sizes the chapters use
    (lambda fig: __import__("lecturecode").views.DynamicsView(fig, games.quadratic_2d, methods.sim_gda, z0=[1, 1]),
     (8.0, 4.6)),
    (lambda fig: __import__("lecturecode").views.AccelerationView(fig, games.quadratic_2d(1.0, 10.0, 1.0)),
     (11.0, 3.6)),
    (lambda fig: __import__("lecturecode").views.SimAltView(fig), (8.0, 4.6)),
], ids=["twin", "acceleration", "sim-alt"])
def test_a_view_split_into_panels_keeps_each_axes_inside_its_panel(make, figsize):
    """On a phone the website shows a view's equal panels one under the other, cut at
    k/panels of the width: every axes (with its labels and strip) must lie inside its slice."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    FigureCanvasAgg(fig)
    view = make(fig)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    slices = np.linspace(0.0, 1.0, view.panels + 1)
    main_axes = [ax for ax in fig.axes if ax.get_subplotspec() is not None]
    assert len(main_axes) == view.panels
    for k, ax in enumerate(sorted(main_axes, key=lambda a: a.get_position().x0)):
        box = ax.get_tightbbox(renderer).transformed(fig.transFigure.inverted())
        assert slices[k] - 1e-3 <= box.x0 and box.x1 <= slices[k + 1] + 1e-3, (k, box.x0, box.x1)


def test_a_fast_drag_draws_only_the_latest_value():
    """In a kernel a worker thread draws while moves keep arriving: moves made while a frame draws
    only update what to draw next, so the picture ends on the last value without drawing each one."""
    drawn = []
    ex = make_explorer()
    ex._threaded = True
    image, b = ex.widget.children[1], ex.widget.children[0].children[1]
    slow = ex._update

    def update(**params):
        drawn.append(params["b"])
        __import__("time").sleep(0.02)
        return slow(**params)

    ex._update = update
    for value in np.linspace(0.5, 9.5, 30):
        b.value = float(value)
    assert ex._wait()
    assert ex.values["b"] == 9.5 and drawn[-1] == 9.5
    assert len(drawn) < 15                                  # stale moves were dropped, not queued
    assert image.value == ex.render()                       # the image shows the last value
