import rule from '../../rules/valid-statements.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'well-formed provider and function statements',
      yaml: `
        service: search
        provider:
          name: aws
          iam:
            role:
              statements:
                - Sid: ReadIndex
                  Effect: Allow
                  Action:
                    - es:ESHttpGet
                    - es:ESHttpPost
                  Resource: arn:aws:es:us-east-1:123456789012:domain/search/*
                  Condition:
                    Bool:
                      aws:SecureTransport: 'true'
                - Effect: Deny
                  NotAction: es:ESHttpGet
                  NotResource: arn:aws:es:us-east-1:123456789012:domain/search/*
        functions:
          query:
            handler: handler.query
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: '*'
                    Resource: !Sub arn:aws:s3:::search-\${AWS::Region}/*
      `,
    },
    {
      name: 'empty and null statement lists (the Framework accepts them)',
      yaml: `
        service: search
        provider:
          name: aws
          iam:
            role:
              statements: []
        functions:
          query:
            handler: handler.query
            iam:
              role:
                statements: ~
      `,
    },
    {
      name: 'a role in resources with a single statement object',
      yaml: `
        service: search
        provider:
          name: aws
        functions:
          query:
            handler: handler.query
            role: QueryRole
        resources:
          Resources:
            QueryRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
                Policies:
                  - PolicyName: query
                    PolicyDocument:
                      Version: '2012-10-17'
                      Statement:
                        Effect: Allow
                        Action: es:ESHttpGet
                        Resource: '*'
      `,
    },
  ],
  invalid: [
    {
      name: 'lower-case keys and a lower-case Effect value',
      yaml: `
        service: search
        provider:
          name: aws
          iam:
            role:
              statements:
                - effect: Allow
                  action: es:ESHttpGet
                  Resource: '*'
                - Effect: allow
                  Action: es:ESHttpPost
                  Resource: '*'
        functions:
          query:
            handler: handler.query
      `,
      errors: [
        { messageId: 'wrongCase', path: 'provider.iam.role.statements[0].effect', line: 7, functions: ['query'], data: { setting: 'provider.iam.role.statements[0]', key: 'effect', expected: 'Effect' } },
        { messageId: 'wrongCase', path: 'provider.iam.role.statements[0].action', line: 8 },
        { messageId: 'badEffect', path: 'provider.iam.role.statements[1].Effect', line: 10, data: { setting: 'provider.iam.role.statements[1]', value: 'allow', suggestion: 'Effect: Allow' } },
      ],
    },
    {
      name: 'missing Resource, both Action and NotAction, misspelled and unknown keys (function statements)',
      yaml: `
        service: search
        provider:
          name: aws
        functions:
          index:
            handler: handler.index
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: es:ESHttpPut
                  - Effect: Allow
                    Action: es:ESHttpGet
                    NotAction: es:ESHttpDelete
                    Resources: '*'
                    Condtion: {}
      `,
      errors: [
        {
          messageId: 'missing',
          path: 'functions.index.iam.role.statements[0]',
          line: 10,
          functions: ['index'],
          data: {
            setting: 'functions.index.iam.role.statements[0]',
            key: 'Resource',
            framework: ' and Serverless refuses to package a function-level statement without it',
          },
        },
        { messageId: 'both', path: 'functions.index.iam.role.statements[1].NotAction', line: 14 },
        { messageId: 'misspelled', path: 'functions.index.iam.role.statements[1].Resources', line: 15, data: { setting: 'functions.index.iam.role.statements[1]', key: 'Resources', expected: 'Resource' } },
        { messageId: 'unknownKey', path: 'functions.index.iam.role.statements[1].Condtion', line: 16 },
      ],
    },
    {
      name: 'Principal in an execution role statement, empty Action, malformed action name',
      yaml: `
        service: search
        provider:
          name: aws
          iamRoleStatements:
            - Effect: Allow
              Principal: '*'
              Action: []
              Resource: '*'
            - Effect: Allow
              Action:
                - es:ESHttpGet
                - ESHttpPost
              Resource: '*'
        functions:
          query:
            handler: handler.query
      `,
      errors: [
        { messageId: 'principal', path: 'provider.iamRoleStatements[0].Principal', line: 6 },
        { messageId: 'empty', path: 'provider.iamRoleStatements[0].Action', line: 7 },
        { messageId: 'badAction', path: 'provider.iamRoleStatements[1].Action[1]', line: 12, data: { setting: 'provider.iamRoleStatements[1]', action: 'ESHttpPost' } },
      ],
    },
    {
      name: 'a Sid with dashes, and a Sid used by an inherited provider statement and the function',
      yaml: `
        service: search
        provider:
          name: aws
          iam:
            role:
              statements:
                - Sid: ReadIndex
                  Effect: Allow
                  Action: es:ESHttpGet
                  Resource: '*'
        functions:
          index:
            handler: handler.index
            iam:
              inheritStatements: true
              role:
                statements:
                  - Sid: ReadIndex
                    Effect: Allow
                    Action: es:ESHttpPost
                    Resource: '*'
                  - Sid: write-index
                    Effect: Allow
                    Action: es:ESHttpPut
                    Resource: '*'
      `,
      errors: [
        {
          messageId: 'duplicateSid',
          path: 'functions.index.iam.role.statements[0].Sid',
          line: 18,
          functions: ['index'],
          data: { setting: 'functions.index.iam.role.statements[0]', sid: 'ReadIndex', first: 'provider.iam.role.statements[0]' },
        },
        { messageId: 'badSid', path: 'functions.index.iam.role.statements[1].Sid', line: 22, data: { setting: 'functions.index.iam.role.statements[1]', sid: 'write-index', suggestion: 'writeindex' } },
      ],
    },
    {
      name: 'statements given as a mapping instead of a list',
      yaml: `
        service: search
        provider:
          name: aws
        functions:
          query:
            handler: handler.query
            iamRoleStatements:
              Effect: Allow
              Action: es:ESHttpGet
              Resource: '*'
      `,
      errors: [{ messageId: 'notList', path: 'functions.query.iamRoleStatements', functions: ['query'] }],
    },
  ],
});
