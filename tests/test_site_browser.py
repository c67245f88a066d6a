"""The built website in a real browser (headless Debian Chromium driven by Playwright).

Every page of ``_build/html`` is opened from ``file://`` with the network blocked, on a desktop
(light and dark) and on a 390-px phone. The test fails on any request leaving the site, any console
error, raw TeX in visible text, an image that does not load, a static slider that does not switch
its frame and its label, a page over its weight budget, or figure text smaller than 9 CSS px on the
phone (read from each PNG's resolution and its displayed scale; the house style's smallest font is
9 pt). Screenshots of every page and mode go to ``_build/screenshots/`` for a person to look at.

It runs after ``make book`` (``.ci/run`` builds first); without a built site, Chromium or
Playwright it skips and says why.
"""

from __future__ import annotations

import gzip
import shutil
import struct
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: Budgets of the website issue: the page's HTML, and everything a chapter loads before the first interaction.
HTML_BUDGET, LOAD_BUDGET = 400_000, 3_000_000
#: The house style's smallest font (legends, panel titles), in points.
SMALLEST_FONT_PT = 9.0
MIN_TEXT_PX = 9.0
MODES = {"light": dict(viewport={"width": 1280, "height": 900}, color_scheme="light"),
         "dark": dict(viewport={"width": 1280, "height": 900}, color_scheme="dark"),
         "phone": dict(viewport={"width": 390, "height": 844}, color_scheme="light", device_scale_factor=2)}

PAGES = sorted(p.relative_to(SITE).as_posix() for p in SITE.glob("**/*.html")
               if not p.relative_to(SITE).as_posix().startswith(("_", "search"))
               and 'http-equiv="Refresh"' not in p.read_text(encoding="utf-8")[:300]) if SITE.is_dir() else []
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


class Visit:
    """One page in one mode: what it requested, what it logged."""

    def __init__(self, browser, page_name, mode):
        self.context = browser.new_context(**MODES[mode])
        self.outside, self.errors, self.loaded = [], [], {}
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url}"))
        self.page.goto(SITE.joinpath(page_name).as_uri(), wait_until="load")
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


RAW_TEX = r"""() => {
  const skip = "pre, code, script, style, mjx-container, .highlight, textarea, .lc-frames";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const el = node.parentElement;
    if (!el || el.closest(skip) || !el.offsetParent) continue;
    const m = node.textContent.match(/\\[a-zA-Z]+\b|\$[^$\s][^$]*\$/);
    if (m) found.push(m[0] + " … " + node.textContent.trim().slice(0, 60));
  }
  return found;
}"""

IMAGES = """() => Array.from(document.images).filter(i => i.getAttribute('src')).map(i => ({
  src: i.currentSrc || i.src, ok: i.complete && i.naturalWidth > 0, natural: i.naturalWidth,
  shown: i.getBoundingClientRect().width, visible: !!i.offsetParent}))"""


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page_name", PAGES)
def test_page_in_a_real_browser(browser, page_name, mode):
    visit = Visit(browser, page_name, mode)
    try:
        initial_bytes = sum(visit.loaded.values())
        visit.scroll_through()
        SHOTS.mkdir(parents=True, exist_ok=True)
        visit.page.screenshot(path=str(SHOTS / f"{page_name.replace('/', '_')[:-5]}-{mode}.png"), full_page=True)
        assert not visit.outside, f"requests leaving the site: {visit.outside[:5]}"
        assert not visit.errors, f"console errors: {visit.errors[:5]}"
        assert not visit.page.evaluate(RAW_TEX), f"raw TeX in visible text: {visit.page.evaluate(RAW_TEX)[:5]}"
        images = visit.page.evaluate(IMAGES)
        broken = [i["src"][-60:] for i in images if not i["ok"]]
        assert not broken, f"images that did not load: {broken}"
        if page_name.startswith("chapters/"):
            assert SITE.joinpath(page_name).stat().st_size <= HTML_BUDGET
            assert initial_bytes <= LOAD_BUDGET, f"{initial_bytes / 1e6:.2f} MB transferred before any interaction"
        if mode == "phone":
            small = []
            for image in images:
                path = _local_path(image["src"])
                dpi = png_dpi(path) if path is not None and path.suffix == ".png" else None
                if dpi and image["visible"] and image["natural"]:
                    px = SMALLEST_FONT_PT * dpi / 72 * image["shown"] / image["natural"]
                    if px < MIN_TEXT_PX:
                        small.append(f"{path.name}: {px:.1f} px")
            assert not small, f"figure text under {MIN_TEXT_PX:g} px on a phone: {small}"
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


@pytest.mark.parametrize("page_name", [p for p in PAGES if p.startswith("chapters/")])
def test_static_sliders_switch_frames_and_labels(browser, page_name):
    visit = Visit(browser, page_name, "light")
    try:
        visit.scroll_through()
        explorers = visit.page.query_selector_all(".lc-explorer")
        for explorer in explorers:
            for result in explorer.evaluate(SLIDE):
                assert result["frame"] and result["label"], f"{page_name}: a control did not switch"
        visit.page.wait_for_timeout(300)
        broken = [i["src"][-60:] for i in visit.page.evaluate(IMAGES) if not i["ok"]]
        assert not broken and not visit.errors, (broken, visit.errors)
    finally:
        visit.close()
