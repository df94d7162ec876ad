import type { LineCounter } from 'yaml';
import type { Span } from './node.js';

/** Turns 0-based [start, end) offsets into a located Span of one file. */
export type SpanOf = (start: number, end: number) => Span;

/**
 * `yaml` reports problems at the end of input one character past it (`[length, length + 1]`);
 * offsets are clamped into the text so every span can be sliced and shown.
 */
export function spanFactory(file: string, lines: LineCounter, textLength: number): SpanOf {
  const clamp = (offset: number) => Math.min(Math.max(offset, 0), textLength);
  return (start, end) => {
    const from = clamp(start);
    // An end before the start only comes from empty nodes; collapse it rather than invert the span.
    const to = Math.max(from, clamp(end));
    const fromPos = lines.linePos(from);
    const toPos = lines.linePos(to);
    return {
      file,
      line: fromPos.line,
      column: fromPos.col,
      endLine: toPos.line,
      endColumn: toPos.col,
      offset: from,
      endOffset: to,
    };
  };
}

/** The empty span at the very top of a file, for diagnostics about the file as a whole. */
export function fileStartSpan(file: string): Span {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };
}
