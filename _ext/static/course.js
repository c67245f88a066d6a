/* Phones (< 768 px): keep every figure at >= 80 % of its laid-out size, so its smallest text stays readable
   (>= 9 CSS px), and let the reader scroll a wide one sideways instead of shrinking it. */
(function () {
  var MIN_SCALE = 0.8, PHONE = 768;
  function layout() {
    var narrow = window.innerWidth < PHONE;
    document.querySelectorAll(".cell_output img, .lc-explorer img.lc-frame").forEach(function (img) {
      if (img.closest(".lc-panel")) { return; }                 /* panels stack instead */
      if (!narrow) { img.style.minWidth = ""; return; }
      /* the laid-out size: a width attribute, else the inline style myst-nb writes for HiDPI images (their
         natural size is twice the laid-out one) */
      var natural = parseFloat(img.getAttribute("width")) || parseFloat(img.style.width) || img.naturalWidth / 2;
      if (!natural) { return; }
      img.style.minWidth = Math.round(MIN_SCALE * natural) + "px";
      var box = img.closest(".cell_output, .lc-explorer");
      if (box) { box.classList.add("lc-wide"); }
    });
  }
  document.addEventListener("DOMContentLoaded", layout);
  window.addEventListener("load", layout);
  window.addEventListener("resize", layout);
})();
