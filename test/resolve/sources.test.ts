import { describe, expect, test } from 'vitest';
import { diagnosticsWith, nodeOf, plainOf, resolveYaml } from './helpers.js';

describe('self:', () => {
  test('paths into the config: maps, lists, top-level keys, the whole config', () => {
    const s = resolveYaml(`service: shop
custom:
  table: orders
  list: [a, b, c]
  nested: { deep: { value: 42 } }
  refs:
    table: \${self:custom.table}
    second: \${self:custom.list.1}
    deep: \${self:custom.nested.deep.value}
    service: \${self:service}
    whole: \${self:provider}
provider:
  name: aws
  runtime: nodejs20.x
`);
    expect(plainOf(s, 'custom', 'refs')).toEqual({
      table: 'orders',
      second: 'b',
      deep: 42,
      service: 'shop',
      whole: { name: 'aws', runtime: 'nodejs20.x' },
    });
    expect(s.diagnostics).toEqual([]);
  });

  test('`self:` alone is the whole config', () => {
    const s = resolveYaml(`service: a
custom:
  copy: \${file(./all.yml)}
`, {}, { 'all.yml': 'everything: ${self:}\n' });
    // The include holds the whole config, which holds the include: a cycle, not a crash.
    expect(diagnosticsWith(s, 'variable-cycle')).toHaveLength(1);
  });

  test('provider.stage and provider.region default to the effective ones when not written', () => {
    const s = resolveYaml(`service: a
provider: { name: aws }
custom:
  stage: \${self:provider.stage}
  region: \${self:provider.region}
`, { stage: 'qa' });
    expect(plainOf(s, 'custom')).toEqual({ stage: 'qa', region: 'us-east-1' });
  });

  test('a written provider.stage is returned as written (the Framework does not apply --stage to it)', () => {
    const s = resolveYaml(`service: a
provider: { name: aws, stage: prod }
custom:
  stage: \${self:provider.stage}
  sls: \${sls:stage}
`, { stage: 'qa' });
    expect(plainOf(s, 'custom')).toEqual({ stage: 'prod', sls: 'qa' });
  });

  test('a missing path is Unknown with a located warning', () => {
    const s = resolveYaml(`service: a
custom:
  x: \${self:custom.nope}
`);
    const x = nodeOf(s, 'custom', 'x');
    expect(x).toMatchObject({ kind: 'unknown', text: '${self:custom.nope}' });
    const [d] = diagnosticsWith(s, 'unresolved-variable');
    expect(d).toMatchObject({ severity: 'warning', path: ['custom', 'x'], span: { line: 3, column: 6 } });
    expect(d?.message).toContain('custom.nope');
  });

  test('a null value counts as missing', () => {
    const s = resolveYaml(`service: a
custom:
  empty: ~
  x: \${self:custom.empty, 'fallback'}
  y: \${self:custom.empty}
`);
    expect(plainOf(s, 'custom', 'x')).toBe('fallback');
    expect(nodeOf(s, 'custom', 'y').kind).toBe('unknown');
  });
});

describe('sls:, opt:, aws:', () => {
  test('sls:stage, opt:stage, opt:region, aws:region with options', () => {
    const s = resolveYaml(`service: a
custom:
  a: \${sls:stage}
  b: \${opt:stage}
  c: \${opt:region}
  d: \${aws:region}
`, { stage: 'prod', region: 'eu-west-1' });
    expect(plainOf(s, 'custom')).toEqual({ a: 'prod', b: 'prod', c: 'eu-west-1', d: 'eu-west-1' });
  });

  test('opt: without the option, and other options, are missing', () => {
    const s = resolveYaml(`service: a
custom:
  a: \${opt:stage}
  b: \${opt:profile, 'default'}
`);
    expect(nodeOf(s, 'custom', 'a')).toMatchObject({ kind: 'unknown', text: '${opt:stage}' });
    expect(plainOf(s, 'custom', 'b')).toBe('default');
    expect(diagnosticsWith(s, 'unresolved-variable')).toHaveLength(1);
  });

  test('sls:instanceId is unknown', () => {
    const s = resolveYaml('service: a\ncustom: { id: "${sls:instanceId}" }\n');
    expect(nodeOf(s, 'custom', 'id')).toMatchObject({ kind: 'unknown', text: '${sls:instanceId}' });
  });

  test('aws:accountId: the configured one, else a symbolic Unknown', () => {
    const yaml = 'service: a\ncustom: { id: "${aws:accountId}" }\n';
    expect(plainOf(resolveYaml(yaml, { accountId: '123456789012' }), 'custom', 'id')).toBe('123456789012');
    const s = resolveYaml(yaml);
    expect(nodeOf(s, 'custom', 'id')).toMatchObject({
      kind: 'unknown',
      text: '${aws:accountId}',
      reason: 'account id not configured (settings.accountId)',
    });
  });
});

describe('env:', () => {
  test('reads options.env; missing ones fall back or become Unknown', () => {
    const s = resolveYaml(`service: a
custom:
  a: \${env:TABLE}
  b: \${env:NOPE, 'x'}
  c: \${env:NOPE}
  d: "\${env:EMPTY}"
`, { env: { TABLE: 'orders', EMPTY: '' } });
    expect(plainOf(s, 'custom', 'a')).toBe('orders');
    expect(plainOf(s, 'custom', 'b')).toBe('x');
    expect(plainOf(s, 'custom', 'd')).toBe('');
    expect(nodeOf(s, 'custom', 'c')).toMatchObject({ kind: 'unknown', text: '${env:NOPE}' });
    expect(diagnosticsWith(s, 'unresolved-variable').map((d) => d.message)).toEqual([expect.stringContaining('NOPE is not set')]);
  });

  test('defaults to process.env', () => {
    process.env.IAMLINT_TEST_VAR = 'from-process';
    try {
      const s = resolveYaml('service: a\ncustom: { a: "${env:IAMLINT_TEST_VAR}" }\n', { env: undefined });
      expect(plainOf(s, 'custom', 'a')).toBe('from-process');
    } finally {
      delete process.env.IAMLINT_TEST_VAR;
    }
  });
});

describe('param:', () => {
  const yaml = `service: a
params:
  default: { table: default-table, only: in-default }
  prod: { table: prod-table }
custom:
  table: \${param:table}
  only: \${param:only}
  nope: \${param:nope}
`;

  test('stage params win over default params', () => {
    expect(plainOf(resolveYaml(yaml, { stage: 'prod' }), 'custom')).toMatchObject({ table: 'prod-table', only: 'in-default' });
    expect(plainOf(resolveYaml(yaml, { stage: 'dev' }), 'custom')).toMatchObject({ table: 'default-table', only: 'in-default' });
  });

  test('options.params win over the file', () => {
    expect(plainOf(resolveYaml(yaml, { stage: 'prod', params: { table: 'cli' } }), 'custom', 'table')).toBe('cli');
  });

  test('an unknown param is Unknown with a warning', () => {
    const s = resolveYaml(yaml);
    expect(nodeOf(s, 'custom', 'nope')).toMatchObject({ kind: 'unknown', text: '${param:nope}' });
    expect(diagnosticsWith(s, 'unresolved-variable')[0]?.message).toContain('param "nope"');
  });

  test('v4 stages.<stage>.params and the stage taken from provider.stage', () => {
    const s = resolveYaml(`service: a
provider:
  name: aws
  stage: \${opt:stage, 'staging'}
stages:
  default: { params: { table: t-default } }
  staging: { params: { table: t-staging } }
custom:
  table: \${param:table}
`);
    expect(plainOf(s, 'custom', 'table')).toBe('t-staging');
  });
});

describe('strToBool', () => {
  test.each([
    ['true', true],
    ['1', true],
    [' TRUE ', true],
    ['false', false],
    ['0', false],
  ])('%j → %s', (input, expected) => {
    const s = resolveYaml('service: a\ncustom: { flag: "${strToBool(${env:FLAG})}" }\n', { env: { FLAG: input } });
    expect(plainOf(s, 'custom', 'flag')).toBe(expected);
  });

  test('anything else is an error, located', () => {
    const s = resolveYaml('service: a\ncustom:\n  flag: ${strToBool(yes)}\n');
    expect(nodeOf(s, 'custom', 'flag').kind).toBe('unknown');
    expect(diagnosticsWith(s, 'unresolved-variable')[0]).toMatchObject({ severity: 'error', span: { line: 3, column: 9 } });
  });
});

describe('sources that cannot be known offline', () => {
  test.each(['${ssm:/app/bucket}', '${ssm(us-east-1):/app/bucket}', '${s3:bucket/key}', '${cf:stack.Output}', '${cf(eu-west-1):stack.Output}', '${secretsmanager:secret}'])(
    '%s is Unknown carrying its text, located, never *',
    (variable) => {
      const s = resolveYaml(`service: a\ncustom:\n  v: ${variable}\n`);
      const v = nodeOf(s, 'custom', 'v');
      expect(v).toMatchObject({ kind: 'unknown', text: variable, span: { line: 3, column: 6 } });
      expect(JSON.stringify(s.config)).not.toContain('*');
      expect(diagnosticsWith(s, 'unresolved-variable')).toHaveLength(1);
    },
  );

  test('an unknown source is Unknown with unknown-variable-source', () => {
    const s = resolveYaml('service: a\ncustom:\n  v: ${construct:queue.url}\n  w: ${round(1)}\n');
    expect(nodeOf(s, 'custom', 'v')).toMatchObject({ kind: 'unknown', text: '${construct:queue.url}' });
    expect(nodeOf(s, 'custom', 'w')).toMatchObject({ kind: 'unknown', text: '${round(1)}' });
    expect(diagnosticsWith(s, 'unknown-variable-source').map((d) => d.span?.line)).toEqual([3, 4]);
  });
});
