// 全站搜索 (site search), on the search page only. It reads the small manifest the page
// carries, then fetches just what the query needs, each step's files at once: the folding
// tables of the characters typed (繁→简), the index shards of the query's keys, and the
// fragments of the results shown (named from the manifest, with no table between). Shards and
// folding tables are named by number and asked for with ?v= the manifest's generation.
// Text rules mirror src/render/search/text.rs; keep the two in step.
(() => {
  "use strict";
  var WEIGHT = [8, 6, 3, 1]; // title, 文号, metadata, body
  var folds = {};

  // Folding: one character in, one out, so positions in folded text are positions in the original.
  function foldChar(c) {
    var cp = c.codePointAt(0);
    if (cp === 0x3000) return " ";
    if (cp >= 0xff01 && cp <= 0xff5e) c = String.fromCodePoint(cp - 0xfee0);
    else if (folds[c]) c = folds[c];
    return c >= "A" && c <= "Z" ? c.toLowerCase() : c;
  }
  function fold(text) { return Array.from(text, foldChar); }
  // The manifest lists the blocks that have a table (src/render/search/mod.rs).
  function loadFolds(text, M, get) {
    var want = {}, have = M.fold.split(",");
    Array.from(text).forEach((c) => {
      var b = (c.codePointAt(0) >> 10).toString(16); // FOLD_BLOCK_BITS in src/render/search/mod.rs
      if (c.codePointAt(0) > 0x2e7f && have.indexOf(b) >= 0) want[b] = 1;
    });
    return Promise.all(Object.keys(want).map((b) => {
      return get("search/fold/" + b + ".txt" + (M.g ? "?v=" + M.g : "")).then((t) => {
        var cs = Array.from(t);
        for (var i = 0; i + 1 < cs.length; i += 2) folds[cs[i]] = cs[i + 1];
      });
    }));
  }

  var IN_RUN = /[\p{Alphabetic}\p{N}]/u;
  var ASCII = /^[a-z0-9]$/i;
  function runs(chars) {
    var out = [], cur = [];
    chars.forEach((c) => {
      if (IN_RUN.test(c)) cur.push(c);
      else if (cur.length) { out.push(cur); cur = []; }
    });
    if (cur.length) out.push(cur);
    return out;
  }
  // Trigrams over three ASCII letters or digits in a row, bigrams elsewhere, a lone character as itself.
  function keys(run) {
    if (run.length === 1) return [run[0]];
    var ascii = (i) => i < run.length && ASCII.test(run[i]);
    var stretch = [], start = 0, out = [];
    for (var i = 0; i <= run.length; i++) {
      if (i === run.length || !ascii(i)) {
        for (var j = start; j < i; j++) stretch[j] = i - start;
        start = i + 1;
      }
    }
    for (i = 0; i < run.length - 1; i++) {
      if (ascii(i) && ascii(i + 1) && stretch[i] >= 3) {
        if (ascii(i + 2)) out.push(run.slice(i, i + 3).join(""));
      } else out.push(run[i] + run[i + 1]);
    }
    return out;
  }

  function hash(key) {
    var h = 0x811c9dc5;
    new TextEncoder().encode(key).forEach((b) => { h = Math.imul(h ^ b, 0x01000193) >>> 0; });
    return h;
  }
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  function ids(cell) {
    var out = [], i, v;
    if (cell.charAt(0) === "#") {
      var bit = 0;
      for (i = 1; i < cell.length; i++) {
        v = DIGITS.indexOf(cell.charAt(i));
        for (var k = 5; k >= 0; k--, bit++) if (v >> k & 1) out.push(Math.floor(bit / 8) * 8 + 7 - bit % 8);
      }
      return out.sort((a, b) => a - b);
    }
    var n = 0, shift = 0, last = 0;
    for (i = 0; i < cell.length; i++) {
      v = DIGITS.indexOf(cell.charAt(i));
      if (v >= 32) { n += (v - 32) * Math.pow(2, shift); shift += 5; continue; }
      n += v * Math.pow(2, shift);
      last = out.length ? last + n : n;
      out.push(last);
      n = 0; shift = 0;
    }
    return out;
  }

  // The records holding each key, as record → field mask (shards fetched with `get`). A shard
  // whose first line is not the manifest's generation is of another build: a deploy under way.
  function postings(allKeys, M, get) {
    var shards = {};
    allKeys.forEach((k) => { shards[hash(k) % M.shards] = 1; });
    var found = {};
    return Promise.all(Object.keys(shards).map((s) => {
      return get("search/s/" + s + ".txt?v=" + M.g).then((text) => {
        var lines = text.split("\n");
        if (lines[0] !== M.g) throw { stale: 1 };
        lines.forEach((line) => {
          var cells = line.split("\t");
          if (allKeys.indexOf(cells[0]) < 0) return;
          var masks = {};
          for (var f = 0; f < 4; f++) {
            if (cells[f + 1]) ids(cells[f + 1]).forEach((id) => { masks[id] = (masks[id] || 0) | 1 << f; });
          }
          found[cells[0]] = masks;
        });
      });
    })).then(() => found);
  }

  // Keys of a query: per space-separated term, its runs and the keys they must match.
  function parse(text) {
    return text.split(/\s+/).filter(Boolean).map((t) => {
      var rs = runs(fold(t)), ks = [];
      rs.forEach((r) => { ks = ks.concat(keys(r)); });
      // Whole runs of a 文号 (whole_run_key in text.rs): `89号` is not the end of `189号`.
      return { runs: rs, keys: ks, whole: rs.map((r) => "=" + r.join("")) };
    }).filter((t) => t.keys.length);
  }

  // Every term must match. A term matches a record holding all its keys, scored by the strongest
  // field that holds them all, and first of all when its runs are whole runs of the record's
  // 文号. Failing that, a record holding most of the keys (a word left out of a phrase) still
  // matches, below every full match.
  function rank(terms, found) {
    var scores = null;
    terms.forEach((term) => {
      var keys = term.keys.filter((k, i) => term.keys.indexOf(k) === i);
      var need = keys.length <= 2 ? keys.length : Math.ceil(keys.length * 0.6), stats = {}, next = {};
      keys.forEach((k) => {
        var m = found[k] || {};
        for (var id in m) {
          var st = stats[id] || (stats[id] = [0, 15, 0]);
          st[0]++; st[1] &= m[id]; st[2] |= m[id];
        }
      });
      for (var id in stats) {
        var st = stats[id];
        if (st[0] < need || (scores && !(id in scores))) continue;
        var full = st[0] === keys.length, mask = full ? st[1] : st[2], weight = 0;
        for (var f = 0; f < 4; f++) if (mask >> f & 1) { weight = WEIGHT[f]; break; }
        var score = full ? (st[1] ? weight : 0.75) : 0.5 * Math.pow(st[0] / keys.length, 2) * weight / WEIGHT[0];
        if (full && (term.whole || []).every((w) => ((found[w] || {})[id] || 0) & 2)) score += 12;
        next[id] = (scores ? scores[id] : 0) + score;
      }
      scores = next;
    });
    return Object.keys(scores || {}).map(Number).sort((a, b) => scores[b] - scores[a] || a - b)
      .map((id) => ({ id, score: scores[id] }));
  }

  var core = { fold, runs, keys, parse, hash, ids, rank, loadFolds, postings };
  if (typeof module !== "undefined") { module.exports = core; return; }
  if (typeof document === "undefined") return;
  window.GongshiSearch = core; // for the school finder (static/finder.js)
  var manifestEl = document.getElementById("search-manifest");
  if (!manifestEl) return;
  var M = JSON.parse(manifestEl.textContent);
  var ROOT = new URL("..", document.currentScript.src).href;
  var $ = (id) => document.getElementById(id);
  var KIND = { p: "政策文件", n: "通知公告", s: "学校", j: "结对", g: "页面" };
  var PAGE = 10;
  var kinds = [];
  M.kinds.replace(/([a-z])(\d*)/g, (_, k, n) => { for (var i = 0; i < (+n || 1); i++) kinds.push(k); });
  function get(path, json) {
    return fetch(ROOT + path).then((r) => {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return json ? r.json() : r.text();
    });
  }

  // Marks every match of the query's runs in `text` (`folded`: the same text folded at build time).
  function highlight(el, text, needles, folded) {
    var chars = Array.from(text), marks = [];
    var cps = folded ? Array.from(folded) : fold(text);
    needles.forEach((n) => {
      for (var i = 0; i + n.length <= cps.length; i++) {
        if (cps.slice(i, i + n.length).join("") === n.join("")) marks.push([i, i + n.length]);
      }
    });
    marks.sort((a, b) => a[0] - b[0]);
    var at = 0;
    marks.forEach((m) => {
      if (m[0] < at) return;
      el.appendChild(document.createTextNode(chars.slice(at, m[0]).join("")));
      var mark = document.createElement("mark");
      mark.textContent = chars.slice(m[0], m[1]).join("");
      el.appendChild(mark);
      at = m[1];
    });
    el.appendChild(document.createTextNode(chars.slice(at).join("")));
  }
  // Up to 90 characters around the first match (from the start when none): [text, folded].
  function snippet(text, folded, needles) {
    var f = folded || fold(text).join(""), at = -1;
    needles.forEach((n) => {
      var u = f.indexOf(n.join(""));
      var i = u < 0 ? -1 : Array.from(f.slice(0, u)).length;
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var from = Math.max(0, at - 30), cut = (s) => Array.from(s).slice(from, from + 90).join("");
    var more = Array.from(text).length > from + 90;
    return [(from ? "…" : "") + cut(text) + (more ? "…" : ""), (from ? "…" : "") + cut(f) + (more ? "…" : "")];
  }

  // Whole-phrase matches (and a 文号 typed exactly) move up among the results shown.
  function bonus(frag, q) {
    var title = frag.f ? frag.f[0] : fold(frag.t).join(""), plain = q.runs.map((r) => r.join(""));
    var b = 0;
    if (frag.n && fold(frag.n).join("").replace(/[^\p{Alphabetic}\p{N}]/gu, "") === plain.join("")) b += 20;
    plain.forEach((p) => { if (title.indexOf(p) >= 0) b += 4; });
    (frag.p || []).forEach((r, i) => { if (!b && r.indexOf(plain.join("")) >= 0) b += i < 2 ? 4 : 3; });
    return b;
  }

  function item(hit, frag, q) {
    var li = document.createElement("li"), a = document.createElement("a");
    a.href = ROOT + frag.u;
    highlight(a, frag.t, q.runs, frag.f && frag.f[0]);
    var meta = document.createElement("p");
    meta.className = "result-meta";
    var kind = document.createElement("span");
    kind.className = "badge kind-" + frag.k;
    kind.textContent = KIND[frag.k];
    meta.appendChild(kind);
    meta.appendChild(document.createTextNode(" " + [frag.n, frag.d, frag.m].filter(Boolean).join(" · ")));
    var snip = document.createElement("p");
    snip.className = "snippet";
    var s = snippet(frag.x, frag.f && frag.f[1], q.runs);
    highlight(snip, s[0], q.runs, s[1]);
    li.appendChild(a); li.appendChild(meta);
    if (frag.x) li.appendChild(snip);
    return li;
  }

  var state = { hits: [], shown: 0, type: "", query: null };

  function visible() {
    return state.hits.filter((h) => !state.type || kinds[h.id] === state.type);
  }
  // The fragments of some hits: the I-th record of a run is search/f/HASH-I.json, the runs
  // listed in order with their lengths (fragment_runs in src/render/search/mod.rs).
  var fragmentRuns = [], at = 0;
  (M.f ? M.f.split(",") : []).forEach((r) => { fragmentRuns.push([at, r.slice(0, 10)]); at += +r.slice(10); }); // HASH_LEN, src/render/assets.rs
  function fragments(hits) {
    return Promise.all(hits.map((h) => {
      var i = fragmentRuns.length - 1;
      while (fragmentRuns[i][0] > h.id) i--;
      var run = fragmentRuns[i];
      return get("search/f/" + run[1] + "-" + (h.id - run[0]) + ".json", true);
    }));
  }
  function showMore() {
    var list = visible(), next = list.slice(state.shown, state.shown + PAGE);
    state.shown += next.length;
    $("search-more").hidden = state.shown >= list.length;
    return fragments(next).then((frags) => {
      var rows = next.map((h, i) => ({ h, f: frags[i], s: h.score + bonus(frags[i], state.query) }));
      rows.sort((a, b) => b.s - a.s || a.h.id - b.h.id);
      rows.forEach((r) => { $("search-results").appendChild(item(r.h, r.f, state.query)); });
    });
  }
  function filters() {
    var counts = {};
    state.hits.forEach((h) => { counts[kinds[h.id]] = (counts[kinds[h.id]] || 0) + 1; });
    var box = $("search-filters");
    box.textContent = "";
    [["", "全部", state.hits.length]].concat(Object.keys(KIND).filter((k) => counts[k])
      .map((k) => [k, KIND[k], counts[k]])).forEach((f) => {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = f[1] + " " + f[2];
      b.setAttribute("aria-pressed", String(state.type === f[0]));
      b.addEventListener("click", () => { state.type = f[0]; render(); });
      box.appendChild(b);
    });
    box.hidden = state.hits.length === 0;
  }
  function render() {
    $("search-results").textContent = "";
    state.shown = 0;
    filters();
    var n = visible().length;
    $("search-status").textContent = n ? "找到 " + n + " 条结果" + (state.type ? "（" + KIND[state.type] + "）" : "") : "";
    return showMore();
  }

  // Nothing found: the schools whose names or readings come closest.
  function suggest(q) {
    var box = $("search-suggest"), plain = q.runs.map((r) => r.join("")).join("");
    return get("search/schools.json?v=" + M.g, true).then((schools) => {
      var scored = schools.map((s) => {
        var name = fold(s[0]), score = 0;
        Array.from(plain).forEach((c) => { if (name.indexOf(c) >= 0) score += 2; });
        s[2].forEach((r) => { if (plain.length > 1 && r.indexOf(plain.slice(0, 2)) === 0) score = Math.max(score, 1); });
        return { s, score };
      }).filter((x) => x.score > 0).sort((a, b) => b.score - a.score).slice(0, 5);
      if (!scored.length) return;
      box.textContent = "您是不是要找：";
      var ul = document.createElement("ul");
      scored.forEach((x) => {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = ROOT + x.s[1];
        a.textContent = x.s[0];
        li.appendChild(a); ul.appendChild(li);
      });
      box.appendChild(ul);
      box.hidden = false;
    });
  }

  function run(text) {
    return loadFolds(text, M, get).then(() => {
      var terms = parse(text);
      var q = { runs: [].concat.apply([], terms.map((t) => t.runs)) };
      state.query = q;
      if (!terms.length) return;
      var all = [].concat.apply([], terms.map((t) => t.keys.concat(t.whole)));
      return postings(all, M, get).then((found) => {
        state.hits = rank(terms, found);
        state.type = new URLSearchParams(location.search).get("type") || "";
        return render().then(() => {
          if (state.hits.length) return;
          $("search-status").textContent = "没有找到与「" + text + "」相关的内容。请换个说法，或减少几个词。";
          return suggest(q);
        });
      });
    }).catch((e) => {
      // A shard of another build: reload the page (and its manifest) once, then say so.
      var key = "gongshi-search-reload", tried;
      try { tried = sessionStorage.getItem(key) === M.g; if (e.stale && !tried) sessionStorage.setItem(key, M.g); } catch (x) { tried = 1; }
      if (e.stale && !tried) return location.reload();
      $("search-status").textContent = e.stale ? "搜索索引正在更新，请稍后再试。" : "搜索暂时无法使用（索引没有加载成功），请稍后再试。";
    });
  }

  var q = (new URLSearchParams(location.search).get("q") || "").trim();
  ["search-q", "gs-q"].forEach((id) => { if ($(id)) $(id).value = q; });
  $("search-more").querySelector("button").addEventListener("click", showMore);
  if (q) run(q);
})();
