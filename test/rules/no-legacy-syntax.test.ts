import rule from '../../rules/no-legacy-syntax.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'v4 provider syntax',
      yaml: `
        service: users
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: cognito-idp:AdminGetUser
                  Resource: arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc
              managedPolicies:
                - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess
              permissionsBoundary: arn:aws:iam::123456789012:policy/boundary
        functions:
          profile:
            handler: handler.profile
      `,
    },
    {
      name: 'v4 function syntax',
      yaml: `
        service: users
        provider:
          name: aws
        functions:
          profile:
            handler: handler.profile
            iam:
              inheritStatements: true
              role:
                name: users-profile-role
                permissionsBoundary: arn:aws:iam::123456789012:policy/boundary
                statements:
                  - Effect: Allow
                    Action: dynamodb:GetItem
                    Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Users
      `,
    },
    {
      name: 'existing role through provider.iam.role and a function role',
      yaml: `
        service: users
        provider:
          name: aws
          iam:
            role: arn:aws:iam::123456789012:role/users-exec
            deploymentRole: arn:aws:iam::123456789012:role/cfn-exec
        functions:
          profile:
            handler: handler.profile
            role: arn:aws:iam::123456789012:role/profile-exec
      `,
    },
  ],
  invalid: [
    {
      name: 'every legacy provider key',
      yaml: `
        service: users
        provider:
          name: aws
          role: arn:aws:iam::123456789012:role/users-exec
          rolePermissionsBoundary: arn:aws:iam::123456789012:policy/boundary
          cfnRole: arn:aws:iam::123456789012:role/cfn-exec
          iamManagedPolicies:
            - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess
          iamRoleStatements:
            - Effect: Allow
              Action: s3:GetObject
              Resource: arn:aws:s3:::avatars/*
        functions:
          profile:
            handler: handler.profile
      `,
      errors: [
        { messageId: 'deprecated', path: 'provider.role', line: 4, data: { key: 'provider.role', replacement: 'provider.iam.role', note: ' Its value (ARN, logical id or `!GetAtt`) goes there as is.' } },
        { messageId: 'deprecated', path: 'provider.rolePermissionsBoundary', line: 5, data: { key: 'provider.rolePermissionsBoundary', replacement: 'provider.iam.role.permissionsBoundary', note: '' } },
        { messageId: 'deprecated', path: 'provider.cfnRole', line: 6, data: { key: 'provider.cfnRole', replacement: 'provider.iam.deploymentRole', note: '' } },
        { messageId: 'deprecated', path: 'provider.iamManagedPolicies', line: 7 },
        { messageId: 'deprecated', path: 'provider.iamRoleStatements', line: 9, data: { key: 'provider.iamRoleStatements', replacement: 'provider.iam.role.statements', note: '' } },
      ],
    },
    {
      name: 'legacy provider keys next to their v4 replacement are ignored',
      yaml: `
        service: users
        provider:
          name: aws
          iam:
            role:
              permissionBoundary: arn:aws:iam::123456789012:policy/old-boundary
              permissionsBoundary: arn:aws:iam::123456789012:policy/boundary
              statements:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: arn:aws:s3:::avatars/*
          iamRoleStatements:
            - Effect: Allow
              Action: s3:PutObject
              Resource: arn:aws:s3:::avatars/*
        functions:
          profile:
            handler: handler.profile
      `,
      errors: [
        {
          messageId: 'deprecated',
          path: 'provider.iam.role.permissionBoundary',
          data: { key: 'provider.iam.role.permissionBoundary', replacement: 'provider.iam.role.permissionsBoundary', note: ' It is ignored: `permissionsBoundary` is also set.' },
        },
        {
          messageId: 'deprecated',
          path: 'provider.iamRoleStatements',
          data: { key: 'provider.iamRoleStatements', replacement: 'provider.iam.role.statements', note: ' It is ignored: `provider.iam.role.statements` is also set.' },
        },
      ],
    },
    {
      name: 'legacy function keys (built-in per-function roles)',
      yaml: `
        service: users
        provider:
          name: aws
        functions:
          profile:
            handler: handler.profile
            iamRoleStatementsName: users-profile-role
            iamRoleStatementsInherit: true
            iamPermissionsBoundary: arn:aws:iam::123456789012:policy/boundary
            iamRoleStatements:
              - Effect: Allow
                Action: dynamodb:GetItem
                Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Users
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: dynamodb:Query
                    Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Users
      `,
      errors: [
        { messageId: 'deprecated', path: 'functions.profile.iamRoleStatementsName', functions: ['profile'], data: { key: 'functions.profile.iamRoleStatementsName', replacement: 'functions.profile.iam.role.name', note: '' } },
        { messageId: 'deprecated', path: 'functions.profile.iamRoleStatementsInherit', functions: ['profile'] },
        { messageId: 'deprecated', path: 'functions.profile.iamPermissionsBoundary', functions: ['profile'] },
        {
          messageId: 'deprecated',
          path: 'functions.profile.iamRoleStatements',
          functions: ['profile'],
          data: {
            key: 'functions.profile.iamRoleStatements',
            replacement: 'functions.profile.iam.role.statements',
            note: ' It is ignored: `functions.profile.iam.role.statements` is also set.',
          },
        },
      ],
    },
    {
      name: 'provider.role: ~ (the key alone stops the shared role)',
      yaml: `
        service: users
        provider:
          name: aws
          role: ~
        functions:
          profile:
            handler: handler.profile
      `,
      errors: [
        {
          messageId: 'deprecated',
          path: 'provider.role',
          data: {
            key: 'provider.role',
            replacement: 'provider.iam.role',
            note: ' It is empty here, which is worse: no execution role is generated and every function points at IamRoleLambdaExecution, which does not exist. Remove the key, or give provider.iam.role the role to use.',
          },
        },
      ],
    },
    {
      name: 'functions given as a list of maps',
      yaml: `
        service: users
        provider:
          name: aws
        functions:
          - profile:
              handler: handler.profile
              iamRoleStatementsName: users-profile-role
              iam:
                role:
                  statements: []
          - avatar:
              handler: handler.avatar
      `,
      errors: [
        {
          messageId: 'deprecated',
          path: 'functions[0].profile.iamRoleStatementsName',
          functions: ['profile'],
          data: { key: 'functions[0].profile.iamRoleStatementsName', replacement: 'functions[0].profile.iam.role.name', note: '' },
        },
      ],
    },
    {
      name: 'with the serverless-iam-roles-per-function plugin: remove the plugin',
      yaml: `
        service: users
        plugins:
          - serverless-iam-roles-per-function
        provider:
          name: aws
        functions:
          profile:
            handler: handler.profile
            iamRoleStatements:
              - Effect: Allow
                Action: dynamodb:GetItem
                Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Users
      `,
      errors: [{ messageId: 'pluginSyntax', path: 'functions.profile.iamRoleStatements', functions: ['profile'] }],
    },
    {
      name: 'corpus: plugin syntax in a service pinned to Framework v3 (which needs the plugin)',
      yaml: `
service: qldb-streams
frameworkVersion: '3'
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
functions:
  stream:
    handler: functions/stream.handler
    iamRoleStatements:
      - Effect: Allow
        Action: dynamodb:PutItem
        Resource: arn:aws:dynamodb:eu-west-1:123456789012:table/Licences
`,
      errors: [
        {
          messageId: 'pluginSyntax',
          path: 'functions.stream.iamRoleStatements',
          data: {
            key: 'functions.stream.iamRoleStatements',
            replacement: 'functions.stream.iam.role.statements',
            note: ' `frameworkVersion` pins Framework v3, which needs the plugin: do this when you move to v4.',
          },
        },
      ],
    },
  ],
});
