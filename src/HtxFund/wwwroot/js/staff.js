// Progressive enhancement of the staff pages; every page works without it.
// Live limit checks: when the proposed terms of an appraisal change, the server recomputes the limit checks and the
// schedule (the same functions the appraisal uses) and the panel is replaced. Without script, the "Kiểm tra" button
// posts the same handler.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-check]");
  if (form) {
    var panel = document.getElementById("limit-check");
    var timer = null;
    var refresh = function () {
      var body = new FormData(form);
      fetch(form.getAttribute("data-live-check"), {
        method: "POST", body: body, credentials: "same-origin", headers: { "X-Live-Check": "1" }
      }).then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null && panel) { panel.innerHTML = html; panel.setAttribute("data-fresh", "1"); } })
        .catch(function () { /* the button still works */ });
    };
    form.querySelectorAll("[data-terms] input, [data-terms] select").forEach(function (input) {
      input.addEventListener("change", function () { clearTimeout(timer); timer = setTimeout(refresh, 150); });
    });
  }
  // Forms that move money are sent once: the button is disabled after the first click.
  document.querySelectorAll("form[data-once]").forEach(function (f) {
    f.addEventListener("submit", function () {
      f.querySelectorAll("button[type=submit]").forEach(function (b) { setTimeout(function () { b.disabled = true; }, 0); });
    });
  });
})();
