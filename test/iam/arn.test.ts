import { describe, expect, it } from 'vitest';
import { Unknown, type Plain } from '../../src/load/node.js';
import {
  arnPatternCovers,
  arnPatternText,
  canMatchResourceType,
  evaluateArn,
  evaluateResources,
  isEffectivelyWildcard,
  isUnknown,
  literalText,
  unknownParts,
  type ArnContext,
} from '../../src/iam/index.js';

const resourceTypes = {
  Table: 'AWS::DynamoDB::Table',
  Queue: 'AWS::SQS::Queue',
  Topic: 'AWS::SNS::Topic',
  Bucket: 'AWS::S3::Bucket',
  Policy: 'AWS::IAM::ManagedPolicy',
  Logs: 'AWS::Logs::LogGroup',
  Machine: 'AWS::StepFunctions::StateMachine',
};
const context: ArnContext = { resourceTypes };
const deployed: ArnContext = { resourceTypes: new Map(Object.entries(resourceTypes)), partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };
const text = (value: Plain, ctx: ArnContext = context) => arnPatternText(evaluateArn(value, ctx));

describe('literal strings', () => {
  it('keep text and turn * and ? into wildcards', () => {
    const pattern = evaluateArn('arn:aws:s3:::my-bucket/*');
    expect(pattern.parts).toEqual([
      { kind: 'text', text: 'arn:aws:s3:::my-bucket/' },
      { kind: 'wildcard', wildcard: '*' },
    ]);
    expect(evaluateArn('arn:aws:s3:::a?c').parts[1]).toEqual({ kind: 'wildcard', wildcard: '?' });
    expect(literalText(evaluateArn('arn:aws:sqs:us-east-1:123456789012:q'))).toBe('arn:aws:sqs:us-east-1:123456789012:q');
  });

  it('read IAM policy variables as per-request values and ${*} as a literal star', () => {
    const pattern = evaluateArn('arn:aws:s3:::bucket/${aws:username}/*');
    expect(pattern.parts[1]).toMatchObject({ kind: 'opaque', origin: 'policy-variable', label: '${aws:username}' });
    expect(isUnknown(pattern)).toBe(false);
    expect(literalText(evaluateArn('arn:aws:s3:::odd${*}name'))).toBe('arn:aws:s3:::odd*name');
  });

  it('resolve the pseudo-parameters plugin form #{AWS::Region}', () => {
    expect(text('arn:aws:sqs:#{AWS::Region}:#{AWS::AccountId}:jobs')).toBe('arn:aws:sqs:<AWS::Region>:<AWS::AccountId>:jobs');
    expect(text('arn:#{AWS::Partition}:sqs:#{AWS::Region}:#{AWS::AccountId}:jobs', deployed)).toBe('arn:aws:sqs:eu-west-1:123456789012:jobs');
    expect(text('arn:aws:dynamodb:#{AWS::Region}:#{AWS::AccountId}:table/#{Table}')).toBe(
      'arn:aws:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<Name of Table>',
    );
  });
});

describe('Fn::Join', () => {
  it('concatenates literals with the separator', () => {
    expect(literalText(evaluateArn({ 'Fn::Join': [':', ['arn', 'aws', 'sqs', 'us-east-1', 123456789012, 'q']] }))).toBe(
      'arn:aws:sqs:us-east-1:123456789012:q',
    );
  });

  it('building arn:aws:s3:::* yields a real wildcard', () => {
    const pattern = evaluateArn({ 'Fn::Join': ['', ['arn:aws:s3:::', '*']] });
    expect(pattern.parts).toEqual([
      { kind: 'text', text: 'arn:aws:s3:::' },
      { kind: 'wildcard', wildcard: '*' },
    ]);
    expect(isEffectivelyWildcard(pattern, 's3:GetObject')).toBe(true);
  });

  it('keeps references opaque', () => {
    const pattern = evaluateArn({ 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'Bucket' }, '/*']] }, context);
    expect(arnPatternText(pattern)).toBe('arn:aws:s3:::<Name of Bucket>/*');
    expect(isEffectivelyWildcard(pattern, 's3:GetObject')).toBe(false);
    expect(canMatchResourceType(pattern, 's3:GetObject')).toBe(true);
  });

  it('gives up on non-literal separators or lists, as unknown', () => {
    expect(isUnknown(evaluateArn({ 'Fn::Join': ['', { Ref: 'Somewhere' }] }))).toBe(true);
    expect(isUnknown(evaluateArn({ 'Fn::Join': [{ Ref: 'Sep' }, ['a', 'b']] }))).toBe(true);
  });
});

describe('Fn::Sub', () => {
  const tableSub = { 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}' };

  it('leaves pseudo parameters opaque (concrete, unseen) unless the context knows them', () => {
    const pattern = evaluateArn(tableSub, context);
    expect(arnPatternText(pattern)).toBe('arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<Name of Table>');
    expect(pattern.parts.filter((part) => part.kind === 'opaque').map((part) => part.kind === 'opaque' && part.origin)).toEqual([
      'pseudo',
      'pseudo',
      'pseudo',
      'resource',
    ]);
    expect(text(tableSub, deployed)).toBe('arn:aws:dynamodb:eu-west-1:123456789012:table/<Name of Table>');
  });

  it('uses its variable map first, then resources, and keeps ${!x} literal', () => {
    expect(literalText(evaluateArn({ 'Fn::Sub': ['arn:aws:s3:::${B}/*', { B: 'my-bucket' }] }))).toBeUndefined();
    expect(text({ 'Fn::Sub': ['arn:aws:s3:::${B}/*', { B: 'my-bucket' }] })).toBe('arn:aws:s3:::my-bucket/*');
    expect(text({ 'Fn::Sub': ['arn:aws:s3:::${Table}', { Table: 'shadowed' }] }, context)).toBe('arn:aws:s3:::shadowed');
    expect(text({ 'Fn::Sub': ['${Arn}', { Arn: { 'Fn::GetAtt': ['Queue', 'Arn'] } }] }, deployed)).toBe('arn:aws:sqs:eu-west-1:123456789012:<Name of Queue>');
    const escaped = evaluateArn({ 'Fn::Sub': 'arn:aws:s3:::b/${!aws:username}/*' });
    expect(escaped.parts[1]).toMatchObject({ kind: 'opaque', origin: 'policy-variable' });
  });

  it('handles ${Logical.Attr}', () => {
    expect(text({ 'Fn::Sub': '${Table.Arn}/index/*' }, deployed)).toBe('arn:aws:dynamodb:eu-west-1:123456789012:table/<Name of Table>/index/*');
  });

  it('names the same table whether written as Sub or GetAtt', () => {
    const sub = evaluateArn(tableSub, context);
    const getAtt = evaluateArn({ 'Fn::GetAtt': ['Table', 'Arn'] }, context);
    expect(arnPatternCovers(sub, getAtt)).toBe(true);
    expect(arnPatternCovers(getAtt, sub)).toBe(true);
    expect(arnPatternCovers(getAtt, evaluateArn({ 'Fn::GetAtt': ['Queue', 'Arn'] }, context))).toBe(false);
  });
});

describe('Ref and Fn::GetAtt of this service', () => {
  it('GetAtt Table.Arn is a DynamoDB table ARN with an opaque name (both GetAtt forms)', () => {
    for (const value of [{ 'Fn::GetAtt': ['Table', 'Arn'] }, { 'Fn::GetAtt': 'Table.Arn' }]) {
      const pattern = evaluateArn(value, context);
      expect(arnPatternText(pattern)).toBe('arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<Name of Table>');
      expect(pattern.reference).toEqual({ logicalId: 'Table', resourceType: 'AWS::DynamoDB::Table', attribute: 'Arn', returns: 'arn' });
      expect(canMatchResourceType(pattern, 'dynamodb:GetItem')).toBe(true);
      expect(canMatchResourceType(pattern, 's3:GetObject')).toBe(false);
      expect(isEffectivelyWildcard(pattern, 'dynamodb:GetItem')).toBe(false);
      expect(isUnknown(pattern)).toBe(false);
    }
    expect(text({ 'Fn::GetAtt': ['Table', 'StreamArn'] }, deployed)).toBe(
      'arn:aws:dynamodb:eu-west-1:123456789012:table/<Name of Table>/stream/<StreamLabel of Table>',
    );
  });

  it('Ref of a queue is its URL, not an ARN; GetAtt Queue.Arn is the ARN', () => {
    const ref = evaluateArn({ Ref: 'Queue' }, context);
    expect(ref.reference?.returns).toBe('url');
    expect(arnPatternText(ref)).toBe('https://sqs.<AWS::Region>.<AWS::URLSuffix>/<AWS::AccountId>/<Name of Queue>');
    expect(canMatchResourceType(ref, 'sqs:SendMessage')).toBe(false);
    const arn = evaluateArn({ 'Fn::GetAtt': ['Queue', 'Arn'] }, context);
    expect(arn.reference?.returns).toBe('arn');
    expect(canMatchResourceType(arn, 'sqs:SendMessage')).toBe(true);
    expect(text({ Ref: 'Queue' }, deployed)).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/<Name of Queue>');
  });

  it('Ref of a topic, a managed policy and a state machine is an ARN; of a bucket, a name', () => {
    expect(evaluateArn({ Ref: 'Topic' }, context).reference?.returns).toBe('arn');
    expect(text({ Ref: 'Topic' }, deployed)).toBe('arn:aws:sns:eu-west-1:123456789012:<Name of Topic>');
    expect(text({ Ref: 'Policy' }, deployed)).toBe('arn:aws:iam::123456789012:policy/<PathAndName of Policy>');
    expect(evaluateArn({ Ref: 'Machine' }, context).reference?.returns).toBe('arn');
    const bucket = evaluateArn({ Ref: 'Bucket' }, context);
    expect(bucket.reference?.returns).toBe('name');
    expect(canMatchResourceType(bucket, 's3:ListBucket')).toBe(false);
    expect(text({ 'Fn::GetAtt': ['Bucket', 'Arn'] }, deployed)).toBe('arn:aws:s3:::<Name of Bucket>');
  });

  it('a log group Arn attribute ends in a real :* wildcard', () => {
    const pattern = evaluateArn({ 'Fn::GetAtt': ['Logs', 'Arn'] }, context);
    expect(pattern.parts.at(-1)).toEqual({ kind: 'wildcard', wildcard: '*' });
  });

  it('Ref to a pseudo parameter', () => {
    expect(literalText(evaluateArn({ Ref: 'AWS::Region' }, deployed))).toBe('eu-west-1');
    expect(evaluateArn({ Ref: 'AWS::Region' }).parts).toEqual([
      expect.objectContaining({ kind: 'opaque', origin: 'pseudo', key: 'AWS::Region', colonFree: true }),
    ]);
  });

  it('references iamlint cannot resolve are unknown, never wildcards', () => {
    const cases: Plain[] = [
      { Ref: 'NotHere' },
      { 'Fn::GetAtt': ['NotHere', 'Arn'] },
      { 'Fn::GetAtt': ['Table', 'NoSuchAttribute'] },
      { 'Fn::GetAtt': ['Thing', 'Arn'] },
      { 'Fn::ImportValue': 'shared-table-arn' },
      { 'Fn::If': ['Cond', '*', 'arn:aws:s3:::b'] },
      { Ref: 'AWS::StackId' },
      null,
    ];
    const ctx: ArnContext = { resourceTypes: { ...resourceTypes, Thing: 'AWS::Custom::Thing' } };
    for (const value of cases) {
      const pattern = evaluateArn(value, ctx);
      expect(isUnknown(pattern), JSON.stringify(value)).toBe(true);
      expect(isEffectivelyWildcard(pattern, 's3:GetObject'), JSON.stringify(value)).toBe(false);
      expect(canMatchResourceType(pattern, 's3:GetObject'), JSON.stringify(value)).toBe(true);
    }
  });

  it('two different unknown intrinsics are different values; the same one twice is the same', () => {
    const a = evaluateArn({ 'Fn::ImportValue': 'a' });
    const b = evaluateArn({ 'Fn::ImportValue': 'b' });
    expect(arnPatternCovers(a, b)).toBe(false);
    expect(arnPatternCovers(a, evaluateArn({ 'Fn::ImportValue': 'a' }))).toBe(true);
  });
});

describe('Unknown values', () => {
  it('an ${ssm:} value is opaque and never counts as *', () => {
    const pattern = evaluateArn(new Unknown('${ssm:/app/bucket-arn}', 'ssm parameters are not read offline'));
    expect(isUnknown(pattern)).toBe(true);
    expect(unknownParts(pattern)).toEqual([
      expect.objectContaining({ label: '${ssm:/app/bucket-arn}', reason: 'ssm parameters are not read offline', origin: 'unknown' }),
    ]);
    expect(isEffectivelyWildcard(pattern, 's3:GetObject')).toBe(false);
    expect(isEffectivelyWildcard(pattern, 's3')).toBe(false);
    expect(canMatchResourceType(pattern, 's3:GetObject')).toBe(true);
  });

  it('even an unknown whose source text is * is not a wildcard', () => {
    const pattern = evaluateArn(new Unknown('*', 'resolved at deploy time'));
    expect(pattern.parts).toHaveLength(1);
    expect(pattern.parts[0]!.kind).toBe('opaque');
    expect(isEffectivelyWildcard(pattern, 'dynamodb:GetItem')).toBe(false);
  });

  it('a partly-unknown string keeps its known text and wildcards', () => {
    const value = new Unknown('arn:aws:s3:::${ssm:/bucket}/*', 'ssm', ['arn:aws:s3:::', { text: '${ssm:/bucket}', reason: 'ssm' }, '/*']);
    const pattern = evaluateArn(value);
    expect(arnPatternText(pattern)).toBe('arn:aws:s3:::<${ssm:/bucket}>/*');
    expect(pattern.parts.at(-1)).toEqual({ kind: 'wildcard', wildcard: '*' });
    expect(isEffectivelyWildcard(pattern, 's3:GetObject')).toBe(false);
    expect(canMatchResourceType(pattern, 's3:GetObject')).toBe(true);
    expect(canMatchResourceType(pattern, 'dynamodb:GetItem')).toBe(false);
  });

  it('an unknown inside a Join or a Sub variable stays unknown', () => {
    const ssm = new Unknown('${ssm:/table}', 'ssm');
    expect(isUnknown(evaluateArn({ 'Fn::Join': ['', ['arn:aws:dynamodb:us-east-1:123456789012:table/', ssm]] }))).toBe(true);
    expect(isUnknown(evaluateArn({ 'Fn::Sub': ['arn:aws:dynamodb:us-east-1:123456789012:table/${T}', { T: ssm }] }))).toBe(true);
  });
});

describe('evaluateResources', () => {
  it('evaluates each value of a Resource list', () => {
    const patterns = evaluateResources(['arn:aws:s3:::b', { 'Fn::GetAtt': ['Table', 'Arn'] }], context);
    expect(patterns.map(arnPatternText)).toEqual(['arn:aws:s3:::b', 'arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<Name of Table>']);
    expect(evaluateResources('*')).toHaveLength(1);
  });
});

describe('CloudFormation dynamic references', () => {
  it('{{resolve:ssm:…}} is one unseen value, not text (its colons are not ARN fields)', () => {
    const pattern = evaluateArn('{{resolve:ssm:/app/bucket-arn}}');
    expect(pattern.parts).toEqual([
      expect.objectContaining({ kind: 'opaque', origin: 'unknown', label: '{{resolve:ssm:/app/bucket-arn}}', colonFree: false }),
    ]);
    expect(unknownParts(pattern)[0]!.reason).toMatch(/dynamic reference.*SSM parameter/);
    expect(isEffectivelyWildcard(pattern, 's3:GetObject')).toBe(false);
    expect(canMatchResourceType(pattern, 's3:GetObject')).toBe(true);
  });

  it('inside an ARN: the text around it stays, wildcards too', () => {
    const pattern = evaluateArn('arn:aws:s3:::{{resolve:ssm-secure:/bucket:3}}/*');
    expect(arnPatternText(pattern)).toBe('arn:aws:s3:::<{{resolve:ssm-secure:/bucket:3}}>/*');
    expect(pattern.parts.at(-1)).toEqual({ kind: 'wildcard', wildcard: '*' });
    expect(isUnknown(pattern)).toBe(true);
    expect(isEffectivelyWildcard(pattern, 's3:GetObject')).toBe(false);
    const secret = evaluateArn('arn:aws:secretsmanager:us-east-1:123456789012:secret:{{resolve:secretsmanager:name:SecretString:key}}');
    expect(unknownParts(secret)).toEqual([expect.objectContaining({ label: '{{resolve:secretsmanager:name:SecretString:key}}' })]);
    expect(unknownParts(secret)[0]!.reason).toMatch(/Secrets Manager secret/);
  });

  it('a * inside the reference is part of its name, not a wildcard', () => {
    const pattern = evaluateArn('{{resolve:ssm:/odd*name}}');
    expect(pattern.parts.some((part) => part.kind === 'wildcard')).toBe(false);
  });

  it('built by Fn::Sub or Fn::Join around other values, it is still one value', () => {
    const sub = evaluateArn({ 'Fn::Sub': 'arn:aws:s3:::{{resolve:ssm:/${Stage}/bucket}}/*' });
    expect(sub.parts.map((part) => part.kind)).toEqual(['text', 'opaque', 'text', 'wildcard']);
    expect(arnPatternText(sub)).toBe('arn:aws:s3:::<{{resolve:ssm:/<Ref Stage>/bucket}}>/*');
    const join = evaluateArn({ 'Fn::Join': ['', ['arn:aws:s3:::{{resolve:ssm:/', { Ref: 'Stage' }, '/bucket}}']] });
    expect(arnPatternText(join)).toBe('arn:aws:s3:::<{{resolve:ssm:/<Ref Stage>/bucket}}>');
  });

  it('the same reference twice is the same value; different ones are not', () => {
    const a = evaluateArn('arn:aws:s3:::{{resolve:ssm:/a}}');
    expect(arnPatternCovers(a, evaluateArn('arn:aws:s3:::{{resolve:ssm:/a}}'))).toBe(true);
    expect(arnPatternCovers(a, evaluateArn('arn:aws:s3:::{{resolve:ssm:/b}}'))).toBe(false);
  });

  it('text that only looks like one stays text', () => {
    expect(literalText(evaluateArn('arn:aws:s3:::{{resolve:ssm:/never-closed'))).toBe('arn:aws:s3:::{{resolve:ssm:/never-closed');
    expect(literalText(evaluateArn('arn:aws:s3:::{{other}}'))).toBe('arn:aws:s3:::{{other}}');
  });
});
