"""The built website in a real browser (headless Debian Chromium driven by Playwright).

Every page of ``_build/html`` is opened from ``file://`` with the network blocked, on a desktop
(light and dark) and on a 390-px phone. The test fails on any request leaving the site, any console
error, raw TeX in visible text, an image that does not load, a page over its weight budget, a page
that scrolls sideways, and on:

* **proportions**: an image drawn with an aspect ratio more than 2 % off its natural one;
* **phones**: a figure or explorer frame not wholly on screen at 390 px, or figure text under
  9 CSS px (read from each PNG's resolution and its displayed scale; the house style's smallest
  font is 9 pt) unless a tap opens the figure at full size and a note says so;
* **accessibility**: a serious or critical axe-core violation (WCAG 2.1 A/AA, light and dark) that is
  ours; the theme's own are listed in ``THEME_OWN`` and reported in ``_build/screenshots/axe.json``;
* **the menus**: the chapter list and "On this page" not opening and closing when a reader clicks
  the buttons they see, on the desktop and on a phone;
* **print**: a printed chapter (PDF) missing an explorer's starting frame or a figure, or showing a
  solution the page keeps collapsed;
* **explorers**: a control that does not switch its frame and label, a tick label more than 4 px from
  its stop, a control that moves when a value changes, a dropdown showing raw identifiers;
* **search** (served over http, as Sphinx's search needs): raw TeX in result snippets;
* **the claims ledger**: a verdict not on screen without scrolling, at 1280 px and on a phone.

Screenshots of every page (light, dark, phone, print) go to ``_build/screenshots/`` for a person to
look at. It runs after ``make book`` (``.ci/run`` builds first) and takes about 4 minutes on two
cores; without a built site, Chromium or Playwright it skips and says why (without axe-core, from
``npm ci``, or poppler's ``pdfimages``, only the checks that need them skip).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import re
import shutil
import struct
import subprocess
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The built site (another build, e.g. an older one, with LECTURECODE_SITE=path).
SITE = Path(os.environ.get("LECTURECODE_SITE") or ROOT / "_build" / "html").resolve()
SHOTS = SITE.parent / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PDFIMAGES = shutil.which("pdfimages")
#: Budgets of the website issue: the page's HTML, and everything a chapter loads before the first interaction.
HTML_BUDGET, LOAD_BUDGET = 400_000, 3_000_000
#: The GAN chapter holds 13 figures and 3 explorers since it trains a GAN on real images.
LOAD_BUDGETS = {"chapters/gans.html": 4_000_000}
#: The house style's smallest font (legends, panel titles), in points.
SMALLEST_FONT_PT = 9.0
MIN_TEXT_PX = 9.0
#: Largest relative error of a drawn image's aspect ratio, and of a tick label's distance from its stop.
ASPECT_TOLERANCE, TICK_TOLERANCE_PX = 0.02, 4.0
MODES = {"light": dict(viewport={"width": 1280, "height": 900}, color_scheme="light"),
         "dark": dict(viewport={"width": 1280, "height": 900}, color_scheme="dark"),
         "phone": dict(viewport={"width": 390, "height": 844}, color_scheme="light", device_scale_factor=2)}
#: axe-core violations that come from the theme (sphinx-book-theme / pydata-sphinx-theme markup) and that a
#: page of ours cannot fix: (rule, a CSS selector of the offending node). Reported, never failed on.
THEME_OWN: tuple[tuple[str, str], ...] = ()

PAGES = sorted(p.relative_to(SITE).as_posix() for p in SITE.glob("**/*.html")
               if not p.relative_to(SITE).as_posix().startswith(("_", "search"))
               and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")[:300]) if SITE.is_dir() else []
CHAPTERS = [p for p in PAGES if p.startswith("chapters/")]
#: Text is served compressed by any static host (GitHub Pages, Netlify, `python -m http.server` behind
#: a CDN): the weight of a text file is its gzip size; images and fonts are already compressed.
TEXT_SUFFIXES = (".html", ".js", ".css", ".svg", ".json", ".txt")


def transfer_size(path: Path) -> int:
    """Bytes a reader's browser transfers for this file from a static host."""
    if path.suffix in TEXT_SUFFIXES:
        return len(gzip.compress(path.read_bytes(), 6))
    return path.stat().st_size


def _skip_reason():
    if not SITE.joinpath("index.html").exists():
        return "the site is not built (run `make book` first)"
    if not Path(CHROMIUM).exists():
        return "Chromium is not installed (`apt-get install chromium`; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (it is in requirements.txt)"
    return None


pytestmark = pytest.mark.skipif(_skip_reason() is not None, reason=str(_skip_reason()))


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--allow-file-access-from-files"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def axe_results():
    """Every page's serious/critical axe-core violations, written to _build/screenshots/axe.json."""
    results = {}
    yield results
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "axe.json").write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")


def _local_path(url: str) -> Path | None:
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    path = Path(unquote(parsed.path))
    return path if path.resolve().is_relative_to(SITE.resolve()) else None


def png_dpi(path: Path) -> float | None:
    """Horizontal resolution from a PNG's pHYs chunk (matplotlib writes the figure's dpi there)."""
    data = path.read_bytes()
    i = data.find(b"pHYs")
    if i < 0:
        return None
    x, _, unit = struct.unpack(">IIB", data[i + 4:i + 13])
    return x * 0.0254 if unit == 1 else None


def shot(name: str) -> str:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return str(SHOTS / name)


def page_stem(page_name: str) -> str:
    return page_name.replace("/", "_")[:-5]


class Visit:
    """One page in one mode: what it requested, what it logged."""

    def __init__(self, browser, page_name, mode, query=""):
        self.context = browser.new_context(**MODES[mode])
        self.outside, self.errors, self.loaded = [], [], {}
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        # a frame request the page itself cancels (the next control step replaced it) is not an error
        self.page.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else
                     self.errors.append(f"failed: {r.url} ({r.failure})"))
        self.page.goto(SITE.joinpath(page_name).as_uri() + query, wait_until="load")
        self.page.evaluate("() => (window.MathJax && MathJax.startup) ? MathJax.startup.promise : null")
        self.page.wait_for_timeout(200)

    def _route(self, route):
        path = _local_path(route.request.url)
        if path is None:
            self.outside.append(route.request.url)
            return route.abort()
        if path.is_file():
            self.loaded[str(path)] = transfer_size(path)
        return route.continue_()

    def scroll_through(self):
        height = self.page.evaluate("document.body.scrollHeight")
        for y in range(0, height + 900, 700):
            self.page.evaluate(f"window.scrollTo(0, {y})")
            self.page.wait_for_timeout(40)
        self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(300)

    def close(self):
        self.context.close()


RAW_TEX = r"""(root) => {
  const skip = "pre, code, script, style, mjx-container, .highlight, textarea, .lc-frames";
  const walker = document.createTreeWalker(root || document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || el.closest(skip) || !el.offsetParent) continue;
    const m = node.textContent.match(/\\[a-zA-Z]+\b|\\[()[\]]|\$[^$\s][^$]*\$/);
    if (m) found.push(m[0] + " … " + node.textContent.trim().slice(0, 60));
  }
  return found;
}"""

#: Every image with a source: whether it loaded, its natural and drawn size (the picture: inside padding
#: and border), and for a figure or an
#: explorer frame the fraction of its width a reader can see (inside the viewport and inside every
#: ancestor that clips; an explorer panel counts as its window onto the frame).
IMAGES = """() => Array.from(document.images).filter(i => i.getAttribute('src')).map(i => {
  const r = i.getBoundingClientRect(), cs = getComputedStyle(i), px = k => parseFloat(cs[k]) || 0;
  const w = r.width - px('paddingLeft') - px('paddingRight') - px('borderLeftWidth') - px('borderRightWidth');
  const h = r.height - px('paddingTop') - px('paddingBottom') - px('borderTopWidth') - px('borderBottomWidth');
  const box = i.closest('.lc-panel, .lc-fig-panel') || i;
  const b = box.getBoundingClientRect();
  let left = Math.max(b.left, 0), right = Math.min(b.right, document.documentElement.clientWidth);
  for (let e = box.parentElement; e && e !== document.body; e = e.parentElement) {
    const cs = getComputedStyle(e);
    if (cs.overflowX !== 'visible') { const c = e.getBoundingClientRect(); left = Math.max(left, c.left);
                                      right = Math.min(right, c.right); }
  }
  const link = i.closest('a.image-reference, a.lc-enlarge');
  return {src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0, natural: i.naturalWidth,
    naturalHeight: i.naturalHeight, shown: w, shownHeight: h, visible: !!i.offsetParent && r.width > 0,
    figure: !!i.closest('figure, .lc-explorer'),
    fraction: b.width > 0 ? Math.max(0, right - left) / b.width : 1,
    enlarge: !!(link && link.classList.contains('lc-tap-to-enlarge')), raster: !/\\.svg($|\\?)/.test(i.src)};
})"""


def aspect_errors(images) -> list[str]:
    bad = []
    for i in images:
        if i["ok"] and i["visible"] and i["raster"] and i["naturalHeight"] and i["shownHeight"]:
            error = abs((i["shown"] / i["shownHeight"]) / (i["natural"] / i["naturalHeight"]) - 1)
            if error > ASPECT_TOLERANCE:
                bad.append(f"{i['src'][-30:]}: {100 * error:.1f} % off")
    return bad


def worst_aspect_error(images) -> float:
    return max([abs((i["shown"] / i["shownHeight"]) / (i["natural"] / i["naturalHeight"]) - 1)
                for i in images if i["ok"] and i["visible"] and i["raster"] and i["naturalHeight"]
                and i["shownHeight"]] or [0.0])


def run_axe(page) -> list[dict]:
    """Serious and critical WCAG 2.1 A/AA violations, one entry per offending node (with axe's
    experimental label-content-name-mismatch, WCAG 2.5.3, switched on)."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
      const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                                         rules: {'label-content-name-mismatch': {enabled: true}},
                                         resultTypes: ['violations']});
      const out = [];
      r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').forEach(v =>
        v.nodes.forEach(n => out.push({rule: v.id, impact: v.impact, target: n.target.join(' '),
                                       summary: (n.failureSummary || '').slice(0, 200)})));
      return out;
    }""")
    for v in found:
        v["theme"] = any(rule == v["rule"] and page.evaluate(
            "([t, s]) => { const e = document.querySelector(t); return !!(e && e.closest(s)); }", [v["target"], sel])
            for rule, sel in THEME_OWN)
    return found


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page_name", PAGES)
def test_page_in_a_real_browser(browser, page_name, mode, axe_results):
    visit = Visit(browser, page_name, mode)
    try:
        initial_bytes = sum(visit.loaded.values())
        visit.scroll_through()
        visit.page.evaluate("window.scrollTo(0, 0)")
        visit.page.screenshot(path=shot(f"{page_stem(page_name)}-{mode}.png"), full_page=True)
        assert not visit.outside, f"requests leaving the site: {visit.outside[:5]}"
        assert not visit.errors, f"console errors: {visit.errors[:5]}"
        assert not visit.page.evaluate(RAW_TEX), f"raw TeX in visible text: {visit.page.evaluate(RAW_TEX)[:5]}"
        images = visit.page.evaluate(IMAGES)
        broken = [i["src"][-60:] for i in images if not i["ok"]]
        assert not broken, f"images that did not load: {broken}"
        bad = aspect_errors(images)
        assert not bad, f"images drawn out of proportion (> {ASPECT_TOLERANCE:.0%}): {bad}"
        sideways = visit.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert sideways <= 1, f"the page scrolls sideways by {sideways} px (a wide equation, table or figure)"
        if page_name.startswith("chapters/"):
            assert SITE.joinpath(page_name).stat().st_size <= HTML_BUDGET
            budget = LOAD_BUDGETS.get(page_name, LOAD_BUDGET)
            assert initial_bytes <= budget, f"{initial_bytes / 1e6:.2f} MB transferred before any interaction"
            downloads = visit.page.evaluate("""() => Array.from(document.querySelectorAll(
                'a.btn-download-source-button, a.btn-download-markdown-button'))
                .map(a => a.getAttribute('download'))""")
            assert len(downloads) == 2 and all(downloads), f"downloads without a download attribute: {downloads}"
        if mode == "phone":
            cut = [f"{i['src'][-30:]}: {100 * i['fraction']:.0f} % visible" for i in images
                   if i["figure"] and i["visible"] and i["fraction"] < 0.999]
            assert not cut, f"figures not wholly on a 390-px screen: {cut}"
            small = []
            for image in images:
                path = _local_path(image["src"])
                dpi = png_dpi(path) if path is not None and path.suffix == ".png" else None
                if dpi and image["visible"] and image["natural"] and not image["enlarge"]:
                    scale = image["shown"] / image["natural"]
                    px = SMALLEST_FONT_PT * dpi / 72 * scale
                    if px < MIN_TEXT_PX:
                        small.append(f"{path.name}: {px:.1f} px")
            assert not small, f"figure text under {MIN_TEXT_PX:g} px on a phone, with no way to enlarge: {small}"
        else:
            if AXE.is_file():
                violations = run_axe(visit.page)
                axe_results[f"{page_name} {mode}"] = violations
                ours = [f"{v['rule']} at {v['target']}" for v in violations if not v["theme"]]
                assert not ours, f"serious/critical axe-core violations: {ours[:8]}"
    finally:
        visit.close()


@pytest.mark.parametrize("page_name", PAGES)
def test_print_screenshots(browser, page_name):
    """Each page as printed (print media), for a person to look at; explorers show a frame."""
    visit = Visit(browser, page_name, "light")
    try:
        visit.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        visit.page.emulate_media(media="print")
        visit.page.wait_for_load_state("load")
        visit.page.wait_for_timeout(300)
        visit.page.screenshot(path=shot(f"{page_stem(page_name)}-print.png"), full_page=True)
        empty = visit.page.evaluate("""() => Array.from(document.querySelectorAll('.lc-explorer img.lc-frame'))
            .filter(i => !(i.complete && i.naturalWidth > 0)).length""")
        assert not empty, f"{empty} explorer frames print empty"
    finally:
        visit.close()


def _printed_chapter():
    """The chapter with the most explorers (the print test's subject)."""
    return max(CHAPTERS, key=lambda p: (SITE / p).read_text(encoding="utf-8").count('class="lc-explorer"'))


@pytest.mark.skipif(not CHAPTERS, reason="no chapters built")
def test_a_printed_chapter_keeps_figures_and_explorers_and_hides_solutions(browser, tmp_path):
    """Printed without scrolling first (a reader who opens a chapter and prints it): the PDF holds every
    figure and each explorer's starting frame, and no solution that the page keeps collapsed."""
    page_name = _printed_chapter()
    visit = Visit(browser, page_name, "light")
    try:
        page = visit.page
        sources = page.evaluate("""() => Array.from(new Set(Array.from(document.querySelectorAll(
            '.bd-article figure img, .lc-explorer img.lc-frame')).map(i => i.src)))""")
        from PIL import Image

        assert all(sources), "figures or explorer frames with no source in the page (a printout shows them empty)"
        expected = {}
        for src in sources:
            with Image.open(_local_path(src)) as image:
                expected[src] = image.size
        hidden = page.evaluate("""() => Array.from(document.querySelectorAll('.solution.toggle-hidden'))
            .map(s => s.querySelector('.admonition-title ~ p')).filter(p => p)
            .map(p => p.textContent.replace(/\\s+/g, ' ').trim().slice(0, 40))""")
        pdf = tmp_path / "chapter.pdf"
        page.pdf(path=str(pdf), format="A4")
        frames = page.evaluate("""() => Array.from(document.querySelectorAll('.lc-explorer img.lc-frame'))
            .filter(i => !(i.complete && i.naturalWidth > 0)).length""")
        assert not frames, f"{frames} explorer frames had not loaded when the page was printed"
        if PDFIMAGES:
            listing = subprocess.run([PDFIMAGES, "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
            sizes = {(int(f[3]), int(f[4])) for f in (line.split() for line in listing.splitlines()[2:])
                     if len(f) > 4 and f[2] == "image"}
            missing = [src[-30:] for src, size in expected.items() if size not in sizes]
            assert not missing, f"the PDF of {page_name} lacks {len(missing)} of its {len(expected)} images: {missing}"
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout \
            if shutil.which("pdftotext") else ""
        if text:
            flat = re.sub(r"\s+", " ", text)
            shown = [h for h in hidden if h and h in flat]
            assert not shown, f"collapsed solutions printed open: {shown[:3]}"
    finally:
        visit.close()


SLIDE = """(root) => {
  const img = root.querySelector('img.lc-frame');
  const results = [];
  root.querySelectorAll('[data-lc-control]').forEach((c, j) => {
    const n = c.tagName === 'SELECT' ? c.options.length : parseInt(c.max, 10) + 1;
    if (n < 2) return;
    const before = [img.getAttribute('src'), root.textContent];
    c.value = String((parseInt(c.value, 10) + 1) % n);
    c.dispatchEvent(new Event(c.tagName === 'SELECT' ? 'change' : 'input'));
    results.push({frame: img.getAttribute('src') !== before[0], label: root.textContent !== before[1] ||
                  c.tagName === 'SELECT'});
  });
  return results;
}"""

#: Each range control's tick labels against its stops: the centre of label i and the centre of the
#: thumb at value i (16-px thumb, static_frames.THUMB_PX), in px.
TICKS = """(c) => {
  const r = c.getBoundingClientRect(), n = parseInt(c.max, 10) + 1;
  return Array.from(c.closest('.lc-track').querySelectorAll('.lc-ticks span')).map((s, i) => {
    const b = s.getBoundingClientRect();
    return {label: s.textContent, x: b.left + b.width / 2, y: r.top + r.height / 2,
            stop: r.left + 8 + (n > 1 ? i / (n - 1) : 0) * (r.width - 16)}; });
}"""

#: Step every control through all its values (the others at their start), reading where the controls are.
STEP_ALL = """(root) => {
  const controls = Array.from(root.querySelectorAll('[data-lc-control]'));
  const place = () => JSON.stringify(controls.map(c => { const r = c.getBoundingClientRect();
      return [Math.round(r.left), Math.round(r.top)]; }));
  const start = place(), moved = [];
  controls.forEach(c => {
    const n = c.tagName === 'SELECT' ? c.options.length : parseInt(c.max, 10) + 1, v0 = c.value;
    for (let v = 0; v < n; v++) {
      c.value = String(v); c.dispatchEvent(new Event(c.tagName === 'SELECT' ? 'change' : 'input'));
      if (place() !== start) moved.push((c.closest('label') || c).textContent.trim().slice(0, 30) + ' = ' + v);
    }
    c.value = v0; c.dispatchEvent(new Event(c.tagName === 'SELECT' ? 'change' : 'input'));
  });
  return moved;
}"""


@pytest.mark.parametrize("page_name", CHAPTERS)
def test_static_explorers(browser, page_name):
    """Controls switch frame and label; tick labels sit at their stops (and a click on a label selects
    it); no control moves as values change; dropdown options read as words."""
    visit = Visit(browser, page_name, "light")
    try:
        visit.scroll_through()
        explorers = visit.page.query_selector_all(".lc-explorer")
        for explorer in explorers:
            for result in explorer.evaluate(SLIDE):
                assert result["frame"] and result["label"], f"{page_name}: a control did not switch"
            for control in [c for c in explorer.query_selector_all("input.lc-range") if c.is_visible()]:
                control.scroll_into_view_if_needed()
                ticks = control.evaluate(TICKS)
                off = [f"{t['label']}: {t['x'] - t['stop']:+.1f} px" for t in ticks
                       if abs(t["x"] - t["stop"]) > TICK_TOLERANCE_PX]
                assert not off, f"{page_name}: tick labels away from their stops: {off}"
                start = control.input_value()
                for i, t in enumerate(ticks):
                    visit.page.mouse.click(t["x"], t["y"])
                    assert control.input_value() == str(i), \
                        f"{page_name}: a click above the label {t['label']} selects stop {control.input_value()}"
                control.evaluate("(c, v) => { c.value = v; c.dispatchEvent(new Event('input')); }", start)
            moved = explorer.evaluate(STEP_ALL)
            assert not moved, f"{page_name}: controls move when a value changes: {moved[:4]}"
            raw = [o for o in explorer.evaluate("r => Array.from(r.querySelectorAll('option')).map(o => o.textContent)")
                   if re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", o)]
            assert not raw, f"{page_name}: dropdown options shown as identifiers: {raw}"
        visit.page.wait_for_timeout(300)
        broken = [i["src"][-60:] for i in visit.page.evaluate(IMAGES) if not i["ok"]]
        assert not broken and not visit.errors, (broken, visit.errors)
    finally:
        visit.close()


MENU_STATE = """(which) => {
  const id = which === 'primary' ? 'pst-primary-sidebar' : 'pst-secondary-sidebar';
  const modal = document.getElementById(id + '-modal');
  if (modal && modal.open) { const r = modal.getBoundingClientRect(); return r.width > 100 && r.right > 100; }
  const bar = document.getElementById(id);
  if (!bar) return false;
  const r = bar.getBoundingClientRect(), cs = getComputedStyle(bar);
  return cs.visibility !== 'hidden' && cs.display !== 'none' && r.width > 100 && r.right > 100 &&
         r.left < document.documentElement.clientWidth && !!bar.querySelector('a');
}"""


@pytest.mark.parametrize("mode", ["light", "phone"])
def test_the_menus_open_and_close(browser, mode):
    """A reader clicks the chapter-list button (and on a phone the "On this page" button) they see: the
    menu appears; a second click (desktop) or a click beside the drawer (phone) puts it away."""
    page_name = CHAPTERS[0] if CHAPTERS else "intro.html"
    visit = Visit(browser, page_name, mode)
    try:
        page = visit.page
        menus = ["primary"] + (["secondary"] if mode == "phone" else [])
        for which in menus:
            button = page.locator(f".{which}-toggle:visible").first
            assert button.count(), f"no visible {which} menu button"
            before = page.evaluate(MENU_STATE, which)
            button.click()
            page.wait_for_timeout(400)
            opened = page.evaluate(MENU_STATE, which)
            page.screenshot(path=shot(f"menu-{which}-{mode}.png"))
            if mode == "phone":
                assert not before and opened, f"the {which} menu does not open on a phone"
                # beside the drawer: the chapter list opens on the left, "On this page" on the right
                page.mouse.click(380 if which == "primary" else 10, 420)
                page.wait_for_timeout(400)
                assert not page.evaluate(MENU_STATE, which), f"the {which} menu does not close on a phone"
            else:
                assert before and not opened, "the chapter list does not hide on the desktop"
                button.click()
                page.wait_for_timeout(400)
                assert page.evaluate(MENU_STATE, which), "the chapter list does not come back on the desktop"
        assert not visit.errors, visit.errors
    finally:
        visit.close()


CLAIMS = """() => Array.from(document.querySelectorAll('table.claims-table tbody tr')).map(tr => {
  const td = tr.querySelector('td:last-child'), b = td.getBoundingClientRect();
  let left = Math.max(b.left, 0), right = Math.min(b.right, document.documentElement.clientWidth);
  for (let e = td.parentElement; e && e !== document.body; e = e.parentElement) {
    const cs = getComputedStyle(e);
    if (cs.overflowX !== 'visible') { const c = e.getBoundingClientRect(); left = Math.max(left, c.left);
                                      right = Math.min(right, c.right); }
  }
  return {text: td.textContent.trim(), fraction: b.width ? Math.max(0, right - left) / b.width : 0};
})"""


@pytest.mark.parametrize("mode", ["light", "phone"])
def test_claims_verdicts_are_on_screen(browser, mode):
    page_name = next((p for p in PAGES if p.endswith("claims.html")), None)
    if page_name is None:
        pytest.skip("no claims page")
    visit = Visit(browser, page_name, mode)
    try:
        rows = visit.page.evaluate(CLAIMS)
        assert rows, "the claims ledger has no rows"
        hidden = [r["text"] for r in rows if r["fraction"] < 0.999]
        assert not hidden, f"{len(hidden)} of {len(rows)} verdicts need a sideways scroll: {hidden[:3]}"
    finally:
        visit.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served_site():
    """The site over http on 127.0.0.1 (Sphinx's search fetches pages for its snippets, which file:// forbids)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(SITE)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("query", ["kappa", "eigenvalues", "momentum"])
def test_search_snippets_have_no_raw_tex(browser, served_site, query):
    context = browser.new_context(**MODES["light"])
    outside = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(served_site)
                  else (outside.append(r.request.url), r.abort()))
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{served_site}/search.html?q={query}", wait_until="load")
        page.wait_for_function("() => document.querySelectorAll('#search-results li p.context').length > 0 || "
                               "/found|no/i.test((document.querySelector('#search-results p') || {})"
                               ".textContent || '')",
                               timeout=20000)
        page.wait_for_timeout(1500)                 # snippets arrive one page fetch at a time
        snippets = page.evaluate("() => Array.from(document.querySelectorAll('#search-results li'))"
                                 ".map(li => li.textContent)")
        assert snippets, f"searching {query!r} finds nothing"
        tex = [s.strip()[:80] for s in snippets if re.search(r"\\[a-zA-Z]+|\\[()\[\]]|\$", s)]
        assert not tex, f"raw TeX in search results: {tex[:3]}"
        assert not errors and not outside, (errors, outside)
        page.screenshot(path=shot(f"search-{query}.png"))
    finally:
        context.close()
