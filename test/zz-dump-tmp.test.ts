import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { it } from 'vitest';
import { lintFile } from '/work/main/src/engine/lint.js';

it('dump', async () => {
  const yaml = readFileSync(process.env.DUMP_YAML!, 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'dump-'));
  const file = join(dir, 'serverless.yml');
  writeFileSync(file, yaml);
  const r = await lintFile(file, { registry: {}, rules: {}, loadOptions: { env: {}, projectRoot: dir } } as any);
  const m = (r as any).model;
  const out = { mode: m?.mode, failure: m?.failure, functions: m?.functions, roles: m?.roles?.map((x: any) => ({ id: x.logicalId, kind: x.kind, functions: x.functions, declaredAt: x.declaredAt, statements: x.statements.map((s: any) => ({ doc: s.document, prov: s.provenance })), mp: x.managedPolicies, trust: x.trust })) };
  writeFileSync("/tmp/dbg/out.json", JSON.stringify(out));
});
