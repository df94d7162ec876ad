/** What the resolver keeps per run (the settled stage and region) never changes an answer. */
import { describe, expect, test } from 'vitest';
import type { UnknownNode } from '../../src/load/node.js';
import { diagnosticsWith, nodeOf, plainOf, resolveYaml } from './helpers.js';

describe('the stage, settled once', () => {
  test('is the same for a variable read before provider.stage and one read after it', () => {
    const s = resolveYaml(`service: a
custom:
  early: \${sls:stage}
provider:
  name: aws
  stage: \${env:STAGE, 'prod'}
functions:
  f: {handler: h.h, description: "\${sls:stage}"}
`);
    expect(plainOf(s, 'custom', 'early')).toBe('prod');
    expect(plainOf(s, 'functions', 'f', 'description')).toBe('prod');
    expect(s.stage).toBe('prod');
  });

  test.each([
    ['read first', 'provider:\n  name: aws\n  stage: ${sls:stage}\ncustom:\n  other: ${sls:stage}\n'],
    ['read after a variable that needs it', 'custom:\n  other: ${sls:stage}\nprovider:\n  name: aws\n  stage: ${sls:stage}\n'],
  ])('a cycle met while provider.stage itself resolves is not the answer given to other variables (provider.stage %s)', (_, body) => {
    const s = resolveYaml(`service: a\n${body}functions:\n  f: {handler: h.h, description: "\${sls:stage}"}\n`);
    const cycle = 'variable cycle: provider.stage depends on itself';
    // Inside provider.stage the cycle is the answer; everywhere else provider.stage is an unknown value.
    expect((nodeOf(s, 'provider', 'stage') as UnknownNode).reason).toBe(cycle);
    expect((nodeOf(s, 'custom', 'other') as UnknownNode).reason).toBe(`provider.stage is unknown (${cycle})`);
    expect((nodeOf(s, 'functions', 'f', 'description') as UnknownNode).reason).toBe(`provider.stage is unknown (${cycle})`);
    expect(diagnosticsWith(s, 'variable-cycle').map((d) => d.path)).toEqual([['provider', 'stage']]);
  });

  test('an invalid provider.region is reported at every variable that reads it', () => {
    const s = resolveYaml(`service: a
provider:
  name: aws
  region: [x]
custom:
  a: \${aws:region}
  b: \${aws:region}
`);
    expect(diagnosticsWith(s, 'unresolved-variable').map((d) => d.path)).toEqual([
      ['custom', 'a'],
      ['custom', 'b'],
    ]);
  });
});
