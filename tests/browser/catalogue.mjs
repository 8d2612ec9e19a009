// The policy catalogue in headless Chromium: sorting by a header, combined facets with their
// counts, and axe-core (no serious or critical violation) at phone and desktop widths, before
// and after filtering.
// Usage: node catalogue.mjs SITE_DIR   (exit code 1 on any failure)
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { serve, CHROMIUM_ARGS } from "./serve.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const [dir] = process.argv.slice(2);
const failures = [];
const check = (good, what) => { if (good) console.log("  ✓ " + what); else { failures.push(what); console.log("  ✗ " + what); } };

const server = await serve(dir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });

async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(!bad.length, `${label}: axe, no serious or critical violation` +
    bad.map((v) => ` [${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}]`).join(""));
}

const visibleTitles = (page) => page.$$eval(".catalogue-table tbody tr:not([hidden]) .c-title a", (as) => as.map((a) => a.textContent));
const count = (page, facet, value) =>
  page.$eval(`.facet[data-facet="${facet}"] li[data-value="${value}"] .n`, (n) => Number(n.textContent));

console.log("policies/ (catalogue)");
for (const width of [390, 1280]) {
  const label = `catalogue ${width}px`;
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(server.base + "policies/");
  await axe(page, label);
  const all = await visibleTitles(page);
  const facetsOpen = await page.$eval("details.facets", (d) => d.open);
  check(width === 390 ? !facetsOpen : facetsOpen, `${label}: filters ${width === 390 ? "collapsed under 筛选" : "open beside the table"}`);
  if (width === 390) await page.click("details.facets summary");

  // Sorting: headers are buttons; 标题 ascending, then descending; aria-sort follows.
  await page.click(".catalogue-table th:nth-child(2) button");
  const ascending = await visibleTitles(page);
  const collator = new Intl.Collator("zh-CN", { numeric: true });
  check(JSON.stringify(ascending) === JSON.stringify([...all].sort(collator.compare)), `${label}: sorts by 标题`);
  check(await page.getAttribute(".catalogue-table th:nth-child(2)", "aria-sort") === "ascending", `${label}: aria-sort ascending`);
  await page.click(".catalogue-table th:nth-child(2) button");
  check(await page.getAttribute(".catalogue-table th:nth-child(2)", "aria-sort") === "descending", `${label}: aria-sort descending`);

  // Facets: 连云区教育局 and 体裁 方案 together leave the 89号 plan; counts follow.
  const issuerBefore = await count(page, "issuer", "连云区教育局");
  await page.click('.facet[data-facet="issuer"] li[data-value="连云区教育局"] button');
  const byIssuer = await visibleTitles(page);
  check(byIssuer.length === issuerBefore && byIssuer.length < all.length, `${label}: 发布机构 filters to its ${issuerBefore} rows`);
  check(await count(page, "genre", "意见") === 0, `${label}: 体裁 counts follow the 发布机构 chosen`);
  await page.click('.facet[data-facet="genre"] li[data-value="方案"] button');
  const both = await visibleTitles(page);
  check(both.length === 1 && both[0].includes("实施方案"), `${label}: 发布机构 + 体裁 combine (${both.join("、")})`);
  check((await page.textContent(".catalogue-status")).includes(`1 / ${all.length}`), `${label}: the status says how many are shown`);
  await axe(page, `${label} filtered`);
  await page.click(".facet-clear");
  check((await visibleTitles(page)).length === all.length, `${label}: 清除筛选 shows every row again`);
  await page.close();
}

// Without scripts the table is complete and the facets are links to the static lists.
{
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.base + "policies/");
  const rows = await page.$$eval(".catalogue-table tbody tr", (r) => r.length);
  const total = Number((await page.textContent(".catalogue-table caption")).match(/共 (\d+) 件/)[1]);
  const links = await page.$$eval('.facet[data-facet="year"] a', (as) => as.length);
  check(rows === total && links > 0, `without scripts: all ${total} rows, year facets are links`);
  await context.close();
}

await browser.close();
await server.close();
if (failures.length) { console.log(`\n${failures.length} catalogue check(s) failed`); process.exit(1); }
console.log("\ncatalogue checks passed");
