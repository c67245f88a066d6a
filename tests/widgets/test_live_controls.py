"""The explorer panel's keyboard and screen-reader attributes: the script (not yet emitted by the
explorer: JupyterLab 4.6 did not run it), run in headless Chromium on the markup ipywidgets 8 renders for a slider."""

import shutil
from pathlib import Path

import pytest

from lecturecode._live_controls import accessibility_script

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

#: ipywidgets 8's DOM for one labelled log slider (noUiSlider handle) inside an explorer panel
PANEL = """<div class="widget-vbox {cls}"><div class="widget-hbox">
 <div class="widget-slider widget-hslider"><label class="widget-label">η</label>
  <div class="slider-container"><div class="noUi-handle" role="slider" tabindex="0"
       aria-valuetext="-1.30103"></div></div>
  <div class="widget-readout" contenteditable="true">0.05</div></div></div></div>"""


@pytest.mark.parametrize("bad", ["a b", "x');alert(1)//", "", 3])
def test_the_class_name_is_checked(bad):
    with pytest.raises(ValueError, match="css_class"):
        accessibility_script(bad)


@pytest.fixture(scope="module")
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (`apt-get install chromium`)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser.new_page()
        browser.close()


def test_the_script_names_each_handle_keeps_keys_inside_and_announces_the_readout(page):
    page.set_content("<body></body>")
    page.evaluate(accessibility_script("lc-explorer-1"))          # runs before the panel appears
    page.evaluate("html => document.body.insertAdjacentHTML('beforeend', html)",
                  PANEL.format(cls="lc-explorer-1"))
    handle = page.locator("[role=slider]")
    page.wait_for_function("document.querySelector('[role=slider]').getAttribute('aria-label') === 'η'")
    assert page.locator(".lc-explorer-1").get_attribute("data-lm-suppress-shortcuts") == "true"
    assert handle.get_attribute("aria-valuetext") == "0.05"       # the readout, not the exponent
    # a move: noUiSlider writes the exponent again and ipywidgets the readout; the readout wins
    page.evaluate("""() => { document.querySelector('[role=slider]').setAttribute('aria-valuetext', '-1');
                             document.querySelector('.widget-readout').textContent = '0.1'; }""")
    page.wait_for_function("document.querySelector('[role=slider]').getAttribute('aria-valuetext') === '0.1'")


def test_the_script_leaves_other_panels_alone(page):
    page.set_content(PANEL.format(cls="lc-explorer-2"))
    page.evaluate(accessibility_script("lc-explorer-3"))
    assert page.locator("[role=slider]").get_attribute("aria-label") is None
    assert page.locator(".lc-explorer-2").get_attribute("data-lm-suppress-shortcuts") is None
