"""Sphinx extension for the course site (loaded through ``sphinx.local_extensions`` in _config.yml).

* **No third-party request at read time.** MathJax 3 is served from the site: its static files
  come from the ``django-static-mathjax`` wheel (MathJax 3.2.2 as plain files on PyPI, pinned in
  requirements.txt), so ``make book`` still needs only Python and make.
* **No Thebe.** The site has no live-code kernel (readers launch Binder or Colab instead), and
  Jupyter Book 1.0.4 injects sphinx-thebe's inline configuration twice, which raises a
  JavaScript error on every page; its scripts are dropped from every page.
* **Downloads.** A chapter's ``.ipynb`` download is the executed notebook (with its figures),
  and the download menu gains a ``.md`` (MyST Markdown, converted with jupytext) of the chapter.
* **Explorer frames** written by the notebooks during execution (``LECTURECODE_FRAMES_DIR``, see
  :mod:`lecturecode.static_frames`) are copied into ``_static/explorers``.
* **A stylesheet and a script** (``static/course.css``, ``static/course.js``): figures keep a light card
  in dark mode instead of being dimmed; on a phone explorer panels stack, and wide figures keep a
  readable size and scroll sideways.
* **Multi-panel figures stack on a phone**: a figure whose panels sit side by side, split by blank
  gutters, also gets its panels as windows onto the same image, which the stylesheet shows one above
  the other on a narrow screen (:func:`panel_columns`).
* **Author-year bibliography** (``bibtex_default_style: author_year``), matching the author-year
  citations in the text, with DOIs and URLs as links.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle

HERE = Path(__file__).resolve().parent
#: The parts of MathJax's es5 build a page can ask for: the TeX-to-CHTML component, its fonts, the
#: TeX extensions it autoloads, and the menu / accessibility parts it loads on demand.
MATHJAX_PARTS = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions", "a11y", "ui", "sre",
                 "adaptors")


class AuthorYearLabels(BaseLabelStyle):
    """Labels like ``Gidel et al., 2019`` (``a``/``b`` suffixes keep them unique)."""

    def format_labels(self, sorted_entries):
        labels = [self._label(entry) for entry in sorted_entries]
        seen = {}
        for label in labels:
            seen[label] = seen.get(label, 0) + 1
        count = {}
        for label in labels:
            if seen[label] > 1:
                count[label] = count.get(label, 0) + 1
                yield f"{label}{'abcdefghijklmnopqrstuvwxyz'[count[label] - 1]}"
            else:
                yield label

    @staticmethod
    def _label(entry):
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        year = entry.fields.get("year", "n.d.")
        if not people:
            return f"{entry.fields.get('title', entry.key)[:20]}, {year}"
        last = lambda p: " ".join(p.last_names).replace("{", "").replace("}", "")  # noqa: E731
        if len(people) == 1:
            names = last(people[0])
        elif len(people) == 2:
            names = f"{last(people[0])} and {last(people[1])}"
        else:
            names = f"{last(people[0])} et al."
        return f"{names}, {year}"


class AuthorYearStyle(UnsrtStyle):
    """pybtex's ``unsrt`` formatting (with DOI and URL links) under author-year labels, sorted by
    author, year and title."""

    default_label_style = AuthorYearLabels
    default_sorting_style = "author_year_title"


register_plugin("pybtex.style.formatting", "author_year", AuthorYearStyle)


def _mathjax_source() -> Path:
    import mathjax                                        # the django-static-mathjax wheel

    return Path(mathjax.__file__).resolve().parent / "static" / "mathjax" / "es5"


def _config_inited(app, config):
    config.mathjax_path = "mathjax/tex-chtml.js"
    # follow the reader's light/dark preference (unset, the theme logs "invalid theme mode" on every page)
    config.html_context = {**config.html_context, "default_mode": "auto"}
    config.html_static_path = list(config.html_static_path) + [str(HERE / "static")]
    config.html_css_files = list(config.html_css_files) + ["course.css"]
    config.html_js_files = list(config.html_js_files) + ["course.js"]


def _drop_thebe(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files", [])
    kept = [s for s in scripts if "thebe" not in str(getattr(s, "filename", "") or "")
            and "THEBE_JS_URL" not in str(getattr(s, "attributes", {}).get("body", ""))]
    context["script_files"] = kept


def _aria_lists(app, pagename, templatename, context, doctree):
    """docutils writes a bibliography as ``role="list"`` whose items have ``role="doc-biblioentry"``,
    which a list may not hold (axe-core: aria-required-children, critical): they become list items."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def _copy_mathjax(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    source, target = _mathjax_source(), Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        src, dst = source / part, target / part
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst)


def _download_entries(app, pagename, templatename, context, doctree):
    """Add the chapter's Markdown to the theme's download menu (runs after the theme builds it)."""
    if context.get("page_source_suffix") != ".ipynb":
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].insert(1, {
                "type": "link", "url": f"{context['pathto']('_sources', 1)}/{pagename}.md", "text": ".md",
                "tooltip": "Download as Markdown (MyST)", "icon": "fas fa-file-lines",
                "label": "download-markdown-button"})
            for button in group["buttons"]:
                if button.get("text") == ".ipynb":
                    button["tooltip"] = "Download the notebook, executed, with its figures"


def _executed_downloads(app, exception):
    """Replace each chapter's downloadable notebook by the executed one and write its Markdown."""
    if exception is not None or app.builder.format != "html":
        return
    import jupytext

    executed = Path(app.outdir).parent / "jupyter_execute"
    for source in sorted(Path(app.srcdir).glob("chapters/*.ipynb")) + sorted(Path(app.srcdir).glob("appendix/*.ipynb")):
        folder = source.parent.name
        target = Path(app.outdir) / "_sources" / folder / source.name
        if not target.parent.is_dir():
            continue
        _write_executed(executed / folder / source.name, source, target)
        notebook = jupytext.read(source)
        jupytext.write(notebook, target.with_suffix(".md"), fmt="md:myst")


def _has_outputs(path: Path) -> bool:
    import json

    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    return any(c.get("outputs") for c in cells if c.get("cell_type") == "code")


def _write_executed(run: Path, source: Path, target: Path) -> None:
    """The executed notebook: myst-nb's copy, or (on a rebuild served from the execution cache,
    where myst-nb writes the notebook without its outputs) the cached outputs merged in."""
    if run.is_file() and _has_outputs(run):
        shutil.copy2(run, target)
        return
    cache = run.parents[2] / ".jupyter_cache"        # _build/jupyter_execute/<folder>/x.ipynb -> _build
    if not cache.is_dir():
        return
    import nbformat
    from jupyter_cache import get_cache

    try:
        _, merged = get_cache(str(cache)).merge_match_into_notebook(nbformat.read(str(source), as_version=4))
    except KeyError:                         # no cached execution of this version of the notebook
        return
    nbformat.write(merged, str(target))


#: A figure's ``<img>`` as myst-nb writes it inside its link: alt, source and laid-out size.
_FIGURE_IMG = re.compile(r'<img alt="(?P<alt>[^"]*)" src="(?P<src>[^"]*\.png)" '
                         r'style="width: (?P<w>[\d.]+)px; height: (?P<h>[\d.]+)px;" />')


def panel_columns(rgba, *, min_share=0.2, max_panels=4):
    """The column ranges of a figure's panels side by side: split at full-height background gutters
    (every pixel near white or transparent), a piece narrower than ``min_share`` of the width (a
    colour bar) joining its left neighbour. ``[]`` unless there are 2..max_panels panels (a title or a
    legend across the panels leaves no gutter, and the figure is not split).

    >>> import numpy as np
    >>> img = np.full((10, 30, 4), 255, np.uint8); img[2:8, 2:12, :3] = 0; img[2:8, 17:28, :3] = 0
    >>> panel_columns(img)
    [(2, 12), (17, 28)]
    """
    import numpy as np

    rgb, alpha = rgba[..., :3], rgba[..., 3]
    ink = ~(((rgb >= 245).all(axis=-1)) | (alpha < 10))
    used = ink.any(axis=0)
    cols = np.flatnonzero(used)
    if cols.size == 0:
        return []
    width, gap = rgba.shape[1], max(4, int(0.004 * rgba.shape[1]))
    pieces, start, last = [], cols[0], cols[0]
    for c in cols[1:]:
        if c - last > gap:
            pieces.append([start, last + 1])
            start = c
        last = c
    pieces.append([start, last + 1])
    merged = []
    for piece in pieces:
        if merged and piece[1] - piece[0] < min_share * width:
            merged[-1][1] = piece[1]
        else:
            merged.append(piece)
    if len(merged) > 1 and merged[0][1] - merged[0][0] < min_share * width:
        first = merged.pop(0)
        merged[0][0] = first[0]
    return [tuple(int(v) for v in p) for p in merged] if 2 <= len(merged) <= max_panels else []


def _stacked_figure(match, image_dir: Path) -> str:
    """The figure's image as it was, followed by its panels as windows onto the same file, stacked
    (the stylesheet shows them instead of the whole figure on a phone, where side by side they would be
    too small to read)."""
    import numpy as np
    from PIL import Image

    path = image_dir / Path(match["src"]).name
    if not path.is_file():
        return match[0]
    with Image.open(path) as img:
        rgba = np.asarray(img.convert("RGBA"))
    panels = panel_columns(rgba)
    if not panels:
        return match[0]
    height, width = rgba.shape[:2]
    scale = float(match["w"]) / width                  # laid-out px per image px
    windows = "".join(
        f'<span class="lc-fig-panel" style="aspect-ratio:{x1 - x0}/{height};max-width:{(x1 - x0) * scale:.0f}px">'
        f'<img alt="" src="{match["src"]}" style="width:{100 * width / (x1 - x0):.3f}%;'
        f'margin-left:-{100 * x0 / (x1 - x0):.3f}%" /></span>' for x0, x1 in panels)
    whole = match[0].replace("<img ", '<img class="lc-has-panels" ', 1)
    return f'{whole}<span class="lc-stacked" role="img" aria-label="{match["alt"]}">{windows}</span>'


def _stack_panels(app, exception):
    """Each page's multi-panel figures also as stacked panels, for phones (idempotent on rebuilds)."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    for page in out.glob("**/*.html"):
        if page.relative_to(out).parts[0].startswith("_"):
            continue
        text = page.read_text(encoding="utf-8")
        if 'class="lc-has-panels"' in text or "_images/" not in text:
            continue
        new = _FIGURE_IMG.sub(lambda m: _stacked_figure(m, out / "_images"), text)
        if new != text:
            page.write_text(new, encoding="utf-8")


def _copy_frames(app, exception):
    frames = os.environ.get("LECTURECODE_FRAMES_DIR")
    if exception is not None or app.builder.format != "html" or not frames or not Path(frames).is_dir():
        return
    shutil.copytree(frames, Path(app.outdir) / "_static" / "explorers", dirs_exist_ok=True)


def setup(app):
    app.connect("config-inited", _config_inited)
    app.connect("html-page-context", _drop_thebe)
    app.connect("html-page-context", _aria_lists)
    app.connect("build-finished", _copy_mathjax)
    app.connect("build-finished", _copy_frames)
    app.connect("build-finished", _stack_panels)
    app.connect("build-finished", _executed_downloads)
    app.connect("html-page-context", _download_entries, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
