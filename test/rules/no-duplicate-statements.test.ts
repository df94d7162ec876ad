import rule from '../../rules/no-duplicate-statements.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'different statements',
      yaml: `
service: ledger
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
        - Effect: Allow
          Action: dynamodb:PutItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
functions:
  post:
    handler: handler.post
`,
    },
    {
      name: 'same actions on different resources',
      yaml: `
service: ledger
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Accounts
functions:
  post:
    handler: handler.post
`,
    },
    {
      name: 'the same statement in two different roles',
      yaml: `
service: ledger
provider:
  name: aws
  iam:
    role:
      mode: perFunction
functions:
  post:
    handler: handler.post
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
  read:
    handler: handler.read
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
`,
    },
    {
      name: 'a function that opts out of inheritance may repeat a provider statement',
      yaml: `
service: ledger
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
functions:
  post:
    handler: handler.post
    iam:
      inheritStatements: false
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
`,
    },
  ],
  invalid: [
    {
      name: 'the same provider statement twice',
      yaml: `
service: ledger
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
functions:
  post:
    handler: handler.post
`,
      errors: [
        {
          messageId: 'duplicate',
          path: 'provider.iam.role.statements[1]',
          functions: ['post'],
          data: { original: 'provider.iam.role.statements[0]', how: '', functions: 'post' },
        },
      ],
    },
    {
      name: 'a duplicate through a YAML alias',
      yaml: `
service: ledger
provider:
  name: aws
  iam:
    role:
      statements:
        - &read
          Effect: Allow
          Action: dynamodb:GetItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
        - Effect: Allow
          Action: s3:GetObject
          Resource: arn:aws:s3:::ledger-exports/*
        - *read
functions:
  post:
    handler: handler.post
`,
      errors: [{ messageId: 'duplicate', path: 'provider.iam.role.statements[2]' }],
    },
    {
      name: 'a function statement that repeats an inherited one',
      yaml: `
service: ledger
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
functions:
  post:
    handler: handler.post
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
  read:
    handler: handler.read
`,
      errors: [
        {
          messageId: 'duplicate',
          path: 'functions.post.iam.role.statements[0]',
          functions: ['post'],
          data: { original: 'provider.iam.role.statements[0]', how: ' (inherited from the provider)', functions: 'post' },
        },
      ],
    },
    {
      name: 'the same grant written in another order and form',
      yaml: `
service: ledger
provider:
  name: aws
  iam:
    role:
      statements:
        - Sid: ReadWrite
          Effect: Allow
          Action:
            - dynamodb:PutItem
            - dynamodb:GetItem
          Resource:
            - arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
        - Effect: Allow
          Action: [dynamodb:getitem, dynamodb:PutItem]
          Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
functions:
  post:
    handler: handler.post
`,
      errors: [{ messageId: 'duplicate', path: 'provider.iam.role.statements[1]' }],
    },
  ],
});
