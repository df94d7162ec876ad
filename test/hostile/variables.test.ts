/** Variable cycles, long chains and expansion bombs: bounded, reported, never a hang or a crash. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_VARIABLE_DEPTH } from '../../src/resolve/limits.js';
import { cpuMs, fullLint, pipeline, tempProject } from './helpers.js';

const HEAD = 'service: vars\nprovider:\n  name: aws\nfunctions:\n  a:\n    handler: h.h\n';

function run(text: string, files: Record<string, string> = {}) {
  const dir = tempProject({ 'serverless.yml': text, ...files });
  return { dir, file: join(dir, 'serverless.yml'), result: pipeline(join(dir, 'serverless.yml')) };
}

describe('variable cycles', () => {
  it.each([
    ['two values', 'custom:\n  a: ${self:custom.b}\n  b: ${self:custom.a}\n'],
    ['a value and itself', 'custom:\n  a: ${self:custom.a}\n'],
    ['a map that contains its own reference', 'custom:\n  m:\n    inner: ${self:custom.m}\n'],
    ['the whole config', 'custom:\n  all: ${self:}\n'],
    ['a string built from itself', 'custom:\n  s: x-${self:custom.s}\n'],
    ['a variable address built from a cycle', 'custom:\n  a: ${self:custom.${self:custom.a}}\n'],
    ['through an include and back', 'custom:\n  a: ${file(./inc.yml):b}\n  c: ${self:custom.a}\n'],
  ])('%s: a variable-cycle error, the value unknown', async (_name, body) => {
    const { file, result } = run(`${HEAD}${body}`, { 'inc.yml': 'b: ${self:custom.c}\n' });
    expect(result.model).toBeDefined();
    expect(result.diagnostics.map((d) => d.code)).toContain('variable-cycle');
    for (const d of result.diagnostics.filter((x) => x.code === 'variable-cycle')) expect(d.span).toBeDefined();
    const lint = await fullLint(file);
    expect(lint.internalError).toBe(false);
  });
});

describe('long chains', () => {
  it('a 1,000-deep chain stops at the depth limit with an error, quickly', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `  v${i}: \${self:custom.v${i + 1}}`);
    lines.push('  v1000: end');
    const { value, ms } = await cpuMs(() => run(`${HEAD}custom:\n${lines.join('\n')}\n`));
    expect(ms).toBeLessThan(10_000);
    const { result, file } = value;
    expect(result.model).toBeDefined();
    const depth = result.diagnostics.filter((d) => d.code === 'variable-depth');
    expect(depth.length).toBeGreaterThan(0);
    expect(depth[0]!.message).toContain(`more than ${MAX_VARIABLE_DEPTH} levels`);
    // The end of the chain, close enough to it, still resolves.
    expect((result.service!.config.custom as Record<string, unknown>).v990).toBe('end');
    const lint = await fullLint(file);
    expect(lint.internalError).toBe(false);
  });

  it('a chain just under the limit resolves completely', () => {
    const n = MAX_VARIABLE_DEPTH - 10;
    const lines = Array.from({ length: n }, (_, i) => `  v${i}: \${self:custom.v${i + 1}}`);
    lines.push(`  v${n}: end`);
    const { result } = run(`${HEAD}custom:\n${lines.join('\n')}\n`);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect((result.service!.config.custom as Record<string, unknown>).v0).toBe('end');
  });

  it('a 1,000-deep chain of file() includes is bounded the same way', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) files[`inc/f${i}.yml`] = `v: \${file(./inc/f${i + 1}.yml):v}\n`;
    files['inc/f1000.yml'] = 'v: end\n';
    const { result } = run(`${HEAD}custom:\n  x: \${file(./inc/f0.yml):v}\n`, files);
    expect(result.model).toBeDefined();
    expect(result.diagnostics.map((d) => d.code)).toContain('variable-depth');
  });
});

describe('expansion bombs', () => {
  it('a string doubling 40 times stops at the string limit', async () => {
    const lines = ['  s0: ha'];
    for (let i = 1; i <= 40; i++) lines.push(`  s${i}: \${self:custom.s${i - 1}}\${self:custom.s${i - 1}}`);
    const { value, ms } = await cpuMs(() => run(`${HEAD}custom:\n${lines.join('\n')}\n`));
    expect(ms).toBeLessThan(10_000);
    expect(value.result.model).toBeDefined();
    expect(value.result.diagnostics.some((d) => d.code === 'variable-depth' && /exceed 1000000 characters/.test(d.message))).toBe(true);
  });

  it('a list fanning out tenfold per level stops at the node limit', async () => {
    const lines = [`  l0: [${Array.from({ length: 10 }, (_, i) => i).join(', ')}]`];
    for (let i = 1; i <= 9; i++) lines.push(`  l${i}: [${Array.from({ length: 10 }, () => `"\${self:custom.l${i - 1}}"`).join(', ')}]`);
    const { value, ms } = await cpuMs(() => run(`${HEAD}custom:\n${lines.join('\n')}\n`));
    expect(ms).toBeLessThan(20_000);
    expect(value.result.model).toBeDefined();
    expect(value.result.diagnostics.some((d) => d.code === 'variable-depth' && /more than 1000000 nodes/.test(d.message))).toBe(true);
  });

  it('a statement list reached a thousand times through variables is linted once per use, not exploded', async () => {
    const refs = Array.from({ length: 1000 }, (_, i) => `  f${i}:\n    handler: h.f\n    iam:\n      role:\n        statements: \${self:custom.statements}`);
    const text = `service: fan\nprovider:\n  name: aws\ncustom:\n  statements:\n    - Effect: Allow\n      Action: s3:GetObject\n      Resource: arn:aws:s3:::b/*\nfunctions:\n${refs.join('\n')}\n`;
    const dir = tempProject({ 'serverless.yml': text });
    const { value: lint, ms } = await cpuMs(() => fullLint(join(dir, 'serverless.yml')));
    expect(lint.internalError).toBe(false);
    expect(lint.model?.functions).toHaveLength(1000);
    expect(ms).toBeLessThan(30_000);
  });
});
