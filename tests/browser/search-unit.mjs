// Unit checks of static/search.js under Node: the keys of a query, the shard hash and the list
// encodings agree with the build (tests/search-fixture.json is checked by the Rust tests too),
// and ranking puts the stronger match first. Usage: node search-unit.mjs [SITE_DIR]
// With a built site, the same checks run on the script it publishes (minified by build.rs) too.
import { createRequire } from "node:module";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import assert from "node:assert/strict";

const require = createRequire(import.meta.url);
const fixture = JSON.parse(readFileSync(new URL("../search-fixture.json", import.meta.url)));
const scripts = ["../../themes/default/static/search.js"];
if (process.argv[2]) {
  const dir = join(process.argv[2], "static");
  const published = readdirSync(dir).filter((f) => /^search\.[0-9a-f]{10}\.js$/.test(f));
  assert.equal(published.length, 1, `one search script in ${dir}`);
  scripts.push(join(dir, published[0]));
}
for (const script of scripts) {
  check(require(script));
  await shards(require(script));
}
console.log(`search.js unit checks passed (${scripts.length === 2 ? "source and published" : "source"})`);

function check(search) {

  for (const c of fixture.keys) assert.deepEqual(search.parse(c.text).map((t) => t.keys), c.terms, c.text);
  for (const c of fixture.hashes) assert.equal(search.hash(c.key), c.hash, c.key);
  for (const c of fixture.lists) assert.deepEqual(search.ids(c.encoded), c.ids, c.encoded);

  // Ranking on a fixed set of postings: record → field mask (1 title, 2 文号, 4 metadata, 8 body).
  const found = {
    "优质": { 0: 8, 1: 1, 2: 8, 3: 1 },
    "质均": { 0: 8, 1: 1, 2: 8, 3: 1 },
    "均衡": { 0: 8, 1: 1, 2: 8, 3: 1, 4: 8 },
    "结对": { 2: 8, 3: 4, 4: 1 },
  };
  const order = (q) => search.rank(search.parse(q), found).map((h) => h.id);
  assert.deepEqual(order("优质均衡"), [1, 3, 0, 2], "title over body; a lower number (newer) breaks a tie");
  assert.deepEqual(order("优质均衡 结对"), [3, 2], "terms are ANDed; metadata over body");
  assert.deepEqual(order("结对"), [4, 3, 2]);
  // A phrase that no record holds whole: records with most of its keys, title matches first.
  assert.deepEqual(order("均衡结对"), [3, 4, 2]);

  // A 文号 whose runs the query gives whole (57号, not the end of 257号) comes first.
  const numbers = { "57": { 0: 2, 1: 2, 2: 2 }, "7号": { 0: 2, 1: 2, 2: 2 }, "=57号": { 2: 2 } };
  assert.deepEqual(search.rank(search.parse("57号"), numbers).map((h) => h.id), [2, 0, 1]);

  // A record holding the whole phrase in its body outranks one holding most of it in its title.
  const phrase = { "甲乙": { 0: 8, 1: 1 }, "乙丙": { 0: 8, 1: 1 }, "丙丁": { 0: 8, 1: 1 }, "丁戊": { 0: 8 } };
  assert.deepEqual(search.rank(search.parse("甲乙丙丁戊"), phrase).map((h) => h.id), [0, 1]);
}

// Shards are asked for by number with ?v= the generation, and one whose first line is another
// generation (a deploy half done) is refused, not read.
async function shards(search) {
  const M = { g: "0123456789", shards: 1 };
  const asked = [];
  const serve = (first) => (path) => {
    asked.push(path);
    return Promise.resolve(first + "\n结对\t\t\t\tAB\n");
  };
  const found = await search.postings(["结对"], M, serve(M.g));
  assert.deepEqual(asked, ["search/s/0.txt?v=0123456789"]);
  assert.deepEqual(found, { "结对": { 0: 8, 1: 8 } });
  await assert.rejects(search.postings(["结对"], M, serve("9876543210")), (e) => e.stale === 1);
}
