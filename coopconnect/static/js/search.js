/* Search form enhancements: commune suggestions in the <datalist>, and "use my position". */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var list = document.getElementById("communes-list");
  var position = form.querySelector("input[name=position]");
  var timer = null;
  var last = "";
  if (input && list && window.fetch) {
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        last = q;
        fetch(form.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(q), { headers: { "HX-Request": "true" } })
          .then(function (r) { return r.ok ? r.text() : ""; })
          .then(function (html) { list.innerHTML = html; })
          .catch(function () {});
      }, 200);
    });
  }
  if (position && navigator.geolocation) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = form.getAttribute("data-geo-label");
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    status.className = "muted";
    position.insertAdjacentElement("afterend", status);
    position.insertAdjacentElement("afterend", button);
    button.addEventListener("click", function () {
      status.textContent = form.getAttribute("data-geo-wait");
      navigator.geolocation.getCurrentPosition(function (pos) {
        position.value = pos.coords.latitude.toFixed(5) + "," + pos.coords.longitude.toFixed(5);
        if (input) { input.value = ""; }
        status.textContent = form.getAttribute("data-geo-ok");
      }, function () {
        status.textContent = form.getAttribute("data-geo-error");
      }, { timeout: 10000, maximumAge: 600000 });
    });
  }
})();
