/* Map of places (progressive enhancement: the list works without it).
   Places are circle markers (vector), so they still show when the tile server is unreachable. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var map = L.map(el, { scrollWheelZoom: false }).setView([46.6, 2.4], 5);
  var tiles = el.getAttribute("data-tiles");
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: el.getAttribute("data-attribution") || "" }).addTo(map);
  }
  var linkText = el.getAttribute("data-link-text") || "";
  function addPoints(points) {
    var layer = L.featureGroup();
    points.forEach(function (p) {
      var m = L.circleMarker([p.lat, p.lon], { radius: 7, color: "#0b5c8e", weight: 2, fillColor: "#2f8fd0", fillOpacity: 0.85 });
      var box = document.createElement("div");
      var strong = document.createElement("strong");
      strong.textContent = p.name;
      box.appendChild(strong);
      if (p.url) {
        var a = document.createElement("a");
        a.href = p.url;
        a.textContent = linkText;
        box.appendChild(document.createElement("br"));
        box.appendChild(a);
      }
      m.bindPopup(box);
      layer.addLayer(m);
    });
    layer.addTo(map);
    var center = data("map-center");
    if (points.length > 1) {
      map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 13 });
    } else if (center) {
      map.setView([center.lat, center.lon], 13);
    }
    el.setAttribute("data-markers", String(points.length));
  }
  var inline = data("map-points");
  if (inline) {
    addPoints(inline);
  } else if (el.getAttribute("data-points-url")) {
    fetch(el.getAttribute("data-points-url"), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        addPoints(d.places.map(function (r) { return { lat: r[0], lon: r[1], name: r[2], url: r[3] }; }));
      })
      .catch(function () { el.setAttribute("data-markers", "0"); });
  }
})();
