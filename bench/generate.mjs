/**
 * Synthetic Serverless services for the benchmark and the scale tests.
 *
 * `writeService(dir, functions)` writes `serverless.yml` plus two `${file()}` includes
 * into `dir` and returns the service file's path. The output is deterministic for a given
 * size: a realistic mix of provider statements, per-function roles (every 10th function),
 * sqs / stream / http / schedule events, and the usual variable forms
 * (`${self:custom…}`, `${sls:stage}`, `${env:…, 'x'}`, `${opt:…, 'x'}`, `${file()}`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SETTINGS_YML = `# included through \${file(./config/settings.yml)}
tableName: \${self:service}-\${sls:stage}-orders
bucketName: \${env:BENCH_BUCKET, 'bench-artifacts'}-\${sls:stage}
queuePrefix: \${self:service}-\${sls:stage}
memory:
  dev: 256
  prod: 1024
streamArn: arn:aws:dynamodb:\${aws:region}:123456789012:table/\${self:service}-\${sls:stage}-orders/stream/2024-01-01T00:00:00.000
alarmTopic: arn:aws:sns:\${aws:region}:123456789012:\${self:service}-alarms
`;

const RESOURCES_YML = `Resources:
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: \${self:custom.settings.tableName}
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
  ArtifactsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: \${self:custom.settings.bucketName}
  WorkQueue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: \${self:custom.settings.queuePrefix}-work
Outputs:
  TableArn:
    Value: !GetAtt OrdersTable.Arn
`;

function header(mode) {
  return `service: bench-orders
frameworkVersion: '4'

custom:
  settings: \${file(./config/settings.yml)}
  stage: \${opt:stage, 'dev'}
  tableArn: arn:aws:dynamodb:\${aws:region}:123456789012:table/\${self:custom.settings.tableName}
  logLevel: \${env:LOG_LEVEL, 'info'}

provider:
  name: aws
  runtime: nodejs20.x
  stage: \${opt:stage, 'dev'}
  region: \${opt:region, 'eu-west-1'}
  memorySize: \${self:custom.settings.memory.\${sls:stage}, 512}
  tracing:
    lambda: true
  environment:
    TABLE_NAME: \${self:custom.settings.tableName}
    STAGE: \${sls:stage}
    LOG_LEVEL: \${self:custom.logLevel}
  iam:
    role:${mode ? `\n      mode: ${mode}` : ''}
      path: /services/
      tags:
        team: orders
      managedPolicies:
        - arn:aws:iam::aws:policy/CloudWatchLambdaInsightsExecutionRolePolicy
      statements:
        - Effect: Allow
          Action:
            - dynamodb:GetItem
            - dynamodb:PutItem
            - dynamodb:UpdateItem
            - dynamodb:Query
          Resource:
            - \${self:custom.tableArn}
            - \${self:custom.tableArn}/index/*
        - Effect: Allow
          Action: s3:GetObject
          Resource: arn:aws:s3:::\${self:custom.settings.bucketName}/*
        - Effect: Allow
          Action:
            - sqs:SendMessage
          Resource: !GetAtt WorkQueue.Arn
        - Effect: Allow
          Action: sns:Publish
          Resource: \${self:custom.settings.alarmTopic}

functions:
`;
}

function fn(i) {
  const name = `fn${String(i).padStart(5, '0')}`;
  const lines = [
    `  ${name}:`,
    `    handler: src/handlers/${name}.handler`,
    `    description: Handles step ${i} of the \${sls:stage} order pipeline`,
    `    timeout: ${6 + (i % 24)}`,
    `    environment:`,
    `      QUEUE_URL: https://sqs.\${aws:region}.amazonaws.com/123456789012/\${self:custom.settings.queuePrefix}-${name}`,
    `      FEATURE_FLAG: \${env:FEATURE_${i % 7}, 'off'}`,
  ];
  if (i % 10 === 3) {
    // A dedicated role for every tenth function.
    lines.push(
      `    iam:`,
      `      inheritStatements: ${i % 20 === 3}`,
      `      role:`,
      `        statements:`,
      `          - Effect: Allow`,
      `            Action:`,
      `              - dynamodb:GetItem`,
      `              - dynamodb:BatchGetItem`,
      `            Resource: \${self:custom.tableArn}`,
      `          - Effect: Allow`,
      `            Action: s3:PutObject`,
      `            Resource: arn:aws:s3:::\${self:custom.settings.bucketName}/${name}/*`,
    );
  }
  lines.push(`    events:`);
  switch (i % 4) {
    case 0:
      lines.push(
        `      - sqs:`,
        `          arn: arn:aws:sqs:\${aws:region}:123456789012:\${self:custom.settings.queuePrefix}-${name}`,
        `          batchSize: 10`,
      );
      break;
    case 1:
      lines.push(
        `      - stream:`,
        `          type: dynamodb`,
        `          arn: \${self:custom.settings.streamArn}`,
        `          startingPosition: LATEST`,
      );
      break;
    case 2:
      lines.push(`      - http:`, `          path: /orders/${name}/{id}`, `          method: get`, `          cors: true`);
      break;
    default:
      lines.push(`      - schedule: rate(${1 + (i % 30)} minutes)`);
      if (i % 8 === 7) lines.push(`      - schedule:`, `          rate: cron(0 ${i % 24} * * ? *)`, `          method: scheduler`);
  }
  return lines.join('\n');
}

/**
 * The service text alone (no includes written): for in-memory use.
 * `mode: 'perFunction'` gives every function its own role (`provider.iam.role.mode`).
 */
export function serviceText(functions, { mode } = {}) {
  const body = [];
  for (let i = 0; i < functions; i++) body.push(fn(i));
  return `${header(mode)}${body.join('\n')}\n\nresources: \${file(./config/resources.yml)}\n`;
}

/** Writes the service and its includes into `dir`; returns the service file's path. */
export function writeService(dir, functions, options = {}) {
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(join(dir, 'config', 'settings.yml'), SETTINGS_YML);
  writeFileSync(join(dir, 'config', 'resources.yml'), RESOURCES_YML);
  const file = join(dir, 'serverless.yml');
  writeFileSync(file, serviceText(functions, options));
  return file;
}
