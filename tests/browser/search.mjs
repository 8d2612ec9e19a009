// Search checks in headless Chromium on a built site: each query must put the expected page in
// the top 3 (or show the no-result message with suggestions), and every query's downloads are
// counted: the bytes of scripts and index files a cold browser fetches (not the page itself).
// Usage: node search.mjs SITE_DIR [CASES.json]   (exit code 1 on any failure)
// A case: {"q": "…", "top3": "path/of/page/"} or {"q": "…", "none": true, "suggest": "学校名"}.
import { chromium } from "playwright-core";
import { readFile } from "node:fs/promises";
import { serve, CHROMIUM_ARGS } from "./serve.mjs";

const EXAMPLE = [
  { q: "交流轮岗补充说明", top3: "notices/2017-jiaoliu-buchong-shuoming/", why: "simplified finds traditional" },
  { q: "連雲區落實三年行動計劃", top3: "policies/lianqujiao-2017-89/", why: "traditional finds simplified" },
  { q: "xugou", top3: "schools/xugou-xiaoxue/", why: "full pinyin" },
  { q: "Xu Gou", top3: "schools/xugou-xiaoxue/", why: "spaced, capitalised pinyin" },
  { q: "xgxx", top3: "schools/xugou-xiaoxue/", why: "initials" },
  { q: "mlxx", top3: "schools/miaoling-xiaoxue/", why: "initials" },
  { q: "连区教〔2017〕89号", top3: "policies/lianqujiao-2017-89/", first: true, why: "doc_no" },
  { q: "连区教[2017]89号", top3: "policies/lianqujiao-2017-89/", first: true, why: "doc_no, other brackets" },
  { q: "89号", top3: "policies/lianqujiao-2017-89/", first: true, why: "number part of a doc_no" },
  { q: "庙岭", top3: "schools/miaoling-xiaoxue/", why: "two characters" },
  { q: "结对 公示", top3: "notices/2017-jieduigongjian-anpai/", why: "two terms ANDed" },
  { q: "结对", some: "pairings/", why: "the search page promises pairings: 结对 finds them" },
  { q: "墟溝中心小學", none: true, suggest: "墟沟小学", why: "no result, nearest school suggested" },
];

const [dir, casesFile] = process.argv.slice(2);
const cases = casesFile ? JSON.parse(await readFile(casesFile, "utf8")) : EXAMPLE;
const server = await serve(dir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
let failed = 0;
const rows = [];

for (const c of cases) {
  const context = await browser.newContext(); // cold: nothing cached
  const page = await context.newPage();
  let bytes = 0;
  const searchUrl = server.base + "search/?q=" + encodeURIComponent(c.q);
  page.on("response", async (res) => {
    if (res.url().split("?")[0] === searchUrl.split("?")[0]) return; // the page itself
    if (/\/static\/(search\.js)|\/search\//.test(res.url())) bytes += (await res.body().catch(() => Buffer.alloc(0))).length;
  });
  await page.goto(searchUrl);
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status");
    return s && s.textContent.length > 0 && (document.querySelectorAll("#search-results li").length > 0 || /没有找到|无法使用/.test(s.textContent));
  }, null, { timeout: 10000 }).catch(() => {});
  await page.waitForLoadState("networkidle");
  const got = await page.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    links: [...document.querySelectorAll("#search-results li a")].map((a) => a.getAttribute("href")),
    suggest: document.getElementById("search-suggest").hidden ? "" : document.getElementById("search-suggest").textContent,
  }));
  const paths = got.links.map((h) => new URL(h, server.base).pathname.replace(new URL(server.base).pathname, ""));
  let ok;
  if (c.none) ok = paths.length === 0 && /没有找到/.test(got.status) && got.suggest.includes(c.suggest);
  else if (c.some) ok = paths.some((p) => p.startsWith(c.some) && p !== c.some);
  else ok = c.first ? paths[0] === c.top3 : paths.slice(0, 3).includes(c.top3);
  const rank = c.none ? "-" : c.some ? paths.findIndex((p) => p.startsWith(c.some)) + 1 : paths.indexOf(c.top3) + 1;
  rows.push({ q: c.q, ok, rank, results: paths.length, bytes });
  console.log(`  ${ok ? "✓" : "✗"} ${c.q} (${c.why || ""}): rank ${rank || "none"} of ${paths.length}, ${bytes} bytes${ok ? "" : " — got " + JSON.stringify(paths.slice(0, 5)) + " " + got.status + " " + got.suggest}`);
  if (!ok) failed++;
  await context.close();
}
// A shard of another build (a deploy half done: the page names one generation, the server holds
// the next): the page reloads once, then says the index is being updated.
if (!casesFile) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route(/\/search\/s\/\d+\.txt/, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, body: (await res.text()).replace(/^[^\n]*/, "ffffffffff") });
  });
  let loads = 0;
  page.on("load", () => loads++);
  await page.goto(server.base + "search/?q=" + encodeURIComponent("庙岭"));
  await page.waitForFunction(() => /正在更新/.test(document.getElementById("search-status").textContent), null, { timeout: 10000 }).catch(() => {});
  const status = await page.evaluate(() => document.getElementById("search-status").textContent);
  const ok = loads === 2 && /搜索索引正在更新/.test(status);
  console.log(`  ${ok ? "✓" : "✗"} a shard of another generation: ${loads} loads of the page, then "${status}"`);
  if (!ok) failed++;
  await context.close();
}
// The school finder on the schools page: typing narrows the list; filters combine with it.
if (!casesFile) {
  const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
  await page.goto(server.base + "schools/");
  await page.waitForSelector("#school-finder:not([hidden])");
  const visible = () => page.evaluate(() => [...document.querySelectorAll("[data-find]")].filter((e) => !e.hidden).map((e) => e.querySelector("a").textContent));
  for (const [typed, expect] of [["xugou", ["墟沟小学"]], ["廟嶺", ["庙岭小学"]], ["ldxx", ["连岛小学"]], ["Lian Dao", ["连岛小学"]]]) {
    await page.fill("#finder-q", "");
    await page.waitForFunction(() => document.getElementById("finder-status").textContent === "");
    await page.fill("#finder-q", typed);
    await page.waitForFunction((n) => document.getElementById("finder-status").textContent.includes("显示 " + n + " /"), expect.length);
    const got = await visible();
    const ok = JSON.stringify(got) === JSON.stringify(expect);
    console.log(`  ${ok ? "✓" : "✗"} finder: ${typed} → ${got.join("、")}`);
    if (!ok) failed++;
  }
  await page.fill("#finder-q", "");
  await page.selectOption("select[name=stage]", "初中");
  const juniors = await visible();
  const ok = juniors.length > 0 && juniors.every((n) => n.endsWith("中学"));
  console.log(`  ${ok ? "✓" : "✗"} finder: 学段 初中 → ${juniors.length} 所`);
  if (!ok) failed++;
  await page.close();
}
await browser.close();
await server.close();
const mean = Math.round(rows.reduce((s, r) => s + r.bytes, 0) / rows.length);
console.log(`\nsearch: ${rows.length - failed}/${rows.length} queries as expected; ${mean} bytes per cold query on average`);
if (process.env.SEARCH_REPORT) console.log(JSON.stringify(rows));
process.exit(failed ? 1 : 0);
