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
    let parseMs = 0;
    let resolveMs = 0;
    for (const file of files) {
      let started = performance.now();
      const parsed = readParsedFile(file);
      parseMs += performance.now() - started;
      if (!parsed.root) continue;
      started = performance.now();
      // env is empty so results do not depend on the machine; includes may reach anywhere in the corpus.
      const service = resolveService({ ...parsed, root: parsed.root }, { projectRoot: corpus, env: {} });
      resolveMs += performance.now() - started;
      resolved++;
      for (const d of service.diagnostics.slice(parsed.diagnostics.length)) {
        byCode.set(`${d.code}/${d.severity}`, (byCode.get(`${d.code}/${d.severity}`) ?? 0) + 1);
        expect(d.span, `${d.code} in ${file} has a span`).toBeDefined();
      }
    }
    console.log(
      `corpus: ${files.length} service files parsed in ${Math.round(parseMs)} ms, ${resolved} resolved ` +
        `(includes read) in ${Math.round(resolveMs)} ms; resolve diagnostics by code/severity:\n` +
        [...byCode].sort().map(([code, n]) => `  ${code}: ${n}`).join('\n'),
    );
    expect(resolved).toBeGreaterThan(800);
  });
});
