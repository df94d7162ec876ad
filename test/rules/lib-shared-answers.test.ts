/**
 * Rules share per-model work (a role's auto-grants and their need index, function settings by
 * key, evaluated Resource values): running them together must report exactly what each reports
 * alone, in either order, and on a model already linted.
 */
import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/engine/runner.js';
import { registry } from '../../src/cli/registry.js';
import type { EnabledRule } from '../../src/engine/types.js';
import { synthYaml } from '../synthesize/helpers.js';

const yaml = `
service: media
provider:
  name: aws
  vpc: { securityGroupIds: [sg-1], subnetIds: [subnet-1] }
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction, iam:CreateAccessKey, s3:GetObject, secretsmanager:GetSecretValue]
          Resource: '*'
functions:
  transcode:
    handler: handler.transcode
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:jobs
      - stream: arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/1
      - schedule: rate(1 minute)
  resize:
    handler: handler.resize
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:images
      - stream: arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/1
  own:
    handler: handler.own
    role: arn:aws:iam::123456789012:role/own
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:own
      - schedule: rate(1 minute)
  dedicated:
    handler: handler.dedicated
    iam:
      role:
        statements:
          - Effect: Allow
            Action: s3:PutObject
            Resource: arn:aws:s3:::bucket/*
    events:
      - schedule: rate(1 minute)
  api:
    handler: handler.api
    vpc: {}
`;

const ids = [
  'no-leaked-grants',
  'no-unused-grants',
  'no-ignored-settings',
  'custom-role-logs',
  'no-broad-inheritance',
  'no-privilege-escalation',
  'no-credentials-exposure',
  'no-data-exfiltration',
  'no-wildcard-resource',
  'valid-resources',
];
const enabled = (id: string): EnabledRule => ({ rule: registry[id]!, severity: 'error' });
const key = (f: { ruleId: string; path: string; message: string; functions: readonly string[] }) => `${f.ruleId} ${f.path} ${f.message} ${f.functions.join(',')}`;

describe('rules sharing per-model answers', () => {
  it('report together what each reports alone, in either order', () => {
    const alone = ids.flatMap((id) => runRules(synthYaml(yaml), [enabled(id)]).map(key)).sort();
    for (const id of ['no-leaked-grants', 'no-unused-grants', 'no-privilege-escalation', 'no-ignored-settings', 'no-credentials-exposure']) {
      expect(alone.some((k) => k.startsWith(`${id} `))).toBe(true);
    }
    const model = synthYaml(yaml);
    const together = runRules(model, ids.map(enabled)).map(key).sort();
    expect(together).toEqual(alone);
    expect(runRules(synthYaml(yaml), [...ids].reverse().map(enabled)).map(key).sort()).toEqual(alone);
    // Again on the same model: the shared answers are reused, not stale.
    expect(runRules(model, ids.map(enabled)).map(key).sort()).toEqual(alone);
  });
});
