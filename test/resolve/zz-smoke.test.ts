import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import { readParsedFile } from '../../src/load/read.js';
import { resolveService } from '../../src/resolve/index.js';
function serviceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...serviceFiles(full));
    else if (/^serverless\.(ya?ml|json)$/.test(entry.name)) found.push(full);
  }
  return found.sort();
}
test('timing', () => {
  const files = serviceFiles('/work/shared/corpus');
  let tp = 0, tr = 0; const slow: [number, string][] = [];
  for (const f of files) {
    let t = performance.now();
    const p = readParsedFile(f);
    tp += performance.now() - t;
    if (!p.root) continue;
    t = performance.now();
    resolveService({ ...p, root: p.root }, { projectRoot: '/work/shared/corpus', env: {} });
    const d = performance.now() - t; tr += d; slow.push([d, f]);
  }
  slow.sort((a, b) => b[0] - a[0]);
  console.log({ tp, tr }, slow.slice(0, 8));
});
