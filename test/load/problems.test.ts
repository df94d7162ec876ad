import { describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH } from '../../src/load/nesting-depth.js';
import { codes, parse } from './parse-helpers.js';

describe('syntax errors', () => {
  it('reports a located parse-error and hands on no tree', () => {
    const parsed = parse('service: x\nprovider:\n  name: aws\n  iam: [a, b\nfunctions: {}\n');
    expect(parsed.root).toBeUndefined();
    expect(parsed.diagnostics.length).toBeGreaterThan(0);
    expect(new Set(codes(parsed.diagnostics))).toEqual(new Set(['parse-error']));
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', span: { file: '/project/serverless.yml', line: 5, column: 1 } });
  });

  it('locates a missing colon at the line after the bad key', () => {
    const parsed = parse('foo:\nfoo\n');
    expect(parsed.diagnostics).toMatchObject([{ code: 'parse-error', span: { line: 2, column: 1 } }]);
  });

  it('locates bad indentation', () => {
    const parsed = parse('a:\n  b: 1\n c: 2\n');
    expect(parsed.diagnostics).toMatchObject([{ code: 'parse-error', span: { line: 3, column: 1 }, message: 'All mapping items must start at the same column' }]);
  });

  it('reports tabs used for indentation', () => {
    const parsed = parse('a:\n\tb: 1\n');
    expect(codes(parsed.diagnostics)).toContain('parse-error');
    expect(parsed.diagnostics[0]!.span!.line).toBe(2);
  });

  it('keeps plain messages without stack traces or code excerpts', () => {
    const parsed = parse('a: "unterminated\n');
    for (const d of parsed.diagnostics) {
      expect(d.message).not.toMatch(/\n|at .*\.js/);
    }
  });

  it('explains the flow-collection indentation js-yaml tolerates', () => {
    const parsed = parse('a:\n  b: {\n    "c": 1\n }\n');
    expect(parsed.diagnostics[0]!.message).toMatch(/indented more than its key/);
  });

  it('caps a cascade of syntax errors with a summary', () => {
    const lines = ['r:', '  x:', '    p: {', '      "s": 1', '  }', ...Array.from({ length: 20 }, (_, i) => `  y${i}:\n    t: 1`)];
    const parsed = parse(`${lines.join('\n')}\n`);
    expect(parsed.diagnostics).toHaveLength(11);
    expect(parsed.diagnostics[0]!.span!.line).toBe(5);
    expect(parsed.diagnostics[10]!.message).toMatch(/^\d+ further syntax errors follow/);
  });
});

describe('duplicate keys', () => {
  it('reports the second key and keeps the last value', () => {
    const parsed = parse('provider:\n  name: aws\n  name: google\n');
    expect(parsed.diagnostics).toMatchObject([
      { code: 'duplicate-key', severity: 'error', path: ['provider', 'name'], span: { line: 3, column: 3, endColumn: 7 } },
    ]);
    expect(parsed.root).toMatchObject({ entries: [{ value: { entries: [{ key: 'name', value: { value: 'google' } }] } }] });
  });

  it('sees keys written differently but equal as the same key', () => {
    expect(codes(parse('a: 1\n"a": 2\n').diagnostics)).toEqual(['duplicate-key']);
    expect(codes(parse('1: x\n"1": y\n').diagnostics)).toEqual(['duplicate-key']);
  });
});

describe('very deep nesting', () => {
  it.each([
    ['flow sequences', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    ['flow maps', `a: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`],
    ['block maps', `${Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`],
    ['unclosed brackets', '['.repeat(10_000)],
  ])('does not crash on 10,000-deep %s and reports too-deep where the limit is crossed', (_, text) => {
    const parsed = parse(text);
    expect(parsed.root).toBeUndefined();
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.diagnostics[0]).toMatchObject({ code: 'too-deep', severity: 'error' });
    expect(parsed.diagnostics[0]!.span!.offset).toBeGreaterThan(0);
  });

  it.each([
    ['flow sequences', (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}\n`],
    ['block maps', (n: number) => `${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`],
    ['block sequences', (n: number) => `${Array.from({ length: n }, (_, i) => `${' '.repeat(i * 2)}-`).join('\n')} 1\n`],
  ])('reads %s exactly up to the limit, and no further', (_, nested) => {
    const atLimit = parse(nested(MAX_NESTING_DEPTH));
    expect(atLimit.diagnostics).toEqual([]);
    expect(atLimit.root).toBeDefined();
    expect(codes(parse(nested(MAX_NESTING_DEPTH + 1)).diagnostics)).toEqual(['too-deep']);
  });

  it('counts the depth aliases add', () => {
    // Each anchor nests the previous one 60 levels deeper: fine in the text, 600 levels once expanded.
    const levels = ['l0: &l0 1'];
    for (let i = 1; i <= 10; i++) levels.push(`l${i}: &l${i} ${'['.repeat(60)}*l${i - 1}${']'.repeat(60)}`);
    const parsed = parse(`${levels.join('\n')}\n`);
    expect(parsed.root).toBeUndefined();
    expect(codes(parsed.diagnostics)).toEqual(['too-deep']);
  });
});
