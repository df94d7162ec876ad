import { describe, expect, test } from 'vitest';
import { nodeAt } from '../../src/load/node.js';
import { parseYaml } from '../../src/load/parse.js';
import { resolveService } from '../../src/resolve/index.js';
import { diagnosticsWith, nodeOf, resolveYaml, textAt } from './helpers.js';

describe('spans of variables written inside strings', () => {
  test.each([
    ['plain', 'x: pre-${env:A}-${env:B}'],
    ['single-quoted', "x: 'pre-${env:A}-${env:B}'"],
    ['double-quoted', 'x: "pre-${env:A}-${env:B}"'],
  ])('%s scalars: each variable is located at its own columns', (_kind, line) => {
    const s = resolveYaml(`service: a\ncustom:\n  ${line}\n`);
    const spans = diagnosticsWith(s, 'unresolved-variable').map((d) => d.span!);
    expect(spans.map((span) => textAt(s, span))).toEqual(['${env:A}', '${env:B}']);
    expect(spans.map((span) => [span.line, span.column])).toEqual([
      [3, line.indexOf('${env:A}') + 3],
      [3, line.indexOf('${env:B}') + 3],
    ]);
  });

  test('a block scalar, where text and value differ, falls back to the whole value', () => {
    const s = resolveYaml('service: a\ncustom:\n  x: >-\n    folded ${env:A}\n    text\n');
    const [d] = diagnosticsWith(s, 'unresolved-variable');
    expect(d?.span).toEqual(nodeOf(s, 'custom', 'x').span);
  });

  test('a nested variable is located inside its outer one', () => {
    const s = resolveYaml('service: a\ncustom:\n  x: ${self:custom.${env:WHICH}}\n');
    const [d] = diagnosticsWith(s, 'unresolved-variable');
    expect(textAt(s, d!.span!)).toBe('${env:WHICH}');
  });

  test('a variable in a quoted fallback is located inside the fallback', () => {
    const s = resolveYaml("service: a\ncustom:\n  x: ${env:A, '${env:B}-x'}\n");
    const [d] = diagnosticsWith(s, 'unresolved-variable');
    expect(textAt(s, d!.span!)).toBe('${env:B}');
  });
});

describe('whole-value results and via', () => {
  test('a value from outside any file is located at the variable, with via', () => {
    const s = resolveYaml('service: a\ncustom:\n  x: ${env:A}\n', { env: { A: 'v' } });
    const x = nodeOf(s, 'custom', 'x');
    expect(x).toMatchObject({ kind: 'scalar', value: 'v' });
    expect(textAt(s, x.span)).toBe('${env:A}');
    expect(x.via?.map((v) => v.text)).toEqual(['${env:A}']);
  });

  test('a fallback literal is located where it is written', () => {
    const s = resolveYaml("service: a\ncustom:\n  x: ${env:A, 'fallback'}\n");
    const x = nodeOf(s, 'custom', 'x');
    expect(textAt(s, x.span)).toBe("'fallback'");
    expect(x.via?.[0]?.text).toBe("${env:A, 'fallback'}");
  });

  test('a reference resolves to the target node, located at the target, via the chain of references', () => {
    const s = resolveYaml('service: a\ncustom:\n  a: ${self:custom.b}\n  b: ${self:custom.c}\n  c:\n    key: value\n');
    const a = nodeOf(s, 'custom', 'a');
    expect(a.span).toEqual(nodeOf(s, 'custom', 'c').span);
    expect(a.via?.map((v) => [v.text, v.span.line])).toEqual([
      ['${self:custom.b}', 3],
      ['${self:custom.c}', 4],
    ]);
    expect(nodeOf(s, 'custom', 'b').via?.map((v) => v.text)).toEqual(['${self:custom.c}']);
    expect(nodeOf(s, 'custom', 'c').via).toBeUndefined();
  });

  test('resolution copies nodes, never mutates the parsed tree', () => {
    const text = 'service: a\ncustom:\n  shared: { k: v }\n  one: ${self:custom.shared}\n  two: ${self:custom.shared}\n  s: x-${self:service}\n';
    const parsed = parseYaml(text, '/virtual/serverless.yml');
    const before = JSON.stringify(parsed.root);
    const s = resolveService({ ...parsed, root: parsed.root! }, { env: {} });
    expect(JSON.stringify(parsed.root)).toBe(before);
    const one = nodeAt(s.tree, ['custom', 'one'])!;
    const two = nodeAt(s.tree, ['custom', 'two'])!;
    expect(one).not.toBe(two);
    expect(one.via?.[0]?.span.line).toBe(4);
    expect(two.via?.[0]?.span.line).toBe(5);
    expect(nodeAt(s.tree, ['custom', 'shared'])!.via).toBeUndefined();
  });

  test('works on inline text through parseYaml, without any file on disk', () => {
    const parsed = parseYaml('service: a\ncustom:\n  x: "${self:service}-${sls:stage}"\n', '/virtual/serverless.yml');
    const s = resolveService({ ...parsed, root: parsed.root! }, { stage: 'prod', env: {} });
    expect(s.config.custom).toEqual({ x: 'a-prod' });
    expect(s.file).toBe('/virtual/serverless.yml');
    expect(s.dir).toBe('/virtual');
    expect(s.projectRoot).toBe('/virtual');
  });
});
