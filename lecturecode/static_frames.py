"""The website's kernel-free explorers: pre-rendered frames and the small page that steps through them.

An explorer on the static site is a set of controls (range inputs for sliders, a ``<select>`` for a
choice) over frames rendered at build time from the same view a live kernel drives.

* **Frames live outside the page.** When the book is built, ``make book`` sets
  ``LECTURECODE_FRAMES_DIR`` (where to write) and ``LECTURECODE_FRAMES_URL`` (where the pages find
  them); each frame is written once as a PNG named by its content hash, and the page only lists
  names. The starting frame is an ordinary ``<img>`` of the page (so it prints), the others are
  fetched when a control selects them. Without those variables (a notebook run in Jupyter or under test) the
  frames are embedded as data URIs, so the fallback still works anywhere.
* **HiDPI.** Frames are rendered at ``scale`` times the figure's resolution and shown at its size.
* **A saved notebook's picture.** In a live kernel an explorer prints its current frame as a plain
  picture (:func:`saved_picture_html`) above its panel; the panel, while live, hides it
  (:func:`live_panel_css`). A notebook saved without widget state (JupyterLab's default) and
  reopened shows the picture and hides the panel's "model not found" (the rules use ``:has``:
  JupyterLab 4, Notebook 7; elsewhere the picture shows and the panel says what it says).
* **Accessible controls.** Each range input announces its value (``aria-valuetext``); the explorer
  is one ``role="group"`` labelled by its alt text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from pathlib import Path

import numpy as np

from .validation import as_count, as_text

__all__ = ["frames_target", "store_frame", "explorer_html", "saved_picture_html", "live_panel_css"]

_SCRIPT = """
(function () {
  var root = document.getElementById("%(uid)s");
  var data = JSON.parse(root.querySelector("script.lc-frames").textContent);
  var imgs = root.querySelectorAll("img.lc-frame");
  var controls = root.querySelectorAll("[data-lc-control]");
  function source(i) {
    var f = data.frames[i];
    return f.indexOf("data:") === 0 ? f : data.base + f;
  }
  function index() {
    var k = 0;
    controls.forEach(function (c, j) { k = k * data.sizes[j] + parseInt(c.value, 10); });
    return k;
  }
  function show() {
    controls.forEach(function (c, j) {
      var label = data.labels[j][parseInt(c.value, 10)];
      var out = root.querySelector('output[data-lc-for="' + j + '"]');
      if (out) { out.textContent = label; }
      if (c.type === "range") { c.setAttribute("aria-valuetext", label); }
    });
    var src = source(index());
    imgs.forEach(function (img) { img.src = src; });
    root.querySelectorAll("a.lc-enlarge").forEach(function (a) { a.href = src; });
  }
  controls.forEach(function (c) { c.addEventListener(c.type === "range" ? "input" : "change", show); });
})();
"""


def frames_target() -> tuple[Path, str] | None:
    """``(directory, url)`` where a site build wants frame files, or ``None`` outside a site build."""
    directory, url = os.environ.get("LECTURECODE_FRAMES_DIR"), os.environ.get("LECTURECODE_FRAMES_URL")
    if not directory or not url:
        return None
    return Path(directory), url.rstrip("/") + "/"


def store_frame(png: bytes, target) -> str:
    """Write one frame (once, named by its content) and return how the page refers to it.

    Examples
    --------
    >>> store_frame(b"\\x89PNG\\r\\n\\x1a\\n", None)[:22]
    'data:image/png;base64,'
    """
    if not isinstance(png, (bytes, bytearray)) or not bytes(png[:4]) == b"\x89PNG":
        raise TypeError(f"png must be the bytes of a PNG image, got {type(png).__name__}")
    if target is not None and not (isinstance(target, tuple) and len(target) == 2 and isinstance(target[0], Path)
                                   and isinstance(target[1], str)):
        raise TypeError(f"target must be None or (directory Path, url) from frames_target(), got {target!r}"[:200])
    if target is None:
        return "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    directory, _ = target
    name = hashlib.sha1(png).hexdigest()[:20] + ".png"
    path = directory / name
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png)
    return name


def explorer_html(names, controls, frames, start, *, alt: str, width: int, height: int, target,
                  panels: int = 1) -> str:
    """The page fragment: controls, the frame and the frame list.

    ``controls[name]`` is a :class:`~lecturecode.widgets.Control`; ``frames`` lists the frames in
    row-major order over the controls' static grids; ``start`` is each control's starting index.
    A frame made of ``panels`` equal panels side by side is shown as that many windows onto the
    same image, which sit side by side on a wide screen and stack on a phone (so each panel keeps
    a readable size).
    """
    panels = as_count(panels, "panels", low=1, high=12)
    width, height = as_count(width, "width", high=10_000), as_count(height, "height", high=10_000)
    alt = as_text(alt, "alt")
    if isinstance(names, (str, bytes)) or not hasattr(names, "__iter__"):
        raise TypeError(f"names must be a sequence of control names, got {names!r}"[:200])
    names = list(names)
    if not isinstance(controls, dict) or not names or any(not isinstance(n, str) or n not in controls for n in names):
        raise ValueError(f"names must be keys of controls, got {names!r}"[:200])
    n_frames = 1
    for n in names:
        n_frames *= len(controls[n].static)
    if not isinstance(frames, list) or len(frames) != n_frames or not all(isinstance(f, str) for f in frames):
        raise ValueError(f"frames must list {n_frames} frame references (one per grid point)")
    start = list(start)
    if len(start) != len(names) or any(not isinstance(i, (int, np.integer)) or not 0 <= int(i) < len(controls[n].static)
                                       for i, n in zip(start, names)):
        raise ValueError("start must give each control's starting index inside its grid")
    grids = [controls[n].static for n in names]
    labels = [[_label(v) for v in g] for g in grids]
    data = {"sizes": [len(g) for g in grids], "labels": labels, "frames": frames,
            "base": "" if target is None else target[1]}
    blob = json.dumps(data, separators=(",", ":"))
    uid = "lc-explorer-" + hashlib.sha1(blob.encode()).hexdigest()[:12]
    rows = []
    for k, name in enumerate(names):
        c = controls[name]
        text = html.escape(c.label or name)
        hidden = ' style="display:none"' if len(grids[k]) == 1 else ""
        if c.options is not None:
            options = "".join(f'<option value="{i}"{" selected" if i == start[k] else ""}>'
                              f'{html.escape(_option_label(o))}</option>' for i, o in enumerate(c.options))
            rows.append(f'<label class="lc-control"{hidden}>{text} <select data-lc-control>{options}</select></label>')
        else:
            rows.append(_range_row(uid, k, text, labels[k], start[k], hidden))
    first = frames[_flat_index(start, data["sizes"])]
    # the starting frame is in the page and loads with it (like a figure), so a printout, a reader who
    # prints before scrolling, or one without JavaScript sees it; the other frames load when selected
    first_src = f' src="{first if target is None else target[1] + first}"'
    if panels > 1:
        described = [f' alt="{html.escape(alt)}"'] + [' alt="" aria-hidden="true"'] * (panels - 1)
        views = "".join(
            f'<div class="lc-panel" style="aspect-ratio:{width / panels:.1f}/{height}">'
            f'<img class="lc-frame"{first_src}{described[j]} width="{width}" height="{height}" '
            f'style="width:{panels * 100}%;margin-left:-{j * 100}%"></div>' for j in range(panels))
        picture = f'<div class="lc-panels" style="max-width:{width}px">{views}</div>'
    else:
        picture = (f'<img class="lc-frame"{first_src} alt="{html.escape(alt)}" width="{width}" height="{height}" '
                   f'style="max-width:100%;height:auto">')
        if target is not None:      # on the site a tap opens the frame at full size (a phone shrinks it)
            picture = f'<a class="lc-enlarge" href="{target[1] + first}">{picture}</a>'
    return (
        f'<div class="lc-explorer" id="{uid}" role="group" aria-label="{html.escape(alt)}">'
        f'<div class="lc-explorer-controls">{"".join(rows)}</div>'
        f'{picture}'
        f'<p class="lc-explorer-note">Pre-rendered frames ({len(frames)}); '
        f'run the notebook for continuous sliders.</p>'
        f'<script type="application/json" class="lc-frames">{blob}</script>'
        f"<script>{_SCRIPT % {'uid': uid}}</script></div>"
    )


#: Thumb width of the site's range inputs (``input.lc-range`` in the site stylesheet): tick labels
#: are centred on the stops, which run from half a thumb in from each end of the track.
THUMB_PX = 16
#: How option identifiers read in a dropdown (others: underscores become hyphens).
OPTION_LABELS = {"wgan": "WGAN", "gan": "GAN", "gda": "GDA", "sim_gda": "Sim-GDA", "alt_gda": "Alt-GDA",
                 "lola": "LOLA", "sos": "SOS", "eg": "EG", "ogda": "OGDA"}


def _option_label(option: str) -> str:
    """How an option reads in a dropdown: ``non_saturating`` as "non-saturating", ``wgan`` as "WGAN"
    (labels that are already prose, "Negative momentum", are kept).

    >>> [_option_label(o) for o in ("standard", "non_saturating", "wgan", "Negative momentum")]
    ['standard', 'non-saturating', 'WGAN', 'Negative momentum']
    """
    if option.lower() in OPTION_LABELS:
        return OPTION_LABELS[option.lower()]
    return option.replace("_", "-") if option.isidentifier() else option


def _range_row(uid: str, k: int, text: str, labels, start: int, hidden: str) -> str:
    """One range control: a track with one stop per pre-rendered value, each marked and (as many as fit)
    labelled under its stop, so a non-uniform grid such as 0.1, 0.3, 0.5, 1, 2 does not read as evenly
    spaced; the current value sits in an output of fixed width (the controls after it do not move)."""
    n, widest = len(labels), max(len(v) for v in labels)
    label_em = 0.75 * (0.6 * widest + 0.8)          # a tick label at 0.75em (a digit ~0.6em) and a gap
    # at most 20em (with its padding the track fits a 390-px phone); stops at least a label apart if room
    track_em = max(8.0, min(20.0, (n - 1) * label_em + 1))
    step_em = (track_em - THUMB_PX / 16) / max(n - 1, 1)
    stride = max(1, -int(-label_em // step_em))     # label every stride-th stop, and the last one,
    stride = next((d for d in range(stride, 2 * stride + 1) if (n - 1) % d == 0), stride)  # evenly if it can
    shown = set(range(0, n, stride)) | {n - 1}
    if (n - 1) % stride and ((n - 1) % stride) * step_em < label_em:
        shown.discard(n - 1 - (n - 1) % stride)
    stops = "".join(f'<option value="{i}"></option>' for i in range(n))
    unlabelled = ' class="lc-stop"'
    ticks = "".join(
        f'<span{"" if i in shown else unlabelled} '
        f'style="left:calc({THUMB_PX / 2}px + (100% - {THUMB_PX}px) * {i / max(n - 1, 1):.6g})">'
        f'{html.escape(v) if i in shown else ""}</span>' for i, v in enumerate(labels))
    label = labels[start]
    return (f'<label class="lc-control"{hidden}>{text} '
            f'<span class="lc-track" style="width:{track_em:.1f}em"><input type="range" class="lc-range" '
            f'data-lc-control min="0" max="{n - 1}" step="1" value="{start}" list="{uid}-stops-{k}" '
            f'aria-valuetext="{html.escape(label)}"><datalist id="{uid}-stops-{k}">{stops}</datalist>'
            f'<span class="lc-ticks" aria-hidden="true">{ticks}</span></span> '
            f'<output data-lc-for="{k}" style="min-width:{widest + 0.5:g}ch">{html.escape(label)}</output></label>')


def _label(value) -> str:
    """How a control value reads on the page: whole numbers as integers (a training step 1000, not
    1e+03), others to three significant digits."""
    if isinstance(value, str):
        return value
    if float(value).is_integer() and abs(value) < 1e6:
        return str(int(value))
    return f"{value:.3g}"


def _flat_index(index, sizes) -> int:
    flat = 0
    for i, n in zip(index, sizes):
        flat = flat * n + i
    return flat


def saved_picture_html(png_base64: str, uid: str, *, alt: str, width: int) -> str:
    """The picture an explorer prints above its live panel, with the rule that hides the panel's error.

    The rule hides the output after the picture (the panel) unless that panel is live (it carries
    the class ``lc-live-<uid>``).

    >>> page = saved_picture_html("AAAA", "a1", alt="a <b>", width=720)
    >>> 'class="lc-saved-a1"' in page and 'alt="a &lt;b&gt;"' in page and ":not(:has(.lc-live-a1))" in page
    True
    """
    uid = _uid(uid)
    if not isinstance(png_base64, str):
        raise TypeError(f"png_base64 must be a str (base64 of a PNG), got {png_base64!r}")
    if not _BASE64.fullmatch(png_base64):
        raise ValueError("png_base64 must be base64 text (A-Z, a-z, 0-9, +, /, = padding)")
    width = as_count(width, "width", low=1)
    rule = (f".jp-OutputArea-child:has(img.lc-saved-{uid}) + .jp-OutputArea-child:not(:has(.lc-live-{uid}))"
            "{display:none}")
    return (f"<style>{rule}</style>"
            f'<img class="lc-saved-{uid}" src="data:image/png;base64,{png_base64}" '
            f'alt="{html.escape(as_text(alt, "alt"))}" width="{width}" style="max-width: 100%; height: auto">')


def live_panel_css(uid: str) -> str:
    """What a live panel carries in a hidden HTML widget: a style and a keyboard guard.

    A ``<style>`` hides the saved picture printed above it (and, where ``:has`` is supported, that
    picture's whole output). A one-off handler (an HTML widget runs no ``<script>``; an empty
    image's ``onerror`` does) marks the panel and its controls with Lumino's
    ``data-lm-suppress-shortcuts``, so keys pressed on a slider stay in the explorer: in JupyterLab 4
    and Notebook 7, ``a`` on a focused handle no longer inserts a cell (checked by
    ``benchmarks/jupyterlab_latency.py``), and the notebook's other command-mode keys are held back
    the same way. It also names each slider handle by its label (``aria-label``) and makes it
    announce what its readout shows (``aria-valuetext``: a log slider's handle announced the
    exponent).

    >>> page = live_panel_css("a1")
    >>> page.startswith("<style>img.lc-saved-a1{display:none} ")
    True
    >>> "closest('.lc-live-a1')" in page and "data-lm-suppress-shortcuts" in page
    True
    """
    uid = _uid(uid)
    keys = ("var p=this.closest('.lc-live-UID');if(p){[p].concat(Array.from(p.querySelectorAll("
            "'[tabindex],button,input,select,[role=slider]'))).forEach(function(e){"
            "e.setAttribute('data-lm-suppress-shortcuts','true');});"
            # each slider handle: named by its label, and announcing the value its readout shows (a log
            # slider's handle would announce the exponent)
            "p.querySelectorAll('.widget-slider,.widget-hslider').forEach(function(s){"
            "var h=s.querySelector('[role=slider]'),l=s.querySelector('.widget-label'),"
            "r=s.querySelector('.widget-readout');if(!h){return;}"
            "if(l){h.setAttribute('aria-label',l.textContent);}"
            "if(r){var t=function(){h.setAttribute('aria-valuetext',r.textContent||r.value||'');};t();"
            "new MutationObserver(t).observe(r,{childList:true,characterData:true,subtree:true});"
            "new MutationObserver(function(){if(h.getAttribute('aria-valuetext')!==(r.textContent||r.value||''))"
            "{t();}}).observe(h,{attributes:true,attributeFilter:['aria-valuetext']});}});}"
            "this.remove();").replace("UID", uid)
    return (f"<style>img.lc-saved-{uid}{{display:none}} "
            f".jp-OutputArea-child:has(img.lc-saved-{uid}){{display:none}}</style>"
            f'<img alt="" hidden src="data:image/gif;base64," onerror="{keys}">')


_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
_UID = re.compile(r"[0-9a-f]{1,32}")


def _uid(uid) -> str:
    """An explorer's display id: 1 to 32 lowercase hexadecimal digits (it becomes a CSS class)."""
    if not isinstance(uid, str):
        raise TypeError(f"uid must be a str of hexadecimal digits, got {uid!r}")
    if not _UID.fullmatch(uid):
        raise ValueError(f"uid must be 1 to 32 lowercase hexadecimal digits, got {uid!r}")
    return uid
