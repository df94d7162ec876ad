/** Deep nesting: refused at a fixed depth with a located message, never a stack overflow. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH } from '../../src/load/nesting-depth.js';
import { parseYaml } from '../../src/load/parse.js';
import { cli, fullLint, pipeline, tempProject } from './helpers.js';

const HEAD = 'service: deep\nprovider:\n  name: aws\nfunctions:\n  a:\n    handler: h.h\n';
const DEEP = 10_000;

const shapes: Array<[string, string]> = [
  ['flow sequences', `custom:\n  x: ${'['.repeat(DEEP)}1${']'.repeat(DEEP)}\n`],
  ['flow mappings', `custom:\n  x: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`],
  ['block sequences on one line', `custom:\n  x:\n    ${'- '.repeat(DEEP)}1\n`],
  ['unclosed brackets', `custom:\n  x: ${'['.repeat(DEEP)}\n`],
];

describe(`nesting ${DEEP.toLocaleString('en')} deep`, () => {
  it.each(shapes)('%s: one too-deep error, located, no tree', (_name, body) => {
    const text = `${HEAD}${body}`;
    const parsed = parseYaml(text, '/p/serverless.yml');
    expect(parsed.root).toBeUndefined();
    expect(parsed.diagnostics).toHaveLength(1);
    const [d] = parsed.diagnostics;
    expect(d).toMatchObject({ code: 'too-deep', severity: 'error', span: { line: expect.any(Number) } });
    expect(d!.message).toContain(`more than ${MAX_NESTING_DEPTH} levels`);
    expect(d!.span!.offset).toBeGreaterThan(HEAD.length);
  });

  it('a JSON service file nested 10,000 deep', () => {
    const dir = tempProject({ 'serverless.json': `{"service":"deep","provider":{"name":"aws"},"custom":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}` });
    const result = pipeline(join(dir, 'serverless.json'));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['too-deep']);
  });

  it('nesting that aliases add is counted too', () => {
    const half = MAX_NESTING_DEPTH - 50;
    const anchored = `${'['.repeat(half)}1${']'.repeat(half)}`;
    const text = `${HEAD}custom:\n  base: &deep ${anchored}\n  x: ${'['.repeat(half)}*deep${']'.repeat(half)}\n`;
    const parsed = parseYaml(text, '/p/serverless.yml');
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['too-deep']);
  });

  it('an include nested 10,000 deep is refused at the variable', () => {
    const dir = tempProject({
      'serverless.yml': `${HEAD}custom:\n  x: \${file(./deep.yml)}\n`,
      'deep.yml': `a: ${'['.repeat(DEEP)}1${']'.repeat(DEEP)}\n`,
    });
    const result = pipeline(join(dir, 'serverless.yml'));
    expect(result.model).toBeDefined();
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['include-error']);
  });

  it('variables nested 10,000 deep in one string are a syntax error, not a crash', async () => {
    const variable = `${'${self:'.repeat(DEEP)}service${'}'.repeat(DEEP)}`;
    const dir = tempProject({ 'serverless.yml': `${HEAD}custom:\n  x: "${variable}"\n` });
    const result = pipeline(join(dir, 'serverless.yml'));
    expect(result.model).toBeDefined();
    expect(result.diagnostics.map((d) => d.code)).toContain('variable-syntax');
    const lint = await fullLint(join(dir, 'serverless.yml'));
    expect(lint.internalError).toBe(false);
  });

  it('the full lint and the CLI report a 10,000-deep file as one error, exit 1', async () => {
    const dir = tempProject({ 'serverless.yml': `${HEAD}${shapes[0]![1]}` });
    const lint = await fullLint(join(dir, 'serverless.yml'));
    expect(lint.internalError).toBe(false);
    expect(lint.findings.map((f) => f.messageId)).toEqual(['too-deep']);
    const run = await cli(['serverless.yml', '--format', 'sarif'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('nested more than 300 levels');
  });

  it('values nested just under the limit go through every stage and rule', async () => {
    const depth = MAX_NESTING_DEPTH - 20;
    const condition = `${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`;
    const text = `${HEAD}  b:\n    handler: h.b\n    iam:\n      role:\n        statements:\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource: '*'\n            Condition: ${condition}\ncustom:\n  deep: ${'['.repeat(depth)}1${']'.repeat(depth)}\nresources:\n  Resources:\n    R:\n      Type: AWS::IAM::Role\n      Properties: ${condition}\n`;
    const dir = tempProject({ 'serverless.yml': text });
    const parsed = pipeline(join(dir, 'serverless.yml'));
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parsed.model?.roles.length).toBeGreaterThan(0);
    const lint = await fullLint(join(dir, 'serverless.yml'));
    expect(lint.findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
    expect(lint.internalError).toBe(false);
  });
});
