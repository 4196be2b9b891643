// HtxFund pages work without JavaScript. This file only enhances them (CSP: script-src 'self', no inline script).
// data-refresh="url" on a form: when one of its fields changes, the fragment at url (GET, the form's fields as query)
// replaces the element named by data-refresh-target. Used by the schedule preview of the loan application.
(function () {
  "use strict";
  function debounce(fn, ms) { let t; return function () { clearTimeout(t); t = setTimeout(fn, ms); }; }
  function wire(form) {
    const url = form.getAttribute("data-refresh");
    const target = document.getElementById(form.getAttribute("data-refresh-target"));
    if (!url || !target) return;
    const refresh = debounce(async function () {
      const data = new FormData(form);
      data.delete("__RequestVerificationToken");
      const query = new URLSearchParams();
      for (const [k, v] of data) { if (typeof v === "string") query.append(k, v); }
      target.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(url + (url.includes("?") ? "&" : "?") + query.toString(), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } });
        if (response.ok) target.innerHTML = await response.text();
      } finally {
        target.removeAttribute("aria-busy");
      }
    }, 300);
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
  }
  document.querySelectorAll("form[data-refresh]").forEach(wire);
})();
