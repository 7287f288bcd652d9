/*
 * The disruption screens' small helpers, loaded as a file (the Content-Security-Policy allows no
 * inline script). Everything works without them: the live view's refresh (htmx polls …/live every
 * 5 s) waits while someone is choosing an action in it, so a choice is never swapped away before it
 * is sent; a refresh that met the end of the session reloads the page (to the sign-in form); and a
 * form sent once is not sent again by a second tap.
 */
(function () {
  'use strict';

  /** A field in the live part that has the focus, or a choice changed but not yet sent. */
  function busy(live) {
    var active = document.activeElement;
    if (active && active !== document.body && live.contains(active)
        && (active.tagName === 'SELECT' || active.tagName === 'BUTTON')) {
      return true;
    }
    return Array.prototype.some.call(live.querySelectorAll('select'), function (select) {
      return Array.prototype.some.call(select.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    });
  }

  document.addEventListener('htmx:beforeRequest', function (event) {
    var live = event.detail.elt;
    if (live && live.id === 'live' && busy(live)) {
      event.preventDefault();
    }
  });

  // The session ended: the refresh was sent to the sign-in page. The whole page goes there rather
  // than the sign-in form appearing inside the live part.
  document.addEventListener('htmx:beforeSwap', function (event) {
    var xhr = event.detail.xhr;
    if (event.detail.target && event.detail.target.id === 'live'
        && xhr && xhr.responseURL && new URL(xhr.responseURL).pathname.indexOf('/app/disruptions/') !== 0) {
      event.detail.shouldSwap = false;
      window.location.reload();
    }
  });

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.method === 'post') {
      window.setTimeout(function () {
        form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
      }, 0);
    }
  });
})();
