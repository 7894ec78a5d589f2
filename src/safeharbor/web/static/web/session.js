/* SafeHarbor: warn before the session times out, let the person stay signed in, keep drafts.
 *
 * No inline script anywhere (Content-Security-Policy): this file reads its settings from data
 * attributes on <body>. The server enforces the timeout; this only warns and tidies up.
 *  - data-session-seconds: idle seconds before the server ends the session
 *  - data-session-warning: seconds before the end to show the warning
 *  - data-stay-url: POST here to renew the session ("Stay signed in")
 *  - data-expired-url: where to go when the time is up
 *  - data-user: the signed-in account (drafts are restored only to the same person)
 * Activity in any tab of the same browser renews the session on the server, so the tabs share
 * the time of the last request through localStorage (a timestamp only, never content).
 * Drafts of forms being typed live in sessionStorage (this tab only, gone when it closes),
 * are cleared on submit and on sign-out, and never include passwords or hidden fields.
 */
(function () {
  "use strict";
  var body = document.body;
  var LAST = "safeharbor:last-activity";
  var DRAFT = "safeharbor:draft:";

  function now() { return Date.now(); }
  function lastActivity() {
    var shared = parseInt(window.localStorage.getItem(LAST) || "0", 10);
    return Math.max(shared, pageLoaded);
  }
  function touch() {
    try { window.localStorage.setItem(LAST, String(now())); } catch (e) { /* private mode */ }
  }

  /* ---- drafts ---- */
  var owner = body.getAttribute("data-user") || "";
  function draftForms() {
    return Array.prototype.filter.call(document.querySelectorAll("form"), function (form) {
      return (form.method || "").toLowerCase() === "post" && !form.hasAttribute("data-no-draft");
    });
  }
  function draftKey(form, index) {
    return DRAFT + window.location.pathname + "#" + (form.id || index);
  }
  function draftable(el) {
    var type = (el.type || "").toLowerCase();
    return el.name && !el.disabled && ["password", "hidden", "file", "submit", "button"].indexOf(type) < 0;
  }
  function saveDraft(form, index) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!draftable(el)) { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        values[el.name + "=" + el.value] = el.checked;
      } else {
        values[el.name] = el.value;
      }
    });
    try {
      window.sessionStorage.setItem(draftKey(form, index), JSON.stringify({ owner: owner, values: values }));
    } catch (e) { /* storage full or disabled: nothing to keep */ }
  }
  function restoreDraft(form, index) {
    var raw = window.sessionStorage.getItem(draftKey(form, index));
    if (!raw) { return false; }
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { return false; }
    if (!draft || draft.owner !== owner) { return false; }
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!draftable(el)) { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        var key = el.name + "=" + el.value;
        if (key in draft.values) { el.checked = draft.values[key]; }
      } else if (el.name in draft.values) {
        el.value = draft.values[el.name];
      }
    });
    return true;
  }
  function setUpDrafts() {
    var restored = false;
    draftForms().forEach(function (form, index) {
      if (owner && restoreDraft(form, index)) { restored = true; }
      form.addEventListener("input", function () { saveDraft(form, index); });
      form.addEventListener("change", function () { saveDraft(form, index); });
      form.addEventListener("submit", function () {
        window.sessionStorage.removeItem(draftKey(form, index));
      });
    });
    var notice = document.getElementById("draft-restored");
    if (restored && notice) { notice.hidden = false; }
  }
  function saveAllDrafts() { draftForms().forEach(saveDraft); }

  /* Signing out on purpose forgets every draft in this tab. */
  Array.prototype.forEach.call(document.querySelectorAll("form[data-sign-out]"), function (form) {
    form.addEventListener("submit", function () { window.sessionStorage.clear(); });
  });

  /* ---- the timeout warning ---- */
  var seconds = parseInt(body.getAttribute("data-session-seconds") || "0", 10);
  var warnBefore = parseInt(body.getAttribute("data-session-warning") || "120", 10);
  var pageLoaded = now();
  setUpDrafts();
  if (!seconds) { return; }  /* not signed in: nothing to time */
  touch();

  var opener = document.getElementById("session-warning-open");
  var closer = document.getElementById("session-warning-close");
  var countdown = document.getElementById("session-warning-countdown");
  var stay = document.getElementById("session-stay");
  var warned = false;

  function remaining() { return Math.round((lastActivity() + seconds * 1000 - now()) / 1000); }
  function words(left) {
    var minutes = Math.floor(left / 60);
    var secs = left % 60;
    return minutes > 0 ? minutes + " min " + secs + " s" : secs + " seconds";
  }
  function expire() {
    saveAllDrafts();
    var next = window.location.pathname + window.location.search;
    window.location.assign(body.getAttribute("data-expired-url") + "&next=" + encodeURIComponent(next));
  }
  function tick() {
    var left = remaining();
    if (left <= 0) { expire(); return; }
    if (left <= warnBefore) {
      if (countdown) { countdown.textContent = words(left); }
      if (!warned && opener) { warned = true; saveAllDrafts(); opener.click(); }
    } else if (warned) {
      warned = false;  /* another tab kept the session alive */
      if (closer) { closer.click(); }
    }
  }
  if (stay) {
    stay.addEventListener("click", function () {
      var token = document.querySelector("input[name=csrfmiddlewaretoken]");
      window.fetch(body.getAttribute("data-stay-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" }
      }).then(function (response) {
        if (response.ok) { touch(); warned = false; } else { expire(); }
      }, function () { /* offline: the warning stays up and the countdown goes on */ });
    });
  }
  document.addEventListener("htmx:afterRequest", touch);
  window.setInterval(tick, 1000);
}());
