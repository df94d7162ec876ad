import rule from '../../rules/no-broad-inheritance.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'a narrow read statement may be inherited everywhere',
      yaml: `
service: catalog
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action: s3:GetObject
          Resource: arn:aws:s3:::catalog-assets/*
functions:
  search:
    handler: handler.search
  index:
    handler: handler.index
`,
    },
    {
      name: 'functions that ask for the statement or opt out',
      yaml: `
service: catalog
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action: dynamodb:PutItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Products
functions:
  search:
    handler: handler.search
    iam:
      inheritStatements: false
  index:
    handler: handler.index
    iam:
      inheritStatements: true
`,
    },
    {
      name: 'shared mode without dedicated roles: nothing is inherited',
      yaml: `
service: catalog
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:*
          Resource: '*'
functions:
  search:
    handler: handler.search
`,
    },
    {
      name: 'wildcard reads are not reported when wildcardActions is off',
      options: { wildcardActions: false },
      yaml: `
service: catalog
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action: s3:Get*
          Resource: arn:aws:s3:::catalog-assets/*
functions:
  search:
    handler: handler.search
`,
    },
    {
      name: 'corpus: X-Ray telemetry inherited by traced functions (plugin roles get no X-Ray grant of their own)',
      yaml: `
service: appsync-backend
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
      Resource: '*'
custom:
  serverless-iam-roles-per-function:
    defaultInherit: true
functions:
  confirmUserSignup:
    handler: functions/confirm-user-signup.handler
    iamRoleStatements:
      - Effect: Allow
        Action: dynamodb:PutItem
        Resource: arn:aws:dynamodb:eu-west-1:123456789012:table/Users
`,
    },
  ],
  invalid: [
    {
      name: 'a service wildcard copied into every function role',
      yaml: `
service: catalog
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action: s3:*
          Resource: '*'
functions:
  search:
    handler: handler.search
  index:
    handler: handler.index
`,
      errors: [
        {
          messageId: 'broad',
          path: 'provider.iam.role.statements[0]',
          functions: ['index', 'search'],
          data: {
            actions: 's3:*',
            reason: 'wildcard action s3:*; on every resource (*)',
            count: 2,
            functions: 'index and search',
            why: 'In perFunction mode every function role inherits the provider statements by default',
            statementsKey: 'iam.role.statements',
            inheritKey: 'iam.inheritStatements',
          },
        },
      ],
    },
    {
      name: 'write access on a table copied into every function role',
      yaml: `
service: catalog
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action:
            - dynamodb:GetItem
            - dynamodb:PutItem
            - dynamodb:DeleteItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Products
functions:
  search:
    handler: handler.search
`,
      errors: [{ messageId: 'broad', path: 'provider.iam.role.statements[0]', functions: ['search'] }],
    },
    {
      name: 'only the functions that did not ask are named',
      yaml: `
service: catalog
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action: sqs:SendMessage
          Resource: '*'
functions:
  search:
    handler: handler.search
  index:
    handler: handler.index
    iam:
      inheritStatements: true
`,
      errors: [{ messageId: 'broad', functions: ['search'] }],
    },
    {
      name: 'shared mode with defaultInherit',
      yaml: `
service: catalog
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: iam:PassRole
          Resource: '*'
custom:
  serverless-iam-roles-per-function:
    defaultInherit: true
functions:
  index:
    handler: handler.index
    iam:
      role:
        statements:
          - Effect: Allow
            Action: es:ESHttpPost
            Resource: arn:aws:es:us-east-1:123456789012:domain/catalog/*
`,
      errors: [{ messageId: 'broad', path: 'provider.iam.role.statements[0]', functions: ['index'] }],
    },
    {
      name: 'X-Ray telemetry inherited by a function that is not traced; plugin keys in the advice',
      yaml: `
service: appsync-backend
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
  iamRoleStatements:
    - Effect: Allow
      Action:
        - xray:PutTraceSegments
        - xray:PutTelemetryRecords
      Resource: '*'
custom:
  serverless-iam-roles-per-function:
    defaultInherit: true
functions:
  confirmUserSignup:
    handler: functions/confirm-user-signup.handler
    iamRoleStatements:
      - Effect: Allow
        Action: dynamodb:PutItem
        Resource: arn:aws:dynamodb:eu-west-1:123456789012:table/Users
`,
      errors: [
        {
          messageId: 'broad',
          path: 'provider.iamRoleStatements[0]',
          functions: ['confirmUserSignup'],
          data: {
            actions: 'xray:PutTraceSegments, xray:PutTelemetryRecords',
            reason: 'write access: xray:PutTraceSegments, xray:PutTelemetryRecords; on every resource (*)',
            count: 1,
            functions: 'confirmUserSignup',
            why: '`custom.serverless-iam-roles-per-function.defaultInherit` makes every function role inherit the provider statements',
            statementsKey: 'iamRoleStatements',
            inheritKey: 'iamRoleStatementsInherit',
          },
        },
      ],
    },
  ],
});
