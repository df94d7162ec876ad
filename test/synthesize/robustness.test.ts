/**
 * Messy configs never throw, unknown values are never guessed, and large services stay fast.
 */
import { describe, expect, it } from 'vitest';
import { Unknown } from '../../src/load/node.js';
import { cf, synth, synthYaml } from './helpers.js';

const fn = { handler: 'h.h' };

describe('junk where objects are expected', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['events: null', { functions: { a: { ...fn, events: null } } }],
    ['events as an object', { functions: { a: { ...fn, events: { sqs: 'arn:q' } } } }],
    ['events entries of every shape', { functions: { a: { ...fn, events: [null, 'http', 5, [], { sqs: null }, { kafka: null }, { schedule: 'rate(1 hour)' }] } } }],
    ['a statement that is a string', { provider: { name: 'aws', iam: { role: { statements: ['s3:*', null, 7] } } }, functions: { a: fn } }],
    ['managedPolicies as an object', { provider: { name: 'aws', iam: { role: { managedPolicies: { a: 1 } } } }, functions: { a: fn } }],
    ['provider as a string', { provider: 'aws', functions: { a: fn } }],
    ['provider.iam as a string', { provider: { name: 'aws', iam: 'x' }, functions: { a: fn } }],
    ['tags as a list', { provider: { name: 'aws', iam: { role: { tags: ['a', 'b'] } } }, functions: { a: { ...fn, iamRoleStatements: [], iam: { role: { tags: 'x' } } } } }],
    ['resources as a string', { functions: { a: fn }, resources: 'oops' }],
    ['resources.Resources with junk', { functions: { a: fn }, resources: { Resources: { A: null, B: 'x', C: [1], IamRoleLambdaExecution: { Properties: { Policies: 'x' } } } } }],
    ['extensions junk', { functions: { a: fn }, resources: { extensions: { X: 'y', Z: { Properties: 'p' } } } }],
    ['functions list with null entries', { functions: [null, { a: fn }, false] }],
    ['destinations junk', { functions: { a: { ...fn, destinations: 'x' }, b: { ...fn, destinations: { onSuccess: 5 } } } }],
    ['vpc junk', { provider: { name: 'aws', vpc: 'x' }, functions: { a: { ...fn, vpc: 'y', iamRoleStatements: [] } } }],
    ['logs junk', { provider: { name: 'aws', logs: 'x' }, functions: { a: { ...fn, logs: 'y' }, b: { ...fn, logs: null } } }],
    ['custom junk', { custom: 'x', functions: { a: { ...fn, iamRoleStatements: [] } } }],
    ['plugins junk', { plugins: { modules: 'x' }, functions: { a: fn } }],
    ['a role value that is a number', { functions: { a: { ...fn, role: 5 } } }],
    ['an empty config', {}],
  ];
  for (const [name, config] of cases) {
    it(name, () => {
      const model = synth({ service: 'svc', provider: { name: 'aws' }, ...config });
      expect(model.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
      expect(() => JSON.stringify(cf(model))).not.toThrow();
    });
  }

  it('a function that is a string or a functions value that is a string: the Framework refuses', () => {
    expect(synth({ service: 'svc', provider: { name: 'aws' }, functions: { a: 'x' } }).failure).toMatchObject({
      message: 'Unexpected "a" function configuration: Expected object received \'x\')',
      code: 'NON_OBJECT_FUNCTION_CONFIGURATION_ERROR',
    });
    expect(synth({ service: 'svc', provider: { name: 'aws' }, functions: 'x' }).failure?.code).toBe('NON_OBJECT_FUNCTIONS_CONFIGURATION');
    expect(synth({ service: { name: 'svc' }, provider: { name: 'aws' }, functions: { a: fn } }).failure?.code).toBe('SERVICE_OBJECT_NOTATION');
  });

  it('a function statement that is a string fails validation like the Framework', () => {
    const model = synth({ service: 'svc', provider: { name: 'aws' }, functions: { a: { ...fn, iamRoleStatements: ['s3:*'] } } });
    expect(model.failure?.message).toMatch(/statement 0 is missing the following properties: Effect, Action \/ NotAction, Resource \/ NotResource$/);
  });

  it('a string statement stays in the role properties but is not a statement model', () => {
    const model = synth({ service: 'svc', provider: { name: 'aws', iam: { role: { statements: ['junk'] } } }, functions: { a: fn } });
    expect(model.roles[0]!.statements).toHaveLength(2);
    expect(cf(model).roles.IamRoleLambdaExecution.Policies[0].PolicyDocument.Statement[2]).toBe('junk');
  });

  it('non-AWS providers have no roles', () => {
    const model = synth({ service: 'svc', provider: { name: 'openwhisk' }, functions: { a: { image: 'x' } } });
    expect(model.roles).toEqual([]);
    expect(model.failure).toBeUndefined();
    expect(model.diagnostics.map((d) => d.code)).toContain('not-aws-provider');
  });
});

describe('unknown values', () => {
  it('unknown functions or function settings are reported, not guessed', () => {
    const m = synth({ service: 'svc', provider: { name: 'aws' }, functions: new Unknown('${file(fns.js)}', 'js files are not run') });
    expect(m.functions).toEqual([]);
    expect(m.diagnostics.map((d) => d.code)).toContain('unknown-functions');
    const m2 = synth({ service: 'svc', provider: { name: 'aws' }, functions: { a: new Unknown('${file(a.yml)}', 'missing'), b: fn } });
    expect(m2.functions.map((f) => f.key)).toEqual(['b']);
  });

  it('an unknown stream ARN without type is left out with a diagnostic; with a known prefix its type is read', () => {
    const unknownArn = new Unknown('${ssm:/stream}', 'ssm');
    const partial = new Unknown('arn:aws:dynamodb:us-east-1:${aws:accountId}:table/T/stream/1', 'account', [
      'arn:aws:dynamodb:us-east-1:',
      { text: '${aws:accountId}', reason: 'account' },
      ':table/T/stream/1',
    ]);
    const m = synth({ service: 'svc', provider: { name: 'aws' }, functions: { a: { ...fn, events: [{ stream: unknownArn }, { stream: partial }] } } });
    expect(m.failure).toBeUndefined();
    expect(m.diagnostics.map((d) => d.code)).toContain('unknown-stream-type');
    const streams = m.roles[0]!.statements.slice(2);
    expect(streams).toHaveLength(1);
    expect(streams[0]!.document.Action).toEqual(['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:DescribeStream', 'dynamodb:ListStreams']);
  });

  it('unknown statement lists or statements never fail validation and are reported', () => {
    const list = new Unknown('${file(iam.yml)}', 'file missing');
    const one = new Unknown('${file(stmt.yml)}', 'file missing');
    const m = synth({
      service: 'svc',
      provider: { name: 'aws', iam: { role: { statements: [one] } } },
      functions: { a: { ...fn, iamRoleStatements: list }, b: { ...fn, iam: { role: { statements: [one, { Effect: 'Allow', Action: 'a:b', Resource: '*' }] } } } },
    });
    expect(m.failure).toBeUndefined();
    expect(m.functions.map((f) => f.choice)).toEqual(['dedicated-opt-in', 'dedicated-opt-in']);
    expect(m.diagnostics.filter((d) => d.code === 'unknown-statements').map((d) => d.path)).toEqual([
      ['provider', 'iam', 'role', 'statements', 0],
      ['functions', 'a', 'iamRoleStatements'],
      ['functions', 'b', 'iam', 'role', 'statements', 0],
    ]);
    expect(m.roles.find((r) => r.logicalId === 'BIamRoleLambdaExecution')!.statements.map((s) => s.document.Action)).toEqual([
      ['logs:CreateLogStream', 'logs:CreateLogGroup', 'logs:PutLogEvents'],
      ['a:b'],
    ]);
  });

  it('variables resolved by the real resolver flow into statements', () => {
    const model = synthYaml(`
service: svc
custom:
  table: arn:aws:dynamodb:us-east-1:123456789012:table/T
provider:
  name: aws
  iam:
    role:
      statements:
        - Effect: Allow
          Action: dynamodb:GetItem
          Resource: \${self:custom.table}
        - Effect: Allow
          Action: s3:GetObject
          Resource: \${ssm:/bucket/arn}
functions:
  a:
    handler: h.h
`);
    const docs = model.roles[0]!.statements.map((s) => s.document);
    expect(docs[2]!.Resource).toBe('arn:aws:dynamodb:us-east-1:123456789012:table/T');
    expect(docs[3]!.Resource).toBeInstanceOf(Unknown);
    expect(String(docs[3]!.Resource)).not.toBe('*');
  });
});

describe('performance', () => {
  it('5,000 functions with events, KMS and tracing synthesize quickly', () => {
    const functions: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) {
      functions[`fn${i}`] = {
        ...fn,
        kmsKeyArn: `arn:aws:kms:us-east-1:1:key/${i % 7}`,
        tracing: i % 2 ? 'Active' : undefined,
        onError: `arn:aws:sns:us-east-1:1:t${i}`,
        events: [{ sqs: `arn:aws:sqs:us-east-1:1:q${i}` }, { stream: `arn:aws:dynamodb:us-east-1:1:table/T${i}/stream/1` }],
        ...(i % 10 === 0 ? { iamRoleStatements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } : {}),
      };
    }
    const started = Date.now();
    const model = synth({ service: 'svc', provider: { name: 'aws', tracing: { lambda: true } }, functions });
    const elapsed = Date.now() - started;
    expect(model.failure).toBeUndefined();
    expect(model.roles).toHaveLength(501);
    expect(model.functions).toHaveLength(5000);
    expect(elapsed).toBeLessThan(10_000);
  });
});
