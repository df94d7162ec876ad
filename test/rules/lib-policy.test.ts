import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/engine/runner.js';
import { PolicyContext, actionSpec, partTarget, specGrants, statementKey, type ActionSpec } from '../../rules/lib/policy.js';
import { registry } from '../../src/cli/registry.js';
import { synth, synthYaml } from '../synthesize/helpers.js';

describe('rules/lib/policy: PolicyContext reads the stack from the model', () => {
  it('evaluates Ref / GetAtt through model.resourceTypes (generated resources included)', () => {
    const model = synth({
      service: 'svc',
      provider: { name: 'aws' },
      functions: { reader: { handler: 'h.reader', events: [{ stream: { type: 'kinesis', arn: 'arn:aws:kinesis:us-east-1:123456789012:stream/orders', consumer: true } }] } },
    });
    const ctx = new PolicyContext(model);
    // A stream consumer is not in `resources`: only the model knows it.
    expect(ctx.arn({ Ref: 'ReaderordersConsumerStreamConsumer' }).reference).toMatchObject({ resourceType: 'AWS::Kinesis::StreamConsumer' });
    expect(ctx.arn({ 'Fn::GetAtt': ['ReaderLogGroup', 'Arn'] }).reference).toMatchObject({ resourceType: 'AWS::Logs::LogGroup' });
  });

  it('uses the model’s map as given, not the config', () => {
    const model = synth({ service: 'svc', provider: { name: 'aws' } });
    model.resourceTypes = { Elsewhere: 'AWS::SQS::Queue' };
    expect(new PolicyContext(model).arn({ 'Fn::GetAtt': ['Elsewhere', 'Arn'] }).reference).toMatchObject({ resourceType: 'AWS::SQS::Queue' });
  });
});

describe('rules/lib/policy: parts of coerced values', () => {
  const yaml = `service: svc
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:*
          Resource: '*'
        - Effect: Allow
          Action:
            - sqs:*
          Resource: '*'
functions:
  a:
    handler: h.a
`;

  it('partTarget asks for the item; the engine names the scalar the user wrote', () => {
    const model = synthYaml(yaml);
    const [scalar, list] = model.roles[0]!.statements.filter((s) => s.provenance.kind === 'provider');
    expect(partTarget(model, scalar!, 'Action', 0)).toEqual({ statement: scalar, key: 'Action', index: 0 });
    const findings = runRules(model, [{ rule: registry['no-service-wildcard-action']!, severity: 'error' }]);
    expect(findings.map((f) => f.path)).toEqual(['provider.iam.role.statements[0].Action', 'provider.iam.role.statements[1].Action[0]']);
    expect(list).toBeDefined();
  });
});

describe('rules/lib/policy: answers shared between rules', () => {
  it('every PolicyContext over a model shares the evaluated patterns; another resourceTypes map gets its own', () => {
    const model = synth({ service: 'svc', provider: { name: 'aws' } });
    model.resourceTypes = { Thing: 'AWS::SQS::Queue' };
    const value = { Ref: 'Thing' };
    const first = new PolicyContext(model).arn(value);
    expect(first.reference).toMatchObject({ resourceType: 'AWS::SQS::Queue' });
    expect(new PolicyContext(model).arn({ Ref: 'Thing' })).toBe(first);
    model.resourceTypes = { Thing: 'AWS::SNS::Topic' };
    expect(new PolicyContext(model).arn(value).reference).toMatchObject({ resourceType: 'AWS::SNS::Topic' });
  });

  it('answers a string value and the same text alike, by text or by key', () => {
    const ctx = new PolicyContext(synth({ service: 'svc', provider: { name: 'aws' } }));
    const text = 'arn:aws:s3:::bucket/*';
    expect(ctx.arn(text)).toBe(ctx.arn(`arn:aws:s3:::${'bucket'}/*`));
    expect(ctx.isWildcardFor(text, 's3:GetObject')).toBe(false);
    expect(ctx.isWildcardFor('arn:aws:s3:::*', 's3:GetObject')).toBe(true);
    expect(ctx.isWildcardFor('arn:aws:s3:::*', 's3:PutObject')).toBe(true);
    expect(ctx.isWildcardFor('arn:aws:s3:::*/*', 'dynamodb:GetItem')).toBe(false);
    expect(ctx.canMatch(text, 's3:GetObject')).toBe(true);
    expect(ctx.canMatch(text, 'dynamodb:GetItem')).toBe(false);
    // Actions with the same formats share an answer; other formats do not.
    expect(ctx.canMatch('arn:aws:dynamodb:us-east-1:1:table/t', 'dynamodb:GetItem')).toBe(true);
    expect(ctx.canMatch('arn:aws:dynamodb:us-east-1:1:table/t', 'dynamodb:PutItem')).toBe(true);
    expect(ctx.canMatch('arn:aws:dynamodb:us-east-1:1:table/t', 's3:GetObject')).toBe(false);
  });

  it('granted() is specGrants of each action, in order, for every kind of spec', () => {
    const ctx = new PolicyContext(synth({ service: 'svc', provider: { name: 'aws' } }));
    const actions = ['iam:PassRole', 's3:GetObject', 'lambda:CreateFunction', 'IAM:passrole', 's3:PutObject'];
    const specs: ActionSpec[] = [
      { kind: 'action', patterns: ['s3:Get*', 'iam:passrole'] },
      { kind: 'action', patterns: ['*'] },
      { kind: 'action', patterns: [] },
      { kind: 'notAction', patterns: ['s3:*'], opaque: false },
      { kind: 'notAction', patterns: ['s3:*'], opaque: true },
      { kind: 'action', patterns: ['s3:Get*', 'iam:passrole'] },
    ];
    for (const spec of specs) expect(ctx.granted(spec, actions)).toEqual(actions.filter((a) => specGrants(spec, a)));
  });

  it('statementKey is the same for a statement asked twice and for an inherited copy', () => {
    const model = synthYaml(`service: svc
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:GetObject
          Resource: '*'
functions:
  a:
    handler: h.a
    iam:
      inheritStatements: true
      role:
        statements:
          - Effect: Allow
            Action: sqs:SendMessage
            Resource: '*'
`);
    const all = model.roles.flatMap((r) => r.statements);
    const provider = all.filter((s) => JSON.stringify(s.document.Action) === '["s3:GetObject"]');
    expect(provider.length).toBeGreaterThan(1);
    expect(new Set(provider.map(statementKey)).size).toBe(1);
    for (const s of all) expect(statementKey(s)).toBe(statementKey(s));
    expect(actionSpec(provider[0]!)).toEqual({ kind: 'action', patterns: ['s3:GetObject'] });
    expect(statementKey(all.find((s) => JSON.stringify(s.document.Action) === '["sqs:SendMessage"]')!)).not.toBe(statementKey(provider[0]!));
  });
});
