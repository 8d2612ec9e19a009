// Screenshots of built pages at phone and desktop widths, for a person to look at.
// Usage: node screenshot.mjs SITE_DIR OUT_DIR page-path [page-path …]
import { chromium } from "playwright-core";
import { serve, CHROMIUM_ARGS } from "./serve.mjs";

const [dir, out, ...pages] = process.argv.slice(2);
const server = await serve(dir);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
for (const width of [390, 1280]) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  for (const p of pages) {
    await page.goto(server.base + p);
    await page.waitForLoadState("networkidle");
    const name = `${out}/${(p || "home").replace(/[\/?=&]+/g, "_").replace(/_$/, "")}-${width}.png`;
    await page.screenshot({ path: name, fullPage: true });
    console.log(name);
  }
  await page.close();
}
await browser.close();
await server.close();
