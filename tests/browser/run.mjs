// Browser checks of a built site in headless Chromium (Debian's, no download):
//  - axe-core finds no serious or critical accessibility violation;
//  - the print stylesheet hides navigation and keeps the content; a PDF prints;
//  - at 200% text size the pages stay usable at phone and desktop widths (no sideways scroll);
//  - the 大字 (larger text) toggle works and is remembered; the skip link comes first;
//  - every internal link answers.
// Usage: node run.mjs SITE_DIR page-path…   (exit code 1 on any failure)
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { serve, CHROMIUM_ARGS } from "./serve.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const [dir, ...pages] = process.argv.slice(2);
const failures = [];
const fail = (what) => { failures.push(what); console.log("  ✗ " + what); };
const ok = (what) => console.log("  ✓ " + what);

const server = await serve(dir);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });

async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of bad) fail(`${label}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")})`);
  if (!bad.length) ok(`${label}: axe, no serious or critical violation (${result.violations.length} minor)`);
}

async function noSidewaysScroll(page, label) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  if (scroll > width + 1) fail(`${label}: page scrolls sideways (${scroll}px content in ${width}px)`);
  else ok(`${label}: fits the width`);
}

for (const path of pages) {
  const url = server.base + path;
  console.log(path || "(home)");
  for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const response = await page.goto(url);
    if (response.status() !== 200) { fail(`${path} ${width}px: HTTP ${response.status()}`); await page.close(); continue; }
    await page.waitForLoadState("networkidle"); // search results come in after the page
    // Hashed asset names (issue 22): every stylesheet the page names loaded and applies.
    const sheets = await page.evaluate(() =>
      [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => ({ href: l.getAttribute("href"), rules: l.sheet ? l.sheet.cssRules.length : 0 })));
    const missing = sheets.filter((x) => x.rules === 0);
    if (!sheets.length || missing.length) fail(`${path} ${width}px: stylesheet not applied: ${JSON.stringify(missing.length ? missing : sheets)}`);
    await axe(page, `${path} ${width}px`);
    await noSidewaysScroll(page, `${path} ${width}px`);

    // 200% text (WCAG 1.4.4): content still fits and the main heading is visible.
    await page.evaluate(() => { document.documentElement.style.fontSize = "200%"; });
    await noSidewaysScroll(page, `${path} ${width}px at 200% text`);
    const h1 = await page.locator("h1").first().boundingBox();
    if (!h1 || h1.width <= 0) fail(`${path} ${width}px at 200%: no visible h1`);
    await page.evaluate(() => { document.documentElement.style.fontSize = ""; });

    // A table cut off by the phone's width says that it scrolls (issue 18): every box whose
    // table is wider than the box shows the hint and fades its hidden edge.
    const cues = await page.evaluate(() => [...document.querySelectorAll(".table-scroll")].map((b) => ({
      wide: b.scrollWidth - b.clientWidth > 2,
      hint: !!(b.previousElementSibling && b.previousElementSibling.matches(".scroll-hint") && !b.previousElementSibling.hidden),
      faded: b.classList.contains("more-right"),
    })));
    const silent = cues.filter((c) => c.wide && !(c.hint && c.faded)).length;
    if (silent) fail(`${path} ${width}px: ${silent} wide table(s) without a scroll cue`);
    else if (cues.some((c) => c.wide)) ok(`${path} ${width}px: wide tables say they scroll`);

    if (width === 390) {
      // Print: navigation gone, content kept, a PDF comes out.
      await page.emulateMedia({ media: "print" });
      const printed = await page.evaluate(() => ({
        nav: getComputedStyle(document.querySelector(".site-nav")).display,
        main: getComputedStyle(document.querySelector("main")).display,
        mainText: document.querySelector("main").innerText.length,
        tools: document.querySelector(".doc-tools") && getComputedStyle(document.querySelector(".doc-tools")).display,
      }));
      if (printed.nav !== "none") fail(`${path}: navigation is printed`);
      else if (printed.tools && printed.tools !== "none") fail(`${path}: 打印/关闭 buttons are printed`);
      else if (printed.main === "none" || printed.mainText < 10) fail(`${path}: content not printed`);
      else ok(`${path}: print stylesheet hides navigation, keeps content`);
      await page.emulateMedia({ media: "screen" });
      // 打印 shows once scripts run (it is hidden without them).
      const tools = await page.evaluate(() => { const t = document.querySelector(".doc-tools"); return t ? !t.hidden && getComputedStyle(t).display !== "none" : null; });
      if (tools === false) fail(`${path}: 打印 button not shown with scripts on`);
      const pdf = await page.pdf({ format: "A4" });
      if (pdf.length < 1000) fail(`${path}: printing gave ${pdf.length} bytes`);

      // Keyboard: the first Tab lands on the skip link.
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement && document.activeElement.className);
      if (focused !== "skip-link") fail(`${path}: first Tab goes to "${focused}", not the skip link`);
    }
    await page.close();
  }
}

// The 大字 toggle: enlarges text and is remembered on the next page.
{
  const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
  await page.goto(server.base + (pages[0] || ""));
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  await page.click("#gs-text-size");
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  await page.goto(server.base + (pages[1] || ""));
  const kept = await page.evaluate(() => document.documentElement.classList.contains("large"));
  const pressed = await page.getAttribute("#gs-text-size", "aria-pressed");
  if (!(after > before * 1.2) || !kept || pressed !== "true") fail(`large text toggle: ${before}px → ${after}px, kept=${kept}, pressed=${pressed}`);
  else ok(`large text toggle: ${before}px → ${after}px, remembered`);
  await page.close();
}

// 关闭 shows only where a script may close the tab: one a script opened (it then closes it);
// after ordinary navigation it stays hidden, since window.close() would do nothing there.
{
  const doc = pages.find((p) => p.startsWith("policies/") && p !== "policies/");
  const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
  await page.goto(server.base);
  await page.goto(server.base + doc);
  const navigated = await page.isVisible("#gs-close");
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.evaluate((u) => { window.open(u); }, server.base + doc)]);
  await popup.waitForLoadState();
  const opened = await popup.isVisible("#gs-close");
  // The click closes the window it is in, so Playwright may see its target vanish mid-action.
  if (opened) await Promise.all([popup.waitForEvent("close"), popup.click("#gs-close", { noWaitAfter: true }).catch(() => {})]);
  if (navigated || !opened || !popup.isClosed()) fail(`关闭: visible after navigation=${navigated}, in a scripted window=${opened}, closed=${popup.isClosed()}`);
  else ok("关闭: hidden after navigation, closes a window a script opened");
  await page.close();
}

// Every internal link of every page answers 200.
{
  const seen = new Set();
  const queue = [server.base];
  let broken = 0;
  while (queue.length) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const res = await fetch(url);
    if (res.status !== 200) { fail(`broken link: ${url} (${res.status})`); broken++; continue; }
    if (!(res.headers.get("content-type") || "").startsWith("text/html")) continue;
    const html = await res.text();
    for (const m of html.matchAll(/(?:href|src)="([^"#]+)"/g)) {
      const target = new URL(m[1].replaceAll("&amp;", "&"), url);
      if (target.origin === new URL(server.base).origin) queue.push(target.href);
    }
  }
  if (!broken) ok(`links: ${seen.size} internal URLs answer 200`);
}

await browser.close();
await server.close();
if (failures.length) {
  console.log(`\n${failures.length} browser check(s) failed`);
  process.exit(1);
}
console.log("\nall browser checks passed");
