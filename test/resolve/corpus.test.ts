/** Every service config of the shared corpus resolves without throwing, and quickly. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readParsedFile } from '../../src/load/read.js';
import { resolveService } from '../../src/resolve/index.js';
import { HAS_SHARED, sharedPath } from '../helpers/shared.js';

const CONFIG_NAME = /^serverless\.(ya?ml|json)$/;

function serviceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...serviceFiles(full));
    else if (CONFIG_NAME.test(entry.name)) found.push(full);
  }
  return found.sort();
}

describe.skipIf(!HAS_SHARED)('corpus (shared/corpus)', () => {
  test('resolving never throws; diagnostics by code', () => {
    const corpus = sharedPath('corpus');
    const files = serviceFiles(corpus);
    expect(files.length).toBeGreaterThan(800);
    const byCode = new Map<string, number>();
    let resolved = 0;
    const started = Date.now();
    for (const file of files) {
      const parsed = readParsedFile(file);
      if (!parsed.root) continue;
      const service = resolveService({ ...parsed, root: parsed.root }, { projectRoot: corpus, env: {} });
      resolved++;
      for (const d of service.diagnostics.slice(parsed.diagnostics.length)) {
        byCode.set(`${d.code}/${d.severity}`, (byCode.get(`${d.code}/${d.severity}`) ?? 0) + 1);
        expect(d.span, `${d.code} in ${file} has a span`).toBeDefined();
      }
    }
    const elapsed = Date.now() - started;
    console.log(
      `corpus: ${files.length} service files, ${resolved} resolved in ${elapsed} ms; diagnostics by code:\n` +
        [...byCode].sort().map(([code, n]) => `  ${code}: ${n}`).join('\n'),
    );
    expect(resolved).toBeGreaterThan(800);
  });
});
