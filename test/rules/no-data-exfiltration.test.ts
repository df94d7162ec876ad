import rule from '../../rules/no-data-exfiltration.js';
import { DATA_READ_ACTIONS } from '../../rules/no-data-exfiltration.js';
import { actionExists } from '../../src/iam/index.js';
import { expect, it } from 'vitest';
import { ruleTester } from '../helpers/rule-tester.js';

it('every data-read action is known to the AWS data', () => {
  expect(DATA_READ_ACTIONS.filter((a) => !actionExists(a))).toEqual([]);
});

ruleTester(rule).run({
  valid: [
    {
      name: 'reads scoped to the function’s own bucket, table and parameters',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [s3:GetObject]
                  Resource: arn:aws:s3:::orders-exports/*
                - Effect: Allow
                  Action: [dynamodb:GetItem, dynamodb:Query]
                  Resource: !GetAtt OrdersTable.Arn
                - Effect: Allow
                  Action: ssm:GetParameter*
                  Resource: !Sub arn:aws:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/orders/*
        functions:
          get:
            handler: handler.get
        resources:
          Resources:
            OrdersTable:
              Type: AWS::DynamoDB::Table
      `,
    },
    {
      name: 'an ${ssm:} secret ARN is one concrete value, not *',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: secretsmanager:GetSecretValue
                  Resource: \${ssm:/orders/secret-arn}
        functions:
          get:
            handler: handler.get
      `,
    },
    {
      name: 'X-Ray and list actions on *, and allowedActions',
      options: { allowedActions: ['kms:Decrypt'] },
      yaml: `
        service: orders
        provider:
          name: aws
          tracing:
            lambda: true
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [s3:ListAllMyBuckets, kms:Decrypt]
                  Resource: '*'
        functions:
          get:
            handler: handler.get
      `,
    },
  ],
  invalid: [
    {
      name: 's3:Get* in string form on *',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3:Get*
                  Resource: '*'
        functions:
          read:
            handler: handler.read
      `,
      errors: [
        {
          messageId: 'unscoped',
          path: 'provider.iam.role.statements[0].Resource',
          line: 9,
          functions: ['read'],
          data: {
            resource: '*',
            what: 'S3 object',
            actions: 's3:GetObject and s3:GetObjectVersion',
            formats: 'arn:aws:s3:::<BucketName>/<ObjectName> for s3:GetObject and s3:GetObjectVersion',
          },
        },
      ],
    },
    {
      name: 'Fn::Join building arn:aws:s3:::*, inherited by every function',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource:
                    Fn::Join:
                      - ''
                      - - 'arn:'
                        - Ref: AWS::Partition
                        - ':s3:::*'
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
          c:
            handler: handler.c
      `,
      errors: [{ messageId: 'unscoped', path: 'provider.iam.role.statements[0].Resource', functions: ['a', 'b', 'c'] }],
    },
    {
      name: 'secrets and parameters on *',
      yaml: `
        service: config
        provider:
          name: aws
        functions:
          boot:
            handler: handler.boot
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: [secretsmanager:GetSecretValue, ssm:GetParametersByPath]
                    Resource: arn:aws:*:*:*:*
      `,
      errors: [{ messageId: 'unscoped', path: 'functions.boot.iam.role.statements[0].Resource', functions: ['boot'] }],
    },
    {
      name: 'a Kafka secret ARN that is * in all but name: reported at the user’s setting',
      yaml: `
        service: stream
        provider:
          name: aws
        functions:
          consume:
            handler: handler.consume
            events:
              - kafka:
                  topic: orders
                  bootstrapServers: [broker:9092]
                  accessConfigurations:
                    saslScram512Auth: arn:aws:secretsmanager:*:*:secret:*
      `,
      errors: [{ messageId: 'unscopedSetting', functions: ['consume'] }],
    },
  ],
});
