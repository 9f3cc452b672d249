// khoagiao — small progressive enhancements; pages work without them.
(function () {
  "use strict";
  // Ask before a destructive form is sent: <form data-confirm="…">.
  document.addEventListener("submit", function (e) {
    var f = e.target;
    if (f.dataset && f.dataset.confirm && !window.confirm(f.dataset.confirm)) {
      e.preventDefault();
    }
  }, true);
  // Put the cursor in the first field that needs fixing.
  document.addEventListener("DOMContentLoaded", function () {
    var bad = document.querySelector(".has-error input, .has-error select, .has-error textarea");
    if (bad) { bad.focus(); }
  });
  // Auto-submit filters: <select data-autosubmit>.
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.dataset && el.dataset.autosubmit !== undefined && el.form) {
      if (window.htmx && el.form.getAttribute("hx-get")) {
        window.htmx.trigger(el.form, "submit");
      } else {
        el.form.submit();
      }
    }
  });
})();
