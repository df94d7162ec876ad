import rule from '../../rules/no-unresolved-values.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'literal values',
      yaml: `
        service: ledger
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: dynamodb:PutItem
                  Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
        functions:
          post:
            handler: handler.post
      `,
    },
    {
      name: 'self references, params and intrinsics to this stack are known',
      yaml: `
        service: ledger
        params:
          default:
            tableName: Ledger
        custom:
          tableArn: arn:aws:dynamodb:\${aws:region}:123456789012:table/\${param:tableName}
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: dynamodb:PutItem
                  Resource: \${self:custom.tableArn}
                - Effect: Allow
                  Action: sqs:SendMessage
                  Resource: !GetAtt LedgerQueue.Arn
        functions:
          post:
            handler: handler.post
        resources:
          Resources:
            LedgerQueue:
              Type: AWS::SQS::Queue
      `,
    },
    {
      name: 'unresolvable values outside IAM settings do not matter',
      yaml: `
        service: ledger
        provider:
          name: aws
          environment:
            API_KEY: \${ssm:/ledger/api-key}
        functions:
          post:
            handler: handler.post
      `,
    },
  ],
  invalid: [
    {
      name: 'an ssm parameter in a statement Resource',
      yaml: `
        service: ledger
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: dynamodb:PutItem
                  Resource:
                    - arn:aws:dynamodb:us-east-1:123456789012:table/Ledger
                    - \${ssm:/ledger/archive-table-arn}
        functions:
          post:
            handler: handler.post
      `,
      errors: [{ messageId: 'unresolved', path: 'provider.iam.role.statements[0].Resource[1]', line: 11, functions: ['post'] }],
    },
    {
      name: 'inherited into every perFunction role: reported once',
      yaml: `
        service: ledger
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: \${cf:shared-storage.BucketArn}
        functions:
          post:
            handler: handler.post
          audit:
            handler: handler.audit
      `,
      errors: [{ messageId: 'unresolved', path: 'provider.iam.role.statements[0].Resource', functions: ['audit', 'post'] }],
    },
    {
      name: 'Fn::ImportValue managed policy and boundary',
      yaml: `
        service: ledger
        provider:
          name: aws
          iam:
            role:
              managedPolicies:
                - !ImportValue shared-ReadPolicyArn
              permissionsBoundary: \${ssm:/org/boundary-arn}
        functions:
          post:
            handler: handler.post
      `,
      errors: [
        { messageId: 'unresolved', path: 'provider.iam.role.managedPolicies[0]', line: 7 },
        { messageId: 'unresolved', path: 'provider.iam.role.permissionsBoundary', line: 8 },
      ],
    },
    {
      name: 'the execution role itself comes from ssm (one finding for all functions)',
      yaml: `
        service: ledger
        provider:
          name: aws
          iam:
            role: \${ssm:/ledger/exec-role-arn}
        functions:
          post:
            handler: handler.post
          audit:
            handler: handler.audit
      `,
      errors: [{ messageId: 'unresolvedRole', path: 'provider.iam.role', functions: ['audit', 'post'] }],
    },
    {
      name: 'one value used in two places: one finding, the other place as a related location',
      yaml: `
        service: ledger
        custom:
          archiveArn: \${ssm:/ledger/archive-table-arn}
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: dynamodb:Query
                  Resource: \${self:custom.archiveArn}
        functions:
          post:
            handler: handler.post
          audit:
            handler: handler.audit
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: dynamodb:PutItem
                    Resource: \${self:custom.archiveArn}
      `,
      errors: [
        {
          messageId: 'unresolved',
          functions: ['audit', 'post'],
          data: {
            what: "This statement's Resource",
            text: '\${ssm:/ledger/archive-table-arn}',
            reason: 'SSM parameter /ledger/archive-table-arn is not read (iamlint works offline)',
            more: ' (also used in 1 other place(s), listed below)',
            advice: 'Review it by hand.',
          },
        },
      ],
    },
    {
      name: 'an auto-grant from an event whose queue ARN is in another stack',
      yaml: `
        service: ledger
        provider:
          name: aws
        functions:
          consume:
            handler: handler.consume
            events:
              - sqs:
                  arn: !ImportValue shared-LedgerQueueArn
      `,
      errors: [{ messageId: 'unresolved', functions: ['consume'] }],
    },
    {
      name: 'corpus: a queue ARN from another stack is reported at the event that names it, not at the first queue',
      yaml: `
service: viva
provider:
  name: aws
functions:
  submitApplication:
    handler: submit.handler
    events:
      - sqs: arn:aws:sqs:eu-north-1:123456789012:applications
  submitCompletion:
    handler: complete.handler
    events:
      - sqs:
          arn: !ImportValue completions-queue-arn
`,
      errors: [
        {
          messageId: 'unresolved',
          path: 'functions.submitCompletion.events[0].sqs.arn',
          line: 13,
          data: {
            what: 'The value of \`functions.submitCompletion.events[0].sqs.arn\` (granted by the Framework)',
            text: 'Fn::ImportValue completions-queue-arn',
            reason: 'an export of another CloudFormation stack, known only at deploy time',
            more: '',
            advice: 'Review it by hand.',
          },
        },
      ],
    },
    {
      name: 'corpus: a service name from the environment is reported at \`service\` (the generated role name is built from it)',
      yaml: `
service: \${env:APP_NAME}-api
provider:
  name: aws
functions:
  admin:
    handler: admin.handler
`,
      errors: [
        {
          messageId: 'unresolved',
          path: 'service',
          line: 1,
          data: {
            what: 'The generated role name (built from \`service\`)',
            text: '\${env:APP_NAME}-api',
            reason: 'environment variable APP_NAME is not set',
            more: '',
            advice: 'Give iamlint the value (set APP_NAME in the environment or in \`settings.env\` of the iamlint config), or review it by hand.',
          },
        },
      ],
    },
    {
      name: 'an unknown stage (no --stage): the generated role name is reported at provider.stage',
      yaml: `
service: trpc-api
provider:
  name: aws
  stage: \${opt:stage}
functions:
  app:
    handler: h.h
`,
      errors: [
        {
          messageId: 'unresolved',
          path: 'provider.stage',
          line: 4,
          functions: ['app'],
          data: {
            what: 'The generated role name (built from the stage)',
            text: '\${opt:stage}',
            reason: 'option --stage is not given',
            more: '',
            advice: 'Give iamlint the value (pass --stage), or review it by hand.',
          },
        },
      ],
    },
    {
      name: 'a param iamlint was not given: the advice names settings.params',
      yaml: `
service: loyalty
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: secretsmanager:GetSecretValue
          Resource: \${param:DD_API_KEY_SECRET_ARN}
functions:
  points:
    handler: points.handler
`,
      errors: [
        {
          messageId: 'unresolved',
          path: 'provider.iam.role.statements[0].Resource',
          message:
            "This statement's Resource depends on \${param:DD_API_KEY_SECRET_ARN}, which iamlint cannot resolve offline: param \"DD_API_KEY_SECRET_ARN\" is not set (settings.params, params.dev, params.default); Serverless Dashboard parameters are not read. Checks that need this value were skipped. Give iamlint the value (set \`settings.params.DD_API_KEY_SECRET_ARN\` in the iamlint config), or review it by hand.",
        },
      ],
    },
  ],
});
