import { it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintFile } from '../../src/engine/lint.js';
import { rules } from '../../rules/index.js';

const mine0 = ['max-managed-policies','max-role-tags','no-admin-policies','no-allow-not-action','no-allow-not-resource','no-legacy-syntax','no-unresolved-values','no-wildcard-principal','policy-size','require-permissions-boundary','role-name-length','valid-role-path','valid-statements'];
const mine = ['policy-size'];
void mine0;
it('perf', async () => {
  for (const mode of ['shared']) {
    const dir = mkdtempSync(join(tmpdir(), 'perf-'));
    let y = `service: big\nprovider:\n  name: aws\n  iam:\n    role:\n      mode: ${mode}\n      statements:\n        - Effect: Allow\n          Action: s3:GetObject\n          Resource: \${ssm:/x}\nfunctions:\n`;
    for (let i = 0; i < 5000; i++) y += `  f${i}:\n    handler: h.h\n    events:\n      - sqs: arn:aws:sqs:us-east-1:123456789012:q${i}\n`;
    writeFileSync(join(dir, 'serverless.yml'), y);
    const reg = Object.fromEntries(mine.map((id) => [id, rules[id]!]));
    const cfg = Object.fromEntries(mine.map((id) => [id, { severity: 'error' as const }]));
    let t0 = Date.now();
    await lintFile(join(dir, 'serverless.yml'), { registry: {}, rules: {}, loadOptions: { env: {}, projectRoot: dir } });
    console.log(mode, 'no rules', Date.now() - t0);
    for (const id of mine) {
      t0 = Date.now();
      await lintFile(join(dir, 'serverless.yml'), { registry: { [id]: rules[id]! }, rules: { [id]: { severity: 'error' as const } }, loadOptions: { env: {}, projectRoot: dir } });
      console.log(mode, id, Date.now() - t0);
    }
    t0 = Date.now();
    const r = await lintFile(join(dir, 'serverless.yml'), { registry: reg, rules: cfg, loadOptions: { env: {}, projectRoot: dir } });
    console.log(mode, Date.now() - t0, 'ms', r.findings.length, r.findings.map((f) => `${f.ruleId}/${f.messageId} fns=${f.functions.length} ${f.message.slice(0,150)}`).slice(0, 10));
  }
}, 300000);
