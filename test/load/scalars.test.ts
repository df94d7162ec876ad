/** Untagged scalars take the YAML 1.2 core types exactly as `yaml` gives them, as values and as keys. */
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument } from 'yaml';
import type { MapNode, ScalarNode } from '../../src/load/node.js';
import { plainOf, rootOf } from './parse-helpers.js';

const PLAIN = [
  'abc', 'Allow', 's3:GetObject', 'arn:aws:s3:::b/*', 'a b', 'null', 'Null', 'NULL', '~', 'true', 'True', 'TRUE', 'false', 'yes', 'on', 'no',
  '0', '-0', '+1', '12', '1_000', '0o17', '0x1F', '0b101', '017', '1.5', '-.5', '1e3', '1.2E-3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN',
  '2001-12-14', '12:30', '1.2.3', '0x', 'x0', '.', 'True1', 'nulls',
];

/** The first key and value of a one-entry mapping as `yaml`'s core schema alone reads them. */
function coreScalars(text: string): { key: unknown; value: unknown } {
  const contents = parseDocument(text, { version: '1.2', schema: 'core' }).contents;
  const pair = isMap(contents) ? contents.items[0] : undefined;
  if (!pair || !isScalar(pair.key) || !isScalar(pair.value)) throw new Error(`not a one-entry mapping: ${text}`);
  return { key: pair.key.value, value: pair.value.value };
}

describe('untagged scalars', () => {
  it.each(PLAIN)('plain %s reads as yaml core reads it', (text) => {
    const entry = (rootOf(`v: ${text}\n`) as MapNode).entries[0]!;
    expect((entry.value as ScalarNode).value).toBe(coreScalars(`v: ${text}\n`).value);
  });

  it.each(PLAIN)('plain key %s is the text of its core value', (text) => {
    const { key } = coreScalars(`${text}: 1\n`);
    expect((rootOf(`${text}: 1\n`) as MapNode).entries[0]!.key).toBe(key === null ? 'null' : String(key));
  });

  it('an empty value is null, quoted scalars and !!str stay strings', () => {
    expect(plainOf("a:\nb: '1'\nc: \"true\"\nd: !!str 1\ne: !!str\n")).toEqual({ a: null, b: '1', c: 'true', d: '1', e: '' });
  });

  it('short-form tags still apply to plain scalars', () => {
    expect(plainOf('a: !Ref Bucket\nb: !Sub x-${AWS::Region}\n')).toEqual({ a: { Ref: 'Bucket' }, b: { 'Fn::Sub': 'x-${AWS::Region}' } });
  });
});
