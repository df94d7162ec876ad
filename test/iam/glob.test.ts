import { describe, expect, it } from 'vitest';
import { ANY_RUN, FIELD_RUN, NAME_RUN, globCovers, globsOverlap, unitsOfLiteral, unitsOfWildcard, type GlobUnit } from '../../src/iam/glob.js';

const opaque = (key: string, colonFree = false): GlobUnit => ({ kind: 'opaque', key, cls: colonFree ? 'no-colon' : 'any' });
const seq = (...pieces: Array<string | GlobUnit>): GlobUnit[] => pieces.flatMap((piece) => (typeof piece === 'string' ? unitsOfWildcard(piece) : [piece]));

describe('opaque units (values iamlint cannot see)', () => {
  it('cover nothing but themselves', () => {
    expect(globCovers([opaque('ssm:/x')], unitsOfWildcard('*'))).toBe(false);
    expect(globCovers([opaque('ssm:/x')], unitsOfLiteral('bucket'))).toBe(false);
    expect(globCovers([opaque('ssm:/x')], [opaque('ssm:/x')])).toBe(true);
    expect(globCovers([opaque('ssm:/x')], [opaque('ssm:/y')])).toBe(false);
  });

  it('are covered by a star, and by a field star only when they hold no colon', () => {
    expect(globCovers(seq('arn:aws:s3:::*'), seq('arn:aws:s3:::', opaque('b')))).toBe(true);
    expect(globCovers([FIELD_RUN], [opaque('region', true)])).toBe(true);
    expect(globCovers([FIELD_RUN], [opaque('value')])).toBe(false);
  });

  it('may overlap anything of their class', () => {
    expect(globsOverlap([opaque('x')], unitsOfLiteral('arn:aws:s3:::b'))).toBe(true);
    expect(globsOverlap([opaque('x')], unitsOfLiteral(''))).toBe(true);
    expect(globsOverlap([opaque('region', true)], unitsOfLiteral('us-east-1'))).toBe(true);
    expect(globsOverlap([opaque('region', true)], unitsOfLiteral('a:b'))).toBe(false);
  });
});

describe('field runs (a concrete ARN field has no colon)', () => {
  it('do not slide across fields', () => {
    const dynamoTable = seq('arn:', FIELD_RUN, ':dynamodb:', FIELD_RUN, ':', FIELD_RUN, ':table/', ANY_RUN);
    // With `*` free to cross colons, `arn:*:sqs:*` could match `arn:x:dynamodb:…:sqs:…`; field runs prevent that.
    expect(globsOverlap(seq('arn:', opaque('p', true), ':sqs:', opaque('r', true), ':', opaque('a', true), ':', opaque('n', true)), dynamoTable)).toBe(false);
    expect(globsOverlap(seq('arn:aws:sqs:*:*:*'), dynamoTable)).toBe(false);
    expect(globsOverlap(seq('arn:aws:dynamodb:*:*:table/Orders'), dynamoTable)).toBe(true);
    expect(globsOverlap(seq('*'), dynamoTable)).toBe(true);
  });

  it('are covered by a star but do not cover one', () => {
    expect(globCovers([ANY_RUN], [FIELD_RUN])).toBe(true);
    expect(globCovers([FIELD_RUN], [ANY_RUN])).toBe(false);
    expect(globCovers([FIELD_RUN], unitsOfLiteral('us-east-1'))).toBe(true);
    expect(globCovers([FIELD_RUN], unitsOfLiteral('a:b'))).toBe(false);
  });
});

describe('name runs (a bucket or table name has no / and no :)', () => {
  it('nest inside field runs, which nest inside stars', () => {
    expect(globCovers([FIELD_RUN], [NAME_RUN])).toBe(true);
    expect(globCovers([NAME_RUN], [FIELD_RUN])).toBe(false);
    expect(globCovers([ANY_RUN], [NAME_RUN])).toBe(true);
    expect(globCovers([NAME_RUN], unitsOfLiteral('my-bucket'))).toBe(true);
    expect(globCovers([NAME_RUN], unitsOfLiteral('my-bucket/key'))).toBe(false);
  });

  it('do not overlap a pattern that needs a slash', () => {
    expect(globsOverlap(seq('arn:aws:s3:::', NAME_RUN), seq('arn:aws:s3:::bucket/*'))).toBe(false);
    expect(globsOverlap(seq('arn:aws:s3:::', NAME_RUN), seq('arn:aws:s3:::bucket*'))).toBe(true);
  });
});
