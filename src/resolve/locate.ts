/**
 * Spans for pieces of a string value: a variable written inside a string is reported
 * at its own columns when the string's source text maps 1:1 onto its value.
 */
import type { ScalarNode, Span } from '../load/node.js';

/** Span of the characters [start, end) of a string value. */
export type Locate = (start: number, end: number) => Span;

/**
 * Plain and simply quoted scalars map 1:1 onto their source text; for the others
 * (escapes, folded or block scalars) every piece gets the whole value's span.
 */
export function locatorFor(node: ScalarNode, value: string, fileText: string | undefined): Locate {
  const { span } = node;
  const whole: Locate = () => span;
  if (fileText === undefined || span.endOffset > fileText.length) return whole;
  const raw = fileText.slice(span.offset, span.endOffset);
  let base = -1;
  if (raw === value) base = span.offset;
  else if (raw.length >= 2 && (raw[0] === "'" || raw[0] === '"') && raw.slice(1, -1) === value) base = span.offset + 1;
  else if (value !== '') {
    const at = raw.indexOf(value);
    if (at >= 0 && raw.indexOf(value, at + 1) < 0) base = span.offset + at;
  }
  if (base < 0) return whole;
  return (start, end) => spanBetween(fileText, span, base + start, base + end);
}

/** A locator for text that sits at `offset` inside what `outer` locates (a quoted fallback, say). */
export function shiftLocator(outer: Locate, offset: number): Locate {
  return (start, end) => outer(offset + start, offset + end);
}

function spanBetween(text: string, anchor: Span, from: number, to: number): Span {
  const start = advance(text, anchor.offset, anchor.line, anchor.column, from);
  const end = advance(text, from, start.line, start.column, to);
  return { file: anchor.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, offset: from, endOffset: to };
}

/** Line and column of `target`, counting from a known position. */
function advance(text: string, offset: number, line: number, column: number, target: number) {
  for (let i = offset; i < target; i++) {
    if (text[i] === '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  return { line, column };
}
