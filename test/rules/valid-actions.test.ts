import rule from '../../rules/valid-actions.js';
import { catalogVersion } from '../../src/iam/index.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** The AWS data date the messages quote. */
const date = catalogVersion().updatedAt.slice(0, 10);

ruleTester(rule).run({
  valid: [
    {
      name: 'real actions, any case, patterns that match something',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action:
                    - dynamodb:GetItem
                    - DynamoDB:putitem
                    - s3:Get*
                    - s3:*Object
                    - 'sqs:*'
                    - '*'
                    - s3*:List*
                  Resource: '*'
        functions:
          create:
            handler: handler.create
      `,
    },
    {
      name: 'values iamlint cannot see are not judged',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action:
                    - \${ssm:/orders/action}
                  Resource: '*'
        functions:
          create:
            handler: handler.create
      `,
    },
    {
      name: 'Framework grants (X-Ray, SQS, streams) are not the user’s to fix',
      yaml: `
        service: worker
        provider:
          name: aws
          tracing:
            lambda: true
        functions:
          work:
            handler: handler.work
            events:
              - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
              - stream: arn:aws:dynamodb:us-east-1:123456789012:table/Jobs/stream/2024-01-01T00:00:00.000
      `,
    },
    {
      name: 'allowedActions for actions newer than the data',
      options: { allowedActions: ['newsvc:*', 's3:BrandNewAction'] },
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [newsvc:DoThing, s3:BrandNewAction]
                  Resource: '*'
        functions:
          create:
            handler: handler.create
      `,
    },
  ],
  invalid: [
    {
      name: 'misspelt action, with a suggestion',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3:GetObjects
                  Resource: arn:aws:s3:::files/*
        functions:
          read:
            handler: handler.read
      `,
      errors: [
        {
          messageId: 'unknownAction',
          path: 'provider.iam.role.statements[0].Action',
          line: 8,
          functions: ['read'],
          data: { action: 's3:GetObjects', service: 'Amazon S3', suggestion: ' (did you mean `s3:GetObject`?)', date },
        },
      ],
    },
    {
      name: 'unknown service prefix, in a list',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action:
                    - dynamo:GetItem
                    - dynamodb:PutItem
                  Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders
        functions:
          create:
            handler: handler.create
      `,
      errors: [
        {
          messageId: 'unknownService',
          path: 'provider.iam.role.statements[0].Action[0]',
          data: { action: 'dynamo:GetItem', service: 'dynamo', suggestion: ' (did you mean `dynamodb:GetItem`?)', date },
        },
      ],
    },
    {
      name: 'a wildcard that matches nothing, and a misspelt NotAction in a Deny',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3:GetObjcet*
                  Resource: arn:aws:s3:::files/*
                - Effect: Deny
                  NotAction: [s3:GetObject, s3:ListBuckett]
                  Resource: '*'
        functions:
          read:
            handler: handler.read
      `,
      errors: [
        { messageId: 'matchesNothing', path: 'provider.iam.role.statements[0].Action', data: { action: 's3:GetObjcet*', service: 'Amazon S3', suggestion: ' (did you mean `s3:GetObject`?)', date } },
        { messageId: 'unknownAction', path: 'provider.iam.role.statements[1].NotAction[1]' },
      ],
    },
    {
      name: 'inherited into per-function roles: reported once naming every function',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  Action: sqs:SendMesage
                  Resource: arn:aws:sqs:us-east-1:123456789012:jobs
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
      `,
      errors: [{ messageId: 'unknownAction', path: 'provider.iam.role.statements[0].Action', functions: ['a', 'b'] }],
    },
  ],
});
