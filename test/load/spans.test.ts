import { describe, expect, it } from 'vitest';
import { nodeAt, type MapNode, type Span } from '../../src/load/node.js';
import { rootOf, textAt } from './parse-helpers.js';

const where = (span: Span) => [span.line, span.column, span.endLine, span.endColumn];

describe('spans', () => {
  const text = [
    'service: api # trailing comment', // 1
    'provider:', // 2
    '  name: aws', // 3
    '  iam:', // 4
    '    role:', // 5
    '      statements:', // 6
    '        - Effect: Allow', // 7
    "          Action: 's3:GetObject'", // 8
    '          Resource:', // 9
    '            - "arn:aws:s3:::bucket', // 10
    '              /key"', // 11
    '  description: |', // 12
    '    line one', // 13
    '    line two', // 14
    '', // 15
    'custom: {a: [1, 2], "b c": x}', // 16
    '',
  ].join('\n');
  const root = rootOf(text);

  it('locates every map key', () => {
    const entries = (root as MapNode).entries;
    expect(entries.map((e) => [e.key, ...where(e.keySpan)])).toEqual([
      ['service', 1, 1, 1, 8],
      ['provider', 2, 1, 2, 9],
      ['custom', 16, 1, 16, 7],
    ]);
    const custom = nodeAt(root, ['custom']) as MapNode;
    expect(custom.entries.map((e) => textAt(text, e.keySpan))).toEqual(['a', '"b c"']);
  });

  it('locates plain, quoted and multi-line scalars exactly', () => {
    expect(where(nodeAt(root, ['service'])!.span)).toEqual([1, 10, 1, 13]);
    const action = nodeAt(root, ['provider', 'iam', 'role', 'statements', 0, 'Action'])!;
    expect(textAt(text, action.span)).toBe("'s3:GetObject'");
    expect(where(action.span)).toEqual([8, 19, 8, 33]);
    const resource = nodeAt(root, ['provider', 'iam', 'role', 'statements', 0, 'Resource', 0])!;
    expect(resource).toMatchObject({ value: 'arn:aws:s3:::bucket /key' });
    expect(where(resource.span)).toEqual([10, 15, 11, 20]);
  });

  it('ends block scalars and block collections at their last character', () => {
    const description = nodeAt(root, ['provider', 'description'])!;
    expect(description).toMatchObject({ value: 'line one\nline two\n' });
    expect(where(description.span)).toEqual([12, 16, 14, 13]);
    const statement = nodeAt(root, ['provider', 'iam', 'role', 'statements', 0])!;
    expect(where(statement.span)).toEqual([7, 11, 11, 20]);
    expect(where(nodeAt(root, ['provider'])!.span)).toEqual([3, 3, 14, 13]);
    expect(where(root.span)).toEqual([1, 1, 16, 30]);
  });

  it('locates flow collections including their brackets', () => {
    expect(textAt(text, nodeAt(root, ['custom'])!.span)).toBe('{a: [1, 2], "b c": x}');
    expect(textAt(text, nodeAt(root, ['custom', 'a'])!.span)).toBe('[1, 2]');
    expect(where(nodeAt(root, ['custom', 'a', 1])!.span)).toEqual([16, 17, 16, 18]);
  });

  it('gives 0-based offsets matching line and column', () => {
    const span = nodeAt(root, ['provider', 'name'])!.span;
    expect(text.slice(span.offset, span.endOffset)).toBe('aws');
    expect(span.file).toBe('/project/serverless.yml');
  });

  it('locates an empty value at its key', () => {
    const r = rootOf('a:\nb: 1\n');
    expect(nodeAt(r, ['a'])).toMatchObject({ kind: 'scalar', value: null, span: { line: 1 } });
  });

  it('counts columns in CRLF files like LF files', () => {
    const r = rootOf('a: 1\r\nb:\r\n  c: x\r\n');
    expect(where(nodeAt(r, ['b', 'c'])!.span)).toEqual([3, 6, 3, 7]);
  });
});
