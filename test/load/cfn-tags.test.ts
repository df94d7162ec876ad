import { describe, expect, it } from 'vitest';
import { CFN_TAG_NAMES } from '../../src/load/cfn-tags.js';
import { nodeAt, type MapNode } from '../../src/load/node.js';
import { codes, parse, plainOf, rootOf, textAt } from './parse-helpers.js';

const longKey = (name: string) => (name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`);

describe('CloudFormation short tags', () => {
  it('covers exactly the seventeen intrinsic short forms', () => {
    expect([...CFN_TAG_NAMES].sort()).toEqual(
      ['And', 'Base64', 'Cidr', 'Condition', 'Equals', 'FindInMap', 'GetAZs', 'GetAtt', 'If', 'ImportValue', 'Join', 'Not', 'Or', 'Ref', 'Select', 'Split', 'Sub'].sort(),
    );
  });

  describe.each(CFN_TAG_NAMES.filter((n) => n !== 'GetAtt'))('!%s', (name) => {
    it('scalar form becomes the long form with the text kept as a string', () => {
      expect(plainOf(`v: !${name} some.value\n`)).toEqual({ v: { [longKey(name)]: 'some.value' } });
    });
    it('sequence form (flow and block)', () => {
      expect(plainOf(`v: !${name} [a, 1]\n`)).toEqual({ v: { [longKey(name)]: ['a', 1] } });
      expect(plainOf(`v: !${name}\n  - a\n  - b\n`)).toEqual({ v: { [longKey(name)]: ['a', 'b'] } });
    });
    it('mapping form (flow and block)', () => {
      expect(plainOf(`v: !${name} {k: x}\n`)).toEqual({ v: { [longKey(name)]: { k: 'x' } } });
      expect(plainOf(`v: !${name}\n  k: x\n`)).toEqual({ v: { [longKey(name)]: { k: 'x' } } });
    });
  });

  it('never turns !Ref X into the bare string X', () => {
    expect(plainOf('a: !Ref Bucket\n')).toEqual({ a: { Ref: 'Bucket' } });
  });

  it('keeps the scalar text even when it looks like a number or boolean', () => {
    expect(plainOf('a: !Ref 123\nb: !Condition true\n')).toEqual({ a: { Ref: '123' }, b: { Condition: 'true' } });
  });

  it('reads the common shapes of !Sub, !GetAZs and nested tags', () => {
    expect(plainOf(`a: !Sub 'arn:aws:s3:::\${Bucket}/*'\n`)).toEqual({ a: { 'Fn::Sub': 'arn:aws:s3:::${Bucket}/*' } });
    expect(plainOf(`a: !Sub ['x-\${B}', {B: !Ref Bucket}]\n`)).toEqual({ a: { 'Fn::Sub': ['x-${B}', { B: { Ref: 'Bucket' } }] } });
    expect(plainOf(`a: !GetAZs ''\n`)).toEqual({ a: { 'Fn::GetAZs': '' } });
    expect(plainOf('a: !Select [0, !GetAZs ""]\n')).toEqual({ a: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } });
    expect(plainOf('a: !Join\n  - ":"\n  - - !Ref A\n    - !GetAtt B.Arn\n')).toEqual({
      a: { 'Fn::Join': [':', [{ Ref: 'A' }, { 'Fn::GetAtt': ['B', 'Arn'] }]] },
    });
    expect(plainOf('a: !If [Cond, !Ref A, !Ref "AWS::NoValue"]\n')).toEqual({ a: { 'Fn::If': ['Cond', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] } });
  });

  describe('!GetAtt', () => {
    it('splits the scalar form at the first dot only', () => {
      expect(plainOf('a: !GetAtt Table.Arn\n')).toEqual({ a: { 'Fn::GetAtt': ['Table', 'Arn'] } });
      expect(plainOf('a: !GetAtt Db.Endpoint.Address\n')).toEqual({ a: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] } });
    });
    it('keeps the list form as written', () => {
      expect(plainOf('a: !GetAtt [Table, StreamArn]\n')).toEqual({ a: { 'Fn::GetAtt': ['Table', 'StreamArn'] } });
      expect(plainOf('a: !GetAtt\n  - Table\n  - Arn\n')).toEqual({ a: { 'Fn::GetAtt': ['Table', 'Arn'] } });
    });
    it('keeps a dotless name as written', () => {
      expect(plainOf('a: !GetAtt Table\n')).toEqual({ a: { 'Fn::GetAtt': 'Table' } });
    });
  });

  it('locates the long-form map and its key at the tagged node, tag included', () => {
    const text = 'a: !GetAtt Table.Arn\nb: !Sub\n  - x\n  - y\n';
    const root = rootOf(text);
    const a = nodeAt(root, ['a']) as MapNode;
    expect(textAt(text, a.span)).toBe('!GetAtt Table.Arn');
    expect(a.entries[0]!.keySpan).toEqual(a.span);
    expect(textAt(text, nodeAt(root, ['a', 'Fn::GetAtt'])!.span)).toBe('Table.Arn');
    const b = nodeAt(root, ['b']) as MapNode;
    expect(textAt(text, b.span)).toBe('!Sub\n  - x\n  - y');
    expect(textAt(text, nodeAt(root, ['b', 'Fn::Sub', 1])!.span)).toBe('y');
  });

  it('reports an unknown tag where it is written and keeps the value untagged', () => {
    const text = 'a: !Foo bar\nb: !Baz [1]\n';
    const parsed = parse(text);
    expect(codes(parsed.diagnostics)).toEqual(['unknown-tag', 'unknown-tag']);
    const [first, second] = parsed.diagnostics;
    expect(first).toMatchObject({ severity: 'error', span: { line: 1, column: 4 } });
    expect(first!.message).toContain('!Foo');
    expect(second).toMatchObject({ span: { line: 2, column: 4 } });
    expect(parsed.root && nodeAt(parsed.root, ['a'])).toMatchObject({ kind: 'scalar', value: 'bar' });
    expect(parsed.root && nodeAt(parsed.root, ['b', 0])).toMatchObject({ kind: 'scalar', value: 1 });
  });

  it('treats standard tags normally', () => {
    expect(plainOf('a: !!str 123\nb: !!int "7"\nc: !!float 1.0\nd: !!bool true\ne: !!null ~\nf: !!map {x: 1}\ng: !!seq [1]\n')).toEqual({
      a: '123',
      b: 7,
      c: 1,
      d: true,
      e: null,
      f: { x: 1 },
      g: [1],
    });
    // Values with no plain-JSON form keep the text as written.
    expect(plainOf('t: !!timestamp 2001-12-14\nb: !!binary aGVsbG8=\n')).toEqual({ t: '2001-12-14', b: 'aGVsbG8=' });
  });

  it('warns when a value does not fit its standard tag, and reads it as a string', () => {
    const parsed = parse('a: !!float abc\nb: !!nonsense x\n');
    expect(parsed.diagnostics.map((d) => [d.code, d.severity, d.span?.line])).toEqual([
      ['tag-mismatch', 'warning', 1],
      ['unknown-tag', 'error', 2],
    ]);
    expect(parsed.diagnostics[1]!.message).toContain('!!nonsense');
    expect(parsed.root && nodeAt(parsed.root, ['a'])).toMatchObject({ value: 'abc' });
  });

  it('reads YAML 1.2 core scalars as the Framework does (yes/no stay strings)', () => {
    expect(plainOf('a: yes\nb: on\nc: true\nd: 0o10\ne: 010\nf: ~\ng: 1.5\n')).toEqual({ a: 'yes', b: 'on', c: true, d: 8, e: 10, f: null, g: 1.5 });
  });
});
