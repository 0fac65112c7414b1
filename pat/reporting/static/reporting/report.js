// The sum of an indicator's sex × age cells, shown next to its actual as they are typed;
// the server checks the same rule on save (this is only a help while typing).
(function () {
  "use strict";
  function update(root) {
    root.querySelectorAll("[data-cells]").forEach(function (table) {
      var key = table.getAttribute("data-cells");
      var total = root.querySelector('[data-sum-of="' + key + '"]');
      var out = root.querySelector('[data-sum-for="' + key + '"]');
      if (!out) { return; }
      var sum = 0, any = false;
      table.querySelectorAll("input.cell").forEach(function (input) {
        var v = parseFloat(String(input.value).replace(/[\s,]/g, ""));
        if (!isNaN(v)) { sum += v; any = true; }
      });
      var stated = total ? parseFloat(String(total.value).replace(/[\s,]/g, "")) : NaN;
      if (!any) { out.textContent = ""; out.className = "sum"; return; }
      var ok = isNaN(stated) || stated === sum;
      out.textContent = "Σ " + sum + (isNaN(stated) ? "" : (ok ? " ✓" : " ≠ " + stated));
      out.className = "sum " + (ok ? "ok" : "bad");
    });
  }
  document.addEventListener("input", function () { update(document); });
  document.addEventListener("DOMContentLoaded", function () { update(document); });
  document.addEventListener("htmx:afterSwap", function () { update(document); });
})();
