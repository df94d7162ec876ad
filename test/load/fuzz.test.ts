/** Arbitrary YAML-ish input never throws and every location points inside the text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node, Span } from '../../src/load/node.js';
import { parse } from './parse-helpers.js';

const pieces = [
  'a', 'b', 'key', ':', ': ', ' ', '  ', '\n', '\r\n', '\t', '- ', '[', ']', '{', '}', ',', '"', "'", '#', '&x ', '*x', '&y ',
  '*y', '<<: ', '!Ref ', '!GetAtt ', '!Sub ', '!Foo ', '!!str ', '|', '>', '---\n', '...\n', '? ', '~', '1', '0x1F', '\\', '%YAML 1.2\n', '\uFEFF', 'é',
];
const yamlish = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''));

function inside(span: Span | undefined, length: number): boolean {
  if (!span) return true;
  return span.offset >= 0 && span.offset <= span.endOffset && span.endOffset <= length && span.line >= 1 && span.column >= 1;
}

function allSpans(node: Node, out: Span[] = []): Span[] {
  out.push(node.span);
  if (node.kind === 'seq') node.items.forEach((item) => allSpans(item, out));
  if (node.kind === 'map') {
    for (const entry of node.entries) {
      out.push(entry.keySpan);
      allSpans(entry.value, out);
    }
  }
  return out;
}

describe('parsing arbitrary input', () => {
  it('never throws and locates everything inside the text', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        const parsed = parse(text);
        const length = parsed.source.text.length;
        for (const d of parsed.diagnostics) expect(inside(d.span, length), JSON.stringify(d)).toBe(true);
        if (parsed.root) for (const span of allSpans(parsed.root)) expect(inside(span, length)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
