// Progressive enhancement for the staff report page (/staff/reports/{id}):
// - a small map with the report's point (the page already names the place and links to GSI Maps without it);
// - redaction by drawing: drag a box over a face or a number plate on the photo and the box's position and size
//   go into the form's fields (in the photo's own pixels). The fields stay the keyboard way: typing in them moves
//   the box drawn on the photo. Nothing is sent until staff press the form's button.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    pointMap();
    document.querySelectorAll('.report-redact').forEach(redaction);
  });

  function pointMap() {
    var el = document.getElementById('report-point-map');
    if (!el || typeof L === 'undefined') {
      return;
    }
    var lat = parseFloat(el.dataset.lat);
    var lon = parseFloat(el.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) {
      return;
    }
    el.hidden = false;
    el.classList.add('facility-map--ready');
    var map = L.map(el, { scrollWheelZoom: false }).setView([lat, lon], 17);
    L.tileLayer(el.dataset.tileUrl, {
      maxZoom: 18,
      attribution: '<a href="https://maps.gsi.go.jp/development/ichiran.html">' + el.dataset.tileAttribution.replace(/[<>&"]/g, '') + '</a>'
    }).addTo(map);
    L.circleMarker([lat, lon], { radius: 9, color: '#8a3b00', weight: 3 }).addTo(map);
  }

  function redaction(section) {
    var img = section.querySelector('img.report-redact-photo');
    var form = section.querySelector('form');
    if (!img || !form) {
      return;
    }
    var fullWidth = parseInt(img.dataset.fullWidth, 10);
    var fullHeight = parseInt(img.dataset.fullHeight, 10);
    var frame = document.createElement('div');
    frame.className = 'redact-frame';
    img.parentNode.insertBefore(frame, img);
    frame.appendChild(img);
    var box = document.createElement('div');
    box.className = 'redact-box';
    box.hidden = true;
    frame.appendChild(box);
    var status = section.querySelector('.redact-status');
    var help = section.querySelector('.redact-draw-help');
    if (help) {
      help.hidden = false;
    }
    var fields = {
      x: form.querySelector('input[name=x]'), y: form.querySelector('input[name=y]'),
      w: form.querySelector('input[name=w]'), h: form.querySelector('input[name=h]')
    };
    var start = null;

    function scale() {
      return fullWidth / img.getBoundingClientRect().width;
    }
    function point(e) {
      var r = img.getBoundingClientRect();
      return { x: Math.max(0, Math.min(r.width, e.clientX - r.left)), y: Math.max(0, Math.min(r.height, e.clientY - r.top)) };
    }
    function show(x, y, w, h) {
      box.hidden = w <= 0 || h <= 0;
      box.style.left = x + 'px';
      box.style.top = y + 'px';
      box.style.width = w + 'px';
      box.style.height = h + 'px';
    }
    frame.addEventListener('pointerdown', function (e) {
      start = point(e);
      frame.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    frame.addEventListener('pointermove', function (e) {
      if (!start) {
        return;
      }
      var p = point(e);
      show(Math.min(start.x, p.x), Math.min(start.y, p.y), Math.abs(p.x - start.x), Math.abs(p.y - start.y));
    });
    frame.addEventListener('pointerup', function (e) {
      if (!start) {
        return;
      }
      var p = point(e);
      var s = scale();
      var x = Math.round(Math.min(start.x, p.x) * s);
      var y = Math.round(Math.min(start.y, p.y) * s);
      var w = Math.round(Math.abs(p.x - start.x) * s);
      var h = Math.round(Math.abs(p.y - start.y) * s);
      start = null;
      if (w < 2 || h < 2) {
        return;
      }
      fields.x.value = Math.min(x, fullWidth - 1);
      fields.y.value = Math.min(y, fullHeight - 1);
      fields.w.value = Math.min(w, fullWidth - x);
      fields.h.value = Math.min(h, fullHeight - y);
      if (status) {
        status.textContent = status.dataset.template.replace('{0}', fields.x.value).replace('{1}', fields.y.value)
          .replace('{2}', fields.w.value).replace('{3}', fields.h.value);
      }
    });
    // the keyboard way: the numbers move the box
    Object.keys(fields).forEach(function (k) {
      fields[k].addEventListener('input', function () {
        var s = scale();
        var v = function (f) { return parseInt(f.value, 10) || 0; };
        show(v(fields.x) / s, v(fields.y) / s, v(fields.w) / s, v(fields.h) / s);
      });
    });
  }
}());
