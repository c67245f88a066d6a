"""Website figures: page weights and the time to typeset each chapter page's math (MathJax served
from the site), in headless Chromium from file://. Needs a built site (`make book`), Chromium and
Playwright; says so and reports nothing otherwise."""

import gzip
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
TYPESET_BUDGET = 3.0           # seconds from navigation to typeset math on the heaviest page


def _transfer(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in (".html", ".js", ".css", ".svg", ".json") else len(data)


def run(report):
    chromium = shutil.which("chromium")
    pages = sorted(SITE.glob("chapters/*.html"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if not pages or not chromium:
        print("site: skipped (build the site with `make book`; needs chromium and playwright)")
        return
    def _router(loaded):
        """A route handler that records each local file's transfer size in ``loaded`` (Playwright
        passes a handler of two parameters the request as the second: keep this one at one)."""
        def route(r):
            path = Path(r.request.url.removeprefix("file://"))
            if r.request.url.startswith("file://") and path.is_file():
                loaded[path] = _transfer(path)
                return r.continue_()
            return r.abort()
        return route

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for page_path in pages:
            loaded = {}                      # filled by route() for this page
            context = browser.new_context(viewport={"width": 1280, "height": 900})

            context.route("**/*", _router(loaded))
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(page_path.as_uri(), wait_until="load")
            page.evaluate("() => MathJax.startup.promise")
            typeset = time.perf_counter() - t0
            name = page_path.relative_to(SITE).as_posix()
            print(f"site: {name}: HTML {page_path.stat().st_size / 1e3:.0f} KB (budget 400), "
                  f"{sum(loaded.values()) / 1e6:.2f} MB transferred before any interaction (budget 3), "
                  f"{len(loaded)} files")
            report(f"typeset {name}", typeset, TYPESET_BUDGET)
            context.close()
        browser.close()
