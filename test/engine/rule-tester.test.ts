/**
 * The RuleTester itself, through the real pipeline, with a small rule: `Resource: '*'` in an Allow.
 * Skipped until the synthesize stage (src/synthesize/index.ts) exists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../../src/engine/types.js';
import { dedent, lintSnippet, ruleTester } from '../helpers/rule-tester.js';
import { PROJECT_ROOT } from '../helpers/shared.js';

const HAS_PIPELINE = existsSync(join(PROJECT_ROOT, 'src', 'synthesize', 'index.ts'));

const starResource: Rule = {
  meta: {
    id: 'test-star-resource',
    type: 'problem',
    description: 'Allow statements with Resource "*".',
    docs: 'https://example.invalid/test-star-resource',
    messages: { star: 'Statement allows {{actions}} on every resource.' },
    schema: { type: 'object', properties: { ignore: { type: 'array', items: { type: 'string' }, default: [] } }, additionalProperties: false },
    presets: { recommended: 'error', strict: 'error' },
    security: { securitySeverity: 7, precision: 'high', tags: ['security'] },
  },
  create(context) {
    return {
      statement(statement) {
        const d = statement.document;
        const resources = Array.isArray(d.Resource) ? d.Resource : [d.Resource];
        const actions = (Array.isArray(d.Action) ? d.Action : [d.Action]).map(String);
        if (d.Effect !== 'Allow' || actions.some((a) => context.options.ignore.includes(a))) return;
        resources.forEach((r, i) => {
          if (r !== '*') return;
          context.report({
            messageId: 'star',
            data: { actions: actions.join(', ') },
            at: { statement, key: 'Resource', index: Array.isArray(d.Resource) ? i : undefined },
          });
        });
      },
    };
  },
};

const service = (statements: string) => `
  service: svc
  provider:
    name: aws
    iam:
      role:
        statements:
${dedent(statements).replace(/^/gm, '          ').trimEnd()}
  functions:
    api:
      handler: h.api
    worker:
      handler: h.worker
`;

describe('dedent', () => {
  it('drops a first empty line and common indentation', () => {
    expect(dedent('\n    a:\n      b: 1\n\n    c: 2\n  ')).toBe('a:\n  b: 1\n\nc: 2\n');
    expect(dedent('a: 1\n')).toBe('a: 1\n');
  });
});

describe.skipIf(!HAS_PIPELINE)('ruleTester (real pipeline)', () => {
  ruleTester(starResource).run({
    valid: [
      { name: 'a specific resource', yaml: service(`- Effect: Allow\n  Action: s3:GetObject\n  Resource: arn:aws:s3:::b/*`) },
      { name: 'options: ignored action', yaml: service(`- Effect: Allow\n  Action: s3:ListAllMyBuckets\n  Resource: '*'`), options: { ignore: ['s3:ListAllMyBuckets'] } },
      { name: 'a directive hides it', yaml: service(`- Effect: Allow\n  Action: s3:*\n  # iamlint-disable-next-line test-star-resource -- fine\n  Resource: '*'`) },
    ],
    invalid: [
      {
        name: 'Resource star, shared role',
        yaml: service(`- Effect: Allow\n  Action: s3:GetObject\n  Resource: '*'`),
        errors: [{ messageId: 'star', path: 'provider.iam.role.statements[0].Resource', line: 9, column: 11, functions: ['api', 'worker'], data: { actions: 's3:GetObject' } }],
      },
      {
        name: 'star in a list',
        yaml: service(`- Effect: Allow\n  Action: [s3:GetObject]\n  Resource:\n    - arn:aws:s3:::b\n    - '*'`),
        errors: [{ messageId: 'star', path: 'provider.iam.role.statements[0].Resource[1]', line: 11 }],
      },
      {
        name: 'in an included file',
        yaml: `
          service: svc
          provider:
            name: aws
            iam:
              role:
                statements: \${file(./iam/statements.yml)}
          functions:
            api:
              handler: h.api
        `,
        files: { 'iam/statements.yml': `- Effect: Allow\n  Action: sqs:*\n  Resource: '*'\n` },
        errors: [{ messageId: 'star', file: 'iam/statements.yml', line: 3, column: 3, functions: ['api'] }],
      },
    ],
  });

  it('lintSnippet gives all findings', async () => {
    const r = await lintSnippet(starResource, { yaml: service(`- Effect: Allow\n  Action: s3:GetObject\n  Resource: '*'`) });
    expect(r.ruleFindings).toHaveLength(1);
    expect(r.internalError).toBe(false);
  });
});
