/*
 * The inbox screens' small helpers, loaded as a file (the Content-Security-Policy allows no inline
 * script). Everything works without them: they keep the newest entry of a timeline in view, and
 * send a reply or a note with Ctrl+Enter (Cmd+Enter on a Mac).
 */
(function () {
  'use strict';

  function showNewest() {
    var box = document.getElementById('timeline');
    if (box) {
      box.scrollTop = box.scrollHeight;
    }
  }

  document.addEventListener('DOMContentLoaded', showNewest);

  // The live refresh replaced the timeline: show what just came, unless the reader scrolled up.
  document.addEventListener('htmx:beforeSwap', function (event) {
    var box = event.detail.target;
    if (box && box.id === 'timeline') {
      box.dataset.atEnd = String(box.scrollHeight - box.scrollTop - box.clientHeight < 40);
    }
  });
  document.addEventListener('htmx:afterSwap', function (event) {
    var box = event.detail.target;
    if (box && box.id === 'timeline' && box.dataset.atEnd !== 'false') {
      showNewest();
    }
  });

  // Says whether the live stream is connected (the page's text for each case is in the markup).
  function live(on) {
    document.querySelectorAll('.live[data-live]').forEach(function (status) {
      status.dataset.live = on ? 'on' : 'off';
      status.textContent = on ? status.dataset.on : status.dataset.off;
    });
  }
  document.addEventListener('htmx:sseOpen', function () { live(true); });
  document.addEventListener('htmx:sseError', function () { live(false); });

  document.addEventListener('keydown', function (event) {
    var field = event.target;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)
        && field instanceof HTMLTextAreaElement && field.form) {
      event.preventDefault();
      if (field.form.reportValidity()) {
        field.form.requestSubmit();
      }
    }
  });

  // A form sent once: a second click while the page loads does not send it again.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.method === 'post') {
      window.setTimeout(function () {
        form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
      }, 0);
    }
  });
})();
