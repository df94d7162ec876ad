import rule from '../../rules/no-wildcard-resource.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'X-Ray auto-grant on * (tracing on) is the Framework’s and X-Ray only accepts *',
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
                  Action: dynamodb:GetItem
                  Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders
        functions:
          get:
            handler: handler.get
          list:
            handler: handler.list
            tracing: Active
      `,
    },
    {
      name: 'actions that only accept * (xray, s3:ListAllMyBuckets, ecr:GetAuthorizationToken, ec2:Describe*)',
      yaml: `
        service: images
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action:
                    - xray:PutTraceSegments
                    - s3:ListAllMyBuckets
                    - ecr:GetAuthorizationToken
                    - ec2:Describe*
                    - logs:Describe*
                  Resource: '*'
        functions:
          build:
            handler: handler.build
      `,
    },
    {
      name: 'an ${ssm:} resource is a concrete value iamlint cannot see, never *',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: \${ssm:/files/bucket-arn}
                - Effect: Allow
                  Action: s3:PutObject
                  Resource: arn:aws:s3:::\${ssm:/files/bucket}/*
        functions:
          upload:
            handler: handler.upload
      `,
    },
    {
      name: 'scoped ARNs, GetAtt, and a resource-tag condition on *',
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
                    - !Join ['/', [!GetAtt OrdersTable.Arn, 'index', '*']]
                - Effect: Allow
                  Action: ec2:StartInstances
                  Resource: '*'
                  Condition:
                    StringEquals:
                      aws:ResourceTag/team: orders
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
      name: 'the Lambda VPC network-interface actions and cloudwatch:PutMetricData are accepted on * by default',
      yaml: `
        service: vpc
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action:
                    - ec2:CreateNetworkInterface
                    - ec2:DescribeNetworkInterfaces
                    - ec2:DeleteNetworkInterface
                    - cloudwatch:PutMetricData
                  Resource: '*'
        functions:
          query:
            handler: handler.query
      `,
    },
    {
      name: 'allowedActions accepts * for chosen actions',
      options: { allowedActions: ['cloudwatch:*', 'ses:SendEmail'] },
      yaml: `
        service: mailer
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [ses:SendEmail, cloudwatch:PutMetricAlarm]
                  Resource: '*'
        functions:
          send:
            handler: handler.send
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
      errors: [{ messageId: 'wildcardResource', path: 'provider.iam.role.statements[0].Resource', line: 9, functions: ['read'] }],
    },
    {
      name: 'Fn::Join building arn:aws:s3:::* is * in all but name',
      yaml: `
        service: files
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: [s3:GetObject]
                  Resource:
                    - arn:aws:s3:::files-bucket/*
                    - Fn::Join: ['', ['arn:aws:s3:::', '*']]
        functions:
          read:
            handler: handler.read
      `,
      errors: [
        {
          messageId: 'wildcardResource',
          path: 'provider.iam.role.statements[0].Resource[1]',
          data: {
            resource: 'arn:aws:s3:::*',
            actions: 's3:GetObject',
            formats: 'arn:aws:s3:::<BucketName>/<ObjectName> for s3:GetObject',
          },
        },
      ],
    },
    {
      name: 'an inherited statement is reported once, where it is written, naming every function',
      yaml: `
        service: orders
        provider:
          name: aws
          iam:
            role:
              mode: perFunction
              statements:
                - Effect: Allow
                  Action: dynamodb:PutItem
                  Resource: arn:aws:dynamodb:*:*:table/*
        functions:
          a:
            handler: handler.a
          b:
            handler: handler.b
          c:
            handler: handler.c
            iam:
              inheritStatements: false
      `,
      errors: [{ messageId: 'wildcardResource', path: 'provider.iam.role.statements[0].Resource', functions: ['a', 'b'] }],
    },
    {
      name: 'a broad event ARN is the user’s setting: reported there, not on the Framework',
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
                  arn: arn:aws:sqs:*:*:*
              - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
      `,
      errors: [{ messageId: 'wildcardSetting', path: 'functions.work.events[0].sqs.arn', functions: ['work'] }],
    },
    {
      name: 'a Framework log statement changed to * through resources is reported at that change',
      yaml: `
        service: orders
        provider:
          name: aws
        functions:
          a:
            handler: handler.a
        resources:
          Resources:
            IamRoleLambdaExecution:
              Properties:
                Policies:
                  - PolicyDocument:
                      Statement:
                        - Resource: '*'
      `,
      errors: [
        {
          messageId: 'wildcardResource',
          path: 'resources.Resources.IamRoleLambdaExecution.Properties.Policies[0].PolicyDocument.Statement[0].Resource',
          line: 14,
          functions: ['a'],
        },
      ],
    },
    {
      name: 'with allowedActions: [] the default exceptions are reported too',
      options: { allowedActions: [] },
      yaml: `
        service: metrics
        provider:
          name: aws
          iam:
            role:
              statements:
                - Effect: Allow
                  Action: cloudwatch:PutMetricData
                  Resource: '*'
        functions:
          emit:
            handler: handler.emit
      `,
      errors: [{ messageId: 'wildcardResource', path: 'provider.iam.role.statements[0].Resource' }],
    },
    {
      name: 'Action * on Resource * (function-level statement)',
      yaml: `
        service: admin
        provider:
          name: aws
        functions:
          admin:
            handler: handler.admin
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: '*'
                    Resource: '*'
      `,
      errors: [{ messageId: 'wildcardEverything', path: 'functions.admin.iam.role.statements[0].Resource', functions: ['admin'] }],
    },
  ],
});
