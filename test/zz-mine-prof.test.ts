import { it } from 'vitest';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { lintFile } from '../src/engine/lint.js';
import { runRules } from '../src/engine/runner.js';
import { rules } from '../rules/index.js';
import type { Rule } from '../src/engine/types.js';
it('prof', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mine-'));
  const file = join(dir, 'serverless.yml');
  writeFileSync(file, readFileSync(process.env.Y!, 'utf8'));
  const r = await lintFile(file, { registry: {}, rules: {}, loadOptions: { env: {}, projectRoot: dir } } as any);
  const model = r.model!;
  for (const id of process.env.R!.split(',')) {
    const rule = rules[id]!;
    // count-only variant: wrap create to swallow reports
    const quiet: Rule = { meta: rule.meta, create: (ctx: any) => rule.create({ ...ctx, options: ctx.options, service: ctx.service, id: ctx.id, report: () => {} }) };
    let q = 1e9, full = 1e9, n = 0;
    for (let i = 0; i < 3; i++) {
      let t = Date.now();
      runRules(model, [{ rule: quiet, severity: 'error' }], { projectRoot: dir });
      q = Math.min(q, Date.now() - t);
      t = Date.now();
      n = runRules(model, [{ rule, severity: 'error' }], { projectRoot: dir }).length;
      full = Math.min(full, Date.now() - t);
    }
    console.log(id, 'quiet', q, 'full', full, 'findings', n);
  }
});
