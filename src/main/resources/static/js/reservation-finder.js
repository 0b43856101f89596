// The booking list's "near me", added by the page's script: with the browser's position the list is sorted by
// distance from where the person is. Without JavaScript (or without permission) the 町名 list does the same job.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var locate = document.querySelector('.room-finder__locate');
    var lat = document.getElementById('near-lat');
    var lon = document.getElementById('near-lon');
    var near = document.getElementById('near');
    if (!locate || !lat || !lon || !near) {
      return;
    }
    // choosing a 町 replaces a position given before
    near.addEventListener('change', function () {
      lat.value = '';
      lon.value = '';
      lat.disabled = true;
      lon.disabled = true;
    });
    if (!navigator.geolocation) {
      return;
    }
    locate.hidden = false;
    locate.addEventListener('click', function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        lat.value = pos.coords.latitude.toFixed(5);
        lon.value = pos.coords.longitude.toFixed(5);
        lat.disabled = false;
        lon.disabled = false;
        near.value = '';
        locate.closest('form').submit();
      });
    });
  });
})();
