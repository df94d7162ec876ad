import { describe, expect, it } from 'vitest';
import { closestWord, editDistance } from '../../src/iam/edit-distance.js';
import { suggestAction, suggestServicePrefix } from '../../src/iam/index.js';

describe('editDistance', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['same', 'same', 0],
    ['GetObject', 'GetObjects', 1],
    ['ab', 'ba', 1], // a swap of neighbours is one typo
    ['GetObject', 'GetObejct', 1],
    ['ca', 'abc', 3], // optimal string alignment, not full Damerau
  ])('%s → %s = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('closestWord', () => {
  it('prefers the smallest distance, then the nearest length, then alphabetical order', () => {
    expect(closestWord('abcd', ['abce', 'abcdx', 'zzzz'])).toBe('abce');
    expect(closestWord('abcd', ['abcx', 'abce'])).toBe('abce');
    expect(closestWord('abcdef', ['uvwxyz'])).toBeUndefined();
  });
});

describe('suggestAction', () => {
  it.each([
    ['s3:GetObjects', 's3:GetObject'],
    ['s3:GetObejct', 's3:GetObject'],
    ['sqs:SendMesage', 'sqs:SendMessage'],
    ['logs:PutLogEvent', 'logs:PutLogEvents'],
    ['s3:ListAllMyBucket', 's3:ListAllMyBuckets'],
    ['dynamo:GetItem', 'dynamodb:GetItem'],
    ['lamda:InvokeFunction', 'lambda:InvokeFunction'],
    ['DYNAMO:getitem', 'dynamodb:GetItem'],
  ])('%s → did you mean %s', (typo, suggestion) => {
    expect(suggestAction(typo)).toBe(suggestion);
  });

  it('has nothing to suggest for existing actions, patterns, far-off names or non-actions', () => {
    for (const name of ['s3:GetObject', 's3:getobject', 's3:Get*', 's3:CompletelyDifferentThing', 'zzzzzzzz:Foo', 'GetObject', '']) {
      expect(suggestAction(name), name).toBeUndefined();
    }
  });

  it('suggests service prefixes', () => {
    expect(suggestServicePrefix('lamda')).toBe('lambda');
    expect(suggestServicePrefix('dynamo')).toBe('dynamodb');
    expect(suggestServicePrefix('qwertyuiop')).toBeUndefined();
  });
});
