import rule from '../../rules/no-leaked-grants.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(rule).run({
  valid: [
    {
      name: 'perFunction mode: each queue grant stays on its consumer role',
      yaml: `
service: billing
provider:
  name: aws
  iam:
    role:
      mode: perFunction
functions:
  worker:
    handler: handler.worker
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:invoices
  api:
    handler: handler.api
    events:
      - httpApi: GET /invoices
`,
    },
    {
      name: 'two consumers of the same queue both need the grant',
      yaml: `
service: billing
provider:
  name: aws
functions:
  fast:
    handler: handler.fast
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:invoices
  slow:
    handler: handler.slow
    events:
      - sqs:
          arn: arn:aws:sqs:us-east-1:123456789012:invoices
          batchSize: 10
`,
    },
    {
      name: 'provider-wide tracing: every function needs the X-Ray grant',
      yaml: `
service: billing
provider:
  name: aws
  tracing:
    lambda: true
functions:
  worker:
    handler: handler.worker
  api:
    handler: handler.api
`,
    },
    {
      name: 'every function on the role enables tracing itself',
      yaml: `
service: billing
provider:
  name: aws
functions:
  worker:
    handler: handler.worker
    tracing: Active
  api:
    handler: handler.api
    tracing: Active
`,
    },
    {
      name: 'the consumer has a dedicated role: its grants stay off the shared role',
      yaml: `
service: billing
provider:
  name: aws
functions:
  worker:
    handler: handler.worker
    iam:
      role:
        statements:
          - Effect: Allow
            Action: s3:PutObject
            Resource: arn:aws:s3:::invoices/*
    onError: arn:aws:sns:us-east-1:123456789012:worker-dlq
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:invoices
  api:
    handler: handler.api
  admin:
    handler: handler.admin
`,
    },
    {
      name: 'two functions decrypting with the same KMS key',
      yaml: `
service: billing
provider:
  name: aws
functions:
  worker:
    handler: handler.worker
    kmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
  api:
    handler: handler.api
    kmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
`,
    },
    {
      name: 'a single function on the shared role',
      yaml: `
service: billing
provider:
  name: aws
functions:
  worker:
    handler: handler.worker
    kmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:invoices
`,
    },
  ],
  invalid: [
    {
      name: 'a queue consumer leaks its queue to the API function',
      yaml: `
service: billing
provider:
  name: aws
functions:
  worker:
    handler: handler.worker
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:invoices
  api:
    handler: handler.api
    events:
      - httpApi: GET /invoices
`,
      errors: [
        {
          messageId: 'leaked',
          path: 'functions.worker.events[0].sqs',
          functions: ['api'],
          data: {
            setting: 'functions.worker.events[0].sqs',
            source: 'worker',
            grant: 'sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes',
            role: 'IamRoleLambdaExecution',
            functions: 'api',
          },
        },
      ],
    },
    {
      name: 'two consumers of different queues: one finding per queue, not per pair',
      yaml: `
service: billing
provider:
  name: aws
functions:
  invoices:
    handler: handler.invoices
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:invoices
  refunds:
    handler: handler.refunds
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:refunds
  api:
    handler: handler.api
`,
      errors: [
        { messageId: 'leaked', path: 'functions.invoices.events[0].sqs', functions: ['api', 'refunds'] },
        { messageId: 'leaked', path: 'functions.refunds.events[0].sqs', functions: ['api', 'invoices'] },
      ],
    },
    {
      name: 'a scheduler event adds an invoke grant and scheduler trust for every function',
      yaml: `
service: billing
provider:
  name: aws
functions:
  nightly:
    handler: handler.nightly
    events:
      - schedule:
          rate: rate(1 day)
          method: scheduler
  api:
    handler: handler.api
`,
      errors: [{ messageId: 'leaked', path: 'functions.nightly.events[0].schedule', functions: ['api'] }],
    },
    {
      name: 'onError topic and KMS key of one function reach the others',
      yaml: `
service: billing
provider:
  name: aws
functions:
  worker:
    handler: handler.worker
    onError: arn:aws:sns:us-east-1:123456789012:worker-dlq
    kmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
  api:
    handler: handler.api
`,
      errors: [
        { messageId: 'leaked', path: 'functions.worker.onError', functions: ['api'] },
        { messageId: 'leaked', path: 'functions.worker.kmsKeyArn', functions: ['api'] },
      ],
    },
    {
      name: 'broker consumers: one finding per event; the identical network statement is not a leak',
      yaml: `
service: billing
provider:
  name: aws
functions:
  orders:
    handler: handler.orders
    events:
      - activemq:
          arn: arn:aws:mq:us-east-1:123456789012:broker:orders:b-1111
          basicAuthArn: arn:aws:secretsmanager:us-east-1:123456789012:secret:orders-mq
          queue: orders
  refunds:
    handler: handler.refunds
    events:
      - activemq:
          arn: arn:aws:mq:us-east-1:123456789012:broker:refunds:b-2222
          basicAuthArn: arn:aws:secretsmanager:us-east-1:123456789012:secret:refunds-mq
          queue: refunds
`,
      errors: [
        {
          messageId: 'leaked',
          path: 'functions.orders.events[0].activemq',
          functions: ['refunds'],
          data: {
            setting: 'functions.orders.events[0].activemq',
            source: 'orders',
            grant: 'secretsmanager:GetSecretValue; mq:DescribeBroker',
            role: 'IamRoleLambdaExecution',
            functions: 'refunds',
          },
        },
        { messageId: 'leaked', path: 'functions.refunds.events[0].activemq', functions: ['orders'] },
      ],
    },
    {
      name: 'a stream consumer leaks the stream to its neighbour',
      yaml: `
service: billing
provider:
  name: aws
functions:
  projector:
    handler: handler.projector
    events:
      - stream:
          type: dynamodb
          arn: arn:aws:dynamodb:us-east-1:123456789012:table/Invoices/stream/2024-01-01T00:00:00.000
  api:
    handler: handler.api
`,
      errors: [{ messageId: 'leaked', path: 'functions.projector.events[0].stream', functions: ['api'] }],
    },
    {
      name: 'functions written as a list of maps',
      yaml: `
service: billing
provider:
  name: aws
functions:
  - worker:
      handler: handler.worker
      onError: arn:aws:sns:us-east-1:123456789012:worker-dlq
  - api:
      handler: handler.api
`,
      errors: [{ messageId: 'leaked', path: 'functions[0].worker.onError', functions: ['api'] }],
    },
    {
      name: 'corpus: several websocket handlers add the one ManageConnections grant: one finding, advice that works',
      yaml: `
service: chat
provider:
  name: aws
functions:
  connect:
    handler: handler.connect
    events:
      - websocket: $connect
  disconnect:
    handler: handler.disconnect
    events:
      - websocket: $disconnect
  nightly:
    handler: handler.nightly
`,
      errors: [
        {
          messageId: 'leakedUnguarded',
          path: 'functions.connect.events[0].websocket',
          functions: ['nightly'],
          data: {
            settings: '`functions.connect.events[0].websocket` of function connect and 1 more setting of disconnect',
            grant: 'execute-api:ManageConnections',
            role: 'IamRoleLambdaExecution',
            functions: 'nightly',
          },
        },
      ],
    },
    {
      name: 'corpus: the VPC policy of two VPC functions reaches a third: one finding',
      yaml: `
service: reports
provider:
  name: aws
functions:
  migrate:
    handler: handler.migrate
    vpc:
      securityGroupIds: [sg-0123456789abcdef0]
      subnetIds: [subnet-0123456789abcdef0]
  query:
    handler: handler.query
    vpc:
      securityGroupIds: [sg-0123456789abcdef0]
      subnetIds: [subnet-0123456789abcdef0]
  health:
    handler: handler.health
`,
      errors: [{ messageId: 'leakedUnguarded', path: 'functions.migrate.vpc', functions: ['health'] }],
    },
    {
      name: 'with serverless-iam-roles-per-function a plugin role does not help: remove the plugin',
      yaml: `
service: billing
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
functions:
  worker:
    handler: handler.worker
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:invoices
  api:
    handler: handler.api
`,
      errors: [{ messageId: 'leakedPlugin', path: 'functions.worker.events[0].sqs', functions: ['api'] }],
    },
    {
      name: 'corpus: three websocket routes of one handler: one finding naming the handler once',
      yaml: `
service: chat
provider:
  name: aws
functions:
  authorizer:
    handler: handler.authorizer
  handler:
    handler: handler.handler
    events:
      - websocket: $connect
      - websocket: $disconnect
      - websocket: $default
`,
      errors: [
        {
          messageId: 'leakedUnguarded',
          path: 'functions.handler.events[0].websocket',
          functions: ['authorizer'],
          message:
            'Because of `functions.handler.events[0].websocket` of function handler and 2 more settings of it, the Framework adds execute-api:ManageConnections to the shared role IamRoleLambdaExecution, so it also reaches authorizer, where it is not needed. Set `provider.iam.role.mode: perFunction`: in shared mode the Framework adds this grant to the shared role even for a function with a role of its own.',
        },
      ],
    },
    {
      name: 'more findings on one role than maxFindingsPerRole: one summary at the shared-role setting',
      options: { maxFindingsPerRole: 2 },
      yaml: `
service: billing
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:GetObject
          Resource: arn:aws:s3:::billing/*
functions:
  invoices:
    handler: handler.invoices
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:invoices
  refunds:
    handler: handler.refunds
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:refunds
  payouts:
    handler: handler.payouts
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:payouts
  api:
    handler: handler.api
`,
      errors: [
        {
          messageId: 'manyLeaks',
          path: 'provider.iam.role',
          line: 5,
          functions: ['invoices', 'refunds', 'payouts', 'api'],
          message:
            '3 grants that the Framework adds for single functions (`functions.invoices.events[0].sqs` of function invoices, `functions.refunds.events[0].sqs` of function refunds and `functions.payouts.events[0].sqs` of function payouts) reach every function on IamRoleLambdaExecution (invoices, refunds, payouts and api), where most of them are not needed: too many to report one by one. Give each function its own role with `provider.iam.role.mode: perFunction`.',
        },
      ],
    },
    {
      name: 'as many findings as maxFindingsPerRole: reported one by one',
      options: { maxFindingsPerRole: 3 },
      yaml: `
service: billing
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:GetObject
          Resource: arn:aws:s3:::billing/*
functions:
  invoices:
    handler: handler.invoices
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:invoices
  refunds:
    handler: handler.refunds
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:refunds
  payouts:
    handler: handler.payouts
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:payouts
  api:
    handler: handler.api
`,
      errors: [
        { messageId: 'leaked', path: 'functions.invoices.events[0].sqs', functions: ['api', 'refunds', 'payouts'] },
        { messageId: 'leaked', path: 'functions.refunds.events[0].sqs', functions: ['api', 'invoices', 'payouts'] },
        { messageId: 'leaked', path: 'functions.payouts.events[0].sqs', functions: ['api', 'invoices', 'refunds'] },
      ],
    },
    {
      name: 'maxFindingsPerRole 0: no limit, one finding per cause',
      options: { maxFindingsPerRole: 0 },
      yaml: `
service: billing
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:GetObject
          Resource: arn:aws:s3:::billing/*
functions:
  invoices:
    handler: handler.invoices
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:invoices
  refunds:
    handler: handler.refunds
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:refunds
  payouts:
    handler: handler.payouts
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:payouts
  api:
    handler: handler.api
`,
      errors: [
        { messageId: 'leaked', path: 'functions.invoices.events[0].sqs' },
        { messageId: 'leaked', path: 'functions.refunds.events[0].sqs' },
        { messageId: 'leaked', path: 'functions.payouts.events[0].sqs' },
      ],
    },
    {
      name: 'summary without provider IAM settings: located at provider',
      options: { maxFindingsPerRole: 1 },
      yaml: `
service: billing
provider:
  name: aws
functions:
  invoices:
    handler: handler.invoices
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:invoices
  refunds:
    handler: handler.refunds
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:refunds
`,
      errors: [{ messageId: 'manyLeaks', path: 'provider', functions: ['invoices', 'refunds'] }],
    },
  ],
});
