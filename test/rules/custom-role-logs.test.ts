import rule from '../../rules/custom-role-logs.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A service whose `worker` function runs with `WorkerRole`, declared with the given extra properties. */
const service = (roleProperties: string, extra = '', fnExtra = '') => `
service: ingest
provider:
  name: aws
functions:
  worker:
    handler: handler.worker
    role: WorkerRole${fnExtra}
resources:
  Resources:
    WorkerRole:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal:
                Service: lambda.amazonaws.com
              Action: sts:AssumeRole
${roleProperties}${extra}
`;

const s3Policy = `        Policies:
          - PolicyName: data
            PolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: arn:aws:s3:::ingest-data/*`;

ruleTester(rule).run({
  valid: [
    {
      name: 'the basic execution managed policy, written with Fn::Join',
      yaml: service(`        ManagedPolicyArns:
          - Fn::Join:
              - ''
              - - 'arn:'
                - Ref: AWS::Partition
                - ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'`),
    },
    {
      name: 'an inline logs:* statement',
      yaml: service(`        Policies:
          - PolicyName: logs
            PolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Effect: Allow
                  Action: logs:*
                  Resource: arn:aws:logs:*:*:*`),
    },
    {
      name: 'a customer managed policy iamlint cannot read',
      yaml: service(`        ManagedPolicyArns:
          - arn:aws:iam::123456789012:policy/lambda-logging`),
    },
    {
      name: 'logs granted by a separate AWS::IAM::Policy attached to the role',
      yaml: service(
        s3Policy,
        `
    WorkerLogs:
      Type: AWS::IAM::Policy
      Properties:
        PolicyName: worker-logs
        Roles:
          - !Ref WorkerRole
        PolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Action:
                - logs:CreateLogStream
                - logs:PutLogEvents
              Resource: arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/ingest-dev-worker:*`,
      ),
    },
    {
      name: 'a function that disables its logs',
      yaml: service(s3Policy, '', '\n    disableLogs: true'),
    },
  ],
  invalid: [
    {
      name: 'corpus: a DynamoDB-only role of one function (the message reads well for one function)',
      yaml: `
service: graphql-dynamo
provider:
  name: aws
functions:
  graphql:
    handler: handler.graphql
    role: ServiceRole
resources:
  Resources:
    ServiceRole:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal:
                Service: [lambda.amazonaws.com]
              Action: [sts:AssumeRole]
        Policies:
          - PolicyName: dynamo
            PolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Effect: Allow
                  Action: [dynamodb:GetItem, dynamodb:PutItem]
                  Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Users
`,
      errors: [
        {
          messageId: 'cannotLog',
          path: 'resources.Resources.ServiceRole',
          functions: ['graphql'],
          message:
            "Role ServiceRole cannot write CloudWatch logs (it lacks logs:CreateLogStream and logs:PutLogEvents), so no log line of graphql reaches CloudWatch Logs. Attach the managed policy arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole to it, or add a statement allowing logs:CreateLogStream and logs:PutLogEvents on the functions' log groups.",
        },
      ],
    },
    {
      name: 'a role with only an S3 statement',
      yaml: service(s3Policy),
      errors: [
        {
          messageId: 'cannotLog',
          path: 'resources.Resources.WorkerRole',
          functions: ['worker'],
          data: { role: 'WorkerRole', missing: 'logs:CreateLogStream and logs:PutLogEvents', functions: 'worker' },
        },
      ],
    },
    {
      name: 'a read-only AWS managed policy',
      yaml: service(`        ManagedPolicyArns:
          - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess`),
      errors: [{ messageId: 'cannotLog', path: 'resources.Resources.WorkerRole' }],
    },
    {
      name: 'log streams can be created but not written',
      yaml: service(`        Policies:
          - PolicyName: logs
            PolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Effect: Allow
                  Action:
                    - logs:CreateLogGroup
                    - logs:CreateLogStream
                  Resource: arn:aws:logs:*:*:*`),
      errors: [{ messageId: 'cannotLog', data: { role: 'WorkerRole', missing: 'logs:PutLogEvents', functions: 'worker' } }],
    },
    {
      name: 'a role shared through provider.iam.role by two functions',
      yaml: `
service: ingest
provider:
  name: aws
  iam:
    role: !GetAtt WorkerRole.Arn
functions:
  worker:
    handler: handler.worker
  loader:
    handler: handler.loader
resources:
  Resources:
    WorkerRole:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal:
                Service: lambda.amazonaws.com
              Action: sts:AssumeRole
${s3Policy}
`,
      errors: [{ messageId: 'cannotLog', functions: ['loader', 'worker'] }],
    },
  ],
});
