import { describe, expect, it } from 'vitest';
import { nodeAt, type MapNode } from '../../src/load/node.js';
import { codes, parse, plainOf, rootOf, textAt } from './parse-helpers.js';

describe('merge keys (<<)', () => {
  it('merges a single alias', () => {
    expect(plainOf('base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  z: 3\n')).toMatchObject({ m: { x: 1, y: 2, z: 3 } });
  });

  it('merges a list of aliases, earlier sources winning', () => {
    const text = 'one: &one {k: one, a: 1}\ntwo: &two {k: two, b: 2}\nm:\n  <<: [*one, *two]\n';
    expect(plainOf(text)).toMatchObject({ m: { k: 'one', a: 1, b: 2 } });
  });

  it('merges an inline map', () => {
    expect(plainOf('m:\n  <<: {a: 1}\n  b: 2\n')).toEqual({ m: { a: 1, b: 2 } });
  });

  it('lets explicit keys win whether written before or after <<', () => {
    const text = 'base: &b {x: 1, y: 2}\nm:\n  x: explicit-before\n  <<: *b\n  y: explicit-after\n';
    expect(plainOf(text)).toMatchObject({ m: { x: 'explicit-before', y: 'explicit-after' } });
  });

  it('does not report a key overriding a merged one as a duplicate', () => {
    const parsed = parse('base: &b {x: 1}\nm:\n  <<: *b\n  x: 2\n');
    expect(parsed.diagnostics).toEqual([]);
  });

  it('keeps merged entries located at the anchor', () => {
    const text = 'base: &b\n  role: arn\nfn:\n  <<: *b\n';
    const fn = nodeAt(rootOf(text), ['fn']) as MapNode;
    const role = fn.entries.find((e) => e.key === 'role')!;
    expect(role.keySpan).toMatchObject({ line: 2, column: 3 });
    expect(role.value.span).toMatchObject({ line: 2, column: 9 });
  });

  it('treats a quoted "<<" as an ordinary key', () => {
    expect(plainOf('m:\n  "<<": {a: 1}\n')).toEqual({ m: { '<<': { a: 1 } } });
  });

  it('reports a merge of something that is not a mapping', () => {
    const parsed = parse('m:\n  <<: 5\n  a: 1\nn:\n  <<: [{a: 1}, 2]\n');
    expect(codes(parsed.diagnostics)).toEqual(['invalid-merge', 'invalid-merge']);
    expect(parsed.diagnostics[0]!.span).toMatchObject({ line: 2, column: 7 });
    expect(parsed.diagnostics[1]!.span).toMatchObject({ line: 5, column: 16 });
  });
});

describe('aliases', () => {
  it('expands an alias into a copy of the anchored value, keeping the anchor spans', () => {
    const text = 'a: &list\n  - s3:GetObject\n  - s3:PutObject\nb: *list\n';
    const root = rootOf(text);
    const a = nodeAt(root, ['a'])!;
    const b = nodeAt(root, ['b'])!;
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    expect(nodeAt(root, ['b', 1])!.span).toMatchObject({ line: 3, column: 5, endColumn: 17 });
    expect(textAt(text, b.span)).toBe('- s3:GetObject\n  - s3:PutObject');
  });

  it('reads an alias to a scalar, a tagged value and a key', () => {
    expect(plainOf('a: &v 1\nb: *v\nc: &r !Ref X\nd: *r\n&k key: 1\nn: {*k : 2}\n')).toEqual({
      a: 1,
      b: 1,
      c: { Ref: 'X' },
      d: { Ref: 'X' },
      key: 1,
      n: { key: 2 },
    });
  });

  it('uses the most recent anchor of a name', () => {
    expect(plainOf('a: &x 1\nb: *x\nc: &x 2\nd: *x\n')).toEqual({ a: 1, b: 1, c: 2, d: 2 });
  });

  it('reports an undefined alias where it is written, with no tree', () => {
    const parsed = parse('a: 1\nb: *missing\n');
    expect(parsed.root).toBeUndefined();
    expect(parsed.diagnostics).toMatchObject([{ code: 'undefined-alias', severity: 'error', span: { line: 2, column: 4, endColumn: 12 } }]);
  });

  it('reports an alias inside its own anchored value', () => {
    const parsed = parse('a: &a\n  - *a\n');
    expect(parsed.root).toBeUndefined();
    expect(parsed.diagnostics).toMatchObject([{ code: 'alias-cycle', span: { line: 2, column: 5 } }]);
  });

  it('stops a billion-laughs document at once with a located diagnostic', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    const parsed = parse(`${levels.join('\n')}\n`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(parsed.root).toBeUndefined();
    expect(parsed.diagnostics).toHaveLength(1);
    const [limit] = parsed.diagnostics;
    expect(limit).toMatchObject({ code: 'alias-limit', severity: 'error' });
    expect(limit!.span!.line).toBeGreaterThan(1);
    expect(textAt(levels.join('\n'), limit!.span!)).toMatch(/^\*[a-j]$/);
  });

  it('allows many aliases below the limit, and honours a lower limit', () => {
    const text = `base: &b {a: 1, b: 2, c: 3}\n${Array.from({ length: 50 }, (_, i) => `f${i}: *b`).join('\n')}\n`;
    expect(parse(text).root).toBeDefined();
    const limited = parse(text, { maxAliasNodes: 100 });
    expect(limited.root).toBeUndefined();
    expect(codes(limited.diagnostics)).toEqual(['alias-limit']);
    expect(limited.diagnostics[0]!.span).toMatchObject({ line: 27 });
  });
});
