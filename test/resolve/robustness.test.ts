import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { nodeFromPlain, type Span } from '../../src/load/node.js';
import { parseYaml } from '../../src/load/parse.js';
import { resolveService } from '../../src/resolve/index.js';

const span: Span = { file: '/virtual/serverless.yml', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };
const source = { file: span.file, text: '' };

function resolvePlain(value: unknown) {
  return resolveService({ file: span.file, root: nodeFromPlain(value, span), diagnostics: [], source } as never, { env: {} });
}

describe('robustness', () => {
  test('a config that is not a map resolves to an empty config', () => {
    for (const root of ['${self:x}', ['${self:0}'], 42, null]) {
      const s = resolvePlain(root);
      expect(Object.keys(s.config)).toEqual([]);
    }
  });

  test('any string made of variable syntax resolves without throwing, and every diagnostic is located', () => {
    const token = fc.constantFrom('${', '}', 'self:', 'custom.', 'a', 'b', ', ', "'", '"', 'file(', ')', ':', '.', '0', 'env:', 'opt:stage', 'sls:stage', 'strToBool(', 'ssm:/p', '${self:custom.a}', '${self:custom.b}', 'AWS::Region', '\\', ' ');
    const text = fc.array(token, { maxLength: 30 }).map((t) => t.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const s = resolvePlain({ service: 'x', custom: { a, b, list: [a, b] } });
        expect(s.diagnostics.every((d) => d.span !== undefined)).toBe(true);
        JSON.stringify(s.config);
      }),
      { numRuns: 500 },
    );
  });

  test('arbitrary YAML text resolves without throwing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseYaml(`service: a\ncustom:\n  x: ${JSON.stringify(text)}\n  y: \${self:custom.x}\n`, span.file);
        if (parsed.root) resolveService({ ...parsed, root: parsed.root }, { env: {} });
      }),
      { numRuns: 300 },
    );
  });
});
