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
  const base = valueStart(fileText, span, value);
  if (base < 0) return whole;
  return (start, end) => spanBetween(fileText, span, base + start, base + end);
}

/**
 * Where `value` is written inside the span: all of it (plain), inside its quotes, or its only
 * occurrence; -1 when none fits. The common cases compare in place, without copying the text.
 */
function valueStart(fileText: string, span: Span, value: string): number {
  const { offset, endOffset } = span;
  const length = endOffset - offset;
  if (length === value.length && fileText.startsWith(value, offset)) return offset;
  const quote = fileText[offset];
  // Whatever closes the quote, as long as the value fills the rest.
  if (length === value.length + 2 && (quote === "'" || quote === '"') && fileText.startsWith(value, offset + 1)) return offset + 1;
  if (value === '') return -1;
  const raw = fileText.slice(offset, endOffset);
  const at = raw.indexOf(value);
  return at >= 0 && raw.indexOf(value, at + 1) < 0 ? offset + at : -1;
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
  if (target <= offset) return { line, column };
  let lineStart = -1;
  for (let nl = text.indexOf('\n', offset); nl >= 0 && nl < target; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl;
  }
  return { line, column: lineStart < 0 ? column + target - offset : target - lineStart };
}
