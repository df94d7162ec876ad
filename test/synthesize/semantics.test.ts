/**
 * Edge cases of shared/spec/framework-semantics.md, at least one per numbered section.
 */
import { describe, expect, it } from 'vitest';
import { Unknown } from '../../src/load/node.js';
import { cf, statementsOf, synth } from './helpers.js';

const fn = { handler: 'h.h' };
const LOG = (g: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${g}` });
const VPC_POLICY = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']] };
const DURABLE_POLICY = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicDurableExecutionRolePolicy']] };
const XRAY = { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: ['*'] };
const SQS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];
const svc = (rest: Record<string, unknown>) => ({ service: 'svc', provider: { name: 'aws' }, ...rest });
const actions = (out: any, id: string) => statementsOf(out, id).map((s: any) => s.Action);

describe('§1 pipeline and order', () => {
  it('appends log, provider, function-compile and event grants in that order', () => {
    const out = cf(
      synth({
        service: 'svc',
        provider: { name: 'aws', iam: { role: { statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } } },
        functions: {
          a: { ...fn, onError: 'arn:aws:sns:us-east-1:1:dlq', events: [{ sqs: 'arn:aws:sqs:us-east-1:1:q' }, { schedule: { rate: 'rate(1 hour)', method: 'scheduler' } }] },
        },
      }),
    );
    expect(actions(out, 'IamRoleLambdaExecution')).toEqual([
      ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource'],
      ['logs:PutLogEvents'],
      ['s3:GetObject'],
      ['sns:Publish'],
      ['lambda:InvokeFunction'],
      SQS,
    ]);
  });

  it('a dedicated role in shared mode clones the shared role as it stands after events (trust from other functions)', () => {
    const out = cf(
      synth(
        svc({
          functions: {
            sched: { ...fn, events: [{ schedule: { rate: 'rate(1 hour)', method: 'scheduler' } }] },
            ded: { ...fn, iamRoleStatements: [] },
          },
        }),
      ),
    );
    expect(out.roles.DedIamRoleLambdaExecution.AssumeRolePolicyDocument.Statement[0].Principal.Service).toEqual([
      'lambda.amazonaws.com',
      'scheduler.amazonaws.com',
    ]);
  });
});

describe('§2 which role a function ends up with', () => {
  it('compiles every role value form', () => {
    const model = synth(
      svc({
        functions: {
          arn: { ...fn, role: 'arn:aws:iam::1:role/x' },
          pinned: { ...fn, role: 'IamRoleLambdaExecution' },
          id: { ...fn, role: 'MyRole' },
          getAtt: { ...fn, role: { 'Fn::GetAtt': ['MyRole', 'Arn'] } },
          sub: { ...fn, role: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/x' } },
          imp: { ...fn, role: { 'Fn::ImportValue': 'exported' } },
          join: { ...fn, role: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':role/x']] } },
          ref: { ...fn, role: { Ref: 'MyRole' } },
          plain: fn,
        },
        resources: { Resources: { MyRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] } } } } },
      }),
    );
    const out = cf(model);
    expect(out.functions).toEqual({
      arn: { roleLogicalId: null, role: 'arn:aws:iam::1:role/x' },
      pinned: { roleLogicalId: 'IamRoleLambdaExecution', role: { 'Fn::GetAtt': ['IamRoleLambdaExecution', 'Arn'] } },
      id: { roleLogicalId: 'MyRole', role: { 'Fn::GetAtt': ['MyRole', 'Arn'] } },
      getAtt: { roleLogicalId: 'MyRole', role: { 'Fn::GetAtt': ['MyRole', 'Arn'] } },
      sub: { roleLogicalId: null, role: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/x' } },
      imp: { roleLogicalId: null, role: { 'Fn::ImportValue': 'exported' } },
      join: { roleLogicalId: null, role: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':role/x']] } },
      ref: { roleLogicalId: 'MyRole', role: { Ref: 'MyRole' } },
      plain: { roleLogicalId: 'IamRoleLambdaExecution', role: { 'Fn::GetAtt': ['IamRoleLambdaExecution', 'Arn'] } },
    });
    const shared = model.roles.find((r) => r.logicalId === 'IamRoleLambdaExecution')!;
    expect(shared.functions).toEqual(['pinned', 'plain']);
    expect(model.roles.find((r) => r.logicalId === 'MyRole')!.functions).toEqual(['id', 'getAtt', 'ref']);
  });

  it('fn.role wins over provider.iam.role; provider.iam.role wins over provider.role', () => {
    const out = cf(
      synth({
        service: 'svc',
        provider: { name: 'aws', role: 'arn:aws:iam::1:role/legacy', iam: { role: 'arn:aws:iam::1:role/new' } },
        functions: { a: fn, b: { ...fn, role: 'arn:aws:iam::1:role/own' } },
      }),
    );
    expect(out.functions.a.role).toBe('arn:aws:iam::1:role/new');
    expect(out.functions.b.role).toBe('arn:aws:iam::1:role/own');
  });

  it('an existing provider role silently ignores function IAM settings and mode', () => {
    const model = synth({
      service: 'svc',
      provider: { name: 'aws', iam: { role: { 'Fn::GetAtt': ['R', 'Arn'] } } },
      functions: { a: { ...fn, iamRoleStatements: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } },
    });
    expect(model.failure).toBeUndefined();
    expect(model.roles).toEqual([]);
    expect(model.functions[0]!.dangling).toBe(true);
  });

  it('provider.role: ~ (null) — no shared role, a dangling reference', () => {
    const model = synth({ service: 'svc', provider: { name: 'aws', role: null }, functions: { a: fn } });
    expect(model.roles).toEqual([]);
    expect(model.functions[0]).toMatchObject({ roleLogicalId: 'IamRoleLambdaExecution', dangling: true, choice: 'provider-role' });
    expect(cf(model).functions.a.roleLogicalId).toBeNull();
  });

  it('no functions: no roles and no error, even for provider.role + perFunction', () => {
    const model = synth({ service: 'svc', provider: { name: 'aws', role: 'arn:aws:iam::1:role/x', iam: { role: { mode: 'perFunction' } } } });
    expect(model.failure).toBeUndefined();
    expect(model.roles).toEqual([]);
  });

  it('normalizes functions: null dropped, events defaulted, name <service>-<stage>-<key>', () => {
    const model = synth(svc({ functions: { a: null, b: { ...fn, events: null }, c: { ...fn, name: 'custom' } } }), { stage: 'prod' });
    expect(model.functions.map((f) => [f.key, f.name])).toEqual([
      ['b', 'svc-prod-b'],
      ['c', 'custom'],
    ]);
  });

  it('functions given as a list of maps are merged', () => {
    const model = synth(svc({ functions: [{ a: fn }, { b: { ...fn, role: 'arn:aws:iam::1:role/x' } }] }));
    expect(model.functions.map((f) => [f.key, f.path])).toEqual([
      ['a', ['functions', 0, 'a']],
      ['b', ['functions', 1, 'b']],
    ]);
    expect(cf(model).functions.b.role).toBe('arn:aws:iam::1:role/x');
  });

  it('provider.iam.role: !Ref is a configuration object: the shared role is used', () => {
    const model = synth({ service: 'svc', provider: { name: 'aws', iam: { role: { Ref: 'MyRole' } } }, functions: { a: fn } });
    expect(model.functions[0]).toMatchObject({ roleLogicalId: 'IamRoleLambdaExecution', choice: 'shared' });
  });

  it('role: IamRoleLambdaExecution on every function: no shared role, dangling', () => {
    const model = synth(svc({ functions: { a: { ...fn, role: 'IamRoleLambdaExecution' } } }));
    expect(model.roles).toEqual([]);
    expect(model.functions[0]!.dangling).toBe(true);
  });
});

describe('§3 the shared role', () => {
  it('§3.1 an unused shared role is emitted when every function is dedicated; it lists no function', () => {
    const model = synth(svc({ functions: { a: { ...fn, iamRoleStatements: [] } } }));
    const shared = model.roles.find((r) => r.logicalId === 'IamRoleLambdaExecution')!;
    expect(shared.kind).toBe('shared');
    expect(shared.functions).toEqual([]);
    expect(model.roles.find((r) => r.logicalId === 'AIamRoleLambdaExecution')!.functions).toEqual(['a']);
  });

  it('§3.2 boundary precedence: permissionsBoundary > permissionBoundary > rolePermissionsBoundary; tags in key order', () => {
    const out = (provider: Record<string, unknown>) => cf(synth({ service: 'svc', provider: { name: 'aws', ...provider }, functions: { a: fn } })).roles.IamRoleLambdaExecution;
    expect(out({ rolePermissionsBoundary: 'L', iam: { role: { permissionBoundary: 'D', permissionsBoundary: 'N' } } }).PermissionsBoundary).toBe('N');
    expect(out({ rolePermissionsBoundary: 'L', iam: { role: { permissionBoundary: 'D' } } }).PermissionsBoundary).toBe('D');
    expect(out({ rolePermissionsBoundary: 'L' }).PermissionsBoundary).toBe('L');
    const tagged = out({ tags: { stack: 'x' }, iam: { role: { tags: { b: '1', a: '2' } } } });
    expect(tagged.Tags).toEqual([
      { Key: 'b', Value: '1' },
      { Key: 'a', Value: '2' },
    ]);
    expect(out({}).Tags).toBeUndefined();
    expect(out({}).ManagedPolicyArns).toBeUndefined();
  });

  describe('§3.3 log statements', () => {
    it('custom names and logs.logGroup get their own pair; canonical functions share the wildcard', () => {
      const out = cf(
        synth(
          svc({
            functions: {
              a: fn,
              b: { ...fn, name: 'other' },
              c: { ...fn, logs: { logGroup: '/custom/group' } },
              d: { ...fn, logs: { logGroup: '/custom/group' } },
            },
          }),
        ),
      );
      const [create, put] = statementsOf(out, 'IamRoleLambdaExecution');
      expect(create.Resource).toEqual([LOG('/aws/lambda/other:*'), LOG('/custom/group:*'), LOG('/aws/lambda/svc-dev*:*')]);
      expect(put.Resource).toEqual([LOG('/aws/lambda/other:*:*'), LOG('/custom/group:*:*'), LOG('/aws/lambda/svc-dev*:*:*')]);
    });

    it('the wildcard also matches other stacks with the same prefix (no trailing dash)', () => {
      const out = cf(synth({ service: 'api', provider: { name: 'aws' }, functions: { a: fn } }));
      expect(statementsOf(out, 'IamRoleLambdaExecution')[0].Resource).toEqual([LOG('/aws/lambda/api-dev*:*')]);
    });

    it('Infrequent Access: a custom-named function logs to <name>-ia', () => {
      const out = cf(
        synth({
          service: 'svc',
          provider: { name: 'aws', logs: { lambda: { logGroupClass: 'infrequent_access' } } },
          functions: { a: { ...fn, name: 'named' }, b: { ...fn, name: 'std', logs: { logGroupClass: 'STANDARD' } } },
        }),
      );
      expect(statementsOf(out, 'IamRoleLambdaExecution')[0].Resource).toEqual([LOG('/aws/lambda/named-ia:*'), LOG('/aws/lambda/std:*')]);
    });

    it('disableLogs on a canonical function: Deny (string action); on a custom-named one: nothing', () => {
      const out = cf(svcOut({ a: fn, b: { ...fn, disableLogs: true }, c: { ...fn, name: 'x', disableLogs: true } }));
      const list = statementsOf(out, 'IamRoleLambdaExecution');
      expect(list[0].Resource).toEqual([LOG('/aws/lambda/svc-dev*:*')]);
      expect(list[2]).toEqual({ Effect: 'Deny', Action: 'logs:PutLogEvents', Resource: [LOG('/aws/lambda/svc-dev-b:*')] });
      expect(list).toHaveLength(3);
    });

    it('fallback: a skipped dedicated custom group with nothing else adds the wildcard pair (and the Deny)', () => {
      const out = cf(
        svcOut({
          ded: { ...fn, name: 'custom', iamRoleStatements: [] },
          off: { ...fn, disableLogs: true },
        }),
      );
      const list = statementsOf(out, 'IamRoleLambdaExecution');
      expect(list[0].Resource).toEqual([LOG('/aws/lambda/svc-dev*:*')]);
      expect(list[2]).toEqual({ Effect: 'Deny', Action: 'logs:PutLogEvents', Resource: [LOG('/aws/lambda/svc-dev-off:*')] });
    });

    it('known gap: all logging functions canonical and disableLogs keeps empty Resource lists', () => {
      const out = cf(svcOut({ a: { ...fn, disableLogs: true } }));
      expect(statementsOf(out, 'IamRoleLambdaExecution').map((s: any) => s.Resource)).toEqual([[], []]);
    });

    it('provider.logs.lambda.logGroup is ignored by the shared role', () => {
      const out = cf(synth({ service: 'svc', provider: { name: 'aws', logs: { lambda: { logGroup: '/p/group' } } }, functions: { a: fn } }));
      expect(statementsOf(out, 'IamRoleLambdaExecution')[0].Resource).toEqual([LOG('/aws/lambda/svc-dev*:*')]);
    });
  });

  describe('§3.4 provider statements, managed policies, VPC', () => {
    it('an empty provider.iam.role.statements wins over legacy iamRoleStatements', () => {
      const out = cf(
        synth({
          service: 'svc',
          provider: { name: 'aws', iam: { role: { statements: [] } }, iamRoleStatements: [{ Effect: 'Allow', Action: 'x:Y', Resource: '*' }] },
          functions: { a: fn },
        }),
      );
      expect(statementsOf(out, 'IamRoleLambdaExecution')).toHaveLength(2);
    });

    it('legacy fields apply when provider.iam.role has none', () => {
      const out = cf(
        synth({
          service: 'svc',
          provider: {
            name: 'aws',
            iamRoleStatements: [{ Sid: 'keep', Effect: 'Allow', NotAction: 'iam:*', NotResource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }],
            iamManagedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
          },
          functions: { a: fn },
        }),
      );
      expect(statementsOf(out, 'IamRoleLambdaExecution')[2]).toEqual({
        Sid: 'keep',
        Effect: 'Allow',
        NotAction: ['iam:*'],
        NotResource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      });
      expect(out.roles.IamRoleLambdaExecution.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    });

    it('the key vpc on any function (even null/false) attaches the VPC policy, without de-duplication', () => {
      for (const vpc of [null, false, {}]) {
        const out = cf(synth(svc({ functions: { a: { ...fn, vpc }, b: fn } })));
        expect(out.roles.IamRoleLambdaExecution.ManagedPolicyArns).toEqual([VPC_POLICY]);
      }
      const twice = cf(
        synth({ service: 'svc', provider: { name: 'aws', vpc: { securityGroupIds: ['sg'], subnetIds: ['s'] }, iam: { role: { managedPolicies: [VPC_POLICY] } } }, functions: { a: fn } }),
      );
      expect(twice.roles.IamRoleLambdaExecution.ManagedPolicyArns).toEqual([VPC_POLICY, VPC_POLICY]);
      expect(cf(synth(svc({ functions: { a: fn } }))).roles.IamRoleLambdaExecution.ManagedPolicyArns).toBeUndefined();
    });
  });

  describe('§3.5 compile-time grants', () => {
    it('onError (string only), KMS (function overrides provider), X-Ray, file system', () => {
      const out = cf(
        synth({
          service: 'svc',
          provider: { name: 'aws', kmsKeyArn: 'arn:aws:kms:us-east-1:1:key/prov', vpc: { securityGroupIds: ['sg'], subnetIds: ['sn'] } },
          functions: {
            a: { ...fn, onError: 'arn:aws:sns:us-east-1:1:t', tracing: 'PassThrough' },
            b: { ...fn, onError: { Ref: 'Topic' }, kmsKeyArn: 'arn:aws:kms:us-east-1:1:key/fn' },
            c: { ...fn, fileSystemConfig: { arn: 'arn:aws:s3files:us-east-1:1:access-point/x', localMountPath: '/mnt' } },
            d: { ...fn, fileSystemConfig: { arn: { 'Fn::GetAtt': ['AP', 'Arn'] }, type: 's3files', localMountPath: '/mnt' } },
          },
        }),
      );
      expect(statementsOf(out, 'IamRoleLambdaExecution').slice(2)).toEqual([
        { Effect: 'Allow', Action: ['sns:Publish'], Resource: ['arn:aws:sns:us-east-1:1:t'] },
        { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['arn:aws:kms:us-east-1:1:key/prov'] },
        XRAY,
        { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['arn:aws:kms:us-east-1:1:key/fn'] },
        { Effect: 'Allow', Action: ['s3files:ClientMount', 's3files:ClientWrite'], Resource: ['arn:aws:s3files:us-east-1:1:access-point/x'] },
        { Effect: 'Allow', Action: ['s3files:ClientMount', 's3files:ClientWrite'], Resource: [{ 'Fn::GetAtt': ['AP', 'Arn'] }] },
      ]);
    });

    it('fn.tracing: false does not opt out of provider tracing; X-Ray is not guarded', () => {
      const out = cf(
        synth({
          service: 'svc',
          provider: { name: 'aws', tracing: { lambda: true } },
          functions: { ded: { ...fn, tracing: false, iamRoleStatements: [] } },
        }),
      );
      expect(statementsOf(out, 'IamRoleLambdaExecution')).toContainEqual(XRAY);
      expect(statementsOf(out, 'DedIamRoleLambdaExecution')).toContainEqual(XRAY);
    });

    it('durable: the managed policy once, not guarded, not with a custom role', () => {
      const out = cf(
        synth({
          service: 'svc',
          provider: { name: 'aws', runtime: 'nodejs22.x' },
          functions: {
            a: { ...fn, durableConfig: { executionTimeout: 60 } },
            b: { ...fn, durableConfig: { executionTimeout: 60 }, iamRoleStatements: [] },
          },
        }),
      );
      expect(out.roles.IamRoleLambdaExecution.ManagedPolicyArns).toEqual([DURABLE_POLICY]);
      expect(out.roles.BIamRoleLambdaExecution.ManagedPolicyArns).toEqual([DURABLE_POLICY]);
      const custom = cf(synth({ service: 'svc', provider: { name: 'aws', runtime: 'python3.13' }, functions: { a: fn, b: { ...fn, role: 'arn:aws:iam::1:role/r', durableConfig: {} } } }));
      expect(custom.roles.IamRoleLambdaExecution.ManagedPolicyArns).toBeUndefined();
    });

    it('destinations: memoized per value; skipped for custom-role, dedicated and perFunction functions; function targets by name', () => {
      const out = cf(
        synth(
          svc({
            functions: {
              a: { ...fn, destinations: { onSuccess: 'b', onFailure: 'arn:aws:sqs:us-east-1:1:q' } },
              b: { ...fn, name: 'bee', destinations: { onFailure: 'arn:aws:sqs:us-east-1:1:q' } },
              c: { ...fn, role: 'arn:aws:iam::1:role/r', destinations: { onFailure: 'arn:aws:sns:us-east-1:1:t' } },
              d: { ...fn, destinations: { onFailure: { type: 'eventBus', arn: { 'Fn::GetAtt': ['Bus', 'Arn'] } } } },
            },
          }),
        ),
      );
      expect(statementsOf(out, 'IamRoleLambdaExecution').slice(2)).toEqual([
        {
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:bee' },
        },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:1:q' },
        { Effect: 'Allow', Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': ['Bus', 'Arn'] } },
      ]);
    });

    it('a function with its own role still feeds the shared role used by others', () => {
      const out = cf(
        synth(svc({ functions: { a: fn, own: { ...fn, role: 'arn:aws:iam::1:role/r', onError: 'arn:aws:sns:us-east-1:1:t', events: [{ sqs: 'arn:aws:sqs:us-east-1:1:q' }] } } })),
      );
      expect(actions(out, 'IamRoleLambdaExecution')).toContainEqual(['sns:Publish']);
      expect(actions(out, 'IamRoleLambdaExecution')).toContainEqual(SQS);
    });
  });

  describe('§3.6 event grants', () => {
    it('SQS: one statement for the service; streams per function; 4.40 guards skip dedicated functions', () => {
      const out = cf(
        synth(
          svc({
            functions: {
              a: { ...fn, events: [{ sqs: 'arn:aws:sqs:us-east-1:1:q1' }, { stream: 'arn:aws:dynamodb:us-east-1:1:table/T/stream/1' }] },
              b: { ...fn, events: [{ sqs: { arn: 'arn:aws:sqs:us-east-1:1:q2' } }, { stream: { arn: 'arn:aws:kinesis:us-east-1:1:stream/k', destinations: { onFailure: 'arn:aws:sns:us-east-1:1:f' } } }] },
              ded: { ...fn, iamRoleStatements: [], events: [{ sqs: 'arn:aws:sqs:us-east-1:1:q3' }, { stream: 'arn:aws:dynamodb:us-east-1:1:table/D/stream/1' }] },
            },
          }),
        ),
      );
      const list = statementsOf(out, 'IamRoleLambdaExecution').slice(2);
      expect(list.map((s: any) => s.Resource)).toEqual([
        ['arn:aws:dynamodb:us-east-1:1:table/T/stream/1'],
        ['arn:aws:kinesis:us-east-1:1:stream/k'],
        ['arn:aws:sns:us-east-1:1:f'],
        ['arn:aws:sqs:us-east-1:1:q1', 'arn:aws:sqs:us-east-1:1:q2'],
      ]);
      expect(list[2].Action).toEqual(['sns:Publish']);
    });

    it('kinesis consumers: the consumer variant plus SubscribeToShard on the consumer (Ref or ARN)', () => {
      const out = cf(
        synth(
          svc({
            functions: {
              my_fn: {
                ...fn,
                events: [
                  { stream: { type: 'kinesis', arn: { 'Fn::GetAtt': ['MyStream', 'Arn'] }, consumer: true } },
                  { stream: { arn: 'arn:aws:kinesis:us-east-1:1:stream/s2', consumer: 'arn:aws:kinesis:us-east-1:1:stream/s2/consumer/c:1' } },
                ],
              },
            },
          }),
        ),
      );
      const list = statementsOf(out, 'IamRoleLambdaExecution').slice(2);
      expect(list).toEqual([
        {
          Effect: 'Allow',
          Action: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStreamSummary', 'kinesis:ListShards'],
          Resource: [{ 'Fn::GetAtt': ['MyStream', 'Arn'] }, 'arn:aws:kinesis:us-east-1:1:stream/s2'],
        },
        {
          Effect: 'Allow',
          Action: ['kinesis:SubscribeToShard'],
          Resource: [{ Ref: 'MyUnderscorefnMyStreamConsumerStreamConsumer' }, 'arn:aws:kinesis:us-east-1:1:stream/s2/consumer/c:1'],
        },
      ]);
    });

    it('Kafka (last event first), MQ, MSK per function; websockets and CloudFront once; scheduler pairs per function', () => {
      const out = cf(
        synth(
          svc({
            functions: {
              k: {
                ...fn,
                events: [
                  { kafka: { topic: 't', bootstrapServers: ['b'], accessConfigurations: { saslPlainAuth: 'arn:s1' } } },
                  { kafka: { topic: 't2', bootstrapServers: ['b'], accessConfigurations: { saslScram256Auth: ['arn:s2'], vpcSubnet: ['subnet-1'], vpcSecurityGroup: 'sg-1' } } },
                ],
              },
              mq: { ...fn, events: [{ rabbitmq: { arn: 'arn:b1', basicAuthArn: 'arn:s3', queue: 'q' } }, { websocket: '$connect' }] },
              ws: { ...fn, events: [{ websocket: { route: '$default' } }, { cloudFront: { eventType: 'viewer-request', origin: 's3://b.s3.amazonaws.com/' } }] },
              s1: { ...fn, events: [{ schedule: { rate: 'rate(1 hour)', method: 'scheduler' } }, { schedule: { rate: 'rate(2 hours)', method: 'scheduler' } }] },
              s2: { ...fn, events: [{ schedule: 'rate(1 hour)' }] },
            },
          }),
        ),
      );
      const list = statementsOf(out, 'IamRoleLambdaExecution').slice(2);
      expect(list.map((s: any) => [s.Action[0], s.Resource])).toEqual([
        [
          'lambda:InvokeFunction',
          [
            { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:svc-dev-s1' },
            { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:svc-dev-s1:*' },
          ],
        ],
        ['execute-api:ManageConnections', [{ 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:*:*:*/@connections/*' }]],
        ['secretsmanager:GetSecretValue', ['arn:s2', 'arn:s1']],
        ['ec2:CreateNetworkInterface', '*'],
        ['secretsmanager:GetSecretValue', ['arn:s3']],
        ['mq:DescribeBroker', ['arn:b1']],
        ['ec2:CreateNetworkInterface', '*'],
        ['logs:CreateLogGroup', [{ 'Fn::Sub': 'arn:${AWS::Partition}:logs:*:*:*' }]],
      ]);
      expect(out.roles.IamRoleLambdaExecution.AssumeRolePolicyDocument.Statement[0].Principal.Service).toEqual([
        'lambda.amazonaws.com',
        'scheduler.amazonaws.com',
        'edgelambda.amazonaws.com',
      ]);
    });

    it('websockets with provider.apiGateway.websocketApiId add nothing to the shared role', () => {
      const out = cf(synth({ service: 'svc', provider: { name: 'aws', apiGateway: { websocketApiId: 'abc' } }, functions: { a: { ...fn, events: [{ websocket: '$connect' }] } } }));
      expect(statementsOf(out, 'IamRoleLambdaExecution')).toHaveLength(2);
    });
  });
});

function svcOut(functions: Record<string, unknown>) {
  return synth(svc({ functions }));
}

describe('§4 dedicated roles in shared mode', () => {
  it('§4.1 opt-in: iamRoleStatements/iam.role.statements present (even [] or null), non-empty managedPolicies', () => {
    const model = synth(
      svc({
        functions: {
          a: { ...fn, iamRoleStatements: null },
          b: { ...fn, iam: { role: { statements: [] } } },
          c: { ...fn, iam: { role: { managedPolicies: [] } } },
          d: { ...fn, iam: { role: { managedPolicies: ['arn:aws:iam::aws:policy/X'] } } },
          e: { ...fn, iam: { role: { name: 'n', path: '/p/', tags: { a: 'b' } }, inheritStatements: true }, iamRoleStatementsName: 'x' },
        },
      }),
    );
    expect(model.functions.map((f) => [f.key, f.choice])).toEqual([
      ['a', 'dedicated-opt-in'],
      ['b', 'dedicated-opt-in'],
      ['c', 'shared'],
      ['d', 'dedicated-opt-in'],
      ['e', 'shared'],
    ]);
  });

  it('§4.2 validation error text', () => {
    const model = synth(svc({ functions: { a: { ...fn, iam: { role: { statements: [{ Effect: 'Allow', Action: 'x:Y', Resource: '*' }, { NotAction: 'a:b' }] } } } } }));
    expect(model.failure).toMatchObject({
      message:
        'ERROR: iamRoleStatements should be an array of objects, where each object has Effect, Action / NotAction, Resource / NotResource fields. Specifically, statement 1 is missing the following properties: Effect, Resource / NotResource',
      function: 'a',
      at: ['functions', 'a', 'iam', 'role', 'statements'],
    });
    expect(synth(svc({ functions: { a: { ...fn, iamRoleStatements: { Effect: 'Allow' } } } })).failure?.message).toMatch(/Specifically, it is not an array$/);
  });

  it('§4.3 clone: trust/path/tags/boundary kept, statements and managed policies reset, tags merged (inherited keys first)', () => {
    const out = cf(
      synth({
        service: 'svc',
        provider: {
          name: 'aws',
          iam: { role: { path: '/p/', permissionsBoundary: 'PB', tags: { A: '1', B: '2' }, managedPolicies: ['MP'], statements: [{ Effect: 'Allow', Action: 'x:Y', Resource: '*' }] } },
        },
        functions: { a: { ...fn, iam: { role: { statements: [], tags: { C: '3', A: 'one' }, path: '/own/' } } } },
      }),
    );
    const role = out.roles.AIamRoleLambdaExecution;
    expect(role.Path).toBe('/own/');
    expect(role.PermissionsBoundary).toBe('PB');
    expect(role.ManagedPolicyArns).toEqual([]);
    expect(role.Tags).toEqual([
      { Key: 'A', Value: 'one' },
      { Key: 'B', Value: '2' },
      { Key: 'C', Value: '3' },
    ]);
    expect(statementsOf(out, 'AIamRoleLambdaExecution')).toHaveLength(1);
    expect(role.Policies[0].PolicyName).toEqual({ 'Fn::Join': ['-', ['svc', 'dev', 'lambda']] });
  });

  it('§4.3 names: iam.role.name > iamRoleStatementsName > generated; boundary: iam.role > iamPermissionsBoundary > global', () => {
    const out = cf(
      synth({
        service: 'svc',
        provider: { name: 'aws', iam: { role: { permissionsBoundary: 'PROV' } } },
        custom: { 'serverless-iam-roles-per-function': { iamGlobalPermissionsBoundary: 'GLOBAL' } },
        functions: {
          a: { ...fn, iamRoleStatements: [], iamRoleStatementsName: 'legacy', iam: { role: { name: 'new', permissionsBoundary: 'FN' } }, iamPermissionsBoundary: 'LEG' },
          b: { ...fn, iamRoleStatements: [], iamRoleStatementsName: 'legacy', iamPermissionsBoundary: 'LEG' },
          c: { ...fn, iamRoleStatements: [] },
          d: fn,
        },
      }),
    );
    expect([out.roles.AIamRoleLambdaExecution.RoleName, out.roles.AIamRoleLambdaExecution.PermissionsBoundary]).toEqual(['new', 'FN']);
    expect([out.roles.BIamRoleLambdaExecution.RoleName, out.roles.BIamRoleLambdaExecution.PermissionsBoundary]).toEqual(['legacy', 'LEG']);
    expect(out.roles.CIamRoleLambdaExecution.PermissionsBoundary).toBe('GLOBAL');
    // Side effect (§4.4): the shared role's boundary is replaced by the global one.
    expect(out.roles.IamRoleLambdaExecution.PermissionsBoundary).toBe('GLOBAL');
  });

  it('§4.4 inheritance: default false, defaultInherit, inheritStatements > iamRoleStatementsInherit; legacy statements not inherited next to provider.iam', () => {
    const st = { Effect: 'Allow', Action: 'x:Y', Resource: '*' };
    const run = (provider: Record<string, unknown>, custom: Record<string, unknown> | undefined, f: Record<string, unknown>) =>
      statementsOf(cf(synth({ service: 'svc', provider: { name: 'aws', ...provider }, custom, functions: { a: { ...fn, iamRoleStatements: [], ...f } } })), 'AIamRoleLambdaExecution').length;
    expect(run({ iam: { role: { statements: [st] } } }, undefined, {})).toBe(1);
    expect(run({ iam: { role: { statements: [st] } } }, { 'serverless-iam-roles-per-function': { defaultInherit: true } }, {})).toBe(2);
    expect(run({ iam: { role: { statements: [st] } } }, undefined, { iamRoleStatementsInherit: true })).toBe(2);
    expect(run({ iam: { role: { statements: [st] } } }, undefined, { iamRoleStatementsInherit: true, iam: { inheritStatements: false } })).toBe(1);
    expect(run({ iamRoleStatements: [st] }, undefined, { iamRoleStatementsInherit: true })).toBe(2);
    expect(run({ iamRoleStatements: [st], iam: { deploymentRole: 'arn:aws:iam::1:role/d' } }, undefined, { iamRoleStatementsInherit: true })).toBe(1);
  });

  it('§4.5 logical ids normalize - and _; the function is rewired', () => {
    const model = synth(svc({ functions: { 'my-fn_x': { ...fn, iamRoleStatements: [] } } }));
    expect(model.functions[0]).toMatchObject({
      roleLogicalId: 'MyDashfnUnderscorexIamRoleLambdaExecution',
      lambdaLogicalId: 'MyDashfnUnderscorexLambdaFunction',
      role: { 'Fn::GetAtt': ['MyDashfnUnderscorexIamRoleLambdaExecution', 'Arn'] },
    });
  });
});

describe('§5 mode: perFunction', () => {
  const provider = {
    name: 'aws',
    iamManagedPolicies: ['LEGACY'],
    iamRoleStatements: [{ Effect: 'Allow', Action: 'legacy:X', Resource: '*' }],
    iam: { role: { mode: 'perFunction', managedPolicies: ['MP'], statements: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] } },
  };

  it('every function without role gets a role (even without events); legacy managed policies ignored; inherit by default', () => {
    const model = synth({ service: 'svc', provider, functions: { a: fn, b: { ...fn, iam: { inheritStatements: false } }, c: { ...fn, role: 'arn:aws:iam::1:role/r' } } });
    const out = cf(model);
    expect(Object.keys(out.roles).sort()).toEqual(['AIamRoleLambdaExecution', 'BIamRoleLambdaExecution']);
    expect(out.roles.AIamRoleLambdaExecution.ManagedPolicyArns).toEqual(['MP']);
    expect(actions(out, 'AIamRoleLambdaExecution')).toEqual([['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:PutLogEvents'], ['s3:ListBucket']]);
    expect(actions(out, 'BIamRoleLambdaExecution')).toHaveLength(1);
    expect(out.functions.c.role).toBe('arn:aws:iam::1:role/r');
    expect(model.functions.map((f) => f.choice)).toEqual(['dedicated-per-function', 'dedicated-per-function', 'function-role']);
    // Trust additions do not leak between functions.
    const withEdge = cf(synth({ service: 'svc', provider, functions: { a: { ...fn, events: [{ cloudFront: { eventType: 'viewer-request', origin: 's3://b.s3.amazonaws.com/' } }] }, b: fn } }));
    expect(withEdge.roles.BIamRoleLambdaExecution.AssumeRolePolicyDocument.Statement[0].Principal.Service).toEqual(['lambda.amazonaws.com']);
  });

  it('provider.role + perFunction, role + statements are errors', () => {
    expect(synth({ service: 'svc', provider: { ...provider, role: 'arn:aws:iam::1:role/r' }, functions: { a: fn } }).failure).toEqual({
      message: "Explicit service-wide IAM role (provider.role) cannot be combined with per-function IAM mode (provider.iam.role.mode: 'perFunction')",
      code: 'INVALID_CONFIG',
      at: ['provider', 'role'],
    });
    expect(synth({ service: 'svc', provider, functions: { a: { ...fn, role: 'R', iam: { role: { managedPolicies: ['X'] } } } } }).failure?.message).toBe(
      "ERROR: Defining function 'role' cannot be combined with per-function IAM settings ('iamRoleStatements', 'iam.role.statements', or 'iam.role.managedPolicies'). Function name: a",
    );
  });

  it('a string provider.iam.role disables perFunction (and the compile-time grants need a shared role)', () => {
    const out = cf(synth({ service: 'svc', provider: { name: 'aws', iam: { role: 'arn:aws:iam::1:role/r' } }, functions: { a: { ...fn, events: [{ sqs: 'arn:q' }] } } }));
    expect(out.roles).toEqual({});
  });
});

describe('§6 dedicated auto-grants', () => {
  it('logs on the resolved log group; disableLogs keeps the Allow and adds a Deny; provider log group honoured', () => {
    const out = cf(
      synth({
        service: 'svc',
        provider: { name: 'aws', logs: { lambda: { logGroup: '/prov/group' } } },
        functions: { a: { ...fn, disableLogs: true, iamRoleStatements: [] }, b: { ...fn, logs: { logGroup: '/fn/group' }, iamRoleStatements: [] } },
      }),
    );
    expect(statementsOf(out, 'AIamRoleLambdaExecution')).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:PutLogEvents'], Resource: [LOG('/prov/group:*:*')] },
      { Effect: 'Deny', Action: ['logs:PutLogEvents'], Resource: [LOG('/prov/group:*:*')] },
    ]);
    expect(statementsOf(out, 'BIamRoleLambdaExecution')[0].Resource).toEqual([LOG('/fn/group:*:*')]);
  });

  it('VPC: function vpc: false does not stop the provider VPC; provider KMS on every dedicated role; onError raw', () => {
    const out = cf(
      synth({
        service: 'svc',
        provider: { name: 'aws', kmsKeyArn: 'K', vpc: { securityGroupIds: ['sg'], subnetIds: ['sn'] } },
        functions: { a: { ...fn, vpc: false, onError: { Ref: 'Topic' }, iamRoleStatements: [] } },
      }),
    );
    expect(out.roles.AIamRoleLambdaExecution.ManagedPolicyArns).toEqual([VPC_POLICY]);
    expect(statementsOf(out, 'AIamRoleLambdaExecution').slice(1)).toEqual([
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: { Ref: 'Topic' } },
      { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['K'] },
    ]);
  });

  it('scheduler: one ARN pair per scheduler event; destinations onSuccess then onFailure', () => {
    const out = cf(
      synth(
        svc({
          functions: {
            a: {
              ...fn,
              iamRoleStatements: [],
              events: [{ schedule: { rate: 'rate(1 hour)', method: 'scheduler' } }, { schedule: { rate: 'rate(2 hours)', method: 'scheduler' } }],
              destinations: { onFailure: 'arn:aws:sns:us-east-1:1:t', onSuccess: { type: 'function', arn: 'arn:aws:lambda:us-east-1:1:function:x' } },
            },
          },
        }),
      ),
    );
    const list = statementsOf(out, 'AIamRoleLambdaExecution');
    expect(list[1].Resource).toHaveLength(4);
    expect(list.slice(2)).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:us-east-1:1:function:x' },
      { Effect: 'Allow', Action: 'sns:Publish', Resource: 'arn:aws:sns:us-east-1:1:t' },
    ]);
  });

  it('unknown stream type and unsupported destination target are errors (text up to the inspected function)', () => {
    const stream = synth(svc({ functions: { a: { ...fn, iamRoleStatements: [], events: [{ stream: { arn: 'arn:aws:sqs:us-east-1:1:x' } }] } } }));
    expect(stream.failure?.message.startsWith('ERROR: Unsupported stream type: sqs for function:  [')).toBe(true);
    const dest = synth(svc({ functions: { a: { ...fn, iamRoleStatements: [], destinations: { onSuccess: 'arn:aws:s3:::bucket' } } } }));
    expect(dest.failure?.message.startsWith('ERROR: Unsupported destination target "arn:aws:s3:::bucket" for function:  [')).toBe(true);
  });
});

describe('§7 names and the 64-character rule', () => {
  it('drops lambdaRole when the name would exceed 64 characters (region counted resolved)', () => {
    const key = 'f'.repeat(30);
    // svc(3) + dev(3) + key(30) + region + lambdaRole(10) + 4 dashes: us-east-1 → 59, ap-southeast-2 → 64 (kept), eu-central-1 → 62.
    const name = (region: string, k = key) =>
      cf(synth(svc({ functions: { [k]: { ...fn, iamRoleStatements: [] } } }), { region })).roles[`F${k.slice(1)}IamRoleLambdaExecution`]?.RoleName;
    expect(name('us-east-1')).toEqual({ 'Fn::Join': ['-', ['svc', 'dev', key, { Ref: 'AWS::Region' }, 'lambdaRole']] });
    expect(name('ap-southeast-2')).toEqual({ 'Fn::Join': ['-', ['svc', 'dev', key, { Ref: 'AWS::Region' }, 'lambdaRole']] });
    const longer = 'f'.repeat(31);
    expect(name('ap-southeast-2', longer)).toEqual({ 'Fn::Join': ['-', ['svc', 'dev', longer, { Ref: 'AWS::Region' }]] });
    expect(name('us-east-1', longer)).toEqual({ 'Fn::Join': ['-', ['svc', 'dev', longer, { Ref: 'AWS::Region' }, 'lambdaRole']] });
  });

  it('fails when still too long; explicit names are never checked', () => {
    const key = 'g'.repeat(60);
    const model = synth(svc({ functions: { [key]: { ...fn, iamRoleStatements: [] } } }));
    expect(model.failure).toMatchObject({
      message: `ERROR: auto generated role name for function: ${key} is too long (over 64 chars).\n        Try setting a custom role name using the property: iam.role.name`,
      function: key,
    });
    const named = synth(svc({ functions: { [key]: { ...fn, iamRoleStatements: [], iam: { role: { name: 'x'.repeat(100) } } } } }));
    expect(named.failure).toBeUndefined();
  });

  it('a custom provider.iam.role.name makes generated names fail', () => {
    const model = synth({ service: 'svc', provider: { name: 'aws', iam: { role: { name: 'custom' } } }, functions: { a: { ...fn, iamRoleStatements: [] } } });
    expect(model.failure?.message).toBe('ERROR: Global Role Name is not in expected format. Got name: "custom"');
  });
});

describe('§8 schema coercion that changes the output', () => {
  it('scalars become lists (managedPolicies, Action), strings become booleans, tag values strings', () => {
    const out = cf(
      synth({
        service: 'svc',
        provider: { name: 'aws', iam: { role: { managedPolicies: 'arn:mp', tags: { n: 5, b: true }, statements: [{ Effect: ['Allow'], Action: 'x:Y', Resource: '*' }] } } },
        functions: { a: { ...fn, iam: { inheritStatements: 'false', role: { statements: [] } } } },
        custom: { 'serverless-iam-roles-per-function': { defaultInherit: 'true' } },
      }),
    );
    expect(out.roles.IamRoleLambdaExecution.ManagedPolicyArns).toEqual(['arn:mp']);
    expect(out.roles.IamRoleLambdaExecution.Tags).toEqual([
      { Key: 'n', Value: '5' },
      { Key: 'b', Value: 'true' },
    ]);
    // Effect is an enum with no type, so AJV leaves `[Allow]` as written (checked with the Framework).
    expect(statementsOf(out, 'IamRoleLambdaExecution')[2]).toEqual({ Effect: ['Allow'], Action: ['x:Y'], Resource: '*' });
    // inheritStatements 'false' is false although defaultInherit 'true' is true.
    expect(statementsOf(out, 'AIamRoleLambdaExecution')).toHaveLength(1);
  });

  describe('Resource/NotResource: AJV walks awsIamPolicyResource (const *, ARN, intrinsic, logical id, list)', () => {
    // Each value below was checked against the real Framework (packaging) and ajv 8 on the schema.
    const st = (resource: Record<string, unknown>, action: Record<string, unknown> = { Action: 's3:GetObject' }) => ({ Effect: 'Allow', ...action, ...resource });
    const CASES: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
      ['an ARN list is unwrapped', st({ Resource: ['arn:aws:s3:::bucket/*'] }), { Resource: 'arn:aws:s3:::bucket/*' }],
      ['a logical-id-like string is unwrapped', st({ Resource: ['not-an-arn'] }), { Resource: 'not-an-arn' }],
      ["['*'] stays a list (const does not coerce; the list branch wraps it again)", st({ Resource: ['*'] }), { Resource: ['*'] }],
      [
        'NotResource too',
        st({ NotResource: ['arn:aws:iam::123456789012:role/x'] }, { NotAction: ['iam:*'] }),
        { NotAction: ['iam:*'], NotResource: 'arn:aws:iam::123456789012:role/x' },
      ],
      ['a number becomes its text', st({ Resource: [123] }), { Resource: '123' }],
      ['Fn::GetAtt stays a list', st({ Resource: [{ 'Fn::GetAtt': ['B', 'Arn'] }] }), { Resource: [{ 'Fn::GetAtt': ['B', 'Arn'] }] }],
      ['Ref stays a list', st({ Resource: [{ Ref: 'B' }] }), { Resource: [{ Ref: 'B' }] }],
      ['two or more stay a list', st({ Resource: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] }), { Resource: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] }],
      ['list items are coerced to strings', st({ Resource: [1, 'arn:aws:s3:::b'] }), { Resource: ['1', 'arn:aws:s3:::b'] }],
      ['a string no branch accepts stays a list', st({ Resource: ['queue:with:colons'] }), { Resource: ['queue:with:colons'] }],
      ['a scalar no string branch accepts becomes a list', st({ Resource: 'queue:with:colons' }), { Resource: ['queue:with:colons'] }],
      ['a scalar * or ARN stays a string', st({ Resource: 'arn:aws:s3:::b' }), { Resource: 'arn:aws:s3:::b' }],
    ];

    it.each(CASES)('provider.iam.role.statements: %s', (_name, written, expected) => {
      const model = synth(svc({ provider: { name: 'aws', iam: { role: { statements: [written] } } }, functions: { a: fn } }));
      const stmt = model.roles[0]!.statements[2]!;
      expect(stmt.document).toEqual({ Effect: 'Allow', ...('NotAction' in expected ? {} : { Action: ['s3:GetObject'] }), ...expected });
      // Provenance is the statement as written: paths do not change with the coercion.
      expect(stmt.provenance).toEqual({ kind: 'provider', path: ['provider', 'iam', 'role', 'statements', 0] });
    });

    it('legacy provider.iamRoleStatements and function iam.role.statements behave the same', () => {
      const model = synth(
        svc({
          provider: { name: 'aws', iamRoleStatements: [st({ Resource: ['arn:aws:s3:::x'] }), st({ Resource: ['*'] })] },
          functions: { a: { ...fn, iam: { role: { statements: [st({ Resource: ['arn:aws:s3:::y'] }), st({ Resource: [{ Ref: 'B' }] })] } } } },
        }),
      );
      const out = cf(model);
      expect(statementsOf(out, 'IamRoleLambdaExecution').slice(2).map((s: any) => s.Resource)).toEqual(['arn:aws:s3:::x', ['*']]);
      expect(statementsOf(out, 'AIamRoleLambdaExecution').slice(1).map((s: any) => s.Resource)).toEqual(['arn:aws:s3:::y', [{ Ref: 'B' }]]);
    });

    it('the external plugin: function iamRoleStatements too', () => {
      const out = cf(
        synth(
          svc({
            plugins: ['serverless-iam-roles-per-function'],
            functions: {
              a: {
                ...fn,
                iamRoleStatements: [
                  { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: ['queue:with:colons'] },
                  { Effect: 'Allow', Action: 'sns:Publish', Resource: [123] },
                  { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*'] },
                ],
              },
            },
          }),
        ),
      );
      const resources = statementsOf(out, 'AIamRoleLambdaExecution').map((s: any) => s.Resource);
      expect(resources.slice(-3)).toEqual([['queue:with:colons'], '123', 'arn:aws:s3:::b/*']);
    });

    it('Unknown values stay as they are unless their known start decides (a string starting with arn:)', () => {
      const whole = new Unknown('${ssm:/res}', 'ssm');
      const arnPart = new Unknown('arn:aws:s3:::${ssm:/bucket}/*', 'ssm', ['arn:aws:s3:::', { text: '${ssm:/bucket}', reason: 'ssm' }, '/*']);
      const model = synth(
        svc({
          provider: {
            name: 'aws',
            iam: {
              role: {
                statements: [st({ Resource: [whole] }), st({ Resource: whole }), st({ Resource: [arnPart] }), st({ Resource: [whole, 7] })],
              },
            },
          },
          functions: { a: fn },
        }),
      );
      const docs = model.roles[0]!.statements.slice(2).map((x) => x.document.Resource);
      // (The simulation works on a copy: equal Unknowns, not the same instances.)
      expect(docs[0]).toEqual([whole]);
      expect(docs[1]).toBeInstanceOf(Unknown);
      expect(docs[1]).toEqual(whole);
      expect(docs[2]).toBeInstanceOf(Unknown);
      expect(docs[2]).toEqual(arnPart);
      // In a longer list each item is judged alone: the Unknown stays, the number becomes text.
      expect(docs[3]).toEqual([whole, '7']);
    });
  });

  it('an object where a list is expected is not coerced: spreading it crashes the Framework', () => {
    const model = synth({
      service: 'svc',
      provider: { name: 'aws', iam: { role: { statements: { Effect: 'Allow', Action: 'x:Y', Resource: '*' } } } },
      functions: { a: fn },
    });
    expect(model.failure).toMatchObject({
      message: 'Spread syntax requires ...iterable[Symbol.iterator] to be a function',
      at: ['provider', 'iam', 'role', 'statements'],
    });
  });
});

describe('§9 errors', () => {
  it('function role + statements in shared mode', () => {
    expect(synth(svc({ functions: { a: { ...fn, role: 'R', iamRoleStatements: [] } } })).failure?.message).toBe(
      "ERROR: Defining function 'role' cannot be combined with per-function IAM settings ('iamRoleStatements', 'iam.role.statements', or 'iam.role.managedPolicies'). Function name: a",
    );
  });

  it('shared destinations: unsupported target and unknown function address', () => {
    expect(synth(svc({ functions: { a: { ...fn, destinations: { onSuccess: 'arn:aws:s3:::b' } } } })).failure).toMatchObject({
      message: 'Unsupported destination target arn:aws:s3:::b',
      code: 'UNSUPPORTED_DESTINATION_TARGET',
    });
    expect(synth(svc({ functions: { a: { ...fn, destinations: { onSuccess: 'nope' } } } })).failure).toMatchObject({
      message: 'Unrecognized function address nope',
      code: 'UNRECOGNIZED_FUNCTION_ADDRESS',
      at: ['functions', 'a', 'destinations', 'onSuccess'],
    });
  });

  it('fileSystemConfig without VPC or with a capacity provider; logGroupClass with a custom log group; durable runtime', () => {
    expect(synth(svc({ functions: { a: { ...fn, fileSystemConfig: { arn: 'arn:fs', localMountPath: '/m' } } } })).failure).toMatchObject({
      message: 'Function "a": when using fileSystemConfig, ensure that function has vpc configured on function or provider level',
      code: 'LAMBDA_FILE_SYSTEM_CONFIG_MISSING_VPC',
    });
    expect(synth(svc({ functions: { a: { ...fn, capacityProvider: 'cp', fileSystemConfig: { arn: 'arn:fs' } } } })).failure?.code).toBe(
      'LAMBDA_FILE_SYSTEM_CONFIG_WITH_CAPACITY_PROVIDER',
    );
    expect(synth(svc({ functions: { a: { ...fn, logs: { logGroup: '/g', logGroupClass: 'INFREQUENT_ACCESS' } } } })).failure).toMatchObject({
      message:
        'logGroupClass cannot be used with a custom log group name (logs.logGroup) for function "a". Set LogGroupClass directly on your externally-managed log group instead.',
      code: 'FUNCTION_LOG_GROUP_CLASS_CUSTOM_LOG_GROUP_CONFLICT',
    });
    expect(synth(svc({ functions: { a: { ...fn, runtime: 'nodejs18.x', durableConfig: {} } } })).failure?.code).toBe('LAMBDA_DURABLE_FUNCTION_INVALID_RUNTIME');
  });

  describe('external REST API (provider.apiGateway.restApiId): the api-gateway compiler refuses API-wide settings', () => {
    const external = { restApiId: 'abc123', restApiRootResourceId: 'root456' };
    const http = { ...fn, events: [{ http: { path: 'x', method: 'get' } }] };
    const TRACING =
      'When external API Gateway resource is imported via "provider.apiGateway.restApiId", property "provider.tracing.apiGateway" is ineffective.';
    const LOGS = 'When external API Gateway resource is imported via "provider.apiGateway.restApiId", property "provider.logs.restApi" is ineffective.';

    it('provider.tracing.apiGateway', () => {
      const model = synth(svc({ provider: { name: 'aws', apiGateway: external, tracing: { apiGateway: true } }, functions: { a: http } }));
      expect(model.failure).toEqual({ message: TRACING, code: 'API_GATEWAY_EXTERNAL_API_TRACING', at: ['provider', 'tracing', 'apiGateway'] });
      expect(model.roles).toEqual([]);
    });

    it('provider.logs.restApi', () => {
      const model = synth(svc({ provider: { name: 'aws', apiGateway: external, logs: { restApi: { level: 'INFO' } } }, functions: { a: http } }));
      expect(model.failure).toEqual({ message: LOGS, code: 'API_GATEWAY_EXTERNAL_API_LOGS', at: ['provider', 'logs', 'restApi'] });
    });

    it('also without http events and for false (validate() runs before the no-events return; the test is != null)', () => {
      expect(synth(svc({ provider: { name: 'aws', apiGateway: external, tracing: { apiGateway: false } }, functions: { a: fn } })).failure?.code).toBe(
        'API_GATEWAY_EXTERNAL_API_TRACING',
      );
      expect(synth(svc({ provider: { name: 'aws', apiGateway: external, logs: { restApi: false } }, functions: { a: fn } })).failure?.code).toBe(
        'API_GATEWAY_EXTERNAL_API_LOGS',
      );
    });

    it('tracing is checked before logs; a missing restApiRootResourceId before both', () => {
      const both = { tracing: { apiGateway: true }, logs: { restApi: true } };
      expect(synth(svc({ provider: { name: 'aws', apiGateway: external, ...both }, functions: { a: http } })).failure?.code).toBe(
        'API_GATEWAY_EXTERNAL_API_TRACING',
      );
      expect(synth(svc({ provider: { name: 'aws', apiGateway: { restApiId: 'abc123' }, ...both }, functions: { a: http } })).failure).toEqual({
        message: 'Missing required "provider.apiGateway.restApiRootResourceId" property (needed if "provider.apiGateway.restApiId" is provided)',
        code: 'API_GATEWAY_MISSING_REST_API_ROOT_RESOURCE_ID',
        at: ['provider', 'apiGateway', 'restApiId'],
      });
    });

    it('no failure without restApiId, or with null settings', () => {
      const own = { tracing: { apiGateway: true }, logs: { restApi: true } };
      expect(synth(svc({ provider: { name: 'aws', ...own }, functions: { a: http } })).failure).toBeUndefined();
      const nulls = { tracing: { apiGateway: null, lambda: true }, logs: { restApi: null } };
      expect(synth(svc({ provider: { name: 'aws', apiGateway: external, ...nulls }, functions: { a: http } })).failure).toBeUndefined();
    });
  });

  it('Global IAM Role resource missing: a dedicated function when every function has the key role', () => {
    expect(synth(svc({ functions: { a: { ...fn, role: null, iamRoleStatements: [] } } })).failure?.message).toBe(
      'ERROR: Global IAM Role resource is missing. Ensure IAM role compilation completed before assigning per-function roles.',
    );
  });
});

describe('§10 resources merged over generated roles', () => {
  it('merges by index into the generated log statement and records changedBy', () => {
    const model = synth(
      svc({
        functions: { a: fn },
        resources: {
          Resources: {
            IamRoleLambdaExecution: {
              Properties: { Policies: [{ PolicyDocument: { Statement: [{ Action: ['logs:*'] }] } }], PermissionsBoundary: 'PB' },
            },
          },
        },
      }),
    );
    const out = cf(model);
    expect(statementsOf(out, 'IamRoleLambdaExecution')[0].Action).toEqual(['logs:*', 'logs:CreateLogGroup', 'logs:TagResource']);
    const role = model.roles[0]!;
    expect(role.statements[0]!.provenance.kind).toBe('auto');
    expect(role.statements[0]!.changedBy).toEqual([['resources', 'Resources', 'IamRoleLambdaExecution', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0]]);
    expect(role.statements[1]!.changedBy).toBeUndefined();
    expect(role.permissionsBoundary).toEqual({ value: 'PB', provenance: { kind: 'resources', path: ['resources', 'Resources', 'IamRoleLambdaExecution', 'Properties', 'PermissionsBoundary'] } });
  });

  it('a null property removes a generated one; an added statement has resources provenance; extensions replace properties', () => {
    const model = synth({
      service: 'svc',
      provider: { name: 'aws', iam: { role: { permissionsBoundary: 'PB' } } },
      functions: { a: fn, b: { ...fn, iamRoleStatements: [] } },
      resources: {
        Resources: {
          IamRoleLambdaExecution: { Properties: { PermissionsBoundary: null, Policies: [{ PolicyDocument: { Statement: [{}, {}, { Effect: 'Allow', Action: 'extra:*', Resource: '*' }] } }] } },
        },
        extensions: { BIamRoleLambdaExecution: { Properties: { ManagedPolicyArns: ['EXT'] } } },
      },
    });
    const shared = model.roles.find((r) => r.logicalId === 'IamRoleLambdaExecution')!;
    expect(shared.properties.PermissionsBoundary).toBeUndefined();
    expect(shared.permissionsBoundary).toBeUndefined();
    expect(shared.statements[2]).toMatchObject({
      document: { Effect: 'Allow', Action: 'extra:*', Resource: '*' },
      provenance: { kind: 'resources', path: ['resources', 'Resources', 'IamRoleLambdaExecution', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 2] },
    });
    const b = model.roles.find((r) => r.logicalId === 'BIamRoleLambdaExecution')!;
    expect(b.managedPolicies).toEqual([
      { arn: 'EXT', index: 0, provenance: { kind: 'resources', path: ['resources', 'extensions', 'BIamRoleLambdaExecution', 'Properties', 'ManagedPolicyArns', 0] } },
    ]);
    expect(b.changedBy).toEqual([['resources', 'extensions', 'BIamRoleLambdaExecution']]);
  });

  it('an extension of a role that does not exist is an error', () => {
    expect(synth(svc({ functions: { a: fn }, resources: { extensions: { AIamRoleLambdaExecution: { Properties: {} } } } })).failure).toMatchObject({
      message: 'Cannot extend "AIamRoleLambdaExecution" resource, as it\'s not found in generated stack',
      code: 'RESOURCE_EXTENSION_NOT_EXISTING',
    });
  });

  it('resources can replace a function role', () => {
    const model = synth(svc({ functions: { a: fn }, resources: { Resources: { ALambdaFunction: { Properties: { Role: 'arn:aws:iam::1:role/x' } } } } }));
    expect(model.functions[0]).toMatchObject({ role: 'arn:aws:iam::1:role/x', roleLogicalId: null, choice: 'resources-override' });
    expect(model.roles[0]!.functions).toEqual([]);
  });

  it('an IamRoleLambdaExecution declared in resources when none is generated is a resource role', () => {
    const model = synth(
      svc({
        functions: { a: { ...fn, role: 'IamRoleLambdaExecution' } },
        resources: { Resources: { IamRoleLambdaExecution: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] } } } } },
      }),
    );
    expect(model.roles.map((r) => [r.logicalId, r.kind, r.functions])).toEqual([['IamRoleLambdaExecution', 'resource', ['a']]]);
    expect(model.functions[0]!.dangling).toBe(false);
  });
});

describe('§11 version 4.40+: dedicated functions stay off the shared role', () => {
  it('their queues, KMS keys, onError and custom log groups are not on the shared role', () => {
    const out = cf(
      synth(
        svc({
          functions: {
            a: fn,
            ded: { ...fn, name: 'custom', kmsKeyArn: 'K', onError: 'arn:sns', iamRoleStatements: [], events: [{ sqs: 'arn:q' }] },
          },
        }),
      ),
    );
    expect(statementsOf(out, 'IamRoleLambdaExecution')).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource'], Resource: [LOG('/aws/lambda/svc-dev*:*')] },
      { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [LOG('/aws/lambda/svc-dev*:*:*')] },
    ]);
  });
});

describe('§12 serverless-iam-roles-per-function listed in plugins', () => {
  it('the built-in steps aside: only iamRoleStatements opts in; the shared role keeps every grant', () => {
    const model = synth(
      svc({
        plugins: ['serverless-iam-roles-per-function'],
        functions: {
          a: { ...fn, iamRoleStatements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }], events: [{ sqs: 'arn:q1' }, { stream: { arn: 'arn:aws:kinesis:us-east-1:1:stream/s', consumer: true } }] },
          b: { ...fn, iam: { role: { statements: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] } } },
        },
      }),
    );
    expect(model.externalPerFunctionPlugin).toBe(true);
    expect(model.functions.map((f) => f.choice)).toEqual(['dedicated-plugin', 'shared']);
    const out = cf(model);
    expect(actions(out, 'AIamRoleLambdaExecution')).toEqual([
      ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:PutLogEvents'],
      ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:ListStreams'],
      SQS,
      ['s3:GetObject'],
    ]);
    expect(actions(out, 'IamRoleLambdaExecution')).toContainEqual(SQS);
  });

  it('errors carry the plugin prefix; without a shared role it crashes', () => {
    const plugins = ['serverless-iam-roles-per-function'];
    expect(synth(svc({ plugins, functions: { a: { ...fn, role: 'R', iamRoleStatements: [] } } })).failure?.message).toBe(
      "serverless-iam-roles-per-function: ERROR: Define function with both 'role' and 'iamRoleStatements' is not supported. Function name: a",
    );
    const key = 'h'.repeat(60);
    expect(synth(svc({ plugins, functions: { [key]: { ...fn, iamRoleStatements: [] } } })).failure?.message).toBe(
      `serverless-iam-roles-per-function: ERROR: auto generated role name for function: ${key} is too long (over 64 chars).\n        Try setting a custom role name using the property: iamRoleStatementsName.`,
    );
    expect(synth({ service: 'svc', provider: { name: 'aws', role: 'arn:r' }, plugins, functions: { a: { ...fn, iamRoleStatements: [] } } }).failure?.message).toBe(
      "Cannot read properties of undefined (reading 'Properties')",
    );
    // A disableLogs function has no DependsOn: the plugin refuses it.
    expect(synth(svc({ plugins, functions: { a: { ...fn, disableLogs: true, iamRoleStatements: [] } } })).failure?.message).toBe(
      'serverless-iam-roles-per-function: ERROR: Function Resource is not in expected format. For function name: a',
    );
  });
});

describe('§17 union de-duplication is global and order-dependent', () => {
  const st = { Effect: 'Allow', Action: 'x:Y', Resource: '*' };
  it('identical provider statements collapse only when a KMS/X-Ray union happens', () => {
    const run = (f: Record<string, unknown>) =>
      statementsOf(cf(synth({ service: 'svc', provider: { name: 'aws', iam: { role: { statements: [st, { ...st }] } } }, functions: { a: { ...fn, ...f } } })), 'IamRoleLambdaExecution').length;
    expect(run({})).toBe(4);
    expect(run({ tracing: true })).toBe(4); // 2 logs + 1 provider + X-Ray
    expect(run({ kmsKeyArn: 'K' })).toBe(4);
  });

  it('an earlier identical onError statement disappears; later event statements keep duplicates', () => {
    const out = cf(
      synth(
        svc({
          functions: {
            a: { ...fn, onError: 'arn:t' },
            b: { ...fn, onError: 'arn:t', tracing: 'Active', events: [{ stream: 'arn:aws:dynamodb:us-east-1:1:table/T/stream/1' }] },
            c: { ...fn, onError: 'arn:t', events: [{ stream: 'arn:aws:dynamodb:us-east-1:1:table/T/stream/1' }] },
          },
        }),
      ),
    );
    expect(actions(out, 'IamRoleLambdaExecution').slice(2)).toEqual([
      ['sns:Publish'],
      ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      ['sns:Publish'],
      ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'],
      ['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams'],
    ]);
  });
});

describe('unknown values flow through', () => {
  it('an unknown service name stays unknown where the Framework concatenates (never `${…}` text in an Fn::Sub)', () => {
    const service = new Unknown('${ssm:/name}', 'ssm parameters are not read offline');
    const model = synth({ service, provider: { name: 'aws' }, functions: { a: { ...fn, iamRoleStatements: [] } } });
    expect(model.failure).toBeUndefined();
    const out = cf(model);
    // Serialized as its text; in the model an Unknown whose known parts hold no `${…}`.
    expect(statementsOf(out, 'IamRoleLambdaExecution')[0].Resource).toEqual([LOG('/aws/lambda/${ssm:/name}-dev*:*')['Fn::Sub']]);
    const logs = (model.roles[0]!.statements[0]!.document.Resource as unknown[])[0] as Unknown;
    expect(logs).toBeInstanceOf(Unknown);
    expect(logs.parts!.filter((p) => typeof p === 'string').join('')).toBe('arn::logs:::log-group:/aws/lambda/-dev*:*');
    expect(out.roles.AIamRoleLambdaExecution.RoleName).toEqual({ 'Fn::Join': ['-', ['${ssm:/name}', 'dev', 'a', { Ref: 'AWS::Region' }, 'lambdaRole']] });
    expect(model.functions[0]!.name).toBeInstanceOf(Unknown);
  });

  it('unknown statement values, ARNs and roles are kept, never turned into *', () => {
    const arn = new Unknown('${ssm:/queue}', 'ssm');
    const model = synth({
      service: 'svc',
      provider: { name: 'aws', iam: { role: { statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: new Unknown('${cf:stack.bucket}', 'cf') }] } } },
      functions: { a: { ...fn, events: [{ sqs: arn }] }, b: { ...fn, role: new Unknown('${ssm:/role}', 'ssm') } },
    });
    const shared = model.roles[0]!;
    expect(shared.statements[2]!.document.Resource).toBeInstanceOf(Unknown);
    expect(shared.statements[3]!.document.Resource).toEqual([arn]);
    expect(model.functions[1]).toMatchObject({ roleLogicalId: null, choice: 'function-role' });
    expect(cf(model).functions.b.role).toBe('${ssm:/role}');
  });
});
