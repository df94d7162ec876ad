import { describe, expect, it } from 'vitest';
import { Unknown } from '../../src/load/node.js';
import { arnProblem, evaluateArn, isMalformedArn } from '../../src/iam/index.js';

describe('isMalformedArn', () => {
  it.each([
    'arn:aws:s3:::bucket',
    'arn:aws:s3:::bucket/key:with:colons',
    'arn:aws:sqs:us-east-1:123456789012:queue',
    'arn:aws-cn:sqs:cn-north-1:123456789012:queue',
    'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f:live',
    'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    'arn:aws:iam::123456789012:role/x',
    'arn:aws:*',
    'arn:*',
    'arn:aws:dynamodb:*:*:table/*',
    'arn:aws:sqs:us-*:*:q',
    // not ARNs at all: other rules judge names and URLs
    'my-bucket',
    'https://sqs.us-east-1.amazonaws.com/123456789012/q',
    '*',
  ])('%s is fine', (value) => {
    expect(arnProblem(value)).toBeUndefined();
    expect(isMalformedArn(value)).toBe(false);
  });

  it.each([
    ['arn:aws:s3', /6 colon-separated fields/],
    ['arn:aws:s3:bucket', /6 colon-separated fields/],
    ['arn:aaws:s3:::bucket', /`aaws` is not a partition/],
    ['arn:aws::::bucket', /service field is empty/],
    ['arn:aws:S3:::bucket', /lower-case/],
    ['arn:aws:sqs:123456789012:us-east-1:queue', /region field `123456789012`/],
    ['arn:aws:sqs:us-east-1:12345678901:queue', /11 digits/],
    ['arn:aws:sqs:us-east-1:my-account:queue', /not a 12-digit account id/],
    ['arn:aws:sqs:us-east-1:123456789012:', /resource field is empty/],
    ['ARN:aws:s3:::bucket', /lower-case `arn:`/],
    ['arn:aws:s3::: bucket', /whitespace/],
  ])('%s is malformed (%s)', (value, reason) => {
    expect(arnProblem(value)).toMatch(reason);
    expect(isMalformedArn(value)).toBe(true);
  });

  it('judges only the fields an evaluated pattern writes literally', () => {
    const sub = evaluateArn({ 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs' });
    expect(isMalformedArn(sub)).toBe(false);
    const wrongService = evaluateArn({ 'Fn::Sub': 'arn:${AWS::Partition}:SQS:${AWS::Region}:${AWS::AccountId}:jobs' });
    expect(arnProblem(wrongService)).toMatch(/lower-case/);
    const shortWithUnknown = evaluateArn(new Unknown('arn:aws:sqs:${ssm:/q}', 'ssm', ['arn:aws:sqs:', { text: '${ssm:/q}', reason: 'ssm' }]));
    expect(arnProblem(shortWithUnknown)).toMatch(/6 colon-separated fields/);
    expect(isMalformedArn(evaluateArn(new Unknown('${ssm:/arn}', 'ssm')))).toBe(false);
  });
});
