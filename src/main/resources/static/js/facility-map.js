// Progressive enhancement for /facilities: a Leaflet map of the results, and "use my location".
// The list is complete without this file, without Leaflet and without map tiles.
(function () {
  'use strict';
  // about 2 km across on a phone; at 50 facilities per km² a few hundred features at most
  var MIN_ZOOM_FOR_API = 15;
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
    if (!el || typeof L === 'undefined' || !(window.Machi && window.Machi.baseMap)) {
      return;
    }
    var map = window.Machi.baseMap(el, el.dataset.dataAttribution);
    // The map asks only for what it shows: the search's facilities inside the visible map (bbox), and only once
    // the map is zoomed in far enough that a ward with thousands of facilities cannot send megabytes to a phone.
    // Zoomed further out it shows the facilities of the list page on screen (already in the page, no request).
    var layer = L.layerGroup().addTo(map);
    var load = window.Machi.viewLoader(map, el.dataset.api);
    var listed = [];
    document.querySelectorAll('.facility-card[data-lat][data-lon]').forEach(function (card) {
      var lat = parseFloat(card.dataset.lat);
      var lon = parseFloat(card.dataset.lon);
      if (!isNaN(lat) && !isNaN(lon)) {
        listed.push({ lat: lat, lon: lon, name: card.dataset.name, href: card.dataset.href });
      }
    });
    if (listed.length > 0) {
      map.fitBounds(L.latLngBounds(listed.map(function (p) { return [p.lat, p.lon]; })),
        { maxZoom: 16, padding: [20, 20] });
    }
    window.Machi.onMapSettled(map, show);

    function show() {
      if (map.getZoom() < MIN_ZOOM_FOR_API || typeof fetch === 'undefined') {
        load();
        draw(listed);
        return;
      }
      load(function (data) {
        draw(data.features.filter(function (f) { return f.geometry; }).map(function (f) {
          return { lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0], name: f.properties.name,
            href: '/facilities/' + encodeURIComponent(f.id) };
        }));
      });
    }

    function draw(points) {
      layer.clearLayers();
      points.forEach(function (p) {
        var a = document.createElement('a');
        a.href = p.href;
        a.textContent = p.name;
        L.marker([p.lat, p.lon]).bindPopup(a).addTo(layer);
      });
    }
  });
})();
