import { describe, expect, it } from 'vitest';
import { Unknown } from '../../src/load/node.js';
import { arnProblem, evaluateArn, isMalformedArn, resourceTypesOfService } from '../../src/iam/index.js';

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
    // a star where fields are missing stands for them, when the text before it can start its field
    'arn:aws:s3:::*',
    'arn:aws:sqs:us-east-1:*',
    'arn:aws:sqs:us-*',
    'arn:aws:sqs:us-east-1:1234*',
    'arn:aws:iam::aws*',
    'arn:aws-*',
    'arn:aws:lambda:us-east-1:123456789012:function:*',
    'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/*:*',
    'arn:aws:ec2:*::image/ami-*',
    // CloudFormation dynamic references are values, not text
    'arn:aws:sqs:{{resolve:ssm:/region}}:{{resolve:ssm:/account}}:queue',
    '{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:x:SecretString:arn}}',
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
    // fewer than 6 fields and a star later: the fields before the star, and its own start, are judged
    ['arn:aws:s3::files/*', /this one has 5, and its `\*` cannot stand for the missing ones: the account field `files\/\*`/],
    ['arn:aaws:*', /`aaws` is not a partition/],
    ['arn:aws:S3:*', /service field `S3`/],
    ['arn:aws:sqs:queue*', /this one has 4.*region field `queue\*` cannot be a region/],
    ['arn:amazon*', /`amazon\*` cannot be a partition/],
    ['arn:aws:sqs:us-east-1:1234567890123*', /starts with 13 digits/],
    // six fields: a field holding a star is judged by the text it starts with
    ['arn:aws:sqs:us-east-1:queue*:q', /account field `queue\*` cannot be a 12-digit account id/],
    ['arn:aws:dynamodb:useast1*:123456789012:table/t', /region field `useast1\*` cannot be a region/],
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

  it('judges no ARN of any catalog format, written out or with wildcards, as malformed', () => {
    const samples = (format: string, fill: (name: string) => string) => format.replace(/\$\{([^}]*)\}/g, (_, name: string) => fill(name));
    const value = (name: string) =>
      name === 'Partition' ? 'aws' : name === 'Region' ? 'eu-west-1' : /Account(Id)?$/.test(name) ? '123456789012' : `my-${name.toLowerCase()}`;
    const bad: string[] = [];
    for (const service of ['s3', 'dynamodb', 'sqs', 'sns', 'lambda', 'logs', 'iam', 'kms', 'ec2', 'execute-api', 'states', 'secretsmanager', 'ssm', 'account', 'cloudfront', 'apigateway']) {
      for (const type of resourceTypesOfService(service)) {
        for (const format of type.arnFormat.split(/,\s*/)) {
          const variables = [...format.matchAll(/\$\{([^}]*)\}/g)];
          const written = [samples(format, value), samples(format, () => '*')];
          variables.forEach((v) => {
            const cut = samples(format.slice(0, v.index), value);
            written.push(`${cut}*`, `${cut}${value(v[1]!).slice(0, 2)}*`);
          });
          for (const arn of written) if (arnProblem(arn)) bad.push(`${arn}: ${arnProblem(arn)}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
