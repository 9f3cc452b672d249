// Conference page: the minutes are saved as they are typed (debounced PUT
// with the version read), a copy is kept in localStorage so nothing typed
// is lost to a closed tab or a dropped connection, and a save that meets a
// newer stored text shows both instead of overwriting — the pattern of
// report.js. Also asks before the conclusion notice is issued.
(function () {
  "use strict";
  var lang = document.documentElement.lang === "en" ? "en" : "vi";
  document.querySelectorAll("[data-confirm-click]").forEach(function (b) {
    b.addEventListener("click", function (e) {
      if (!window.confirm(b.dataset.confirmClick)) { e.preventDefault(); }
    });
  });

  var form = document.getElementById("minutes-form");
  if (!form) { return; }
  var text = document.getElementById("minutes-text");
  var status = document.getElementById("minutes-status");
  var box = document.getElementById("minutes-conflict");
  var api = form.dataset.api, key = form.dataset.key;
  var version = parseInt(form.dataset.version, 10) || 0;
  var timer = null, inflight = null, dirty = false, theirs = null;
  var T = {
    saving: {vi: "Đang lưu…", en: "Saving…"},
    saved: {vi: "Đã lưu lúc ", en: "Saved at "},
    offline: {vi: "Mất kết nối — biên bản được giữ trên máy này và sẽ tự lưu khi có mạng.", en: "Offline — the minutes are kept on this device and will be saved when the connection returns."},
    conflict: {vi: "Chưa lưu: có người khác vừa lưu biên bản.", en: "Not saved: someone else has just saved the minutes."},
    restored: {vi: "Đã khôi phục phần biên bản chưa lưu từ lần trước.", en: "Restored unsaved minutes from last time."},
    error: {vi: "Chưa lưu được, sẽ thử lại.", en: "Not saved yet; will retry."}
  };
  function say(k, extra, cls) { status.textContent = T[k][lang] + (extra || ""); status.className = cls || ""; }
  function keep() { try { localStorage.setItem(key, JSON.stringify({base: version, text: text.value, at: Date.now()})); } catch (e) { /* storage off */ } }
  function forget() { try { localStorage.removeItem(key); } catch (e) { /* ignore */ } }
  function setVersion(v) { version = v; form.elements.minutes_version.value = v; }

  function save() {
    if (inflight) { return inflight.then(save); }
    inflight = send().then(function (ok) { inflight = null; return ok; });
    return inflight;
  }
  function send() {
    say("saving", "", "saving");
    var sent = text.value;
    return fetch(api, {method: "PUT", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "Accept-Language": lang},
      body: JSON.stringify({minutes: sent, minutes_version: version})})
      .then(function (res) { return res.json().then(function (j) { return {status: res.status, body: j}; }); })
      .then(function (r) {
        if (r.status === 200) {
          setVersion(r.body.minutes_version);
          if (text.value === sent) { dirty = false; forget(); } else { keep(); schedule(); }
          say("saved", new Date().toLocaleTimeString("vi-VN", {hour: "2-digit", minute: "2-digit", second: "2-digit"}), "saved");
        } else if (r.status === 409) {
          say("conflict", "", "offline");
          showConflict(r.body.error.detail || {});
        } else {
          say("error", "", "offline");
        }
        return r.status === 200;
      })
      .catch(function () { say("offline", "", "offline"); setTimeout(schedule, 10000); return false; });
  }
  function schedule() { clearTimeout(timer); timer = setTimeout(save, 1200); }

  function showConflict(detail) {
    theirs = detail.current || null;
    document.getElementById("minutes-theirs").textContent = theirs ? theirs.text : "";
    document.getElementById("minutes-mine").textContent = detail.mine != null ? detail.mine : text.value;
    box.hidden = false;
    box.scrollIntoView({behavior: "smooth"});
  }
  document.getElementById("minutes-keep-mine").addEventListener("click", function () {
    if (theirs) { setVersion(theirs.minutes_version); }
    box.hidden = true; save();
  });
  document.getElementById("minutes-take-theirs").addEventListener("click", function () {
    if (theirs) { text.value = theirs.text; setVersion(theirs.minutes_version); }
    box.hidden = true; dirty = false; forget(); say("saved", "", "saved");
  });

  text.addEventListener("input", function () { dirty = true; keep(); schedule(); });
  window.addEventListener("online", function () { if (dirty) { save(); } });
  window.addEventListener("beforeunload", function () { if (dirty) { keep(); } });
  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); save(); });

  // What was typed but not saved comes back; typed over an older version,
  // the save meets the conflict and shows both texts.
  try {
    var kept = JSON.parse(localStorage.getItem(key) || "null");
    if (kept && typeof kept.text === "string" && kept.text !== text.value) {
      text.value = kept.text; dirty = true;
      if (kept.base === version) { say("restored", "", "saving"); } else { setVersion(kept.base); }
      schedule();
    } else if (kept) { forget(); }
  } catch (e) { /* ignore */ }
})();
