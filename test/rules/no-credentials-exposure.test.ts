import rule from '../../rules/no-credentials-exposure.js';
import { CREDENTIAL_ACTIONS } from '../../rules/no-credentials-exposure.js';
import { actionExists } from '../../src/iam/index.js';
import { expect, it } from 'vitest';
import { ruleTester } from '../helpers/rule-tester.js';

it('every credential action is known to the AWS data', () => {
  expect(CREDENTIAL_ACTIONS.filter((a) => !actionExists(a))).toEqual([]);
});

ruleTester(rule).run({
  valid: [
    {
      name: 'sts:AssumeRole on one role ARN',
      yaml: `
        service: reports
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: sts:AssumeRole
                  Resource: arn:aws:iam::210987654321:role/report-reader
        functions:
          report:
            handler: handler.report
      `,
    },
    {
      name: 'ecr:GetAuthorizationToken on * is not a credential exposure',
      yaml: `
        service: builds
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [ecr:GetAuthorizationToken, xray:PutTraceSegments]
                  Resource: '*'
        functions:
          build:
            handler: handler.build
      `,
    },
    {
      name: 'an ${ssm:} role ARN, a condition, and allowedActions',
      options: { allowedActions: ['rds-db:Connect'] },
      yaml: `
        service: reports
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: sts:AssumeRole
                  Resource: \${ssm:/reports/role-arn}
                - Effect: Allow
                  Action: sts:AssumeRole
                  Resource: '*'
                  Condition:
                    StringEquals:
                      aws:ResourceAccount: '210987654321'
                - Effect: Allow
                  Action: rds-db:Connect
                  Resource: '*'
        functions:
          report:
            handler: handler.report
      `,
    },
  ],
  invalid: [
    {
      name: 'sts:AssumeRole on * (shared role)',
      yaml: `
        service: reports
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: sts:AssumeRole
                  Resource: '*'
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
      `,
      errors: [
        {
          messageId: 'unscoped',
          path: 'provider.iam.role.statements[0].Resource',
          line: 9,
          functions: ['a', 'b'],
          data: { resource: '*', actions: 'sts:AssumeRole', formats: 'arn:aws:iam::<Account>:role/<RoleNameWithPath> for sts:AssumeRole' },
        },
      ],
    },
    {
      name: 'through patterns: iam:Create* on users and sts:Get* (only accepts *)',
      yaml: `
        service: ops
        provider:
          name: aws
        functions:
          ops:
            handler: handler.ops
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: [iam:Create*, sts:Get*]
                    Resource: '*'
      `,
      errors: [
        { messageId: 'unscoped', path: 'functions.ops.iam.role.statements[0].Resource', functions: ['ops'] },
        { messageId: 'unscopable', path: 'functions.ops.iam.role.statements[0].Resource', functions: ['ops'], data: { actions: 'sts:GetSessionToken' } },
      ],
    },
    {
      name: 'inherited, on an ARN that is * in all but name: reported once naming every function',
      yaml: `
        service: reports
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  Action: redshift:GetClusterCredentials
                  Resource: arn:aws:redshift:*:*:dbuser:*/*
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
      `,
      errors: [{ messageId: 'unscoped', path: 'provider.iam.role.statements[0].Resource', functions: ['a', 'b'] }],
    },
  ],
});
