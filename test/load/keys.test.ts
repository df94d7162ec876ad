import { describe, expect, it } from 'vitest';
import { nodeAt, toPlain, type MapNode } from '../../src/load/node.js';
import { codes, parse, plainOf, rootOf } from './parse-helpers.js';

describe('mapping keys', () => {
  it('turns numbers, booleans and null keys into their string form', () => {
    expect(plainOf('200: ok\ntrue: yes\n1.5: x\n~: n\n')).toEqual({ '200': 'ok', true: 'yes', '1.5': 'x', null: 'n' });
  });

  it('reports complex keys and skips their entry', () => {
    const parsed = parse('? [a, b]\n: 1\nok: 2\n');
    expect(codes(parsed.diagnostics)).toEqual(['complex-key']);
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', span: { line: 1, column: 3 } });
    expect((parsed.root as MapNode).entries.map((e) => e.key)).toEqual(['ok']);
  });

  it('keeps __proto__, constructor and prototype as ordinary data', () => {
    const text = '__proto__:\n  polluted: yes\nconstructor: {prototype: {polluted: yes}}\nprototype: 1\n';
    const root = rootOf(text);
    expect((root as MapNode).entries.map((e) => e.key)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(nodeAt(root, ['__proto__', 'polluted'])).toMatchObject({ value: 'yes' });
    const plain = toPlain(root) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(Object.getPrototypeOf(plain)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps __proto__ as data when it arrives through a merge', () => {
    const root = rootOf('base: &b {__proto__: {polluted: yes}}\nm:\n  <<: *b\n');
    expect(nodeAt(root, ['m', '__proto__', 'polluted'])).toMatchObject({ value: 'yes' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('standard YAML collection tags', () => {
  it('reads !!omap and !!pairs as lists of one-entry maps, and !!set as a map', () => {
    expect(plainOf('o: !!omap\n  - a: 1\n  - b: 2\ns: !!set\n  ? x\n  ? y\n')).toEqual({ o: [{ a: 1 }, { b: 2 }], s: { x: null, y: null } });
  });
});
