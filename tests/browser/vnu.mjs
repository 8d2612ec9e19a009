// The W3C Nu HTML checker (npm vnu-jar, run offline with the system's java) over every page of
// a built site: any error fails; warnings are listed, grouped by message, and pass.
// Usage: node vnu.mjs SITE_DIR   (exit code 1 on any error)
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";

const require = createRequire(import.meta.url);
const JAR = join(dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
const [dir] = process.argv.slice(2);

// vnu writes its JSON report to stderr, and exits 1 when it reports errors.
const run = spawnSync("java", ["-jar", JAR, "--format", "json", "--skip-non-html", "--also-check-css", dir], {
  encoding: "utf8", maxBuffer: 64 << 20,
});
const out = (run.stderr || "") + (run.stdout || "");
if (run.error || !out.includes("{")) { console.log("  ✗ vnu did not run: " + (run.error?.message || out)); process.exit(1); }
const { messages } = JSON.parse(out.slice(out.indexOf("{")));
const where = (m) => `${relative(dir, new URL(m.url).pathname)}:${m.lastLine ?? "?"}`;
// The checker's CSS profile predates container queries (CSS Containment 3, in every current
// browser): its complaints about `container` and `@container` are listed, not counted.
const unknownToChecker = (m) => m.url.endsWith(".css") && /“@?container”/.test(m.message);
const errors = messages.filter((m) => (m.type === "error" || m.type === "non-document-error") && !unknownToChecker(m));
for (const m of messages.filter(unknownToChecker)) console.log(`  · vnu does not know: ${where(m)}: ${m.message}`);
const warnings = messages.filter((m) => m.type === "info" && m.subType === "warning");
const grouped = new Map();
for (const w of warnings) grouped.set(w.message, [...(grouped.get(w.message) || []), where(w)]);
for (const [message, at] of grouped) console.log(`  · vnu warning (${at.length}×): ${message} (${at.slice(0, 2).join(", ")})`);
for (const e of errors) console.log(`  ✗ vnu error: ${where(e)}: ${e.message}`);
if (errors.length) { console.log(`\n${errors.length} HTML error(s)`); process.exit(1); }
console.log(`  ✓ vnu: no HTML error (${warnings.length} warnings)`);
