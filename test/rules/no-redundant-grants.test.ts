import { describe, expect, it } from 'vitest';
import rule from '../../rules/no-redundant-grants.js';
import { lintSnippet, ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'a statement on another queue than the event source',
      yaml: `
service: notify
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: sqs:SendMessage
          Resource: arn:aws:sqs:us-east-1:123456789012:outbox
functions:
  send:
    handler: handler.send
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:inbox
`,
    },
    {
      name: 'X-Ray written by hand while tracing is off',
      yaml: `
service: notify
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - xray:PutTraceSegments
            - xray:PutTelemetryRecords
          Resource: '*'
functions:
  send:
    handler: handler.send
`,
    },
    {
      name: 'a broader statement than the consumer grant',
      yaml: `
service: notify
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: sqs:*
          Resource: arn:aws:sqs:us-east-1:123456789012:inbox
functions:
  send:
    handler: handler.send
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:inbox
`,
    },
    {
      name: 'an inherited statement redundant for one function but not for the other',
      yaml: `
service: notify
provider:
  name: aws
  iam:
    role:
      mode: perFunction
      statements:
        - Effect: Allow
          Action: sqs:ReceiveMessage
          Resource: arn:aws:sqs:us-east-1:123456789012:inbox
functions:
  send:
    handler: handler.send
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:inbox
  peek:
    handler: handler.peek
`,
    },
  ],
  invalid: [
    {
      name: 'X-Ray written by hand while tracing is on',
      yaml: `
service: notify
provider:
  name: aws
  tracing:
    lambda: true
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - xray:PutTraceSegments
            - xray:PutTelemetryRecords
          Resource: '*'
functions:
  send:
    handler: handler.send
`,
      errors: [{ messageId: 'redundant', path: 'provider.iam.role.statements[0]', functions: ['send'] }],
    },
    {
      name: 'the SQS consumer grant written by hand',
      yaml: `
service: notify
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - sqs:ReceiveMessage
            - sqs:DeleteMessage
          Resource: arn:aws:sqs:us-east-1:123456789012:inbox
functions:
  send:
    handler: handler.send
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:inbox
`,
      errors: [
        {
          messageId: 'redundant',
          path: 'provider.iam.role.statements[0]',
          data: { functions: 'send', cause: 'functions.send.events[0].sqs', what: 'the sqs grant' },
        },
      ],
    },
    {
      name: 'a dedicated role repeating its own consumer grant',
      yaml: `
service: notify
provider:
  name: aws
  iam:
    role:
      mode: perFunction
functions:
  send:
    handler: handler.send
    iam:
      role:
        statements:
          - Effect: Allow
            Action: sqs:GetQueueAttributes
            Resource: arn:aws:sqs:us-east-1:123456789012:inbox
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:inbox
`,
      errors: [{ messageId: 'redundant', path: 'functions.send.iam.role.statements[0]', functions: ['send'] }],
    },
    {
      name: 'network-interface permissions next to a VPC configuration',
      yaml: `
service: notify
provider:
  name: aws
  vpc:
    securityGroupIds: [sg-0123456789abcdef0]
    subnetIds: [subnet-0123456789abcdef0]
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - ec2:CreateNetworkInterface
            - ec2:DescribeNetworkInterfaces
            - ec2:DeleteNetworkInterface
          Resource: '*'
functions:
  send:
    handler: handler.send
`,
      errors: [{ messageId: 'redundant', path: 'provider.iam.role.statements[0]' }],
    },
  ],
});

describe('no-redundant-grants related notes', () => {
  it('names each setting once, however many of its actions the statement repeats (corpus: X-Ray with tracing)', async () => {
    const { ruleFindings } = await lintSnippet(rule, {
      yaml: `
service: licences
provider:
  name: aws
  tracing:
    lambda: true
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - xray:PutTraceSegments
            - xray:PutTelemetryRecords
          Resource: '*'
functions:
  createLicence:
    handler: functions/create.handler
`,
    });
    expect(ruleFindings).toHaveLength(1);
    const notes = ruleFindings[0]!.related.filter((r) => r.kind === 'note');
    expect(notes.map((r) => r.message)).toEqual(['already granted because of provider.tracing.lambda']);
  });
});
