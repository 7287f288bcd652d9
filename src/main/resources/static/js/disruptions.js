/*
 * The disruption screens' small helpers, loaded as a file (the Content-Security-Policy allows no
 * inline script). Everything works without them: the live view's refresh (htmx polls …/live every
 * 5 s) waits while someone is choosing an action in it, so a choice is never swapped away before it
 * is sent; and a form sent once is not sent again by a second tap.
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

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (form.method === 'post') {
      window.setTimeout(function () {
        form.querySelectorAll('button[type=submit]').forEach(function (b) { b.disabled = true; });
      }, 0);
    }
  });
})();
