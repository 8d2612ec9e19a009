// `gongshi serve` in headless Chromium: an open page follows edits by itself, a broken file
// shows the panel with its file and line over the last good page, and fixing it brings the
// page back. Usage: node preview.mjs GONGSHI_BINARY SITE_COPY   (exit code 1 on failure)
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { readFile, writeFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { CHROMIUM_ARGS } from "./serve.mjs";

const [bin, site] = process.argv.slice(2);
const port = 4100 + Math.floor(Math.random() * 800);
const server = spawn(bin, ["serve", site, "--port", String(port)], { env: { ...process.env, SOURCE_DATE_EPOCH: "1795392000" } });
const url = await new Promise((ok, fail) => {
  let seen = "";
  server.stdout.on("data", (d) => { seen += d; const m = seen.match(/http:\/\/\S+?\//g); if (m) ok(seen.match(/http:\/\/127\.0\.0\.1:\d+\/\S*?\//)[0]); });
  server.on("exit", (code) => fail(new Error("serve exited " + code + ": " + seen)));
  setTimeout(() => fail(new Error("serve did not start: " + seen)), 20000);
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
let failed = 0;
const check = (ok, what) => { console.log(`  ${ok ? "✓" : "✗"} preview: ${what}`); if (!ok) failed++; };
try {
  const page = await browser.newPage();
  const notice = join(site, "notices/2017-jieduigongjian-anpai.md");
  await page.goto(url + "notices/2017-jieduigongjian-anpai/");
  const original = await readFile(notice, "utf8");
  await new Promise((r) => setTimeout(r, 500)); // the event stream connects
  const edited = Date.now();
  await writeFile(notice, original.replace("title: 连云区中小学结对共建安排公示", "title: 结对共建安排公示（已修改）"));
  // No time limit is asserted (CI machines are shared and slow); the time is reported.
  await page.waitForFunction(() => document.querySelector("h1").textContent.includes("已修改"), null, { timeout: 15000 }).catch(() => {});
  const took = Date.now() - edited;
  check((await page.textContent("h1")).includes("已修改"), `the open page follows an edit (${took} ms)`);

  await writeFile(join(site, "policies/bad.md"), "---\ntitle: 坏\ndate: 2017-02-30\n---\n");
  await page.waitForSelector("#gongshi-overlay", { timeout: 5000 }).catch(() => {});
  const panel = await page.textContent("#gongshi-overlay").catch(() => "");
  check(panel.includes("policies/bad.md:3:7") && panel.includes("日期无效") && panel.includes("^^^"), "a broken file shows the panel with file, line and caret");
  check((await page.textContent("h1")).includes("已修改"), "the last good page stays under the panel");

  await rm(join(site, "policies/bad.md"));
  await page.waitForFunction(() => !document.getElementById("gongshi-overlay"), null, { timeout: 5000 }).catch(() => {});
  check(!(await page.$("#gongshi-overlay")), "fixing the file brings the page back");
  await writeFile(notice, original);
} finally {
  await browser.close();
  server.kill();
}
process.exit(failed ? 1 : 0);
