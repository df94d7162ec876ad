import rule from '../../rules/no-privilege-escalation.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'iam:PassRole scoped to one role: creating and invoking functions does not escalate',
      yaml: `
        service: deployer
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: iam:PassRole
                  Resource: arn:aws:iam::123456789012:role/worker-role
                - Effect: Allow
                  Action: [lambda:CreateFunction, lambda:InvokeFunction]
                  Resource: '*'
        functions:
          deploy:
            handler: handler.deploy
      `,
    },
    {
      name: 'iam:PassRole on * but only to ECS tasks: the Lambda path is closed',
      yaml: `
        service: deployer
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: iam:PassRole
                  Resource: '*'
                  Condition:
                    StringEquals:
                      iam:PassedToService: ecs-tasks.amazonaws.com
                - Effect: Allow
                  Action: [lambda:CreateFunction, lambda:InvokeFunction]
                  Resource: '*'
        functions:
          deploy:
            handler: handler.deploy
      `,
    },
    {
      name: 'escalating actions scoped to a resource, or denied everywhere',
      yaml: `
        service: ops
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: iam:PutRolePolicy
                  Resource: arn:aws:iam::123456789012:role/reporting-role
                - Effect: Allow
                  Action: lambda:UpdateFunctionCode
                  Resource: '*'
                - Effect: Deny
                  Action: lambda:Update*
                  Resource: '*'
        functions:
          ops:
            handler: handler.ops
      `,
    },
    {
      name: 'the Framework’s own grants (X-Ray, SQS, logs) and an ${ssm:} role ARN',
      yaml: `
        service: worker
        provider:
          name: aws
          tracing:
            lambda: true
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [iam:PassRole]
                  Resource: \${ssm:/worker/role-arn}
                - Effect: Allow
                  Action: [lambda:CreateFunction, lambda:InvokeFunction]
                  Resource: '*'
        functions:
          work:
            handler: handler.work
            events:
              - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
      `,
    },
  ],
  invalid: [
    {
      name: 'across statements: inherited iam:PassRole + the function’s own Lambda actions',
      yaml: `
        service: deployer
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  Action: iam:PassRole
                  Resource: '*'
        functions:
          deploy:
            handler: handler.deploy
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action:
                      - lambda:CreateFunction
                      - lambda:InvokeFunction
                    Resource: '*'
          status:
            handler: handler.status
      `,
      errors: [
        {
          messageId: 'escalation',
          path: 'provider.iam.role.statements[0].Action',
          line: 9,
          functions: ['deploy'],
          data: {
            paths:
              '`iam:PassRole` + `lambda:CreateFunction` + `lambda:InvokeFunction` (create a function that runs with any role, then invoke it)',
          },
        },
      ],
    },
    {
      name: 'one action is enough: iam:PutRolePolicy on * (shared role)',
      yaml: `
        service: ops
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action:
                    - s3:GetObject
                    - iam:PutRolePolicy
                  Resource: '*'
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
      `,
      errors: [
        {
          messageId: 'escalation',
          path: 'provider.iam.role.statements[0].Action[1]',
          functions: ['a', 'b'],
          data: { paths: '`iam:PutRolePolicy` (write any inline policy into its own role)' },
        },
      ],
    },
    {
      name: 'an inherited statement is reported once, naming every function',
      yaml: `
        service: ops
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  Action: iam:Attach*Policy
                  Resource: arn:aws:iam::*:*
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
          c:
            handler: handler.c
      `,
      errors: [{ messageId: 'escalation', path: 'provider.iam.role.statements[0].Action', functions: ['a', 'b', 'c'] }],
    },
    {
      name: 'a broad destination ARN (the user’s setting) completes the path',
      yaml: `
        service: deployer
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [iam:PassRole, lambda:CreateFunction]
                  Resource: '*'
        functions:
          deploy:
            handler: handler.deploy
            destinations:
              onSuccess: arn:aws:lambda:*:*:function:*
      `,
      errors: [
        {
          messageId: 'escalation',
          path: 'provider.iam.role.statements[0].Action[0]',
          functions: ['deploy'],
        },
      ],
    },
    {
      name: 'Allow + NotAction counts as every action it does not exclude',
      yaml: `
        service: ops
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  NotAction: [s3:*, dynamodb:*]
                  Resource: '*'
        functions:
          a:
            handler: handler.a
      `,
      errors: [{ messageId: 'escalation', path: 'provider.iam.role.statements[0].NotAction' }],
    },
  ],
});
