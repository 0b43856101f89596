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
