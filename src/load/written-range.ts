/**
 * Exactly where a `yaml` AST node is written in the text.
 *
 * `yaml` ends block collections and block scalars after their trailing line break (and
 * any blank lines), which would make every map end on the line of the next key. The
 * written range ends at the node's last character instead.
 */
import { isMap, isPair, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';

type Located = YamlNode & { range?: [number, number, number] | null };

/** [start, end) offsets of the node's value, without any tag or anchor written before it. */
export function writtenRange(text: string, yn: YamlNode): [number, number] {
  const range = (yn as Located).range;
  if (!range) return [0, 0];
  return [range[0], contentEnd(text, yn)];
}

/** The end offset of `writtenRange` alone (0 for a node without a range). */
export function writtenEnd(text: string, yn: YamlNode): number {
  return (yn as Located).range ? contentEnd(text, yn) : 0;
}

/** How far before a value its tag is looked for: a tag, an anchor and the space between them. */
const TAG_LOOKBACK = 4096;

/**
 * Where a tag written before a value starts, so that `!Ref X` is located as a whole;
 * `valueStart` itself when the tag is not found right before it (e.g. a verbatim `!<…>` tag).
 * Linear in the distance looked back, which is bounded: no regular expression that could
 * backtrack, no search through the whole file.
 */
export function tagStart(text: string, tag: string, valueStart: number): number {
  const windowStart = Math.max(0, valueStart - TAG_LOOKBACK);
  const at = text.slice(windowStart, valueStart).lastIndexOf(tag);
  if (at < 0) return valueStart;
  const from = windowStart + at;
  // Only whitespace and anchors (`&name`) may separate a tag from its value.
  let i = from + tag.length;
  while (i < valueStart) {
    if (isSpace(text.charCodeAt(i))) {
      i++;
    } else if (text[i] === '&' && i + 1 < valueStart && !isSpace(text.charCodeAt(i + 1))) {
      i += 2;
      while (i < valueStart && !isSpace(text.charCodeAt(i))) i++;
    } else {
      return valueStart;
    }
  }
  return from;
}

/** What `\s` matches. */
function isSpace(code: number): boolean {
  return /\s/.test(String.fromCharCode(code));
}

/** Block collections end with their last item, found by walking down (no recursion). */
function contentEnd(text: string, yn: YamlNode): number {
  let current: YamlNode = yn;
  for (;;) {
    const range = (current as Located).range!;
    if (isScalar(current) && (current.type === 'BLOCK_LITERAL' || current.type === 'BLOCK_FOLDED')) {
      let end = range[1];
      while (end > range[0] && /\s/.test(text[end - 1]!)) end--;
      return end;
    }
    if (!(isMap(current) || isSeq(current)) || current.flow) return range[1];
    const last = current.items.at(-1) as YamlNode | Pair | undefined;
    const next = last === undefined ? undefined : isPair(last) ? lastWritten(last) : last;
    if (!next || !(next as Located).range) return range[1];
    current = next;
  }
}

/** The later-written of a pair's key and value (an empty value can sit before its key's end). */
function lastWritten(pair: Pair): YamlNode | undefined {
  const key = pair.key as Located | null;
  const value = pair.value as Located | null;
  if (value?.range && (!key?.range || value.range[1] > key.range[1])) return value;
  return key?.range ? key : undefined;
}
