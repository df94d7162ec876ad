import { describe, expect, test } from 'vitest';
import { parseTemplate } from '../../src/resolve/parse-template.js';
import { hasVariables, wholeVariable, type RefExpr, type VarPiece } from '../../src/resolve/template.js';

const only = (s: string): VarPiece => {
  const v = wholeVariable(parseTemplate(s));
  if (!v) throw new Error(`not a whole variable: ${s}`);
  return v;
};
const ref = (s: string, i = 0) => only(s).sources[i] as RefExpr;
const argText = (r: RefExpr['address']) => (r?.kind === 'template' ? r.template.pieces.map((p) => p.text).join('') : r?.value);

describe('parseTemplate', () => {
  test('text without variables has none', () => {
    expect(hasVariables(parseTemplate('plain text'))).toBe(false);
    expect(parseTemplate('').pieces).toEqual([]);
  });

  test.each(['${AWS::Region}', '${AWS::AccountId}', '${MyBucket}', '${MyBucket.Arn}', '${!Literal}', '#{AWS::Region}', '#{MyRef}', '${ self:x }', '$self:x'])(
    'CloudFormation and other non-variable text stays text: %s',
    (s) => {
      expect(hasVariables(parseTemplate(s))).toBe(false);
      expect(parseTemplate(s).pieces.map((p) => p.text).join('')).toBe(s);
    },
  );

  test('a source with an address', () => {
    const r = ref('${self:custom.table}');
    expect(r.type).toBe('self');
    expect(r.params).toBeUndefined();
    expect(argText(r.address)).toBe('custom.table');
  });

  test('params, with and without an address', () => {
    const withAddress = ref('${file(./config.yml):a.b}');
    expect(withAddress.params?.map(argText)).toEqual(['./config.yml']);
    expect(argText(withAddress.address)).toBe('a.b');
    const plain = ref('${file(../x.json)}');
    expect(plain.params?.map(argText)).toEqual(['../x.json']);
    expect(plain.address).toBeUndefined();
    expect(ref('${ssm(us-east-1, true):/p}').params?.map(argText)).toEqual(['us-east-1', 'true']);
  });

  test('fallbacks: quoted strings, numbers, booleans, null, bare and nested variables', () => {
    const v = only(`\${opt:stage, 'dev', "a\\"b", 12, -1.5, true, false, null, self:provider.stage, \${env:X, 'y'}}`);
    expect(v.sources.map((s) => s.kind)).toEqual(['ref', 'literal', 'literal', 'literal', 'literal', 'literal', 'literal', 'literal', 'ref', 'nested']);
    expect(v.sources.slice(1, 8).map((s) => (s.kind === 'literal' ? s.value : undefined))).toEqual(['dev', 'a"b', 12, -1.5, true, false, null]);
    const nested = v.sources[9]!;
    expect(nested.kind === 'nested' && nested.variable.text).toBe("${env:X, 'y'}");
  });

  test('variables nested in an address or a param', () => {
    const r = ref('${self:custom.${sls:stage}.table}');
    expect(r.address?.kind).toBe('template');
    const pieces = r.address?.kind === 'template' ? r.address.template.pieces : [];
    expect(pieces.map((p) => [p.kind, p.text])).toEqual([
      ['text', 'custom.'],
      ['var', '${sls:stage}'],
      ['text', '.table'],
    ]);
    const bool = ref('${strToBool(${env:FLAG})}');
    expect(bool.params?.[0]?.kind).toBe('template');
  });

  test('interpolated pieces keep their offsets', () => {
    const s = 'arn:aws:s3:::${ssm:/bucket}/*';
    const { pieces } = parseTemplate(s);
    expect(pieces.map((p) => [p.kind, s.slice(p.start, p.end)])).toEqual([
      ['text', 'arn:aws:s3:::'],
      ['var', '${ssm:/bucket}'],
      ['text', '/*'],
    ]);
  });

  test('Fn::Sub placeholders next to variables stay text', () => {
    const { pieces } = parseTemplate('arn:${AWS::Partition}:s3:::${self:custom.b}-${Bucket.Arn}');
    expect(pieces.map((p) => [p.kind, p.text])).toEqual([
      ['text', 'arn:${AWS::Partition}:s3:::'],
      ['var', '${self:custom.b}'],
      ['text', '-${Bucket.Arn}'],
    ]);
  });

  test.each([
    ['${self:custom.a', 'missing closing'],
    ["${opt:stage, dev}", "quote strings: 'dev'"],
    ['${opt:stage,}', 'empty fallback'],
    ["${env:X, 'open}", 'unterminated'],
    ['${file(a.yml}', 'before ")"'],
    ['${self:a.${AWS::Region}}', 'expected a variable source'],
  ])('malformed %s becomes a broken piece (%s)', (s, message) => {
    const { pieces } = parseTemplate(`x ${s} y`);
    const broken = pieces.find((p) => p.kind === 'broken');
    expect(broken?.kind === 'broken' && broken.message).toContain(message);
    expect(pieces.map((p) => p.text).join('')).toBe(`x ${s} y`);
  });

  test('hostile nesting is refused, not recursed into', () => {
    const deep = '${self:a, '.repeat(5000) + "'x'" + '}'.repeat(5000);
    const { pieces } = parseTemplate(deep);
    expect(pieces[0]?.kind).toBe('broken');
    expect(pieces.map((p) => p.text).join('')).toBe(deep);
  });

  test('many unterminated variables parse in linear time', () => {
    const s = '${self:'.repeat(200_000);
    const started = Date.now();
    const { pieces } = parseTemplate(s);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(pieces.map((p) => p.text).join('')).toBe(s);
  });
});
