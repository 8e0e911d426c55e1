/* Map of places (progressive enhancement: the list works without it).
   Places are circle markers (vector), so they still show when the tile server is unreachable.
   The frame is where the points are; with places on the mainland and overseas, the main map frames
   the mainland and each overseas territory with places gets a small map of its own below it. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  // Mainland France with Corsica, then the overseas departments, in the order of data-insets.
  var MAINLAND = L.latLngBounds([41.2, -5.6], [51.3, 9.8]);
  var OVERSEAS = [
    L.latLngBounds([15.8, -61.9], [16.6, -60.9]),
    L.latLngBounds([14.3, -61.3], [14.95, -60.75]),
    L.latLngBounds([2.0, -54.7], [5.9, -51.5]),
    L.latLngBounds([-21.45, 55.15], [-20.8, 55.9]),
    L.latLngBounds([-13.1, 44.9], [-12.6, 45.35])
  ];
  var insetNames = (el.getAttribute("data-insets") || "").split("|");
  var tiles = el.getAttribute("data-tiles");
  var attribution = el.getAttribute("data-attribution") || "";
  var linkText = el.getAttribute("data-link-text") || "";
  var map = L.map(el, { scrollWheelZoom: false }).setView([46.6, 2.4], 5);
  if (tiles) { L.tileLayer(tiles, { maxZoom: 18, attribution: attribution }).addTo(map); }

  function marker(p) {
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
    return m;
  }
  function overseasIndex(p) {
    for (var i = 0; i < OVERSEAS.length; i++) {
      if (OVERSEAS[i].contains([p.lat, p.lon])) { return i; }
    }
    return -1;
  }
  function inset(holder, index, points) {
    var box = document.createElement("figure");
    box.className = "map-inset";
    var div = document.createElement("div");
    div.setAttribute("role", "img");
    div.setAttribute("aria-label", insetNames[index] || "");
    var caption = document.createElement("figcaption");
    caption.textContent = (insetNames[index] || "") + " (" + points.length + ")";
    box.appendChild(div);
    box.appendChild(caption);
    holder.appendChild(box);
    var small = L.map(div, { zoomControl: false, attributionControl: false, scrollWheelZoom: false });
    if (tiles) { L.tileLayer(tiles, { maxZoom: 18 }).addTo(small); }
    var layer = L.featureGroup(points.map(marker)).addTo(small);
    small.fitBounds(L.latLngBounds(OVERSEAS[index].getSouthWest(), OVERSEAS[index].getNorthEast()).extend(layer.getBounds()), { padding: [6, 6], animate: false });
  }
  function frame(layer, count) {
    var center = data("map-center");
    if (count > 1) {
      map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 13, animate: false });
    } else if (center) {
      map.setView([center.lat, center.lon], 13, { animate: false });
    } else if (count === 1) {
      map.setView(layer.getBounds().getCenter(), 12, { animate: false });
    }
    el.setAttribute("data-frame", map.getBounds().toBBoxString());
  }
  function addPoints(points) {
    var mainland = [], overseas = {}, other = [];
    points.forEach(function (p) {
      var i = overseasIndex(p);
      if (i >= 0) { (overseas[i] = overseas[i] || []).push(p); }
      else if (MAINLAND.contains([p.lat, p.lon])) { mainland.push(p); }
      else { other.push(p); }
    });
    var groups = Object.keys(overseas);
    if (!mainland.length || !groups.length) {
      // One territory only (or nothing to set apart): frame every point on the main map.
      var all = L.featureGroup(points.map(marker)).addTo(map);
      frame(all, points.length);
    } else {
      var main = L.featureGroup(mainland.concat(other).map(marker)).addTo(map);
      frame(main, mainland.length + other.length);
      var holder = document.createElement("div");
      holder.className = "map-insets";
      el.parentNode.insertBefore(holder, el.nextSibling);
      groups.forEach(function (i) { inset(holder, Number(i), overseas[i]); });
      el.setAttribute("data-insets-shown", String(groups.length));
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
