import { describe, expect, it } from 'vitest';
import { evaluateArn, arnPatternText } from '../../src/iam/index.js';
import { synth, synthYaml } from './helpers.js';

const plain = (record: Record<string, string>) => ({ ...record });

describe('ServiceModel.resourceTypes', () => {
  it('shared mode: the role, every function and its log group, the declared resources with a literal Type', () => {
    const model = synth({
      service: 'svc',
      provider: { name: 'aws', runtime: 'nodejs20.x' },
      functions: {
        api: { handler: 'h.api' },
        'quiet-one': { handler: 'h.quiet', disableLogs: true },
        custom: { handler: 'h.custom', logs: { logGroup: '/custom/group' } },
      },
      resources: {
        Resources: {
          Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
          NoType: { Properties: {} },
          OddType: { Type: { 'Fn::If': ['c', 'AWS::SQS::Queue', 'AWS::SNS::Topic'] } },
        },
      },
    });
    expect(plain(model.resourceTypes)).toEqual({
      IamRoleLambdaExecution: 'AWS::IAM::Role',
      ApiLambdaFunction: 'AWS::Lambda::Function',
      ApiLogGroup: 'AWS::Logs::LogGroup',
      QuietDashoneLambdaFunction: 'AWS::Lambda::Function',
      CustomLambdaFunction: 'AWS::Lambda::Function',
      Table: 'AWS::DynamoDB::Table',
    });
  });

  it('perFunction mode: the dedicated roles; roles declared in resources; a generated id redeclared there takes its Type', () => {
    const model = synth({
      service: 'svc',
      provider: { name: 'aws', iam: { role: { mode: 'perFunction' } } },
      functions: { a: { handler: 'h.a' }, b: { handler: 'h.b', role: 'Custom' } },
      resources: {
        Resources: {
          Custom: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
          ALogGroup: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
        },
      },
    });
    expect(plain(model.resourceTypes)).toMatchObject({
      AIamRoleLambdaExecution: 'AWS::IAM::Role',
      Custom: 'AWS::IAM::Role',
      ALambdaFunction: 'AWS::Lambda::Function',
      ALogGroup: 'AWS::Logs::LogGroup',
      BLambdaFunction: 'AWS::Lambda::Function',
    });
    for (const role of model.roles) expect(model.resourceTypes[role.logicalId]).toBe('AWS::IAM::Role');
  });

  it('Kinesis stream consumers the Framework generates', () => {
    const model = synth({
      service: 'svc',
      provider: { name: 'aws' },
      functions: {
        reader: {
          handler: 'h.reader',
          events: [
            { stream: { type: 'kinesis', arn: 'arn:aws:kinesis:us-east-1:123456789012:stream/orders', consumer: true } },
            { stream: { arn: 'arn:aws:kinesis:us-east-1:123456789012:stream/plain' } },
            { stream: { arn: 'arn:aws:kinesis:us-east-1:123456789012:stream/external', consumer: 'arn:aws:kinesis:us-east-1:123456789012:stream/external/consumer/c:1' } },
          ],
        },
      },
    });
    const consumers = Object.entries(model.resourceTypes).filter(([, type]) => type === 'AWS::Kinesis::StreamConsumer');
    expect(consumers).toEqual([['ReaderordersConsumerStreamConsumer', 'AWS::Kinesis::StreamConsumer']]);
    // The grant on the consumer names that resource.
    const subscribe = model.roles[0]!.statements.find((s) => JSON.stringify(s.document).includes('SubscribeToShard'))!;
    expect(JSON.stringify(subscribe.document.Resource)).toContain('ReaderordersConsumerStreamConsumer');
  });

  it('makes Ref / GetAtt of generated resources evaluate', () => {
    const model = synthYaml(`service: svc
provider:
  name: aws
functions:
  api:
    handler: h.api
`);
    const arn = evaluateArn({ 'Fn::GetAtt': ['ApiLogGroup', 'Arn'] }, { resourceTypes: model.resourceTypes });
    expect(arnPatternText(arn)).toMatch(/^arn:<AWS::Partition>:logs:/);
  });

  it('when the Framework refuses the service: the declared resources and the function resources', () => {
    const model = synth({
      service: 'svc',
      provider: { name: 'aws' },
      functions: { a: { handler: 'h.a', role: 'Custom', iam: { role: { statements: [] } } } },
      resources: { Resources: { Custom: { Type: 'AWS::IAM::Role' } } },
    });
    expect(model.failure).toBeDefined();
    expect(plain(model.resourceTypes)).toEqual({ ALambdaFunction: 'AWS::Lambda::Function', Custom: 'AWS::IAM::Role' });
  });

  it('ids are data: `constructor` is a resource only when declared', () => {
    const bare = synth({ service: 'svc', provider: { name: 'aws' } });
    expect(bare.resourceTypes['constructor']).toBeUndefined();
    const model = synth({ service: 'svc', provider: { name: 'aws' }, resources: { Resources: { constructor: { Type: 'AWS::SQS::Queue' } } } });
    expect(model.resourceTypes['constructor']).toBe('AWS::SQS::Queue');
  });
});
