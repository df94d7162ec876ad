import { describe, expect, it } from 'vitest';
import rule from '../../rules/policy-size.js';
import { lintSnippet, ruleTester } from '../helpers/rule-tester.js';

/**
 * `n` statements of exactly 100 characters each once minified (+1 for the comma), e.g.
 * {"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::b-0007-xxxxxxxxxxxxxxxxxxxxxxxx/*"}
 * (the Framework coerces `Action: s3:GetObject` to a list and keeps an ARN `Resource` a string).
 */
function statements(n: number, indent: string): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const resource = `arn:aws:s3:::b-${String(i).padStart(4, '0')}-`.padEnd(40, 'x') + '/*';
    out.push(`${indent}- Effect: Allow\n${indent}  Action: s3:GetObject\n${indent}  Resource: '${resource}'`);
  }
  return out.join('\n');
}

const sharedService = (n: number) => `
service: catalog
provider:
  name: aws
  iam:
    role:
      statements:
${statements(n, '        ')}
functions:
  importer:
    handler: handler.importer
  exporter:
    handler: handler.exporter
`;

/** The three heaviest statements of sharedService(n): the two log statements, then the first provider statement. */
const TOP =
  "217 chars from the Framework's logs grant (for functions.importer and 1 more); " +
  "175 chars from the Framework's logs grant (for functions.importer and 1 more); " +
  '100 chars from provider.iam.role.statements[0]';

const SHARED_ADVICE =
  'Split the permissions with per-function roles (functions.<name>.iam.role.statements, or provider.iam.role.mode: perFunction), merge statements that share actions, or move stable permissions into a customer managed policy.';

describe('policy-size: statement helper', () => {
  it('makes 100-character statements', () => {
    const one = { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b-0000-'.padEnd(40, 'x') + '/*' };
    expect(JSON.stringify(one).length).toBe(100);
  });
});

ruleTester(rule).run({
  valid: [
    {
      name: 'a small policy',
      yaml: `
        service: catalog
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [dynamodb:GetItem, dynamodb:Query]
                  Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Catalog
        functions:
          read:
            handler: handler.read
      `,
    },
    { name: '50 statements (about half the limit)', yaml: sharedService(50) },
    {
      name: 'the same 95 statements split across two dedicated roles',
      yaml: `
service: catalog
provider:
  name: aws
functions:
  importer:
    handler: handler.importer
    iam:
      role:
        statements:
${statements(48, '          ')}
  exporter:
    handler: handler.exporter
    iam:
      role:
        statements:
${statements(47, '          ')}
`,
    },
    { name: 'below a custom threshold', options: { threshold: 95 }, yaml: sharedService(88) },
    { name: 'just below 90% (9,118 characters)', yaml: sharedService(86) },
  ],
  invalid: [
    {
      name: 'shared role over 10,240 characters',
      yaml: sharedService(110),
      errors: [{ messageId: 'exceeded', functions: ['exporter', 'importer'] }],
    },
    {
      name: 'shared role at 90%+ of the limit',
      yaml: sharedService(92),
      errors: [{ messageId: 'nearLimit', functions: ['exporter', 'importer'] }],
    },
    {
      name: 'just at 90% (9,219 characters)',
      yaml: sharedService(87),
      errors: [{ messageId: 'nearLimit', data: { role: 'the shared role IamRoleLambdaExecution', size: 9219, percent: 90, threshold: 90, top: TOP, advice: SHARED_ADVICE } }],
    },
    {
      name: 'at the limit is still only near it (10,229 characters)',
      yaml: sharedService(97),
      errors: [{ messageId: 'nearLimit' }],
    },
    {
      name: 'just over the limit (10,330 characters)',
      yaml: sharedService(98),
      errors: [{ messageId: 'exceeded' }],
    },
    {
      name: 'custom threshold',
      options: { threshold: 40 },
      yaml: sharedService(50),
      errors: [{ messageId: 'nearLimit' }],
    },
    {
      name: 'perFunction mode: inherited statements + auto-grants make every role too big',
      yaml: `
service: catalog
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
${statements(100, '        ')}
functions:
  importer:
    handler: handler.importer
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:imports
  exporter:
    handler: handler.exporter
`,
      errors: [
        { messageId: 'exceeded', functions: ['exporter'] },
        { messageId: 'exceeded', functions: ['importer'] },
      ],
    },
  ],
});

describe('policy-size: message and severity', () => {
  it('names the size and the heaviest statements with their provenance', async () => {
    const r = await lintSnippet(rule, { yaml: sharedService(110) });
    expect(r.ruleFindings).toHaveLength(1);
    const f = r.ruleFindings[0]!;
    expect(f.message).toMatch(/is \d{5} characters, over IAM's limit of 10,240/);
    expect(f.message).toContain('provider.iam.role.statements[');
    expect(f.related.filter((x) => /characters \(/.test(x.message))).toHaveLength(3);
  });

  it('reports nearLimit as a warning even when the rule is configured error', async () => {
    const r = await lintSnippet(rule, { yaml: sharedService(92) });
    expect(r.ruleFindings.map((f) => [f.messageId, f.severity])).toEqual([['nearLimit', 'warning']]);
  });

  it('reports exceeded as an error', async () => {
    const r = await lintSnippet(rule, { yaml: sharedService(110) });
    expect(r.ruleFindings.map((f) => [f.messageId, f.severity])).toEqual([['exceeded', 'error']]);
  });
});
