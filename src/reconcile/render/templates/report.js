// Filters for the reconcile report. The page is complete without this script: it only
// reveals the filter form and hides findings that do not match. Reads data-* attributes
// and sets `hidden` and textContent; it never writes HTML.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("section.group"));
  var shown = document.getElementById("shown");

  function apply() {
    var severities = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=severity]"), function (box) {
      severities[box.value] = box.checked;
    });
    var entity = form.elements.entity.value;
    var rule = form.elements.rule.value;
    var count = 0;
    findings.forEach(function (el) {
      var visible = severities[el.dataset.severity] === true &&
        (entity === "" || el.dataset.entity === entity) &&
        (rule === "" || el.dataset.rule === rule);
      el.hidden = !visible;
      if (visible) count += 1;
    });
    groups.forEach(function (group) {
      group.hidden = group.querySelector("article.finding:not([hidden])") === null;
    });
    shown.textContent = "Showing " + count + " of " + findings.length + " findings";
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
