"""Explorer latency in JupyterLab, input event to new image in the DOM (informational, not in CI:
about 2 minutes).

Starts JupyterLab (this environment's) on a scratch notebook holding the Lorenz and LOLA explorers,
drives it in headless Chromium (Playwright, as tests/test_site_browser.py), focuses one slider handle
of each explorer and presses ArrowRight 30 times, one every 40 ms (a fast scrub). For every key
press it takes the time to the next change of the explorer's <img>, and reports the median and the
maximum, the number of images shown and the time from the last key press to the last image. It
also prints each slider handle's accessible attributes, whether a letter key pressed on a focused
handle reaches the notebook (``a`` inserting a cell), and what the notebook shows when it is saved
and reopened (JupyterLab trusts a notebook it saved itself, so the widget renderer is chosen over
the stored ``image/png``).

    python benchmarks/jupyterlab_latency.py [--lecturecode DIR]   # DIR: another lecturecode (e.g. older)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

CELLS = [
    "import lecturecode as lc\nW = lc.widgets\nprint(lc.__file__)",
    # the Lorenz explorer of solution_concepts and the LOLA explorer of lola, as in the chapters
    "W.explore(lc.views.lorenz_view(z0=[1.0, 1.0, 1.0]), figsize=(6.5, 4.5),\n"
    "    a=W.slider(5, 15, value=10, static=[5, 10, 15], label='a'),\n"
    "    b=W.slider(5, 40, value=28, static=[10, 20, 28, 40], label='b'),\n"
    "    c=W.slider(0.5, 4, value=8 / 3, static=[1.5, 8 / 3, 4], label='c'),\n"
    "    eta=W.slider(0.002, 0.01, value=0.01, static=1, label='η'))",
    "W.explore(lc.views.lola_view(), figsize=(9.0, 4.4),\n"
    "    lookahead=W.slider(0.1, 2.0, value=1.0, static=[0.1, 0.3, 0.5, 1, 2], label='look-ahead'),\n"
    "    delta=W.slider(0.1, 2.0, value=1.0, static=[0.1, 0.5, 1, 2], label='step'))",
    "W.explore_dynamics(lambda a, b: lc.games.quadratic_2d(a, b, a), lc.methods.sim_gda, z0=[1.0, 1.0],\n"
    "    eta=W.slider(0.002, 0.2, value=0.01, log=True, static=6, label='η'),\n"
    "    b=W.slider(0, 10, value=5, static=[0, 2.5, 5, 10], label='coupling b'),\n"
    "    a=W.slider(0, 2, value=1, static=[0, 1], label='curvature a'))",
]
#: (explorer output index, slider index within it) to scrub
SCRUB = {"lorenz b": (0, 1), "lola look-ahead": (1, 0)}

JS_WATCH = """([k]) => {
  const out = document.querySelectorAll('.jp-OutputArea-output .widget-vbox')[k];
  const img = out.querySelector('img');
  window.__changes = []; window.__keys = [];
  new MutationObserver(() => window.__changes.push(performance.now()))
      .observe(img, {attributes: true, attributeFilter: ['src']});
  if (!window.__listening) {
    document.addEventListener('keydown', () => window.__keys.push(performance.now()), true);
    window.__listening = true;
  }
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lecturecode", type=Path, help="a directory holding another lecturecode package")
    parser.add_argument("--presses", type=int, default=30)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    scratch = Path(tempfile.mkdtemp())
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    nbformat.write(nb, scratch / "latency.ipynb")
    env = dict(os.environ, PYDEVD_DISABLE_FILE_VALIDATION="1")
    if args.lecturecode:
        env["PYTHONPATH"] = str(args.lecturecode.resolve())
    port = free_port()
    lab = subprocess.Popen([sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
                            "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.disable_check_xsrf=True",
                            "--LabApp.expose_app_in_browser=True", "--allow-root", f"--ServerApp.root_dir={scratch}"],
                           env=env, stdout=subprocess.DEVNULL,
                           stderr=open(scratch.parent / "lab-latency-server.log", "w"))
    results = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            for _ in range(60):
                try:
                    page.goto(f"http://127.0.0.1:{port}/lab/tree/latency.ipynb", timeout=5000)
                    break
                except Exception:
                    time.sleep(1)
            try:
                page.wait_for_function("window.jupyterapp && document.querySelector('.jp-Notebook')", timeout=60000)
            except Exception:
                page.screenshot(path=str(scratch.parent / "lab-latency.png"))
                print(page.url, page.evaluate("typeof window.jupyterapp"), page.content()[:800])
                raise
            page.wait_for_function("document.querySelector('.jp-Notebook .jp-Cell')", timeout=60000)
            time.sleep(3)                                      # the kernel starts
            print("JupyterLab open; running all cells", flush=True)
            page.evaluate("void window.jupyterapp.commands.execute('notebook:run-all-cells')")
            try:
                page.wait_for_function(
                    "document.querySelectorAll('.jp-OutputArea-output .widget-vbox img').length >= 3",
                    timeout=180000)
            except Exception:
                page.screenshot(path=str(scratch.parent / "lab-latency.png"), full_page=True)
                print(page.evaluate("document.querySelector('.jp-Notebook').innerText.slice(0, 3000)"))
                raise
            print("explorers shown", flush=True)
            time.sleep(2)
            results["live"] = page.evaluate("""() => ({saved_pictures_visible: [...document.querySelectorAll(
                'img[class^="lc-saved-"]')].filter(i => i.getClientRects().length > 0).length,
                saved_pictures: document.querySelectorAll('img[class^="lc-saved-"]').length,
                suppressed: document.querySelectorAll('[data-lm-suppress-shortcuts]').length})""")
            print("live:", json.dumps(results["live"]), flush=True)
            handles = page.evaluate("""() => [...document.querySelectorAll('.jp-OutputArea-output .widget-vbox')]
              .map(v => [...v.querySelectorAll('.widget-slider, .widget-hslider')].map(s => {
                  const h = s.querySelector('.noUi-handle, .ui-slider-handle, [role=slider]');
                  const label = s.querySelector('label, .widget-label');
                  return {label: label && label.textContent, role: h && h.getAttribute('role'),
                          valuetext: h && h.getAttribute('aria-valuetext'),
                          ariaLabel: h && (h.getAttribute('aria-label') || h.getAttribute('aria-labelledby')),
                          readout: (s.querySelector('.widget-readout') || {}).textContent};
              }))""")
            results["handles"] = handles
            for name, (k, j) in SCRUB.items():
                page.evaluate(JS_WATCH, [k])
                handle = page.locator(".jp-OutputArea-output .widget-vbox").nth(k) \
                    .locator(".widget-slider, .widget-hslider").nth(j).locator(".noUi-handle, [role=slider]").first
                handle.focus()
                for _ in range(args.presses):
                    page.keyboard.press("ArrowRight")
                    time.sleep(0.04)
                last = time.time()
                while time.time() - last < 4 and time.time() - last < 60:
                    n = page.evaluate("window.__changes.length")
                    time.sleep(0.5)
                    if page.evaluate("window.__changes.length") != n:
                        last = time.time()
                keys, changes = page.evaluate("[window.__keys, window.__changes]")
                waits = [next((c - t for c in changes if c > t), float("nan")) for t in keys]
                waits = [w for w in waits if w == w]
                results[name] = {
                    "presses": len(keys), "images": len(changes),
                    "median_ms": round(statistics.median(waits)) if waits else None,
                    "max_ms": round(max(waits)) if waits else None,
                    "last_press_to_last_image_ms": round(changes[-1] - keys[-1]) if changes and keys else None,
                    "readout": page.locator(".jp-OutputArea-output .widget-vbox").nth(k)
                    .locator(".widget-readout").nth(j).text_content()}
                print(name, json.dumps(results[name]), flush=True)
            cells = page.evaluate("document.querySelectorAll('.jp-Notebook .jp-Cell').length")
            page.locator(".jp-OutputArea-output .widget-vbox").nth(0).locator("[role=slider]").first.focus()
            page.keyboard.press("a")
            time.sleep(1)
            results["letter key on a handle inserts a cell"] = \
                page.evaluate("document.querySelectorAll('.jp-Notebook .jp-Cell').length") != cells
            print("letter key on a handle inserts a cell:", results["letter key on a handle inserts a cell"])
            page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
            time.sleep(2)
            page.evaluate("window.jupyterapp.commands.execute('kernelmenu:shutdown')")
            time.sleep(3)
            page.reload()
            page.wait_for_function("document.querySelectorAll('.jp-Notebook .jp-OutputArea-output').length >= 3",
                                   timeout=60000)
            time.sleep(8)                                      # a new kernel starts; the widget manager restores
            results["reopened"] = page.evaluate("""() => {
              const outs = [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')];
              const shown = el => !!el && el.getClientRects().length > 0;
              return {explorers_with_img: outs.filter(o => [...o.querySelectorAll('img')].some(shown)).length,
                      model_not_found: outs.filter(o => shown(o) && /model not found/.test(o.textContent)).length};
            }""")
            print("saved and reopened:", json.dumps(results["reopened"]), flush=True)
            browser.close()
    finally:
        lab.terminate()
        lab.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)
    print(json.dumps(results["handles"], ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
