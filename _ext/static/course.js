/* Course site behaviour (loaded after the theme's scripts). */
(function () {
  "use strict";
  var PHONE = 768, MIN_SCALE = 0.8;

  /* 1. The menus. sphinx-book-theme 1.3 and pydata-sphinx-theme 0.17 each attach their sidebar toggles to
     the FIRST ".primary-toggle" / ".secondary-toggle" of the page: pydata's own navbar buttons, which the
     book theme's layout never shows. The buttons a reader sees (in the article header) had no handler.
     Each visible button passes its click on to the theme's, which toggles the sidebar on a wide screen
     and opens it as a drawer on a narrow one. */
  function wireToggles() {
    ["primary", "secondary"].forEach(function (which) {
      var theirs = document.querySelector("." + which + "-toggle");
      if (!theirs) { return; }
      document.querySelectorAll("." + which + "-toggle").forEach(function (button) {
        if (button === theirs) { return; }
        button.setAttribute("aria-label", which === "primary" ? "Site navigation" : "On this page");
        button.addEventListener("click", function (event) {
          event.preventDefault();
          event.stopPropagation();
          theirs.click();
        });
      });
    });
  }

  /* 2. Phones: a figure fits the width with its true proportions (the whole figure is on screen). Where
     its smallest text would fall under 9 px (under 80 % of its laid-out size) and it is a link to its
     image, a note under it says that a tap opens it at full size. */
  function layout() {
    var narrow = window.innerWidth < PHONE;
    document.querySelectorAll(".bd-article figure a.image-reference, .lc-explorer a.lc-enlarge").forEach(function (link) {
      var img = link.querySelector("img");
      if (!img || !img.naturalWidth) { return; }
      var laidOut = parseFloat(img.style.width) || parseFloat(img.getAttribute("width")) || img.naturalWidth / 2;
      var panel = link.querySelector(".lc-fig-panel img");      /* stacked panels: one window's image */
      var shown = (panel && !img.offsetParent ? panel : img).getBoundingClientRect().width;
      link.classList.toggle("lc-tap-to-enlarge", narrow && shown < MIN_SCALE * laidOut);
    });
    scrollableTables();
  }

  /* 2a. A table wider than the column scrolls inside its own box (course.css); a keyboard reader must be
     able to reach it to scroll it (axe-core: scrollable-region-focusable), so a table that overflows is
     focusable, and one that fits is not. */
  function focusIfScrolling(table) {
    if (table.scrollWidth > table.clientWidth + 1) { table.setAttribute("tabindex", "0"); }
    else if (table.getAttribute("tabindex") === "0") { table.removeAttribute("tabindex"); }
  }
  var watched = typeof ResizeObserver === "function" ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { focusIfScrolling(entry.target); });
  }) : null;
  function scrollableTables() {
    document.querySelectorAll(".bd-article table").forEach(function (table) {
      focusIfScrolling(table);
      if (watched && !table.lcWatched) { watched.observe(table); table.lcWatched = true; }
    });
  }

  /* 2b. The theme's search and colour-mode buttons: an accessible name that contains what the button
     shows (axe-core: label-content-name-mismatch). The search button reads its text ("Search Ctrl+K");
     the colour-mode button keeps "Color mode" and its icons (Font Awesome swaps in SVGs with titles
     later) are decoration. */
  function buttonNames() {
    document.querySelectorAll(".search-button-field[aria-label]").forEach(function (b) {
      if (b.textContent.trim()) { b.removeAttribute("aria-label"); }
    });
    document.querySelectorAll(".theme-switch-button").forEach(function (b) {
      function hide() {
        b.querySelectorAll("svg, i").forEach(function (icon) {
          if (icon.getAttribute("aria-hidden") !== "true") { icon.setAttribute("aria-hidden", "true"); }
        });
      }
      hide();
      new MutationObserver(hide).observe(b, {childList: true, subtree: true});
    });
  }

  /* 3. Downloads: the .ipynb and .md of a chapter are saved, not opened as text in the tab. */
  function downloads() {
    document.querySelectorAll("a.btn-download-source-button, a.btn-download-markdown-button").forEach(function (a) {
      var name = (a.getAttribute("href") || "").split("/").pop();
      if (!/\.(ipynb|md)$/.test(name)) { return; }
      a.setAttribute("download", name);
      a.removeAttribute("target");
    });
  }

  /* 4. Search: Sphinx cuts its snippets from the page source, where inline maths is still TeX
     (\(\kappa\)); they read as plain text with the symbols instead. */
  var SYMBOLS = {alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε", varepsilon: "ε", zeta: "ζ", eta: "η",
    theta: "θ", kappa: "κ", lambda: "λ", mu: "μ", nu: "ν", xi: "ξ", pi: "π", rho: "ρ", sigma: "σ", tau: "τ",
    phi: "φ", varphi: "φ", chi: "χ", psi: "ψ", omega: "ω", Gamma: "Γ", Delta: "Δ", Theta: "Θ", Lambda: "Λ",
    Sigma: "Σ", Phi: "Φ", Psi: "Ψ", Omega: "Ω", nabla: "∇", partial: "∂", infty: "∞", le: "≤", leq: "≤",
    ge: "≥", geq: "≥", ne: "≠", neq: "≠", approx: "≈", sim: "∼", cdot: "·", times: "×", pm: "±", mp: "∓",
    to: "→", rightarrow: "→", leftarrow: "←", mapsto: "↦", in: "∈", top: "⊤", sqrt: "√", sum: "Σ",
    min: "min", max: "max", log: "log", exp: "exp", det: "det", R: "ℝ", E: "𝔼", ldots: "…", dots: "…",
    quad: " ", qquad: " ", lVert: "‖", rVert: "‖", Vert: "‖", lvert: "|", rvert: "|", left: "", right: "",
    langle: "⟨", rangle: "⟩", circ: "∘", star: "⋆", prime: "′"};
  function untex(text) {
    return text
      .replace(/\\[()[\]]/g, "")
      .replace(/\\mathbb\{R\}/g, "ℝ").replace(/\\mathbb\{E\}/g, "𝔼")
      .replace(/\\(?:mathrm|mathbf|mathit|mathcal|text|operatorname|boldsymbol|bm)\{([^{}]*)\}/g, "$1")
      .replace(/\\frac\{([^{}]*)\}\{([^{}]*)\}/g, "$1/$2")
      .replace(/\\([a-zA-Z]+)/g, function (m, name) { return name in SYMBOLS ? SYMBOLS[name] : name; })
      .replace(/\\[,;:! ]/g, " ")
      .replace(/\$+/g, "")
      .replace(/[{}]/g, "");
  }
  function cleanSearch() {
    if (!document.getElementById("search-results") && !/search\.html$/.test(location.pathname)) { return; }
    function clean() {
      var results = document.getElementById("search-results");   /* searchtools may create it later */
      if (!results) { return; }
      /* whole snippets and titles: the search term's highlight may split "\kappa" in two (it then reads
         as plain text, without the highlight) */
      results.querySelectorAll("p, a").forEach(function (el) {
        if (/\\[a-zA-Z()[\]]|\$/.test(el.textContent)) { el.textContent = untex(el.textContent); }
      });
    }
    new MutationObserver(clean).observe(document.body, {childList: true, subtree: true, characterData: true});
    clean();
  }
  window.lcUntex = untex;

  document.addEventListener("DOMContentLoaded", function () {
    wireToggles();
    buttonNames();
    downloads();
    cleanSearch();
    layout();
  });
  window.addEventListener("load", layout);
  window.addEventListener("resize", layout);
})();
