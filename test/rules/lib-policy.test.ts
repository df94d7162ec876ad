import { describe, expect, it } from 'vitest';
import { runRules } from '../../src/engine/runner.js';
import { PolicyContext, partTarget } from '../../rules/lib/policy.js';
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
