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
    if (!el || typeof L === 'undefined' || typeof fetch === 'undefined' || !(window.Machi && window.Machi.baseMap)) {
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
    var map = window.Machi.baseMap(el);
    var layer = L.layerGroup().addTo(map);
    // The list's filters are in data-api; the map adds the bbox of what it shows, so a move asks only for that area.
    var load = window.Machi.viewLoader(map, el.dataset.api);
    window.Machi.onMapSettled(map, function () {
      load(function (data) { draw(data.features || []); });
    });

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
})();
