// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    // Move focus to the error summary so screen-reader and keyboard users hear what went wrong.
    var summary = document.querySelector('.error-summary');
    if (summary) {
      summary.focus();
    }
  });
})();

// Maps (the facility and report maps): run fn now, and again 250 ms after the map stops moving.
window.Machi = window.Machi || {};
window.Machi.onMapSettled = function (map, fn) {
  var timer = null;
  map.on('moveend', function () {
    clearTimeout(timer);
    timer = setTimeout(fn, 250);
  });
  fn();
};

// Maps: fetch the GeoJSON of what the map shows — the API URL plus the bbox of the visible area, padded by 10 % —
// and hand it to onData. A newer call aborts the one still running; failures are quiet (the list on the page has
// everything).
window.Machi.abortFetch = function (map) {
  if (map.machiPending) { map.machiPending.abort(); map.machiPending = null; }
};
window.Machi.fetchVisible = function (map, api, onData) {
  window.Machi.abortFetch(map);
  var b = map.getBounds().pad(0.1);
  var url = api + (api.indexOf('?') < 0 ? '?' : '&') + 'bbox='
    + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (n) { return n.toFixed(5); }).join(',');
  var controller = typeof AbortController === 'undefined' ? null : new AbortController();
  map.machiPending = controller;
  fetch(url, { headers: { Accept: 'application/geo+json' }, signal: controller ? controller.signal : undefined })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (data) { if (data) { onData(data); } })
    .catch(function () { /* aborted by a newer move, or offline */ });
};
