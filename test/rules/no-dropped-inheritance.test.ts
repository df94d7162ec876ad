import rule from '../../rules/no-dropped-inheritance.js';
import { ruleTester } from '../helpers/rule-tester.js';

const providerStatements = `
  iam:
    role:
      statements:
        - Effect: Allow
          Action: ssm:GetParameter
          Resource: arn:aws:ssm:us-east-1:123456789012:parameter/checkout/*`;

ruleTester(rule).run({
  valid: [
    {
      name: 'the function asks to inherit',
      yaml: `
service: checkout
provider:
  name: aws${providerStatements}
functions:
  pay:
    handler: handler.pay
    iam:
      inheritStatements: true
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:PutItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Payments
`,
    },
    {
      name: 'the function says it does not inherit',
      yaml: `
service: checkout
provider:
  name: aws${providerStatements}
functions:
  pay:
    handler: handler.pay
    iam:
      inheritStatements: false
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:PutItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Payments
`,
    },
    {
      name: 'perFunction mode inherits by default',
      yaml: `
service: checkout
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action: ssm:GetParameter
          Resource: arn:aws:ssm:us-east-1:123456789012:parameter/checkout/*
functions:
  pay:
    handler: handler.pay
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:PutItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Payments
`,
    },
    {
      name: 'no provider statements to drop',
      yaml: `
service: checkout
provider:
  name: aws
functions:
  pay:
    handler: handler.pay
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:PutItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Payments
`,
    },
    {
      name: 'a service-wide defaultInherit is an explicit choice',
      yaml: `
service: checkout
provider:
  name: aws${providerStatements}
custom:
  serverless-iam-roles-per-function:
    defaultInherit: false
functions:
  pay:
    handler: handler.pay
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:PutItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Payments
`,
    },
    {
      name: 'corpus: the function repeats the provider statement it needs, so nothing is dropped',
      yaml: `
service: sharing
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
  tracing:
    lambda: true
  iamRoleStatements:
    - Effect: Allow
      Action:
        - xray:PutTraceSegments
        - xray:PutTelemetryRecords
      Resource:
        - '*'
functions:
  create:
    handler: create.handler
    iamRoleStatements:
      - Effect: Allow
        Action:
          - xray:PutTraceSegments
          - xray:PutTelemetryRecords
        Resource:
          - '*'
      - Effect: Allow
        Action: sqs:SendMessage
        Resource: arn:aws:sqs:us-east-1:123456789012:emails
`,
    },
  ],
  invalid: [
    {
      name: 'function statements without inheritStatements',
      yaml: `
service: checkout
provider:
  name: aws${providerStatements}
functions:
  pay:
    handler: handler.pay
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:PutItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Payments
  cart:
    handler: handler.cart
`,
      errors: [
        {
          messageId: 'dropped',
          path: 'functions.pay.iam.role.statements',
          functions: ['pay'],
          data: {
            function: 'pay',
            setting: 'functions.pay.iam.role.statements',
            count: 1,
            providerPath: 'provider.iam.role.statements',
            inheritKey: 'iam.inheritStatements',
          },
        },
      ],
    },
    {
      name: 'managed policies alone also create a dedicated role',
      yaml: `
service: checkout
provider:
  name: aws${providerStatements}
functions:
  pay:
    handler: handler.pay
    iam:
      role:
        managedPolicies:
          - arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess
`,
      errors: [{ messageId: 'dropped', path: 'functions.pay.iam.role.managedPolicies' }],
    },
    {
      name: 'legacy statements on both levels',
      yaml: `
service: checkout
provider:
  name: aws
  iamRoleStatements:
    - Effect: Allow
      Action: ssm:GetParameter
      Resource: arn:aws:ssm:us-east-1:123456789012:parameter/checkout/*
functions:
  pay:
    handler: handler.pay
    iamRoleStatements:
      - Effect: Allow
        Action: dynamodb:PutItem
        Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Payments
`,
      errors: [
        { messageId: 'dropped', path: 'functions.pay.iamRoleStatements', data: {
          function: 'pay',
          setting: 'functions.pay.iamRoleStatements',
          count: 1,
          providerPath: 'provider.iamRoleStatements',
          inheritKey: 'iam.inheritStatements',
        } },
      ],
    },
    {
      name: 'legacy provider statements next to provider.iam cannot even be inherited',
      yaml: `
service: checkout
provider:
  name: aws
  iam:
    deploymentRole: arn:aws:iam::123456789012:role/deployer
  iamRoleStatements:
    - Effect: Allow
      Action: ssm:GetParameter
      Resource: arn:aws:ssm:us-east-1:123456789012:parameter/checkout/*
functions:
  pay:
    handler: handler.pay
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:PutItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Payments
`,
      errors: [{ messageId: 'droppedLegacy', path: 'functions.pay.iam.role.statements' }],
    },
    {
      name: 'only the provider statements the function does not repeat are counted',
      yaml: `
service: sharing
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [xray:PutTraceSegments, xray:PutTelemetryRecords]
          Resource: '*'
        - Effect: Allow
          Action: ssm:GetParameter
          Resource: arn:aws:ssm:us-east-1:123456789012:parameter/sharing/url
functions:
  create:
    handler: create.handler
    iam:
      role:
        statements:
          - Effect: Allow
            Action: [xray:PutTelemetryRecords, xray:PutTraceSegments]
            Resource: '*'
`,
      errors: [{ messageId: 'dropped', path: 'functions.create.iam.role.statements', functions: ['create'], data: {
        function: 'create',
        setting: 'functions.create.iam.role.statements',
        count: 1,
        providerPath: 'provider.iam.role.statements',
        inheritKey: 'iam.inheritStatements',
      } }],
    },
  ],
});
