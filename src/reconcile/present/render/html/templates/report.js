// Filters for the reconcile report. The page is complete without this script: it only
// reveals the filter form, fills its lists from the page's data-* attributes, and hides
// findings that do not match. It sets `hidden`, textContent and Option text; never HTML.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  var findings = Array.prototype.slice.call(document.querySelectorAll("main article"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("main > section"));
  var shown = document.getElementById("shown");

  function fill(select, values) {
    values.filter(function (v, i, all) { return v !== "" && all.indexOf(v) === i; })
      .sort(function (a, b) { return a.localeCompare(b); })
      .forEach(function (v) { select.add(new Option(v, v)); });
  }
  fill(form.elements.entity, groups.map(function (g) { return g.dataset.entity; }));
  fill(form.elements.rule, findings.map(function (f) { return f.dataset.rule; }));

  function apply() {
    var severities = {};
    Array.prototype.forEach.call(form.querySelectorAll("input[name=severity]"), function (box) {
      severities[box.value] = box.checked;
    });
    var entity = form.elements.entity.value;
    var rule = form.elements.rule.value;
    var count = 0;
    groups.forEach(function (group) {
      var entityMatches = entity === "" || group.dataset.entity === entity;
      var any = false;
      Array.prototype.forEach.call(group.querySelectorAll("article"), function (el) {
        var visible = entityMatches && severities[el.dataset.severity] === true &&
          (rule === "" || el.dataset.rule === rule);
        el.hidden = !visible;
        if (visible) { count += 1; any = true; }
      });
      group.hidden = !any;
    });
    shown.textContent = "Showing " + count + " of " + findings.length + " findings";
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
