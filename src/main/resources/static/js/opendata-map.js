// Progressive enhancement for a geographic dataset's page: a Leaflet map of its first points. The page's preview
// table and the files are complete without this file, without Leaflet and without map tiles.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('opendata-map');
    if (!el || typeof L === 'undefined' || typeof fetch === 'undefined' || !(window.Machi && window.Machi.baseMap)) {
      return;
    }
    var map = window.Machi.baseMap(el);
    fetch(el.dataset.geojson, { headers: { Accept: 'application/geo+json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var points = [];
        data.features.forEach(function (f) {
          if (!f.geometry) { return; }
          var lat = f.geometry.coordinates[1];
          var lon = f.geometry.coordinates[0];
          var p = f.properties || {};
          var name = p.name || p.category || p.identifier || '';
          var marker = L.circleMarker([lat, lon], { radius: 6, weight: 2 }).addTo(map);
          if (name) { marker.bindPopup(window.Machi.escapeHtml(String(name))); }
          points.push([lat, lon]);
        });
        if (points.length > 0) {
          map.fitBounds(L.latLngBounds(points), { maxZoom: 16, padding: [20, 20] });
        }
      })
      .catch(function () { /* offline: the table has the data */ });
  });
})();
