import { describe, expect, test } from 'vitest';
import { diagnosticsWith, nodeOf, plainOf, resolveYaml } from './helpers.js';

describe('fallbacks', () => {
  test('string, number, boolean and null literals', () => {
    const s = resolveYaml(`service: a
custom:
  single: \${env:NOPE, 'single'}
  double: \${env:NOPE, "dou\\"ble"}
  number: \${env:NOPE, 30}
  float: \${env:NOPE, 1.5}
  yes: \${env:NOPE, true}
  no: \${env:NOPE, false}
  none: \${env:NOPE, null}
  empty: \${env:NOPE, ''}
`);
    expect(plainOf(s, 'custom')).toEqual({ single: 'single', double: 'dou"ble', number: 30, float: 1.5, yes: true, no: false, none: null, empty: '' });
    expect(s.diagnostics).toEqual([]);
  });

  test('a variable as fallback, written with or without ${}', () => {
    const s = resolveYaml(`service: a
provider:
  name: aws
  region: eu-central-1
custom:
  table: orders
  wrapped: \${env:NOPE, \${self:custom.table}}
  bare: \${opt:region, self:provider.region}
`);
    expect(plainOf(s, 'custom', 'wrapped')).toBe('orders');
    expect(plainOf(s, 'custom', 'bare')).toBe('eu-central-1');
  });

  test('chained fallbacks stop at the first value', () => {
    const s = resolveYaml(`service: a
custom:
  chain: \${env:A, \${env:B, \${env:C, 'last'}}}
  flat: \${opt:stage, env:STAGE, 'dev'}
  second: \${env:A, \${env:B, 'unused'}}
`, { env: { B: 'from-b' } });
    expect(plainOf(s, 'custom')).toEqual({ chain: 'from-b', flat: 'dev', second: 'from-b' });
  });

  test('when every source is missing the variable is Unknown, reported once with all reasons', () => {
    const s = resolveYaml(`service: a
custom:
  x: \${env:A, \${env:B}}
`);
    expect(nodeOf(s, 'custom', 'x')).toMatchObject({ kind: 'unknown', text: '${env:A, ${env:B}}' });
    const diagnostics = diagnosticsWith(s, 'unresolved-variable');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toMatch(/A is not set.*B is not set/);
  });

  test('an offline source does not fall back: its real value may exist', () => {
    const s = resolveYaml("service: a\ncustom:\n  x: ${ssm:/param, 'guess'}\n");
    expect(nodeOf(s, 'custom', 'x')).toMatchObject({ kind: 'unknown', text: "${ssm:/param, 'guess'}" });
  });

  test('a quoted fallback holding variables is resolved too', () => {
    const s = resolveYaml(`service: shop
custom:
  name: \${env:NAME, '\${self:service}-\${sls:stage}'}
`);
    expect(plainOf(s, 'custom', 'name')).toBe('shop-dev');
  });

  test('an unquoted word as fallback is a syntax error, not a guess', () => {
    const s = resolveYaml('service: a\ncustom:\n  x: ${opt:stage, dev}\n');
    expect(nodeOf(s, 'custom', 'x').kind).toBe('unknown');
    expect(diagnosticsWith(s, 'variable-syntax')).toHaveLength(1);
  });
});

describe('nesting', () => {
  test('variables inside addresses', () => {
    const s = resolveYaml(`service: a
provider:
  name: aws
  stage: prod
custom:
  tables:
    dev: dev-table
    prod: prod-table
  table: \${self:custom.tables.\${self:provider.stage}}
  perStage: \${self:custom.\${sls:stage}.table, 'none'}
  prod:
    table: t
`);
    expect(plainOf(s, 'custom', 'table')).toBe('prod-table');
    expect(plainOf(s, 'custom', 'perStage')).toBe('t');
  });

  test('an unresolvable inner variable makes the outer one Unknown, reported once at the inner one', () => {
    const s = resolveYaml(`service: a
custom:
  table: \${self:custom.tables.\${env:NOPE}}
`);
    expect(nodeOf(s, 'custom', 'table')).toMatchObject({ kind: 'unknown', text: '${self:custom.tables.${env:NOPE}}' });
    const diagnostics = s.diagnostics;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'unresolved-variable', span: { line: 3, column: 31 } });
  });

  test('resolution does not depend on key order', () => {
    const forward = resolveYaml(`service: a
custom:
  a: \${self:custom.b}-a
  b: \${self:custom.c}-b
  c: \${self:custom.d}-c
  d: end
`);
    const backward = resolveYaml(`service: a
custom:
  d: end
  c: \${self:custom.d}-c
  b: \${self:custom.c}-b
  a: \${self:custom.b}-a
`);
    expect(plainOf(forward, 'custom', 'a')).toBe('end-c-b-a');
    expect(plainOf(backward, 'custom', 'a')).toBe('end-c-b-a');
  });

  test('a reference into a value that itself is a reference', () => {
    const s = resolveYaml(`service: a
custom:
  alias: \${self:custom.real}
  real:
    name: \${self:service}-real
  name: \${self:custom.alias.name}
`);
    expect(plainOf(s, 'custom', 'name')).toBe('a-real');
  });
});
