/**
 * Random YAML through every stage: the loader, the resolver and synthesis never throw, every
 * location is inside the text, and the full lint ends without internal errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FATAL_LOAD_CODES } from '../../src/load/yaml-problems.js';
import { yamlBytes, yamlText } from './arbitraries.js';
import { allSpans, expectSoundLint, lintText, params, pipelineText, spanInside, TIMEOUT } from './harness.js';

describe('fuzz: random YAML', () => {
  it(
    'parses without throwing; every span is inside the text; a tree exactly when nothing fatal',
    () => {
      fc.assert(
        fc.property(yamlText, (text) => {
          const { parsed } = pipelineText(text);
          const length = parsed.source.text.length;
          for (const d of parsed.diagnostics) expect(spanInside(d.span, length), JSON.stringify(d)).toBe(true);
          if (parsed.root) for (const span of allSpans(parsed.root)) expect(spanInside(span, length)).toBe(true);
          const fatal = parsed.diagnostics.some((d) => FATAL_LOAD_CODES.has(d.code));
          if (fatal) expect(parsed.root).toBeUndefined();
        }),
        params(400),
      );
    },
    TIMEOUT,
  );

  it(
    'bytes that are not UTF-8 read like any text',
    () => {
      fc.assert(
        fc.property(yamlBytes, (bytes) => {
          const text = bytes.toString('utf8');
          const { parsed } = pipelineText(text);
          for (const d of parsed.diagnostics) expect(spanInside(d.span, parsed.source.text.length)).toBe(true);
        }),
        params(200),
      );
    },
    TIMEOUT,
  );

  it(
    'the full lint of random YAML never fails internally',
    async () => {
      await fc.assert(
        fc.asyncProperty(yamlText, async (text) => {
          expectSoundLint(await lintText(text), text);
        }),
        params(100),
      );
    },
    TIMEOUT,
  );
});
