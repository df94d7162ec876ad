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
  const lineIndex = lineIndexer(lines);
  return (start, end) => {
    const from = clamp(start);
    // An end before the start only comes from empty nodes; collapse it rather than invert the span.
    const to = Math.max(from, clamp(end));
    const fromLine = lineIndex(from);
    const toLine = lineIndex(to);
    return {
      file,
      line: fromLine + 1,
      column: fromLine < 0 ? from : from - lines.lineStarts[fromLine]! + 1,
      endLine: toLine + 1,
      endColumn: toLine < 0 ? to : to - lines.lineStarts[toLine]! + 1,
      offset: from,
      endOffset: to,
    };
  };
}

/**
 * The 0-based line holding an offset (the last line start at or before it; -1 before the
 * first), with `LineCounter.linePos`'s answers. Spans are asked for in nearly ascending
 * order, so the line found last (or the next one) is tried before a binary search.
 */
function lineIndexer(lines: LineCounter): (offset: number) => number {
  const starts = lines.lineStarts;
  // Line starts arrive while the text is parsed; each new one is checked once.
  let checked = 1;
  let ascending = true;
  let last = 0;
  return (offset) => {
    const n = starts.length;
    for (; checked < n && ascending; checked++) ascending = starts[checked]! > starts[checked - 1]!;
    // Never seen from `yaml`; its own binary search is the reference if it ever happens.
    if (!ascending) return fromLinePos(lines, offset);
    if (n === 0 || offset < starts[0]!) return -1;
    if (last < n && starts[last]! <= offset) {
      if (last + 1 === n || offset < starts[last + 1]!) return last;
      if (last + 2 === n || offset < starts[last + 2]!) return ++last;
    }
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return (last = low);
  };
}

function fromLinePos(lines: LineCounter, offset: number): number {
  const { line } = lines.linePos(offset);
  return line - 1;
}

/** The empty span at the very top of a file, for diagnostics about the file as a whole. */
export function fileStartSpan(file: string): Span {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, endOffset: 0 };
}
