import { describe, expect, it } from 'vitest';
import { nodeAt } from '../../src/load/node.js';
import { parseYaml } from '../../src/load/parse.js';
import { codes, parse, plainOf, textAt } from './parse-helpers.js';

describe('documents', () => {
  it('counts one document for an ordinary file', () => {
    expect(parse('service: x\n').documentCount).toBe(1);
  });

  it('counts several documents and keeps the first one as the root', () => {
    const parsed = parse('service: first\n---\nservice: second\n---\nthird: 3\n');
    expect(parsed.documentCount).toBe(3);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.root && nodeAt(parsed.root, ['service'])).toMatchObject({ value: 'first' });
  });

  it.each([
    ['empty', ''],
    ['whitespace only', '  \n\n'],
    ['comments only', '# nothing here\n# at all\n'],
  ])('reads an %s file as no documents, no root and no error', (_, text) => {
    const parsed = parse(text);
    expect(parsed).toMatchObject({ documentCount: 0, diagnostics: [] });
    expect(parsed.root).toBeUndefined();
  });

  it('reads a lone document marker as one empty document', () => {
    const parsed = parse('---\n');
    expect(parsed.documentCount).toBe(1);
    expect(parsed.root).toMatchObject({ kind: 'scalar', value: null });
  });

  it('reports errors in a later document too', () => {
    const parsed = parse('a: 1\n---\nb: [\n');
    expect(codes(parsed.diagnostics)).toContain('parse-error');
    expect(parsed.diagnostics[0]!.span!.line).toBeGreaterThanOrEqual(3);
  });
});

describe('byte order mark', () => {
  it('is stripped, and locations are those an editor shows', () => {
    const parsed = parse('\uFEFFservice: x\n');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.source.text).toBe('service: x\n');
    const root = parsed.root!;
    expect(root.kind === 'map' && root.entries[0]!.keySpan).toMatchObject({ line: 1, column: 1, offset: 0 });
    expect(nodeAt(root, ['service'])!.span).toMatchObject({ line: 1, column: 10, offset: 9 });
  });
});

describe('JSON files', () => {
  const file = '/project/serverless.json';

  it('reads serverless.json with located keys and values', () => {
    const text = '{\n\t"service": "api",\n\t"provider": {\n\t\t"name": "aws",\n\t\t"timeout": 30\n\t}\n}\n';
    const parsed = parseYaml(text, file);
    expect(parsed.diagnostics).toEqual([]);
    const root = parsed.root!;
    expect(nodeAt(root, ['provider', 'timeout'])).toMatchObject({ kind: 'scalar', value: 30, span: { file, line: 5, column: 14 } });
    expect(textAt(text, nodeAt(root, ['provider'])!.span)).toBe('{\n\t\t"name": "aws",\n\t\t"timeout": 30\n\t}');
  });

  it('reports a broken JSON file with a location and no tree', () => {
    const text = '{\n  "service": "api",\n  "provider": {"name": "aws",, }\n}\n';
    const parsed = parseYaml(text, file);
    expect(parsed.root).toBeUndefined();
    expect(parsed.diagnostics[0]).toMatchObject({ code: 'parse-error', severity: 'error', span: { file, line: 3, column: 30 } });
  });

  it('reports an unterminated JSON object', () => {
    const parsed = parseYaml('{"service": "api",\n "provider": {"name": "aws"}\n', file);
    expect(parsed.root).toBeUndefined();
    expect(codes(parsed.diagnostics)).toContain('parse-error');
  });

  it('reads JSON strings with escapes', () => {
    expect(plainOf('{"a": "x\\u0041\\n", "b": [true, null, -1.5e2]}')).toEqual({ a: 'xA\n', b: [true, null, -150] });
  });
});
