import rule from '../../rules/no-service-wildcard-action.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'explicit actions and prefix wildcards',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [s3:Get*, s3:PutObject, s3:*Object]
                  Resource: arn:aws:s3:::files/*
        functions:
          read:
            handler: handler.read
      `,
    },
    {
      name: 'Action * is no-wildcard-action’s; an unknown prefix is valid-actions’',
      yaml: `
        service: admin
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: ['*', 'notaservice:*']
                  Resource: '*'
        functions:
          a:
            handler: handler.a
      `,
    },
    {
      name: 'allowedServices',
      options: { allowedServices: ['xray', 'cloudwatch'] },
      yaml: `
        service: metrics
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [xray:*, cloudwatch:*]
                  Resource: '*'
        functions:
          a:
            handler: handler.a
      `,
    },
    {
      name: 'Deny with a service wildcard',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: arn:aws:s3:::files/*
                - Effect: Deny
                  Action: iam:*
                  Resource: '*'
        functions:
          a:
            handler: handler.a
      `,
    },
  ],
  invalid: [
    {
      name: 's3:* in string form',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3:*
                  Resource: arn:aws:s3:::files/*
        functions:
          read:
            handler: handler.read
      `,
      errors: [{ messageId: 'serviceWildcard', path: 'provider.iam.role.statements[0].Action', line: 8, functions: ['read'] }],
    },
    {
      name: 'two services in a list (dedicated role)',
      yaml: `
        service: orders
        provider:
          name: aws
        functions:
          write:
            handler: handler.write
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action:
                      - dynamodb:*
                      - sqs:SendMessage
                      - SNS:*
                    Resource: '*'
      `,
      errors: [
        { messageId: 'serviceWildcard', path: 'functions.write.iam.role.statements[0].Action[0]', functions: ['write'] },
        { messageId: 'serviceWildcard', path: 'functions.write.iam.role.statements[0].Action[2]', functions: ['write'] },
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
                  Action: lambda:*
                  Resource: '*'
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
      `,
      errors: [{ messageId: 'serviceWildcard', path: 'provider.iam.role.statements[0].Action', functions: ['a', 'b'] }],
    },
    {
      name: 'a wildcard service part (s3*:*) spans several services',
      options: { allowedServices: ['s3'] },
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3*:*
                  Resource: '*'
        functions:
          a:
            handler: handler.a
      `,
      errors: [{ messageId: 'serviceWildcard', path: 'provider.iam.role.statements[0].Action' }],
    },
  ],
});
