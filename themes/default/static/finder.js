// 找学校 (school finder) on the schools page: narrows the list as a parent types a name, an
// alias, pinyin (xugou, xgxx) or a town, and by 学段, 乡镇街道 and 城乡类别. Folding (繁→简,
// width, case) comes from search.js, loaded before this file. Without scripts the full list
// stays as it is.
(function () {
  "use strict";
  var box = document.getElementById("school-finder");
  var S = window.GongshiSearch;
  if (!box || !S) return;
  var root = new URL("..", document.currentScript.src).href;
  var M = { fold: box.getAttribute("data-fold") || "" }; // blocks with a folding table: 13,14,…
  var get = function (path) { return fetch(root + path).then(function (r) { return r.ok ? r.text() : ""; }); };
  var input = box.querySelector("input");
  var selects = Array.prototype.slice.call(box.querySelectorAll("select"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-find]"));
  var status = document.getElementById("finder-status");
  box.hidden = false;

  function apply() {
    var q = S.fold(input.value).join("").replace(/\s+/g, "");
    var shown = 0;
    rows.forEach(function (row) {
      var ok = !q || row.getAttribute("data-find").indexOf(q) >= 0;
      selects.forEach(function (sel) { if (sel.value && row.getAttribute("data-" + sel.name) !== sel.value) ok = false; });
      row.hidden = !ok;
      if (ok) shown++;
    });
    // A heading whose schools are all hidden goes too.
    Array.prototype.forEach.call(document.querySelectorAll("[data-finder-group]"), function (g) {
      g.hidden = !g.querySelector("[data-find]:not([hidden])");
    });
    status.textContent = q || selects.some(function (s) { return s.value; })
      ? "显示 " + shown + " / " + rows.length + " 所学校" + (shown ? "" : "：没有符合条件的学校，请换个写法或清除筛选。")
      : "";
  }
  input.addEventListener("input", function () { S.loadFolds(input.value, M, get).then(apply); });
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  box.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
})();
