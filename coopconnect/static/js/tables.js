// A table wider than a phone's screen scrolls inside itself (site.css): make it reachable with the
// keyboard too, so it can be scrolled without a mouse (WCAG 2.1.1). Without JavaScript the page
// still shows every table; only this keyboard focus is added.
(function () {
  function mark() {
    document.querySelectorAll("main table").forEach(function (table) {
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.dataset.scrollFocus = "1";
      } else if (!scrolls && table.dataset.scrollFocus) {
        table.removeAttribute("tabindex");
        delete table.dataset.scrollFocus;
      }
    });
  }
  var pending;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(mark, 150);
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();
