/**
 * Random Serverless services mixing every IAM setting, event type and variable form:
 * synthesis and the full lint never fail internally, and finding fingerprints do not change
 * when unrelated lines move.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceText } from './arbitraries.js';
import { expectSoundLint, lintText, params, pipelineText, TIMEOUT } from './harness.js';

/** Comment and blank lines, inserted before the text and between its top-level blocks. */
function moveLines(text: string, seed: number): string {
  const lines = text.split('\n');
  const out: string[] = [`# unrelated comment ${seed}`, ''];
  for (const line of lines) {
    // Only before a top-level key: never inside a block scalar or a flow value.
    if (/^[A-Za-z_"]/.test(line) && seed % 2 === 0) out.push('', `# moved by ${seed}`);
    out.push(line);
  }
  return out.join('\n');
}

describe('fuzz: random services', () => {
  it(
    'synthesize returns a model for every service that loads',
    () => {
      fc.assert(
        fc.property(serviceText, (text) => {
          const result = pipelineText(text);
          if (result.parsed.root && !result.parsed.diagnostics.some((d) => d.severity === 'error')) {
            expect(result.model, text).toBeDefined();
            expect(Array.isArray(result.model!.functions)).toBe(true);
            expect(Array.isArray(result.model!.roles)).toBe(true);
          }
        }),
        params(200),
      );
    },
    TIMEOUT,
  );

  it(
    'the full lint never fails internally; findings are complete and located',
    async () => {
      await fc.assert(
        fc.asyncProperty(serviceText, async (text) => {
          expectSoundLint(await lintText(text), text);
        }),
        params(120),
      );
    },
    TIMEOUT,
  );

  it(
    'fingerprints stay the same when unrelated lines move',
    async () => {
      await fc.assert(
        fc.asyncProperty(serviceText, fc.nat(1000), async (text, seed) => {
          const before = await lintText(text);
          const after = await lintText(moveLines(text, seed));
          const key = (r: typeof before) => r.findings.map((f) => `${f.ruleId} ${f.messageId} ${f.fingerprint}`).sort();
          expect(key(after), text).toEqual(key(before));
        }),
        params(40),
      );
    },
    TIMEOUT,
  );
});
