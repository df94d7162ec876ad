import rule from '../../rules/valid-resources.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: '!GetAtt Table.Arn is a DynamoDB table ARN: fine for dynamodb actions',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [dynamodb:GetItem, dynamodb:Query]
                  Resource:
                    - !GetAtt OrdersTable.Arn
                    - !Sub '\${OrdersTable.Arn}/index/*'
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
      name: 'literal ARNs, *, pseudo parameters and unknown values',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [s3:GetObject, s3:ListBucket]
                  Resource:
                    - arn:aws:s3:::files
                    - arn:aws:s3:::files/*
                - Effect: Allow
                  Action: [xray:PutTraceSegments, ec2:DescribeInstances]
                  Resource: '*'
                - Effect: Allow
                  Action: ssm:GetParameter
                  Resource:
                    - !Sub arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/files/*
                    - \${ssm:/files/param-arn}
                    - !ImportValue SharedParamArn
        functions:
          read:
            handler: handler.read
      `,
    },
    {
      name: 'Framework grants: SQS event with !GetAtt Queue.Arn, X-Ray on *',
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
              - sqs:
                  arn: !GetAtt JobsQueue.Arn
        resources:
          Resources:
            JobsQueue:
              Type: AWS::SQS::Queue
      `,
    },
    {
      name: 'allowedResources',
      options: { allowedResources: ['my-*'] },
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: my-bucket/*
        functions:
          read:
            handler: handler.read
      `,
    },
  ],
  invalid: [
    {
      name: '!GetAtt Table.Arn with an S3 action names nothing S3 acts on',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: !GetAtt OrdersTable.Arn
        functions:
          get:
            handler: handler.get
        resources:
          Resources:
            OrdersTable:
              Type: AWS::DynamoDB::Table
      `,
      errors: [
        {
          messageId: 'noMatch',
          path: 'provider.iam.role.statements[0].Resource',
          line: 9,
          data: { resource: '!GetAtt OrdersTable.Arn', actions: 's3:GetObject', formats: 'arn:aws:s3:::<BucketName>/<ObjectName> for s3:GetObject' },
        },
      ],
    },
    {
      name: 'an action of the statement that none of its resources can name',
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
                    - s3:GetObject
                  Resource: !GetAtt OrdersTable.Arn
        functions:
          get:
            handler: handler.get
        resources:
          Resources:
            OrdersTable:
              Type: AWS::DynamoDB::Table
      `,
      errors: [{ messageId: 'actionUnmatched', path: 'provider.iam.role.statements[0].Action[1]', data: { action: 's3:GetObject', formats: 'arn:aws:s3:::<BucketName>/<ObjectName> for s3:GetObject' } }],
    },
    {
      name: 'malformed ARN and a bare bucket name',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [s3:GetObject, dynamodb:GetItem]
                  Resource:
                    - arn:aws:dynamodb:us-east-1:12345678901:table/Orders
                    - files-bucket/*
        functions:
          read:
            handler: handler.read
      `,
      errors: [
        {
          messageId: 'malformed',
          path: 'provider.iam.role.statements[0].Resource[0]',
          data: { resource: 'arn:aws:dynamodb:us-east-1:12345678901:table/Orders', problem: 'the account field `12345678901` has 11 digits; an account id has 12' },
        },
        { messageId: 'notArn', path: 'provider.iam.role.statements[0].Resource[1]' },
      ],
    },
    {
      name: '!Ref of a queue in an SQS event is its URL: reported at the event setting',
      yaml: `
        service: worker
        provider:
          name: aws
        functions:
          work:
            handler: handler.work
            events:
              - sqs:
                  arn: !Ref JobsQueue
        resources:
          Resources:
            JobsQueue:
              Type: AWS::SQS::Queue
      `,
      errors: [
        {
          messageId: 'notArn',
          path: 'functions.work.events[0].sqs.arn',
          functions: ['work'],
          data: { resource: '!Ref JobsQueue', what: 'its URL (AWS::SQS::Queue)', hint: 'use `!GetAtt JobsQueue.Arn`' },
        },
      ],
    },
    {
      name: 'wildcard-only actions on a specific ARN, inherited by every function',
      yaml: `
        service: images
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  Action: [ec2:DescribeInstances, xray:PutTraceSegments]
                  Resource: arn:aws:ec2:us-east-1:123456789012:instance/*
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
      `,
      errors: [{ messageId: 'wildcardOnly', path: 'provider.iam.role.statements[0].Resource', functions: ['a', 'b'] }],
    },
  ],
});
