import { describe, expect, it } from 'vitest';
import { actionFormats, cachedFormatServices } from '../../src/iam/action-formats.js';
import { actionsOfService, canMatchResourceType, isEffectivelyWildcard, resourceTypesOf } from '../../src/iam/index.js';

describe('actionFormats: ARN formats per action, parsed once', () => {
  it('a concrete action: its resource types, the same parsed objects on every ask (any case)', () => {
    const first = actionFormats('s3:GetObject');
    expect(first.formats.map((f) => f.format)).toEqual([...new Set(resourceTypesOf('s3:GetObject').map((t) => t.arnFormat))]);
    expect(first.actions).toBe(1);
    expect(actionFormats('S3:getobject')).toBe(first);
    const object = first.formats.find((f) => f.format === 'arn:${Partition}:s3:::${BucketName}/${ObjectName}')!;
    expect(object.fields).toEqual([0, 1, 1, 5, 5, 5]);
    // Another action on the same resource type shares the parsed format.
    expect(actionFormats('s3:PutObject').formats).toContain(object);
  });

  it('a pattern: the union over the actions it matches, remembered', () => {
    const get = actionFormats('s3:Get*');
    expect(get.actions).toBe(actionsOfService('s3').filter((a) => a.name.startsWith('Get')).length);
    expect(new Set(get.formats.map((f) => f.format)).size).toBe(get.formats.length);
    expect(actionFormats('s3:get*')).toBe(get);
  });

  it('a service prefix: every resource type; unknown names: none, and nothing is cached for them', () => {
    expect(actionFormats('sqs').formats.map((f) => f.format)).toContain('arn:${Partition}:sqs:${Region}:${Account}:${QueueName}');
    expect(actionFormats('nosuchservice:GetThing')).toMatchObject({ formats: [], actions: 0 });
    expect(actionFormats('s3:NoSuchAction')).toMatchObject({ formats: [], actions: 0 });
    expect(cachedFormatServices()).not.toContain('nosuchservice');
    expect(cachedFormatServices()).toEqual(expect.arrayContaining(['s3', 'sqs']));
  });

  it('wildcard-only actions are flagged', () => {
    expect(actionFormats('sqs:ListQueues')).toMatchObject({ formats: [], actions: 1, anyWildcardOnly: true });
  });

  it('keeps the answers of isEffectivelyWildcard and canMatchResourceType', () => {
    expect(isEffectivelyWildcard('arn:aws:s3:::*', 's3:GetObject')).toBe(true);
    expect(isEffectivelyWildcard('arn:aws:s3:::*', 's3:Get*')).toBe(true);
    expect(isEffectivelyWildcard('arn:aws:s3:::b/*', 's3:GetObject')).toBe(false);
    expect(canMatchResourceType('arn:aws:s3:::b/*', 's3:GetObject')).toBe(true);
    expect(canMatchResourceType('arn:aws:s3:::b/*', 'dynamodb:GetItem')).toBe(false);
    expect(canMatchResourceType('*', 'sqs:ListQueues')).toBe(true);
    expect(canMatchResourceType('arn:aws:s3:::b', 'nosuch:Thing')).toBe(true);
  });
});
