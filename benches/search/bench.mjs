// Search benchmark: gongshi's own search against Pagefind run over the same built HTML, in
// headless Chromium, one fresh (cold) browser context per query.
//
//   node bench.mjs SITE_DIR CASES.json [--title TEXT] [--copy DIR]
//
// SITE_DIR is a site built by gongshi; CASES.json a list of {"q": "…", "expect": "path/", "why": "…"}.
// The HTML output is copied to DIR (default SITE_DIR.pagefind, replaced only when this script made
// it) and Pagefind indexes the copy. For each query it measures, for both engines, the rank of the
// expected page (up to 50) and the bytes a cold browser downloads to show the first results:
// - gongshi: search/?q=… as a visitor opens it; counted are static/search.HASH.js, every file
//   under search/ (shards, folding tables, fragments) and the manifest the search page carries
//   inline (index data, though in the HTML: its bytes, and gzip's of it alone, are added to every
//   query), not the rest of the HTML page;
// - Pagefind: a small page that imports pagefind/pagefind.js, runs pagefind.search(q) and loads
//   data() of the first 5 results, as Pagefind's UI does on first render; counted is every file
//   under pagefind/ (JS, worker, WebAssembly, entry, meta, index chunks, filters, fragments), not
//   the page. Pagefind's UI script and CSS are not loaded, so its figures are a lower bound.
// Bytes are counted by the test server as it sends each body (no compression; Pagefind's index
// files are gzipped on disk, gongshi's are plain text), with what gzip would make of each body in
// a second column. Ranks past the first page are found by loading more results after the count.
// Prints one markdown report (BENCH_VERBOSE=1: and each query's files on stderr). It is a benchmark: it exits 0 whatever the ranks and ratios.
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { cp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, extname, join, normalize, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { CHROMIUM_ARGS } from "../../tests/browser/serve.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const COPY_MARK = ".gongshi-search-bench";
const MAX_RANK = 50;
const PAGEFIND_PAGE = "pagefind-bench.html";

// ---- arguments ---------------------------------------------------------------------------------

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const title = option("--title");
const copyOpt = option("--copy");
if (args.length !== 2) {
  console.error("usage: node bench.mjs SITE_DIR CASES.json [--title TEXT] [--copy DIR]");
  process.exit(2);
}
const site = resolve(args[0]);
const cases = JSON.parse(await readFile(args[1], "utf8"));
const copy = resolve(copyOpt || site.replace(/\/+$/, "") + ".pagefind");

// ---- Pagefind over a copy of the HTML ----------------------------------------------------------

if (existsSync(copy)) {
  if (!existsSync(join(copy, COPY_MARK))) {
    console.error(`bench: ${copy} exists and was not made by this benchmark; refusing to replace it`);
    process.exit(2);
  }
  await rm(copy, { recursive: true });
}
// The HTML pages only: all Pagefind reads.
await cp(site, copy, { recursive: true, filter: async (src) => src.endsWith(".html") || (await stat(src)).isDirectory() });
await writeFile(join(copy, COPY_MARK), "made by benches/search/bench.mjs; removed on its next run\n");
const pagefindBin = join(HERE, "node_modules", ".bin", "pagefind");
const pagefindLog = execFileSync(pagefindBin, ["--site", copy], { encoding: "utf8" });
const version = (pagefindLog.match(/Running Pagefind (v[\w.]+)/) || [, "?"])[1];
const indexed = (pagefindLog.match(/Indexed (\d+) pages/) || [, "?"])[1];
// Written after indexing, so Pagefind does not index it.
await writeFile(join(copy, PAGEFIND_PAGE), `<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><title>Pagefind</title>
<script type="module">
const q = new URLSearchParams(location.search).get("q");
const pagefind = await import("./pagefind/pagefind.js");
const search = await pagefind.search(q);
const results = search.results;
const url = async (r) => (await r.data()).url;
const first = await Promise.all(results.slice(0, 5).map(url));
window.benchFirst = { total: results.length, urls: first };
// For ranks past the first five (downloads after the count are not measured).
window.benchMore = async (n) => first.concat(await Promise.all(results.slice(5, n).map(url)));
</script>
</html>
`);

// ---- a static server that counts what it sends -------------------------------------------------

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml",
  ".wasm": "application/wasm",
};

async function serve(dir) {
  const log = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    let file = join(dir, normalize(path));
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      log.push({ path, bytes: body.length, gzip: gzipped(body) });
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(body);
    } catch {
      log.push({ path, bytes: 0, gzip: 0, missing: true });
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { base: `http://127.0.0.1:${server.address().port}/`, log, close: () => new Promise((ok) => server.close(ok)) };
}
// What a server compressing on the fly would send (files already gzipped go as they are).
const gzipped = (body) => (body[0] === 0x1f && body[1] === 0x8b ? body.length : Math.min(body.length, gzipSync(body).length));
const sum = (entries, key) => entries.reduce((s, e) => s + e[key], 0);

// ---- queries -----------------------------------------------------------------------------------

// The search script, under its content-named name (static/search.0123456789.js) or a plain one.
const SCRIPT = /^\/static\/search(\.[0-9a-f]{10})?\.js$/;
const norm = (p) => p.replace(/^\/+/, "").replace(/index\.html$/, "");

async function gongshi(context, server, q) {
  const page = await context.newPage();
  const from = server.log.length;
  await page.goto(server.base + "search/?q=" + encodeURIComponent(q));
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status");
    return s && s.textContent.length > 0 && (document.querySelectorAll("#search-results li").length > 0 || /没有找到|无法使用/.test(s.textContent));
  }, null, { timeout: 20000 }).catch(() => {});
  await page.waitForLoadState("networkidle");
  const files = server.log.slice(from).filter((e) => SCRIPT.test(e.path) || (e.path.startsWith("/search/") && !/^\/search\/(index\.html)?$/.test(e.path)));
  const sent = [manifest, ...files];
  const links = () => page.evaluate(() => [...document.querySelectorAll("#search-results li a")].map((a) => new URL(a.href).pathname));
  const total = await page.evaluate(() => (document.getElementById("search-status").textContent.match(/找到 (\d+) 条/) || [, 0])[1]);
  let paths = (await links()).map(norm);
  // Later pages of results, only to know the rank.
  while (paths.length < MAX_RANK && await page.isVisible("#search-more button")) {
    const n = paths.length;
    await page.click("#search-more button");
    await page.waitForFunction((n) => document.querySelectorAll("#search-results li").length > n, n, { timeout: 10000 }).catch(() => {});
    paths = (await links()).map(norm);
    if (paths.length === n) break;
  }
  await page.close();
  return { paths, total: Number(total), bytes: sum(sent, "bytes"), gzip: sum(sent, "gzip"), files: files.length, missing: sent.filter((e) => e.missing).length, sent };
}

async function pagefind(context, server, q, expect) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const from = server.log.length;
  await page.goto(server.base + PAGEFIND_PAGE + "?q=" + encodeURIComponent(q));
  await page.waitForFunction(() => window.benchFirst, null, { timeout: 30000 }).catch(() => {});
  await page.waitForLoadState("networkidle");
  const sent = server.log.slice(from).filter((e) => e.path.startsWith("/pagefind/"));
  const first = await page.evaluate(() => window.benchFirst || { total: 0, urls: [] });
  let urls = first.urls;
  if (!urls.map(norm).includes(expect) && first.total > urls.length) urls = await page.evaluate((n) => window.benchMore(n), MAX_RANK);
  await page.close();
  if (errors.length) console.error(`  pagefind ${q}: ${errors.join("; ")}`);
  return { paths: urls.map(norm), total: first.total, bytes: sum(sent, "bytes"), gzip: sum(sent, "gzip"), files: sent.length, missing: sent.filter((e) => e.missing).length, sent };
}

// ---- index sizes on disk -----------------------------------------------------------------------

async function files(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      const path = join(e.parentPath ?? e.path, e.name);
      out.push({ path: relative(dir, path), bytes: (await stat(path)).size });
    }
  }
  return out;
}
// The manifest the search page carries: index data a query cannot go without, so counted in every
// query's bytes although it comes inside the HTML (gzip: what gzip makes of it alone).
const searchPage = await readFile(join(site, "search", "index.html"), "utf8");
const manifestText = Buffer.from((searchPage.match(/id="search-manifest">([\s\S]*?)<\/script>/) || [, ""])[1]);
const manifest = { path: "/search/ (inline manifest)", bytes: manifestText.length, gzip: gzipped(manifestText) };
const largest = (list) => list.reduce((m, f) => Math.max(m, f.bytes), 0);

const ours = (await files(join(site, "search"))).filter((f) => f.path !== "index.html").map((f) => ({ ...f, path: "search/" + f.path }));
for (const f of await files(join(site, "static"))) if (SCRIPT.test("/static/" + f.path)) ours.push({ ...f, path: "static/" + f.path });
const theirs = (await files(join(copy, "pagefind"))).map((f) => ({ ...f, path: "pagefind/" + f.path }));
// Pagefind's UI bundles are alternatives the API page does not load; listed apart.
const isUi = (f) => /pagefind\/pagefind-(ui|component-ui|modular-ui|highlight)\./.test(f.path);
const size = {
  gongshi: {
    all: ours,
    shards: ours.filter((f) => f.path.startsWith("search/s/")),
    fragments: ours.filter((f) => f.path.startsWith("search/f/")),
  },
  pagefind: {
    all: theirs.filter((f) => !isUi(f)),
    ui: theirs.filter(isUi),
    shards: theirs.filter((f) => f.path.includes("/index/")),
    fragments: theirs.filter((f) => f.path.includes("/fragment/")),
  },
};

// ---- run ---------------------------------------------------------------------------------------

const gsServer = await serve(site);
const pfServer = await serve(copy);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
const rows = [];
for (const c of cases) {
  const gsContext = await browser.newContext(); // cold: nothing cached
  const gs = await gongshi(gsContext, gsServer, c.q);
  await gsContext.close();
  const pfContext = await browser.newContext();
  const pf = await pagefind(pfContext, pfServer, c.q, c.expect);
  await pfContext.close();
  const rank = (r) => r.paths.indexOf(c.expect) + 1;
  rows.push({ ...c, gs: { ...gs, rank: rank(gs) }, pf: { ...pf, rank: rank(pf) } });
  if (process.env.BENCH_VERBOSE) for (const [name, r] of [["gongshi", gs], ["pagefind", pf]]) console.error(`  ${c.q} ${name}: ${r.sent.map((e) => `${e.path} ${e.bytes}`).join(", ")}`);
  if (gs.missing || pf.missing) console.error(`  ${c.q}: ${gs.missing} gongshi and ${pf.missing} Pagefind requests found no file`);
}
await browser.close();
await gsServer.close();
await pfServer.close();

// ---- report ------------------------------------------------------------------------------------

const kb = (n) => (n / 1024).toFixed(1) + " KB";
const showRank = (r) => (r.rank ? `${r.rank}` : r.total ? `—` : "none") + ` / ${r.total}`;
const ratio = (a, b) => (b ? (a / b).toFixed(2) : "—");
const cell = (s) => String(s).replace(/\|/g, "\\|");
const mean = (f) => rows.reduce((s, r) => s + f(r), 0) / rows.length;

const out = [];
out.push(`#### ${title || site}`, "");
out.push(`Pagefind ${version} indexed ${indexed} pages of the same HTML. Rank: place of the expected page among the results / results found (— past ${MAX_RANK}, none: nothing found). Bytes: what a cold browser downloads for the query (uncompressed, as a plain static server sends it), not the HTML page but with gongshi's manifest inline in it (${kb(manifest.bytes)}, gzip ${kb(manifest.gzip)}) in every query; gzip: the same files as a compressing server would send them. Ratio: gongshi ÷ Pagefind.`, "");
out.push("| query | expected page | gongshi rank | gongshi bytes | gzip | Pagefind rank | Pagefind bytes | gzip | ratio | ratio, gzip |");
out.push("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
for (const r of rows) {
  out.push(`| ${cell(r.q)} | ${r.expect} | ${showRank(r.gs)} | ${kb(r.gs.bytes)} | ${kb(r.gs.gzip)} | ${showRank(r.pf)} | ${kb(r.pf.bytes)} | ${kb(r.pf.gzip)} | ${ratio(r.gs.bytes, r.pf.bytes)} | ${ratio(r.gs.gzip, r.pf.gzip)} |`);
}
const top3 = (k) => rows.filter((r) => r[k].rank >= 1 && r[k].rank <= 3).length;
// The means' ratio to three places: it is the figure held to a target.
const ratio3 = (a, b) => (b ? (a / b).toFixed(3) : "—");
out.push(`| **${rows.length} queries** | | **${top3("gs")} in top 3** | **${kb(mean((r) => r.gs.bytes))}** mean | **${kb(mean((r) => r.gs.gzip))}** | **${top3("pf")} in top 3** | **${kb(mean((r) => r.pf.bytes))}** mean | **${kb(mean((r) => r.pf.gzip))}** | **${ratio3(mean((r) => r.gs.bytes), mean((r) => r.pf.bytes))}** | **${ratio3(mean((r) => r.gs.gzip), mean((r) => r.pf.gzip))}** |`);
out.push("");
out.push(`Mean per query with gzip: gongshi ${kb(mean((r) => r.gs.gzip))} in ${mean((r) => r.gs.files).toFixed(1)} files, Pagefind ${kb(mean((r) => r.pf.gzip))} in ${mean((r) => r.pf.files).toFixed(1)} files. Worst ratio: ${Math.max(...rows.map((r) => r.gs.bytes / r.pf.bytes)).toFixed(2)}.`, "");
const g = size.gongshi, p = size.pagefind;
out.push("| index on disk | gongshi | Pagefind |");
out.push("|---|--:|--:|");
out.push(`| all search files (scripts and index) | ${kb(sum(g.all, "bytes"))} in ${g.all.length} files | ${kb(sum(p.all, "bytes"))} in ${p.all.length} files |`);
out.push(`| shards (gongshi search/s, Pagefind index chunks) | ${g.shards.length} | ${p.shards.length} |`);
out.push(`| largest shard | ${kb(largest(g.shards))} | ${kb(largest(p.shards))} |`);
out.push(`| mean shard | ${kb(sum(g.shards, "bytes") / (g.shards.length || 1))} | ${kb(sum(p.shards, "bytes") / (p.shards.length || 1))} |`);
out.push(`| fragments (one per result) | ${g.fragments.length}, ${kb(sum(g.fragments, "bytes"))} | ${p.fragments.length}, ${kb(sum(p.fragments, "bytes"))} |`);
out.push(`| not counted: Pagefind's UI bundles | — | ${kb(sum(p.ui, "bytes"))} in ${p.ui.length} files |`);
out.push(`| counted in every query: gongshi's manifest, inline in the search page | ${kb(manifest.bytes)}, gzip ${kb(manifest.gzip)} | — |`);
console.log(out.join("\n"));
