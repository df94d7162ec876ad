import rule from '../../rules/no-ignored-settings.js';
import { ruleTester } from '../helpers/rule-tester.js';

const tableStatement = `
          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Users`;

ruleTester(rule).run({
  valid: [
    {
      name: 'unknown stage: a provider log group under /aws/lambda/<service>- may be the granted one (cannot tell)',
      yaml: `
service: users
provider:
  name: aws
  stage: \${opt:stage}
  logs:
    lambda:
      logGroup: /aws/lambda/users-prod-shared
functions:
  get:
    handler: handler.get
`,
    },
    {
      name: 'plain shared role with provider statements',
      yaml: `
service: users
provider:
  name: aws
  iam:
    role:
      name: users-lambda
      statements:
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Users
functions:
  get:
    handler: handler.get
`,
    },
    {
      name: 'a dedicated role with its own name, boundary and tags',
      yaml: `
service: users
provider:
  name: aws
functions:
  get:
    handler: handler.get
    iam:
      inheritStatements: false
      role:
        name: users-get-role
        permissionsBoundary: arn:aws:iam::123456789012:policy/boundary
        tags:
          team: identity
        statements:${tableStatement}
`,
    },
    {
      name: 'perFunction mode with new-style provider managed policies',
      yaml: `
service: users
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      managedPolicies:
        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess
functions:
  get:
    handler: handler.get
`,
    },
    {
      name: 'an existing provider role with no function IAM settings',
      yaml: `
service: users
provider:
  name: aws
  iam:
    role: !GetAtt UsersRole.Arn
functions:
  get:
    handler: handler.get
resources:
  Resources:
    UsersRole:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal:
                Service: lambda.amazonaws.com
              Action: sts:AssumeRole
`,
    },
    {
      name: 'role plus statements is a packaging error, not an ignored setting',
      yaml: `
service: users
provider:
  name: aws
functions:
  get:
    handler: handler.get
    role: arn:aws:iam::123456789012:role/users-get
    iam:
      role:
        statements:${tableStatement}
`,
    },
    {
      name: 'function vpc with a real configuration',
      yaml: `
service: users
provider:
  name: aws
functions:
  get:
    handler: handler.get
    vpc:
      securityGroupIds: [sg-0123456789abcdef0]
      subnetIds: [subnet-0123456789abcdef0]
`,
    },
  ],
  invalid: [
    {
      name: 'function statements under an existing provider role',
      yaml: `
service: users
provider:
  name: aws
  iam:
    role: arn:aws:iam::123456789012:role/users-lambda
functions:
  get:
    handler: handler.get
    iam:
      role:
        statements:${tableStatement}
`,
      errors: [
        {
          messageId: 'underProviderRole',
          path: 'functions.get.iam.role.statements',
          functions: ['get'],
          data: { setting: 'functions.get.iam.role.statements', providerSetting: 'provider.iam.role', function: 'get' },
        },
      ],
    },
    {
      name: 'a role name and boundary without statements in shared mode',
      yaml: `
service: users
provider:
  name: aws
functions:
  get:
    handler: handler.get
    iam:
      role:
        name: users-get-role
        permissionsBoundary: arn:aws:iam::123456789012:policy/boundary
`,
      errors: [
        { messageId: 'withoutDedicatedRole', path: 'functions.get.iam.role.name' },
        { messageId: 'withoutDedicatedRole', path: 'functions.get.iam.role.permissionsBoundary' },
      ],
    },
    {
      name: 'legacy iamRoleStatements next to iam.role.statements',
      yaml: `
service: users
provider:
  name: aws
functions:
  get:
    handler: handler.get
    iam:
      role:
        statements:${tableStatement}
    iamRoleStatements:
      - Effect: Allow
        Action: dynamodb:PutItem
        Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Users
`,
      errors: [
        {
          messageId: 'legacyShadowed',
          path: 'functions.get.iamRoleStatements',
          data: { setting: 'functions.get.iamRoleStatements', winner: 'functions.get.iam.role.statements' },
        },
      ],
    },
    {
      name: 'legacy provider managed policies in perFunction mode',
      yaml: `
service: users
provider:
  name: aws
  iamManagedPolicies:
    - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess
  iam:
    role:
      mode: perFunction
functions:
  get:
    handler: handler.get
`,
      errors: [{ messageId: 'providerManagedPoliciesPerFunction', path: 'provider.iamManagedPolicies' }],
    },
    {
      name: 'legacy provider statements in perFunction mode reach no function',
      yaml: `
service: users
provider:
  name: aws
  iamRoleStatements:
    - Effect: Allow
      Action: dynamodb:GetItem
      Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Users
  iam:
    role:
      mode: perFunction
functions:
  get:
    handler: handler.get
`,
      errors: [{ messageId: 'legacyProviderUnused', path: 'provider.iamRoleStatements' }],
    },
    {
      name: 'provider.iam.role: !Ref is not a role reference',
      yaml: `
service: users
provider:
  name: aws
  iam:
    role: !Ref UsersRole
functions:
  get:
    handler: handler.get
resources:
  Resources:
    UsersRole:
      Type: AWS::IAM::Role
      Properties:
        AssumeRolePolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal:
                Service: lambda.amazonaws.com
              Action: sts:AssumeRole
`,
      errors: [{ messageId: 'providerIamRoleRef', path: 'provider.iam.role', data: { setting: 'provider.iam.role', ref: 'UsersRole' } }],
    },
    {
      name: 'provider role name in perFunction mode when every function names its role',
      yaml: `
service: users
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      name: users-lambda
functions:
  get:
    handler: handler.get
    iam:
      role:
        name: users-get
`,
      errors: [{ messageId: 'providerNameInPerFunction', path: 'provider.iam.role.name' }],
    },
    {
      name: 'frameworkVersion 3 without the plugin',
      yaml: `
service: users
frameworkVersion: '3'
provider:
  name: aws
functions:
  get:
    handler: handler.get
    iamRoleStatements:
      - Effect: Allow
        Action: dynamodb:GetItem
        Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Users
`,
      errors: [{ messageId: 'frameworkV3', path: 'functions.get.iamRoleStatements' }],
    },
    {
      name: 'function iam with the serverless-iam-roles-per-function plugin',
      yaml: `
service: users
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
functions:
  get:
    handler: handler.get
    iam:
      role:
        statements:${tableStatement}
`,
      errors: [{ messageId: 'withPlugin', path: 'functions.get.iam.role.statements' }],
    },
    {
      name: 'provider statements next to provider.role',
      yaml: `
service: users
provider:
  name: aws
  role: arn:aws:iam::123456789012:role/users-lambda
  iam:
    role:
      statements:
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Users
functions:
  get:
    handler: handler.get
`,
      errors: [{ messageId: 'providerIamUnused', path: 'provider.iam.role.statements' }],
    },
    {
      name: 'vpc: false and tracing: false do not opt out of the provider settings',
      yaml: `
service: users
provider:
  name: aws
  tracing:
    lambda: true
  vpc:
    securityGroupIds: [sg-0123456789abcdef0]
    subnetIds: [subnet-0123456789abcdef0]
functions:
  get:
    handler: handler.get
    vpc: false
    tracing: false
`,
      errors: [
        { messageId: 'vpcOptOutIgnored', path: 'functions.get.vpc', functions: ['get'] },
        { messageId: 'tracingOptOutIgnored', path: 'functions.get.tracing', functions: ['get'] },
      ],
    },
    {
      name: 'vpc: null attaches the VPC policy to the shared role',
      yaml: `
service: users
provider:
  name: aws
functions:
  get:
    handler: handler.get
    vpc: null
  list:
    handler: handler.list
`,
      errors: [{ messageId: 'vpcKeyAttachesPolicy', path: 'functions.get.vpc', functions: ['get', 'list'] }],
    },
    {
      name: 'the shared role ignores the provider-level log group',
      yaml: `
service: users
provider:
  name: aws
  logs:
    lambda:
      logGroup: /platform/lambda
functions:
  get:
    handler: handler.get
`,
      errors: [{ messageId: 'providerLogGroupIgnored', path: 'provider.logs.lambda.logGroup', functions: ['get'] }],
    },
    {
      name: 'unknown stage: a provider log group outside /aws/lambda/<service>- is certainly not granted',
      yaml: `
service: users
provider:
  name: aws
  stage: \${opt:stage}
  logs:
    lambda:
      logGroup: /platform/lambda
functions:
  get:
    handler: handler.get
`,
      errors: [{ messageId: 'providerLogGroupIgnored', path: 'provider.logs.lambda.logGroup', functions: ['get'] }],
    },
    {
      name: 'name and boundary next to a function role',
      yaml: `
service: users
provider:
  name: aws
functions:
  get:
    handler: handler.get
    role: arn:aws:iam::123456789012:role/users-get
    iam:
      role:
        permissionsBoundary: arn:aws:iam::123456789012:policy/boundary
`,
      errors: [{ messageId: 'underOwnRole', path: 'functions.get.iam.role.permissionsBoundary', functions: ['get'] }],
    },
    {
      name: 'legacy provider statements are not inherited when provider.iam exists',
      yaml: `
service: users
provider:
  name: aws
  iam:
    deploymentRole: arn:aws:iam::123456789012:role/deployer
  iamRoleStatements:
    - Effect: Allow
      Action: ssm:GetParameter
      Resource: arn:aws:ssm:us-east-1:123456789012:parameter/users/*
functions:
  get:
    handler: handler.get
    iam:
      inheritStatements: true
      role:
        statements:${tableStatement}
  list:
    handler: handler.list
`,
      errors: [{ messageId: 'legacyProviderNotInherited', path: 'provider.iamRoleStatements', functions: ['get'] }],
    },
    {
      name: 'legacy provider keys next to their provider.iam equivalents',
      yaml: `
service: users
provider:
  name: aws
  iamManagedPolicies:
    - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess
  rolePermissionsBoundary: arn:aws:iam::123456789012:policy/old-boundary
  iam:
    role:
      managedPolicies:
        - arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess
      permissionsBoundary: arn:aws:iam::123456789012:policy/boundary
functions:
  get:
    handler: handler.get
`,
      errors: [
        { messageId: 'legacyShadowed', path: 'provider.iamManagedPolicies', data: { setting: 'provider.iamManagedPolicies', winner: 'provider.iam.role.managedPolicies' } },
        { messageId: 'legacyShadowed', path: 'provider.rolePermissionsBoundary' },
      ],
    },
    {
      name: 'corpus: boundary and path under provider.iam.role while every function has its own role',
      yaml: `
service: app-api
provider:
  name: aws
  iam:
    role:
      path: /delegatedadmin/developer/
      permissionsBoundary: arn:aws:iam::123456789012:policy/developer-boundary-policy
functions:
  getUsers:
    handler: handlers/getUsers.main
    role: LambdaApiRole
resources:
  Resources:
    LambdaApiRole:
      Type: AWS::IAM::Role
      Properties:
        Path: /delegatedadmin/developer/
        PermissionsBoundary: arn:aws:iam::123456789012:policy/developer-boundary-policy
        AssumeRolePolicyDocument:
          Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal: { Service: lambda.amazonaws.com }
              Action: sts:AssumeRole
`,
      errors: [
        {
          messageId: 'providerIamUnused',
          path: 'provider.iam.role.path',
          line: 6,
          message:
            '`provider.iam.role.path` is ignored: every function sets its own `role`, so the Framework generates no role that would use it. Remove it, or set this on the role the functions use.',
        },
        { messageId: 'providerIamUnused', path: 'provider.iam.role.permissionsBoundary', line: 7 },
      ],
    },
  ],
});
