import rule from '../../rules/no-unscoped-permissions-management.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'permissions management on specific resources',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [s3:PutBucketPolicy, s3:PutObjectAcl]
                  Resource:
                    - arn:aws:s3:::files
                    - arn:aws:s3:::files/*
                - Effect: Allow
                  Action: kms:CreateGrant
                  Resource: !GetAtt FilesKey.Arn
        functions:
          share:
            handler: handler.share
        resources:
          Resources:
            FilesKey:
              Type: AWS::KMS::Key
      `,
    },
    {
      name: 'reads and writes on * are other rules’ business; a narrowing condition counts',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [s3:GetObject, dynamodb:PutItem, xray:PutTraceSegments]
                  Resource: '*'
                - Effect: Allow
                  Action: iam:PutRolePolicy
                  Resource: '*'
                  Condition:
                    StringEquals:
                      aws:ResourceTag/team: files
        functions:
          read:
            handler: handler.read
      `,
    },
    {
      name: 'allowedActions, and an ${ssm:} value is not *',
      options: { allowedActions: ['kms:CreateGrant'] },
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: kms:CreateGrant
                  Resource: '*'
                - Effect: Allow
                  Action: sqs:SetQueueAttributes
                  Resource: \${ssm:/files/queue-arn}
        functions:
          read:
            handler: handler.read
      `,
    },
  ],
  invalid: [
    {
      name: 'iam:PutRolePolicy on * (shared role, two functions)',
      yaml: `
        service: ops
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: iam:PutRolePolicy
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
          data: { resource: '*', actions: 'iam:PutRolePolicy', formats: 'arn:aws:iam::<Account>:role/<RoleNameWithPath> for iam:PutRolePolicy' },
        },
      ],
    },
    {
      name: 's3:Put* on an effectively-* ARN includes the policy and ACL writes',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  Action: s3:Put*
                  Resource: !Join ['', ['arn:aws:s3:::', '*']]
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
      `,
      errors: [{ messageId: 'unscoped', path: 'provider.iam.role.statements[0].Resource', functions: ['a', 'b'] }],
    },
    {
      name: 'Action * on *',
      yaml: `
        service: admin
        provider:
          name: aws
        functions:
          admin:
            handler: handler.admin
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: '*'
                    Resource: '*'
      `,
      errors: [{ messageId: 'everything', path: 'functions.admin.iam.role.statements[0].Resource', functions: ['admin'], data: { action: '"*"', resource: '*' } }],
    },
    {
      name: 'NotAction with Allow that leaves IAM in',
      yaml: `
        service: ops
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  NotAction: [s3:*]
                  Resource: '*'
        functions:
          a:
            handler: handler.a
      `,
      errors: [{ messageId: 'notAction', path: 'provider.iam.role.statements[0].NotAction' }],
    },
  ],
});
