// What the ward's maps share (the facility, report and open-data maps): loaded after Leaflet and before a page's
// own map script. Progressive enhancement only: every map page is complete without it.
window.Machi = window.Machi || {};
(function (Machi) {
  'use strict';

  // The base map in el: the GSI tiles of data-tile-url, credited with data-tile-attribution (and extraCredit after a
  // bar, both as text), centred on data-lat / data-lon at data-zoom. Returns the Leaflet map.
  Machi.baseMap = function (el, extraCredit) {
    el.classList.add('facility-map--ready');
    var map = L.map(el, { scrollWheelZoom: false })
      .setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)], parseInt(el.dataset.zoom, 10) || 13);
    L.tileLayer(el.dataset.tileUrl, {
      maxZoom: 18,
      attribution: '<a href="https://maps.gsi.go.jp/development/ichiran.html">' + Machi.escapeHtml(el.dataset.tileAttribution)
        + '</a>' + (extraCredit === undefined ? '' : ' | ' + Machi.escapeHtml(extraCredit))
    }).addTo(map);
    return map;
  };

  // Run fn now, and again 250 ms after the map stops moving.
  Machi.onMapSettled = function (map, fn) {
    var timer = null;
    map.on('moveend', function () {
      clearTimeout(timer);
      timer = setTimeout(fn, 250);
    });
    fn();
  };

  // The GeoJSON of api (a URL that may carry its own filters) for what the map shows, with a tenth's margin, as
  // bbox=west,south,east,north. load(onData) aborts the request before it (a newer move wins) and calls onData with
  // the answer; load() only aborts. Offline or aborted, nothing is called: the page's list has everything.
  Machi.viewLoader = function (map, api) {
    var pending = null;
    return function load(onData) {
      if (pending) { pending.abort(); pending = null; }
      if (!onData) { return; }
      var b = map.getBounds().pad(0.1);
      var url = api + (api.indexOf('?') < 0 ? '?' : '&') + 'bbox='
        + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (n) { return n.toFixed(5); }).join(',');
      var controller = typeof AbortController === 'undefined' ? null : new AbortController();
      pending = controller;
      fetch(url, { headers: { Accept: 'application/geo+json' }, signal: controller ? controller.signal : undefined })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (data) { onData(data); }
        })
        .catch(function () { /* aborted by a newer move, or offline */ });
    };
  };

  Machi.escapeHtml = function (s) {
    return String(s === undefined || s === null ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  };
})(window.Machi);
