/**
 * The benchmark's floor: a Node process that only reads and YAML-parses files, nothing
 * else. Arguments: service files, or `@list` for a file holding one path per line.
 *
 * `uniqueKeys: false` because `yaml`'s duplicate-key check is quadratic in a mapping's size
 * (5,000 functions under `functions:` would make the floor, not iamlint, the slow one);
 * iamlint reports duplicates itself while building its tree.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';

const files = process.argv.slice(2).flatMap((arg) =>
  arg.startsWith('@') ? readFileSync(arg.slice(1), 'utf8').split('\n').filter(Boolean) : [arg],
);
let nodes = 0;
for (const file of files) {
  const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: false });
  if (doc.contents) nodes++;
}
process.stdout.write(`${nodes}\n`);
