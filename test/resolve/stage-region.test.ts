import { describe, expect, test } from 'vitest';
import { Unknown } from '../../src/load/node.js';
import { diagnosticsWith, nodeOf, plainOf, resolveYaml } from './helpers.js';

const written = `service: a
provider:
  name: aws
  stage: \${env:STAGE, 'staging'}
  region: \${env:REGION, 'eu-west-1'}
custom:
  stage: \${sls:stage}
  region: \${aws:region}
`;

describe('stage and region', () => {
  test('options win over provider', () => {
    const s = resolveYaml(written, { stage: 'prod', region: 'ap-south-1' });
    expect([s.stage, s.region]).toEqual(['prod', 'ap-south-1']);
    expect(plainOf(s, 'custom')).toEqual({ stage: 'prod', region: 'ap-south-1' });
  });

  test('provider values, resolved, come next', () => {
    const s = resolveYaml(written, { env: { STAGE: 'uat' } });
    expect([s.stage, s.region]).toEqual(['uat', 'eu-west-1']);
    expect(plainOf(s, 'custom')).toEqual({ stage: 'uat', region: 'eu-west-1' });
  });

  test('dev and us-east-1 otherwise', () => {
    const s = resolveYaml('service: a\nprovider:\n  name: aws\ncustom:\n  stage: ${sls:stage}\n  region: ${aws:region}\n');
    expect([s.stage, s.region]).toEqual(['dev', 'us-east-1']);
    expect(plainOf(s, 'custom')).toEqual({ stage: 'dev', region: 'us-east-1' });
  });

  test('an unresolvable provider.stage stays unknown: the stage is an Unknown, sls:stage is Unknown', () => {
    const s = resolveYaml('service: a\nprovider:\n  name: aws\n  stage: ${env:STAGE}\ncustom:\n  stage: ${sls:stage}\n');
    expect(s.stage).toBeInstanceOf(Unknown);
    expect(String(s.stage)).toBe('${env:STAGE}');
    expect(nodeOf(s, 'custom', 'stage').kind).toBe('unknown');
    // Reported once, where the unresolvable variable is written: as the unknown stage, with how to give it.
    expect(diagnosticsWith(s, 'unresolved-variable')).toEqual([]);
    expect(diagnosticsWith(s, 'unknown-stage').map((d) => d.span?.line)).toEqual([4]);
  });

  test('a stage unknown through another setting: the variable is reported where it is written, the stage at provider.stage', () => {
    const s = resolveYaml('service: a\nprovider:\n  name: aws\n  stage: ${self:custom.stage}\ncustom:\n  stage: ${env:STAGE}\n');
    expect(String(s.stage)).toBe('${env:STAGE}');
    expect(diagnosticsWith(s, 'unresolved-variable').map((d) => d.path)).toEqual([['custom', 'stage']]);
    expect(diagnosticsWith(s, 'unknown-stage').map((d) => d.span?.line)).toEqual([4]);
  });

  test('${opt:stage} without --stage and ${env:REGION} without REGION: both Unknown, each reported once at provider', () => {
    const yaml = 'service: trpc-api\nprovider:\n  name: aws\n  stage: ${opt:stage}\n  region: ${env:REGION}\nfunctions:\n  app:\n    handler: h.h\n';
    const s = resolveYaml(yaml);
    expect(s.stage).toBeInstanceOf(Unknown);
    expect(s.region).toBeInstanceOf(Unknown);
    expect(s.stage).toMatchObject({ text: '${opt:stage}', reason: expect.stringContaining('option --stage is not given') });
    expect(s.region).toMatchObject({ text: '${env:REGION}', reason: expect.stringContaining('REGION') });
    expect(diagnosticsWith(s, 'unknown-stage')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: ['provider', 'stage'],
        span: expect.objectContaining({ line: 4, column: 10 }),
        message: expect.stringMatching(/stage of this service cannot be resolved offline \(\$\{opt:stage\}.*Pass --stage or set `settings\.stage`/),
      }),
    ]);
    expect(diagnosticsWith(s, 'unknown-region')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: ['provider', 'region'],
        span: expect.objectContaining({ line: 5, column: 11 }),
        message: expect.stringMatching(/Pass --region or set `settings\.region`/),
      }),
    ]);
  });

  test('a partly unknown stage keeps its known parts', () => {
    const s = resolveYaml('service: a\nprovider:\n  name: aws\n  stage: pr-${env:PR}\n');
    expect(s.stage).toBeInstanceOf(Unknown);
    expect((s.stage as Unknown).parts).toEqual(['pr-', expect.objectContaining({ text: '${env:PR}' })]);
  });

  test('--stage/--region given: known, no unknown-stage/unknown-region diagnostic', () => {
    const s = resolveYaml('service: a\nprovider:\n  name: aws\n  stage: ${opt:stage}\n  region: ${env:REGION}\n', { stage: 'prod', region: 'eu-west-1' });
    expect([s.stage, s.region]).toEqual(['prod', 'eu-west-1']);
    expect(diagnosticsWith(s, 'unknown-stage')).toEqual([]);
    expect(diagnosticsWith(s, 'unknown-region')).toEqual([]);
  });

  test('a stage that refers to itself is a cycle, not a hang', () => {
    const s = resolveYaml('service: a\nprovider:\n  name: aws\n  stage: ${sls:stage}\n');
    expect(diagnosticsWith(s, 'variable-cycle')).toHaveLength(1);
    expect(nodeOf(s, 'provider', 'stage').kind).toBe('unknown');
  });

  test('provider.variableSyntax is reported as unsupported', () => {
    const s = resolveYaml(`service: a
provider:
  name: aws
  variableSyntax: "\\\\\${{([ ~:a-zA-Z0-9._\\\\'\\",\\\\-\\\\/\\\\(\\\\)]+?)}}"
`);
    expect(diagnosticsWith(s, 'unsupported-variable-syntax')).toEqual([
      expect.objectContaining({ severity: 'warning', path: ['provider', 'variableSyntax'], span: expect.objectContaining({ line: 4, column: 3 }) }),
    ]);
  });
});
