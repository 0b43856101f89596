// Progressive enhancement for /reports: a Leaflet map of the published reports, coloured by status.
// The list on the page is complete without this file, without Leaflet and without map tiles.
// Colour is never the only cue: each popup names the status in words, and the legend (shown only with the map)
// shows each status badge in its colour.
(function () {
  'use strict';
  // the colours of .report-status--* in machi.css, so the map and the list agree
  var COLOURS = {
    RECEIVED: '#8a3b00',
    IN_PROGRESS: '#00558a',
    RESOLVED: '#1a6b2a',
    NOT_ACTIONABLE: '#4a4a4a',
    FORWARDED: '#5b2a86'
  };
  document.addEventListener('DOMContentLoaded', function () {
    var el = document.getElementById('report-map');
    if (!el || typeof L === 'undefined' || typeof fetch === 'undefined') {
      return;
    }
    var panel = el.closest('.report-map-panel');
    var legend = panel.querySelector('.report-map-legend');
    var statusLine = panel.querySelector('.report-map-status');
    var labels = {};
    legend.querySelectorAll('li[data-status]').forEach(function (li) {
      labels[li.dataset.status] = li.textContent.trim();
    });
    legend.hidden = false;
    el.classList.add('facility-map--ready');
    var map = L.map(el, { scrollWheelZoom: false })
      .setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)], parseInt(el.dataset.zoom, 10) || 13);
    L.tileLayer(el.dataset.tileUrl, {
      maxZoom: 18,
      attribution: '<a href="https://maps.gsi.go.jp/development/ichiran.html">' + escapeHtml(el.dataset.tileAttribution) + '</a>'
    }).addTo(map);
    var layer = L.layerGroup().addTo(map);
    var pending = null;
    window.Machi.onMapSettled(map, load);

    // The list's filters are in data-api; the map adds the bbox of what it shows, so a move asks only for that area.
    function load() {
      if (pending) { pending.abort(); pending = null; }
      var b = map.getBounds().pad(0.1);
      var url = el.dataset.api + (el.dataset.api.indexOf('?') < 0 ? '?' : '&') + 'bbox='
        + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (n) { return n.toFixed(5); }).join(',');
      var controller = typeof AbortController === 'undefined' ? null : new AbortController();
      pending = controller;
      fetch(url, { headers: { Accept: 'application/geo+json' }, signal: controller ? controller.signal : undefined })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (data) { draw(data.features || []); }
        })
        .catch(function () { /* aborted by a newer move, or offline: the list has everything */ });
    }

    function draw(features) {
      layer.clearLayers();
      var shown = 0;
      features.forEach(function (f) {
        if (!f.geometry || !f.properties) { return; }
        var p = f.properties;
        var colour = COLOURS[p.status] || '#333';
        L.circleMarker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
          radius: 8, color: '#fff', weight: 2, fillColor: colour, fillOpacity: 0.9
        }).bindPopup(popup(f.id, p)).addTo(layer);
        shown++;
      });
      statusLine.textContent = shown === 0 ? el.dataset.none : '';
    }

    function popup(id, p) {
      var box = document.createElement('div');
      var status = document.createElement('p');
      var badge = document.createElement('span');
      badge.className = 'report-status report-status--' + String(p.status || '').toLowerCase().replace(/_/g, '-');
      badge.textContent = labels[p.status] || p.status;
      status.appendChild(badge);
      box.appendChild(status);
      if (p.address) {
        var where = document.createElement('p');
        where.textContent = p.address;
        box.appendChild(where);
      }
      var a = document.createElement('a');
      a.href = p.url || ('/reports/' + encodeURIComponent(id));
      a.textContent = el.dataset.open + ' (No. ' + id + ')';
      box.appendChild(a);
      return box;
    }
  });

  function escapeHtml(s) {
    return String(s || '').replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
})();
