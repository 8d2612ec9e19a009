// The policy catalogue (信息公开目录): sorting by a column header, and facets that combine
// (values within a facet: any of them; across facets: all), with counts that say how many rows
// each value would leave. Without scripts the table is complete in the site's order and the
// year and category values link to their own pages; so this only adds to a page that works.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector(".catalogue");
    var table = root && root.querySelector(".catalogue-table");
    if (!table) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var collator = new Intl.Collator("zh-CN", { numeric: true });
    sortable(table, body, collator);
    var details = root.querySelector("details.facets");
    if (details && window.matchMedia("(max-width: 40rem)").matches) details.open = false;
    // Facets filter in the browser only when the page holds the whole list.
    if (root.getAttribute("data-complete") === "true") facets(root, rows);
  });

  function sortable(table, body, collator) {
    var heads = table.tHead.rows[0].cells;
    table.classList.add("sortable");
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = a.cells[col].textContent.trim(), y = b.cells[col].textContent.trim();
          // Rows without a value (—) go last either way.
          if ((x === "—") !== (y === "—")) return x === "—" ? 1 : -1;
          var c = collator.compare(x, y);
          return ascending ? c : -c;
        });
        sorted.forEach(function (r) { body.appendChild(r); });
      });
    });
    // The site's order: newest publication first.
    heads[heads.length - 1].setAttribute("aria-sort", "descending");
  }

  function facets(root, rows) {
    var groups = Array.prototype.slice.call(root.querySelectorAll(".facet"));
    var chosen = {};
    var status = root.querySelector(".catalogue-status");
    groups.forEach(function (g) {
      var key = g.getAttribute("data-facet");
      chosen[key] = [];
      Array.prototype.forEach.call(g.querySelectorAll("li"), function (li) {
        var value = li.getAttribute("data-value");
        var label = li.querySelector("a, .facet-label");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "facet-value";
        button.setAttribute("aria-pressed", "false");
        button.textContent = label.textContent;
        var count = li.querySelector(".n");
        li.textContent = "";
        button.appendChild(document.createTextNode(" "));
        button.appendChild(count);
        li.appendChild(button);
        button.addEventListener("click", function () {
          var on = button.getAttribute("aria-pressed") !== "true";
          button.setAttribute("aria-pressed", String(on));
          var list = chosen[key];
          if (on) list.push(value); else list.splice(list.indexOf(value), 1);
          apply();
        });
      });
    });
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "facet-clear";
    clear.textContent = "清除筛选";
    clear.hidden = true;
    clear.addEventListener("click", function () {
      Object.keys(chosen).forEach(function (k) { chosen[k] = []; });
      Array.prototype.forEach.call(root.querySelectorAll(".facet-value"), function (b) { b.setAttribute("aria-pressed", "false"); });
      apply();
    });
    root.querySelector(".facet-groups").appendChild(clear);

    function matches(row, except) {
      return Object.keys(chosen).every(function (k) {
        return k === except || !chosen[k].length || chosen[k].indexOf(row.getAttribute("data-" + k)) >= 0;
      });
    }
    function apply() {
      var shown = 0;
      rows.forEach(function (r) { var on = matches(r, null); r.hidden = !on; if (on) shown++; });
      groups.forEach(function (g) {
        var key = g.getAttribute("data-facet");
        var left = rows.filter(function (r) { return matches(r, key); });
        Array.prototype.forEach.call(g.querySelectorAll("li"), function (li) {
          var value = li.getAttribute("data-value");
          li.querySelector(".n").textContent = left.filter(function (r) { return r.getAttribute("data-" + key) === value; }).length;
        });
      });
      var any = Object.keys(chosen).some(function (k) { return chosen[k].length; });
      clear.hidden = !any;
      status.textContent = any ? "筛选后显示 " + shown + " / " + rows.length + " 件" : "";
    }
  }
})();
