import { describe, expect, test } from 'vitest';
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

  test('an unresolvable provider.stage stays unknown: its text stands in, sls:stage is Unknown', () => {
    const s = resolveYaml('service: a\nprovider:\n  name: aws\n  stage: ${env:STAGE}\ncustom:\n  stage: ${sls:stage}\n');
    expect(s.stage).toBe('${env:STAGE}');
    expect(nodeOf(s, 'custom', 'stage').kind).toBe('unknown');
    // Reported once, where the unresolvable variable is written.
    expect(diagnosticsWith(s, 'unresolved-variable').map((d) => d.span?.line)).toEqual([4]);
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
