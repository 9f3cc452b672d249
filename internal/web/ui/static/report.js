// Report form: autosave as the user types, a copy in localStorage so nothing
// typed is lost to a closed tab or a dropped connection, and a visible
// conflict when someone else saved in between.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form || form.dataset.editable !== "true") { return; }
  var api = form.dataset.api, key = form.dataset.key;
  var version = parseInt(form.dataset.version, 10) || 0;
  var status = document.getElementById("save-status");
  var timer = null, inflight = null, dirty = false;
  var lang = document.documentElement.lang === "en" ? "en" : "vi";
  var T = {
    saving: {vi: "Đang lưu…", en: "Saving…"},
    saved: {vi: "Đã lưu lúc ", en: "Saved at "},
    offline: {vi: "Mất kết nối — nội dung đã được giữ trên máy này và sẽ tự lưu khi có mạng.", en: "Offline — your input is kept on this device and will be saved when the connection returns."},
    invalid: {vi: "Chưa lưu được: kiểm tra các ô được đánh dấu đỏ.", en: "Not saved: check the fields marked in red."},
    conflict: {vi: "Chưa lưu: có người khác vừa lưu báo cáo này.", en: "Not saved: someone else has just saved this report."},
    restored: {vi: "Đã khôi phục nội dung chưa lưu từ lần trước.", en: "Restored unsaved input from last time."},
    error: {vi: "Chưa lưu được, sẽ thử lại.", en: "Not saved yet; will retry."}
  };
  function t(k) { return T[k][lang]; }
  function say(k, extra, cls) { status.textContent = t(k) + (extra || ""); status.className = cls || ""; }

  function collect() {
    var d = {version: version, sections: {}, values: {}, explanations: {}};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.readOnly) { return; }
      var n = el.name;
      if (n.indexOf("s.") === 0) { d.sections[n.slice(2)] = el.value; }
      else if (n.indexOf("v.") === 0 && el.value.trim() !== "") { d.values[n.slice(2)] = el.value; }
      else if (n.indexOf("e.") === 0) { d.explanations[n.slice(2)] = el.value; }
    });
    return d;
  }
  function apply(d) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) { return; }
      var n = el.name, src = null;
      if (n.indexOf("s.") === 0) { src = d.sections; } else if (n.indexOf("v.") === 0) { src = d.values; } else if (n.indexOf("e.") === 0) { src = d.explanations; }
      if (src) { el.value = src[n.slice(2)] == null ? "" : src[n.slice(2)]; }
      if (src === d.values) { markFigure(el); }
    });
  }
  function keep() {
    try { localStorage.setItem(key, JSON.stringify({base: version, draft: collect(), at: Date.now()})); } catch (e) { /* storage full or off */ }
  }
  function forget() { try { localStorage.removeItem(key); } catch (e) { /* ignore */ } }

  function showFields(fields, findings) {
    form.querySelectorAll("[data-field]").forEach(function (el) {
      var f = el.dataset.field, msg = (fields && fields[f]) || "";
      if (!msg && findings) {
        findings.forEach(function (x) { if (!msg && x.field === f) { msg = x.message; } });
      }
      el.classList.toggle("has-error", !!msg);
      var box = el.querySelector("[data-error]");
      if (box) { box.textContent = msg; }
      if (f.indexOf("explanations.") === 0 && msg) { el.hidden = false; }
    });
    if (findings) {
      findings.forEach(function (x) {
        if (x.severity === "soft" && x.rule) {
          var box = form.querySelector('[data-field="explanations.' + x.rule + '"]');
          if (box) { box.hidden = false; }
        }
      });
    }
  }

  // save sends the form; a call made while a save runs waits for it and
  // then saves again, so a submit click never falls between two saves.
  function save() {
    if (inflight) { return inflight.then(save); }
    inflight = send().then(function (ok) { inflight = null; return ok; });
    return inflight;
  }
  function send() {
    say("saving", "", "saving");
    var draft = collect(), body = JSON.stringify(draft);
    return fetch(api, {method: "PUT", credentials: "same-origin", headers: {"Content-Type": "application/json", "Accept-Language": lang}, body: body})
      .then(function (res) {
        return res.json().then(function (j) { return {status: res.status, body: j}; });
      })
      .then(function (r) {
        if (r.status === 200) {
          version = r.body.version; form.elements.version.value = version;
          // Only what was sent is saved: typing during the save stays dirty.
          var now = collect(); now.version = draft.version;
          if (JSON.stringify(now) === body) { dirty = false; forget(); } else { keep(); schedule(); }
          var at = new Date();
          say("saved", at.toLocaleTimeString("vi-VN", {hour: "2-digit", minute: "2-digit", second: "2-digit"}), "saved");
          showFields({}, r.body.findings || []);
        } else if (r.status === 422) {
          say("invalid", "", "offline");
          showFields(r.body.error.fields || {}, null);
        } else if (r.status === 409) {
          say("conflict", "", "offline");
          showConflict(r.body.error.detail && r.body.error.detail.current);
        } else {
          say("error", "", "offline");
        }
        return r.status === 200;
      })
      .catch(function () { say("offline", "", "offline"); setTimeout(schedule, 10000); return false; });
  }
  function schedule() { clearTimeout(timer); timer = setTimeout(save, 1200); }

  var conflictBox = document.getElementById("conflict"), theirs = null;
  function showConflict(cur) {
    theirs = cur;
    if (!conflictBox || !cur) { return; }
    var lines = function (d) {
      var out = [];
      Object.keys(d.sections || {}).forEach(function (k) { out.push(k + ": " + d.sections[k]); });
      Object.keys(d.values || {}).forEach(function (k) { out.push(k + " = " + d.values[k]); });
      return out.join("\n");
    };
    document.getElementById("conflict-theirs").textContent = lines(cur);
    document.getElementById("conflict-mine").textContent = lines(collect());
    conflictBox.hidden = false;
    conflictBox.scrollIntoView({behavior: "smooth"});
  }
  if (conflictBox) {
    document.getElementById("keep-mine").addEventListener("click", function () {
      if (theirs) { version = theirs.version; }
      conflictBox.hidden = true; save();
    });
    document.getElementById("take-theirs").addEventListener("click", function () { forget(); window.location.reload(); });
  }

  // A sourced indicator shows the system's figure; mark when the value
  // typed differs from it (Vietnamese digits: "1.234", "12,5").
  function num(s) {
    s = s.replace(/[\s%đ]/g, "");
    if (s.indexOf(",") >= 0) { s = s.replace(/\./g, "").replace(",", "."); }
    else if (/^\d{1,3}(\.\d{3})+$/.test(s)) { s = s.replace(/\./g, ""); }
    return s === "" ? NaN : Number(s);
  }
  function markFigure(el) {
    var hint = el.parentNode && el.parentNode.querySelector("[data-figure]");
    var badge = hint && hint.querySelector("[data-figure-differs]");
    if (badge) { badge.hidden = num(el.value) === Number(hint.dataset.figure); }
  }
  form.addEventListener("input", function (e) {
    if (e.target.name && e.target.name.indexOf("v.") === 0) { markFigure(e.target); }
    dirty = true; keep(); schedule();
  });
  window.addEventListener("online", function () { if (dirty) { save(); } });
  window.addEventListener("beforeunload", function (e) { if (dirty) { keep(); } });

  // Submit: save first, then send; the server checks everything again.
  form.addEventListener("submit", function (e) {
    var btn = e.submitter;
    if (!btn || btn.value !== "submit") { return; }
    e.preventDefault();
    clearTimeout(timer);
    save().then(function (ok) {
      if (!ok) { return; }
      fetch(api + "/submit", {method: "POST", credentials: "same-origin", headers: {"Accept-Language": lang}})
        .then(function (res) { return res.json().then(function (j) { return {status: res.status, body: j}; }); })
        .then(function (r) {
          if (r.status === 200) { forget(); window.location.href = window.location.pathname + "?done=submit"; return; }
          say("invalid", "", "offline");
          showFields(r.body.error.fields || {}, null);
          var first = form.querySelector(".has-error input, .has-error textarea");
          if (first) { first.focus(); }
        });
    });
  });

  // Restore what was typed but not saved (closed tab, lost connection).
  try {
    var kept = JSON.parse(localStorage.getItem(key) || "null");
    if (kept && kept.base === version && kept.draft) {
      apply(kept.draft); dirty = true; say("restored", "", "saving"); schedule();
    } else if (kept && kept.base !== version) {
      apply(kept.draft); dirty = true; version = kept.base; schedule(); // the save will meet the conflict and show both
    }
  } catch (e) { /* ignore */ }

  // Upload of the Excel workbook through the API, with cell-level errors.
  var wb = document.getElementById("workbook-form");
  if (wb) {
    wb.addEventListener("submit", function (e) {
      e.preventDefault();
      fetch(wb.action, {method: "POST", body: new FormData(wb), credentials: "same-origin", headers: {"Accept-Language": lang}})
        .then(function (res) { return res.json().then(function (j) { return {status: res.status, body: j}; }); })
        .then(function (r) {
          if (r.status === 200) { forget(); window.location.href = window.location.pathname + "?done=save"; return; }
          document.getElementById("wb-error").textContent = r.body.error.message;
        });
    });
  }

  // Attaching a file reloads the page (it may create the report): save
  // what was typed first, so it is not met as a conflict after the reload.
  var att = document.getElementById("attachment-form");
  if (att) {
    att.addEventListener("submit", function (e) {
      if (!dirty) { return; }
      e.preventDefault();
      clearTimeout(timer);
      save().then(function () { att.submit(); });
    });
  }
})();
