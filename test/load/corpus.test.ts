/** Every real config in the shared corpus loads without throwing, quickly. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readParsedFile } from '../../src/load/read.js';
import { checkServiceShape } from '../../src/load/service-shape.js';
import { HAS_SHARED, SKIP_SHARED_REASON, sharedPath } from '../helpers/shared.js';

function configFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...configFiles(path));
    else if (/\.(ya?ml|json)$/.test(entry.name)) out.push(path);
  }
  return out;
}

describe.skipIf(!HAS_SHARED)(`shared corpus (${HAS_SHARED ? 'present' : SKIP_SHARED_REASON})`, () => {
  it('parses every yml/yaml/json file without an exception', () => {
    const files = configFiles(sharedPath('corpus'));
    expect(files.length).toBeGreaterThan(1000);
    const byCode = new Map<string, number>();
    const count = (code: string) => byCode.set(code, (byCode.get(code) ?? 0) + 1);
    let withRoot = 0;
    const started = Date.now();
    for (const file of files) {
      const parsed = readParsedFile(file);
      if (parsed.root) withRoot++;
      for (const d of parsed.diagnostics) {
        count(d.code);
        // Every diagnostic is located in the file it is about.
        expect(d.span?.file).toBe(file);
      }
      if (/serverless\.(ya?ml|json)$/.test(file)) {
        const shape = checkServiceShape(parsed);
        if (shape) count(`${shape.code} (service files)`);
      }
    }
    const elapsed = Date.now() - started;
    console.log(`corpus: ${files.length} files, ${withRoot} with a tree, ${elapsed} ms; diagnostics by code:`, Object.fromEntries([...byCode].sort()));
    expect(withRoot).toBeGreaterThan(files.length * 0.95);
  });
});
