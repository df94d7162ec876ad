import { it } from 'vitest';
import { lintSnippet } from '../helpers/rule-tester.js';
import { rules } from '../../rules/index.js';
import { readFileSync } from 'node:fs';

const cases: Array<[string, string, Record<string, unknown>?]> = JSON.parse(readFileSync('/tmp/scratch-cases.json', 'utf8'));
it('prints', async () => {
  for (const [id, yaml, options] of cases) {
    const r = await lintSnippet(rules[id]!, { yaml, options });
    console.log(`=== ${id}`);
    for (const f of r.findings) console.log(`${f.ruleId}/${f.messageId} ${f.severity} ${f.line}:${f.column} path=${f.path} fns=[${f.functions}]\n  ${f.message}\n${f.related.map((x) => `    rel ${x.line} ${x.path}: ${x.message}`).join('\n')}`);
  }
});
