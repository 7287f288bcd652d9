/* Accueil web chat widget. Plain JavaScript, no dependencies, no request to anyone but Accueil.
   Embed: <script src="https://<accueil>/channels/webchat/widget.js" data-lang="fr" async></script>
   Optional, for a signed-in patient, before it:
   <script>window.AccueilChat = {identifier: "patient-42", identityHash: "<hex HMAC-SHA256>"};</script>
   See docs/channels/webchat.md. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__accueilChat) return;
  window.__accueilChat = true;
  var origin = new URL(script.src, location.href).origin;
  var base = origin + "/channels/webchat";
  // A link to one of Accueil's own form pages in a message: the widget offers to open it. In a new
  // tab, not inline: the widget lives in the practice's page, and form pages refuse to be framed.
  var FORM_LINK = new RegExp(origin.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&") + "/q/[A-Za-z0-9_.-]+");
  var KEY = "accueil.visitor";
  var T = {
    en: { open: "Chat with us", title: "Chat", close: "Close the chat", label: "Your message",
      send: "Send", sending: "Sending…", failed: "Not sent. Check your connection and send again.",
      you: "You", them: "Practice", empty: "Write to us; we answer here.",
      form: "Fill in the form", newTab: " (opens in a new tab)" },
    fr: { open: "Écrivez-nous", title: "Discussion", close: "Fermer la discussion", label: "Votre message",
      send: "Envoyer", sending: "Envoi…", failed: "Non envoyé. Vérifiez votre connexion et renvoyez.",
      you: "Vous", them: "Cabinet", empty: "Écrivez-nous ; nous répondons ici.",
      form: "Remplir le formulaire", newTab: " (s’ouvre dans un nouvel onglet)" },
    it: { open: "Scriveteci", title: "Chat", close: "Chiudi la chat", label: "Il tuo messaggio",
      send: "Invia", sending: "Invio…", failed: "Non inviato. Controlla la connessione e reinvia.",
      you: "Tu", them: "Studio", empty: "Scriveteci; rispondiamo qui.",
      form: "Compila il modulo", newTab: " (si apre in una nuova scheda)" }
  };
  var lang = (script.getAttribute("data-lang") || navigator.language || "en").slice(0, 2).toLowerCase();
  var t = T[lang] || T.en;

  var token = null, lastSeq = 0, seen = {}, pending = [], source = null, poller = null, opened = false;
  function store(k, v) { try { v === null ? localStorage.removeItem(k) : localStorage.setItem(k, v); } catch (e) {} }
  function stored(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }

  function call(method, path, body) {
    var headers = { "Accept": "application/json" };
    if (body) headers["Content-Type"] = "application/json";
    if (token) headers["X-Visitor-Token"] = token;
    return fetch(base + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined,
      credentials: "omit", mode: "cors" }).then(function (r) {
      if (r.status === 401 && path !== "/sessions") {
        token = null;
        return session().then(function () { return call(method, path, body); });
      }
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.status === 204 ? null : r.json();
    });
  }

  function session() {
    var id = window.AccueilChat || {};
    var body = { visitorToken: stored(KEY) };
    if (id.identifier && id.identityHash) { body.identifier = String(id.identifier); body.identityHash = String(id.identityHash); }
    token = null;
    return call("POST", "/sessions", body).then(function (s) {
      if (s.visitorToken !== body.visitorToken) { lastSeq = 0; seen = {}; if (log) log.textContent = ""; }
      token = s.visitorToken;
      store(KEY, token);
    });
  }

  // The panel, in a shadow root so the practice's styles and ours never meet.
  var host = document.createElement("div");
  host.setAttribute("data-accueil-chat", "");
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  // A page whose Content-Security-Policy allows styles by nonce says which (Accueil's own pages
  // put it in <meta name="csp-nonce">); without it the element is as before.
  var nonceMeta = document.querySelector('meta[name="csp-nonce"]');
  var nonce = nonceMeta ? String(nonceMeta.getAttribute("content") || "").replace(/[^A-Za-z0-9+\/=_-]/g, "") : "";
  root.innerHTML =
    (nonce ? '<style nonce="' + nonce + '">' : "<style>") +
    ":host{all:initial}*{box-sizing:border-box;font:15px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif}" +
    ".l{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;border-radius:28px;padding:14px 20px;" +
    "background:#1f5f8b;color:#fff;cursor:pointer;box-shadow:0 2px 10px rgba(0,0,0,.3)}" +
    ".l:focus-visible,button:focus-visible,textarea:focus-visible{outline:3px solid #f5b700;outline-offset:2px}" +
    ".p{position:fixed;right:20px;bottom:84px;z-index:2147483001;width:360px;max-width:calc(100vw - 40px);height:520px;" +
    "max-height:calc(100vh - 110px);display:flex;flex-direction:column;background:#fff;color:#1a1a1a;border-radius:12px;" +
    "box-shadow:0 4px 24px rgba(0,0,0,.3);overflow:hidden}.p[hidden]{display:none}" +
    ".h{display:flex;align-items:center;justify-content:space-between;padding:10px 14px;background:#1f5f8b;color:#fff}" +
    ".h h2{margin:0;font-size:16px;font-weight:600}.x{border:0;background:none;color:#fff;font-size:22px;cursor:pointer;padding:2px 8px}" +
    ".m{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f4f6f8}" +
    ".b{max-width:85%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;align-self:flex-start}" +
    ".b.me{align-self:flex-end;background:#d7e9f7}.b.wait{opacity:.6}.s{position:absolute;left:-9999px}" +
    ".q{display:inline-block;margin-top:6px;padding:11px 14px;border-radius:8px;background:#1f5f8b;color:#fff;" +
    "text-decoration:none;font-weight:600}.q:focus-visible{outline:3px solid #f5b700;outline-offset:2px}" +
    ".c{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}.c button{border:1px solid #1f5f8b;background:#fff;color:#1f5f8b;" +
    "border-radius:16px;padding:6px 12px;cursor:pointer}.c button:disabled{opacity:.5;cursor:default}" +
    ".e{color:#a00;font-size:13px;padding:0 12px}.f{display:flex;gap:8px;padding:10px;border-top:1px solid #dde}" +
    "textarea{flex:1;resize:none;border:1px solid #99a;border-radius:8px;padding:8px;min-height:42px;max-height:120px}" +
    ".f button{border:0;border-radius:8px;background:#1f5f8b;color:#fff;padding:0 14px;cursor:pointer}" +
    "@media (max-width:480px){.p{right:0;bottom:0;width:100vw;max-width:100vw;height:100%;max-height:100%;border-radius:0}}" +
    "</style>" +
    "<button class='l' type='button' aria-haspopup='dialog' aria-expanded='false' aria-controls='accueil-panel'></button>" +
    "<div class='p' id='accueil-panel' role='dialog' aria-modal='false' hidden>" +
    "<div class='h'><h2></h2><button class='x' type='button'>×</button></div>" +
    "<div class='m' role='log' aria-live='polite' aria-relevant='additions'></div>" +
    "<div class='e' role='alert'></div>" +
    "<form class='f'><label class='s' for='accueil-input'></label>" +
    "<textarea id='accueil-input' rows='1' maxlength='4000'></textarea><button type='submit'></button></form></div>";
  function $(s) { return root.querySelector(s); }
  var launcher = $(".l"), panel = $(".p"), log = $(".m"), error = $(".e"), form = $(".f"), input = $("textarea");
  launcher.textContent = t.open;
  $(".h h2").textContent = t.title;
  $(".h h2").id = "accueil-title";
  panel.setAttribute("aria-labelledby", "accueil-title");
  $(".x").setAttribute("aria-label", t.close);
  $("label").textContent = t.label;
  form.querySelector("button").textContent = t.send;
  input.placeholder = t.empty;

  function show(line) {
    if (seen[line.seq]) return;
    seen[line.seq] = true;
    lastSeq = Math.max(lastSeq, line.seq);
    var mine = line.from === "patient";
    if (mine) {
      for (var i = 0; i < pending.length; i++) {
        if (pending[i].text === line.text) { pending[i].el.remove(); pending.splice(i, 1); break; }
      }
    }
    bubble(line.text || "", mine, line.choices || []);
  }

  function bubble(text, mine, choices) {
    var el = document.createElement("div");
    el.className = "b" + (mine ? " me" : "");
    var who = document.createElement("span");
    who.className = "s";
    who.textContent = (mine ? t.you : t.them) + ": ";
    el.appendChild(who);
    el.appendChild(document.createTextNode(text));
    var link = mine ? null : FORM_LINK.exec(text);
    if (link) {
      var a = document.createElement("a");
      a.className = "q";
      a.href = link[0].replace(/\.+$/, ""); // not the full stop of the sentence it ends
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = t.form;
      var hint = document.createElement("span");
      hint.className = "s";
      hint.textContent = t.newTab;
      a.appendChild(hint);
      var row = document.createElement("div");
      row.appendChild(a);
      el.appendChild(row);
    }
    if (choices.length) {
      var box = document.createElement("div");
      box.className = "c";
      choices.forEach(function (c) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = c.title;
        b.onclick = function () {
          box.querySelectorAll("button").forEach(function (x) { x.disabled = true; });
          send(c.title, c.id);
        };
        box.appendChild(b);
      });
      el.appendChild(box);
    }
    log.appendChild(el);
    log.scrollTop = log.scrollHeight;
    return el;
  }

  function history() {
    return call("GET", "/messages?after=" + lastSeq).then(function (h) { h.messages.forEach(show); });
  }

  function listen() {
    if (source || poller) return;
    if (window.EventSource) {
      source = new EventSource(base + "/stream?token=" + encodeURIComponent(token) + "&after=" + lastSeq);
      source.addEventListener("message", function (e) { try { show(JSON.parse(e.data)); } catch (x) {} });
      source.onerror = function () {
        // EventSource reconnects by itself; once it gives up (a proxy that refuses streams), poll.
        if (source.readyState === 2) { source = null; poll(); }
      };
    } else poll();
  }

  function poll() {
    if (poller) return;
    poller = setInterval(function () { if (opened) history().catch(function () {}); }, 5000);
  }

  function send(text, choice) {
    var id = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : Date.now() + "-" + Math.random().toString(36).slice(2);
    var el = bubble(text, true, []);
    el.classList.add("wait");
    var entry = { text: text, el: el };
    pending.push(entry);
    error.textContent = "";
    var body = { clientMessageId: id, text: text };
    if (choice) body.choice = choice;
    // The same clientMessageId on every try: a message the server got but whose answer was lost
    // is stored once.
    function attempt(n) {
      return call("POST", "/messages", body).catch(function (e) {
        if (n < 3) return new Promise(function (r) { setTimeout(r, 1000 * n); }).then(function () { return attempt(n + 1); });
        throw e;
      });
    }
    return attempt(1).then(function () {
      el.classList.remove("wait");
      if (!source) history();
    }, function () {
      error.textContent = t.failed;
      el.remove();
      pending.splice(pending.indexOf(entry), 1);
      if (!choice) input.value = text;
    });
  }

  function open() {
    opened = true;
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
    (token ? Promise.resolve() : session()).then(history).then(listen).catch(function () { error.textContent = t.failed; });
  }

  function close() {
    opened = false;
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.onclick = function () { opened ? close() : open(); };
  $(".x").onclick = close;
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); close(); } });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.onsubmit(e); }
  });
  form.onsubmit = function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    (token ? Promise.resolve() : session()).then(function () { return send(text); });
  };

  function mount() { document.body.appendChild(host); }
  document.body ? mount() : document.addEventListener("DOMContentLoaded", mount);
})();
