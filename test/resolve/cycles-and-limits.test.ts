import { describe, expect, test } from 'vitest';
import { diagnosticsWith, nodeOf, plainOf, resolveYaml } from './helpers.js';

describe('cycles', () => {
  test('direct: a value that refers to itself', () => {
    const s = resolveYaml('service: a\ncustom:\n  a: ${self:custom.a}\n');
    expect(nodeOf(s, 'custom', 'a').kind).toBe('unknown');
    expect(diagnosticsWith(s, 'variable-cycle')).toEqual([
      expect.objectContaining({ severity: 'error', path: ['custom', 'a'], span: expect.objectContaining({ line: 3, column: 6 }) }),
    ]);
  });

  test('indirect: a → b → c → a, whatever key is met first', () => {
    const s = resolveYaml('service: a\ncustom:\n  a: ${self:custom.b}\n  b: x-${self:custom.c}\n  c: ${self:custom.a}\n  ok: fine\n');
    for (const key of ['a', 'b', 'c']) expect(nodeOf(s, 'custom', key).kind, key).toBe('unknown');
    expect(plainOf(s, 'custom', 'ok')).toBe('fine');
    expect(diagnosticsWith(s, 'variable-cycle')).toHaveLength(1);
  });

  test('a map that contains a reference to itself', () => {
    const s = resolveYaml('service: a\ncustom:\n  box:\n    inner: ${self:custom.box}\n');
    expect(nodeOf(s, 'custom', 'box', 'inner').kind).toBe('unknown');
    expect(diagnosticsWith(s, 'variable-cycle')).toHaveLength(1);
  });

  test('through files: a.yml includes b.yml includes a.yml', () => {
    const s = resolveYaml('service: a\ncustom:\n  x: ${file(./a.yml)}\n', {}, { 'a.yml': 'b: ${file(./b.yml)}\n', 'b.yml': 'a: ${file(./a.yml)}\n' });
    expect(diagnosticsWith(s, 'variable-cycle')).toHaveLength(1);
    expect(diagnosticsWith(s, 'variable-cycle')[0]?.span?.file).toMatch(/b\.yml$/);
    expect(nodeOf(s, 'custom', 'x', 'b', 'a').kind).toBe('unknown');
  });

  test('through a file whose whole value is a variable', () => {
    const s = resolveYaml('service: a\ncustom:\n  x: ${file(./a.json)}\n', {}, { 'a.json': '"${file(./b.json)}"', 'b.json': '"${file(./a.json)}"' });
    expect(nodeOf(s, 'custom', 'x').kind).toBe('unknown');
    expect(diagnosticsWith(s, 'variable-cycle')).toHaveLength(1);
  });

  test('the service file including itself', () => {
    const s = resolveYaml('service: a\ncustom:\n  me: ${file(./serverless.yml)}\n');
    expect(diagnosticsWith(s, 'variable-cycle')).toHaveLength(1);
  });
});

describe('limits', () => {
  function chain(length: number): string {
    const lines = ['service: a', 'custom:'];
    for (let i = 0; i < length; i++) lines.push(`  v${i}: \${self:custom.v${i + 1}}`);
    lines.push(`  v${length}: end`);
    return lines.join('\n') + '\n';
  }

  test('a chain within the limit resolves', () => {
    const s = resolveYaml(chain(150));
    expect(plainOf(s, 'custom', 'v0')).toBe('end');
    expect(s.diagnostics).toEqual([]);
  });

  test('a 1,000-deep chain finishes fast, stops with variable-depth, never crashes', () => {
    const started = Date.now();
    const s = resolveYaml(chain(1000));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(nodeOf(s, 'custom', 'v0').kind).toBe('unknown');
    const depth = diagnosticsWith(s, 'variable-depth');
    expect(depth.length).toBeGreaterThan(0);
    expect(depth.every((d) => d.severity === 'error' && d.span !== undefined)).toBe(true);
    // The tail of the chain, within the limit from its end, still resolves.
    expect(plainOf(s, 'custom', 'v999')).toBe('end');
  });

  test('a 1,000-deep chain written in the other order resolves (each value once)', () => {
    const lines = ['service: a', 'custom:', '  v0: end'];
    for (let i = 1; i <= 1000; i++) lines.push(`  v${i}: \${self:custom.v${i - 1}}`);
    const s = resolveYaml(lines.join('\n') + '\n');
    expect(plainOf(s, 'custom', 'v1000')).toBe('end');
    expect(s.diagnostics).toEqual([]);
  });

  test('a 1,000-deep chain of maps through references stops with variable-depth', () => {
    const lines = ['service: a', 'custom:'];
    for (let i = 0; i < 1000; i++) lines.push(`  m${i}:`, `    next: \${self:custom.m${i + 1}}`);
    lines.push('  m1000: end');
    const started = Date.now();
    const s = resolveYaml(lines.join('\n') + '\n');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(diagnosticsWith(s, 'variable-depth').length).toBeGreaterThan(0);
  });

  test('exponential string growth is cut off', () => {
    const lines = ['service: a', 'custom:', '  s0: abcdefghij'];
    for (let i = 1; i <= 40; i++) lines.push(`  s${i}: \${self:custom.s${i - 1}}\${self:custom.s${i - 1}}`);
    const started = Date.now();
    const s = resolveYaml(lines.join('\n') + '\n');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(typeof plainOf(s, 'custom', 's10')).toBe('string');
    expect(nodeOf(s, 'custom', 's40').kind).toBe('unknown');
    expect(diagnosticsWith(s, 'variable-depth').length).toBeGreaterThan(0);
  });

  test('exponential fan-out of maps is cut off', () => {
    const lines = ['service: a', 'custom:', '  l0: [a, b]'];
    for (let i = 1; i <= 40; i++) lines.push(`  l${i}:`, `    - \${self:custom.l${i - 1}}`, `    - \${self:custom.l${i - 1}}`);
    const started = Date.now();
    const s = resolveYaml(lines.join('\n') + '\n');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(diagnosticsWith(s, 'variable-depth').length).toBeGreaterThan(0);
    expect(JSON.stringify(s.config).length).toBeLessThan(200_000_000);
  });
});
