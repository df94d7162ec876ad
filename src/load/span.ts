import type { LineCounter } from 'yaml';
import type { Span } from './node.js';

/** Turns 0-based [start, end) offsets into a located Span of one file. */
export type SpanOf = (start: number, end: number) => Span;

export function spanFactory(file: string, lines: LineCounter): SpanOf {
  return (start, end) => {
    const from = lines.linePos(start);
    // An end before the start only comes from empty nodes; collapse it rather than invert the span.
    const to = lines.linePos(Math.max(start, end));
    return {
      file,
      line: from.line,
      column: from.col,
      endLine: to.line,
      endColumn: to.col,
      offset: start,
      endOffset: Math.max(start, end),
    };
  };
}

/** The empty span at the very top of a file, for diagnostics about the file as a whole. */
export function fileStartSpan(file: string): Span {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };
}
