/* The form page (/q/<token>): shows and hides the items asked only after certain answers (FHIR
   enableWhen, from each item's data-when) as the patient answers. The page works without it: the
   server decides which items are shown on every request, and decides again on submission. */
(function () {
  "use strict";
  var form = document.querySelector("form.questionnaire");
  if (!form) return;
  var items = Array.prototype.slice.call(form.querySelectorAll(".item[data-when]"));
  if (!items.length) return;

  function item(linkId) { return document.getElementById("item-" + linkId); }

  function visible(el) {
    for (var e = el; e && e !== form; e = e.parentElement) {
      if (e.hidden) return false;
    }
    return true;
  }

  /** The answers given to linkId, none when its item is hidden (as the server reads them). */
  function answers(linkId) {
    var owner = item(linkId);
    if (!owner || !visible(owner)) return [];
    var values = [];
    form.querySelectorAll("[name]").forEach(function (input) {
      if (input.name !== linkId) return;
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      var v = (input.value || "").trim();
      if (v) values.push(v);
    });
    return values;
  }

  function number(v) { return /^-?\d+([.,]\d+)?$/.test(v) ? parseFloat(v.replace(",", ".")) : null; }

  /** -1, 0, 1, or NaN when they do not compare (numbers as numbers, dates and text as text). */
  function compare(a, b) {
    var x = number(a), y = number(b);
    if (x !== null && y !== null) return x < y ? -1 : x > y ? 1 : 0;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  function met(c) {
    var given = answers(c.q);
    switch (c.op) {
      case "exists": return (c.a === "true") === (given.length > 0);
      case "=": return given.some(function (v) { return compare(v, c.a) === 0; });
      case "!=": return !given.some(function (v) { return compare(v, c.a) === 0; });
      case ">": return given.some(function (v) { return compare(v, c.a) > 0; });
      case "<": return given.some(function (v) { return compare(v, c.a) < 0; });
      case ">=": return given.some(function (v) { return compare(v, c.a) >= 0; });
      case "<=": return given.some(function (v) { return compare(v, c.a) <= 0; });
      default: return false;
    }
  }

  function shown(el) {
    var when;
    try { when = JSON.parse(el.getAttribute("data-when")); } catch (e) { return true; }
    var any = el.getAttribute("data-any") === "true";
    return any ? when.some(met) : when.every(met);
  }

  function update() {
    // Items may depend on items that depend on others: settle in a few passes.
    for (var pass = 0; pass < 5; pass++) {
      var changed = false;
      items.forEach(function (el) {
        var show = shown(el);
        if (el.hidden === show) { el.hidden = !show; changed = true; }
      });
      if (!changed) break;
    }
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
})();
