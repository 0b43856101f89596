// まちレポ: offline drafts (progressive enhancement). The text fields of the posting form are saved in this
// browser's localStorage while the resident types, per category, and restored when the form is opened again
// (e.g. after the phone lost its connection), with a visible notice and a button to discard the draft. Photos
// are not kept (files cannot be stored this way); the e-mail address is not kept either. The draft is dropped
// when the resident sends the report from the check page. Nothing leaves the device.
(function () {
  'use strict';
  var PREFIX = 'machi-report-draft:';
  var SKIP = { _csrf: true, email: true };

  function storage() {
    try {
      var s = window.localStorage;
      s.setItem(PREFIX + 'probe', '1');
      s.removeItem(PREFIX + 'probe');
      return s;
    } catch (e) {
      return null; // private mode, disabled storage: the form works as before
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    var s = storage();
    if (!s) {
      return;
    }
    // the check page: sending the report drops every draft
    var send = document.querySelector('form[data-report-send]');
    if (send) {
      send.addEventListener('submit', function () {
        Object.keys(s).forEach(function (k) {
          if (k.indexOf(PREFIX) === 0) { s.removeItem(k); }
        });
      });
    }
    var form = document.querySelector('form[data-draft-key]');
    if (!form) {
      return;
    }
    var key = PREFIX + form.dataset.draftKey;
    var notice = document.getElementById('report-draft-notice');
    var saved = null;
    try {
      saved = JSON.parse(s.getItem(key) || 'null');
    } catch (e) {
      saved = null;
    }
    // restore only into an empty form: what the server sent back (after an error) wins
    if (saved && saved.fields && !hasValues(form)) {
      restore(form, saved.fields);
      notice.hidden = false;
      var when = notice.querySelector('.report-draft-time');
      if (when && saved.at) {
        when.textContent = new Date(saved.at).toLocaleString(document.documentElement.lang || undefined);
      }
    }
    document.getElementById('report-draft-discard').addEventListener('click', function () {
      s.removeItem(key);
      form.reset();
      form.querySelectorAll('textarea, input[type=text], input[type=datetime-local]').forEach(function (f) { f.value = ''; });
      form.querySelectorAll('input[type=radio], input[type=checkbox]').forEach(function (f) { f.checked = false; });
      form.querySelectorAll('select').forEach(function (f) { f.selectedIndex = 0; });
      notice.querySelector('.report-draft-restored').hidden = true;
      notice.querySelector('.report-draft-discarded').hidden = false;
      document.getElementById('report-draft-discard').hidden = true;
      var first = form.querySelector('textarea, input[type=text]');
      if (first) { first.focus(); }
    });
    var timer = null;
    function save() {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var fields = collect(form);
        if (Object.keys(fields).length === 0) {
          s.removeItem(key);
          return;
        }
        try {
          s.setItem(key, JSON.stringify({ at: Date.now(), fields: fields }));
        } catch (e) { /* storage full: no draft */ }
      }, 300);
    }
    form.addEventListener('input', save);
    form.addEventListener('change', save);
  });

  function keep(f) {
    return f.name && !SKIP[f.name] && f.type !== 'file' && f.type !== 'hidden' && f.type !== 'submit' && f.type !== 'button';
  }

  function collect(form) {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (f) {
      if (!keep(f)) { return; }
      if (f.type === 'radio' || f.type === 'checkbox') {
        if (f.checked) { (fields[f.name] = fields[f.name] || []).push(f.value); }
      } else if (f.value !== '') {
        fields[f.name] = [f.value];
      }
    });
    return fields;
  }

  function hasValues(form) {
    return Array.prototype.some.call(form.elements, function (f) {
      return keep(f) && f.type !== 'radio' && f.type !== 'checkbox' && f.tagName !== 'SELECT' && f.value !== '';
    });
  }

  function restore(form, fields) {
    Array.prototype.forEach.call(form.elements, function (f) {
      if (!keep(f) || !fields[f.name]) { return; }
      var values = fields[f.name];
      if (f.type === 'radio' || f.type === 'checkbox') {
        f.checked = values.indexOf(f.value) >= 0;
      } else {
        f.value = values[0];
      }
    });
  }
})();
