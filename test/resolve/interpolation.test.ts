import { describe, expect, test } from 'vitest';
import { Unknown } from '../../src/load/node.js';
import { diagnosticsWith, nodeOf, plainOf, resolveYaml, textAt } from './helpers.js';

describe('whole value vs interpolation', () => {
  test('a whole-value variable keeps the type of its target', () => {
    const s = resolveYaml(`service: a
custom:
  memory: 512
  enabled: true
  list: [1, 2]
  map: { k: v }
  refs:
    memory: \${self:custom.memory}
    enabled: \${self:custom.enabled}
    list: \${self:custom.list}
    map: \${self:custom.map}
`);
    expect(plainOf(s, 'custom', 'refs')).toEqual({ memory: 512, enabled: true, list: [1, 2], map: { k: 'v' } });
  });

  test('inside a string, numbers and booleans are stringified', () => {
    const s = resolveYaml(`service: a
custom:
  memory: 512
  enabled: true
  text: "mem-\${self:custom.memory}-\${self:custom.enabled}"
`);
    expect(plainOf(s, 'custom', 'text')).toBe('mem-512-true');
  });

  test('a map inserted into a string is Unknown with a warning', () => {
    const s = resolveYaml(`service: a
custom:
  map: { k: v }
  text: "x-\${self:custom.map}"
`);
    expect(nodeOf(s, 'custom', 'text')).toMatchObject({ kind: 'unknown', text: 'x-${self:custom.map}' });
    expect(diagnosticsWith(s, 'unresolved-variable')).toHaveLength(1);
  });

  test('an interpolated string keeps the span of the string as written', () => {
    const s = resolveYaml(`service: a
custom:
  name: "\${self:service}-suffix"
`);
    const name = nodeOf(s, 'custom', 'name');
    expect(name).toMatchObject({ kind: 'scalar', value: 'a-suffix' });
    expect(textAt(s, name.span)).toBe('"${self:service}-suffix"');
    expect(name.via).toBeUndefined();
  });
});

describe('partly unknown strings', () => {
  test('known text and unknown pieces kept in order', () => {
    const s = resolveYaml(`service: a
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:GetObject
          Resource: arn:aws:s3:::\${ssm:/bucket}/\${self:service}/*
`);
    const resource = nodeOf(s, 'provider', 'iam', 'role', 'statements', 0, 'Resource');
    expect(resource.kind).toBe('unknown');
    if (resource.kind !== 'unknown') return;
    expect(resource.text).toBe('arn:aws:s3:::${ssm:/bucket}/a/*');
    expect(resource.parts).toEqual(['arn:aws:s3:::', { text: '${ssm:/bucket}', reason: expect.stringContaining('/bucket') }, '/a/*']);
    expect(textAt(s, resource.span)).toBe('arn:aws:s3:::${ssm:/bucket}/${self:service}/*');
  });

  test('partial knowledge survives a reference', () => {
    const s = resolveYaml(`service: a
custom:
  arn: arn:aws:sqs:us-east-1:\${aws:accountId}:queue
  policy: "\${self:custom.arn}-dlq"
`);
    const policy = nodeOf(s, 'custom', 'policy');
    expect(policy).toMatchObject({
      kind: 'unknown',
      text: 'arn:aws:sqs:us-east-1:${aws:accountId}:queue-dlq',
      parts: ['arn:aws:sqs:us-east-1:', { text: '${aws:accountId}', reason: 'account id not configured (settings.accountId)' }, ':queue-dlq'],
    });
  });

  test('Unknown is never turned into a wildcard', () => {
    const s = resolveYaml(`service: a
custom:
  a: \${ssm:/x}
  b: \${cf:stack.out}-suffix
  c: \${env:NOPE}
  d: \${self:custom.nope.deeper}
  e: \${file(./code.js):value}
`);
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      const value = plainOf(s, 'custom', key);
      expect(value, key).toBeInstanceOf(Unknown);
      expect(String(value), key).not.toContain('*');
    }
    expect(JSON.stringify(s.config)).not.toMatch(/"\*"/);
  });
});

describe('text that is not a Serverless variable', () => {
  test('CloudFormation Fn::Sub placeholders are left intact', () => {
    const s = resolveYaml(`service: a
resources:
  Resources:
    Policy:
      Properties:
        Resource:
          Fn::Sub: arn:\${AWS::Partition}:s3:::\${self:service}-\${AWS::Region}-\${AWS::AccountId}/\${Bucket.Arn}/\${Name}
        Short: !Sub "\${AWS::StackName}-\${self:service}"
`);
    expect(plainOf(s, 'resources', 'Resources', 'Policy', 'Properties', 'Resource', 'Fn::Sub')).toBe(
      'arn:${AWS::Partition}:s3:::a-${AWS::Region}-${AWS::AccountId}/${Bucket.Arn}/${Name}',
    );
    expect(plainOf(s, 'resources', 'Resources', 'Policy', 'Properties', 'Short', 'Fn::Sub')).toBe('${AWS::StackName}-a');
    expect(s.diagnostics).toEqual([]);
  });

  test('#{…} pseudo-parameter syntax stays literal text', () => {
    const s = resolveYaml(`service: a
custom:
  arn: "arn:aws:sqs:#{AWS::Region}:#{AWS::AccountId}:\${self:service}"
`);
    expect(plainOf(s, 'custom', 'arn')).toBe('arn:aws:sqs:#{AWS::Region}:#{AWS::AccountId}:a');
  });

  test('a resolved value that contains ${…} is not resolved again', () => {
    const s = resolveYaml('service: a\ncustom:\n  x: ${env:TEXT}\n  y: "pre-${env:TEXT}"\n', { env: { TEXT: '${env:SECRET}' } });
    expect(plainOf(s, 'custom', 'x')).toBe('${env:SECRET}');
    expect(plainOf(s, 'custom', 'y')).toBe('pre-${env:SECRET}');
    expect(s.diagnostics).toEqual([]);
  });

  test('map keys are not resolved', () => {
    const s = resolveYaml('service: a\ncustom:\n  ${self:service}: value\n');
    expect(Object.keys(plainOf(s, 'custom') as object)).toEqual(['${self:service}']);
  });
});
