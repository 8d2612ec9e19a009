// 大字模式 (larger text, 适老化): a toggle that remembers the reader's choice. The page is
// fully usable without it; the button stays hidden when scripts do not run.
(function () {
  var root = document.documentElement;
  var KEY = "gongshi-large-text";
  function stored() {
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }
  if (stored()) root.classList.add("large");
  document.addEventListener("DOMContentLoaded", function () {
    tools();
    scrollCues();
    var button = document.getElementById("gs-text-size");
    if (!button) return;
    button.hidden = false;
    button.setAttribute("aria-pressed", String(root.classList.contains("large")));
    button.addEventListener("click", function () {
      var on = root.classList.toggle("large");
      button.setAttribute("aria-pressed", String(on));
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
    });
  });
  // A table wider than a phone scrolls sideways inside its box; say so, and fade the edge that
  // hides more, so that a column cut off at the right is not taken for the whole table.
  function scrollCues() {
    var boxes = document.querySelectorAll(".table-scroll");
    for (var i = 0; i < boxes.length; i++) cue(boxes[i]);
  }
  function cue(box) {
    var hint = document.createElement("p");
    hint.className = "scroll-hint";
    hint.setAttribute("aria-hidden", "true");
    hint.textContent = "表格较宽，左右滑动查看 →";
    box.parentNode.insertBefore(hint, box);
    function update() {
      var wide = box.scrollWidth - box.clientWidth > 2;
      hint.hidden = !wide;
      box.classList.toggle("more-right", wide && box.scrollLeft + box.clientWidth < box.scrollWidth - 2);
      box.classList.toggle("more-left", wide && box.scrollLeft > 2);
    }
    box.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    update();
  }
  // 打印 and 关闭 on document pages, as portals have. A page may close itself only when a script
  // opened it or it is the tab's only page; otherwise 关闭 would do nothing, so it stays hidden.
  function tools() {
    var box = document.querySelector(".doc-tools");
    if (!box) return;
    box.hidden = false;
    document.getElementById("gs-print").addEventListener("click", function () { window.print(); });
    var close = document.getElementById("gs-close");
    if (window.opener || history.length <= 1) {
      close.hidden = false;
      close.addEventListener("click", function () { window.close(); });
    }
  }
})();
