/**
 * Every example of the public doc (shared/spec/serverless-iam-roles.txt), as YAML through the
 * real loader/resolver (for `${sls:stage}` and friends) or as plain objects.
 */
import { describe, expect, it } from 'vitest';
import { cf, statementsOf, synth, synthYaml } from './helpers.js';

const LOG_SUB = (g: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${g}` });
const fn = { handler: 'h.h' };

describe('doc: At glance (all provider.iam.role fields)', () => {
  it('builds the shared role from every provider.iam.role field', () => {
    const out = cf(
      synth({
        service: 'new-service',
        provider: {
          name: 'aws',
          iam: {
            role: {
              name: 'custom-role-name',
              path: '/custom-role-path/',
              statements: [{ Effect: 'Allow', Resource: '*', Action: 'iam:DeleteUser' }],
              managedPolicies: ['arn:aws:iam::123456789012:user/*'],
              permissionsBoundary: 'arn:aws:iam::123456789012:policy/boundaries',
              tags: { key: 'value' },
            },
          },
        },
        functions: { hello: fn },
      }),
    );
    const role = out.roles.IamRoleLambdaExecution;
    expect(role.RoleName).toBe('custom-role-name');
    expect(role.Path).toBe('/custom-role-path/');
    expect(role.PermissionsBoundary).toBe('arn:aws:iam::123456789012:policy/boundaries');
    expect(role.Tags).toEqual([{ Key: 'key', Value: 'value' }]);
    expect(role.ManagedPolicyArns).toEqual(['arn:aws:iam::123456789012:user/*']);
    // Action becomes a list (schema coercion), Resource stays a string.
    expect(statementsOf(out, 'IamRoleLambdaExecution')[2]).toEqual({ Effect: 'Allow', Resource: '*', Action: ['iam:DeleteUser'] });
  });

  it('provider.iam.role as an ARN: no generated role, every function uses the ARN', () => {
    const model = synth({
      service: 'new-service',
      provider: { name: 'aws', iam: { role: 'arn:aws:iam::123456789012:role/execution-role' } },
      functions: { a: fn, b: fn },
    });
    expect(model.roles).toEqual([]);
    expect(cf(model).functions).toEqual({
      a: { roleLogicalId: null, role: 'arn:aws:iam::123456789012:role/execution-role' },
      b: { roleLogicalId: null, role: 'arn:aws:iam::123456789012:role/execution-role' },
    });
    expect(model.functions.map((f) => f.choice)).toEqual(['provider-iam-role', 'provider-iam-role']);
  });
});

describe('doc: The Default IAM Role', () => {
  it('merges provider statements after the log statements', () => {
    const out = cf(
      synth({
        service: 'new-service',
        provider: {
          name: 'aws',
          iam: {
            role: {
              statements: [
                { Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' },
                { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::my-bucket-name/*'] },
              ],
            },
          },
        },
        functions: { hello: fn },
      }),
    );
    expect(statementsOf(out, 'IamRoleLambdaExecution')).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:TagResource'],
        Resource: [LOG_SUB('/aws/lambda/new-service-dev*:*')],
      },
      { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [LOG_SUB('/aws/lambda/new-service-dev*:*:*')] },
      { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: '*' },
      // AJV's coercion (§8) unwraps the one-element ARN list.
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::my-bucket-name/*' },
    ]);
  });

  it('adds managed policies, intrinsics included', () => {
    const join = { 'Fn::Join': [':', ['arn:aws:iam:', { Ref: 'AWS::AccountId' }, 'some/path']] };
    const out = cf(
      synth({
        service: 'new-service',
        provider: { name: 'aws', iam: { role: { managedPolicies: ['some:aws:arn:xxx:*:*', 'someOther:aws:arn:xxx:*:*', join] } } },
        functions: { hello: fn },
      }),
    );
    expect(out.roles.IamRoleLambdaExecution.ManagedPolicyArns).toEqual(['some:aws:arn:xxx:*:*', 'someOther:aws:arn:xxx:*:*', join]);
  });

  it('names the default role <service>-<stage>-<region ref>-lambdaRole and its path /', () => {
    const role = cf(synth({ service: 'new-service', provider: { name: 'aws' }, functions: { hello: fn } })).roles.IamRoleLambdaExecution;
    expect(role.RoleName).toEqual({ 'Fn::Join': ['-', ['new-service', 'dev', { Ref: 'AWS::Region' }, 'lambdaRole']] });
    expect(role.Path).toBe('/');
    expect(role.Policies[0].PolicyName).toEqual({ 'Fn::Join': ['-', ['new-service', 'dev', 'lambda']] });
  });

  it('overrides the name (with a variable) and the path', () => {
    const role = cf(
      synthYaml(`
service: new-service
provider:
  name: aws
  iam:
    role:
      name: your-custom-name-\${sls:stage}-role
      path: /your-custom-path/
functions:
  hello:
    handler: h.h
`),
    ).roles.IamRoleLambdaExecution;
    expect(role.RoleName).toBe('your-custom-name-dev-role');
    expect(role.Path).toBe('/your-custom-path/');
  });
});

describe('doc: Per-function IAM with no default role (mode: perFunction)', () => {
  const model = synthYaml(`
service: new-service
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action:
            - s3:ListBucket
          Resource:
            - arn:aws:s3:::shared-assets-\${sls:stage}
      managedPolicies:
        - arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess
      permissionsBoundary: arn:aws:iam::123456789012:policy/lambda-boundary
      path: /teams/payments/
      tags:
        Owner: payments
        Environment: \${sls:stage}
functions:
  list:
    handler: handler.list
  get:
    handler: handler.get
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders
        managedPolicies:
          - arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess
        tags:
          Feature: read-api
`);
  const out = cf(model);

  it('creates no shared role and one role per function', () => {
    expect(Object.keys(out.roles).sort()).toEqual(['GetIamRoleLambdaExecution', 'ListIamRoleLambdaExecution']);
    expect(model.mode).toBe('perFunction');
    expect(out.functions.list).toEqual({ roleLogicalId: 'ListIamRoleLambdaExecution', role: { 'Fn::GetAtt': ['ListIamRoleLambdaExecution', 'Arn'] } });
  });

  it('inherits statements, managed policies, path, boundary and tags; extends them per function', () => {
    const list = out.roles.ListIamRoleLambdaExecution;
    const get = out.roles.GetIamRoleLambdaExecution;
    // AJV's coercion (§8) unwraps the one-element ARN list.
    const listBucket = { Effect: 'Allow', Action: ['s3:ListBucket'], Resource: 'arn:aws:s3:::shared-assets-dev' };
    expect(statementsOf(out, 'ListIamRoleLambdaExecution')).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:PutLogEvents'],
        Resource: [LOG_SUB('/aws/lambda/new-service-dev-list:*:*')],
      },
      listBucket,
    ]);
    expect(statementsOf(out, 'GetIamRoleLambdaExecution').slice(1)).toEqual([
      listBucket,
      { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders' },
    ]);
    expect(list.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess']);
    expect(get.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess', 'arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess']);
    expect(list.Path).toBe('/teams/payments/');
    expect(list.PermissionsBoundary).toBe('arn:aws:iam::123456789012:policy/lambda-boundary');
    expect(list.Tags).toEqual([
      { Key: 'Owner', Value: 'payments' },
      { Key: 'Environment', Value: 'dev' },
    ]);
    expect(get.Tags).toEqual([
      { Key: 'Owner', Value: 'payments' },
      { Key: 'Environment', Value: 'dev' },
      { Key: 'Feature', Value: 'read-api' },
    ]);
    expect(get.RoleName).toEqual({ 'Fn::Join': ['-', ['new-service', 'dev', 'get', { Ref: 'AWS::Region' }, 'lambdaRole']] });
  });
});

describe('doc: Per-function IAM on selected functions', () => {
  const model = synthYaml(`
service: new-service
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - xray:PutTraceSegments
            - xray:PutTelemetryRecords
          Resource: '*'
functions:
  func1:
    handler: handler.func1
    iam:
      inheritStatements: true
      role:
        statements:
          - Effect: Allow
            Action:
              - dynamodb:GetItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Users
        managedPolicies:
          - arn:aws:iam::aws:policy/ReadOnlyAccess
        permissionsBoundary: arn:aws:iam::123456789012:policy/boundary
        path: /team/app/
        name: \${sls:stage}-func1Role
        tags:
          key: value
  func2:
    handler: handler.func2
`);
  const out = cf(model);

  it('gives func1 a dedicated role and keeps func2 on the shared role', () => {
    expect(Object.keys(out.roles).sort()).toEqual(['Func1IamRoleLambdaExecution', 'IamRoleLambdaExecution']);
    expect(out.functions.func2.roleLogicalId).toBe('IamRoleLambdaExecution');
    expect(out.functions.func1.roleLogicalId).toBe('Func1IamRoleLambdaExecution');
    const role = out.roles.Func1IamRoleLambdaExecution;
    expect(role.RoleName).toBe('dev-func1Role');
    expect(role.Path).toBe('/team/app/');
    expect(role.PermissionsBoundary).toBe('arn:aws:iam::123456789012:policy/boundary');
    expect(role.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(role.Tags).toEqual([{ Key: 'key', Value: 'value' }]);
    expect(statementsOf(out, 'Func1IamRoleLambdaExecution').slice(1)).toEqual([
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
      { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/Users' },
    ]);
  });

  it('managed policies alone create a dedicated role', () => {
    const m = cf(
      synth({
        service: 'new-service',
        provider: { name: 'aws' },
        functions: { func2: { handler: 'handler.func2', iam: { role: { managedPolicies: ['arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess'] } } } },
      }),
    );
    expect(m.roles.Func2IamRoleLambdaExecution.ManagedPolicyArns).toEqual(['arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess']);
    expect(statementsOf(m, 'Func2IamRoleLambdaExecution')).toHaveLength(1);
    // The shared role still exists (unused).
    expect(m.roles.IamRoleLambdaExecution).toBeDefined();
  });
});

describe('doc: Auto-Added Permissions for Per-Function Roles (the example)', () => {
  const model = synthYaml(`
service: svc
provider:
  name: aws
functions:
  func1:
    handler: handler.func1
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:myQueue
      - stream:
          arn: arn:aws:kinesis:us-east-1:123456789012:stream/myStream
      - websocket:
          route: $default
      - activemq:
          arn: arn:aws:mqa:us-east-1:123456789012:broker/my-mq:b-123456
          basicAuthArn: arn:aws:secretsmanager:us-east-1:123456789012:secret:mq-cred
          queue: orders
      - kafka:
          topic: orders-topic
          bootstrapServers:
            - b-1.example.kafka.amazonaws.com:9092
          accessConfigurations:
            vpcSubnet:
              - subnet-abc
            vpcSecurityGroup: sg-123456
            saslScram512Auth: arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka-cred
      - msk:
          arn: arn:aws:kafka:us-east-1:123456789012:cluster/my-msk-cluster/1234567890abcdef
          topic: msk-orders
      - cloudFront:
          origin: s3://my-bucket.s3.amazonaws.com/
          eventType: viewer-request
      - schedule:
          rate: rate(5 minutes)
          method: scheduler
          enabled: true
    logs:
      logGroup: /aws/lambda/custom-log-group
    vpc:
      securityGroupIds: [sg-123456]
      subnetIds: [subnet-abc, subnet-def]
    onError: arn:aws:sns:us-east-1:123456789012:myDlqTopic
    fileSystemConfig:
      arn: arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-123456
      localMountPath: /mnt/efs
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Items
`);
  const out = cf(model);
  const ec2 = {
    Effect: 'Allow',
    Action: [
      'ec2:CreateNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeVpcs',
      'ec2:DeleteNetworkInterface',
      'ec2:DescribeSubnets',
      'ec2:DescribeSecurityGroups',
    ],
    Resource: '*',
  };

  it('adds every auto-grant in the Framework order', () => {
    expect(model.failure).toBeUndefined();
    expect(statementsOf(out, 'Func1IamRoleLambdaExecution')).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:PutLogEvents'],
        Resource: [LOG_SUB('/aws/lambda/custom-log-group:*:*')],
      },
      {
        Effect: 'Allow',
        Action: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream', 'kinesis:ListStreams'],
        Resource: ['arn:aws:kinesis:us-east-1:123456789012:stream/myStream'],
      },
      { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: ['arn:aws:sqs:us-east-1:123456789012:myQueue'] },
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: 'arn:aws:sns:us-east-1:123456789012:myDlqTopic' },
      { Effect: 'Allow', Action: ['execute-api:ManageConnections'], Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:execute-api:*:*:*/@connections/*' }] },
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:mq-cred'] },
      { Effect: 'Allow', Action: ['mq:DescribeBroker'], Resource: ['arn:aws:mqa:us-east-1:123456789012:broker/my-mq:b-123456'] },
      ec2,
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka-cred'] },
      ec2,
      {
        Effect: 'Allow',
        Action: ['kafka:DescribeCluster', 'kafka:GetBootstrapBrokers'],
        Resource: ['arn:aws:kafka:us-east-1:123456789012:cluster/my-msk-cluster/1234567890abcdef'],
      },
      ec2,
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:TagResource'],
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:logs:*:*:*' }],
      },
      {
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: [
          { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:svc-dev-func1' },
          { 'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:svc-dev-func1:*' },
        ],
      },
      {
        Effect: 'Allow',
        Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        Resource: ['arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-123456'],
      },
      { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/Items' },
    ]);
  });

  it('extends the trust with edgelambda and scheduler, attaches the VPC policy', () => {
    const role = out.roles.Func1IamRoleLambdaExecution;
    expect(role.AssumeRolePolicyDocument.Statement[0].Principal.Service).toEqual([
      'lambda.amazonaws.com',
      'edgelambda.amazonaws.com',
      'scheduler.amazonaws.com',
    ]);
    expect(role.ManagedPolicyArns).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']] },
    ]);
  });

  it('leaves the dedicated function’s guarded grants off the shared role but not websockets, CloudFront, VPC', () => {
    const shared = statementsOf(out, 'IamRoleLambdaExecution');
    const actions = shared.map((s: any) => s.Action);
    expect(actions).toContainEqual(['execute-api:ManageConnections']);
    expect(actions).toContainEqual(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:TagResource']);
    expect(actions).not.toContainEqual(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']);
    expect(actions).not.toContainEqual(['lambda:InvokeFunction']);
    expect(out.roles.IamRoleLambdaExecution.AssumeRolePolicyDocument.Statement[0].Principal.Service).toEqual([
      'lambda.amazonaws.com',
      'edgelambda.amazonaws.com',
    ]);
    expect(out.roles.IamRoleLambdaExecution.ManagedPolicyArns).toHaveLength(1);
    // The dedicated function's custom log group is skipped; with nothing else the wildcard fallback applies.
    expect(shared[0].Resource).toEqual([LOG_SUB('/aws/lambda/svc-dev*:*')]);
  });
});

describe('doc: Custom IAM Roles', () => {
  const myDefaultRole = {
    Type: 'AWS::IAM::Role',
    Properties: {
      Path: '/my/default/path/',
      RoleName: 'MyDefaultRole',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'],
      Policies: [
        {
          PolicyName: 'myPolicyName',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:TagResource'],
                Resource: [{ 'Fn::Join': [':', ['arn:aws:logs', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, 'log-group:/aws/lambda/*:*:*']] }],
              },
              { Effect: 'Allow', Action: ['s3:PutObject'], Resource: { 'Fn::Join': ['', ['arn:aws:s3:::', { Ref: 'ServerlessDeploymentBucket' }]] } },
            ],
          },
        },
      ],
    },
  };
  const custRole = (name: string) => ({
    Type: 'AWS::IAM::Role',
    Properties: {
      Path: '/my/cust/path/',
      RoleName: name,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' }],
      },
      Policies: [
        {
          PolicyName: 'myPolicyName',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['logs:CreateLogGroup'], Resource: '*' },
              {
                Effect: 'Allow',
                Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface', 'ec2:DeleteNetworkInterface'],
                Resource: '*',
              },
            ],
          },
        },
      ],
    },
  });

  it('One Custom IAM Role For All Functions (logical id)', () => {
    const model = synth({
      service: 'new-service',
      provider: { name: 'aws', iam: { role: 'myDefaultRole' } },
      functions: { func0: fn, func1: fn },
      resources: { Resources: { myDefaultRole } },
    });
    const out = cf(model);
    expect(Object.keys(out.roles)).toEqual(['myDefaultRole']);
    expect(out.functions.func0).toEqual({ roleLogicalId: 'myDefaultRole', role: { 'Fn::GetAtt': ['myDefaultRole', 'Arn'] } });
    const role = model.roles[0]!;
    expect(role.kind).toBe('resource');
    expect(role.functions).toEqual(['func0', 'func1']);
    expect(role.statements.map((s) => s.provenance)).toEqual([
      { kind: 'resources', path: ['resources', 'Resources', 'myDefaultRole', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0] },
      { kind: 'resources', path: ['resources', 'Resources', 'myDefaultRole', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 1] },
    ]);
    expect(role.trust.map((t) => [t.type, t.principal])).toEqual([['Service', 'lambda.amazonaws.com']]);
    expect(role.managedPolicies.map((m) => m.arn)).toEqual(['arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole']);
    expect(role.roleName?.value).toBe('MyDefaultRole');
    expect(role.path?.value).toBe('/my/default/path/');
  });

  it('One Custom IAM Role For All Functions (ARN, Fn::GetAtt, !Sub)', () => {
    const arn = 'arn:aws:iam::0123456789:role//my/default/path/roleInMyAccount';
    expect(cf(synth({ service: 's', provider: { name: 'aws', iam: { role: arn } }, functions: { f: fn } })).functions.f).toEqual({ roleLogicalId: null, role: arn });
    const getAtt = { 'Fn::GetAtt': ['myRole', 'Arn'] };
    const withGetAtt = synth({
      service: 's',
      provider: { name: 'aws', iam: { role: getAtt } },
      functions: { f: fn },
      resources: { Resources: { myRole: myDefaultRole } },
    });
    expect(cf(withGetAtt).functions.f).toEqual({ roleLogicalId: 'myRole', role: getAtt });
    const sub = cf(
      synthYaml(`
service: s
provider:
  name: aws
  iam:
    role: !Sub arn:aws:iam::\${AWS::AccountId}:role/roleInMyAccount
functions:
  f:
    handler: h.h
`),
    );
    expect(sub.roles).toEqual({});
    expect(sub.functions.f).toEqual({ roleLogicalId: null, role: { 'Fn::Sub': 'arn:aws:iam::${AWS::AccountId}:role/roleInMyAccount' } });
  });

  it('Custom IAM Roles For Each Function: no generated role at all', () => {
    const model = synth({
      service: 'new-service',
      provider: { name: 'aws' },
      functions: { func0: { ...fn, role: 'myCustRole0' }, func1: { ...fn, role: 'myCustRole1' } },
      resources: { Resources: { myCustRole0: custRole('MyCustRole0'), myCustRole1: custRole('MyCustRole1') } },
    });
    expect(model.roles.map((r) => [r.logicalId, r.kind, r.functions])).toEqual([
      ['myCustRole0', 'resource', ['func0']],
      ['myCustRole1', 'resource', ['func1']],
    ]);
  });

  it('A Custom Default Role & Custom Function Roles', () => {
    const model = synth({
      service: 'new-service',
      provider: { name: 'aws', iam: { role: 'myDefaultRole' } },
      functions: { func0: { ...fn, role: 'myCustRole0' }, func1: fn },
      resources: { Resources: { myDefaultRole, myCustRole0: custRole('MyCustRole0') } },
    });
    expect(cf(model).functions).toEqual({
      func0: { roleLogicalId: 'myCustRole0', role: { 'Fn::GetAtt': ['myCustRole0', 'Arn'] } },
      func1: { roleLogicalId: 'myDefaultRole', role: { 'Fn::GetAtt': ['myDefaultRole', 'Arn'] } },
    });
    expect(model.roles.find((r) => r.logicalId === 'myDefaultRole')!.functions).toEqual(['func1']);
    expect(model.functions.map((f) => f.choice)).toEqual(['function-role', 'provider-iam-role']);
  });
});
