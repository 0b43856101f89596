// まちレポ: progressive enhancement of the report form. Without this file the form works with typed
// latitude/longitude or a town (町名). With it, "Use my location" fills the fields from the device's GPS.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('report-locate');
    var lat = document.getElementById('lat-input');
    var lon = document.getElementById('lon');
    if (!button || !lat || !lon || !navigator.geolocation) {
      return;
    }
    button.parentNode.hidden = false;
    button.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        lat.value = pos.coords.latitude.toFixed(6);
        lon.value = pos.coords.longitude.toFixed(6);
        lat.focus();
      }, function () { /* the resident can still type the place */ }, { enableHighAccuracy: true, timeout: 15000 });
    });
  });
})();
