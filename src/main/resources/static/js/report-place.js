// まちレポ: set the place of a report on a map (progressive enhancement of the posting form).
// Without this file, without Leaflet or without tiles the form works as before: latitude/longitude typed or
// filled by "Use my location", or a town (町名) with the block. With it, a click or tap on the map sets the
// point and fills the latitude/longitude fields; keyboard users move the map with the arrow keys (Leaflet's own
// keyboard handling, +/- to zoom) and press "Use the centre of the map". Whether the point is inside the ward is
// decided by the server; the outline drawn here and the warning are only a help.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('report-place-map');
    var lat = document.getElementById('lat-input');
    var lon = document.getElementById('lon');
    if (!el || !lat || !lon || typeof L === 'undefined') {
      return;
    }
    var box = el.closest('.report-place');
    var status = document.getElementById('report-place-status');
    box.hidden = false;
    el.classList.add('facility-map--ready');
    var start = [parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)];
    var map = L.map(el, { scrollWheelZoom: false, keyboard: true }).setView(start, parseInt(el.dataset.zoom, 10) || 13);
    L.tileLayer(el.dataset.tileUrl, {
      maxZoom: 18,
      attribution: '<a href="https://maps.gsi.go.jp/development/ichiran.html">' + escapeHtml(el.dataset.tileAttribution) + '</a>'
    }).addTo(map);
    var ring = [];
    try {
      ring = JSON.parse(el.dataset.boundary || '[]');
    } catch (e) {
      ring = [];
    }
    if (ring.length > 2) {
      L.polygon(ring.map(function (p) { return [p[1], p[0]]; }), {
        color: '#00558a', weight: 2, fill: false, interactive: false
      }).addTo(map);
    }
    var marker = null;
    var typed = parseFloat(lat.value);
    var typedLon = parseFloat(lon.value);
    if (isFinite(typed) && isFinite(typedLon)) {
      place(typed, typedLon, false);
    }

    map.on('click', function (e) {
      place(e.latlng.lat, e.latlng.lng, true);
    });
    document.getElementById('report-place-centre').addEventListener('click', function () {
      var c = map.getCenter();
      place(c.lat, c.lng, true);
    });
    // typing the numbers moves the marker too
    [lat, lon].forEach(function (input) {
      input.addEventListener('change', function () {
        var a = parseFloat(lat.value);
        var b = parseFloat(lon.value);
        if (isFinite(a) && isFinite(b)) {
          place(a, b, false);
          map.panTo([a, b]);
        }
      });
    });

    function place(a, b, fill) {
      if (fill) {
        lat.value = a.toFixed(6);
        lon.value = b.toFixed(6);
        lat.dispatchEvent(new Event('input', { bubbles: true })); // the offline draft keeps it
      }
      if (marker) {
        marker.setLatLng([a, b]);
      } else {
        marker = L.marker([a, b], { keyboard: false, title: el.dataset.marker, alt: el.dataset.marker }).addTo(map);
      }
      var inside = ring.length < 3 || contains(ring, b, a);
      status.textContent = el.dataset.set.replace('{0}', a.toFixed(6)).replace('{1}', b.toFixed(6))
        + (inside ? '' : ' ' + el.dataset.outside);
    }
  });

  // ray casting over [lon, lat] points, as the server's check does
  function contains(ring, x, y) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if (((yi > y) !== (yj > y)) && (x < (xj - xi) * (y - yi) / (yj - yi) + xi)) {
        inside = !inside;
      }
    }
    return inside;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
})();
