import rule from '../../rules/no-allow-not-action.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'Allow with an explicit Action list',
      yaml: `
        service: orders
        provider:
          name: aws
          runtime: nodejs20.x
          iam:
            role:
              statements:
                - Effect: Allow
                  Action:
                    - dynamodb:GetItem
                    - dynamodb:PutItem
                  Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders
        functions:
          create:
            handler: handler.create
      `,
    },
    {
      name: 'Deny with NotAction is the usual guard-rail pattern',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: arn:aws:s3:::orders-bucket/*
                - Effect: Deny
                  NotAction:
                    - s3:GetObject
                  Resource: '*'
        functions:
          read:
            handler: handler.read
      `,
    },
    {
      name: 'dedicated role with Action',
      yaml: `
        service: billing
        provider:
          name: aws
        functions:
          charge:
            handler: handler.charge
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: sqs:SendMessage
                    Resource: arn:aws:sqs:us-east-1:123456789012:charges
      `,
    },
  ],
  invalid: [
    {
      name: 'provider statement with Allow + NotAction reaches every function of the shared role',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  NotAction:
                    - iam:*
                  Resource: '*'
        functions:
          create:
            handler: handler.create
          list:
            handler: handler.list
      `,
      errors: [
        {
          messageId: 'allowNotAction',
          path: 'provider.iam.role.statements[0].NotAction',
          line: 8,
          functions: ['create', 'list'],
          data: { actions: 'iam:*' },
        },
      ],
    },
    {
      name: 'function-level statement (dedicated role)',
      yaml: `
        service: orders
        provider:
          name: aws
        functions:
          admin:
            handler: handler.admin
            iam:
              role:
                statements:
                  - Effect: Allow
                    NotAction: organizations:*
                    Resource: '*'
          list:
            handler: handler.list
      `,
      errors: [{ messageId: 'allowNotAction', path: 'functions.admin.iam.role.statements[0].NotAction', functions: ['admin'] }],
    },
    {
      name: 'perFunction mode: one finding for the inherited provider statement, naming every function',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  NotAction: [iam:*, organizations:*]
                  Resource: '*'
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
      `,
      errors: [
        {
          messageId: 'allowNotAction',
          path: 'provider.iam.role.statements[0].NotAction',
          functions: ['a', 'b'],
          data: { actions: 'iam:*, organizations:*' },
        },
      ],
    },
    {
      name: 'legacy provider.iamRoleStatements',
      yaml: `
        service: legacy
        provider:
          name: aws
          iamRoleStatements:
            - Effect: Allow
              NotAction: iam:*
              Resource: '*'
        functions:
          worker:
            handler: handler.worker
      `,
      errors: [{ messageId: 'allowNotAction', path: 'provider.iamRoleStatements[0].NotAction', functions: ['worker'] }],
    },
  ],
});
