/**
 * Every service file of shared/corpus goes through load → resolve → synthesize without an
 * exception (files without top-level `service` and `provider` are not services and are skipped).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapGet } from '../../src/load/node.js';
import { readParsedFile } from '../../src/load/read.js';
import { resolveService } from '../../src/resolve/index.js';
import { synthesize, type ServiceModel } from '../../src/synthesize/index.js';
import { HAS_SHARED, sharedPath } from '../helpers/shared.js';

const SERVICE_FILE = /^serverless\.(ya?ml|json)$/;

function serviceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name === '.git') continue;
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (SERVICE_FILE.test(name)) out.push(path);
    }
  };
  walk(root);
  return out;
}

describe.skipIf(!HAS_SHARED)('corpus', () => {
  it('synthesizes every service without an exception', () => {
    const files = serviceFiles(sharedPath('corpus'));
    let services = 0;
    let notServices = 0;
    const roleKinds: Record<string, number> = {};
    const failures: Record<string, number> = {};
    const internal: string[] = [];
    let functions = 0;
    const started = Date.now();
    for (const file of files) {
      const parsed = readParsedFile(file);
      const root = parsed.root;
      if (!root || root.kind !== 'map' || !mapGet(root, 'service') || !mapGet(root, 'provider')) {
        notServices++;
        continue;
      }
      let model: ServiceModel;
      try {
        model = synthesize(resolveService({ ...parsed, root }, { stage: 'dev', region: 'us-east-1', env: {} }));
      } catch (error) {
        throw new Error(`${file}: ${(error as Error).stack}`);
      }
      services++;
      functions += model.functions.length;
      for (const role of model.roles) roleKinds[role.kind] = (roleKinds[role.kind] ?? 0) + 1;
      if (model.failure) {
        const key = `${model.failure.code ?? '-'}: ${model.failure.message.replace(/"[^"]*"/g, '"…"').slice(0, 60)}`;
        failures[key] = (failures[key] ?? 0) + 1;
      }
      for (const d of model.diagnostics) if (d.code === 'internal-error') internal.push(`${file}: ${d.message}`);
    }
    console.log(
      `[corpus] ${files.length} files, ${services} services (${notServices} skipped: not a service), ${functions} functions, ` +
        `roles by kind ${JSON.stringify(roleKinds)}, ${Date.now() - started} ms`,
    );
    console.log(`[corpus] failures by message: ${JSON.stringify(failures, null, 1)}`);
    expect(internal).toEqual([]);
    expect(services).toBeGreaterThan(0);
  });
});
