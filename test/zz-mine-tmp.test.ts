import { it } from 'vitest';
import { readFileSync } from 'node:fs';
import { lintFile } from '../src/engine/lint.js';
import { rules } from '../rules/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
const mine0 = ['no-wildcard-action','no-service-wildcard-action','no-wildcard-resource','valid-actions','valid-resources','no-privilege-escalation','no-unscoped-passrole','no-unscoped-permissions-management','no-credentials-exposure','no-data-exfiltration'];
const mine: string[] = process.env.R === 'none' ? [] : process.env.R ? process.env.R.split(',') : mine0;
it('run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mine-'));
  const file = join(dir, 'serverless.yml');
  writeFileSync(file, readFileSync(process.env.Y!, 'utf8'));
  const t = Date.now();
  const r = await lintFile(file, { registry: rules, rules: Object.fromEntries(mine.map((m) => [m, { severity: 'error' }])), loadOptions: { env: {}, projectRoot: dir } } as any);
  for (const f of r.findings) console.log(`${f.ruleId}/${f.messageId} L${f.line} ${f.path} [${f.functions.join(',')}]\n   ${f.message}${f.related.length ? '\n   related: ' + f.related.map((x) => `${x.kind}:${x.path}:${x.message}`).join(' | ') : ''}`);
  console.log('ms', Date.now() - t);
});
