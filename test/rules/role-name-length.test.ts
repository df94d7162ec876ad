import rule from '../../rules/role-name-length.js';
import { ruleTester } from '../helpers/rule-tester.js';

const long70 = 'payments-platform-production-eu-central-1-shared-lambda-execution-role'; // 70 characters

ruleTester(rule).run({
  valid: [
    {
      name: 'short generated shared name',
      yaml: `
        service: orders
        provider:
          name: aws
          region: us-east-1
        functions:
          create:
            handler: handler.create
      `,
    },
    {
      name: 'generated dedicated name over 64 with -lambdaRole, which the Framework drops (57 left)',
      yaml: `
        service: orders
        provider:
          name: aws
          region: us-east-1
        functions:
          processIncomingPaymentWebhookEvents:
            handler: handler.process
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: sqs:SendMessage
                    Resource: arn:aws:sqs:us-east-1:123456789012:payments
      `,
    },
    {
      name: 'explicit names of exactly 64 characters',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              name: orders-production-eu-central-1-shared-lambda-execution-role-0001
        functions:
          create:
            handler: handler.create
      `,
    },
    {
      name: 'explicit name built with !Sub and the region stays short',
      yaml: `
        service: orders
        provider:
          name: aws
          region: eu-west-1
          iam:
            role:
              name: !Sub 'orders-\${AWS::Region}-exec'
        functions:
          create:
            handler: handler.create
      `,
    },
    {
      name: 'unknown stage and region (no --stage, no REGION): only known parts are measured',
      yaml: `
        service: trpc-api
        provider:
          name: aws
          stage: \${opt:stage}
          region: \${env:REGION}
        functions:
          app:
            handler: h.h
      `,
    },
    {
      name: 'unknown stage: the text of the variable is never measured (known parts: 46 characters)',
      yaml: `
        service: customer-notification-preferences
        provider:
          name: aws
          stage: \${opt:stage}
          region: \${env:REGION}
        functions:
          app:
            handler: h.h
      `,
    },
    {
      name: 'unknown stage, per-function roles: known parts fit',
      yaml: `
        service: customer-notification-preferences
        provider:
          name: aws
          stage: \${opt:stage}
          iam:
            role:
              mode: perFunction
        functions:
          processIncomingWebhooks:
            handler: h.h
      `,
    },
  ],
  invalid: [
    {
      name: 'unknown stage, but the known parts of the generated shared name already exceed 64',
      yaml: `
        service: customer-notification-preferences-service-enterprise
        provider:
          name: aws
          stage: \${opt:stage}
          region: \${env:REGION}
        functions:
          app:
            handler: h.h
      `,
      errors: [
        {
          messageId: 'generatedShared',
          functions: ['app'],
          data: {
            name: 'customer-notification-preferences-service-enterprise-…-…-lambdaRole',
            length: 'at least 65',
            region: 'every region',
          },
        },
      ],
    },
    {
      name: 'the generated shared name is never shortened',
      yaml: `
        service: customer-notification-preferences-service
        provider:
          name: aws
          stage: production
          region: ap-southeast-2
        functions:
          send:
            handler: handler.send
      `,
      errors: [
        {
          messageId: 'generatedShared',
          functions: ['send'],
          data: {
            name: 'customer-notification-preferences-service-production-ap-southeast-2-lambdaRole',
            length: 78,
            region: 'ap-southeast-2',
          },
        },
      ],
    },
    {
      name: 'explicit provider name over 64',
      yaml: `
        service: payments
        provider:
          name: aws
          iam:
            role:
              name: ${long70}
        functions:
          charge:
            handler: handler.charge
      `,
      errors: [{ messageId: 'explicit', path: 'provider.iam.role.name', line: 6, functions: ['charge'], data: { name: long70, length: 70, role: 'IamRoleLambdaExecution', setting: 'provider.iam.role.name' } }],
    },
    {
      name: 'explicit function name over 64 (the Framework does not check it)',
      yaml: `
        service: payments
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
        functions:
          charge:
            handler: handler.charge
            iam:
              role:
                name: ${long70}
          refund:
            handler: handler.refund
      `,
      errors: [{ messageId: 'explicit', path: 'functions.charge.iam.role.name', functions: ['charge'] }],
    },
    {
      name: 'legacy iamRoleStatementsName over 64',
      yaml: `
        service: payments
        provider:
          name: aws
        functions:
          charge:
            handler: handler.charge
            iamRoleStatementsName: ${long70}
            iamRoleStatements:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: arn:aws:sqs:us-east-1:123456789012:charges
      `,
      errors: [{ messageId: 'explicit', path: 'functions.charge.iamRoleStatementsName', functions: ['charge'] }],
    },
    {
      name: 'RoleName of a role in resources',
      yaml: `
        service: payments
        provider:
          name: aws
        functions:
          charge:
            handler: handler.charge
            role: ChargeRole
        resources:
          Resources:
            ChargeRole:
              Type: AWS::IAM::Role
              Properties:
                RoleName: ${long70}
                AssumeRolePolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
      `,
      errors: [{ messageId: 'explicit', path: 'resources.Resources.ChargeRole.Properties.RoleName', functions: ['charge'] }],
    },
  ],
});
