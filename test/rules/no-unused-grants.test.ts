import rule from '../../rules/no-unused-grants.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'every grant on the shared role is needed by a function on it',
      yaml: `
service: media
provider:
  name: aws
functions:
  transcode:
    handler: handler.transcode
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
  api:
    handler: handler.api
`,
    },
    {
      name: 'perFunction mode: no shared role, a custom-role function adds nothing anywhere',
      yaml: `
service: media
provider:
  name: aws
  iam:
    role:
      mode: perFunction
functions:
  transcode:
    handler: handler.transcode
    role: arn:aws:iam::123456789012:role/transcoder
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
  api:
    handler: handler.api
`,
    },
    {
      name: 'the custom-role function consumes a queue a shared-role function also consumes',
      yaml: `
service: media
provider:
  name: aws
functions:
  transcode:
    handler: handler.transcode
    role: arn:aws:iam::123456789012:role/transcoder
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
  audit:
    handler: handler.audit
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
`,
    },
    {
      name: 'perFunction mode: trust principals are per function',
      yaml: `
service: media
provider:
  name: aws
  iam:
    role:
      mode: perFunction
functions:
  edge:
    handler: handler.edge
    events:
      - cloudFront:
          eventType: viewer-request
          origin: s3://media-assets.s3.amazonaws.com/files
  nightly:
    handler: handler.nightly
    events:
      - schedule:
          rate: rate(1 day)
          method: scheduler
`,
    },
  ],
  invalid: [
    {
      name: 'grants of a function with its own role land on the shared role',
      yaml: `
service: media
provider:
  name: aws
functions:
  api:
    handler: handler.api
  transcode:
    handler: handler.transcode
    role: arn:aws:iam::123456789012:role/transcoder
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
`,
      errors: [{ messageId: 'customRoleGrant', path: 'functions.transcode.events[0].sqs', functions: ['api'] }],
    },
    {
      name: 'a shared role no function runs with',
      yaml: `
service: media
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:GetObject
          Resource: arn:aws:s3:::media-assets/*
functions:
  api:
    handler: handler.api
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Media
  transcode:
    handler: handler.transcode
    iam:
      role:
        managedPolicies:
          - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
`,
      errors: [
        {
          messageId: 'unusedRole',
          functions: [],
          data: { contents: '3 statements, 0 managed policies' },
        },
      ],
    },
    {
      name: 'corpus: every function has a plugin role; perFunction would crash the plugin, so the advice is to remove it',
      yaml: `
service: uploads
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
functions:
  scan:
    handler: handler.scan
    iamRoleStatements:
      - Effect: Allow
        Action: s3:GetObject
        Resource: arn:aws:s3:::uploads-bucket/*
`,
      errors: [{ messageId: 'unusedRolePlugin', path: 'provider', functions: [], data: { contents: '2 statements, 0 managed policies' } }],
    },
    {
      name: 'a dedicated role copies the CloudFront trust of another function',
      yaml: `
service: media
provider:
  name: aws
functions:
  edge:
    handler: handler.edge
    events:
      - cloudFront:
          eventType: viewer-request
          origin: s3://media-assets.s3.amazonaws.com/files
  api:
    handler: handler.api
    iam:
      role:
        statements:
          - Effect: Allow
            Action: dynamodb:GetItem
            Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Media
`,
      errors: [
        {
          messageId: 'inheritedTrust',
          path: 'functions.edge.events[0].cloudFront',
          functions: ['api'],
          data: { functions: 'api', principal: 'edgelambda.amazonaws.com', source: 'edge', setting: 'functions.edge.events[0].cloudFront' },
        },
      ],
    },
    {
      name: 'tracing on a dedicated function still adds X-Ray to the shared role',
      yaml: `
service: media
provider:
  name: aws
functions:
  api:
    handler: handler.api
  transcode:
    handler: handler.transcode
    tracing: Active
    iam:
      role:
        statements:
          - Effect: Allow
            Action: s3:PutObject
            Resource: arn:aws:s3:::media-output/*
`,
      errors: [{ messageId: 'strayGrant', path: 'functions.transcode.tracing', functions: ['api'] }],
    },
    {
      name: 'the external plugin keeps a dedicated function\'s queue on the shared role',
      yaml: `
service: media
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
functions:
  api:
    handler: handler.api
  transcode:
    handler: handler.transcode
    iamRoleStatements:
      - Effect: Allow
        Action: s3:PutObject
        Resource: arn:aws:s3:::media-output/*
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
`,
      errors: [{ messageId: 'pluginGrant', path: 'functions.transcode.events[0].sqs', functions: ['api'] }],
    },
  ],
});
