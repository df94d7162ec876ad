import rule from '../../rules/no-wildcard-action.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'explicit actions',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [dynamodb:GetItem, dynamodb:PutItem]
                  Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders
        functions:
          create:
            handler: handler.create
      `,
    },
    {
      name: 'service and prefix wildcards are other rules’ business',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [s3:*, s3:Get*]
                  Resource: arn:aws:s3:::files/*
        functions:
          read:
            handler: handler.read
      `,
    },
    {
      name: 'Deny with Action * is a guard rail',
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
                  Action: '*'
                  Resource: arn:aws:s3:::files/private/*
        functions:
          read:
            handler: handler.read
      `,
    },
    {
      name: 'X-Ray and other Framework grants never use Action *',
      yaml: `
        service: traced
        provider:
          name: aws
          tracing:
            lambda: true
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
      name: 'Action: "*" in string form on the shared role',
      yaml: `
        service: admin
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: '*'
                  Resource: '*'
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
      `,
      errors: [{ messageId: 'wildcardAction', path: 'provider.iam.role.statements[0].Action', line: 8, functions: ['a', 'b'], data: { action: '"*"' } }],
    },
    {
      name: 'in a list, even on a scoped resource',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action:
                    - s3:GetObject
                    - '*'
                  Resource: arn:aws:s3:::files/*
        functions:
          read:
            handler: handler.read
      `,
      errors: [{ messageId: 'wildcardAction', path: 'provider.iam.role.statements[0].Action[1]', line: 10 }],
    },
    {
      name: 'inherited into per-function roles: reported once naming every function',
      yaml: `
        service: admin
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  Action: '*:*'
                  Resource: '*'
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
          c:
            handler: handler.c
      `,
      errors: [{ messageId: 'wildcardAction', path: 'provider.iam.role.statements[0].Action', functions: ['a', 'b', 'c'] }],
    },
    {
      name: 'a role declared in resources',
      yaml: `
        service: admin
        provider:
          name: aws
        functions:
          a:
            handler: handler.a
            role: AdminRole
        resources:
          Resources:
            AdminRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
                Policies:
                  - PolicyName: admin
                    PolicyDocument:
                      Version: '2012-10-17'
                      Statement:
                        - Effect: Allow
                          Action: '*'
                          Resource: '*'
      `,
      errors: [
        {
          messageId: 'wildcardAction',
          path: 'resources.Resources.AdminRole.Properties.Policies[0].PolicyDocument.Statement[0].Action',
          functions: ['a'],
        },
      ],
    },
  ],
});
