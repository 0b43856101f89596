// Progressive enhancement for /facilities: a Leaflet map of the results, and "use my location".
// The list is complete without this file, without Leaflet and without map tiles.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var locate = document.querySelector('.facility-locate');
    if (locate && navigator.geolocation) {
      locate.hidden = false;
      locate.addEventListener('click', function () {
        navigator.geolocation.getCurrentPosition(function (pos) {
          var form = locate.closest('form');
          form.querySelector('#lat').value = pos.coords.latitude.toFixed(5);
          form.querySelector('#lon').value = pos.coords.longitude.toFixed(5);
          form.querySelector('#sort').value = 'distance';
          form.submit();
        });
      });
    }
    var el = document.getElementById('facility-map');
    if (!el || typeof L === 'undefined') {
      return;
    }
    el.classList.add('facility-map--ready');
    var map = L.map(el, { scrollWheelZoom: false })
      .setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)], parseInt(el.dataset.zoom, 10) || 13);
    L.tileLayer(el.dataset.tileUrl, {
      maxZoom: 18,
      attribution: '<a href="https://maps.gsi.go.jp/development/ichiran.html">' + escapeHtml(el.dataset.tileAttribution)
        + '</a> | ' + escapeHtml(el.dataset.dataAttribution)
    }).addTo(map);
    fetch(el.dataset.api, { headers: { Accept: 'application/geo+json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var layer = L.geoJSON(data, {
          onEachFeature: function (feature, marker) {
            var a = document.createElement('a');
            a.href = '/facilities/' + encodeURIComponent(feature.id);
            a.textContent = feature.properties.name;
            marker.bindPopup(a);
          }
        }).addTo(map);
        if (data.features.length > 0) {
          map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [20, 20] });
        }
      });
  });

  function escapeHtml(s) {
    return String(s || '').replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
})();
