import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { mapGet } from '../../src/load/node.js';
import { readParsedFile } from '../../src/load/read.js';
import { resolveService } from '../../src/resolve/index.js';
import { synthesize } from '../../src/synthesize/index.js';
it('inspect', () => {
  const files: string[] = [];
  const walk = (d: string) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) { if (n !== 'node_modules') walk(p); } else if (/^serverless\.(ya?ml|json)$/.test(n)) files.push(p); } };
  walk('/work/shared/corpus');
  let tLoad = 0, tSynth = 0;
  const diag: Record<string, number> = {};
  for (const f of files) {
    let t = Date.now();
    const parsed = readParsedFile(f); const root = parsed.root;
    if (!root || root.kind !== 'map' || !mapGet(root, 'service') || !mapGet(root, 'provider')) continue;
    const rs = resolveService({ ...parsed, root }, { stage: 'dev', region: 'us-east-1', env: {} });
    tLoad += Date.now() - t; t = Date.now();
    const m = synthesize(rs);
    tSynth += Date.now() - t;
    if (m.failure && !/Object notation/.test(m.failure.message)) console.log(f, m.failure.message, JSON.stringify(m.failure.at));
    for (const d of m.diagnostics) if (['unknown-functions','unknown-function-config','events-not-a-list','unknown-stream-type','unknown-destination','unknown-statements','unknown-resources','role-name-length-unknown'].includes(d.code)) diag[d.code] = (diag[d.code] ?? 0) + 1;
  }
  console.log('load', tLoad, 'synth', tSynth, diag);
});
