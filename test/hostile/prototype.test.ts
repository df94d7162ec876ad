/** `__proto__`, `constructor` and `prototype` keys are data everywhere: no prototype pollution after a full lint. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, fullLint, pipeline, tempProject } from './helpers.js';

const SERVICE = `service: proto
__proto__:
  polluted: yes
constructor:
  prototype:
    polluted: yes
provider:
  name: aws
  __proto__: {polluted: yes}
  environment:
    __proto__: polluted
    constructor: polluted
  tags:
    __proto__: polluted
  iam:
    role:
      __proto__: {polluted: yes}
      tags:
        __proto__: polluted
        constructor: polluted
      statements:
        - Effect: Allow
          Action: s3:GetObject
          Resource: '*'
          __proto__: {polluted: yes}
          Condition:
            __proto__: {polluted: yes}
            StringEquals: {constructor: {prototype: {polluted: yes}}}
custom:
  __proto__: &p {polluted: yes, toString: broken, valueOf: broken}
  ref: \${self:custom.__proto__.polluted}
  ctor: \${self:constructor.prototype.polluted}
  whole: \${self:__proto__}
  included: \${file(./inc.yml):__proto__}
  merged:
    <<: *p
  prototype: {polluted: yes}
functions:
  __proto__:
    handler: h.h
    events:
      - sqs: arn:aws:sqs:us-east-1:123456789012:q
      - stream: {type: dynamodb, arn: arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/1}
    iam:
      role:
        statements:
          - Effect: Allow
            Action: s3:PutObject
            Resource: '*'
  constructor:
    handler: h.c
    environment: {__proto__: x}
  prototype:
    handler: h.p
    tags: {__proto__: x, constructor: y}
    iamRoleStatements:
      - Effect: Allow
        Action: ['*']
        Resource: '*'
  hasOwnProperty:
    handler: h.o
  toString:
    handler: h.t
    role: __proto__
resources:
  Resources:
    __proto__:
      Type: AWS::IAM::Role
      Properties: {polluted: yes, AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: '*', Action: 'sts:AssumeRole'}]}}
    constructor:
      Type: AWS::IAM::Policy
      Properties:
        Roles: [!Ref IamRoleLambdaExecution]
        PolicyDocument: {Statement: [{Effect: Allow, Action: '*', Resource: '*', __proto__: {polluted: yes}}]}
  Outputs:
    __proto__: {Value: x}
`;

const INCLUDE = '__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\n';

const JSON_SERVICE = JSON.stringify({
  service: 'proto-json',
  provider: { name: 'aws', iam: { role: { statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } } },
  functions: { a: { handler: 'h.a' } },
}).replace('{"service"', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"service"');

const BUILT_INS: Record<string, object> = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
const ORIGINAL = new Map(Object.entries(BUILT_INS).map(([name, proto]) => [name, new Set(Reflect.ownKeys(proto))]));

/**
 * Properties added to the built-in prototypes since this file loaded, as `Object.polluted`;
 * they are removed, so that one polluting test cannot make the next ones fail too.
 */
function takePollution(): string[] {
  const added: string[] = [];
  for (const [name, proto] of Object.entries(BUILT_INS)) {
    for (const key of Reflect.ownKeys(proto)) {
      if (ORIGINAL.get(name)!.has(key)) continue;
      added.push(`${name}.${String(key)}`);
      delete (proto as Record<PropertyKey, unknown>)[key];
    }
  }
  return added;
}

afterEach(() => {
  expect(takePollution(), 'properties added to built-in prototypes').toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.toString.call([])).toBe('[object Array]');
});

describe('prototype keys', () => {
  // Minimal reproduction of a pollution found here (reported): the Framework's `_.merge` of
  // `resources` skips a `__proto__` key; iamlint's merge followed it into Object.prototype.
  it('a resources key __proto__ is merged as data, never into Object.prototype', () => {
    const dir = tempProject({
      'serverless.yml': 'service: p\nprovider:\n  name: aws\nfunctions:\n  a:\n    handler: h.h\nresources:\n  Resources:\n    __proto__:\n      polluted: yes\n',
    });
    expect(pipeline(join(dir, 'serverless.yml')).model).toBeDefined();
  });

  it('are plain data in the resolved config', () => {
    const dir = tempProject({ 'serverless.yml': SERVICE, 'inc.yml': INCLUDE });
    const result = pipeline(join(dir, 'serverless.yml'));
    expect(result.model).toBeDefined();
    const custom = result.service!.config.custom as Record<string, unknown>;
    expect(Object.getPrototypeOf(custom)).toBeNull();
    expect(Object.hasOwn(custom, '__proto__')).toBe(true);
    expect(custom.ref).toBe('yes');
    expect(custom.ctor).toBe('yes');
    expect(custom.included).toEqual(Object.assign(Object.create(null), { polluted: 'yes' }));
    expect(Object.keys(result.service!.config.functions as object)).toEqual(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString']);
    expect(result.model!.functions.map((f) => f.key).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'prototype', 'toString']);
  });

  it('survive the full lint of a YAML service', async () => {
    const dir = tempProject({ 'serverless.yml': SERVICE, 'inc.yml': INCLUDE });
    const result = await fullLint(join(dir, 'serverless.yml'));
    expect(result.findings.filter((f) => f.ruleId === 'internal-error')).toEqual([]);
    expect(result.internalError).toBe(false);
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it('survive every CLI output format and the roles command', async () => {
    const dir = tempProject({ 'serverless.yml': SERVICE, 'inc.yml': INCLUDE });
    for (const format of ['json', 'sarif', 'text', 'markdown', 'github']) {
      const run = await cli(['serverless.yml', '--format', format, '--preset', 'strict'], dir);
      expect(run.stderr).not.toMatch(/internal error/);
      expect(run.code).toBe(1);
    }
    for (const format of ['json', 'text', 'cloudformation', 'mermaid', 'dot']) {
      const run = await cli(['roles', 'serverless.yml', '--format', format], dir);
      expect(run.stderr).not.toMatch(/internal error/);
      expect(run.code).toBe(0);
    }
  });

  it('survive a JSON service file', async () => {
    const dir = tempProject({ 'serverless.json': JSON_SERVICE });
    const result = await fullLint(join(dir, 'serverless.json'));
    expect(result.internalError).toBe(false);
    expect(Object.hasOwn(result.model!.config, '__proto__')).toBe(true);
  });

  it('survive a config file and flags that use them', async () => {
    const dir = tempProject({
      'serverless.yml': SERVICE,
      'inc.yml': INCLUDE,
      '.iamlintrc.json': '{"__proto__": {"polluted": true}, "settings": {"__proto__": {"polluted": true}, "params": {"__proto__": "x"}, "env": {"__proto__": "x"}}, "rules": {}}',
    });
    const run = await cli(['serverless.yml', '--format', 'json'], dir);
    // The config may be refused as invalid; it must not pollute, nor crash.
    expect(run.stderr).not.toMatch(/internal error/);
    const flags = await cli(['serverless.yml', '--format', 'json', '--rule', '__proto__:error', '--rule', 'constructor:off'], dir);
    expect(flags.stderr).not.toMatch(/internal error/);
  });
});
