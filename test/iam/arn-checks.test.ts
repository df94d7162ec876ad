import { describe, expect, it } from 'vitest';
import { arnPatternCovers, arnPatternsOverlap, canMatchResourceType, evaluateArn, isEffectivelyWildcard } from '../../src/iam/index.js';

describe('isEffectivelyWildcard', () => {
  it.each([
    ['*', 's3:GetObject'],
    ['**', 'dynamodb:GetItem'],
    ['arn:aws:s3:::*', 's3:GetObject'],
    ['arn:aws:s3:::*/*', 's3:GetObject'],
    ['arn:aws:s3:::*', 's3:ListBucket'],
    ['arn:aws:s3:::*', 's3'],
    ['arn:aws:dynamodb:*:*:table/*', 'dynamodb:GetItem'],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/*', 'dynamodb:GetItem'],
    ['arn:aws:dynamodb:*:*:table/*/index/*', 'dynamodb:Query'],
    ['arn:aws:dynamodb:*', 'dynamodb:GetItem'],
    ['arn:*:*:*:*:*', 'dynamodb:GetItem'],
    ['arn:*', 'sqs:SendMessage'],
    ['arn:aws:sqs:*:*:*', 'sqs:SendMessage'],
    ['arn:aws:sqs:*:*:*', 'sqs:*'],
    ['arn:aws:dynamodb:*:*:table/*', 'dynamodb:Get*'],
    ['arn:*:*:*:*:*', '*'],
  ])('%s is * for %s', (pattern, action) => {
    expect(isEffectivelyWildcard(pattern, action)).toBe(true);
  });

  it.each([
    ['arn:aws:s3:::my-bucket/*', 's3:GetObject'],
    ['arn:aws:s3:::my-bucket', 's3:ListBucket'],
    ['arn:aws:dynamodb:*:*:table/Orders', 'dynamodb:GetItem'],
    ['arn:aws:dynamodb:*:*:table/Orders*', 'dynamodb:GetItem'],
    // every object is not every bucket, and an empty region does not name access points
    ['arn:aws:s3:::*/*', 's3:ListBucket'],
    // the right shape for another service
    ['arn:aws:s3:::*', 'dynamodb:GetItem'],
    ['arn:aws:s3:us-east-1::*', 's3:ListBucket'],
    ['arn:aws:s3:::*', '*'],
    ['arn:aws:sqs:*:*:jobs-*', 'sqs:SendMessage'],
  ])('%s is not * for %s', (pattern, action) => {
    expect(isEffectivelyWildcard(pattern, action)).toBe(false);
  });

  it('keeps an opaque partition, region or account: arn:${AWS::Partition}:s3:::* is still every bucket', () => {
    const sub = evaluateArn({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::*' });
    expect(isEffectivelyWildcard(sub, 's3:ListBucket')).toBe(true);
    const table = evaluateArn({ 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*' });
    expect(isEffectivelyWildcard(table, 'dynamodb:GetItem')).toBe(true);
  });

  it('falls back to "resource part is *" for services without resource types in the catalog', () => {
    expect(isEffectivelyWildcard('arn:aws:xray:*:*:*', 'xray:PutTraceSegments')).toBe(true);
    expect(isEffectivelyWildcard('arn:aws:xray:*:*:group/x', 'xray:PutTraceSegments')).toBe(false);
    expect(isEffectivelyWildcard('arn:aws:nosuch:*:*:*', 'nosuch')).toBe(true);
    expect(isEffectivelyWildcard('arn:aws:other:*:*:*', 'nosuch')).toBe(false);
  });
});

describe('canMatchResourceType', () => {
  it.each([
    ['arn:aws:dynamodb:*:*:table/Orders', 'dynamodb:GetItem', true],
    ['arn:aws:s3:::bucket/*', 'dynamodb:GetItem', false],
    ['arn:aws:sqs:*:*:*', 'dynamodb:GetItem', false],
    ['*', 'dynamodb:GetItem', true],
    // an object action on a bucket ARN, and the reverse: the classic mistakes
    ['arn:aws:s3:::bucket', 's3:GetObject', false],
    ['arn:aws:s3:::bucket/*', 's3:ListBucket', false],
    ['arn:aws:s3:::bucket', 's3:ListBucket', true],
    ['arn:aws:s3:::bucket/*', 's3:GetObject', true],
    // table actions do not act on indexes; Query does
    ['arn:aws:dynamodb:*:*:table/Orders/index/*', 'dynamodb:GetItem', false],
    ['arn:aws:dynamodb:*:*:table/Orders/index/*', 'dynamodb:Query', true],
    // some s3:Get* action acts on buckets
    ['arn:aws:s3:::bucket', 's3:Get*', true],
    // actions without resource types only match "*"
    ['*', 'xray:PutTraceSegments', true],
    ['arn:aws:xray:*:*:*', 'xray:PutTraceSegments', false],
    ['arn:aws:s3:::*', 's3:ListAllMyBuckets', false],
    // unknown actions are another rule's business
    ['arn:aws:s3:::bucket', 'nosuch:Thing', true],
    ['arn:aws:s3:::bucket', '*', true],
  ])('%s for %s → %s', (pattern, action, expected) => {
    expect(canMatchResourceType(pattern, action)).toBe(expected);
  });
});

describe('pattern against pattern', () => {
  it('covers and overlaps', () => {
    expect(arnPatternCovers('arn:aws:s3:::*', 'arn:aws:s3:::bucket/*')).toBe(true);
    expect(arnPatternCovers('arn:aws:s3:::bucket/*', 'arn:aws:s3:::*')).toBe(false);
    expect(arnPatternsOverlap('arn:aws:s3:::bucket/*', 'arn:aws:s3:::*/logs/*')).toBe(true);
    expect(arnPatternsOverlap('arn:aws:s3:::a/*', 'arn:aws:s3:::b/*')).toBe(false);
  });
});
